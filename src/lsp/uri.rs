//! `file:` URIs to paths, for finding a document's `ordinary.toml`.
//!
//! Editors on Windows send `file:///c%3A/Users/Ana/Care%20plans/plan.md`
//! (VS Code: drive letter in lower case, colon escaped) or
//! `file:///C:/Users/…`, and `file://server/share/…` for a file on a
//! network share. Elsewhere a share's URI has no local path, and the text
//! is checked without one (by its language, with the workspace's config).
//! The rules for both systems are here as plain functions of the text, so
//! the tests check the Windows ones on any machine.

use std::path::PathBuf;

/// The path of a `file:` URI; `None` for any other scheme (an unsaved
/// buffer) or a URI that does not decode to a path.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    path_text(uri, cfg!(windows)).map(PathBuf::from)
}

/// The path a `file:` URI names, as text, on Windows or elsewhere.
fn path_text(uri: &str, windows: bool) -> Option<String> {
    let rest = uri
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("file://"))
        .map(|_| &uri[7..])?;
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    // `file://host/path`: the path starts at the first slash.
    let slash = rest.find('/')?;
    let host = percent_decoded(&rest[..slash])?;
    let path = percent_decoded(&rest[slash..])?;
    let remote = !host.is_empty() && !host.eq_ignore_ascii_case("localhost");
    if !windows {
        // `file://server/share/…` names a file on another machine, which
        // has no path here; dropping the server would name a local file
        // that is not the one open in the editor.
        return (!remote).then_some(path);
    }
    let path = path.replace('/', "\\");
    if remote {
        // A network share: \\server\share\folder\file.md
        return Some(format!("\\\\{host}{path}"));
    }
    // `\C:\Users\…` → `C:\Users\…`, with the drive letter as Windows
    // writes it.
    let bytes = path.as_bytes();
    if bytes.len() >= 3 && bytes[0] == b'\\' && bytes[1].is_ascii_alphabetic() && bytes[2] == b':' {
        return Some(format!("{}{}", path[1..2].to_ascii_uppercase(), &path[2..]));
    }
    Some(path)
}

fn percent_decoded(text: &str) -> Option<String> {
    String::from_utf8(percent_decode(text)?).ok()
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // Two hex digits: `from_str_radix` alone takes a sign too (`%+f`).
            let hex = text
                .get(i + 1..i + 3)
                .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_decode_and_others_are_not_paths() {
        assert_eq!(
            path_text("file:///home/ana/Care%20plans/caf%C3%A9.md", false).as_deref(),
            Some("/home/ana/Care plans/café.md")
        );
        assert_eq!(
            path_text("file://localhost/tmp/a.md", false).as_deref(),
            Some("/tmp/a.md")
        );
        assert_eq!(path_text("untitled:Untitled-1", false), None);
        assert_eq!(
            path_text("file://council-fs01/share/plan.md", false),
            None,
            "another machine's file is no path here"
        );
        assert_eq!(path_text("file:///bad%zz", false), None);
        assert_eq!(path_text("file:///bad%+f", false), None);
        assert_eq!(path_text("file:///bad%-1", false), None);
        assert_eq!(path_text("file:///bad%C3", false), None);
        assert_eq!(path_text("file://", false), None);
        // What `to_path` gives on this machine.
        if !cfg!(windows) {
            assert_eq!(
                to_path("file:///tmp/x%20y.md"),
                Some(PathBuf::from("/tmp/x y.md"))
            );
        }
    }

    #[test]
    fn windows_drive_letters_as_vs_code_and_others_send_them() {
        let windows = |uri| path_text(uri, true);
        // VS Code: lower-case drive, escaped colon.
        assert_eq!(
            windows("file:///c%3A/Users/Ana/Care%20plans/plan.md").as_deref(),
            Some("C:\\Users\\Ana\\Care plans\\plan.md")
        );
        assert_eq!(
            windows("file:///C:/Users/Ana/plan.md").as_deref(),
            Some("C:\\Users\\Ana\\plan.md")
        );
        assert_eq!(
            windows("file://localhost/D:/Adults/review.txt").as_deref(),
            Some("D:\\Adults\\review.txt")
        );
        // Names with spaces, non-ASCII letters and escaped characters.
        assert_eq!(
            windows("file:///c%3A/Users/Zo%C3%AB/%C3%89quipe%20%231/r%C3%A9sum%C3%A9%20(1).md")
                .as_deref(),
            Some("C:\\Users\\Zoë\\Équipe #1\\résumé (1).md")
        );
        // Elsewhere the same URI is a path from the root, as it was.
        assert_eq!(
            path_text("file:///C:/Users/Ana/plan.md", false).as_deref(),
            Some("/C:/Users/Ana/plan.md")
        );
    }

    #[test]
    fn windows_network_shares_keep_their_server() {
        assert_eq!(
            path_text(
                "file://council-fs01/Adult%20Social%20Care/plans/plan.md",
                true
            )
            .as_deref(),
            Some("\\\\council-fs01\\Adult Social Care\\plans\\plan.md")
        );
        // A query or fragment is not part of the path.
        assert_eq!(
            path_text("file:///c%3A/a/b.md#L3", true).as_deref(),
            Some("C:\\a\\b.md")
        );
    }
}
