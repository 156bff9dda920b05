//! Hover over a flagged phrase: what to write instead, why, and the rule.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Range};

use crate::engine::{Finding, Linter};
use crate::report::{message_for, suggestions_for};

/// The hover text for the findings under the cursor; `None` when there are none.
pub fn contents(text: &str, findings: &[&Finding], linter: &Linter) -> Option<String> {
    let parts: Vec<String> = findings
        .iter()
        .map(|finding| {
            let rule = linter.rule(finding.rule);
            let matched = &text[finding.span.clone()];
            let mut part = format!(
                "**{}**\n\n",
                message_for(rule, matched, finding.detail.as_deref())
            );
            let suggestions = suggestions_for(rule, matched);
            if !suggestions.is_empty() {
                part.push_str(&format!("Try: {}\n\n", suggestions.join("; ")));
            }
            part.push_str(&format!("Why: {}\n\n", rule.why.trim()));
            part.push_str(&format!(
                "`{}` · {} (`{}`) · {}",
                rule.id,
                rule.category.describe(),
                rule.category.as_str(),
                finding.severity
            ));
            part
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n---\n\n"))
}

pub fn hover(markdown: String, range: Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(range),
    }
}
