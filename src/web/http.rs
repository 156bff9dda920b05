//! HTTP/1.1 on one loopback connection: the request head parsed (by
//! `httparse`), the body handed to [`App::handle`] as a reader, the answer
//! written, the connection closed.
//!
//! Our own framing, not a server crate's, because of what a request can
//! make a server do before the app sees it. tiny_http 0.12, used first,
//! drained an unread body on drop into one buffer of the *declared*
//! length, so a refused request declaring `Content-Length: 10^12` aborted
//! the process (and `usize::MAX` killed the thread). Here:
//! - the head is at most [`MAX_HEAD`] bytes and must arrive within
//!   [`Timeouts::head`], so a slow or endless head costs its own thread a few
//!   seconds and nothing else;
//! - the body is read only as far as the app reads it, and an idle upload
//!   breaks off after [`Timeouts::idle`];
//! - one request per connection (`Connection: close`), so a body left
//!   unread never has to be skipped to reach a next request: it is
//!   drained through a small buffer for at most [`Timeouts::linger`], only so
//!   the client reads the answer rather than a reset;
//! - a body sent in chunks (no `Content-Length`) is refused (411): the
//!   page always sends its length, and the limit is checked against it
//!   before a byte is read.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use super::{App, Request, Response};

/// The largest request head (request line and headers) taken.
pub const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 64;

/// How long each stage of a connection may take.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// For the whole head to arrive.
    pub head: Duration,
    /// For an upload, or the answer's writing, to stall.
    pub idle: Duration,
    /// For an unread body to be read and thrown away after the answer.
    pub linger: Duration,
}

impl Default for Timeouts {
    fn default() -> Timeouts {
        Timeouts {
            head: Duration::from_secs(10),
            idle: Duration::from_secs(30),
            linger: Duration::from_secs(2),
        }
    }
}

/// Answers the one request on `stream`, then closes it. Never panics on
/// what the client sends; errors writing to a closed connection are
/// ignored (a closed browser tab is not worth a message).
pub fn serve_connection(app: &App, mut stream: TcpStream, timeouts: Timeouts) {
    let _ = stream.set_write_timeout(Some(timeouts.idle));
    let head = match read_head(&mut stream, timeouts.head) {
        Ok(head) => head,
        Err(HeadError::Closed) => return,
        Err(HeadError::Refused(response)) => {
            let _ = write_response(&mut stream, &response, false);
            linger(&mut stream, timeouts.linger);
            return;
        }
    };
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    // The head parsed once already in `read_head`.
    let Ok(httparse::Status::Complete(head_len)) = parsed.parse(&head.bytes) else {
        return;
    };
    let fields = match Fields::of(&parsed) {
        Ok(fields) => fields,
        Err(response) => {
            let _ = write_response(&mut stream, &response, false);
            linger(&mut stream, timeouts.linger);
            return;
        }
    };
    let method = parsed.method.unwrap_or("");
    let url = parsed.path.unwrap_or("");
    let _ = stream.set_read_timeout(Some(timeouts.idle));
    let mut body = Body {
        early: &head.bytes[head_len..],
        stream: &stream,
        remaining: fields.content_length.unwrap_or(0),
        send_continue: fields.expects_continue,
    };
    let response = app.handle(
        &Request {
            method,
            url,
            host: fields.host,
            origin: fields.origin,
            content_length: fields.content_length,
        },
        &mut body,
    );
    let unread = body.remaining > 0;
    let _ = write_response(&mut stream, &response, method == "HEAD");
    if unread {
        linger(&mut stream, timeouts.linger);
    }
}

/// A request head read whole, with any body bytes that came with it.
struct Head {
    bytes: Vec<u8>,
}

enum HeadError {
    /// The client went away, or never sent a whole head.
    Closed,
    /// A head refused with this answer.
    Refused(Response),
}

/// Reads up to the blank line ending the head, within `time` and
/// [`MAX_HEAD`]. The search for the blank line resumes where it left off,
/// so a head sent a byte at a time costs time linear in its length.
fn read_head(stream: &mut TcpStream, time: Duration) -> Result<Head, HeadError> {
    let deadline = Instant::now() + time;
    let mut bytes = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    let mut searched: usize = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::Refused(Response::plain(
                408,
                "The request took too long to arrive.",
            )));
        }
        let _ = stream.set_read_timeout(Some(left));
        let read = match stream.read(&mut chunk) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(_) => return Err(HeadError::Closed),
        };
        bytes.extend_from_slice(&chunk[..read]);
        let from = searched.saturating_sub(3);
        if let Some(at) = memchr::memmem::find(&bytes[from..], b"\r\n\r\n") {
            let end = from + at + 4;
            if end > MAX_HEAD {
                return Err(HeadError::Refused(too_long()));
            }
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            return match httparse::Request::new(&mut headers).parse(&bytes) {
                Ok(httparse::Status::Complete(_)) => Ok(Head { bytes }),
                Err(httparse::Error::TooManyHeaders) => Err(HeadError::Refused(too_long())),
                Ok(httparse::Status::Partial) | Err(_) => Err(HeadError::Refused(Response::plain(
                    400,
                    "That is not a request this server understands.",
                ))),
            };
        }
        searched = bytes.len();
        if bytes.len() > MAX_HEAD {
            return Err(HeadError::Refused(too_long()));
        }
    }
}

fn too_long() -> Response {
    Response::plain(431, "The request's headers are too long.")
}

/// What the app needs from the headers, each said at most once.
struct Fields<'h> {
    host: Option<&'h str>,
    origin: Option<&'h str>,
    content_length: Option<u64>,
    expects_continue: bool,
}

impl<'h> Fields<'h> {
    fn of(request: &httparse::Request<'_, 'h>) -> Result<Fields<'h>, Response> {
        let bad = |what: &str| Response::plain(400, &format!("The request's {what} is unclear."));
        let mut fields = Fields {
            host: None,
            origin: None,
            content_length: None,
            expects_continue: false,
        };
        let mut seen_length = false;
        for header in request.headers.iter() {
            let name = header.name;
            // A header said twice, or not in plain text, could be read two
            // ways: refused rather than guessed at.
            let value = std::str::from_utf8(header.value)
                .map(str::trim)
                .map_err(|_| bad(name))?;
            if name.eq_ignore_ascii_case("Host") {
                if fields.host.replace(value).is_some() {
                    return Err(bad("Host"));
                }
            } else if name.eq_ignore_ascii_case("Origin") {
                if fields.origin.replace(value).is_some() {
                    return Err(bad("Origin"));
                }
            } else if name.eq_ignore_ascii_case("Content-Length") {
                let length = value
                    .parse::<u64>()
                    .ok()
                    .filter(|_| value.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| bad("Content-Length"))?;
                if seen_length {
                    return Err(bad("Content-Length"));
                }
                seen_length = true;
                fields.content_length = Some(length);
            } else if name.eq_ignore_ascii_case("Transfer-Encoding") {
                return Err(Response::plain(
                    411,
                    "Send the file with its length (Content-Length), not in chunks.",
                ));
            } else if name.eq_ignore_ascii_case("Expect") {
                if !value.eq_ignore_ascii_case("100-continue") {
                    return Err(Response::plain(
                        417,
                        "Only `Expect: 100-continue` is understood.",
                    ));
                }
                fields.expects_continue = true;
            }
        }
        Ok(fields)
    }
}

/// The request's body as the app reads it: what came with the head, then
/// the socket, never past the declared length.
struct Body<'s> {
    early: &'s [u8],
    stream: &'s TcpStream,
    remaining: u64,
    /// `Expect: 100-continue`: the client waits for a go-ahead, sent when
    /// the app first reads (so a refusal is sent without inviting the body).
    send_continue: bool,
}

impl Read for Body<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.remaining == 0 || buf.is_empty() {
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let read = if !self.early.is_empty() {
            let read = want.min(self.early.len());
            buf[..read].copy_from_slice(&self.early[..read]);
            self.early = &self.early[read..];
            read
        } else {
            if std::mem::take(&mut self.send_continue) {
                self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
            }
            let read = self.stream.read(&mut buf[..want])?;
            if read == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the connection closed before the whole file arrived",
                ));
            }
            read
        };
        self.remaining -= read as u64;
        Ok(read)
    }
}

/// Writes the answer and its headers, with its length; `Connection:
/// close`, as each connection carries one request.
fn write_response(stream: &mut TcpStream, response: &Response, head_only: bool) -> io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in response.headers() {
        // Header values are ours; a line break in one (from a file name,
        // say) must still not start a header of its own.
        if !value.contains(['\r', '\n']) {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// After answering a request whose body was not read: says no more is
/// coming, and reads (and drops) what the client is still sending, for a
/// short while, so that it reads the answer rather than a reset.
fn linger(stream: &mut TcpStream, time: Duration) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + time;
    let mut sink = [0u8; 8192];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) => return,
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The answer to a connection turned away because too many are open.
pub fn write_busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let response = Response::plain(
        503,
        "ordinary is answering too many requests at once: try again in a moment.",
    );
    let _ = write_response(&mut stream, &response, false);
}

#[cfg(test)]
mod tests;
