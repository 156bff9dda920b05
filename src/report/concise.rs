//! The concise report: one line per finding,
//! `path:line:col: severity [rule] message (try: suggestions)`, for editors'
//! error parsers (Vim's `errorformat`, Emacs' compilation mode) and grep.

use std::io::{self, Write};

use super::escape::{flat, one_line};
use super::view::View;
use super::{FileReport, Reporter, Summary};
use crate::engine::meaning_for;

/// One line per finding; errors go to standard error.
#[derive(Debug, Default)]
pub struct Concise;

impl Reporter for Concise {
    /// One line per finding.
    fn splits_between_findings(&self) -> bool {
        true
    }

    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>) {
        let mut line = String::new();
        let mut path = String::new();
        one_line(file.path, &mut path);
        for finding in file.findings {
            let view = View::new(file, finding);
            line.clear();
            line.push_str(&path);
            line.push_str(&format!(
                ":{}:{}: {} [{}] ",
                view.start.line,
                view.start.column,
                finding.severity.as_str(),
                view.rule.id
            ));
            one_line(&short_message(&view), &mut line);
            if let Some(location) = view.location {
                line.push_str(&format!(" in {location}"));
            }
            if !view.suggestions.is_empty() {
                line.push_str(" (try: ");
                one_line(&view.suggestions.join("; "), &mut line);
                line.push(')');
            }
            line.push('\n');
            out.extend_from_slice(line.as_bytes());
        }
    }

    fn error(&self, path: &str, message: &str, _out: &mut dyn Write) -> io::Result<()> {
        let mut line = String::from("error: ");
        one_line(path, &mut line);
        line.push_str(": ");
        one_line(message, &mut line);
        writeln!(io::stderr().lock(), "{line}")
    }

    fn finish(&self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The message without the suggestions, which follow it in brackets:
/// `care-system word “service users”`, `abbreviation “CQC” (Care Quality
/// Commission)`. Built-in checks, which have no suggestions, keep their own.
fn short_message(view: &View<'_>) -> String {
    let rule = view.rule;
    if rule.check.is_some() || rule.message.is_some() || view.suggestions.is_empty() {
        return view.message.clone();
    }
    let phrase = flat(view.matched);
    match meaning_for(rule, view.finding) {
        Some(expansion) => format!(
            "{} \u{201C}{phrase}\u{201D} ({expansion})",
            rule.category.describe()
        ),
        None => format!("{} \u{201C}{phrase}\u{201D}", rule.category.describe()),
    }
}
