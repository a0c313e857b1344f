//! `edit` through the real binary: fields set, inserted and removed as
//! text with every other byte kept, refusals that write nothing, and
//! `--dry-run`.

mod common;

use std::fs;

use common::{Test, snapshot, tool};

const ENTRY: &str = "register/instruments/A-1.yaml";

/// An entry in every style a person writes: a folded title, comments, a
/// quoted value, a flow list.
const STYLED: &str = "\
# yaml-language-server: $schema=../../schema/instrument.schema.json
id: A-1   # the register number
title: >-
  Agreement on
  testing
type: \"agreement\" # as the report says
parties:
  - state: KAZ
    body: Government of the Republic of Kazakhstan
  - state: UZB
signed:
  date: 2024-08-08 # the day of the visit
status: signed
subjects: [testing]
sources:
  - key: report
    title: A report

# Caveats follow.
notes: Old note
";

fn styled() -> Test {
    Test::with_base().file(ENTRY, STYLED)
}

fn entry(dir: &std::path::Path) -> String {
    fs::read_to_string(dir.join(ENTRY)).unwrap()
}

#[test]
fn a_folded_title_is_replaced_and_every_other_byte_kept() {
    let (_, dir) = styled()
        .args(["edit", "A-1", "--set", "title=Agreement on proving: part 2"])
        .stdout("edited register/instruments/A-1.yaml: set title\n")
        .run();
    assert_eq!(
        entry(dir.path()),
        STYLED.replace(
            ">-\n  Agreement on\n  testing\n",
            "\"Agreement on proving: part 2\"\n"
        )
    );
    assert_eq!(tool(dir.path(), &["check"]).0, 0);
}

#[test]
fn quoted_values_keep_their_comment_and_missing_keys_go_in_the_format_order() {
    let (_, dir) = styled()
        .args([
            "edit",
            "A-1",
            "--set",
            "type=protocol",
            "--set",
            "signed.place=Astana",
            "--set",
            "in_force.note=On ratification",
            "--set",
            "titles.ru=Соглашение о проверке",
            "--set",
            "depositary=KAZ",
            "--set",
            "level=intergovernmental",
        ])
        .run();
    let expected = STYLED
        .replace("\"agreement\" # as", "protocol # as")
        .replace(
            "date: 2024-08-08 # the day of the visit\n",
            "date: 2024-08-08 # the day of the visit\n  place: Astana\n",
        )
        .replace(
            "status: signed\n",
            "status: signed\nin_force:\n  note: On ratification\n",
        )
        .replace(
            "  testing\ntype",
            "  testing\ntitles:\n  ru: Соглашение о проверке\ntype",
        )
        .replace(
            "protocol # as the report says\n",
            "protocol # as the report says\nlevel: intergovernmental\n",
        )
        .replace("notes: Old note\n", "notes: Old note\ndepositary: KAZ\n");
    assert_eq!(entry(dir.path()), expected);
    assert_eq!(tool(dir.path(), &["check"]).0, 0);
}

#[test]
fn unset_removes_the_key_and_a_parent_it_empties() {
    let text = STYLED.replace(
        "status: signed\n",
        "status: signed\nin_force:\n  note: >-\n    Pending\n    ratification\n",
    );
    let (_, dir) = Test::with_base()
        .file(ENTRY, &text)
        .args([
            "edit",
            "A-1",
            "--unset",
            "in_force.note",
            "--unset",
            "notes",
        ])
        .stdout("edited register/instruments/A-1.yaml: unset in_force.note, unset notes\n")
        .run();
    // The comment above `notes` stays: it may speak of what follows.
    assert_eq!(entry(dir.path()), STYLED.replace("notes: Old note\n", ""));
}

#[test]
fn crlf_files_stay_crlf() {
    let crlf = STYLED.replace('\n', "\r\n");
    let (_, dir) = Test::with_base()
        .file(ENTRY, &crlf)
        .args([
            "edit",
            "A-1",
            "--set",
            "signed.place=Astana",
            "--add-party",
            "TUR",
        ])
        .run();
    assert_eq!(
        entry(dir.path()),
        crlf.replace(
            "the day of the visit\r\n",
            "the day of the visit\r\n  place: Astana\r\n"
        )
        .replace("  - state: UZB\r\n", "  - state: UZB\r\n  - state: TUR\r\n")
    );
}

#[test]
fn add_party_appends_to_the_parties() {
    let (_, dir) = styled()
        .args([
            "edit",
            "A-1",
            "--add-party",
            "tur=Government of the Republic of Türkiye",
        ])
        .stdout("edited register/instruments/A-1.yaml: added the party TUR\n")
        .run();
    assert_eq!(
        entry(dir.path()),
        STYLED.replace(
            "  - state: UZB\n",
            "  - state: UZB\n  - state: TUR\n    body: Government of the Republic of Türkiye\n"
        )
    );
}

#[test]
fn dry_run_prints_the_entry_and_writes_nothing() {
    let test = styled();
    let before = snapshot(test.path());
    let expected = STYLED.replace("notes: Old note", "notes: New note");
    let (_, dir) = test
        .args(["edit", "A-1", "--set", "notes=New note", "--dry-run"])
        .stdout(&expected)
        .run();
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn setting_what_is_there_writes_nothing() {
    styled()
        .args(["edit", "A-1", "--set", "signed.date=2024-08-08"])
        .stdout("nothing changed in register/instruments/A-1.yaml: it says so already\n")
        .run();
}

/// Each refusal: its exit code, its exact words, and the file untouched.
#[test]
fn refusals_write_nothing() {
    for (args, code, stderr) in [
        (
            &["--set", "signed.plase=Astana"][..],
            2,
            "error: --set `signed.plase`: no such field\n  hint: did you mean `signed.place`? \
             (the fields: title, titles.LANG, type, level, signed.date, signed.place, status, \
             in_force.date, in_force.note, term.from, term.to, notes, depositary, \
             registration.number, registration.date, registration.by, registration.citation)\n",
        ),
        (
            &["--set", "signed.date=2024-02-30"],
            2,
            "error: invalid --set signed.date: `2024-02-30` is not a valid date: February 2024 \
             has 29 days, not 30\n",
        ),
        (
            &["--set", "type=memorandom"],
            2,
            "error: invalid --set type: `memorandom` is not one of them; did you mean \
             `memorandum`?\n",
        ),
        (
            &["--unset", "title"],
            2,
            "error: --unset `title`: the field is required\n  hint: give it another value with \
             `--set title=…`\n",
        ),
        (
            &["--set", "id=A-9"],
            2,
            "error: --set `id`: an entry's id cannot be changed\n  hint: ids are never changed \
             or reused: withdraw the entry (`treaty-register withdraw`) and add it anew with \
             `treaty-register add`\n",
        ),
        (
            &["--set", "titles.rus=Соглашение"],
            2,
            "error: --set `titles.rus`: `rus` is not an ISO 639-1 language code\n  hint: did you \
             mean `titles.ru`?\n",
        ),
        (
            &["--add-party", "KZ"],
            2,
            "error: invalid --add-party: `KZ` is not an ISO 3166-1 alpha-3 code; did you mean \
             `KAZ` (Kazakhstan)?\n",
        ),
        (
            &[],
            2,
            "error: missing required values: --set, --unset or --add-party\n  hint: give them \
             as flags (see `treaty-register edit --help`), or run the command in a terminal to be \
             asked for them\n",
        ),
    ] {
        let test = styled();
        let before = snapshot(test.path());
        let mut all = vec!["edit", "A-1", "--no-input"];
        all.extend(args);
        let (_, dir) = test.args(all).stderr(stderr).stdout("").status(code).run();
        assert_eq!(snapshot(dir.path()), before, "{args:?}");
    }
}

#[test]
fn an_entry_the_rules_refuse_is_not_written() {
    let test = styled();
    let before = snapshot(test.path());
    let (_, dir) = test
        .args(["edit", "A-1", "--set", "in_force.date=2024-01-01"])
        .stderr(
            "register/instruments/A-1.yaml:15:9: error: entry into force (2024-01-01) is before \
             the signature (2024-08-08)\n   |\n15 |   date: 2024-01-01\n   |         \
             ^^^^^^^^^^\n   = hint: an instrument enters into force on or after its signature: \
             check both dates\nerror: the entry would have 1 problem; nothing was written\n",
        )
        .status(1)
        .run();
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn an_unknown_id_is_told_with_the_closest() {
    styled()
        .args(["edit", "A-11", "--set", "notes=x"])
        .stderr(
            "error: no instrument with id `A-11` in the register\n  hint: did you mean `A-1`?\n",
        )
        .status(2)
        .run();
}

#[test]
fn an_edit_on_the_shipped_register_reaches_show() {
    let test = Test::with_shipped();
    let (code, _, stderr) = tool(
        test.path(),
        &["edit", "KZ-UZ-2024-006", "--set", "signed.place=Astana"],
    );
    assert_eq!(code, 0, "{stderr}");
    let (_, show, _) = tool(test.path(), &["show", "KZ-UZ-2024-006", "--format", "json"]);
    assert!(show.contains("\"place\": \"Astana\""), "{show}");
    assert_eq!(tool(test.path(), &["check"]).0, 0);
}
