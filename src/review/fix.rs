//! `ordinary fix`: safe single replacements applied to plain text and
//! Markdown, in one pass.
//!
//! Only findings with a [`safe_replacement`] are fixed. Code, link targets
//! and HTML in Markdown are never checked, so never fixed; suppressed lines
//! have no findings. A finding whose span in the file holds Markdown markup
//! (`co-**production**`) is left for a person. Fixes are applied from the
//! end of the file in one pass and the text is not checked again, so a fix
//! can never set off another.

use std::ops::Range;

use crate::engine::{Finding, Linter};
use crate::source::Document;

use super::safe_replacement;

/// One replacement in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Byte range in the document text.
    pub span: Range<usize>,
    pub replacement: String,
    /// The index of the rule in the linter's ruleset.
    pub rule: usize,
}

/// Characters that mean a span crosses Markdown markup or escapes.
const MARKUP: &[char] = &['*', '_', '`', '[', ']', '<', '>', '\\', '~', '|', '!'];

/// The fixes for a text or Markdown document's findings, in order, none overlapping.
pub fn fixes(document: &Document, findings: &[Finding], linter: &Linter) -> Vec<Fix> {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| (f.span.start, f.span.end));
    let mut fixes: Vec<Fix> = Vec::new();
    for finding in sorted {
        let span = finding.span.clone();
        let Some(matched) = document.text.get(span.clone()) else {
            continue;
        };
        if matched.contains(MARKUP) {
            continue;
        }
        let rule = linter.rule(finding.rule);
        let Some(replacement) = safe_replacement(rule, &document.text, span.clone()) else {
            continue;
        };
        if fixes.last().is_some_and(|last| last.span.end > span.start) {
            continue;
        }
        fixes.push(Fix {
            span,
            replacement,
            rule: finding.rule,
        });
    }
    fixes
}

/// The text with the fixes applied. `fixes` must be sorted and must not overlap.
pub fn apply(text: &str, fixes: &[Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for fix in fixes {
        out.push_str(&text[at..fix.span.start]);
        out.push_str(&fix.replacement);
        at = fix.span.end;
    }
    out.push_str(&text[at..]);
    out
}
