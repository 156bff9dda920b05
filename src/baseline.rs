//! Baselines: today's findings recorded in a file, so that a team can adopt
//! `ordinary` on a large repository and fail only on what is new.
//!
//! A finding is known by its file, rule, the matched text (whitespace
//! folded, lower-cased) and a fingerprint of its context: up to three words
//! either side of it in the same paragraph. Line numbers play no part, so a
//! finding whose paragraph moved, or whose file gained text above it, is
//! still the same finding; one whose own sentence was reworded is new. Each
//! entry has a count: with two known "service users" in the same words, a
//! third is new.
//!
//! The file is JSON, entries sorted, so it diffs well and is the same byte
//! for byte whatever the thread count:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     { "path": "policies/a.md", "rule": "service-user", "matched": "service users",
//!       "context": "5f3c2a…", "count": 1 }
//!   ]
//! }
//! ```
//!
//! Paths are relative to the baseline file's folder, so a baseline works
//! from any folder of the repository.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::engine::{Finding, Linter};
use crate::hash::{fnv1a, fnv1a_more};

pub const VERSION: u32 = 1;

/// Words either side of a finding that make its context.
const CONTEXT_WORDS: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a baseline ordinary can read: {source}")]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "{path} is a version {found} baseline; this ordinary reads version {VERSION}: write it again with --write-baseline"
    )]
    Version { path: PathBuf, found: u32 },
    #[error("cannot write the baseline {path}: {source}")]
    Encode {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("the baseline was not saved: {source}")]
    Write {
        source: crate::safe_write::WriteError,
    },
}

/// What identifies a finding in a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub rule: String,
    pub matched: String,
    /// Hex of the context fingerprint.
    pub context: String,
}

/// One line of the baseline file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    matched: String,
    context: String,
    count: u32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// The key of a finding: its rule, matched text and context.
pub fn key(text: &str, finding: &Finding, linter: &Linter) -> Key {
    let matched = &text[finding.span.clone()];
    Key {
        rule: linter.rule(finding.rule).id.clone(),
        matched: matched
            .split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" "),
        context: format!("{:016x}", context_hash(text, finding.span.clone())),
    }
}

/// FNV-1a of the lower-cased words around a span, within its paragraph
/// (a blank line ends one; so does the document's line structure for Word,
/// one paragraph per line).
fn context_hash(text: &str, span: std::ops::Range<usize>) -> u64 {
    let before = words_before(&text[..span.start]);
    let after = words_after(&text[span.end..]);
    let mut hash = fnv1a(b"ordinary-context-v1");
    for word in before.iter().rev() {
        hash = fnv1a_more(hash, word.as_bytes());
        hash = fnv1a_more(hash, b" ");
    }
    hash = fnv1a_more(hash, b"|");
    for word in &after {
        hash = fnv1a_more(hash, word.as_bytes());
        hash = fnv1a_more(hash, b" ");
    }
    hash
}

/// Up to `CONTEXT_WORDS` words before the end of `text`, nearest first.
fn words_before(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut newlines = 0;
    for c in text.chars().rev() {
        if c.is_alphanumeric() {
            word.push(c);
            newlines = 0;
            continue;
        }
        if !word.is_empty() {
            words.push(word.chars().rev().flat_map(char::to_lowercase).collect());
            word.clear();
            if words.len() == CONTEXT_WORDS {
                return words;
            }
        }
        if ends_paragraph(c, &mut newlines) {
            return words;
        }
    }
    if !word.is_empty() && words.len() < CONTEXT_WORDS {
        words.push(word.chars().rev().flat_map(char::to_lowercase).collect());
    }
    words
}

/// Up to `CONTEXT_WORDS` words from the start of `text`.
fn words_after(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut newlines = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            newlines = 0;
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
            if words.len() == CONTEXT_WORDS {
                return words;
            }
        }
        if ends_paragraph(c, &mut newlines) {
            return words;
        }
    }
    if !word.is_empty() && words.len() < CONTEXT_WORDS {
        words.push(word);
    }
    words
}

/// A second line break with only spaces since the first ends a paragraph.
fn ends_paragraph(c: char, newlines: &mut usize) -> bool {
    if c == '\n' {
        *newlines += 1;
    } else if !c.is_whitespace() {
        *newlines = 0;
    }
    *newlines >= 2
}

/// Paths in a baseline: relative to its folder, with `/`.
#[derive(Debug, Clone)]
struct Paths {
    root: PathBuf,
    current: PathBuf,
}

impl Paths {
    fn new(file: &Path) -> Paths {
        let current = std::env::current_dir().unwrap_or_default();
        let folder = file.parent().unwrap_or(Path::new(""));
        Paths {
            root: crate::walk::absolute(&current, folder),
            current,
        }
    }

    /// The key of a path as reported (relative to the current folder).
    fn key(&self, path: &str) -> String {
        let full = crate::walk::absolute(&self.current, Path::new(path));
        match full.strip_prefix(&self.root) {
            Ok(relative) => relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => full.to_string_lossy().replace('\\', "/"),
        }
    }
}

/// A baseline read from a file, for comparing a run against.
#[derive(Debug)]
pub struct Baseline {
    paths: Paths,
    entries: HashMap<String, HashMap<Key, u32>>,
    /// Findings recorded in the baseline.
    total: u64,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        // The version first, so an old or future file gets the right message.
        #[derive(Deserialize)]
        struct Versioned {
            version: u32,
        }
        let parse = |source| BaselineError::Parse {
            path: path.to_path_buf(),
            source,
        };
        let Versioned { version } = serde_json::from_str(&text).map_err(parse)?;
        if version != VERSION {
            return Err(BaselineError::Version {
                path: path.to_path_buf(),
                found: version,
            });
        }
        let file: File = serde_json::from_str(&text).map_err(parse)?;
        let mut entries: HashMap<String, HashMap<Key, u32>> = HashMap::new();
        let mut total = 0;
        for entry in file.findings {
            total += u64::from(entry.count);
            let count = entries.entry(entry.path).or_default().entry(Key {
                rule: entry.rule,
                matched: entry.matched,
                context: entry.context,
            });
            *count.or_default() += entry.count;
        }
        Ok(Baseline {
            paths: Paths::new(path),
            entries,
            total,
        })
    }

    /// Findings recorded in the baseline.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Whether the baseline knows anything about this file.
    pub fn knows(&self, path: &str) -> bool {
        self.entries.contains_key(&self.paths.key(path))
    }

    /// Removes the findings the baseline knows from a file's findings (in
    /// document order, as many of each as it counted) and returns how many
    /// were removed.
    pub fn filter(
        &self,
        path: &str,
        text: &str,
        findings: &mut Vec<Finding>,
        linter: &Linter,
    ) -> usize {
        let Some(known) = self.entries.get(&self.paths.key(path)) else {
            return 0;
        };
        let mut left = known.clone();
        let before = findings.len();
        findings.retain(|finding| match left.get_mut(&key(text, finding, linter)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        });
        before - findings.len()
    }
}

/// Collects a run's findings to write as a baseline. Workers add files in
/// any order; the file is sorted when written.
#[derive(Debug)]
pub struct Recorder {
    paths: Paths,
    entries: Mutex<BTreeMap<(String, Key), u32>>,
}

impl Recorder {
    /// A recorder for a baseline to be written to `file`.
    pub fn new(file: &Path) -> Recorder {
        Recorder {
            paths: Paths::new(file),
            entries: Mutex::new(BTreeMap::new()),
        }
    }

    /// Adds a file's findings.
    pub fn record(&self, path: &str, text: &str, findings: &[Finding], linter: &Linter) {
        if findings.is_empty() {
            return;
        }
        let path = self.paths.key(path);
        let keys: Vec<Key> = findings.iter().map(|f| key(text, f, linter)).collect();
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for key in keys {
            *entries.entry((path.clone(), key)).or_default() += 1;
        }
    }

    /// Writes the baseline (sorted by path, rule, matched text and context)
    /// and returns the number of findings in it.
    pub fn write(&self, file: &Path) -> Result<u64, BaselineError> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let findings: Vec<Entry> = entries
            .iter()
            .map(|((path, key), count)| Entry {
                path: path.clone(),
                rule: key.rule.clone(),
                matched: key.matched.clone(),
                context: key.context.clone(),
                count: *count,
            })
            .collect();
        let total = findings.iter().map(|e| u64::from(e.count)).sum();
        let mut text = serde_json::to_string_pretty(&File {
            version: VERSION,
            findings,
        })
        .map_err(|source| BaselineError::Encode {
            path: file.to_path_buf(),
            source,
        })?;
        text.push('\n');
        crate::safe_write::create(file, text.as_bytes(), true)
            .map_err(|source| BaselineError::Write { source })?;
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_stops_at_three_words_and_at_a_blank_line() {
        let text = "Intro.\n\nOne two three four SERVICE USERS five, six seven eight.";
        let start = text.find("SERVICE").unwrap();
        let end = start + "SERVICE USERS".len();
        assert_eq!(words_before(&text[..start]), ["four", "three", "two"]);
        assert_eq!(words_after(&text[end..]), ["five", "six", "seven"]);
        let short = "Intro words\n \nservice users";
        assert!(words_before(&short[..short.find("service").unwrap()]).is_empty());
    }

    #[test]
    fn context_ignores_line_breaks_and_spacing_within_a_paragraph() {
        let a = "we met the\nservice users  at home";
        let b = "we met the service users at\nhome";
        let span = |t: &str| t.find("service").unwrap()..t.find("users").unwrap() + 5;
        assert_eq!(context_hash(a, span(a)), context_hash(b, span(b)));
        let c = "we saw the service users at home";
        assert_ne!(context_hash(a, span(a)), context_hash(c, span(c)));
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let paths = Paths {
            root: PathBuf::from("/repo"),
            current: PathBuf::from("/repo/docs"),
        };
        assert_eq!(paths.key("a/b.md"), "docs/a/b.md");
        assert_eq!(paths.key("./a/../c.md"), "docs/c.md");
        assert_eq!(paths.key("/elsewhere/x.md"), "/elsewhere/x.md");
    }
}
