//! Fuzzes the date parser: `date::find_dates` and `date::parse_date` on arbitrary text.
//!
//! Run with `cargo fuzz run date` from the repository root (nightly toolchain). Neither may
//! panic; every found date's char offsets lie inside the input, expressions do not overlap,
//! and months, days and times are in range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasd_ingest::date::{self, FoundDate};

fn check(d: &FoundDate, n: usize) {
    assert!(d.start <= d.end && d.end <= n);
    assert!(d.month.is_none_or(|m| (1..=12).contains(&m)));
    assert!(d.day.is_none_or(|x| (1..=31).contains(&x)));
    assert!(d.hour.is_none_or(|h| h <= 23));
    assert!(d.minute.is_none_or(|m| m <= 59));
    assert!(!d.to_iso().is_empty());
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let n = s.chars().count();
        let mut prev_end = 0;
        for d in date::find_dates(s) {
            check(&d, n);
            assert!(d.start >= prev_end, "overlapping dates");
            prev_end = d.end;
        }
        if let Some(d) = date::parse_date(s) {
            check(&d, n);
        }
    }
});
