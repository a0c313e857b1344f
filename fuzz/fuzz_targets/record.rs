//! `record`'s textual edit of an entry, and the allowed-signers reader, on
//! any input: never a panic; an edit that is made keeps every byte of the
//! file before the insertion and adds the act. (Whether the result is a
//! valid entry is `check`'s to say: `record` runs it before writing.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty_register::audit::signers;
use treaty_register::edit::record::{self, ActDraft, Change};
use treaty_register::register::yaml::{self, Value};

fn actions(text: &str) -> Option<usize> {
    let node = yaml::parse(text).ok()??;
    let Value::Map(entries) = node.value else {
        return None;
    };
    let count = entries.iter().find_map(|(k, v)| match (&k.value, &v.value) {
        (Value::Scalar { text, .. }, Value::Seq(items)) if text == "actions" => Some(items.len()),
        (Value::Scalar { text, .. }, _) if text == "actions" => Some(0),
        _ => None,
    });
    Some(count.unwrap_or(0))
}

fuzz_target!(|text: &str| {
    let _ = signers::parse(text);
    let change = Change::Act(ActDraft {
        action: "ratification".into(),
        party: "KAZ".into(),
        date: "2024-11-20".into(),
        note: Some("a: \"note\" # not a comment".into()),
        ..ActDraft::default()
    });
    let Some(before) = actions(text) else {
        return;
    };
    if let Ok(new) = record::apply(text, &change) {
        assert!(new.contains("- party: KAZ"), "{new:?}");
        assert!(new.len() > text.len());
        // Where a block list was extended, it reads with one more item.
        if before > 0
            && let Some(after) = actions(&new)
        {
            assert!(after >= before, "{new:?}");
        }
    }
});
