//! GitHub Actions workflow commands: each finding becomes an annotation
//! (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`)
//! on the pull request's changed lines and in the run's summary.
//!
//! Values are escaped the way the runner reads them: `%`, CR and LF in the
//! message; those and `:` and `,` in properties. Info findings are notices.
//! A Word document's lines are in its extracted text, which GitHub cannot
//! show, so its annotations name the file and say the place in words.

use std::io::{self, Write};

use super::escape::{github_data, github_property};
use super::view::View;
use super::{FileReport, Reporter, Summary, plural};
use crate::rules::Severity;

#[derive(Debug, Default)]
pub struct Github {
    quiet: bool,
}

impl Github {
    pub fn new(quiet: bool) -> Github {
        Github { quiet }
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Reporter for Github {
    /// One line per finding.
    fn splits_between_findings(&self) -> bool {
        true
    }

    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>) {
        let mut path = String::new();
        github_property(file.path, &mut path);
        let mut line = String::new();
        for finding in file.findings {
            let view = View::new(file, finding);
            line.clear();
            line.push_str("::");
            line.push_str(command(finding.severity));
            line.push_str(" file=");
            line.push_str(&path);
            if view.location.is_none() {
                line.push_str(&format!(
                    ",line={},col={},endLine={},endColumn={}",
                    view.start.line, view.start.column, view.end.line, view.end.column
                ));
            }
            line.push_str(",title=");
            github_property(
                &format!("{} ({})", view.rule.id, view.rule.category.describe()),
                &mut line,
            );
            line.push_str("::");
            let mut message = String::new();
            if let Some(location) = view.location {
                message.push_str(&format!("{location}: "));
            }
            message.push_str(&view.message);
            message.push_str("\n\n");
            message.push_str(&view.rule.why);
            github_data(&message, &mut line);
            line.push('\n');
            out.extend_from_slice(line.as_bytes());
        }
    }

    fn error(&self, path: &str, message: &str, out: &mut dyn Write) -> io::Result<()> {
        let mut line = String::from("::error file=");
        github_property(path, &mut line);
        line.push_str(",title=ordinary could not check this file::");
        github_data(message, &mut line);
        writeln!(out, "{line}")
    }

    fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let errors = if summary.errors > 0 {
            format!(
                "; {} could not be checked",
                plural(summary.errors, "file", "files")
            )
        } else {
            String::new()
        };
        writeln!(
            out,
            "ordinary: {} in {} of {} checked{errors}.",
            plural(summary.findings, "finding", "findings"),
            summary.files_with_findings,
            plural(summary.files_checked, "file", "files"),
        )
    }
}
