//! The main loop: the protocol's life cycle, the documents, and requests.
//! Checking happens on the worker thread, so requests are answered at once
//! even while a huge document is being checked.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, ExecuteCommandParams, FileSystemWatcher, GlobPattern, HoverParams,
    MarkupKind, MessageType, PublishDiagnosticsParams, Registration, RegistrationParams,
    ShowMessageParams,
};
use serde::Deserialize;
use serde_json::Value;

use super::accept::accept_in_file;
use super::actions::{self, ACCEPT_COMMAND, FixData, READING_SUMMARY_COMMAND, ResolveError};
use super::diagnostics::DiagnosticOptions;
use super::documents::{Documents, OpenDocument};
use super::hover;
use super::initialize::{format_of, initialize_result, wait_for_initialize, workspace_root};
use super::position::Encoding;
use super::transport::{Incoming, Outgoing, spawn_reader, spawn_writer};
use super::uri;
use super::worker::{self, CheckRequest, Event, Job, WorkerOptions};
use crate::config::{Config, FILE_NAME};

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// The longest pause in typing to wait for before checking (the
    /// pause is as long as the document's last check took, up to this).
    pub debounce: Duration,
}

impl Default for ServerOptions {
    fn default() -> ServerOptions {
        ServerOptions {
            debounce: Duration::from_millis(50),
        }
    }
}

/// How the session ended: `exit` after `shutdown` is a clean end; `exit`
/// without it, or the input closing first, is not (exit code 1, as the
/// protocol asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Clean,
    Abrupt,
}

/// Serves one client over `input` and `output` until `exit` or the end of
/// the input.
pub fn serve(
    input: impl std::io::Read + Send + 'static,
    output: impl std::io::Write + Send + 'static,
    options: ServerOptions,
) -> std::io::Result<Ending> {
    let (incoming, _reader) = spawn_reader(input);
    let (outgoing, writer) = spawn_writer(output);
    let ending = Server::start(&incoming, outgoing, options);
    // Everything queued is written before the process ends.
    match writer.join() {
        Ok(result) => result?,
        Err(_) => return Err(std::io::Error::other("the writer thread panicked")),
    }
    Ok(ending)
}

struct Server {
    out: Sender<Outgoing>,
    jobs: Sender<Job>,
    documents: Documents,
    encoding: Encoding,
    root: Option<PathBuf>,
    /// The client shows Markdown in hovers (most do).
    hover_markdown: bool,
    /// The client resolves code actions' edits: they are made on
    /// `codeAction/resolve`, for the action picked, not for every one offered.
    resolves_edits: bool,
    shutdown: bool,
}

impl Server {
    /// Waits for `initialize`, then runs the main loop; returns how it ended.
    fn start(
        incoming: &Receiver<Incoming>,
        out: Sender<Outgoing>,
        options: ServerOptions,
    ) -> Ending {
        let Some((id, params)) = wait_for_initialize(incoming, &out) else {
            return Ending::Abrupt;
        };
        let encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let related_information = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false);
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let hover_markdown = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_none_or(|formats| formats.is_empty() || formats.contains(&MarkupKind::Markdown));
        let code_action = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.code_action.as_ref());
        // The edit is resolved only when the client says it can resolve
        // `edit` and keeps `data` for it; older clients get it inline.
        let resolves_edits = code_action.is_some_and(|c| {
            c.data_support == Some(true)
                && c.resolve_support
                    .as_ref()
                    .is_some_and(|r| r.properties.iter().any(|p| p == "edit"))
        });
        let root = workspace_root(&params);
        send(
            &out,
            Response::new_ok(id, initialize_result(encoding, resolves_edits)),
        );

        let diagnostic_options = DiagnosticOptions {
            encoding,
            related_information,
        };
        let (jobs, job_receiver) = crossbeam_channel::unbounded();
        let (event_sender, events) = crossbeam_channel::unbounded();
        let worker_options = WorkerOptions {
            debounce: options.debounce,
            max_wait: options.debounce * 10,
            diagnostics: diagnostic_options,
            root: root.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("ordinary-lsp-checker".into())
            .spawn(move || worker::run(job_receiver, event_sender, worker_options));
        if let Err(error) = spawned {
            show(
                &out,
                MessageType::ERROR,
                format!("ordinary: cannot start checking: {error}"),
            );
            return Ending::Abrupt;
        }
        let mut server = Server {
            out,
            jobs,
            documents: Documents::default(),
            encoding,
            root,
            hover_markdown,
            resolves_edits,
            shutdown: false,
        };
        if watch {
            server.register_watchers();
        }
        server.run(incoming, &events)
    }

    fn run(&mut self, incoming: &Receiver<Incoming>, events: &Receiver<Event>) -> Ending {
        loop {
            select! {
                recv(incoming) -> message => match message {
                    Ok(Incoming::Message(Message::Request(request))) => self.request(request),
                    Ok(Incoming::Message(Message::Notification(notification))) => {
                        if notification.method == "exit" {
                            return self.ending();
                        }
                        self.notification(notification);
                    }
                    // Replies to our own requests (registering file watchers).
                    Ok(Incoming::Message(Message::Response(_))) => {}
                    Ok(Incoming::Malformed { id, code, message }) => {
                        let _ = self.out.send(Outgoing::Error { id, code, message });
                    }
                    // The client closed the connection without `exit`: a
                    // clean end only if it asked for `shutdown` first.
                    Err(_) => return self.ending(),
                },
                recv(events) -> event => match event {
                    Ok(Event::Checked { analysis, publish }) => self.checked(analysis, publish),
                    Ok(Event::Problem(message)) => show(&self.out, MessageType::ERROR, message),
                    Err(_) => {
                        show(&self.out, MessageType::ERROR, "ordinary: the checker stopped".into());
                        return Ending::Abrupt;
                    }
                },
            }
        }
    }
}

impl Server {
    fn ending(&self) -> Ending {
        if self.shutdown {
            Ending::Clean
        } else {
            Ending::Abrupt
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutdown {
            self.error(
                id,
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            );
            return;
        }
        let method = request.method.clone();
        // A bug in answering one request must not end the session.
        let answer = catch_unwind(AssertUnwindSafe(|| self.answer(request)));
        match answer {
            Ok(Ok(Some(result))) => send(&self.out, Response::new_ok(id, result)),
            Ok(Ok(None)) => self.error(
                id,
                ErrorCode::MethodNotFound,
                format!("unknown method {method}"),
            ),
            Ok(Err((code, message))) => self.error(id, code, message),
            Err(_) => self.error(
                id,
                ErrorCode::InternalError,
                format!("ordinary failed to answer {method}: this is a bug, please report it"),
            ),
        }
    }

    /// `Ok(None)` for a method the server does not know.
    fn answer(&mut self, request: Request) -> Result<Option<Value>, (ErrorCode, String)> {
        let result = match request.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Value::Null
            }
            "initialize" => {
                return Err((ErrorCode::InvalidRequest, "already initialized".into()));
            }
            "textDocument/hover" => to_value(self.hover(params(request)?)),
            "textDocument/codeAction" => to_value(self.code_actions(params(request)?)),
            "codeAction/resolve" => to_value(self.resolve_action(params(request)?)?),
            "workspace/executeCommand" => self.execute(params(request)?)?,
            _ => return Ok(None),
        };
        Ok(Some(result))
    }

    fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let handled = catch_unwind(AssertUnwindSafe(|| -> Result<(), String> {
            match method.as_str() {
                "textDocument/didOpen" => self.did_open(notification_params(notification)?),
                "textDocument/didChange" => self.did_change(notification_params(notification)?),
                "textDocument/didClose" => self.did_close(notification_params(notification)?),
                "workspace/didChangeWatchedFiles" => self.reload(),
                // Everything else (`initialized`, `$/cancelRequest`, saves,
                // settings) needs nothing from this server.
                _ => {}
            }
            Ok(())
        }));
        match handled {
            Ok(Ok(())) => {}
            Ok(Err(message)) => show(
                &self.out,
                MessageType::ERROR,
                format!("ordinary: bad {method}: {message}"),
            ),
            Err(_) => show(
                &self.out,
                MessageType::ERROR,
                format!("ordinary failed to handle {method}: this is a bug, please report it"),
            ),
        }
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let key = document.uri.as_str().to_string();
        let path = uri::to_path(&key);
        let Some(format) = format_of(&document.language_id, path.as_deref()) else {
            return;
        };
        self.documents.open(
            key.clone(),
            OpenDocument::new(document.version, document.text, format, path),
        );
        self.queue(&key, false);
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let key = params.text_document.uri.as_str().to_string();
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(&key) else {
            return;
        };
        document.apply(params.content_changes, encoding);
        document.version = params.text_document.version;
        self.queue(&key, true);
    }

    fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.documents.close(uri.as_str()).is_some() {
            // Clear what the editor shows for it.
            self.publish(PublishDiagnosticsParams::new(uri, Vec::new(), None));
        }
    }

    /// A config or rules file changed: every open document is checked again.
    fn reload(&mut self) {
        let _ = self.jobs.send(Job::Reload);
        let open: Vec<String> = self.documents.iter().map(|(uri, _)| uri.clone()).collect();
        for uri in open {
            self.queue(&uri, false);
        }
    }

    /// Hands a snapshot of a document to the checker.
    fn queue(&self, key: &str, debounce: bool) {
        let Some(document) = self.documents.get(key) else {
            return;
        };
        let _ = self.jobs.send(Job::Check(CheckRequest {
            uri: key.to_string(),
            version: document.version,
            text: Arc::from(document.text.as_str()),
            format: document.format,
            path: document.path.clone(),
            debounce,
        }));
    }

    /// A check finished: publish it unless the document has moved on.
    fn checked(&mut self, analysis: worker::Analysis, publish: String) {
        let Some(document) = self.documents.get_mut(&analysis.uri) else {
            return;
        };
        if document.version != analysis.version {
            return;
        }
        document.findings = analysis.findings;
        document.project = Some(analysis.project);
        document.reading = Some(analysis.reading);
        let _ = self.out.send(Outgoing::Raw(publish));
    }

    fn publish(&self, params: PublishDiagnosticsParams) {
        send(
            &self.out,
            Notification::new("textDocument/publishDiagnostics".into(), params),
        );
    }

    fn hover(&mut self, params: HoverParams) -> Option<lsp_types::Hover> {
        let position = params.text_document_position_params;
        let encoding = self.encoding;
        let document = self
            .documents
            .get_mut(position.text_document.uri.as_str())?;
        let project = document.project.clone()?;
        let markdown = self.hover_markdown;
        // Over the first line, how the whole document reads.
        let reading = document
            .reading
            .filter(|_| position.position.line == 0)
            .map(|figures| hover::reading(&figures, markdown));
        let (text, lines, findings) = document.view();
        let offset = lines.offset(text, position.position, encoding);
        let under: Vec<_> = findings
            .iter()
            .filter(|f| f.span.start <= offset && offset < f.span.end)
            .collect();
        let range = match under.first() {
            Some(first) => lines.range(text, first.span.clone(), encoding),
            None => lines.range(text, lines.line(text, 0), encoding),
        };
        let found = hover::contents(text, &under, &project.linter, markdown);
        let value = hover::with_reading(found, reading, markdown)?;
        Some(hover::hover(value, markdown, range))
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        /// The most findings one request gets actions for.
        const MAX_ACTION_FINDINGS: usize = 20;
        /// Longer than any finding's span, to find those starting before
        /// the range that reach into it.
        const FINDING_REACH: usize = 4096;
        if let Some(only) = &params.context.only
            && !only.iter().any(|kind| {
                kind == &CodeActionKind::QUICKFIX
                    || CodeActionKind::QUICKFIX
                        .as_str()
                        .starts_with(&format!("{}.", kind.as_str()))
            })
        {
            return Vec::new();
        }
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(params.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let Some(project) = document.project.clone() else {
            return Vec::new();
        };
        let format = document.format;
        let edits = if self.resolves_edits {
            actions::Edits::Deferred {
                version: document.version,
            }
        } else {
            actions::Edits::Inline
        };
        let (text, lines, all) = document.view();
        let start = lines.offset(text, params.range.start, encoding);
        let end = lines.offset(text, params.range.end, encoding).max(start);
        // Findings are in document order and short: start a little before
        // the range and stop past it, so a request over a huge document
        // costs no more than one over a line, and offer actions for a
        // handful of findings at most (a whole 1 MB document once made
        // 133,870 actions and 1.1 GB).
        let from = all.partition_point(|f| f.span.start + FINDING_REACH < start);
        let findings: Vec<_> = all[from..]
            .iter()
            .take_while(|f| f.span.start <= end)
            .filter(|f| start <= f.span.end)
            .take(MAX_ACTION_FINDINGS)
            .collect();
        let context = actions::Context {
            uri: &params.text_document.uri,
            text,
            lines,
            format,
            encoding,
        };
        actions::actions(
            &context,
            &params.context.diagnostics,
            &findings,
            &project.linter,
            edits,
        )
    }

    /// Fills in the edit of a code action offered without one. An action
    /// with nothing to resolve (accepting a phrase runs a command) comes
    /// back as it is.
    fn resolve_action(
        &mut self,
        mut action: CodeAction,
    ) -> Result<CodeAction, (ErrorCode, String)> {
        let Some(data) = &action.data else {
            return Ok(action);
        };
        let refused = |error: ResolveError| {
            let code = match error {
                ResolveError::Malformed(_) => ErrorCode::InvalidParams,
                // Clients take this as "the text moved on", not as a
                // failure to report.
                ResolveError::Closed { .. } | ResolveError::Changed { .. } | ResolveError::Gone => {
                    ErrorCode::ContentModified
                }
            };
            (code, error.to_string())
        };
        let data =
            FixData::deserialize(data).map_err(|error| refused(ResolveError::Malformed(error)))?;
        let encoding = self.encoding;
        let document = self.documents.get_mut(data.uri.as_str()).ok_or_else(|| {
            refused(ResolveError::Closed {
                uri: data.uri.as_str().to_string(),
            })
        })?;
        let project = document
            .project
            .clone()
            .ok_or_else(|| refused(ResolveError::Gone))?;
        let version = document.version;
        let format = document.format;
        let (text, lines, findings) = document.view();
        let context = actions::Context {
            uri: &data.uri,
            text,
            lines,
            format,
            encoding,
        };
        let edit = actions::resolve(&context, version, findings, &project.linter, &data)
            .map_err(refused)?;
        action.edit = Some(edit);
        Ok(action)
    }

    fn execute(&mut self, params: ExecuteCommandParams) -> Result<Value, (ErrorCode, String)> {
        match params.command.as_str() {
            ACCEPT_COMMAND => self.accept(params),
            READING_SUMMARY_COMMAND => self.reading_summary(params),
            _ => Err((
                ErrorCode::InvalidParams,
                format!("unknown command {}", params.command),
            )),
        }
    }

    /// How an open document reads, as of its last check: answered, and
    /// shown to the user (a client that runs the command from a menu does
    /// nothing with the answer).
    fn reading_summary(
        &mut self,
        params: ExecuteCommandParams,
    ) -> Result<Value, (ErrorCode, String)> {
        let Some(Value::String(uri)) = params.arguments.first() else {
            return Err((
                ErrorCode::InvalidParams,
                format!("{READING_SUMMARY_COMMAND} takes a document URI"),
            ));
        };
        let Some(document) = self.documents.get(uri) else {
            return Err((
                ErrorCode::InvalidParams,
                format!("{uri} is not open, or not a document ordinary checks"),
            ));
        };
        let Some(figures) = document.reading else {
            return Err((
                ErrorCode::ContentModified,
                "the document has not been checked yet: try again in a moment".into(),
            ));
        };
        let text = figures.describe();
        show(
            &self.out,
            MessageType::INFO,
            format!("{}: {text}", crate::readability::summary::HEADING),
        );
        Ok(serde_json::json!({
            "heading": crate::readability::summary::HEADING,
            "text": text,
            "summary": figures,
        }))
    }

    /// Adds a phrase to `accept` in the project's `ordinary.toml`.
    fn accept(&mut self, params: ExecuteCommandParams) -> Result<Value, (ErrorCode, String)> {
        let (Some(Value::String(uri)), Some(Value::String(phrase))) =
            (params.arguments.first(), params.arguments.get(1))
        else {
            return Err((
                ErrorCode::InvalidParams,
                format!("{ACCEPT_COMMAND} takes a document URI and a phrase"),
            ));
        };
        let phrase = crate::report::escape::flat(phrase).into_owned();
        if phrase.is_empty() {
            return Err((ErrorCode::InvalidParams, "the phrase is empty".into()));
        }
        let Some(path) = self.config_for(uri) else {
            return Err((
                ErrorCode::RequestFailed,
                "the document is not a file and there is no workspace folder to keep ordinary.toml in".into(),
            ));
        };
        match accept_in_file(&path, &phrase) {
            Ok(_) => {
                self.reload();
                Ok(Value::Null)
            }
            Err(error) => {
                let message = format!("ordinary: {error}");
                show(&self.out, MessageType::ERROR, message.clone());
                Err((ErrorCode::RequestFailed, message))
            }
        }
    }

    /// The `ordinary.toml` that applies to a document, or where a new one
    /// should go: the workspace folder when the document is in it, else the
    /// document's own folder.
    fn config_for(&self, uri: &str) -> Option<PathBuf> {
        let folder = uri::to_path(uri)
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        if let Some(found) = folder
            .as_deref()
            .or(self.root.as_deref())
            .and_then(Config::discover)
        {
            return Some(found);
        }
        let home = match (&folder, &self.root) {
            (Some(folder), Some(root)) if folder.starts_with(root) => root.clone(),
            (Some(folder), _) => folder.clone(),
            (None, Some(root)) => root.clone(),
            (None, None) => return None,
        };
        Some(home.join(FILE_NAME))
    }

    /// Asks the client to tell us when TOML files change: `ordinary.toml`
    /// and rules files it names.
    fn register_watchers(&self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.toml".into()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "ordinary-watch-toml".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        send(
            &self.out,
            Request::new(
                RequestId::from("ordinary-register-watchers".to_string()),
                "client/registerCapability".into(),
                params,
            ),
        );
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: String) {
        send(&self.out, Response::new_err(id, code as i32, message));
    }
}

fn params<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(request.params).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!("bad parameters for {}: {error}", request.method),
        )
    })
}

fn notification_params<P: serde::de::DeserializeOwned>(
    notification: Notification,
) -> Result<P, String> {
    serde_json::from_value(notification.params).map_err(|error| error.to_string())
}

fn to_value(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn send(out: &Sender<Outgoing>, message: impl Into<Message>) {
    // The writer only goes away when the output is closed; then there is
    // no one to tell.
    let _ = out.send(Outgoing::Message(message.into()));
}

fn show(out: &Sender<Outgoing>, typ: MessageType, message: String) {
    send(
        out,
        Notification::new(
            "window/showMessage".into(),
            ShowMessageParams { typ, message },
        ),
    );
}
