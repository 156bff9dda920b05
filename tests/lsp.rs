//! The language server end to end: the real binary, spoken to over stdio
//! with JSON-RPC, as an editor would.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);

/// A client speaking to `ordinary lsp`.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages that arrived while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn spawn(dir: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ordinary"))
            .arg("lsp")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start ordinary lsp");
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            backlog: Vec::new(),
            next_id: 1,
        }
    }

    /// Starts a server and initializes it with these client capabilities.
    fn start(dir: &Path, capabilities: Value) -> Client {
        let mut client = Client::spawn(dir, &[]);
        let result = client.initialize(dir, capabilities);
        assert_eq!(result["serverInfo"]["name"], "ordinary");
        client
    }

    fn initialize(&mut self, dir: &Path, capabilities: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(dir),
                "capabilities": capabilities,
            }),
        );
        self.notify("initialized", json!({}));
        result["result"].clone()
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (the whole message).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The first message (old or new) that `wanted` picks, removed from the queue.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_for(WAIT, wanted)
            .expect("timed out waiting for a message from the server")
    }

    fn try_wait_for(
        &mut self,
        timeout: Duration,
        wanted: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return Some(self.backlog.remove(i));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return Some(message),
                Ok(message) => self.backlog.push(message),
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    /// The next diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Shuts down cleanly and returns the exit code.
    fn shutdown(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(mut self) -> i32 {
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().expect("exited, not killed");
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().unwrap().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn workspace() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The LSP position of a byte offset, computed independently of the server.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let character = if utf8 {
        prefix.len()
    } else {
        utf16_len(prefix)
    };
    json!({"line": line, "character": character})
}

fn range_of(text: &str, phrase: &str, utf8: bool) -> Value {
    let start = text
        .find(phrase)
        .unwrap_or_else(|| panic!("{phrase:?} not in text"));
    json!({"start": position(text, start, utf8), "end": position(text, start + phrase.len(), utf8)})
}

/// Applies LSP text edits (ranges in UTF-16 unless `utf8`) to a text.
fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[line_start..].char_indices() {
            if units >= character || c == '\n' {
                return line_start + i;
            }
            units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

const TRICKY: &str =
    "Café “quoted” 👩‍⚕️ naïve — Service users get respite.\nThe care package is reviewed.\n";

fn utf8_capabilities() -> Value {
    json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
}

fn utf16_capabilities() -> Value {
    json!({"general": {"positionEncodings": ["utf-16"]}})
}

#[test]
fn diagnostics_have_exact_ranges_after_accents_quotes_and_emoji_in_utf16() {
    exact_ranges(false);
}

#[test]
fn diagnostics_have_exact_ranges_after_accents_quotes_and_emoji_in_utf8() {
    exact_ranges(true);
}

fn exact_ranges(utf8: bool) {
    let dir = workspace();
    let capabilities = if utf8 {
        utf8_capabilities()
    } else {
        utf16_capabilities()
    };
    let mut client = Client::spawn(dir.path(), &[]);
    let result = client.initialize(dir.path(), capabilities);
    assert_eq!(
        result["capabilities"]["positionEncoding"],
        if utf8 { "utf-8" } else { "utf-16" }
    );
    assert_eq!(
        result["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental"
    );
    let uri = file_uri(&dir.path().join("plan.txt"));
    client.open(&uri, "plaintext", TRICKY);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(
        codes(&diagnostics),
        ["service-user", "respite", "care-package"]
    );
    let first = &diagnostics[0];
    assert_eq!(first["range"], range_of(TRICKY, "Service users", utf8));
    assert_eq!(diagnostics[1]["range"], range_of(TRICKY, "respite", utf8));
    assert_eq!(
        diagnostics[2]["range"],
        range_of(TRICKY, "care package", utf8)
    );
    assert_eq!(first["severity"], 2, "warning");
    assert_eq!(first["source"], "ordinary");
    assert_eq!(
        first["message"],
        "Instead of “Service users”, try “People”, “People who draw on care and support” or “The people”"
    );
    // The two encodings really differ on this line.
    assert_ne!(
        range_of(TRICKY, "respite", true),
        range_of(TRICKY, "respite", false)
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn without_position_encodings_the_server_uses_utf16() {
    let dir = workspace();
    let mut client = Client::spawn(dir.path(), &[]);
    let result = client.initialize(dir.path(), json!({}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    let uri = file_uri(&dir.path().join("plan.md"));
    client.open(&uri, "markdown", TRICKY);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics[1]["range"], range_of(TRICKY, "respite", false));
}

#[test]
fn the_why_is_in_related_information_when_the_client_shows_it() {
    let dir = workspace();
    let mut client = Client::start(
        dir.path(),
        json!({"textDocument": {"publishDiagnostics": {"relatedInformation": true}}}),
    );
    let uri = file_uri(&dir.path().join("plan.txt"));
    client.open(&uri, "plaintext", "She gets respite.\n");
    let diagnostics = client.diagnostics(&uri, 1);
    let related = &diagnostics[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri);
    assert_eq!(related["location"]["range"], diagnostics[0]["range"]);
    assert!(
        related["message"]
            .as_str()
            .unwrap()
            .starts_with("Why: Respite suggests the person is a burden"),
        "{related}"
    );
}

#[test]
fn incremental_changes_are_applied_and_checked() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("notes.md"));
    let text = "# Visit 😀\n\nAll went well.\n";
    client.open(&uri, "markdown", text);
    assert!(client.diagnostics(&uri, 1).is_empty());
    // Replace "went well" on line 2 with jargon, then type after the emoji.
    client.change(
        &uri,
        2,
        json!([
            {"range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 13}},
             "text": "service users were signposted"},
            {"range": {"start": {"line": 0, "character": 10}, "end": {"line": 0, "character": 10}},
             "text": " — respite"},
        ]),
    );
    let expected = "# Visit 😀 — respite\n\nAll service users were signposted.\n";
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(codes(&diagnostics), ["respite", "service-user", "signpost"]);
    assert_eq!(
        diagnostics[0]["range"],
        range_of(expected, "respite", false)
    );
    assert_eq!(
        diagnostics[1]["range"],
        range_of(expected, "service users", false)
    );
    assert_eq!(
        diagnostics[2]["range"],
        range_of(expected, "signposted", false)
    );
    // A change without a range replaces the whole text.
    client.change(&uri, 3, json!([{"text": "Plain words only.\n"}]));
    assert!(client.diagnostics(&uri, 3).is_empty());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_burst_of_changes_is_checked_once_for_the_latest_version() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("draft.txt"));
    // A long document, so each check costs enough for the server to wait
    // for a pause in typing (it waits as long as the last check took).
    let body = "\nShe met the team on Tuesday to talk about what matters to her.\n".repeat(2_000);
    client.open(&uri, "plaintext", &body);
    assert!(client.diagnostics(&uri, 1).is_empty());
    // Type "respite is not a care package" one character at a time.
    let typed = "respite is not a care package";
    for (i, c) in typed.chars().enumerate() {
        client.change(
            &uri,
            i as i64 + 2,
            json!([{"range": {"start": {"line": 0, "character": i}, "end": {"line": 0, "character": i}},
                    "text": c.to_string()}]),
        );
    }
    let last = typed.chars().count() as i64 + 1;
    let diagnostics = client.diagnostics(&uri, last);
    assert_eq!(codes(&diagnostics), ["respite", "care-package"]);
    let before_last = client.backlog.len();
    // Wait a moment for anything else.
    std::thread::sleep(Duration::from_millis(500));
    while let Ok(message) = client.incoming.try_recv() {
        client.backlog.push(message);
    }
    let versions = |messages: &[Value]| -> Vec<i64> {
        messages
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .map(|m| m["params"]["version"].as_i64().unwrap())
            .collect()
    };
    // Nothing is published after the latest version, and 29 keystrokes
    // faster than the pause the server waits for did not give 29 checks
    // (one, or a few if this machine stalls).
    assert_eq!(versions(&client.backlog[before_last..]), Vec::<i64>::new());
    let earlier = versions(&client.backlog[..before_last]);
    assert!(earlier.len() <= 5, "checked versions {earlier:?} too");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn stale_versions_are_never_published_after_newer_ones() {
    let dir = workspace();
    // No debounce: every change may start a check, so stale results happen.
    let mut client = Client::spawn(dir.path(), &["--debounce-ms", "0"]);
    client.initialize(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("big.txt"));
    let big = "The service users had respite. ".repeat(20_000);
    client.open(&uri, "plaintext", &big);
    for version in 2..=12 {
        client.change(
            &uri,
            version,
            json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                    "text": "x"}]),
        );
    }
    client.diagnostics(&uri, 12);
    let versions: Vec<i64> = client
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    let mut sorted = versions.clone();
    sorted.sort();
    assert_eq!(versions, sorted, "published out of order");
    assert!(
        versions.len() < 11,
        "every keystroke was checked and published: {versions:?}"
    );
}

#[test]
fn hover_gives_why_suggestions_rule_and_category() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("plan.txt"));
    client.open(&uri, "plaintext", TRICKY);
    client.diagnostics(&uri, 1);
    let range = range_of(TRICKY, "Service users", false);
    let inside = json!({"line": 0, "character": range["start"]["character"].as_u64().unwrap() + 3});
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": inside}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    assert_eq!(hover["result"]["range"], range);
    assert!(
        value.contains("Try: People; People who draw on care and support; The people\n"),
        "{value}"
    );
    assert!(
        value.contains("Why: Nobody thinks of themselves as a service user."),
        "{value}"
    );
    assert!(
        value.contains("`service-user` · care-system word (`care-system`) · warning"),
        "{value}"
    );
    // Nothing to say over plain words.
    let plain = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 25}}),
    );
    assert_eq!(plain["result"], Value::Null);
}

#[test]
fn hover_is_plain_text_for_clients_that_show_only_plain_text() {
    let dir = workspace();
    let mut client = Client::start(
        dir.path(),
        json!({"textDocument": {"hover": {"contentFormat": ["plaintext"]}}}),
    );
    let uri = file_uri(&dir.path().join("plan.txt"));
    client.open(&uri, "plaintext", "She gets respite.\n");
    client.diagnostics(&uri, 1);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 10}}),
    );
    assert_eq!(hover["result"]["contents"]["kind"], "plaintext");
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("Instead of “respite”, try"), "{value}");
    // The first line: the reading summary after the finding, plainly.
    assert!(
        value.ends_with(
            "respite · care-system word (care-system) · warning\n\nHow this document reads: 3 words in 1 sentence, 3.0 words a sentence on average; 0 long (0%) and 0 with a passive verb (0%); reading age about 6"
        ),
        "{value}"
    );
    assert!(!value.contains('`') && !value.contains("**"), "{value}");
}

/// Plain sentences whose counts the tests know: 14 words in 3 sentences,
/// none passive; then a line with a flagged phrase in a passive sentence.
const READABLE: &str = "We visited you at home. You told us what matters. We will help you.\nService users were visited.\n";

#[test]
fn the_reading_summary_is_in_the_first_lines_hover_and_a_command() {
    let dir = workspace();
    let mut client = Client::spawn(dir.path(), &[]);
    let capabilities = client.initialize(dir.path(), utf16_capabilities());
    let commands = capabilities["capabilities"]["executeCommandProvider"]["commands"].clone();
    assert!(
        commands
            .as_array()
            .unwrap()
            .contains(&json!("ordinary.readingSummary")),
        "{commands}"
    );
    let uri = file_uri(&dir.path().join("letter.txt"));
    client.open(&uri, "plaintext", READABLE);
    client.diagnostics(&uri, 1);
    let summary = "14 words in 3 sentences, 4.7 words a sentence on average";

    // Plain words on the first line: the summary alone, over the line.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 4}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("**How this document reads**: 18 words in 4 sentences"),
        "{value}"
    );
    assert!(value.contains("1 with a passive verb (25%)"), "{value}");
    assert_eq!(
        hover["result"]["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 67}})
    );
    // Further down, a flagged phrase has its own hover and no summary.
    let below = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}}),
    );
    let value = below["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("service-user"), "{value}");
    assert!(!value.contains("How this document reads"), "{value}");
    let plain = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 20}}),
    );
    assert_eq!(plain["result"], Value::Null, "{plain}");

    // As a command: answered, and shown to the user.
    let run = |client: &mut Client| {
        client.request(
            "workspace/executeCommand",
            json!({"command": "ordinary.readingSummary", "arguments": [uri]}),
        )
    };
    let response = run(&mut client);
    let result = &response["result"];
    assert_eq!(result["heading"], "How this document reads", "{response}");
    assert_eq!(result["summary"]["sentences"], 4, "{response}");
    assert_eq!(result["summary"]["passive_sentences"], 1, "{response}");
    let text = result["text"].as_str().unwrap();
    assert!(text.starts_with("18 words in 4 sentences"), "{text}");
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(
        shown["params"]["message"],
        format!("How this document reads: {text}")
    );
    assert_eq!(shown["params"]["type"], 3, "information");

    // After an edit, the summary of the new text.
    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 2, "character": 0}}, "text": ""}]),
    );
    client.diagnostics(&uri, 2);
    let response = run(&mut client);
    let text = response["result"]["text"].as_str().unwrap();
    assert!(text.starts_with(summary), "{text}");
    assert!(text.contains("0 with a passive verb (0%)"), "{text}");

    // A document that is not open is an error, not a summary of nothing.
    let missing = client.request(
        "workspace/executeCommand",
        json!({"command": "ordinary.readingSummary", "arguments": ["file:///nowhere.txt"]}),
    );
    assert_eq!(missing["error"]["code"], -32602, "{missing}");
    assert_eq!(client.shutdown(), 0);
}

/// The code actions offered at the start of `phrase`.
fn actions_at(
    client: &mut Client,
    uri: &str,
    text: &str,
    phrase: &str,
    diagnostics: &[Value],
) -> Vec<Value> {
    let range = range_of(text, phrase, false);
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": range["start"], "end": range["start"]},
            "context": {"diagnostics": diagnostics},
        }),
    );
    response["result"].as_array().unwrap().clone()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"))
}

fn edits_for<'a>(action: &'a Value, uri: &str) -> &'a [Value] {
    action["edit"]["changes"][uri].as_array().unwrap()
}

#[test]
fn quick_fixes_replace_the_phrase_keeping_capitals() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("plan.txt"));
    client.open(&uri, "plaintext", TRICKY);
    let diagnostics = client.diagnostics(&uri, 1);
    let actions = actions_at(&mut client, &uri, TRICKY, "Service users", &diagnostics);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace “Service users” with “People”",
            "Replace “Service users” with “People who draw on care and support”",
            "Replace “Service users” with “The people”",
            "Disable service-user for this line",
            "Accept “Service users” in this project (ordinary.toml)",
        ]
    );
    let people = titled(&actions, "Replace “Service users” with “People”");
    assert_eq!(people["kind"], "quickfix");
    assert_eq!(people["diagnostics"][0]["code"], "service-user");
    assert_eq!(
        apply_edits(TRICKY, edits_for(people, &uri), false),
        TRICKY.replace("Service users", "People")
    );
    assert_eq!(actions[0]["isPreferred"], true);
    // Actions that ask only for other kinds get none.
    let range = range_of(TRICKY, "Service users", false);
    let refactors = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range,
               "context": {"diagnostics": [], "only": ["refactor"]}}),
    );
    assert_eq!(refactors["result"], json!([]));
}

#[test]
fn disabling_a_rule_for_a_line_inserts_a_comment_that_works() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let cases = [
        (
            "a.md",
            "markdown",
            "Intro.\n\nWe offer respite “care” and  \na care package.\n",
            "respite",
            "Intro.\n\nWe offer respite “care” and <!-- ordinary-disable-line respite -->  \na care package.\n",
        ),
        (
            "b.txt",
            "plaintext",
            "Intro.\n    We offer respite 😀 care.\n",
            "respite",
            "Intro.\n    # ordinary-disable-next-line respite\n    We offer respite 😀 care.\n",
        ),
        (
            "crlf.txt",
            "plaintext",
            "Intro.\r\nWe offer “short” respite.\r\n",
            "respite",
            "Intro.\r\n# ordinary-disable-next-line respite\r\nWe offer “short” respite.\r\n",
        ),
        (
            "c.md",
            "markdown",
            "A care package and respite <!-- ordinary-disable-line care-package -->\n",
            "respite",
            "A care package and respite <!-- ordinary-disable-line care-package, respite -->\n",
        ),
    ];
    for (name, language, text, phrase, expected) in cases {
        let uri = file_uri(&dir.path().join(name));
        client.open(&uri, language, text);
        let diagnostics = client.diagnostics(&uri, 1);
        let rule = phrase;
        let flagged = diagnostics
            .iter()
            .find(|d| d["code"] == rule)
            .unwrap_or_else(|| panic!("{name}: no {rule} in {diagnostics:?}"));
        assert_eq!(flagged["range"], range_of(text, phrase, false), "{name}");
        let actions = actions_at(&mut client, &uri, text, phrase, &diagnostics);
        let disable = titled(&actions, &format!("Disable {rule} for this line"));
        let edited = apply_edits(text, edits_for(disable, &uri), false);
        assert_eq!(edited, expected, "{name}");
        // The edited document no longer has the finding, and keeps the others.
        client.change(&uri, 2, json!([{"text": edited}]));
        let after = codes(&client.diagnostics(&uri, 2));
        assert!(!after.contains(&rule.to_string()), "{name}: {after:?}");
        let before = codes(&diagnostics);
        assert_eq!(
            after.len(),
            before.len() - 1,
            "{name}: {before:?} then {after:?}"
        );
    }
}

#[test]
fn accepting_a_word_edits_ordinary_toml_keeping_comments_and_rechecks() {
    let dir = workspace();
    let config = dir.path().join("ordinary.toml");
    std::fs::write(
        &config,
        "# House words\naccept = [\n    \"Reablement Team\", # our team\n]\n\n[severity]\ncare-package = \"info\" # for now\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("plans/plan.txt"));
    let text = "The Reablement Team reviewed the care package and Service users said so.\n";
    client.open(&uri, "plaintext", text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(codes(&diagnostics), ["care-package", "service-user"]);
    assert_eq!(
        diagnostics[0]["severity"], 3,
        "the config's severity applies"
    );
    let actions = actions_at(&mut client, &uri, text, "Service users", &diagnostics);
    let accept = titled(
        &actions,
        "Accept “Service users” in this project (ordinary.toml)",
    );
    let command = &accept["command"];
    let response = client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(response["result"], Value::Null, "{response}");
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "# House words\naccept = [\n    \"Reablement Team\", # our team\n    \"Service users\",\n]\n\n[severity]\ncare-package = \"info\" # for now\n"
    );
    // Checked again with the new config, without waiting for the editor.
    let after = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    assert_eq!(
        codes(after["params"]["diagnostics"].as_array().unwrap()),
        ["care-package"]
    );
}

#[test]
fn accepting_a_word_without_a_config_creates_one_in_the_workspace() {
    let dir = workspace();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("docs/a.md"));
    client.open(&uri, "markdown", "Ask the CQC.\n");
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(codes(&diagnostics), ["cqc"]);
    let actions = actions_at(&mut client, &uri, "Ask the CQC.\n", "CQC", &diagnostics);
    let command =
        titled(&actions, "Accept “CQC” in this project (ordinary.toml)")["command"].clone();
    client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ordinary.toml")).unwrap(),
        "accept = [\"CQC\"]\n"
    );
    let after = client.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(after["params"]["diagnostics"], json!([]));
    // A broken command is an error, not a crash.
    let bad = client.request(
        "workspace/executeCommand",
        json!({"command": "ordinary.accept", "arguments": [1]}),
    );
    assert_eq!(bad["error"]["code"], -32602);
    let unknown = client.request(
        "workspace/executeCommand",
        json!({"command": "nope", "arguments": []}),
    );
    assert_eq!(unknown["error"]["code"], -32602);
}

/// Client capabilities for resolving code actions' edits lazily (LSP
/// 3.16), as VS Code sends them.
fn resolving_capabilities(utf8: bool) -> Value {
    let encodings = if utf8 {
        json!(["utf-8", "utf-16"])
    } else {
        json!(["utf-16"])
    };
    json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {"codeAction": {
            "dataSupport": true,
            "resolveSupport": {"properties": ["edit"]},
            "isPreferredSupport": true,
            "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}},
        }},
    })
}

/// The code actions offered over `phrase`, with positions in the client's encoding.
fn actions_over(
    client: &mut Client,
    uri: &str,
    text: &str,
    phrase: &str,
    utf8: bool,
    diagnostics: &[Value],
) -> Vec<Value> {
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range_of(text, phrase, utf8),
            "context": {"diagnostics": diagnostics},
        }),
    );
    response["result"]
        .as_array()
        .unwrap_or_else(|| panic!("no actions: {response}"))
        .clone()
}

/// Starts a server and checks whether it offers to resolve code actions.
fn start_resolving(dir: &Path, capabilities: Value, resolves: bool) -> Client {
    let mut client = Client::spawn(dir, &[]);
    let result = client.initialize(dir, capabilities);
    let provider = &result["capabilities"]["codeActionProvider"];
    assert_eq!(provider["codeActionKinds"], json!(["quickfix"]), "{result}");
    if resolves {
        assert_eq!(provider["resolveProvider"], true, "{result}");
    } else {
        assert!(provider.get("resolveProvider").is_none(), "{result}");
    }
    client
}

/// With a client that resolves edits, the actions come without them and
/// `codeAction/resolve` gives, byte for byte, the edit an older client gets
/// inline: for fitted suggestions (one reaching past its finding), the
/// disable comment in Markdown and plain text, in UTF-16 and UTF-8.
#[test]
fn resolved_edits_are_the_inline_edits_byte_for_byte() {
    let markdown = "Intro.\n\nWe offer respite “care” and  \na care package.\n";
    let cases = [
        ("plan.txt", "plaintext", TRICKY, "Service users"),
        ("plan.txt", "plaintext", TRICKY, "care package"),
        ("notes.md", "markdown", markdown, "respite"),
        ("notes.md", "markdown", markdown, "care package"),
    ];
    let mut replacements = 0;
    for utf8 in [false, true] {
        let dir = workspace();
        let mut lazy = start_resolving(dir.path(), resolving_capabilities(utf8), true);
        let encodings = resolving_capabilities(utf8)["general"].clone();
        let mut eager = start_resolving(dir.path(), json!({"general": encodings}), false);
        for (name, language, text, phrase) in cases {
            let uri = file_uri(&dir.path().join(name));
            let case = format!("{name} at {phrase:?}, utf8 {utf8}");
            lazy.open(&uri, language, text);
            eager.open(&uri, language, text);
            let diagnostics = lazy.diagnostics(&uri, 1);
            assert_eq!(diagnostics, eager.diagnostics(&uri, 1), "{case}");
            let deferred = actions_over(&mut lazy, &uri, text, phrase, utf8, &diagnostics);
            let inline = actions_over(&mut eager, &uri, text, phrase, utf8, &diagnostics);
            assert_eq!(deferred.len(), inline.len(), "{case}");
            for (offered, expected) in deferred.iter().zip(&inline) {
                assert_eq!(offered["title"], expected["title"], "{case}");
                assert!(offered.get("edit").is_none(), "{case}: {offered}");
                let resolved = lazy.request("codeAction/resolve", offered.clone());
                let resolved = &resolved["result"];
                assert_eq!(
                    resolved["edit"].to_string(),
                    expected["edit"].to_string(),
                    "{case}: {offered}"
                );
                // Nothing else differs but the data that named the edit.
                let mut without_data = resolved.clone();
                if let Some(fields) = without_data.as_object_mut() {
                    fields.remove("data");
                }
                assert_eq!(&without_data, expected, "{case}");
                if expected.get("edit").is_some() {
                    assert!(offered["data"].is_object(), "{case}: {offered}");
                }
                if offered["title"].as_str().unwrap().starts_with("Replace") {
                    replacements += 1;
                }
            }
            let disable = deferred
                .iter()
                .find(|a| a["title"].as_str().unwrap().starts_with("Disable"))
                .unwrap();
            let resolved = lazy.request("codeAction/resolve", disable.clone());
            let after = apply_edits(text, edits_for(&resolved["result"], &uri), utf8);
            assert!(after.contains("ordinary-disable"), "{case}: {after}");
        }
        assert_eq!(lazy.shutdown(), 0);
        assert_eq!(eager.shutdown(), 0);
    }
    // Suggestions were compared too, not only the disable comments.
    assert!(replacements >= 10, "{replacements} replacements");
}

/// Clients that cannot resolve edits, or say so only in part, get them
/// inline and no `resolveProvider`. (Neovim 0.7 does resolve them: it sends
/// `dataSupport` and `resolveSupport` for `edit`; tests/neovim.rs applies
/// a resolved fix.)
#[test]
fn without_resolve_support_edits_stay_inline() {
    let partial = [
        json!({"textDocument": {"codeAction": {
            "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}},
        }}}),
        json!({"textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]}}}}),
        json!({"textDocument": {"codeAction": {
            "dataSupport": false, "resolveSupport": {"properties": ["edit"]},
        }}}),
        json!({"textDocument": {"codeAction": {
            "dataSupport": true, "resolveSupport": {"properties": ["command"]},
        }}}),
    ];
    for capabilities in partial {
        let dir = workspace();
        let mut client = start_resolving(dir.path(), capabilities.clone(), false);
        let uri = file_uri(&dir.path().join("plan.txt"));
        client.open(&uri, "plaintext", TRICKY);
        let diagnostics = client.diagnostics(&uri, 1);
        let actions = actions_at(&mut client, &uri, TRICKY, "Service users", &diagnostics);
        let people = titled(&actions, "Replace “Service users” with “People”");
        assert_eq!(
            apply_edits(TRICKY, edits_for(people, &uri), false),
            TRICKY.replace("Service users", "People"),
            "{capabilities}"
        );
        for action in &actions {
            assert!(action.get("data").is_none(), "{capabilities}: {action}");
        }
    }
}

/// An action resolved after its document changed, after the finding went
/// (a config change rechecked the same version), or after the document
/// closed, is refused with ContentModified: never an edit for other text.
/// Accepting a phrase, a command, resolves to itself and still runs.
#[test]
fn resolving_a_stale_action_is_content_modified() {
    const CONTENT_MODIFIED: i64 = -32801;
    let dir = workspace();
    let config = dir.path().join("ordinary.toml");
    std::fs::write(&config, "disable = []\n").unwrap();
    let mut client = start_resolving(dir.path(), resolving_capabilities(false), true);
    let uri = file_uri(&dir.path().join("plan.txt"));
    let text = "Service users get respite.\nThe care package is reviewed.\n";
    client.open(&uri, "plaintext", text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(
        codes(&diagnostics),
        ["service-user", "respite", "care-package"]
    );

    // Typing after the phrases moves nothing, but the version moved on.
    let actions = actions_at(&mut client, &uri, text, "Service users", &diagnostics);
    let people = titled(&actions, "Replace “Service users” with “People”").clone();
    let end = position(text, text.len(), false);
    client.change(
        &uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": "More.\n"}]),
    );
    let stale = client.request("codeAction/resolve", people.clone());
    assert_eq!(stale["error"]["code"], CONTENT_MODIFIED, "{stale}");
    assert!(stale.get("result").is_none(), "{stale}");
    // Asked again at the new version, it resolves.
    let text = &format!("{text}More.\n");
    let actions = actions_at(&mut client, &uri, text, "Service users", &diagnostics);
    let people = titled(&actions, "Replace “Service users” with “People”").clone();
    let fresh = client.request("codeAction/resolve", people);
    assert_eq!(
        apply_edits(text, edits_for(&fresh["result"], &uri), false),
        text.replace("Service users", "People"),
        "{fresh}"
    );

    // The check of the text as changed publishes for version 2 too: taken
    // here, so the one awaited below is the check after the config change.
    let _ = client.diagnostics(&uri, 2);

    // The rule is switched off in the config: same version, no finding.
    let actions = actions_at(&mut client, &uri, text, "respite", &diagnostics);
    let disable = titled(&actions, "Disable respite for this line").clone();
    let accept = titled(&actions, "Accept “respite” in this project (ordinary.toml)").clone();
    std::fs::write(&config, "disable = [\"respite\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let rechecked = client.diagnostics(&uri, 2);
    assert_eq!(codes(&rechecked), ["service-user", "care-package"]);
    let gone = client.request("codeAction/resolve", disable);
    assert_eq!(gone["error"]["code"], CONTENT_MODIFIED, "{gone}");
    // A command has nothing to resolve and still runs.
    let resolved = client.request("codeAction/resolve", accept.clone());
    assert_eq!(resolved["result"], accept);
    let command = &accept["command"];
    let ran = client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(ran["result"], Value::Null, "{ran}");
    assert!(
        std::fs::read_to_string(&config)
            .unwrap()
            .contains("accept = [\"respite\"]")
    );

    // Closed: nothing to edit.
    let actions = actions_at(&mut client, &uri, text, "care package", &rechecked);
    let fix = titled(&actions, "Replace “care package” with “care and support”").clone();
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let closed = client.request("codeAction/resolve", fix);
    assert_eq!(closed["error"]["code"], CONTENT_MODIFIED, "{closed}");
    assert_eq!(client.shutdown(), 0);
}

/// `codeAction/resolve` with data the server did not make is refused as
/// invalid parameters, not a panic, and the server answers what follows.
#[test]
fn resolving_malformed_data_is_invalid_params_and_the_server_carries_on() {
    const INVALID_PARAMS: i64 = -32602;
    let dir = workspace();
    let mut client = start_resolving(dir.path(), resolving_capabilities(false), true);
    let uri = file_uri(&dir.path().join("plan.txt"));
    client.open(&uri, "plaintext", TRICKY);
    let diagnostics = client.diagnostics(&uri, 1);
    let actions = actions_at(&mut client, &uri, TRICKY, "Service users", &diagnostics);
    let people = titled(&actions, "Replace “Service users” with “People”").clone();
    let data = people["data"].clone();
    let with_data = |data: Value| {
        let mut action = people.clone();
        action["data"] = data;
        action
    };
    let mut wrong_type = data.clone();
    wrong_type["start"] = json!("nine");
    let mut not_a_uri = data.clone();
    not_a_uri["uri"] = json!("not a uri at all");
    let mut unknown_fix = data.clone();
    unknown_fix["fix"] = json!("rewrite");
    let mut huge_version = data.clone();
    huge_version["version"] = json!(1u64 << 40);
    let malformed = [
        with_data(json!("nonsense")),
        with_data(json!(42)),
        with_data(json!({})),
        with_data(wrong_type),
        with_data(not_a_uri),
        with_data(unknown_fix),
        with_data(huge_version),
        // Not a code action at all.
        json!({"data": data}),
        json!(null),
    ];
    for action in malformed {
        let response = client.request("codeAction/resolve", action.clone());
        assert_eq!(
            response["error"]["code"], INVALID_PARAMS,
            "{action}: {response}"
        );
    }
    // Well formed but naming no finding (offsets past the end, another
    // rule, a suggestion the rule does not have): the text has no such
    // fix, so nothing is edited.
    let mut past_the_end = data.clone();
    past_the_end["start"] = json!(usize::MAX - 1);
    past_the_end["end"] = json!(usize::MAX);
    let mut other_rule = data.clone();
    other_rule["rule"] = json!("respite");
    let mut other_suggestion = data.clone();
    other_suggestion["fix"]["replace"]["suggestion"] = json!(99);
    for data in [past_the_end, other_rule, other_suggestion] {
        let response = client.request("codeAction/resolve", with_data(data.clone()));
        assert_eq!(response["error"]["code"], -32801, "{data}: {response}");
    }
    // Still answering, and right.
    let resolved = client.request("codeAction/resolve", people);
    assert_eq!(
        apply_edits(TRICKY, edits_for(&resolved["result"], &uri), false),
        TRICKY.replace("Service users", "People")
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri},
               "position": range_of(TRICKY, "respite", false)["start"]}),
    );
    assert!(hover["result"]["contents"].is_object(), "{hover}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_changed_config_rechecks_open_documents() {
    let dir = workspace();
    let config = dir.path().join("ordinary.toml");
    std::fs::write(&config, "disable = []\n").unwrap();
    let mut client = Client::start(
        dir.path(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    // The server asks to watch TOML files.
    let registration = client.wait_for(|m| m["method"] == "client/registerCapability");
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registered["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.toml"
    );
    client.send(json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}));

    let uri = file_uri(&dir.path().join("a.txt"));
    client.open(&uri, "plaintext", "A care package and respite.\n");
    assert_eq!(
        codes(&client.diagnostics(&uri, 1)),
        ["care-package", "respite"]
    );
    std::fs::write(&config, "disable = [\"respite\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let after = client.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(
        codes(after["params"]["diagnostics"].as_array().unwrap()),
        ["care-package"]
    );

    // A broken config is reported, and the defaults apply meanwhile.
    std::fs::write(&config, "disable = [\"respite\"\nfail_onn = 1\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("ordinary.toml"),
        "{shown}"
    );
    let after = client.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(
        codes(after["params"]["diagnostics"].as_array().unwrap()),
        ["care-package", "respite"]
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn config_and_rules_files_changed_on_disk_apply_without_a_notification() {
    // Neovim 0.7, for one, does not watch files for the server.
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("a.txt"));
    let text = "Ring the hub about respite.\n";
    client.open(&uri, "plaintext", text);
    assert_eq!(codes(&client.diagnostics(&uri, 1)), ["respite"]);
    // A new ordinary.toml naming a house rules file.
    std::fs::write(
        dir.path().join("house.toml"),
        "[[rule]]\nid = \"house-hub\"\ncategory = \"jargon\"\nseverity = \"warning\"\nphrases = [\"the hub\"]\n\
         suggestions = [\"the front desk\"]\nwhy = \"Nobody outside knows what the hub is.\"\n\
         examples = [\"Ring the hub.\"]\ncounter_examples = [\"Ring us.\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ordinary.toml"),
        "rules = [\"house.toml\"]\n",
    )
    .unwrap();
    client.change(&uri, 2, json!([{"text": text}]));
    assert_eq!(
        codes(&client.diagnostics(&uri, 2)),
        ["house-hub", "respite"]
    );
    // The rules file changes: its rule now suggests something else.
    std::fs::write(
        dir.path().join("house.toml"),
        "[[rule]]\nid = \"house-hub\"\ncategory = \"jargon\"\nseverity = \"warning\"\nphrases = [\"the hub\"]\n\
         suggestions = [\"reception\"]\nwhy = \"Nobody outside knows what the hub is.\"\n\
         examples = [\"Ring the hub.\"]\ncounter_examples = [\"Ring us.\"]\n",
    )
    .unwrap();
    client.change(&uri, 3, json!([{"text": text}]));
    let after = client.diagnostics(&uri, 3);
    assert_eq!(after[0]["message"], "Instead of “the hub”, try “reception”");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn kinds_from_the_config_apply_to_open_documents() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("ordinary.toml"),
        "[kinds]\njob-description = [\"jobs/**\"]\nassessment = [\"notes/**\"]\n",
    )
    .unwrap();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let text = "The post holder will be a self-starter.\n";
    let job = file_uri(&dir.path().join("jobs/worker.md"));
    let other = file_uri(&dir.path().join("notes/worker.md"));
    client.open(&job, "markdown", text);
    client.open(&other, "markdown", text);
    let in_job = codes(&client.diagnostics(&job, 1));
    let elsewhere = codes(&client.diagnostics(&other, 1));
    assert!(in_job.contains(&"post-holder".to_string()), "{in_job:?}");
    assert!(
        !elsewhere.contains(&"post-holder".to_string()),
        "{elsewhere:?}"
    );
}

#[test]
fn documents_in_other_languages_are_left_alone_and_closing_clears() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let rust = file_uri(&dir.path().join("main.rs"));
    client.open(&rust, "rust", "// service users get respite\n");
    let by_extension = file_uri(&dir.path().join("notes.markdown"));
    client.open(&by_extension, "unknown-language", "Service users.\n");
    assert_eq!(
        codes(&client.diagnostics(&by_extension, 1)),
        ["service-user"]
    );
    assert!(
        client
            .try_wait_for(Duration::from_millis(300), |m| m["params"]["uri"]
                == rust.as_str())
            .is_none()
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": by_extension}}),
    );
    let cleared = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == by_extension.as_str()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
}

#[test]
fn unknown_methods_get_method_not_found_and_notifications_are_ignored() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), json!({}));
    let response = client.request("textDocument/definition", json!({}));
    assert_eq!(response["error"]["code"], -32601);
    client.notify("$/someExtension", json!({"x": 1}));
    let bad_params = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad_params["error"]["code"], -32602);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn malformed_messages_get_errors_and_the_server_carries_on() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), json!({}));
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);
    assert_eq!(error["id"], Value::Null);
    // A header that is not one, then a message that is not JSON-RPC.
    client.send_raw(b"Bogus\r\n\r\n");
    client.wait_for(|m| m["error"]["code"] == -32700);
    client.send(json!({"jsonrpc": "2.0", "id": 99, "params": {}}));
    let invalid = client.wait_for(|m| m["id"] == 99);
    assert_eq!(invalid["error"]["code"], -32600);
    // Invalid UTF-8 in a body.
    client.send_raw(b"Content-Length: 4\r\n\r\n\"\xff\xfe\"");
    client.wait_for(|m| m["error"]["code"] == -32700);
    // Still working.
    let uri = file_uri(&dir.path().join("a.txt"));
    client.open(&uri, "plaintext", "Respite.\n");
    assert_eq!(codes(&client.diagnostics(&uri, 1)), ["respite"]);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn requests_before_initialize_are_refused() {
    let dir = workspace();
    let mut client = Client::spawn(dir.path(), &[]);
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(dir.path(), json!({}));
    let again = client.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn exit_codes_follow_the_protocol() {
    let dir = workspace();
    // Exit without shutdown.
    let mut client = Client::start(dir.path(), json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 1);
    // The client going away without exit.
    let client = Client::start(dir.path(), json!({}));
    assert_eq!(client.exit_code(), 1);
    // Shutdown, then the client going away without exit: it did ask to stop.
    let mut client = Client::start(dir.path(), json!({}));
    client.request("shutdown", Value::Null);
    assert_eq!(client.exit_code(), 0);
    // After shutdown, requests are refused, then exit is clean.
    let mut client = Client::start(dir.path(), json!({}));
    client.request("shutdown", Value::Null);
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 0);
}

#[test]
fn a_huge_document_does_not_hold_up_other_requests() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("huge.txt"));
    let head = "Service users get respite.\n";
    client.open(&uri, "plaintext", head);
    client.diagnostics(&uri, 1);
    // Paste about 5 MB of text after the first line.
    let paragraph = "Mrs Begum and her daughter met the team on Tuesday to talk about what matters to her, \
        what she would like to do again, and who can help. They agreed to meet again in the spring. \
        Her daughter asked about a short break. The care package was reviewed.\n";
    let pasted = paragraph.repeat(5 * 1024 * 1024 / paragraph.len());
    let started = Instant::now();
    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                "text": pasted}]),
    );
    // The hover over the first line is answered from the last check while
    // the new one runs.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    let answered = started.elapsed();
    let published_first = client
        .backlog
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 2);
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("service-user"),
        "{hover}"
    );
    let diagnostics = client.diagnostics(&uri, 2);
    let checked = started.elapsed();
    eprintln!("hover answered in {answered:?}; the 5 MB check published in {checked:?}");
    // Capped at a thousand, with a notice that counts them all.
    let notice = diagnostics.last().expect("diagnostics");
    let total: usize = notice["message"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .nth(5)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{notice}"));
    assert!(total > 20_000, "{notice}");
    assert!(
        answered < Duration::from_secs(5) && answered < checked,
        "hover took {answered:?}, the check {checked:?}"
    );
    // Checking takes far longer than answering (especially in a debug
    // build), so a check that blocked the main loop would publish first.
    if checked > answered * 4 {
        assert!(!published_first, "the hover waited for the check");
    }
    assert_eq!(client.shutdown(), 0);
}

/// Applies the first fix of every SARIF result to a text, skipping fixes
/// that overlap one already applied (as `ordinary fix` does).
fn apply_sarif_fixes(text: &str, results: &[Value]) -> String {
    let offset = |line: u64, column: u64| -> usize {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(line as usize - 1)
            .map(str::len)
            .sum();
        text[line_start..]
            .char_indices()
            .nth(column as usize - 1)
            .map_or(text.len(), |(i, _)| line_start + i)
    };
    let mut edits: Vec<(usize, usize, String)> = results
        .iter()
        .filter_map(|result| {
            let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
            let region = &replacement["deletedRegion"];
            Some((
                offset(
                    region["startLine"].as_u64()?,
                    region["startColumn"].as_u64()?,
                ),
                offset(region["endLine"].as_u64()?, region["endColumn"].as_u64()?),
                replacement["insertedContent"]["text"].as_str()?.to_string(),
            ))
        })
        .collect();
    edits.sort();
    let mut out = String::new();
    let mut at = 0;
    for (start, end, new) in edits {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&new);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The editor's preferred quick fixes, SARIF's first fixes and `ordinary
/// fix` make the same edits, edit for edit, on every text and Markdown
/// document of the corpus (the review copy's tracked changes are compared
/// with `fix` in tests/review.rs).
#[test]
fn quick_fixes_sarif_fixes_and_fix_agree_on_the_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = ["assessments", "policies", "recruitment", "plain"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(corpus.join(folder)).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    let mut fixed_somewhere = 0;
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let dir = workspace();
        let copy = dir.path().join(&name);
        std::fs::write(&copy, &text).unwrap();

        // The language server: the preferred quick fix of each finding.
        let mut client = Client::start(dir.path(), utf16_capabilities());
        let uri = file_uri(&copy);
        let language = if name.ends_with(".md") {
            "markdown"
        } else {
            "plaintext"
        };
        client.open(&uri, language, &text);
        let diagnostics = client.diagnostics(&uri, 1);
        // As an editor asks: at each diagnostic in turn (a request over the
        // whole document gets actions for its first few findings only).
        let mut edits: Vec<Value> = Vec::new();
        for diagnostic in &diagnostics {
            let response = client.request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": uri},
                    "range": diagnostic["range"],
                    "context": {"diagnostics": [diagnostic]},
                }),
            );
            for action in response["result"].as_array().unwrap() {
                if action["isPreferred"] == true {
                    let mine = edits_for(action, &uri);
                    assert_eq!(mine.len(), 1, "{action}");
                    if !edits.contains(&mine[0]) {
                        edits.push(mine[0].clone());
                    }
                }
            }
        }
        let by_lsp = apply_edits(&text, &edits, false);

        // `ordinary fix` on the same file, with the same (no) config.
        let out = Command::new(env!("CARGO_BIN_EXE_ordinary"))
            .args(["fix", "--no-config", &name])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let by_fix = std::fs::read_to_string(&copy).unwrap();

        // SARIF's first fix of each result, on the original text.
        std::fs::write(&copy, &text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_ordinary"))
            .args(["check", "--no-config", "--format", "sarif", &name])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        let by_sarif = apply_sarif_fixes(&text, results);

        assert_eq!(by_lsp, by_fix, "{name}: quick fixes and fix differ");
        assert_eq!(by_sarif, by_fix, "{name}: SARIF fixes and fix differ");
        if by_fix != text {
            fixed_somewhere += 1;
        }
    }
    assert!(
        fixed_somewhere >= 5,
        "only {fixed_somewhere} files had a fix"
    );
}

/// A big document: diagnostics stop at a thousand with a notice of the
/// rest, and code actions over the whole text are offered for a handful of
/// findings, not built for every one (a 1 MB document once made 133,870
/// actions and 1.1 GB).
#[test]
fn a_huge_document_gets_bounded_diagnostics_and_actions() {
    let dir = workspace();
    let mut client = Client::start(dir.path(), utf16_capabilities());
    let uri = file_uri(&dir.path().join("big.txt"));
    // One long line, 3,000 findings.
    let text = "We met prior to the visit. ".repeat(3000);
    client.open(&uri, "plaintext", &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1001);
    let notice = diagnostics.last().unwrap();
    assert_eq!(notice["code"], "too-many-findings");
    assert!(
        notice["message"]
            .as_str()
            .unwrap()
            .contains("first 1000 of 3000 findings"),
        "{notice}"
    );
    let end = position(&text, text.len(), false);
    let started = std::time::Instant::now();
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": end},
            "context": {"diagnostics": []},
        }),
    );
    let actions = response["result"].as_array().unwrap();
    assert!(!actions.is_empty());
    // Twenty findings at most, each with its fixes, a disable and an accept.
    assert!(actions.len() <= 20 * 5, "{} actions", actions.len());
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // A range late in the document finds its own finding, not the first ones.
    let at = text.rfind("prior to").unwrap();
    let late = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": position(&text, at, false), "end": position(&text, at, false)},
            "context": {"diagnostics": []},
        }),
    );
    let titles: Vec<&str> = late["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Replace “prior to” with “before”"),
        "{titles:?}"
    );
}
