/// Standard output or error that has gone away (`ordinary … 2>&1 | head
/// -1`) is no reason to panic: std's printing macros panic when the write
/// fails, these drop what cannot be written (exit codes still say how the
/// run went). Defined before `mod cli` so the whole binary uses them.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

macro_rules! print {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::args::Cli::parse();
    // Ctrl-C, SIGTERM or SIGHUP in the middle of a write would otherwise
    // leave its temporary file behind: remove it, then stop as the signal
    // would have (130 is the shell's code for an interrupted command).
    let _ = ctrlc::set_handler(|| {
        if let Some(interrupt) = cli::ON_INTERRUPT.get() {
            interrupt();
            return;
        }
        ordinary::safe_write::remove_in_flight();
        std::process::exit(130);
    });
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}
