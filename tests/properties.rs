//! Properties over generated inputs (proptest): escaping, dates, manifests
//! and the loader. The escaping property is also checked by real typst,
//! which must read every literal back as the exact original string.

mod common;

use std::fmt::Write as _;
use std::process::Command;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use treaty_register::audit::inputs::{InputFile, Role};
use treaty_register::audit::manifest;
use treaty_register::publish::render::{read_typst_string, typst_string};
use treaty_register::register::date::PartialDate;

proptest! {
    #[test]
    fn any_string_survives_escaping(s in any::<String>()) {
        let mut literal = String::new();
        typst_string(&s, &mut literal);
        prop_assert!(!literal.chars().any(|c| c.is_control()), "raw control character in {literal:?}");
        prop_assert_eq!(read_typst_string(&literal), Some(s));
    }

    #[test]
    fn dates_round_trip(year in 1u16..=9999, month in proptest::option::of(1u8..=12), day in 1u8..=31) {
        let text = match month {
            None => format!("{year:04}"),
            Some(m) => format!("{year:04}-{m:02}-{day:02}"),
        };
        match PartialDate::parse(&text) {
            Ok(date) => {
                prop_assert_eq!(date.to_string(), text.clone());
                prop_assert_eq!(PartialDate::parse(&date.to_string()).unwrap(), date);
            }
            Err(_) => {
                let m = month.unwrap();
                prop_assert!(day > treaty_register::register::date::days_in_month(year, m));
            }
        }
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,12}") {
        if let Ok(date) = PartialDate::parse(&s) {
            prop_assert_eq!(date.to_string(), s);
        }
    }

    #[test]
    fn manifests_round_trip(
        paths in proptest::collection::btree_set("[A-Za-z0-9_][A-Za-z0-9_ .,'()ÄäҚқ-]{0,12}(/[A-Za-z0-9_][A-Za-z0-9_ .,-]{0,12}){0,3}", 1..20),
        seed in any::<u64>(),
    ) {
        let files: Vec<InputFile> = paths
            .iter()
            .enumerate()
            .map(|(i, path)| InputFile {
                path: path.clone(),
                role: Role::Template,
                size: i as u64,
                sha256: treaty_register::support::digest::sha256_bytes(&(seed ^ i as u64).to_le_bytes()),
                id: None,
            })
            .collect();
        let text = manifest::sha256sum_text(&files);
        let entries = manifest::parse_sha256sum(&text).unwrap();
        prop_assert_eq!(entries.len(), files.len());
        for (entry, file) in entries.iter().zip(files.iter()) {
            prop_assert_eq!(&entry.path, &file.path);
            prop_assert_eq!(&entry.sha256, &file.sha256);
        }
    }

    #[test]
    fn the_loader_never_panics(text in "\\PC{0,200}") {
        let mut diags = Vec::new();
        let _ = treaty_register::register::load::parse_instrument(std::path::Path::new("A-1.yaml"), &text, &mut diags);
    }
}

/// The escaping as typst reads it: each generated string becomes a
/// literal, and typst must find it equal to the same string built from
/// code points. `typst compile` succeeds only if every one matches.
#[test]
fn typst_reads_every_literal_back_exactly() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = "(\\PC|[\"\\\\#$*_<>@\\[\\]`=+{}%\\n\\r\\t\\u{1}-\\u{1f}]){0,40}";
    let tree_strings: Vec<String> = (0..300)
        .map(|_| {
            proptest::strategy::Strategy::new_tree(&strategy, &mut runner)
                .unwrap()
                .current()
        })
        .collect();
    let mut source = String::from("#let cases = (\n");
    for s in &tree_strings {
        let mut literal = String::new();
        typst_string(s, &mut literal);
        let codes: String = s.chars().map(|c| format!("{}, ", u32::from(c))).collect();
        let _ = writeln!(source, "  ({literal}, ({codes})),");
    }
    source.push_str(
        ")\n#for (literal, codes) in cases {\n  assert.eq(literal, codes.map(str.from-unicode).join(default: \"\"))\n}\nDone.\n",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.typ"), &source).unwrap();
    let out = Command::new(common::real_typst())
        .args(["compile", "--ignore-system-fonts", "p.typ", "p.pdf"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
