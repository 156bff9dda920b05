//! `ordinary serve`, end to end: the real binary on a real socket.
//!
//! The security and API tests speak plain HTTP over `TcpStream` and need
//! nothing else. The browser test drives Debian's Chromium with Playwright
//! (tests/browser/e2e.js): it is ignored unless Chromium and the npm
//! packages are installed (`.ci/run` installs them).

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

/// A running `ordinary serve`, stopped when dropped.
struct Served {
    child: Child,
    port: u16,
    /// The page's address path: `/t/TOKEN/`.
    base: String,
    address: String,
}

impl Served {
    fn start(extra: &[&str]) -> Served {
        Served::start_with_env(extra, &[])
    }

    fn start_with_env(extra: &[&str], env: &[(&str, &str)]) -> Served {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ordinary"));
        command
            .args(["serve", "--no-open", "--no-config", "--port", "0"])
            .args(extra)
            .envs(env.iter().copied());
        Served::spawn(command)
    }

    /// Starts `ordinary serve` as `command` says and reads its address.
    fn spawn(mut command: Command) -> Served {
        command.stdout(Stdio::piped()).stderr(Stdio::inherit());
        let mut child = command.spawn().expect("ordinary serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            let line = lines
                .next()
                .expect("ordinary serve prints its address")
                .expect("UTF-8");
            if let Some(at) = line.find("http://127.0.0.1:") {
                break line[at..].trim().to_string();
            }
        };
        // The rest of what it prints is not needed, but must not block it.
        std::thread::spawn(move || lines.for_each(drop));
        let rest = address.strip_prefix("http://127.0.0.1:").expect("loopback");
        let (port, base) = rest.split_once('/').expect("a path");
        Served {
            child,
            port: port.parse().expect("a port"),
            base: format!("/{base}"),
            address,
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `METHOD path` with a body, from the page's own host.
    fn send(&self, method: &str, path: &str, body: &[u8]) -> Reply {
        http(self.port, method, path, &[("Host", &self.host())], body)
    }

    fn get(&self, route: &str) -> Reply {
        self.send("GET", &format!("{}{route}", self.base), b"")
    }

    fn post(&self, route: &str, body: &[u8]) -> Reply {
        self.send("POST", &format!("{}{route}", self.base), body)
    }

    /// The page still answers: what every refusal must leave true.
    fn still_works(&self) {
        let reply = self.get("");
        assert_eq!(reply.status, 200, "the page after a refused request");
        assert!(String::from_utf8_lossy(&reply.body).contains("Check your writing"));
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("{error}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One HTTP/1.1 request; the reply is read up to its declared length, so a
/// server that refuses a body without reading it is not waited for.
fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
    {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("writes");
    // The server may answer and close before a refused body is all sent.
    let _ = stream.write_all(body);
    read_reply(&mut stream)
}

fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut received = Vec::new();
    let mut buffer = [0; 65536];
    loop {
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&received[..end]).into_owned();
            let mut lines = head.lines();
            let status = lines
                .next()
                .and_then(|l| l.split(' ').nth(1))
                .and_then(|s| s.parse().ok())
                .expect("a status line");
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .collect();
            let length = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
                .and_then(|(_, v)| v.parse::<usize>().ok());
            if let Some(length) = length
                && received.len() >= end + 4 + length
            {
                return Reply {
                    status,
                    headers,
                    body: received[end + 4..end + 4 + length].to_vec(),
                };
            }
        }
        let read = stream.read(&mut buffer);
        if matches!(read, Ok(0)) {
            // A long reply is sent in chunks (no length), up to the close.
            if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&received[..end]).to_ascii_lowercase();
                if head.contains("transfer-encoding: chunked") {
                    let status = head[9..12].parse().expect("a status");
                    let headers = head
                        .lines()
                        .skip(1)
                        .filter_map(|l| l.split_once(':'))
                        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                        .collect();
                    return Reply {
                        status,
                        headers,
                        body: dechunk(&received[end + 4..]),
                    };
                }
            }
        }
        match read {
            Ok(0) | Err(_) => panic!(
                "the reply ended early: {}",
                String::from_utf8_lossy(&received)
            ),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    }
}

/// A chunked body, joined.
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size");
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
            .expect("a hex chunk size");
        rest = &rest[line_end + 2..];
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["assessments", "policies", "recruitment"] {
        for entry in std::fs::read_dir(repository().join("corpus").join(folder)).expect("corpus") {
            files.push(entry.expect("an entry").path());
        }
    }
    files.sort();
    files
}

#[test]
fn the_page_is_served_at_the_printed_address_with_strict_headers() {
    let served = Served::start(&[]);
    assert!(served.address.ends_with('/'));
    let page = served.get("");
    assert_eq!(page.status, 200);
    let policy = page.header("Content-Security-Policy").expect("a CSP");
    assert!(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"));
    assert!(!policy.contains("unsafe-inline"));
    assert_eq!(page.header("X-Content-Type-Options"), Some("nosniff"));
    assert_eq!(page.header("Referrer-Policy"), Some("no-referrer"));
    assert!(page.header("Access-Control-Allow-Origin").is_none());
    assert!(page.header("Set-Cookie").is_none());
    let html = String::from_utf8(page.body).expect("UTF-8");
    // No inline script or style, and nothing from elsewhere.
    assert!(!html.contains("<script>") && !html.contains("style="));
    assert!(!html.contains("http://") && !html.contains("https://"));
    for file in ["app.js", "style.css"] {
        assert_eq!(served.get(file).status, 200, "{file}");
    }
}

#[test]
fn a_request_without_the_token_is_refused_and_the_server_keeps_working() {
    let served = Served::start(&[]);
    for path in ["/", "/app.js", "/t/0123/", "/api/check"] {
        let reply = served.send("GET", path, b"");
        assert_eq!(reply.status, 403, "{path}");
        assert!(String::from_utf8_lossy(&reply.body).contains("whole address"));
    }
    // The right length, one character wrong.
    let mut wrong = served.base.clone().into_bytes();
    let at = wrong.len() - 2;
    wrong[at] = if wrong[at] == b'0' { b'1' } else { b'0' };
    let wrong = String::from_utf8(wrong).expect("ASCII");
    assert_eq!(served.send("GET", &wrong, b"").status, 403);
    served.still_works();
}

#[test]
fn a_wrong_host_is_refused_and_the_server_keeps_working() {
    let served = Served::start(&[]);
    let page = served.base.clone();
    let other_port = format!("127.0.0.1:{}", served.port.wrapping_add(1));
    for host in [
        "evil.example",
        "evil.example:80",
        &*other_port,
        "192.168.1.5",
    ] {
        let reply = http(served.port, "GET", &page, &[("Host", host)], b"");
        assert_eq!(reply.status, 421, "{host}");
    }
    let localhost = format!("localhost:{}", served.port);
    let reply = http(served.port, "GET", &page, &[("Host", &localhost)], b"");
    assert_eq!(reply.status, 200);
    // A page on another site posting a document: refused by its origin.
    let check = format!("{page}api/check?name=a.txt");
    let host = served.host();
    let reply = http(
        served.port,
        "POST",
        &check,
        &[("Host", &host), ("Origin", "http://evil.example")],
        b"service users",
    );
    assert_eq!(reply.status, 403);
    served.still_works();
}

#[test]
fn a_huge_upload_is_refused_with_a_clear_message_and_the_server_keeps_working() {
    let served = Served::start(&["--max-upload-mb", "1"]);
    // Declared as 4 GB: refused before a byte of it is read.
    let path = format!("{}api/check?name=big.txt", served.base);
    let host = served.host();
    let reply = http(
        served.port,
        "POST",
        &path,
        &[("Host", &host), ("Content-Length", "4000000000")],
        b"",
    );
    assert_eq!(reply.status, 413);
    let message = reply.json()["error"]
        .as_str()
        .expect("a message")
        .to_string();
    assert!(message.contains("larger than 1 MB"), "{message}");
    // Sent in full, just over the limit.
    let reply = served.post("api/check?name=big.txt", &vec![b'a'; (1 << 20) + 1]);
    assert_eq!(reply.status, 413);
    served.still_works();
    // At the limit, it is checked.
    let reply = served.post("api/check?name=big.txt", &vec![b'a'; 1 << 20]);
    assert_eq!(reply.status, 200);
}

#[test]
fn a_refused_request_declaring_a_huge_body_does_not_stop_the_server() {
    // tiny_http skipped an unread body through one buffer of its declared
    // length: `usize::MAX` killed a worker thread (four did for the server)
    // and 10^12 aborted the process, with no token needed.
    let served = Served::start(&[]);
    let page = served.base.clone();
    for length in ["18446744073709551615", "1000000000000"]
        .iter()
        .cycle()
        .take(6)
    {
        let reply = http(
            served.port,
            "POST",
            &page,
            &[("Host", "evil.example"), ("Content-Length", length)],
            b"abc",
        );
        // hyper refuses a length past what it frames (u64::MAX - 2) as
        // it reads the head, before the Host is looked at.
        let expected = if *length == "18446744073709551615" {
            431
        } else {
            421
        };
        assert_eq!(reply.status, expected, "Content-Length: {length}");
    }
    served.still_works();
}

#[test]
fn slow_connections_do_not_hold_up_the_page() {
    let served = Served::start(&[]);
    // More half-sent requests than the old server had threads to read them.
    let slow: Vec<TcpStream> = (0..12)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", served.port)).expect("connects");
            stream
                .write_all(format!("POST {}api/check HTTP/1.1\r\n", served.base).as_bytes())
                .expect("writes");
            stream
        })
        .collect();
    let started = std::time::Instant::now();
    served.still_works();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the page waited {:?} behind slow connections",
        started.elapsed()
    );
    drop(slow);
}

#[test]
fn a_long_line_with_many_findings_is_checked_in_linear_time() {
    // Each finding's place in its block was counted from the block's start,
    // and its first use found by a search of all findings: a 1.3 MB line
    // took 47 s (release build) where `ordinary check` took 0.5 s.
    let served = Served::start(&[]);
    let text = "Caf\u{e9} \u{1F600}: we will signpost service users. ".repeat(20_000);
    let started = std::time::Instant::now();
    let reply = served.post("api/check?name=long.txt", text.as_bytes());
    let took = started.elapsed();
    assert_eq!(reply.status, 200);
    assert!(took < Duration::from_secs(60), "took {took:?}");
    let checked = reply.json();
    let findings = checked["findings"].as_array().expect("findings");
    assert!(findings.len() >= 40_000, "{} findings", findings.len());
    let blocks = checked["blocks"].as_array().expect("blocks");
    // The UTF-16 offsets (JavaScript's) pick out the matched words, to the
    // very last finding, past 40,000 four-byte emoji.
    for finding in [
        &findings[0],
        &findings[findings.len() / 2],
        &findings[findings.len() - 1],
    ] {
        let block = blocks[finding["block"].as_u64().expect("a block") as usize]["text"]
            .as_str()
            .expect("text");
        let units: Vec<u16> = block.encode_utf16().collect();
        let (start, end) = (
            finding["start"].as_u64().expect("start") as usize,
            finding["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            String::from_utf16_lossy(&units[start..end]),
            finding["matched"].as_str().expect("matched")
        );
    }
    // A later use is grouped under the first use of the same rule.
    for finding in findings.iter().filter(|f| f["repeat"] == true) {
        let first = &findings[finding["first"].as_u64().expect("a first use") as usize];
        assert_eq!(first["rule"], finding["rule"]);
        assert_eq!(first["repeat"], false);
    }
}

#[test]
fn a_corrupt_document_gets_the_message_ordinary_check_prints() {
    let served = Served::start(&[]);
    let folder = tempfile::TempDir::new().expect("a folder");
    let cases: [(&str, &[u8]); 4] = [
        ("broken.docx", b"PK\x03\x04 cut short"),
        ("old.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an old .doc"),
        ("empty.docx", b""),
        ("latin.txt", b"caf\xE9 au lait"),
    ];
    for (name, bytes) in cases {
        std::fs::write(folder.path().join(name), bytes).expect("writes");
        let run = support::check(folder.path(), &[name]);
        let printed = run
            .stderr
            .lines()
            .find_map(|l| l.strip_prefix("error: "))
            .unwrap_or_else(|| panic!("check prints an error for {name}: {}", run.stderr))
            .to_string();
        let reply = served.post(&format!("api/check?name={name}"), bytes);
        assert_eq!(reply.status, 422, "{name}");
        assert_eq!(reply.json()["error"], printed, "{name}");
        served.still_works();
    }
}

/// What the page is given for each finding is what `ordinary check
/// --format json` says of it, field for field; and each finding's place in
/// its block is the matched text.
#[test]
fn the_findings_are_those_of_ordinary_check_for_every_corpus_document() {
    let served = Served::start(&[]);
    for path in corpus_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let run = support::check(path.parent().unwrap(), &["--format", "json", name.as_str()]);
        let expected: Value = serde_json::from_str(&run.stdout).expect("JSON");
        let bytes = std::fs::read(&path).expect("reads");
        let reply = served.post(&format!("api/check?name={name}"), &bytes);
        assert_eq!(reply.status, 200, "{name}");
        let page = reply.json();
        let expected = expected["findings"].as_array().expect("findings");
        let found = page["findings"].as_array().expect("findings");
        assert_eq!(found.len(), expected.len(), "{name}");
        for (found, expected) in found.iter().zip(expected) {
            for (key, value) in expected.as_object().expect("an object") {
                assert_eq!(&found[key], value, "{name}: {key}");
            }
            // The offsets into the block pick out the matched text (UTF-16).
            let block = &page["blocks"][found["block"].as_u64().unwrap() as usize];
            let text: Vec<u16> = block["text"].as_str().unwrap().encode_utf16().collect();
            let (start, end) = (
                found["start"].as_u64().unwrap() as usize,
                found["end"].as_u64().unwrap() as usize,
            );
            let marked = String::from_utf16(&text[start..end]).expect("whole characters");
            let matched = found["matched"].as_str().unwrap();
            if name.ends_with(".md") {
                // Markdown is shown without its marks.
                assert_eq!(collapsed(&marked), shown_of_markdown(matched), "{name}");
            } else if name.ends_with(".docx") {
                // A Word line break is shown as one where the engine reads
                // a space: the same offsets.
                assert_eq!(marked.replace('\n', " "), matched, "{name}");
            } else {
                assert_eq!(marked, matched, "{name}");
            }
        }
        // The document's structure comes through for Word and Markdown.
        let blocks = page["blocks"].as_array().unwrap();
        let roles: Vec<&str> = blocks.iter().map(|b| b["role"].as_str().unwrap()).collect();
        if !name.ends_with(".txt") {
            assert!(roles.contains(&"heading"), "{name}: {roles:?}");
        }
        // Its details block (name, date of birth, address…) is one
        // paragraph with line breaks (`w:br`): shown on lines of their own.
        if name == "hospital-discharge-assessment-mrs-thornton.docx" {
            let lines = blocks
                .iter()
                .filter_map(|b| b["text"].as_str())
                .find(|text| text.starts_with("Patient / service user:"))
                .map(|text| text.lines().count());
            assert!(lines.is_some_and(|n| n > 3), "{name}: {lines:?}");
        }
        if name.ends_with(".md") {
            let source = String::from_utf8_lossy(&bytes);
            if source.lines().any(|l| l.starts_with("- ")) {
                assert!(roles.contains(&"list-item"), "{name}: {roles:?}");
            }
            assert!(blocks.iter().any(|b| b["header"] == true), "{name}");
            assert!(
                blocks.iter().any(|b| b["runs"].is_array()),
                "{name}: formatting"
            );
            for block in blocks {
                let text = block["text"].as_str().unwrap();
                assert!(
                    !text.contains("**") && !text.starts_with('#') && !text.contains("|--"),
                    "{name}: Markdown marks shown: {text}"
                );
            }
        }
    }
}

/// What a reader sees of a Markdown phrase: its inline marks taken out,
/// its line breaks joined.
fn shown_of_markdown(markdown: &str) -> String {
    collapsed(&markdown.replace(['*', '_', '~', '\\'], ""))
}

fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_review_copy_is_the_one_ordinary_review_writes() {
    let epoch = [("SOURCE_DATE_EPOCH", "1767225600")];
    let served = Served::start_with_env(&[], &epoch);
    let document = repository().join("corpus/assessments/carers-assessment-mrs-begum.docx");
    let bytes = std::fs::read(&document).expect("reads");
    for mode in ["comments", "changes"] {
        let reply = served.post(
            &format!("api/review?name=carers-assessment-mrs-begum.docx&mode={mode}"),
            &bytes,
        );
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        assert_eq!(
            reply.header("Content-Disposition"),
            Some("attachment; filename=\"carers-assessment-mrs-begum.reviewed.docx\"")
        );
        let written = Command::new(env!("CARGO_BIN_EXE_ordinary"))
            .args(["review", "--no-config", "--mode", mode, "-o", "-"])
            .arg(&document)
            .envs(epoch)
            .output()
            .expect("ordinary review runs");
        assert!(written.status.success());
        assert!(
            reply.body == written.stdout,
            "{mode}: the page's copy differs from ordinary review's"
        );
    }
    let reply = served.post("api/review?name=notes.txt", b"service users");
    assert_eq!(reply.status, 422);
}

#[test]
fn accepted_suggestions_are_the_edits_ordinary_fix_makes() {
    let served = Served::start(&[]);
    let text = "We will signpost service users to respite.\n";
    let checked = served
        .post("api/check?name=notes.txt", text.as_bytes())
        .json();
    let findings = checked["findings"].as_array().expect("findings");
    let accept: Vec<String> = (0..findings.len())
        .filter(|&i| findings[i]["fitted"] == true)
        .map(|i| format!("{i}.0"))
        .collect();
    let reply = served.post(
        &format!("api/fix?name=notes.txt&accept={}", accept.join(",")),
        text.as_bytes(),
    );
    let fixed = support::ordinary_with_stdin(
        &repository(),
        &["fix", "--no-config", "-", "--stdin-filename", "notes.txt"],
        text,
    );
    assert_eq!(reply.json()["text"], fixed.stdout);
}

/// A text file's byte order mark and CRLF line endings survive the page:
/// its text goes into a text box (where every line ends in `\n`), and
/// `api/save` writes it back as the file was written, byte for byte.
#[test]
fn a_text_file_is_saved_with_its_byte_order_mark_and_line_endings() {
    let served = Served::start(&[]);
    let file = b"\xEF\xBB\xBFWe will signpost service users.\r\n\r\nSecond line.\r\n";
    let checked = served.post("api/check?name=notes.txt", file).json();
    assert_eq!(
        checked["written"],
        serde_json::json!({"encoding": "utf-8-bom", "line_ending": "crlf"})
    );
    // What the page's text box holds, and what it sends back.
    let text = checked["text"].as_str().unwrap().replace("\r\n", "\n");
    assert!(!text.starts_with('\u{feff}'));
    let saved = served.post(
        "api/save?name=notes.txt&encoding=utf-8-bom&line_ending=crlf",
        text.as_bytes(),
    );
    assert_eq!(saved.status, 200);
    assert_eq!(
        saved.header("Content-Disposition"),
        Some("attachment; filename=\"notes.txt\"")
    );
    assert!(
        saved.body == file,
        "{:?}",
        String::from_utf8_lossy(&saved.body)
    );
    // A suggestion used, then saved: still the file's mark and endings.
    let fixed = served
        .post("api/fix?name=notes.txt&accept=1.0", text.as_bytes())
        .json();
    let saved = served.post(
        "api/save?name=notes.txt&encoding=utf-8-bom&line_ending=crlf",
        fixed["text"].as_str().unwrap().as_bytes(),
    );
    assert_eq!(
        saved.body,
        b"\xEF\xBB\xBFWe will signpost people.\r\n\r\nSecond line.\r\n"
    );
    // Plain UTF-8 with LF, and pasted text, stay as they are.
    let checked = served
        .post("api/check?name=plain.md", b"caf\xC3\xA9\n")
        .json();
    assert_eq!(
        checked["written"],
        serde_json::json!({"encoding": "utf-8", "line_ending": "lf"})
    );
    assert_eq!(
        served.post("api/save", "caf\u{e9}\n".as_bytes()).body,
        b"caf\xC3\xA9\n"
    );
    assert_eq!(
        served.post("api/save?encoding=latin-1", b"x").status,
        400,
        "an encoding ordinary does not write"
    );
}

/// A file given to the page has no place in the project (the browser sends
/// its name only), so the config's `[kinds]` and `[audiences]` globs are
/// not applied to it: its kind is the page's choice, else its own front
/// matter, else none, for the public.
#[test]
fn the_config_globs_are_not_applied_to_a_file_given_to_the_page() {
    let folder = tempfile::TempDir::new().expect("a folder");
    let config = folder.path().join("ordinary.toml");
    std::fs::write(
        &config,
        "[kinds]\njob-description = [\"*.md\", \"**/*.md\"]\n\n[audiences]\nprofessional = [\"*.md\"]\n",
    )
    .expect("writes");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ordinary"));
    command
        .current_dir(folder.path())
        .args(["serve", "--no-open", "--port", "0", "--config"])
        .arg(&config);
    let served = Served::spawn(command);
    let plain = served
        .post("api/check?name=advert.md", b"Apply now.\n")
        .json();
    assert_eq!(plain["kind"], Value::Null, "no glob applied");
    assert_eq!(plain["audience"], "public");
    assert_eq!(
        plain["stated"],
        serde_json::json!({"kind": null, "audience": null})
    );
    let own = b"---\nkind: policy\naudience: professional\n---\n\nApply now.\n";
    let stated = served.post("api/check?name=advert.md", own).json();
    assert_eq!(
        stated["stated"],
        serde_json::json!({"kind": "policy", "audience": "professional"})
    );
    assert_eq!(stated["kind"], "policy");
    // The page's choice goes before the front matter.
    let chosen = served
        .post("api/check?name=advert.md&kind=assessment", own)
        .json();
    assert_eq!(chosen["kind"], "assessment");
    assert_eq!(chosen["stated"]["kind"], "policy");
}

#[test]
fn a_rule_page_has_the_explain_text() {
    let served = Served::start(&[]);
    let page = served.get("api/rule/respite").json();
    let explained = support::ordinary(&repository(), &["explain", "--no-config", "respite"]);
    assert_eq!(page["explanation"], explained.stdout);
    // The page names a rule by its words; a check without phrases by its
    // id in words.
    assert_eq!(page["title"], "respite");
    let check = served.get("api/rule/abbreviation-not-explained").json();
    assert_eq!(check["title"], "abbreviation not explained");
    assert_eq!(check["phrases"], serde_json::json!([]));
    assert_eq!(served.get("api/rule/no-such-rule").status, 404);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut served = Served::start(&[]);
    served.still_works();
    let pid = served.child.id().to_string();
    let status = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let mut waited = 0;
    let code = loop {
        if let Some(status) = served.child.try_wait().expect("waits") {
            break status.code();
        }
        waited += 1;
        assert!(waited < 100, "still running 10 s after Ctrl-C");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(code, Some(0));
    assert!(TcpStream::connect(("127.0.0.1", served.port)).is_err());
}

/// Where the browser tests' npm packages are installed.
fn browser_folder() -> PathBuf {
    repository().join("tests/browser")
}

/// The page in Debian's Chromium, driven by Playwright: a corpus Word
/// document dropped on it, its marks and findings compared with `ordinary
/// check --format json`, both review copies downloaded, text pasted and a
/// suggestion accepted and downloaded, axe-core's accessibility check, and
/// the main steps by keyboard alone. Screenshots go to docs/images with
/// `ORDINARY_SCREENSHOTS=1`.
#[test]
#[ignore = "needs Chromium and npm (apt-get install chromium chromium-driver; npm ci in tests/browser); .ci/run installs them"]
fn the_page_works_in_chromium() {
    support::require(
        "Chromium (/usr/bin/chromium)",
        Path::new("/usr/bin/chromium").exists(),
    );
    support::require(
        "the npm packages in tests/browser (npm ci)",
        browser_folder()
            .join("node_modules/playwright-core")
            .exists(),
    );
    let epoch = [("SOURCE_DATE_EPOCH", "1767225600")];
    let served = Served::start_with_env(&[], &epoch);
    let document =
        repository().join("corpus/assessments/hospital-discharge-assessment-mrs-thornton.docx");
    let expected = support::check(
        document.parent().unwrap(),
        &[
            "--format",
            "json",
            "hospital-discharge-assessment-mrs-thornton.docx",
        ],
    );
    let out = tempfile::TempDir::new().expect("a folder");
    let expected_path = out.path().join("expected.json");
    std::fs::write(&expected_path, &expected.stdout).expect("writes");
    let markdown = repository().join("corpus/assessments/care-act-assessment-mr-okafor.md");
    let expected_markdown = support::check(
        markdown.parent().unwrap(),
        &["--format", "json", "care-act-assessment-mr-okafor.md"],
    );
    let expected_markdown_path = out.path().join("expected-markdown.json");
    std::fs::write(&expected_markdown_path, &expected_markdown.stdout).expect("writes");
    let mut command = Command::new("node");
    command
        .arg(browser_folder().join("e2e.js"))
        .env("ORDINARY_URL", &served.address)
        .env("DOCUMENT", &document)
        .env("EXPECTED", &expected_path)
        .env("MARKDOWN", &markdown)
        .env("EXPECTED_MARKDOWN", &expected_markdown_path)
        .env("OUT", out.path());
    if std::env::var_os("ORDINARY_SCREENSHOTS").is_some() {
        command.env("SCREENSHOTS", repository().join("docs/images"));
    }
    let run = command.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the browser test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The downloaded copies are the ones `ordinary review` writes, and the
    // Word reader finds a comment for each finding in the comments copy.
    for mode in ["comments", "changes"] {
        let downloaded = std::fs::read(out.path().join(format!("review-{mode}.docx")))
            .expect("the browser saved the review copy");
        let written = Command::new(env!("CARGO_BIN_EXE_ordinary"))
            .args(["review", "--no-config", "--mode", mode, "-o", "-"])
            .arg(&document)
            .envs(epoch)
            .output()
            .expect("ordinary review runs");
        assert!(
            downloaded == written.stdout,
            "{mode}: not ordinary review's copy"
        );
    }
    let copy = std::fs::read(out.path().join("review-comments.docx")).expect("reads");
    let options = ordinary::ReadOptions {
        docx: ordinary::source::DocxOptions { comments: true },
    };
    let read = ordinary::read_bytes(copy, ordinary::Format::Docx, options).expect("opens");
    let comments = read
        .segments
        .iter()
        .filter_map(|s| s.location.as_deref())
        .filter(|l| matches!(l.part, ordinary::source::location::Part::Comment { .. }))
        .map(|l| match l.part {
            ordinary::source::location::Part::Comment { comment } => comment,
            _ => 0,
        })
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let findings: Value = serde_json::from_str(&expected.stdout).expect("JSON");
    // And one more, at the start, saying how the document reads.
    assert_eq!(comments, findings["findings"].as_array().unwrap().len() + 1);
    let summaries =
        read.segments
            .iter()
            .filter(|s| {
                s.location.as_deref().is_some_and(|l| {
                    matches!(l.part, ordinary::source::location::Part::Comment { .. })
                }) && read
                    .segment_text(s)
                    .starts_with("How this document reads: ")
            })
            .count();
    assert_eq!(summaries, 1);
    // The pasted text, with a suggestion accepted, as downloaded.
    let text = std::fs::read_to_string(out.path().join("my-text.txt")).expect("downloaded");
    assert!(text.contains("people"), "{text}");
    // A text file's byte order mark and CRLF, kept through the text box.
    let saved = std::fs::read(out.path().join("notes.txt")).expect("downloaded");
    assert_eq!(
        String::from_utf8_lossy(&saved),
        "\u{feff}We will signpost people.\r\n\r\nSecond line.\r\n"
    );
}
