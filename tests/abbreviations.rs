//! Abbreviations nobody explained: explanations either way round, uses
//! before and after them, capitals that are not abbreviations, the
//! allow-list and the config's say over all of it.

use std::process::Command;

use ordinary::engine::{AbbreviationSettings, AfterExplanation, Linter, Repeats, Settings};
use ordinary::rules::{RuleSource, Ruleset, Severity};
use ordinary::source::{Document, Format};

const CQC_AND_SEND: &str = r#"
[[abbreviation]]
abbr = "CQC"
expansion = "Care Quality Commission"
suggestions = ["the care inspector (Care Quality Commission)"]
examples = ["CQC"]
counter_examples = ["cqc"]

[[abbreviation]]
abbr = "D2A"
expansion = "discharge to assess"
examples = ["D2A"]
counter_examples = ["d2a"]

[[abbreviation]]
abbr = "SEND"
expansion = "special educational needs and disabilities"
examples = ["SEND"]
counter_examples = ["send"]
"#;

fn linter_with(settings: Settings) -> Linter {
    linter_from(CQC_AND_SEND, &settings)
}

/// The built-in abbreviation checks and the abbreviations in `rules`.
fn linter_from(rules: &str, settings: &Settings) -> Linter {
    let sources = vec![
        RuleSource {
            name: "abbreviation-checks.toml".into(),
            text: include_str!("../rules/abbreviation-checks.toml").into(),
        },
        RuleSource {
            name: "test.toml".into(),
            text: rules.into(),
        },
    ];
    Linter::new(
        Ruleset::load(sources).unwrap_or_else(|e| panic!("{e}")),
        settings,
    )
    .expect("compiles")
}

/// `(rule, matched, severity)` for every finding.
fn check(linter: &Linter, text: &str) -> Vec<(String, String, Severity)> {
    let document = Document::parse(text.to_string(), Format::Text);
    linter
        .check(&document)
        .into_iter()
        .map(|f| {
            (
                linter.rule(f.rule).id.clone(),
                text[f.span].to_string(),
                f.severity,
            )
        })
        .collect()
}

/// `(rule, matched)` for every finding in a document of `format`, the note
/// about too many abbreviations left out.
fn findings_in(linter: &Linter, text: &str, format: Format) -> Vec<(String, String)> {
    let document = Document::parse(text.to_string(), format);
    linter
        .check(&document)
        .into_iter()
        .map(|f| (linter.rule(f.rule).id.clone(), text[f.span].to_string()))
        .filter(|(rule, _)| rule != "too-many-abbreviations")
        .collect()
}

fn rules(findings: &[(String, String, Severity)]) -> Vec<(&str, &str)> {
    findings
        .iter()
        .map(|(rule, matched, _)| (rule.as_str(), matched.as_str()))
        .collect()
}

#[test]
fn a_use_before_the_explanation_is_flagged_and_uses_after_it_are_not() {
    let l = linter_with(Settings::default());
    let text =
        "The NCRT rang. The Northmoor Community Response Team (NCRT) visited. The NCRT wrote.";
    assert_eq!(
        rules(&check(&l, text)),
        vec![("abbreviation-not-explained", "NCRT")]
    );
    let found = check(&l, text);
    assert_eq!(found[0].2, Severity::Warning);
    assert_eq!(
        rules(&check(&l, "The NCRT rang, and the NCRT wrote.")).len(),
        2,
        "never explained: every use"
    );
}

#[test]
fn explanations_count_either_way_round() {
    let l = linter_with(Settings::default());
    for text in [
        "The Northmoor Community Response Team (NCRT) visited, and the NCRT wrote.",
        "The NCRT (Northmoor Community Response Team) visited, and the NCRT wrote.",
    ] {
        assert_eq!(check(&l, text), vec![], "{text}");
    }
}

#[test]
fn explanations_in_the_forms_councils_write() {
    let l = linter_with(Settings::default());
    for text in [
        "Northmoor Community Response Team ('NCRT') visited, and the NCRT wrote.",
        "Northmoor Community Response Team (“NCRT”) visited, and the NCRT wrote.",
        "The Care Quality Commission (\"CQC\") visited, and the CQC wrote.",
        // The letters with the next word's initial are the explained ones.
        "Her Education, Health and Care Plan (EHCP) is due. We review every EHC Plan.",
        // Two sets of letters joined by a hyphen, each explained by the name.
        "The Northmoor Care Workforce Data Set (NC-WDS) shows it.",
        // A committee's recommendations, each verb in capitals.
        "The Board is asked to: a) **AGREE** the plan; b) **NOTE** the risks.",
    ] {
        assert_eq!(check(&l, text), vec![], "{text}");
    }
    assert_eq!(
        rules(&check(
            &l,
            "We review every EHC Plan. Her Education, Health and Care Plan (EHCP) is due."
        )),
        vec![("abbreviation-not-explained", "EHC")],
        "a use before the explanation is still flagged"
    );
}

/// `SEN` after `special educational needs and/or disabilities (SEND)`: the
/// reader has been told the words of the shorter letters too. Only one
/// letter shorter: a team's name (`Learning Disability and Autism Team
/// (LDAT)`) does not teach `LD`.
#[test]
fn shorter_letters_whose_words_open_an_explanation_are_explained() {
    let sen_and_ld = r#"
[[abbreviation]]
abbr = "SEN"
expansion = "special educational needs"
examples = ["SEN"]
counter_examples = ["sen"]

[[abbreviation]]
abbr = "LD"
expansion = "learning disability"
examples = ["LD"]
counter_examples = ["ld"]
"#;
    let l = linter_from(sen_and_ld, &Settings::default());
    let send = "This page is for children with special educational needs and/or disabilities (SEND). Schools must support pupils with SEN.";
    assert!(
        !rules(&check(&l, send)).contains(&("sen", "SEN")),
        "{:?}",
        check(&l, send)
    );
    // Before the explanation, the letters are still new to the reader.
    let before = "Schools must support pupils with SEN. This page is for children with special educational needs and/or disabilities (SEND).";
    assert!(rules(&check(&l, before)).contains(&("sen", "SEN")));
    let team = "The Learning Disability and Autism Team (LDAT) wrote. Jordan has a moderate LD.";
    assert!(rules(&check(&l, team)).contains(&("ld", "LD")));
}

/// The word list of an easy read leaflet: each word in bold on its own
/// line, its meaning on the next. Such a leaflet sets the words the list
/// explains in bold, so a use in bold is explained wherever it is, and a
/// plain use only after the list.
#[test]
fn an_easy_read_word_list_explains_its_words_in_bold() {
    let l = linter_from("", &Settings::default());
    let leaflet = "If you get **QWP**, tell the ZRB.\n\nThe ZRB pays it.\n\n## Words\n\n**QWP**\nMoney from the government to help you at work.\n\n**ZRB**\nThe office that pays benefits.\n\nAsk the ZRB or read about QWP.\n";
    let found = findings_in(&l, leaflet, Format::Markdown);
    let flagged: Vec<&str> = found.iter().map(|(_, matched)| matched.as_str()).collect();
    assert_eq!(flagged, vec!["ZRB", "ZRB"], "{found:?}");
    // Not in bold, or with no meaning on the next line, it is no entry.
    let plain = "If you get QWP, tell us.\n\n## Words\n\nQWP\nMoney from the government to help you at work.\n";
    let found = findings_in(&l, plain, Format::Markdown);
    assert!(found.iter().any(|(_, m)| m == "QWP"), "{found:?}");
}

/// A glossary explains every use in the document, before it as well as
/// after: the reader can look the letters up from anywhere.
#[test]
fn a_glossary_as_a_table_or_a_list_explains_every_use() {
    let l = linter_with(Settings::default());
    let parse = |text: &str, format| findings_in(&l, text, format);
    let table = "The NCRT and the CQC met the PQRS.\n\n\
                 | Abbreviation | Meaning |\n|---|---|\n\
                 | NCRT | Northmoor Community Response Team |\n\
                 | CQC | the care inspector |\n";
    assert_eq!(
        parse(table, Format::Markdown),
        vec![("abbreviation-not-explained".to_string(), "PQRS".to_string())],
        "only the one missing from the table"
    );
    let list = "The NCRT and the CQC met.\n\n\
                - **NCRT** – Northmoor Community Response Team\n\
                - CQC: Care Quality Commission, the care inspector\n";
    assert_eq!(parse(list, Format::Markdown), vec![]);
    let lines = "The NCRT and the PQRS met.\n\n## Glossary\n\n**NCRT** – Northmoor Community Response Team\n**PQRS** – Pretty Quick Response Service\n";
    assert_eq!(
        parse(lines, Format::Markdown),
        vec![],
        "glossary lines in one Markdown paragraph, each its own entry"
    );
    let bold_cells =
        "The NCRT met.\n\n| | |\n|---|---|\n| **NCRT** | Northmoor Community Response Team |\n";
    assert_eq!(
        parse(bold_cells, Format::Markdown),
        vec![],
        "emphasis around a cell's letters"
    );
    let record = "| | |\n|---|---|\n| **Name** | Kieran THOMPSON |\n| **Team** | Kieran NCRT |\n";
    assert_eq!(
        parse(record, Format::Markdown),
        vec![("abbreviation-not-explained".to_string(), "NCRT".to_string())],
        "a surname in capitals in the cell labelled as a name, not in another"
    );
    let label = "- **NCRT** – we work closely with the NCRT and can refer you.\n";
    assert_eq!(
        parse(label, Format::Markdown),
        vec![
            ("abbreviation-not-explained".to_string(), "NCRT".to_string()),
            ("abbreviation-not-explained".to_string(), "NCRT".to_string())
        ],
        "a label over text that uses the letters again does not spell them out"
    );
    let heading = "# NCRT\n\nThe NCRT met.\n";
    assert_eq!(
        parse(heading, Format::Markdown),
        vec![("abbreviation-not-explained".to_string(), "NCRT".to_string())],
        "a heading of letters alone is not a glossary: the use after it is flagged"
    );
    let one_paragraph = "The NCRT met the PQRS and the WXYZ.\n\n## Abbreviations\n\n\
                         NCRT – Northmoor Community Response Team; PQRS – Pretty Quick Response Service.\n";
    assert_eq!(
        parse(one_paragraph, Format::Markdown),
        vec![("abbreviation-not-explained".to_string(), "WXYZ".to_string())],
        "a glossary written as one paragraph, its entries parted by semicolons"
    );
    let labelled = "The NCRT met the PQRS and the WXYZ.\n\n**Abbreviations:** NCRT – Northmoor \
                    Community Response Team; PQRS – Pretty Quick Response Service.\n";
    assert_eq!(
        parse(labelled, Format::Markdown),
        vec![("abbreviation-not-explained".to_string(), "WXYZ".to_string())],
        "the first entry of a one-paragraph glossary follows its label, not a semicolon"
    );
    let not_a_label = "Three teams: NCRT – they met twice.";
    assert_eq!(
        parse(not_a_label, Format::Text).len(),
        1,
        "after a colon that is no glossary's label, letters and a dash are no entry"
    );
    let prose = "We met the NCRT; PQRS staff came too.";
    assert_eq!(
        parse(prose, Format::Text).len(),
        2,
        "after a semicolon, letters with no dash and meaning are no entry"
    );
    let mid_sentence = "We asked the NCRT - Northmoor Community Response Team - to help.";
    assert_eq!(
        parse(mid_sentence, Format::Text),
        vec![("abbreviation-not-explained".to_string(), "NCRT".to_string())],
        "a dash in the middle of a sentence is not a glossary entry"
    );
}

#[test]
fn names_codes_and_citations_in_capitals_are_not_abbreviations() {
    let l = linter_with(Settings::default());
    for text in [
        "Try our self-help tool, AskSARA, or record it on ContrOCC.",
        "Following A Local Authority v JB [2021] UKSC 52, we changed the form.",
        "Reference: ACW 00471926.",
        "You need GCSE English. Write to PO Box 12.",
        "Read it on the GOV.UK website, or ask for Information Leaflet NRS 14.",
        "Clubs are run by Brightside Play CIC and Voice Together SCIO.",
        "| **School** | St Oswald's CE Primary School |",
        "We use Liquidlogic LAS and Power BI dashboards.",
        "Payments go through the Westmere Independent Living Trust, WILT. Call WILT.",
        "Use the Multi-agency Referral Form (MRF v6); send the MRF by email.",
    ] {
        assert_eq!(
            rules(&check(&l, text))
                .into_iter()
                .filter(|(rule, _)| *rule == "abbreviation-not-explained")
                .collect::<Vec<_>>(),
            vec![],
            "{text}"
        );
    }
}

#[test]
fn a_legal_form_on_its_own_is_still_letters_to_explain() {
    let l = linter_with(Settings::default());
    assert_eq!(
        rules(&check(&l, "The café is run by a CIC.")),
        vec![("abbreviation-not-explained", "CIC")]
    );
}

#[test]
fn surnames_in_capitals_and_letters_written_out_beside_them() {
    let l = linter_with(Settings::default());
    assert_eq!(
        check(&l, "Name: Geoffrey PELL. Seen with Mrs Irene WADDINGTON."),
        vec![],
        "case records write surnames in capitals"
    );
    assert_eq!(
        rules(&check(&l, "Geoffrey NCRT called.")),
        vec![("abbreviation-not-explained", "NCRT")],
        "letters without a vowel, and no title or label before the name"
    );
    assert_eq!(
        check(&l, "The CQC, the Care Quality Commission, rated it good."),
        vec![],
        "the words written out a few words away"
    );
    assert_eq!(
        rules(&check(
            &l,
            "We told the Care Quality Commission about the complaint, and in May the CQC replied."
        )),
        vec![("cqc", "CQC")],
        "too far away to count as an explanation"
    );
    assert_eq!(
        check(
            &l,
            "This page says how the CQC Team works with the Care Quality Commission nationally."
        ),
        vec![],
        "the words start a few words away, however long they are"
    );
    let document = Document::parse(
        "# The Care Quality Commission

The CQC inspects care homes.

Later the CQC wrote.
"
        .to_string(),
        Format::Markdown,
    );
    assert_eq!(
        l.check(&document).len(),
        0,
        "the heading straight above spells it out, and explains later uses"
    );
    let document = Document::parse(
        "# The Care Quality Commission

We wrote a long first sentence about inspections, about homes, about what happens when an inspector visits and more. The CQC replied.
"
            .to_string(),
        Format::Markdown,
    );
    assert_eq!(
        rules(
            &l.check(&document)
                .iter()
                .map(|f| (
                    l.rule(f.rule).id.clone(),
                    document.text[f.span.clone()].to_string(),
                    f.severity
                ))
                .collect::<Vec<_>>()
        ),
        vec![("cqc", "CQC")],
        "deep in the paragraph the heading is too far above"
    );
}

#[test]
fn letters_with_a_digit_that_a_rule_knows_are_explained_like_any_other() {
    let l = linter_with(Settings::default());
    assert_eq!(
        rules(&check(
            &l,
            "Most people leave on discharge-to-assess (D2A). The D2A beds are full."
        )),
        vec![],
        "explained in brackets, then used again"
    );
    assert_eq!(
        rules(&check(&l, "The D2A beds are full. Form NM3 is attached.")),
        vec![("d2a", "D2A")],
        "not explained; a form's code is no abbreviation at all"
    );
}

#[test]
fn letters_of_a_name_already_written_in_full_are_that_name() {
    let l = linter_with(Settings::default());
    assert_eq!(
        rules(&check(
            &l,
            "Northmoor Borough Council runs the Community Learning Disability Team. \
             All NBC staff in the CLDT are trained."
        )),
        vec![],
        "the council's and the team's names came first"
    );
    assert_eq!(
        rules(&check(
            &l,
            "All NBC staff are trained. Northmoor Borough Council pays for it."
        )),
        vec![("abbreviation-not-explained", "NBC")],
        "the letters before the name is written out"
    );
    assert_eq!(
        rules(&check(
            &l,
            "Northmoor Borough. Council staff and NBC staff met."
        )),
        vec![("abbreviation-not-explained", "NBC")],
        "a full stop parts the words: no name of those initials"
    );
}

#[test]
fn initials_that_sign_a_log_entry_are_a_person() {
    let l = linter_with(Settings::default());
    let parse = |text: &str| {
        findings_in(&l, text, Format::Markdown)
            .into_iter()
            .map(|(_, matched)| matched)
            .collect::<Vec<_>>()
    };
    let log = "**Mon 8 April – AM (07:50–08:35) – SP** Let myself in.\n\n\
               **Fri 12 April – Lunch/Tea – RK/JW** All well.\n\n\
               **Office note – Tue 9 April – LM (Care Coordinator)** Rang the GP.\n";
    assert_eq!(
        parse(log),
        Vec::<String>::new(),
        "a care worker's initials close each heading"
    );
    assert_eq!(
        parse(
            "**Mon 8 April – SP** Rang the NCRT.\n\nThe meeting – NCRT and family – went well.\n"
        ),
        vec!["NCRT".to_string(), "NCRT".to_string()],
        "letters in the text, or after a dash mid-sentence, are still letters to explain"
    );
}

#[test]
fn an_explanation_counts_for_letters_that_could_be_a_word_or_a_numeral() {
    let l = linter_with(Settings::default());
    assert_eq!(
        check(
            &l,
            "Children with special educational needs and disabilities (SEND) and the SEND team."
        ),
        vec![],
        "SEND is also a word, but here it is explained and then used"
    );
    assert_eq!(
        check(&l, "The Learning Disability (LD) team and the LD panel."),
        vec![],
        "(LD) is not a Roman numeral"
    );
}

#[test]
fn a_known_abbreviation_is_not_flagged_in_its_explanation_or_after_it() {
    let text = "CQC rated us. The Care Quality Commission (CQC) visited. CQC wrote.";
    let l = linter_with(Settings::default());
    let found = check(&l, text);
    assert_eq!(
        rules(&found),
        vec![("cqc", "CQC")],
        "only the use before the explanation"
    );
    assert_eq!(found[0].2, Severity::Warning);

    let settings = Settings {
        abbreviations: AbbreviationSettings {
            after_explanation: AfterExplanation::Info,
            ..AbbreviationSettings::default()
        },
        ..Settings::default()
    };
    let found = check(&linter_with(settings), text);
    assert_eq!(
        found.iter().map(|f| f.2).collect::<Vec<_>>(),
        vec![Severity::Warning, Severity::Info],
        "before, then after the explanation, lowered"
    );

    for (after, expected) in [(AfterExplanation::Off, 1), (AfterExplanation::Unchanged, 2)] {
        let settings = Settings {
            abbreviations: AbbreviationSettings {
                after_explanation: after,
                ..AbbreviationSettings::default()
            },
            // Every use at the rule's severity, not later ones as repeats.
            repeats: Repeats::All,
            ..Settings::default()
        };
        let found = check(&linter_with(settings), text);
        assert_eq!(found.len(), expected, "{after:?}");
        assert!(found.iter().all(|f| f.2 == Severity::Warning), "{after:?}");
    }
}

#[test]
fn capitals_that_are_headings_emphasis_numbers_units_or_codes_are_not_abbreviations() {
    let l = linter_with(Settings::default());
    let text = "PEOPLE OVERVIEW AND SCRUTINY COMMITTEE\n\nVIEWS\n\nThe Committee is RECOMMENDED to agree Appendix IV and Stage II. \
                Do NOT send it. Files up to 5 MB. Write to NM3 8PA quoting form COP3 and NC-ASC-2026-00123.";
    assert_eq!(check(&l, text), vec![]);
}

#[test]
fn an_abbreviation_that_is_also_a_word_is_not_flagged_in_capitals() {
    let l = linter_with(Settings::default());
    assert_eq!(check(&l, "PLEASE SEND THE FORM BACK"), vec![]);
    assert_eq!(
        rules(&check(&l, "Children with SEND need help.")),
        vec![("send", "SEND")]
    );
}

#[test]
fn the_allow_list_has_everyday_abbreviations_and_the_config_extends_it() {
    let l = linter_with(Settings::default());
    assert_eq!(check(&l, "Your GP, the NHS and the UK government."), vec![]);
    assert_eq!(
        check(
            &l,
            "People living with HIV can get help, and AIDS is rare now."
        ),
        vec![],
        "as well known as the words for them"
    );
    assert_eq!(
        rules(&check(&l, "The NCRT rang.")),
        vec![("abbreviation-not-explained", "NCRT")]
    );
    let mut abbreviations = AbbreviationSettings::default();
    abbreviations.allow.insert("NCRT".into());
    let l = linter_with(Settings {
        abbreviations,
        ..Settings::default()
    });
    assert_eq!(check(&l, "The NCRT rang."), vec![]);
    let l = linter_with(Settings {
        accepted: vec!["NCRT".into()],
        ..Settings::default()
    });
    assert_eq!(
        check(&l, "The NCRT rang."),
        vec![],
        "accepted words are never unexplained either"
    );
}

#[test]
fn explained_twice_explained_unused_and_too_many() {
    let l = linter_with(Settings::default());
    let twice = "The Northmoor Community Response Team (NCRT) visited. The NCRT rang. The Northmoor Community Response Team (NCRT) wrote.";
    assert_eq!(check(&l, twice), vec![], "off unless switched on");
    let switched_on = linter_with(Settings {
        enabled: ["abbreviation-explained-twice".to_string()].into(),
        ..Settings::default()
    });
    let found = check(&switched_on, twice);
    assert_eq!(
        rules(&found),
        vec![("abbreviation-explained-twice", "NCRT")]
    );
    assert_eq!(found[0].2, Severity::Info);

    let unused = "Write to the Office of the Public Guardian (OPG) about it.";
    assert_eq!(check(&l, unused), vec![], "off unless switched on");
    let switched_on = linter_with(Settings {
        enabled: ["abbreviation-explained-unused".to_string()].into(),
        ..Settings::default()
    });
    assert_eq!(
        rules(&check(&switched_on, unused)),
        vec![("abbreviation-explained-unused", "OPG")]
    );

    let many = "The Northmoor Community Response Team (NCRT), the PQRS, the WXYZ and the LMNO met. The NCRT chaired.";
    let found: Vec<_> = check(&l, many)
        .into_iter()
        .filter(|f| f.0 == "too-many-abbreviations")
        .collect();
    assert_eq!(found.len(), 1, "one note per document");
    assert_eq!(
        found[0].1, "LMNO",
        "at the first use of the one that tips it over"
    );

    let settings = Settings {
        abbreviations: AbbreviationSettings {
            max_distinct: 5,
            ..AbbreviationSettings::default()
        },
        ..Settings::default()
    };
    assert!(
        check(&linter_with(settings), many)
            .iter()
            .all(|f| f.0 != "too-many-abbreviations")
    );
}

#[test]
fn the_config_table_reaches_the_check_and_the_note_lists_the_abbreviations() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("ordinary.toml"),
        "[abbreviations]\nallow = [\"NCRT\"]\nmax_distinct = 1\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The NCRT, the PQRS and the WXYZ met.\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--fail-on", "info", "a.txt"])
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let found: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["matched"].as_str().unwrap()))
        .collect();
    // NCRT is allowed, so it is neither flagged nor counted.
    assert_eq!(
        found,
        vec![
            ("abbreviation-not-explained", "PQRS"),
            ("abbreviation-not-explained", "WXYZ"),
            ("too-many-abbreviations", "WXYZ")
        ]
    );
    let note = report["findings"][2]["message"].as_str().unwrap();
    assert!(
        note.contains("2 different abbreviations: PQRS, WXYZ"),
        "{note}"
    );

    std::fs::write(
        dir.path().join("ordinary.toml"),
        "[abbreviations]\nafter_explanation = \"sometimes\"\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ordinary"))
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("sometimes"));
}

/// An abbreviation with several meanings gets the one the words nearby and
/// the kind of document point to, or every meaning where nothing does.
#[test]
fn the_meaning_of_an_abbreviation_comes_from_the_words_nearby() {
    let linter = Linter::new(
        Ruleset::defaults().expect("the default rules load"),
        &Settings::default(),
    )
    .expect("compiles");
    let message = |text: &str| {
        let document = Document::parse(text.to_string(), Format::Text);
        let findings = linter.check(&document);
        let finding = findings
            .iter()
            .find(|f| !linter.rule(f.rule).senses.is_empty())
            .unwrap_or_else(|| panic!("no abbreviation with senses in {text:?}"));
        ordinary::engine::message_for(
            linter.rule(finding.rule),
            finding,
            &text[finding.span.clone()],
        )
    };
    assert_eq!(
        message("Salary: £24,000 PA, rising to £26,000."),
        "“PA” means per annum here: try “a year”"
    );
    assert_eq!(
        message("Every care leaver has a PA who helps with their pathway plan."),
        "“PA” means personal adviser here: try “personal adviser”"
    );
    assert_eq!(
        message("You can use your direct payment to employ a PA."),
        "“PA” means personal assistant here: try “personal assistant”"
    );
    assert!(
        message("Ask your PA.")
            .starts_with("“PA” could mean personal assistant, personal adviser or per annum"),
        "nothing points one way: every meaning"
    );
    assert!(
        message("We co-produced the plan with a local DPO run by disabled people.")
            .contains("Disabled People's Organisation"),
    );
    assert!(
        message("Our DPO handles requests for your personal data.")
            .contains("data protection officer here")
    );
}

/// A job advert whose title names the job is read by people in that job:
/// the job's letters need no spelling out, a department's still do, and
/// other kinds of document are not excused by their title.
#[test]
fn an_advert_for_the_job_explains_the_job_letters() {
    let linter = Linter::new(
        Ruleset::defaults().unwrap_or_else(|e| panic!("{e}")),
        &Settings::default(),
    )
    .expect("compiles");
    let body = "# Occupational Therapist – Adult Social Care\n\n\
        Kestrelford County Council is growing its teams across the north of the county this year.\n\n\
        Pay and benefits are set out below, with how to apply and who to talk to first.\n\n\
        We want an OT to join our team. The ASC service is friendly.\n";
    let flagged = |kind: &str| -> Vec<String> {
        let text = format!("---\nkind: {kind}\n---\n\n{body}");
        let document = Document::parse(text.clone(), Format::Markdown);
        linter
            .check(&document)
            .into_iter()
            .map(|f| text[f.span].to_string())
            .collect()
    };
    let advert = flagged("job-description");
    assert!(!advert.contains(&"OT".to_string()), "{advert:?}");
    assert!(advert.contains(&"ASC".to_string()), "{advert:?}");
    let policy = flagged("policy");
    assert!(policy.contains(&"OT".to_string()), "{policy:?}");
}

/// In a document for professionals, letters no rule knows that come up
/// three times and are never explained are the readers' own shorthand; for
/// the public, or used less often, or explained anywhere, they are not.
#[test]
fn letters_a_professional_document_uses_again_and_again_are_staff_shorthand() {
    let l = linter_with(Settings::default());
    let body =
        "The QA Team visits. QA reports go to the board. The QA lead signs them. The TM agrees.";
    let for_staff = format!("---\naudience: professional\n---\n\n{body}\n");
    assert_eq!(
        findings_in(&l, &for_staff, Format::Markdown),
        vec![("abbreviation-not-explained".to_string(), "TM".to_string())],
        "QA three times is the team's shorthand; TM once is still flagged"
    );
    let for_the_public = format!("---\naudience: public\n---\n\n{body}\n");
    assert_eq!(findings_in(&l, &for_the_public, Format::Markdown).len(), 4);

    // Explained anywhere, the uses before the explanation are flagged as ever.
    let explained = "---\naudience: professional\n---\n\nQA visits. QA reports. \
                     The Quality Assurance (QA) Team. QA again.\n";
    assert_eq!(
        findings_in(&l, explained, Format::Markdown),
        vec![
            ("abbreviation-not-explained".to_string(), "QA".to_string()),
            ("abbreviation-not-explained".to_string(), "QA".to_string()),
        ]
    );

    // A known abbreviation is its own rule's business, however often it comes.
    let known = "---\naudience: professional\n---\n\nD2A beds. D2A funding. D2A review.\n";
    assert_eq!(findings_in(&l, known, Format::Markdown).len(), 3);

    // 0 switches it off.
    let every_use = linter_with(Settings {
        abbreviations: AbbreviationSettings {
            staff_shorthand_uses: 0,
            ..AbbreviationSettings::default()
        },
        ..Settings::default()
    });
    assert_eq!(
        findings_in(&every_use, &for_staff, Format::Markdown).len(),
        4
    );
}

/// An abbreviation can be off by default, like any rule: its letters are
/// still known, so the check for unexplained ones leaves them alone, and a
/// project can switch it on.
#[test]
fn an_abbreviation_off_by_default_is_silent_until_switched_on() {
    let rules = r#"
[[abbreviation]]
enabled = false
abbr = "ReSPECT"
expansion = "Recommended Summary Plan for Emergency Care and Treatment"
examples = ["ReSPECT"]
counter_examples = ["respect"]
"#;
    let linter = |settings: &Settings| linter_from(rules, settings);
    let text = "She has a ReSPECT form.";
    assert_eq!(
        findings_in(&linter(&Settings::default()), text, Format::Text),
        vec![]
    );
    let switched_on = Settings {
        enabled: ["respect".to_string()].into(),
        ..Settings::default()
    };
    assert_eq!(
        findings_in(&linter(&switched_on), text, Format::Text),
        vec![("respect".to_string(), "ReSPECT".to_string())]
    );
}
