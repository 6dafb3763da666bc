//! Small OpenAPI documents and what the importer writes for them: unions whose members are
//! tagged by enums, `anyOf`/`oneOf` of `required` lists as `requires`, and a document whose
//! `allOf` loops. Each imported spec is also generated (through the native validator), so a
//! shape the importer writes but the spec language refuses fails here.

use std::path::Path;

use codegen::import::{self, Sources, overlay::Overlay};

const HEAD: &str = "openapi: 3.1.0\ninfo: { title: T, version: \"1\" }\nservers: [{ url: \"https://example.com\" }]\n";

/// The spec the importer writes for `body` (paths and components) with `overlay_extra`
/// added to an overlay that takes every operation; panics with the importer's message.
fn import(body: &str, overlay_extra: &str) -> import::Imported {
    let shown = "upstream/t.yaml";
    let overlay_text = format!("document: {shown}\nselect: {{ all: true }}\n{overlay_extra}");
    let overlay = Overlay::read(Path::new("spec/t.overlay.yaml"), &overlay_text).unwrap_or_else(|e| panic!("{e}"));
    let doc = import::read_document(Path::new(shown), &format!("{HEAD}{body}")).unwrap_or_else(|e| panic!("{e}"));
    let imported = import::import(&doc, &overlay, Sources { document: shown, overlay: "spec/t.overlay.yaml" })
        .unwrap_or_else(|e| panic!("{e}"));
    generates(&imported.spec);
    imported
}

/// The imported spec passes the native validator and generates.
fn generates(spec: &str) {
    let files =
        codegen::generate(&codegen::Target::new("spec/t.yaml", "t"), spec).map(|_| ()).map_err(|e| e.to_string());
    assert!(files.is_ok(), "the imported spec does not generate: {files:?}\n{spec}");
}

/// The YAML mapping of type `name` in the imported spec.
fn type_def(spec: &str, name: &str) -> serde_yaml::Value {
    let spec: serde_yaml::Value = serde_yaml::from_str(spec).unwrap_or_else(|e| panic!("{e}"));
    spec["types"][name].clone()
}

const TOOLS: &str = r##"paths:
  /tools:
    post:
      operationId: addTool
      requestBody:
        content: { application/json: { schema: { $ref: "#/components/schemas/Tool" } } }
      responses:
        "200": { description: OK, content: { application/json: { schema: { $ref: "#/components/schemas/Tool" } } } }
components:
  schemas:
    Tool:
      oneOf:
        - $ref: "#/components/schemas/WebSearchTool"
        - $ref: "#/components/schemas/FunctionTool"
      discriminator: { propertyName: type }
    WebSearchTool:
      type: object
      required: [type]
      properties:
        level: { type: string, enum: [low, high] }
        type: { type: string, enum: [web_search, web_search_2025] }
    FunctionTool:
      type: object
      required: [type, name]
      properties:
        level: { type: string, enum: [auto] }
        type: { type: string, enum: [function] }
        name: { type: string }
"##;

#[test]
fn a_member_tagged_by_an_enum_is_listed_under_each_value() {
    let spec = import(TOOLS, "").spec;
    let union = &type_def(&spec, "Tool")["union"];
    // `level` also has values of its own in each member, but is not one value in each:
    // the one-value tag (the discriminator's here) wins.
    assert_eq!(union["tag"].as_str(), Some("type"), "{spec}");
    for (value, member) in
        [("web_search", "WebSearchTool"), ("web_search_2025", "WebSearchTool"), ("function", "FunctionTool")]
    {
        assert_eq!(union["variants"][value].as_str(), Some(member), "{value} in\n{spec}");
    }
}

#[test]
fn an_enum_is_no_tag_where_a_member_does_not_require_it() {
    // Without a one-value property, `level` (enums, disjoint) would do, but no member
    // requires it: the union is not made, and its place is any JSON value, noted.
    let body = TOOLS.replace("      discriminator: { propertyName: type }\n", "").replace(
        "        type: { type: string, enum: [function] }\n",
        "        type: { type: string, enum: [function, function_v2, web_search] }\n",
    );
    let imported = import(&body, "");
    assert!(type_def(&imported.spec, "Tool").get("union").is_none(), "{}", imported.spec);
    assert!(imported.coverage.contains("no tag field"), "{}", imported.coverage);
}

const IMAGES: &str = r##"paths:
  /images:
    post:
      operationId: addImage
      requestBody:
        content: { application/json: { schema: { $ref: "#/components/schemas/ImageRef" } } }
      responses:
        "200": { description: OK, content: { application/json: { schema: { $ref: "#/components/schemas/Batch" } } } }
  /batches:
    post:
      operationId: addBatch
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                file_ids: { type: array, items: { type: string } }
                files: { type: array, items: { type: string } }
              oneOf: [{ required: [file_ids] }, { required: [files] }, { required: [files] }]
      responses:
        "200": { description: OK, content: { application/json: { schema: { $ref: "#/components/schemas/Batch" } } } }
components:
  schemas:
    ImageRef:
      type: object
      properties:
        image_url: { type: string }
        file_id: { type: string }
      anyOf: [{ required: [image_url] }, { required: [file_id] }]
    Batch:
      type: object
      required: [id]
      properties:
        id: { type: string }
        url: { type: string }
      anyOf: [{ required: [id] }, { required: [url] }]
"##;

#[test]
fn required_lists_under_any_of_and_one_of_become_requires() {
    let imported = import(IMAGES, "");
    let spec = &imported.spec;
    let image = &type_def(spec, "ImageRef")["requires"]["any_of"];
    assert_eq!(image, &serde_yaml::from_str::<serde_yaml::Value>("[image_url, file_id]").unwrap_or_default());
    // The repeated set is written once.
    let batch = &type_def(spec, "AddBatchBody")["requires"]["one_of"];
    assert_eq!(batch, &serde_yaml::from_str::<serde_yaml::Value>("[file_ids, files]").unwrap_or_default(), "{spec}");
    // `id` is required already: that rule says nothing the object does not, and is noted.
    assert!(type_def(spec, "Batch").get("requires").is_none(), "{spec}");
    assert!(
        imported.coverage.contains("a set names a field that is not an optional property"),
        "{}",
        imported.coverage
    );
}

#[test]
fn one_name_for_two_places_making_the_same_object_with_requires_is_no_clash() {
    // Two operations define the same inline body; the overlay names both `Upload`.
    let body = format!(
        "{}  /batches2:\n    post:\n      operationId: addBatch2\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                file_ids: {{ type: array, items: {{ type: string }} }}\n                files: {{ type: array, items: {{ type: string }} }}\n              oneOf: [{{ required: [file_ids] }}, {{ required: [files] }}, {{ required: [files] }}]\n      responses:\n        \"200\": {{ description: OK }}\n",
        IMAGES.split("components:").next().unwrap_or_default()
    ) + "components:"
        + IMAGES.split("components:").nth(1).unwrap_or_default();
    let names = "names:\n  /paths/~1batches/post/requestBody/content/application~1json/schema: Upload\n  /paths/~1batches2/post/requestBody/content/application~1json/schema: Upload\n";
    let spec = import(&body, names).spec;
    assert!(type_def(&spec, "Upload").get("requires").is_some(), "{spec}");
}

#[test]
fn a_document_whose_all_of_loops_imports_without_hanging() {
    let body = r##"paths:
  /things:
    get:
      operationId: getThing
      responses:
        "200": { description: OK, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }
components:
  schemas:
    Thing:
      oneOf:
        - $ref: "#/components/schemas/Loop"
        - $ref: "#/components/schemas/Other"
    Loop:
      allOf: [{ $ref: "#/components/schemas/Loop" }]
    Other:
      type: object
      required: [kind]
      properties:
        kind: { type: string, enum: [other, another] }
"##;
    let overlay = Overlay::read(Path::new("spec/t.overlay.yaml"), "document: upstream/t.yaml\nselect: { all: true }\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let doc =
        import::read_document(Path::new("upstream/t.yaml"), &format!("{HEAD}{body}")).unwrap_or_else(|e| panic!("{e}"));
    // An error or a result, located, but an answer: no stack overflow, no hang.
    let result =
        import::import(&doc, &overlay, Sources { document: "upstream/t.yaml", overlay: "spec/t.overlay.yaml" });
    if let Err(error) = result {
        assert!(error.to_string().contains("/components/schemas/"), "{error}");
    }
}

#[test]
fn downloads_are_binary_responses_and_event_streams_wait() {
    let body = r##"paths:
  /skills/{id}/content:
    get:
      operationId: getSkillContent
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: OK
          content:
            application/zip: { schema: { type: string, format: binary } }
            application/json: { schema: { type: string } }
  /speech:
    post:
      operationId: speak
      responses:
        "200":
          description: OK
          content:
            audio/mpeg: { schema: { type: string, format: binary } }
            text/event-stream: { schema: { type: string } }
  /archive:
    get:
      operationId: getArchive
      responses:
        "200": { description: OK, content: { application/octet-stream: { schema: { type: string } } } }
  /skills:
    get:
      operationId: listSkills
      responses:
        "200": { description: OK, content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } } }
"##;
    let imported = import(body, "");
    let spec: serde_yaml::Value = serde_yaml::from_str(&imported.spec).unwrap_or_else(|e| panic!("{e}"));
    let ops = &spec["operations"];
    // Bytes beside a JSON string are bytes (decoding them as JSON would fail); asked for as listed.
    assert_eq!(ops["getSkillContent"]["response"], "binary", "{}", imported.spec);
    assert_eq!(ops["getSkillContent"]["headers"]["Accept"], "application/zip");
    assert_eq!(ops["getArchive"]["response"], "binary");
    assert_eq!(ops["getArchive"]["headers"]["Accept"], "application/octet-stream");
    assert!(ops["listSkills"]["response"].as_str().is_some_and(|r| r != "binary"));
    // Bytes or events: the operation waits for SSE.
    assert!(ops.get("speak").is_none(), "{}", imported.spec);
    assert!(
        imported.coverage.contains("a response of audio/mpeg, text/event-stream (not JSON)"),
        "{}",
        imported.coverage
    );
}

const MESSAGES: &str = r##"paths:
  /items:
    post:
      operationId: addItem
      requestBody:
        content: { application/json: { schema: { $ref: "#/components/schemas/AddItem" } } }
      responses:
        "200": { description: OK, content: { application/json: { schema: { $ref: "#/components/schemas/Stored" } } } }
components:
  schemas:
    AddItem:
      type: object
      required: [item]
      properties:
        item: { $ref: "#/components/schemas/Item" }
    Item:
      oneOf:
        - $ref: "#/components/schemas/EasyMessage"
        - $ref: "#/components/schemas/UserMessage"
        - $ref: "#/components/schemas/Reference"
      discriminator: { propertyName: type }
    Stored:
      oneOf:
        - $ref: "#/components/schemas/UserMessage"
        - $ref: "#/components/schemas/BotMessage"
        - $ref: "#/components/schemas/Reference"
    EasyMessage:
      type: object
      required: [role, content]
      properties:
        type: { type: string, enum: [message] }
        role: { type: string, enum: [user, bot] }
        content: { type: string }
    UserMessage:
      type: object
      required: [type, role, content]
      properties:
        type: { type: string, enum: [message] }
        role: { type: string, enum: [user] }
        content: { type: array, items: { type: string } }
    BotMessage:
      type: object
      required: [type, role, id]
      properties:
        type: { type: string, enum: [message] }
        role: { type: string, enum: [bot] }
        id: { type: string }
    Reference:
      type: object
      required: [id]
      properties:
        type: { anyOf: [{ type: string, enum: [reference] }, { type: "null" }] }
        id: { type: string }
"##;

#[test]
fn members_sharing_a_tag_value_are_told_apart_by_a_second_field() {
    let imported = import(MESSAGES, "");
    let stored = type_def(&imported.spec, "Stored");
    let message = &stored["union"]["variants"]["message"];
    assert_eq!(message["by"], "role", "{stored:?}");
    let members: Vec<&str> =
        message["members"].as_sequence().into_iter().flatten().filter_map(|m| m.as_str()).collect();
    assert_eq!(members, ["UserMessage", "BotMessage"]);
    // Every member requires its tag here: no member stands for objects without it.
    assert!(stored["union"].get("untagged").is_none(), "{stored:?}");
}

#[test]
fn a_member_whose_values_another_covers_is_left_out_and_the_untagged_one_is_chosen() {
    let imported = import(MESSAGES, "");
    let item = type_def(&imported.spec, "Item");
    // UserMessage's `role` values are all EasyMessage's: one member is left for `message`.
    assert_eq!(item["union"]["variants"]["message"], "EasyMessage", "{item:?}");
    assert_eq!(item["union"]["untagged"], "EasyMessage", "{item:?}");
    let easy = type_def(&imported.spec, "EasyMessage");
    assert_eq!(easy["fields"]["type"]["optional"], true, "{easy:?}");
    // The other member whose tag the document leaves optional (and nullable) gets it required.
    let reference = type_def(&imported.spec, "Reference");
    assert!(reference["fields"]["type"].get("optional").is_none(), "{reference:?}");
    assert!(reference["fields"]["type"].get("nullable").is_none(), "{reference:?}");
    let report = imported.coverage.as_str();
    assert!(report.contains("left out of the union: decoded as `EasyMessage`"), "{report}");
}
