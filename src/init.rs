//! `ordinary init`: a commented `ordinary.toml` for a folder, with the
//! kinds of document and the audiences its folder names suggest. This
//! module only works out the text; the command line asks before replacing
//! a file and writes it (through [`crate::safe_write`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::rules::{Audience, DocumentKind};

/// How deep below the folder to look for folders with telling names.
const MAX_DEPTH: usize = 3;

/// The globs guessed from a folder's folder names.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Guess {
    pub kinds: BTreeMap<DocumentKind, Vec<String>>,
    pub audiences: BTreeMap<Audience, Vec<String>>,
}

/// Words in a folder's name that say what kind of document it holds
/// (the name lower-cased, with `_` and spaces read as `-`).
const KIND_WORDS: &[(DocumentKind, &[&str])] = &[
    (
        DocumentKind::Assessment,
        &[
            "assessment",
            "support-plan",
            "care-plan",
            "careplan",
            "case-note",
            "casenote",
            "review",
            "ehcp",
            "child-in-need",
            "child-protection",
            "pathway-plan",
        ],
    ),
    (
        DocumentKind::Policy,
        &[
            "polic",
            "procedure",
            "strategy",
            "strategies",
            "guidance",
            "committee",
            "cabinet",
        ],
    ),
    (
        DocumentKind::JobDescription,
        &[
            "recruit",
            "job",
            "vacanc",
            "advert",
            "person-spec",
            "careers",
        ],
    ),
];

/// Words in a folder's name that say its documents are for staff.
const PROFESSIONAL_WORDS: &[&str] = &[
    "guidance",
    "practice",
    "committee",
    "cabinet",
    "briefing",
    "procedure",
];

/// Folders never looked into: tools' and version control's own.
const SKIPPED: &[&str] = &["node_modules", "target", "vendor", "__pycache__"];

/// Looks through `root`'s folders (three levels down, skipping hidden
/// folders and what `.gitignore` lists) for names that say what they
/// hold. A folder that matches is not looked into further: its glob
/// covers what is inside.
pub fn guess(root: &Path) -> Guess {
    let mut guess = Guess::default();
    let mut matched: Vec<PathBuf> = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .max_depth(Some(MAX_DEPTH))
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !SKIPPED.contains(&name.as_ref())
        })
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_dir()) || entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        if matched.iter().any(|m| path.starts_with(m)) {
            continue;
        }
        let Some(glob) = glob_for(root, path) else {
            continue;
        };
        let name = normalise(&entry.file_name().to_string_lossy());
        let kind = KIND_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| name.contains(w)))
            .map(|(kind, _)| *kind);
        let professional = PROFESSIONAL_WORDS.iter().any(|w| name.contains(w));
        if let Some(kind) = kind {
            guess.kinds.entry(kind).or_default().push(glob.clone());
        }
        if professional {
            guess
                .audiences
                .entry(Audience::Professional)
                .or_default()
                .push(glob);
        }
        if kind.is_some() || professional {
            matched.push(path.to_path_buf());
        }
    }
    guess
}

/// A folder's name lower-cased, with `_` and spaces read as `-`.
fn normalise(name: &str) -> String {
    name.to_lowercase().replace(['_', ' '], "-")
}

/// `folder/**` for a folder under `root`, with `/` between the parts on
/// every system (the config's globs use `/`). `None` for a name a glob
/// cannot say as it is (one with `*`, `?`, `[`, `]`, `{`, `}` or `\`), or
/// one that is not valid Unicode.
fn glob_for(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for part in relative.components() {
        let part = part.as_os_str().to_str()?;
        if part.contains(['*', '?', '[', ']', '{', '}', '\\']) {
            return None;
        }
        parts.push(part);
    }
    Some(format!("{}/**", parts.join("/")))
}

/// The text of a commented `ordinary.toml` with `guess`'s kinds and
/// audiences filled in, and every other key shown commented out with what
/// it does.
pub fn template(guess: &Guess) -> String {
    let mut text = String::from(TOP);
    text.push_str("\n[kinds]\n");
    text.push_str(
        "# Which documents are which kind (globs, relative to this file), so\n\
         # each is checked with the rules that matter for it: assessment,\n\
         # policy or job-description. Markdown front matter (`kind: policy`)\n\
         # and --kind take precedence.\n",
    );
    if guess.kinds.is_empty() {
        text.push_str(
            "# No folder's name said what it holds; for example:\n\
             # assessment = [\"assessments/**\"]\n\
             # policy = [\"policies/**\"]\n\
             # job-description = [\"recruitment/**\", \"*-jd.md\"]\n",
        );
    } else {
        text.push_str("# Guessed from the folders' names: check them.\n");
        for (kind, globs) in &guess.kinds {
            text.push_str(&format!("{} = {}\n", kind.as_str(), toml_list(globs)));
        }
    }
    text.push_str("\n[audiences]\n");
    text.push_str(
        "# Who documents are written for (globs): public unless one matches.\n\
         # Text for the public must explain terms that staff may take as read.\n",
    );
    if guess.audiences.is_empty() {
        text.push_str("# professional = [\"guidance/**\", \"committee-reports/**\"]\n");
    } else {
        text.push_str("# Guessed from the folders' names: check them.\n");
        for (audience, globs) in &guess.audiences {
            text.push_str(&format!("{} = {}\n", audience.as_str(), toml_list(globs)));
        }
    }
    text.push_str(BOTTOM);
    text
}

/// A TOML array of strings, each quoted and escaped as TOML needs.
fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|item| toml::Value::String(item.clone()).to_string())
        .collect();
    format!("[{}]", quoted.join(", "))
}

const TOP: &str = "\
# ordinary's settings for this folder and the folders below it.
# Every key is optional; the ones commented out show what can be set.
# Every key is explained in ordinary's documentation, docs/configuration.md.

# Extra rules files or folders of them, relative to this file.
# rules = [\"house-rules.toml\"]

# false: only the rules listed above, none of the built-in ones.
# default_rules = true

# Rule ids switched off (`ordinary rules` lists them).
# disable = [\"client\"]

# Rules that are off unless switched on.
# enable = [\"abbreviation-explained-unused\"]

# Your own words and names, never flagged (case does not matter).
# accept = [\"Reablement Team\"]

# Paths not checked when walking folders (globs).
# exclude = [\"archive/**\", \"drafts\"]

# The lowest severity that fails a run: error, warning or info.
# fail_on = \"warning\"

# Later uses of a rule in a document: \"first\" (reported at info) or \"all\".
# repeats = \"first\"
";

const BOTTOM: &str = "
[severity]
# A rule's severity changed: error, warning or info.
# care-package = \"info\"

[abbreviations]
# Never flagged as unexplained (added to UK, NHS, GP …).
# allow = [\"NCRT\"]
# More different abbreviations than this in a document gets one note.
# max_distinct = 3
# Later uses of an abbreviation once explained: off, info or unchanged.
# after_explanation = \"off\"
# In documents for professionals, letters no rule knows that are used this
# many times and never explained are taken as the readers' own; 0 flags all.
# staff_shorthand_uses = 3

[readability]
# Words that make a sentence long, and very long.
# long_sentence = 25
# very_long_sentence = 40
# A finding for a document that reads older than this age (in years).
# target_reading_age = 12
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::fs;

    fn folders(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            fs::create_dir_all(dir.path().join(name)).unwrap();
        }
        dir
    }

    #[test]
    fn kinds_and_audiences_come_from_folder_names() {
        let dir = folders(&[
            "Assessments/2024",
            "policies",
            "HR/Recruitment",
            "practice guidance",
            "children/EHCP plans",
            "minutes",
        ]);
        let guess = guess(dir.path());
        assert_eq!(
            guess.kinds[&DocumentKind::Assessment],
            vec!["Assessments/**", "children/EHCP plans/**"]
        );
        assert_eq!(
            guess.kinds[&DocumentKind::Policy],
            vec!["policies/**", "practice guidance/**"]
        );
        assert_eq!(
            guess.kinds[&DocumentKind::JobDescription],
            vec!["HR/Recruitment/**"]
        );
        assert_eq!(
            guess.audiences[&Audience::Professional],
            vec!["practice guidance/**"]
        );
    }

    #[test]
    fn hidden_ignored_and_unglobbable_folders_are_left_out() {
        let dir = folders(&[".git/policies", "node_modules/policies", "[old] policies"]);
        assert_eq!(guess(dir.path()), Guess::default());
    }

    #[test]
    fn the_template_loads_with_the_real_loader_and_keeps_the_guess() {
        let dir = folders(&["assessments", "Policies \"2025\"", "café jobs"]);
        let guess = guess(dir.path());
        let text = template(&guess);
        let config = Config::parse(Path::new("ordinary.toml"), text.clone())
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(config.kinds, guess.kinds);
        assert_eq!(
            config.kinds[&DocumentKind::Policy],
            vec!["Policies \"2025\"/**"]
        );
        assert_eq!(
            config.kinds[&DocumentKind::JobDescription],
            vec!["café jobs/**"]
        );
        assert!(config.default_rules);
        assert!(config.disable.is_empty());
    }

    #[test]
    fn an_empty_folder_gets_a_template_that_loads_with_examples_commented_out() {
        let text = template(&Guess::default());
        let config = Config::parse(Path::new("ordinary.toml"), text.clone()).unwrap();
        assert!(config.kinds.is_empty() && config.audiences.is_empty());
        assert!(text.contains("# assessment = [\"assessments/**\"]"));
        // Every key the loader knows is shown.
        for key in [
            "rules",
            "default_rules",
            "disable",
            "enable",
            "accept",
            "exclude",
            "fail_on",
            "repeats",
            "[kinds]",
            "[audiences]",
            "[severity]",
            "[abbreviations]",
            "allow",
            "max_distinct",
            "after_explanation",
            "staff_shorthand_uses",
        ] {
            assert!(text.contains(key), "{key} is missing:\n{text}");
        }
    }

    #[test]
    fn every_commented_out_example_loads_when_switched_on() {
        let text = template(&Guess::default());
        let uncommented: String = text
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") => rest,
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = Config::parse(Path::new("ordinary.toml"), uncommented.clone())
            .unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
        assert_eq!(config.disable, vec!["client"]);
        assert_eq!(config.abbreviations.max_distinct, Some(3));
        assert!(config.kinds.contains_key(&DocumentKind::JobDescription));
    }
}
