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
}

pub fn run(config: &Config, args: &VerifyArgs, path: &Path) -> Result<()> {
    let carried = pdf::embedded_files(path).map_err(|why| Error::Usage {
        message: format!("{}: {why}", path.display()),
        hint: Some("name a PDF published by treaty-register".into()),
    })?;
    let mut report = pdf::check(&carried);
    let custom = pdf::custom_templates(&carried.files);
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
            })
            .expect("a report serializes");
            text.push('\n');
            text
        }
        ShowFormat::Text => text(config, &report, rebuilt.as_deref(), &custom, &summary),
    };
    super::print(&text)?;
    if problems > 0 {
        return Err(Error::Problems { summary });
    }
    Ok(())
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
