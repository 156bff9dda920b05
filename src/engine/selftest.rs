//! Rules test themselves: every example must be flagged by its rule, no
//! counter-example may be, and no suggestion may be flagged by any rule
//! (advice that is itself jargon is a bug). Used by `ordinary rules --check`
//! and by the test suite.

use super::Linter;
use crate::source::{Document, Format};

/// One way a rule fails its own examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub rule: String,
    /// `file:line` of the rule.
    pub source: String,
    pub message: String,
}

/// Checks every enabled rule of the linter; an empty list means all pass.
pub fn check_rules(linter: &Linter) -> Vec<Failure> {
    let mut failures = Vec::new();
    let flagged = |text: &str| -> Vec<(usize, String)> {
        let document = Document::parse(text.to_string(), Format::Text);
        linter
            .check(&document)
            .into_iter()
            .map(|f| (f.rule, text[f.span].to_string()))
            .collect()
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
            if !flagged(example).iter().any(|(r, _)| *r == index) {
                fail(format!("example not flagged: {example:?}"));
            }
        }
        for example in &rule.counter_examples {
            if let Some((_, matched)) = flagged(example).into_iter().find(|(r, _)| *r == index) {
                fail(format!(
                    "counter-example flagged ({matched:?}): {example:?}"
                ));
            }
        }
        for suggestion in &rule.suggestions {
            for (other, matched) in flagged(suggestion) {
                fail(format!(
                    "suggestion {suggestion:?} is flagged by `{}` ({matched:?})",
                    linter.rule(other).id
                ));
            }
        }
    }
    failures
}
