//! The documents a department issues from the register, through the real
//! binary, real typst and poppler: a certified extract, the folder of a UN
//! registration, depositary notifications. Each PDF is audited alone with
//! `verify --pdf --rebuild` in another folder, its embedded files listed
//! with `pdfdetach`, and its words read with `pdftotext`.
//!
//! `tests/fixtures/documents` is the lifecycle register kept by its
//! depositary: a convention (ratifications, an accession, a reservation
//! and an objection, a denunciation), an agreement applied provisionally,
//! one in force without a text, a joint statement.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Test, pdf_text, sha256sum, tool};

/// `pdfdetach -list`'s names.
fn attached(pdf: &Path) -> String {
    let out = Command::new("pdfdetach")
        .arg("-list")
        .arg(pdf)
        .output()
        .expect("pdfdetach");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `verify --pdf --rebuild` on a copy of `pdf` in a folder of its own.
fn audits_alone(pdf: &Path) {
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("document.pdf");
    std::fs::copy(pdf, &copy).unwrap();
    let (code, out, err) = tool(
        elsewhere.path(),
        &["verify", "--pdf", "document.pdf", "--rebuild"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("REBUILT from the embedded sources: identical"),
        "{out}"
    );
    assert!(out.contains("OK register/register.yaml"), "{out}");
}

#[test]
fn an_extract_shows_the_entry_as_it_stood_and_audits_alone() {
    let (_, dir) = Test::fixture("documents")
        .args(["extract", "TR-1", "--as-of", "2022-01-01"])
        .run();
    let pdf = dir.path().join("out/extracts/TR-1-2022-01-01.pdf");
    let text = pdf_text(&pdf);
    for expected in [
        "Certified extract from the register",
        "Lifecycle test register",
        "Entry TR-1",
        "The entry as it stood on 1 January 2022.",
        "Convention on Testing Transit",
        "Register as of 31 December 2024",
        "none yet",
        "Certified as a true extract of the register.",
        "Ministry of Foreign Affairs of the Republic of Testland",
        "treaty-register verify --pdf EXTRACT.pdf --rebuild",
        "sha256sum register/instruments/TR-1.yaml",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    // As of 2022: Turkmenistan's accession (2022-02-01) had not happened,
    // Kyrgyzstan had not denounced; Azerbaijan had done nothing.
    assert!(!text.contains("1 February 2022"), "{text}");
    assert!(!text.contains("denounced"), "{text}");
    let entry = sha256sum(&dir.path().join("register/instruments/TR-1.yaml"));
    assert!(
        text.contains(&entry),
        "the entry's digest {entry} is not printed"
    );
    let files = attached(&pdf);
    for name in [
        "register/instruments/TR-1.yaml",
        "register/register.yaml",
        "templates/documents/extract.typ.j2",
        "sources.sha256",
        "build.json",
    ] {
        assert!(files.contains(name), "{name} not attached: {files}");
    }
    // Only the entry it shows: not the register's others.
    assert!(!files.contains("TR-2.yaml"), "{files}");
    audits_alone(&pdf);
    // Reproducible: issued again, byte for byte the same.
    let first = std::fs::read(&pdf).unwrap();
    let (code, _, err) = tool(dir.path(), &["extract", "1", "--as-of", "2022-01-01"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&pdf).unwrap(), first);
}

#[test]
fn an_extract_in_russian_names_the_published_edition() {
    let (_, dir) = Test::fixture("documents")
        .args(["extract", "TR-3", "--lang", "ru", "--out", "extract-ru.pdf"])
        .run();
    let text = pdf_text(&dir.path().join("extract-ru.pdf"));
    assert!(text.contains("Заверенная выписка из реестра"), "{text}");
    assert!(
        text.contains("Запись по состоянию на 31 декабря 2024 г."),
        "{text}"
    );
    audits_alone(&dir.path().join("extract-ru.pdf"));
}

#[test]
fn an_extract_of_an_unknown_or_unborn_entry_is_refused() {
    Test::fixture("documents")
        .args(["extract", "TR-11"])
        .status(1)
        .stderr(
            "error: no instrument with id `TR-11` in the register\n  hint: did you mean `TR-1`?\n",
        )
        .run();
    let (_, dir) = Test::fixture("documents")
        .args(["extract", "TR-5", "--as-of", "2024-01-01"])
        .status(2)
        .run();
    assert!(!dir.path().join("out").exists());
}

#[test]
fn register_values_stay_text_in_every_document() {
    let hostile = "Agreement #panic(\"injected\") $x$ <lbl> *bold* ] [ \\\" on Testing";
    let (_, dir) = Test::fixture("documents").args(["check"]).run();
    common::edit(&dir.path().join("register/instruments/TR-3.yaml"), |t| {
        t.replace(
            "title: Agreement on Testing Provisional Application",
            &format!("title: '{hostile}'"),
        )
    });
    let (code, _, err) = tool(dir.path(), &["extract", "TR-3"]);
    assert_eq!(code, 0, "{err}");
    let text = pdf_text(&dir.path().join("out/extracts/TR-3-2024-12-31.pdf"));
    assert!(
        text.contains("#panic(“injected”) $x$ <lbl> *bold*"),
        "{text}"
    );
    let (code, _, err) = tool(dir.path(), &["registration", "TR-3"]);
    assert_eq!(code, 0, "{err}");
    let text = pdf_text(
        &dir.path()
            .join("out/registration/TR-3/certifying-statement.pdf"),
    );
    assert!(
        text.contains("#panic(“injected”) $x$ <lbl> *bold*"),
        "{text}"
    );
}

#[test]
fn a_registration_folder_holds_the_statement_the_data_and_the_texts() {
    let (_, dir) = Test::fixture("documents")
        .args(["registration", "TR-1"])
        .run();
    let folder = dir.path().join("out/registration/TR-1");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "SHA256SUMS",
            "TR-1-en.txt",
            "TR-1-ru.txt",
            "certifying-statement.pdf",
            "registration.json"
        ]
    );
    let check = Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(&folder)
        .output()
        .unwrap();
    assert!(check.status.success(), "{check:?}");
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("registration.json")).unwrap()).unwrap();
    let party = |state: &str| {
        data["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["state"] == state)
            .unwrap()
            .clone()
    };
    assert_eq!(party("KAZ")["date"], "2021-06-01");
    assert_eq!(party("KAZ")["method"], "ratification");
    assert_eq!(party("TKM")["date"], "2022-03-03");
    assert_eq!(party("TKM")["method"], "accession");
    assert_eq!(party("KGZ")["left"], "2024-03-01");
    assert_eq!(party("TJK")["date"], serde_json::Value::Null);
    assert_eq!(data["concluded"]["place"], "Astana");
    assert_eq!(data["authentic_languages"], serde_json::json!(["en", "ru"]));
    assert_eq!(data["texts"][0]["name"], "TR-1-en.txt");
    assert_eq!(
        data["texts"][0]["sha256"],
        sha256sum(&dir.path().join("register/files/TR-1-en.txt"))
    );
    assert_eq!(
        data["certifying_statement"]["sha256"],
        sha256sum(&folder.join("certifying-statement.pdf"))
    );
    let text = pdf_text(&folder.join("certifying-statement.pdf"));
    for expected in [
        "CERTIFYING STATEMENT",
        "Article 102 of the Charter of the United Nations",
        "Date of conclusion 10 May 2020",
        "Place of conclusion Astana",
        "Kazakhstan 1 June 2021 ratification",
        "Turkmenistan 3 March 2022 accession",
        "Tajikistan not in force",
        "left with effect from 1 March 2024",
        "Article 12 shall not apply to transit by rail.",
        "The reservation is incompatible with the object and purpose of the Convention.",
        "true and complete copy",
        "Authentic languages English, Russian",
        "TR-1-en.txt (English)",
        "TR-1-ru.txt (Russian)",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    assert!(
        !text.contains("TR-1-map.txt"),
        "a map is not the text: {text}"
    );
    audits_alone(&folder.join("certifying-statement.pdf"));
}

#[test]
fn a_provisionally_applied_instrument_is_registered_as_such() {
    let (_, dir) = Test::fixture("documents")
        .args(["registration", "TR-3", "--lang", "ru"])
        .run();
    let text = pdf_text(
        &dir.path()
            .join("out/registration/TR-3/certifying-statement.pdf"),
    );
    assert!(text.contains("УДОСТОВЕРЯЮЩЕЕ ЗАЯВЛЕНИЕ"), "{text}");
    assert!(
        text.contains("Вступление в силу или временное применение"),
        "{text}"
    );
    assert!(
        text.contains("Узбекистан 1 октября 2022 г. временное применение"),
        "{text}"
    );
}

#[test]
fn registration_is_refused_with_the_rule() {
    let refused = |id: &str, start: &str, rule: &str| {
        let (out, dir) = Test::fixture("documents")
            .args(["registration", id])
            .status(1)
            .run();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(err.starts_with(start), "{err}");
        assert!(err.contains(rule), "{err}");
        assert!(!dir.path().join("out").exists(), "nothing is written");
    };
    refused(
        "TR-5",
        "error: `TR-5` is not in force nor provisionally applied on 2024-12-31",
        "art. 1(2)",
    );
    refused("TR-4", "error: `TR-4` has no text attached", "art. 5");
    // The statement certifies the text in every authentic language.
    let (_, dir) = Test::fixture("documents").args(["check"]).run();
    common::edit(&dir.path().join("register/instruments/TR-1.yaml"), |t| {
        t.replace("    languages: [ru]\n", "")
    });
    let (code, _, err) = tool(dir.path(), &["registration", "TR-1"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("error: `TR-1` was concluded in en, ru, and no text file attached says it holds the ru text"),
        "{err}"
    );
    assert!(err.contains("art. 5"), "{err}");
    common::edit(&dir.path().join("register/instruments/TR-3.yaml"), |t| {
        t.replacen("languages: [en]\n", "", 1)
    });
    let (code, _, err) = tool(dir.path(), &["registration", "TR-3"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("error: the authentic languages of `TR-3` are not recorded"),
        "{err}"
    );
    assert!(!dir.path().join("out").exists(), "nothing is written");
    let (_, dir) = Test::fixture("documents").args(["check"]).run();
    common::edit(&dir.path().join("register/instruments/TR-3.yaml"), |t| {
        format!("{t}registration:\n  number: I-12345\n  date: 2024-11-01\n")
    });
    let (code, _, err) = tool(dir.path(), &["registration", "TR-3"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("error: `TR-3` is already registered with the Secretariat of the United Nations (No. I-12345 of 2024-11-01)"),
        "{err}"
    );
}

#[test]
fn notifications_are_numbered_once_and_stored_on_the_act() {
    let (_, dir) = Test::fixture("documents")
        .args(["notification", "TR-1", "--act", "5", "--date", "2024-03-10"])
        .run();
    let entry = dir.path().join("register/instruments/TR-1.yaml");
    let before = std::fs::read_to_string(
        common::repo().join("tests/fixtures/documents/register/instruments/TR-1.yaml"),
    )
    .unwrap();
    let after = std::fs::read_to_string(&entry).unwrap();
    // Every other byte kept: the act gains two lines under `notification`.
    assert_eq!(
        after,
        before.replace(
            "    reference: Law No. 1-VII\n    source: gazette\n",
            "    reference: Law No. 1-VII\n    source: gazette\n    notification:\n      number: C.N.1.2024\n      date: 2024-03-10\n"
        )
    );
    let pdf = dir.path().join("out/notifications/C-N-1-2024.pdf");
    let text = pdf_text(&pdf);
    for expected in [
        "Reference: C.N.1.2024",
        "DEPOSITARY NOTIFICATION",
        "KAZAKHSTAN: RATIFICATION",
        "Kazakhstan, acting in its capacity as depositary, communicates the following.",
        "On 1 March 2021, Kazakhstan deposited its instrument of ratification of the Convention on Testing Transit.",
        // Dated after it: the past tense.
        "The instrument entered into force for Kazakhstan on 1 June 2021.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    audits_alone(&pdf);
    // A second notification of the same act is refused with its number.
    let (code, _, err) = tool(dir.path(), &["notification", "TR-1", "--act", "5"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("was notified already, as C.N.1.2024 of 2024-03-10"),
        "{err}"
    );
    assert!(err.contains("--reissue"), "{err}");
    // The objection, in Russian, takes the next number of the year.
    let (code, _, err) = tool(
        dir.path(),
        &[
            "notification",
            "TR-1",
            "--act",
            "9",
            "--date",
            "2024-04-01",
            "--lang",
            "ru",
        ],
    );
    assert_eq!(code, 0, "{err}");
    // Another language's copy keeps its own name.
    let text = pdf_text(&dir.path().join("out/notifications/C-N-2-2024-ru.pdf"));
    assert!(text.contains("УЗБЕКИСТАН: ВОЗРАЖЕНИЕ"), "{text}");
    assert!(text.contains("The reservation is incompatible"), "{text}");
    let (code, out, _) = tool(dir.path(), &["check"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn all_pending_acts_are_notified_in_the_order_they_happened() {
    let (_, dir) = Test::fixture("documents")
        .args(["notification", "TR-1", "--all-pending", "-q"])
        .run();
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out/notifications"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort_by_key(|n| n.split('-').nth(2).unwrap().parse::<u32>().unwrap());
    // Fourteen acts, numbered in 2024 (the register's date) from 1.
    assert_eq!(names.len(), 14, "{names:?}");
    assert_eq!(names[0], "C-N-1-2024.pdf");
    assert_eq!(names[13], "C-N-14-2024.pdf");
    let first = pdf_text(&dir.path().join("out/notifications/C-N-1-2024.pdf"));
    assert!(
        first.contains("On 10 May 2020, Kazakhstan signed"),
        "{first}"
    );
    let (code, out, err) = tool(dir.path(), &["notification", "TR-1", "--all-pending"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("no act of TR-1 dated by 2024-12-31 is waiting"),
        "{out}{err}"
    );
}

#[test]
fn only_the_depositary_notifies() {
    let (out, _) = Test::fixture("documents")
        .args(["notification", "TR-2", "--act", "1"])
        .status(1)
        .run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the depositary of `TR-2` is not recorded"),
        "{err}"
    );
    assert!(err.contains("art. 77"), "{err}");
}

#[test]
fn documents_never_replace_the_register_or_what_they_did_not_write() {
    let (_, dir) = Test::fixture("documents").args(["check"]).run();
    let root = dir.path();
    let refused = |args: &[&str], why: &str| {
        let (code, out, err) = tool(root, args);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(err.contains(why), "{args:?}: {err}");
        assert!(err.contains("nothing was written"), "{err}");
    };
    let why = "in the project's register/ folder";
    refused(&["registration", "TR-1", "--out", "register"], why);
    refused(&["extract", "TR-1", "--out", "register/register.yaml"], why);
    refused(
        &["registration", "TR-1", "--out", "."],
        "is the project folder or holds it",
    );
    std::fs::create_dir(root.join("mine")).unwrap();
    std::fs::write(root.join("mine/signed.pdf"), "a scan").unwrap();
    refused(
        &["registration", "TR-1", "--out", "mine"],
        "holds files this command did not write (signed.pdf)",
    );
    std::fs::write(root.join("notes.txt"), "notes").unwrap();
    refused(
        &["extract", "TR-1", "--out", "notes.txt"],
        "exists and is not a PDF",
    );
    refused(
        &["registration", "TR-1", "--out", "notes.txt"],
        "exists and is not a folder",
    );
    assert_eq!(
        std::fs::read_to_string(root.join("mine/signed.pdf")).unwrap(),
        "a scan"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("notes.txt")).unwrap(),
        "notes"
    );
    let (code, out, err) = tool(root, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    // Its own earlier folder is replaced, and an earlier extract.
    for _ in 0..2 {
        let (code, _, err) = tool(root, &["registration", "TR-1"]);
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = tool(root, &["extract", "TR-1"]);
        assert_eq!(code, 0, "{err}");
    }
}

#[test]
fn a_notification_is_checked_before_its_number_is_given_and_can_be_issued_again() {
    let (_, dir) = Test::fixture("documents").args(["check"]).run();
    let root = dir.path();
    let entry = root.join("register/instruments/TR-1.yaml");
    let before = std::fs::read_to_string(&entry).unwrap();
    // The PDF could not be written: refused before the number is stored.
    std::fs::create_dir(root.join("out")).unwrap();
    std::fs::write(root.join("out/notifications"), "a file").unwrap();
    let (code, _, err) = tool(root, &["notification", "TR-1", "--act", "5"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("out/notifications is not a folder"), "{err}");
    assert_eq!(std::fs::read_to_string(&entry).unwrap(), before);
    std::fs::remove_file(root.join("out/notifications")).unwrap();
    // A number stored whose PDF was lost (a crash between the two writes).
    let (code, _, err) = tool(
        root,
        &["notification", "TR-1", "--act", "5", "--date", "2024-03-10"],
    );
    assert_eq!(code, 0, "{err}");
    let pdf = root.join("out/notifications/C-N-1-2024.pdf");
    let first = std::fs::read(&pdf).unwrap();
    std::fs::remove_file(&pdf).unwrap();
    let (code, _, err) = tool(root, &["notification", "TR-1", "--act", "5", "--reissue"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        first,
        "issued again byte for byte"
    );
    // Never over another notification.
    let (code, _, err) = tool(
        root,
        &[
            "notification",
            "TR-1",
            "--act",
            "7",
            "--out",
            "out/notifications/C-N-1-2024.pdf",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("an issued document is never overwritten"),
        "{err}"
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), first);
    // An act not notified has nothing to issue again.
    let (code, _, err) = tool(root, &["notification", "TR-1", "--act", "7", "--reissue"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("act #7 of `TR-1` has not been notified"),
        "{err}"
    );
}

#[test]
fn a_notified_act_keeps_its_number() {
    let (_, dir) = Test::fixture("documents")
        .args(["notification", "TR-1", "--act", "5"])
        .run();
    let root = dir.path();
    let entry = root.join("register/instruments/TR-1.yaml");
    let notified = std::fs::read_to_string(&entry).unwrap();
    for args in [
        &["record", "TR-1", "--remove", "5"][..],
        &["correct", "TR-1", "--act", "5", "--party", "TJK"][..],
    ] {
        let (code, _, err) = tool(root, args);
        assert_ne!(code, 0, "{args:?}");
        assert!(
            err.contains(
                "act #5 was notified as C.N.1.2024 on 2024-12-31, and a notified act is not"
            ),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&entry).unwrap(), notified);
    }
    let (code, _, err) = tool(
        root,
        &["correct", "TR-1", "--act", "5", "--note", "Gazette No. 7"],
    );
    assert_eq!(code, 0, "{err}");
    // A number given twice by hand is caught, with the first holder.
    common::edit(&entry, |t| {
        t.replace(
            "  - {party: AZE, action: accession, date: 2024-06-01}",
            "  - {party: AZE, action: accession, date: 2024-06-01, notification: {number: C.N.1.2024, date: 2024-06-02}}",
        )
    });
    let (code, out, err) = tool(root, &["check"]);
    assert_eq!(code, 1, "{out}{err}");
    let all = format!("{out}{err}");
    assert!(
        all.contains("notification number `C.N.1.2024` is given twice"),
        "{all}"
    );
    assert!(all.contains("act #5 of `TR-1` has it already"), "{all}");
}

#[test]
fn an_extract_of_a_terminated_instrument_binds_no_party() {
    let (_, dir) = Test::fixture("documents")
        .args(["extract", "TR-2", "--as-of", "2023-08-01"])
        .run();
    let text = pdf_text(&dir.path().join("out/extracts/TR-2-2023-08-01.pdf"));
    // Uzbekistan's denunciation ended the bilateral agreement for both.
    assert!(text.contains("Status terminated"), "{text}");
    assert!(
        text.contains("terminated (effective 10 July 2023)"),
        "{text}"
    );
    assert!(!text.contains("in force Uzbekistan"), "{text}");
    // As of a day before its entry into force, that is not yet, not "not recorded".
    let (_, dir) = Test::fixture("documents")
        .args(["extract", "TR-2", "--as-of", "2021-06-15"])
        .run();
    let text = pdf_text(&dir.path().join("out/extracts/TR-2-2021-06-15.pdf"));
    let missing = text.split("Not recorded").nth(1).unwrap_or_default();
    assert!(!missing.contains("entry into force"), "{text}");
}
