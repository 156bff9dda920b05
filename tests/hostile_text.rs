//! Text built to trip the checks that read around a match (names,
//! explanations, senses, glossaries, repeats, fitting): random mixtures of
//! rule phrases, capitals, brackets, quotes, table bars and characters
//! outside ASCII. Every document must check without a panic, and every
//! finding and edit must sit on character boundaries.

use ordinary::engine::{Linter, Settings};
use ordinary::rules::Ruleset;
use ordinary::source::{Document, Format};

const PIECES: &[&str] = &[
    "reablement",
    "Reablement",
    "REABLEMENT",
    "is",
    "are",
    "means",
    "known as",
    "called",
    "What is",
    "?",
    "(",
    ")",
    "(DPA)",
    "PA",
    "DPO",
    "OT",
    "SEND",
    "NCRT",
    "the",
    "The",
    "Your",
    "a",
    "deferred payment agreement",
    "Deferred Payment Agreement",
    "service users",
    "Carers Support Service",
    "Team",
    "Board",
    "Policy",
    ":",
    "–",
    "—",
    "-",
    "’",
    "‘",
    "“",
    "”",
    "\"",
    "'",
    "|",
    "| CHC |",
    "NHS Continuing Healthcare |",
    "**",
    "*",
    "#",
    "\n",
    "\n\n",
    "\n| ",
    " |\n",
    "£24,000",
    "salary",
    "care leaver",
    "é",
    "Ω",
    "日本",
    "😀",
    "\u{a0}",
    "\u{ad}",
    "co-production",
    "Co-production",
    "tariff income",
    "Tariff Income",
    "respite",
    "That means",
    ".",
    ",",
    "[2021] UKSC 52",
    "v",
    "JB",
    "ACW 00471926",
    "AskSARA",
    "IV",
    "(LD)",
    "LD",
    "care package",
    "signposted",
    "wheelchair-bound",
    "in respect of",
];

#[test]
fn random_text_never_panics_and_spans_stay_on_character_boundaries() {
    let linter = Linter::new(
        Ruleset::defaults().expect("rules load"),
        &Settings::default(),
    )
    .expect("compiles");
    let mut seed = 0x5eed_u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for round in 0..1500 {
        let mut text = String::new();
        for _ in 0..(next() % 60) {
            text.push_str(PIECES[next() % PIECES.len()]);
            if next() % 3 > 0 {
                text.push(' ');
            }
        }
        for format in [Format::Text, Format::Markdown] {
            let document = Document::parse(text.clone(), format);
            for finding in linter.check(&document) {
                let span = &finding.span;
                assert!(
                    document.text.is_char_boundary(span.start)
                        && document.text.is_char_boundary(span.end)
                        && span.start <= span.end,
                    "round {round}: {span:?} in {text:?}"
                );
                for fitted in &finding.fitted {
                    let edit = &fitted.edit.span;
                    assert!(
                        document.text.is_char_boundary(edit.start)
                            && document.text.is_char_boundary(edit.end),
                        "round {round}: edit {edit:?} in {text:?}"
                    );
                }
            }
        }
    }
}
