//! `ordinary serve`: the page in the browser (see [`ordinary::web`]).
//!
//! The HTTP server is tiny_http: blocking, a thread per connection, and
//! five small crates in all. axum on tokio was the other choice; for one
//! person's browser on the same machine (a few requests a minute, each a
//! document checked in milliseconds) an async runtime buys nothing, and
//! tokio, hyper and tower would add more to the build than the whole
//! linter's own dependencies (BENCHMARKS.md has the measurements). All the
//! server's rules live in [`App::handle`]; this file moves bytes.

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};

use super::args::ServeArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, ON_INTERRUPT, Prepared, prepare};
use ordinary::web::{App, Request};

/// Threads answering requests: the page sends one or two at a time; a few
/// more keep a slow download from holding up a check.
const WORKERS: usize = 4;

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    // The config's [kinds] and [audiences] globs are not used: a document
    // given to the page has no place in the project (see `ordinary::web`).
    let Some(Prepared { linter, .. }) = prepare(&args.rule_options, &args.disable) else {
        return Ok(ExitCode::from(EXIT_ERROR));
    };
    // Loopback only: nothing on the network can reach the page.
    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(server) => Arc::new(server),
        Err(error) => {
            eprintln!("error: cannot listen at 127.0.0.1:{}: {error}", args.port);
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let port = server
        .server_addr()
        .to_ip()
        .map(|address| address.port())
        .context("the server has no port")?;
    let app = Arc::new(App::new(
        linter,
        token()?,
        port,
        args.max_upload_mb.saturating_mul(1024 * 1024),
    ));
    let address = app.address();
    print!(
        "ordinary's page is at\n\n    {address}\n\n\
         Only this computer can open it, and only with this address. Documents \
         stay in this computer's memory and are gone when ordinary stops.\n\
         Press Ctrl-C to stop.\n"
    );
    if !args.no_open && opener::open_browser(&address).is_err() {
        eprintln!("note: could not open a browser: open the address above in yours");
    }

    let stopping = Arc::new(AtomicBool::new(false));
    {
        let stopping = Arc::clone(&stopping);
        let _ = ON_INTERRUPT.set(Box::new(move || stopping.store(true, Ordering::SeqCst)));
    }
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, app, stopping) =
                (Arc::clone(&server), Arc::clone(&app), Arc::clone(&stopping));
            std::thread::spawn(move || {
                while !stopping.load(Ordering::SeqCst) {
                    match server.recv_timeout(Duration::from_millis(200)) {
                        Ok(Some(request)) => answer(&app, request),
                        Ok(None) => {}
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    println!("Stopped: the page is closed, and no document was kept.");
    Ok(ExitCode::from(EXIT_CLEAN))
}

/// A 128-bit random token, in hex, from the operating system's generator.
fn token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("no random numbers: {error}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Hands one request to the app and writes its answer.
fn answer(app: &App, mut request: tiny_http::Request) {
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_string())
    };
    let (host, origin) = (header("Host"), header("Origin"));
    let method = request.method().as_str().to_string();
    let url = request.url().to_string();
    let content_length = request.body_length().map(|n| n as u64);
    let response = app.handle(
        &Request {
            method: &method,
            url: &url,
            host: host.as_deref(),
            origin: origin.as_deref(),
            content_length,
        },
        &mut request.as_reader() as &mut dyn Read,
    );
    let mut reply =
        tiny_http::Response::from_data(response.body.clone()).with_status_code(response.status);
    for (name, value) in response.headers() {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            reply.add_header(header);
        }
    }
    // A closed browser tab is not an error worth a message.
    let _ = request.respond(reply);
}
