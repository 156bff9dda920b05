//! Suppression comments, the same in text and Markdown:
//!
//! ```text
//! <!-- ordinary-disable-next-line service-user -->
//! <!-- ordinary-disable-line -->
//! <!-- ordinary-disable vulnerable, respite -->  …  <!-- ordinary-enable -->
//! ```
//!
//! In plain text the comment markers are optional (`# ordinary-disable`
//! works too). Rule ids are separated by commas or spaces; none means all rules.

use std::ops::Range;

use super::Suppression;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    DisableNextLine,
    DisableLine,
    Disable,
    Enable,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Empty means every rule.
    pub rules: Vec<String>,
}

impl Directive {
    /// Parses the text of a comment or a plain-text line.
    pub fn parse(comment: &str) -> Option<Directive> {
        let mut body = comment.trim();
        for opener in ["<!--", "#", "//", "%"] {
            if let Some(rest) = body.strip_prefix(opener) {
                body = rest.trim_start();
                break;
            }
        }
        let body = body.strip_suffix("-->").unwrap_or(body).trim();
        let rest = body.strip_prefix("ordinary-")?;
        // Longest keyword first: "disable-next-line" before "disable".
        let (kind, rest) = [
            ("disable-next-line", DirectiveKind::DisableNextLine),
            ("disable-line", DirectiveKind::DisableLine),
            ("disable", DirectiveKind::Disable),
            ("enable", DirectiveKind::Enable),
        ]
        .into_iter()
        .find_map(|(word, kind)| {
            let after = rest.strip_prefix(word)?;
            (after.is_empty() || after.starts_with(char::is_whitespace)).then_some((kind, after))
        })?;
        let rules = rest
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|id| !id.is_empty())
            .map(str::to_string)
            .collect();
        Some(Directive { kind, rules })
    }
}

/// Turns directives found at byte offsets of `text` into suppressions.
pub(super) fn suppressions(
    text: &str,
    directives: &[(Range<usize>, Directive)],
) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut open: Vec<(usize, Option<Vec<String>>)> = Vec::new();
    for (at, directive) in directives {
        let rules = (!directive.rules.is_empty()).then(|| directive.rules.clone());
        // The directive's last byte: its range may or may not take in the line break.
        let last = at.end.saturating_sub(1).max(at.start);
        match directive.kind {
            DirectiveKind::DisableNextLine => {
                let start = (line_end(text, last) + 1).min(text.len());
                out.push(Suppression {
                    range: start..line_end(text, start),
                    rules,
                });
            }
            DirectiveKind::DisableLine => {
                let start = text[..at.start].rfind('\n').map_or(0, |i| i + 1);
                out.push(Suppression {
                    range: start..line_end(text, last),
                    rules,
                });
            }
            DirectiveKind::Disable => open.push((at.end, rules)),
            DirectiveKind::Enable => {
                // With ids, close the regions opened for exactly those ids;
                // without, close every open region.
                let (closing, still_open): (Vec<_>, Vec<_>) = open
                    .drain(..)
                    .partition(|(_, r)| rules.is_none() || *r == rules);
                open = still_open;
                out.extend(closing.into_iter().map(|(start, rules)| Suppression {
                    range: start..at.start,
                    rules,
                }));
            }
        }
    }
    out.extend(open.into_iter().map(|(start, rules)| Suppression {
        range: start..text.len(),
        rules,
    }));
    out
}

/// The offset of the end of the line holding `at` (its `\n`, or the end).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_kind_with_and_without_ids() {
        let d =
            Directive::parse("<!-- ordinary-disable-next-line service-user, respite -->").unwrap();
        assert_eq!(d.kind, DirectiveKind::DisableNextLine);
        assert_eq!(d.rules, vec!["service-user", "respite"]);
        assert_eq!(
            Directive::parse("# ordinary-disable").unwrap().kind,
            DirectiveKind::Disable
        );
        assert_eq!(
            Directive::parse("ordinary-enable").unwrap().rules,
            Vec::<String>::new()
        );
        assert_eq!(
            Directive::parse("<!--ordinary-disable-line-->")
                .unwrap()
                .kind,
            DirectiveKind::DisableLine
        );
        assert!(Directive::parse("ordinary-disabled").is_none());
        assert!(Directive::parse("an ordinary-disable remark").is_none());
    }
}
