//! `treaty-register withdraw ID --reason T [--date D]`: an entry marked
//! withdrawn in its own file, which stays.

use std::path::Path;

use crate::cli::{Config, WithdrawArgs};
use crate::edit::withdraw;
use crate::error::{Error, Result};
use crate::register::date::PartialDate;
use crate::register::load::{self, INSTRUMENTS_DIR};

pub fn run(config: &Config, args: WithdrawArgs) -> Result<()> {
    let root = &config.root;
    let meta = load::meta(root)?.map_err(|_| Error::Problems {
        summary: "register/register.yaml has problems (run `treaty-register check`)".into(),
    })?;
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{}.yaml", args.id));
    if !root.join(&rel).is_file() {
        return Err(super::record::unknown_id(root, &args.id));
    }
    let date = match &args.date {
        Some(d) => full_date(d)?,
        None => crate::support::clock::today(),
    };
    let reason = args.reason.trim();
    if reason.is_empty() {
        return Err(Error::Usage {
            message: "--reason is empty".into(),
            hint: Some("say why the entry leaves the register, e.g. --reason 'Entered by mistake; duplicate of KZ-UZ-2024-002'".into()),
        });
    }
    let result = withdraw::withdraw(root, &args.id, &date, reason, meta.as_of, args.dry_run)?;
    let text = super::or_refused(root, &rel, result)?;
    if args.dry_run {
        return super::print(&text);
    }
    if !config.quiet {
        super::print(&format!(
            "withdrew {} ({}) in {}; it stays in the manifest and its id is never reused\n",
            args.id,
            date,
            rel.display()
        ))?;
    }
    Ok(())
}

/// `--date` as a full calendar date: a withdrawal is an act of the
/// archivist on a known day.
fn full_date(text: &str) -> Result<String> {
    match PartialDate::parse(text.trim()) {
        Ok(d) if d.is_full() => Ok(d.to_string()),
        Ok(_) | Err(_) => Err(Error::Usage {
            message: format!("--date `{text}` is not a date"),
            hint: Some("write it as YYYY-MM-DD, or leave out --date for today".into()),
        }),
    }
}
