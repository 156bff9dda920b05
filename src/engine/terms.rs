//! Terms the text explains. An editor circles "reablement" where a reader
//! first meets it unexplained, but not once the text has said what it is
//! ("Reablement is short-term help at home …", "what we call
//! co-production", "a deferred payment (a loan from the council …)"). For a
//! rule marked `explainable`, the explanation and every later use are not
//! flagged; uses before it still are.

use std::collections::HashMap;
use std::ops::Range;

use super::context::{QUOTES, ends_with_phrase, reads_as_heading, words_before};
use super::fit::words::starts_sentence;
use super::{Finding, Linter};
use crate::source::Document;

/// Words that, just before a term, say it is being named or explained.
const NAMING: &[&str] = &[
    "called",
    "called being",
    "we call",
    "call this",
    "call it",
    "calls this",
    "calls it",
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
    // "Your capital includes savings, shares and property": a definition
    // by what the term covers.
    " includes",
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

/// How the sentence after a term starts when it explains the term.
const NEXT_SENTENCE: &[&str] = &[
    ". that means",
    ". this means",
    ". it means",
    ". this is the name",
    ". this is what",
    ". this is when",
    ". this is where",
    // `… any disability-related expenditure (DRE). These are extra costs
    // …`: the next sentence says what the thing is.
    ". these are ",
    ". this is a ",
    ". this is an ",
];

/// Words after a term that send the reader to its explanation.
const POINTERS: &[&str] = &[
    "see note",
    "see the note",
    "see glossary",
    "see the glossary",
    "see definitions",
    "see the definitions",
];

/// Words after "is a" that judge a thing rather than say what it is
/// (`Coercive control is a crime`, `Reablement is a priority`).
const JUDGING: &[&str] = &[
    "crime",
    "criminal",
    "offence",
    "priority",
    "problem",
    "concern",
    "risk",
    "issue",
    "factor",
    "sign",
    "key",
    "legal",
    "statutory",
    "serious",
    "good",
    "great",
    "common",
    "growing",
    "big",
    "major",
    "real",
    "national",
];

/// Whether `rest` (after "is" or "are") is "a", "an" or "the" and a judging
/// word.
fn judges(rest: &str) -> bool {
    let mut words = rest.split(|c: char| !c.is_alphanumeric() && c != '-');
    matches!(words.next(), Some("a" | "an" | "the"))
        && words.next().is_some_and(|word| JUDGING.contains(&word))
}

/// Verbs that, after a term opening a sentence, say what it does for the
/// reader (`A deferred payment agreement lets you …`): an explanation.
const DOING: &[&str] = &[
    " lets ",
    " let ",
    " allows ",
    " helps ",
    " gives ",
    // `A transition assessment looks at what you can do …`
    " looks at ",
];

/// Markdown emphasis around a term (`**Tariff income** means …`).
const EMPHASIS: &[char] = &['*', '_'];

/// How many words may follow a term before the end of its sentence, for
/// "This means …" after it to explain the term.
const SENTENCE_TAIL_WORDS: usize = 4;

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
    let mut root_explained: HashMap<String, Option<usize>> = HashMap::new();
    // A glossary explains every use, before it as well as after, as it does
    // for abbreviations: the reader can look the word up from anywhere.
    let glossaries = glossary_sections(document);
    if !glossaries.is_empty() {
        for finding in findings.iter() {
            if linter.rule(finding.rule).explainable
                && glossaries.iter().any(|g| g.contains(&finding.span.start))
                && label_then_definition(&document.text, &finding.span, true)
                    .is_some_and(|definition| definition.split_whitespace().nth(1).is_some())
            {
                explained_from.insert(finding.rule, 0);
            }
        }
    }
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
        // `Appointeeship only covers benefits` after "An appointee is a
        // person the DWP allows …": the role explained explains the word
        // for holding it.
        let matched = &document.text[finding.span.clone()];
        if let Some(root) = strip_suffix_ignore_case(matched, "ships")
            .or_else(|| strip_suffix_ignore_case(matched, "ship"))
            && root.len() >= 4
        {
            let at = *root_explained
                .entry(root.to_ascii_lowercase())
                .or_insert_with(|| first_explanation_of(&document.text, root));
            if at.is_some_and(|at| at < finding.span.start) {
                explained_from.insert(finding.rule, finding.span.start);
                dropped[index] = true;
                continue;
            }
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

/// `word` without `suffix`, compared without regard to case.
fn strip_suffix_ignore_case<'a>(word: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = word.len().checked_sub(suffix.len())?;
    (word.is_char_boundary(cut) && word[cut..].eq_ignore_ascii_case(suffix)).then(|| &word[..cut])
}

/// Where the text first explains `term` as a word on its own (`An
/// appointee is …`), if it does. Each use of the word is read once, with
/// the bounded look either side that [`explains`] takes.
fn first_explanation_of(text: &str, term: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let term = term.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(&term) {
        let start = from + found;
        let end = start + term.len();
        if super::context::whole_word(text, &(start..end)) && explains(text, &(start..end)) {
            return Some(start);
        }
        from = end;
    }
    None
}

/// How far below a heading its explanation may start.
const HEADING_REACH: usize = 400;

fn in_heading(document: &Document, finding: &Finding) -> bool {
    document
        .segment_at(finding.span.start)
        .is_some_and(|segment| reads_as_heading(document.segment_text(segment)))
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
    let tail = words_before(before, WINDOW);
    // `(the "12-week property disregard")` after the words that say what
    // it is: the quotes and brackets give the thing its name.
    // Only the few bytes before the term are read: a long paragraph of
    // letters and spaces must not be walked back for every finding.
    let near = text.floor_char_boundary(span.start.saturating_sub(WINDOW));
    let opened = text[near..span.start].trim_end_matches(|c| QUOTES.contains(&c));
    let quoted = near + opened.len() < span.start;
    let bracket_lead = opened.trim_end_matches(|c: char| c.is_alphabetic() || c == ' ');
    if quoted
        && bracket_lead.ends_with('(')
        && matches!(
            opened[bracket_lead.len()..].trim().to_lowercase().as_str(),
            "" | "the" | "a" | "an"
        )
        && text[span.end..]
            .trim_start_matches(|c| QUOTES.contains(&c))
            .starts_with(')')
    {
        return true;
    }
    // A glossary line, `**The 12-week property disregard:** for the first
    // 12 weeks …`: the term opens its line and a colon follows it.
    if glossary_label(text, span) {
        return true;
    }
    if bold_in_running_text(text, span) {
        return true;
    }
    let named = |tail: &str| ends_with_phrase(tail, NAMING);
    if named(&tail) {
        return true;
    }
    // `This is called a top-up or a third-party contribution`: the second
    // of two names given together.
    if let Some(lead) = tail.strip_suffix(" or")
        && let Some(cut) = lead
            .rfind(" a ")
            .or_else(|| lead.rfind(" an "))
            .or_else(|| lead.rfind(' '))
    {
        let alternative = &lead[cut..];
        if alternative.split_whitespace().count() <= 3
            && !alternative.contains([',', '.', ';', ':'])
            && named(lead[..cut].trim_end())
        {
            return true;
        }
    }
    let after =
        text[span.end..].trim_start_matches(|c| QUOTES.contains(&c) || EMPHASIS.contains(&c));
    let head = after[..after.floor_char_boundary(WINDOW)].to_lowercase();
    // `a deferred payment agreement (DPA). This means …`: past the letters.
    let past_letters = head
        .strip_prefix(" (")
        .and_then(|rest| rest.split_once(')'))
        .filter(|(inside, _)| inside.len() <= 8 && !inside.contains(' '))
        .map_or(head.as_str(), |(_, rest)| rest)
        .trim_start_matches(EMPHASIS);
    // `… your corporate parent. That means everyone at the council …`,
    // also at the end of a short sentence (`you have eligible needs for
    // care and support. This means …`).
    let sentence_end = past_letters
        .find(['.', '!', '?', '\n'])
        .filter(|&end| past_letters[..end].split_whitespace().count() <= SENTENCE_TAIL_WORDS)
        .map_or("", |end| &past_letters[end..]);
    if NEXT_SENTENCE
        .iter()
        .any(|words| past_letters.starts_with(words) || sentence_end.starts_with(words))
    {
        return true;
    }
    // `… we look at your capital. Capital includes savings …`: the next
    // sentence opens with the term and says what it is.
    let term = text[span.clone()].to_lowercase();
    if let Some(next) = sentence_end
        .strip_prefix(". ")
        .and_then(|next| next.strip_prefix(term.as_str()))
        && (EXPLAINING.iter().any(|words| next.starts_with(words))
            || next.starts_with(" is a ")
            || next.starts_with(" is an "))
    {
        return true;
    }
    // `| Tariff income from savings (see note 2) | £15.00 |`: the term
    // points to the note that explains it, in the same cell or sentence.
    let pointed_from = &past_letters[..past_letters
        .find(['|', '\n', '.', ';'])
        .unwrap_or(past_letters.len())];
    if POINTERS
        .iter()
        .any(|pointer| pointed_from.contains(pointer))
    {
        return true;
    }
    // `personal care, such as washing and dressing`: examples say what it
    // covers.
    if past_letters.starts_with(", such as ") || past_letters.starts_with(" (such as ") {
        return true;
    }
    // `a strengths-based approach, which means we look at …`
    if let Some(at) = past_letters.find(", which means")
        && past_letters[..at].split_whitespace().count() <= SENTENCE_TAIL_WORDS
        && !past_letters[..at].contains(['.', '!', '?', '\n'])
    {
        return true;
    }
    // `a security bond, which protects the person's money`: straight after
    // the term, what it does (not `which we will review`).
    if let Some(rest) = past_letters.strip_prefix(", which ")
        && rest
            .split(' ')
            .next()
            .is_some_and(|verb| verb.len() > 4 && verb.ends_with('s') && !verb.ends_with("ss"))
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
        && !judges(rest)
    {
        return true;
    }
    // Not `paying for care later (deferred payments)`, the term alone in
    // brackets after everyday words: both editors of the evaluation set
    // still circled the term there, and its later uses.
    // `a deferred payment (a loan from the council …)`: words in brackets
    // straight after the term.
    after
        .strip_prefix(" (")
        .and_then(|inside| inside[..inside.floor_char_boundary(WINDOW * 3)].split_once(')'))
        .is_some_and(|(inside, _)| {
            inside.split_whitespace().count() >= 3 && inside.chars().any(char::is_lowercase)
        })
}

/// `With a **managed account**, the DPSS holds …`: the writer sets in bold,
/// in running text, the word they are introducing. Not bold opening a line
/// (`**Day opportunities**`, a heading, or `- **Reablement** – ask us`, a
/// label whose definition [`label_then_definition`] judges) nor a table's
/// cell, where bold marks a label, not a word being explained.
fn bold_in_running_text(text: &str, span: &Range<usize>) -> bool {
    let Some(before) = text[..span.start].strip_suffix("**") else {
        return false;
    };
    if !text[span.end..].starts_with("**") {
        return false;
    }
    // Only the bytes just before are read: a long paragraph must not be
    // walked back for every finding.
    let near = &before[before.floor_char_boundary(before.len().saturating_sub(WINDOW))..];
    let line = near.rsplit('\n').next().unwrap_or(near);
    let line_start_seen = line.len() < near.len() || near.len() == before.len();
    let opens_line = line_start_seen && line.trim_start_matches([' ', '-', '*', '+']).is_empty();
    !opens_line && !line.contains('|')
}

/// Headings that open a list of the words a document uses.
const GLOSSARY_HEADINGS: &[&str] = &[
    "glossary",
    "words we use",
    "words used",
    "what the words mean",
    "what words mean",
    "hard words",
    "key terms",
    "terms used",
    "definitions",
    "jargon buster",
    "useful words",
];

/// The stretches of a document under a glossary's heading: from a short
/// heading-like paragraph naming one (`## Glossary`, `Words we use`) to the
/// next Markdown heading, or the end.
fn glossary_sections(document: &Document) -> Vec<Range<usize>> {
    let mut sections = Vec::new();
    let mut open: Option<usize> = None;
    for segment in &document.segments {
        // The segment starts past the `## ` its line opens with: at most
        // `###### `, so only those few bytes are read.
        let near = document
            .text
            .floor_char_boundary(segment.start.saturating_sub(8));
        let lead = &document.text[near..segment.start];
        let lead = lead.rsplit('\n').next().unwrap_or(lead);
        let marked_heading = lead.trim_start().starts_with('#');
        let words = document.segment_text(segment);
        let names_glossary =
            reads_as_heading(words) && words.split_whitespace().nth(5).is_none() && {
                let lower = words.to_lowercase();
                GLOSSARY_HEADINGS.iter().any(|name| lower.contains(name))
            };
        if let Some(start) = open
            && (marked_heading || names_glossary)
        {
            sections.push(start..segment.start);
            open = None;
        }
        if names_glossary {
            open = Some(segment.start + segment.len);
        }
    }
    if let Some(start) = open {
        sections.push(start..document.text.len());
    }
    sections
}

/// Whether the term opens its line (past a list marker, emphasis and a
/// small word) and a colon ends it, with a definition after.
fn glossary_label(text: &str, span: &Range<usize>) -> bool {
    let Some(definition) = label_then_definition(text, span, false) else {
        return false;
    };
    let mut words = definition.split_whitespace();
    // What it is (`the amount we add …`, `for the first 12 weeks …`), not
    // a field's contents (`Telecare: pendant alarm and falls sensor`).
    let opens_definition = words.next().is_some_and(|first| {
        DEFINITION_START.contains(&first.to_lowercase().trim_end_matches(','))
    });
    opens_definition && words.count() >= 3
}

/// The start of the definition on a line that the term opens (past a list
/// marker, emphasis and a small word) and a colon, a dash or a table's
/// next cell follows: `**Reablement** – short-term help …`, up to the end
/// of the line and at most [`WINDOW`] bytes.
///
/// A table's row counts only where `in_glossary`: elsewhere a two-column
/// table is as often a list of options (`| Day opportunities | The person
/// goes to a day centre … |`) as of meanings.
fn label_then_definition<'t>(
    text: &'t str,
    span: &Range<usize>,
    in_glossary: bool,
) -> Option<&'t str> {
    // The term opens its line within a few bytes (a list marker, emphasis,
    // "The "), so no further back than that is read.
    let near = text.floor_char_boundary(span.start.saturating_sub(WINDOW));
    let line_start = match text[near..span.start].rfind('\n') {
        Some(at) => near + at + 1,
        None if near == 0 => 0,
        None => return None,
    };
    let lead = text[line_start..span.start]
        .trim_start_matches([' ', '-', '*', '+', '#', '>'])
        .trim_start_matches(|c| in_glossary && c == '|')
        .trim_start_matches([' '])
        .trim_start_matches(EMPHASIS)
        .to_lowercase();
    if !matches!(lead.trim_end(), "" | "the" | "a" | "an" | "your") {
        return None;
    }
    let after = text[span.end..].trim_start_matches(EMPHASIS);
    // A colon, or a dash as a definitions list sets it out (`**Assessed
    // contribution** – the amount you pay …`), or a table's next cell.
    let cell = if in_glossary { " | " } else { ":" };
    let definition = [":", " – ", " — ", " - ", cell]
        .iter()
        .find_map(|mark| after.strip_prefix(mark))?;
    let definition = definition.trim_start_matches(EMPHASIS);
    let definition = &definition[..definition.floor_char_boundary(WINDOW)];
    let line_end = definition.find('\n').unwrap_or(definition.len());
    Some(&definition[..line_end])
}

/// First words of a glossary line's definition.
/// Not "help" or "support": `Personal care: help to shower twice a week` is
/// a care plan's field, not a definition.
const DEFINITION_START: &[&str] = &[
    "a", "an", "the", "when", "where", "if", "how", "what", "for",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str, term: &str) -> bool {
        let at = text.find(term).expect("the term is in the text");
        explains(text, &(at..at + term.len()))
    }

    #[test]
    fn the_role_explained_is_found_for_the_word_for_holding_it() {
        let text = "Ask your DWP appointee. An appointee is a person the DWP allows to deal with benefits.";
        assert_eq!(
            first_explanation_of(text, "Appointee"),
            text.find("appointee is")
        );
        assert_eq!(
            first_explanation_of("Ask your appointee.", "appointee"),
            None
        );
        assert_eq!(
            first_explanation_of("A coappointee is a person who helps.", "appointee"),
            None,
            "only the word on its own"
        );
        assert_eq!(
            strip_suffix_ignore_case("Deputyship", "SHIP"),
            Some("Deputy")
        );
        assert_eq!(strip_suffix_ignore_case("ship", "ships"), None);
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
            "Your capital includes savings, shares and property you own.",
            "capital"
        ));
        assert!(explained(
            "This is known as the 12-week property disregard.",
            "12-week property disregard"
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
            "You have eligible needs for care and support. This means we can help.",
            "eligible needs"
        ));
        assert!(explained(
            "- **Disability-related expenditure (DRE)** means extra costs.",
            "Disability-related expenditure"
        ));
        assert!(explained(
            "This is called a top-up or third-party contribution.",
            "third-party contribution"
        ));
        assert!(explained(
            "Carers give families a rest. We sometimes call this short-break care.",
            "short-break care"
        ));
        assert!(explained(
            "You pay the full cost. This is called being a self-funder.",
            "self-funder"
        ));
        assert!(explained(
            "We make a section 42 enquiry. This is the name for the checks we do.",
            "section 42 enquiry"
        ));
        assert!(explained(
            "We use a strengths-based approach, which means we look at what you can do.",
            "strengths-based"
        ));
        assert!(explained(
            "This could include personal care, such as washing and dressing.",
            "personal care"
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
            "We do not count the value of the home for 12 weeks (the \"12-week property disregard\").",
            "12-week property disregard"
        ));
        assert!(explained(
            "- **The 12-week property disregard:** for the first 12 weeks we do not count your home.",
            "12-week property disregard"
        ));
        assert!(explained(
            "Tariff income: the amount we add for savings over the limit.",
            "Tariff income"
        ));
        assert!(explained(
            "A deferred payment agreement (DPA) lets you delay paying.",
            "deferred payment agreement"
        ));
        assert!(explained(
            "**Assessed contribution** – the amount you have been asked to pay.",
            "Assessed contribution"
        ));
        assert!(explained(
            "A transition assessment looks at what you can do.",
            "transition assessment"
        ));
        assert!(explained(
            "| Tariff income from savings (see note 2) | £15.00 |",
            "Tariff income"
        ));
        assert!(explained(
            "| Disability-related expenses (DRE) - see note 3 | £27.30 |",
            "Disability-related expenses"
        ));
        assert!(explained(
            "We look at your capital. Capital includes savings and shares.",
            "capital"
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
    fn what_a_term_does_straight_after_it() {
        assert!(explained(
            "take out a security bond, which protects the person's money",
            "security bond"
        ));
        assert!(!explained(
            "your personal budget, which we will review",
            "personal budget"
        ));
        assert!(!explained(
            "your personal budget, which is paid monthly",
            "personal budget"
        ));
    }

    #[test]
    fn a_term_set_in_bold_in_running_text_is_introduced() {
        assert!(explained(
            "With a **managed account**, the DPSS holds your money.",
            "managed account"
        ));
        // Bold as a label: opening a line, or in a table's cell.
        assert!(!explained(
            "- **Reablement** – ask us about it.",
            "Reablement"
        ));
        assert!(!explained(
            "**Day opportunities**\n\n- Monday at the centre",
            "Day opportunities"
        ));
        assert!(!explained(
            "| **Assessable income** | **£358.35** |",
            "Assessable income"
        ));
        assert!(!explained(
            "A managed account is not for everyone.",
            "managed account"
        ));
    }

    #[test]
    fn uses_that_do_not_explain() {
        // The next sentence opens with the term but does not say what it is.
        assert!(!explained(
            "We look at your capital. Capital is counted every year.",
            "capital"
        ));
        assert!(!explained(
            "- Telecare – pendant alarm and falls sensor, checked monthly.",
            "Telecare"
        ));
        assert!(!explained(
            "The team looks at reablement – the service is busy.",
            "reablement"
        ));
        // The pointer is for something else, past the cell's end.
        assert!(!explained(
            "| Tariff income | £15.00 | see note 2 |",
            "Tariff income"
        ));
        assert!(!explained(
            "Arrangement fee (self-funders): £275.",
            "self-funders"
        ));
        assert!(!explained(
            "Home Care Worker (Domiciliary Care)",
            "Domiciliary Care"
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
            "We arrange reablement for people who leave hospital and need help at home. This means a lot.",
            "reablement"
        ));
        assert!(!explained(
            "Domiciliary care is arranged by the brokerage team.",
            "Domiciliary care"
        ));
        assert!(!explained("He was recalled reablement", "reablement"));
        assert!(!explained(
            "We will let you know if reablement helps you.",
            "reablement"
        ));
        assert!(!explained(
            "Coercive control is a crime.",
            "Coercive control"
        ));
        assert!(!explained(
            "Reablement is a priority for the council.",
            "Reablement"
        ));
        assert!(!explained(
            "She called the office, and we arranged reablement or respite.",
            "respite"
        ));
        assert!(!explained(
            "We offer reablement to people who leave hospital, which means fewer visits later.",
            "reablement"
        ));
        // Not a glossary line: the term does not open it, or no definition follows.
        assert!(!explained(
            "We pay for reablement: see below.",
            "reablement"
        ));
        assert!(!explained("- **Reablement:** yes", "Reablement"));
        assert!(!explained(
            "Telecare: pendant alarm and falls sensor.",
            "Telecare"
        ));
        assert!(!explained(
            "Personal care: help to shower twice a week.",
            "Personal care"
        ));
        // Quotes in brackets after other words, not a name given.
        assert!(!explained(
            "She said it was (in her words \"respite\") too short.",
            "respite"
        ));
    }
}
