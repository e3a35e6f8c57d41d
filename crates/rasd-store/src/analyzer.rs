//! The Arabic analyzer for tantivy, built from `rasd-text`: the project tokenizer, Search-layer
//! folding (harakat, hamza/alef, ى/ي, ة/ه, tatweel, digits), clitic removal and light stemming,
//! a short stop-word list. tantivy ships no Arabic normalizer or stop words.
//!
//! Token offsets are byte offsets into the original text, so tantivy's snippets highlight the
//! words as written.

use rasd_text::tokenize::{tokenize, TokenKind};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the analyzer is registered under.
pub const NAME: &str = "rasd_ar";

/// Function words too frequent to search for (after folding and stemming).
const STOP: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "ان",
    "او",
    "ثم",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "كان",
    "كانت",
    "قد",
    "لا",
    "لم",
    "لن",
    "ما",
    "هو",
    "هي",
    "هم",
    "و",
    "ف",
    "ب",
    "ل",
    "كل",
    "بين",
    "عند",
    "حتي",
    "اذا",
    "لكن",
];

/// Folds and stems one word the way the index does.
pub fn term(word: &str) -> Option<String> {
    let folded = rasd_text::normalize::normalize_str(word, rasd_text::normalize::Layer::Search);
    if STOP.contains(&folded.as_str()) {
        return None;
    }
    let t = rasd_text::stem::light_stem(word);
    (!t.is_empty() && !STOP.contains(&t.as_str())).then_some(t)
}

/// The tokenizer.
#[derive(Clone, Default)]
pub struct ArabicTokenizer {
    tokens: Vec<Token>,
}

/// Its token stream.
pub struct ArabicStream<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicStream<'a> {
        self.tokens.clear();
        let mut position = 0;
        for t in tokenize(text) {
            if !matches!(
                t.kind,
                TokenKind::Arabic | TokenKind::Latin | TokenKind::Number | TokenKind::Hashtag
            ) {
                continue;
            }
            let word = &text[t.start..t.end];
            if let Some(term) = term(word) {
                self.tokens.push(Token {
                    offset_from: t.start,
                    offset_to: t.end,
                    position,
                    text: term,
                    position_length: 1,
                });
            }
            position += 1;
        }
        ArabicStream {
            tokens: &self.tokens,
            at: 0,
        }
    }
}

impl TokenStream for ArabicStream<'_> {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        unreachable!("the stream is read-only")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        let mut t = ArabicTokenizer::default();
        let mut st = t.token_stream(s);
        let mut out = Vec::new();
        while st.advance() {
            out.push(st.token().text.clone());
        }
        out
    }

    #[test]
    fn clitics_and_spellings_meet() {
        assert_eq!(terms("والعراقيّة"), terms("العراقية"));
        assert_eq!(terms("بالعراق"), terms("العراق"));
        assert_eq!(terms("لداعش"), terms("داعش"));
        assert_eq!(terms("الأمريكى"), terms("الامريكي"));
        assert!(terms("في من على").is_empty());
    }

    #[test]
    fn offsets_point_at_the_original_words() {
        let s = "قصفت «داعش» مواقعَ";
        let mut t = ArabicTokenizer::default();
        let mut st = t.token_stream(s);
        let mut seen = Vec::new();
        while st.advance() {
            let tok = st.token();
            seen.push(&s[tok.offset_from..tok.offset_to]);
        }
        assert_eq!(seen, vec!["قصفت", "داعش", "مواقعَ"]);
    }
}
