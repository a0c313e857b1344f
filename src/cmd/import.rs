//! `import FILE`: brings a department's list in (see
//! [`crate::edit::import`]), then prints the problems as `check` does, or
//! what was imported; `import --template FILE` writes the empty list.

use crate::cli::{Config, ImportArgs, ShowFormat};
use crate::edit::import::{self, Options, Outcome};
use crate::error::{Error, Result};

pub fn run(config: &Config, args: ImportArgs) -> Result<()> {
    if let Some(template) = &args.template {
        let written = import::template::write(template)?;
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        super::say(
            config,
            &format!("wrote the template {}", names.join(" and ")),
        );
        return Ok(());
    }
    let file = args
        .file
        .as_deref()
        .expect("clap requires FILE without --template");
    let outcome = import::import(
        &config.root,
        &config.limits,
        Options {
            file,
            sheet: args.sheet.as_deref(),
            acts: args.acts.as_deref(),
            mapping: args.mapping.as_deref(),
            dry_run: args.dry_run,
            update: args.update,
        },
    )?;
    match args.format {
        ShowFormat::Json => {
            super::print(&format!("{}\n", json(&outcome)))?;
            // stdout stays one JSON document; what was done goes beside it.
            if !outcome.has_errors() {
                eprint!("{}", summary(config, &outcome, args.dry_run));
            }
        }
        ShowFormat::Text => text(config, &outcome, args.dry_run)?,
    }
    if outcome.has_errors() {
        let errors = outcome.problems.iter().filter(|p| p.is_error()).count();
        return Err(Error::Problems {
            summary: format!(
                "{}: {errors} problem{}; nothing was written",
                outcome.file,
                if errors == 1 { "" } else { "s" }
            ),
        });
    }
    Ok(())
}

/// The problems as an array of `{file, sheet, cell, line, column,
/// severity, message, hint}` (contract).
fn json(outcome: &Outcome) -> String {
    serde_json::to_string_pretty(&outcome.problems).expect("problems serialize")
}

fn text(config: &Config, outcome: &Outcome, dry_run: bool) -> Result<()> {
    use std::io::Write;
    let mut err = anstream::stderr().lock();
    for p in &outcome.problems {
        let _ = err.write_all(p.render().as_bytes());
    }
    drop(err);
    if outcome.has_errors() {
        return Ok(());
    }
    super::print(&summary(config, outcome, dry_run))
}

/// `imported N instruments (M acts) from FILE; unchanged K` and the ids
/// written, one a line (contract).
fn summary(config: &Config, outcome: &Outcome, dry_run: bool) -> String {
    let verb = if dry_run { "would import" } else { "imported" };
    let n = outcome.created.len();
    let mut out = format!(
        "{verb} {n} instrument{} ({} act{}) from {}; unchanged {}",
        if n == 1 { "" } else { "s" },
        outcome.acts,
        if outcome.acts == 1 { "" } else { "s" },
        outcome.file,
        outcome.unchanged.len()
    );
    if !outcome.updated.is_empty() {
        out.push_str(&format!("; updated {}", outcome.updated.len()));
    }
    out.push('\n');
    if !config.quiet {
        for id in outcome.created.iter().chain(&outcome.updated) {
            out.push_str(id);
            out.push('\n');
        }
    }
    out
}
