//! The lifecycle of instruments through the real binary: statuses derived
//! as of any date for the instrument and each party, the register as it
//! stood on a date, and the treaty-law consistency rules.
//!
//! `tests/fixtures/lifecycle` is a made-up register: a multilateral
//! convention (six parties, signatures, ratifications, a reservation and
//! an objection, accessions, a denunciation, UN registration), a bilateral
//! agreement in force by notifications and then denounced, one applied
//! provisionally, one without acts, and a later joint statement.

mod common;

use common::{Test, pdf_text, repo, stdout, tool};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let (out, _dir) = Test::fixture("lifecycle").args(args.iter().copied()).run();
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

/// `(id, status)` of every instrument listed as of `date`.
fn statuses(date: &str) -> Vec<(String, String)> {
    json(&["list", "--format", "json", "--as-of", date])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn the_fixture_passes_check() {
    Test::fixture("lifecycle")
        .args(["check"])
        .stdout("5 instruments, 0 problems\n")
        .stderr("")
        .run();
}

#[test]
fn instrument_status_as_of_dates() {
    assert_eq!(statuses("2020-12-31"), pairs(&[("TR-1", "signed")]));
    // TR-2's entry into force is known to the month: 2021-07 counts as
    // 31 July, so on 30 June it had not happened.
    assert_eq!(
        statuses("2021-06-30"),
        pairs(&[("TR-1", "in-force"), ("TR-2", "signed")])
    );
    assert_eq!(
        statuses("2023-07-09"),
        pairs(&[
            ("TR-1", "in-force"),
            ("TR-2", "in-force"),
            ("TR-3", "provisionally-applied"),
            ("TR-4", "in-force"),
        ])
    );
    // A party's denunciation of a bilateral agreement terminates it once
    // it takes effect (VCLT arts. 54, 56); a stated `adopted` stands.
    assert_eq!(
        statuses("2024-12-31"),
        pairs(&[
            ("TR-1", "in-force"),
            ("TR-2", "terminated"),
            ("TR-3", "provisionally-applied"),
            ("TR-4", "in-force"),
            ("TR-5", "adopted"),
        ])
    );
    // Without --as-of: the register's own as_of.
    let all = json(&["list", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 5);
    assert_eq!(all[1]["status"], "terminated");
}

/// Each party's status on a date, in file order.
fn party_statuses(id: &str, date: &str) -> Vec<Value> {
    let entry = json(&["show", id, "--format", "json", "--as-of", date]);
    entry["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].clone())
        .collect()
}

#[test]
fn party_status_as_of_dates() {
    let s = |v: &str| Value::String(v.into());
    let none = Value::Null;
    // KAZ, UZB, KGZ, TJK, TKM, AZE
    assert_eq!(
        party_statuses("TR-1", "2021-05-31"),
        [
            s("consented"),
            s("consented"),
            s("consented"),
            s("signed"),
            none.clone(),
            none.clone()
        ]
    );
    // The general entry into force reaches every party that had consented.
    assert_eq!(
        party_statuses("TR-1", "2022-03-03"),
        [
            s("in-force"),
            s("in-force"),
            s("in-force"),
            s("signed"),
            s("in-force"),
            none.clone()
        ]
    );
    // KGZ's denunciation is dated 2023-03-01 and takes effect 2024-03-01.
    assert_eq!(party_statuses("TR-1", "2024-02-29")[2], s("in-force"));
    assert_eq!(party_statuses("TR-1", "2024-03-01")[2], s("denounced"));
    // AZE acceded after the general entry into force and records no entry
    // into force of its own: consented.
    assert_eq!(party_statuses("TR-1", "2024-12-31")[5], s("consented"));
    // Provisional application counts from `effective`.
    assert_eq!(
        party_statuses("TR-3", "2022-09-15"),
        [s("provisionally-applied"), s("signed")]
    );
}

#[test]
fn show_json_as_of_hides_later_acts_and_registration() {
    let then = json(&["show", "TR-1", "--format", "json", "--as-of", "2021-06-01"]);
    assert_eq!(then["status"], "in-force");
    assert_eq!(then["as_of"], "2021-06-01");
    assert_eq!(then["actions"].as_array().unwrap().len(), 8);
    assert!(then.get("registration").is_none(), "registered 2021-09-01");
    let now = json(&["show", "TR-1", "--format", "json"]);
    assert_eq!(now["actions"].as_array().unwrap().len(), 14);
    assert_eq!(now["registration"]["number"], "I-99999");
    assert_eq!(now["actions"][5]["label"], "R1");
    assert_eq!(now["parties"][0]["state"], "KAZ");
    assert_eq!(now["parties"][0]["body"], Value::Null);
    // An entry without acts has an empty list, and its status as stated,
    // except before the stated entry into force.
    let tr4 = json(&["show", "TR-4", "--format", "json", "--as-of", "2023-03-01"]);
    assert_eq!(tr4["actions"], Value::Array(vec![]));
    assert_eq!(tr4["status"], "signed");
}

#[test]
fn as_of_is_refused_after_the_register_date_and_for_later_entries() {
    Test::fixture("lifecycle")
        .args(["list", "--as-of", "2025-01-01"])
        .stderr(
            "error: --as-of 2025-01-01 is after the register's status date 2024-12-31\n  \
             hint: the register records nothing later than its `as_of` (register/register.yaml); \
             give an earlier date, or leave out --as-of\n",
        )
        .status(2)
        .run();
    Test::fixture("lifecycle")
        .args(["show", "TR-5", "--as-of", "2024-01-01"])
        .stderr("error: `TR-5` was not yet signed on 2024-01-01\n  hint: give a later --as-of, or leave it out\n")
        .status(2)
        .run();
    let (code, _, stderr) = tool(&common::repo(), &["list", "--as-of", "2024-08"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("expected a full date, YYYY-MM-DD"),
        "{stderr}"
    );
}

/// Every consistency rule at once, each with its line, column and fix
/// (tests/fixtures/lifecycle-rules/expected-stderr.txt).
#[test]
fn treaty_law_rules_name_the_line_and_the_fix() {
    let expected = std::fs::read_to_string(
        common::repo().join("tests/fixtures/lifecycle-rules/expected-stderr.txt"),
    )
    .unwrap();
    Test::fixture("lifecycle-rules")
        .args(["check"])
        .stderr(&expected)
        .status(1)
        .run();
}

#[test]
fn a_stated_status_must_agree_with_the_acts() {
    let tr3 = std::fs::read_to_string(
        common::repo().join("tests/fixtures/lifecycle/register/instruments/TR-3.yaml"),
    )
    .unwrap();
    Test::fixture("lifecycle")
        .file(
            "register/instruments/TR-3.yaml",
            tr3.replace("status: provisionally-applied", "status: in-force"),
        )
        .args(["check"])
        .stderr(
            "register/instruments/TR-3.yaml:9:9: error: the entry states `status: in-force`, but \
             its actions make it `provisionally-applied` as of 31 December 2024\n  |\n\
             9 | status: in-force\n  |         ^^^^^^^^\n  = hint: write `status: \
             provisionally-applied`, or leave `status` out: it is derived from the actions\n\
             error: 5 instruments, 1 problem\n",
        )
        .status(1)
        .run();
}

#[test]
fn unknown_action_keywords_and_fields_are_caught() {
    Test::fixture("lifecycle")
        .file(
            "register/instruments/TR-4.yaml",
            "id: TR-4\ntitle: T\ntype: agreement\nparties: [{state: KAZ}, {state: UZB}]\n\
             signed: {date: 2023-01-15}\nsources: [{title: S}]\nactions:\n\
             \x20 - {party: KAZ, action: ratifcation, date: 2023-02-01}\n\
             \x20 - {party: UZB, action: signature, date: 2023-01-15, efective: 2023-01-16}\n",
        )
        .args(["check"])
        .stderr(
            "register/instruments/TR-4.yaml:8:26: error: unknown action `ratifcation`\n  |\n\
             8 |   - {party: KAZ, action: ratifcation, date: 2023-02-01}\n  |                          \
             ^^^^^^^^^^^\n  = hint: did you mean `ratification`? allowed: signature, \
             definitive-signature, ratification, acceptance, approval, accession, succession, \
             notification, provisional-application, entry-into-force, reservation, declaration, \
             objection, withdrawal-of-reservation, denunciation, withdrawal, suspension, \
             termination\nregister/instruments/TR-4.yaml:9:55: error: unknown field `efective` in \
             an action\n  |\n9 |   - {party: UZB, action: signature, date: 2023-01-15, \
             efective: 2023-01-16}\n  |                                                       \
             ^^^^^^^^\n  = hint: did you mean `effective`?\nerror: 5 instruments, 2 problems\n",
        )
        .status(1)
        .run();
}

/// The example: one party twice, a signature after the register's
/// date and an entry into force before it. `add` writes nothing.
#[test]
fn add_refuses_what_treaty_law_forbids() {
    let (out, dir) = Test::with_shipped()
        .args([
            "add",
            "--title",
            "T",
            "--type",
            "agreement",
            "--party",
            "KAZ",
            "--party",
            "KAZ",
            "--signed",
            "2026-01-01",
            "--status",
            "in-force",
            "--in-force",
            "2024-01-01",
            "--source",
            "S",
            "--no-input",
        ])
        .status(1)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for message in [
        "`KAZ` is listed twice in `parties`",
        "the signature is dated 2026-01-01, after the register's status date 2024-08-08",
        "entry into force (2024-01-01) is before the signature (2026-01-01)",
        "the new entry has 3 problems; nothing was written",
    ] {
        assert!(stderr.contains(message), "{message}\n{stderr}");
    }
    assert!(
        !dir.path()
            .join("register/instruments/KZ-UZ-2024-017.yaml")
            .exists()
    );
}

#[test]
fn the_pdf_shows_participants_statements_registration_and_chronology() {
    let (_, dir) = Test::fixture("lifecycle").args(["build"]).stderr("").run();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    for expected in [
        // The participants table of the convention, and lines for two parties.
        "Participant Signature Consent to be bound In force for it Reserv. / decl. Status",
        "Kyrgyzstan (KGZ) Signing body not recorded 10 May 2020 Ratification, 2 May 2021 1 June 2021 — denounced (effective 1 March 2024)",
        "Turkmenistan (TKM) Signing body not recorded — Accession, 1 February 2022 3 March 2022 — in force",
        // Terminated by Uzbekistan's denunciation: no longer in force for Kazakhstan either.
        "Kazakhstan (KAZ) Government of the Republic of Kazakhstan 2 February 2021 Notification, 10 May 2021 July 2021 — terminated (effective 10 July 2023)",
        // Reservation, objection and declaration texts.
        "R1 — Reservation by Kazakhstan, 1 March 2021: “Article 12 shall not apply to transit by rail.”",
        "Objection by Uzbekistan, 20 November 2021, regarding R1:",
        "UN registration Registered with the Secretariat of the United Nations on 1 September 2021 under No. I-99999 (by Kazakhstan; UNTS vol. 9999, p. 1)",
        "Depositary Kazakhstan",
        // An adopted instrument is not "signed".
        "Adopted on 1 June 2024",
        // An act's reference (the ratification law), never printed before.
        "Act details Ratification by Kazakhstan, 1 March 2021: Law No. 1-VII",
        // Back matter.
        "Index by status",
        "In force, not registered with the United Nations",
        "Chronology",
        // One line per entry and day; the day printed once; an entry is
        // referred to by its number ("No. 1, p. 6", not with its id too);
        // acts of one kind on one day name their parties together, and
        // stand for the instrument's signature.
        "10 May 2020 No. 1, p. 6 — Signature: Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan 2 February 2021",
        "1 March 2023 No. 1, p. 6 — Denunciation: Kyrgyzstan (effective 1 March 2024)",
        "1 June 2024 No. 1, p. 6 — Accession: Azerbaijan; Declaration: Azerbaijan No. 5, p. 7 — Adopted",
        "1 September 2022 No. 3, p. 7 — Signature: Kazakhstan, Uzbekistan; \
         Provisional application: Kazakhstan; Provisional application: Uzbekistan (effective 1 October 2022)",
        "15 January 2023 No. 4, p. 7 — Signed 1 February 2023",
    ] {
        assert!(text.contains(expected), "PDF lacks {expected:?}\n{text}");
    }
    assert!(
        !text.contains("Signed on 1 June 2024"),
        "TR-5 was adopted, not signed"
    );
    for absent in [
        "(TR-1)",
        "Kazakhstan: signature",
        "No. 1, p. 6 — Signed",
        "None relations",
        "None notes",
    ] {
        assert!(!text.contains(absent), "PDF has {absent:?}\n{text}");
    }
    // In force without registration: TR-4 only (TR-1 is registered, TR-2 terminated).
    let at = text
        .find("In force, not registered with the United Nations Article 102")
        .unwrap();
    let section = &text[at..text[at..].find("Chronology").map_or(text.len(), |n| at + n)];
    assert!(
        section.contains("No. 4, p. 7") && !section.contains("No. 1,"),
        "{section}"
    );
}

/// Article 102 concerns treaties and agreements: a memorandum in force is
/// listed as unregistered only where its entry says it is registrable.
#[test]
fn only_registrable_instruments_are_listed_as_not_registered() {
    let fixture = repo().join("tests/fixtures/lifecycle/register/instruments/TR-4.yaml");
    let tr4 = std::fs::read_to_string(fixture).unwrap();
    assert!(tr4.contains("registrable: true\n"));
    let (_, dir) = Test::fixture("lifecycle")
        .file(
            "register/instruments/TR-4.yaml",
            tr4.replace("registrable: true\n", ""),
        )
        .args(["build"])
        .stderr("")
        .run();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    let at = text
        .find("In force, not registered with the United Nations Article 102")
        .unwrap();
    let section = &text[at..text[at..].find("Chronology").map_or(text.len(), |n| at + n)];
    assert!(!section.contains("TR-4"), "{section}");
    assert!(
        text.contains("no registration with the Secretariat of the United Nations recorded"),
        "an entry without registration says the register knows of none"
    );
}

#[test]
fn build_as_of_publishes_the_register_as_it_stood() {
    let (out, dir) = Test::fixture("lifecycle")
        .args(["build", "--as-of", "2021-06-30"])
        .stderr("")
        .run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("wrote out/register.pdf: 2 instruments, "),
        "{stdout}"
    );
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    assert!(text.contains("Status as of 30 June 2021"));
    assert!(text.contains("Agreement on Testing Notifications"));
    // TR-3 was signed in 2022: only its file's digest is in the annex (the
    // register digest covers every file of the register).
    assert!(!text.contains("Agreement on Testing Provisional Application"));
    assert!(!text.contains("I-99999"), "registered in September 2021");
    assert!(!text.contains("Accession"), "no accession by June 2021");
    // Every file read is in the manifest, so verify and a rebuild agree.
    let (code, _, err) = tool(dir.path(), &["verify", "--rebuild"]);
    assert_eq!(code, 0, "{err}");
    // The same date again is a no-op; the register's own date is not.
    let (_, again, _) = tool(dir.path(), &["build", "--as-of", "2021-06-30"]);
    assert!(again.contains("is up to date"), "{again}");
    let (_, now, _) = tool(dir.path(), &["build"]);
    assert!(
        now.starts_with("wrote out/register.pdf: 5 instruments, "),
        "{now}"
    );
}

/// The worked example in docs/format.md ("Status as of a date") is what the
/// tool says: each row's statuses, read from the doc, are checked.
#[test]
fn the_worked_example_in_the_format_doc_is_true() {
    let doc = std::fs::read_to_string(common::repo().join("docs/format.md")).unwrap();
    let start = doc
        .find("| as of | KAZ | UZB | the agreement | why |")
        .expect("the table");
    let rows: Vec<Vec<&str>> = doc[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("| 20"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 6);
    let test = Test::fixture("lifecycle");
    for row in rows {
        let (code, out, _) = tool(
            test.path(),
            &["show", "TR-2", "--format", "json", "--as-of", row[0]],
        );
        if row[3] == "(left out)" {
            assert_eq!(code, 2, "{row:?}");
            continue;
        }
        let entry: Value = serde_json::from_str(&out).unwrap();
        let word = |v: &Value| v.as_str().unwrap_or("none").replace('-', " ");
        assert_eq!(
            [
                word(&entry["parties"][0]["status"]),
                word(&entry["parties"][1]["status"]),
                word(&entry["status"])
            ],
            [row[1], row[2], row[3]],
            "{row:?}"
        );
    }
}

/// An entry that states no date of entry into force, but whose parties'
/// acts record it, prints that date — marked as taken from the acts — in
/// the PDF and in `show`, not "not recorded".
#[test]
fn entry_into_force_recorded_by_the_acts_is_printed_as_from_the_acts() {
    let entry = "\
id: TR-9
title: Agreement in force by acts
type: agreement
parties:
  - state: KAZ
  - state: UZB
signed:
  date: 2024-01-10
sources:
  - title: A report
actions:
  - {party: KAZ, action: signature, date: 2024-01-10}
  - {party: UZB, action: signature, date: 2024-01-10}
  - {party: KAZ, action: notification, date: 2024-03-01}
  - {party: UZB, action: notification, date: 2024-04-01}
  - {party: KAZ, action: entry-into-force, date: 2024-05-01}
  - {party: UZB, action: entry-into-force, date: 2024-05-01}
";
    let (out, _dir) = Test::fixture("lifecycle")
        .file("register/instruments/TR-9.yaml", entry)
        .args(["show", "TR-9"])
        .run();
    let show = stdout(&out);
    assert!(
        show.contains("\nIn force      1 May 2024 (from the acts)\n"),
        "{show}"
    );
    let (out, _dir) = Test::fixture("lifecycle")
        .file("register/instruments/TR-9.yaml", entry)
        .args(["show", "TR-9", "--format", "json"])
        .run();
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["in_force_from_acts"], "2024-05-01");
    let (_out, dir) = Test::fixture("lifecycle")
        .file("register/instruments/TR-9.yaml", entry)
        .args(["build"])
        .run();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    let entry = &text[text.find("No. 6 · TR-9").unwrap()..];
    let entry = &entry[..entry.find("Chronology").unwrap_or(entry.len())];
    assert!(
        entry.contains("Entry into force 1 May 2024 (from the acts of the parties)"),
        "{entry}"
    );
    assert!(
        entry.contains(
            "Not recorded level, signed at, signatories, term, subjects, authentic languages"
        ),
        "{entry}"
    );
    // An entry that states its date prints it alone.
    assert!(
        text.contains(
            "Entry into force 1 June 2021 (thirty days after the third instrument of ratification)"
        ),
        "{text}"
    );
}

/// A view as of a date before any instrument says so once, and prints no
/// foreword (which speaks of the register's instruments), no empty summary,
/// index or chronology.
#[test]
fn a_view_before_any_instrument_says_so_once() {
    let (out, dir) = Test::fixture("lifecycle")
        .file(
            "register/register.yaml",
            "title: Lifecycle test register\nas_of: 2024-12-31\nid_prefix: TR\n\
             foreword: This register records five instruments.\n",
        )
        .args(["build", "--as-of", "2000-01-01"])
        .stderr("")
        .run();
    assert!(stdout(&out).starts_with("wrote out/register.pdf: 0 instruments, "));
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    assert_eq!(
        text.matches("No instruments recorded as of 1 January 2000.")
            .count(),
        1,
        "{text}"
    );
    for absent in [
        "five instruments",
        "Foreword",
        "Summary of instruments",
        "Index by party",
        "Index by type",
        "Index by subject",
        "Index by status",
        "Chronology",
        "Abbreviations",
    ] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
    assert!(text.contains("Annex: Checksums"), "{text}");
}

/// In a view as of an earlier date an entry keeps its number in the
/// register: leaving out a later entry does not renumber the others.
#[test]
fn a_view_as_of_a_date_keeps_the_entries_numbers() {
    let later = "\
id: TR-0
title: A later agreement filed first
type: agreement
parties:
  - state: KAZ
  - state: UZB
signed:
  date: 2024-02-01
status: signed
sources:
  - title: A report
";
    let (_out, dir) = Test::fixture("lifecycle")
        .file("register/instruments/TR-0.yaml", later)
        .args(["build", "--as-of", "2023-12-31"])
        .stderr("")
        .run();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    assert!(
        !text.contains("A later agreement"),
        "signed after the view's date"
    );
    for n in 1..=4 {
        let heading = format!("No. {} · TR-{n}", n + 1);
        assert!(text.contains(&heading), "{heading:?} missing\n{text}");
    }
    assert!(!text.contains("No. 1 ·"), "{text}");
    assert!(text.contains("Index by type agreement No. 3, p."), "{text}");
}

/// Every word of `pdf` lies within the text area (A4, margins of 2.2 cm),
/// as `pdftotext -bbox-layout` places it; a word ending in punctuation
/// may hang into the margin by its mark (typst's overhang). Returns the
/// words outside.
fn words_outside_text_area(pdf: &std::path::Path) -> Vec<String> {
    let (left, right) = (62.36 - 0.5, 595.276 - 62.36 + 0.5);
    common::pdf_words(pdf)
        .into_iter()
        .filter(|w| {
            let slack = if w.text.ends_with([',', '.', ';', ':', ')']) {
                3.0
            } else {
                0.0
            };
            w.bbox[0] < left || w.bbox[2] > right + slack
        })
        .map(|w| w.text)
        .collect()
}

/// Pairs of words of `pdf` that print over each other: on one page and
/// line (their boxes share more than half their height; a box is taller
/// than the line's leading, so the lines above and below share a little)
/// and more than half a point across. Text run beyond its table cell into
/// the next, a label into its value, a date over a date.
fn overlapping_words(pdf: &std::path::Path) -> Vec<(String, String)> {
    let words = common::pdf_words(pdf);
    let mut overlaps = Vec::new();
    for (k, a) in words.iter().enumerate() {
        for b in words[k + 1..].iter().take_while(|b| b.page == a.page) {
            let (p, q) = (a.bbox, b.bbox);
            let x = p[2].min(q[2]) - p[0].max(q[0]);
            let y = p[3].min(q[3]) - p[1].max(q[1]);
            let height = (p[3] - p[1]).min(q[3] - q[1]);
            if x > 0.5 && y > height / 2.0 {
                overlaps.push((a.text.clone(), b.text.clone()));
            }
        }
    }
    overlaps
}

/// An entry with acts, or with more than two parties, shows its
/// participants as one table (party with its body and signatories,
/// signature, consent with its kind, entry into force for it, reservations
/// and declarations, status) instead of lines "Parties", "Signatories" and
/// "Participants" that repeat each other; the table fits the page in every
/// language, a project's own (Georgian) among them, no word prints over
/// another, and its dates do not break.
#[test]
fn participants_are_one_table_that_fits_the_page_in_every_language() {
    let (_, dir) = Test::fixture("lifecycle")
        .file(
            "register/register.yaml",
            "title: Lifecycle test register\nas_of: 2024-12-31\nid_prefix: TR\n\
             language: ru\ntranslations: [en, kk, uz, ka]\n",
        )
        .file(
            "locales/ka.ftl",
            std::fs::read_to_string("tests/fixtures/georgian/locales/ka.ftl").unwrap(),
        )
        .args(["build", "--keep-source"])
        .stderr("")
        .run();
    let out = dir.path().join("out");
    for pdf in [
        "register.pdf",
        "register.en.pdf",
        "register.kk.pdf",
        "register.uz.pdf",
        "register.ka.pdf",
    ] {
        let outside = words_outside_text_area(&out.join(pdf));
        assert!(
            outside.is_empty(),
            "{pdf}: beyond the text area: {outside:?}"
        );
        let overlapping = overlapping_words(&out.join(pdf));
        assert!(
            overlapping.is_empty(),
            "{pdf}: words printed over each other: {overlapping:?}"
        );
    }
    let en = pdf_text(&out.join("register.en.pdf"));
    // The bilateral agreement with acts: a table, its party's body in it.
    let tr2 = &en[en.find("No. 2 · TR-2").unwrap()..en.find("No. 3 · TR-3").unwrap()];
    assert!(
        tr2.contains(
            "Participant Signature Consent to be bound In force for it Reserv. / decl. Status \
             Kazakhstan (KAZ) Government of the Republic of Kazakhstan 2 February 2021 \
             Notification, 10 May 2021 July 2021 — terminated (effective 10 July 2023)"
        ),
        "{tr2}"
    );
    for absent in ["Participants", "Parties", "Signatories"] {
        assert!(!tr2.contains(absent), "{absent:?} in {tr2}");
    }
    // A party whose signing body is not recorded says so in its cell.
    let tr1 = &en[en.find("No. 1 · TR-1").unwrap()..en.find("No. 2 · TR-2").unwrap()];
    assert!(
        tr1.contains("Kyrgyzstan (KGZ) Signing body not recorded"),
        "{tr1}"
    );
    // The table stands under the status and entry into force, not after
    // the entry's last lines.
    assert!(
        tr2.contains("Status terminated Entry into force July 2021 Participant Signature"),
        "{tr2}"
    );
    // An entry without acts and with two parties keeps its "Parties" line,
    // the codes in the text face (not set apart in monospace).
    let tr4 = &en[en.find("No. 4 · TR-4").unwrap()..en.find("No. 5 · TR-5").unwrap()];
    assert!(
        tr4.contains("Parties Kazakhstan (KAZ): not recorded"),
        "{tr4}"
    );
    assert!(!tr4.contains("Participant"), "{tr4}");
    // No entry records its subjects: the index says so once.
    assert!(
        en.contains(
            "Index by subject No subjects are recorded for the instruments of this register."
        ),
        "{en}"
    );
    // Dates in the table are set with non-breaking spaces.
    let source = std::fs::read_to_string(out.join("register.typ")).unwrap();
    assert!(
        source.contains("\"Уведомление, 10\u{a0}мая\u{a0}2021\u{a0}г.\""),
        "no non-breaking date in the participants' source"
    );
}
