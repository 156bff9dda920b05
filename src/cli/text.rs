//! `ordinary text`: the text exactly as `ordinary` read it, one paragraph
//! (or Markdown block) per line with where it is, so a user can see what
//! was checked and what was not.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::args::TextArgs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use ordinary::location::{Cursor, LineIndex};
use std::path::{Path, PathBuf};

use ordinary::source::{self, Document, DocxOptions, Format, ReadOptions};
use ordinary::walk::{self, Globs};

pub fn run(args: TextArgs) -> Result<ExitCode> {
    match write_all(&args) {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::from(EXIT_CLEAN)),
        Err(error) => Err(error.into()),
        Ok(failed) => Ok(ExitCode::from(if failed { EXIT_ERROR } else { EXIT_CLEAN })),
    }
}

/// Writes every document; true if any could not be read.
fn write_all(args: &TextArgs) -> io::Result<bool> {
    let options = ReadOptions {
        docx: DocxOptions {
            comments: args.docx_comments,
        },
    };
    let mut out = io::stdout().lock();
    // Folders are walked as `check` walks them, so both agree on what a
    // folder holds (and an empty one is nothing to show, not an error).
    let stdin = Path::new("-");
    let read_stdin = args.paths.iter().any(|p| p == stdin);
    let paths: Vec<PathBuf> = args.paths.iter().filter(|p| *p != stdin).cloned().collect();
    let mut stdin_failed = false;
    if read_stdin {
        let name = args.stdin_filename.as_deref().unwrap_or("-");
        let format = Format::from_path(Path::new(name)).unwrap_or(Format::Text);
        let read =
            source::stdin_bytes().and_then(|bytes| source::read_bytes(bytes, format, options));
        match read {
            Ok(document) => {
                if !paths.is_empty() {
                    writeln!(out, "==> {name} <==")?;
                }
                write_document(&document, &mut out)?;
                for note in &document.notes {
                    eprintln!("note: {name}: {note}");
                }
            }
            Err(error) => {
                eprintln!("error: {name}: {error}");
                stdin_failed = true;
            }
        }
        if paths.is_empty() {
            return Ok(stdin_failed);
        }
    }
    let (inputs, walk_errors) = walk::collect(&paths, &Globs::default());
    let mut failed = stdin_failed || !walk_errors.is_empty();
    for error in &walk_errors {
        eprintln!("error: {}: {}", error.display, error.message);
    }
    if inputs.is_empty() && walk_errors.is_empty() && !read_stdin {
        eprintln!("note: no documents (.txt, .md, .docx) found");
    }
    for input in &inputs {
        let document = match source::read_file_with(&input.path, input.format, options) {
            Ok(document) => document,
            Err(error) => {
                eprintln!("error: {}: {error}", input.display);
                failed = true;
                continue;
            }
        };
        if inputs.len() > 1 || read_stdin {
            writeln!(out, "==> {} <==", input.display)?;
        }
        write_document(&document, &mut out)?;
        for note in &document.notes {
            eprintln!("note: {}: {note}", input.display);
        }
    }
    Ok(failed)
}

/// One document's paragraphs, each on a line with where it is.
fn write_document(document: &Document, out: &mut impl Write) -> io::Result<()> {
    {
        let lines = LineIndex::new(&document.text);
        let mut cursor = Cursor::default();
        let labels: Vec<String> = document
            .segments
            .iter()
            .map(|segment| match &segment.location {
                Some(location) => location.to_string(),
                None => format!(
                    "line {}",
                    cursor.position(&lines, &document.text, segment.start).line
                ),
            })
            .collect();
        let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        for (segment, label) in document.segments.iter().zip(&labels) {
            // What the matcher sees, on one line: blanked-out markup and line
            // breaks inside the paragraph become single spaces.
            let text = document
                .segment_text(segment)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !text.is_empty() {
                writeln!(out, "{label:width$}  {text}")?;
            }
        }
    }
    Ok(())
}
