//! `ordinary fix`: safe single replacements in text and Markdown files, in
//! place or as a diff, and what it must never touch.

use std::fs;
use std::path::Path;

use tempfile::TempDir;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = assert_cmd::cargo::cargo_bin_cmd!("ordinary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("exits normally"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8"),
    }
}

/// `ordinary fix --no-config ARGS` in a folder holding `name` with `text`;
/// returns the run and the file's text afterwards.
fn fix(name: &str, text: &str, args: &[&str]) -> (Run, String) {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join(name), text).expect("write");
    let mut all = vec!["fix", "--no-config"];
    all.extend_from_slice(args);
    all.push(name);
    let result = run(dir.path(), &all);
    let after = fs::read_to_string(dir.path().join(name)).expect("read back");
    (result, after)
}

#[test]
fn safe_replacements_are_applied_in_place_with_sensible_capitals() {
    let (result, after) = fix(
        "notes.txt",
        "Prior to the visit we rang. We spoke whilst waiting, and met prior to lunch.\nPRIOR TO THE REVIEW\n",
        &[],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        after,
        "Before the visit we rang. We spoke while waiting, and met before lunch.\nBEFORE THE REVIEW\n"
    );
    assert!(
        result.stdout.contains("notes.txt: 4 fixes"),
        "{}",
        result.stdout
    );
    assert!(
        result.stderr.contains("Fixed 4 phrases in 1 file."),
        "{}",
        result.stderr
    );
}

#[test]
fn a_sentence_that_starts_with_the_phrase_starts_with_a_capital() {
    let (_, after) = fix("a.md", "We met. Subsequent to that, we wrote.\n", &[]);
    assert_eq!(after, "We met. After that, we wrote.\n");
}

#[test]
fn a_list_item_keeps_the_authors_case() {
    let (_, after) = fix(
        "a.md",
        "The council will:\n\n- utilise a consistent process;\n- Utilise the same forms.\n",
        &[],
    );
    assert_eq!(
        after,
        "The council will:\n\n- use a consistent process;\n- Use the same forms.\n"
    );
}

#[test]
fn findings_whose_suggestions_do_not_fit_are_left_alone() {
    let text = concat!(
        // An abbreviation: what it should become depends on the sentence.
        "The Northmoor and Dale ICB agreed.\n",
        // Quoted speech: a person's own words.
        "She said \"I am not a service user\".\n",
        // A noun describing the next one: "person feedback" does not read.
        "Service user feedback was positive.\n",
        // An -ing word used as a noun.
        "Information and signposting are available.\n",
        // The only suggestion would repeat the next word ("a busy, busy team").
        "You will join a fast-paced, busy team.\n",
    );
    let (result, after) = fix("notes.txt", text, &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(after, text);
    assert_eq!(result.stdout, "");
    // The same text does have findings: nothing was fixed because nothing fits.
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("notes.txt"), text).unwrap();
    let check = run(dir.path(), &["check", "--no-config", "notes.txt"]);
    assert_eq!(check.code, 1);
    for rule in ["icb", "service-user", "signpost", "fast-paced"] {
        assert!(
            check.stdout.contains(&format!("[{rule}]")),
            "{rule}: {}",
            check.stdout
        );
    }
}

#[test]
fn every_fitting_edit_is_applied_in_the_form_the_sentence_needs() {
    let text = concat!(
        "The service users met.\n",
        "We utilised the budget.\n",
        "She was signposted to the hub.\n",
        "Service users' views matter.\n",
        "We set up a care package.\n",
    );
    let (result, after) = fix("notes.txt", text, &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        after,
        concat!(
            "The people met.\n",
            "We used the budget.\n",
            "She was pointed to the hub.\n",
            "People's views matter.\n",
            "We set up care and support.\n",
        )
    );
}

#[test]
fn utilise_itself_is_replaced() {
    let (_, after) = fix("a.txt", "We utilise the budget.\n", &[]);
    assert_eq!(after, "We use the budget.\n");
}

#[test]
fn code_blocks_inline_code_and_suppressed_lines_are_never_touched() {
    let text = "\
Prior to the visit.

```
prior to the visit
```

    prior to (indented code)

Keep `prior to` as code.

<!-- ordinary-disable-next-line prior-to -->
Quoted: prior to the hearing.

<!-- ordinary-disable -->
Old text: prior to 2019.
<!-- ordinary-enable -->

Whilst here.
";
    let (result, after) = fix("policy.md", text, &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let expected = text
        .replacen("Prior to the visit.", "Before the visit.", 1)
        .replacen("Whilst here.", "While here.", 1);
    assert_eq!(after, expected);
}

#[test]
fn a_phrase_across_markdown_markup_is_left_for_a_person() {
    let text = "We met **prior** to the review.\n";
    let (_, after) = fix("a.md", text, &[]);
    assert_eq!(after, text);
}

#[test]
fn diff_prints_a_unified_diff_and_changes_nothing() {
    let text = "Line one.\nWe met prior to lunch.\nLine three.\n";
    let (result, after) = fix("notes.txt", text, &["--diff"]);
    assert_eq!(after, text, "--diff must not write");
    assert_eq!(result.code, 1, "a diff to apply exits 1, like a check");
    assert_eq!(
        result.stdout,
        "--- a/notes.txt\n+++ b/notes.txt\n@@ -1,3 +1,3 @@\n Line one.\n-We met prior to lunch.\n+We met before lunch.\n Line three.\n"
    );
    // The diff applies with patch(1)'s rules: the + lines are the fixed file.
    let (_, fixed) = fix("notes.txt", text, &[]);
    assert_eq!(fixed, "Line one.\nWe met before lunch.\nLine three.\n");
}

#[test]
fn nothing_to_fix_exits_0_with_no_output() {
    let (result, after) = fix("a.txt", "Plain words only.\n", &["--diff"]);
    assert_eq!((result.code, result.stdout.as_str()), (0, ""));
    assert_eq!(after, "Plain words only.\n");
}

#[test]
fn fixing_twice_changes_nothing_more() {
    let dir = TempDir::new().unwrap();
    let text = "Prior to the visit, whilst waiting, we utilise the room.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    assert_eq!(run(dir.path(), &["fix", "--no-config", "a.txt"]).code, 0);
    let once = fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(once, "Before the visit, while waiting, we use the room.\n");
    let again = run(dir.path(), &["fix", "--no-config", "--diff", "a.txt"]);
    assert_eq!((again.code, again.stdout.as_str()), (0, ""));
}

#[test]
fn a_byte_order_mark_and_windows_line_endings_are_kept() {
    let dir = TempDir::new().unwrap();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(b"One.\r\nWe met prior\r\nto lunch.\r\n");
    fs::write(dir.path().join("a.txt"), &bytes).unwrap();
    assert_eq!(run(dir.path(), &["fix", "--no-config", "a.txt"]).code, 0);
    let after = fs::read(dir.path().join("a.txt")).unwrap();
    let mut expected = vec![0xEF, 0xBB, 0xBF];
    expected.extend_from_slice(b"One.\r\nWe met before lunch.\r\n");
    assert_eq!(after, expected);
}

#[test]
fn folders_are_walked_and_word_documents_left_alone() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("docs/a.md"), "Prior to the visit.\n").unwrap();
    fs::write(dir.path().join("docs/b.txt"), "Whilst here.\n").unwrap();
    let word = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/policies/commissioning-strategy-summary.docx");
    fs::copy(&word, dir.path().join("docs/c.docx")).unwrap();
    let before = fs::read(dir.path().join("docs/c.docx")).unwrap();
    let result = run(dir.path(), &["fix", "--no-config", "docs"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/a.md")).unwrap(),
        "Before the visit.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/b.txt")).unwrap(),
        "While here.\n"
    );
    assert_eq!(fs::read(dir.path().join("docs/c.docx")).unwrap(), before);
    assert!(
        result.stderr.contains("1 Word document not changed"),
        "{}",
        result.stderr
    );
    // No temporary files are left behind.
    let mut names: Vec<String> = fs::read_dir(dir.path().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "b.txt", "c.docx"]);
}

#[test]
fn bad_input_gets_a_clear_error_and_exit_2() {
    let dir = TempDir::new().unwrap();
    let missing = run(dir.path(), &["fix", "--no-config", "missing.txt"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("missing.txt"), "{}", missing.stderr);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("prior to".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    fs::write(dir.path().join("wide.txt"), &utf16).unwrap();
    let wide = run(dir.path(), &["fix", "--no-config", "wide.txt"]);
    assert_eq!(wide.code, 2);
    assert!(wide.stderr.contains("UTF-16"), "{}", wide.stderr);
    assert_eq!(fs::read(dir.path().join("wide.txt")).unwrap(), utf16);
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "Prior to lunch.\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(run(dir.path(), &["fix", "--no-config", "a.txt"]).code, 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), "Before lunch.\n");
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn the_config_s_exclude_and_disable_are_honoured() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("docs/archive")).unwrap();
    fs::write(
        dir.path().join("ordinary.toml"),
        "exclude = [\"archive\"]\ndisable = [\"whilst\"]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("docs/a.txt"),
        "Prior to lunch, whilst here.\n",
    )
    .unwrap();
    fs::write(dir.path().join("docs/archive/old.txt"), "Prior to 2019.\n").unwrap();
    let result = run(dir.path(), &["fix", "docs"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/a.txt")).unwrap(),
        "Before lunch, whilst here.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/archive/old.txt")).unwrap(),
        "Prior to 2019.\n"
    );
}
