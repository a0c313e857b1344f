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
    let mut text = String::from_utf8_lossy(&script).into_owned();
    if args.shell == clap_complete::Shell::Bash {
        text = bash_labels(&text);
    }
    super::print(&text)
}

/// clap_complete's bash script (4.6) spells the state of a subcommand of a
/// hyphenated binary two ways: the loop that reads the words builds
/// `treaty__register__subcmd__list`, the arms that complete it are labelled
/// `treaty__subcmd__register__subcmd__list`, so nothing after a subcommand
/// ever completed (clap-rs/clap#6421, #6529, open; static completions are
/// in maintenance there). The arms are relabelled the way the loop spells
/// them.
fn bash_labels(script: &str) -> String {
    script.replace(
        "treaty__subcmd__register__subcmd__",
        "treaty__register__subcmd__",
    )
}
