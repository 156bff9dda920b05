//! `ordinary`: a plain-language linter for social care and council writing.
//!
//! The way through is **read → match → report**: a [`source`] reader turns a
//! file into a [`source::Document`] (text segments with a map back to where
//! each came from), the [`engine`] finds rule matches in the segments, and a
//! [`report`] reporter writes them in one output format.

pub mod baseline;
pub mod check;
pub mod config;
mod default_rules;
pub mod engine;
pub mod english;
pub mod fix;
pub mod hash;
pub mod location;
pub mod lsp;
pub mod normalize;
pub mod report;
pub mod review;
pub mod rules;
pub mod safe_write;
pub mod source;
pub mod walk;
