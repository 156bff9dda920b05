//! `ordinary init`: writes a commented `ordinary.toml` for a folder (the
//! text comes from [`ordinary::init`]), asking before it replaces one.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use ordinary::config::{Config, FILE_NAME};
use ordinary::safe_write;

use super::{EXIT_CLEAN, EXIT_ERROR};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write ordinary.toml in.
    #[arg(value_name = "FOLDER", default_value = ".")]
    pub folder: PathBuf,
    /// Replace an existing ordinary.toml without asking.
    #[arg(long)]
    pub force: bool,
    /// Print the file instead of writing it.
    #[arg(long)]
    pub print: bool,
}

pub fn run(args: InitArgs) -> Result<ExitCode> {
    if !args.folder.is_dir() {
        eprintln!("error: {} is not a folder", args.folder.display());
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let guess = ordinary::init::guess(&args.folder);
    let text = ordinary::init::template(&guess);
    if args.print {
        print!("{text}");
        return Ok(ExitCode::from(EXIT_CLEAN));
    }
    let path = args.folder.join(FILE_NAME);
    let mut force = args.force;
    if !force && path.exists() {
        if !std::io::stdin().is_terminal() {
            eprintln!(
                "error: {} already exists: add --force to replace it",
                path.display()
            );
            return Ok(ExitCode::from(EXIT_ERROR));
        }
        if !ask(&format!("{} already exists. Replace it?", path.display())) {
            eprintln!("Left {} as it was.", path.display());
            return Ok(ExitCode::from(EXIT_CLEAN));
        }
        force = true;
    }
    if let Err(error) = safe_write::create(&path, text.as_bytes(), force) {
        eprintln!("error: {error}");
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    eprintln!("Wrote {}.", path.display());
    for (kind, globs) in &guess.kinds {
        eprintln!("  {}: {}", kind.as_str(), globs.join(", "));
    }
    for (audience, globs) in &guess.audiences {
        eprintln!("  {} audience: {}", audience.as_str(), globs.join(", "));
    }
    if guess.kinds.is_empty() {
        eprintln!(
            "No folder's name said what kind of documents it holds: see [kinds] in the file."
        );
    }
    // A config further up no longer applies here: say so.
    let above = std::path::absolute(&args.folder)
        .ok()
        .and_then(|folder| folder.parent().and_then(Config::discover));
    if let Some(above) = above {
        eprintln!(
            "note: {} now takes the place of {} for this folder.",
            path.display(),
            above.display()
        );
    }
    Ok(ExitCode::from(EXIT_CLEAN))
}

/// Asks a yes-or-no question on the terminal; anything but yes is no.
fn ask(question: &str) -> bool {
    let mut err = std::io::stderr();
    let _ = write!(err, "{question} [y/N] ");
    let _ = err.flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}
