//! `ordinary review`: review copies of Word documents.
//!
//! - Everything but the rewritten entries is copied byte for byte, and the
//!   rewritten main part differs from the original only by the marks: with
//!   our comment markers taken out and split runs joined again, its XML is
//!   the original's, element for element.
//! - Each comment is anchored on exactly the phrase found.
//! - With tracked changes, accepting them all (a helper here applies
//!   `w:ins` and drops `w:del`) gives the words `ordinary fix` gives on the
//!   same document as Markdown; rejecting them all gives the original.
//! - LibreOffice, python-docx and pandoc open the copies. Those tests are
//!   `#[ignore]`d with what they need, so a plain `cargo test` counts them
//!   as ignored; `.ci/run` installs the tools and runs them.
//!
//! Fixtures: the Word documents written by pandoc and LibreOffice in
//! `tests/fixtures/docx/` and the six corpus documents; the real-world files
//! in `../shared/fixtures/docx/` have tests of their own, ignored the same way.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use ordinary::engine::{Linter, Settings};
use ordinary::fix;
use ordinary::review::{Mode, Review, ReviewOptions, review_docx};
use ordinary::rules::{DocumentKind, Ruleset};
use ordinary::source::{Format, ReadOptions, read_bytes};
use quick_xml::Reader;
use quick_xml::events::Event;
use tempfile::TempDir;

const DATE: &str = "2026-11-23T15:04:05Z";
const EPOCH: &str = "1795446245";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn linter() -> Linter {
    Linter::new(Ruleset::defaults().expect("rules"), &Settings::default()).expect("linter")
}

fn options(mode: Mode) -> ReviewOptions {
    ReviewOptions {
        mode,
        author: "ordinary".into(),
        date: Some(DATE.into()),
    }
}

/// The reason on the tests that need the shared real-world Word files.
const NEEDS_SHARED: &str = "needs ../shared/fixtures/docx";

/// Every Word fixture in the repository: ours and the corpus.
fn fixtures() -> Vec<PathBuf> {
    let files = docx_under(vec![
        root().join("tests/fixtures/docx/pandoc"),
        root().join("tests/fixtures/docx/libreoffice"),
        root().join("corpus"),
    ]);
    assert!(files.len() >= 18, "{files:?}");
    files
}

/// The shared real-world Word files; a test that asks for them is marked
/// `#[ignore]`, and run by `.ci/run`, which has them.
fn shared_fixtures() -> Vec<PathBuf> {
    let shared = root().join("../shared/fixtures/docx");
    assert!(
        shared.is_dir(),
        "{NEEDS_SHARED}: {} not found",
        shared.display()
    );
    let files = docx_under(vec![shared]);
    assert!(files.len() >= 40, "{files:?}");
    files
}

/// Every `.docx` under the folders, at any depth, sorted.
fn docx_under(mut folders: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "docx") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Name → (compression, uncompressed bytes), in package order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut package = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..package.len())
        .map(|i| {
            let mut entry = package.by_index(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("inflate");
            (entry.name().expect("name").to_string(), data)
        })
        .collect()
}

/// Raw (still compressed) bytes of every entry.
fn raw_entries(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut package = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..package.len())
        .map(|i| {
            let mut entry = package.by_index_raw(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("raw");
            (entry.name().expect("name").to_string(), data)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> Option<String> {
    entries(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, data)| String::from_utf8(data).expect("UTF-8 XML"))
}

/// The package with one part replaced.
fn with_part(bytes: &[u8], name: &str, xml: &str) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (entry, data) in entries(bytes) {
        writer
            .start_file(entry.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        let data = if entry == name {
            xml.as_bytes().to_vec()
        } else {
            data
        };
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn text(bytes: &[u8]) -> String {
    read_bytes(bytes.to_vec(), Format::Docx, ReadOptions::default())
        .expect("readable")
        .text
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The main part's name.
fn main_part(bytes: &[u8]) -> String {
    let rels = part(bytes, "_rels/.rels").expect("package relationships");
    let at = rels
        .find("officeDocument\"")
        .or_else(|| rels.find("/officeDocument"))
        .expect("main");
    let target = rels[..at]
        .rsplit("<Relationship")
        .next()
        .and_then(|r| r.split("Target=\"").nth(1))
        .or_else(|| rels[at..].split("Target=\"").nth(1))
        .and_then(|t| t.split('"').next())
        .expect("target");
    target.trim_start_matches('/').to_string()
}

// ---- a small XML tree, for comparing and for accepting changes ----

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Element {
        name: String,
        attributes: Vec<(String, String)>,
        children: Vec<Node>,
    },
    Text(String),
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// An element being read: name, attributes, children so far.
type Open = (String, Vec<(String, String)>, Vec<Node>);

fn parse(xml: &str) -> Vec<Node> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Open> = vec![(String::new(), Vec::new(), Vec::new())];
    let attributes = |e: &quick_xml::events::BytesStart<'_>| {
        let mut list: Vec<(String, String)> = e
            .attributes()
            .flatten()
            .map(|a| (a.key.as_ref().to_string(), a.value.to_string()))
            .collect();
        list.sort();
        list
    };
    let push_text = |stack: &mut Vec<Open>, text: String| {
        let children = &mut stack.last_mut().unwrap().2;
        if let Some(Node::Text(last)) = children.last_mut() {
            last.push_str(&text);
        } else {
            children.push(Node::Text(text));
        }
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                stack.push((e.name().as_ref().to_string(), attributes(&e), Vec::new()))
            }
            Event::Empty(e) => {
                let node = Node::Element {
                    name: e.name().as_ref().to_string(),
                    attributes: attributes(&e),
                    children: Vec::new(),
                };
                stack.last_mut().unwrap().2.push(node);
            }
            Event::End(_) => {
                let (name, attributes, children) = stack.pop().unwrap();
                stack.last_mut().unwrap().2.push(Node::Element {
                    name,
                    attributes,
                    children,
                });
            }
            Event::Text(t) => push_text(&mut stack, (*t).to_string()),
            Event::GeneralRef(r) => push_text(&mut stack, format!("&{};", r.as_ref())),
            Event::CData(t) => push_text(&mut stack, (*t).to_string()),
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap().2
}

fn render(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element {
                name,
                attributes,
                children,
            } => {
                out.push('<');
                out.push_str(name);
                for (key, value) in attributes {
                    out.push_str(&format!(" {key}=\"{value}\""));
                }
                out.push('>');
                render(children, out);
                out.push_str(&format!("</{name}>"));
            }
        }
    }
}

fn attribute<'a>(attributes: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| local(k) == key)
        .map(|(_, v)| v.as_str())
}

fn contains_reference(nodes: &[Node], ids: &HashSet<String>) -> bool {
    nodes.iter().any(|n| match n {
        Node::Element {
            name,
            attributes,
            children,
        } => {
            (local(name) == "commentReference"
                && attribute(attributes, "id").is_some_and(|id| ids.contains(id)))
                || contains_reference(children, ids)
        }
        Node::Text(_) => false,
    })
}

/// The tree with our comment markers removed, adjacent runs with the same
/// properties joined and adjacent texts in a run joined, whitespace
/// attributes ignored: what is left is what the author's document holds.
fn canonical(nodes: &[Node], ours: &HashSet<String>, in_text: bool) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    for node in nodes {
        let Node::Element {
            name,
            attributes,
            children,
        } = node
        else {
            // Space between elements means nothing outside text.
            if in_text || matches!(node, Node::Text(t) if !t.trim().is_empty()) {
                out.push(node.clone());
            }
            continue;
        };
        let id = attribute(attributes, "id");
        if matches!(local(name), "commentRangeStart" | "commentRangeEnd")
            && id.is_some_and(|id| ours.contains(id))
        {
            continue;
        }
        if local(name) == "r" && contains_reference(children, ours) {
            continue;
        }
        let attributes: Vec<(String, String)> = attributes
            .iter()
            .filter(|(k, _)| k != "xml:space")
            .cloned()
            .collect();
        let text = matches!(local(name), "t" | "delText" | "instrText");
        let children = canonical(children, ours, text);
        // Join a run to the run before it when their properties match.
        if local(name) == "r"
            && let Some(Node::Element {
                name: last_name,
                children: last_children,
                ..
            }) = out.last_mut()
            && last_name == name
            && properties(last_children) == properties(&children)
        {
            last_children.extend(children.into_iter().filter(|c| !is_properties(c)));
            join_texts(last_children);
            continue;
        }
        let mut children = children;
        if local(name) == "r" {
            join_texts(&mut children);
        }
        out.push(Node::Element {
            name: name.clone(),
            attributes,
            children,
        });
    }
    out
}

fn is_properties(node: &Node) -> bool {
    matches!(node, Node::Element { name, .. } if local(name) == "rPr")
}

fn properties(children: &[Node]) -> Option<&Node> {
    children.iter().find(|c| is_properties(c))
}

fn join_texts(children: &mut Vec<Node>) {
    let mut joined: Vec<Node> = Vec::new();
    for child in children.drain(..) {
        if let (
            Some(Node::Element {
                name: last,
                children: last_children,
                ..
            }),
            Node::Element {
                name,
                children: these,
                ..
            },
        ) = (joined.last_mut(), &child)
            && local(last) == "t"
            && local(name) == "t"
        {
            let text: String = these
                .iter()
                .map(|n| match n {
                    Node::Text(t) => t.clone(),
                    _ => String::new(),
                })
                .collect();
            match last_children.last_mut() {
                Some(Node::Text(t)) => t.push_str(&text),
                _ => last_children.push(Node::Text(text)),
            }
            continue;
        }
        joined.push(child);
    }
    *children = joined;
}

/// Accepts (or rejects) every tracked change by "ordinary": insertions
/// kept and deletions dropped, or the other way round. Other people's
/// changes are left as they are.
fn resolve_changes(nodes: &[Node], accept: bool) -> Vec<Node> {
    resolve(nodes, accept, false)
}

fn resolve(nodes: &[Node], accept: bool, in_our_deletion: bool) -> Vec<Node> {
    let mut out = Vec::new();
    for node in nodes {
        let Node::Element {
            name,
            attributes,
            children,
        } = node
        else {
            out.push(node.clone());
            continue;
        };
        let ours = attribute(attributes, "author") == Some("ordinary");
        match local(name) {
            "ins" | "del" if ours => {
                let keep = (local(name) == "ins") == accept;
                if keep {
                    out.extend(resolve(children, accept, local(name) == "del"));
                }
            }
            "delText" if in_our_deletion => out.push(Node::Element {
                name: name.replace("delText", "t"),
                attributes: attributes.clone(),
                children: children.clone(),
            }),
            _ => out.push(Node::Element {
                name: name.clone(),
                attributes: attributes.clone(),
                children: resolve(children, accept, in_our_deletion),
            }),
        }
    }
    out
}

/// The comments part the main part points to.
fn comments_part(bytes: &[u8]) -> Option<String> {
    let main = main_part(bytes);
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", &main));
    let rels = part(bytes, &format!("{folder}/_rels/{file}.rels"))?;
    let at = rels.find("relationships/comments\"")?;
    let element = &rels[rels[..at].rfind('<')?..];
    let target = element.split("Target=\"").nth(1)?.split('"').next()?;
    part(bytes, &format!("{folder}/{target}"))
}

/// Ids of the comments written by "ordinary", with their text.
fn our_comments(bytes: &[u8]) -> BTreeMap<String, String> {
    let Some(xml) = comments_part(bytes) else {
        return BTreeMap::new();
    };
    let mut found = BTreeMap::new();
    fn text_of(nodes: &[Node], out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element { name, children, .. } => {
                    text_of(children, out);
                    if local(name) == "p" {
                        out.push('\n');
                    }
                }
            }
        }
    }
    fn walk(nodes: &[Node], found: &mut BTreeMap<String, String>) {
        for n in nodes {
            if let Node::Element {
                name,
                attributes,
                children,
            } = n
            {
                if local(name) == "comment" && attribute(attributes, "author") == Some("ordinary") {
                    let mut text = String::new();
                    text_of(children, &mut text);
                    found.insert(attribute(attributes, "id").unwrap().to_string(), text);
                } else {
                    walk(children, found);
                }
            }
        }
    }
    walk(&parse(&xml), &mut found);
    found
}

/// The text inside each comment range (`w:t` only), by comment id.
fn anchored(xml: &str) -> BTreeMap<String, String> {
    let mut open: Vec<String> = Vec::new();
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    fn walk(
        nodes: &[Node],
        open: &mut Vec<String>,
        found: &mut BTreeMap<String, String>,
        in_t: bool,
    ) {
        for n in nodes {
            match n {
                Node::Text(t) if in_t => {
                    for id in open.iter() {
                        found.entry(id.clone()).or_default().push_str(t);
                    }
                }
                Node::Text(_) => {}
                Node::Element {
                    name,
                    attributes,
                    children,
                } => match local(name) {
                    "commentRangeStart" => {
                        let id = attribute(attributes, "id").unwrap().to_string();
                        found.entry(id.clone()).or_default();
                        open.push(id);
                    }
                    "commentRangeEnd" => {
                        let id = attribute(attributes, "id").unwrap();
                        open.retain(|o| o != id);
                    }
                    "t" => walk(children, open, found, true),
                    "tab" | "br" | "cr" if !open.is_empty() => {
                        for id in open.iter() {
                            found.entry(id.clone()).or_default().push(' ');
                        }
                    }
                    "del" | "moveFrom" | "instrText" => {}
                    _ => walk(children, open, found, false),
                },
            }
        }
    }
    walk(&parse(xml), &mut open, &mut found, false);
    found
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Matched phrases, normalised for comparison (spaces and Word's typography).
fn flat(text: &str) -> String {
    unescape(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
}

/// The phrases found, and how many of them are in footnotes or endnotes.
fn findings_by_phrase(bytes: &[u8], linter: &Linter) -> (Vec<String>, usize) {
    let document = read_bytes(bytes.to_vec(), Format::Docx, ReadOptions::default()).unwrap();
    let mut phrases = Vec::new();
    let mut in_notes = 0;
    for finding in linter.check(&document) {
        let place = document
            .segment_at(finding.span.start)
            .and_then(|s| s.location.as_deref())
            .map(|l| l.to_string())
            .unwrap_or_default();
        if place.starts_with("footnote") || place.starts_with("endnote") {
            in_notes += 1;
        } else {
            phrases.push(flat(&document.text[finding.span]));
        }
    }
    phrases.sort();
    (phrases, in_notes)
}

#[test]
fn comments_mode_marks_every_phrase_and_changes_nothing_else() {
    assert!(comments_mode_checks(&fixtures()) >= 6);
}

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn comments_mode_on_the_shared_word_files() {
    assert!(comments_mode_checks(&shared_fixtures()) >= 6);
}

/// Each comment is on exactly its phrase, and nothing else changes; the
/// number of documents that had comments.
fn comments_mode_checks(paths: &[PathBuf]) -> usize {
    let linter = linter();
    let mut checked = 0;
    for path in paths {
        let original = fs::read(path).unwrap();
        let Ok(_) = read_bytes(original.clone(), Format::Docx, ReadOptions::default()) else {
            continue; // bad-input fixtures: tested below
        };
        let review = review_docx(
            &original,
            &linter,
            Default::default(),
            &options(Mode::Comments),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.display();
        let copy = &review.bytes;

        // The reader sees the same text.
        assert_eq!(text(copy), text(&original), "{name}: text changed");

        // Every entry not rewritten is the same, compressed bytes and all,
        // in the same order.
        let main = main_part(&original);
        let before = raw_entries(&original);
        let after = raw_entries(copy);
        // The main part's relationships, wherever the main part is
        // (`word/document2.xml` has `word/_rels/document2.xml.rels`).
        let (folder, file) = main.rsplit_once('/').unwrap_or(("", &main));
        let main_relationships = format!("{folder}/_rels/{file}.rels");
        let rewritten: HashSet<&str> = [
            main.as_str(),
            "word/comments.xml",
            "word/footnotes.xml",
            "word/endnotes.xml",
            "[Content_Types].xml",
            main_relationships.as_str(),
        ]
        .into();
        for (entry, data) in &before {
            if !rewritten.contains(entry.as_str())
                || (review.comments == 0 && !review.reading_summary)
            {
                assert_eq!(after.get(entry), Some(data), "{name}: {entry} changed");
            }
        }
        let names = |bytes: &[u8]| {
            entries(bytes)
                .into_iter()
                .map(|(n, _)| n)
                .collect::<Vec<_>>()
        };
        let (old_names, new_names) = (names(&original), names(copy));
        assert_eq!(
            new_names[..old_names.len()],
            old_names[..],
            "{name}: entry order"
        );

        // Each comment sits on its phrase, and says what to write instead.
        let mut comments = our_comments(copy);
        let ours: HashSet<String> = comments.keys().cloned().collect();
        let body = part(copy, &main).unwrap();
        // But one, which says how the document reads, on its first sentence.
        let summaries: Vec<String> = comments
            .iter()
            .filter(|(_, text)| text.starts_with("How this document reads: "))
            .map(|(id, _)| id.clone())
            .collect();
        assert_eq!(
            summaries.len(),
            usize::from(review.reading_summary),
            "{name}"
        );
        if let Some(id) = summaries.first() {
            let summary = comments.remove(id).unwrap();
            assert_summary_comment(&summary, &review, &original, &anchored(&body)[id]);
        }
        assert_eq!(comments.len(), review.comments, "{name}");
        // Comments on findings in notes sit on the note's mark in the body.
        let mut anchored_phrases = Vec::new();
        let mut on_notes = 0;
        for (id, phrase) in anchored(&body) {
            match comments.get(&id) {
                Some(text) if text.starts_with("In footnote") || text.starts_with("In endnote") => {
                    on_notes += 1
                }
                Some(_) => anchored_phrases.push(flat(&phrase)),
                None => {}
            }
        }
        for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
            let xml = part(copy, notes).unwrap_or_default();
            assert!(
                !xml.contains("commentReference")
                    || part(&original, notes)
                        .unwrap_or_default()
                        .contains("commentReference"),
                "{name}: a comment in {notes}"
            );
        }
        anchored_phrases.sort();
        let (mut expected, in_notes) = findings_by_phrase(&original, &linter);
        let mut skipped_in_notes = 0;
        for skipped in &review.skipped {
            let phrase = flat(&skipped.matched);
            match expected.iter().position(|p| *p == phrase) {
                Some(at)
                    if !skipped.place.starts_with("footnote")
                        && !skipped.place.starts_with("endnote") =>
                {
                    expected.remove(at);
                }
                _ => skipped_in_notes += 1,
            }
        }
        assert_eq!(
            anchored_phrases, expected,
            "{name}: comments not on their phrases"
        );
        assert_eq!(
            on_notes + skipped_in_notes,
            in_notes,
            "{name}: comments on notes"
        );
        // Each says what to write instead (the report's message) and why.
        let document = read_bytes(original.clone(), Format::Docx, ReadOptions::default()).unwrap();
        let messages: HashSet<(String, String)> = linter
            .check(&document)
            .iter()
            .map(|f| {
                let rule = linter.rule(f.rule);
                let matched = &document.text[f.span.clone()];
                (
                    ordinary::engine::message_for(rule, f, matched),
                    rule.why.trim().to_string(),
                )
            })
            .collect();
        for text in comments.values() {
            let mut lines = text.lines();
            let first = lines.next().unwrap();
            let first = match first.split_once(": ") {
                Some((place, rest))
                    if place.starts_with("In footnote") || place.starts_with("In endnote") =>
                {
                    rest
                }
                _ => first,
            };
            let why = lines.next().unwrap_or("");
            assert!(
                messages.contains(&(unescape(first), unescape(why))),
                "{name}: {text}"
            );
        }

        // The main part is the original plus markers, run for run.
        if !ours.is_empty() {
            let old_xml = part(&original, &main).unwrap();
            let new_xml = part(copy, &main).unwrap();
            let (mut new_canonical, mut old_canonical) = (String::new(), String::new());
            render(
                &canonical(&parse(&new_xml), &ours, false),
                &mut new_canonical,
            );
            render(
                &canonical(&parse(&old_xml), &HashSet::new(), false),
                &mut old_canonical,
            );
            if new_canonical != old_canonical {
                let at = new_canonical
                    .bytes()
                    .zip(old_canonical.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                let around =
                    |s: &str| s[at.saturating_sub(300)..(at + 300).min(s.len())].to_string();
                panic!(
                    "{name}: the main part changed beyond the marks\n new: {}\n old: {}",
                    around(&new_canonical),
                    around(&old_canonical)
                );
            }
            checked += 1;
        }
    }
    checked
}

/// The reading summary's comment: the figures of the document as the
/// engine counts them, in the core's words, on the first sentence of the
/// body.
fn assert_summary_comment(comment: &str, review: &Review, original: &[u8], anchored: &str) {
    let document = read_bytes(original.to_vec(), Format::Docx, ReadOptions::default()).unwrap();
    let (_, summary) = linter().check_and_summarize(&document);
    let figures = summary.figures();
    assert!(figures.sentences > 0);
    assert_eq!(review.reading, figures);
    let mut lines = comment.lines();
    assert_eq!(
        unescape(lines.next().unwrap()),
        format!("How this document reads: {}", figures.describe())
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("The reading age is an estimate"),
        "{comment}"
    );
    let first = ordinary::readability::document_sentences(&document)
        .into_iter()
        .map(|s| flat(&document.text[s]))
        .next()
        .unwrap();
    // By their words: `anchored` reads `w:t` only, not a soft hyphen.
    assert_eq!(
        words(anchored),
        words(&first),
        "the summary is on {anchored:?}, not the first sentence {first:?}"
    );
}

#[test]
fn changes_mode_on_every_fixture_rejects_back_to_the_original() {
    assert!(changes_mode_checks(&fixtures()) >= 3);
}

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn changes_mode_on_the_shared_word_files() {
    assert!(changes_mode_checks(&shared_fixtures()) >= 1);
}

/// Rejecting our changes gives the original, accepting them what the
/// reader reads; the number of documents that got a change.
fn changes_mode_checks(paths: &[PathBuf]) -> usize {
    let linter = linter();
    let mut changed = 0;
    for path in paths {
        let original = fs::read(path).unwrap();
        if read_bytes(original.clone(), Format::Docx, ReadOptions::default()).is_err() {
            continue;
        }
        let name = path.display();
        let review = review_docx(
            &original,
            &linter,
            Default::default(),
            &options(Mode::Changes),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let main = main_part(&original);
        // Untouched entries are the same bytes.
        let before = raw_entries(&original);
        let after = raw_entries(&review.bytes);
        for (entry, data) in &before {
            let rewritten = entry == &main
                || entry.starts_with("word/header")
                || entry.starts_with("word/footer")
                || entry.contains("comments")
                || entry.contains("notes.xml")
                || entry.ends_with(".rels")
                || entry == "[Content_Types].xml";
            if !rewritten {
                assert_eq!(after.get(entry), Some(data), "{name}: {entry} changed");
            }
        }
        // Rejecting our changes gives the original text; accepting them
        // gives what the reader reads (it reads insertions, not deletions).
        // Changes go in the body, notes, headers and footers alike.
        let marked: Vec<String> = entries(&review.bytes)
            .into_iter()
            .map(|(entry, _)| entry)
            .filter(|entry| {
                entry == &main
                    || entry.contains("notes.xml")
                    || entry.starts_with("word/header")
                    || entry.starts_with("word/footer")
            })
            .filter(|entry| entry.ends_with(".xml"))
            .collect();
        let resolved = |accept: bool| {
            let mut bytes = review.bytes.clone();
            for entry in &marked {
                let Some(xml) = part(&review.bytes, entry) else {
                    continue;
                };
                let mut out = String::new();
                render(&resolve_changes(&parse(&xml), accept), &mut out);
                bytes = with_part(&bytes, entry, &out);
            }
            text(&bytes)
        };
        assert_eq!(resolved(false), text(&original), "{name}: rejected");
        assert_eq!(resolved(true), text(&review.bytes), "{name}: accepted");
        let changes: usize = marked
            .iter()
            .filter_map(|entry| part(&review.bytes, entry))
            .map(|xml| our_changes(&xml).len())
            .sum();
        assert_eq!(changes, review.changes, "{name}");
        if review.changes > 0 {
            changed += 1;
            assert_ne!(text(&review.bytes), text(&original));
        }
    }
    changed
}

/// The fuzzer's regression files are built to be slow to read (100,000
/// header references, a paragraph of capitals …), so they get one test of
/// their own: a review copy in both modes, with the text unchanged.
#[test]
fn the_fuzzer_s_regression_files_get_review_copies() {
    let linter = linter();
    let folder = root().join("tests/fixtures/docx/fuzz-regressions");
    let mut reviewed = 0;
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let original = fs::read(&path).unwrap();
        let Ok(document) = read_bytes(original.clone(), Format::Docx, ReadOptions::default())
        else {
            continue;
        };
        let comments = review_docx(
            &original,
            &linter,
            Default::default(),
            &options(Mode::Comments),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(text(&comments.bytes), document.text, "{}", path.display());
        review_docx(
            &original,
            &linter,
            Default::default(),
            &options(Mode::Changes),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        reviewed += 1;
    }
    assert!(reviewed >= 8, "{reviewed}");
}

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn findings_in_headers_are_listed_not_marked() {
    let path = shared("pandoc/0_level_headers.docx");
    let original = fs::read(path).unwrap();
    let review = review_docx(
        &original,
        &linter(),
        Default::default(),
        &options(Mode::Comments),
    )
    .unwrap();
    for skipped in &review.skipped {
        assert!(
            skipped.place.starts_with("header") || skipped.place.starts_with("footer"),
            "{skipped:?}"
        );
        assert_eq!(
            skipped.reason,
            "Word has no comments in headers and footers"
        );
    }
}

fn shared(name: &str) -> PathBuf {
    let path = root().join("../shared/fixtures/docx").join(name);
    assert!(
        path.is_file(),
        "{NEEDS_SHARED}: {} not found",
        path.display()
    );
    path
}

/// The six corpus documents and their Markdown sources, with their kinds.
fn corpus_pairs() -> Vec<(PathBuf, PathBuf, DocumentKind)> {
    let mut pairs = Vec::new();
    for (folder, kind) in [
        ("assessments", DocumentKind::Assessment),
        ("policies", DocumentKind::Policy),
        ("recruitment", DocumentKind::JobDescription),
    ] {
        for entry in fs::read_dir(root().join("corpus").join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "docx") {
                let stem = path.file_stem().unwrap().to_string_lossy().to_string();
                let source = root()
                    .join("tests/fixtures/docx/src/corpus")
                    .join(folder)
                    .join(format!("{stem}.md"));
                pairs.push((path, source, kind));
            }
        }
    }
    pairs.sort();
    assert_eq!(pairs.len(), 6);
    pairs
}

/// `(deleted, inserted)` for every tracked change by "ordinary", in order.
fn our_changes(xml: &str) -> Vec<(String, String)> {
    let mut changes = Vec::new();
    fn text_of(nodes: &[Node], out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element { children, .. } => text_of(children, out),
            }
        }
    }
    fn walk(nodes: &[Node], changes: &mut Vec<(String, String)>) {
        for n in nodes {
            if let Node::Element {
                name,
                attributes,
                children,
            } = n
            {
                let ours = attribute(attributes, "author") == Some("ordinary");
                if local(name) == "del" && ours {
                    let mut deleted = String::new();
                    text_of(children, &mut deleted);
                    changes.push((flat(&deleted), String::new()));
                } else if local(name) == "ins" && ours {
                    let mut inserted = String::new();
                    text_of(children, &mut inserted);
                    changes.last_mut().expect("a deletion first").1 = flat(&inserted);
                } else {
                    walk(children, changes);
                }
            }
        }
    }
    walk(&parse(xml), &mut changes);
    changes
}

#[test]
fn accepting_every_change_gives_what_fix_gives_on_the_markdown() {
    let linter = linter();
    let mut total = 0;
    for (docx, markdown, kind) in corpus_pairs() {
        let name = docx.display();
        let original = fs::read(&docx).unwrap();
        let review = review_docx(
            &original,
            &linter,
            ordinary::rules::Profile {
                kind: Some(kind),
                audience: None,
            },
            &options(Mode::Changes),
        )
        .unwrap();
        let main = main_part(&original);
        let xml = part(&review.bytes, &main).unwrap();

        // `ordinary fix` on the Markdown source.
        let source = fs::read_to_string(&markdown).unwrap();
        let mut document = read_bytes(
            source.clone().into_bytes(),
            Format::Markdown,
            ReadOptions::default(),
        )
        .unwrap();
        document.kind = Some(kind);
        let findings = linter.check(&document);
        let fixes = fix::fixes(&document, &findings);
        let fixed = fix::apply(&document.text, &fixes);
        let expected: Vec<(String, String)> = fixes
            .iter()
            .map(|f| (flat(&document.text[f.span.clone()]), f.replacement.clone()))
            .collect();

        assert_eq!(our_changes(&xml), expected, "{name}: the changes");
        assert_eq!(review.changes, expected.len(), "{name}");
        total += expected.len();

        // Accept all: the words of the fixed Markdown (after its front matter).
        let accepted = {
            let mut out = String::new();
            render(&resolve_changes(&parse(&xml), true), &mut out);
            text(&with_part(&review.bytes, &main, &out))
        };
        let body = |md: &str| -> String {
            match md
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("\n---\n"))
            {
                Some((_, body)) => body.to_string(),
                None => md.to_string(),
            }
        };
        // The Word document starts with its title, which the Markdown keeps
        // in its front matter: compare what follows.
        let title = words(&text(&original)).len() - words(&body(&source)).len();
        assert_eq!(
            words(&accepted)[..title],
            words(&text(&original))[..title],
            "{name}"
        );
        assert_eq!(
            words(&accepted)[title..],
            words(&body(&fixed)),
            "{name}: accepted text"
        );
        // The reader, which reads insertions and skips deletions, agrees.
        assert_eq!(text(&review.bytes), accepted, "{name}");

        // Reject all: the original text.
        let rejected = {
            let mut out = String::new();
            render(&resolve_changes(&parse(&xml), false), &mut out);
            text(&with_part(&review.bytes, &main, &out))
        };
        assert_eq!(rejected, text(&original), "{name}: rejected text");
        assert_eq!(
            words(&text(&original))[title..],
            words(&body(&source)),
            "{name}: sources agree"
        );
    }
    assert!(total >= 3, "the corpus has only {total} safe replacements");
}

/// A document written by docx-rs.
fn build(paragraphs: Vec<docx_rs::Paragraph>) -> Vec<u8> {
    let mut doc = docx_rs::Docx::new();
    for p in paragraphs {
        doc = doc.add_paragraph(p);
    }
    let mut buffer = Cursor::new(Vec::new());
    doc.build().pack(&mut buffer).expect("pack");
    buffer.into_inner()
}

fn run(text: &str) -> docx_rs::Run {
    docx_rs::Run::new().add_text(text)
}

#[test]
fn a_phrase_split_across_runs_keeps_each_run_s_formatting_when_changed() {
    let bytes = build(vec![
        docx_rs::Paragraph::new()
            .add_run(run("We met pri"))
            .add_run(run("or").bold())
            .add_run(run(" to").italic())
            .add_run(run(" lunch.")),
    ]);
    let review = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Changes),
    )
    .unwrap();
    assert_eq!(review.changes, 1);
    let xml = part(&review.bytes, "word/document.xml").unwrap();
    assert_eq!(
        our_changes(&xml),
        [("prior to".to_string(), "before".to_string())]
    );
    // The deleted pieces keep their own formatting: "or" bold, " to" italic.
    let del_start = xml.find("<w:del ").unwrap();
    let del = &xml[del_start..xml.find("</w:del>").unwrap()];
    assert!(del.contains("<w:b />") || del.contains("<w:b/>"), "{del}");
    assert!(del.contains("<w:i />") || del.contains("<w:i/>"), "{del}");
    assert!(
        del.contains(">pri</w:delText>") && del.contains(">or</w:delText>"),
        "{del}"
    );
    // What is left outside the deletion is the original text.
    assert!(xml[..del_start].contains(">We met </w:t>"), "{xml}");
    assert_eq!(text(&review.bytes), "We met before lunch.");
}

#[test]
fn the_inserted_text_takes_the_run_s_formatting_but_not_its_tracked_formatting_change() {
    let xml = concat!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
        r#"<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="Sam"><w:rPr/></w:rPrChange></w:rPr>"#,
        r#"<w:t xml:space="preserve">We met prior to lunch.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = with_part(
        &build(vec![docx_rs::Paragraph::new().add_run(run("x"))]),
        "word/document.xml",
        xml,
    );
    let review = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Changes),
    )
    .unwrap();
    assert_eq!(review.changes, 1);
    let out = part(&review.bytes, "word/document.xml").unwrap();
    let inserted = &out[out.find("<w:ins ").unwrap()..out.find("</w:ins>").unwrap()];
    assert!(
        inserted.contains("<w:b/>") && !inserted.contains("rPrChange"),
        "{inserted}"
    );
    // The split halves keep everything, Sam's change included, each with
    // an id of its own. (A comment's three markers share one id: the
    // reading summary's comment is around the sentence.)
    assert_eq!(out.matches("<w:rPrChange w:id=").count(), 3, "{out}");
    assert_eq!(out.matches("<w:rPrChange w:id=\"7\"").count(), 1, "{out}");
    assert!(review.reading_summary);
    let pieces: Vec<&str> = out.split(" w:id=\"").collect();
    let mut ids: Vec<&str> = pieces
        .windows(2)
        .filter(|pair| {
            !["commentRangeStart", "commentRangeEnd", "commentReference"]
                .iter()
                .any(|marker| pair[0].ends_with(marker))
        })
        .map(|pair| pair[1].split('"').next().unwrap())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "revision ids repeat: {out}");
    assert_eq!(text(&review.bytes), "We met before lunch.");
}

#[test]
fn a_phrase_partly_inside_a_tracked_insertion_gets_a_comment_not_a_change() {
    let bytes = build(vec![
        docx_rs::Paragraph::new()
            .add_run(run("We met prior "))
            .add_insert(
                docx_rs::Insert::new(run("to lunch."))
                    .author("Sam")
                    .date("2026-01-01T00:00:00Z"),
            ),
    ]);
    let review = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Changes),
    )
    .unwrap();
    assert_eq!((review.changes, review.comments), (0, 1));
    let xml = part(&review.bytes, "word/document.xml").unwrap();
    let comments = our_comments(&review.bytes);
    let anchors = anchored(&xml);
    let (id, _) = comments
        .iter()
        .find(|(_, text)| !text.starts_with("How this document reads: "))
        .unwrap();
    assert_eq!(flat(&anchors[id]), "prior to");
    // Sam's insertion is still Sam's.
    assert!(xml.contains("w:author=\"Sam\""), "{xml}");
}

#[test]
fn a_phrase_wholly_inside_someone_else_s_insertion_gets_a_comment() {
    let bytes = build(vec![
        docx_rs::Paragraph::new()
            .add_run(run("We met "))
            .add_insert(docx_rs::Insert::new(run("prior to lunch.")).author("Sam")),
    ]);
    let review = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Changes),
    )
    .unwrap();
    assert_eq!((review.changes, review.comments), (0, 1));
}

#[test]
fn text_in_existing_deletions_is_left_alone() {
    let bytes = build(vec![
        docx_rs::Paragraph::new()
            .add_run(run("We met "))
            .add_delete(
                docx_rs::Delete::new().add_run(docx_rs::Run::new().add_delete_text("prior to ")),
            )
            .add_run(run("before lunch.")),
    ]);
    let review = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Changes),
    )
    .unwrap();
    assert_eq!(
        (review.findings, review.changes, review.comments),
        (0, 0, 0)
    );
    // Nothing but the comment saying how it reads, around the sentence.
    assert!(review.reading_summary);
    let ours: HashSet<String> = our_comments(&review.bytes).keys().cloned().collect();
    assert_eq!(ours.len(), 1);
    let canonical_of = |xml: &str, ours: &HashSet<String>| {
        let mut out = String::new();
        render(&canonical(&parse(xml), ours, false), &mut out);
        out
    };
    assert_eq!(
        canonical_of(&part(&review.bytes, "word/document.xml").unwrap(), &ours),
        canonical_of(&part(&bytes, "word/document.xml").unwrap(), &HashSet::new())
    );
    let xml = part(&review.bytes, "word/document.xml").unwrap();
    let anchors = anchored(&xml);
    assert_eq!(
        flat(&anchors[ours.iter().next().unwrap()]),
        "We met before lunch."
    );
}

#[test]
fn a_header_gets_tracked_changes_but_never_comments() {
    let doc = docx_rs::Docx::new()
        .header(docx_rs::Header::new().add_paragraph(
            docx_rs::Paragraph::new().add_run(run("Agreed prior to the panel by the ICB")),
        ))
        .add_paragraph(docx_rs::Paragraph::new().add_run(run("We met prior to lunch.")));
    let mut buffer = Cursor::new(Vec::new());
    doc.build().pack(&mut buffer).unwrap();
    let bytes = buffer.into_inner();
    let header_name = entries(&bytes)
        .into_iter()
        .map(|(n, _)| n)
        .find(|n| n.starts_with("word/header"))
        .expect("a header part");

    let comments = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Comments),
    )
    .unwrap();
    assert_eq!(comments.comments, 1, "the body only");
    let places: Vec<(&str, &str)> = comments
        .skipped
        .iter()
        .map(|s| (s.matched.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            ("prior to", "Word has no comments in headers and footers"),
            ("ICB", "Word has no comments in headers and footers"),
        ]
    );
    assert_eq!(
        part(&comments.bytes, &header_name),
        part(&bytes, &header_name)
    );
    assert_eq!(
        raw_entries(&comments.bytes)[&header_name],
        raw_entries(&bytes)[&header_name]
    );

    let changes = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Changes),
    )
    .unwrap();
    assert_eq!((changes.changes, changes.comments), (2, 0));
    let header = part(&changes.bytes, &header_name).unwrap();
    assert_eq!(
        our_changes(&header),
        [("prior to".to_string(), "before".to_string())]
    );
    assert!(!header.contains("commentRangeStart"));
    assert_eq!(changes.skipped.len(), 1, "{:?}", changes.skipped);
    // An abbreviation's suggestions are advice: no change, and no comment.
    assert_eq!(changes.skipped[0].matched, "ICB");
    assert!(text(&changes.bytes).contains("Agreed before the panel"));
}

#[test]
fn existing_comments_are_kept_and_ids_stay_unique() {
    let bytes = build(vec![
        docx_rs::Paragraph::new()
            .add_comment_start(
                docx_rs::Comment::new(1)
                    .author("Sam")
                    .add_paragraph(docx_rs::Paragraph::new().add_run(run("Check the dates."))),
            )
            .add_run(run("The service users met prior to lunch."))
            .add_comment_end(1),
    ]);
    let before = part(&bytes, "word/comments.xml").expect("a comments part");
    let review = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Comments),
    )
    .unwrap();
    assert_eq!(review.comments, 2);
    let comments = part(&review.bytes, "word/comments.xml").unwrap();
    assert!(comments.contains("Check the dates."), "{comments}");
    assert!(comments.contains("w:author=\"Sam\""));
    let mut ids: Vec<String> = parse(&comments)
        .iter()
        .flat_map(|n| match n {
            Node::Element { children, .. } => children.clone(),
            _ => Vec::new(),
        })
        .filter_map(|n| match n {
            Node::Element { attributes, .. } => attribute(&attributes, "id").map(str::to_string),
            _ => None,
        })
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    // Sam's, the two findings' and the one saying how the document reads.
    assert!(review.reading_summary);
    assert_eq!((count, ids.len()), (4, 4), "{comments}");
    assert!(comments.len() > before.len());
    // The relationships and content types already named the part: unchanged.
    assert_eq!(
        part(&review.bytes, "word/_rels/document.xml.rels"),
        part(&bytes, "word/_rels/document.xml.rels")
    );
    assert_eq!(
        part(&review.bytes, "[Content_Types].xml"),
        part(&bytes, "[Content_Types].xml")
    );
}

#[test]
fn a_new_comments_part_is_registered() {
    let bytes = fs::read(root().join("tests/fixtures/docx/libreoffice/tables.docx")).unwrap();
    assert!(part(&bytes, "word/comments.xml").is_none());
    let review = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Comments),
    )
    .unwrap();
    assert!(review.comments > 0);
    let types = part(&review.bytes, "[Content_Types].xml").unwrap();
    assert!(types.contains(
        "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>"
    ));
    let rels = part(&review.bytes, "word/_rels/document.xml.rels").unwrap();
    assert!(
        rels.contains("relationships/comments\" Target=\"comments.xml\""),
        "{rels}"
    );
    let comments = part(&review.bytes, "word/comments.xml").unwrap();
    assert!(comments.contains(&format!("w:author=\"ordinary\" w:date=\"{DATE}\"")));
}

#[test]
fn findings_in_tables_and_footnotes_are_marked_in_their_parts() {
    let linter = linter();
    for folder in ["pandoc", "libreoffice"] {
        let path = root().join(format!("tests/fixtures/docx/{folder}/footnotes.docx"));
        let bytes = fs::read(&path).unwrap();
        let review = review_docx(
            &bytes,
            &linter,
            Default::default(),
            &options(Mode::Comments),
        )
        .unwrap();
        // LibreOffice cannot open comments inside footnotes: a finding in a
        // note is commented on the note's reference mark in the body.
        let notes = part(&review.bytes, "word/footnotes.xml").unwrap();
        assert!(
            !notes.contains("commentRangeStart"),
            "{folder}: a comment in the footnotes"
        );
        assert!(review.skipped.is_empty(), "{:?}", review.skipped);
        let body = part(&review.bytes, "word/document.xml").unwrap();
        let on_references = anchored(&body).len();
        let comments = our_comments(&review.bytes);
        let in_notes: Vec<&String> = comments
            .values()
            .filter(|c| c.starts_with("In footnote"))
            .collect();
        assert_eq!(in_notes.len(), 2, "{folder}: {comments:?}");
        assert!(
            in_notes[0].starts_with("In footnote 1: Instead of \u{201C}service users\u{201D}"),
            "{}",
            in_notes[0]
        );
        assert!(on_references >= 2);
        for (id, text) in &comments {
            if text.starts_with("In footnote") {
                let range = &body[body
                    .find(&format!("commentRangeStart w:id=\"{id}\""))
                    .unwrap()..];
                let range = &range[..range
                    .find(&format!("commentRangeEnd w:id=\"{id}\""))
                    .unwrap()];
                assert!(range.contains("footnoteReference"), "{folder}: {range}");
            }
        }
        let path = root().join(format!("tests/fixtures/docx/{folder}/tables.docx"));
        let bytes = fs::read(&path).unwrap();
        let review = review_docx(
            &bytes,
            &linter,
            Default::default(),
            &options(Mode::Comments),
        )
        .unwrap();
        let body = part(&review.bytes, "word/document.xml").unwrap();
        let in_cells = body
            .split("<w:tc>")
            .skip(1)
            .filter(|cell| cell.contains("commentRangeStart"))
            .count();
        assert!(in_cells >= 2, "{folder}: {in_cells} cells marked");
    }
}

#[test]
fn review_copies_are_the_same_bytes_every_time() {
    let bytes =
        fs::read(root().join("corpus/policies/commissioning-strategy-summary.docx")).unwrap();
    let linter = linter();
    let one = review_docx(&bytes, &linter, Default::default(), &options(Mode::Changes)).unwrap();
    let two = review_docx(&bytes, &linter, Default::default(), &options(Mode::Changes)).unwrap();
    assert_eq!(one.bytes, two.bytes);
}

// ---- the command line ----

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

fn ordinary(dir: &Path, args: &[&str]) -> Output {
    let output = assert_cmd::cargo::cargo_bin_cmd!("ordinary")
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(args)
        .output()
        .expect("runs");
    Output {
        code: output.status.code().expect("exit code"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn corpus_copy(dir: &Path) -> Vec<u8> {
    let bytes = fs::read(root().join("corpus/recruitment/advert-shared-lives-carer.docx")).unwrap();
    fs::write(dir.join("draft.docx"), &bytes).unwrap();
    bytes
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn review_writes_a_copy_next_to_the_document_and_never_touches_it() {
    let dir = TempDir::new().unwrap();
    let original = corpus_copy(dir.path());
    let result = ordinary(dir.path(), &["review", "--no-config", "draft.docx"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result
            .stdout
            .starts_with("Wrote draft.reviewed.docx with 16 comments (16 findings in draft.docx).\n  How this document reads (a comment at the start): "),
        "{}",
        result.stdout
    );
    assert_eq!(fs::read(dir.path().join("draft.docx")).unwrap(), original);
    assert_eq!(files(dir.path()), ["draft.docx", "draft.reviewed.docx"]);
    let copy = fs::read(dir.path().join("draft.reviewed.docx")).unwrap();
    // The findings' comments, and the one saying how the document reads.
    let comments = our_comments(&copy);
    assert_eq!(comments.len(), 17);
    assert_eq!(
        comments
            .values()
            .filter(|c| c.starts_with("How this document reads: "))
            .count(),
        1
    );
    assert!(
        part(&copy, "word/comments.xml")
            .unwrap()
            .contains("w:date=\"2026-11-23T15:04:05Z\"")
    );

    // Again: the output exists, so it is refused without --force.
    let again = ordinary(dir.path(), &["review", "--no-config", "draft.docx"]);
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains("draft.reviewed.docx already exists: add --force"),
        "{}",
        again.stderr
    );
    fs::write(dir.path().join("draft.reviewed.docx"), b"keep me").unwrap();
    let refused = ordinary(dir.path(), &["review", "--no-config", "draft.docx"]);
    assert_eq!(refused.code, 2);
    assert_eq!(
        fs::read(dir.path().join("draft.reviewed.docx")).unwrap(),
        b"keep me"
    );
    let forced = ordinary(
        dir.path(),
        &["review", "--no-config", "--force", "draft.docx"],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(
        fs::read(dir.path().join("draft.reviewed.docx")).unwrap(),
        copy
    );
    assert_eq!(
        files(dir.path()),
        ["draft.docx", "draft.reviewed.docx"],
        "no temporary files left"
    );
}

#[test]
fn review_never_writes_over_the_document_itself() {
    let dir = TempDir::new().unwrap();
    let original = corpus_copy(dir.path());
    for output in ["draft.docx", "./draft.docx"] {
        let result = ordinary(
            dir.path(),
            &[
                "review",
                "--no-config",
                "--force",
                "-o",
                output,
                "draft.docx",
            ],
        );
        assert_eq!(result.code, 2);
        assert!(
            result.stderr.contains("cannot replace the document itself"),
            "{}",
            result.stderr
        );
    }
    assert_eq!(fs::read(dir.path().join("draft.docx")).unwrap(), original);
}

#[test]
fn review_in_changes_mode_reports_both_counts() {
    let dir = TempDir::new().unwrap();
    fs::copy(
        root().join("corpus/assessments/hospital-discharge-assessment-mrs-thornton.docx"),
        dir.path().join("d.docx"),
    )
    .unwrap();
    let result = ordinary(
        dir.path(),
        &[
            "review",
            "--no-config",
            "--mode",
            "changes",
            "-o",
            "out/r.docx",
            "d.docx",
        ],
    );
    // The output folder must exist: a clear error, nothing written.
    assert_eq!(result.code, 2, "{}", result.stdout);
    assert!(
        result.stderr.contains("cannot write out/r.docx"),
        "{}",
        result.stderr
    );
    fs::create_dir(dir.path().join("out")).unwrap();
    let result = ordinary(
        dir.path(),
        &[
            "review",
            "--no-config",
            "--mode",
            "changes",
            "-o",
            "out/r.docx",
            "d.docx",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result
            .stdout
            .contains("46 comments and 12 tracked changes (58 findings in d.docx)"),
        "{}",
        result.stdout
    );
}

#[test]
fn review_refuses_what_it_cannot_write() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("notes.md"), "Prior to lunch.\n").unwrap();
    let result = ordinary(dir.path(), &["review", "--no-config", "notes.md"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("use `ordinary fix`"),
        "{}",
        result.stderr
    );
    fs::write(dir.path().join("broken.docx"), b"PK\x03\x04 not really").unwrap();
    let result = ordinary(dir.path(), &["review", "--no-config", "broken.docx"]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("broken.docx: is a damaged Word document"),
        "{}",
        result.stderr
    );
    let missing = ordinary(dir.path(), &["review", "--no-config", "missing.docx"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("missing.docx: file not found"),
        "{}",
        missing.stderr
    );
    assert_eq!(
        files(dir.path()),
        ["broken.docx", "notes.md"],
        "nothing written"
    );
}

// ---- other programs open the copies ----

/// Fails unless `program` runs: the tests that call this are marked
/// `#[ignore]` with what they need, and `.ci/run` installs it.
fn require_program(program: &str, args: &[&str]) {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "{program} is needed for this test (`.ci/run` installs it)"
    );
}

/// Review copies, with comments and with changes, of every Word fixture
/// that can be read: split runs, tables, footnotes, existing comments and
/// tracked changes, text boxes, fields, Strict OOXML …
fn review_copies(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let linter = linter();
    let mut copies = Vec::new();
    for (i, source) in fixtures().into_iter().enumerate() {
        let bytes = fs::read(&source).unwrap();
        if read_bytes(bytes.clone(), Format::Docx, ReadOptions::default()).is_err() {
            continue;
        }
        for (mode, label) in [(Mode::Comments, "comments"), (Mode::Changes, "changes")] {
            let review = review_docx(&bytes, &linter, Default::default(), &options(mode)).unwrap();
            let path = dir.join(format!("copy{i}-{label}.docx"));
            fs::write(&path, &review.bytes).unwrap();
            copies.push((source.clone(), path));
        }
    }
    assert!(copies.len() >= 36);
    copies
}

#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn libreoffice_converts_review_copies_to_pdf() {
    require_program("soffice", &["--version"]);
    let dir = TempDir::new().unwrap();
    let copies: Vec<PathBuf> = review_copies(dir.path())
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    let profile = dir.path().join("profile");
    let mut args = vec![
        format!("-env:UserInstallation=file://{}", profile.display()),
        "--headless".into(),
        "--convert-to".into(),
        "pdf".into(),
        "--outdir".into(),
        dir.path().join("pdf").display().to_string(),
    ];
    args.extend(copies.iter().map(|c| c.display().to_string()));
    let mut child = Command::new("soffice")
        .args(&args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("soffice runs");
    // Never hang the test suite: LibreOffice gets five minutes.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while child.try_wait().expect("soffice").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("soffice took more than five minutes");
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let output = child.wait_with_output().expect("soffice output");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for copy in &copies {
        let pdf = dir
            .path()
            .join("pdf")
            .join(copy.with_extension("pdf").file_name().unwrap());
        let size = fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
        assert!(size > 1000, "{} was not converted", copy.display());
    }
}

#[test]
#[ignore = "needs python-docx"]
fn python_docx_opens_review_copies_and_counts_the_comments() {
    require_program("python3", &["-c", "import docx"]);
    let dir = TempDir::new().unwrap();
    // One python3 for every file: for each, "ok COMMENTS" (-1 when this
    // python-docx has no comments API, which fails below) or "error MESSAGE".
    let script = "import docx, sys\nfor path in sys.argv[1:]:\n    try:\n        d = docx.Document(path)\n        print('ok', len(list(d.comments)) if hasattr(d, 'comments') else -1)\n    except Exception as e:\n        print('error', type(e).__name__, str(e).replace(chr(10), ' '))";
    let copies = review_copies(dir.path());
    let mut paths: Vec<&PathBuf> = Vec::new();
    for (source, copy) in &copies {
        paths.push(source);
        paths.push(copy);
    }
    let output = Command::new("python3")
        .args(["-c", script])
        .args(&paths)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), paths.len());
    let mut opened = 0;
    for ((source, copy), pair) in copies.iter().zip(lines.chunks(2)) {
        // python-docx cannot open Strict OOXML at all: a copy may fail as
        // its original does, never otherwise.
        if pair[0].starts_with("error") {
            continue;
        }
        assert!(
            pair[1].starts_with("ok "),
            "{}: {}",
            source.display(),
            pair[1]
        );
        opened += 1;
        let bytes = fs::read(copy).unwrap();
        let expected = parse(&comments_part(&bytes).unwrap_or_default())
            .iter()
            .map(|n| match n {
                Node::Element { children, .. } => children
                    .iter()
                    .filter(|c| matches!(c, Node::Element { name, .. } if local(name) == "comment"))
                    .count(),
                _ => 0,
            })
            .sum::<usize>();
        let comments: i64 = pair[1][3..].trim().parse().unwrap();
        // .ci/run installs a python-docx with the comments API (1.2 or
        // later); an older one would leave the count unchecked, so it fails.
        assert!(
            comments >= 0,
            "this python-docx cannot count comments: install 1.2 or later"
        );
        assert_eq!(comments as usize, expected, "{}", source.display());
    }
    assert!(opened >= 30, "{opened}");
}

#[test]
#[ignore = "needs pandoc"]
fn pandoc_shows_comments_and_changes_where_expected() {
    require_program("pandoc", &["--version"]);
    let dir = TempDir::new().unwrap();
    let source = root().join("tests/fixtures/docx/libreoffice/split-runs.docx");
    let bytes = fs::read(&source).unwrap();
    let review = review_docx(
        &bytes,
        &linter(),
        Default::default(),
        &options(Mode::Comments),
    )
    .unwrap();
    let path = dir.path().join("split.docx");
    fs::write(&path, &review.bytes).unwrap();
    let output = Command::new("pandoc")
        .args(["-t", "markdown", "--wrap=none", "--track-changes=all"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let markdown = String::from_utf8(output.stdout).unwrap();
    // The comment on the phrase split by bold: "co-" plain, "production" bold.
    let at = markdown
        .find("Instead of \u{201C}co-production\u{201D}")
        .or_else(|| markdown.find("Instead of \"co-production\""))
        .expect(&markdown);
    let after = &markdown[at..];
    let phrase = after.split("{.comment-start").nth(1).unwrap();
    let phrase = &phrase[phrase.find('}').unwrap() + 1..phrase.find("[]{.comment-end").unwrap()];
    assert_eq!(phrase, "co-**production**");

    let bytes =
        fs::read(root().join("corpus/assessments/hospital-discharge-assessment-mrs-thornton.docx"))
            .unwrap();
    let review = review_docx(
        &bytes,
        &linter(),
        ordinary::rules::Profile {
            kind: Some(DocumentKind::Assessment),
            audience: None,
        },
        &options(Mode::Changes),
    )
    .unwrap();
    fs::write(&path, &review.bytes).unwrap();
    let output = Command::new("pandoc")
        .args(["-t", "markdown", "--wrap=none", "--track-changes=all"])
        .arg(&path)
        .output()
        .unwrap();
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(
        markdown.contains(&format!(
            "[prior to]{{.deletion author=\"ordinary\" date=\"{DATE}\"}}[before]{{.insertion author=\"ordinary\" date=\"{DATE}\"}} discharge"
        )),
        "{markdown}"
    );
    let accepted = Command::new("pandoc")
        .args(["-t", "plain", "--wrap=none", "--track-changes=accept"])
        .arg(&path)
        .output()
        .unwrap();
    let accepted = String::from_utf8(accepted.stdout).unwrap();
    assert!(accepted.contains("completed before"), "{accepted}");
    assert!(!accepted.contains("prior to"));
}
