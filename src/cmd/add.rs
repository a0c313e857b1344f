//! `treaty-register add`: a new instrument, from flags or answers.

use std::io::IsTerminal;

use crate::cli::{AddArgs, BuildArgs, Config};
use crate::edit::add::{self, Draft};
use crate::edit::prompt::Prompter;
use crate::error::{Error, Result};

fn draft_from(config: &Config, args: &AddArgs) -> Result<Draft> {
    let mut draft = Draft {
        title: args.title.clone().unwrap_or_default(),
        kind: args.kind.clone().unwrap_or_default(),
        level: args.level.clone(),
        status: args.status.clone().unwrap_or_default(),
        notes: args.notes.clone(),
        subjects: args.subjects.clone(),
        languages: args.languages.clone(),
        ..Draft::default()
    };
    for t in &args.titles {
        let (lang, title) = add::other_title(t)?;
        draft.titles.insert(lang, title);
    }
    draft.parties = args
        .parties
        .iter()
        .map(|p| add::party(p))
        .collect::<Result<_>>()?;
    draft.signed.date = args.signed.clone().unwrap_or_default();
    draft.signed.place = args.place.clone();
    draft.signed.signatories = args
        .signatories
        .iter()
        .map(|s| add::signatory(s))
        .collect::<Result<_>>()?;
    if args.in_force.is_some() || args.in_force_note.is_some() {
        draft.in_force = Some(add::DraftInForce {
            date: args.in_force.clone(),
            note: args.in_force_note.clone(),
        });
    }
    draft.term = args.term.as_deref().map(add::term).transpose()?;
    draft.relations = args
        .relations
        .iter()
        .map(|r| add::relation(r))
        .collect::<Result<_>>()?;
    draft.sources = args
        .sources
        .iter()
        .map(|s| add::source(s))
        .collect::<Result<_>>()?;
    add::source_keys(&mut draft.sources, &args.source_keys)?;
    draft.depositary = args.depositary.clone();
    draft.files = args
        .files
        .iter()
        .map(|f| add::attachment(&config.root, f))
        .collect::<Result<_>>()?;
    Ok(draft)
}

/// The flag that gave the value on `line` of the drafted entry.
fn flag_for(text: &str, line: usize) -> Option<&'static str> {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line.checked_sub(1)?)?.trim_start();
    let key = lines[..line]
        .iter()
        .rev()
        .find(|l| !l.starts_with([' ', '-', '#']) && l.contains(':'))?
        .split(':')
        .next()?;
    let field = |name: &str| here.starts_with(name) || here.starts_with(&format!("- {name}"));
    Some(match key {
        "title" => "--title",
        "titles" => "--title-in",
        "type" => "--type",
        "level" => "--level",
        "parties" => "--party",
        "signed" if field("place") => "--place",
        "signed" if field("date") => "--signed",
        "signed" => "--signatory",
        "status" => "--status",
        "in_force" if field("note") => "--in-force-note",
        "in_force" => "--in-force",
        "term" => "--term",
        "relations" => "--relation",
        "subjects" => "--subject",
        "languages" => "--language",
        "sources" if field("key") => "--source-key",
        "sources" => "--source",
        "notes" => "--notes",
        "files" => "--file",
        "depositary" => "--depositary",
        "id" => "--id",
        _ => return None,
    })
}

/// An entry built from flags is refused naming the flags, not lines of a
/// file that was never written.
fn refuse_flags(text: &str, problems: &[crate::register::diagnostic::Diagnostic]) -> Error {
    use std::io::Write as _;
    let mut err = anstream::stderr().lock();
    for d in problems {
        let flag = d.span.and_then(|s| flag_for(text, s.line as usize));
        match flag {
            Some(flag) => {
                let _ = writeln!(err, "error: {flag}: {}", d.message);
            }
            None => {
                let _ = writeln!(err, "error: {}", d.message);
            }
        }
        for hint in &d.hints {
            // "line 6 has it already; …" speaks of a file never written.
            let hint = match hint.split_once("; ") {
                Some((first, rest)) if first.starts_with("line ") => rest,
                _ => hint.as_str(),
            };
            let _ = writeln!(err, "  hint: {hint}");
        }
    }
    Error::Problems {
        summary: format!(
            "the new entry has {} problem{}; nothing was written",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ),
    }
}

pub fn run(config: &Config, args: AddArgs) -> Result<()> {
    let root = &config.root;
    let register = crate::register::load::load(root, &config.limits)?;
    let Some(meta) = register.register.as_ref().map(|r| &r.meta) else {
        return Err(Error::Problems {
            summary: "register/register.yaml has problems (run `treaty-register check`)".into(),
        });
    };
    if let Some(id) = &args.id {
        add::check_id(id)?;
        if root.join(add::path_for(id)).exists() {
            return Err(Error::IdTaken { id: id.clone() });
        }
        if let Some(edition) = crate::edit::ids::retired(root, id) {
            return Err(Error::Usage {
                message: format!(
                    "{id} was published in edition {edition} and is retired; ids are never reused"
                ),
                hint: Some(
                    "leave out --id to take the next free number; to take the entry back, \
                     restore its file from the archive (editions/NNNN/sources/)"
                        .into(),
                ),
            });
        }
    }
    let mut draft = draft_from(config, &args)?;
    let interactive = !args.no_input && std::io::stdin().is_terminal();
    let missing = add::missing(&draft);
    let mut prompter = Prompter::new(std::io::stdin().lock(), std::io::stderr());
    if !missing.is_empty() {
        if !interactive {
            return Err(Error::MissingValues {
                command: "add",
                flags: missing.into_iter().map(str::to_owned).collect(),
            });
        }
        let states = register
            .register
            .as_ref()
            .map(|r| add::frequent_states(r, 2))
            .unwrap_or_default();
        add::ask_missing(&mut draft, &mut prompter, &states)?;
    }

    let mut after = 0;
    loop {
        let (number, width) = add::next_id(root, &meta.id_prefix, after);
        draft.id = match &args.id {
            Some(id) => id.clone(),
            None => format!("{}-{number:0width$}", meta.id_prefix),
        };
        let rel = add::path_for(&draft.id);
        let text = add::to_yaml(&draft);
        let mut problems = crate::edit::entry::validate(root, &rel, &text, meta.as_of);
        let warnings = crate::register::diagnostic::split_warnings(&mut problems);
        if !problems.is_empty() {
            if interactive && !missing.is_empty() {
                // Answers, not flags: show the entry as it would be written.
                return Err(super::refuse_entry(
                    root,
                    &rel,
                    &text,
                    &problems,
                    "the new entry has",
                ));
            }
            return Err(refuse_flags(&text, &problems));
        }
        super::show_entry_diagnostics(root, &rel, &text, &warnings);
        if args.dry_run {
            return super::print(&text);
        }
        if interactive && !missing.is_empty() {
            prompter.say(&format!("\n{text}"))?;
            if !prompter.confirm(&format!("Write {}?", rel.display()))? {
                prompter.say("Nothing was written.")?;
                return Ok(());
            }
        }
        if add::create_exclusive(
            &root.join(crate::register::load::INSTRUMENTS_DIR),
            &draft.id,
            &text,
        )? {
            if !config.quiet {
                // With --build the build follows at once: no "next" to suggest.
                let next = if args.build {
                    ""
                } else {
                    "next: `treaty-register build` publishes it in the PDF\n"
                };
                super::print(&format!("wrote {}\n{next}", rel.display()))?;
            }
            break;
        }
        if args.id.is_some() {
            return Err(Error::IdTaken { id: draft.id });
        }
        after = number; // another add took this number meanwhile
    }
    if args.build {
        super::run(
            config,
            crate::cli::Command::Build(BuildArgs {
                templates: None,
                out: None,
                keep_source: false,
                typeset: crate::cli::TypesetArgs {
                    typst: None,
                    typst_timeout: crate::publish::typst::DEFAULT_TIMEOUT_SECS,
                    volume_size: crate::publish::build::DEFAULT_VOLUME_SIZE,
                    jobs: None,
                },
                pdf_standard: crate::publish::typst::DEFAULT_PDF_STANDARD.into(),
                force: false,
                as_of: None,
                web: crate::cli::WebArgs::default(),
                project: args.project.clone(),
            }),
        )?;
    }
    Ok(())
}
