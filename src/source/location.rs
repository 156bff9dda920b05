//! Where a paragraph of a Word document is, in words its author knows:
//! "paragraph 14", "table 2, row 3, column 2", "footnote 3", "header (section 1)".

use std::fmt;

use serde::Serialize;

/// The part of a document a paragraph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "part")]
pub enum Part {
    Body,
    Header { section: usize },
    Footer { section: usize },
    Footnote { note: usize },
    Endnote { note: usize },
    Comment { comment: usize },
}

/// A table cell, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub table: usize,
    pub row: usize,
    pub column: usize,
}

/// What a paragraph is in the document's outline, from its style: the page
/// of `ordinary serve` shows headings and list items as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    Paragraph,
    /// A heading, level 1 (a title) to 9.
    Heading(u8),
    /// An item of a numbered or bulleted list, level 0 outermost.
    ListItem(u8),
}

/// The place of one paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    #[serde(flatten)]
    pub part: Part,
    /// 1-based among the paragraphs with text in the same part.
    pub paragraph: usize,
    /// The table cell holding the paragraph; more than one for nested tables,
    /// outermost first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Cell>,
    /// The paragraph is inside a text box or shape.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub text_box: bool,
    /// Heading, list item or plain paragraph. Not part of the place: left
    /// out of the JSON report, whose schema it would change.
    #[serde(skip)]
    pub role: Role,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let in_part = match self.part {
            Part::Body => None,
            Part::Header { section } => Some(format!("header (section {section})")),
            Part::Footer { section } => Some(format!("footer (section {section})")),
            Part::Footnote { note } => Some(format!("footnote {note}")),
            Part::Endnote { note } => Some(format!("endnote {note}")),
            Part::Comment { comment } => Some(format!("comment {comment}")),
        };
        let mut words: Vec<String> = in_part.into_iter().collect();
        if self.text_box {
            words.push("text box".to_string());
        }
        if self.cells.is_empty() {
            // Inside a note or header, the paragraph number only helps when
            // there is more than one.
            if words.is_empty() || self.paragraph > 1 {
                words.push(format!("paragraph {}", self.paragraph));
            }
        } else {
            for cell in &self.cells {
                words.push(format!(
                    "table {}, row {}, column {}",
                    cell.table, cell.row, cell.column
                ));
            }
        }
        f.write_str(&words.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_read_as_words() {
        let body = Location {
            part: Part::Body,
            paragraph: 14,
            cells: vec![],
            text_box: false,
            role: Role::Paragraph,
        };
        assert_eq!(body.to_string(), "paragraph 14");
        let cell = Location {
            cells: vec![Cell {
                table: 2,
                row: 3,
                column: 2,
            }],
            ..body.clone()
        };
        assert_eq!(cell.to_string(), "table 2, row 3, column 2");
        let note = Location {
            part: Part::Footnote { note: 3 },
            paragraph: 1,
            cells: vec![],
            text_box: false,
            role: Role::Paragraph,
        };
        assert_eq!(note.to_string(), "footnote 3");
        let header = Location {
            part: Part::Header { section: 1 },
            paragraph: 2,
            cells: vec![],
            text_box: false,
            role: Role::Paragraph,
        };
        assert_eq!(header.to_string(), "header (section 1), paragraph 2");
    }
}
