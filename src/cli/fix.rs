//! `ordinary fix`: the edits that fit their sentences, in text and Markdown files.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::args::FixArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Prepared, prepare};
use ordinary::engine::Linter;
use ordinary::fix::{self, Fix};
use ordinary::report::plural;
use ordinary::rules::Profile;
use ordinary::safe_write;
use ordinary::source::{self, Document, Format};
use ordinary::walk;

pub fn run(args: FixArgs) -> Result<ExitCode> {
    let Some(Prepared {
        linter,
        profiles,
        exclude,
        ..
    }) = prepare(&args.rule_options, &args.disable)
    else {
        return Ok(ExitCode::from(EXIT_ERROR));
    };
    if args.paths.iter().any(|path| path == Path::new("-")) {
        if args.paths.len() > 1 {
            eprintln!(
                "error: `-` (standard input) must be the only path: the fixed text goes to standard output"
            );
            return Ok(ExitCode::from(EXIT_ERROR));
        }
        return fix_standard_input(&args, &linter);
    }
    let (inputs, walk_errors) = walk::collect(&args.paths, &exclude);
    let mut errors = walk_errors.len();
    for error in &walk_errors {
        eprintln!("error: {}: {}", error.display, error.message);
    }
    if inputs.is_empty() && walk_errors.is_empty() {
        eprintln!("note: no documents (.txt, .md) found: nothing to fix");
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (mut files_changed, mut total, mut word) = (0, 0, 0);
    let outcome = (|| -> io::Result<()> {
        for input in &inputs {
            if input.format == Format::Docx {
                word += 1;
                continue;
            }
            let bytes = match source::file_bytes(&input.path, input.format) {
                Ok(bytes) => bytes,
                Err(error) => {
                    errors += 1;
                    eprintln!("error: {}: {error}", input.display);
                    continue;
                }
            };
            let configured = profiles.profile_of(&input.path);
            let fixed = match fixed_text(&linter, bytes, input.format, forced(&args), configured) {
                Ok(Some(fixed)) => fixed,
                Ok(None) => continue,
                Err(message) => {
                    errors += 1;
                    eprintln!("error: {}: {message}", input.display);
                    continue;
                }
            };
            if args.diff {
                out.write_all(fixed.diff(&input.display).as_bytes())?;
            } else if let Err(error) = safe_write::replace(&input.path, &fixed.bytes()) {
                errors += 1;
                eprintln!("error: {error}");
                continue;
            } else {
                writeln!(
                    out,
                    "{}: {}",
                    input.display,
                    plural(fixed.fixes.len(), "fix", "fixes")
                )?;
            }
            // Counted only once the file is written (or the diff printed).
            files_changed += 1;
            total += fixed.fixes.len();
        }
        out.flush()
    })();
    match outcome {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::from(EXIT_CLEAN));
        }
        Err(error) => return Err(error.into()),
    }
    if word > 0 {
        eprintln!(
            "note: {} not changed: `ordinary review --mode changes FILE` writes a copy with tracked changes",
            plural(word, "Word document", "Word documents")
        );
    }
    if !args.diff && files_changed > 0 {
        eprintln!(
            "Fixed {} in {}.",
            plural(total, "phrase", "phrases"),
            plural(files_changed, "file", "files")
        );
    }
    let code = if errors > 0 {
        EXIT_ERROR
    } else if args.diff && total > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    Ok(ExitCode::from(code))
}

/// `fix -`: standard input in, the fixed text (or with `--diff`, the diff)
/// out. Nothing on disk is touched.
fn fix_standard_input(args: &FixArgs, linter: &Linter) -> Result<ExitCode> {
    let name = args.stdin_filename.as_deref().unwrap_or("-");
    let format = Format::from_path(Path::new(name)).unwrap_or(Format::Text);
    if format == Format::Docx {
        eprintln!(
            "error: {name}: `ordinary fix` changes text and Markdown; for Word, `ordinary review --mode changes FILE` writes a copy with tracked changes"
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let bytes = match source::stdin_bytes() {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: standard input {error}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let mut out = io::stdout().lock();
    let (written, fixes) = match fixed_text(
        linter,
        bytes.clone(),
        format,
        forced(args),
        Profile::default(),
    ) {
        Ok(Some(fixed)) if args.diff => (
            out.write_all(fixed.diff(name).as_bytes()),
            fixed.fixes.len(),
        ),
        Ok(Some(fixed)) => (out.write_all(&fixed.bytes()), fixed.fixes.len()),
        // Nothing to fix: the text goes through unchanged, as a filter should.
        Ok(None) if args.diff => (Ok(()), 0),
        Ok(None) => (out.write_all(&bytes), 0),
        Err(message) => {
            eprintln!("error: {name}: {message}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
        Err(error) => return Err(error.into()),
    }
    let code = if args.diff && fixes > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    Ok(ExitCode::from(code))
}

fn forced(args: &FixArgs) -> Profile {
    Profile {
        kind: args.kind,
        audience: args.audience,
    }
}

/// A document and the fixes for it.
struct Fixed {
    document: Document,
    fixes: Vec<Fix>,
    /// A UTF-8 byte order mark to write back.
    bom: bool,
}

impl Fixed {
    /// The fixed file, byte order mark kept.
    fn bytes(&self) -> Vec<u8> {
        let text = fix::apply(&self.document.text, &self.fixes);
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if self.bom {
            bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        bytes.extend_from_slice(text.as_bytes());
        bytes
    }

    fn diff(&self, name: &str) -> String {
        fix::unified_diff(
            &self.document.text,
            &self.fixes,
            &format!("a/{name}"),
            &format!("b/{name}"),
        )
    }
}

/// Reads and checks a text or Markdown file's bytes; `None` when there is
/// nothing to fix, an error message when it cannot be read.
fn fixed_text(
    linter: &Linter,
    bytes: Vec<u8>,
    format: Format,
    forced: Profile,
    configured: Profile,
) -> Result<Option<Fixed>, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            "is UTF-16; `ordinary fix` only writes UTF-8 files (save it as UTF-8 first)".into(),
        );
    }
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let mut document =
        source::read_bytes(bytes, format, Default::default()).map_err(|e| e.to_string())?;
    document.settle_profile(forced, configured);
    let findings = linter.check(&document);
    let fixes = fix::fixes(&document, &findings);
    if fixes.is_empty() {
        return Ok(None);
    }
    Ok(Some(Fixed {
        document,
        fixes,
        bom,
    }))
}
