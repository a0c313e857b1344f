//! The one error type of the tool, and the one place that decides exit codes.
//!
//! Problems *in the register* (a bad date, an unknown field) are not errors
//! of this kind: they are collected as [`crate::diagnostic::Diagnostic`]s so
//! that one run reports all of them. A command that found such problems
//! returns [`Error::Problems`] at the end, which maps to exit code 1.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Validation or an audit found problems; they have been printed
    /// already, and this is the closing summary line.
    #[error("{summary}")]
    Problems { summary: String },

    #[error("no register found in `{}` (register/register.yaml does not exist)", root.display())]
    NoRegister { root: PathBuf },

    #[error("no instrument with id `{id}` in the register")]
    UnknownId {
        id: String,
        suggestion: Option<String>,
    },

    #[error("failed to read {} ({source})", path.display())]
    Read { path: PathBuf, source: io::Error },

    #[error("failed to write {} ({source})", path.display())]
    Write { path: PathBuf, source: io::Error },

    #[error("failed to write to standard output ({0})")]
    Stdout(#[source] io::Error),
}

/// Exit codes, documented in `--help` and the README.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// Validation or an audit found problems in the register or the outputs.
    pub const PROBLEMS: u8 = 1;
    /// Bad usage, or the tool could not do its work (I/O, missing tools).
    pub const FAILURE: u8 = 2;
}

impl Error {
    pub fn code(&self) -> u8 {
        match self {
            Error::Problems { .. } => exit::PROBLEMS,
            Error::NoRegister { .. }
            | Error::UnknownId { .. }
            | Error::Read { .. }
            | Error::Write { .. }
            | Error::Stdout(_) => exit::FAILURE,
        }
    }

    /// A `hint:` line shown under the error, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoRegister { .. } => Some(
                "run the command from the project folder (the one that holds `register/`), \
                 or pass `--root DIR`"
                    .into(),
            ),
            Error::UnknownId {
                suggestion: Some(s),
                ..
            } => Some(format!("did you mean `{s}`?")),
            Error::UnknownId { .. } => Some("`treaty-register list` shows every id".into()),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
