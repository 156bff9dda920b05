//! `ordinary rules --format json`: the rules as a program reads them
//! (version 1). A view of its own, so the rules' stored form and this one
//! can each change without the other.

use std::collections::BTreeMap;

use serde::Serialize;

use ordinary::rules::{
    Audience, BuiltinCheck, Category, DocumentKind, Example, PhraseClass, Rule, Sense, Severity,
    Suggestion, WordClass,
};

#[derive(Serialize)]
pub struct RulesJson<'a> {
    pub version: u32,
    /// Rule count per category, for every category (zero included).
    pub categories: Vec<CategoryCount>,
    pub rules: Vec<RuleJson<'a>>,
}

#[derive(Serialize)]
pub struct CategoryCount {
    pub category: &'static str,
    pub rules: usize,
}

/// A rule: what it matches, what it says and where it is written. The
/// forms it generates and what fitting works out are left out.
#[derive(Serialize)]
pub struct RuleJson<'a> {
    id: &'a str,
    category: Category,
    severity: Severity,
    phrases: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    patterns: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<BuiltinCheck>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    inflect: &'a [WordClass],
    class: PhraseClass,
    case_sensitive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    expansion: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    senses: Vec<SenseJson<'a>>,
    /// Each suggestion's words as written.
    suggestions: Vec<&'a str>,
    why: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    examples: Vec<ExampleJson<'a>>,
    counter_examples: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    unless_followed_by: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    unless_preceded_by: &'a [String],
    ignore_in_quotes: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    kinds: &'a [DocumentKind],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    severity_by_kind: &'a BTreeMap<DocumentKind, Severity>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    audiences: &'a [Audience],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    severity_by_audience: &'a BTreeMap<Audience, Severity>,
    enabled: bool,
    known_to_staff: bool,
    explainable: bool,
    source: &'a str,
}

#[derive(Serialize)]
struct SenseJson<'a> {
    expansion: &'a str,
    suggestions: Vec<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    near: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    kinds: &'a [DocumentKind],
}

#[derive(Serialize)]
struct ExampleJson<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<&'a str>,
}

fn words(suggestions: &[Suggestion]) -> Vec<&str> {
    suggestions.iter().map(|s| s.text.as_str()).collect()
}

impl<'a> From<&'a Rule> for RuleJson<'a> {
    fn from(rule: &'a Rule) -> RuleJson<'a> {
        RuleJson {
            id: &rule.id,
            category: rule.category,
            severity: rule.severity,
            phrases: &rule.phrases,
            patterns: &rule.patterns,
            check: rule.check,
            inflect: &rule.inflect,
            class: rule.class,
            case_sensitive: rule.case_sensitive,
            expansion: rule.expansion.as_deref(),
            senses: rule.senses.iter().map(SenseJson::from).collect(),
            suggestions: words(&rule.suggestions),
            why: &rule.why,
            message: rule.message.as_deref(),
            examples: rule.examples.iter().map(ExampleJson::from).collect(),
            counter_examples: &rule.counter_examples,
            unless_followed_by: &rule.unless_followed_by,
            unless_preceded_by: &rule.unless_preceded_by,
            ignore_in_quotes: rule.ignore_in_quotes,
            kinds: &rule.kinds,
            severity_by_kind: &rule.severity_by_kind,
            audiences: &rule.audiences,
            severity_by_audience: &rule.severity_by_audience,
            enabled: rule.enabled,
            known_to_staff: rule.known_to_staff,
            explainable: rule.explainable,
            source: &rule.source,
        }
    }
}

impl<'a> From<&'a Sense> for SenseJson<'a> {
    fn from(sense: &'a Sense) -> SenseJson<'a> {
        SenseJson {
            expansion: &sense.expansion,
            suggestions: words(&sense.suggestions),
            near: &sense.near,
            kinds: &sense.kinds,
        }
    }
}

impl<'a> From<&'a Example> for ExampleJson<'a> {
    fn from(example: &'a Example) -> ExampleJson<'a> {
        ExampleJson {
            text: &example.text,
            after: example.after.as_deref(),
        }
    }
}
