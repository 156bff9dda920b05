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
use crate::rules::{Fit, PhraseClass, Rule, VerbPhrase, phrase_key};

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
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
    "get", "gets", "got", "getting",
];
/// Small words that may stand between "was" and a participle.
const ADVERBS: &[&str] = &[
    "also", "then", "already", "just", "never", "not", "often", "always", "since", "now",
];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "whose", "each", "every", "another", "any", "some", "no", "one", "either",
    "neither", "many", "several", "few", "both", "all",
];
/// Determiners that need a countable noun in the singular: a mass noun
/// ("care and support") cannot follow them.
const COUNT_ONLY: &[&str] = &["each", "every", "another", "one", "either", "neither"];
/// Words that start a phrase or clause after a head noun.
const AFTER_HEAD: &[&str] = &[
    "of", "for", "in", "on", "at", "to", "from", "with", "about", "who", "that", "which", "whose",
    "where", "after", "before",
];
/// Words that cannot follow a describing word used before a noun: when
/// one of them comes next, the describing word is not before a noun.
const NOT_NOUNS: &[&str] = &[
    "and", "or", "but", "nor", "to", "of", "for", "with", "in", "on", "at", "by", "from", "as",
    "than", "that", "which", "who", "is", "are", "was", "were", "be", "been", "the", "a", "an",
    "if", "when", "because", "so", "enough", "too", "about", "into", "through", "throughout",
    "across", "within",
];
const PREPOSITIONS: &[&str] = &[
    "to", "with", "of", "for", "in", "on", "at", "by", "from", "about", "into", "onto", "towards",
];
/// Words too common to count as a repeat ("a" next to "a plan" is fine).
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "is", "are", "was", "were", "be", "you", "your", "they", "them", "their", "it", "its", "as",
    "that", "who", "what", "this", "not", "do", "does", "did", "has", "have", "had", "can", "will",
];

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
    let around = Around::new(place.text, local);
    let mut written = None;
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
        let Some((edit_span, replacement)) =
            fit_one(rule, &suggestion.fit, &suggestion.text, matched, &around)
        else {
            continue;
        };
        let original = &place.text[edit_span.clone()];
        if place.markup && original.contains(MARKUP) {
            continue;
        }
        let replacement = if rule.case_sensitive {
            replacement
        } else {
            copy_case(original, replacement)
        };
        if replacement == original
            || collides(place.text, &edit_span, &replacement)
            || fitted.iter().any(|f| f.edit.replacement == replacement)
        {
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

    /// A noun or describing word follows (not a small word, not punctuation).
    fn before_a_noun(&self) -> bool {
        self.after
            .is_some_and(|word| !is_one_of(word, NOT_NOUNS) && !is_one_of(word, BE))
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

/// The words of a replacement, edges trimmed.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .map(trim_word)
        .filter(|w| !w.is_empty())
}

/// The replacement would repeat the word next to it ("a busy, busy team",
/// "care at home care workers") or put two prepositions together
/// ("talking to with").
fn collides(text: &str, span: &Range<usize>, replacement: &str) -> bool {
    let mut words = words_of(replacement);
    let Some(first) = words.next() else {
        return false;
    };
    let last = words.last().unwrap_or(first);
    let repeats = |neighbour: &str, edge: &str| {
        neighbour.eq_ignore_ascii_case(edge)
            || (!is_one_of(neighbour, FUNCTION_WORDS)
                && words_of(replacement).any(|w| w.eq_ignore_ascii_case(neighbour)))
    };
    let clash = |neighbour: &str, edge: &str| {
        is_one_of(neighbour, PREPOSITIONS) && is_one_of(edge, PREPOSITIONS)
    };
    neighbour_before(text, span.start).is_some_and(|w| repeats(w, first))
        || neighbour_after(text, span.end).is_some_and(|w| repeats(w, last))
        || word_before(text, span.start).is_some_and(|(w, _)| clash(w, first))
        || word_after(text, span.end).is_some_and(|(w, _)| clash(w, last))
}

/// Capitals copied from what is replaced: "Service users" → "People",
/// "SERVICE USERS" → "PEOPLE". Capitals in the replacement (a name) stay.
fn copy_case(original: &str, mut replacement: String) -> String {
    let mut letters = original.chars().filter(|c| c.is_alphabetic());
    let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
    if all_caps {
        return replacement.to_uppercase();
    }
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    if starts_upper && replacement.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        // The common case, without a new string.
        replacement[..1].make_ascii_uppercase();
        return replacement;
    }
    let mut chars = replacement.chars();
    match (original.chars().next(), chars.next()) {
        (Some(o), Some(first)) if o.is_uppercase() && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => replacement,
    }
}

/// Whether the match is one of the rule's phrases as written (not a
/// generated form: "use" is right for "utilise", wrong for "utilised").
fn as_written(rule: &Rule, matched: &str) -> bool {
    let key = phrase_key(matched);
    rule.phrase_data.keys.contains(&key)
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
    fit: &Fit,
    text: &str,
    matched: &str,
    around: &Around<'_>,
) -> Option<(Range<usize>, String)> {
    let span = around.span.clone();
    match fit {
        Fit::Advice => None,
        // Checked by the caller, once for all of a rule's phrases.
        Fit::Phrase => Some((span, text.to_string())),
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
            fit_verb(rule, matched, around, phrase)
        }
        Fit::Adjective {
            before_noun,
            after_be,
        } => {
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
            if around.before_a_noun() {
                return None;
            }
            let (be, range) = around.before.as_ref()?;
            let form = match be.to_ascii_lowercase().as_str() {
                "is" => VerbForm::Third,
                "are" | "am" | "be" => VerbForm::Base,
                "was" | "were" => VerbForm::Past,
                "been" => VerbForm::Participle,
                "being" => VerbForm::Ing,
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
    if possessive != Possessive::None && !takes_possessive(words) {
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
    if is_one_of(first, DETERMINERS) {
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
            Some(word) if is_one_of(word, DETERMINERS) => None,
            _ => Some((span, fix_article(&replacement))),
        };
    }
    if mass {
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
) -> Option<(Range<usize>, String)> {
    // "a signpost", "the signposting": the word is used as a noun here.
    if around.previous_is(DETERMINERS) {
        return None;
    }
    let first = matched.split([' ', '-']).next()?;
    let form = rule
        .phrase_data
        .verbs
        .iter()
        .find_map(|verb| verb.form_of(first))?;
    let form = match form {
        VerbForm::Past
            if around
                .previous_past_adverb()
                .is_some_and(|w| is_one_of(w, PARTICIPLE_AFTER)) =>
        {
            VerbForm::Participle
        }
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
    fn capitals_follow_what_is_replaced() {
        assert_eq!(copy_case("Service users", "people".into()), "People");
        assert_eq!(copy_case("SERVICE USERS", "people".into()), "PEOPLE");
        assert_eq!(copy_case("service users", "NHS staff".into()), "NHS staff");
    }
}
