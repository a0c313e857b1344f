//! `treaty-register bag DEST`: the published register as a BagIt bag.

use std::path::{Path, PathBuf};

use crate::audit::bag::{self, Info, Item};
use crate::audit::editions;
use crate::audit::manifest::{self, JSON_FILE, SHA256_FILE};
use crate::audit::verify::Finding;
use crate::cli::{BagArgs, Config};
use crate::error::{Error, Result};

pub fn run(config: &Config, args: BagArgs) -> Result<()> {
    let root = &config.root;
    let path = args
        .manifest
        .unwrap_or_else(|| root.join("out").join(JSON_FILE));
    let text = std::fs::read_to_string(&path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NoManifest { path: path.clone() },
        _ => Error::Read {
            path: path.clone(),
            source,
        },
    })?;
    let (manifest, entries) = manifest::parse_json(&text).map_err(|e| Error::Manifest {
        path: path.clone(),
        line: e.line,
        message: e.message,
    })?;
    // Refuse before copying anything when the published files have moved on.
    let report =
        crate::audit::verify::verify(root, &entries, &[], None).map_err(|source| Error::Read {
            path: root.clone(),
            source,
        })?;
    if !report.findings.is_empty() {
        let what: Vec<String> = report
            .findings
            .iter()
            .map(|f| match f {
                Finding::Modified { path, found, .. } => format!("{path} (found {found})"),
                Finding::Missing { path } => format!("{path} (missing)"),
                other => other.to_string(),
            })
            .collect();
        return Err(Error::Problems {
            summary: format!(
                "the published files do not match the manifest, so no bag was written: {} \
                 (run `treaty-register verify`)",
                what.join(", ")
            ),
        });
    }
    let loaded = crate::register::load::load(root, &config.limits)?;
    let Some(register) = loaded.register else {
        return Err(Error::Problems {
            summary: "register/register.yaml has problems (run `treaty-register check`)".into(),
        });
    };
    let mut items: Vec<Item> = entries
        .iter()
        .map(|e| Item {
            path: e.path.clone(),
            from: root.join(&e.path),
            sha256: e.sha256.clone(),
        })
        .collect();
    items.extend(unit_files(&path, &manifest, &text, &entries)?);
    items.extend(archive_files(root)?);
    let files = bag::export(
        &items,
        &Info {
            meta: &register.meta,
        },
        &args.dest,
    )?;
    if !config.quiet {
        super::print(&format!(
            "wrote the bag {} ({files} payload files)\n",
            args.dest.display()
        ))?;
    }
    Ok(())
}

/// The manifests beside the published files (and an edition's signature),
/// under the folder the manifest publishes into (`out/`). The
/// `manifest.sha256` must list what `manifest.json` lists.
fn unit_files(
    json_path: &Path,
    m: &manifest::Manifest,
    json: &str,
    entries: &[manifest::Entry],
) -> Result<Vec<Item>> {
    let out = m.pdf.path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let at = |name: &str| {
        if out.is_empty() {
            name.to_owned()
        } else {
            format!("{out}/{name}")
        }
    };
    let beside = |name: &str| json_path.with_file_name(name);
    let mut items = vec![Item {
        path: at(JSON_FILE),
        from: json_path.to_path_buf(),
        sha256: crate::support::digest::sha256_bytes(json.as_bytes()),
    }];
    let sums = beside(SHA256_FILE);
    let text = std::fs::read_to_string(&sums).map_err(|source| Error::Read {
        path: sums.clone(),
        source,
    })?;
    let listed = manifest::parse_sha256sum(&text).map_err(|e| Error::Manifest {
        path: sums.clone(),
        line: e.line,
        message: e.message,
    })?;
    let pairs = |list: &[manifest::Entry]| {
        let mut v: Vec<(String, String)> = list
            .iter()
            .map(|e| (e.path.clone(), e.sha256.clone()))
            .collect();
        v.sort();
        v
    };
    if pairs(&listed) != pairs(entries) {
        return Err(Error::Problems {
            summary: format!(
                "{} and {} list different files or digests, so no bag was written \
                 (run `treaty-register verify`)",
                sums.display(),
                json_path.display()
            ),
        });
    }
    items.push(Item {
        path: at(SHA256_FILE),
        from: sums,
        sha256: crate::support::digest::sha256_bytes(text.as_bytes()),
    });
    let sig = beside(editions::SIG_FILE);
    if let Ok(bytes) = std::fs::read(&sig) {
        items.push(Item {
            path: at(editions::SIG_FILE),
            from: sig,
            sha256: crate::support::digest::sha256_bytes(&bytes),
        });
    }
    Ok(items)
}

/// Every file of the archive of editions (`editions/`), after auditing
/// it as `verify` does: a bag carries no broken chain. Hidden files (the
/// publish lock) are not part of it.
fn archive_files(root: &Path) -> Result<Vec<Item>> {
    let reports = editions::audit(root);
    let broken: Vec<String> = reports
        .iter()
        .flat_map(|r| {
            r.problems
                .iter()
                .map(move |p| format!("{} ({p})", r.path()))
        })
        .collect();
    if !broken.is_empty() {
        return Err(Error::Problems {
            summary: format!(
                "the archived editions have problems, so no bag was written: {} \
                 (run `treaty-register verify`)",
                broken.join("; ")
            ),
        });
    }
    if reports.is_empty() {
        return Ok(Vec::new());
    }
    let (mut files, _) = crate::audit::archive::walk(root, editions::DIR);
    files.retain(|p| !p.split('/').any(|part| part.starts_with('.')));
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let sha256 =
                crate::audit::archive::sha256(root, &path).map_err(|message| Error::Problems {
                    summary: format!("{message}; no bag was written"),
                })?;
            Ok(Item {
                from: PathBuf::from(root).join(&path),
                path,
                sha256,
            })
        })
        .collect()
}
