//! `list`, `show`, `schema` and `completions` through the real binary.

mod common;

use common::{Test, stdout, valid_instrument};

fn shipped_ids() -> Vec<String> {
    (1..=16).map(|n| format!("KZ-UZ-2024-{n:03}")).collect()
}

#[test]
fn list_json_has_the_sixteen_ids_in_order() {
    let (out, _dir) = Test::with_shipped()
        .args(["list", "--format", "json"])
        .run();
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, shipped_ids());
    let first = &rows[0];
    assert_eq!(first["type"], "joint-statement");
    assert_eq!(first["signed"], "2024-08-08");
    assert_eq!(first["status"], "signed");
    assert_eq!(first["path"], "register/instruments/KZ-UZ-2024-001.yaml");
    assert_eq!(rows[15]["status"], "adopted");
}

#[test]
fn list_table() {
    Test::with_base()
        .args(["list"])
        .stdout(
            "\
ID   TYPE       SIGNED      STATUS  TITLE
A-1  agreement  2024-08-08  signed  Agreement on testing
A-2  agreement  2024-08-08  signed  Agreement on testing
",
        )
        .stderr("")
        .run();
}

#[test]
fn list_csv_quotes_what_needs_quoting() {
    Test::with_base()
        .file(
            "register/instruments/A-2.yaml",
            valid_instrument("A-2").replace(
                "title: Agreement on testing",
                "title: 'Agreement on \"testing\", first part'",
            ),
        )
        .args(["list", "--format", "csv"])
        .stdout(
            "id,type,signed,status,title,path,level,parties,signed.place,in_force.date,subjects,languages,depositary,notes,titles.ru,titles.kk,titles.uz\r\n\
             A-1,agreement,2024-08-08,signed,Agreement on testing,register/instruments/A-1.yaml,,KAZ=Government of the Republic of Kazakhstan;UZB=Government of the Republic of Uzbekistan,,,,,,,,,\r\n\
             A-2,agreement,2024-08-08,signed,\"Agreement on \"\"testing\"\", first part\",register/instruments/A-2.yaml,,KAZ=Government of the Republic of Kazakhstan;UZB=Government of the Republic of Uzbekistan,,,,,,,,,\r\n",
        )
        .run();
}

#[test]
fn list_with_a_broken_entry_lists_the_rest_and_fails() {
    Test::with_base()
        .file("register/instruments/A-3.yaml", "id: A-3\n")
        .args(["list", "--format", "csv"])
        .stdout(
            "id,type,signed,status,title,path,level,parties,signed.place,in_force.date,subjects,languages,depositary,notes,titles.ru,titles.kk,titles.uz\r\n\
             A-1,agreement,2024-08-08,signed,Agreement on testing,register/instruments/A-1.yaml,,KAZ=Government of the Republic of Kazakhstan;UZB=Government of the Republic of Uzbekistan,,,,,,,,,\r\n\
             A-2,agreement,2024-08-08,signed,Agreement on testing,register/instruments/A-2.yaml,,KAZ=Government of the Republic of Kazakhstan;UZB=Government of the Republic of Uzbekistan,,,,,,,,,\r\n",
        )
        .stderr("error: the register has 6 problems; entries with problems are not listed (run `treaty-register check`)\n")
        .status(1)
        .run();
}

#[test]
fn show_prints_every_field_and_not_recorded() {
    Test::with_shipped()
        .args(["show", "KZ-UZ-2024-006"])
        .stdout(include_str!("fixtures/show/KZ-UZ-2024-006.txt"))
        .stderr("")
        .run();
}

#[test]
fn show_json_is_the_entry() {
    let (out, _dir) = Test::with_shipped()
        .args(["show", "KZ-UZ-2024-005", "--format", "json"])
        .run();
    let entry: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(entry["id"], "KZ-UZ-2024-005");
    assert_eq!(entry["relations"][0]["kind"], "amends");
    assert_eq!(entry["relations"][0]["target"]["date"], "2006-09-04");
    assert_eq!(entry["parties"][1]["state"], "UZB");
    assert!(entry.get("in_force").is_none(), "absent values stay absent");
}

#[test]
fn show_unknown_id_suggests_a_near_one() {
    Test::with_shipped()
        .args(["show", "KZ-UZ-2024-06"])
        .stdout("")
        .stderr(
            "error: no instrument with id `KZ-UZ-2024-06` in the register\n  hint: did you mean `KZ-UZ-2024-006`?\n",
        )
        .status(2)
        .run();
}

#[test]
fn show_broken_entry_points_to_check() {
    Test::with_base()
        .file("register/instruments/A-3.yaml", "id: A-3\n")
        .args(["show", "A-3"])
        .stderr("error: the entry `A-3` has problems (run `treaty-register check`)\n")
        .status(1)
        .run();
}

#[test]
fn schema_is_json_schema_that_every_shipped_entry_names() {
    let (out, dir) = Test::with_shipped().args(["schema"]).run();
    let schema: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(
        stdout(&out),
        std::fs::read_to_string(common::repo().join("schema/instrument.schema.json")).unwrap()
    );
    for entry in std::fs::read_dir(dir.path().join("register/instruments")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(
            text.starts_with(
                "# yaml-language-server: $schema=../../schema/instrument.schema.json\n"
            ),
            "entry without the schema modeline"
        );
    }
}

#[test]
fn completions_for_bash_name_the_commands() {
    let (out, dir) = Test::new().args(["completions", "bash"]).run();
    let script = stdout(&out);
    assert!(script.contains("complete -F _treaty__register"), "{script}");
    // The script must be valid bash.
    let file = dir.path().join("completion.bash");
    std::fs::write(&file, &script).unwrap();
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .unwrap();
    assert!(syntax.success(), "bash -n rejects the completion script");
    for command in ["check", "list", "show", "schema", "completions"] {
        assert!(script.contains(command), "completion lacks {command}");
    }
}

#[test]
fn help_documents_exit_codes() {
    let (out, _dir) = Test::new().args(["--help"]).run();
    let help = stdout(&out);
    assert!(
        help.contains("Exit codes:\n  0  success\n  1  the register"),
        "{help}"
    );
}

#[test]
fn list_cuts_nothing_when_written_to_a_pipe() {
    let long = format!(
        "Agreement on {}",
        "cooperation in many fields and ".repeat(6)
    );
    let (out, _dir) = Test::with_base()
        .file(
            "register/instruments/A-2.yaml",
            valid_instrument("A-2")
                .replace("title: Agreement on testing", &format!("title: {long}")),
        )
        .args(["list"])
        .run();
    let text = stdout(&out);
    assert!(text.contains(long.trim_end()), "{text}");
    assert!(!text.contains('…'));
}

#[test]
fn show_takes_an_unambiguous_short_id() {
    for short in ["4", "004", "2024-004"] {
        let (out, _dir) = Test::with_shipped().args(["show", short]).run();
        assert!(stdout(&out).starts_with("KZ-UZ-2024-004\n"), "{short}");
    }
    Test::with_base()
        .file("register/instruments/B-1.yaml", valid_instrument("B-1"))
        .args(["show", "1"])
        .stderr("error: `1` could be any of A-1, B-1\n  hint: give the whole id\n")
        .status(2)
        .run();
}

#[test]
fn an_unknown_pdf_standard_is_a_usage_error_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, _dir) = Test::with_base()
        .env("TMPDIR", tmp.path().to_str().unwrap())
        .args(["build", "--pdf-standard", "a-3a,a-9z"])
        .status(2)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`a-9z` is not a PDF standard typst knows"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
}

/// Completion in a real bash, after the subcommand too (clap_complete's
/// script completed nothing there for a hyphenated name).
#[test]
fn bash_completes_after_the_subcommand() {
    let (out, dir) = Test::new().args(["completions", "bash"]).run();
    let file = dir.path().join("completion.bash");
    std::fs::write(&file, stdout(&out)).unwrap();
    let complete = |words: &[&str]| {
        let script = format!(
            "source {}\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_treaty__register treaty-register '{}' '{}'\necho \"${{COMPREPLY[*]}}\"\n",
            file.display(),
            words.join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(script)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    assert_eq!(complete(&["treaty-register", "pub"]), "publish");
    assert_eq!(complete(&["treaty-register", "list", "--fo"]), "--format");
    assert_eq!(
        complete(&["treaty-register", "list", "--format", "j"]),
        "json"
    );
    assert!(complete(&["treaty-register", "record", "TR-1", "--par"]).contains("--party"));
    assert!(complete(&["treaty-register", "build", "--"]).contains("--as-of"));
}

#[test]
fn project_flags_belong_to_the_commands_that_read_a_project() {
    // `schema` and `completions` read no project: --root would mean
    // nothing to them, so they neither list it nor take it.
    for command in [&["schema"][..], &["completions", "bash"]] {
        let help = [command, &["--help"]].concat();
        let (out, _dir) = Test::new().args(help).run();
        let text = stdout(&out);
        assert!(
            !text.contains("--root") && !text.contains("--max-instruments"),
            "{text}"
        );
        let (out, _dir) = Test::new()
            .args([command, &["--root", "x"]].concat())
            .status(2)
            .run();
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("unexpected argument '--root'"),
            "{out:?}"
        );
    }
    // `init` takes --root (the folder DIR is relative to), not the limit.
    let (out, _dir) = Test::new().args(["init", "--help"]).run();
    let text = stdout(&out);
    assert!(text.contains("--root <DIR>"), "{text}");
    assert!(!text.contains("--max-instruments"), "{text}");
    // The commands that read a register take both, after the subcommand.
    let (out, _dir) = Test::new().args(["check", "--help"]).run();
    let text = stdout(&out);
    assert!(
        text.contains("--root <DIR>") && text.contains("--max-instruments <N>"),
        "{text}"
    );
    // --root before the subcommand, as many tools take it, works too, but
    // not for a command that reads no project.
    let (_, dir) = Test::with_shipped().args(["check"]).run();
    let root = dir.path().to_str().unwrap();
    Test::new()
        .args(["--root", root, "list", "--format", "csv"])
        .run();
    let (out, _dir) = Test::new().args(["--root", root, "schema"]).status(2).run();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --root means nothing to `schema` or `completions`: they read no project\n  hint: leave --root out\n"
    );
}

#[test]
fn fish_completes_after_the_subcommand() {
    let (out, dir) = Test::new().args(["completions", "fish"]).run();
    let file = dir.path().join("treaty-register.fish");
    std::fs::write(&file, stdout(&out)).unwrap();
    // fish answers `complete -C LINE` as it would at the prompt: one
    // candidate per line, a tab before its description.
    let complete = |line: &str| {
        let out = std::process::Command::new("fish")
            .arg("--no-config")
            .arg("-c")
            .arg(format!("source {}; complete -C '{line}'", file.display()))
            .output()
            .expect("fish (installed by .ci/run)");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(complete("treaty-register pub"), ["publish"]);
    assert_eq!(complete("treaty-register list --fo"), ["--format"]);
    assert_eq!(
        complete("treaty-register list --format "),
        ["csv", "json", "table"]
    );
    assert!(complete("treaty-register build --").contains(&"--as-of".to_owned()));
    assert!(complete("treaty-register record TR-1 --par").contains(&"--party".to_owned()));
}

#[test]
fn zsh_loads_the_completion_function() {
    let (out, dir) = Test::new().args(["completions", "zsh"]).run();
    std::fs::write(dir.path().join("_treaty-register"), stdout(&out)).unwrap();
    // Loaded the way zsh loads completions: from $fpath by compinit.
    let script = format!(
        "fpath=({} $fpath); autoload -U compinit; compinit -u -D; \
         autoload -U _treaty-register; whence -w _treaty-register; \
         print -r -- ${{_comps[treaty-register]}}",
        dir.path().display()
    );
    let run = std::process::Command::new("zsh")
        .args(["-f", "-c", &script])
        .output()
        .expect("zsh (installed by .ci/run)");
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{run:?}");
    assert_eq!(
        text,
        "_treaty-register: function\n_treaty-register\n",
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
