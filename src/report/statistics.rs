//! `--statistics`: how many findings each rule and each category has,
//! instead of the findings themselves, and how each file and the whole run
//! read (the reading summary); as a table, or as JSON.

use std::io::{self, Write};
use std::sync::Mutex;

use serde::Serialize;

use super::json::FileRecord;
use super::tally::Tally;
use super::{FileReport, Reporter, SeverityCounts, Summary};
use crate::engine::Linter;
use crate::readability::{ReadingFigures, ReadingSummary};

pub struct Statistics<'l> {
    linter: &'l Linter,
    json: bool,
    tally: Tally,
    /// Each checked file's reading summary, in path order (the main thread
    /// hands them on in that order).
    reading: Mutex<Vec<(String, ReadingSummary)>>,
}

impl<'l> Statistics<'l> {
    pub fn new(linter: &'l Linter, json: bool) -> Statistics<'l> {
        Statistics {
            linter,
            json,
            tally: Tally::default(),
            reading: Mutex::default(),
        }
    }
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    rules: Vec<RuleCount<'a>>,
    categories: Vec<CategoryCount<'a>>,
    errors: Vec<ErrorRecord<'a>>,
    /// How each checked file reads, as the JSON report gives it.
    files: Vec<FileRecord>,
    /// How every file checked reads, taken together as one text.
    reading: ReadingFigures,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct RuleCount<'a> {
    rule: &'a str,
    category: &'a str,
    count: usize,
    by_severity: SeverityCounts,
}

#[derive(Serialize)]
struct CategoryCount<'a> {
    category: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    path: &'a str,
    message: &'a str,
}

impl Reporter for Statistics<'_> {
    fn render(&self, file: &FileReport<'_>, _out: &mut Vec<u8>) {
        self.tally.add(file);
    }

    fn error(&self, path: &str, message: &str, _out: &mut dyn Write) -> io::Result<()> {
        if !self.json {
            writeln!(io::stderr().lock(), "error: {path}: {message}")?;
        }
        self.tally.error(path, message);
        Ok(())
    }

    fn reading(
        &self,
        path: &str,
        summary: &ReadingSummary,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.reading
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((path.to_string(), *summary));
        Ok(())
    }

    fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let counts = self.tally.lock();
        let reading = self
            .reading
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut total = ReadingSummary::default();
        reading.iter().for_each(|(_, file)| total.merge(file));
        let rule = |r: usize| self.linter.rule(r);
        let rules = counts.rules_by_count(|r| rule(r).id.as_str());
        let categories = counts.categories(|r| rule(r).category);
        if self.json {
            let report = Report {
                version: super::json::VERSION,
                rules: rules
                    .iter()
                    .map(|&(r, by_severity)| RuleCount {
                        rule: &rule(r).id,
                        category: rule(r).category.as_str(),
                        count: by_severity.total(),
                        by_severity,
                    })
                    .collect(),
                categories: categories
                    .iter()
                    .map(|&(category, count)| CategoryCount {
                        category: category.as_str(),
                        count,
                    })
                    .collect(),
                errors: counts
                    .errors
                    .iter()
                    .map(|(path, message)| ErrorRecord { path, message })
                    .collect(),
                files: reading
                    .iter()
                    .map(|(path, file)| FileRecord {
                        path: path.clone(),
                        summary: file.figures(),
                    })
                    .collect(),
                reading: total.figures(),
                summary,
            };
            serde_json::to_writer(&mut *out, &report)?;
            return out.write_all(b"\n");
        }
        let width = rules
            .iter()
            .map(|&(r, _)| rule(r).id.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let mut text = String::new();
        text.push_str(&format!("{:>6}  {:width$}  category\n", "count", "rule"));
        for &(r, n) in &rules {
            text.push_str(&format!(
                "{:>6}  {:width$}  {}\n",
                n.total(),
                rule(r).id,
                rule(r).category.as_str()
            ));
        }
        text.push_str(&format!("\n{:>6}  category\n", "count"));
        for (category, n) in &categories {
            text.push_str(&format!("{n:>6}  {}\n", category.as_str()));
        }
        text.push_str(&format!(
            "\n{:>6}  findings in {} of {} files checked",
            summary.findings, summary.files_with_findings, summary.files_checked
        ));
        if summary.errors > 0 {
            text.push_str(&format!("; {} could not be checked", summary.errors));
        }
        text.push('\n');
        text.push_str(&reading_table(&reading, &total));
        out.write_all(text.as_bytes())
    }
}

/// The reading summary as a table: a row for each file with sentences in
/// it, then every file together, then that total in words (the words every
/// front end gives a summary in, [`ReadingFigures::describe`]).
fn reading_table(files: &[(String, ReadingSummary)], total: &ReadingSummary) -> String {
    let mut text = String::new();
    let read: Vec<_> = files.iter().filter(|(_, f)| f.sentences > 0).collect();
    if read.is_empty() {
        return text;
    }
    text.push_str(&format!(
        "\n{:>7}  {:>9}  {:>7}  {:>4}  {:>7}  {:>3}  file\n",
        "words", "sentences", "average", "long", "passive", "age"
    ));
    let row = |figures: &ReadingFigures, name: &str| {
        format!(
            "{:>7}  {:>9}  {:>7.1}  {:>3.0}%  {:>6.0}%  {:>3}  {name}\n",
            figures.words,
            figures.sentences,
            figures.average_sentence_words,
            figures.long_sentence_share,
            figures.passive_sentence_share,
            figures
                .reading_age_years()
                .map_or("-".to_string(), |age| age.to_string()),
        )
    };
    for (path, file) in &read {
        text.push_str(&row(&file.figures(), path));
    }
    let figures = total.figures();
    if read.len() > 1 {
        text.push_str(&row(&figures, "(all files)"));
    }
    text.push_str(&format!("\nreading: {}\n", figures.describe()));
    text
}
