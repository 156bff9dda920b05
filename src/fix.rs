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

use crate::engine::{Edit, Finding};
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
    let first_edits = findings
        .iter()
        .filter_map(|finding| Some((finding.rule, finding.first_edit()?)));
    fixes_from(document, first_edits)
}

/// Fixes from chosen edits (a rule's index and one of its finding's
/// edits), in order; an edit that overlaps one before it, or does not fit
/// the text, is left out. [`fixes`] chooses each finding's first edit; the
/// page of `ordinary serve` the ones its user accepted.
pub fn fixes_from<'a>(
    document: &Document,
    chosen: impl IntoIterator<Item = (usize, &'a Edit)>,
) -> Vec<Fix> {
    let mut edits: Vec<Fix> = chosen
        .into_iter()
        .filter_map(|(rule, edit)| {
            document.text.get(edit.span.clone())?;
            Some(Fix {
                span: edit.span.clone(),
                replacement: edit.replacement.clone(),
                rule,
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

/// A unified diff (`diff -u`, three lines of context) from `text` to the
/// text with `fixes` applied, headed `--- old` / `+++ new`.
///
/// Built from the fixes themselves rather than by diffing the two texts:
/// a general line diff is quadratic when most lines change (BENCHMARKS.md,
/// "Hostile shapes"), while this is one pass over the text. The fixes say
/// exactly which lines changed, so nothing is lost; the tests compare it
/// with the `similar` crate's diff as the plain reference.
pub fn unified_diff(text: &str, fixes: &[Fix], old: &str, new: &str) -> String {
    const CONTEXT: usize = 3;
    if fixes.is_empty() {
        return String::new();
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let starts: Vec<usize> = lines
        .iter()
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some(start)
        })
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&start| start <= offset).max(1) - 1;

    // Runs of changed lines, adjacent ones joined as diff(1) joins them:
    // (first line, end line, the fixes in them).
    let mut blocks: Vec<(usize, usize, Range<usize>)> = Vec::new();
    for (index, fix) in fixes.iter().enumerate() {
        let first = line_of(fix.span.start);
        let last = line_of(fix.span.end.max(fix.span.start + 1) - 1).max(first);
        match blocks.last_mut() {
            Some((_, end, members)) if first <= *end => {
                *end = (*end).max(last + 1);
                members.end = index + 1;
            }
            _ => blocks.push((first, last + 1, index..index + 1)),
        }
    }

    let mut out = format!("--- {old}\n+++ {new}\n");
    let mut shift: isize = 0; // new line number minus old line number
    let mut at = 0;
    while at < blocks.len() {
        // A hunk: blocks whose context would touch or overlap.
        let mut last = at;
        while last + 1 < blocks.len() && blocks[last + 1].0 <= blocks[last].1 + 2 * CONTEXT {
            last += 1;
        }
        let start = blocks[at].0.saturating_sub(CONTEXT);
        let end = (blocks[last].1 + CONTEXT).min(lines.len());
        let mut body = String::new();
        let mut new_count = 0;
        let mut cursor = start;
        for (first, block_end, members) in &blocks[at..=last] {
            for line in &lines[cursor..*first] {
                push_line(&mut body, ' ', line);
            }
            for line in &lines[*first..*block_end] {
                push_line(&mut body, '-', line);
            }
            let from = starts[*first];
            let to = from
                + lines[*first..*block_end]
                    .iter()
                    .map(|l| l.len())
                    .sum::<usize>();
            let mut fixed = String::new();
            let mut offset = from;
            for fix in &fixes[members.clone()] {
                fixed.push_str(&text[offset..fix.span.start]);
                fixed.push_str(&fix.replacement);
                offset = fix.span.end;
            }
            fixed.push_str(&text[offset..to]);
            for line in fixed.split_inclusive('\n') {
                push_line(&mut body, '+', line);
                new_count += 1;
            }
            new_count += first - cursor;
            cursor = *block_end;
        }
        for line in &lines[cursor..end] {
            push_line(&mut body, ' ', line);
        }
        new_count += end - cursor;
        let old_count = end - start;
        let new_start = (start as isize + shift) as usize;
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            hunk_range(start, old_count),
            hunk_range(new_start, new_count)
        ));
        out.push_str(&body);
        shift += new_count as isize - old_count as isize;
        at = last + 1;
    }
    out
}

/// A hunk header's `start,count`, as diff(1) writes it (1-based; a count of
/// one left out; an empty range starts at the line before).
fn hunk_range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

fn push_line(out: &mut String, sign: char, line: &str) {
    out.push(sign);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str, phrase: &str, replacement: &str) -> Vec<Fix> {
        text.match_indices(phrase)
            .map(|(start, _)| Fix {
                span: start..start + phrase.len(),
                replacement: replacement.to_string(),
                rule: 0,
            })
            .collect()
    }

    /// The reference: the `similar` crate's line diff of the two texts.
    fn reference(text: &str, fixes: &[Fix]) -> String {
        let fixed = apply(text, fixes);
        similar::TextDiff::from_lines(text, &fixed)
            .unified_diff()
            .context_radius(3)
            .header("a/x", "b/x")
            .to_string()
    }

    #[test]
    fn the_diff_matches_a_line_diff_of_the_two_texts() {
        let mut cases: Vec<(String, &str, &str)> = vec![
            ("prior to\n".into(), "prior to", "before"),
            ("prior to".into(), "prior to", "before"),
            ("a\nb\nprior to c\nd\n".into(), "prior to", "before"),
            ("one prior to\ntwo\n".into(), "prior to", "before\nand"),
            ("x prior\nto y\nz\n".into(), "prior\nto", "before"),
        ];
        // Changes near and far from each other, so hunks merge and split.
        for gap in [0, 1, 5, 6, 7, 12] {
            let mut text = String::from("prior to\n");
            for i in 0..gap {
                text.push_str(&format!("line {i}\n"));
            }
            text.push_str("prior to prior to\nend\n");
            for i in 0..gap {
                text.push_str(&format!("tail {i}\n"));
            }
            text.push_str("last prior to");
            cases.push((text, "prior to", "before"));
        }
        for (text, phrase, replacement) in &cases {
            let fixes = fix(text, phrase, replacement);
            assert_eq!(
                unified_diff(text, &fixes, "a/x", "b/x"),
                reference(text, &fixes),
                "for {text:?}"
            );
        }
    }

    #[test]
    fn no_fixes_no_diff() {
        assert_eq!(unified_diff("plain\n", &[], "a", "b"), "");
    }
}
