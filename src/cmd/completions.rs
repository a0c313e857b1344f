//! `treaty-register completions SHELL`: a completion script for the shell.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, Config};
use crate::error::Result;

pub fn run(_config: &Config, args: CompletionsArgs) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut Cli::command(),
        "treaty-register",
        &mut script,
    );
    super::print(&String::from_utf8_lossy(&script))
}
