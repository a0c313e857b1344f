//! Typesetting a published register again to prove it was made from its
//! sources: `verify --rebuild` in the project (every PDF the manifest
//! lists, with the settings it records, and the web edition's files when
//! it lists them) and `verify --pdf FILE --rebuild`
//! from the sources a PDF carries (written to a temporary project; fonts
//! the PDF names by digest come from the template set built into this
//! tool when their digests match). The new PDF must equal the published
//! one byte for byte.

use std::path::{Path, PathBuf};

use crate::audit::inputs;
use crate::audit::manifest::{self, Manifest};
use crate::audit::pdf::{BUILD, DIGESTS, Embedded};
use crate::audit::verify::Finding;
use crate::error::Result;
use crate::publish::build::{self, Layout};
use crate::publish::edition::{self, Plan};
use crate::publish::embed::BuildSettings;
use crate::publish::typst::{self, Typst};
use crate::register::date::PartialDate;
use crate::register::load::Limits;
use crate::support::digest;
use crate::support::statcache::StatCache;

/// Rebuilds into memory with the published settings; returns the rebuilt
/// PDF's digest when it is identical to the published one.
pub fn project(
    root: &Path,
    limits: &Limits,
    locate: impl FnOnce() -> Result<Typst>,
    timeout: std::time::Duration,
    m: &Manifest,
    findings: &mut Vec<Finding>,
) -> Result<Option<String>> {
    let pdf = m.pdf.path.clone();
    let typst = locate()?;
    if typst.version != m.typst.version {
        findings.push(Finding::TypstVersion {
            path: pdf,
            published: m.typst.version.clone(),
            found: typst.version,
        });
        return Ok(None);
    }
    let checked = crate::register::check::run(root, limits)?;
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
        root: root.to_path_buf(),
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
        // The web edition too, when it was published: its feeds and data
        // are the register's as much as the PDFs are.
        html: published_pages(m, &layout).next().is_some(),
        stat: &none,
        // Typst must prove it makes the same PDFs: nothing is taken as is.
        reuse: None,
        spool: crate::publish::settings::SpoolIn::Temp,
        seal: None,
    };
    // Worded by the catalogues the PDF carries, not the auditor's project's.
    let built = crate::publish::locale::with_project(&layout.root, || {
        build::build(&register, &layout, &typst, &settings)
    });
    match built {
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
                let sealed =
                    || std::fs::read(root.join(&info.path)).is_ok_and(|b| before_seal(&b, rebuilt));
                if *rebuilt != info.sha256 && !sealed() {
                    identical = false;
                    findings.push(Finding::RebuildDiffers {
                        path: info.path.clone(),
                        published: info.sha256.clone(),
                        rebuilt: rebuilt.clone(),
                    });
                }
            }
            if settings.html && !pages_identical(m, &layout, &built, findings) {
                identical = false;
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

/// The web edition's files the manifest lists (`out/html/…`), with their
/// digests.
fn published_pages<'a>(
    m: &'a Manifest,
    layout: &Layout,
) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
    let web = format!(
        "{}/{}/",
        crate::publish::settings::slash(&layout.out),
        crate::publish::web::DIR
    );
    m.files
        .iter()
        .filter(move |f| f.role == inputs::Role::Output && f.path.starts_with(&web))
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
}

/// Whether the rebuilt web edition is the published one, file for file;
/// the first differences are findings (a changed register would make a
/// hundred thousand).
fn pages_identical(
    m: &Manifest,
    layout: &Layout,
    built: &build::Built,
    findings: &mut Vec<Finding>,
) -> bool {
    const SHOWN: usize = 20;
    let out = crate::publish::settings::slash(&layout.out);
    let web = format!("{}/", crate::publish::web::DIR);
    let published: std::collections::BTreeMap<&str, &str> = published_pages(m, layout).collect();
    let rebuilt: std::collections::BTreeMap<String, &str> = built
        .spool
        .files
        .iter()
        .filter(|(name, _, _)| name.starts_with(&web))
        .map(|(name, _, sha256)| (format!("{out}/{name}"), sha256.as_str()))
        .collect();
    let mut differ: Vec<Finding> = Vec::new();
    for (path, sha256) in &published {
        match rebuilt.get(*path) {
            Some(again) if again == sha256 => {}
            Some(again) => differ.push(Finding::RebuildDiffers {
                path: (*path).to_owned(),
                published: (*sha256).to_owned(),
                rebuilt: (*again).to_owned(),
            }),
            None => differ.push(Finding::RebuildFailed {
                path: (*path).to_owned(),
                reason: "the rebuilt web edition has no such file".into(),
            }),
        }
    }
    for path in rebuilt
        .keys()
        .filter(|p| !published.contains_key(p.as_str()))
    {
        differ.push(Finding::RebuildFailed {
            path: path.clone(),
            reason: "the rebuilt web edition has this file; the manifest does not list it".into(),
        });
    }
    let same = differ.is_empty();
    if differ.len() > SHOWN {
        let more = differ.len() - SHOWN;
        differ.truncate(SHOWN);
        differ.push(Finding::RebuildFailed {
            path: format!("{out}/{web}"),
            reason: format!("and {more} more files of the web edition differ"),
        });
    }
    findings.extend(differ);
    same
}

/// Typesets the embedded sources again; the SHA-256 of the new PDF when it
/// equals `pdf`, else why not.
pub fn from_pdf(
    embedded: &[Embedded],
    pdf: &Path,
    limits: &Limits,
    locate: impl FnOnce() -> Result<Typst>,
    timeout: std::time::Duration,
) -> std::result::Result<String, String> {
    let settings: BuildSettings = embedded
        .iter()
        .find(|e| e.name == BUILD)
        .and_then(|e| serde_json::from_slice(&e.bytes).ok())
        .ok_or_else(|| format!("REBUILD FAILED: the PDF carries no readable {BUILD}"))?;
    if crate::publish::documents::rebuild::is_document(&settings.document) {
        return document(embedded, pdf, &settings, locate, timeout);
    }
    if settings.document != "register" {
        return Err(format!(
            "REBUILD FAILED: this is the {} of a register in volumes, which carries only its own \
             entries; rebuild the whole register with `treaty-register verify --rebuild` in the project",
            settings.document
        ));
    }
    let dir =
        tempfile::tempdir().map_err(|e| format!("REBUILD FAILED: no temporary folder ({e})"))?;
    restore(dir.path(), embedded, &settings)?;
    let checked = crate::register::check::run(dir.path(), limits)
        .map_err(|e| format!("REBUILD FAILED: {e}"))?;
    let register = checked
        .register
        .filter(|_| checked.diagnostics.is_empty())
        .ok_or("REBUILD FAILED: the embedded register does not pass `check`")?;
    let typst = same_typst(locate, &settings)?;
    let layout = Layout {
        root: dir.path().to_path_buf(),
        templates: PathBuf::from(&settings.templates),
        out: PathBuf::from("out"),
    };
    let plan = settings.edition.as_ref().and_then(|e| {
        Some(Plan {
            number: e.number,
            date: PartialDate::parse(&e.date).ok()?,
            previous: e.previous.clone(),
            signer: e.signer.clone(),
            changes: e.changes.clone(),
        })
    });
    let quiet = |_: &str| {};
    let as_of = PartialDate::parse(&settings.as_of)
        .ok()
        .filter(|d| *d != register.meta.as_of);
    let build_settings = build::Settings {
        pdf_standard: &settings.pdf_standard,
        timeout,
        volume_size: usize::MAX,
        jobs: 1,
        progress: &quiet,
        as_of,
        edition: plan.as_ref(),
        html: false,
        stat: &crate::support::statcache::StatCache::none(),
        reuse: None,
        spool: crate::publish::settings::SpoolIn::Temp,
        seal: None,
    };
    // Worded by the catalogues the PDF carries.
    let built = crate::publish::locale::with_project(&layout.root, || {
        build::build(&register, &layout, &typst, &build_settings)
    })
    .map_err(|e| format!("REBUILD FAILED: {e}"))?;
    // A language edition is rebuilt with the others; compare its own PDF.
    let file = settings.language.as_ref().map_or_else(
        || "register.pdf".to_owned(),
        |l| format!("register.{l}.pdf"),
    );
    let Some((_, _, rebuilt)) = built.pdfs.iter().find(|(name, _, _)| *name == file) else {
        return Err(format!(
            "REBUILD FAILED: the embedded register no longer makes {file}"
        ));
    };
    compare(rebuilt, pdf)
}

/// Issues the document `pdf` again from the sources it carries; its
/// SHA-256 when the new PDF equals it.
fn document(
    embedded: &[Embedded],
    pdf: &Path,
    settings: &BuildSettings,
    locate: impl FnOnce() -> Result<Typst>,
    timeout: std::time::Duration,
) -> std::result::Result<String, String> {
    let dir =
        tempfile::tempdir().map_err(|e| format!("REBUILD FAILED: no temporary folder ({e})"))?;
    restore(dir.path(), embedded, settings)?;
    let typst = same_typst(locate, settings)?;
    let rebuilt =
        crate::publish::documents::rebuild::typeset(dir.path(), settings, &typst, timeout)?;
    compare(&digest::sha256_bytes(&rebuilt), pdf)
}

/// Whether `pdf` is the PDF whose digest is `rebuilt`, sealed: its bytes
/// before the seal's update are exactly those typeset.
///
/// The update must hold an intact seal over the whole file, whose
/// signature lies in the update: an update that only mentions a seal, or
/// a seal of the bytes before it, does not make the file the one typeset.
pub fn before_seal(pdf: &[u8], rebuilt: &str) -> bool {
    let Some(prefix) = crate::publish::seal::pdf::unsealed(pdf) else {
        return false;
    };
    digest::sha256_bytes(prefix) == rebuilt
        && crate::audit::seal::seals(pdf, &Default::default())
            .iter()
            .any(|s| s.intact() && s.covers == pdf.len() && s.contents_at > prefix.len())
}

/// The typst that typeset the PDF, or why a rebuild cannot be compared.
fn same_typst(
    locate: impl FnOnce() -> Result<Typst>,
    settings: &BuildSettings,
) -> std::result::Result<Typst, String> {
    let typst = locate().map_err(|e| format!("REBUILD FAILED: {e}"))?;
    if typst.version != settings.typst_version {
        return Err(format!(
            "TYPST VERSION the PDF was typeset with typst {}, this machine has typst {}; a rebuild can only be compared with the same typst",
            settings.typst_version, typst.version
        ));
    }
    Ok(typst)
}

/// `rebuilt` (a digest) when it is the digest of `pdf`, or of the PDF
/// its seal was added to; else why not.
fn compare(rebuilt: &str, pdf: &Path) -> std::result::Result<String, String> {
    let bytes =
        std::fs::read(pdf).map_err(|e| format!("REBUILD FAILED: cannot read the PDF ({e})"))?;
    if before_seal(&bytes, rebuilt) {
        return Ok(rebuilt.to_owned());
    }
    let given = digest::sha256_bytes(&bytes);
    if rebuilt != given {
        return Err(format!(
            "REBUILD DIFFERS the embedded sources typeset to {rebuilt}, this PDF is {given}: it was not produced from them"
        ));
    }
    Ok(given)
}

/// Writes the embedded sources at their project paths under `dir`, and
/// the fonts the PDF names by digest from the built-in template set.
fn restore(
    dir: &Path,
    embedded: &[Embedded],
    settings: &BuildSettings,
) -> std::result::Result<(), String> {
    let write = |rel: &str, bytes: &[u8]| -> std::result::Result<(), String> {
        // Names come from the PDF: never let one lead out of the folder.
        manifest::check_path(rel).map_err(|why| {
            format!("REBUILD FAILED: an embedded file has an unsafe name ({why})")
        })?;
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("REBUILD FAILED: {e}"))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("REBUILD FAILED: {e}"))
    };
    for e in embedded
        .iter()
        .filter(|e| e.name != DIGESTS && e.name != BUILD)
    {
        write(&e.name, &e.bytes)?;
    }
    let list = embedded
        .iter()
        .find(|e| e.name == DIGESTS)
        .map_or(&[][..], |e| &e.bytes[..]);
    let listed = manifest::parse_sha256sum(&String::from_utf8_lossy(list)).unwrap_or_default();
    let prefix = format!("{}/", settings.templates.trim_end_matches('/'));
    for l in listed
        .iter()
        .filter(|l| !embedded.iter().any(|e| e.name == l.path))
    {
        let Some(name) = l.path.strip_prefix(&prefix) else {
            return Err(format!(
                "REBUILD FAILED: {} is named in the PDF only by its digest (attachments are not embedded); rebuild in the project with `treaty-register verify --rebuild`",
                l.path
            ));
        };
        let built_in = crate::support::templates::TEMPLATES
            .iter()
            .find(|(n, bytes)| *n == name && digest::sha256_bytes(bytes) == l.sha256);
        match built_in {
            Some((_, bytes)) => write(&l.path, bytes)?,
            None => {
                return Err(format!(
                    "REBUILD FAILED: {} is named in the PDF only by its digest, and this tool does not carry a file with that digest",
                    l.path
                ));
            }
        }
    }
    Ok(())
}
