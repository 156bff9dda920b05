//! The phrase matcher against a plain reference: random patterns and a
//! random text over a tiny alphabet (so that they meet often), the real
//! trie asked at every place a phrase may start, and every pattern tried
//! there with `starts_with`. Any difference is a panic that names the place.
//!
//! The decoding of the bytes and the comparison live in the library
//! (`ordinary::engine::matcher`), where a unit test runs the same on
//! generated cases without cargo-fuzz.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ordinary::engine::matcher::{case_from_bytes, compare_with_plain};

fuzz_target!(|data: &[u8]| {
    let case = case_from_bytes(data);
    if let Err(difference) = compare_with_plain(&case.patterns, &case.text, case.layers) {
        panic!("{difference}\npatterns: {:?}", case.patterns);
    }
});
