//! Atomicity under kill: runs are stopped at every step of their writes —
//! exactly, through the fault points, and at random moments with SIGKILL —
//! and after each stop the published unit must be whole (the old one or
//! the new one, PDF and manifests agreeing, `verify` passing), no entry
//! half-written, and the next run must clean up what the dead one left.

#![cfg(unix)]

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Test, tool};

fn run(dir: &Path, args: &[&str], fault: Option<&str>, tmp: &Path) -> std::process::ExitStatus {
    let mut cmd = Command::new(common::BIN);
    cmd.args(args)
        .current_dir(dir)
        .env("TMPDIR", tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(point) = fault {
        cmd.env("TREATY_REGISTER_FAULT", point);
    }
    cmd.status().unwrap()
}

fn sha256(path: &Path) -> String {
    treaty_register::support::digest::sha256_file(path).unwrap()
}

/// The digest of the published PDF when `out/` holds a whole unit, `None`
/// when it holds none; panics on anything in between.
fn whole_unit(root: &Path) -> Option<String> {
    let out = root.join("out");
    let present: Vec<bool> = ["register.pdf", "manifest.sha256", "manifest.json"]
        .iter()
        .map(|n| out.join(n).exists()) // follows the links
        .collect();
    match present.as_slice() {
        [false, false, false] => return None,
        [true, true, true] => {}
        other => panic!("a partial unit in out/: {other:?}"),
    }
    let pdf = sha256(&out.join("register.pdf"));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        json["pdf"]["sha256"],
        pdf.as_str(),
        "manifest.json describes another PDF"
    );
    let sums = fs::read_to_string(out.join("manifest.sha256")).unwrap();
    assert!(
        sums.contains(&format!("{pdf}  out/register.pdf\n")),
        "manifest.sha256 describes another PDF"
    );
    let check = Command::new("sha256sum")
        .args(["-c", "--quiet", "out/manifest.sha256"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(check.success(), "sha256sum -c fails on the unit");
    let verify = Command::new(common::BIN)
        .arg("verify")
        .current_dir(root)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(verify.success(), "verify fails on the unit");
    Some(pdf)
}

fn hidden_leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with(".staging-") || n.starts_with(".treaty-register-") || n.ends_with(".tmp")
        })
        .collect()
}

#[test]
fn a_build_killed_at_any_step_leaves_a_whole_unit() {
    let tmp = tempfile::tempdir().unwrap();
    for (point, new_is_live) in [
        ("build:typst", false),
        ("publish:staged", false),
        ("publish:generation", false),
        ("publish:links", false),
        ("publish:switched", true),
    ] {
        let test = Test::with_shipped();
        let root = test.path();
        assert!(run(root, &["build"], None, tmp.path()).success());
        let old = whole_unit(root).expect("a first unit");
        // The next build differs only in its PDF standard, so both units
        // verify against the same entries.
        let status = run(
            root,
            &["build", "--pdf-standard", "a-2b"],
            Some(point),
            tmp.path(),
        );
        assert!(!status.success(), "{point}: the fault did not stop the run");
        let after = whole_unit(root).expect("a unit");
        if new_is_live {
            assert_ne!(after, old, "{point}");
        } else {
            assert_eq!(after, old, "{point}: the old unit changed");
        }
        // The next run completes and leaves nothing of the dead one.
        assert!(run(root, &["build", "--pdf-standard", "a-2b"], None, tmp.path()).success());
        let new = whole_unit(root).unwrap();
        assert_ne!(new, old);
        assert!(
            hidden_leftovers(&root.join("out")).is_empty(),
            "{point}: {:?}",
            hidden_leftovers(&root.join("out"))
        );
        let generations = fs::read_dir(root.join("out"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".gen-")
            })
            .count();
        assert_eq!(generations, 1, "{point}");
    }
    // Build folders of killed runs were swept; none is left behind.
    let left: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_first_build_killed_before_the_switch_publishes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let test = Test::with_shipped();
    assert!(!run(test.path(), &["build"], Some("publish:links"), tmp.path()).success());
    assert_eq!(whole_unit(test.path()), None);
    assert!(run(test.path(), &["build"], None, tmp.path()).success());
    assert!(whole_unit(test.path()).is_some());
}

#[test]
fn sigkill_at_random_moments_never_splits_the_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let test = Test::with_shipped();
    let root = test.path();
    assert!(run(root, &["build"], None, tmp.path()).success());
    let standards = ["a-2b", "a-3a,ua-1"];
    for (i, delay) in [
        0u64, 2, 5, 10, 20, 35, 50, 75, 100, 150, 200, 250, 300, 400, 500, 700,
    ]
    .iter()
    .enumerate()
    {
        let mut child = Command::new(common::BIN)
            .args(["build", "--pdf-standard", standards[i % 2]])
            .current_dir(root)
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(*delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert!(whole_unit(root).is_some(), "after {delay} ms");
    }
    assert!(run(root, &["build"], None, tmp.path()).success());
    assert!(whole_unit(root).is_some());
    assert!(hidden_leftovers(&root.join("out")).is_empty());
}

#[test]
fn an_add_killed_midway_never_leaves_half_an_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let test = Test::with_shipped();
    let root = test.path();
    let add = [
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
        "2024-08-01",
        "--status",
        "signed",
        "--source",
        "A report",
    ];
    let instruments = root.join("register/instruments");
    assert!(!run(root, &add, Some("add:written"), tmp.path()).success());
    assert!(!instruments.join("KZ-UZ-2024-017.yaml").exists());
    assert_eq!(
        hidden_leftovers(&instruments).len(),
        1,
        "the killed add's temporary"
    );
    assert_eq!(tool(root, &["check"]).1, "16 instruments, 0 problems\n");

    assert!(!run(root, &add, Some("add:linked"), tmp.path()).success());
    assert!(
        instruments.join("KZ-UZ-2024-017.yaml").exists(),
        "linked means written in full"
    );
    assert_eq!(tool(root, &["check"]).1, "17 instruments, 0 problems\n");

    assert!(run(root, &add, None, tmp.path()).success());
    assert!(instruments.join("KZ-UZ-2024-018.yaml").exists());
    assert!(
        hidden_leftovers(&instruments).is_empty(),
        "{:?}",
        hidden_leftovers(&instruments)
    );
}

#[test]
fn a_killed_bag_or_init_leaves_no_destination_and_is_swept() {
    let tmp = tempfile::tempdir().unwrap();
    let test = Test::with_shipped();
    let root = test.path();
    assert!(run(root, &["build"], None, tmp.path()).success());
    assert!(!run(root, &["bag", "deposit"], Some("bag:staged"), tmp.path()).success());
    assert!(!root.join("deposit").exists());
    let staging = |prefix: &str| {
        fs::read_dir(root)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(prefix)
            })
            .count()
    };
    assert_eq!(staging(".bag-"), 1);
    assert!(run(root, &["bag", "deposit"], None, tmp.path()).success());
    assert_eq!(staging(".bag-"), 0);
    assert!(!root.join("deposit/.lock").exists());

    let init = [
        "init",
        "fresh",
        "--title",
        "T",
        "--as-of",
        "2025-01-01",
        "--id-prefix",
        "T",
    ];
    assert!(!run(root, &init, Some("init:staged"), tmp.path()).success());
    assert!(!root.join("fresh").exists());
    assert_eq!(staging(".init-"), 1);
    assert!(run(root, &init, None, tmp.path()).success());
    assert_eq!(staging(".init-"), 0);
    assert!(!root.join("fresh/.lock").exists());
}

/// The register's instruments as `check` counts them, and the title of
/// KZ-UZ-2024-017, which the second import updates.
fn register_state(root: &Path) -> (String, String) {
    let (code, out, err) = tool(root, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    let e17 = fs::read_to_string(root.join("register/instruments/KZ-UZ-2024-017.yaml"))
        .unwrap_or_default();
    let title = e17
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap_or("")
        .to_owned();
    (out, title)
}

/// A list of `n` new rows and, first, row 17 with a new title.
fn import_list(n: usize, title17: &str) -> String {
    let mut csv = String::from("No.,Title,Type,Level,Parties,Date of signature,Status\n");
    csv.push_str(&format!(
        "17,{title17},agreement,intergovernmental,KAZ;UZB,2024-08-01,signed\n"
    ));
    for i in 0..n {
        csv.push_str(&format!(
            ",Agreement number {i},agreement,intergovernmental,KAZ;UZB,2023-01-02,signed\n"
        ));
    }
    csv
}

/// An import stopped at each step of its write, or by SIGKILL at random
/// moments, leaves the register as before it or fully imported — to
/// `check` run straight after, not only to the next writer — and the next
/// import completes.
#[test]
fn an_import_killed_at_any_moment_is_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let test = Test::with_shipped()
        .file("first.csv", import_list(0, "Agreement on roads"))
        .file("second.csv", import_list(300, "Agreement on motor roads"));
    let root = test.path();
    assert!(run(root, &["import", "first.csv"], None, tmp.path()).success());
    let before = register_state(root);
    assert_eq!(before.0, "17 instruments, 0 problems\n");
    let args = ["import", "second.csv", "--update"];
    for point in ["import:staged", "import:linked-one", "import:linked"] {
        assert!(!run(root, &args, Some(point), tmp.path()).success());
        assert_eq!(register_state(root), before, "killed at {point}");
    }
    for delay in [0u64, 5, 10, 20, 40, 60, 80, 120, 160, 250] {
        let mut child = Command::new(common::BIN)
            .args(args)
            .current_dir(root)
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let finished = child.wait().unwrap().success();
        let now = register_state(root);
        if finished || now != before {
            assert_eq!(now.0, "317 instruments, 0 problems\n", "after {delay} ms");
            assert_eq!(now.1, "title: Agreement on motor roads");
            return; // fully imported: nothing further to kill
        }
    }
    assert!(run(root, &args, None, tmp.path()).success());
    let after = register_state(root);
    assert_eq!(after.0, "317 instruments, 0 problems\n");
    assert!(hidden_leftovers(&root.join("register/instruments")).is_empty());
}

/// Killed after its journal is done, the import stands.
#[test]
fn an_import_killed_once_done_stands() {
    let tmp = tempfile::tempdir().unwrap();
    let test = Test::with_shipped()
        .file("list.csv", import_list(20, "Agreement on roads"))
        .file(
            "more.csv",
            "Title,Type,Parties,Date of signature,Status\nAgreement on rails,agreement,KAZ;UZB,2024-01-05,signed\n",
        );
    let root = test.path();
    assert!(
        !run(
            root,
            &["import", "list.csv"],
            Some("import:done"),
            tmp.path()
        )
        .success()
    );
    assert_eq!(register_state(root).0, "37 instruments, 0 problems\n");
    // What the killed run left (its temporaries, the done journal) goes
    // with the next writer; the import is not undone.
    assert!(run(root, &["import", "more.csv"], None, tmp.path()).success());
    assert_eq!(register_state(root).0, "38 instruments, 0 problems\n");
    assert!(hidden_leftovers(&root.join("register/instruments")).is_empty());
}
