//! JSON Lines: one JSON object per line, written as each file finishes, so
//! a very large run streams and shards can be joined with `cat`.
//!
//! Every line has a `type`: `finding` (the fields of a finding in the JSON
//! report), `error` (a file that could not be checked: `path`, `message`),
//! and one `summary` last (the JSON report's summary, with `version`).

use std::io::{self, Write};

use serde::Serialize;

use super::json::{FindingRecord, VERSION};
use super::{FileReport, Reporter, Summary};

#[derive(Debug, Default)]
pub struct JsonLines;

#[derive(Serialize)]
struct Line<T: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    body: T,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    version: u32,
    #[serde(flatten)]
    summary: &'a Summary,
}

fn write_line<T: Serialize>(kind: &'static str, body: T, out: &mut dyn Write) -> io::Result<()> {
    let mut line = serde_json::to_vec(&Line { kind, body })?;
    line.push(b'\n');
    out.write_all(&line)
}

impl Reporter for JsonLines {
    /// One line per finding.
    fn splits_between_findings(&self) -> bool {
        true
    }

    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>) {
        for finding in file.findings {
            // Serialising plain strings and numbers into a Vec cannot fail.
            let _ = write_line("finding", FindingRecord::new(file, finding), out);
        }
    }

    fn error(&self, path: &str, message: &str, out: &mut dyn Write) -> io::Result<()> {
        write_line("error", ErrorLine { path, message }, out)
    }

    fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        write_line(
            "summary",
            SummaryLine {
                version: VERSION,
                summary,
            },
            out,
        )
    }
}
