//! `record` through the real binary: one act appended with every other
//! byte of the file kept, refusals that leave the file untouched, parallel
//! records that all land, the UN registration, prompts at a terminal, and
//! runs killed half-way.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{Test, at_terminal, hidden, tool};

const TR1: &str = "register/instruments/TR-1.yaml";

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap()
}

#[test]
fn an_act_is_appended_and_nothing_else_changes() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (out, dir) = test
        .args([
            "record",
            "TR-1",
            "ratification",
            "--party",
            "TJK",
            "--date",
            "2024-10-01",
            "--reference",
            "Law No. 77: on ratification",
            "--source",
            "depositary",
        ])
        .stdout(
            "recorded the ratification by TJK (2024-10-01) in register/instruments/TR-1.yaml\n\
             status as of 31 December 2024: in force\n",
        )
        .stderr("")
        .run();
    drop(out);
    let after = read(dir.path(), TR1);
    // The new item goes after the last act, before the `notes` that follow.
    let at = before.find("notes: Made up").unwrap();
    let item = "  - party: TJK\n    action: ratification\n    date: 2024-10-01\n    \
                reference: \"Law No. 77: on ratification\"\n    source: depositary\n";
    assert_eq!(after, format!("{}{item}{}", &before[..at], &before[at..]));
    let (code, out, _) = tool(dir.path(), &["check"]);
    assert_eq!((code, out.as_str()), (0, "5 instruments, 0 problems\n"));
    // TJK had signed; now it has consented, after the general entry into
    // force and with no entry into force of its own.
    let (_, json, _) = tool(dir.path(), &["show", "TR-1", "--format", "json"]);
    let entry: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(entry["parties"][3]["status"], "consented");
}

#[test]
fn an_entry_without_actions_gets_the_field() {
    let (_, dir) = Test::fixture("lifecycle")
        .args([
            "record",
            "TR-5",
            "signature",
            "--party",
            "KAZ",
            "--date",
            "2024-06-01",
        ])
        .run();
    assert!(
        read(dir.path(), "register/instruments/TR-5.yaml").ends_with(
            "  - title: A report\nactions:\n  - party: KAZ\n    action: signature\n    date: 2024-06-01\n"
        )
    );
}

#[test]
fn what_check_would_reject_is_refused_and_the_file_untouched() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    // RUS is not a party; the date is after the register's; R7 labels nothing.
    let (out, dir) = test
        .args([
            "record",
            "TR-1",
            "objection",
            "--party",
            "RUS",
            "--date",
            "2025-02-01",
            "--regarding",
            "R7",
        ])
        .stdout("")
        .status(1)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for message in [
        "register/instruments/TR-1.yaml:58:12: error: `RUS` acts here but is not a party",
        "error: the objection is dated 2025-02-01, after the register's status date 2024-12-31",
        "error: the objection answers `R7`, which labels no reservation or declaration",
        "error: the entry would have 3 problems; nothing was written",
    ] {
        assert!(stderr.contains(message), "{message}\n{stderr}");
    }
    assert_eq!(read(dir.path(), TR1), before);
    // An unknown keyword is a usage error before anything is read.
    let (code, _, stderr) = tool(
        dir.path(),
        &[
            "record",
            "TR-1",
            "ratifcation",
            "--party",
            "KAZ",
            "--date",
            "2024-01-01",
            "--no-input",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("unknown action `ratifcation`"), "{stderr}");
    assert!(stderr.contains("did you mean `ratification`?"), "{stderr}");
    assert_eq!(read(dir.path(), TR1), before);
}

#[test]
fn dry_run_prints_and_writes_nothing() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (out, dir) = test
        .args([
            "record",
            "TR-1",
            "signature",
            "--party",
            "TKM",
            "--date",
            "2022-01-10",
            "--dry-run",
        ])
        .run();
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("  - party: TKM\n    action: signature\n"),
        "{printed}"
    );
    assert_eq!(read(dir.path(), TR1), before);
}

#[test]
fn eight_records_at_once_all_land() {
    let test = Test::fixture("lifecycle");
    let children: Vec<_> = (1..=8)
        .map(|n| {
            Command::new(common::BIN)
                .args([
                    "record",
                    "TR-1",
                    "declaration",
                    "--party",
                    "UZB",
                    "--date",
                    &format!("2024-07-{n:02}"),
                    "--label",
                    &format!("P{n}"),
                    "--text",
                    &format!("Declaration number {n}."),
                ])
                .current_dir(test.path())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = read(test.path(), TR1);
    for n in 1..=8 {
        assert!(
            text.contains(&format!("    label: P{n}\n")),
            "P{n} lost:\n{text}"
        );
    }
    let (code, out, err) = tool(test.path(), &["check"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "5 instruments, 0 problems\n");
    let leftovers = hidden(&test.path().join("register/instruments"));
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_un_registration_is_recorded_once() {
    let (_, dir) = Test::fixture("lifecycle")
        .args([
            "record",
            "TR-2",
            "registration",
            "--number",
            "I-58123",
            "--date",
            "2021-09-15",
            "--by",
            "UZB",
            "--citation",
            "UNTS vol. 3100, p. 1",
        ])
        .stdout(
            "recorded the UN registration No. I-58123 (2021-09-15) in \
             register/instruments/TR-2.yaml\nstatus as of 31 December 2024: terminated\n",
        )
        .run();
    let text = read(dir.path(), "register/instruments/TR-2.yaml");
    assert!(text.ends_with(
        "registration:\n  number: I-58123\n  date: 2021-09-15\n  by: UZB\n  citation: UNTS vol. 3100, p. 1\n"
    ));
    let (code, _, stderr) = tool(
        dir.path(),
        &[
            "record",
            "TR-2",
            "registration",
            "--number",
            "I-1",
            "--date",
            "2022-01-01",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: register/instruments/TR-2.yaml: the entry already has a `registration` (line 21); nothing was written"
        ),
        "{stderr}"
    );
    // Before the entry into force (July 2021) it is refused by check's rule.
    let (code, _, stderr) = tool(
        dir.path(),
        &[
            "record",
            "TR-4",
            "registration",
            "--number",
            "I-2",
            "--date",
            "2023-02-01",
            "--by",
            "KAZ",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("before entry into force: it entered into force on 2023-05"),
        "{stderr}"
    );
    // Flags of the other kind are a usage error.
    let (code, _, stderr) = tool(
        dir.path(),
        &[
            "record",
            "TR-4",
            "registration",
            "--number",
            "I-2",
            "--date",
            "2023-06-01",
            "--party",
            "KAZ",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: --party do not apply to registration"),
        "{stderr}"
    );
}

#[test]
fn missing_values_are_asked_at_a_terminal_and_named_elsewhere() {
    let test = Test::fixture("lifecycle");
    let (code, _, stderr) = tool(
        test.path(),
        &["record", "TR-1", "ratification", "--date", "2024-01-01"],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: missing required values: --party\n  hint: give them as flags (see \
         `treaty-register record --help`), or run the command in a terminal to be asked for them\n"
    );
    let (ok, screen) = at_terminal(
        test.path(),
        serde_json::json!([
            ["Action [", "ratifcation"],
            ["did you mean `ratification`?", "ratification"],
            ["Party", "tjk"],
            ["Date of the act", "2024-02-30"],
            ["not a valid date", "2024-02-29"],
            ["Write register/instruments/TR-1.yaml? [y/n]", "y"],
        ]),
        &["record".as_ref(), "TR-1".as_ref()],
    );
    assert!(ok, "{screen}");
    assert!(
        screen.contains("recorded the ratification by TJK (2024-02-29)"),
        "{screen}"
    );
    assert!(
        read(test.path(), TR1)
            .contains("  - party: TJK\n    action: ratification\n    date: 2024-02-29\n")
    );
}

#[test]
fn a_record_killed_at_any_step_leaves_the_old_or_the_new_file() {
    let tmp = tempfile::tempdir().unwrap();
    for (point, lands) in [("record:written", false), ("record:renamed", true)] {
        let test = Test::fixture("lifecycle");
        let before = read(test.path(), TR1);
        let status = Command::new(common::BIN)
            .args([
                "record",
                "TR-1",
                "signature",
                "--party",
                "TKM",
                "--date",
                "2022-01-10",
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
        let after = read(test.path(), TR1);
        if lands {
            assert!(
                after.contains("  - party: TKM\n    action: signature\n"),
                "{point}"
            );
        } else {
            assert_eq!(after, before, "{point}");
        }
        assert_eq!(tool(test.path(), &["check"]).0, 0, "{point}");
        // The next writer sweeps what the killed one left behind.
        let (code, _, err) = tool(
            test.path(),
            &[
                "record",
                "TR-1",
                "signature",
                "--party",
                "AZE",
                "--date",
                "2024-06-01",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let leftovers = hidden(&test.path().join("register/instruments"));
        assert!(leftovers.is_empty(), "{point}: {leftovers:?}");
    }
}

/// A party that has no signature on record cannot ratify (or accede)
/// before the instrument existed: rule 14 covers consent, not only
/// signature.
#[test]
fn a_consent_before_the_instrument_was_signed_is_refused() {
    let test = Test::with_base();
    let before = common::snapshot(test.path());
    let (out, dir) = test
        .args([
            "record",
            "A-1",
            "ratification",
            "--party",
            "KAZ",
            "--date",
            "2024-01-01",
        ])
        .status(1)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the ratification by KAZ (2024-01-01) is dated before the instrument's `signed.date` (2024-08-08)"),
        "{err}"
    );
    assert_eq!(common::snapshot(dir.path()), before);
}
