//! Rules and config errors, rendered like compiler errors.

use std::io::IsTerminal;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor};

use super::terminal::{self, Environment};
use ordinary::rules::{Problem, RuleSource};

/// Writes every problem to standard error, pointing at file, line and column.
/// How many problems in rules files are shown in full: a file with
/// thousands of mistakes (a wrong file given as rules) would bury the first,
/// which is usually the one to fix.
const SHOWN_PROBLEMS: usize = 50;

pub fn print_problems(files: &[RuleSource], problems: &[Problem]) {
    let mut database = SimpleFiles::new();
    let ids: Vec<usize> = files
        .iter()
        .map(|f| database.add(f.name.as_str(), f.text.as_str()))
        .collect();
    let choice = terminal::stderr_choice(&Environment::read(), std::io::stderr().is_terminal());
    let mut stderr = termcolor::StandardStream::stderr(choice);
    for problem in problems.iter().take(SHOWN_PROBLEMS) {
        let label = match &problem.key {
            Some(key) => format!("in key `{key}`"),
            None => String::new(),
        };
        let mut labels =
            vec![Label::primary(ids[problem.file], problem.span.clone()).with_message(label)];
        if let Some((file, span, message)) = &problem.related {
            labels.push(Label::secondary(ids[*file], span.clone()).with_message(message.as_str()));
        }
        let diagnostic = Diagnostic::error()
            .with_message(&problem.message)
            .with_labels(labels);
        if term::emit_to_write_style(&mut stderr, &Config::default(), &database, &diagnostic)
            .is_err()
        {
            // The span did not fit the file; say it plainly instead.
            eprintln!("error: {}: {}", files[problem.file].name, problem.message);
        }
    }
    if problems.len() > SHOWN_PROBLEMS {
        eprintln!(
            "… and {} more problems not shown (fix these first)",
            problems.len() - SHOWN_PROBLEMS
        );
    }
}
