//! The CI output formats on the corpus: snapshots (a text, a Markdown and a
//! Word document, plus a missing file, for the formats that list findings;
//! the whole corpus for the summaries), each checked for what its readers
//! need (valid XML, valid SARIF, one JSON object per line), and identical
//! byte for byte with one thread and with many.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{ordinary, validate_sarif, xml_elements};

const DOCUMENTS: [&str; 4] = [
    "corpus/assessments/support-plan-ms-hughes.txt",
    "corpus/assessments/care-act-assessment-mr-okafor.md",
    "corpus/recruitment/advert-shared-lives-carer.docx",
    "corpus/missing.md",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `ordinary check --config ordinary.toml --format FORMAT ARGS` in the crate.
fn report(format: &str, extra: &[&str], paths: &[&str]) -> support::Run {
    let mut args = vec![
        "check",
        "--config",
        "ordinary.toml",
        "--color",
        "never",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    ordinary(root(), &args)
}

/// The report on the three documents and the missing file: findings exit
/// 1, the missing file makes it 2.
fn documents(format: &str) -> String {
    let run = report(format, &[], &DOCUMENTS);
    assert_eq!(run.code, 2, "{format}: {}", run.stderr);
    run.stdout
}

#[test]
fn concise_snapshot() {
    let out = documents("concise");
    for line in out.lines() {
        let (place, rest) = line.split_once(": ").expect("path:line:col: …");
        let mut parts = place.rsplitn(3, ':');
        let (col, line_no) = (parts.next().unwrap(), parts.next().unwrap());
        assert!(
            col.parse::<usize>().is_ok() && line_no.parse::<usize>().is_ok(),
            "{line}"
        );
        assert!(
            ["error ", "warning ", "info "]
                .iter()
                .any(|s| rest.starts_with(s)),
            "{line}"
        );
    }
    insta::assert_snapshot!(out);
}

#[test]
fn github_snapshot() {
    let out = documents("github");
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert!(
        commands
            .iter()
            .any(|l| l.starts_with("::error file=corpus/missing.md,"))
    );
    assert!(commands.iter().any(|l| {
        l.starts_with("::warning file=corpus/assessments/support-plan-ms-hughes.txt,line=")
    }));
    // Word documents: the file, no lines (they are in the extracted text).
    let word: Vec<&&str> = commands.iter().filter(|l| l.contains(".docx")).collect();
    assert!(!word.is_empty());
    assert!(word.iter().all(|l| !l.contains(",line=")), "{word:?}");
    assert!(
        word.iter().any(|l| l.contains("::paragraph 8: ")),
        "{word:?}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn jsonl_snapshot() {
    let out = documents("jsonl");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(types.last(), Some(&"summary"));
    assert_eq!(types.iter().filter(|t| **t == "error").count(), 1);
    let json = report("json", &[], &DOCUMENTS);
    let whole: Value = serde_json::from_str(&json.stdout).unwrap();
    // The same findings as the JSON report, in the same order.
    let findings: Vec<Value> = lines
        .iter()
        .filter(|l| l["type"] == "finding")
        .map(|l| {
            let mut l = l.clone();
            l.as_object_mut().unwrap().remove("type");
            l
        })
        .collect();
    assert_eq!(&Value::Array(findings), &whole["findings"]);
    insta::assert_snapshot!(out);
}

#[test]
fn checkstyle_snapshot() {
    let out = documents("checkstyle");
    let elements = xml_elements(&out);
    assert_eq!(elements[0].0, "checkstyle");
    let files: Vec<&str> = elements
        .iter()
        .filter(|e| e.0 == "file")
        .map(|e| e.1[0].1.as_str())
        .collect();
    let mut sorted = DOCUMENTS.to_vec();
    sorted.sort();
    assert_eq!(files, sorted);
    let errors = elements.iter().filter(|e| e.0 == "error").count();
    let json: Value = serde_json::from_str(&report("json", &[], &DOCUMENTS).stdout).unwrap();
    assert_eq!(
        errors,
        json["summary"]["findings"].as_u64().unwrap() as usize + 1
    );
    insta::assert_snapshot!(out);
}

#[test]
fn junit_snapshot() {
    let out = documents("junit");
    let elements = xml_elements(&out);
    assert_eq!(elements[0].0, "testsuites");
    let suites: Vec<_> = elements.iter().filter(|e| e.0 == "testsuite").collect();
    assert_eq!(suites.len(), DOCUMENTS.len());
    let count = |name: &str| elements.iter().filter(|e| e.0 == name).count() as u64;
    let json: Value = serde_json::from_str(&report("json", &[], &DOCUMENTS).stdout).unwrap();
    let by = &json["summary"]["by_severity"];
    let (errors, warnings, info) = (
        by["error"].as_u64().unwrap(),
        by["warning"].as_u64().unwrap(),
        by["info"].as_u64().unwrap(),
    );
    assert!(errors > 0 && info > 0);
    // Failures are what fails the run (--fail-on warning); info passes.
    assert_eq!(count("failure"), errors + warnings);
    assert_eq!(count("system-out"), info);
    assert_eq!(count("error"), 1);
    let strict = report("junit", &["--fail-on", "info"], &DOCUMENTS).stdout;
    let failures = xml_elements(&strict)
        .iter()
        .filter(|e| e.0 == "failure")
        .count() as u64;
    assert_eq!(failures, errors + warnings + info);
    let lenient = report("junit", &["--fail-on", "error"], &DOCUMENTS).stdout;
    let failures = xml_elements(&lenient)
        .iter()
        .filter(|e| e.0 == "failure")
        .count() as u64;
    assert_eq!(failures, errors);
    insta::assert_snapshot!(out);
}

#[test]
fn sarif_snapshot() {
    let out = documents("sarif");
    let sarif: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let run = &sarif["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let results = run["results"].as_array().unwrap();
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Every rule that fired is described once, sorted; no others.
    let mut fired: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    fired.sort();
    fired.dedup();
    assert_eq!(rules, fired);
    // Word findings have no region and no fixes; text findings have both.
    for result in results {
        let location = &result["locations"][0]["physicalLocation"];
        let word = location["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with(".docx");
        assert_eq!(location["region"].is_null(), word, "{result}");
        if word {
            assert!(result["fixes"].is_null());
            assert!(result["locations"][0]["logicalLocations"][0]["name"].is_string());
        }
    }
    assert!(results.iter().any(|r| r["fixes"].is_array()));
    insta::assert_snapshot!(out);
}

#[test]
#[ignore = "needs jsonschema and ../shared/schemas"]
fn sarif_of_the_corpus_is_valid_sarif() {
    validate_sarif(&documents("sarif"));
}

#[test]
fn markdown_snapshot_of_the_whole_corpus() {
    let run = report("markdown", &[], &["corpus"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("### Most common phrases"));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn statistics_snapshots_of_the_whole_corpus_agree_with_the_json_report() {
    let table = report("human", &["--statistics"], &["corpus"]);
    assert_eq!(table.code, 1);
    insta::assert_snapshot!("statistics_table", table.stdout);
    let stats = report("json", &["--statistics"], &["corpus"]);
    let stats: Value = serde_json::from_str(&stats.stdout).expect("JSON");
    let json: Value = serde_json::from_str(&report("json", &[], &["corpus"]).stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    for rule in stats["rules"].as_array().unwrap() {
        let id = rule["rule"].as_str().unwrap();
        let count = findings.iter().filter(|f| f["rule"] == id).count();
        assert_eq!(rule["count"].as_u64().unwrap() as usize, count, "{id}");
    }
    let total: u64 = stats["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, findings.len());
    // How each file reads, as the JSON report says, and all of them
    // together: counts that add up, shares and an age worked out afresh.
    assert_eq!(stats["files"], json["files"]);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 24);
    let sum = |key: &str| -> u64 {
        files
            .iter()
            .map(|f| f["summary"][key].as_u64().unwrap())
            .sum()
    };
    let reading = &stats["reading"];
    for key in ["words", "sentences", "long_sentences", "passive_sentences"] {
        assert_eq!(reading[key].as_u64().unwrap(), sum(key), "{key}");
    }
    let ages: Vec<f64> = files
        .iter()
        .map(|f| f["summary"]["reading_age"].as_f64().unwrap())
        .collect();
    let age = reading["reading_age"].as_f64().unwrap();
    assert!(
        ages.iter().any(|a| *a <= age) && ages.iter().any(|a| *a >= age),
        "{age} is not among the files' ages {ages:?}"
    );
    let table_total = format!(
        "reading: {} words in {} sentences, ",
        sum("words"),
        sum("sentences")
    );
    assert!(table.stdout.contains(&table_total), "{}", table.stdout);
    insta::assert_snapshot!(
        "statistics_json",
        serde_json::to_string_pretty(&stats).unwrap()
    );
}

#[test]
fn every_format_is_identical_with_one_thread_and_with_many() {
    for format in [
        "human",
        "json",
        "jsonl",
        "sarif",
        "github",
        "checkstyle",
        "junit",
        "concise",
        "markdown",
    ] {
        let one = report(format, &["-j1"], &["corpus", "corpus/missing.md"]);
        let many = report(format, &["-j8"], &["corpus", "corpus/missing.md"]);
        assert_eq!(one.code, many.code, "{format}");
        assert!(
            one.stdout == many.stdout,
            "{format} differs between -j1 and -j8"
        );
        let again = report(format, &["-j8"], &["corpus", "corpus/missing.md"]);
        assert!(again.stdout == many.stdout, "{format} differs between runs");
    }
    let one = report("json", &["-j1", "--statistics"], &["corpus"]);
    let many = report("json", &["-j8", "--statistics"], &["corpus"]);
    assert_eq!(one.stdout, many.stdout);
}
