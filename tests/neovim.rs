//! A real editor: Neovim's built-in LSP client, run headless, attaches
//! `ordinary lsp` to a Markdown buffer and reads back the diagnostics, a
//! hover and the code actions, and applies a quick fix
//! (tests/neovim/attach.lua does the editor's side).
//!
//! Needs `nvim`, so it is `#[ignore]`d: a plain `cargo test` counts it as
//! ignored, and `.ci/run` installs Neovim and runs it.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn require_nvim() {
    let found = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "nvim is needed for this test: install the neovim package"
    );
}

const DOCUMENT: &str = "# Support plan\n\nCafé “Millbrook” 👩‍⚕️ — Service users get respite.\n";

#[test]
#[ignore = "needs Neovim (nvim)"]
fn neovim_shows_the_diagnostics_and_applies_a_quick_fix() {
    require_nvim();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.md");
    std::fs::write(&file, DOCUMENT).unwrap();
    let out = dir.path().join("seen.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim/attach.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-u"])
        .arg(&script)
        .env("ORDINARY_BIN", env!("CARGO_BIN_EXE_ordinary"))
        .env("ORDINARY_FILE", &file)
        .env("ORDINARY_OUT", &out)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let seen = std::fs::read_to_string(&out)
        .unwrap_or_else(|_| panic!("nvim wrote nothing (exit {status})"));
    let seen: Value = serde_json::from_str(&seen).unwrap();
    eprintln!("Neovim saw: {seen}");
    assert_eq!(
        seen["attached"], true,
        "no diagnostics reached Neovim: {seen}"
    );

    // Neovim's columns are bytes: right only if the server's UTF-16
    // positions were right, with accents, quotes and an emoji before.
    let line = DOCUMENT.lines().nth(2).unwrap();
    let column = |phrase: &str| line.find(phrase).unwrap();
    let diagnostics = seen["diagnostics"].as_array().unwrap();
    let summary: Vec<(String, u64, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["lnum"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
                d["end_col"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "service-user".to_string(),
                2,
                column("Service users") as u64,
                (column("Service users") + "Service users".len()) as u64
            ),
            (
                "respite".to_string(),
                2,
                column("respite") as u64,
                (column("respite") + "respite".len()) as u64
            ),
        ]
    );
    assert_eq!(diagnostics[0]["source"], "ordinary");
    assert_eq!(diagnostics[0]["severity"], 2, "warning");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Instead of “Service users”, try"),
        "{seen}"
    );
    let hover = seen["hover"].as_str().unwrap_or_default();
    assert!(
        hover.contains("`service-user` · care-system word"),
        "{seen}"
    );
    let actions: Vec<&str> = seen["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        actions.contains(&"Disable service-user for this line"),
        "{actions:?}"
    );
    // Neovim 0.7 and later say they resolve code actions' edits, so the
    // fix came without one and was resolved before it was applied.
    assert_eq!(seen["resolved"], true, "{seen}");
    assert_eq!(
        seen["lines"][2],
        "Café “Millbrook” 👩‍⚕️ — People get respite."
    );
}
