//! Markdown, read with a real CommonMark parser (pulldown-cmark) so that
//! code, link targets, HTML, comments and front matter are never checked.
//!
//! Each block (paragraph, heading, list item, table cell …) becomes one
//! segment: the block's text pieces joined, with a map from each piece back
//! to its offset in the file.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::suppress::{Directive, suppressions};
use super::{Document, Segment};
use crate::rules::{Audience, DocumentKind};

/// The CommonMark extensions read, by the reader and by [`super::layout`].
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

pub(super) fn read(text: String) -> Document {
    let options = options();
    let mut blocks = Blocks::default();
    let mut directives = Vec::new();
    // Depth of elements whose text is not prose: code blocks, front matter.
    let mut hidden = 0usize;
    let mut in_front_matter = false;
    let mut kind = None;
    let mut audience = None;
    let mut target_reading_age = None;
    // For each open link: is it an autolink or email, whose text is the address?
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if !is_inline(&tag) {
                    blocks.flush(&text);
                }
                match tag {
                    Tag::CodeBlock(_) => hidden += 1,
                    Tag::MetadataBlock(_) => {
                        hidden += 1;
                        in_front_matter = true;
                    }
                    Tag::Link { link_type, .. } => {
                        links.push(matches!(link_type, LinkType::Autolink | LinkType::Email))
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::CodeBlock => hidden = hidden.saturating_sub(1),
                    TagEnd::MetadataBlock(_) => {
                        hidden = hidden.saturating_sub(1);
                        in_front_matter = false;
                    }
                    TagEnd::Link => {
                        links.pop();
                    }
                    _ => {}
                }
                if !is_inline_end(&end) {
                    blocks.flush(&text);
                }
            }
            Event::Text(decoded) if in_front_matter => {
                kind = kind.or_else(|| front_matter_value(&decoded, "kind", DocumentKind::parse));
                audience =
                    audience.or_else(|| front_matter_value(&decoded, "audience", Audience::parse));
                target_reading_age = target_reading_age.or_else(|| {
                    front_matter_value(&decoded, "target_reading_age", |v| v.parse().ok())
                });
            }
            Event::Text(decoded) => {
                let is_address = links.last().copied().unwrap_or(false);
                // An entity such as `&nbsp;` separates words like a space.
                let is_space_entity =
                    text[range.clone()].starts_with('&') && decoded.trim().is_empty();
                if hidden == 0 && !is_address && !is_space_entity {
                    blocks.pieces.push(range);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(directive) = Directive::parse(&html) {
                    directives.push((range, directive));
                }
            }
            _ => {}
        }
    }
    blocks.flush(&text);
    let suppressions = suppressions(&text, &directives);
    Document {
        text,
        segments: blocks.segments,
        suppressions,
        kind,
        audience,
        target_reading_age,
        notes: Vec::new(),
        line_breaks: Vec::new(),
    }
}

/// `kind: assessment` or `audience: professional` (or `kind = "policy"` in
/// TOML front matter), parsed.
fn front_matter_value<T>(front_matter: &str, key: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
    front_matter.lines().find_map(|line| {
        let value = line
            .trim()
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix([':', '='])?;
        parse(value.trim().trim_matches(['"', '\'']))
    })
}

/// Collects the text pieces of the current block.
#[derive(Default)]
struct Blocks {
    pieces: Vec<Range<usize>>,
    segments: Vec<Segment>,
}

impl Blocks {
    /// Joins the block's pieces into one segment. Markup between two pieces
    /// (`co-**production**`) joins them, as formatting does in Word; anything
    /// else between them (a line break, code, a link target) separates words.
    fn flush(&mut self, text: &str) {
        let (Some(first), Some(last)) = (self.pieces.first(), self.pieces.last()) else {
            return;
        };
        let (start, end) = (first.start, last.end);
        let mut joined = String::with_capacity(end - start);
        let mut shifts = Vec::with_capacity(self.pieces.len());
        let mut previous_end: Option<usize> = None;
        for piece in self.pieces.drain(..) {
            if let Some(gap_start) = previous_end {
                let gap = &text[gap_start..piece.start];
                if !gap.chars().all(|c| INLINE_MARKUP.contains(&c)) {
                    joined.push(' ');
                }
            }
            shifts.push((joined.len(), piece.start));
            joined.push_str(&text[piece.clone()]);
            previous_end = Some(piece.end);
        }
        self.segments.push(Segment {
            start,
            len: end - start,
            text: Some(joined),
            shifts,
            location: None,
            breaks: Vec::new(),
        });
    }
}

/// Characters that only mark up inline formatting or escape a character.
const INLINE_MARKUP: &[char] = &['*', '_', '~', '^', '\\', '[', '='];

/// Inline elements do not end a block: a phrase may run through `**bold**`.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

pub(super) fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked_text(markdown: &str) -> Vec<String> {
        let doc = read(markdown.to_string());
        doc.segments
            .iter()
            .map(|s| {
                doc.segment_text(s)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn code_urls_comments_and_front_matter_are_not_checked() {
        let md = "---\ntitle: service user\n---\n\nSee `service user` and [the guide](https://x.org/service-user).\n\n```\nservice user\n```\n\n<!-- service user -->\n\n<https://x.org/care>\n";
        let text = checked_text(md).join(" | ");
        assert!(!text.contains("service user"), "{text}");
        assert!(!text.contains("x.org"), "{text}");
        assert!(text.contains("See and the guide"), "{text}");
    }

    #[test]
    fn segments_map_back_to_file_offsets() {
        let md = "# Care\n\nThe **care package** is *new*.\n";
        let doc = read(md.to_string());
        let segment = &doc.segments[1];
        let text = doc.segment_text(segment);
        let at = text.find("package").unwrap();
        assert_eq!(
            &md[segment.to_document(at)..segment.end_to_document(at + 7)],
            "package"
        );
    }

    #[test]
    fn formatting_inside_a_word_does_not_split_it() {
        let segments = checked_text("We value co-**production** and ***sign**post*, `code`here.\n");
        assert_eq!(segments, vec!["We value co-production and signpost, here."]);
        let doc = read("A co-**production** plan\n".into());
        let segment = &doc.segments[0];
        let text = doc.segment_text(segment);
        let (from, to) = (text.find("co-").unwrap(), text.find(" plan").unwrap());
        assert_eq!(
            &doc.text[segment.to_document(from)..segment.end_to_document(to)],
            "co-**production"
        );
    }

    #[test]
    fn front_matter_names_the_kind_of_document() {
        assert_eq!(
            read("---\ntitle: x\nkind: job-description\n---\n\nText\n".into()).kind,
            Some(DocumentKind::JobDescription)
        );
        assert_eq!(
            read("+++\nkind = \"policy\"\n+++\n\nText\n".into()).kind,
            Some(DocumentKind::Policy)
        );
        assert_eq!(
            read("Text\n\nkind: policy\n".into()).kind,
            None,
            "only front matter counts"
        );
    }

    #[test]
    fn blocks_are_separate_segments() {
        let segments = checked_text(
            "# Care\npackage\n\n- one care\n- package two\n\n| a | b |\n|---|---|\n| care | package |\n",
        );
        assert!(
            segments.iter().all(|s| !s.contains("care package")),
            "{segments:?}"
        );
    }
}
