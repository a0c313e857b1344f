//! `check` through the real binary: one test per class of bad input, each
//! asserting the exact diagnostic (file, line, column, message, hint), the
//! exit code, and that problems in other files are reported in the same run.

mod common;

use common::{Test, valid_instrument};

const NEW: &str = "register/instruments/A-3.yaml";

/// A valid instrument `A-3` with `from` replaced by `to`.
fn a3(from: &str, to: &str) -> String {
    let text = valid_instrument("A-3");
    assert!(text.contains(from), "fixture has no {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn shipped_register_passes() {
    Test::with_shipped()
        .args(["check"])
        .stdout("16 instruments, 0 problems\n")
        .stderr("")
        .run();
}

#[test]
fn quiet_valid_register_prints_nothing() {
    Test::with_shipped()
        .args(["check", "--quiet"])
        .stdout("")
        .stderr("")
        .run();
}

#[test]
fn yaml_syntax_error() {
    Test::with_base()
        .file(
            NEW,
            a3(
                "title: Agreement on testing",
                "title: [Agreement on testing",
            ),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:3:5: error: invalid YAML: illegal placement of ':' indicator
  |
3 | type: agreement
  |     ^
  = hint: look for an unclosed bracket or quote here or on the lines above
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn unquoted_colon_in_value() {
    Test::with_base()
        .file(NEW, a3("title: Agreement on testing", "title: Agreement: on testing"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:2:17: error: invalid YAML: mapping values are not allowed in this context
  |
2 | title: Agreement: on testing
  |                 ^
  = hint: a value that contains `: ` must be quoted, or a key is indented wrongly
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn tab_in_indentation() {
    Test::with_base()
        .file(NEW, a3("  date: 2024-08-08", "\tdate: 2024-08-08"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:10:1: error: tab character in indentation
   |
10 |  date: 2024-08-08
   | ^
   = hint: YAML indents with spaces only: replace the tab with spaces
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn bad_indentation() {
    Test::with_base()
        .file(NEW, a3("  date: 2024-08-08", "    date: 2024-08-08\n  place: Astana"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:11:3: error: invalid YAML: while parsing a block mapping, did not find expected key
   |
11 |   place: Astana
   |   ^
   = hint: check the indentation: entries of one mapping or list must line up
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn misindented_field_lands_in_the_mapping_above() {
    Test::with_base()
        .file(NEW, a3("status: signed", "  status: signed"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:1:1: error: missing required field `status` in the instrument
  |
1 | id: A-3
  | ^
  = hint: add `status:` with one of: signed, adopted, in-force, provisionally-applied, expired, terminated, superseded; or record the parties' acts under `actions:` and the status is derived from them
register/instruments/A-3.yaml:11:3: error: unknown field `status` in `signed`
   |
11 |   status: signed
   |   ^^^^^^
   = hint: allowed fields of `signed`: date, place, signatories
error: 3 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn lone_carriage_return() {
    // Found by fuzzing: YAML counts a lone CR as a line break, editors do
    // not, so line numbers would point at lines nobody can see.
    Test::with_base()
        .file(
            NEW,
            a3(
                "title: Agreement on testing",
                "title: Agreement\r\ron testing",
            ),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:2:17: error: carriage return without a line feed
  |
2 | title: Agreement\u{FFFD}\u{FFFD}on testing
  |                 ^
  = hint: save the file with LF (or CRLF) line endings; a lone CR may also have been pasted in
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn empty_file() {
    Test::with_base()
        .file(NEW, "# nothing yet\n")
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml: error: file is empty
  = hint: an instrument needs at least `id`, `title`, `type`, `parties`, `signed`, `status` and `sources`; `treaty-register add` writes one for you
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn two_documents_in_one_file() {
    Test::with_base()
        .file(NEW, format!("{}---\n{}", valid_instrument("A-3"), valid_instrument("A-4")))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:14:1: error: more than one YAML document in this file
   |
14 | ---
   | ^^^
   = hint: each instrument has a file of its own: remove this `---` line and what follows, or move it into another file
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn non_utf8_bytes() {
    let mut bytes = a3("Agreement on testing", "Agreement on t\u{e9}sting").into_bytes();
    let at = bytes.iter().position(|&b| b == 0xC3).unwrap();
    bytes.splice(at..at + 2, [0xE9]); // Latin-1 é
    Test::with_base()
        .file(NEW, bytes)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:2:22: error: file is not valid UTF-8 (byte 0xE9)
  |
2 | title: Agreement on t\u{FFFD}sting
  |                      ^
  = hint: save the file with UTF-8 encoding
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn unknown_field_suggests_the_known_one() {
    Test::with_base()
        .file(NEW, a3("signed:", "sigend:"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:1:1: error: missing required field `signed` in the instrument
  |
1 | id: A-3
  | ^
  = hint: add `signed:` with at least `date: YYYY-MM-DD`
register/instruments/A-3.yaml:9:1: error: unknown field `sigend` in the instrument
  |
9 | sigend:
  | ^^^^^^
  = hint: did you mean `signed`?
error: 3 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn unknown_field_far_from_any_lists_the_allowed() {
    Test::with_base()
        .file(NEW, a3("status: signed", "status: signed\ncolour: blue"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:12:1: error: unknown field `colour` in the instrument
   |
12 | colour: blue
   | ^^^^^^
   = hint: allowed fields of the instrument: id, title, titles, type, level, parties, signed, places, status, in_force, term, relations, subjects, languages, sources, notes, notes_translated, files, depositary, registration, registrable, actions, withdrawn, inferred
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn missing_required_fields_are_all_reported() {
    Test::with_base()
        .file(NEW, "id: A-3\nsigned:\n  place: Astana\n")
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:1:1: error: missing required field `title` in the instrument
  |
1 | id: A-3
  | ^
  = hint: add `title:` with the official English title as signed
register/instruments/A-3.yaml:1:1: error: missing required field `type` in the instrument
  |
1 | id: A-3
  | ^
  = hint: add `type:` with one of: joint-statement, declaration, decision, treaty, agreement, protocol, memorandum, programme, action-plan, roadmap, exchange-of-notes, other
register/instruments/A-3.yaml:1:1: error: missing required field `parties` in the instrument
  |
1 | id: A-3
  | ^
  = hint: add `parties:` with at least two `- state: KAZ` entries
register/instruments/A-3.yaml:1:1: error: missing required field `status` in the instrument
  |
1 | id: A-3
  | ^
  = hint: add `status:` with one of: signed, adopted, in-force, provisionally-applied, expired, terminated, superseded; or record the parties' acts under `actions:` and the status is derived from them
register/instruments/A-3.yaml:1:1: error: missing required field `sources` in the instrument
  |
1 | id: A-3
  | ^
  = hint: add `sources:` with at least one `- title: <headline of the report>`
register/instruments/A-3.yaml:3:3: error: missing required field `date` in `signed`
  |
3 |   place: Astana
  |   ^
  = hint: add `date:` under `signed:` (YYYY-MM-DD, or YYYY-MM or YYYY)
error: 3 instruments, 6 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn wrong_value_types() {
    let text = valid_instrument("A-3")
        .replace(
            "title: Agreement on testing",
            "title: [Agreement, on, testing]",
        )
        .replace("signed:\n  date: 2024-08-08", "signed: 2024-08-08")
        .replace("status: signed", "status: signed\nsubjects: transport");
    Test::with_base()
        .file(NEW, text)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:2:8: error: expected text for `title`, found a list
  |
2 | title: [Agreement, on, testing]
  |        ^
register/instruments/A-3.yaml:9:9: error: expected a mapping of fields for `signed`, found text
  |
9 | signed: 2024-08-08
  |         ^^^^^^^^^^
  = hint: write it as `field: value` lines; allowed fields: date, place, signatories
register/instruments/A-3.yaml:11:11: error: expected a list for `subjects`, found text
   |
11 | subjects: transport
   |           ^^^^^^^^^
   = hint: write each item of `subjects` on its own line starting with `- `
error: 3 instruments, 3 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn impossible_and_malformed_dates() {
    let text = valid_instrument("A-3").replace(
        "  date: 2024-08-08",
        "  date: 2024-02-30\nin_force:\n  date: 2024-13\nterm:\n  from: 8.8.2024",
    );
    Test::with_base()
        .file(NEW, text)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:10:9: error: `2024-02-30` is not a valid date: February 2024 has 29 days, not 30
   |
10 |   date: 2024-02-30
   |         ^^^^^^^^^^
   = hint: write the date as YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known
register/instruments/A-3.yaml:12:9: error: `2024-13` is not a valid date: there is no month 13
   |
12 |   date: 2024-13
   |         ^^^^^^^
   = hint: write the date as YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known
register/instruments/A-3.yaml:14:9: error: `8.8.2024` is not a valid date: dates are written YYYY, YYYY-MM or YYYY-MM-DD
   |
14 |   from: 8.8.2024
   |         ^^^^^^^^
   = hint: write the date as YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known
error: 3 instruments, 3 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn id_pattern_and_file_stem() {
    Test::with_base()
        .file(NEW, a3("id: A-3", "id: a-3"))
        .file("register/instruments/A-4.yaml", valid_instrument("A-5"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:1:5: error: `a-3` is not a valid id
  |
1 | id: a-3
  |     ^^^
  = hint: ids use upper-case letters, digits and single hyphens: write `A-3`
register/instruments/A-4.yaml:1:5: error: id `A-5` does not match the file name `A-4.yaml`
  |
1 | id: A-5
  |     ^^^
  = hint: rename the file to `A-5.yaml`, or write `id: A-4`
error: 4 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn duplicate_ids_across_files() {
    // Two files claiming one id: each is named, and the duplicate points
    // back at the first.
    Test::with_base()
        .file("register/instruments/A-9.yaml", valid_instrument("A-2"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-9.yaml:1:5: error: id `A-2` does not match the file name `A-9.yaml`
  |
1 | id: A-2
  |     ^^^
  = hint: rename the file to `A-2.yaml`, or write `id: A-9`
register/instruments/A-9.yaml:1:5: error: duplicate id `A-2`
  |
1 | id: A-2
  |     ^^^
  = hint: `A-2` is already the id in register/instruments/A-2.yaml:1; every instrument needs its own
error: 3 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn relation_targets() {
    let text = a3(
        "status: signed",
        "status: signed
relations:
  - kind: amends
    target: A-1
  - kind: amends
    target: A-7
  - kind: replaces
    target: [A-1, A-2]
  - kind: supplements
    target:
      title: Agreement of 2006
  - kind: amend
    target: A-2
  - kind: implements
    target: A-3",
    );
    Test::with_base()
        .file(NEW, text)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:18:13: error: expected an id or `{title, date}` for `target`, found a list
   |
18 |     target: [A-1, A-2]
   |             ^
   = hint: give each target a relation of its own
register/instruments/A-3.yaml:21:7: error: missing required field `date` in a relation target
   |
21 |       title: Agreement of 2006
   |       ^
   = hint: add `date:` with the other instrument's date (YYYY-MM-DD, YYYY-MM or YYYY)
register/instruments/A-3.yaml:22:11: error: unknown relation kind `amend`
   |
22 |   - kind: amend
   |           ^^^^^
   = hint: did you mean `amends`? allowed: amends, supplements, replaces, terminates, implements
error: 3 instruments, 3 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn dangling_and_self_relations() {
    let text = a3(
        "status: signed",
        "status: signed
relations:
  - kind: amends
    target: A-1
  - kind: amends
    target: A-7
  - kind: implements
    target: A-3",
    );
    Test::with_base()
        .file(NEW, text)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:16:13: error: relation target `A-7` is not an instrument of this register
   |
16 |     target: A-7
   |             ^^^
   = hint: did you mean `A-1`?
   = hint: for an instrument outside the register, write the target as `{title: <its title>, date: YYYY-MM-DD}`
register/instruments/A-3.yaml:18:13: error: an instrument cannot relate to itself
   |
18 |     target: A-3
   |             ^^^
   = hint: name the other instrument's id, or `{title, date}` for one outside the register
error: 3 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn relation_to_an_entry_with_problems_is_not_called_dangling() {
    Test::with_base()
        .file(
            NEW,
            a3("status: signed", "status: signed\nrelations:\n  - kind: amends\n    target: A-4"),
        )
        .file("register/instruments/A-4.yaml", "id: A-4\n")
        .args(["check"])
        .stderr(
            "\
register/instruments/A-4.yaml:1:1: error: missing required field `title` in the instrument
  |
1 | id: A-4
  | ^
  = hint: add `title:` with the official English title as signed
register/instruments/A-4.yaml:1:1: error: missing required field `type` in the instrument
  |
1 | id: A-4
  | ^
  = hint: add `type:` with one of: joint-statement, declaration, decision, treaty, agreement, protocol, memorandum, programme, action-plan, roadmap, exchange-of-notes, other
register/instruments/A-4.yaml:1:1: error: missing required field `parties` in the instrument
  |
1 | id: A-4
  | ^
  = hint: add `parties:` with at least two `- state: KAZ` entries
register/instruments/A-4.yaml:1:1: error: missing required field `signed` in the instrument
  |
1 | id: A-4
  | ^
  = hint: add `signed:` with at least `date: YYYY-MM-DD`
register/instruments/A-4.yaml:1:1: error: missing required field `status` in the instrument
  |
1 | id: A-4
  | ^
  = hint: add `status:` with one of: signed, adopted, in-force, provisionally-applied, expired, terminated, superseded; or record the parties' acts under `actions:` and the status is derived from them
register/instruments/A-4.yaml:1:1: error: missing required field `sources` in the instrument
  |
1 | id: A-4
  | ^
  = hint: add `sources:` with at least one `- title: <headline of the report>`
error: 4 instruments, 6 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn state_codes_and_party_count() {
    let text = valid_instrument("A-3").replace(
        "  - state: UZB\n    body: Government of the Republic of Uzbekistan\n",
        "",
    );
    let text = text.replace("state: KAZ", "state: KZ");
    Test::with_base()
        .file(NEW, text)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:5:3: error: an instrument needs at least two parties, found 1
  |
5 |   - state: KZ
  |   ^
  = hint: list every signing party as `- state: <code>` with its `body:`
register/instruments/A-3.yaml:5:12: error: unknown state code `KZ`
  |
5 |   - state: KZ
  |            ^^
  = hint: did you mean `KAZ` (Kazakhstan)?
error: 3 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn language_codes() {
    let text = a3(
        "status: signed",
        "status: signed\nlanguages: [kk, uz, RU, xx]\ntitles:\n  ru: Соглашение\n  kz: Келісім",
    );
    Test::with_base()
        .file(NEW, text)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:12:21: error: unknown language code `RU`
   |
12 | languages: [kk, uz, RU, xx]
   |                     ^^
   = hint: did you mean `ru` (Russian)?
register/instruments/A-3.yaml:12:25: error: unknown language code `xx`
   |
12 | languages: [kk, uz, RU, xx]
   |                         ^^
   = hint: languages are written as ISO 639-1 codes, e.g. `kk`, `uz`, `ru`, `en`
register/instruments/A-3.yaml:15:3: error: unknown language code `kz`
   |
15 |   kz: Келісім
   |   ^^
   = hint: languages are written as ISO 639-1 codes, e.g. `kk`, `uz`, `ru`, `en`
error: 3 instruments, 3 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn upper_case_subjects() {
    Test::with_base()
        .file(
            NEW,
            a3(
                "status: signed",
                "status: signed\nsubjects:\n  - transport\n  - Border Checkpoints",
            ),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:14:5: error: subject `Border Checkpoints` is not lower-case
   |
14 |   - Border Checkpoints
   |     ^^^^^^^^^^^^^^^^^^
   = hint: write `border checkpoints`: subject terms are lower-case so that the index merges them
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

/// A3 with an `inferred` list of `items` (YAML lines) appended.
fn a3_inferred(items: &str) -> String {
    format!("{}inferred:\n{items}", valid_instrument("A-3"))
}

#[test]
fn inferred_names_a_value_the_entry_has() {
    // A-3 gives no place of signature: a bracket around nothing tells the
    // reader nothing, so the mark is refused, not printed.
    Test::with_base()
        .file(
            NEW,
            a3_inferred("  - field: signed.place\n    reason: The talks were held in Astana.\n"),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:15:12: error: `signed.place` is marked as inferred, but the entry has no `signed.place`
   |
15 |   - field: signed.place
   |            ^^^^^^^^^^^^
   = hint: add `place:` under `signed:` with the inferred place, or remove this item: a place not known is left out, not marked
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn inferred_field_unknown_lists_the_allowed() {
    Test::with_base()
        .file(
            NEW,
            a3_inferred(
                "  - field: signed.day\n    reason: The report gives no day.\n  \
                 - field: parties\n    reason: The report names them.\n",
            ),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:15:12: error: unknown inferred field `signed.day`
   |
15 |   - field: signed.day
   |            ^^^^^^^^^^
   = hint: did you mean `signed.date`? allowed: signed.date, signed.place, level
register/instruments/A-3.yaml:17:12: error: unknown inferred field `parties`
   |
17 |   - field: parties
   |            ^^^^^^^
   = hint: allowed: signed.date, signed.place, level
error: 3 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn inferred_twice_or_without_a_reason() {
    Test::with_base()
        .file(
            NEW,
            a3_inferred(
                "  - field: signed.date\n    reason: The talks were held that day.\n  \
                 - field: signed.date\n    reason: Again.\n  - field: level\n",
            ),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:17:12: error: `signed.date` is marked as inferred twice
   |
17 |   - field: signed.date
   |            ^^^^^^^^^^^
   = hint: line 15 marks it already; give one item per value, with one reason
register/instruments/A-3.yaml:19:5: error: missing required field `reason` in an inferred value
   |
19 |   - field: level
   |     ^
   = hint: add `reason:` saying what in the sources the value is inferred from
error: 3 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

fn with_files(files: &str) -> String {
    a3(
        "status: signed",
        &format!("status: signed\nfiles:\n{files}"),
    )
}

#[test]
fn attachment_paths_outside_register_files() {
    Test::with_base()
        .file("register/files/scan.pdf", "%PDF-1.7 scan")
        .file("outside.pdf", "secret")
        .file(
            NEW,
            with_files(
                "  - path: /etc/passwd\n  - path: files/../../outside.pdf\n  - path: instruments/A-1.yaml\n  - path: files/missing.pdf\n  - path: files/scan.pdf\n",
            ),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:13:11: error: attachment path `/etc/passwd` is absolute
   |
13 |   - path: /etc/passwd
   |           ^^^^^^^^^^^
   = hint: write the path relative to register/, e.g. `files/scan.pdf`
register/instruments/A-3.yaml:14:11: error: attachment path `files/../../outside.pdf` contains `..`
   |
14 |   - path: files/../../outside.pdf
   |           ^^^^^^^^^^^^^^^^^^^^^^^
   = hint: attachments live under register/files/; write the path from there, e.g. `files/scan.pdf`
register/instruments/A-3.yaml:15:11: error: attachment `instruments/A-1.yaml` is not under register/files/
   |
15 |   - path: instruments/A-1.yaml
   |           ^^^^^^^^^^^^^^^^^^^^
   = hint: move the file into register/files/ and write `files/<name>`
register/instruments/A-3.yaml:16:11: error: attachment `register/files/missing.pdf` does not exist
   |
16 |   - path: files/missing.pdf
   |           ^^^^^^^^^^^^^^^^^
   = hint: add the file, or correct the path
error: 3 instruments, 4 problems
",
        )
        .status(1)
        .run();
}

#[cfg(unix)]
#[test]
fn attachment_symlink_escaping_register_files() {
    Test::with_base()
        .file("secret.txt", "secret")
        .symlink("../../secret.txt", "register/files/link.pdf")
        .file(NEW, with_files("  - path: files/link.pdf\n"))
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:13:11: error: attachment `register/files/link.pdf` leads outside register/files/ through a symbolic link
   |
13 |   - path: files/link.pdf
   |           ^^^^^^^^^^^^^^
   = hint: replace the link with the file itself
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn attachment_digests() {
    // sha256("%PDF-1.7 scan")
    let good = treaty_register::support::digest::sha256_bytes(b"%PDF-1.7 scan");
    let bad = "0".repeat(64);
    Test::with_base()
        .file("register/files/scan.pdf", "%PDF-1.7 scan")
        .file("register/files/other.pdf", "%PDF-1.7 other")
        .file(
            NEW,
            with_files(&format!(
                "  - path: files/scan.pdf\n    sha256: {good}\n  - path: files/other.pdf\n    sha256: {bad}\n"
            )),
        )
        .args(["check"])
        .stderr(&format!(
            "\
register/instruments/A-3.yaml:16:13: error: attachment `register/files/other.pdf` does not match its sha256
   |
16 |     sha256: {bad}
   |             {carets}
   = hint: the entry says {bad}, the file has {other}
   = hint: if the file was replaced on purpose, update `sha256`; otherwise restore the file
error: 3 instruments, 1 problem
",
            carets = "^".repeat(64),
            other = treaty_register::support::digest::sha256_bytes(b"%PDF-1.7 other"),
        ))
        .status(1)
        .run();
}

#[test]
fn malformed_digest() {
    Test::with_base()
        .file("register/files/scan.pdf", "%PDF-1.7 scan")
        .file(
            NEW,
            with_files("  - path: files/scan.pdf\n    sha256: xyz\n"),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:14:13: error: `sha256` must be 64 hexadecimal digits
   |
14 |     sha256: xyz
   |             ^^^
   = hint: compute it with `sha256sum register/<path>`, or leave it out
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn oversized_file_is_refused_unread() {
    let big = format!("{}# {}\n", valid_instrument("A-3"), "x".repeat(1024 * 1024));
    Test::with_base()
        .file(NEW, big)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml: error: file is 1048843 bytes, over the limit of 1048576 bytes (1 MiB)
  = hint: an entry is a few kilobytes of YAML; keep scans and long texts under register/files/
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn overlong_text_is_refused() {
    let long = "x".repeat(70_000);
    Test::with_base()
        .file(NEW, a3("title: Agreement on testing", &format!("title: {long}")))
        .args(["check"])
        .stderr(
            &"\
register/instruments/A-3.yaml:2:8: error: `title` is 70000 characters long, over the limit of 65536
  |
2 | title: {x113}…
  |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = hint: keep long texts in an attachment under register/files/
error: 3 instruments, 1 problem
"
            .replace("{x113}", &"x".repeat(113)),
        )
        .status(1)
        .run();
}

#[test]
fn too_many_instruments_are_refused_before_reading() {
    Test::with_base()
        .file(NEW, "not even YAML: [")
        .args(["check", "--max-instruments", "2"])
        .stderr(
            "\
register/instruments: error: 3 instrument files, over the limit of 2
  = hint: raise the limit with --max-instruments if the register is really this large
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn alias_bomb_fails_fast() {
    let mut text = String::from("id: A-3\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    Test::with_base()
        .file(NEW, text)
        .args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml:6:45: error: file expands to more than 100000 values
  |
6 | a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
  |                                             ^^^
  = hint: register files need no anchors or aliases (`&`, `*`): write values out
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn file_names_the_manifest_cannot_carry() {
    Test::with_base()
        .file("register/instruments/A%3.yaml", valid_instrument("A-3"))
        .file("register/instruments/A-4.yml", valid_instrument("A-4"))
        .file("register/instruments/notes.txt", "to do")
        .file("register/instruments/.gitkeep", "")
        .args(["check"])
        .stderr(
            "\
register/instruments/A%3.yaml: error: file name contains a percent sign (`%`), which the manifest cannot carry
  = hint: rename the file to `<ID>.yaml`, where the id uses A-Z, 0-9 and `-`
register/instruments/A-4.yml: error: instrument files must end in `.yaml`
  = hint: rename the file to `A-4.yaml`
register/instruments/notes.txt: error: not an instrument file
  = hint: only `<ID>.yaml` files belong in register/instruments/; move this one elsewhere
error: 2 instruments, 3 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn every_file_is_reported_in_one_run() {
    Test::with_base()
        .file("register/register.yaml", "title: Test register\nas_of: 2024-08\nid_prefix: A\n")
        .file("register/instruments/A-1.yaml", valid_instrument("A-1").replace("KAZ", "XYZ"))
        .file("register/instruments/A-2.yaml", valid_instrument("A-2").replace("status: signed", "status: ratified"))
        .file(NEW, "")
        .args(["check"])
        .stderr(
            "\
register/instruments/A-1.yaml:5:12: error: unknown state code `XYZ`
  |
5 |   - state: XYZ
  |            ^^^
  = hint: states are written as ISO 3166-1 alpha-3 codes, e.g. `KAZ`, `UZB`
register/instruments/A-2.yaml:11:9: error: unknown status `ratified`
   |
11 | status: ratified
   |         ^^^^^^^^
   = hint: allowed: signed, adopted, in-force, provisionally-applied, expired, terminated, superseded
register/instruments/A-3.yaml: error: file is empty
  = hint: an instrument needs at least `id`, `title`, `type`, `parties`, `signed`, `status` and `sources`; `treaty-register add` writes one for you
register/register.yaml:2:8: error: `as_of` must be a full date, not `2024-08`
  |
2 | as_of: 2024-08
  |        ^^^^^^^
  = hint: the status date is also the PDF's creation date: write YYYY-MM-DD
error: 3 instruments, 4 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn missing_register_is_a_usage_error() {
    Test::new()
        .args(["check", "--root", "elsewhere"])
        .stdout("")
        .stderr(
            "\
error: no register found in `elsewhere` (register/register.yaml does not exist)
  hint: run the command from the project folder (the one that holds `register/`), or pass `--root DIR`
",
        )
        .status(2)
        .run();
}

#[test]
fn bad_usage_exits_2() {
    let (out, _dir) = Test::new().args(["check", "--bogus"]).status(2).run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: unexpected argument '--bogus' found"),
        "{stderr}"
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let broken = valid_instrument("A-3").replace("KAZ", "XYZ");
    let (out, _dir) = Test::with_base()
        .file(NEW, &broken)
        .args(["check", "--color", "always"])
        .status(1)
        .run();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("\u{1b}["),
        "no ANSI codes with --color always"
    );
    // NO_COLOR is set by the harness: auto means none (stderr is a pipe anyway).
    let (out, _dir) = Test::with_base()
        .file(NEW, &broken)
        .args(["check"])
        .status(1)
        .run();
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
    let (out, _dir) = Test::with_base()
        .file(NEW, &broken)
        .args(["check", "--color", "never"])
        .env("CLICOLOR_FORCE", "1")
        .status(1)
        .run();
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}

/// What `build` could not typeset is refused by `check`, at the character,
/// the character and its code point, and the scripts the fonts cover
/// (typst would fail in a generated file, far from the YAML).
#[test]
fn characters_the_fonts_cannot_print_are_named() {
    let entry = "\
id: A-3
title: Agreement on cooperation — समझौता
titles:
  th: \"ข้อตกลง\"
type: agreement
parties:
  - state: KAZ
    body: \"Ministry 🇰🇿\"
  - state: UZB
signed:
  date: 2024-08-08
status: signed
sources:
  - title: A report
";
    let hint = "  = hint: the fonts (Libertinus Serif, Noto) print Latin, Greek, Cyrillic, Kazakh Cyrillic, \
                Hebrew, Arabic, Georgian, Armenian and Chinese letters: write the value in those scripts, \
                or transliterate it\n";
    let expected = format!(
        "register/instruments/A-3.yaml:2:35: error: `title` holds `स` (U+0938), which the register's fonts cannot print\n  |\n\
         2 | title: Agreement on cooperation — समझौता\n  |                                   ^\n{hint}\
         register/instruments/A-3.yaml:4:8: error: `titles` holds `ข` (U+0E02), which the register's fonts cannot print\n  |\n\
         4 |   th: \"ข้อตกลง\"\n  |        ^\n{hint}\
         register/instruments/A-3.yaml:8:21: error: `body` holds `🇰` (U+1F1F0), which the register's fonts cannot print\n  |\n\
         8 |     body: \"Ministry 🇰🇿\"\n  |                     ^\n{hint}\
         error: 3 instruments, 3 problems\n"
    );
    Test::with_base()
        .file("register/instruments/A-3.yaml", entry)
        .args(["check"])
        .stderr(&expected)
        .status(1)
        .run();
    // build refuses the same, before typst runs.
    let (out, _dir) = Test::with_base()
        .file("register/instruments/A-3.yaml", entry)
        .args(["build"])
        .status(1)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`title` holds `स` (U+0938)"), "{stderr}");
    assert!(!stderr.contains("typst"), "{stderr}");
}

#[test]
fn an_unclosed_quote_is_called_one() {
    Test::with_base()
        .file("register/instruments/A-3.yaml", "id: A-3\ntitle: \"Agreement on\ntype: agreement\n")
        .args(["check"])
        .stderr(
            "register/instruments/A-3.yaml:2:8: error: invalid YAML: a quoted value is not closed \
             (invalid indentation in quoted scalar)\n  |\n2 | title: \"Agreement on\n  |        ^\n  \
             = hint: add the closing quote (`\"` or `'`) at the end of the value that starts here\n\
             error: 3 instruments, 1 problem\n",
        )
        .status(1)
        .run();
}

/// Invisible characters are warnings, pointed at by their own column and
/// spelled out; `check` still passes, and its summary counts them (#23,
/// items 11d and 11e).
#[test]
fn invisible_characters_are_warnings_at_their_own_column() {
    Test::with_base()
        .file(
            NEW,
            a3(
                "title: Agreement on testing",
                "title: >-\n  Agreement on\n  test\u{200B}ing",
            ),
        )
        .args(["check"])
        .stdout("3 instruments, 0 problems, 1 warning\n")
        .stderr(
            "\
register/instruments/A-3.yaml:4:7: warning: `title` holds <U+200B> (zero width space), which prints as nothing
  |
4 |   test<U+200B>ing
  |       ^^^^^^^^
  = hint: delete it unless it is meant: it usually comes with pasted text, and breaks searching and copying
",
        )
        .run();
}

/// A bidirectional control is an error, named and never echoed raw, so
/// that the terminal showing the diagnostic is not reordered either.
#[test]
fn bidi_controls_are_errors_and_never_echoed() {
    let (out, _) = Test::with_base()
        .file(
            NEW,
            a3(
                "title: Agreement on testing",
                "title: Agreement on \u{202E}gnitset\u{202C} roads",
            ),
        )
        .file(
            "register/instruments/A-2.yaml",
            common::valid_instrument("A-2").replace(
                "    body: Government of the Republic of Uzbekistan",
                "    body: \"Government \\u2067of\\u2069 Uzbekistan\"",
            ),
        )
        .args(["check"])
        .stderr(
            "\
register/instruments/A-2.yaml:8:11: error: `body` holds <U+2067> (right-to-left isolate), a bidirectional control that reorders how the text around it is shown
  |
8 |     body: \"Government \\u2067of\\u2069 Uzbekistan\"
  |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = hint: delete it: the PDF and the web edition set right-to-left scripts by themselves, and a control makes what is shown differ from what is searched and copied
register/instruments/A-3.yaml:2:21: error: `title` holds <U+202E> (right-to-left override), a bidirectional control that reorders how the text around it is shown
  |
2 | title: Agreement on <U+202E>gnitset<U+202C> roads
  |                     ^^^^^^^^
  = hint: delete it: the PDF and the web edition set right-to-left scripts by themselves, and a control makes what is shown differ from what is searched and copied
error: 3 instruments, 2 problems
",
        )
        .status(1)
        .run();
    assert!(out.stdout.is_empty());
}

/// A word longer than a column holds is a warning (#23, item 11b).
#[test]
fn words_over_64_characters_are_warnings() {
    let word = "x".repeat(65);
    Test::with_base()
        .file(
            NEW,
            a3(
                "title: Agreement on testing",
                &format!("title: Agreement on {word}"),
            ),
        )
        .args(["check"])
        .stdout("3 instruments, 0 problems, 1 warning\n")
        .stderr(&format!(
            "\
register/instruments/A-3.yaml:2:21: warning: `title` has a word of 65 characters, over 64: the PDF breaks it wherever the column ends
  |
2 | title: Agreement on {word}
  |                     {}
  = hint: look for a missing space or a pasted link; a long link belongs in `sources`
",
            "^".repeat(65)
        ))
        .run();
}

const SIGNERS_HINT: &str = "  = hint: each line is `PRINCIPALS [OPTIONS] KEYTYPE BASE64 [COMMENT]`, \
    e.g. `treaty@mfa.kz namespaces=\"treaty-register\" ssh-ed25519 AAAA…`; see ALLOWED SIGNERS in ssh-keygen(1)\n";

/// `register/allowed_signers` is read by `check`, as `publish` and
/// `verify` will read it: every bad line is named now, at its word, not
/// when an edition is signed or verified (#23, item 11c).
#[test]
fn allowed_signers_lines_are_checked() {
    Test::with_base()
        .file(
            "register/allowed_signers",
            "# who may sign editions\n\
             treaty@mfa.kz valid-after=\"2024\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG\n\
             bob bogus-option ssh-ed25519 AAAA\n",
        )
        .args(["check"])
        .stderr(&format!(
            "\
register/allowed_signers:2:15: error: `2024` is not a time (YYYYMMDD[HHMM[SS]][Z])
  |
2 | treaty@mfa.kz valid-after=\"2024\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG
  |               ^^^^^^^^^^^^^^^^^^
{SIGNERS_HINT}\
register/allowed_signers:3:5: error: unknown option `bogus-option`
  |
3 | bob bogus-option ssh-ed25519 AAAA
  |     ^^^^^^^^^^^^
{SIGNERS_HINT}\
error: 2 instruments, 2 problems
"
        ))
        .status(1)
        .run();
}

/// An oversized file is refused unread, by `build` too.
#[test]
fn allowed_signers_has_a_size_limit() {
    Test::with_base()
        .file("register/allowed_signers", "#".repeat(70_000))
        .args(["build"])
        .stderr(&format!(
            "register/allowed_signers: error: the file cannot be read (over the limit of 65536 bytes)\n  \
             = hint: it is a small text file of at most 65536 bytes, one line per key: {}\
             error: 2 instruments, 1 problem\n",
            SIGNERS_HINT.trim_start_matches("  = hint: ")
        ))
        .status(1)
        .run();
}

/// U+000B and U+0085 count as whitespace in Rust but are control
/// characters YAML forbids: a value holding one is refused, not passed on
/// to readers that reject the file (found by an adversary's pass).
#[test]
fn vertical_tab_and_next_line_are_refused() {
    for (escape, code) in [("\\v", "U+000B"), ("\\N", "U+0085")] {
        let (out, _) = Test::with_base()
            .file(
                NEW,
                a3(
                    "title: Agreement on testing",
                    &format!("title: \"Agreement on{escape}testing\""),
                ),
            )
            .args(["check"])
            .status(1)
            .run();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("({code})")), "{err}");
    }
}

#[test]
fn outputs_in_register_yaml_are_checked_with_their_line_and_a_fix() {
    Test::with_base()
        .file(
            "register/register.yaml",
            format!(
                "{}outputs:\n  web: yes\n  languages: [ru]\n  wbe: true\n",
                common::BASE_REGISTER
            ),
        )
        .args(["check"])
        .stderr(
            "register/register.yaml:5:8: error: `web` is `true` or `false`
  |
5 |   web: yes
  |        ^^^
  = hint: write `web: true` or `web: false`, unquoted
register/register.yaml:6:14: error: language editions are not an `outputs` field: they are `translations`
  |
6 |   languages: [ru]
  |              ^
  = hint: move the list to the top level of register.yaml as `translations: [ru, kk]`
register/register.yaml:7:3: error: unknown field `wbe` in `outputs`
  |
7 |   wbe: true
  |   ^^^
  = hint: did you mean `web`?
error: 2 instruments, 3 problems
",
        )
        .status(1)
        .run();
    Test::with_base()
        .file(
            "register/register.yaml",
            format!("{}outputs:\n  web: true\n", common::BASE_REGISTER),
        )
        .args(["check"])
        .stderr("")
        .run();
}
