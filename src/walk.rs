//! Which files to check: named files always, folders walked recursively the
//! way ripgrep walks them (`.ignore` files and hidden files always honoured,
//! `.gitignore` inside a Git repository),
//! keeping only formats `ordinary` reads. The list is sorted, so the output
//! order never depends on the file system or the thread count.

mod changed;
mod shard;

pub use changed::{Changed, ChangedError};
pub use shard::{Shard, ShardError, shard_of};

use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::rules::{Audience, DocumentKind, Profile};
use crate::source::Format;

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as shown in reports (`./` removed).
    pub display: String,
    pub path: PathBuf,
    pub format: Format,
    /// What `--kind` and `--audience` force, over the document's own
    /// front matter.
    pub forced: Profile,
    /// What the config's globs say, where the document does not.
    pub configured: Profile,
}

/// Path globs from the config (`exclude`, `[kinds]`). A glob without `/`
/// matches a file or folder name anywhere, as in `.gitignore`.
#[derive(Debug, Clone, Default)]
pub struct Globs {
    set: Option<GlobSet>,
}

impl Globs {
    pub fn new(globs: &[String]) -> Result<Globs, globset::Error> {
        if globs.is_empty() {
            return Ok(Globs::default());
        }
        let mut builder = GlobSetBuilder::new();
        for glob in globs {
            let glob = glob.trim_start_matches("./");
            if glob.contains('/') {
                builder.add(Glob::new(glob)?);
                builder.add(Glob::new(&format!("{}/**", glob.trim_end_matches('/')))?);
            } else {
                builder.add(Glob::new(&format!("**/{glob}"))?);
                builder.add(Glob::new(&format!("**/{glob}/**"))?);
            }
        }
        Ok(Globs {
            set: Some(builder.build()?),
        })
    }

    pub fn matches(&self, path: &Path) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        self.set.as_ref().is_some_and(|set| set.is_match(path))
    }
}

/// A problem met while walking, reported like an unreadable file.
#[derive(Debug)]
pub struct WalkError {
    pub display: String,
    pub message: String,
}

/// Expands the given paths into the sorted list of files to check.
pub fn collect(paths: &[PathBuf], exclude: &Globs) -> (Vec<Input>, Vec<WalkError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            // A named file is checked whatever its extension (plain text
            // unless it is Markdown); a missing one is reported by the reader.
            inputs.push(input(
                path.clone(),
                Format::from_path(path).unwrap_or(Format::Text),
            ));
            continue;
        }
        for entry in ignore::WalkBuilder::new(path).build() {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let format = Format::from_path(entry.path());
                    if let (true, Some(format)) = (is_file, format)
                        && !exclude.matches(entry.path())
                    {
                        inputs.push(input(entry.into_path(), format));
                    }
                }
                Err(error) => errors.push(WalkError {
                    display: display(path),
                    message: error.to_string(),
                }),
            }
        }
    }
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    inputs.dedup_by(|a, b| a.path == b.path);
    (inputs, errors)
}

fn input(path: PathBuf, format: Format) -> Input {
    Input {
        display: display(&path),
        path,
        format,
        forced: Profile::default(),
        configured: Profile::default(),
    }
}

/// The config's `[kinds]` and `[audiences]`: which documents are
/// assessments, policies or job descriptions, and which are written for
/// professionals, by globs relative to the config file's folder.
#[derive(Debug, Clone, Default)]
pub struct ProfileMap {
    kinds: Vec<(DocumentKind, Globs)>,
    audiences: Vec<(Audience, Globs)>,
    /// The config's folder and the current folder, made absolute once.
    root: PathBuf,
    current: PathBuf,
}

impl ProfileMap {
    pub fn new(
        root: &Path,
        kinds: &std::collections::BTreeMap<DocumentKind, Vec<String>>,
        audiences: &std::collections::BTreeMap<Audience, Vec<String>>,
    ) -> Result<ProfileMap, globset::Error> {
        let current = std::env::current_dir().unwrap_or_default();
        let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| current.join(p));
        let kinds = kinds
            .iter()
            .map(|(kind, globs)| Ok((*kind, Globs::new(globs)?)))
            .collect::<Result<_, globset::Error>>()?;
        let audiences = audiences
            .iter()
            .map(|(audience, globs)| Ok((*audience, Globs::new(globs)?)))
            .collect::<Result<_, globset::Error>>()?;
        Ok(ProfileMap {
            kinds,
            audiences,
            root: absolute(root),
            current: absolute(Path::new(".")),
        })
    }

    /// The first kind (assessment, policy, job description) and the first
    /// audience whose globs match.
    pub fn profile_of(&self, path: &Path) -> Profile {
        if self.kinds.is_empty() && self.audiences.is_empty() {
            return Profile::default();
        }
        let path = path.strip_prefix("./").unwrap_or(path);
        let absolute = self.current.join(path);
        let relative = absolute.strip_prefix(&self.root).unwrap_or(path);
        fn first<T: Copy>(globs: &[(T, Globs)], path: &Path) -> Option<T> {
            globs
                .iter()
                .find(|(_, globs)| globs.matches(path))
                .map(|(value, _)| *value)
        }
        Profile {
            kind: first(&self.kinds, relative),
            audience: first(&self.audiences, relative),
        }
    }
}

fn display(path: &Path) -> String {
    let shown = path.display().to_string();
    shown
        .strip_prefix("./")
        .map(str::to_string)
        .unwrap_or(shown)
}

/// `path` made absolute against `base`, with `.` and `..` resolved by name
/// (not through the file system: the path need not exist).
pub(crate) fn absolute(base: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in base.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclude_globs_match_names_anywhere_and_paths_from_the_root() {
        let exclude =
            Globs::new(&["drafts".into(), "archive/**".into(), "*.bak.md".into()]).unwrap();
        assert!(exclude.matches(Path::new("./policies/drafts/a.md")));
        assert!(exclude.matches(Path::new("archive/2019/a.md")));
        assert!(exclude.matches(Path::new("x/old.bak.md")));
        assert!(!exclude.matches(Path::new("policies/a.md")));
    }
}
