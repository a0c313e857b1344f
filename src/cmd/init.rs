//! `treaty-register init DIR`: a new register project.

use std::io::IsTerminal;

use crate::cli::{Config, InitArgs};
use crate::edit::init::{self, NewRegister};
use crate::edit::prompt::Prompter;
use crate::error::{Error, Result};
use crate::register::date::PartialDate;
use crate::register::model::is_valid_id;

fn full_date(answer: &str) -> std::result::Result<String, String> {
    match PartialDate::parse(answer) {
        Ok(d) if d.is_full() => Ok(answer.to_owned()),
        Ok(_) => Err(format!("`{answer}` is not a full date; write YYYY-MM-DD")),
        Err(e) => Err(format!("`{answer}` is not a valid date: {e}")),
    }
}

fn prefix(answer: &str) -> std::result::Result<String, String> {
    if is_valid_id(answer) {
        Ok(answer.to_owned())
    } else {
        Err(format!(
            "`{answer}` is not a valid prefix: use upper-case letters, digits and single hyphens, e.g. KZ-UZ-2025"
        ))
    }
}

pub fn run(config: &Config, args: InitArgs) -> Result<()> {
    let check =
        |flag: &str, value: &Option<String>, f: fn(&str) -> std::result::Result<String, String>| {
            value
                .as_deref()
                .map(f)
                .transpose()
                .map_err(|why| Error::Usage {
                    message: format!("invalid {flag}: {why}"),
                    hint: None,
                })
        };
    let mut title = args.title.clone().filter(|t| !t.trim().is_empty());
    let mut as_of = check("--as-of", &args.as_of, full_date)?;
    let mut id_prefix = check("--id-prefix", &args.id_prefix, prefix)?;
    let missing: Vec<String> = [
        ("--title", title.is_none()),
        ("--as-of", as_of.is_none()),
        ("--id-prefix", id_prefix.is_none()),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(f, _)| (*f).to_owned())
    .collect();
    if !missing.is_empty() {
        if args.no_input || !std::io::stdin().is_terminal() {
            return Err(Error::MissingValues {
                command: "init",
                flags: missing,
            });
        }
        let mut p = Prompter::new(std::io::stdin().lock(), std::io::stderr());
        if title.is_none() {
            title = p.ask("Title of the register", false, |a| {
                Ok::<_, String>(a.to_owned())
            })?;
        }
        if as_of.is_none() {
            as_of = p.ask("Status as of (YYYY-MM-DD)", false, full_date)?;
        }
        if id_prefix.is_none() {
            id_prefix = p.ask("Prefix of ids (e.g. KZ-UZ-2025)", false, prefix)?;
        }
    }
    let register = NewRegister {
        title: title.unwrap_or_default(),
        as_of: as_of.unwrap_or_default(),
        language: "en".into(),
        id_prefix: id_prefix.unwrap_or_default(),
    };
    // DIR is taken from --root like every other path (it was ignored).
    let dir = if config.root == std::path::Path::new(".") {
        args.dir.clone()
    } else {
        config.root.join(&args.dir)
    };
    init::create(&dir, &register)?;
    if !config.quiet {
        super::print(&format!(
            "created the register project {}\nnext: cd {} && treaty-register add\n",
            dir.display(),
            dir.display()
        ))?;
    }
    Ok(())
}
