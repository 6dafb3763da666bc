//! `format` in the bookshelf API (tests/fixtures/bookshelf.yaml, `# --- formats and unknown
//! fields ---`): date-times keep the text the server wrote, whatever a date/time crate would
//! write instead; Unix times and integer widths; query parameters as the API expects them.

use ::bookshelf::request::Operation;
use ::bookshelf::{BASE_URL, ListMembers, Member, OnLoan};
use e2e::json;
use typed_api_runtime::jiff::Timestamp;
use typed_api_runtime::{DateTime, UnixTime};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// 2024-01-01T00:00:00Z in Unix seconds.
const NEW_YEAR_2024: i64 = 1_704_067_200;

/// A member in the API's key order, compact, so that its encoding can be compared as text.
fn member(joined_at: &str, visits: &[&str]) -> String {
    let visits: Vec<String> = visits.iter().map(|v| format!("\"{v}\"")).collect();
    format!(
        r#"{{"id":"mem_1","name":"Ada","joined_at":"{joined_at}","last_visit_at":{NEW_YEAR_2024},"loans_out":2,"fines_cents":9007199254740993,"visits":[{}]}}"#,
        visits.join(",")
    )
}

#[test]
fn odd_but_valid_date_times_re_encode_byte_for_byte() {
    // Each is valid RFC 3339 for the same instant; jiff would write every one as the first.
    let odd = [
        "2024-01-01T00:00:00Z",
        "2024-01-01T00:00:00.000Z",
        "2024-01-01t00:00:00z",
        "2024-01-01T01:00:00+01:00",
        "2023-12-31T19:00:00.000000000-05:00",
        "2024-01-01T00:00:00-00:00",
    ];
    for text in odd {
        let body = member(text, &odd);
        let decoded: Member = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(decoded.joined_at.as_str(), text);
        assert_eq!(decoded.joined_at.timestamp().map(Timestamp::as_second), Ok(NEW_YEAR_2024), "{text}");
        assert_eq!(serde_json::to_string(&decoded).ok(), Some(body), "{text}");
    }
}

#[test]
fn typed_access_reads_instants_and_widths() {
    let decoded: Member =
        serde_json::from_str(&member("2024-05-01T12:30:00.5+02:00", &[])).unwrap_or_else(|e| panic!("{e}"));
    let joined = decoded.joined_at.timestamp().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(joined.to_string(), "2024-05-01T10:30:00.5Z");
    assert_eq!(decoded.last_visit_at.map(UnixTime::seconds), Some(NEW_YEAR_2024));
    let visited = decoded.last_visit_at.map(UnixTime::timestamp);
    assert_eq!(visited.map(|t| t.map(|t| t.to_string())), Some(Ok("2024-01-01T00:00:00Z".to_owned())));
    let loans: i32 = decoded.loans_out;
    assert_eq!(loans, 2);
    // Beyond 2^53: an `int64` keeps every digit.
    assert_eq!(decoded.fines_cents, 9_007_199_254_740_993);
}

#[test]
fn an_unreadable_date_time_decodes_and_the_accessor_reports_it() {
    let body = member("next Tuesday", &["2024-02-30T00:00:00Z"]);
    let decoded: Member = serde_json::from_str(&body).unwrap_or_else(|e| panic!("a response must still decode: {e}"));
    let error = decoded.joined_at.timestamp().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("`next Tuesday` is not an RFC 3339 date-time"), "{error}");
    let visits = decoded.visits.clone().unwrap_or_default();
    assert!(visits[0].timestamp().is_err(), "February 30th is no date");
    assert_eq!(serde_json::to_string(&decoded).ok(), Some(body), "kept as sent");
}

#[test]
fn a_value_beyond_an_int32_is_an_error_and_unixtime_takes_any_i64() {
    let wide = member("2024-01-01T00:00:00Z", &[]).replace("\"loans_out\":2", "\"loans_out\":2147483648");
    let error = serde_json::from_str::<Member>(&wide).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("2147483648") && error.contains("i32"), "{error}");
    let due: OnLoan =
        serde_json::from_value(json(r#"{"due_at": -62135596800, "renewals": 0}"#)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(due.due_at.timestamp().map(|t| t.to_string()), Ok("0001-01-01T00:00:00Z".to_owned()));
    let far: OnLoan = serde_json::from_value(json(r#"{"due_at": 9223372036854775807, "renewals": 0}"#))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(far.due_at.timestamp().is_err(), "beyond year 9999: decodes, the accessor says why not");
}

#[tokio::test]
async fn the_client_names_the_field_of_an_out_of_range_integer() {
    let server = MockServer::start().await;
    let wide = member("2024-01-01T00:00:00Z", &[]).replace("\"loans_out\":2", "\"loans_out\":-2147483649");
    let page = format!(r#"{{"items":[{wide}],"has_next":false}}"#);
    Mock::given(method("GET"))
        .and(path("/members"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(page, "application/json"))
        .mount(&server)
        .await;
    let client = ::bookshelf::client::Client::builder()
        .api_key("sk-test")
        .base_url(server.uri())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = client.list_members().send().await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("`items[0].loans_out`"), "{error}");
}

#[test]
fn query_parameters_go_out_as_text_and_integers() {
    let joined = DateTime::parse("2024-01-01t00:00:00.000z").unwrap_or_else(|e| panic!("{e}"));
    let since = Timestamp::from_second(NEW_YEAR_2024).unwrap_or_else(|e| panic!("{e}"));
    let request = ListMembers::new().joined_after(joined).visited_since(since).limit(50);
    assert_eq!(
        request.path_and_query().ok().as_deref(),
        Some("/members?joined_after=2024-01-01t00%3A00%3A00.000z&limit=50&visited_since=1704067200")
    );
    // A `jiff::Timestamp` becomes RFC 3339 in UTC; an `i64` a Unix time.
    let request = ListMembers::new().joined_after(since).visited_since(-1);
    assert_eq!(
        request.path_and_query().ok().as_deref(),
        Some("/members?joined_after=2024-01-01T00%3A00%3A00Z&visited_since=-1")
    );
    // An `int32` parameter is checked against its bounds before anything is sent.
    let error = ListMembers::new().limit(101).http_request(BASE_URL).err().map(|e| e.to_string());
    assert_eq!(error.as_deref(), Some("invalid `limit`: must be at most 100, got 101"));
}
