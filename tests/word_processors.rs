//! Documents saved by real word processors (pandoc and LibreOffice, made by
//! `scripts/make-docx-fixtures.sh` from the Markdown in
//! `tests/fixtures/docx/src/`): each must give the same findings as its
//! Markdown source, and the places must be right.

use std::path::{Path, PathBuf};

use ordinary::engine::{Linter, Settings};
use ordinary::normalize::normalize_phrase;
use ordinary::rules::Ruleset;
use ordinary::source::{Format, read_file};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx")
}

fn linter() -> Linter {
    Linter::new(Ruleset::defaults().expect("rules"), &Settings::default()).expect("linter")
}

/// `(rule, matched)` for every finding, sorted, with the matched text
/// normalised (Word turns straight quotes curly, spaces vary) and without
/// Markdown's inline markup.
fn findings(linter: &Linter, path: &Path, format: Format) -> Vec<(String, String)> {
    let document = read_file(path, format).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut found: Vec<(String, String)> = linter
        .check(&document)
        .into_iter()
        .map(|f| {
            // Markdown's matched text keeps the markup it spans (`co-**production`).
            let matched: String = document.text[f.span]
                .chars()
                .filter(|c| !"*_~^".contains(*c))
                .collect();
            (
                linter.rule(f.rule).id.clone(),
                normalize_phrase(&matched).to_lowercase(),
            )
        })
        .collect();
    found.sort();
    found
}

/// Places ("table 1, row 2, column 2") of the findings of one rule.
fn places(linter: &Linter, path: &Path, rule: &str) -> Vec<String> {
    let document =
        read_file(path, Format::Docx).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    linter
        .check(&document)
        .into_iter()
        .filter(|f| linter.rule(f.rule).id == rule)
        .filter_map(|f| {
            document
                .segment_at(f.span.start)?
                .location
                .as_ref()
                .map(|l| l.to_string())
        })
        .collect()
}

#[test]
fn each_document_gives_the_same_findings_as_markdown_and_as_word() {
    let linter = linter();
    let mut sources: Vec<PathBuf> = std::fs::read_dir(fixtures().join("src"))
        .expect("fixture sources")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    sources.sort();
    assert!(sources.len() >= 6, "{sources:?}");
    for source in sources {
        let name = source.file_stem().unwrap().to_string_lossy().to_string();
        let mut markdown = findings(&linter, &source, Format::Markdown);
        // pandoc's Markdown reads `CQC^1^` and `SpO~2~` as superscript and
        // subscript inside a word; CommonMark (and so `ordinary`) reads them
        // as plain characters, so the Markdown has two findings Word cannot.
        if name == "split-runs" {
            for extra in [("abbreviation-not-explained", "spo"), ("cqc", "cqc")] {
                let at = markdown
                    .iter()
                    .position(|(rule, matched)| (rule.as_str(), matched.as_str()) == extra);
                markdown
                    .remove(at.unwrap_or_else(|| panic!("split-runs.md should have {extra:?}")));
            }
        }
        assert!(
            !markdown.is_empty(),
            "{name}: the source should have jargon in it"
        );
        for writer in ["pandoc", "libreoffice"] {
            let docx = fixtures().join(writer).join(format!("{name}.docx"));
            assert_eq!(
                findings(&linter, &docx, Format::Docx),
                markdown,
                "{writer}/{name}.docx against {name}.md"
            );
        }
    }
}

#[test]
fn places_are_reported_in_words_for_both_writers() {
    let linter = linter();
    for writer in ["pandoc", "libreoffice"] {
        // Row 1 of the table is its header row; the last paragraph says "package of care".
        let tables = fixtures().join(writer).join("tables.docx");
        assert_eq!(
            places(&linter, &tables, "care-package"),
            ["table 1, row 3, column 2", "paragraph 3"],
            "{writer}"
        );
        assert_eq!(
            places(&linter, &tables, "service-user"),
            ["table 1, row 5, column 3"],
            "{writer}"
        );
        let notes = fixtures().join(writer).join("footnotes.docx");
        assert_eq!(
            places(&linter, &notes, "service-user"),
            ["footnote 1"],
            "{writer}"
        );
        assert_eq!(
            places(&linter, &notes, "care-package"),
            ["footnote 2"],
            "{writer}"
        );
    }
}
