//! Provisioning typst when none is installed. A real install compiles typst
//! for ten minutes, so `cargo` is replaced here by a script that "installs"
//! a wrapper around the real typst; everything else — the lock, the cache
//! layout, the messages, the compile — is the tool's own.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use common::Test;

fn script(path: &Path, body: &str) {
    fs::write(path, body).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// A `cargo` that logs each install and writes `bin/typst` under `--root`.
fn fake_cargo(dir: &Path) -> std::path::PathBuf {
    let cargo = dir.join("fake-cargo");
    let real = common::real_typst();
    assert!(
        real.is_file(),
        "the real typst is at {} (.ci/run provisions it)",
        real.display()
    );
    script(
        &cargo,
        &format!(
            r#"#!/bin/sh
if [ "$1" = "--version" ]; then echo "cargo 1.95.0 (fake)"; exit 0; fi
[ "$1 $2 $3 $4" = "install --locked typst-cli@0.15.1 --root" ] || {{ echo "unexpected: $*" >&2; exit 9; }}
echo "$$" >> "{log}"
sleep 1
mkdir -p "$5/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "{real}" > "$5/bin/typst"
chmod +x "$5/bin/typst"
"#,
            log = dir.join("installs.log").display(),
            real = real.display(),
        ),
    );
    cargo
}

fn build(project: &Path, cache: &Path, cargo: &Path) -> std::process::Child {
    Command::new(common::BIN)
        .arg("build")
        .current_dir(project)
        .env("TREATY_REGISTER_CACHE", cache)
        .env("CARGO", cargo)
        .env("PATH", "/usr/bin:/bin")
        .env_remove("TYPST")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn concurrent_builds_install_typst_once_and_reuse_it() {
    let tools = tempfile::tempdir().unwrap();
    let cache = tools.path().join("cache");
    let cargo = fake_cargo(tools.path());
    let a = Test::with_shipped();
    let b = Test::with_shipped();
    let first = build(a.path(), &cache, &cargo);
    let second = build(b.path(), &cache, &cargo);
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(second.status.success(), "{}", stderr(&second));
    let installs = fs::read_to_string(tools.path().join("installs.log")).unwrap();
    assert_eq!(
        installs.lines().count(),
        1,
        "typst was installed more than once"
    );
    let told = format!("{}{}", stderr(&first), stderr(&second));
    assert!(
        told.contains(&format!(
            "typst 0.15.x was not found: installing typst-cli 0.15.1 into {} with cargo.\n\
             This compiles typst from source and takes about 10 minutes the first time; later builds reuse it.\n",
            cache.join("typst-0.15.1").display()
        )),
        "{told}"
    );
    assert!(cache.join("typst-0.15.1/bin/typst").is_file());
    // The Noto fonts were provisioned once too, each file as pinned.
    let fonts = cache.join(treaty_register::publish::fonts::FOLDER);
    assert!(fonts.join(".verified").is_file());
    for f in treaty_register::publish::fonts::NOTO {
        assert_eq!(
            treaty_register::support::digest::sha256_file(&fonts.join(f.file)).unwrap(),
            f.sha256
        );
    }
    assert!(
        told.matches("installing the Noto fonts for").count() <= 1,
        "{told}"
    );
    assert_eq!(
        fs::read(a.path().join("out/register.pdf")).unwrap(),
        fs::read(b.path().join("out/register.pdf")).unwrap()
    );
    // A later build reuses the install and says nothing about it.
    let again = build(a.path(), &cache, &cargo).wait_with_output().unwrap();
    assert!(again.status.success());
    assert_eq!(stderr(&again), "");
    assert_eq!(
        fs::read_to_string(tools.path().join("installs.log"))
            .unwrap()
            .lines()
            .count(),
        1
    );
}

#[test]
fn without_cargo_the_error_gives_the_command_to_run() {
    let tools = tempfile::tempdir().unwrap();
    let cache = tools.path().join("cache");
    let test = Test::with_shipped();
    let out = build(test.path(), &cache, Path::new("/nonexistent/cargo"))
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: typst 0.15.x is not installed, and cargo was not found to install it\n  \
             hint: install Rust (https://rustup.rs), then run: cargo install --locked typst-cli@0.15.1 --root {}\n",
            cache.join("typst-0.15.1").display()
        )
    );
    assert!(!test.path().join("out/register.pdf").exists());
}
