//! `treaty-register export --format akn [--out DIR]`: every instrument as
//! an Akoma Ntoso 3.0 document, `out/akn/<ID>.xml`, with a `SHA256SUMS`;
//! written whole beside its place and put there in one step, and only from
//! a register `check` accepts.

use crate::cli::{Config, ExportArgs, ExportFormat};
use crate::error::Result;
use crate::publish::akn;
use crate::support::statcache::StatCache;

/// The list of digests in the folder, as `sha256sum -c` reads it.
const SUMS: &str = "SHA256SUMS";

pub fn run(config: &Config, args: ExportArgs) -> Result<()> {
    let ExportFormat::Akn = args.format;
    let dest = args
        .out
        .clone()
        .unwrap_or_else(|| config.root.join("out").join("akn"));
    super::documents::folder_destination(config, &dest, SUMS)?;
    let stat = StatCache::open(&config.root);
    let mut checked = super::check_project(config, &stat)?;
    super::report(config, &checked)?;
    let register = checked
        .register
        .take()
        .expect("a register without problems is loaded");
    let register = super::as_of(register, None)?;
    let loc = crate::publish::locale::get(&register.meta.language)
        .expect("check admits only languages with a catalogue");
    // The fields as the register prints them; digests are not part of a
    // document, so no files are read for them.
    let context = crate::publish::render::context(&register, &[], "", None, loc);
    let pairs: Vec<_> = context
        .instruments
        .iter()
        .zip(&register.instruments)
        .collect();
    let files: Vec<(String, Vec<u8>)> = crate::support::parallel::map(&pairs, |&(page, i)| {
        (
            format!("{}.xml", i.id.value),
            akn::document(page, i, &register, loc),
        )
    });
    super::documents::write_folder(&dest, &files, SUMS)?;
    let country = if register.meta.state.is_none() {
        " (register.yaml names no `state`: the URIs' country is `zz`, ISO 3166's unknown country; add `state:` to name it)"
    } else {
        ""
    };
    super::say(
        config,
        &format!(
            "{}: {} instruments as Akoma Ntoso 3.0{country}; check the files with `sha256sum -c {SUMS}` in the folder",
            dest.display(),
            files.len(),
        ),
    );
    Ok(())
}
