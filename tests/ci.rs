//! CI behaviour end to end: `--max-findings`, `--shard`, `--changed-since`
//! (against real Git repositories), and `--statistics` misuse.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use support::{check, write};

fn paths(report: &Value) -> BTreeSet<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = check(dir, &all);
    let value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    (run.code, value, run.stderr)
}

#[test]
fn max_findings_fails_only_when_there_are_more() {
    let dir = tempfile::tempdir().unwrap();
    // Two warnings and one info (respite said again).
    write(
        dir.path(),
        "a.txt",
        "We offer respite. Service users met.\n\nWe offer respite again.\n",
    );
    let (_, report, _) = json(dir.path(), &["a.txt"]);
    let by = &report["summary"]["by_severity"];
    assert_eq!(
        (by["warning"].as_u64(), by["info"].as_u64()),
        (Some(2), Some(1))
    );
    let code = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push("a.txt");
        check(dir.path(), &all).code
    };
    assert_eq!(code(&[]), 1);
    assert_eq!(code(&["--max-findings", "1"]), 1);
    assert_eq!(code(&["--max-findings", "2"]), 0);
    // Only findings at or above --fail-on count.
    assert_eq!(code(&["--max-findings", "2", "--fail-on", "info"]), 1);
    assert_eq!(code(&["--max-findings", "3", "--fail-on", "info"]), 0);
    assert_eq!(code(&["--max-findings", "0", "--fail-on", "error"]), 0);
    let bad = check(dir.path(), &["--max-findings", "-1", "a.txt"]);
    assert_eq!(bad.code, 2);
}

fn corpus_like(dir: &Path) {
    for i in 0..40 {
        write(
            dir,
            &format!("docs/{}/{i}.md", ["a", "b", "c"][i % 3]),
            "We offer respite.\n",
        );
    }
}

#[test]
fn shards_split_the_files_between_them_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    corpus_like(dir.path());
    let (_, all, _) = json(dir.path(), &["docs"]);
    let all = paths(&all);
    assert_eq!(all.len(), 40);
    let mut seen = BTreeSet::new();
    let mut sizes = Vec::new();
    for k in 1..=4 {
        let shard = format!("{k}/4");
        let (_, report, _) = json(dir.path(), &["--shard", &shard, "docs"]);
        let mine = paths(&report);
        assert_eq!(
            report["summary"]["files_checked"].as_u64(),
            Some(mine.len() as u64)
        );
        assert!(seen.is_disjoint(&mine), "shard {shard} overlaps another");
        sizes.push(mine.len());
        seen.extend(mine);
        // The same shard again, and from a path spelled with ./, is the same.
        let (_, again, _) = json(dir.path(), &["--shard", &shard, "./docs"]);
        assert_eq!(paths(&again), paths(&report));
    }
    assert_eq!(seen, all);
    assert!(
        sizes.iter().all(|&n| (4..=18).contains(&n)),
        "uneven shards: {sizes:?}"
    );
}

#[test]
fn a_file_stays_in_its_shard_when_other_files_come_and_go() {
    let dir = tempfile::tempdir().unwrap();
    corpus_like(dir.path());
    let before: Vec<BTreeSet<String>> = (1..=3)
        .map(|k| paths(&json(dir.path(), &["--shard", &format!("{k}/3"), "docs"]).1))
        .collect();
    write(dir.path(), "docs/new.md", "We offer respite.\n");
    for (k, old) in before.iter().enumerate() {
        let now = paths(&json(dir.path(), &["--shard", &format!("{}/3", k + 1), "docs"]).1);
        assert!(old.is_subset(&now));
    }
}

#[test]
fn bad_shards_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (shard, message) in [
        ("0/3", "shard 0 does not exist: shards are numbered 1 to 3"),
        ("4/3", "shard 4 does not exist"),
        ("1/0", "the number of shards must be at least 1"),
        ("half", "expected K/N"),
    ] {
        let run = check(dir.path(), &["--shard", shard]);
        assert_eq!(run.code, 2, "{shard}");
        assert!(run.stderr.contains(message), "{shard}: {}", run.stderr);
    }
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn has_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

#[test]
fn changed_since_checks_what_changed_on_the_branch_and_in_the_working_tree() {
    support::require("git", has_git());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    for name in [
        "same.md",
        "edited.md",
        "deleted.md",
        "renamed.md",
        "uncommitted.md",
    ] {
        write(root, &format!("docs/{name}"), "We offer respite.\n");
    }
    write(root, ".gitignore", "ignored.md\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    git(root, &["checkout", "-q", "-b", "topic"]);
    write(
        root,
        "docs/edited.md",
        "We offer respite. Service users met.\n",
    );
    write(root, "docs/added one.md", "We offer respite.\n");
    write(root, "docs/notes.csv", "respite\n");
    git(root, &["rm", "-q", "docs/deleted.md"]);
    git(root, &["mv", "docs/renamed.md", "docs/moved.md"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "topic"]);
    // Meanwhile on main: a change that is not this branch's.
    git(root, &["checkout", "-q", "main"]);
    write(root, "docs/main-only.md", "We offer respite.\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "main"]);
    git(root, &["checkout", "-q", "topic"]);
    // Not yet committed: an edit, an untracked file and an ignored one.
    write(root, "docs/uncommitted.md", "We offer respite to people.\n");
    write(root, "docs/untracked.md", "We offer respite.\n");
    write(root, "ignored.md", "We offer respite.\n");

    let (code, report, stderr) = json(root, &["--changed-since", "main"]);
    assert_eq!(code, 1, "{stderr}");
    let expected: BTreeSet<String> = [
        "docs/added one.md",
        "docs/edited.md",
        "docs/moved.md",
        "docs/uncommitted.md",
        "docs/untracked.md",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(paths(&report), expected);
    // Paths given narrow it further; from a subfolder, paths are relative to it.
    let (_, report, _) = json(
        root,
        &["--changed-since", "main", "docs/edited.md", "docs/same.md"],
    );
    assert_eq!(
        paths(&report),
        BTreeSet::from(["docs/edited.md".to_string()])
    );
    let (_, report, _) = json(&root.join("docs"), &["--changed-since", "main"]);
    assert!(paths(&report).contains("edited.md"), "{report}");
    // Nothing changed since HEAD but the working tree.
    let (_, report, _) = json(root, &["--changed-since", "HEAD"]);
    assert_eq!(
        paths(&report),
        BTreeSet::from([
            "docs/uncommitted.md".to_string(),
            "docs/untracked.md".to_string()
        ])
    );
}

#[test]
fn changed_since_gives_clear_errors() {
    support::require("git", has_git());
    let outside = tempfile::tempdir().unwrap();
    let run = check(outside.path(), &["--changed-since", "main"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--changed-since needs a Git repository"),
        "{}",
        run.stderr
    );

    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    write(repo.path(), "a.md", "Plain.\n");
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "first"]);
    for rev in ["no-such-branch", "--output=x"] {
        let run = check(repo.path(), &[&format!("--changed-since={rev}")]);
        assert_eq!(run.code, 2, "{rev}");
        assert!(
            run.stderr
                .contains(&format!("`{rev}` is not a revision in this repository")),
            "{}",
            run.stderr
        );
    }
    assert!(!repo.path().join("x").exists());
}

#[test]
fn statistics_only_come_as_a_table_or_json() {
    let dir = tempfile::tempdir().unwrap();
    let run = check(dir.path(), &["--statistics", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--statistics prints a table, or JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn force_exclude_applies_the_config_exclude_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ordinary.toml", "exclude = [\"archive/**\"]\n");
    write(dir.path(), "archive/old.md", "We offer respite.\n");
    write(dir.path(), "policy.md", "We offer respite.\n");
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        args.extend(["archive/old.md", "policy.md"]);
        let run = support::ordinary(dir.path(), &args);
        let report: Value = serde_json::from_str(&run.stdout).unwrap();
        paths(&report)
    };
    // Named files are checked whatever the config says…
    assert_eq!(run(&[]).len(), 2);
    // …unless --force-exclude, as pre-commit's hook does.
    assert_eq!(
        run(&["--force-exclude"]),
        BTreeSet::from(["policy.md".to_string()])
    );
}
