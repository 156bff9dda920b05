//! `ordinary`: a plain-language linter for social care and council writing.
//!
//! The way through is **read → match → report**: a [`source`] reader turns a
//! file into a [`Document`] (text segments with a map back to where each came
//! from), the [`Linter`] finds rule matches in it, each a [`Finding`] with the
//! suggestions that fit its sentence and their edits, and a front end
//! presents them (the command line's reporters, the language server, the
//! Word review copy, `fix`).
//!
//! # Embedding `ordinary`
//!
//! What a program needs is re-exported here: load the rules, read a
//! document, check it, and read each finding's place, wording and edit.
//!
//! ```
//! use ordinary::{fix, Format, LineIndex, Linter, ReadOptions, Ruleset, Settings};
//!
//! // The built-in rules (or `Ruleset::load` with your own files).
//! let linter = Linter::new(Ruleset::defaults()?, &Settings::default())?;
//!
//! // Text, Markdown or Word, from bytes (or `ordinary::read_file`).
//! let text = "Service users will be signposted to the carers' centre.\n";
//! let document = ordinary::read_bytes(text.into(), Format::Text, ReadOptions::default())?;
//!
//! let findings = linter.check(&document);
//! let lines = LineIndex::new(&document.text);
//! for finding in &findings {
//!     let rule = linter.rule(finding.rule);
//!     let at = lines.position(&document.text, finding.span.start);
//!     let matched = &document.text[finding.span.clone()];
//!     println!(
//!         "{}:{} {} {}",
//!         at.line,
//!         at.column,
//!         rule.id,
//!         ordinary::message_for(rule, finding, matched)
//!     );
//!     // The first suggestion that fits the sentence, as an edit; the
//!     // others (`finding.offers(rule)`) are advice to show.
//!     if let Some(edit) = finding.first_edit() {
//!         println!("  {:?} → {:?}", &document.text[edit.span.clone()], edit.replacement);
//!     }
//! }
//!
//! // What `ordinary fix` writes: every first edit, none overlapping.
//! let fixed = fix::apply(&document.text, &fix::fixes(&document, &findings));
//! assert_eq!(fixed, "People will be pointed to the carers' centre.\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Positions are byte offsets into [`Document::text`]; [`LineIndex`] turns
//! them into lines and columns counted in characters, UTF-8 bytes or UTF-16
//! code units ([`location::Unit`]).
//!
//! The modules marked hidden below serve the `ordinary` binary and its
//! tests (the command line's walking, reporting, baselines, the language
//! server and the Word review copy). They are public only so the binary can
//! use them, and may change in any release.

pub mod engine;
pub mod fix;
pub mod location;
pub mod readability;
pub mod rules;
pub mod source;

#[doc(hidden)]
pub mod baseline;
#[doc(hidden)]
pub mod check;
#[doc(hidden)]
pub mod config;
mod default_rules;
#[doc(hidden)]
pub mod english;
#[doc(hidden)]
pub mod hash;
#[doc(hidden)]
pub mod init;
#[doc(hidden)]
pub mod lsp;
#[doc(hidden)]
pub mod normalize;
#[doc(hidden)]
pub mod report;
#[doc(hidden)]
pub mod review;
#[doc(hidden)]
pub mod safe_write;
#[doc(hidden)]
pub mod walk;
#[doc(hidden)]
pub mod web;

pub use engine::{Edit, Finding, Fitted, Linter, Settings, message_for};
pub use location::{LineIndex, Position};
pub use rules::{Rule, Ruleset, Severity};
pub use source::{Document, Format, ReadError, ReadOptions, read_bytes, read_file};
