//! `ordinary completions SHELL` and `ordinary man`: shell completions and
//! the manual page, generated from the clap definitions so they never
//! drift from the real options. The release archives ship both (made by
//! running the binary: scripts/package-release.sh).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::EXIT_CLEAN;
use super::args::Cli;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script for a shell to standard output.
pub fn completions(args: CompletionsArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command, "ordinary", &mut bytes);
    write_out(&bytes)
}

/// Prints the manual page to standard output: one page, the whole manual,
/// with each subcommand's synopsis, description and options as a section
/// of it (clap_mangen makes a page per command; one page is what `man
/// ordinary` finds, and what the archives need to ship).
pub fn man() -> Result<ExitCode> {
    let mut command = Cli::command();
    command.build();
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut bytes)
        .context("cannot render the manual page")?;
    let mut page = String::from_utf8_lossy(&bytes).into_owned();
    for sub in command.get_subcommands() {
        // The list of commands points at their sections here, not at
        // pages of their own.
        let name = sub.get_name();
        page = page.replace(
            &format!("ordinary\\-{name}(1)"),
            &format!("\\fBordinary {name}\\fR"),
        );
    }
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("ordinary {}", sub.get_name());
        let man = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut section)?;
        }
        page.push_str(&format!(".SH \"{}\"\n", name.to_uppercase()));
        // The command's parts become subsections of its section; roff's
        // preamble, repeated by each render, is said once at the top.
        for line in String::from_utf8_lossy(&section).lines() {
            if line.starts_with(".ie \\n(.g") || line.starts_with(".el .ds Aq") {
                continue;
            }
            match line.strip_prefix(".SH ") {
                Some(title) => page.push_str(&format!(".SS {title}\n")),
                None => page.push_str(&format!("{line}\n")),
            }
        }
    }
    write_out(page.as_bytes())
}

/// Writes to standard output; a reader that went away (`| head`) is not
/// an error.
fn write_out(bytes: &[u8]) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(ExitCode::from(EXIT_CLEAN)),
    }
}
