//! The connections: tokio accepts them on the loopback listener, hyper
//! reads each request and writes its answer, and [`App::router`] says what
//! the answer is. What one connection may cost is bounded here:
//! - its head: at most [`MAX_HEAD`] bytes and [`MAX_HEADERS`] headers
//!   (else 431), all arrived within [`Timeouts::head`] (hyper's
//!   `header_read_timeout`, which also closes a kept-alive connection left
//!   idle that long);
//! - its body: the upload limit and, when it stalls for [`Timeouts::idle`],
//!   a timeout (both tower-http's, in the router);
//! - its answer: writing breaks off when the client has not read for
//!   [`Timeouts::idle`];
//! - at most [`MAX_CONNECTIONS`] are answered at once; more are told to try
//!   again (503);
//! - a body left unread (an upload refused for its size, say) is read and
//!   thrown away for at most [`Timeouts::linger`] after the answer, so the
//!   client reads the answer rather than a reset.
//!
//! Stopping (Ctrl-C) closes the port, lets the requests being answered
//! finish for up to [`FINISHING`], and closes the rest.

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

use super::{App, SECURITY_HEADERS};

/// The largest request head (request line and headers) taken.
pub const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may have.
pub const MAX_HEADERS: usize = 64;
/// Connections answered at once. The page sends one or two requests at a
/// time; this bounds what slow or idle connections can hold.
pub const MAX_CONNECTIONS: usize = 64;
/// How long the requests being answered may take to finish once the
/// server is told to stop.
pub const FINISHING: Duration = Duration::from_secs(3);

/// How long each stage of a connection may take.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// For a request's whole head to arrive (and for a kept-alive
    /// connection to send its next one).
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

/// Answers connections on `listener` until `stop` is ready, then lets the
/// requests under way finish (for up to [`FINISHING`]) and returns, the
/// port closed.
pub async fn serve(
    listener: TcpListener,
    app: Arc<App>,
    timeouts: Timeouts,
    stop: impl Future<Output = ()>,
) {
    let router = app.router(timeouts.idle);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(timeouts.head)
        .max_headers(MAX_HEADERS)
        .max_header_size(MAX_HEAD);
    let http = Arc::new(http);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let (stopping, stopped) = watch::channel(false);
    let mut stop = pin!(stop);
    loop {
        let stream = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file handles, say: wait for some to close.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            tokio::spawn(busy(stream));
            continue;
        };
        let (http, router, stopped) = (Arc::clone(&http), router.clone(), stopped.clone());
        tokio::spawn(async move {
            connection(&http, router, stream, timeouts, stopped).await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = stopping.send(true);
    let all = u32::try_from(MAX_CONNECTIONS).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(FINISHING, slots.acquire_many(all)).await;
}

/// Serves the requests of one connection until it closes, then lingers
/// over what the client is still sending.
async fn connection(
    http: &http1::Builder,
    router: Router,
    stream: TcpStream,
    timeouts: Timeouts,
    mut stopped: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let mut timed = TimeoutStream::new(stream);
    timed.set_write_timeout(Some(timeouts.idle));
    let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
        let router = router.clone();
        Box::pin(async move { router.oneshot(request.map(Body::new)).await })
    });
    let mut served = http.serve_connection(TokioIo::new(Box::pin(timed)), service);
    let mut told = false;
    {
        let mut stopping = pin!(stopped.wait_for(|stop| *stop));
        // Served without hyper's shutdown of the socket, so that it can be
        // taken back to linger on; told to finish when the server stops.
        let _ = poll_fn(|cx| {
            if !told && stopping.as_mut().poll(cx).is_ready() {
                told = true;
                Pin::new(&mut served).graceful_shutdown();
            }
            served.poll_without_shutdown(cx)
        })
        .await;
    }
    let socket = served.into_parts().io.into_inner();
    // Stopping: the answers are sent, and nothing more is read.
    if !told {
        tokio::select! {
            () = linger(socket, timeouts.linger) => {}
            _ = stopped.wait_for(|stop| *stop) => {}
        }
    }
}

/// Says no more is coming, then reads (and drops) what the client is
/// still sending, for a short while, so that it reads the answer rather
/// than a reset.
async fn linger(mut socket: Pin<Box<TimeoutStream<TcpStream>>>, time: Duration) {
    let _ = tokio::time::timeout(time, async {
        let _ = socket.shutdown().await;
        let mut sink = [0u8; 8192];
        while let Ok(read) = socket.read(&mut sink).await {
            if read == 0 {
                break;
            }
        }
    })
    .await;
}

/// The answer to a connection turned away because too many are open.
async fn busy(mut stream: TcpStream) {
    let message = "ordinary is answering too many requests at once: try again in a moment.\n";
    let mut answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        message.len()
    );
    for (name, value) in SECURITY_HEADERS {
        answer.push_str(&format!("{name}: {value}\r\n"));
    }
    answer.push_str("\r\n");
    answer.push_str(message);
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(answer.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}

#[cfg(test)]
mod tests;
