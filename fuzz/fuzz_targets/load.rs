//! Instrument loading and validation from arbitrary bytes: whatever the
//! file holds, `load` never panics or runs away, a rejected entry always
//! comes with a reason, and every reason points into the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut diagnostics = Vec::new();
    let path = std::path::Path::new("register/instruments/A-1.yaml");
    let loaded = treaty_register::register::load::parse_instrument(path, text, &mut diagnostics);
    assert!(
        loaded.is_some() || !diagnostics.is_empty(),
        "rejected without a reason"
    );
    let lines = text.lines().count().max(1);
    for d in &diagnostics {
        assert_eq!(d.path, path);
        if let Some(span) = d.span {
            let line = span.line as usize;
            assert!(
                line >= 1 && line <= lines + 1,
                "line {} of {lines}",
                span.line
            );
            assert!(span.column >= 1);
        }
    }
});
