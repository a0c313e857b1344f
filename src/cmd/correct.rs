//! `treaty-register correct ID --act N …`: fields of one recorded act
//! changed, the rest of the file kept byte for byte.

use crate::cli::{Config, CorrectArgs};
use crate::edit::add::{date_answer, state_answer};
use crate::edit::record::Change;
use crate::error::{Error, Result};

pub fn run(config: &Config, args: CorrectArgs) -> Result<()> {
    let fields = corrections(&args)?;
    let change = Change::Correct(args.act as usize, fields);
    super::record::write_change(config, &args.id, &change, args.dry_run, false)
}

/// The fields given, each checked as `record` checks it; at least one.
fn corrections(args: &CorrectArgs) -> Result<crate::edit::acts::Corrections> {
    let mut fields = Vec::new();
    for (name, value) in args.fields.named() {
        let Some(value) = value else { continue };
        let value = value.trim();
        let checked = match name {
            _ if value.is_empty() => Ok(String::new()),
            "party" => state_answer(value),
            "date" | "effective" => date_answer(value),
            _ => Ok(value.to_owned()),
        };
        match checked {
            Ok(v) => fields.push((name, v)),
            Err(why) => {
                return Err(Error::Usage {
                    message: format!("--{name} `{value}`: {why}"),
                    hint: None,
                });
            }
        }
    }
    if fields.is_empty() {
        return Err(Error::Usage {
            message: "nothing to correct: give the fields to change".into(),
            hint: Some(format!(
                "e.g. `treaty-register correct {} --act {} --date 2024-11-21`; \
                 `treaty-register show {}` numbers the acts",
                args.id, args.act, args.id
            )),
        });
    }
    Ok(fields)
}
