//! Reporters: each turns findings into one output format.
//!
//! A reporter renders a file on the worker thread that checked it, while the
//! text is still in memory (so nothing is re-read and no file is kept), and
//! writes the rendered bytes in path order on the main thread.

mod checkstyle;
mod concise;
pub mod escape;
mod explain;
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
pub use explain::explanation;
pub use github::Github;
pub use human::Human;
pub use json::{FindingRecord, Json};
pub use jsonl::JsonLines;
pub use junit::Junit;
pub use markdown::Markdown;
pub use sarif::Sarif;
pub use statistics::Statistics;

use crate::engine::{Finding, Linter};
use std::cell::Cell;

use crate::location::{Cursor, LineIndex, Position};
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
    /// Where the last position was found: findings come in order, so the
    /// next column is counted on from there, not from the line's start.
    cursor: Cell<Cursor>,
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
            cursor: Cell::new(Cursor::default()),
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
    /// with the match kept in view. Only the window is read, so a paragraph
    /// of a million characters costs no more than a short one.
    pub fn context(&self, finding: &Finding, width: usize) -> String {
        let line = self
            .lines
            .line_range(self.text, self.position(finding.span.start).line);
        // A character is at most four bytes: a longer line cannot fit.
        let fits = line.len() <= 4 * width && self.text[line.clone()].chars().count() <= width;
        if fits {
            return self.text[line].trim().to_string();
        }
        let (window, cut_before, cut_after) =
            window(self.text, line, finding.span.start, width / 3, width);
        let mut context = String::new();
        if cut_before {
            context.push('\u{2026}');
        }
        let shown = &self.text[window];
        context.push_str(shown);
        if cut_after {
            context.push('\u{2026}');
        }
        context
    }

    /// The byte range of a 1-based line of the text.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        self.lines.line_range(self.text, line)
    }

    pub fn position(&self, offset: usize) -> Position {
        let mut cursor = self.cursor.get();
        let position = cursor.position(&self.lines, self.text, offset);
        self.cursor.set(cursor);
        position
    }

    pub fn rule(&self, finding: &Finding) -> &'a Rule {
        self.linter.rule(finding.rule)
    }

    pub fn matched(&self, finding: &Finding) -> &'a str {
        &self.text[finding.span.clone()]
    }
}

/// The bytes of `line` to show around `at`: up to `before` characters
/// before it, and from there `width` characters in all (at least as far as
/// `at`); and whether the line was cut at either end. Reads only the
/// characters it keeps.
pub(crate) fn window(
    text: &str,
    line: std::ops::Range<usize>,
    at: usize,
    before: usize,
    width: usize,
) -> (std::ops::Range<usize>, bool, bool) {
    let start = back(text, line.start, at, before);
    let taken_before = text[start..at].chars().count();
    let end = forward(text, at, line.end, width.saturating_sub(taken_before));
    (start..end, start > line.start, end < line.end)
}

/// The offset `count` characters before `at`, no further back than `floor`.
pub(crate) fn back(text: &str, floor: usize, at: usize, count: usize) -> usize {
    if count == 0 {
        return at;
    }
    text[floor..at]
        .char_indices()
        .rev()
        .take(count)
        .last()
        .map_or(at, |(i, _)| floor + i)
}

/// The offset `count` characters after `at`, no further than `ceiling`.
pub(crate) fn forward(text: &str, at: usize, ceiling: usize, count: usize) -> usize {
    text[at..ceiling]
        .char_indices()
        .nth(count)
        .map_or(ceiling, |(i, _)| at + i)
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
    /// Reports how a checked file reads (words, sentences, reading age),
    /// after its findings; most formats leave it out.
    fn reading(
        &self,
        _path: &str,
        _summary: &crate::readability::ReadingSummary,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Ok(())
    }
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

#[cfg(test)]
mod window_tests {
    use super::window;

    /// The plain reference: every character of the line in a vector.
    fn plainly(text: &str, at: usize, before: usize, width: usize) -> (String, bool, bool) {
        let chars: Vec<char> = text.chars().collect();
        let at = text[..at].chars().count();
        let start = at.saturating_sub(before);
        let end = (start + width.max(at - start)).min(chars.len());
        (
            chars[start..end].iter().collect(),
            start > 0,
            end < chars.len(),
        )
    }

    #[test]
    fn the_window_matches_counting_every_character() {
        let text = "é “quoted” 👩‍⚕️ service users and a care package, prior to the review";
        for (at, _) in text.char_indices() {
            for (before, width) in [(0, 1), (3, 10), (10, 5), (50, 200), (2, 0)] {
                let (range, cut_before, cut_after) = window(text, 0..text.len(), at, before, width);
                assert_eq!(
                    (text[range].to_string(), cut_before, cut_after),
                    plainly(text, at, before, width),
                    "at {at}, {before} before, {width} wide"
                );
            }
        }
    }
}
