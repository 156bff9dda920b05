//! The small vocabulary shared by rules, findings and reports.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of language a rule is about. A closed list, so a typo in a
/// rules file is caught when it loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    CareSystem,
    DeficitLanguage,
    Bureaucratic,
    Legalese,
    Jargon,
    Recruitment,
    /// Money and charging: disregards, tariff income, deferred payments.
    Money,
    /// Medical and NHS words a person meets in their own plan.
    Health,
    Abbreviation,
    /// Sentences that are hard to follow: too long, passive, tangled.
    Readability,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::CareSystem,
        Category::DeficitLanguage,
        Category::Bureaucratic,
        Category::Legalese,
        Category::Jargon,
        Category::Recruitment,
        Category::Money,
        Category::Health,
        Category::Abbreviation,
        Category::Readability,
    ];

    /// The identifier used in rules files, options and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::CareSystem => "care-system",
            Category::DeficitLanguage => "deficit-language",
            Category::Bureaucratic => "bureaucratic",
            Category::Legalese => "legalese",
            Category::Jargon => "jargon",
            Category::Recruitment => "recruitment",
            Category::Money => "money",
            Category::Health => "health",
            Category::Abbreviation => "abbreviation",
            Category::Readability => "readability",
        }
    }

    /// Words for people: "care-system word", used in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Category::CareSystem => "care-system word",
            Category::DeficitLanguage => "deficit language",
            Category::Bureaucratic => "office language",
            Category::Legalese => "legal-sounding word",
            Category::Jargon => "sector jargon",
            Category::Recruitment => "recruitment jargon",
            Category::Money => "money word",
            Category::Health => "medical word",
            Category::Abbreviation => "abbreviation",
            Category::Readability => "hard to follow",
        }
    }

    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of word a phrase is, which decides the forms generated from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordClass {
    Noun,
    Verb,
}

/// Which word of a phrase takes the inflection (`inflect_word`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordPosition {
    First,
    Last,
}

/// The kind of document being checked: the same words matter differently in
/// an assessment, a policy and a job description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// Care Act assessments, reviews, care and support plans, case notes.
    Assessment,
    /// Policies, practice guidance, committee and cabinet reports.
    Policy,
    /// Job descriptions, person specifications and recruitment adverts.
    JobDescription,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::Assessment,
        DocumentKind::Policy,
        DocumentKind::JobDescription,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Assessment => "assessment",
            DocumentKind::Policy => "policy",
            DocumentKind::JobDescription => "job-description",
        }
    }

    /// Parses a kind name; a few everyday synonyms are accepted.
    pub fn parse(name: &str) -> Option<DocumentKind> {
        match name
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' '], "-")
            .as_str()
        {
            "assessment" | "support-plan" | "review" | "case-note" | "case-notes" => {
                Some(DocumentKind::Assessment)
            }
            "policy" | "guidance" | "report" | "committee-report" | "cabinet-report" => {
                Some(DocumentKind::Policy)
            }
            "job-description"
            | "jd"
            | "job-advert"
            | "advert"
            | "recruitment"
            | "person-specification" => Some(DocumentKind::JobDescription),
            _ => None,
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a document is written for. Text for the public must explain what
/// text for professionals may take as read ("a strategy discussion").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Anyone: the person the document is about, their family, residents.
    Public,
    /// Staff and partners who know the terms of their field.
    Professional,
}

impl Audience {
    pub const ALL: [Audience; 2] = [Audience::Public, Audience::Professional];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Professional => "professional",
        }
    }

    /// Parses an audience name; a few everyday synonyms are accepted.
    pub fn parse(name: &str) -> Option<Audience> {
        match name.trim().to_ascii_lowercase().as_str() {
            "public" | "people" | "residents" | "everyone" => Some(Audience::Public),
            "professional" | "professionals" | "staff" | "practitioners" => {
                Some(Audience::Professional)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the rules need to know about a document: its kind and its
/// audience, either of which may be unknown. A document of no known
/// audience is read as written for the public, the stricter reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    pub kind: Option<DocumentKind>,
    pub audience: Option<Audience>,
}

impl Profile {
    /// The one place a document's profile is decided, for the kind and the
    /// audience separately: what the command line forces first, then what
    /// the document says of itself (front matter), then the config's globs.
    pub fn settle(forced: Profile, own: Profile, configured: Profile) -> Profile {
        Profile {
            kind: forced.kind.or(own.kind).or(configured.kind),
            audience: forced.audience.or(own.audience).or(configured.audience),
        }
    }

    pub fn audience_or_default(self) -> Audience {
        self.audience.unwrap_or(Audience::Public)
    }

    /// A job description written for professionals: read by people who
    /// already do the work, who know the field's letters.
    pub fn is_job_for_professionals(self) -> bool {
        self.kind == Some(DocumentKind::JobDescription)
            && self.audience_or_default() == Audience::Professional
    }

    /// A case record: an assessment staff write for each other.
    pub fn is_case_record(self) -> bool {
        self.kind == Some(DocumentKind::Assessment)
            && self.audience_or_default() == Audience::Professional
    }
}

/// Checks written in code rather than as phrases: their rules carry the
/// words people read (why, suggestions, examples), the engine does the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BuiltinCheck {
    /// A run of capitals not in the ruleset and not explained in the document.
    AbbreviationNotExplained,
    /// An abbreviation explained a second time.
    AbbreviationExplainedTwice,
    /// An abbreviation explained and then never used.
    AbbreviationExplainedUnused,
    /// More different abbreviations in one document than a reader can hold.
    TooManyAbbreviations,
    /// A sentence longer than the reader can hold (`long_sentence` words).
    LongSentence,
    /// A sentence far longer (`very_long_sentence` words).
    VeryLongSentence,
    /// A paragraph of too many words or sentences.
    LongParagraph,
    /// A verb in the passive voice, which hides who does it.
    PassiveVoice,
    /// Negatives that make the reader work out what is meant.
    TangledNegatives,
    /// A document whose reading age is above the target set for it
    /// (`target_reading_age` in the config or its front matter).
    ReadingAgeAboveTarget,
}
