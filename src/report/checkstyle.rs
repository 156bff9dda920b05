//! Checkstyle XML, which Jenkins (Warnings Next Generation), GitLab code
//! quality converters, reviewdog and many others read: one `<file>` per
//! file checked, one `<error>` per finding. Streamed: each file's element is
//! rendered when the file is checked.

use std::io::{self, Write};
use std::sync::Mutex;

use super::escape::xml;
use super::view::View;
use super::{FileReport, Reporter, Summary};

#[derive(Debug, Default)]
pub struct Checkstyle {
    /// Whether the opening has been written; only the main thread locks it.
    started: Mutex<bool>,
}

const OPENING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";

impl Checkstyle {
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

impl Reporter for Checkstyle {
    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>) {
        let mut text = String::from("<file name=\"");
        xml(file.path, &mut text);
        text.push_str("\">\n");
        for finding in file.findings {
            let view = View::new(file, finding);
            let mut message = String::new();
            if let Some(location) = view.location {
                message.push_str(&format!("{location}: "));
            }
            message.push_str(&view.message);
            text.push_str(&format!(
                "<error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"",
                view.start.line,
                view.start.column,
                finding.severity.as_str()
            ));
            xml(&message, &mut text);
            text.push_str("\" source=\"ordinary.");
            xml(&view.rule.id, &mut text);
            text.push_str("\"/>\n");
        }
        text.push_str("</file>\n");
        out.extend_from_slice(text.as_bytes());
    }

    fn write_rendered(&self, rendered: &[u8], out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        out.write_all(rendered)
    }

    fn error(&self, path: &str, message: &str, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        let mut text = String::from("<file name=\"");
        xml(path, &mut text);
        text.push_str("\">\n<error severity=\"error\" message=\"");
        xml(message, &mut text);
        text.push_str("\" source=\"ordinary.read-error\"/>\n</file>\n");
        out.write_all(text.as_bytes())
    }

    fn finish(&self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        out.write_all(b"</checkstyle>\n")
    }
}
