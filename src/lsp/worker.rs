//! The checking thread. The main loop hands it snapshots of documents and
//! stays free to answer hovers and code actions; the worker collapses a
//! burst of changes to the latest version of each document, waits for a
//! pause in typing, checks, and sends the results back. The main loop drops
//! results for versions the editor has moved past.
//!
//! The pause waited for is as long as the document's last check took, up
//! to `--debounce-ms`, and none when that check took under 10 ms: a check
//! that costs 3 ms is not worth delaying (changes that arrive during it are
//! collapsed anyway, and a timed wait on a busy machine can oversleep by a
//! scheduler tick), while a huge document that takes 300 ms to check is not
//! checked again for every keystroke of a burst.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_types::PublishDiagnosticsParams;

use super::diagnostics::{self, DiagnosticOptions};
use super::project::{Project, Projects};
use super::transport::notification_text;
use crate::engine::Finding;
use crate::readability::ReadingFigures;
use crate::rules::Profile;
use crate::source::{Document, Format};

/// Checks cheaper than this run at once, without waiting for a pause.
const WORTH_WAITING: Duration = Duration::from_millis(10);

/// Work for the checking thread.
#[derive(Debug)]
pub enum Job {
    Check(CheckRequest),
    /// A config or rules file changed: load projects afresh.
    Reload,
}

#[derive(Debug)]
pub struct CheckRequest {
    pub uri: String,
    pub version: i32,
    pub text: Arc<str>,
    pub format: Format,
    pub path: Option<PathBuf>,
    /// True for typing (wait for a pause), false for opening a document
    /// or a config change (check at once).
    pub debounce: bool,
}

/// The outcome of checking one version of a document.
#[derive(Debug)]
pub struct Analysis {
    pub uri: String,
    pub version: i32,
    pub project: Arc<Project>,
    pub findings: Vec<Finding>,
    /// How the document reads, counted in the same pass as the findings.
    pub reading: ReadingFigures,
}

/// What the worker tells the main loop.
#[derive(Debug)]
pub enum Event {
    /// A check, with its `publishDiagnostics` message already written out
    /// (here, so the main loop never converts or serialises thousands of
    /// diagnostics).
    Checked { analysis: Analysis, publish: String },
    /// Something the user should see (a broken `ordinary.toml`).
    Problem(String),
}

/// How the worker waits and what it builds.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// The longest pause in typing to wait for before checking.
    pub debounce: Duration,
    /// The longest a document waits while typing goes on without a pause.
    pub max_wait: Duration,
    pub diagnostics: DiagnosticOptions,
    /// The workspace folder, for documents that are not files.
    pub root: Option<PathBuf>,
}

pub fn run(jobs: Receiver<Job>, events: Sender<Event>, options: WorkerOptions) {
    let mut projects = Projects::default();
    let mut pending: Vec<CheckRequest> = Vec::new();
    // How long the last check of each document took.
    let mut costs: HashMap<String, Duration> = HashMap::new();
    loop {
        if pending.is_empty() {
            match jobs.recv() {
                Ok(job) => take(job, &mut pending, &mut projects),
                Err(_) => return,
            }
        }
        while let Ok(job) = jobs.try_recv() {
            take(job, &mut pending, &mut projects);
        }
        // Wait for a pause in typing, but not for ever.
        let pause = pending
            .iter()
            .filter(|r| r.debounce)
            .map(|r| costs.get(&r.uri).copied().unwrap_or(options.debounce))
            .max()
            .filter(|&cost| cost >= WORTH_WAITING)
            .map_or(Duration::ZERO, |cost| cost.min(options.debounce));
        if !pause.is_zero() {
            let started = Instant::now();
            let mut quiet_until = started + pause;
            let give_up = started + options.max_wait;
            loop {
                let until = quiet_until.min(give_up);
                match jobs.recv_deadline(until) {
                    Ok(job) => {
                        let typing = matches!(&job, Job::Check(r) if r.debounce);
                        take(job, &mut pending, &mut projects);
                        if typing {
                            quiet_until = Instant::now() + pause;
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        }
        for request in pending.drain(..) {
            let event = match projects
                .for_document(request.path.as_deref(), options.root.as_deref())
            {
                Ok((project, problem)) => {
                    // Only a (re)load finds a problem: once per change of the file.
                    if let Some(problem) = problem
                        && events.send(Event::Problem(problem)).is_err()
                    {
                        return;
                    }
                    // The check's own cost, without loading the rules.
                    let started = Instant::now();
                    let uri = request.uri.clone();
                    // A bug in checking one text must not end the session.
                    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        check(request, project, &options.diagnostics)
                    }));
                    let event = checked.unwrap_or_else(|_| {
                        Event::Problem(format!(
                            "ordinary failed to check {uri}: this is a bug, please report it"
                        ))
                    });
                    costs.insert(uri, started.elapsed());
                    event
                }
                Err(message) => Event::Problem(message),
            };
            if events.send(event).is_err() {
                return;
            }
        }
    }
}

/// Queues a job: a newer version of a document replaces an older one.
fn take(job: Job, pending: &mut Vec<CheckRequest>, projects: &mut Projects) {
    match job {
        Job::Reload => projects.clear(),
        Job::Check(request) => {
            match pending.iter_mut().find(|r| r.uri == request.uri) {
                Some(queued) => {
                    // An open or a config change keeps its urgency.
                    let debounce = queued.debounce && request.debounce;
                    *queued = request;
                    queued.debounce = debounce;
                }
                None => pending.push(request),
            }
        }
    }
}

fn check(request: CheckRequest, project: Arc<Project>, options: &DiagnosticOptions) -> Event {
    let mut document = Document::parse(request.text.to_string(), request.format);
    let configured = request
        .path
        .as_deref()
        .map(|p| project.profile_of(p))
        .unwrap_or_default();
    document.settle_profile(Profile::default(), configured);
    let (findings, reading) = project.linter.check_and_summarize(&document);
    let diagnostics = diagnostics::build(
        &request.uri,
        &document.text,
        &findings,
        &project.linter,
        options,
    );
    let publish = PublishDiagnosticsParams {
        // Checked when it was opened or changed: the client sent a valid URI.
        uri: match request.uri.parse() {
            Ok(uri) => uri,
            Err(_) => return Event::Problem(format!("ordinary: bad URI {}", request.uri)),
        },
        diagnostics,
        version: Some(request.version),
    };
    let publish = match notification_text("textDocument/publishDiagnostics", &publish) {
        Ok(text) => text,
        Err(error) => {
            return Event::Problem(format!("ordinary: cannot write diagnostics: {error}"));
        }
    };
    Event::Checked {
        analysis: Analysis {
            uri: request.uri,
            version: request.version,
            project,
            findings,
            reading: reading.figures(),
        },
        publish,
    }
}
