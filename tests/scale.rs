//! Volumes and no-op rebuilds through the real binary and real typst. The
//! figures at 10,000 and 100,000 entries are benchmarks (benches/,
//! docs/performance.md), not tests.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Test, pdf_text, tool};

#[test]
fn a_large_register_is_published_in_volumes() {
    let test = Test::with_shipped();
    let root = test.path();
    let (code, stdout, stderr) = tool(root, &["build", "--volume-size", "5"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(
            "wrote out/register.pdf and 4 volumes: 16 instruments, 58 files in the manifest"
        ),
        "{stdout}"
    );
    let sums = fs::read_to_string(root.join("out/manifest.sha256")).unwrap();
    for file in [
        "register.pdf",
        "register-vol-01.pdf",
        "register-vol-02.pdf",
        "register-vol-03.pdf",
        "register-vol-04.pdf",
    ] {
        assert!(
            sums.contains(&format!("  out/{file}\n")),
            "{file} not in the manifest"
        );
    }
    let check = Command::new("sha256sum")
        .args(["-c", "--quiet", "out/manifest.sha256"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(check.success());
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root.join("out/manifest.json")).unwrap()).unwrap();
    assert_eq!(json["volume_size"], 5);
    assert_eq!(json["volumes"].as_array().unwrap().len(), 4);

    // Volume 2 holds entries 6 to 10, with their summary and digests.
    let vol2 = pdf_text(&root.join("out/register-vol-02.pdf"));
    // Not "of 4": a volume does not change when a later one is added.
    assert!(vol2.contains("Volume 2"));
    assert!(vol2.contains("Entries KZ-UZ-2024-006 to KZ-UZ-2024-010 (5 instruments)"));
    for n in 6..=10 {
        assert!(
            vol2.contains(&format!("No. {n} · KZ-UZ-2024-0{n:02}")),
            "entry {n} missing from volume 2"
        );
    }
    assert!(!vol2.contains("No. 11 ·"));
    // Its summary: the heading, the legend on inferred values (the
    // shipped entries' dates are inferred), the column heads, then a line
    // per entry. The heads are not above the heading, as a page header.
    assert!(
        vol2.contains("Summary of instruments A date, place or level in square brackets"),
        "{vol2}"
    );
    assert!(
        vol2.contains(
            "on its line “Inferred”. No. Title Type Parties Signed Status \
             6 KZ-UZ-2024-006 Protocol on amendments"
        ),
        "{vol2}"
    );
    assert_eq!(
        vol2.matches("No. Title Type Parties Signed Status").count(),
        1
    );
    // One column for the number and id; the date worded as in the entries,
    // in brackets: inferred.
    assert!(
        vol2.contains("March 20, 2006 protocol KAZ, UZB [8 August 2024] signed 7 KZ-UZ-2024-007"),
        "{vol2}"
    );
    assert!(vol2.contains("Annex: Checksums of this volume"));
    // The general volume lists the volumes and refers to entries by volume.
    let general = pdf_text(&root.join("out/register.pdf"));
    assert!(general.contains("Volumes"));
    // Its cover names it.
    assert!(
        general.contains("8 August 2024 General volume Status as of 8 August 2024"),
        "{general}"
    );
    assert!(
        general.contains(
            "Vol. 2: Nos. 6–10 (KZ-UZ-2024-006 to KZ-UZ-2024-010) register-vol-02.pdf \
             Vol. 3: Nos. 11–15 (KZ-UZ-2024-011 to KZ-UZ-2024-015) register-vol-03.pdf \
             Vol. 4: No. 16 (KZ-UZ-2024-016) register-vol-04.pdf"
        ),
        "{general}"
    );
    // The indexes, apart, refer to entries by volume.
    let indexes = pdf_text(&root.join("out/register-indexes.pdf"));
    // One line group per volume: "vol. 2: No. 6; No. 7" (volumes of 5).
    assert!(indexes.contains("vol. 2: No. 6; No. 7 "), "{indexes}");
    assert!(
        !general.contains("Entry file"),
        "entries belong in the volumes"
    );
    assert!(general.contains("Register digest:"));
    // The published PDFs are proven by a rebuild.
    let (code, stdout, _) = tool(root, &["verify", "--rebuild"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with("58 files verified, 0 problems\n"),
        "{stdout}"
    );
}

/// A volume's summary that runs over a page: its column heads under the
/// heading on the first page, at the head of each page after it.
#[test]
fn a_volume_summary_repeats_its_heads_on_the_pages_it_runs_on_to() {
    let test = Test::with_shipped();
    let root = test.path();
    let (code, _, stderr) = tool(root, &["build", "--volume-size", "15"]);
    assert_eq!(code, 0, "{stderr}");
    let vol1 = root.join("out/register-vol-01.pdf");
    let page = |n: &str| {
        let out = Command::new("pdftotext")
            .args(["-raw", "-f", n, "-l", n])
            .arg(&vol1)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (first, second) = (page("4"), page("5"));
    assert!(
        first.starts_with(
            "Register of International Instruments KZ-UZ/2024/1 Summary of instruments"
        ),
        "{first}"
    );
    assert!(
        first.contains("“Inferred”. No. Title Type Parties Signed Status 1 KZ-UZ-2024-001"),
        "{first}"
    );
    assert!(
        second.starts_with(
            "Register of International Instruments KZ-UZ/2024/1 \
             No. Title Type Parties Signed Status 1"
        ),
        "{second}"
    );
}

#[test]
fn relations_across_volumes_name_the_volume() {
    let test = Test::fixture("injection");
    let (code, _, stderr) = tool(test.path(), &["build", "--volume-size", "1"]);
    assert_eq!(code, 0, "{stderr}");
    let vol2 = pdf_text(&test.path().join("out/register-vol-02.pdf"));
    assert!(vol2.contains("(INJ-1, vol. 1) of 8 August 2024."), "{vol2}");
}

#[test]
fn a_register_that_shrinks_below_a_volume_loses_its_volume_files() {
    let test = Test::with_shipped();
    let root = test.path();
    assert_eq!(tool(root, &["build", "--volume-size", "8", "--quiet"]).0, 0);
    assert!(root.join("out/register-vol-02.pdf").exists());
    assert_eq!(tool(root, &["build", "--quiet"]).0, 0);
    let left: Vec<String> = fs::read_dir(root.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("register-vol"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(tool(root, &["verify"]).0, 0);
}

/// How many compiles the typst of [`counting_typst`] in `dir` has run.
fn compiles(dir: &Path) -> usize {
    fs::read_to_string(dir.join("compiles.log"))
        .unwrap_or_default()
        .lines()
        .count()
}

/// A typst that records each compile it runs and hands it to the real one.
#[cfg(unix)]
fn counting_typst(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("counting-typst");
    fs::write(
        &path,
        format!(
            "#!/bin/sh\n[ \"$1\" = compile ] && echo compile >> \"{}\"\nexec \"{}\" \"$@\"\n",
            dir.join("compiles.log").display(),
            common::real_typst().display()
        ),
    )
    .unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_volume_that_fails_stops_the_build_without_typesetting_the_rest() {
    let test = Test::with_shipped();
    let root = test.path();
    assert_eq!(tool(root, &["build", "--quiet"]).0, 0);
    let before = common::snapshot(&root.join("out"));
    let volume = root.join("templates/volume.typ.j2");
    let text = fs::read_to_string(&volume).unwrap() + "\n#panic(\"broken volume\")\n";
    fs::write(&volume, text).unwrap();
    let tools = tempfile::tempdir().unwrap();
    let typst = counting_typst(tools.path());
    let (code, _, stderr) = tool(
        root,
        &[
            "build",
            "--volume-size",
            "1",
            "--jobs",
            "2",
            "--typst",
            typst.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error: panicked with: broken volume"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: failed to compile volume "),
        "{stderr}"
    );
    // 16 volumes, the general volume and the two indexes (typeset first):
    // after the first failure, only what the other worker had in hand runs
    // to its end.
    let compiles = compiles(tools.path());
    assert!(
        compiles <= 6,
        "{compiles} documents typeset after a failure"
    );
    assert_eq!(common::snapshot(&root.join("out")), before, "out/ changed");
}

#[cfg(unix)]
#[test]
fn a_build_with_nothing_changed_does_not_run_typst() {
    let tools = tempfile::tempdir().unwrap();
    let typst = counting_typst(tools.path());
    let typst = typst.to_str().unwrap();
    let runs = || compiles(tools.path());
    let test = Test::with_shipped();
    let root = test.path();
    let build = |extra: &[&str]| tool(root, &[&["build", "--typst", typst][..], extra].concat());
    assert_eq!(build(&["--quiet"]).0, 0);
    assert_eq!(runs(), 1);
    assert_eq!(
        build(&[]),
        (0, "out/register.pdf is up to date: nothing changed since the last build (--force rebuilds)\n".into(), String::new())
    );
    assert_eq!(runs(), 1, "typst ran for a no-op build");
    // Any change to an input, an output or a setting builds again.
    let entry = root.join("register/instruments/KZ-UZ-2024-016.yaml");
    fs::write(
        &entry,
        fs::read_to_string(&entry).unwrap() + "# a comment\n",
    )
    .unwrap();
    assert_eq!(build(&["--quiet"]).0, 0);
    assert_eq!(runs(), 2);
    assert_eq!(build(&["--quiet", "--pdf-standard", "a-2b"]).0, 0);
    assert_eq!(runs(), 3);
    fs::remove_file(fs::canonicalize(root.join("out/register.pdf")).unwrap()).unwrap();
    assert_eq!(build(&["--quiet", "--pdf-standard", "a-2b"]).0, 0);
    assert_eq!(runs(), 4);
    assert_eq!(
        build(&["--quiet", "--pdf-standard", "a-2b", "--force"]).0,
        0
    );
    assert_eq!(runs(), 5);
    assert_eq!(tool(root, &["verify"]).0, 0);
}

#[test]
fn progress_shows_on_a_terminal_only() {
    let test = Test::with_shipped();
    let script = test.path().join("nothing.json");
    fs::write(&script, "[]").unwrap();
    let out = Command::new("python3")
        .arg(common::repo().join("tests/support/pty_drive.py"))
        .arg(&script)
        .arg("--")
        .arg(common::BIN)
        .args(["build", "--volume-size", "8"])
        .current_dir(test.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("checking the register (0 s)"), "{screen:?}");
    assert!(
        screen.contains("typesetting 2 volumes, the indexes and the general volume"),
        "{screen:?}"
    );
    assert!(screen.contains("of 5 documents done"), "{screen:?}");
    assert!(
        screen.contains("wrote out/register.pdf and 2 volumes"),
        "{screen:?}"
    );
    // Not on a pipe.
    let (code, stdout, stderr) = tool(test.path(), &["build", "--force", "--volume-size", "8"]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "");
    assert!(!stdout.contains("typesetting"));
}
