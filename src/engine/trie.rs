//! The phrase matcher: every literal form in one byte trie, walked only
//! from the places where a word can start.
//!
//! A finding is always a whole word, so a phrase can only begin where the
//! character before it is not a letter or a digit. Walking a plain trie from
//! those places finds exactly what an unanchored Aho-Corasick automaton
//! finds there, without the automaton's failure transitions. Those were the
//! cost: building them took 6 ms for the 3,578 built-in forms (a third of
//! start-up) and 130 ms for ten times as many, growing faster than the
//! phrases. This trie is built in one pass over the sorted forms, in time
//! proportional to their length.

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
    /// the node the chain leads to).
    edges: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    /// How many edges, with `CHAIN` or `MAPPED` set when `inline` holds a
    /// chain or a set of bits instead of the edges' bytes.
    count: u16,
    /// The edges' bytes, when there are at most `INLINE` of them.
    inline: [u8; INLINE],
}

impl PhraseTrie {
    /// Builds the trie; `patterns[i]` is reported as pattern `i`.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> PhraseTrie {
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

        // Breadth-first numbers from one pass over the sorted patterns:
        // within a level, nodes come in pattern order, so a node's number
        // is where its level starts plus how many of that level came
        // before it. (Going over all the patterns once per level read each
        // pattern's memory once per level: a third of the build.)
        let deepest = sorted.iter().map(|p| p.len()).max().unwrap_or(0);
        let mut level_starts = vec![0u32; deepest + 2];
        level_starts[1] = 1;
        for (k, pattern) in sorted.iter().enumerate() {
            for depth in shared[k] + 1..=pattern.len() {
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
        for (k, pattern) in sorted.iter().enumerate() {
            path.truncate(shared[k] + 1);
            for depth in shared[k] + 1..=pattern.len() {
                let node = level_starts[depth];
                level_starts[depth] += 1;
                nodes[path[depth - 1] as usize + 1].edges += 1;
                bytes[node as usize] = pattern[depth - 1];
                path.push(node);
            }
            let end = path[path.len() - 1];
            if end != 0 {
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
            } else if edges.iter().all(|&b| SPELLING[b as usize] != NO) {
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

        let mut root = Box::new([NONE; 256]);
        let root_edges = nodes[0].edges..nodes[0].edges + u32::from(nodes[0].count & !MAPPED);
        for slot in root_edges {
            root[bytes[slot as usize + 1] as usize] = slot + 1;
        }
        // Chains, deepest first so a node can take over its child's chain.
        // Slot `s` leads to node `s + 1`, whose edge byte is `bytes[s + 1]`.
        for node in (1..nodes.len()).rev() {
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
        PhraseTrie { root, nodes, bytes }
    }

    /// Whether any pattern starts with this byte.
    #[inline]
    pub fn starts_with(&self, byte: u8) -> bool {
        self.root[byte as usize] != NONE
    }

    /// Every pattern that `hay[at..]` starts with, as (pattern, end),
    /// shortest first.
    pub fn prefixes_at(&self, hay: &[u8], at: usize, found: &mut Vec<(usize, usize)>) {
        found.clear();
        let Some(&first) = hay.get(at) else {
            return;
        };
        let mut node = self.root[first as usize];
        let mut end = at + 1;
        while node != NONE {
            let here = &self.nodes[node as usize];
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

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
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
