//! `treaty-register verify --pdf FILE [--rebuild]`: audit a PDF on its own,
//! in any folder, from the sources it carries.
//!
//! Every embedded file is checked against the embedded digest list, and the
//! list against the register digest the PDF states ([`crate::audit::pdf`]);
//! with `--rebuild`, the sources it carries are typeset again
//! ([`crate::publish::rebuild`]).

use std::path::Path;

use serde::Serialize;

use crate::audit::pdf::{self, PdfReport};
use crate::audit::seal;
use crate::cli::{Config, ShowFormat, VerifyArgs};
use crate::error::{Error, Result};
use crate::publish::{rebuild, typst};

#[derive(Serialize)]
struct JsonReport<'a> {
    pdf: String,
    ok: bool,
    #[serde(flatten)]
    report: &'a PdfReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    rebuilt_sha256: Option<String>,
    /// Embedded templates that are not treaty-register's own.
    custom_templates: Vec<String>,
    /// The PAdES seals, checked.
    seals: Vec<SealJson>,
}

/// A seal as the JSON report gives it.
#[derive(Serialize)]
struct SealJson {
    subject: String,
    issuer: String,
    serial: String,
    certificate_sha256: String,
    time: Option<String>,
    covers_bytes: usize,
    timestamp: Option<StampJson>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct StampJson {
    time: String,
    tsa: String,
}

impl From<&seal::Seal> for SealJson {
    fn from(s: &seal::Seal) -> SealJson {
        SealJson {
            subject: s.subject.clone(),
            issuer: s.issuer.clone(),
            serial: s.serial.clone(),
            certificate_sha256: s.cert_sha256.clone(),
            time: s.time.clone(),
            covers_bytes: s.covers,
            timestamp: s.timestamp.as_ref().map(|t| StampJson {
                time: t.time.clone(),
                tsa: t.tsa.clone(),
            }),
            problems: s
                .problems
                .iter()
                .chain(s.timestamp.iter().flat_map(|t| &t.problems))
                .cloned()
                .collect(),
        }
    }
}

/// The certificates trusted for seals and time-stamps: the project's
/// lists (where verify runs in one) and `--trust`.
pub(crate) fn trust(config: &Config, extra: Option<&Path>) -> Result<seal::Trust> {
    let read = |path: &Path| {
        seal::trust_file(path).map_err(|why| Error::Usage {
            message: why,
            hint: Some("a trust list is a file of PEM certificates".into()),
        })
    };
    let mut trust = seal::Trust {
        seals: read(&config.root.join(seal::SEALS_FILE))?,
        tsas: read(&config.root.join(seal::TSA_FILE))?,
    };
    if let Some(path) = extra {
        if !path.exists() {
            return Err(Error::Usage {
                message: format!("--trust {}: no such file", path.display()),
                hint: None,
            });
        }
        let certs = read(path)?;
        trust.seals.extend(certs.iter().cloned());
        trust.tsas.extend(certs);
    }
    Ok(trust)
}

pub fn run(config: &Config, args: &VerifyArgs, path: &Path) -> Result<()> {
    let carried = pdf::embedded_files(path).map_err(|why| Error::Usage {
        message: format!("{}: {why}", path.display()),
        hint: Some("name a PDF published by treaty-register".into()),
    })?;
    let mut report = pdf::check(&carried);
    let custom = pdf::custom_templates(&carried.files);
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let seals = seal::seals(&bytes, &trust(config, args.trust.as_deref())?);
    for s in &seals {
        report.problems.extend(s.problems.iter().cloned());
        report
            .problems
            .extend(s.timestamp.iter().flat_map(|t| t.problems.iter().cloned()));
    }
    if args.require_seal && seals.is_empty() {
        report.problems.push(format!(
            "SEAL-MISSING {} carries no seal (looked for in its last {} MB, where a seal is appended)",
            path.display(),
            seal::SEARCHED >> 20
        ));
    }
    let mut rebuilt = None;
    if args.rebuild && report.problem_count() == 0 {
        let timeout = std::time::Duration::from_secs(args.typst_timeout);
        let locate = || typst::locate(args.typst.as_deref(), &mut |m| super::say(config, m));
        match rebuild::from_pdf(&carried.files, path, &config.limits, locate, timeout) {
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
                custom_templates: custom,
                seals: seals.iter().map(SealJson::from).collect(),
            })
            .expect("a report serializes");
            text.push('\n');
            text
        }
        ShowFormat::Text => {
            let mut text = text(config, &report, rebuilt.as_deref(), &custom, &summary);
            // The seals before the closing line.
            let lines: String = seals.iter().map(seal_line).collect();
            let at = text.rfind(&summary).unwrap_or(text.len());
            text.insert_str(at, &lines);
            if !seals.is_empty() {
                text = text.replace(
                    "identical to this PDF (sha256",
                    "identical to this PDF before its seal (sha256",
                );
            }
            text
        }
    };
    super::print(&text)?;
    if problems > 0 {
        return Err(Error::Problems { summary });
    }
    Ok(())
}

/// "SEAL CN=… (issued by CN=…), the whole file, 2026-12-06T21:22:19Z
/// [time-stamped … by …]".
fn seal_line(s: &seal::Seal) -> String {
    let stamp = s.timestamp.as_ref().map_or_else(String::new, |t| {
        format!(", time-stamped {} by {}", t.time, t.tsa)
    });
    let state = if s.problems.is_empty() {
        "valid and trusted"
    } else {
        "NOT valid"
    };
    if s.subject.is_empty() {
        return format!("SEAL {state}: a signature whose certificate could not be read\n");
    }
    format!(
        "SEAL {state}: {} (issued by {}), sealed {}{stamp}\n",
        s.subject,
        s.issuer,
        s.time
            .as_deref()
            .map_or_else(|| "at a time not stated".to_owned(), readable_time),
    )
}

/// "D:20261206212709Z" as "2026-12-06 21:27:09 UTC".
fn readable_time(pdf: &str) -> String {
    let d = pdf.trim_start_matches("D:");
    match (
        d.get(0..4),
        d.get(4..6),
        d.get(6..8),
        d.get(8..10),
        d.get(10..12),
        d.get(12..14),
    ) {
        (Some(y), Some(mo), Some(day), Some(h), Some(mi), Some(s))
            if d.ends_with('Z') && d[..14].bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("{y}-{mo}-{day} {h}:{mi}:{s} UTC")
        }
        // The PDF's own words, never raw: they could carry terminal
        // control codes.
        _ => format!(
            "at a time its /M does not state readably (\"{}\")",
            pdf.chars().take(40).collect::<String>().escape_debug()
        ),
    }
}

fn text(
    config: &Config,
    report: &PdfReport,
    rebuilt: Option<&str>,
    custom: &[String],
    summary: &str,
) -> String {
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
    for t in custom {
        text.push_str(&format!(
            "CUSTOM TEMPLATE {t}: the register digest does not cover templates; read what they print\n"
        ));
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
