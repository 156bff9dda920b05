//! What ships beside the binary, and what sets a project up: shell
//! completions, the manual page, `--version` with the rules' version, and
//! `ordinary init`.

mod support;

use std::fs;
use std::path::Path;

use support::{Run, ordinary};

/// The subcommands `ordinary --help` lists (but `help`), so that a new
/// command is checked without this list being kept by hand.
fn subcommands() -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let help = ordinary(dir.path(), &["--help"]).stdout;
    let commands: Vec<String> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        // Continuation lines of a long description are indented further.
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect();
    for expected in ["check", "lsp", "init", "completions", "man"] {
        assert!(
            commands.iter().any(|c| c == expected),
            "`{expected}` is missing from the commands read off --help: {commands:?}\n{help}"
        );
    }
    commands
}

#[test]
fn completions_for_every_shell_mention_every_subcommand() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let commands = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = ordinary(dir.path(), &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.len() > 500, "{shell}: {}", run.stdout);
        for command in &commands {
            assert!(
                run.stdout.contains(command.as_str()),
                "the {shell} completions do not mention `{command}`"
            );
        }
        // Options of a subcommand are completed too.
        assert!(
            run.stdout.contains("fail-on"),
            "{shell}: no --fail-on in\n{}",
            run.stdout
        );
    }
}

#[test]
fn the_bash_completions_are_valid_bash() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let script = dir.path().join("ordinary.bash");
    fs::write(
        &script,
        ordinary(dir.path(), &["completions", "bash"]).stdout,
    )
    .unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .expect("bash runs");
    assert!(status.success(), "bash -n rejects the completions");
}

#[test]
fn an_unknown_shell_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = ordinary(dir.path(), &["completions", "nushell"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("possible values: bash"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_manual_page_has_a_section_for_every_subcommand() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = ordinary(dir.path(), &["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    assert!(page.contains(".TH ordinary 1"), "{page}");
    for command in subcommands() {
        let heading = format!(".SH \"ORDINARY {}\"", command.to_uppercase());
        assert!(page.contains(&heading), "no {heading} in\n{page}");
        // Listed under SUBCOMMANDS as a command, not as a page of its own.
        assert!(page.contains(&format!("\\fBordinary {command}\\fR")));
        assert!(!page.contains(&format!("ordinary\\-{command}(1)")));
    }
    // The options are there, with what they do.
    assert!(page.contains("\\-\\-fail\\-on"), "{page}");
    assert!(page.contains("Replace an existing ordinary.toml without asking"));
    // roff's preamble once, at the top.
    assert_eq!(page.matches(".ds Aq").count(), 2, "{page}");
}

#[test]
fn the_version_names_the_built_in_rules() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let version = ordinary(dir.path(), &["--version"]).stdout;
    let rest = version
        .trim_end()
        .strip_prefix(&format!("ordinary {} (rules ", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("{version}"));
    let (count, hash) = rest
        .strip_suffix(')')
        .and_then(|r| r.split_once(", "))
        .unwrap_or_else(|| panic!("{version}"));
    assert_eq!(hash.len(), 8, "{version}");
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{version}");
    let rules = ordinary(dir.path(), &["rules", "--no-config", "--format", "json"]).stdout;
    let rules: serde_json::Value = serde_json::from_str(&rules).expect("JSON");
    let listed = rules["rules"].as_array().expect("a list of rules").len();
    assert_eq!(count.parse::<usize>().ok(), Some(listed), "{version}");
    assert!(listed > 1000);
}

fn init(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    ordinary(dir, &all)
}

#[test]
fn init_writes_a_config_that_check_uses() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir_all(dir.path().join("Policies")).unwrap();
    fs::create_dir_all(dir.path().join("Vacancies 2025")).unwrap();
    // Words that a job advert is checked for and other documents are not.
    let advert = "Vacancies 2025/carer.md";
    fs::write(
        dir.path().join(advert),
        "We are looking for a suitably qualified practitioner.\n",
    )
    .unwrap();
    let run = init(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Wrote ./ordinary.toml"),
        "{}",
        run.stderr
    );
    let text = fs::read_to_string(dir.path().join("ordinary.toml")).unwrap();
    assert!(text.contains("policy = [\"Policies/**\"]"), "{text}");
    assert!(
        text.contains("job-description = [\"Vacancies 2025/**\"]"),
        "{text}"
    );
    // `check` loads it, and checks the advert as an advert.
    let with = ordinary(dir.path(), &["check", "--format", "json", advert]);
    let without = ordinary(
        dir.path(),
        &["check", "--no-config", "--format", "json", advert],
    );
    assert!(with.code < 2 && without.code < 2, "{}", with.stderr);
    assert_ne!(with.stdout, without.stdout);
}

#[test]
fn init_never_replaces_a_config_without_being_told() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("ordinary.toml");
    fs::write(&path, "disable = [\"client\"]\n").unwrap();
    // Standard input is not a terminal here, so there is nobody to ask.
    let run = init(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "disable = [\"client\"]\n"
    );
    let run = init(dir.path(), &["--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::read_to_string(&path).unwrap().contains("[kinds]"));
}

#[test]
fn init_print_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = init(dir.path(), &["--print"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("[abbreviations]"), "{}", run.stdout);
    assert!(!dir.path().join("ordinary.toml").exists());
}

#[test]
fn init_in_a_folder_that_is_not_there_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = init(dir.path(), &["no-such-folder"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("error: no-such-folder is not a folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn init_says_when_a_config_further_up_stops_applying() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(dir.path().join("ordinary.toml"), "").unwrap();
    fs::create_dir(dir.path().join("team")).unwrap();
    let run = init(dir.path(), &["team"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("now takes the place of"),
        "{}",
        run.stderr
    );
    assert!(dir.path().join("team/ordinary.toml").is_file());
}

/// Runs `ordinary init` on a terminal (`script` gives it one), typing
/// `answer` at its question.
fn init_on_a_terminal(dir: &Path, answer: &str) -> String {
    let command = format!("'{}' init", env!("CARGO_BIN_EXE_ordinary"));
    let output = assert_cmd::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .write_stdin(format!("{answer}\n"))
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("script runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs script (util-linux) for a terminal; .ci/run has it"]
fn init_asks_before_replacing_a_config_on_a_terminal() {
    let works = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    support::require("script (util-linux)", works);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("ordinary.toml");
    fs::write(&path, "disable = [\"client\"]\n").unwrap();

    let said = init_on_a_terminal(dir.path(), "n");
    assert!(said.contains("already exists. Replace it? [y/N]"), "{said}");
    assert!(said.contains("as it was"), "{said}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "disable = [\"client\"]\n"
    );

    let said = init_on_a_terminal(dir.path(), "yes");
    assert!(said.contains("Wrote"), "{said}");
    assert!(fs::read_to_string(&path).unwrap().contains("[kinds]"));
}
