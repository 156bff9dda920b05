//! The word lists fitting reads: small words, common verbs, the words
//! that tell a noun from a verb. Lists rather than a tagger: a sentence's
//! grammar is only guessed from the words next to a match, and a guess
//! that fails makes a suggestion advice, never a wrong edit.

use crate::english;

pub(super) const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];
/// Words after which a verb's `-ed` form is its participle.
pub(super) const PARTICIPLE_AFTER: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "get",
    "gets", "got", "getting",
];
/// Small words that may stand between "was" and a participle.
pub(super) const ADVERBS: &[&str] = &[
    "also", "then", "already", "just", "never", "not", "often", "always", "since", "now",
];
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "whose", "each", "every", "another", "any", "some", "no", "one", "either", "neither",
    "many", "several", "few", "both", "all",
];
/// Determiners that need a countable noun in the singular: a mass noun
/// ("care and support") cannot follow them.
pub(super) const COUNT_ONLY: &[&str] = &["each", "every", "another", "one", "either", "neither"];
/// Words that start a phrase or clause after a head noun.
pub(super) const AFTER_HEAD: &[&str] = &[
    "of", "for", "in", "on", "at", "to", "from", "with", "about", "who", "that", "which", "whose",
    "where", "after", "before",
];
/// Words that are not nouns: when one of them comes next, the match is
/// not in front of a noun (it is not describing one).
#[rustfmt::skip]
pub(super) const NOT_NOUNS: &[&str] = &[
    "and", "or", "but", "nor", "to", "of", "for", "with", "in", "on", "at", "by", "from", "as",
    "than", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been",
    "being", "am", "the", "a", "an", "if", "when", "where", "while", "because", "although",
    "though", "unless", "until", "whether", "so", "such", "enough", "too", "about", "into",
    "through", "throughout", "across", "within", "without", "during", "after", "before", "since",
    "can", "could", "will", "would", "shall", "should", "may", "might", "must", "has", "have",
    "had", "do", "does", "did", "not", "also", "only", "just", "still", "again", "here", "there",
    "now", "then", "today", "yesterday", "tomorrow", "this", "these", "those", "my", "your", "his",
    "her", "its", "our", "their", "each", "every", "all", "both", "some", "any", "no", "very",
    "more", "most", "less", "least", "up", "down", "out", "off", "over", "under", "again", "ever",
    "never", "always", "often", "usually", "sometimes", "soon", "later", "together", "too",
    "either", "neither", "he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me",
    "per", "what", "how", "why", "yet", "already", "instead", "close", "near", "nearer", "next",
    "morning", "mornings", "evening", "evenings", "afternoon", "night", "nights", "daily", "weekly",
    "monthly", "yearly", "twice", "once", "a", "an",
];
/// Verbs that often follow a person or a service as the subject ("the
/// service user wants …"): with their forms, they tell a verb after a noun
/// from a second noun ("service user feedback").
#[rustfmt::skip]
pub(super) const COMMON_VERBS: &[&str] = &[
    "want", "live", "say", "tell", "get", "make", "go", "come", "like", "feel", "know", "think",
    "ask", "receive", "attend", "choose", "prefer", "agree", "pay", "find", "take", "give", "see",
    "speak", "manage", "enjoy", "require", "contribute", "rely", "struggle", "continue",
    "understand", "decide", "meet", "spend", "buy", "eat", "read", "write", "try", "keep", "seem",
    "become", "remain", "tend", "begin", "provide", "allow", "let", "mean", "involve", "depend",
    "happen", "reduce", "apply", "qualify", "raise", "describe", "explain", "own", "bring", "sit",
    "stand", "join", "add", "follow", "lose", "expect", "cope", "refuse", "accept", "arrive",
    "travel", "appear", "wait", "put", "include", "ring", "phone", "complain", "contact", "reply",
    "respond", "upset", "mention", "affect", "show",
];

/// Prepositions that cannot follow another ("talking to with"); not the
/// particles of phrasal verbs ("gets about with" is fine).
pub(super) const PREPOSITIONS: &[&str] = &["to", "with", "of", "for", "from", "by", "into"];
/// Words that take a verb's `-ing` form after them as a verb ("was
/// liaising", "by signposting him"); elsewhere an `-ing` word may be a
/// noun ("Information and signposting").
#[rustfmt::skip]
pub(super) const ING_AFTER: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "by", "for", "about", "after",
    "before", "without", "while", "when", "on", "in", "from", "of", "keep", "keeps", "kept",
    "start", "started", "stop", "stopped", "continue", "continued", "began", "begin", "finish",
    "finished", "avoid", "avoided", "enjoy", "enjoys", "not",
];
/// Pronouns after which a verb whose present and past are one word ("hit",
/// "put", "set") must be its past: "she hit" (the present is "she hits").
pub(super) const THIRD_PERSON: &[&str] = &["he", "she", "it"];
/// Words after which a verb is in its base form.
pub(super) const BASE_AFTER: &[&str] = &[
    "to", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "do", "does",
    "did", "don't", "doesn't", "didn't", "let", "help",
];
/// Words too common to count as a repeat ("a" next to "a plan" is fine).
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is",
    "are", "was", "were", "be", "you", "your", "they", "them", "their", "it", "its", "as", "that",
    "who", "what", "this", "not", "do", "does", "did", "has", "have", "had", "can", "will",
];

/// A verb by its form or by the list: "wants", "asked", "went".
pub(super) fn is_verb_like(word: &str) -> bool {
    // "-ed", but not "bed", "shed" or "need".
    (word.len() >= 5 && word.ends_with("ed") && !word.ends_with("eed")) || is_common_verb(word)
}

/// A word that starts a noun phrase: a determiner, a possessive
/// ("Mr Patel's") or a number.
pub(super) fn is_determiner_like(word: &str) -> bool {
    DETERMINER_SET.contains(word)
        || word.ends_with("'s")
        || word.ends_with("\u{2019}s")
        || word.starts_with(|c: char| c.is_ascii_digit())
        || is_one_of(
            word,
            &[
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
            ],
        )
}

/// Whether `word` is a form of one of [`COMMON_VERBS`].
pub(super) fn is_common_verb(word: &str) -> bool {
    static FORMS: std::sync::LazyLock<std::collections::HashSet<String>> =
        std::sync::LazyLock::new(|| {
            COMMON_VERBS
                .iter()
                .flat_map(|base| {
                    let verb = english::Verb::of(base);
                    [verb.base, verb.third, verb.past, verb.participle]
                })
                .collect()
        });
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        return FORMS.contains(&word.to_ascii_lowercase());
    }
    FORMS.contains(word)
}

/// A long word list, sorted once and searched by halves: these are read
/// for every finding (a scan of `NOT_NOUNS` was a tenth of fitting's time,
/// and hashing each word cost more than the search).
pub(super) struct WordSet(std::sync::LazyLock<Vec<&'static str>>);

impl WordSet {
    pub(super) fn contains(&self, word: &str) -> bool {
        // Lower-cased on the stack: the lists hold short words only.
        let mut buffer = [0u8; 24];
        let Some(lower) = buffer.get_mut(..word.len()) else {
            return false;
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|lower| self.0.binary_search(&lower).is_ok())
    }
}

macro_rules! word_set {
    ($name:ident, $list:ident) => {
        pub(super) static $name: WordSet = WordSet(std::sync::LazyLock::new(|| {
            let mut words = $list.to_vec();
            words.sort_unstable();
            words.dedup();
            words
        }));
    };
}
word_set!(NOT_NOUN_SET, NOT_NOUNS);
word_set!(FUNCTION_WORD_SET, FUNCTION_WORDS);
word_set!(DETERMINER_SET, DETERMINERS);

/// Whether `word` is one of `list` (which is lower case), ignoring case.
pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Nouns that often follow a plural that describes them: "carers
/// centre", "needs assessment", "services manager".
#[rustfmt::skip]
pub(super) const PLURAL_MODIFIED: &[&str] = &[
    "assessment", "team", "service", "centre", "center", "forum", "group", "panel", "manager",
    "officer", "worker", "budget", "policy", "plan", "board", "network", "strategy", "review",
    "support", "fund", "grant", "charter", "champion", "lead", "coordinator", "register",
    "allowance", "partnership", "involvement", "feedback", "voice", "council",
];

/// Verbs that are nouns too: their `-s` form after a singular noun is
/// taken as the verb ("the plan starts"), never the noun.
pub(super) const AMBIGUOUS_VERBS: &[&str] = &[
    "start", "end", "cover", "cost", "change", "work", "help", "support", "run", "last", "return",
    "stay", "move", "visit", "call", "use", "matter", "plan", "lead", "mean", "report",
];

/// Words that point a place: after "about" or "around" they clash.
pub(super) const PARTICLES: &[&str] = &[
    "around", "about", "to", "into", "through", "across", "over", "along", "up", "down",
];

/// Words common enough in a replacement not to count as a repeat.
pub(super) const NOT_REPEATS: &[&str] = &[
    "own", "other", "new", "more", "some", "such", "only", "also", "their", "his", "her",
];
