//! Request bodies over HTTP, on the bookshelf API: exactly the fields that are set go on the
//! wire as compact JSON (`null` only where the caller chose it), a body decoded from a
//! response goes back unchanged, and a body that breaks a rule of the spec is refused before
//! any request, naming the JSON path of the offending value.

use std::collections::BTreeMap;

use bookshelf::client::Error;
use bookshelf::request::{Operation, Rule};
use bookshelf::{Author, Book, BookFormat, CreateBook, Credits, LendBook, UpdateBook};
use e2e::{TestResult, decode, json as parse_json};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer};

use super::{bookshelf_client, ok, received};

const BOOK: &str = include_str!("../../fixtures/bookshelf/book_on_loan.json");

/// A server answering every request with the fixture book.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ok(&parse_json(BOOK))).mount(&server).await;
    server
}

/// The one request the server received: its method, path, content type and body as text.
async fn the_request(server: &MockServer) -> (String, String, Option<String>, String) {
    let requests = received(server).await;
    assert_eq!(requests.len(), 1, "expected exactly one request");
    let r = &requests[0];
    let content_type = r.headers.get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
    (r.method.to_string(), r.url.path().to_owned(), content_type, String::from_utf8_lossy(&r.body).into_owned())
}

fn author(name: &str) -> Author {
    Author { name: name.to_owned(), born: None }
}

#[tokio::test]
async fn a_post_sends_exactly_the_fields_set_as_compact_json() -> TestResult {
    let server = server().await;
    let book = bookshelf_client(&server)
        .create_book("shelf_1", "Dune", None, [author("Frank Herbert")])
        .format(BookFormat::Paperback)
        .tags(["sf".to_owned(), "classic".to_owned()])
        .send()
        .await?;
    assert_eq!(book.title, "Animal Farm", "the response decodes as the spec's `Book`");
    let (method, path, content_type, body) = the_request(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("POST", "/shelves/shelf_1/books"));
    assert_eq!(content_type.as_deref(), Some("application/json"));
    // Spec order, no spaces, the required-but-nullable `subtitle` as `null`, nothing unset.
    assert_eq!(
        body,
        r#"{"title":"Dune","subtitle":null,"format":"paperback","authors":[{"name":"Frank Herbert"}],"tags":["sf","classic"]}"#
    );
    Ok(())
}

#[tokio::test]
async fn an_optional_and_nullable_field_is_sent_absent_null_or_set_as_chosen() -> TestResult {
    let server = server().await;
    let client = bookshelf_client(&server);
    client.update_book("s", "b").send().await?;
    client.update_book("s", "b").subtitle_null().labels_null().send().await?;
    client.update_book("s", "b").subtitle("A Fairy Story").title("Animal Farm").send().await?;
    // The last call wins: a value set after `_null` replaces it, and the other way round.
    client.update_book("s", "b").subtitle_null().subtitle("Again").labels(BTreeMap::new()).labels_null().send().await?;
    let bodies: Vec<String> =
        received(&server).await.iter().map(|r| String::from_utf8_lossy(&r.body).into_owned()).collect();
    assert_eq!(
        bodies,
        [
            "{}",
            r#"{"subtitle":null,"labels":null}"#,
            r#"{"title":"Animal Farm","subtitle":"A Fairy Story"}"#,
            r#"{"subtitle":"Again","labels":null}"#,
        ]
    );
    assert!(received(&server).await.iter().all(|r| r.method.as_str() == "PATCH"));
    Ok(())
}

#[tokio::test]
async fn a_body_decoded_from_a_response_is_sent_back_unchanged() -> TestResult {
    let server = server().await;
    let book: Book = decode(BOOK);
    bookshelf_client(&server).replace_book("shelf_fic_o", &book.id, book.clone()).send().await?;
    let (method, path, _, body) = the_request(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("PUT", "/shelves/shelf_fic_o/books/book_9780141036144"));
    assert_eq!(serde_json::from_str::<Value>(&body)?, parse_json(BOOK), "the same JSON as received");
    Ok(())
}

#[tokio::test]
async fn a_delete_carries_its_body() -> TestResult {
    let server = MockServer::start().await;
    let page = json!({"items": [], "has_next": false});
    Mock::given(method("DELETE"))
        .and(path("/shelves/s/books"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"book_ids": ["b1", "b2"], "reason": "damaged"})))
        .respond_with(ok(&page))
        .expect(1)
        .mount(&server)
        .await;
    bookshelf_client(&server).remove_books("s", ["b1".to_owned(), "b2".to_owned()]).reason("damaged").send().await?;
    Ok(())
}

/// Sends `call`, expecting a validation error before any request; returns its path and rule.
async fn refused<T: std::fmt::Debug>(
    server: &MockServer,
    call: impl std::future::Future<Output = Result<T, Error>>,
) -> (String, Rule) {
    match call.await {
        Err(Error::Validation(v)) => {
            assert!(received(server).await.is_empty(), "nothing may be sent");
            (v.param().to_owned(), v.rule().clone())
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_body_breaking_a_rule_is_refused_naming_the_json_path() {
    let server = server().await;
    let client = bookshelf_client(&server);
    let labels = |entries: &[(&str, &str)]| entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let authors = || [author("A")];
    let long = "x".repeat(129);
    let cases = [
        (
            client.create_book("s", "", None, authors()),
            "title".to_owned(),
            Rule::MinLength { min_length: 1, length: 0 },
        ),
        (client.create_book("s", "T", None, []), "authors".to_owned(), Rule::MinItems { min_items: 1, count: 0 }),
        (
            client.create_book("s", "T", None, [author("A"), author("")]),
            "authors[1].name".to_owned(),
            Rule::MinLength { min_length: 1, length: 0 },
        ),
        (
            client.create_book("s", "T", None, authors()).labels(labels(&[("shelf", &long)])),
            "labels.shelf".to_owned(),
            Rule::MaxLength { max_length: 128, length: 129 },
        ),
        (
            client.create_book("s", "T", None, authors()).labels(labels(&[(&"k".repeat(33), "v")])),
            format!("labels.{}", "k".repeat(33)),
            Rule::MaxKeyLength { max_key_length: 32, length: 33 },
        ),
        (
            client.create_book("s", "T", None, authors()).note("n".repeat(201)),
            "note".to_owned(),
            Rule::MaxLength { max_length: 200, length: 201 },
        ),
        (
            client.create_book("s", "T", None, authors()).rating(f64::NAN),
            "rating".to_owned(),
            Rule::NotFinite { value: "NaN".to_owned() },
        ),
    ];
    for (call, expected_path, expected_rule) in cases {
        assert_eq!(refused(&server, call.send()).await, (expected_path, expected_rule));
    }
    let nine: BTreeMap<String, String> = (0..9).map(|i| (format!("k{i}"), "v".to_owned())).collect();
    let too_many = client.create_book("s", "T", None, authors()).labels(nine);
    assert_eq!(
        refused(&server, too_many.send()).await,
        ("labels".to_owned(), Rule::MaxEntries { max_entries: 8, count: 9 })
    );
}

#[tokio::test]
async fn a_union_by_kind_in_a_body_is_sent_as_its_member_and_checked_inside() -> TestResult {
    let server = server().await;
    let client = bookshelf_client(&server);
    let credit = Credits::String("Illustrated by J. Schoenherr".to_owned());
    client.create_book("s", "Dune", None, [author("F")]).credits(credit).send().await?;
    let (_, _, _, body) = the_request(&server).await;
    assert!(body.ends_with(r#""credits":"Illustrated by J. Schoenherr"}"#), "{body}");
    let people = Credits::Array(vec![author("J. Schoenherr"), author("")]);
    let call = client.create_book("s", "Dune", None, [author("F")]).credits(people).send();
    let refusal = refused(&MockServer::start().await, call).await;
    assert_eq!(refusal, ("credits[1].name".to_owned(), Rule::MinLength { min_length: 1, length: 0 }));
    Ok(())
}

#[tokio::test]
async fn a_rule_in_a_union_member_of_a_body_is_checked_at_its_path() {
    let server = server().await;
    let mut book: Book = decode(BOOK);
    if let bookshelf::Availability::OnLoan(loan) = &mut book.availability {
        loan.renewals = 4;
    }
    let call = bookshelf_client(&server).replace_book("s", "b", book).send();
    assert_eq!(
        refused(&server, call).await,
        ("availability.renewals".to_owned(), Rule::Maximum { maximum: "3".to_owned(), value: "4".to_owned() })
    );
}

#[test]
fn without_a_client_the_http_request_carries_the_body_and_its_content_type() -> TestResult {
    let request = UpdateBook::new("s", "b").subtitle_null().http_request("https://bookshelf.example.com/api")?;
    assert_eq!(request.method(), "PATCH");
    assert_eq!(request.uri(), "https://bookshelf.example.com/api/shelves/s/books/b");
    assert_eq!(request.headers().get("content-type").map(|v| v.as_bytes()), Some(&b"application/json"[..]));
    assert_eq!(request.body(), br#"{"subtitle":null}"#);
    let error = CreateBook::new("s", "T", None, []).http_request("https://bookshelf.example.com/api").err();
    assert_eq!(error.map(|e| e.to_string()), Some("invalid `authors`: must have at least 1 items, got 0".to_owned()));
    Ok(())
}

#[test]
fn an_optional_and_nullable_field_decodes_and_encodes_each_state_unchanged() {
    for (text, expected) in [
        (r#"{"title":"T","subtitle":null,"authors":[]}"#, None),
        (r#"{"title":"T","subtitle":null,"authors":[],"note":null}"#, Some(None)),
        (r#"{"title":"T","subtitle":null,"authors":[],"note":"n"}"#, Some(Some("n".to_owned()))),
    ] {
        let book: bookshelf::NewBook = decode(text);
        assert_eq!(book.note, expected, "{text}");
        assert_eq!(serde_json::to_string(&book).ok().as_deref(), Some(text), "re-encoded as received");
    }
}

/// `response: none`: the call is `()` whether the server sends nothing (204) or, against
/// the spec, a body, which is not read and cannot fail the call; an error status is still
/// an error.
#[tokio::test]
async fn a_response_without_a_body_is_unit_whatever_arrives() -> TestResult {
    for response in [
        wiremock::ResponseTemplate::new(204),
        wiremock::ResponseTemplate::new(200).set_body_string("not json at all"),
        ok(&json!({ "deleted": true })),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("DELETE")).and(path("/shelves/s1/books/b1")).respond_with(response).mount(&server).await;
        let () = bookshelf_client(&server).delete_book("s1", "b1").send().await?;
        assert_eq!(received(&server).await.len(), 1);
    }
    let server = MockServer::start().await;
    let gone = wiremock::ResponseTemplate::new(404).set_body_json(json!({ "error": { "message": "no such book" } }));
    Mock::given(method("DELETE")).respond_with(gone).mount(&server).await;
    let error = bookshelf_client(&server).delete_book("s1", "b1").send().await.err();
    assert!(matches!(error, Some(Error::Api(ref api)) if api.status.as_u16() == 404), "{error:?}");
    Ok(())
}

/// `Lending` requires exactly one of `member_id`, `card_number`, or `guest_name` with
/// `guest_phone` (`requires: { one_of: ... }`): checked before anything is sent.
#[test]
fn a_body_needing_one_field_set_is_refused_with_none_or_two() -> TestResult {
    let base = "https://bookshelf.example.com/api";
    let request = LendBook::new("b").card_number("C-1").http_request(base)?;
    assert_eq!(request.body(), br#"{"card_number":"C-1"}"#);
    let request = LendBook::new("b").guest_name("Ann").guest_phone("555").http_request(base)?;
    assert_eq!(request.body(), br#"{"guest_name":"Ann","guest_phone":"555"}"#);
    let sets = "`member_id`, or `card_number`, or `guest_name` with `guest_phone`";
    for (call, complete) in [
        (LendBook::new("b"), 0),
        (LendBook::new("b").guest_name("Ann"), 0),
        (LendBook::new("b").member_id("m").card_number("C-1"), 2),
    ] {
        let error = call.http_request(base).err().map(|e| e.to_string());
        let expected = format!("invalid body: needs exactly one of these set, got {complete}: {sets}");
        assert_eq!(error, Some(expected));
    }
    let error = LendBook::new("b").validate().err();
    let rule = Rule::FieldSets { sets: sets.to_owned(), exactly_one: true, complete: 0 };
    assert_eq!(error.as_ref().map(|e| (e.param(), e.rule())), Some((".", &rule)));
    Ok(())
}
