//! A hash that never changes between releases, platforms or runs: 64-bit
//! FNV-1a. Shards and baseline fingerprints are stored or shared between
//! machines, so they cannot use std's `DefaultHasher`, whose algorithm may
//! change with any Rust release.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over some bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_more(OFFSET, bytes)
}

/// Continues a hash with more bytes: `fnv1a_more(fnv1a(a), b) == fnv1a(a ++ b)`.
pub fn fnv1a_more(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_test_vectors() {
        // From the FNV reference (draft-eastlake-fnv): "", "a", "foobar".
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(fnv1a_more(fnv1a(b"foo"), b"bar"), fnv1a(b"foobar"));
    }
}
