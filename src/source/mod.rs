//! Document readers: each turns a file into a [`Document`], the text that
//! positions refer to plus the segments worth checking.
//!
//! Readers know nothing about rules. Plain text is one segment per stretch
//! between suppression comments; Markdown is one segment per block, with
//! code, link targets, HTML and front matter blanked out (so offsets still
//! point into the original file).

pub(crate) mod docx;
pub mod layout;
pub mod location;
mod markdown;
mod suppress;
mod text;
pub mod written;

pub use docx::DocxOptions;
pub use location::Location;

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use crate::rules::{Audience, DocumentKind, Profile};

pub use suppress::{Directive, DirectiveKind};

/// A file format `ordinary` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
}

impl Format {
    /// The format of a file by its extension; `None` for files `ordinary`
    /// does not check when walking a folder.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "docx" | "docm" | "dotx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// A document ready for matching.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The text positions refer to: for text and Markdown, the file itself.
    pub text: String,
    pub segments: Vec<Segment>,
    pub suppressions: Vec<Suppression>,
    /// The kind of document, when known: from Markdown front matter, the
    /// config's `[kinds]` globs, or `--kind`.
    pub kind: Option<DocumentKind>,
    /// Who it is written for, when known: from Markdown front matter, the
    /// config's `[audiences]` globs, or `--audience`.
    pub audience: Option<Audience>,
    /// The reading age the document should not be above, when its Markdown
    /// front matter gives one (`target_reading_age: 12`); before the config's.
    pub target_reading_age: Option<u32>,
    /// What the reader could not read and says so (`the document holds 2
    /// embedded documents …`): shown beside the findings, never silent.
    pub notes: Vec<String>,
    /// Word documents: the byte offsets of the spaces in `text` that stand
    /// for a line break inside a paragraph (`w:br`), in order, for a front
    /// end that shows the document as laid out (the page). The engine reads
    /// them as the spaces they are. Empty for text and Markdown, whose line
    /// breaks are in `text`.
    pub line_breaks: Vec<usize>,
}

/// A stretch of the document to check. Phrases never match across segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset of the segment in the document text.
    pub start: usize,
    /// The text to check when it is not the document's own bytes: Markdown
    /// prose with its markup taken out, so `co-**production**` reads
    /// `co-production`. `None` to check `document.text[start..start + len]`.
    pub text: Option<String>,
    /// For `text`: `(offset in text, offset in document)` at the start of
    /// each piece copied from the document; empty when `text` is `None`.
    pub shifts: Vec<(usize, usize)>,
    /// Bytes of the document the segment spans.
    pub len: usize,
    /// Where the segment is in a Word document (part, paragraph, table cell).
    pub location: Option<Box<Location>>,
    /// Where a Word paragraph had a line break, now a space: offsets in the
    /// segment's text. Sentences split at them as at Markdown's (see
    /// [`crate::readability::units`]); phrases match across them.
    pub breaks: Vec<usize>,
}

/// Rules switched off for a stretch of the document by a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub range: Range<usize>,
    /// `None` switches off every rule.
    pub rules: Option<Vec<String>>,
}

impl Segment {
    /// A segment that is the document's own bytes.
    pub fn plain(start: usize, len: usize) -> Segment {
        Segment {
            start,
            len,
            text: None,
            shifts: Vec::new(),
            location: None,
            breaks: Vec::new(),
        }
    }

    /// The document offset where a match starting at `offset` starts.
    pub fn to_document(&self, offset: usize) -> usize {
        self.map(offset, |(at, _)| at <= offset)
    }

    /// The document offset where a match ending at `offset` ends: at a join
    /// between pieces, the end of the piece before, not the start of the next.
    pub fn end_to_document(&self, offset: usize) -> usize {
        self.map(offset, |(at, _)| at < offset)
    }

    fn map(&self, offset: usize, before: impl Fn((usize, usize)) -> bool) -> usize {
        if self.shifts.is_empty() {
            return self.start + offset;
        }
        let index = self
            .shifts
            .partition_point(|&shift| before(shift))
            .saturating_sub(1);
        let (at, document) = self.shifts[index];
        document + offset.saturating_sub(at)
    }
}

impl Document {
    /// What the rules need to know about the document.
    pub fn profile(&self) -> Profile {
        Profile {
            kind: self.kind,
            audience: self.audience,
        }
    }

    /// Settles the document's kind and audience (see [`Profile::settle`])
    /// from what the command line forces and what the config's globs say.
    pub fn settle_profile(&mut self, forced: Profile, configured: Profile) {
        let settled = Profile::settle(forced, self.profile(), configured);
        self.kind = settled.kind;
        self.audience = settled.audience;
    }

    /// Reads text in a given format. A Word package is bytes, not text, and
    /// goes through [`read_bytes`]; text already taken out of one (an editor's
    /// buffer) is read as plain text.
    pub fn parse(text: String, format: Format) -> Document {
        match format {
            Format::Text | Format::Docx => text::read(text),
            Format::Markdown => markdown::read(text),
        }
    }

    /// The segment holding a byte offset of the text.
    pub fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let index = self
            .segments
            .partition_point(|s| s.start <= offset)
            .checked_sub(1)?;
        self.segments
            .get(index)
            .filter(|s| offset <= s.start + s.len)
    }

    /// The bytes around `span`: at most `reach` either side, and no further
    /// than its segment (the paragraph or table cell it is in).
    pub fn around(&self, span: &Range<usize>, reach: usize) -> Range<usize> {
        let text = &self.text;
        let (from, to) = self
            .segment_at(span.start)
            .map_or((0, text.len()), |s| (s.start, s.start + s.len));
        let start = text.floor_char_boundary(span.start.saturating_sub(reach).max(from));
        let end = text.ceil_char_boundary((span.end + reach).min(to).min(text.len()));
        start..end
    }

    pub fn segment_text<'a>(&'a self, segment: &'a Segment) -> &'a str {
        match &segment.text {
            Some(text) => text,
            None => &self.text[segment.start..segment.start + segment.len],
        }
    }

    /// True if a comment switches off `rule` at `offset`.
    pub fn is_suppressed(&self, offset: usize, rule: &str) -> bool {
        self.suppressions.iter().any(|s| {
            s.range.contains(&offset)
                && s.rules
                    .as_ref()
                    .is_none_or(|rules| rules.iter().any(|r| r == rule))
        })
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("file not found")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a folder with nothing to check")]
    IsFolder,
    #[error("cannot read: {0}")]
    Io(std::io::Error),
    #[error("looks like a binary file, not text (it holds a NUL byte at byte {offset})")]
    Binary { offset: usize },
    #[error("is not valid UTF-8 text (bad byte at line {line}, byte {offset}): save it as UTF-8")]
    InvalidUtf8 { line: usize, offset: usize },
    #[error(
        "is not UTF-8: it looks like Windows-1252 or Latin-1, an older 8-bit encoding (first at line {line}, byte {offset}); save it as UTF-8"
    )]
    Legacy8Bit { line: usize, offset: usize },
    #[error("is in {0}, which ordinary does not read: save it as UTF-8")]
    Encoding(&'static str),
    #[error("is damaged UTF-16 (half a character or a stray byte): save it as UTF-8")]
    Damaged16,
    #[error("is not a Word document: {0}")]
    NotWord(String),
    #[error(
        "is password-protected: remove the password in Word (File, Info, Protect Document) and save it again"
    )]
    Protected,
    #[error("is {0}, not a .docx: open it in Word or LibreOffice and save it as .docx")]
    OldFormat(&'static str),
    #[error("is a damaged Word document: {0}")]
    Damaged(String),
    #[error("is too large to read safely: {0}")]
    TooLarge(String),
    #[error("is {0}, not a file: ordinary reads files (give `-` to read standard input)")]
    NotAFile(&'static str),
}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> ReadError {
        match error.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            std::io::ErrorKind::IsADirectory => ReadError::IsFolder,
            _ => ReadError::Io(error),
        }
    }
}

/// How to read documents.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub docx: DocxOptions,
}

/// Reads and decodes a file.
pub fn read_file(path: &Path, format: Format) -> Result<Document, ReadError> {
    read_file_with(path, format, ReadOptions::default())
}

pub fn read_file_with(
    path: &Path,
    format: Format,
    options: ReadOptions,
) -> Result<Document, ReadError> {
    read_bytes(file_bytes(path, format)?, format, options)
}

/// The largest file `ordinary` reads: far beyond any document, and small
/// enough that reading one cannot exhaust a laptop's memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A file's bytes, with the checks that keep reading bounded before it
/// starts: only a regular file (or a link to one) is read, never a device
/// or a pipe, which could be endless or block forever; a text file whose
/// first bytes show it is binary is refused without reading the rest (a
/// sparse 5 GB file is not read into memory to be called binary); and a
/// file larger than [`MAX_FILE_BYTES`] is refused by its size.
pub fn file_bytes(path: &Path, format: Format) -> Result<Vec<u8>, ReadError> {
    // Looked at before opening: opening a pipe waits for a writer.
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(ReadError::IsFolder);
    }
    if !metadata.is_file() {
        return Err(ReadError::NotAFile(file_kind(&metadata)));
    }
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    let mut reader = std::io::BufReader::with_capacity(SNIFF_BYTES, file);
    if format != Format::Docx {
        let head = std::io::BufRead::fill_buf(&mut reader)?;
        // UTF-16 and UTF-32 hold NULs too: `decode` names them instead.
        if utf16_units(head).is_none()
            && !looks_like_utf16(head)
            && let Some(offset) = head.iter().position(|&b| b == 0)
        {
            return Err(ReadError::Binary { offset });
        }
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    bounded_read(reader)
}

/// Reads all of standard input, up to [`MAX_FILE_BYTES`].
pub fn read_stdin(format: Format, options: ReadOptions) -> Result<Document, ReadError> {
    read_bytes(stdin_bytes()?, format, options)
}

/// Standard input's bytes, up to [`MAX_FILE_BYTES`].
pub fn stdin_bytes() -> Result<Vec<u8>, ReadError> {
    bounded_read(std::io::stdin().lock())
}

/// How much of a text file is looked at for a NUL byte before reading on.
const SNIFF_BYTES: usize = 8192;

/// Reads to the end, refusing more than [`MAX_FILE_BYTES`] (a file can grow
/// while it is read, and a stream has no size to check first).
fn bounded_read(reader: impl Read) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(size: u64) -> ReadError {
    ReadError::TooLarge(format!(
        "{} MB or more; ordinary reads files of up to {} MB",
        size / 1_000_000,
        MAX_FILE_BYTES / 1_000_000
    ))
}

/// What a file that is not a regular file is, in words for a message
/// ("a folder", "a pipe", "a device"). Shared by reading and writing.
pub(crate) fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a pipe";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Reads a document from its bytes.
pub fn read_bytes(
    bytes: Vec<u8>,
    format: Format,
    options: ReadOptions,
) -> Result<Document, ReadError> {
    match format {
        Format::Docx => docx::read(bytes, options.docx),
        Format::Text | Format::Markdown => Ok(Document::parse(decode(bytes)?, format)),
    }
}

/// Bytes to text: UTF-8 (a byte-order mark is dropped) or UTF-16 with a
/// byte-order mark, as Windows tools sometimes save. Anything else is an error
/// that names the encoding when it can tell, never a guess: a wrong guess
/// would report phrases that are not there, or report a file clean.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    // UTF-32's mark starts with UTF-16's: look for it first.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(ReadError::Encoding("UTF-32"));
    }
    if let Some(units) = utf16_units(&bytes) {
        if bytes.len() % 2 == 1 {
            return Err(ReadError::Damaged16);
        }
        return char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| ReadError::Damaged16);
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(offset) = head.iter().position(|&b| b == 0) {
        if looks_like_utf16(head) {
            return Err(ReadError::Encoding("UTF-16 without a byte order mark"));
        }
        return Err(ReadError::Binary { offset });
    }
    let skip = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let mut bytes = bytes;
    bytes.drain(..skip);
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let before = &error.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        // No UTF-8 letter beyond ASCII before the first bad byte: an 8-bit
        // Windows or Latin-1 file (a £ or an é saved by an old editor).
        if before.is_ascii() {
            ReadError::Legacy8Bit {
                line,
                offset: offset + skip,
            }
        } else {
            ReadError::InvalidUtf8 {
                line,
                offset: offset + skip,
            }
        }
    })
}

/// Text in UTF-16 without its mark: NUL bytes in every other place, ASCII
/// in the places between (the first 8 KB of a Notepad file in English).
fn looks_like_utf16(head: &[u8]) -> bool {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let zeros_at = |parity: usize| {
        head.chunks_exact(2)
            .filter(|pair| {
                let other = pair[1 - parity];
                pair[parity] == 0 && (other.is_ascii_graphic() || other.is_ascii_whitespace())
            })
            .count()
    };
    let most = pairs * 9 / 10;
    zeros_at(0) >= most || zeros_at(1) >= most
}

fn utf16_units(bytes: &[u8]) -> Option<Vec<u16>> {
    let little = bytes.starts_with(&[0xFF, 0xFE]);
    let big = bytes.starts_with(&[0xFE, 0xFF]);
    if !(little || big) {
        return None;
    }
    Some(
        bytes[2..]
            .chunks_exact(2)
            .map(|pair| {
                if little {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_a_bom_and_reads_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFcare".to_vec()).unwrap(), "care");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("care".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(utf16).unwrap(), "care");
    }

    #[test]
    fn decode_rejects_binary_and_bad_utf8_with_a_place() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00".to_vec()),
            Err(ReadError::Binary { offset: 4 })
        ));
        match decode("é\nline \u{e9}".bytes().chain(*b"\xFF").collect()) {
            Err(ReadError::InvalidUtf8 { line, offset }) => assert_eq!((line, offset), (2, 10)),
            other => panic!("expected invalid UTF-8, got {other:?}"),
        }
    }

    #[test]
    fn encodings_we_do_not_read_are_named() {
        match decode(b"line one\nline \xA3 two".to_vec()) {
            Err(ReadError::Legacy8Bit { line, offset }) => assert_eq!((line, offset), (2, 14)),
            other => panic!("expected an 8-bit encoding, got {other:?}"),
        }
        let utf16: Vec<u8> = "care"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert!(matches!(
            decode(utf16),
            Err(ReadError::Encoding("UTF-16 without a byte order mark"))
        ));
        assert!(matches!(
            decode(vec![0, 0, 0xFE, 0xFF, 0, 0, 0, b'a']),
            Err(ReadError::Encoding("UTF-32"))
        ));
        // Odd bytes after a UTF-16 mark: damaged, not quietly one byte short.
        assert!(matches!(
            decode(vec![0xFF, 0xFE, b'a', 0, b'b']),
            Err(ReadError::Damaged16)
        ));
        // A file of nothing but NULs is binary, not UTF-16.
        assert!(matches!(
            decode(vec![0; 64]),
            Err(ReadError::Binary { offset: 0 })
        ));
    }
}
