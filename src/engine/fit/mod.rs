//! Fitting a rule's suggestions to the sentence a match is in.
//!
//! A suggestion becomes a one-click edit only when it can be put in so the
//! sentence still reads and means the same: the noun takes the number of
//! the match ("service user" → "person", "service users" → "people"), the
//! verb its tense and person ("signposted" → "pointed"), a describing word
//! must suit its place (before a noun, or after "is"), "a" becomes "an" when
//! the next sound needs it, a possessive stays one, and nothing may leave a
//! word doubled. What cannot be fitted is advice: shown, never applied.
//!
//! Everything here looks at a few words either side of the match, so the
//! cost per finding is bounded whatever the size of the paragraph.

use std::ops::Range;

use crate::english::{self, VerbForm};
use crate::rules::{Fit, PhraseClass, Rule, Suggestion, VerbPhrase};

mod lists;
pub(super) mod words;

use lists::*;
use words::*;

/// A change to the document: put `replacement` in place of `span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte offsets in the document's text. Wider than the finding when the
    /// words next to it change too ("a care package" → "care and support").
    pub span: Range<usize>,
    pub replacement: String,
}

/// A suggestion that fits its sentence, with the edit that puts it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// Which of the rule's suggestions.
    pub suggestion: usize,
    pub edit: Edit,
}

/// Where a finding is: the text of its segment (a paragraph, a cell) and
/// what may not be edited in it.
pub(crate) struct Place<'a> {
    /// The segment's text as it is in the document.
    pub text: &'a str,
    /// The segment's offset in the document.
    pub base: usize,
    /// The segment's document text holds markup (Markdown), so an edit
    /// across `*`, `_`, `[` … would take markup out.
    pub markup: bool,
}

/// Characters that mean an edit would cross Markdown markup or escapes.
const MARKUP: &[char] = &['*', '_', '`', '[', ']', '<', '>', '\\', '~', '|', '!'];

/// The suggestions of `rule` that fit the match at `span` (offsets in the
/// document), each with its edit; the others are advice.
pub(crate) fn fit(rule: &Rule, place: &Place<'_>, span: Range<usize>) -> Vec<Fitted> {
    let local = span.start - place.base..span.end - place.base;
    let Some(matched) = place.text.get(local.clone()) else {
        return Vec::new();
    };
    let around = Around::new(place.text, local.clone());
    // Every edit lies within the word before the match and the end of the
    // match and its apostrophe.
    let window = around.before.as_ref().map_or(local.start, |(_, r)| r.start)
        ..place.text[local.end..]
            .char_indices()
            .nth(1)
            .map_or(place.text.len(), |(i, _)| local.end + i);
    let mut written = None;
    // The match read as a phrase key, made once: comparing by folding the
    // text again for every key was a twentieth of a whole run.
    let mut key: Option<String> = None;
    let mut own: Option<Neighbourhood<'_>> = None;
    let mut fitted: Vec<Fitted> = Vec::new();
    for (index, suggestion) in rule.suggestions.iter().enumerate() {
        if suggestion.fit.is_advice() {
            continue;
        }
        if suggestion.fit == Fit::Phrase {
            let key = key.get_or_insert_with(|| match_key(matched));
            if !*written.get_or_insert_with(|| as_written(rule, key)) {
                continue;
            }
        }
        // A suggestion for some of the rule's phrases only (`for`).
        if !suggestion.only.is_empty() {
            let key = key.get_or_insert_with(|| match_key(matched));
            if !suggestion.only.contains(key) {
                continue;
            }
        }
        let Some((edit_span, replacement)) = fit_one(rule, suggestion, matched, &around) else {
            continue;
        };
        let original = &place.text[edit_span.clone()];
        if place.markup && original.contains(MARKUP) {
            continue;
        }
        let replacement = if rule.case_sensitive {
            replacement
        } else {
            copy_case(
                original,
                replacement,
                starts_sentence(place.text, edit_span.start),
            )
        };
        if replacement == original {
            continue;
        }
        // Most edits cover just the match: its neighbourhood is read once.
        let fresh;
        let near = if edit_span == local {
            own.get_or_insert_with(|| Neighbourhood::new(place.text, local.clone()))
        } else {
            fresh = Neighbourhood::new(place.text, edit_span.clone());
            &fresh
        };
        debug_assert_eq!(near.span, edit_span);
        if collides(near, &replacement) {
            continue;
        }
        // Two suggestions that give the same sentence ("person" after "The",
        // and "the person" in place of "The") are one offer.
        let reads = |span: &Range<usize>, replacement: &str| {
            let window = window.clone();
            let (start, end) = (span.start.max(window.start), span.end.min(window.end));
            format!(
                "{}{replacement}{}",
                &place.text[window.start..start],
                &place.text[end..window.end]
            )
        };
        if !fitted.is_empty() && {
            let result = reads(&edit_span, &replacement);
            fitted.iter().any(|f| {
                let local = f.edit.span.start - place.base..f.edit.span.end - place.base;
                reads(&local, &f.edit.replacement) == result
            })
        } {
            continue;
        }
        fitted.push(Fitted {
            suggestion: index,
            edit: Edit {
                span: place.base + edit_span.start..place.base + edit_span.end,
                replacement,
            },
        });
    }
    fitted
}

/// The rule's suggestions meant for its other phrases (`for`), as bits.
pub(crate) fn elsewhere(rule: &Rule, matched: &str) -> u64 {
    let mut bits = 0;
    let mut key: Option<String> = None;
    for (index, suggestion) in rule.suggestions.iter().enumerate().take(64) {
        if !suggestion.only.is_empty()
            && !suggestion
                .only
                .contains(key.get_or_insert_with(|| match_key(matched)))
        {
            bits |= 1 << index;
        }
    }
    bits
}

/// Capitals copied from what is replaced: "Service users" → "People",
/// "SERVICE USERS" → "PEOPLE". Capitals in the replacement (a name) stay.
fn copy_case(original: &str, mut replacement: String, sentence_start: bool) -> String {
    let mut letters = original.chars().filter(|c| c.is_alphabetic());
    let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
    if all_caps {
        return replacement.to_uppercase();
    }
    // "IT literate": a capital that belongs to an abbreviation is not a
    // sentence's capital.
    let first_word = original
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let abbreviation = first_word.chars().filter(|c| c.is_uppercase()).count() > 1;
    // A capital in mid-sentence ("We need Buy-in") is the writer's
    // emphasis on the old word, not the sentence's: it is not copied.
    let starts_upper =
        sentence_start && !abbreviation && original.chars().next().is_some_and(char::is_uppercase);
    if starts_upper
        && replacement
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_lowercase)
    {
        // The common case, without a new string.
        replacement[..1].make_ascii_uppercase();
        return replacement;
    }
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => replacement,
    }
}

/// Whether the match is one of the rule's phrases as written (not a
/// generated form: "use" is right for "utilise", wrong for "utilised").
/// A match of a regular expression is as its author wrote it.
fn as_written(rule: &Rule, matched_key: &str) -> bool {
    if rule.phrase_data.keys.is_empty() {
        return !rule.patterns.is_empty();
    }
    rule.phrase_data.keys.iter().any(|key| key == matched_key)
}

/// Matched text read as a phrase key ([`phrase_key`]), compared with the
/// rule's keys as they were built: spaces and hyphens left out, curly apostrophes and
/// dashes read as plain ones, letters in lower case.
fn match_key(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '\u{AD}'
                )
        })
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The head word of a noun phrase: the last word, or the one before "of",
/// "who" … ("packages of care").
fn head_word(phrase: &str) -> &str {
    let mut head = "";
    for word in phrase.split_whitespace() {
        if is_one_of(word, AFTER_HEAD) {
            break;
        }
        head = word;
    }
    head
}

/// Whether a possessive `'s` can follow: not after a phrase with a clause
/// or a phrase after its head ("people who draw on care's").
fn takes_possessive(replacement: &str) -> bool {
    !replacement
        .split_whitespace()
        .any(|w| is_one_of(w, AFTER_HEAD))
}

/// One suggestion fitted to the match: the span to replace (offsets in the
/// segment) and the words to put there; `None` if it does not fit.
fn fit_one(
    rule: &Rule,
    suggestion: &Suggestion,
    matched: &str,
    around: &Around<'_>,
) -> Option<(Range<usize>, String)> {
    let (fit, text) = (&suggestion.fit, suggestion.text.as_str());
    let span = around.span.clone();
    match fit {
        Fit::Advice => None,
        // As written: checked by the caller, once for all of a rule's
        // phrases. "a special needs school" → "an additional needs school".
        // Longer words cannot describe the next noun: "the post-qualifying
        // experience requirement" is not "the experience since qualifying
        // requirement". Shorthand that ends in a full stop or a number
        // ("e.g.", "s117") describes nothing: "e.g. apples" → "for example
        // apples", "s117 aftercare" → "section 117 aftercare".
        // A phrase that ends in a preposition ("sits within") takes the noun
        // after it as its object, and cannot describe it: "sits within adult
        // social care" → "is part of adult social care". Nor can it carry a
        // possessive.
        Fit::Phrase => {
            let longer = text.split_whitespace().count() > matched.split_whitespace().count();
            let shorthand = matched.ends_with(|c: char| c == '.' || c.is_ascii_digit());
            let takes_an_object = matched
                .split_whitespace()
                .last()
                .is_some_and(|last| is_one_of(last, OBJECT_PREPOSITIONS))
                && text
                    .split_whitespace()
                    .last()
                    .is_some_and(|last| is_one_of(last, OBJECT_PREPOSITIONS));
            if longer && !shorthand && !takes_an_object && around.before_a_noun() {
                return None;
            }
            // A possessive stays after the words dropped in only where they
            // can carry it: "the Local Authority's" → "the council's", but
            // not "alternate days' visits" → "every other day' visits".
            let carries = match around.possessive() {
                Possessive::None => true,
                Possessive::Singular => takes_possessive(text),
                Possessive::Plural(_) => takes_possessive(text) && text.ends_with(['s', 'S']),
            };
            if !carries {
                return None;
            }
            let first = text.split_whitespace().next().unwrap_or("");
            if is_determiner(first) {
                return with_own_determiner(around, span, first, text);
            }
            with_article(around, span, text.to_string())
        }
        Fit::Noun {
            singular,
            plural,
            mass,
        } => fit_noun(
            matched,
            around,
            singular.as_deref(),
            plural.as_deref(),
            *mass,
        ),
        Fit::Verb(phrase) => {
            if rule.class != PhraseClass::Verb {
                return None;
            }
            fit_verb(rule, matched, around, phrase, suggestion.simple_past)
        }
        Fit::Adjective {
            before_noun,
            after_be,
        } => {
            // "holistically": a describing word cannot stand for an adverb.
            // "very elderly" is not "very older": a comparative, or a
            // phrase, cannot follow "very".
            let graded = text.ends_with("er") || text.ends_with("est") || text.contains([' ', '-']);
            if graded
                && around.previous_is(&[
                    "very",
                    "extremely",
                    "most",
                    "more",
                    "quite",
                    "so",
                    "too",
                    "really",
                    "particularly",
                    "less",
                ])
            {
                return None;
            }
            if ["ally", "ively", "ously", "fully", "edly", "ingly"]
                .iter()
                .any(|ending| matched.ends_with(ending))
            {
                return None;
            }
            let before = around.before_a_noun();
            let after = around.after_be() && !before;
            let suits = if before {
                *before_noun
            } else if after {
                *after_be
            } else {
                *before_noun && *after_be
            };
            if !suits {
                return None;
            }
            with_article(around, span, text.to_string())
        }
        Fit::InsteadOfBe(phrase) => {
            // A noun after "is" ("the focus is hospital discharge") is not
            // a state a verb can say; nor is a describing word joined to
            // another ("is strengths-based and person-centred").
            if rule.class == PhraseClass::Noun
                || around.after.is_some_and(|w| w.eq_ignore_ascii_case("to"))
            {
                return None;
            }
            if around
                .after
                .is_some_and(|w| is_one_of(w, &["and", "or", "but"]))
            {
                // "is non-verbal and uses Makaton" reads on as a verb; "is
                // non-verbal and autistic" does not.
                let joined = word_after(around.text, around.span.end)
                    .and_then(|(_, r)| word_after(around.text, r.end))
                    .map(|(w, _)| w);
                let verb = joined.is_some_and(|w| {
                    is_verb_like(w)
                        || is_one_of(w, AMBIGUOUS_VERBS)
                        || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ous"))
                });
                if !verb {
                    return None;
                }
            }
            let (be, range) = around.before.as_ref()?;
            let form = match be.to_ascii_lowercase().as_str() {
                "is" => VerbForm::Third,
                "are" | "am" | "be" => VerbForm::Base,
                "was" | "were" => VerbForm::Past,
                // "has been non-verbal" → "has not used speech".
                "been" => VerbForm::Participle,
                _ => return None,
            };
            Some((range.start..span.end, phrase.form(form)))
        }
    }
}

fn fit_noun(
    matched: &str,
    around: &Around<'_>,
    singular: Option<&str>,
    plural: Option<&str>,
    mass: bool,
) -> Option<(Range<usize>, String)> {
    let is_plural = english::is_plural_noun(head_word(matched));
    let words = if is_plural { plural? } else { singular? };
    let possessive = around.possessive();
    // Inside a noun phrase after a describing word ("a new care package"):
    // the word before is not a small word or a verb, and a determiner comes
    // before it.
    let previous_describes = around
        .previous()
        .is_some_and(|w| !is_not_noun(w) && !is_determiner_like(w) && !is_verb_like(w));
    let inside_phrase = previous_describes
        && around
            .before
            .as_ref()
            .and_then(|(_, range)| word_before(around.text, range.start))
            .is_some_and(|(w, _)| is_determiner_like(w));
    let long = !takes_possessive(words);
    if long && (possessive != Possessive::None || !around.ends_noun_phrase(is_plural)) {
        // "people who draw on care's views", "the needs the council must
        // meet of carers".
        return None;
    }
    let clause = words
        .split_whitespace()
        .any(|w| is_one_of(w, &["who", "that", "which", "whose", "where"]));
    if clause && previous_describes {
        // "drug addicts" → "drug people who use drugs".
        return None;
    }
    // After "is"/"are" the noun says what someone is: "carers who are
    // also service users" is not "… also people".
    let after_be = around
        .previous_past_adverb()
        .is_some_and(|w| is_one_of(w, BE))
        || (around.previous_is(&["a", "an"])
            && around
                .before
                .as_ref()
                .and_then(|(_, r)| word_before(around.text, r.start))
                .is_some_and(|(w, _)| is_one_of(w, BE)));
    // What someone is, after "is": "is a self-funder" → "is a person who
    // pays for their own care" says the same; "carers who are also
    // people" and "is the person" say nothing.
    let person_headed = is_one_of(head_word(words), &["person", "people"]);
    if after_be && person_headed && (!long || is_plural) {
        return None;
    }
    // A third-person verb after a singular match ("her package of care
    // starts") is not a noun the match describes.
    let verb_follows = !is_plural && around.third_person_verb_next();
    // A plural seldom describes the next noun: what follows is its verb
    // ("old people run", "presenting needs relate"), but for a few heads
    // councils write after one ("carers assessment", "needs team").
    let describes_next = if is_plural {
        around.after.is_some_and(|w| {
            is_one_of(w, PLURAL_MODIFIED) || is_one_of(w.trim_end_matches('s'), PLURAL_MODIFIED)
        })
    } else {
        around.before_a_noun()
    };
    if !mass && !verb_follows && possessive == Possessive::None && describes_next {
        // The match describes the next noun ("service user feedback"):
        // "person feedback" does not read.
        return None;
    }

    let mut span = around.span.clone();
    let mut replacement = words.to_string();
    if let Possessive::Plural(apostrophe) = possessive {
        // "users'" → "people's": the apostrophe is rewritten too.
        span.end += apostrophe.len_utf8();
        let ends_in_s = replacement.ends_with(['s', 'S']);
        replacement.push(apostrophe);
        if !ends_in_s {
            replacement.push('s');
        }
    }
    let previous = around.previous();
    let first = words.split_whitespace().next().unwrap_or("");
    if is_determiner(first) {
        if inside_phrase {
            return None;
        }
        return with_own_determiner(around, span, first, &replacement);
    }
    if mass {
        // "a long and proven track record" → not "a long and experience":
        // an "a" a few words back, before describing words, is the match's.
        let mut at = around.span.start;
        let mut indefinite_before = false;
        for _ in 0..3 {
            let Some((word, range)) = word_before(around.text, at) else {
                break;
            };
            if is_one_of(word, &["a", "an"]) {
                indefinite_before = at != around.span.start;
                break;
            }
            if is_verb_like(word) || is_one_of(word, PREPOSITIONS) || is_determiner(word) {
                break;
            }
            at = range.start;
        }
        if inside_phrase || indefinite_before {
            return None;
        }
        // Before a noun the "a" belongs to that noun: "a domiciliary care
        // agency" → "a home care agency".
        if around.before_a_noun() {
            return with_article(around, span, replacement);
        }
        return match previous {
            // "a care package" → "care and support".
            Some(article) if is_one_of(article, &["a", "an"]) => {
                let (_, range) = around.before.as_ref()?;
                Some((range.start..span.end, replacement))
            }
            Some(word) if is_one_of(word, COUNT_ONLY) => None,
            _ => Some((span, replacement)),
        };
    }
    with_article(around, span, replacement)
}

/// Places a suggestion that starts with its own determiner (`first`): "the
/// service user" → "the person", its own article taking the place of a
/// written one of the same kind ("a" for "a", "the" for "the"), and of no
/// other determiner ("your direct reports" is not "your the people you
/// manage").
fn with_own_determiner(
    around: &Around,
    span: Range<usize>,
    first: &str,
    replacement: &str,
) -> Option<(Range<usize>, String)> {
    let indefinite = |word: &str| is_one_of(word, &["a", "an"]);
    match around.previous() {
        Some(written) if is_one_of(written, &["a", "an", "the"]) => {
            let same = if indefinite(written) {
                indefinite(first)
            } else {
                first.eq_ignore_ascii_case("the")
            };
            if !same {
                return None;
            }
            let (_, range) = around.before.as_ref()?;
            Some((range.start..span.end, fix_article(replacement)))
        }
        Some(word) if is_determiner(word) => None,
        _ => Some((span, fix_article(replacement))),
    }
}

/// Puts the right "a" or "an" before a replacement that follows one: the
/// edit takes in the article when it changes ("an ICB" → "a health board").
fn with_article(
    around: &Around<'_>,
    span: Range<usize>,
    replacement: String,
) -> Option<(Range<usize>, String)> {
    match &around.before {
        Some((article, range)) if is_one_of(article, &["a", "an"]) => {
            let wanted = english::indefinite_article(&replacement);
            if wanted.eq_ignore_ascii_case(article) {
                Some((span, replacement))
            } else {
                Some((range.start..span.end, format!("{wanted} {replacement}")))
            }
        }
        _ => Some((span, replacement)),
    }
}

/// A suggestion that starts with "a"/"an" gets the one its next word needs.
fn fix_article(replacement: &str) -> String {
    match replacement.split_once(' ') {
        Some((article, rest)) if is_one_of(article, &["a", "an"]) => {
            format!("{} {rest}", english::indefinite_article(rest))
        }
        _ => replacement.to_string(),
    }
}

fn fit_verb(
    rule: &Rule,
    matched: &str,
    around: &Around<'_>,
    phrase: &VerbPhrase,
    simple_past: bool,
) -> Option<(Range<usize>, String)> {
    // "can work on their own initiative and as part of a team": what is
    // joined to the match ("as part of a team") belongs to its verb, and a
    // longer phrase in its place would leave it hanging.
    if phrase.after.contains(' ')
        && around.after.is_some_and(|w| is_one_of(w, &["and", "or"]))
        && word_after(around.text, around.span.end)
            .and_then(|(_, r)| word_after(around.text, r.end))
            .is_some_and(|(w, _)| {
                is_one_of(
                    w,
                    &[
                        "as", "with", "in", "on", "at", "by", "without", "under", "within",
                    ],
                )
            })
    {
        return None;
    }
    // "a signpost", "the signposting": the word is used as a noun here.
    // ("This mitigates" is a verb: "this" can stand alone.)
    if around.previous_is(&[
        "a", "an", "the", "my", "your", "his", "her", "its", "our", "their",
    ]) {
        return None;
    }
    let word = if rule.phrase_data.inflect_last {
        matched.split_whitespace().last()?
    } else {
        matched.split_whitespace().next()?
    };
    let word = word.replace('-', "");
    let verb = rule
        .phrase_data
        .verbs
        .iter()
        .find(|verb| verb.form_of(&word).is_some())?;
    let form = verb.form_of(&word)?;
    let previous = around.previous_past_adverb();
    let after = |list: &[&str]| previous.is_some_and(|w| is_one_of(w, list));
    let form = match form {
        // "was signposted", "has signposted".
        VerbForm::Past if after(PARTICIPLE_AFTER) => VerbForm::Participle,
        // "hit", "put", "set": base or past by the word before.
        VerbForm::Base if verb.base == verb.past => {
            if after(BASE_AFTER) {
                VerbForm::Base
            } else if after(THIRD_PERSON)
                || previous.is_some_and(|w| {
                    // "our last apprentice hit": a singular subject would
                    // take "hits" in the present.
                    !is_not_noun(w) && !english::is_plural_noun(w) && !is_verb_like(w)
                })
            {
                VerbForm::Past
            } else {
                return None;
            }
        }
        // "Information and signposting": after a small word an -ing word
        // may be a noun. At the start, or after a noun ("people suffering
        // from", "week commencing"), it is a verb.
        VerbForm::Ing if !after(ING_AFTER) && previous.is_some_and(is_not_noun) => {
            return None;
        }
        // "Accrued leave": a participle at the start, before a noun,
        // describes it.
        VerbForm::Past | VerbForm::Participle
            if previous.is_none() && around.before_a_noun() && phrase.after.contains(' ') =>
        {
            return None;
        }
        VerbForm::Past if !simple_past => return None,
        other => other,
    };
    Some((around.span.clone(), phrase.form(form)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_a_place() {
        let text = "She was then signposted, busy.";
        let at = text.find("signposted").unwrap();
        assert_eq!(word_before(text, at).unwrap().0, "then");
        assert_eq!(word_after(text, at + 10), None);
        assert_eq!(neighbour_after(text, at + 10), Some("busy"));
        assert_eq!(
            neighbour_before(text, text.find("busy").unwrap()),
            Some("signposted")
        );
        let around = Around::new(text, at..at + 10);
        assert_eq!(around.previous_past_adverb(), Some("was"));
    }

    #[test]
    fn possessives_are_seen() {
        let text = "service users' views and the service user's home";
        let around = Around::new(text, 0..13);
        assert_eq!(around.possessive(), Possessive::Plural('\''));
        let at = text.find("service user's").unwrap();
        let around = Around::new(text, at..at + 12);
        assert_eq!(around.possessive(), Possessive::Singular);
    }

    #[test]
    fn keys_compare_as_phrase_key_builds_them() {
        for (text, phrase) in [
            ("Service  users", "service users"),
            ("co\u{2011}production", "co-production"),
            ("carers\u{2019} centre", "carers' centre"),
            ("Prior\nto", "prior to"),
        ] {
            assert_eq!(
                match_key(text),
                crate::rules::phrase_key(phrase),
                "{text:?}"
            );
            assert_eq!(
                crate::rules::phrase_key(text),
                crate::rules::phrase_key(phrase)
            );
        }
        assert_ne!(match_key("prior"), crate::rules::phrase_key("prior to"));
        assert!(same_stem("meeting", "meet") && same_stem("Breaks", "break"));
        assert!(!same_stem("care", "career"));
    }

    #[test]
    fn capitals_follow_what_is_replaced() {
        assert_eq!(copy_case("Service users", "people".into(), true), "People");
        assert_eq!(copy_case("Service users", "people".into(), false), "people");
        assert_eq!(copy_case("SERVICE USERS", "people".into(), false), "PEOPLE");
        assert_eq!(
            copy_case("service users", "NHS staff".into(), true),
            "NHS staff"
        );
        assert_eq!(
            copy_case("IT literate", "confident".into(), true),
            "confident"
        );
        assert!(starts_sentence("Done. Then", 6));
        assert!(starts_sentence("- ", 2));
        assert!(!starts_sentence("We need ", 8));
    }
}
