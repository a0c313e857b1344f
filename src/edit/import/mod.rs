//! `import`: bringing a department's existing list of treaties in, in one
//! step, without losing or inventing anything (contract: `import.md`).
//!
//! [`read`] turns a CSV or spreadsheet into a grid of cells that know
//! their coordinates; [`columns`] tells which column holds which field;
//! [`values`] reads dates, parties and keywords; [`rows`] makes each row a
//! draft entry (and each act row an act); [`plan`] checks every entry with
//! the rules `check` applies and compares it with the register; [`write`]
//! puts all of it in place at once, or nothing; [`template`] writes the
//! empty list a department fills in.

pub mod columns;
pub mod plan;
pub mod read;
pub mod rows;
pub mod template;
pub mod values;
pub mod write;

use std::path::Path;

use serde::Serialize;

use crate::error::Result;
use crate::register::load::Limits;
use read::Place;

/// One problem of the list, where it stands in the file.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    #[serde(flatten)]
    pub place: Place,
    /// `error` (nothing is written) or `warning` (said, and the import
    /// goes on: a duplicate row left out, a value `check` warns about).
    pub severity: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn error(place: Place, message: String, hint: Option<String>) -> Problem {
        Problem {
            place,
            severity: "error",
            message,
            hint,
        }
    }

    pub fn warning(place: Place, message: String, hint: Option<String>) -> Problem {
        Problem {
            severity: "warning",
            ..Problem::error(place, message, hint)
        }
    }

    pub fn bad(place: Place, bad: values::Bad) -> Problem {
        Problem::error(place, bad.message, bad.hint)
    }

    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }

    /// As `check` prints a problem: `PLACE: error: MESSAGE`, then the hint.
    /// The problem as a line and its hint; a cell's bidirectional controls
    /// and invisible characters are spelled out (`<U+202E>`), so that no
    /// cell reorders the terminal that shows it.
    pub fn render(&self) -> String {
        use crate::register::invisible::spell_out;
        let message = spell_out(&self.message);
        let mut out = format!("{}: {}: {message}\n", self.place, self.severity);
        if let Some(hint) = &self.hint {
            out.push_str(&format!("  = hint: {}\n", spell_out(hint)));
        }
        out
    }
}

/// What to import.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    pub file: &'a Path,
    pub sheet: Option<&'a str>,
    pub acts: Option<&'a Path>,
    pub mapping: Option<&'a Path>,
    pub dry_run: bool,
    pub update: bool,
}

/// What the import did (or, with problems or `--dry-run`, would do).
#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    pub file: String,
    /// Problems of the list; any error means nothing was written.
    pub problems: Vec<Problem>,
    /// Ids of new entries.
    pub created: Vec<String>,
    /// Ids of entries rewritten by `--update`.
    pub updated: Vec<String>,
    /// Ids of entries the list repeats as they are.
    pub unchanged: Vec<String>,
    /// Acts imported with the new or updated entries.
    pub acts: usize,
    pub written: bool,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Imports the list under `root`: reads, checks everything, and writes
/// only when there is no error (and not `dry_run`).
pub fn import(root: &Path, limits: &Limits, options: Options) -> Result<Outcome> {
    let plan = plan::plan(root, limits, options)?;
    let mut outcome = plan.outcome;
    if outcome.has_errors() || options.dry_run {
        return Ok(outcome);
    }
    write::commit(root, &plan.creates, &plan.updates)?;
    outcome.written = !(plan.creates.is_empty() && plan.updates.is_empty());
    Ok(outcome)
}
