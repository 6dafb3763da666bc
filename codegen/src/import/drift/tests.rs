//! The drift report on small hand-written documents (each view: added, removed, changed),
//! and on OpenAI's two vendored documents against the facts measured upstream.

use std::path::Path;

use super::shape::member_labels;
use super::*;

fn doc(yaml: &str) -> Value {
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(value) => value,
        Err(error) => panic!("test document: {error}"),
    }
}

fn change<'a>(changes: &'a [ListChange], place: &str) -> Option<&'a ListChange> {
    changes.iter().find(|c| c.place == place)
}

fn facts_of<'a>(drift: &'a Drift, id: &str) -> &'a [String] {
    drift.operations_changed.iter().find(|c| c.operation.id == id).map_or(&[], |c| &c.facts)
}

const OLD_OPERATIONS: &str = r##"
paths:
  /pets:
    parameters:
      - {name: trace, in: header, schema: {type: string}}
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: order, in: query, schema: {type: string, enum: [asc, desc]}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pets"}}}}
    post:
      operationId: createPet
      requestBody:
        content:
          application/json: {schema: {$ref: "#/components/schemas/NewPet"}}
      responses:
        "201": {$ref: "#/components/responses/Created"}
  /pets/{id}:
    delete:
      operationId: deletePet
      description: Deletes a pet.
      responses: {"204": {description: gone}}
    get:
      operationId: getPet
      responses: {"200": {description: ok}}
components:
  responses:
    Created: {description: created, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
"##;

const NEW_OPERATIONS: &str = r##"
paths:
  /pets:
    parameters:
      - {name: trace, in: header, required: true, schema: {type: string}}
    get:
      operationId: listPets
      parameters:
        - {name: after, in: query, schema: {type: string}}
        - {name: order, in: query, schema: {type: string, enum: [asc, desc, random]}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/PetPage"}}}}
        "429": {description: slow down}
    post:
      operationId: createPet
      deprecated: true
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: "#/components/schemas/NewPet"}}
          multipart/form-data: {schema: {type: object}}
      responses:
        "201": {description: created, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
  /pets/{id}:
    delete:
      operationId: deletePet
      description: Deletes a pet, for good.
      responses: {"204": {description: gone}}
    put:
      operationId: getPet
      responses: {"200": {description: ok}}
  /pets/{id}/photo:
    get:
      operationId: getPetPhoto
      responses: {"200": {description: ok}}
"##;

#[test]
fn operations_added_removed_moved_and_changed() {
    let (old, new) = (doc(OLD_OPERATIONS), doc(NEW_OPERATIONS));
    let drift = drift(&old, &new);
    assert_eq!(drift.operation_counts, (4, 5));
    assert_eq!(ids(&drift.operations_added), ["getPetPhoto GET /pets/{id}/photo"]);
    assert!(drift.operations_removed.is_empty());
    assert_eq!(facts_of(&drift, "getPet"), ["moved from `GET /pets/{id}`"]);
    assert_eq!(
        facts_of(&drift, "listPets"),
        [
            "parameter `header trace`: now required",
            "parameter `query order`: inline schema changed",
            "parameter added: `query after`",
            "parameter removed: `query limit`",
            "response `200` `application/json`: `Pets` → `PetPage`",
            "response `429` added",
        ]
    );
    // The path item's parameters are every operation's. The 201 response was a `$ref` and
    // is now written out, the same: no change.
    assert_eq!(
        facts_of(&drift, "createPet"),
        [
            "now deprecated",
            "parameter `header trace`: now required",
            "request body now required",
            "request body: media type added: `multipart/form-data`"
        ]
    );
    assert_eq!(ids(&drift.operations_reworded), ["deletePet DELETE /pets/{id}"]);
    // The enum of an operation's inline parameter schema, addressed by the parameter's name.
    let order = change(&drift.enum_values, "operation listPets/parameters[query order]");
    assert_eq!(order.map(|c| c.added.as_slice()), Some(&["\"random\"".to_owned()][..]));

    let back = super::drift(&new, &old);
    assert_eq!(ids(&back.operations_removed), ["getPetPhoto GET /pets/{id}/photo"]);
    assert!(back.operations_added.is_empty());
    assert_eq!(facts_of(&back, "createPet")[0], "no longer deprecated");
    assert_eq!(
        change(&back.enum_values, "operation listPets/parameters[query order]").map(|c| c.removed.len()),
        Some(1)
    );
}

#[test]
fn an_operation_without_a_unique_id_goes_by_method_and_path() {
    let new = doc(&NEW_OPERATIONS.replace("operationId: getPetPhoto", "operationId: listPets"));
    let drift = drift(&doc(OLD_OPERATIONS), &new);
    assert_eq!(ids(&drift.operations_added), ["GET /pets/{id}/photo GET /pets/{id}/photo"]);
    assert_eq!(drift.operation_counts, (4, 5));
}

#[test]
fn a_reworded_operation_does_not_reword_its_neighbours() {
    let old = doc("paths: {/x: {summary: X, get: {operationId: a, description: one}, post: {operationId: b}}}");
    let new = doc("paths: {/x: {summary: X, get: {operationId: a, description: two}, post: {operationId: b}}}");
    let drift = drift(&old, &new);
    assert_eq!(ids(&drift.operations_reworded), ["a GET /x"]);
    // Text the path item gives all its operations rewords them all.
    let new = doc("paths: {/x: {summary: Y, get: {operationId: a, description: one}, post: {operationId: b}}}");
    assert_eq!(ids(&super::drift(&old, &new).operations_reworded), ["a GET /x", "b POST /x"]);
}

fn ids(ops: &[Operation]) -> Vec<String> {
    ops.iter().map(|o| format!("{} {} {}", o.id, o.method, o.path)).collect()
}

const OLD_SCHEMAS: &str = r##"
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: integer, format: int32}
        owner: {$ref: "#/components/schemas/Person"}
        nickname: {anyOf: [{type: string}, {type: "null"}]}
        description: {type: string, minLength: 1}
    Person: {type: object, description: Someone., properties: {id: {type: string}, name: {type: string}}}
    Gone: {type: string}
    Reordered: {type: object, properties: {a: {type: string}, b: {type: string}}}
    KeyOrder: {type: string, format: uuid}
"##;

const NEW_SCHEMAS: &str = r##"
components:
  schemas:
    Pet:
      type: object
      required: [name, tag]
      properties:
        name: {type: string}
        age: {type: integer, format: int64}
        owner: {$ref: "#/components/schemas/Owner"}
        nickname: {anyOf: [{type: "null"}, {type: integer}]}
        description: {type: string}
        tag: {type: string}
    Person: {type: object, description: Someone else., properties: {id: {type: string}, name: {type: string}}}
    Owner: {type: object}
    Reordered: {type: object, properties: {b: {type: string}, a: {type: string}}}
    KeyOrder: {format: uuid, type: string}
"##;

#[test]
fn schemas_added_removed_and_changed_with_what_changed() {
    let drift = drift(&doc(OLD_SCHEMAS), &doc(NEW_SCHEMAS));
    assert_eq!(drift.schema_counts, (5, 5));
    assert_eq!(drift.schemas_added, ["Owner"]);
    assert_eq!(drift.schemas_removed, ["Gone"]);
    let names: Vec<&str> = drift.schemas_changed.iter().map(|c| c.name.as_str()).collect();
    // `KeyOrder` differs in the order of its keywords only: no change.
    assert_eq!(names, ["Person", "Pet", "Reordered"]);
    let pet = &drift.schemas_changed[1];
    assert_eq!(
        pet.facts,
        [
            "`properties/age`: `format`: `\"int32\"` → `\"int64\"`",
            // A property named `description` is a schema, not documentation.
            "`properties/description`: `minLength` removed (was `1`)",
            // A nullable wrapper is looked through: its shape is `X | null`.
            "`properties/nickname`: type `string | null` → `integer | null`",
            "`properties/owner`: type `Person` → `Owner`",
            "properties added: `tag`",
            "required added: `tag`",
        ]
    );
    assert!(!pet.reworded);
    assert!(drift.schemas_changed[0].facts.is_empty() && drift.schemas_changed[0].reworded, "text only");
    assert_eq!(drift.schemas_changed[2].facts, ["properties reordered"]);
}

const OLD_LISTS: &str = r##"
components:
  schemas:
    RunStep:
      type: object
      properties:
        status: {type: string, enum: [queued, in_progress, failed]}
        kind: {anyOf: [{type: string, enum: [a, b]}, {type: "null"}]}
        plain: {type: string}
    Event:
      oneOf:
        - {$ref: "#/components/schemas/Created"}
        - {title: Custom, type: object, properties: {level: {type: string, enum: [low]}}}
        - {type: object, properties: {type: {type: string, enum: [ping]}}}
        - {type: string, enum: [keepalive]}
    Maybe:
      anyOf: [{$ref: "#/components/schemas/Created"}, {type: "null"}]
"##;

const NEW_LISTS: &str = r##"
components:
  schemas:
    RunStep:
      type: object
      properties:
        status: {type: string, enum: [queued, in_progress, expired]}
        kind: {anyOf: [{type: string, enum: [a, b, c]}, {type: "null"}]}
        plain: {type: string, enum: [x]}
        fresh: {type: string, enum: [new]}
    Event:
      oneOf:
        - {$ref: "#/components/schemas/Deleted"}
        - {type: object, properties: {type: {type: string, enum: [pong]}}}
        - {title: Custom, type: object, properties: {level: {type: string, enum: [low, high]}}}
        - {type: object, properties: {type: {type: string, enum: [ping]}}}
        - {type: string, enum: [keepalive]}
        - {type: array}
    Maybe:
      anyOf: [{$ref: "#/components/schemas/Deleted"}, {type: "null"}]
    Brand:
      type: string
      enum: [new]
"##;

#[test]
fn enum_values_added_and_removed_by_stable_address() {
    let drift = drift(&doc(OLD_LISTS), &doc(NEW_LISTS));
    let places: Vec<&str> = drift.enum_values.iter().map(|c| c.place.as_str()).collect();
    // Not `RunStep/properties/fresh` nor `Brand`: their schemas are new, reported as such.
    assert_eq!(
        places,
        [
            // Found by the member's title although a member was inserted before it.
            "Event/oneOf/inline \"Custom\"/properties/level",
            // Through the nullable wrapper, at the property's own address.
            "RunStep/properties/kind",
            // A schema that gained an enum: every value is new.
            "RunStep/properties/plain",
            "RunStep/properties/status",
        ]
    );
    let status = &drift.enum_values[3];
    assert_eq!(
        (status.added.as_slice(), status.removed.as_slice()),
        (&["\"expired\"".to_owned()][..], &["\"failed\"".to_owned()][..])
    );
    assert_eq!(totals(&drift.enum_values), ((4, 4), (1, 1)));
}

#[test]
fn union_members_added_and_removed_by_name_and_nullable_wrappers_are_no_unions() {
    let drift = drift(&doc(OLD_LISTS), &doc(NEW_LISTS));
    assert_eq!(drift.union_members.len(), 1, "{:?}", drift.union_members);
    let event = &drift.union_members[0];
    assert_eq!(event.place, "Event/oneOf");
    assert_eq!(event.added, ["Deleted", "inline array", "inline type=\"pong\""]);
    assert_eq!(event.removed, ["Created"]);
    // `Maybe` is a nullable wrapper: its new target is a schema change, not a union member.
    let maybe = drift.schemas_changed.iter().find(|c| c.name == "Maybe").map(|c| c.facts.clone());
    assert_eq!(maybe, Some(vec!["type `Created | null` → `Deleted | null`".to_owned()]));
}

#[test]
fn members_are_named_by_ref_title_tag_value_type_or_position() {
    let members = doc(r##"
- {$ref: "#/components/schemas/A~1B"}
- {title: Custom}
- {properties: {type: {const: ping}}}
- {const: 3}
- {type: [string, integer]}
- {type: string}
- {type: string, enum: [x, y]}
- {type: object}
- {type: object}
- {}
"##);
    let labels = member_labels(members.as_array().unwrap_or_default());
    assert_eq!(
        labels,
        [
            "A/B",
            "inline \"Custom\"",
            "inline type=\"ping\"",
            "inline const 3",
            "inline string | integer",
            "inline string",
            "inline string enum",
            "inline object #7",
            "inline object #8",
            "inline #9",
        ]
    );
}

#[test]
fn the_report_has_every_section_its_counts_and_the_same_bytes_each_time() {
    // The operations' documents with the lists' schemas (the old one has components already).
    let old = doc(&format!("{OLD_OPERATIONS}{}", OLD_LISTS.replacen("\ncomponents:\n", "\n", 1)));
    let new = doc(&format!("{NEW_OPERATIONS}{NEW_LISTS}"));
    let report = drift(&old, &new).to_markdown("old.yaml", "new.yaml");
    assert_eq!(report, super::drift(&old, &new).to_markdown("old.yaml", "new.yaml"));
    for line in [
        "# Upstream drift: `old.yaml` → `new.yaml`",
        "| operations | 4 | 5 | 1 | 0 | 3 | 1 |",
        "| component schemas | 3 | 4 | 1 | 0 | 3 | 0 |",
        "| enum values | 5 at 5 places | 1 at 1 place |",
        "| union members | 3 at 1 union | 1 at 1 union |",
        "### Added (1)\n\n- `getPetPhoto` — `GET /pets/{id}/photo`",
        "- `listPets` — `GET /pets`\n  - parameter `header trace`: now required",
        "### Changed in text only (1)\n\n`deletePet`",
        "## Enum values (5 at 5 places added, 1 at 1 place removed)",
        "- `RunStep/properties/status`: added `\"expired\"`; removed `\"failed\"`",
        "- `Event/oneOf`: added `Deleted`, `inline array`, `inline type=\"pong\"`; removed `Created`",
    ] {
        assert!(report.contains(line), "missing {line:?} in\n{report}");
    }
    assert!(report.ends_with("`; removed `Created`\n"), "ends with one newline: {report:?}");
}

const OLD_OPENAI: &str = "openapi-f940017-2026-07-22.yaml";
const NEW_OPENAI: &str = "openapi-f85dbe2-2026-08-21.yaml";

/// OpenAI's two vendored documents, a month apart, against the facts measured upstream
/// (`upstream/openai/README.md`, repeated in the reference notes): schemas 1,375 → 1,422,
/// operations 281 → 288, 34 enum values added at 16 places, 18 union members added at 10
/// unions.
///
/// The union count differs by rule, not by error. The measured 18 at 10 counts `$ref`
/// members only and counts nullable wrappers as unions. This report names inline members
/// too, and treats a wrapper's new target as a schema change. So its 126 members at 4
/// unions are: the 5 new shell-call events in each of `ResponseStreamEvent` and
/// `BetaResponseStreamEvent` (10, all `$ref`); and `ResponsesServerEvent` and
/// `BetaResponsesServerEvent`, whose one `$ref` member (`ResponseStreamEvent`) became 57
/// inline members with titles plus a `$ref` to `ResponseWsError` (58 each, 1 removed
/// each). The measured 18 = those 12 `$ref` members + 6 nullable wrappers whose target is a
/// new `$ref` (`error` of `MCPToolCall`, `conversation` of `Response`, `annotation` of
/// `ResponseOutputTextAnnotationAddedEvent`, and each one's `Beta` twin), which this report
/// lists as schema changes. The test checks both halves of that sum.
#[test]
fn openai_a_month_apart_has_the_drift_measured_upstream() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../upstream/openai");
    let read = |name: &str| {
        let path = folder.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        crate::import::read_document(&path, &text)
    };
    // Side by side: reading 6 MB of YAML is nearly all the time this test takes.
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| read(OLD_OPENAI));
        (old.join().unwrap_or_else(|_| Err("reading panicked".to_owned())), read(NEW_OPENAI))
    });
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => panic!("the vendored documents: {:?} {:?}", old.err(), new.err()),
    };
    let drift = drift(&old, &new);

    assert_eq!(drift.schema_counts, (1375, 1422));
    assert_eq!(drift.operation_counts, (281, 288));
    assert_eq!((drift.schemas_added.len(), drift.schemas_removed.len()), (50, 3), "1375 - 3 + 50 = 1422");
    assert_eq!((drift.operations_added.len(), drift.operations_removed.len()), (7, 0));
    assert_eq!(totals(&drift.enum_values), ((34, 16), (0, 0)));
    let fast = change(&drift.enum_values, "ServiceTierEnum").map(|c| c.added.as_slice());
    assert_eq!(fast, Some(&["\"fast\"".to_owned()][..]));

    assert_eq!(totals(&drift.union_members), ((126, 4), (2, 2)));
    let by_ref: Vec<ListChange> = drift
        .union_members
        .iter()
        .map(|c| ListChange {
            added: c.added.iter().filter(|m| !m.starts_with("inline ")).cloned().collect(),
            ..c.clone()
        })
        .collect();
    assert_eq!(totals(&by_ref).0, (12, 4), "the `$ref` members added");
    let new_targets: Vec<String> = drift
        .schemas_changed
        .iter()
        .flat_map(|c| c.facts.iter().map(move |f| format!("{}: {f}", c.name)))
        .filter(|fact| {
            let Some((_, types)) = fact.split_once("type `") else { return false };
            let Some((was, is)) = types.split_once("` → `") else { return false };
            let target = is.trim_end_matches('`').strip_suffix(" | null");
            target.is_some_and(|t| {
                was.trim_end_matches(" | null") != t
                    && new.get("components").and_then(|c| c.get("schemas")).and_then(|s| s.get(t)).is_some()
            })
        })
        .collect();
    assert_eq!(new_targets.len(), 6, "nullable wrappers around a new `$ref`: {new_targets:#?}");
    assert_eq!((12 + new_targets.len(), 4 + new_targets.len()), (18, 10), "the measured union members");
}
