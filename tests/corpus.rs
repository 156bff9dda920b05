//! Snapshots of the human and JSON reports on every corpus document, made by
//! the real binary. A rule change shows up here as a reviewable diff
//! (`cargo insta review`).

use std::path::Path;
use std::process::Command;

fn ordinary(args: &[&str]) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--config", "ordinary.toml", "--color", "never"])
        .args(args)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("output is UTF-8");
    (stdout, output.status.code().unwrap_or(-1))
}

/// `corpus/...` path of a globbed file, with `/` separators on every system.
fn corpus_path(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path
        .strip_prefix(root)
        .expect("corpus files are inside the crate");
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn human_report_on_each_corpus_document() {
    insta::glob!("../corpus", "**/*.{md,txt,docx}", |path| {
        let (stdout, _) = ordinary(&[&corpus_path(path)]);
        insta::assert_snapshot!(stdout);
    });
}

#[test]
fn json_report_on_each_corpus_document() {
    insta::glob!("../corpus", "**/*.{md,txt,docx}", |path| {
        let (stdout, code) = ordinary(&["--format", "json", &corpus_path(path)]);
        let report: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
        let findings = report["findings"].as_array().expect("findings array");
        assert_eq!(
            code,
            if findings.iter().any(|f| f["severity"] != "info") {
                1
            } else {
                0
            }
        );
        insta::assert_snapshot!(serde_json::to_string_pretty(&report).expect("serialises"));
    });
}

#[test]
fn plain_rewrites_have_nothing_above_info() {
    let (stdout, code) = ordinary(&["--format", "json", "corpus/plain"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let serious: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    assert!(
        serious.is_empty(),
        "the plain rewrites should pass: {serious:#?}"
    );
    assert!(report["summary"]["files_checked"].as_u64() >= Some(1));
    assert_eq!(code, 0);
}

#[test]
fn the_whole_corpus_reports_the_same_with_one_thread_or_many() {
    let (one, _) = ordinary(&["--format", "json", "-j", "1", "corpus"]);
    let (many, _) = ordinary(&["--format", "json", "-j", "8", "corpus"]);
    assert_eq!(one, many);
    let report: serde_json::Value = serde_json::from_str(&one).expect("valid JSON");
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "findings come in path order");
}
