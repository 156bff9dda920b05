//! Readability: the sentences of a document, and what makes them hard to
//! follow (length, the passive voice).
//!
//! Every reader (text, Markdown, Word) gives the same units: a heading, a
//! paragraph, a list item or a table cell is a segment of its own, so a
//! sentence never runs from one into the next. Plain text arrives as one
//! segment and is cut into units here, at blank lines and list bullets.

pub mod passive;
pub mod sentences;
pub mod summary;

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::source::Document;

pub use sentences::sentences;
pub use summary::{ReadingFigures, ReadingSummary};

/// The units of one segment of a document (see [`units`]).
pub fn segment_units(document: &Document, segment: &crate::source::Segment) -> Vec<Range<usize>> {
    units(
        document.segment_text(segment),
        &line_breaks(document, segment),
    )
}

/// The units of one segment's text: paragraphs split at blank lines, and a
/// line that starts a list item ("- ", "• ", "1. ") or is a field of a
/// form or letter heading ("Our ref.: ASC/12", "Phone: 01632 …") is a unit
/// of its own. `breaks` are the line breaks the reader turned into spaces
/// (Markdown's). A line break alone does not end a sentence: hard-wrapped
/// prose breaks lines anywhere, and Word turns its line breaks into spaces,
/// so ending units there would split the same text differently in Word.
pub fn units(text: &str, breaks: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for paragraph in paragraphs(text) {
        // Line breaks inside the paragraph, from the text and the reader.
        let mut lines: Vec<usize> = text[paragraph.clone()]
            .match_indices('\n')
            .map(|(at, _)| paragraph.start + at)
            .chain(breaks.iter().copied().filter(|b| paragraph.contains(b)))
            .collect();
        lines.sort_unstable();
        // Each line, and whether it is a field: a unit ends at a break
        // before or after a field.
        let mut line_starts = vec![paragraph.start];
        line_starts.extend(lines.iter().map(|at| at + 1));
        let mut line_ends = lines.clone();
        line_ends.push(paragraph.end);
        let lines_text: Vec<&str> = line_starts
            .iter()
            .zip(&line_ends)
            .map(|(&from, &to)| &text[from..to.max(from)])
            .collect();
        let labelled: Vec<bool> = lines_text.iter().map(|line| has_label(line)).collect();
        // A labelled line is a field when it is short or whole, or one of a
        // run of labelled lines ("Who we are: …", "What you are paid: …").
        let fields: Vec<bool> = (0..lines_text.len())
            .map(|i| {
                labelled[i]
                    && (is_whole(lines_text[i])
                        || (i > 0 && labelled[i - 1])
                        || labelled.get(i + 1).copied().unwrap_or(false))
            })
            .collect();
        let mut start = paragraph.start;
        for (index, &at) in lines.iter().enumerate() {
            if fields[index] || fields[index + 1] {
                out.push(start..at);
                start = at + 1;
            }
        }
        out.push(start..paragraph.end);
    }
    out.retain(|unit| !text[unit.clone()].trim().is_empty());
    out
}

/// A line that starts with a label and a colon: "Date: 11.11.2027",
/// "Please ask for: Ms. S. O'Donnell", "What you are paid: £412 a week".
fn has_label(line: &str) -> bool {
    const LABEL_MAX_WORDS: usize = 4;
    let line = line.trim();
    let Some(colon) = line.find(':') else {
        return false;
    };
    let label = &line[..colon];
    (1..=LABEL_MAX_WORDS).contains(&label.split_whitespace().count())
        && label.chars().next().is_some_and(char::is_alphabetic)
        && line[colon + 1..].starts_with([' ', '\t'])
}

/// A line short enough to be a field on its own, or one that ends a
/// sentence: a long line without a stop is prose wrapped onto the next.
fn is_whole(line: &str) -> bool {
    const LINE_MAX_WORDS: usize = 10;
    let line = line.trim();
    line.split_whitespace().count() <= LINE_MAX_WORDS || line.ends_with(['.', '?', '!'])
}

/// Paragraphs split at blank lines, and list items.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous_blank = true;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim();
        if content.is_empty() {
            if let Some(from) = start.take() {
                out.push(from..line_start);
            }
            previous_blank = true;
            continue;
        }
        if !previous_blank
            && starts_list_item(content)
            && let Some(from) = start.take()
        {
            out.push(from..line_start);
        }
        start.get_or_insert(line_start);
        previous_blank = false;
    }
    if let Some(from) = start {
        out.push(from..text.len());
    }
    out
}

/// A line that begins a list item: a bullet, or a number or letter with a
/// full stop or bracket ("1.", "2)", "a)").
fn starts_list_item(line: &str) -> bool {
    if line.starts_with(['-', '*', '•', '–', '+', '◦', '▪']) {
        return line.chars().nth(1).is_some_and(char::is_whitespace);
    }
    let marker: String = line
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let rest = &line[marker.len()..];
    !marker.is_empty()
        && marker.len() <= 3
        && (marker.chars().all(|c| c.is_ascii_digit())
            || (marker.len() == 1 && marker.chars().all(|c| c.is_ascii_lowercase())))
        && (rest.starts_with(". ") || rest.starts_with(") "))
}

/// Every sentence of a document, in order, as byte ranges of
/// [`Document::text`].
pub fn document_sentences(document: &Document) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for segment in &document.segments {
        let text = document.segment_text(segment);
        for unit in segment_units(document, segment) {
            for sentence in sentences(&text[unit.clone()]) {
                let start = unit.start + sentence.start;
                let end = unit.start + sentence.end;
                out.push(segment.to_document(start)..segment.end_to_document(end));
            }
        }
    }
    out
}

/// Where a segment had a line break: for a Word paragraph, where its
/// reader says; for a segment whose text the reader rebuilt (Markdown),
/// the space the reader put between two pieces, where the document has a
/// new line between them.
fn line_breaks(document: &Document, segment: &crate::source::Segment) -> Vec<usize> {
    // A Word paragraph's, as its reader kept them.
    if !segment.breaks.is_empty() {
        return segment.breaks.clone();
    }
    let Some(text) = &segment.text else {
        return Vec::new();
    };
    segment
        .shifts
        .windows(2)
        .filter_map(|pair| {
            let ((previous_at, previous_doc), (at, doc)) = (pair[0], pair[1]);
            let space = at.checked_sub(1)?;
            if text.as_bytes().get(space) != Some(&b' ') {
                return None;
            }
            // What stands between the two pieces in the document.
            let gap = document
                .text
                .get(previous_doc + (space - previous_at)..doc)?;
            gap.contains('\n').then_some(space)
        })
        .collect()
}

/// The words of a sentence: runs of letters and digits, with the
/// apostrophes, hyphens and full stops inside them ("don't", "co-produce",
/// "9.30am", "£14.25" is one).
pub fn word_count(sentence: &str) -> usize {
    sentence
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '–' | '—'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Words that say no, sorted (they are looked up by binary search; a test
/// keeps them sorted). "Not un-" pairs and sentences with several of these
/// make a reader work out what is meant.
const NEGATIVES: &[&str] = &[
    "aren't",
    "can't",
    "cannot",
    "couldn't",
    "didn't",
    "doesn't",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mustn't",
    "neither",
    "never",
    "no",
    "nobody",
    "none",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "shouldn't",
    "unless",
    "wasn't",
    "weren't",
    "without",
    "won't",
    "wouldn't",
];

/// Words with a negative prefix that, after "not", make a double negative
/// ("not uncommon", "not unreasonable", "not insignificant").
fn is_negative_word(word: &str) -> bool {
    const PREFIXED: &[&str] = &[
        "uncommon",
        "unusual",
        "unlikely",
        "unreasonable",
        "unhelpful",
        "unimportant",
        "unaware",
        "unable",
        "unwilling",
        "unknown",
        "unlike",
        "unhappy",
        "unclear",
        "unsafe",
        "unsuitable",
        "unnecessary",
        "unacceptable",
        "unreasonably",
        "insignificant",
        "inappropriate",
        "impossible",
        "incorrect",
        "infrequent",
        "irrelevant",
        "inconsistent",
        "insufficient",
        "ineligible",
        "inadequate",
        "illegal",
        "dissimilar",
        "disagree",
        "dislike",
        "non-compliant",
        "uncommonly",
        "unwise",
        "unfair",
        "unaffordable",
        "infrequently",
    ];
    PREFIXED.contains(&word)
}

/// The negatives of a sentence that make it hard to follow: every negative
/// word when there are three or more, or a "not" and the prefixed word
/// after it ("not uncommon"). Empty when the sentence reads plainly.
pub fn tangled_negatives(sentence: &str) -> Vec<Range<usize>> {
    // Most sentences have no negative at all, or one that is not "not" or
    // "never": nothing to find, and no need to read them word by word.
    let (count, not_or_never) = negative_words(sentence);
    if count < MANY_NEGATIVES && !not_or_never {
        return Vec::new();
    }
    tangled_negatives_word_by_word(sentence)
}

/// How many negatives make a sentence tangled on their own.
const MANY_NEGATIVES: usize = 3;

/// The words of [`NEGATIVES`], with a curly apostrophe as well as a
/// straight one, for one pass over a sentence.
static NEGATIVE_SEARCH: LazyLock<(AhoCorasick, Vec<bool>)> = LazyLock::new(|| {
    let words: Vec<String> = NEGATIVES
        .iter()
        .flat_map(|word| [word.to_string(), word.replace('\'', "’")])
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let not_or_never = words
        .iter()
        .map(|w| matches!(w.as_str(), "not" | "never"))
        .collect();
    let search = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&words)
        .expect("the negative words are plain words");
    (search, not_or_never)
});

/// How many of a sentence's words (as [`WordSpans`] cuts them) are on
/// [`NEGATIVES`], and whether one is "not" or "never": the same count the
/// word-by-word reading makes, found in one pass.
fn negative_words(sentence: &str) -> (usize, bool) {
    let inside =
        |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-'));
    let (search, not_or_never) = &*NEGATIVE_SEARCH;
    let mut count = 0;
    let mut has_not_or_never = false;
    for found in search.find_overlapping_iter(sentence) {
        let whole_word = !inside(sentence[..found.start()].chars().next_back())
            && !inside(sentence[found.end()..].chars().next());
        if whole_word {
            count += 1;
            has_not_or_never |= not_or_never[found.pattern().as_usize()];
        }
    }
    (count, has_not_or_never)
}

/// [`tangled_negatives`], reading every word: the plain reference the
/// one-pass count is tested against.
fn tangled_negatives_word_by_word(sentence: &str) -> Vec<Range<usize>> {
    const MANY: usize = MANY_NEGATIVES;
    let mut negatives: Vec<Range<usize>> = Vec::new();
    let mut previous: Option<(Range<usize>, bool)> = None;
    for word in WordSpans::new(sentence) {
        // Every word on the lists starts with one of these letters and is
        // short: most words are passed over at once.
        let first = sentence.as_bytes()[word.start].to_ascii_lowercase();
        if word.len() > 12
            || !matches!(
                first,
                b'a' | b'c' | b'd' | b'h' | b'i' | b'm' | b'n' | b's' | b'u' | b'w'
            )
        {
            previous = None;
            continue;
        }
        let mut buffer = [0u8; SHORT_WORD];
        let lower = lower_ascii(&sentence[word.clone()], &mut buffer);
        if let Some((before, true)) = &previous
            && is_negative_word(lower)
        {
            let pair = before.start..word.end;
            return std::iter::once(pair).collect();
        }
        let negative = NEGATIVES.binary_search(&lower).is_ok();
        if negative {
            negatives.push(word.clone());
        }
        previous = Some((word, matches!(lower, "not" | "never")));
    }
    if negatives.len() >= MANY {
        negatives
    } else {
        Vec::new()
    }
}

/// Words longer than this are never on a short list of words.
const SHORT_WORD: usize = 16;

/// A word in lower case, with a curly apostrophe as a straight one, in
/// `buffer`; "" for a word too long or not ASCII to be on a list.
fn lower_ascii<'b>(word: &str, buffer: &'b mut [u8; SHORT_WORD]) -> &'b str {
    let mut n = 0;
    for c in word.chars() {
        let c = if c == '’' { '\'' } else { c };
        if !c.is_ascii() || n == SHORT_WORD {
            return "";
        }
        buffer[n] = (c as u8).to_ascii_lowercase();
        n += 1;
    }
    std::str::from_utf8(&buffer[..n]).unwrap_or("")
}

/// Where a long sentence could be split: its semicolons and the words that
/// join two thoughts ("and", "but", "which"), each once, in the order they
/// come, at most three.
pub fn split_points(sentence: &str) -> Vec<&'static str> {
    const JOINS: &[&str] = &[
        "and", "but", "which", "because", "so", "while", "although", "or",
    ];
    let mut out: Vec<&'static str> = Vec::new();
    let lower = sentence.to_lowercase();
    if lower.contains(';') {
        out.push(";");
    }
    for word in lower.split(|c: char| !c.is_alphabetic()) {
        if let Some(join) = JOINS.iter().find(|j| **j == word)
            && !out.contains(join)
        {
            out.push(join);
        }
    }
    out.truncate(3);
    out
}

/// The words of a sentence with their places: runs of letters, digits,
/// apostrophes and hyphens.
struct WordSpans<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> WordSpans<'a> {
    fn new(text: &'a str) -> WordSpans<'a> {
        WordSpans { text, at: 0 }
    }
}

impl Iterator for WordSpans<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let inside = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
        let rest = &self.text[self.at..];
        let start = self.at + rest.find(inside)?;
        let end = self.text[start..]
            .find(|c: char| !inside(c))
            .map_or(self.text.len(), |offset| start + offset);
        self.at = end;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_pass_count_of_negatives_agrees_with_reading_every_word() {
        let mut sentences: Vec<String> = vec![
            "It is not uncommon.".into(),
            "No one can't say never, not without reason.".into(),
            "Nobody knows; NOTHING is known, nor NEVER.".into(),
            "She doesn’t know and won’t ask, unless told.".into(),
            "The non-negotiable note: no-one, Notting Hill, nothing's, cannot.".into(),
            "Knot, snot, notice, nowhere-near, nevertheless, unknown.".into(),
        ];
        // Every sentence of the evaluation documents, a few thousand of them.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("eval");
        for folder in ["docs", "held-out/docs", "tuning-2/docs", "tuning-3/docs"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                sentences.extend(text.split(['.', '\n']).map(str::to_string));
            }
        }
        assert!(sentences.len() > 1000, "{}", sentences.len());
        for sentence in &sentences {
            let mut words = 0;
            let mut not_or_never = false;
            for word in WordSpans::new(sentence) {
                let lower = sentence[word].to_lowercase().replace('’', "'");
                if NEGATIVES.binary_search(&lower.as_str()).is_ok() {
                    words += 1;
                    not_or_never |= matches!(lower.as_str(), "not" | "never");
                }
            }
            assert_eq!(
                negative_words(sentence),
                (words, not_or_never),
                "{sentence}"
            );
            assert_eq!(
                tangled_negatives(sentence),
                tangled_negatives_word_by_word(sentence),
                "{sentence}"
            );
        }
    }

    #[test]
    fn plain_text_units_are_paragraphs_and_list_items() {
        let text = "First line\ngoes on.\n\n- one\n- two\n1. three\n\nLast.";
        let got: Vec<&str> = units(text, &[])
            .into_iter()
            .map(|r| text[r].trim())
            .collect();
        assert_eq!(
            got,
            [
                "First line\ngoes on.",
                "- one",
                "- two",
                "1. three",
                "Last."
            ]
        );
        let text = "Our ref.: AB/1\nDate: 1.2.2027\nDear Ms Khan,";
        let got: Vec<&str> = units(text, &[])
            .into_iter()
            .map(|r| text[r].trim())
            .collect();
        assert_eq!(got, ["Our ref.: AB/1", "Date: 1.2.2027", "Dear Ms Khan,"]);
    }

    #[test]
    fn negatives_are_sorted_for_binary_search() {
        assert!(NEGATIVES.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn negatives_tangle_in_threes_and_in_not_un_pairs() {
        let found = |s: &'static str| -> Vec<&str> {
            tangled_negatives(s).into_iter().map(|r| &s[r]).collect()
        };
        assert_eq!(
            found("It is not uncommon for carers to wait."),
            ["not uncommon"]
        );
        assert_eq!(
            found("You cannot apply unless you have not had help."),
            ["cannot", "unless", "not"]
        );
        assert!(found("You do not have to pay.").is_empty());
    }

    #[test]
    fn long_sentences_split_at_semicolons_and_joining_words() {
        assert_eq!(
            split_points("We visited and talked, which helped; but she was tired and cold."),
            [";", "and", "which"]
        );
    }

    #[test]
    fn words_are_counted_as_a_reader_counts_them() {
        assert_eq!(
            word_count("She pays £14.25 at 9.30am – it's co-produced."),
            7
        );
    }
}
