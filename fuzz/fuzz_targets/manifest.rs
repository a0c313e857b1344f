//! Manifest parsing, both forms: malformed input is refused with a line
//! number, and whatever is accepted names only safe relative paths.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty_register::audit::manifest;

fuzz_target!(|text: &str| {
    let entries = match manifest::parse_sha256sum(text) {
        Ok(entries) => entries,
        Err(e) => {
            assert!(e.line <= text.lines().count());
            Vec::new()
        }
    };
    let json = manifest::parse_json(text)
        .map(|(_, e)| e)
        .unwrap_or_default();
    for entry in entries.iter().chain(json.iter()) {
        assert!(manifest::check_path(&entry.path).is_ok());
        assert!(!entry.path.split('/').any(|s| s == ".."));
        assert_eq!(entry.sha256.len(), 64);
    }
});
