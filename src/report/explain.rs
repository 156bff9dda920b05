//! `ordinary explain`: one rule in full, in words for the people who
//! write the documents. The same text is each rule's page in `ordinary
//! serve`.

use std::io::{self, Write};

use crate::rules::Rule;

/// Writes a rule's explanation: what it finds, why, what to write instead,
/// its examples, and where it is defined.
pub fn explanation(rule: &Rule, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{} ({}, {})",
        rule.id,
        rule.category.describe(),
        rule.severity
    )?;
    writeln!(out)?;
    if let Some(expansion) = &rule.expansion {
        writeln!(out, "{} stands for {expansion}.", rule.phrases.join(", "))?;
    }
    if rule.check.is_some() {
        writeln!(
            out,
            "A check built into ordinary: it reads the whole document, not a list of phrases."
        )?;
    }
    if !rule.phrases.is_empty() {
        let phrases: Vec<String> = rule
            .phrases
            .iter()
            .map(|p| format!("\u{201C}{p}\u{201D}"))
            .collect();
        writeln!(out, "Finds: {}", phrases.join(", "))?;
    }
    if !rule.patterns.is_empty() {
        writeln!(out, "Patterns: {}", rule.patterns.join("  "))?;
    }
    let extra = rule.forms.len().saturating_sub(rule.phrases.len());
    if extra > 0 {
        let forms: Vec<&str> = rule.forms.iter().map(String::as_str).take(12).collect();
        writeln!(
            out,
            "  with its other forms and spellings: {}{}",
            forms.join(", "),
            if rule.forms.len() > 12 { ", …" } else { "" }
        )?;
    }
    if rule.case_sensitive {
        writeln!(out, "  (capitals must match)")?;
    }
    writeln!(out)?;
    writeln!(out, "Why: {}", rule.why)?;
    writeln!(out)?;
    writeln!(out, "Write instead:")?;
    for suggestion in &rule.suggestions {
        writeln!(
            out,
            "  - {} ({})",
            suggestion.text,
            suggestion.fit.describe()
        )?;
    }
    if !rule.unless_followed_by.is_empty() {
        writeln!(
            out,
            "\nNot flagged before: {}",
            rule.unless_followed_by.join(", ")
        )?;
    }
    if !rule.unless_preceded_by.is_empty() {
        writeln!(
            out,
            "\nNot flagged after: {}",
            rule.unless_preceded_by.join(", ")
        )?;
    }
    if rule.ignore_in_quotes {
        writeln!(
            out,
            "\nNot flagged inside quotation marks (a person's own words)."
        )?;
    }
    writeln!(out, "\nFlagged:")?;
    for example in &rule.examples {
        writeln!(out, "  \u{2717} {}", indented(&example.text))?;
        match &example.after {
            Some(after) => writeln!(out, "    \u{2192} {}", indented(after))?,
            None => writeln!(out, "    (no edit: the suggestions are advice here)")?,
        }
    }
    writeln!(out, "Not flagged:")?;
    for example in &rule.counter_examples {
        writeln!(out, "  \u{2713} {}", indented(example))?;
    }
    writeln!(
        out,
        "\nDefined in {}. Switch it off with --disable {} or `disable = [\"{}\"]` in ordinary.toml.",
        rule.source, rule.id, rule.id
    )
}

/// An example of several lines (a document with front matter) with its
/// later lines under the first, so the list still reads as a list.
fn indented(example: &str) -> String {
    example.trim_end().replace('\n', "\n    ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Ruleset;

    #[test]
    fn every_default_rule_explains_itself() {
        let ruleset = Ruleset::defaults().expect("the default rules load");
        for rule in ruleset.rules() {
            let mut out = Vec::new();
            explanation(rule, &mut out).expect("writes to memory");
            let text = String::from_utf8(out).expect("UTF-8");
            assert!(text.starts_with(&rule.id), "{}", rule.id);
            assert!(text.contains(&format!("Why: {}", rule.why)), "{}", rule.id);
            for suggestion in &rule.suggestions {
                assert!(
                    text.contains(&format!("  - {} (", suggestion.text)),
                    "{}: {}",
                    rule.id,
                    suggestion.text
                );
            }
            assert!(
                text.contains(&indented(&rule.examples[0].text))
                    && text.contains(&indented(&rule.counter_examples[0])),
                "{}",
                rule.id
            );
            assert!(text.contains(&rule.source), "{}", rule.id);
        }
    }

    #[test]
    fn a_document_check_shows_its_examples_as_a_list_and_its_suggestions_as_advice() {
        let ruleset = Ruleset::defaults().expect("the default rules load");
        let rule = ruleset
            .get("reading-age-above-target")
            .expect("a built-in check");
        let mut out = Vec::new();
        explanation(rule, &mut out).expect("writes to memory");
        let text = String::from_utf8(out).expect("UTF-8");
        let listed = text
            .split_once("\nFlagged:\n")
            .and_then(|(_, rest)| rest.split_once("\nDefined in"))
            .map(|(examples, _)| examples)
            .expect("the examples");
        for line in listed.lines().filter(|l| !l.is_empty()) {
            assert!(
                line.starts_with("  ") || line == "Not flagged:",
                "a line out of the list: {line:?}"
            );
        }
        assert!(!text.contains("replaces the phrase"), "{text}");
        assert!(text.contains("(advice: never applied)"), "{text}");
        assert!(!text.contains("quotation marks"), "{text}");
    }
}
