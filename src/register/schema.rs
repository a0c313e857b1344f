//! The register format as JSON Schema, for editors: each instrument file's
//! `yaml-language-server` modeline points at it, so an editor validates and
//! completes entries as they are typed. It is written by hand (readable, with
//! descriptions) and ships as `schema/instrument.schema.json`; a test keeps
//! its keywords and fields equal to what [`super::decode`] accepts.

/// The schema text, as shipped in `schema/instrument.schema.json`.
pub const INSTRUMENT_SCHEMA: &str = include_str!("../../schema/instrument.schema.json");

/// The schema of `register/register.yaml`, as shipped in
/// `schema/register.schema.json` (written by hand; tests/interop.rs holds
/// it to what `check` accepts and refuses).
pub const REGISTER_SCHEMA: &str = include_str!("../../schema/register.schema.json");

#[cfg(test)]
mod tests {
    use super::INSTRUMENT_SCHEMA;
    use crate::register::model::{
        ActionKind, InferredField, InstrumentType, Level, RelationKind, Status,
    };

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
            names(&props["inferred"]["items"]["properties"]["field"]["enum"]),
            InferredField::NAMES
        );
        assert_eq!(
            names(&props["relations"]["items"]["properties"]["kind"]["enum"]),
            RelationKind::NAMES
        );
        assert_eq!(
            names(&props["actions"]["items"]["properties"]["action"]["enum"]),
            ActionKind::NAMES
        );
        let mut action_fields: Vec<&str> = props["actions"]["items"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected_fields = crate::register::decode::ACTION_FIELDS.to_vec();
        action_fields.sort_unstable();
        expected_fields.sort_unstable();
        assert_eq!(action_fields, expected_fields);
        let mut fields: Vec<&str> = props
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = crate::register::decode::INSTRUMENT_FIELDS.to_vec();
        expected.sort_unstable();
        fields.sort_unstable();
        assert_eq!(fields, expected);
    }
}
