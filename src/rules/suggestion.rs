//! What a rule suggests, and how each suggestion can be fitted into a
//! sentence: the grammatical kind and forms the rules file gives it.
//!
//! The common case is one string, which takes the rule's own `class`: a
//! noun rule's suggestion is a noun with a regular plural, a verb rule's a
//! verb inflected on its first word. A table says more when it must:
//! `{ noun = "person", plural = "people" }`, `{ mass = "care and support" }`,
//! `{ before_noun = "whole-person" }`, `{ instead_of_be = "use a wheelchair" }`,
//! `{ advice = "say who you will put them in touch with" }`.
//! The engine's fitting code (`engine::fit`) decides, for each match, which
//! suggestions fit the sentence and what the edit is.

use serde::{Deserialize, Serialize};

use crate::english::{self, Verb};

/// What a rule's phrase is in a sentence, which says how its plain-string
/// suggestions are fitted (`class` in a rules file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhraseClass {
    /// A noun phrase: "service user", "care package". Suggestions take the
    /// number of the match.
    Noun,
    /// A verb phrase: "signpost", "liaise with". Suggestions take the
    /// tense and person of the match.
    Verb,
    /// A describing word: "holistic", "wheelchair-bound". Suggestions must
    /// suit the place: before a noun, or after "is".
    Adjective,
    /// Anything else ("prior to", "going forward"): suggestions replace
    /// the phrase exactly as written, and only its written forms.
    Phrase,
}

/// One suggestion of a rule: the words as written, and how they fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The words as the rules file gives them (the main form), shown by
    /// `ordinary explain` and in a rule's help.
    pub text: String,
    pub fit: Fit,
    /// The forms of the phrases this suggestion is for, as compared
    /// ([`phrase_key`]); empty: every phrase of the rule (`for` in a table).
    pub only: Vec<String>,
    /// A verb suggestion may stand for the match in the simple past
    /// ("suffered from a chest infection" is not "lived with"): `simple_past
    /// = false` in a table says it may not.
    pub simple_past: bool,
}

/// How a suggestion can go into a sentence in place of a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fit {
    /// Shown to the author, never applied: it needs a person to fit it.
    Advice,
    /// Put in place of the phrase exactly as written, anywhere.
    Phrase,
    /// A noun phrase. `None` for a number it has no form for.
    Noun {
        singular: Option<String>,
        plural: Option<String>,
        /// Uncountable ("care and support"): no "a", no plural.
        mass: bool,
    },
    /// A verb phrase, one of whose words is inflected.
    Verb(VerbPhrase),
    /// A describing word, for the places it suits.
    Adjective { before_noun: bool, after_be: bool },
    /// A verb phrase that takes the place of "is"/"are"/"was" and the
    /// match ("is wheelchair-bound" → "uses a wheelchair").
    InsteadOfBe(VerbPhrase),
}

impl Fit {
    pub fn is_advice(&self) -> bool {
        matches!(self, Fit::Advice)
    }

    /// The kind and forms in words, for `ordinary explain`.
    pub fn describe(&self) -> String {
        match self {
            Fit::Advice => "advice: never applied".to_string(),
            Fit::Phrase => "replaces the phrase as written".to_string(),
            Fit::Noun { mass: true, .. } => "a noun with no plural and no \"a\"".to_string(),
            Fit::Noun {
                singular: Some(_),
                plural: Some(plural),
                ..
            } => format!("a noun; plural \u{201C}{plural}\u{201D}"),
            Fit::Noun { singular: None, .. } => "a plural noun".to_string(),
            Fit::Noun { .. } => "a noun; singular only".to_string(),
            Fit::Verb(phrase) => format!(
                "a verb: {}, {}, {}",
                phrase.form(english::VerbForm::Third),
                phrase.form(english::VerbForm::Past),
                phrase.form(english::VerbForm::Ing)
            ),
            Fit::Adjective {
                before_noun: true,
                after_be: true,
            } => "a describing word".to_string(),
            Fit::Adjective {
                before_noun: true, ..
            } => "before a noun only".to_string(),
            Fit::Adjective { .. } => "after \"is\" only".to_string(),
            Fit::InsteadOfBe(phrase) => format!(
                "takes the place of \"is\": {}",
                phrase.form(english::VerbForm::Third)
            ),
        }
    }
}

/// A verb phrase: the words before the verb, its forms, the words after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbPhrase {
    pub before: String,
    pub verb: Verb,
    pub after: String,
}

impl VerbPhrase {
    /// The phrase inflected on its first word (`point … to`), or on the
    /// word given by `past`/`participle` overrides.
    pub fn new(text: &str, past: Option<&str>, participle: Option<&str>) -> VerbPhrase {
        let (verb, after) = match text.find(' ') {
            Some(space) => (&text[..space], &text[space..]),
            None => (text, ""),
        };
        let mut forms = Verb::of(verb);
        if let Some(past) = past {
            forms.past = past.to_string();
            forms.participle = past.to_string();
        }
        if let Some(participle) = participle {
            forms.participle = participle.to_string();
        }
        VerbPhrase {
            before: String::new(),
            verb: forms,
            after: after.to_string(),
        }
    }

    pub fn form(&self, form: english::VerbForm) -> String {
        // "do not use speech": after "has" it is "has not used speech", and
        // "not using speech" for the -ing form.
        if self.verb.base == "do"
            && matches!(form, english::VerbForm::Participle | english::VerbForm::Ing)
            && let Some(rest) = self.after.strip_prefix(" not ")
        {
            let (verb, tail) = rest.split_once(' ').map_or((rest, ""), |(v, t)| (v, t));
            let inner = Verb::of(verb);
            let tail = if tail.is_empty() {
                String::new()
            } else {
                format!(" {tail}")
            };
            return format!("{}not {}{tail}", self.before, inner.form(form));
        }
        format!("{}{}{}", self.before, self.verb.form(form), self.after)
    }
}

/// Marks of a suggestion that is not words to drop in: a placeholder or
/// a choice between alternatives. Such a suggestion is advice.
const NOT_WORDS: &[&str] = &["\u{2026}", "...", "/", ";", "[", " or ", "etc"];

/// Words that start a phrase after the head noun ("package *of* care",
/// "person *who* draws on …"): the plural goes on the word before.
const AFTER_HEAD: &[&str] = &[
    "of", "for", "in", "on", "at", "to", "from", "with", "about", "after", "before",
];
/// Words that start a clause after the head noun: its verb would have to
/// agree too, so the plural must be written out.
const CLAUSE: &[&str] = &["who", "that", "which", "whose", "where"];

/// A plain-string suggestion of a rule of `class`.
pub fn plain(text: &str, class: PhraseClass) -> Fit {
    if NOT_WORDS.iter().any(|mark| text.contains(mark)) {
        return Fit::Advice;
    }
    match class {
        PhraseClass::Phrase => Fit::Phrase,
        PhraseClass::Noun => {
            let words: Vec<&str> = text.split(' ').collect();
            let head = words
                .iter()
                .position(|w| AFTER_HEAD.contains(w) || CLAUSE.contains(w))
                .map_or(words.len() - 1, |at| at.saturating_sub(1));
            if english::is_plural_noun(words[head]) {
                return Fit::Noun {
                    singular: None,
                    plural: Some(text.to_string()),
                    mass: false,
                };
            }
            Fit::Noun {
                singular: Some(text.to_string()),
                plural: regular_plural(text),
                mass: false,
            }
        }
        PhraseClass::Verb => Fit::Verb(VerbPhrase::new(text, None, None)),
        PhraseClass::Adjective => Fit::Adjective {
            before_noun: true,
            after_be: true,
        },
    }
}

/// The plural of a noun phrase: on its head word, which is the last word
/// or the one before "of", "for" …; `None` when a clause follows the head
/// ("person who draws on care"), whose verb would have to change too.
pub fn regular_plural(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    if words.iter().any(|w| CLAUSE.contains(w)) {
        return None;
    }
    let head = words
        .iter()
        .position(|w| AFTER_HEAD.contains(w))
        .map_or(words.len() - 1, |at| at.saturating_sub(1));
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[head] = english::plural(words[head]);
    Some(out.join(" "))
}

/// The keys a suggestion table may have, for error messages.
pub const TABLE_KEYS: &str = "advice, phrase, noun (with plural), plural, mass, verb (with past, participle, simple_past), adjective, before_noun, after_be, instead_of_be (with past, participle), and `for` with any of them";

/// A suggestion written as a table, or why it cannot be read, with the
/// phrases it is limited to (`for`), which the loader checks and expands.
pub fn from_table(
    table: &std::collections::BTreeMap<String, toml::Value>,
) -> Result<(Suggestion, Vec<String>), String> {
    let mut only = Vec::new();
    for (key, value) in table {
        match (key.as_str(), value) {
            ("for", toml::Value::Array(items)) => {
                for item in items {
                    match item.as_str() {
                        Some(phrase) => only.push(phrase.trim().to_string()),
                        None => return Err("`for` must be a list of the rule's phrases".into()),
                    }
                }
            }
            ("for", _) => return Err("`for` must be a list of the rule's phrases".into()),
            ("simple_past", toml::Value::Boolean(_)) => {}
            ("simple_past", _) => return Err("`simple_past` must be true or false".into()),
            (_, toml::Value::String(_)) => {}
            (key, _) => return Err(format!("`{key}` must be a string")),
        }
    }
    let get = |key: &str| {
        table
            .get(key)
            .and_then(|v| v.as_str())
            .map(|s| s.trim().to_string())
    };
    let main_keys = [
        "advice",
        "phrase",
        "noun",
        "mass",
        "verb",
        "adjective",
        "before_noun",
        "after_be",
        "instead_of_be",
    ];
    for key in table.keys() {
        if !main_keys.contains(&key.as_str())
            && !["plural", "past", "participle", "for", "simple_past"].contains(&key.as_str())
        {
            return Err(format!(
                "unknown key `{key}` in a suggestion: use {TABLE_KEYS}"
            ));
        }
    }
    let mains: Vec<&str> = main_keys
        .iter()
        .copied()
        .filter(|k| table.contains_key(*k))
        .collect();
    let plural = get("plural");
    let (past, participle) = (get("past"), get("participle"));
    let main = match (mains.as_slice(), &plural) {
        ([], Some(_)) => "plural",
        ([one], _) => one,
        ([], None) => return Err(format!("an empty suggestion: give one of {TABLE_KEYS}")),
        _ => {
            return Err(format!(
                "a suggestion has {}: give only one of them",
                mains.join(" and ")
            ));
        }
    };
    if plural.is_some() && !matches!(main, "noun" | "plural") {
        return Err("`plural` goes only with `noun`".to_string());
    }
    if (past.is_some() || participle.is_some()) && !matches!(main, "verb" | "instead_of_be") {
        return Err("`past` and `participle` go only with `verb` or `instead_of_be`".to_string());
    }
    let text = get(main).unwrap_or_default();
    if text.is_empty() {
        return Err(format!("`{main}` is empty"));
    }
    let mut text = text;
    let fit = match main {
        "advice" => Fit::Advice,
        "phrase" => Fit::Phrase,
        "noun" => Fit::Noun {
            singular: Some(text.clone()),
            plural: plural.or_else(|| regular_plural(&text)),
            mass: false,
        },
        "plural" => Fit::Noun {
            singular: None,
            plural: Some(text.clone()),
            mass: false,
        },
        "mass" => Fit::Noun {
            singular: Some(text.clone()),
            plural: None,
            mass: true,
        },
        "verb" => Fit::Verb(VerbPhrase::new(
            &text,
            past.as_deref(),
            participle.as_deref(),
        )),
        "instead_of_be" => {
            let phrase = VerbPhrase::new(&text, past.as_deref(), participle.as_deref());
            // Shown as it reads in place of "is": "uses a wheelchair".
            text = phrase.form(english::VerbForm::Third);
            Fit::InsteadOfBe(phrase)
        }
        "adjective" => Fit::Adjective {
            before_noun: true,
            after_be: true,
        },
        "before_noun" => Fit::Adjective {
            before_noun: true,
            after_be: false,
        },
        _ => Fit::Adjective {
            before_noun: false,
            after_be: true,
        },
    };
    Ok((
        Suggestion {
            text,
            fit,
            only: Vec::new(),
            simple_past: table
                .get("simple_past")
                .and_then(toml::Value::as_bool)
                .unwrap_or(true),
        },
        only,
    ))
}

/// What fitting needs of a rule's phrases, worked out once when the rule
/// is loaded: each phrase as compared (see [`phrase_key`]), and the forms
/// of each phrase's first word for a verb rule (with `-ize` spellings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhraseData {
    pub keys: Vec<String>,
    /// The forms of each phrase's inflected word, hyphens taken out.
    pub verbs: Vec<Verb>,
    /// The verb is inflected on its last word (`line manage`).
    pub inflect_last: bool,
}

impl PhraseData {
    pub fn new(phrases: &[String], class: PhraseClass, inflect_last: bool) -> PhraseData {
        let mut verbs = Vec::new();
        if class == PhraseClass::Verb {
            for phrase in phrases {
                let mut words = phrase.split_whitespace();
                let word = if inflect_last {
                    words.last()
                } else {
                    words.next()
                };
                let word = word.unwrap_or("").replace('-', "").to_lowercase();
                if word.contains("is") {
                    verbs.push(Verb::of(&word.replace("is", "iz")));
                }
                if word.contains("our") {
                    verbs.push(Verb::of(&word.replace("our", "or")));
                }
                verbs.push(Verb::of(&word));
            }
        }
        PhraseData {
            keys: phrases.iter().map(|p| phrase_key(p)).collect(),
            verbs,
            inflect_last,
        }
    }
}

/// A phrase as compared with what was matched: normalised (curly quotes,
/// dashes, spaces), without spaces and hyphens, lower case.
pub fn phrase_key(phrase: &str) -> String {
    crate::normalize::normalize_phrase(phrase)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// An example sentence a rule must flag, and how it reads after the
/// rule's first fitting suggestion is applied (`None`: no edit may be
/// offered, the suggestions are advice there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub text: String,
    pub after: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_noun_suggestions_take_their_number_from_the_head_word() {
        assert_eq!(
            plain("short break", PhraseClass::Noun),
            Fit::Noun {
                singular: Some("short break".into()),
                plural: Some("short breaks".into()),
                mass: false
            }
        );
        assert_eq!(
            plain("people", PhraseClass::Noun),
            Fit::Noun {
                singular: None,
                plural: Some("people".into()),
                mass: false
            }
        );
        assert_eq!(
            regular_plural("package of care").as_deref(),
            Some("packages of care")
        );
        assert_eq!(regular_plural("person who draws on care"), None);
        assert_eq!(plain("time off … caring", PhraseClass::Noun), Fit::Advice);
    }

    #[test]
    fn tables_are_read_and_mistakes_explained() {
        let table = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), toml::Value::String(v.to_string())))
                .collect()
        };
        let (person, _) = from_table(&table(&[("noun", "person"), ("plural", "people")])).unwrap();
        assert_eq!(person.text, "person");
        assert!(matches!(person.fit, Fit::Noun { plural: Some(ref p), .. } if p == "people"));
        assert!(from_table(&table(&[("noun", "a"), ("verb", "b")])).is_err());
        assert!(from_table(&table(&[("nuon", "a")])).is_err());
        assert!(from_table(&table(&[("adjective", "a"), ("plural", "b")])).is_err());
        let (told, _) = from_table(&table(&[("verb", "tell them about")])).unwrap();
        let Fit::Verb(phrase) = told.fit else {
            panic!("a verb")
        };
        assert_eq!(phrase.form(english::VerbForm::Past), "told them about");
    }
}
