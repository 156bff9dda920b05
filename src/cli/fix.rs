//! `ordinary fix`: the edits that fit their sentences, in text and Markdown files.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::args::FixArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Prepared, prepare};
use ordinary::report::plural;
use ordinary::review::{self, fix};
use ordinary::rules::Profile;
use ordinary::source::{self, Format};
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
    let (inputs, walk_errors) = walk::collect(&args.paths, &exclude);
    let mut errors = walk_errors.len();
    for error in &walk_errors {
        eprintln!("error: {}: {}", error.display, error.message);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (mut files_changed, mut total, mut word) = (0, 0, 0);
    let outcome = (|| -> io::Result<()> {
        for input in &inputs {
            if input.format == Format::Docx {
                word += 1;
                continue;
            }
            let bytes = match std::fs::read(&input.path) {
                Ok(bytes) => bytes,
                Err(error) => {
                    errors += 1;
                    eprintln!(
                        "error: {}: {}",
                        input.display,
                        source::ReadError::from(error)
                    );
                    continue;
                }
            };
            if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                errors += 1;
                eprintln!(
                    "error: {}: is UTF-16; `ordinary fix` only writes UTF-8 files (save it as UTF-8 first)",
                    input.display
                );
                continue;
            }
            let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
            let mut document = match source::read_bytes(bytes, input.format, Default::default()) {
                Ok(document) => document,
                Err(error) => {
                    errors += 1;
                    eprintln!("error: {}: {error}", input.display);
                    continue;
                }
            };
            document.settle_profile(
                Profile {
                    kind: args.kind,
                    audience: args.audience,
                },
                profiles.profile_of(&input.path),
            );
            let findings = linter.check(&document);
            let fixes = fix::fixes(&document, &findings);
            if fixes.is_empty() {
                continue;
            }
            let fixed = fix::apply(&document.text, &fixes);
            files_changed += 1;
            total += fixes.len();
            if args.diff {
                let diff = similar::TextDiff::from_lines(&document.text, &fixed);
                write!(
                    out,
                    "{}",
                    diff.unified_diff().context_radius(3).header(
                        &format!("a/{}", input.display),
                        &format!("b/{}", input.display)
                    )
                )?;
                continue;
            }
            let mut bytes = Vec::with_capacity(fixed.len() + 3);
            if bom {
                bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            }
            bytes.extend_from_slice(fixed.as_bytes());
            if let Err(error) = review::replace_file(&input.path, &bytes) {
                errors += 1;
                eprintln!("error: cannot write {}: {error}", input.display);
                continue;
            }
            writeln!(
                out,
                "{}: {}",
                input.display,
                plural(fixes.len(), "fix", "fixes")
            )?;
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
