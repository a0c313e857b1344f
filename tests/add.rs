//! `add` and `init` through the real binary: flags, prompts in a
//! pseudo-terminal, parallel adds, and nothing written on bad input.

mod common;

use std::fs;
use std::process::{Command, Stdio};

use common::{Test, snapshot, tool};

const FLAGS: &[&str] = &[
    "add",
    "--title",
    "Agreement between the Government of the Republic of Kazakhstan and the Government of the Republic of Uzbekistan on cooperation in the field of geology",
    "--type",
    "agreement",
    "--level",
    "intergovernmental",
    "--party",
    "KAZ=Government of the Republic of Kazakhstan",
    "--party",
    "UZB=Government of the Republic of Uzbekistan",
    "--signed",
    "2024-06-05",
    "--place",
    "Tashkent",
    "--signatory",
    "Kassym-Jomart Tokayev;President of the Republic of Kazakhstan;KAZ",
    "--status",
    "in-force",
    "--in-force",
    "2024-08",
    "--term",
    "2025/2030",
    "--relation",
    "supplements=KZ-UZ-2024-004",
    "--relation",
    "amends=Agreement on geological exploration@2006-03-20",
    "--subject",
    "geology",
    "--language",
    "kk",
    "--language",
    "uz",
    "--language",
    "ru",
    "--title-in",
    "ru=Соглашение о сотрудничестве в области геологии",
    "--source",
    "Report of the signing;2024-06-05;Ministry of Foreign Affairs",
    "--notes",
    "Entered from the signed original.",
];

#[test]
fn flags_only_add_passes_check_and_reaches_the_pdf() {
    let test = Test::with_shipped();
    let (code, stdout, stderr) = tool(test.path(), FLAGS);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "wrote register/instruments/KZ-UZ-2024-017.yaml\nnext: `treaty-register build` publishes it in the PDF\n"
    );
    let text =
        fs::read_to_string(test.path().join("register/instruments/KZ-UZ-2024-017.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../../schema/instrument.schema.json\nid: KZ-UZ-2024-017\ntitle: "));
    // Fields in the format's order.
    let order: Vec<usize> = [
        "\ntitle:",
        "\ntitles:",
        "\ntype:",
        "\nlevel:",
        "\nparties:",
        "\nsigned:",
        "\nstatus:",
        "\nin_force:",
        "\nterm:",
        "\nrelations:",
        "\nsubjects:",
        "\nlanguages:",
        "\nsources:",
        "\nnotes:",
    ]
    .iter()
    .map(|k| text.find(k).unwrap_or_else(|| panic!("{k} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(
        tool(test.path(), &["check"]),
        (0, "17 instruments, 0 problems\n".into(), String::new())
    );
    let (code, _, stderr) = tool(test.path(), &["build", "--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = Command::new("pdftotext")
        .args(["-raw", "out/register.pdf", "-"])
        .current_dir(test.path())
        .output()
        .unwrap();
    let pdf = String::from_utf8_lossy(&pdf.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(pdf.contains("No. 17 · KZ-UZ-2024-017"));
    assert!(pdf.contains("on cooperation in the field of geology"));
    assert!(pdf.contains("Соглашение о сотрудничестве в области геологии"));
    assert!(pdf.contains("Amends the Agreement on geological exploration of 20 March 2006."));
}

#[test]
fn add_with_build_publishes_at_once() {
    let test = Test::with_shipped();
    let mut args = FLAGS.to_vec();
    args.extend(["--build", "--quiet"]);
    let (code, stdout, stderr) = tool(test.path(), &args);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let manifest = fs::read_to_string(test.path().join("out/manifest.sha256")).unwrap();
    assert!(manifest.contains("  register/instruments/KZ-UZ-2024-017.yaml\n"));
    assert_eq!(tool(test.path(), &["verify"]).0, 0);
    // Without --quiet: no "next: build" after a build that happened.
    let mut args = FLAGS.to_vec();
    args.extend(["--build", "--id", "KZ-UZ-2024-099"]);
    let (code, stdout, stderr) = tool(test.path(), &args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout
            .starts_with("wrote register/instruments/KZ-UZ-2024-099.yaml\nwrote out/register.pdf"),
        "{stdout}"
    );
}

#[test]
fn dry_run_prints_the_entry_and_writes_nothing() {
    let test = Test::with_shipped();
    let before = snapshot(&test.path().join("register"));
    let mut args = FLAGS.to_vec();
    args.push("--dry-run");
    let (code, stdout, _) = tool(test.path(), &args);
    assert_eq!(code, 0);
    assert!(stdout.starts_with(
        "# yaml-language-server: $schema=../../schema/instrument.schema.json\nid: KZ-UZ-2024-017\n"
    ));
    assert_eq!(snapshot(&test.path().join("register")), before);
}

#[test]
fn invalid_input_writes_nothing() {
    let test = Test::with_shipped();
    let before = snapshot(&test.path().join("register"));
    for (bad, expected) in [
        (
            ("--party", "XYZ=Someone"),
            "error: --party: unknown state code `XYZ`\n  hint: states are written",
        ),
        (
            ("--signed", "2024-02-30"),
            "error: --signed: `2024-02-30` is not a valid date: February 2024 has 29 days, not 30",
        ),
        (
            ("--relation", "amends=KZ-UZ-2024-099"),
            "error: --relation: relation target `KZ-UZ-2024-099` is not an instrument of this register",
        ),
        (("--type", "accord"), "error: --type: unknown type `accord`"),
    ] {
        let mut args: Vec<&str> = FLAGS.to_vec();
        match args.iter().position(|a| *a == bad.0) {
            Some(i) => args[i + 1] = bad.1,
            None => args.extend([bad.0, bad.1]),
        }
        let (code, stdout, stderr) = tool(test.path(), &args);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(stdout, "");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(
            stderr.ends_with("problem; nothing was written\n")
                || stderr.ends_with("problems; nothing was written\n"),
            "{stderr}"
        );
        assert_eq!(
            snapshot(&test.path().join("register")),
            before,
            "{bad:?} changed register/"
        );
    }
}

#[test]
fn missing_values_without_a_terminal_are_listed() {
    let test = Test::with_shipped();
    assert_eq!(
        tool(test.path(), &["add", "--title", "Something", "--party", "KAZ"]),
        (
            2,
            String::new(),
            "error: missing required values: --type, --party (at least two), --signed, --status, --source (at least one)\n  \
             hint: give them as flags (see `treaty-register add --help`), or run the command in a terminal to be asked for them\n"
                .into()
        )
    );
}

#[test]
fn an_existing_id_is_never_overwritten() {
    let test = Test::with_shipped();
    let before = snapshot(&test.path().join("register"));
    let mut args = FLAGS.to_vec();
    args.extend(["--id", "KZ-UZ-2024-004"]);
    let (code, _, stderr) = tool(test.path(), &args);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: an instrument with id `KZ-UZ-2024-004` exists already; nothing was written\n  \
         hint: leave out --id to take the next free number, or choose another id\n"
    );
    assert_eq!(snapshot(&test.path().join("register")), before);
}

#[test]
fn eight_parallel_adds_take_eight_ids() {
    let test = Test::with_shipped();
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(common::BIN)
                .args(FLAGS)
                .current_dir(test.path())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut written: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    written.sort();
    let expected: Vec<String> = (17..=24)
        .map(|n| format!("wrote register/instruments/KZ-UZ-2024-0{n}.yaml"))
        .collect();
    assert_eq!(written, expected);
    assert_eq!(
        tool(test.path(), &["check"]),
        (0, "24 instruments, 0 problems\n".into(), String::new())
    );
    let leftovers: Vec<_> = fs::read_dir(test.path().join("register/instruments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn prompts_in_a_terminal_re_ask_and_confirm() {
    let test = Test::with_shipped();
    let script = test.path().join("answers.json");
    let answers = serde_json::json!([
        [
            "Title (official English title as signed): ",
            "Memorandum on cooperation in tourism"
        ],
        ["Type [", "memo"],
        ["did you mean `memorandum`?", "memorandum"],
        ["Level (optional) [", "interagency"],
        [
            "Depositary (optional: a state code, e.g. KAZ, UZB, or an organisation): ",
            ""
        ],
        ["Party 1, state code", "KZ"],
        ["did you mean `KAZ` (Kazakhstan)?", "KAZ"],
        [
            "Party 1, signing body",
            "Ministry of Tourism and Sports of the Republic of Kazakhstan"
        ],
        ["Party 2, state code", "UZB"],
        ["Party 2, signing body", ""],
        ["Party 3, state code (empty when all are given)", ""],
        ["Signed on (YYYY-MM-DD, or YYYY-MM or YYYY): ", "2024-02-30"],
        ["February 2024 has 29 days, not 30", "2024-08-08"],
        ["Signed at (place, optional): ", "Astana"],
        ["Status [", "signed"],
        ["Source 1, title", "Report on the visit"],
        ["Source 1, date (optional): ", ""],
        [
            "Source 1, key for acts to cite it by (optional, lower-case): ",
            "visit"
        ],
        ["Source 2, title (empty when all are given)", ""],
        [
            "Write register/instruments/KZ-UZ-2024-017.yaml? [y/n]: ",
            "y"
        ],
    ]);
    fs::write(&script, answers.to_string()).unwrap();
    let out = Command::new("python3")
        .arg(common::repo().join("tests/support/pty_drive.py"))
        .arg(&script)
        .arg("--")
        .arg(common::BIN)
        .args(["add", "--subject", "tourism"])
        .current_dir(test.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{screen}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        screen.contains("  `2024-02-30` is not a valid date: February 2024 has 29 days, not 30\n"),
        "{screen}"
    );
    assert!(
        screen.contains("\nid: KZ-UZ-2024-017\n"),
        "the entry is shown before writing: {screen}"
    );
    assert!(
        screen.contains("wrote register/instruments/KZ-UZ-2024-017.yaml"),
        "{screen}"
    );
    let text =
        fs::read_to_string(test.path().join("register/instruments/KZ-UZ-2024-017.yaml")).unwrap();
    assert!(
        text.contains("title: Memorandum on cooperation in tourism\ntype: memorandum\n"),
        "{text}"
    );
    assert!(text.contains("- state: KAZ\n  body: Ministry of Tourism and Sports of the Republic of Kazakhstan\n- state: UZB\n"), "{text}");
    assert!(
        text.contains("signed:\n  date: 2024-08-08\n  place: Astana\n"),
        "{text}"
    );
    assert!(text.contains("subjects:\n- tourism\n"), "{text}");
    assert!(
        text.contains("sources:\n- key: visit\n  title: Report on the visit\n"),
        "{text}"
    );
    assert!(!text.contains("depositary"), "{text}");
    assert_eq!(
        tool(test.path(), &["check"]),
        (0, "17 instruments, 0 problems\n".into(), String::new())
    );
}

#[test]
fn init_then_build_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = tool(
        dir.path(),
        &[
            "init",
            "newreg",
            "--title",
            "Register of Bilateral Agreements",
            "--as-of",
            "2025-03-01",
            "--id-prefix",
            "BA-2025",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "created the register project newreg\nnext: cd newreg && treaty-register add\n"
    );
    let project = dir.path().join("newreg");
    assert_eq!(
        tool(&project, &["check"]),
        (0, "0 instruments, 0 problems\n".into(), String::new())
    );
    let mut args = FLAGS.to_vec();
    let at = args
        .iter()
        .position(|a| *a == "supplements=KZ-UZ-2024-004")
        .unwrap();
    args.drain(at - 1..=at);
    let (code, stdout, stderr) = tool(&project, &args);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("wrote register/instruments/BA-2025-001.yaml\n"));
    let (code, stdout, stderr) = tool(&project, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("wrote out/register.pdf: 1 instrument, "),
        "{stdout}"
    );
    assert_eq!(tool(&project, &["verify"]).0, 0);
    for path in [
        ".gitignore",
        "schema/instrument.schema.json",
        "schema/register.schema.json",
        "templates/register.typ.j2",
        "templates/fonts/LibertinusSerif-Regular.otf",
        "out/.gitkeep",
    ] {
        assert!(project.join(path).is_file(), "{path}");
    }
}

#[test]
fn init_refuses_a_non_empty_folder_and_missing_values() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("taken")).unwrap();
    fs::write(dir.path().join("taken/notes.txt"), "mine").unwrap();
    let (code, _, stderr) = tool(
        dir.path(),
        &[
            "init",
            "taken",
            "--title",
            "T",
            "--as-of",
            "2025-03-01",
            "--id-prefix",
            "T",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: taken exists and is not empty; the register project was not written\n  \
         hint: name a new folder for the register project\n"
    );
    assert_eq!(fs::read_dir(dir.path().join("taken")).unwrap().count(), 1);
    assert_eq!(
        tool(dir.path(), &["init", "fresh", "--title", "T"]),
        (
            2,
            String::new(),
            "error: missing required values: --as-of, --id-prefix\n  \
             hint: give them as flags (see `treaty-register init --help`), or run the command in a terminal to be asked for them\n"
                .into()
        )
    );
    assert!(!dir.path().join("fresh").exists());
}

#[test]
fn init_creates_the_project_under_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("registers");
    fs::create_dir(&root).unwrap();
    let (code, stdout, stderr) = tool(
        dir.path(),
        &[
            "init",
            "--root",
            "registers",
            "kz-uz-2025",
            "--title",
            "T",
            "--as-of",
            "2025-03-01",
            "--id-prefix",
            "KZ-UZ-2025",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "created the register project registers/kz-uz-2025\nnext: cd registers/kz-uz-2025 && treaty-register add\n"
    );
    assert!(root.join("kz-uz-2025/register/register.yaml").is_file());
    assert!(!dir.path().join("kz-uz-2025").exists());
}

#[test]
fn an_attachment_written_from_the_project_folder_is_corrected() {
    let test = Test::with_shipped();
    fs::create_dir_all(test.path().join("register/files")).unwrap();
    fs::write(test.path().join("register/files/x.pdf"), "scan").unwrap();
    let before = snapshot(&test.path().join("register"));
    let args = [FLAGS, &["--file", "register/files/x.pdf"]].concat();
    let (code, _, stderr) = tool(test.path(), &args);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: --file: attachment path `register/files/x.pdf` starts with `register/`\n  \
             hint: paths are relative to register/: write `files/x.pdf`\n"
        ),
        "{stderr}"
    );
    assert_eq!(snapshot(&test.path().join("register")), before);
}

/// `--source-key` names the `--source` at the same place, and an act
/// recorded later cites it; `--depositary` is written as given.
#[test]
fn source_keys_pair_with_sources_in_order_and_acts_cite_them() {
    let test = Test::with_shipped();
    // Signed, not in force: a signature recorded below agrees with it.
    let mut args: Vec<&str> = FLAGS
        .iter()
        .map(|f| if *f == "in-force" { "signed" } else { *f })
        .collect();
    let at = args.iter().position(|f| *f == "--in-force").unwrap();
    args.drain(at..at + 2);
    args.extend([
        "--source",
        "Second report",
        "--source-key",
        "mfa",
        "--depositary",
        "UZB",
    ]);
    let (code, _, stderr) = tool(test.path(), &args);
    assert_eq!(code, 0, "{stderr}");
    let text =
        fs::read_to_string(test.path().join("register/instruments/KZ-UZ-2024-017.yaml")).unwrap();
    assert!(
        text.contains(
            "sources:\n- key: mfa\n  title: Report of the signing\n  publisher: Ministry of \
             Foreign Affairs\n  date: 2024-06-05\n- title: Second report\n"
        ),
        "{text}"
    );
    assert!(text.ends_with("depositary: UZB\n"), "{text}");
    let (code, _, stderr) = tool(
        test.path(),
        &[
            "record",
            "KZ-UZ-2024-017",
            "signature",
            "--party",
            "UZB",
            "--date",
            "2024-06-05",
            "--source",
            "mfa",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_source_key_without_its_source_is_refused() {
    let test = Test::with_shipped();
    let before = snapshot(&test.path().join("register"));
    let mut args = FLAGS.to_vec();
    args.extend(["--source-key", "mfa", "--source-key", "extra"]);
    let (code, stdout, stderr) = tool(test.path(), &args);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "",
            "error: invalid --source-key `extra`: there is no --source for it\n  hint: each \
             --source-key names the --source at the same place: the first key the first source, \
             the second the second\n"
        )
    );
    let mut args = FLAGS.to_vec();
    args.extend(["--source-key", "MFA"]);
    let (code, _, stderr) = tool(test.path(), &args);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: --source-key: source key `MFA` is not a lower-case word\n"),
        "{stderr}"
    );
    assert_eq!(snapshot(&test.path().join("register")), before);
}
