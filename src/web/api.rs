//! What the page asks for, as JSON: a checked document (its blocks and its
//! findings), a rule's page, and the text with accepted suggestions put in.
//!
//! Nothing here words a finding or works out an edit: the records come from
//! the JSON reporter ([`FindingRecord`]), the rule's page from `ordinary
//! explain` ([`explanation`]), fixes from [`crate::fix`], the review copy
//! from [`crate::review`], so the page says what the command line says.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::engine::{Finding, Linter};
use crate::fix;
use crate::readability::{self, ReadingFigures, ReadingSummary};
use crate::report::{FileReport, FindingRecord, SeverityCounts, explanation};
use crate::rules::{Audience, BuiltinCheck, Category, DocumentKind, Profile, Rule};
use crate::source::layout::{self, Role};
use crate::source::location::{self, Part};
use crate::source::written::Written;
use crate::source::{Document, Format};

/// A checked document, as the page shows it.
#[derive(Serialize)]
pub struct Checked<'a> {
    pub name: &'a str,
    /// `docx`, `markdown` or `text`.
    pub format: &'static str,
    /// The kind and audience the document was checked as (`null`: none known).
    pub kind: Option<&'static str>,
    pub audience: &'static str,
    /// The text read, for text and Markdown (what accepted suggestions
    /// change); `null` for Word documents.
    pub text: Option<&'a str>,
    pub blocks: Vec<Block<'a>>,
    pub findings: Vec<PageFinding<'a>>,
    pub counts: SeverityCounts,
    /// How the document reads, in the core's words, shown above the findings.
    pub reading: Reading,
    /// What the reader could not read, for the author to check by hand.
    pub notes: &'a [String],
    /// The kind and audience the document gives itself (Markdown front
    /// matter), which the page's choices start from.
    pub stated: Stated,
    /// How a text or Markdown file was written, to save it the same way
    /// (`api/save`); `null` for Word documents and pasted text.
    pub written: Option<WrittenAs>,
}

/// The reading summary as the page shows it: its heading, its words
/// ([`ReadingFigures::describe`]) and what the reading age is, all from
/// the core, and the figures the JSON report gives.
#[derive(Serialize)]
pub struct Reading {
    pub heading: &'static str,
    pub text: String,
    pub caveat: &'static str,
    pub summary: ReadingFigures,
}

impl From<&ReadingSummary> for Reading {
    fn from(summary: &ReadingSummary) -> Reading {
        let figures = summary.figures();
        Reading {
            heading: readability::summary::HEADING,
            text: figures.describe(),
            caveat: readability::summary::CAVEAT,
            summary: figures,
        }
    }
}

/// What a document says of itself: `null` where it says nothing.
#[derive(Serialize, Default)]
pub struct Stated {
    pub kind: Option<&'static str>,
    pub audience: Option<&'static str>,
}

impl From<Profile> for Stated {
    fn from(profile: Profile) -> Stated {
        Stated {
            kind: profile.kind.map(DocumentKind::as_str),
            audience: profile.audience.map(Audience::as_str),
        }
    }
}

/// A file's encoding (`utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`) and
/// line ending (`lf` or `crlf`).
#[derive(Serialize)]
pub struct WrittenAs {
    pub encoding: &'static str,
    pub line_ending: &'static str,
}

impl From<Written> for WrittenAs {
    fn from(written: Written) -> WrittenAs {
        WrittenAs {
            encoding: written.encoding.as_str(),
            line_ending: if written.crlf { "crlf" } else { "lf" },
        }
    }
}

/// One paragraph, heading, list item or table cell paragraph of a Word
/// document; for Markdown, one block as it reads when rendered (heading,
/// paragraph, list item, table cell, code); for text, one stretch between
/// blank lines.
#[derive(Serialize)]
pub struct Block<'a> {
    /// The text shown: for Markdown, without its marks (the formatting is
    /// in `runs`); for Word, with `\n` where a line breaks inside the
    /// paragraph (where the engine reads a space).
    pub text: Cow<'a, str>,
    /// Byte offsets in the document's text of the block's first and last
    /// character shown.
    pub byte_start: usize,
    pub byte_end: usize,
    /// `paragraph`, `heading`, `list-item`, `code` (Markdown), `rule` (a
    /// line across, Markdown) or `text` (plain text, line breaks kept).
    pub role: &'static str,
    /// A heading's level (1 to 9) or a list item's (0 outermost).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// A numbered list item's number (Markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u64>,
    /// A list item's second paragraph or later (Markdown).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub continued: bool,
    /// Inside a block quote (Markdown).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub quote: bool,
    /// `body`, `header`, `footer`, `footnote`, `endnote` or `comment`.
    pub part: &'static str,
    /// The place in words, as the command line gives it ("table 2, row 3,
    /// column 2"); a Markdown footnote's label; `null` otherwise.
    pub place: Option<String>,
    /// The note, section or comment number of a part other than the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
    /// The outermost table cell holding the paragraph: `[table, row, column]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<[usize; 3]>,
    /// A cell of a table's heading row (Markdown).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
    /// Formatted stretches of `text` (Markdown): bold, italic, code, links.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<Run>,
}

/// A formatted stretch of a block's text, in UTF-16 code units.
#[derive(Serialize)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    /// `strong`, `emphasis`, `strikethrough`, `superscript`, `subscript`,
    /// `code`, `link` or `image`.
    pub style: &'static str,
}

/// A finding as the JSON report gives it, and where it is in its block.
#[derive(Serialize)]
pub struct PageFinding<'a> {
    #[serde(flatten)]
    pub record: FindingRecord<'a>,
    /// The block it starts in (an index into `blocks`).
    pub block: usize,
    /// Where it is in the block's text, in UTF-16 code units (JavaScript's
    /// string offsets); the end is cut at the block's end.
    pub start: usize,
    pub end: usize,
    /// Whether a suggestion fits the sentence, so it can be put in with a click.
    pub fitted: bool,
    /// For a later use of something already reported: the index of the
    /// finding for the first use, which it is grouped under.
    pub first: Option<usize>,
    /// About a stretch of text (a long sentence or paragraph, or a reading
    /// age above its target, on the first sentence), not a
    /// phrase: the page draws it around the phrases marked inside it.
    pub stretch: bool,
}

/// The name of a format, as the page and its requests say it.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Docx => "docx",
        Format::Markdown => "markdown",
        Format::Text => "text",
    }
}

/// A document checked, ready to be serialised for the page.
pub fn checked<'a>(
    name: &'a str,
    format: Format,
    document: &'a Document,
    findings: &'a [Finding],
    reading: &ReadingSummary,
    linter: &'a Linter,
) -> Checked<'a> {
    // Text and Markdown as laid out for reading; a Word document's
    // paragraphs are its segments, shown as they are.
    let laid = match format {
        Format::Docx => None,
        Format::Text => Some(layout::text(&document.text)),
        Format::Markdown => Some(layout::markdown(&document.text)),
    };
    let blocks = match &laid {
        None => word_blocks(document),
        Some(laid) => laid.iter().map(shown_block).collect(),
    };
    let report = FileReport::new(name, document, findings, linter);
    let mut counts = SeverityCounts::default();
    // Where each finding starts and ends in the text its block shows, in
    // bytes: a Word paragraph's own text; text and Markdown as laid out.
    let placed: Vec<(usize, Range<usize>)> = findings
        .iter()
        .map(|finding| {
            let block = blocks
                .partition_point(|b| b.byte_start <= finding.span.start)
                .saturating_sub(1);
            let range = match (&laid, blocks.get(block)) {
                (Some(laid), Some(_)) => {
                    let shown = &laid[block];
                    let from = shown.shown_at(finding.span.start, false);
                    from..shown.shown_at(finding.span.end, true).max(from)
                }
                (None, Some(b)) => {
                    let from = finding.span.start.clamp(b.byte_start, b.byte_end);
                    let to = finding.span.end.clamp(from, b.byte_end);
                    from - b.byte_start..to - b.byte_start
                }
                (_, None) => 0..0,
            };
            (block, range)
        })
        .collect();
    // The same in UTF-16 units, worked out in one pass over each block's
    // text: counting from the block's start for each finding took time
    // quadratic in a long line's findings.
    let mut units = vec![(0, 0); findings.len()];
    let mut at = 0;
    while at < placed.len() {
        let block = placed[at].0;
        let group = at..at + placed[at..].iter().take_while(|(b, _)| *b == block).count();
        if let Some(b) = blocks.get(block) {
            let offsets = Utf16Offsets::new(
                &b.text,
                placed[group.clone()]
                    .iter()
                    .flat_map(|(_, r)| [r.start, r.end]),
            );
            for n in group.clone() {
                units[n] = (offsets.at(placed[n].1.start), offsets.at(placed[n].1.end));
            }
        }
        at = group.end;
    }
    // The first use of what a repeat repeats, found by its place and rule.
    let first_uses: HashMap<(usize, usize), usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.repeat_of.is_none())
        .map(|(index, f)| ((f.span.start, f.rule), index))
        .rev()
        .collect();
    let mut page_findings = Vec::with_capacity(findings.len());
    for ((finding, (block, _)), (start, end)) in findings.iter().zip(placed).zip(units) {
        counts.add(finding.severity);
        let first = finding
            .repeat_of
            .and_then(|at| first_uses.get(&(at, finding.rule)).copied());
        page_findings.push(PageFinding {
            record: FindingRecord::new(&report, finding),
            block,
            start,
            end,
            fitted: !finding.fitted.is_empty(),
            stretch: matches!(
                linter.rule(finding.rule).check,
                Some(BuiltinCheck::LongSentence | BuiltinCheck::VeryLongSentence)
                    | Some(BuiltinCheck::LongParagraph)
                    | Some(BuiltinCheck::ReadingAgeAboveTarget)
            ),
            first,
        });
    }
    let profile = document.profile();
    Checked {
        name,
        format: format_name(format),
        kind: profile.kind.map(DocumentKind::as_str),
        audience: profile.audience_or_default().as_str(),
        text: (format != Format::Docx).then_some(document.text.as_str()),
        blocks,
        findings: page_findings,
        counts,
        reading: Reading::from(reading),
        notes: &document.notes,
        stated: Stated::default(),
        written: None,
    }
}

/// UTF-16 offsets (JavaScript's) of chosen byte offsets in a text, all
/// counted in one pass.
struct Utf16Offsets {
    /// Byte offset and its UTF-16 offset, sorted by byte offset.
    known: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    fn new(text: &str, bytes: impl Iterator<Item = usize>) -> Utf16Offsets {
        let mut wanted: Vec<usize> = bytes.collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut known = Vec::with_capacity(wanted.len());
        let (mut byte, mut units) = (0, 0);
        for offset in wanted {
            let end = offset.clamp(byte, text.len());
            // Offsets are at character boundaries (a span's ends, a block's).
            units += utf16_len(text.get(byte..end).unwrap_or(""));
            byte = end;
            known.push((offset, units));
        }
        Utf16Offsets { known }
    }

    /// The UTF-16 offset of a byte offset given to [`Utf16Offsets::new`].
    fn at(&self, byte: usize) -> usize {
        match self.known.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(found) => self.known[found].1,
            Err(_) => 0,
        }
    }
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// A Word document's paragraphs, one block each, with their places.
fn word_blocks(document: &Document) -> Vec<Block<'_>> {
    document
        .segments
        .iter()
        .map(|segment| {
            let range = segment.start..segment.start + segment.len;
            let location = segment.location.as_deref();
            let (role, level) = match location.map(|l| l.role) {
                Some(location::Role::Heading(level)) => ("heading", Some(level)),
                Some(location::Role::ListItem(level)) => ("list-item", Some(level)),
                _ => ("paragraph", None),
            };
            let (part, number) = match location.map(|l| l.part) {
                Some(Part::Header { section }) => ("header", Some(section)),
                Some(Part::Footer { section }) => ("footer", Some(section)),
                Some(Part::Footnote { note }) => ("footnote", Some(note)),
                Some(Part::Endnote { note }) => ("endnote", Some(note)),
                Some(Part::Comment { comment }) => ("comment", Some(comment)),
                Some(Part::Body) | None => ("body", None),
            };
            Block {
                text: with_line_breaks(document, range.clone()),
                byte_start: range.start,
                byte_end: range.end,
                role,
                level,
                ordinal: None,
                continued: false,
                quote: false,
                part,
                place: location.map(ToString::to_string),
                number,
                cell: location
                    .and_then(|l| l.cells.first())
                    .map(|c| [c.table, c.row, c.column]),
                header: false,
                runs: Vec::new(),
            }
        })
        .collect()
}

/// A Word paragraph's text with its line breaks (`w:br`) shown as line
/// breaks: the engine reads each as a space, one byte and one UTF-16 unit
/// like `\n`, so every offset in the paragraph stays the engine's.
fn with_line_breaks(document: &Document, range: Range<usize>) -> Cow<'_, str> {
    let text = &document.text[range.clone()];
    let from = document.line_breaks.partition_point(|&at| at < range.start);
    let to = document.line_breaks.partition_point(|&at| at < range.end);
    if from == to {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for &at in &document.line_breaks[from..to] {
        if bytes[at - range.start] == b' ' {
            bytes[at - range.start] = b'\n';
        }
    }
    // A space for a line break, byte for byte: still UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

/// A block of text or Markdown as the page shows it.
fn shown_block(block: &layout::Block) -> Block<'static> {
    let (role, level) = match block.role {
        Role::Heading(level) => ("heading", Some(level)),
        Role::ListItem { level, .. } => ("list-item", Some(level)),
        Role::Code => ("code", None),
        Role::Rule => ("rule", None),
        Role::Text => ("text", None),
        Role::Paragraph | Role::Cell { .. } => ("paragraph", None),
    };
    let (ordinal, continued) = match block.role {
        Role::ListItem {
            number, continued, ..
        } => (number, continued),
        _ => (None, false),
    };
    let (cell, header) = match block.role {
        Role::Cell {
            table,
            row,
            column,
            header,
        } => (Some([table, row, column]), header),
        _ => (None, false),
    };
    let units = Utf16Offsets::new(
        &block.text,
        block
            .styles
            .iter()
            .flat_map(|(range, _)| [range.start, range.end]),
    );
    Block {
        text: Cow::Owned(block.text.clone()),
        byte_start: block.range.start,
        byte_end: block.range.end,
        role,
        level,
        ordinal,
        continued,
        quote: block.quote,
        part: if block.note.is_some() {
            "footnote"
        } else {
            "body"
        },
        place: block.note.as_ref().map(|label| format!("footnote {label}")),
        number: None,
        cell,
        header,
        runs: block
            .styles
            .iter()
            .map(|(range, style)| Run {
                start: units.at(range.start),
                end: units.at(range.end),
                style: style.as_str(),
            })
            .collect(),
    }
}

/// A rule's page.
#[derive(Serialize)]
pub struct RulePage<'a> {
    pub id: &'a str,
    /// What the page calls it: its first phrase ("hospital discharge"), or
    /// for a check without phrases its id in words ("abbreviation not
    /// explained"). The id is for config files, not for the page's readers.
    pub title: String,
    /// The phrases it looks for (none for a check built into ordinary).
    pub phrases: &'a [String],
    pub category: &'static str,
    /// The category in words ("care-system word").
    pub category_words: &'static str,
    pub severity: &'static str,
    pub why: &'a str,
    pub suggestions: Vec<&'a str>,
    /// Sentences it flags, each with what `fix` makes of it (`null`: advice only).
    pub examples: Vec<(&'a str, Option<&'a str>)>,
    pub counter_examples: &'a [String],
    /// All of it as `ordinary explain` prints it.
    pub explanation: String,
}

pub fn rule_page(rule: &Rule) -> RulePage<'_> {
    let mut text = Vec::new();
    // Writing to memory cannot fail.
    let _ = explanation(rule, &mut text);
    RulePage {
        id: &rule.id,
        title: rule
            .phrases
            .first()
            .cloned()
            .unwrap_or_else(|| rule.id.replace('-', " ")),
        phrases: &rule.phrases,
        category: rule.category.as_str(),
        category_words: rule.category.describe(),
        severity: rule.severity.as_str(),
        why: &rule.why,
        suggestions: rule.suggestions.iter().map(|s| s.text.as_str()).collect(),
        examples: rule
            .examples
            .iter()
            .map(|e| (e.text.as_str(), e.after.as_deref()))
            .collect(),
        counter_examples: &rule.counter_examples,
        explanation: String::from_utf8_lossy(&text).into_owned(),
    }
}

/// A suggestion accepted on the page: the finding (its index among the
/// document's findings) and which of its edits (an index among the
/// suggestions that fit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub finding: usize,
    pub edit: usize,
}

/// The text with the accepted suggestions put in, as `ordinary fix` puts
/// them in ([`fix::apply`]); the number applied. Choices that name no edit
/// are left out, and so is an edit that overlaps one before it.
pub fn apply_accepted(
    document: &Document,
    findings: &[Finding],
    accepted: &[Accepted],
) -> (String, usize) {
    let chosen = accepted.iter().filter_map(|choice| {
        let finding = findings.get(choice.finding)?;
        let edit = &finding.fitted.get(choice.edit)?.edit;
        Some((finding.rule, edit))
    });
    let fixes = fix::fixes_from(document, chosen);
    (fix::apply(&document.text, &fixes), fixes.len())
}

/// The kinds and audiences the page offers, in the command line's words.
#[derive(Serialize)]
pub struct Choices {
    pub kinds: Vec<&'static str>,
    /// Each category and its name in words ("care-system word").
    pub categories: Vec<(&'static str, &'static str)>,
    pub audiences: Vec<&'static str>,
    /// The largest upload taken, in bytes.
    pub max_upload: usize,
}

pub fn choices(max_upload: usize) -> Choices {
    Choices {
        kinds: DocumentKind::ALL.iter().map(|k| k.as_str()).collect(),
        categories: Category::ALL
            .iter()
            .map(|c| (c.as_str(), c.describe()))
            .collect(),
        audiences: Audience::ALL.iter().map(|a| a.as_str()).collect(),
        max_upload,
    }
}

/// The kind and audience a request forces (empty or absent: not forced).
pub fn forced(kind: Option<&str>, audience: Option<&str>) -> Result<Profile, String> {
    let kind = match kind.filter(|k| !k.is_empty()) {
        None => None,
        Some(name) => Some(
            DocumentKind::parse(name)
                .ok_or_else(|| format!("unknown kind of document `{name}`"))?,
        ),
    };
    let audience = match audience.filter(|a| !a.is_empty()) {
        None => None,
        Some(name) => {
            Some(Audience::parse(name).ok_or_else(|| format!("unknown audience `{name}`"))?)
        }
    };
    Ok(Profile { kind, audience })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_a_block_count_utf16_units() {
        assert_eq!(utf16_len("a\u{1F600}b"), 4);
    }
}
