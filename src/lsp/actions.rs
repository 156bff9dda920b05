//! Code actions for a finding: each suggestion that fits the sentence as a
//! quick fix (advice is in the hover, never an edit), a comment
//! that switches the rule off for the line, and accepting the phrase in
//! the project's `ordinary.toml`.
//!
//! The edits come with the actions, or, for clients that resolve code
//! actions (LSP 3.16), on `codeAction/resolve`: the actions then carry a
//! [`FixData`] naming the fix, and [`resolve`] makes the same edit from it.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, NumberOrString, Position,
    Range, TextEdit, Uri, WorkspaceEdit,
};
use serde::{Deserialize, Serialize};

use super::position::{Encoding, Lines};
use crate::engine::{Finding, Fitted, Linter};
use crate::rules::BuiltinCheck;
use crate::source::{Directive, DirectiveKind, Format};

/// The command that adds a phrase to `accept` in `ordinary.toml`;
/// arguments: the document's URI and the phrase.
pub const ACCEPT_COMMAND: &str = "ordinary.accept";

/// The command that gives a document's reading summary; argument: the
/// document's URI. It answers with the summary (`heading`, `text` and the
/// figures as the JSON report gives them) and shows the text to the user.
pub const READING_SUMMARY_COMMAND: &str = "ordinary.readingSummary";

/// What code actions need to know about the document.
pub struct Context<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub lines: &'a Lines,
    pub format: Format,
    pub encoding: Encoding,
}

/// When the actions' edits are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edits {
    /// With the actions, for clients that cannot resolve them.
    Inline,
    /// On `codeAction/resolve`: the actions name their fix in this version
    /// of the document, and the client asks for the edit of the one picked.
    Deferred { version: i32 },
}

/// What a deferred action carries to `codeAction/resolve`: the document and
/// version it was made for, the finding (its rule and where it is), and
/// which of its fixes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FixData {
    pub uri: Uri,
    pub version: i32,
    pub rule: String,
    /// The finding's byte offsets in the text at `version`.
    pub start: usize,
    pub end: usize,
    pub fix: Fix,
}

/// One of a finding's fixes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Fix {
    /// One of the rule's suggestions, fitted to the sentence. The
    /// replacement is the one the title promised: a rules file changed
    /// since cannot swap in another suggestion.
    Replace { suggestion: usize, with: String },
    /// The comment that switches the rule off for the line.
    Disable,
}

/// Why a deferred action's edit cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("the code action's data is not one ordinary made: {0}")]
    Malformed(#[source] serde_json::Error),
    #[error("{uri} is no longer open")]
    Closed { uri: String },
    #[error("{uri} has changed since the action was offered (version {offered}, now {current})")]
    Changed {
        uri: String,
        offered: i32,
        current: i32,
    },
    #[error("the finding the action was for has changed since it was offered")]
    Gone,
}

/// Every action for the findings touching the requested range, linked to
/// the `diagnostics` the client sent with the request.
pub fn actions(
    context: &Context<'_>,
    diagnostics: &[Diagnostic],
    findings: &[&Finding],
    linter: &Linter,
    edits: Edits,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for finding in findings {
        let rule = linter.rule(finding.rule);
        let matched = &context.text[finding.span.clone()];
        let range = context
            .lines
            .range(context.text, finding.span.clone(), context.encoding);
        let diagnostic: Option<Vec<Diagnostic>> = diagnostics
            .iter()
            .find(|d| d.range == range && d.code == Some(NumberOrString::String(rule.id.clone())))
            .map(|d| vec![d.clone()]);
        // The edit now, or what makes it later.
        let fix_action = |title: String, fix: Fix, make: &dyn Fn() -> WorkspaceEdit| {
            let (edit, data) = match edits {
                Edits::Inline => (Some(make()), None),
                Edits::Deferred { version } => {
                    let data = FixData {
                        uri: context.uri.clone(),
                        version,
                        rule: rule.id.clone(),
                        start: finding.span.start,
                        end: finding.span.end,
                        fix,
                    };
                    // Strings and numbers only: serialising cannot fail.
                    (None, serde_json::to_value(data).ok())
                }
            };
            CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone(),
                edit,
                data,
                ..CodeAction::default()
            }
        };

        for (i, fitted) in finding.fitted.iter().enumerate() {
            let title = format!(
                "Replace \u{201C}{}\u{201D} with \u{201C}{}\u{201D}",
                crate::report::escape::flat(&context.text[fitted.edit.span.clone()]),
                fitted.edit.replacement
            );
            let fix = Fix::Replace {
                suggestion: fitted.suggestion,
                with: fitted.edit.replacement.clone(),
            };
            let action = fix_action(title, fix, &|| replace_edit(context, fitted));
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                is_preferred: Some(i == 0),
                ..action
            }));
        }

        let title = format!("Disable {} for this line", rule.id);
        let action = fix_action(title, Fix::Disable, &|| {
            disable_line_edit(context, finding, &rule.id)
        });
        actions.push(CodeActionOrCommand::CodeAction(action));

        if acceptable(rule, matched) {
            let phrase = crate::report::escape::flat(matched).into_owned();
            let title = format!("Accept \u{201C}{phrase}\u{201D} in this project (ordinary.toml)");
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic,
                command: Some(Command {
                    title,
                    command: ACCEPT_COMMAND.to_string(),
                    arguments: Some(vec![
                        serde_json::Value::String(context.uri.as_str().to_string()),
                        serde_json::Value::String(phrase),
                    ]),
                }),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// Accepting a phrase works for what the phrase trie matches and for
/// abbreviations; not for a note about the whole document.
fn acceptable(rule: &crate::rules::Rule, matched: &str) -> bool {
    match rule.check {
        Some(BuiltinCheck::TooManyAbbreviations) => false,
        Some(_) => true,
        None => !rule.forms.is_empty() && !matched.trim().is_empty(),
    }
}

/// The edit a deferred action names, made as the action's inline edit is:
/// only for the version it was offered for, and only while the document
/// still has the finding and the fix.
pub fn resolve(
    context: &Context<'_>,
    version: i32,
    findings: &[Finding],
    linter: &Linter,
    data: &FixData,
) -> Result<WorkspaceEdit, ResolveError> {
    if version != data.version {
        return Err(ResolveError::Changed {
            uri: data.uri.as_str().to_string(),
            offered: data.version,
            current: version,
        });
    }
    // Findings are in document order.
    let from = findings.partition_point(|f| f.span.start < data.start);
    let finding = findings[from..]
        .iter()
        .take_while(|f| f.span.start == data.start)
        .find(|f| f.span.end == data.end && linter.rule(f.rule).id == data.rule)
        .ok_or(ResolveError::Gone)?;
    match &data.fix {
        Fix::Replace { suggestion, with } => {
            let fitted = finding
                .fitted
                .iter()
                .find(|f| f.suggestion == *suggestion && f.edit.replacement == *with)
                .ok_or(ResolveError::Gone)?;
            Ok(replace_edit(context, fitted))
        }
        Fix::Disable => Ok(disable_line_edit(context, finding, &data.rule)),
    }
}

/// A suggestion put in the sentence.
fn replace_edit(context: &Context<'_>, fitted: &Fitted) -> WorkspaceEdit {
    let replaced = context
        .lines
        .range(context.text, fitted.edit.span.clone(), context.encoding);
    edit(
        context.uri,
        vec![TextEdit::new(replaced, fitted.edit.replacement.clone())],
    )
}

/// The rule switched off for the finding's line.
fn disable_line_edit(context: &Context<'_>, finding: &Finding, rule: &str) -> WorkspaceEdit {
    edit(
        context.uri,
        vec![disable_edit(context, finding.span.start, rule)],
    )
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The suppression comment for `rule` on the line holding `offset`.
///
/// Markdown gets `<!-- ordinary-disable-line ID -->` at the end of the line:
/// a comment line of its own would split a paragraph in two. Plain text
/// takes comments only on lines of their own, so it gets
/// `# ordinary-disable-next-line ID` above the line, indented like it. An
/// existing comment of the same kind gets the id added instead.
fn disable_edit(context: &Context<'_>, offset: usize, rule: &str) -> TextEdit {
    let text = context.text;
    let lines = context.lines;
    let line = lines.line_of(offset);
    let line_range = lines.line(text, line);
    let position = |at: usize| lines.position(text, at, context.encoding);
    match context.format {
        Format::Markdown => {
            let content = &text[line_range.clone()];
            if let Some(edit) = extend_comment(
                content,
                line_range.start,
                DirectiveKind::DisableLine,
                rule,
                &position,
            ) {
                return edit;
            }
            // Before trailing spaces or a backslash: they make a hard line break.
            let kept = content.trim_end_matches([' ', '\t']);
            let kept = kept
                .strip_suffix('\\')
                .unwrap_or(kept)
                .trim_end_matches([' ', '\t']);
            let at = position(line_range.start + kept.len());
            TextEdit::new(
                Range::new(at, at),
                format!(" <!-- ordinary-disable-line {rule} -->"),
            )
        }
        Format::Text | Format::Docx => {
            if line > 0 {
                let above = lines.line(text, line - 1);
                if let Some(edit) = extend_comment(
                    &text[above.clone()],
                    above.start,
                    DirectiveKind::DisableNextLine,
                    rule,
                    &position,
                ) {
                    return edit;
                }
            }
            let content = &text[line_range.clone()];
            let indent = &content[..content.len() - content.trim_start().len()];
            let start = Position::new(position(line_range.start).line, 0);
            TextEdit::new(
                Range::new(start, start),
                format!(
                    "{indent}# ordinary-disable-next-line {rule}{}",
                    line_break(text)
                ),
            )
        }
    }
}

/// Adds `rule` to a comment of `kind` on a line, if it has one naming rules.
fn extend_comment(
    line: &str,
    line_start: usize,
    kind: DirectiveKind,
    rule: &str,
    position: &dyn Fn(usize) -> Position,
) -> Option<TextEdit> {
    let keyword = match kind {
        DirectiveKind::DisableLine => "ordinary-disable-line",
        DirectiveKind::DisableNextLine => "ordinary-disable-next-line",
        _ => return None,
    };
    let at = line.find(keyword)?;
    let comment_end = line[at..]
        .find("-->")
        .map_or(line.trim_end().len(), |end| at + end);
    let comment = &line[at..comment_end];
    let directive = Directive::parse(comment)?;
    // A comment with no ids already switches off every rule.
    if directive.kind != kind
        || directive.rules.is_empty()
        || directive.rules.iter().any(|r| r == rule)
    {
        return None;
    }
    let insert_at = line_start + at + comment.trim_end().len();
    let place = position(insert_at);
    Some(TextEdit::new(Range::new(place, place), format!(", {rule}")))
}

/// The document's own line break, so an inserted line matches the rest.
fn line_break(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}
