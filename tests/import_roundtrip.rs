//! The round trip the import contract promises: `list --format csv` of a
//! register, imported into a new register, gives the same entries — every
//! field the list carries, whatever the titles, bodies and notes hold
//! (commas, quotes, Cyrillic, line breaks). A property test through the
//! real binary.

mod common;

use std::fs;
use std::path::Path;

use common::tool;
use proptest::prelude::*;

/// One generated entry: the fields `list --format csv` carries.
#[derive(Debug, Clone)]
struct Entry {
    title: String,
    title_ru: Option<String>,
    kind: &'static str,
    level: Option<&'static str>,
    parties: Vec<(&'static str, Option<String>)>,
    date: String,
    place: Option<String>,
    subjects: Vec<&'static str>,
    languages: Vec<&'static str>,
    notes: Option<String>,
}

/// Words as departments write them, separators and quotes included.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[A-Za-z]{1,8}",
            "[а-яё]{1,8}",
            Just("\"Silk Road\",".to_owned()),
            Just("«Жібек жолы»".to_owned()),
            Just("(2024–2025):".to_owned()),
            Just("1,500".to_owned()),
        ],
        1..6,
    )
    .prop_map(|w| w.join(" "))
}

fn entry() -> impl Strategy<Value = Entry> {
    let states = proptest::sample::subsequence(vec!["KAZ", "UZB", "KGZ", "TJK", "TKM"], 2..4);
    (
        text(),
        proptest::option::of(text()),
        proptest::sample::select(vec!["agreement", "memorandum", "protocol", "programme"]),
        proptest::option::of(proptest::sample::select(vec![
            "interstate",
            "intergovernmental",
            "interagency",
        ])),
        states.prop_flat_map(|s| {
            let n = s.len();
            (
                Just(s),
                proptest::collection::vec(proptest::option::of(text()), n),
            )
        }),
        (2000u32..2024, 1u32..13, 1u32..29),
        proptest::option::of(text()),
        proptest::sample::subsequence(vec!["trade", "transport", "water", "culture"], 0..3),
        proptest::sample::subsequence(vec!["kk", "ru", "uz", "en"], 0..3),
        proptest::option::of((text(), text()).prop_map(|(a, b)| format!("{a}\n{b}"))),
    )
        .prop_map(
            |(
                title,
                title_ru,
                kind,
                level,
                (states, bodies),
                (y, m, d),
                place,
                subjects,
                languages,
                notes,
            )| Entry {
                title,
                title_ru,
                kind,
                level,
                parties: states.into_iter().zip(bodies).collect(),
                date: format!("{y}-{m:02}-{d:02}"),
                place,
                subjects,
                languages,
                notes,
            },
        )
}

/// YAML scalars as JSON strings: a JSON string is a YAML one.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn yaml(id: &str, e: &Entry) -> String {
    let mut y = format!("id: {id}\ntitle: {}\ntype: {}\n", q(&e.title), e.kind);
    if let Some(t) = &e.title_ru {
        y += &format!("titles:\n  ru: {}\n", q(t));
    }
    if let Some(l) = e.level {
        y += &format!("level: {l}\n");
    }
    y += "parties:\n";
    for (state, body) in &e.parties {
        y += &format!("  - state: {state}\n");
        if let Some(b) = body {
            y += &format!("    body: {}\n", q(b));
        }
    }
    y += &format!("signed:\n  date: {}\n", e.date);
    if let Some(p) = &e.place {
        y += &format!("  place: {}\n", q(p));
    }
    y += "status: signed\n";
    if !e.subjects.is_empty() {
        y += &format!("subjects: [{}]\n", e.subjects.join(", "));
    }
    if !e.languages.is_empty() {
        y += &format!("languages: [{}]\n", e.languages.join(", "));
    }
    if let Some(n) = &e.notes {
        y += &format!("notes: {}\n", q(n));
    }
    y += "sources:\n  - title: Generated\n";
    y
}

fn init(dir: &Path) {
    let (code, out, err) = tool(
        dir.parent().unwrap(),
        &[
            "init",
            dir.file_name().unwrap().to_str().unwrap(),
            "--title",
            "Round trip",
            "--as-of",
            "2024-08-08",
            "--id-prefix",
            "RT-2024",
            "--no-input",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
}

/// `show --format json` of every entry, without its sources (the import
/// names its own row as the source).
fn shown(dir: &Path, ids: &[String]) -> Vec<serde_json::Value> {
    ids.iter()
        .map(|id| {
            let (code, out, err) = tool(dir, &["show", id, "--format", "json"]);
            assert_eq!(code, 0, "{out}{err}");
            let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
            v.as_object_mut().unwrap().remove("sources");
            v
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn a_listed_register_imports_back_as_the_same_entries(entries in proptest::collection::vec(entry(), 1..4)) {
        let tmp = tempfile::tempdir().unwrap();
        let (from, to) = (tmp.path().join("from"), tmp.path().join("to"));
        init(&from);
        init(&to);
        let ids: Vec<String> = (1..=entries.len()).map(|n| format!("RT-2024-{n:03}")).collect();
        for (id, e) in ids.iter().zip(&entries) {
            fs::write(from.join(format!("register/instruments/{id}.yaml")), yaml(id, e)).unwrap();
        }
        let (code, out, err) = tool(&from, &["check"]);
        prop_assert_eq!(code, 0, "{}{}", out, err);
        let (code, list, err) = tool(&from, &["list", "--format", "csv"]);
        prop_assert_eq!(code, 0, "{}", err);
        fs::write(tmp.path().join("list.csv"), &list).unwrap();
        let (code, out, err) = tool(&to, &["import", "../list.csv"]);
        prop_assert_eq!(code, 0, "{}{}\n{}", out, err, list);
        prop_assert_eq!(shown(&from, &ids), shown(&to, &ids), "{}", list);
    }
}
