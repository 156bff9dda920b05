//! End-to-end tests of the `ordinary` binary: exit codes, the JSON and human
//! reports, standard input, config discovery, suppression comments, broken
//! rules files, unreadable inputs, folder walking and the `rules` and
//! `explain` commands. Every test runs in its own temporary folder.

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

/// What one run of the binary produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `ordinary` in `dir` with `args`, feeding `stdin` when given.
fn run_with_stdin(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("ordinary");
    cmd.current_dir(dir).args(args).env_remove("NO_COLOR");
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let output = cmd.output().expect("the binary runs");
    Run {
        code: output.status.code().expect("the binary exits normally"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_with_stdin(dir, args, None)
}

/// `ordinary check --no-config --color never ARGS`.
fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend_from_slice(args);
    run(dir, &all)
}

/// `ordinary check --no-config --color never --format json ARGS`, parsed.
fn check_json(dir: &Path, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let result = check(dir, &all);
    let json = parse(&result.stdout);
    (result, json)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn temp() -> TempDir {
    TempDir::new().expect("temporary folder")
}

fn findings(json: &Value) -> &Vec<Value> {
    json["findings"].as_array().expect("`findings` is an array")
}

/// `(rule, line, column)` of every finding, in report order.
fn places(json: &Value) -> Vec<(String, u64, u64)> {
    findings(json)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule").to_string(),
                f["line"].as_u64().expect("line"),
                f["column"].as_u64().expect("column"),
            )
        })
        .collect()
}

fn place(rule: &str, line: u64, column: u64) -> (String, u64, u64) {
    (rule.to_string(), line, column)
}

fn paths(json: &Value) -> Vec<String> {
    findings(json)
        .iter()
        .map(|f| f["path"].as_str().expect("path").to_string())
        .collect()
}

/// A valid rules file holding one rule, `widget`, on known lines.
const WIDGET_RULES: &str = r#"[[rule]]
id = "widget"
category = "bureaucratic"
severity = "warning"
phrases = ["widget"]
suggestions = ["tool"]
why = "Nobody knows what a widget is."
examples = ["Use the widget."]
counter_examples = ["Use the tool."]
"#;

#[test]
fn exit_codes_follow_findings_fail_on_and_errors() {
    let dir = temp();
    write(
        dir.path(),
        "clean.txt",
        "Hello there. We will call you on Monday.\n",
    );
    write(dir.path(), "warning.txt", "We will signpost you.\n");
    write(dir.path(), "info.txt", "We value co-production.\n");

    let clean = check(dir.path(), &["clean.txt"]);
    assert_eq!(clean.code, 0, "clean text: {}", clean.stderr);

    assert_eq!(check(dir.path(), &["warning.txt"]).code, 1, "a warning");
    assert_eq!(
        check(dir.path(), &["--fail-on", "error", "warning.txt"]).code,
        0,
        "--fail-on error with only a warning"
    );

    // co-production is an info rule: it passes by default, fails with --fail-on info.
    let (info, json) = check_json(dir.path(), &["info.txt"]);
    assert_eq!(info.code, 0, "an info finding under the default fail-on");
    assert_eq!(findings(&json)[0]["rule"], "co-production");
    assert_eq!(findings(&json)[0]["severity"], "info");
    assert_eq!(
        check(dir.path(), &["--fail-on", "info", "info.txt"]).code,
        1,
        "--fail-on info with an info finding"
    );

    let missing = check(dir.path(), &["missing.txt"]);
    assert_eq!(missing.code, 2, "a missing file");
    assert!(
        missing
            .stderr
            .contains("error: missing.txt: file not found"),
        "{}",
        missing.stderr
    );
}

#[test]
fn json_report_has_the_documented_shape_and_character_columns() {
    let dir = temp();
    // Curly quotes and accented letters before the phrase: three bytes per
    // quote and two per accented letter, one character each.
    let text = "She said \u{201C}caf\u{E9}\u{201D}.\n\
                The na\u{EF}ve \u{201C}team\u{201D} will signpost you.\n\
                We value co-production.\n";
    write(dir.path(), "notes.txt", text);
    let (result, json) = check_json(dir.path(), &["notes.txt"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert_eq!(json["version"], 1);

    let first = &findings(&json)[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .expect("a finding is an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = vec![
        "path",
        "rule",
        "category",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "matched",
        "message",
        "suggestions",
        "edits",
        "why",
        "repeat",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);

    assert_eq!(first["path"], "notes.txt");
    assert_eq!(first["rule"], "signpost");
    assert_eq!(first["category"], "care-system");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["line"], 2);
    // "The naïve “team” will " is 22 characters but 27 bytes.
    assert_eq!(first["column"], 23);
    assert_eq!(first["end_line"], 2);
    assert_eq!(first["end_column"], 31, "end column is exclusive");
    let line_one = "She said \u{201C}caf\u{E9}\u{201D}.\n".len();
    assert_eq!(line_one, 22);
    assert_eq!(first["byte_start"], 49);
    assert_eq!(first["byte_end"], 57);
    assert_eq!(&text[49..57], "signpost");
    assert_eq!(first["matched"], "signpost");
    let message = first["message"].as_str().expect("message is a string");
    assert!(message.contains("signpost"), "{message}");
    let suggestions: Vec<&str> = first["suggestions"]
        .as_array()
        .expect("suggestions is an array")
        .iter()
        .map(|s| s.as_str().expect("each suggestion is a string"))
        .collect();
    assert_eq!(
        suggestions,
        [
            "point",
            "tell you about",
            "put you in touch with",
            "give you details of"
        ]
    );
    // Only "point" fits the sentence: one edit, on the word itself.
    assert_eq!(
        first["edits"],
        serde_json::json!([{"byte_start": 49, "byte_end": 57, "replacement": "point"}])
    );
    assert!(
        first["why"]
            .as_str()
            .is_some_and(|why| why.starts_with("Signposting is office talk")),
        "{}",
        first["why"]
    );

    let second = &findings(&json)[1];
    assert_eq!(second["rule"], "co-production");
    assert_eq!(second["severity"], "info");
    assert_eq!(
        (&second["line"], &second["column"]),
        (&3.into(), &10.into())
    );

    assert_eq!(json["errors"], Value::Array(vec![]));
    let summary = &json["summary"];
    assert_eq!(summary["files_checked"], 1);
    assert_eq!(summary["files_with_findings"], 1);
    assert_eq!(summary["errors"], 0);
    assert_eq!(summary["findings"], 2);
    assert_eq!(summary["by_severity"]["error"], 0);
    assert_eq!(summary["by_severity"]["warning"], 1);
    assert_eq!(summary["by_severity"]["info"], 1);
}

#[test]
fn human_report_names_rule_place_suggestions_and_summary_without_colour() {
    let dir = temp();
    write(
        dir.path(),
        "letter.txt",
        "Dear Ms Hughes,\nWe will signpost you.\n",
    );
    let result = check(dir.path(), &["letter.txt"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    let out = &result.stdout;
    assert!(out.contains("warning[signpost]"), "{out}");
    assert!(out.contains("letter.txt:2:9"), "{out}");
    assert!(out.contains("2 │ We will signpost you."), "{out}");
    assert!(
        out.contains("= try: point; tell you about; put you in touch with; give you details of"),
        "{out}"
    );
    assert!(
        out.contains("Found 1 problem (1 warning) in 1 of 1 file checked."),
        "{out}"
    );
    assert!(
        !out.contains('\x1b'),
        "ANSI escape with --color never:\n{out}"
    );

    // The check above means something only if colour is otherwise possible.
    let coloured = run(
        dir.path(),
        &["check", "--no-config", "--color", "always", "letter.txt"],
    );
    assert!(coloured.stdout.contains('\x1b'), "{}", coloured.stdout);
}

/// A report of more than one part (see `src/check.rs`): about 12 MB of
/// JSON, written while it is rendered.
#[test]
fn a_large_report_is_the_same_from_a_file_from_standard_input_and_in_every_format() {
    let dir = temp();
    let line = "The service users were offered respite care. We will signpost \
                service users to the CQC and utilise the care package.\n";
    let text = line.repeat(3_000);
    write(dir.path(), "big.txt", &text);
    write(dir.path(), "small.txt", line);
    let (from_file, json) = check_json(dir.path(), &["big.txt"]);
    assert_eq!(from_file.code, 1, "{}", from_file.stderr);
    // Seven phrases a line, and "were offered" in the passive voice; the
    // 3,000 lines with no blank line between are one long paragraph.
    assert_eq!(findings(&json).len(), 24_001);
    let from_stdin = run_with_stdin(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "big.txt",
        ],
        Some(&text),
    );
    assert_eq!(from_stdin.code, 1, "{}", from_stdin.stderr);
    assert!(
        from_stdin.stdout == from_file.stdout,
        "standard input differs"
    );
    // After another file, in other formats written in parts: the same on
    // one thread and on two, with every finding of both files there once.
    let each_finding = [
        ("jsonl", "{\"type\":\"finding\""),
        ("sarif", "{\"ruleId\":"),
        // Later uses of a rule are repeats, at notice level.
        ("github", " file="),
    ];
    for (format, marks_a_finding) in each_finding {
        let both = check(
            dir.path(),
            &["--format", format, "-j2", "small.txt", "big.txt"],
        );
        let alone = check(
            dir.path(),
            &["--format", format, "-j1", "small.txt", "big.txt"],
        );
        assert!(
            both.stdout == alone.stdout,
            "{format}: threads change the output"
        );
        let count = both.stdout.matches(marks_a_finding).count();
        // Eight a line (the passive voice too), and big.txt's one long
        // paragraph.
        assert_eq!(count, 8 * 3_001 + 1, "{format}");
    }
}

#[test]
fn stdin_markdown_skips_fenced_code_and_reports_the_stdin_filename() {
    let dir = temp();
    let input = "# Notes\n\
                 \n\
                 ```\n\
                 We will signpost you after co-production.\n\
                 ```\n\
                 \n\
                 We will signpost you after co-production.\n";
    let result = run_with_stdin(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--color",
            "never",
            "-",
            "--stdin-filename",
            "notes.md",
            "--format",
            "json",
        ],
        Some(input),
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    let json = parse(&result.stdout);
    assert_eq!(
        places(&json),
        [place("signpost", 7, 9), place("co-production", 7, 28)]
    );
    assert_eq!(paths(&json), ["notes.md", "notes.md"]);
    assert_eq!(json["summary"]["files_checked"], 1);
}

#[test]
fn config_is_discovered_in_a_parent_folder_and_each_setting_applies() {
    let root = temp();
    let sub = root.path().join("sub");
    write(&sub, "a.txt", "We will signpost you. Signposting helps.\n");
    let config = root.path().join("ordinary.toml");
    // Without --no-config, so the nearest ordinary.toml is used.
    let check_here = |extra: &[&str]| {
        let mut args = vec!["check", "--color", "never", "--format", "json"];
        args.extend_from_slice(extra);
        args.push("a.txt");
        let result = run(&sub, &args);
        let json = if result.code == 2 {
            Value::Null
        } else {
            parse(&result.stdout)
        };
        (result, json)
    };

    // The baseline, with no config: both forms are flagged as warnings.
    let (plain, json) = check_json(&sub, &["a.txt"]);
    assert_eq!(plain.code, 1);
    assert_eq!(
        places(&json),
        [place("signpost", 1, 9), place("signpost", 1, 23)]
    );

    fs::write(&config, "disable = [\"signpost\"]\n").expect("write config");
    let (result, json) = check_here(&[]);
    assert_eq!(result.code, 0, "disable: {}", result.stderr);
    assert!(findings(&json).is_empty(), "disable: {json}");

    fs::write(&config, "[severity]\nsignpost = \"info\"\n").expect("write config");
    let (result, json) = check_here(&[]);
    assert_eq!(result.code, 0, "severity: {}", result.stderr);
    assert_eq!(findings(&json).len(), 2, "severity: {json}");
    for finding in findings(&json) {
        assert_eq!(finding["severity"], "info", "severity: {json}");
    }
    assert_eq!(json["summary"]["by_severity"]["info"], 2);

    fs::write(&config, "accept = [\"signposting\"]\n").expect("write config");
    let (result, json) = check_here(&[]);
    assert_eq!(result.code, 1, "accept: {}", result.stderr);
    assert_eq!(places(&json), [place("signpost", 1, 9)], "accept");
    assert_eq!(findings(&json)[0]["matched"], "signpost");

    fs::write(&config, "disable = []\nfail_onn = \"info\"\n").expect("write config");
    let (result, _) = check_here(&[]);
    assert_eq!(result.code, 2, "unknown key");
    assert!(result.stderr.contains("`fail_onn`"), "{}", result.stderr);
    assert!(
        result.stderr.contains("ordinary.toml:2:1"),
        "{}",
        result.stderr
    );

    // --config wins over discovery: the broken ordinary.toml is not read.
    write(&sub, "other.toml", "disable = [\"signpost\"]\n");
    let (result, json) = check_here(&["--config", "other.toml"]);
    assert_eq!(result.code, 0, "--config: {}", result.stderr);
    assert!(findings(&json).is_empty(), "--config: {json}");
}

#[test]
fn suppression_comments_work_in_markdown_and_plain_text() {
    let dir = temp();
    write(
        dir.path(),
        "notes.md",
        "<!-- ordinary-disable-next-line signpost -->\n\
         We will signpost you and she refused.\n\
         \n\
         We will signpost you again.\n\
         \n\
         <!-- ordinary-disable -->\n\
         We will signpost you, and he refused.\n\
         <!-- ordinary-enable -->\n\
         \n\
         Signposting after the region.\n\
         \n\
         <!-- ordinary-disable-next-line -->\n\
         We will signpost you and she refused.\n\
         We will signpost you and she refused.\n",
    );
    let (result, json) = check_json(dir.path(), &["notes.md"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert_eq!(
        places(&json),
        [
            // Only `signpost` is switched off on line 2, not `refused`.
            place("refused", 2, 30),
            // Only the next line: line 4 is flagged again.
            place("signpost", 4, 9),
            // Lines 6–8 are a region with everything off.
            place("signpost", 10, 1),
            // A directive without ids switches off every rule on line 13.
            place("signpost", 14, 9),
            place("refused", 14, 30),
        ]
    );

    write(
        dir.path(),
        "notes.txt",
        "# ordinary-disable-next-line signpost\n\
         We will signpost you and she refused.\n\
         We will signpost you again.\n\
         # ordinary-disable\n\
         We will signpost you, and he refused.\n\
         # ordinary-enable\n\
         Signposting after the region.\n\
         <!-- ordinary-disable-next-line -->\n\
         We will signpost you and she refused.\n\
         We will signpost you and she refused.\n",
    );
    let (result, json) = check_json(dir.path(), &["notes.txt"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert_eq!(
        places(&json),
        [
            place("refused", 2, 30),
            place("signpost", 3, 9),
            place("signpost", 7, 1),
            place("signpost", 10, 9),
            place("refused", 10, 30),
        ]
    );
}

#[test]
fn broken_rules_files_are_errors_that_point_at_file_line_and_column() {
    struct Case {
        name: &'static str,
        bad: String,
        /// Also load the good widget rules, before bad.toml.
        with_good: bool,
        /// Text stderr must contain (the problem).
        message: &'static str,
        /// The `┌─ file:line:column` location codespan prints.
        location: &'static str,
        /// The quoted source line, with its number.
        quoted: &'static str,
    }
    let cases = [
        Case {
            name: "TOML syntax error",
            bad: WIDGET_RULES.replace(
                "why = \"Nobody knows what a widget is.\"",
                "why = \"unterminated",
            ),
            with_good: false,
            message: "invalid basic string",
            location: "┌─ bad.toml:7:20",
            quoted: "7 │ why = \"unterminated",
        },
        Case {
            name: "misspelt key",
            bad: WIDGET_RULES.replace("suggestions =", "sugestions ="),
            with_good: false,
            message: "`sugestions`",
            location: "┌─ bad.toml:6:1",
            quoted: "6 │ sugestions = [\"tool\"]",
        },
        Case {
            name: "duplicate id across two files",
            bad: WIDGET_RULES.replace("[\"widget\"]", "[\"gadget\"]"),
            with_good: true,
            message: "two rules have the id `widget`",
            location: "┌─ bad.toml:2:6",
            quoted: "2 │ id = \"widget\"",
        },
        Case {
            name: "empty phrases",
            bad: WIDGET_RULES.replace("[\"widget\"]", "[]"),
            with_good: false,
            message: "rule `widget` matches nothing",
            location: "┌─ bad.toml:5:11",
            quoted: "5 │ phrases = []",
        },
        Case {
            name: "phrase claimed by two rules",
            bad: format!(
                "{WIDGET_RULES}\n{}",
                WIDGET_RULES.replace("id = \"widget\"", "id = \"widget-two\"")
            ),
            with_good: false,
            message: "\"widget\" is claimed by two rules, `widget` and `widget-two`",
            location: "┌─ bad.toml:15:12",
            quoted: "15 │ phrases = [\"widget\"]",
        },
        Case {
            name: "unknown category",
            bad: WIDGET_RULES.replace("\"bureaucratic\"", "\"nonsense\""),
            with_good: false,
            message: "unknown value `nonsense` (the values are `care-system`",
            location: "┌─ bad.toml:3:12",
            quoted: "3 │ category = \"nonsense\"",
        },
    ];
    for case in cases {
        let dir = temp();
        write(dir.path(), "good.toml", WIDGET_RULES);
        write(dir.path(), "bad.toml", &case.bad);
        write(dir.path(), "t.txt", "The widget is here.\n");
        let mut args = vec![];
        if case.with_good {
            args.extend(["--rules", "good.toml"]);
        }
        args.extend(["--rules", "bad.toml", "t.txt"]);
        let result = check(dir.path(), &args);
        let name = case.name;
        let stderr = &result.stderr;
        assert_eq!(result.code, 2, "{name}: {stderr}");
        assert!(
            result.stdout.is_empty(),
            "{name}: nothing is checked: {}",
            result.stdout
        );
        assert!(stderr.contains(case.message), "{name}: {stderr}");
        assert!(stderr.contains(case.location), "{name}: {stderr}");
        assert!(stderr.contains(case.quoted), "{name}: {stderr}");
        assert!(
            stderr.contains("error: the rules could not be loaded (1 problem)"),
            "{name}: {stderr}"
        );
        if case.with_good {
            // The first definition is shown too.
            assert!(stderr.contains("┌─ good.toml:2:6"), "{name}: {stderr}");
            assert!(stderr.contains("first defined here"), "{name}: {stderr}");
        }
    }
}

#[test]
fn a_missing_file_does_not_stop_the_others_being_checked() {
    let dir = temp();
    write(dir.path(), "good.txt", "We will signpost you.\n");

    let (result, json) = check_json(dir.path(), &["good.txt", "missing.txt"]);
    assert_eq!(result.code, 2, "an error outranks findings");
    assert_eq!(places(&json), [place("signpost", 1, 9)]);
    assert_eq!(paths(&json), ["good.txt"]);
    let errors = json["errors"].as_array().expect("errors is an array");
    assert_eq!(errors.len(), 1, "{json}");
    assert_eq!(errors[0]["path"], "missing.txt");
    assert!(
        errors[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("not found")),
        "{json}"
    );
    assert_eq!(json["summary"]["files_checked"], 1);
    assert_eq!(json["summary"]["errors"], 1);

    let human = check(dir.path(), &["good.txt", "missing.txt"]);
    assert_eq!(human.code, 2);
    assert!(human.stdout.contains("good.txt:1:9"), "{}", human.stdout);
    assert!(
        human.stdout.contains("1 file could not be checked"),
        "{}",
        human.stdout
    );
    assert!(
        human.stderr.contains("missing.txt: file not found"),
        "{}",
        human.stderr
    );
}

#[test]
fn invalid_utf8_and_binary_files_are_errors_but_other_files_are_checked() {
    let dir = temp();
    write(dir.path(), "good.txt", "We will signpost you.\n");
    fs::write(dir.path().join("latin1.txt"), b"line one\nline \xA3 two\n").expect("write");
    fs::write(
        dir.path().join("broken.txt"),
        "caf\u{e9}\n"
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"\xFF\n")
            .collect::<Vec<u8>>(),
    )
    .expect("write");
    fs::write(dir.path().join("binary.txt"), b"PK\x03\x04\x00\x00signpost").expect("write");
    let utf16: Vec<u8> = "We will signpost you.\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    fs::write(dir.path().join("utf16.txt"), utf16).expect("write");
    let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0]
        .into_iter()
        .chain("signpost".chars().flat_map(|c| (c as u32).to_le_bytes()))
        .collect();
    fs::write(dir.path().join("utf32.txt"), utf32).expect("write");

    // Each named for what it is, never decoded as something else.
    let cases = [
        (
            "latin1.txt",
            "is not UTF-8: it looks like Windows-1252 or Latin-1, an older 8-bit encoding (first at line 2",
        ),
        ("broken.txt", "is not valid UTF-8 text (bad byte at line 2"),
        ("binary.txt", "looks like a binary file"),
        (
            "utf16.txt",
            "is in UTF-16 without a byte order mark, which ordinary does not read",
        ),
        ("utf32.txt", "is in UTF-32, which ordinary does not read"),
    ];
    for (bad, expected) in cases {
        let human = check(dir.path(), &[bad, "good.txt"]);
        assert_eq!(human.code, 2, "{bad}: {}", human.stderr);
        assert!(
            human.stderr.contains(&format!("error: {bad}: {expected}")),
            "{bad}: {}",
            human.stderr
        );
        assert!(human.stdout.contains("good.txt:1:9"), "{}", human.stdout);

        let (result, json) = check_json(dir.path(), &[bad, "good.txt"]);
        assert_eq!(result.code, 2);
        assert_eq!(places(&json), [place("signpost", 1, 9)], "{bad}");
        assert_eq!(paths(&json), ["good.txt"], "{bad}");
        assert_eq!(json["errors"][0]["path"], bad);
        assert!(
            json["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains(expected)),
            "{json}"
        );
        assert_eq!(json["summary"]["files_checked"], 1);
        assert_eq!(json["summary"]["errors"], 1);
    }
    let (_, json) = check_json(dir.path(), &["latin1.txt"]);
    assert!(
        json["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("UTF-8") && m.contains("line 2")),
        "{json}"
    );
}

#[test]
fn folders_are_walked_sorted_honouring_ignore_files_and_hidden_files() {
    let dir = temp();
    let phrase = "We will signpost you.\n";
    // Written out of order, so sorting is the report's doing.
    for name in [
        "sub/z.md",
        "c.pdf",
        "b.txt",
        ".hidden.md",
        "ignored.md",
        "dot-ignored.md",
        "a.md",
    ] {
        write(dir.path(), name, phrase);
    }
    write(dir.path(), ".gitignore", "ignored.md\n");
    write(dir.path(), ".ignore", "dot-ignored.md\n");

    // `.gitignore` counts only inside a git repository (as in ripgrep);
    // `.ignore` always does.
    let in_a_repository = dir.path().ancestors().any(|a| a.join(".git").exists());
    if !in_a_repository {
        let (_, json) = check_json(dir.path(), &[]);
        assert_eq!(paths(&json), ["a.md", "b.txt", "ignored.md", "sub/z.md"]);
    }

    fs::create_dir(dir.path().join(".git")).expect("create .git");
    let (result, json) = check_json(dir.path(), &[]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert_eq!(paths(&json), ["a.md", "b.txt", "sub/z.md"]);
    assert_eq!(json["summary"]["files_checked"], 3);

    // Naming the folder gives the same files, shown under its name.
    let parent = dir.path().parent().expect("a parent folder");
    let name = dir
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a UTF-8 name");
    let (_, json) = check_json(parent, &[name]);
    let expected: Vec<String> = ["a.md", "b.txt", "sub/z.md"]
        .iter()
        .map(|f| format!("{name}/{f}"))
        .collect();
    assert_eq!(paths(&json), expected);

    // Many files: the output must not depend on the number of threads.
    for i in 0..40 {
        let text = "Hello.\n".repeat(i % 5) + "She refused to be signposted.\n";
        write(dir.path(), &format!("many/f{i:02}.md"), &text);
    }
    let one = check(dir.path(), &["--format", "json", "-j", "1"]);
    let four = check(dir.path(), &["--format", "json", "-j", "4"]);
    assert_eq!(one.code, 1);
    assert_eq!(parse(&one.stdout)["summary"]["files_checked"], 43);
    assert!(one.stdout == four.stdout, "-j 1 and -j 4 differ");
    let human_one = check(dir.path(), &["-j", "1"]);
    let human_four = check(dir.path(), &["-j", "4"]);
    assert!(
        human_one.stdout == human_four.stdout,
        "human output differs"
    );
}

#[test]
fn disable_switches_off_listed_rules_and_rejects_unknown_ids() {
    let dir = temp();
    write(dir.path(), "t.txt", "We will signpost you.\nShe refused.\n");

    let (_, json) = check_json(dir.path(), &["t.txt"]);
    assert_eq!(
        places(&json),
        [place("signpost", 1, 9), place("refused", 2, 5)]
    );

    let (result, json) = check_json(dir.path(), &["--disable", "signpost", "t.txt"]);
    assert_eq!(result.code, 1);
    assert_eq!(places(&json), [place("refused", 2, 5)]);

    let (result, json) = check_json(dir.path(), &["--disable", "signpost,refused", "t.txt"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(findings(&json).is_empty(), "{json}");

    let unknown = check(dir.path(), &["--disable", "no-such-rule", "t.txt"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown rule id `no-such-rule`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn rules_can_be_listed_by_area() {
    let dir = temp();
    let money = run(
        dir.path(),
        &[
            "rules",
            "--no-config",
            "--area",
            "money",
            "--format",
            "json",
        ],
    );
    assert_eq!(money.code, 0, "{}", money.stderr);
    let json = parse(&money.stdout);
    let rules = json["rules"].as_array().expect("rules");
    assert!(!rules.is_empty());
    assert!(
        rules.iter().all(|r| r["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("rules/money.toml:"))),
        "only the money file's rules"
    );
    let unknown = run(dir.path(), &["rules", "--no-config", "--area", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("the areas are") && unknown.stderr.contains("money"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn rules_and_explain_commands_list_and_describe_rules() {
    let dir = temp();

    let json_run = run(dir.path(), &["rules", "--no-config", "--format", "json"]);
    assert_eq!(json_run.code, 0, "{}", json_run.stderr);
    let json = parse(&json_run.stdout);
    assert_eq!(json["version"], 1);
    let rules = json["rules"].as_array().expect("rules is an array");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), rules.len(), "every rule has an id");
    for id in ["signpost", "refused", "co-production", "prior-to", "cqc"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let count_in = |category: &str| {
        rules
            .iter()
            .filter(|r| r["category"].as_str() == Some(category))
            .count()
    };

    // The human list: each category with its count, which matches the JSON.
    let human = run(dir.path(), &["rules", "--no-config"]);
    assert_eq!(human.code, 0);
    let categories = json["categories"].as_array().expect("categories");
    assert_eq!(categories.len(), 10);
    for entry in categories {
        let name = entry["category"].as_str().expect("category name");
        let count = entry["rules"].as_u64().expect("count") as usize;
        assert_eq!(count, count_in(name), "{name}");
        assert!(count > 0, "{name} has rules");
        let heading = format!("\n{name} ({count} rules)\n");
        assert!(
            human.stdout.starts_with(&heading[1..]) || human.stdout.contains(&heading),
            "{heading:?} missing:\n{}",
            human.stdout
        );
    }
    assert!(
        human
            .stdout
            .contains(&format!("{} rules. `ordinary explain ID`", rules.len())),
        "{}",
        human.stdout
    );

    let legalese = run(
        dir.path(),
        &["rules", "--no-config", "--category", "legalese"],
    );
    assert_eq!(legalese.code, 0);
    assert!(
        legalese
            .stdout
            .starts_with(&format!("legalese ({} rules)\n", count_in("legalese"))),
        "{}",
        legalese.stdout
    );
    assert!(legalese.stdout.contains("prior-to"), "{}", legalese.stdout);
    assert!(!legalese.stdout.contains("signpost"), "{}", legalese.stdout);
    assert!(
        !legalese.stdout.contains("care-system"),
        "{}",
        legalese.stdout
    );
    let legalese_json = parse(
        &run(
            dir.path(),
            &[
                "rules",
                "--no-config",
                "--category",
                "legalese",
                "--format",
                "json",
            ],
        )
        .stdout,
    );
    let only: Vec<&Value> = legalese_json["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .collect();
    assert_eq!(only.len(), count_in("legalese"));
    assert!(only.iter().all(|r| r["category"] == "legalese"));

    let nope = run(dir.path(), &["rules", "--no-config", "--category", "nope"]);
    assert_eq!(nope.code, 2);
    assert!(
        nope.stderr.contains("unknown category `nope`"),
        "{}",
        nope.stderr
    );

    let explain = run(dir.path(), &["explain", "--no-config", "signpost"]);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    let out = &explain.stdout;
    assert!(
        out.starts_with("signpost (care-system word, warning)"),
        "{out}"
    );
    assert!(out.contains("Why: Signposting is office talk"), "{out}");
    assert!(
        out.contains("Write instead:\n  - point (a verb: points, pointed, pointing)\n  - tell you about (advice: never applied)\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\u{2717} We will signpost Mrs Khan to the carers' centre.\n    \u{2192} We will point Mrs Khan to the carers' centre.\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("\u{2713} Follow the sign to the post room."),
        "{out}"
    );

    let unknown = run(dir.path(), &["explain", "--no-config", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no rule has the id `nope`"),
        "{}",
        unknown.stderr
    );
    assert!(unknown.stdout.is_empty());

    let phrases = run(dir.path(), &["rules", "--no-config", "--phrases"]);
    assert_eq!(phrases.code, 0);
    let lines: Vec<&str> = phrases.stdout.lines().collect();
    for form in ["signpost", "signposted", "signposting", "signposts"] {
        assert!(lines.contains(&form), "{form} missing");
    }
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted, "phrases are sorted");
}

#[test]
fn no_default_rules_with_a_rules_file_uses_only_that_file() {
    let dir = temp();
    write(dir.path(), "my.toml", WIDGET_RULES);
    write(
        dir.path(),
        "t.txt",
        "We will signpost you.\nThe widget is broken.\n",
    );

    let (result, json) = check_json(
        dir.path(),
        &["--no-default-rules", "--rules", "my.toml", "t.txt"],
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert_eq!(places(&json), [place("widget", 2, 5)]);
    let finding = &findings(&json)[0];
    assert_eq!(finding["category"], "bureaucratic");
    assert_eq!(finding["suggestions"], serde_json::json!(["tool"]));
    assert_eq!(finding["why"], "Nobody knows what a widget is.");

    // With the defaults as well, both are found.
    let (_, json) = check_json(dir.path(), &["--rules", "my.toml", "t.txt"]);
    assert_eq!(
        places(&json),
        [place("signpost", 1, 9), place("widget", 2, 5)]
    );

    let listed = run(
        dir.path(),
        &[
            "rules",
            "--no-config",
            "--no-default-rules",
            "--rules",
            "my.toml",
            "--format",
            "json",
        ],
    );
    let ids: Vec<Value> = parse(&listed.stdout)["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(ids, [Value::from("widget")]);
}

#[test]
fn markdown_urls_inline_code_comments_and_front_matter_are_not_checked() {
    let dir = temp();
    let text = "---\n\
                title: co-production and signposting\n\
                ---\n\
                \n\
                Read [the guide](https://example.org/co-production/signpost) today.\n\
                \n\
                Use `co-production` and `signpost` in code only.\n\
                \n\
                <!-- we will signpost everyone after co-production -->\n\
                \n\
                All plain here.\n";
    write(dir.path(), "guide.md", text);
    let (result, json) = check_json(dir.path(), &["--fail-on", "info", "guide.md"]);
    assert_eq!(result.code, 0, "{}", result.stdout);
    assert!(findings(&json).is_empty(), "{json}");
    assert_eq!(json["summary"]["files_checked"], 1);
    assert_eq!(json["errors"], Value::Array(vec![]));

    // The same words as plain text are found: it is the Markdown reading
    // that hides them.
    write(dir.path(), "guide.txt", text);
    let (result, json) = check_json(dir.path(), &["guide.txt"]);
    assert_eq!(result.code, 1);
    let rules: Vec<String> = places(&json).into_iter().map(|p| p.0).collect();
    assert!(rules.contains(&"co-production".to_string()), "{rules:?}");
    assert!(rules.contains(&"signpost".to_string()), "{rules:?}");
}

#[test]
fn rules_list_uses_the_singular_for_one_rule() {
    let dir = temp();
    write(dir.path(), "my.toml", WIDGET_RULES);
    let listed = run(
        dir.path(),
        &[
            "rules",
            "--no-config",
            "--no-default-rules",
            "--rules",
            "my.toml",
        ],
    );
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed.stdout.starts_with("bureaucratic (1 rule)\n"),
        "{}",
        listed.stdout
    );
    assert!(
        listed.stdout.contains("\n1 rule. `ordinary explain ID`"),
        "{}",
        listed.stdout
    );
}

/// A file whose lines end in a lone `\r` (as old Mac files do) has as many
/// lines to `check` as to the language server: one line index serves both.
#[test]
fn a_lone_carriage_return_ends_a_line_as_in_the_editor() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("mac.txt"),
        "First line.\rWe met prior to lunch.\r\nThird utilise.\n",
    )
    .unwrap();
    let run = check(dir.path(), &["--format", "concise", "mac.txt"]);
    assert!(run.stdout.contains("mac.txt:2:8: "), "{}", run.stdout);
    assert!(run.stdout.contains("mac.txt:3:7: "), "{}", run.stdout);
    let text = "First line.\rWe met prior to lunch.\r\nThird utilise.\n";
    let lines = ordinary::lsp::position::Lines::new(text);
    let at = text.find("prior").unwrap();
    let position = lines.position(text, at, ordinary::lsp::position::Encoding::Utf16);
    assert_eq!(
        (position.line, position.character),
        (1, 7),
        "0-based in the editor"
    );
}

/// `--jobs` is capped: a huge number is no reason to allocate per job up front.
#[test]
fn a_huge_jobs_count_is_capped() {
    let dir = TempDir::new().unwrap();
    for i in 0..3 {
        fs::write(dir.path().join(format!("{i}.txt")), "prior to\n").unwrap();
    }
    let run = check(
        dir.path(),
        &["--format", "concise", "-j", "1000000000", "."],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().filter(|l| l.contains("prior")).count(),
        3
    );
}

const GOOD_RULE: &str = r#"[[rule]]
id = "okay"
category = "jargon"
severity = "warning"
phrases = ["okay"]
why = "A test rule."
suggestions = ["fine"]
examples = ["It is okay."]
counter_examples = ["It is fine."]
"#;

/// The same rules file named twice (directly, by another spelling of its
/// path, and inside a folder) is loaded once, not reported as duplicates.
#[test]
fn a_rules_file_named_twice_is_loaded_once() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("rules")).unwrap();
    fs::write(dir.path().join("rules/good.toml"), GOOD_RULE).unwrap();
    fs::write(dir.path().join("a.txt"), "It is okay.\n").unwrap();
    let run = check(
        dir.path(),
        &[
            "--no-default-rules",
            "--rules",
            "rules/good.toml",
            "--rules",
            "./rules/good.toml",
            "--rules",
            "rules",
            "--format",
            "concise",
            "a.txt",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.matches("[okay]").count(), 1, "{}", run.stdout);
}

/// A rules file full of mistakes shows the first fifty and counts the rest;
/// a phrase of punctuation only is one of them.
#[test]
fn a_flood_of_rules_problems_is_cut_short_and_punctuation_is_no_phrase() {
    let dir = TempDir::new().unwrap();
    let flood: String = (0..120)
        .map(|i| {
            GOOD_RULE
                .replace("id = \"okay\"", &format!("id = \"r{i}\""))
                .replace("phrases = [\"okay\"]", "phrases = [\"--\"]")
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(dir.path().join("flood.toml"), flood).unwrap();
    fs::write(dir.path().join("a.txt"), "It is okay.\n").unwrap();
    let run = check(
        dir.path(),
        &["--no-default-rules", "--rules", "flood.toml", "a.txt"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("rule `r0` has a phrase with no letters or digits (\"--\")"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("has a phrase with no letters").count(),
        25,
        "only the first fifty problems in full: two for each rule"
    );
    // Each rule also "matches nothing", so 240 problems in all.
    assert!(
        run.stderr.contains("… and 190 more problems not shown"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(240 problems)"), "{}", run.stderr);
}

/// Every command agrees on an empty folder: nothing to do, said on standard
/// error or in the summary, exit 0. `review` takes one Word document and
/// says so.
#[test]
fn an_empty_folder_means_the_same_to_every_command() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    let checked = check(dir.path(), &["empty"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(checked.stdout.contains("No files were checked."));
    let fixed = run(dir.path(), &["fix", "--no-config", "empty"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(fixed.stderr.contains("nothing to fix"), "{}", fixed.stderr);
    let text = run(dir.path(), &["text", "empty"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stderr.contains("no documents"), "{}", text.stderr);
    let review = run(dir.path(), &["review", "--no-config", "empty"]);
    assert_eq!(review.code, 2);
    assert!(
        review
            .stderr
            .contains("is a folder; `ordinary review` takes one Word document")
    );
}

#[test]
fn rules_check_counts_one_rule_as_one() {
    let dir = temp();
    let one = r#"
[[rule]]
id = "going-forward"
category = "bureaucratic"
severity = "warning"
phrases = ["going forward"]
suggestions = [{ advice = "from now on" }]
why = "Office talk."
examples = ["Going forward, we will call first."]
counter_examples = ["From now on, we will call first."]
"#;
    write(dir.path(), "one.toml", one);
    let run_one = run(
        dir.path(),
        &[
            "rules",
            "--check",
            "--no-default-rules",
            "--rules",
            "one.toml",
        ],
    );
    assert_eq!(run_one.code, 0, "{}", run_one.stderr);
    assert!(
        run_one
            .stdout
            .contains("The rule passes its examples, counter-examples and suggestion checks."),
        "{}",
        run_one.stdout
    );
    let second = one
        .replace("going-forward", "moving-forward")
        .replace("going forward", "moving forward")
        .replace("Going forward", "Moving forward");
    let two = format!("{one}{second}");
    write(dir.path(), "two.toml", &two);
    let run_two = run(
        dir.path(),
        &[
            "rules",
            "--check",
            "--no-default-rules",
            "--rules",
            "two.toml",
        ],
    );
    assert_eq!(run_two.code, 0, "{}", run_two.stderr);
    assert!(
        run_two.stdout.contains("All 2 rules pass"),
        "{}",
        run_two.stdout
    );
}
