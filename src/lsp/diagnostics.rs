//! Findings as LSP diagnostics.

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::position::{Cursor, Encoding, Lines};
use crate::engine::{Finding, Linter, message_for};
use crate::rules::Severity;

/// The diagnostics' source, shown by editors next to each message.
pub const SOURCE: &str = "ordinary";

/// What the client can take.
#[derive(Debug, Clone, Copy)]
pub struct DiagnosticOptions {
    pub encoding: Encoding,
    /// The client shows related information: the why goes there.
    pub related_information: bool,
}

/// One diagnostic per finding, in document order.
pub fn build(
    uri: &str,
    text: &str,
    findings: &[Finding],
    linter: &Linter,
    options: &DiagnosticOptions,
) -> Vec<Diagnostic> {
    let lines = Lines::new(text);
    let mut cursor = Cursor::new(text, &lines, options.encoding);
    let location_uri: Option<Uri> = if options.related_information {
        uri.parse().ok()
    } else {
        None
    };
    findings
        .iter()
        .map(|finding| {
            let rule = linter.rule(finding.rule);
            let range = cursor.range(finding.span.clone());
            let matched = &text[finding.span.clone()];
            let related = location_uri.as_ref().map(|uri| {
                vec![DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), range),
                    message: format!("Why: {}", rule.why.trim()),
                }]
            });
            Diagnostic {
                range,
                // A repeat is a hint: editors show it faintly, not in the
                // problems list.
                severity: Some(if finding.repeat_of.is_some() {
                    DiagnosticSeverity::HINT
                } else {
                    severity(finding.severity)
                }),
                code: Some(NumberOrString::String(rule.id.clone())),
                code_description: None,
                source: Some(SOURCE.to_string()),
                message: message_for(rule, finding, matched),
                related_information: related,
                tags: None,
                data: None,
            }
        })
        .collect()
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}
