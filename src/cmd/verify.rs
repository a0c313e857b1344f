//! `treaty-register verify`: audit the published files against the
//! manifest, and with `--rebuild` prove the PDF is built from them.

use serde::Serialize;

use crate::audit::editions::EditionReport;
use crate::audit::manifest::{self, JSON_FILE};
use crate::audit::unit::{self, Audit};
use crate::audit::verify::Finding;
use crate::cli::{Config, ShowFormat, VerifyArgs};
use crate::error::{Error, Result};
use crate::publish::{rebuild, typst};

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

pub fn run(config: &Config, args: VerifyArgs) -> Result<()> {
    if let Some(pdf) = &args.pdf {
        return super::verify_pdf::run(config, &args, pdf);
    }
    let root = &config.root;
    let path = args
        .manifest
        .clone()
        .unwrap_or_else(|| root.join("out").join(manifest::SHA256_FILE));
    let mut audit = unit::audit(root, &path)?;
    let mut rebuilt = None;
    if args.rebuild {
        let json_path = path.with_file_name(JSON_FILE);
        let m = audit
            .manifest
            .as_ref()
            .ok_or(Error::NoManifest { path: json_path })?;
        let timeout = std::time::Duration::from_secs(args.typst_timeout);
        let locate = || typst::locate(args.typst.as_deref(), &mut |msg| super::say(config, msg));
        rebuilt = rebuild::project(
            root,
            &config.limits,
            locate,
            timeout,
            m,
            &mut audit.findings,
        )?;
        audit.sort();
    }
    let problems = audit.findings.len();
    let summary = format!(
        "{} files verified, {problems} problem{}",
        audit.files,
        if problems == 1 { "" } else { "s" }
    );
    let text = match args.format {
        ShowFormat::Json => {
            let mut text = serde_json::to_string_pretty(&JsonReport {
                manifest: unit::shown(root, &path),
                files: audit.files,
                ok: problems == 0,
                findings: &audit.findings,
                rebuilt_sha256: rebuilt.clone(),
                editions: &audit.editions,
            })
            .expect("a report serializes");
            text.push('\n');
            text
        }
        ShowFormat::Text => text(config, &audit, rebuilt.as_deref(), &summary),
    };
    super::print(&text)?;
    if problems > 0 {
        return Err(Error::Problems { summary });
    }
    Ok(())
}

/// The findings a line each, the rebuild's and the editions' verdicts,
/// and the summary when all is well.
fn text(config: &Config, audit: &Audit, rebuilt: Option<&str>, summary: &str) -> String {
    let mut text: String = audit.findings.iter().map(|f| format!("{f}\n")).collect();
    if let (Some(sha), Some(m)) = (rebuilt, &audit.manifest) {
        text.push_str(&format!(
            "REBUILT {} identical to the published PDF (sha256 {sha})\n",
            m.pdf.path
        ));
    }
    if let Some(line) = editions_line(&audit.editions) {
        text.push_str(&line);
    }
    if audit.findings.is_empty() && !config.quiet {
        text.push_str(summary);
        text.push('\n');
    }
    text
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
    let judged = last
        .judged_at
        .as_deref()
        .map_or_else(String::new, |at| format!(", the signature judged at {at}"));
    Some(format!(
        "{range}; edition {} of {} signed by {}{judged}\n",
        last.number,
        last.date.as_deref().unwrap_or("?"),
        last.principal.as_deref().unwrap_or("?")
    ))
}
