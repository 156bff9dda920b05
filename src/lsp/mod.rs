//! `ordinary lsp`: a language server, so editors show plain-language hints
//! as people type, with quick fixes.
//!
//! - [`transport`]: JSON-RPC framing on a reader and a writer thread, robust
//!   to malformed messages.
//! - [`server`]: the life cycle (initialize, shutdown, exit), documents and
//!   requests, on the main thread; `initialize` says what the server offers.
//! - [`documents`] and [`position`]: open documents kept in step with
//!   incremental changes, positions in UTF-16 or UTF-8.
//! - [`worker`]: checking on its own thread, with bursts of changes
//!   collapsed and stale results dropped; [`project`] finds and compiles
//!   the `ordinary.toml` that applies.
//! - [`diagnostics`], [`hover`], [`actions`], [`accept`]: what the editor shows
//!   and the fixes it offers.

pub mod accept;
pub mod actions;
pub mod diagnostics;
pub mod documents;
pub mod hover;
mod initialize;
pub mod position;
pub mod project;
pub mod server;
pub mod transport;
pub mod uri;
pub mod worker;

pub use server::{Ending, ServerOptions, serve};
