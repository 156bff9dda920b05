//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! One run with results first and the tool (with only the rules that
//! fired, sorted by id) after them: JSON objects are unordered, so results
//! can stream as files finish while the rule list, which needs the whole
//! run, is written at the end. Files that could not be checked become
//! `toolExecutionNotifications`, and `executionSuccessful` is false.
//!
//! Regions are 1-based lines and columns counted in Unicode code points
//! (`columnKind: unicodeCodePoints`), end exclusive. A finding in a Word
//! document has no region: its lines and columns are in the extracted text,
//! not in the file, so the place in words goes into the message and into a
//! logical location (`table 2, row 3, column 2`), and there is no fix.
//! Elsewhere each suggestion that fits the sentence is offered as a fix
//! (its edit may take in a word next to the match: "a care package" →
//! "care and support"); advice is listed in the result's properties only.
//! There is no fix for a Markdown match across markup.
//!
//! Each result has a `partialFingerprints` entry, `ordinary/v1`: the
//! baseline's key (rule, matched text, context), so viewers that track
//! results across commits follow a finding when lines move.
//!
//! Types are our own rather than the serde-sarif crate's: we write a small
//! part of the format, borrowed and streamed, and a test validates the
//! output against the official schema.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::sync::Mutex;

use serde::Serialize;

use super::escape::{flat, uri};
use super::markdown::escape;
use super::view::View;
use super::{FileReport, Reporter, Summary, write_array_items};
use crate::baseline;
use crate::engine::{Edit, Linter};
use crate::hash::fnv1a;
use crate::rules::{Rule, Severity};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF reporter; `linter` gives the rules' help at the end.
pub struct Sarif<'l> {
    linter: &'l Linter,
    /// Rules that fired (indexes), from every worker.
    used: Mutex<BTreeSet<usize>>,
    /// Only the main thread takes this.
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    started: bool,
    wrote_result: bool,
    errors: Vec<(String, String)>,
}

impl<'l> Sarif<'l> {
    pub fn new(linter: &'l Linter) -> Sarif<'l> {
        Sarif {
            linter,
            used: Mutex::new(BTreeSet::new()),
            state: Mutex::new(State::default()),
        }
    }

    fn start(&self, out: &mut dyn Write) -> io::Result<std::sync::MutexGuard<'_, State>> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !state.started {
            state.started = true;
            write!(
                out,
                "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"results\":["
            )?;
        }
        Ok(state)
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize, Clone)]
struct Message<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    level: &'static str,
    message: Message<'a>,
    locations: [ResultLocation<'a>; 1],
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "ordinary/v1")]
    ordinary: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation<'a> {
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Message<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
struct ArtifactChange<'a> {
    #[serde(rename = "artifactLocation")]
    artifact_location: ArtifactLocation<'a>,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region<'a>,
    inserted_content: Message<'a>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    category: &'a str,
    #[serde(skip_serializing_if = "<[&str]>::is_empty")]
    suggestions: &'a [&'a str],
}

impl Reporter for Sarif<'_> {
    fn render(&self, file: &FileReport<'_>, out: &mut Vec<u8>) {
        if file.findings.is_empty() {
            return;
        }
        let uri = uri(file.path);
        let mut used = Vec::with_capacity(file.findings.len());
        for finding in file.findings {
            used.push(finding.rule);
            let view = View::new(file, finding);
            let message = match view.location {
                Some(location) => format!("{location}: {}", view.message),
                None => view.message.clone(),
            };
            let region = view.location.is_none().then_some(Region {
                start_line: view.start.line,
                start_column: view.start.column,
                end_line: view.end.line,
                end_column: view.end.column,
                snippet: Some(Message { text: view.matched }),
            });
            let edits: Vec<&Edit> = view.offers.iter().filter_map(|o| o.edit).collect();
            let descriptions: Vec<String> = edits
                .iter()
                .map(|edit| {
                    format!(
                        "Replace \u{201C}{}\u{201D} with \u{201C}{}\u{201D}",
                        flat(&file.text[edit.span.clone()]),
                        edit.replacement
                    )
                })
                .collect();
            let fixes = match (&region, view.exact(file)) {
                (Some(_), true) => edits
                    .iter()
                    .zip(&descriptions)
                    .map(|(edit, description)| {
                        let start = file.position(edit.span.start);
                        let end = file.position(edit.span.end);
                        Fix {
                            description: Message { text: description },
                            artifact_changes: [ArtifactChange {
                                artifact_location: ArtifactLocation { uri: &uri },
                                replacements: [Replacement {
                                    deleted_region: Region {
                                        start_line: start.line,
                                        start_column: start.column,
                                        end_line: end.line,
                                        end_column: end.column,
                                        snippet: None,
                                    },
                                    inserted_content: Message {
                                        text: &edit.replacement,
                                    },
                                }],
                            }],
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let key = baseline::key(file.text, finding, file.linter);
            let fingerprint =
                fnv1a(format!("{}\u{0}{}\u{0}{}", key.rule, key.matched, key.context).as_bytes());
            let result = SarifResult {
                rule_id: &view.rule.id,
                level: level(finding.severity),
                message: Message { text: &message },
                locations: [ResultLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: &uri },
                        region,
                    },
                    logical_locations: view
                        .location
                        .map(|location| LogicalLocation {
                            name: location.to_string(),
                            kind: "element",
                        })
                        .into_iter()
                        .collect(),
                }],
                partial_fingerprints: Fingerprints {
                    ordinary: format!("{fingerprint:016x}"),
                },
                fixes,
                properties: ResultProperties {
                    category: view.rule.category.as_str(),
                    suggestions: &view.suggestions,
                },
            };
            if !out.is_empty() {
                out.push(b',');
            }
            out.push(b'\n');
            // Serialising plain strings and numbers into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, &result);
        }
        self.used
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend(used);
    }

    fn splits_between_findings(&self) -> bool {
        true
    }

    fn write_rendered(&self, rendered: &[u8], out: &mut dyn Write) -> io::Result<()> {
        let mut state = self.start(out)?;
        write_array_items(&mut state.wrote_result, rendered, out)
    }

    fn error(&self, path: &str, message: &str, out: &mut dyn Write) -> io::Result<()> {
        let mut state = self.start(out)?;
        state.errors.push((path.to_string(), message.to_string()));
        Ok(())
    }

    fn finish(&self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let state = self.start(out)?;
        let used = self
            .used
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut rules: Vec<&Rule> = used.iter().map(|&i| self.linter.rule(i)).collect();
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let tool = Tool {
            driver: Driver {
                name: "ordinary",
                full_name: "ordinary: plain-language checks for social care and council writing",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                rules: rules.into_iter().map(rule_descriptor).collect(),
            },
        };
        let uris: Vec<String> = state.errors.iter().map(|(path, _)| uri(path)).collect();
        let notifications: Vec<Notification<'_>> = state
            .errors
            .iter()
            .zip(&uris)
            .map(|((_, message), uri)| Notification {
                level: "error",
                message: Message { text: message },
                locations: [NotificationLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri },
                        region: None,
                    },
                }],
            })
            .collect();
        let invocation = Invocation {
            execution_successful: state.errors.is_empty(),
            tool_execution_notifications: notifications,
        };
        out.write_all(b"\n],\"tool\":")?;
        serde_json::to_writer(&mut *out, &tool)?;
        out.write_all(b",\"invocations\":[")?;
        serde_json::to_writer(&mut *out, &invocation)?;
        out.write_all(b"],\"columnKind\":\"unicodeCodePoints\"}]}\n")
    }
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    full_name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    short_description: OwnedMessage,
    full_description: Message<'a>,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct OwnedMessage {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    category: &'a str,
    tags: [&'a str; 2],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<&'a str>,
}

/// A rule's help: the same why and suggestions as `ordinary explain`.
fn rule_descriptor(rule: &Rule) -> RuleDescriptor<'_> {
    let what = match (&rule.expansion, rule.phrases.first()) {
        (Some(expansion), Some(abbr)) => {
            format!(
                "\u{201C}{abbr}\u{201D} ({expansion}): {}",
                rule.category.describe()
            )
        }
        (None, Some(phrase)) => format!("\u{201C}{phrase}\u{201D}: {}", rule.category.describe()),
        _ => rule
            .message
            .clone()
            .unwrap_or_else(|| rule.category.describe().to_string()),
    };
    let mut text = rule.why.clone();
    let mut markdown = escape(&rule.why);
    if !rule.suggestions.is_empty() {
        text.push_str(&format!(
            "\n\nTry instead: {}.",
            rule.suggestions
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ));
        let items: Vec<String> = rule
            .suggestions
            .iter()
            .map(|s| format!("- {}", escape(&s.text)))
            .collect();
        markdown.push_str(&format!("\n\n**Try instead:**\n\n{}", items.join("\n")));
    }
    if let Some(example) = rule.examples.first() {
        text.push_str(&format!("\n\nFor example: {}", example.text));
        markdown.push_str(&format!("\n\n**For example:** {}", escape(&example.text)));
    }
    text.push_str(&format!(
        "\n\nDefined in {}. More: ordinary explain {}",
        rule.source, rule.id
    ));
    markdown.push_str(&format!(
        "\n\nDefined in `{}`. More: `ordinary explain {}`",
        rule.source, rule.id
    ));
    RuleDescriptor {
        id: &rule.id,
        short_description: OwnedMessage { text: what },
        full_description: Message { text: &rule.why },
        help: Help { text, markdown },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            category: rule.category.as_str(),
            tags: ["plain-language", rule.category.as_str()],
            suggestions: rule.suggestions.iter().map(|s| s.text.as_str()).collect(),
        },
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Message<'a>,
    locations: [NotificationLocation<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation<'a> {
    physical_location: PhysicalLocation<'a>,
}
