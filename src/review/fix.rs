//! `ordinary fix`: the edits that fit their sentences, applied to plain
//! text and Markdown, in one pass.
//!
//! Each finding's first fitting suggestion is applied ([`Finding::first_edit`]);
//! a finding whose suggestions are all advice is left for a person. The
//! engine decides what fits, so `fix`, the review copy's tracked changes,
//! the language server's quick fixes and SARIF agree edit for edit. Code,
//! link targets and HTML in Markdown are never checked, so never fixed;
//! suppressed lines have no findings; quoted speech and edits across
//! Markdown markup get no edit. Fixes are applied from the end of the file
//! in one pass and the text is not checked again, so a fix can never set
//! off another.
//!
//! [`Finding::first_edit`]: crate::engine::Finding::first_edit

use std::ops::Range;

use crate::engine::Finding;
use crate::source::Document;

/// One replacement in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Byte range in the document text.
    pub span: Range<usize>,
    pub replacement: String,
    /// The index of the rule in the linter's ruleset.
    pub rule: usize,
}

/// The fixes for a text or Markdown document's findings, in order, none overlapping.
pub fn fixes(document: &Document, findings: &[Finding]) -> Vec<Fix> {
    let mut edits: Vec<Fix> = findings
        .iter()
        .filter_map(|finding| {
            let edit = finding.first_edit()?;
            document.text.get(edit.span.clone())?;
            Some(Fix {
                span: edit.span.clone(),
                replacement: edit.replacement.clone(),
                rule: finding.rule,
            })
        })
        .collect();
    edits.sort_by_key(|fix| (fix.span.start, fix.span.end));
    let mut fixes: Vec<Fix> = Vec::with_capacity(edits.len());
    for fix in edits {
        if fixes
            .last()
            .is_some_and(|last| last.span.end > fix.span.start)
        {
            continue;
        }
        fixes.push(fix);
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
