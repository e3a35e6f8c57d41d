//! Charset detection and decoding (filled in by the HTML work).
