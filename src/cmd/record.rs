//! `treaty-register record ID ACTION …`: one act of one party, or the UN
//! registration, added to an instrument's file.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{Config, RecordArgs};
use crate::edit::add::{choice, date_answer, state_answer};
use crate::edit::prompt::Prompter;
use crate::edit::record::{self, ActDraft, Change, Edited, RegistrationDraft};
use crate::error::{Error, Result};
use crate::register::lifecycle;
use crate::register::load::{self, INSTRUMENTS_DIR};
use crate::register::model::ActionKind;

/// The pseudo-action that records the UN registration.
const REGISTRATION: &str = "registration";

pub fn run(config: &Config, args: RecordArgs) -> Result<()> {
    let interactive = !args.no_input && std::io::stdin().is_terminal();
    let asked = std::cell::Cell::new(false);
    let change = match args.remove {
        Some(n) => {
            refuse_with_remove(&args)?;
            Change::Remove(n as usize)
        }
        None => {
            existing(config, &args.id)?;
            change_from(&args, interactive, &asked)?
        }
    };
    // Answers typed at a terminal are shown and confirmed, as `add` does.
    let confirm = asked.get() && !args.dry_run;
    write_change(config, &args.id, &change, args.dry_run, confirm)
}

/// The entry's file exists, or the error says which ids are near.
pub(crate) fn existing(config: &Config, id: &str) -> Result<()> {
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    if config.root.join(&rel).is_file() {
        Ok(())
    } else {
        Err(unknown_id(&config.root, id))
    }
}

/// Makes `change` to entry `id` (checked, under the lock, in one rename)
/// and says what was done; with `dry_run`, prints the new text instead.
/// With `confirm`, shows the change and asks before writing.
pub(crate) fn write_change(
    config: &Config,
    id: &str,
    change: &Change,
    dry_run: bool,
    confirm: bool,
) -> Result<()> {
    let root = &config.root;
    let meta = load::meta(root)?.map_err(|_| Error::Problems {
        summary: "register/register.yaml has problems (run `treaty-register check`)".into(),
    })?;
    existing(config, id)?;
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    if confirm {
        let edited = super::or_refused(
            root,
            &rel,
            record::record(root, id, change, meta.as_of, true)?,
        )?;
        let mut prompter = Prompter::new(std::io::stdin().lock(), std::io::stderr());
        prompter.say(&format!("\n{}", added_lines(&edited.before, &edited.text)))?;
        if !prompter.confirm(&format!("Write {}?", rel.display()))? {
            prompter.say("Nothing was written.")?;
            return Ok(());
        }
    }
    let edited = super::or_refused(
        root,
        &rel,
        record::record(root, id, change, meta.as_of, dry_run)?,
    )?;
    if dry_run {
        return super::print(&edited.text);
    }
    if !config.quiet {
        super::print(&format!("{}\n", summary(&rel, &edited, change, meta.as_of)))?;
    }
    Ok(())
}

/// The lines `after` has that `before` has not, between what both share
/// at the start and at the end: the act about to be recorded.
fn added_lines(before: &str, after: &str) -> String {
    let head = before
        .lines()
        .zip(after.lines())
        .take_while(|(a, b)| a == b)
        .count();
    let tail = before
        .lines()
        .rev()
        .zip(after.lines().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let lines: Vec<&str> = after.lines().collect();
    let end = lines.len().saturating_sub(tail).max(head);
    lines[head..end].join("\n")
}

/// "recorded the ratification by KAZ (2024-11-20) in …; status as of …"
fn summary(
    rel: &Path,
    edited: &Edited,
    change: &Change,
    as_of: crate::register::date::PartialDate,
) -> String {
    let mut diags = Vec::new();
    let before = load::parse_instrument(rel, &edited.before, &mut diags);
    let act = |n: usize| {
        before
            .as_ref()
            .and_then(|i| i.actions.iter().find(|a| a.number as usize == n))
            .map(|a| {
                format!(
                    "act #{n} (the {} by {} of {})",
                    a.action.label(),
                    a.party.value,
                    a.date.value
                )
            })
            .unwrap_or_else(|| format!("act #{n}"))
    };
    let what = match change {
        Change::Act(a) => format!(
            "recorded the {} by {} ({}) in",
            a.action.replace('-', " "),
            a.party,
            a.date
        ),
        Change::Registration(r) => {
            format!(
                "recorded the UN registration No. {} ({}) in",
                r.number, r.date
            )
        }
        Change::Correct(n, fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(name, value)| match value.trim() {
                    "" => format!("{name} left out"),
                    v => format!("{name} {v}"),
                })
                .collect();
            format!("corrected {} ({}) in", act(*n), fields.join(", "))
        }
        Change::Remove(n) => format!("removed {} from", act(*n)),
    };
    let status = load::parse_instrument(rel, &edited.text, &mut diags)
        .map(|i| lifecycle::status(&i, as_of).label())
        .unwrap_or_default();
    let mut out = format!("{what} {}", rel.display());
    if let Some((stated, line)) = &edited.dropped_status {
        out.push_str(&format!(
            "\nremoved `status: {stated}` (line {line}): with acts recorded, the status is derived \
             from them"
        ));
    }
    out.push_str(&format!("\nstatus as of {}: {status}", as_of.long()));
    out
}

pub(super) fn unknown_id(root: &Path, id: &str) -> Error {
    let ids = load::instrument_stems(root);
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    Error::UnknownId {
        suggestion: crate::register::suggest::closest(id, &ids).map(str::to_owned),
        id: id.to_owned(),
    }
}

/// The change the flags describe, with what is missing asked at a terminal.
fn change_from(
    args: &RecordArgs,
    interactive: bool,
    asked: &std::cell::Cell<bool>,
) -> Result<Change> {
    let mut prompter = Prompter::new(std::io::stdin().lock(), std::io::stderr());
    let mut ask = |flag: &str,
                   question: &str,
                   have: Option<String>,
                   accept: &dyn Fn(&str) -> std::result::Result<String, String>|
     -> Result<String> {
        if let Some(v) = have {
            return Ok(v);
        }
        if !interactive {
            return Err(Error::MissingValues {
                command: "record",
                flags: vec![flag.to_owned()],
            });
        }
        asked.set(true);
        Ok(prompter.ask(question, false, accept)?.unwrap_or_default())
    };
    let any = |a: &str| Ok::<_, String>(a.to_owned());
    let action = ask(
        "ACTION",
        &format!("Action [{}, or registration]", ActionKind::NAMES.join(", ")),
        args.action.clone(),
        &|a| {
            if a == REGISTRATION {
                Ok(a.to_owned())
            } else {
                choice(ActionKind::parse, ActionKind::NAMES)(a)
            }
        },
    )?;
    if action == REGISTRATION {
        refuse_flags(
            "registration",
            &[
                ("--party", &args.fields.party),
                ("--effective", &args.fields.effective),
                ("--reference", &args.fields.reference),
                ("--label", &args.fields.label),
                ("--regarding", &args.fields.regarding),
                ("--text", &args.fields.text),
                ("--source", &args.fields.source),
                ("--note", &args.fields.note),
            ],
        )?;
        return Ok(Change::Registration(RegistrationDraft {
            number: ask(
                "--number",
                "UNTS number (I-… or II-…)",
                args.number.clone(),
                &any,
            )?,
            date: ask(
                "--date",
                "Date of registration (YYYY-MM-DD)",
                args.fields.date.clone(),
                &date_answer,
            )?,
            by: args.by.clone(),
            citation: args.citation.clone(),
        }));
    }
    refuse_flags(
        "an act",
        &[
            ("--number", &args.number),
            ("--by", &args.by),
            ("--citation", &args.citation),
        ],
    )?;
    Ok(Change::Act(ActDraft {
        party: ask(
            "--party",
            "Party (ISO 3166-1 alpha-3, e.g. KAZ)",
            args.fields.party.clone(),
            &state_answer,
        )?,
        date: ask(
            "--date",
            "Date of the act (YYYY-MM-DD, YYYY-MM or YYYY)",
            args.fields.date.clone(),
            &date_answer,
        )?,
        action,
        effective: args.fields.effective.clone(),
        reference: args.fields.reference.clone(),
        label: args.fields.label.clone(),
        regarding: args.fields.regarding.clone(),
        text: args.fields.text.clone(),
        source: args.fields.source.clone(),
        note: args.fields.note.clone(),
    }))
}

/// `--remove N` takes no act's fields.
fn refuse_with_remove(args: &RecordArgs) -> Result<()> {
    let flags: Vec<(String, &Option<String>)> = args
        .fields
        .named()
        .into_iter()
        .map(|(name, v)| (format!("--{name}"), v))
        .chain([
            ("--number".into(), &args.number),
            ("--by".into(), &args.by),
            ("--citation".into(), &args.citation),
        ])
        .collect();
    let given = given(flags.iter().map(|(f, v)| (f.as_str(), *v)));
    if given.is_empty() {
        return Ok(());
    }
    Err(Error::Usage {
        message: format!("--remove takes no act's fields ({})", given.join(", ")),
        hint: Some(format!(
            "to change an act's fields, use `treaty-register correct {} --act N {} …`",
            args.id, given[0]
        )),
    })
}

/// The flags given, of `flags`.
fn given<'a>(flags: impl Iterator<Item = (&'a str, &'a Option<String>)>) -> Vec<&'a str> {
    flags.filter(|(_, v)| v.is_some()).map(|(f, _)| f).collect()
}

/// Flags that mean nothing for what is being recorded are a usage error.
fn refuse_flags(what: &str, flags: &[(&str, &Option<String>)]) -> Result<()> {
    let given = given(flags.iter().copied());
    if given.is_empty() {
        return Ok(());
    }
    Err(Error::Usage {
        message: format!("{} do not apply to {what}", given.join(", ")),
        hint: Some(
            "an act takes --party, --date and the act's fields; `registration` takes --number, \
             --date, --by and --citation"
                .into(),
        ),
    })
}
