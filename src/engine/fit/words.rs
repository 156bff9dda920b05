//! Reading the words around a match: the word before and after, the
//! nearest words past a comma, a few words either side within the
//! sentence, and the checks that refuse an edit that would repeat or clash
//! with them.

use std::ops::Range;

use super::lists::*;

/// The words around a match, read once, as slices of the text.
pub(super) struct Around<'a> {
    pub(super) text: &'a str,
    pub(super) span: Range<usize>,
    /// The word just before the match (only spaces between), with its place.
    pub(super) before: Option<(&'a str, Range<usize>)>,

    /// The word just after the match (only spaces between).
    pub(super) after: Option<&'a str>,
}

impl<'a> Around<'a> {
    pub(super) fn new(text: &'a str, span: Range<usize>) -> Around<'a> {
        let before = word_before(text, span.start);
        let after = word_after(text, span.end).map(|(word, _)| word);
        Around {
            text,
            span,
            before,
            after,
        }
    }

    pub(super) fn previous(&self) -> Option<&'a str> {
        self.before.as_ref().map(|(word, _)| *word)
    }

    pub(super) fn previous_is(&self, list: &[&str]) -> bool {
        self.previous().is_some_and(|word| is_one_of(word, list))
    }

    /// The word before the match, looking past one small adverb ("was
    /// then signposted").
    pub(super) fn previous_past_adverb(&self) -> Option<&'a str> {
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
    pub(super) fn before_a_noun(&self) -> bool {
        self.after.is_some_and(|word| {
            !is_not_noun(word)
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
    pub(super) fn third_person_verb_next(&self) -> bool {
        self.after.is_some_and(|w| {
            w.ends_with('s')
                && AMBIGUOUS_VERBS
                    .iter()
                    .any(|v| w.len() == v.len() + 1 && w[..v.len()].eq_ignore_ascii_case(v))
        })
    }

    pub(super) fn ends_noun_phrase(&self, plural: bool) -> bool {
        let noun_next = if plural {
            self.after.is_some_and(|w| {
                is_one_of(w, PLURAL_MODIFIED) || is_one_of(w.trim_end_matches('s'), PLURAL_MODIFIED)
            })
        } else {
            self.before_a_noun() && !self.third_person_verb_next()
        };
        !noun_next && !self.after.is_some_and(|w| is_one_of(w, &["of", "to"]))
    }

    pub(super) fn after_be(&self) -> bool {
        self.previous_is(BE)
    }

    /// What follows the match straight away: `'s` (a singular possessive)
    /// or a lone apostrophe (a plural one), with the apostrophe used.
    pub(super) fn possessive(&self) -> Possessive {
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
pub(super) enum Possessive {
    None,
    /// "user's": the `'s` stays where it is.
    Singular,
    /// "users'": the apostrophe is part of the edit.
    Plural(char),
}

/// A word: letters and digits, with hyphens and apostrophes inside.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}')
}

/// Spaces and at most one line break (a wrapped line, not a new paragraph).
pub(super) fn skip_space_back(text: &str, mut at: usize) -> usize {
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

pub(super) fn skip_space_forward(text: &str, mut at: usize) -> usize {
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
pub(super) fn trim_word(word: &str) -> &str {
    let edge = |b: Option<&u8>| matches!(b, Some(b'-' | b'\'' | 0x80..));
    let bytes = word.as_bytes();
    if !edge(bytes.first()) && !edge(bytes.last()) {
        return word;
    }
    word.trim_matches(['-', '\'', '\u{2019}'])
}

/// The word ending just before `at` (spaces between), with its place.
pub(super) fn word_before(text: &str, at: usize) -> Option<(&str, Range<usize>)> {
    word_ending_at(text, skip_space_back(text, at))
}

pub(super) fn word_ending_at(text: &str, end: usize) -> Option<(&str, Range<usize>)> {
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
pub(super) fn word_after(text: &str, at: usize) -> Option<(&str, Range<usize>)> {
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
pub(super) fn is_light_punctuation(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '\u{2013}' | '\u{2014}')
}

/// The nearest word before `at`, looking past one comma, semicolon or dash.
pub(super) fn neighbour_before(text: &str, at: usize) -> Option<&str> {
    let mut end = skip_space_back(text, at);
    if let Some(c) = text[..end].chars().next_back()
        && is_light_punctuation(c)
    {
        end = skip_space_back(text, end - c.len_utf8());
    }
    word_ending_at(text, end).map(|(word, _)| word)
}

/// The nearest word after `at`, looking past one comma, semicolon or dash.
pub(super) fn neighbour_after(text: &str, at: usize) -> Option<&str> {
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
pub(super) fn words_of(text: &str) -> impl DoubleEndedIterator<Item = &str> {
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
pub(super) fn collides(near: &Neighbourhood<'_>, replacement: &str) -> bool {
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
                !is_function_word(part)
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
pub(super) struct Neighbourhood<'a> {
    pub(super) span: Range<usize>,
    pub(super) before: Option<&'a str>,
    pub(super) after: Option<&'a str>,
    /// The nearest words looking past one comma or dash.
    pub(super) before_comma: Option<&'a str>,
    pub(super) after_comma: Option<&'a str>,
    /// Up to [`NEARBY`] words either side, within the sentence, that a
    /// repeat could be (see [`Neighbourhood::new`]).
    pub(super) nearby: [&'a str; 2 * NEARBY],
    pub(super) nearby_count: usize,
    /// The match is named, not used ([`names_the_term`]).
    pub(super) named: bool,
    /// The words of the match itself.
    pub(super) matched: &'a str,
}

impl<'a> Neighbourhood<'a> {
    pub(super) fn new(text: &'a str, span: Range<usize>) -> Neighbourhood<'a> {
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
            if word.len() > 2 {
                nearby[nearby_count] = word;
                nearby_count += 1;
            }
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

/// How many words either side count as "nearby" for a repeat.
pub(super) const NEARBY: usize = 4;

/// The replacement's words are already there, a few words away in the same
/// sentence: "care sector and provider market" → "care sector and care
/// sector", "a care package and support" → "care and support and support".
/// Words of the match itself do not count ("care" in "care package").
pub(super) fn repeated_nearby(near: &Neighbourhood<'_>, replacement: &str) -> bool {
    let nearby = &near.nearby[..near.nearby_count];
    if nearby.is_empty() {
        return false;
    }
    // "disabled and non-disabled people" is a contrast, not a repeat.
    replacement
        .split(|c: char| !is_word_char(c))
        .flat_map(|word| {
            let word = trim_word(word);
            let after_non = word.strip_prefix("non-").unwrap_or("");
            word.split('-')
                .filter(move |part| *part != after_non && *part != "non")
        })
        .filter(|w| w.len() > 2)
        .any(|c| {
            nearby.iter().any(|w| {
                // Only a word a repeat could be: not a small word, and not
                // the match's own ("care" in "care package" may stay in
                // "care and support"). Checked only where the stems meet.
                same_stem(c, w)
                    && !is_function_word(w)
                    && !is_one_of(w, NOT_REPEATS)
                    && !words_of(near.matched).any(|m| same_stem(m, w))
            })
        })
}

/// How far either side of a match to look for a repeat, in bytes.
pub(super) const WINDOW_BYTES: usize = 96;

/// Two words with the same rough stem ("meet" and "meeting", "break" and
/// "breaks"), compared without a new string.
pub(super) fn same_stem(a: &str, b: &str) -> bool {
    pub(super) fn stem(word: &str) -> &[u8] {
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
pub(super) fn names_the_term(text: &str, span: &Range<usize>) -> bool {
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

/// Whether a sentence, heading or list item starts at `at`: nothing but
/// spaces, quotes, brackets and list marks since a full stop, a line break
/// or the start.
pub(in crate::engine) fn starts_sentence(text: &str, at: usize) -> bool {
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
