//! How a text or Markdown document looks to its reader: its blocks
//! (headings, paragraphs, list items, table cells, code), each with the
//! text as shown (Markdown's marks taken out, entities decoded, code kept)
//! and its formatting, mapped back to the file's bytes.
//!
//! This is what a page shows, not what rules check: the readers' segments
//! leave code and link addresses out; a layout keeps everything a reader
//! sees and leaves out what they do not (front matter, HTML comments).
//! [`Block::shown_at`] turns a finding's file offsets into offsets in the
//! text shown, so a mark lands on exactly the words the finding is about.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// What a block is in the document's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Paragraph,
    /// A heading, level 1 to 6.
    Heading(u8),
    /// A paragraph of a list item: `level` 0 outermost; `number` in a
    /// numbered list; `continued` for the item's second paragraph on.
    ListItem {
        level: u8,
        number: Option<u64>,
        continued: bool,
    },
    /// A table cell, 1-based; `header` for the table's first row.
    Cell {
        table: usize,
        row: usize,
        column: usize,
        header: bool,
    },
    /// A code block, shown as written.
    Code,
    /// A line across the page (`---`).
    Rule,
    /// Plain text as typed, line breaks kept.
    Text,
}

/// Formatting of a stretch of a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Strong,
    Emphasis,
    Strikethrough,
    Superscript,
    Subscript,
    Code,
    Link,
    Image,
}

impl Style {
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Strong => "strong",
            Style::Emphasis => "emphasis",
            Style::Strikethrough => "strikethrough",
            Style::Superscript => "superscript",
            Style::Subscript => "subscript",
            Style::Code => "code",
            Style::Link => "link",
            Style::Image => "image",
        }
    }
}

/// A piece of a block's text and the file bytes it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Bytes of the block's text.
    pub shown: Range<usize>,
    /// Bytes of the file.
    pub file: Range<usize>,
    /// The shown text is the file's bytes, so offsets inside map one to
    /// one; otherwise (an entity, code, a line break) the piece is whole.
    pub verbatim: bool,
}

/// One block of the document as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub role: Role,
    pub text: String,
    /// File bytes from its first piece to its last.
    pub range: Range<usize>,
    pub pieces: Vec<Piece>,
    /// Formatted stretches of `text` (bytes), in the order they close;
    /// they nest (bold inside a link) but never cross.
    pub styles: Vec<(Range<usize>, Style)>,
    /// Inside a block quote.
    pub quote: bool,
    /// The label of the Markdown footnote it belongs to.
    pub note: Option<String>,
}

impl Block {
    fn new(role: Role, at: usize, quote: bool, note: Option<String>) -> Block {
        Block {
            role,
            text: String::new(),
            range: at..at,
            pieces: Vec::new(),
            styles: Vec::new(),
            quote,
            note,
        }
    }

    fn push(&mut self, shown: &str, file: Range<usize>, verbatim: bool) {
        if self.pieces.is_empty() {
            self.range = file.clone();
        }
        self.range.end = self.range.end.max(file.end);
        let start = self.text.len();
        self.text.push_str(shown);
        self.pieces.push(Piece {
            shown: start..self.text.len(),
            file,
            verbatim,
        });
    }

    /// Where a file offset falls in the text shown: for a start (`end`
    /// false), at or after it; for an end, at or before it. An offset in
    /// markup between pieces goes to the next piece (a start) or the one
    /// before (an end); one inside a piece that is not verbatim, to its edge.
    pub fn shown_at(&self, offset: usize, end: bool) -> usize {
        if end {
            let index = self.pieces.partition_point(|p| p.file.start < offset);
            let Some(piece) = index.checked_sub(1).map(|i| &self.pieces[i]) else {
                return 0;
            };
            if offset < piece.file.end && piece.verbatim {
                piece.shown.start + (offset - piece.file.start)
            } else {
                piece.shown.end
            }
        } else {
            let index = self.pieces.partition_point(|p| p.file.end <= offset);
            let Some(piece) = self.pieces.get(index) else {
                return self.text.len();
            };
            if offset > piece.file.start && piece.verbatim {
                piece.shown.start + (offset - piece.file.start)
            } else {
                piece.shown.start
            }
        }
    }
}

/// Plain text: one block per stretch between blank lines, as typed.
pub fn text(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Range<usize>> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let range = at..at + line.len();
        at = range.end;
        if line.trim().is_empty() {
            blocks.extend(open.take());
        } else {
            let start = open.map_or(range.start, |block| block.start);
            open = Some(start..range.end);
        }
    }
    blocks.extend(open);
    blocks
        .into_iter()
        .map(|range| {
            // The line break after the block is not part of it.
            let end = range.start + text[range.clone()].trim_end_matches(['\r', '\n']).len();
            let mut block = Block::new(Role::Text, range.start, false, None);
            block.push(&text[range.start..end], range.start..end, true);
            block
        })
        .collect()
}

/// Markdown as it reads when rendered, block by block.
pub fn markdown(text: &str) -> Vec<Block> {
    let mut layout = Layout::default();
    for (event, range) in Parser::new_ext(text, super::markdown::options()).into_offset_iter() {
        layout.event(text, event, range);
    }
    layout.close();
    layout.blocks
}

/// A list being read: its next item's number, and whether its current
/// item has shown a block yet.
struct List {
    next: Option<u64>,
    number: Option<u64>,
    shown: bool,
}

#[derive(Default)]
struct Layout {
    blocks: Vec<Block>,
    open: Option<Block>,
    /// Formatting opened and not yet closed: its style and where it starts.
    styles: Vec<(Style, usize)>,
    lists: Vec<List>,
    /// How many block quotes hold the place being read.
    quote: usize,
    note: Option<String>,
    /// Front matter, HTML blocks: not shown.
    hidden: usize,
    tables: usize,
    row: usize,
    column: usize,
    in_head: bool,
}

impl Layout {
    fn event(&mut self, text: &str, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            _ if self.hidden > 0 => {}
            Event::Text(shown) => {
                let verbatim = text[range.clone()] == *shown;
                self.inline(range.start).push(&shown, range, verbatim);
            }
            Event::Code(code) => {
                let block = self.inline(range.start);
                let at = block.text.len();
                block.push(&code, range, false);
                let end = block.text.len();
                block.styles.push((at..end, Style::Code));
            }
            Event::SoftBreak => self.inline(range.start).push(" ", range, false),
            Event::HardBreak => self.inline(range.start).push("\n", range, false),
            Event::FootnoteReference(label) => {
                let block = self.inline(range.start);
                let at = block.text.len();
                block.push(&format!("[{label}]"), range, false);
                let end = block.text.len();
                block.styles.push((at..end, Style::Superscript));
            }
            Event::TaskListMarker(done) => {
                let mark = if done { "\u{2611} " } else { "\u{2610} " };
                self.inline(range.start).push(mark, range, false);
            }
            Event::Rule => {
                self.flush();
                let block = Block::new(Role::Rule, range.start, self.quote > 0, self.note.clone());
                self.blocks.push(block);
            }
            // HTML (comments among it) and maths are not shown.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let style = match tag {
            Tag::Emphasis => Some(Style::Emphasis),
            Tag::Strong => Some(Style::Strong),
            Tag::Strikethrough => Some(Style::Strikethrough),
            Tag::Superscript => Some(Style::Superscript),
            Tag::Subscript => Some(Style::Subscript),
            Tag::Link { .. } => Some(Style::Link),
            Tag::Image { .. } => Some(Style::Image),
            _ => None,
        };
        if let Some(style) = style {
            if self.hidden == 0 {
                let at = self.inline(range.start).text.len();
                self.styles.push((style, at));
            }
            return;
        }
        self.flush();
        match tag {
            Tag::MetadataBlock(_) | Tag::HtmlBlock => self.hidden += 1,
            Tag::Heading { level, .. } => self.open(Role::Heading(heading(level)), range.start),
            Tag::Paragraph => {
                let role = self.paragraph();
                self.open(role, range.start);
            }
            Tag::CodeBlock(_) => self.open(Role::Code, range.start),
            Tag::BlockQuote(_) => self.quote += 1,
            Tag::List(first) => self.lists.push(List {
                next: first,
                number: None,
                shown: false,
            }),
            Tag::Item => {
                if let Some(list) = self.lists.last_mut() {
                    list.number = list.next;
                    list.next = list.next.map(|n| n + 1);
                    list.shown = false;
                }
            }
            Tag::FootnoteDefinition(label) => self.note = Some(label.to_string()),
            Tag::Table(_) => {
                self.tables += 1;
                self.row = 0;
            }
            Tag::TableHead => {
                self.in_head = true;
                self.row += 1;
                self.column = 0;
            }
            Tag::TableRow => {
                self.row += 1;
                self.column = 0;
            }
            Tag::TableCell => {
                self.column += 1;
                let role = Role::Cell {
                    table: self.tables,
                    row: self.row,
                    column: self.column,
                    header: self.in_head,
                };
                self.open(role, range.start);
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        // Inline ends close a style, as the reader's inline tags join text.
        if super::markdown::is_inline_end(&end) {
            if self.hidden == 0
                && let Some((style, start)) = self.styles.pop()
                && let Some(block) = &mut self.open
            {
                let end = block.text.len();
                if end > start {
                    block.styles.push((start..end, style));
                }
            }
            return;
        }
        self.flush();
        match end {
            TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                self.hidden = self.hidden.saturating_sub(1)
            }
            TagEnd::BlockQuote(_) => self.quote = self.quote.saturating_sub(1),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::FootnoteDefinition => self.note = None,
            TagEnd::TableHead => self.in_head = false,
            _ => {}
        }
    }

    /// The block inline content goes into: the open one, else a new one
    /// (the text of a tight list item comes with no paragraph).
    fn inline(&mut self, at: usize) -> &mut Block {
        if self.open.is_none() {
            let role = self.paragraph();
            self.open(role, at);
        }
        self.open.as_mut().expect("a block was just opened")
    }

    /// A paragraph, or a list item's paragraph when inside one.
    fn paragraph(&mut self) -> Role {
        let level = self.lists.len().saturating_sub(1);
        match self.lists.last_mut() {
            Some(list) => {
                let continued = list.shown;
                list.shown = true;
                Role::ListItem {
                    level: u8::try_from(level).unwrap_or(u8::MAX),
                    number: list.number,
                    continued,
                }
            }
            None => Role::Paragraph,
        }
    }

    fn open(&mut self, role: Role, at: usize) {
        self.open = Some(Block::new(role, at, self.quote > 0, self.note.clone()));
    }

    /// Ends the open block; formatting still open is closed at its end.
    fn flush(&mut self) {
        let Some(mut block) = self.open.take() else {
            return;
        };
        let end = block.text.len();
        for (style, start) in self.styles.iter_mut() {
            if end > *start {
                block.styles.push((*start..end, *style));
            }
            *start = 0;
        }
        // A code block's last line break is not shown.
        if block.role == Role::Code && block.text.ends_with('\n') {
            block.text.pop();
            if let Some(last) = block.pieces.last_mut() {
                last.shown.end = last.shown.end.min(block.text.len());
            }
        }
        if !block.pieces.is_empty() || block.role == Role::Rule {
            self.blocks.push(block);
        }
    }

    fn close(&mut self) {
        self.flush();
    }
}

fn heading(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(markdown_text: &str) -> Vec<(Role, String)> {
        markdown(markdown_text)
            .into_iter()
            .map(|b| (b.role, b.text))
            .collect()
    }

    #[test]
    fn markdown_blocks_have_their_roles_and_no_marks() {
        let md = "---\nkind: policy\n---\n\n# Care *and* support\n\nA **care package** with `code`.\n\n\
                  - one\n- two\n  - nested\n\n3. third\n4. fourth\n\n| a | b |\n|---|---|\n| c | d |\n\n\
                  <!-- ordinary-disable -->\n\n---\n\n```\nlet x;\n```\n";
        let blocks = roles(md);
        let item = |level, number, text: &str| {
            (
                Role::ListItem {
                    level,
                    number,
                    continued: false,
                },
                text.to_string(),
            )
        };
        let cell = |row, column, header, text: &str| {
            (
                Role::Cell {
                    table: 1,
                    row,
                    column,
                    header,
                },
                text.to_string(),
            )
        };
        assert_eq!(
            blocks,
            vec![
                (Role::Heading(1), "Care and support".into()),
                (Role::Paragraph, "A care package with code.".into()),
                item(0, None, "one"),
                item(0, None, "two"),
                item(1, None, "nested"),
                item(0, Some(3), "third"),
                item(0, Some(4), "fourth"),
                cell(1, 1, true, "a"),
                cell(1, 2, true, "b"),
                cell(2, 1, false, "c"),
                cell(2, 2, false, "d"),
                (Role::Rule, String::new()),
                (Role::Code, "let x;".into()),
            ]
        );
    }

    #[test]
    fn formatting_is_kept_as_styles_of_the_text_shown() {
        let blocks = markdown("A *very **strong*** [link](https://x.org) and `code`.\n");
        let block = &blocks[0];
        assert_eq!(block.text, "A very strong link and code.");
        let styled: Vec<(&str, Style)> = block
            .styles
            .iter()
            .map(|(range, style)| (&block.text[range.clone()], *style))
            .collect();
        assert_eq!(
            styled,
            vec![
                ("strong", Style::Strong),
                ("very strong", Style::Emphasis),
                ("link", Style::Link),
                ("code", Style::Code),
            ]
        );
    }

    #[test]
    fn file_offsets_land_on_the_text_shown() {
        let md = "Our co-**production** of *care\npackages* &amp; more.\n";
        let block = &markdown(md)[0];
        assert_eq!(block.text, "Our co-production of care packages & more.");
        let shown = |from: &str, to: &str| {
            let start = md.find(from).unwrap();
            let end = md.find(to).unwrap() + to.len();
            &block.text[block.shown_at(start, false)..block.shown_at(end, true)]
        };
        // As the engine maps a match: from its first letter to its last.
        assert_eq!(shown("co-", "production"), "co-production");
        assert_eq!(shown("care", "packages"), "care packages");
        assert_eq!(shown("&amp;", "&amp;"), "&");
        assert_eq!(shown("more", "more"), "more");
    }

    #[test]
    fn list_items_with_paragraphs_continue() {
        let blocks = markdown("1. First.\n\n   More of it.\n\n2. Second.\n");
        let roles: Vec<&Role> = blocks.iter().map(|b| &b.role).collect();
        assert_eq!(
            roles,
            [
                &Role::ListItem {
                    level: 0,
                    number: Some(1),
                    continued: false
                },
                &Role::ListItem {
                    level: 0,
                    number: Some(1),
                    continued: true
                },
                &Role::ListItem {
                    level: 0,
                    number: Some(2),
                    continued: false
                },
            ]
        );
    }

    #[test]
    fn quotes_notes_and_breaks() {
        let blocks = markdown("> Quoted\n> line\n\nA note[^1].  \nNext line\n\n[^1]: The note.\n");
        assert!(blocks[0].quote);
        assert_eq!(blocks[0].text, "Quoted line");
        assert_eq!(blocks[1].text, "A note[1].\nNext line");
        assert_eq!(blocks[2].note.as_deref(), Some("1"));
        assert_eq!(blocks[2].text, "The note.");
    }

    /// Every word the reader gives the rules, taken to the file as the
    /// engine takes a match and then to the text shown, is the same word:
    /// a mark lands on what its finding found, over the whole corpus.
    #[test]
    fn every_word_checked_lands_on_the_same_word_shown() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut files = vec![
            "Our co-**production** of *care\npackages* &amp; [more](https://x.org) `code`\n\n\
             - one **two**\n  - three\n\n| a *b* | c |\n|---|---|\n| d | e |\n\n> quoted *words*\n"
                .to_string(),
        ];
        for part in ["assessments", "policies", "recruitment", "plain"] {
            for entry in std::fs::read_dir(folder.join(part)).expect("corpus") {
                let path = entry.expect("an entry").path();
                if path.extension().is_some_and(|e| e == "md") {
                    files.push(std::fs::read_to_string(path).expect("reads"));
                }
            }
        }
        let mut words = 0;
        for markdown_text in files {
            let document = crate::source::markdown::read(markdown_text.clone());
            let blocks = markdown(&markdown_text);
            for segment in &document.segments {
                let text = document.segment_text(segment);
                let mut at = 0;
                for word in text.split(' ') {
                    let (from, to) = (at, at + word.len());
                    at = to + 1;
                    if word.trim().is_empty() || word.contains('&') {
                        continue;
                    }
                    let start = segment.to_document(from);
                    let end = segment.end_to_document(to);
                    let index = blocks.partition_point(|b| b.range.start <= start) - 1;
                    let block = &blocks[index];
                    let shown =
                        &block.text[block.shown_at(start, false)..block.shown_at(end, true)];
                    assert_eq!(shown.trim(), word.trim(), "in {:?}", block.text);
                    words += 1;
                }
            }
        }
        assert!(words > 5000, "{words} words");
    }

    #[test]
    fn text_blocks_are_the_stretches_between_blank_lines() {
        let typed = "First line\nsecond line\n\n\nNext \u{e9}\r\n";
        let blocks = text(typed);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["First line\nsecond line", "Next \u{e9}"]);
        assert_eq!(&typed[blocks[1].range.clone()], "Next \u{e9}");
        assert_eq!(blocks[1].shown_at(blocks[1].range.start + 2, false), 2);
    }
}
