//! Fuzzes the date parser: `date::find_dates` and `date::parse_date` on arbitrary text.
//!
//! Run with `cargo fuzz run date` from the repository root (nightly toolchain). Neither may
//! panic; every found date's char offsets lie inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasd_ingest::date;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let n = s.chars().count();
        for d in date::find_dates(s) {
            assert!(d.start <= d.end && d.end <= n);
        }
        let _ = date::parse_date(s);
    }
});
