//! Hostile path ids: whatever an id holds, it stays one percent-encoded path segment on the
//! wire, and the ids that would name another resource (empty, `.`, `..`) are never sent.

use openai_run_steps::client::Error;
use openai_run_steps::request::Rule;
use wiremock::MockServer;

use super::{answer_every_get, client, ok, page, received, steps_path};

/// The encoding the runtime promises, written out independently: letters, digits and
/// `-._~!$&'()*+,;=:@` as they are, every other byte of the UTF-8 as uppercase `%XX`.
fn expected_segment(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn the_reference_encoding_matches_hand_written_values() {
    // Pins the helper above, so that a mistake in it cannot hide one in the client.
    assert_eq!(expected_segment("a/b"), "a%2Fb");
    assert_eq!(expected_segment("ünï"), "%C3%BCn%C3%AF");
    assert_eq!(expected_segment("a%2Fb"), "a%252Fb");
    assert_eq!(expected_segment("step_1-x.y~z"), "step_1-x.y~z");
}

#[tokio::test]
async fn hostile_ids_stay_one_encoded_segment() {
    let server = MockServer::start().await;
    answer_every_get(&server, ok(&page(&[], false))).await;
    let client = client(&server);

    // (id, its segment on the wire), the encodings written out by hand.
    let cases = [
        ("a/b", "a%2Fb"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("a%2Fb", "a%252Fb"),
        ("%", "%25"),
        ("%2e%2e", "%252e%252e"),
        ("a b", "a%20b"),
        ("ünï", "%C3%BCn%C3%AF"),
        ("a..b", "a..b"),
        ("...", "..."),
        ("../x", "..%2Fx"),
        ("a\\b", "a%5Cb"),
        ("a\"<>`{}|^b", "a%22%3C%3E%60%7B%7D%7C%5Eb"),
        ("tab\there\nnl", "tab%09here%0Anl"),
        ("-._~!$&'()*+,;=:@", "-._~!$&'()*+,;=:@"),
        ("thread_abc123", "thread_abc123"),
    ];
    for (id, segment) in cases {
        assert_eq!(expected_segment(id), segment, "the table disagrees with the rule for {id:?}");
        let listed = client.list_run_steps(id, "run_1").send().await;
        assert!(listed.is_ok(), "thread id {id:?}: {listed:?}");
    }
    // One id in the run's place too: both path parameters are encoded.
    let listed = client.list_run_steps("thread_1", "r/1?x#y").send().await;
    assert!(listed.is_ok(), "{listed:?}");

    let paths: Vec<String> = received(&server).await.iter().map(|r| r.url.path().to_owned()).collect();
    let mut expected: Vec<String> = cases.iter().map(|(_, segment)| steps_path(segment, "run_1")).collect();
    expected.push(steps_path("thread_1", "r%2F1%3Fx%23y"));
    assert_eq!(paths, expected);
    // No id leaked into a query: `?` and `#` were escaped.
    assert!(received(&server).await.iter().all(|r| r.url.query().is_none() && r.url.fragment().is_none()));
}

#[tokio::test]
async fn empty_and_dot_ids_are_refused_with_nothing_sent() {
    let server = MockServer::start().await;
    answer_every_get(&server, ok(&page(&[], false))).await;
    let client = client(&server);

    let cases = [("", Rule::Empty), (".", Rule::DotSegment), ("..", Rule::DotSegment)];
    for (id, rule) in &cases {
        let error = client.list_run_steps(*id, "run_1").send().await.err();
        let Some(Error::Validation(validation)) = &error else {
            panic!("thread id {id:?}: expected Error::Validation, got {error:?}");
        };
        assert_eq!((validation.param(), validation.rule()), ("thread_id", rule));
        let display = error.as_ref().map(ToString::to_string).unwrap_or_default();
        assert!(display.contains("`thread_id`"), "{display}");

        let error = client.list_run_steps("thread_1", *id).send().await.err();
        assert!(
            matches!(&error, Some(Error::Validation(v)) if v.param() == "run_id" && v.rule() == rule),
            "run id {id:?}: {error:?}"
        );
    }
    // The thread is checked before the run: the first broken parameter is the one named.
    let error = client.list_run_steps("", "..").send().await.err();
    assert!(matches!(&error, Some(Error::Validation(v)) if v.param() == "thread_id"), "{error:?}");
    assert!(received(&server).await.is_empty(), "nothing may be sent for a refused id");
}
