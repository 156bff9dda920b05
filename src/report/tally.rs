//! Counts for the reports that summarise a whole run (markdown,
//! statistics). Workers add each file's counts under a lock; memory grows
//! with the number of rules, distinct phrases and files with findings, never
//! with the documents' text.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use super::escape::flat;
use super::{FileReport, SeverityCounts};
use crate::rules::Category;

#[derive(Debug, Default)]
pub struct Tally {
    inner: Mutex<Counts>,
}

#[derive(Debug, Default)]
pub struct Counts {
    /// Per rule index.
    pub rules: HashMap<usize, SeverityCounts>,
    /// Per rule and phrase as matched (whitespace folded, lower-cased unless
    /// the rule is case-sensitive).
    pub phrases: HashMap<(usize, String), usize>,
    /// Files with findings.
    pub files: Vec<(String, SeverityCounts)>,
    /// Files that could not be checked, with the reason (path order).
    pub errors: Vec<(String, String)>,
}

impl Tally {
    pub fn add(&self, file: &FileReport<'_>) {
        if file.findings.is_empty() {
            return;
        }
        let mut rules: HashMap<usize, SeverityCounts> = HashMap::new();
        let mut phrases: HashMap<(usize, String), usize> = HashMap::new();
        let mut total = SeverityCounts::default();
        for finding in file.findings {
            rules.entry(finding.rule).or_default().add(finding.severity);
            total.add(finding.severity);
            // Abbreviations keep their capitals; other phrases fold case.
            let mut phrase = flat(file.matched(finding)).into_owned();
            if !file.rule(finding).case_sensitive {
                phrase = phrase.to_lowercase();
            }
            *phrases.entry((finding.rule, phrase)).or_default() += 1;
        }
        let mut counts = self.lock();
        for (rule, n) in rules {
            counts.rules.entry(rule).or_default().merge(&n);
        }
        for (key, n) in phrases {
            *counts.phrases.entry(key).or_default() += n;
        }
        counts.files.push((file.path.to_string(), total));
    }

    pub fn error(&self, path: &str, message: &str) {
        self.lock()
            .errors
            .push((path.to_string(), message.to_string()));
    }

    pub fn lock(&self) -> MutexGuard<'_, Counts> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Counts {
    /// Rules by findings, most first, then by id.
    pub fn rules_by_count<'r>(
        &self,
        id: impl Fn(usize) -> &'r str,
    ) -> Vec<(usize, SeverityCounts)> {
        let mut rules: Vec<(usize, SeverityCounts)> =
            self.rules.iter().map(|(&r, &c)| (r, c)).collect();
        rules.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(id(a.0).cmp(id(b.0))));
        rules
    }

    /// Findings per category, in the categories' own order.
    pub fn categories(&self, category: impl Fn(usize) -> Category) -> Vec<(Category, usize)> {
        let mut totals: Vec<(Category, usize)> = Vec::new();
        for (&rule, counts) in &self.rules {
            let category = category(rule);
            match totals.iter_mut().find(|(c, _)| *c == category) {
                Some((_, n)) => *n += counts.total(),
                None => totals.push((category, counts.total())),
            }
        }
        totals.sort_by_key(|&(c, _)| c);
        totals
    }

    /// Phrases by findings, most first, then by rule id and phrase.
    pub fn phrases_by_count<'r>(&self, id: impl Fn(usize) -> &'r str) -> Vec<(usize, &str, usize)> {
        let mut phrases: Vec<(usize, &str, usize)> = self
            .phrases
            .iter()
            .map(|((rule, phrase), &n)| (*rule, phrase.as_str(), n))
            .collect();
        phrases.sort_by(|a, b| b.2.cmp(&a.2).then(id(a.0).cmp(id(b.0))).then(a.1.cmp(b.1)));
        phrases
    }

    /// Files by findings, most first, then by path.
    pub fn files_by_count(&self) -> Vec<&(String, SeverityCounts)> {
        let mut files: Vec<&(String, SeverityCounts)> = self.files.iter().collect();
        files.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(&b.0)));
        files
    }
}
