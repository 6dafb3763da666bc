//! The intermediate model of the run-steps spec: operations keep (Rust, wire) name pairs,
//! defaults, constraints and the resolved pagination contract that request builders use.

use std::path::Path;

use codegen::ir::{Cursor, CursorFrom, Literal, Name, PageField, PageStyle, Type};

fn model() -> codegen::ir::Crate {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let source = std::fs::read_to_string(root.join("spec/openai_run_steps.yaml")).expect("read the spec");
    codegen::model("spec/openai_run_steps.yaml", &source).expect("the spec lowers")
}

fn name(rust: &str, wire: &str) -> Name {
    Name { rust: rust.to_owned(), wire: wire.to_owned() }
}

#[test]
fn list_run_steps_is_lowered_with_its_wire_names_defaults_and_pagination() {
    let model = model();
    let op = model.operations.iter().find(|o| o.name.wire == "listRunSteps").expect("listRunSteps");
    assert_eq!(op.name, name("list_run_steps", "listRunSteps"));
    assert_eq!((op.method.as_str(), op.path.as_str()), ("GET", "/threads/{thread_id}/runs/{run_id}/steps"));
    assert!(op.deprecated.as_deref().is_some_and(|d| d.contains("Responses API")));
    let path: Vec<&Name> = op.path_params.iter().map(|p| &p.name).collect();
    assert_eq!(path, [&name("thread_id", "thread_id"), &name("run_id", "run_id")]);
    assert!(op.path_params.iter().all(|p| p.required && p.ty == Type::String));

    let include = op.query.iter().find(|p| p.name.wire == "include[]").expect("include[]");
    assert_eq!(include.name.rust, "include");
    let run_step_include = Type::Named { name: "RunStepInclude".to_owned(), args: Vec::new() };
    assert_eq!(include.ty, Type::Vec(Box::new(run_step_include)));

    let limit = op.query.iter().find(|p| p.name.wire == "limit").expect("limit");
    assert_eq!((limit.ty.clone(), limit.default.clone()), (Type::I64, Some(Literal::Int(20))));
    assert_eq!((limit.constraints.minimum, limit.constraints.maximum), (Some(1.0), Some(100.0)));
    assert!(limit.docs.iter().any(|l| l == "Default: `20`."), "{:?}", limit.docs);
    let order = op.query.iter().find(|p| p.name.wire == "order").expect("order");
    assert_eq!(order.default, Some(Literal::Str("desc".to_owned())));

    assert_eq!(op.response.as_ref().map(ToString::to_string).as_deref(), Some("CursorPage<RunStep>"));
    let pagination = op.pagination.as_ref().expect("cursor pagination");
    let field = |rust: &str, optional| PageField { name: name(rust, rust), optional };
    assert_eq!(pagination.items, field("data", false));
    assert_eq!(pagination.has_more, Some(field("has_more", false)));
    // Forwards only, from the last item's `id`, into the optional `after`.
    let forward = Cursor { param: field("after", true), from: CursorFrom::LastItem(field("id", false)) };
    assert_eq!(pagination.style, PageStyle::Cursor { forward, backward: None });
    // The cursor's absence on an empty page ends the listing: no separate test for one.
    assert!(!pagination.check_empty);
}

#[test]
fn get_run_step_has_three_path_parameters_and_no_pagination() {
    let model = model();
    let op = model.operations.iter().find(|o| o.name.wire == "getRunStep").expect("getRunStep");
    assert_eq!(op.name.rust, "get_run_step");
    assert_eq!(op.path_params.len(), 3);
    assert_eq!(op.response.as_ref().map(ToString::to_string).as_deref(), Some("RunStep"));
    assert!(op.pagination.is_none());
}

#[test]
fn request_builder_decisions_are_made_in_the_model() {
    use codegen::ir::{Arg, Check, Encoding, PathPart};
    let model = model();
    let op = model.operations.iter().find(|o| o.name.wire == "listRunSteps").expect("listRunSteps");
    assert_eq!((op.type_name.as_str(), op.module.as_str()), ("ListRunSteps", "list_run_steps"));
    assert_eq!(
        op.path_parts,
        [
            PathPart::Literal("/threads/".to_owned()),
            PathPart::Param("thread_id".to_owned()),
            PathPart::Literal("/runs/".to_owned()),
            PathPart::Param("run_id".to_owned()),
            PathPart::Literal("/steps".to_owned()),
        ]
    );
    assert!(op.path_params.iter().all(|p| p.checks == [Check::PathSegment] && p.arg == Arg::IntoString));
    let param = |wire: &str| op.query.iter().find(|p| p.name.wire == wire).expect(wire);
    let limit = param("limit");
    assert_eq!(limit.checks, [Check::Minimum(Literal::Int(1)), Check::Maximum(Literal::Int(100))]);
    assert_eq!((limit.arg, limit.encoding.clone()), (Arg::Plain, Encoding::Single));
    assert_eq!((param("after").arg, param("order").arg), (Arg::IntoString, Arg::Plain));
    assert_eq!((param("include[]").arg, param("include[]").encoding.clone()), (Arg::Iter, Encoding::Repeated));
    assert!(op.uses_models && op.allow_deprecated);
    let wire_order: Vec<&str> = op.query_wire_order.iter().map(|&i| op.query[i].name.wire.as_str()).collect();
    assert_eq!(wire_order, ["after", "before", "include[]", "limit", "order"]);
    let pagination = op.pagination.as_ref().expect("cursor pagination");
    assert_eq!(pagination.item.to_string(), "RunStep");

    let headers: Vec<(&str, Option<&str>)> =
        model.api.client_headers.iter().map(|h| (h.header.as_str(), h.env.as_deref())).collect();
    assert_eq!(
        headers,
        [("OpenAI-Organization", Some("OPENAI_ORG_ID")), ("OpenAI-Project", Some("OPENAI_PROJECT_ID"))]
    );
    assert!(
        matches!(&model.api.auth, codegen::ir::Auth::Bearer { env: Some(env), .. } if env == "OPENAI_API_KEY"),
        "{:?}",
        model.api.auth
    );
    assert!(
        model.api.docs.iter().any(|l| l.contains("client.list_run_steps(\"thread_abc123\", \"run_abc123\").items()"))
    );
}

/// The paging styles of the bookshelf fixture, as lower decides them: which item a cursor is
/// taken from in each direction, and where an empty page needs a test of its own.
#[test]
fn paging_styles_are_decided_in_the_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let source = std::fs::read_to_string(root.join("tests/fixtures/bookshelf.yaml")).expect("read the fixture");
    let model = codegen::model("tests/fixtures/bookshelf.yaml", &source).expect("the fixture lowers");
    let pagination = |id: &str| {
        let op = model.operations.iter().find(|o| o.name.wire == id).expect(id);
        op.pagination.clone().expect("paginated")
    };
    let field = |rust: &str, optional| PageField { name: name(rust, rust), optional };

    // Both ways by item: the last item forwards, the first backwards; their absence on an
    // empty page ends the listing, so no separate test.
    let loans = pagination("listLoans");
    let forward = Cursor { param: field("after", true), from: CursorFrom::LastItem(field("id", false)) };
    let backward = Cursor { param: field("before", true), from: CursorFrom::FirstItem(field("id", false)) };
    assert_eq!(loans.style, PageStyle::Cursor { forward, backward: Some(backward) });
    assert!(!loans.check_empty);

    // Both ways by page field: nullable fields, and an explicit empty-page test.
    let reviews = pagination("listReviews");
    let forward = Cursor { param: field("after_id", true), from: CursorFrom::Page(field("last_id", true)) };
    let backward = Cursor { param: field("before_id", true), from: CursorFrom::Page(field("first_id", true)) };
    assert_eq!(reviews.style, PageStyle::Cursor { forward, backward: Some(backward) });
    assert!(reviews.check_empty);

    let branches = pagination("listBranches");
    assert_eq!(branches.style, PageStyle::PageNumber { param: field("page", true), first: 1 });
    assert!(branches.check_empty && branches.has_more.is_none());

    let events = pagination("listCatalogEvents");
    assert_eq!(events.style, PageStyle::PageToken { param: field("page", true), field: field("next_page", true) });
    assert!(events.check_empty && events.has_more == Some(field("has_more", false)));
}
