//! Abbreviations with more than one meaning: `PA` is a personal assistant
//! in a page about direct payments, a personal adviser in one for care
//! leavers, and "per annum" on a salary line. The meaning is the one the
//! words nearby and the kind of document point to; where nothing points
//! one way, the message gives every meaning rather than guess.

use super::{Finding, Linter};
use crate::rules::Sense;
use crate::source::Document;

/// How far either side of an abbreviation the words are read: about a
/// paragraph, and a bounded cost per finding.
const WINDOW: usize = 300;

pub(super) fn choose(linter: &Linter, document: &Document, findings: &mut [Finding]) {
    let kind = document.kind;
    for finding in findings.iter_mut() {
        let senses = &linter.rule(finding.rule).senses;
        if senses.is_empty() {
            continue;
        }
        // The words nearby: the paragraph (or table cell), at most a few
        // hundred bytes either side.
        let nearby = document.text[document.around(&finding.span, WINDOW)].to_lowercase();
        finding.sense = pick(senses, &nearby, kind);
    }
}

/// The meaning with the most pointers (a word nearby counts one, the kind of
/// document one), if exactly one has the most and it has any.
fn pick(senses: &[Sense], nearby: &str, kind: Option<crate::rules::DocumentKind>) -> Option<u8> {
    let scores: Vec<usize> = senses
        .iter()
        .map(|sense| {
            sense
                .near
                .iter()
                .filter(|word| nearby.contains(word.as_str()))
                .count()
                + usize::from(kind.is_some_and(|k| sense.kinds.contains(&k)))
        })
        .collect();
    let best = scores.iter().copied().max()?;
    if best == 0 || scores.iter().filter(|&&s| s == best).count() > 1 {
        return None;
    }
    scores
        .iter()
        .position(|&s| s == best)
        .and_then(|i| u8::try_from(i).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{DocumentKind, Fit, Suggestion};

    fn sense(expansion: &str, near: &[&str], kinds: &[DocumentKind]) -> Sense {
        Sense {
            expansion: expansion.into(),
            suggestions: vec![Suggestion {
                text: expansion.into(),
                fit: Fit::Advice,
                only: Vec::new(),
                simple_past: true,
            }],
            near: near.iter().map(|w| w.to_string()).collect(),
            kinds: kinds.to_vec(),
        }
    }

    #[test]
    fn the_meaning_the_words_nearby_point_to() {
        let senses = [
            sense("personal assistant", &["direct payment", "employ"], &[]),
            sense("personal adviser", &["care leaver", "pathway plan"], &[]),
            sense(
                "per annum",
                &["£", "salary"],
                &[DocumentKind::JobDescription],
            ),
        ];
        assert_eq!(
            pick(&senses, "employ a pa with your direct payment", None),
            Some(0)
        );
        assert_eq!(pick(&senses, "every care leaver has a pa", None), Some(1));
        assert_eq!(
            pick(&senses, "£24,000 pa", Some(DocumentKind::JobDescription)),
            Some(2)
        );
        assert_eq!(pick(&senses, "ask your pa", None), None, "nothing points");
        assert_eq!(
            pick(&senses, "employ a care leaver as a pa", None),
            None,
            "a tie stays unclear"
        );
    }
}
