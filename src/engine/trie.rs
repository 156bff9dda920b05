//! The phrase matcher: every literal form in one byte trie, walked only
//! from the places where a word can start.
//!
//! A finding is always a whole word, so a phrase can only begin where the
//! character before it is not a letter or a digit. Walking a plain trie from
//! those places finds exactly what an unanchored Aho-Corasick automaton
//! finds there, without the automaton's failure transitions. Those were the
//! cost: building them took 6 ms for the 3,578 built-in forms (a third of
//! start-up) and 130 ms for ten times as many, growing faster than the
//! phrases. This trie is built in one pass over the sorted forms.

/// No node, or no pattern.
const NONE: u32 = u32::MAX;

/// A byte trie over distinct, non-empty patterns.
///
/// Nodes are numbered in the order a walk over the sorted patterns creates
/// them, and every node's edges sit together, sorted by byte. It is built
/// in two such walks (count the edges, then place them), with nothing else
/// in memory: 13 bytes a node. With 36,000 phrases a fresh page of memory
/// was a large part of the build's cost.
#[derive(Debug)]
pub struct PhraseTrie {
    /// The root's child for each first byte (`NONE` where no pattern starts
    /// with it): the one lookup made at every word start.
    root: Box<[u32; 256]>,
    /// Node `n`'s edges are `starts[n]..starts[n + 1]`.
    starts: Vec<u32>,
    /// The pattern that ends at each node, or `NONE`.
    ends: Vec<u32>,
    labels: Vec<u8>,
    targets: Vec<u32>,
}

impl PhraseTrie {
    /// Builds the trie; `patterns[i]` is reported as pattern `i`.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> PhraseTrie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            patterns[a as usize]
                .as_ref()
                .cmp(patterns[b as usize].as_ref())
        });

        // First walk: each node's number of edges (in `starts[n + 1]`), and
        // the pattern ending there.
        let mut starts: Vec<u32> = vec![0, 0];
        let mut ends: Vec<u32> = vec![NONE];
        replay(patterns, &order, |step| match step {
            Step::Edge { parent, .. } => {
                starts[parent as usize + 1] += 1;
                starts.push(0);
                ends.push(NONE);
            }
            Step::End { node, pattern } => ends[node as usize] = pattern,
        });
        for node in 1..starts.len() {
            starts[node] += starts[node - 1];
        }
        // Second walk: place each edge, using `starts[n]` as node n's
        // cursor. Afterwards `starts[n]` holds where node n + 1 starts, so
        // shifting by one restores the table.
        let edges = starts[starts.len() - 1] as usize;
        let mut labels = vec![0u8; edges];
        let mut targets = vec![0u32; edges];
        replay(patterns, &order, |step| {
            if let Step::Edge {
                parent,
                byte,
                child,
            } = step
            {
                let slot = starts[parent as usize] as usize;
                labels[slot] = byte;
                targets[slot] = child;
                starts[parent as usize] += 1;
            }
        });
        starts.rotate_right(1);
        starts[0] = 0;

        let mut root = Box::new([NONE; 256]);
        for slot in starts[0]..starts[1] {
            root[labels[slot as usize] as usize] = targets[slot as usize];
        }
        PhraseTrie {
            root,
            starts,
            ends,
            labels,
            targets,
        }
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
            let pattern = self.ends[node as usize];
            if pattern != NONE {
                found.push((pattern as usize, end));
            }
            let Some(&byte) = hay.get(end) else {
                break;
            };
            node = self.child(node, byte);
            end += 1;
        }
    }

    #[inline]
    fn child(&self, node: u32, byte: u8) -> u32 {
        let edges = self.starts[node as usize] as usize..self.starts[node as usize + 1] as usize;
        let labels = &self.labels[edges.clone()];
        // Most nodes deep in a phrase have one or two edges.
        let found = if labels.len() <= 8 {
            labels.iter().position(|&l| l == byte)
        } else {
            labels.binary_search(&byte).ok()
        };
        found.map_or(NONE, |i| self.targets[edges.start + i])
    }
}

/// What a walk over the sorted patterns meets.
enum Step {
    /// A new node, `child`, reached from `parent` by `byte`.
    Edge { parent: u32, byte: u8, child: u32 },
    /// A pattern ends at `node`.
    End { node: u32, pattern: u32 },
}

/// Walks the sorted patterns as a trie build would, numbering nodes as they
/// are created. In sorted order each pattern shares a prefix with the one
/// before, so new nodes hang off the previous path and every node's edges
/// come in byte order.
fn replay<P: AsRef<str>>(patterns: &[P], order: &[u32], mut step: impl FnMut(Step)) {
    let mut path: Vec<u32> = vec![0];
    let mut previous: &[u8] = &[];
    let mut next_node = 1u32;
    for &index in order {
        let pattern = patterns[index as usize].as_ref().as_bytes();
        let shared = pattern
            .iter()
            .zip(previous)
            .take_while(|(a, b)| a == b)
            .count();
        path.truncate(shared + 1);
        for &byte in &pattern[shared..] {
            step(Step::Edge {
                parent: path[path.len() - 1],
                byte,
                child: next_node,
            });
            path.push(next_node);
            next_node += 1;
        }
        let node = path[path.len() - 1];
        if node != 0 {
            step(Step::End {
                node,
                pattern: index,
            });
        }
        previous = pattern;
    }
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
    fn a_node_with_many_edges_is_searched_correctly() {
        let patterns: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
        assert!(patterns.len() > 8, "more edges than a linear scan handles");
        let t = PhraseTrie::new(&patterns);
        for (i, c) in (b'a'..=b'z').enumerate() {
            let hay = format!("x{}", c as char);
            let mut found = Vec::new();
            t.prefixes_at(hay.as_bytes(), 0, &mut found);
            assert_eq!(found, vec![(i, 2)], "{hay}");
        }
    }
}
