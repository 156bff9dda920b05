//! JUnit XML, the test report format Jenkins, GitLab (`artifacts:reports:
//! junit`), Azure Pipelines and CircleCI show: one `<testsuite>` per file
//! checked and one `<testcase>` per finding. A finding at or above
//! `--fail-on` is a `<failure>` (its type is the severity); one below it
//! does not fail the run, so its test case passes with the finding in
//! `<system-out>`, and the report agrees with the exit code. A file with
//! nothing to report has one passing test case; a file that could not be
//! checked is a test case with an `<error>`. Streamed.

use std::io::{self, Write};
use std::sync::Mutex;

use super::escape::xml;
use super::view::View;
use super::{FileReport, Reporter, Summary};
use crate::rules::Severity;

#[derive(Debug)]
pub struct Junit {
    /// The lowest severity that is a failure.
    fail_on: Severity,
    /// Whether the opening has been written; only the main thread locks it.
    started: Mutex<bool>,
}

const OPENING: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ordinary\">\n";

impl Junit {
    pub fn new(fail_on: Severity) -> Junit {
        Junit {
            fail_on,
            started: Mutex::new(false),
        }
    }

    fn start(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut started = self
            .started
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !*started {
            *started = true;
            out.write_all(OPENING.as_bytes())?;
        }
        Ok(())
    }
}

fn suite_opening(path: &str, tests: usize, failures: usize, errors: usize, text: &mut String) {
    text.push_str("<testsuite name=\"");
    xml(path, text);
    text.push_str(&format!(
        "\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n"
    ));
}

impl Reporter for Junit {
    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>) {
        let mut text = String::new();
        let failures = file
            .findings
            .iter()
            .filter(|f| f.severity >= self.fail_on)
            .count();
        suite_opening(
            file.path,
            file.findings.len().max(1),
            failures,
            0,
            &mut text,
        );
        let mut classname = String::new();
        xml(file.path, &mut classname);
        if file.findings.is_empty() {
            text.push_str(&format!(
                "<testcase classname=\"{classname}\" name=\"plain language\"/>\n"
            ));
        }
        for finding in file.findings {
            let view = View::new(file, finding);
            let place = match view.location {
                Some(location) => location.to_string(),
                None => format!("line {}, column {}", view.start.line, view.start.column),
            };
            text.push_str(&format!("<testcase classname=\"{classname}\" name=\""));
            xml(&format!("{} at {place}", view.rule.id), &mut text);
            let failed = finding.severity >= self.fail_on;
            if failed {
                text.push_str("\">\n<failure type=\"");
                text.push_str(finding.severity.as_str());
                text.push_str("\" message=\"");
                xml(&view.message, &mut text);
                text.push_str("\">");
            } else {
                text.push_str("\">\n<system-out>");
            }
            let mut body = format!(
                "{}:{}:{}: {} [{}] {}\n",
                file.path,
                view.start.line,
                view.start.column,
                finding.severity.as_str(),
                view.rule.id,
                view.message
            );
            if !view.suggestions.is_empty() {
                body.push_str(&format!("try: {}\n", view.suggestions.join("; ")));
            }
            body.push_str(&format!("why: {}", view.rule.why));
            xml(&body, &mut text);
            text.push_str(if failed {
                "</failure>\n</testcase>\n"
            } else {
                "</system-out>\n</testcase>\n"
            });
        }
        text.push_str("</testsuite>\n");
        out.extend_from_slice(text.as_bytes());
    }

    fn write_rendered(&self, rendered: &[u8], out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        out.write_all(rendered)
    }

    fn error(&self, path: &str, message: &str, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        let mut text = String::new();
        suite_opening(path, 1, 0, 1, &mut text);
        text.push_str("<testcase classname=\"");
        xml(path, &mut text);
        text.push_str("\" name=\"read\">\n<error type=\"read-error\" message=\"");
        xml(message, &mut text);
        text.push_str("\"/>\n</testcase>\n</testsuite>\n");
        out.write_all(text.as_bytes())
    }

    fn finish(&self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        out.write_all(b"</testsuites>\n")
    }
}
