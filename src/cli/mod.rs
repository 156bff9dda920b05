//! The command line: turns arguments into settings, calls the library, and
//! maps the outcome to an exit code.

pub mod args;
mod check;
mod ci;
mod completions;
mod diagnostics;
mod fix;
mod init;
mod list;
mod lsp;
mod review;
mod rules_json;
mod serve;
mod terminal;
mod text;

use std::process::ExitCode;

use anyhow::Result;

use args::{Cli, Command, RuleOptions};
use ordinary::config::{Config, ConfigError};
use ordinary::engine::Linter;
use ordinary::rules::{RuleSource, RulesError, Ruleset};
use ordinary::walk::{Globs, ProfileMap};

/// Exit codes: nothing to report, findings at or above `--fail-on`, an error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => list::rules(args),
        Command::Explain(args) => list::explain(args),
        Command::Text(args) => text::run(args),
        Command::Review(args) => review::run(args),
        Command::Fix(args) => fix::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man => completions::man(),
    }
}

/// What Ctrl-C does instead of ending the process at once, when a command
/// has something to finish first (`serve` stops serving and says so).
pub static ON_INTERRUPT: std::sync::OnceLock<Box<dyn Fn() + Send + Sync>> =
    std::sync::OnceLock::new();

/// The config and ruleset a command works with.
pub struct Setup {
    pub config: Config,
    pub ruleset: Ruleset,
}

/// Loads the config and the rules; problems are printed, and `None` means
/// the command should exit with [`EXIT_ERROR`].
pub fn setup(options: &RuleOptions) -> Option<Setup> {
    let config = match load_config(options) {
        Ok(config) => config,
        Err(ConfigError::Invalid { file, problem }) => {
            diagnostics::print_problems(&[*file], &[*problem]);
            return None;
        }
        Err(error) => {
            eprintln!("error: {error}");
            return None;
        }
    };
    let sources = match RuleSource::from_paths(config.rules.iter().chain(&options.rules)) {
        Ok(sources) => sources,
        Err(error) => {
            eprintln!("error: {error}");
            return None;
        }
    };
    let loaded = if config.default_rules && !options.no_default_rules {
        Ruleset::load_with_defaults(sources)
    } else {
        Ruleset::load(sources)
    };
    match loaded {
        Ok(ruleset) => Some(Setup { config, ruleset }),
        Err(RulesError::Invalid { files, problems }) => {
            diagnostics::print_problems(&files, &problems);
            let count = problems.len();
            eprintln!(
                "error: the rules could not be loaded ({count} problem{})",
                if count == 1 { "" } else { "s" }
            );
            None
        }
        Err(error) => {
            eprintln!("error: {error}");
            None
        }
    }
}

fn load_config(options: &RuleOptions) -> Result<Config, ConfigError> {
    if options.no_config {
        return Ok(Config::empty());
    }
    if let Some(path) = &options.config {
        return Config::load(path);
    }
    let here = std::env::current_dir().unwrap_or_default();
    match Config::discover(&here) {
        Some(path) => Config::load(&path),
        None => Ok(Config::empty()),
    }
}

/// What `check`, `review` and `fix` need from the config and the rules.
pub struct Prepared {
    pub config: Config,
    pub linter: Linter,
    /// The config's `[kinds]` and `[audiences]` globs.
    pub profiles: ProfileMap,
    /// The config's `exclude` globs.
    pub exclude: Globs,
}

/// The linter (with `disable` from the command line on top of the
/// config's), the config's kinds and excluded paths; problems are printed,
/// and `None` means exit with [`EXIT_ERROR`].
pub fn prepare(options: &RuleOptions, disable: &[String]) -> Option<Prepared> {
    let Setup { config, ruleset } = setup(options)?;
    let mut settings = config.settings();
    settings.disabled.extend(disable.iter().cloned());
    let linter = match Linter::new(ruleset, &settings) {
        Ok(linter) => linter,
        Err(error) => {
            let place = config
                .path
                .as_ref()
                .map(|p| format!(" (rules named on the command line or in {})", p.display()));
            eprintln!("error: {error}{}", place.unwrap_or_default());
            return None;
        }
    };
    let exclude = match Globs::new(&config.exclude) {
        Ok(exclude) => exclude,
        Err(error) => {
            eprintln!("error: bad `exclude` glob in the config: {error}");
            return None;
        }
    };
    let profiles = match ProfileMap::new(&config.root, &config.kinds, &config.audiences) {
        Ok(profiles) => profiles,
        Err(error) => {
            eprintln!("error: bad glob in the config's [kinds] or [audiences]: {error}");
            return None;
        }
    };
    Some(Prepared {
        config,
        linter,
        profiles,
        exclude,
    })
}
