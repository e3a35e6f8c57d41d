//! Arabic text core for rasd: pure functions, no I/O.
//!
//! The pipeline a document's text goes through, and where to start reading:
//!
//! 1. [`normalize`]: layered, offset-preserving normalization ([`normalize::Layer`]).
//! 2. [`sentences`]: sentence splitting robust to news text.
//! 3. [`tokenize`]: tokens with byte offsets (words, numbers, URLs, hashtags, glued clitics).
//! 4. [`clitics`]: clitic segmentation of one word, validated against a stem lexicon.
//! 5. [`stem`]: a light stemmer for search (clitics off first, then Snowball Arabic).
//!
//! All offsets in this crate are **byte** offsets into the original `&str`; use
//! [`offsets::CharIndex`] to turn them into the Unicode-scalar offsets of the output contract.
pub mod clitics;
pub mod normalize;
pub mod offsets;
pub mod sentences;
pub mod stem;
pub mod tokenize;
