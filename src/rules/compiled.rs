//! Rules loaded once and stored as bytes, so that a program can start
//! without loading them again.
//!
//! build.rs loads the built-in rules (`rules/*.toml`) with this crate's own
//! loader and stores them with [`compile`]; at start-up the binary reads
//! them back ([`Ruleset::decode`]): no TOML to parse, no word forms to
//! expand, no uniqueness to check. Rules from a user's files are still
//! loaded from TOML and checked against the built-in ones
//! ([`Ruleset::load_after`]) through a table of where every built-in id and
//! form is written, worked out at build time too.
//!
//! The bytes are postcard (with serde): a small, documented, stable binary
//! format from a well-kept crate, made for exactly this (the same structs in
//! and out, no schema to keep by hand), compact (integers as varints) and
//! quick to read. The derives on [`Rule`] and the types it holds are all it
//! needs. (A zero-copy format such as rkyv would skip copying the text, but
//! the engine would then read archived types of its own instead of
//! [`Rule`].) Rules that fail to load fail the build with the loader's own
//! messages (file:line:column), as they would fail at run time.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::load::{self, Loaded};
use super::{Rule, RuleSource, RulesError, Ruleset};

/// Loads and checks `sources` as [`Ruleset::load`] does, and stores the
/// rules, with where each id and form is written, as bytes the crate reads
/// back quickly. build.rs calls this for the built-in rules, which
/// [`Ruleset::defaults`] reads.
pub fn compile(sources: Vec<RuleSource>) -> Result<Vec<u8>, RulesError> {
    let mut collected = load::collect(&sources);
    collected.check_unique(None);
    if !collected.problems.is_empty() {
        return Err(RulesError::Invalid {
            files: sources,
            problems: collected.problems,
        });
    }
    let claims = Claims::of(&collected.rules, sources.len());
    let rules: Vec<Rule> = collected.rules.into_iter().map(|l| l.rule).collect();
    // The rules first and the table after them, so that start-up reads
    // the rules alone and the table only when a user's rules come too.
    let mut bytes = postcard::to_allocvec(&rules).expect("postcard stores every part of a rule");
    bytes.extend(postcard::to_allocvec(&claims).expect("postcard stores the claims"));
    Ok(bytes)
}

impl Ruleset {
    /// The rules stored by [`compile`].
    ///
    /// # Panics
    /// If `bytes` are not what [`compile`] wrote with this build.
    pub(crate) fn decode(bytes: &[u8]) -> Ruleset {
        Ruleset {
            rules: decode_rules(bytes).0,
        }
    }

    /// The rules stored by [`compile`] followed by the rules in `sources`,
    /// loaded and checked as [`Ruleset::load`] would load and check them
    /// all together: the same rules, the same problems at the same places.
    /// `stored_files` gives the files the stored rules were compiled from,
    /// which an error needs to show where they are written.
    pub(crate) fn load_after(
        bytes: &[u8],
        stored_files: impl FnOnce() -> Vec<RuleSource>,
        sources: Vec<RuleSource>,
    ) -> Result<Ruleset, RulesError> {
        let (mut rules, rest) = decode_rules(bytes);
        if sources.is_empty() {
            return Ok(Ruleset { rules });
        }
        let claims: Claims = postcard::from_bytes(rest).expect("the stored claims read back");
        let mut collected = load::collect(&sources);
        collected.shift_files(claims.files as usize);
        collected.check_unique(Some(&Earlier {
            rules: &rules,
            claims: &claims,
        }));
        if collected.problems.is_empty() {
            rules.extend(collected.rules.into_iter().map(|l| l.rule));
            return Ok(Ruleset { rules });
        }
        let mut files = stored_files();
        debug_assert_eq!(files.len(), claims.files as usize);
        files.extend(sources);
        Err(RulesError::Invalid {
            files,
            problems: collected.problems,
        })
    }
}

fn decode_rules(bytes: &[u8]) -> (Vec<Rule>, &[u8]) {
    postcard::take_from_bytes(bytes).expect("the stored rules read back")
}

/// Where each stored rule's id and literal forms are written, sorted so
/// that a later rule's id or form is found by binary search.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Claims {
    /// How many files the rules came from.
    files: u32,
    /// One per rule, sorted by id.
    ids: Vec<Place>,
    /// One per literal form, sorted by case-sensitivity, then form.
    forms: Vec<Place>,
}

/// A rule's id (`form` unused) or one of its forms, and where the id or
/// the phrase the form comes from is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Place {
    rule: u32,
    form: u32,
    file: u32,
    span: Range<u32>,
}

impl Claims {
    fn of(rules: &[Loaded], files: usize) -> Claims {
        let narrow = |n: usize| u32::try_from(n).expect("rules files are smaller than 4 GB");
        let span = |s: &Range<usize>| narrow(s.start)..narrow(s.end);
        let mut ids: Vec<Place> = rules
            .iter()
            .enumerate()
            .map(|(rule, loaded)| Place {
                rule: narrow(rule),
                form: 0,
                file: narrow(loaded.file),
                span: span(&loaded.id_span),
            })
            .collect();
        ids.sort_by(|a, b| {
            rules[a.rule as usize]
                .rule
                .id
                .cmp(&rules[b.rule as usize].rule.id)
        });
        let mut forms: Vec<Place> = rules
            .iter()
            .enumerate()
            .flat_map(|(rule, loaded)| {
                loaded
                    .form_spans
                    .iter()
                    .enumerate()
                    .map(move |(form, s)| Place {
                        rule: narrow(rule),
                        form: narrow(form),
                        file: narrow(loaded.file),
                        span: span(s),
                    })
            })
            .collect();
        let key = |place: &Place| {
            let rule = &rules[place.rule as usize].rule;
            (
                rule.case_sensitive,
                rule.forms[place.form as usize].as_str(),
            )
        };
        forms.sort_by(|a, b| key(a).cmp(&key(b)));
        Claims {
            files: narrow(files),
            ids,
            forms,
        }
    }
}

/// Rules loaded before the ones being checked, which keep their ids and
/// forms.
pub(super) struct Earlier<'a> {
    rules: &'a [Rule],
    claims: &'a Claims,
}

/// An earlier rule that claims a form: its id, and where the phrase the
/// form comes from is written.
pub(super) struct Claim<'a> {
    pub rule: &'a str,
    pub file: usize,
    pub span: Range<usize>,
}

impl<'a> Earlier<'a> {
    /// Where an earlier rule with this id is written.
    pub(super) fn id(&self, id: &str) -> Option<(usize, Range<usize>)> {
        let ids = &self.claims.ids;
        let at = ids
            .binary_search_by(|p| self.rules[p.rule as usize].id.as_str().cmp(id))
            .ok()?;
        Some((ids[at].file as usize, widen(&ids[at].span)))
    }

    /// The earlier rule that claims this form.
    pub(super) fn form(&self, case_sensitive: bool, form: &str) -> Option<Claim<'a>> {
        let forms = &self.claims.forms;
        let at = forms
            .binary_search_by(|p| {
                let rule = &self.rules[p.rule as usize];
                (rule.case_sensitive, rule.forms[p.form as usize].as_str())
                    .cmp(&(case_sensitive, form))
            })
            .ok()?;
        let place = &forms[at];
        Some(Claim {
            rule: &self.rules[place.rule as usize].id,
            file: place.file as usize,
            span: widen(&place.span),
        })
    }
}

fn widen(span: &Range<u32>) -> Range<usize> {
    span.start as usize..span.end as usize
}
