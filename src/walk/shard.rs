//! `--shard K/N`: a stable share of the files, so one large run can be
//! spread over a CI matrix. A file belongs to shard `hash % N + 1`, where
//! `hash` is FNV-1a of its path as reported (`/` separators, no leading
//! `./`): the same on every machine, every release and every run, and
//! independent of which other files exist.

use std::fmt;
use std::str::FromStr;

use crate::hash::fnv1a;

/// Shard `index` of `count`, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    #[error("expected K/N, such as 1/4 (the first of four shares)")]
    Syntax,
    #[error("the number of shards must be at least 1")]
    NoShards,
    #[error("shard {index} does not exist: shards are numbered 1 to {count}")]
    OutOfRange { index: u64, count: u64 },
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(text: &str) -> Result<Shard, ShardError> {
        let (index, count) = text.trim().split_once('/').ok_or(ShardError::Syntax)?;
        let number = |s: &str| s.trim().parse::<u64>().map_err(|_| ShardError::Syntax);
        let (index, count) = (number(index)?, number(count)?);
        if count == 0 {
            return Err(ShardError::NoShards);
        }
        if index == 0 || index > count {
            return Err(ShardError::OutOfRange { index, count });
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether the file reported as `path` belongs to this shard.
    pub fn contains(&self, path: &str) -> bool {
        shard_of(path, self.count) == self.index
    }
}

/// The 1-based shard of a path among `count`.
pub fn shard_of(path: &str, count: u64) -> u64 {
    let normal = path.replace('\\', "/");
    let mut normal = normal.as_str();
    while let Some(rest) = normal.strip_prefix("./") {
        normal = rest;
    }
    fnv1a(normal.as_bytes()) % count.max(1) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n_and_rejects_the_rest() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 2, count: 4 }));
        assert_eq!("1/1".parse(), Ok(Shard { index: 1, count: 1 }));
        assert_eq!(
            "0/4".parse::<Shard>(),
            Err(ShardError::OutOfRange { index: 0, count: 4 })
        );
        assert_eq!(
            "5/4".parse::<Shard>(),
            Err(ShardError::OutOfRange { index: 5, count: 4 })
        );
        assert_eq!("1/0".parse::<Shard>(), Err(ShardError::NoShards));
        for bad in ["", "2", "a/4", "1/b", "-1/4", "1/4/5"] {
            assert_eq!(bad.parse::<Shard>(), Err(ShardError::Syntax), "{bad}");
        }
    }

    #[test]
    fn a_path_is_in_exactly_one_shard_whatever_its_spelling() {
        for count in 1..6 {
            let shards: Vec<u64> = (1..=count)
                .filter(|&index| Shard { index, count }.contains("docs/a.md"))
                .collect();
            assert_eq!(shards.len(), 1);
        }
        assert_eq!(shard_of("./docs/a.md", 7), shard_of("docs/a.md", 7));
        assert_eq!(shard_of("docs\\a.md", 7), shard_of("docs/a.md", 7));
    }

    #[test]
    fn shards_are_fixed_by_the_hash_not_by_the_platform() {
        // Pinned values: a change here would move files between shards in
        // every CI matrix using ordinary.
        assert_eq!(shard_of("docs/a.md", 4), 2);
        assert_eq!(shard_of("docs/a.md", 1000), 846);
        assert_eq!(shard_of("corpus/plain/x.md", 4), 1);
        assert_eq!(shard_of("corpus/plain/x.md", 1000), 429);
    }
}
