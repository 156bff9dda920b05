//! The rules tested as data: every rule's examples must be flagged by that
//! rule, its counter-examples must not be, and no suggestion may be flagged
//! by any rule (advice that is itself jargon is a bug).

use ordinary::engine::{Linter, Settings, selftest};
use ordinary::rules::{RuleSource, Ruleset};
use ordinary::source::{Document, Format};

fn linter() -> Linter {
    let ruleset = Ruleset::defaults()
        .unwrap_or_else(|error| panic!("the default rules do not load:\n{error}"));
    Linter::new(ruleset, &Settings::default()).expect("the default rules compile")
}

/// A linter with only the rules in `rules` (a rules file's text).
fn linter_for(rules: &str) -> Linter {
    let ruleset = Ruleset::load(vec![RuleSource {
        name: "t.toml".into(),
        text: rules.into(),
    }])
    .expect("loads");
    Linter::new(ruleset, &Settings::default()).expect("compiles")
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
fn every_rule_passes_its_examples_counter_examples_and_suggestion_checks() {
    let failures = selftest::check_rules(&linter());
    let shown: Vec<String> = failures
        .iter()
        .map(|f| format!("{}: {}: {}", f.source, f.rule, f.message))
        .collect();
    assert!(
        shown.is_empty(),
        "{} problems:\n{}",
        shown.len(),
        shown.join("\n")
    );
}

#[test]
fn the_self_test_catches_each_kind_of_failure() {
    let rules = r#"
[[rule]]
id = "broken"
category = "jargon"
severity = "info"
phrases = ["going forward"]
suggestions = ["from now on", "moving forward"]
why = "w"
examples = ["We will do this later."]
counter_examples = ["Going forward, we will meet."]

[[rule]]
id = "moving-forward"
category = "jargon"
severity = "info"
phrases = ["moving forward"]
suggestions = ["next"]
why = "w"
examples = [
    { text = "Moving forward, we meet.", after = "Later, we meet." },
    "moving forward",
]
counter_examples = ["move"]
"#;
    let linter = linter_for(rules);
    let messages: Vec<String> = selftest::check_rules(&linter)
        .into_iter()
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert_eq!(
        messages,
        vec![
            "broken: example not flagged: \"We will do this later.\"".to_string(),
            "broken: counter-example flagged (\"Going forward\"): \"Going forward, we will meet.\"".to_string(),
            "broken: suggestion \"moving forward\" is flagged by `moving-forward` (\"moving forward\")".to_string(),
            // A rewrite that is not the one the example gives.
            "moving-forward: example \"Moving forward, we meet.\" reads \"Next, we meet.\" after the edit, not \"Later, we meet.\"".to_string(),
            // An example given with no rewrite gets an edit.
            "moving-forward: example \"moving forward\" gets an edit (\"next\"): give it as { text = …, after = \"next\" } if that reads well, or make the suggestion advice".to_string(),
        ]
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
            let lower = suggestion.text.to_lowercase();
            assert!(
                !lower.contains("rephrase") && !lower.contains("reword"),
                "{}: {suggestion:?} is not a real suggestion",
                rule.id
            );
        }
    }
}

/// The README's table of categories, as it should read for the current rules.
fn category_table(ruleset: &Ruleset) -> String {
    use ordinary::rules::Category;
    let mut table = String::from("| category | rules |\n|---|---|\n");
    for category in Category::ALL {
        let count = ruleset
            .rules()
            .iter()
            .filter(|r| r.category == category)
            .count();
        table.push_str(&format!(
            "| `{}` ({}) | {count} |\n",
            category.as_str(),
            category.describe()
        ));
    }
    table.push_str(&format!("| all | {} |\n", ruleset.len()));
    table
}

#[test]
fn the_readme_shows_the_current_category_counts() {
    let readme = include_str!("../README.md");
    let (start, end) = ("<!-- categories:start -->\n", "<!-- categories:end -->");
    let from = readme
        .find(start)
        .expect("README has the categories markers")
        + start.len();
    let to = readme[from..]
        .find(end)
        .expect("README closes the categories markers")
        + from;
    let expected = category_table(&Ruleset::defaults().expect("loads"));
    assert_eq!(
        &readme[from..to],
        expected,
        "the README's category table is stale; it should read:\n{expected}"
    );
}

#[test]
fn a_suggestion_for_some_phrases_fits_only_those() {
    let rules = r#"
[[rule]]
id = "calls"
category = "care-system"
severity = "warning"
phrases = ["care call", "double-up call"]
inflect = "noun"
suggestions = [{ noun = "visit", for = ["care call"] }, { advice = "say who comes" }]
why = "w"
examples = [
    { text = "Her care calls are at eight.", after = "Her visits are at eight." },
    "Her double-up calls are at eight.",
]
counter_examples = ["She called."]
"#;
    let linter = linter_for(rules);
    assert_eq!(selftest::check_rules(&linter), Vec::new());

    let wrong = rules.replace(r#"for = ["care call"]"#, r#"for = ["home call"]"#);
    let error = Ruleset::load(vec![RuleSource {
        name: "t.toml".into(),
        text: wrong,
    }])
    .expect_err("a phrase the rule does not have");
    assert!(
        error
            .to_string()
            .contains("`for = [\"home call\"]`, which is not one of the rule's `phrases`"),
        "{error}"
    );
}

/// No two rules match the same words: each literal form (as matched, so
/// case only counts for abbreviations) belongs to one rule, and every rule
/// has examples and counter-examples.
#[test]
fn no_two_rules_match_the_same_words() {
    let ruleset = Ruleset::defaults().expect("the default rules load");
    let mut owner: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut duplicates = Vec::new();
    for rule in ruleset.rules() {
        assert!(
            rule.check.is_some() || !rule.examples.is_empty(),
            "{}: no examples",
            rule.id
        );
        assert!(
            !rule.counter_examples.is_empty(),
            "{}: no counter-examples",
            rule.id
        );
        for form in &rule.forms {
            if let Some(first) = owner.insert(form, &rule.id)
                && first != rule.id
            {
                duplicates.push(format!("{form:?}: {first} and {}", rule.id));
            }
        }
    }
    assert!(
        duplicates.is_empty(),
        "{} forms in two rules:\n{}",
        duplicates.len(),
        duplicates.join("\n")
    );
}
