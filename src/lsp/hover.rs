//! Hover over a flagged phrase: what to write instead, why, and the rule;
//! over the first line, how the document reads as well.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Range};

use crate::engine::{Finding, Linter, message_for};
use crate::readability::{ReadingFigures, summary};

/// The reading summary as a hover shows it: the core's heading and its
/// words ([`ReadingFigures::describe`]), nothing of its own.
pub fn reading(figures: &ReadingFigures, markdown: bool) -> String {
    let bold = if markdown { "**" } else { "" };
    format!("{bold}{}{bold}: {}", summary::HEADING, figures.describe())
}

/// The findings' hover text and the reading summary after it, either of
/// which may be missing; `None` with neither.
pub fn with_reading(
    findings: Option<String>,
    reading: Option<String>,
    markdown: bool,
) -> Option<String> {
    let rule = if markdown { "\n\n---\n\n" } else { "\n\n" };
    match (findings, reading) {
        (Some(findings), Some(reading)) => Some(format!("{findings}{rule}{reading}")),
        (findings, reading) => findings.or(reading),
    }
}

/// The hover text for the findings under the cursor, in Markdown or, for a
/// client that shows only plain text, without its marks; `None` when there
/// are none.
pub fn contents(
    text: &str,
    findings: &[&Finding],
    linter: &Linter,
    markdown: bool,
) -> Option<String> {
    let (bold, code) = if markdown { ("**", "`") } else { ("", "") };
    let parts: Vec<String> = findings
        .iter()
        .map(|finding| {
            let rule = linter.rule(finding.rule);
            let matched = &text[finding.span.clone()];
            let mut part = format!("{bold}{}{bold}\n\n", message_for(rule, finding, matched));
            let (fits, advice): (Vec<_>, Vec<_>) =
                finding.offers(rule).partition(|o| o.edit.is_some());
            let words = |offers: &[_]| -> String {
                offers
                    .iter()
                    .map(|o: &crate::engine::Offer<'_>| o.text)
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            if !fits.is_empty() {
                part.push_str(&format!("Try: {}\n\n", words(&fits)));
            }
            if !advice.is_empty() {
                let label = if fits.is_empty() {
                    "Try"
                } else {
                    "Or, reworded"
                };
                part.push_str(&format!("{label}: {}\n\n", words(&advice)));
            }
            part.push_str(&format!("Why: {}\n\n", rule.why.trim()));
            part.push_str(&format!(
                "{code}{}{code} · {} ({code}{}{code}) · {}",
                rule.id,
                rule.category.describe(),
                rule.category.as_str(),
                finding.severity
            ));
            part
        })
        .collect();
    let rule = if markdown { "\n\n---\n\n" } else { "\n\n" };
    (!parts.is_empty()).then(|| parts.join(rule))
}

pub fn hover(value: String, markdown: bool, range: Range) -> Hover {
    let kind = if markdown {
        MarkupKind::Markdown
    } else {
        MarkupKind::PlainText
    };
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind, value }),
        range: Some(range),
    }
}
