//! `treaty-register check`: report every problem in the register, and the
//! warnings, which do not make it fail.

use crate::cli::{CheckArgs, Config};
use crate::error::Result;

pub fn run(config: &Config, _args: CheckArgs) -> Result<()> {
    let checked = crate::register::check::run(&config.root, &config.limits)?;
    super::report(config, &checked)?;
    if !config.quiet {
        super::print(&format!(
            "{}\n",
            super::summary(checked.files, 0, checked.warnings.len())
        ))?;
    }
    Ok(())
}
