//! The settings a document is checked with: the nearest `ordinary.toml`
//! above it (as `ordinary check` finds it), its rules and its `[kinds]`.
//!
//! A loaded project remembers the size and modification time of its
//! config and rules files, and is loaded again when they change: editors
//! that do not report changed files (Neovim 0.7, for one) still see a new
//! `ordinary.toml` on the next keystroke.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::config::{Config, ConfigError};
use crate::engine::Linter;
use crate::rules::{Profile, RuleSource, Ruleset};
use crate::walk::ProfileMap;

/// A compiled configuration.
#[derive(Debug)]
pub struct Project {
    /// `None` when no `ordinary.toml` applies.
    pub config_path: Option<PathBuf>,
    pub linter: Linter,
    profiles: ProfileMap,
}

impl Project {
    /// Loads a config file and its rules; `None` gives the defaults.
    pub fn load(config_path: Option<&Path>) -> Result<Project, String> {
        let config = match config_path {
            Some(path) => Config::load(path).map_err(|error| match error {
                ConfigError::Invalid { .. } | ConfigError::Read { .. } => error.to_string(),
            })?,
            None => Config::empty(),
        };
        let sources = RuleSource::from_paths(&config.rules).map_err(|e| e.to_string())?;
        let ruleset = if config.default_rules {
            Ruleset::load_with_defaults(sources)
        } else {
            Ruleset::load(sources)
        }
        .map_err(|e| e.to_string())?;
        let linter = Linter::new(ruleset, &config.settings()).map_err(|e| e.to_string())?;
        let profiles = ProfileMap::new(&config.root, &config.kinds, &config.audiences)
            .map_err(|e| format!("bad glob in [kinds] or [audiences]: {e}"))?;
        Ok(Project {
            config_path: config.path.clone(),
            linter,
            profiles,
        })
    }

    /// The kind and audience the config's globs give a file.
    pub fn profile_of(&self, path: &Path) -> Profile {
        self.profiles.profile_of(path)
    }
}

/// What a file looked like when it was read: its size and modification time.
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

/// A loaded project and the files it was loaded from.
#[derive(Debug)]
struct Loaded {
    project: Arc<Project>,
    files: Vec<(PathBuf, Stamp)>,
}

impl Loaded {
    fn is_stale(&self) -> bool {
        self.files.iter().any(|(path, seen)| stamp(path) != *seen)
    }
}

/// Loaded projects by config file, so documents under one `ordinary.toml`
/// share one compiled linter. A project that fails to load is reported
/// once and replaced by the defaults until one of its files changes.
#[derive(Debug, Default)]
pub struct Projects {
    loaded: HashMap<Option<PathBuf>, Loaded>,
}

impl Projects {
    /// The project for a document at `path` (or in `fallback`, the workspace
    /// folder, for a document that is not a file). The error is a message
    /// for the user when the config could not be used; `Err` only if even
    /// the built-in rules do not load.
    pub fn for_document(
        &mut self,
        path: Option<&Path>,
        fallback: Option<&Path>,
    ) -> Result<(Arc<Project>, Option<String>), String> {
        let folder = path.and_then(Path::parent).or(fallback);
        let config = folder.and_then(Config::discover);
        if let Some(loaded) = self.loaded.get(&config)
            && !loaded.is_stale()
        {
            return Ok((Arc::clone(&loaded.project), None));
        }
        // Stamped before reading, so a change made while loading is seen next time.
        let files = watched_files(config.as_deref());
        let (project, problem) = match Project::load(config.as_deref()) {
            Ok(project) => (project, None),
            Err(message) => {
                let shown = config
                    .as_deref()
                    .map_or_else(|| "the rules".to_string(), |p| p.display().to_string());
                let problem = format!(
                    "ordinary: cannot use {shown}, so the default rules apply until it is fixed:\n{message}"
                );
                (Project::load(None)?, Some(problem))
            }
        };
        let project = Arc::new(project);
        let loaded = Loaded {
            project: Arc::clone(&project),
            files,
        };
        self.loaded.insert(config, loaded);
        Ok((project, problem))
    }

    /// Forgets every loaded project: the next check loads them again.
    pub fn clear(&mut self) {
        self.loaded.clear();
    }
}

/// The config file and the rules files it names, with their stamps. A
/// config that cannot be read or parsed is watched on its own.
fn watched_files(config: Option<&Path>) -> Vec<(PathBuf, Stamp)> {
    let Some(path) = config else {
        return Vec::new();
    };
    let mut files = vec![(path.to_path_buf(), stamp(path))];
    if let Ok(parsed) = Config::load(path) {
        for rules in parsed.rules {
            if rules.is_dir() {
                let found = RuleSource::from_path(&rules).unwrap_or_default();
                files.extend(found.into_iter().map(|source| {
                    let file = PathBuf::from(source.name);
                    let seen = stamp(&file);
                    (file, seen)
                }));
            }
            let seen = stamp(&rules);
            files.push((rules, seen));
        }
    }
    files
}
