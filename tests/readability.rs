//! The readability checks measured on gold sets written for them before
//! any code (`eval/readability`): sentence boundaries and the passive voice.
//!
//! `ORDINARY_READABILITY_DETAIL=1 cargo test --test readability -- --nocapture`
//! lists every boundary missed or made up.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use ordinary::source::{Document, Format};

const MARK: char = '‖';
/// The issue asks for at least 99% of boundaries right.
const SENTENCE_FLOOR: f64 = 0.99;
/// 97.7% when first run (2026-12-07).
const HELD_OUT_SENTENCE_FLOOR: f64 = 0.97;

/// Where a boundary is, for comparing: before any closing markup (`**`)
/// and spaces, which the gold marks after and the reader takes out.
fn settle(text: &str, mut at: usize) -> usize {
    while at > 0 && matches!(text.as_bytes()[at - 1], b'*' | b'_' | b' ' | b'\n') {
        at -= 1;
    }
    at
}

#[test]
fn sentence_boundaries_match_the_gold_set() {
    score_sentences("eval/readability/sentences", SENTENCE_FLOOR);
}

/// The held-out set: never tuned on, so it says whether the splitter
/// generalises. Its floor is what it scored when first run, less a little.
#[test]
fn sentence_boundaries_match_the_held_out_set() {
    score_sentences(
        "eval/readability/held-out/sentences",
        HELD_OUT_SENTENCE_FLOOR,
    );
}

fn score_sentences(folder: &str, floor: f64) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("the gold folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    paths.sort();
    assert!(paths.len() >= 8, "{} gold documents", paths.len());
    let detail = std::env::var_os("ORDINARY_READABILITY_DETAIL").is_some();
    let (mut gold_total, mut missed, mut made_up) = (0, 0, 0);
    let mut report = String::new();
    for path in &paths {
        let marked = std::fs::read_to_string(path).expect("read");
        let mut text = String::with_capacity(marked.len());
        let mut gold = BTreeSet::new();
        for c in marked.chars() {
            if c == MARK {
                gold.insert(settle(&text, text.len()));
            } else {
                text.push(c);
            }
        }
        let headings: Vec<std::ops::Range<usize>> = {
            let mut offset = 0;
            let mut out = Vec::new();
            for line in text.split_inclusive('\n') {
                if line.starts_with('#') {
                    out.push(offset..offset + line.len());
                }
                offset += line.len();
            }
            out
        };
        let document = Document::parse(text.clone(), Format::Markdown);
        let found: BTreeSet<usize> = ordinary::readability::document_sentences(&document)
            .into_iter()
            .map(|s| settle(&text, s.end))
            .filter(|end| !headings.iter().any(|h| h.contains(end)))
            .collect();
        gold_total += gold.len();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        for &end in gold.difference(&found) {
            missed += 1;
            let _ = writeln!(
                report,
                "{name}: missed   …{}‖{}…",
                before(&text, end),
                after(&text, end)
            );
        }
        for &end in found.difference(&gold) {
            made_up += 1;
            let _ = writeln!(
                report,
                "{name}: made up  …{}‖{}…",
                before(&text, end),
                after(&text, end)
            );
        }
    }
    let right = 1.0 - (missed + made_up) as f64 / gold_total as f64;
    println!(
        "sentence boundaries ({}): {gold_total} in the gold set, {missed} missed, {made_up} made up: {:.1}% right",
        folder.display(),
        100.0 * right
    );
    if detail {
        println!("{report}");
    }
    assert!(right >= floor, "{:.2}% right, below {floor}", 100.0 * right);
}

fn before(text: &str, at: usize) -> String {
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    text[from..at].replace('\n', " ")
}

fn after(text: &str, at: usize) -> String {
    let to = text[at..]
        .char_indices()
        .nth(30)
        .map_or(text.len(), |(i, _)| at + i);
    text[at..to].replace('\n', " ")
}

/// The issue asks for at least 90% precision and recall.
const PASSIVE_FLOOR: (f64, f64) = (0.90, 0.90);
/// 95.7% and 95.7% when first run (2026-12-07).
const HELD_OUT_PASSIVE_FLOOR: (f64, f64) = (0.95, 0.95);

#[derive(serde::Deserialize)]
struct PassiveGold {
    sentence: Vec<PassiveSentence>,
}

#[derive(serde::Deserialize)]
struct PassiveSentence {
    text: String,
    passive: Vec<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[test]
fn passive_verb_groups_match_the_gold_set() {
    score_passives("eval/readability/passive.toml", PASSIVE_FLOOR);
}

#[test]
fn passive_verb_groups_match_the_held_out_set() {
    score_passives(
        "eval/readability/held-out/passive.toml",
        HELD_OUT_PASSIVE_FLOOR,
    );
}

fn score_passives(file: &str, floor: (f64, f64)) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let gold: PassiveGold =
        toml::from_str(&std::fs::read_to_string(path).expect("read")).expect("the gold TOML");
    assert!(
        gold.sentence.len() >= 300,
        "{} sentences",
        gold.sentence.len()
    );
    let detail = std::env::var_os("ORDINARY_READABILITY_DETAIL").is_some();
    let (mut found_total, mut right, mut gold_total, mut caught) = (0, 0, 0, 0);
    let mut report = String::new();
    for entry in &gold.sentence {
        let expected: Vec<std::ops::Range<usize>> = entry
            .passive
            .iter()
            .map(|group| {
                let at = entry
                    .text
                    .find(group.as_str())
                    .expect("a gold group is in its sentence");
                at..at + group.len()
            })
            .collect();
        let found = ordinary::readability::passive::passives(&entry.text);
        let overlaps = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
            a.start < b.end && b.start < a.end
        };
        found_total += found.len();
        gold_total += expected.len();
        for group in &found {
            if expected.iter().any(|e| overlaps(e, group)) {
                right += 1;
            } else {
                let _ = writeln!(
                    report,
                    "made up [{}] {}",
                    &entry.text[group.clone()],
                    entry.text
                );
            }
        }
        for group in &expected {
            if found.iter().any(|f| overlaps(f, group)) {
                caught += 1;
            } else {
                let _ = writeln!(
                    report,
                    "missed  [{}] {}",
                    &entry.text[group.clone()],
                    entry.text
                );
            }
        }
    }
    let precision = right as f64 / found_total.max(1) as f64;
    let recall = caught as f64 / gold_total.max(1) as f64;
    println!(
        "passive voice ({file}): {} sentences, {gold_total} passive groups; found {found_total}: precision {:.1}%, recall {:.1}%",
        gold.sentence.len(),
        100.0 * precision,
        100.0 * recall
    );
    if detail {
        println!("{report}");
    }
    assert!(
        precision >= floor.0 && recall >= floor.1,
        "precision {:.1}%, recall {:.1}%",
        100.0 * precision,
        100.0 * recall
    );
}

/// The sentences of a document as the checks read them (Markdown without
/// its marks), each with its spaces folded and its quotation marks and
/// apostrophes straight (pandoc made them curly in the Word files).
fn sentence_texts(document: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for segment in &document.segments {
        let text = document.segment_text(segment);
        for unit in ordinary::readability::segment_units(document, segment) {
            let unit_text = &text[unit];
            for sentence in ordinary::readability::sentences(unit_text) {
                let words: Vec<&str> = unit_text[sentence].split_whitespace().collect();
                out.push(
                    words
                        .join(" ")
                        .replace(['\u{2018}', '\u{2019}'], "'")
                        .replace(['\u{201C}', '\u{201D}'], "\""),
                );
            }
        }
    }
    out
}

/// Markdown with its front matter's title and date (as pandoc puts them at
/// the start of a Word document) as paragraphs after the front matter.
fn with_title_block(source: &str) -> String {
    let Some(rest) = source.strip_prefix("---\n") else {
        return source.to_string();
    };
    let end = rest.find("\n---\n").expect("front matter ends");
    let front = &rest[..end];
    let field = |key: &str| {
        front
            .lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
            .map(str::trim)
    };
    let mut block = String::new();
    for value in [field("title"), field("date")].into_iter().flatten() {
        block.push_str(value);
        block.push_str("\n\n");
    }
    let body = end + "\n---\n".len();
    format!("---\n{}\n{block}{}", &rest[..body], &rest[body..])
}

/// The corpus's Word documents and the Markdown each was made from (by
/// pandoc: tests/fixtures/docx/src), by their common name.
fn word_and_markdown_pairs() -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pairs = Vec::new();
    for folder in ["assessments", "policies", "recruitment", "plain"] {
        for entry in std::fs::read_dir(root.join("corpus").join(folder)).expect("corpus") {
            let path = entry.expect("a corpus file").path();
            if path.extension().is_none_or(|e| e != "docx") {
                continue;
            }
            let markdown = root
                .join("tests/fixtures/docx/src/corpus")
                .join(folder)
                .join(path.with_extension("md").file_name().expect("a name"));
            assert!(
                markdown.is_file(),
                "{} has no Markdown source",
                path.display()
            );
            pairs.push((path, markdown));
        }
    }
    pairs.sort();
    pairs
}

#[test]
fn word_and_markdown_give_the_same_sentences_and_the_same_summary() {
    let rules = ordinary::rules::Ruleset::defaults().expect("the built-in rules load");
    let linter = ordinary::engine::Linter::new(rules, &ordinary::engine::Settings::default())
        .expect("the built-in rules compile");
    let pairs = word_and_markdown_pairs();
    assert_eq!(pairs.len(), 6, "{pairs:?}");
    for (word, markdown) in pairs {
        let read = |path: &Path, format| {
            let bytes = std::fs::read(path).expect("readable");
            ordinary::source::read_bytes(bytes, format, Default::default()).expect("reads")
        };
        let word_document = read(&word, Format::Docx);
        // Pandoc made the Word file's first paragraphs of the front
        // matter's title and date: the Markdown gets them too, to be the
        // same content.
        let source = std::fs::read_to_string(&markdown).expect("readable");
        let markdown_document = Document::parse(with_title_block(&source), Format::Markdown);
        let (from_word, from_markdown) = (
            sentence_texts(&word_document),
            sentence_texts(&markdown_document),
        );
        let first_difference = from_word
            .iter()
            .zip(&from_markdown)
            .position(|(a, b)| a != b);
        assert!(
            first_difference.is_none() && from_word.len() == from_markdown.len(),
            "{}: {} sentences from Word, {} from Markdown; the first that differ:\n  word:     {:?}\n  markdown: {:?}",
            word.display(),
            from_word.len(),
            from_markdown.len(),
            first_difference.map(|i| &from_word[i]),
            first_difference.map(|i| &from_markdown[i]),
        );
        let summary = |document: &Document| linter.check_and_summarize(document).1;
        assert_eq!(
            summary(&word_document),
            summary(&markdown_document),
            "{}",
            word.display()
        );
        assert!(summary(&word_document).sentences > 30, "{}", word.display());
    }
}
