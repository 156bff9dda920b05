//! `ordinary review`: a review copy of a Word document.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::args::{ReviewArgs, ReviewMode};
use super::{EXIT_CLEAN, EXIT_ERROR, Prepared, prepare};
use ordinary::report::plural;
use ordinary::review::{self, Mode, ReviewOptions};
use ordinary::rules::Profile;
use ordinary::safe_write;
use ordinary::source::{self, Format};

pub fn run(args: ReviewArgs) -> Result<ExitCode> {
    let Some(Prepared {
        linter, profiles, ..
    }) = prepare(&args.rule_options, &args.disable)
    else {
        return Ok(ExitCode::from(EXIT_ERROR));
    };
    let input = &args.path;
    let fail = |message: String| {
        eprintln!("error: {message}");
        Ok(ExitCode::from(EXIT_ERROR))
    };
    if input.is_dir() {
        return fail(format!(
            "{}: is a folder; `ordinary review` takes one Word document (.docx)",
            input.display()
        ));
    }
    let dash = Path::new("-");
    let from_stdin = input == dash;
    let to_stdout = args.output.as_deref() == Some(dash);
    if from_stdin && args.output.is_none() {
        return fail(
            "-: a document read from standard input needs `-o FILE` (or `-o -` for standard output)"
                .into(),
        );
    }
    if !from_stdin && Format::from_path(input) != Some(Format::Docx) {
        return fail(format!(
            "{}: `ordinary review` writes Word documents (.docx); for text and Markdown, use `ordinary fix` or `ordinary check`",
            input.display()
        ));
    }
    let output = args.output.clone().unwrap_or_else(|| reviewed_name(input));
    if !to_stdout && same_file(input, &output) {
        return fail(format!(
            "{}: the review copy cannot replace the document itself; choose another name with -o",
            output.display()
        ));
    }
    if !to_stdout && output.exists() && !args.force {
        return fail(format!(
            "{} already exists: add --force to replace it, or choose another name with -o",
            output.display()
        ));
    }
    let read = if from_stdin {
        source::stdin_bytes()
    } else {
        source::file_bytes(input, Format::Docx)
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(error) => return fail(format!("{}: {error}", input.display())),
    };
    let profile = Profile::settle(
        Profile {
            kind: args.kind,
            audience: args.audience,
        },
        Profile::default(),
        profiles.profile_of(input),
    );
    let options = ReviewOptions {
        mode: match args.mode {
            ReviewMode::Comments => Mode::Comments,
            ReviewMode::Changes => Mode::Changes,
        },
        author: args.author.clone(),
        date: Some(review::word_date(review::now())),
    };
    let review = match review::review_docx(&bytes, &linter, profile, &options) {
        Ok(review) => review,
        Err(error) => return fail(format!("{}: {error}", input.display())),
    };
    if to_stdout {
        // The copy is the output: the summary goes to standard error.
        let mut stdout = std::io::stdout().lock();
        if let Err(error) = stdout
            .write_all(&review.bytes)
            .and_then(|()| stdout.flush())
        {
            return fail(format!(
                "cannot write the review copy to standard output: {error}"
            ));
        }
    } else if let Err(error) = safe_write::create(&output, &review.bytes, args.force) {
        return fail(error.to_string());
    }
    let mut what = vec![plural(review.comments, "comment", "comments")];
    if options.mode == Mode::Changes {
        what.push(plural(review.changes, "tracked change", "tracked changes"));
    }
    let mut summary = format!(
        "Wrote {} with {} ({} in {}).\n",
        if to_stdout {
            "the review copy to standard output".to_string()
        } else {
            output.display().to_string()
        },
        what.join(" and "),
        plural(review.findings, "finding", "findings"),
        input.display()
    );
    if review.reading_summary {
        summary.push_str(&format!(
            "  {} (a comment at the start): {}\n",
            ordinary::readability::summary::HEADING,
            review.reading.describe()
        ));
    }
    for skipped in &review.skipped {
        summary.push_str(&format!(
            "  not marked: {} \u{201C}{}\u{201D} ({}): {}\n",
            skipped.rule,
            skipped
                .matched
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            skipped.place,
            skipped.reason
        ));
    }
    if to_stdout {
        eprintln!("{}", summary.trim_end());
    } else {
        print!("{summary}");
    }
    for note in &review.notes {
        eprintln!("note: {}: {note}", input.display());
    }
    Ok(ExitCode::from(EXIT_CLEAN))
}

/// `draft.docx` → `draft.reviewed.docx`, in the same folder.
fn reviewed_name(input: &Path) -> PathBuf {
    let name = input
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    input.with_file_name(review::reviewed_name(&name))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
