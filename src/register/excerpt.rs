//! The register as one document issued from it needs it: `register.yaml`,
//! one entry and the entries its relations name — read without the
//! hundred thousand others, and checked with the rules `check` applies to
//! one entry ([`crate::register::check::entry`]), as the commands that
//! write an entry check it. A certified extract of one entry must not wait
//! for the whole register to be read.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::register::check;
use crate::register::diagnostic::{self, Diagnostic};
use crate::register::load::{self, INSTRUMENTS_DIR, MAX_FILE_SIZE};
use crate::register::model::{Instrument, Register, Target};
use crate::support::safe_read;

/// The entry a document shows, inside the few entries it needs.
pub struct Excerpt {
    /// `register.yaml`, the entry, and the entries its relations name (for
    /// their titles), in id order.
    pub register: Register,
    pub id: String,
}

impl Excerpt {
    pub fn entry(&self) -> &Instrument {
        self.register
            .get(&self.id)
            .expect("an excerpt holds its entry")
    }
}

/// Why no document can be issued from the entry: the problems `check`
/// finds in it (or in `register.yaml`), to be shown with their snippets.
pub struct Unsound {
    pub problems: Vec<Diagnostic>,
    /// The file they are in.
    pub path: PathBuf,
}

/// Reads entry `id` (or the entry a short form of it names: `7`, `007`)
/// and what it needs. With `attachments`, the attachments' files are
/// checked too (a PDF audited alone does not carry them).
pub fn load(
    root: &Path,
    id: &str,
    attachments: bool,
) -> Result<std::result::Result<Excerpt, Unsound>> {
    let (meta, meta_sha256) = match load::sound_meta_and_digest(root)? {
        Ok(read) => read,
        Err(problems) => {
            return Ok(Err(Unsound {
                problems,
                path: PathBuf::from(load::REGISTER_FILE),
            }));
        }
    };
    let id = resolve(root, id)?;
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    let text = read(root, &rel)?;
    of_text(root, (meta, meta_sha256), id, &text, attachments)
}

/// As [`load`], with the entry's text given (a writer's new text, not yet
/// on disk) and `register.yaml` read already.
pub fn of_text(
    root: &Path,
    (meta, meta_sha256): (crate::register::model::Meta, String),
    id: String,
    text: &str,
    attachments: bool,
) -> Result<std::result::Result<Excerpt, Unsound>> {
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    let (entry, mut problems) = check::entry(root, &rel, text, meta.as_of, attachments);
    diagnostic::split_warnings(&mut problems);
    let entry = match entry {
        Some(entry) if problems.is_empty() => entry,
        _ => {
            return Ok(Err(Unsound {
                problems,
                path: rel,
            }));
        }
    };
    if let Some(w) = &entry.withdrawn {
        return Err(Error::Refused {
            message: format!(
                "`{id}` was withdrawn from the register on {}: no document is issued from it",
                w.date
            ),
            hint: Some(format!("its reason: {}", w.reason.trim())),
        });
    }
    let mut instruments: Vec<Instrument> = entry
        .relations
        .iter()
        .filter_map(|r| match &r.target {
            Target::Id(target) => target_entry(root, &target.value),
            Target::External { .. } => None,
        })
        .collect();
    instruments.push(entry);
    instruments.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    instruments.dedup_by(|a, b| a.id.value == b.id.value);
    Ok(Ok(Excerpt {
        register: Register {
            meta,
            meta_sha256,
            instruments,
        },
        id,
    }))
}

/// The id as the folder names it: exact, or by its number (`7`).
fn resolve(root: &Path, id: &str) -> Result<String> {
    let stems = load::instrument_stems(root);
    if stems.iter().any(|s| s == id) {
        return Ok(id.to_owned());
    }
    let files: Vec<PathBuf> = stems.iter().map(PathBuf::from).collect();
    if let Some(full) = crate::register::find::short_id(id, &files)? {
        return Ok(full);
    }
    let names: Vec<&str> = stems.iter().map(String::as_str).collect();
    Err(Error::UnknownId {
        suggestion: crate::register::suggest::closest(id, &names).map(str::to_owned),
        id: id.to_owned(),
    })
}

fn read(root: &Path, rel: &Path) -> Result<String> {
    safe_read::read_small(&root.join(rel), MAX_FILE_SIZE).map_err(|source| Error::Read {
        path: root.join(rel),
        source,
    })
}

/// Another entry, for its title and date; `None` when it cannot be read
/// (the relation then names it by id, as the register does).
fn target_entry(root: &Path, id: &str) -> Option<Instrument> {
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    let text = read(root, &rel).ok()?;
    load::parse_instrument(&rel, &text, &mut Vec::new()).filter(|i| !i.is_withdrawn())
}
