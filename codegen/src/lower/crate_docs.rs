//! The crate-level documentation, written from the API's facts and the lowered operations:
//! title, description and facts, a section listing every operation, and an example.

use super::prose::{constraint_docs, literal};
use crate::doctext::{DocText, code, one_line, push_paragraph};
use crate::ir::{self, Type};
use crate::resolved;

/// The crate docs: title, description, facts, the operations (`descriptions` are their doc
/// lines) and, with the spec's `rust_crate`, an example.
pub(super) fn crate_docs(
    api: &resolved::Api,
    text: &DocText,
    operations: &[ir::Operation],
    descriptions: &[Vec<String>],
    groups: &[ir::FeatureGroup],
) -> Vec<String> {
    // Title and version are one-line facts; a multi-line YAML value is joined into one.
    let mut doc = vec![format!("# {}", one_line(&api.title))];
    push_paragraph(&mut doc, text.lines(&api.description));
    let mut facts = vec![format!("Base URL: <{}>", api.base_url)];
    if let Some(version) = &api.version {
        facts.push(format!(
            "API version described: `{}`",
            code(&version.split_whitespace().collect::<Vec<_>>().join(" "))
        ));
    }
    push_paragraph(&mut doc, facts.into_iter().map(|f| format!("- {f}")));
    push_paragraph(&mut doc, features(groups));
    push_paragraph(&mut doc, summary(operations, descriptions));
    if let Some(krate) = &api.rust_crate {
        push_paragraph(&mut doc, example(krate, api, operations));
    }
    doc
}

/// The crate docs' section listing every operation: request line, response type,
/// description, parameters, pagination and deprecation.
fn summary(operations: &[ir::Operation], descriptions: &[Vec<String>]) -> Vec<String> {
    if operations.is_empty() {
        return Vec::new();
    }
    let mut out = vec!["## Operations".to_owned()];
    for (op, description) in operations.iter().zip(descriptions) {
        out.push(String::new());
        let (id, path) = (code(&op.name.wire), code(&op.path));
        let response = match (&op.response, op.response_body) {
            (_, crate::values::ResponseBody::Binary) => "the body's bytes".to_owned(),
            (Some(r), _) => format!("`{r}`"),
            (None, _) => "no body".to_owned(),
        };
        out.push(format!("- `{id}`: `{} {path}` → {response}.", op.method));
        out.push(String::new());
        out.extend(description.iter().map(|line| if line.is_empty() { String::new() } else { format!("  {line}") }));
        let facts = facts(op);
        if !facts.is_empty() {
            out.push(String::new());
            out.extend(facts.into_iter().map(|f| format!("  - {f}")));
        }
        match op.deprecated.as_deref() {
            Some("") => out.extend([String::new(), "  **Deprecated.**".to_owned()]),
            Some(note) => out.extend([String::new(), format!("  **Deprecated:** {}", one_line(note))]),
            None => {}
        }
    }
    out
}

/// The section listing the crate's features, when its operations come in groups.
fn features(groups: &[ir::FeatureGroup]) -> Vec<String> {
    if groups.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        "## Features".to_owned(),
        String::new(),
        "Each group of operations is a Cargo feature, which builds those operations and the types they use.".to_owned(),
        "`full` (on by default, with `client`) turns on every group; to build only some, depend on this".to_owned(),
        "crate with `default-features = false` and name them, with `client` for the async client.".to_owned(),
        "Types no operation uses are built with `full` only.".to_owned(),
        String::new(),
    ];
    for group in groups {
        let s = if group.operations == 1 { "" } else { "s" };
        out.push(format!(
            "- `{}`: the group `{}`, {} operation{s}.",
            group.feature,
            code(&one_line(&group.group)),
            group.operations
        ));
    }
    out
}

/// An operation's feature, parameters and pagination, one sentence each.
fn facts(op: &ir::Operation) -> Vec<String> {
    let mut facts = Vec::new();
    if let [feature] = op.features.as_slice() {
        facts.push(format!("Feature: `{feature}`."));
    }
    if !op.path_params.is_empty() {
        let names: Vec<String> = op.path_params.iter().map(|p| format!("`{}`", code(&p.name.wire))).collect();
        facts.push(format!("Path parameters: {}.", names.join(", ")));
    }
    if !op.query.is_empty() {
        let params: Vec<String> = op.query.iter().map(query_param).collect();
        facts.push(format!("Query parameters: {}.", params.join(", ")));
    }
    if let Some(body) = &op.body {
        facts.push(format!("JSON body: `{}`.", body.ty));
    }
    if let Some(p) = &op.pagination {
        facts.push(pagination(p));
    }
    facts
}

/// Pagination: by cursor; the next page's `after` is the `id` of the last item of `data`,
/// while `has_more` is true.
fn pagination(p: &ir::Pagination) -> String {
    let items = code(&p.items.name.wire);
    let (while_more, or_done) = match &p.has_more {
        Some(has_more) => {
            let name = code(&has_more.name.wire);
            (format!(", while `{name}` is true"), format!(" or `{name}` is false"))
        }
        None => (String::new(), String::new()),
    };
    let source = |from: &ir::CursorFrom| match from {
        ir::CursorFrom::LastItem(f) => format!("the `{}` of the last item of `{items}`", code(&f.name.wire)),
        ir::CursorFrom::FirstItem(f) => format!("the `{}` of the first item of `{items}`", code(&f.name.wire)),
        ir::CursorFrom::Page(f) => format!("the response's `{}`", code(&f.name.wire)),
    };
    match &p.style {
        ir::PageStyle::Cursor { forward, backward } => {
            let param = code(&forward.param.name.wire);
            let mut text =
                format!("Pagination: by cursor; the next page's `{param}` is {}{while_more}.", source(&forward.from));
            if let Some(backward) = backward {
                let back = code(&backward.param.name.wire);
                text.push_str(&format!(
                    " A listing started with `{back}` goes backwards: the next page's `{back}` is {}, and `{param}` is left out.",
                    source(&backward.from)
                ));
            }
            text
        }
        ir::PageStyle::PageNumber { param, first } => {
            let name = code(&param.name.wire);
            let unset = if param.optional { format!(" (unset, it counts as {first})") } else { String::new() };
            format!(
                "Pagination: by page number; the next page's `{name}` is one more than this page's{unset}, until a page is empty{or_done}."
            )
        }
        ir::PageStyle::PageToken { param, field } => format!(
            "Pagination: by page token; the next page's `{}` is the response's `{}`, until it is null, absent or empty, or a page is empty{or_done}.",
            code(&param.name.wire),
            code(&field.name.wire)
        ),
    }
}

/// `limit` (`i64`, from 1 to 100 inclusive, default `20`)
fn query_param(p: &ir::Param) -> String {
    let mut notes = vec![format!("`{}`", p.ty)];
    if p.required {
        notes.push("required".to_owned());
    }
    for constraint in constraint_docs(&p.constraints) {
        notes.push(constraint.trim_start_matches("Constraint: ").trim_end_matches('.').to_owned());
    }
    if let Some(default) = &p.default {
        notes.push(format!("default `{}`", code(&literal(default))));
    }
    if p.deprecated.is_some() {
        notes.push("deprecated".to_owned());
    }
    format!("`{}` ({})", code(&p.name.wire), notes.join(", "))
}

/// The crate docs' example: the first paginated operation (else the first operation whose
/// required parameters are all strings, and whose body, if any, needs nothing) called with
/// the client, its items streamed.
fn example(krate: &str, api: &resolved::Api, operations: &[ir::Operation]) -> Vec<String> {
    let all_strings = |op: &&ir::Operation| {
        let body_needs_nothing =
            op.body.as_ref().is_none_or(|b| !b.whole && b.fields.iter().all(|f| !f.param.required));
        body_needs_nothing
            && op.path_params.iter().chain(op.query.iter().filter(|q| q.required)).all(|p| p.ty == Type::String)
    };
    let Some(op) = operations
        .iter()
        .filter(all_strings)
        .find(|op| op.pagination.is_some())
        .or_else(|| operations.iter().find(all_strings))
    else {
        return Vec::new();
    };
    let base_url = match &api.base_url_env {
        Some(env) => format!("`{}`, if set, for the base URL", code(env)),
        None => String::new(),
    };
    let key_env = match &api.auth {
        resolved::Auth::None => None,
        resolved::Auth::Bearer { env } | resolved::Auth::ApiKey { env, .. } => Some(env.as_deref()),
    };
    let reads = match (key_env, base_url.is_empty()) {
        (Some(Some(env)), true) => format!("; the client reads its API key from `{}`", code(env)),
        (Some(Some(env)), false) => format!("; the client reads its API key from `{}`, and {base_url}", code(env)),
        // No variable to read the key from: it is given in code.
        (Some(None), _) if base_url.is_empty() => "; the API key is given in code".to_owned(),
        (Some(None), _) => format!("; the API key is given in code, and the client reads {base_url}"),
        (None, true) => String::new(),
        (None, false) => format!("; the client reads {base_url}"),
    };
    let mut out =
        vec!["## Example".to_owned(), String::new(), format!("With the `client` feature (on by default){reads}.")];
    if op.pagination.is_some() {
        out.push("The stream fetches the next page when it needs it; `max_items` caps the total.".to_owned());
    }
    out.push(String::new());
    out.extend(example_code(krate, op, key_env == Some(None)));
    out
}

/// The example's code block; `key_in_code`: the client is built with a key given in code.
fn example_code(krate: &str, op: &ir::Operation, key_in_code: bool) -> Vec<String> {
    let args: Vec<String> = op
        .path_params
        .iter()
        .chain(op.query.iter().filter(|q| q.required))
        .map(|p| {
            // Written as Rust string literals, whatever the names hold.
            let wire = &p.name.wire;
            match wire.strip_suffix("_id") {
                Some(stem) => format!("{:?}", format!("{stem}_abc123")),
                None => format!("{wire:?}"),
            }
        })
        .collect();
    let call = format!("client.{}({})", op.name.rust, args.join(", "));
    let mut out = vec!["```no_run".to_owned()];
    if op.deprecated.is_some() {
        out.push("# #![allow(deprecated)]".to_owned());
    }
    out.push(format!("# async fn example() -> Result<(), {krate}::client::Error> {{"));
    if op.pagination.is_some() {
        out.push("use futures_util::TryStreamExt;".to_owned());
        out.push(String::new());
    }
    if key_in_code {
        out.push(format!("let client = {krate}::client::Client::builder().api_key(\"my-key\").build()?;"));
    } else {
        out.push(format!("let client = {krate}::client::Client::from_env()?;"));
    }
    if op.pagination.is_some() {
        out.push(format!("let mut items = {call}.items();"));
        out.push("while let Some(item) = items.try_next().await? {".to_owned());
        out.push("    println!(\"{item:?}\");".to_owned());
        out.push("}".to_owned());
    } else {
        out.push(format!("let response = {call}.send().await?;"));
        out.push("println!(\"{response:?}\");".to_owned());
    }
    out.extend(["# Ok(())".to_owned(), "# }".to_owned(), "```".to_owned()]);
    out
}
