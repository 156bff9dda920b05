//! The comments part and what makes it reachable: `word/comments.xml`
//! (created, or appended to with existing comments kept), the main part's
//! relationship to it and its content type.

use super::tree::{Node, Tree};
use super::xml_escape;

pub(crate) const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const RELATIONSHIP_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const STRICT_RELATIONSHIP_TYPE: &str =
    "http://purl.oclc.org/ooxml/officeDocument/relationships/comments";
const RELATIONSHIPS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// One comment to write.
#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub id: u64,
    /// Paragraphs of text.
    pub paragraphs: Vec<String>,
}

/// A new comments part holding `comments`, in the main part's namespace.
pub(crate) fn new_part(
    namespace: &str,
    comments: &[Comment],
    author: &str,
    date: Option<&str>,
) -> Vec<u8> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    out.push_str(&format!(
        "<w:comments xmlns:w=\"{}\">",
        xml_escape(namespace)
    ));
    for comment in comments {
        out.push_str(&comment_xml("w:", comment, author, date));
    }
    out.push_str("</w:comments>");
    out.into_bytes()
}

/// An existing comments part with `comments` added at its end.
pub(crate) fn append(
    xml: &[u8],
    comments: &[Comment],
    author: &str,
    date: Option<&str>,
) -> Result<Vec<u8>, String> {
    let tree = Tree::parse(xml)?;
    let root = tree
        .nodes
        .iter()
        .find(|n| n.parent.is_none())
        .ok_or("the comments part is empty")?;
    let prefix = root.prefix().to_string();
    if prefix.is_empty() {
        return Err("the comments part's XML has no namespace prefix".into());
    }
    let mut added = String::new();
    for comment in comments {
        added.push_str(&comment_xml(&prefix, comment, author, date));
    }
    Ok(append_to_root(xml, root, &added))
}

/// `xml` with `added` as the last children of `root`, opening up an empty
/// root element (`<w:comments/>`) when there is one.
fn append_to_root(xml: &[u8], root: &Node, added: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len() + added.len() + 16);
    if root.close.is_empty() {
        out.extend_from_slice(&xml[..root.open.end - 2]);
        out.push(b'>');
        out.extend_from_slice(added.as_bytes());
        out.extend_from_slice(format!("</{}>", root.qname).as_bytes());
        out.extend_from_slice(&xml[root.open.end..]);
    } else {
        out.extend_from_slice(&xml[..root.close.start]);
        out.extend_from_slice(added.as_bytes());
        out.extend_from_slice(&xml[root.close.start..]);
    }
    out
}

fn comment_xml(p: &str, comment: &Comment, author: &str, date: Option<&str>) -> String {
    let id = comment.id;
    let date = date
        .map(|d| format!(" {p}date=\"{}\"", xml_escape(d)))
        .unwrap_or_default();
    let mut out = format!(
        "<{p}comment {p}id=\"{id}\" {p}author=\"{}\"{date} {p}initials=\"{}\">",
        xml_escape(author),
        xml_escape(&initials(author))
    );
    for (i, paragraph) in comment.paragraphs.iter().enumerate() {
        out.push_str(&format!("<{p}p>"));
        if i == 0 {
            out.push_str(&format!("<{p}r><{p}annotationRef/></{p}r>"));
        }
        out.push_str(&format!(
            "<{p}r><{p}t xml:space=\"preserve\">{}</{p}t></{p}r></{p}p>",
            xml_escape(paragraph)
        ));
    }
    out.push_str(&format!("</{p}comment>"));
    out
}

fn initials(author: &str) -> String {
    author
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The main part's relationships with one to the comments part added
/// (`rels` is `None` when the part has none yet). `strict` picks Strict
/// OOXML's relationship type.
pub(crate) fn add_relationship(
    rels: Option<&[u8]>,
    target: &str,
    strict: bool,
) -> Result<Vec<u8>, String> {
    let kind = if strict {
        STRICT_RELATIONSHIP_TYPE
    } else {
        RELATIONSHIP_TYPE
    };
    let Some(rels) = rels else {
        return Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{RELATIONSHIPS_NS}\"><Relationship Id=\"rId1\" Type=\"{kind}\" Target=\"{}\"/></Relationships>",
            xml_escape(target)
        )
        .into_bytes());
    };
    let text = String::from_utf8_lossy(rels);
    // A free id: rIdN past every rIdN in use.
    let mut n = 1u64;
    for piece in text.split("Id=\"rId").skip(1) {
        if let Some(number) = piece.split('"').next().and_then(|s| s.parse::<u64>().ok()) {
            n = n.max(number + 1);
        }
    }
    let element = |prefix: &str| {
        format!(
            "<{prefix}Relationship Id=\"rId{n}\" Type=\"{kind}\" Target=\"{}\"/>",
            xml_escape(target)
        )
    };
    insert_before_root_end(rels, element)
}

/// `[Content_Types].xml` with an override for a new part.
pub(crate) fn add_content_type(
    types: &[u8],
    part: &str,
    content_type: &str,
) -> Result<Vec<u8>, String> {
    let element = |prefix: &str| {
        format!(
            "<{prefix}Override PartName=\"/{}\" ContentType=\"{content_type}\"/>",
            xml_escape(part)
        )
    };
    insert_before_root_end(types, element)
}

fn insert_before_root_end(xml: &[u8], element: impl Fn(&str) -> String) -> Result<Vec<u8>, String> {
    let tree = Tree::parse(xml)?;
    let root = tree
        .nodes
        .iter()
        .find(|n| n.parent.is_none())
        .ok_or("the part is empty")?;
    let added = element(root.prefix());
    Ok(append_to_root(xml, root, &added))
}
