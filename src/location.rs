//! Line and column numbers, computed at the edge that shows them: one line
//! index for every front end, so the command line, SARIF, the review copy
//! and the language server agree on where a line ends and count columns in
//! one place.

use std::ops::Range;

/// 1-based line and column; the column counts Unicode characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// What a column counts: characters (the command line and SARIF), UTF-8
/// bytes or UTF-16 code units (the language server's two encodings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Chars,
    Utf8,
    Utf16,
}

impl Unit {
    fn width(self, c: char) -> usize {
        match self {
            Unit::Chars => 1,
            Unit::Utf8 => c.len_utf8(),
            Unit::Utf16 => c.len_utf16(),
        }
    }

    /// The width of `text` in this unit.
    pub fn measure(self, text: &str) -> usize {
        match self {
            Unit::Utf8 => text.len(),
            Unit::Chars => text.chars().count(),
            Unit::Utf16 => text.chars().map(char::len_utf16).sum(),
        }
    }
}

/// Where each line starts, to turn byte offsets into positions. A line
/// ends at `\n`, `\r\n` or a lone `\r` (old Mac files, and what the
/// language server protocol says), everywhere alike.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        // memchr finds the breaks eight bytes at a time: this runs over
        // every file reported and every rules file at start-up.
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                continue; // the `\n` that follows ends the line
            }
            starts.push(at + 1);
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// How many lines the text has (an empty text has one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte offset a 0-based line starts at (the end of the text for a
    /// line past the last).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// The byte range of a 0-based line, without its line break.
    pub fn content(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_start(line);
        let Some(&next) = self.starts.get(line + 1) else {
            return start..self.len;
        };
        let bytes = text.as_bytes();
        let mut end = next;
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The position of a byte offset (which must be a character boundary of `text`).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        Cursor::default().position(self, text, offset)
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        self.content(text, line.saturating_sub(1))
    }

    /// The byte offset of a 0-based line and a column in `unit`s. A column
    /// past the end of the line means its end, a line past the last means
    /// the end of the text, and a column inside a character means the
    /// character's start (the language server protocol asks for leniency).
    pub fn offset(&self, text: &str, line: usize, column: usize, unit: Unit) -> usize {
        if line >= self.starts.len() {
            return self.len;
        }
        let content = self.content(text, line);
        let mut units = 0;
        for (i, c) in text[content.clone()].char_indices() {
            let width = unit.width(c);
            if units + width > column {
                return content.start + i;
            }
            units += width;
        }
        content.end
    }
}

/// Turns offsets into line and column without counting each line again
/// from its start when the offsets come in rising order (findings do): a
/// document that is one long line with thousands of findings stays linear.
/// Offsets out of order are still right, counted from their line's start.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cursor {
    line: usize,
    offset: usize,
    column: usize,
}

impl Cursor {
    /// The 0-based line and the column in `unit`s from its start.
    pub fn locate(
        &mut self,
        index: &LineIndex,
        text: &str,
        offset: usize,
        unit: Unit,
    ) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = index.line_of(offset);
        if line != self.line || offset < self.offset {
            self.line = line;
            self.offset = index.line_start(line);
            self.column = 0;
        }
        self.column += unit.measure(&text[self.offset..offset]);
        self.offset = offset;
        (line, self.column)
    }

    /// The 1-based position, counting characters.
    pub fn position(&mut self, index: &LineIndex, text: &str, offset: usize) -> Position {
        let (line, column) = self.locate(index, text, offset, Unit::Chars);
        Position {
            line: line + 1,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "first\n“Café” care package";
        let index = LineIndex::new(text);
        let at = text.find("care").unwrap();
        assert_eq!(index.position(text, at), Position { line: 2, column: 8 });
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(&text[index.line_range(text, 1)], "first");
    }

    #[test]
    fn every_kind_of_line_break_ends_a_line() {
        let text = "one\r\ntwo\rthree\nfour";
        let index = LineIndex::new(text);
        assert_eq!(index.lines(), 4);
        for (line, word) in ["one", "two", "three", "four"].iter().enumerate() {
            assert_eq!(&text[index.content(text, line)], *word);
            let at = text.find(word).unwrap();
            assert_eq!(
                index.position(text, at),
                Position {
                    line: line + 1,
                    column: 1
                }
            );
        }
    }

    /// The plain reference: count from the start of the text every time.
    fn plainly(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        let breaks: Vec<usize> = before
            .char_indices()
            .filter(|&(i, c)| {
                c == '\n' || (c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
            })
            .map(|(i, _)| i)
            .collect();
        let line = 1 + breaks.len();
        let line_start = breaks.last().map_or(0, |at| at + 1);
        Position {
            line,
            column: before[line_start..].chars().count() + 1,
        }
    }

    #[test]
    fn the_cursor_agrees_with_counting_from_the_start() {
        let text = "é service\r\nusers “x” care\rpackage\n\nand 👩‍⚕️ more";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut cursor = Cursor::default();
        for &offset in &offsets {
            assert_eq!(cursor.position(&index, text, offset), plainly(text, offset));
        }
        // Out of order as well.
        for &offset in offsets.iter().rev() {
            assert_eq!(cursor.position(&index, text, offset), plainly(text, offset));
        }
    }

    #[test]
    fn an_offset_from_a_line_and_column_in_each_unit() {
        let text = "Café 👩 x\nnext";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.offset(text, 0, 7, Unit::Chars), x);
        assert_eq!(index.offset(text, 0, 8, Unit::Utf16), x);
        assert_eq!(index.offset(text, 0, x, Unit::Utf8), x);
        // Inside the surrogate pair: the character's start.
        let emoji = text.find('👩').unwrap();
        assert_eq!(index.offset(text, 0, 6, Unit::Utf16), emoji);
        assert_eq!(index.offset(text, 0, 99, Unit::Chars), x + 1);
        assert_eq!(index.offset(text, 9, 0, Unit::Chars), text.len());
    }
}
