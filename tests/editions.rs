//! Published editions through the real binary and the real OpenSSH: keys
//! made by `ssh-keygen` in a temporary folder, signatures checked by
//! `ssh-keygen -Y verify` and made by `ssh-keygen -Y sign`, a real
//! `ssh-agent` with `ssh-add`, and every kind of tampering an auditor must
//! catch: a byte flipped in an archived manifest, a signature by an
//! unlisted key, an expired key, an edition deleted from the middle.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{Test, at_terminal, hidden, keygen, pdf_text, signed_shipped as project, tool};

const PRINCIPAL: &str = "treaty@mfa.example";

fn public(key: &Path) -> String {
    fs::read_to_string(key.with_extension("pub"))
        .unwrap()
        .trim()
        .to_owned()
}

fn publish(dir: &Path, key: &Path) -> (i32, String, String) {
    tool(dir, &["publish", "--key", key.to_str().unwrap()])
}

fn sha256(path: &Path) -> String {
    treaty_register::support::digest::sha256_file(path).unwrap()
}

/// A second edition: one act recorded in No. 4.
fn change_and_publish_again(dir: &Path, key: &Path) {
    let (code, _, err) = tool(
        dir,
        &[
            "record",
            "KZ-UZ-2024-004",
            "notification",
            "--party",
            "KAZ",
            "--date",
            "2024-08-08",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = publish(dir, key);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("published edition 2 of 8 August 2024, signed by treaty@mfa.example"),
        "{out}"
    );
}

fn openssh_verify(dir: &Path, edition: &str) -> std::process::Output {
    let manifest = fs::File::open(dir.join(format!("editions/{edition}/manifest.sha256"))).unwrap();
    Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-f",
            // As docs/auditing.md says: the file the edition published
            // (edition 1 archived it; later ones only if it changed).
            "editions/0001/sources/register/allowed_signers",
            "-I",
            PRINCIPAL,
            "-n",
            "treaty-register",
            "-s",
        ])
        .arg(format!("editions/{edition}/manifest.sha256.sig"))
        .current_dir(dir)
        .stdin(manifest)
        .output()
        .unwrap()
}

#[test]
fn two_editions_signed_chained_and_checked_by_openssh() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    let (code, out, err) = publish(dir, &key);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("the first edition\narchived in editions/0001\n"),
        "{out}"
    );
    assert_eq!(
        publish(dir, &key).0,
        2,
        "nothing changed: nothing to publish"
    );
    change_and_publish_again(dir, &key);

    for edition in ["0001", "0002"] {
        let check = openssh_verify(dir, edition);
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
        assert!(
            String::from_utf8_lossy(&check.stdout)
                .contains("Good \"treaty-register\" signature for treaty@mfa.example")
        );
    }
    // The chain: edition 2 records the digest of edition 1's manifest.sha256.
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("editions/0002/manifest.json")).unwrap())
            .unwrap();
    let first = sha256(&dir.join("editions/0001/manifest.sha256"));
    assert_eq!(json["previous"]["edition"], 1);
    assert_eq!(json["previous"]["manifest_sha256"], first);
    assert_eq!(json["edition"]["number"], 2);
    assert_eq!(json["edition"]["date"], "2024-08-08");
    // The PDF says which edition it is, what changed, and the link.
    let text = pdf_text(&dir.join("editions/0002/register.pdf"));
    for expected in [
        "Edition 2 of 8 August 2024",
        "Changes since edition 1",
        first.as_str(),
        "Changed: KZ-UZ-2024-004",
        "new act: Kazakhstan: notification, 8 August 2024",
    ] {
        assert!(text.contains(expected), "{expected:?} not in the PDF");
    }
    // out/ holds the latest edition; the archived sources check with coreutils.
    assert_eq!(
        fs::read(dir.join("out/manifest.sha256")).unwrap(),
        fs::read(dir.join("editions/0002/manifest.sha256")).unwrap()
    );
    let sums = common::succeeds(
        Command::new("sha256sum")
            .args(["-c", "--ignore-missing", "../manifest.sha256"])
            .current_dir(dir.join("editions/0002/sources")),
    );
    assert!(
        String::from_utf8_lossy(&sums.stdout)
            .contains("register/instruments/KZ-UZ-2024-004.yaml: OK")
    );
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("EDITIONS 1 to 2: signed and chained; edition 2 of 2024-08-08 signed by treaty@mfa.example, the signature judged at the edition's date (2024-08-08)\n"), "{out}");
    let (code, json, _) = tool(dir, &["verify", "--format", "json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["editions"][1]["principal"], PRINCIPAL);
    assert_eq!(report["editions"][0]["manifest_sha256"], first);
    // The edition typesets again byte for byte, in the project and from
    // the archived PDF alone (which carries its sources and its changes).
    let (code, out, err) = tool(dir, &["verify", "--rebuild"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = tool(
        dir,
        &["verify", "--pdf", "editions/0002/register.pdf", "--rebuild"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("REBUILT from the embedded sources"), "{out}");
}

#[test]
fn signatures_made_by_ssh_keygen_verify_too_and_namespaces_matter() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    assert_eq!(publish(dir, &key).0, 0);
    let sign = |namespace: &str| {
        let manifest = dir.join("editions/0001/manifest.sha256");
        let _ = fs::remove_file(manifest.with_extension("sha256.sig"));
        let status = Command::new("ssh-keygen")
            .args(["-q", "-Y", "sign", "-f"])
            .arg(&key)
            .args(["-n", namespace])
            .arg(&manifest)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    sign("treaty-register");
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    sign("git");
    let (code, out, _) = tool(dir, &["verify"]);
    assert_eq!(code, 1);
    assert!(out.contains("EDITION editions/0001 (bad signature: the signature is for the namespace `git`, not `treaty-register`)"), "{out}");
}

#[test]
fn a_key_in_ssh_agent_signs() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let socket = keys.path().join("agent.sock");
    let mut agent = Command::new("ssh-agent")
        .arg("-D")
        .arg("-a")
        .arg(&socket)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if socket.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let added = Command::new("ssh-add")
        .arg(&key)
        .env("SSH_AUTH_SOCK", &socket)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(added.success());
    let out = Command::new(common::BIN)
        .args(["publish", "--agent"])
        .current_dir(test.path())
        .env("SSH_AUTH_SOCK", &socket)
        .output()
        .unwrap();
    let _ = agent.kill();
    let _ = agent.wait();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(openssh_verify(test.path(), "0001").status.success());
    // Without an agent, --agent says what to do.
    let out = Command::new(common::BIN)
        .args(["publish", "--agent"])
        .current_dir(test.path())
        .env_remove("SSH_AUTH_SOCK")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SSH_AUTH_SOCK is not set"));
}

#[test]
fn an_unlisted_or_expired_key_cannot_publish_and_nothing_is_written() {
    let keys = tempfile::tempdir().unwrap();
    let (test, _) = project(keys.path(), "");
    let stranger = keygen(keys.path(), "stranger", "");
    let (code, _, err) = publish(test.path(), &stranger);
    assert_eq!(code, 2);
    assert!(
        err.contains("is not listed in register/allowed_signers; nothing was written"),
        "{err}"
    );
    assert!(!test.path().join("editions").exists());
    assert!(!test.path().join("out/register.pdf").exists());

    // valid-before the edition's date (the register's as_of, 2024-08-08).
    let other_keys = tempfile::tempdir().unwrap();
    let (expired, key) = project(other_keys.path(), ",valid-before=\"20240801\"");
    let (code, _, err) = publish(expired.path(), &key);
    assert_eq!(code, 2);
    assert!(err.contains("valid-before time had passed"), "{err}");
    assert!(!expired.path().join("editions").exists());
}

#[test]
fn an_encrypted_key_asks_its_passphrase_at_the_terminal() {
    let keys = tempfile::tempdir().unwrap();
    let key = keygen(keys.path(), "locked", "correct horse");
    let test = Test::with_shipped().file(
        "register/allowed_signers",
        format!("{PRINCIPAL} {}\n", public(&key)),
    );
    // Without a terminal there is no one to ask.
    let (code, _, err) = publish(test.path(), &key);
    assert_eq!(code, 2);
    assert!(err.contains("is protected by a passphrase"), "{err}");
    let (ok, screen) = at_terminal(
        test.path(),
        serde_json::json!([["Passphrase for", "correct horse"]]),
        &["publish".as_ref(), "--key".as_ref(), key.as_os_str()],
    );
    assert!(ok, "{screen}");
    assert!(screen.contains("published edition 1"), "{screen}");
    assert!(
        !screen.contains("correct horse\r\npublished"),
        "the passphrase is not echoed"
    );
}

/// Three editions for the tampering tests.
fn three_editions() -> (tempfile::TempDir, Test) {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    assert_eq!(publish(dir, &key).0, 0);
    change_and_publish_again(dir, &key);
    record_something(dir);
    assert_eq!(publish(dir, &key).0, 0);
    (keys, test)
}

fn verify_out(dir: &Path) -> String {
    let (code, out, _) = tool(dir, &["verify"]);
    assert_eq!(code, 1, "{out}");
    out
}

#[test]
fn a_flipped_byte_in_an_archived_manifest_is_caught() {
    let (_keys, test) = three_editions();
    let path = test.path().join("editions/0001/manifest.sha256");
    let mut bytes = fs::read(&path).unwrap();
    bytes[3] ^= 0x01;
    fs::write(&path, bytes).unwrap();
    let out = verify_out(test.path());
    assert!(out.contains("EDITION editions/0001 (bad signature: the signature does not match the manifest's bytes)"), "{out}");
    assert!(
        out.contains(
            "EDITION editions/0002 (the chain is broken: it records edition 1's manifest.sha256 as"
        ),
        "{out}"
    );
    assert!(!out.contains("editions/0003"), "{out}");
}

#[test]
fn a_signature_by_an_unlisted_key_is_caught() {
    let (keys, test) = three_editions();
    let stranger = keygen(keys.path(), "stranger", "");
    let manifest = test.path().join("editions/0002/manifest.sha256");
    fs::remove_file(test.path().join("editions/0002/manifest.sha256.sig")).unwrap();
    let status = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", "treaty-register", "-f"])
        .arg(&stranger)
        .arg(&manifest)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let out = verify_out(test.path());
    assert!(
        out.contains("EDITION editions/0002 (bad signature: signed by SHA256:"),
        "{out}"
    );
    assert!(
        out.contains("is not listed in register/allowed_signers)"),
        "{out}"
    );
}

#[test]
fn an_expired_key_is_caught_at_the_editions_date() {
    let (_keys, test) = three_editions();
    let signers = test.path().join("register/allowed_signers");
    let line = fs::read_to_string(&signers).unwrap();
    fs::write(
        &signers,
        line.replacen(
            "namespaces=\"treaty-register\"",
            "namespaces=\"treaty-register\",valid-before=\"20240101\"",
            1,
        ),
    )
    .unwrap();
    let out = verify_out(test.path());
    for n in 1..=3 {
        assert!(
            out.contains(&format!(
                "EDITION editions/000{n} (bad signature: signed by SHA256:"
            )),
            "{out}"
        );
    }
    assert!(out.contains("valid-before time had passed"), "{out}");
}

#[test]
fn a_deleted_edition_in_the_middle_is_caught() {
    let (_keys, test) = three_editions();
    fs::remove_dir_all(test.path().join("editions/0002")).unwrap();
    let out = verify_out(test.path());
    assert!(out.contains("EDITION editions/0002 (edition 2 is missing from editions/: the chain from edition 1 to 3 is broken)"), "{out}");
}

#[test]
fn a_publish_killed_at_any_step_leaves_a_whole_edition_or_none() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    let run = |fault: &str| {
        Command::new(common::BIN)
            .args(["publish", "--key"])
            .arg(&key)
            .current_dir(dir)
            .env("TREATY_REGISTER_FAULT", fault)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
    };
    assert!(!run("publish:edition-staged").success());
    assert!(
        !dir.join("editions/0001").exists(),
        "a staged edition is not an edition"
    );
    assert!(!run("publish:edition-archived").success());
    assert!(dir.join("editions/0001/manifest.sha256.sig").exists());
    // The next publish finds nothing new, catches out/ up, and verify agrees.
    let (code, _, err) = publish(dir, &key);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("restored it from the archive"), "{err}");
    let staging: Vec<String> = hidden(&dir.join("editions"))
        .into_iter()
        .filter(|n| n.starts_with(".staging"))
        .collect();
    assert!(staging.is_empty(), "{staging:?}");
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    // Killed after recording edition 2 in editions/latest, before out/:
    // the archive is sound, and the next publish catches out/ up.
    record_something(dir);
    assert!(!run("publish:latest-recorded").success());
    assert!(
        fs::read_to_string(dir.join("editions/latest"))
            .unwrap()
            .ends_with("  editions/0002/manifest.sha256\n")
    );
    let (code, _, err) = publish(dir, &key);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("out/ did not hold edition 2 yet"), "{err}");
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn two_publishes_at_once_are_refused() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    fs::create_dir_all(test.path().join("editions")).unwrap();
    let mut holder = Command::new("flock")
        .arg(test.path().join("editions/.lock"))
        .args(["sleep", "30"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (code, _, err) = publish(test.path(), &key);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(code, 2);
    assert!(
        err.contains("another `treaty-register publish` is running"),
        "{err}"
    );
    assert!(!test.path().join("editions/0001").exists());
}

#[test]
fn nothing_to_publish_writes_nothing_even_over_a_draft() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    assert_eq!(publish(dir, &key).0, 0);
    // A draft build since the edition: out/ is the user's, and stays.
    let (code, _, _) = tool(dir, &["build", "--force", "--html"]);
    assert_eq!(code, 0);
    let before = common::snapshot(&dir.join("out"));
    let (code, _, err) = publish(dir, &key);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "error: nothing to publish: the register and templates are as edition 1 published them"
        ),
        "{err}"
    );
    assert_eq!(common::snapshot(&dir.join("out")), before);
    assert!(!dir.join("editions/0002").exists());
}

#[test]
fn a_register_without_signers_is_told_the_exact_line_and_publish_counts_what_changed() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    fs::remove_file(dir.join("register/allowed_signers")).unwrap();
    let (code, _, err) = tool(
        dir,
        &[
            "publish",
            "--key",
            key.to_str().unwrap(),
            "--principal",
            PRINCIPAL,
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("register/allowed_signers does not exist, so no key may sign editions yet"),
        "{err}"
    );
    // The hint's last line is the line to write, exactly.
    let line = err.trim_end().lines().last().unwrap().trim();
    assert_eq!(
        line,
        format!(
            "{PRINCIPAL} namespaces=\"treaty-register\" {}",
            public(&key)
        )
    );
    assert!(!dir.join("editions").exists());
    fs::write(dir.join("register/allowed_signers"), format!("{line}\n")).unwrap();
    let (code, out, err) = publish(dir, &key);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(": the first edition\n"), "{out}");
    let (code, _, err) = tool(
        dir,
        &[
            "record",
            "KZ-UZ-2024-004",
            "notification",
            "--party",
            "KAZ",
            "--date",
            "2024-08-08",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = publish(dir, &key);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(": 1 instrument changed since edition 1\n"),
        "{out}"
    );
    // A new entry is counted as added, apart from the changed ones.
    let text = fs::read_to_string(dir.join("register/instruments/KZ-UZ-2024-004.yaml")).unwrap();
    fs::write(
        dir.join("register/instruments/KZ-UZ-2024-017.yaml"),
        text.replace("id: KZ-UZ-2024-004", "id: KZ-UZ-2024-017"),
    )
    .unwrap();
    let (code, out, err) = publish(dir, &key);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(": 1 instrument added since edition 2\n"),
        "{out}"
    );
}

#[test]
fn init_writes_a_commented_allowed_signers_that_check_and_publish_read() {
    let test = Test::new();
    let (code, _, err) = tool(
        test.path(),
        &[
            "init",
            "p",
            "--title",
            "Register",
            "--as-of",
            "2025-01-01",
            "--id-prefix",
            "X-2025",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let dir = test.path().join("p");
    let text = fs::read_to_string(dir.join("register/allowed_signers")).unwrap();
    assert!(
        text.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "{text}"
    );
    assert!(text.contains("namespaces=\"treaty-register\""), "{text}");
    let (code, _, err) = tool(&dir, &["check"]);
    assert_eq!(code, 0, "{err}");
    // No signer yet: the refusal names the key's exact line.
    let keys = tempfile::tempdir().unwrap();
    let key = keygen(keys.path(), "clerk", "");
    let (code, _, err) = publish(&dir, &key);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&public(&key)), "{err}");
}

// ---- issue #23: an adversary's findings against the archive ----

/// Runs the tool in `dir` and waits at most `seconds`: a run that hangs (on
/// a FIFO, say) is killed and the test fails, instead of hanging the suite.
fn tool_within(dir: &Path, args: &[&str], seconds: u64) -> (i32, String, String) {
    let mut child = Command::new(common::BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`treaty-register {}` hung for {seconds} s", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().expect("an exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// One edition, published; the keys' folder must outlive the test.
fn one_edition() -> (tempfile::TempDir, Test, PathBuf) {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    assert_eq!(publish(test.path(), &key).0, 0);
    (keys, test, key)
}

/// Records an act, so that there is something to publish.
fn record_something(dir: &Path) {
    let (code, _, err) = tool(
        dir,
        &[
            "record",
            "KZ-UZ-2024-005",
            "notification",
            "--party",
            "UZB",
            "--date",
            "2024-08-08",
        ],
    );
    assert_eq!(code, 0, "{err}");
}

fn rewrite(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn unsigned_manifest_json_cannot_redate_an_edition_or_rename_its_signer() {
    let (_keys, test, _) = one_edition();
    let dir = test.path();
    // The key expires before the edition's date (2024-08-08)…
    rewrite(
        &dir.join("register/allowed_signers"),
        "namespaces=\"treaty-register\"",
        "namespaces=\"treaty-register\",valid-before=\"20240801\"",
    );
    // …and manifest.json, which no signature covers, is backdated.
    let json = dir.join("editions/0001/manifest.json");
    rewrite(&json, "\"2024-08-08\"", "\"2024-07-01\"");
    let out = verify_out(dir);
    assert!(out.contains("manifest.json gives the date 2024-07-01, but the signed register.yaml's as_of is 2024-08-08"), "{out}");
    assert!(
        out.contains("valid-before time had passed on the edition's date (2024-08-08)"),
        "{out}"
    );

    // A signer renamed in manifest.json: the key is not listed for that name.
    let (_keys, test, _) = one_edition();
    let dir = test.path();
    let json = dir.join("editions/0001/manifest.json");
    rewrite(&json, PRINCIPAL, "minister@mfa.example");
    let out = verify_out(dir);
    assert!(
        out.contains("as `minister@mfa.example`, which is not listed in register/allowed_signers"),
        "{out}"
    );
    // Renamed to another name the key's line lists: the signed PDF (its
    // build.json, whose digest the signature covers) still names the signer.
    rewrite(
        &dir.join("register/allowed_signers"),
        PRINCIPAL,
        &format!("{PRINCIPAL},minister@mfa.example"),
    );
    let out = verify_out(dir);
    assert!(
        out.contains("manifest.json gives the signer {\"key\""),
        "{out}"
    );
    assert!(out.contains("but the signed PDF says"), "{out}");
    assert!(
        out.contains(&format!("\"principal\":\"{PRINCIPAL}\"")),
        "{out}"
    );
}

#[test]
fn a_pattern_is_never_the_signer() {
    let keys = tempfile::tempdir().unwrap();
    let key = keygen(keys.path(), "clerk", "");
    let test = Test::with_shipped().file(
        "register/allowed_signers",
        format!(
            "*@mfa.example,!intern@mfa.example namespaces=\"treaty-register\" {}\n",
            public(&key)
        ),
    );
    let dir = test.path();
    let k = key.to_str().unwrap();
    // Only patterns and no --principal: refused, with the way out.
    let (code, _, err) = tool(dir, &["publish", "--key", k]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("only under the patterns `*@mfa.example,!intern@mfa.example`"),
        "{err}"
    );
    assert!(err.contains("--principal NAME"), "{err}");
    assert!(!dir.join("editions/0001").exists());
    // A pattern given as the principal, or a name the line negates: refused.
    for wrong in ["*@mfa.example", "intern@mfa.example"] {
        let (code, _, err) = tool(dir, &["publish", "--key", k, "--principal", wrong]);
        assert_eq!(code, 2, "{wrong}: {err}");
        assert!(!dir.join("editions/0001").exists());
    }
    // A name the pattern matches: signed, printed and verified as that name.
    let (code, out, err) = tool(
        dir,
        &["publish", "--key", k, "--principal", "minister@mfa.example"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("signed by minister@mfa.example"), "{out}");
    assert!(pdf_text(&dir.join("editions/0001/register.pdf")).contains("minister@mfa.example"));
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("signed by minister@mfa.example, the signature judged at the edition's date"),
        "{out}"
    );
}

#[test]
fn a_fifo_in_the_archive_hangs_neither_verify_nor_publish() {
    let (_keys, test, key) = one_edition();
    let dir = test.path();
    record_something(dir);
    for name in [
        "0001/manifest.sha256.sig",
        "0001/manifest.sha256",
        "0001/manifest.json",
        "latest",
    ] {
        let path = dir.join("editions").join(name);
        let saved = fs::read(&path).unwrap();
        fs::remove_file(&path).unwrap();
        mkfifo(&path);
        let (code, out, _) = tool_within(dir, &["verify"], 60);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(
            out.contains("a FIFO, not a regular file; not read"),
            "{name}: {out}"
        );
        let (code, _, err) = tool_within(dir, &["publish", "--key", key.to_str().unwrap()], 120);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(!dir.join("editions/0002").exists(), "{name}");
        fs::remove_file(&path).unwrap();
        fs::write(&path, saved).unwrap();
    }
    // The lock itself a FIFO: refused at once.
    fs::remove_file(dir.join("editions/.lock")).unwrap();
    mkfifo(&dir.join("editions/.lock"));
    let (code, _, err) = tool_within(dir, &["publish", "--key", key.to_str().unwrap()], 120);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("editions/.lock"), "{err}");
}

#[cfg(unix)]
#[test]
fn links_in_the_archive_are_reported_not_followed_nor_written_through() {
    let (_keys, test, key) = one_edition();
    let dir = test.path();
    let outside = tempfile::tempdir().unwrap();
    // The archived PDF a link to a copy of itself outside the project.
    let pdf = dir.join("editions/0001/register.pdf");
    fs::copy(&pdf, outside.path().join("register.pdf")).unwrap();
    fs::remove_file(&pdf).unwrap();
    symlink(&outside.path().join("register.pdf"), &pdf);
    let out = verify_out(dir);
    assert!(
        out.contains(
            "cannot read editions/0001/register.pdf (a symbolic link, not a regular file; not read)"
        ),
        "{out}"
    );
    fs::remove_file(&pdf).unwrap();
    fs::copy(outside.path().join("register.pdf"), &pdf).unwrap();
    assert_eq!(tool(dir, &["verify"]).0, 0);

    // editions/0001 a link to a faithful copy elsewhere.
    let copy = outside.path().join("0001");
    common::copy_dir(&dir.join("editions/0001"), &copy);
    fs::rename(dir.join("editions/0001"), outside.path().join("kept")).unwrap();
    symlink(&copy, &dir.join("editions/0001"));
    let out = verify_out(dir);
    assert!(
        out.contains("editions/0001 is a symbolic link, not a folder"),
        "{out}"
    );
    fs::remove_file(dir.join("editions/0001")).unwrap();
    fs::rename(outside.path().join("kept"), dir.join("editions/0001")).unwrap();

    // editions/ itself a link: verify says so, publish writes nothing there.
    let elsewhere = outside.path().join("editions");
    common::copy_dir(&dir.join("editions"), &elsewhere);
    fs::rename(dir.join("editions"), outside.path().join("archive")).unwrap();
    symlink(&elsewhere, &dir.join("editions"));
    let out = verify_out(dir);
    assert!(
        out.contains("EDITION editions (editions is a symbolic link, not a folder"),
        "{out}"
    );
    record_something(dir);
    let before = common::snapshot(&elsewhere);
    let (code, _, err) = publish(dir, &key);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("editions is a symbolic link, not a folder"),
        "{err}"
    );
    assert_eq!(
        common::snapshot(&elsewhere),
        before,
        "nothing written through the link"
    );
}

#[test]
fn a_vanished_latest_edition_is_named_and_its_number_never_reissued() {
    let (_keys, test, key) = one_edition();
    let dir = test.path();
    change_and_publish_again(dir, &key);
    // editions/latest is a sha256sum line that coreutils checks.
    let sums = common::succeeds(
        Command::new("sha256sum")
            .args(["-c", "editions/latest"])
            .current_dir(dir),
    );
    assert!(String::from_utf8_lossy(&sums.stdout).contains("editions/0002/manifest.sha256: OK"));

    fs::remove_dir_all(dir.join("editions/0002")).unwrap();
    let out = verify_out(dir);
    assert!(out.contains("EDITION editions/0002 (edition 2 is missing from editions/: editions/latest records edition 2 as the latest"), "{out}");
    record_something(dir);
    let (code, _, err) = publish(dir, &key);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("edition 2 is missing"), "{err}");
    assert!(
        !dir.join("editions/0002").exists(),
        "edition 2 is never issued twice"
    );

    // With editions/latest gone too, out/ still publishes edition 2.
    fs::remove_file(dir.join("editions/latest")).unwrap();
    let out = verify_out(dir);
    assert!(
        out.contains(
            "EDITION editions/0002 (edition 2 is missing from editions/: out/ publishes edition 2"
        ),
        "{out}"
    );
    let (code, _, _) = publish(dir, &key);
    assert_eq!(code, 2);
    assert!(!dir.join("editions/0002").exists());
}

#[cfg(unix)]
#[test]
fn damage_to_archived_sources_is_reported() {
    let (_keys, test, _) = one_edition();
    let dir = test.path();
    let source = dir.join("editions/0001/sources/register/instruments/KZ-UZ-2024-004.yaml");
    let saved = fs::read(&source).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let copy = outside.path().join("copy.yaml");
    fs::write(&copy, &saved).unwrap();
    let name = "sources/register/instruments/KZ-UZ-2024-004.yaml";
    let damage: [(&str, &dyn Fn()); 4] = [
        ("is missing", &|| ()),
        (
            "is a symbolic link, where the archive holds only regular files",
            &|| symlink(&copy, &source),
        ),
        (
            "is a folder, where the archive holds only regular files",
            &|| fs::create_dir(&source).unwrap(),
        ),
        (
            "is a FIFO, where the archive holds only regular files",
            &|| mkfifo(&source),
        ),
    ];
    for (what, damage) in damage {
        fs::remove_file(&source).unwrap();
        damage();
        let (code, out, _) = tool_within(dir, &["verify"], 60);
        assert_eq!(code, 1, "{what}: {out}");
        assert!(
            out.contains(&format!("EDITION editions/0001 ({name} {what}")),
            "{out}"
        );
        let _ = fs::remove_dir(&source);
        let _ = fs::remove_file(&source);
        fs::write(&source, &saved).unwrap();
    }
    assert_eq!(tool(dir, &["verify"]).0, 0);
}

#[cfg(unix)]
#[test]
fn writing_into_the_working_copy_never_changes_the_signed_archive() {
    use std::io::{Seek, SeekFrom, Write};
    use std::os::unix::fs::MetadataExt;
    let (_keys, test, _) = one_edition();
    let dir = test.path();
    let archived = dir.join("editions/0001/register.pdf");
    let signed = sha256(&archived);
    assert_eq!(
        fs::metadata(&archived).unwrap().nlink(),
        1,
        "a copy, not a link"
    );
    // In place, as an editor saving over the file would.
    let mut working = fs::OpenOptions::new()
        .write(true)
        .open(dir.join("out/register.pdf"))
        .unwrap();
    working.seek(SeekFrom::Start(200)).unwrap();
    working.write_all(b"EDITED").unwrap();
    drop(working);
    assert_eq!(sha256(&archived), signed);
    let out = verify_out(dir);
    assert!(out.contains("MODIFIED out/register.pdf"), "{out}");
    assert!(!out.contains("EDITION editions"), "{out}");
}

#[test]
fn a_key_outside_its_window_on_the_day_it_signs_cannot_publish() {
    // Valid on the edition's date (2024-08-08), expired long before today.
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(
        keys.path(),
        ",valid-after=\"20240101\",valid-before=\"20250101\"",
    );
    let (code, _, err) = publish(test.path(), &key);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("valid-before time had passed on the day it signs"),
        "{err}"
    );
    assert!(!test.path().join("editions/0001").exists());
    assert!(!test.path().join("out/register.pdf").exists());
}

/// A forged edition number in the unsigned editions/latest (99,999,999)
/// neither hangs verify nor exhausts memory: the gap is one line, and
/// publish refuses at once.
#[test]
fn a_forged_edition_number_is_one_missing_range_not_a_hang() {
    let (_keys, test, key) = one_edition();
    let dir = test.path();
    let digest = sha256(&dir.join("editions/0001/manifest.sha256"));
    fs::write(
        dir.join("editions/latest"),
        format!("{digest}  editions/99999999/manifest.sha256\n"),
    )
    .unwrap();
    let (code, out, err) = tool_within(dir, &["verify"], 20);
    assert_ne!(code, 0, "{out}{err}");
    let report = format!("{out}{err}");
    assert!(
        report.contains("editions 2 to 99999999 are missing from editions/"),
        "{report}"
    );
    assert!(report.lines().count() < 100, "{report}");
    record_something(dir);
    let (code, _, err) = tool_within(dir, &["publish", "--key", key.to_str().unwrap()], 20);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("are missing"), "{err}");
    assert!(!dir.join("editions/0002").exists());
}

/// A link, FIFO or device anywhere in the archive is reported, not only
/// among the sources: the archive holds files and folders only.
#[test]
fn links_and_fifos_anywhere_in_the_archive_are_reported() {
    let (_keys, test, _) = one_edition();
    let dir = test.path();
    symlink(Path::new("/etc/passwd"), &dir.join("editions/0001/extra"));
    mkfifo(&dir.join("editions/fifo"));
    let (code, out, err) = tool_within(dir, &["verify"], 20);
    assert_ne!(code, 0, "{out}{err}");
    let report = format!("{out}{err}");
    for path in ["editions/0001/extra", "editions/fifo"] {
        assert!(
            report.contains(&format!("{path} is a link, FIFO or device")),
            "{report}"
        );
    }
}

/// `outputs: {web: true}` and `translations` make every build and every
/// edition publish the web edition and the language editions: signed in
/// the edition's manifest, archived, checked by `verify`, kept by `build`
/// unless `--no-html` says otherwise, and all of it — with the manifests,
/// the signature and the archive of editions — in the bag, which Python's
/// `bagit` validates and in which `verify` passes as in the project.
#[test]
fn the_published_unit_is_signed_archived_verified_and_bagged_whole() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    let yaml = dir.join("register/register.yaml");
    let mut text = fs::read_to_string(&yaml).unwrap();
    text.push_str("outputs:\n  web: true\ntranslations: [ru]\n");
    fs::write(&yaml, text).unwrap();
    let (code, _, err) = publish(dir, &key);
    assert_eq!(code, 0, "{err}");
    let signed = fs::read_to_string(dir.join("editions/0001/manifest.sha256")).unwrap();
    for path in [
        "out/register.pdf",
        "out/register.ru.pdf",
        "out/html/index.html",
        "out/html/instruments/KZ-UZ-2024-004.html",
    ] {
        assert!(signed.contains(&format!("  {path}\n")), "{path} not signed");
        let inside = path.strip_prefix("out/").unwrap();
        assert_eq!(
            fs::read(dir.join("editions/0001").join(inside)).unwrap(),
            fs::read(dir.join(path)).unwrap(),
            "{inside} not archived"
        );
    }
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");

    // The bag: the whole unit and the archive, at their project paths.
    let (code, _, err) = tool(dir, &["bag", "deposit", "--quiet"]);
    assert_eq!(code, 0, "{err}");
    let bag = dir.join("deposit");
    let out = Command::new("python3")
        .args(["-m", "bagit", "--validate"])
        .arg(&bag)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = fs::read_to_string(bag.join("manifest-sha256.txt")).unwrap();
    for path in [
        "out/register.pdf",
        "out/register.ru.pdf",
        "out/html/index.html",
        "out/manifest.sha256",
        "out/manifest.json",
        "out/manifest.sha256.sig",
        "editions/latest",
        "editions/0001/manifest.sha256",
        "editions/0001/manifest.sha256.sig",
        "editions/0001/register.ru.pdf",
        "editions/0001/html/index.html",
        "editions/0001/sources/register/allowed_signers",
        "register/allowed_signers",
    ] {
        let line = listed
            .lines()
            .find(|l| l.ends_with(&format!("  data/{path}")))
            .unwrap_or_else(|| panic!("data/{path} not in the bag's manifest"));
        assert_eq!(&line[..64], sha256(&dir.join(path)), "{path}");
    }
    assert!(!listed.contains("editions/.lock"), "{listed}");
    let (code, out, err) = tool(&bag.join("data"), &["verify"]);
    assert_eq!(
        code, 0,
        "the bag's data/ verifies as the project does: {out}{err}"
    );
    assert!(out.starts_with("EDITION 1: signed"), "{out}");

    // A build keeps the web edition register.yaml asks for; --no-html
    // leaves it out this once.
    let (code, _, err) = tool(dir, &["build", "--quiet"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("out/html/index.html").exists());
    let (code, _, err) = tool(dir, &["build", "--quiet", "--no-html"]);
    assert_eq!(code, 0, "{err}");
    assert!(!dir.join("out/html").exists());
    let manifest = fs::read_to_string(dir.join("out/manifest.sha256")).unwrap();
    assert!(!manifest.contains("out/html/"), "{manifest}");

    // A page changed or slipped into the archive is named; no bag then.
    let page = dir.join("editions/0001/html/index.html");
    let mut bytes = fs::read(&page).unwrap();
    bytes.extend_from_slice(b"<!-- -->");
    fs::write(&page, bytes).unwrap();
    fs::write(dir.join("editions/0001/html/extra.html"), "x").unwrap();
    let (code, out, _) = tool(dir, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("html/index.html was changed after publication"),
        "{out}"
    );
    assert!(
        out.contains("html/extra.html is archived but not in the edition's manifest"),
        "{out}"
    );
    let (code, _, err) = tool(dir, &["bag", "again"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the archived editions have problems, so no bag was written"),
        "{err}"
    );
    assert!(!dir.join("again").exists());
}

/// A publish with the web edition killed once the edition is archived:
/// the next one restores out/ from the archive, pages included.
#[test]
fn a_killed_publish_of_a_web_edition_is_restored_with_its_pages() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    let status = Command::new(common::BIN)
        .args(["publish", "--html", "--key"])
        .arg(&key)
        .current_dir(dir)
        .env("TREATY_REGISTER_FAULT", "publish:edition-archived")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success());
    assert!(dir.join("editions/0001/html/index.html").exists());
    assert!(!dir.join("out/html").exists());
    let (code, _, err) = publish(dir, &key);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("restored it from the archive"), "{err}");
    assert_eq!(
        fs::read(dir.join("out/html/index.html")).unwrap(),
        fs::read(dir.join("editions/0001/html/index.html")).unwrap()
    );
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_no_op_build_after_a_publish_needs_the_archive_to_agree() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = project(keys.path(), "");
    let dir = test.path();
    let (code, out, err) = tool(dir, &["publish", "--key", key.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let (_, out, _) = tool(dir, &["build"]);
    assert!(out.contains("is up to date"), "{out}");
    // The edition's number forged: no archive has that manifest.
    let json = std::fs::canonicalize(dir.join("out/manifest.json")).unwrap();
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains("\"number\": 1,"), "{text}");
    std::fs::write(&json, text.replace("\"number\": 1,", "\"number\": 7,")).unwrap();
    let (code, out, err) = tool(dir, &["build"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("is up to date"), "{out}");
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
}
