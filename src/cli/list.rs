//! `ordinary rules` and `ordinary explain`.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::args::{ExplainArgs, ListFormat, RulesArgs};
use super::rules_json::{CategoryCount, RulesJson};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Setup, setup};
use ordinary::engine::{Linter, Settings, selftest};
use ordinary::report::{explanation, plural};
use ordinary::rules::{Category, Rule, Ruleset};

pub fn rules(args: RulesArgs) -> Result<ExitCode> {
    let Some(Setup { ruleset, .. }) = setup(&args.rule_options) else {
        return Ok(ExitCode::from(EXIT_ERROR));
    };
    let category = match args
        .category
        .as_deref()
        .map(|name| (name, Category::parse(name)))
    {
        None => None,
        Some((_, Some(category))) => Some(category),
        Some((name, None)) => {
            let known: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
            eprintln!(
                "error: unknown category `{name}`; the categories are {}",
                known.join(", ")
            );
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    if let Some(area) = &args.area {
        let mut areas: Vec<&str> = ruleset.rules().iter().map(area_of).collect();
        areas.sort_unstable();
        areas.dedup();
        if !areas.contains(&area.as_str()) {
            eprintln!(
                "error: unknown area `{area}`; the areas are {}",
                areas.join(", ")
            );
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    }
    if args.check {
        return check_rules(ruleset, category);
    }
    let selected: Vec<&Rule> = ruleset
        .rules()
        .iter()
        .filter(|r| category.is_none_or(|c| r.category == c))
        .filter(|r| args.area.as_deref().is_none_or(|a| area_of(r) == a))
        .collect();
    let mut out = io::stdout().lock();
    let written = if args.phrases {
        write_phrases(&selected, &mut out)
    } else {
        match args.format {
            ListFormat::Json => {
                let categories = Category::ALL
                    .iter()
                    .map(|c| CategoryCount {
                        category: c.as_str(),
                        rules: selected.iter().filter(|r| r.category == *c).count(),
                    })
                    .collect();
                serde_json::to_writer_pretty(
                    &mut out,
                    &RulesJson {
                        version: 1,
                        categories,
                        rules: selected.iter().map(|&r| r.into()).collect(),
                    },
                )
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
            }
            ListFormat::Human => write_table(&selected, &mut out),
        }
    };
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(ExitCode::from(EXIT_CLEAN)),
    }
}

/// `ordinary rules --check`: each failing example on a line, then a count.
fn check_rules(ruleset: Ruleset, category: Option<Category>) -> Result<ExitCode> {
    let total = ruleset
        .rules()
        .iter()
        .filter(|r| category.is_none_or(|c| r.category == c))
        .count();
    // Every rule takes part in matching, so a suggestion flagged by a rule of
    // another category is still caught; only the selected rules are reported.
    let linter = Linter::new(ruleset, &Settings::default())?;
    let in_selection = |id: &str| {
        category.is_none_or(|c| linter.ruleset().get(id).is_some_and(|r| r.category == c))
    };
    let failures: Vec<_> = selftest::check_rules(&linter)
        .into_iter()
        .filter(|f| in_selection(&f.rule))
        .collect();
    let mut out = io::stdout().lock();
    for failure in &failures {
        writeln!(
            out,
            "{}: {}: {}",
            failure.source, failure.rule, failure.message
        )?;
    }
    let failing_rules = {
        let mut ids: Vec<&str> = failures.iter().map(|f| f.rule.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    if failures.is_empty() {
        if total == 1 {
            writeln!(
                out,
                "The rule passes its examples, counter-examples and suggestion checks."
            )?;
        } else {
            writeln!(
                out,
                "All {} pass their examples, counter-examples and suggestion checks.",
                plural(total, "rule", "rules")
            )?;
        }
        Ok(ExitCode::from(EXIT_CLEAN))
    } else {
        writeln!(
            out,
            "{} of {} failed ({}).",
            plural(failing_rules, "rule", "rules"),
            total,
            plural(failures.len(), "problem", "problems")
        )?;
        Ok(ExitCode::from(EXIT_FINDINGS))
    }
}

/// Rules grouped by category, each with its count.
fn write_table(rules: &[&Rule], out: &mut impl Write) -> io::Result<()> {
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for category in Category::ALL {
        let in_category: Vec<&&Rule> = rules.iter().filter(|r| r.category == category).collect();
        if in_category.is_empty() {
            continue;
        }
        let count = plural(in_category.len(), "rule", "rules");
        writeln!(out, "{} ({count})", category.as_str())?;
        for rule in in_category {
            let instead = rule.suggestions.first().map_or("", |s| s.text.as_str());
            writeln!(
                out,
                "  {:width$}  {:7}  {} \u{2192} {instead}",
                rule.id,
                rule.severity.as_str(),
                rule.phrases.join(", ")
            )?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{}. `ordinary explain ID` shows one in full.",
        plural(rules.len(), "rule", "rules")
    )
}

/// Every literal form the rules match, one per line, sorted: the list a
/// plain search tool would need to do the same search.
fn write_phrases(rules: &[&Rule], out: &mut impl Write) -> io::Result<()> {
    let mut forms: Vec<&str> = rules
        .iter()
        .flat_map(|r| r.forms.iter().map(String::as_str))
        .collect();
    forms.sort_unstable();
    forms.dedup();
    for form in forms {
        writeln!(out, "{form}")?;
    }
    Ok(())
}

pub fn explain(args: ExplainArgs) -> Result<ExitCode> {
    let Some(Setup { ruleset, .. }) = setup(&args.rule_options) else {
        return Ok(ExitCode::from(EXIT_ERROR));
    };
    let Some(rule) = ruleset.get(&args.id) else {
        let close: Vec<&str> = ruleset
            .rules()
            .iter()
            .filter(|r| r.id.contains(&args.id) || args.id.contains(r.id.as_str()))
            .map(|r| r.id.as_str())
            .take(5)
            .collect();
        let hint = if close.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", close.join(", "))
        };
        eprintln!(
            "error: no rule has the id `{}`{hint}; `ordinary rules` lists them all",
            args.id
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    };
    let mut out = io::stdout().lock();
    match explanation(rule, &mut out) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(ExitCode::from(EXIT_CLEAN)),
    }
}

/// A rule's area: the name of the rules file it comes from, without the
/// folder or `.toml` (`rules/money.toml:12` → `money`).
fn area_of(rule: &Rule) -> &str {
    let file = rule
        .source
        .rsplit_once(':')
        .map_or(rule.source.as_str(), |(file, _)| file);
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.strip_suffix(".toml").unwrap_or(name)
}
