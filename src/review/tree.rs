//! The elements of an XML part with their byte positions: enough structure
//! to split runs and place markers without ever re-serialising what is not
//! changed.

use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::source::docx::attribute;

/// One element of the part.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Local name (`r`, `t`, `rPr` …).
    pub name: Box<str>,
    /// The name as written (`w:r`).
    pub qname: Box<str>,
    /// The start tag (the whole element when it is empty).
    pub open: Range<usize>,
    /// The end tag; empty (at `open.end`) for an empty element.
    pub close: Range<usize>,
    pub parent: Option<usize>,
    /// A run inside a complex field (`w:fldChar` begin … end).
    pub in_field: bool,
    /// The numeric `id` attribute (`w:id`), if any.
    pub id: Option<u64>,
}

impl Node {
    /// The bytes between the tags.
    pub fn content(&self) -> Range<usize> {
        self.open.end..self.close.start
    }

    /// The whole element.
    pub fn outer(&self) -> Range<usize> {
        self.open.start..self.close.end
    }

    /// The namespace prefix with its colon (`w:`), or nothing.
    pub fn prefix(&self) -> &str {
        self.qname
            .rfind(':')
            .map_or("", |colon| &self.qname[..=colon])
    }

    pub fn is(&self, name: &str) -> bool {
        &*self.name == name
    }
}

/// Every element of a part, in document order.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    /// The largest numeric `id` attribute (comment, revision and bookmark ids).
    pub max_id: u64,
}

impl Tree {
    pub fn parse(xml: &[u8]) -> Result<Tree, String> {
        let base = if xml.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let mut reader = Reader::from_reader(&xml[base..]);
        reader.config_mut().check_end_names = true;
        let mut tree = Tree::default();
        let mut stack: Vec<usize> = Vec::new();
        let mut fields = 0usize;
        let position = |reader: &Reader<&[u8]>| {
            base + usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX - base)
        };
        loop {
            let before = position(&reader);
            let event = reader.read_event().map_err(|e| e.to_string())?;
            let after = position(&reader);
            let empty = matches!(event, Event::Empty(_));
            match event {
                Event::Start(element) | Event::Empty(element) => {
                    let index = tree.push(&element, before..after, stack.last().copied());
                    if tree.nodes[index].is("r") {
                        tree.nodes[index].in_field = fields > 0;
                    }
                    if tree.nodes[index].is("fldChar") {
                        match attribute(&element, "fldCharType").as_deref() {
                            Some("begin") => fields += 1,
                            Some("end") => fields = fields.saturating_sub(1),
                            _ => {}
                        }
                        if let Some(run) = tree.ancestor(index, "r") {
                            tree.nodes[run].in_field = true;
                        }
                    }
                    if let Some(id) = attribute(&element, "id").and_then(|v| v.parse::<u64>().ok())
                    {
                        tree.max_id = tree.max_id.max(id);
                        tree.nodes[index].id = Some(id);
                    }
                    if empty {
                        tree.nodes[index].close = after..after;
                    } else {
                        stack.push(index);
                    }
                }
                Event::End(_) => {
                    if let Some(index) = stack.pop() {
                        tree.nodes[index].close = before..after;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(tree)
    }

    fn push(
        &mut self,
        element: &BytesStart<'_>,
        open: Range<usize>,
        parent: Option<usize>,
    ) -> usize {
        let name = element.local_name().as_ref().into();
        let qname = element.name().as_ref().into();
        self.nodes.push(Node {
            name,
            qname,
            close: open.end..open.end,
            open,
            parent,
            in_field: false,
            id: None,
        });
        self.nodes.len() - 1
    }

    /// The nearest element named `name` at or above `index`.
    pub fn ancestor(&self, index: usize, name: &str) -> Option<usize> {
        let mut at = Some(index);
        while let Some(i) = at {
            if self.nodes[i].is(name) {
                return Some(i);
            }
            at = self.nodes[i].parent;
        }
        None
    }

    /// True if an element at or above `index` has one of these names.
    pub fn within(&self, index: usize, names: &[&str]) -> bool {
        let mut at = Some(index);
        while let Some(i) = at {
            if names.contains(&&*self.nodes[i].name) {
                return true;
            }
            at = self.nodes[i].parent;
        }
        false
    }

    /// The innermost element whose content holds `offset` (between its
    /// tags, ends included); never an empty element.
    pub fn innermost(&self, offset: usize) -> Option<usize> {
        let last = self
            .nodes
            .partition_point(|n| n.open.start < offset)
            .checked_sub(1)?;
        let mut at = Some(last);
        while let Some(i) = at {
            let node = &self.nodes[i];
            let empty = node.close.is_empty();
            if !empty && node.open.end <= offset && offset <= node.close.start {
                return Some(i);
            }
            at = node.parent;
        }
        None
    }

    /// The children of an element, in order.
    pub fn children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[index].close.start;
        (index + 1..self.nodes.len())
            .take_while(move |&i| self.nodes[i].open.start < end)
            .filter(move |&i| self.nodes[i].parent == Some(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_point_at_the_tags() {
        let xml = br#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Hi &amp; bye</w:t></w:r></w:p>"#;
        let tree = Tree::parse(xml).unwrap();
        let t = tree.nodes.iter().position(|n| n.is("t")).unwrap();
        let node = &tree.nodes[t];
        assert_eq!(&xml[node.open.clone()], b"<w:t>");
        assert_eq!(&xml[node.content()], b"Hi &amp; bye");
        assert_eq!(&xml[node.close.clone()], b"</w:t>");
        assert_eq!(node.prefix(), "w:");
        let b = tree.nodes.iter().position(|n| n.is("b")).unwrap();
        assert_eq!(&xml[tree.nodes[b].outer()], b"<w:b/>");
        let run = tree.ancestor(t, "r").unwrap();
        assert_eq!(tree.children(run).count(), 2);
        assert_eq!(tree.innermost(node.open.end + 2), Some(t));
    }
}
