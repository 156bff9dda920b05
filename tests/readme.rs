//! The documentation's commands, run. README.md, CONTRIBUTING.md and the
//! pages in docs/ show commands a newcomer will copy: this runs them
//! against the binary just built and checks how they exit and what they
//! print, uses the example files (`ordinary.toml`, a rules file, a
//! pre-commit config, a Neovim set-up) for real, and checks that every
//! relative link leads somewhere. CONTRIBUTING.md ("The documentation's
//! commands") says how a block is marked to run.
//!
//! The pre-commit and Neovim examples need those tools, so their tests are
//! `#[ignore]`d; `.ci/run` installs both and runs them.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use support::{path_with_ordinary, repository, require, works};

/// The documentation: the README, CONTRIBUTING.md and every page in docs/.
fn documents() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = fs::read_dir(repository().join("docs"))
        .expect("docs/ is readable")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    let mut all = vec![
        repository().join("README.md"),
        repository().join("CONTRIBUTING.md"),
    ];
    all.extend(pages);
    all
}

/// A path as the messages show it, relative to the repository.
fn shown(path: &Path) -> String {
    path.strip_prefix(repository())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A fenced code block, and the HTML comment on the line above it.
struct Block {
    /// Where it starts, for messages: `docs/ci.md:12`.
    place: String,
    language: String,
    text: String,
    /// What the comment above says (`run: …`, `not run: …`), if there is one.
    marker: Option<String>,
}

impl Block {
    fn marked(&self, marker: &str) -> bool {
        self.marker.as_deref() == Some(marker)
    }
}

fn blocks(path: &Path) -> Vec<Block> {
    let source = fs::read_to_string(path).expect("the page is readable");
    let mut found = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in Parser::new_ext(&source, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let before = &source[..range.start];
                let marker = before
                    .lines()
                    .rev()
                    .find(|line| !line.trim().is_empty())
                    .and_then(|line| {
                        let comment = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
                        Some(comment.trim().to_string())
                    });
                current = Some(Block {
                    place: format!("{}:{}", shown(path), before.matches('\n').count() + 1),
                    language: info.split_whitespace().next().unwrap_or("").to_string(),
                    text: String::new(),
                    marker,
                });
            }
            Event::Text(text) => {
                if let Some(block) = current.as_mut() {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => found.extend(current.take()),
            _ => {}
        }
    }
    found
}

fn all_blocks() -> Vec<Block> {
    documents().iter().flat_map(|path| blocks(path)).collect()
}

/// One command of a block, and what it must print (`console` blocks).
struct Step {
    command: String,
    expected: Option<Vec<String>>,
}

/// Whether a line of shell runs `ordinary`.
fn runs_ordinary(line: &str) -> bool {
    line == "ordinary"
        || line.starts_with("ordinary ")
        || line.starts_with("cargo run --release -- ")
        || line.contains("| ordinary ")
}

/// The commands of a `sh` or `console` block that run `ordinary`, with
/// `cargo run --release --` read as `ordinary` (the same program, built).
fn steps(block: &Block) -> Vec<Step> {
    let as_ordinary = |line: &str| match line.strip_prefix("cargo run --release -- ") {
        Some(rest) => format!("ordinary {rest}"),
        None => line.to_string(),
    };
    match block.language.as_str() {
        "console" => {
            let mut steps: Vec<Step> = Vec::new();
            for line in block.text.lines() {
                if let Some(command) = line.strip_prefix("$ ") {
                    steps.push(Step {
                        command: as_ordinary(command),
                        expected: Some(Vec::new()),
                    });
                } else if let Some(expected) = steps.last_mut().and_then(|s| s.expected.as_mut()) {
                    expected.push(line.to_string());
                }
            }
            for expected in steps.iter_mut().filter_map(|s| s.expected.as_mut()) {
                while expected.last().is_some_and(|l| l.trim().is_empty()) {
                    expected.pop();
                }
            }
            steps.retain(|step| runs_ordinary(&step.command));
            steps
        }
        "sh" => block
            .text
            .replace("\\\n", " ")
            .lines()
            .map(str::trim)
            .filter(|line| runs_ordinary(line))
            .map(|line| Step {
                command: as_ordinary(line),
                expected: None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("a readable folder") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy a file");
        }
    }
}

/// A fresh folder for a block's commands: the sample corpus and this
/// repository's `ordinary.toml`, the files in tests/fixtures/readme/, and
/// `draft.docx`, a sample Word document.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_tree(&repository().join("corpus"), &dir.path().join("corpus"));
    copy_tree(&repository().join("tests/fixtures/readme"), dir.path());
    fs::remove_file(dir.path().join("README.md")).expect("the fixtures' README");
    fs::copy(
        repository().join("ordinary.toml"),
        dir.path().join("ordinary.toml"),
    )
    .expect("copy ordinary.toml");
    fs::copy(
        repository().join("corpus/assessments/hospital-discharge-assessment-mrs-thornton.docx"),
        dir.path().join("draft.docx"),
    )
    .expect("copy a sample Word document");
    dir
}

/// Runs a line of shell in `dir`: its exit code, and what it printed
/// (standard output, then standard error).
fn shell(dir: &Path, command: &str) -> (i32, String) {
    let output = assert_cmd::Command::new("bash")
        .args(["-c", command])
        .current_dir(dir)
        .env("PATH", path_with_ordinary())
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .write_stdin("")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("bash runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), printed)
}

/// Whether the lines printed are what the page shows: a line `…` stands for
/// any number of lines, and a line ending in ` …` for any line that starts
/// with what comes before it. Spaces at the ends of lines do not count.
fn shows(expected: &[String], printed: &[&str]) -> bool {
    match expected.split_first() {
        None => printed.is_empty(),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=printed.len()).any(|skip| shows(rest, &printed[skip..]))
        }
        Some((first, rest)) => printed.split_first().is_some_and(|(line, tail)| {
            let (want, got) = (first.trim_end(), line.trim_end());
            let same = match want.strip_suffix(" …") {
                Some(start) => got.starts_with(start),
                None => want == got,
            };
            same && shows(rest, tail)
        }),
    }
}

/// The exit codes a `run: exit codes …` marker lists.
fn exit_codes(marker: &str) -> Option<Vec<i32>> {
    let codes = marker.strip_prefix("run: exit codes ")?;
    codes.split_whitespace().map(|c| c.parse().ok()).collect()
}

const FILE_MARKERS: [&str; 4] = [
    "run: as ordinary.toml",
    "run: as a rules file",
    "run: as .pre-commit-config.yaml",
    "run: as Neovim 0.7's init.lua",
];

#[test]
fn every_command_in_the_documentation_runs_as_shown() {
    let mut problems = Vec::new();
    let mut ran = 0;
    for block in all_blocks() {
        let steps = steps(&block);
        let marker = block.marker.as_deref().unwrap_or("");
        if marker.starts_with("not run:") || FILE_MARKERS.contains(&marker) {
            continue;
        }
        let Some(codes) = exit_codes(marker) else {
            if marker.starts_with("run") {
                problems.push(format!("{}: unknown marker <!-- {marker} -->", block.place));
            } else if !steps.is_empty() {
                problems.push(format!(
                    "{}: runs ordinary but says neither <!-- run: exit codes … --> nor <!-- not run: why -->",
                    block.place
                ));
            }
            continue;
        };
        if codes.len() != steps.len() {
            problems.push(format!(
                "{}: {} exit codes listed for {} commands",
                block.place,
                codes.len(),
                steps.len()
            ));
            continue;
        }
        let dir = sandbox();
        for (step, want) in steps.iter().zip(codes) {
            ran += 1;
            let (code, printed) = shell(dir.path(), &step.command);
            if code != want {
                problems.push(format!(
                    "{}: `{}` exited with {code}, not {want}:\n{printed}",
                    block.place, step.command
                ));
            }
            if let Some(expected) = &step.expected {
                let lines: Vec<&str> = printed.trim_end().lines().collect();
                if !shows(expected, &lines) {
                    problems.push(format!(
                        "{}: `{}` printed something else. It printed:\n{printed}\nThe page shows:\n{}",
                        block.place,
                        step.command,
                        expected.join("\n")
                    ));
                }
            }
        }
    }
    assert!(
        ran >= 10,
        "only {ran} commands ran: are the markers still read?"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

/// The README's first command is what a newcomer sees first: something to
/// take in at a glance, not thousands of lines scrolling past.
#[test]
fn the_readmes_first_command_fits_on_a_screen_or_two() {
    let first = blocks(&repository().join("README.md"))
        .into_iter()
        .flat_map(|block| steps(&block))
        .next()
        .expect("the README has a command");
    let dir = sandbox();
    let (_, printed) = shell(dir.path(), &first.command);
    let lines = printed.lines().count();
    assert!(
        (5..=80).contains(&lines),
        "`{}` prints {lines} lines:\n{printed}",
        first.command
    );
}

#[test]
fn the_example_config_and_rules_files_load() {
    let blocks = all_blocks();
    let configs: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.marked("run: as ordinary.toml"))
        .collect();
    let rules: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.marked("run: as a rules file"))
        .collect();
    assert!(
        !configs.is_empty() && !rules.is_empty(),
        "no marked examples"
    );
    for block in configs {
        let dir = sandbox();
        fs::write(dir.path().join("ordinary.toml"), &block.text).unwrap();
        let (code, printed) = shell(dir.path(), "ordinary check policies");
        assert_eq!(
            code, 1,
            "{}: the config does not work:\n{printed}",
            block.place
        );
    }
    for block in rules {
        let dir = sandbox();
        fs::write(dir.path().join("my-rules.toml"), &block.text).unwrap();
        let (code, printed) = shell(
            dir.path(),
            "ordinary rules --check --no-default-rules --rules my-rules.toml",
        );
        assert_eq!(
            code, 0,
            "{}: the rules file does not pass:\n{printed}",
            block.place
        );
    }
}

#[test]
fn the_json_and_toml_examples_parse() {
    for block in all_blocks() {
        match block.language.as_str() {
            "json" => {
                let parsed = serde_json::from_str::<serde_json::Value>(&block.text);
                assert!(parsed.is_ok(), "{}: {parsed:?}", block.place);
            }
            "toml" => {
                let parsed = toml::from_str::<toml::Table>(&block.text);
                assert!(parsed.is_ok(), "{}: {parsed:?}", block.place);
            }
            _ => {}
        }
    }
}

/// GitHub's anchor for a heading: lower case, spaces as hyphens, other
/// punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// A page's links (where they point, and their line) and its anchors.
fn links_and_anchors(path: &Path) -> (Vec<(String, usize)>, BTreeSet<String>) {
    let source = fs::read_to_string(path).expect("the page is readable");
    let mut links = Vec::new();
    let mut anchors = BTreeSet::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading: Option<String> = None;
    for (event, range) in Parser::new_ext(&source, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let line = source[..range.start].matches('\n').count() + 1;
                links.push((dest_url.to_string(), line));
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(&heading.take().unwrap_or_default());
                let count = seen.entry(base.clone()).or_insert(0);
                anchors.insert(match *count {
                    0 => base,
                    n => format!("{base}-{n}"),
                });
                *count += 1;
            }
            _ => {}
        }
    }
    (links, anchors)
}

#[test]
fn every_relative_link_in_the_documentation_resolves() {
    let mut problems = Vec::new();
    for page in documents() {
        let (links, anchors) = links_and_anchors(&page);
        for (link, line) in links {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let place = format!("{}:{line}", shown(&page));
            let (target, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let (file, target_anchors) = if target.is_empty() {
                (page.clone(), anchors.clone())
            } else {
                let file = page.parent().expect("a folder").join(target);
                if !file.exists() {
                    problems.push(format!("{place}: {link}: no such file"));
                    continue;
                }
                let target_anchors = if file.extension().is_some_and(|e| e == "md") {
                    links_and_anchors(&file).1
                } else {
                    BTreeSet::new()
                };
                (file, target_anchors)
            };
            if !anchor.is_empty() && !target_anchors.contains(anchor) {
                problems.push(format!(
                    "{place}: {link}: {} has no heading #{anchor}",
                    shown(&file)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

fn the_block(marker: &str) -> Block {
    let mut found: Vec<Block> = all_blocks()
        .into_iter()
        .filter(|b| b.marked(marker))
        .collect();
    assert_eq!(found.len(), 1, "one block marked <!-- {marker} -->");
    found.remove(0)
}

#[test]
#[ignore = "needs pre-commit"]
fn the_pre_commit_example_refuses_jargon_and_accepts_plain_writing() {
    require(
        "pre-commit (pip install pre-commit)",
        works("pre-commit", &["--version"]),
    );
    let block = the_block("run: as .pre-commit-config.yaml");
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let run = |program: &str, args: &[&str]| {
        std::process::Command::new(program)
            .args(args)
            .current_dir(dir.path())
            .env("PATH", path_with_ordinary())
            .env("PRE_COMMIT_HOME", home.path())
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .expect("runs")
    };
    let commit = |name: &str, text: &str| {
        fs::write(dir.path().join(name), text).unwrap();
        assert!(run("git", &["add", name]).status.success());
        run(
            "git",
            &["-c", "commit.gpgsign=false", "commit", "-q", "-m", name],
        )
    };
    assert!(run("git", &["init", "-q"]).status.success());
    fs::write(dir.path().join(".pre-commit-config.yaml"), &block.text).unwrap();
    assert!(run("pre-commit", &["install"]).status.success());
    let config = commit(".pre-commit-config.yaml", &block.text);
    assert!(config.status.success(), "{}", block.place);
    let refused = commit("policy.md", "We offer respite to service users.\n");
    // Git passes on what a hook prints on its standard error.
    let printed = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success(),
        "{}: went through:\n{printed}",
        block.place
    );
    assert!(printed.contains("warning[respite]"), "{printed}");
    assert!(
        run("git", &["rm", "-q", "--cached", "policy.md"])
            .status
            .success()
    );
    let accepted = commit("plain.md", "We offer short breaks to people.\n");
    assert!(
        accepted.status.success(),
        "{}: refused:\n{}",
        block.place,
        String::from_utf8_lossy(&accepted.stderr)
    );
}

/// Waits for diagnostics in the current buffer and writes their codes.
const SEE_DIAGNOSTICS: &str = r#"
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local codes = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(codes, d.code or lsp.code)
end
table.sort(codes)
vim.fn.writefile({ table.concat(codes, ' ') }, 'seen.txt')
vim.cmd('qall!')
"#;

/// Loads every Lua file named on the command line and writes the errors.
const LOAD_LUA: &str = r#"
local errors = {}
for i = 0, vim.fn.argc() - 1 do
  local _, err = loadfile(vim.fn.argv(i))
  if err then table.insert(errors, err) end
end
vim.fn.writefile(errors, 'errors.txt')
vim.cmd('qall!')
"#;

fn nvim(dir: &Path, args: &[&str]) {
    let output = assert_cmd::Command::new("nvim")
        .args(["--headless", "--clean"])
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with_ordinary())
        .timeout(Duration::from_secs(90))
        .output()
        .expect("nvim runs");
    assert!(
        output.status.success(),
        "nvim: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
#[ignore = "needs Neovim (nvim)"]
fn the_neovim_examples_load_and_the_0_7_one_shows_the_findings() {
    require("nvim (the neovim package)", works("nvim", &["--version"]));
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("see.lua"), SEE_DIAGNOSTICS).unwrap();
    fs::write(dir.path().join("load.lua"), LOAD_LUA).unwrap();

    // Every Lua example is valid Lua, whichever Neovim it is for.
    let lua: Vec<Block> = all_blocks()
        .into_iter()
        .filter(|b| b.language == "lua")
        .collect();
    assert!(lua.len() >= 3, "the Neovim examples are gone");
    let mut names = Vec::new();
    for (i, block) in lua.iter().enumerate() {
        let name = format!("example-{i}.lua");
        fs::write(dir.path().join(&name), &block.text).unwrap();
        names.push(name);
    }
    let mut args = vec!["-u", "NONE"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["-c", "luafile load.lua"]);
    nvim(dir.path(), &args);
    let errors = fs::read_to_string(dir.path().join("errors.txt")).unwrap();
    assert_eq!(errors.trim(), "", "Lua examples that do not load");

    // The set-up for the Neovim that runs here (0.7 and later) attaches
    // ordinary to Markdown and to plain text.
    let block = the_block("run: as Neovim 0.7's init.lua");
    fs::write(dir.path().join("init.lua"), &block.text).unwrap();
    for (file, text, codes) in [
        (
            "plan.md",
            "We offer respite to service users.\n",
            "respite service-user",
        ),
        ("notes.txt", "We offer respite.\n", "respite"),
    ] {
        fs::write(dir.path().join(file), text).unwrap();
        let _ = fs::remove_file(dir.path().join("seen.txt"));
        nvim(
            dir.path(),
            &["-u", "init.lua", file, "-c", "luafile see.lua"],
        );
        let seen = fs::read_to_string(dir.path().join("seen.txt")).unwrap_or_default();
        assert_eq!(seen.trim(), codes, "{}: in {file}", block.place);
    }
}
