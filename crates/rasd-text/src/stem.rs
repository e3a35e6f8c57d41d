//! Light stemming for search.
//!
//! Snowball's Arabic stemmer (via `rust-stemmers`) fails on words that carry both a
//! conjunction and the article (`والجيش`), so clitics come off first with
//! [`crate::clitics::segment`]; the bare stem is folded with the Search layer and handed to
//! Snowball, which removes plural, dual and feminine suffixes.
//!
//! ```
//! use rasd_text::stem::light_stem;
//! assert_eq!(light_stem("والجيش"), light_stem("جيش"));
//! assert_eq!(light_stem("بالمسلحين"), light_stem("المسلحون"));
//! ```

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::clitics::segment;
use crate::normalize::{normalize_str, Layer};

fn snowball() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Arabic))
}

/// The search stem of one word: clitics removed, Search-layer folding, Snowball Arabic.
/// Non-Arabic words are folded (lower-cased) and returned.
pub fn light_stem(word: &str) -> String {
    let seg = segment(word);
    let stem = &word[seg.stem()];
    let folded = normalize_str(stem, Layer::Search);
    if !folded.chars().any(crate::tokenize::is_arabic_letter) {
        return folded;
    }
    let s = snowball().stem(&folded);
    // Snowball may over-strip very short words; keep at least two letters.
    if s.chars().count() < 2 {
        folded
    } else {
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conjunction_and_article() {
        assert_eq!(light_stem("والجيش"), light_stem("الجيش"));
        assert_eq!(light_stem("وبالعراق"), light_stem("العراق"));
        assert_eq!(light_stem("ISIS"), "isis");
    }
}
