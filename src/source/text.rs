//! Plain text: the whole file is checked, except lines that are suppression
//! comments, which also split the text so no phrase spans them.
//!
//! Each paragraph (text between blank lines) is a segment of its own. No
//! phrase crosses a blank line anyway; separate segments keep the engine's
//! working copies the size of a paragraph, not of the file.

use super::suppress::{Directive, suppressions};
use super::{Document, Segment};

pub(super) fn read(text: String) -> Document {
    let mut directives = Vec::new();
    let mut segments = Vec::new();
    let mut segment_start = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_range = line_start..line_start + line.len();
        if line.trim().is_empty() {
            if line_range.start > segment_start {
                segments.push(Segment::plain(
                    segment_start,
                    line_range.start - segment_start,
                ));
            }
            segment_start = line_range.end;
        }
        // Cheap test first: most lines never mention the word.
        else if line.contains("ordinary-")
            && let Some(directive) = Directive::parse(line)
        {
            if line_range.start > segment_start {
                segments.push(Segment::plain(
                    segment_start,
                    line_range.start - segment_start,
                ));
            }
            segment_start = line_range.end;
            directives.push((line_range.clone(), directive));
        }
        line_start = line_range.end;
    }
    if text.len() > segment_start {
        segments.push(Segment::plain(segment_start, text.len() - segment_start));
    }
    let suppressions = suppressions(&text, &directives);
    Document {
        text,
        segments,
        suppressions,
        kind: None,
        audience: None,
        target_reading_age: None,
        notes: Vec::new(),
        line_breaks: Vec::new(),
    }
}
