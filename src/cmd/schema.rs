//! `treaty-register schema`: the JSON Schema of an instrument file.

use crate::cli::{Config, SchemaArgs};
use crate::error::Result;

/// The schema editors use through each file's `yaml-language-server`
/// modeline; the same text ships as `schema/instrument.schema.json`.
pub const INSTRUMENT_SCHEMA: &str = include_str!("../../schema/instrument.schema.json");

pub fn run(_config: &Config, _args: SchemaArgs) -> Result<()> {
    super::print(INSTRUMENT_SCHEMA)
}
