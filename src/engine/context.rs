//! Checks on the text around a hit, all on the normalised text.

use std::ops::Range;

use crate::normalize::is_word_char;

/// A heading, or a paragraph set apart like one: ten words or fewer, not
/// ended by a full stop. Only as many words as needed are counted, so a
/// long paragraph costs no more than a short one.
pub fn reads_as_heading(paragraph: &str) -> bool {
    paragraph.split_whitespace().nth(10).is_none()
        && !paragraph.trim_end().ends_with(['.', '!', '?'])
}

/// The words just before a term or some letters, lower-cased: at most
/// `window` bytes back (a long paragraph is not walked), past a last small
/// word (`known as the`, `we also call them a`).
pub fn words_before(before: &str, window: usize) -> String {
    let tail =
        before[before.floor_char_boundary(before.len().saturating_sub(window))..].to_lowercase();
    ["the", "a", "an"]
        .iter()
        .find_map(|small| {
            tail.strip_suffix(small)
                .filter(|lead| lead.ends_with(' '))
                .map(|lead| lead.trim_end().to_string())
        })
        .unwrap_or(tail)
}

/// Whether `tail` ends with one of `phrases`, as whole words: the phrase
/// opens the text or follows a space, a bracket or a new line.
pub fn ends_with_phrase(tail: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|phrase| {
        tail.strip_suffix(phrase)
            .is_some_and(|lead| lead.is_empty() || lead.ends_with([' ', '(', '\n']))
    })
}

/// The hit is a whole word: no letter or digit touches either end.
pub fn whole_word(hay: &str, span: &Range<usize>) -> bool {
    super::boundary_before(hay, span.start)
        && !hay[span.end..].chars().next().is_some_and(is_word_char)
}

/// Whether the text at `end` goes on with a slash and a digit: a pattern
/// for shorthand such as `5/7` (five days) has then matched the start of a
/// date (`5/7/2025`).
pub fn continues_a_number(hay: &str, end: usize) -> bool {
    hay[end..]
        .strip_prefix('/')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// The hit is part of a web or email address (`www.nhs.uk/chc`), which the
/// reader cannot reword.
pub fn in_url(hay: &str, span: &Range<usize>) -> bool {
    let token = &hay[token_around(hay, span, char::is_whitespace)];
    token.contains("://") || token.starts_with("www.") || token.contains('@') || is_domain(token)
}

/// Endings of the domains council writing names a site by (`GOV.UK`,
/// `NHS.UK`, `carers.org`).
const TOP_LEVEL_DOMAINS: &[&str] = &[
    "uk", "com", "org", "net", "gov", "nhs", "ac", "co", "info", "scot", "wales", "cymru", "eu",
    "io",
];

/// A site's name written as its address: labels of letters, digits and
/// hyphens joined by dots, ending in a known domain (`GOV.UK`), whatever
/// punctuation or brackets stand around it.
fn is_domain(token: &str) -> bool {
    let token = token
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some((name, ending)) = token.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && TOP_LEVEL_DOMAINS.contains(&ending.to_ascii_lowercase().as_str())
        && name.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// The hit is part of a reference code (`NC-ASC-2024-11982`, `ASC/2024/7`):
/// letters joined to digits by hyphens or slashes name a record, not an idea.
pub fn in_reference_code(hay: &str, span: &Range<usize>) -> bool {
    numbered_document(hay, span)
        || joined_code(hay, span)
        || cited_section(hay, span)
        || rank_before_name(hay, span)
}

/// The few bytes before `start` when a space ends them: enough for the
/// word before a match, and no more, so the cost per match is bounded.
fn word_before(hay: &str, start: usize) -> Option<&str> {
    let near = hay.floor_char_boundary(start.saturating_sub(WORD_REACH));
    hay[near..start].strip_suffix(' ')
}

/// Longer than any word these checks look for before a match.
const WORD_REACH: usize = 24;

/// `s.3 MCA`, `s117 MHA`, `ss.2–3 MCA`: an Act cited by a section, as
/// practitioners cite it; the letters name the Act in a reference.
fn cited_section(hay: &str, span: &Range<usize>) -> bool {
    let Some(before) = word_before(hay, span.start) else {
        return false;
    };
    let word = &before[before.rfind([' ', '\n', '(', '[']).map_or(0, |at| at + 1)..];
    let Some(rest) = word
        .strip_prefix("ss")
        .or_else(|| word.strip_prefix('s'))
        .map(|rest| rest.trim_start_matches('.'))
    else {
        return false;
    };
    rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '(' | ')' | '-' | '–'))
}

/// Police and other ranks written before a name (`PC Lee Morton`).
const RANKS: &[&str] = &["PC", "DC", "DS", "DI", "DCI", "PCSO", "Sgt", "Cllr", "Insp"];

/// A rank followed by a name of two capitalised words.
fn rank_before_name(hay: &str, span: &Range<usize>) -> bool {
    if !RANKS.contains(&&hay[span.clone()]) {
        return false;
    }
    let mut words = hay[span.end..].split(' ').skip(1).take(2);
    let capitalised = |word: Option<&str>| {
        word.is_some_and(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
        })
    };
    capitalised(words.next()) && capitalised(words.next())
}

/// Words that name a document by a code after them (`Information Leaflet
/// ASC 14`, `form CA 5`).
const DOCUMENT_WORDS: &[&str] = &[
    "leaflet",
    "factsheet",
    "booklet",
    "form",
    "ref",
    "ref.",
    "ref:",
    "reference",
    "reference:",
    "template",
];

/// `leaflet ASC 14`: letters and a number after a word for a document.
fn numbered_document(hay: &str, span: &Range<usize>) -> bool {
    let numbered = hay[span.end..]
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let Some(before) = word_before(hay, span.start) else {
        return false;
    };
    let word = &before[before
        .rfind([' ', '\n', '*', '_', '('])
        .map_or(0, |at| at + 1)..];
    numbered && DOCUMENT_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// `NC-ASC-2024-11982`, `ASC/2024/7`.
fn joined_code(hay: &str, span: &Range<usize>) -> bool {
    let is_code_char = |c: char| c.is_alphanumeric() || c == '-' || c == '/' || c == '_';
    let token =
        hay[token_around(hay, span, |c| !is_code_char(c))].trim_matches(|c| c == '-' || c == '/');
    token.len() > span.len()
        && token.contains(|c: char| c.is_ascii_digit())
        && token.contains(['-', '/'])
}

/// The stretch around `span` up to the nearest `boundary` character on
/// each side. The boundary may be several bytes long (a no-break or an
/// ideographic space), so the stretch starts after the whole character.
fn token_around(hay: &str, span: &Range<usize>, boundary: impl Fn(char) -> bool) -> Range<usize> {
    let start = hay[..span.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| boundary(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = hay[span.end..]
        .find(&boundary)
        .map_or(hay.len(), |i| span.end + i);
    start..end
}

/// Quotation marks, straight and curly, that may stand around a word.
pub(super) const QUOTES: [char; 6] = ['\'', '"', '‘', '’', '“', '”'];

/// Letters in brackets come straight after `span` (` (KPIs)`, ` (NCTR)`),
/// and the match has no more words than they have letters: the words
/// matched are (the end of) an abbreviation's explanation. In `enter into
/// a deferred payment agreement (DPA)` the match runs on before the words
/// the letters stand for, and the verb there is still the author's.
pub fn explains_letters(hay: &str, span: &Range<usize>) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "and", "to", "for", "in", "on", "with",
    ];
    let Some(rest) = hay[span.end..].strip_prefix(" (") else {
        return false;
    };
    let Some(close) = rest.as_bytes().iter().take(10).position(|&b| b == b')') else {
        return false;
    };
    let inside = &rest[..close];
    let capitals = inside.chars().filter(|c| c.is_ascii_uppercase()).count();
    let words = hay[span.clone()]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !SMALL.iter().any(|s| s.eq_ignore_ascii_case(word)))
        .count();
    capitals >= 2
        && words <= capitals
        && inside
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '&')
        && inside.chars().filter(|c| c.is_ascii_lowercase()).count() <= 1
}

/// One of `words` comes straight after `end` (one space between; none for
/// a word that starts with a hyphen, such as `-in` after "long lie").
pub fn followed_by_any(hay: &str, end: usize, words: &[String]) -> bool {
    let joined = words
        .iter()
        .filter(|word| word.starts_with('-'))
        .any(|word| {
            let after = &hay[end..];
            after.len() >= word.len()
                && after.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
                && after.is_char_boundary(word.len())
                && !after[word.len()..].chars().next().is_some_and(is_word_char)
        });
    if joined {
        return true;
    }
    let Some(after) = hay[end..].strip_prefix(' ') else {
        return false;
    };
    words.iter().any(|word| {
        after.len() >= word.len()
            && after.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
            && after.is_char_boundary(word.len())
            && !after[word.len()..].chars().next().is_some_and(is_word_char)
    })
}

/// One of `words` comes straight before `start`: spaces between (markup
/// such as `**` is blanked to spaces, so `**DBS:** Enhanced` counts), or a
/// hyphen joining the two into one word (`spot-purchased`, like `spot
/// purchased`).
pub fn preceded_by_any(hay: &str, start: usize, words: &[String]) -> bool {
    let spaced = hay[..start].trim_end_matches(' ');
    let before = if spaced.len() < start {
        spaced
    } else if let Some(joined) = hay[..start].strip_suffix('-') {
        joined
    } else {
        return false;
    };
    words.iter().any(|word| {
        before.len() >= word.len()
            && before.as_bytes()[before.len() - word.len()..].eq_ignore_ascii_case(word.as_bytes())
            && before.is_char_boundary(before.len() - word.len())
            && super::boundary_before(before, before.len() - word.len())
    })
}

/// Whether an offset lies inside quotation marks opened earlier in the same
/// paragraph. Straight double quotes toggle; a single quote opens only at the
/// start of a word and closes only at its end, so apostrophes (`person's`)
/// are ignored.
///
/// The state is carried forward from one question to the next:
/// hits come in text order, so each character is looked at once. Scanning
/// back to the start of the paragraph for every hit was quadratic on a text
/// file with no blank lines (one paragraph), and took most of the time when
/// most words were findings.
#[derive(Debug, Default)]
pub struct Quotes {
    /// Everything before this offset has been read.
    read_to: usize,
    double: bool,
    single: bool,
}

impl Quotes {
    pub fn inside(&mut self, hay: &str, at: usize) -> bool {
        if at < self.read_to {
            *self = Quotes::default();
        }
        // Only quotation marks and line breaks change the state, so the
        // scan jumps from one to the next: this runs up to every finding
        // that could be edited, so over nearly all of a document.
        let bytes = hay.as_bytes();
        let end = at.min(bytes.len());
        // A line break closes every quotation, so the scan can start at the
        // last one before `at` (found fast, from the end) instead of reading
        // every line in between.
        if let Some(line_break) = memchr::memrchr(b'\n', &bytes[self.read_to..end]) {
            self.double = false;
            self.single = false;
            self.read_to += line_break + 1;
        }
        let mut position = self.read_to;
        while position < end {
            let Some(step) = bytes[position..end]
                .iter()
                .position(|&b| INTERESTING[b as usize])
            else {
                position = end;
                break;
            };
            position += step;
            let Some(c) = hay[position..].chars().next() else {
                break;
            };
            match c {
                // A new paragraph closes every quotation.
                '\n' => {
                    self.double = false;
                    self.single = false;
                }
                '"' => self.double = !self.double,
                // Curly quotes, in text that was not normalised (fitting
                // reads the document's own text).
                '\u{201C}' => self.double = true,
                '\u{201D}' => self.double = false,
                '\'' | '\u{2018}' | '\u{2019}' => {
                    let after_word = hay[..position]
                        .chars()
                        .next_back()
                        .is_some_and(is_word_char);
                    let before_word = hay[position + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char);
                    if !after_word && before_word {
                        self.single = true;
                    } else if after_word && !before_word {
                        self.single = false;
                    }
                }
                _ => {}
            }
            position += c.len_utf8();
        }
        self.read_to = position;
        // A quote that opens right before the hit still counts.
        self.double || self.single
    }
}

/// The bytes that can start a character `Quotes` acts on: quotes, a line
/// break, and the first byte of the curly quotes (U+2018 to U+201D).
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[b'\n' as usize] = true;
    table[0xE2] = true;
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn in_quotes(hay: &str, at: usize) -> bool {
        Quotes::default().inside(hay, at)
    }

    #[test]
    fn letters_in_brackets_after_their_words() {
        let after = |text: &str, words: &str| {
            let start = text.find(words).unwrap();
            explains_letters(text, &(start..start + words.len()))
        };
        assert!(after(
            "our key performance indicators (KPIs) show",
            "performance indicators"
        ));
        assert!(after(
            "continuing professional development (CPD) and",
            "professional development"
        ));
        assert!(after(
            "patients with no criteria to reside (NCTR) wait",
            "reside"
        ));
        assert!(
            !after(
                "you may enter into a deferred payment agreement (DPA) with us",
                "enter into a deferred payment agreement"
            ),
            "the match runs on before the words the letters stand for"
        );
        assert!(!after("the review (see below) found", "review"));
        assert!(!after("the review (2024) found", "review"));
        assert!(!after("the review found", "review"));
    }

    #[test]
    fn quote_state_carries_forward_and_restarts_when_asked_about_an_earlier_place() {
        let text = "He said \"a vulnerable adult\" then vulnerable.\n\"Open vulnerable\nvulnerable";
        let all: Vec<usize> = text.match_indices("vulnerable").map(|(i, _)| i).collect();
        let mut quotes = Quotes::default();
        let answers: Vec<bool> = all.iter().map(|&at| quotes.inside(text, at)).collect();
        // The last: a new paragraph closes the quotation left open.
        assert_eq!(answers, [true, false, true, false]);
        // Asking about an earlier place again gives the same answer.
        assert!(quotes.inside(text, all[0]));
        assert!(!quotes.inside(text, all[1]));
    }

    #[test]
    fn quotes_are_tracked_within_a_paragraph() {
        let text = "She said \"I am not vulnerable\" and left.";
        assert!(in_quotes(text, text.find("vulnerable").unwrap()));
        assert!(!in_quotes(text, text.find("left").unwrap()));
        let text = "She said 'I'm not vulnerable' today.";
        assert!(in_quotes(text, text.find("vulnerable").unwrap()));
        let text = "The person's carer said vulnerable.";
        assert!(!in_quotes(text, text.find("vulnerable").unwrap()));
        let text = "\"Open quote\n\nvulnerable";
        assert!(
            !in_quotes(text, text.find("vulnerable").unwrap()),
            "quotes end at a paragraph"
        );
    }

    #[test]
    fn neighbouring_words() {
        let text = "we deliver post daily";
        let span = 3..10;
        assert!(followed_by_any(text, span.end, &["post".into()]));
        assert!(!followed_by_any(text, span.end, &["pos".into()]));
        assert!(preceded_by_any(text, span.start, &["we".into()]));
        assert!(!preceded_by_any(text, span.start, &["e".into()]));
    }

    #[test]
    fn markup_blanked_to_spaces_still_counts_as_straight_before() {
        // `**DBS:** Enhanced` reaches the matcher with the stars blanked.
        let text = "DBS:   Enhanced with the barred list";
        let at = text.find("Enhanced").unwrap_or_default();
        assert!(preceded_by_any(text, at, &["dbs:".into()]));
        assert!(!preceded_by_any(text, at, &["level:".into()]));
        assert!(!preceded_by_any("DBS:Enhanced", 4, &["dbs:".into()]));
    }

    #[test]
    fn reference_codes() {
        let text = "ref NC-ASC-2024-11982 and ASC/24/7 but ASC-funded and ASC 2024";
        let at = |word: &str, nth: usize| text.match_indices(word).nth(nth).unwrap().0;
        assert!(in_reference_code(text, &(at("ASC", 0)..at("ASC", 0) + 3)));
        assert!(in_reference_code(text, &(at("ASC", 1)..at("ASC", 1) + 3)));
        assert!(!in_reference_code(text, &(at("ASC", 2)..at("ASC", 2) + 3)));
        assert!(!in_reference_code(text, &(at("ASC", 3)..at("ASC", 3) + 3)));

        let text = "*Information Leaflet ASC 14*, see leaflet ASC 15 or form CA 5; ASC 15 staff";
        let at = |word: &str, nth: usize| text.match_indices(word).nth(nth).unwrap().0;
        assert!(in_reference_code(text, &(at("ASC", 0)..at("ASC", 0) + 3)));
        assert!(in_reference_code(text, &(at("ASC", 1)..at("ASC", 1) + 3)));
        assert!(in_reference_code(text, &(at("CA", 0)..at("CA", 0) + 2)));
        assert!(!in_reference_code(text, &(at("ASC", 2)..at("ASC", 2) + 3)));
        let text = "Mr Halloran (ref. ASC 883102)";
        let start = text.find("ASC").unwrap();
        assert!(in_reference_code(text, &(start..start + 3)));

        let text = "(s.3 MCA), s117 MHA, ss.2–3 MCA; PC Lee Morton; the MCA and a PC in the office";
        let at = |word: &str, nth: usize| text.match_indices(word).nth(nth).unwrap().0;
        for (word, nth) in [("MCA", 0), ("MHA", 0), ("MCA", 1), ("PC", 0)] {
            let start = at(word, nth);
            assert!(
                in_reference_code(text, &(start..start + word.len())),
                "{word} {nth}"
            );
        }
        for (word, nth) in [("MCA", 2), ("PC", 1)] {
            let start = at(word, nth);
            assert!(
                !in_reference_code(text, &(start..start + word.len())),
                "{word} {nth}"
            );
        }
    }

    #[test]
    fn tokens_end_at_spaces_of_any_width() {
        // Found by fuzzing: a no-break or ideographic space before a capital
        // used to be sliced through the middle.
        for space in ['\u{A0}', '\u{3000}', '\u{2003}'] {
            let text = format!("see{space}NCRT-2024 and{space}www.x.org/ASC");
            let at = text.find("NCRT").unwrap();
            assert!(in_reference_code(&text, &(at..at + 4)));
            assert!(!in_url(&text, &(at..at + 4)));
            let at = text.find("ASC").unwrap();
            assert!(in_url(&text, &(at..at + 3)));
        }
    }

    #[test]
    fn urls_and_emails() {
        let text = "see www.nhs.uk/chc or https://x.org/care-package and care@council.gov.uk";
        for word in ["chc", "care-package", "care@"] {
            let at = text.find(word).unwrap();
            assert!(in_url(text, &(at..at + 3)), "{word}");
        }
        assert!(!in_url("a care package", &(2..6)));
    }

    #[test]
    fn a_site_named_by_its_address() {
        let text = "Read it on the GOV.UK website (or NHS.UK), not ASC. UK law applies.";
        let at = |word: &str| text.find(word).unwrap();
        assert!(in_url(text, &(at("GOV")..at("GOV") + 3)));
        assert!(in_url(text, &(at("NHS")..at("NHS") + 3)));
        assert!(!in_url(text, &(at("ASC")..at("ASC") + 3)));
        assert!(!in_url("e.g. the ASC.", &(9..12)));
    }
}
