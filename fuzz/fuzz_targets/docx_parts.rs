//! The Word reader's XML handling, without the zip layer in the way.
//!
//! `docx` mutates whole packages, whose parts are deflated and checksummed,
//! so most mutations only reach the zip reader. Here the input is the XML
//! itself: split at NUL bytes into up to four parts (document, header,
//! footnotes, comments), which are stored uncompressed in a fixed package
//! whose relationships name them all. Comments are read too. The linter is
//! left out (the `docx` target covers it, and its own known panics would
//! drown the reader's); instead every segment of what was read is sliced out
//! of the text, which panics if the reader ever builds a bad segment.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use ordinary::source::{DocxOptions, Format, ReadOptions, read_bytes};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

const TYPES: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn package(parts: &[&[u8]]) -> Vec<u8> {
    let names = [
        "word/document.xml",
        "word/header1.xml",
        "word/footnotes.xml",
        "word/comments.xml",
    ];
    let rels = format!(
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{TYPES}/header\" Target=\"header1.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{TYPES}/footer\" Target=\"/word/header1.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{TYPES}/footnotes\" Target=\"footnotes.xml\"/>\
         <Relationship Id=\"rId4\" Type=\"{TYPES}/endnotes\" Target=\"./footnotes.xml\"/>\
         <Relationship Id=\"rId5\" Type=\"{TYPES}/comments\" Target=\"comments.xml\"/>\
         </Relationships>"
    );
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/_rels/document.xml.rels", options)
        .unwrap();
    zip.write_all(rels.as_bytes()).unwrap();
    for (name, part) in names.iter().zip(parts) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(part).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let parts: Vec<&[u8]> = data.splitn(4, |b| *b == 0).collect();
    let bytes = package(&parts);
    let options = ReadOptions {
        docx: DocxOptions { comments: true },
    };
    if let Ok(document) = read_bytes(bytes, Format::Docx, options) {
        for segment in &document.segments {
            let _ = document.segment_text(segment);
        }
    }
});
