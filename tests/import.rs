//! `import` through the real binary: CSV, XLSX and ODS made by LibreOffice,
//! the department's own words through a mapping file, every bad cell named
//! with nothing written, dry run, re-import as a no-op, ids never reused,
//! and the imported register passing `check`.

mod common;

use std::fs;

use common::{Test, repo, snapshot, tool};

/// A fixture file of `tests/fixtures/import/<case>/`.
fn fixture(case: &str, file: &str) -> Vec<u8> {
    fs::read(repo().join("tests/fixtures/import").join(case).join(file)).unwrap()
}

const IDS: &str = "KZ-UZ-2024-017\nKZ-UZ-2024-018\n";

#[test]
fn csv_xlsx_and_ods_import_the_same_entries() {
    for ext in ["csv", "xlsx", "ods"] {
        let name = format!("input.{ext}");
        let (_, dir) = Test::with_shipped()
            .file(&name, fixture("basic", &name))
            .args(["import", &name])
            .stdout(&format!(
                "imported 2 instruments (0 acts) from {name}; unchanged 0\n{IDS}"
            ))
            .run();
        let entry = fs::read_to_string(dir.path().join("register/instruments/KZ-UZ-2024-017.yaml"))
            .unwrap();
        assert!(entry.contains("date: 2024-08-08"), "{ext}: {entry}");
        assert!(
            entry.contains("state: KAZ") && entry.contains("state: UZB"),
            "{ext}: {entry}"
        );
        let (code, out, err) = tool(dir.path(), &["check"]);
        assert_eq!(code, 0, "{ext}: check refuses the import\n{out}{err}");
    }
}

#[test]
fn bad_cells_are_all_named_and_nothing_is_written() {
    let test = Test::with_shipped().file("input.csv", fixture("bad-cells", "input.csv"));
    let before = snapshot(test.path());
    let expected = String::from_utf8(fixture("bad-cells", "expected-stderr.txt")).unwrap();
    let (_, dir) = test
        .args(["import", "input.csv"])
        .stderr(&expected)
        .status(1)
        .run();
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn json_diagnostics_name_line_and_column() {
    let (out, _) = Test::with_shipped()
        .file("input.csv", fixture("bad-cells", "input.csv"))
        .args(["import", "input.csv", "--format", "json"])
        .status(1)
        .run();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json[0];
    for key in [
        "file", "sheet", "cell", "line", "column", "severity", "message", "hint",
    ] {
        assert!(first.get(key).is_some(), "missing {key} in {first}");
    }
    assert_eq!(json.as_array().unwrap().len(), 3);
}

#[test]
fn a_mapping_file_gives_the_departments_words() {
    Test::with_shipped()
        .file("input.csv", fixture("mapping", "input.csv"))
        .file("mapping.yaml", fixture("mapping", "mapping.yaml"))
        .args(["import", "input.csv", "--mapping", "mapping.yaml"])
        .stdout("imported 1 instrument (0 acts) from input.csv; unchanged 0\nKZ-UZ-2024-017\n")
        .run();
}

#[test]
fn dry_run_writes_nothing_and_reimport_is_a_no_op() {
    let test = Test::with_shipped().file("input.csv", fixture("basic", "input.csv"));
    let before = snapshot(test.path());
    let (_, dir) = test
        .args(["import", "input.csv", "--dry-run"])
        .stdout(&format!(
            "would import 2 instruments (0 acts) from input.csv; unchanged 0\n{IDS}"
        ))
        .run();
    assert_eq!(snapshot(dir.path()), before);
    let (code, ..) = tool(dir.path(), &["import", "input.csv"]);
    assert_eq!(code, 0);
    let after = snapshot(dir.path());
    let (code, out, _) = tool(dir.path(), &["import", "input.csv"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("imported 0 instruments (0 acts) from input.csv"),
        "{out}"
    );
    assert_eq!(snapshot(dir.path()), after);
}

/// New ids come from `edit::ids::ever_used`, as `add`'s do: a second
/// import continues after every id in use, never giving one twice.
#[test]
fn new_ids_follow_every_id_in_use() {
    let (_, dir) = Test::with_shipped()
        .file("input.csv", fixture("basic", "input.csv"))
        .args(["import", "input.csv"])
        .run();
    fs::write(
        dir.path().join("more.csv"),
        "Title,Type,Level,Parties,Date of signature,Status\nProtocol on rails,protocol,intergovernmental,KAZ;UZB,2024-05-05,signed\n",
    )
    .unwrap();
    let (code, out, err) = tool(dir.path(), &["import", "more.csv"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with("KZ-UZ-2024-019\n"), "{out}");
}

/// The `'` that CSV output puts before a formula-like cell (#23, item 11a)
/// is taken off on the way in: a list written by `list --format csv` and
/// edited in a spreadsheet comes back as it went out.
#[test]
fn the_csv_formula_guard_is_undone_on_import() {
    let cell = "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"";
    let csv = format!(
        "Title,Type,Level,Parties,Date of signature,Status\n\
         {cell},agreement,intergovernmental,KAZ; UZB,2024-08-08,signed\n\
         '-'quoted' title,memorandum,interagency,KAZ; UZB,2024-03-01,signed\n"
    );
    let (_, dir) = Test::with_shipped()
        .file("input.csv", csv)
        .args(["import", "input.csv"])
        .run();
    let entry =
        fs::read_to_string(dir.path().join("register/instruments/KZ-UZ-2024-017.yaml")).unwrap();
    let parsed: serde_json::Value = serde_yaml::from_str(&entry).unwrap();
    assert_eq!(
        parsed["title"],
        "=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    let entry =
        fs::read_to_string(dir.path().join("register/instruments/KZ-UZ-2024-018.yaml")).unwrap();
    let parsed: serde_json::Value = serde_yaml::from_str(&entry).unwrap();
    assert_eq!(parsed["title"], "-'quoted' title");
    // And out again as it came in.
    let (code, out, err) = tool(dir.path(), &["list", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!(",{cell},")), "{out}");
    assert!(out.contains(",'-'quoted' title,"), "{out}");
}

/// A cell's right-to-left override is spelled out in the problem that
/// quotes it, never printed raw (#23, item 11e).
#[test]
fn a_cells_bidi_control_is_never_echoed() {
    let csv = "Title,Type,Level,Parties,Date of signature,Status\n\
               Agreement on roads,agreement,intergovernmental,KAZ; U\u{202E}ZB,2024-08-08,signed\n";
    let (out, _) = Test::with_shipped()
        .file("input.csv", csv)
        .args(["import", "input.csv"])
        .status(1)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("U<U+202E>ZB"), "{err}");
    assert!(!err.contains('\u{202E}'), "{err}");
}
