//! `treaty-register verify --pdf FILE [--rebuild]`: audit a PDF on its own,
//! in any folder, from the sources it carries.
//!
//! Every embedded file is checked against the embedded digest list, and the
//! list against the register digest the PDF states. With `--rebuild`, the
//! embedded sources are written to a temporary project (fonts, which the PDF
//! names by digest, come from the default template set built into this
//! tool when their digests match) and typeset again with the settings the
//! PDF carries; the new PDF must equal the given one byte for byte.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audit::manifest;
use crate::audit::pdf::{self, BUILD, DIGESTS, Embedded, PdfReport};
use crate::cli::{Config, ShowFormat, VerifyArgs};
use crate::error::{Error, Result};
use crate::publish::build::{self, Layout};
use crate::publish::edition::Plan;
use crate::publish::embed::BuildSettings;
use crate::publish::typst;
use crate::register::date::PartialDate;
use crate::support::digest;

#[derive(Serialize)]
struct JsonReport<'a> {
    pdf: String,
    ok: bool,
    #[serde(flatten)]
    report: &'a PdfReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    rebuilt_sha256: Option<String>,
}

pub fn run(config: &Config, args: &VerifyArgs, path: &Path) -> Result<()> {
    let embedded = pdf::embedded_files(path).map_err(|why| Error::Usage {
        message: format!("{}: {why}", path.display()),
        hint: Some("name a PDF published by treaty-register".into()),
    })?;
    let mut report = pdf::check(&embedded);
    let mut rebuilt = None;
    if args.rebuild && report.problem_count() == 0 {
        let timeout = std::time::Duration::from_secs(args.typst_timeout);
        match rebuild(config, &embedded, path, args.typst.as_deref(), timeout) {
            Ok(sha) => rebuilt = Some(sha),
            Err(why) => report.problems.push(why),
        }
    }
    let problems = report.problem_count();
    let summary = format!(
        "{} embedded files verified, {problems} problem{}",
        report.files.len(),
        if problems == 1 { "" } else { "s" }
    );
    let text = match args.format {
        ShowFormat::Json => {
            let mut text = serde_json::to_string_pretty(&JsonReport {
                pdf: path.display().to_string(),
                ok: problems == 0,
                report: &report,
                rebuilt_sha256: rebuilt,
            })
            .expect("a report serializes");
            text.push('\n');
            text
        }
        ShowFormat::Text => text(config, &report, rebuilt.as_deref(), &summary),
    };
    super::print(&text)?;
    if problems > 0 {
        return Err(Error::Problems { summary });
    }
    Ok(())
}

fn text(config: &Config, report: &PdfReport, rebuilt: Option<&str>, summary: &str) -> String {
    let mut text: String = report.files.iter().map(|f| format!("{f}\n")).collect();
    if report.named_by_digest > 0 {
        text.push_str(&format!(
            "NAMED BY DIGEST {} more files (fonts, attachments, entries of other volumes): `verify` checks them in the project\n",
            report.named_by_digest
        ));
    }
    if let (Some(stated), Some(computed)) =
        (&report.register_digest, &report.computed_register_digest)
        && stated == computed
    {
        text.push_str(&format!("REGISTER DIGEST {stated} as the PDF states\n"));
    }
    for p in &report.problems {
        text.push_str(&format!("PROBLEM {p}\n"));
    }
    if let Some(sha) = rebuilt {
        text.push_str(&format!(
            "REBUILT from the embedded sources: identical to this PDF (sha256 {sha})\n"
        ));
    }
    if report.problem_count() == 0 && !config.quiet {
        text.push_str(summary);
        text.push('\n');
    }
    text
}

/// Typesets the embedded sources again; the SHA-256 of the new PDF when it
/// equals `pdf`, else why not.
fn rebuild(
    config: &Config,
    embedded: &[Embedded],
    pdf: &Path,
    typst_path: Option<&Path>,
    timeout: std::time::Duration,
) -> std::result::Result<String, String> {
    let settings: BuildSettings = embedded
        .iter()
        .find(|e| e.name == BUILD)
        .and_then(|e| serde_json::from_slice(&e.bytes).ok())
        .ok_or_else(|| format!("REBUILD FAILED: the PDF carries no readable {BUILD}"))?;
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
    let checked = crate::register::check::run(dir.path(), &config.limits)
        .map_err(|e| format!("REBUILD FAILED: {e}"))?;
    let register = checked
        .register
        .filter(|_| checked.diagnostics.is_empty())
        .ok_or("REBUILD FAILED: the embedded register does not pass `check`")?;
    let typst = typst::locate(typst_path, &mut |m| super::say(config, m))
        .map_err(|e| format!("REBUILD FAILED: {e}"))?;
    if typst.version != settings.typst_version {
        return Err(format!(
            "TYPST VERSION the PDF was typeset with typst {}, this machine has typst {}; a rebuild can only be compared with the same typst",
            settings.typst_version, typst.version
        ));
    }
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
    };
    let built = build::build(&register, &layout, &typst, &build_settings)
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
    let rebuilt = rebuilt.clone();
    let given = digest::sha256_file(pdf)
        .map_err(|e| format!("REBUILD FAILED: cannot read the PDF ({e})"))?;
    if rebuilt != given {
        return Err(format!(
            "REBUILD DIFFERS the embedded sources typeset to {rebuilt}, this PDF is {given}: it was not produced from them"
        ));
    }
    Ok(rebuilt)
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
        let built_in = crate::edit::init::TEMPLATES
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
