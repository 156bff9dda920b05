//! Fitting a rule's suggestions to the sentence a match is in.
//!
//! A suggestion becomes a one-click edit only when it can be put in so the
//! sentence still reads and means the same: the noun takes the number of
//! the match ("service user" → "person", "service users" → "people"), the
//! verb its tense and person ("signposted" → "pointed"), a describing word
//! must suit its place (before a noun, or after "is"), "a" becomes "an" when
//! the next sound needs it, a possessive stays one, and nothing may leave a
//! word doubled. What cannot be fitted is advice: shown, never applied.
//!
//! Everything here looks at a few words either side of the match, so the
//! cost per finding is bounded whatever the size of the paragraph.

use std::ops::Range;

use crate::english::{self, VerbForm};
use crate::rules::{Fit, PhraseClass, Rule, Suggestion, VerbPhrase};

/// A change to the document: put `replacement` in place of `span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte offsets in the document's text. Wider than the finding when the
    /// words next to it change too ("a care package" → "care and support").
    pub span: Range<usize>,
    pub replacement: String,
}

/// A suggestion that fits its sentence, with the edit that puts it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// Which of the rule's suggestions.
    pub suggestion: usize,
    pub edit: Edit,
}

/// Where a finding is: the text of its segment (a paragraph, a cell) and
/// what may not be edited in it.
pub(crate) struct Place<'a> {
    /// The segment's text as it is in the document.
    pub text: &'a str,
    /// The segment's offset in the document.
    pub base: usize,
    /// The segment's document text holds markup (Markdown), so an edit
    /// across `*`, `_`, `[` … would take markup out.
    pub markup: bool,
}

/// Characters that mean an edit would cross Markdown markup or escapes.
const MARKUP: &[char] = &['*', '_', '`', '[', ']', '<', '>', '\\', '~', '|', '!'];

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];
/// Words after which a verb's `-ed` form is its participle.
const PARTICIPLE_AFTER: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "get",
    "gets", "got", "getting",
];
/// Small words that may stand between "was" and a participle.
const ADVERBS: &[&str] = &[
    "also", "then", "already", "just", "never", "not", "often", "always", "since", "now",
];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "whose", "each", "every", "another", "any", "some", "no", "one", "either", "neither",
    "many", "several", "few", "both", "all",
];
/// Determiners that need a countable noun in the singular: a mass noun
/// ("care and support") cannot follow them.
const COUNT_ONLY: &[&str] = &["each", "every", "another", "one", "either", "neither"];
/// Words that start a phrase or clause after a head noun.
const AFTER_HEAD: &[&str] = &[
    "of", "for", "in", "on", "at", "to", "from", "with", "about", "who", "that", "which", "whose",
    "where", "after", "before",
];
/// Words that are not nouns: when one of them comes next, the match is
/// not in front of a noun (it is not describing one).
const NOT_NOUNS: &[&str] = &[
    "and",
    "or",
    "but",
    "nor",
    "to",
    "of",
    "for",
    "with",
    "in",
    "on",
    "at",
    "by",
    "from",
    "as",
    "than",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "the",
    "a",
    "an",
    "if",
    "when",
    "where",
    "while",
    "because",
    "although",
    "though",
    "unless",
    "until",
    "whether",
    "so",
    "such",
    "enough",
    "too",
    "about",
    "into",
    "through",
    "throughout",
    "across",
    "within",
    "without",
    "during",
    "after",
    "before",
    "since",
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "not",
    "also",
    "only",
    "just",
    "still",
    "again",
    "here",
    "there",
    "now",
    "then",
    "today",
    "yesterday",
    "tomorrow",
    "this",
    "these",
    "those",
    "my",
    "your",
    "his",
    "her",
    "its",
    "our",
    "their",
    "each",
    "every",
    "all",
    "both",
    "some",
    "any",
    "no",
    "very",
    "more",
    "most",
    "less",
    "least",
    "up",
    "down",
    "out",
    "off",
    "over",
    "under",
    "again",
    "ever",
    "never",
    "always",
    "often",
    "usually",
    "sometimes",
    "soon",
    "later",
    "together",
    "too",
    "either",
    "neither",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "him",
    "them",
    "us",
    "me",
    "per",
    "what",
    "how",
    "why",
    "yet",
    "already",
    "instead",
    "close",
    "near",
    "nearer",
    "next",
    "morning",
    "mornings",
    "evening",
    "evenings",
    "afternoon",
    "night",
    "nights",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "twice",
    "once",
    "a",
    "an",
];
/// Verbs that often follow a person or a service as the subject ("the
/// service user wants …"): with their forms, they tell a verb after a noun
/// from a second noun ("service user feedback").
const COMMON_VERBS: &[&str] = &[
    "want",
    "live",
    "say",
    "tell",
    "get",
    "make",
    "go",
    "come",
    "like",
    "feel",
    "know",
    "think",
    "ask",
    "receive",
    "attend",
    "choose",
    "prefer",
    "agree",
    "pay",
    "find",
    "take",
    "give",
    "see",
    "speak",
    "manage",
    "enjoy",
    "require",
    "contribute",
    "rely",
    "struggle",
    "continue",
    "understand",
    "decide",
    "meet",
    "spend",
    "buy",
    "eat",
    "read",
    "write",
    "try",
    "keep",
    "seem",
    "become",
    "remain",
    "tend",
    "begin",
    "provide",
    "allow",
    "let",
    "mean",
    "involve",
    "depend",
    "happen",
    "reduce",
    "apply",
    "qualify",
    "raise",
    "describe",
    "explain",
    "own",
    "bring",
    "sit",
    "stand",
    "join",
    "add",
    "follow",
    "lose",
    "expect",
    "cope",
    "refuse",
    "accept",
    "arrive",
    "travel",
    "appear",
    "wait",
    "put",
    "include",
    "ring",
    "phone",
    "complain",
    "contact",
    "reply",
    "respond",
    "upset",
    "mention",
    "affect",
    "show",
];

/// Prepositions that cannot follow another ("talking to with"); not the
/// particles of phrasal verbs ("gets about with" is fine).
const PREPOSITIONS: &[&str] = &["to", "with", "of", "for", "from", "by", "into"];
/// Words that take a verb's `-ing` form after them as a verb ("was
/// liaising", "by signposting him"); elsewhere an `-ing` word may be a
/// noun ("Information and signposting").
const ING_AFTER: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "by",
    "for",
    "about",
    "after",
    "before",
    "without",
    "while",
    "when",
    "on",
    "in",
    "from",
    "of",
    "keep",
    "keeps",
    "kept",
    "start",
    "started",
    "stop",
    "stopped",
    "continue",
    "continued",
    "began",
    "begin",
    "finish",
    "finished",
    "avoid",
    "avoided",
    "enjoy",
    "enjoys",
    "not",
];
/// Pronouns after which a verb whose present and past are one word ("hit",
/// "put", "set") must be its past: "she hit" (the present is "she hits").
const THIRD_PERSON: &[&str] = &["he", "she", "it"];
/// Words after which a verb is in its base form.
const BASE_AFTER: &[&str] = &[
    "to", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "do", "does",
    "did", "don't", "doesn't", "didn't", "let", "help",
];
/// Words too common to count as a repeat ("a" next to "a plan" is fine).
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is",
    "are", "was", "were", "be", "you", "your", "they", "them", "their", "it", "its", "as", "that",
    "who", "what", "this", "not", "do", "does", "did", "has", "have", "had", "can", "will",
];

/// A verb by its form or by the list: "wants", "asked", "went".
fn is_verb_like(word: &str) -> bool {
    // "-ed", but not "bed", "shed" or "need".
    (word.len() >= 5 && word.ends_with("ed") && !word.ends_with("eed")) || is_common_verb(word)
}

/// A word that starts a noun phrase: a determiner, a possessive
/// ("Mr Patel's") or a number.
fn is_determiner_like(word: &str) -> bool {
    DETERMINER_SET.contains(word)
        || word.ends_with("'s")
        || word.ends_with("\u{2019}s")
        || word.starts_with(|c: char| c.is_ascii_digit())
        || is_one_of(
            word,
            &[
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
            ],
        )
}

/// Whether `word` is a form of one of [`COMMON_VERBS`].
fn is_common_verb(word: &str) -> bool {
    static FORMS: std::sync::LazyLock<std::collections::HashSet<String>> =
        std::sync::LazyLock::new(|| {
            COMMON_VERBS
                .iter()
                .flat_map(|base| {
                    let verb = english::Verb::of(base);
                    [verb.base, verb.third, verb.past, verb.participle]
                })
                .collect()
        });
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        return FORMS.contains(&word.to_ascii_lowercase());
    }
    FORMS.contains(word)
}

/// A long word list, sorted once and searched by halves: these are read
/// for every finding (a scan of `NOT_NOUNS` was a tenth of fitting's time,
/// and hashing each word cost more than the search).
struct WordSet(std::sync::LazyLock<Vec<&'static str>>);

impl WordSet {
    fn contains(&self, word: &str) -> bool {
        // Lower-cased on the stack: the lists hold short words only.
        let mut buffer = [0u8; 24];
        let Some(lower) = buffer.get_mut(..word.len()) else {
            return false;
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|lower| self.0.binary_search(&lower).is_ok())
    }
}

macro_rules! word_set {
    ($name:ident, $list:ident) => {
        static $name: WordSet = WordSet(std::sync::LazyLock::new(|| {
            let mut words = $list.to_vec();
            words.sort_unstable();
            words.dedup();
            words
        }));
    };
}
word_set!(NOT_NOUN_SET, NOT_NOUNS);
word_set!(FUNCTION_WORD_SET, FUNCTION_WORDS);
word_set!(DETERMINER_SET, DETERMINERS);

/// Whether `word` is one of `list` (which is lower case), ignoring case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The suggestions of `rule` that fit the match at `span` (offsets in the
/// document), each with its edit; the others are advice.
pub(crate) fn fit(rule: &Rule, place: &Place<'_>, span: Range<usize>) -> Vec<Fitted> {
    let local = span.start - place.base..span.end - place.base;
    let Some(matched) = place.text.get(local.clone()) else {
        return Vec::new();
    };
    let around = Around::new(place.text, local.clone());
    // Every edit lies within the word before the match and the end of the
    // match and its apostrophe.
    let window = around.before.as_ref().map_or(local.start, |(_, r)| r.start)
        ..place.text[local.end..]
            .char_indices()
            .nth(1)
            .map_or(place.text.len(), |(i, _)| local.end + i);
    let mut written = None;
    let mut own: Option<Neighbourhood<'_>> = None;
    let mut fitted: Vec<Fitted> = Vec::new();
    for (index, suggestion) in rule.suggestions.iter().enumerate() {
        if suggestion.fit.is_advice() {
            continue;
        }
        if suggestion.fit == Fit::Phrase
            && !*written.get_or_insert_with(|| as_written(rule, matched))
        {
            continue;
        }
        // A suggestion for some of the rule's phrases only (`for`).
        if !suggestion.only.is_empty() && !suggestion.only.iter().any(|key| same_key(matched, key))
        {
            continue;
        }
        let Some((edit_span, replacement)) = fit_one(rule, suggestion, matched, &around) else {
            continue;
        };
        let original = &place.text[edit_span.clone()];
        if place.markup && original.contains(MARKUP) {
            continue;
        }
        let replacement = if rule.case_sensitive {
            replacement
        } else {
            copy_case(
                original,
                replacement,
                starts_sentence(place.text, edit_span.start),
            )
        };
        if replacement == original {
            continue;
        }
        // Most edits cover just the match: its neighbourhood is read once.
        let fresh;
        let near = if edit_span == local {
            own.get_or_insert_with(|| Neighbourhood::new(place.text, local.clone()))
        } else {
            fresh = Neighbourhood::new(place.text, edit_span.clone());
            &fresh
        };
        debug_assert_eq!(near.span, edit_span);
        if collides(near, &replacement) {
            continue;
        }
        // Two suggestions that give the same sentence ("person" after "The",
        // and "the person" in place of "The") are one offer.
        let reads = |span: &Range<usize>, replacement: &str| {
            let window = window.clone();
            let (start, end) = (span.start.max(window.start), span.end.min(window.end));
            format!(
                "{}{replacement}{}",
                &place.text[window.start..start],
                &place.text[end..window.end]
            )
        };
        if !fitted.is_empty() && {
            let result = reads(&edit_span, &replacement);
            fitted.iter().any(|f| {
                let local = f.edit.span.start - place.base..f.edit.span.end - place.base;
                reads(&local, &f.edit.replacement) == result
            })
        } {
            continue;
        }
        fitted.push(Fitted {
            suggestion: index,
            edit: Edit {
                span: place.base + edit_span.start..place.base + edit_span.end,
                replacement,
            },
        });
    }
    fitted
}

/// The rule's suggestions meant for its other phrases (`for`), as bits.
pub(crate) fn elsewhere(rule: &Rule, matched: &str) -> u64 {
    let mut bits = 0;
    for (index, suggestion) in rule.suggestions.iter().enumerate().take(64) {
        if !suggestion.only.is_empty() && !suggestion.only.iter().any(|key| same_key(matched, key))
        {
            bits |= 1 << index;
        }
    }
    bits
}

/// The words around a match, read once, as slices of the text.
struct Around<'a> {
    text: &'a str,
    span: Range<usize>,
    /// The word just before the match (only spaces between), with its place.
    before: Option<(&'a str, Range<usize>)>,

    /// The word just after the match (only spaces between).
    after: Option<&'a str>,
}

impl<'a> Around<'a> {
    fn new(text: &'a str, span: Range<usize>) -> Around<'a> {
        let before = word_before(text, span.start);
        let after = word_after(text, span.end).map(|(word, _)| word);
        Around {
            text,
            span,
            before,
            after,
        }
    }

    fn previous(&self) -> Option<&'a str> {
        self.before.as_ref().map(|(word, _)| *word)
    }

    fn previous_is(&self, list: &[&str]) -> bool {
        self.previous().is_some_and(|word| is_one_of(word, list))
    }

    /// The word before the match, looking past one small adverb ("was
    /// then signposted").
    fn previous_past_adverb(&self) -> Option<&'a str> {
        match self.previous() {
            Some(word) if is_one_of(word, ADVERBS) || word.ends_with("ly") => {
                let (_, range) = self.before.as_ref()?;
                word_before(self.text, range.start).map(|(word, _)| word)
            }
            other => other,
        }
    }

    /// A noun or describing word follows: a word that is not a small word,
    /// not a common verb, not an adverb in "-ly", and not punctuation.
    fn before_a_noun(&self) -> bool {
        self.after.is_some_and(|word| {
            !NOT_NOUN_SET.contains(word)
                && !is_verb_like(word)
                && !word.ends_with("ly")
                && !word.starts_with(|c: char| c.is_ascii_digit())
        })
    }

    /// What comes next cannot carry on a noun phrase that has words after
    /// its head: not a noun, not its own "of" or "to" ("an approach of
    /// helping people … to falls").
    /// A verb's `-s` form follows ("the postholder reports to"), which
    /// after a singular noun is its verb, not a noun it describes.
    fn third_person_verb_next(&self) -> bool {
        self.after.is_some_and(|w| {
            w.ends_with('s')
                && AMBIGUOUS_VERBS
                    .iter()
                    .any(|v| w.len() == v.len() + 1 && w[..v.len()].eq_ignore_ascii_case(v))
        })
    }

    fn ends_noun_phrase(&self, plural: bool) -> bool {
        let noun_next = if plural {
            self.after.is_some_and(|w| {
                is_one_of(w, PLURAL_MODIFIED) || is_one_of(w.trim_end_matches('s'), PLURAL_MODIFIED)
            })
        } else {
            self.before_a_noun() && !self.third_person_verb_next()
        };
        !noun_next && !self.after.is_some_and(|w| is_one_of(w, &["of", "to"]))
    }

    fn after_be(&self) -> bool {
        self.previous_is(BE)
    }

    /// What follows the match straight away: `'s` (a singular possessive)
    /// or a lone apostrophe (a plural one), with the apostrophe used.
    fn possessive(&self) -> Possessive {
        let rest = &self.text[self.span.end..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(apostrophe @ ('\'' | '\u{2019}')) => match chars.next() {
                Some('s' | 'S') if !chars.next().is_some_and(char::is_alphanumeric) => {
                    Possessive::Singular
                }
                Some(c) if c.is_alphanumeric() => Possessive::None,
                _ => Possessive::Plural(apostrophe),
            },
            _ => Possessive::None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Possessive {
    None,
    /// "user's": the `'s` stays where it is.
    Singular,
    /// "users'": the apostrophe is part of the edit.
    Plural(char),
}

/// A word: letters and digits, with hyphens and apostrophes inside.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}')
}

/// Spaces and at most one line break (a wrapped line, not a new paragraph).
fn skip_space_back(text: &str, mut at: usize) -> usize {
    let mut breaks = 0;
    while let Some(c) = text[..at].chars().next_back() {
        match c {
            ' ' | '\t' | '\u{A0}' | '\r' => {}
            '\n' if breaks == 0 => breaks += 1,
            _ => break,
        }
        at -= c.len_utf8();
    }
    at
}

fn skip_space_forward(text: &str, mut at: usize) -> usize {
    let mut breaks = 0;
    while let Some(c) = text[at..].chars().next() {
        match c {
            ' ' | '\t' | '\u{A0}' | '\r' => {}
            '\n' if breaks == 0 => breaks += 1,
            _ => break,
        }
        at += c.len_utf8();
    }
    at
}

/// Hyphens and apostrophes at a word's edges are not part of it.
fn trim_word(word: &str) -> &str {
    let edge = |b: Option<&u8>| matches!(b, Some(b'-' | b'\'' | 0x80..));
    let bytes = word.as_bytes();
    if !edge(bytes.first()) && !edge(bytes.last()) {
        return word;
    }
    word.trim_matches(['-', '\'', '\u{2019}'])
}

/// The word ending just before `at` (spaces between), with its place.
fn word_before(text: &str, at: usize) -> Option<(&str, Range<usize>)> {
    word_ending_at(text, skip_space_back(text, at))
}

fn word_ending_at(text: &str, end: usize) -> Option<(&str, Range<usize>)> {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    let word = trim_word(&text[start..end]);
    (!word.is_empty()).then_some((word, start..end))
}

/// The word starting just after `at` (spaces between), with its place.
fn word_after(text: &str, at: usize) -> Option<(&str, Range<usize>)> {
    let start = skip_space_forward(text, at);
    let end = start
        + text[start..]
            .char_indices()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map(|(i, c)| i + c.len_utf8())?;
    let word = trim_word(&text[start..end]);
    (!word.is_empty()).then_some((word, start..end))
}

/// A comma, semicolon, colon or dash between two words.
fn is_light_punctuation(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '\u{2013}' | '\u{2014}')
}

/// The nearest word before `at`, looking past one comma, semicolon or dash.
fn neighbour_before(text: &str, at: usize) -> Option<&str> {
    let mut end = skip_space_back(text, at);
    if let Some(c) = text[..end].chars().next_back()
        && is_light_punctuation(c)
    {
        end = skip_space_back(text, end - c.len_utf8());
    }
    word_ending_at(text, end).map(|(word, _)| word)
}

/// The nearest word after `at`, looking past one comma, semicolon or dash.
fn neighbour_after(text: &str, at: usize) -> Option<&str> {
    let mut start = skip_space_forward(text, at);
    if let Some(c) = text[start..].chars().next()
        && is_light_punctuation(c)
    {
        start += c.len_utf8();
    }
    word_after(text, start).map(|(word, _)| word)
}

/// The words of a replacement, edges trimmed, the parts of a hyphenated
/// word apart ("short-break" is "short" and "break").
fn words_of(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    // ASCII is decided at once; beyond it, letters and the curly
    // apostrophe (which `trim_word` trims) stay in a word.
    text.split(|c: char| {
        if c.is_ascii() {
            !c.is_ascii_alphanumeric() && c != '\''
        } else {
            !c.is_alphanumeric() && c != '\u{2019}'
        }
    })
    .map(trim_word)
    .filter(|w| !w.is_empty())
}

/// The replacement would repeat the word next to it ("a busy, busy team",
/// "care at home care workers") or put two prepositions together
/// ("talking to with").
fn collides(near: &Neighbourhood<'_>, replacement: &str) -> bool {
    if near.named || repeated_nearby(near, replacement) {
        return true;
    }
    let mut words = words_of(replacement);
    let Some(first) = words.next() else {
        return false;
    };
    let last = words.last().unwrap_or(first);
    let repeats = |neighbour: &str, edge: &str| {
        neighbour.eq_ignore_ascii_case(edge)
            || words_of(neighbour).any(|part| {
                !FUNCTION_WORD_SET.contains(part)
                    && words_of(replacement).any(|w| w.eq_ignore_ascii_case(part))
            })
    };
    // "talking to with", "gets about around".
    let clash = |neighbour: &str, edge: &str| {
        (is_one_of(neighbour, PREPOSITIONS) || is_one_of(neighbour, PARTICLES))
            && (is_one_of(edge, PREPOSITIONS) || is_one_of(edge, &["about", "around"]))
            && !(is_one_of(edge, &["about", "around"])
                && is_one_of(neighbour, &["with", "by", "for"]))
    };
    // "built up to date": a particle before "to"; "… what to do next to
    // solve problems": one "to" clause run into another.
    let particle_to = near.after.is_some_and(|w| w.eq_ignore_ascii_case("to"))
        && (is_one_of(last, &["up", "out", "off"])
            || words_of(replacement).any(|w| w.eq_ignore_ascii_case("to")));
    // "the person in this job in this role": a phrase after the head meets
    // another with the same preposition.
    let doubled_phrase = near.after.is_some_and(|w| {
        is_one_of(w, &["in", "of", "for", "with", "on", "at"])
            && words_of(replacement)
                .skip(1)
                .any(|r| r.eq_ignore_ascii_case(w))
    });
    particle_to
        || doubled_phrase
        || near.before_comma.is_some_and(|w| repeats(w, first))
        || near.after_comma.is_some_and(|w| repeats(w, last))
        || near.before.is_some_and(|w| clash(w, first))
        || near.after.is_some_and(|w| clash(w, last))
}

/// What an edit's span has around it, read once per span: a finding's
/// suggestions mostly share one.
struct Neighbourhood<'a> {
    span: Range<usize>,
    before: Option<&'a str>,
    after: Option<&'a str>,
    /// The nearest words looking past one comma or dash.
    before_comma: Option<&'a str>,
    after_comma: Option<&'a str>,
    /// Up to [`NEARBY`] words either side, within the sentence.
    nearby: [&'a str; 2 * NEARBY],
    nearby_count: usize,
    /// The match is named, not used ([`names_the_term`]).
    named: bool,
    /// The words of the match itself.
    matched: &'a str,
}

impl<'a> Neighbourhood<'a> {
    fn new(text: &'a str, span: Range<usize>) -> Neighbourhood<'a> {
        // A few words either side, within the sentence. The window is
        // bounded in bytes too, so a paragraph with no full stops costs no
        // more.
        let window_start = text.floor_char_boundary(span.start.saturating_sub(WINDOW_BYTES));
        let window_end = text.ceil_char_boundary((span.end + WINDOW_BYTES).min(text.len()));
        let before_text = &text[window_start..span.start];
        let ends_sentence = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b'\n');
        let before_text = before_text
            .as_bytes()
            .iter()
            .rposition(ends_sentence)
            .map_or(before_text, |i| &before_text[i + 1..]);
        let after_text = &text[span.end..window_end];
        let after_text = after_text
            .as_bytes()
            .iter()
            .position(ends_sentence)
            .map_or(after_text, |i| &after_text[..i]);
        let mut nearby = [""; 2 * NEARBY];
        let mut nearby_count = 0;
        for word in words_of(before_text)
            .rev()
            .take(NEARBY)
            .chain(words_of(after_text).take(NEARBY))
        {
            nearby[nearby_count] = word;
            nearby_count += 1;
        }
        Neighbourhood {
            before: word_before(text, span.start).map(|(w, _)| w),
            after: word_after(text, span.end).map(|(w, _)| w),
            before_comma: neighbour_before(text, span.start),
            after_comma: neighbour_after(text, span.end),
            nearby,
            nearby_count,
            named: names_the_term(text, &span),
            matched: &text[span.clone()],
            span,
        }
    }
}

/// Nouns that often follow a plural that describes them: "carers
/// centre", "needs assessment", "services manager".
const PLURAL_MODIFIED: &[&str] = &[
    "assessment",
    "team",
    "service",
    "centre",
    "center",
    "forum",
    "group",
    "panel",
    "manager",
    "officer",
    "worker",
    "budget",
    "policy",
    "plan",
    "board",
    "network",
    "strategy",
    "review",
    "support",
    "fund",
    "grant",
    "charter",
    "champion",
    "lead",
    "coordinator",
    "register",
    "allowance",
    "partnership",
    "involvement",
    "feedback",
    "voice",
    "council",
];

/// Verbs that are nouns too: their `-s` form after a singular noun is
/// taken as the verb ("the plan starts"), never the noun.
const AMBIGUOUS_VERBS: &[&str] = &[
    "start", "end", "cover", "cost", "change", "work", "help", "support", "run", "last", "return",
    "stay", "move", "visit", "call", "use", "matter", "plan", "lead", "mean", "report",
];

/// Words that point a place: after "about" or "around" they clash.
const PARTICLES: &[&str] = &[
    "around", "about", "to", "into", "through", "across", "over", "along", "up", "down",
];

/// How many words either side count as "nearby" for a repeat.
const NEARBY: usize = 4;

/// The replacement's words are already there, a few words away in the same
/// sentence: "care sector and provider market" → "care sector and care
/// sector", "a care package and support" → "care and support and support".
/// Words of the match itself do not count ("care" in "care package").
fn repeated_nearby(near: &Neighbourhood<'_>, replacement: &str) -> bool {
    // "disabled and non-disabled people" is a contrast, not a repeat.
    let mut content = replacement
        .split(|c: char| !is_word_char(c))
        .flat_map(|word| {
            let word = trim_word(word);
            let after_non = word.strip_prefix("non-").unwrap_or("");
            word.split('-')
                .filter(move |part| *part != after_non && *part != "non")
        })
        .filter(|w| w.len() > 2 && !FUNCTION_WORD_SET.contains(w) && !is_one_of(w, NOT_REPEATS))
        .filter(|w| !words_of(near.matched).any(|m| same_stem(m, w)));
    let nearby = &near.nearby[..near.nearby_count];
    content.any(|c| nearby.iter().any(|w| same_stem(c, w)))
}

/// How far either side of a match to look for a repeat, in bytes.
const WINDOW_BYTES: usize = 96;

/// Words common enough in a replacement not to count as a repeat.
const NOT_REPEATS: &[&str] = &[
    "own", "other", "new", "more", "some", "such", "only", "also", "their", "his", "her",
];

/// Two words with the same rough stem ("meet" and "meeting", "break" and
/// "breaks"), compared without a new string.
fn same_stem(a: &str, b: &str) -> bool {
    fn stem(word: &str) -> &[u8] {
        let bytes = word.as_bytes();
        for ending in [&b"ing"[..], b"ed", b"s"] {
            if bytes.len() > ending.len() + 2
                && bytes[bytes.len() - ending.len()..].eq_ignore_ascii_case(ending)
            {
                return &bytes[..bytes.len() - ending.len()];
            }
        }
        bytes
    }
    stem(a).eq_ignore_ascii_case(stem(b))
}

/// The match is being named, not used: "also known as domiciliary care",
/// "sometimes called informal carers".
fn names_the_term(text: &str, span: &Range<usize>) -> bool {
    // "People who draw on care and support (service users)": a term in
    // brackets is named, not used.
    (text[..span.start].trim_end().ends_with('(') && text[span.end..].trim_start().starts_with(')'))
        || word_before(text, span.start)
            .is_some_and(|(w, _)| is_one_of(w, &["called", "termed", "so-called"]))
        || {
            // Only the last few bytes: this runs for every edit.
            let before = text[..span.start].trim_end().as_bytes();
            before.len() >= 8 && before[before.len() - 8..].eq_ignore_ascii_case(b"known as")
        }
}

/// Capitals copied from what is replaced: "Service users" → "People",
/// "SERVICE USERS" → "PEOPLE". Capitals in the replacement (a name) stay.
fn copy_case(original: &str, mut replacement: String, sentence_start: bool) -> String {
    let mut letters = original.chars().filter(|c| c.is_alphabetic());
    let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
    if all_caps {
        return replacement.to_uppercase();
    }
    // "IT literate": a capital that belongs to an abbreviation is not a
    // sentence's capital.
    let first_word = original
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let abbreviation = first_word.chars().filter(|c| c.is_uppercase()).count() > 1;
    // A capital in mid-sentence ("We need Buy-in") is the writer's
    // emphasis on the old word, not the sentence's: it is not copied.
    let starts_upper =
        sentence_start && !abbreviation && original.chars().next().is_some_and(char::is_uppercase);
    if starts_upper
        && replacement
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_lowercase)
    {
        // The common case, without a new string.
        replacement[..1].make_ascii_uppercase();
        return replacement;
    }
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => replacement,
    }
}

/// Whether a sentence, heading or list item starts at `at`: nothing but
/// spaces, quotes, brackets and list marks since a full stop, a line break
/// or the start.
fn starts_sentence(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        match c {
            ' ' | '\t' | '\u{A0}' | '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '*'
            | '-' | '\u{2022}' | '#' | '>' => continue,
            '.' | '!' | '?' | ':' | '\n' | '\r' | '\u{2013}' | '\u{2014}' => return true,
            c if c.is_ascii_digit() => continue,
            _ => return false,
        }
    }
    true
}

/// Whether the match is one of the rule's phrases as written (not a
/// generated form: "use" is right for "utilise", wrong for "utilised").
/// A match of a regular expression is as its author wrote it.
fn as_written(rule: &Rule, matched: &str) -> bool {
    if rule.phrase_data.keys.is_empty() {
        return !rule.patterns.is_empty();
    }
    rule.phrase_data
        .keys
        .iter()
        .any(|key| same_key(matched, key))
}

/// Whether text read as a phrase key ([`phrase_key`]) is `key`, without
/// building the key: spaces and hyphens left out, curly apostrophes and
/// dashes read as plain ones, letters in lower case.
fn same_key(text: &str, key: &str) -> bool {
    let folded = text
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '\u{AD}'
                )
        })
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase);
    folded.eq(key.chars())
}

/// The head word of a noun phrase: the last word, or the one before "of",
/// "who" … ("packages of care").
fn head_word(phrase: &str) -> &str {
    let mut head = "";
    for word in phrase.split_whitespace() {
        if is_one_of(word, AFTER_HEAD) {
            break;
        }
        head = word;
    }
    head
}

/// Whether a possessive `'s` can follow: not after a phrase with a clause
/// or a phrase after its head ("people who draw on care's").
fn takes_possessive(replacement: &str) -> bool {
    !replacement
        .split_whitespace()
        .any(|w| is_one_of(w, AFTER_HEAD))
}

/// One suggestion fitted to the match: the span to replace (offsets in the
/// segment) and the words to put there; `None` if it does not fit.
fn fit_one(
    rule: &Rule,
    suggestion: &Suggestion,
    matched: &str,
    around: &Around<'_>,
) -> Option<(Range<usize>, String)> {
    let (fit, text) = (&suggestion.fit, suggestion.text.as_str());
    let span = around.span.clone();
    match fit {
        Fit::Advice => None,
        // As written: checked by the caller, once for all of a rule's
        // phrases. "a special needs school" → "an additional needs school".
        // Longer words cannot describe the next noun: "the post-qualifying
        // experience requirement" is not "the experience since qualifying
        // requirement".
        Fit::Phrase => {
            let longer = text.split_whitespace().count() > matched.split_whitespace().count();
            if longer && around.before_a_noun() {
                return None;
            }
            with_article(around, span, text.to_string())
        }
        Fit::Noun {
            singular,
            plural,
            mass,
        } => fit_noun(
            matched,
            around,
            singular.as_deref(),
            plural.as_deref(),
            *mass,
        ),
        Fit::Verb(phrase) => {
            if rule.class != PhraseClass::Verb {
                return None;
            }
            fit_verb(rule, matched, around, phrase, suggestion.simple_past)
        }
        Fit::Adjective {
            before_noun,
            after_be,
        } => {
            // "holistically": a describing word cannot stand for an adverb.
            // "very elderly" is not "very older": a comparative, or a
            // phrase, cannot follow "very".
            let graded = text.ends_with("er") || text.ends_with("est") || text.contains([' ', '-']);
            if graded
                && around.previous_is(&[
                    "very",
                    "extremely",
                    "most",
                    "more",
                    "quite",
                    "so",
                    "too",
                    "really",
                    "particularly",
                    "less",
                ])
            {
                return None;
            }
            if ["ally", "ively", "ously", "fully", "edly", "ingly"]
                .iter()
                .any(|ending| matched.ends_with(ending))
            {
                return None;
            }
            let before = around.before_a_noun();
            let after = around.after_be() && !before;
            let suits = if before {
                *before_noun
            } else if after {
                *after_be
            } else {
                *before_noun && *after_be
            };
            if !suits {
                return None;
            }
            with_article(around, span, text.to_string())
        }
        Fit::InsteadOfBe(phrase) => {
            // A noun after "is" ("the focus is hospital discharge") is not
            // a state a verb can say; nor is a describing word joined to
            // another ("is strengths-based and person-centred").
            if rule.class == PhraseClass::Noun
                || around.after.is_some_and(|w| w.eq_ignore_ascii_case("to"))
            {
                return None;
            }
            if around
                .after
                .is_some_and(|w| is_one_of(w, &["and", "or", "but"]))
            {
                // "is non-verbal and uses Makaton" reads on as a verb; "is
                // non-verbal and autistic" does not.
                let joined = word_after(around.text, around.span.end)
                    .and_then(|(_, r)| word_after(around.text, r.end))
                    .map(|(w, _)| w);
                let verb = joined.is_some_and(|w| {
                    is_verb_like(w)
                        || is_one_of(w, AMBIGUOUS_VERBS)
                        || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ous"))
                });
                if !verb {
                    return None;
                }
            }
            let (be, range) = around.before.as_ref()?;
            let form = match be.to_ascii_lowercase().as_str() {
                "is" => VerbForm::Third,
                "are" | "am" | "be" => VerbForm::Base,
                "was" | "were" => VerbForm::Past,
                // "has been non-verbal" → "has not used speech".
                "been" => VerbForm::Participle,
                _ => return None,
            };
            Some((range.start..span.end, phrase.form(form)))
        }
    }
}

fn fit_noun(
    matched: &str,
    around: &Around<'_>,
    singular: Option<&str>,
    plural: Option<&str>,
    mass: bool,
) -> Option<(Range<usize>, String)> {
    let is_plural = english::is_plural_noun(head_word(matched));
    let words = if is_plural { plural? } else { singular? };
    let possessive = around.possessive();
    // Inside a noun phrase after a describing word ("a new care package"):
    // the word before is not a small word or a verb, and a determiner comes
    // before it.
    let previous_describes = around
        .previous()
        .is_some_and(|w| !NOT_NOUN_SET.contains(w) && !is_determiner_like(w) && !is_verb_like(w));
    let inside_phrase = previous_describes
        && around
            .before
            .as_ref()
            .and_then(|(_, range)| word_before(around.text, range.start))
            .is_some_and(|(w, _)| is_determiner_like(w));
    let long = !takes_possessive(words);
    if long && (possessive != Possessive::None || !around.ends_noun_phrase(is_plural)) {
        // "people who draw on care's views", "the needs the council must
        // meet of carers".
        return None;
    }
    let clause = words
        .split_whitespace()
        .any(|w| is_one_of(w, &["who", "that", "which", "whose", "where"]));
    if clause && previous_describes {
        // "drug addicts" → "drug people who use drugs".
        return None;
    }
    // After "is"/"are" the noun says what someone is: "carers who are
    // also service users" is not "… also people".
    let after_be = around
        .previous_past_adverb()
        .is_some_and(|w| is_one_of(w, BE))
        || (around.previous_is(&["a", "an"])
            && around
                .before
                .as_ref()
                .and_then(|(_, r)| word_before(around.text, r.start))
                .is_some_and(|(w, _)| is_one_of(w, BE)));
    // What someone is, after "is": "carers who are also people" says
    // nothing; "you are the person who gets the job" does.
    let person_headed = is_one_of(head_word(words), &["person", "people"]);
    let definite = words
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    // "is a self-funder" → "is a person who pays for their own care"
    // says the same; "are also people", "is the person" do not.
    if after_be && person_headed && (!long || is_plural) {
        return None;
    }
    let _ = definite;
    // A third-person verb after a singular match ("her package of care
    // starts") is not a noun the match describes.
    let verb_follows = !is_plural && around.third_person_verb_next();
    // A plural seldom describes the next noun: what follows is its verb
    // ("old people run", "presenting needs relate"), but for a few heads
    // councils write after one ("carers assessment", "needs team").
    let describes_next = if is_plural {
        around.after.is_some_and(|w| {
            is_one_of(w, PLURAL_MODIFIED) || is_one_of(w.trim_end_matches('s'), PLURAL_MODIFIED)
        })
    } else {
        around.before_a_noun()
    };
    if !mass && !verb_follows && possessive == Possessive::None && describes_next {
        // The match describes the next noun ("service user feedback"):
        // "person feedback" does not read.
        return None;
    }

    let mut span = around.span.clone();
    let mut replacement = words.to_string();
    if let Possessive::Plural(apostrophe) = possessive {
        // "users'" → "people's": the apostrophe is rewritten too.
        span.end += apostrophe.len_utf8();
        let ends_in_s = replacement.ends_with(['s', 'S']);
        replacement.push(apostrophe);
        if !ends_in_s {
            replacement.push('s');
        }
    }
    let previous = around.previous();
    let first = words.split_whitespace().next().unwrap_or("");
    if DETERMINER_SET.contains(first) {
        if inside_phrase {
            return None;
        }
        let indefinite = |word: &str| is_one_of(word, &["a", "an"]);
        return match previous {
            // "the service user" → "the person": the suggestion's own
            // article takes the place of a written one of the same kind
            // ("a" for "a", "the" for "the"), and of no other determiner.
            Some(written) if is_one_of(written, &["a", "an", "the"]) => {
                let same = if indefinite(written) {
                    indefinite(first)
                } else {
                    first.eq_ignore_ascii_case("the")
                };
                if !same {
                    return None;
                }
                let (_, range) = around.before.as_ref()?;
                Some((range.start..span.end, fix_article(&replacement)))
            }
            Some(word) if DETERMINER_SET.contains(word) => None,
            _ => Some((span, fix_article(&replacement))),
        };
    }
    if mass {
        // "a long and proven track record" → not "a long and experience":
        // an "a" a few words back, before describing words, is the match's.
        let mut at = around.span.start;
        let mut indefinite_before = false;
        for _ in 0..3 {
            let Some((word, range)) = word_before(around.text, at) else {
                break;
            };
            if is_one_of(word, &["a", "an"]) {
                indefinite_before = at != around.span.start;
                break;
            }
            if is_verb_like(word) || is_one_of(word, PREPOSITIONS) || DETERMINER_SET.contains(word)
            {
                break;
            }
            at = range.start;
        }
        if inside_phrase || indefinite_before {
            return None;
        }
        // Before a noun the "a" belongs to that noun: "a domiciliary care
        // agency" → "a home care agency".
        if around.before_a_noun() {
            return with_article(around, span, replacement);
        }
        return match previous {
            // "a care package" → "care and support".
            Some(article) if is_one_of(article, &["a", "an"]) => {
                let (_, range) = around.before.as_ref()?;
                Some((range.start..span.end, replacement))
            }
            Some(word) if is_one_of(word, COUNT_ONLY) => None,
            _ => Some((span, replacement)),
        };
    }
    with_article(around, span, replacement)
}

/// Puts the right "a" or "an" before a replacement that follows one: the
/// edit takes in the article when it changes ("an ICB" → "a health board").
fn with_article(
    around: &Around<'_>,
    span: Range<usize>,
    replacement: String,
) -> Option<(Range<usize>, String)> {
    match &around.before {
        Some((article, range)) if is_one_of(article, &["a", "an"]) => {
            let wanted = english::indefinite_article(&replacement);
            if wanted.eq_ignore_ascii_case(article) {
                Some((span, replacement))
            } else {
                Some((range.start..span.end, format!("{wanted} {replacement}")))
            }
        }
        _ => Some((span, replacement)),
    }
}

/// A suggestion that starts with "a"/"an" gets the one its next word needs.
fn fix_article(replacement: &str) -> String {
    match replacement.split_once(' ') {
        Some((article, rest)) if is_one_of(article, &["a", "an"]) => {
            format!("{} {rest}", english::indefinite_article(rest))
        }
        _ => replacement.to_string(),
    }
}

fn fit_verb(
    rule: &Rule,
    matched: &str,
    around: &Around<'_>,
    phrase: &VerbPhrase,
    simple_past: bool,
) -> Option<(Range<usize>, String)> {
    // "a signpost", "the signposting": the word is used as a noun here.
    // ("This mitigates" is a verb: "this" can stand alone.)
    if around.previous_is(&[
        "a", "an", "the", "my", "your", "his", "her", "its", "our", "their",
    ]) {
        return None;
    }
    let word = if rule.phrase_data.inflect_last {
        matched.split_whitespace().last()?
    } else {
        matched.split_whitespace().next()?
    };
    let word = word.replace('-', "");
    let verb = rule
        .phrase_data
        .verbs
        .iter()
        .find(|verb| verb.form_of(&word).is_some())?;
    let form = verb.form_of(&word)?;
    let previous = around.previous_past_adverb();
    let after = |list: &[&str]| previous.is_some_and(|w| is_one_of(w, list));
    let form = match form {
        // "was signposted", "has signposted".
        VerbForm::Past if after(PARTICIPLE_AFTER) => VerbForm::Participle,
        // "hit", "put", "set": base or past by the word before.
        VerbForm::Base if verb.base == verb.past => {
            if after(BASE_AFTER) {
                VerbForm::Base
            } else if after(THIRD_PERSON)
                || previous.is_some_and(|w| {
                    // "our last apprentice hit": a singular subject would
                    // take "hits" in the present.
                    !NOT_NOUN_SET.contains(w) && !english::is_plural_noun(w) && !is_verb_like(w)
                })
            {
                VerbForm::Past
            } else {
                return None;
            }
        }
        // "Information and signposting": after a small word an -ing word
        // may be a noun. At the start, or after a noun ("people suffering
        // from", "week commencing"), it is a verb.
        VerbForm::Ing
            if !after(ING_AFTER) && previous.is_some_and(|w| NOT_NOUN_SET.contains(w)) =>
        {
            return None;
        }
        // "Accrued leave": a participle at the start, before a noun,
        // describes it.
        VerbForm::Past | VerbForm::Participle
            if previous.is_none() && around.before_a_noun() && phrase.after.contains(' ') =>
        {
            return None;
        }
        VerbForm::Past if !simple_past => return None,
        other => other,
    };
    Some((around.span.clone(), phrase.form(form)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_a_place() {
        let text = "She was then signposted, busy.";
        let at = text.find("signposted").unwrap();
        assert_eq!(word_before(text, at).unwrap().0, "then");
        assert_eq!(word_after(text, at + 10), None);
        assert_eq!(neighbour_after(text, at + 10), Some("busy"));
        assert_eq!(
            neighbour_before(text, text.find("busy").unwrap()),
            Some("signposted")
        );
        let around = Around::new(text, at..at + 10);
        assert_eq!(around.previous_past_adverb(), Some("was"));
    }

    #[test]
    fn possessives_are_seen() {
        let text = "service users' views and the service user's home";
        let around = Around::new(text, 0..13);
        assert_eq!(around.possessive(), Possessive::Plural('\''));
        let at = text.find("service user's").unwrap();
        let around = Around::new(text, at..at + 12);
        assert_eq!(around.possessive(), Possessive::Singular);
    }

    #[test]
    fn keys_compare_as_phrase_key_builds_them() {
        for (text, phrase) in [
            ("Service  users", "service users"),
            ("co\u{2011}production", "co-production"),
            ("carers\u{2019} centre", "carers' centre"),
            ("Prior\nto", "prior to"),
        ] {
            assert!(
                same_key(text, &crate::rules::phrase_key(phrase)),
                "{text:?}"
            );
            assert_eq!(
                crate::rules::phrase_key(text),
                crate::rules::phrase_key(phrase)
            );
        }
        assert!(!same_key("prior", &crate::rules::phrase_key("prior to")));
        assert!(same_stem("meeting", "meet") && same_stem("Breaks", "break"));
        assert!(!same_stem("care", "career"));
    }

    #[test]
    fn capitals_follow_what_is_replaced() {
        assert_eq!(copy_case("Service users", "people".into(), true), "People");
        assert_eq!(copy_case("Service users", "people".into(), false), "people");
        assert_eq!(copy_case("SERVICE USERS", "people".into(), false), "PEOPLE");
        assert_eq!(
            copy_case("service users", "NHS staff".into(), true),
            "NHS staff"
        );
        assert_eq!(
            copy_case("IT literate", "confident".into(), true),
            "confident"
        );
        assert!(starts_sentence("Done. Then", 6));
        assert!(starts_sentence("- ", 2));
        assert!(!starts_sentence("We need ", 8));
    }
}
