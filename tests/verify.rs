//! Manifests, `verify` and `bag` through the real binary, checked against
//! independent tools: coreutils `sha256sum -c` and Python's `bagit`.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::{Test, tool};

fn sh(script: &str, dir: &Path) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sha256sum(dir: &Path, path: &str) -> String {
    let out = sh(&format!("sha256sum '{path}'"), dir);
    assert!(out.status.success());
    text(&out.stdout)[..64].to_owned()
}

/// The shipped register with one attachment, built: every role present.
fn built() -> tempfile::TempDir {
    let test = Test::with_shipped().file(
        "register/files/KZ-UZ-2024-004.pdf",
        "%PDF-1.7 signed text\n",
    );
    let entry = test.path().join("register/instruments/KZ-UZ-2024-004.yaml");
    let mut yaml = fs::read_to_string(&entry).unwrap();
    yaml.push_str(
        "files:\n  - path: files/KZ-UZ-2024-004.pdf\n    description: scan of the signed text\n",
    );
    fs::write(&entry, yaml).unwrap();
    let (_out, dir) = test.args(["build", "--quiet"]).stderr("").run();
    dir
}

fn manifest_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(dir.join("out/manifest.json")).unwrap()).unwrap()
}

#[test]
fn sha256sum_checks_the_manifest() {
    let dir = built();
    let out = sh("sha256sum -c out/manifest.sha256", dir.path());
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let report = text(&out.stdout);
    assert_eq!(report.lines().count(), 53);
    for path in [
        "register/register.yaml",
        "register/instruments/KZ-UZ-2024-016.yaml",
        "register/files/KZ-UZ-2024-004.pdf",
        "templates/register.typ.j2",
        "templates/fonts/LibertinusSerif-Regular.otf",
        "out/register.pdf",
    ] {
        assert!(
            report.contains(&format!("{path}: OK\n")),
            "{path} not checked"
        );
    }
    // Sorted by path, GNU text mode, nothing but relative paths.
    let manifest = fs::read_to_string(dir.path().join("out/manifest.sha256")).unwrap();
    let paths: Vec<&str> = manifest.lines().map(|l| &l[66..]).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert!(
        manifest
            .lines()
            .all(|l| &l[64..66] == "  " && !l[66..].starts_with('/'))
    );
}

#[test]
fn manifest_json_describes_the_build() {
    let dir = built();
    let m = manifest_json(dir.path());
    assert_eq!(m["format"], "treaty-register-manifest/1");
    assert_eq!(m["tool"]["name"], "treaty-register");
    assert_eq!(m["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["typst"]["version"], "0.15.1");
    let args: Vec<&str> = m["typst"]["arguments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        args.windows(2)
            .any(|w| w == ["--pdf-standard", "a-3a,ua-1"]),
        "{args:?}"
    );
    assert!(
        args.windows(2)
            .any(|w| w == ["--creation-timestamp", "1723075200"]),
        "{args:?}"
    );
    assert!(
        args.windows(2)
            .any(|w| w == ["--font-path", "templates/fonts"]),
        "{args:?}"
    );
    assert_eq!(m["as_of"], "2024-08-08");
    let pdf_sha = sha256sum(dir.path(), "out/register.pdf");
    assert_eq!(m["pdf"]["sha256"], pdf_sha.as_str());
    assert_eq!(m["pdf"]["path"], "out/register.pdf");
    let files = m["files"].as_array().unwrap();
    assert_eq!(files.len(), 53);
    let find = |path: &str| {
        files
            .iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("{path}"))
    };
    assert_eq!(find("register/register.yaml")["role"], "metadata");
    let entry = find("register/instruments/KZ-UZ-2024-004.yaml");
    assert_eq!(entry["role"], "instrument");
    assert_eq!(entry["id"], "KZ-UZ-2024-004");
    let attachment = find("register/files/KZ-UZ-2024-004.pdf");
    assert_eq!(attachment["role"], "attachment");
    assert_eq!(attachment["size"], 21);
    assert_eq!(find("templates/_style.typ.j2")["role"], "template");
    assert_eq!(find("out/register.pdf")["role"], "output");
    for f in files {
        let path = f["path"].as_str().unwrap();
        assert_eq!(f["sha256"], sha256sum(dir.path(), path).as_str(), "{path}");
        assert_eq!(
            f["size"],
            fs::metadata(dir.path().join(path)).unwrap().len(),
            "{path}"
        );
    }
    // The register digest: the same value in the PDF, in the manifest, and
    // from coreutils.
    let digest = sh(
        "sha256sum register/register.yaml register/instruments/*.yaml register/files/* | LC_ALL=C sort -k2 | sha256sum",
        dir.path(),
    );
    let digest = &text(&digest.stdout)[..64];
    assert_eq!(m["register_digest"], digest);
    let pdf_text = sh("pdftotext -raw out/register.pdf -", dir.path());
    assert!(text(&pdf_text.stdout).contains(&format!("Register digest: {digest}")));
    // Deterministic bytes: a rebuild writes the same manifests.
    let before = fs::read(dir.path().join("out/manifest.json")).unwrap();
    let (code, _, _) = tool(dir.path(), &["build", "--quiet", "--force"]);
    assert_eq!(code, 0);
    assert_eq!(
        fs::read(dir.path().join("out/manifest.json")).unwrap(),
        before
    );
}

#[test]
fn verify_passes_on_a_fresh_build() {
    let dir = built();
    assert_eq!(
        tool(dir.path(), &["verify"]),
        (0, "53 files verified, 0 problems\n".into(), String::new())
    );
    assert_eq!(
        tool(dir.path(), &["verify", "--manifest", "out/manifest.json"]),
        (0, "53 files verified, 0 problems\n".into(), String::new())
    );
}

/// Flips the first byte of `path`, returning the digests before and after.
fn flip(dir: &Path, path: &str) -> (String, String) {
    let before = sha256sum(dir, path);
    let full = dir.join(path);
    let mut bytes = fs::read(&full).unwrap();
    bytes[0] ^= 0x01;
    // out/register.pdf is a link into the published generation.
    let real = fs::canonicalize(&full).unwrap();
    fs::write(real, bytes).unwrap();
    (before, sha256sum(dir, path))
}

#[test]
fn one_flipped_byte_is_reported_for_exactly_that_file_whatever_its_role() {
    for (path, id) in [
        ("register/register.yaml", None),
        (
            "register/instruments/KZ-UZ-2024-004.yaml",
            Some("KZ-UZ-2024-004"),
        ),
        ("register/files/KZ-UZ-2024-004.pdf", None),
        ("templates/_entries.typ.j2", None),
        ("templates/fonts/DejaVuSansMono.ttf", None),
        ("out/register.pdf", None),
    ] {
        let dir = built();
        let (expected, found) = flip(dir.path(), path);
        let detail = match id {
            Some(id) => format!("instrument {id}; expected {expected}, found {found}"),
            None => format!("expected {expected}, found {found}"),
        };
        assert_eq!(
            tool(dir.path(), &["verify"]),
            (
                1,
                format!("MODIFIED {path} ({detail})\n"),
                "error: 53 files verified, 1 problem\n".into()
            ),
            "{path}"
        );
        // coreutils agrees.
        let out = sh("sha256sum -c --quiet out/manifest.sha256", dir.path());
        assert_eq!(text(&out.stdout), format!("{path}: FAILED\n"));
    }
}

#[test]
fn deleted_and_added_files() {
    let dir = built();
    fs::remove_file(dir.path().join("register/instruments/KZ-UZ-2024-009.yaml")).unwrap();
    let mut yaml =
        fs::read_to_string(dir.path().join("register/instruments/KZ-UZ-2024-016.yaml")).unwrap();
    yaml = yaml.replace("KZ-UZ-2024-016", "KZ-UZ-2024-017");
    fs::write(
        dir.path().join("register/instruments/KZ-UZ-2024-017.yaml"),
        yaml,
    )
    .unwrap();
    fs::write(dir.path().join("register/files/unreferenced.pdf"), "x").unwrap();
    assert_eq!(
        tool(dir.path(), &["verify"]),
        (
            1,
            "UNLISTED register/files/unreferenced.pdf\n\
             MISSING register/instruments/KZ-UZ-2024-009.yaml\n\
             UNLISTED register/instruments/KZ-UZ-2024-017.yaml\n"
                .into(),
            "error: 53 files verified, 3 problems\n".into()
        )
    );
}

#[test]
fn verify_json_for_machines() {
    let dir = built();
    let (expected, found) = flip(dir.path(), "register/instruments/KZ-UZ-2024-001.yaml");
    let (code, stdout, _) = tool(dir.path(), &["verify", "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({
            "manifest": "out/manifest.sha256",
            "files": 53,
            "ok": false,
            "findings": [{
                "kind": "modified",
                "path": "register/instruments/KZ-UZ-2024-001.yaml",
                "id": "KZ-UZ-2024-001",
                "expected": expected,
                "found": found,
            }],
        })
    );
}

#[test]
fn rebuild_proves_the_pdf_and_catches_an_edited_template() {
    let dir = built();
    let pdf = sha256sum(dir.path(), "out/register.pdf");
    // An audit writes nothing into out/ (not even for a moment: the
    // folder's modification time would move).
    let out_mtime = || {
        fs::metadata(dir.path().join("out"))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = out_mtime();
    assert_eq!(
        tool(dir.path(), &["verify", "--rebuild"]),
        (
            0,
            format!(
                "REBUILT out/register.pdf identical to the published PDF (sha256 {pdf})\n53 files verified, 0 problems\n"
            ),
            String::new()
        )
    );
    assert_eq!(out_mtime(), before, "verify --rebuild wrote into out/");
    let title = dir.path().join("templates/_title.typ.j2");
    let edited = fs::read_to_string(&title)
        .unwrap()
        .replace("size: 24pt", "size: 23pt");
    fs::write(&title, edited).unwrap();
    let (code, stdout, stderr) = tool(dir.path(), &["verify"]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("MODIFIED templates/_title.typ.j2 (expected "),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert_eq!(stderr, "error: 53 files verified, 1 problem\n");
    let (code, stdout, stderr) = tool(dir.path(), &["verify", "--rebuild"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with(&format!(
            "REBUILD DIFFERS out/register.pdf (published {pdf}, rebuilt "
        )),
        "{stdout}"
    );
    assert!(
        lines[0].ends_with("the published PDF was not produced from these entries and templates")
    );
    assert!(lines[1].starts_with("MODIFIED templates/_title.typ.j2"));
    assert_eq!(stderr, "error: 53 files verified, 2 problems\n");
}

#[test]
fn rebuild_with_another_typst_version_says_so() {
    let dir = built();
    let path = dir.path().join("out/manifest.json");
    let json = fs::read_to_string(&path)
        .unwrap()
        .replace("\"version\": \"0.15.1\"", "\"version\": \"0.15.0\"");
    // The manifests live in the published generation; write through the link.
    fs::write(fs::canonicalize(&path).unwrap(), json).unwrap();
    assert_eq!(
        tool(dir.path(), &["verify", "--rebuild"]),
        (
            1,
            "TYPST VERSION out/register.pdf (published with typst 0.15.0, this machine has typst 0.15.1; \
             a rebuild can only be compared with the same typst)\n"
                .into(),
            "error: 53 files verified, 1 problem\n".into()
        )
    );
}

#[test]
fn malformed_manifests_name_the_line() {
    let dir = built();
    let fixtures = common::repo().join("tests/fixtures/manifests");
    for (name, expected) in [
        (
            "bad-hex.sha256",
            "2 (`e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852` is not a SHA-256 digest (64 lower-case hexadecimal digits))",
        ),
        ("bad-line.sha256", "2 (expected `<sha256>  <path>`)"),
        ("absolute-path.sha256", "2 (absolute path `/etc/passwd`)"),
        (
            "dot-dot.sha256",
            "1 (path `register/../../etc/passwd` leads outside the project (`..`))",
        ),
        (
            "duplicate-path.sha256",
            "3 (`register/register.yaml` is listed twice)",
        ),
        (
            "upper-case-hex.sha256",
            "2 (`E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855` is not a SHA-256 digest (64 lower-case hexadecimal digits))",
        ),
    ] {
        let manifest = fixtures.join(name);
        let (code, stdout, stderr) = tool(
            dir.path(),
            &["verify", "--manifest", manifest.to_str().unwrap()],
        );
        assert_eq!(code, 1, "{name}");
        assert_eq!(stdout, "", "{name}");
        assert_eq!(
            stderr,
            format!(
                "error: malformed manifest {}:{expected}\n  hint: the manifest was changed by hand or damaged; \
                 rebuild it with `treaty-register build` from trusted files\n",
                manifest.display()
            ),
            "{name}"
        );
    }
}

#[test]
fn a_manifest_json_that_disagrees_is_reported() {
    let dir = built();
    let path = dir.path().join("out/manifest.json");
    let json = fs::read_to_string(&path).unwrap();
    let pdf = sha256sum(dir.path(), "out/register.pdf");
    let json = json.replace(&pdf, &"0".repeat(64));
    fs::write(fs::canonicalize(&path).unwrap(), json).unwrap();
    assert_eq!(
        tool(dir.path(), &["verify"]),
        (
            1,
            "INCONSISTENT out/manifest.json (it lists other files or digests than out/manifest.sha256)\n".into(),
            "error: 53 files verified, 1 problem\n".into()
        )
    );
}

#[test]
fn a_register_digest_that_is_not_the_files_is_reported() {
    let dir = built();
    let path = dir.path().join("out/manifest.json");
    let json = fs::read_to_string(&path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let stated = value["register_digest"].as_str().unwrap();
    let forged = "f".repeat(64);
    fs::write(
        fs::canonicalize(&path).unwrap(),
        json.replace(stated, &forged),
    )
    .unwrap();
    assert_eq!(
        tool(dir.path(), &["verify"]),
        (
            1,
            format!(
                "INCONSISTENT out/manifest.json (its register_digest {forged} is not that of the register files it lists ({stated}))\n"
            ),
            "error: 53 files verified, 1 problem\n".into()
        )
    );
}

#[cfg(unix)]
#[test]
fn verify_never_opens_outside_the_root_or_a_fifo() {
    let dir = built();
    let sums = dir.path().join("out/manifest.sha256");
    let mut text = fs::read_to_string(&sums).unwrap();
    let zero = "0".repeat(64);
    text.push_str(&format!(
        "{zero}  register/files/escape.pdf\n{zero}  register/files/pipe.pdf\n"
    ));
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_by_key(|l| &l[66..]);
    let text = lines.join("\n") + "\n";
    fs::write(fs::canonicalize(&sums).unwrap(), text).unwrap();
    fs::remove_file(fs::canonicalize(dir.path().join("out/manifest.json")).unwrap()).unwrap();
    std::os::unix::fs::symlink(
        "/etc/hostname",
        dir.path().join("register/files/escape.pdf"),
    )
    .unwrap();
    let status = Command::new("mkfifo")
        .arg(dir.path().join("register/files/pipe.pdf"))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        tool(dir.path(), &["verify"]),
        (
            1,
            "UNREADABLE register/files/escape.pdf (leads outside the project root; not opened)\n\
             UNREADABLE register/files/pipe.pdf (not a regular file; not opened)\n"
                .into(),
            "error: 55 files verified, 2 problems\n".into()
        )
    );
}

#[test]
fn no_manifest_yet() {
    Test::with_shipped()
        .args(["verify"])
        .stderr(
            "error: no manifest at ./out/manifest.sha256 (the register has not been built there)\n  \
             hint: run `treaty-register build` first, or name the manifest with --manifest\n",
        )
        .status(2)
        .run();
}

#[test]
fn bag_is_valid_bagit_and_deterministic() {
    let dir = built();
    let (code, stdout, stderr) = tool(dir.path(), &["bag", "bag-one"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert_eq!(stdout, "wrote the bag bag-one (55 payload files)\n");
    let bag = dir.path().join("bag-one");
    // Python's bagit (installed by .ci/run) validates every digest.
    let out = Command::new("python3")
        .args(["-c", "import bagit,sys; b=bagit.Bag(sys.argv[1]); b.validate(); print(b.info['Payload-Oxum'])"])
        .arg(&bag)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        fs::read_to_string(bag.join("bagit.txt")).unwrap(),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    let info = fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    let files: Vec<_> = fs::read_to_string(bag.join("manifest-sha256.txt"))
        .unwrap()
        .lines()
        .map(|l| l[66..].to_owned())
        .collect();
    let octets: u64 = files
        .iter()
        .map(|f| fs::metadata(bag.join(f)).unwrap().len())
        .sum();
    // RFC 8493: Bagging-Date is the day the bag was made (coreutils' date).
    let today = text(
        &Command::new("date")
            .args(["-u", "+%F"])
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(
        info,
        format!(
            "External-Identifier: KZ-UZ/2024/1\nExternal-Description: Register of International Instruments\n\
             Bagging-Date: {}\nPayload-Oxum: {octets}.55\nBag-Software-Agent: treaty-register {}\n",
            today.trim(),
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(text(&out.stdout).trim(), format!("{octets}.55"));
    // data/ is the project as published: the unit at its project paths,
    // with the manifests that describe it.
    for expected in [
        "data/out/register.pdf",
        "data/out/manifest.sha256",
        "data/out/manifest.json",
        "data/register/register.yaml",
        "data/register/instruments/KZ-UZ-2024-001.yaml",
        "data/register/files/KZ-UZ-2024-004.pdf",
        "data/templates/register.typ.j2",
    ] {
        assert!(
            files.iter().any(|f| f == expected),
            "{expected} not in the bag"
        );
    }
    assert_eq!(
        fs::read(bag.join("data/out/register.pdf")).unwrap(),
        fs::read(dir.path().join("out/register.pdf")).unwrap()
    );
    // The same register bags to the same bytes (on the same day).
    let (code, _, _) = tool(dir.path(), &["bag", "bag-two", "--quiet"]);
    assert_eq!(code, 0);
    for tag in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "tagmanifest-sha256.txt",
    ] {
        assert_eq!(
            fs::read(bag.join(tag)).unwrap(),
            fs::read(dir.path().join("bag-two").join(tag)).unwrap(),
            "{tag}"
        );
    }
}

#[test]
fn bag_refuses_a_non_empty_destination_and_a_tampered_register() {
    let dir = built();
    fs::create_dir(dir.path().join("taken")).unwrap();
    fs::write(dir.path().join("taken/file"), "x").unwrap();
    assert_eq!(
        tool(dir.path(), &["bag", "taken"]),
        (
            2,
            String::new(),
            "error: taken exists and is not empty; the bag was not written\n  hint: name a new folder for the bag\n".into()
        )
    );
    assert_eq!(fs::read_dir(dir.path().join("taken")).unwrap().count(), 1);
    let (_, found) = flip(dir.path(), "register/register.yaml");
    let (code, _, stderr) = tool(dir.path(), &["bag", "fresh"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "error: the published files do not match the manifest, so no bag was written: \
             register/register.yaml (found {found}) (run `treaty-register verify`)\n"
        )
    );
    assert!(!dir.path().join("fresh").exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".bag-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
