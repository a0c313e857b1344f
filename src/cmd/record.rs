//! `treaty-register record ID ACTION …`: one act of one party, or the UN
//! registration, added to an instrument's file.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{Config, RecordArgs};
use crate::edit::add::{choice, date_answer, state_answer};
use crate::edit::prompt::Prompter;
use crate::edit::record::{self, ActDraft, Change, Edited, Refusal, RegistrationDraft};
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
        let edited = refused(
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
    let edited = refused(
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

/// The edit, or the error that says why it was refused.
fn refused(
    root: &Path,
    rel: &Path,
    outcome: std::result::Result<Edited, Refusal>,
) -> Result<Edited> {
    match outcome {
        Ok(edited) => Ok(edited),
        Err(Refusal::Layout(message, hint)) => Err(Error::Usage {
            message: format!("{message}; nothing was written"),
            hint: Some(hint),
        }),
        Err(Refusal::Problems(text, problems)) => Err(super::refuse_entry(
            root,
            rel,
            &text,
            &problems,
            "the entry would have",
        )),
    }
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
                ("--party", &args.party),
                ("--effective", &args.effective),
                ("--reference", &args.reference),
                ("--label", &args.label),
                ("--regarding", &args.regarding),
                ("--text", &args.text),
                ("--source", &args.source),
                ("--note", &args.note),
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
                args.date.clone(),
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
            args.party.clone(),
            &state_answer,
        )?,
        date: ask(
            "--date",
            "Date of the act (YYYY-MM-DD, YYYY-MM or YYYY)",
            args.date.clone(),
            &date_answer,
        )?,
        action,
        effective: args.effective.clone(),
        reference: args.reference.clone(),
        label: args.label.clone(),
        regarding: args.regarding.clone(),
        text: args.text.clone(),
        source: args.source.clone(),
        note: args.note.clone(),
    }))
}

/// `--remove N` takes no act's fields.
fn refuse_with_remove(args: &RecordArgs) -> Result<()> {
    let fields = [
        ("--party", &args.party),
        ("--date", &args.date),
        ("--effective", &args.effective),
        ("--reference", &args.reference),
        ("--label", &args.label),
        ("--regarding", &args.regarding),
        ("--text", &args.text),
        ("--source", &args.source),
        ("--note", &args.note),
        ("--number", &args.number),
        ("--by", &args.by),
        ("--citation", &args.citation),
    ];
    let given: Vec<&str> = fields
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, _)| *f)
        .collect();
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

/// Flags that mean nothing for what is being recorded are a usage error.
fn refuse_flags(what: &str, flags: &[(&str, &Option<String>)]) -> Result<()> {
    let given: Vec<&str> = flags
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, _)| *f)
        .collect();
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
