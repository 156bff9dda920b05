//! `ordinary check`.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::CheckArgs;
use super::terminal::{self, Environment};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Prepared, ci, prepare};
use ordinary::check::{self, Baselines, Checked, Output};
use ordinary::report::{Reporter, Summary};
use ordinary::rules::Profile;
use ordinary::rules::Severity;
use ordinary::source::{self, DocxOptions, Format, ReadOptions};
use ordinary::walk::{self, Input};

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let Some(Prepared {
        config,
        linter,
        profiles,
        exclude,
    }) = prepare(&args.rule_options, &args.disable)
    else {
        return Ok(ExitCode::from(EXIT_ERROR));
    };
    // Never dropped: freeing every rule, form and trie node one by one
    // at exit is a measurable part of start-up (BENCHMARKS.md, "Choices the
    // code makes for speed"); the process's exit frees them at once.
    let linter = std::mem::ManuallyDrop::new(linter);
    let fail_on = args
        .fail_on
        .map(Severity::from)
        .or(config.fail_on)
        .unwrap_or(Severity::Warning);

    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let read_stdin = paths.iter().any(|p| p == Path::new("-"));
    let file_paths: Vec<PathBuf> = paths.into_iter().filter(|p| p != Path::new("-")).collect();
    let (mut inputs, mut walk_errors) = walk::collect(&file_paths, &exclude);
    let (baseline, recorder) = match ci::baselines(&args.ci) {
        Ok(baselines) => baselines,
        Err(error) => {
            eprintln!("error: {error}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    if let Err(error) = ci::select(&args.ci, &exclude, &mut inputs, &mut walk_errors) {
        eprintln!("error: {error}");
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let baselines = Baselines {
        compare: baseline.as_ref(),
        record: recorder.as_ref(),
    };
    let forced = Profile {
        kind: args.kind,
        audience: args.audience,
    };
    for input in &mut inputs {
        input.forced = forced;
        input.configured = profiles.profile_of(&input.path);
    }

    let env = Environment::read();
    let color = terminal::colour(args.color, &env, io::stdout().is_terminal());
    let reporter = match ci::reporter(args.format, &args.ci, &linter, color, args.quiet, fail_on) {
        Ok(reporter) => reporter,
        Err(error) => {
            eprintln!("error: {error}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let read_options = ReadOptions {
        docx: DocxOptions {
            comments: args.docx_comments,
        },
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let mut run = Run {
        reporter: reporter.as_ref(),
        // Coloured output reaches a Windows console as colour, not codes.
        out: BufWriter::new(terminal::stdout(color)),
        summary: Summary::default(),
        baselined: 0,
        progress: Progress::new(
            inputs.len(),
            terminal::progress(!args.quiet, &env, io::stderr().is_terminal(), inputs.len()),
        ),
    };
    let outcome = (|| -> io::Result<()> {
        for error in &walk_errors {
            run.summary.errors += 1;
            run.reporter
                .error(&error.display, &error.message, &mut run.out)?;
        }
        if read_stdin {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".to_string());
            let format = Format::from_path(Path::new(&name)).unwrap_or(Format::Text);
            let stdin = Input {
                display: name.clone(),
                path: PathBuf::from(&name),
                format,
                forced,
                configured: profiles.profile_of(Path::new(&name)),
            };
            let document = source::read_stdin(format, read_options)
                .map(|document| check::with_profile(document, &stdin));
            let reporter = run.reporter;
            let mut failed = None;
            let checked = check::check_document_in_parts(
                name,
                document,
                &linter,
                reporter,
                baselines,
                &mut |part| {
                    run.write_part(&part)
                        .map_err(|error| failed = Some(error))
                        .is_ok()
                },
            );
            if let Some(error) = failed {
                return Err(error);
            }
            run.record(checked)?;
        }
        check::check_files_with_baselines(
            &inputs,
            &linter,
            run.reporter,
            jobs,
            read_options,
            baselines,
            |output| match output {
                Output::Part(part) => run.write_part(&part),
                Output::Checked(checked) => run.record(checked),
            },
        )?;
        run.progress.finish();
        run.reporter.finish(&run.summary, &mut run.out)?;
        run.out.flush()
    })();
    // Gone from the screen before anything else is said, on every path.
    run.progress.finish();
    match outcome {
        Ok(()) => {}
        // Output piped into `head` and closed: stop quietly, like ripgrep.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
        Err(error) => return Err(error.into()),
    }
    if let (Some(recorder), Some(file)) = (&recorder, &args.ci.write_baseline) {
        match recorder.write(file) {
            Ok(total) => eprintln!(
                "Wrote a baseline of {} to {}.",
                ordinary::report::plural(total as usize, "finding", "findings"),
                file.display()
            ),
            Err(error) => {
                eprintln!("error: {error}");
                return Ok(ExitCode::from(EXIT_ERROR));
            }
        }
    }
    if run.baselined > 0 && !args.quiet {
        eprintln!(
            "{} known from the baseline not reported.",
            ordinary::report::plural(run.baselined, "finding", "findings")
        );
    }
    let code = if run.summary.errors > 0 {
        EXIT_ERROR
    } else if ci::fails(&args.ci, &run.summary, fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    Ok(ExitCode::from(code))
}

/// The state of a run as results come in.
struct Run<'a, W: Write> {
    reporter: &'a dyn Reporter,
    out: W,
    summary: Summary,
    /// Findings left out because the baseline knows them.
    baselined: usize,
    progress: Progress,
}

impl<W: Write> Run<'_, W> {
    /// Writes part of a file's report, ahead of its result.
    fn write_part(&mut self, part: &[u8]) -> io::Result<()> {
        let (reporter, out) = (self.reporter, &mut self.out);
        self.progress.suspend(|| reporter.write_rendered(part, out))
    }

    fn record(&mut self, checked: Checked) -> io::Result<()> {
        self.progress.tick();
        self.baselined += checked.baselined;
        let (reporter, out, progress) = (self.reporter, &mut self.out, &self.progress);
        match &checked.outcome {
            Ok(counts) => {
                self.summary.files_checked += 1;
                if counts.total() > 0 {
                    self.summary.files_with_findings += 1;
                    self.summary.findings += counts.total();
                    self.summary.by_severity.merge(counts);
                }
                for note in &checked.notes {
                    progress.suspend(|| eprintln!("note: {}: {note}", checked.display));
                }
                // Asked before suspending: the bar's lock is held while suspended.
                let visible = progress.visible();
                progress.suspend(|| {
                    reporter.write_rendered(&checked.rendered, out)?;
                    if let Some(summary) = &checked.reading {
                        reporter.reading(&checked.display, summary, out)?;
                    }
                    if visible { out.flush() } else { Ok(()) }
                })
            }
            Err(error) => {
                self.summary.errors += 1;
                progress.suspend(|| reporter.error(&checked.display, &error.to_string(), out))
            }
        }
    }
}

/// A progress bar on standard error, shown only where
/// `terminal::progress` allows it, and only once a run has taken more than
/// a moment. Whatever is written to standard output or standard error
/// while it may be on screen is written inside `suspend`, which takes the
/// bar off its line first and draws it again after, so a finding never
/// lands on the bar's line; `finish` (or dropping it) clears it. indicatif
/// draws through the console crate, which moves the cursor with console
/// calls on a Windows console that reads no escape codes.
struct Progress {
    bar: ProgressBar,
    /// Where the bar goes once the run has lasted `delay`; `None` when it
    /// is never shown.
    target: Option<ProgressDrawTarget>,
    started: Instant,
    delay: Duration,
}

impl Progress {
    fn new(total: usize, enabled: bool) -> Progress {
        let target = enabled.then(ProgressDrawTarget::stderr);
        Progress::drawn_on(total, target, Duration::from_millis(300))
    }

    fn drawn_on(total: usize, target: Option<ProgressDrawTarget>, delay: Duration) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} files checked") {
            bar.set_style(style);
        }
        Progress {
            bar,
            target,
            started: Instant::now(),
            delay,
        }
    }

    fn tick(&mut self) {
        if self.started.elapsed() >= self.delay
            && let Some(target) = self.target.take()
        {
            self.bar.set_draw_target(target);
        }
        self.bar.inc(1);
    }

    fn visible(&self) -> bool {
        !self.bar.is_hidden()
    }

    fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        self.bar.suspend(f)
    }

    fn finish(&self) {
        if !self.bar.is_finished() {
            self.bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use indicatif::TermLike;

    use super::*;

    /// A terminal that records what is drawn on it, in order with what
    /// the run writes; `on_screen` is whether the bar is showing.
    #[derive(Debug, Clone, Default)]
    struct Screen {
        log: Arc<Mutex<Vec<String>>>,
    }

    impl Screen {
        fn push(&self, event: String) {
            self.log.lock().unwrap().push(event);
        }

        /// Checks that nothing the run wrote landed while the bar was on
        /// screen, and that it is gone at the end.
        fn check(&self) -> Vec<String> {
            let log = self.log.lock().unwrap().clone();
            let mut on_screen = false;
            for event in &log {
                if event.starts_with("bar ") {
                    on_screen = true;
                } else if event == "clear" {
                    on_screen = false;
                } else if event.starts_with("out ") {
                    assert!(!on_screen, "written over the bar: {log:#?}");
                }
            }
            assert!(!on_screen, "the bar is left on screen: {log:#?}");
            log
        }
    }

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, n: usize) -> io::Result<()> {
            if n > 0 {
                self.push(format!("up {n}"));
            }
            Ok(())
        }
        fn move_cursor_down(&self, n: usize) -> io::Result<()> {
            self.push(format!("down {n}"));
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> io::Result<()> {
            self.write_str(s)
        }
        fn write_str(&self, s: &str) -> io::Result<()> {
            if !s.is_empty() {
                self.push(format!("bar {s}"));
            }
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            self.push("clear".to_string());
            Ok(())
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    fn shown(files: usize) -> (Progress, Screen) {
        let screen = Screen::default();
        let target = ProgressDrawTarget::term_like_with_hz(Box::new(screen.clone()), 20);
        (
            Progress::drawn_on(files, Some(target), Duration::ZERO),
            screen,
        )
    }

    #[test]
    fn findings_are_never_written_over_the_bar_and_it_is_cleared_at_the_end() {
        let (mut progress, screen) = shown(3);
        for file in 1..=3 {
            progress.tick();
            assert!(progress.visible());
            progress.suspend(|| screen.push(format!("out finding in file {file}")));
        }
        progress.finish();
        progress.suspend(|| screen.push("out summary".to_string()));
        let log = screen.check();
        assert!(
            log.iter().any(|e| e.contains("3/3 files checked")),
            "{log:#?}"
        );
    }

    #[test]
    fn a_run_that_stops_early_leaves_no_bar_behind() {
        let (mut progress, screen) = shown(10);
        progress.tick();
        progress.suspend(|| screen.push("out finding".to_string()));
        progress.tick();
        drop(progress);
        let log = screen.check();
        assert!(log.iter().any(|e| e.starts_with("bar ")), "{log:#?}");
    }

    #[test]
    fn a_bar_that_is_not_wanted_draws_nothing() {
        let mut progress = Progress::drawn_on(5, None, Duration::ZERO);
        for _ in 0..5 {
            progress.tick();
        }
        assert!(!progress.visible());
        progress.finish();
    }

    #[test]
    fn a_quick_run_shows_no_bar() {
        let (mut progress, screen) = shown(2);
        progress.delay = Duration::from_secs(3600);
        progress.tick();
        progress.tick();
        progress.finish();
        assert!(screen.check().is_empty());
    }
}
