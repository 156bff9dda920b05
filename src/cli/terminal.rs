//! Colour and the progress bar: when each is on, and a standard output
//! that a Windows console colours instead of printing escape codes.
//!
//! The decisions are plain functions of the `--color` flag, the
//! environment and whether a stream is a terminal, so they are tested
//! without one.

use std::ffi::OsString;
use std::io::{self, StdoutLock};

use anstream::AutoStream;
use codespan_reporting::term::termcolor;

use super::args::ColorArg;

/// What the environment says about colour and the terminal, read once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Environment {
    /// `NO_COLOR` is set and not empty (<https://no-color.org>).
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set, not empty and not `0`: colour even when
    /// the output is not a terminal (<https://bixense.com/clicolors/>).
    pub clicolor_force: bool,
    /// `CLICOLOR=0`: no colour unless forced.
    pub clicolor_off: bool,
    /// `TERM=dumb`: a terminal that can neither colour nor redraw a line.
    pub dumb: bool,
    /// `CI` is set: the output is a log, not a person watching.
    pub ci: bool,
}

impl Environment {
    /// This process's environment.
    pub fn read() -> Environment {
        Environment::from_vars(|name| std::env::var_os(name))
    }

    fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Environment {
        let set = |name| var(name).is_some_and(|value| !value.is_empty());
        Environment {
            no_color: set("NO_COLOR"),
            clicolor_force: var("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0"),
            clicolor_off: var("CLICOLOR").is_some_and(|v| v == "0"),
            dumb: var("TERM").is_some_and(|v| v == "dumb"),
            ci: var("CI").is_some(),
        }
    }
}

/// Whether to colour a stream. `--color always` and `--color never` win;
/// with `auto`, `NO_COLOR` switches colour off, then `CLICOLOR_FORCE`
/// switches it on, then `CLICOLOR=0` and `TERM=dumb` switch it off, and
/// otherwise a terminal is coloured and a file or pipe is not.
pub fn colour(choice: ColorArg, env: &Environment, terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if env.no_color => false,
        ColorArg::Auto if env.clicolor_force => true,
        ColorArg::Auto => terminal && !env.clicolor_off && !env.dumb,
    }
}

/// Whether `ordinary check` may show its progress bar on standard error:
/// asked for (no `--quiet`), on a terminal that can redraw a line (not
/// `TERM=dumb`), for a person (not CI), and for more than one file.
/// Colour plays no part: the bar is plain text.
pub fn progress(wanted: bool, env: &Environment, stderr_terminal: bool, files: usize) -> bool {
    wanted && stderr_terminal && !env.dumb && !env.ci && files > 1
}

/// Standard output for a report that is `coloured` or not.
///
/// Coloured, on a Windows console: the console is switched to reading
/// ANSI escape codes (virtual terminal processing, Windows 10 and later),
/// and where it cannot be, the codes become console calls instead of
/// text (anstream). Everywhere else, and when not coloured, the bytes
/// pass through unchanged.
pub fn stdout(coloured: bool) -> AutoStream<StdoutLock<'static>> {
    let raw = io::stdout().lock();
    if coloured {
        AutoStream::always(raw)
    } else {
        AutoStream::always_ansi(raw)
    }
}

/// The `termcolor` choice for diagnostics on standard error (rules and
/// config errors), by the same decision as reports with `--color auto`;
/// termcolor itself drives a Windows console that reads no escape codes.
pub fn stderr_choice(env: &Environment, stderr_terminal: bool) -> termcolor::ColorChoice {
    if colour(ColorArg::Auto, env, stderr_terminal) {
        termcolor::ColorChoice::Always
    } else {
        termcolor::ColorChoice::Never
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Environment {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        Environment::from_vars(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn the_environment_is_read_as_the_conventions_say() {
        assert_eq!(env(&[]), Environment::default());
        // An empty NO_COLOR or CLICOLOR_FORCE is unset (no-color.org).
        assert!(!env(&[("NO_COLOR", "")]).no_color);
        assert!(env(&[("NO_COLOR", "1")]).no_color);
        assert!(env(&[("NO_COLOR", "0")]).no_color);
        assert!(!env(&[("CLICOLOR_FORCE", "")]).clicolor_force);
        assert!(!env(&[("CLICOLOR_FORCE", "0")]).clicolor_force);
        assert!(env(&[("CLICOLOR_FORCE", "1")]).clicolor_force);
        assert!(env(&[("CLICOLOR", "0")]).clicolor_off);
        assert!(!env(&[("CLICOLOR", "1")]).clicolor_off);
        assert!(env(&[("TERM", "dumb")]).dumb);
        assert!(!env(&[("TERM", "xterm-256color")]).dumb);
        assert!(env(&[("CI", "true")]).ci);
        assert!(env(&[("CI", "")]).ci);
    }

    #[test]
    fn auto_colours_a_terminal_and_not_a_file() {
        let plain = Environment::default();
        assert!(colour(ColorArg::Auto, &plain, true));
        assert!(!colour(ColorArg::Auto, &plain, false));
        // No TERM at all (a Windows console) is no reason to go without,
        // and a CI log is coloured only when asked (CLICOLOR_FORCE).
        assert!(colour(ColorArg::Auto, &env(&[("CI", "true")]), true));
        assert!(!colour(ColorArg::Auto, &env(&[("CI", "true")]), false));
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        let against = env(&[("NO_COLOR", "1"), ("TERM", "dumb"), ("CLICOLOR", "0")]);
        assert!(colour(ColorArg::Always, &against, false));
        let forced = env(&[("CLICOLOR_FORCE", "1")]);
        assert!(!colour(ColorArg::Never, &forced, true));
    }

    #[test]
    fn no_color_beats_clicolor_force_which_beats_the_rest() {
        let both = env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]);
        assert!(!colour(ColorArg::Auto, &both, true));
        let forced = env(&[("CLICOLOR_FORCE", "1"), ("CLICOLOR", "0"), ("TERM", "dumb")]);
        assert!(colour(ColorArg::Auto, &forced, false));
        assert!(!colour(ColorArg::Auto, &env(&[("NO_COLOR", "1")]), true));
        assert!(!colour(ColorArg::Auto, &env(&[("CLICOLOR", "0")]), true));
        assert!(!colour(ColorArg::Auto, &env(&[("TERM", "dumb")]), true));
    }

    #[test]
    fn the_progress_bar_is_for_a_person_at_a_terminal() {
        let plain = Environment::default();
        assert!(progress(true, &plain, true, 2));
        // --quiet, standard error redirected, one file, CI, a dumb terminal.
        assert!(!progress(false, &plain, true, 2));
        assert!(!progress(true, &plain, false, 2));
        assert!(!progress(true, &plain, true, 1));
        assert!(!progress(true, &env(&[("CI", "true")]), true, 2));
        assert!(!progress(true, &env(&[("TERM", "dumb")]), true, 2));
        // Colour settings do not hide it.
        assert!(progress(true, &env(&[("NO_COLOR", "1")]), true, 2));
    }

    #[test]
    fn diagnostics_on_standard_error_follow_the_same_decision() {
        let plain = Environment::default();
        assert_eq!(stderr_choice(&plain, true), termcolor::ColorChoice::Always);
        assert_eq!(stderr_choice(&plain, false), termcolor::ColorChoice::Never);
        let no = env(&[("NO_COLOR", "1")]);
        assert_eq!(stderr_choice(&no, true), termcolor::ColorChoice::Never);
        let forced = env(&[("CLICOLOR_FORCE", "1")]);
        assert_eq!(
            stderr_choice(&forced, false),
            termcolor::ColorChoice::Always
        );
    }
}
