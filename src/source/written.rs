//! How a text file was written, beyond its text: its encoding and byte
//! order mark, and its line endings. Reading drops the mark (see
//! [`super::decode`]) and a browser's text box turns every line ending into
//! `\n`; [`Written::write`] puts both back, so text taken from a file and
//! saved again has the bytes its author's tools expect.

/// A text file's encoding, its byte order mark included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    /// UTF-8 that starts with a byte order mark, as Notepad saves it.
    Utf8Bom,
    /// UTF-16, little-endian, with its mark.
    Utf16Le,
    /// UTF-16, big-endian, with its mark.
    Utf16Be,
}

impl Encoding {
    pub const ALL: [Encoding; 4] = [
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }

    pub fn parse(name: &str) -> Option<Encoding> {
        Encoding::ALL.into_iter().find(|e| e.as_str() == name)
    }
}

/// How a text file was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written {
    pub encoding: Encoding,
    /// Lines end in `\r\n` (Windows), not `\n`.
    pub crlf: bool,
}

impl Written {
    /// How the file with these bytes was written: its mark, and the line
    /// ending most of its lines have.
    pub fn of(bytes: &[u8]) -> Written {
        let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            Encoding::Utf8Bom
        } else if bytes.starts_with(&[0xFF, 0xFE]) {
            Encoding::Utf16Le
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        };
        // One byte in two is the line feed's other half in UTF-16: count
        // code units, not bytes.
        let (mut crlf, mut lf) = (0usize, 0usize);
        let mut previous_cr = false;
        let mut count = |unit: u16| {
            if unit == u16::from(b'\n') {
                if previous_cr {
                    crlf += 1;
                } else {
                    lf += 1;
                }
            }
            previous_cr = unit == u16::from(b'\r');
        };
        match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => {
                for pair in bytes[2..].chunks_exact(2) {
                    count(match encoding {
                        Encoding::Utf16Le => u16::from_le_bytes([pair[0], pair[1]]),
                        _ => u16::from_be_bytes([pair[0], pair[1]]),
                    });
                }
            }
            Encoding::Utf8 | Encoding::Utf8Bom => bytes.iter().for_each(|&b| count(b.into())),
        }
        Written {
            encoding,
            crlf: crlf > lf,
        }
    }

    /// The bytes of `text` written this way: each line ending made the
    /// file's own (`\r\n`, `\n` or a lone `\r` alike), then encoded with
    /// the file's mark.
    pub fn write(&self, text: &str) -> Vec<u8> {
        let ending = if self.crlf { "\r\n" } else { "\n" };
        let mut lines = String::with_capacity(text.len() + text.len() / 32);
        let mut rest = text;
        while let Some(at) = rest.find(['\r', '\n']) {
            lines.push_str(&rest[..at]);
            lines.push_str(ending);
            let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
            rest = &rest[at + skip..];
        }
        lines.push_str(rest);
        match self.encoding {
            Encoding::Utf8 => lines.into_bytes(),
            Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], lines.as_bytes()].concat(),
            Encoding::Utf16Le => [0xFF, 0xFE]
                .into_iter()
                .chain(lines.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
            Encoding::Utf16Be => [0xFE, 0xFF]
                .into_iter()
                .chain(lines.encode_utf16().flat_map(u16::to_be_bytes))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::decode;

    /// Read as `ordinary` reads it, line endings as a browser's text box
    /// gives them back, then written: the very bytes of the file.
    fn round_trip(bytes: &[u8]) -> Vec<u8> {
        let written = Written::of(bytes);
        let text = decode(bytes.to_vec()).expect("decodes");
        let in_the_box = text.replace("\r\n", "\n");
        written.write(&in_the_box)
    }

    #[test]
    fn a_byte_order_mark_and_crlf_are_written_back() {
        let file = b"\xEF\xBB\xBFService users\r\nget respite.\r\n\r\nEnd";
        assert_eq!(
            Written::of(file),
            Written {
                encoding: Encoding::Utf8Bom,
                crlf: true
            }
        );
        assert_eq!(round_trip(file), file);
    }

    #[test]
    fn plain_utf8_with_lf_stays_as_it_is() {
        let file = "Caf\u{e9}\nline two\n".as_bytes();
        assert_eq!(Written::of(file), Written::default());
        assert_eq!(round_trip(file), file);
    }

    #[test]
    fn utf16_with_its_mark_is_written_back_as_utf16() {
        for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let file = Written {
                encoding,
                crlf: true,
            }
            .write("Caf\u{e9}\n\u{1F600} two\n");
            assert_eq!(Written::of(&file).encoding, encoding);
            assert!(Written::of(&file).crlf);
            assert_eq!(round_trip(&file), file);
            assert_eq!(decode(file).unwrap(), "Caf\u{e9}\r\n\u{1F600} two\r\n");
        }
    }

    #[test]
    fn mixed_line_endings_take_the_most_common() {
        assert!(Written::of(b"a\r\nb\r\nc\nd").crlf);
        assert!(!Written::of(b"a\nb\nc\r\nd").crlf);
        // Text typed with a lone \r or \r\n comes out in the file's way.
        let unix = Written::default();
        assert_eq!(unix.write("a\r\nb\rc\n"), b"a\nb\nc\n");
    }

    #[test]
    fn encodings_have_names_for_the_page() {
        for encoding in Encoding::ALL {
            assert_eq!(Encoding::parse(encoding.as_str()), Some(encoding));
        }
        assert_eq!(Encoding::parse("latin-1"), None);
    }
}
