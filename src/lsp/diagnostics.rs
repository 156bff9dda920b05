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

/// The most diagnostics sent for one document. Past this an editor slows
/// to a crawl and nobody reads them; one more says how many there are.
pub const MAX_DIAGNOSTICS: usize = 1000;

/// One diagnostic per finding, in document order, up to
/// [`MAX_DIAGNOSTICS`] and a notice of the rest.
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
    let mut diagnostics: Vec<Diagnostic> = findings
        .iter()
        .take(MAX_DIAGNOSTICS)
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
        .collect();
    if findings.len() > MAX_DIAGNOSTICS {
        diagnostics.push(Diagnostic {
            range: lsp_types::Range::default(),
            severity: Some(DiagnosticSeverity::INFORMATION),
            code: Some(NumberOrString::String("too-many-findings".into())),
            source: Some(SOURCE.to_string()),
            message: format!(
                "Showing the first {MAX_DIAGNOSTICS} of {} findings in this document; `ordinary check` on the file lists them all.",
                findings.len()
            ),
            ..Diagnostic::default()
        });
    }
    diagnostics
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}
