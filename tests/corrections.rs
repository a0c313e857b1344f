//! Correcting the record through the real binary: `correct --act N`,
//! `record --remove N`, rules 13 (an act repeated) and 14 (a signature
//! before `signed.date`) refused by `record` and reported by `check`, a
//! stated status dropped once acts decide it, and the confirmation of an
//! interactive `record`.

mod common;

use std::fs;
use std::path::Path;

use common::{BASE_REGISTER, Test, at_terminal, tool, valid_instrument};

const TR1: &str = "register/instruments/TR-1.yaml";

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap()
}

/// `before` with the one occurrence of `from` replaced by `to`.
fn with(before: &str, from: &str, to: &str) -> String {
    assert_eq!(before.matches(from).count(), 1, "{from}");
    before.replacen(from, to, 1)
}

#[test]
fn correct_changes_the_fields_given_and_nothing_else() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (_, dir) = test
        .args([
            "correct",
            "TR-1",
            "--act",
            "5",
            "--date",
            "2021-03-02",
            "--reference",
            "Law No. 1-VII of 2 March 2021",
        ])
        .stdout(
            "corrected act #5 (the ratification by KAZ of 2021-03-01) (date 2021-03-02, \
             reference Law No. 1-VII of 2 March 2021) in register/instruments/TR-1.yaml\n\
             status as of 31 December 2024: in force\n",
        )
        .stderr("")
        .run();
    let expected = with(
        &before,
        "    date: 2021-03-01\n    reference: Law No. 1-VII\n",
        "    date: 2021-03-02\n    reference: Law No. 1-VII of 2 March 2021\n",
    );
    assert_eq!(read(dir.path(), TR1), expected);
    assert_eq!(tool(dir.path(), &["check"]).0, 0);
}

#[test]
fn a_flow_mapping_act_is_rewritten_as_a_block_to_be_corrected() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (_, dir) = test
        .args([
            "correct",
            "TR-1",
            "--act",
            "7",
            "--note",
            "Deposited: 15 April",
        ])
        .status(0)
        .run();
    let expected = with(
        &before,
        "  - {party: UZB, action: ratification, date: 2021-04-15, source: depositary}\n",
        "  - party: UZB\n    action: ratification\n    date: 2021-04-15\n    source: depositary\n    \
         note: \"Deposited: 15 April\"\n",
    );
    assert_eq!(read(dir.path(), TR1), expected);
    let (_, json, _) = tool(dir.path(), &["show", "TR-1", "--format", "json"]);
    let entry: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(entry["actions"][6]["n"], 7);
    assert_eq!(entry["actions"][6]["note"], "Deposited: 15 April");
}

#[test]
fn an_optional_field_is_left_out_with_an_empty_value_a_required_one_is_not() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (_, dir) = test
        .args(["correct", "TR-1", "--act", "5", "--reference", ""])
        .status(0)
        .run();
    assert_eq!(
        read(dir.path(), TR1),
        with(&before, "    reference: Law No. 1-VII\n", "")
    );
    let (code, _, err) = tool(dir.path(), &["correct", "TR-1", "--act", "5", "--date", ""]);
    assert_eq!(code, 2);
    assert!(err.contains("`date` cannot be left out of an act"), "{err}");
}

#[test]
fn remove_takes_out_one_act_and_numbers_follow() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (_, dir) = test
        .args(["record", "TR-1", "--remove", "14"])
        .stdout(
            "removed act #14 (the denunciation by KGZ of 2023-03-01) from \
             register/instruments/TR-1.yaml\nstatus as of 31 December 2024: in force\n",
        )
        .run();
    assert_eq!(
        read(dir.path(), TR1),
        with(
            &before,
            "  - {party: KGZ, action: denunciation, date: 2023-03-01, effective: 2024-03-01}\n",
            ""
        )
    );
    let (_, shown, _) = tool(dir.path(), &["show", "TR-1"]);
    assert!(shown.contains("#13 2024-06-01 AZE declaration"), "{shown}");
    assert!(!shown.contains("#14"), "{shown}");
}

#[test]
fn removing_what_others_answer_is_refused_and_nothing_is_written() {
    // Act #6 is the reservation R1 that UZB's objection (#9) answers.
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (_, dir) = test
        .args(["record", "TR-1", "--remove", "6"])
        .status(1)
        .run();
    assert_eq!(read(dir.path(), TR1), before);
    let (code, _, err) = tool(dir.path(), &["record", "TR-1", "--remove", "15"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: register/instruments/TR-1.yaml: there is no act #15: the entry records acts #1 to #14; nothing was written\n  \
         hint: `treaty-register show ID` numbers the acts\n"
    );
    let (code, _, err) = tool(
        dir.path(),
        &["record", "TR-1", "--remove", "3", "--date", "2020-01-01"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("use `treaty-register correct TR-1 --act N --date …`"),
        "{err}"
    );
    assert_eq!(read(dir.path(), TR1), before);
}

#[test]
fn dry_runs_print_the_new_entry_and_write_nothing() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (out, dir) = test
        .args([
            "correct",
            "TR-1",
            "--act",
            "1",
            "--date",
            "2020-05-11",
            "--dry-run",
        ])
        .run();
    let printed = common::stdout(&out);
    assert!(printed.contains("  - party: KAZ\n    action: signature\n    date: 2020-05-11\n"));
    assert_eq!(read(dir.path(), TR1), before);
    let (code, printed, _) = tool(
        dir.path(),
        &["record", "TR-1", "--remove", "1", "--dry-run"],
    );
    assert_eq!(code, 0);
    assert!(
        !printed.contains("{party: KAZ, action: signature"),
        "{printed}"
    );
    assert_eq!(read(dir.path(), TR1), before);
}

#[test]
fn a_second_consent_is_refused_naming_the_act_and_the_correction() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    let (out, dir) = test
        .args([
            "record",
            "TR-1",
            "accession",
            "--party",
            "UZB",
            "--date",
            "2021-05-01",
        ])
        .status(1)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "error: UZB's consent to be bound is recorded twice: the accession of 2021-05-01 \
             (act #15) repeats the ratification of 2021-04-15 (act #7, line 46)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "`treaty-register correct TR-1 --act 7 --date …`, or remove this one with \
             `treaty-register record TR-1 --remove 15`"
        ),
        "{err}"
    );
    assert!(err.ends_with("error: the entry would have 1 problem; nothing was written\n"));
    assert_eq!(read(dir.path(), TR1), before);
}

#[test]
fn a_consent_after_a_denunciation_took_effect_is_not_a_repeat() {
    // KGZ ratified in 2021 and its denunciation took effect on 2024-03-01.
    let (_, dir) = Test::fixture("lifecycle")
        .args([
            "record",
            "TR-1",
            "accession",
            "--party",
            "KGZ",
            "--date",
            "2024-06-01",
        ])
        .status(0)
        .run();
    assert_eq!(tool(dir.path(), &["check"]).0, 0);
    // But not before it took effect.
    let (code, _, err) = tool(
        dir.path(),
        &[
            "record",
            "TR-1",
            "accession",
            "--party",
            "KGZ",
            "--date",
            "2024-01-01",
        ],
    );
    assert_eq!(code, 1, "{err}");
}

#[test]
fn check_reports_repeats_and_early_signatures_written_by_hand() {
    let entry = valid_instrument("A-1").replace("status: signed\n", "")
        + "actions:\n  - {party: KAZ, action: signature, date: 2024-08-08}\n  \
           - {party: KAZ, action: signature, date: 2024-08-08}\n  \
           - {party: UZB, action: signature, date: 2024-08-01}\n";
    Test::new()
        .file("register/register.yaml", BASE_REGISTER)
        .file("register/instruments/A-1.yaml", &entry)
        .args(["check"])
        .stderr(
            "register/instruments/A-1.yaml:15:26: error: KAZ's signature is recorded twice: the \
             signature of 2024-08-08 (act #2) repeats the signature of 2024-08-08 (act #1, line 14)\n   \
             |\n15 |   - {party: KAZ, action: signature, date: 2024-08-08}\n   \
             |                          ^^^^^^^^^\n   \
             = hint: a party does this once (unless it denounced or withdrew in between): correct \
             the act already recorded with `treaty-register correct A-1 --act 1 --date …`, or \
             remove this one with `treaty-register record A-1 --remove 2`\n\
             register/instruments/A-1.yaml:16:43: error: the signature by UZB (2024-08-01) is \
             dated before the instrument's `signed.date` (2024-08-08)\n   \
             |\n16 |   - {party: UZB, action: signature, date: 2024-08-01}\n   \
             |                                           ^^^^^^^^^^\n   \
             = hint: a state signs on or after the day the instrument was adopted or opened for \
             signature: `treaty-register correct A-1 --act 3 --date …`, or correct `signed.date`\n\
             error: 1 instrument, 2 problems\n",
        )
        .status(1)
        .run();
}

#[test]
fn thousands_of_repeats_are_each_reported() {
    let mut entry = valid_instrument("A-1").replace("status: signed\n", "") + "actions:\n";
    for _ in 0..3000 {
        entry.push_str("  - {party: KAZ, action: signature, date: 2024-08-08}\n");
    }
    let (out, _) = Test::new()
        .file("register/register.yaml", BASE_REGISTER)
        .file("register/instruments/A-1.yaml", &entry)
        .args(["check"])
        .status(1)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with("error: 1 instrument, 2999 problems\n"),
        "{}",
        &err[err.len() - 200..]
    );
    assert!(err.contains("(act #3000) repeats the signature of 2024-08-08 (act #1, line 14)"));
}

#[test]
fn a_stated_status_the_acts_decide_is_dropped_and_said() {
    let entry = valid_instrument("A-1");
    let (_, dir) = Test::new()
        .file(
            "register/register.yaml",
            "title: T\nas_of: 2025-01-01\nid_prefix: A\n",
        )
        .file("register/instruments/A-1.yaml", &entry)
        .args([
            "record",
            "A-1",
            "entry-into-force",
            "--party",
            "KAZ",
            "--date",
            "2024-12-01",
        ])
        .stdout(
            "recorded the entry into force by KAZ (2024-12-01) in register/instruments/A-1.yaml\n\
             removed `status: signed` (line 11): with acts recorded, the status is derived from \
             them\nstatus as of 1 January 2025: in force\n",
        )
        .run();
    let after = read(dir.path(), "register/instruments/A-1.yaml");
    assert_eq!(
        after,
        entry.replace("status: signed\n", "")
            + "actions:\n  - party: KAZ\n    action: entry-into-force\n    date: 2024-12-01\n"
    );
    assert_eq!(tool(dir.path(), &["check"]).0, 0);
}

#[test]
fn a_refused_correction_that_would_drop_the_status_names_the_lines_on_disk() {
    // The correction would also take out `status: signed` (line 11); the
    // problem must still point at the act's date where the file has it.
    let entry = valid_instrument("A-1")
        + "actions:\n  - party: KAZ\n    action: signature\n    date: 2024-08-08\n";
    let line_on_disk = 1 + entry
        .lines()
        .position(|l| l == "    date: 2024-08-08")
        .unwrap();
    let (out, dir) = Test::new()
        .file(
            "register/register.yaml",
            "title: T\nas_of: 2025-01-01\nid_prefix: A\n",
        )
        .file("register/instruments/A-1.yaml", &entry)
        .args(["correct", "A-1", "--act", "1", "--date", "1990-01-01"])
        .status(1)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let at = format!("register/instruments/A-1.yaml:{line_on_disk}:");
    assert!(stderr.contains(&at), "expected {at} in:\n{stderr}");
    assert!(stderr.contains("1990-01-01"), "{stderr}");
    assert_eq!(read(dir.path(), "register/instruments/A-1.yaml"), entry);
}

#[test]
fn a_stated_status_that_is_never_derived_stays() {
    // TR-5 states `adopted`, which acts never derive: it is kept.
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
        .status(0)
        .run();
    assert!(read(dir.path(), "register/instruments/TR-5.yaml").contains("status: adopted\n"));
}

#[test]
fn record_over_the_size_limit_is_refused_unread() {
    let big = valid_instrument("A-1") + &format!("notes: {}\n", "x".repeat(1_100_000));
    let (out, dir) = Test::new()
        .file("register/register.yaml", BASE_REGISTER)
        .file("register/instruments/A-1.yaml", &big)
        .args([
            "record",
            "A-1",
            "signature",
            "--party",
            "KAZ",
            "--date",
            "2024-08-08",
        ])
        .status(2)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("over the limit of 1048576 bytes (1 MiB)"),
        "{err}"
    );
    assert_eq!(read(dir.path(), "register/instruments/A-1.yaml"), big);
}

#[test]
fn record_never_writes_a_file_over_the_size_limit() {
    let near = valid_instrument("A-1") + &format!("notes: {}\n", "x".repeat(1_048_000));
    let (out, dir) = Test::new()
        .file("register/register.yaml", BASE_REGISTER)
        .file("register/instruments/A-1.yaml", &near)
        .args([
            "record",
            "A-1",
            "signature",
            "--party",
            "KAZ",
            "--date",
            "2024-08-08",
            "--note",
            &"y".repeat(2000),
        ])
        .status(1)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the entry would be"), "{err}");
    assert_eq!(read(dir.path(), "register/instruments/A-1.yaml"), near);
}

#[test]
fn an_interactive_record_shows_the_act_and_asks_again_on_an_empty_answer() {
    let test = Test::fixture("lifecycle");
    let before = read(test.path(), TR1);
    // Refused: nothing is written.
    let (ok, screen) = at_terminal(
        test.path(),
        serde_json::json!([
            ["Party", "TJK"],
            ["Date of the act", "2024-10-01"],
            ["Write register/instruments/TR-1.yaml? [y/n]", "n"],
        ]),
        &["record".as_ref(), "TR-1".as_ref(), "ratification".as_ref()],
    );
    assert!(ok, "{screen}");
    assert!(
        screen.contains("  - party: TJK\n    action: ratification\n    date: 2024-10-01"),
        "{screen}"
    );
    assert!(screen.contains("Nothing was written."), "{screen}");
    assert_eq!(read(test.path(), TR1), before);
    // An Enter too many keeps the answers: the question is asked again.
    let (ok, screen) = at_terminal(
        test.path(),
        serde_json::json!([
            ["Party", "TJK"],
            ["Date of the act", "2024-10-01"],
            ["[y/n]", ""],
            ["answer y to write it", "y"],
        ]),
        &["record".as_ref(), "TR-1".as_ref(), "ratification".as_ref()],
    );
    assert!(ok, "{screen}");
    assert!(
        screen.contains("recorded the ratification by TJK (2024-10-01)"),
        "{screen}"
    );
    assert!(read(test.path(), TR1).contains("  - party: TJK\n    action: ratification\n"));
}

#[test]
fn a_correction_or_removal_killed_at_any_step_leaves_the_old_or_the_new_file() {
    let tmp = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 2] = [
        &["correct", "TR-1", "--act", "5", "--date", "2021-03-02"],
        &["record", "TR-1", "--remove", "14"],
    ];
    for args in commands {
        for (point, lands) in [("record:written", false), ("record:renamed", true)] {
            let test = Test::fixture("lifecycle");
            let before = read(test.path(), TR1);
            let status = std::process::Command::new(common::BIN)
                .args(args)
                .current_dir(test.path())
                .env("TMPDIR", tmp.path())
                .env("TREATY_REGISTER_FAULT", point)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(
                !status.success(),
                "{args:?} {point}: the fault point was not reached"
            );
            let after = read(test.path(), TR1);
            assert_eq!(after != before, lands, "{args:?} {point}");
            let (code, out, _) = tool(test.path(), &["check"]);
            assert_eq!((code, out.as_str()), (0, "5 instruments, 0 problems\n"));
            let leftovers = common::hidden(&test.path().join("register/instruments"));
            assert_eq!(leftovers.len(), usize::from(!lands), "{args:?} {point}");
        }
    }
}

/// One archivist's command, drawn at random.
#[derive(Debug, Clone)]
enum Op {
    Add,
    Record {
        entry: usize,
        party: usize,
        action: usize,
        day: u32,
    },
    Correct {
        entry: usize,
        act: usize,
        day: u32,
    },
    Remove {
        entry: usize,
        act: usize,
    },
    Withdraw {
        entry: usize,
    },
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        Just(Op::Add),
        (0usize..4, 0usize..2, 0usize..6, 0u32..60).prop_map(|(entry, party, action, day)| {
            Op::Record {
                entry,
                party,
                action,
                day,
            }
        }),
        (0usize..4, 1usize..4, 0u32..60).prop_map(|(entry, act, day)| Op::Correct {
            entry,
            act,
            day
        }),
        (0usize..4, 1usize..4).prop_map(|(entry, act)| Op::Remove { entry, act }),
        (0usize..4).prop_map(|entry| Op::Withdraw { entry }),
    ]
}

/// A day from 2024-08-01 on: some before the entries' signature (rule 14).
fn day(n: u32) -> String {
    let (month, d) = if n < 31 { (8, n + 1) } else { (9, n - 30) };
    format!("2024-{month:02}-{d:02}")
}

fn args_of(op: &Op, ids: &[String]) -> Option<Vec<String>> {
    const ACTIONS: [&str; 6] = [
        "signature",
        "ratification",
        "accession",
        "entry-into-force",
        "notification",
        "denunciation",
    ];
    let id = |n: usize| ids.get(n % ids.len().max(1)).cloned();
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    Some(match op {
        Op::Add => v(&[
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
        ]),
        Op::Record {
            entry,
            party,
            action,
            day: d,
        } => {
            let mut a = v(&["record", &id(*entry)?, ACTIONS[*action]]);
            a.extend(v(&["--party", ["KAZ", "UZB"][*party], "--date", &day(*d)]));
            a
        }
        Op::Correct { entry, act, day: d } => v(&[
            "correct",
            &id(*entry)?,
            "--act",
            &act.to_string(),
            "--date",
            &day(*d),
        ]),
        Op::Remove { entry, act } => v(&["record", &id(*entry)?, "--remove", &act.to_string()]),
        Op::Withdraw { entry } => v(&[
            "withdraw",
            &id(*entry)?,
            "--reason",
            "Entered by mistake",
            "--date",
            "2024-12-01",
        ]),
    })
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 16, ..Default::default() })]

    /// Whatever an archivist does with `add`, `record`, `correct`,
    /// `record --remove` and `withdraw`, in any order and whether each is accepted or
    /// refused, `check` finds nothing wrong afterwards and no id is ever
    /// given twice.
    #[test]
    fn any_sequence_of_commands_keeps_the_register_clean(ops in proptest::collection::vec(op(), 1..14)) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("register/instruments")).unwrap();
        fs::write(
            dir.path().join("register/register.yaml"),
            "title: T\nas_of: 2024-12-31\nid_prefix: A\n",
        )
        .unwrap();
        let mut ids: Vec<String> = Vec::new();
        for op in &ops {
            let Some(args) = args_of(op, &ids) else { continue };
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, out, err) = tool(dir.path(), &args);
            proptest::prop_assert!(code <= 2, "{args:?}: {err}");
            if matches!(op, Op::Add) {
                proptest::prop_assert_eq!(code, 0, "{}", err);
                let id = out.trim_start_matches("wrote register/instruments/")
                    .split(".yaml").next().unwrap().to_owned();
                proptest::prop_assert!(!ids.contains(&id), "{} given twice", id);
                ids.push(id);
            }
            let (code, _, err) = tool(dir.path(), &["check"]);
            proptest::prop_assert_eq!(code, 0, "after {:?}: {}", args, err);
        }
    }
}

#[test]
fn list_withdrawn_shows_only_withdrawn_entries_with_when_and_why() {
    let (_, dir) = Test::fixture("lifecycle")
        .args([
            "withdraw",
            "TR-4",
            "--reason",
            "Duplicate of TR-3",
            "--date",
            "2024-12-01",
        ])
        .status(0)
        .run();
    let (code, out, _) = tool(dir.path(), &["list", "--withdrawn", "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().nth(1).unwrap().starts_with("TR-4,"), "{out}");
    assert!(out.contains(",withdrawn,"), "{out}");
    let (_, json, _) = tool(dir.path(), &["list", "--withdrawn", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["withdrawn"]["reason"], "Duplicate of TR-3");
    let (_, all, _) = tool(dir.path(), &["list", "--format", "csv"]);
    assert!(!all.contains("TR-4,"), "{all}");
    assert_eq!(all.lines().count(), 5, "{all}");
}
