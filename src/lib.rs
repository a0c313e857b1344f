//! treaty-register: a register of international instruments, kept as one
//! YAML file per instrument and published as a checksummed PDF.
//!
//! The source tree is the architecture. Four layers, each a folder, each
//! importing only from the layers listed before it:
//!
//! | folder | owns | flow |
//! |---|---|---|
//! | [`support`] | plumbing shared by all: parallel map, SHA-256, fault points, sweeping killed runs | |
//! | [`register`] | reading the register: files → YAML tree → validated [`register::model`] → register-wide checks | files → model |
//! | [`audit`] | the digest list, the manifests, `verify` and BagIt: what makes a publication checkable | model → digests |
//! | [`publish`] | render context → Typst source → typst-cli → the unit written atomically into `out/` | model → outputs |
//! | [`edit`] | the archivist's writes: `add`, `init`, prompts, synthetic registers | answers → files |
//!
//! On top, [`cli`] turns raw arguments into a validated [`cli::Config`] and
//! one argument struct per command, and [`cmd`] holds one thin file per
//! command that drives the layers and prints. [`error`] is the one error
//! type and decides exit codes. There are no import circles: a layer never
//! imports from one above it.

pub mod audit;
pub mod cli;
pub mod cmd;
pub mod edit;
pub mod error;
pub mod publish;
pub mod register;
pub mod support;

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
    let parts = cli.into_parts();
    match parts.and_then(|(config, command)| cmd::run(&config, command)) {
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
