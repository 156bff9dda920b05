//! The matching engine: finds rule matches in a document's segments.
//!
//! Every literal form of every enabled rule goes into one trie, built once
//! per process and shared by all threads, and walked from every place a
//! word can start; at each, the longest form wins. A hit only becomes a
//! finding after checks the trie cannot make: whole words, exact capitals
//! for abbreviations, context exceptions, quotation marks and URLs. Regular
//! expression rules run afterwards and never overlap a literal finding.

mod abbreviations;
mod adverts;
mod context;
mod fit;
#[doc(hidden)]
pub mod matcher;
mod mentions;
mod names;
pub mod readability;
pub mod selftest;
mod senses;
mod terms;
mod trie;
mod wording;

pub use abbreviations::{AbbreviationSettings, AfterExplanation, DEFAULT_ALLOW};
pub use fit::{Edit, Fitted};
pub use wording::{Offer, meaning_for, message_for};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::slice::ParallelSliceMut;
use regex::Regex;

use crate::normalize::{Normalized, is_word_char, normalize_phrase};
use crate::rules::{Profile, Rule, Ruleset, Severity};
use crate::source::Document;
use trie::PhraseTrie;

/// A rule matched at a place in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the rule in the linter's ruleset.
    pub rule: usize,
    /// The rule's severity after configuration overrides.
    pub severity: Severity,
    /// Byte offsets into [`Document::text`].
    pub span: Range<usize>,
    /// What a finding about the whole document lists (the abbreviations it
    /// uses); most findings need nothing beyond their rule and text.
    pub detail: Option<Box<str>>,
    /// The rule's suggestions that fit this sentence, in the rule's order,
    /// each with its edit. The first is the one `fix` applies. The rule's
    /// other suggestions are advice (see [`Finding::offers`]).
    pub fitted: Vec<Fitted>,
    /// The rule's suggestions meant for its other phrases (`for`), by bit:
    /// not offered for this match, even as advice.
    pub elsewhere: u64,
    /// For a later use of something already reported in the document (the
    /// same rule; for a built-in check, the same words): where the first use
    /// starts. Reported at info, and grouped under the first in the human
    /// output (see [`Repeats`]).
    pub repeat_of: Option<usize>,
    /// For an abbreviation with several meanings, the one the words nearby
    /// and the kind of document point to (an index into the rule's
    /// `senses`); `None` when it stays unclear, and every meaning is given.
    pub sense: Option<u8>,
}

/// What happens to the second and later uses of the same rule in one
/// document (`repeats` in `ordinary.toml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Repeats {
    /// The first use at the rule's severity, later ones at info, marked as
    /// repeats: forty warnings about one word bury the three that matter.
    #[default]
    First,
    /// Every use at the rule's severity.
    All,
}

/// What the user changed about the ruleset: rules switched off, severities
/// changed, and words a project accepts.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub disabled: HashSet<String>,
    /// Rules that are off unless switched on (`enabled = false` in their
    /// file), switched on.
    pub enabled: HashSet<String>,
    pub severity: HashMap<String, Severity>,
    /// Words and phrases never flagged, even inside a longer rule match's
    /// place: they claim their span before any rule can.
    pub accepted: Vec<String>,
    pub abbreviations: AbbreviationSettings,
    pub repeats: Repeats,
    /// How long a sentence or a paragraph may be, for every document and
    /// for some kinds.
    pub readability: readability::ReadabilitySettings,
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("unknown rule id `{id}`{hint}")]
    UnknownRule { id: String, hint: String },
}

/// What a trie pattern stands for.
#[derive(Debug, Clone, Copy)]
enum Candidate {
    /// A rule's form. A case-sensitive rule needs the capitals of its form
    /// number `exact` (`rule.forms[exact]`).
    Rule { rule: u32, exact: Option<u32> },
    /// A word the project accepts: the span is fine as written.
    Accepted,
}

impl Candidate {
    /// Accepted words win; then exact capitals before case-insensitive forms.
    fn priority(&self) -> u8 {
        match self {
            Candidate::Accepted => 0,
            Candidate::Rule { exact: Some(_), .. } => 1,
            Candidate::Rule { exact: None, .. } => 2,
        }
    }
}

/// A compiled ruleset, ready to check documents.
#[derive(Debug)]
pub struct Linter {
    ruleset: Ruleset,
    /// Severity per rule; `None` when the rule is disabled.
    severities: Vec<Option<Severity>>,
    /// True where the configuration set the severity, which then wins over
    /// the rule's own severity for a kind of document.
    overridden: Vec<bool>,
    /// Every distinct form, lower case: the text searched is folded the same
    /// way (`check_text`), so capitals never multiply the trie.
    phrases: PhraseTrie,
    /// Every pattern's candidates, in order of priority, one run per
    /// pattern: `candidates[starts[p]..starts[p + 1]]`. (A list per pattern
    /// was one allocation per form: 36,000 with a big ruleset.)
    candidates: Vec<Candidate>,
    starts: Vec<u32>,
    regexes: Vec<(usize, Regex)>,
    abbreviation_checks: abbreviations::Checks,
    abbreviation_settings: AbbreviationSettings,
    readability_checks: readability::Checks,
    readability: readability::ReadabilitySettings,
    repeats: Repeats,
    /// Per rule: whether any suggestion can fit a sentence, and whether any
    /// is for some of its phrases only (`for`); worked out once, not for
    /// every finding.
    fitting: Vec<RuleFitting>,
}

/// What fitting needs to know about a rule before it looks at a finding.
#[derive(Debug, Clone, Copy)]
struct RuleFitting {
    can_fit: bool,
    for_some_phrases: bool,
}

impl Linter {
    pub fn new(ruleset: Ruleset, settings: &Settings) -> Result<Linter, EngineError> {
        for id in settings
            .disabled
            .iter()
            .chain(&settings.enabled)
            .chain(settings.severity.keys())
        {
            if ruleset.get(id).is_none() {
                return Err(EngineError::UnknownRule {
                    id: id.clone(),
                    hint: suggest_id(&ruleset, id),
                });
            }
        }
        let overridden: Vec<bool> = ruleset
            .rules()
            .iter()
            .map(|r| settings.severity.contains_key(&r.id))
            .collect();
        let severities: Vec<Option<Severity>> = ruleset
            .rules()
            .iter()
            .map(|rule| {
                let switched_on = rule.enabled
                    || settings.enabled.contains(&rule.id)
                    || settings.severity.contains_key(&rule.id);
                if settings.disabled.contains(&rule.id) || !switched_on {
                    None
                } else {
                    Some(
                        settings
                            .severity
                            .get(&rule.id)
                            .copied()
                            .unwrap_or(rule.severity),
                    )
                }
            })
            .collect();

        let accepted: Vec<String> = settings
            .accepted
            .iter()
            .map(|word| normalize_phrase(word))
            .filter(|word| !word.is_empty())
            .collect();
        let (phrases, candidates, starts) = compile_phrases(&ruleset, &severities, &accepted);
        let mut regexes = Vec::new();
        for (rule_index, rule) in ruleset.rules().iter().enumerate() {
            if severities[rule_index].is_none() {
                continue;
            }
            for pattern in &rule.patterns {
                // Validated when the rules were loaded.
                if let Ok(regex) = Regex::new(pattern) {
                    regexes.push((rule_index, regex));
                }
            }
        }
        let abbreviation_checks =
            abbreviations::Checks::new(ruleset.rules(), |i| severities[i].is_some());
        let readability_checks =
            readability::Checks::new(ruleset.rules(), |i| severities[i].is_some());
        let mut abbreviation_settings = settings.abbreviations.clone();
        // A project's accepted words are never "unexplained" either.
        abbreviation_settings
            .allow
            .extend(settings.accepted.iter().cloned());
        let fitting = ruleset
            .rules()
            .iter()
            .map(|rule| RuleFitting {
                can_fit: rule.suggestions.iter().any(|s| !s.fit.is_advice()),
                for_some_phrases: rule.suggestions.iter().any(|s| !s.only.is_empty()),
            })
            .collect();
        Ok(Linter {
            fitting,
            abbreviation_checks,
            abbreviation_settings,
            readability_checks,
            readability: settings.readability.clone(),
            repeats: settings.repeats,
            ruleset,
            severities,
            overridden,
            phrases,
            candidates,
            starts,
            regexes,
        })
    }

    pub fn ruleset(&self) -> &Ruleset {
        &self.ruleset
    }

    pub fn rule(&self, index: usize) -> &Rule {
        &self.ruleset.rules()[index]
    }

    /// A rule's severity in a kind of document; `None` if it is switched off.
    pub fn severity(&self, rule: usize, profile: Profile) -> Option<Severity> {
        let configured = self.severities[rule]?;
        Some(if self.overridden[rule] {
            configured
        } else {
            self.rule(rule).severity_in(profile)
        })
    }

    /// False for a rule switched off by the settings.
    pub fn is_enabled(&self, index: usize) -> bool {
        self.severities[index].is_some()
    }

    /// Every finding in a document, in order of position, with suppression
    /// comments applied.
    pub fn check(&self, document: &Document) -> Vec<Finding> {
        self.check_inner(document, false).0
    }

    /// [`Linter::check`], and the document's reading summary counted in the
    /// same pass over its sentences.
    pub fn check_and_summarize(
        &self,
        document: &Document,
    ) -> (Vec<Finding>, crate::readability::ReadingSummary) {
        self.check_inner(document, true)
    }

    fn check_inner(
        &self,
        document: &Document,
        summarize: bool,
    ) -> (Vec<Finding>, crate::readability::ReadingSummary) {
        let mut findings = Vec::new();
        let mut in_segment = Vec::new();
        for segment in &document.segments {
            self.check_text(
                document.segment_text(segment),
                0,
                document.profile(),
                &mut in_segment,
            );
            // Offsets in the segment's text become offsets in the document.
            findings.extend(in_segment.drain(..).map(|mut finding: Finding| {
                finding.span = segment.to_document(finding.span.start)
                    ..segment.end_to_document(finding.span.end);
                finding
            }));
        }
        abbreviations::review(self, document, &mut findings);
        let summary = readability::review(self, document, &mut findings, summarize);
        findings.retain(|f| !document.is_suppressed(f.span.start, &self.rule(f.rule).id));
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        terms::review(self, document, &mut findings);
        mentions::review(document, &mut findings);
        adverts::review(self, document, &mut findings);
        senses::choose(self, document, &mut findings);
        if self.repeats == Repeats::First {
            self.mark_repeats(document, &mut findings);
        }
        self.fit_suggestions(document, &mut findings);
        (findings, summary)
    }

    /// Marks the second and later uses of each rule as repeats, at info.
    /// A built-in check (an abbreviation nobody explained) repeats per
    /// abbreviation, not per check; notes about the whole document never do.
    fn mark_repeats(&self, document: &Document, findings: &mut [Finding]) {
        let mut first: HashMap<(usize, &str, Option<u8>), usize> = HashMap::new();
        let mut first_sense: HashMap<usize, Option<u8>> = HashMap::new();
        for finding in findings.iter_mut() {
            if finding.detail.is_some() {
                continue;
            }
            let rule = self.rule(finding.rule);
            let words = if rule.check.is_some() {
                &document.text[finding.span.clone()]
            } else {
                ""
            };
            // Each meaning of an abbreviation repeats on its own; a use
            // whose meaning is unclear counts as the one met first.
            let sense = match finding.sense {
                Some(sense) => Some(sense),
                None => *first_sense.entry(finding.rule).or_insert(None),
            };
            first_sense.entry(finding.rule).or_insert(finding.sense);
            match first.entry((finding.rule, words, sense)) {
                std::collections::hash_map::Entry::Occupied(at) => {
                    finding.repeat_of = Some(*at.get());
                    finding.severity = finding.severity.min(Severity::Info);
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(finding.span.start);
                }
            }
        }
    }

    /// Works out which suggestions fit each finding's sentence (see
    /// [`fit`]). Findings come in document order, so the segment and the
    /// quotation marks are followed forwards, each character read once.
    fn fit_suggestions(&self, document: &Document, findings: &mut [Finding]) {
        let mut quotes = context::Quotes::default();
        let mut segment_index = 0;
        for finding in findings {
            let rule = self.rule(finding.rule);
            let fitting = self.fitting[finding.rule];
            if fitting.for_some_phrases {
                finding.elsewhere = fit::elsewhere(rule, &document.text[finding.span.clone()]);
            }
            if !fitting.can_fit {
                continue;
            }
            while document
                .segments
                .get(segment_index + 1)
                .is_some_and(|next| next.start <= finding.span.start)
            {
                segment_index += 1;
            }
            let Some(segment) = document.segments.get(segment_index) else {
                continue;
            };
            let end = segment.start + segment.len;
            if finding.span.start < segment.start || finding.span.end > end {
                continue;
            }
            let place = fit::Place {
                text: &document.text[segment.start..end],
                base: segment.start,
                markup: segment.text.is_some(),
            };
            finding.fitted = fit::fit(rule, &place, finding.span.clone());
            // Quoted speech is a person's own words: never edited.
            if !finding.fitted.is_empty() && quotes.inside(&document.text, finding.span.start) {
                finding.fitted.clear();
            }
        }
    }

    /// Finds matches in one piece of text; `base` is its offset in the
    /// document, `kind` the kind of document it belongs to (if known).
    pub fn check_text(&self, text: &str, base: usize, profile: Profile, out: &mut Vec<Finding>) {
        let normalized = Normalized::new(text);
        let hay = normalized.as_str();
        // The trie reads a lower-cased copy (same offsets); everything else
        // reads `hay`, whose capitals tell abbreviations from words.
        let folded = hay.to_ascii_lowercase();
        let bytes = folded.as_bytes();
        let mut quotes = context::Quotes::default();
        let first_new = out.len();
        let mut literal_spans: Vec<Range<usize>> = Vec::new();
        let mut prefixes = Vec::new();
        let mut at = 0;
        // Whether the character before `at` is part of a word: a phrase can
        // only start where it is not.
        let mut after_word = false;
        while at < bytes.len() {
            let word_end = word_end(hay, at);
            if !after_word && self.phrases.starts_with(bytes[at]) {
                // A phrase that starts with a word takes that whole word;
                // one that starts with punctuation ("£", "(") is walked a
                // byte at a time.
                self.phrases.phrases_at(bytes, at, word_end, &mut prefixes);
                // The longest phrase first; if it fails (say "care plan" in
                // "care planning"), a shorter one may fit ("care").
                let claimed = prefixes.iter().rev().find_map(|&(pattern, end)| {
                    let resolved = self.resolve(hay, at..end, pattern, profile, &mut quotes)?;
                    if let Some(rule) = resolved {
                        self.push(out, rule, profile, &normalized, at..end, base);
                        literal_spans.push(at..end);
                    }
                    Some(end)
                });
                if let Some(end) = claimed {
                    after_word = !boundary_before(hay, end);
                    at = end;
                    continue;
                }
            }
            // On past the word, or past the one character that is not
            // part of a word.
            if word_end > at {
                at = word_end;
                after_word = true;
            } else {
                at += hay[at..].chars().next().map_or(1, char::len_utf8);
                after_word = false;
            }
        }
        for (rule, regex) in &self.regexes {
            for m in regex.find_iter(hay) {
                let span = m.range();
                if span.is_empty()
                    || !context::whole_word(hay, &span)
                    || context::in_url(hay, &span)
                    || context::continues_a_number(hay, span.end)
                {
                    continue;
                }
                if literal_spans
                    .iter()
                    .any(|s| s.start < span.end && span.start < s.end)
                {
                    continue;
                }
                if !self.context_allows(hay, &span, *rule, profile, &mut quotes) {
                    continue;
                }
                self.push(out, *rule, profile, &normalized, span.clone(), base);
                literal_spans.push(span);
            }
        }
        if !self.regexes.is_empty() {
            out[first_new..].sort_by_key(|f| f.span.start);
        }
    }

    /// Decides what a hit means: `None` if no candidate applies (try a
    /// shorter phrase), `Some(None)` if an accepted word claims the span,
    /// `Some(Some(rule))` for a finding.
    fn resolve(
        &self,
        hay: &str,
        span: Range<usize>,
        pattern: usize,
        profile: Profile,
        quotes: &mut context::Quotes,
    ) -> Option<Option<usize>> {
        if !context::whole_word(hay, &span) || context::in_url(hay, &span) {
            return None;
        }
        let matched = &hay[span.clone()];
        let run = self.starts[pattern] as usize..self.starts[pattern + 1] as usize;
        for candidate in &self.candidates[run] {
            match *candidate {
                Candidate::Accepted => return Some(None),
                Candidate::Rule { rule, exact } => {
                    let rule = rule as usize;
                    if let Some(exact) = exact
                        && (self.rule(rule).forms[exact as usize] != matched
                            || context::in_reference_code(hay, &span))
                    {
                        continue;
                    }
                    if self.context_allows(hay, &span, rule, profile, quotes) {
                        return Some(Some(rule));
                    }
                }
            }
        }
        None
    }

    /// The rule's own limits: kinds of document, neighbouring words and
    /// quotation marks.
    fn context_allows(
        &self,
        hay: &str,
        span: &Range<usize>,
        rule: usize,
        profile: Profile,
        quotes: &mut context::Quotes,
    ) -> bool {
        let rule = self.rule(rule);
        if !rule.applies_to(profile) {
            return false;
        }
        if context::followed_by_any(hay, span.end, &rule.unless_followed_by) {
            return false;
        }
        if context::preceded_by_any(hay, span.start, &rule.unless_preceded_by) {
            return false;
        }
        // `key performance indicators (KPIs)`: the full words of letters
        // explained right after them are the explanation, not jargon. A
        // term the reader must be told about (`Minimum Income Guarantee
        // (MIG)`) is still a term: its letters explain nothing.
        if !rule.case_sensitive && !rule.explainable && context::explains_letters(hay, span) {
            return false;
        }
        // Names are left alone, except for the abbreviations in them: the
        // reader still needs `SEND` in "the SEND Local Offer" explained.
        // `7. Undertake Care Act assessments`: a verb that opens the
        // sentence is not part of the name after it; names are nouns.
        let verb_opening = rule.class == crate::rules::PhraseClass::Verb
            && fit::words::starts_sentence(hay, span.start);
        if !rule.case_sensitive
            && !rule.term_in_capitals
            && !verb_opening
            && names::in_name(hay, span)
        {
            return false;
        }
        !(rule.ignore_in_quotes && quotes.inside(hay, span.start))
    }

    fn push(
        &self,
        out: &mut Vec<Finding>,
        rule: usize,
        profile: Profile,
        normalized: &Normalized,
        span: Range<usize>,
        base: usize,
    ) {
        if let Some(severity) = self.severity(rule, profile) {
            out.push(Finding {
                rule,
                severity,
                span: base + normalized.to_original(span.start)
                    ..base + normalized.to_original(span.end),
                detail: None,
                fitted: Vec::new(),
                elsewhere: 0,
                repeat_of: None,
                sense: None,
            });
        }
    }
}

/// Adds a finding of a check built into the engine (an abbreviation nobody
/// explained, a long sentence), if its rule is on and applies to the
/// document.
fn push_builtin(
    out: &mut Vec<Finding>,
    linter: &Linter,
    rule: Option<usize>,
    profile: Profile,
    span: Range<usize>,
    detail: Option<String>,
) {
    let Some(rule) = rule else { return };
    if !linter.rule(rule).applies_to(profile) {
        return;
    }
    if let Some(severity) = linter.severity(rule, profile) {
        out.push(Finding {
            rule,
            severity,
            span,
            detail: detail.map(String::into_boxed_str),
            fitted: Vec::new(),
            elsewhere: 0,
            repeat_of: None,
            sense: None,
        });
    }
}

/// The trie of every enabled form, one pattern per distinct lower-cased
/// form, with the candidates each pattern stands for (see
/// [`Linter::candidates`]). Forms of case-insensitive rules are lower case
/// already, and are borrowed, not copied.
///
/// Sorting finds the distinct forms and groups their candidates at once,
/// and hands the trie its patterns already sorted: a hash table for the
/// same was slower with a big ruleset, mostly in the fresh memory it
/// needed (BENCHMARKS.md, "Choices the code makes for speed").
fn compile_phrases(
    ruleset: &Ruleset,
    severities: &[Option<Severity>],
    accepted: &[String],
) -> (PhraseTrie, Vec<Candidate>, Vec<u32>) {
    fn lower(form: &str) -> Cow<'_, str> {
        if form.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(form.to_ascii_lowercase())
        } else {
            Cow::Borrowed(form)
        }
    }
    let form_count = ruleset.rules().iter().map(|r| r.forms.len()).sum::<usize>();
    let mut entries: Vec<(Cow<str>, Candidate)> = Vec::with_capacity(form_count + accepted.len());
    for word in accepted {
        entries.push((lower(word), Candidate::Accepted));
    }
    for (rule_index, rule) in ruleset.rules().iter().enumerate() {
        if severities[rule_index].is_none() {
            continue;
        }
        for (form_index, form) in rule.forms.iter().enumerate() {
            let candidate = Candidate::Rule {
                rule: rule_index as u32,
                exact: rule.case_sensitive.then_some(form_index as u32),
            };
            entries.push((lower(form), candidate));
        }
    }
    // By form, then priority, then the order given (rules keep their order).
    let mut order: Vec<u32> = (0..entries.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| {
        let (form_a, candidate_a) = &entries[a as usize];
        let (form_b, candidate_b) = &entries[b as usize];
        form_a
            .cmp(form_b)
            .then(candidate_a.priority().cmp(&candidate_b.priority()))
            .then(a.cmp(&b))
    });
    let mut patterns: Vec<&str> = Vec::new();
    let mut starts: Vec<u32> = Vec::new();
    let mut candidates = Vec::with_capacity(entries.len());
    for (slot, &entry) in order.iter().enumerate() {
        let (form, candidate) = &entries[entry as usize];
        if patterns.last() != Some(&form.as_ref()) {
            patterns.push(form);
            starts.push(slot as u32);
        }
        candidates.push(*candidate);
    }
    starts.push(candidates.len() as u32);
    (PhraseTrie::new(&patterns), candidates, starts)
}

/// "did you mean `x`?" for a mistyped rule id.
fn suggest_id(ruleset: &Ruleset, id: &str) -> String {
    let close = ruleset
        .rules()
        .iter()
        .map(|r| (strsim::levenshtein(&r.id, id), &r.id))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= 3);
    match close {
        Some((_, best)) => format!(": did you mean `{best}`? (`ordinary rules` lists them all)"),
        None => ": `ordinary rules` lists them all".to_string(),
    }
}

/// Where the run of word characters starting at `at` ends.
#[inline]
fn word_end(hay: &str, mut at: usize) -> usize {
    let bytes = hay.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte < 0x80 {
            if !trie::ASCII_WORD[byte as usize] {
                break;
            }
            at += 1;
        } else {
            match hay[at..].chars().next() {
                Some(c) if is_word_char(c) => at += c.len_utf8(),
                _ => break,
            }
        }
    }
    at
}

/// True at a position where a new word can start or end.
pub(crate) fn boundary_before(hay: &str, at: usize) -> bool {
    !hay[..at].chars().next_back().is_some_and(is_word_char)
}
