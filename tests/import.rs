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

/// Imports `workbook/input.EXT` with its second sheet as the acts into a
/// copy of the shipped register; the instruments folder, the file's name
/// made neutral so the three formats can be compared.
fn import_workbook(ext: &str) -> (tempfile::TempDir, Vec<(String, String)>) {
    let name = format!("input.{ext}");
    let (_, dir) = Test::with_shipped()
        .file(&name, fixture("workbook", &name))
        .args([
            "--quiet",
            "import",
            &name,
            "--acts",
            &format!("{name}#Acts"),
        ])
        .stdout(&format!(
            "imported 300 instruments (200 acts) from {name}; unchanged 0\n"
        ))
        .run();
    let mut entries = Vec::new();
    for e in fs::read_dir(dir.path().join("register/instruments")).unwrap() {
        let path = e.unwrap().path();
        let text = fs::read_to_string(&path).unwrap().replace(&name, "input");
        entries.push((path.file_name().unwrap().to_string_lossy().into(), text));
    }
    entries.sort();
    (dir, entries)
}

/// A workbook as departments keep one (`workbook/make-fods.py`, converted
/// by LibreOffice): 300 rows, numbers and dates stored as text, a formula
/// number and a formula date, "Parties" merged over two columns, hidden
/// rows, trailing empty rows and a row of spaces, acts on a second sheet.
#[test]
fn a_real_workbook_imports_alike_from_xlsx_ods_and_xls() {
    let (dir, xlsx) = import_workbook("xlsx");
    let entry = |id: &str| {
        xlsx.iter()
            .find(|(name, _)| name == &format!("{id}.yaml"))
            .unwrap_or_else(|| panic!("{id} was not imported"))
            .1
            .clone()
    };
    // Numbers stored as text are the list's own numbers.
    assert_eq!(xlsx.len(), 16 + 300);
    assert!(xlsx.iter().any(|(n, _)| n == "KZ-UZ-2024-400.yaml"));
    // Formulas give their values: a number (an id) and a date.
    assert!(entry("KZ-UZ-2024-105").contains("title: Agreement on cooperation in area 4\n"));
    assert!(entry("KZ-UZ-2024-106").contains("  date: 2021-03-04\n"));
    // A date stored as text.
    assert!(entry("KZ-UZ-2024-104").contains("  date: 2003-04-04\n"));
    // Both columns under the merged header are the parties; a state alone
    // is the state itself as party, named by its official name.
    assert!(entry("KZ-UZ-2024-101").contains(
        "- state: KAZ\n  body: Republic of Kazakhstan\n- state: UZB\n  body: Republic of Uzbekistan\n"
    ));
    // Hidden rows are data all the same; their provenance names the row.
    assert!(entry("KZ-UZ-2024-108").contains("note: imported from Treaties row 9\n"));
    // The acts of the second sheet, by the list's numbers.
    assert_eq!(
        entry("KZ-UZ-2024-101").matches("action: signature").count(),
        2
    );
    assert!(!entry("KZ-UZ-2024-300").contains("actions:"));
    let (code, out, err) = tool(dir.path(), &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("316 instruments, 0 problems"), "{out}");
    for ext in ["ods", "xls"] {
        let (_, other) = import_workbook(ext);
        assert!(other == xlsx, "{ext} imports differently from xlsx");
    }
}

/// A list of one row, No. 17.
const ROADS: &str = "No.,Title,Type,Level,Parties,Date of signature,Status\n\
                     17,Agreement on roads,agreement,intergovernmental,KAZ;UZB,08.08.2024,signed\n";

/// The shipped register with [`ROADS`] imported, and its entry's text
/// with `line` replaced by `by` as an archivist edits it by hand: the
/// project, the entry's path and that text.
fn imported_roads(line: &str, by: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (_, dir) = Test::with_shipped()
        .file("list.csv", ROADS)
        .args(["import", "list.csv"])
        .run();
    let path = dir.path().join("register/instruments/KZ-UZ-2024-017.yaml");
    let hand = fs::read_to_string(&path).unwrap().replace(line, by);
    fs::write(&path, &hand).unwrap();
    (dir, path, hand)
}

/// A row that changed is refused naming the file; `--update` rewrites only
/// the fields that differ and keeps every other byte of the entry.
#[test]
fn update_rewrites_only_the_changed_fields() {
    // The archivist's own comment must survive an update.
    let (dir, path, hand) = imported_roads(
        "type: agreement\n",
        "type: agreement # checked 2024-08-09\n",
    );
    let second = ROADS.replace("Agreement on roads", "Agreement on motor roads");
    fs::write(dir.path().join("list.csv"), &second).unwrap();
    let before = snapshot(dir.path());
    let (code, _, err) = tool(dir.path(), &["import", "list.csv"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("KZ-UZ-2024-017") && err.contains("--update"),
        "{err}"
    );
    assert_eq!(snapshot(dir.path()), before);
    let (code, out, err) = tool(dir.path(), &["import", "list.csv", "--update"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "imported 0 instruments (0 acts) from list.csv; unchanged 0; updated 1\nKZ-UZ-2024-017\n"
    );
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        hand.replace(
            "title: Agreement on roads",
            "title: Agreement on motor roads"
        )
    );
}

/// `--update` rewrites a list the row changes as a whole (parties with
/// their bodies, subjects it adds) and keeps every other byte; acts are
/// not its business and stay refused with the commands that own them.
#[test]
fn update_rewrites_changed_lists_whole() {
    let (dir, path, hand) = imported_roads(
        "level: intergovernmental\n",
        "level: intergovernmental # as signed\n",
    );
    let second = "No.,Title,Type,Level,Parties,Date of signature,Status,Subjects\n\
                  17,Agreement on roads,agreement,intergovernmental,\"KAZ=Government of the Republic of Kazakhstan;UZB\",08.08.2024,signed,transport; roads\n";
    fs::write(dir.path().join("list.csv"), second).unwrap();
    let (code, _, err) = tool(dir.path(), &["import", "list.csv"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("differs in parties, subjects"), "{err}");
    let (code, out, err) = tool(dir.path(), &["import", "list.csv", "--update"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("updated 1\nKZ-UZ-2024-017\n"), "{out}");
    let after = fs::read_to_string(&path).unwrap();
    let want = hand
        .replace(
            "  body: Republic of Kazakhstan\n",
            "  body: Government of the Republic of Kazakhstan\n",
        )
        .replace(
            "status: signed\n",
            "status: signed\nsubjects:\n- transport\n- roads\n",
        );
    assert_eq!(after, want);
    let (code, out, err) = tool(dir.path(), &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    // Once more: nothing differs.
    let (code, out, _) = tool(dir.path(), &["import", "list.csv", "--update"]);
    assert_eq!(code, 0);
    assert!(out.contains("unchanged 1"), "{out}");
}

/// What `check` only warns about (an invisible character pasted with a
/// title) is said, at the row's cell, and the row goes in all the same;
/// `add` says the same of what it writes.
#[test]
fn warnings_are_shown_and_do_not_refuse() {
    let list = "Title,Type,Level,Parties,Date of signature,Status\n\
                Agreement on\u{200B} roads,agreement,intergovernmental,KAZ;UZB,08.08.2024,signed\n";
    let (_, dir) = Test::with_shipped()
        .file("list.csv", list)
        .args(["check"])
        .run();
    let (code, out, err) = tool(dir.path(), &["import", "list.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("imported 1 instrument"), "{out}");
    assert!(
        err.starts_with("list.csv:2:1: warning: `title` holds <U+200B> (zero width space)"),
        "{err}"
    );
    let (code, _, err) = tool(
        dir.path(),
        &[
            "add",
            "--title",
            "Agreement on\u{200B} rails",
            "--type",
            "agreement",
            "--level",
            "intergovernmental",
            "--party",
            "KAZ",
            "--party",
            "UZB",
            "--signed",
            "2024-08-08",
            "--status",
            "signed",
            "--source",
            "Report;2024-08-08",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: `title` holds <U+200B>"), "{err}");
}

/// `03/04/2019` is refused as ambiguous until the mapping gives the
/// order; the mapping's `ids` number rows by their year of signature.
#[test]
fn ambiguous_dates_need_an_order_and_ids_follow_the_mapping() {
    let list = "Title,Type,Level,Parties,Date of signature,Status\n\
                Agreement on rails,agreement,intergovernmental,KAZ;UZB,03/04/2019,signed\n";
    let (out, dir) = Test::with_shipped()
        .file("list.csv", list)
        .args(["import", "list.csv"])
        .status(1)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("list.csv:2:5: error:") && err.contains("03/04/2019"),
        "{err}"
    );
    assert!(err.contains("dates: {order: DMY}"), "{err}");
    fs::write(
        dir.path().join("map.yaml"),
        "dates: { order: DMY }\nids: { prefix: GE-MFA, from: 7 }\n",
    )
    .unwrap();
    let (code, out, err) = tool(dir.path(), &["import", "list.csv", "--mapping", "map.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("GE-MFA-2019-007\n"), "{out}");
    let entry =
        fs::read_to_string(dir.path().join("register/instruments/GE-MFA-2019-007.yaml")).unwrap();
    assert!(entry.contains("  date: 2019-04-03\n"), "{entry}");
}

/// A row without an id that repeats an entry of the register is reported
/// and not added again.
#[test]
fn a_row_repeating_an_entry_is_not_added_twice() {
    let list = "Title,Type,Level,Parties,Date of signature,Status\n\
                Agreement on roads,agreement,intergovernmental,KAZ;UZB,08.08.2024,signed\n";
    let (_, dir) = Test::with_shipped()
        .file("list.csv", list)
        .args(["import", "list.csv"])
        .run();
    let before = snapshot(dir.path());
    let (code, out, err) = tool(dir.path(), &["import", "list.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("list.csv:2:1: warning: the row repeats KZ-UZ-2024-017"),
        "{err}"
    );
    assert!(out.starts_with("imported 0 instruments"), "{out}");
    assert_eq!(snapshot(dir.path()), before);
}

/// The template opens in LibreOffice: its first sheet holds the headers
/// `import` recognises, its second explains each column; imported as it
/// is, it adds nothing.
#[test]
fn the_template_is_a_spreadsheet_that_imports() {
    let (_, dir) = Test::with_shipped()
        .args(["import", "--template", "list.xlsx"])
        .run();
    let sheet = |n: u32| {
        let out = dir.path().join(format!("sheet{n}"));
        let filter = format!(
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{n}"
        );
        let status = std::process::Command::new("soffice")
            .args(["--headless", "--convert-to", &filter, "--outdir"])
            .arg(&out)
            .arg(dir.path().join("list.xlsx"))
            .output()
            .expect("soffice (libreoffice-calc) runs");
        assert!(status.status.success(), "{status:?}");
        let csv = fs::read_dir(&out).unwrap().next().unwrap().unwrap().path();
        fs::read_to_string(csv).unwrap()
    };
    let headers = sheet(1);
    for field in ["title", "parties", "signed.date", "status"] {
        assert!(headers.lines().next().unwrap().contains(field), "{headers}");
    }
    assert!(sheet(2).starts_with("id,action,party,date"), "{}", sheet(2));
    let help = sheet(3);
    assert!(help.lines().count() >= 15, "{help}");
    assert!(help.contains("signed.date"), "{help}");
    let (code, out, err) = tool(dir.path(), &["import", "list.xlsx"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("imported 0 instruments (0 acts)"), "{out}");
}

/// With `--format json` stdout is the problems array alone, even when the
/// import succeeds; the summary goes to stderr.
#[test]
fn json_mode_keeps_stdout_one_document() {
    let (out, _) = Test::with_shipped()
        .file("input.csv", fixture("basic", "input.csv"))
        .args(["import", "input.csv", "--format", "json"])
        .run();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json, serde_json::json!([]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("imported 2 instruments"), "{err}");
}

/// An imported register is published like any other: the PDF carries the
/// imported titles.
#[test]
fn an_imported_register_builds() {
    let (_, dir) = Test::with_shipped()
        .file("input.csv", fixture("basic", "input.csv"))
        .args(["import", "input.csv"])
        .run();
    let (code, out, err) = tool(dir.path(), &["build"]);
    assert_eq!(code, 0, "{out}{err}");
    let text = common::pdf_text(&dir.path().join("out/register.pdf"));
    assert!(text.contains("Agreement on roads"), "{text}");
    assert!(text.contains("Memorandum on water"), "{text}");
}

/// A formula that fails (`#DIV/0!` in a title) is a problem named by its
/// cell, never a title "#DIV/0!". The workbook is made by LibreOffice from
/// flat ODS, as a department's would be.
#[test]
fn a_cell_showing_a_spreadsheet_error_is_refused() {
    let fods = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="List">
<table:table-row><table:table-cell office:value-type="string"><text:p>Title</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Type</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Parties</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Date of signature</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Status</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:formula="of:=1/0"/><table:table-cell office:value-type="string"><text:p>agreement</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>KAZ;UZB</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>2024-08-08</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>signed</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document>"#;
    let test = Test::with_shipped().file("list.fods", fods);
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(test.path())
        .arg(test.path().join("list.fods"))
        .output()
        .expect("soffice (libreoffice-calc) runs");
    assert!(status.status.success(), "{status:?}");
    let before = snapshot(test.path());
    let (out, dir) = test.args(["import", "list.xlsx"]).status(1).run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "list.xlsx:List!A2: error: the cell shows the spreadsheet error #DIV/0!, not a value\n"
        ),
        "{err}"
    );
    assert_eq!(snapshot(dir.path()), before);
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

/// `add` run while a large import writes never loses a file nor takes an
/// id the import gives: writers take turns under the folder's lock, and
/// each side allocates its ids under it.
#[test]
fn adds_during_an_import_lose_nothing() {
    let mut csv = String::from("Title,Type,Level,Parties,Date of signature,Status\n");
    for i in 0..1500 {
        csv.push_str(&format!(
            "Agreement number {i},agreement,intergovernmental,KAZ;UZB,2023-02-03,signed\n"
        ));
    }
    let test = Test::with_shipped().file("list.csv", csv);
    let root = test.path().to_path_buf();
    let import = std::process::Command::new(common::BIN)
        .args(["import", "list.csv", "--quiet"])
        .current_dir(&root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut added = Vec::new();
    for n in 0..4 {
        let title = format!("Protocol on testing {n}");
        let (code, out, err) = tool(
            &root,
            &[
                "add",
                "--title",
                &title,
                "--type",
                "protocol",
                "--party",
                "KAZ",
                "--party",
                "UZB",
                "--signed",
                "2024-08-01",
                "--status",
                "signed",
                "--source",
                "A report",
                "--no-input",
            ],
        );
        assert_eq!(code, 0, "{out}{err}");
        added.push(title);
    }
    let import = import.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&import.stderr);
    // The import either ran before or after the adds, or found that an add
    // took one of its ids while it was checking, and said so.
    let (code, out, check_err) = tool(&root, &["check"]);
    assert_eq!(code, 0, "{out}{check_err}");
    if import.status.success() {
        assert_eq!(out, "1520 instruments, 0 problems\n", "{err}");
    } else {
        assert!(err.contains("run the import again"), "{err}");
        assert_eq!(out, "20 instruments, 0 problems\n");
    }
    let (_, list, _) = tool(&root, &["list", "--format", "json"]);
    for title in added {
        assert!(list.contains(&title), "{title} was lost");
    }
}

/// Two rows of one list that are the same instrument are imported once.
#[test]
fn a_row_repeating_an_earlier_row_is_imported_once() {
    let row = "Agreement on rails,agreement,intergovernmental,KAZ;UZB,2023-05-06,signed\n";
    let list = format!("Title,Type,Level,Parties,Date of signature,Status\n{row}{row}");
    let (out, dir) = Test::with_shipped()
        .file("list.csv", list)
        .args(["import", "list.csv"])
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("list.csv:3:1: warning: the row repeats row 2"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("imported 1 instrument "));
    assert!(
        !dir.path()
            .join("register/instruments/KZ-UZ-2024-018.yaml")
            .exists()
    );
}

/// A CSV in Windows-1251 (Excel on a Russian system) is read; one in any
/// other code page is refused, not imported as garbage.
#[test]
fn a_csv_in_another_code_page_is_refused_not_misread() {
    let header = b"Title,Type,Level,Parties,Date of signature,Status\n".to_vec();
    let mut cp1251 = header.clone();
    // "Соглашение о дорогах" in Windows-1251.
    cp1251.extend(b"\xd1\xee\xe3\xeb\xe0\xf8\xe5\xed\xe8\xe5 \xee \xe4\xee\xf0\xee\xe3\xe0\xf5");
    cp1251.extend(b",agreement,intergovernmental,KAZ;UZB,2023-05-06,signed\n");
    let (_, dir) = Test::with_shipped()
        .file("ru.csv", cp1251)
        .args(["import", "ru.csv"])
        .run();
    let entry =
        fs::read_to_string(dir.path().join("register/instruments/KZ-UZ-2024-017.yaml")).unwrap();
    assert!(entry.contains("title: Соглашение о дорогах\n"), "{entry}");

    let mut cp1252 = header;
    cp1252.extend(
        b"Accord de coop\xe9ration,agreement,intergovernmental,KAZ;UZB,2023-05-06,signed\n",
    );
    let test = Test::with_shipped().file("fr.csv", cp1252);
    let before = snapshot(test.path());
    let (out, dir) = test.args(["import", "fr.csv"]).status(2).run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"coopйration\"") && err.contains("CSV UTF-8"),
        "{err}"
    );
    assert_eq!(snapshot(dir.path()), before);
}
