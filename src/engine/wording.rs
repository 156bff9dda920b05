//! What a finding says: its one-line message and the suggestions it
//! offers. Every front end (the reporters, the language server, the review
//! copy, `fix`) takes the words from here, so they all say the same.

use crate::readability;
use crate::report::escape;
use crate::rules::{BuiltinCheck, Rule};

use super::{Edit, Finding};

/// A suggestion as offered for one finding: the words, and the edit that
/// puts them in when they fit the sentence (`None`: advice, never applied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer<'a> {
    pub text: &'a str,
    pub edit: Option<&'a Edit>,
}

impl Finding {
    /// Every suggestion for this finding: those that fit the sentence
    /// first (as they would be written in), then the rule's others as
    /// advice, each in the rule's order.
    pub fn offers<'a>(&'a self, rule: &'a Rule) -> impl Iterator<Item = Offer<'a>> + Clone {
        let fitting = self.fitted.iter().map(|fitted| Offer {
            text: &fitted.edit.replacement,
            edit: Some(&fitted.edit),
        });
        // An abbreviation's meaning, once known, has its own words.
        let suggestions = match self.sense.and_then(|i| rule.senses.get(usize::from(i))) {
            Some(sense) => &sense.suggestions,
            None => &rule.suggestions,
        };
        let advice = suggestions
            .iter()
            .enumerate()
            .filter(|(index, _)| {
                !self.fitted.iter().any(|f| f.suggestion == *index)
                    && (*index >= 64 || self.elsewhere & (1 << index) == 0)
            })
            .map(|(_, suggestion)| Offer {
                text: &suggestion.text,
                edit: None,
            });
        fitting.chain(advice)
    }

    /// The edit `fix` and the review copy's tracked changes apply: the
    /// first suggestion that fits.
    pub fn first_edit(&self) -> Option<&Edit> {
        self.fitted.first().map(|fitted| &fitted.edit)
    }
}

/// What an abbreviation stands for at this finding: the meaning the words
/// nearby point to, every meaning ("personal assistant, personal adviser or
/// per annum") where that stays unclear, or `None` for a phrase.
pub fn meaning_for(rule: &Rule, finding: &Finding) -> Option<String> {
    if let Some(sense) = finding.sense.and_then(|i| rule.senses.get(usize::from(i))) {
        return Some(sense.expansion.clone());
    }
    if rule.senses.is_empty() {
        return rule.expansion.clone();
    }
    let mut all = String::new();
    for (i, sense) in rule.senses.iter().enumerate() {
        if i > 0 {
            all.push_str(if i + 1 == rule.senses.len() {
                " or "
            } else {
                ", "
            });
        }
        all.push_str(&sense.expansion);
    }
    Some(all)
}

/// The one-line message for a finding; `matched` is the text it covers.
pub fn message_for(rule: &Rule, finding: &Finding, matched: &str) -> String {
    if let Some(message) = &rule.message {
        return message.clone();
    }
    let flat = escape::flat(matched);
    if let Some(check) = rule.check {
        return match check {
            BuiltinCheck::AbbreviationNotExplained => format!(
                "\u{201C}{flat}\u{201D} is not explained: write it out in full the first time, with \u{201C}({flat})\u{201D} after it, or use everyday words"
            ),
            BuiltinCheck::AbbreviationExplainedTwice => {
                format!(
                    "\u{201C}{flat}\u{201D} is explained again: once, the first time it is used, is enough"
                )
            }
            BuiltinCheck::AbbreviationExplainedUnused => {
                format!(
                    "\u{201C}{flat}\u{201D} is explained but never used again: the full name is enough on its own"
                )
            }
            BuiltinCheck::TooManyAbbreviations => format!(
                "This document uses {}: readers have to remember them all, so write most of them out",
                finding.detail.as_deref().unwrap_or("many abbreviations")
            ),
            BuiltinCheck::LongSentence | BuiltinCheck::VeryLongSentence => {
                let words = readability::word_count(matched);
                let points = readability::split_points(matched);
                let mut message = format!("This sentence has {words} words: ");
                if points.is_empty() {
                    message.push_str("say one thing in each sentence");
                } else {
                    message.push_str("try splitting it at ");
                    for (i, point) in points.iter().enumerate() {
                        if i > 0 {
                            message.push_str(if i + 1 == points.len() { " or " } else { ", " });
                        }
                        if *point == ";" {
                            message.push_str("the semicolon");
                        } else {
                            message.push('\u{201C}');
                            message.push_str(point);
                            message.push('\u{201D}');
                        }
                    }
                }
                message
            }
            BuiltinCheck::LongParagraph => {
                let sentences = readability::sentences(matched).len();
                format!(
                    "This paragraph has {} words in {sentences} sentences: give each point a paragraph of its own",
                    readability::word_count(matched)
                )
            }
            BuiltinCheck::PassiveVoice => format!(
                "\u{201C}{flat}\u{201D} does not say who does it: name them (\u{201C}we will\u{201D}, \u{201C}your social worker\u{201D})"
            ),
            BuiltinCheck::ReadingAgeAboveTarget => format!(
                "This document has a reading age of {}: shorter sentences and everyday words bring it down",
                finding.detail.as_deref().unwrap_or("above its target")
            ),
            BuiltinCheck::TangledNegatives => format!(
                "\u{201C}{flat}\u{201D}: negatives together make the reader work out what is meant; say it the positive way"
            ),
        };
    }
    // Built in one buffer: this runs for every finding.
    let mut message = String::with_capacity(128);
    let sense = finding.sense.and_then(|i| rule.senses.get(usize::from(i)));
    match (&rule.expansion, sense) {
        (_, Some(sense)) => {
            message.push('\u{201C}');
            message.push_str(&flat);
            message.push_str("\u{201D} means ");
            message.push_str(&sense.expansion);
            message.push_str(" here: try ");
        }
        (Some(_), None) if !rule.senses.is_empty() => {
            message.push('\u{201C}');
            message.push_str(&flat);
            message.push_str("\u{201D} could mean ");
            message.push_str(&meaning_for(rule, finding).unwrap_or_default());
            message.push_str(": say which, for example ");
        }
        (Some(expansion), None) => {
            message.push('\u{201C}');
            message.push_str(&flat);
            message.push_str("\u{201D} means ");
            message.push_str(expansion);
            message.push_str(": try ");
        }
        (None, None) => {
            message.push_str("Instead of \u{201C}");
            message.push_str(&flat);
            message.push_str("\u{201D}, try ");
        }
    }
    // The first three offers, gathered once (this runs for every finding).
    let mut shown: [&str; 3] = [""; 3];
    let mut count = 0;
    for offer in finding.offers(rule).take(3) {
        shown[count] = offer.text;
        count += 1;
    }
    for (i, text) in shown[..count].iter().enumerate() {
        if i > 0 {
            message.push_str(if i + 1 == count { " or " } else { ", " });
        }
        message.push('\u{201C}');
        // Suggestions are one line already (rules files and fitted edits
        // hold no line breaks); `flat` is only for text from a document.
        message.push_str(text);
        message.push('\u{201D}');
    }
    message
}
