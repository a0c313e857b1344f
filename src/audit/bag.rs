//! Export of the published register as a BagIt 1.0 bag (RFC 8493): the
//! standard container in which archives receive and check digital
//! deposits.
//!
//! The payload is the whole published unit, under `data/` at its project
//! paths, so that `data/` is the project as published and every audit of
//! docs/auditing.md runs in it unchanged: every file the manifest lists
//! (the register, the templates, every PDF — language editions, indexes,
//! volumes — and the web edition's pages), the manifests themselves (and
//! an edition's signature), and for a register with editions the whole
//! archive `editions/`. Each file is checked while it is copied — against
//! the manifest, or, for the archive, against the digest read when it was
//! audited — so a bag never carries a register that differs from the one
//! published. The bag is assembled in a sibling folder and renamed into
//! place when complete. Its tag files are deterministic on a given day:
//! sorted lines, and the one date from the clock is `Bagging-Date`, the day
//! the bag was made (RFC 8493, 2.2.2).

use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256, Sha512};

use crate::error::{Error, Result};
use crate::register::model::Meta;
use crate::support::digest::hex;

/// One file of the payload.
pub struct Item {
    /// Its project path: in the bag, `data/<path>`.
    pub path: String,
    /// Where it is read from.
    pub from: PathBuf,
    /// The SHA-256 it must have.
    pub sha256: String,
}

/// What `bag-info.txt` says about the register.
pub struct Info<'a> {
    pub meta: &'a Meta,
}

struct Payload {
    /// Path inside the bag, `data/…`.
    name: String,
    size: u64,
    sha256: String,
    sha512: String,
}

fn write_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Copies `from` to `to`, hashing as it goes; `Err(found)` when the copy's
/// SHA-256 is not `expected`.
fn copy_hashed(from: &Path, to: &Path, expected: &str) -> Result<Result<Payload, String>> {
    let read_error = |source| Error::Read {
        path: from.to_path_buf(),
        source,
    };
    let mut input = fs::File::open(from).map_err(read_error)?;
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(write_error(dir))?;
    }
    let mut output = fs::File::create(to).map_err(write_error(to))?;
    let (mut h256, mut h512) = (Sha256::new(), Sha512::new());
    let mut buf = vec![0; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf).map_err(read_error)?;
        if n == 0 {
            break;
        }
        h256.update(&buf[..n]);
        h512.update(&buf[..n]);
        std::io::Write::write_all(&mut output, &buf[..n]).map_err(write_error(to))?;
        size += n as u64;
    }
    output.sync_all().map_err(write_error(to))?;
    let sha256 = hex(&h256.finalize());
    if sha256 != expected {
        return Ok(Err(sha256));
    }
    Ok(Ok(Payload {
        name: String::new(),
        size,
        sha256,
        sha512: hex(&h512.finalize()),
    }))
}

/// Writes the bag of `items` into `dest`, which must not exist or be empty.
pub fn export(items: &[Item], info: &Info, dest: &Path) -> Result<usize> {
    if fs::read_dir(dest).is_ok_and(|mut d| d.next().is_some()) || dest.is_file() {
        return Err(Error::DestNotEmpty {
            what: "bag",
            path: dest.to_path_buf(),
        });
    }
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(write_error(&parent))?;
    crate::support::stale::sweep(&parent, ".bag-");
    let staging = tempfile::Builder::new()
        .prefix(".bag-")
        .tempdir_in(&parent)
        .map_err(write_error(&parent))?;
    let claim =
        crate::support::stale::claim(staging.path()).map_err(write_error(staging.path()))?;

    let mut payload = Vec::new();
    let mut mismatched = Vec::new();
    for item in items {
        let name = format!("data/{}", item.path);
        match copy_hashed(&item.from, &staging.path().join(&name), &item.sha256)? {
            Ok(p) => payload.push(Payload { name, ..p }),
            Err(found) => mismatched.push(format!("{} (found {found})", item.path)),
        }
    }
    if !mismatched.is_empty() {
        return Err(Error::Problems {
            summary: format!(
                "the published files do not match the manifest, so no bag was written: {} \
                 (run `treaty-register verify`)",
                mismatched.join(", ")
            ),
        });
    }
    payload.sort_by(|a, b| a.name.cmp(&b.name));

    let tag = |name: &str, text: String| -> Result<(String, String)> {
        let path = staging.path().join(name);
        fs::write(&path, &text).map_err(write_error(&path))?;
        Ok((name.to_owned(), text))
    };
    let mut tags = vec![tag(
        "bagit.txt",
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".into(),
    )?];
    let octets: u64 = payload.iter().map(|p| p.size).sum();
    let meta = info.meta;
    let mut bag_info = String::new();
    if let Some(authority) = &meta.authority {
        let _ = writeln!(bag_info, "Source-Organization: {}", one_line(authority));
    }
    if let Some(series) = &meta.series {
        let _ = writeln!(bag_info, "External-Identifier: {}", one_line(series));
    }
    let _ = writeln!(bag_info, "External-Description: {}", one_line(&meta.title));
    // RFC 8493 §2.2.2: the date the bag was made (UTC), not the register's.
    let _ = writeln!(bag_info, "Bagging-Date: {}", today());
    let _ = writeln!(bag_info, "Payload-Oxum: {octets}.{}", payload.len());
    let _ = writeln!(
        bag_info,
        "Bag-Software-Agent: {} {}",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    );
    tags.push(tag("bag-info.txt", bag_info)?);
    let lines = |f: fn(&Payload) -> &str| -> String {
        payload
            .iter()
            .map(|p| format!("{}  {}\n", f(p), p.name))
            .collect()
    };
    tags.push(tag("manifest-sha256.txt", lines(|p| &p.sha256))?);
    tags.push(tag("manifest-sha512.txt", lines(|p| &p.sha512))?);
    tags.sort();
    let tagmanifest: String = tags
        .iter()
        .map(|(name, text)| {
            format!(
                "{}  {name}\n",
                crate::support::digest::sha256_bytes(text.as_bytes())
            )
        })
        .collect();
    tag("tagmanifest-sha256.txt", tagmanifest)?;

    crate::support::fault::point("bag:staged");
    // The lock file is not part of the bag. Unnamed first, then let go: a
    // sweeper finds no lock to take, where the other way round it could
    // take the folder between the two.
    fs::remove_file(staging.path().join(".lock")).map_err(write_error(staging.path()))?;
    drop(claim);
    if dest.is_dir() {
        fs::remove_dir(dest).map_err(write_error(dest))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, dest).map_err(write_error(dest))?;
    Ok(payload.len())
}

/// Tag values are single lines; folded text is joined with spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today() -> String {
    crate::support::clock::today_utc()
}
