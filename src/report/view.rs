//! What the machine formats say about a finding, computed once per finding.

use crate::engine::Finding;
use crate::location::Position;
use crate::rules::Rule;
use crate::source::Location;

use super::FileReport;
use crate::engine::{Offer, message_for};

/// One finding with its positions, message and suggestions resolved.
pub struct View<'a> {
    pub finding: &'a Finding,
    pub rule: &'a Rule,
    /// The text exactly as written.
    pub matched: &'a str,
    pub start: Position,
    /// Exclusive: the character after the match.
    pub end: Position,
    pub message: String,
    /// The suggestions' words, those that fit first (see [`Finding::offers`]).
    pub suggestions: Vec<&'a str>,
    pub offers: Vec<Offer<'a>>,
    /// Where a finding in a Word document is; its lines and columns refer
    /// to the extracted text, not to the file.
    pub location: Option<&'a Location>,
}

impl<'a> View<'a> {
    pub fn new(file: &FileReport<'a>, finding: &'a Finding) -> View<'a> {
        let rule = file.rule(finding);
        let matched = file.matched(finding);
        let offers: Vec<Offer<'a>> = finding.offers(rule).collect();
        View {
            finding,
            rule,
            matched,
            start: file.position(finding.span.start),
            end: file.position(finding.span.end),
            message: message_for(rule, finding, matched),
            suggestions: offers.iter().map(|o| o.text).collect(),
            offers,
            location: file.location(finding),
        }
    }

    /// Whether the finding's line and column are places in the file itself,
    /// so a tool may replace that stretch of the file. Not for Word documents
    /// (the positions are in the extracted text), nor for a Markdown match
    /// that runs across markup (`**service** users`), where replacing the
    /// stretch would take the markup out too.
    pub fn exact(&self, file: &FileReport<'_>) -> bool {
        if self.location.is_some() {
            return false;
        }
        let Some(segment) = file.document.segment_at(self.finding.span.start) else {
            return false;
        };
        if segment.text.is_none() {
            return true;
        }
        // Within one piece copied from the document, offsets map one to one.
        let start = self.finding.span.start;
        let end = self.finding.span.end;
        let piece = segment.shifts.partition_point(|&(_, at)| at <= start);
        let Some(&(text_at, document_at)) = segment.shifts.get(piece.wrapping_sub(1)) else {
            return false;
        };
        let next = segment.shifts.get(piece).map(|&(next_text, _)| next_text);
        let piece_end = next.map_or(usize::MAX, |next_text| document_at + (next_text - text_at));
        end <= piece_end
    }
}
