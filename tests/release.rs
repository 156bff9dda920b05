//! The release: the workflow files pass actionlint, the Linux archive that
//! scripts/package-release.sh builds (as the release workflow does)
//! unpacks and runs, the shell installer installs it, and the installers
//! and package manifests that scripts/release-manifests.py writes are
//! valid for their tools (Homebrew, Scoop, winget, sh and a PowerShell
//! grammar).
//!
//! Each needs an outside tool (actionlint, the musl target, Python, Ruby,
//! jsonschema and PyYAML, tree-sitter-powershell), so each is `#[ignore]`d
//! with what it needs; `.ci/run` installs them and runs these.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::{repository, require, works};

const MUSL: &str = "x86_64-unknown-linux-musl";

fn succeeded(what: &str, output: Output) -> String {
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs actionlint; .ci/run installs it"]
fn actionlint_accepts_the_workflows() {
    require("actionlint", works("actionlint", &["--version"]));
    let workflows = repository().join(".github/workflows");
    let files: Vec<PathBuf> = fs::read_dir(&workflows)
        .expect(".github/workflows is readable")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    assert!(
        files.iter().any(|f| f.ends_with("release.yml")),
        "{files:?}"
    );
    let output = Command::new("actionlint")
        .args(&files)
        .current_dir(repository())
        .output()
        .expect("actionlint runs");
    succeeded("actionlint", output);
}

/// Builds the Linux archive with the release script into `dist`.
fn build_linux_archive(dist: &Path) -> PathBuf {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(MUSL));
    require(&format!("the Rust target {MUSL}"), installed);
    let output = Command::new("bash")
        .arg(repository().join("scripts/package-release.sh"))
        .arg(MUSL)
        .env("DIST", dist)
        .output()
        .expect("the release script runs");
    succeeded("scripts/package-release.sh", output);
    let name = format!("ordinary-{}-{MUSL}.tar.gz", env!("CARGO_PKG_VERSION"));
    dist.join(name)
}

#[test]
#[ignore = "needs the x86_64-unknown-linux-musl target and a release build; .ci/run installs it"]
fn the_linux_archive_unpacks_runs_and_installs() {
    let dist = tempfile::tempdir().expect("a temporary folder");
    let archive = build_linux_archive(dist.path());
    let version = env!("CARGO_PKG_VERSION");
    let folder = format!("ordinary-{version}-{MUSL}");

    // The checksum file is right, in the form `sha256sum -c` reads.
    let check = Command::new("sha256sum")
        .arg("-c")
        .arg(format!("{}.sha256", archive.display()))
        .current_dir(dist.path())
        .output()
        .expect("sha256sum runs");
    succeeded("sha256sum -c", check);

    // Everything the archive promises is in it.
    let unpacked = tempfile::tempdir().expect("a temporary folder");
    let untar = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .current_dir(unpacked.path())
        .output()
        .expect("tar runs");
    succeeded("tar -xzf", untar);
    let root = unpacked.path().join(&folder);
    for file in [
        "ordinary",
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "man/ordinary.1",
        "completions/ordinary.bash",
        "completions/_ordinary",
        "completions/ordinary.fish",
        "completions/_ordinary.ps1",
        "completions/ordinary.elv",
    ] {
        let path = root.join(file);
        assert!(
            fs::metadata(&path).is_ok_and(|m| m.len() > 0),
            "{file} is missing or empty"
        );
    }
    let man = fs::read_to_string(root.join("man/ordinary.1")).unwrap();
    assert!(man.contains(".SH \"ORDINARY CHECK\""), "{man}");

    // The binary runs here, on its own: it is static.
    let binary = root.join("ordinary");
    let version_line = succeeded(
        "ordinary --version",
        Command::new(&binary).arg("--version").output().unwrap(),
    );
    assert!(
        version_line.starts_with(&format!("ordinary {version} (rules ")),
        "{version_line}"
    );
    if let Ok(ldd) = Command::new("ldd").arg(&binary).output() {
        let said = String::from_utf8_lossy(&ldd.stdout).to_string()
            + &String::from_utf8_lossy(&ldd.stderr);
        assert!(
            said.contains("not a dynamic executable") || said.contains("statically linked"),
            "the binary is linked dynamically:\n{said}"
        );
    }
    let draft = unpacked.path().join("draft.md");
    fs::write(&draft, "We will signpost service users to respite.\n").unwrap();
    let check = Command::new(&binary)
        .args(["check", "--no-config", "--format", "concise"])
        .arg(&draft)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let findings = String::from_utf8_lossy(&check.stdout);
    assert!(findings.contains("[signpost]"), "{findings}");

    // The shell installer installs it from a folder as from the release.
    let sums = dist.path().join("sums");
    fs::create_dir(&sums).unwrap();
    fs::copy(
        format!("{}.sha256", archive.display()),
        sums.join(format!("{folder}.tar.gz.sha256")),
    )
    .unwrap();
    for target in OTHER_TARGETS {
        fake_checksum(&sums, target);
    }
    let written = manifests(&sums);
    let prefix = tempfile::tempdir().expect("a temporary folder");
    let install = Command::new("sh")
        .arg(written.join("install.sh"))
        .env("ORDINARY_PREFIX", prefix.path())
        .env(
            "ORDINARY_DOWNLOAD_URL",
            format!("file://{}", dist.path().display()),
        )
        .output()
        .expect("sh runs");
    let said = succeeded("install.sh", install);
    assert!(said.contains("Installed ordinary"), "{said}");
    let installed = prefix.path().join("bin/ordinary");
    let again = Command::new(&installed).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&again.stdout), version_line);
    assert!(prefix.path().join("share/man/man1/ordinary.1").is_file());

    // A download that does not match its checksum is not installed.
    let mut bytes = fs::read(&archive).unwrap();
    bytes.push(0);
    fs::write(&archive, bytes).unwrap();
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    let refused = Command::new("sh")
        .arg(written.join("install.sh"))
        .env("ORDINARY_PREFIX", elsewhere.path())
        .env(
            "ORDINARY_DOWNLOAD_URL",
            format!("file://{}", dist.path().display()),
        )
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("SHA-256"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(!elsewhere.path().join("bin/ordinary").exists());
}

const OTHER_TARGETS: [&str; 4] = [
    "aarch64-unknown-linux-musl",
    "aarch64-apple-darwin",
    "x86_64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

/// A made-up checksum file for a platform's archive.
fn fake_checksum(dist: &Path, target: &str) {
    let ext = if target.contains("windows") {
        "zip"
    } else {
        "tar.gz"
    };
    let archive = format!("ordinary-{}-{target}.{ext}", env!("CARGO_PKG_VERSION"));
    let digest = format!("{:0>64}", target.len());
    fs::write(
        dist.join(format!("{archive}.sha256")),
        format!("{digest}  {archive}\n"),
    )
    .unwrap();
}

/// Runs scripts/release-manifests.py on `dist` for this version.
fn manifests(dist: &Path) -> PathBuf {
    require("python3", works("python3", &["--version"]));
    let output = Command::new("python3")
        .arg(repository().join("scripts/release-manifests.py"))
        .args(["--repo", "example/ordinary", "--tag"])
        .arg(format!("v{}", env!("CARGO_PKG_VERSION")))
        .arg(dist)
        .output()
        .expect("python3 runs");
    succeeded("scripts/release-manifests.py", output);
    dist.to_path_buf()
}

/// A release folder with a made-up checksum for every platform.
fn made_up_release() -> tempfile::TempDir {
    let dist = tempfile::tempdir().expect("a temporary folder");
    fake_checksum(dist.path(), MUSL);
    for target in OTHER_TARGETS {
        fake_checksum(dist.path(), target);
    }
    manifests(dist.path());
    dist
}

#[test]
#[ignore = "needs python3"]
fn the_installers_and_manifests_name_this_release() {
    let dist = made_up_release();
    let version = env!("CARGO_PKG_VERSION");
    let read = |name: &str| fs::read_to_string(dist.path().join(name)).unwrap();
    let url = format!("https://github.com/example/ordinary/releases/download/v{version}");
    for installer in ["install.sh", "install.ps1"] {
        let text = read(installer);
        assert!(!text.contains('@'), "{installer} has a placeholder left");
        assert!(text.contains(&format!("'{version}'")) || text.contains(&format!("\"{version}\"")));
        assert!(text.contains("example/ordinary"), "{installer}");
    }
    let sh = Command::new("sh")
        .arg("-n")
        .arg(dist.path().join("install.sh"))
        .output()
        .unwrap();
    succeeded("sh -n install.sh", sh);

    let formula = read("ordinary.rb");
    for target in std::iter::once(MUSL).chain(OTHER_TARGETS) {
        if target.contains("windows") {
            assert!(!formula.contains(target));
            continue;
        }
        assert!(
            formula.contains(&format!("{url}/ordinary-{version}-{target}.tar.gz")),
            "{target} is missing from\n{formula}"
        );
        assert!(formula.contains(&format!("{:0>64}", target.len())));
    }

    let scoop: serde_json::Value = serde_json::from_str(&read("ordinary.json")).expect("JSON");
    let windows = "x86_64-pc-windows-msvc";
    assert_eq!(scoop["version"], version);
    assert_eq!(
        scoop["architecture"]["64bit"]["url"],
        format!("{url}/ordinary-{version}-{windows}.zip")
    );
    assert_eq!(
        scoop["architecture"]["64bit"]["hash"],
        format!("{:0>64}", windows.len())
    );
    assert_eq!(scoop["bin"], "ordinary.exe");
}

#[test]
#[ignore = "needs python3"]
fn a_missing_platform_stops_the_manifests() {
    let dist = tempfile::tempdir().expect("a temporary folder");
    fake_checksum(dist.path(), MUSL);
    let output = Command::new("python3")
        .arg(repository().join("scripts/release-manifests.py"))
        .args(["--repo", "example/ordinary", "--tag", "v0.1.0"])
        .arg(dist.path())
        .output()
        .expect("python3 runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("is missing"));
    assert!(!dist.path().join("ordinary.rb").exists());
}

#[test]
#[ignore = "needs ruby and python3; .ci/run installs ruby"]
fn the_homebrew_formula_is_valid_ruby() {
    require("ruby", works("ruby", &["--version"]));
    let dist = made_up_release();
    let output = Command::new("ruby")
        .arg("-c")
        .arg(dist.path().join("ordinary.rb"))
        .output()
        .expect("ruby runs");
    assert_eq!(succeeded("ruby -c", output).trim(), "Syntax OK");
}

#[test]
#[ignore = "needs python3 with jsonschema (`.ci/run` installs it)"]
fn the_scoop_manifest_matches_scoops_schema() {
    require(
        "python3 with jsonschema",
        works("python3", &["-c", "import jsonschema"]),
    );
    let schema = repository().join("tests/fixtures/scoop/schema.json");
    let dist = made_up_release();
    let output = Command::new("python3")
        .args([
            "-c",
            "import json, sys, jsonschema\n\
             schema = json.load(open(sys.argv[1]))\n\
             manifest = json.load(open(sys.argv[2]))\n\
             jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(manifest)\n\
             print('valid')",
        ])
        .arg(&schema)
        .arg(dist.path().join("ordinary.json"))
        .output()
        .expect("python3 runs");
    assert_eq!(succeeded("jsonschema", output).trim(), "valid");
}

/// Parses a PowerShell script with tree-sitter-powershell: the errors it
/// finds, one a line, or nothing.
fn powershell_syntax_errors(script: &Path) -> String {
    let parse = "import sys, tree_sitter, tree_sitter_powershell\n\
        parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))\n\
        source = open(sys.argv[1], 'rb').read()\n\
        def errors(node):\n\
        \x20   if node.is_error or node.is_missing:\n\
        \x20       yield node\n\
        \x20   for child in node.children:\n\
        \x20       yield from errors(child)\n\
        for node in errors(parser.parse(source).root_node):\n\
        \x20   line, column = node.start_point\n\
        \x20   print(f'{line + 1}:{column + 1}: {\"missing \" if node.is_missing else \"\"}{node.type}')";
    let output = Command::new("python3")
        .args(["-c", parse])
        .arg(script)
        .output()
        .expect("python3 runs");
    succeeded("tree-sitter-powershell", output)
}

#[test]
#[ignore = "needs python3 with tree-sitter and tree-sitter-powershell (`.ci/run` installs them)"]
fn the_powershell_installer_parses() {
    // Not PowerShell's own parser, which cannot be installed here
    // (CONTRIBUTING.md, "Releasing"), but a grammar of the language: it
    // finds an unclosed block, string or bracket.
    require(
        "python3 with tree-sitter-powershell",
        works(
            "python3",
            &["-c", "import tree_sitter, tree_sitter_powershell"],
        ),
    );
    let dist = made_up_release();
    let installer = dist.path().join("install.ps1");
    let errors = powershell_syntax_errors(&installer);
    assert!(errors.is_empty(), "install.ps1 does not parse:\n{errors}");
    // The same script with one brace gone must fail, or the check is no check.
    let text = fs::read_to_string(&installer).unwrap();
    assert!(text.contains("} finally {"));
    let broken = dist.path().join("broken.ps1");
    fs::write(&broken, text.replacen("} finally {", "finally {", 1)).unwrap();
    assert!(!powershell_syntax_errors(&broken).is_empty());
}

#[test]
#[ignore = "needs python3 with jsonschema and PyYAML (`.ci/run` installs them)"]
fn the_winget_manifest_matches_wingets_schemas() {
    require(
        "python3 with jsonschema and PyYAML",
        works("python3", &["-c", "import jsonschema, yaml"]),
    );
    let dist = made_up_release();
    let version = env!("CARGO_PKG_VERSION");
    let windows = "x86_64-pc-windows-msvc";
    let schemas = repository().join("tests/fixtures/winget");
    // Each file against its own schema; each schema must also refuse the
    // file with a required field taken out, so a schema that accepted
    // anything would fail here. Prints each file as JSON once valid.
    let validate = "import json, sys, jsonschema, yaml\n\
        schema = json.load(open(sys.argv[1], encoding='utf-8-sig'))\n\
        manifest = yaml.safe_load(open(sys.argv[2], encoding='utf-8'))\n\
        validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())\n\
        validator.validate(manifest)\n\
        for field in schema['required']:\n\
        \x20   broken = {k: v for k, v in manifest.items() if k != field}\n\
        \x20   assert not validator.is_valid(broken), field\n\
        print(json.dumps(manifest))";
    let read = |kind: &str, file: &str| -> serde_json::Value {
        let output = Command::new("python3")
            .args(["-c", validate])
            .arg(schemas.join(format!("manifest.{kind}.1.6.0.json")))
            .arg(dist.path().join(file))
            .output()
            .expect("python3 runs");
        let json = succeeded(&format!("winget's {kind} schema on {file}"), output);
        serde_json::from_str(&json).expect("JSON")
    };
    let id = "example.ordinary";
    let manifest = read("version", &format!("{id}.yaml"));
    assert_eq!(manifest["PackageIdentifier"], id);
    assert_eq!(manifest["PackageVersion"], version);
    assert_eq!(manifest["DefaultLocale"], "en-GB");
    let installer = read("installer", &format!("{id}.installer.yaml"));
    assert_eq!(installer["PackageVersion"], version);
    assert_eq!(installer["InstallerType"], "zip");
    assert_eq!(installer["NestedInstallerType"], "portable");
    // The path inside the zip that package-release.sh makes.
    assert_eq!(
        installer["NestedInstallerFiles"][0]["RelativeFilePath"],
        format!("ordinary-{version}-{windows}\\ordinary.exe")
    );
    assert_eq!(
        installer["NestedInstallerFiles"][0]["PortableCommandAlias"],
        "ordinary"
    );
    let one = &installer["Installers"][0];
    assert_eq!(one["Architecture"], "x64");
    assert_eq!(
        one["InstallerUrl"],
        format!(
            "https://github.com/example/ordinary/releases/download/v{version}/ordinary-{version}-{windows}.zip"
        )
    );
    assert_eq!(one["InstallerSha256"], format!("{:0>64}", windows.len()));
    let locale = read("defaultLocale", &format!("{id}.locale.en-GB.yaml"));
    assert_eq!(locale["PackageVersion"], version);
    assert_eq!(locale["License"], "MIT OR Apache-2.0");
    assert_eq!(locale["Publisher"], "example");
}

#[test]
fn the_release_notes_are_the_changelogs_entry() {
    let output = Command::new("bash")
        .arg(repository().join("scripts/changelog-entry.sh"))
        .arg("Unreleased")
        .output()
        .expect("bash runs");
    let notes = succeeded("changelog-entry.sh", output);
    assert!(notes.starts_with("### "), "{notes}");
    assert!(notes.contains("### Rules"), "{notes}");
    assert!(!notes.contains("## [Unreleased]"), "{notes}");
    let missing = Command::new("bash")
        .arg(repository().join("scripts/changelog-entry.sh"))
        .arg("v99.0.0")
        .output()
        .unwrap();
    assert!(!missing.status.success());
}
