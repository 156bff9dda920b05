//! `--statistics`: how many findings each rule and each category has,
//! instead of the findings themselves; as a table, or as JSON.

use std::io::{self, Write};

use serde::Serialize;

use super::tally::Tally;
use super::{FileReport, Reporter, SeverityCounts, Summary};
use crate::engine::Linter;

pub struct Statistics<'l> {
    linter: &'l Linter,
    json: bool,
    tally: Tally,
}

impl<'l> Statistics<'l> {
    pub fn new(linter: &'l Linter, json: bool) -> Statistics<'l> {
        Statistics {
            linter,
            json,
            tally: Tally::default(),
        }
    }
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    rules: Vec<RuleCount<'a>>,
    categories: Vec<CategoryCount<'a>>,
    errors: Vec<ErrorRecord<'a>>,
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

    fn finish(&self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let counts = self.tally.lock();
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
        out.write_all(text.as_bytes())
    }
}
