//! `ordinary serve`: the page in the browser (see [`ordinary::web`]).
//!
//! The connections are plain `std::net` ones, a thread each, and
//! [`ordinary::web::http`] reads each request and writes its answer (why
//! not a server crate: see there). For one person's browser on the same
//! machine (a few requests a minute, each a document checked in
//! milliseconds) an async runtime buys nothing (BENCHMARKS.md). All the
//! server's rules live in [`App::handle`]; this file accepts connections.

use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};

use super::args::ServeArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, ON_INTERRUPT, Prepared, prepare};
use ordinary::web::{App, http};

/// Connections answered at once; more are told to try again (503). The
/// page sends one or two requests at a time: this only bounds the threads
/// that slow or idle connections can hold (each for at most
/// [`http::Timeouts::head`] unless it has the token).
const MAX_CONNECTIONS: usize = 64;

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    // The config's [kinds] and [audiences] globs are not used: a document
    // given to the page has no place in the project (see `ordinary::web`).
    let Some(Prepared { linter, .. }) = prepare(&args.rule_options, &args.disable) else {
        return Ok(ExitCode::from(EXIT_ERROR));
    };
    // Loopback only: nothing on the network can reach the page.
    let listener = match TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen at 127.0.0.1:{}: {error}", args.port);
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let port = listener
        .local_addr()
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
    let app_for_connections = Arc::clone(&app);
    // Accepting blocks; this thread waits for Ctrl-C, and the process ends
    // with it.
    std::thread::spawn(move || accept(&listener, &app_for_connections));
    while !stopping.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
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

/// Gives each connection a thread of its own, so a slow one holds up no
/// other, up to [`MAX_CONNECTIONS`] at once.
fn accept(listener: &TcpListener, app: &Arc<App>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file handles, say: wait for some to close.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let Some(slot) = Slot::take(&open) else {
            http::write_busy(stream);
            continue;
        };
        let app = Arc::clone(app);
        // Not spawned (out of threads): the slot and the stream are dropped.
        let _ = std::thread::Builder::new().spawn(move || {
            http::serve_connection(&app, stream, http::Timeouts::default());
            drop(slot);
        });
    }
}

/// One of the [`MAX_CONNECTIONS`], given back when dropped (a panic
/// included).
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Option<Slot> {
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Slot(Arc::clone(open)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}
