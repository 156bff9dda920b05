//! A normalised view of text for matching, with a map back to the original.
//!
//! Rules are written with plain characters; documents use whatever the word
//! processor produced. Matching runs on a copy where
//! - runs of whitespace (spaces, tabs, line breaks, no-break spaces) become
//!   one space, or one line break (`\n`) when the run holds a blank line, so a
//!   phrase matches across a line break but never across paragraphs;
//! - curly apostrophes and quotes become `'` and `"`; en and em dashes,
//!   non-breaking and other Unicode hyphens become `-`;
//! - soft hyphens and zero-width characters disappear;
//! - non-ASCII letters are lower-cased. ASCII keeps its case: the engine
//!   folds a copy for the phrase trie, and abbreviations compare exact capitals.
//!
//! Plain ASCII prose is copied in large slices; the offset map only records
//! the points where the two texts shift against each other.

/// Text prepared for matching, and the way back to byte offsets in the source.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: String,
    /// `(normalised offset, original offset)` at every point where the
    /// difference between the two changes; always starts with `(0, 0)`.
    shifts: Vec<(usize, usize)>,
}

impl Normalized {
    pub fn new(source: &str) -> Normalized {
        let mut text = String::with_capacity(source.len());
        let mut shifts = vec![(0, 0)];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let plain_start = i;
            while i < bytes.len() && is_plain(bytes, i) {
                i += 1;
            }
            text.push_str(&source[plain_start..i]);
            let Some(c) = source[i..].chars().next() else {
                break;
            };
            if c.is_whitespace() {
                let mut newlines = 0;
                let run = source[i..]
                    .char_indices()
                    .take_while(|&(_, c)| c.is_whitespace())
                    .inspect(|&(_, c)| newlines += usize::from(c == '\n'))
                    .last()
                    .map_or(0, |(at, c)| at + c.len_utf8());
                text.push(if newlines >= 2 { '\n' } else { ' ' });
                i += run;
            } else {
                fold_char(c, &mut text);
                i += c.len_utf8();
            }
            // Signed: lower-casing can make a character longer ("İ").
            let delta = i as isize - text.len() as isize;
            let &(last_norm, last_orig) = shifts.last().unwrap_or(&(0, 0));
            if last_orig as isize - last_norm as isize != delta {
                shifts.push((text.len(), i));
            }
        }
        Normalized { text, shifts }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte offset in the original text of a normalised offset. Exact at
    /// every character boundary of the normalised text that starts or ends a
    /// word, which is where matches start and end.
    pub fn to_original(&self, offset: usize) -> usize {
        let at = self.shifts.partition_point(|&(norm, _)| norm <= offset);
        let (norm, orig) = self.shifts[at.saturating_sub(1)];
        orig + (offset - norm)
    }
}

/// True if the byte at `i` is copied unchanged: ASCII that is not
/// whitespace, or a single space between non-space characters.
#[inline]
fn is_plain(bytes: &[u8], i: usize) -> bool {
    let b = bytes[i];
    if b >= 0x80 {
        return false;
    }
    if b == b' ' {
        return bytes
            .get(i + 1)
            .is_some_and(|&next| next < 0x80 && !next.is_ascii_whitespace());
    }
    !b.is_ascii_whitespace()
}

/// Appends the matching form of one non-plain, non-whitespace character.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
        // Invisible: soft hyphen, zero-width space/joiners, word joiner, BOM.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        c if c.is_ascii() => out.push(c),
        c => out.extend(c.to_lowercase()),
    }
}

/// Normalises a rule's phrase the way document text is normalised, and trims it.
pub fn normalize_phrase(phrase: &str) -> String {
    Normalized::new(phrase.trim()).text
}

/// A character that is part of a word for the purpose of whole-word matching.
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_unchanged_and_maps_to_itself() {
        let n = Normalized::new("We will signpost you.");
        assert_eq!(n.as_str(), "We will signpost you.");
        assert_eq!(n.to_original(8), 8);
    }

    #[test]
    fn whitespace_runs_collapse_and_map_back() {
        let source = "service \n\t user and\n\nmore";
        let n = Normalized::new(source);
        assert_eq!(n.as_str(), "service user and\nmore");
        let user = n.as_str().find("user").unwrap();
        assert_eq!(
            &source[n.to_original(user)..n.to_original(user + 4)],
            "user"
        );
        let more = n.as_str().find("more").unwrap();
        assert_eq!(&source[n.to_original(more)..], "more");
    }

    #[test]
    fn typographic_characters_fold_to_plain_ones() {
        let source =
            "the person\u{2019}s \u{201C}care\u{00A0}package\u{201D} \u{2013} co\u{2011}production";
        let n = Normalized::new(source);
        assert_eq!(n.as_str(), "the person's \"care package\" - co-production");
        let at = n.as_str().find("co-production").unwrap();
        assert_eq!(
            &source[n.to_original(at)..n.to_original(at + "co-production".len())],
            "co\u{2011}production"
        );
    }

    #[test]
    fn soft_hyphens_vanish() {
        let source = "co\u{00AD}production";
        let n = Normalized::new(source);
        assert_eq!(n.as_str(), "coproduction");
        assert_eq!(n.to_original(n.as_str().len()), source.len());
    }

    #[test]
    fn non_ascii_letters_are_lower_cased_ascii_is_not() {
        assert_eq!(Normalized::new("ÉLAN CQC").as_str(), "éLAN CQC");
    }

    #[test]
    fn characters_that_grow_when_lower_cased_do_not_break_the_map() {
        let source = "\u{0130}stanbul care package";
        let n = Normalized::new(source);
        let at = n.as_str().find("care").unwrap();
        assert_eq!(&source[n.to_original(at)..n.to_original(at + 4)], "care");
    }
}
