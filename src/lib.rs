//! treaty-register: a register of signed international instruments, kept as
//! one YAML file per instrument and published as a checksummed PDF.
//!
//! The pipeline is a straight line, one module per stage:
//! [`load`] (files → model, per-file rules) → [`check`] (register-wide
//! rules) → [`render`] (model → Typst source through minijinja templates)
//! → [`typst`] (source → PDF, typst-cli as a subprocess); [`build`] runs
//! those and draws up the [`manifest`]; [`publish`] writes the unit into
//! `out/` atomically; [`verify`] audits files against a manifest and
//! [`bag`] exports a BagIt bag. Each command is a thin file under [`cmd`]
//! that drives them.

pub mod add;
pub mod bag;
pub mod build;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod codes;
pub mod date;
pub mod diagnostic;
pub mod digest;
pub mod error;
pub mod fault;
pub mod init;
pub mod inputs;
pub mod load;
pub mod manifest;
pub mod model;
pub mod parallel;
pub mod prompt;
pub mod publish;
pub mod render;
pub mod stale;
pub mod synth;
pub mod typst;
pub mod verify;
pub mod yaml;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::error::Error;

/// Runs the tool on command-line arguments and returns the exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                error::exit::FAILURE
            } else {
                error::exit::SUCCESS
            });
        }
    };
    let (config, command) = cli.into_parts();
    match cmd::run(&config, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(e.code())
        }
    }
}

fn report(e: &Error) {
    use anstyle::{AnsiColor, Style};
    const ERROR: Style = AnsiColor::Red.on_default().bold();
    const HINT: Style = AnsiColor::Cyan.on_default().bold();
    let mut err = anstream::stderr().lock();
    if let Some(details) = e.details() {
        let _ = write!(err, "{}", details);
        if !details.ends_with('\n') {
            let _ = writeln!(err);
        }
    }
    let _ = writeln!(err, "{ERROR}error:{ERROR:#} {e}");
    if let Some(hint) = e.hint() {
        let _ = writeln!(err, "  {HINT}hint:{HINT:#} {hint}");
    }
}
