//! The options of `ordinary check` for CI: which files (`--changed-since`,
//! `--shard`), baselines, `--max-findings` and `--statistics`.

use std::path::PathBuf;

use clap::Args;

use ordinary::baseline::{Baseline, Recorder};
use ordinary::engine::Linter;
use ordinary::report::{
    Checkstyle, Concise, Github, Human, Json, JsonLines, Junit, Markdown, Reporter, Sarif,
    Statistics, Summary,
};
use ordinary::rules::Severity;
use ordinary::walk::{Changed, Globs, Input, Shard, WalkError};

use super::args::OutputFormat;

#[derive(Debug, Args)]
pub struct CiArgs {
    /// Exit with 1 only when there are more than N findings at or above --fail-on [default: 0].
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,
    /// Report (and fail on) only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file (exit 0 unless a file
    /// could not be checked).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print how many findings each rule and category has, instead of the
    /// findings (as a table, or JSON with --format json).
    #[arg(long)]
    pub statistics: bool,
    /// Check only files changed since this Git revision (its merge base with
    /// HEAD), uncommitted and untracked changes included.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Check only share K of N of the files (1-based), chosen by a stable
    /// hash of each path, to spread a run over a CI matrix.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Apply the config's `exclude` to files named on the command line too
    /// (for pre-commit and other tools that pass every changed file).
    #[arg(long)]
    pub force_exclude: bool,
}

/// Keeps the files the CI options select: not excluded (with
/// `--force-exclude`), changed since a revision, and in this shard. Walk
/// errors follow their path's shard.
pub fn select(
    ci: &CiArgs,
    exclude: &Globs,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<WalkError>,
) -> anyhow::Result<()> {
    if ci.force_exclude {
        inputs.retain(|input| !exclude.matches(&input.path));
    }
    if let Some(rev) = &ci.changed_since {
        let changed = Changed::since(rev)?;
        inputs.retain(|input| changed.contains(&input.path));
    }
    if let Some(shard) = ci.shard {
        inputs.retain(|input| shard.contains(&input.display));
        errors.retain(|error| shard.contains(&error.display));
    }
    Ok(())
}

/// The reporter for `--format` (or `--statistics`).
pub fn reporter<'l>(
    format: OutputFormat,
    ci: &CiArgs,
    linter: &'l Linter,
    color: bool,
    quiet: bool,
    fail_on: Severity,
) -> anyhow::Result<Box<dyn Reporter + 'l>> {
    if ci.statistics {
        return match format {
            OutputFormat::Human => Ok(Box::new(Statistics::new(linter, false))),
            OutputFormat::Json => Ok(Box::new(Statistics::new(linter, true))),
            _ => anyhow::bail!("--statistics prints a table, or JSON with --format json"),
        };
    }
    Ok(match format {
        OutputFormat::Human => Box::new(Human::new(color, quiet)),
        OutputFormat::Json => Box::new(Json::default()),
        OutputFormat::Jsonl => Box::new(JsonLines),
        OutputFormat::Sarif => Box::new(Sarif::new(linter)),
        OutputFormat::Github => Box::new(Github::new(quiet)),
        OutputFormat::Checkstyle => Box::new(Checkstyle::default()),
        OutputFormat::Junit => Box::new(Junit::new(fail_on)),
        OutputFormat::Concise => Box::new(Concise),
        OutputFormat::Markdown => Box::new(Markdown::new(linter)),
    })
}

/// The baseline to compare with and the recorder for a new one.
pub fn baselines(ci: &CiArgs) -> anyhow::Result<(Option<Baseline>, Option<Recorder>)> {
    // A baseline from part of the files would forget the rest.
    if ci.write_baseline.is_some() && (ci.shard.is_some() || ci.changed_since.is_some()) {
        anyhow::bail!(
            "--write-baseline records every file checked, so it cannot be used with --shard or --changed-since"
        );
    }
    let compare = ci.baseline.as_deref().map(Baseline::load).transpose()?;
    let record = ci.write_baseline.as_deref().map(Recorder::new);
    Ok((compare, record))
}

/// Whether the findings make the run fail: more than `--max-findings` at
/// or above `--fail-on`. Writing a baseline never fails on findings.
pub fn fails(ci: &CiArgs, summary: &Summary, fail_on: Severity) -> bool {
    if ci.write_baseline.is_some() {
        return false;
    }
    let counted: usize = Severity::ALL
        .into_iter()
        .filter(|s| *s >= fail_on)
        .map(|s| summary.by_severity.get(s))
        .sum();
    counted > ci.max_findings.unwrap_or(0)
}
