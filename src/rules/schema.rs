//! The shape of a rules file, exactly as written in TOML.
//!
//! Values a later check may need to point at are `Spanned`, so an error can
//! name the line and column. Unknown keys are rejected (`deny_unknown_fields`)
//! so a misspelt key is an error, not a silently ignored line.

use serde::Deserialize;
use toml::Spanned;

use std::collections::BTreeMap;

use super::suggestion::PhraseClass;
use super::types::{
    Audience, BuiltinCheck, Category, DocumentKind, Severity, WordClass, WordPosition,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFile {
    /// `None` when the file (or the piece of it parsed) has no `[defaults]`.
    #[serde(default)]
    pub defaults: Option<Defaults>,
    #[serde(default)]
    pub rule: Vec<Spanned<RuleEntry>>,
    #[serde(default)]
    pub abbreviation: Vec<Spanned<AbbreviationEntry>>,
}

/// Values every rule in the file takes unless it says otherwise.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Defaults {
    pub category: Option<Category>,
    pub severity: Option<Severity>,
    pub kinds: Option<Vec<DocumentKind>>,
    pub severity_by_kind: Option<BTreeMap<DocumentKind, Severity>>,
    pub audiences: Option<Vec<Audience>>,
    pub severity_by_audience: Option<BTreeMap<Audience, Severity>>,
    pub explainable: Option<bool>,
}

pub(crate) type SpannedList = Spanned<Vec<Spanned<String>>>;

/// A suggestion: words in the rule's class, or a table saying its kind
/// and forms (checked by `suggestion::from_table`, which names the key at
/// fault).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum SuggestionEntry {
    Text(String),
    Table(BTreeMap<String, toml::Value>),
}

/// An example: the sentence alone (no edit may be offered), or the
/// sentence and how it reads after the first fitting suggestion.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum ExampleEntry {
    Text(String),
    Table(BTreeMap<String, String>),
}

pub(crate) type SuggestionList = Spanned<Vec<Spanned<SuggestionEntry>>>;
pub(crate) type ExampleList = Spanned<Vec<Spanned<ExampleEntry>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleEntry {
    pub id: Spanned<String>,
    pub category: Option<Category>,
    pub severity: Option<Severity>,
    pub phrases: Option<SpannedList>,
    pub patterns: Option<SpannedList>,
    /// A check built into the engine, instead of phrases.
    pub check: Option<BuiltinCheck>,
    pub inflect: Option<Inflect>,
    /// The word that takes the inflection, when not the usual one.
    pub inflect_word: Option<WordPosition>,
    /// What the phrase is in a sentence; its plain suggestions are the same.
    pub class: Option<PhraseClass>,
    #[serde(default)]
    pub case_sensitive: bool,
    pub suggestions: SuggestionList,
    pub why: Spanned<String>,
    pub message: Option<String>,
    pub examples: ExampleList,
    pub counter_examples: SpannedList,
    #[serde(default)]
    pub unless_followed_by: Vec<String>,
    #[serde(default)]
    pub unless_preceded_by: Vec<String>,
    /// Quoted words are a person's own, or a term being talked about
    /// ("avoid labels such as “frequent flyer”"): not flagged unless a rule
    /// says `false`.
    #[serde(default = "on")]
    pub ignore_in_quotes: bool,
    pub kinds: Option<Vec<DocumentKind>>,
    pub severity_by_kind: Option<BTreeMap<DocumentKind, Severity>>,
    pub audiences: Option<Vec<Audience>>,
    pub severity_by_audience: Option<BTreeMap<Audience, Severity>>,
    /// `false`: off unless a config switches it on.
    #[serde(default = "on")]
    pub enabled: bool,
    /// `true`: a term the text can explain; once it does, later uses are
    /// fine.
    pub explainable: Option<bool>,
    /// `true`: written with capitals, still a term the reader must be told
    /// about, not the name of a thing.
    #[serde(default)]
    pub term_in_capitals: bool,
    /// The field's own word, known to staff: not flagged in case records
    /// and job descriptions written for professionals.
    #[serde(default)]
    pub known_to_staff: bool,
}

fn on() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AbbreviationEntry {
    pub id: Option<Spanned<String>>,
    pub abbr: Spanned<String>,
    pub expansion: Spanned<String>,
    /// Words nearby that point to this meaning rather than another.
    #[serde(default)]
    pub near: Vec<String>,
    /// Other meanings of the same letters.
    #[serde(default)]
    pub senses: Vec<SenseEntry>,
    pub severity: Option<Severity>,
    pub suggestions: Option<SpannedList>,
    pub why: Option<String>,
    pub examples: ExampleList,
    pub counter_examples: SpannedList,
    #[serde(default)]
    pub unless_followed_by: Vec<String>,
    #[serde(default)]
    pub unless_preceded_by: Vec<String>,
    pub kinds: Option<Vec<DocumentKind>>,
    pub severity_by_kind: Option<BTreeMap<DocumentKind, Severity>>,
    pub audiences: Option<Vec<Audience>>,
    pub severity_by_audience: Option<BTreeMap<Audience, Severity>>,
    /// The field's own shorthand, known to staff: not flagged in case
    /// records and job descriptions written for professionals.
    #[serde(default)]
    pub known_to_staff: bool,
    /// `false`: off unless a config switches it on (the letters are still
    /// known, so the check for unexplained ones leaves them alone too).
    #[serde(default = "on")]
    pub enabled: bool,
}

/// Another meaning of an abbreviation (`PA`: personal assistant, or per
/// annum on a salary line).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SenseEntry {
    pub expansion: String,
    /// What to write for this meaning; the expansion when absent.
    pub suggestions: Option<Vec<String>>,
    /// Words nearby that point to this meaning.
    #[serde(default)]
    pub near: Vec<String>,
    /// Kinds of document where this meaning is the likely one.
    #[serde(default)]
    pub kinds: Vec<DocumentKind>,
}

impl Defaults {
    /// A rule's own kinds, or else the file's.
    pub fn kinds_or(&self, own: Option<Vec<DocumentKind>>) -> Vec<DocumentKind> {
        own.or_else(|| self.kinds.clone()).unwrap_or_default()
    }

    /// A rule's own severities by kind, or else the file's.
    pub fn severity_by_kind_or(
        &self,
        own: Option<BTreeMap<DocumentKind, Severity>>,
    ) -> BTreeMap<DocumentKind, Severity> {
        own.or_else(|| self.severity_by_kind.clone())
            .unwrap_or_default()
    }

    /// A rule's own audiences, or else the file's.
    pub fn audiences_or(&self, own: Option<Vec<Audience>>) -> Vec<Audience> {
        own.or_else(|| self.audiences.clone()).unwrap_or_default()
    }

    /// A rule's own severities by audience, or else the file's.
    pub fn severity_by_audience_or(
        &self,
        own: Option<BTreeMap<Audience, Severity>>,
    ) -> BTreeMap<Audience, Severity> {
        own.or_else(|| self.severity_by_audience.clone())
            .unwrap_or_default()
    }
}

/// `inflect = "verb"` or `inflect = ["noun", "verb"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Inflect {
    One(WordClass),
    Many(Vec<WordClass>),
}

impl Inflect {
    pub fn classes(self) -> Vec<WordClass> {
        match self {
            Inflect::One(class) => vec![class],
            Inflect::Many(classes) => classes,
        }
    }
}
