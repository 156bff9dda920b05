//! What `ordinary` promises about the user's files (docs/your-files.md):
//! writes are atomic and faithful, links are followed, only regular files
//! are read or replaced, `-` is standard input, nothing is left behind and
//! nothing is said to be done that was not.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

mod support;

use support::ordinary_with_stdin as ordinary;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_dash_is_standard_input_and_a_file_named_dash_is_untouched() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("-"), "prior to\n").unwrap();
    let run = ordinary(
        dir.path(),
        &["fix", "--no-config", "-"],
        "Prior to lunch we utilise the form.\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Before lunch we use the form.\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("-")).unwrap(),
        "prior to\n"
    );

    // Nothing to fix: the text passes through, as a filter's should.
    let run = ordinary(dir.path(), &["fix", "--no-config", "-"], "Plain words.\n");
    assert_eq!((run.code, run.stdout.as_str()), (0, "Plain words.\n"));

    let run = ordinary(
        dir.path(),
        &["fix", "--no-config", "--diff", "-"],
        "prior to\n",
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("-prior to\n+before\n"),
        "{}",
        run.stdout
    );

    let run = ordinary(dir.path(), &["fix", "--no-config", "-", "other.txt"], "");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("must be the only path"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_link_is_followed_and_stays_a_link() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("t.txt"), "prior to\n").unwrap();
    std::os::unix::fs::symlink("t.txt", dir.path().join("l.txt")).unwrap();
    let run = ordinary(dir.path(), &["fix", "--no-config", "l.txt"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let link = fs::symlink_metadata(dir.path().join("l.txt")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        fs::read_to_string(dir.path().join("t.txt")).unwrap(),
        "before\n"
    );
    assert_eq!(names_in(dir.path()), ["l.txt", "t.txt"]);
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_at_once_and_the_rest_still_done() {
    let dir = TempDir::new().unwrap();
    let status = Command::new("mkfifo")
        .arg(dir.path().join("pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    fs::write(dir.path().join("a.txt"), "prior to\n").unwrap();
    for command in ["check", "fix"] {
        let started = Instant::now();
        let run = ordinary(
            dir.path(),
            &[command, "--no-config", "pipe.txt", "/dev/zero", "a.txt"],
            "",
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{command} blocked"
        );
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("pipe.txt: is a pipe, not a file"),
            "{command}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("/dev/zero: is a device, not a file"),
            "{command}: {}",
            run.stderr
        );
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "before\n"
    );
    let pipe = fs::symlink_metadata(dir.path().join("pipe.txt")).unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(pipe.file_type().is_fifo(), "the pipe is still a pipe");
}

#[cfg(unix)]
#[test]
fn force_never_turns_a_device_into_a_file() {
    let dir = TempDir::new().unwrap();
    let docx = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/assessments/carers-assessment-mrs-begum.docx");
    fs::copy(&docx, dir.path().join("plan.docx")).unwrap();
    let run = ordinary(
        dir.path(),
        &[
            "review",
            "--no-config",
            "plan.docx",
            "-o",
            "/dev/null",
            "--force",
        ],
        "",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is not a regular file (a device)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sparse_giant_is_called_binary_without_being_read() {
    let dir = TempDir::new().unwrap();
    let file = fs::File::create(dir.path().join("huge.txt")).unwrap();
    file.set_len(5 << 30).unwrap(); // 5 GB of holes: nothing on disk
    drop(file);
    let started = Instant::now();
    let run = ordinary(dir.path(), &["check", "--no-config", "huge.txt"], "");
    assert!(started.elapsed() < Duration::from_secs(5), "read it whole");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("looks like a binary file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_leftover_from_a_killed_run_is_removed_and_never_checked() {
    let dir = TempDir::new().unwrap();
    // A process id no Linux system hands out (pid_max is at most 2^22).
    let leftover = ".ordinary-4000000000-XyZ123.tmp";
    fs::write(dir.path().join(leftover), "prior to, half written").unwrap();
    fs::write(dir.path().join("a.txt"), "prior to\n").unwrap();
    let run = ordinary(dir.path(), &["check", "--no-config", "."], "");
    assert!(!run.stdout.contains(".ordinary-"), "{}", run.stdout);
    let run = ordinary(dir.path(), &["fix", "--no-config", "."], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    if Path::new("/proc/self").exists() {
        assert_eq!(names_in(dir.path()), ["a.txt"]);
    }
}

#[cfg(unix)]
#[test]
fn a_signal_removes_the_write_in_flight_and_exits_130() {
    use std::io::{Read, Write};
    // The language server waits on standard input, so it is there to be
    // stopped; the handler it shares with every command runs the cleanup.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("ordinary"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    // Once it answers, it is running (and the handler is in place): under
    // a busy test run a fixed pause was not always long enough.
    let request = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
    let mut stdin = child.stdin.take().expect("stdin");
    write!(stdin, "Content-Length: {}\r\n\r\n{request}", request.len()).unwrap();
    stdin.flush().unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("the server answers");
    assert!(first.starts_with(b"Content-Length"));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let code = child.wait().expect("the server stops").code();
    drop(stdin);
    assert_eq!(code, Some(130), "stopped by the handler, not by the signal");
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "prior to\n").unwrap();
    // Only root can give a file away; as anyone else, the owner is us anyway.
    let running_as_root = fs::metadata(dir.path()).unwrap().uid() == 0
        && Command::new("chown")
            .args(["65534:65534"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
    let before = fs::metadata(&path).unwrap();
    let run = ordinary(dir.path(), &["fix", "--no-config", "a.txt"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::metadata(&path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "before\n");
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if running_as_root {
        assert_eq!(after.uid(), 65534);
    }
}

#[cfg(unix)]
#[test]
fn a_new_review_copy_gets_the_umasks_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let docx = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/assessments/carers-assessment-mrs-begum.docx");
    fs::copy(&docx, dir.path().join("plan.docx")).unwrap();
    fs::write(dir.path().join("plain"), "").unwrap();
    let expected = fs::metadata(dir.path().join("plain"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    let run = ordinary(dir.path(), &["review", "--no-config", "plan.docx"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copy = fs::metadata(dir.path().join("plan.reviewed.docx")).unwrap();
    assert_eq!(copy.permissions().mode() & 0o777, expected);
}

/// A full disk: the original stays whole, no temporary file is left, and
/// nothing says "Fixed".
#[cfg(target_os = "linux")]
#[test]
#[ignore = "mounts a 64 KB tmpfs, which needs root; .ci/run runs it"]
fn a_full_disk_loses_nothing_and_claims_nothing() {
    let dir = TempDir::new().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(dir.path())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: this machine does not let the test mount a tmpfs");
        return;
    }
    let original = format!("{}\nprior to\n", "a".repeat(40_000));
    fs::write(dir.path().join("big.txt"), &original).unwrap();
    let config = format!("# {}\naccept = [\"respite\"]\n", "x".repeat(4_000));
    fs::write(dir.path().join("ordinary.toml"), &config).unwrap();
    let run = ordinary(dir.path(), &["fix", "--no-config", "big.txt"], "");
    let left = names_in(dir.path());
    let after = fs::read_to_string(dir.path().join("big.txt")).unwrap();
    // The editor's "accept this word" on the same disk, filled to the brim.
    let mut filler = fs::File::create(dir.path().join("filler")).unwrap();
    while std::io::Write::write_all(&mut filler, &[b'x'; 512]).is_ok() {}
    drop(filler);
    let accepted =
        ordinary::lsp::accept::accept_in_file(&dir.path().join("ordinary.toml"), "signpost");
    let config_after = fs::read_to_string(dir.path().join("ordinary.toml")).unwrap();
    let left_after_accept = names_in(dir.path());
    let _ = Command::new("umount").arg(dir.path()).status();
    let error = accepted.expect_err("a full disk cannot take the new config");
    assert!(error.to_string().contains("the disk is full"), "{error}");
    assert_eq!(config_after, config, "the config was cut short");
    assert_eq!(left_after_accept, ["big.txt", "filler", "ordinary.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot write big.txt: the disk is full"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Fixed"), "{}", run.stderr);
    assert!(!run.stdout.contains("1 fix"), "{}", run.stdout);
    assert_eq!(after, original);
    assert_eq!(left, ["big.txt", "ordinary.toml"]);
}

/// `ordinary fix … 2>&1 | head -1`: standard error closed part way is no
/// reason to panic (exit 101); the run ends with its own exit code.
#[test]
fn a_closed_standard_error_is_no_panic() {
    let dir = TempDir::new().unwrap();
    for i in 0..200 {
        fs::write(dir.path().join(format!("bad{i}.txt")), b"a\0b").unwrap();
    }
    for command in ["check", "fix"] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let status = Command::new(assert_cmd::cargo::cargo_bin!("ordinary"))
            .args([command, "--no-config", "."])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(writer)
            .status()
            .expect("the binary runs");
        assert_eq!(
            status.code(),
            Some(2),
            "{command}: every file is unreadable: exit 2, not a panic"
        );
    }
}

/// `-` is standard input for `text` and `review` too (and `-o -` standard
/// output for the review copy), never a file named `-`.
#[test]
fn a_dash_is_standard_input_for_text_and_review() {
    let dir = TempDir::new().unwrap();
    let run = ordinary(
        dir.path(),
        &["text", "--stdin-filename", "a.md", "-"],
        "# Title\n\nprior to\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "line 1  Title\nline 3  prior to\n");

    let docx = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/assessments/carers-assessment-mrs-begum.docx");
    let output = assert_cmd::cargo::cargo_bin_cmd!("ordinary")
        .current_dir(dir.path())
        .args(["review", "--no-config", "-", "-o", "-"])
        .pipe_stdin(&docx)
        .expect("the document")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stdout.starts_with(b"PK"),
        "a Word package on standard output"
    );
    let stderr = String::from_utf8(output.stderr.clone()).expect("UTF-8");
    assert!(
        stderr.contains("Wrote the review copy to standard output"),
        "{stderr}"
    );
    fs::write(dir.path().join("copy.docx"), &output.stdout).unwrap();
    let text = ordinary(dir.path(), &["text", "copy.docx"], "");
    assert!(
        text.stdout.contains("Carer"),
        "the copy reads back: {}",
        text.stdout
    );

    let run = ordinary(dir.path(), &["review", "--no-config", "-"], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("needs `-o FILE`"), "{}", run.stderr);
    assert_eq!(names_in(dir.path()), ["copy.docx"]);
}

/// Standard output closed before the summary (`ordinary review … | head
/// -0`): the copy is written and the run says so by its exit code, not a
/// panic.
#[test]
fn a_closed_standard_output_is_no_panic() {
    let dir = TempDir::new().unwrap();
    let docx = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/assessments/carers-assessment-mrs-begum.docx");
    fs::copy(&docx, dir.path().join("plan.docx")).unwrap();
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let status = Command::new(assert_cmd::cargo::cargo_bin!("ordinary"))
        .args(["review", "--no-config", "plan.docx"])
        .current_dir(dir.path())
        .stdout(writer)
        .stderr(Stdio::null())
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(0));
    assert!(dir.path().join("plan.reviewed.docx").is_file());
}
