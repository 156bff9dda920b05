//! Names of things: a phrase inside the name of a policy, Act, team,
//! service, board or programme is not the author's wording to change ("the
//! Carers Support Service", "the Home First model", "Care and Support
//! Statutory Guidance").
//!
//! A name is a run of capitalised words (small joining words such as "and"
//! and "of" allowed inside it) that holds the whole match and
//! - stands in the middle of a sentence, where only names take capitals; or
//! - at the start of a sentence, a heading or a list item, ends with a word
//!   that names a kind of thing (Policy, Team, Service, Board …).
//!
//! Words in capitals alone (`GP or OT`, `PLEASE NOTE`) are not a name: at
//! least one word of the run is written with a capital and small letters.

use std::ops::Range;

use super::fit::words::starts_sentence;

/// How many words either side of a match are read: names are short, and
/// the limit keeps the cost per match bounded on one huge paragraph.
const MAX_WORDS: usize = 10;

/// Small words inside names, in any capitals.
const JOINERS: &[&str] = &[
    "and", "&", "of", "for", "the", "in", "on", "to", "with", "at", "by", "a", "an",
];

/// Words that end the names of things. Written with a capital, as they are
/// in names.
const HEADS: &[&str] = &[
    "Act",
    "Agency",
    "Alliance",
    "Allowance",
    "Association",
    "Award",
    "Bill",
    "Board",
    "Boards",
    "Cabinet",
    "Café",
    "Cafe",
    "Centre",
    "Charity",
    "Charter",
    "Checklist",
    "Club",
    "Code",
    "Collaborative",
    "Commission",
    "Committee",
    "Council",
    "Credit",
    "Department",
    "Directorate",
    "Directory",
    "Finder",
    "Forum",
    "Foundation",
    "Framework",
    "Fund",
    "Grant",
    "Group",
    "Guidance",
    "Helpline",
    "Hub",
    "Line",
    "Locality",
    "Model",
    "Network",
    "Office",
    "Ombudsman",
    "Order",
    "Panel",
    "Partnership",
    "Partnerships",
    "Policy",
    "Procedure",
    "Procedures",
    "Programme",
    "Project",
    "Protocol",
    "Regulations",
    "Scheme",
    "Service",
    "Services",
    "Society",
    "Standards",
    "Strategy",
    "System",
    "Team",
    "Teams",
    "Tool",
    "Toolkit",
    "Trust",
    "Unit",
];

/// Words that end the label of a field on a form (`Client ID`).
const FIELD_LABELS: &[&str] = &["ID", "No", "Number", "Ref", "Reference", "Code"];

/// Whether the match at `span` of `hay` (the normalised text of one
/// paragraph) lies inside the name of something.
pub(super) fn in_name(hay: &str, span: &Range<usize>) -> bool {
    // A match may start with a small word of its own (`the Minimum Income
    // Guarantee`): the name starts after it.
    let lead = ["the ", "a ", "an ", "your ", "our "]
        .iter()
        .find(|w| hay[span.clone()].starts_with(*w))
        .map_or(0, |w| w.len());
    let span = &(span.start + lead..span.end);
    // Most matches start with a small letter: answer those at once.
    if !hay[span.clone()]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
    {
        return false;
    }
    let inside = words(&hay[span.clone()]);
    if !inside.iter().all(|w| is_capitalised(w) || is_joiner(w)) {
        return false;
    }
    // Out from the match, word by word, while the words are capitalised
    // (or join a name) and only spaces stand between them.
    let mut start = span.start;
    for _ in 0..MAX_WORDS {
        match word_before(hay, start) {
            Some(word) if is_name_word(&hay[word.clone()]) => {
                start = word.start;
            }
            _ => break,
        }
    }
    let mut end = span.end;
    for _ in 0..MAX_WORDS {
        match word_after(hay, end) {
            // A word before a colon labels what follows (`… Team Phone:
            // 01632 …`): the name ends before it, unless the word is the
            // name's own last word (`Carers Support Service: call us`).
            Some(word)
                if is_name_word(&hay[word.clone()])
                    && (!hay[word.end..].starts_with(':')
                        || HEADS.contains(&&hay[word.clone()])
                        || labels_contact_details(&hay[word.end..])) =>
            {
                end = word.end;
            }
            _ => break,
        }
    }
    // A name neither starts nor ends with a joining word.
    let run: Vec<&str> = words(&hay[start..end]);
    let first = run.iter().position(|w| !is_joiner(w));
    let last = run.iter().rposition(|w| !is_joiner(w));
    let (Some(first), Some(last)) = (first, last) else {
        return false;
    };
    let run = &run[first..=last];
    // `Client ID`, `NHS Number`: the label of a field on a form, not a name.
    if run.last().is_some_and(|w| FIELD_LABELS.contains(w)) {
        return false;
    }
    let capitalised = run.iter().filter(|w| is_capitalised(w)).count();
    if capitalised < 2 || !run.iter().any(|w| is_title_case(w)) {
        return false;
    }
    // Where the run starts: the joiners trimmed off the front moved it on.
    let run_start = start + hay[start..].find(run[0]).unwrap_or(0);
    let capitals_say_nothing = starts_sentence(hay, run_start) || is_title_case_heading(hay);
    // The head word may have a place after it (`Locality Team West`) when
    // the run holds more than the match.
    let head_inside = run.len() > inside.len() && run[1..].iter().any(|w| HEADS.contains(w));
    !capitals_say_nothing
        || run.last().is_some_and(|w| HEADS.contains(w))
        || head_inside
        || named_after_first_word(hay, run_start, span, end)
        || labels_contact_details(&hay[end..])
}

/// Whether the text after a run of capitals gives a phone number or an
/// email address after a colon (`Adult Social Care Front Door: 01632 960
/// 410`): a contact list names the teams it gives the numbers of.
fn labels_contact_details(after: &str) -> bool {
    let Some(details) = after.strip_prefix(':') else {
        return false;
    };
    let details = details.trim_start();
    let first = details.split_whitespace().next().unwrap_or("");
    details.starts_with(|c: char| c.is_ascii_digit()) || first.contains('@')
}

/// Words that open a sentence before a name: asking the reader to get in
/// touch (`Contact the …`), or whose it is (`Our North Locality OT team`).
/// Only these: after another first word (`Client: Mrs Ann Ellison Client
/// ID`) a run of capitals may be a person's name and a field's label.
const LEADS_TO_A_NAME: &[&str] = &[
    "contact", "call", "ring", "phone", "email", "ask", "visit", "write", "speak", "tell", "see",
    "join", "our", "your", "their", "my",
];

/// Whether, past the first word of a sentence (whose capital says nothing)
/// and the small words after it, capitalised words still hold the match:
/// `Contact the Adult Social Care Front Door on …` names something, which
/// the run from "Contact" hid.
fn named_after_first_word(hay: &str, run_start: usize, span: &Range<usize>, end: usize) -> bool {
    if is_title_case_heading(hay) {
        return false;
    }
    let first_end = run_start
        + hay[run_start..]
            .find(|c: char| !is_word_char(c))
            .unwrap_or(hay.len() - run_start);
    let first = &hay[run_start..first_end];
    if !LEADS_TO_A_NAME
        .iter()
        .any(|lead| lead.eq_ignore_ascii_case(first))
    {
        return false;
    }
    // Past the first word and the small words after it.
    let mut at = first_end;
    let mut rest_start = None;
    while let Some(word) = word_after(hay, at) {
        if is_joiner(&hay[word.clone()]) {
            at = word.end;
            continue;
        }
        rest_start = Some(word.start);
        break;
    }
    let Some(rest_start) = rest_start.filter(|&start| start <= span.start) else {
        return false;
    };
    let rest = words(&hay[rest_start..end]);
    rest.iter().filter(|w| is_capitalised(w)).count() >= 2 && rest.iter().any(|w| is_title_case(w))
}

/// A word that can be part of a name: capitalised or joining, but not a day
/// or a month (`with my PA on Wednesdays`).
fn is_name_word(word: &str) -> bool {
    (is_capitalised(word) || is_joiner(word)) && !CALENDAR.contains(&word)
}

const CALENDAR: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mondays",
    "Tuesdays",
    "Wednesdays",
    "Thursdays",
    "Fridays",
    "Saturdays",
    "Sundays",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Headings written in title case (`Home Care Worker (Domiciliary Care)`)
/// capitalise every word, so their capitals say nothing about names. Only
/// short paragraphs are looked at: headings are short, and the cost stays
/// bounded on a long one.
fn is_title_case_heading(paragraph: &str) -> bool {
    const HEADING_MAX: usize = 200;
    paragraph.len() <= HEADING_MAX
        && !paragraph.contains('\n')
        && words(paragraph)
            .iter()
            .all(|w| is_capitalised(w) || is_joiner(w) || !w.chars().any(char::is_alphabetic))
}

/// The words of `text`: letters and digits, with the apostrophes and
/// hyphens inside them (`Carers'`, `Multi-Agency`), and `&` on its own.
fn words(text: &str) -> Vec<&str> {
    text.split(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_joiner(word: &str) -> bool {
    JOINERS.iter().any(|j| j.eq_ignore_ascii_case(word))
}

/// Starts with a capital: `Carers`, `NHS`, `Multi-Agency`.
fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A capital and small letters: `Carers`, not `NHS`.
fn is_title_case(word: &str) -> bool {
    is_capitalised(word) && word.chars().any(char::is_lowercase)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '-' | '&')
}

// Names read words their own way, not with `fit::words`: exactly one space
// between words (a line break or double space ends a name) and `&` as a
// word of its own ("Health & Wellbeing Board").

/// The word that ends at the single space before `at`, if any: only from
/// a word, so a name never runs on past punctuation (`REPORTS TO: Head`).
fn word_before(hay: &str, at: usize) -> Option<Range<usize>> {
    if !hay[at..].chars().next().is_some_and(is_word_char) {
        return None;
    }
    let before = hay[..at].strip_suffix(' ')?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some(start..before.len())
}

/// The word that starts after the single space at `at`, if any (and only
/// from a word, as for [`word_before`]).
fn word_after(hay: &str, at: usize) -> Option<Range<usize>> {
    if !hay[..at].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    let after = hay[at..].strip_prefix(' ')?;
    let len = after
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(after.len(), |(i, _)| i);
    (len > 0).then(|| at + 1..at + 1 + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str, phrase: &str) -> bool {
        let at = text.find(phrase).expect("the phrase is in the text");
        in_name(text, &(at..at + phrase.len()))
    }

    #[test]
    fn names_in_the_middle_of_a_sentence() {
        assert!(named("We follow the Home First model here.", "Home First"));
        assert!(named(
            "See the Care and Support Statutory Guidance for more.",
            "Care and Support"
        ));
        assert!(named(
            "Ask the Learning Disability Partnership Board.",
            "Learning Disability"
        ));
        assert!(named(
            "Read the Vulnerable Adults Risk Management Procedure first.",
            "Vulnerable Adults"
        ));
        assert!(named("Search the Northmoor PA Finder online.", "PA"));
        assert!(named("as set out in the Care Act 2014", "Care Act"));
        assert!(named(
            "each person keeps at least the Minimum Income Guarantee (MIG) each week",
            "the Minimum Income Guarantee"
        ));
    }

    #[test]
    fn a_name_after_the_first_word_of_a_sentence() {
        assert!(named(
            "Contact the Adult Social Care Front Door if you need help.",
            "Social Care Front Door"
        ));
        assert!(named(
            "Call Adult Social Care Front Door today for advice.",
            "Social Care Front Door"
        ));
        assert!(named(
            "Our North Locality OT team covers the market towns.",
            "Locality"
        ));
        // After another first word, a person's name and a field's label.
        assert!(!named(
            "Client: Mrs Ann Ellison Client ID: 4471029 is her number.",
            "Client"
        ));
        // The first word's capital alone makes no name.
        assert!(!named("Respite Care is a short break.", "Respite Care"));
        assert!(!named("Contact the Care team.", "Care"));
        assert!(!named(
            "Domiciliary care is help at home.",
            "Domiciliary care"
        ));
    }

    #[test]
    fn field_labels_are_not_names() {
        assert!(!named("Please ring us quoting your Client ID.", "Client"));
        assert!(!named(
            "Write your Service User Number here.",
            "Service User"
        ));
    }

    #[test]
    fn names_at_the_start_need_a_head_word() {
        assert!(named("Carers Support Service: call us.", "Carers Support"));
        assert!(
            named(
                "Thornleigh Social Care Customer Access Team Phone: 01632 960050",
                "Social Care Customer"
            ),
            "a label after the name is not part of it"
        );
        assert!(named("Service User Forum meets monthly.", "Service User"));
        assert!(named(
            "| Locality Team West, based at the Hub |",
            "Locality Team"
        ));
        assert!(
            named(
                "Early Help and Prevention Service – North Locality",
                "Locality"
            ),
            "a place's part of the county, named"
        );
        assert!(!named("Locality teams cover the county.", "Locality teams"));
        assert!(!named(
            "Respite Care is available for carers.",
            "Respite Care"
        ));
        assert!(!named("Paying For Respite Care", "Respite Care"));
        assert!(named(
            "3. Establish a Dynamic Purchasing System (DPS) for supported living.",
            "Purchasing"
        ));
        assert!(!named(
            "Service users are offered a review.",
            "Service users"
        ));
        assert!(!named(
            "- Service Users are offered a review.",
            "Service Users"
        ));
        // A contact list names the teams it gives the numbers of.
        assert!(named(
            "- Adult Social Care Front Door: 01632 960 410",
            "Front Door"
        ));
        assert!(named("- Client Finance: finance@example.gov.uk", "Client"));
        assert!(!named("Respite Care: what it costs", "Respite Care"));
    }

    #[test]
    fn capitals_alone_and_small_letters_are_not_names() {
        assert!(!named("Ask your GP or OT about it.", "OT"));
        assert!(!named("PLEASE NOTE THE RESPITE DATES", "RESPITE"));
        assert!(!named("we offer respite care to carers", "respite care"));
        assert!(!named("You can employ a PA yourself.", "PA"));
        assert!(
            !named("After that, Respite is arranged.", "Respite"),
            "one capitalised word"
        );
    }

    #[test]
    fn a_name_stops_at_punctuation() {
        assert!(
            named("We offer support, Respite Care and more.", "Respite Care"),
            "capitals in the middle of a sentence make a name"
        );
        assert!(!named("The team. Respite Care is booked.", "Respite Care"));
        assert!(
            !named("REPORTS TO: Head of Service", "REPORTS TO:"),
            "not on past the colon that ends the match"
        );
        assert!(
            !named("I go to the gym with my PA on Wednesdays.", "PA"),
            "the run stops before the day"
        );
        assert!(
            !named("Home Care Worker (Domiciliary Care)", "Domiciliary Care"),
            "a heading in title case"
        );
    }
}
