//! `w:sym`: a character picked from a symbol font. For the Symbol font the
//! code means a Unicode character (Adobe's Symbol encoding); Wingdings and
//! other picture fonts have no text equivalent, so they add nothing.

/// Symbol-font codes 0x20–0x7E.
const LOW: &str = " !\u{2200}#\u{2203}%&\u{220B}()\u{2217}+,\u{2212}./0123456789:;<=>?\u{2245}\
\u{391}\u{392}\u{3A7}\u{394}\u{395}\u{3A6}\u{393}\u{397}\u{399}\u{3D1}\u{39A}\u{39B}\u{39C}\u{39D}\u{39F}\u{3A0}\
\u{398}\u{3A1}\u{3A3}\u{3A4}\u{3A5}\u{3C2}\u{3A9}\u{39E}\u{3A8}\u{396}[\u{2234}]\u{22A5}_\u{203E}\
\u{3B1}\u{3B2}\u{3C7}\u{3B4}\u{3B5}\u{3C6}\u{3B3}\u{3B7}\u{3B9}\u{3D5}\u{3BA}\u{3BB}\u{3BC}\u{3BD}\u{3BF}\u{3C0}\
\u{3B8}\u{3C1}\u{3C3}\u{3C4}\u{3C5}\u{3D6}\u{3C9}\u{3BE}\u{3C8}\u{3B6}{|}\u{223C}";

/// Symbol-font codes 0xA0–0xDF.
const HIGH: &str = "\u{20AC}\u{3D2}\u{2032}\u{2264}\u{2044}\u{221E}\u{192}\u{2663}\u{2666}\u{2665}\u{2660}\u{2194}\
\u{2190}\u{2191}\u{2192}\u{2193}\u{B0}\u{B1}\u{2033}\u{2265}\u{D7}\u{221D}\u{2202}\u{2022}\u{F7}\u{2260}\u{2261}\
\u{2248}\u{2026}\u{23D0}\u{23AF}\u{21B5}\u{2135}\u{2111}\u{211C}\u{2118}\u{2297}\u{2295}\u{2205}\u{2229}\u{222A}\
\u{2283}\u{2287}\u{2284}\u{2282}\u{2286}\u{2208}\u{2209}\u{2220}\u{2207}\u{AE}\u{A9}\u{2122}\u{220F}\u{221A}\
\u{22C5}\u{AC}\u{2227}\u{2228}\u{21D4}\u{21D0}\u{21D1}\u{21D2}\u{21D3}";

/// The character for a `w:sym` with this font and hexadecimal code.
pub(crate) fn symbol(font: Option<&str>, code: &str) -> Option<char> {
    let code = u32::from_str_radix(code, 16).ok()?;
    // Word stores symbol-font codes in the private use area, at 0xF000 + code.
    let low = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    let is_symbol_font = font.is_some_and(|f| f.eq_ignore_ascii_case("Symbol"));
    if !is_symbol_font {
        // A real Unicode character outside the private use area is itself.
        let private_use = (0xE000..=0xF8FF).contains(&code);
        return (!private_use).then(|| char::from_u32(code)).flatten();
    }
    match low {
        0x20..=0x7E => LOW.chars().nth((low - 0x20) as usize),
        0xA0..=0xDF => HIGH.chars().nth((low - 0xA0) as usize),
        0xE5 => Some('\u{2211}'),
        0xF2 => Some('\u{222B}'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_font_codes_become_unicode() {
        assert_eq!(LOW.chars().count(), 0x7F - 0x20);
        assert_eq!(HIGH.chars().count(), 0xE0 - 0xA0);
        assert_eq!(symbol(Some("Symbol"), "F0DA"), Some('\u{2228}'));
        assert_eq!(symbol(Some("Symbol"), "00DA"), Some('\u{2228}'));
        assert_eq!(symbol(Some("Symbol"), "F061"), Some('\u{3B1}'));
        assert_eq!(symbol(Some("Wingdings"), "F0E0"), None);
        assert_eq!(symbol(Some("Arial"), "00E9"), Some('\u{E9}'));
    }
}
