//! The phrase matcher: every literal form in one byte trie, walked only
//! from the places where a word can start.
//!
//! A finding is always a whole word, so a phrase can only begin where the
//! character before it is not a letter or a digit. Walking a plain trie from
//! those places finds exactly what an unanchored Aho-Corasick automaton
//! finds there, without the automaton's failure transitions. Those were the
//! cost: building them was a third of start-up, and grew faster than the
//! phrases (BENCHMARKS.md, "Choices the code makes for speed"). This trie is
//! built in one pass over the sorted forms, in time proportional to their
//! length.
//!
//! A phrase that begins with a word takes that whole word, so the word is
//! looked up in a hash table ([`FirstWords`]) that also says whether any
//! phrase may go on past it; the trie is walked from there only when one
//! may.

use crate::normalize::is_word_char;

/// No node, or no pattern.
const NONE: u32 = u32::MAX;

/// A byte trie over distinct, non-empty patterns, laid out breadth first.
///
/// Nodes are numbered level by level, and within a level in the order of
/// the sorted patterns, so a node's children are consecutive: edge slot `s`
/// leads to node `s + 1`, and no edge targets are stored. The first levels,
/// which every walk visits, sit together in the cache; numbering depth
/// first scattered them.
///
/// A walk's cost is cache misses deep in a big trie, so each step reads
/// one 16-byte node holding all it needs: where its edges start, the
/// pattern ending there, and (for up to six edges, nearly every node past
/// the first letters) the edges' bytes. A node with one edge, below which
/// the path runs on without branching or ending a pattern, holds up to six
/// bytes of that path and the node at its end, so the rest of a word
/// ("abi" + "lity") is one step, not four.
#[derive(Debug)]
pub struct PhraseTrie {
    /// The root's child for each first byte (`NONE` where no pattern starts
    /// with it): the one lookup made at every word start.
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// The byte on the edge into each node (slot `s`'s byte is `bytes[s + 1]`),
    /// searched for nodes with more edges than fit in the node and not
    /// [`MAPPED`]. A node's edges are side by side, so that is one cache line
    /// (a 256-bit set per node kept in a table of its own was no faster: a
    /// second read all the same).
    bytes: Vec<u8>,
    /// The bytes of [`TAIL`] nodes beyond the ones they hold.
    tail_bytes: Vec<u8>,
    /// The node each pattern's first word leads to, found by hashing the
    /// word (see [`FirstWords`]).
    first_words: FirstWords,
}

/// Edges whose bytes a node holds itself.
const INLINE: usize = 6;

/// Marks a node's `count` as a chain: `inline` holds that many bytes of an
/// unbranching path and `edges` the node at its end.
const CHAIN: u16 = 0x8000;

/// Marks a node with more than `INLINE` edges whose bytes are all in
/// [`SPELLING`]: `inline` holds them as a 48-bit set, and a child's number
/// is the count of set bits below its byte. Such a node (every letter after
/// a first word, say) then needs no second read from `bytes`, which deep in
/// a big trie was a second cache miss.
const MAPPED: u16 = 0x4000;

/// Marks a node's `count` as the rest of one pattern, which no other
/// pattern shares: the pattern ends after that many more bytes, the first
/// `INLINE` of them in `inline` and the others at `edges` in `tail_bytes`.
/// The node has no children. Most of a big ruleset's bytes are such rests
/// ("living" in "independent living"): a node per byte made the trie 5 MB
/// for ten times the built-in phrases, and fresh memory is slow here.
const TAIL: u16 = 0x2000;

/// The longest rest a tail node holds.
const TAIL_LONGEST: usize = TAIL as usize - 1;

/// The bytes a mapped node may have edges for, numbered in byte order (so
/// counting bits counts edges in the order they are stored): space,
/// apostrophe, hyphen, digits, lower-case letters. `NO` for the rest.
const SPELLING: [u8; 256] = {
    let mut table = [NO; 256];
    table[b' ' as usize] = 0;
    table[b'\'' as usize] = 1;
    table[b'-' as usize] = 2;
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = 3 + i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 26 {
        table[b'a' as usize + i] = 13 + i as u8;
        i += 1;
    }
    table
};
const NO: u8 = u8::MAX;

#[derive(Debug, Clone, Copy)]
#[repr(C, align(16))]
struct Node {
    /// The node's edges are the slots `edges..edges + count` (for a chain:
    /// the node the chain leads to; for a tail: where its bytes beyond
    /// `inline` start in `tail_bytes`).
    edges: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    /// How many edges, with `CHAIN` or `MAPPED` set when `inline` holds a
    /// chain or a set of bits instead of the edges' bytes; or `TAIL` and
    /// the length of the tail.
    count: u16,
    /// The edges' bytes, when there are at most `INLINE` of them (for a
    /// chain: the path's bytes; for a tail: the rest's first bytes).
    inline: [u8; INLINE],
}

/// Which of the trie's packed layouts and filters a build uses. The
/// linter always builds with all of them ([`PhraseTrie::new`]); switching
/// one off changes only how the trie is laid out, never what it finds, so
/// the micro-benchmark (`benches/matcher.rs`) can show what each layer is
/// worth and the reference tests can check every combination.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layers {
    /// The first-word table's 256-bit set of the two bytes after "word ";
    /// off, every space after a first word that some pattern goes on past
    /// sends the walk into the trie.
    pub pair_set: bool,
    /// Unbranching paths taken up to six bytes a step ([`CHAIN`]); off, a
    /// byte a step.
    pub chains: bool,
    /// Nodes with more than six edges, all of them spelling, kept as a bit
    /// set ([`MAPPED`]); off, their edge bytes are searched.
    pub mapped: bool,
    /// The rest of a pattern no other shares in one node ([`TAIL`]); off,
    /// a node per byte.
    pub tails: bool,
}

impl Layers {
    /// Every layer: what the linter builds.
    pub const ALL: Layers = Layers {
        pair_set: true,
        chains: true,
        mapped: true,
        tails: true,
    };
}

impl PhraseTrie {
    /// Builds the trie; `patterns[i]` is reported as pattern `i`.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> PhraseTrie {
        PhraseTrie::with_layers(patterns, Layers::ALL)
    }

    /// Builds the trie with only some of its layers (see [`Layers`]).
    pub fn with_layers<P: AsRef<str>>(patterns: &[P], layers: Layers) -> PhraseTrie {
        let text = |index: u32| patterns[index as usize].as_ref().as_bytes();
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        // The engine passes them sorted; then this only confirms it.
        if !order.is_sorted_by(|&a, &b| text(a) <= text(b)) {
            order.sort_unstable_by(|&a, &b| text(a).cmp(text(b)));
        }
        let sorted: Vec<&[u8]> = order.iter().map(|&index| text(index)).collect();
        // How much of each pattern the one before it (sorted) shares: a
        // pattern makes new nodes at every depth beyond that.
        let shared: Vec<usize> = (0..sorted.len())
            .map(|k| match k {
                0 => 0,
                _ => common_prefix(sorted[k - 1], sorted[k]),
            })
            .collect();
        let word_lengths: Vec<usize> = order
            .iter()
            .map(|&index| first_word_length(patterns[index as usize].as_ref()))
            .collect();
        // How deep each pattern has nodes of its own. Beyond what it shares
        // with the patterns before and after it (sorted, no other pattern
        // shares more), and beyond its first word, the rest of a pattern is
        // one [`TAIL`] node. The node at the first word's end is never the
        // tail (hence the `+ 1`): the first-word table points at it and
        // reads its pattern as the word's own, which a tail's is not. A
        // rest longer than a tail holds keeps nodes down to where one can.
        let node_depths: Vec<usize> = (0..sorted.len())
            .map(|k| {
                let after = shared.get(k + 1).copied().unwrap_or(0);
                let own = shared[k].max(after).max(word_lengths[k]) + 1;
                let length = sorted[k].len();
                if !layers.tails {
                    return length;
                }
                own.max(length.saturating_sub(TAIL_LONGEST)).min(length)
            })
            .collect();

        // Breadth-first numbers from one pass over the sorted patterns:
        // within a level, nodes come in pattern order, so a node's number
        // is where its level starts plus how many of that level came
        // before it. (Going over all the patterns once per level read each
        // pattern's memory once per level: a third of the build.)
        let deepest = node_depths.iter().copied().max().unwrap_or(0);
        let mut level_starts = vec![0u32; deepest + 2];
        level_starts[1] = 1;
        for k in 0..sorted.len() {
            for depth in shared[k] + 1..=node_depths[k] {
                level_starts[depth + 1] += 1;
            }
        }
        for depth in 1..level_starts.len() {
            level_starts[depth] += level_starts[depth - 1];
        }
        let count = level_starts[deepest + 1] as usize;

        // `nodes[n + 1].edges` counts node n's children until the sums below.
        let empty = Node {
            edges: 0,
            pattern: NONE,
            count: 0,
            inline: [0; INLINE],
        };
        let mut nodes: Vec<Node> = vec![empty; count + 1];
        let mut bytes: Vec<u8> = vec![0; count];
        // The nodes along the current pattern, by depth.
        let mut path: Vec<u32> = vec![0];
        // Each pattern's first word, the node at its end, and what follows.
        let mut first_words: Vec<(&[u8], u32, &[u8])> = Vec::with_capacity(sorted.len());
        // The tail nodes, with the pattern each ends and the bytes after
        // the node's own.
        let mut tails: Vec<(u32, u32, &[u8])> = Vec::new();
        for (k, pattern) in sorted.iter().enumerate() {
            path.truncate(shared[k] + 1);
            for depth in shared[k] + 1..=node_depths[k] {
                let node = level_starts[depth];
                level_starts[depth] += 1;
                nodes[path[depth - 1] as usize + 1].edges += 1;
                bytes[node as usize] = pattern[depth - 1];
                path.push(node);
            }
            let word = word_lengths[k];
            if (1..=LONGEST_INDEXED).contains(&word) {
                first_words.push((&pattern[..word], path[word], &pattern[word..]));
            }
            let end = path[path.len() - 1];
            if node_depths[k] < pattern.len() {
                tails.push((end, order[k], &pattern[node_depths[k]..]));
            } else if end != 0 {
                nodes[end as usize].pattern = order[k];
            }
        }
        for node in 1..nodes.len() {
            nodes[node].edges += nodes[node - 1].edges;
        }
        for node in 0..nodes.len() - 1 {
            let first = nodes[node].edges as usize + 1;
            let count = nodes[node + 1].edges as usize + 1 - first;
            // At most 256 edges: one per byte.
            nodes[node].count = count as u16;
            let edges = &bytes[first..first + count];
            if count <= INLINE {
                nodes[node].inline[..count].copy_from_slice(edges);
            } else if layers.mapped && edges.iter().all(|&b| SPELLING[b as usize] != NO) {
                let set = edges
                    .iter()
                    .fold(0u64, |set, &b| set | 1 << SPELLING[b as usize]);
                nodes[node].count |= MAPPED;
                nodes[node]
                    .inline
                    .copy_from_slice(&set.to_le_bytes()[..INLINE]);
            }
        }
        // The last node only marked where the edges end.
        nodes.pop();
        let mut tail_bytes = Vec::new();
        for (node, pattern, rest) in tails {
            let mut inline = [0u8; INLINE];
            let held = rest.len().min(INLINE);
            inline[..held].copy_from_slice(&rest[..held]);
            nodes[node as usize] = Node {
                edges: tail_bytes.len() as u32,
                pattern,
                count: TAIL | rest.len() as u16,
                inline,
            };
            tail_bytes.extend_from_slice(&rest[held..]);
        }

        let mut root = Box::new([NONE; 256]);
        let root_edges = nodes[0].edges..nodes[0].edges + u32::from(nodes[0].count & !MAPPED);
        for slot in root_edges {
            root[bytes[slot as usize + 1] as usize] = slot + 1;
        }
        // Chains, deepest first so a node can take over its child's chain.
        // Slot `s` leads to node `s + 1`, whose edge byte is `bytes[s + 1]`.
        let chained = if layers.chains { 1..nodes.len() } else { 0..0 };
        for node in chained.rev() {
            if nodes[node].count != 1 {
                continue;
            }
            let child = nodes[node].edges as usize + 1;
            let below = nodes[child];
            let mut path = [0u8; INLINE];
            path[0] = bytes[child];
            let (length, end) = match (below.count & !CHAIN) as usize {
                more if below.pattern == NONE && below.count & CHAIN != 0 && more < INLINE => {
                    path[1..=more].copy_from_slice(&below.inline[..more]);
                    (more + 1, below.edges)
                }
                _ => (1, child as u32),
            };
            nodes[node] = Node {
                edges: end,
                pattern: nodes[node].pattern,
                count: CHAIN | length as u16,
                inline: path,
            };
        }
        let first_words = FirstWords::new(&first_words, &nodes, layers.pair_set);
        PhraseTrie {
            root,
            nodes,
            bytes,
            tail_bytes,
            first_words,
        }
    }

    /// Whether any pattern starts with this byte.
    #[inline]
    pub fn starts_with(&self, byte: u8) -> bool {
        self.root[byte as usize] != NONE
    }

    /// What the engine asks at a place where a phrase may start (the
    /// character before `at` is not part of a word): every pattern that
    /// `hay[at..]` starts with, less those that end inside the word
    /// `hay[at..word_end]`, which cannot be whole words there, as (pattern,
    /// end), shortest first. `word_end == at` where the place is not a
    /// word (`£`, `(`). Whether a pattern also ends where a word does is
    /// for the caller to check.
    #[inline]
    pub fn phrases_at(
        &self,
        hay: &[u8],
        at: usize,
        word_end: usize,
        found: &mut Vec<(usize, usize)>,
    ) {
        if word_end > at {
            self.prefixes_after_word(hay, at, word_end, found);
        } else {
            self.prefixes_at(hay, at, found);
        }
    }

    /// Every pattern that `hay[at..]` starts with, as (pattern, end),
    /// shortest first.
    pub fn prefixes_at(&self, hay: &[u8], at: usize, found: &mut Vec<(usize, usize)>) {
        found.clear();
        let Some(&first) = hay.get(at) else {
            return;
        };
        self.walk(self.root[first as usize], hay, at + 1, found);
    }

    /// Every pattern that starts with the whole word `hay[at..end]` and
    /// ends at `end` or goes on past it, as (pattern, end), shortest first.
    /// The patterns that end inside the word are left out: they cannot be
    /// whole words there.
    pub fn prefixes_after_word(
        &self,
        hay: &[u8],
        at: usize,
        end: usize,
        found: &mut Vec<(usize, usize)>,
    ) {
        debug_assert!(at <= end, "a word cannot end before it starts");
        found.clear();
        if end - at > LONGEST_INDEXED {
            self.prefixes_at(hay, at, found);
            found.retain(|&(_, found_end)| found_end >= end);
            return;
        }
        let Some(word) = self.first_words.get(&hay[at..end]) else {
            return;
        };
        if word.may_go_on(hay, end) {
            self.walk(word.node, hay, end, found);
        } else if word.pattern != NONE {
            found.push((word.pattern as usize, end));
        }
    }

    /// Walks down from `node`, reached at `hay[..end]`.
    #[inline]
    fn walk(&self, mut node: u32, hay: &[u8], mut end: usize, found: &mut Vec<(usize, usize)>) {
        while node != NONE {
            let here = &self.nodes[node as usize];
            if here.count & TAIL != 0 {
                let length = (here.count & !TAIL) as usize;
                if self.tail_follows(here, hay, end, length) {
                    found.push((here.pattern as usize, end + length));
                }
                break;
            }
            if here.pattern != NONE {
                found.push((here.pattern as usize, end));
            }
            if here.count & CHAIN != 0 {
                let length = (here.count & !CHAIN) as usize;
                if !follows(hay, end, &here.inline, length) {
                    break;
                }
                node = here.edges;
                end += length;
            } else {
                let Some(&byte) = hay.get(end) else {
                    break;
                };
                node = self.child(here, byte);
                end += 1;
            }
        }
    }

    /// Whether `hay[end..]` starts with the `length` bytes of a tail.
    #[inline]
    fn tail_follows(&self, tail: &Node, hay: &[u8], end: usize, length: usize) -> bool {
        let held = length.min(INLINE);
        follows(hay, end, &tail.inline, held)
            && (length == held || {
                let rest = tail.edges as usize..tail.edges as usize + length - held;
                hay.get(end + held..end + length) == self.tail_bytes.get(rest)
            })
    }

    #[inline]
    fn child(&self, node: &Node, byte: u8) -> u32 {
        let first = node.edges as usize + 1;
        if node.count & MAPPED != 0 {
            let bit = SPELLING[byte as usize];
            let mut set = [0u8; 8];
            set[..INLINE].copy_from_slice(&node.inline);
            let set = u64::from_le_bytes(set);
            if bit == NO || set >> bit & 1 == 0 {
                return NONE;
            }
            let below = (set & ((1u64 << bit) - 1)).count_ones() as usize;
            return (first + below) as u32;
        }
        let count = node.count as usize;
        let found = if count <= INLINE {
            node.inline[..count].iter().position(|&b| b == byte)
        } else {
            self.bytes[first..first + count].binary_search(&byte).ok()
        };
        found.map_or(NONE, |i| (first + i) as u32)
    }
}

/// Whether `hay[at..]` starts with the first `length` bytes of `path`.
/// Compared as one word where the text allows: a call to `memcmp` per
/// step cost more than the step.
#[inline]
fn follows(hay: &[u8], at: usize, path: &[u8; INLINE], length: usize) -> bool {
    match hay.get(at..at + 8) {
        Some(next) => {
            let mut word = [0u8; 8];
            word[..INLINE].copy_from_slice(path);
            let mask = (1u64 << (8 * length)) - 1;
            let next = u64::from_le_bytes(next.try_into().unwrap_or([0; 8]));
            (next ^ u64::from_le_bytes(word)) & mask == 0
        }
        None => hay.get(at..at + length) == Some(&path[..length]),
    }
}

/// Bytes that are word characters on their own (ASCII letters, digits and
/// `_`, as [`is_word_char`] says); other bytes below 0x80 are not, and a
/// byte from 0x80 up starts a character that must be decoded to tell.
pub const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// How many bytes of `pattern` its first word takes: the run of word
/// characters it starts with (none if it starts with punctuation).
fn first_word_length(pattern: &str) -> usize {
    let ascii = pattern
        .bytes()
        .take_while(|&b| ASCII_WORD[b as usize])
        .count();
    if pattern.as_bytes().get(ascii).is_none_or(|b| b.is_ascii()) {
        return ascii;
    }
    pattern
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(pattern.len(), |(i, _)| i)
}

/// The trie node at the end of each pattern's first word, in a hash table
/// keyed by the word, with a note of what may follow it.
///
/// A phrase that is a whole word must take the whole first word of the
/// text where it starts, so at a word start the engine looks that word up
/// here instead of walking it a byte at a time; and the note tells, most
/// of the time without touching the trie, that no phrase goes on past it.
/// With a big ruleset those walks were most of the matching: the generated
/// phrases start with the corpus's own words, so nearly every word of a
/// text went several levels deep into a trie far bigger than the cache, a
/// likely miss at each level. The table is open addressing with linear
/// probing, at most half full, a cache line per slot: 256 KB for the
/// built-in rules' 1,900 first words, 512 KB for ten times the phrases
/// (3,200 first words: they share words).
#[derive(Debug)]
struct FirstWords {
    slots: Box<[FirstWord]>,
    /// 64 minus the table's bits: a hash's top bits are its slot.
    shift: u32,
    /// The bytes of words longer than sixteen bytes from their ninth to
    /// their end, at `tail_starts[slot]` (only read for such words).
    tails: Vec<u8>,
    tail_starts: Box<[u32]>,
}

/// A first word of some pattern.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct FirstWord {
    /// The word's first eight bytes, zero padded.
    head: u64,
    /// For a word longer than eight bytes, its last eight.
    last: u64,
    /// The two bytes after "word " in the patterns that go on past it,
    /// hashed to one of 256 bits each (all bits, if one has fewer than
    /// two). With ten phrases to a first word, nine times in ten the text
    /// has none of them and the trie is not touched.
    after_space: [u64; 4],
    /// The node at the word's end, or `NONE` for an empty slot.
    node: u32,
    /// The pattern that is the word alone, or `NONE`.
    pattern: u32,
    /// The word's length in bytes.
    length: u16,
    /// Whether a pattern goes on past the word with a byte other than a
    /// space (`care-leaver`, `e.g.`).
    other_follows: bool,
}

impl FirstWord {
    /// Whether a pattern may go on past the word at `hay[end..]`: false
    /// means none does, true means walk the trie to see.
    #[inline]
    fn may_go_on(&self, hay: &[u8], end: usize) -> bool {
        match hay.get(end..end + 3) {
            Some(&[b' ', a, b]) => {
                let bit = pair_bit(a, b);
                self.after_space[bit / 64] >> (bit % 64) & 1 != 0
            }
            Some(_) => self.other_follows,
            // Near the end of the text: let the walk decide.
            None => end < hay.len(),
        }
    }
}

/// Which of 256 bits stands for two bytes.
#[inline]
fn pair_bit(a: u8, b: u8) -> usize {
    ((u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B1) >> 24) as usize
}

/// First words longer than this are not in the table, and a text word
/// this long is walked a byte at a time.
const LONGEST_INDEXED: usize = 255;

impl FirstWords {
    /// The table of `(first word, node at its end, rest of the pattern)`
    /// for every pattern.
    /// Without `pair_set`, a space after the word always means walk on.
    fn new(patterns: &[(&[u8], u32, &[u8])], nodes: &[Node], pair_set: bool) -> FirstWords {
        // The same word leads to the same node: count the distinct nodes.
        let mut seen = vec![0u64; nodes.len().div_ceil(64)];
        let mut distinct = 0;
        for &(_, node, _) in patterns {
            let (word, bit) = (node as usize / 64, node % 64);
            distinct += usize::from(seen[word] >> bit & 1 == 0);
            seen[word] |= 1 << bit;
        }
        let capacity = (2 * distinct).next_power_of_two().max(16);
        let empty = FirstWord {
            head: 0,
            last: 0,
            after_space: [0; 4],
            node: NONE,
            pattern: NONE,
            length: 0,
            other_follows: false,
        };
        let mut table = FirstWords {
            slots: vec![empty; capacity].into_boxed_slice(),
            shift: 64 - capacity.trailing_zeros(),
            tails: Vec::new(),
            tail_starts: vec![0; capacity].into_boxed_slice(),
        };
        for &(word, node, rest) in patterns {
            let slot = match table.find(word) {
                Ok(slot) => slot,
                Err(free) => {
                    table.slots[free] = FirstWord {
                        head: head_of(word),
                        last: last_of(word),
                        length: word.len() as u16,
                        node,
                        pattern: nodes[node as usize].pattern,
                        ..empty
                    };
                    if word.len() > 16 {
                        table.tail_starts[free] = table.tails.len() as u32;
                        table.tails.extend_from_slice(&word[8..]);
                    }
                    free
                }
            };
            let entry = &mut table.slots[slot];
            match rest {
                [] => {}
                [b' ', a, b, ..] if pair_set => {
                    let bit = pair_bit(*a, *b);
                    entry.after_space[bit / 64] |= 1 << (bit % 64);
                }
                [b' ', ..] => entry.after_space = [u64::MAX; 4],
                _ => entry.other_follows = true,
            }
        }
        table
    }

    /// The entry for `word`, if some pattern starts with it as a whole word.
    #[inline]
    fn get(&self, word: &[u8]) -> Option<&FirstWord> {
        self.find(word).ok().map(|slot| &self.slots[slot])
    }

    /// The slot holding `word`, or the empty slot where it would go.
    #[inline]
    fn find(&self, word: &[u8]) -> Result<usize, usize> {
        let head = head_of(word);
        let mut key = head ^ word.len() as u64;
        if word.len() > 8 {
            key = key.rotate_left(29) ^ head_of(&word[word.len() - 8..]);
        }
        let mask = self.slots.len() - 1;
        let mut slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        loop {
            let here = &self.slots[slot];
            if here.node == NONE {
                return Err(slot);
            }
            if here.head == head
                && usize::from(here.length) == word.len()
                && here.last == last_of(word)
                && (word.len() <= 16 || {
                    let start = self.tail_starts[slot] as usize;
                    self.tails.get(start..start + word.len() - 8) == Some(&word[8..])
                })
            {
                return Ok(slot);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// A word's last eight bytes as a number, if it is longer than eight.
#[inline]
fn last_of(word: &[u8]) -> u64 {
    match word.len().checked_sub(8) {
        Some(start) if start > 0 => head_of(&word[start..]),
        _ => 0,
    }
}

/// A word's first eight bytes as a number, zero padded.
#[inline]
fn head_of(word: &[u8]) -> u64 {
    let mut head = [0u8; 8];
    let n = word.len().min(8);
    head[..n].copy_from_slice(&word[..n]);
    u64::from_le_bytes(head)
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    // Eight bytes at a time: a byte at a time was a tenth of the build.
    let mut shared = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let differ = u64::from_le_bytes(x.try_into().unwrap_or([0; 8]))
            ^ u64::from_le_bytes(y.try_into().unwrap_or([0; 8]));
        if differ != 0 {
            return shared + differ.trailing_zeros() as usize / 8;
        }
        shared += 8;
    }
    shared
        + a[shared..]
            .iter()
            .zip(&b[shared..])
            .take_while(|(x, y)| x == y)
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(patterns: &[&str]) -> PhraseTrie {
        PhraseTrie::new(patterns)
    }

    fn prefixes(trie: &PhraseTrie, hay: &str, at: usize) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        trie.prefixes_at(hay.as_bytes(), at, &mut found);
        found
    }

    #[test]
    fn finds_every_pattern_starting_at_a_place_shortest_first() {
        let t = trie(&["care plan", "care", "carer", "care plans", "plan"]);
        assert_eq!(
            prefixes(&t, "care plans now", 0),
            vec![(1, 4), (0, 9), (3, 10)]
        );
        assert_eq!(prefixes(&t, "carers", 0), vec![(1, 4), (2, 5)]);
        assert_eq!(prefixes(&t, "a care plan", 2), vec![(1, 6), (0, 11)]);
        assert_eq!(prefixes(&t, "a care plan", 7), vec![(4, 11)]);
    }

    #[test]
    fn reports_nothing_where_no_pattern_starts() {
        let t = trie(&["respite", "service user"]);
        assert!(prefixes(&t, "resp", 0).is_empty());
        assert!(prefixes(&t, "service use", 0).is_empty());
        assert!(prefixes(&t, "x", 0).is_empty());
        assert!(prefixes(&t, "", 0).is_empty());
        assert!(t.starts_with(b'r') && t.starts_with(b's') && !t.starts_with(b'x'));
        let none = trie(&[]);
        assert!(prefixes(&none, "anything", 0).is_empty() && !none.starts_with(b'a'));
    }

    #[test]
    fn the_order_patterns_are_given_in_does_not_matter() {
        let mut patterns = vec!["zebra", "a", "ab", "abc", "b", "ba", "été", "é"];
        let expected = {
            let t = trie(&patterns);
            (prefixes(&t, "abcd", 0), prefixes(&t, "été", 0))
        };
        patterns.reverse();
        let t = trie(&patterns);
        let n = patterns.len() - 1;
        // Pattern numbers follow the given order, so map them back.
        let remap = |found: Vec<(usize, usize)>| -> Vec<(usize, usize)> {
            found.into_iter().map(|(p, e)| (n - p, e)).collect()
        };
        assert_eq!(remap(prefixes(&t, "abcd", 0)), expected.0);
        assert_eq!(remap(prefixes(&t, "été", 0)), expected.1);
        assert_eq!(expected.0, vec![(1, 1), (2, 2), (3, 3)]);
        assert_eq!(expected.1.len(), 2);
    }

    #[test]
    fn long_unbranching_paths_are_walked_in_one_step_but_stop_where_a_pattern_ends() {
        let t = trie(&["internationalisation", "international", "intern", "in"]);
        // Near the end of the text (fewer than eight bytes left) and far from it.
        for tail in ["", " of the council's plans"] {
            let hay = format!("internationalisation{tail}");
            assert_eq!(
                prefixes(&t, &hay, 0),
                vec![(3, 2), (2, 6), (1, 13), (0, 20)],
                "{hay}"
            );
        }
        assert_eq!(
            prefixes(&t, "internationalis", 0),
            vec![(3, 2), (2, 6), (1, 13)]
        );
        assert_eq!(
            prefixes(&t, "internationally", 0),
            vec![(3, 2), (2, 6), (1, 13)]
        );
        assert_eq!(prefixes(&t, "internal", 0), vec![(3, 2), (2, 6)]);
        assert_eq!(prefixes(&t, "interim", 0), vec![(3, 2)]);
        let one = trie(&["abcdefghijklmnopqrstuvwxyz"]);
        assert_eq!(
            prefixes(&one, "abcdefghijklmnopqrstuvwxyz", 0),
            vec![(0, 26)]
        );
        assert!(prefixes(&one, "abcdefghijklmnopqrstuvwxy", 0).is_empty());
        assert!(prefixes(&one, "abcdefghijklmnopqrstuvwxyZ", 0).is_empty());
        assert!(prefixes(&one, "abcdefghijklmnopqrstuvwxyZ and more", 0).is_empty());
        assert!(prefixes(&one, "abcdefghijklmnopqrstuvwXyz and more", 0).is_empty());
        assert_eq!(
            prefixes(&one, "abcdefghijklmnopqrstuvwxyz and more", 0),
            vec![(0, 26)]
        );
    }

    /// Where the word starting at `at` ends, said plainly: the engine's
    /// faster [`crate::engine::word_end`] must agree.
    fn plain_word_end(hay: &str, at: usize) -> usize {
        hay[at..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(hay.len(), |(i, _)| at + i)
    }

    /// What a walk a byte at a time finds from a word start, less the
    /// patterns ending inside the word (which cannot be whole words).
    fn from_word_start(trie: &PhraseTrie, hay: &str, at: usize) -> [Vec<(usize, usize)>; 2] {
        let end = plain_word_end(hay, at);
        let mut by_bytes = prefixes(trie, hay, at);
        by_bytes.retain(|&(_, e)| e >= end);
        let mut by_word = Vec::new();
        trie.prefixes_after_word(hay.as_bytes(), at, end, &mut by_word);
        [by_bytes, by_word]
    }

    #[test]
    fn looking_up_the_first_word_finds_what_walking_it_finds() {
        let t = trie(&[
            "care",
            "care plan",
            "care-leaver",
            "care package",
            "carer",
            "vitamin d",
            "e.g.",
            "independence",
            "independent living",
            "independentnesses",
            "independentnessez plan",
            "café culture",
            "x",
        ]);
        // What each text starts with, shortest first (whole words or not:
        // the engine checks that).
        let cases: &[(&str, &[&str])] = &[
            ("care plan", &["care", "care plan"]),
            ("care planning", &["care", "care plan"]),
            ("care-leaver", &["care", "care-leaver"]),
            ("care-leavers", &["care", "care-leaver"]),
            ("care package", &["care", "care package"]),
            ("care p", &["care"]),
            ("care pl", &["care"]),
            ("care ", &["care"]),
            ("care", &["care"]),
            ("carer", &["carer"]),
            ("cares", &[]),
            ("vitamin d", &["vitamin d"]),
            ("vitamin d3", &["vitamin d"]),
            ("vitamin", &[]),
            ("e.g. this", &["e.g."]),
            ("independence", &["independence"]),
            ("independency", &[]),
            ("independent living", &["independent living"]),
            ("independentnesses", &["independentnesses"]),
            // Same first eight bytes and length; differ at the end, or only
            // in the middle.
            ("independenx", &[]),
            ("independqntnesses", &[]),
            ("independentnessez plan", &["independentnessez plan"]),
            ("independentnesseZ plan", &[]),
            ("independentnessex plan", &[]),
            ("café culture", &["café culture"]),
            ("x y", &["x"]),
        ];
        for &(hay, expected) in cases {
            let [by_bytes, by_word] = from_word_start(&t, hay, 0);
            assert_eq!(by_word, by_bytes, "{hay}");
            let texts: Vec<&str> = by_word.iter().map(|&(_, e)| &hay[..e]).collect();
            assert_eq!(texts, expected, "{hay}");
        }
        // A word too long for the table is walked a byte at a time.
        let long = format!("{} plan", "a".repeat(LONGEST_INDEXED + 1));
        let t = trie(&[long.as_str(), "a"]);
        let [by_bytes, by_word] = from_word_start(&t, &long, 0);
        assert_eq!(by_word, by_bytes);
        assert_eq!(by_word, vec![(0, long.len())]);
    }

    #[test]
    fn walks_and_first_word_lookups_agree_with_plain_comparison_on_generated_text() {
        // Words that share their first eight bytes, run past sixteen, are
        // one letter long, hold hyphens, apostrophes or letters beyond
        // ASCII, and punctuation that starts a phrase.
        let words = [
            "care",
            "carer",
            "cared",
            "plan",
            "plans",
            "p",
            "d",
            "a",
            "x",
            "1st",
            "24",
            "7",
            "independ",
            "independent",
            "independence",
            "independently",
            "independentnesses",
            "internationalisation",
            "internationalisations",
            "co",
            "ordinate",
            "don",
            "t",
            "café",
            "naïve",
            "über",
            "straße",
            "日本",
            "e",
            "g",
            "vitamin",
            "leaver",
        ];
        let joins = [
            " ", " ", " ", "-", "'", "/", ".", ", ", "  ", "\n", " (", "£",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let phrase = |words_in: usize, next: &mut dyn FnMut(usize) -> usize| {
            let mut text = String::new();
            for i in 0..words_in {
                if i > 0 {
                    text.push_str(joins[next(joins.len())]);
                }
                text.push_str(words[next(words.len())]);
            }
            text
        };
        let mut patterns: Vec<String> = (0..400).map(|_| phrase(1 + next(3), &mut next)).collect();
        patterns.extend(["(see", "£5", "e.g.", "don't"].map(String::from));
        patterns.sort();
        patterns.dedup();
        let t = PhraseTrie::new(&patterns);
        let mut walks = 0;
        let mut found = 0;
        for _ in 0..300 {
            // Patterns whole, patterns cut short, and other words.
            let mut hay = String::new();
            for _ in 0..2 + next(10) {
                let piece = match next(3) {
                    0 => phrase(1, &mut next),
                    1 => patterns[next(patterns.len())].clone(),
                    _ => {
                        let pattern = &patterns[next(patterns.len())];
                        let cut = next(pattern.len() + 1);
                        let cut = (0..=cut)
                            .rev()
                            .find(|&i| pattern.is_char_boundary(i))
                            .unwrap_or(0);
                        pattern[..cut].to_string()
                    }
                };
                hay.push_str(&piece);
                hay.push_str(joins[next(joins.len())]);
            }
            for (at, c) in hay.char_indices() {
                // Anywhere, a walk finds what comparing every pattern finds.
                let mut expected: Vec<(usize, usize)> = patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| hay[at..].starts_with(p.as_str()))
                    .map(|(i, p)| (i, at + p.len()))
                    .collect();
                expected.sort_by_key(|&(_, end)| end);
                assert_eq!(prefixes(&t, &hay, at), expected, "{hay:?} at {at}");
                let starts_word = hay[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|b| !is_word_char(b));
                if !(is_word_char(c) && starts_word) {
                    continue;
                }
                let end = plain_word_end(&hay, at);
                assert_eq!(crate::engine::word_end(&hay, at), end, "{hay:?} at {at}");
                let [by_bytes, by_word] = from_word_start(&t, &hay, at);
                assert_eq!(by_word, by_bytes, "{hay:?} at {at}");
                walks += 1;
                found += by_word.iter().filter(|&&(_, e)| e > end).count();
            }
        }
        // The generated text meets phrases that go on past their first
        // word many times over.
        assert!(walks > 2000 && found > 400, "{walks} walks, {found} found");
    }

    #[test]
    fn the_rest_of_a_pattern_no_other_shares_is_one_node() {
        let long = format!("care {}", "z".repeat(TAIL_LONGEST + 10));
        let patterns = [
            "independent living",
            "independent living fund",
            "independent",
            "respite",
            "respite care at home",
            "re",
            long.as_str(),
        ];
        let t = trie(&patterns);
        // "…living fund" and "respite care at home" end in rests of their own
        // (one held in the node, one longer), and so does the long one; the
        // other patterns go on into longer ones, or end where they part.
        let tails = t.nodes.iter().filter(|n| n.count & TAIL != 0).count();
        assert_eq!(tails, 3);
        let texts = |hay: &str| -> Vec<String> {
            prefixes(&t, hay, 0)
                .into_iter()
                .map(|(p, _)| patterns[p].to_string())
                .collect()
        };
        // Rests longer and shorter than a node holds, matched, cut short,
        // and wrong in the held part or beyond it.
        assert_eq!(
            texts("independent living fund now"),
            [
                "independent",
                "independent living",
                "independent living fund"
            ]
        );
        assert_eq!(
            texts("independent living fun"),
            ["independent", "independent living"]
        );
        assert_eq!(texts("independent livinG"), ["independent"]);
        assert_eq!(
            texts("respite care at home."),
            ["re", "respite", "respite care at home"]
        );
        assert_eq!(texts("respite carE at home"), ["re", "respite"]);
        assert_eq!(texts("respite care at homE"), ["re", "respite"]);
        assert_eq!(texts("respite care at hom"), ["re", "respite"]);
        assert_eq!(texts("respitx"), ["re"]);
        // Longer than a tail node takes: nodes down to where one can take
        // the rest, and still found.
        assert_eq!(texts(&long), vec![long.clone()]);
        assert!(texts(&long[..long.len() - 1]).is_empty());
        for (wrong_at, _) in long.char_indices().skip(5).step_by(997) {
            let mut wrong = long.clone();
            wrong.replace_range(wrong_at..=wrong_at, "y");
            assert!(texts(&wrong).is_empty(), "wrong at {wrong_at}");
        }
        let long_tail = t
            .nodes
            .iter()
            .find(|n| n.count & TAIL != 0 && usize::from(n.count & !TAIL) == TAIL_LONGEST);
        assert!(long_tail.is_some(), "the long rest ends in a full tail");
        assert!(
            t.nodes.len() < 200,
            "no node per byte: {} nodes",
            t.nodes.len()
        );
    }

    #[test]
    fn nodes_with_many_edges_find_every_child_and_nothing_else() {
        // Only spelling (kept as a set of bits), and with other bytes too
        // (searched in the edge bytes); both with gaps between the edges.
        let spelling = [" ", "'", "-", "0", "7", "9", "a", "c", "m", "q", "z"];
        let other = [" ", "&", "/", "0", "a", "k", "z", "é", "~"];
        for (lead, tails) in [("x", &spelling[..]), ("y", &other[..])] {
            let patterns: Vec<String> = tails.iter().map(|t| format!("{lead}{t}")).collect();
            assert!(patterns.len() > INLINE, "more edges than a node holds");
            let t = PhraseTrie::new(&patterns);
            for (i, pattern) in patterns.iter().enumerate() {
                assert_eq!(
                    prefixes(&t, &format!("{pattern}!"), 0),
                    vec![(i, pattern.len())]
                );
            }
            for absent in ["b", "1", "A", "_", ".", "è", "\u{7f}"] {
                let hay = format!("{lead}{absent}");
                assert!(prefixes(&t, &hay, 0).is_empty(), "{hay}");
            }
        }
    }
}
