//! The forms of English words that fitting a suggestion into a sentence
//! needs: a noun's plural, a verb's tenses, and "a" or "an".
//!
//! Our own code, not a crate: the maintained inflection crates only turn
//! nouns plural (and `inflector` has been unmaintained for years); none
//! gives a verb's past, participle and `-ing` form, or picks "a"/"an" for
//! abbreviations. What is here is regular English plus tables of the
//! exceptions a plain-language rules file can meet; the tests check it
//! against a list of words written out by hand.

/// Irregular verbs: base, past tense, past participle.
const IRREGULAR_VERBS: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("be", "was", "been"),
    ("bear", "bore", "borne"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("find", "found", "found"),
    ("fit", "fitted", "fitted"),
    ("forget", "forgot", "forgotten"),
    ("get", "got", "got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("learn", "learnt", "learnt"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("show", "showed", "shown"),
    ("shut", "shut", "shut"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("speak", "spoke", "spoken"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("spend", "spent", "spent"),
    ("stand", "stood", "stood"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("understand", "understood", "understood"),
    ("upset", "upset", "upset"),
    ("undertake", "undertook", "undertaken"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("write", "wrote", "written"),
];

/// Verbs of more than one syllable whose last consonant doubles (the
/// stress falls at the end): "referred", "admitted". Others do not
/// ("visited", "targeted"), except a final `l`, which British spelling
/// doubles ("travelled").
const DOUBLING: &[&str] = &[
    "admit", "commit", "compel", "control", "deter", "equip", "expel", "occur", "omit", "patrol",
    "permit", "prefer", "propel", "rebel", "recur", "refer", "regret", "submit", "transfer",
    "embed", "upset", "forget", "begin", "concur", "incur", "defer", "infer", "confer", "acquit",
    "allot", "annul", "dispel", "excel", "instil", "rebut", "remit", "repel",
];

/// Nouns whose plural is not made with `-s` or `-es` (also used to match
/// a rule's plurals, in `rules::forms`).
pub(crate) const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("child", "children"),
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("mouse", "mice"),
    ("criterion", "criteria"),
    ("phenomenon", "phenomena"),
    ("life", "lives"),
    ("wife", "wives"),
    ("half", "halves"),
    ("shelf", "shelves"),
    ("leaf", "leaves"),
    ("self", "selves"),
    ("analysis", "analyses"),
    ("crisis", "crises"),
    ("basis", "bases"),
    ("staff", "staff"),
    ("sheep", "sheep"),
    ("series", "series"),
];

/// The forms a verb takes in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// "refer": after "to", "will", "we".
    Base,
    /// "refers": after "he", "she", "it".
    Third,
    /// "referred": "we referred him".
    Past,
    /// "referred": "he was referred", "we have referred".
    Participle,
    /// "referring".
    Ing,
}

/// One verb's forms, read off a table or made by the regular rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Verb {
    pub base: String,
    pub third: String,
    pub past: String,
    pub participle: String,
    pub ing: String,
}

impl Verb {
    /// The forms of a one-word verb (lower case).
    pub fn of(base: &str) -> Verb {
        let lower = base.to_lowercase();
        let (past, participle) = match IRREGULAR_VERBS.iter().find(|(b, _, _)| *b == lower) {
            Some(&(_, past, participle)) => (past.to_string(), participle.to_string()),
            None => {
                let past = regular_past(&lower);
                (past.clone(), past)
            }
        };
        Verb {
            third: match lower.as_str() {
                "be" => "is".to_string(),
                "have" => "has".to_string(),
                _ => third_person(&lower),
            },
            ing: ing_form(&lower),
            base: lower,
            past,
            participle,
        }
    }

    pub fn form(&self, form: VerbForm) -> &str {
        match form {
            VerbForm::Base => &self.base,
            VerbForm::Third => &self.third,
            VerbForm::Past => &self.past,
            VerbForm::Participle => &self.participle,
            VerbForm::Ing => &self.ing,
        }
    }

    /// Which form `word` is of this verb, if any. A word that is both the
    /// past and the participle ("referred") is called the past: the words
    /// before it decide which (see the fitting code).
    pub fn form_of(&self, word: &str) -> Option<VerbForm> {
        [
            VerbForm::Base,
            VerbForm::Third,
            VerbForm::Past,
            VerbForm::Participle,
            VerbForm::Ing,
        ]
        .into_iter()
        .find(|&form| self.form(form).eq_ignore_ascii_case(word))
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn third_person(word: &str) -> String {
    let b = word.as_bytes();
    let n = b.len();
    if word.ends_with(['s', 'x', 'z', 'o']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &word[..n - 1])
    } else {
        format!("{word}s")
    }
}

/// Whether the last consonant doubles before `-ed` and `-ing`.
fn doubles(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    let cvc = n >= 2
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && (n == 2 || !is_vowel(b[n - 3]));
    if !cvc {
        return false;
    }
    let vowel_groups = b
        .iter()
        .zip(std::iter::once(&b'_').chain(b.iter()))
        .filter(|&(&c, &before)| is_vowel(c) && !is_vowel(before))
        .count();
    vowel_groups == 1 || b[n - 1] == b'l' || DOUBLING.contains(&word)
}

fn regular_past(word: &str) -> String {
    let b = word.as_bytes();
    let n = b.len();
    if word.ends_with('e') {
        format!("{word}d")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ied", &word[..n - 1])
    } else if doubles(word) {
        format!("{word}{}ed", &word[n - 1..])
    } else {
        format!("{word}ed")
    }
}

fn ing_form(word: &str) -> String {
    let n = word.len();
    if word.ends_with("ie") {
        format!("{}ying", &word[..n - 2])
    } else if word.ends_with('e')
        && !word.ends_with("ee")
        && !word.ends_with("ye")
        && !word.ends_with("oe")
        && n > 2
    {
        format!("{}ing", &word[..n - 1])
    } else if doubles(word) {
        format!("{word}{}ing", &word[n - 1..])
    } else {
        format!("{word}ing")
    }
}

/// The plural of one noun, capitals kept on a regular one.
pub fn plural(word: &str) -> String {
    let lower = word.to_lowercase();
    if let Some((_, plural)) = IRREGULAR_PLURALS.iter().find(|(s, _)| *s == lower) {
        return plural.to_string();
    }
    let b = lower.as_bytes();
    let n = b.len();
    if word.chars().all(|c| !c.is_lowercase()) && n > 1 {
        // An abbreviation: "GPs".
        return format!("{word}s");
    }
    if lower.ends_with(['s', 'x', 'z']) || lower.ends_with("ch") || lower.ends_with("sh") {
        format!("{word}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &word[..n - 1])
    } else {
        format!("{word}s")
    }
}

/// Whether a noun (one word) is plural: "users", "people", "needs";
/// not "business", "status", "analysis".
pub fn is_plural_noun(word: &str) -> bool {
    // Compared without a lower-cased copy: fitting asks this of most
    // findings.
    let same = |a: &str| a.eq_ignore_ascii_case(word);
    if PLURAL_ONLY.iter().any(|p| same(p)) {
        return true;
    }
    if IRREGULAR_PLURALS
        .iter()
        .any(|(singular, plural)| same(plural) && singular != plural)
    {
        return true;
    }
    if IRREGULAR_PLURALS.iter().any(|(singular, _)| same(singular)) {
        return false;
    }
    let bytes = word.as_bytes();
    let ends = |ending: &str| {
        bytes.len() >= ending.len()
            && bytes[bytes.len() - ending.len()..].eq_ignore_ascii_case(ending.as_bytes())
    };
    bytes.len() > 2 && ends("s") && !ends("ss") && !ends("us") && !ends("is") && !ends("ics")
}

/// Nouns that are plural without an `-s`, or whose `-us` is a plural's.
const PLURAL_ONLY: &[&str] = &["folk", "gurus", "menus", "cattle", "police"];

/// Letters whose names start with a vowel sound: "an MP", "an SEN plan".
const VOWEL_SOUND_LETTERS: &str = "AEFHILMNORSX";

/// Words starting with a vowel letter but a consonant sound ("a unit"),
/// or with a silent h ("an hour").
const CONSONANT_SOUND_STARTS: &[&str] = &["uni", "use", "usu", "uti", "eu", "one", "once", "ubiq"];
const SILENT_H_STARTS: &[&str] = &["hour", "honest", "honour", "honor", "heir"];

/// "a" or "an", for the words that follow: by sound, so "an hour", "a
/// unit", "an MP", "a GP", "an 18-year-old".
pub fn indefinite_article(following: &str) -> &'static str {
    let word: &str = following
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let Some(first) = word.chars().next() else {
        return "a";
    };
    if first.is_ascii_digit() {
        // "an 8", "an 80", "an 11", "an 18"; "a 1", "a 100".
        let an = word.starts_with('8') || word == "11" || word == "18";
        return if an { "an" } else { "a" };
    }
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    if capitals >= 2 && capitals * 2 > word.chars().count() {
        // Read letter by letter.
        return if VOWEL_SOUND_LETTERS.contains(first.to_ascii_uppercase()) {
            "an"
        } else {
            "a"
        };
    }
    let starts = |start: &str| {
        word.len() >= start.len()
            && word.as_bytes()[..start.len()].eq_ignore_ascii_case(start.as_bytes())
    };
    if SILENT_H_STARTS.iter().any(|s| starts(s)) {
        return "an";
    }
    if CONSONANT_SOUND_STARTS.iter().any(|s| starts(s)) {
        return "a";
    }
    if "aeiou".contains(first.to_ascii_lowercase()) {
        "an"
    } else {
        "a"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forms written out by hand: base, third person, past, participle, -ing.
    const VERBS: &[[&str; 5]] = &[
        ["refer", "refers", "referred", "referred", "referring"],
        ["visit", "visits", "visited", "visited", "visiting"],
        ["point", "points", "pointed", "pointed", "pointing"],
        ["talk", "talks", "talked", "talked", "talking"],
        ["stop", "stops", "stopped", "stopped", "stopping"],
        ["travel", "travels", "travelled", "travelled", "travelling"],
        ["use", "uses", "used", "used", "using"],
        ["agree", "agrees", "agreed", "agreed", "agreeing"],
        ["tie", "ties", "tied", "tied", "tying"],
        ["apply", "applies", "applied", "applied", "applying"],
        ["stay", "stays", "stayed", "stayed", "staying"],
        ["focus", "focuses", "focused", "focused", "focusing"],
        ["reach", "reaches", "reached", "reached", "reaching"],
        ["go", "goes", "went", "gone", "going"],
        ["do", "does", "did", "done", "doing"],
        ["tell", "tells", "told", "told", "telling"],
        ["give", "gives", "gave", "given", "giving"],
        ["put", "puts", "put", "put", "putting"],
        ["have", "has", "had", "had", "having"],
        ["start", "starts", "started", "started", "starting"],
        ["begin", "begins", "began", "begun", "beginning"],
        ["target", "targets", "targeted", "targeted", "targeting"],
        ["admit", "admits", "admitted", "admitted", "admitting"],
        ["fix", "fixes", "fixed", "fixed", "fixing"],
        ["plan", "plans", "planned", "planned", "planning"],
        ["see", "sees", "saw", "seen", "seeing"],
        ["help", "helps", "helped", "helped", "helping"],
        ["depend", "depends", "depended", "depended", "depending"],
        ["concur", "concurs", "concurred", "concurred", "concurring"],
        ["incur", "incurs", "incurred", "incurred", "incurring"],
        ["defer", "defers", "deferred", "deferred", "deferring"],
        [
            "prohibit",
            "prohibits",
            "prohibited",
            "prohibited",
            "prohibiting",
        ],
        ["visit", "visits", "visited", "visited", "visiting"],
    ];

    #[test]
    fn verbs_match_the_forms_written_by_hand() {
        for [base, third, past, participle, ing] in VERBS {
            let verb = Verb::of(base);
            assert_eq!(
                [
                    verb.base.as_str(),
                    &verb.third,
                    &verb.past,
                    &verb.participle,
                    &verb.ing
                ],
                [*base, *third, *past, *participle, *ing],
                "{base}"
            );
            assert_eq!(verb.form_of(ing), Some(VerbForm::Ing));
        }
    }

    #[test]
    fn plurals_match_the_forms_written_by_hand() {
        for (singular, expected) in [
            ("person", "people"),
            ("worker", "workers"),
            ("break", "breaks"),
            ("family", "families"),
            ("day", "days"),
            ("box", "boxes"),
            ("church", "churches"),
            ("child", "children"),
            ("GP", "GPs"),
            ("staff", "staff"),
            ("bus", "buses"),
        ] {
            assert_eq!(plural(singular), expected, "{singular}");
        }
    }

    #[test]
    fn plural_nouns_are_told_from_singular_ones() {
        for word in ["users", "people", "needs", "children", "Carers"] {
            assert!(is_plural_noun(word), "{word}");
        }
        for word in ["user", "business", "status", "analysis", "person", "care"] {
            assert!(!is_plural_noun(word), "{word}");
        }
    }

    #[test]
    fn articles_follow_the_sound() {
        for (words, article) in [
            ("person", "a"),
            ("hour", "an"),
            ("unit", "a"),
            ("useful plan", "a"),
            ("MP", "an"),
            ("GP", "a"),
            ("NHS number", "an"),
            ("UN report", "a"),
            ("older person", "an"),
            ("European", "a"),
            ("18-year-old", "an"),
            ("8", "an"),
            ("one-off payment", "a"),
            ("honest answer", "an"),
            ("home", "a"),
            ("\u{201C}open\u{201D} door", "an"),
        ] {
            assert_eq!(indefinite_article(words), article, "{words}");
        }
    }
}
