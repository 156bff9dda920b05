//! Turns rules files into a checked [`Ruleset`], collecting every problem
//! with the place it was found.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::compiled::{Claim, Earlier};
use super::forms::expand;
use super::schema::{
    AbbreviationEntry, Defaults, ExampleEntry, ExampleList, RuleEntry, RuleFile, SpannedList,
    SuggestionEntry, SuggestionList,
};
use super::suggestion::{self, Example, Fit, PhraseClass, Suggestion};
use super::{Category, Problem, Rule, RuleSource, RulesError, Ruleset, Sense, WordClass};
use crate::location::LineIndex;
use crate::normalize::normalize_phrase;
use rayon::prelude::*;

/// Where a rules file is cut into pieces that parse on their own: before an
/// entry's header, once the piece is this long.
const PIECE_BYTES: usize = 16 * 1024;

pub(super) fn load(files: Vec<RuleSource>) -> Result<Ruleset, RulesError> {
    let mut loader = collect(&files);
    loader.check_unique(None);
    if loader.problems.is_empty() {
        Ok(Ruleset {
            rules: loader.rules.into_iter().map(|r| r.rule).collect(),
        })
    } else {
        Err(RulesError::Invalid {
            files,
            problems: loader.problems,
        })
    }
}

/// Every rule of every file, in order, and every problem found in them,
/// before the checks across files (unique ids and forms).
pub(super) fn collect(files: &[RuleSource]) -> Collected {
    // Each file is cut into pieces at `[[rule]]` and `[[abbreviation]]`
    // headers, and all the pieces of all the files are parsed and expanded
    // on every core, then joined in file order, so rule order never changes.
    // Small pieces also keep the parser's memory small: on this machine a
    // fresh page of memory costs about 5 microseconds, and parsing a whole
    // 1 MB file at once touched 50 MB.
    let layouts: Vec<Option<Layout>> = files
        .par_iter()
        .map(|file| Layout::of(&file.text))
        .collect();
    let jobs: Vec<(usize, Range<usize>)> = layouts
        .iter()
        .enumerate()
        .filter_map(|(index, layout)| Some((index, layout.as_ref()?)))
        .flat_map(|(index, layout)| layout.pieces.iter().map(move |p| (index, p.clone())))
        .collect();
    let loaded: Vec<Option<PieceLoad>> = jobs
        .par_iter()
        .map(|(index, piece)| {
            let layout = layouts[*index].as_ref()?;
            load_piece(*index, &files[*index], layout, piece.clone())
        })
        .collect();

    let mut loader = Collected::default();
    let mut loaded = jobs.iter().map(|(index, _)| *index).zip(loaded).peekable();
    for (index, file) in files.iter().enumerate() {
        let mut pieces = Vec::new();
        while let Some((_, piece)) = loaded.next_if(|(i, _)| *i == index) {
            pieces.push(piece);
        }
        match pieces.into_iter().collect::<Option<Vec<PieceLoad>>>() {
            Some(pieces) if layouts[index].is_some() => {
                // A file lists its rules first, then its abbreviations.
                let (rules, abbreviations): (Vec<_>, Vec<_>) = pieces
                    .into_iter()
                    .map(|p| (p.rules, p.abbreviations))
                    .unzip();
                for part in rules.into_iter().chain(abbreviations) {
                    loader.absorb(part);
                }
            }
            // A file that could not be cut cleanly (or does not parse) is
            // read whole, which gives the parser's own error.
            _ => {
                let lines = LineIndex::new(&file.text);
                let mut whole = Loader::new(&lines, 0);
                whole.load_file(index, file);
                loader.absorb(whole.found);
            }
        }
    }
    loader
}

/// A rules file cut into pieces, with what every piece needs: the file's
/// `[defaults]` (parsed from the part before the first entry) and its lines.
struct Layout {
    defaults: Defaults,
    lines: LineIndex,
    /// Byte ranges, each starting at an entry's header.
    pieces: Vec<Range<usize>>,
}

impl Layout {
    /// `None` when the file must be read whole: its start does not parse,
    /// or holds entries itself (`rule = [...]`), so cutting could change
    /// what it means.
    fn of(text: &str) -> Option<Layout> {
        let mut cuts = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let long_enough = cuts.last().is_none_or(|&last| start - last >= PIECE_BYTES);
            if long_enough && is_entry_header(line) {
                cuts.push(start);
            }
            start += line.len();
        }
        let first = cuts.first().copied().unwrap_or(text.len());
        let head: RuleFile = toml::from_str(&text[..first]).ok()?;
        if !head.rule.is_empty() || !head.abbreviation.is_empty() {
            return None;
        }
        let mut pieces: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
        if let Some(&last) = cuts.last() {
            pieces.push(last..text.len());
        }
        Some(Layout {
            defaults: head.defaults.unwrap_or_default(),
            lines: LineIndex::new(text),
            pieces,
        })
    }
}

/// `[[rule]]` or `[[abbreviation]]` alone on its line (a comment may follow).
fn is_entry_header(line: &str) -> bool {
    ["[[rule]]", "[[abbreviation]]"].iter().any(|header| {
        line.strip_prefix(header).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty() || rest.starts_with('#')
        })
    })
}

/// One piece's rules and abbreviations, kept apart so the file's order
/// (rules, then abbreviations) can be restored.
struct PieceLoad {
    rules: Collected,
    abbreviations: Collected,
}

/// Parses and loads one piece; `None` if it does not parse on its own or
/// sets `[defaults]` (legal after the entries, but then it applies to the
/// whole file: only a whole read gets that right).
fn load_piece(
    file: usize,
    source: &RuleSource,
    layout: &Layout,
    piece: Range<usize>,
) -> Option<PieceLoad> {
    let parsed: RuleFile = toml::from_str(&source.text[piece.clone()]).ok()?;
    if parsed.defaults.is_some() {
        return None;
    }
    let mut rules = Loader::new(&layout.lines, piece.start);
    for entry in parsed.rule {
        let span = entry.span();
        rules.load_rule(file, source, span, entry.into_inner(), &layout.defaults);
    }
    let mut abbreviations = Loader::new(&layout.lines, piece.start);
    for entry in parsed.abbreviation {
        abbreviations.load_abbreviation(file, source, entry.into_inner(), &layout.defaults);
    }
    Some(PieceLoad {
        rules: rules.found,
        abbreviations: abbreviations.found,
    })
}

/// A rule plus where its parts were written, for later checks.
pub(super) struct Loaded {
    pub(super) rule: Rule,
    pub(super) file: usize,
    pub(super) id_span: Range<usize>,
    /// For each form: the span of the phrase it came from.
    pub(super) form_spans: Vec<Range<usize>>,
    /// For each form: the phrase it was generated from (equal when written).
    form_origins: Vec<String>,
}

/// Rules loaded and problems found, in the order they were met.
#[derive(Default)]
pub(super) struct Collected {
    pub(super) rules: Vec<Loaded>,
    pub(super) problems: Vec<Problem>,
}

/// Loads one file, or one piece of it.
struct Loader<'a> {
    found: Collected,
    /// Line starts of the file being loaded: counting lines from the top
    /// for every rule was a third of start-up.
    lines: &'a LineIndex,
    /// Where the piece being loaded starts in its file: spans from the
    /// parser are relative to the piece.
    base: usize,
}

impl<'a> Loader<'a> {
    fn new(lines: &'a LineIndex, base: usize) -> Loader<'a> {
        Loader {
            found: Collected::default(),
            lines,
            base,
        }
    }

    /// A span from the parser, as a place in the whole file.
    fn place(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    fn problem(&mut self, file: usize, span: Range<usize>, key: &str, message: impl Into<String>) {
        self.found.problems.push(Problem {
            file,
            span: self.place(span),
            key: Some(key.to_string()),
            message: message.into(),
            related: None,
        });
    }

    fn load_file(&mut self, index: usize, source: &RuleSource) {
        let parsed: RuleFile = match toml::from_str(&source.text) {
            Ok(parsed) => parsed,
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                let (key, message) = explain_toml_error(&error);
                self.found.problems.push(Problem {
                    file: index,
                    span,
                    key,
                    message,
                    related: None,
                });
                return;
            }
        };
        let defaults = parsed.defaults.unwrap_or_default();
        for entry in parsed.rule {
            let span = entry.span();
            let entry = entry.into_inner();
            self.load_rule(index, source, span, entry, &defaults);
        }
        for entry in parsed.abbreviation {
            self.load_abbreviation(index, source, entry.into_inner(), &defaults);
        }
    }

    fn line(&self, source: &RuleSource, offset: usize) -> usize {
        self.lines.position(&source.text, offset + self.base).line
    }

    fn load_rule(
        &mut self,
        file: usize,
        source: &RuleSource,
        span: Range<usize>,
        entry: RuleEntry,
        defaults: &Defaults,
    ) {
        let category = entry.category.or(defaults.category);
        let severity = entry.severity.or(defaults.severity);
        let before = self.found.problems.len();
        let id_span = entry.id.span();
        let id = entry.id.into_inner();
        self.check_id(file, &id, id_span.clone());
        let Some(category) = category else {
            self.problem(
                file,
                span,
                "rule.category",
                format!("rule `{id}` has no category: set `category` here or in `[defaults]`"),
            );
            return;
        };
        let Some(severity) = severity else {
            self.problem(
                file,
                span,
                "rule.severity",
                format!("rule `{id}` has no severity: set `severity` here or in `[defaults]`"),
            );
            return;
        };
        let phrases = self.strings(file, &id, "rule.phrases", entry.phrases.as_ref());
        let patterns = self.strings(file, &id, "rule.patterns", entry.patterns.as_ref());
        if phrases.is_empty() && patterns.is_empty() && entry.check.is_none() {
            let at = entry
                .phrases
                .as_ref()
                .or(entry.patterns.as_ref())
                .map_or(span.clone(), |p| p.span());
            self.problem(file, at, "rule.phrases", format!("rule `{id}` matches nothing: give at least one phrase in `phrases` (or a regular expression in `patterns`)"));
        }
        for pattern in entry.patterns.iter().flat_map(|p| p.get_ref()) {
            if let Err(error) = regex::Regex::new(pattern.get_ref()) {
                let first_line = error
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("invalid")
                    .trim()
                    .to_string();
                self.problem(
                    file,
                    pattern.span(),
                    "rule.patterns",
                    format!("rule `{id}`: not a valid regular expression: {first_line}"),
                );
            }
        }
        let classes = entry.inflect.map(|i| i.classes()).unwrap_or_default();
        let class = entry.class.unwrap_or(match classes.as_slice() {
            [WordClass::Noun] => PhraseClass::Noun,
            [WordClass::Verb] => PhraseClass::Verb,
            _ => PhraseClass::Phrase,
        });
        let mut suggestions = self.suggestions(
            file,
            &id,
            class,
            &entry.suggestions,
            &phrases,
            &classes,
            entry.inflect_word,
        );
        // A check of whole sentences or documents has nothing to replace:
        // what it suggests is always advice.
        if entry.check.is_some() {
            for suggestion in &mut suggestions {
                suggestion.fit = Fit::Advice;
            }
        }
        let examples = self.examples(file, &id, "rule.examples", &entry.examples);
        let counter_examples =
            self.required_strings(file, &id, "rule.counter_examples", &entry.counter_examples);
        if entry.why.get_ref().trim().is_empty() {
            self.problem(
                file,
                entry.why.span(),
                "rule.why",
                format!("rule `{id}` has an empty `why`: say in plain words why it is a problem"),
            );
        }
        if self.found.problems.len() > before {
            return;
        }
        let phrase_spans: Vec<(String, Range<usize>)> = entry
            .phrases
            .iter()
            .flat_map(|p| p.get_ref())
            .map(|p| (p.get_ref().clone(), p.span()))
            .collect();
        let (forms, form_spans, form_origins) = expand_all(
            &phrase_spans,
            &classes,
            entry.inflect_word,
            entry.case_sensitive,
        );
        let line = self.line(source, id_span.start);
        let phrase_data = super::PhraseData::new(
            &phrases,
            class,
            entry.inflect_word == Some(super::WordPosition::Last),
        );
        let rule = Rule {
            id,
            category,
            severity,
            phrases,
            patterns,
            check: entry.check,
            forms,
            inflect: classes,
            phrase_data,
            class,
            case_sensitive: entry.case_sensitive,
            expansion: None,
            senses: Vec::new(),
            suggestions,
            why: entry.why.into_inner().trim().to_string(),
            message: entry.message,
            examples,
            counter_examples,
            unless_followed_by: normalize_all(&entry.unless_followed_by),
            unless_preceded_by: normalize_all(&entry.unless_preceded_by),
            // Only phrases are matched inside or outside quotation marks; a
            // check of whole sentences or documents has no such setting.
            ignore_in_quotes: entry.ignore_in_quotes && entry.check.is_none(),
            kinds: defaults.kinds_or(entry.kinds),
            severity_by_kind: defaults.severity_by_kind_or(entry.severity_by_kind),
            audiences: defaults.audiences_or(entry.audiences),
            severity_by_audience: defaults.severity_by_audience_or(entry.severity_by_audience),
            enabled: entry.enabled,
            known_to_staff: entry.known_to_staff,
            explainable: entry.explainable.or(defaults.explainable).unwrap_or(false),
            term_in_capitals: entry.term_in_capitals,
            source: format!("{}:{line}", source.name),
        };
        self.found.rules.push(Loaded {
            rule,
            file,
            id_span: self.place(id_span),
            form_spans: form_spans.into_iter().map(|s| self.place(s)).collect(),
            form_origins,
        });
    }

    fn load_abbreviation(
        &mut self,
        file: usize,
        source: &RuleSource,
        entry: AbbreviationEntry,
        defaults: &Defaults,
    ) {
        let before = self.found.problems.len();
        let abbr_span = entry.abbr.span();
        let abbr = entry.abbr.get_ref().trim().to_string();
        let (id, id_span) = match &entry.id {
            Some(id) => (id.get_ref().clone(), id.span()),
            None => (abbreviation_id(&abbr), abbr_span.clone()),
        };
        if abbr.chars().count() < 2
            || !abbr.chars().any(|c| c.is_uppercase())
            || abbr.contains(char::is_whitespace)
        {
            self.problem(file, abbr_span.clone(), "abbreviation.abbr", format!("`{abbr}` does not look like an abbreviation: two or more characters, at least one capital, no spaces"));
        }
        self.check_id(file, &id, id_span.clone());
        let expansion = entry.expansion.get_ref().trim().to_string();
        if expansion.is_empty() {
            self.problem(
                file,
                entry.expansion.span(),
                "abbreviation.expansion",
                format!("abbreviation `{abbr}` has an empty expansion"),
            );
        }
        // What an abbreviation should become depends on where it is
        // ("Northmoor and Dale ICB" is a name; "IDDSI level 5" needs more
        // than the words it stands for), so its suggestions are advice.
        let suggestions = match &entry.suggestions {
            Some(list) => self.required_strings(file, &id, "abbreviation.suggestions", list),
            None => vec![expansion.clone()],
        }
        .into_iter()
        .map(advice)
        .collect::<Vec<_>>();
        let senses = if entry.senses.is_empty() {
            Vec::new()
        } else {
            let main = Sense {
                expansion: expansion.clone(),
                suggestions: suggestions.clone(),
                near: entry.near.iter().map(|w| w.to_lowercase()).collect(),
                kinds: Vec::new(),
            };
            std::iter::once(main)
                .chain(entry.senses.iter().map(|sense| {
                    Sense {
                        expansion: sense.expansion.trim().to_string(),
                        suggestions: sense
                            .suggestions
                            .clone()
                            .unwrap_or_else(|| vec![sense.expansion.trim().to_string()])
                            .into_iter()
                            .map(advice)
                            .collect(),
                        near: sense.near.iter().map(|w| w.to_lowercase()).collect(),
                        kinds: sense.kinds.clone(),
                    }
                }))
                .collect()
        };
        // Where the meaning is unclear, every meaning's words are offered.
        let suggestions = if senses.is_empty() {
            suggestions
        } else {
            senses
                .iter()
                .flat_map(|sense| sense.suggestions.iter().cloned())
                .collect()
        };
        let examples = self.examples(file, &id, "abbreviation.examples", &entry.examples);
        let counter_examples = self.required_strings(
            file,
            &id,
            "abbreviation.counter_examples",
            &entry.counter_examples,
        );
        if self.found.problems.len() > before {
            return;
        }
        // The plural with a lower-case "s" ("FTEs"), unless it already ends in s.
        let mut phrases = vec![(abbr.clone(), abbr_span.clone())];
        if abbr.ends_with(|c: char| c.is_uppercase()) {
            phrases.push((format!("{abbr}s"), abbr_span.clone()));
        }
        let (forms, form_spans, form_origins) = expand_all(&phrases, &[], None, true);
        let why = entry.why.unwrap_or_else(|| {
            format!("Not everyone knows that {abbr} stands for {expansion}. Write it out, or say what it means in everyday words.")
        });
        let line = self.line(source, id_span.start);
        let rule = Rule {
            id,
            category: Category::Abbreviation,
            severity: entry
                .severity
                .or(defaults.severity)
                .unwrap_or(super::Severity::Warning),
            phrases: vec![abbr],
            patterns: Vec::new(),
            check: None,
            forms,
            inflect: Vec::new(),
            class: PhraseClass::Noun,
            // Abbreviations' suggestions are advice: nothing to fit.
            phrase_data: super::PhraseData::default(),
            case_sensitive: true,
            expansion: Some(expansion),
            senses,
            suggestions,
            why,
            message: None,
            examples,
            counter_examples,
            unless_followed_by: normalize_all(&entry.unless_followed_by),
            unless_preceded_by: normalize_all(&entry.unless_preceded_by),
            ignore_in_quotes: false,
            kinds: defaults.kinds_or(entry.kinds),
            severity_by_kind: defaults.severity_by_kind_or(entry.severity_by_kind),
            audiences: defaults.audiences_or(entry.audiences),
            severity_by_audience: defaults.severity_by_audience_or(entry.severity_by_audience),
            enabled: entry.enabled,
            known_to_staff: entry.known_to_staff,
            explainable: false,
            term_in_capitals: false,
            source: format!("{}:{line}", source.name),
        };
        self.found.rules.push(Loaded {
            rule,
            file,
            id_span: self.place(id_span),
            form_spans: form_spans.into_iter().map(|s| self.place(s)).collect(),
            form_origins,
        });
    }

    fn check_id(&mut self, file: usize, id: &str, span: Range<usize>) {
        let valid = !id.is_empty()
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !valid {
            self.problem(file, span, "id", format!("`{id}` is not a valid rule id: use lower-case letters and digits joined by single hyphens, like `service-user`"));
        }
    }

    /// A list that may be absent; entries must not be blank.
    fn strings(
        &mut self,
        file: usize,
        id: &str,
        key: &str,
        list: Option<&SpannedList>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for item in list.iter().flat_map(|l| l.get_ref()) {
            let text = item.get_ref().trim();
            // Invisible characters alone (a soft hyphen) normalise to nothing,
            // and an empty phrase would match everywhere. (A letter or digit
            // settles it at once: normalising every why and example was 6%
            // of start-up.)
            let visible = text.chars().any(char::is_alphanumeric)
                || !normalize_phrase(text).trim().is_empty();
            if !visible {
                self.problem(
                    file,
                    item.span(),
                    key,
                    format!("rule `{id}` has an empty entry in `{}`", short_key(key)),
                );
            } else if short_key(key) == "phrases" && !text.chars().any(char::is_alphanumeric) {
                // `"--"` or `"..."` would match punctuation, not words.
                self.problem(
                    file,
                    item.span(),
                    key,
                    format!(
                        "rule `{id}` has a phrase with no letters or digits ({text:?}): a phrase must hold a word"
                    ),
                );
            } else {
                out.push(text.to_string());
            }
        }
        out
    }

    /// A list that must hold at least one non-blank entry.
    /// A rule's suggestions, each with how it fits (see [`suggestion`]).
    #[allow(clippy::too_many_arguments)]
    fn suggestions(
        &mut self,
        file: usize,
        id: &str,
        class: PhraseClass,
        list: &SuggestionList,
        phrases: &[String],
        classes: &[WordClass],
        inflect_word: Option<super::WordPosition>,
    ) -> Vec<Suggestion> {
        let key = "rule.suggestions";
        let mut out = Vec::new();
        for item in list.get_ref() {
            let read = match item.get_ref() {
                SuggestionEntry::Text(text) => {
                    let text = text.trim();
                    if text.chars().any(char::is_alphanumeric) {
                        Ok(Suggestion {
                            text: text.to_string(),
                            fit: suggestion::plain(text, class),
                            only: Vec::new(),
                            simple_past: true,
                        })
                    } else {
                        Err("an empty entry".to_string())
                    }
                }
                SuggestionEntry::Table(table) => {
                    suggestion::from_table(table).and_then(|(mut read, only)| {
                        for phrase in &only {
                            if !phrases.iter().any(|p| p == phrase) {
                                return Err(format!(
                                    "`for = [\"{phrase}\"]`, which is not one of the rule's `phrases`,"
                                ));
                            }
                            for form in expand(&normalize_phrase(phrase), classes, inflect_word) {
                                read.only.push(suggestion::phrase_key(&form));
                            }
                        }
                        Ok(read)
                    })
                }
            };
            match read {
                Ok(read) => out.push(read),
                Err(message) => self.problem(
                    file,
                    item.span(),
                    key,
                    format!("rule `{id}` has {message} in `suggestions`"),
                ),
            }
        }
        if list.get_ref().is_empty() {
            self.problem(
                file,
                list.span(),
                key,
                format!("rule `{id}` needs at least one entry in `suggestions`"),
            );
        }
        out
    }

    /// A rule's examples: a sentence, or `{ text = "…", after = "…" }`.
    fn examples(&mut self, file: usize, id: &str, key: &str, list: &ExampleList) -> Vec<Example> {
        let mut out = Vec::new();
        for item in list.get_ref() {
            let read = match item.get_ref() {
                ExampleEntry::Text(text) => Ok(Example {
                    text: text.trim().to_string(),
                    after: None,
                }),
                ExampleEntry::Table(table) => {
                    match (table.get("text"), table.get("after"), table.len()) {
                        (Some(text), Some(after), 2) => Ok(Example {
                            text: text.trim().to_string(),
                            after: Some(after.trim().to_string()),
                        }),
                        _ => Err(
                            "an example table must have exactly `text` (the sentence) and `after` (how it reads after the edit)"
                                .to_string(),
                        ),
                    }
                }
            };
            match read {
                Ok(example) if example.text.chars().any(char::is_alphanumeric) => out.push(example),
                Ok(_) => self.problem(
                    file,
                    item.span(),
                    key,
                    format!("rule `{id}` has an empty entry in `examples`"),
                ),
                Err(message) => {
                    self.problem(file, item.span(), key, format!("rule `{id}`: {message}"))
                }
            }
        }
        if list.get_ref().is_empty() {
            self.problem(
                file,
                list.span(),
                key,
                format!("rule `{id}` needs at least one entry in `examples`"),
            );
        }
        out
    }

    fn required_strings(
        &mut self,
        file: usize,
        id: &str,
        key: &str,
        list: &Spanned<Vec<Spanned<String>>>,
    ) -> Vec<String> {
        let out = self.strings(file, id, key, Some(list));
        if list.get_ref().is_empty() {
            self.problem(
                file,
                list.span(),
                key,
                format!(
                    "rule `{id}` needs at least one entry in `{}`",
                    short_key(key)
                ),
            );
        }
        out
    }
}

impl Collected {
    /// Takes what was collected elsewhere, after what this holds.
    fn absorb(&mut self, other: Collected) {
        self.rules.extend(other.rules);
        self.problems.extend(other.problems);
    }

    /// Counts this collection's files after `files` others: its rules
    /// follow rules loaded from those.
    pub(super) fn shift_files(&mut self, files: usize) {
        for loaded in &mut self.rules {
            loaded.file += files;
        }
        for problem in &mut self.problems {
            problem.file += files;
            if let Some(related) = &mut problem.related {
                related.0 += files;
            }
        }
    }

    /// No two rules may share an id or a literal form. `earlier` holds the
    /// rules loaded before these (the built-in rules, already checked among
    /// themselves): the first to claim an id or form keeps it.
    pub(super) fn check_unique(&mut self, earlier: Option<&Earlier>) {
        self.check_unique_ids(earlier);
        self.check_unique_forms(earlier);
    }

    fn check_unique_ids(&mut self, earlier: Option<&Earlier>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut problems = Vec::new();
        for (index, loaded) in self.rules.iter().enumerate() {
            let id = loaded.rule.id.as_str();
            let first = match earlier.and_then(|e| e.id(id)) {
                Some(place) => Some(place),
                None => seen.get(id).map(|&first| {
                    let first = &self.rules[first];
                    (first.file, first.id_span.clone())
                }),
            };
            if let Some((file, span)) = first {
                problems.push(Problem {
                    file: loaded.file,
                    span: loaded.id_span.clone(),
                    key: Some("id".into()),
                    message: format!("two rules have the id `{id}`: ids must be unique"),
                    related: Some((file, span, "first defined here".into())),
                });
            } else {
                seen.insert(id, index);
            }
        }
        self.problems.extend(problems);
    }

    /// No literal form may belong to two rules: which one should report it?
    /// Case-sensitive forms (abbreviations) only clash with the same capitals.
    fn check_unique_forms(&mut self, earlier: Option<&Earlier>) {
        let forms = self.rules.iter().map(|r| r.rule.forms.len()).sum();
        let mut claims: HashMap<(bool, &str), (usize, usize)> = HashMap::with_capacity(forms);
        let mut problems = Vec::new();
        for (rule_index, loaded) in self.rules.iter().enumerate() {
            for (form_index, form) in loaded.rule.forms.iter().enumerate() {
                let key = (loaded.rule.case_sensitive, form.as_str());
                let other = match earlier.and_then(|e| e.form(key.0, key.1)) {
                    Some(claim) => Some(claim),
                    None => match claims.get(&key) {
                        Some(&(other_rule, other_form)) if other_rule != rule_index => {
                            let other = &self.rules[other_rule];
                            Some(Claim {
                                rule: &other.rule.id,
                                file: other.file,
                                span: other.form_spans[other_form].clone(),
                            })
                        }
                        Some(_) => None,
                        None => {
                            claims.insert(key, (rule_index, form_index));
                            None
                        }
                    },
                };
                let Some(other) = other else {
                    continue;
                };
                let origin = &loaded.form_origins[form_index];
                let how = if normalize_phrase(origin).eq_ignore_ascii_case(form) {
                    String::new()
                } else {
                    format!(" (a form of \"{origin}\")")
                };
                problems.push(Problem {
                    file: loaded.file,
                    span: loaded.form_spans[form_index].clone(),
                    key: Some("rule.phrases".into()),
                    message: format!(
                        "\"{form}\"{how} is claimed by two rules, `{}` and `{}`: keep it in one",
                        other.rule, loaded.rule.id
                    ),
                    related: Some((
                        other.file,
                        other.span,
                        format!("also matched by `{}`", other.rule),
                    )),
                });
            }
        }
        self.problems.extend(problems);
    }
}

/// Generates and normalises every form of every phrase, remembering the span
/// and phrase each form came from. Case-insensitive forms are lower-cased.
fn expand_all(
    phrases: &[(String, Range<usize>)],
    classes: &[super::WordClass],
    word: Option<super::WordPosition>,
    case_sensitive: bool,
) -> (Vec<String>, Vec<Range<usize>>, Vec<String>) {
    let mut forms = Vec::new();
    let mut spans = Vec::new();
    let mut origins = Vec::new();
    for (phrase, span) in phrases {
        let phrase = normalize_phrase(phrase);
        for form in expand(&phrase, classes, word) {
            let form = if case_sensitive {
                form
            } else {
                form.to_ascii_lowercase()
            };
            if !forms.contains(&form) {
                forms.push(form);
                spans.push(span.clone());
                origins.push(phrase.clone());
            }
        }
    }
    (forms, spans, origins)
}

/// Context words are compared with normalised text, so they are normalised too.
fn normalize_all(words: &[String]) -> Vec<String> {
    words.iter().map(|w| normalize_phrase(w)).collect()
}

/// `DoLS` → `dols`, `A&E` → `a-e`.
fn abbreviation_id(abbr: &str) -> String {
    let mut id = String::new();
    for c in abbr.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

fn short_key(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

/// The key and message for a TOML error. A misspelt key is named in full
/// (`rule.sugestions`) with the nearest real key offered; a misspelt value
/// (`severity = "warn"`) gets the nearest allowed one, or the list of them.
/// Shared with the config loader, so both files explain mistakes alike.
pub(crate) fn explain_toml_error(error: &toml::de::Error) -> (Option<String>, String) {
    let message = error.message().trim().to_string();
    let key = toml_error_key(error);
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let Some((value, expected)) = rest.split_once('`') else {
            return (key, message);
        };
        let hint = match nearest(value, expected) {
            Some(candidate) => format!(": did you mean `{candidate}`?"),
            None => format!(" (the values are{})", allowed(expected)),
        };
        return (key, format!("unknown value `{value}`{hint}"));
    }
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return (key, message);
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return (key, message);
    };
    let hint = match nearest(field, expected) {
        Some(candidate) => format!(": did you mean `{candidate}`?"),
        None => format!(" (the keys are{})", allowed(expected)),
    };
    let full_key = match key {
        Some(parent) if !parent.is_empty() => format!("{parent}.{field}"),
        _ => field.to_string(),
    };
    (Some(full_key), format!("unknown key `{field}`{hint}"))
}

/// The candidate in serde's "expected one of `a`, `b`" closest to `word`,
/// if it is close enough to be what was meant.
fn nearest<'a>(word: &str, expected: &'a str) -> Option<&'a str> {
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|candidate| (strsim::levenshtein(candidate, word), candidate))
        .min()
        .filter(|(distance, _)| *distance <= 3)
        .map(|(_, candidate)| candidate)
}

/// serde's ", expected one of `a`, `b`" as " `a`, `b`".
fn allowed(expected: &str) -> &str {
    expected
        .trim_start_matches(", expected")
        .trim_start_matches(" one of")
}

/// The dotted key path a TOML error is about, which the `toml` crate only
/// prints when it has no source text to quote.
fn toml_error_key(error: &toml::de::Error) -> Option<String> {
    let mut bare = error.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    let key = shown
        .lines()
        .find_map(|l| l.strip_prefix("in `")?.strip_suffix('`'))?;
    // Array indices say nothing to a person editing the file.
    let key: Vec<&str> = key
        .split('.')
        .filter(|part| part.parse::<usize>().is_err())
        .collect();
    Some(key.join("."))
}

/// A suggestion that is advice: shown, never applied.
fn advice(text: String) -> Suggestion {
    Suggestion {
        text,
        fit: Fit::Advice,
        only: Vec::new(),
        simple_past: true,
    }
}
