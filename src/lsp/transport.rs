//! JSON-RPC over a byte stream: `Content-Length` framing, read on one thread
//! and written on another.
//!
//! The reader is our own rather than `lsp_server::Message::read`, which
//! returns an error for a malformed message and so ends the connection. Here
//! a body that is not JSON, or JSON that is not a message, becomes an error
//! for the main loop to answer, and a broken header is skipped until the
//! next `Content-Length`: one bad message never ends the session.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::Value;

/// Bodies larger than this are refused rather than allocated.
const MAX_BODY: usize = 1 << 30;

/// What the reader got.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Something that was not a message; answered with an error whose id
    /// is the request's when it could be read, `null` otherwise.
    Malformed {
        id: Value,
        code: ErrorCode,
        message: String,
    },
}

/// What the writer sends.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// An error response to something whose id could not be read (JSON-RPC
    /// says its id is then `null`, which `lsp_server::Response` cannot hold).
    Error {
        id: Value,
        code: ErrorCode,
        message: String,
    },
    /// A message already serialised (diagnostics, built on the checking
    /// thread straight to text, without a `serde_json::Value` in between).
    Raw(String),
}

/// A notification as the text of a JSON-RPC message.
pub fn notification_text(
    method: &str,
    params: &impl serde::Serialize,
) -> serde_json::Result<String> {
    #[derive(serde::Serialize)]
    struct Body<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    serde_json::to_string(&Body {
        jsonrpc: "2.0",
        method,
        params,
    })
}

/// Reads messages on a thread until the end of the input.
pub fn spawn_reader(input: impl Read + Send + 'static) -> (Receiver<Incoming>, JoinHandle<()>) {
    let (sender, receiver) = crossbeam_channel::unbounded();
    let handle = std::thread::Builder::new()
        .name("ordinary-lsp-reader".into())
        .spawn(move || {
            let mut input = BufReader::with_capacity(64 * 1024, input);
            while let Some(incoming) = read(&mut input) {
                if sender.send(incoming).is_err() {
                    return;
                }
            }
        })
        .expect("cannot start the reader thread");
    (receiver, handle)
}

/// Writes messages on a thread until every sender is gone.
pub fn spawn_writer(
    output: impl Write + Send + 'static,
) -> (Sender<Outgoing>, JoinHandle<io::Result<()>>) {
    let (sender, receiver) = crossbeam_channel::unbounded::<Outgoing>();
    let handle = std::thread::Builder::new()
        .name("ordinary-lsp-writer".into())
        .spawn(move || {
            let mut output = io::BufWriter::new(output);
            for outgoing in receiver {
                match outgoing {
                    Outgoing::Message(message) => message.write(&mut output)?,
                    Outgoing::Error { id, code, message } => {
                        let body = serde_json::json!({
                            "jsonrpc": "2.0",
                            "id": id,
                            "error": { "code": code as i32, "message": message },
                        })
                        .to_string();
                        write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
                        output.flush()?;
                    }
                    Outgoing::Raw(body) => {
                        write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
                        output.write_all(body.as_bytes())?;
                        output.flush()?;
                    }
                }
            }
            output.flush()
        })
        .expect("cannot start the writer thread");
    (sender, handle)
}

/// The next message, error or `None` at the end of the input.
pub fn read(input: &mut impl BufRead) -> Option<Incoming> {
    let mut line = Vec::new();
    let mut length: Option<Result<usize, String>> = None;
    let mut bad_header: Option<String> = None;
    let mut headers = 0;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if headers == 0 {
                // Blank lines between messages.
                continue;
            }
            break;
        }
        headers += 1;
        // After a broken message, find the next header even when it
        // follows leftovers on the same line.
        let lower = text.to_ascii_lowercase();
        let header = match lower.find("content-length:") {
            Some(at) if at > 0 => {
                bad_header.get_or_insert_with(|| {
                    format!("unexpected text before a header: {:?}", &text[..at])
                });
                &text[at..]
            }
            _ => text,
        };
        match header.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length {:?}", value.trim())),
                );
            }
            Some(_) => {}
            None => {
                bad_header.get_or_insert_with(|| format!("malformed header {text:?}"));
            }
        }
    }
    let length = match length {
        Some(Ok(length)) if length <= MAX_BODY => length,
        Some(Ok(length)) => {
            return Some(parse_error(format!(
                "message of {length} bytes is too large"
            )));
        }
        Some(Err(message)) => return Some(parse_error(message)),
        None => {
            let message = bad_header.unwrap_or_else(|| "no Content-Length header".into());
            return Some(parse_error(message));
        }
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body).ok()?;
    Some(decode(&body))
}

fn parse_error(message: String) -> Incoming {
    Incoming::Malformed {
        id: Value::Null,
        code: ErrorCode::ParseError,
        message,
    }
}

/// A body as a message, or the JSON-RPC error for it.
fn decode(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        // JavaScript strings may hold half a surrogate pair, and editors
        // send them (`\ud800` alone), which serde_json refuses: read them
        // as U+FFFD, as a browser would, rather than lose the message.
        Err(error) => match without_lone_surrogates(body)
            .and_then(|fixed| serde_json::from_slice(&fixed).ok())
        {
            Some(value) => value,
            None => return parse_error(format!("the message is not JSON: {error}")),
        },
    };
    // A request id we can echo back: a number or a string.
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    // A request whose id is not a whole number or a string would otherwise
    // be read as a notification and never answered.
    if value.get("method").is_some()
        && let Some(raw) = value.get("id")
        && !(raw.is_string() || raw.as_i64().is_some_and(|n| i32::try_from(n).is_ok()))
    {
        return Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!("a request id must be a whole number or a string, not {raw}"),
        };
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(_) => Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            message: "not a JSON-RPC request, response or notification".into(),
        },
    }
}

/// The body with each `\uXXXX` escape of half a surrogate pair that has
/// no other half replaced by `\uFFFD`; `None` when there is none.
fn without_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    let hex = |at: usize| -> Option<u16> {
        let digits = std::str::from_utf8(body.get(at..at + 4)?).ok()?;
        u16::from_str_radix(digits, 16).ok()
    };
    // The code unit of a `\u` escape starting at `at`, if there is one.
    let escape = |at: usize| -> Option<u16> {
        (body.get(at) == Some(&b'\\') && body.get(at + 1) == Some(&b'u'))
            .then(|| hex(at + 2))
            .flatten()
    };
    let mut out = Vec::with_capacity(body.len());
    let mut changed = false;
    let mut at = 0;
    while at < body.len() {
        if body[at] != b'\\' {
            out.push(body[at]);
            at += 1;
            continue;
        }
        match escape(at) {
            Some(0xD800..=0xDBFF) => {
                if let Some(0xDC00..=0xDFFF) = escape(at + 6) {
                    out.extend_from_slice(&body[at..at + 12]);
                    at += 12;
                } else {
                    out.extend_from_slice(b"\\uFFFD");
                    changed = true;
                    at += 6;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                out.extend_from_slice(b"\\uFFFD");
                changed = true;
                at += 6;
            }
            // Any other escape, `\\` included, is copied whole, so an
            // escaped backslash before `u` is never read as an escape.
            _ => {
                let end = (at + 2).min(body.len());
                out.extend_from_slice(&body[at..end]);
                at = end;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &str) -> Vec<Incoming> {
        let mut reader = io::Cursor::new(input.as_bytes().to_vec());
        std::iter::from_fn(|| read(&mut reader)).collect()
    }

    #[test]
    fn bad_messages_become_errors_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":"x","params":3}"#),
            "Content-Length: nope\r\n\r\n".to_string(),
            "Garbage-Without-Colon\r\n\r\n".to_string(),
            frame(good),
        ]
        .concat();
        let got = all(&input);
        let codes: Vec<i32> = got
            .iter()
            .filter_map(|i| match i {
                Incoming::Malformed { code, .. } => Some(*code as i32),
                Incoming::Message(_) => None,
            })
            .collect();
        assert_eq!(codes, vec![-32700, -32600, -32700, -32700]);
        match &got[1] {
            Incoming::Malformed { id, .. } => assert_eq!(id, &Value::from("x")),
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(got.last(), Some(Incoming::Message(Message::Request(r))) if r.method == "shutdown")
        );
    }

    #[test]
    fn a_request_with_an_id_of_the_wrong_shape_is_answered_with_an_error() {
        for id in [r#"{"a":1}"#, "1.5", "null", "[1]", "99999999999"] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
            match all(&frame(&body)).as_slice() {
                [Incoming::Malformed { code, message, .. }] => {
                    assert_eq!(*code as i32, -32600, "{id}");
                    assert!(message.contains("whole number or a string"), "{message}");
                }
                other => panic!("{id}: {other:?}"),
            }
        }
        let good = r#"{"jsonrpc":"2.0","id":"abc","method":"shutdown"}"#;
        assert!(matches!(
            all(&frame(good)).as_slice(),
            [Incoming::Message(_)]
        ));
    }

    #[test]
    fn half_a_surrogate_pair_is_read_as_a_replacement_character() {
        let body = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"a\ud800b \udc00 \ud83d\ude00 \\ud800"}}"#;
        let got = all(&frame(body));
        let [Incoming::Message(Message::Notification(note))] = got.as_slice() else {
            panic!("not read: {got:?}");
        };
        assert_eq!(
            note.params["text"], "a\u{FFFD}b \u{FFFD} \u{1F600} \\ud800",
            "lone halves replaced; a real pair and an escaped backslash kept"
        );
    }

    #[test]
    fn a_header_after_leftovers_on_the_same_line_is_found() {
        let good = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!("leftover{}", frame(good));
        let got = all(&input);
        assert!(
            matches!(got.as_slice(), [Incoming::Message(Message::Notification(n))] if n.method == "exit")
        );
    }

    #[test]
    fn lower_case_headers_and_extra_headers_are_fine() {
        let good = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!(
            "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{good}",
            good.len()
        );
        assert!(matches!(all(&input).as_slice(), [Incoming::Message(_)]));
    }
}
