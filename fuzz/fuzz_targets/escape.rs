//! The Typst formatter: every string becomes a literal that reads back as
//! exactly the same string and holds no raw control character.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut literal = String::new();
    treaty_register::publish::render::typst_string(text, &mut literal);
    assert!(literal.starts_with('"') && literal.ends_with('"') && literal.len() >= 2);
    assert!(!literal.chars().any(char::is_control));
    assert_eq!(
        treaty_register::publish::render::read_typst_string(&literal).as_deref(),
        Some(text)
    );
});
