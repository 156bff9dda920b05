//! Word forms: one rule entry covers every form of its words.
//!
//! A noun phrase gets its plural (on the last word), a verb phrase its `-s`,
//! `-ed` and `-ing` forms (on the first word: `roll out` → `rolled out`), and
//! every form gets the spelling variants British and American writers mix:
//! hyphenated, spaced and closed-up compounds, `-ise`/`-ize`, `-our`/`-or`.
//!
//! Generating a form nobody writes costs nothing but a pattern, so where
//! English is unpredictable (doubling a final consonant depends on stress)
//! both candidates are generated rather than guessing.

use super::types::{WordClass, WordPosition};
use crate::english::IRREGULAR_PLURALS;

/// Irregular verbs likely to appear in rules: base, third person, past
/// tense, past participle, present participle.
const IRREGULAR_VERBS: &[(&str, &[&str])] = &[
    ("be", &["is", "are", "was", "were", "been", "being"]),
    ("bring", &["brings", "brought", "bringing"]),
    ("build", &["builds", "built", "building"]),
    ("buy", &["buys", "bought", "buying"]),
    ("choose", &["chooses", "chose", "chosen", "choosing"]),
    ("do", &["does", "did", "done", "doing"]),
    ("draw", &["draws", "drew", "drawn", "drawing"]),
    ("drive", &["drives", "drove", "driven", "driving"]),
    ("feed", &["feeds", "fed", "feeding"]),
    ("find", &["finds", "found", "finding"]),
    ("get", &["gets", "got", "gotten", "getting"]),
    ("give", &["gives", "gave", "given", "giving"]),
    ("go", &["goes", "went", "gone", "going"]),
    ("grow", &["grows", "grew", "grown", "growing"]),
    ("have", &["has", "had", "having"]),
    ("hold", &["holds", "held", "holding"]),
    ("keep", &["keeps", "kept", "keeping"]),
    ("know", &["knows", "knew", "known", "knowing"]),
    ("lead", &["leads", "led", "leading"]),
    ("leave", &["leaves", "left", "leaving"]),
    ("make", &["makes", "made", "making"]),
    ("meet", &["meets", "met", "meeting"]),
    ("pay", &["pays", "paid", "paying"]),
    ("put", &["puts", "put", "putting"]),
    ("run", &["runs", "ran", "running"]),
    ("see", &["sees", "saw", "seen", "seeing"]),
    ("seek", &["seeks", "sought", "seeking"]),
    ("sell", &["sells", "sold", "selling"]),
    ("send", &["sends", "sent", "sending"]),
    ("set", &["sets", "set", "setting"]),
    ("show", &["shows", "showed", "shown", "showing"]),
    ("speak", &["speaks", "spoke", "spoken", "speaking"]),
    ("spend", &["spends", "spent", "spending"]),
    ("stand", &["stands", "stood", "standing"]),
    ("take", &["takes", "took", "taken", "taking"]),
    ("tell", &["tells", "told", "telling"]),
    ("think", &["thinks", "thought", "thinking"]),
    (
        "undertake",
        &["undertakes", "undertook", "undertaken", "undertaking"],
    ),
    ("write", &["writes", "wrote", "written", "writing"]),
];

/// Every form of `phrase` for the given word classes, the phrase itself first,
/// with spelling variants of each. No duplicates.
///
/// `word` says which word carries the inflection when the usual one is wrong:
/// a verb's first word (`roll out`) and a noun's last (`care package`) are the
/// defaults; a compound verb like `line manage` needs its last.
pub fn expand(phrase: &str, classes: &[WordClass], word: Option<WordPosition>) -> Vec<String> {
    let mut forms = vec![phrase.to_string()];
    for class in classes {
        let generated = match class {
            WordClass::Noun => inflect_word(phrase, word.unwrap_or(WordPosition::Last), plurals),
            WordClass::Verb => {
                inflect_word(phrase, word.unwrap_or(WordPosition::First), verb_forms)
            }
        };
        forms.extend(generated);
    }
    let mut out: Vec<String> = Vec::new();
    for form in forms {
        for variant in spelling_variants(&form) {
            if !out.contains(&variant) {
                out.push(variant);
            }
        }
    }
    out
}

/// Applies `inflect` to the first or last word of a phrase.
fn inflect_word(
    phrase: &str,
    position: WordPosition,
    inflect: fn(&str) -> Vec<String>,
) -> Vec<String> {
    let words: Vec<&str> = phrase.split(' ').collect();
    let index = match position {
        WordPosition::First => 0,
        WordPosition::Last => words.len() - 1,
    };
    inflect(words[index])
        .into_iter()
        .map(|form| {
            let mut replaced = words.clone();
            replaced[index] = &form;
            replaced.join(" ")
        })
        .collect()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Plural of one noun (the word may carry capitals: they are kept).
fn plurals(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    if let Some((_, plural)) = IRREGULAR_PLURALS.iter().find(|(s, _)| *s == lower) {
        return vec![plural.to_string()];
    }
    let b = lower.as_bytes();
    let n = b.len();
    if n == 0 || !lower.is_ascii() {
        return vec![format!("{word}s")];
    }
    let stem = &word[..n];
    if lower.ends_with('s')
        || lower.ends_with('x')
        || lower.ends_with('z')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        return vec![format!("{stem}es")];
    }
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        return vec![format!("{}ies", &word[..n - 1])];
    }
    if lower.ends_with("fe") {
        return vec![format!("{stem}s"), format!("{}ves", &word[..n - 2])];
    }
    if lower.ends_with('f') && !lower.ends_with("ff") {
        return vec![format!("{stem}s"), format!("{}ves", &word[..n - 1])];
    }
    if n >= 2 && b[n - 1] == b'o' && !is_vowel(b[n - 2]) {
        return vec![format!("{stem}s"), format!("{stem}es")];
    }
    vec![format!("{stem}s")]
}

/// The `-s`, `-ed` and `-ing` forms of one verb.
fn verb_forms(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    if let Some((_, forms)) = IRREGULAR_VERBS.iter().find(|(base, _)| *base == lower) {
        return forms.iter().map(|f| f.to_string()).collect();
    }
    let b = lower.as_bytes();
    let n = b.len();
    if n < 2 || !lower.is_ascii() {
        return vec![
            format!("{word}s"),
            format!("{word}ed"),
            format!("{word}ing"),
        ];
    }
    let mut out = Vec::new();

    // Third person: "signposts", "facilitates", "focuses", "applies".
    if lower.ends_with('s')
        || lower.ends_with('x')
        || lower.ends_with('z')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
        || lower.ends_with('o')
    {
        out.push(format!("{word}es"));
    } else if b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        out.push(format!("{}ies", &word[..n - 1]));
    } else {
        out.push(format!("{word}s"));
    }

    if lower.ends_with("ee") || lower.ends_with("ye") || lower.ends_with("oe") {
        // "agree" → "agreed", "agreeing".
        out.push(format!("{word}d"));
        out.push(format!("{word}ing"));
    } else if lower.ends_with("ie") {
        // "tie" → "tied", "tying".
        out.push(format!("{word}d"));
        out.push(format!("{}ying", &word[..n - 2]));
    } else if b[n - 1] == b'e' {
        // "facilitate" → "facilitated", "facilitating".
        out.push(format!("{word}d"));
        out.push(format!("{}ing", &word[..n - 1]));
    } else if b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        // "apply" → "applied", "applying".
        out.push(format!("{}ied", &word[..n - 1]));
        out.push(format!("{word}ing"));
    } else if ends_consonant_vowel_consonant(b) {
        // Doubling depends on stress ("embedded" but "targeted") and on
        // British spelling ("travelled"): generate both.
        let last = &word[n - 1..];
        out.push(format!("{word}{last}ed"));
        out.push(format!("{word}{last}ing"));
        if syllables(b) > 1 {
            out.push(format!("{word}ed"));
            out.push(format!("{word}ing"));
        }
    } else {
        out.push(format!("{word}ed"));
        out.push(format!("{word}ing"));
    }
    out
}

/// "stop", "embed", "cancel": a single vowel before a final consonant that
/// is not w, x or y.
fn ends_consonant_vowel_consonant(b: &[u8]) -> bool {
    let n = b.len();
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

/// A rough count of vowel groups: enough to tell "stop" from "embed".
fn syllables(b: &[u8]) -> usize {
    let mut count = 0;
    let mut previous_vowel = false;
    for &c in b {
        let vowel = is_vowel(c) || c == b'y';
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    count
}

/// The form itself, then its hyphen, `-ise`/`-ize` and `-our`/`-or` variants.
fn spelling_variants(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    let hyphens: Vec<usize> = form.match_indices('-').map(|(at, _)| at).collect();
    if !hyphens.is_empty() {
        // Each hyphen hyphenated or spaced on its own, since writers mix
        // them ("third party top-up"); closed up only all together
        // ("coproduction"). Past a few hyphens the mixes are too many to
        // be worth matching: all spaced, then.
        const MAX_MIXED: usize = 4;
        if hyphens.len() <= MAX_MIXED {
            for mask in 1..(1u32 << hyphens.len()) {
                let mut variant = form.as_bytes().to_vec();
                for (bit, &at) in hyphens.iter().enumerate() {
                    if mask & (1 << bit) != 0 {
                        variant[at] = b' ';
                    }
                }
                // Only ASCII hyphens were replaced with ASCII spaces.
                out.push(String::from_utf8(variant).unwrap_or_else(|_| form.replace('-', " ")));
            }
        } else {
            out.push(form.replace('-', " "));
        }
        out.push(form.replace('-', ""));
    }
    let with_ize: Vec<String> = out
        .iter()
        .filter_map(|f| map_words(f, ize_variant))
        .collect();
    out.extend(with_ize);
    let with_or: Vec<String> = out
        .iter()
        .filter_map(|f| map_words(f, or_variant))
        .collect();
    out.extend(with_or);
    out
}

/// Applies a word-level variant to every word; `None` if nothing changed.
/// Allocates only when a word changes: this runs for every form of every
/// rule at start-up.
fn map_words(form: &str, variant: fn(&str) -> Option<String>) -> Option<String> {
    let mut out: Option<String> = None;
    let mut done = 0;
    for word in form.split(' ') {
        let start = word.as_ptr() as usize - form.as_ptr() as usize;
        if let Some(changed) = variant(word) {
            let out = out.get_or_insert_with(|| String::with_capacity(form.len() + 4));
            out.push_str(&form[done..start]);
            out.push_str(&changed);
            done = start + word.len();
        }
    }
    out.map(|mut out| {
        out.push_str(&form[done..]);
        out
    })
}

/// "utilise" → "utilize", "prioritisation" → "prioritization".
fn ize_variant(word: &str) -> Option<String> {
    const ENDINGS: &[&str] = &[
        "ise", "ises", "ised", "ising", "isation", "isations", "iser", "isers",
    ];
    if word.len() < 6 {
        return None; // "rise", "wise"
    }
    // Compared as bytes, ignoring ASCII case, without a lower-cased copy:
    // this runs for every word of every phrase at start-up.
    let bytes = word.as_bytes();
    ENDINGS
        .iter()
        .find(|e| {
            bytes.len() >= e.len()
                && bytes[bytes.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        })
        .map(|ending| {
            let at = word.len() - ending.len();
            format!("{}iz{}", &word[..at], &word[at + 2..])
        })
}

/// "behaviour" → "behavior", "behavioural" → "behavioral".
fn or_variant(word: &str) -> Option<String> {
    const NOT_OUR: &[&str] = &[
        "devour", "detour", "contour", "velour", "flour", "scour", "amour",
    ];
    if !word.bytes().any(|b| b.eq_ignore_ascii_case(&b'u')) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    for ending in [
        "our", "ours", "oured", "ouring", "oural", "ourable", "ourite", "ourites",
    ] {
        if let Some(stem) = lower.strip_suffix(ending) {
            let root = format!("{stem}our");
            let before = stem.as_bytes().last().copied();
            if stem.len() >= 2
                && !NOT_OUR.iter().any(|w| root.ends_with(w))
                && matches!(
                    before,
                    Some(b'i' | b'l' | b'b' | b'n' | b'm' | b'v' | b'd' | b'p' | b'g')
                )
            {
                let at = stem.len();
                return Some(format!("{}or{}", &word[..at], &word[at + 3..]));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: &[String], want: &str) -> bool {
        forms.iter().any(|f| f == want)
    }

    #[test]
    fn verb_phrase_inflects_its_first_word() {
        let forms = expand("signpost", &[WordClass::Verb], None);
        for want in ["signpost", "signposts", "signposted", "signposting"] {
            assert!(has(&forms, want), "{want} missing from {forms:?}");
        }
        let forms = expand("roll out", &[WordClass::Verb], None);
        for want in ["rolls out", "rolled out", "rolling out"] {
            assert!(has(&forms, want), "{want} missing from {forms:?}");
        }
    }

    #[test]
    fn verbs_ending_in_e_y_and_consonants() {
        let forms = expand("facilitate", &[WordClass::Verb], None);
        assert!(
            has(&forms, "facilitated") && has(&forms, "facilitating") && has(&forms, "facilitates")
        );
        let forms = expand("embed", &[WordClass::Verb], None);
        assert!(has(&forms, "embedded") && has(&forms, "embedding") && has(&forms, "embeds"));
        let forms = expand("apply", &[WordClass::Verb], None);
        assert!(has(&forms, "applied") && has(&forms, "applies") && has(&forms, "applying"));
        let forms = expand("step down", &[WordClass::Verb], None);
        assert!(has(&forms, "stepped down") && has(&forms, "stepping down"));
        assert!(
            !has(&forms, "steped down"),
            "one-syllable words always double"
        );
    }

    #[test]
    fn a_compound_verb_can_inflect_its_last_word() {
        let forms = expand("line manage", &[WordClass::Verb], Some(WordPosition::Last));
        assert!(
            has(&forms, "line managed")
                && has(&forms, "line manages")
                && has(&forms, "line managing")
        );
        assert!(!has(&forms, "lined manage"));
    }

    #[test]
    fn irregular_verbs_are_built_in() {
        let forms = expand("feed", &[WordClass::Verb], None);
        assert!(has(&forms, "fed") && has(&forms, "feeding"));
    }

    #[test]
    fn noun_phrase_pluralises_its_last_word() {
        assert!(has(
            &expand("care package", &[WordClass::Noun], None),
            "care packages"
        ));
        assert!(has(
            &expand("service user", &[WordClass::Noun], None),
            "service users"
        ));
        assert!(has(
            &expand("the business", &[WordClass::Noun], None),
            "the businesses"
        ));
        assert!(has(&expand("policy", &[WordClass::Noun], None), "policies"));
        assert!(has(&expand("child", &[WordClass::Noun], None), "children"));
    }

    #[test]
    fn hyphenated_compounds_match_spaced_and_closed_up() {
        let forms = expand("co-production", &[], None);
        for want in ["co-production", "co production", "coproduction"] {
            assert!(has(&forms, want), "{want} missing from {forms:?}");
        }
        let forms = expand("third-party top-up", &[], None);
        for want in [
            "third party top-up",
            "third-party top up",
            "third party top up",
            "thirdparty topup",
        ] {
            assert!(has(&forms, want), "{want} missing from {forms:?}");
        }
    }

    #[test]
    fn ise_and_our_spellings_have_american_variants() {
        let forms = expand("utilise", &[WordClass::Verb], None);
        for want in ["utilize", "utilized", "utilizing", "utilised"] {
            assert!(has(&forms, want), "{want} missing from {forms:?}");
        }
        assert!(has(
            &expand("challenging behaviour", &[], None),
            "challenging behavior"
        ));
        assert!(!has(&expand("rise", &[], None), "rize"));
        assert!(
            expand("four hours", &[], None).len() == 1,
            "four and hour are not -our words"
        );
    }

    #[test]
    fn abbreviation_plural_keeps_capitals() {
        assert!(has(&expand("FTE", &[WordClass::Noun], None), "FTEs"));
    }
}
