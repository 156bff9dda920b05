//! The start of a session: waiting for `initialize`, what the server
//! offers, the workspace folder, and which documents it checks.

use std::path::{Path, PathBuf};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, ExecuteCommandOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
};

use super::actions::{ACCEPT_COMMAND, READING_SUMMARY_COMMAND};
use super::position::Encoding;
use super::transport::{Incoming, Outgoing};
use super::uri;
use crate::source::Format;

/// Answers everything before `initialize` as the protocol says; `None` if
/// the client left first.
pub(super) fn wait_for_initialize(
    incoming: &Receiver<Incoming>,
    out: &Sender<Outgoing>,
) -> Option<(RequestId, InitializeParams)> {
    for message in incoming {
        match message {
            Incoming::Message(Message::Request(request)) if request.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => return Some((request.id, params)),
                    Err(error) => send(
                        out,
                        Response::new_err(
                            request.id,
                            ErrorCode::InvalidParams as i32,
                            format!("bad initialize parameters: {error}"),
                        ),
                    ),
                }
            }
            Incoming::Message(Message::Request(request)) => send(
                out,
                Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet".into(),
                ),
            ),
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => return None,
            Incoming::Message(_) => {}
            Incoming::Malformed { id, code, message } => {
                let _ = out.send(Outgoing::Error { id, code, message });
            }
        }
    }
    None
}

/// What the server offers; `resolve_edits` when the client can resolve
/// code actions' edits (see [`super::actions::Edits`]).
pub(super) fn initialize_result(encoding: Encoding, resolve_edits: bool) -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                // Left out, not `false`, for other clients: as before.
                resolve_provider: resolve_edits.then_some(true),
                ..CodeActionOptions::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![
                    ACCEPT_COMMAND.to_string(),
                    READING_SUMMARY_COMMAND.to_string(),
                ],
                ..ExecuteCommandOptions::default()
            }),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "ordinary".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

/// The workspace folder: the first of `workspaceFolders`, else `rootUri`.
#[allow(deprecated)]
pub(super) fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let first = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| folder.uri.as_str().to_string());
    let root = first.or_else(|| params.root_uri.as_ref().map(|u| u.as_str().to_string()))?;
    uri::to_path(&root)
}

/// The format for a document the client sends: by language id, then by the
/// file's extension; `None` for documents `ordinary` does not check.
pub(super) fn format_of(language_id: &str, path: Option<&Path>) -> Option<Format> {
    match language_id.to_ascii_lowercase().as_str() {
        "markdown" | "gfm" => Some(Format::Markdown),
        "plaintext" | "text" | "txt" | "plain" => Some(Format::Text),
        _ => match path.and_then(Format::from_path) {
            Some(Format::Docx) | None => None,
            found => found,
        },
    }
}

fn send(out: &Sender<Outgoing>, message: impl Into<Message>) {
    // The writer only goes away when the output is closed.
    let _ = out.send(Outgoing::Message(message.into()));
}
