//! Every machine format survives hostile text: file names and document
//! text with quotes, `<`, `&`, `%`, `::`, commas, line breaks, non-ASCII
//! and emoji come back out exactly when a reader of the format parses them.

mod support;

use serde_json::Value;
use support::{check, validate_sarif, write, xml_elements};
use tempfile::TempDir;

const NAME: &str = "q \"a\" & <b> 50% a::b, café 😀.txt";
/// A file name with a line break (not possible on Windows).
#[cfg(unix)]
const BROKEN_NAME: &str = "line\nbreak 😀.txt";
/// What the tricky rule matches, line break included.
const MATCHED: &str = "odd \"plan\" <b> &\n50%:: café 😀 done";
const SUGGESTION: &str = "help \"at home\" <daily> & 100% :: café 😀, then more";
const WHY: &str = "Why: \"quotes\", <tags> & ampersands, 50% :: colons, commas, %0A as typed, naïve 😀.\nA second line.";

const RULES: &str = r#"
[[rule]]
id = "tricky-phrase"
category = "jargon"
severity = "warning"
patterns = ['odd\s+"plan"\s+<b>\s+&\s+50%::\s*café\s+😀\s+done']
suggestions = ["help \"at home\" <daily> & 100% :: café 😀, then more"]
why = "Why: \"quotes\", <tags> & ampersands, 50% :: colons, commas, %0A as typed, naïve 😀.\nA second line."
examples = ['The odd "plan" <b> & 50%:: café 😀 done here.']
counter_examples = ["A plan."]
"#;

/// A folder with the tricky rule and the tricky files.
fn folder() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "rules.toml", RULES);
    write(
        dir.path(),
        &format!("docs/{NAME}"),
        "First line.\nThe odd \"plan\" <b> &\n50%:: café 😀 done here.\n",
    );
    #[cfg(unix)]
    write(
        dir.path(),
        &format!("docs/{BROKEN_NAME}"),
        "The odd \"plan\" <b> & 50%:: café 😀 done.\n",
    );
    dir
}

fn names() -> Vec<String> {
    let mut names = vec![format!("docs/{NAME}")];
    #[cfg(unix)]
    names.push(format!("docs/{BROKEN_NAME}"));
    names.sort();
    names
}

fn run(format: &str) -> String {
    let dir = folder();
    let result = check(
        dir.path(),
        &[
            "--no-default-rules",
            "--rules",
            "rules.toml",
            "--format",
            format,
            "docs",
        ],
    );
    assert_eq!(result.code, 1, "{format}: {}", result.stderr);
    result.stdout
}

/// The message the JSON report gives the tricky finding (line breaks folded).
fn expected_message() -> String {
    let flat = MATCHED.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("Instead of \u{201C}{flat}\u{201D}, try \u{201C}{SUGGESTION}\u{201D}")
}

#[test]
fn json_and_jsonl_give_back_paths_and_text_exactly() {
    let json: Value = serde_json::from_str(&run("json")).expect("JSON");
    let lines: Vec<Value> = run("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .filter(|l: &Value| l["type"] == "finding")
        .collect();
    for findings in [json["findings"].as_array().unwrap(), &lines] {
        let paths: Vec<&str> = findings
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, names());
        let first = findings
            .iter()
            .find(|f| f["path"] == format!("docs/{NAME}"))
            .unwrap();
        assert_eq!(first["matched"], MATCHED);
        assert_eq!(first["suggestions"][0], SUGGESTION);
        assert_eq!(first["why"], WHY);
        assert_eq!(first["message"], expected_message());
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn sarif_gives_back_paths_and_text_exactly() {
    let out = run("sarif");
    let sarif: Value = serde_json::from_str(&out).expect("JSON");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<String> = results
        .iter()
        .map(|r| {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(
                uri.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)),
                "not a clean URI reference: {uri}"
            );
            percent_decode(uri)
        })
        .collect();
    assert_eq!(uris, names());
    let first = &results[uris.iter().position(|u| u.ends_with(NAME)).unwrap()];
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["snippet"]["text"], MATCHED);
    assert_eq!(
        (region["startLine"].as_u64(), region["endLine"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(
        first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        SUGGESTION
    );
    let rule = &sarif["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!(rule["fullDescription"]["text"], WHY);
    assert!(rule["help"]["text"].as_str().unwrap().starts_with(WHY));
}

#[test]
#[ignore = "needs jsonschema and ../shared/schemas"]
fn sarif_of_tricky_paths_and_text_is_valid() {
    validate_sarif(&run("sarif"));
}

#[test]
fn checkstyle_gives_back_paths_and_text_exactly() {
    let out = run("checkstyle");
    // One element per line: no raw line break inside a value.
    assert!(out.lines().all(|l| l.starts_with('<')), "{out}");
    let elements = xml_elements(&out);
    let files: Vec<&str> = elements
        .iter()
        .filter(|e| e.0 == "file")
        .map(|e| e.1[0].1.as_str())
        .collect();
    assert_eq!(files, names());
    let error = elements.iter().find(|e| e.0 == "error").unwrap();
    let message = &error.1.iter().find(|a| a.0 == "message").unwrap().1;
    assert_eq!(message, &expected_message());
}

#[test]
fn junit_gives_back_paths_and_text_exactly() {
    let out = run("junit");
    let elements = xml_elements(&out);
    let suites: Vec<&str> = elements
        .iter()
        .filter(|e| e.0 == "testsuite")
        .map(|e| e.1[0].1.as_str())
        .collect();
    assert_eq!(suites, names());
    let failure = elements.iter().find(|e| e.0 == "failure").unwrap();
    let message = &failure.1.iter().find(|a| a.0 == "message").unwrap().1;
    assert_eq!(message, &expected_message());
    assert!(
        failure.2.contains(&format!("try: {SUGGESTION}\n")),
        "{}",
        failure.2
    );
    assert!(failure.2.ends_with(&format!("why: {WHY}")), "{}", failure.2);
}

/// Undoes the runner's escaping of a workflow command value.
fn github_unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_commands_give_back_paths_and_text_exactly() {
    let out = run("github");
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    // One command per finding: line breaks never split one.
    assert_eq!(commands.len(), names().len());
    let mut files = Vec::new();
    for command in commands {
        let rest = command.strip_prefix("::warning ").expect("a warning");
        let (properties, message) = rest.split_once("::").expect("properties::message");
        let properties: Vec<(&str, String)> = properties
            .split(',')
            .map(|p| {
                let (key, value) = p.split_once('=').expect("key=value");
                (key, github_unescape(value))
            })
            .collect();
        let file = properties.iter().find(|p| p.0 == "file").unwrap().1.clone();
        let message = github_unescape(message);
        assert!(message.ends_with(&format!("\n\n{WHY}")), "{message}");
        if file.ends_with(NAME) {
            assert!(message.starts_with(&expected_message()), "{message}");
        }
        files.push(file);
    }
    assert_eq!(files, names());
}

#[test]
fn concise_keeps_one_finding_per_line() {
    let out = run("concise");
    assert_eq!(out.lines().count(), names().len(), "{out}");
    let flat = MATCHED.split_whitespace().collect::<Vec<_>>().join(" ");
    let expected = format!(
        "docs/{NAME}:2:5: warning [tricky-phrase] sector jargon \u{201C}{flat}\u{201D} (try: {SUGGESTION})"
    );
    assert!(out.lines().any(|l| l == expected), "{out}");
    #[cfg(unix)]
    assert!(out.contains("docs/line\\nbreak 😀.txt:1:5: "), "{out}");
}

#[test]
fn markdown_escapes_markup_and_keeps_table_rows_whole() {
    let out = run("markdown");
    assert!(!out.contains("<b>") && !out.contains(" & "), "{out}");
    assert!(
        out.contains("q \"a\" \\& \\<b\\> 50% a::b, café 😀.txt"),
        "{out}"
    );
    // Every table row has as many cells as its header.
    let mut columns = 0;
    for line in out.lines() {
        if !line.starts_with('|') {
            columns = 0;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        if columns == 0 {
            columns = cells;
        }
        assert_eq!(cells, columns, "{line}");
    }
}

#[test]
fn sarif_offers_fixes_only_where_the_region_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "The service users met.\n\nThe **service** users met.\n",
    );
    let result = check(dir.path(), &["--format", "sarif", "a.md"]);
    let sarif: Value = serde_json::from_str(&result.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let fixes: Vec<(u64, bool)> = results
        .iter()
        .filter(|r| r["ruleId"] == "service-user")
        .map(|r| {
            let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap();
            (line, r["fixes"].is_array())
        })
        .collect();
    // The second match runs across `**`: replacing it would drop the markup.
    assert_eq!(fixes, [(1, true), (3, false)]);
    let fix = &results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(fix["deletedRegion"]["startColumn"], 5);
    assert_eq!(fix["deletedRegion"]["endColumn"], 18);
}

#[test]
#[ignore = "needs jsonschema and ../shared/schemas"]
fn the_schema_check_rejects_invalid_sarif() {
    let bad = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"bogus"}]}]}"#;
    let failure = std::panic::catch_unwind(|| validate_sarif(bad))
        .expect_err("the validator accepted an invalid level");
    let message = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.contains("does not validate"),
        "failed for another reason: {message}"
    );
}
