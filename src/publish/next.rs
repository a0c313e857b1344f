//! Where a publish starts from: the last archived edition (after checking
//! the whole archive, so nothing is added to a broken chain), whether the
//! register and templates changed since it, and catching `out/` up with an
//! edition a killed publish archived but did not yet put in `out/`.
//!
//! Kept apart from [`crate::publish::edition`], which makes and archives
//! the new edition, so that `cmd/publish.rs` only strings the steps
//! together.

use std::path::Path;

use crate::audit::editions;
use crate::audit::inputs::{self, InputFile};
use crate::audit::manifest;
use crate::error::{Error, Result};
use crate::register::model::Register;

/// The latest archived edition, after checking the whole archive; the
/// register's `as_of` may not precede its date.
pub fn last_edition(root: &Path, register: &Register) -> Result<Option<editions::Archived>> {
    let reports = editions::audit(root);
    if let Some(bad) = reports.iter().find(|r| !r.problems.is_empty()) {
        return Err(Error::Usage {
            message: format!(
                "edition {} in {}/ has problems: {}; nothing was published",
                bad.number,
                editions::DIR,
                bad.problems.join("; ")
            ),
            hint: Some("run `treaty-register verify` for the whole report; archived editions are never rewritten, so restore the archive from a copy".into()),
        });
    }
    let Some(last) = reports.last() else {
        return Ok(None);
    };
    let archived = editions::read(root, last.number).map_err(|e| Error::Usage {
        message: format!("edition {}: {e}", last.number),
        hint: None,
    })?;
    if let Some(date) = editions::date(&archived.manifest)
        && register.meta.as_of < date
    {
        return Err(Error::Usage {
            message: format!(
                "the register's as_of ({}) is before edition {}'s date ({date})",
                register.meta.as_of, archived.number
            ),
            hint: Some("an edition is dated by register.yaml's `as_of`, which may equal but not precede the previous edition's".into()),
        });
    }
    Ok(Some(archived))
}

/// Whether the register and templates are what edition `before` published.
pub fn unchanged(before: &[InputFile], now: &[InputFile]) -> bool {
    let inputs = |files: &[InputFile]| {
        let mut v: Vec<(String, String)> = files
            .iter()
            .filter(|f| f.role != inputs::Role::Output)
            .map(|f| (f.path.clone(), f.sha256.clone()))
            .collect();
        v.sort();
        v
    };
    inputs(before) == inputs(now)
}

/// Publishes edition `p`'s files from the archive into `out/` when a
/// publish was killed before `out/` switched to it; `false` otherwise.
pub fn restore_out(root: &Path, out: &Path, p: &editions::Archived) -> Result<bool> {
    // Only what a killed publish leaves: `out/` empty, or holding an
    // earlier edition. A build made since (a draft) is the user's to keep:
    // then there is nothing to publish, and nothing is written.
    let behind = match crate::support::safe_read::open_following(&out.join(manifest::JSON_FILE))
        .and_then(|f| crate::support::safe_read::read_limited(f, crate::audit::archive::MAX_TEXT))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
    {
        Err(_) => true,
        Ok(text) => manifest::parse_json(&text)
            .ok()
            .and_then(|(m, _)| m.edition)
            .is_some_and(|e| e.number < p.number),
    };
    if !behind {
        return Ok(false);
    }
    let read = |name: &str| {
        crate::audit::archive::read(root, &editions::rel(p.number, name)).map_err(|message| {
            Error::Usage {
                message: format!("{message}; out/ was left as it was"),
                hint: Some("run `treaty-register verify` for the whole report".into()),
            }
        })
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    // Every output the edition signed: its PDFs and its web edition's pages.
    for (_, name) in editions::outputs(p) {
        let bytes = read(&name)?;
        files.push((name, bytes));
    }
    for name in [
        manifest::SHA256_FILE,
        manifest::JSON_FILE,
        editions::SIG_FILE,
    ] {
        files.push((name.to_owned(), read(name)?));
    }
    let unit: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    crate::publish::out::publish_unit(out, &unit, None)?;
    Ok(true)
}
