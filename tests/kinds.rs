//! Kinds of document end to end: the config's globs, front matter and
//! `--kind`, in that order of strength.

use std::path::Path;
use std::process::Command;

/// Rule ids flagged in `file`, run from `dir` with extra arguments.
fn rules_flagged(dir: &Path, args: &[&str], file: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .arg(file)
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

const JOB_WORDING: &str = "The post holder will be a team player.\n";

#[test]
fn job_description_rules_apply_only_to_job_descriptions_once_the_kind_is_known() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::create_dir_all(dir.path().join("jobs")).unwrap();
    std::fs::write(dir.path().join("plans/a.txt"), JOB_WORDING).unwrap();
    std::fs::write(dir.path().join("jobs/a.txt"), JOB_WORDING).unwrap();
    std::fs::write(
        dir.path().join("ordinary.toml"),
        "[kinds]\nassessment = [\"plans/**\"]\njob-description = [\"jobs/**\"]\n",
    )
    .unwrap();

    let in_job = rules_flagged(dir.path(), &[], "jobs/a.txt");
    assert!(
        in_job.contains(&"post-holder".to_string()) && in_job.contains(&"team-player".to_string()),
        "{in_job:?}"
    );
    let in_plan = rules_flagged(dir.path(), &[], "plans/a.txt");
    assert!(!in_plan.contains(&"post-holder".to_string()), "{in_plan:?}");
    // No kind known: every rule applies.
    let unknown = rules_flagged(dir.path(), &["--no-config"], "plans/a.txt");
    assert!(unknown.contains(&"post-holder".to_string()), "{unknown:?}");
    // --kind beats the config.
    let forced = rules_flagged(dir.path(), &["--kind", "job-description"], "plans/a.txt");
    assert!(forced.contains(&"post-holder".to_string()), "{forced:?}");
}

#[test]
fn front_matter_beats_the_config_and_kind_beats_front_matter() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("jobs")).unwrap();
    std::fs::write(
        dir.path().join("jobs/a.md"),
        format!("---\nkind: assessment\n---\n\n{JOB_WORDING}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ordinary.toml"),
        "[kinds]\njob-description = [\"jobs/**\"]\n",
    )
    .unwrap();
    assert!(!rules_flagged(dir.path(), &[], "jobs/a.md").contains(&"post-holder".to_string()));
    assert!(
        rules_flagged(dir.path(), &["--kind", "jd"], "jobs/a.md")
            .contains(&"post-holder".to_string())
    );
}

#[test]
fn an_unknown_kind_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "text\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(dir.path())
        .args(["check", "--kind", "memo", "a.txt"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("assessment, policy, job-description")
    );
}

/// A case note written by staff for staff uses the field's legal shorthand
/// (`MCA`, `DoLS`); published guidance and pages for the public spell it out.
#[test]
fn the_fields_own_shorthand_is_left_alone_in_case_records_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let note = "An MCA assessment was completed. A DoLS application is pending. Current POC is four calls.\n";
    std::fs::write(dir.path().join("note.txt"), note).unwrap();
    let in_case_record = rules_flagged(
        dir.path(),
        &["--kind", "assessment", "--audience", "professional"],
        "note.txt",
    );
    assert!(
        !in_case_record.contains(&"mca".to_string())
            && !in_case_record.contains(&"dols".to_string()),
        "{in_case_record:?}"
    );
    // Care-planning shorthand is not law: the person may read their record.
    assert!(
        in_case_record.contains(&"poc".to_string()),
        "{in_case_record:?}"
    );
    for args in [
        &["--kind", "policy", "--audience", "professional"][..],
        &["--kind", "assessment", "--audience", "public"][..],
        &[][..],
    ] {
        let flagged = rules_flagged(dir.path(), args, "note.txt");
        assert!(
            flagged.contains(&"mca".to_string()) && flagged.contains(&"dols".to_string()),
            "{args:?}: {flagged:?}"
        );
    }
}
