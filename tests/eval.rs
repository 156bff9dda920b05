//! The rules judged on text they were not written from: the evaluation set
//! in `eval/` (documents written for this project in the forms councils
//! publish, each with a gold file saying what an editor would flag, made by
//! reading the document before running `ordinary` on it; see
//! `eval/ANNOTATING.md`).
//!
//! `cargo test --test eval -- --nocapture` prints precision, recall and
//! findings per 1,000 words, by document kind and in total, for the set the
//! rules are tuned on (`eval/docs`) and for the held-out set
//! (`eval/held-out/docs`), which is scored but never used to tune them. With
//! `ORDINARY_EVAL_DETAIL=1` it also lists every finding (right or false) and every miss.
//!
//! A finding is right when it overlaps a flagged occurrence; a flagged
//! occurrence is found when any finding overlaps it.
//!
//! Where a second editor annotated the same documents, blind to the first
//! (`gold-second/`), it also prints how far the two editors agree, which is
//! the most any linter can agree with one of them, and the rules' scores
//! against both: a finding is right when either editor flagged it, and a
//! phrase both editors flagged must be found.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ordinary::engine::{Linter, Settings};
use ordinary::rules::Ruleset;
use ordinary::source::{Document, Format};
use serde::Deserialize;

/// The floors this test holds the rules to, per set: (precision, recall).
/// They catch a change that makes the rules worse without anyone deciding
/// so. They go up as the rules improve; one goes down only for a trade
/// made on purpose and written down in eval/README.md with both sets'
/// figures before and after (the near-miss pass of 2026-12-06 took the
/// held-out precision judged by both editors from 46.1% to 45.7% for a
/// point of recall, 68.7% to 69.7%; the pruning after the second tuning set
/// took held-out recall against the first editor from 61.5% to 60.8%, one
/// phrase, for 2.1 points of its precision; the rules written from the
/// second tuning set's misses took the first set's precision from 80.5% to
/// 78.6% for 1.7 points of its recall; those written from the third set's
/// added one wrong finding on the held-out set, 48.1% to 47.9% judged by
/// both, and nothing there, kept for what they do on text like the third
/// set's; the rule for "capital" in public charging text took the second
/// set's precision from 81.8% to 78.9%, eleven uses its editors let pass,
/// for two more right findings and two more phrases found on the held-out
/// set and ten on the third; switching "invoice" off by default, circled 3
/// times in 12 across the five tuning sets, took the first set's recall
/// from 80.2% to 79.6%, two phrases, for nine wrong findings fewer on the
/// fourth and fifth, and the case-note shorthand written next gave them
/// back; the care package without "care" for the public only, circled 7
/// times in 28 in staff documents, all on the first set, took that set's
/// recall from 80.7% to 78.9% for 21 wrong findings fewer on the others
/// and 1.6 points of held-out precision; a care worker's "call" for the
/// public took the second set's precision from 80.4% to 79.7%, three uses
/// of "morning call" in one letter its editors let pass, for four phrases
/// found on the third, fourth and seventh sets; "self-funder" as a label
/// in staff documents too, circled 5 times in 6 there, added one wrong
/// finding on the held-out set, 57.1% to 56.8%; `CQC` for the public only,
/// circled 6 times in 26 in documents for staff, took five phrases from
/// the first four sets, 78.1% to 77.9% recall on the first, 79.6% to 78.9%
/// on the second, for two wrong findings fewer on the held-out set and 15
/// on the tuning sets; `CHC` and `CAMHS` for the public only, circled 1
/// time in 5 and 1 in 6 in documents for staff, took one phrase each from
/// the eighth and tenth sets, 68.5% to 68.2% and 60.9% to 60.5% recall,
/// for eleven wrong findings fewer on the tuning sets; `PBS` for the
/// public only and `politically-restricted` off, by the test across ten
/// sets, took two phrases from the eighth set, 68.5% to 67.9% recall, for
/// 24 wrong findings fewer on the other sets and one on the held-out set;
/// letters a document for staff uses three times or more and never
/// explains taken as the readers' shorthand, circled 4 times in 39 across
/// ten sets, took four uses of `PC` from a daily log on the tenth set,
/// 61.8% to 60.1% recall, for 35 wrong findings fewer on the others; the
/// test across twelve sets (`MARAC`, `CP`, `DASH`, `DfE`, `DNACPR`,
/// `initially`, `high-risk` and `participate` for the public only;
/// `section-42-enquiry`, `appointee` and `deputyship` off) took two
/// phrases from the sixth set, 72.0% to 71.0% recall, for 30 wrong
/// findings fewer across the sets and one on the held-out set; the test
/// across thirteen sets (`PRN` and `PA` for the public only, `PT` known to
/// staff) took one or two phrases from each of the seventh, tenth and
/// eleventh sets (71.6% to 71.0%, 60.5% to 60.1%, 80.3% to 79.8% recall)
/// for 27 wrong findings fewer across the sets; a term set in bold in
/// running text taken as the word being introduced took one phrase from
/// the sixth set and two from the eighth (71.0% to 70.5%, 68.2% to 67.6%
/// recall) for five wrong findings fewer on the held-out set and eleven on
/// the others; "uplift" on its own, circled 15 times in 31, took the
/// sixth set's precision from 66.1% to 64.1%, seven uses in one cabinet
/// report its editors let pass, for six phrases found on the held-out set,
/// 64.2% to 68.2% recall; "expenditure" back to the public only, by the
/// test across fifteen sets, took two phrases from the fourteenth set,
/// 67.1% to 66.6% recall, for seven wrong findings fewer on the
/// fifteenth; "morning call" and the other care calls off by default, by
/// the test across sixteen sets (4 of 16 circled), took one phrase each
/// from the third, fourth and seventh sets, 74.4% to 74.0% recall on the
/// fourth, for twelve wrong findings fewer; the field's own letters
/// (`ASC`, `DoLS`, `ICB`) left alone in job descriptions written for
/// professionals took eight phrases from one advert for a social work
/// manager in the ninth set, 69.0% to 67.1% recall, for 33 wrong
/// findings fewer across the sets; the test across seventeen sets
/// (befriending, capacity assessment, "as follows" off; sufficient,
/// insufficient and enhance for the public only; allocation and looked
/// after not in job descriptions) took one phrase each from the second,
/// third, sixth, seventh and ninth sets, 78.9% to 77.6% recall on the
/// second, 71.0% to 70.5% on the sixth, for 37 wrong findings fewer;
/// unknown letters left alone in job descriptions written for
/// professionals took one phrase from the eleventh set, 80.3% to 79.8%
/// recall, and one from the ninth, for ten wrong findings fewer; eight
/// more rules off by the same test ("care is delivered", "options
/// appraisal", "local connection" …) took one phrase each from the second
/// and seventh sets, 70.1% to 69.8% recall on the seventh, for thirteen
/// wrong findings fewer; "carry out an assessment" in letters and pages
/// for the public and "the provider" in letters, written before the
/// eighteenth set was scored, took the first set's precision from 84.7% to
/// 83.5% (five uses its editors let pass) and the fifth's from 62.3% to
/// 61.8%, for two more right findings and two more phrases found on the
/// held-out set, 68.2% to 69.6% recall, and recall up on eleven others;
/// "engage with" and "obtain" left alone in case records, `LPA` for the
/// public only, "extra care" only on pages and "assurance" not in job
/// descriptions, by the test across seventeen sets, took one phrase each
/// from the eighth and fourteenth sets, 68.2% to 67.9% and 67.1% to 66.8%
/// recall, for 21 wrong findings fewer and one on the held-out set; the
/// test across eighteen sets ("priority need", "main housing duty" and
/// `A&E` off, "cohort" for the public only) took one phrase each from the
/// eighth, tenth and twelfth sets, 76.2% to 75.8% recall judged by both on
/// the eighth, for 20 wrong findings fewer; eighteen rules written from
/// the eighteenth set's misses ("minded to", "ratify", "buccal", "match
/// funding" …) took one wrong finding each on the seventh and eighth sets,
/// 76.0% to 75.8% and 76.1% to 75.9% precision, for 19 phrases found on
/// the eighteenth and three on the others; the Minimum Income Guarantee
/// and disability-related expenditure back in job descriptions, once the
/// eighteenth set's editors circled both in an advert, took the first
/// set's precision from 83.6% to 83.1%, for two phrases there).
/// The target is 95% and 90% on both
/// sets; eval/README.md says why, against one editor, that is more than a
/// second editor reaches.
const TUNING_FLOOR: (f64, f64) = (0.83, 0.78);
const HELD_OUT_FLOOR: (f64, f64) = (0.71, 0.69);
/// The same, judged by both editors (right if either flagged it; recall of
/// what both flagged).
const TUNING_FLOOR_BOTH: (f64, f64) = (0.84, 0.93);
const HELD_OUT_FLOOR_BOTH: (f64, f64) = (0.74, 0.74);
/// The second tuning set (`eval/tuning-2`), written and annotated by two
/// editors each, blind, after the rules had been tuned on the first.
const TUNING_2_FLOOR: (f64, f64) = (0.81, 0.77);
/// Judged by both, its recall floor is 90.8%: `assessed-charge`, switched
/// off by the test across eight sets (1 of 4 circled), and `CQC` for staff
/// took three of its phrases.
const TUNING_2_FLOOR_BOTH: (f64, f64) = (0.85, 0.90);
/// The third tuning set (`eval/tuning-3`), made the same way again.
const TUNING_3_FLOOR: (f64, f64) = (0.79, 0.76);
const TUNING_3_FLOOR_BOTH: (f64, f64) = (0.86, 0.81);
/// The fourth tuning set (`eval/tuning-4`), made the same way again.
/// Its recall floor is 71.5%: "safeguarding concerns" in adverts, `CIN`
/// and `CQC` in staff documents were left alone by the test across sets
/// (1 in 5, 1 in 4 and 6 in 26 circled), which cost this set two phrases.
const TUNING_4_FLOOR: (f64, f64) = (0.75, 0.74);
const TUNING_4_FLOOR_BOTH: (f64, f64) = (0.84, 0.77);
/// The fifth tuning set (`eval/tuning-5`), made the same way again.
const TUNING_5_FLOOR: (f64, f64) = (0.62, 0.75);
const TUNING_5_FLOOR_BOTH: (f64, f64) = (0.68, 0.77);
/// The sixth tuning set (`eval/tuning-6`), made the same way again.
const TUNING_6_FLOOR: (f64, f64) = (0.65, 0.71);
const TUNING_6_FLOOR_BOTH: (f64, f64) = (0.70, 0.75);
/// The seventh tuning set (`eval/tuning-7`), made the same way again.
const TUNING_7_FLOOR: (f64, f64) = (0.75, 0.71);
const TUNING_7_FLOOR_BOTH: (f64, f64) = (0.82, 0.82);
/// The eighth tuning set (`eval/tuning-8`), made the same way again.
const TUNING_8_FLOOR: (f64, f64) = (0.75, 0.67);
const TUNING_8_FLOOR_BOTH: (f64, f64) = (0.78, 0.75);
/// The ninth tuning set (`eval/tuning-9`), made the same way again.
const TUNING_9_FLOOR: (f64, f64) = (0.80, 0.67);
const TUNING_9_FLOOR_BOTH: (f64, f64) = (0.82, 0.73);
/// The tenth tuning set (`eval/tuning-10`), made the same way again.
const TUNING_10_FLOOR: (f64, f64) = (0.71, 0.61);
const TUNING_10_FLOOR_BOTH: (f64, f64) = (0.73, 0.70);
/// The eleventh tuning set (`eval/tuning-11`), made the same way again.
const TUNING_11_FLOOR: (f64, f64) = (0.60, 0.82);
const TUNING_11_FLOOR_BOTH: (f64, f64) = (0.71, 0.82);
/// The twelfth tuning set (`eval/tuning-12`), made the same way again.
const TUNING_12_FLOOR: (f64, f64) = (0.55, 0.69);
const TUNING_12_FLOOR_BOTH: (f64, f64) = (0.60, 0.71);
/// The thirteenth tuning set (`eval/tuning-13`), made the same way again.
const TUNING_13_FLOOR: (f64, f64) = (0.60, 0.77);
const TUNING_13_FLOOR_BOTH: (f64, f64) = (0.65, 0.82);
/// The fourteenth tuning set (`eval/tuning-14`), made the same way again.
const TUNING_14_FLOOR: (f64, f64) = (0.73, 0.66);
const TUNING_14_FLOOR_BOTH: (f64, f64) = (0.77, 0.70);
/// The fifteenth tuning set (`eval/tuning-15`), made the same way again.
const TUNING_15_FLOOR: (f64, f64) = (0.63, 0.73);
const TUNING_15_FLOOR_BOTH: (f64, f64) = (0.71, 0.79);
/// The sixteenth tuning set (`eval/tuning-16`), made the same way again.
const TUNING_16_FLOOR: (f64, f64) = (0.51, 0.67);
const TUNING_16_FLOOR_BOTH: (f64, f64) = (0.57, 0.74);
/// The seventeenth tuning set (`eval/tuning-17`), made the same way again.
const TUNING_17_FLOOR: (f64, f64) = (0.50, 0.74);
const TUNING_17_FLOOR_BOTH: (f64, f64) = (0.55, 0.76);
/// The eighteenth tuning set (`eval/tuning-18`), made the same way again.
const TUNING_18_FLOOR: (f64, f64) = (0.52, 0.70);
const TUNING_18_FLOOR_BOTH: (f64, f64) = (0.58, 0.74);

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Gold {
    #[serde(default)]
    flag: Vec<Entry>,
    #[serde(default)]
    keep: Vec<Entry>,
}

/// A phrase an editor would flag (or deliberately leave alone).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// The exact text, as written in the document.
    text: String,
    /// Only this occurrence (1 is the first); every one when absent.
    nth: Option<usize>,
    why: Option<String>,
    instead: Option<String>,
    /// Set when the entry was added after scoring (an annotator's miss).
    added: Option<String>,
}

/// The byte ranges in `text[body..]` where `entry` applies.
fn occurrences(text: &str, body: usize, entry: &Entry) -> Result<Vec<Range<usize>>, String> {
    if entry.text.is_empty() {
        return Err("an empty `text`".into());
    }
    let all: Vec<Range<usize>> = text[body..]
        .match_indices(&entry.text)
        .map(|(at, found)| body + at..body + at + found.len())
        .collect();
    match entry.nth {
        None if all.is_empty() => Err(format!("{:?} is not in the document", entry.text)),
        None => Ok(all),
        Some(n) => match all.get(n.wrapping_sub(1)) {
            Some(range) => Ok(vec![range.clone()]),
            None => Err(format!(
                "{:?} occurs {} times, not {n}",
                entry.text,
                all.len()
            )),
        },
    }
}

/// Where the front matter ends (0 when there is none).
fn body_start(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("---\n") else {
        return 0;
    };
    rest.find("\n---\n").map_or(0, |end| 4 + end + 5)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The tally for one document, a kind or a whole set.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    documents: usize,
    words: usize,
    findings: usize,
    right: usize,
    /// False positives on a phrase the gold file says to keep.
    on_keeps: usize,
    flagged: usize,
    found: usize,
    /// Findings about the whole document, not scored.
    document_notes: usize,
    /// Findings about sentences (long, passive), not scored: the editors
    /// marked words and phrases; sentences have their own gold sets
    /// (tests/readability.rs).
    about_sentences: usize,
    added_after_scoring: usize,
    /// With a second editor's gold file: how the two agree, and the rules
    /// against both.
    second: SecondEditor,
}

/// Counts over the documents a second editor annotated.
#[derive(Debug, Default, Clone, Copy)]
struct SecondEditor {
    documents: usize,
    /// The first editor's flagged occurrences in these documents.
    first_flagged: usize,
    /// … of which the second editor flagged too (overlapping).
    first_flagged_by_both: usize,
    /// The second editor's flagged occurrences.
    second_flagged: usize,
    /// … of which the first editor flagged too.
    second_agreeing: usize,
    /// The rules' findings in these documents.
    findings: usize,
    /// … that either editor flagged.
    right_by_either: usize,
    /// Occurrences both editors flagged that a finding overlaps.
    found_of_both: usize,
}

impl SecondEditor {
    fn add(&mut self, other: &SecondEditor) {
        self.documents += other.documents;
        self.first_flagged += other.first_flagged;
        self.first_flagged_by_both += other.first_flagged_by_both;
        self.second_flagged += other.second_flagged;
        self.second_agreeing += other.second_agreeing;
        self.findings += other.findings;
        self.right_by_either += other.right_by_either;
        self.found_of_both += other.found_of_both;
    }
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.documents += other.documents;
        self.words += other.words;
        self.findings += other.findings;
        self.right += other.right;
        self.on_keeps += other.on_keeps;
        self.flagged += other.flagged;
        self.found += other.found;
        self.added_after_scoring += other.added_after_scoring;
        self.document_notes += other.document_notes;
        self.about_sentences += other.about_sentences;
        self.second.add(&other.second);
    }

    fn precision(&self) -> f64 {
        ratio(self.right, self.findings)
    }

    fn recall(&self) -> f64 {
        ratio(self.found, self.flagged)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

struct Scored {
    kind: String,
    score: Score,
    /// What went wrong, for the detailed listing.
    detail: String,
    /// Per rule id: (right findings, false positives).
    by_rule: BTreeMap<String, (usize, usize)>,
}

fn linter() -> Linter {
    let ruleset = Ruleset::defaults()
        .unwrap_or_else(|error| panic!("the default rules do not load:\n{error}"));
    Linter::new(ruleset, &Settings::default()).expect("the default rules compile")
}

/// A short view of the text around `span`, on one line.
fn around(text: &str, span: &Range<usize>) -> String {
    let start = text.floor_char_boundary(span.start.saturating_sub(40));
    let end = text.ceil_char_boundary((span.end + 40).min(text.len()));
    format!(
        "…{}[{}]{}…",
        &text[start..span.start],
        &text[span.clone()],
        &text[span.end..end]
    )
    .replace('\n', " ")
}

fn read_gold(gold_path: &Path) -> Gold {
    let gold_text = std::fs::read_to_string(gold_path).unwrap_or_else(|error| {
        panic!(
            "{}: no gold file ({error}); every document needs one",
            gold_path.display()
        )
    });
    toml::from_str(&gold_text).unwrap_or_else(|error| panic!("{}: {error}", gold_path.display()))
}

fn score_document(
    linter: &Linter,
    path: &Path,
    gold_path: &Path,
    second_path: Option<&Path>,
) -> Scored {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let gold = read_gold(gold_path);
    let body = body_start(&text);
    let spans = |entries: &[Entry], gold_path: &Path| -> Vec<(Range<usize>, usize)> {
        entries
            .iter()
            .enumerate()
            .flat_map(|(index, entry)| {
                occurrences(&text, body, entry)
                    .unwrap_or_else(|error| panic!("{}: {error}", gold_path.display()))
                    .into_iter()
                    .map(move |range| (range, index))
            })
            .collect()
    };
    let flags = spans(&gold.flag, gold_path);
    let keeps = spans(&gold.keep, gold_path);
    let second_flags = second_path.map(|path| spans(&read_gold(path).flag, path));
    let flagged_by_any = |range: &Range<usize>, flags: &[(Range<usize>, usize)]| {
        flags.iter().any(|(flag, _)| overlaps(flag, range))
    };

    let document = Document::parse(text.clone(), Format::Markdown);
    let kind = format!(
        "{} ({})",
        document.kind.map_or("unknown", |k| k.as_str()),
        document.profile().audience_or_default()
    );
    // Notes about the whole document (too many abbreviations) are not
    // about a phrase, so no gold span can agree with them: counted apart.
    let (about_sentences, findings): (Vec<_>, Vec<_>) = linter
        .check(&document)
        .into_iter()
        // The phrase rules filed under readability (hidden verbs) are scored
        // like any other.
        .partition(|f| linter.rule(f.rule).is_sentence_check());
    let (notes, findings): (Vec<_>, Vec<_>) =
        findings.into_iter().partition(|f| f.detail.is_some());

    let mut score = Score {
        documents: 1,
        words: text[body..]
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count(),
        findings: findings.len(),
        document_notes: notes.len(),
        about_sentences: about_sentences.len(),
        flagged: flags.len(),
        added_after_scoring: gold.flag.iter().filter(|e| e.added.is_some()).count(),
        ..Score::default()
    };
    let mut detail = String::new();
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for finding in &findings {
        let rule = &linter.rule(finding.rule).id;
        let tally = by_rule.entry(rule.clone()).or_default();
        if flags
            .iter()
            .any(|(range, _)| overlaps(range, &finding.span))
        {
            score.right += 1;
            tally.0 += 1;
            let _ = writeln!(detail, "  right [{rule}] {}", around(&text, &finding.span));
            continue;
        }
        tally.1 += 1;
        let on_keep = keeps
            .iter()
            .any(|(range, _)| overlaps(range, &finding.span));
        score.on_keeps += usize::from(on_keep);
        let second_flagged = second_flags
            .as_deref()
            .is_some_and(|second| flagged_by_any(&finding.span, second));
        let _ = writeln!(
            detail,
            "  false{}{} [{rule}] {}",
            if on_keep { " (on a keep)" } else { "" },
            if second_flagged {
                " (the second editor flagged it)"
            } else {
                ""
            },
            around(&text, &finding.span)
        );
    }
    for (range, index) in &flags {
        if findings.iter().any(|f| overlaps(range, &f.span)) {
            score.found += 1;
        } else {
            let entry = &gold.flag[*index];
            let both = second_flags
                .as_deref()
                .is_some_and(|second| flagged_by_any(range, second));
            let _ = writeln!(
                detail,
                "  missed{} {} (why: {}; instead: {})",
                if both { " (both editors)" } else { "" },
                around(&text, range),
                entry.why.as_deref().unwrap_or("-"),
                entry.instead.as_deref().unwrap_or("-")
            );
        }
    }
    if let Some(second_flags) = &second_flags {
        let by_both: Vec<&Range<usize>> = flags
            .iter()
            .map(|(range, _)| range)
            .filter(|range| flagged_by_any(range, second_flags))
            .collect();
        score.second = SecondEditor {
            documents: 1,
            first_flagged: flags.len(),
            first_flagged_by_both: by_both.len(),
            second_flagged: second_flags.len(),
            second_agreeing: second_flags
                .iter()
                .filter(|(range, _)| flagged_by_any(range, &flags))
                .count(),
            findings: findings.len(),
            right_by_either: findings
                .iter()
                .filter(|f| {
                    flagged_by_any(&f.span, &flags) || flagged_by_any(&f.span, second_flags)
                })
                .count(),
            found_of_both: by_both
                .iter()
                .filter(|range| findings.iter().any(|f| overlaps(range, &f.span)))
                .count(),
        };
    }
    Scored {
        kind,
        score,
        detail,
        by_rule,
    }
}

/// Scores every document of a set; `None` when the set has no documents yet.
fn score_set(linter: &Linter, folder: &Path) -> Option<Score> {
    let docs = folder.join("docs");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&docs)
        .ok()?
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    if paths.is_empty() {
        return None;
    }
    if !folder.join("gold").is_dir() {
        println!("\n{}: not annotated yet (no gold folder)", folder.display());
        return None;
    }
    paths.sort();
    let detailed = std::env::var_os("ORDINARY_EVAL_DETAIL").is_some();
    let mut by_kind: BTreeMap<String, Score> = BTreeMap::new();
    let mut total = Score::default();
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for path in &paths {
        let stem = path.file_stem().expect("a file name");
        let gold = folder.join("gold").join(stem).with_extension("toml");
        let second = folder.join("gold-second").join(stem).with_extension("toml");
        let scored = score_document(linter, path, &gold, second.is_file().then_some(&*second));
        by_kind.entry(scored.kind).or_default().add(&scored.score);
        total.add(&scored.score);
        for (rule, (right, wrong)) in scored.by_rule {
            let tally = by_rule.entry(rule).or_default();
            tally.0 += right;
            tally.1 += wrong;
        }
        if detailed && !scored.detail.is_empty() {
            println!("{}", path.display());
            print!("{}", scored.detail);
        }
    }
    println!("\n{}", folder.display());
    println!(
        "| kind (audience) | documents | words | findings | per 1,000 words | precision | recall |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (kind, score) in by_kind.iter().chain([(&"total".to_string(), &total)]) {
        println!(
            "| {kind} | {} | {} | {} | {:.1} | {:.1}% ({}/{}) | {:.1}% ({}/{}) |",
            score.documents,
            score.words,
            score.findings,
            1000.0 * score.findings as f64 / score.words.max(1) as f64,
            100.0 * score.precision(),
            score.right,
            score.findings,
            100.0 * score.recall(),
            score.found,
            score.flagged,
        );
    }
    println!(
        "false positives on a phrase to keep: {}; flags added after scoring: {}; \
         notes about a whole document (not scored): {}; findings about sentences (not scored): {}",
        total.on_keeps, total.added_after_scoring, total.document_notes, total.about_sentences
    );
    let both = &total.second;
    if both.documents > 0 {
        println!(
            "\n{} of these documents were annotated again by a second editor, blind to the first:\n",
            both.documents
        );
        println!("| | precision | recall |\n|---|---:|---:|");
        println!(
            "| the second editor, judged by the first (how far two editors agree) | {:.1}% ({}/{}) | {:.1}% ({}/{}) |",
            100.0 * ratio(both.second_agreeing, both.second_flagged),
            both.second_agreeing,
            both.second_flagged,
            100.0 * ratio(both.first_flagged_by_both, both.first_flagged),
            both.first_flagged_by_both,
            both.first_flagged,
        );
        println!(
            "| ordinary, judged by both (right if either flagged it; finds what both flagged) | {:.1}% ({}/{}) | {:.1}% ({}/{}) |",
            100.0 * ratio(both.right_by_either, both.findings),
            both.right_by_either,
            both.findings,
            100.0 * ratio(both.found_of_both, both.first_flagged_by_both),
            both.found_of_both,
            both.first_flagged_by_both,
        );
    }
    let mut worst: Vec<(&String, &(usize, usize))> = by_rule
        .iter()
        .filter(|(_, (_, wrong))| *wrong > 0)
        .collect();
    worst.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(b.0)));
    let shown = if detailed { worst.len() } else { 15 };
    let worst: Vec<String> = worst
        .iter()
        .take(shown)
        .map(|(rule, (right, wrong))| format!("{rule} {wrong} of {}", right + wrong))
        .collect();
    println!(
        "false positives by rule (false of all): {}",
        worst.join(", ")
    );
    Some(total)
}

#[test]
fn the_rules_on_the_evaluation_sets() {
    let linter = linter();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval");
    // Both sets are scored and printed before any floor is checked.
    let mut failures = Vec::new();
    let mut scored_any = false;
    for (folder, first_floor, both_floor) in [
        (root.clone(), TUNING_FLOOR, TUNING_FLOOR_BOTH),
        (root.join("tuning-2"), TUNING_2_FLOOR, TUNING_2_FLOOR_BOTH),
        (root.join("tuning-3"), TUNING_3_FLOOR, TUNING_3_FLOOR_BOTH),
        (root.join("tuning-4"), TUNING_4_FLOOR, TUNING_4_FLOOR_BOTH),
        (root.join("tuning-5"), TUNING_5_FLOOR, TUNING_5_FLOOR_BOTH),
        (root.join("tuning-6"), TUNING_6_FLOOR, TUNING_6_FLOOR_BOTH),
        (root.join("tuning-7"), TUNING_7_FLOOR, TUNING_7_FLOOR_BOTH),
        (root.join("tuning-8"), TUNING_8_FLOOR, TUNING_8_FLOOR_BOTH),
        (root.join("tuning-9"), TUNING_9_FLOOR, TUNING_9_FLOOR_BOTH),
        (
            root.join("tuning-10"),
            TUNING_10_FLOOR,
            TUNING_10_FLOOR_BOTH,
        ),
        (
            root.join("tuning-11"),
            TUNING_11_FLOOR,
            TUNING_11_FLOOR_BOTH,
        ),
        (
            root.join("tuning-12"),
            TUNING_12_FLOOR,
            TUNING_12_FLOOR_BOTH,
        ),
        (
            root.join("tuning-13"),
            TUNING_13_FLOOR,
            TUNING_13_FLOOR_BOTH,
        ),
        (
            root.join("tuning-14"),
            TUNING_14_FLOOR,
            TUNING_14_FLOOR_BOTH,
        ),
        (
            root.join("tuning-15"),
            TUNING_15_FLOOR,
            TUNING_15_FLOOR_BOTH,
        ),
        (
            root.join("tuning-16"),
            TUNING_16_FLOOR,
            TUNING_16_FLOOR_BOTH,
        ),
        (
            root.join("tuning-17"),
            TUNING_17_FLOOR,
            TUNING_17_FLOOR_BOTH,
        ),
        (
            root.join("tuning-18"),
            TUNING_18_FLOOR,
            TUNING_18_FLOOR_BOTH,
        ),
        (root.join("held-out"), HELD_OUT_FLOOR, HELD_OUT_FLOOR_BOTH),
    ] {
        let Some(total) = score_set(&linter, &folder) else {
            continue;
        };
        scored_any = true;
        let both = &total.second;
        let mut measures = vec![
            ("precision", total.precision(), first_floor.0),
            ("recall", total.recall(), first_floor.1),
        ];
        if both.documents > 0 {
            measures.push((
                "precision judged by both editors",
                ratio(both.right_by_either, both.findings),
                both_floor.0,
            ));
            measures.push((
                "recall judged by both editors",
                ratio(both.found_of_both, both.first_flagged_by_both),
                both_floor.1,
            ));
        }
        for (measure, value, floor) in measures {
            if value < floor {
                failures.push(format!(
                    "{}: {measure} {:.1}% is below the floor of {:.1}%",
                    folder.display(),
                    100.0 * value,
                    100.0 * floor
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(scored_any, "eval/docs holds the evaluation documents");
}

#[test]
fn occurrences_follow_nth_and_the_body() {
    let text = "---\ntitle: CQC\n---\nThe CQC and the CQC.\n";
    let body = body_start(text);
    assert_eq!(&text[body..], "The CQC and the CQC.\n");
    let entry = |nth| Entry {
        text: "CQC".into(),
        nth,
        why: None,
        instead: None,
        added: None,
    };
    let all = occurrences(text, body, &entry(None)).expect("found");
    assert_eq!(all.len(), 2, "the front matter is not the body");
    let second = occurrences(text, body, &entry(Some(2))).expect("found");
    assert_eq!(second, vec![all[1].clone()]);
    assert!(occurrences(text, body, &entry(Some(3))).is_err());
    assert!(occurrences(text, body, &entry(Some(0))).is_err());
}
