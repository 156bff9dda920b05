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

/// No node: the root has no edge for this byte.
const NONE: u32 = u32::MAX;

/// A byte trie over distinct, non-empty patterns.
#[derive(Debug)]
pub struct PhraseTrie {
    /// The root's child for each first byte (`NONE` where no pattern starts
    /// with it): the one lookup made at every word start.
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// Every node's edges, one sorted run per node.
    labels: Vec<u8>,
    targets: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    edges_start: u32,
    edges_len: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
}

impl PhraseTrie {
    /// Builds the trie; `patterns[i]` is reported as pattern `i`.
    pub fn new(patterns: &[String]) -> PhraseTrie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| patterns[a as usize].cmp(&patterns[b as usize]));

        // In sorted order each pattern shares a prefix with the one before
        // it, so new nodes hang off the previous pattern's path, and every
        // node's children are created in byte order.
        let mut nodes = vec![Node {
            edges_start: 0,
            edges_len: 0,
            pattern: NONE,
        }];
        // (parent, label), in creation order; node `i + 1` is edge `i`'s child.
        let mut edges: Vec<(u32, u8)> = Vec::new();
        let mut path: Vec<u32> = vec![0];
        let mut previous: &[u8] = &[];
        for &index in &order {
            let pattern = patterns[index as usize].as_bytes();
            let shared = pattern
                .iter()
                .zip(previous)
                .take_while(|(a, b)| a == b)
                .count();
            path.truncate(shared + 1);
            for &byte in &pattern[shared..] {
                let parent = path[path.len() - 1];
                let child = nodes.len() as u32;
                nodes.push(Node {
                    edges_start: 0,
                    edges_len: 0,
                    pattern: NONE,
                });
                edges.push((parent, byte));
                nodes[parent as usize].edges_len += 1;
                path.push(child);
            }
            if let Some(&end) = path.last()
                && end != 0
            {
                nodes[end as usize].pattern = index;
            }
            previous = pattern;
        }

        // Lay the edges out node by node (counting sort on the parent).
        let mut next_slot = 0u32;
        for node in &mut nodes {
            node.edges_start = next_slot;
            next_slot += node.edges_len;
        }
        let mut filled = vec![0u32; nodes.len()];
        let mut labels = vec![0u8; edges.len()];
        let mut targets = vec![0u32; edges.len()];
        for (edge, &(parent, byte)) in edges.iter().enumerate() {
            let node = nodes[parent as usize];
            let slot = (node.edges_start + filled[parent as usize]) as usize;
            filled[parent as usize] += 1;
            labels[slot] = byte;
            targets[slot] = edge as u32 + 1;
        }
        let mut root = Box::new([NONE; 256]);
        let first = nodes[0];
        for slot in first.edges_start..first.edges_start + first.edges_len {
            root[labels[slot as usize] as usize] = targets[slot as usize];
        }
        PhraseTrie {
            root,
            nodes,
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
            let current = self.nodes[node as usize];
            if current.pattern != NONE {
                found.push((current.pattern as usize, end));
            }
            let Some(&byte) = hay.get(end) else {
                break;
            };
            node = self.child(current, byte);
            end += 1;
        }
    }

    #[inline]
    fn child(&self, node: Node, byte: u8) -> u32 {
        let start = node.edges_start as usize;
        let labels = &self.labels[start..start + node.edges_len as usize];
        // Most nodes deep in a phrase have one or two edges.
        let found = if labels.len() <= 8 {
            labels.iter().position(|&l| l == byte)
        } else {
            labels.binary_search(&byte).ok()
        };
        found.map_or(NONE, |i| self.targets[start + i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(patterns: &[&str]) -> PhraseTrie {
        PhraseTrie::new(&patterns.iter().map(|p| p.to_string()).collect::<Vec<_>>())
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
        let t = PhraseTrie::new(&patterns);
        for (i, c) in (b'a'..=b'z').enumerate() {
            let hay = format!("x{}", c as char);
            let mut found = Vec::new();
            t.prefixes_at(hay.as_bytes(), 0, &mut found);
            assert_eq!(found, vec![(i, 2)], "{hay}");
        }
    }
}
