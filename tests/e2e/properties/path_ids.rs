//! Property: no path id changes the route of a request. For `listRunSteps` and `getRunStep`,
//! built with arbitrary ids and query parameters and no server: either an id is refused
//! (empty, `.` or `..`: the first one, named, with its rule), or the path has the template's
//! segments, its literal ones unchanged, each id one segment of URL-safe characters that
//! percent-decodes back to the id, and the query is the one the same request has with plain
//! ids. `http_request` must agree: the same path and query in the `http::Uri` it builds.

#![allow(deprecated)]

use std::fmt::Debug;

use openai_run_steps::request::{Operation, Rule};
use openai_run_steps::{BASE_URL, GetRunStep, ListOrder, ListRunSteps, RunStepInclude};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseResult;

use typed_api_testkit::check;
use typed_api_testkit::spec_values::{Schema, string};

const RUN_STEPS: &str = "spec/openai_run_steps.yaml";

const CASES: u32 = 1024;

/// Ids of any characters, ids made of the characters that matter to a URL path, and the ids
/// the runtime must refuse (and some that only look like them).
fn ids() -> impl Strategy<Value = String> {
    let path_chars = vec![
        '/', '.', '%', '?', '#', '\\', ' ', ';', '@', ':', '+', '&', '=', 'a', '2', 'e', 'F', '\0', '\u{202e}', 'é',
        '😀',
    ];
    let dots = vec!["", ".", "..", "...", "%2e", "%2E%2E", "./", "../", ". ", ".\u{0}"];
    prop_oneof![
        2 => string(None, None),
        2 => vec(select(path_chars), 0..6).prop_map(String::from_iter),
        1 => select(dots).prop_map(str::to_owned),
    ]
}

/// The path template of the operation `id`, from the spec, split into segments.
fn template(id: &str) -> Vec<String> {
    let schema = Schema::load(RUN_STEPS);
    let op = schema.operations.iter().find(|op| op.name.wire == id).unwrap_or_else(|| panic!("no operation {id}"));
    op.path.split('/').map(str::to_owned).collect()
}

/// `op` with `ids` (wire name, id; in path order) against `plain`, the same request with
/// ids that are plain letters.
fn same_route<O: Operation + Debug>(op: &O, plain: &O, template: &[String], ids: &[(&str, &str)]) -> TestCaseResult {
    let refused = ids.iter().find_map(|(name, id)| match *id {
        "" => Some((*name, Rule::Empty)),
        "." | ".." => Some((*name, Rule::DotSegment)),
        _ => None,
    });
    let built = op.path_and_query();
    if let Some((name, rule)) = refused {
        let error = built.err().ok_or_else(|| TestCaseError::fail("an id that is empty, `.` or `..` was accepted"))?;
        prop_assert_eq!((error.param(), error.rule()), (name, &rule));
        prop_assert_eq!(op.http_request(BASE_URL).err(), Some(error));
        return Ok(());
    }
    let built = built.map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
    let (path, query) = built.split_once('?').unwrap_or((&built, ""));
    let plain = plain.path_and_query().map_err(|e| TestCaseError::fail(format!("plain ids refused: {e}")))?;
    prop_assert_eq!(query, plain.split_once('?').map_or("", |(_, q)| q), "the ids changed the query");
    prop_assert!(!path.contains('#'), "a fragment in {}", path);

    let segments: Vec<&str> = path.split('/').collect();
    prop_assert_eq!(segments.len(), template.len(), "segments of {}", path);
    for (segment, part) in segments.iter().zip(template) {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            None => prop_assert_eq!(segment, part, "a literal segment changed in {}", path),
            Some(name) => {
                let id = ids.iter().find(|(n, _)| *n == name).map(|(_, id)| *id).unwrap_or_default();
                prop_assert!(url_safe(segment), "unescaped characters in the segment {:?}", segment);
                prop_assert!(*segment != "." && *segment != "..", "a dot segment in {}", path);
                prop_assert_eq!(percent_decode(segment), Some(id.to_owned()), "{} does not decode back", segment);
            }
        }
    }

    let request = op.http_request(BASE_URL).map_err(|e| TestCaseError::fail(format!("http_request: {e}")))?;
    prop_assert_eq!(request.uri().path(), format!("/v1{path}"));
    prop_assert_eq!(request.uri().query().unwrap_or_default(), query);
    Ok(())
}

/// Only RFC 3986 `pchar`s: unreserved, sub-delims, `:`, `@`, and `%` starting an escape.
fn url_safe(segment: &str) -> bool {
    let mut bytes = segment.bytes();
    let hex = |bytes: &mut std::str::Bytes<'_>| bytes.next().is_some_and(|h| h.is_ascii_hexdigit());
    while let Some(b) = bytes.next() {
        let safe = match b {
            b'%' => hex(&mut bytes) && hex(&mut bytes),
            _ => b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b),
        };
        if !safe {
            return false;
        }
    }
    true
}

/// The bytes a segment stands for, as UTF-8; `None` for a broken escape or invalid UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    let (bytes, mut out, mut i) = (segment.as_bytes(), Vec::new(), 0);
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The query parameters of a listing: in range (so that only the ids can be refused), any text.
#[derive(Debug, Clone)]
struct Query {
    limit: Option<i64>,
    order: Option<String>,
    after: Option<String>,
    before: Option<String>,
    include: Option<Vec<String>>,
}

fn queries() -> impl Strategy<Value = Query> {
    let text = || proptest::option::of(string(None, None));
    (proptest::option::of(1i64..=100), text(), text(), text(), proptest::option::of(vec(string(None, None), 0..3)))
        .prop_map(|(limit, order, after, before, include)| Query { limit, order, after, before, include })
}

fn include(values: &[String]) -> Vec<RunStepInclude> {
    values.iter().map(|v| RunStepInclude::from(v.as_str())).collect()
}

impl Query {
    fn apply(&self, mut op: ListRunSteps) -> ListRunSteps {
        if let Some(limit) = self.limit {
            op = op.limit(limit);
        }
        if let Some(order) = &self.order {
            op = op.order(ListOrder::from(order.as_str()));
        }
        if let Some(after) = &self.after {
            op = op.after(after);
        }
        if let Some(before) = &self.before {
            op = op.before(before);
        }
        match &self.include {
            Some(values) => op.include(include(values)),
            None => op,
        }
    }
}

#[test]
fn path_ids_never_change_the_route_of_a_listing() {
    let template = template(ListRunSteps::ID);
    check("listRunSteps path ids", CASES, (ids(), ids(), queries()), |(thread, run, query)| {
        let op = query.apply(ListRunSteps::new(&thread, &run));
        let plain = query.apply(ListRunSteps::new("t", "r"));
        same_route(&op, &plain, &template, &[("thread_id", &thread), ("run_id", &run)])
    });
}

#[test]
fn path_ids_never_change_the_route_of_a_retrieval() {
    let template = template(GetRunStep::ID);
    let includes = proptest::option::of(vec(string(None, None), 0..3));
    check("getRunStep path ids", CASES, (ids(), ids(), ids(), includes), |(thread, run, step, includes)| {
        let build = |thread: &str, run: &str, step: &str| {
            let op = GetRunStep::new(thread, run, step);
            match &includes {
                Some(values) => op.include(include(values)),
                None => op,
            }
        };
        let ids = [("thread_id", thread.as_str()), ("run_id", run.as_str()), ("step_id", step.as_str())];
        same_route(&build(&thread, &run, &step), &build("t", "r", "s"), &template, &ids)
    });
}

#[test]
fn the_segment_helpers_reject_what_they_should() {
    // Pins the helpers above, so that a mistake in them cannot hide one in the runtime.
    assert!(url_safe("a%2Fb:@") && !url_safe("a/b") && !url_safe("a%2") && !url_safe("é") && !url_safe("a b"));
    assert_eq!(percent_decode("%C3%A9%2F"), Some("é/".to_owned()));
    assert_eq!(percent_decode("%FF"), None);
    assert_eq!(percent_decode("%zz"), None);
}
