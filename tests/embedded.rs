//! The PDF carries its sources: checked with independent tools (poppler's
//! `pdfdetach`, `qpdf`) and with `verify --pdf` in a folder that holds
//! nothing but the PDF; a swapped attachment is caught and named.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Test, tool};

fn run(program: &str, args: &[&str], dir: &Path) -> String {
    common::stdout(&common::succeeds(
        Command::new(program).args(args).current_dir(dir),
    ))
}

/// The names `pdfdetach -list` prints.
fn listed(pdf: &Path) -> Vec<String> {
    run(
        "pdfdetach",
        &["-list", pdf.to_str().unwrap()],
        Path::new("."),
    )
    .lines()
    .skip(1)
    .map(|l| l.split_once(": ").unwrap().1.to_owned())
    .collect()
}

#[test]
fn the_register_pdf_carries_its_sources_byte_for_byte() {
    let (_, dir) = Test::with_shipped().args(["build"]).stderr("").run();
    let root = dir.path();
    let pdf = root.join("out/register.pdf");
    let names = listed(&pdf);
    assert!(names.contains(&"register/register.yaml".to_owned()));
    assert!(
        names.contains(&"sources.sha256".to_owned()) && names.contains(&"build.json".to_owned())
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("register/instruments/"))
            .count(),
        16
    );
    assert!(names.contains(&"templates/register.typ.j2".to_owned()));
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with(".otf") || n.ends_with(".ttf")),
        "fonts are named by digest"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("./") || n.starts_with('/'))
    );
    // qpdf, another PDF library, sees the same.
    let qpdf = run(
        "qpdf",
        &["--list-attachments", pdf.to_str().unwrap()],
        Path::new("."),
    );
    assert_eq!(qpdf.lines().count(), names.len());
    // pdfdetach -saveall: every file equals the project's bytes.
    let out = tempfile::tempdir().unwrap();
    for name in &names {
        if let Some(parent) = Path::new(name).parent() {
            fs::create_dir_all(out.path().join(parent)).unwrap();
        }
    }
    run(
        "pdfdetach",
        &["-saveall", pdf.to_str().unwrap()],
        out.path(),
    );
    for name in names
        .iter()
        .filter(|n| *n != "sources.sha256" && *n != "build.json")
    {
        assert_eq!(
            fs::read(out.path().join(name)).unwrap(),
            fs::read(root.join(name)).unwrap(),
            "{name}"
        );
    }
    // The digest list is sha256sum's format: coreutils checks the files.
    let check = run(
        "sha256sum",
        &["-c", "--ignore-missing", "sources.sha256"],
        out.path(),
    );
    assert!(
        check.contains("register/instruments/KZ-UZ-2024-004.yaml: OK"),
        "{check}"
    );
}

#[test]
fn verify_pdf_works_on_the_pdf_alone_and_rebuilds_it() {
    let (_, dir) = Test::with_shipped().args(["build"]).run();
    let alone = tempfile::tempdir().unwrap();
    let pdf = alone.path().join("register.pdf");
    fs::copy(dir.path().join("out/register.pdf"), &pdf).unwrap();
    let (code, out, err) = tool(
        alone.path(),
        &["verify", "--pdf", "register.pdf", "--rebuild"],
    );
    assert_eq!(code, 0, "{out}{err}");
    for line in [
        "OK register/register.yaml\n",
        "OK register/instruments/KZ-UZ-2024-016.yaml\n",
        "OK templates/_entries.typ.j2\n",
        "REBUILT from the embedded sources: identical to this PDF (sha256 ",
    ] {
        assert!(out.contains(line), "{line:?} not in\n{out}");
    }
    assert!(
        out.ends_with(" embedded files verified, 0 problems\n"),
        "{out}"
    );
    assert!(!out.contains("CUSTOM TEMPLATE"), "{out}");
    let (code, json, _) = tool(
        alone.path(),
        &["verify", "--pdf", "register.pdf", "--format", "json"],
    );
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(
        report["register_digest"],
        report["computed_register_digest"]
    );
    // Nothing was written beside the PDF.
    assert_eq!(fs::read_dir(alone.path()).unwrap().count(), 1);
}

/// A PDF typeset from templates that print something else (entry No. 4
/// under a title it does not have) keeps the register's genuine digest and
/// rebuilds identically from what it carries: `verify --pdf` names the
/// templates that are not treaty-register's own, so the auditor knows the
/// digest alone does not vouch for the pages.
#[test]
fn verify_pdf_names_templates_that_are_not_the_shipped_ones() {
    let test = Test::with_shipped();
    let entries = test.path().join("templates/_entries.typ.j2");
    let forged = fs::read_to_string(&entries).unwrap() + "\n{# a local change #}\n";
    fs::write(&entries, forged).unwrap();
    let (_, dir) = test.args(["build"]).run();
    let (code, out, err) = tool(dir.path(), &["verify", "--pdf", "out/register.pdf"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("CUSTOM TEMPLATE templates/_entries.typ.j2 (changed): the register digest does not cover templates"),
        "{out}"
    );
    assert_eq!(out.matches("CUSTOM TEMPLATE").count(), 1, "{out}");
}

#[test]
fn a_swapped_attachment_is_caught_and_named() {
    let (_, dir) = Test::with_shipped().args(["build"]).run();
    let work = tempfile::tempdir().unwrap();
    let name = "register/instruments/KZ-UZ-2024-004.yaml";
    let forged = work.path().join("forged.yaml");
    let text = fs::read_to_string(dir.path().join(name)).unwrap();
    fs::write(&forged, text.replace("state border", "STATE BORDER")).unwrap();
    let source = dir.path().join("out/register.pdf");
    run(
        "qpdf",
        &[
            source.to_str().unwrap(),
            "swapped.pdf",
            &format!("--remove-attachment={name}"),
            "--add-attachment",
            forged.to_str().unwrap(),
            &format!("--key={name}"),
            &format!("--filename={name}"),
            "--mimetype=application/yaml",
            "--",
        ],
        work.path(),
    );
    let (code, out, err) = tool(work.path(), &["verify", "--pdf", "swapped.pdf"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("MODIFIED {name} (the PDF's digest list says ")),
        "{out}"
    );
    assert_eq!(err, "error: 45 embedded files verified, 1 problem\n");
    // A digest list forged to match is caught by the register digest the
    // PDF states (and prints), which it no longer gives.
    let list_dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(list_dir.path().join("register/instruments")).unwrap();
    run(
        "pdfdetach",
        &["-savefile", "sources.sha256", source.to_str().unwrap()],
        list_dir.path(),
    );
    let digests = fs::read_to_string(list_dir.path().join("sources.sha256")).unwrap();
    let real = treaty_register::support::digest::sha256_file(&dir.path().join(name)).unwrap();
    let fake = treaty_register::support::digest::sha256_file(&forged).unwrap();
    let forged_list = work.path().join("forged.sha256");
    fs::write(&forged_list, digests.replace(&real, &fake)).unwrap();
    // The attacker keeps the description, which states the register digest.
    let (_, json, _) = tool(
        work.path(),
        &[
            "verify",
            "--pdf",
            source.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let stated = report["register_digest"].as_str().unwrap().to_owned();
    let description = format!(
        "--description=SHA-256 of every source of this PDF (sha256sum format); register digest {stated}"
    );
    run(
        "qpdf",
        &[
            "swapped.pdf",
            "both.pdf",
            "--remove-attachment=sources.sha256",
            "--add-attachment",
            forged_list.to_str().unwrap(),
            "--key=sources.sha256",
            "--filename=sources.sha256",
            &description,
            "--",
        ],
        work.path(),
    );
    let (code, out, _) = tool(work.path(), &["verify", "--pdf", "both.pdf"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("OK {name}")), "{out}");
    assert!(
        out.contains("PROBLEM the digest list gives the register digest "),
        "{out}"
    );
    // A PDF that is not one.
    fs::write(work.path().join("not.pdf"), "hello").unwrap();
    let (code, _, err) = tool(work.path(), &["verify", "--pdf", "not.pdf"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: not.pdf: not a readable PDF"),
        "{err}"
    );
}

#[test]
fn each_volume_carries_its_own_entries_and_the_general_volume_none() {
    let (_, dir) = Test::with_shipped()
        .args(["build", "--volume-size", "5"])
        .stderr("")
        .run();
    let root = dir.path();
    let general = listed(&root.join("out/register.pdf"));
    assert!(
        !general
            .iter()
            .any(|n| n.starts_with("register/instruments/")),
        "{general:?}"
    );
    assert!(general.contains(&"register/register.yaml".to_owned()));
    let first = listed(&root.join("out/register-vol-01.pdf"));
    let entries: Vec<&String> = first
        .iter()
        .filter(|n| n.starts_with("register/instruments/"))
        .collect();
    assert_eq!(entries.len(), 5, "{first:?}");
    assert!(
        entries[0].ends_with("KZ-UZ-2024-001.yaml") && entries[4].ends_with("KZ-UZ-2024-005.yaml")
    );
    let (code, out, _) = tool(
        root,
        &["verify", "--pdf", "out/register-vol-02.pdf", "--rebuild"],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("PROBLEM REBUILD FAILED: this is the volume 2 of a register in volumes"),
        "{out}"
    );
    let (code, out, _) = tool(root, &["verify", "--pdf", "out/register-vol-02.pdf"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn hostile_text_is_embedded_verbatim() {
    let (_, dir) = Test::fixture("injection").args(["build"]).run();
    let root = dir.path();
    let (code, out, _) = tool(root, &["verify", "--pdf", "out/register.pdf", "--rebuild"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("REBUILT from the embedded sources"), "{out}");
}

/// `verify --pdf` with a time limit: a decompression bomb must be refused,
/// not inflated until the machine gives out.
fn verify_within(dir: &Path, pdf: &str, seconds: u32) -> (i32, String) {
    let out = Command::new("timeout")
        .arg(seconds.to_string())
        .args([common::BIN, "verify", "--pdf", pdf])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let code = out.status.code().expect("an exit code");
    assert_ne!(
        code, 124,
        "verify --pdf {pdf} did not finish in {seconds} s"
    );
    (code, String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_decompression_bomb_is_refused_at_its_cap() {
    let (_, dir) = Test::with_shipped().args(["build"]).run();
    let work = tempfile::tempdir().unwrap();
    let name = "register/instruments/KZ-UZ-2024-004.yaml";
    // 8 MiB of zeros: qpdf deflates them to a few kilobytes, eight times
    // the 1 MiB a register file may have (the attack in #23 was 4 GiB).
    let zeros = work.path().join("zeros.yaml");
    fs::write(&zeros, vec![0u8; 8 << 20]).unwrap();
    let source = dir.path().join("out/register.pdf");
    run(
        "qpdf",
        &[
            source.to_str().unwrap(),
            "bomb.pdf",
            &format!("--remove-attachment={name}"),
            "--add-attachment",
            zeros.to_str().unwrap(),
            &format!("--key={name}"),
            &format!("--filename={name}"),
            "--",
        ],
        work.path(),
    );
    assert!(fs::metadata(work.path().join("bomb.pdf")).unwrap().len() < 1 << 20);
    // As qpdf writes it, the file declares its size: refused unread.
    let (code, out) = verify_within(work.path(), "bomb.pdf", 60);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "UNREADABLE {name} (declares 8388608 bytes, over the 1048576-byte limit for an embedded source, as for a register file; not decompressed)\n"
        )),
        "{out}"
    );
    // A bomb that lies about its size (qpdf's QDF form is plain text, so
    // the size is edited in place and the file compressed again) is
    // stopped while inflating.
    run("qpdf", &["--qdf", "bomb.pdf", "plain.pdf"], work.path());
    let plain = fs::read(work.path().join("plain.pdf")).unwrap();
    let at = plain
        .windows(13)
        .position(|w| w == b"/Size 8388608")
        .expect("qpdf states the size");
    let mut lying = plain.clone();
    lying[at..at + 13].copy_from_slice(b"/Size 1247   ");
    fs::write(work.path().join("lying-plain.pdf"), lying).unwrap();
    run("qpdf", &["lying-plain.pdf", "lying.pdf"], work.path());
    assert!(fs::metadata(work.path().join("lying.pdf")).unwrap().len() < 1 << 20);
    let (code, out) = verify_within(work.path(), "lying.pdf", 60);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "UNREADABLE {name} (inflates to more than 1048576 bytes, over the 1048576-byte limit for an embedded source, as for a register file; decompression stopped there)\n"
        )),
        "{out}"
    );
    assert!(out.contains("OK register/register.yaml\n"), "{out}");
}
