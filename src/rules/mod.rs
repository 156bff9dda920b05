//! Rules: the TOML schema, loading with precise errors, and word forms.
//!
//! A [`Ruleset`] is plain data. The engine compiles it into a phrase trie; the
//! reporters, `ordinary explain` and the language server read the same
//! [`Rule`] for their help text, so there is one source of truth.

mod compiled;
mod forms;
mod load;
mod schema;
mod suggestion;
mod types;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use compiled::compile;
pub use forms::expand as expand_forms;
pub(crate) use load::explain_toml_error;
pub use suggestion::{Example, Fit, PhraseClass, PhraseData, Suggestion, VerbPhrase, phrase_key};
pub use types::{
    Audience, BuiltinCheck, Category, DocumentKind, Profile, Severity, WordClass, WordPosition,
};

/// One rule, with every field resolved (file defaults applied).
///
/// Plain data: the serde derives store the built-in rules in the binary
/// (see [`compile`]); `ordinary rules --format json` shows rules through a
/// view of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// The phrases as written in the rules file.
    pub phrases: Vec<String>,
    /// Regular expressions, for what phrases cannot say.
    pub patterns: Vec<String>,
    /// A check built into the engine (abbreviations nobody explained …).
    pub check: Option<BuiltinCheck>,
    /// Every literal form matched: phrases, generated word forms and spelling
    /// variants, normalised (lower-case unless `case_sensitive`).
    pub forms: Vec<String>,
    pub inflect: Vec<WordClass>,
    /// What the phrase is in a sentence, which decides how suggestions fit.
    pub class: PhraseClass,
    /// The phrases as fitting compares them, worked out once.
    pub phrase_data: PhraseData,
    pub case_sensitive: bool,
    /// What an abbreviation stands for.
    pub expansion: Option<String>,
    /// The meanings of an abbreviation with more than one, the main one
    /// first; empty for one meaning. The engine picks one by the words
    /// nearby and the kind of document, or says them all.
    pub senses: Vec<Sense>,
    pub suggestions: Vec<Suggestion>,
    pub why: String,
    pub message: Option<String>,
    pub examples: Vec<Example>,
    pub counter_examples: Vec<String>,
    pub unless_followed_by: Vec<String>,
    pub unless_preceded_by: Vec<String>,
    pub ignore_in_quotes: bool,
    /// The kinds of document the rule applies to; empty means every kind.
    /// A document of no known kind is checked by every rule.
    pub kinds: Vec<DocumentKind>,
    /// A different severity in some kinds of document.
    pub severity_by_kind: BTreeMap<DocumentKind, Severity>,
    /// The audiences the rule applies to; empty means every audience.
    pub audiences: Vec<Audience>,
    /// A different severity for some audiences (it wins over the kind's).
    pub severity_by_audience: BTreeMap<Audience, Severity>,
    /// False for a rule that is off unless a config switches it on
    /// (`enable`, or a severity of its own).
    pub enabled: bool,
    /// An abbreviation of the field's own (`MCA`, `DoLS`, `LPA`) that staff
    /// writing and reading case records know: not flagged in an assessment
    /// or a job description written for professionals. Published guidance
    /// still spells it out, since new staff, partners and the public read
    /// that.
    pub known_to_staff: bool,
    /// A term the text can explain ("Reablement is short-term help at home
    /// …"): the explanation and the uses after it are not flagged.
    pub explainable: bool,
    /// A term that stays a term when written with capitals (`your Minimum
    /// Income Guarantee`): not spared as the name of a thing.
    pub term_in_capitals: bool,
    /// Where the rule is defined, as `file:line`.
    pub source: String,
}

/// One meaning of an abbreviation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sense {
    pub expansion: String,
    pub suggestions: Vec<Suggestion>,
    /// Words nearby (lower case) that point to this meaning.
    pub near: Vec<String>,
    /// Kinds of document where this meaning is the likely one.
    pub kinds: Vec<DocumentKind>,
}

/// A rules file's name (as shown in errors) and contents.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

impl RuleSource {
    /// A rules file, or every `.toml` file under a folder (sorted, so the
    /// order rules are loaded in never depends on the file system).
    pub fn from_path(path: &Path) -> Result<Vec<RuleSource>, RulesError> {
        let read = |path: &Path| {
            std::fs::read_to_string(path)
                .map(|text| RuleSource {
                    name: path.display().to_string(),
                    text,
                })
                .map_err(|source| RulesError::Read {
                    path: path.to_path_buf(),
                    source,
                })
        };
        if !path.is_dir() {
            return Ok(vec![read(path)?]);
        }
        let mut files = Vec::new();
        for entry in ignore::WalkBuilder::new(path)
            .standard_filters(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build()
        {
            let entry = entry.map_err(|e| RulesError::Read {
                path: path.to_path_buf(),
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot walk folder")),
            })?;
            if entry.file_type().is_some_and(|t| t.is_file())
                && entry.path().extension().is_some_and(|e| e == "toml")
            {
                files.push(read(entry.path())?);
            }
        }
        Ok(files)
    }

    /// The rules files and folders at `paths`, each file once however
    /// often it is named (`--rules a.toml --rules .` in a folder holding
    /// it): loaded twice, every rule in it would be a duplicate.
    pub fn from_paths<'p>(
        paths: impl IntoIterator<Item = &'p PathBuf>,
    ) -> Result<Vec<RuleSource>, RulesError> {
        let mut seen = std::collections::HashSet::new();
        let mut sources = Vec::new();
        for path in paths {
            for source in RuleSource::from_path(path)? {
                let identity = std::fs::canonicalize(&source.name)
                    .unwrap_or_else(|_| PathBuf::from(&source.name));
                if seen.insert(identity) {
                    sources.push(source);
                }
            }
        }
        Ok(sources)
    }
}

/// The loaded rules, in the order their files were given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ruleset {
    rules: Vec<Rule>,
}

impl Rule {
    /// Whether the rule is one of the engine's checks of whole sentences,
    /// paragraphs or documents (long sentences, the passive voice, the
    /// reading age), not a list of phrases: its findings span sentences.
    /// The phrase rules filed under `readability` (hidden verbs) are not.
    pub fn is_sentence_check(&self) -> bool {
        self.category == Category::Readability && self.check.is_some()
    }

    /// Whether the rule checks a document of this kind and audience.
    pub fn applies_to(&self, profile: Profile) -> bool {
        let kind = match profile.kind {
            Some(kind) => self.kinds.is_empty() || self.kinds.contains(&kind),
            None => true,
        };
        let audience = profile.audience_or_default();
        let for_staff = profile.is_case_record() || profile.is_job_for_professionals();
        kind && (self.audiences.is_empty() || self.audiences.contains(&audience))
            && !(self.known_to_staff && for_staff)
    }

    /// The rule's severity in a document of this kind and audience.
    pub fn severity_in(&self, profile: Profile) -> Severity {
        self.severity_by_audience
            .get(&profile.audience_or_default())
            .or_else(|| profile.kind.and_then(|k| self.severity_by_kind.get(&k)))
            .copied()
            .unwrap_or(self.severity)
    }
}

impl Ruleset {
    /// Parses and checks rules files. All problems in all files are reported
    /// together, the way a compiler reports every error it can find.
    pub fn load(sources: Vec<RuleSource>) -> Result<Ruleset, RulesError> {
        load::load(sources)
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// Why rules could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read rules file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", describe_problems(files, problems))]
    Invalid {
        files: Vec<RuleSource>,
        problems: Vec<Problem>,
    },
}

/// One mistake in a rules file, with the place to point at.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Index into the error's `files`.
    pub file: usize,
    pub span: Range<usize>,
    /// The TOML key at fault, e.g. `rule.suggestions`.
    pub key: Option<String>,
    pub message: String,
    /// A second place that explains the first (e.g. the other rule claiming a phrase).
    pub related: Option<(usize, Range<usize>, String)>,
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn describe_problems(files: &[RuleSource], problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            let file = &files[p.file];
            let (line, column) = line_col(&file.text, p.span.start);
            match &p.key {
                Some(key) => format!("{}:{line}:{column}: {} (key `{key}`)", file.name, p.message),
                None => format!("{}:{line}:{column}: {}", file.name, p.message),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
