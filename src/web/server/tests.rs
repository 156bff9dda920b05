//! The server over real loopback connections, raw bytes from the client:
//! what a hostile or broken client can make it do, and that the next
//! request is still answered.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread::JoinHandle;
use std::time::Instant;

use super::*;
use crate::engine::{Linter, Settings};
use crate::rules::Ruleset;

const TOKEN: &str = "00112233445566778899aabbccddeeff";

const QUICK: Timeouts = Timeouts {
    head: Duration::from_millis(500),
    idle: Duration::from_millis(500),
    linger: Duration::from_millis(300),
};

/// A server on a free port, on a thread of its own; stopped when dropped.
struct Running {
    port: u16,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

fn start(max_upload: usize) -> Running {
    start_with(max_upload, QUICK)
}

fn start_with(max_upload: usize, timeouts: Timeouts) -> Running {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("a port");
    listener.set_nonblocking(true).expect("non-blocking");
    let port = listener.local_addr().expect("an address").port();
    let linter = Linter::new(Ruleset::defaults().expect("rules"), &Settings::default())
        .expect("the built-in rules compile");
    let app = Arc::new(App::new(linter, TOKEN.into(), port, max_upload));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = TcpListener::from_std(listener).expect("a listener");
            serve(listener, app, timeouts, async {
                let _ = stopped.await;
            })
            .await;
        });
    });
    Running {
        port,
        stop: Some(stop),
        thread: Some(thread),
    }
}

impl Running {
    /// The page's script is still served: what every refusal must leave true.
    fn still_works(&self) {
        let request = format!(
            "GET /t/{TOKEN}/app.js HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        let answer = exchange(self.port, request.as_bytes());
        assert_eq!(status(&answer), 200, "the next request: {answer}");
    }

    /// Tells the server to stop, and waits for it.
    fn stop(&mut self) -> Duration {
        let started = Instant::now();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            thread.join().expect("the server did not panic");
        }
        started.elapsed()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.stop();
        }
    }
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

#[test]
fn a_refused_request_declaring_a_huge_body_neither_panics_nor_allocates_it() {
    // tiny_http allocated the declared length to skip the body: usize::MAX
    // panicked the thread, 10^12 aborted the process.
    let server = start(1 << 20);
    // hyper refuses a length past what it frames (u64::MAX - 2) itself,
    // before the Host is looked at.
    let length = "18446744073709551615";
    let request = format!(
        "POST /t/{TOKEN}/api/check HTTP/1.1\r\nHost: evil.example\r\n\
         Content-Length: {length}\r\n\r\nabc"
    );
    assert_eq!(status(&exchange(server.port, request.as_bytes())), 431);
    server.still_works();
    let length = "1000000000000";
    let request = format!(
        "POST /t/{TOKEN}/api/check HTTP/1.1\r\nHost: evil.example\r\n\
         Content-Length: {length}\r\n\r\nabc"
    );
    let answer = exchange(server.port, request.as_bytes());
    assert_eq!(status(&answer), 421, "{answer}");
    server.still_works();
    // With the right Host, it is the size that is refused.
    for length in ["18446744073709551613", "1000000000000"] {
        let request = format!(
            "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
             Content-Length: {length}\r\n\r\nabc",
            server.port
        );
        let answer = exchange(server.port, request.as_bytes());
        assert_eq!(status(&answer), 413, "{answer}");
        assert!(answer.contains("--max-upload-mb"), "{answer}");
        server.still_works();
    }
}

#[test]
fn a_declared_length_too_large_for_any_number_is_a_bad_request() {
    let server = start(1 << 20);
    let request = format!(
        "POST /t/{TOKEN}/api/check HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
         Content-Length: 99999999999999999999999\r\n\r\n",
        server.port
    );
    assert_eq!(status(&exchange(server.port, request.as_bytes())), 400);
    server.still_works();
}

#[test]
fn an_upload_over_the_limit_is_answered_413_while_it_is_still_being_sent() {
    let server = start(1 << 20);
    let body = vec![b'a'; 3 << 20];
    let mut request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
         Content-Length: {}\r\n\r\n",
        server.port,
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    let answer = exchange(server.port, &request);
    assert_eq!(status(&answer), 413, "{answer}");
    assert!(answer.contains("larger than 1 MB"), "{answer}");
    server.still_works();
}

#[test]
fn an_upload_in_chunks_is_cut_off_at_the_limit() {
    let server = start(1 << 20);
    // No declared length: the limit is met while the body streams in.
    let chunk = vec![b'a'; 64 * 1024];
    let mut request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
         Transfer-Encoding: chunked\r\n\r\n",
        server.port
    )
    .into_bytes();
    for _ in 0..20 {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(&chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let answer = exchange(server.port, &request);
    assert_eq!(status(&answer), 413, "{answer}");
    assert!(answer.contains("larger than 1 MB"), "{answer}");
    // Within the limit, chunks are read and checked.
    let request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
         9\r\nWe will s\r\nf\r\nignpost people.\r\n0\r\n\r\n",
        server.port
    );
    let answer = exchange(server.port, request.as_bytes());
    assert_eq!(status(&answer), 200, "{answer}");
    assert!(answer.contains("\"rule\":\"signpost\""), "{answer}");
}

#[test]
fn a_page_is_checked_and_a_head_request_gets_no_body() {
    let server = start(1 << 20);
    let text = "We will signpost service users.";
    let request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: localhost:{}\r\n\
         Connection: close\r\nContent-Length: {}\r\n\r\n{text}",
        server.port,
        text.len()
    );
    let answer = exchange(server.port, request.as_bytes());
    assert_eq!(status(&answer), 200, "{answer}");
    let (_, body) = answer.split_once("\r\n\r\n").expect("a head");
    let checked: serde_json::Value = serde_json::from_str(body).expect("JSON");
    assert!(!checked["findings"].as_array().expect("findings").is_empty());

    let request = format!(
        "HEAD /t/{TOKEN}/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        server.port
    );
    let answer = exchange(server.port, request.as_bytes());
    assert_eq!(status(&answer), 200, "{answer}");
    assert!(answer.ends_with("\r\n\r\n"), "a body after HEAD: {answer}");
}

#[test]
fn requests_on_a_kept_alive_connection_are_each_answered() {
    let server = start(1 << 20);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    let get = format!(
        "GET /t/{TOKEN}/style.css HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    );
    let wrong = format!(
        "GET /t/{TOKEN}/style.css HTTP/1.1\r\nHost: evil.example:{}\r\n\r\n",
        server.port
    );
    for request in [&get, &wrong, &get] {
        stream.write_all(request.as_bytes()).expect("writes");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).expect("an answer");
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length: "))
            .and_then(|n| n.trim().parse().ok())
            .expect("a length");
        let mut body = vec![0; length];
        stream.read_exact(&mut body).expect("a body");
        let expected = if request == &wrong { 421 } else { 200 };
        assert_eq!(status(&head), expected, "{head}");
    }
}

#[test]
fn expect_100_continue_gets_the_go_ahead_before_the_body_is_read() {
    let server = start(1 << 20);
    let text = b"service users";
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    let head = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
         Expect: 100-continue\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        server.port,
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
}

#[test]
fn headers_said_twice_are_refused_not_guessed_at() {
    let server = start(1 << 20);
    for twice in [
        "Host: 127.0.0.1:PORT\r\nHost: evil.example",
        "Origin: http://127.0.0.1:PORT\r\nOrigin: http://evil.example",
        "Content-Length: 3\r\nContent-Length: 5",
        "Content-Length: +3",
        "Expect: something-else",
    ] {
        let headers = twice.replace("PORT", &server.port.to_string());
        let host = if twice.starts_with("Host") {
            String::new()
        } else {
            format!("Host: 127.0.0.1:{}\r\n", server.port)
        };
        let request =
            format!("POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\n{host}{headers}\r\n\r\nabc");
        let answer = exchange(server.port, request.as_bytes());
        assert!(matches!(status(&answer), 400 | 417), "{twice}: {answer}");
    }
    server.still_works();
}

#[test]
fn a_head_over_the_limit_or_malformed_is_refused() {
    let server = start(1 << 20);
    let long = format!(
        "GET /t/{TOKEN}/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Padding: {}\r\n\r\n",
        server.port,
        "a".repeat(MAX_HEAD)
    );
    assert_eq!(status(&exchange(server.port, long.as_bytes())), 431);
    let many: String = (0..MAX_HEADERS + 1)
        .map(|n| format!("X-{n}: a\r\n"))
        .collect();
    let many = format!(
        "GET /t/{TOKEN}/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{many}\r\n",
        server.port
    );
    assert_eq!(status(&exchange(server.port, many.as_bytes())), 431);
    // No blank line ever, but more than the limit.
    let endless = "X".repeat(MAX_HEAD * 2);
    assert_eq!(status(&exchange(server.port, endless.as_bytes())), 431);
    assert_eq!(
        status(&exchange(server.port, b"\x00\x01 nonsense\r\n\r\n")),
        400
    );
    server.still_works();
}

#[test]
fn a_head_that_never_ends_is_cut_off_in_time() {
    let server = start(1 << 20);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_millis(50)))
        .expect("a timeout");
    // Slowloris: a header a little at a time, never finished.
    let started = Instant::now();
    stream.write_all(b"GET / HTTP/1.1\r\n").expect("writes");
    let closed = loop {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still open after 5 s"
        );
        let _ = stream.write_all(b"X-A: b\r\n");
        let mut buffer = [0u8; 1024];
        match stream.read(&mut buffer) {
            Ok(0) => break started.elapsed(),
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            // Closed (reset, since it was still sending) or answered.
            _ => break started.elapsed(),
        }
    };
    assert!(
        closed >= QUICK.head && closed < QUICK.head * 4,
        "closed after {closed:?}"
    );
    server.still_works();
}

#[test]
fn a_head_sent_a_byte_at_a_time_is_read() {
    let server = start(1 << 20);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    stream.set_nodelay(true).expect("no delay");
    let request = format!(
        "GET /t/{TOKEN}/app.js HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        server.port
    );
    for byte in request.bytes() {
        stream.write_all(&[byte]).expect("writes");
    }
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    assert_eq!(status(&answer), 200, "{answer}");
}

#[test]
fn an_upload_that_stalls_breaks_off_with_a_message() {
    let server = start(1 << 20);
    let request = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
         Content-Length: 100\r\n\r\nonly some",
        server.port
    );
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    stream.write_all(request.as_bytes()).expect("writes");
    let started = Instant::now();
    let mut answer = String::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    stream.read_to_string(&mut answer).expect("an answer");
    assert_eq!(status(&answer), 400, "{answer}");
    assert!(answer.contains("broke off"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(3));
    server.still_works();
}

#[test]
fn requests_without_the_token_or_from_elsewhere_are_refused() {
    let server = start(1 << 20);
    let port = server.port;
    for (request, expected) in [
        (format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 403),
        (
            format!(
                "GET /t/00112233445566778899aabbccddeefe/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            ),
            403,
        ),
        (
            format!("GET /t/{TOKEN}/ HTTP/1.1\r\nHost: evil.example:{port}\r\n"),
            421,
        ),
        (format!("GET /t/{TOKEN}/ HTTP/1.1\r\n"), 421),
        (
            format!(
                "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
                 Origin: http://evil.example\r\nContent-Length: 3\r\n\r\nabc"
            ),
            403,
        ),
    ] {
        let request = if request.ends_with("abc") {
            request
        } else {
            format!("{request}Connection: close\r\n\r\n")
        };
        let answer = exchange(port, request.as_bytes());
        assert_eq!(status(&answer), expected, "{request}");
        assert!(
            answer.contains("content-security-policy: default-src 'none'"),
            "{answer}"
        );
    }
    server.still_works();
}

#[test]
fn a_corrupt_document_is_a_message_not_a_crash() {
    let server = start(1 << 20);
    for body in [&b"PK\x03\x04 cut short"[..], b"", &[0xff; 5000]] {
        let mut request = format!(
            "POST /t/{TOKEN}/api/check?name=broken.docx HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
             Connection: close\r\nContent-Length: {}\r\n\r\n",
            server.port,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        let answer = exchange(server.port, &request);
        assert_eq!(status(&answer), 422, "{answer}");
        assert!(answer.contains("broken.docx: "), "{answer}");
        server.still_works();
    }
}

#[test]
fn a_long_check_does_not_hold_up_other_requests() {
    let server = start(8 << 20);
    let port = server.port;
    let text = "We will signpost service users to the carers' centre. ".repeat(5_000);
    let checking = std::thread::spawn(move || {
        let mut request = format!(
            "POST /t/{TOKEN}/api/check?name=long.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
             Connection: close\r\nContent-Length: {}\r\n\r\n",
            text.len()
        )
        .into_bytes();
        request.extend_from_slice(text.as_bytes());
        let started = Instant::now();
        let answer = exchange(port, &request);
        (status(&answer), started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    server.still_works();
    let quick = started.elapsed();
    let (checked, slow) = checking.join().expect("the check");
    assert_eq!(checked, 200);
    // Only meaningful when the check outlasts the quick request.
    if slow > Duration::from_secs(1) {
        assert!(
            quick < slow / 2,
            "the page's script took {quick:?} behind a check of {slow:?}"
        );
    }
}

#[test]
fn too_many_connections_are_told_to_try_again() {
    let server = start(1 << 20);
    let idle: Vec<TcpStream> = (0..MAX_CONNECTIONS)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connects"))
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let answer = exchange(server.port, b"GET / HTTP/1.1\r\n\r\n");
    assert_eq!(status(&answer), 503, "{answer}");
    drop(idle);
    // The idle ones are closed at the head's timeout, or when dropped.
    std::thread::sleep(QUICK.head);
    server.still_works();
}

#[test]
fn stopping_closes_the_port_and_lets_a_request_under_way_finish() {
    // Lingering (over an unread body) is cut short by the stop.
    let mut server = start_with(
        1 << 20,
        Timeouts {
            linger: Duration::from_secs(5),
            ..QUICK
        },
    );
    let port = server.port;
    // A kept-alive connection, idle between requests, and one answered and
    // lingered over: neither holds up the stop.
    let mut idle = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    idle.write_all(
        format!("GET /t/{TOKEN}/style.css HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes(),
    )
    .expect("writes");
    let mut lingered = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    lingered
        .write_all(
            format!(
                "GET /t/{TOKEN}/style.css HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
                 Connection: close\r\n\r\n"
            )
            .as_bytes(),
        )
        .expect("writes");
    // A request half sent when the server is told to stop.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    let text = "We will signpost people.";
    let head = format!(
        "POST /t/{TOKEN}/api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: {}\r\n\r\n",
        text.len()
    );
    stream.write_all(head.as_bytes()).expect("writes");
    std::thread::sleep(Duration::from_millis(100));
    let stopping = std::thread::spawn(move || server.stop());
    std::thread::sleep(Duration::from_millis(100));
    stream.write_all(text.as_bytes()).expect("writes");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert_eq!(status(&answer), 200, "{answer}");
    let took = stopping.join().expect("stops");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    drop((idle, lingered));
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}
