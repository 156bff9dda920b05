//! The Word reader against real-world documents that Word, LibreOffice and
//! converters wrote, taken from the test suites of pandoc, mammoth.js,
//! python-docx and docx-rs.
//!
//! The files live outside the repository, in `../shared/fixtures/docx/` (its
//! README.md says what each one exercises), and are never copied in. The
//! tests that read them are `#[ignore]`d with that reason, so a plain
//! `cargo test` on a fresh clone counts them as ignored; `.ci/run` runs them.
//!
//! What the text should hold comes from two sources independent of our reader:
//! pandoc's own reading of a file (`pandoc/*.native`) and a deliberately simple
//! scan of the XML parts in the zip, both compared as words.

use std::any::Any;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::{self, File};
use std::io::Read;
use std::iter::Peekable;
use std::path::{Path, PathBuf};
use std::str::Chars;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use ordinary::source::{Format, read_file};

// ---------------------------------------------------------------------------
// Finding and reading fixtures

/// Where the fixtures live, relative to the crate.
const FIXTURES: &str = "../shared/fixtures/docx";

/// How long one file may take to read before it counts as a hang.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The fixtures folder. Every test that reads it is `#[ignore]`d, so a
/// plain `cargo test` counts it as ignored; `.ci/run` runs them, next to
/// `../shared`.
fn fixtures_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    assert!(
        dir.is_dir(),
        "{FIXTURES} is needed for this test (looked in {}): check out the shared fixtures next to the repository",
        dir.display()
    );
    dir
}

/// Every `.docx` under `dir`, at any depth, sorted.
fn docx_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
        for entry in entries {
            let path = entry.expect("a readable folder entry").path();
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

/// A fixture's name relative to the fixtures folder, for messages.
fn short_name(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The text our reader reads from a fixture; panics naming the file on error.
fn our_text(dir: &Path, name: &str) -> String {
    match read_file(&dir.join(name), Format::Docx) {
        Ok(document) => document.text,
        Err(error) => panic!("{name}: {error}"),
    }
}

/// Reads `path` on its own thread: an error, a panic or a read that takes
/// longer than [`READ_TIMEOUT`] comes back as a message.
fn read_with_timeout(path: &Path) -> Result<(), String> {
    let (done, finished) = mpsc::channel();
    let owned = path.to_path_buf();
    let reader = thread::spawn(move || {
        let result = read_file(&owned, Format::Docx)
            .map(|_| ())
            .map_err(|error| error.to_string());
        let _ = done.send(());
        result
    });
    match finished.recv_timeout(READ_TIMEOUT) {
        // The thread is left running: there is no safe way to stop it.
        Err(RecvTimeoutError::Timeout) => Err(format!("still reading after {READ_TIMEOUT:?}")),
        // Finished, or the sender was dropped by a panic.
        Ok(()) | Err(RecvTimeoutError::Disconnected) => match reader.join() {
            Ok(result) => result.map_err(|error| format!("error: {error}")),
            Err(payload) => Err(format!("panicked: {}", panic_message(&*payload))),
        },
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_string()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "(no message)".to_string()
    }
}

// ---------------------------------------------------------------------------
// Words

/// Normalised words: split on whitespace, keep letters and digits only,
/// lowercase, drop what is left empty. "Don’t," and "dont" are the same word.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// How many times each normalised word occurs.
fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in words(text) {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Words of `expected` that `actual` holds fewer times (as a multiset), each
/// as `word (ours n of m)`.
fn missing_words(expected: &str, actual: &str) -> Vec<String> {
    let have = word_counts(actual);
    word_counts(expected)
        .into_iter()
        .filter_map(|(word, want)| {
            let got = have.get(&word).copied().unwrap_or(0);
            (got < want).then(|| format!("{word} (ours {got} of {want})"))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// pandoc's `.native` files (Haskell `show` of the document)

#[derive(Debug, PartialEq)]
enum Token {
    /// A constructor or field name: `Str`, `Para`, `Space`, `AlignDefault`.
    Ident(String),
    /// A string literal, unescaped.
    Literal(String),
    /// Any other character but whitespace; numbers are dropped.
    Punct(char),
}

/// Constructors that wrap inlines without separating words: in
/// `Str "a",Emph [Str "b"]` the document reads "ab". Every other constructor
/// (`Space`, `LineBreak`, `Para`, `Note`, `Cell`...) is a word boundary.
const JOINING: &[&str] = &[
    "Emph",
    "Strong",
    "Underline",
    "Strikeout",
    "Superscript",
    "Subscript",
    "SmallCaps",
    "Span",
    "Link",
    "Quoted",
    "SingleQuote",
    "DoubleQuote",
];

/// Span classes under which pandoc (run with `--track-changes=all`, as for
/// these files) keeps deleted text and comment bodies. Our reader leaves both
/// out by design, so their words are not expected.
const DROPPED_SPANS: &[&str] = &["deletion", "comment-start"];

/// Splits a `.native` file into tokens.
fn lex_native(native: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = native.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            tokens.push(Token::Literal(haskell_string(&mut chars)));
        } else if c.is_alphabetic() || c == '_' {
            let mut ident = String::new();
            while let Some(&c) = chars
                .peek()
                .filter(|c| c.is_alphanumeric() || "_'".contains(**c))
            {
                ident.push(c);
                chars.next();
            }
            tokens.push(Token::Ident(ident));
        } else if c.is_ascii_digit() {
            while chars
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '.')
            {
                chars.next();
            }
        } else {
            tokens.push(Token::Punct(c));
            chars.next();
        }
    }
    tokens
}

/// The rest of a Haskell string literal whose opening quote has been read,
/// unescaped: `\"`, `\\`, `\n`, `\t`, decimal `\8217` and the empty `\&`.
/// Any other escaped character stands for itself.
fn haskell_string(chars: &mut Peekable<Chars<'_>>) -> String {
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('&') | None => {}
                Some(first) if first.is_ascii_digit() => {
                    let mut code = first.to_digit(10).unwrap_or(0);
                    while let Some(digit) = chars.peek().and_then(|c| c.to_digit(10)) {
                        code = code.saturating_mul(10).saturating_add(digit);
                        chars.next();
                    }
                    out.extend(char::from_u32(code));
                }
                Some(other) => out.push(other),
            },
            _ => out.push(c),
        }
    }
    out
}

/// The document text pandoc read: the contents of every `Str`, run together
/// within a word and separated by spaces at word boundaries. Image
/// descriptions (alt text, an attribute rather than document text) and
/// [`DROPPED_SPANS`] are left out.
fn native_text(native: &str) -> String {
    let tokens = lex_native(native);
    let mut text = String::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Token::Ident(name) = &tokens[i] {
            let skipped = name == "Image" || (name == "Span" && is_dropped_span(&tokens[i + 1..]));
            if skipped {
                i = after_attr_and_inlines(&tokens, i + 1);
                continue;
            }
            if name == "Str" {
                if let Some(Token::Literal(content)) = tokens.get(i + 1) {
                    text.push_str(content);
                    i += 1;
                }
            } else if !JOINING.contains(&name.as_str()) {
                text.push(' ');
            }
        }
        i += 1;
    }
    text
}

/// True if `rest` starts with a span attribute `("id",["class",...],[...])`
/// naming one of [`DROPPED_SPANS`].
fn is_dropped_span(rest: &[Token]) -> bool {
    let [
        Token::Punct('('),
        Token::Literal(_),
        Token::Punct(','),
        Token::Punct('['),
        classes @ ..,
    ] = rest
    else {
        return false;
    };
    classes
        .iter()
        .take_while(|token| **token != Token::Punct(']'))
        .any(|token| matches!(token, Token::Literal(class) if DROPPED_SPANS.contains(&class.as_str())))
}

/// The index after an attribute tuple `( ... )` and the inline list `[ ... ]`
/// that follows it, starting at `start`.
fn after_attr_and_inlines(tokens: &[Token], start: usize) -> usize {
    let after_attr = after_balanced(tokens, start, '(', ')');
    after_balanced(tokens, after_attr, '[', ']')
}

/// The index after the group that opens with `open` at or after `start`.
fn after_balanced(tokens: &[Token], start: usize, open: char, close: char) -> usize {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(start) {
        match token {
            Token::Punct(c) if *c == open => depth += 1,
            Token::Punct(c) if *c == close && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

// ---------------------------------------------------------------------------
// The XML parts of a .docx, scanned without an XML parser

/// The parts of the package at `path` whose names `wanted` accepts, as
/// (name, text), in archive order. A leading byte-order mark is dropped.
fn zip_parts(path: &Path, wanted: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let file = File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive =
        zip::ZipArchive::new(file).unwrap_or_else(|e| panic!("{}: not a zip: {e}", path.display()));
    let mut parts = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("a readable zip entry");
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if !wanted(&name) {
            continue;
        }
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
        let text = String::from_utf8_lossy(&bytes);
        parts.push((name, text.trim_start_matches('\u{feff}').to_string()));
    }
    parts
}

/// The text of every `element` (by local name, whatever the prefix: `t`,
/// `delText`, `instrText`) in an XML part. Elements of one paragraph run
/// together, a paragraph ends with a newline, and tabs and breaks read as
/// spaces. `mc:Fallback` is skipped: it repeats what `mc:Choice` holds. When
/// collecting anything but `t`, visible text (`t`) in between ends a word.
fn element_text(xml: &str, element: &str) -> String {
    let mut out = String::new();
    let mut fallback_depth = 0usize;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let tag = &after[..close];
        rest = &after[close + 1..];
        if tag.starts_with(['?', '!']) {
            continue;
        }
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let local = name.rsplit(':').next().unwrap_or_default();
        if local == "Fallback" {
            if closing {
                fallback_depth = fallback_depth.saturating_sub(1);
            } else if !self_closing {
                fallback_depth += 1;
            }
            continue;
        }
        if fallback_depth > 0 {
            continue;
        }
        if closing {
            if local == "p" {
                out.push('\n');
            }
            continue;
        }
        if local == element && !self_closing {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push_str(&decode_entities(&rest[..end]));
            rest = &rest[end..];
        } else if matches!(local, "tab" | "br" | "cr") || local == "t" {
            out.push(' ');
        }
    }
    out
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references.
fn decode_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').and_then(|semi| {
            let entity = &after[..semi];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `element` text of every part of the fixture `name` that `wanted` accepts.
fn package_text(dir: &Path, name: &str, element: &str, wanted: impl Fn(&str) -> bool) -> String {
    zip_parts(&dir.join(name), wanted)
        .iter()
        .map(|(_, xml)| element_text(xml, element))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_xml_part(name: &str) -> bool {
    name.ends_with(".xml")
}

/// Headers, footers, footnotes and endnotes.
fn is_header_footer_or_notes(name: &str) -> bool {
    let Some(file) = name.strip_prefix("word/") else {
        return false;
    };
    ((file.starts_with("header") || file.starts_with("footer")) && file.ends_with(".xml"))
        || file == "footnotes.xml"
        || file == "endnotes.xml"
}

/// The main document part: `word/document.xml`, or `word/document2.xml` and
/// the like when `_rels/.rels` points elsewhere.
fn is_main_part(name: &str) -> bool {
    name.strip_prefix("word/document")
        .is_some_and(|rest| rest.ends_with(".xml") && !rest.contains('/'))
}

// ---------------------------------------------------------------------------
// Tests of the helpers

#[test]
fn native_strings_are_unescaped() {
    assert_eq!(
        native_text(r#"[Para [Str "don\8217t"]]"#).trim(),
        "don\u{2019}t"
    );
    assert_eq!(
        native_text(r#"Str "S.\160\&100-105.""#).trim(),
        "S.\u{a0}100-105."
    );
    assert_eq!(
        native_text(r#"Str "a \"quoted\" back\\slash\ttab\nline""#).trim(),
        "a \"quoted\" back\\slash\ttab\nline"
    );
}

#[test]
fn native_words_join_across_inline_wrappers_only() {
    let native = r#"[Para [Str "U",Str "sing",Space,Emph [Str "bold"],Str ",",Link ("",[],[]) [Str "here"] ("https://example.org/x","")]
,Para [Str "next"],Note [Para [Str "note"]]]"#;
    assert_eq!(
        words(&native_text(native)),
        ["using", "boldhere", "next", "note"]
    );
}

#[test]
fn native_leaves_out_deletions_comments_and_alt_text() {
    let native = r#"[Para [Str "a",Space,Span ("",["deletion"],[("author","A")]) [Str "dummy"],Span ("",["insertion"],[]) [Str "test"],Space,Span ("",["comment-start"],[("id","3")]) [Str "With",Space,Str "comment!"],Str "doc",Image ("",[],[]) [Str "alt"] ("media/x.png",""),Str "."]]"#;
    assert_eq!(words(&native_text(native)), ["a", "test", "doc"]);
}

#[test]
fn words_are_normalised_and_compared_as_multisets() {
    assert_eq!(words("Don’t,  STOP — now!"), ["dont", "stop", "now"]);
    assert_eq!(
        missing_words("a a b c", "A, b. b"),
        ["a (ours 1 of 2)", "c (ours 0 of 1)"]
    );
}

#[test]
fn xml_scan_reads_text_elements_by_local_name() {
    let xml = r#"<?xml version="1.0"?><w:body><w:p><w:r><w:t>Sal</w:t></w:r><w:r><w:t xml:space="preserve">ly &amp; co</w:t><w:tab/><w:t>x</w:t></w:r></w:p><w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r><w:tbl/><w:t/></w:p><w:p><mc:AlternateContent><mc:Choice><w:t>once</w:t></mc:Choice><mc:Fallback><w:t>once</w:t></mc:Fallback></mc:AlternateContent></w:p><ns0:p><ns0:t>ref</ns0:t></ns0:p></w:body>"#;
    assert_eq!(
        words(&element_text(xml, "t")),
        ["sally", "co", "x", "once", "ref"]
    );
    assert_eq!(words(&element_text(xml, "delText")), ["gone"]);
    assert_eq!(words(&element_text(xml, "instrText")), ["page"]);
    assert_eq!(decode_entities("&lt;&#65;&#x42;&bogus; &"), "<AB&bogus; &");
}

// ---------------------------------------------------------------------------
// The reader on the fixtures

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn every_fixture_is_read_without_panic_or_hang() {
    let dir = fixtures_dir();
    let files = docx_files(&dir);
    assert!(!files.is_empty(), "no .docx files under {}", dir.display());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            read_with_timeout(path)
                .err()
                .map(|problem| format!("{}: {problem}", short_name(&dir, path)))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures were not read:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Words pandoc reads that ours may lack, as (fixture, word), each for a
/// reason that is not a reader bug. Keep this list as short as possible.
const PANDOC_EXCEPTIONS: &[(&str, &str)] = &[];

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn text_matches_pandocs_reading() {
    let dir = fixtures_dir();
    let mut compared = 0;
    let mut failures = Vec::new();
    for path in docx_files(&dir.join("pandoc")) {
        let native = path.with_extension("native");
        if !native.is_file() {
            continue;
        }
        compared += 1;
        let name = short_name(&dir, &path);
        let ours = match read_file(&path, Format::Docx) {
            Ok(document) => document.text,
            Err(error) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let pandocs = native_text(&fs::read_to_string(&native).expect("a readable .native"));
        let missing: Vec<String> = missing_words(&pandocs, &ours)
            .into_iter()
            .filter(|entry| {
                !PANDOC_EXCEPTIONS.iter().any(|(file, word)| {
                    name.ends_with(file) && entry.split(' ').next() == Some(*word)
                })
            })
            .collect();
        if !missing.is_empty() {
            failures.push(format!("{name}: missing {}", missing.join(", ")));
        }
    }
    assert!(
        compared > 0,
        "no pandoc/*.docx with a .native under {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "words pandoc reads that ours does not:\n{}",
        failures.join("\n")
    );
}

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn deleted_text_and_field_codes_are_not_read() {
    let dir = fixtures_dir();
    // Every fixture: a deleted word or a word of a field code must not be
    // read, unless the same word is also visible text somewhere in the file.
    let mut failures = Vec::new();
    let mut checked = BTreeMap::new();
    for path in docx_files(&dir) {
        let name = short_name(&dir, &path);
        let shown: HashSet<String> = words(&package_text(&dir, &name, "t", is_xml_part))
            .into_iter()
            .collect();
        let ours: HashSet<String> = words(&our_text(&dir, &name)).into_iter().collect();
        for (what, element) in [("deleted text", "delText"), ("field code", "instrText")] {
            let hidden: Vec<String> = words(&package_text(&dir, &name, element, is_xml_part))
                .into_iter()
                .filter(|word| !shown.contains(word))
                .collect();
            if !hidden.is_empty() {
                checked.insert((name.clone(), element), hidden.len());
            }
            let leaked: BTreeSet<&str> = hidden
                .iter()
                .filter(|word| ours.contains(*word))
                .map(String::as_str)
                .collect();
            if !leaked.is_empty() {
                failures.push(format!(
                    "{name}: {what} read: {}",
                    leaked.into_iter().collect::<Vec<_>>().join(", ")
                ));
            }
        }
    }
    // The files made for this must have had something to check.
    for (name, element) in [
        ("pandoc/track_changes_deletion.docx", "delText"),
        ("pandoc/instrText_hyperlink.docx", "instrText"),
        ("pandoc/nested_instrText.docx", "instrText"),
    ] {
        assert!(
            checked.contains_key(&(name.to_string(), element)),
            "{name}: no {element} words found to check"
        );
    }
    for name in [
        "pandoc/instrText_hyperlink.docx",
        "pandoc/nested_instrText.docx",
    ] {
        let ours = our_text(&dir, name);
        for code in ["HYPERLINK", "MERGEFORMAT", "books.google.com"] {
            if ours.contains(code) {
                failures.push(format!("{name}: field code {code:?} read"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn headers_footers_and_notes_are_read() {
    let dir = fixtures_dir();
    let mut failures = Vec::new();
    for name in [
        "pandoc/0_level_headers.docx",
        "python-docx/hdr-header-footer.docx",
        "python-docx/sct-first-page-hdrftr.docx",
        "mammoth.js/footnotes.docx",
        "mammoth.js/endnotes.docx",
        "pandoc/notes.docx",
    ] {
        let expected = package_text(&dir, name, "t", is_header_footer_or_notes);
        assert!(
            !words(&expected).is_empty(),
            "{name}: no header, footer or note text found to check"
        );
        let missing = missing_words(&expected, &our_text(&dir, name));
        if !missing.is_empty() {
            failures.push(format!("{name}: missing {}", missing.join(", ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn text_boxes_are_read_once() {
    let dir = fixtures_dir();
    let pandoc = "pandoc/image_with_textbox_caption.docx";
    let native =
        fs::read_to_string(dir.join(pandoc).with_extension("native")).expect("a readable .native");
    let mammoth = "mammoth.js/text-box.docx";
    // The main part without mc:Fallback: here, just the text box's mc:Choice.
    let scanned = package_text(&dir, mammoth, "t", is_main_part);
    let mut failures = Vec::new();
    for (name, expected) in [(pandoc, native_text(&native)), (mammoth, scanned)] {
        let document = zip_parts(&dir.join(name), is_main_part);
        assert!(
            document.iter().any(|(_, xml)| xml.contains("mc:Fallback>")),
            "{name}: expected the text box to be repeated in mc:Fallback"
        );
        let want = word_counts(&expected);
        assert!(!want.is_empty(), "{name}: no text box words to check");
        let got = word_counts(&our_text(&dir, name));
        for (word, count) in &want {
            let ours = got.get(word).copied().unwrap_or(0);
            if ours != *count {
                failures.push(format!("{name}: {word:?} read {ours} times, not {count}"));
            }
        }
        // Neither file has anything but the text box (and its image), so no
        // other word, such as a position or size from the drawing, belongs.
        for word in got.keys().filter(|word| !want.contains_key(*word)) {
            failures.push(format!(
                "{name}: {word:?} read, but it is not document text"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn empty_document_reads_as_empty() {
    let dir = fixtures_dir();
    let text = our_text(&dir, "mammoth.js/empty.docx");
    assert!(text.trim().is_empty(), "expected no text, read {text:?}");
}

#[test]
#[ignore = "needs ../shared/fixtures/docx"]
fn strict_ooxml_and_prefixes_are_read() {
    let dir = fixtures_dir();
    let mut failures = Vec::new();
    for name in [
        "pandoc/7691.docx",
        "mammoth.js/strict-format.docx",
        "pandoc/ns0-reference.docx",
        "pandoc/alternate_document_path.docx",
        "mammoth.js/utf8-bom.docx",
    ] {
        let ours = our_text(&dir, name);
        if ours.trim().is_empty() {
            failures.push(format!("{name}: no text read"));
            continue;
        }
        let missing = missing_words(&package_text(&dir, name, "t", is_main_part), &ours);
        if !missing.is_empty() {
            failures.push(format!("{name}: missing {}", missing.join(", ")));
        }
    }
    let ns0 = our_text(&dir, "pandoc/ns0-reference.docx");
    if !words(&ns0).iter().any(|word| word == "ref") {
        failures.push(format!("pandoc/ns0-reference.docx: \"ref\" not in {ns0:?}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
