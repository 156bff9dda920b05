//! Words talked about, not used. A style guide's table of words to avoid
//! (`| Instead of | Say |`), a glossary's column of terms, or a sentence
//! that names words to drop ("avoid words like respite and placement")
//! already tells readers what the linter would: an editor leaves them
//! alone, and so do we.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::Finding;
use super::context::QUOTES;
use crate::source::Document;

/// Words just before a match (a list of short items may come between) that
/// say the words after them are being talked about.
const MENTIONING: &[&str] = &[
    "avoid using",
    "avoid saying",
    "avoid writing",
    "avoid words like",
    "avoid words such as",
    "avoid terms like",
    "avoid terms such as",
    "words like",
    "words such as",
    "terms like",
    "terms such as",
    "phrases like",
    "phrases such as",
    "labels like",
    "labels such as",
    "language like",
    "language such as",
    "do not say",
    "don't say",
    "do not use",
    "don't use",
    "do not write",
    "don't write",
    "we no longer say",
    "we no longer use",
    "stop saying",
    "stop using",
    "rather than saying",
    "instead of saying",
    "the word",
    "the words",
    "the term",
    "the phrase",
    // The author has given the plain words and names the jargon beside
    // them: `a short break (sometimes called respite)`.
    "sometimes called",
    "also called",
    "often called",
    "also known as",
    "sometimes known as",
    "formerly called",
    "formerly known as",
    "previously called",
    "previously known as",
    "used to be called",
    "you may hear",
    "you might hear",
    // The author introduces the term by name: `We call this being a
    // self-funder`, `This is called a strategy meeting`.
    "we call this",
    "we call these",
    "we call them",
    "we call it",
    "we call this being",
    "we call this person",
    "we call these people",
    "which we call",
    "what we call",
    "this is called",
    "these are called",
];

/// How far back a sentence is read for those words.
const REACH: usize = 120;

/// How many earlier items of a list may stand between them and the match
/// ("words like respite, placement and LAC").
const LIST_WORDS: usize = 8;

/// The longest table row read, in bytes, and the most rows climbed to find
/// a table's heading: both keep the cost per finding bounded.
const ROW_MAX: usize = 4096;
const ROWS_MAX: usize = 200;

/// The most paragraphs read back through a Word table for its heading.
const CELLS_BACK: usize = 4096;

/// A table column whose heading is one of these lists words, not uses them.
const HEADINGS_EXACT: &[&str] = &[
    "term", "terms", "word", "words", "phrase", "phrases", "jargon", "label", "labels", "avoid",
    "old", "before", "not this", "don't", "do not",
];

/// … or holds one of these.
const HEADINGS_CONTAINING: &[&str] = &[
    "instead of",
    "avoid",
    "don't say",
    "do not say",
    "don't use",
    "do not use",
    "don't write",
    "do not write",
    "we used to say",
    "old word",
    "old term",
    "words to",
    "terms to",
    "jargon",
];

/// Drops the findings on words the document talks about rather than uses.
pub(super) fn review(document: &Document, findings: &mut Vec<Finding>) {
    findings.retain(|finding| {
        !named_in_sentence(&document.text, &finding.span)
            && !under_a_mention_heading(document, &finding.span)
            && !quoted_as_a_word(&document.text, &finding.span)
    });
}

/// The naming words, found in one pass over the bytes before a finding
/// (run for every finding, so it must be cheap: a search per phrase was a
/// seventh of a whole run).
static MENTIONING_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(MENTIONING)
        .expect("the naming words are plain phrases")
});

/// `avoid words like “respite”, placement and LAC`.
fn named_in_sentence(text: &str, span: &Range<usize>) -> bool {
    let from = text.floor_char_boundary(span.start.saturating_sub(REACH));
    let before = &text[from..span.start];
    // Only this sentence.
    let before = before
        .rfind(['.', '!', '?', '\n', ';', ':'])
        .map_or(before, |at| &before[at + 1..]);
    MENTIONING_SEARCH
        .find_overlapping_iter(before)
        .any(|found| {
            let lead = &before[..found.start()];
            (lead.is_empty() || lead.ends_with([' ', '('])) && is_list_lead(&before[found.end()..])
        })
}

/// A match that is the whole of a quotation, where the quotation is one of
/// a list of quoted words (`they dislike – "placement", "contact", "LAC"`)
/// or what something says (`older templates still say "CCG"`): the words
/// are shown, not used. Not what someone said (`He said "care"`): that is
/// quoted speech, which each rule's `ignore_in_quotes` decides.
fn quoted_as_a_word(text: &str, span: &Range<usize>) -> bool {
    let (Some(open), Some(close)) = (
        text[..span.start].chars().next_back(),
        text[span.end..].chars().next(),
    ) else {
        return false;
    };
    if !QUOTES.contains(&open) || !QUOTES.contains(&close) {
        return false;
    }
    let before = text[..span.start - open.len_utf8()].trim_end_matches(' ');
    let after = &text[span.end + close.len_utf8()..];
    let quote_follows = |rest: &str| rest.starts_with(QUOTES);
    let listed_before = before
        .strip_suffix(',')
        .is_some_and(|lead| lead.ends_with(QUOTES));
    let listed_after = after.strip_prefix(", ").is_some_and(quote_follows);
    let word_before = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    listed_before
        || listed_after
        || ["say", "says"]
            .iter()
            .any(|say| word_before.eq_ignore_ascii_case(say))
}

/// Whether `between` (from the naming words to the match) is nothing, or
/// the earlier items of a list: short items joined by commas, "and", "or".
fn is_list_lead(between: &str) -> bool {
    let between = between.trim_matches(|c| c == ' ' || QUOTES.contains(&c));
    if between.len() > REACH {
        return false;
    }
    let between = between.to_lowercase();
    let between = between.as_str();
    // `words like the elderly`, `sometimes called a care package`.
    if matches!(between, "" | "a" | "an" | "the") {
        return true;
    }
    // The last item must end in a joiner, for the match to be the next one
    // ("respite, placement, and LAC" too), perhaps with a small word after
    // it ("a strategy meeting or a multi-agency meeting").
    let between = [" a", " an", " the"]
        .iter()
        .find_map(|small| between.strip_suffix(small))
        .unwrap_or(between);
    let Some(items) = [", and", ", or", " and", " or", ","]
        .iter()
        .find_map(|joiner| between.strip_suffix(joiner))
    else {
        return false;
    };
    let items: Vec<&str> = items
        .split([','])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" or "))
        .collect();
    items.len() <= LIST_WORDS
        && items.iter().all(|item| {
            let words = item
                .trim_matches(|c| c == ' ' || QUOTES.contains(&c))
                .split_whitespace()
                .count();
            (1..=3).contains(&words)
        })
}

/// A table cell under a heading such as "Instead of" or "Term".
fn under_a_mention_heading(document: &Document, span: &Range<usize>) -> bool {
    heading_of_column(document, span).is_some_and(|heading| is_mention_heading(&heading))
}

fn is_mention_heading(heading: &str) -> bool {
    let heading = heading
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .to_lowercase();
    HEADINGS_EXACT.contains(&heading.as_str())
        || HEADINGS_CONTAINING
            .iter()
            .any(|words| heading.contains(words))
}

/// The text of the first row's cell above the one holding `span`, in a
/// Word table (by the cells' places) or a Markdown table (by its lines).
fn heading_of_column(document: &Document, span: &Range<usize>) -> Option<String> {
    let segment = document.segment_at(span.start)?;
    if let Some(location) = &segment.location {
        let cell = location.cells.last()?;
        // Rows count from 1: the first is the heading.
        if cell.row == 1 {
            return None;
        }
        // Back from this cell, no further than a table's first rows can be,
        // so a long table costs the same per finding as a short one.
        let here = document.segments.partition_point(|s| s.start <= span.start);
        let heading = document.segments[..here]
            .iter()
            .rev()
            .take(CELLS_BACK)
            .find(|other| {
                other.location.as_ref().is_some_and(|place| {
                    place.part == location.part
                        && place.cells.len() == location.cells.len()
                        && place.cells.last().is_some_and(|c| {
                            c.table == cell.table && c.row == 1 && c.column == cell.column
                        })
                })
            })?;
        return Some(document.segment_text(heading).to_string());
    }
    markdown_heading_of_column(&document.text, span.start)
}

/// `| Instead of | Say |` above `| respite | a short break |`: the heading
/// of the column holding `at`, when its line is a row of a Markdown table.
fn markdown_heading_of_column(text: &str, at: usize) -> Option<String> {
    // A table row is short: no further back than this is read, so one
    // huge line costs the same as a short one.
    let from = text.floor_char_boundary(at.saturating_sub(ROW_MAX));
    let line_start = match text[from..at].rfind('\n') {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return None,
    };
    let line = &text[line_start..];
    if !line.trim_start().starts_with('|') {
        return None;
    }
    let column = text[line_start..at].matches('|').count().checked_sub(1)?;
    // Up through the rows of the table to its first line.
    let mut header = line_start;
    for _ in 0..ROWS_MAX {
        if header == 0 {
            break;
        }
        let from = text.floor_char_boundary((header - 1).saturating_sub(ROW_MAX));
        let previous_start = match text[from..header - 1].rfind('\n') {
            Some(i) => from + i + 1,
            None if from == 0 => 0,
            // A line longer than a row: the table starts below it.
            None => break,
        };
        if !text[previous_start..header].trim_start().starts_with('|') {
            break;
        }
        header = previous_start;
    }
    if header == line_start {
        return None;
    }
    let header_line = text[header..].lines().next()?;
    header_line
        .trim()
        .trim_start_matches('|')
        .split('|')
        .nth(column)
        .map(|cell| cell.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentioned(text: &str, word: &str) -> bool {
        let at = text.rfind(word).expect("the word is in the text");
        named_in_sentence(text, &(at..at + word.len()))
    }

    #[test]
    fn a_word_shown_in_quotes() {
        let quoted = |text: &str, word: &str| {
            let at = text.find(word).expect("the word is in the text");
            quoted_as_a_word(text, &(at..at + word.len()))
        };
        let list = "words they dislike – \"placement\", \"contact\", \"LAC\", \"respite\" – unless";
        for word in ["placement", "LAC", "respite"] {
            assert!(quoted(list, word), "{word}");
        }
        assert!(quoted(
            "Older templates still say “CCG”; read it as ICB.",
            "CCG"
        ));
        assert!(!quoted("She said \"I want respite\" twice.", "respite"));
        assert!(!quoted(
            "A short break (\"respite\") is for you.",
            "respite"
        ));
        assert!(!quoted("We offer respite to carers.", "respite"));
    }

    #[test]
    fn words_named_in_a_sentence() {
        assert!(mentioned("Please avoid words like respite.", "respite"));
        assert!(mentioned(
            "Avoid labels such as “challenging”, placement and LAC.",
            "LAC"
        ));
        assert!(mentioned("We no longer use the word “client”.", "client"));
        assert!(mentioned("Don't say service users.", "service users"));
        assert!(mentioned(
            "Avoid words like respite, placement, and LAC.",
            "LAC"
        ));
        assert!(mentioned(
            "A short break (sometimes called respite) gives you time.",
            "respite"
        ));
        assert!(mentioned(
            "Home care, also known as a care package, is help at home.",
            "care package"
        ));
        assert!(mentioned(
            "You pay the full cost. We call this being a self-funder.",
            "self-funder"
        ));
        assert!(mentioned(
            "We call these disability-related expenditure, or DRE.",
            "disability-related expenditure"
        ));
        assert!(mentioned(
            "This is called a strategy meeting or a multi-agency meeting.",
            "multi-agency"
        ));
        assert!(mentioned(
            "We call this person the lead practitioner.",
            "lead practitioner"
        ));
    }

    #[test]
    fn words_used_in_a_sentence() {
        assert!(!mentioned("We offer respite to carers.", "respite"));
        assert!(!mentioned(
            "Avoid words like that. We offer respite.",
            "respite"
        ));
        assert!(!mentioned(
            "Instead of going into respite, she stayed at home.",
            "respite"
        ));
        assert!(!mentioned(
            "Words such as these matter, so our service users helped write them.",
            "service users"
        ));
        assert!(!mentioned(
            "The term of the contract ends when respite stops.",
            "respite"
        ));
        assert!(!mentioned(
            "She is also known as a good neighbour, and we arranged respite.",
            "respite"
        ));
        assert!(!mentioned(
            "We call this number if the care package stops.",
            "care package"
        ));
    }

    #[test]
    fn columns_of_a_markdown_table() {
        let text = "| Instead of | Say |\n|---|---|\n| respite | a short break |\n| LAC | children in care |\n";
        let at = |word: &str| text.find(word).expect("in the table");
        assert_eq!(
            markdown_heading_of_column(text, at("LAC")).as_deref(),
            Some("Instead of")
        );
        assert_eq!(
            markdown_heading_of_column(text, at("short")).as_deref(),
            Some("Say")
        );
        assert_eq!(markdown_heading_of_column(text, at("Instead")), None);
        assert!(is_mention_heading("**Instead of**"));
        assert!(is_mention_heading("Words to avoid"));
        assert!(is_mention_heading("Term"));
        assert!(!is_mention_heading("What it means"));
        assert!(!is_mention_heading("Service"));
    }
}
