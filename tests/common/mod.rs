//! A small fluent harness for running the real binary on a throwaway
//! project: files in, arguments, then the exact stdout, stderr and status.
//!
//! ```ignore
//! Test::with_base()
//!     .file("register/instruments/A-3.yaml", "id: A-3\n")
//!     .args(["check"])
//!     .stderr("…")
//!     .status(1)
//!     .run();
//! ```

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_treaty-register");

/// The repository's own folder, for tests on the shipped register.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A minimal valid register with two instruments, which most tests extend
/// with one broken file.
pub const BASE_REGISTER: &str = "\
title: Test register
as_of: 2024-08-08
id_prefix: A
";

pub fn valid_instrument(id: &str) -> String {
    format!(
        "\
id: {id}
title: Agreement on testing
type: agreement
parties:
  - state: KAZ
    body: Government of the Republic of Kazakhstan
  - state: UZB
    body: Government of the Republic of Uzbekistan
signed:
  date: 2024-08-08
status: signed
sources:
  - title: A report
"
    )
}

pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdout: Option<String>,
    stderr: Option<String>,
    status: i32,
}

impl Test {
    /// An empty project folder.
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            env: Vec::new(),
            stdout: None,
            stderr: None,
            status: 0,
        }
    }

    /// A project with [`BASE_REGISTER`] and valid instruments `A-1`, `A-2`.
    pub fn with_base() -> Self {
        Test::new()
            .file("register/register.yaml", BASE_REGISTER)
            .file("register/instruments/A-1.yaml", valid_instrument("A-1"))
            .file("register/instruments/A-2.yaml", valid_instrument("A-2"))
    }

    /// A copy of the shipped register (register/, templates/, schema/).
    pub fn with_shipped() -> Self {
        let test = Test::new();
        for dir in ["register", "templates", "schema"] {
            copy_dir(&repo().join(dir), &test.path().join(dir));
        }
        test
    }

    /// A copy of `tests/fixtures/<name>` with the shipped template set.
    pub fn fixture(name: &str) -> Self {
        let test = Test::new();
        copy_dir(&repo().join("tests/fixtures").join(name), test.path());
        copy_dir(&repo().join("templates"), &test.path().join("templates"));
        test
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(self, path: &str, contents: impl AsRef<[u8]>) -> Self {
        let full = self.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, contents).unwrap();
        self
    }

    pub fn remove(self, path: &str) -> Self {
        fs::remove_file(self.path().join(path)).unwrap();
        self
    }

    #[cfg(unix)]
    pub fn symlink(self, target: &str, link: &str) -> Self {
        let full = self.path().join(link);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, full).unwrap();
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn stdout(mut self, expected: &str) -> Self {
        self.stdout = Some(expected.into());
        self
    }

    pub fn stderr(mut self, expected: &str) -> Self {
        self.stderr = Some(expected.into());
        self
    }

    pub fn status(mut self, code: i32) -> Self {
        self.status = code;
        self
    }

    /// Runs the binary in the project folder and checks what was expected;
    /// returns the output and the folder for further checks.
    pub fn run(self) -> (Output, tempfile::TempDir) {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.path())
            .args(&self.args)
            .env_remove("CLICOLOR_FORCE")
            .env("NO_COLOR", "1");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let output = cmd.output().expect("run treaty-register");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if let Some(expected) = &self.stdout {
            assert_eq!(stdout, *expected, "stdout differs\nstderr:\n{stderr}");
        }
        if let Some(expected) = &self.stderr {
            assert_eq!(stderr, *expected, "stderr differs\nstdout:\n{stdout}");
        }
        assert_eq!(
            output.status.code(),
            Some(self.status),
            "exit status differs\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        (output, self.dir)
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// The real typst the tests use, found as the tool finds it: `TYPST`, then
/// `PATH`, then the tool's cache (where `.ci/run` provisions it).
pub fn real_typst() -> PathBuf {
    if let Some(path) = std::env::var_os("TYPST").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    if let Some(path) = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("typst"))
            .find(|c| c.is_file())
    }) {
        return path;
    }
    treaty_register::publish::typst::cache_dir()
        .expect("a cache folder")
        .join(format!(
            "typst-{}/bin/typst",
            treaty_register::publish::typst::PINNED
        ))
}

/// Everything under `dir`: each path with a symbolic link's target or a
/// file's bytes, for "nothing changed" checks.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, rel: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let rel = rel.join(entry.file_name());
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = fs::read_link(entry.path()).unwrap();
                out.push((rel, target.to_string_lossy().as_bytes().to_vec()));
            } else if kind.is_dir() {
                walk(&entry.path(), &rel, out);
            } else {
                out.push((rel, fs::read(entry.path()).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, Path::new(""), &mut files);
    files.sort();
    files
}

/// Runs the tool in `dir` with no input; returns its exit code, stdout and
/// stderr (colour off), for tests that look at several runs.
pub fn tool(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run treaty-register");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs an outside tool (python3, sha256sum, typst…), which must succeed;
/// its output. A failure shows the command and all it said.
pub fn succeeds(command: &mut Command) -> Output {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The SHA-256 of a file as coreutils' `sha256sum` prints it (a witness
/// other than the tool's own hashing).
pub fn sha256sum(path: &Path) -> String {
    stdout(&succeeds(Command::new("sha256sum").arg(path)))[..64].to_owned()
}

/// A run's stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text as poppler's `pdftotext -raw` reads it (content-stream
/// order, no joining of lines that end in "-"), every run of whitespace
/// made one space, so that line breaks chosen by the layout do not matter.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names of the hidden files and folders in `dir` (temporaries, staging
/// folders, leftovers of killed runs).
pub fn hidden(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// Runs the tool in `dir` at a pseudo-terminal, answering each question as
/// `answers` says (pairs of [text to wait for, answer]; see
/// tests/support/pty_drive.py). Returns whether it succeeded and the screen.
pub fn at_terminal(
    dir: &Path,
    answers: serde_json::Value,
    args: &[&std::ffi::OsStr],
) -> (bool, String) {
    let script = tempfile::NamedTempFile::new().unwrap();
    fs::write(script.path(), answers.to_string()).unwrap();
    let out = Command::new("python3")
        .arg(repo().join("tests/support/pty_drive.py"))
        .arg(script.path())
        .arg("--")
        .arg(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("python3 drives the pseudo-terminal");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// A word of a PDF where `pdftotext -bbox-layout` places it: its page
/// (from 1) and its box in points, `[xMin, yMin, xMax, yMax]`.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub bbox: [f64; 4],
}

/// Every word of `pdf`, page by page, with its box.
pub fn pdf_words(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(
        out.status.success(),
        "pdftotext -bbox-layout {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..at + line[at..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let mut words = Vec::new();
    for (k, page) in text.split("<page ").skip(1).enumerate() {
        for l in page
            .lines()
            .filter(|l| l.trim_start().starts_with("<word "))
        {
            words.push(Word {
                page: k + 1,
                text: l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_owned(),
                bbox: ["xMin", "yMin", "xMax", "yMax"].map(|n| attr(l, n)),
            });
        }
    }
    words
}

/// `pdf` as qpdf writes it in QDF form (uncompressed, one object per
/// line), as text: its structure tree and `/Lang` entries can be read.
pub fn qdf_text(pdf: &Path) -> String {
    let out = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("qpdf");
    assert!(out.status.success(), "qpdf --qdf {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Rewrites the file at `path` as `change` makes its text.
pub fn edit(path: &Path, change: impl FnOnce(&str) -> String) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, change(&text)).unwrap();
}

/// The web edition's search index (`out/html/search/`) read back: each
/// entry's id with the words the search finds it by.
pub fn search_words(html: &Path) -> Vec<(String, Vec<String>)> {
    let dir = html.join("search");
    let call = |file: &Path, name: &str| -> serde_json::Value {
        let text = fs::read_to_string(file).unwrap();
        let args = text
            .strip_prefix(&format!("REGISTER_SEARCH.{name}("))
            .and_then(|t| t.trim_end().strip_suffix(");"))
            .unwrap_or_else(|| panic!("{}: {text}", file.display()));
        serde_json::from_str(&format!("[{args}]")).unwrap()
    };
    let meta = call(&dir.join("meta.js"), "meta")[0].clone();
    let total = meta["total"].as_u64().unwrap() as usize;
    let per = meta["rows"].as_u64().unwrap() as usize;
    let mut entries: Vec<(String, Vec<String>)> = (0..total)
        .map(|n| {
            let rows = call(&dir.join(format!("r-{}.js", n / per)), "rows");
            (rows[1][n % per][0].as_str().unwrap().to_owned(), Vec::new())
        })
        .collect();
    for key in meta["shards"].as_array().unwrap() {
        let shard = call(
            &dir.join(format!("w-{}.js", key.as_str().unwrap())),
            "shard",
        );
        for (word, deltas) in shard[1].as_object().unwrap() {
            let mut n = 0;
            for d in deltas.as_array().unwrap() {
                n += d.as_u64().unwrap() as usize;
                entries[n].1.push(word.clone());
            }
        }
    }
    entries
}

/// An Ed25519 key pair made by ssh-keygen in `dir`, named `name`, with
/// `passphrase` ("" for none); returns the private key's path (the public
/// key is beside it, `.pub`).
pub fn keygen(dir: &Path, name: &str, passphrase: &str) -> PathBuf {
    let key = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-C", name, "-N", passphrase, "-f"])
        .arg(&key)
        .stdin(std::process::Stdio::null())
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
    key
}

/// The shipped register with a key made by ssh-keygen in `keys` allowed to
/// sign as `treaty@mfa.example` (with allowed-signers `options`, e.g.
/// `,valid-before="20240801"`); returns the project and the private key.
pub fn signed_shipped(keys: &Path, options: &str) -> (Test, PathBuf) {
    let key = keygen(keys, "clerk", "");
    let public = fs::read_to_string(key.with_extension("pub")).unwrap();
    let test = Test::with_shipped().file(
        "register/allowed_signers",
        format!(
            "treaty@mfa.example namespaces=\"treaty-register\"{options} {}\n",
            public.trim()
        ),
    );
    (test, key)
}
