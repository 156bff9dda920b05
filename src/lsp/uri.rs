//! `file:` URIs to paths, for finding a document's `ordinary.toml`.

use std::path::PathBuf;

/// The path of a `file:` URI; `None` for any other scheme (an unsaved
/// buffer) or a URI that does not decode to a path.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("file://"))
        .map(|_| &uri[7..])?;
    // `file://host/path`: the path starts at the first slash.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    let decoded = String::from_utf8(bytes).ok()?;
    // `/C:/Users/…` on Windows.
    let windows = decoded.len() > 2
        && decoded.as_bytes()[2] == b':'
        && decoded.as_bytes()[1].is_ascii_alphabetic();
    if cfg!(windows) && windows {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
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
            to_path("file:///home/ana/Care%20plans/caf%C3%A9.md"),
            Some(PathBuf::from("/home/ana/Care plans/café.md"))
        );
        assert_eq!(
            to_path("file://localhost/tmp/a.md"),
            Some(PathBuf::from("/tmp/a.md"))
        );
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file:///bad%zz"), None);
    }
}
