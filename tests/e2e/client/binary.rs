//! `response: binary` on the bookshelf API (`getBookCover`): the call gives the body's bytes
//! as they came (any bytes, not read as JSON), sends the operation's own `Accept` instead of
//! the client's `application/json`, and an error status is still an error with the API's
//! JSON error body. OpenAI's downloads ask for `application/binary`, as openai-python does.

use bookshelf::GetBookCover;
use bookshelf::client::Error;
use bookshelf::request::{Operation, ResponseBody};
use e2e::TestResult;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{bookshelf_client, received};

/// A PNG signature and bytes that are no UTF-8, let alone JSON.
const COVER: &[u8] = b"\x89PNG\r\n\x1a\n\x00\xff\xfe{\"not\": json";

#[tokio::test]
async fn a_binary_response_is_the_bodys_bytes_as_they_came() -> TestResult {
    let server = MockServer::start().await;
    let cover = ResponseTemplate::new(200).set_body_raw(COVER, "image/png");
    Mock::given(method("GET")).and(path("/shelves/s1/books/b1/cover")).respond_with(cover).mount(&server).await;
    let response = bookshelf_client(&server).get_book_cover("s1", "b1").send_with_response().await?;
    assert_eq!(response.body.as_ref(), COVER);
    assert_eq!(response.headers.get("content-type").map(|v| v.as_bytes()), Some(&b"image/png"[..]));
    let requests = received(&server).await;
    let accept: Vec<_> = requests[0].headers.get_all("accept").iter().map(|v| v.as_bytes().to_vec()).collect();
    assert_eq!(accept, [b"image/png, image/jpeg".to_vec()], "the operation's Accept replaces the client's");
    // An empty body is an empty download, not an error.
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    assert!(bookshelf_client(&server).get_book_cover("s1", "b1").send().await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn an_error_status_is_an_api_error_with_its_json_body() -> TestResult {
    let server = MockServer::start().await;
    let gone = ResponseTemplate::new(404).set_body_json(json!({ "error": { "message": "no cover" } }));
    Mock::given(method("GET")).respond_with(gone).mount(&server).await;
    let error = bookshelf_client(&server).get_book_cover("s1", "b1").send().await.err();
    assert!(matches!(error, Some(Error::Api(ref api)) if api.status.as_u16() == 404), "{error:?}");
    Ok(())
}

#[test]
fn the_request_says_what_it_accepts() -> TestResult {
    assert_eq!(GetBookCover::RESPONSE_BODY, ResponseBody::Binary);
    let request = GetBookCover::new("s1", "b1").http_request("https://bookshelf.example.com/api")?;
    assert_eq!(request.headers().get("accept").map(|v| v.as_bytes()), Some(&b"image/png, image/jpeg"[..]));
    assert!(request.body().is_empty());
    Ok(())
}

/// OpenAI's downloads ask for `application/binary`, as openai-python does, and give bytes.
#[test]
#[allow(deprecated)]
fn openai_downloads_ask_for_bytes_as_the_official_sdk_does() -> TestResult {
    use openai::request::{Operation as _, ResponseBody as Body};
    use openai::{DownloadFile, RetrieveContainerFileContent, RetrieveVideoContent, VideoContentVariant};
    let base = "https://api.openai.com/v1";
    let requests = [
        DownloadFile::new("file-1").http_request(base)?,
        RetrieveContainerFileContent::new("cntr_1", "cfile_1").http_request(base)?,
        RetrieveVideoContent::new("video_1").variant(VideoContentVariant::Thumbnail).http_request(base)?,
    ];
    let targets: Vec<String> = requests.iter().map(|r| r.uri().to_string()).collect();
    assert_eq!(
        targets,
        [
            "https://api.openai.com/v1/files/file-1/content",
            "https://api.openai.com/v1/containers/cntr_1/files/cfile_1/content",
            "https://api.openai.com/v1/videos/video_1/content?variant=thumbnail",
        ]
    );
    for request in &requests {
        assert_eq!(request.headers().get("accept").map(|v| v.as_bytes()), Some(&b"application/binary"[..]));
    }
    assert_eq!(DownloadFile::RESPONSE_BODY, Body::Binary);
    assert_eq!(RetrieveVideoContent::RESPONSE_BODY, Body::Binary);
    Ok(())
}
