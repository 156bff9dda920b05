//! Checks many files in parallel and hands the results back in path order.
//!
//! Workers (`--jobs` threads) read, match and render each file, then drop its
//! text. The calling thread receives rendered results as they finish and
//! passes them on strictly in input order, so output is identical whatever
//! the thread count, yet streams while the run goes on. A file with a very
//! large report (a 200 MB text file has hundreds of thousands of findings)
//! is handed on in parts as it is rendered, once it is the file being
//! written, and no faster than they are written, so at most a few parts of
//! it are in memory at once.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use crate::baseline::{Baseline, Recorder};
use crate::engine::Linter;
use crate::readability::ReadingSummary;
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
    /// What the reader could not read (see `Document::notes`).
    pub notes: Vec<String>,
    /// How the document reads: words, sentences, reading age.
    pub reading: Option<ReadingSummary>,
}

/// What a run does with baselines: compare against one (`--baseline`),
/// record one (`--write-baseline`), or both.
#[derive(Debug, Clone, Copy, Default)]
pub struct Baselines<'a> {
    pub compare: Option<&'a Baseline>,
    pub record: Option<&'a Recorder>,
}

/// Checks one input, rendering its findings with `reporter`.
pub fn check_file(
    input: &Input,
    linter: &Linter,
    reporter: &dyn Reporter,
    options: ReadOptions,
) -> Checked {
    let document = read_input(input, options);
    check_document(input.display.clone(), document, linter, reporter)
}

/// Reads an input, its kind settled.
fn read_input(input: &Input, options: ReadOptions) -> Result<source::Document, ReadError> {
    source::read_file_with(&input.path, input.format, options)
        .map(|document| with_profile(document, input))
}

/// Settles a document's kind and audience (see [`Profile::settle`]).
///
/// [`Profile::settle`]: crate::rules::Profile::settle
pub fn with_profile(mut document: source::Document, input: &Input) -> source::Document {
    document.settle_profile(input.forced, input.configured);
    document
}

/// Checks an already-read document, its report rendered whole.
pub fn check_document(
    display: String,
    document: Result<source::Document, ReadError>,
    linter: &Linter,
    reporter: &dyn Reporter,
) -> Checked {
    let whole = usize::MAX;
    let baselines = Baselines::default();
    check_and_render(
        display,
        document,
        linter,
        reporter,
        baselines,
        whole,
        &mut |_| true,
    )
}

/// [`check_document`], comparing with or recording a baseline, and handing a large
/// report to `hand_on` in parts as it is rendered (standard input): each
/// part is to be written with [`Reporter::write_rendered`] at once, and the
/// result's `rendered` after them. `hand_on` returns false when writing
/// failed, and rendering stops.
pub fn check_document_in_parts(
    display: String,
    document: Result<source::Document, ReadError>,
    linter: &Linter,
    reporter: &dyn Reporter,
    baselines: Baselines<'_>,
    hand_on: &mut dyn FnMut(Vec<u8>) -> bool,
) -> Checked {
    check_and_render(
        display, document, linter, reporter, baselines, PART_BYTES, hand_on,
    )
}

/// A file's report is handed on in parts of at least this many bytes, when
/// the reporter can split it between findings.
const PART_BYTES: usize = 4 << 20;

/// Findings rendered at a time before the report's size is looked at.
const FINDINGS_PER_BATCH: usize = 256;

/// [`check_document_in_parts`] with parts of at least `part_bytes`.
fn check_and_render(
    display: String,
    document: Result<source::Document, ReadError>,
    linter: &Linter,
    reporter: &dyn Reporter,
    baselines: Baselines<'_>,
    part_bytes: usize,
    hand_on: &mut dyn FnMut(Vec<u8>) -> bool,
) -> Checked {
    let document = match document {
        Ok(document) => document,
        Err(error) => {
            return Checked {
                display,
                outcome: Err(error),
                rendered: Vec::new(),
                baselined: 0,
                notes: Vec::new(),
                reading: None,
            };
        }
    };
    let (mut findings, summary) = linter.check_and_summarize(&document);
    let reading = Some(summary);
    if let Some(recorder) = baselines.record {
        recorder.record(&display, &document.text, &findings, linter);
    }
    let baselined = baselines.compare.map_or(0, |baseline| {
        baseline.filter(&display, &document.text, &mut findings, linter)
    });
    let mut counts = SeverityCounts::default();
    findings.iter().for_each(|f| counts.add(f.severity));
    let report = FileReport::new(&display, &document, &findings, linter);
    let rendered = render_in_parts(reporter, report, part_bytes, hand_on);
    Checked {
        display,
        outcome: Ok(counts),
        rendered,
        baselined,
        notes: document.notes,
        reading,
    }
}

/// Renders a file's report, handing it to `hand_on` in parts of at least
/// `part_bytes` when the reporter can split it between findings; returns
/// the rest. Written one after another, the parts and the rest are the
/// same bytes as the report rendered whole. Stops (returning nothing more)
/// when `hand_on` says writing failed.
fn render_in_parts(
    reporter: &dyn Reporter,
    mut report: FileReport<'_>,
    part_bytes: usize,
    hand_on: &mut dyn FnMut(Vec<u8>) -> bool,
) -> Vec<u8> {
    let mut rendered = Vec::new();
    if !reporter.splits_between_findings() {
        reporter.render(&report, &mut rendered);
        return rendered;
    }
    for batch in report.findings.chunks(FINDINGS_PER_BATCH) {
        report.findings = batch;
        reporter.render(&report, &mut rendered);
        if rendered.len() >= part_bytes {
            // The next part will be about as long: room for it, so the
            // buffer is not doubled past it.
            let room = rendered.len() + rendered.len() / 2;
            let part = std::mem::replace(&mut rendered, Vec::with_capacity(room));
            if !hand_on(part) {
                return Vec::new();
            }
        }
    }
    rendered
}

/// What the workers hand on to be written, in input order.
#[derive(Debug)]
pub enum Output {
    /// Part of a file's report, ahead of the rest (a file with a very
    /// large report), to be written at once.
    Part(Vec<u8>),
    /// A file's result, with the rest of its report.
    Checked(Checked),
}

/// How far ahead of the output the workers may run, in files per thread.
/// Results waiting for an earlier, slower file are held in memory; the
/// window keeps that bounded however large the run (memory stays flat).
const WINDOW_PER_THREAD: usize = 16;

/// Checks `inputs` on `jobs` threads; `each` receives the results in input
/// order, a file's parts (if any) before its result.
///
/// Workers take files in input order from a shared counter, never more than
/// a window ahead of the file being written. (Rayon's `par_iter` split the
/// list in halves, so the second half's results waited in memory for the
/// whole first half: memory grew with the run.) A worker hands on a part of
/// a file's report only once that file is the one being written, through a
/// channel of a few places, so parts wait neither for earlier files nor for
/// a slow reader of the output.
pub fn check_files(
    inputs: &[Input],
    linter: &Linter,
    reporter: &dyn Reporter,
    jobs: usize,
    options: ReadOptions,
    each: impl FnMut(Output) -> std::io::Result<()>,
) -> std::io::Result<()> {
    check_files_with_baselines(
        inputs,
        linter,
        reporter,
        jobs,
        options,
        Baselines::default(),
        each,
    )
}

/// The most threads `--jobs` gets.
pub const MAX_JOBS: usize = 256;

/// [`check_files`], comparing with or recording a baseline.
pub fn check_files_with_baselines(
    inputs: &[Input],
    linter: &Linter,
    reporter: &dyn Reporter,
    jobs: usize,
    options: ReadOptions,
    baselines: Baselines<'_>,
    each: impl FnMut(Output) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let checking = Checking {
        linter,
        reporter,
        // Each job holds a window of files in flight: more threads than
        // files, or than any machine has use for, only cost memory
        // (`-j 1000000000` once asked for 208 GB).
        jobs: jobs.clamp(1, MAX_JOBS).min(inputs.len().max(1)),
        options,
        baselines,
        part_bytes: PART_BYTES,
    };
    checking.check_files(inputs, each)
}

/// What [`check_files_with_baselines`] was asked, and the part size (smaller in tests).
struct Checking<'a> {
    linter: &'a Linter,
    reporter: &'a dyn Reporter,
    jobs: usize,
    options: ReadOptions,
    baselines: Baselines<'a>,
    part_bytes: usize,
}

impl Checking<'_> {
    fn check_files(
        &self,
        inputs: &[Input],
        mut each: impl FnMut(Output) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let window = WINDOW_PER_THREAD * self.jobs;
        let taken = AtomicUsize::new(0);
        // The number of results written so far, which workers wait on;
        // `None` once output has failed, so they stop.
        let written = (Mutex::new(Some(0usize)), Condvar::new());
        // Bounded, so a worker handing on parts faster than they are
        // written waits instead of queueing its whole report.
        let (sender, receiver) = mpsc::sync_channel::<(usize, Output)>(2 * self.jobs);
        std::thread::scope(|scope| {
            for _ in 0..self.jobs {
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
                        // A part waits until its file is the one being written.
                        let mut hand_on = |part| {
                            wait_for_window(written, index, 1)
                                && sender.send((index, Output::Part(part))).is_ok()
                        };
                        let checked = check_and_render(
                            input.display.clone(),
                            read_input(input, self.options),
                            self.linter,
                            self.reporter,
                            self.baselines,
                            self.part_bytes,
                            &mut hand_on,
                        );
                        if sender.send((index, Output::Checked(checked))).is_err() {
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
                for (index, output) in &receiver {
                    match output {
                        // Only sent for the file being written (`next`).
                        Output::Part(_) => each(output)?,
                        Output::Checked(checked) => {
                            waiting.insert(index, checked);
                            while let Some(checked) = waiting.remove(&next) {
                                each(Output::Checked(checked))?;
                                next += 1;
                            }
                            set_written(&written, Some(next));
                        }
                    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Settings;
    use crate::report::{
        Checkstyle, Concise, Github, Human, Json, JsonLines, Junit, Markdown, Sarif, Summary,
    };
    use crate::rules::{Ruleset, Severity};
    use crate::source::{Document, Format};

    const LINE: &str = "The service users were offered respite care. We will signpost \
                        service users to the CQC and utilise the care package.\n";

    fn linter() -> Linter {
        let rules = Ruleset::defaults().expect("the built-in rules load");
        Linter::new(rules, &Settings::default()).expect("the built-in rules compile")
    }

    /// Every reporter, fresh (the JSON ones remember what they wrote).
    fn reporters(linter: &Linter) -> Vec<Box<dyn Reporter + '_>> {
        vec![
            Box::new(Json::default()),
            Box::new(JsonLines),
            Box::new(Concise),
            Box::new(Github::new(false)),
            Box::new(Sarif::new(linter)),
            Box::new(Human::new(false, false)),
            Box::new(Checkstyle::default()),
            Box::new(Junit::new(Severity::Info)),
            Box::new(Markdown::new(linter)),
        ]
    }

    /// A small file, then a large one rendered in parts of at least
    /// `part_bytes` (`None`: whole), written as the command line writes them.
    fn write_both(
        reporter: &dyn Reporter,
        linter: &Linter,
        part_bytes: Option<usize>,
    ) -> (Vec<u8>, usize) {
        let small = Document::parse(LINE.to_string(), Format::Text);
        let large = Document::parse(LINE.repeat(200), Format::Text);
        let mut parts = 0;
        let out = written(reporter, |write| {
            for (path, document) in [("small.txt", &small), ("large.txt", &large)] {
                let findings = linter.check(document);
                let report = FileReport::new(path, document, &findings, linter);
                let rest = match part_bytes {
                    None => {
                        let mut rendered = Vec::new();
                        reporter.render(&report, &mut rendered);
                        rendered
                    }
                    Some(part_bytes) => {
                        render_in_parts(reporter, report, part_bytes, &mut |part| {
                            parts += 1;
                            write(&part);
                            true
                        })
                    }
                };
                write(&rest);
            }
        });
        (out, parts)
    }

    /// What `reporter` writes for the pieces `produce` hands it, in turn,
    /// then its closing.
    fn written(reporter: &dyn Reporter, produce: impl FnOnce(&mut dyn FnMut(&[u8]))) -> Vec<u8> {
        let mut out = Vec::new();
        produce(&mut |piece| {
            reporter
                .write_rendered(piece, &mut out)
                .expect("writing to memory")
        });
        reporter
            .finish(&Summary::default(), &mut out)
            .expect("writing to memory");
        out
    }

    #[test]
    fn a_report_written_in_parts_is_the_same_bytes_as_written_whole() {
        let linter = linter();
        let findings = linter.check(&Document::parse(LINE.repeat(200), Format::Text));
        assert!(
            findings.len() > 4 * FINDINGS_PER_BATCH,
            "{} findings",
            findings.len()
        );
        // A part after every batch (the most joins between buffers), a few
        // batches to a part, and one part (every join inside a buffer).
        for part_bytes in [1, 50_000, usize::MAX] {
            let pairs = reporters(&linter).into_iter().zip(reporters(&linter));
            for (whole, split) in pairs {
                let (expected, _) = write_both(whole.as_ref(), &linter, None);
                let (written, parts) = write_both(split.as_ref(), &linter, Some(part_bytes));
                let shown =
                    String::from_utf8_lossy(&written[..200.min(written.len())]).into_owned();
                assert!(
                    written == expected,
                    "parts of {part_bytes} bytes differ from the whole report: {shown}"
                );
                let expected_parts = match (split.splits_between_findings(), part_bytes) {
                    (false, _) | (true, usize::MAX) => 0..=0,
                    (true, 1) => 5..=usize::MAX,
                    (true, _) => 2..=usize::MAX,
                };
                assert!(
                    expected_parts.contains(&parts),
                    "{parts} parts of {part_bytes} bytes: {shown}"
                );
            }
        }
    }

    #[test]
    fn the_json_report_written_in_parts_is_valid_json() {
        let linter = linter();
        let (written, parts) = write_both(&Json::default(), &linter, Some(1));
        assert!(parts > 4);
        let report: serde_json::Value = serde_json::from_slice(&written).expect("valid JSON");
        let small = linter.check(&Document::parse(LINE.to_string(), Format::Text));
        let large = linter.check(&Document::parse(LINE.repeat(200), Format::Text));
        let count = report["findings"].as_array().map_or(0, Vec::len);
        assert_eq!(count, small.len() + large.len());
    }

    #[test]
    fn rendering_stops_when_writing_a_part_fails() {
        let linter = linter();
        let document = Document::parse(LINE.repeat(200), Format::Text);
        let findings = linter.check(&document);
        let report = FileReport::new("large.txt", &document, &findings, &linter);
        let mut tries = 0;
        let rest = render_in_parts(&Json::default(), report, 1, &mut |_| {
            tries += 1;
            false
        });
        assert_eq!(tries, 1);
        assert!(rest.is_empty());
    }

    /// Runs `check_files` with parts of `part_bytes`, writing as the command
    /// line does; returns what was written and how many parts there were.
    fn check_all_written(
        inputs: &[Input],
        linter: &Linter,
        jobs: usize,
        part_bytes: usize,
    ) -> (Vec<u8>, usize) {
        let reporter = Json::default();
        let checking = Checking {
            linter,
            reporter: &reporter,
            jobs,
            options: ReadOptions::default(),
            baselines: Baselines::default(),
            part_bytes,
        };
        let mut parts = 0;
        let out = written(&reporter, |write| {
            checking
                .check_files(inputs, |output| {
                    match &output {
                        Output::Part(part) => {
                            parts += 1;
                            write(part);
                        }
                        Output::Checked(checked) => write(&checked.rendered),
                    }
                    Ok(())
                })
                .expect("checking");
        });
        (out, parts)
    }

    #[test]
    fn large_reports_are_handed_on_in_parts_and_in_order() {
        let linter = linter();
        let folder = tempfile::TempDir::new().expect("a temporary folder");
        // The first file takes longest, so with two threads the second is
        // rendered while the first is still being checked: its parts must
        // wait for the first to be written.
        let files = [("a.txt", 3_000), ("b.txt", 300), ("c.txt", 1)];
        let inputs: Vec<Input> = files
            .iter()
            .map(|&(name, lines)| {
                let path = folder.path().join(name);
                std::fs::write(&path, LINE.repeat(lines)).expect("writing a test file");
                Input {
                    display: name.to_string(),
                    path,
                    format: Format::Text,
                    forced: Default::default(),
                    configured: Default::default(),
                }
            })
            .collect();

        // Each file's report written whole.
        let reporter = Json::default();
        let whole = written(&reporter, |write| {
            for input in &inputs {
                let checked = check_file(input, &linter, &reporter, ReadOptions::default());
                write(&checked.rendered);
            }
        });

        // Parts of the real size (the first file's JSON is about 12 MB),
        // and a part after every batch of findings.
        for (part_bytes, fewest) in [(PART_BYTES, 2), (1, 90)] {
            for jobs in [1, 2] {
                let (written, parts) = check_all_written(&inputs, &linter, jobs, part_bytes);
                assert!(parts >= fewest, "{parts} parts of {part_bytes} bytes");
                assert!(
                    written == whole,
                    "{jobs} threads, parts of {part_bytes} bytes: not the report written whole"
                );
            }
        }
    }
}
