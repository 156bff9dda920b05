//! When a finding can be fixed without a person: the one place that decides
//! what `ordinary fix` applies and what `ordinary review --mode changes`
//! offers as a tracked change.
//!
//! A **safe single replacement** is a finding where
//! 1. the rule has exactly one suggestion (two or more mean a person must
//!    choose) and is not about an abbreviation: what an abbreviation should
//!    become depends on where it is (`Northmoor and Dale ICB` is a name, and
//!    `IDDSI level 5` needs more than the words it stands for);
//! 2. the suggestion is a plain replacement: no `…`, `...`, `/`, `;`, `[`,
//!    ` or ` or `etc`, which mark placeholders and alternatives; and a
//!    replacement, not an explanation: no comma, and at most two words
//!    longer than what it replaces (`go-getter` → `keen to get things done`
//!    would leave "a keen to get things done");
//! 3. what was matched is one of the rule's phrases as written (capitals,
//!    spacing, hyphens and curly quotes aside), not a generated form: the
//!    suggestion for `utilise` is `use`, which would be wrong for `utilised`;
//! 4. the words around it still read: no article before it when the
//!    suggestion brings its own (`the LADO` → `the the council officer…`),
//!    and no `a`/`an` that no longer fits (`an EHCP` → `an education…` is
//!    kept, `a MIU` → `a minor injuries unit` is kept, `an HV` → `an
//!    health visitor` is not).
//!
//! The replacement copies the capitals of what it replaces
//! ([`crate::report::suggestions_for`]) and nothing else: a sentence that
//! starts with a capital keeps it, and a list item written in lower case
//! stays so (the same in Word, where a list item is a paragraph of its own).

use std::ops::Range;

use crate::normalize::normalize_phrase;
use crate::report::suggestions_for;
use crate::rules::{Category, Rule};

/// Words that suggestions must not follow when they bring their own article.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "our", "your", "their", "his", "her",
    "its", "my", "each", "every", "any", "some", "no",
];

/// How many more words than the phrase a replacement may have.
const MAX_LONGER: usize = 2;

/// Marks of a suggestion that is not a drop-in replacement.
const NOT_PLAIN: &[&str] = &["\u{2026}", "...", "/", ";", "[", " or ", "etc"];

/// The text to put in place of `text[span]`, when the finding has a safe
/// single replacement (see the module documentation); `None` otherwise.
/// `text` is the paragraph or document the span is in, for context.
pub fn safe_replacement(rule: &Rule, text: &str, span: Range<usize>) -> Option<String> {
    if rule.check.is_some()
        || rule.expansion.is_some()
        || rule.category == Category::Abbreviation
        || rule.suggestions.len() != 1
    {
        return None;
    }
    let suggestion = &rule.suggestions[0];
    if suggestion.trim().is_empty()
        || suggestion.contains(',')
        || NOT_PLAIN.iter().any(|mark| suggestion.contains(mark))
    {
        return None;
    }
    let matched = text.get(span.clone())?;
    if words(suggestion) > words(matched) + MAX_LONGER {
        return None;
    }
    let key = phrase_key(matched, rule.case_sensitive);
    if !rule
        .phrases
        .iter()
        .any(|phrase| phrase_key(phrase, rule.case_sensitive) == key)
    {
        return None;
    }
    let replacement = suggestions_for(rule, matched).into_iter().next()?;
    let before = &text[..span.start];
    if let Some(previous) = previous_word(before) {
        let previous = previous.to_lowercase();
        let first = replacement
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if DETERMINERS.contains(&previous.as_str()) && DETERMINERS.contains(&first.as_str()) {
            return None;
        }
        let vowel = replacement
            .chars()
            .next()
            .is_some_and(|c| "aeiouAEIOU".contains(c));
        if (previous == "a" && vowel) || (previous == "an" && !vowel) {
            return None;
        }
    }
    Some(replacement)
}

/// A phrase as compared: normalised, without spaces and hyphens, and
/// lower-cased unless the rule is case-sensitive.
fn phrase_key(phrase: &str, case_sensitive: bool) -> String {
    let normalised: String = normalize_phrase(phrase)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if case_sensitive {
        normalised
    } else {
        normalised.to_lowercase()
    }
}

/// Words, counting a hyphenated compound as one.
fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The word just before a place, if only spaces separate them.
fn previous_word(before: &str) -> Option<&str> {
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        // No space: the match is glued to what comes before (a bracket, a quote).
        return None;
    }
    let start = trimmed
        .rfind(|c: char| !c.is_alphanumeric() && c != '\'')
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &trimmed[start..];
    (!word.is_empty()).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_words() {
        assert_eq!(previous_word("we met the "), Some("the"));
        assert_eq!(previous_word("("), None);
        assert_eq!(previous_word("an "), Some("an"));
    }
}
