//! `keep_unknown_fields` in the bookshelf API: `MemberRecord` and the `fine` member of
//! `LedgerEntry` keep the fields the spec does not know, in order, after the known ones;
//! `Member` (same fields) and the `payment` member drop them, as every object did before.

use ::bookshelf::{Fine, LedgerEntry, Member, MemberRecord};
use e2e::json;
use serde_json::{Value, json};
use typed_api_runtime::UnknownFields;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A member as the archive sends it: the known fields in spec order, then three it added.
const RECORD: &str = r#"{"id":"mem_1","name":"Ada","joined_at":"2024-01-01T00:00:00.000Z","last_visit_at":null,"loans_out":0,"fines_cents":0,"zeta":{"nested":[1,2.5,"x",null]},"alpha":true,"loyalty_tier":"gold"}"#;

#[test]
fn a_keeping_object_re_encodes_unknown_fields_in_their_order() {
    let record: MemberRecord = serde_json::from_str(RECORD).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = record.unknown_fields.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["zeta", "alpha", "loyalty_tier"]);
    assert_eq!(record.unknown_fields.get("loyalty_tier"), Some(&Value::from("gold")));
    assert_eq!(serde_json::to_string(&record).ok().as_deref(), Some(RECORD), "byte for byte");
}

#[test]
fn unknown_fields_come_back_after_the_known_ones_in_the_order_received() {
    // Interleaved on the wire: the known fields are written in spec order, then the others.
    let sent = r#"{"b_extra":1,"id":"mem_1","name":"Ada","a_extra":[],"joined_at":"2024-01-01T00:00:00Z","last_visit_at":7,"loans_out":1,"fines_cents":5}"#;
    let record: MemberRecord = serde_json::from_str(sent).unwrap_or_else(|e| panic!("{e}"));
    let written = serde_json::to_string(&record).unwrap_or_default();
    assert!(written.ends_with(r#""fines_cents":5,"b_extra":1,"a_extra":[]}"#), "{written}");
    assert_eq!(json(&written), json(sent), "the same object");
}

#[test]
fn a_dropping_object_forgets_them_as_before() {
    let member: Member = serde_json::from_str(RECORD).unwrap_or_else(|e| panic!("{e}"));
    let encoded = serde_json::to_value(&member).unwrap_or_default();
    assert_eq!(encoded.get("loyalty_tier"), None);
    assert_eq!(encoded.as_object().map(|o| o.len()), Some(6), "{encoded}");
}

#[test]
fn fields_set_in_code_are_encoded_too() {
    let mut record: MemberRecord = serde_json::from_str(RECORD).unwrap_or_else(|e| panic!("{e}"));
    record.unknown_fields = UnknownFields::from_iter([("note".to_owned(), json!("hand-made"))]);
    let encoded = serde_json::to_string(&record).unwrap_or_default();
    assert!(encoded.ends_with(r#""fines_cents":0,"note":"hand-made"}"#), "{encoded}");
}

#[test]
fn a_union_member_keeps_them_wherever_its_tag_stands() {
    // The tag comes after some unknown fields: they are held, then replayed to the member.
    let sent =
        r#"{"id":"fine_1","amount_cents":250,"kind":"fine","issued_at":"2024-03-01T08:00:00+01:00","reason":"late"}"#;
    let entry: LedgerEntry = serde_json::from_str(sent).unwrap_or_else(|e| panic!("{e}"));
    let LedgerEntry::Fine(fine) = &entry else { panic!("not a fine: {entry:?}") };
    let names: Vec<&str> = fine.unknown_fields.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["id", "reason"], "the tag is the union's, not an unknown field");
    let written = serde_json::to_string(&entry).unwrap_or_default();
    assert_eq!(
        written,
        r#"{"kind":"fine","amount_cents":250,"issued_at":"2024-03-01T08:00:00+01:00","id":"fine_1","reason":"late"}"#
    );
    // The `payment` member does not keep them.
    let payment = r#"{"kind":"payment","amount_cents":250,"paid_at":1709276400,"method":"card"}"#;
    let entry: LedgerEntry = serde_json::from_str(payment).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(serde_json::to_value(&entry).ok().and_then(|v| v.get("method").cloned()), None);
}

#[test]
fn a_known_field_twice_is_still_an_error_and_a_second_tag_too() {
    let twice = RECORD.replace(r#""alpha":true"#, r#""name":"Bob""#);
    let error = serde_json::from_str::<MemberRecord>(&twice).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("duplicate field `name`"), "{error}");
    let tags = r#"{"kind":"fine","amount_cents":1,"issued_at":"x","kind":"fine"}"#;
    let error = serde_json::from_str::<LedgerEntry>(tags).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("duplicate field `kind`"), "{error}");
    // An object on the wire is an object: neither the generated decoder nor serde's derive
    // with `flatten` takes an array of the values (serde's plain derive would).
    let array = r#"["mem_1","Ada","2024-01-01T00:00:00Z",null,0,0]"#;
    let error = serde_json::from_str::<Member>(array).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.starts_with("invalid type: sequence, expected struct Member"), "{error}");
    assert!(serde_json::from_str::<MemberRecord>(array).is_err());
    let missing = r#"{"kind":"fine","issued_at":"x","extra":1}"#;
    let error = serde_json::from_str::<Fine>(missing).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("missing field `amount_cents`"), "{error}");
}

#[tokio::test]
async fn a_proxy_passes_a_record_through_unchanged() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/archive/members/mem_1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(RECORD, "application/json"))
        .mount(&server)
        .await;
    let client = ::bookshelf::client::Client::builder()
        .api_key("sk-test")
        .base_url(server.uri())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let record = client.get_member_record("mem_1").send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(serde_json::to_string(&record).ok().as_deref(), Some(RECORD));

    // A decode error in a keeping object still names the field's path.
    let wide = RECORD.replace(r#""loans_out":0"#, r#""loans_out":4294967296"#);
    Mock::given(method("GET"))
        .and(path("/archive/members/mem_2"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(wide, "application/json"))
        .mount(&server)
        .await;
    let error = client.get_member_record("mem_2").send().await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("at `loans_out`"), "{error}");
}
