//! The router without a network: each request built by hand and answered
//! by [`App::router`] as the server would answer it.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Bytes;
use axum::http::{HeaderMap, Request as HttpRequest};
use tower::ServiceExt;

use super::*;
use crate::engine::Settings;
use crate::rules::Ruleset;

const TOKEN: &str = "00112233445566778899aabbccddeeff";
const PORT: u16 = 4242;

fn app(max_upload: usize) -> Arc<App> {
    let linter = Linter::new(Ruleset::defaults().expect("rules"), &Settings::default())
        .expect("the built-in rules compile");
    Arc::new(App::new(linter, TOKEN.into(), PORT, max_upload))
}

/// A request as the page's browser sends it, to be changed field by field.
#[derive(Clone, Copy)]
struct Sent<'a> {
    method: &'a str,
    url: &'a str,
    host: Option<&'a str>,
    origin: Option<&'a str>,
    content_length: Option<u64>,
}

fn request<'a>(method: &'a str, url: &'a str) -> Sent<'a> {
    Sent {
        method,
        url,
        host: Some("127.0.0.1:4242"),
        origin: None,
        content_length: None,
    }
}

/// An answer: its status, headers and body.
struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

fn answer(app: &Arc<App>, sent: Sent<'_>, body: Body) -> Answer {
    let mut request = HttpRequest::builder().method(sent.method).uri(sent.url);
    if let Some(host) = sent.host {
        request = request.header("host", host);
    }
    if let Some(origin) = sent.origin {
        request = request.header("origin", origin);
    }
    if let Some(length) = sent.content_length {
        request = request.header("content-length", length);
    }
    let request = request.body(body).expect("a request");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let response = app
            .router(Duration::from_secs(5))
            .oneshot(request)
            .await
            .expect("an answer");
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .expect("a body");
        Answer {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body: body.to_vec(),
        }
    })
}

fn send(app: &Arc<App>, sent: Sent<'_>, body: &[u8]) -> Answer {
    answer(app, sent, Body::from(body.to_vec()))
}

fn json(answer: &Answer) -> serde_json::Value {
    serde_json::from_slice(&answer.body).expect("JSON")
}

#[test]
fn only_the_loopback_names_on_our_port_are_answered() {
    let app = app(1 << 20);
    let page = format!("/t/{TOKEN}/");
    for (host, status) in [
        (Some("127.0.0.1:4242"), 200),
        (Some("localhost:4242"), 200),
        (Some("LOCALHOST:4242"), 200),
        (Some("127.0.0.1:4243"), 421),
        (Some("evil.example:4242"), 421),
        (Some("127.0.0.1"), 421),
        (Some("127.0.0.1.evil.example:4242"), 421),
        // Names that resolve to loopback too, but are not the ones printed
        // (a trailing dot, IPv6, which the server does not listen on), and
        // ports written oddly.
        (Some("localhost.:4242"), 421),
        (Some("[::1]:4242"), 421),
        (Some("127.0.0.1:04242"), 421),
        (Some("localhost:4242:4242"), 421),
        (Some("user@127.0.0.1:4242"), 421),
        (Some(""), 421),
        (None, 421),
    ] {
        let response = send(
            &app,
            Sent {
                host,
                ..request("GET", &page)
            },
            b"",
        );
        assert_eq!(response.status, status, "{host:?}");
    }
}

#[test]
fn every_address_needs_the_token() {
    let app = app(1 << 20);
    for url in [
        "/",
        "/app.js",
        "/t/",
        "/t/00112233445566778899aabbccddeefe/",
        "/t/00112233445566778899aabbccddeeff0/",
        "/t/00112233445566778899aabbccddeef/app.js",
        "/api/check",
        // The token anywhere but its place in the path.
        "/app.js?t=00112233445566778899aabbccddeeff",
        "/x/t/00112233445566778899aabbccddeeff/app.js",
        "//t/00112233445566778899aabbccddeeff/app.js",
        "/T/00112233445566778899aabbccddeeff/app.js",
        "/t/00112233445566778899AABBCCDDEEFF/app.js",
        "/t/00112233445566778899aabbccddeeff%2Fapp.js",
        "http://127.0.0.1:4242/t/00112233445566778899aabbccddeeff/app.js",
        "http://evil.example/t/00112233445566778899aabbccddeeff/app.js",
    ] {
        assert_eq!(send(&app, request("GET", url), b"").status, 403, "{url}");
    }
    // Past the token, only the page's own files: no path leads elsewhere.
    for url in [
        "/t/00112233445566778899aabbccddeeff/../app.js",
        "/t/00112233445566778899aabbccddeeff/./app.js",
        "/t/00112233445566778899aabbccddeeff/%2e%2e/Cargo.toml",
        "/t/00112233445566778899aabbccddeeff/page/app.js",
        "/t/00112233445566778899aabbccddeeff/app.js/",
    ] {
        assert_eq!(send(&app, request("GET", url), b"").status, 404, "{url}");
    }
    let with_token = format!("/t/{TOKEN}/app.js");
    assert_eq!(send(&app, request("GET", &with_token), b"").status, 200);
    // Without the closing slash, relative addresses would lose the token.
    let bare = format!("/t/{TOKEN}");
    let redirect = send(&app, request("GET", &bare), b"");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some(&*format!("/t/{TOKEN}/")));
}

#[test]
fn requests_from_other_sites_are_refused() {
    let app = app(1 << 20);
    let url = format!("/t/{TOKEN}/api/check?name=a.txt");
    let from = |origin| Sent {
        origin: Some(origin),
        ..request("POST", &url)
    };
    assert_eq!(send(&app, from("http://evil.example"), b"hi").status, 403);
    assert_eq!(send(&app, from("null"), b"hi").status, 403);
    assert_eq!(send(&app, from("http://127.0.0.1:4242"), b"hi").status, 200);
}

#[test]
fn every_response_carries_the_security_headers() {
    let app = app(1 << 20);
    for url in [
        "/",
        &*format!("/t/{TOKEN}/"),
        &*format!("/t/{TOKEN}/nothing"),
    ] {
        let answer = send(&app, request("GET", url), b"");
        assert_eq!(
            answer.header("Content-Security-Policy"),
            Some(CONTENT_SECURITY_POLICY)
        );
        assert_eq!(answer.header("X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(answer.header("Referrer-Policy"), Some("no-referrer"));
        assert_eq!(answer.header("Cache-Control"), Some("no-store"));
        assert!(answer.header("Access-Control-Allow-Origin").is_none());
        assert!(answer.header("Set-Cookie").is_none());
    }
}

#[test]
fn an_upload_over_the_limit_is_refused_before_it_is_read() {
    let app = app(1000);
    let url = format!("/t/{TOKEN}/api/check?name=a.txt");
    let declared = Sent {
        content_length: Some(10_000_000_000),
        ..request("POST", &url)
    };
    // A body that fails if read: the declared length is enough to refuse.
    let refused = answer(&app, declared, Body::new(Unread));
    assert_eq!(refused.status, 413);
    assert!(
        json(&refused)["error"]
            .as_str()
            .unwrap()
            .contains("--max-upload-mb")
    );
    // Undeclared (chunked): refused once one byte too many has arrived.
    let chunks = |n: usize| Body::new(Chunks(n));
    let over = answer(&app, request("POST", &url), chunks(1001));
    assert_eq!(over.status, 413);
    assert!(
        json(&over)["error"]
            .as_str()
            .unwrap()
            .contains("larger than 0 MB")
    );
    assert_eq!(
        answer(&app, request("POST", &url), chunks(1000)).status,
        200
    );
}

#[test]
fn a_bad_file_gets_the_command_lines_message() {
    let app = app(1 << 20);
    let url = format!("/t/{TOKEN}/api/check?name=draft.docx");
    let response = send(&app, request("POST", &url), b"PK\x03\x04 not a zip");
    assert_eq!(response.status, 422);
    let error = crate::source::read_bytes(
        b"PK\x03\x04 not a zip".to_vec(),
        Format::Docx,
        ReadOptions::default(),
    )
    .expect_err("not a Word document");
    assert_eq!(json(&response)["error"], format!("draft.docx: {error}"));
}

#[test]
fn a_word_line_break_is_shown_as_one_at_the_offsets_the_engine_reports() {
    use docx_rs::{BreakType, Docx, Paragraph, Run};
    let mut bytes = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text("Mrs Thornton")
                    .add_break(BreakType::TextWrapping)
                    .add_text("12 Station Road")
                    .add_break(BreakType::TextWrapping)
                    .add_text("We will signpost service users."),
            ),
        )
        .build()
        .pack(&mut bytes)
        .expect("packs");
    let bytes = bytes.into_inner();
    let app = app(1 << 20);
    let url = format!("/t/{TOKEN}/api/check?name=letter.docx");
    let checked = json(&send(&app, request("POST", &url), &bytes));
    let block = checked["blocks"][0]["text"].as_str().expect("a block");
    assert_eq!(
        block,
        "Mrs Thornton\n12 Station Road\nWe will signpost service users."
    );
    // The engine read spaces there: its offsets, and the page's, are those
    // of the text with spaces.
    let document =
        crate::source::read_bytes(bytes, Format::Docx, ReadOptions::default()).expect("reads");
    assert_eq!(document.text, block.replace('\n', " "));
    let finding = &checked["findings"][0];
    assert_eq!(finding["rule"], "signpost");
    let start = document.text.find("signpost").unwrap();
    assert_eq!(finding["byte_start"], start);
    assert_eq!(finding["start"], start);
    assert_eq!(finding["end"], start + "signpost".len());
    assert_eq!(finding["matched"], "signpost");
}

#[test]
fn pasted_text_is_checked_and_its_accepted_suggestions_put_in() {
    let app = app(1 << 20);
    let text = "We will signpost service users to the carers' centre.\n";
    let url = format!("/t/{TOKEN}/api/check?name=pasted.txt");
    let checked = json(&send(&app, request("POST", &url), text.as_bytes()));
    let findings = checked["findings"].as_array().expect("findings");
    let ids: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["signpost", "service-user"]);
    assert_eq!(checked["blocks"][0]["text"], text.trim_end());
    assert_eq!(
        (findings[0]["start"].as_u64(), findings[0]["end"].as_u64()),
        (Some(8), Some(16))
    );
    assert_eq!(findings[0]["fitted"], true);
    // How it reads, in the words every front end shows.
    let reading = &checked["reading"];
    assert_eq!(reading["heading"], "How this document reads");
    assert_eq!(
        (
            &reading["summary"]["words"],
            &reading["summary"]["sentences"]
        ),
        (&serde_json::json!(9), &serde_json::json!(1))
    );
    assert!(
        reading["text"]
            .as_str()
            .unwrap()
            .starts_with("9 words in 1 sentence, 9.0 words a sentence on average; 0 long (0%)"),
        "{reading}"
    );
    assert!(reading["caveat"].as_str().unwrap().contains("Flesch"));
    // The second finding's first edit, as the page sends it.
    let url = format!("/t/{TOKEN}/api/fix?name=pasted.txt&accept=1.0");
    let fixed = json(&send(&app, request("POST", &url), text.as_bytes()));
    assert_eq!(
        fixed["text"],
        "We will signpost people to the carers' centre.\n"
    );
    assert_eq!(fixed["applied"], 1);
}

#[test]
fn a_rule_page_is_the_explain_text() {
    let app = app(1 << 20);
    let page = json(&send(
        &app,
        request("GET", &format!("/t/{TOKEN}/api/rule/respite")),
        b"",
    ));
    assert_eq!(page["id"], "respite");
    assert!(page["explanation"].as_str().unwrap().contains("Why: "));
    let missing = send(
        &app,
        request("GET", &format!("/t/{TOKEN}/api/rule/nope")),
        b"",
    );
    assert_eq!(missing.status, 404);
}

#[test]
fn queries_are_percent_decoded() {
    let app = app(1 << 20);
    let url = format!("/t/{TOKEN}/api/check?name=my%20notes+%C3%A9.txt&kind=");
    let checked = json(&send(&app, request("POST", &url), b"Hello."));
    assert_eq!(checked["name"], "my notes \u{e9}.txt");
    assert_eq!(
        safe_file_name("../My draft \"v2\".docx"),
        "My_draft__v2_.docx"
    );
}

/// A body that fails the test if it is read.
struct Unread;

impl http_body::Body for Unread {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        panic!("the body was read")
    }
}

/// A body of `n` bytes in chunks of 100, its length not declared.
struct Chunks(usize);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        let chunk = self.0.min(100);
        self.0 -= chunk;
        Poll::Ready((chunk > 0).then(|| Ok(http_body::Frame::data(Bytes::from(vec![b'a'; chunk])))))
    }
}
