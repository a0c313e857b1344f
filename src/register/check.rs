//! Pipeline stage 2: the rules that need the whole register — unique ids,
//! relations that point at real instruments, and attachments that exist
//! inside `register/files/` with the digest their entry claims.
//!
//! Per-file rules were applied by [`crate::register::load`]; `check` runs both, so
//! every command that trusts the register (`build`, `add`) calls [`run`].

use std::collections::HashMap;
use std::path::{Component, Path};

use crate::error::Result;
use crate::register::diagnostic::{self, Diagnostic};
use crate::register::load::{self, Loaded, unsafe_path_char};
use crate::register::model::{Instrument, Register, Target};
use crate::register::treaty_law;
use crate::support::statcache::StatCache;

/// The register, checked: `Ok` only when there are no problems at all.
pub struct Checked {
    pub register: Option<Register>,
    pub files: usize,
    /// Errors: the register is not published while there is one.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings: shown, never counted as problems.
    pub warnings: Vec<Diagnostic>,
}

/// Checks one entry's `text` (at `rel`) with the rules of `check`, for a
/// register dated `as_of`, without reading the others: relations against
/// the instrument folder's file names, attachments (with `attachments`;
/// a PDF audited alone names them by digest and does not carry them)
/// against their files. Returns the entry when it parses, and its
/// problems, warnings among them (only errors refuse it:
/// [`diagnostic::split_warnings`]). Every writer of an entry, and every
/// document issued from one, goes through here.
pub fn entry(
    root: &Path,
    rel: &Path,
    text: &str,
    as_of: crate::register::date::PartialDate,
    attachments: bool,
) -> (Option<Instrument>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Every limit `check` applies to a file, a writer applies before it
    // writes one: no command leaves a file that `check` refuses.
    if text.len() as u64 > load::MAX_FILE_SIZE {
        diags.push(
            Diagnostic::new(
                rel,
                None,
                format!(
                    "the entry would be {} bytes, over the limit of {} bytes (1 MiB)",
                    text.len(),
                    load::MAX_FILE_SIZE
                ),
            )
            .hint("an entry is a few kilobytes of YAML: keep long texts under register/files/"),
        );
        return (None, diags);
    }
    let mut warnings = Vec::new();
    let Some(instrument) = load::parse_instrument_warned(rel, text, &mut diags, &mut warnings)
    else {
        return (None, diags);
    };
    let stems = load::instrument_stems(root);
    let mut known: Vec<&str> = stems.iter().map(String::as_str).collect();
    known.sort_unstable();
    relation_rules(&instrument, &known, &mut diags);
    if attachments {
        self::attachments(root, &instrument, &StatCache::none(), &mut diags);
    }
    treaty_law::rules(&instrument, as_of, &mut diags);
    diags.extend(warnings);
    diagnostic::sort(&mut diags);
    (Some(instrument), diags)
}

/// Loads and checks the register under `root`, reading every attachment.
pub fn run(root: &Path, limits: &load::Limits) -> Result<Checked> {
    run_cached(root, limits, &StatCache::none())
}

/// As [`run`], with attachments' digests from `stat` where their files are
/// unchanged since it last saw them (a build with nothing to do must not
/// read a gigabyte of scans).
pub fn run_cached(root: &Path, limits: &load::Limits, stat: &StatCache) -> Result<Checked> {
    let Loaded {
        register,
        instrument_files,
        mut diagnostics,
        mut warnings,
    } = load::load(root, limits)?;
    if let Some(register) = &register {
        let mut known: Vec<&str> = instrument_files
            .iter()
            .filter_map(|p| p.file_stem()?.to_str())
            .collect();
        known.sort_unstable();
        duplicate_ids(register, &mut diagnostics);
        relations(register, &known, &mut diagnostics);
        translations(register, &mut diagnostics);
        notifications(register, &mut diagnostics, &mut warnings);
        let per_entry = crate::support::parallel::map(&register.instruments, |instrument| {
            let mut found = Vec::new();
            attachments(root, instrument, stat, &mut found);
            treaty_law::rules(instrument, register.meta.as_of, &mut found);
            found
        });
        diagnostics.extend(per_entry.into_iter().flatten());
    }
    diagnostic::sort(&mut diagnostics);
    diagnostic::sort(&mut warnings);
    Ok(Checked {
        register,
        files: instrument_files.len(),
        diagnostics,
        warnings,
    })
}

fn duplicate_ids(register: &Register, diags: &mut Vec<Diagnostic>) {
    for pair in register.instruments.windows(2) {
        let [first, second] = pair else { continue };
        if first.id.value == second.id.value {
            diags.push(
                Diagnostic::new(
                    &second.path,
                    Some(second.id.span),
                    format!("duplicate id `{}`", second.id.value),
                )
                .hint(format!(
                    "`{}` is already the id in {}:{}; every instrument needs its own",
                    first.id.value,
                    first.path.display(),
                    first.id.span.line
                )),
            );
        }
    }
}

/// Depositary notification numbers stored on acts: each given once across
/// the register (withdrawn entries too), never dated before its act, and
/// read as the register's numbering makes them in their date's year (a
/// warning only: a number may come from an earlier `pattern`).
fn notifications(register: &Register, diags: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) {
    let numbering = register.meta.notifications.clone().unwrap_or_default();
    // Number -> (entry, act, line) of its first holder.
    let mut seen: std::collections::HashMap<&str, (&Instrument, u32, u32)> = Default::default();
    for i in &register.instruments {
        for a in &i.actions {
            let Some(n) = &a.notification else { continue };
            let at = Some(n.span);
            if let Some((first, number, line)) = seen.get(n.number.as_str()) {
                diags.push(
                    Diagnostic::new(
                        &i.path,
                        at,
                        format!("notification number `{}` is given twice", n.number),
                    )
                    .hint(format!(
                        "act #{number} of `{}` has it already ({}:{}); a number is given once: \
                             restore the number of the notification issued for this act",
                        first.id.value,
                        first.path.display(),
                        line
                    )),
                );
            } else {
                seen.insert(&n.number, (i, a.number, n.span.line));
            }
            if n.date.surely_before(a.date.value) {
                diags.push(
                    Diagnostic::new(
                        &i.path,
                        at,
                        format!("act #{} is notified on {}, before its own date {}", a.number, n.date, a.date.value),
                    )
                    .hint("a notification follows the act it announces: restore the notification's date"),
                );
            }
            let year = i32::from(n.date.year);
            if numbering.seq_of(&n.number, year).is_none() {
                warnings.push(
                    Diagnostic::warning(
                        &i.path,
                        at,
                        format!(
                            "notification number `{}` does not read as the register's numbering gives numbers in {year}",
                            n.number
                        ),
                    )
                    .hint(format!(
                        "numbers of {year} read like `{}` (register.yaml `notifications`); keep this one if the \
                         notification was issued with it",
                        numbering.number(1, year)
                    )),
                );
            }
        }
    }
}

/// An entry's translations must be into a language of an edition
/// (`translations` in register.yaml): any other would never print.
fn translations(register: &Register, diags: &mut Vec<Diagnostic>) {
    let meta = &register.meta;
    for instrument in &register.instruments {
        for key in &instrument.translation_keys {
            let lang = key.value.as_str();
            if meta.translations.iter().any(|t| t == lang) {
                continue;
            }
            let (message, hint) = if lang == meta.language {
                (
                    format!("`{lang}` is the register's own language"),
                    "the original text is in `{lang}` already: remove this translation"
                        .replace("{lang}", lang),
                )
            } else {
                (
                    format!("the register has no `{lang}` edition"),
                    format!(
                        "add `{lang}` to `translations` in register/register.yaml to publish an edition in it, or remove this translation"
                    ),
                )
            };
            diags.push(Diagnostic::new(&instrument.path, Some(key.span), message).hint(hint));
        }
    }
}

fn relations(register: &Register, known: &[&str], diags: &mut Vec<Diagnostic>) {
    for instrument in &register.instruments {
        relation_rules(instrument, known, diags);
    }
}

/// Relations must name an instrument of the register (`known` ids,
/// sorted), and not the instrument itself.
pub fn relation_rules(instrument: &Instrument, known: &[&str], diags: &mut Vec<Diagnostic>) {
    for relation in &instrument.relations {
        let Target::Id(target) = &relation.target else {
            continue;
        };
        let here = Some(target.span);
        if target.value == instrument.id.value {
            diags.push(
                Diagnostic::new(&instrument.path, here, "an instrument cannot relate to itself")
                    .hint("name the other instrument's id, or `{title, date}` for one outside the register"),
            );
        } else if known.binary_search(&target.value.as_str()).is_err() {
            let mut d = Diagnostic::new(
                &instrument.path,
                here,
                format!(
                    "relation target `{}` is not an instrument of this register",
                    target.value
                ),
            );
            if let Some(near) = crate::register::suggest::closest(&target.value, known) {
                d = d.hint(format!("did you mean `{near}`?"));
            }
            diags.push(d.hint(
                "for an instrument outside the register, write the target as \
                 `{title: <its title>, date: YYYY-MM-DD}`",
            ));
        }
    }
}

/// Attachments must exist inside `register/files/`, with the digest
/// their entry gives.
pub fn attachments(
    root: &Path,
    instrument: &Instrument,
    stat: &StatCache,
    diags: &mut Vec<Diagnostic>,
) {
    let files_dir = root.join("register/files");
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for file in &instrument.files {
        let rel = file.path.value.as_str();
        let mut problem = |message: String, hint: &str| {
            diags.push(Diagnostic::new(&instrument.path, Some(file.path.span), message).hint(hint));
        };
        let path = Path::new(rel);
        if path.is_absolute() || rel.starts_with('/') {
            problem(
                format!("attachment path `{rel}` is absolute"),
                "write the path relative to register/, e.g. `files/scan.pdf`",
            );
            continue;
        }
        if path.components().any(|c| matches!(c, Component::ParentDir)) {
            problem(
                format!("attachment path `{rel}` contains `..`"),
                "attachments live under register/files/; write the path from there, e.g. `files/scan.pdf`",
            );
            continue;
        }
        if let Some(inner) = rel
            .strip_prefix("register/")
            .filter(|r| r.starts_with("files/"))
        {
            // The path from the project folder: one `register/` too many.
            problem(
                format!("attachment path `{rel}` starts with `register/`"),
                &format!("paths are relative to register/: write `{inner}`"),
            );
            continue;
        }
        if !rel.starts_with("files/") || rel.len() == "files/".len() {
            problem(
                format!("attachment `{rel}` is not under register/files/"),
                "move the file into register/files/ and write `files/<name>`",
            );
            continue;
        }
        if let Some(bad) = unsafe_path_char(rel) {
            problem(
                format!("attachment path contains {bad}, which the manifest cannot carry"),
                "rename the file",
            );
            continue;
        }
        if let Some(line) = seen.insert(rel, file.path.span.line) {
            problem(
                format!("attachment `{rel}` is listed twice"),
                &format!("it is already listed on line {line}; keep one"),
            );
            continue;
        }
        let full = root.join("register").join(rel);
        let Ok(meta) = std::fs::metadata(&full) else {
            problem(
                format!("attachment `register/{rel}` does not exist"),
                "add the file, or correct the path",
            );
            continue;
        };
        // Canonical paths catch symbolic links anywhere on the way out.
        let inside = match (full.canonicalize(), files_dir.canonicalize()) {
            (Ok(real), Ok(dir)) => real.starts_with(dir),
            _ => false,
        };
        if !inside {
            problem(
                format!(
                    "attachment `register/{rel}` leads outside register/files/ through a symbolic link"
                ),
                "replace the link with the file itself",
            );
            continue;
        }
        if !meta.is_file() {
            problem(
                format!("attachment `register/{rel}` is not a regular file"),
                "attachments must be plain files, not folders, pipes or devices",
            );
            continue;
        }
        if let Some(expected) = &file.sha256 {
            match stat.sha256(&full) {
                Ok(found) if found == expected.value => {}
                Ok(found) => diags.push(
                    Diagnostic::new(
                        &instrument.path,
                        Some(expected.span),
                        format!("attachment `register/{rel}` does not match its sha256"),
                    )
                    .hint(format!("the entry says {}, the file has {found}", expected.value))
                    .hint("if the file was replaced on purpose, update `sha256`; otherwise restore the file"),
                ),
                Err(e) => problem(
                    format!("failed to read attachment `register/{rel}` ({e})"),
                    "check its permissions",
                ),
            }
        }
    }
}
