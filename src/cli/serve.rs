//! `ordinary serve`: the page in the browser (see [`ordinary::web`]).
//!
//! Binds the loopback port, prints the address, opens the browser, and
//! runs [`ordinary::web::server`] on a one-thread tokio runtime until
//! Ctrl-C. All the server's rules live in [`ordinary::web`].

use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::sync::Notify;

use super::args::ServeArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, ON_INTERRUPT, Prepared, prepare};
use ordinary::web::App;
use ordinary::web::server::{self, Timeouts};

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
    listener
        .set_nonblocking(true)
        .context("cannot listen at the loopback address")?;
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

    let stop = Arc::new(Notify::new());
    {
        let stop = Arc::clone(&stop);
        let _ = ON_INTERRUPT.set(Box::new(move || stop.notify_one()));
    }
    // One thread serves the connections; checks run on tokio's blocking
    // threads (`spawn_blocking`), so a long one holds up no other request.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)
            .context("cannot listen at the loopback address")?;
        server::serve(listener, app, Timeouts::default(), stop.notified()).await;
        anyhow::Ok(())
    })?;
    // A check still running after the requests were given time to finish
    // is not waited for: its answer has nowhere to go.
    runtime.shutdown_timeout(Duration::from_millis(100));
    println!("Stopped: the page is closed, and no document was kept.");
    Ok(ExitCode::from(EXIT_CLEAN))
}

/// A 128-bit random token, in hex, from the operating system's generator.
fn token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("no random numbers: {error}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
