//! A Zed extension that starts `ordinary lsp` (found on `PATH`) for
//! Markdown and plain text. Zed starts only language servers an extension
//! registers; this one does nothing else.

use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Ordinary;

impl zed::Extension for Ordinary {
    fn new() -> Self {
        Ordinary
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree.which("ordinary").ok_or_else(|| {
            "`ordinary` is not on PATH: run `cargo install --path .` in its repository".to_string()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".to_string()],
            env: Vec::new(),
        })
    }
}

zed::register_extension!(Ordinary);
