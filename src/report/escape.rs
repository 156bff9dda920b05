//! Escaping for the machine formats: XML text and attributes, GitHub
//! workflow commands, URIs, and one-line text.

use std::fmt::Write;

/// Escapes text for an XML attribute value or element content. Line breaks
/// and tabs become character references, so attribute values keep them
/// (a parser would otherwise normalise them to spaces); characters XML 1.0
/// does not allow at all (most control characters, U+FFFE, U+FFFF) become
/// U+FFFD, since no reference can carry them.
pub fn xml(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if xml_allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

fn xml_allowed(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Escapes the message of a GitHub Actions workflow command
/// (`::warning ...::MESSAGE`), following the runner's own rules.
pub fn github_data(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
}

/// Escapes a property value of a workflow command (`file=VALUE,`): as the
/// message, and `:` and `,` too, which would end the value.
pub fn github_property(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
}

/// A path as a URI reference (RFC 3986) for SARIF: `/` separators, relative
/// paths stay relative, absolute ones become `file://` URIs, and every byte
/// outside the unreserved set and `/` is percent-encoded (UTF-8), so spaces,
/// `%`, `#`, `?` and non-ASCII names survive.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len() + 8);
    let windows_drive = path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
    if path.starts_with('/') {
        out.push_str("file://");
    } else if windows_drive {
        out.push_str("file:///");
    }
    for (i, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (windows_drive && i == 1);
        if keep {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Text on one line: line breaks, tabs and other control characters shown
/// as escapes (`\n`, `\t`, `\u{1b}`), so a finding is always one line.
pub fn one_line(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Whitespace runs (line breaks included) folded to one space; borrowed
/// when the text already is (nearly always: this runs for every finding).
pub fn flat(text: &str) -> std::borrow::Cow<'_, str> {
    let single_spaces = !text.contains(|c: char| c.is_whitespace() && c != ' ')
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ');
    if single_spaces {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(f: fn(&str, &mut String), text: &str) -> String {
        let mut out = String::new();
        f(text, &mut out);
        out
    }

    #[test]
    fn xml_escapes_markup_quotes_and_line_breaks_and_drops_forbidden_characters() {
        assert_eq!(
            escaped(xml, "a<b & \"c\" 'd'\n\te\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&#10;&#9;e\u{FFFD}"
        );
    }

    #[test]
    fn github_escapes_follow_the_runner() {
        assert_eq!(
            escaped(github_data, "50% a::b\r\nc,d"),
            "50%25 a::b%0D%0Ac,d"
        );
        assert_eq!(
            escaped(github_property, "50% a::b\r\nc,d"),
            "50%25 a%3A%3Ab%0D%0Ac%2Cd"
        );
    }

    #[test]
    fn uris_encode_everything_but_unreserved_characters() {
        assert_eq!(uri("docs/a b#1%.md"), "docs/a%20b%231%25.md");
        assert_eq!(uri("café/😀.md"), "caf%C3%A9/%F0%9F%98%80.md");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri("C:\\docs\\x.md"), "file:///C:/docs/x.md");
    }

    #[test]
    fn one_line_shows_control_characters_as_escapes() {
        assert_eq!(escaped(one_line, "a\nb\tc\u{1b}"), "a\\nb\\tc\\u{1b}");
    }
}
