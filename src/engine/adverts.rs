//! Job adverts and descriptions are read by people who do, or want to do,
//! the job their title names. The words of that job are theirs: an
//! applicant for "Reablement Support Worker" knows what reablement is, and
//! one for "Commissioning Officer" what commissioning is. Editors of the
//! seven tuning sets circled 4 of the 26 such findings, 2 of them where the
//! title gave the word in brackets as another name for the job (`Home Care
//! Worker (Domiciliary Care)`), which is why brackets are left out of it.

use super::context;
use super::{Finding, Linter};
use crate::rules::{Category, DocumentKind};
use crate::source::Document;

/// How many paragraphs are read for a job advert's title, and for a
/// field labelled as the title (`| **Job title** | Commissioning Officer |`).
const TITLE_SEGMENTS: usize = 3;
const FIELD_SEGMENTS: usize = 24;

/// Headings that name the kind of document, not the job.
const GENERIC_TITLES: &[&str] = &[
    "job description",
    "job description and person specification",
    "person specification",
    "job advert",
    "job advertisement",
    "job profile",
    "role profile",
    "vacancy",
];

/// Labels of the field that gives the job's title.
const TITLE_LABELS: &[&str] = &[
    "job title",
    "post title",
    "role title",
    "job",
    "post",
    "role",
    "position",
];

/// The job a job advert or description is for, in small letters: its
/// title (the first short paragraph) before a dash or a colon, without
/// anything in brackets (`# Occupational Therapist – Adult Social Care` →
/// `occupational therapist`). The rest of a title names a department,
/// whose words the public still need. `None` for other kinds of document.
pub(super) fn job_title(document: &Document) -> Option<String> {
    if document.profile().kind != Some(DocumentKind::JobDescription) {
        return None;
    }
    let heading = document
        .segments
        .iter()
        .take(TITLE_SEGMENTS)
        .map(|segment| document.segment_text(segment))
        .find(|text| context::reads_as_heading(text));
    let generic = |text: &str| {
        let text = text.trim_start_matches(['#', ' ']).trim().to_lowercase();
        GENERIC_TITLES.contains(&text.as_str())
    };
    let title = match heading {
        Some(heading) if !generic(heading) => heading,
        _ => labelled_title(document)?,
    };
    let job = title
        .split(['–', '—', '|', ':'])
        .next()
        .unwrap_or(title)
        .trim_start_matches(['#', ' ']);
    let mut plain = String::with_capacity(job.len());
    let mut depth = 0usize;
    for c in job.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.extend(c.to_lowercase()),
            _ => {}
        }
    }
    Some(plain)
}

/// The paragraph after one labelled as the job's title, among the first
/// few: the second cell of `| **Job title** | Commissioning Officer |`, or
/// the line after `Job title:`.
fn labelled_title(document: &Document) -> Option<&str> {
    let first: Vec<&str> = document
        .segments
        .iter()
        .take(FIELD_SEGMENTS)
        .map(|segment| document.segment_text(segment))
        .collect();
    first.windows(2).find_map(|pair| {
        let label = pair[0]
            .trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c.is_whitespace())
            .to_lowercase();
        TITLE_LABELS.contains(&label.as_str()).then_some(pair[1])
    })
}

/// Whether the job's title holds `words`, each one in some form of it, in
/// order: "occupational therapist" in `occupational therapy assistant`.
/// Two words are forms of one when one starts the other (`work`,
/// `worker`) or they share their first six letters (`therapist`,
/// `therapy`).
pub(super) fn names_the_job(job: &str, words: &str) -> bool {
    let same = |a: &str, b: &str| {
        let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        shared >= 6 || shared == a.chars().count().min(b.chars().count())
    };
    let job: Vec<&str> = job.split_whitespace().collect();
    let wanted: Vec<&str> = words.split_whitespace().collect();
    !wanted.is_empty()
        && job
            .windows(wanted.len())
            .any(|window| window.iter().zip(&wanted).all(|(a, b)| same(a, b)))
}

/// Drops the findings on the words of the job an advert is for.
pub(super) fn review(linter: &Linter, document: &Document, findings: &mut Vec<Finding>) {
    let Some(job) = job_title(document) else {
        return;
    };
    let job: Vec<String> = words(&job).map(stem).collect();
    if job.is_empty() {
        return;
    }
    findings.retain(|finding| {
        let rule = linter.rule(finding.rule);
        // Letters have their own test against the title (what they stand
        // for, in `abbreviations`); sentence checks are about sentences.
        if rule.category == Category::Abbreviation || rule.is_sentence_check() {
            return true;
        }
        let matched = document.text[finding.span.clone()].to_lowercase();
        let mut matched = words(&matched).map(stem).peekable();
        matched.peek().is_none() || !matched.all(|word| job.contains(&word))
    });
}

/// The words of `text`, past a `re-` that says the thing is done again
/// (`re-commissioning`).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|word| !word.is_empty())
        .map(|word| word.strip_prefix("re-").unwrap_or(word))
}

/// A word without the endings that make it a verb's forms or a plural:
/// `commissioning`, `commissioned` and `commissioners` are one word here.
/// A few endings are enough: both sides are cut the same way.
fn stem(word: &str) -> String {
    const ENDINGS: &[&str] = &["ing", "ers", "er", "ed", "es", "s"];
    ENDINGS
        .iter()
        .find_map(|ending| {
            word.strip_suffix(ending)
                .filter(|stem| stem.chars().count() >= 4)
        })
        .unwrap_or(word)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn advert(title: &str) -> Document {
        let text = format!("---\nkind: job-description\n---\n\n# {title}\n\nAbout the job.\n");
        Document::parse(text, Format::Markdown)
    }

    #[test]
    fn the_job_is_the_title_before_a_dash_without_brackets() {
        assert_eq!(
            job_title(&advert("Occupational Therapist – Adult Social Care")).as_deref(),
            Some("occupational therapist ")
        );
        assert_eq!(
            job_title(&advert("Home Care Worker (Domiciliary Care)")).as_deref(),
            Some("home care worker ")
        );
        let table = "---\nkind: job-description\n---\n\n# Job Description\n\n| | |\n|---|---|\n| **Job title** | Commissioning Officer (Adults) |\n| **Grade** | 9 |\n";
        assert_eq!(
            job_title(&Document::parse(table.to_string(), Format::Markdown)).as_deref(),
            Some("commissioning officer "),
            "a generic heading: the field labelled as the title"
        );
        let policy = Document::parse("# Commissioning Officer\n".to_string(), Format::Markdown);
        assert_eq!(job_title(&policy), None, "not a job advert");
    }

    #[test]
    fn the_words_of_a_job() {
        assert!(names_the_job(
            "occupational therapy assistant ",
            "occupational therapist"
        ));
        assert!(names_the_job("senior social worker", "social worker"));
        assert!(names_the_job("social work apprentice", "social worker"));
        assert!(!names_the_job("care home cook", "occupational therapist"));
        assert!(!names_the_job(
            "occupational health adviser",
            "occupational therapist"
        ));
    }

    #[test]
    fn forms_of_a_word_share_a_stem() {
        for word in [
            "commissioning",
            "commissioned",
            "commissioners",
            "commission",
        ] {
            assert_eq!(stem(word), "commission", "{word}");
        }
        assert_eq!(stem("care"), "care");
        assert_eq!(stem("uses"), "uses", "too short to cut");
    }
}
