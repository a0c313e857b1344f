//! `treaty-register edit ID --set FIELD=VALUE …`: fields of an instrument's
//! file changed by name, the rest of the file left as it was.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{Config, EditArgs};
use crate::edit::amend::{self, Change};
use crate::edit::prompt::Prompter;
use crate::error::{Error, Result};
use crate::register::load::{self, INSTRUMENTS_DIR};

pub fn run(config: &Config, args: EditArgs) -> Result<()> {
    let root = &config.root;
    let meta = load::meta(root)?.map_err(|_| Error::Problems {
        summary: "register/register.yaml has problems (run `treaty-register check`)".into(),
    })?;
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{}.yaml", args.id));
    if !root.join(&rel).is_file() {
        return Err(unknown_id(root, &args.id));
    }
    // Every value is checked before the file is read: a typo costs nothing.
    let mut changes = changes_from(&args)?;
    if changes.is_empty() {
        if args.no_input || !std::io::stdin().is_terminal() {
            return Err(Error::MissingValues {
                command: "edit",
                flags: vec!["--set, --unset or --add-party".into()],
            });
        }
        changes.push(ask()?);
    }
    let outcome = amend::edit(root, &args.id, &changes, meta.as_of, args.dry_run)?;
    let (old, new) = super::or_refused(root, &rel, outcome)?;
    if args.dry_run {
        return super::print(&new);
    }
    if !config.quiet {
        let done: Vec<String> = changes.iter().map(Change::describe).collect();
        let line = if old == new {
            format!("nothing changed in {}: it says so already\n", rel.display())
        } else {
            format!("edited {}: {}\n", rel.display(), done.join(", "))
        };
        super::print(&line)?;
    }
    Ok(())
}

/// The changes the flags ask for, each validated; a field both set and
/// unset is a usage error.
fn changes_from(args: &EditArgs) -> Result<Vec<Change>> {
    let mut changes = Vec::new();
    for s in &args.set {
        changes.push(amend::set(s)?);
    }
    for u in &args.unset {
        let change = amend::unset(u)?;
        let Change::Unset { field } = &change else {
            unreachable!("unset gives an Unset")
        };
        if changes
            .iter()
            .any(|c| matches!(c, Change::Set { field: f, .. } if f == field))
        {
            return Err(Error::Usage {
                message: format!("`{field}` is both set and unset"),
                hint: Some("give it either --set or --unset".into()),
            });
        }
        changes.push(change);
    }
    for p in &args.add_party {
        changes.push(amend::add_party(p)?);
    }
    Ok(changes)
}

/// At a terminal with no change given: one field and its new value.
fn ask() -> Result<Change> {
    let mut prompter = Prompter::new(std::io::stdin().lock(), std::io::stderr());
    let words = |e: Error| match e.hint() {
        Some(hint) => format!("{e} ({hint})"),
        None => e.to_string(),
    };
    let field = prompter
        .ask("Field to set (e.g. signed.place)", false, |a| {
            amend::settable(a)
                .map(|()| a.trim().to_owned())
                .map_err(words)
        })?
        .ok_or(Error::InputEnded)?;
    let value = prompter
        .ask(&format!("New value of {field}"), false, |a| {
            amend::set(&format!("{field}={a}"))
                .map(|_| a.to_owned())
                .map_err(words)
        })?
        .ok_or(Error::InputEnded)?;
    amend::set(&format!("{field}={value}"))
}

fn unknown_id(root: &Path, id: &str) -> Error {
    let ids = load::instrument_stems(root);
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    Error::UnknownId {
        suggestion: crate::register::suggest::closest(id, &ids).map(str::to_owned),
        id: id.to_owned(),
    }
}
