//! "Accept this word in the project": adds a phrase to `accept` in
//! `ordinary.toml`, editing the file in place so its comments, order and
//! layout stay as the user wrote them (`toml_edit` keeps every byte it is
//! not asked to change; the `toml` crate's serialiser would rewrite the file).

use std::path::Path;

use toml_edit::{Array, DocumentMut, Item, Value};

/// Why a phrase could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Write {
        source: crate::safe_write::WriteError,
    },
    #[error("{path} is not valid TOML, so it was left as it is: {message}")]
    Invalid { path: String, message: String },
    #[error("`accept` in {path} is not a list of phrases, so it was left as it is")]
    NotAList { path: String },
}

/// Adds `phrase` to the config file at `path`, creating the file when there
/// is none. Returns false when the phrase was already accepted (in any case).
pub fn accept_in_file(path: &Path, phrase: &str) -> Result<bool, AcceptError> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(AcceptError::Read {
                path: shown,
                source,
            });
        }
    };
    let Some(updated) = accept(&text, phrase, &shown)? else {
        return Ok(false);
    };
    // Never a plain write: on a full disk that left a config cut off
    // mid-line, and every later run failed on it.
    crate::safe_write::create(path, updated.as_bytes(), true)
        .map_err(|source| AcceptError::Write { source })?;
    Ok(true)
}

/// The config text with `phrase` added to `accept`; `None` if it is there.
pub fn accept(text: &str, phrase: &str, path: &str) -> Result<Option<String>, AcceptError> {
    let mut document: DocumentMut =
        text.parse()
            .map_err(|error: toml_edit::TomlError| AcceptError::Invalid {
                path: path.to_string(),
                message: error.message().trim().to_string(),
            })?;
    let not_a_list = || AcceptError::NotAList {
        path: path.to_string(),
    };
    let Some(item) = document.get_mut("accept") else {
        let mut list = Array::new();
        list.push(phrase);
        // A new key goes after the file's other top-level keys, before its tables.
        document.insert("accept", Item::Value(Value::Array(list)));
        return Ok(Some(document.to_string()));
    };
    let list = item.as_array_mut().ok_or_else(not_a_list)?;
    let mut present = false;
    for value in list.iter() {
        let accepted = value.as_str().ok_or_else(not_a_list)?;
        present |= accepted.to_lowercase() == phrase.to_lowercase();
    }
    if present {
        return Ok(None);
    }
    // One phrase a line stays one phrase a line, indented like the last,
    // with comments staying on the line they were on.
    let indent = list.iter().last().and_then(|last| {
        let prefix = last.decor().prefix()?.as_str()?;
        Some(prefix.rsplit_once('\n')?.1.to_string())
    });
    let Some(indent) = indent else {
        list.push(phrase);
        return Ok(Some(document.to_string()));
    };
    // What follows the last phrase before `]`: after its comma (the array's
    // trailing text) or, without a trailing comma, its own suffix.
    let after_last = if list.trailing_comma() {
        list.trailing().as_str().unwrap_or("").to_string()
    } else {
        let last = list.iter_mut().last().map(|v| v.decor_mut());
        let suffix = last
            .as_ref()
            .and_then(|d| d.suffix()?.as_str())
            .unwrap_or("")
            .to_string();
        if let Some(decor) = last {
            decor.set_suffix("");
        }
        suffix
    };
    let (to_line_end, before_bracket) = match after_last.rsplit_once('\n') {
        Some((line, rest)) => (format!("{line}\n"), rest.to_string()),
        None => ("\n".to_string(), after_last.clone()),
    };
    list.push(phrase);
    if let Some(new) = list.iter_mut().last() {
        new.decor_mut().set_prefix(format!("{to_line_end}{indent}"));
        new.decor_mut().set_suffix("");
    }
    list.set_trailing_comma(true);
    list.set_trailing(format!("\n{before_bracket}"));
    Ok(Some(document.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(text: &str, phrase: &str) -> String {
        accept(text, phrase, "ordinary.toml").unwrap().unwrap()
    }

    #[test]
    fn an_inline_list_grows_inline() {
        assert_eq!(
            add("accept = [\"Reablement Team\"] # ours\n", "care package"),
            "accept = [\"Reablement Team\", \"care package\"] # ours\n"
        );
        assert_eq!(add("accept = []\n", "respite"), "accept = [\"respite\"]\n");
    }

    #[test]
    fn a_list_one_a_line_keeps_its_layout_and_comments() {
        let text = "# Our words\naccept = [\n    \"Reablement Team\", # the team\n    \"NCRT\",\n]\n\n[severity]\ncare-package = \"info\"\n";
        assert_eq!(
            add(text, "Service users"),
            "# Our words\naccept = [\n    \"Reablement Team\", # the team\n    \"NCRT\",\n    \"Service users\",\n]\n\n[severity]\ncare-package = \"info\"\n"
        );
    }

    #[test]
    fn a_comment_after_the_last_phrase_stays_on_its_line() {
        assert_eq!(
            add("accept = [\n  \"A\", # ours\n]\n", "B"),
            "accept = [\n  \"A\", # ours\n  \"B\",\n]\n"
        );
        assert_eq!(
            add("accept = [\n  \"A\" # ours\n  ]\n", "B"),
            "accept = [\n  \"A\", # ours\n  \"B\",\n  ]\n"
        );
    }

    #[test]
    fn a_missing_list_goes_before_the_tables() {
        let text = "disable = [\"client\"] # not for us\n\n[severity]\ncare-package = \"info\"\n";
        assert_eq!(
            add(text, "respite"),
            "disable = [\"client\"] # not for us\naccept = [\"respite\"]\n\n[severity]\ncare-package = \"info\"\n"
        );
        assert_eq!(add("", "respite"), "accept = [\"respite\"]\n");
    }

    #[test]
    fn a_phrase_already_accepted_in_any_case_is_left() {
        assert!(
            accept("accept = [\"Respite\"]", "respite", "x")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn bad_files_are_errors_not_rewrites() {
        assert!(matches!(
            accept("accept = [", "respite", "x"),
            Err(AcceptError::Invalid { .. })
        ));
        assert!(matches!(
            accept("accept = \"respite\"", "care", "x"),
            Err(AcceptError::NotAList { .. })
        ));
        assert!(matches!(
            accept("accept = [1]", "care", "x"),
            Err(AcceptError::NotAList { .. })
        ));
    }
}
