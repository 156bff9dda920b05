//! The human report: compiler-style snippets with the phrase underlined,
//! the suggestions and the why, then a closing summary.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor};

use super::{FileReport, Reporter, Summary, plural};
use crate::engine::{Finding, message_for};
use crate::rules::Severity;

pub struct Human {
    color: bool,
    quiet: bool,
    config: Config,
}

impl Human {
    pub fn new(color: bool, quiet: bool) -> Human {
        Human {
            color,
            quiet,
            config: Config::default(),
        }
    }
}

impl Human {
    /// A finding shown in a window of its paragraph, with the phrase
    /// underlined: in a Word document (placed in words, not by a line number
    /// in the extracted text), and on a line too long to print whole.
    fn render_windowed(
        &self,
        file: &FileReport<'_>,
        finding: &crate::engine::Finding,
        place: &str,
        notes: &[String],
        out: &mut termcolor::Buffer,
    ) {
        let rule = file.rule(finding);
        let matched = file.matched(finding);
        let (label, colour) = match finding.severity {
            Severity::Error => ("error", "\x1b[1;31m"),
            Severity::Warning => ("warning", "\x1b[1;33m"),
            Severity::Info => ("info", "\x1b[1;32m"),
        };
        let (bold, blue, reset) = if self.color {
            ("\x1b[1m", "\x1b[1;34m", "\x1b[0m")
        } else {
            ("", "", "")
        };
        let colour = if self.color { colour } else { "" };
        let line = file.position(finding.span.start).line;
        let range = file.line_range(line);
        let width = matched.chars().count().max(1);
        // About 50 characters either side of the phrase; only those are read.
        let from = super::back(file.text, range.start, finding.span.start, 50);
        let to = super::forward(file.text, finding.span.start, range.end, width + 50);
        let (window, cut_before, cut_after) = (from..to, from > range.start, to < range.end);
        let indent =
            file.text[window.start..finding.span.start].chars().count() + usize::from(cut_before);
        let underline = width.min(file.text[finding.span.start..window.end].chars().count());
        let mut shown = String::new();
        if cut_before {
            shown.push('\u{2026}');
        }
        shown.push_str(&file.text[window]);
        if cut_after {
            shown.push('\u{2026}');
        }
        let shown = shown.replace('\t', " ");
        let message = message_for(rule, finding, matched);
        let mut text = String::new();
        text.push_str(&format!(
            "{colour}{label}[{}]{reset}{bold}: {message}{reset}\n",
            rule.id
        ));
        text.push_str(&format!("  {blue}\u{250C}\u{2500}{reset} {place}\n"));
        text.push_str(&format!("  {blue}\u{2502}{reset}\n"));
        text.push_str(&format!("  {blue}\u{2502}{reset} {shown}\n"));
        text.push_str(&format!(
            "  {blue}\u{2502}{reset} {}{colour}{}{reset} {colour}{}{reset}\n",
            " ".repeat(indent),
            "^".repeat(underline),
            rule.category.describe()
        ));
        text.push_str(&format!("  {blue}\u{2502}{reset}\n"));
        for note in notes {
            text.push_str(&format!("  {blue}={reset} {note}\n"));
        }
        text.push('\n');
        let _ = std::io::Write::write_all(out, text.as_bytes());
    }
}

/// Lines longer than this (in bytes) are shown as a window around the phrase.
const LONG_LINE: usize = 400;

/// "and 3 more times: line 21; line 25; line 30", the list cut short after
/// ten places. Semicolons, because a place in a Word document has commas
/// of its own ("table 1, row 3, column 3").
fn repeats_note(places: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut listed = places[..places.len().min(SHOWN)].join("; ");
    if places.len() > SHOWN {
        listed.push_str("; …");
    }
    format!(
        "and {} more {}: {listed}",
        places.len(),
        if places.len() == 1 { "time" } else { "times" }
    )
}

impl Reporter for Human {
    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>) {
        if file.findings.is_empty() {
            return;
        }
        let files = SimpleFile::new(file.path, file.text);
        let mut buffer = if self.color {
            termcolor::Buffer::ansi()
        } else {
            termcolor::Buffer::no_color()
        };
        // Later uses of the same thing are listed under the first, not shown
        // again (a repeat whose first use is not in the report stands alone).
        let firsts: HashSet<(usize, usize)> = file
            .findings
            .iter()
            .filter(|f| f.repeat_of.is_none())
            .map(|f| (f.span.start, f.rule))
            .collect();
        let is_grouped = |f: &Finding| f.repeat_of.is_some_and(|at| firsts.contains(&(at, f.rule)));
        let mut later: HashMap<(usize, usize), Vec<String>> = HashMap::new();
        for f in file.findings.iter().filter(|f| is_grouped(f)) {
            let place = match file.location(f) {
                Some(location) => location.to_string(),
                None => format!("line {}", file.position(f.span.start).line),
            };
            if let Some(at) = f.repeat_of {
                later.entry((at, f.rule)).or_default().push(place);
            }
        }
        for finding in file.findings {
            if is_grouped(finding) {
                continue;
            }
            let rule = file.rule(finding);
            let matched = file.matched(finding);
            let level = match finding.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Info => Level::Note,
            };
            let suggestions: Vec<&str> = finding.offers(rule).map(|o| o.text).collect();
            // The message already gives an abbreviation's expansion.
            let mut notes = vec![
                format!("try: {}", suggestions.join("; ")),
                format!("why: {}", rule.why),
            ];
            if let Some(places) = later.get(&(finding.span.start, finding.rule)) {
                notes.push(repeats_note(places));
            }
            if let Some(location) = file.location(finding) {
                let place = format!("{}: {location}", file.path);
                self.render_windowed(file, finding, &place, &notes, &mut buffer);
                continue;
            }
            // A long line is shown as a window around the phrase: printed
            // whole for every finding, a 500 KB line made 393 MB of output.
            let position = file.position(finding.span.start);
            if file.line_range(position.line).len() > LONG_LINE {
                let place = format!("{}:{}:{}", file.path, position.line, position.column);
                self.render_windowed(file, finding, &place, &notes, &mut buffer);
                continue;
            }
            let diagnostic = Diagnostic::new(level)
                .with_code(rule.id.as_str())
                .with_message(message_for(rule, finding, matched))
                .with_labels(vec![
                    Label::primary((), finding.span.clone()).with_message(rule.category.describe()),
                ])
                .with_notes(notes);
            if finding.severity == Severity::Info {
                // codespan has no "info" level: its note is ours, under the
                // name `--fail-on`, the summary and JSON give it. The header
                // comes first, so its first "note" is the level.
                let mut one = if self.color {
                    termcolor::Buffer::ansi()
                } else {
                    termcolor::Buffer::no_color()
                };
                let _ = term::emit_to_write_style(&mut one, &self.config, &files, &diagnostic);
                let text = String::from_utf8_lossy(one.as_slice()).replacen("note", "info", 1);
                let _ = std::io::Write::write_all(&mut buffer, text.as_bytes());
                continue;
            }
            // Only fails if the span is outside the text, which the engine never produces.
            let _ = term::emit_to_write_style(&mut buffer, &self.config, &files, &diagnostic);
        }
        out.extend_from_slice(buffer.as_slice());
    }

    fn reading(
        &self,
        path: &str,
        summary: &crate::readability::ReadingSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let figures = summary.figures();
        if self.quiet || figures.sentences == 0 {
            return Ok(());
        }
        writeln!(out, "{path}: reading: {}", figures.describe())
    }

    fn error(&self, path: &str, message: &str, _out: &mut dyn Write) -> io::Result<()> {
        // Errors go to standard error, like every other command-line tool.
        let mut stderr = io::stderr().lock();
        if self.color {
            writeln!(stderr, "\x1b[1;31merror\x1b[0m: {path}: {message}")
        } else {
            writeln!(stderr, "error: {path}: {message}")
        }
    }

    fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let files = plural(summary.files_checked, "file", "files");
        if summary.findings == 0 && summary.files_checked > 0 {
            writeln!(out, "No problems found in {files} checked.")?;
        } else if summary.findings == 0 {
            writeln!(out, "No files were checked.")?;
        } else {
            let counts: Vec<String> = Severity::ALL
                .iter()
                .filter(|s| summary.by_severity.get(**s) > 0)
                .map(|s| {
                    let n = summary.by_severity.get(*s);
                    match s {
                        Severity::Error => plural(n, "error", "errors"),
                        Severity::Warning => plural(n, "warning", "warnings"),
                        Severity::Info => format!("{n} info"),
                    }
                })
                .collect();
            writeln!(
                out,
                "Found {} ({}) in {} of {files} checked.",
                plural(summary.findings, "problem", "problems"),
                counts.join(", "),
                summary.files_with_findings,
            )?;
        }
        if summary.errors > 0 {
            writeln!(
                out,
                "{} could not be checked (see the errors above).",
                plural(summary.errors, "file", "files")
            )?;
        }
        Ok(())
    }
}
