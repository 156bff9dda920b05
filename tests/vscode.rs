//! The VS Code extension (editors/vscode) builds, passes its own tests
//! (finding and starting `ordinary lsp`, with Node alone) and packages as
//! a `.vsix` with the official packager, as the release workflow does.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use support::require;

fn npm(folder: &Path, args: &[&str]) -> String {
    let output = Command::new("npm")
        .args(args)
        .current_dir(folder)
        .output()
        .expect("npm runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "npm {args:?} failed:\n{printed}");
    printed
}

#[test]
#[ignore = "needs Node.js and npm, and the npm registry; .ci/run runs it"]
fn the_vs_code_extension_builds_tests_and_packages() {
    let works = Command::new("npm")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    require("npm", works);
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    npm(&folder, &["ci", "--no-audit", "--no-fund"]);
    let tested = npm(&folder, &["test"]);
    assert!(tested.contains("# fail 0"), "{tested}");
    assert!(!tested.contains("# pass 0"), "{tested}");

    let out = tempfile::tempdir().expect("a temporary folder");
    let vsix = out.path().join("ordinary.vsix");
    let vsix_text = vsix.display().to_string();
    npm(
        &folder,
        &[
            "exec",
            "--no",
            "--",
            "vsce",
            "package",
            "--allow-missing-repository",
            "--out",
            &vsix_text,
        ],
    );
    // A .vsix is a zip: the compiled extension, its manifest and the
    // language client are inside; the sources and tests are not.
    let mut archive = zip::ZipArchive::new(fs::File::open(&vsix).expect("the .vsix"))
        .expect("the .vsix is a zip");
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.expect("a readable name").into_owned())
        .collect();
    for wanted in [
        "extension/package.json",
        "extension/out/extension.js",
        "extension/out/server.js",
        "extension/readme.md",
        "extension/node_modules/vscode-languageclient/package.json",
    ] {
        assert!(
            names.iter().any(|n| n.eq_ignore_ascii_case(wanted)),
            "{wanted} is not in the .vsix: {names:?}"
        );
    }
    assert!(
        !names
            .iter()
            .any(|n| n.contains("/src/") && n.ends_with(".ts") && !n.contains("node_modules"))
    );
    assert!(!names.iter().any(|n| n.contains("out/test/")));
    let mut manifest = String::new();
    std::io::Read::read_to_string(
        &mut archive
            .by_name("extension/package.json")
            .expect("the manifest"),
        &mut manifest,
    )
    .expect("the manifest is text");
    let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("JSON");
    assert_eq!(manifest["main"], "./out/extension.js");
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
}
