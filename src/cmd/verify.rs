//! `treaty-register verify`: audit the published files against the
//! manifest, and with `--rebuild` prove the PDF is built from them.

use crate::support::statcache::StatCache;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audit::editions::{self, EditionReport};
use crate::audit::inputs;
use crate::audit::manifest::{self, Entry, JSON_FILE, Manifest};
use crate::audit::verify::{self, Finding};
use crate::cli::{Config, ShowFormat, VerifyArgs};
use crate::error::{Error, Result};
use crate::publish::build::{self, Layout};
use crate::publish::edition;
use crate::publish::typst;

#[derive(Serialize)]
struct JsonReport<'a> {
    manifest: String,
    files: usize,
    ok: bool,
    findings: &'a [Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    rebuilt_sha256: Option<String>,
    /// Every archived edition, when there are any.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    editions: &'a [EditionReport],
}

/// How a path is shown: relative to the project root when inside it.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn read_manifest(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NoManifest {
            path: path.to_path_buf(),
        },
        _ => Error::Read {
            path: path.to_path_buf(),
            source,
        },
    })
}

fn malformed(path: &Path, e: manifest::ManifestError) -> Error {
    Error::Manifest {
        path: path.to_path_buf(),
        line: e.line,
        message: e.message,
    }
}

pub fn run(config: &Config, args: VerifyArgs) -> Result<()> {
    if let Some(pdf) = &args.pdf {
        return super::verify_pdf::run(config, &args, pdf);
    }
    let root = &config.root;
    let path = args
        .manifest
        .clone()
        .unwrap_or_else(|| root.join("out").join(manifest::SHA256_FILE));
    let text = read_manifest(&path)?;
    let mut findings = Vec::new();
    let (json, mut entries): (Option<Manifest>, Vec<Entry>) =
        if path.extension().is_some_and(|e| e == "json") {
            let (m, entries) = manifest::parse_json(&text).map_err(|e| malformed(&path, e))?;
            (Some(m), entries)
        } else {
            let entries = manifest::parse_sha256sum(&text).map_err(|e| malformed(&path, e))?;
            (companion(root, &path, &entries, &mut findings), entries)
        };
    // Roles and ids from manifest.json name the instrument behind a change.
    if let Some(m) = &json {
        for entry in &mut entries {
            if let Some(file) = m.files.iter().find(|f| f.path == entry.path) {
                entry.role = Some(file.role);
                entry.id.clone_from(&file.id);
            }
        }
    }
    let templates = json.as_ref().map_or("templates", |m| m.templates.as_str());
    let report =
        verify::verify(root, &entries, &["register", templates]).map_err(|source| Error::Read {
            path: root.clone(),
            source,
        })?;
    findings.extend(report.findings);

    let mut rebuilt = None;
    if args.rebuild {
        let json_path = path.with_file_name(JSON_FILE);
        let m = json.as_ref().ok_or(Error::NoManifest { path: json_path })?;
        let timeout = std::time::Duration::from_secs(args.typst_timeout);
        rebuilt = rebuild(config, args.typst.as_deref(), timeout, m, &mut findings)?;
    }
    let editions = editions::audit(root);
    for e in &editions {
        for reason in &e.problems {
            findings.push(Finding::Edition {
                path: format!("{}/{:04}", editions::DIR, e.number),
                edition: e.number,
                reason: reason.clone(),
            });
        }
    }
    findings.sort_by(|a, b| a.path().cmp(b.path()));

    let problems = findings.len();
    let summary = format!(
        "{} files verified, {problems} problem{}",
        report.files,
        if problems == 1 { "" } else { "s" }
    );
    match args.format {
        ShowFormat::Json => {
            let mut text = serde_json::to_string_pretty(&JsonReport {
                manifest: shown(root, &path),
                files: report.files,
                ok: problems == 0,
                findings: &findings,
                rebuilt_sha256: rebuilt.clone(),
                editions: &editions,
            })
            .expect("a report serializes");
            text.push('\n');
            super::print(&text)?;
        }
        ShowFormat::Text => {
            let mut text: String = findings.iter().map(|f| format!("{f}\n")).collect();
            if let (Some(sha), Some(m)) = (&rebuilt, &json) {
                text.push_str(&format!(
                    "REBUILT {} identical to the published PDF (sha256 {sha})\n",
                    m.pdf.path
                ));
            }
            if let Some(line) = editions_line(&editions) {
                text.push_str(&line);
            }
            if problems == 0 && !config.quiet {
                text.push_str(&summary);
                text.push('\n');
            }
            super::print(&text)?;
        }
    }
    if problems > 0 {
        return Err(Error::Problems { summary });
    }
    Ok(())
}

/// "EDITIONS 1 to 3: signed and chained; edition 3 of 2025-03-01 signed
/// by treaty@mfa.kz", when every archived edition is sound.
fn editions_line(editions: &[EditionReport]) -> Option<String> {
    let last = editions.last()?;
    if editions.iter().any(|e| !e.problems.is_empty()) {
        return None;
    }
    let range = if editions.len() == 1 {
        "EDITION 1: signed".to_owned()
    } else {
        format!("EDITIONS 1 to {}: signed and chained", last.number)
    };
    Some(format!(
        "{range}; edition {} of {} signed by {}\n",
        last.number,
        last.date.as_deref().unwrap_or("?"),
        last.principal.as_deref().unwrap_or("?")
    ))
}

/// Reads `manifest.json` beside a `manifest.sha256`, and reports when the
/// two do not list the same files with the same digests.
fn companion(
    root: &Path,
    sha256_path: &Path,
    entries: &[Entry],
    findings: &mut Vec<Finding>,
) -> Option<Manifest> {
    let path: PathBuf = sha256_path.with_file_name(JSON_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    let inconsistent = |reason: String| Finding::Inconsistent {
        path: shown(root, &path),
        reason,
    };
    match manifest::parse_json(&text) {
        Ok((m, json_entries)) => {
            let pairs = |e: &[Entry]| {
                let mut v: Vec<(String, String)> = e
                    .iter()
                    .map(|e| (e.path.clone(), e.sha256.clone()))
                    .collect();
                v.sort();
                v
            };
            if pairs(&json_entries) != pairs(entries) {
                findings.push(inconsistent(format!(
                    "it lists other files or digests than {}",
                    shown(root, sha256_path)
                )));
            }
            Some(m)
        }
        Err(e) => {
            findings.push(inconsistent(format!("malformed: {e}")));
            None
        }
    }
}

/// Rebuilds into memory with the published settings; returns the rebuilt
/// PDF's digest when it is identical to the published one.
fn rebuild(
    config: &Config,
    typst_flag: Option<&Path>,
    timeout: std::time::Duration,
    m: &Manifest,
    findings: &mut Vec<Finding>,
) -> Result<Option<String>> {
    let pdf = m.pdf.path.clone();
    let typst = typst::locate(typst_flag, &mut |msg| super::say(config, msg))?;
    if typst.version != m.typst.version {
        findings.push(Finding::TypstVersion {
            path: pdf,
            published: m.typst.version.clone(),
            found: typst.version,
        });
        return Ok(None);
    }
    let checked = crate::register::check::run(&config.root, &config.limits)?;
    let Some(register) = checked.register.filter(|_| checked.diagnostics.is_empty()) else {
        findings.push(Finding::RebuildFailed {
            path: pdf,
            reason: format!(
                "the register has {} problems; `treaty-register check` lists them",
                checked.diagnostics.len()
            ),
        });
        return Ok(None);
    };
    let out = Path::new(&m.pdf.path)
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let layout = Layout {
        root: config.root.clone(),
        templates: PathBuf::from(&m.templates),
        out,
    };
    let standard = m.pdf_standard().unwrap_or(typst::DEFAULT_PDF_STANDARD);
    // A published edition is typeset again as that edition.
    // An audit reads every byte: no stat cache.
    let none = StatCache::none();
    let plan = match &m.edition {
        Some(_) => {
            let mut files = inputs::register_files(&layout.root, &register, &none)?;
            files.extend(inputs::template_files(
                &layout.root,
                &layout.templates_dir(),
                &none,
            )?);
            edition::replan(&layout.root, m, &register, &files)
        }
        None => None,
    };
    let quiet = |_: &str| {};
    let settings = build::Settings {
        pdf_standard: standard,
        timeout,
        // The published split: every volume must come out the same.
        volume_size: m.volume_size.unwrap_or(usize::MAX),
        jobs: crate::support::parallel::cores(),
        progress: &quiet,
        // A build with --as-of published the register as of an earlier date.
        as_of: crate::register::date::PartialDate::parse(&m.as_of)
            .ok()
            .filter(|d| *d != register.meta.as_of),
        edition: plan.as_ref(),
        html: false,
        stat: &none,
        // Typst must prove it makes the same PDFs: nothing is taken as is.
        reuse: None,
        spool: crate::publish::settings::SpoolIn::Temp,
    };
    match build::build(&register, &layout, &typst, &settings) {
        Ok(built) => {
            let published: Vec<_> = m.pdfs().collect();
            let mut identical = built.pdfs.len() == published.len();
            if !identical {
                findings.push(Finding::RebuildFailed {
                    path: pdf.clone(),
                    reason: format!(
                        "the rebuild has {} PDFs, the manifest lists {}",
                        built.pdfs.len(),
                        published.len()
                    ),
                });
            }
            for (info, (_, _, rebuilt)) in published.into_iter().zip(&built.pdfs) {
                if *rebuilt != info.sha256 {
                    identical = false;
                    findings.push(Finding::RebuildDiffers {
                        path: info.path.clone(),
                        published: info.sha256.clone(),
                        rebuilt: rebuilt.clone(),
                    });
                }
            }
            if identical {
                return Ok(Some(m.pdf.sha256.clone()));
            }
        }
        Err(e) => findings.push(Finding::RebuildFailed {
            path: pdf,
            reason: e.to_string(),
        }),
    }
    Ok(None)
}
