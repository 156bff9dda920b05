//! The matching semantics, one test per promise, each on a small ruleset
//! written here so the test does not depend on the shipped rules' wording.

use ordinary::engine::{Linter, Settings};
use ordinary::rules::{DocumentKind, RuleSource, RulesError, Ruleset, Severity};
use ordinary::source::{Document, Format};

const RULES: &str = r#"
[defaults]
category = "care-system"
severity = "warning"

[[rule]]
id = "care"
phrases = ["care"]
ignore_in_quotes = false
suggestions = ["support"]
why = "w"
examples = ["care"]
counter_examples = ["carer"]

[[rule]]
id = "care-package"
phrases = ["care package"]
inflect = "noun"
suggestions = ["help at home"]
why = "w"
examples = ["a care package"]
counter_examples = ["a package"]

[[rule]]
id = "care-plan"
phrases = ["care plan"]
suggestions = ["your plan"]
why = "w"
examples = ["care plan"]
counter_examples = ["plan"]

[[rule]]
id = "embed"
phrases = ["embed"]
suggestions = ["make part of"]
why = "w"
examples = ["embed"]
counter_examples = ["bed"]

[[rule]]
id = "signpost"
phrases = ["signpost"]
inflect = "verb"
suggestions = ["tell about"]
why = "w"
examples = ["signpost"]
counter_examples = ["sign"]

[[rule]]
id = "co-production"
phrases = ["co-production"]
suggestions = ["working together"]
why = "w"
examples = ["co-production"]
counter_examples = ["production"]

[[rule]]
id = "utilise"
phrases = ["utilise"]
inflect = "verb"
suggestions = ["use"]
why = "w"
examples = ["utilise"]
counter_examples = ["utility"]

[[rule]]
id = "challenging-behaviour"
phrases = ["challenging behaviour"]
suggestions = ["distress"]
why = "w"
examples = ["challenging behaviour"]
counter_examples = ["behaviour"]

[[rule]]
id = "feeding"
phrases = ["feed"]
inflect = "verb"
suggestions = ["help to eat"]
why = "w"
examples = ["feed"]
counter_examples = ["food"]

[[rule]]
id = "deliver"
phrases = ["deliver"]
inflect = "verb"
unless_followed_by = ["post", "parcels"]
suggestions = ["give"]
why = "w"
examples = ["deliver care"]
counter_examples = ["deliver post"]

[[rule]]
id = "foster"
phrases = ["foster"]
unless_followed_by = ["carer", "carers"]
unless_preceded_by = ["to"]
suggestions = ["encourage"]
why = "w"
examples = ["foster trust"]
counter_examples = ["a foster carer"]

[[rule]]
id = "vulnerable"
phrases = ["vulnerable"]
severity = "error"
suggestions = ["at risk of harm"]
why = "w"
examples = ["vulnerable"]
counter_examples = ["\"I am not vulnerable\""]

[[rule]]
id = "ages"
patterns = ['(?i)\bover-?(?:65|75|85)s\b']
suggestions = ["older people"]
why = "w"
examples = ["the over-65s"]
counter_examples = ["over 65"]

[[rule]]
id = "days"
patterns = ['\b[1-9]/7\b']
suggestions = [{ advice = "days" }]
why = "w"
examples = ["x 5/7"]
counter_examples = ["24/7"]

[[abbreviation]]
abbr = "SEND"
expansion = "special educational needs and disabilities"
examples = ["SEND"]
counter_examples = ["send"]

[[abbreviation]]
abbr = "ASC"
expansion = "Adult Social Care"
examples = ["ASC"]
counter_examples = ["TASC"]
"#;

fn linter_with(settings: &Settings) -> Linter {
    linter_of(RULES, settings)
}

/// A linter for the rules file `rules`.
fn linter_of(rules: &str, settings: &Settings) -> Linter {
    let source = RuleSource {
        name: "test.toml".into(),
        text: rules.into(),
    };
    let ruleset = Ruleset::load(vec![source]).unwrap_or_else(|e| panic!("{e}"));
    Linter::new(ruleset, settings).expect("compiles")
}

fn linter() -> Linter {
    linter_with(&Settings::default())
}

/// `(rule id, matched text as written)` for every finding.
fn find(linter: &Linter, text: &str) -> Vec<(String, String)> {
    let document = Document::parse(text.to_string(), Format::Text);
    linter
        .check(&document)
        .into_iter()
        .map(|f| (linter.rule(f.rule).id.clone(), text[f.span].to_string()))
        .collect()
}

fn ids(linter: &Linter, text: &str) -> Vec<String> {
    find(linter, text).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn whole_words_only() {
    let l = linter();
    assert_eq!(ids(&l, "TASC and ASCII"), Vec::<String>::new());
    assert_eq!(ids(&l, "the ASC team"), vec!["asc"]);
    assert_eq!(
        ids(&l, "embedded in practice"),
        Vec::<String>::new(),
        "embed has no verb forms listed"
    );
    assert_eq!(ids(&l, "a carer cares"), Vec::<String>::new());
    assert_eq!(
        ids(&l, "ASC-funded care"),
        vec!["asc", "care"],
        "a hyphen ends a word"
    );
}

#[test]
fn phrases_start_only_where_a_word_can_start() {
    let l = linter();
    for glued in ["écare", "2care", "_care", "ßcare plan", "日care"] {
        assert_eq!(ids(&l, glued), Vec::<String>::new(), "{glued}");
    }
    for apart in ["“care”", "—care", "(care)", "é care", "/care"] {
        assert_eq!(ids(&l, apart), vec!["care"], "{apart}");
    }
    assert_eq!(
        ids(&l, "carers' care, care-plan care"),
        vec!["care", "care", "care"],
        "every word start after a failed or claimed phrase is tried"
    );
    assert_eq!(ids(&l, "care"), vec!["care"], "at the very start and end");
}

#[test]
fn words_ignore_case_abbreviations_do_not() {
    let l = linter();
    assert_eq!(
        ids(&l, "CARE and Care and care"),
        vec!["care", "care", "care"]
    );
    assert_eq!(ids(&l, "We will send a letter."), Vec::<String>::new());
    assert_eq!(ids(&l, "Children with SEND need"), vec!["send"]);
    assert_eq!(ids(&l, "Send it"), Vec::<String>::new());
    assert_eq!(
        find(&l, "two ASCs"),
        vec![("asc".into(), "ASCs".into())],
        "plural with a lower-case s"
    );
}

#[test]
fn phrases_match_across_line_breaks_and_runs_of_spaces() {
    let l = linter();
    assert_eq!(
        find(&l, "a care\npackage"),
        vec![("care-package".into(), "care\npackage".into())]
    );
    assert_eq!(
        find(&l, "a care \t  package"),
        vec![("care-package".into(), "care \t  package".into())]
    );
    assert_eq!(
        find(&l, "a care\r\n   package"),
        vec![("care-package".into(), "care\r\n   package".into())]
    );
    // A blank line ends a paragraph: no phrase runs across it.
    assert_eq!(ids(&l, "the care\n\npackage"), vec!["care"]);
}

#[test]
fn typographic_characters_match_their_plain_forms() {
    let l = linter();
    assert_eq!(
        find(&l, "a care\u{00A0}package"),
        vec![("care-package".into(), "care\u{00A0}package".into())]
    );
    assert_eq!(
        find(&l, "co\u{2011}production"),
        vec![("co-production".into(), "co\u{2011}production".into())]
    );
    assert_eq!(
        find(&l, "co\u{2013}production"),
        vec![("co-production".into(), "co\u{2013}production".into())]
    );
    assert_eq!(
        find(&l, "co\u{2014}production"),
        vec![("co-production".into(), "co\u{2014}production".into())]
    );
    assert_eq!(
        ids(&l, "She said \u{201C}I am not vulnerable\u{201D}."),
        Vec::<String>::new(),
        "curly quotes are quotes"
    );
}

#[test]
fn verbs_and_nouns_match_every_form() {
    let l = linter();
    for text in [
        "signpost",
        "signposts",
        "signposted",
        "signposting",
        "Signposted",
    ] {
        assert_eq!(ids(&l, text), vec!["signpost"], "{text}");
    }
    assert_eq!(ids(&l, "two care packages"), vec!["care-package"]);
    assert_eq!(
        ids(&l, "she was fed and feeds"),
        vec!["feeding", "feeding"],
        "irregular forms are built in"
    );
}

#[test]
fn spelling_variants_match() {
    let l = linter();
    for text in [
        "co-production",
        "co production",
        "coproduction",
        "Co-Production",
    ] {
        assert_eq!(ids(&l, text), vec!["co-production"], "{text}");
    }
    for text in ["utilise", "utilize", "utilised", "utilizing"] {
        assert_eq!(ids(&l, text), vec!["utilise"], "{text}");
    }
    assert_eq!(
        ids(&l, "challenging behavior"),
        vec!["challenging-behaviour"]
    );
}

#[test]
fn neighbouring_words_cancel_a_rule() {
    let l = linter();
    assert_eq!(
        ids(&l, "we deliver post and deliver parcels"),
        Vec::<String>::new()
    );
    assert_eq!(ids(&l, "we deliver care"), vec!["deliver", "care"]);
    assert_eq!(
        ids(&l, "we delivered post"),
        Vec::<String>::new(),
        "other forms too"
    );
    assert_eq!(ids(&l, "a foster carer"), Vec::<String>::new());
    let markdown = Document::parse("To **foster** trust.\n".to_string(), Format::Markdown);
    assert!(
        l.check(&markdown).is_empty(),
        "markup between the words is not a word"
    );
    assert_eq!(ids(&l, "to foster trust"), Vec::<String>::new());
    assert_eq!(ids(&l, "we foster trust"), vec!["foster"]);
}

#[test]
fn quoted_words_are_not_flagged_unless_a_rule_says_so() {
    let l = linter();
    assert_eq!(
        ids(&l, "She said \"I'm not vulnerable\" to me."),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&l, "She said 'I'm not vulnerable' to me."),
        Vec::<String>::new()
    );
    assert_eq!(ids(&l, "She is vulnerable."), vec!["vulnerable"]);
    assert_eq!(
        ids(&l, "He said \"care\" twice"),
        vec!["care"],
        "a rule with ignore_in_quotes = false flags them"
    );
}

#[test]
fn leftmost_longest_wins_and_one_finding_per_span() {
    let l = linter();
    assert_eq!(
        find(&l, "the care package"),
        vec![("care-package".into(), "care package".into())]
    );
    assert_eq!(
        find(&l, "care planning"),
        vec![("care".into(), "care".into())],
        "a failed longer phrase falls back to a shorter one"
    );
    assert_eq!(ids(&l, "the care plan"), vec!["care-plan"]);
}

#[test]
fn offsets_map_back_to_the_original_bytes() {
    let l = linter();
    let text = "Mrs O\u{2019}Neil\u{2019}s \u{201C}caf\u{00E9}\u{201D} \u{1F600} care\u{00A0}\u{00A0}packages and co\u{00AD}production.";
    let document = Document::parse(text.to_string(), Format::Text);
    let found: Vec<&str> = l
        .check(&document)
        .iter()
        .map(|f| &text[f.span.clone()])
        .collect();
    assert_eq!(
        found,
        vec!["care\u{00A0}\u{00A0}packages", "co\u{00AD}production"]
    );
}

#[test]
fn regular_expressions_cover_what_phrases_cannot() {
    let l = linter();
    assert_eq!(
        find(&l, "services for the over-75s"),
        vec![("ages".into(), "over-75s".into())]
    );
    assert_eq!(ids(&l, "people over 75"), Vec::<String>::new());
    assert_eq!(
        find(&l, "antibiotics x 5/7, then review"),
        vec![("days".into(), "5/7".into())]
    );
    assert_eq!(
        ids(&l, "admitted on 5/7/2025"),
        Vec::<String>::new(),
        "the start of a date is not the shorthand"
    );
}

#[test]
fn settings_disable_rules_change_severity_and_accept_words() {
    let settings = Settings {
        disabled: ["care".to_string()].into(),
        severity: [("vulnerable".to_string(), Severity::Info)].into(),
        accepted: vec!["Care Package Review Team".into()],
        ..Settings::default()
    };
    let l = linter_with(&settings);
    assert_eq!(ids(&l, "care"), Vec::<String>::new());
    let document = Document::parse("vulnerable".into(), Format::Text);
    assert_eq!(l.check(&document)[0].severity, Severity::Info);
    assert_eq!(
        ids(&l, "the Care Package Review Team and a care package"),
        vec!["care-package"]
    );
    let unknown = Settings {
        disabled: ["no-such-rule".to_string()].into(),
        ..Settings::default()
    };
    let source = RuleSource {
        name: "test.toml".into(),
        text: RULES.into(),
    };
    let error = Linter::new(Ruleset::load(vec![source]).unwrap(), &unknown).unwrap_err();
    assert!(error.to_string().contains("no-such-rule"), "{error}");
}

fn problems(text: &str) -> Vec<String> {
    match Ruleset::load(vec![RuleSource {
        name: "bad.toml".into(),
        text: text.into(),
    }]) {
        Err(RulesError::Invalid { problems, .. }) => {
            problems.into_iter().map(|p| p.message).collect()
        }
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("loaded a broken ruleset"),
    }
}

const RULE: &str = "category = \"jargon\"\nseverity = \"info\"\nsuggestions = [\"s\"]\nwhy = \"w\"\nexamples = [\"e\"]\ncounter_examples = [\"c\"]\n";

#[test]
fn broken_rulesets_are_rejected_with_reasons() {
    let duplicate_id = format!(
        "[[rule]]\nid = \"a\"\nphrases = [\"x\"]\n{RULE}\n[[rule]]\nid = \"a\"\nphrases = [\"y\"]\n{RULE}"
    );
    assert!(
        problems(&duplicate_id)
            .iter()
            .any(|p| p.contains("two rules have the id `a`"))
    );
    let empty = format!("[[rule]]\nid = \"a\"\nphrases = []\n{RULE}");
    assert!(
        problems(&empty)
            .iter()
            .any(|p| p.contains("matches nothing"))
    );
    let claimed = format!(
        "[[rule]]\nid = \"a\"\nphrases = [\"signpost\"]\ninflect = \"verb\"\n{RULE}\n[[rule]]\nid = \"b\"\nphrases = [\"signposting\"]\n{RULE}"
    );
    let claimed = problems(&claimed);
    assert!(
        claimed
            .iter()
            .any(|p| p.contains("\"signposting\"") && p.contains("claimed by two rules")),
        "{claimed:?}"
    );
    let bad_regex = format!("[[rule]]\nid = \"a\"\npatterns = [\"(unclosed\"]\n{RULE}");
    assert!(
        problems(&bad_regex)
            .iter()
            .any(|p| p.contains("not a valid regular expression"))
    );
    let invisible = format!("[[rule]]\nid = \"a\"\nphrases = [\"\\u00AD\"]\n{RULE}");
    assert!(
        problems(&invisible)
            .iter()
            .any(|p| p.contains("empty entry in `phrases`")),
        "{:?}",
        problems(&invisible)
    );
    let bad_id = format!("[[rule]]\nid = \"Bad Id\"\nphrases = [\"x\"]\n{RULE}");
    assert!(
        problems(&bad_id)
            .iter()
            .any(|p| p.contains("not a valid rule id"))
    );
}

#[test]
fn markdown_code_is_never_checked_but_prose_is() {
    let l = linter();
    let md = "The `care package` and\n\n```\ncare package\n```\n\nA [care package](https://x.org/care-package) here.\n";
    let document = Document::parse(md.to_string(), Format::Markdown);
    let found: Vec<(usize, &str)> = l
        .check(&document)
        .iter()
        .map(|f| (f.span.start, &md[f.span.clone()]))
        .collect();
    let link_text = md.find("[care package]").unwrap() + 1;
    assert_eq!(found, vec![(link_text, "care package")]);
}

#[test]
fn rules_can_be_limited_to_kinds_of_document_and_change_severity_by_kind() {
    let rules = r#"
[[rule]]
id = "post-holder"
category = "recruitment"
severity = "warning"
kinds = ["job-description"]
phrases = ["post holder"]
suggestions = ["you"]
why = "w"
examples = ["the post holder"]
counter_examples = ["the post"]

[[rule]]
id = "client"
category = "care-system"
severity = "warning"
severity_by_kind = { policy = "info", assessment = "error" }
phrases = ["client"]
suggestions = ["person"]
why = "w"
examples = ["the client"]
counter_examples = ["the person"]
"#;
    let ruleset = Ruleset::load(vec![RuleSource {
        name: "k.toml".into(),
        text: rules.into(),
    }])
    .expect("loads");
    let linter = Linter::new(ruleset, &Settings::default()).expect("compiles");
    let check = |kind: Option<DocumentKind>| -> Vec<(String, Severity)> {
        let mut document =
            Document::parse("The post holder meets the client.".into(), Format::Text);
        document.kind = kind;
        linter
            .check(&document)
            .into_iter()
            .map(|f| (linter.rule(f.rule).id.clone(), f.severity))
            .collect()
    };
    let job = check(Some(DocumentKind::JobDescription));
    assert_eq!(
        job,
        vec![
            ("post-holder".into(), Severity::Warning),
            ("client".into(), Severity::Warning)
        ]
    );
    assert_eq!(
        check(Some(DocumentKind::Assessment)),
        vec![("client".into(), Severity::Error)]
    );
    assert_eq!(
        check(Some(DocumentKind::Policy)),
        vec![("client".into(), Severity::Info)]
    );
    assert_eq!(
        check(None).len(),
        2,
        "a document of no known kind is checked by every rule"
    );
    // A severity set in the config wins over the rule's severity for the kind.
    let ruleset = Ruleset::load(vec![RuleSource {
        name: "k.toml".into(),
        text: rules.into(),
    }])
    .expect("loads");
    let settings = Settings {
        severity: [("client".to_string(), Severity::Warning)].into(),
        ..Settings::default()
    };
    let linter = Linter::new(ruleset, &settings).expect("compiles");
    let mut document = Document::parse("the client".into(), Format::Text);
    document.kind = Some(DocumentKind::Assessment);
    assert_eq!(linter.check(&document)[0].severity, Severity::Warning);
}

/// A phrase inside the name of a thing is the name, not the author's
/// wording; a verb that opens a sentence is not part of the name after it
/// (`Undertake Care Act assessments`), since names are nouns.
#[test]
fn a_verb_opening_a_sentence_is_not_part_of_the_name_after_it() {
    let rules = r#"
[defaults]
category = "bureaucratic"
severity = "warning"

[[rule]]
id = "undertake"
phrases = ["undertake"]
inflect = "verb"
suggestions = [{ verb = "do", past = "did", participle = "done" }]
why = "w"
examples = ["Staff undertake training."]
counter_examples = ["a big task"]

[[rule]]
id = "carers-support"
phrases = ["carers support"]
suggestions = ["help for carers"]
why = "w"
examples = ["We offer carers support."]
counter_examples = ["help for carers"]
"#;
    let linter = linter_of(rules, &Settings::default());
    assert_eq!(
        ids(&linter, "7. Undertake Care Act assessments and reviews."),
        ["undertake"]
    );
    // A noun at the start of a name is still the name's.
    assert!(ids(&linter, "Carers Support Service staff can help.").is_empty());
    // In the middle of a sentence, capitals still mark a name.
    assert!(ids(&linter, "Call the Carers Support Team today.").is_empty());
}
