//! The passive voice: "was diagnosed", "will be explored", "it was agreed
//! that", "has been referred". A passive hides who does the thing, which is
//! what a person reading about their own care most needs to know.
//!
//! A passive is a form of *be* (or *get*) and a past participle, with at
//! most a few small words between ("was not offered", "has already been
//! sent"). The hard part is the look-alikes: a participle that describes a
//! state is an adjective ("she is tired", "he is married", "the office is
//! based in Leeds"), and those are listed here, as are the irregular
//! participles that do not end in -ed. Our own code, since no crate knows
//! English verb groups without a tagger and a model; it is measured against
//! a gold set written for it (`eval/readability/passive.toml`).

use std::ops::Range;

/// Forms of *be* that make a passive with a participle after them.
const BE: &[&str] = &[
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "isn’t",
    "aren’t",
    "wasn’t",
    "weren’t",
];

/// Forms of *get* that make a passive ("got hurt", "gets paid").
const GET: &[&str] = &["get", "gets", "got", "getting", "gotten"];

/// Words that may stand between the auxiliary and the participle.
const BETWEEN: &[&str] = &[
    "not",
    "never",
    "already",
    "also",
    "usually",
    "often",
    "always",
    "still",
    "then",
    "now",
    "just",
    "only",
    "being",
    "been",
    "be",
    "all",
    "both",
    "each",
    "sometimes",
    "normally",
    "generally",
    "rarely",
    "further",
    "once",
    "again",
    "yet",
    "ever",
    "soon",
    "first",
    "later",
    "automatically",
    "quickly",
    "fully",
    "properly",
    "regularly",
    "currently",
    "previously",
    "routinely",
    "formally",
    "jointly",
    "then",
    "n't",
    "no",
    "longer",
    "last",
    "partly",
    "you",
    "he",
    "she",
    "it",
    "we",
    "they",
    "i",
];

/// Words that may start the verb group before its *be*: modals and the
/// *have* of a perfect ("has been referred").
const LEADS: &[&str] = &[
    "will",
    "would",
    "shall",
    "should",
    "must",
    "may",
    "might",
    "can",
    "could",
    "cannot",
    "won't",
    "wouldn't",
    "shouldn't",
    "mustn't",
    "can't",
    "couldn't",
    "has",
    "have",
    "had",
    "hasn't",
    "haven't",
    "hadn't",
    "to",
];

/// Participles that do not end in -ed.
const IRREGULAR: &[&str] = &[
    "arisen",
    "awoken",
    "beaten",
    "become",
    "begun",
    "bent",
    "bet",
    "bitten",
    "bled",
    "blown",
    "born",
    "borne",
    "bought",
    "bound",
    "broken",
    "brought",
    "built",
    "burnt",
    "caught",
    "chosen",
    "come",
    "cost",
    "cut",
    "dealt",
    "done",
    "drawn",
    "dreamt",
    "driven",
    "drunk",
    "dug",
    "eaten",
    "fallen",
    "fed",
    "felt",
    "fought",
    "found",
    "flown",
    "forbidden",
    "forgiven",
    "forgotten",
    "frozen",
    "given",
    "ground",
    "grown",
    "hung",
    "heard",
    "hidden",
    "hit",
    "held",
    "hurt",
    "kept",
    "known",
    "laid",
    "led",
    "left",
    "lent",
    "let",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "mistaken",
    "overcome",
    "overseen",
    "overtaken",
    "paid",
    "put",
    "quit",
    "read",
    "rebuilt",
    "redone",
    "rewritten",
    "ridden",
    "rung",
    "risen",
    "run",
    "said",
    "seen",
    "sought",
    "sold",
    "sent",
    "set",
    "sewn",
    "shaken",
    "shed",
    "shot",
    "shown",
    "shut",
    "slain",
    "slung",
    "sold",
    "sped",
    "spent",
    "split",
    "spoken",
    "spread",
    "sprung",
    "stolen",
    "struck",
    "stuck",
    "stung",
    "sung",
    "sunk",
    "sworn",
    "swept",
    "taken",
    "taught",
    "thought",
    "thrown",
    "told",
    "torn",
    "trodden",
    "undergone",
    "understood",
    "undertaken",
    "upheld",
    "upset",
    "withdrawn",
    "withheld",
    "woken",
    "won",
    "worn",
    "wound",
    "written",
    "proven",
    "foreseen",
    "misled",
    "misunderstood",
    "overheard",
    "overpaid",
    "underpaid",
    "outgrown",
    "inbuilt",
    "retaken",
    "reread",
    "resent",
    "reset",
];

/// Participles that, after *be*, describe a state or a feeling rather than
/// something done to the subject: adjectives, not passives.
const ADJECTIVES: &[&str] = &[
    "tired",
    "worried",
    "confused",
    "interested",
    "crowded",
    "married",
    "qualified",
    "experienced",
    "involved",
    "based",
    "located",
    "registered",
    "entitled",
    "linked",
    "adapted",
    "attached",
    "enclosed",
    "concerned",
    "pleased",
    "delighted",
    "satisfied",
    "dissatisfied",
    "disappointed",
    "scared",
    "frightened",
    "surprised",
    "shocked",
    "excited",
    "bored",
    "exhausted",
    "closed",
    "talented",
    "skilled",
    "gifted",
    "detailed",
    "complicated",
    "dedicated",
    "motivated",
    "organised",
    "organized",
    "prepared",
    "determined",
    "supposed",
    "embarrassed",
    "ashamed",
    "annoyed",
    "amazed",
    "relieved",
    "stressed",
    "overwhelmed",
    "isolated",
    "distressed",
    "agitated",
    "depressed",
    "settled",
    "unsettled",
    "engaged",
    "divorced",
    "widowed",
    "separated",
    "retired",
    "unemployed",
    "employed",
    "self-employed",
    "disabled",
    "housebound",
    "bedbound",
    "bed-bound",
    "aged",
    "named",
    "dressed",
    "fed up",
    "gone",
    "mistaken",
    "upset",
    "worn",
    "finished",
    "red-haired",
    "well-known",
    "well-organised",
    "blessed",
    "accustomed",
    "acquainted",
    "alarmed",
    "animated",
    "biased",
    "bewildered",
    "contented",
    "convinced",
    "devoted",
    "disorganised",
    "disorientated",
    "disoriented",
    "drunk",
    "educated",
    "unqualified",
    "inexperienced",
    "informed",
    "uninformed",
    "limited",
    "mixed",
    "muddled",
    "noted",
    "open",
    "orientated",
    "oriented",
    "puzzled",
    "reserved",
    "scattered",
    "sedated",
    "shattered",
    "sighted",
    "sophisticated",
    "suited",
    "troubled",
    "unaccompanied",
    "unmarried",
    "unstaffed",
    "staffed",
    "fixed",
    "varied",
    "welcomed",
    "appreciated",
    "broken",
    "rushed",
    "slurred",
    "tiled",
    "related",
    "balanced",
    "divided",
    "furnished",
    "situated",
    "inclined",
    "cluttered",
    "left-handed",
    "right-handed",
    "carpeted",
    "committed",
];

/// States so strong that even after a modal they are not actions ("you
/// will be based in Leeds", "will be involved in planning").
const STRONG_STATES: &[&str] = &[
    "based",
    "located",
    "situated",
    "involved",
    "experienced",
    "qualified",
    "committed",
    "entitled",
    "married",
    "interested",
    "related",
    "divided",
];

/// After *get*, participles that make an idiom, not a passive ("get
/// dressed", "got married").
const GET_IDIOMS: &[&str] = &[
    "dressed", "washed", "married", "lost", "involved", "changed", "started", "engaged",
    "divorced", "tired", "bored", "stuck", "worried", "confused", "scared", "upset", "ready",
    "settled", "used",
];

/// Words that end in -ed and are not participles.
const NOT_PARTICIPLES: &[&str] = &[
    "bed", "red", "shed", "need", "feed", "seed", "speed", "bled", "fled", "led", "wed", "naked",
    "wicked", "sacred", "hundred", "kindred", "rugged", "ragged", "beloved", "crooked", "learned",
    "wretched", "aged",
];

/// Whether the sentence holds a word starting like a form of *be* or *get*
/// ("is", "are", "was", "were", "be…", "am", "get…", "got…"): cheap, and
/// never false when a passive is there.
fn might_have_auxiliary(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // One word: from here to the next byte that is not a letter, an
        // apostrophe or part of a character beyond ASCII ("isn’t").
        let end = bytes[at..]
            .iter()
            .position(|b| !(b.is_ascii_alphabetic() || *b == b'\'' || *b >= 0x80))
            .map_or(bytes.len(), |offset| at + offset);
        let word = sentence.get(at..end).unwrap_or("");
        if (2..=9).contains(&word.len())
            && matches!(
                bytes[at].to_ascii_lowercase(),
                b'i' | b'a' | b'w' | b'b' | b'g'
            )
            && (is_one_of(word, BE) || is_one_of(word, GET))
        {
            return true;
        }
        at = end + 1;
    }
    false
}

/// Whether `word` is one of `list` (lower case), in any capitals.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|item| item.eq_ignore_ascii_case(word))
}

/// Each passive verb group in `sentence`, as byte ranges from its first
/// word to the participle.
pub fn passives(sentence: &str) -> Vec<Range<usize>> {
    // Most sentences have no form of be or get at all: a quick look first.
    if !might_have_auxiliary(sentence) {
        return Vec::new();
    }
    let words = words(sentence);
    let mut out = Vec::new();
    let mut index = 0;
    while index < words.len() {
        // Compared without a lower-case copy: this runs for every word.
        let word = words[index].1;
        let is_be = is_one_of(word, BE);
        let is_get = !is_be && is_one_of(word, GET);
        if !(is_be || is_get) {
            index += 1;
            continue;
        }
        // Small words, then the participle.
        let mut at = index + 1;
        while at < words.len() && at - index <= 4 && is_one_of(words[at].1, BETWEEN) {
            at += 1;
        }
        let Some((range, participle)) = words.get(at) else {
            break;
        };
        let participle = participle.to_lowercase();
        let passive = if is_get {
            is_participle(&participle) && !GET_IDIOMS.contains(&participle.as_str())
        } else {
            is_participle(&participle)
                && !((can_be_a_state(&words, index)
                    || STRONG_STATES.contains(&participle.as_str()))
                    && is_state(&participle, &words, at))
        };
        if passive {
            let start = lead_start(&words, index);
            out.push(words[start].0.start..range.end);
            index = at + 1;
        } else {
            index += 1;
        }
    }
    out
}

/// Whether the *be* at `be` can take an adjective: a finite form ("is
/// tired") or "to be" ("seems to be settled"). After a modal or "been"
/// ("can be registered", "has been committed") and in "that the report be
/// noted", the participle is an action.
fn can_be_a_state(words: &[(Range<usize>, &str)], be: usize) -> bool {
    let lower = words[be].1.to_lowercase();
    match lower.as_str() {
        "been" => false,
        "be" => be > 0 && words[be - 1].1.eq_ignore_ascii_case("to"),
        _ => true,
    }
}

/// Whether a participle after *be* reads as a state here: one of the
/// adjectives, or any participle right before "to" that says someone is
/// willing or supposed ("is prepared to", "is meant to").
fn is_state(participle: &str, words: &[(Range<usize>, &str)], at: usize) -> bool {
    // "She is used to managing": accustomed, not an action.
    if participle == "used" {
        return words
            .get(at + 1)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("to"));
    }
    if ADJECTIVES.contains(&participle) {
        // "closed by the council", "was lost by the post": an agent makes
        // the same word an action.
        let by = words
            .get(at + 1)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("by"));
        return !by || matches!(participle, "tired" | "worried" | "shocked" | "pleased");
    }
    false
}

/// Where the verb group starts: a modal, a perfect's *have*, or the *be*
/// itself, reading back over "not" and small words.
fn lead_start(words: &[(Range<usize>, &str)], be: usize) -> usize {
    let mut start = be;
    let mut at = be;
    while at > 0 && be - at < 4 {
        let previous = words[at - 1].1.to_lowercase();
        if LEADS.contains(&previous.as_str()) {
            start = at - 1;
            // "needs to be", "has to be", "ought to be": the verb before "to".
            if previous == "to"
                && at >= 2
                && matches!(
                    words[at - 2].1.to_lowercase().as_str(),
                    "need"
                        | "needs"
                        | "needed"
                        | "has"
                        | "have"
                        | "had"
                        | "ought"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "going"
                )
            {
                start = at - 2;
            }
            at -= 1;
            continue;
        }
        if BETWEEN.contains(&previous.as_str()) && previous != "be" && previous != "been" {
            at -= 1;
            continue;
        }
        break;
    }
    start
}

/// Whether a word is a past participle: an irregular one, or a regular
/// -ed form.
fn is_participle(word: &str) -> bool {
    if IRREGULAR.contains(&word) {
        return true;
    }
    word.len() > 3 && word.ends_with("ed") && !NOT_PARTICIPLES.contains(&word)
}

/// The words of a sentence with their places: letters, with apostrophes
/// and hyphens inside them.
fn words(sentence: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in sentence.char_indices() {
        let inside = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                push_word(sentence, from, at, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        push_word(sentence, from, sentence.len(), &mut out);
    }
    out
}

/// Pushes a word without the quotes and hyphens around it. Contractions
/// stay whole ("isn't" is a form of *be*; "'s" is too often a possessive
/// to count as "is").
fn push_word<'a>(
    sentence: &'a str,
    from: usize,
    to: usize,
    out: &mut Vec<(Range<usize>, &'a str)>,
) {
    let text = &sentence[from..to];
    let word = text.trim_start_matches(['\'', '’', '-']);
    let from = from + (text.len() - word.len());
    let word = word.trim_end_matches(['\'', '’', '-']);
    if !word.is_empty() {
        out.push((from..from + word.len(), word));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(sentence: &str) -> Vec<&str> {
        passives(sentence)
            .into_iter()
            .map(|r| &sentence[r])
            .collect()
    }

    #[test]
    fn verb_groups_run_from_the_modal_or_have_to_the_participle() {
        assert_eq!(
            found("Mr Dale was referred to the clinic."),
            ["was referred"]
        );
        assert_eq!(
            found("Options will be explored with her."),
            ["will be explored"]
        );
        assert_eq!(
            found("The form has already been sent."),
            ["has already been sent"]
        );
        assert_eq!(
            found("It needs to be completed today."),
            ["needs to be completed"]
        );
        assert_eq!(found("She was not offered a visit."), ["was not offered"]);
        assert_eq!(
            found("The letter was written and the money was paid."),
            ["was written", "was paid"]
        );
    }

    #[test]
    fn states_and_actives_are_not_passive() {
        for sentence in [
            "She is tired after the visit.",
            "He is married and lives in Leeds.",
            "The team is based in Leeds.",
            "The GP has referred him to the clinic.",
            "She is reading the letter.",
            "He has been unwell since May.",
            "They got better quickly.",
            "She got dressed by herself.",
            "He is talented at drawing.",
        ] {
            assert!(
                found(sentence).is_empty(),
                "{sentence}: {:?}",
                found(sentence)
            );
        }
    }

    #[test]
    fn get_passives_count() {
        assert_eq!(found("He got hurt at the day centre."), ["got hurt"]);
    }
}
