//! Baselines end to end: a new finding fails, an old one that moved does
//! not, a fixed one drops out, counts matter, the file is stable and
//! sorted, paths work from any folder, and bad baseline files get clear
//! errors.

mod support;

use std::fs;
use std::path::Path;

use serde_json::Value;
use support::{check, write};

const POLICY: &str =
    "# Short breaks\n\nWe offer respite to carers.\n\nService users can ask for a review.\n";

fn json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = check(dir, &all);
    let value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    (run.code, value, run.stderr)
}

fn rules(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}@{}", f["rule"].as_str().unwrap(), f["line"]))
        .collect()
}

fn record(dir: &Path) {
    let run = check(dir, &["--write-baseline", "baseline.json", "docs"]);
    assert_eq!(
        run.code, 0,
        "writing a baseline does not fail: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Wrote a baseline of 2 findings to baseline.json"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_same_documents_pass_against_their_own_baseline() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    let (code, report, _) = json(dir.path(), &["docs"]);
    assert_eq!(code, 1);
    assert_eq!(rules(&report), ["respite@3", "service-user@5"]);
    record(dir.path());
    let (code, report, stderr) = json(dir.path(), &["--baseline", "baseline.json", "docs"]);
    assert_eq!((code, rules(&report)), (0, vec![]));
    assert!(
        stderr.contains("2 findings known from the baseline not reported"),
        "{stderr}"
    );
}

#[test]
fn a_new_finding_fails_and_is_the_only_one_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    record(dir.path());
    write(
        dir.path(),
        "docs/policy.md",
        &format!("{POLICY}\nWe will signpost people to the carers' centre.\n"),
    );
    let (code, report, _) = json(dir.path(), &["--baseline", "baseline.json", "docs"]);
    assert_eq!((code, rules(&report)), (1, vec!["signpost@7".to_string()]));
}

#[test]
fn old_findings_that_moved_do_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    record(dir.path());
    // New text above, the two paragraphs swapped and one re-wrapped.
    write(
        dir.path(),
        "docs/policy.md",
        "# Short breaks\n\nAn introduction that was not here before.\n\nService users can ask\nfor a review.\n\nWe offer respite to carers.\n",
    );
    let (code, report, _) = json(dir.path(), &["--baseline", "baseline.json", "docs"]);
    assert_eq!((code, rules(&report)), (0, vec![]));
}

#[test]
fn the_same_phrase_in_a_new_sentence_or_a_second_time_is_new() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    record(dir.path());
    write(
        dir.path(),
        "docs/policy.md",
        &format!("{POLICY}\nWe offer respite to carers.\n\nWe arrange respite at weekends.\n"),
    );
    let (code, report, _) = json(dir.path(), &["--baseline", "baseline.json", "docs"]);
    // The identical sentence is a second occurrence (the baseline counted
    // one); the other has different words around it. Both are later uses of
    // a rule the document already has, so they are repeats, at info.
    assert_eq!(
        (code, rules(&report)),
        (0, vec!["respite@7".to_string(), "respite@9".to_string()])
    );
    // With every use at the rule's severity, new ones fail the check.
    write(dir.path(), "ordinary.toml", "repeats = \"all\"\n");
    let run = support::ordinary(
        dir.path(),
        &[
            "check",
            "--config",
            "ordinary.toml",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "docs",
        ],
    );
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        (run.code, rules(&report)),
        (1, vec!["respite@7".to_string(), "respite@9".to_string()])
    );
}

#[test]
fn a_fixed_finding_drops_out_of_a_rewritten_baseline() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    record(dir.path());
    write(
        dir.path(),
        "docs/policy.md",
        "# Short breaks\n\nWe offer short breaks to carers.\n\nService users can ask for a review.\n",
    );
    // Nothing new: passes, and the fix is not reported.
    let (code, report, _) = json(dir.path(), &["--baseline", "baseline.json", "docs"]);
    assert_eq!((code, rules(&report)), (0, vec![]));
    let run = check(
        dir.path(),
        &[
            "--baseline",
            "baseline.json",
            "--write-baseline",
            "baseline.json",
            "docs",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    let entries = baseline["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["rule"], "service-user");
    assert_eq!(entries[0]["matched"], "service users");
    assert_eq!(entries[0]["path"], "docs/policy.md");
    // Putting the phrase back now counts as new.
    write(dir.path(), "docs/policy.md", POLICY);
    let (code, report, _) = json(dir.path(), &["--baseline", "baseline.json", "docs"]);
    assert_eq!((code, rules(&report)), (1, vec!["respite@3".to_string()]));
}

#[test]
fn the_baseline_file_is_sorted_counted_and_the_same_with_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        write(
            dir.path(),
            &format!("docs/{i:02}.txt"),
            "The service users met. The service users met.\n\nWe offer respite.\n",
        );
    }
    let one = check(dir.path(), &["-j1", "--write-baseline", "one.json", "docs"]);
    let many = check(
        dir.path(),
        &["-j8", "--write-baseline", "many.json", "docs"],
    );
    assert_eq!((one.code, many.code), (0, 0));
    let one = fs::read_to_string(dir.path().join("one.json")).unwrap();
    assert_eq!(
        one,
        fs::read_to_string(dir.path().join("many.json")).unwrap()
    );
    let baseline: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["findings"].as_array().unwrap();
    let keys: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().into(),
                e["rule"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // Two identical sentences in one paragraph: their contexts differ
    // (what comes before and after), so two entries of one each.
    assert_eq!(entries.len(), 12 * 3);
}

#[test]
fn paths_are_relative_to_the_baseline_so_it_works_from_a_subfolder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    record(dir.path());
    let (code, report, _) = json(
        &dir.path().join("docs"),
        &["--baseline", "../baseline.json", "policy.md"],
    );
    assert_eq!((code, rules(&report)), (0, vec![]));
}

#[test]
fn bad_baseline_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    let missing = check(dir.path(), &["--baseline", "nope.json", "docs"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("cannot read the baseline nope.json"),
        "{}",
        missing.stderr
    );
    write(
        dir.path(),
        "broken.json",
        "{\"version\": 1, \"findings\": [",
    );
    let broken = check(dir.path(), &["--baseline", "broken.json", "docs"]);
    assert_eq!(broken.code, 2);
    assert!(
        broken
            .stderr
            .contains("broken.json is not a baseline ordinary can read"),
        "{}",
        broken.stderr
    );
    write(
        dir.path(),
        "future.json",
        "{\"version\": 7, \"findings\": []}",
    );
    let future = check(dir.path(), &["--baseline", "future.json", "docs"]);
    assert_eq!(future.code, 2);
    assert!(
        future.stderr.contains("is a version 7 baseline"),
        "{}",
        future.stderr
    );
    write(
        dir.path(),
        "typo.json",
        "{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"b\", \"matched\": \"c\", \"context\": \"d\", \"cuont\": 1}]}",
    );
    let typo = check(dir.path(), &["--baseline", "typo.json", "docs"]);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("cuont"), "{}", typo.stderr);
    let unwritable = check(
        dir.path(),
        &["--write-baseline", "no/such/folder/b.json", "docs"],
    );
    assert_eq!(unwritable.code, 2);
    assert!(
        unwritable
            .stderr
            .contains("the baseline was not saved: cannot write no/such/folder/b.json: the folder for it does not exist"),
        "{}",
        unwritable.stderr
    );
}

#[test]
fn a_file_that_cannot_be_read_still_fails_when_writing_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    let run = check(
        dir.path(),
        &["--write-baseline", "b.json", "docs", "missing.md"],
    );
    assert_eq!(run.code, 2);
}

#[test]
fn a_baseline_is_never_written_from_part_of_the_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/policy.md", POLICY);
    for option in [["--shard", "1/2"], ["--changed-since", "HEAD"]] {
        let run = check(
            dir.path(),
            &[option[0], option[1], "--write-baseline", "b.json", "docs"],
        );
        assert_eq!(run.code, 2);
        assert!(
            run.stderr
                .contains("cannot be used with --shard or --changed-since"),
            "{}",
            run.stderr
        );
        assert!(!dir.path().join("b.json").exists());
    }
}
