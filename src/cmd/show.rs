//! `treaty-register show ID`: every field of one entry, "not recorded"
//! where the register holds no value.

use crate::cli::{Config, ShowArgs, ShowFormat};
use crate::error::{Error, Result};
use crate::register::find::short_id;
use crate::register::show::{json, text};

pub fn run(config: &Config, mut args: ShowArgs) -> Result<()> {
    let mut loaded = crate::register::load::load(&config.root, &config.limits)?;
    if let Some(full) = short_id(&args.id, &loaded.instrument_files)? {
        args.id = full;
    }
    let register = match loaded.register.take() {
        Some(register) => Some(super::with_withdrawn_as_of(register, args.as_of)?),
        None => None,
    };
    let Some(instrument) = register.as_ref().and_then(|r| r.get(&args.id)) else {
        if let (Some(d), Some(r)) = (args.as_of, &register)
            && r.get(&args.id).is_none()
            && loaded
                .instrument_files
                .iter()
                .any(|p| p.file_stem().and_then(|s| s.to_str()) == Some(args.id.as_str()))
            && loaded.diagnostics.is_empty()
        {
            return Err(Error::Usage {
                message: format!("`{}` was not yet signed on {d}", args.id),
                hint: Some("give a later --as-of, or leave it out".into()),
            });
        }
        let broken = loaded
            .instrument_files
            .iter()
            .any(|p| p.file_stem().and_then(|s| s.to_str()) == Some(args.id.as_str()));
        if broken {
            return Err(Error::Problems {
                summary: format!(
                    "the entry `{}` has problems (run `treaty-register check`)",
                    args.id
                ),
            });
        }
        let ids: Vec<&str> = loaded
            .instrument_files
            .iter()
            .filter_map(|p| p.file_stem()?.to_str())
            .collect();
        return Err(Error::UnknownId {
            suggestion: crate::register::suggest::closest(&args.id, &ids).map(str::to_owned),
            id: args.id,
        });
    };
    let as_of = register
        .as_ref()
        .map_or(instrument.signed.date, |r| r.meta.as_of);
    let text = match args.format {
        ShowFormat::Text => text(instrument, as_of),
        ShowFormat::Json => {
            let mut json =
                serde_json::to_string_pretty(&json(instrument, as_of)).expect("entry serializes");
            json.push('\n');
            json
        }
    };
    super::print(&text)
}
