//! `treaty-register schema`: the JSON Schema of an instrument file.

use crate::cli::{Config, SchemaArgs};
use crate::error::Result;

/// The schema editors use through each file's `yaml-language-server`
/// modeline; the same text ships as `schema/instrument.schema.json`.
pub const INSTRUMENT_SCHEMA: &str = include_str!("../../schema/instrument.schema.json");

pub fn run(_config: &Config, _args: SchemaArgs) -> Result<()> {
    super::print(INSTRUMENT_SCHEMA)
}

#[cfg(test)]
mod tests {
    use super::INSTRUMENT_SCHEMA;
    use crate::model::{InstrumentType, Level, RelationKind, Status};

    fn names(value: &serde_json::Value) -> Vec<&str> {
        value
            .as_array()
            .expect("an enum")
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect()
    }

    /// The schema is written by hand for editors; it must say what `check` says.
    #[test]
    fn schema_keywords_match_the_model() {
        let schema: serde_json::Value = serde_json::from_str(INSTRUMENT_SCHEMA).unwrap();
        let props = &schema["properties"];
        assert_eq!(names(&props["type"]["enum"]), InstrumentType::NAMES);
        assert_eq!(names(&props["level"]["enum"]), Level::NAMES);
        assert_eq!(names(&props["status"]["enum"]), Status::NAMES);
        assert_eq!(
            names(&props["relations"]["items"]["properties"]["kind"]["enum"]),
            RelationKind::NAMES
        );
        let fields: Vec<&str> = props
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = crate::load::INSTRUMENT_FIELDS.to_vec();
        let mut fields = fields;
        expected.sort_unstable();
        fields.sort_unstable();
        assert_eq!(fields, expected);
    }
}
