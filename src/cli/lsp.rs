//! `ordinary lsp`: serves the language server on standard input and output.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;

use super::args::LspArgs;
use ordinary::lsp::{Ending, ServerOptions, serve};

pub fn run(args: LspArgs) -> Result<ExitCode> {
    let options = ServerOptions {
        debounce: Duration::from_millis(args.debounce_ms),
    };
    // Exit codes as the protocol says: 0 after `shutdown` then `exit`, 1
    // when the client exits or goes away without `shutdown`.
    match serve(std::io::stdin(), std::io::stdout(), options)? {
        Ending::Clean => Ok(ExitCode::SUCCESS),
        Ending::Abrupt => Ok(ExitCode::from(1)),
    }
}
