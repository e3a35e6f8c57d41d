//! Fuzzes the saved-page path: bytes → `charset::decode` → `html::extract`.
//!
//! Run with `cargo fuzz run html` from the repository root (nightly toolchain). Neither step may
//! panic or overflow the stack on any input; errors are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasd_ingest::{charset, html};

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = charset::decode(data, None, true) {
        if let Ok(doc) = html::extract(&decoded.text, Some("https://example.com/news/1")) {
            // The documented output shape: some text, paragraphs separated by one blank line.
            assert!(!doc.text.is_empty());
            assert!(!doc.text.contains("\n\n\n"));
        }
    }
});
