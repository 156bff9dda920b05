//! The built-in rules are loaded when ordinary is built (build.rs) and read
//! back at start-up. These tests hold that path to the run-time one: the
//! same rules in the same order with every field the same, and a user's
//! rules checked against the built-in ones with the same problems at the
//! same places as when every file is loaded from TOML.

use ordinary::rules::{RuleSource, RulesError, Ruleset};

fn from_toml() -> Ruleset {
    Ruleset::load(RuleSource::defaults())
        .unwrap_or_else(|error| panic!("the rules files do not load:\n{error}"))
}

#[test]
fn the_compiled_rules_equal_the_rules_loaded_from_toml() {
    let compiled = Ruleset::defaults().expect("the built-in rules");
    let loaded = from_toml();
    let ids = |ruleset: &Ruleset| ruleset.rules().iter().map(|r| r.id.clone()).collect();
    let (compiled_ids, loaded_ids): (Vec<String>, Vec<String>) = (ids(&compiled), ids(&loaded));
    assert_eq!(compiled_ids, loaded_ids, "the same rules in the same order");
    for (compiled, loaded) in compiled.rules().iter().zip(loaded.rules()) {
        assert_eq!(compiled.forms, loaded.forms, "{}: forms", compiled.id);
        assert_eq!(compiled, loaded, "{}", compiled.id);
    }
    assert_eq!(compiled, loaded);
}

/// What loading gives, in a form two results can be compared in: the
/// rules, or the files named and every problem with its places and the
/// message a person reads.
fn outcome(result: Result<Ruleset, RulesError>) -> Result<Ruleset, (Vec<String>, String, String)> {
    result.map_err(|error| {
        let shown = error.to_string();
        match error {
            RulesError::Invalid { files, problems } => (
                files.into_iter().map(|f| f.name).collect(),
                format!("{problems:#?}"),
                shown,
            ),
            RulesError::Read { .. } => panic!("{shown}"),
        }
    })
}

/// `load_with_defaults(user)` and `load(defaults + user)` agree.
fn assert_same(user: &[(&str, &str)]) -> Result<Ruleset, (Vec<String>, String, String)> {
    let sources: Vec<RuleSource> = user
        .iter()
        .map(|(name, text)| RuleSource {
            name: name.to_string(),
            text: text.to_string(),
        })
        .collect();
    let mut all = RuleSource::defaults();
    all.extend(sources.clone());
    let together = outcome(Ruleset::load(all));
    let after = outcome(Ruleset::load_with_defaults(sources));
    assert_eq!(after, together);
    after
}

/// A rule for a user's file, with the phrases given.
fn rule(id: &str, phrases: &str) -> String {
    format!(
        r#"
[[rule]]
id = "{id}"
category = "jargon"
severity = "info"
phrases = [{phrases}]
suggestions = ["plain words"]
why = "Say it plainly."
examples = ["An example."]
counter_examples = ["A counter-example."]
"#
    )
}

#[test]
fn user_rules_that_load_come_after_the_built_in_ones() {
    let loaded = assert_same(&[("mine.toml", &rule("my-own-rule", r#""frobnicate""#))])
        .expect("a rule of one's own loads");
    let built_in = Ruleset::defaults().expect("the built-in rules").len();
    assert_eq!(loaded.len(), built_in + 1);
    assert_eq!(loaded.rules()[built_in].id, "my-own-rule");
    assert_eq!(loaded.rules()[built_in].source, "mine.toml:3");
    let none = assert_same(&[]).expect("no rules of one's own");
    assert_eq!(none, Ruleset::defaults().expect("the built-in rules"));
}

#[test]
fn a_user_rule_with_a_built_in_id_is_reported_at_both_places() {
    let error = assert_same(&[("mine.toml", &rule("service-user", r#""frobnicate""#))])
        .expect_err("the id is taken");
    assert!(
        error.2.contains("two rules have the id `service-user`"),
        "{}",
        error.2
    );
}

#[test]
fn a_user_rule_claiming_a_built_in_form_is_reported_at_both_places() {
    // "coproduction" is a form generated from the built-in "co-production";
    // "ICB" is a built-in abbreviation, and case counts for it.
    let text = rule("mine", r#""frobnicate", "coproduction""#)
        + "\n[[abbreviation]]\nabbr = \"ICB\"\nexpansion = \"integrated care board\"\n\
           examples = [\"The ICB met.\"]\ncounter_examples = [\"The board met.\"]\n";
    let error = assert_same(&[("mine.toml", &text)]).expect_err("the forms are taken");
    assert!(error.2.contains("\"coproduction\""), "{}", error.2);
    assert!(error.2.contains("\"ICB\""), "{}", error.2);
}

#[test]
fn user_rules_clashing_among_themselves_across_files_are_reported_in_order() {
    let first = rule("mine-one", r#""frobnicate""#);
    let second = rule("mine-two", r#""frobnicate", "defrobnicate""#)
        + &rule("mine-one", r#""refrobnicate""#)
        + &rule("mine-three", r#""service user""#);
    let error =
        assert_same(&[("one.toml", &first), ("two.toml", &second)]).expect_err("three clashes");
    assert!(error.2.contains("two.toml:"), "{}", error.2);
}

#[test]
fn a_user_file_that_does_not_parse_is_reported_after_the_built_in_files() {
    let good = rule("mine-good", r#""frobnicate""#);
    let broken = "[[rule]]\nid = \"mine\"\nsugestions = [\"x\"]\n";
    let error =
        assert_same(&[("good.toml", &good), ("broken.toml", broken)]).expect_err("a misspelt key");
    assert!(error.2.contains("broken.toml:3:1"), "{}", error.2);
}
