//! The one error type of the tool, and the one place that decides exit codes.
//!
//! Problems *in the register* (a bad date, an unknown field) are not errors
//! of this kind: they are collected as [`crate::register::diagnostic::Diagnostic`]s so
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

    #[error("{flag} {} is outside the project folder", path.display())]
    OutsideRoot { flag: &'static str, path: PathBuf },

    #[error("no manifest at {} (the register has not been built there)", path.display())]
    NoManifest { path: PathBuf },

    #[error("malformed manifest {}:{line} ({message})", path.display())]
    Manifest {
        path: PathBuf,
        line: usize,
        message: String,
    },

    #[error("{} exists and is not empty; the {what} was not written", path.display())]
    DestNotEmpty {
        path: PathBuf,
        /// "bag", "register project".
        what: &'static str,
    },

    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },

    /// A document the register cannot issue, and the rule that says why
    /// (an instrument not in force is not registered, …).
    #[error("{message}")]
    Refused {
        message: String,
        hint: Option<String>,
    },

    #[error("missing required values: {}", flags.join(", "))]
    MissingValues {
        flags: Vec<String>,
        /// The command, for the hint: `add`, `record`, `init`.
        command: &'static str,
    },

    #[error("an instrument with id `{id}` exists already; nothing was written")]
    IdTaken { id: String },

    #[error("input ended before every required value was given; nothing was written")]
    InputEnded,

    #[error("refusing to read {} ({reason})", path.display())]
    UnsafeFile { path: PathBuf, reason: String },

    #[error("failed to render template {location} ({message})")]
    Template { location: String, message: String },

    #[error("failed to run typst at {} ({source})", path.display())]
    TypstRun { path: PathBuf, source: io::Error },

    #[error("typst at {} is `{found}`, but treaty-register needs typst {required}.x", path.display())]
    TypstVersion {
        path: PathBuf,
        found: String,
        required: &'static str,
        pinned: &'static str,
    },

    #[error(
        "failed to find a cache folder for typst (neither TREATY_REGISTER_CACHE, XDG_CACHE_HOME nor HOME is set)"
    )]
    NoCacheDir,

    #[error("failed to provision the Noto fonts: {message}")]
    Fonts { message: String },

    #[error("typst {required}.x is not installed, and cargo was not found to install it")]
    NoCargo {
        command: String,
        required: &'static str,
    },

    #[error("failed to install typst (`{command}` exited with {status})")]
    Provision { command: String, status: String },

    #[error("typst ran longer than {seconds} seconds on {document} and was stopped")]
    TypstTimeout {
        document: String,
        seconds: u64,
        source_path: PathBuf,
    },

    /// The signing key cannot sign this edition (missing, unlisted, wrong
    /// passphrase, outside its validity).
    #[error("{message}")]
    Signing { message: String, hint: String },

    #[error("failed to compile {document} with typst ({status})")]
    TypstFailed {
        document: String,
        status: String,
        diagnostics: String,
        source_path: PathBuf,
        /// Where the register value typst stopped at comes from
        /// ("register/instruments/X.yaml:3:8"), when it was one.
        culprit: Option<String>,
    },
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
            Error::Problems { .. } | Error::Manifest { .. } | Error::Refused { .. } => {
                exit::PROBLEMS
            }
            Error::NoRegister { .. }
            | Error::UnknownId { .. }
            | Error::Read { .. }
            | Error::Write { .. }
            | Error::Stdout(_)
            | Error::OutsideRoot { .. }
            | Error::Usage { .. }
            | Error::MissingValues { .. }
            | Error::IdTaken { .. }
            | Error::InputEnded
            | Error::NoManifest { .. }
            | Error::DestNotEmpty { .. }
            | Error::UnsafeFile { .. }
            | Error::Template { .. }
            | Error::TypstRun { .. }
            | Error::TypstVersion { .. }
            | Error::NoCacheDir
            | Error::Fonts { .. }
            | Error::NoCargo { .. }
            | Error::Provision { .. }
            | Error::TypstFailed { .. }
            | Error::TypstTimeout { .. }
            | Error::Signing { .. } => exit::FAILURE,
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
            Error::TypstVersion { pinned, .. } => Some(format!(
                "install it with `cargo install --locked typst-cli@{pinned}`, or leave out \
                 --typst and TYPST to let treaty-register install it"
            )),
            Error::NoCargo { command, .. } => Some(format!(
                "install Rust (https://rustup.rs), then run: {command}"
            )),
            Error::Provision { command, .. } => Some(format!(
                "cargo's messages above say why; to retry by hand, run: {command}"
            )),
            Error::OutsideRoot { .. } => Some(
                "the manifest names files relative to the project folder, so templates and \
                 outputs must be inside it"
                    .into(),
            ),
            Error::Usage { hint, .. } | Error::Refused { hint, .. } => hint.clone(),
            Error::Signing { hint, .. } => Some(hint.clone()),
            Error::MissingValues { command, .. } => Some(format!(
                "give them as flags (see `treaty-register {command} --help`), or run the command \
                 in a terminal to be asked for them"
            )),
            Error::IdTaken { .. } => {
                Some("leave out --id to take the next free number, or choose another id".into())
            }
            Error::NoManifest { .. } => Some(
                "run `treaty-register build` first, or name the manifest with --manifest".into(),
            ),
            Error::Manifest { .. } => Some(
                "the manifest was changed by hand or damaged; rebuild it with `treaty-register build` \
                 from trusted files"
                    .into(),
            ),
            Error::DestNotEmpty { what, .. } => Some(format!("name a new folder for the {what}")),
            Error::NoCacheDir => Some("set TREATY_REGISTER_CACHE to a folder for typst".into()),
            Error::TypstFailed {
                source_path,
                culprit,
                ..
            } => Some(match culprit {
                Some(at) => format!(
                    "typst stopped at the value from {at}: correct it there, or the template that \
                     uses it; the generated source is kept at {}",
                    source_path.display()
                ),
                None => format!(
                    "the generated source is kept at {}; the positions above point into it",
                    source_path.display()
                ),
            }),
            Error::UnsafeFile { .. } => Some(
                "replace the link or special file with a regular file inside the project".into(),
            ),
            Error::TypstTimeout { source_path, .. } => Some(format!(
                "allow more time with --typst-timeout; the generated source is kept at {}",
                source_path.display()
            )),
            Error::Template { .. } => Some(
                "templates see the variables documented in docs/templates.md; \
                 undefined ones are errors"
                    .into(),
            ),
            _ => None,
        }
    }

    /// Output of another tool that explains the error, shown before it.
    pub fn details(&self) -> Option<&str> {
        match self {
            Error::TypstFailed { diagnostics, .. } => Some(diagnostics),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
