//! The ready-made integrations, run for real: the GitHub Action's check
//! script (`scripts/github-action.sh`, what `action.yml` runs) with the
//! variables the runner sets; `action.yml`, the example workflows and the
//! pre-commit hooks parsed as YAML and cross-checked; and the documented
//! way of merging shards (`scripts/merge-sarif.sh`, `jq` for JSON Lines)
//! giving what one unsharded run gives.
//!
//! Needs bash. The YAML checks need Python's PyYAML (installed with
//! pre-commit), merging needs jq, and validating the action's SARIF needs
//! jsonschema and `../shared/schemas`: those tests are `#[ignore]`d with
//! what they need, and `.ci/run` installs it and runs them.

mod support;

use std::fs;
use std::process::{Command, Output};

use serde_json::Value;
use support::{path_with_ordinary, repository, require, validate_sarif, works, write};

/// A workspace as the runner sets it up, and the files the step writes.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        write(
            dir.path(),
            "policies/short-breaks.md",
            "# Short breaks\n\nWe offer respite to carers.\n",
        );
        write(
            dir.path(),
            "policies/plain.md",
            "# Reviews\n\nWe will talk with you about how things are going.\n",
        );
        Workspace { dir }
    }

    /// Runs the action's check step with `inputs` (name, value).
    fn run(&self, inputs: &[(&str, &str)]) -> Output {
        let mut command = Command::new("bash");
        command
            .arg(repository().join("scripts/github-action.sh"))
            .current_dir(self.dir.path())
            .env("PATH", path_with_ordinary())
            .env("GITHUB_OUTPUT", self.dir.path().join("output.txt"))
            .env("GITHUB_STEP_SUMMARY", self.dir.path().join("summary.md"))
            .env("ACTION_PATH", repository());
        for (name, value) in inputs {
            let variable = format!("INPUT_{}", name.to_uppercase().replace('-', "_"));
            command.env(variable, value);
        }
        command.output().expect("bash runs")
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs jsonschema and ../shared/schemas (to validate the SARIF)"]
fn the_action_annotates_writes_sarif_and_a_summary_and_fails_on_findings() {
    require("bash", works("bash", &["-c", "true"]));
    let workspace = Workspace::new();
    let output = workspace.run(&[
        ("paths", "policies"),
        ("format", "github"),
        ("sarif-file", "ordinary.sarif"),
        ("summary", "true"),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let log = stdout(&output);
    assert!(
        log.contains("::warning file=policies/short-breaks.md,line=3,col=10,"),
        "{log}"
    );
    let outputs = workspace.read("output.txt");
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    assert!(outputs.contains("sarif-file=ordinary.sarif\n"), "{outputs}");
    let sarif = workspace.read("ordinary.sarif");
    let parsed: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert_eq!(parsed["runs"][0]["results"][0]["ruleId"], "respite");
    validate_sarif(&sarif);
    let summary = workspace.read("summary.md");
    assert!(summary.starts_with("## Plain-language review"), "{summary}");
    assert!(
        summary.contains("| \u{201C}respite\u{201D} | respite | 1 |"),
        "{summary}"
    );
}

#[test]
fn the_action_passes_on_plain_writing_and_passes_its_options_on() {
    require("bash", works("bash", &["-c", "true"]));
    let workspace = Workspace::new();
    let plain = workspace.run(&[("paths", "policies/plain.md"), ("summary", "false")]);
    assert_eq!(plain.status.code(), Some(0), "{}", stdout(&plain));
    assert!(workspace.read("output.txt").contains("exit-code=0\n"));
    assert_eq!(workspace.read("summary.md"), "");
    // Paths on several lines, and options that let the finding through.
    let allowed = workspace.run(&[
        ("paths", "policies/plain.md\npolicies/short-breaks.md"),
        ("max-findings", "1"),
    ]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stdout(&allowed));
    assert!(stdout(&allowed).contains("::warning file=policies/short-breaks.md"));
    let info = workspace.run(&[("paths", "policies"), ("fail-on", "error")]);
    assert_eq!(info.status.code(), Some(0));
    let extra = workspace.run(&[("paths", "policies"), ("args", "--disable respite")]);
    assert_eq!(extra.status.code(), Some(0), "{}", stdout(&extra));
    let bad = workspace.run(&[("paths", "policies"), ("shard", "9/2")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(workspace.read("output.txt").ends_with("exit-code=2\n"));
}

#[test]
fn the_action_never_runs_its_inputs_as_shell_code() {
    require("bash", works("bash", &["-c", "true"]));
    let workspace = Workspace::new();
    for (name, value) in [
        ("args", "$(touch pwned) `touch pwned`"),
        ("paths", "policies; touch pwned"),
        ("baseline", "x\"; touch pwned; \""),
        ("paths", "*"),
    ] {
        let output = workspace.run(&[(name, value)]);
        assert_eq!(output.status.code(), Some(2), "{name}={value}");
        assert!(
            !workspace.dir.path().join("pwned").exists(),
            "{name}={value}"
        );
    }
}

/// Parses YAML files with PyYAML and prints them as JSON.
fn yaml(paths: &[&str]) -> Vec<Value> {
    let has_yaml = works("python3", &["-c", "import yaml"]);
    require("python3 with PyYAML (pip install pyyaml)", has_yaml);
    let script = "import json, sys, yaml\n\
        print(json.dumps([yaml.safe_load(open(p, encoding='utf-8')) for p in sys.argv[1:]]))";
    let output = Command::new("python3")
        .args(["-c", script])
        .args(paths.iter().map(|p| repository().join(p)))
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "not valid YAML: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON from Python")
}

#[test]
#[ignore = "needs PyYAML"]
fn the_action_and_the_examples_agree_on_the_inputs() {
    let files = yaml(&[
        "action.yml",
        "docs/github-workflow.yml",
        "docs/gitlab-ci.yml",
        ".pre-commit-hooks.yaml",
    ]);
    let (action, workflow, gitlab, hooks) = (&files[0], &files[1], &files[2], &files[3]);
    let inputs: Vec<&String> = action["inputs"].as_object().unwrap().keys().collect();
    let steps = action["runs"]["steps"].as_array().unwrap();
    let check = steps.iter().find(|s| s["id"] == "check").unwrap();
    let env = check["env"].as_object().unwrap();
    let script = fs::read_to_string(repository().join("scripts/github-action.sh")).unwrap();
    // Every input reaches the script through its own variable, and the
    // script reads every one.
    for input in &inputs {
        let variable = format!("INPUT_{}", input.to_uppercase().replace('-', "_"));
        assert_eq!(
            env[&variable],
            format!("${{{{ inputs.{input} }}}}"),
            "{variable}"
        );
        assert!(script.contains(&variable), "the script ignores {variable}");
    }
    // Inputs only ever reach a shell through the environment.
    for step in steps {
        let run = step["run"].as_str().unwrap();
        assert!(!run.contains("${{"), "an expression inside a script: {run}");
    }
    // The example workflow uses only inputs that exist.
    for job in workflow["jobs"].as_object().unwrap().values() {
        for step in job["steps"].as_array().unwrap() {
            if step["uses"]
                .as_str()
                .is_some_and(|u| u.contains("/ordinary@"))
            {
                for key in step["with"].as_object().unwrap().keys() {
                    assert!(
                        inputs.contains(&key),
                        "the workflow uses unknown input {key}"
                    );
                }
            }
        }
    }
    assert!(gitlab["plain-language"]["script"].is_array());
    let ids: Vec<&str> = hooks
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ordinary", "ordinary-system"]);
}

fn corpus_run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(repository())
        .args(["check", "--config", "ordinary.toml", "--color", "never"])
        .args(args)
        .arg("corpus")
        .output()
        .expect("runs");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
#[ignore = "needs jq"]
fn merged_sarif_shards_are_the_unsharded_report() {
    require("jq", works("jq", &["--version"]));
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for k in 1..=3 {
        let path = dir.path().join(format!("shard-{k}.sarif"));
        fs::write(
            &path,
            corpus_run(&["--format", "sarif", "--shard", &format!("{k}/3")]),
        )
        .unwrap();
        files.push(path);
    }
    let merged = Command::new("bash")
        .arg(repository().join("scripts/merge-sarif.sh"))
        .args(&files)
        .output()
        .expect("bash runs");
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let merged: Value = serde_json::from_slice(&merged.stdout).expect("JSON");
    let whole: Value = serde_json::from_str(&corpus_run(&["--format", "sarif"])).unwrap();
    assert!(merged == whole, "merged shards differ from one run");
}

#[test]
#[ignore = "needs jq"]
fn joined_jsonl_shards_are_the_unsharded_findings() {
    require("jq", works("jq", &["--version"]));
    let shards: String = (1..=3)
        .map(|k| corpus_run(&["--format", "jsonl", "--shard", &format!("{k}/3")]))
        .collect();
    // The README's recipe: keep the findings, files in path order.
    let mut jq = Command::new("jq")
        .args([
            "--slurp",
            "--compact-output",
            r#"map(select(.type == "finding")) | sort_by(.path) | .[]"#,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("jq runs");
    use std::io::Write;
    jq.stdin
        .take()
        .unwrap()
        .write_all(shards.as_bytes())
        .unwrap();
    let joined = jq.wait_with_output().unwrap();
    let joined: Vec<Value> = String::from_utf8(joined.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let whole: Vec<Value> = corpus_run(&["--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["type"] == "finding")
        .collect();
    assert_eq!(joined.len(), whole.len());
    assert!(joined == whole, "joined shards differ from one run");
}
