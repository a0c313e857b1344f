//! `list`'s filters through the real binary, on `tests/fixtures/find` (three
//! entries: Russian and Uzbek titles, a registered one, one signed in
//! 2023) and on the shipped register.

mod common;

use common::{Test, tool};

/// The ids `list` prints with `args`, after checking it succeeded.
fn ids(test: &Test, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "json"];
    all.extend(args);
    let (code, stdout, stderr) = tool(test.path(), &all);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

fn find() -> Test {
    Test::fixture("find")
}

#[test]
fn each_filter_selects_what_it_names() {
    let t = find();
    assert_eq!(ids(&t, &[]), ["A-1", "A-2", "A-3"]);
    assert_eq!(ids(&t, &["--party", "TUR"]), ["A-2"]);
    assert_eq!(ids(&t, &["--party", "uzb"]), ["A-1", "A-3"]);
    assert_eq!(ids(&t, &["--type", "protocol"]), ["A-3"]);
    assert_eq!(ids(&t, &["--subject", "water"]), ["A-1", "A-3"]);
    assert_eq!(ids(&t, &["--subject", "Water"]), ["A-1", "A-3"]);
    assert_eq!(ids(&t, &["--registered"]), ["A-2"]);
    assert_eq!(ids(&t, &["--unregistered"]), ["A-1", "A-3"]);
    assert_eq!(ids(&t, &["--signed-from", "2024"]), ["A-1", "A-2"]);
    assert_eq!(ids(&t, &["--signed-from", "2024-08-02"]), ["A-1"]);
    assert_eq!(ids(&t, &["--signed-to", "2023-05-01"]), ["A-3"]);
    assert_eq!(ids(&t, &["--signed-to", "2024-08-01"]), ["A-2", "A-3"]);
}

#[test]
fn status_is_derived_as_of_the_date() {
    let t = find();
    assert_eq!(ids(&t, &["--status", "in-force"]), ["A-2"]);
    assert_eq!(ids(&t, &["--status", "signed"]), ["A-1", "A-3"]);
    // Before the entry into force of 5 August, A-2 was signed only.
    assert_eq!(
        ids(&t, &["--status", "signed", "--as-of", "2024-08-04"]),
        ["A-2", "A-3"]
    );
    assert!(ids(&t, &["--status", "in-force", "--as-of", "2024-08-04"]).is_empty());
}

#[test]
fn filters_combine_with_and() {
    let t = find();
    assert_eq!(
        ids(&t, &["--subject", "water", "--party", "UZB"]),
        ["A-1", "A-3"]
    );
    assert_eq!(
        ids(&t, &["--subject", "water", "--signed-from", "2024"]),
        ["A-1"]
    );
    assert!(ids(&t, &["--subject", "water", "--registered"]).is_empty());
}

#[test]
fn search_ignores_case_and_diacritics_in_every_language() {
    let t = find();
    // Russian title, upper-case query.
    assert_eq!(ids(&t, &["--search", "АГЕНТСТВЕ"]), ["A-1"]);
    // Uzbek title and body: ʻ and the apostrophe count for nothing.
    assert_eq!(ids(&t, &["--search", "togrisida"]), ["A-1"]);
    assert_eq!(ids(&t, &["--search", "O'zbekiston hukumati"]), ["A-1"]);
    // A body with a diacritic, found without it.
    assert_eq!(ids(&t, &["--search", "TURKIYE"]), ["A-2"]);
    // Place, act reference, registration number, id.
    assert_eq!(ids(&t, &["--search", "ankara"]), ["A-2"]);
    assert_eq!(ids(&t, &["--search", "77-viii"]), ["A-2"]);
    assert_eq!(ids(&t, &["--search", "i-58123"]), ["A-2"]);
    assert_eq!(ids(&t, &["--search", "a-3"]), ["A-3"]);
    // Every word must match.
    assert_eq!(ids(&t, &["--search", "water agency"]), ["A-1"]);
    assert!(ids(&t, &["--search", "water tourism"]).is_empty());
    assert_eq!(ids(&t, &["--search", "water"]), ["A-1", "A-3"]);
}

#[test]
fn a_filter_is_printed_as_a_table_too() {
    find()
        .args(["list", "--search", "memorandum"])
        .stdout(
            "ID   TYPE        SIGNED      STATUS    TITLE\n\
             A-2  memorandum  2024-08-01  in-force  Memorandum on tourism\n",
        )
        .run();
}

#[test]
fn bad_filter_values_are_usage_errors() {
    for (args, stderr) in [
        (
            &["--status", "in-forse"][..],
            "error: invalid --status `in-forse`\n  hint: did you mean `in-force`? (one of: \
             signed, adopted, in-force, provisionally-applied, expired, terminated, superseded)\n",
        ),
        (
            &["--type", "memorandom"],
            "error: invalid --type `memorandom`\n  hint: did you mean `memorandum`? (one of: \
             joint-statement, declaration, decision, treaty, agreement, protocol, memorandum, \
             programme, action-plan, roadmap, exchange-of-notes, other)\n",
        ),
        (
            &["--party", "KZ"],
            "error: invalid --party: `KZ` is not an ISO 3166-1 alpha-3 code; did you mean `KAZ` \
             (Kazakhstan)?\n",
        ),
    ] {
        let mut all = vec!["list"];
        all.extend(args);
        find().args(all).stdout("").stderr(stderr).status(2).run();
    }
    let (code, _, stderr) = tool(find().path(), &["list", "--signed-from", "2024-02-30"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("invalid value '2024-02-30' for '--signed-from <DATE>'"),
        "{stderr}"
    );
    let (code, _, _) = tool(find().path(), &["list", "--registered", "--unregistered"]);
    assert_eq!(code, 2);
}

#[test]
fn filters_on_the_shipped_register() {
    let t = Test::with_shipped();
    assert_eq!(ids(&t, &["--type", "memorandum"]), ["KZ-UZ-2024-013"]);
    assert_eq!(ids(&t, &["--subject", "transport"]), ["KZ-UZ-2024-006"]);
    assert_eq!(ids(&t, &["--party", "KAZ"]).len(), 16);
    assert!(ids(&t, &["--registered"]).is_empty());
    assert_eq!(ids(&t, &["--search", "EXPERT council"]), ["KZ-UZ-2024-013"]);
}

/// A title a spreadsheet would run as a formula (#23, item 11a): the CSV
/// cell starts with `'`, which Excel and LibreOffice show as text.
#[test]
fn csv_cells_never_run_as_spreadsheet_formulas() {
    let t = find();
    let path = t.path().join("register/instruments/A-1.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "title: Agreement on the Agency for Water",
        "title: '=HYPERLINK(\"http://evil.example\",\"click\")'",
    );
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = tool(t.path(), &["list", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","),
        "{out}"
    );
    assert!(!out.contains(",\"=HYPERLINK"), "{out}");
}
