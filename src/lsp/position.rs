//! Positions as the client counts them: a line and a column in UTF-16 code
//! units (the LSP default) or UTF-8 bytes (when the client offers it), turned
//! into byte offsets of the document text and back.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::location::{self, LineIndex, Unit};

/// The unit of a position's `character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion at all), otherwise
    /// UTF-16, which every client must understand.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

impl Encoding {
    fn unit(self) -> Unit {
        match self {
            Encoding::Utf8 => Unit::Utf8,
            Encoding::Utf16 => Unit::Utf16,
        }
    }
}

/// Where each line of a text starts: the project's one line index
/// ([`LineIndex`], lines ending at `\n`, `\r\n` or `\r` as the protocol
/// says), with the protocol's 0-based positions.
#[derive(Debug, Clone)]
pub struct Lines {
    index: LineIndex,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines {
            index: LineIndex::new(text),
        }
    }

    /// The byte offset a client position points at. Positions past the end
    /// of a line mean its end, lines past the end mean the end of the text,
    /// and a column inside a character means the character's start: the
    /// protocol asks servers to be lenient here.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        self.index.offset(
            text,
            position.line as usize,
            position.character as usize,
            encoding.unit(),
        )
    }

    /// The client position of a byte offset.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        Cursor::new(text, self, encoding).position(offset)
    }

    pub fn range(&self, text: &str, span: std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end, encoding),
        )
    }

    /// The byte range of a 0-based line, without its line break.
    pub fn line(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        self.index.content(text, line)
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index.line_of(offset)
    }
}

/// Converts many offsets in rising order without rescanning each line from
/// its start: a document that is one long line with thousands of findings
/// stays linear.
pub struct Cursor<'a> {
    text: &'a str,
    lines: &'a Lines,
    encoding: Encoding,
    cursor: location::Cursor,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str, lines: &'a Lines, encoding: Encoding) -> Cursor<'a> {
        Cursor {
            text,
            lines,
            encoding,
            cursor: location::Cursor::default(),
        }
    }

    pub fn position(&mut self, offset: usize) -> Position {
        let (line, character) =
            self.cursor
                .locate(&self.lines.index, self.text, offset, self.encoding.unit());
        Position::new(line as u32, character as u32)
    }

    pub fn range(&mut self, span: std::ops::Range<usize>) -> Range {
        let start = self.position(span.start);
        let end = self.position(span.end);
        Range::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Café “quoted” 👩‍⚕️ service users\r\nnext\rlast";

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        let lines = Lines::new(TEXT);
        let at = TEXT.find("service").unwrap();
        let utf16 = lines.position(TEXT, at, Encoding::Utf16);
        let expected: usize = TEXT[..at].chars().map(char::len_utf16).sum();
        assert_eq!(utf16, Position::new(0, expected as u32));
        assert_eq!(
            lines.position(TEXT, at, Encoding::Utf8),
            Position::new(0, at as u32)
        );
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let position = lines.position(TEXT, at, encoding);
            assert_eq!(lines.offset(TEXT, position, encoding), at);
        }
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let lines = Lines::new(TEXT);
        let next = TEXT.find("next").unwrap();
        let last = TEXT.find("last").unwrap();
        assert_eq!(
            lines.position(TEXT, next, Encoding::Utf16),
            Position::new(1, 0)
        );
        assert_eq!(
            lines.position(TEXT, last, Encoding::Utf16),
            Position::new(2, 0)
        );
        assert_eq!(&TEXT[lines.line(TEXT, 1)], "next");
        // Past the end of a line is its end, before the line break.
        assert_eq!(
            lines.offset(TEXT, Position::new(1, 99), Encoding::Utf16),
            next + 4
        );
        assert_eq!(
            lines.offset(TEXT, Position::new(9, 0), Encoding::Utf16),
            TEXT.len()
        );
    }

    #[test]
    fn a_column_inside_a_character_means_its_start() {
        let lines = Lines::new(TEXT);
        let emoji = TEXT.find('👩').unwrap();
        let before: usize = TEXT[..emoji].chars().map(char::len_utf16).sum();
        // Between the two halves of the surrogate pair.
        let inside = Position::new(0, before as u32 + 1);
        assert_eq!(lines.offset(TEXT, inside, Encoding::Utf16), emoji);
        assert_eq!(
            lines.offset(TEXT, Position::new(0, 4), Encoding::Utf8),
            TEXT.find('é').unwrap()
        );
    }

    #[test]
    fn the_cursor_agrees_with_one_off_conversions() {
        let text = "é service users\n“x” care package and service users\n";
        let lines = Lines::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let mut cursor = Cursor::new(text, &lines, encoding);
            let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            for pair in offsets.windows(2) {
                let span = pair[0]..pair[1];
                assert_eq!(
                    cursor.range(span.clone()),
                    lines.range(text, span, encoding)
                );
            }
        }
    }
}
