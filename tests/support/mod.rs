//! Helpers shared by the CI tests: running the binary, checking XML, and
//! validating SARIF against the official schema.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The repository's folder.
pub fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether a program runs and succeeds with these arguments (a tool that
/// is installed and works).
pub fn works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What one run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `ordinary ARGS` in `dir` with `stdin` on its standard input,
/// stopped after 20 seconds (a test of something that once blocked must
/// fail, not hang).
pub fn ordinary_with_stdin(dir: &Path, args: &[&str], stdin: &str) -> Run {
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("CI")
        .write_stdin(stdin)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("the binary runs");
    run_of(output)
}

/// Runs `ordinary ARGS` in `dir`.
pub fn ordinary(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("CI")
        .output()
        .expect("the binary runs");
    run_of(output)
}

/// A finished run's exit code and output, as text.
fn run_of(output: std::process::Output) -> Run {
    Run {
        code: output.status.code().expect("the binary exits normally"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// The PATH with the freshly built `ordinary` first, for scripts and tools
/// that run it by name.
pub fn path_with_ordinary() -> std::ffi::OsString {
    let bin = std::path::PathBuf::from(env!("CARGO_BIN_EXE_ordinary"));
    let mut paths = vec![bin.parent().expect("a folder").to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).expect("a valid PATH")
}

/// `ordinary check --no-config --color never ARGS` in `dir`.
pub fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend_from_slice(args);
    ordinary(dir, &all)
}

pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folders");
    }
    std::fs::write(path, text).expect("write file");
}

/// Fails, saying what is missing, unless `present`: a test that needs a
/// tool or `../shared` is marked `#[ignore = "needs …"]`, so a plain
/// `cargo test` counts it as ignored, and `.ci/run` installs what it needs
/// and runs it.
pub fn require(what: &str, present: bool) {
    assert!(
        present,
        "{what} is needed for this test (`.ci/run` installs it)"
    );
}

/// An XML element: its name, attributes (unescaped) and text.
pub type Element = (String, Vec<(String, String)>, String);

/// Every element of an XML document with its attributes unescaped, and its
/// text; panics if the document is not well-formed.
pub fn xml_elements(text: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut elements: Vec<Element> = Vec::new();
    // Indexes of the open elements: text belongs to the innermost.
    let mut open: Vec<usize> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{text}"));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.name().as_ref().to_string();
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("a well-formed attribute");
                        let key = a.key.as_ref().to_string();
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap_or_else(|e| panic!("bad escape in {key} ({e})"))
                            .to_string();
                        (key, value)
                    })
                    .collect();
                elements.push((name, attributes, String::new()));
                if matches!(event, Event::Start(_)) {
                    open.push(elements.len() - 1);
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content().to_string();
                if let Some(&index) = open.last() {
                    elements[index].2.push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match AsRef::<str>::as_ref(&r) {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        other => panic!("unknown entity &{other};"),
                    },
                    Err(e) => panic!("bad character reference ({e})"),
                };
                if let Some(&index) = open.last() {
                    elements[index].2.push_str(&resolved);
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    elements
}

/// Validates SARIF with Python's `jsonschema` (the reference implementation)
/// against `../shared/schemas/sarif-schema-2.1.0.json`; fails when either
/// is missing (see [`require`]).
pub fn validate_sarif(text: &str) {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    require(
        "../shared/schemas/sarif-schema-2.1.0.json",
        schema.is_file(),
    );
    let has_jsonschema = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    require(
        "python3 with jsonschema (pip install jsonschema)",
        has_jsonschema,
    );
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1], encoding='utf-8'))\n\
        doc = json.load(sys.stdin)\n\
        v = jsonschema.Draft7Validator(schema)\n\
        errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))\n\
        for e in errors[:10]:\n    print(list(e.path), e.message)\n\
        sys.exit(1 if errors else 0)\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write SARIF");
    let output = child.wait_with_output().expect("python3 finishes");
    assert!(
        output.status.success(),
        "SARIF does not validate against the 2.1.0 schema:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
