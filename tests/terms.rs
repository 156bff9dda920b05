//! Terms a document explains: once the text says what a word of the care
//! system means, it is not flagged again; a glossary explains every use.

use ordinary::engine::{Linter, Settings};
use ordinary::rules::Ruleset;
use ordinary::source::{Document, Format};

fn linter() -> Linter {
    let ruleset = Ruleset::defaults()
        .unwrap_or_else(|error| panic!("the default rules do not load:\n{error}"));
    Linter::new(ruleset, &Settings::default()).expect("the default rules compile")
}

/// The text of every `reablement` finding in a Markdown document.
fn reablement_findings(linter: &Linter, text: &str) -> Vec<String> {
    let document = Document::parse(text.to_string(), Format::Markdown);
    linter
        .check(&document)
        .into_iter()
        .filter(|f| linter.rule(f.rule).id == "reablement")
        .map(|f| text[f.span].to_string())
        .collect()
}

#[test]
fn a_glossary_of_words_explains_every_use_before_it_too() {
    let linter = linter();
    let body = "We expanded reablement this year.\n\n\
                Most people finish reablement within six weeks.\n\n";
    let with_glossary = format!(
        "{body}## Glossary\n\n- **Reablement** – short-term help at home to get back your confidence.\n"
    );
    assert_eq!(
        reablement_findings(&linter, &with_glossary),
        Vec::<String>::new()
    );

    let as_a_table = format!(
        "{body}## Words we use\n\n| Word | What it means |\n|---|---|\n| Reablement | short-term help at home |\n"
    );
    assert_eq!(
        reablement_findings(&linter, &as_a_table),
        Vec::<String>::new()
    );

    // Without the glossary, every use is flagged.
    assert_eq!(reablement_findings(&linter, body).len(), 2);

    // A list of services under another heading is not a glossary: its rows
    // are options, not meanings.
    let options = format!(
        "{body}## What we offer\n\n| Service | What happens |\n|---|---|\n| Reablement | short-term help at home |\n"
    );
    assert_eq!(reablement_findings(&linter, &options).len(), 3);

    // A glossary ends at the next heading: a word listed after it is not
    // in the glossary.
    let after = format!(
        "{body}## Glossary\n\n- **Telecare** – alarms in the home.\n\n## Next steps\n\n- **Reablement** – ask us about it.\n"
    );
    assert_eq!(reablement_findings(&linter, &after).len(), 3);
}
