//! The word lists fitting reads: small words, common verbs, the words
//! that tell a noun from a verb. Lists rather than a tagger: a sentence's
//! grammar is only guessed from the words next to a match, and a guess
//! that fails makes a suggestion advice, never a wrong edit.

use crate::english;

/// A function that tells whether a word is in a list, ignoring case: a
/// `match` on the words, which the compiler turns into a search by length
/// and bytes (and which warns of a word listed twice). These lists are read
/// for every finding; a scan of a slice, a hash set and a sorted search
/// were all slower.
macro_rules! word_list {
    ($(#[$meta:meta])* $vis:vis fn $contains:ident, $($word:literal),+ $(,)?) => {
        $(#[$meta])*
        $vis fn $contains(word: &str) -> bool {
            with_lower_case(word, |lower| matches!(lower, $($word)|+))
        }
    };
}

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
#[rustfmt::skip]
word_list! {
    pub(super) fn is_determiner,
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "whose", "each", "every", "another", "any", "some", "no", "one", "either", "neither",
    "many", "several", "few", "both", "all",
}
/// Determiners that need a countable noun in the singular: a mass noun
/// ("care and support") cannot follow them.
pub(super) const COUNT_ONLY: &[&str] = &["each", "every", "another", "one", "either", "neither"];
/// Words that start a phrase or clause after a head noun.
pub(super) const AFTER_HEAD: &[&str] = &[
    "of", "for", "in", "on", "at", "to", "from", "with", "about", "who", "that", "which", "whose",
    "where", "after", "before",
];
#[rustfmt::skip]
word_list! {
    /// Words that are not nouns: when one of them comes next, the match is
    /// not in front of a noun (it is not describing one).
    pub(super) fn is_not_noun,
    "and", "or", "but", "nor", "to", "of", "for", "with", "in", "on", "at", "by", "from", "as",
    "than", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been",
    "being", "am", "the", "a", "an", "if", "when", "where", "while", "because", "although",
    "though", "unless", "until", "whether", "so", "such", "enough", "too", "about", "into",
    "through", "throughout", "across", "within", "without", "during", "after", "before", "since",
    "can", "could", "will", "would", "shall", "should", "may", "might", "must", "has", "have",
    "had", "do", "does", "did", "not", "also", "only", "just", "still", "again", "here", "there",
    "now", "then", "today", "yesterday", "tomorrow", "this", "these", "those", "my", "your", "his",
    "her", "its", "our", "their", "each", "every", "all", "both", "some", "any", "no", "very",
    "more", "most", "less", "least", "up", "down", "out", "off", "over", "under", "ever", "never",
    "always", "often", "usually", "sometimes", "soon", "later", "together", "either", "neither",
    "he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me", "per", "what", "how",
    "why", "yet", "already", "instead", "close", "near", "nearer", "next", "morning", "mornings",
    "evening", "evenings", "afternoon", "night", "nights", "daily", "weekly", "monthly", "yearly",
    "twice", "once",
}
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

/// Words that end a phrase and take the noun after them as their object
/// (`sits within`, `is part of`), so the phrase cannot describe that noun.
pub(super) const OBJECT_PREPOSITIONS: &[&str] = &[
    "to", "with", "of", "for", "from", "by", "into", "within", "in", "on", "at", "about", "under",
    "over", "through", "across", "after", "before",
];
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
#[rustfmt::skip]
word_list! {
    /// Words too common to count as a repeat ("a" next to "a plan" is fine).
    pub(super) fn is_function_word,
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is",
    "are", "was", "were", "be", "you", "your", "they", "them", "their", "it", "its", "as", "that",
    "who", "what", "this", "not", "do", "does", "did", "has", "have", "had", "can", "will",
}

/// A verb by its form or by the list: "wants", "asked", "went".
pub(super) fn is_verb_like(word: &str) -> bool {
    // "-ed", but not "bed", "shed" or "need".
    (word.len() >= 5 && word.ends_with("ed") && !word.ends_with("eed")) || is_common_verb(word)
}

/// A word that starts a noun phrase: a determiner, a possessive
/// ("Mr Patel's") or a number.
pub(super) fn is_determiner_like(word: &str) -> bool {
    is_determiner(word)
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
    static FORMS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut forms: Vec<String> = COMMON_VERBS
            .iter()
            .flat_map(|base| {
                let verb = english::Verb::of(base);
                [verb.base, verb.third, verb.past, verb.participle]
            })
            .collect();
        forms.sort_unstable();
        forms.dedup();
        forms
    });
    with_lower_case(word, |lower| {
        FORMS
            .binary_search_by(|form| form.as_str().cmp(lower))
            .is_ok()
    })
}

/// Calls `f` with `word` in lower case, copied on the stack (no new
/// string): the lists hold short words only, so a longer word is in none.
fn with_lower_case(word: &str, f: impl FnOnce(&str) -> bool) -> bool {
    let mut buffer = [0u8; 24];
    let Some(lower) = buffer.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(f)
}

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
