//! Rules test themselves: every example must be flagged by its rule and
//! read, after the rule's first fitting suggestion is applied, exactly as
//! the example says (or get no edit, where it gives no rewrite); no
//! counter-example may be flagged; and no suggestion may be flagged by any
//! rule (advice that is itself jargon is a bug), except the words an
//! abbreviation stands for, which may be a term to explain. Used by `ordinary rules
//! --check` and by the test suite.

use super::{Finding, Linter};
use crate::rules::Category;
use crate::source::{Document, Format};

/// One way a rule fails its own examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub rule: String,
    /// `file:line` of the rule.
    pub source: String,
    pub message: String,
}

/// `text` with the first fitting edit of each of `findings` applied, from
/// the end, skipping any that overlaps one already applied.
pub fn rewrite(text: &str, findings: &[&Finding]) -> String {
    let mut edits: Vec<_> = findings.iter().filter_map(|f| f.first_edit()).collect();
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.span.start < at {
            continue;
        }
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Checks every enabled rule of the linter; an empty list means all pass.
pub fn check_rules(linter: &Linter) -> Vec<Failure> {
    let mut failures = Vec::new();
    // An example that opens with front matter is a Markdown document
    // (`target_reading_age` is set there); every other one is text.
    let check = |text: &str| -> Vec<Finding> {
        let format = if text.starts_with("---\n") {
            Format::Markdown
        } else {
            Format::Text
        };
        linter.check(&Document::parse(text.to_string(), format))
    };
    for (index, rule) in linter.ruleset().rules().iter().enumerate() {
        if !linter.is_enabled(index) {
            continue;
        }
        let mut fail = |message: String| {
            failures.push(Failure {
                rule: rule.id.clone(),
                source: rule.source.clone(),
                message,
            });
        };
        for example in &rule.examples {
            let findings = check(&example.text);
            let own: Vec<&Finding> = findings.iter().filter(|f| f.rule == index).collect();
            if own.is_empty() {
                fail(format!("example not flagged: {:?}", example.text));
                continue;
            }
            let rewritten = rewrite(&example.text, &own);
            match &example.after {
                Some(after) if *after != rewritten => fail(format!(
                    "example {:?} reads {rewritten:?} after the edit, not {after:?}",
                    example.text
                )),
                None if rewritten != example.text => fail(format!(
                    "example {:?} gets an edit ({rewritten:?}): give it as {{ text = …, after = {rewritten:?} }} if that reads well, or make the suggestion advice",
                    example.text
                )),
                _ => {}
            }
        }
        for example in &rule.counter_examples {
            if let Some(finding) = check(example).into_iter().find(|f| f.rule == index) {
                fail(format!(
                    "counter-example flagged ({:?}): {example:?}",
                    &example[finding.span]
                ));
            }
        }
        for suggestion in &rule.suggestions {
            // An abbreviation's suggestion is what its letters stand for,
            // and that may be a term the text must then explain (MIG →
            // minimum income guarantee): a term, not jargon in the advice.
            let spelled_out = |finding: &Finding| {
                rule.category == Category::Abbreviation && linter.rule(finding.rule).explainable
            };
            // A suggestion is a phrase, not a sentence to read on its own:
            // how its sentences read ("is being abused" names the harm) is
            // the readability checks' business in a document, not here.
            let about_sentences = |finding: &Finding| linter.rule(finding.rule).is_sentence_check();
            for finding in check(&suggestion.text)
                .into_iter()
                .filter(|f| !spelled_out(f) && !about_sentences(f))
            {
                fail(format!(
                    "suggestion {:?} is flagged by `{}` ({:?})",
                    suggestion.text,
                    linter.rule(finding.rule).id,
                    &suggestion.text[finding.span]
                ));
            }
        }
    }
    failures
}
