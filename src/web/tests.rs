use super::*;
use crate::engine::Settings;
use crate::rules::Ruleset;

const TOKEN: &str = "00112233445566778899aabbccddeeff";
const PORT: u16 = 4242;

fn app(max_upload: usize) -> App {
    let linter = Linter::new(Ruleset::defaults().expect("rules"), &Settings::default())
        .expect("the built-in rules compile");
    App::new(linter, TOKEN.into(), PORT, max_upload)
}

fn request<'a>(method: &'a str, url: &'a str) -> Request<'a> {
    Request {
        method,
        url,
        host: Some("127.0.0.1:4242"),
        origin: None,
        content_length: None,
    }
}

fn send(app: &App, request: Request<'_>, body: &[u8]) -> Response {
    app.handle(&request, &mut &body[..])
}

fn json(response: &Response) -> serde_json::Value {
    serde_json::from_slice(&response.body).expect("JSON")
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
            Request {
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
    assert_eq!(redirect.location.as_deref(), Some(&*format!("/t/{TOKEN}/")));
}

#[test]
fn requests_from_other_sites_are_refused() {
    let app = app(1 << 20);
    let url = format!("/t/{TOKEN}/api/check?name=a.txt");
    let from = |origin| Request {
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
        let headers = send(&app, request("GET", url), b"").headers();
        let get = |name: &str| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
        assert_eq!(
            get("Content-Security-Policy"),
            Some(&CONTENT_SECURITY_POLICY.into())
        );
        assert_eq!(get("X-Content-Type-Options"), Some(&"nosniff".into()));
        assert_eq!(get("Referrer-Policy"), Some(&"no-referrer".into()));
        assert!(get("Access-Control-Allow-Origin").is_none());
    }
}

#[test]
fn an_upload_over_the_limit_is_refused_before_it_is_read() {
    let app = app(1000);
    let url = format!("/t/{TOKEN}/api/check?name=a.txt");
    let declared = Request {
        content_length: Some(10_000_000_000),
        ..request("POST", &url)
    };
    // A body that fails if read: the declared length is enough to refuse.
    struct Unread;
    impl Read for Unread {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            panic!("the body was read")
        }
    }
    let refused = app.handle(&declared, &mut Unread);
    assert_eq!(refused.status, 413);
    assert!(
        json(&refused)["error"]
            .as_str()
            .unwrap()
            .contains("--max-upload-mb")
    );
    // Undeclared (chunked): refused once one byte too many has arrived.
    assert_eq!(send(&app, request("POST", &url), &[b'a'; 1001]).status, 413);
    assert_eq!(send(&app, request("POST", &url), &[b'a'; 1000]).status, 200);
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
    assert_eq!(percent_decode("a%20b+c%C3%A9%"), "a b c\u{e9}%");
    assert_eq!(percent_decode("%zz%4"), "%zz%4");
    assert_eq!(
        safe_file_name("../My draft \"v2\".docx"),
        "My_draft__v2_.docx"
    );
}
