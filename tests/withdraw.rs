//! `withdraw` through the real binary: the `withdrawn` block appended with
//! every other byte kept, dry runs and refusals that write nothing, the
//! entry gone from `list`, the PDF's and the web edition's body but listed
//! among the withdrawn entries, editions that report it, runs killed
//! half-way, and ids never given out twice — after a withdrawal, or after
//! a file an edition published is deleted.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{Test, hidden, pdf_text, tool};

const A1: &str = "register/instruments/A-1.yaml";
const REASON: &str = "Entered by mistake; duplicate of A-2";
const BLOCK: &str =
    "withdrawn:\n  date: 2026-12-05\n  reason: Entered by mistake; duplicate of A-2\n";

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap()
}

/// A-1 with a comment and odd spacing, which must survive.
fn base() -> Test {
    Test::with_base().file(
        A1,
        common::valid_instrument("A-1")
            .replace("type: agreement", "type:   agreement  # as signed"),
    )
}

#[test]
fn the_block_is_appended_and_nothing_else_changes() {
    let test = base();
    let before = read(test.path(), A1);
    let (_, dir) = test
        .args([
            "withdraw",
            "A-1",
            "--reason",
            REASON,
            "--date",
            "2026-12-05",
        ])
        .stdout(
            "withdrew A-1 (2026-12-05) in register/instruments/A-1.yaml; it stays in the \
             manifest and its id is never reused\n",
        )
        .stderr("")
        .run();
    assert_eq!(read(dir.path(), A1), format!("{before}{BLOCK}"));
    assert_eq!(
        tool(dir.path(), &["check"]),
        (0, "2 instruments, 0 problems\n".into(), String::new())
    );
    // Gone from the list, shown with its block.
    let (code, list, _) = tool(dir.path(), &["list", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(!list.contains("A-1,"), "{list}");
    assert!(list.contains("A-2,"), "{list}");
    let (code, show, _) = tool(dir.path(), &["show", "A-1"]);
    assert_eq!(code, 0);
    assert!(
        show.starts_with(&format!("A-1\nWithdrawn     2026-12-05 – {REASON}\n")),
        "{show}"
    );
    let (_, json, _) = tool(dir.path(), &["show", "A-1", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["withdrawn"]["reason"], REASON);
}

#[test]
fn the_date_is_today_by_default() {
    let (out, dir) = base()
        .args(["withdraw", "A-1", "--reason", "mistake"])
        .run();
    let today = treaty_register::support::clock::today();
    assert!(common::stdout(&out).contains(&format!("({today})")));
    assert!(
        read(dir.path(), A1)
            .ends_with(&format!("withdrawn:\n  date: {today}\n  reason: mistake\n"))
    );
}

#[test]
fn dry_run_prints_and_writes_nothing() {
    let test = base();
    let before = read(test.path(), A1);
    let expected = format!("{before}{BLOCK}");
    let (_, dir) = test
        .args([
            "withdraw",
            "A-1",
            "--reason",
            REASON,
            "--date",
            "2026-12-05",
            "--dry-run",
        ])
        .stdout(&expected)
        .run();
    assert_eq!(read(dir.path(), A1), before);
}

#[test]
fn twice_an_unknown_id_or_a_bad_date_is_refused_and_nothing_written() {
    let (_, dir) = base()
        .args([
            "withdraw",
            "A-1",
            "--reason",
            REASON,
            "--date",
            "2026-12-05",
        ])
        .run();
    let before = read(dir.path(), A1);
    let again = tool(dir.path(), &["withdraw", "A-1", "--reason", "again"]);
    assert_eq!(
        again,
        (
            2,
            String::new(),
            "error: register/instruments/A-1.yaml: the entry is already withdrawn (`withdrawn:` on line 14); nothing was \
             written\n  hint: an entry is withdrawn once; correct the block in the file by hand\n"
                .into()
        )
    );
    let unknown = tool(dir.path(), &["withdraw", "A-3", "--reason", "x"]);
    assert_eq!(unknown.0, 2);
    assert!(
        unknown.2.contains("no instrument with id `A-3`"),
        "{}",
        unknown.2
    );
    assert!(unknown.2.contains("did you mean"), "{}", unknown.2);
    let bad = tool(
        dir.path(),
        &["withdraw", "A-2", "--reason", "x", "--date", "2026-13-01"],
    );
    assert_eq!(bad.0, 2, "{}", bad.2);
    assert_eq!(read(dir.path(), A1), before);
    assert_eq!(
        read(dir.path(), "register/instruments/A-2.yaml"),
        common::valid_instrument("A-2")
    );
}

#[test]
fn check_reports_a_bad_withdrawn_block() {
    let entry = format!(
        "{}withdrawn:\n  date: 2026-02-30\n  reasn: typo\n",
        common::valid_instrument("A-1")
    );
    let (out, _) = Test::with_base()
        .file(A1, entry)
        .args(["check"])
        .status(1)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("A-1.yaml:15:9: error: `2026-02-30` is not a valid date"),
        "{err}"
    );
    assert!(
        err.contains("A-1.yaml:16:3: error: unknown field `reasn` in `withdrawn`"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `reason`?"), "{err}");
    assert!(
        err.contains("missing required field `reason` in `withdrawn`"),
        "{err}"
    );
}

#[test]
fn a_withdraw_killed_at_any_step_leaves_the_old_or_the_new_file() {
    let tmp = tempfile::tempdir().unwrap();
    for (point, lands) in [("record:written", false), ("record:renamed", true)] {
        let test = base();
        let before = read(test.path(), A1);
        let status = Command::new(common::BIN)
            .args([
                "withdraw",
                "A-1",
                "--reason",
                REASON,
                "--date",
                "2026-12-05",
            ])
            .current_dir(test.path())
            .env("TMPDIR", tmp.path())
            .env("TREATY_REGISTER_FAULT", point)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(
            !status.success(),
            "{point}: the fault point was not reached"
        );
        let after = read(test.path(), A1);
        let expected = if lands {
            format!("{before}{BLOCK}")
        } else {
            before
        };
        assert_eq!(after, expected, "{point}");
        assert_eq!(tool(test.path(), &["check"]).0, 0, "{point}");
        // The next writer sweeps what the killed one left behind.
        let (code, _, err) = tool(test.path(), &["withdraw", "A-2", "--reason", "mistake"]);
        assert_eq!(code, 0, "{err}");
        let leftovers = hidden(&test.path().join("register/instruments"));
        assert!(leftovers.is_empty(), "{point}: {leftovers:?}");
    }
}

/// `add` of a minimal entry; returns the id it was written under.
fn add(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "add",
        "--title",
        "Agreement on testing",
        "--type",
        "agreement",
        "--party",
        "KAZ",
        "--party",
        "UZB",
        "--signed",
        "2024-08-08",
        "--status",
        "signed",
        "--source",
        "A report",
        "--no-input",
    ];
    args.extend_from_slice(extra);
    tool(dir, &args)
}

#[test]
fn add_after_withdrawing_the_highest_takes_the_next_number() {
    let (_, dir) = Test::with_base()
        .args(["withdraw", "A-2", "--reason", "mistake"])
        .run();
    let (code, out, err) = add(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "wrote register/instruments/A-003.yaml\nnext: `treaty-register build` publishes it in the PDF\n"
    );
}

#[test]
fn the_pdf_and_the_web_edition_list_it_apart() {
    let test = Test::with_shipped().env("TYPST", common::real_typst().to_str().unwrap());
    let id = "KZ-UZ-2024-003";
    let reason = "Entered twice by mistake";
    let (code, _, err) = tool(
        test.path(),
        &["withdraw", id, "--reason", reason, "--date", "2026-12-05"],
    );
    assert_eq!(code, 0, "{err}");
    let (out, dir) = test.args(["build", "--html"]).run();
    assert!(
        common::stdout(&out).contains("15 instruments"),
        "{}",
        common::stdout(&out)
    );
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    let section = &text[text.rfind("Withdrawn entries").expect("the section")..];
    assert!(
        section.contains(&format!("{id} Decision of the Supreme Interstate Council")),
        "{section}"
    );
    assert!(section.contains("5 December 2026"), "{section}");
    assert!(section.contains(reason), "{section}");
    // No block, no summary row, no index entry: the id is printed in the
    // withdrawn list and the checksums annex only.
    assert!(!text.contains(&format!("· {id}")), "an entry block is left");
    assert_eq!(text.matches(id).count(), 2, "{text}");
    // Still in the manifest, hashed.
    let manifest = read(dir.path(), "out/manifest.json");
    assert!(manifest.contains(&format!("\"id\": \"{id}\"")));
    assert_eq!(tool(dir.path(), &["verify"]).0, 0);
    // The web edition: no page, no row, listed on the about page.
    let html = dir.path().join("out/html");
    assert!(!html.join(format!("instruments/{id}.html")).exists());
    let index = read(&html, "index.html");
    assert!(!index.contains(id));
    assert!(index.contains("<a href=\"about.html#withdrawn\">Withdrawn entries</a> (1)"));
    let about = read(&html, "about.html");
    assert!(
        about.contains(&format!("<tr id=\"withdrawn-{id}\">")),
        "{about}"
    );
    assert!(about.contains(reason), "{about}");
    assert!(!read(&html, "register.json").contains(id));
}

#[test]
fn ids_an_edition_published_are_never_reused_and_editions_report_withdrawals() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = common::signed_shipped(keys.path(), "");
    let dir = test.path();
    let publish = || tool(dir, &["publish", "--key", key.to_str().unwrap()]);
    let (code, _, err) = publish();
    assert_eq!(code, 0, "{err}");

    // The highest entry's file is deleted: its number stays taken.
    fs::remove_file(dir.join("register/instruments/KZ-UZ-2024-016.yaml")).unwrap();
    let (code, _, err) = add(dir, &["--id", "KZ-UZ-2024-016"]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "error: KZ-UZ-2024-016 was published in edition 1 and is retired; ids are never \
             reused\n  hint: leave out --id to take the next free number; to take the entry \
             back, restore its file from the archive (editions/NNNN/sources/)\n"
        )
    );
    let (code, out, err) = add(dir, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("wrote register/instruments/KZ-UZ-2024-017.yaml\n"),
        "{out}"
    );

    // A withdrawal is reported as such, the deletion as a removal.
    let (code, _, err) = tool(
        dir,
        &[
            "withdraw",
            "KZ-UZ-2024-003",
            "--reason",
            "Duplicate of No. 2",
            "--date",
            "2024-08-08",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = publish();
    assert_eq!(code, 0, "{err}");
    let text = pdf_text(&dir.join("editions/0002/register.pdf"));
    assert!(
        text.contains("Withdrawn: KZ-UZ-2024-003, Decision of the Supreme Interstate Council"),
        "{text}"
    );
    assert!(
        text.contains("— 8 August 2024: Duplicate of No. 2."),
        "{text}"
    );
    assert!(text.contains("Removed: KZ-UZ-2024-016"), "{text}");
    assert!(text.contains("Added: KZ-UZ-2024-017"), "{text}");
    let manifest = read(dir, "editions/0002/manifest.json");
    assert!(manifest.contains("\"id\": \"KZ-UZ-2024-003\""));
    assert_eq!(tool(dir, &["verify"]).0, 0);
}
