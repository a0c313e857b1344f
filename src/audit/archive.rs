//! Reading `editions/` without being steered by it. The archive is data
//! anyone with write access to the folder may have altered, so every read
//! goes through [`crate::support::safe_read::open_beneath`]: no symbolic
//! link is followed (an archived PDF linked to `/etc/passwd`, or
//! `editions/0001` linked to another folder, is reported, not read), and a
//! FIFO, device or folder where a file belongs is refused without blocking.
//!
//! Paths here are project paths with `/` (`editions/0001/manifest.json`),
//! read beneath the project root, which is trusted as given.

use std::path::Path;

use crate::support::{digest, safe_read};

/// Largest archive file read whole (manifests, signatures, sources): far
/// above any real one, low enough that a planted huge file cannot exhaust
/// memory.
pub const MAX_TEXT: u64 = 256 * 1024 * 1024;

/// Why `rel` cannot be read, for a problem line: "a symbolic link, not a
/// regular file; not read", "No such file or directory (os error 2)".
fn why(e: &std::io::Error) -> String {
    e.to_string()
}

/// The bytes of `rel` under `root`.
pub fn read(root: &Path, rel: &str) -> Result<Vec<u8>, String> {
    safe_read::open_beneath(root, Path::new(rel))
        .and_then(|f| safe_read::read_limited(f, MAX_TEXT))
        .map_err(|e| format!("cannot read {rel} ({})", why(&e)))
}

/// The UTF-8 text of `rel` under `root`.
pub fn read_text(root: &Path, rel: &str) -> Result<String, String> {
    String::from_utf8(read(root, rel)?).map_err(|_| format!("{rel} is not UTF-8 text"))
}

/// Whether `rel` is missing (nothing there, not even a dangling link).
pub fn is_missing(root: &Path, rel: &str) -> bool {
    std::fs::symlink_metadata(root.join(rel)).is_err()
}

/// SHA-256 of `rel` under `root`, streamed.
pub fn sha256(root: &Path, rel: &str) -> Result<String, String> {
    safe_read::open_beneath(root, Path::new(rel))
        .and_then(digest::sha256_reader)
        .map_err(|e| format!("cannot read {rel} ({})", why(&e)))
}

/// `Ok` when `rel` is a real folder (not a link to one), `Ok(false)` when
/// nothing is there; otherwise what stands there instead.
pub fn is_folder(root: &Path, rel: &str) -> Result<bool, String> {
    match std::fs::symlink_metadata(root.join(rel)) {
        Ok(m) if m.is_dir() => Ok(true),
        Ok(_) => Err(format!(
            "{rel} is {}, not a folder; links are not followed in the archive",
            safe_read::kind(&root.join(rel))
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!("cannot read {rel} ({e})")),
    }
}

/// Every entry under the folder `rel`, as project paths: the regular
/// files, and apart from them anything else (links, FIFOs, devices),
/// which the archive never holds. Folders are entered only if they are
/// real folders.
pub fn walk(root: &Path, rel: &str) -> (Vec<String>, Vec<String>) {
    let (mut files, mut others) = (Vec::new(), Vec::new());
    let mut stack = vec![rel.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&d)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = format!("{d}/{}", entry.file_name().to_string_lossy());
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() => files.push(path),
                _ => others.push(path),
            }
        }
    }
    files.sort();
    others.sort();
    (files, others)
}

/// The text of `rel` under `out/`, which publishes through links
/// (`out/manifest.json` → `.current/…` → `.gen-…/…`): followed only while
/// they stay inside the project, and only a regular file is opened.
pub fn read_out(root: &Path, rel: &str) -> Result<String, String> {
    let fail = |why: String| format!("cannot read {rel} ({why})");
    let real_root = std::fs::canonicalize(root).map_err(|e| fail(e.to_string()))?;
    let real = std::fs::canonicalize(root.join(rel)).map_err(|e| fail(e.to_string()))?;
    if !real.starts_with(&real_root) {
        return Err(fail("leads outside the project; not opened".into()));
    }
    let file = safe_read::open_regular(&real).map_err(|e| fail(e.to_string()))?;
    let bytes = safe_read::read_limited(file, MAX_TEXT).map_err(|e| fail(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| fail("not UTF-8 text".into()))
}
