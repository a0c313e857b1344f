//! Hostile and broken surroundings: special files and links where register
//! files are expected, read-only and full disks. Each must be a clear
//! error that names the file, and leave existing files intact.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Test, snapshot, tool};

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// A tmpfs mounted for the test, unmounted when dropped. Needs root, as
/// this project's machines and CI run.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, size: &str) -> Mount {
        fs::create_dir_all(at).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .status()
            .expect("mount runs");
        assert!(status.success(), "mounting a tmpfs needs root");
        Mount(at.to_path_buf())
    }

    fn read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn copy_unit(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .arg("-a")
        .arg(format!("{}/.", from.display()))
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_or_folder_where_an_entry_belongs_is_an_error_not_a_hang() {
    let test = Test::with_base();
    mkfifo(&test.path().join("register/instruments/A-3.yaml"));
    fs::create_dir(test.path().join("register/instruments/A-4.yaml")).unwrap();
    test.args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml: error: not a regular file
  = hint: register files must be plain files, not folders, pipes or devices
register/instruments/A-4.yaml: error: not a regular file
  = hint: register files must be plain files, not folders, pipes or devices
error: 4 instruments, 2 problems
",
        )
        .status(1)
        .run();
}

#[test]
fn an_entry_linked_from_outside_the_project_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("A-3.yaml"),
        common::valid_instrument("A-3"),
    )
    .unwrap();
    let test = Test::with_base();
    symlink(
        outside.path().join("A-3.yaml"),
        test.path().join("register/instruments/A-3.yaml"),
    )
    .unwrap();
    test.args(["check"])
        .stderr(
            "\
register/instruments/A-3.yaml: error: symbolic link pointing outside the project (or to nothing)
  = hint: replace the link with the file itself
error: 3 instruments, 1 problem
",
        )
        .status(1)
        .run();
}

#[test]
fn template_links_out_of_the_project_and_fifos_are_refused() {
    let test = Test::with_shipped();
    symlink("/etc/hostname", test.path().join("templates/_extra.typ.j2")).unwrap();
    let (code, _, stderr) = tool(test.path(), &["build"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: refusing to read ./templates/_extra.typ.j2 (it leads outside the project folder)\n  \
         hint: replace the link or special file with a regular file inside the project\n"
    );
    fs::remove_file(test.path().join("templates/_extra.typ.j2")).unwrap();
    mkfifo(&test.path().join("templates/fonts/extra.otf"));
    let (code, _, stderr) = tool(test.path(), &["build"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: refusing to read ./templates/fonts/extra.otf (it is not a regular file)\n"
        ),
        "{stderr}"
    );
    assert!(!test.path().join("out/register.pdf").exists());
}

#[test]
fn a_read_only_out_folder_is_an_error_and_keeps_its_files() {
    let test = Test::with_shipped();
    let root = test.path();
    assert_eq!(tool(root, &["build", "--quiet"]).0, 0);
    let mount = Mount::tmpfs(&root.join("pub"), "4m");
    copy_unit(&root.join("out"), &mount.0);
    mount.read_only();
    let before = snapshot(&mount.0);
    let (code, _, stderr) = tool(root, &["build", "--out", "pub", "--pdf-standard", "a-2b"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: failed to write ./pub"),
        "{stderr}"
    );
    assert!(stderr.contains("Read-only file system"), "{stderr}");
    assert_eq!(snapshot(&mount.0), before);
}

#[test]
fn a_full_disk_is_an_error_and_keeps_the_previous_unit() {
    let test = Test::with_shipped();
    let root = test.path();
    assert_eq!(tool(root, &["build", "--quiet"]).0, 0);
    let size = fs::metadata(root.join("out/register.pdf")).unwrap().len();
    // Room for the published unit and a little more, not for a second one.
    let mount = Mount::tmpfs(&root.join("pub"), &format!("{}k", (size * 3 / 2) / 1024));
    copy_unit(&root.join("out"), &mount.0);
    let before = snapshot(&mount.0);
    let (code, _, stderr) = tool(root, &["build", "--out", "pub", "--pdf-standard", "a-2b"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: failed to write ") && stderr.contains("pub/"),
        "{stderr}"
    );
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(snapshot(&mount.0), before, "the previous unit changed");
    // The staging folder of the failed write is gone.
    assert_eq!(
        fs::read_dir(&mount.0)
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".staging-"))
            .count(),
        0
    );
}

#[test]
fn a_missing_register_folder_is_a_clear_error() {
    let test = Test::with_shipped();
    fs::remove_dir_all(test.path().join("register")).unwrap();
    for command in [["check"], ["build"], ["add"]] {
        let (code, _, stderr) = tool(test.path(), &command);
        assert_eq!(code, 2);
        assert!(
            stderr.starts_with("error: no register found in `.`"),
            "{command:?}: {stderr}"
        );
    }
}

#[test]
fn a_typst_that_hangs_is_stopped() {
    let test = Test::with_shipped();
    let slow = test.path().join("slow-typst");
    fs::write(
        &slow,
        format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then exec \"{}\" --version; fi\nexec sleep 30\n",
            common::real_typst().display()
        ),
    )
    .unwrap();
    fs::set_permissions(&slow, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let started = std::time::Instant::now();
    let (code, _, stderr) = tool(
        test.path(),
        &[
            "build",
            "--typst",
            slow.to_str().unwrap(),
            "--typst-timeout",
            "1",
        ],
    );
    assert_eq!(code, 2);
    assert!(started.elapsed().as_secs() < 25, "typst was not stopped");
    assert!(
        stderr.starts_with(
            "error: typst ran longer than 1 seconds on the register and was stopped\n"
        ),
        "{stderr}"
    );
    assert!(!test.path().join("out/register.pdf").exists());
    let kept = stderr.split("kept at ").nth(1).unwrap().trim();
    fs::remove_dir_all(Path::new(kept).parent().unwrap()).unwrap();
}
