//! Every file `ordinary` writes goes through this module: `fix` replacing a
//! text file, `review` writing a review copy, the language server adding a
//! word to `ordinary.toml`, and `check --write-baseline`.
//!
//! What it promises (docs/your-files.md says the same to users):
//! - **Atomic.** The bytes go to a temporary file in the target's folder,
//!   are flushed to disk and renamed over the target, so a crash, a full
//!   disk or a signal leaves either the old file or the new one, never half.
//! - **Links are followed.** Replacing a symbolic link replaces the file it
//!   points to; the link stays a link.
//! - **Only regular files are replaced**: never a folder, device or pipe.
//! - **Permissions are kept**, and owner and group where the system allows
//!   it; a new file gets the permissions new files get under the umask.
//! - **No temporary file is left behind.** They are named
//!   `.ordinary-<pid>-<random>.tmp`; the binary removes the ones in flight
//!   when it is stopped by a signal ([`remove_in_flight`]), and a leftover
//!   from a killed run is removed the next time `ordinary` writes into that
//!   folder.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why a file was not written. The messages name the user's file, never a
/// temporary one, and say what happened in plain words.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path} already exists: add --force to replace it, or choose another name")]
    Exists { path: String },
    #[error("{path} is not a regular file ({what}), so it was not replaced")]
    NotAFile { path: String, what: &'static str },
    #[error("cannot write {path}: the folder for it does not exist")]
    NoFolder { path: String },
    #[error("cannot write {path}: {}", plain_reason(.source))]
    Io { path: String, source: io::Error },
}

/// Replaces the contents of the existing regular file at `path` (or of the
/// file a link at `path` points to), keeping its permissions and owner.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let io_error = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    let target = fs::canonicalize(path).map_err(io_error)?;
    let metadata = fs::metadata(&target).map_err(io_error)?;
    if !metadata.is_file() {
        return Err(WriteError::NotAFile {
            path: shown,
            what: crate::source::file_kind(&metadata),
        });
    }
    write_over(&target, bytes, &metadata).map_err(io_error)
}

/// Writes a new file at `path`. An existing file is an error unless
/// `force`, and then only a regular file (or a link to one) is replaced.
pub fn create(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    match fs::symlink_metadata(path) {
        Ok(_) if !force => return Err(WriteError::Exists { path: shown }),
        // A link to nothing: writing would replace the link itself.
        Ok(link) if link.file_type().is_symlink() && fs::metadata(path).is_err() => {
            return Err(WriteError::NotAFile {
                path: shown,
                what: "a link to a file that does not exist",
            });
        }
        Ok(_) => return replace(path, bytes),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(WriteError::Io {
                path: shown,
                source,
            });
        }
    }
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(WriteError::NoFolder { path: shown });
    }
    let temp = Temporary::new(folder, None).map_err(|source| WriteError::Io {
        path: shown.clone(),
        source,
    })?;
    temp.fill(bytes)
        .and_then(|temp| temp.place_new(path))
        .map_err(|source| match source.kind() {
            io::ErrorKind::AlreadyExists => WriteError::Exists {
                path: shown.clone(),
            },
            _ => WriteError::Io {
                path: shown.clone(),
                source,
            },
        })
}

/// Removes the temporary files of writes still in flight. The binary calls
/// it from its handler for Ctrl-C and termination signals, before exiting.
pub fn remove_in_flight() {
    let in_flight = IN_FLIGHT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for path in in_flight.iter() {
        let _ = fs::remove_file(path);
    }
}

/// Temporary files being written now, for [`remove_in_flight`].
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Folders already cleared of leftovers in this run.
static CLEARED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

const PREFIX: &str = ".ordinary-";
const SUFFIX: &str = ".tmp";

fn write_over(target: &Path, bytes: &[u8], metadata: &fs::Metadata) -> io::Result<()> {
    let temp = Temporary::new(folder_of(target), Some(metadata))?;
    temp.fill(bytes)?.place_over(target)
}

/// A temporary file beside the target, registered in [`IN_FLIGHT`] for as
/// long as it exists under its temporary name.
struct Temporary {
    file: tempfile::NamedTempFile,
}

impl Temporary {
    /// A temporary file in `folder`, with the permissions and owner of
    /// `like` when replacing a file, or a new file's under the umask.
    fn new(folder: &Path, like: Option<&fs::Metadata>) -> io::Result<Temporary> {
        remove_leftovers(folder);
        let prefix = format!("{PREFIX}{}-", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(SUFFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Passed to open(2), which applies the umask: what any new file gets.
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let file = builder.tempfile_in(folder)?;
        lock_in_flight().push(file.path().to_path_buf());
        let temp = Temporary { file };
        if let Some(metadata) = like {
            temp.file
                .as_file()
                .set_permissions(metadata.permissions())?;
            keep_owner(temp.file.as_file(), metadata);
        }
        Ok(temp)
    }

    fn fill(mut self, bytes: &[u8]) -> io::Result<Temporary> {
        self.file.write_all(bytes)?;
        self.file.as_file().sync_all()?;
        Ok(self)
    }

    fn place_over(self, target: &Path) -> io::Result<()> {
        let path = self.file.path().to_path_buf();
        let result = self.file.persist(target).map(drop).map_err(|e| e.error);
        forget_in_flight(&path);
        result
    }

    fn place_new(self, target: &Path) -> io::Result<()> {
        let path = self.file.path().to_path_buf();
        let result = self
            .file
            .persist_noclobber(target)
            .map(drop)
            .map_err(|e| e.error);
        forget_in_flight(&path);
        result
    }
}

fn lock_in_flight() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn forget_in_flight(path: &Path) {
    lock_in_flight().retain(|p| p != path);
}

/// Gives the temporary file the owner and group of the file it replaces.
/// Only root may give a file away, so for anyone else this keeps the group
/// when they belong to it and otherwise leaves the file theirs, as `sed -i`
/// and editors do.
#[cfg(unix)]
fn keep_owner(file: &fs::File, metadata: &fs::Metadata) {
    use std::os::unix::fs::{MetadataExt, fchown};
    if fchown(file, Some(metadata.uid()), Some(metadata.gid())).is_err() {
        let _ = fchown(file, None, Some(metadata.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &fs::File, _metadata: &fs::Metadata) {}

/// Removes temporary files a killed run of `ordinary` left in `folder`:
/// ones whose process is gone (on Linux), or a day old (elsewhere). Done
/// once per folder per run.
fn remove_leftovers(folder: &Path) {
    {
        let mut cleared = CLEARED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !cleared
            .get_or_insert_with(HashSet::new)
            .insert(folder.to_path_buf())
        {
            return;
        }
    }
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = leftover_pid(&name) else {
            continue;
        };
        if pid != std::process::id() && !still_running(pid, &entry) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name, `.ordinary-<pid>-<random>.tmp`.
fn leftover_pid(name: &OsStr) -> Option<u32> {
    let name = name.to_str()?;
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    if random.is_empty() {
        return None;
    }
    pid.parse().ok()
}

fn still_running(pid: u32, entry: &fs::DirEntry) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    let day = std::time::Duration::from_secs(86_400);
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|time| time.elapsed().ok())
        .is_none_or(|age| age < day)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// An I/O error in words a user acts on, without the OS's error number.
fn plain_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::QuotaExceeded => "the disk quota is used up".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::NotFound => "it does not exist".into(),
        io::ErrorKind::AlreadyExists => "it already exists".into(),
        io::ErrorKind::IsADirectory => "it is a folder".into(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(end) => text[..end].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_name_is_recognised_by_its_shape() {
        assert_eq!(
            leftover_pid(OsStr::new(".ordinary-4242-a1B2c3.tmp")),
            Some(4242)
        );
        assert_eq!(leftover_pid(OsStr::new(".ordinary-4242-.tmp")), None);
        assert_eq!(leftover_pid(OsStr::new(".ordinary-notes.tmp")), None);
        assert_eq!(leftover_pid(OsStr::new("ordinary-4242-x.tmp")), None);
        assert_eq!(leftover_pid(OsStr::new(".ordinary-4242-x.txt")), None);
    }

    #[test]
    fn replacing_keeps_the_old_file_whole_until_the_rename() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("notes.txt");
        fs::write(&path, "prior to\n").unwrap();
        replace(&path, b"before\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "before\n");
        let names: Vec<_> = fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![OsStr::new("notes.txt")]);
    }

    #[test]
    fn a_temporary_file_is_in_flight_until_it_is_placed() {
        let folder = tempfile::tempdir().unwrap();
        let temp = Temporary::new(folder.path(), None).unwrap();
        let path = temp.file.path().to_path_buf();
        // Other tests write at the same time, so look for this one only.
        assert!(lock_in_flight().contains(&path));
        temp.fill(b"x")
            .unwrap()
            .place_new(&folder.path().join("a"))
            .unwrap();
        assert!(!lock_in_flight().contains(&path));
        assert!(!path.exists());
    }

    #[test]
    fn an_existing_file_is_kept_without_force() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("copy.docx");
        fs::write(&path, "mine").unwrap();
        let error = create(&path, b"new", false).unwrap_err();
        assert!(matches!(error, WriteError::Exists { .. }), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
        create(&path, b"new", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_missing_folder_is_named_as_such() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("no such folder").join("copy.docx");
        let error = create(&path, b"new", false).unwrap_err();
        assert!(matches!(error, WriteError::NoFolder { .. }));
        assert!(
            error
                .to_string()
                .contains("the folder for it does not exist")
        );
    }

    #[test]
    fn errors_are_said_without_os_numbers() {
        let error = WriteError::Io {
            path: "a.txt".into(),
            source: io::Error::from_raw_os_error(28),
        };
        assert_eq!(error.to_string(), "cannot write a.txt: the disk is full");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_devices_refused() {
        use std::os::unix::fs::symlink;
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("t.txt");
        let link = folder.path().join("l.txt");
        fs::write(&target, "prior to\n").unwrap();
        symlink("t.txt", &link).unwrap();
        replace(&link, b"before\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "before\n");

        let error = create(Path::new("/dev/null"), b"x", true).unwrap_err();
        assert!(matches!(
            error,
            WriteError::NotAFile {
                what: "a device",
                ..
            }
        ));
        let error = replace(folder.path(), b"x").unwrap_err();
        assert!(matches!(
            error,
            WriteError::NotAFile {
                what: "a folder",
                ..
            }
        ));
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("shared.txt");
        fs::write(&path, "a").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&path, b"b").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);

        // A file made the ordinary way shows what the umask gives.
        let plain = folder.path().join("plain.txt");
        fs::write(&plain, "a").unwrap();
        let expected = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        let new = folder.path().join("new.docx");
        create(&new, b"b", false).unwrap();
        let mode = fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected);
    }

    #[test]
    fn a_dead_runs_leftover_is_removed_and_a_users_file_is_not() {
        let folder = tempfile::tempdir().unwrap();
        // No process has an id this high on Linux (pid_max is at most 2^22).
        let leftover = folder.path().join(".ordinary-4000000000-AbCdEf.tmp");
        let users = folder.path().join(".ordinary-notes.tmp");
        fs::write(&leftover, "half a file").unwrap();
        fs::write(&users, "keep me").unwrap();
        create(&folder.path().join("new.txt"), b"x", false).unwrap();
        if Path::new("/proc/self").exists() {
            assert!(!leftover.exists());
        }
        assert!(users.exists());
    }
}
