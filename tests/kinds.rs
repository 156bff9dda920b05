//! Kinds of document end to end: the config's globs, front matter and
//! `--kind`, in that order of strength.

use std::path::Path;
use std::process::Command;

/// Rule ids flagged in `file`, run from `dir` with extra arguments.
fn rules_flagged(dir: &Path, args: &[&str], file: &str) -> Vec<String> {
    report(dir, args, file)["findings"]
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
/// (`MCA`, `DoLS`), and so does a job written for people who already do the
/// work; published guidance and pages for the public spell it out.
#[test]
fn the_fields_own_shorthand_is_left_alone_in_case_records_and_staff_jobs_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let note = "An MCA assessment was completed. A DoLS application is pending. Current POC is four calls. The nurses will engage with her family.\n";
    std::fs::write(dir.path().join("note.txt"), note).unwrap();
    let in_case_record = rules_flagged(
        dir.path(),
        &["--kind", "assessment", "--audience", "professional"],
        "note.txt",
    );
    // Phrase rules can be the field's own too (`engage with`).
    assert!(
        !in_case_record.contains(&"mca".to_string())
            && !in_case_record.contains(&"dols".to_string())
            && !in_case_record.contains(&"engage-with".to_string()),
        "{in_case_record:?}"
    );
    let in_staff_job = rules_flagged(
        dir.path(),
        &["--kind", "job-description", "--audience", "professional"],
        "note.txt",
    );
    assert!(
        !in_staff_job.contains(&"mca".to_string()) && !in_staff_job.contains(&"dols".to_string()),
        "{in_staff_job:?}"
    );
    // Care-planning shorthand is not law: the person may read their record.
    assert!(
        in_case_record.contains(&"poc".to_string()),
        "{in_case_record:?}"
    );
    for args in [
        &["--kind", "policy", "--audience", "professional"][..],
        &["--kind", "assessment", "--audience", "public"][..],
        &["--kind", "job-description", "--audience", "public"][..],
        &[][..],
    ] {
        let flagged = rules_flagged(dir.path(), args, "note.txt");
        assert!(
            flagged.contains(&"mca".to_string())
                && flagged.contains(&"dols".to_string())
                && flagged.contains(&"engage-with".to_string()),
            "{args:?}: {flagged:?}"
        );
    }
}

/// A job written for professionals names the qualifications and systems
/// its applicants already use by their letters; one written for the public
/// must explain them.
#[test]
fn letters_in_a_job_for_professionals_are_the_applicants_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let advert = "You will hold the DipSW or the QWXZ and record on the KRT system.\n";
    std::fs::write(dir.path().join("job.txt"), advert).unwrap();
    let unexplained = |args: &[&str]| {
        rules_flagged(dir.path(), args, "job.txt")
            .iter()
            .filter(|rule| *rule == "abbreviation-not-explained")
            .count()
    };
    assert_eq!(
        unexplained(&["--kind", "job-description", "--audience", "professional"]),
        0
    );
    assert!(unexplained(&["--kind", "job-description", "--audience", "public"]) >= 2);
    assert!(unexplained(&["--kind", "policy", "--audience", "professional"]) >= 2);
}

/// The JSON report of `file`, run from `dir`.
fn report(dir: &Path, args: &[&str], file: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .arg(file)
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// Office prose: a reading age far above 12.
const HARD: &str = "Following the completion of the assessment, consideration was given to the eligibility of the individual's identified needs under the applicable statutory framework.\n\nThe determination regarding eligibility will be communicated subsequently.\n";
/// Plain words: a reading age well under 9.
const EASY: &str = "We visited you at home. You told us what matters. We will help you.\n";

#[test]
fn a_target_reading_age_from_the_config_its_kind_or_front_matter_makes_one_finding() {
    let dir = tempfile::tempdir().expect("temp dir");
    for folder in ["plans", "policies"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    std::fs::write(
        dir.path().join("ordinary.toml"),
        "[kinds]\npolicy = [\"policies/**\"]\n\n[readability]\ntarget_reading_age = 12\n\n[readability.kinds.policy]\ntarget_reading_age = 30\n",
    )
    .unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("plans/hard.txt", HARD);
    write("plans/easy.txt", EASY);
    write("policies/hard.txt", HARD);
    write(
        "plans/own-target.md",
        &format!("---\ntarget_reading_age: 40\n---\n{HARD}"),
    );
    write(
        "policies/own-target.md",
        &format!("---\ntarget_reading_age: 9\n---\n{HARD}"),
    );
    let targets = |report: &serde_json::Value| -> Vec<serde_json::Value> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "reading-age-above-target")
            .cloned()
            .collect()
    };

    // The config's target: one finding, on the first sentence, saying the
    // age the summary gives.
    let hard = report(dir.path(), &[], "plans/hard.txt");
    let found = targets(&hard);
    assert_eq!(found.len(), 1, "{hard}");
    let age = hard["files"][0]["summary"]["reading_age"].as_f64().unwrap();
    assert!(age > 12.5, "{age}");
    assert_eq!(
        found[0]["message"],
        format!(
            "This document has a reading age of about {}, above its target of 12: shorter sentences and everyday words bring it down",
            age.round()
        )
    );
    assert_eq!(
        (&found[0]["line"], &found[0]["column"]),
        (&1.into(), &1.into())
    );
    assert!(
        found[0]["matched"]
            .as_str()
            .unwrap()
            .starts_with("Following the completion")
            && found[0]["matched"]
                .as_str()
                .unwrap()
                .ends_with("framework."),
        "{}",
        found[0]["matched"]
    );
    assert_eq!(found[0]["category"], "readability");
    assert!(targets(&report(dir.path(), &[], "plans/easy.txt")).is_empty());
    // A kind's own target (30) beats the config's.
    assert!(targets(&report(dir.path(), &[], "policies/hard.txt")).is_empty());
    // And the document's own beats both: higher, then lower.
    assert!(targets(&report(dir.path(), &[], "plans/own-target.md")).is_empty());
    let own = report(dir.path(), &[], "policies/own-target.md");
    let found = targets(&own);
    assert_eq!(found.len(), 1, "{own}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains(", above its target of 9: "),
        "{}",
        found[0]["message"]
    );
    assert_eq!(
        found[0]["line"], 4,
        "the first sentence, after the front matter"
    );
    // Switched off like any rule; no target, no finding.
    assert!(
        targets(&report(
            dir.path(),
            &["--disable", "reading-age-above-target"],
            "plans/hard.txt"
        ))
        .is_empty()
    );
    assert!(targets(&report(dir.path(), &["--no-config"], "plans/hard.txt")).is_empty());
}
