//! The rules tested as data: every rule's examples must be flagged by that
//! rule, its counter-examples must not be, and no suggestion may be flagged
//! by any rule (advice that is itself jargon is a bug).

use ordinary::engine::{Linter, Settings};
use ordinary::rules::Ruleset;
use ordinary::source::{Document, Format};

fn linter() -> Linter {
    let ruleset = Ruleset::defaults()
        .unwrap_or_else(|error| panic!("the default rules do not load:\n{error}"));
    Linter::new(ruleset, &Settings::default()).expect("the default rules compile")
}

/// Rule ids flagged in `text`, with the text each matched.
fn flagged(linter: &Linter, text: &str) -> Vec<(String, String)> {
    let document = Document::parse(text.to_string(), Format::Text);
    linter
        .check(&document)
        .into_iter()
        .map(|f| (linter.rule(f.rule).id.clone(), text[f.span].to_string()))
        .collect()
}

#[test]
fn every_example_is_flagged_by_its_rule() {
    let linter = linter();
    let mut failures = Vec::new();
    for rule in linter.ruleset().rules() {
        for example in &rule.examples {
            if !flagged(&linter, example)
                .iter()
                .any(|(id, _)| *id == rule.id)
            {
                failures.push(format!(
                    "{} ({}): not flagged: {example:?}",
                    rule.id, rule.source
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "examples that should be flagged:\n{}",
        failures.join("\n")
    );
}

#[test]
fn no_counter_example_is_flagged_by_its_rule() {
    let linter = linter();
    let mut failures = Vec::new();
    for rule in linter.ruleset().rules() {
        for example in &rule.counter_examples {
            let hits: Vec<_> = flagged(&linter, example)
                .into_iter()
                .filter(|(id, _)| *id == rule.id)
                .collect();
            if !hits.is_empty() {
                failures.push(format!(
                    "{} ({}): flagged {:?} in {example:?}",
                    rule.id, rule.source, hits[0].1
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "counter-examples that should not be flagged:\n{}",
        failures.join("\n")
    );
}

#[test]
fn no_suggestion_is_flagged_by_any_rule() {
    let linter = linter();
    let mut failures = Vec::new();
    for rule in linter.ruleset().rules() {
        for suggestion in &rule.suggestions {
            for (id, matched) in flagged(&linter, suggestion) {
                failures.push(format!(
                    "{}: suggestion {suggestion:?} is flagged by `{id}` ({matched:?})",
                    rule.id
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "suggestions that are themselves flagged:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_wording_the_programme_recommends_is_never_flagged() {
    let linter = linter();
    for text in [
        "people who draw on care and support",
        "She has short breaks at Ashgrove every month.",
        "We will support you at home.",
        "working together with families",
        "The care inspector (Care Quality Commission) visited in May.",
    ] {
        assert_eq!(flagged(&linter, text), vec![], "{text:?}");
    }
}

#[test]
fn every_rule_is_complete() {
    let ruleset = Ruleset::defaults().expect("the default rules load");
    assert!(
        ruleset.len() >= 40,
        "the starter set has {} rules",
        ruleset.len()
    );
    for rule in ruleset.rules() {
        assert!(
            !rule.suggestions.is_empty() && !rule.why.is_empty(),
            "{}",
            rule.id
        );
        assert!(
            !rule.examples.is_empty() && !rule.counter_examples.is_empty(),
            "{}",
            rule.id
        );
        for suggestion in &rule.suggestions {
            let lower = suggestion.to_lowercase();
            assert!(
                !lower.contains("rephrase") && !lower.contains("reword"),
                "{}: {suggestion:?} is not a real suggestion",
                rule.id
            );
        }
    }
}
