//! `treaty-register check`: report every problem in the register, and the
//! warnings, which do not make it fail.

use crate::cli::{CheckArgs, Config};
use crate::error::Result;

pub fn run(config: &Config, _args: CheckArgs) -> Result<()> {
    let stat = crate::support::statcache::StatCache::none();
    let checked = super::check_project(config, &stat)?;
    super::report(config, &checked)?;
    if !config.quiet {
        super::print(&format!(
            "{}\n",
            super::summary(checked.files, 0, checked.warnings.len())
        ))?;
    }
    Ok(())
}
