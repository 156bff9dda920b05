//! Marks findings in one WordprocessingML part (the body, footnotes or
//! endnotes): comment ranges or tracked changes placed at the exact phrase.
//!
//! Positions come from the reader's trace (which XML bytes each character
//! of text came from), so the phrase found is the phrase marked. A run
//! (`w:r`) that a phrase starts or ends inside is split in two, each half
//! keeping the run's properties (`w:rPr`), so formatting survives; runs a
//! tracked deletion covers are rebuilt with `w:delText`. Every other byte of
//! the part is copied as it was.

use std::ops::Range;

use super::tree::{Node, Tree};
use super::xml_escape;

/// What to put at a phrase.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    /// The phrase's XML offsets (from the trace).
    pub start: usize,
    pub end: usize,
    /// A tracked change to this text, if the finding has a safe replacement
    /// and changes were asked for.
    pub replacement: Option<String>,
    /// A comment on a whole sentence or paragraph (too long, passive): it
    /// holds the phrases inside it, which keep their own changes.
    pub encloses: bool,
}

/// What became of a mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A comment range with this id; its text goes in the comments part.
    Comment(u64),
    /// A tracked change: the phrase deleted, the replacement inserted.
    Change,
    /// A comment is needed but comments are not wanted in this part: the
    /// phrase is in the note with this id.
    InNote(u64),
    /// Not marked, and why.
    Skipped(&'static str),
}

/// Who made the marks, and when.
#[derive(Debug, Clone)]
pub(crate) struct Stamp {
    pub author: String,
    pub date: Option<String>,
}

/// Where a phrase starts or ends, relative to the run it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    /// The run the phrase boundary is in.
    run: usize,
    /// The XML offset of the boundary: at the run's edge when `inside` is
    /// false (the marker goes outside the run), else inside it.
    at: usize,
    inside: bool,
}

/// A marker to write at a cut, in the order given by `rank` (ends before starts).
struct Marker {
    cut: Cut,
    rank: u8,
    seq: usize,
    text: String,
}

/// Run children that a tracked deletion may hold.
const DELETABLE: &[&str] = &[
    "rPr",
    "t",
    "tab",
    "br",
    "cr",
    "noBreakHyphen",
    "softHyphen",
    "sym",
    "lastRenderedPageBreak",
];
/// What may sit between runs inside a tracked deletion.
const BETWEEN_RUNS: &[&str] = &[
    "proofErr",
    "bookmarkStart",
    "bookmarkEnd",
    "commentRangeStart",
    "commentRangeEnd",
    "permStart",
    "permEnd",
];
/// Containers where a new `w:del`/`w:ins` pair may go.
const CHANGE_PARENTS: &[&str] = &["p", "hyperlink", "smartTag", "sdtContent", "customXml"];

/// Marks `marks` in `xml`; `next_id` gives the comment and revision ids.
/// Without `comments`, a mark that is not a change comes back as
/// [`Outcome::InNote`] for the caller to place elsewhere.
pub(crate) fn mark_part(
    xml: &[u8],
    marks: &[Mark],
    stamp: &Stamp,
    comments: bool,
    next_id: &mut u64,
) -> Result<(Vec<u8>, Vec<Outcome>), String> {
    let tree = Tree::parse(xml)?;
    let mut markers: Vec<Marker> = Vec::new();
    let mut deletions: Vec<Range<usize>> = Vec::new();
    // The furthest end of the phrases placed so far.
    let mut furthest = 0usize;
    // Document order, so ids and overlaps do not depend on the findings' order.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (marks[i].start, marks[i].end));
    let mut placed = vec![Outcome::Skipped(""); marks.len()];
    for (position, &index) in order.iter().enumerate() {
        let mark = &marks[index];
        let (Some(start), Some(end)) = (cut(&tree, mark.start), cut(&tree, mark.end)) else {
            placed[index] = Outcome::Skipped("the phrase is not in ordinary text runs");
            continue;
        };
        if tree.within(start.run, &["txbxContent"]) || tree.within(end.run, &["txbxContent"]) {
            placed[index] = Outcome::Skipped("the phrase is in a text box");
            continue;
        }
        let prefix = tree.nodes[start.run].prefix().to_string();
        if prefix.is_empty() {
            placed[index] = Outcome::Skipped("the document's XML has no namespace prefix");
            continue;
        }
        // A phrase's change must not overlap another phrase; a comment on
        // the whole sentence around it is no obstacle.
        let overlaps_before = !mark.encloses && furthest > mark.start;
        let overlaps_after = !mark.encloses
            && order[position + 1..]
                .iter()
                .take_while(|&&next| marks[next].start < mark.end)
                .any(|&next| !marks[next].encloses);
        let change = mark
            .replacement
            .as_deref()
            .filter(|_| !overlaps_before && !overlaps_after && changeable(&tree, start, end));
        if !mark.encloses {
            furthest = furthest.max(mark.end);
        }
        if change.is_none() && !comments {
            let note = ["footnote", "endnote"]
                .iter()
                .find_map(|name| tree.ancestor(start.run, name))
                .and_then(|n| tree.nodes[n].id);
            placed[index] = match note {
                Some(note) => Outcome::InNote(note),
                None => Outcome::Skipped("the phrase is not in a note"),
            };
            continue;
        }
        let seq = markers.len();
        let id = *next_id;
        *next_id += 1;
        let p = &prefix;
        let (open, close) = match change {
            Some(replacement) => {
                let ins_id = *next_id;
                *next_id += 1;
                let rpr = inserted_properties(xml, &tree, start.run);
                let stamp_del = attributes(p, id, stamp);
                let stamp_ins = attributes(p, ins_id, stamp);
                deletions.push(start.at..end.at);
                placed[index] = Outcome::Change;
                (
                    format!("<{p}del{stamp_del}>"),
                    format!(
                        "</{p}del><{p}ins{stamp_ins}><{p}r>{rpr}<{p}t xml:space=\"preserve\">{}</{p}t></{p}r></{p}ins>",
                        xml_escape(replacement)
                    ),
                )
            }
            None => {
                placed[index] = Outcome::Comment(id);
                (
                    format!("<{p}commentRangeStart {p}id=\"{id}\"/>"),
                    format!(
                        "<{p}commentRangeEnd {p}id=\"{id}\"/><{p}r><{p}commentReference {p}id=\"{id}\"/></{p}r>"
                    ),
                )
            }
        };
        markers.push(Marker {
            cut: start,
            rank: 1,
            seq,
            text: open,
        });
        markers.push(Marker {
            cut: end,
            rank: 0,
            seq: seq + 1,
            text: close,
        });
    }
    Ok((render(xml, &tree, markers, &deletions, next_id), placed))
}

/// `w:id`, `w:author` and `w:date` attributes.
fn attributes(p: &str, id: u64, stamp: &Stamp) -> String {
    let mut out = format!(
        " {p}id=\"{id}\" {p}author=\"{}\"",
        xml_escape(&stamp.author)
    );
    if let Some(date) = &stamp.date {
        out.push_str(&format!(" {p}date=\"{}\"", xml_escape(date)));
    }
    out
}

/// Places a phrase boundary at XML offset `offset` relative to its run.
fn cut(tree: &Tree, offset: usize) -> Option<Cut> {
    let node = tree.innermost(offset)?;
    let run = tree.ancestor(node, "r")?;
    let here = &tree.nodes[node];
    let boundary = if here.is("t") {
        if offset == here.open.end {
            here.open.start
        } else if offset == here.close.start {
            here.close.end
        } else {
            return Some(Cut {
                run,
                at: offset,
                inside: true,
            });
        }
    } else if node == run {
        offset
    } else {
        // Inside some other element of a run (a symbol written with an end tag).
        return None;
    };
    let content: Vec<&Node> = tree
        .children(run)
        .map(|i| &tree.nodes[i])
        .filter(|n| !n.is("rPr"))
        .collect();
    let r = &tree.nodes[run];
    if content.iter().all(|n| n.open.start >= boundary) {
        return Some(Cut {
            run,
            at: r.open.start,
            inside: false,
        });
    }
    if content.iter().all(|n| n.close.end <= boundary) {
        return Some(Cut {
            run,
            at: r.close.end,
            inside: false,
        });
    }
    Some(Cut {
        run,
        at: boundary,
        inside: true,
    })
}

/// True if the text between two cuts can become a tracked deletion: both in
/// runs of the same container, outside fields and others' insertions, and
/// nothing in between but plain runs and bookmarks.
fn changeable(tree: &Tree, start: Cut, end: Cut) -> bool {
    let parent = tree.nodes[start.run].parent;
    let Some(parent) = parent else {
        return false;
    };
    if tree.nodes[end.run].parent != Some(parent)
        || !CHANGE_PARENTS.contains(&&*tree.nodes[parent].name)
        || tree.within(parent, &["ins", "moveTo", "del", "moveFrom", "fldSimple"])
    {
        return false;
    }
    tree.children(parent).all(|child| {
        let node = &tree.nodes[child];
        let outside = node.close.end <= start.at || node.open.start >= end.at;
        if outside && child != start.run && child != end.run {
            return true;
        }
        if node.is("r") {
            !node.in_field
                && tree
                    .children(child)
                    .all(|c| DELETABLE.contains(&&*tree.nodes[c].name))
        } else {
            BETWEEN_RUNS.contains(&&*node.name)
        }
    })
}

/// A run's properties as written, or nothing.
fn run_properties(xml: &[u8], tree: &Tree, run: usize) -> String {
    tree.children(run)
        .find(|&c| tree.nodes[c].is("rPr"))
        .map(|c| String::from_utf8_lossy(&xml[tree.nodes[c].outer()]).into_owned())
        .unwrap_or_default()
}

/// Where the id of a tracked formatting change (`w:rPrChange w:id`) is in
/// the text of a run's properties.
fn change_id_position(xml: &[u8], tree: &Tree, run: usize) -> Option<Range<usize>> {
    let rpr = tree.children(run).find(|&c| tree.nodes[c].is("rPr"))?;
    let change = tree
        .children(rpr)
        .find(|&c| tree.nodes[c].is("rPrChange"))?;
    let open = tree.nodes[change].open.clone();
    let tag = &xml[open.clone()];
    let at = tag.windows(4).enumerate().find_map(|(i, w)| {
        (w == b"id=\"" && i > 0 && matches!(tag[i - 1], b':' | b' ' | b'\t' | b'\n' | b'\r'))
            .then_some(i + 4)
    })?;
    let length = tag[at..].iter().position(|&b| b == b'"')?;
    let base = open.start + at - tree.nodes[rpr].open.start;
    Some(base..base + length)
}

/// A run's properties for the text we insert: as written, less any
/// tracked formatting change (someone else's revision, with its own id).
fn inserted_properties(xml: &[u8], tree: &Tree, run: usize) -> String {
    let Some(rpr) = tree.children(run).find(|&c| tree.nodes[c].is("rPr")) else {
        return String::new();
    };
    let outer = tree.nodes[rpr].outer();
    match tree.children(rpr).find(|&c| tree.nodes[c].is("rPrChange")) {
        Some(change) => {
            let cut = tree.nodes[change].outer();
            let mut bytes = xml[outer.start..cut.start].to_vec();
            bytes.extend_from_slice(&xml[cut.end..outer.end]);
            String::from_utf8_lossy(&bytes).into_owned()
        }
        None => String::from_utf8_lossy(&xml[outer]).into_owned(),
    }
}

/// Writes the part with markers placed and affected runs rebuilt.
fn render(
    xml: &[u8],
    tree: &Tree,
    mut markers: Vec<Marker>,
    deletions: &[Range<usize>],
    next_id: &mut u64,
) -> Vec<u8> {
    markers.sort_by_key(|m| (m.cut.at, m.rank, m.seq));
    // Runs to rebuild: split by a cut inside, or covered by a deletion.
    let mut runs: Vec<usize> = markers
        .iter()
        .filter(|m| m.cut.inside)
        .map(|m| m.cut.run)
        .collect();
    for deletion in deletions {
        let first = tree
            .nodes
            .partition_point(|n| n.open.start < deletion.start);
        for (index, node) in tree.nodes.iter().enumerate().skip(first) {
            if node.open.start >= deletion.end {
                break;
            }
            if node.is("r") && node.close.end <= deletion.end {
                runs.push(index);
            }
        }
    }
    runs.sort_unstable();
    runs.dedup();

    // Edits in original offsets: (start, end, text); inserts have start == end.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for marker in markers.iter().filter(|m| !m.cut.inside) {
        edits.push((marker.cut.at, marker.cut.at, marker.text.clone()));
    }
    // Markers inside runs, by run, in order.
    let mut inside_runs: Vec<&Marker> = markers.iter().filter(|m| m.cut.inside).collect();
    inside_runs.sort_by_key(|m| (m.cut.run, m.cut.at, m.rank, m.seq));
    for &run in &runs {
        let from = inside_runs.partition_point(|m| m.cut.run < run);
        let to = inside_runs.partition_point(|m| m.cut.run <= run);
        let inside = &inside_runs[from..to];
        let node = &tree.nodes[run];
        edits.push((
            node.open.start,
            node.close.end,
            rebuild(xml, tree, run, inside, deletions, next_id),
        ));
    }
    // Stable: inserts at a place keep the markers' order and come before a
    // run rebuilt from the same place.
    edits.sort_by_key(|&(start, end, _)| (start, end));
    let mut out = Vec::with_capacity(xml.len() + edits.iter().map(|e| e.2.len()).sum::<usize>());
    let mut at = 0;
    for (start, end, text) in edits {
        out.extend_from_slice(&xml[at..start]);
        out.extend_from_slice(text.as_bytes());
        at = end;
    }
    out.extend_from_slice(&xml[at..]);
    out
}

/// A run rewritten: split at the cuts inside it (markers between the
/// halves, each half with the run's properties), deleted text as `w:delText`.
fn rebuild(
    xml: &[u8],
    tree: &Tree,
    run: usize,
    cuts: &[&Marker],
    deletions: &[Range<usize>],
    next_id: &mut u64,
) -> String {
    let node = &tree.nodes[run];
    let text = |range: Range<usize>| String::from_utf8_lossy(&xml[range]).into_owned();
    let rpr = run_properties(xml, tree, run);
    // A tracked formatting change in the properties is a revision with an
    // id: each later half gets a fresh one, so ids stay unique.
    let change_id = change_id_position(xml, tree, run);
    // Deletions are in document order and never overlap: only those
    // touching this run matter.
    let first = deletions.partition_point(|d| d.end <= node.open.start);
    let last = deletions.partition_point(|d| d.start < node.close.end);
    let nearby = &deletions[first..last.max(first)];
    let deleted = |range: &Range<usize>| {
        nearby
            .iter()
            .any(|d| d.start <= range.start && range.end <= d.end)
    };
    let mut out = String::new();
    let mut open = false;
    let mut first = true;
    let mut open_run = |out: &mut String, open: &mut bool| {
        if !*open {
            if first {
                out.push_str(&text(node.open.clone()));
                first = false;
                out.push_str(&rpr);
            } else {
                out.push_str(&format!("<{}>", node.qname));
                let around = change_id
                    .as_ref()
                    .and_then(|at| Some((rpr.get(..at.start)?, rpr.get(at.end..)?)));
                match around {
                    Some((before, after)) => {
                        out.push_str(before);
                        out.push_str(&next_id.to_string());
                        *next_id += 1;
                        out.push_str(after);
                    }
                    None => out.push_str(&rpr),
                }
            }
            *open = true;
        }
    };
    let close_run = |out: &mut String, open: &mut bool| {
        if *open {
            out.push_str(&format!("</{}>", node.qname));
            *open = false;
        }
    };
    let mut k = 0;
    for child in tree.children(run) {
        let c = &tree.nodes[child];
        if c.is("rPr") {
            continue;
        }
        while k < cuts.len() && cuts[k].cut.at <= c.open.start {
            close_run(&mut out, &mut open);
            out.push_str(&cuts[k].text);
            k += 1;
        }
        if c.is("t") && c.content().start < c.content().end {
            let mut from = c.content().start;
            loop {
                let next = cuts
                    .get(k)
                    .map(|m| m.cut.at)
                    .filter(|&at| at < c.close.start);
                let to = next.unwrap_or(c.close.start);
                if to > from {
                    open_run(&mut out, &mut open);
                    let name = if deleted(&(from..to)) {
                        format!("{}delText", c.prefix())
                    } else {
                        c.qname.to_string()
                    };
                    out.push_str(&format!(
                        "<{name} xml:space=\"preserve\">{}</{name}>",
                        text(from..to)
                    ));
                }
                match next {
                    Some(at) => {
                        close_run(&mut out, &mut open);
                        out.push_str(&cuts[k].text);
                        k += 1;
                        from = at;
                    }
                    None => break,
                }
            }
        } else {
            open_run(&mut out, &mut open);
            out.push_str(&text(c.outer()));
        }
    }
    close_run(&mut out, &mut open);
    for marker in &cuts[k..] {
        out.push_str(&marker.text);
    }
    if first {
        // A run with nothing but properties: keep it as it was.
        return text(node.outer());
    }
    out
}
