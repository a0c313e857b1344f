//! `treaty-register schema`: the JSON Schema of an instrument file.

use crate::cli::{Config, SchemaArgs};
use crate::error::Result;
use crate::register::schema::INSTRUMENT_SCHEMA;

pub fn run(_config: &Config, _args: SchemaArgs) -> Result<()> {
    super::print(INSTRUMENT_SCHEMA)
}
