//! The framing over real loopback connections: one server thread per
//! test, raw bytes from the client.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::*;
use crate::engine::{Linter, Settings};
use crate::rules::Ruleset;

const TOKEN: &str = "00112233445566778899aabbccddeeff";

const QUICK: Timeouts = Timeouts {
    head: Duration::from_millis(500),
    idle: Duration::from_millis(500),
    linger: Duration::from_millis(300),
};

/// A server for one connection on a free port: its port, and the thread
/// answering (it ends when the connection is done).
fn serve_one(max_upload: usize) -> (u16, JoinHandle<()>) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a port");
    let port = listener.local_addr().expect("an address").port();
    let linter = Linter::new(Ruleset::defaults().expect("rules"), &Settings::default())
        .expect("the built-in rules compile");
    let app = App::new(linter, TOKEN.into(), port, max_upload);
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("a connection");
        serve_connection(&app, stream, QUICK);
    });
    (port, server)
}

/// Sends `request`, then reads the answer to the end of the connection.
fn exchange(port: u16, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    // The server may answer and close before all of it is sent.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn status(answer: &str) -> u16 {
    answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"))
}

/// The connection is done within the time given: the thread did not panic
/// and did not wait on the client for longer.
fn finishes_within(server: JoinHandle<()>, time: Duration) {
    let started = Instant::now();
    while !server.is_finished() {
        assert!(started.elapsed() < time, "still busy after {time:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
    server.join().expect("no panic");
}

#[test]
fn a_refused_request_declaring_a_huge_body_neither_panics_nor_allocates_it() {
    // tiny_http allocated the declared length to skip the body: usize::MAX
    // panicked the thread, 10^12 aborted the process.
    for length in ["18446744073709551615", "1000000000000"] {
        let (port, server) = serve_one(1 << 20);
        let request = format!(
            "POST /t/{TOKEN}/api/check HTTP/1.1\r\nHost: evil.example\r\n\
             Content-Length: {length}\r\n\r\nabc"
        );
        let answer = exchange(port, request.as_bytes());
        assert_eq!(status(&answer), 421, "{answer}");
        finishes_within(server, Duration::from_secs(5));
    }
}

#[test]
fn a_declared_length_too_large_for_any_number_is_a_bad_request() {
    let (port, server) = serve_one(1 << 20);
    let request = format!(
        "POST /t/{TOKEN}/api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: 99999999999999999999999\r\n\r\n"
    );
    assert_eq!(status(&exchange(port, request.as_bytes())), 400);
    finishes_within(server, Duration::from_secs(5));
}

#[test]
fn an_upload_over_the_limit_is_answered_413_while_it_is_still_being_sent() {
    let (port, server) = serve_one(1 << 20);
    let body = vec![b'a'; 3 << 20];
    let mut request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    let answer = exchange(port, &request);
    assert_eq!(status(&answer), 413, "{answer}");
    assert!(answer.contains("larger than 1 MB"), "{answer}");
    finishes_within(server, Duration::from_secs(5));
}

#[test]
fn a_page_is_checked_and_a_head_request_gets_no_body() {
    let (port, server) = serve_one(1 << 20);
    let text = "We will signpost service users.";
    let request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: localhost:{port}\r\n\
         Content-Length: {}\r\n\r\n{text}",
        text.len()
    );
    let answer = exchange(port, request.as_bytes());
    assert_eq!(status(&answer), 200, "{answer}");
    assert!(answer.contains("Connection: close\r\n"), "{answer}");
    let (_, body) = answer.split_once("\r\n\r\n").expect("a head");
    let checked: serde_json::Value = serde_json::from_str(body).expect("JSON");
    assert!(!checked["findings"].as_array().expect("findings").is_empty());
    finishes_within(server, Duration::from_secs(5));

    let (port, server) = serve_one(1 << 20);
    let request = format!("HEAD /t/{TOKEN}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let answer = exchange(port, request.as_bytes());
    assert_eq!(status(&answer), 200, "{answer}");
    assert!(answer.ends_with("\r\n\r\n"), "a body after HEAD: {answer}");
    finishes_within(server, Duration::from_secs(5));
}

#[test]
fn expect_100_continue_gets_the_go_ahead_before_the_body_is_read() {
    let (port, server) = serve_one(1 << 20);
    let text = b"service users";
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    let head = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Expect: 100-continue\r\nContent-Length: {}\r\n\r\n",
        text.len()
    );
    stream.write_all(head.as_bytes()).expect("writes");
    let mut go_ahead = [0u8; 25];
    stream.read_exact(&mut go_ahead).expect("a go-ahead");
    assert_eq!(&go_ahead, b"HTTP/1.1 100 Continue\r\n\r\n");
    stream.write_all(text).expect("writes");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    assert_eq!(status(&answer), 200, "{answer}");
    finishes_within(server, Duration::from_secs(5));
}

#[test]
fn a_body_in_chunks_is_refused_with_length_required() {
    let (port, server) = serve_one(1 << 20);
    let request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    );
    let answer = exchange(port, request.as_bytes());
    assert_eq!(status(&answer), 411, "{answer}");
    finishes_within(server, Duration::from_secs(5));
}

#[test]
fn headers_said_twice_are_refused_not_guessed_at() {
    for twice in [
        "Host: 127.0.0.1:PORT\r\nHost: evil.example",
        "Origin: http://127.0.0.1:PORT\r\nOrigin: http://evil.example",
        "Content-Length: 3\r\nContent-Length: 5",
        "Content-Length: +3",
        "Expect: something-else",
    ] {
        let (port, server) = serve_one(1 << 20);
        let headers = twice.replace("PORT", &port.to_string());
        let host = if twice.starts_with("Host") {
            String::new()
        } else {
            format!("Host: 127.0.0.1:{port}\r\n")
        };
        let request =
            format!("POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\n{host}{headers}\r\n\r\nabc");
        let answer = exchange(port, request.as_bytes());
        assert!(matches!(status(&answer), 400 | 417), "{twice}: {answer}");
        finishes_within(server, Duration::from_secs(5));
    }
}

#[test]
fn a_head_over_the_limit_or_malformed_is_refused() {
    let (port, server) = serve_one(1 << 20);
    let long = format!(
        "GET /t/{TOKEN}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Padding: {}\r\n\r\n",
        "a".repeat(MAX_HEAD)
    );
    assert_eq!(status(&exchange(port, long.as_bytes())), 431);
    finishes_within(server, Duration::from_secs(5));

    // No blank line ever, but more than the limit.
    let (port, server) = serve_one(1 << 20);
    let endless = "X".repeat(MAX_HEAD * 2);
    assert_eq!(status(&exchange(port, endless.as_bytes())), 431);
    finishes_within(server, Duration::from_secs(5));

    let (port, server) = serve_one(1 << 20);
    assert_eq!(status(&exchange(port, b"\x00\x01 nonsense\r\n\r\n")), 400);
    finishes_within(server, Duration::from_secs(5));
}

#[test]
fn a_head_that_never_ends_is_cut_off_in_time() {
    let (port, server) = serve_one(1 << 20);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    // Slowloris: a header a little at a time, never finished.
    let started = Instant::now();
    stream.write_all(b"GET / HTTP/1.1\r\n").expect("writes");
    let mut answer = Vec::new();
    while answer.is_empty() && started.elapsed() < Duration::from_secs(5) {
        let _ = stream.write_all(b"X-A: b\r\n");
        std::thread::sleep(Duration::from_millis(50));
        let _ = stream.set_nonblocking(true);
        let mut buffer = [0u8; 1024];
        if let Ok(read) = stream.read(&mut buffer) {
            answer.extend_from_slice(&buffer[..read]);
        }
        let _ = stream.set_nonblocking(false);
    }
    let answer = String::from_utf8_lossy(&answer).into_owned();
    assert_eq!(status(&answer), 408, "{answer}");
    finishes_within(server, Duration::from_secs(3));
}

#[test]
fn a_head_sent_a_byte_at_a_time_is_read() {
    let (port, server) = serve_one(1 << 20);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.set_nodelay(true).expect("no delay");
    let request = format!("GET /t/{TOKEN}/app.js HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    for byte in request.bytes() {
        stream.write_all(&[byte]).expect("writes");
    }
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    assert_eq!(status(&answer), 200, "{answer}");
    finishes_within(server, Duration::from_secs(5));
}

#[test]
fn an_upload_that_stalls_breaks_off_with_a_message() {
    let (port, server) = serve_one(1 << 20);
    let request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: 100\r\n\r\nonly some"
    );
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.write_all(request.as_bytes()).expect("writes");
    let mut answer = String::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    stream.read_to_string(&mut answer).expect("an answer");
    assert_eq!(status(&answer), 400, "{answer}");
    assert!(answer.contains("broke off"), "{answer}");
    finishes_within(server, Duration::from_secs(3));
}
