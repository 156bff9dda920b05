//! Word documents (.docx): a zip package of XML parts, read directly.
//!
//! docx-rs 0.4.22 was measured against this design (`../shared/notes/
//! docx-readers.md`): it loses footnotes, most headers and old-style text
//! boxes, panics on a bad CRC and hangs on a renamed workbook. So the package
//! is opened with `zip` and each part streamed with `quick-xml`: no document
//! tree is built, and every limit is checked while reading.
//!
//! The text is every paragraph a reader sees, one per line: the body (with
//! tables, text boxes and field results), then headers and footers by
//! section, footnotes, endnotes and, if asked, comments.

mod symbol;
mod wordml;

pub(crate) use wordml::{Piece, Trace, attribute};

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};
use std::ops::Range;

use zip::ZipArchive;

use super::location::{Location, Part};
use super::{Document, ReadError, Segment};

/// Options for reading Word documents.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxOptions {
    /// Also check the text of comments (not checked by default).
    pub comments: bool,
}

/// More than this many bytes of XML in one part is refused (real documents stay under 50 MB).
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
/// A part that unpacks to more than this many times its packed size, past
/// the first 10 MB, is a zip bomb, not a document.
const MAX_RATIO: u64 = 100;
/// Every package may unpack to this much in all, however small it is packed.
const MIN_ALLOWANCE: u64 = 32 * 1024 * 1024;
/// Elements nested deeper than this are refused (real documents stay under 50).
pub(crate) const MAX_DEPTH: usize = 256;

pub(crate) fn read(bytes: Vec<u8>, options: DocxOptions) -> Result<Document, ReadError> {
    read_traced(&bytes, options, None)
}

/// The paragraphs read from one part of a package, with where their text
/// came from in the part's XML.
#[derive(Debug)]
pub(crate) struct PartTrace {
    /// The part's name in the zip package (`word/document.xml`).
    pub name: String,
    /// What the part is (its note or section number is that of the first paragraph).
    pub part: Part,
    /// The index of the part's first paragraph among the document's segments.
    pub first_segment: usize,
    pub paragraphs: Trace,
}

/// Reads a package; with `traces`, also records for every part read where
/// each paragraph's text is in its XML (for `ordinary review`).
pub(crate) fn read_traced(
    bytes: &[u8],
    options: DocxOptions,
    mut traces: Option<&mut Vec<PartTrace>>,
) -> Result<Document, ReadError> {
    sniff(bytes)?;
    // All the parts together get one allowance too: without it, a small
    // package whose many relationships name many parts (or one part many
    // times) unpacks to gigabytes, each part within its own limits.
    let mut budget = MAX_UNPACKED.min(
        (bytes.len() as u64)
            .saturating_mul(MAX_RATIO)
            .max(MIN_ALLOWANCE),
    );
    let mut package = ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let main = main_part(&mut package)?;
    let relationships = relationships(&mut package, &main)?;
    let targets: HashMap<&str, &str> = relationships
        .iter()
        .map(|r| (r.id.as_str(), r.target.as_str()))
        .collect();
    let mut builder = Builder::default();

    let body = read_part_traced(
        &mut package,
        &main,
        Part::Body,
        &mut builder,
        &mut budget,
        &mut traces,
    )?;
    let alt_chunks = body.alt_chunks;
    // A main-document link to some other part (styles, settings, a
    // picture) would read as an empty document and pass clean.
    match &body.root {
        Some((true, name)) if name == "document" => {}
        Some((_, name)) => {
            return Err(ReadError::NotWord(format!(
                "its main part ({main}) holds <{name}>, not the body of a Word document"
            )));
        }
        None => {
            return Err(ReadError::NotWord(format!(
                "its main part ({main}) holds no XML"
            )));
        }
    }
    // Headers and footers, each part read once (however many sections or
    // relationships name it), named after the first section that uses it.
    let mut read_already = HashSet::new();
    for (section, reference) in body.headers_and_footers.iter() {
        let Some(&target) = targets.get(reference.id.as_str()) else {
            continue;
        };
        if !read_already.insert(target) {
            continue;
        }
        let part = if reference.is_header {
            Part::Header { section: *section }
        } else {
            Part::Footer { section: *section }
        };
        if package.index_for_name(target).is_some() {
            read_part_traced(
                &mut package,
                target,
                part,
                &mut builder,
                &mut budget,
                &mut traces,
            )?;
        }
    }
    for (kind, part) in [
        ("footnotes", Part::Footnote { note: 0 }),
        ("endnotes", Part::Endnote { note: 0 }),
    ] {
        if let Some(target) = relationships
            .iter()
            .find(|r| r.kind.ends_with(&format!("/{kind}")))
            .map(|r| r.target.clone())
            && package.index_for_name(&target).is_some()
        {
            read_part_traced(
                &mut package,
                &target,
                part,
                &mut builder,
                &mut budget,
                &mut traces,
            )?;
        }
    }
    if options.comments
        && let Some(target) = relationships
            .iter()
            .find(|r| r.kind.ends_with("/comments"))
            .map(|r| r.target.clone())
        && package.index_for_name(&target).is_some()
    {
        read_part_traced(
            &mut package,
            &target,
            Part::Comment { comment: 0 },
            &mut builder,
            &mut budget,
            &mut traces,
        )?;
    }
    let mut document = builder.finish();
    if alt_chunks > 0 {
        document.notes.push(format!(
            "holds {} (a whole document pasted in as HTML, RTF or Word, \"altChunk\") that ordinary cannot read: {} not checked",
            if alt_chunks == 1 { "an embedded document".to_string() } else { format!("{alt_chunks} embedded documents") },
            if alt_chunks == 1 { "its text was" } else { "their text was" }
        ));
    }
    Ok(document)
}

/// Refuses what is not a .docx, saying what it is instead.
fn sniff(bytes: &[u8]) -> Result<(), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::NotWord("the file is empty".into()));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE compound file: either an encrypted (password-protected)
        // Word document, whose directory names the encrypted package, or an
        // old binary .doc.
        let encrypted: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        if bytes
            .windows(encrypted.len())
            .any(|w| w == encrypted.as_slice())
        {
            return Err(ReadError::Protected);
        }
        return Err(ReadError::OldFormat("an old Word .doc file"));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(ReadError::OldFormat("a Rich Text (.rtf) file"));
    }
    if !bytes.starts_with(b"PK") {
        return Err(ReadError::NotWord(
            "it is not a zip package, which every .docx file is".into(),
        ));
    }
    Ok(())
}

fn damaged(error: &zip::result::ZipError) -> ReadError {
    ReadError::Damaged(format!("the zip package is damaged or cut short ({error})"))
}

/// The main document part, found the way Word finds it: through the
/// package relationships (it is not always `word/document.xml`).
pub(crate) fn main_part<R: Read + std::io::Seek>(
    package: &mut ZipArchive<R>,
) -> Result<String, ReadError> {
    let rels = relationships_in(package, "_rels/.rels", "")?;
    let target = rels
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map(|r| r.target)
        .unwrap_or_else(|| "word/document.xml".to_string());
    if target.starts_with("xl/") || target.starts_with("ppt/") {
        let what = if target.starts_with("xl/") {
            "an Excel workbook"
        } else {
            "a PowerPoint presentation"
        };
        return Err(ReadError::NotWord(format!(
            "it is {what}, not a Word document"
        )));
    }
    if package.index_for_name(&target).is_none() {
        return Err(ReadError::NotWord(format!(
            "the package has no main document part ({target})"
        )));
    }
    Ok(target)
}

/// A package relationship: id, type and target part name.
#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// The relationships of a part (`word/document.xml` → `word/_rels/document.xml.rels`).
pub(crate) fn relationships<R: Read + std::io::Seek>(
    package: &mut ZipArchive<R>,
    part: &str,
) -> Result<Vec<Relationship>, ReadError> {
    let (folder, name) = part.rsplit_once('/').unwrap_or(("", part));
    let rels = if folder.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{folder}/_rels/{name}.rels")
    };
    if package.index_for_name(&rels).is_none() {
        return Ok(Vec::new());
    }
    relationships_in(package, &rels, folder)
}

/// The name of a part's relationships part (`word/_rels/document.xml.rels`).
pub(crate) fn relationships_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A part's bytes, read with the size and ratio limits.
pub(crate) fn part_bytes<R: Read + std::io::Seek>(
    package: &mut ZipArchive<R>,
    name: &str,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    open(package, name)?
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(name, e))?;
    Ok(bytes)
}

fn relationships_in<R: Read + std::io::Seek>(
    package: &mut ZipArchive<R>,
    rels: &str,
    folder: &str,
) -> Result<Vec<Relationship>, ReadError> {
    if package.index_for_name(rels).is_none() {
        return Ok(Vec::new());
    }
    let xml = read_to_string(package, rels)?;
    Ok(wordml::relationships(&xml)
        .into_iter()
        .filter(|(_, _, _, external)| !external)
        .map(|(id, kind, target, _)| Relationship {
            id,
            kind,
            target: resolve(folder, &target),
        })
        .collect())
}

/// A relationship target relative to its source folder, as a zip entry name.
fn resolve(folder: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            piece => parts.push(piece),
        }
    }
    parts.join("/")
}

/// Opens a part with the size and ratio limits applied as it is read.
fn open<'a, R: Read + std::io::Seek>(
    package: &'a mut ZipArchive<R>,
    name: &str,
) -> Result<Limited<impl Read + 'a>, ReadError> {
    let file = package.by_name(name).map_err(|e| damaged(&e))?;
    let packed = file.compressed_size();
    let limit = MAX_UNPACKED.min(packed.saturating_mul(MAX_RATIO).max(10 * 1024 * 1024));
    Ok(Limited {
        inner: file,
        left: limit,
        name: name.to_string(),
    })
}

fn read_to_string<R: Read + std::io::Seek>(
    package: &mut ZipArchive<R>,
    name: &str,
) -> Result<String, ReadError> {
    let mut text = String::new();
    open(package, name)?
        .read_to_string(&mut text)
        .map_err(|e| io_error(name, e))?;
    Ok(text)
}

/// Reads one part, and records its trace when `traces` is given.
fn read_part_traced<R: Read + std::io::Seek>(
    package: &mut ZipArchive<R>,
    name: &str,
    part: Part,
    builder: &mut Builder,
    budget: &mut u64,
    traces: &mut Option<&mut Vec<PartTrace>>,
) -> Result<wordml::PartSummary, ReadError> {
    let first_segment = builder.segments.len();
    let mut trace = traces.as_ref().map(|_| Trace::new());
    let summary = read_part(package, name, part, builder, budget, trace.as_mut())?;
    if let (Some(traces), Some(paragraphs)) = (traces.as_deref_mut(), trace) {
        traces.push(PartTrace {
            name: name.to_string(),
            part,
            first_segment,
            paragraphs,
        });
    }
    Ok(summary)
}

fn read_part<R: Read + std::io::Seek>(
    package: &mut ZipArchive<R>,
    name: &str,
    part: Part,
    builder: &mut Builder,
    budget: &mut u64,
    trace: Option<&mut Trace>,
) -> Result<wordml::PartSummary, ReadError> {
    let mut limited = open(package, name)?;
    let package_limited = *budget < limited.left;
    limited.left = limited.left.min(*budget);
    let allowed = limited.left;
    let summary = wordml::read(std::io::BufReader::new(&mut limited), part, builder, trace);
    *budget -= allowed - limited.left;
    summary.map_err(|error| match error {
        wordml::Error::Read(e)
            if package_limited && e.kind() == std::io::ErrorKind::FileTooLarge =>
        {
            ReadError::TooLarge(format!(
                "its parts unpack to far more than the whole file's size (reading {name}): it looks like a zip bomb"
            ))
        }
        wordml::Error::Read(e) => io_error(name, e),
        wordml::Error::Xml(message) => {
            ReadError::Damaged(format!("the XML in {name} is malformed: {message}"))
        }
        wordml::Error::TooDeep => {
            ReadError::Damaged(format!("{name} nests elements more than {MAX_DEPTH} deep"))
        }
    })
}

fn io_error(name: &str, error: std::io::Error) -> ReadError {
    if error.kind() == std::io::ErrorKind::FileTooLarge {
        ReadError::TooLarge(format!(
            "{name} unpacks to far more than its packed size: it looks like a zip bomb"
        ))
    } else {
        ReadError::Damaged(format!("{name} cannot be unpacked ({error})"))
    }
}

/// A reader that fails once more than `left` bytes have come out.
struct Limited<R> {
    inner: R,
    left: u64,
    name: String,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("{} is too large", self.name),
            )
        })?;
        Ok(n)
    }
}

/// What the reader puts in a paragraph's text for a line break inside it
/// (`w:br`, `w:cr`): Word's own character for one (vertical tab, which
/// cannot come from the XML's text). [`Builder::paragraph`] turns it into a
/// space, the same length, and keeps its place in
/// [`Document::line_breaks`].
pub(crate) const LINE_BREAK: char = '\u{0B}';

/// Collects paragraphs into the document text, one per line.
#[derive(Default)]
pub(crate) struct Builder {
    text: String,
    segments: Vec<Segment>,
    line_breaks: Vec<usize>,
}

impl Builder {
    /// Adds a paragraph (empty ones are left out); `code` is where its
    /// code is, as offsets in `text`.
    pub(crate) fn paragraph(&mut self, text: &str, location: Location, code: &[Range<usize>]) {
        if text.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        // A paragraph is one line: its line breaks, and stray line ends in
        // its text, become spaces. Where Word breaks the line is kept apart,
        // in the paragraph for its sentences and in the document for the
        // page to show (an address, say), without changing an offset the
        // engine reports.
        let mut breaks = Vec::new();
        for (at, c) in text.char_indices() {
            match c {
                LINE_BREAK => {
                    breaks.push(at);
                    self.line_breaks.push(start + at);
                    self.text.push(' ');
                }
                '\n' | '\r' => self.text.push(' '),
                c => self.text.push(c),
            }
        }
        let mut segment = Segment {
            location: Some(Box::new(location)),
            breaks,
            ..Segment::plain(start, self.text.len() - start)
        };
        if !code.is_empty() {
            without_code(&mut segment, &self.text[start..], code);
        }
        self.segments.push(segment);
    }

    fn finish(self) -> Document {
        Document {
            text: self.text,
            segments: self.segments,
            suppressions: Vec::new(),
            kind: None,
            audience: None,
            target_reading_age: None,
            notes: Vec::new(),
            line_breaks: self.line_breaks,
        }
    }
}

/// Makes a segment's text its paragraph without the code: each stretch of
/// code becomes a space, as Markdown's reader joins the prose around code,
/// with shifts back to the paragraph and its line breaks moved to match.
fn without_code(segment: &mut Segment, paragraph: &str, code: &[Range<usize>]) {
    let mut prose = String::with_capacity(paragraph.len());
    let mut shifts = Vec::with_capacity(code.len() + 1);
    // Where each piece of prose starts, in the paragraph and in `prose`.
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(code.len() + 1);
    let mut at = 0;
    for stretch in code
        .iter()
        .chain(std::iter::once(&(paragraph.len()..paragraph.len())))
    {
        if stretch.start > at || pieces.is_empty() {
            pieces.push((at, prose.len()));
            shifts.push((prose.len(), segment.start + at));
            prose.push_str(&paragraph[at..stretch.start.max(at)]);
        }
        if stretch.end > stretch.start {
            prose.push(' ');
        }
        at = at.max(stretch.end);
    }
    segment.breaks = segment
        .breaks
        .iter()
        .filter(|&&b| !code.iter().any(|c| c.contains(&b)))
        .filter_map(|&b| {
            let &(from, to) = pieces.iter().rev().find(|(from, _)| *from <= b)?;
            Some(to + (b - from))
        })
        .collect();
    segment.text = Some(prose);
    segment.shifts = shifts;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A form's line: "Ref:", a reference in code, a line break, "Date: 2".
    #[test]
    fn code_is_left_out_of_a_segment_and_its_line_breaks_follow() {
        let paragraph = "Ref: ABC-1 Date: 2";
        let mut segment = Segment {
            breaks: vec![10],
            ..Segment::plain(100, paragraph.len())
        };
        let code = 5..10;
        without_code(&mut segment, paragraph, std::slice::from_ref(&code));
        let text = segment.text.as_deref().expect("a text without the code");
        assert_eq!(text, "Ref:   Date: 2");
        // The break is still the space before "Date".
        assert_eq!(segment.breaks, [6]);
        assert_eq!(&text[6..7], " ");
        // "Date" maps back to its place in the document, code and all.
        let date = text.find("Date").expect("Date");
        assert_eq!(
            segment.to_document(date),
            100 + paragraph.find("Date").unwrap()
        );
        assert_eq!(segment.end_to_document(4), 104, "the end of \"Ref:\"");
    }

    #[test]
    fn relationship_targets_resolve_against_their_folder() {
        assert_eq!(resolve("word", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("word", "/word/header1.xml"), "word/header1.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn sniffing_names_what_a_file_is() {
        assert!(matches!(sniff(b""), Err(ReadError::NotWord(_))));
        assert!(matches!(
            sniff(b"{\\rtf1\\ansi"),
            Err(ReadError::OldFormat(_))
        ));
        assert!(matches!(sniff(b"hello"), Err(ReadError::NotWord(_))));
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        assert!(matches!(sniff(&ole), Err(ReadError::OldFormat(_))));
        ole.extend(
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert!(matches!(sniff(&ole), Err(ReadError::Protected)));
    }
}
