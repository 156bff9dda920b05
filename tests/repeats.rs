//! Repeats: the first use of a rule in a document is reported at the
//! rule's severity, later ones at info, marked as repeats and grouped under
//! the first in the human report; `repeats = "all"` reports every use.

mod support;

use ordinary::engine::{Linter, Repeats, Settings};
use ordinary::rules::{Ruleset, Severity};
use ordinary::source::{Document, Format};
use serde_json::Value;
use support::{check, write};

const TEXT: &str = "We offer respite. Respite helps.\n\nThe NCRT came, the PQRS came and the NCRT went.\n\nMore respite.\n";

fn findings(repeats: Repeats) -> Vec<(String, String, Severity, bool)> {
    let settings = Settings {
        repeats,
        ..Settings::default()
    };
    let linter =
        Linter::new(Ruleset::defaults().expect("rules load"), &settings).expect("compiles");
    linter
        .check(&Document::parse(TEXT.to_string(), Format::Text))
        .into_iter()
        .filter(|f| f.detail.is_none())
        .map(|f| {
            (
                linter.rule(f.rule).id.clone(),
                TEXT[f.span.clone()].to_string(),
                f.severity,
                f.repeat_of.is_some(),
            )
        })
        .collect()
}

#[test]
fn later_uses_are_repeats_at_info_and_each_abbreviation_counts_apart() {
    let found = findings(Repeats::First);
    let row = |rule: &str, words: &str, severity, repeat| {
        (rule.to_string(), words.to_string(), severity, repeat)
    };
    assert_eq!(
        found,
        vec![
            row("respite", "respite", Severity::Warning, false),
            row("respite", "Respite", Severity::Info, true),
            row(
                "abbreviation-not-explained",
                "NCRT",
                Severity::Warning,
                false
            ),
            row(
                "abbreviation-not-explained",
                "PQRS",
                Severity::Warning,
                false
            ),
            row("abbreviation-not-explained", "NCRT", Severity::Info, true),
            row("respite", "respite", Severity::Info, true),
        ]
    );
    let all = findings(Repeats::All);
    assert_eq!(all.len(), found.len());
    assert!(
        all.iter()
            .all(|(_, _, severity, repeat)| *severity == Severity::Warning && !repeat),
        "{all:?}"
    );
}

#[test]
fn the_human_report_groups_repeats_and_json_marks_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write(dir.path(), "a.txt", TEXT);
    let human = check(dir.path(), &["a.txt"]);
    assert_eq!(human.stdout.matches("warning[respite]").count(), 1);
    assert!(
        human.stdout.contains("= and 2 more times: line 1; line 5"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("= and 1 more time: line 3"));

    let json = check(dir.path(), &["--format", "json", "a.txt"]);
    let report: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let marks: Vec<(String, bool)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "respite")
        .map(|f| {
            (
                f["severity"].as_str().expect("severity").to_string(),
                f["repeat"].as_bool().expect("repeat"),
            )
        })
        .collect();
    assert_eq!(
        marks,
        vec![
            ("warning".to_string(), false),
            ("info".to_string(), true),
            ("info".to_string(), true)
        ],
        "every finding is kept, with which is the first"
    );
}
