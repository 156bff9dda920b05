//! Compiles the built-in rules into the binary.
//!
//! Every `rules/*.toml` file is loaded here with the crate's own loader
//! (`src/rules`, compiled into this script with the few modules it uses),
//! and the loaded rules are stored in `OUT_DIR` for `src/default_rules.rs`
//! to include: start-up reads them back instead of parsing TOML and
//! expanding word forms (see BENCHMARKS.md, "Start-up"). The texts of the
//! files are embedded too, for error messages and the tests.
//!
//! Rules that do not load fail the build with the loader's messages, each
//! at its file, line and column.
//!
//! It also sets `ORDINARY_RULES_VERSION` for `ordinary --version`: how many
//! rules there are and a short hash of the rules files' names and texts
//! (line endings folded, so that a Windows checkout with CRLF gives the
//! same hash), so that two builds with the same rules say so.

use std::{env, fs, path::Path};

// The loader and what it uses of the crate; `crate::` paths inside them
// resolve to these. Parts only the library uses are dead code here.
#[allow(dead_code, unused_imports)]
#[path = "src/english.rs"]
mod english;
#[allow(dead_code, unused_imports)]
#[path = "src/hash.rs"]
mod hash;
#[allow(dead_code, unused_imports)]
#[path = "src/location.rs"]
mod location;
#[allow(dead_code, unused_imports)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code, unused_imports)]
#[path = "src/rules/mod.rs"]
mod rules;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("pub static DEFAULT_RULES: &[(&str, &str)] = &[\n");
    let mut sources = Vec::new();
    let mut rules_hash = hash::fnv1a(b"");
    for name in &names {
        let path = dir.join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
        match fs::read_to_string(&path) {
            // The same names `RuleSource::defaults` gives, so that a rule's
            // `source` reads `rules/money.toml:12` either way.
            Ok(text) => {
                for part in [name.as_str(), "\0", &text.replace("\r\n", "\n"), "\0"] {
                    rules_hash = hash::fnv1a_more(rules_hash, part.as_bytes());
                }
                sources.push(rules::RuleSource {
                    name: format!("rules/{name}"),
                    text,
                })
            }
            Err(error) => return fail(&format!("cannot read {}: {error}", path.display())),
        }
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    fs::write(out.join("default_rules.rs"), code).expect("cannot write default_rules.rs");
    match rules::compile(sources) {
        Ok(bytes) => {
            let count = rules::Ruleset::decode(&bytes).len();
            println!(
                "cargo::rustc-env=ORDINARY_RULES_VERSION=rules {count}, {:08x}",
                rules_hash >> 32
            );
            fs::write(out.join("default_rules.postcard"), bytes)
                .expect("cannot write default_rules.postcard");
        }
        Err(error) => fail(&format!("the built-in rules do not load:\n{error}")),
    }
}

/// Fails the build with a message (cargo stops once this script ends).
fn fail(message: &str) {
    for line in message.lines() {
        println!("cargo::error={line}");
    }
}
