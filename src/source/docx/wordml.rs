//! WordprocessingML, streamed: the text a reader sees in one part.
//!
//! Elements are matched by namespace and local name, so the `w:` prefix
//! (or `ns0:`, or Strict OOXML's namespace) does not matter. What is read
//! and what is not:
//! - read: runs' text (`w:t`), tabs, line breaks (as spaces, their places
//!   kept so sentences split at them as they do in Markdown, and for the
//!   page to show: `LINE_BREAK`), no-break and
//!   soft hyphens, symbols, hyperlinks, content controls, smart tags, inserted
//!   and moved-to text, field results, text boxes (once: `mc:Fallback` is
//!   skipped), table cells, headers, footers and notes;
//! - read but not checked: code (runs in pandoc's `VerbatimChar` style,
//!   what Markdown's backticks become). It stays in the document's text,
//!   and its paragraph's segment leaves it out (a space in its place), as
//!   Markdown's reader leaves code out, so a document written both ways
//!   reads and checks the same;
//! - not read: deleted and moved-from text, field codes (`w:instrText`),
//!   hidden text (`w:vanish`), equations, and note separators.

use std::io::BufRead;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::super::location::{Cell, Location, Part, Role};
use super::{Builder, MAX_DEPTH};

const WORDML: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// The character style pandoc gives inline code (Markdown's backticks).
const CODE_STYLE: &str = "VerbatimChar";
const MARKUP_COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const MATH: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
];

#[derive(Debug)]
pub(crate) enum Error {
    Read(std::io::Error),
    Xml(String),
    TooDeep,
}

/// Where a stretch of a paragraph's text came from in the part's XML, for
/// writers that must edit the document at a phrase (`ordinary review`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Byte range in the paragraph's text.
    pub text: Range<usize>,
    /// Byte range in the part's XML: a text node's raw content, a character
    /// or entity reference, or the element that stands for a character (`w:tab`).
    pub xml: Range<usize>,
    /// True when each text byte is the XML byte at the same offset, so the
    /// piece can be cut anywhere; otherwise only at its ends.
    pub linear: bool,
}

/// The pieces of every paragraph read from a part, in the order the
/// paragraphs were added to the document.
pub(crate) type Trace = Vec<Vec<Piece>>;

/// A header or footer a section refers to.
#[derive(Debug, Clone)]
pub(crate) struct Reference {
    pub id: String,
    pub is_header: bool,
}

/// What the body tells about other parts.
#[derive(Debug, Default)]
pub(crate) struct PartSummary {
    /// `(section, reference)` in document order.
    pub headers_and_footers: Vec<(usize, Reference)>,
    /// The part's root element: whether it is in the WordprocessingML
    /// namespace, and its local name (`document` for a main part).
    pub root: Option<(bool, String)>,
    /// Embedded documents (`w:altChunk`: HTML, RTF or another package
    /// pasted in whole), whose text is not read.
    pub alt_chunks: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Word,
    MarkupCompatibility,
    Math,
    Other,
}

fn namespace(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) if WORDML.contains(&ns.as_ref()) => Ns::Word,
        ResolveResult::Bound(ns) if ns.as_ref() == MARKUP_COMPATIBILITY => Ns::MarkupCompatibility,
        ResolveResult::Bound(ns) if MATH.contains(&ns.as_ref()) => Ns::Math,
        ResolveResult::Bound(_) => Ns::Other,
        // No or an undeclared prefix: read it as WordprocessingML, leniently.
        ResolveResult::Unbound | ResolveResult::Unknown(_) => Ns::Word,
    }
}

/// Field state: `begin` … code … `separate` … result … `end`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Code,
    Result,
}

struct Table {
    cell: Cell,
    next_column: usize,
}

/// The reading state for one part.
struct State<'b> {
    builder: &'b mut Builder,
    part: Part,
    /// Open paragraphs: text boxes put paragraphs inside paragraphs.
    paragraphs: Vec<String>,
    /// Each open paragraph's role, from its properties.
    roles: Vec<Role>,
    /// Where each open paragraph has code (see the module's notes).
    code: Vec<Vec<Range<usize>>>,
    in_paragraph_properties: bool,
    /// With a trace: the pieces of each open paragraph, and where finished
    /// paragraphs' pieces go.
    pieces: Vec<Vec<Piece>>,
    trace: Option<&'b mut Trace>,
    /// The XML bytes of the event being handled.
    event: Range<usize>,
    /// Paragraphs with text so far in this part (or note), indexed by
    /// [in a text box][in a table]. A fixed array, not a map keyed by part:
    /// with one key per note, resetting the table counts at every cell cost
    /// notes × cells (found by fuzzing).
    counts: [[usize; 2]; 2],
    tables: Vec<Table>,
    /// Tables so far at each nesting level (the inner levels restart per cell).
    table_counts: Vec<usize>,
    fields: Vec<Field>,
    text_boxes: usize,
    in_run: bool,
    run_hidden: bool,
    /// The run is code (see the module's notes).
    run_code: bool,
    in_text: bool,
    in_run_properties: bool,
    notes: usize,
    section: usize,
    summary: PartSummary,
}

impl State<'_> {
    fn collecting(&self) -> bool {
        self.in_text
            && self.in_run
            && !self.run_hidden
            && self.fields.iter().all(|f| *f == Field::Result)
    }

    /// A line break: [`super::LINE_BREAK`] in the text, which the builder
    /// makes a space, keeping its place for the sentences and the page.
    fn push_break(&mut self) {
        self.push_char(super::LINE_BREAK);
    }

    fn push_text(&mut self, text: &str, linear: bool) {
        if let Some(paragraph) = self.paragraphs.last_mut() {
            let start = paragraph.len();
            paragraph.push_str(text);
            if self.run_code
                && let Some(code) = self.code.last_mut()
            {
                match code.last_mut() {
                    Some(last) if last.end == start => last.end = paragraph.len(),
                    _ => code.push(start..paragraph.len()),
                }
            }
            if self.trace.is_some()
                && let Some(pieces) = self.pieces.last_mut()
            {
                pieces.push(Piece {
                    text: start..paragraph.len(),
                    xml: self.event.clone(),
                    linear: linear && self.event.len() == text.len(),
                });
            }
        }
    }

    fn push_char(&mut self, c: char) {
        let visible =
            self.in_run && !self.run_hidden && self.fields.iter().all(|f| *f == Field::Result);
        if visible && !self.paragraphs.is_empty() {
            let mut buffer = [0; 4];
            self.push_text(c.encode_utf8(&mut buffer), false);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(text) = self.paragraphs.pop() else {
            return;
        };
        let pieces = self.pieces.pop().unwrap_or_default();
        let role = self.roles.pop().unwrap_or_default();
        let code = self.code.pop().unwrap_or_default();
        if text.trim().is_empty() {
            return;
        }
        if let Some(trace) = self.trace.as_deref_mut() {
            trace.push(pieces);
        }
        let text_box = self.text_boxes > 0;
        let in_table = !self.tables.is_empty();
        let count = &mut self.counts[usize::from(text_box)][usize::from(in_table)];
        *count += 1;
        let location = Location {
            part: self.part,
            paragraph: *count,
            cells: self.tables.iter().map(|t| t.cell).collect(),
            text_box,
            role,
        };
        self.builder.paragraph(&text, location, &code);
    }
}

/// Reads one part into `builder`; with a `trace`, also records where each
/// paragraph's text came from in the XML.
pub(crate) fn read<R: BufRead>(
    mut source: R,
    part: Part,
    builder: &mut Builder,
    trace: Option<&mut Trace>,
) -> Result<PartSummary, Error> {
    // Some writers start parts with a UTF-8 byte-order mark.
    let mut base = 0;
    if source
        .fill_buf()
        .map_err(Error::Read)?
        .starts_with(&[0xEF, 0xBB, 0xBF])
    {
        source.consume(3);
        base = 3;
    }
    let mut reader = NsReader::from_reader(source);
    reader.config_mut().check_end_names = true;
    let mut state = State {
        builder,
        part,
        paragraphs: Vec::new(),
        roles: Vec::new(),
        code: Vec::new(),
        in_paragraph_properties: false,
        pieces: Vec::new(),
        trace,
        event: 0..0,
        counts: [[0; 2]; 2],
        tables: Vec::new(),
        table_counts: vec![0],
        fields: Vec::new(),
        text_boxes: 0,
        in_run: false,
        run_hidden: false,
        run_code: false,
        in_text: false,
        in_run_properties: false,
        notes: 0,
        section: 1,
        summary: PartSummary::default(),
    };
    let mut buf = Vec::new();
    let mut depth = 0usize;
    // While set, everything down to this depth is skipped (deleted text, fallbacks …).
    let mut skip_until: Option<usize> = None;
    let tracing = state.trace.is_some();
    loop {
        let before = if tracing { position(&reader, base) } else { 0 };
        let (resolved, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(xml_error)?;
        let ns = namespace(&resolved);
        if tracing {
            state.event = before..position(&reader, base);
        }
        if let (Event::Start(element) | Event::Empty(element), None) = (&event, &state.summary.root)
        {
            let name = element.local_name().as_ref().to_string();
            state.summary.root = Some((ns == Ns::Word, name));
        }
        match event {
            Event::Start(element) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Error::TooDeep);
                }
                if skip_until.is_some() {
                    continue;
                }
                if skips(ns, &element, &state) {
                    skip_until = Some(depth);
                    continue;
                }
                start(&mut state, ns, &element, false);
            }
            Event::Empty(element) if skip_until.is_none() && !skips(ns, &element, &state) => {
                start(&mut state, ns, &element, true);
            }
            Event::End(element) => {
                if let Some(level) = skip_until {
                    if depth == level {
                        skip_until = None;
                    }
                    depth = depth.saturating_sub(1);
                    continue;
                }
                depth = depth.saturating_sub(1);
                if ns == Ns::Word {
                    end(&mut state, element.local_name().as_ref());
                }
            }
            Event::Text(text) if skip_until.is_none() && state.collecting() => {
                let text = text.xml10_content();
                state.push_text(&text, true);
            }
            Event::CData(text) if skip_until.is_none() && state.collecting() => {
                let text = text.xml10_content();
                state.push_text(&text, false);
            }
            Event::GeneralRef(reference) if skip_until.is_none() && state.collecting() => {
                // Only the five predefined entities and character references:
                // a document's own entities are never expanded.
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => match reference.as_ref() {
                        "amp" => Some("&".into()),
                        "lt" => Some("<".into()),
                        "gt" => Some(">".into()),
                        "quot" => Some("\"".into()),
                        "apos" => Some("'".into()),
                        _ => None,
                    },
                };
                if let Some(text) = resolved {
                    state.push_text(&text, false);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(state.summary)
}

/// The reader's place in the part's bytes (a byte-order mark included).
fn position<R>(reader: &NsReader<R>, base: usize) -> usize {
    usize::try_from(reader.buffer_position())
        .unwrap_or(usize::MAX)
        .saturating_add(base)
}

/// Subtrees that hold no text a reader sees.
fn skips(ns: Ns, element: &BytesStart<'_>, state: &State<'_>) -> bool {
    let name = element.local_name();
    match ns {
        Ns::MarkupCompatibility => name.as_ref() == "Fallback",
        Ns::Math => matches!(name.as_ref(), "oMath" | "oMathPara"),
        Ns::Word => match name.as_ref() {
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" => true,
            // Separator lines between the page and the notes are not notes.
            "footnote" | "endnote" => {
                matches!(state.part, Part::Footnote { .. } | Part::Endnote { .. })
                    && attribute(element, "type").is_some_and(|t| t != "normal")
            }
            _ => false,
        },
        Ns::Other => false,
    }
}

fn start(state: &mut State<'_>, ns: Ns, element: &BytesStart<'_>, empty: bool) {
    if ns != Ns::Word {
        return;
    }
    match element.local_name().as_ref() {
        "altChunk" => state.summary.alt_chunks += 1,
        "p" if !empty => {
            state.paragraphs.push(String::new());
            state.roles.push(Role::Paragraph);
            state.code.push(Vec::new());
            state.pieces.push(Vec::new());
        }
        "pPr" if !empty => state.in_paragraph_properties = true,
        "pStyle" | "outlineLvl" | "numPr" | "ilvl"
            if state.in_paragraph_properties && !state.in_run_properties =>
        {
            if let Some(role) = state.roles.last_mut() {
                *role = paragraph_role(*role, element);
            }
        }
        "r" if !empty => {
            state.in_run = true;
            state.run_hidden = false;
            state.run_code = false;
        }
        "rStyle" if state.in_run_properties => {
            state.run_code = attribute(element, "val").is_some_and(|style| style == CODE_STYLE);
        }
        "rPr" if state.in_run && !empty => state.in_run_properties = true,
        "vanish" | "specVanish" if state.in_run_properties => {
            state.run_hidden = attribute(element, "val")
                .is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"));
        }
        "t" if !empty => state.in_text = true,
        "tab" if !state.in_run_properties => state.push_char('\t'),
        "br" | "cr" => state.push_break(),
        "noBreakHyphen" => state.push_char('\u{2011}'),
        "softHyphen" => state.push_char('\u{00AD}'),
        "sym" => {
            let code = attribute(element, "char").unwrap_or_default();
            let symbol = super::symbol::symbol(attribute(element, "font").as_deref(), &code);
            if let Some(symbol) = symbol {
                state.push_char(symbol);
            }
        }
        "fldChar" => match attribute(element, "fldCharType").as_deref() {
            Some("begin") => state.fields.push(Field::Code),
            Some("separate") => {
                if let Some(top) = state.fields.last_mut() {
                    *top = Field::Result;
                }
            }
            Some("end") => {
                state.fields.pop();
            }
            _ => {}
        },
        "txbxContent" if !empty => state.text_boxes += 1,
        "tbl" if !empty => {
            let level = state.tables.len();
            if state.table_counts.len() <= level {
                state.table_counts.resize(level + 1, 0);
            }
            state.table_counts[level] += 1;
            let table = state.table_counts[level];
            state.tables.push(Table {
                cell: Cell {
                    table,
                    row: 0,
                    column: 0,
                },
                next_column: 1,
            });
        }
        "tr" if !empty => {
            if let Some(table) = state.tables.last_mut() {
                table.cell.row += 1;
                table.cell.column = 0;
                table.next_column = 1;
            }
        }
        "gridBefore" => {
            let skipped = attribute(element, "val")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if let Some(table) = state.tables.last_mut() {
                table.next_column = table.next_column.saturating_add(skipped);
            }
        }
        "tc" if !empty => {
            let level = state.tables.len();
            // Tables nested in this cell are numbered afresh, and so are its
            // paragraphs. Column numbers come from the file: they saturate.
            state.table_counts.truncate(level + 1);
            for by_table in &mut state.counts {
                by_table[1] = 0;
            }
            if let Some(table) = state.tables.last_mut() {
                table.cell.column = table.next_column;
                table.next_column = table.next_column.saturating_add(1);
            }
        }
        "gridSpan" => {
            let span = attribute(element, "val")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1);
            if let Some(table) = state.tables.last_mut() {
                table.next_column = table.next_column.saturating_add(span.saturating_sub(1));
            }
        }
        "headerReference" | "footerReference" if matches!(state.part, Part::Body) => {
            if let Some(id) = attribute(element, "id") {
                let is_header = element.local_name().as_ref() == "headerReference";
                state
                    .summary
                    .headers_and_footers
                    .push((state.section, Reference { id, is_header }));
            }
        }
        "footnote" if !empty => {
            state.notes += 1;
            state.part = Part::Footnote { note: state.notes };
            state.counts = [[0; 2]; 2];
        }
        "endnote" if !empty => {
            state.notes += 1;
            state.part = Part::Endnote { note: state.notes };
            state.counts = [[0; 2]; 2];
        }
        "comment" if !empty => {
            state.notes += 1;
            state.part = Part::Comment {
                comment: state.notes,
            };
            state.counts = [[0; 2]; 2];
        }
        _ => {}
    }
}

fn end(state: &mut State<'_>, name: &str) {
    match name {
        "p" => state.end_paragraph(),
        "r" => {
            state.in_run = false;
            state.run_hidden = false;
            state.run_code = false;
        }
        "rPr" => state.in_run_properties = false,
        "pPr" => state.in_paragraph_properties = false,
        "t" => state.in_text = false,
        "txbxContent" => state.text_boxes = state.text_boxes.saturating_sub(1),
        "tbl" => {
            state.tables.pop();
        }
        "sectPr" if matches!(state.part, Part::Body) => state.section += 1,
        _ => {}
    }
}

/// A paragraph's role after one of its properties: a heading by its style
/// (`Heading2`, `Title`) or outline level, a list item by its numbering. A
/// heading stays a heading even when numbered.
fn paragraph_role(role: Role, element: &BytesStart<'_>) -> Role {
    let value = attribute(element, "val").unwrap_or_default();
    let level = |v: &str| v.parse::<u8>().ok();
    match element.local_name().as_ref() {
        "pStyle" => {
            let style = value.to_ascii_lowercase();
            if style == "title" {
                return Role::Heading(1);
            }
            match style.strip_prefix("heading").and_then(level) {
                Some(n @ 1..=9) => Role::Heading(n),
                _ => role,
            }
        }
        "outlineLvl" => match (role, level(&value)) {
            (_, Some(n @ 0..=8)) => Role::Heading(n + 1),
            _ => role,
        },
        "numPr" => match role {
            Role::Paragraph => Role::ListItem(0),
            other => other,
        },
        "ilvl" => match (role, level(&value)) {
            (Role::ListItem(_) | Role::Paragraph, Some(n)) => Role::ListItem(n.min(8)),
            _ => role,
        },
        _ => role,
    }
}

/// An attribute by local name (`w:val`, `r:id` …), unescaped.
pub(crate) fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `(id, type, target, external)` of every `Relationship` in a .rels part.
pub(crate) fn relationships(xml: &str) -> Vec<(String, String, String, bool)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                let get = |name: &str| attribute(&e, name).unwrap_or_default();
                let external = get("TargetMode").eq_ignore_ascii_case("External");
                out.push((get("Id"), get("Type"), get("Target"), external));
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// quick-xml wraps the errors of the reader under it; a size limit hit
/// while reading must stay a size limit, not become "malformed XML".
fn xml_error(error: quick_xml::Error) -> Error {
    match error {
        quick_xml::Error::Io(io) => Error::Read(std::io::Error::new(io.kind(), io.to_string())),
        other => Error::Xml(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads one body part with a trace.
    fn traced(xml: &str) -> (String, Trace) {
        let mut builder = Builder::default();
        let mut trace = Trace::new();
        read(xml.as_bytes(), Part::Body, &mut builder, Some(&mut trace)).expect("reads");
        (builder.finish().text, trace)
    }

    #[test]
    fn the_trace_points_at_the_xml_each_character_came_from() {
        let xml = concat!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
            r#"<w:p><w:r><w:t>Fish &amp; chips</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:tab/><w:t xml:space="preserve"> to go</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>  </w:t></w:r></w:p>"#,
            r#"<w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:t>kept</w:t></w:r></w:p>"#,
            r#"</w:body></w:document>"#
        );
        let (text, trace) = traced(xml);
        assert_eq!(text, "Fish & chips\t to go\nkept");
        // One trace per paragraph with text; the blank one is left out, as
        // in the document.
        assert_eq!(trace.len(), 2);
        let paragraph = "Fish & chips\t to go";
        for piece in &trace[0] {
            let source = &xml[piece.xml.clone()];
            let read = &paragraph[piece.text.clone()];
            if piece.linear {
                assert_eq!(source, read);
            }
        }
        let kinds: Vec<(&str, &str, bool)> = trace[0]
            .iter()
            .map(|p| (&paragraph[p.text.clone()], &xml[p.xml.clone()], p.linear))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Fish ", "Fish ", true),
                ("&", "&amp;", false),
                (" chips", " chips", true),
                ("\t", "<w:tab/>", false),
                (" to go", " to go", true),
            ]
        );
        assert_eq!(&xml[trace[1][0].xml.clone()], "kept");
    }

    #[test]
    fn positions_count_a_byte_order_mark() {
        let xml = "\u{FEFF}<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>";
        let (_, trace) = traced(xml);
        assert_eq!(&xml[trace[0][0].xml.clone()], "Hi");
    }
}
