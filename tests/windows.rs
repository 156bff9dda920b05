//! What Windows users' files look like, checked on any machine: CRLF line
//! endings (front matter, suppression comments, line numbers, and `fix`
//! keeping them), and names with spaces and non-ASCII letters. Windows
//! paths and `file:` URIs from Windows editors are unit tests of
//! `src/lsp/uri.rs`, since this machine's paths are not Windows paths.
//! When colour and the progress bar are on is decided in
//! `src/cli/terminal.rs` and unit-tested there, with the bar's drawing in
//! `src/cli/check.rs`; here, the decision as the binary takes it.

mod support;

use std::fs;
use std::process::Command;

use support::ordinary;

const CRLF_POLICY: &str = "---\r\nkind: job-description\r\n---\r\n\
We are looking for a suitably qualified practitioner.\r\n\
<!-- ordinary-disable-next-line signpost -->\r\n\
We will signpost you.\r\n\
We will signpost service users.\r\n";

#[test]
fn crlf_files_keep_their_front_matter_comments_and_line_numbers() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("Équipe enfants 1");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("Plan d'aide café.md"), CRLF_POLICY).unwrap();
    let run = ordinary(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "--color",
            "never",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let place = "Équipe enfants 1/Plan d'aide café.md";
    // `kind: job-description` in CRLF front matter is read: this rule is
    // for job descriptions only.
    assert!(
        lines[0].starts_with(&format!("{place}:4:22: warning [suitably-qualified]")),
        "{}",
        run.stdout
    );
    // The comment switches off line 6 only; line 7 is reported, at its
    // own line and column.
    assert!(lines.iter().all(|l| !l.contains(":6:")), "{}", run.stdout);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{place}:7:9: warning [signpost]"))),
        "{}",
        run.stdout
    );
}

#[test]
fn fix_keeps_crlf_line_endings() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan één.md");
    fs::write(&path, CRLF_POLICY).unwrap();
    let run = ordinary(dir.path(), &["fix", "--no-config", "plan één.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("We will point people.\r\n"), "{fixed:?}");
    assert_eq!(
        fixed.matches("\r\n").count(),
        fixed.matches('\n').count(),
        "a line lost its CR: {fixed:?}"
    );
}

/// Runs `ordinary check` on a sentence with jargon, its output piped (not
/// a terminal), with `env` set; whether the report has colour codes.
fn coloured(args: &[&str], env: &[(&str, &str)]) -> bool {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(dir.path().join("draft.md"), "We will signpost you.\n").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_ordinary"));
    command
        .current_dir(dir.path())
        .args(["check", "--no-config", "draft.md"])
        .args(args);
    for name in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "CI", "TERM"] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let output = command.output().expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(stdout.contains("signpost"), "{stdout}");
    // Nothing but the report: no progress bar and no stray carriage
    // return in a redirected output.
    assert!(!stdout.contains('\r'), "{stdout:?}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("files checked"));
    stdout.contains('\u{1b}')
}

#[test]
fn colour_follows_the_flag_then_no_color_then_clicolor_force() {
    // Piped: no colour unless asked.
    assert!(!coloured(&[], &[]));
    assert!(!coloured(
        &[],
        &[("TERM", "xterm-256color"), ("CLICOLOR", "1")]
    ));
    // CLICOLOR_FORCE colours a pipe (a CI log that shows colour) ...
    assert!(coloured(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(&[], &[("CLICOLOR_FORCE", "0")]));
    // ... unless NO_COLOR says otherwise ...
    assert!(!coloured(
        &[],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    // ... and the flag beats both.
    assert!(coloured(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(!coloured(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));
}
