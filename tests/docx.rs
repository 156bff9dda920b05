//! The Word reader on hand-made documents: one per thing Word does to text
//! (split runs, tracked changes, text boxes, fields, notes, headers …), and
//! every kind of bad input, each built here as a zip package.

use std::io::Write;
use std::process::Command;

use ordinary::engine::{Linter, Settings};
use ordinary::rules::Ruleset;
use ordinary::source::{DocxOptions, Format, ReadError, ReadOptions, read_bytes};
use zip::write::SimpleFileOptions;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A zip package of the given parts.
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, SimpleFileOptions::default())
            .expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// A minimal .docx whose body is `body`, with extra parts and relationships.
fn docx_with(body: &str, extra: &[(&str, String)], rels: &str) -> Vec<u8> {
    let mut parts = vec![
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
        ("_rels/.rels", format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>"#)),
        ("word/_rels/document.xml.rels", format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#)),
        ("word/document.xml", document(body)),
    ];
    parts.extend(extra.iter().cloned());
    package(&parts)
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><w:body>{body}</w:body></w:document>"#
    )
}

fn docx(body: &str) -> Vec<u8> {
    docx_with(body, &[], "")
}

fn para(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn text_of(bytes: Vec<u8>) -> String {
    read_bytes(bytes, Format::Docx, ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .text
}

/// `(rule, matched, location)` for every finding with the default rules.
fn findings(bytes: Vec<u8>) -> Vec<(String, String, String)> {
    let linter =
        Linter::new(Ruleset::defaults().expect("rules"), &Settings::default()).expect("linter");
    let document =
        read_bytes(bytes, Format::Docx, ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    linter
        .check(&document)
        .into_iter()
        .map(|f| {
            let location = document
                .segment_at(f.span.start)
                .and_then(|s| s.location.as_ref())
                .map(|l| l.to_string());
            (
                linter.rule(f.rule).id.clone(),
                document.text[f.span].to_string(),
                location.unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_phrase_split_across_runs_is_found_with_its_place() {
    // Word splits text at formatting, spell-check marks, revision ids and bookmarks.
    let runs = format!(
        r#"{}<w:proofErr w:type="spellStart"/>{}<w:bookmarkStart w:id="0" w:name="x"/><w:r w:rsidR="00A1"><w:rPr><w:b/></w:rPr><w:t>prod</w:t></w:r><w:bookmarkEnd w:id="0"/>{}<w:proofErr w:type="spellEnd"/>{}"#,
        run("We value co"),
        run("-"),
        run("uction"),
        run(" with people."),
    );
    let bytes = docx(&(para(&run("First paragraph.")) + &para(&runs)));
    assert_eq!(
        text_of(bytes.clone()),
        "First paragraph.\nWe value co-production with people."
    );
    assert_eq!(
        findings(bytes),
        vec![(
            "co-production".into(),
            "co-production".into(),
            "paragraph 2".into()
        )]
    );
}

#[test]
fn tracked_insertions_are_read_and_deletions_are_not() {
    let body = para(&format!(
        r#"{}<w:ins w:id="1" w:author="A">{}</w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>service users</w:delText></w:r></w:del><w:moveFrom w:id="3"><w:r><w:t>respite</w:t></w:r></w:moveFrom><w:moveTo w:id="4">{}</w:moveTo>"#,
        run("We help "),
        run("people"),
        run(" at home.")
    ));
    assert_eq!(text_of(docx(&body)), "We help people at home.");
}

#[test]
fn text_boxes_are_read_once_not_from_both_choice_and_fallback() {
    let text_box = |text: &str| format!("<w:txbxContent>{}</w:txbxContent>", para(&run(text)));
    let body = para(&format!(
        r#"{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{}</w:drawing></mc:Choice><mc:Fallback><w:pict>{}</w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
        run("Before the box."),
        text_box("The care package box."),
        text_box("The care package box."),
    ));
    let text = text_of(docx(&body));
    assert_eq!(text.matches("care package").count(), 1, "{text}");
    assert_eq!(
        findings(docx(&body)),
        vec![(
            "care-package".into(),
            "care package".into(),
            "text box".into()
        )]
    );
}

#[test]
fn field_results_are_read_and_field_codes_are_not() {
    let field = |code: &str, result: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>{code}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            run(result)
        )
    };
    let nested = format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>{}<w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        field("MERGEFIELD Name", "inner"),
        run("outer result")
    );
    let body = para(
        &(run("See ") + &field("HYPERLINK \"https://x.org\"", "the guide") + &run(". ") + &nested),
    ) + &para(r#"<w:fldSimple w:instr="PAGE"><w:r><w:t>7</w:t></w:r></w:fldSimple>"#);
    assert_eq!(text_of(docx(&body)), "See the guide. outer result\n7");
}

#[test]
fn symbols_tabs_breaks_and_hyphens_are_read_as_a_reader_sees_them() {
    let body = para(
        r#"<w:r><w:t>care</w:t><w:br/><w:t>package</w:t><w:tab/><w:t>co</w:t><w:noBreakHyphen/><w:t>production and re</w:t><w:softHyphen/><w:t>ablement</w:t><w:sym w:font="Wingdings" w:char="F0E0"/></w:r>"#,
    );
    let found: Vec<String> = findings(docx(&body))
        .into_iter()
        .map(|(rule, _, _)| rule)
        .collect();
    assert_eq!(found, vec!["care-package", "co-production", "reablement"]);
}

#[test]
fn hyperlinks_content_controls_smart_tags_are_read_and_hidden_text_and_equations_are_not() {
    let body = para(&format!(
        r#"<w:hyperlink r:id="rId9">{}</w:hyperlink><w:sdt><w:sdtPr><w:alias w:val="Name"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt><w:smartTag w:element="place">{}</w:smartTag><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden service user</w:t></w:r><m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>"#,
        run("link text "),
        run("control text "),
        run("tag text")
    ));
    assert_eq!(text_of(docx(&body)), "link text control text tag text");
}

#[test]
fn tables_nested_tables_headers_footers_and_notes_have_places() {
    let cell = |content: &str| format!("<w:tc>{content}</w:tc>");
    let inner = format!(
        "<w:tbl><w:tr>{}</w:tr></w:tbl>",
        cell(&para(&run("nested respite")))
    );
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell(&para(&run("a"))),
        cell(&para(&run("b"))),
        cell(&para(&run("c"))),
        cell(&(para(&run("the care package")) + &inner)),
    );
    let section = r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/></w:sectPr>"#;
    let body = para(&run("Intro."))
        + &table
        + &para(&(run("See the note.") + r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#))
        + section;
    let header = format!(
        r#"<w:hdr xmlns:w="{W}">{}</w:hdr>"#,
        para(&run("Service users policy"))
    );
    let footer = format!(
        r#"<w:ftr xmlns:w="{W}">{}</w:ftr>"#,
        para(&run("Going forward"))
    );
    let notes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1">{}</w:footnote><w:footnote w:id="1">{}</w:footnote></w:footnotes>"#,
        para("<w:r><w:separator/></w:r>"),
        para(&run("We will signpost you."))
    );
    let rels = format!(
        r#"<Relationship Id="rIdH" Type="{R}/header" Target="header1.xml"/><Relationship Id="rIdF" Type="{R}/footer" Target="footer1.xml"/><Relationship Id="rIdN" Type="{R}/footnotes" Target="footnotes.xml"/>"#
    );
    let bytes = docx_with(
        &body,
        &[
            ("word/header1.xml", header),
            ("word/footer1.xml", footer),
            ("word/footnotes.xml", notes),
        ],
        &rels,
    );
    let places: Vec<(String, String)> = findings(bytes)
        .into_iter()
        .map(|(rule, _, place)| (rule, place))
        .collect();
    assert_eq!(
        places,
        vec![
            ("care-package".into(), "table 1, row 2, column 2".into()),
            (
                "respite".into(),
                "table 1, row 2, column 2, table 1, row 1, column 1".into()
            ),
            ("service-user".into(), "header (section 1)".into()),
            ("going-forward".into(), "footer (section 1)".into()),
            ("signpost".into(), "footnote 1".into()),
        ]
    );
}

#[test]
fn comments_are_read_only_when_asked() {
    let comments = format!(
        r#"<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="A">{}</w:comment></w:comments>"#,
        para(&run("Check the care package."))
    );
    let rels = format!(r#"<Relationship Id="rIdC" Type="{R}/comments" Target="comments.xml"/>"#);
    let bytes = docx_with(
        &para(&run("Body.")),
        &[("word/comments.xml", comments)],
        &rels,
    );
    assert_eq!(text_of(bytes.clone()), "Body.");
    let with = read_bytes(
        bytes,
        Format::Docx,
        ReadOptions {
            docx: DocxOptions { comments: true },
        },
    )
    .expect("reads");
    assert_eq!(with.text, "Body.\nCheck the care package.");
}

#[test]
fn an_empty_document_has_no_text_and_no_error() {
    assert_eq!(text_of(docx("")), "");
    assert_eq!(text_of(docx(&para(""))), "");
}

fn read_error(bytes: Vec<u8>) -> ReadError {
    match read_bytes(bytes, Format::Docx, ReadOptions::default()) {
        Err(error) => error,
        Ok(document) => panic!("read a bad document as {:?}", document.text),
    }
}

#[test]
fn bad_documents_get_a_clear_message() {
    let good = docx(&para(&run("Some text.")));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not a zip",
            b"Hello, I am plain text".to_vec(),
            "not a zip package",
        ),
        ("truncated", good[..good.len() / 2].to_vec(), "damaged"),
        (
            "password",
            ole_with("EncryptedPackage"),
            "password-protected",
        ),
        ("old .doc", ole_with("WordDocument"), "save it as .docx"),
        ("rtf", b"{\\rtf1\\ansi Hello}".to_vec(), "Rich Text"),
        ("empty file", Vec::new(), "empty"),
        (
            "no main part",
            package(&[
                ("_rels/.rels", String::new()),
                ("word/other.xml", String::new()),
            ]),
            "no main document part",
        ),
        (
            "malformed XML",
            docx("<w:p><w:r><w:t>unclosed</w:r></w:p>"),
            "malformed",
        ),
        (
            "too deep",
            docx(&("<w:sdt>".repeat(400) + &"</w:sdt>".repeat(400))),
            "deep",
        ),
        ("workbook", workbook(), "Excel"),
    ];
    for (name, bytes, expected) in cases {
        let message = read_error(bytes).to_string();
        assert!(message.contains(expected), "{name}: {message}");
    }
}

#[test]
fn a_zip_bomb_is_refused() {
    // 30 MB of one repeated letter packs into a few tens of kilobytes: far
    // past the 100:1 ratio a real document never reaches.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", deflated).unwrap();
    zip.start_file("_rels/.rels", deflated).unwrap();
    zip.write_all(format!(r#"<Relationships xmlns="x"><Relationship Id="a" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>"#).as_bytes()).unwrap();
    zip.start_file("word/document.xml", deflated).unwrap();
    zip.write_all(format!(r#"<w:document xmlns:w="{W}"><w:body>"#).as_bytes())
        .unwrap();
    zip.write_all(b"<w:p><w:r><w:t>").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..30 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p>").unwrap();
    zip.write_all(b"</w:body></w:document>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(
        bytes.len() < 5_000_000,
        "the test bomb is small: {}",
        bytes.len()
    );
    let message = read_error(bytes).to_string();
    assert!(message.contains("zip bomb"), "{message}");
}

fn ole_with(stream: &str) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(vec![0; 504]);
    bytes.extend(stream.encode_utf16().flat_map(|u| u.to_le_bytes()));
    bytes
}

fn workbook() -> Vec<u8> {
    package(&[
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="x"><Relationship Id="a" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        ("xl/workbook.xml", "<workbook/>".into()),
    ])
}

#[test]
fn a_bad_word_document_does_not_stop_the_others_and_locations_reach_the_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bad.docx"), b"not a zip at all").unwrap();
    let table = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        para(&run("x")),
        para(&run("The service users met."))
    );
    std::fs::write(dir.path().join("good.docx"), docx(&table)).unwrap();
    let run_ordinary = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_ordinary"))
            .current_dir(dir.path())
            .args([
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
                "bad.docx",
                "good.docx",
            ])
            .output()
            .expect("runs")
    };
    let output = run_ordinary("json");
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["errors"][0]["path"], "bad.docx");
    let finding = &report["findings"][0];
    assert_eq!(
        (
            finding["rule"].as_str(),
            finding["line"].as_u64(),
            finding["column"].as_u64()
        ),
        (Some("service-user"), Some(2), Some(5))
    );
    let location = &finding["location"];
    assert_eq!(
        (location["part"].as_str(), location["paragraph"].as_u64()),
        (Some("body"), Some(1))
    );
    assert_eq!(
        location["cells"][0],
        serde_json::json!({"table": 1, "row": 1, "column": 2})
    );
    assert_eq!(location["description"], "table 1, row 1, column 2");
    assert_eq!(location["context"], "The service users met.");

    let output = run_ordinary("human");
    let human = String::from_utf8_lossy(&output.stdout);
    assert!(
        human.contains("good.docx: table 1, row 1, column 2"),
        "{human}"
    );
    assert!(
        human.contains("The service users met.\n")
            && human.contains("    ^^^^^^^^^^^^^ care-system word"),
        "{human}"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("bad.docx: is not a Word document"));
}

/// A document written by docx-rs, a different writer from the hand-made XML
/// above: a phrase split over formatted runs, a table, tracked changes, a header.
#[test]
fn a_document_written_by_docx_rs_is_read_with_its_places() {
    use docx_rs::{Delete, Docx, Header, Insert, Paragraph, Run, Table, TableCell, TableRow};
    let mut bytes = std::io::Cursor::new(Vec::new());
    Docx::new()
        .header(
            Header::new().add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("Stakeholders briefing")),
            ),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("We will "))
                .add_run(Run::new().add_text("sign").bold())
                .add_run(Run::new().add_text("post").italic())
                .add_run(Run::new().add_text(" you to the carers' centre.")),
        )
        .add_table(Table::new(vec![TableRow::new(vec![
            TableCell::new()
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Tuesday"))),
            TableCell::new().add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("Respite at Elm House")),
            ),
        ])]))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Support "))
                .add_insert(Insert::new(Run::new().add_text("at home")))
                .add_delete(
                    Delete::new().add_run(Run::new().add_delete_text("for the service user")),
                ),
        )
        .build()
        .pack(&mut bytes)
        .expect("docx-rs writes the document");
    let found = findings(bytes.into_inner());
    assert_eq!(
        found,
        vec![
            (
                "signpost".to_string(),
                "signpost".to_string(),
                "paragraph 1".to_string()
            ),
            (
                "respite".into(),
                "Respite".into(),
                "table 1, row 1, column 2".into()
            ),
            (
                "stakeholders".into(),
                "Stakeholders".into(),
                "header (section 1)".into()
            ),
        ]
    );
}

/// Inputs the fuzzer (fuzz/) found crashing, hanging or blowing up memory
/// (rebuilt small by `fuzz/make_regressions.py`); each must now be read and
/// checked without a panic. Before the fixes, the quadratic ones took
/// minutes here and the memory ones gigabytes.
#[test]
fn documents_the_fuzzer_broke_are_read_and_checked() {
    let linter =
        Linter::new(Ruleset::defaults().expect("rules"), &Settings::default()).expect("linter");
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx/fuzz-regressions");
    let mut checked = 0;
    for entry in std::fs::read_dir(folder).expect("the regressions folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        // A clear error is as good as a reading; a panic fails the test.
        if let Ok(document) = read_bytes(bytes, Format::Docx, ReadOptions::default()) {
            linter.check(&document);
        }
        checked += 1;
    }
    assert!(checked >= 9, "the regression files are missing");
}

fn regression(name: &str) -> Result<ordinary::source::Document, ReadError> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx/fuzz-regressions")
        .join(name);
    read_bytes(
        std::fs::read(path).expect("regression file"),
        Format::Docx,
        ReadOptions::default(),
    )
}

/// 400 relationships name one 10 MB header: it is read once, not 400 times.
#[test]
fn a_part_named_by_many_relationships_is_read_once() {
    let document = regression("header-read-many-times.docx").expect("readable");
    let headers = document
        .segments
        .iter()
        .filter(|s| {
            s.location
                .as_ref()
                .is_some_and(|l| l.to_string().starts_with("header"))
        })
        .count();
    assert_eq!(headers, 1);
    assert!(
        document.text.len() < 11 * 1024 * 1024,
        "{}",
        document.text.len()
    );
}

/// 60 different headers of 1 MB each, packed to 144 KB in all: each part is
/// within its own limits, but together they are refused as a zip bomb.
#[test]
fn parts_that_add_up_to_a_zip_bomb_are_refused() {
    match regression("many-headers-add-up.docx") {
        Err(ReadError::TooLarge(message)) => assert!(message.contains("zip bomb"), "{message}"),
        other => panic!(
            "expected a zip-bomb error, got {:?}",
            other.map(|d| d.text.len())
        ),
    }
}

/// Found by fuzzing: column numbers come from the file (`w:gridBefore`,
/// `w:gridSpan`), and a huge one overflowed the column count.
#[test]
fn huge_column_numbers_in_a_table_do_not_overflow() {
    let huge = usize::MAX;
    let row = format!(
        r#"<w:tr><w:trPr><w:gridBefore w:val="{huge}"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="{huge}"/></w:tcPr>{}</w:tc><w:tc>{}</w:tc></w:tr>"#,
        para(&run("a")),
        para(&run("the care package"))
    );
    let found = findings(docx(&format!("<w:tbl>{row}</w:tbl>")));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "care-package");
}

/// A table of words to avoid lists them; it does not use them. The same
/// words in the column of what to say instead, or in a table about
/// something else, are still read.
#[test]
fn a_table_of_words_to_avoid_is_not_flagged() {
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", para(&run(text)));
    let row = |a: &str, b: &str| format!("<w:tr>{}{}</w:tr>", cell(a), cell(b));
    let table = |heading: &str| {
        format!(
            "<w:tbl>{}{}</w:tbl>",
            row(heading, "Say"),
            row("service users", "people who use respite")
        )
    };
    let flagged = |heading: &str| -> Vec<String> {
        findings(docx(&table(heading)))
            .into_iter()
            .map(|(rule, _, _)| rule)
            .collect()
    };
    let avoid = flagged("Instead of");
    assert!(
        !avoid.iter().any(|rule| rule == "service-user"),
        "the listed word is talked about: {avoid:?}"
    );
    assert!(
        avoid.iter().any(|rule| rule == "respite"),
        "the other column is still read: {avoid:?}"
    );
    let other = flagged("Who");
    assert!(
        other.iter().any(|rule| rule == "service-user"),
        "a table about something else is read: {other:?}"
    );
}

/// A glossary table in Word explains the abbreviations in its first column,
/// as one in Markdown does.
#[test]
fn a_glossary_table_in_word_explains_its_abbreviations() {
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", para(&run(text)));
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell("NCRT"),
        cell("Northmoor Community Response Team")
    );
    let body = format!("{}{table}", para(&run("The NCRT will ring you.")));
    let found: Vec<String> = findings(docx(&body))
        .into_iter()
        .map(|(rule, _, _)| rule)
        .collect();
    assert!(
        !found
            .iter()
            .any(|rule| rule == "abbreviation-not-explained"),
        "{found:?}"
    );
}

/// A main-document link that points at another kind of part (styles here)
/// is an error naming what the part holds, never an empty document that
/// passes clean.
#[test]
fn a_main_link_to_the_wrong_part_is_an_error() {
    let styles = format!(
        r#"<?xml version="1.0"?><w:styles xmlns:w="{W}"><w:style w:styleId="Normal"/></w:styles>"#
    );
    let bytes = package(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
        ("_rels/.rels", format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/styles.xml"/></Relationships>"#)),
        ("word/styles.xml", styles),
        ("word/document.xml", document(&para(&run("prior to")))),
    ]);
    let message = read_error(bytes).to_string();
    assert!(
        message.contains(
            "its main part (word/styles.xml) holds <styles>, not the body of a Word document"
        ),
        "{message}"
    );
}

/// An embedded document (`w:altChunk`) cannot be read, and the reader says
/// so in a note instead of skipping it silently; `check` shows the note.
#[test]
fn an_embedded_document_is_named_in_a_note() {
    let body = format!(
        r#"{}<w:altChunk r:id="rIdChunk"/>"#,
        para(&run("Before the chunk."))
    );
    let rels = format!(r#"<Relationship Id="rIdChunk" Type="{R}/aFChunk" Target="chunk.html"/>"#);
    let bytes = docx_with(
        &body,
        &[("word/chunk.html", "<p>prior to</p>".to_string())],
        &rels,
    );
    let document = read_bytes(bytes.clone(), Format::Docx, ReadOptions::default()).expect("reads");
    assert_eq!(document.notes.len(), 1);
    assert!(
        document.notes[0].contains("an embedded document"),
        "{:?}",
        document.notes
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chunk.docx"), bytes).unwrap();
    let output = assert_cmd::cargo::cargo_bin_cmd!("ordinary")
        .current_dir(dir.path())
        .args(["check", "--no-config", "chunk.docx"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("note: chunk.docx: holds an embedded document"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(0), "a note is not an error");
    // The review copy and the extracted text say the same: neither can
    // show what is inside.
    for command in ["review", "text"] {
        let mut args = vec![command, "chunk.docx"];
        if command == "review" {
            args.insert(1, "--no-config");
        }
        let output = assert_cmd::cargo::cargo_bin_cmd!("ordinary")
            .current_dir(dir.path())
            .args(&args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("note: chunk.docx: holds an embedded document"),
            "{command}: {stderr}"
        );
        assert_eq!(
            output.status.code(),
            Some(0),
            "{command}: a note is not an error"
        );
    }
}
