//! PAdES seals and RFC 3161 time-stamps (#29), through the real binary,
//! typst, and independent validators: poppler's `pdfsig` (whose exit code
//! is 0 even for a tampered file, so its text is read), pyHanko and
//! `qpdf --check`. The PKI is the tests' own (`tests/support/pki.sh`,
//! openssl), and the time-stamping authority runs on 127.0.0.1
//! (`tests/support/tsa.py`, `openssl ts -reply`), started and stopped here.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{Test, pdf_text, tool};

/// A PKI made for one test.
struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let made = Command::new("bash")
            .arg(common::repo().join("tests/support/pki.sh"))
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(made.status.success(), "{made:?}");
        Pki { dir }
    }

    fn file(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}

/// The time-stamping authority, stopped when dropped.
struct Tsa {
    child: Child,
    url: String,
}

impl Tsa {
    fn start(pki: &Pki) -> Tsa {
        let mut child = Command::new("python3")
            .arg(common::repo().join("tests/support/tsa.py"))
            .arg(pki.dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut port = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut port)
            .unwrap();
        Tsa {
            child,
            url: format!("http://127.0.0.1:{}/tsr", port.trim()),
        }
    }
}

impl Drop for Tsa {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(program).args(args).output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn pdfsig(pdf: &Path) -> String {
    run("pdfsig", &[&pdf.display().to_string()]).1
}

fn pyhanko(pdf: &Path, root: Option<&str>) -> (bool, String) {
    let pdf = pdf.display().to_string();
    let mut args = vec!["sign", "validate", "--no-revocation-check"];
    if let Some(root) = root {
        args.extend(["--trust", root, "--trust-replace"]);
    }
    args.push(&pdf);
    run("pyhanko", &args)
}

/// The documents fixture, its register trusting the test PKI's root for
/// seals and time-stamps (as it must to seal).
fn trusting(pki: &Pki) -> Test {
    let test = Test::fixture("documents");
    let root = std::fs::read(pki.file("root.pem")).unwrap();
    for list in ["register/allowed_seals.pem", "register/allowed_tsa.pem"] {
        std::fs::write(test.path().join(list), &root).unwrap();
    }
    test
}

/// An extract of TR-1 of the documents fixture, sealed with `extra`.
fn sealed(pki: &Pki, extra: &[&str]) -> (Test, PathBuf) {
    let test = trusting(pki);
    let mut args = vec!["--out", "sealed.pdf"];
    args.extend(extra);
    let (code, out, err) = extract_sealed(&test, pki, "seal.key", "seal.pem", &args);
    assert_eq!(code, 0, "{out}{err}");
    let pdf = test.path().join("sealed.pdf");
    (test, pdf)
}

/// `extract TR-1` sealed with the PKI's `key` and `cert` (file names)
/// and `extra` options.
fn extract_sealed(
    test: &Test,
    pki: &Pki,
    key: &str,
    cert: &str,
    extra: &[&str],
) -> (i32, String, String) {
    let (key, cert) = (pki.file(key), pki.file(cert));
    let mut args = vec!["extract", "TR-1", "--seal-key", &key, "--seal-cert", &cert];
    args.extend(extra);
    tool(test.path(), &args)
}

/// Takes the project's trust lists away: it trusts nothing, as an
/// auditor's folder, unless `--trust` says so.
fn distrust(test: &Test) {
    for list in ["register/allowed_seals.pem", "register/allowed_tsa.pem"] {
        std::fs::remove_file(test.path().join(list)).unwrap();
    }
}

#[test]
fn a_sealed_and_time_stamped_extract_passes_every_validator() {
    let pki = Pki::new();
    let tsa = Tsa::start(&pki);
    let (test, pdf) = sealed(&pki, &["--tsa", &tsa.url]);
    let sig = pdfsig(&pdf);
    assert!(
        sig.contains("Signature Validation: Signature is Valid."),
        "{sig}"
    );
    assert!(sig.contains("Total document signed"), "{sig}");
    assert!(sig.contains("Signature Type: ETSI.CAdES.detached"), "{sig}");
    assert!(sig.contains("CN=Treaty Department Seal"), "{sig}");
    let (ok, hanko) = pyhanko(&pdf, Some(&pki.file("root.pem")));
    assert!(ok, "{hanko}");
    assert!(hanko.contains("INTACT:TRUSTED"), "{hanko}");
    assert!(hanko.contains("TIMESTAMP_TOKEN<INTACT:TRUSTED>"), "{hanko}");
    assert!(hanko.contains("UNTOUCHED"), "{hanko}");
    let (ok, qpdf) = run("qpdf", &["--check", &pdf.display().to_string()]);
    assert!(ok, "{qpdf}");
    assert!(
        qpdf.contains("No syntax or stream encoding errors"),
        "{qpdf}"
    );
    // The bytes before the seal are the extract unsealed, exactly.
    let (code, _, err) = tool(test.path(), &["extract", "TR-1", "--out", "plain.pdf"]);
    assert_eq!(code, 0, "{err}");
    let plain = std::fs::read(test.path().join("plain.pdf")).unwrap();
    let sealed_bytes = std::fs::read(&pdf).unwrap();
    assert!(sealed_bytes.len() > plain.len());
    assert_eq!(&sealed_bytes[..plain.len()], &plain[..]);
    assert_eq!(pdf_text(&pdf), pdf_text(&test.path().join("plain.pdf")));
    // Audited alone, in another folder, with the root trusted.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(&pdf, elsewhere.path().join("x.pdf")).unwrap();
    let root = pki.file("root.pem");
    let (code, out, err) = tool(
        elsewhere.path(),
        &["verify", "--pdf", "x.pdf", "--rebuild", "--trust", &root],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("REBUILT from the embedded sources: identical to this PDF before its seal"),
        "{out}"
    );
    assert!(
        out.contains("SEAL valid and trusted: CN=Treaty Department Seal,O=Ministry of Foreign Affairs,C=KZ (issued by CN=Test Root CA"),
        "{out}"
    );
    assert!(out.contains("time-stamped 20"), "{out}");
    assert!(out.contains("by CN=Test Time-Stamping Authority"), "{out}");
}

#[test]
fn tampering_appending_and_an_untrusted_seal_are_named() {
    let pki = Pki::new();
    let (test, pdf) = sealed(&pki, &[]);
    distrust(&test);
    let root = pki.file("root.pem");
    let verify =
        |file: &str, trust: &str| tool(test.path(), &["verify", "--pdf", file, "--trust", trust]);
    let (code, out, err) = verify("sealed.pdf", &root);
    assert_eq!(code, 0, "{out}{err}");

    // A byte changed inside the signed range (in the first page's text
    // stream, far from the seal).
    let mut bytes = std::fs::read(&pdf).unwrap();
    let at = bytes.len() / 3;
    bytes[at] ^= 0x20;
    std::fs::write(test.path().join("tampered.pdf"), &bytes).unwrap();
    let (code, out, _) = verify("tampered.pdf", &root);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("PROBLEM SEAL-INVALID the file's bytes do not match the digest it signed"),
        "{out}"
    );
    let sig = pdfsig(&test.path().join("tampered.pdf"));
    assert!(!sig.contains("Signature is Valid."), "{sig}");

    // Bytes after the seal.
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.extend_from_slice(b"% appended\n");
    std::fs::write(test.path().join("appended.pdf"), &bytes).unwrap();
    let (code, out, _) = verify("appended.pdf", &root);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("PROBLEM SEAL-PARTIAL 11 bytes were added after the seal"),
        "{out}"
    );
    let sig = pdfsig(&test.path().join("appended.pdf"));
    assert!(!sig.contains("Total document signed"), "{sig}");

    // Trusting another root only.
    let other = pki.file("other-root.pem");
    let (code, out, _) = verify("sealed.pdf", &other);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("PROBLEM SEAL-UNTRUSTED its certificate (CN=Treaty Department Seal"),
        "{out}"
    );
    let (ok, hanko) = pyhanko(&pdf, Some(&other));
    assert!(!ok || !hanko.contains(":TRUSTED"), "{hanko}");
    // The project's own list trusts it.
    std::fs::copy(&root, test.path().join("register/allowed_seals.pem")).unwrap();
    let (code, out, err) = verify("sealed.pdf", &other);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_time_stamp_from_an_untrusted_authority_is_named() {
    let pki = Pki::new();
    let tsa = Tsa::start(&pki);
    let (test, _) = sealed(&pki, &["--tsa", &tsa.url]);
    distrust(&test);
    // The seal's issuer trusted in the project, the TSA's root not at all.
    let seal = pki.file("seal.pem");
    let (code, out, _) = tool(
        test.path(),
        &["verify", "--pdf", "sealed.pdf", "--trust", &seal],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("PROBLEM TIMESTAMP-INVALID its TSA (CN=Test Time-Stamping Authority"),
        "{out}"
    );
    assert!(!out.contains("SEAL-UNTRUSTED"), "{out}");
}

#[test]
fn a_seal_that_cannot_be_applied_stops_before_anything_is_written() {
    let pki = Pki::new();
    let test = trusting(&pki);
    let refused = |key: &str, cert: &str, expected: &str| {
        let (code, out, err) = extract_sealed(&test, &pki, key, cert, &[]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains(expected), "{err}");
        assert!(!test.path().join("out").exists(), "nothing was written");
    };
    refused(
        "seal.key",
        "expired.pem",
        "is valid from 2020-01-01T00:00:00Z to 2021-01-01T00:00:00Z, not today",
    );
    refused("ec.key", "seal.pem", "is not an RSA private key in PEM");
    refused("tsa.key", "seal.pem", "does not certify the seal's key");
    refused("small.key", "seal.pem", "small.key has 1024 bits");
    // A chain file that holds a certificate which issued nothing of the
    // seal's is refused, naming it.
    let other = pki.file("other-root.pem");
    let (code, _, err) = extract_sealed(
        &test,
        &pki,
        "seal.key",
        "seal.pem",
        &["--seal-chain", &other],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("CN=Other Root CA") && err.contains("which is not an issuer of"),
        "{err}"
    );
    assert!(!test.path().join("out").exists(), "nothing was written");
    // A TSA that does not answer: nothing is written either.
    let (code, _, err) = extract_sealed(
        &test,
        &pki,
        "seal.key",
        "seal.pem",
        &["--tsa", "http://127.0.0.1:9/tsr"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the time-stamping authority http://127.0.0.1:9/tsr gave no token"),
        "{err}"
    );
    assert!(!test.path().join("out/extracts").exists(), "{err}");
    // A time-stamping authority the register does not trust.
    let tsa = Tsa::start(&pki);
    let other = std::fs::read(pki.file("other-root.pem")).unwrap();
    std::fs::write(test.path().join("register/allowed_tsa.pem"), other).unwrap();
    let (code, _, err) = extract_sealed(&test, &pki, "seal.key", "seal.pem", &["--tsa", &tsa.url]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("would not pass `verify`"), "{err}");
    assert!(err.contains("register/allowed_tsa.pem"), "{err}");
    assert!(!test.path().join("out/extracts").exists(), "{err}");
    // A seal the register does not trust.
    let other = std::fs::read(pki.file("other-root.pem")).unwrap();
    std::fs::write(test.path().join("register/allowed_seals.pem"), other).unwrap();
    let (code, _, err) = extract_sealed(&test, &pki, "seal.key", "seal.pem", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not trusted by register/allowed_seals.pem"),
        "{err}"
    );
}

#[test]
fn an_end_entity_certificate_issues_no_seal() {
    // The TSA's certificate (not a CA) signs a seal certificate for a
    // forger: signatures link, but only an authority issues.
    let pki = Pki::new();
    let dir = pki.dir.path();
    let made = Command::new("bash")
        .arg("-c")
        .arg(
            "openssl req -newkey rsa:2048 -nodes -keyout evil.key -out evil.csr \
               -subj '/CN=Treaty Department Seal' 2>/dev/null && \
             openssl x509 -req -in evil.csr -CA tsa.pem -CAkey tsa.key -CAcreateserial -out evil.pem \
               -days 30 -extfile seal.ext 2>/dev/null",
        )
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(made.success());
    let test = trusting(&pki);
    let chain = pki.file("tsa.pem");
    let (code, _, err) = extract_sealed(
        &test,
        &pki,
        "evil.key",
        "evil.pem",
        &["--seal-chain", &chain],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not trusted by register/allowed_seals.pem"),
        "{err}"
    );
}

/// The documents fixture with an SSH key allowed to sign and the test
/// PKI's root trusted for seals and time-stamps.
fn publishable(pki: &Pki) -> (Test, String) {
    let test = Test::fixture("documents");
    let key = test.path().join("clerk");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-C", "clerk", "-N", "", "-f"])
        .arg(&key)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(made.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    std::fs::write(
        test.path().join("register/allowed_signers"),
        format!("clerk@mfa.example namespaces=\"treaty-register\" {public}"),
    )
    .unwrap();
    let root = std::fs::read(pki.file("root.pem")).unwrap();
    std::fs::write(test.path().join("register/allowed_seals.pem"), &root).unwrap();
    std::fs::write(test.path().join("register/allowed_tsa.pem"), &root).unwrap();
    (test, key.display().to_string())
}

#[test]
fn a_sealed_edition_in_volumes_is_checked_by_every_tool() {
    let pki = Pki::new();
    let tsa = Tsa::start(&pki);
    let (test, key) = publishable(&pki);
    let root = test.path();
    let (seal_key, seal_cert) = (pki.file("seal.key"), pki.file("seal.pem"));
    let publish = |extra: &[&str]| {
        let mut args = vec![
            "publish",
            "--key",
            &key,
            "--seal-key",
            &seal_key,
            "--seal-cert",
            &seal_cert,
            "--tsa",
            &tsa.url,
            "--volume-size",
            "2",
        ];
        args.extend(extra);
        tool(root, &args)
    };
    let (code, out, err) = publish(&[]);
    assert_eq!(code, 0, "{out}{err}");
    // Every PDF of the edition: volumes, the general volume, the indexes.
    let pdfs: Vec<PathBuf> = std::fs::read_dir(root.join("editions/0001"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert!(pdfs.len() >= 4, "{pdfs:?}");
    for pdf in &pdfs {
        let sig = pdfsig(pdf);
        assert!(
            sig.contains("Signature is Valid.") && sig.contains("Total document signed"),
            "{}: {sig}",
            pdf.display()
        );
    }
    let (ok, hanko) = pyhanko(&pdfs[0], Some(&pki.file("root.pem")));
    assert!(
        ok && hanko.contains("INTACT:TRUSTED") && hanko.contains("TIMESTAMP_TOKEN<INTACT:TRUSTED>"),
        "{hanko}"
    );
    // The manifest's time-stamp, checked by openssl; and over other data, refused.
    let edition = root.join("editions/0001");
    let ts_verify = |data: &str| {
        run(
            "openssl",
            &[
                "ts",
                "-verify",
                "-data",
                &edition.join(data).display().to_string(),
                "-in",
                &edition.join("manifest.tsr").display().to_string(),
                "-CAfile",
                &pki.file("root.pem"),
            ],
        )
    };
    let (ok, text) = ts_verify("manifest.sha256");
    assert!(ok && text.contains("Verification: OK"), "{text}");
    let (ok, _) = ts_verify("manifest.json");
    assert!(!ok, "a token over other data");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(edition.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["seal"]["subject"],
        "CN=Treaty Department Seal,O=Ministry of Foreign Affairs,C=KZ"
    );
    assert_eq!(manifest["timestamp"]["tsa"], tsa.url.as_str());
    // verify: seals and time-stamp hold, the signature judged at the token's time.
    let (code, out, err) = tool(root, &["verify", "--rebuild"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("the signature judged at its RFC 3161 time (20"),
        "{out}"
    );
    // A second edition re-seals the PDFs it takes unchanged.
    common::edit(&root.join("register/instruments/TR-5.yaml"), |t| {
        format!("{t}# changed\n")
    });
    let (code, out, err) = publish(&[]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = tool(root, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    // Edition 1's token put in edition 2's place stamps other data.
    std::fs::copy(
        edition.join("manifest.tsr"),
        root.join("editions/0002/manifest.tsr"),
    )
    .unwrap();
    let (code, out, _) = tool(root, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "EDITION editions/0002 (TIMESTAMP-INVALID manifest.tsr: it stamps other data)"
        ),
        "{out}"
    );
    // Taken away, while manifest.json still names it.
    std::fs::remove_file(root.join("editions/0002/manifest.tsr")).unwrap();
    let (code, out, _) = tool(root, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("names a time-stamp of 20") && out.contains("and manifest.tsr is missing"),
        "{out}"
    );
}

#[test]
fn publish_refuses_a_seal_its_register_does_not_trust() {
    let pki = Pki::new();
    let (test, key) = publishable(&pki);
    let other = std::fs::read(pki.file("other-root.pem")).unwrap();
    std::fs::write(test.path().join("register/allowed_seals.pem"), other).unwrap();
    let (seal_key, seal_cert) = (pki.file("seal.key"), pki.file("seal.pem"));
    let (code, _, err) = tool(
        test.path(),
        &[
            "publish",
            "--key",
            &key,
            "--seal-key",
            &seal_key,
            "--seal-cert",
            &seal_cert,
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not trusted by register/allowed_seals.pem"),
        "{err}"
    );
    assert!(!test.path().join("editions").exists());
    assert!(!test.path().join("out").exists());
}

#[test]
fn a_pkcs12_seal_opens_with_its_passphrase() {
    let pki = Pki::new();
    let test = trusting(&pki);
    let p12 = pki.file("seal.p12");
    let run_with = |passphrase: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_treaty-register"));
        command
            .args(["extract", "TR-1", "--seal", &p12, "--out", "p12.pdf"])
            .current_dir(test.path())
            .env("NO_COLOR", "1")
            .env_remove("TREATY_REGISTER_SEAL_PASSPHRASE")
            .stdin(Stdio::null());
        if let Some(p) = passphrase {
            command.env("TREATY_REGISTER_SEAL_PASSPHRASE", p);
        }
        let out = command.output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run_with(None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("needs its passphrase, and there is no terminal to ask it at"),
        "{err}"
    );
    let (code, err) = run_with(Some("wrong"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be opened"), "{err}");
    assert!(!test.path().join("p12.pdf").exists());
    let (code, err) = run_with(Some("s3cret"));
    assert_eq!(code, 0, "{err}");
    let sig = pdfsig(&test.path().join("p12.pdf"));
    assert!(
        sig.contains("Signature is Valid.") && sig.contains("Total document signed"),
        "{sig}"
    );
    // The chain came with it: pyHanko needs only the root.
    let (ok, hanko) = pyhanko(&test.path().join("p12.pdf"), Some(&pki.file("root.pem")));
    assert!(ok && hanko.contains("INTACT:TRUSTED"), "{hanko}");
}

#[test]
fn a_seal_issued_by_an_intermediate_carries_its_chain() {
    let pki = Pki::new();
    let test = trusting(&pki);
    let (chain, root) = (pki.file("issuing.pem"), pki.file("root.pem"));
    let seal = |extra: &[&str]| {
        let mut args = vec!["--out", "chained.pdf"];
        args.extend(extra);
        extract_sealed(&test, &pki, "seal2.key", "seal2.pem", &args)
    };
    // Without its chain nothing links the seal to the root: the register
    // refuses to seal with it.
    let (code, _, err) = seal(&[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not trusted by register/allowed_seals.pem"),
        "{err}"
    );
    let (code, _, err) = seal(&["--seal-chain", &chain]);
    assert_eq!(code, 0, "{err}");
    distrust(&test);
    // Only the root is trusted: the intermediate in the seal links them.
    let (code, out, err) = tool(
        test.path(),
        &["verify", "--pdf", "chained.pdf", "--trust", &root],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("SEAL valid and trusted: CN=Treaty Department Seal 2"),
        "{out}"
    );
    let (ok, hanko) = pyhanko(&test.path().join("chained.pdf"), Some(&root));
    assert!(ok && hanko.contains("INTACT:TRUSTED"), "{hanko}");
    // Trusting another root only, the chain it carries leads nowhere.
    let other = pki.file("other-root.pem");
    let (code, out, _) = tool(
        test.path(),
        &["verify", "--pdf", "chained.pdf", "--trust", &other],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("SEAL-UNTRUSTED"), "{out}");
}

#[test]
fn an_encrypted_pem_key_opens_with_its_passphrase() {
    let pki = Pki::new();
    let test = trusting(&pki);
    let (key, cert) = (pki.file("seal-encrypted.key"), pki.file("seal.pem"));
    let run_with = |passphrase: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_treaty-register"))
            .args(["extract", "TR-1", "--out", "enc.pdf"])
            .args(["--seal-key", &key, "--seal-cert", &cert])
            .current_dir(test.path())
            .env("NO_COLOR", "1")
            .env("TREATY_REGISTER_SEAL_PASSPHRASE", passphrase)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run_with("wrong");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("seal-encrypted.key cannot be decrypted"),
        "{err}"
    );
    assert!(!test.path().join("enc.pdf").exists());
    let (code, err) = run_with("s3cret");
    assert_eq!(code, 0, "{err}");
    let (ok, hanko) = pyhanko(&test.path().join("enc.pdf"), Some(&pki.file("root.pem")));
    assert!(ok && hanko.contains("INTACT:TRUSTED"), "{hanko}");
}

#[test]
fn require_seal_names_a_pdf_without_one_and_a_garbled_time_is_not_echoed() {
    let pki = Pki::new();
    let (test, sealed_pdf) = sealed(&pki, &[]);
    let (code, out, err) = tool(test.path(), &["extract", "TR-1", "--out", "plain.pdf"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = tool(test.path(), &["verify", "--pdf", "plain.pdf"]);
    assert_eq!(
        code, 0,
        "an unsealed PDF is sound without --require-seal: {out}"
    );
    let (code, out, _) = tool(
        test.path(),
        &["verify", "--pdf", "plain.pdf", "--require-seal"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("SEAL-MISSING"), "{out}");
    let (code, out, _) = tool(
        test.path(),
        &["verify", "--pdf", "sealed.pdf", "--require-seal"],
    );
    assert_eq!(code, 0, "{out}");
    // A seal's /M rewritten with a terminal escape: the seal breaks, and
    // the time is shown escaped, never raw.
    let mut bytes = std::fs::read(&sealed_pdf).unwrap();
    // The signature dictionary's `/M <443A…>` ("D:…" in hex): its year
    // becomes ESC [ 2 J, a terminal's clear-screen.
    let at = bytes.windows(8).rposition(|w| w == b"/M <443A").unwrap() + 8;
    bytes[at..at + 8].copy_from_slice(b"1B5B324A");
    std::fs::write(&sealed_pdf, &bytes).unwrap();
    let (code, out, _) = tool(test.path(), &["verify", "--pdf", "sealed.pdf"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("SEAL-INVALID"), "{out}");
    assert!(out.contains("does not state readably"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out}");
}
