//! A review copy of a Word document, with a comment (or a tracked change)
//! at each flagged phrase, and a comment at the start saying how the
//! document reads (its reading summary). (Text and Markdown are fixed in place by
//! [`crate::fix`]; files are written by [`crate::safe_write`].)
//!
//! The review copy is the original package with only these entries
//! rewritten: the parts holding marked phrases (the body, footnotes,
//! endnotes), the comments part, and, when the comments part is new, the
//! main part's relationships and `[Content_Types].xml`. Every other entry
//! is copied raw, compressed bytes and all.

mod comments;
mod docx;
mod tree;

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::engine::Linter;
use crate::engine::message_for;
use crate::readability::{self, ReadingFigures};
use crate::rules::Profile;
use crate::source::docx::{self as reader, PartTrace};
use crate::source::location::Part;
use crate::source::{DocxOptions, ReadError};

use comments::Comment;
use docx::{Mark, Outcome, Stamp};

/// What the review copy holds at each finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A comment on every flagged phrase.
    #[default]
    Comments,
    /// A tracked change where a suggestion fits the sentence (the edit `fix`
    /// makes), a comment where none does.
    Changes,
}

/// How to write a review copy.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    pub mode: Mode,
    /// The author of comments and changes, as Word shows it.
    pub author: String,
    /// The date of comments and changes (`2026-11-23T15:04:05Z`); none is left out.
    pub date: Option<String>,
}

impl Default for ReviewOptions {
    fn default() -> ReviewOptions {
        ReviewOptions {
            mode: Mode::Comments,
            author: "ordinary".to_string(),
            date: None,
        }
    }
}

/// A review copy and what went into it.
#[derive(Debug)]
pub struct Review {
    /// The new package.
    pub bytes: Vec<u8>,
    pub findings: usize,
    /// Comments on findings (the reading summary's is not counted here).
    pub comments: usize,
    pub changes: usize,
    /// How the document reads; `reading_summary` says whether the comment
    /// at the start saying so is in the copy.
    pub reading: ReadingFigures,
    pub reading_summary: bool,
    /// Findings that could not be marked, with why.
    pub skipped: Vec<Skipped>,
    /// What the reader could not read (an embedded document), for the
    /// author to check by hand.
    pub notes: Vec<String>,
}

/// A finding left out of the review copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub rule: String,
    pub matched: String,
    /// Where it is, in words ("header (section 1)").
    pub place: String,
    pub reason: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("cannot edit {part}: {message}")]
    Part { part: String, message: String },
    #[error("cannot write the review copy: {0}")]
    Zip(String),
}

/// Why a finding in a header or footer can only be a tracked change.
const NO_COMMENTS_IN_HEADERS: &str = "Word has no comments in headers and footers";

/// One finding to mark in a part.
struct Planned {
    mark: Mark,
    /// The comment's paragraphs.
    paragraphs: Vec<String>,
    /// Said if it cannot be marked.
    skipped: Skipped,
    /// For a finding in a note that needs a comment: which part and note.
    note: Option<(Part, u64)>,
    /// The reading summary's comment, not a finding's.
    summary: bool,
}

/// Writes a review copy of a Word document (given as its bytes).
pub fn review_docx(
    bytes: &[u8],
    linter: &Linter,
    profile: Profile,
    options: &ReviewOptions,
) -> Result<Review, ReviewError> {
    let mut traces: Vec<PartTrace> = Vec::new();
    let mut document = reader::read_traced(bytes, DocxOptions::default(), Some(&mut traces))?;
    document.settle_profile(profile, Profile::default());
    let (findings, reading) = linter.check_and_summarize(&document);
    let reading = reading.figures();

    let mut skipped = Vec::new();
    // The part's trace (by index) → its planned marks, in document order.
    let mut planned: BTreeMap<usize, Vec<Planned>> = BTreeMap::new();
    for finding in &findings {
        let rule = linter.rule(finding.rule);
        let matched = &document.text[finding.span.clone()];
        let Some(segment_index) = document
            .segments
            .partition_point(|s| s.start <= finding.span.start)
            .checked_sub(1)
        else {
            continue;
        };
        let segment = &document.segments[segment_index];
        let place = segment
            .location
            .as_deref()
            .map(|l| l.to_string())
            .unwrap_or_default();
        let skip = |reason: &str| Skipped {
            rule: rule.id.clone(),
            matched: matched.to_string(),
            place: place.clone(),
            reason: reason.to_string(),
        };
        let Some(trace_index) = traces
            .iter()
            .rposition(|t| t.first_segment <= segment_index)
        else {
            continue;
        };
        let trace = &traces[trace_index];
        let in_header = matches!(trace.part, Part::Header { .. } | Part::Footer { .. });
        if in_header && options.mode == Mode::Comments {
            skipped.push(skip(NO_COMMENTS_IN_HEADERS));
            continue;
        }
        let Some(pieces) = trace.paragraphs.get(segment_index - trace.first_segment) else {
            continue;
        };
        // A tracked change covers the edit, which may take in a word next
        // to the match ("a care package" → "care and support").
        let segment_end = segment.start + segment.len;
        let edit = match options.mode {
            // An edit that left the paragraph could not be one change.
            Mode::Changes => finding
                .first_edit()
                .filter(|edit| edit.span.start >= segment.start && edit.span.end <= segment_end),
            Mode::Comments => None,
        };
        let marked = edit.map_or(
            finding.span.start..finding.span.end.min(segment_end),
            |edit| edit.span.clone(),
        );
        let start = marked.start - segment.start;
        let end = marked.end - segment.start;
        let (Some(xml_start), Some(xml_end)) = (
            xml_offset(pieces, start, true),
            xml_offset(pieces, end, false),
        ) else {
            skipped.push(skip(
                "the phrase does not start and end at a character Word can mark",
            ));
            continue;
        };
        let replacement = edit.map(|edit| edit.replacement.clone());
        if in_header && replacement.is_none() {
            skipped.push(skip(NO_COMMENTS_IN_HEADERS));
            continue;
        }
        let mut paragraphs = vec![message_for(rule, finding, matched)];
        if !rule.why.trim().is_empty() {
            paragraphs.push(rule.why.trim().to_string());
        }
        planned.entry(trace_index).or_default().push(Planned {
            mark: Mark {
                start: xml_start,
                end: xml_end,
                replacement,
                encloses: rule.is_sentence_check(),
            },
            paragraphs,
            skipped: skip(""),
            note: None,
            summary: false,
        });
    }
    if let Some((body, plan)) = summary_plan(&document, &traces, &reading) {
        planned.entry(body).or_default().push(plan);
    }

    let mut package =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReviewError::Zip(e.to_string()))?;
    let main = reader::main_part(&mut package)?;
    let relationships = reader::relationships(&mut package, &main)?;
    let comments_part = relationships
        .iter()
        .find(|r| r.kind.ends_with("/comments"))
        .map(|r| r.target.clone())
        .filter(|target| package.index_for_name(target).is_some());
    let existing_comments = match &comments_part {
        Some(name) => Some(reader::part_bytes(&mut package, name)?),
        None => None,
    };

    // Ids follow every id already used in the parts we touch. The notes
    // go first: a note's comment is placed in the body (see below).
    let mut order: Vec<usize> = planned.keys().copied().collect();
    order.sort_by_key(|&i| traces[i].part == Part::Body);
    let body_index = traces.iter().position(|t| t.part == Part::Body);
    let mut xmls: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut next_id = 0u64;
    for name in order
        .iter()
        .map(|&i| traces[i].name.clone())
        .chain(std::iter::once(main.clone()))
        .chain(comments_part.clone())
    {
        if xmls.contains_key(&name) {
            continue;
        }
        let xml = match (&existing_comments, &comments_part) {
            (Some(xml), Some(comments)) if *comments == name => xml.clone(),
            _ => reader::part_bytes(&mut package, &name)?,
        };
        let tree = parse_part(&name, &xml)?;
        next_id = next_id.max(tree.max_id + 1);
        xmls.insert(name, xml);
    }

    let stamp = Stamp {
        author: options.author.clone(),
        date: options.date.clone(),
    };
    let mut new_comments: Vec<Comment> = Vec::new();
    let mut rewritten: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let (mut comment_count, mut change_count) = (0, 0);
    let mut reading_summary = false;
    // Findings in notes that need a comment: LibreOffice cannot open a
    // document with comments inside footnotes, so they go on the note's
    // reference mark in the body.
    let mut relocated: Vec<Planned> = Vec::new();
    if !order.iter().any(|&i| traces[i].part == Part::Body)
        && let Some(body) = body_index
    {
        order.push(body);
    }
    for index in order {
        let trace = &traces[index];
        let name = trace.name.clone();
        let is_body = trace.part == Part::Body;
        let in_header = matches!(trace.part, Part::Header { .. } | Part::Footer { .. });
        let mut plans = planned.remove(&index).unwrap_or_default();
        if is_body {
            let tree = parse_part(&name, &xmls[&name])?;
            for mut plan in relocated.drain(..) {
                let Some(reference) = tree.nodes.iter().find(|n| {
                    n.id == plan.note.map(|(_, id)| id)
                        && n.is(match plan.note {
                            Some((Part::Endnote { .. }, _)) => "endnoteReference",
                            _ => "footnoteReference",
                        })
                }) else {
                    skipped.push(Skipped {
                        reason: "the note's reference mark was not found in the body".into(),
                        ..plan.skipped.clone()
                    });
                    continue;
                };
                plan.mark = Mark {
                    start: reference.open.start,
                    end: reference.close.end,
                    replacement: None,
                    encloses: false,
                };
                plan.paragraphs[0] = format!("In {}: {}", plan.skipped.place, plan.paragraphs[0]);
                plans.push(plan);
            }
        }
        if plans.is_empty() {
            continue;
        }
        let marks: Vec<Mark> = plans.iter().map(|p| p.mark.clone()).collect();
        let (edited, outcomes) =
            docx::mark_part(&xmls[&name], &marks, &stamp, is_body, &mut next_id).map_err(
                |message| ReviewError::Part {
                    part: name.clone(),
                    message,
                },
            )?;
        for (mut plan, outcome) in plans.into_iter().zip(outcomes) {
            match outcome {
                Outcome::Comment(id) => {
                    if plan.summary {
                        reading_summary = true;
                    } else {
                        comment_count += 1;
                    }
                    new_comments.push(Comment {
                        id,
                        paragraphs: plan.paragraphs.clone(),
                    });
                }
                Outcome::Change => change_count += 1,
                Outcome::InNote(note) => {
                    plan.note = Some((trace.part, note));
                    relocated.push(plan);
                }
                // The summary is not a finding: nothing to list if Word
                // cannot hold it there (a first paragraph in a text box).
                Outcome::Skipped(_) if plan.summary => {}
                Outcome::Skipped(reason) => skipped.push(Skipped {
                    reason: if in_header {
                        NO_COMMENTS_IN_HEADERS
                    } else {
                        reason
                    }
                    .to_string(),
                    ..plan.skipped.clone()
                }),
            }
        }
        // A part where nothing could be marked stays as it was, raw.
        if edited != xmls[&name] {
            rewritten.insert(name, edited);
        }
    }
    for plan in relocated {
        skipped.push(Skipped {
            reason: "the document has no body to put a comment in".into(),
            ..plan.skipped
        });
    }
    new_comments.sort_by_key(|c| c.id);

    let mut added: Vec<(String, Vec<u8>)> = Vec::new();
    if !new_comments.is_empty() {
        let date = options.date.as_deref();
        match (&comments_part, &existing_comments) {
            (Some(name), Some(xml)) => {
                let appended = comments::append(xml, &new_comments, &options.author, date)
                    .map_err(|message| ReviewError::Part {
                        part: name.clone(),
                        message,
                    })?;
                rewritten.insert(name.clone(), appended);
            }
            _ => {
                let main_xml = reader::part_bytes(&mut package, &main)?;
                let strict = contains_bytes(
                    &main_xml,
                    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
                );
                let namespace = if strict {
                    "http://purl.oclc.org/ooxml/wordprocessingml/main"
                } else {
                    "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
                };
                let (folder, _) = main.rsplit_once('/').unwrap_or(("", &main));
                let name = free_name(&package, folder);
                let target = name.rsplit('/').next().unwrap_or(&name).to_string();
                added.push((
                    name.clone(),
                    comments::new_part(namespace, &new_comments, &options.author, date),
                ));
                let rels_name = reader::relationships_name(&main);
                let rels = if package.index_for_name(&rels_name).is_some() {
                    Some(reader::part_bytes(&mut package, &rels_name)?)
                } else {
                    None
                };
                let had_rels = rels.is_some();
                let rels = comments::add_relationship(rels.as_deref(), &target, strict).map_err(
                    |message| ReviewError::Part {
                        part: rels_name.clone(),
                        message,
                    },
                )?;
                if had_rels {
                    rewritten.insert(rels_name, rels);
                } else {
                    added.push((rels_name, rels));
                }
                let types_name = "[Content_Types].xml";
                let types = reader::part_bytes(&mut package, types_name)?;
                let types = comments::add_content_type(&types, &name, comments::COMMENTS_TYPE)
                    .map_err(|message| ReviewError::Part {
                        part: types_name.to_string(),
                        message,
                    })?;
                rewritten.insert(types_name.to_string(), types);
            }
        }
    }

    let bytes = write_package(&mut package, &rewritten, &added)?;
    Ok(Review {
        bytes,
        findings: findings.len(),
        comments: comment_count,
        changes: change_count,
        reading,
        reading_summary,
        skipped,
        notes: std::mem::take(&mut document.notes),
    })
}

/// The comment saying how the document reads, on the first sentence of the
/// body (the first one Word can mark), and the body's trace; `None` for a
/// document with nothing to read. Its words are the core's
/// ([`ReadingFigures::describe`]); it encloses the sentence, so the
/// phrases inside keep their own comments and changes.
fn summary_plan(
    document: &crate::source::Document,
    traces: &[PartTrace],
    reading: &ReadingFigures,
) -> Option<(usize, Planned)> {
    /// How many of the body's first paragraphs are tried.
    const TRIED: usize = 20;
    if reading.sentences == 0 {
        return None;
    }
    let body = traces.iter().position(|t| t.part == Part::Body)?;
    let trace = &traces[body];
    let (start, end) =
        trace
            .paragraphs
            .iter()
            .enumerate()
            .take(TRIED)
            .find_map(|(i, pieces)| {
                let segment = document.segments.get(trace.first_segment + i)?;
                let text = document.segment_text(segment);
                let unit = readability::segment_units(document, segment)
                    .into_iter()
                    .next()?;
                let first = readability::sentences(&text[unit.clone()])
                    .into_iter()
                    .next()?;
                // The segment's text leaves code out: back to the paragraph's.
                let start = segment.to_document(unit.start + first.start) - segment.start;
                let end = segment.end_to_document(unit.start + first.end) - segment.start;
                Some((
                    xml_offset(pieces, start, true)?,
                    xml_offset(pieces, end, false)?,
                ))
            })?;
    let paragraphs = vec![
        format!("{}: {}", readability::summary::HEADING, reading.describe()),
        readability::summary::CAVEAT.to_string(),
    ];
    Some((
        body,
        Planned {
            mark: Mark {
                start,
                end,
                replacement: None,
                encloses: true,
            },
            paragraphs,
            skipped: Skipped {
                rule: String::new(),
                matched: String::new(),
                place: String::new(),
                reason: String::new(),
            },
            note: None,
            summary: true,
        },
    ))
}

fn parse_part(name: &str, xml: &[u8]) -> Result<tree::Tree, ReviewError> {
    tree::Tree::parse(xml).map_err(|message| ReviewError::Part {
        part: name.to_string(),
        message,
    })
}

/// The XML offset of a place in a paragraph's text: the start of the
/// character there (`start`) or the end of the character before it.
fn xml_offset(pieces: &[reader::Piece], offset: usize, start: bool) -> Option<usize> {
    let piece = if start {
        pieces
            .iter()
            .find(|p| p.text.start <= offset && offset < p.text.end)?
    } else {
        pieces
            .iter()
            .find(|p| p.text.start < offset && offset <= p.text.end)?
    };
    if offset == piece.text.start {
        Some(piece.xml.start)
    } else if offset == piece.text.end {
        Some(piece.xml.end)
    } else if piece.linear {
        Some(piece.xml.start + (offset - piece.text.start))
    } else {
        None
    }
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `word/comments.xml`, or the first `word/commentsN.xml` not taken.
fn free_name<R: std::io::Read + std::io::Seek>(package: &ZipArchive<R>, folder: &str) -> String {
    let join = |file: String| {
        if folder.is_empty() {
            file
        } else {
            format!("{folder}/{file}")
        }
    };
    let mut name = join("comments.xml".to_string());
    let mut n = 1;
    while package.index_for_name(&name).is_some() {
        name = join(format!("comments{n}.xml"));
        n += 1;
    }
    name
}

/// The package again: rewritten entries in their places, every other entry
/// copied raw, new entries at the end.
fn write_package(
    package: &mut ZipArchive<Cursor<&[u8]>>,
    rewritten: &BTreeMap<String, Vec<u8>>,
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, ReviewError> {
    let zip_error = |e: zip::result::ZipError| ReviewError::Zip(e.to_string());
    let io_error = |e: std::io::Error| ReviewError::Zip(e.to_string());
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let mut last_time = None;
    for index in 0..package.len() {
        let entry = package.by_index_raw(index).map_err(zip_error)?;
        let name = entry.name().map_err(zip_error)?.into_owned();
        last_time = entry.last_modified().or(last_time);
        match rewritten.get(&name) {
            Some(bytes) => {
                let mut options =
                    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
                if let Some(time) = entry.last_modified() {
                    options = options.last_modified_time(time);
                }
                drop(entry);
                writer.start_file(name, options).map_err(zip_error)?;
                writer.write_all(bytes).map_err(io_error)?;
            }
            None => writer.raw_copy_file(entry).map_err(zip_error)?,
        }
    }
    for (name, bytes) in added {
        let mut options =
            SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        if let Some(time) = last_time {
            options = options.last_modified_time(time);
        }
        writer
            .start_file(name.as_str(), options)
            .map_err(zip_error)?;
        writer.write_all(bytes).map_err(io_error)?;
    }
    Ok(writer.finish().map_err(zip_error)?.into_inner())
}

/// Text for XML content and attribute values (the same escaping as the
/// XML reports: characters XML 1.0 cannot hold become U+FFFD).
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::report::escape::xml(text, &mut out);
    out
}

/// Seconds since 1970 for the comments' date: `SOURCE_DATE_EPOCH` when set
/// (reproducible builds of documents), else now.
pub fn now() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
}

/// The review copy's file name: `draft.docx` → `draft.reviewed.docx`.
pub fn reviewed_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem}.reviewed.{extension}"),
        _ => format!("{name}.reviewed.docx"),
    }
}

/// A time as Word writes it, `2026-11-23T15:04:05Z`, from seconds since 1970.
pub fn word_date(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_way_word_writes_them() {
        assert_eq!(word_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(word_date(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(word_date(1_795_446_245), "2026-11-23T15:04:05Z");
    }

    #[test]
    fn escaping_keeps_xml_well_formed() {
        assert_eq!(
            xml_escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
