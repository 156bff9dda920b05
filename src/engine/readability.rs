//! The readability checks: long sentences and paragraphs, the passive
//! voice and tangled negatives, found on the sentences of
//! [`crate::readability`] and reported as findings of their rules (in
//! `rules/readability.toml`, which hold the words people read).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::readability::{
    ReadingSummary, passive, segment_units, sentences, tangled_negatives, word_count,
};
use crate::rules::{BuiltinCheck, DocumentKind, Rule};
use crate::source::Document;

use super::{Finding, Linter};

/// How long is too long: the defaults follow the GOV.UK style guide (25
/// words a sentence) and a very long sentence is one past 40.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub long_sentence: usize,
    pub very_long_sentence: usize,
    pub long_paragraph_words: usize,
    pub long_paragraph_sentences: usize,
    /// The reading age (in whole years) a document should not be above;
    /// none by default. A document's front matter can set its own.
    pub target_reading_age: Option<u32>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            long_sentence: 25,
            very_long_sentence: 40,
            long_paragraph_words: 150,
            long_paragraph_sentences: 8,
            target_reading_age: None,
        }
    }
}

/// Limits as a config table gives them: any of them, the rest as before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsTable {
    pub long_sentence: Option<usize>,
    pub very_long_sentence: Option<usize>,
    pub long_paragraph_words: Option<usize>,
    pub long_paragraph_sentences: Option<usize>,
    pub target_reading_age: Option<u32>,
}

impl Limits {
    /// These limits with a table's changes.
    pub fn with(self, table: &LimitsTable) -> Limits {
        Limits {
            long_sentence: table.long_sentence.unwrap_or(self.long_sentence),
            very_long_sentence: table.very_long_sentence.unwrap_or(self.very_long_sentence),
            long_paragraph_words: table
                .long_paragraph_words
                .unwrap_or(self.long_paragraph_words),
            long_paragraph_sentences: table
                .long_paragraph_sentences
                .unwrap_or(self.long_paragraph_sentences),
            target_reading_age: table.target_reading_age.or(self.target_reading_age),
        }
    }
}

/// The limits for every document, and for some kinds their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadabilitySettings {
    pub limits: Limits,
    pub by_kind: BTreeMap<DocumentKind, Limits>,
}

impl ReadabilitySettings {
    pub fn limits_for(&self, kind: Option<DocumentKind>) -> Limits {
        kind.and_then(|k| self.by_kind.get(&k).copied())
            .unwrap_or(self.limits)
    }
}

/// Which rule reports each check: the first enabled rule for it.
#[derive(Debug, Clone, Default)]
pub(super) struct Checks {
    long_sentence: Option<usize>,
    very_long_sentence: Option<usize>,
    long_paragraph: Option<usize>,
    passive_voice: Option<usize>,
    tangled_negatives: Option<usize>,
    reading_age: Option<usize>,
}

impl Checks {
    pub(super) fn new(rules: &[Rule], enabled: impl Fn(usize) -> bool) -> Checks {
        let mut checks = Checks::default();
        for (index, rule) in rules.iter().enumerate() {
            let slot = match rule.check {
                Some(BuiltinCheck::LongSentence) => &mut checks.long_sentence,
                Some(BuiltinCheck::VeryLongSentence) => &mut checks.very_long_sentence,
                Some(BuiltinCheck::LongParagraph) => &mut checks.long_paragraph,
                Some(BuiltinCheck::PassiveVoice) => &mut checks.passive_voice,
                Some(BuiltinCheck::TangledNegatives) => &mut checks.tangled_negatives,
                Some(BuiltinCheck::ReadingAgeAboveTarget) => &mut checks.reading_age,
                _ => continue,
            };
            if enabled(index) && slot.is_none() {
                *slot = Some(index);
            }
        }
        checks
    }

    fn any(&self) -> bool {
        self.long_sentence.is_some()
            || self.very_long_sentence.is_some()
            || self.long_paragraph.is_some()
            || self.passive_voice.is_some()
            || self.tangled_negatives.is_some()
    }
}

/// Adds the readability findings of a document to its other findings (in
/// no particular order: the caller sorts), and with `summarize`, counts
/// what the reading summary needs in the same pass over the sentences.
/// A document with a target reading age is always counted, to compare.
pub(super) fn review(
    linter: &Linter,
    document: &Document,
    findings: &mut Vec<Finding>,
    summarize: bool,
) -> ReadingSummary {
    let checks = &linter.readability_checks;
    let mut summary = ReadingSummary::default();
    let profile = document.profile();
    let limits = linter.readability.limits_for(profile.kind);
    // The document's own target (its front matter) before the config's.
    let target = checks
        .reading_age
        .and(document.target_reading_age.or(limits.target_reading_age));
    let summarize = summarize || target.is_some();
    if !checks.any() && !summarize {
        return summary;
    }
    let mut first_sentence: Option<std::ops::Range<usize>> = None;
    let mut add = |rule: Option<usize>, span: std::ops::Range<usize>| {
        if !span.is_empty() {
            super::push_builtin(findings, linter, rule, profile, span, None);
        }
    };
    for segment in &document.segments {
        let text = document.segment_text(segment);
        for unit in segment_units(document, segment) {
            let unit_text = &text[unit.clone()];
            let to_document = |range: std::ops::Range<usize>| {
                segment.to_document(unit.start + range.start)
                    ..segment.end_to_document(unit.start + range.end)
            };
            let found = sentences(unit_text);
            let mut paragraph_words = 0;
            for sentence in &found {
                if first_sentence.is_none() {
                    first_sentence = Some(to_document(sentence.clone()));
                }
                let words = word_count(&unit_text[sentence.clone()]);
                paragraph_words += words;
                if summarize {
                    summary.add(&unit_text[sentence.clone()], words, limits.long_sentence);
                }
                if words > limits.very_long_sentence && checks.very_long_sentence.is_some() {
                    add(checks.very_long_sentence, to_document(sentence.clone()));
                } else if words > limits.long_sentence {
                    add(checks.long_sentence, to_document(sentence.clone()));
                }
                let sentence_text = &unit_text[sentence.clone()];
                if checks.passive_voice.is_some() {
                    for group in passive::passives(sentence_text) {
                        let start = sentence.start + group.start;
                        add(
                            checks.passive_voice,
                            to_document(start..sentence.start + group.end),
                        );
                    }
                }
                if checks.tangled_negatives.is_some() {
                    let negatives = tangled_negatives(sentence_text);
                    if let (Some(first), Some(last)) = (negatives.first(), negatives.last()) {
                        add(
                            checks.tangled_negatives,
                            to_document(sentence.start + first.start..sentence.start + last.end),
                        );
                    }
                }
            }
            if found.len() > 1
                && (paragraph_words > limits.long_paragraph_words
                    || found.len() > limits.long_paragraph_sentences)
                && let (Some(first), Some(last)) = (found.first(), found.last())
            {
                add(checks.long_paragraph, to_document(first.start..last.end));
            }
        }
    }
    if let (Some(target), Some(age), Some(first)) = (
        target,
        summary.figures().reading_age_years(),
        first_sentence,
    ) && age > target
    {
        // About the whole document: on its first sentence, where a reader
        // (and the language server's hover, and a Word comment) starts.
        super::push_builtin(
            findings,
            linter,
            checks.reading_age,
            profile,
            first,
            Some(crate::readability::summary::above_target(age, target)),
        );
    }
    summary
}
