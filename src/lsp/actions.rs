//! Code actions for a finding: each suggestion that fits the sentence as a
//! quick fix (advice is in the hover, never an edit), a comment
//! that switches the rule off for the line, and accepting the phrase in
//! the project's `ordinary.toml`.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, NumberOrString, Position,
    Range, TextEdit, Uri, WorkspaceEdit,
};

use super::position::{Encoding, Lines};
use crate::engine::{Finding, Linter};
use crate::rules::BuiltinCheck;
use crate::source::{Directive, DirectiveKind, Format};

/// The command that adds a phrase to `accept` in `ordinary.toml`;
/// arguments: the document's URI and the phrase.
pub const ACCEPT_COMMAND: &str = "ordinary.accept";

/// What code actions need to know about the document.
pub struct Context<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub lines: &'a Lines,
    pub format: Format,
    pub encoding: Encoding,
    /// The diagnostics the client sent with the request, to link actions to.
    pub diagnostics: &'a [Diagnostic],
}

/// Every action for the findings touching the requested range.
pub fn actions(
    context: &Context<'_>,
    findings: &[&Finding],
    linter: &Linter,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for finding in findings {
        let rule = linter.rule(finding.rule);
        let matched = &context.text[finding.span.clone()];
        let range = context
            .lines
            .range(context.text, finding.span.clone(), context.encoding);
        let diagnostic: Option<Vec<Diagnostic>> = context
            .diagnostics
            .iter()
            .find(|d| d.range == range && d.code == Some(NumberOrString::String(rule.id.clone())))
            .map(|d| vec![d.clone()]);

        for (i, fitted) in finding.fitted.iter().enumerate() {
            let replaced =
                context
                    .lines
                    .range(context.text, fitted.edit.span.clone(), context.encoding);
            let title = format!(
                "Replace \u{201C}{}\u{201D} with \u{201C}{}\u{201D}",
                crate::report::escape::flat(&context.text[fitted.edit.span.clone()]),
                fitted.edit.replacement
            );
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone(),
                edit: Some(edit(
                    context.uri,
                    vec![TextEdit::new(replaced, fitted.edit.replacement.clone())],
                )),
                is_preferred: Some(i == 0),
                ..CodeAction::default()
            }));
        }

        let disable = disable_edit(context, finding.span.start, &rule.id);
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Disable {} for this line", rule.id),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: diagnostic.clone(),
            edit: Some(edit(context.uri, vec![disable])),
            ..CodeAction::default()
        }));

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
