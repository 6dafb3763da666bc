//! The generated manifest turns the runtime's `formats` feature on exactly when the spec
//! uses `date-time` or `unixtime` somewhere: in an object's field, a map's values, a query
//! parameter alone. Without it the crate would not compile (the
//! types are behind the feature); with it needlessly, it compiles a date/time crate.

use codegen::Target;

const HEAD: &str = "api: { title: T, description: A test API., base_url: \"https://example.com\" }\n";

fn uses_formats(body: &str) -> bool {
    let spec = format!("{HEAD}{body}");
    let files = codegen::generate(&Target::new("spec/t.yaml", "t"), &spec).unwrap_or_else(|e| panic!("{e}\n{spec}"));
    let manifest = files.iter().find(|f| f.path == "Cargo.toml").map(|f| f.contents.clone()).unwrap_or_default();
    assert!(
        manifest.contains("[dependencies]"),
        "no manifest among {:?}",
        files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    manifest.contains("features = [\"formats\"]")
}

const OPERATION: &str =
    "operations:\n  getThing:\n    description: Gets it.\n    method: GET\n    path: /thing\n    response: Thing\n";

#[test]
fn formats_is_on_exactly_where_a_time_format_is_used() {
    let field = "types:\n  Thing:\n    description: A thing.\n    fields:\n      at: { type: string, format: date-time, description: When. }\n";
    assert!(uses_formats(&format!("{field}{OPERATION}")));
    let map = "types:\n  Thing:\n    description: A thing.\n    fields:\n      seen: { type: map<integer>, format: unixtime, description: When each saw it. }\n";
    assert!(uses_formats(&format!("{map}{OPERATION}")));
    let query = format!(
        "types:\n  Thing:\n    description: A thing.\n    fields:\n      id: {{ type: string, description: Its ID. }}\n{OPERATION}    query:\n      since: {{ type: string, format: date-time, description: After this. }}\n"
    );
    assert!(uses_formats(&query));
    let none = "types:\n  Thing:\n    description: A thing.\n    fields:\n      n: { type: integer, format: int64, description: A number. }\n";
    assert!(!uses_formats(&format!("{none}{OPERATION}")));
}
