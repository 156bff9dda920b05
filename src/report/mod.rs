//! Reporters: each turns findings into one output format.
//!
//! A reporter renders a file on the worker thread that checked it, while the
//! text is still in memory (so nothing is re-read and no file is kept), and
//! writes the rendered bytes in path order on the main thread.

mod checkstyle;
mod concise;
pub mod escape;
mod github;
mod human;
mod json;
mod jsonl;
mod junit;
mod markdown;
mod sarif;
mod statistics;
mod tally;
mod view;

use std::io::{self, Write};

use serde::Serialize;

pub use checkstyle::Checkstyle;
pub use concise::Concise;
pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use jsonl::JsonLines;
pub use junit::Junit;
pub use markdown::Markdown;
pub use sarif::Sarif;
pub use statistics::Statistics;

use crate::engine::{Finding, Linter};
use crate::location::{LineIndex, Position};
use crate::rules::{Rule, Severity};
use crate::source::{Document, Location};

/// One checked file, as a reporter sees it.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub findings: &'a [Finding],
    pub linter: &'a Linter,
    document: &'a Document,
    lines: LineIndex,
}

impl<'a> FileReport<'a> {
    pub fn new(
        path: &'a str,
        document: &'a Document,
        findings: &'a [Finding],
        linter: &'a Linter,
    ) -> FileReport<'a> {
        FileReport {
            path,
            text: &document.text,
            findings,
            linter,
            document,
            lines: LineIndex::new(&document.text),
        }
    }

    /// Where a finding is in a Word document; `None` for text and Markdown,
    /// where the line and column say it.
    pub fn location(&self, finding: &Finding) -> Option<&'a Location> {
        self.document
            .segment_at(finding.span.start)?
            .location
            .as_deref()
    }

    /// The paragraph around a finding, shortened to about `width` characters
    /// with the match kept in view.
    pub fn context(&self, finding: &Finding, width: usize) -> String {
        let line = self
            .lines
            .line_range(self.text, self.position(finding.span.start).line);
        let paragraph = &self.text[line.clone()];
        let before = self.text[line.start..finding.span.start].chars().count();
        let chars: Vec<char> = paragraph.chars().collect();
        if chars.len() <= width {
            return paragraph.trim().to_string();
        }
        let start = before.saturating_sub(width / 3);
        let end = (start + width).min(chars.len());
        let mut context: String = chars[start..end].iter().collect();
        if start > 0 {
            context.insert(0, '\u{2026}');
        }
        if end < chars.len() {
            context.push('\u{2026}');
        }
        context
    }

    /// The byte range of a 1-based line of the text.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        self.lines.line_range(self.text, line)
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(self.text, offset)
    }

    pub fn rule(&self, finding: &Finding) -> &'a Rule {
        self.linter.rule(finding.rule)
    }

    pub fn matched(&self, finding: &Finding) -> &'a str {
        &self.text[finding.span.clone()]
    }
}

/// Every method takes `&self`: workers render while the main thread writes.
/// Writing state (a reporter that must remember what it wrote) lives behind
/// a lock that only the main thread ever takes.
pub trait Reporter: Sync {
    /// Renders one file's findings (on a worker thread), appending to `out`,
    /// which holds nothing or the same file's earlier findings (a JSON
    /// array's items then need a comma first).
    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>);
    /// Whether a file's findings may be rendered a few at a time: rendering
    /// them in turn into one buffer, or into buffers written one after
    /// another, gives the same bytes as rendering them all at once. Then a
    /// very large report is written in parts, never held whole.
    fn splits_between_findings(&self) -> bool {
        false
    }
    /// Writes a rendered file, in path order.
    fn write_rendered(&self, rendered: &[u8], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(rendered)
    }
    /// Reports a file that could not be checked.
    fn error(&self, path: &str, message: &str, out: &mut dyn Write) -> io::Result<()>;
    /// Writes whatever closes the report.
    fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes one file's rendered items into a JSON array that is streamed
/// file by file: a comma first unless nothing has been written yet.
pub(crate) fn write_array_items(
    wrote_any: &mut bool,
    rendered: &[u8],
    out: &mut dyn Write,
) -> io::Result<()> {
    if rendered.is_empty() {
        return Ok(());
    }
    if *wrote_any {
        out.write_all(b",")?;
    }
    *wrote_any = true;
    out.write_all(rendered)
}

/// Totals for a run.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files_checked: usize,
    pub files_with_findings: usize,
    /// Files that could not be read or checked.
    pub errors: usize,
    pub findings: usize,
    pub by_severity: SeverityCounts,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn get(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }

    pub fn merge(&mut self, other: &SeverityCounts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }
}

/// "1 file", "2 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
