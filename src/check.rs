//! Checks many files in parallel and hands the results back in path order.
//!
//! Workers (rayon, `--jobs`) read, match and render each file, then drop its
//! text. The calling thread receives rendered results as they finish and
//! passes them on strictly in input order, so output is identical whatever
//! the thread count, yet streams while the run goes on.

use std::collections::BTreeMap;
use std::sync::mpsc;

use rayon::prelude::*;

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

/// Checks `inputs` on `jobs` threads; `each` receives the results in input order.
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(std::io::Error::other)?;
    let (sender, receiver) = mpsc::channel::<(usize, Checked)>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                inputs
                    .par_iter()
                    .enumerate()
                    .for_each_with(sender, |sender, (index, input)| {
                        // The receiver only goes away when output failed (a closed pipe).
                        let checked = check_input_with(input, linter, reporter, options, baselines);
                        let _ = sender.send((index, checked));
                    });
            });
        });
        // Results arrive in any order; release them in input order.
        let mut waiting: BTreeMap<usize, Checked> = BTreeMap::new();
        let mut next = 0;
        for (index, checked) in receiver {
            waiting.insert(index, checked);
            while let Some(checked) = waiting.remove(&next) {
                each(checked)?;
                next += 1;
            }
        }
        Ok(())
    })
}
