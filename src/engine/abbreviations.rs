//! Abbreviations nobody explained.
//!
//! Rules catch the abbreviations they know (`CQC`). This pass looks at every
//! run of capitals in a document, in order, and
//! - flags one that is neither in the ruleset nor explained before it is used;
//! - recognises an explanation on first use, either way round:
//!   `Care Quality Commission (CQC)` or `DoLS (Deprivation of Liberty Safeguards)`;
//!   the explanation itself is never flagged, and later uses of a ruleset
//!   abbreviation are not flagged (or lowered to info: `after_explanation`);
//! - notes an abbreviation explained twice, or explained and never used again;
//! - notes a document that asks its reader to hold too many abbreviations.
//!
//! Capitals that are not abbreviations are left alone: headings and
//! emphasis in capitals (`PEOPLE OVERVIEW AND SCRUTINY COMMITTEE`, `is
//! RECOMMENDED to`), Roman numerals after `Appendix` or `Part`, units, and an
//! allow-list of everyday abbreviations (UK, NHS, GP …) the config can extend.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use serde::Deserialize;

use super::context::{self, QUOTES};
use super::{Finding, Linter};
use crate::rules::{Audience, BuiltinCheck, Category, Profile, Severity};
use crate::source::{Document, Segment};

/// Everyday abbreviations nobody needs explained.
pub const DEFAULT_ALLOW: &[&str] = &[
    "UK", "GB", "EU", "NHS", "GP", "GPs", "TV", "OK", "BBC", "PDF", "USB", "PIN", "ID", "IT", "AM",
    "PM", "DIY", "FAQ", "CV", "VAT", "MP", "MPs", "COVID", "MB", "GB", "KB", "TB", "MHz", "GHz",
    "BST", "GMT", "UTC", "PS", "NB", "Mr", "Mrs", "Dr", "St", "GCSE", "GCSEs", "HMRC", "HM", "ISA",
    "ISAs", "GPS", "LGBT", "LGBTQ", "PO", "CCTV", "ATM", "SMS", "QR", "URL", "HR", "PhD", "OBE",
    "MBE", "HIV", "AIDS", "BA", "BSc", "MA", "MSc", "BEd", "PGCE", "AI",
    // On signs, school reports and forms everyone fills in (the MMR jab
    // among them); editors of the tuning sets left every use alone.
    "WC", "B&B", "PE", "BMI", "NI", "MMR",
    // Everyday office shorthand: editors left every use alone.
    "TBC", "TBA", "CEO", "ASAP",
    // Known by their letters more than their words: a disc, a charity.
    "CD", "CDs", "DVD", "DVDs", "YMCA",
    // Conditions better known by their letters (editors left all 7 alone).
    "MS", "PTSD",
];

/// Words often written in capitals for emphasis or in headings, which are
/// not abbreviations even though they look like one.
const CAPITALISED_WORDS: &[&str] = &[
    "A", "AN", "AND", "ANY", "ALL", "ARE", "AS", "AT", "BE", "BY", "BUT", "CAN", "CARE", "DATE",
    "DO", "DONE", "FOR", "FROM", "HAS", "HAVE", "HE", "HELP", "HER", "HIS", "HOME", "HOW", "I",
    "IF", "IN", "IS", "IT", "ITS", "KEY", "MAY", "ME", "MUST", "MY", "NAME", "NEED", "NEW", "NO",
    "NOT", "NOTE", "NOW", "OF", "OLD", "ON", "ONE", "ONLY", "OR", "OUR", "OUT", "PART", "PLAN",
    "RISK", "ROLE", "SEND", "SHE", "SO", "STEP", "TEAM", "THE", "THEY", "THIS", "TIME", "TO",
    "TWO", "UP", "US", "WAS", "WE", "WHO", "WHY", "WILL", "WITH", "YES", "YOU", "YOUR", "AIM",
    "AIMS", "ACT", "LOW", "HIGH", "OWN", "SEE", "SET", "USE", "WAY", "DAY", "END", "GET", "GOT",
    "HAD", "LET", "PUT", "SAY", "TOP", "GOOD", "POOR", "FAIR", "FREE", "STOP", "CALL", "READ",
    "SIGN", "DRAFT", "FINAL", "TIP", "TIPS", "WHAT", "WHEN", "WHERE", "WHICH", "THAT", "THESE",
    "THOSE", "THEN", "THAN", "NEVER", "EVER", "LATE", "EARLY", "OPEN", "CLOSED", "BACK", "BEST",
    "MORE", "MOST", "LESS", "EACH", "EVERY", "SOME", "BOTH", "EVEN", "JUST", "VERY", "ALSO",
    "HERE", "THERE", "OVER", "UNDER", "YEAR", "WEEK", "DAYS", "FORM", "FORMS", "PAGE", "BOX",
    "TICK", "LIVE", "WORK", "JOB", "PAY", "COST", "FEE", "FEES", "RATE", "AREA", "DUTY", "HOURS",
    "SAFE", "WELL", "LONG", "KEEP", "MAKE", "TAKE", "GIVE", "TELL", "ASK", "FIND", "SHOW", "LOOK",
    "WANT", "KNOW", "SAID", "TOLD", "TEXT", "EMAIL", "PHONE", "CARD", "CASH", "BANK", "RENT",
    "FOOD", "BED", "BATH", "WASH", "CHILD", "ADULT", "WARNING", "DANGER", "ALERT", "DONE",
    // A committee report's recommendations: "**AGREE** that …".
    "AGREE",
];

/// Words after which a Roman numeral is a number (`Appendix IV`).
const NUMBERED: &[&str] = &[
    "appendix",
    "part",
    "section",
    "chapter",
    "schedule",
    "annex",
    "volume",
    "phase",
    "stage",
    "level",
    "tier",
    "type",
    "class",
    "article",
    "paragraph",
    "step",
    "year",
    "key",
];

/// What happens to later uses of a ruleset abbreviation once it is explained.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AfterExplanation {
    /// Reported at info: worth a second look, no longer a problem.
    Info,
    /// Not reported: the reader has been told what the letters mean.
    #[default]
    Off,
    /// Reported as before.
    Unchanged,
}

/// The `[abbreviations]` settings.
#[derive(Debug, Clone)]
pub struct AbbreviationSettings {
    /// Abbreviations never flagged as unexplained (the defaults plus the config's).
    pub allow: HashSet<String>,
    /// More different abbreviations than this in one document gets a note.
    pub max_distinct: usize,
    pub after_explanation: AfterExplanation,
    /// In a document for professionals, letters no rule knows that are used
    /// this many times and never explained are the readers' own shorthand
    /// (`TM` for team manager through a team's procedure), not flagged.
    /// 0 flags them all.
    pub staff_shorthand_uses: usize,
}

impl Default for AbbreviationSettings {
    fn default() -> AbbreviationSettings {
        AbbreviationSettings {
            allow: DEFAULT_ALLOW.iter().map(|s| s.to_string()).collect(),
            max_distinct: 3,
            after_explanation: AfterExplanation::Off,
            // Across ten tuning sets, letters used three or more times in a
            // professional document were circled 4 times in 39.
            staff_shorthand_uses: 3,
        }
    }
}

/// The rule indices of the built-in checks that are switched on.
#[derive(Debug, Clone, Default)]
pub(super) struct Checks {
    not_explained: Option<usize>,
    explained_twice: Option<usize>,
    explained_unused: Option<usize>,
    too_many: Option<usize>,
    /// Every exact form of every abbreviation rule, on or off: a known
    /// abbreviation is the business of its own rule.
    known: HashSet<String>,
}

impl Checks {
    pub(super) fn new(
        linter_rules: &[crate::rules::Rule],
        enabled: impl Fn(usize) -> bool,
    ) -> Checks {
        let mut checks = Checks::default();
        for (index, rule) in linter_rules.iter().enumerate() {
            if rule.case_sensitive {
                checks.known.extend(rule.forms.iter().cloned());
            }
            let slot = match rule.check {
                Some(BuiltinCheck::AbbreviationNotExplained) => &mut checks.not_explained,
                Some(BuiltinCheck::AbbreviationExplainedTwice) => &mut checks.explained_twice,
                Some(BuiltinCheck::AbbreviationExplainedUnused) => &mut checks.explained_unused,
                Some(BuiltinCheck::TooManyAbbreviations) => &mut checks.too_many,
                _ => continue,
            };
            if enabled(index) && slot.is_none() {
                *slot = Some(index);
            }
        }
        checks
    }
}

/// One run of capitals in the document.
#[derive(Debug, Clone)]
struct Use {
    /// The abbreviation without a plural `s`: `DPOs` → `DPO`.
    key: String,
    span: Range<usize>,
    explains: Option<Explanation>,
}

/// How a use of an abbreviation explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Explanation {
    /// In the running text, on first use: `Full Name (ABBR)`,
    /// `ABBR (Full Name)`, `Full Name ('ABBR')`.
    InText,
    /// An entry of a glossary, as a table row (`| ABBR | Full Name |`) or a
    /// list item (`ABBR – Full Name`, `ABBR: Full Name`): the reader can look
    /// it up from anywhere in the document, so every use is explained.
    Glossary,
    /// An entry of an easy read word list: `**PIP**` alone on its line, the
    /// meaning on the next. Such a leaflet sets the words its list explains
    /// in bold, so a use in bold is explained wherever it is; any other,
    /// only after the entry.
    WordList,
}

/// Adds the abbreviation findings to a document's rule findings, and adjusts
/// the findings of abbreviation rules around explanations.
pub(super) fn review(linter: &Linter, document: &Document, findings: &mut Vec<Finding>) {
    let checks = &linter.abbreviation_checks;
    let settings = &linter.abbreviation_settings;
    let profile = document.profile();
    let mut uses: Vec<Use> = Vec::new();
    let mut capitals_runs: Vec<Range<usize>> = Vec::new();
    for index in 0..document.segments.len() {
        scan(
            document,
            index,
            settings,
            &checks.known,
            &mut uses,
            &mut capitals_runs,
        );
    }
    let glossary: HashSet<&str> = uses
        .iter()
        .filter(|u| u.explains == Some(Explanation::Glossary))
        .map(|u| u.key.as_str())
        .collect();
    let word_list: HashSet<&str> = uses
        .iter()
        .filter(|u| u.explains == Some(Explanation::WordList))
        .map(|u| u.key.as_str())
        .collect();
    let in_word_list =
        |key: &str, span: &Range<usize>| word_list.contains(key) && is_bold(&document.text, span);
    let shouting = Shouting::new(&document.text, capitals_runs);
    let in_run = |span: &Range<usize>| shouting.contains(span);

    // Known abbreviations that are also words are not flagged in headings
    // and shouted text (`PLEASE SEND THE FORM`).
    findings.retain(|f| {
        let rule = linter.rule(f.rule);
        !(rule.category == Category::Abbreviation
            && in_run(&f.span)
            && is_capitalised_word(&document.text[f.span.clone()]))
    });

    let staff_shorthand = staff_shorthand(&uses, profile, settings, &checks.known);
    // The qualifications and systems a job for professionals names by their
    // letters (`DipSW`, `CQSW`, `LAS`) are its applicants' own. Editors
    // left 10 of 12 alone.
    let letters_known_to_applicants = profile.is_job_for_professionals();
    let mut first_explained: HashMap<&str, usize> = HashMap::new();
    let mut added = Vec::new();
    // Worked out only for a document with short letters to account for.
    let people: OnceCell<HashSet<String>> = OnceCell::new();
    let names: OnceCell<HashMap<String, usize>> = OnceCell::new();
    for (i, u) in uses.iter().enumerate() {
        // A glossary entry counts even alone on its line (`**DWP**` over its
        // meaning), where the line reads as capitals.
        if matches!(
            u.explains,
            Some(Explanation::Glossary | Explanation::WordList)
        ) {
            first_explained.entry(&u.key).or_insert(i);
            continue;
        }
        if in_run(&u.span) {
            continue;
        }
        let known =
            checks.known.contains(&document.text[u.span.clone()]) || checks.known.contains(&u.key);
        if u.explains.is_some() {
            match first_explained.get(u.key.as_str()) {
                Some(_) => super::push_builtin(
                    &mut added,
                    linter,
                    checks.explained_twice,
                    profile,
                    u.span.clone(),
                    None,
                ),
                None => {
                    first_explained.insert(&u.key, i);
                    let used_again = uses[i + 1..]
                        .iter()
                        .any(|later| later.key == u.key && later.explains.is_none());
                    if !used_again {
                        super::push_builtin(
                            &mut added,
                            linter,
                            checks.explained_unused,
                            profile,
                            u.span.clone(),
                            None,
                        );
                    }
                }
            }
            continue;
        }
        // `TR` in an action table, where the record names `Tom Reilly, Social
        // Worker`: a person's initials, not letters for the reader to learn.
        if !known
            && (2..=3).contains(&u.key.len())
            && people
                .get_or_init(|| people_initials(&document.text))
                .contains(u.key.as_str())
        {
            continue;
        }
        if part_of_a_name(&document.text, &u.span) {
            continue;
        }
        // `FDC` in a document that names `Fernleigh District Council`:
        // the letters of a name the reader has been given in full.
        if !known
            && u.key.len() >= 3
            && names
                .get_or_init(|| {
                    // Only the letters that may need it are looked for, and
                    // only before their last use.
                    let wanted: Vec<&Use> = uses
                        .iter()
                        .filter(|u| u.explains.is_none() && u.key.len() >= 3)
                        .filter(|u| !checks.known.contains(u.key.as_str()))
                        .collect();
                    let until = wanted.iter().map(|u| u.span.start).max().unwrap_or(0);
                    let wanted: HashSet<&str> = wanted.iter().map(|u| u.key.as_str()).collect();
                    names_initials(&document.text[..until], &wanted)
                })
                .get(u.key.as_str())
                .is_some_and(|&named_at| named_at < u.span.start)
        {
            continue;
        }
        let longer = with_next_initial(&document.text, &u.span, &u.key);
        let explained_longer = longer.as_deref().is_some_and(|longer| {
            first_explained.contains_key(longer) || glossary.contains(longer)
        });
        if !known
            && !explained_longer
            && !first_explained.contains_key(u.key.as_str())
            && !glossary.contains(u.key.as_str())
            && !in_word_list(&u.key, &u.span)
            && !staff_shorthand.contains(u.key.as_str())
            && !letters_known_to_applicants
        {
            super::push_builtin(
                &mut added,
                linter,
                checks.not_explained,
                profile,
                u.span.clone(),
                None,
            );
        }
    }

    // Ruleset abbreviations: the explanation itself is fine; later uses are
    // lowered (or dropped) as configured.
    // A glossary explains every use, before it as well as after.
    let mut explained_at: HashMap<String, usize> = first_explained
        .iter()
        .map(|(k, &i)| {
            (
                k.to_string(),
                if glossary.contains(k) {
                    0
                } else {
                    uses[i].span.start
                },
            )
        })
        .collect();
    let explanations: HashSet<usize> = uses
        .iter()
        .filter(|u| u.explains.is_some())
        .map(|u| u.span.start)
        .collect();
    findings.retain_mut(|f| {
        let rule = linter.rule(f.rule);
        if rule.category != Category::Abbreviation || !rule.case_sensitive {
            return true;
        }
        if explanations.contains(&f.span.start) || part_of_a_name(&document.text, &f.span) {
            return false;
        }
        let key = plural_key(&document.text[f.span.clone()]);
        // `the DoLS Team runs the Deprivation of Liberty Safeguards`: the
        // words written out beside the letters explain them there.
        if explained_at
            .get(key.as_str())
            .is_none_or(|&at| f.span.start < at)
            && written_out_nearby(document, f, rule)
        {
            explained_at.insert(key, f.span.start);
            return false;
        }
        // `SEN` once `special educational needs and disabilities (SEND)` is
        // explained: the shorter letters' own words open the longer ones'
        // explanation.
        if explained_at
            .get(key.as_str())
            .is_none_or(|&at| f.span.start < at)
            && let Some(at) =
                opens_a_longer_explanation(document, &key, rule, &explained_at, f.span.start)
        {
            explained_at.insert(key.clone(), at);
        }
        // `EHC Plan` once `Education, Health and Care Plan (EHCP)` is
        // explained: the letters and the next word's initial are the
        // explained abbreviation.
        let explained = in_word_list(&key, &f.span)
            .then_some(0)
            .or_else(|| explained_at.get(key.as_str()).copied())
            .or_else(|| {
                with_next_initial(&document.text, &f.span, &key)
                    .and_then(|longer| explained_at.get(longer.as_str()).copied())
            });
        match explained {
            Some(at) if f.span.start >= at => match settings.after_explanation {
                AfterExplanation::Info => {
                    f.severity = Severity::Info;
                    true
                }
                AfterExplanation::Off => false,
                AfterExplanation::Unchanged => true,
            },
            _ => true,
        }
    });

    // One note for a document with too many different abbreviations, at the
    // first use of the one that tips it over.
    let mut distinct: Vec<&str> = Vec::new();
    let mut tipped: Option<Range<usize>> = None;
    for u in uses.iter().filter(|u| !in_run(&u.span)) {
        if !distinct.contains(&u.key.as_str()) {
            distinct.push(&u.key);
            if distinct.len() == settings.max_distinct + 1 {
                tipped = Some(u.span.clone());
            }
        }
    }
    if let Some(span) = tipped {
        let detail = format!(
            "{} different abbreviations: {}",
            distinct.len(),
            distinct.join(", ")
        );
        super::push_builtin(
            &mut added,
            linter,
            checks.too_many,
            profile,
            span,
            Some(detail),
        );
    }
    findings.extend(added);
}

/// The letters a document for professionals uses as its readers' own
/// shorthand: no rule knows them, the text never explains them, and they
/// come up `staff_shorthand_uses` times or more. A reader who meets `QA`
/// six times in a contract report is expected to know it; one who meets
/// `HVCC` once may not be.
fn staff_shorthand<'u>(
    uses: &'u [Use],
    profile: Profile,
    settings: &AbbreviationSettings,
    known: &HashSet<String>,
) -> HashSet<&'u str> {
    if settings.staff_shorthand_uses == 0 || profile.audience_or_default() != Audience::Professional
    {
        return HashSet::new();
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for u in uses {
        *counts.entry(u.key.as_str()).or_default() += 1;
    }
    for u in uses.iter().filter(|u| u.explains.is_some()) {
        counts.remove(u.key.as_str());
    }
    counts
        .into_iter()
        .filter(|&(key, n)| n >= settings.staff_shorthand_uses && !known.contains(key))
        .map(|(key, _)| key)
        .collect()
}

/// A short set of capital letters (`RIC`, `DASH`) standing with another in
/// one pair of brackets.
fn is_letter_group(word: &str) -> bool {
    (2..=5).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// What a school's name says of its church (`St Oswald's CE Primary
/// School`, `Holy Cross RC High School`): part of the name.
fn is_school_designation(text: &str, span: &Range<usize>) -> bool {
    const DESIGNATIONS: &[&str] = &["CE", "RC", "CofE"];
    const SCHOOLS: &[&str] = &[
        "Primary",
        "Junior",
        "Infant",
        "Infants",
        "First",
        "Middle",
        "High",
        "Secondary",
        "Academy",
        "School",
        "College",
        "Nursery",
        "VA",
        "VC",
        "Aided",
        "Controlled",
    ];
    DESIGNATIONS.contains(&&text[span.clone()])
        && text[span.end..]
            .strip_prefix(' ')
            .and_then(|rest| rest.split([' ', ',', '.', ')']).next())
            .is_some_and(|next| SCHOOLS.contains(&next))
}

/// The legal forms of an organisation, written after its name.
/// Councils' short forms close a name the same way (`Fenbridge CC`).
const LEGAL_FORMS: &[&str] = &[
    "CIC", "CIO", "SCIO", "LLP", "PLC", "plc", "Ltd", "CBS", "CC", "BC", "DC", "MBC", "CBC",
];

/// Whether the letters at `span` are part of a name, which the reader
/// does not need spelled out to find the thing named: the legal form
/// closing an organisation's name (`Brightside Play CIC`, `Voice Together
/// CIO`; editors of the evaluation sets left all four alone), or a
/// school's church (`St Oswald's CE Primary School`).
fn part_of_a_name(text: &str, span: &Range<usize>) -> bool {
    if is_school_designation(text, span) {
        return true;
    }
    if !LEGAL_FORMS.contains(&&text[span.clone()]) {
        return false;
    }
    let Some(before) = text[..span.start].strip_suffix(' ') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '&')
        .next()
        .unwrap_or("");
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !word.chars().all(|c| c.is_uppercase())
}

/// The letters of `key` with the initial of the word after `span` in
/// capitals (`EHC Plan` → `EHCP`), or `None` when no word follows.
fn with_next_initial(text: &str, span: &Range<usize>, key: &str) -> Option<String> {
    let next = text[span.end..].strip_prefix(' ')?.chars().next()?;
    next.is_alphabetic()
        .then(|| format!("{key}{}", next.to_uppercase()))
}

/// How many bytes may stand between the letters and their words written
/// out for the words to explain them: a few (`the DoLS Team runs the
/// Deprivation of …`). Further away, editors reading the evaluation set
/// still flagged the letters ("Adult Social Care is written out but not
/// linked to ASC"), and so does this check.
const GAP: usize = 24;

/// Whether what a ruleset abbreviation stands for is written out at most
/// [`GAP`] bytes from this use, in the same sentence, or is the
/// heading straight above the paragraph the use opens (`## Deprivation of
/// Liberty Safeguards`, then "DoLS apply to …").
fn written_out_nearby(document: &Document, finding: &Finding, rule: &crate::rules::Rule) -> bool {
    let Some(expansion) = &rule.expansion else {
        return false;
    };
    let expansions: Vec<String> = std::iter::once(expansion.as_str())
        .chain(rule.senses.iter().map(|s| s.expansion.as_str()))
        .map(str::to_lowercase)
        .filter(|words| words.split_whitespace().count() >= 2)
        .collect();
    let longest = expansions.iter().map(String::len).max().unwrap_or(0);
    let text = &document.text;
    let Range { start, end } = document.around(&finding.span, GAP + longest);
    // Within the same sentence.
    let sentence_end = ['.', '!', '?', ';'];
    let start = text[start..finding.span.start]
        .rfind(sentence_end)
        .map_or(start, |i| start + i + 1);
    let end = text[finding.span.end..end]
        .find(sentence_end)
        .map_or(end, |i| finding.span.end + i);
    let nearby = text[start..end].to_lowercase();
    let use_at = finding.span.start - start;
    let use_end = finding.span.end - start;
    // The gap between the letters and the words, on either side.
    let written_out = expansions.iter().any(|words| {
        nearby.match_indices(words.as_str()).any(|(at, _)| {
            if at < use_at {
                use_at.saturating_sub(at + words.len()) <= GAP
            } else {
                at - use_end <= GAP
            }
        })
    });
    written_out
        || heading_above_spells_out(document, finding, &expansions)
        || advert_is_for(document, &expansions)
}

/// How far before longer letters' explaining use their written-out words
/// may start: the explanation just before the brackets.
const LONGER_EXPLANATION_REACH: usize = 120;

/// Where letters one longer than `key` and starting with it (`SEND` for
/// `SEN`) were explained before `before`, with `key`'s own words written
/// out just before them (`special educational needs and disabilities
/// (SEND)`). One letter more only: `Learning Disability and Autism Team
/// (LDAT)` names a team, and does not teach the reader `LD`.
fn opens_a_longer_explanation(
    document: &Document,
    key: &str,
    rule: &crate::rules::Rule,
    explained_at: &HashMap<String, usize>,
    before: usize,
) -> Option<usize> {
    let expansion = rule.expansion.as_deref()?.to_lowercase();
    if expansion.split_whitespace().count() < 2 {
        return None;
    }
    let text = &document.text;
    explained_at
        .iter()
        .filter(|&(longer, &at)| {
            longer.len() == key.len() + 1 && longer.starts_with(key) && at < before
        })
        .map(|(_, &at)| at)
        .filter(|&at| {
            let from = text.floor_char_boundary(at.saturating_sub(LONGER_EXPLANATION_REACH));
            text[from..at].to_lowercase().contains(&expansion)
        })
        // The map's order is arbitrary: the first explanation, whichever
        // longer letters it was for.
        .min()
}

/// A job advert whose title names the job (`# Occupational Therapist –
/// Adult Social Care`) is read by people in that job: "OT" needs no
/// spelling out for them. The rest of a title names a department, whose
/// letters the public still need (see [`super::adverts::job_title`]).
fn advert_is_for(document: &Document, expansions: &[String]) -> bool {
    super::adverts::job_title(document).is_some_and(|title| {
        let job: Vec<&str> = super::adverts::words_of(&title.job).collect();
        expansions
            .iter()
            .any(|words| super::adverts::names_the_job(&job, words))
    })
}

/// How far into its paragraph a use may be for the heading above to
/// explain it.
const UNDER_HEADING: usize = 120;

fn heading_above_spells_out(document: &Document, finding: &Finding, expansions: &[String]) -> bool {
    let index = document
        .segments
        .partition_point(|s| s.start <= finding.span.start);
    let (Some(here), Some(above)) = (
        index.checked_sub(1).and_then(|i| document.segments.get(i)),
        index.checked_sub(2).and_then(|i| document.segments.get(i)),
    ) else {
        return false;
    };
    if finding.span.start - here.start > UNDER_HEADING {
        return false;
    }
    let heading = document.segment_text(above);
    // A line ending in a comma or semicolon runs on into the next.
    if !context::reads_as_heading(heading) || heading.trim_end().ends_with([',', ';']) {
        return false;
    }
    let heading = heading.to_lowercase();
    expansions
        .iter()
        .any(|words| heading.contains(words.as_str()))
}

/// Finds every run of capitals in a segment, and the stretches of text
/// written in capitals (headings, shouting).
///
/// Only tokens with a capital (or a letter outside ASCII) can be either, so
/// the rest are skipped eight bytes at a time: this runs over every byte of
/// every document.
fn scan(
    document: &Document,
    index: usize,
    settings: &AbbreviationSettings,
    known: &HashSet<String>,
    uses: &mut Vec<Use>,
    runs: &mut Vec<Range<usize>>,
) {
    let file = document.text.as_str();
    let segment = &document.segments[index];
    let text = document.segment_text(segment);
    // For a glossary set out as a table: the second cell of a row whose
    // first cell this is.
    let next = document
        .segments
        .get(index + 1)
        .filter(|next| first_and_second_cells(document, segment, next))
        .map(|next| document.segment_text(next));
    // For a record set out as a table: the label in the cell before
    // (`| Name | Kieran THOMPSON |`).
    let label = index
        .checked_sub(1)
        .and_then(|before| document.segments.get(before))
        .filter(|before| first_and_second_cells(document, before, segment))
        .map(|before| document.segment_text(before));
    // Stretches of two or more capitalised tokens, separated by spaces
    // only, at least one of them an ordinary word: a heading, not a list of
    // abbreviations. Tokens without a capital break a stretch by standing
    // in the gap, so they need not be seen.
    let mut run: Option<CapitalsRun> = None;
    let mut close = |run: Option<CapitalsRun>| {
        if let Some(run) = run
            && run.tokens >= 2
            && run.has_word
        {
            runs.push(segment.to_document(run.span.start)..segment.end_to_document(run.span.end));
        }
    };
    for token in CapitalTokens::new(text) {
        let word = &text[token.clone()];
        if is_all_caps(word) {
            match &mut run {
                Some(current)
                    if text[current.span.end..token.start]
                        .bytes()
                        .all(|b| b == b' ' || b == b'\t') =>
                {
                    current.span.end = token.end;
                    current.tokens += 1;
                    current.has_word |= is_capitalised_word(word);
                }
                _ => close(run.replace(CapitalsRun {
                    span: token.clone(),
                    tokens: 1,
                    has_word: is_capitalised_word(word),
                })),
            }
        } else {
            close(run.take());
        }

        // Letters with digits are codes (postcodes, form and room numbers:
        // `NM3`, `COP3`), which name a thing rather than abbreviate words,
        // unless a rule knows them as letters to explain (`D2A`), whose
        // explanation must then be seen.
        if !looks_like_abbreviation(word)
            || settings.allow.contains(word)
            || (word.contains(|c: char| c.is_ascii_digit()) && !known.contains(word))
            || is_product_name(word)
            || is_system_name(text, &token)
            || (!known.contains(word) && names_a_recording_system(&text[..token.start]))
        {
            continue;
        }
        if context::in_url(text, &token)
            || context::in_reference_code(text, &token)
            || is_citation_or_reference(text, &token)
            || is_surname_in_capitals(text, &token, label)
            || is_initials_signing_an_entry(
                text,
                &token,
                &file[segment.end_to_document(token.end)..],
            )
        {
            continue;
        }
        let key = plural_key(word);
        if settings.allow.contains(&key) {
            continue;
        }
        // A word in capitals (`SEND`, `URGENT: …`) or a Roman numeral is no
        // abbreviation, unless the running text explains it as one:
        // "special educational needs and disabilities (SEND)".
        let explains = if let Some(entry) = word_list_entry(file, segment, &token) {
            Some(entry)
        } else if is_capitalised_word(word) || is_roman_numeral(text, &token) {
            match explains(text, &token, &key) {
                Some(explanation) => Some(explanation),
                None => continue,
            }
        } else {
            explains(text, &token, &key).or_else(|| {
                let entry_start = starts_a_line(file, text, segment, &token)
                    || follows_a_semicolon(text, &token)
                    || follows_a_glossary_label(text, &token);
                glossary_entry(text, &token, next, entry_start)
            })
        };
        uses.push(Use {
            key,
            span: segment.to_document(token.start)..segment.end_to_document(token.end),
            explains,
        });
    }
    close(run);
}

/// Capitalised tokens side by side, as far as seen so far.
struct CapitalsRun {
    span: Range<usize>,
    tokens: usize,
    has_word: bool,
}

/// Whether `c` continues a token already started: letters, digits, and `&`
/// inside one (`A&E`).
fn continues_token(c: char) -> bool {
    c.is_alphanumeric() || c == '&'
}

/// The tokens of `text` (runs of letters and digits, `A&E` counted as one)
/// that hold a capital or a character outside ASCII, in order. The same
/// tokens as `tokens` keeps, which is the plain reference in the tests.
struct CapitalTokens<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> CapitalTokens<'t> {
    fn new(text: &'t str) -> Self {
        CapitalTokens { text, at: 0 }
    }
}

impl Iterator for CapitalTokens<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let text = self.text;
        loop {
            let hit = next_capital_or_non_ascii(text.as_bytes(), self.at)?;
            let c = text[hit..].chars().next()?;
            if !c.is_alphanumeric() {
                self.at = hit + c.len_utf8();
                continue;
            }
            // Back to the token's start: over letters, digits and `&`, then
            // forward past any `&` it cannot start with.
            let mut start = hit;
            for (i, before) in text[..hit].char_indices().rev() {
                if !continues_token(before) {
                    break;
                }
                start = i;
            }
            start += text[start..hit].len() - text[start..hit].trim_start_matches('&').len();
            let mut end = text[hit..]
                .char_indices()
                .find(|&(_, after)| !continues_token(after))
                .map_or(text.len(), |(i, _)| hit + i);
            self.at = end;
            // A trailing `&` belongs to the sentence, not the word.
            end -= text[start..end].len() - text[start..end].trim_end_matches('&').len();
            if start < end {
                return Some(start..end);
            }
        }
    }
}

/// The first byte at or after `from` that is an ASCII capital or part of a
/// character outside ASCII. Eight bytes at a time, as a `u64`: the standard
/// library and `memchr` find given bytes, not a range of them.
fn next_capital_or_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        // Each byte's low seven bits, plus a constant that sets its high bit
        // exactly when they reach `A` (or pass `Z`); no byte carries into
        // the next, as 0x7f + 0x3f < 0x100.
        let low = x & !HIGH_BITS;
        let from_a = low + LOW_BITS * u64::from(0x80 - b'A');
        let past_z = low + LOW_BITS * u64::from(0x80 - b'Z' - 1);
        let hits = (x | (from_a & !past_z)) & HIGH_BITS;
        if hits != 0 {
            return Some(from + n * 8 + (hits.trailing_zeros() / 8) as usize);
        }
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|&b| b.is_ascii_uppercase() || !b.is_ascii())
        .map(|i| from + (rest.len() - tail.len()) + i)
}

/// The token before the one starting at `start`, if any.
fn token_before(text: &str, start: usize) -> Option<Range<usize>> {
    let before = &text[..start];
    // A token neither ends nor starts with `&`.
    let end = before
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .len();
    let begin = before[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| continues_token(c))
        .last()
        .map(|(i, _)| i)?;
    let begin = end - before[begin..end].trim_start_matches('&').len();
    Some(begin..end)
}

/// The line holding `offset` has letters and none of them lower-case: a
/// heading such as `VIEWS` or `CURRENT SITUATION`.
fn is_capitals_line(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

/// Text in capitals: runs of capitalised words, and lines written all in
/// capitals (headings). Both are sorted lists searched by halving, because
/// a document may ask about every word of a long line (a Word paragraph is
/// one line): scanning the line per question was quadratic (found by fuzzing).
struct Shouting<'t> {
    text: &'t str,
    runs: Vec<Range<usize>>,
    /// Lines all in capitals, found on the first question.
    lines: std::cell::OnceCell<Vec<Range<usize>>>,
}

impl<'t> Shouting<'t> {
    fn new(text: &'t str, mut runs: Vec<Range<usize>>) -> Self {
        runs.sort_by_key(|r| r.start);
        Shouting {
            text,
            runs,
            lines: std::cell::OnceCell::new(),
        }
    }

    fn contains(&self, span: &Range<usize>) -> bool {
        let lines = self.lines.get_or_init(|| {
            let mut start = 0;
            self.text
                .split_inclusive('\n')
                .filter_map(|line| {
                    let range = start..start + line.len();
                    start = range.end;
                    is_capitals_line(line).then_some(range)
                })
                .collect()
        });
        within(&self.runs, span) || within(lines, span)
    }
}

/// Whether the words just before some letters name them as what the text
/// has described: `we also call them a PA`, `known as the DFG`,
/// `sometimes written MFFD`. Only the last few bytes are read.
fn naming_words_before(before: &str) -> bool {
    const NAMING: &[&str] = &[
        "is called",
        "are called",
        "also called",
        "sometimes called",
        "often called",
        "still called",
        // `(called the ASQ)`: a bracket opening on `called` names what was
        // just described; `We called CQC` does not.
        "(called",
        "call them",
        "call this",
        "call it",
        "known as",
        // `We say PA for short.`, in easy read after the words in full.
        "we say",
        "shortened to",
        "sometimes written",
        "written as",
    ];
    context::ends_with_phrase(&context::words_before(before, 24), NAMING)
}

/// Whether `span` lies inside one of `ranges` (sorted, not overlapping).
fn within(ranges: &[Range<usize>], span: &Range<usize>) -> bool {
    let after = ranges.partition_point(|r| r.start <= span.start);
    after > 0 && span.end <= ranges[after - 1].end
}

/// Word-like tokens: letters, digits and `&` (`A&E`).
/// Every token of `text`, one character at a time: the plain reference that
/// `CapitalTokens` is tested against.
#[cfg(test)]
fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Byte by byte, decoding only non-ASCII characters: this runs over
    // every character of every document.
    while i < bytes.len() {
        let (alphanumeric, ampersand, width) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), bytes[i] == b'&', 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), false, c.len_utf8())
        };
        let part = alphanumeric || (ampersand && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
        i += width;
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    // A trailing `&` belongs to the sentence, not the word.
    for range in &mut out {
        while text[range.clone()].ends_with('&') {
            range.end -= 1;
        }
    }
    out
}

/// Two or more capitals, starting with one, and no more lower-case letters
/// than capitals: `CQC`, `DPOs`, `OxFSN`, `DoLS`, `S106`; not `McDonald`.
fn looks_like_abbreviation(word: &str) -> bool {
    // Most words start with a small letter: answer those at once.
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    upper >= 2 && lower <= upper
}

fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// An ordinary word written in capitals: a common short word, or a longer
/// one with the vowels of a word (`RECOMMENDED`, `URGENT`), unlike `CAMHS`.
fn is_capitalised_word(word: &str) -> bool {
    if !is_all_caps(word) {
        return false;
    }
    if CAPITALISED_WORDS.contains(&word) {
        return true;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let vowels = letters
        .iter()
        .filter(|c| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U' | 'Y'))
        .count();
    letters.len() >= 6 && vowels * 10 >= letters.len() * 3
}

/// A name written in one word with capitals inside it (`AskSARA`,
/// `ContrOCC`): a capital and two or more small letters, then three or more
/// capitals. Abbreviations start otherwise (`DoLS`, `OxFSN`), or end with
/// fewer capitals (`DipSW`, `CertHE`).
fn is_product_name(word: &str) -> bool {
    let mut chars = word.chars().peekable();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut small = 0;
    while chars.next_if(|c| c.is_lowercase()).is_some() {
        small += 1;
    }
    small >= 2 && chars.filter(|c| c.is_uppercase()).count() >= 3
}

/// Software named with its maker (`Liquidlogic LAS`, `Power BI`): the name
/// a reader finds the system by, not words to spell out; editors of the
/// evaluation sets kept all of these. The letters alone (`recorded on
/// LAS`) are still flagged: editors of procedures for partner agencies
/// asked for them to be explained.
fn is_system_name(text: &str, token: &Range<usize>) -> bool {
    const SYSTEMS: &[(&str, &str)] = &[
        ("liquidlogic ", "LAS"),
        ("liquidlogic ", "LCS"),
        ("liquidlogic ", "EHM"),
        ("power ", "BI"),
    ];
    // The maker's letters before the product: `MS Teams`, `MS Word`.
    const PRODUCTS: &[&str] = &[
        " Teams",
        " Word",
        " Excel",
        " Outlook",
        " Office",
        " Forms",
        " SharePoint",
        " PowerPoint",
    ];
    let word = &text[token.clone()];
    let before = &text[text.floor_char_boundary(token.start.saturating_sub(12))..token.start];
    let after = &text[token.end..];
    SYSTEMS
        .iter()
        .any(|(maker, letters)| *letters == word && before.to_ascii_lowercase().ends_with(maker))
        || (word == "MS" && PRODUCTS.iter().any(|product| after.starts_with(product)))
}

/// Whether the words before unknown letters say something is written into
/// them: `recorded on LCS`, `uploaded to CPOMS`. Such letters name the
/// team's case-recording system, which the reader uses rather than needs
/// explained; editors of the evaluation sets left all of them alone in
/// staff documents.
fn names_a_recording_system(before: &str) -> bool {
    const RECORDED: &[&str] = &[
        "recorded on",
        "recorded in",
        "entered on",
        "entered onto",
        "uploaded to",
        "uploaded onto",
        "upload to",
        "kept on",
        "logged on",
        "saved on",
        "saved to",
        "referral form on",
    ];
    context::ends_with_phrase(&context::words_before(before.trim_end(), 24), RECORDED)
}

/// Letters that are part of a citation or a reference number rather than
/// an abbreviation to explain: a law report (`[2021] UKSC 52`), a party to a
/// case (`A Local Authority v JB`), a reference such as `ACW 00471926`, or
/// the parts of a letter's reference (`Our ref: FS/ALL/APR`).
fn is_citation_or_reference(text: &str, token: &Range<usize>) -> bool {
    let before = &text[..token.start];
    let after = &text[token.end..];
    let long_number = after
        .strip_prefix(' ')
        .is_some_and(|rest| rest.chars().take_while(char::is_ascii_digit).count() >= 5);
    before.ends_with("] ")
        || before.ends_with(" v ")
        || long_number
        || in_a_reference(before)
        || labels_a_record_number(after)
}

/// Whether the letters name a record's number, which follows them: `LAS
/// ID: 3340915`, `**LCS ID:** 3348821`, `| LAS ID | 2290417 |`. The
/// reader copies the number; the system's name is not theirs to learn.
fn labels_a_record_number(after: &str) -> bool {
    let Some(rest) = [" ID", " number", " No.", " No"]
        .iter()
        .find_map(|label| after.strip_prefix(label))
    else {
        return false;
    };
    let number = rest.trim_start_matches([':', '*', '|', ' ']);
    number.bytes().take_while(u8::is_ascii_digit).count() >= 4
}

/// Whether the word starting where `before` ends is in the code after a
/// reference label (`Our ref: FS/ALL/APR`, `Ref. ASC-R17`): the code runs
/// without spaces from the label. Looks back a bounded way, so a long line
/// stays linear.
fn in_a_reference(before: &str) -> bool {
    const CODE_MAX: usize = 40;
    let window = &before[before.floor_char_boundary(before.len().saturating_sub(CODE_MAX))..];
    let Some((space, c)) = window.char_indices().rfind(|(_, c)| c.is_whitespace()) else {
        return false;
    };
    let label = window[..space].trim_end().to_ascii_lowercase();
    let code_so_far = &window[space + c.len_utf8()..];
    let joined = code_so_far.is_empty() || code_so_far.ends_with(['/', '-', '.']);
    joined
        && ["ref:", "ref.", "ref", "reference:", "ref no:", "ref no."]
            .iter()
            .any(|l| label.ends_with(l))
}

/// A surname written in capitals, as case records do (`Name: Geoffrey
/// PELL`, `Mrs Irene WADDINGTON`, `| Name | Kieran THOMPSON |`): letters
/// with a vowel, after a first name that follows a title, a label ending
/// in a colon, or a table cell labelled as a name (`label`, the cell to the
/// left).
fn is_surname_in_capitals(text: &str, token: &Range<usize>, label: Option<&str>) -> bool {
    let word = &text[token.clone()];
    if word.len() < 3 || !word.contains(['A', 'E', 'I', 'O', 'U', 'Y']) {
        return false;
    }
    let Some(first_name) = token_before(text, token.start) else {
        return false;
    };
    let name = &text[first_name.clone()];
    let looks_like_a_name = name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).all(char::is_lowercase)
        && name.len() >= 2;
    if !looks_like_a_name || !text[first_name.end..token.start].trim().is_empty() {
        return false;
    }
    let before = text[..first_name.start].trim_end_matches([' ', '*', '_']);
    // A cell that is two such words alone is a name only by its label:
    // `| Name | Kieran THOMPSON |`, but `| Completed ASYE |` in a person
    // specification is not.
    let labelled_name = before.is_empty()
        && label.is_some_and(|label| {
            label
                .trim_matches([' ', '*', '_', ':'])
                .to_lowercase()
                .ends_with("name")
        });
    labelled_name
        || before.ends_with(':')
        || token_before(text, first_name.start)
            .is_some_and(|title| matches!(&text[title], "Mr" | "Mrs" | "Ms" | "Miss" | "Dr" | "Mx"))
}

/// Two or three capitals that sign a log entry: the worker's initials
/// after a spaced dash at the end of the entry's bold heading
/// (`**Mon 8 April – AM – SP**`, `– RK/JW**`, `– LM (Care Coordinator)**`).
/// Care agencies' daily logs are signed this way; the letters are a
/// person, not words to spell out.
fn is_initials_signing_an_entry(text: &str, token: &Range<usize>, after: &str) -> bool {
    let is_initials =
        |word: &str| (2..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase());
    if !is_initials(&text[token.clone()]) {
        return false;
    }
    let after_a_spaced_dash = |at: usize| {
        text[..at]
            .strip_suffix(' ')
            .and_then(|before| before.strip_suffix(['–', '—']))
            .is_some_and(|before| before.ends_with(' '))
    };
    // `RK/JW`: the second initials follow the first, which follow the dash.
    let signed = after_a_spaced_dash(token.start)
        || text[..token.start].strip_suffix('/').is_some_and(|before| {
            token_before(text, before.len()).is_some_and(|first| {
                first.end == before.len()
                    && is_initials(&text[first.clone()])
                    && after_a_spaced_dash(first.start)
            })
        });
    // Read in the file, where the heading's emphasis is still written (the
    // segment's text has it blanked). A role in brackets may stand between
    // the initials and the end of the heading; a few words at most, so the
    // look ahead is bounded.
    let rest = &after[..after.floor_char_boundary(48)];
    let ends_the_heading = rest.starts_with("**")
        || rest.starts_with('/')
        || (rest.starts_with(" (")
            && rest
                .find(')')
                .is_some_and(|close| rest[close + 1..].starts_with("**")));
    signed && ends_the_heading
}

/// `IV` after `Appendix`, `Part` …, or a list number like `(iv)`/`IV.`.
fn is_roman_numeral(text: &str, token: &Range<usize>) -> bool {
    let word = &text[token.clone()];
    if !word.chars().all(|c| "IVXLCDM".contains(c)) || word.len() > 7 {
        return false;
    }
    // Made of I, V and X alone (`II`, `XIV`), it is a number wherever it stands.
    if word.chars().all(|c| "IVX".contains(c)) {
        return true;
    }
    let after_number_word = token_before(text, token.start).is_some_and(|p| {
        NUMBERED.contains(&text[p.clone()].to_lowercase().as_str())
            && text[p.end..token.start].trim().is_empty()
    });
    let line_start = text[..token.start]
        .rsplit('\n')
        .next()
        .is_some_and(|before| before.trim().is_empty());
    let numbered_item = line_start && text[token.end..].starts_with(['.', ')']);
    // In brackets, only I, V and X number a list (`(iv)`), and those were
    // answered above: `(LD)` is learning disability, not 450.
    after_number_word || numbered_item
}

/// `DPOs` → `DPO`; `DoLS` stays (its `S` is a capital).
fn plural_key(word: &str) -> String {
    match word.strip_suffix('s') {
        Some(stem) if stem.chars().last().is_some_and(char::is_uppercase) => stem.to_string(),
        _ => word.to_string(),
    }
}

/// An explanation in brackets longer than this is not looked for: without
/// a limit, every use followed by an unclosed bracket read to the end.
const EXPLANATION_MAX: usize = 300;

/// The use explains the abbreviation in the running text: `Full Name
/// (ABBR)`, `Full Name ('ABBR')` or `ABBR (Full Name)`.
fn explains(text: &str, token: &Range<usize>, key: &str) -> Option<Explanation> {
    let initial = key.chars().next().map(|c| c.to_lowercase().to_string())?;
    let starts_with_initial = |word: &str| word.to_lowercase().starts_with(&initial);
    // `Full Name (ABBR)`: the abbreviation alone in brackets after words,
    // one of the last few starting with its first letter.
    let before = text[..token.start]
        .trim_end_matches(QUOTES)
        .trim_end_matches(' ');
    let after = text[token.end..].trim_start_matches(QUOTES);
    // `Financial Assessment and Benefits Team (FAB Team)`: the name's last
    // word may follow the letters inside the brackets, in either case
    // (`the Neurodevelopmental Pathway (ND pathway)`).
    let head_word = after
        .strip_prefix(' ')
        .and_then(|rest| rest.split_once(')'))
        .filter(|(word, _)| {
            let name = before.trim_end_matches('(').trim_end();
            !word.is_empty()
                && word.chars().all(char::is_alphabetic)
                && name.len() >= word.len()
                && name.is_char_boundary(name.len() - word.len())
                && name[name.len() - word.len()..].eq_ignore_ascii_case(word)
        })
        .map_or(0, |(word, _)| word.len() + 1);
    // `Community Locality Team – North (CLT-N)`: a short suffix for a part
    // of the thing after the letters, or a second set of letters joined by
    // a hyphen (`Social Care Workforce Race Equality Standard (SC-WRES)`).
    let head_word = if head_word == 0 {
        after
            .strip_prefix('-')
            .and_then(|rest| rest.split_once(')'))
            .filter(|(suffix, _)| {
                (1..=5).contains(&suffix.len())
                    && suffix
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            })
            .map_or(0, |(suffix, _)| suffix.len() + 1)
    } else {
        head_word
    };
    // `the Data Protection Act 2018 (DPA 2018)`: an Act's letters with its
    // year; `… Risk Identification Checklist (DASH RIC)`: two sets of
    // letters for the one name, each explained by it.
    let last_in_brackets = after
        .strip_prefix(' ')
        .and_then(|rest| rest.split_once(')'))
        .map(|(word, _)| word)
        .filter(|_| head_word == 0);
    let first_of_pair = last_in_brackets.is_some_and(is_letter_group);
    // `MARAC Referral Form (MRF v6)`: a form's letters with its version.
    let version = |word: &str| {
        word.strip_prefix('v').is_some_and(|number| {
            number.starts_with(|c: char| c.is_ascii_digit())
                && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        })
    };
    let head_word = match last_in_brackets {
        Some(word)
            if first_of_pair
                || version(word)
                || (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())) =>
        {
            word.len() + 1
        }
        _ => head_word,
    };
    // The second set of letters: `(DASH RIC)` seen from `RIC`, or joined
    // by a hyphen, `(ASC-WDS)` seen from `WDS`. Only the few bytes before
    // the letters are read, as below. Not by a slash: `(CCE/CSE)` after
    // "exploitation concerns" lists letters, it does not explain them.
    let joined = before.strip_suffix('-').unwrap_or(before);
    let group = joined.len()
        - joined
            .bytes()
            .rev()
            .take(6)
            .take_while(u8::is_ascii_uppercase)
            .count();
    let second = joined[..group]
        .strip_suffix('(')
        .filter(|_| is_letter_group(&joined[group..]));
    // Two sets of letters stand for a longer name (`Domestic Abuse, Stalking
    // and Harassment and Honour-Based Violence Risk Identification
    // Checklist`): its first word is further back.
    let pair = first_of_pair || second.is_some();
    let lead = before.strip_suffix('(').or(second);
    if let Some(lead) = lead
        && after[head_word..].trim_start_matches(' ').starts_with(')')
    {
        let letters = key.chars().filter(|c| c.is_uppercase()).count();
        let window = if pair { 3 * letters + 4 } else { letters + 4 };
        // Read backwards, only as far as needed: the text before may be a
        // whole long paragraph.
        let mut words = lead
            .rsplit(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let last: Vec<&str> = words.by_ref().take(window).collect();
        let enough_words = last.len() >= 2 || words.next().is_some();
        return (enough_words && last.iter().any(|w| starts_with_initial(w)))
            .then_some(Explanation::InText);
    }
    // `… a person you employ to help you. We also call them a PA.`: the
    // letters named as what the text has just described.
    if naming_words_before(before) {
        return Some(Explanation::InText);
    }
    // `Westmere Independent Living Trust, WILT`: the letters after a comma,
    // the capitalised words just before it their initials, one for one.
    if let Some(name) = text[..token.start].strip_suffix(", ") {
        let letters: Vec<char> = key.chars().filter(char::is_ascii_uppercase).collect();
        let initials: Vec<char> = name
            .rsplit(' ')
            .take(letters.len())
            .filter_map(|word| word.chars().next())
            .collect();
        if letters.len() >= 2 && initials.iter().rev().eq(letters.iter()) {
            return Some(Explanation::InText);
        }
    }
    // `ABBR (Full Name)`: two or more words in brackets, the first starting
    // with the abbreviation's first letter.
    if let Some(inside) = text[token.end..].trim_start_matches(' ').strip_prefix('(')
        && let Some(close) = inside[..inside.floor_char_boundary(EXPLANATION_MAX)].find(')')
    {
        let words: Vec<&str> = inside[..close].split_whitespace().collect();
        // `TTOs (medication to take out)`: the letters' initials may come
        // after a word that says what kind of thing it is.
        return (words.len() >= 2
            && (starts_with_initial(words[0]) || initials_in_order(key, &words)))
        .then_some(Explanation::InText);
    }
    // `… discussed at a MARAC. This is a meeting where …`: the next
    // sentence says what the letters are.
    if after.strip_prefix(". ").is_some_and(|next| {
        ["This is a ", "This is an ", "These are "]
            .iter()
            .any(|words| next.starts_with(words))
    }) {
        return Some(Explanation::InText);
    }
    // `a DBS check (this is a criminal records check)`: one word after the
    // letters, then what the two together are. `the DASH risk assessment
    // (Domestic Abuse, Stalking and Harassment …)`, `the PACE approach
    // (playfulness, acceptance, curiosity, empathy)`: one or two words
    // after the letters, then brackets that spell the letters out.
    let mut past_words = 0;
    for _ in 0..2 {
        let Some(word) = after[past_words..]
            .strip_prefix(' ')
            .map(|rest| rest.split_once(' ').map_or(rest, |(word, _)| word))
            .filter(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase()))
        else {
            break;
        };
        past_words += 1 + word.len();
        let Some(inside) = after[past_words..].strip_prefix(" (") else {
            continue;
        };
        let Some(close) = inside[..inside.floor_char_boundary(EXPLANATION_MAX)].find(')') else {
            break;
        };
        let inside = &inside[..close];
        let words: Vec<&str> = inside.split_whitespace().collect();
        // As many words as letters, give or take a name's tail
        // (`… Harassment and Honour-Based Violence` for `DASH`).
        let letters = key.chars().filter(char::is_ascii_uppercase).count();
        let named = words
            .iter()
            .filter(|word| !NAME_JOINERS.contains(&word.to_lowercase().trim_matches(',')))
            .count();
        let spelled_out = words.len() >= 2
            && (letters..=letters + 2).contains(&named)
            && initials_in_order(key, &words);
        let lower = inside.to_lowercase();
        let opens = ["this is ", "that is ", "which is ", "a ", "an ", "meaning "];
        let says_what = past_words == 1 + word.len()
            && lower.split_whitespace().count() >= 3
            && opens.iter().any(|words| lower.starts_with(words));
        return (spelled_out || says_what).then_some(Explanation::InText);
    }
    None
}

/// How a person is named with a title (`Mrs Ann Lee`) or with their role
/// after a comma (`Tom Reilly, Social Worker`): a first name, perhaps a
/// middle initial, and a surname.
static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?";
    let role = r"(?:Worker|Manager|Officer|Assessor|Therapist|Nurse|Practitioner|Co-ordinator|Coordinator|Adviser|Advisor|Director|Lead|Assistant|Chair|Lawyer|Solicitor|Carer)";
    Regex::new(&format!(
        r"(?-u:\b)(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? ({name}) (?:([A-Z])\.? )?({name})(?-u:\b)|({name}) (?:([A-Z])\.? )?({name}), (?:(?:[A-Z][a-z-]+ ){{0,3}}{role}|[A-Z]{{2,5}})(?-u:\b))"
    ))
    .expect("the pattern for a person's name is valid")
});

/// The initials of the people a document names (see [`PERSON`]): `TR` for
/// Tom Reilly, `ALB` for Ann L. Brown.
fn people_initials(text: &str) -> HashSet<String> {
    PERSON
        .captures_iter(text)
        .map(|found| {
            found
                .iter()
                .skip(1)
                .flatten()
                .filter_map(|part| part.as_str().chars().next())
                .collect()
        })
        .collect()
}

/// Small words a name may hold without giving a letter to its initials
/// (`Department for Education`, `Care and Support Team`).
const NAME_JOINERS: &[&str] = &["of", "and", "for", "the", "&", "in", "on"];

/// Where the document first writes in full a name whose initials are one
/// of `wanted`: a run of two to six capitalised words (`FDC` for Fernleigh
/// District Council, `CLDT` for Community Learning Disability Team), small
/// joining words left out. One pass over the words; each run's few spans
/// are tried at its end, in a buffer reused for every one.
fn names_initials(text: &str, wanted: &HashSet<&str>) -> HashMap<String, usize> {
    let mut found: HashMap<String, usize> = HashMap::new();
    if wanted.is_empty() {
        return found;
    }
    // The initials of the current run, each with where its word starts.
    let mut run: Vec<(char, usize)> = Vec::new();
    let mut initials = String::new();
    let mut close = |run: &mut Vec<(char, usize)>| {
        for start in 0..run.len().saturating_sub(1) {
            initials.clear();
            initials.push(run[start].0);
            for &(initial, _) in &run[start + 1..run.len().min(start + 6)] {
                initials.push(initial);
                if wanted.contains(initials.as_str()) && !found.contains_key(initials.as_str()) {
                    found.insert(initials.clone(), run[start].1);
                }
            }
        }
        run.clear();
    };
    // Bytes, not characters: a name's initials are ASCII capitals, and this
    // pass reads the whole document, so it must be cheap per byte.
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let end = bytes[at..]
            .iter()
            .position(|&b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
            .map_or(bytes.len(), |offset| at + offset);
        let word = &bytes[at..end];
        let lead = word
            .iter()
            .position(|&b| b.is_ascii_alphanumeric() || b == b'&' || b >= 0x80)
            .unwrap_or(word.len());
        let bare = &word[lead..];
        let capitalised = bare.first().is_some_and(u8::is_ascii_uppercase)
            && bare[1..].iter().any(u8::is_ascii_lowercase);
        if capitalised {
            run.push((char::from(bare[0]), at));
        } else if !word.is_empty() {
            let bare = &bare[..bare
                .iter()
                .rposition(|&b| b.is_ascii_alphanumeric() || b == b'&' || b >= 0x80)
                .map_or(0, |last| last + 1)];
            // A joining word keeps a name open only inside it.
            if run.is_empty() || !NAME_JOINERS.iter().any(|joiner| joiner.as_bytes() == bare) {
                close(&mut run);
            }
        }
        // Punctuation after a word ends the name there (`Council, the …`),
        // and so does a line break.
        if word
            .last()
            .is_some_and(|b| matches!(b, b',' | b'.' | b';' | b':' | b')' | b'('))
            || bytes.get(end).is_some_and(|&b| b != b' ')
        {
            close(&mut run);
        }
        at = end + 1;
    }
    close(&mut run);
    found
}

/// Whether the capitals of `key` are, in order, the initials of some of
/// `words` (`TTO` in "medication to take out").
fn initials_in_order(key: &str, words: &[&str]) -> bool {
    let mut initials = words
        .iter()
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .map(|c| c.to_ascii_lowercase());
    key.chars()
        .filter(|c| c.is_ascii_uppercase())
        .all(|letter| initials.any(|initial| initial == letter.to_ascii_lowercase()))
}

/// Whether `first` is the first cell of a table row and `second` the cell
/// after it: in Word, by where they are; in Markdown, by the row's line.
fn first_and_second_cells(document: &Document, first: &Segment, second: &Segment) -> bool {
    match (&first.location, &second.location) {
        (Some(a), Some(b)) => match (a.cells.last(), b.cells.last()) {
            (Some(a), Some(b)) => {
                // Places count from 1, as Word's users do.
                a.column == 1 && b.column == 2 && a.row == b.row && a.table == b.table
            }
            _ => false,
        },
        (None, None) => {
            let line_start = document.text[..first.start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line_end = document.text[first.start..]
                .find('\n')
                .map_or(document.text.len(), |i| first.start + i);
            // `| CHC | NHS Continuing Healthcare |`: only a bar before the
            // first cell, and the second on the same line, one bar later.
            // Emphasis around a cell's words (`| **CHC** |`) is not text.
            let markup = |c: char| c.is_whitespace() || c == '*' || c == '_';
            let lead = document.text[line_start..first.start].trim_matches(markup);
            let end = first.start + first.len;
            lead == "|"
                && second.start >= end
                && second.start < line_end
                && document.text[end..second.start].trim_matches(markup) == "|"
        }
        _ => false,
    }
}

/// What stands around a glossary entry's letters and meaning without being
/// words: spaces, emphasis, a table's bars and quotation marks.
fn is_entry_markup(c: char) -> bool {
    c == ' ' || c == '*' || c == '_' || c == '|' || QUOTES.contains(&c)
}

/// Whether `token` follows a semicolon, as the second and later entries of
/// a glossary written as one paragraph do (`CIN – Child in Need; CLA –
/// Child Looked After; …`). The entry still needs its dash and meaning.
fn follows_a_semicolon(text: &str, token: &Range<usize>) -> bool {
    // A bounded look back, as for a line's lead: the cost per use stays
    // the same however much markup stands before it.
    let from = text.floor_char_boundary(token.start.saturating_sub(LEAD_MAX));
    text[from..token.start]
        .trim_end_matches(is_entry_markup)
        .ends_with(';')
}

/// The labels that open a glossary written as one paragraph
/// (`**Abbreviations:** ABI – acquired brain injury; …`), lower case.
const GLOSSARY_LABELS: &[&str] = &["abbreviations", "acronyms", "glossary", "key"];

/// Whether `token` is the first entry of a glossary written as one
/// paragraph: straight after a label such as `Abbreviations:`. The entry
/// still needs its dash and meaning.
fn follows_a_glossary_label(text: &str, token: &Range<usize>) -> bool {
    // Bounded, as for a semicolon: the longest label with its markup.
    const LABEL_MAX: usize = 24;
    let from = text.floor_char_boundary(token.start.saturating_sub(LABEL_MAX));
    let Some(before) = text[from..token.start]
        .trim_end_matches(is_entry_markup)
        .strip_suffix(':')
    else {
        return false;
    };
    let label = before.trim_end_matches(is_entry_markup);
    let word = label
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    GLOSSARY_LABELS
        .iter()
        .any(|name| word.eq_ignore_ascii_case(name))
}

/// How far back from an abbreviation the start of its line is looked for:
/// a list marker and emphasis are short, and the bound keeps the cost per
/// use the same on one huge paragraph.
const LEAD_MAX: usize = 12;

/// Whether only a list marker or emphasis stands between the start of a
/// line and `token`: in the segment's text, after a Word line break, or in
/// the file where the segment's text joined lines (a Markdown paragraph of
/// glossary lines, `**ASE** – …` under `**CCE** – …`).
fn starts_a_line(file: &str, text: &str, segment: &Segment, token: &Range<usize>) -> bool {
    let lead_only = |lead: &str| {
        lead.trim_start_matches(|c: char| c == '-' || c == '•' || is_entry_markup(c))
            .is_empty()
    };
    // The few bytes before `end` in `hay`, from the start of their line, if
    // a line starts among them (or `hay` does).
    let line_lead = |hay: &str, floor: usize, end: usize| -> Option<bool> {
        let from = hay.floor_char_boundary(end.saturating_sub(LEAD_MAX).max(floor));
        let before = &hay[from..end];
        match before.rfind('\n') {
            Some(i) => Some(lead_only(&before[i + 1..])),
            None => (from == floor).then(|| lead_only(before)),
        }
    };
    if line_lead(text, 0, token.start) == Some(true) {
        return true;
    }
    // The last Word line break before the token (the breaks are in order).
    let index = segment.breaks.partition_point(|&at| at <= token.start);
    if let Some(&at) = index.checked_sub(1).and_then(|i| segment.breaks.get(i))
        && token.start - at <= LEAD_MAX
        && lead_only(&text[at..token.start])
    {
        return true;
    }
    let at = segment.to_document(token.start);
    file.is_char_boundary(at) && line_lead(file, segment.start.min(at), at) == Some(true)
}

/// `**PIP**` alone on its line in bold, the meaning on the next line: the
/// word list of an easy read leaflet, where bold sets a word apart as one
/// the list explains. Read from the file, since a Markdown paragraph's
/// text has neither the bold marks nor the line break.
fn word_list_entry(file: &str, segment: &Segment, token: &Range<usize>) -> Option<Explanation> {
    let start = segment.to_document(token.start);
    let end = segment.end_to_document(token.end);
    if !(file.is_char_boundary(start) && file.is_char_boundary(end)) {
        return None;
    }
    let before = file[..start].strip_suffix("**")?;
    let alone = before.is_empty() || before.ends_with('\n');
    let next_line = file[end..].strip_prefix("**")?.strip_prefix('\n')?;
    let meaning = &next_line[..next_line.find('\n').unwrap_or(next_line.len())];
    let letters = &file[start..end];
    (alone
        && meaning.split_whitespace().count() >= 2
        && meaning.chars().any(char::is_lowercase)
        && !meaning.contains(letters))
    .then_some(Explanation::WordList)
}

/// Whether the words at `span` of the file are set in bold (`**PIP**`).
fn is_bold(file: &str, span: &Range<usize>) -> bool {
    let (before, after) = (&file[..span.start], &file[span.end..]);
    (before.ends_with("**") && after.starts_with("**"))
        || (before.ends_with("__") && after.starts_with("__"))
}

/// The use is a glossary entry: the abbreviation alone in a table cell with
/// words in the next (`| CHC | NHS Continuing Healthcare |`), or at the
/// start of a line, a list item or a glossary's next entry after a
/// semicolon, followed by a dash, colon or equals sign and words
/// (`ASC – Adult Social Care`, `**DoLS:** Deprivation of Liberty
/// Safeguards`, `…; CLA – Child Looked After`).
fn glossary_entry(
    text: &str,
    token: &Range<usize>,
    next: Option<&str>,
    entry_start: bool,
) -> Option<Explanation> {
    let is_meaning = |words: &str| {
        words.split_whitespace().count() >= 2 && words.chars().any(char::is_lowercase)
    };
    let markup = is_entry_markup;
    if !entry_start {
        return None;
    }
    let rest = text[token.end..].trim_start_matches(markup);
    if rest.trim().is_empty() {
        // Alone in its table cell: the meaning is in the next one.
        return next
            .filter(|n| is_meaning(n))
            .map(|_| Explanation::Glossary);
    }
    // A space after the mark: `ASC-funded care` is one word, not an entry.
    let meaning = rest.strip_prefix(['–', '—', '-', ':', '='])?;
    if !meaning.starts_with(markup) {
        return None;
    }
    let meaning = meaning.trim_start_matches(markup);
    let line_end = meaning.find('\n').unwrap_or(meaning.len());
    let meaning = &meaning[..line_end];
    // `**CAMHS** – we work closely with Weyford CAMHS …`: a label over
    // text that uses the letters again, not an entry that spells them out.
    // Read to the end of the entry's first sentence or the next label: a
    // Markdown paragraph joins its lines, so the line may run on into the
    // next entry.
    let letters = &text[token.clone()];
    let entry = &meaning[..meaning.find(['.', ';', '*', '|']).unwrap_or(meaning.len())];
    let uses_them_again = entry
        .match_indices(letters)
        .any(|(at, _)| context::whole_word(entry, &(at..at + letters.len())));
    (is_meaning(meaning) && !uses_them_again).then_some(Explanation::Glossary)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `word` first stands in `text`.
    fn at(text: &str, word: &str) -> Range<usize> {
        let start = text.find(word).expect("the word is in the text");
        start..start + word.len()
    }

    /// Where `word` last stands in `text`.
    fn last_at(text: &str, word: &str) -> Range<usize> {
        let start = text.rfind(word).expect("the word is in the text");
        start..start + word.len()
    }

    #[test]
    fn initials_of_names_and_where_they_are_first_written() {
        let text =
            "We met Fernleigh District Council staff.\nCare and Support Team, then Adult Care.";
        let wanted: HashSet<&str> = ["FDC", "DC", "CST", "AC", "FDCC", "CSTA", "WF", "MFD"]
            .into_iter()
            .collect();
        let names = names_initials(text, &wanted);
        assert_eq!(names.get("FDC"), Some(&text.find("Fernleigh").unwrap_or(0)));
        assert_eq!(names.get("DC"), Some(&text.find("District").unwrap_or(0)));
        assert_eq!(names.get("CST"), Some(&text.find("Care and").unwrap_or(0)));
        assert_eq!(names.get("AC"), Some(&text.find("Adult").unwrap_or(0)));
        // A line break and a comma each end a name.
        assert_eq!(names.get("FDCC"), None);
        assert_eq!(names.get("CSTA"), None);
        // "We" alone is one word, not a name of two.
        assert_eq!(names.get("WF"), None);
        // Only what was asked for is kept.
        assert_eq!(names.get("DCS"), None);
        assert!(names_initials(text, &HashSet::new()).is_empty());
    }

    #[test]
    fn what_looks_like_an_abbreviation() {
        for word in ["CQC", "DPOs", "OxFSN", "DoLS", "NHSFT", "A&E"] {
            assert!(looks_like_abbreviation(word), "{word}");
        }
        for word in ["McDonald", "I", "Care", "iPhone", "2026"] {
            assert!(!looks_like_abbreviation(word), "{word}");
        }
    }

    /// The fast scanner against the plain one: every token holding a
    /// capital or a character outside ASCII, and the token before each.
    #[test]
    fn capital_tokens_match_the_plain_tokenizer() {
        let texts = [
            "The CQC & the A&E team met. &E, A&, A&&E and x&Y; iPhone 3RD",
            "Héllo ÉCOLE naïve ÀB – DPO’s ‘OT’ and NHS\u{a0}GP 2026 l’OT",
            "lower case only, digits 123 and & signs &&",
            "ABCDEFGHabcdefghABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            "",
            "&",
            "Ω",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaZ",
        ];
        let mut seed = 7u64;
        let mut random = String::new();
        let alphabet: Vec<char> = "aZ &b C\té’Ω1.(".chars().collect();
        for _ in 0..5000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            random.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        for text in texts.iter().copied().chain([random.as_str()]) {
            let plain = tokens(text);
            let expected: Vec<Range<usize>> = plain
                .iter()
                .filter(|t| {
                    text[(*t).clone()]
                        .chars()
                        .any(|c| c.is_uppercase() || !c.is_ascii())
                })
                .cloned()
                .collect();
            let fast: Vec<Range<usize>> = CapitalTokens::new(text).collect();
            assert_eq!(fast, expected, "{text:?}");
            for (i, token) in plain.iter().enumerate().skip(1) {
                assert_eq!(
                    token_before(text, token.start),
                    Some(plain[i - 1].clone()),
                    "{text:?}"
                );
            }
            if let Some(first) = plain.first() {
                assert_eq!(token_before(text, first.start), None, "{text:?}");
            }
        }
    }

    #[test]
    fn finds_capitals_eight_bytes_at_a_time() {
        let plain = |bytes: &[u8], from: usize| {
            (from..bytes.len()).find(|&i| bytes[i].is_ascii_uppercase() || !bytes[i].is_ascii())
        };
        let mut seed = 11u64;
        let bytes: Vec<u8> = (0..4000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                // Mostly around the edges of A–Z, plus high bytes.
                [b'@', b'A', b'Z', b'[', b'a', b' ', 0x7f, 0x80, 0xff, b'z']
                    [(seed >> 33) as usize % 10]
            })
            .collect();
        for from in 0..bytes.len() + 2 {
            assert_eq!(
                next_capital_or_non_ascii(&bytes, from),
                plain(&bytes, from),
                "{from}"
            );
        }
        let lower = vec![b'a'; 100];
        for from in 0..100 {
            assert_eq!(next_capital_or_non_ascii(&lower, from), None);
        }
    }

    #[test]
    fn initials_of_the_people_a_document_names() {
        let people = people_initials(
            "| **Worker** | Tom Reilly, Social Worker |\n\
             Present: Mrs Ann L. Brown and Dr Priya Shah. Sam Lee, Team Manager, agreed.\n\
             - Michelle Tait, CPN / Care Coordinator",
        );
        for initials in ["TR", "ALB", "PS", "SL", "MT"] {
            assert!(people.contains(initials), "{initials} in {people:?}");
        }
        // Capitalised words are not a person without a title or a role.
        let none = people_initials("Adult Social Care and the Care Act. Community Team, North.");
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn a_legal_form_closing_a_name_is_part_of_it() {
        let text = "Run by Open Door Hollinbridge CIC, with Voice Together CIO and 4Way Ltd; the café is run by a CIC and the ASC CIC.";
        let at = |w: &str, n: usize| {
            let i = text.match_indices(w).nth(n).map(|(i, _)| i).unwrap();
            i..i + w.len()
        };
        assert!(part_of_a_name(text, &at("CIC", 0)));
        assert!(part_of_a_name(text, &at("CIO", 0)));
        assert!(part_of_a_name(text, &at("Ltd", 0)));
        assert!(
            !part_of_a_name(text, &at("CIC", 1)),
            "after \"a\": the letters on their own"
        );
        assert!(!part_of_a_name(text, &at("CIC", 2)), "after other letters");
        let school = "She goes to St Oswald's CE Primary School, not the CE office.";
        let at = |w: &str, n: usize| {
            let i = school.match_indices(w).nth(n).map(|(i, _)| i).unwrap();
            i..i + w.len()
        };
        assert!(part_of_a_name(school, &at("CE", 0)));
        assert!(!part_of_a_name(school, &at("CE", 1)));
        let council = "Checks with Fenbridge CC; the CC meets on Monday.";
        let first = council.find("CC").unwrap();
        let second = council.rfind("CC").unwrap();
        assert!(part_of_a_name(council, &(first..first + 2)));
        assert!(!part_of_a_name(council, &(second..second + 2)));
    }

    #[test]
    fn software_named_with_its_maker() {
        let text =
            "We use Liquidlogic LAS, LiquidLogic LCS and Power BI; record it on LAS; the BI team.";
        let at = |w: &str, n: usize| {
            let i = text.match_indices(w).nth(n).map(|(i, _)| i).unwrap();
            i..i + w.len()
        };
        assert!(is_system_name(text, &at("LAS", 0)));
        assert!(is_system_name(text, &at("LCS", 0)));
        assert!(is_system_name(text, &at("BI", 0)));
        assert!(!is_system_name(text, &at("LAS", 1)), "the letters alone");
        assert!(!is_system_name(text, &at("BI", 1)), "not after Power");
        let teams = "Use MS Teams; the MS nurse.";
        assert!(is_system_name(teams, &(4..6)));
        assert!(!is_system_name(teams, &(19..21)), "multiple sclerosis");
    }

    #[test]
    fn codes_after_a_reference_label() {
        let at = |text: &str, w: &str| text.find(w).map(|i| i..i + w.len()).unwrap();
        for (text, word) in [
            ("Our ref: FS/ALL/APR", "FS"),
            ("Our ref: FS/ALL/APR", "ALL"),
            ("Our ref: FS/ALL/APR", "APR"),
            ("Ref. ASC-R17 on the register", "ASC"),
            ("Your reference: DP/HB", "HB"),
        ] {
            assert!(
                is_citation_or_reference(text, &at(text, word)),
                "{text}: {word}"
            );
        }
        for (text, word) in [
            ("Our ref: FS/ALL and the APR team", "APR"),
            ("Please refer to the CQC.", "CQC"),
            ("Ref: see the DPA notes", "DPA"),
            // Wide spaces are more than one byte.
            ("See\u{3000}the CQC", "CQC"),
            ("See the\u{a0}CQC", "CQC"),
        ] {
            assert!(
                !is_citation_or_reference(text, &at(text, word)),
                "{text}: {word}"
            );
        }
        let wide = "Our ref:\u{a0}FS/ALL";
        assert!(is_citation_or_reference(wide, &at(wide, "ALL")));
    }

    #[test]
    fn surnames_in_capitals() {
        let at = |text: &str, w: &str| text.find(w).map(|i| i..i + w.len()).unwrap();
        let cell = "Kieran THOMPSON";
        assert!(is_surname_in_capitals(
            cell,
            &at(cell, "THOMPSON"),
            Some("**Name**")
        ));
        assert!(is_surname_in_capitals(
            cell,
            &at(cell, "THOMPSON"),
            Some("Full name:")
        ));
        assert!(!is_surname_in_capitals(cell, &at(cell, "THOMPSON"), None));
        let cell = "Completed ASYE";
        assert!(
            !is_surname_in_capitals(cell, &at(cell, "ASYE"), Some("Experience")),
            "not labelled as a name"
        );
        let text = "Name: Geoffrey PELL and Mrs Irene WADDINGTON, then Contact CAMHS";
        assert!(is_surname_in_capitals(text, &at(text, "PELL"), None));
        assert!(is_surname_in_capitals(text, &at(text, "WADDINGTON"), None));
        assert!(!is_surname_in_capitals(text, &at(text, "CAMHS"), None));
    }

    #[test]
    fn product_names_and_qualifications() {
        for word in ["AskSARA", "ContrOCC"] {
            assert!(is_product_name(word), "{word}");
        }
        for word in ["DipSW", "CertHE", "DoLS", "OxFSN", "CQC", "Care"] {
            assert!(!is_product_name(word), "{word}");
        }
    }

    #[test]
    fn letters_something_is_recorded_on_name_a_system() {
        for before in [
            "a clear reason recorded on ",
            "must be kept on ",
            "the report is uploaded to the ",
            "Signed 22/09, entered on ",
        ] {
            assert!(names_a_recording_system(before), "{before}");
        }
        for before in ["the team spoke to ", "we rely on ", "recorded "] {
            assert!(!names_a_recording_system(before), "{before}");
        }
    }

    #[test]
    fn letters_that_label_a_record_number() {
        for after in [
            " ID: 3340915",
            " ID:** 3348821",
            " ID | 2290417 |",
            " number: 7741953",
        ] {
            assert!(labels_a_record_number(after), "{after}");
        }
        for after in [" ID card", " number is low", " ID: AB12", " team"] {
            assert!(!labels_a_record_number(after), "{after}");
        }
    }

    #[test]
    fn letters_named_as_what_the_text_described() {
        for (text, key) in [
            (
                "a person you employ to help you. We also call them a PA.",
                "PA",
            ),
            ("the grant, known as the DFG, pays for", "DFG"),
            ("medically fit (sometimes written MFFD)", "MFFD"),
            ("This is called an EHCP.", "EHCP"),
            ("also called “SGO”", "SGO"),
            ("a short questionnaire (called the ASQ) first", "ASQ"),
            ("the fund (often still called the ASF) pays", "ASF"),
            ("a personal assistant. We say PA for short.", "PA"),
        ] {
            let at = text.find(key).map(|i| i..i + key.len()).unwrap();
            assert_eq!(
                explains(text, &at, key),
                Some(Explanation::InText),
                "{text}"
            );
        }
        for (text, key) in [
            ("We called CQC about it.", "CQC"),
            ("Call them on the PALS line.", "PALS"),
            ("The Nova DFG team", "DFG"),
            ("What we say to the ICB matters.", "ICB"),
        ] {
            let at = text.find(key).map(|i| i..i + key.len()).unwrap();
            assert_eq!(explains(text, &at, key), None, "{text}");
        }
    }

    #[test]
    fn explanations_either_way_round() {
        let text = "the Care Quality Commission (CQC) and DoLS (Deprivation of Liberty Safeguards)";
        assert_eq!(
            explains(text, &at(text, "CQC"), "CQC"),
            Some(Explanation::InText)
        );
        assert_eq!(
            explains(text, &at(text, "DoLS"), "DoLS"),
            Some(Explanation::InText)
        );
        let text = "the Financial Assessment and Benefits Team (FAB Team) and the (CQC Team)";
        assert_eq!(
            explains(text, &at(text, "FAB"), "FAB"),
            Some(Explanation::InText),
            "the name's last word may follow the letters"
        );
        assert_eq!(explains(text, &at(text, "CQC"), "CQC"), None);
        let text = "the Neurodevelopmental Pathway (ND pathway) and the Children and Families Assessment (C&F assessment)";
        assert_eq!(
            explains(text, &at(text, "ND"), "ND"),
            Some(Explanation::InText),
            "the name's last word after the letters, in small letters"
        );
        assert_eq!(
            explains(text, &at(text, "C&F"), "C&F"),
            Some(Explanation::InText)
        );
        let text = "exploitation concerns (CCE/CSE) and the Care (CQC care)";
        assert_eq!(
            explains(text, &at(text, "CSE"), "CSE"),
            None,
            "letters after a slash are a list, not the name's second letters"
        );
        assert_eq!(explains(text, &at(text, "CCE"), "CCE"), None);
        let text = "the Data Protection Act 2018 (DPA 2018), TTOs (medication to take out) and a DBS check (this is a criminal records check)";
        for (letters, key) in [("DPA", "DPA"), ("TTOs", "TTO"), ("DBS", "DBS")] {
            assert_eq!(
                explains(text, &at(text, letters), key),
                Some(Explanation::InText),
                "{letters}"
            );
        }
        let text = "the Domestic Abuse, Stalking and Harassment and Honour-Based Violence Risk Identification Checklist (DASH RIC)";
        assert_eq!(
            explains(text, &at(text, "DASH"), "DASH"),
            Some(Explanation::InText)
        );
        assert_eq!(
            explains(text, &at(text, "RIC"), "RIC"),
            Some(Explanation::InText)
        );
        let text = "We use the checklist (ABC DEF) every week.";
        assert_eq!(
            explains(text, &at(text, "DEF"), "DEF"),
            None,
            "no words before the brackets start with its letter"
        );
        let text = "Community Locality Team – North (CLT-N) and the Team (CLT-north)";
        assert_eq!(
            explains(text, &at(text, "CLT"), "CLT"),
            Some(Explanation::InText),
            "a short suffix after the letters"
        );
        assert_eq!(explains(text, &last_at(text, "CLT"), "CLT"), None);
        let text = "a DBS check (see below) and MTO (take it out)";
        assert_eq!(explains(text, &at(text, "DBS"), "DBS"), None);
        assert_eq!(
            explains(text, &at(text, "MTO"), "MTO"),
            None,
            "no m among the initials"
        );
        let text = "the PACE approach (playfulness, acceptance, curiosity, empathy), the DASH risk checklist (Domestic Abuse, Stalking and Harassment), the ICB web page (opens in a new tab)";
        for key in ["PACE", "DASH"] {
            assert_eq!(
                explains(text, &at(text, key), key),
                Some(Explanation::InText),
                "words after the letters, then brackets that spell them out: {key}"
            );
        }
        assert_eq!(explains(text, &at(text, "ICB"), "ICB"), None);
        let text = "discussed at a MARAC. This is a meeting where agencies plan. Ring the ICB. This is the number.";
        assert_eq!(
            explains(text, &at(text, "MARAC"), "MARAC"),
            Some(Explanation::InText),
            "the next sentence says what the letters are"
        );
        assert_eq!(explains(text, &at(text, "ICB"), "ICB"), None);
        let text = "run by Westmere Independent Living Trust, WILT) and Pension Credit, Universal Credit, ESA and the MARAC Referral Form (MRF v6), not (MRF x6)";
        assert_eq!(
            explains(text, &at(text, "WILT"), "WILT"),
            Some(Explanation::InText),
            "after a comma, the name's initials one for one"
        );
        assert_eq!(
            explains(text, &at(text, "ESA"), "ESA"),
            None,
            "other initials"
        );
        assert_eq!(
            explains(text, &at(text, "MRF"), "MRF"),
            Some(Explanation::InText),
            "a version after the letters"
        );
        assert_eq!(
            explains(text, &last_at(text, "MRF"), "MRF"),
            None,
            "not a version"
        );
        let text = "we met the team (NCRT) and NCRT (see above)";
        let first = text.find("NCRT").unwrap();
        assert!(
            explains(text, &(first..first + 4), "NCRT").is_none(),
            "no word starting with N before it"
        );
        let second = text.rfind("NCRT").unwrap();
        assert!(
            explains(text, &(second..second + 4), "NCRT").is_none(),
            "the words in brackets do not start with N"
        );
    }

    #[test]
    fn capitals_that_are_words_or_numbers() {
        assert!(
            is_capitalised_word("RECOMMENDED")
                && is_capitalised_word("URGENT")
                && is_capitalised_word("NOT")
        );
        assert!(!is_capitalised_word("CAMHS") && !is_capitalised_word("NCRT"));
        let text = "See Appendix LIV and (CD) but CIV and LD";
        let tokens = tokens(text);
        assert!(is_roman_numeral(text, &tokens[2]), "after Appendix");
        assert!(
            !is_roman_numeral(text, &tokens[4]),
            "in brackets, only I, V and X number a list"
        );
        assert!(!is_roman_numeral(text, &tokens[6]));
        assert!(
            !is_roman_numeral(text, &tokens[8]),
            "LD is learning disability here"
        );
        let text = "Stage III";
        assert!(is_roman_numeral(text, &super::tokens(text)[1]));
        let shouting = Shouting::new("intro\nCURRENT SITUATION\nmore", Vec::new());
        assert!(shouting.contains(&(6..13)));
        assert!(!shouting.contains(&(0..5)));
        assert!(!shouting.contains(&(24..28)));
        assert!(!is_capitals_line("| CHC | Continuing healthcare |"));
    }
}
