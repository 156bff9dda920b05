//! What Windows users' files look like, checked on any machine: CRLF line
//! endings (front matter, suppression comments, line numbers, and `fix`
//! keeping them), and names with spaces and non-ASCII letters. Windows
//! paths and `file:` URIs from Windows editors are unit tests of
//! `src/lsp/uri.rs`, since this machine's paths are not Windows paths.

mod support;

use std::fs;

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
