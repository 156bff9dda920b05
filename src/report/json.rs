//! The JSON report: one object with `version`, `findings`, `errors` and
//! `summary`. Findings are streamed as files finish, so a large run never
//! holds them all in memory. The schema is documented in docs/output.md; bump
//! `VERSION` on any change that could break a consumer.

use std::io::{self, Write};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::engine::Finding;
use crate::source::Location;

use super::view::View;
use super::{FileReport, Reporter, Summary, write_array_items};

pub const VERSION: u32 = 1;

#[derive(Default)]
pub struct Json {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    started: bool,
    wrote_finding: bool,
    errors: Vec<ErrorRecord>,
    files: Vec<FileRecord>,
}

/// How one checked file reads (`--statistics` gives the same records).
#[derive(Serialize)]
pub(super) struct FileRecord {
    pub(super) path: String,
    pub(super) summary: crate::readability::ReadingFigures,
}

/// One finding as JSON.
#[derive(Serialize)]
pub struct FindingRecord<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub category: &'a str,
    pub severity: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub matched: &'a str,
    pub message: String,
    /// Every suggestion's words: those that fit the sentence first.
    pub suggestions: Vec<&'a str>,
    /// The edits for the suggestions that fit, in the same order: byte
    /// offsets in the text read and the words to put there. Empty when
    /// every suggestion is advice.
    pub edits: Vec<EditRecord<'a>>,
    pub why: &'a str,
    /// A later use of something already reported in this document (the
    /// first use has `false`); reported at info unless `repeats = "all"`.
    pub repeat: bool,
    /// Word documents only: the part and place, and a short context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationRecord<'a>>,
}

impl<'a> FindingRecord<'a> {
    /// The record for one finding of a file.
    pub fn new(file: &FileReport<'a>, finding: &'a Finding) -> FindingRecord<'a> {
        let view = View::new(file, finding);
        FindingRecord {
            path: file.path,
            rule: &view.rule.id,
            category: view.rule.category.as_str(),
            severity: finding.severity.as_str(),
            line: view.start.line,
            column: view.start.column,
            end_line: view.end.line,
            end_column: view.end.column,
            byte_start: finding.span.start,
            byte_end: finding.span.end,
            matched: view.matched,
            message: view.message,
            edits: view
                .offers
                .iter()
                .filter_map(|offer| offer.edit)
                .map(|edit| EditRecord {
                    byte_start: edit.span.start,
                    byte_end: edit.span.end,
                    replacement: &edit.replacement,
                })
                .collect(),
            suggestions: view.suggestions,
            why: &view.rule.why,
            repeat: finding.repeat_of.is_some(),
            location: view.location.map(|place| LocationRecord {
                place,
                description: place.to_string(),
                context: file.context(finding, 80),
            }),
        }
    }
}

/// A one-click edit: what to put in place of the bytes given.
#[derive(Serialize)]
pub struct EditRecord<'a> {
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: &'a str,
}

/// Where a finding is in a Word document.
#[derive(Serialize)]
pub struct LocationRecord<'a> {
    #[serde(flatten)]
    pub place: &'a Location,
    /// The place in words: "table 2, row 3, column 2".
    pub description: String,
    pub context: String,
}

#[derive(Serialize)]
struct ErrorRecord {
    path: String,
    message: String,
}

impl Json {
    /// The writing state, opening the report on first use.
    fn start(&self, out: &mut dyn Write) -> io::Result<MutexGuard<'_, State>> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !state.started {
            state.started = true;
            write!(out, "{{\"version\":{VERSION},\"findings\":[")?;
        }
        Ok(state)
    }
}

impl Reporter for Json {
    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>) {
        for finding in file.findings {
            let record = FindingRecord::new(file, finding);
            // Between findings in one buffer; `write_array_items` puts one
            // between buffers.
            if !out.is_empty() {
                out.push(b',');
            }
            out.push(b'\n');
            // Serialising plain strings and numbers into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, &record);
        }
    }

    fn splits_between_findings(&self) -> bool {
        true
    }

    fn write_rendered(&self, rendered: &[u8], out: &mut dyn Write) -> io::Result<()> {
        let mut state = self.start(out)?;
        write_array_items(&mut state.wrote_finding, rendered, out)
    }

    fn error(&self, path: &str, message: &str, out: &mut dyn Write) -> io::Result<()> {
        let mut state = self.start(out)?;
        state.errors.push(ErrorRecord {
            path: path.to_string(),
            message: message.to_string(),
        });
        Ok(())
    }

    fn reading(
        &self,
        path: &str,
        summary: &crate::readability::ReadingSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut state = self.start(out)?;
        state.files.push(FileRecord {
            path: path.to_string(),
            summary: summary.figures(),
        });
        Ok(())
    }

    fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let state = self.start(out)?;
        out.write_all(b"\n],\"errors\":")?;
        serde_json::to_writer(&mut *out, &state.errors)?;
        out.write_all(b",\"files\":")?;
        serde_json::to_writer(&mut *out, &state.files)?;
        out.write_all(b",\"summary\":")?;
        serde_json::to_writer(&mut *out, summary)?;
        out.write_all(b"}\n")
    }
}
