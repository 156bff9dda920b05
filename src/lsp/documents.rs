//! Open documents: their text as the editor has it, kept in step with
//! incremental changes, and the findings of the last check, moved along
//! with edits (their fixes too) so hover and code actions stay right while
//! a new check runs.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::TextDocumentContentChangeEvent;

use super::position::{Encoding, Lines};
use super::project::Project;
use crate::engine::Finding;
use crate::source::Format;

/// One open document.
#[derive(Debug)]
pub struct OpenDocument {
    pub version: i32,
    pub text: String,
    pub format: Format,
    /// The file, for `file:` URIs: where its `ordinary.toml` is looked for.
    pub path: Option<PathBuf>,
    lines: Option<Lines>,
    /// The last check's findings, their spans and their fixes' spans moved
    /// along with later edits (findings an edit touched are dropped).
    pub findings: Vec<Finding>,
    /// The project the findings came from (their rules).
    pub project: Option<Arc<Project>>,
    /// How the last version checked reads (`None` until the first check).
    pub reading: Option<crate::readability::ReadingFigures>,
}

impl OpenDocument {
    pub fn new(version: i32, text: String, format: Format, path: Option<PathBuf>) -> OpenDocument {
        OpenDocument {
            version,
            text,
            format,
            path,
            lines: None,
            findings: Vec::new(),
            project: None,
            reading: None,
        }
    }

    /// The text, its line index (built when first needed after a change)
    /// and the findings.
    pub fn view(&mut self) -> (&str, &Lines, &[Finding]) {
        let lines = self.lines.get_or_insert_with(|| Lines::new(&self.text));
        (&self.text, lines, &self.findings)
    }

    /// Applies the client's changes in order. A change without a range
    /// replaces the whole text.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let (text, lines, _) = self.view();
                    let start = lines.offset(text, range.start, encoding);
                    let end = lines.offset(text, range.end, encoding).max(start);
                    self.replace(start..end, &change.text);
                }
                None => {
                    let end = self.text.len();
                    self.replace(0..end, &change.text);
                }
            }
        }
    }

    fn replace(&mut self, span: Range<usize>, with: &str) {
        self.text.replace_range(span.clone(), with);
        self.lines = None;
        let removed = span.end - span.start;
        let moved = |at: &mut usize| *at = *at - removed + with.len();
        self.findings.retain_mut(|finding| {
            // A fix can reach past its finding ("a care package"), so the
            // words it edits count as the finding's too.
            let reach = finding
                .fitted
                .iter()
                .fold(finding.span.clone(), |reach, f| {
                    reach.start.min(f.edit.span.start)..reach.end.max(f.edit.span.end)
                });
            if reach.end <= span.start {
                // Before the edit (typing right after a phrase leaves it).
                true
            } else if reach.start >= span.end {
                // After it (typing right before a phrase moves it, fixes too).
                moved(&mut finding.span.start);
                moved(&mut finding.span.end);
                for fitted in &mut finding.fitted {
                    moved(&mut fitted.edit.span.start);
                    moved(&mut fitted.edit.span.end);
                }
                true
            } else {
                // The edit changed the phrase or what its fixes replace:
                // wait for the next check.
                false
            }
        });
    }
}

/// Every open document by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<String, OpenDocument>,
}

impl Documents {
    pub fn open(&mut self, uri: String, document: OpenDocument) {
        self.open.insert(uri, document);
    }

    pub fn close(&mut self, uri: &str) -> Option<OpenDocument> {
        self.open.remove(uri)
    }

    pub fn get(&self, uri: &str) -> Option<&OpenDocument> {
        self.open.get(uri)
    }

    pub fn get_mut(&mut self, uri: &str) -> Option<&mut OpenDocument> {
        self.open.get_mut(uri)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &OpenDocument)> {
        self.open.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range as LspRange};

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(LspRange::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn finding(span: Range<usize>) -> Finding {
        Finding {
            rule: 0,
            severity: crate::rules::Severity::Warning,
            span,
            detail: None,
            fitted: Vec::new(),
            elsewhere: 0,
            repeat_of: None,
            sense: None,
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_in_utf16() {
        let mut doc = OpenDocument::new(1, "“Hi” 😀 one\ntwo\n".into(), Format::Text, None);
        // Quotes and letters are one UTF-16 unit each, the emoji two: "one" is at 8.
        doc.apply(
            vec![change((0, 8), (0, 11), "ONE"), change((1, 0), (1, 3), "2")],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "“Hi” 😀 ONE\n2\n");
        doc.apply(vec![change((0, 0), (1, 0), "")], Encoding::Utf16);
        assert_eq!(doc.text, "2\n");
    }

    #[test]
    fn findings_move_with_edits_and_edited_ones_go() {
        let text = "aa service users bb care package cc".to_string();
        let service = text.find("service users").unwrap();
        let care = text.find("care package").unwrap();
        let mut doc = OpenDocument::new(1, text, Format::Text, None);
        doc.findings = vec![finding(service..service + 13), finding(care..care + 12)];
        // Typing at the start moves both.
        doc.apply(vec![change((0, 0), (0, 0), "XYZ ")], Encoding::Utf8);
        assert_eq!(&doc.text[doc.findings[0].span.clone()], "service users");
        assert_eq!(&doc.text[doc.findings[1].span.clone()], "care package");
        // Editing inside the first drops it and keeps the second in place.
        let inside = doc.findings[0].span.start as u32 + 2;
        doc.apply(
            vec![change((0, inside), (0, inside + 1), "R")],
            Encoding::Utf8,
        );
        assert_eq!(doc.findings.len(), 1);
        assert_eq!(&doc.text[doc.findings[0].span.clone()], "care package");
        // Typing right after a phrase leaves it, right before moves it.
        let end = doc.findings[0].span.end as u32;
        doc.apply(vec![change((0, end), (0, end), "s")], Encoding::Utf8);
        assert_eq!(&doc.text[doc.findings[0].span.clone()], "care package");
        let start = doc.findings[0].span.start as u32;
        doc.apply(vec![change((0, start), (0, start), "the ")], Encoding::Utf8);
        assert_eq!(&doc.text[doc.findings[0].span.clone()], "care package");
    }

    /// A quick fix offered between an edit and the next check must still
    /// replace the words it names: its edit moves with the finding, and an
    /// edit to the words a fix reaches beyond the finding (the "a" of "a
    /// care package") drops the finding.
    #[test]
    fn fixes_move_with_their_findings_and_edits_to_their_words_drop_them() {
        let text = "xx a care package yy".to_string();
        let care = text.find("care package").unwrap();
        let article = text.find("a care").unwrap();
        let mut doc = OpenDocument::new(1, text, Format::Text, None);
        let mut found = finding(care..care + 12);
        found.fitted = vec![crate::engine::Fitted {
            suggestion: 0,
            edit: crate::engine::Edit {
                span: article..care + 12,
                replacement: "care and support".into(),
            },
        }];
        doc.findings = vec![found];
        doc.apply(vec![change((0, 0), (0, 0), "NEW ")], Encoding::Utf8);
        let fix = &doc.findings[0].fitted[0].edit;
        assert_eq!(&doc.text[fix.span.clone()], "a care package");
        // Typing between "a" and "care": outside the finding, inside its fix.
        let inside = fix.span.start as u32 + 1;
        doc.apply(vec![change((0, inside), (0, inside), "n")], Encoding::Utf8);
        assert!(doc.findings.is_empty(), "{:?}", doc.findings);
    }
}
