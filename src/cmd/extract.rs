//! `treaty-register extract ID [--as-of D] [--lang L] [--out FILE]`: a
//! certified extract of one entry as it stood on a date, written
//! atomically as `out/extracts/<ID>-<D>.pdf`.

use crate::cli::{Config, ExtractArgs};
use crate::error::Result;
use crate::publish::documents::{self, Issue, extract};
use crate::publish::out;

pub fn run(config: &Config, args: ExtractArgs) -> Result<()> {
    let excerpt = super::documents::excerpt(config, &args.id, true)?;
    let meta = &excerpt.register.meta;
    super::validate_as_of(&excerpt.register, args.as_of)?;
    let as_of = args.as_of.unwrap_or(meta.as_of);
    let loc = documents::language(&excerpt, args.paper.lang.as_deref())?;
    let dest = match &args.out {
        Some(file) => file.clone(),
        None => config
            .root
            .join("out")
            .join("extracts")
            .join(extract::file_name(
                &excerpt.id,
                as_of,
                &documents::language_suffix(&excerpt, loc),
            )),
    };
    super::documents::file_destination(config, &dest, true)?;
    // A seal that cannot be applied stops the command before typst runs.
    let sealer = super::documents::sealer(config, &args.seal, false)?;
    let issue = Issue::of(&config.root, &excerpt, as_of)?;
    let paper = super::documents::paper(config, &args.paper)?;
    let (mut pdf, _) = extract::typeset(&paper.paper(), &excerpt, issue, loc)?;
    if let Some(sealer) = &sealer {
        pdf = sealer.seal(&pdf, &documents::seal_description(&excerpt, loc))?;
    }
    super::documents::create_parent(&dest)?;
    out::write_atomic(&dest, &pdf)?;
    super::say(
        config,
        &format!(
            "{}: the extract of {} as of {as_of} (sha256 {})",
            dest.display(),
            excerpt.id,
            crate::support::digest::sha256_bytes(&pdf)
        ),
    );
    Ok(())
}
