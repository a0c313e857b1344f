//! `treaty-register bag DEST`: the published register as a BagIt bag.

use crate::audit::bag::{self, Info};
use crate::audit::manifest::{self, JSON_FILE};
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
        crate::audit::verify::verify(root, &entries, &[]).map_err(|source| Error::Read {
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
    let files = bag::export(
        root,
        &manifest,
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
