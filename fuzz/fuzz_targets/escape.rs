//! The Typst formatter: every string becomes a literal that reads back as
//! exactly the same string and holds no raw control character.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn unescape(literal: &str) -> String {
    let inner = &literal[1..literal.len() - 1];
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            assert_ne!(c, '"');
            out.push(c);
            continue;
        }
        match chars.next().unwrap() {
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                assert_eq!(chars.next(), Some('{'));
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => panic!("unknown escape {other}"),
        }
    }
    out
}

fuzz_target!(|text: &str| {
    let mut literal = String::new();
    treaty_register::render::typst_string(text, &mut literal);
    assert!(literal.starts_with('"') && literal.ends_with('"') && literal.len() >= 2);
    assert!(!literal.chars().any(char::is_control));
    assert_eq!(unescape(&literal), text);
});
