//! `treaty-register record ID ACTION …`: one act of one party, or the UN
//! registration, added to an instrument's file.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{Config, RecordArgs};
use crate::edit::add::{choice, date_answer, state_answer};
use crate::edit::prompt::Prompter;
use crate::edit::record::{self, ActDraft, Change, Refusal, RegistrationDraft};
use crate::error::{Error, Result};
use crate::register::lifecycle;
use crate::register::load::{self, INSTRUMENTS_DIR};
use crate::register::model::ActionKind;

/// The pseudo-action that records the UN registration.
const REGISTRATION: &str = "registration";

pub fn run(config: &Config, args: RecordArgs) -> Result<()> {
    let root = &config.root;
    let meta = load::meta(root)?.map_err(|_| Error::Problems {
        summary: "register/register.yaml has problems (run `treaty-register check`)".into(),
    })?;
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{}.yaml", args.id));
    if !root.join(&rel).is_file() {
        return Err(unknown_id(root, &args.id));
    }
    let interactive = !args.no_input && std::io::stdin().is_terminal();
    let change = change_from(&args, interactive)?;
    let text = match record::record(root, &args.id, &change, meta.as_of, args.dry_run)? {
        Ok(text) => text,
        Err(Refusal::Layout(message, hint)) => {
            return Err(Error::Usage {
                message: format!("{message}; nothing was written"),
                hint: Some(hint),
            });
        }
        Err(Refusal::Problems(text, problems)) => {
            return Err(super::refuse_entry(
                root,
                &rel,
                &text,
                &problems,
                "the entry would have",
            ));
        }
    };
    if args.dry_run {
        return super::print(&text);
    }
    if !config.quiet {
        super::print(&format!("{}\n", summary(&rel, &text, &change, meta.as_of)))?;
    }
    Ok(())
}

/// "recorded the ratification by KAZ (2024-11-20) in …; status as of …"
fn summary(
    rel: &Path,
    text: &str,
    change: &Change,
    as_of: crate::register::date::PartialDate,
) -> String {
    let what = match change {
        Change::Act(a) => format!(
            "the {} by {} ({})",
            a.action.replace('-', " "),
            a.party,
            a.date
        ),
        Change::Registration(r) => format!("the UN registration No. {} ({})", r.number, r.date),
    };
    let mut diags = Vec::new();
    let status = load::parse_instrument(rel, text, &mut diags)
        .map(|i| lifecycle::status(&i, as_of).label())
        .unwrap_or_default();
    format!(
        "recorded {what} in {}\nstatus as of {}: {status}",
        rel.display(),
        as_of.long()
    )
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
fn change_from(args: &RecordArgs, interactive: bool) -> Result<Change> {
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
