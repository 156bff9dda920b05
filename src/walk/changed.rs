//! `--changed-since REV`: only the files changed since a Git revision.
//!
//! "Changed" means what a pull request would show plus what is not yet
//! committed: files that differ between the working tree and the merge base
//! of `REV` and `HEAD` (so changes made on `REV`'s branch since this one
//! forked do not count), and untracked files Git does not ignore. Deleted
//! files are not checked, and the usual rules still decide which files
//! count (formats, `.gitignore`, `exclude`), since the changed files are
//! intersected with the normal walk of the paths given.
//!
//! `ordinary` runs `git` itself, in the current folder.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum ChangedError {
    #[error("--changed-since runs git, which could not be started: {0}")]
    NoGit(std::io::Error),
    #[error("--changed-since needs a Git repository, and {folder} is not in one")]
    NotARepository { folder: String },
    #[error("--changed-since: `{rev}` is not a revision in this repository{hint}")]
    UnknownRevision { rev: String, hint: String },
    #[error(
        "--changed-since: `{rev}` and HEAD have no common ancestor here; in a shallow clone, fetch the history first (actions/checkout with fetch-depth: 0, or git fetch --unshallow)"
    )]
    NoMergeBase { rev: String },
    #[error("--changed-since: git {command} failed: {message}")]
    Git { command: String, message: String },
}

/// The files changed since a revision, as absolute paths.
#[derive(Debug, Clone, Default)]
pub struct Changed {
    files: HashSet<PathBuf>,
    current: PathBuf,
}

impl Changed {
    /// Asks Git which files changed since `rev`.
    pub fn since(rev: &str) -> Result<Changed, ChangedError> {
        let current = std::env::current_dir()
            .and_then(|dir| dir.canonicalize())
            .unwrap_or_default();
        if rev.starts_with('-') || rev.is_empty() {
            return Err(ChangedError::UnknownRevision {
                rev: rev.to_string(),
                hint: String::new(),
            });
        }
        let top = match git(&current, &["rev-parse", "--show-toplevel"]) {
            Ok(out) => PathBuf::from(lossy_line(&out)),
            Err(ChangedError::Git { .. }) => {
                return Err(ChangedError::NotARepository {
                    folder: current.display().to_string(),
                });
            }
            Err(other) => return Err(other),
        };
        let commit = format!("{rev}^{{commit}}");
        if git(&top, &["rev-parse", "--verify", "--quiet", &commit]).is_err() {
            let shallow = git(&top, &["rev-parse", "--is-shallow-repository"])
                .is_ok_and(|out| lossy_line(&out) == "true");
            let hint = if shallow {
                " (this is a shallow clone: fetch the branch, or the whole history with fetch-depth: 0)"
            } else {
                " (for a branch on the server, try origin/NAME after git fetch)"
            };
            return Err(ChangedError::UnknownRevision {
                rev: rev.to_string(),
                hint: hint.to_string(),
            });
        }
        let base = match git(&top, &["merge-base", rev, "HEAD"]) {
            Ok(out) => lossy_line(&out),
            Err(_) => {
                return Err(ChangedError::NoMergeBase {
                    rev: rev.to_string(),
                });
            }
        };
        let diff = git(
            &top,
            &["diff", "--name-only", "--no-renames", "-z", &base, "--"],
        )?;
        let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        let files = diff
            .split(|&b| b == 0)
            .chain(untracked.split(|&b| b == 0))
            .filter(|name| !name.is_empty())
            .map(|name| top.join(os_str(name)))
            .collect();
        Ok(Changed { files, current })
    }

    /// Whether a path (relative to the current folder, or absolute) changed.
    pub fn contains(&self, path: &Path) -> bool {
        self.files
            .contains(&crate::walk::absolute(&self.current, path))
    }

    /// How many files changed (whatever their format).
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Runs git in `folder` and returns its standard output.
fn git(folder: &Path, args: &[&str]) -> Result<Vec<u8>, ChangedError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(folder)
        .output()
        .map_err(ChangedError::NoGit)?;
    if !output.status.success() {
        return Err(ChangedError::Git {
            command: args.first().copied().unwrap_or_default().to_string(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    Ok(output.stdout)
}

fn lossy_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim_end().to_string()
}

#[cfg(unix)]
fn os_str(bytes: &[u8]) -> &OsStr {
    use std::os::unix::ffi::OsStrExt;
    OsStr::from_bytes(bytes)
}

#[cfg(not(unix))]
fn os_str(bytes: &[u8]) -> &OsStr {
    // Git writes UTF-8 names on Windows.
    OsStr::new(std::str::from_utf8(bytes).unwrap_or_default())
}
