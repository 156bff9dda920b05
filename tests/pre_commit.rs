//! The hooks in `.pre-commit-hooks.yaml`, run by the real `pre-commit`
//! (PyPI) from a temporary Git repository whose `.pre-commit-config.yaml`
//! points at this repository at its current commit: a commit with jargon
//! is refused, a plain one goes through.
//!
//! pre-commit reads the hooks file from the commit, so uncommitted edits to
//! it are not what runs. Both tests need `pre-commit` and a Git checkout,
//! so they are `#[ignore]`d; `.ci/run` installs pre-commit and runs them.
//! The `ordinary` hook builds the crate in release mode; its build goes to
//! `target/pre-commit` and is reused.

mod support;

use std::process::{Command, Output};

use support::{path_with_ordinary, repository, require, write};

fn has_pre_commit() -> bool {
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// This repository's current commit, if it is a Git checkout.
fn head() -> Option<String> {
    let output = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repository())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

struct Project {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Project {
    /// A new Git repository using `hook` from this repository at `rev`.
    fn new(hook: &str, rev: &str) -> Project {
        let project = Project {
            dir: tempfile::tempdir().expect("temp dir"),
            home: tempfile::tempdir().expect("temp dir"),
        };
        project.git(&["init", "-q"]);
        write(
            project.dir.path(),
            ".pre-commit-config.yaml",
            &format!(
                "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n",
                repository().display()
            ),
        );
        project.git(&["add", ".pre-commit-config.yaml"]);
        project.git(&["commit", "-q", "--no-verify", "-m", "config"]);
        let install = project
            .command("pre-commit")
            .arg("install")
            .output()
            .expect("runs");
        assert!(install.status.success(), "{}", text(&install));
        project
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(self.dir.path())
            .env("PATH", path_with_ordinary())
            .env("PRE_COMMIT_HOME", self.home.path())
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .env("CARGO_TARGET_DIR", repository().join("target/pre-commit"))
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE");
        command
    }

    fn git(&self, args: &[&str]) -> Output {
        let output = self
            .command("git")
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {}", text(&output));
        output
    }

    /// Stages `name` with `content` and tries to commit it.
    fn commit(&self, name: &str, content: &str) -> Output {
        write(self.dir.path(), name, content);
        self.git(&["add", name]);
        self.command("git")
            .args(["-c", "commit.gpgsign=false", "commit", "-m", name])
            .output()
            .expect("git runs")
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn refuses_jargon_and_accepts_plain_writing(hook: &str) {
    require("pre-commit (pip install pre-commit)", has_pre_commit());
    let rev = head().expect("this test runs in a Git checkout of the repository");
    let project = Project::new(hook, &rev);

    let refused = project.commit(
        "policy.md",
        "# Short breaks\n\nWe offer respite to service users.\n",
    );
    let output = text(&refused);
    assert!(
        !refused.status.success(),
        "the commit went through:\n{output}"
    );
    assert!(output.contains("plain language (ordinary)"), "{output}");
    assert!(output.contains("Failed"), "{output}");
    assert!(output.contains("warning[respite]"), "{output}");
    assert!(output.contains("policy.md"), "{output}");
    // Nothing was committed.
    let log = project.git(&["log", "--format=%s"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).trim(), "config");

    project.git(&["rm", "-q", "--cached", "policy.md"]);
    let accepted = project.commit(
        "plain.md",
        "# Short breaks\n\nWe offer short breaks to people who look after someone.\n",
    );
    let output = text(&accepted);
    assert!(
        accepted.status.success(),
        "the plain commit was refused:\n{output}"
    );
    assert!(output.contains("Passed"), "{output}");
    // Files ordinary does not read are not passed to it.
    let other = project.commit("notes.csv", "respite,service users\n");
    assert!(other.status.success(), "{}", text(&other));
    // The project's config applies, its `exclude` included.
    let config = project.commit("ordinary.toml", "exclude = [\"archive/**\"]\n");
    assert!(config.status.success(), "{}", text(&config));
    let archived = project.commit("archive/2019.md", "We offer respite.\n");
    assert!(archived.status.success(), "{}", text(&archived));
}

#[test]
#[ignore = "needs pre-commit"]
fn the_system_hook_refuses_jargon_and_accepts_plain_writing() {
    refuses_jargon_and_accepts_plain_writing("ordinary-system");
}

#[test]
#[ignore = "needs pre-commit, and builds the crate in release mode"]
fn the_rust_hook_builds_ordinary_and_refuses_jargon() {
    refuses_jargon_and_accepts_plain_writing("ordinary");
}
