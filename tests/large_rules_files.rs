//! Big rules files are parsed in pieces, cut before `[[rule]]` headers, on
//! every core. Nothing about a file may change because of it: the rules,
//! their order, where they are said to be defined, and where errors point.

use ordinary::rules::{RuleSource, RulesError, Ruleset, line_col};

/// One rule, `lines` lines long, whose phrase is `word-N`.
fn rule(n: usize) -> String {
    format!(
        "[[rule]]\nid = \"rule-{n}\"\nphrases = [\"word{n}\"]\nsuggestions = [\"plain\"]\nwhy = \"Explained in plain words, with enough text to make the file long.\"\nexamples = [\"word{n}\"]\ncounter_examples = [\"other\"]\n\n"
    )
}

fn abbreviation(n: usize) -> String {
    format!(
        "[[abbreviation]]\nabbr = \"AB{n}\"\nexpansion = \"a b {n}\"\nexamples = [\"AB{n}\"]\ncounter_examples = [\"ab\"]\n\n"
    )
}

const HEAD: &str =
    "# A generated rules file.\n[defaults]\ncategory = \"jargon\"\nseverity = \"info\"\n\n";

fn load(text: &str) -> Result<Ruleset, RulesError> {
    Ruleset::load(vec![RuleSource {
        name: "big.toml".into(),
        text: text.into(),
    }])
}

/// The line a text starts on in the file.
fn line_of(file: &str, needle: &str) -> usize {
    let at = file.find(needle).expect("needle in file");
    line_col(file, at).0
}

#[test]
fn every_rule_of_a_big_file_loads_in_order_with_its_own_line() {
    let mut text = HEAD.to_string();
    for n in 0..600 {
        text.push_str(&rule(n));
    }
    assert!(text.len() > 100_000, "big enough to be cut into pieces");
    let ruleset = load(&text).expect("valid file");
    assert_eq!(ruleset.len(), 600);
    for (n, rule) in ruleset.rules().iter().enumerate() {
        assert_eq!(rule.id, format!("rule-{n}"));
        let line = line_of(&text, &format!("id = \"rule-{n}\"\n"));
        assert_eq!(rule.source, format!("big.toml:{line}"), "{}", rule.id);
    }
}

#[test]
fn errors_deep_in_a_big_file_point_at_their_own_line() {
    let mut text = HEAD.to_string();
    for n in 0..600 {
        text.push_str(&rule(n));
    }
    // An empty why far down, and a phrase two rules claim.
    text = text.replace(
        "id = \"rule-450\"\nphrases = [\"word450\"]\nsuggestions = [\"plain\"]\nwhy = \"Explained",
        "id = \"rule-450\"\nphrases = [\"word450\"]\nsuggestions = [\"plain\"]\nwhy = \"\"\nmessage = \"Explained",
    );
    text = text.replace("phrases = [\"word520\"]", "phrases = [\"word7\"]");
    let Err(RulesError::Invalid { files, problems }) = load(&text) else {
        panic!("a broken file loaded");
    };
    let places: Vec<(usize, String)> = problems
        .iter()
        .map(|p| {
            (
                line_col(&files[p.file].text, p.span.start).0,
                p.message.clone(),
            )
        })
        .collect();
    let why_line = line_of(&text, "why = \"\"");
    let claim_line = line_of(&text, "id = \"rule-520\"") + 1;
    assert!(
        places
            .iter()
            .any(|(line, m)| *line == why_line && m.contains("empty `why`")),
        "{places:?}"
    );
    assert!(
        places
            .iter()
            .any(|(line, m)| *line == claim_line && m.contains("claimed by two rules")),
        "{places:?}"
    );
    let claim = problems
        .iter()
        .find(|p| p.message.contains("claimed by two rules"))
        .and_then(|p| p.related.clone())
        .expect("the other claim is named");
    assert_eq!(
        line_col(&text, claim.1.start).0,
        line_of(&text, "id = \"rule-7\"") + 1
    );
}

#[test]
fn a_syntax_error_in_a_later_piece_is_the_parsers_own_error_at_its_line() {
    let mut text = HEAD.to_string();
    for n in 0..600 {
        text.push_str(&rule(n));
    }
    text = text.replace("examples = [\"word555\"]", "examples = [\"word555\"");
    let Err(RulesError::Invalid { files, problems }) = load(&text) else {
        panic!("a broken file loaded");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    let line = line_col(&files[0].text, problems[0].span.start).0;
    let expected = line_of(&text, "examples = [\"word555\"");
    assert!(
        (expected..=expected + 1).contains(&line),
        "error on line {line}, the bracket is open on {expected}"
    );
}

#[test]
fn defaults_written_after_the_entries_still_apply_to_all_of_them() {
    let mut text = "# defaults come last in this file\n".to_string();
    for n in 0..600 {
        text.push_str(&rule(n));
    }
    text.push_str("[defaults]\ncategory = \"legalese\"\nseverity = \"error\"\n");
    let ruleset = load(&text).expect("valid file");
    assert_eq!(ruleset.len(), 600);
    assert!(
        ruleset
            .rules()
            .iter()
            .all(|r| r.category.to_string() == "legalese" && r.severity.to_string() == "error"),
        "defaults reach every rule"
    );
}

#[test]
fn a_header_inside_a_multi_line_string_is_text_not_a_cut() {
    let mut text = HEAD.to_string();
    for n in 0..300 {
        text.push_str(&rule(n));
    }
    text.push_str("[[rule]]\nid = \"odd\"\nphrases = [\"odd word\"]\nsuggestions = [\"plain\"]\nwhy = \"\"\"\nA why with a header in it:\n[[rule]]\nwhich is only text.\n\"\"\"\nexamples = [\"odd word\"]\ncounter_examples = [\"word\"]\n\n");
    for n in 300..600 {
        text.push_str(&rule(n));
    }
    let ruleset = load(&text).expect("valid file");
    assert_eq!(ruleset.len(), 601);
    let odd = ruleset.get("odd").expect("the odd rule");
    assert!(
        odd.why.contains("[[rule]]\nwhich is only text."),
        "{}",
        odd.why
    );
}

#[test]
fn rules_come_before_abbreviations_however_they_are_interleaved() {
    let mut text = HEAD.to_string();
    for n in 0..400 {
        text.push_str(&abbreviation(n));
        text.push_str(&rule(n));
    }
    let ruleset = load(&text).expect("valid file");
    let ids: Vec<&str> = ruleset.rules().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 800);
    assert!(
        ids[..400]
            .iter()
            .enumerate()
            .all(|(n, id)| *id == format!("rule-{n}"))
    );
    assert!(
        ids[400..]
            .iter()
            .enumerate()
            .all(|(n, id)| *id == format!("ab{n}")),
        "{:?}",
        &ids[400..403]
    );
}
