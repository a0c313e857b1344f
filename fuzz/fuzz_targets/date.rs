//! Date parsing: what is accepted prints back as the same text, and is a
//! day that exists.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty_register::register::date::{PartialDate, days_in_month};

fuzz_target!(|text: &str| {
    if let Ok(date) = PartialDate::parse(text) {
        assert_eq!(date.to_string(), text);
        if let (Some(m), Some(d)) = (date.month, date.day) {
            assert!((1..=12).contains(&m));
            assert!(d >= 1 && d <= days_in_month(date.year, m));
        }
        assert!(date.year >= 1);
    }
});
