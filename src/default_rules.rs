//! The rules that come with ordinary: the text of every `rules/*.toml`
//! file, and the [`Ruleset`] build.rs compiled from them (see
//! [`crate::rules::compile`]).
//!
//! Not part of [`crate::rules`] because build.rs compiles that module
//! itself, before these files exist.

use crate::rules::{RuleSource, RulesError, Ruleset};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_rules.rs"));
}

/// The built-in rules as loaded and checked at build time.
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default_rules.postcard"));

impl RuleSource {
    /// The rules files compiled into the binary from the project's `rules/`
    /// folder, as text. [`Ruleset::defaults`] does not need them; error
    /// messages and the tests do.
    pub fn defaults() -> Vec<RuleSource> {
        embedded::DEFAULT_RULES
            .iter()
            .map(|(name, text)| RuleSource {
                name: format!("rules/{name}"),
                text: (*text).to_string(),
            })
            .collect()
    }
}

impl Ruleset {
    /// The default rules compiled into the binary. They were loaded and
    /// checked when ordinary was built, so this only reads them back (and
    /// never fails; the `Result` is kept for callers written when it
    /// loaded TOML).
    pub fn defaults() -> Result<Ruleset, RulesError> {
        Ok(Ruleset::decode(COMPILED))
    }

    /// The default rules followed by the rules in `sources`, the same as
    /// `Ruleset::load` of [`RuleSource::defaults`] and `sources` together
    /// (the same rules, the same problems at the same places), but without
    /// loading the default rules again.
    pub fn load_with_defaults(sources: Vec<RuleSource>) -> Result<Ruleset, RulesError> {
        Ruleset::load_after(COMPILED, RuleSource::defaults, sources)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes in the binary are what compiling the rules files gives
    /// now: build.rs and this crate's loader cannot drift apart.
    #[test]
    fn the_compiled_rules_are_the_rules_files_compiled() {
        let compiled = crate::rules::compile(RuleSource::defaults()).expect("the rules load");
        assert!(compiled == COMPILED, "build.rs stored different bytes");
    }
}
