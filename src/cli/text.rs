//! `ordinary text`: the text exactly as `ordinary` read it, one paragraph
//! (or Markdown block) per line with where it is, so a user can see what
//! was checked and what was not.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::args::TextArgs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use ordinary::location::LineIndex;
use ordinary::source::{self, DocxOptions, Format, ReadOptions};

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
    let mut failed = false;
    for path in &args.paths {
        let format = Format::from_path(path).unwrap_or(Format::Text);
        let document = match source::read_file_with(path, format, options) {
            Ok(document) => document,
            Err(error) => {
                eprintln!("error: {}: {error}", path.display());
                failed = true;
                continue;
            }
        };
        if args.paths.len() > 1 {
            writeln!(out, "==> {} <==", path.display())?;
        }
        let lines = LineIndex::new(&document.text);
        let labels: Vec<String> = document
            .segments
            .iter()
            .map(|segment| match &segment.location {
                Some(location) => location.to_string(),
                None => format!(
                    "line {}",
                    lines.position(&document.text, segment.start).line
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
    Ok(failed)
}
