//! The human report: compiler-style snippets with the phrase underlined,
//! the suggestions and the why, then a closing summary.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor};

use super::{FileReport, Reporter, Summary, message_for, plural, suggestions_for};
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
        for finding in file.findings {
            let rule = file.rule(finding);
            let matched = file.matched(finding);
            let level = match finding.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Info => Level::Note,
            };
            let suggestions = suggestions_for(rule, matched);
            // The message already gives an abbreviation's expansion.
            let notes = vec![
                format!("try: {}", suggestions.join("; ")),
                format!("why: {}", rule.why),
            ];
            let diagnostic = Diagnostic::new(level)
                .with_code(rule.id.as_str())
                .with_message(message_for(rule, matched, finding.detail.as_deref()))
                .with_labels(vec![
                    Label::primary((), finding.span.clone()).with_message(rule.category.describe()),
                ])
                .with_notes(notes);
            // Only fails if the span is outside the text, which the engine never produces.
            let _ = term::emit_to_write_style(&mut buffer, &self.config, &files, &diagnostic);
        }
        out.extend_from_slice(buffer.as_slice());
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
