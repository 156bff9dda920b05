//! A Markdown summary of a run, for a pull-request comment, a job summary
//! (`$GITHUB_STEP_SUMMARY`) or a report to a manager: totals, findings by
//! category, the most common phrases with what to write instead, and the
//! files with the most findings. Written at the end; nothing is kept of the
//! documents but counts.

use std::io::{self, Write};

use super::escape::flat;
use super::tally::Tally;
use super::{FileReport, Reporter, Summary, plural};
use crate::engine::Linter;
use crate::rules::Severity;

/// How many phrases and files the tables show.
const TOP: usize = 10;

pub struct Markdown<'l> {
    linter: &'l Linter,
    tally: Tally,
}

impl<'l> Markdown<'l> {
    pub fn new(linter: &'l Linter) -> Markdown<'l> {
        Markdown {
            linter,
            tally: Tally::default(),
        }
    }
}

/// Text made safe for Markdown (and a table cell): markup characters
/// backslash-escaped, line breaks as spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '(' | ')' | '#' | '+'
            | '!' | '|' | '~' | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn severity_counts(counts: &super::SeverityCounts) -> String {
    let parts: Vec<String> = Severity::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| match s {
            Severity::Error => plural(counts.get(*s), "error", "errors"),
            Severity::Warning => plural(counts.get(*s), "warning", "warnings"),
            Severity::Info => format!("{} info", counts.get(*s)),
        })
        .collect();
    parts.join(", ")
}

impl Reporter for Markdown<'_> {
    fn render(&self, file: &FileReport<'_>, _out: &mut Vec<u8>) {
        self.tally.add(file);
    }

    fn error(&self, path: &str, message: &str, _out: &mut dyn Write) -> io::Result<()> {
        self.tally.error(path, message);
        Ok(())
    }

    fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let counts = self.tally.lock();
        let id = |rule: usize| self.linter.rule(rule).id.as_str();
        let mut text = String::from("## Plain-language review\n\n");
        let files = plural(summary.files_checked, "file", "files");
        if summary.findings == 0 {
            text.push_str(&format!("No problems found in {files} checked.\n"));
        } else {
            text.push_str(&format!(
                "**{}** ({}) in {} of {files} checked.\n",
                plural(summary.findings, "finding", "findings"),
                severity_counts(&summary.by_severity),
                summary.files_with_findings,
            ));
        }
        if summary.errors > 0 {
            text.push_str(&format!(
                "\n{} could not be checked.\n",
                plural(summary.errors, "file", "files")
            ));
        }
        if summary.findings > 0 {
            text.push_str("\n### By category\n\n| category | findings |\n|---|---:|\n");
            for (category, n) in counts.categories(|r| self.linter.rule(r).category) {
                text.push_str(&format!("| {} | {n} |\n", category.describe()));
            }
            let phrases = counts.phrases_by_count(id);
            text.push_str(&format!(
                "\n### Most common phrases\n\n{}| phrase | rule | times | try instead |\n|---|---|---:|---|\n",
                if phrases.len() > TOP {
                    format!("The {TOP} most common of {}.\n\n", phrases.len())
                } else {
                    String::new()
                }
            ));
            for &(rule, phrase, n) in phrases.iter().take(TOP) {
                let rule = self.linter.rule(rule);
                let suggestions: Vec<&str> =
                    rule.suggestions.iter().map(|s| s.text.as_str()).collect();
                let instead = if suggestions.is_empty() {
                    "\u{2014}".to_string()
                } else {
                    escape(&suggestions.join("; "))
                };
                text.push_str(&format!(
                    "| \u{201C}{}\u{201D} | {} | {n} | {instead} |\n",
                    escape(&flat(phrase)),
                    escape(&rule.id),
                ));
            }
            let files = counts.files_by_count();
            text.push_str(&format!(
                "\n### Files with the most findings\n\n{}| file | findings | by severity |\n|---|---:|---|\n",
                if files.len() > TOP {
                    format!("The {TOP} with the most of {}.\n\n", files.len())
                } else {
                    String::new()
                }
            ));
            for (path, n) in files.iter().take(TOP) {
                text.push_str(&format!(
                    "| {} | {} | {} |\n",
                    escape(path),
                    n.total(),
                    severity_counts(n)
                ));
            }
        }
        if !counts.errors.is_empty() {
            text.push_str("\n### Files that could not be checked\n\n");
            for (path, message) in &counts.errors {
                text.push_str(&format!("- {}: {}\n", escape(path), escape(message)));
            }
        }
        out.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_table_pipes() {
        assert_eq!(
            escape("a|b <i>&amp; *x* [l](u)\nnext"),
            "a\\|b \\<i\\>\\&amp; \\*x\\* \\[l\\]\\(u\\) next"
        );
    }
}
