//! The Word reader on arbitrary bytes: it must return `Ok` or `Err`, never
//! panic, hang or grow without bound. When it reads a document, the default
//! linter checks it too, so that whatever text and segments the reader
//! builds are also safe for the engine.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ordinary::engine::Linter;
use ordinary::rules::Ruleset;
use ordinary::source::{Format, ReadOptions, read_bytes};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        Linter::new(
            Ruleset::defaults().expect("the default rules load"),
            &Default::default(),
        )
        .expect("the default linter builds")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(document) = read_bytes(data.to_vec(), Format::Docx, ReadOptions::default()) {
        let _ = linter().check(&document);
    }
});
