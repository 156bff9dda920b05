//! A document's reading summary: how many words and sentences, how long
//! the sentences are on average, how many are long or passive, and an
//! estimate of how hard it is to read.
//!
//! The estimate is the Flesch–Kincaid grade level (0.39 × words per
//! sentence + 11.8 × syllables per word − 15.59), given as the reading age
//! a UK reader understands: the US grade plus five years. It was made for
//! school texts in running prose: lists, tables and headings (short
//! fragments) make a document look easier than it is, and it knows nothing
//! of jargon (a short word nobody outside a council knows counts as easy).
//! It is a rough guide to compare drafts, not a verdict.

use serde::Serialize;

use super::passive;

/// Counts for one document; the shares and the estimate are worked out
/// from them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadingSummary {
    pub words: usize,
    pub sentences: usize,
    /// Sentences of more than `long_sentence` words.
    pub long_sentences: usize,
    /// Sentences with at least one passive verb.
    pub passive_sentences: usize,
    pub syllables: usize,
}

/// The summary as reports show it, rounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReadingFigures {
    pub words: usize,
    pub sentences: usize,
    pub average_sentence_words: f64,
    pub long_sentences: usize,
    pub long_sentence_share: f64,
    pub passive_sentences: usize,
    pub passive_sentence_share: f64,
    /// Flesch–Kincaid grade level; `None` with no sentences.
    pub grade_level: Option<f64>,
    /// The grade as a UK reading age in years.
    pub reading_age: Option<f64>,
}

impl ReadingSummary {
    /// Counts one sentence of `words` words (as [`word_count`] counts
    /// them); a sentence is long past `long_sentence` words. The engine
    /// counts as it checks, in the same pass (`Linter::check_and_summarize`).
    ///
    /// [`word_count`]: super::word_count
    pub fn add(&mut self, sentence: &str, words: usize, long_sentence: usize) {
        if words == 0 {
            return;
        }
        self.sentences += 1;
        self.words += words;
        self.syllables += syllables_in(sentence);
        self.long_sentences += usize::from(words > long_sentence);
        self.passive_sentences += usize::from(!passive::passives(sentence).is_empty());
    }

    /// Adds another document's counts: the summary of several documents
    /// read as one (`--statistics` totals a run this way).
    pub fn merge(&mut self, other: &ReadingSummary) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.long_sentences += other.long_sentences;
        self.passive_sentences += other.passive_sentences;
        self.syllables += other.syllables;
    }

    pub fn figures(&self) -> ReadingFigures {
        let share = |part: usize| round1(100.0 * part as f64 / self.sentences.max(1) as f64);
        let grade = (self.sentences > 0 && self.words > 0).then(|| {
            0.39 * self.words as f64 / self.sentences as f64
                + 11.8 * self.syllables as f64 / self.words as f64
                - 15.59
        });
        ReadingFigures {
            words: self.words,
            sentences: self.sentences,
            average_sentence_words: round1(self.words as f64 / self.sentences.max(1) as f64),
            long_sentences: self.long_sentences,
            long_sentence_share: share(self.long_sentences),
            passive_sentences: self.passive_sentences,
            passive_sentence_share: share(self.passive_sentences),
            grade_level: grade.map(round1),
            reading_age: grade.map(|g| round1((g + 5.0).max(5.0))),
        }
    }
}

/// What a reading summary is called where it stands on its own (a hover,
/// a Word comment, the web page).
pub const HEADING: &str = "How this document reads";

/// What the reading age is, in a sentence, for where the summary is read
/// on its own (a Word comment, the web page).
pub const CAVEAT: &str = "The reading age is an estimate from the length of the sentences and words (the Flesch\u{2013}Kincaid grade plus five years): use it to compare drafts, not as a verdict.";

impl ReadingFigures {
    /// The reading age in whole years, as [`ReadingFigures::describe`]
    /// gives it ("about 12"), which a target is compared with.
    pub fn reading_age_years(&self) -> Option<u32> {
        self.reading_age.map(|age| age.round() as u32)
    }

    /// One line for people, the only words any front end gives a summary
    /// in: "1204 words in 81 sentences, 14.9 words a sentence on average;
    /// 6 long (7%) and 12 with a passive verb (15%); reading age about 14".
    pub fn describe(&self) -> String {
        if self.sentences == 0 {
            return "no sentences to read yet".to_string();
        }
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut line = format!(
            "{} in {}, {:.1} words a sentence on average; {} long ({:.0}%) and {} with a passive verb ({:.0}%)",
            plural(self.words, "word", "words"),
            plural(self.sentences, "sentence", "sentences"),
            self.average_sentence_words,
            self.long_sentences,
            self.long_sentence_share,
            self.passive_sentences,
            self.passive_sentence_share
        );
        if let Some(age) = self.reading_age_years() {
            line.push_str(&format!("; reading age about {age}"));
        }
        line
    }
}

/// How far a document's reading age is from its target, for the message
/// of `reading-age-above-target`: "about 14, above its target of 12".
pub fn above_target(age: u32, target: u32) -> String {
    format!("about {age}, above its target of {target}")
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Syllables in the words of a sentence. A curly apostrophe is an
/// apostrophe: "carer’s" is one word, as "carer's" is.
pub fn syllables_in(sentence: &str) -> usize {
    sentence
        .split(|c: char| !c.is_alphabetic() && !matches!(c, '\'' | '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(syllables)
        .sum()
}

/// Syllables in one word, counted the way readability formulas do: groups
/// of vowels, less a silent final "e", at least one. No crate we found
/// does this better for English without a pronouncing dictionary; it is
/// tested against hand counts below.
pub fn syllables(word: &str) -> usize {
    // Most words are short and ASCII: lower-cased into a buffer, no copy.
    const SHORT: usize = 32;
    if word.is_ascii() && word.len() <= SHORT {
        let mut chars = [' '; SHORT];
        let mut n = 0;
        for b in word.bytes().filter(u8::is_ascii_alphabetic) {
            chars[n] = char::from(b.to_ascii_lowercase());
            n += 1;
        }
        return syllables_of(&chars[..n]);
    }
    let letters: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    syllables_of(&letters)
}

fn syllables_of(letters: &[char]) -> usize {
    if letters.is_empty() {
        return 0;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous_vowel = false;
    for (i, &c) in letters.iter().enumerate() {
        let is_vowel = vowel(c) && !(c == 'y' && i == 0);
        if is_vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = is_vowel;
    }
    let n = letters.len();
    // A silent final "e" ("care", "home"), but not "-le" after a consonant
    // ("table", "people") or a word of one vowel group ("the", "be").
    if n > 2
        && letters[n - 1] == 'e'
        && !vowel(letters[n - 2])
        && (letters[n - 2] != 'l' || vowel(letters[n - 3]))
        && count > 1
    {
        count -= 1;
    }
    // "-ed" after anything but t or d is not a syllable ("helped").
    if n > 3
        && letters[n - 2] == 'e'
        && letters[n - 1] == 'd'
        && !matches!(letters[n - 3], 't' | 'd')
        && !vowel(letters[n - 3])
        && count > 1
    {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand counts, the plain reference the heuristic is held to: it must
    /// get at least 90% of them exactly.
    #[test]
    fn syllables_match_hand_counts() {
        let reference = [
            ("care", 1),
            ("home", 1),
            ("people", 2),
            ("table", 2),
            ("assessment", 3),
            ("support", 2),
            ("council", 2),
            ("helped", 1),
            ("needed", 2),
            ("wanted", 2),
            ("eligible", 4),
            ("the", 1),
            ("be", 1),
            ("social", 2),
            ("worker", 2),
            ("financial", 3),
            ("independence", 4),
            ("you", 1),
            ("money", 2),
            ("every", 3),
            ("daughter", 2),
            ("safeguarding", 4),
            ("reablement", 4),
            ("make", 1),
            ("decided", 3),
            ("family", 3),
            ("day", 1),
            ("yes", 1),
            ("carer", 2),
            ("payment", 2),
        ];
        let right = reference
            .iter()
            .filter(|(word, count)| syllables(word) == *count)
            .count();
        let wrong: Vec<_> = reference
            .iter()
            .filter(|(word, count)| syllables(word) != *count)
            .map(|(word, count)| (word, count, syllables(word)))
            .collect();
        assert!(right * 10 >= reference.len() * 9, "{wrong:?}");
    }

    /// Word's curly apostrophes are apostrophes: pandoc and Word make
    /// them, and the same words typed straight count the same.
    #[test]
    fn curly_apostrophes_count_like_straight_ones() {
        assert_eq!(syllables_in("the carer\u{2019}s assessment"), 6);
        assert_eq!(
            syllables_in("the carer\u{2019}s assessment"),
            syllables_in("the carer's assessment")
        );
    }

    #[test]
    fn plain_text_reads_younger_than_office_prose() {
        let plain = crate::source::Document::parse(
            "We visited you at home. You told us what matters. We will help you.".into(),
            crate::source::Format::Text,
        );
        let office = crate::source::Document::parse(
            "Following the completion of the assessment, consideration was given to the eligibility of the individual's identified needs under the applicable statutory framework.".into(),
            crate::source::Format::Text,
        );
        let rules = crate::rules::Ruleset::defaults().expect("the built-in rules load");
        let linter = crate::engine::Linter::new(rules, &crate::engine::Settings::default())
            .expect("the built-in rules compile");
        let plain = linter.check_and_summarize(&plain).1.figures();
        let office = linter.check_and_summarize(&office).1.figures();
        assert_eq!((plain.sentences, plain.words), (3, 14));
        assert!(
            plain.reading_age < office.reading_age,
            "{plain:?} {office:?}"
        );
        assert_eq!(office.passive_sentences, 1);
    }
}
