//! Terms the text explains. An editor circles "reablement" where a reader
//! first meets it unexplained, but not once the text has said what it is
//! ("Reablement is short-term help at home …", "what we call
//! co-production", "a deferred payment (a loan from the council …)"). For a
//! rule marked `explainable`, the explanation and every later use are not
//! flagged; uses before it still are.

use std::collections::HashMap;
use std::ops::Range;

use super::context::QUOTES;
use super::fit::words::starts_sentence;
use super::{Finding, Linter};
use crate::source::Document;

/// Words that, just before a term, say it is being named or explained.
const NAMING: &[&str] = &[
    "called",
    "we call",
    "known as",
    "referred to as",
    "termed",
    "mean by",
    "the term",
    "the word",
    "the words",
    "the phrase",
    "what is",
    "what is a",
    "what is an",
    "what are",
];

/// Words that, just after a term, start its explanation.
const EXPLAINING: &[&str] = &[
    " means",
    " is short for",
    " stands for",
    " refers to",
    " is when",
    " is where",
    " is what",
    " describes",
];

/// Words that start what a term is, after "is" or "are".
const DEFINING_START: &[&str] = &[
    "a",
    "an",
    "the",
    "when",
    "where",
    "how",
    "what",
    "short-term",
    "long-term",
    "help",
    "support",
    "care",
    "money",
    "extra",
    "another",
    "something",
    "our",
    "your",
    "equipment",
    "technology",
    "someone",
    "people",
    "services",
    "information",
    "advice",
];

/// Verbs that, after a term opening a sentence, say what it does for the
/// reader (`A deferred payment agreement lets you …`): an explanation.
const DOING: &[&str] = &[" lets ", " let ", " allows ", " helps ", " gives "];

/// Markdown emphasis around a term (`**Tariff income** means …`).
const EMPHASIS: &[char] = &['*', '_'];

/// How far either side of a term is read: the words that explain it are
/// next to it, and the cost per finding stays bounded.
const WINDOW: usize = 40;

/// Drops the findings of explainable rules from the place each term is
/// explained onwards. `findings` are in document order.
pub(super) fn review(linter: &Linter, document: &Document, findings: &mut Vec<Finding>) {
    let mut explained_from: HashMap<usize, usize> = HashMap::new();
    // Uses in a heading just before the explanation (`## Tariff income`,
    // then "Tariff income means …") are covered by it: the heading names
    // what the text under it explains.
    let mut dropped = vec![false; findings.len()];
    let mut last_heading_use: HashMap<usize, usize> = HashMap::new();
    for (index, finding) in findings.iter().enumerate() {
        if !linter.rule(finding.rule).explainable {
            continue;
        }
        if explained_from
            .get(&finding.rule)
            .is_some_and(|&at| finding.span.start >= at)
        {
            dropped[index] = true;
            continue;
        }
        if explains(&document.text, &finding.span) {
            explained_from.insert(finding.rule, finding.span.start);
            dropped[index] = true;
            if let Some(&heading) = last_heading_use.get(&finding.rule)
                && finding.span.start - findings[heading].span.start <= HEADING_REACH
            {
                dropped[heading] = true;
            }
            continue;
        }
        if in_heading(document, finding) {
            last_heading_use.insert(finding.rule, index);
        }
    }
    let mut index = 0;
    findings.retain(|_| {
        index += 1;
        !dropped[index - 1]
    });
}

/// How far below a heading its explanation may start.
const HEADING_REACH: usize = 400;

/// A heading, or anything set apart like one: a short paragraph with no
/// full stop.
fn in_heading(document: &Document, finding: &Finding) -> bool {
    document
        .segment_at(finding.span.start)
        .is_some_and(|segment| {
            let text = document.segment_text(segment);
            text.split_whitespace().count() <= 10 && !text.trim_end().ends_with(['.', '!', '?'])
        })
}

/// Whether a sentence starts at `at`, or just before it with a determiner
/// (`Your pathway plan is …`, `A deferred payment is …`).
fn opens_sentence(text: &str, at: usize) -> bool {
    if starts_sentence(text, at) {
        return true;
    }
    let before = text[..at].trim_end_matches(' ');
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].to_ascii_lowercase();
    matches!(word.as_str(), "a" | "an" | "the" | "your" | "our" | "their")
        && starts_sentence(text, word_start)
}

/// Whether the words around `span` name or explain the term in it.
fn explains(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start]
        .trim_end_matches(|c| c == ' ' || QUOTES.contains(&c) || EMPHASIS.contains(&c));
    let tail =
        before[before.floor_char_boundary(before.len().saturating_sub(WINDOW))..].to_lowercase();
    // `known as the 12-week property disregard`: past a small word first.
    let tail = ["the", "a", "an"]
        .iter()
        .find_map(|small| {
            tail.strip_suffix(small)
                .filter(|lead| lead.ends_with(' '))
                .map(|lead| lead.trim_end().to_string())
        })
        .unwrap_or(tail);
    let named = NAMING.iter().any(|words| {
        tail.strip_suffix(words)
            .is_some_and(|lead| lead.is_empty() || lead.ends_with([' ', '(', '\n']))
    });
    if named {
        return true;
    }
    let after =
        text[span.end..].trim_start_matches(|c| QUOTES.contains(&c) || EMPHASIS.contains(&c));
    let head = after[..after.floor_char_boundary(WINDOW)].to_lowercase();
    // `a deferred payment agreement (DPA). This means …`: past the letters.
    let past_letters = head
        .strip_prefix(" (")
        .and_then(|rest| rest.split_once(')'))
        .filter(|(inside, _)| inside.len() <= 8 && !inside.contains(' '))
        .map_or(head.as_str(), |(_, rest)| rest);
    // `… your corporate parent. That means everyone at the council …`
    if [". that means", ". this means", ". it means"]
        .iter()
        .any(|words| past_letters.starts_with(words))
    {
        return true;
    }
    if EXPLAINING.iter().any(|words| {
        past_letters
            .strip_prefix(words)
            .is_some_and(|rest| rest.starts_with([' ', ':', ',']) || rest.is_empty())
    }) {
        return true;
    }
    // `Reablement is short-term help …`: the sentence opens with the term
    // and says what it is (not what happens to it: `… is arranged by`).
    let opens = opens_sentence(text, span.start);
    if opens && DOING.iter().any(|verb| past_letters.starts_with(verb)) {
        return true;
    }
    if opens
        && let Some(rest) = past_letters
            .strip_prefix(" is ")
            .or_else(|| past_letters.strip_prefix(" are "))
        && rest
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .is_some_and(|word| DEFINING_START.contains(&word))
    {
        return true;
    }
    // `paying for care later (deferred payments)`: the term alone in
    // brackets after the everyday words for it.
    if let Some(lead) = before.strip_suffix('(')
        && after.starts_with(')')
    {
        // Three or more words since the last mark, so they can say what the
        // term is (not `Arrangement fee (self-funders)`, a label).
        let clause = lead
            .rsplit(['.', ',', ';', ':', '\n', '|'])
            .next()
            .unwrap_or(lead);
        return clause.split_whitespace().count() >= 3;
    }
    // `a deferred payment (a loan from the council …)`: words in brackets
    // straight after the term.
    after
        .strip_prefix(" (")
        .and_then(|inside| inside[..inside.floor_char_boundary(WINDOW * 3)].split_once(')'))
        .is_some_and(|(inside, _)| {
            inside.split_whitespace().count() >= 3 && inside.chars().any(char::is_lowercase)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str, term: &str) -> bool {
        let at = text.find(term).expect("the term is in the text");
        explains(text, &(at..at + term.len()))
    }

    #[test]
    fn explanations_of_a_term() {
        assert!(explained(
            "Reablement is short-term help at home.",
            "Reablement"
        ));
        assert!(explained(
            "This is what we call co-production.",
            "co-production"
        ));
        assert!(explained(
            "Co-production means working together.",
            "Co-production"
        ));
        assert!(explained(
            "We use a way of working known as “co-production”.",
            "co-production"
        ));
        assert!(explained("## What is reablement?", "reablement"));
        assert!(explained(
            "This is known as the 12-week property disregard.",
            "12-week property disregard"
        ));
        assert!(explained(
            "our policy on paying for care later (deferred payments)",
            "deferred payments"
        ));
        assert!(explained(
            "You can enter into a deferred payment agreement (DPA). This means we pay now.",
            "deferred payment agreement"
        ));
        assert!(explained(
            "Your pathway plan is your plan for the future.",
            "pathway plan"
        ));
        assert!(explained(
            "We are your corporate parent. That means everyone at the council helps.",
            "corporate parent"
        ));
        assert!(explained(
            "You can ask for a deferred payment (a loan from the council against your home).",
            "deferred payment"
        ));
        assert!(explained(
            "- **Tariff income** means the amount we add for savings.",
            "Tariff income"
        ));
        assert!(explained(
            "Telecare is equipment that raises an alert.",
            "Telecare"
        ));
        assert!(explained(
            "A deferred payment agreement (DPA) lets you delay paying.",
            "deferred payment agreement"
        ));
    }

    #[test]
    fn text_outside_ascii_around_a_term() {
        // A curly apostrophe just before the word that opens the sentence.
        assert!(!explained("Mum’s reablement is going well.", "reablement"));
        assert!(explained("‘Reablement is short-term help.’", "Reablement"));
        assert!(!explained(
            "Café’s reablement (see below) started.",
            "reablement"
        ));
    }

    #[test]
    fn uses_that_do_not_explain() {
        assert!(!explained(
            "Arrangement fee (self-funders): £275.",
            "self-funders"
        ));
        assert!(!explained(
            "We arrange reablement for six weeks.",
            "reablement"
        ));
        assert!(!explained(
            "She went to reablement (see below).",
            "reablement"
        ));
        assert!(!explained("After that, reablement is free.", "reablement"));
        assert!(!explained(
            "Domiciliary care is arranged by the brokerage team.",
            "Domiciliary care"
        ));
        assert!(!explained("He was recalled reablement", "reablement"));
        assert!(!explained(
            "We will let you know if reablement helps you.",
            "reablement"
        ));
    }
}
