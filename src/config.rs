//! `ordinary.toml`: a project's settings, found in the current folder or
//! the nearest parent that has one.
//!
//! ```toml
//! rules = ["house-rules.toml"]      # extra rules files or folders, relative to this file
//! default_rules = true              # false: only the rules listed above
//! disable = ["client"]              # rule ids switched off
//! enable = ["abbreviation-explained-unused"]  # rules that are off unless switched on
//! accept = ["Reablement Team"]      # words and phrases never flagged
//! exclude = ["archive/**"]          # paths not checked (globs)
//! fail_on = "warning"               # lowest severity that fails the run
//! repeats = "first"                 # later uses of a rule in a document: "first" (at info) or "all"
//!
//! [abbreviations]                   # the check for abbreviations nobody explained
//! allow = ["NCRT"]                  # never flagged as unexplained (added to UK, NHS, GP …)
//! max_distinct = 3                  # more different ones than this in a document gets a note
//! after_explanation = "off"         # later uses of a known one once explained: off, info or unchanged
//! staff_shorthand_uses = 3          # for professionals: unknown letters used this often are their shorthand; 0 flags all
//!
//! [kinds]                           # which documents are which kind (globs)
//! assessment = ["assessments/**"]
//! job-description = ["recruitment/**", "*-jd.md"]
//!
//! [audiences]                       # who documents are written for (globs); public by default
//! professional = ["guidance/**", "reports/**"]
//!
//! [severity]                        # a rule's severity changed
//! care-package = "info"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::engine::readability::{Limits, LimitsTable, ReadabilitySettings};
use crate::engine::{AbbreviationSettings, AfterExplanation, Repeats, Settings};
use crate::rules::{Audience, DocumentKind, Problem, RuleSource, Severity};

pub const FILE_NAME: &str = "ordinary.toml";

/// The settings in a config file, paths resolved against its folder.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from; `None` when no config file was found.
    pub path: Option<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub default_rules: bool,
    pub disable: Vec<String>,
    pub enable: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub accept: Vec<String>,
    pub exclude: Vec<String>,
    pub fail_on: Option<Severity>,
    pub repeats: Repeats,
    /// Globs naming the documents of each kind, relative to the config's folder.
    pub kinds: BTreeMap<DocumentKind, Vec<String>>,
    /// Globs naming the documents written for each audience.
    pub audiences: BTreeMap<Audience, Vec<String>>,
    /// The folder the config file is in: where its globs start.
    pub root: PathBuf,
    pub abbreviations: AbbreviationConfig,
    pub readability: ReadabilityConfig,
}

/// The `[readability]` table: how long a sentence or a paragraph may be,
/// for every document, and for some kinds (`[readability.kinds.policy]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadabilityConfig {
    pub long_sentence: Option<usize>,
    pub very_long_sentence: Option<usize>,
    pub long_paragraph_words: Option<usize>,
    pub long_paragraph_sentences: Option<usize>,
    /// The reading age a document should not be above (a finding when it is).
    pub target_reading_age: Option<u32>,
    #[serde(default)]
    pub kinds: BTreeMap<DocumentKind, LimitsTable>,
}

impl ReadabilityConfig {
    fn settings(&self) -> ReadabilitySettings {
        let limits = Limits::default().with(&LimitsTable {
            long_sentence: self.long_sentence,
            very_long_sentence: self.very_long_sentence,
            long_paragraph_words: self.long_paragraph_words,
            long_paragraph_sentences: self.long_paragraph_sentences,
            target_reading_age: self.target_reading_age,
        });
        ReadabilitySettings {
            limits,
            by_kind: self
                .kinds
                .iter()
                .map(|(kind, table)| (*kind, limits.with(table)))
                .collect(),
        }
    }
}

/// The `[abbreviations]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbbreviationConfig {
    #[serde(default)]
    pub allow: Vec<String>,
    pub max_distinct: Option<usize>,
    pub after_explanation: Option<AfterExplanation>,
    pub staff_shorthand_uses: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rules: Vec<String>,
    default_rules: Option<bool>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    accept: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    fail_on: Option<Severity>,
    #[serde(default)]
    repeats: Repeats,
    #[serde(default)]
    kinds: BTreeMap<DocumentKind, Vec<String>>,
    #[serde(default)]
    audiences: BTreeMap<Audience, Vec<String>>,
    #[serde(default)]
    abbreviations: AbbreviationConfig,
    #[serde(default)]
    readability: ReadabilityConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{}: {}", file.name, crate::rules::line_col(&file.text, problem.span.start).0, problem.message)]
    Invalid {
        file: Box<RuleSource>,
        problem: Box<Problem>,
    },
}

impl Config {
    /// The engine settings this file asks for (`ordinary check` adds its
    /// command-line `--disable` to them; the language server uses them as
    /// they are).
    pub fn settings(&self) -> Settings {
        let mut abbreviations = AbbreviationSettings::default();
        let table = &self.abbreviations;
        abbreviations.allow.extend(table.allow.iter().cloned());
        if let Some(max) = table.max_distinct {
            abbreviations.max_distinct = max;
        }
        if let Some(after) = table.after_explanation {
            abbreviations.after_explanation = after;
        }
        if let Some(uses) = table.staff_shorthand_uses {
            abbreviations.staff_shorthand_uses = uses;
        }
        Settings {
            disabled: self.disable.iter().cloned().collect(),
            enabled: self.enable.iter().cloned().collect(),
            severity: self.severity.clone().into_iter().collect(),
            accepted: self.accept.clone(),
            abbreviations,
            readability: self.readability.settings(),
            repeats: self.repeats,
        }
    }

    /// The settings when there is no config file.
    pub fn empty() -> Config {
        Config {
            default_rules: true,
            root: PathBuf::from("."),
            ..Config::default()
        }
    }

    /// `ordinary.toml` in `start` or its nearest parent that has one.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(path, text)
    }

    pub fn parse(path: &Path, text: String) -> Result<Config, ConfigError> {
        let parsed: ConfigFile = toml::from_str(&text).map_err(|error| ConfigError::Invalid {
            problem: Box::new({
                let (key, message) = crate::rules::explain_toml_error(&error);
                Problem {
                    file: 0,
                    span: error.span().unwrap_or(0..0),
                    key,
                    message,
                    related: None,
                }
            }),
            file: Box::new(RuleSource {
                name: path.display().to_string(),
                text: text.clone(),
            }),
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        Ok(Config {
            path: Some(path.to_path_buf()),
            rules: parsed.rules.iter().map(|p| dir.join(p)).collect(),
            default_rules: parsed.default_rules.unwrap_or(true),
            disable: parsed.disable,
            enable: parsed.enable,
            severity: parsed.severity,
            accept: parsed.accept,
            exclude: parsed.exclude,
            fail_on: parsed.fail_on,
            repeats: parsed.repeats,
            kinds: parsed.kinds,
            audiences: parsed.audiences,
            root: dir.to_path_buf(),
            abbreviations: parsed.abbreviations,
            readability: parsed.readability,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_a_place() {
        let error = Config::parse(
            Path::new("ordinary.toml"),
            "disable = []\nfail_onn = \"info\"\n".into(),
        )
        .unwrap_err();
        match error {
            ConfigError::Invalid { problem, file } => {
                assert!(problem.message.contains("fail_onn"), "{}", problem.message);
                assert_eq!(crate::rules::line_col(&file.text, problem.span.start).0, 2);
            }
            other => panic!("{other}"),
        }
    }

    #[test]
    fn mistakes_are_explained_like_mistakes_in_rules_files() {
        let problem = |text: &str| match Config::parse(Path::new("ordinary.toml"), text.into()) {
            Err(ConfigError::Invalid { problem, file }) => (
                problem.message,
                crate::rules::line_col(&file.text, problem.span.start).0,
            ),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(
            problem("repeat = \"first\"\n"),
            (
                "unknown key `repeat`: did you mean `repeats`?".to_string(),
                1
            )
        );
        assert_eq!(
            problem("disable = []\n\n[severity]\nrespite = \"warn\"\n"),
            (
                "unknown value `warn`: did you mean `warning`?".to_string(),
                4
            )
        );
        assert_eq!(
            problem("repeats = \"some\"\n"),
            (
                "unknown value `some` (the values are `first` or `all`)".to_string(),
                1
            )
        );
        let (message, line) = problem("colour = 1\n");
        assert!(
            message.starts_with("unknown key `colour` (the keys are `rules`"),
            "{message}"
        );
        assert_eq!(line, 1);
        // A syntax error points at the line where the mistake is.
        let (message, line) = problem("accept = [\"x\"\ndisable = 3\n");
        assert!(message.contains("expected `,`"), "{message}");
        assert_eq!(line, 2);
    }

    #[test]
    fn kinds_map_globs_and_reject_unknown_kinds() {
        let config = Config::parse(
            Path::new("ordinary.toml"),
            "[kinds]\nassessment = [\"plans/**\"]\n".into(),
        )
        .unwrap();
        assert_eq!(
            config.kinds[&DocumentKind::Assessment],
            vec!["plans/**".to_string()]
        );
        let error = Config::parse(
            Path::new("ordinary.toml"),
            "[kinds]\nassesment = [\"plans/**\"]\n".into(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("assesment"), "{error}");
    }

    #[test]
    fn rule_paths_are_relative_to_the_config_file() {
        let config = Config::parse(
            Path::new("project/ordinary.toml"),
            "rules = [\"house.toml\"]".into(),
        )
        .unwrap();
        assert_eq!(config.rules, vec![PathBuf::from("project/house.toml")]);
        assert!(config.default_rules);
    }
}
