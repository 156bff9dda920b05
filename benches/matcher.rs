//! The phrase matcher on its own (issue 18): building it, and asking it at
//! every place a phrase may start in the sample corpus, with the shipped
//! rules and with a ruleset ten times as big. Each layer the trie's module
//! docs describe (`src/engine/trie.rs`) is measured against the same trie
//! without it, and the whole trie against the Aho-Corasick automaton it
//! replaced.
//!
//! Run from the repository root (BENCHMARKS.md, "The phrase matcher"):
//!
//! ```sh
//! cargo bench --bench matcher
//! ```
//!
//! The text is what the engine matches: every segment of every file in
//! `corpus/`, normalised and folded to lower case. The scan asks the
//! matcher at every place a phrase may start, as `Linter::check_text` does,
//! but never skips past a match (what the engine skips depends on its
//! checks, not on the matcher), so it asks a little more often than the
//! engine would.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use ordinary::engine::matcher::{Layers, PhraseTrie, word_end};
use ordinary::normalize::Normalized;
use ordinary::rules::Ruleset;
use ordinary::source::{Format, read_file};

fn main() {
    check_every_way_finds_the_same();
    divan::main();
}

/// The shipped rules, and those plus nine times as many generated phrases.
const RULESETS: [&str; 2] = ["shipped", "bigger"];

/// One segment as the engine matches it.
struct Segment {
    /// Normalised: where words start and end is read here.
    hay: String,
    /// The same, ASCII letters folded to lower case (same offsets): what
    /// the trie reads.
    folded: String,
}

static TEXT: LazyLock<Vec<Segment>> = LazyLock::new(|| {
    let mut segments = Vec::new();
    for path in corpus_files() {
        let Some(format) = Format::from_path(&path) else {
            continue;
        };
        let document = read_file(&path, format).expect("a corpus file reads");
        for segment in &document.segments {
            let hay = Normalized::new(document.segment_text(segment))
                .as_str()
                .to_string();
            let folded = hay.to_ascii_lowercase();
            segments.push(Segment { hay, folded });
        }
    }
    segments
});

fn text_bytes() -> BytesCount {
    BytesCount::new(TEXT.iter().map(|s| s.hay.len()).sum::<usize>())
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("corpus/ is there") {
            let path = entry.expect("corpus/ lists").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every form the default linter puts in its trie: the forms of every
/// enabled rule, lower-cased, sorted, each once (as `compile_phrases` in
/// `src/engine/mod.rs` hands them over).
static SHIPPED: LazyLock<Vec<String>> = LazyLock::new(|| {
    let ruleset = Ruleset::defaults().expect("the built-in rules load");
    let mut forms: Vec<String> = ruleset
        .rules()
        .iter()
        .filter(|rule| rule.enabled)
        .flat_map(|rule| rule.forms.iter().map(|form| form.to_ascii_lowercase()))
        .collect();
    forms.sort();
    forms.dedup();
    forms
});

/// The shipped forms plus nine times as many phrases of two or three words
/// from the corpus's own vocabulary, as `scripts/bench.py`'s growth section
/// makes them: nearly every word of the text starts one of them.
static BIGGER: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut vocabulary: Vec<String> = TEXT
        .iter()
        .flat_map(|segment| segment.folded.split_whitespace())
        .filter(|word| word.len() > 2 && word.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_string)
        .collect();
    vocabulary.sort();
    vocabulary.dedup();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let wanted = 10 * SHIPPED.len();
    let mut phrases = SHIPPED.clone();
    while phrases.len() < wanted {
        let words = 2 + next(2);
        let phrase: Vec<&str> = (0..words)
            .map(|_| vocabulary[next(vocabulary.len())].as_str())
            .collect();
        phrases.push(phrase.join(" "));
        if phrases.len() == wanted {
            phrases.sort();
            phrases.dedup();
        }
    }
    phrases
});

fn patterns(ruleset: &str) -> &'static [String] {
    match ruleset {
        "shipped" => &SHIPPED,
        _ => &BIGGER,
    }
}

/// The trie with one layer left out.
fn without(layer: &str) -> Layers {
    let mut layers = Layers::ALL;
    match layer {
        "pair_set" => layers.pair_set = false,
        "chains" => layers.chains = false,
        "mapped" => layers.mapped = false,
        "tails" => layers.tails = false,
        _ => unreachable!("no layer {layer}"),
    }
    layers
}

const LAYERS: [&str; 4] = ["pair_set", "chains", "mapped", "tails"];

/// Asks the matcher at every place a phrase may start, as the engine's
/// loop does; `ask` is the question, with the segment's bytes, the place
/// and where the word there ends. Returns how many patterns it found.
fn scan(
    ask: impl Fn(&[u8], usize, usize, &mut Vec<(usize, usize)>),
    starts: impl Fn(u8) -> bool,
) -> usize {
    let mut found = Vec::new();
    let mut total = 0;
    for segment in TEXT.iter() {
        let hay = segment.hay.as_str();
        let bytes = segment.folded.as_bytes();
        let mut at = 0;
        let mut after_word = false;
        while at < bytes.len() {
            let end = word_end(hay, at);
            if !after_word && starts(bytes[at]) {
                ask(bytes, at, end, &mut found);
                total += found.len();
            }
            if end > at {
                at = end;
                after_word = true;
            } else {
                at += hay[at..].chars().next().map_or(1, char::len_utf8);
                after_word = false;
            }
        }
    }
    total
}

/// As the engine asks: the first word looked up, the trie walked past it
/// only when the table says a pattern may go on.
fn scan_with_first_words(trie: &PhraseTrie) -> usize {
    scan(
        |bytes, at, end, found| trie.phrases_at(bytes, at, end, found),
        |byte| trie.starts_with(byte),
    )
}

/// No first-word table: the trie walked a byte at a time from the start of
/// the word, and what ends inside the word dropped.
fn scan_byte_by_byte(trie: &PhraseTrie) -> usize {
    scan(
        |bytes, at, end, found| {
            trie.prefixes_at(bytes, at, found);
            found.retain(|&(_, found_end)| found_end >= end);
        },
        |byte| trie.starts_with(byte),
    )
}

/// The automaton the trie replaced: leftmost-longest, over all the text.
fn scan_automaton(automaton: &AhoCorasick) -> usize {
    TEXT.iter()
        .map(|segment| automaton.find_iter(segment.folded.as_bytes()).count())
        .sum()
}

fn automaton(patterns: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the automaton builds")
}

/// Leaving a layer out must change the time, never the answer.
fn check_every_way_finds_the_same() {
    eprintln!(
        "text: {} bytes in {} segments; phrases: {} shipped, {} in the bigger ruleset",
        TEXT.iter().map(|s| s.hay.len()).sum::<usize>(),
        TEXT.len(),
        SHIPPED.len(),
        BIGGER.len()
    );
    for ruleset in RULESETS {
        let trie = PhraseTrie::new(patterns(ruleset));
        let expected = scan_with_first_words(&trie);
        assert!(expected > 1000, "{ruleset}: only {expected} found");
        assert_eq!(
            scan_byte_by_byte(&trie),
            expected,
            "{ruleset}, byte by byte"
        );
        for layer in LAYERS {
            let trie = PhraseTrie::with_layers(patterns(ruleset), without(layer));
            assert_eq!(
                scan_with_first_words(&trie),
                expected,
                "{ruleset}, without {layer}"
            );
        }
    }
}

mod build {
    use super::*;

    fn build_without(bencher: Bencher, ruleset: &str, layer: &str) {
        let patterns = patterns(ruleset);
        let layers = without(layer);
        bencher.bench(|| PhraseTrie::with_layers(black_box(patterns), layers));
    }

    /// As shipped.
    #[divan::bench(args = RULESETS)]
    fn trie(bencher: Bencher, ruleset: &str) {
        let patterns = patterns(ruleset);
        bencher.bench(|| PhraseTrie::new(black_box(patterns)));
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_pair_set(bencher: Bencher, ruleset: &str) {
        build_without(bencher, ruleset, "pair_set");
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_chains(bencher: Bencher, ruleset: &str) {
        build_without(bencher, ruleset, "chains");
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_mapped(bencher: Bencher, ruleset: &str) {
        build_without(bencher, ruleset, "mapped");
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_tails(bencher: Bencher, ruleset: &str) {
        build_without(bencher, ruleset, "tails");
    }

    #[divan::bench(args = RULESETS)]
    fn aho_corasick(bencher: Bencher, ruleset: &str) {
        let patterns = patterns(ruleset);
        bencher.bench(|| automaton(black_box(patterns)));
    }
}

mod search {
    use super::*;

    fn search_without(bencher: Bencher, ruleset: &str, layer: &str) {
        let trie = PhraseTrie::with_layers(patterns(ruleset), without(layer));
        bencher
            .counter(text_bytes())
            .bench(|| scan_with_first_words(black_box(&trie)));
    }

    /// As shipped.
    #[divan::bench(args = RULESETS)]
    fn trie(bencher: Bencher, ruleset: &str) {
        let trie = PhraseTrie::new(patterns(ruleset));
        bencher
            .counter(text_bytes())
            .bench(|| scan_with_first_words(black_box(&trie)));
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_first_words(bencher: Bencher, ruleset: &str) {
        let trie = PhraseTrie::new(patterns(ruleset));
        bencher
            .counter(text_bytes())
            .bench(|| scan_byte_by_byte(black_box(&trie)));
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_pair_set(bencher: Bencher, ruleset: &str) {
        search_without(bencher, ruleset, "pair_set");
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_chains(bencher: Bencher, ruleset: &str) {
        search_without(bencher, ruleset, "chains");
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_mapped(bencher: Bencher, ruleset: &str) {
        search_without(bencher, ruleset, "mapped");
    }

    #[divan::bench(args = RULESETS)]
    fn trie_without_tails(bencher: Bencher, ruleset: &str) {
        search_without(bencher, ruleset, "tails");
    }

    #[divan::bench(args = RULESETS)]
    fn aho_corasick(bencher: Bencher, ruleset: &str) {
        let automaton = automaton(patterns(ruleset));
        bencher
            .counter(text_bytes())
            .bench(|| scan_automaton(black_box(&automaton)));
    }
}
