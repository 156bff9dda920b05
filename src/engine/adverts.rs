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

/// A job advert's title, in small letters and without anything in
/// brackets: `# Occupational Therapist – Home First Reablement Service`.
pub(super) struct JobTitle {
    /// The job, before a dash or a colon: `occupational therapist`.
    pub job: String,
    /// The whole title, with the service the job is in.
    pub whole: String,
}

/// The title of a job advert or description: its first short paragraph,
/// or under a heading that only says what the document is, the field
/// labelled as the title. `None` for other kinds of document.
pub(super) fn job_title(document: &Document) -> Option<JobTitle> {
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
    let title = title.trim_start_matches(['#', ' ']);
    let job = title.split(['–', '—', '|', ':']).next().unwrap_or(title);
    Some(JobTitle {
        job: without_brackets(job),
        whole: without_brackets(title),
    })
}

/// `text` in small letters, without anything in brackets: `Home Care
/// Worker (Domiciliary Care)` is a home care worker.
fn without_brackets(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.extend(c.to_lowercase()),
            _ => {}
        }
    }
    plain
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
/// order: "occupational therapist" in `occupational therapy assistant`,
/// "re-commissioning" in `commissioning officer`. Two words are forms of
/// one when they share their first six letters (`therapist`, `therapy`;
/// `commissioned`, `commissioning`), or one is the other with an ending
/// (`work`, `workers`; not `care`, `careful`).
pub(super) fn names_the_job(job: &[&str], words: &str) -> bool {
    const ENDINGS: &[&str] = &["s", "es", "er", "ers", "ed", "ing"];
    let same = |a: &str, b: &str| {
        let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        shared >= 6
            || long
                .strip_prefix(short)
                .is_some_and(|ending| ending.is_empty() || ENDINGS.contains(&ending))
    };
    let wanted: Vec<&str> = words_of(words).collect();
    !wanted.is_empty()
        && job
            .windows(wanted.len())
            .any(|window| window.iter().zip(&wanted).all(|(a, b)| same(a, b)))
}

/// Drops the findings on the words of the job an advert is for.
pub(super) fn review(linter: &Linter, document: &Document, findings: &mut Vec<Finding>) {
    let Some(title) = job_title(document) else {
        return;
    };
    // The service as well as the job: an applicant to a reablement service
    // knows what reablement is.
    let job: Vec<&str> = words_of(&title.whole).collect();
    findings.retain(|finding| {
        let rule = linter.rule(finding.rule);
        // Letters have their own test against the title (what they stand
        // for, in `abbreviations`); sentence checks are about sentences.
        if rule.category == Category::Abbreviation || rule.is_sentence_check() {
            return true;
        }
        let matched = document.text[finding.span.clone()].to_lowercase();
        !names_the_job(&job, &matched)
    });
}

/// The words of `text`, past a `re-` that says the thing is done again
/// (`re-commissioning`).
pub(super) fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|word| !word.is_empty())
        .map(|word| word.strip_prefix("re-").unwrap_or(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    /// [`names_the_job`] for a title written out.
    fn names(job: &str, words: &str) -> bool {
        names_the_job(&words_of(job).collect::<Vec<_>>(), words)
    }

    fn advert(title: &str) -> Document {
        let text = format!("---\nkind: job-description\n---\n\n# {title}\n\nAbout the job.\n");
        Document::parse(text, Format::Markdown)
    }

    #[test]
    fn the_job_is_the_title_before_a_dash_without_brackets() {
        let job = |document: &Document| job_title(document).map(|title| title.job);
        let title = job_title(&advert(
            "Occupational Therapist – Home First Reablement Service",
        ));
        assert_eq!(
            title.as_ref().map(|t| t.job.as_str()),
            Some("occupational therapist ")
        );
        assert_eq!(
            title.as_ref().map(|t| t.whole.as_str()),
            Some("occupational therapist – home first reablement service")
        );
        assert_eq!(
            job(&advert("Home Care Worker (Domiciliary Care)")).as_deref(),
            Some("home care worker ")
        );
        let table = "---\nkind: job-description\n---\n\n# Job Description\n\n| | |\n|---|---|\n| **Job title** | Commissioning Officer (Adults) |\n| **Grade** | 9 |\n";
        assert_eq!(
            job(&Document::parse(table.to_string(), Format::Markdown)).as_deref(),
            Some("commissioning officer "),
            "a generic heading: the field labelled as the title"
        );
        let policy = Document::parse("# Commissioning Officer\n".to_string(), Format::Markdown);
        assert!(job_title(&policy).is_none(), "not a job advert");
    }

    #[test]
    fn the_words_of_a_job() {
        assert!(names(
            "occupational therapy assistant ",
            "occupational therapist"
        ));
        assert!(names("senior social worker", "social worker"));
        assert!(names("social work apprentice", "social worker"));
        assert!(!names("care home cook", "occupational therapist"));
        assert!(!names(
            "occupational health adviser",
            "occupational therapist"
        ));
    }

    #[test]
    fn forms_of_a_word_are_one() {
        for word in [
            "commissioning",
            "commissioned",
            "re-commissioning",
            "Commissioners",
        ] {
            assert!(
                names("commissioning officer", &word.to_lowercase()),
                "{word}"
            );
        }
        assert!(!names("commissioning officer", "commission of inquiry"));
        assert!(!names("care worker", "careful"));
    }
}
