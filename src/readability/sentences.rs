//! Sentences: where one ends and the next begins, inside one unit of a
//! document (a paragraph, a list item, a table cell, a heading).
//!
//! Our own code, not a crate's: the Unicode sentence rules (UAX #29, as in
//! `unicode-segmentation`) end a sentence at every "Mr." and "e.g." followed
//! by a capital, and council writing is full of them, of section numbers
//! ("s.42", "para. 7"), initials ("K. Brennan") and case-note shorthand
//! ("T/C to dtr."). The splitter is measured against a gold set written
//! for it (`eval/readability/sentences`, tests/readability.rs).
//!
//! A sentence ends at `.`, `?` or `!` (with any closing quotes and brackets
//! after it) followed by a space and a word that can start a sentence, or
//! at the end of the unit. What stands before the full stop decides the
//! rest: a title ("Dr.") or an introducer ("e.g.") never ends a sentence,
//! an initial ("K.") only after a word that takes a letter ("Appendix B."),
//! a label for a number ("No.", "para.") not before a number, shorthand
//! ("etc.", "dtr.") only before a capital, and an ordinary word before a
//! small letter too (case notes start sentences with "nil", "tbc").

use std::ops::Range;

/// Words that come before a name and are never the end of a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "cllr", "rev", "revd", "sgt", "capt", "messrs",
    "hon", "sr", "fr", "st", "mgr", "det", "insp", "supt", "pc", "dc", "ds", "di", "col", "lt",
    "gen",
];

/// Words that introduce what follows and are never the end of a sentence.
const INTRODUCERS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "cf", "viz", "vs", "v", "c.f", "n.b",
];

/// Labels for a number or a code ("No. 4", "para. 7", "ref. CIN/27"):
/// what follows is what they label, so they end a sentence only where the
/// unit ends.
const NUMBER_LABELS: &[&str] = &[
    "no", "nos", "para", "paras", "s", "ss", "sec", "sect", "p", "pp", "fig", "vol", "art", "reg",
    "regs", "sch", "ch", "chap", "ref", "tel", "ext", "approx", "c", "ca", "ver", "v", "op", "cl",
    "enc", "encl", "encs", "app", "appx", "vs",
];

/// Shorthand that ends a sentence only before a capital or a number:
/// "etc.", "Ltd.", days and months, case-note words.
const SHORTHAND: &[&str] = &[
    "etc", "ltd", "inc", "co", "plc", "dept", "govt", "est", "incl", "excl", "approx", "nb", "pt",
    "pts", "dtr", "dtrs", "dau", "grandau", "hrs", "hr", "mins", "min", "secs", "wk", "wks", "yr",
    "yrs", "mth", "mths", "mo", "mos", "tel", "mob", "re", "ref", "info", "admin", "tbc", "tba",
    "asap", "ft", "km", "kg", "mg", "ml", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "rd", "ave", "sq", "av", "bros", "dob", "d.o.b", "a.m", "p.m", "am", "pm",
    "b.sc", "bsc", "m.a", "ma", "msc", "m.sc", "ph.d", "phd", "u.k", "u.s", "o.t", "s.w", "gp",
    "obs", "resp", "temp", "meds", "addl", "fwd", "attd", "req", "recd", "sig",
];

/// Words that take a letter after them ("Appendix B", "Plan A"), so the
/// letter may end a sentence rather than be an initial.
const LETTER_TAKERS: &[&str] = &[
    "appendix", "annex", "schedule", "part", "section", "plan", "option", "table", "figure",
    "band", "grade", "zone", "ward", "level", "tier", "form", "type", "class", "block", "stage",
    "category", "group", "flat", "unit", "room", "bay", "step", "phase", "list", "vitamin", "wing",
    "floor", "route", "pathway", "model", "scenario", "area",
];

/// The sentences of one unit of text, as byte ranges from the first to the
/// last character of each (spaces outside). A unit with no words has none.
pub fn sentences(unit: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut at = 0;
    while at < unit.len() {
        if start.is_none() {
            // The next sentence starts at the next character that is not a space.
            match unit[at..].find(|c: char| !c.is_whitespace()) {
                Some(offset) => {
                    at += offset;
                    start = Some(at);
                }
                None => break,
            }
        }
        // On to the next stop: nothing else can end a sentence.
        match unit[at..].find(['.', '?', '!', '…']) {
            Some(offset) => at += offset,
            None => break,
        }
        let c = unit[at..].chars().next().unwrap_or(' ');
        let next = at + c.len_utf8();
        if let Some(first) = start
            && let Some(end) = sentence_end(unit, first, at, c)
        {
            out.push(first..end);
            start = None;
            at = end;
            continue;
        }
        at = next;
    }
    if let Some(first) = start {
        let end = unit.trim_end().len();
        if end > first {
            out.push(first..end);
        }
    }
    out.retain(|range| unit[range.clone()].chars().any(char::is_alphanumeric));
    out
}

/// Where the sentence that started at `first` ends, if the character `c` at
/// `at` ends it (with the closing quotes and brackets after it).
fn sentence_end(unit: &str, first: usize, at: usize, c: char) -> Option<usize> {
    if !matches!(c, '.' | '?' | '!' | '…') {
        return None;
    }
    // The whole run of stops, then what closes around them: `?!`, `."`, `.)`.
    let mut end = at;
    for ch in unit[at..].chars() {
        if matches!(ch, '.' | '?' | '!' | '…') {
            end += ch.len_utf8();
        } else {
            break;
        }
    }
    let stops = &unit[at..end];
    for ch in unit[end..].chars() {
        if matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_') {
            end += ch.len_utf8();
        } else {
            break;
        }
    }
    let rest = &unit[end..];
    let after = rest.trim_start();
    if after.is_empty() {
        // The end of the unit: the last stop ends the last sentence.
        return Some(end);
    }
    if rest.len() == after.len() {
        // No space after it: "2.5", "www.example.gov.uk", "s.42", "Mon.-Sun.".
        return None;
    }
    let next_word = after.split_whitespace().next().unwrap_or("");
    let next = NextWord::of(next_word);
    // An ellipsis trails off inside a sentence more often than it ends one.
    if stops.contains('…') || stops.contains("..") {
        return (next == NextWord::Capital).then_some(end);
    }
    if c != '.' || stops.len() > 1 {
        // `?` and `!` end a sentence unless the sentence goes on in small
        // letters ("Why?" she asked).
        return (next != NextWord::Small).then_some(end);
    }
    let word = word_before(unit, first, at);
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    if word.is_empty() {
        return (next != NextWord::Small).then_some(end);
    }
    // A closing quote or bracket after the stop belongs to a finished
    // sentence: `(see section 7.2 below).` `"I want to stay." She …`
    let closed = end > at + 1;
    if closed {
        return (next != NextWord::Small).then_some(end);
    }
    if TITLES.contains(&lower) || INTRODUCERS.contains(&lower) {
        return None;
    }
    if is_initial(word) {
        let before_letter = unit[first..at - word.len()].trim_end();
        let taker = word_before(unit, first, first + before_letter.len()).to_lowercase();
        return (LETTER_TAKERS.contains(&taker.as_str()) && next != NextWord::Small).then_some(end);
    }
    // A word that is the whole sentence ("No." as an answer) is a word.
    let whole = unit[first..at].trim() == word;
    if NUMBER_LABELS.contains(&lower) && !(whole && next == NextWord::Capital) {
        return None;
    }
    // Shorthand before a number is a date or a time ("Nov. 2027", "Tues.
    // 12 Oct."), and before a small letter the sentence goes on.
    if SHORTHAND.contains(&lower) || word.contains('.') || is_letter(word) {
        return (next == NextWord::Capital).then_some(end);
    }
    // An ordinary word or a number: a sentence ends here, even before a
    // small letter (case notes: "Settled. nil further").
    Some(end)
}

/// What the word after a stop starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextWord {
    Capital,
    Small,
    Number,
    /// An opening bracket or quote, or a symbol (`£`, `-`).
    Open,
}

impl NextWord {
    fn of(word: &str) -> NextWord {
        let mut chars = word.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => NextWord::Capital,
            Some(c) if c.is_lowercase() => {
                // "eLearning", "iPad": a small letter then a capital.
                if chars.next().is_some_and(char::is_uppercase) {
                    NextWord::Capital
                } else {
                    NextWord::Small
                }
            }
            Some(c) if c.is_ascii_digit() => NextWord::Number,
            Some('"' | '\'' | '“' | '‘' | '(' | '[') => {
                // What the quote or bracket opens on decides.
                match NextWord::of(&word[word.chars().next().map_or(1, char::len_utf8)..]) {
                    NextWord::Small => NextWord::Small,
                    _ => NextWord::Open,
                }
            }
            _ => NextWord::Open,
        }
    }
}

/// The word (letters, digits, inner full stops and slashes: "e.g", "a.m",
/// "H/V", "K") that
/// ends at `at`, not reaching back before `first`.
fn word_before(unit: &str, first: usize, at: usize) -> &str {
    let before = &unit[first..at];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '/'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..].trim_start_matches('.')
}

/// One capital letter: an initial ("K. Brennan") or a label ("Plan B.").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// One small letter ("d. 2025" for died, "m" and "f" in case notes):
/// shorthand, not a word that ends a sentence.
fn is_letter(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_lowercase) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_word_list_names_a_word_once() {
        for list in [INTRODUCERS, NUMBER_LABELS, SHORTHAND, LETTER_TAKERS] {
            let mut seen = std::collections::HashSet::new();
            for word in list {
                assert!(seen.insert(word), "{word} twice");
            }
        }
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn full_stops_end_sentences_but_not_titles_initials_or_numbers() {
        assert_eq!(
            split("Mr. K. Brennan visited at 9.30am. He paid £14.25 under s.42 of the Act. Done"),
            [
                "Mr. K. Brennan visited at 9.30am.",
                "He paid £14.25 under s.42 of the Act.",
                "Done"
            ]
        );
    }

    #[test]
    fn introducers_and_labels_keep_the_sentence_going() {
        assert_eq!(
            split("Bring papers, e.g. Bank statements. See para. 7 and No. 4 below."),
            [
                "Bring papers, e.g. Bank statements.",
                "See para. 7 and No. 4 below."
            ]
        );
    }

    #[test]
    fn shorthand_ends_a_sentence_before_a_capital_only() {
        assert_eq!(
            split("Towels, soap etc. are in the bag. She brought towels etc. The bus was late."),
            [
                "Towels, soap etc. are in the bag.",
                "She brought towels etc.",
                "The bus was late."
            ]
        );
    }

    #[test]
    fn quotes_and_brackets_close_with_their_sentence() {
        assert_eq!(
            split(
                "She said \"I want to stay.\" Then she smiled. (She was tired.) \"Why?\" she asked."
            ),
            [
                "She said \"I want to stay.\"",
                "Then she smiled.",
                "(She was tired.)",
                "\"Why?\" she asked."
            ]
        );
    }

    #[test]
    fn a_letter_after_a_word_that_takes_one_can_end_a_sentence() {
        assert_eq!(
            split("See Appendix B. It lists J. R. Smith as the contact."),
            ["See Appendix B.", "It lists J. R. Smith as the contact."]
        );
    }

    #[test]
    fn case_notes_start_sentences_in_small_letters() {
        assert_eq!(
            split("Settled in chair. nil further concerns."),
            ["Settled in chair.", "nil further concerns."]
        );
    }

    #[test]
    fn addresses_and_file_names_are_not_ends() {
        assert_eq!(
            split(
                "Visit www.example.gov.uk/adults or send form.docx to care.team@example.gov.uk today."
            ),
            [
                "Visit www.example.gov.uk/adults or send form.docx to care.team@example.gov.uk today."
            ]
        );
    }
}
