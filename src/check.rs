//! Checks many files in parallel and hands the results back in path order.
//!
//! Workers (`--jobs` threads) read, match and render each file, then drop its
//! text. The calling thread receives rendered results as they finish and
//! passes them on strictly in input order, so output is identical whatever
//! the thread count, yet streams while the run goes on.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use crate::baseline::{Baseline, Recorder};
use crate::engine::Linter;
use crate::report::{FileReport, Reporter, SeverityCounts};
use crate::source::{self, ReadError, ReadOptions};
use crate::walk::Input;

/// The result of checking one file.
#[derive(Debug)]
pub struct Checked {
    pub display: String,
    pub outcome: Result<SeverityCounts, ReadError>,
    /// The reporter's rendering of the file's findings.
    pub rendered: Vec<u8>,
    /// Findings left out because the baseline knows them.
    pub baselined: usize,
}

/// What a run does with baselines: compare against one (`--baseline`),
/// record one (`--write-baseline`), or both.
#[derive(Debug, Clone, Copy, Default)]
pub struct Baselines<'a> {
    pub compare: Option<&'a Baseline>,
    pub record: Option<&'a Recorder>,
}

/// Checks one input, rendering its findings with `reporter`.
pub fn check_input(
    input: &Input,
    linter: &Linter,
    reporter: &dyn Reporter,
    options: ReadOptions,
) -> Checked {
    check_input_with(input, linter, reporter, options, Baselines::default())
}

/// [`check_input`], comparing with or recording a baseline.
pub fn check_input_with(
    input: &Input,
    linter: &Linter,
    reporter: &dyn Reporter,
    options: ReadOptions,
    baselines: Baselines<'_>,
) -> Checked {
    let document = source::read_file_with(&input.path, input.format, options)
        .map(|document| with_kind(document, input));
    finish_with(input.display.clone(), document, linter, reporter, baselines)
}

/// Settles a document's kind: `--kind` first, then what the document says
/// of itself (front matter), then the config's globs.
pub fn with_kind(mut document: source::Document, input: &Input) -> source::Document {
    if input.kind_forced || document.kind.is_none() {
        document.kind = input.kind;
    }
    document
}

/// Checks an already-read document (standard input, the language server).
pub fn finish(
    display: String,
    document: Result<source::Document, ReadError>,
    linter: &Linter,
    reporter: &dyn Reporter,
) -> Checked {
    finish_with(display, document, linter, reporter, Baselines::default())
}

/// [`finish`], comparing with or recording a baseline.
pub fn finish_with(
    display: String,
    document: Result<source::Document, ReadError>,
    linter: &Linter,
    reporter: &dyn Reporter,
    baselines: Baselines<'_>,
) -> Checked {
    let document = match document {
        Ok(document) => document,
        Err(error) => {
            return Checked {
                display,
                outcome: Err(error),
                rendered: Vec::new(),
                baselined: 0,
            };
        }
    };
    let mut findings = linter.check(&document);
    if let Some(recorder) = baselines.record {
        recorder.record(&display, &document.text, &findings, linter);
    }
    let baselined = baselines.compare.map_or(0, |baseline| {
        baseline.filter(&display, &document.text, &mut findings, linter)
    });
    let mut counts = SeverityCounts::default();
    findings.iter().for_each(|f| counts.add(f.severity));
    let mut rendered = Vec::new();
    reporter.render(
        &FileReport::new(&display, &document, &findings, linter),
        &mut rendered,
    );
    Checked {
        display,
        outcome: Ok(counts),
        rendered,
        baselined,
    }
}

/// How far ahead of the output the workers may run, in files per thread.
/// Results waiting for an earlier, slower file are held in memory; the
/// window keeps that bounded however large the run (memory stays flat).
const WINDOW_PER_THREAD: usize = 16;

/// Checks `inputs` on `jobs` threads; `each` receives the results in input order.
///
/// Workers take files in input order from a shared counter, never more than
/// a window ahead of the file being written. (Rayon's `par_iter` split the
/// list in halves, so the second half's results waited in memory for the
/// whole first half: memory grew with the run.)
pub fn check_all(
    inputs: &[Input],
    linter: &Linter,
    reporter: &dyn Reporter,
    jobs: usize,
    options: ReadOptions,
    each: impl FnMut(Checked) -> std::io::Result<()>,
) -> std::io::Result<()> {
    check_all_with(
        inputs,
        linter,
        reporter,
        jobs,
        options,
        Baselines::default(),
        each,
    )
}

/// [`check_all`], comparing with or recording a baseline.
pub fn check_all_with(
    inputs: &[Input],
    linter: &Linter,
    reporter: &dyn Reporter,
    jobs: usize,
    options: ReadOptions,
    baselines: Baselines<'_>,
    mut each: impl FnMut(Checked) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let jobs = jobs.max(1);
    let window = WINDOW_PER_THREAD * jobs;
    let taken = AtomicUsize::new(0);
    // The number of results written so far, which workers wait on; `None`
    // once output has failed, so they stop.
    let written = (Mutex::new(Some(0usize)), Condvar::new());
    let (sender, receiver) = mpsc::channel::<(usize, Checked)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let (taken, written) = (&taken, &written);
            scope.spawn(move || {
                loop {
                    let index = taken.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(index) else {
                        break;
                    };
                    if !wait_for_window(written, index, window) {
                        break;
                    }
                    let checked = check_input_with(input, linter, reporter, options, baselines);
                    if sender.send((index, checked)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Results arrive in any order; release them in input order.
        let result = (|| {
            let mut waiting: BTreeMap<usize, Checked> = BTreeMap::new();
            let mut next = 0;
            for (index, checked) in &receiver {
                waiting.insert(index, checked);
                while let Some(checked) = waiting.remove(&next) {
                    each(checked)?;
                    next += 1;
                }
                set_written(&written, Some(next));
            }
            Ok(())
        })();
        if result.is_err() {
            // Output failed (a closed pipe): let the workers go.
            set_written(&written, None);
            drop(receiver);
        }
        result
    })
}

/// Waits until `index` is inside the window; false if the run was stopped.
fn wait_for_window(written: &(Mutex<Option<usize>>, Condvar), index: usize, window: usize) -> bool {
    let (lock, changed) = written;
    let mut state = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    loop {
        match *state {
            None => return false,
            Some(done) if index < done + window => return true,
            Some(_) => {
                state = changed
                    .wait(state)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        }
    }
}

fn set_written(written: &(Mutex<Option<usize>>, Condvar), value: Option<usize>) {
    let (lock, changed) = written;
    *lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = value;
    changed.notify_all();
}
