//! Finding, provisioning and running typst-cli.
//!
//! typst is found via `--typst PATH`, then the `TYPST` environment variable,
//! then `PATH`, and must be 0.15.x. When none of those gives a suitable
//! typst, the pinned version is installed once with `cargo install` into the
//! user's cache folder and reused after; a lock file makes concurrent runs
//! wait for one install instead of racing.
//!
//! typst runs confined: `--root` is a private build folder holding only the
//! generated source, fonts come only from the template set
//! (`--ignore-system-fonts --ignore-embedded-fonts`), packages cannot be
//! downloaded, and the creation date is the register's `as_of`, so the same
//! inputs and the same typst give the same bytes.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// The typst-cli version installed when none is found.
pub const PINNED: &str = "0.15.1";
/// Versions accepted: any 0.15.x.
pub const REQUIRED: &str = "0.15";

/// PDF standards by default: archival (PDF/A-3a) and accessible (PDF/UA-1).
pub const DEFAULT_PDF_STANDARD: &str = "a-3a,ua-1";

/// How long typst may run by default (`--typst-timeout`), in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 600;

#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    pub version: String,
}

/// Whether a typst version is one this tool works with.
fn accepts(version: &str) -> bool {
    version
        .strip_prefix(REQUIRED)
        .is_some_and(|rest| rest.starts_with('.') || rest.is_empty())
}

/// Runs `typst --version` and returns the version number ("0.15.1").
pub fn version_of(path: &Path) -> Result<String> {
    let output = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|source| Error::TypstRun {
            path: path.to_path_buf(),
            source,
        })?;
    let text = String::from_utf8_lossy(&output.stdout);
    // "typst 0.15.1 (unknown commit)"
    text.split_whitespace()
        .nth(1)
        .filter(|_| output.status.success() && text.starts_with("typst "))
        .map(str::to_owned)
        .ok_or_else(|| Error::TypstVersion {
            path: path.to_path_buf(),
            found: text.trim().to_owned(),
            required: REQUIRED,
            pinned: PINNED,
        })
}

fn checked(path: PathBuf) -> Result<Typst> {
    let version = version_of(&path)?;
    if !accepts(&version) {
        return Err(Error::TypstVersion {
            path,
            found: version,
            required: REQUIRED,
            pinned: PINNED,
        });
    }
    Ok(Typst { path, version })
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

pub use crate::publish::cache::cache_dir;

/// Finds a suitable typst, provisioning the pinned one when there is none.
/// `say` receives progress messages for the user.
pub fn locate(flag: Option<&Path>, say: &mut dyn FnMut(&str)) -> Result<Typst> {
    if let Some(path) = flag {
        return checked(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os("TYPST").filter(|p| !p.is_empty()) {
        return checked(PathBuf::from(path));
    }
    if let Some(path) = find_in_path("typst") {
        match checked(path.clone()) {
            Ok(typst) => return Ok(typst),
            Err(e) => say(&format!(
                "note: not using {} ({e}); using the pinned typst {PINNED}",
                path.display()
            )),
        }
    }
    provision(say)
}

fn provision(say: &mut dyn FnMut(&str)) -> Result<Typst> {
    let cache = cache_dir().ok_or(Error::NoCacheDir)?;
    let root = cache.join(format!("typst-{PINNED}"));
    let binary = root
        .join("bin")
        .join(format!("typst{}", std::env::consts::EXE_SUFFIX));
    if let Ok(typst) = checked(binary.clone()) {
        return Ok(typst);
    }
    // One install at a time: a second run waits here, then finds the binary.
    let _lock =
        crate::publish::cache::install_lock(&cache, &format!("typst-{PINNED}"), "typst", say)?;
    if let Ok(typst) = checked(binary.clone()) {
        return Ok(typst);
    }
    let cargo = std::env::var_os("CARGO")
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| OsString::from("cargo"));
    let install_command = format!(
        "cargo install --locked typst-cli@{PINNED} --root {}",
        root.display()
    );
    if Command::new(&cargo)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        return Err(Error::NoCargo {
            command: install_command,
            required: REQUIRED,
        });
    }
    say(&format!(
        "typst {REQUIRED}.x was not found: installing typst-cli {PINNED} into {} with cargo.\n\
         This compiles typst from source and takes about 10 minutes the first time; \
         later builds reuse it.",
        root.display()
    ));
    let status = Command::new(&cargo)
        .args([
            "install",
            "--locked",
            &format!("typst-cli@{PINNED}"),
            "--root",
        ])
        .arg(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .map_err(|_| Error::NoCargo {
            command: install_command.clone(),
            required: REQUIRED,
        })?;
    if !status.success() {
        return Err(Error::Provision {
            command: install_command,
            status: status.to_string(),
        });
    }
    let typst = checked(binary)?;
    say(&format!(
        "installed typst {} at {}",
        typst.version,
        typst.path.display()
    ));
    Ok(typst)
}

/// What one compilation needs besides the source.
pub struct Job<'a> {
    pub fonts: &'a Path,
    /// The provisioned Noto fonts (a second `--font-path`).
    pub noto: &'a Path,
    /// Seconds since the Unix epoch for the PDF's creation date.
    pub timestamp: i64,
    pub pdf_standard: &'a str,
    /// typst is killed when it runs longer.
    pub timeout: std::time::Duration,
    /// Threads for typst (`--jobs`); its default, every core, when `None`.
    pub threads: Option<usize>,
}

/// A finished compilation: what became of the PDF, and typst's warnings.
pub struct Compiled<T> {
    pub pdf: T,
    pub warnings: String,
}

impl Typst {
    /// The arguments after `typst`, with paths relative to the build folder.
    pub fn arguments(&self, job: &Job) -> Vec<OsString> {
        let mut args: Vec<OsString> = [
            "compile",
            "--root",
            ".",
            "--ignore-system-fonts",
            "--ignore-embedded-fonts",
            "--font-path",
        ]
        .map(OsString::from)
        .to_vec();
        args.push(job.fonts.as_os_str().to_owned());
        args.push("--font-path".into());
        args.push(job.noto.as_os_str().to_owned());
        if let Some(threads) = job.threads {
            args.push("--jobs".into());
            args.push(threads.to_string().into());
        }
        for arg in [
            "--package-path",
            "packages",
            "--package-cache-path",
            "packages",
            "--creation-timestamp",
            &job.timestamp.to_string(),
            "--pdf-standard",
            job.pdf_standard,
            "--diagnostic-format",
            "human",
            "register.typ",
            "register.pdf",
        ] {
            args.push(arg.into());
        }
        args
    }

    /// Compiles `source` in a private build folder and hands the PDF's
    /// path to `deliver` (which moves it where it belongs) before the
    /// folder goes. On failure the folder is kept, so typst's diagnostics
    /// can be traced in the source. `document` names it in errors: "the
    /// register", "volume 3".
    pub fn compile<T>(
        &self,
        source: &str,
        document: &str,
        job: &Job,
        deliver: impl FnOnce(&Path) -> Result<T>,
    ) -> Result<Compiled<T>> {
        crate::support::stale::sweep(&std::env::temp_dir(), "treaty-register-build-");
        let dir = tempfile::Builder::new()
            .prefix("treaty-register-build-")
            .tempdir()
            .map_err(|source| Error::Write {
                path: std::env::temp_dir(),
                source,
            })?;
        let _claim = crate::support::stale::claim(dir.path()).map_err(|source| Error::Write {
            path: dir.path().to_path_buf(),
            source,
        })?;
        crate::support::fault::point("build:typst");
        let typ = dir.path().join("register.typ");
        fs::write(&typ, source).map_err(|source| Error::Write {
            path: typ.clone(),
            source,
        })?;
        let fonts = fs::canonicalize(job.fonts).map_err(|source| Error::Read {
            path: job.fonts.to_path_buf(),
            source,
        })?;
        let child = self.spawn(dir.path(), &fonts, job)?;
        let Some((status, diagnostics)) = self.wait(child, job.timeout)? else {
            let _ = fs::write(dir.path().join("KEPT"), "");
            let kept = dir.keep();
            return Err(Error::TypstTimeout {
                document: document.to_owned(),
                seconds: job.timeout.as_secs(),
                source_path: kept.join("register.typ"),
            });
        };
        if !status.success() {
            // Kept for the user to trace typst's diagnostics; never swept.
            let _ = fs::write(dir.path().join("KEPT"), "");
            let kept = dir.keep();
            return Err(Error::TypstFailed {
                document: document.to_owned(),
                status: status.to_string(),
                diagnostics,
                source_path: kept.join("register.typ"),
                culprit: None,
            });
        }
        Ok(Compiled {
            pdf: deliver(&dir.path().join("register.pdf"))?,
            warnings: diagnostics,
        })
    }

    /// Starts typst on `dir/register.typ`, confined to `dir`, with no
    /// network and none of the environment that could change its output.
    fn spawn(&self, dir: &Path, fonts: &Path, job: &Job) -> Result<std::process::Child> {
        Command::new(&self.path)
            .args(self.arguments(&Job { fonts, ..*job }))
            .current_dir(dir)
            // No package downloads: an import of `@preview/…` fails at once
            // instead of reaching the network.
            .env("HTTPS_PROXY", "http://127.0.0.1:9")
            .env("HTTP_PROXY", "http://127.0.0.1:9")
            .env("ALL_PROXY", "http://127.0.0.1:9")
            .env_remove("TYPST_ROOT")
            .env_remove("TYPST_FONT_PATHS")
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| Error::TypstRun {
                path: self.path.clone(),
                source,
            })
    }

    /// Waits for typst and returns its exit status and messages, or `None`
    /// after killing it when it ran past `timeout`.
    fn wait(
        &self,
        mut child: std::process::Child,
        timeout: std::time::Duration,
    ) -> Result<Option<(std::process::ExitStatus, String)>> {
        // Drain stderr on a thread so that a chatty typst cannot block on a
        // full pipe while we wait for it.
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let reader = std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = std::io::Read::read_to_end(&mut stderr, &mut text);
            text
        });
        let deadline = std::time::Instant::now() + timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if std::time::Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let _ = reader.join();
                    return Ok(None);
                }
                Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
                Err(source) => {
                    return Err(Error::TypstRun {
                        path: self.path.clone(),
                        source,
                    });
                }
            }
        };
        let diagnostics = String::from_utf8_lossy(&reader.join().unwrap_or_default()).into_owned();
        Ok(Some((status, diagnostics)))
    }
}

/// Prints typst's warnings as they came.
pub fn show_warnings(warnings: &str) {
    if !warnings.trim().is_empty() {
        let _ = anstream::stderr().lock().write_all(warnings.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_0_15() {
        assert!(accepts("0.15.0"));
        assert!(accepts("0.15.1"));
        assert!(accepts("0.15.12"));
        assert!(!accepts("0.14.2"));
        assert!(!accepts("0.150.0"));
        assert!(!accepts("0.16.0"));
        assert!(!accepts("1.15.0"));
    }
}
