//! Tokenization with byte offsets into the original text.
//!
//! Token kinds: Arabic words, Latin words, numbers (with internal `.` `,` `/` `:` `٫` `٬`
//! between digits: `3.5`, `22/4/2017`, `11:07`, `١٬٠٠٠`), URLs, e-mail addresses, hashtags
//! (`#داعش`, `#سوريا_الآن`), mentions, punctuation and symbols.
//!
//! Arabic news glues proclitics to quoted names and marks the join with a kashida:
//! `وال"القاعدة"`, `لـ"داعش"`, `بـ"محمد النص"`, `لـداعش`. The tokenizer emits such a prefix as a
//! separate [`TokenKind::Proclitic`] token, so `لـ"داعش"` is `لـ` `"` `داعش` `"`, and the
//! name after it is an ordinary word that a dictionary can match.
//!
//! ```
//! use rasd_text::tokenize::{tokenize, TokenKind};
//! let t = "قال لـ\"داعش\" في 22/4/2017";
//! let toks: Vec<(&str, TokenKind)> = tokenize(t).iter().map(|k| (&t[k.start..k.end], k.kind)).collect();
//! assert_eq!(toks, [
//!     ("قال", TokenKind::Arabic), ("لـ", TokenKind::Proclitic), ("\"", TokenKind::Punct),
//!     ("داعش", TokenKind::Arabic), ("\"", TokenKind::Punct), ("في", TokenKind::Arabic),
//!     ("22/4/2017", TokenKind::Number),
//! ]);
//! ```

use crate::normalize::{is_diacritic, TATWEEL};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word in Arabic script (may carry clitics; see [`crate::clitics`]).
    Arabic,
    /// A word in Latin (or another non-Arabic) script.
    Latin,
    /// A number, possibly with internal separators.
    Number,
    /// A proclitic sequence glued to a following quote or marked by a kashida (`لـ`, `وال`).
    Proclitic,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
    /// A hashtag.
    Hashtag,
    /// An @mention.
    Mention,
    /// Punctuation (one char, or a run of dots / `؟!`).
    Punct,
    /// Any other symbol.
    Symbol,
}

/// One token: a byte range of the original text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The kind.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }

    /// True for word-like tokens (Arabic, Latin).
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Arabic | TokenKind::Latin)
    }
}

/// A letter of the Arabic script (not a diacritic, digit, tatweel or punctuation).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

#[inline]
fn is_arabic_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_diacritic(c) || c == TATWEEL || c == '\u{200C}' || c == '\u{200D}'
}

/// ASCII, Arabic-Indic or Persian digit.
#[inline]
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

#[inline]
fn is_latin_word_char(c: char) -> bool {
    (c.is_alphanumeric() && !is_arabic_letter(c) && !is_digit(c)) || c.is_ascii_digit()
}

/// Opening/closing quotes and guillemets that glue to clitics.
#[inline]
pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '‹' | '›' | '(' | '['
    )
}

/// Proclitic sequences that may stand before a quote or kashida, in Matching form.
fn is_proclitic_sequence(letters: &str) -> bool {
    matches!(
        letters,
        "و" | "ف"
            | "ب"
            | "ل"
            | "ك"
            | "وب"
            | "ول"
            | "وك"
            | "فب"
            | "فل"
            | "فك"
            | "ال"
            | "وال"
            | "فال"
            | "بال"
            | "كال"
            | "لل"
            | "ولل"
            | "فلل"
            | "وبال"
            | "وكال"
            | "فبال"
    )
}

fn folded_letters(s: &str) -> String {
    s.chars()
        .filter(|&c| is_arabic_letter(c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            _ => c,
        })
        .collect()
}

/// Tokenizes `text`. Whitespace is skipped; every other char belongs to exactly one token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, &mut out);
    out
}

/// Tokenizes `text`, appending to `out` (reuse the vector to avoid allocation).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0usize;
    let len = text.len();
    while i < len {
        let c = char_at(text, i);
        let cl = c.len_utf8();
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        // URLs.
        if (c == 'h' || c == 'w' || c == 'H' || c == 'W') && starts_url(&bytes[i..]) {
            let end = scan_until_space(text, i);
            let end = trim_trailing_punct(text, i, end);
            out.push(Token {
                start: i,
                end,
                kind: TokenKind::Url,
            });
            i = end;
            continue;
        }
        if c == '#' || c == '@' {
            let j = i + 1;
            let end = scan_while(text, j, |d| {
                is_arabic_word_char(d) || is_latin_word_char(d) || is_digit(d) || d == '_'
            });
            if end > j {
                let kind = if c == '#' {
                    TokenKind::Hashtag
                } else {
                    TokenKind::Mention
                };
                out.push(Token {
                    start: i,
                    end,
                    kind,
                });
                i = end;
                continue;
            }
        }
        if is_digit(c) {
            let end = scan_number(text, i);
            out.push(Token {
                start: i,
                end,
                kind: TokenKind::Number,
            });
            i = end;
            continue;
        }
        if is_arabic_letter(c) || is_diacritic(c) || c == TATWEEL {
            let end = scan_while(text, i, is_arabic_word_char);
            split_arabic_run(text, i, end, out);
            i = end;
            continue;
        }
        if is_latin_word_char(c) {
            let mut end = scan_latin(text, i);
            // e-mail
            if end < len && bytes[end] == b'@' {
                let e2 = scan_while(text, end + 1, |d| {
                    d.is_ascii_alphanumeric() || d == '.' || d == '-' || d == '_'
                });
                let e2 = trim_trailing_punct(text, end + 1, e2);
                if e2 > end + 1 && text[end + 1..e2].contains('.') {
                    out.push(Token {
                        start: i,
                        end: e2,
                        kind: TokenKind::Email,
                    });
                    i = e2;
                    continue;
                }
            }
            if end == i {
                end = i + cl;
            }
            out.push(Token {
                start: i,
                end,
                kind: TokenKind::Latin,
            });
            i = end;
            continue;
        }
        // Punctuation runs: "...", "؟!", "!!".
        if matches!(c, '.' | '!' | '?' | '؟') {
            let end = scan_while(text, i, |d| matches!(d, '.' | '!' | '?' | '؟'));
            out.push(Token {
                start: i,
                end,
                kind: TokenKind::Punct,
            });
            i = end;
            continue;
        }
        let kind = if is_punct(c) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        out.push(Token {
            start: i,
            end: i + cl,
            kind,
        });
        i += cl;
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '،' | '؛'
                | '؟'
                | '٪'
                | '٫'
                | '٬'
                | '«'
                | '»'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '…'
                | '–'
                | '—'
                | '‹'
                | '›'
                | '„'
                | '۔'
                | '﴾'
                | '﴿'
        )
}

/// Splits one run of Arabic word characters, cutting off a proclitic glued by kashida or
/// standing before a quote.
fn split_arabic_run(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let run = &text[start..end];
    // 1. A kashida right after a proclitic sequence: لـداعش, بـ"..."
    if let Some(pos) = run.find(TATWEEL) {
        let before = &run[..pos];
        if !before.is_empty() && is_proclitic_sequence(&folded_letters(before)) {
            // The proclitic token takes all tatweels that follow.
            let mut cut = pos;
            while run[cut..].starts_with(TATWEEL) {
                cut += TATWEEL.len_utf8();
            }
            let rest_has_letters = run[cut..].chars().any(is_arabic_letter);
            let next = text[end..].chars().next();
            if rest_has_letters || next.is_some_and(is_quote) {
                out.push(Token {
                    start,
                    end: start + cut,
                    kind: TokenKind::Proclitic,
                });
                if cut < run.len() {
                    split_arabic_run(text, start + cut, end, out);
                }
                return;
            }
        }
    }
    // 2. A bare proclitic sequence directly before a quote and an Arabic letter: وال"القاعدة"
    let next = text[end..].chars().next();
    if next.is_some_and(is_quote) && run.chars().count() <= 5 {
        let after = text[end..].chars().nth(1);
        if after.is_some_and(is_arabic_letter) && is_proclitic_sequence(&folded_letters(run)) {
            out.push(Token {
                start,
                end,
                kind: TokenKind::Proclitic,
            });
            return;
        }
    }
    out.push(Token {
        start,
        end,
        kind: TokenKind::Arabic,
    });
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    // SAFETY-free: `i` is always on a char boundary here.
    text[i..].chars().next().unwrap_or('\0')
}

fn scan_while(text: &str, mut i: usize, f: impl Fn(char) -> bool) -> usize {
    for c in text[i..].chars() {
        if !f(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

fn scan_latin(text: &str, i: usize) -> usize {
    // Letters/digits with internal ' ’ - joining letters: al-Qaeda, Qa'ida.
    let mut end = i;
    let mut it = text[i..].char_indices().peekable();
    while let Some((k, c)) = it.next() {
        if is_latin_word_char(c) {
            end = i + k + c.len_utf8();
        } else if matches!(c, '\'' | '’' | '-') {
            match it.peek() {
                Some(&(_, d)) if is_latin_word_char(d) => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

fn scan_number(text: &str, i: usize) -> usize {
    let mut end = i;
    let mut it = text[i..].char_indices().peekable();
    while let Some((k, c)) = it.next() {
        if is_digit(c) {
            end = i + k + c.len_utf8();
        } else if matches!(c, '.' | ',' | '/' | ':' | '٫' | '٬') {
            match it.peek() {
                Some(&(_, d)) if is_digit(d) => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

fn starts_url(b: &[u8]) -> bool {
    let lower = |n: usize| -> Vec<u8> { b.iter().take(n).map(u8::to_ascii_lowercase).collect() };
    let l = lower(8);
    (l.starts_with(b"http://") || l.starts_with(b"https://") || l.starts_with(b"www."))
        && b.len() > 8
}

fn scan_until_space(text: &str, i: usize) -> usize {
    scan_while(text, i, |c| {
        !c.is_whitespace() && !matches!(c, '"' | '«' | '»' | '<' | '>' | '“' | '”')
    })
}

fn trim_trailing_punct(text: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        let c = text[..end].chars().next_back().unwrap_or(' ');
        if matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '،' | '؛' | '؟'
        ) {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<(&str, TokenKind)> {
        tokenize(t)
            .iter()
            .map(|k| (&t[k.start..k.end], k.kind))
            .collect()
    }

    use TokenKind::*;

    #[test]
    fn glued_clitics() {
        assert_eq!(
            toks("وال\"القاعدة\""),
            [
                ("وال", Proclitic),
                ("\"", Punct),
                ("القاعدة", Arabic),
                ("\"", Punct)
            ]
        );
        assert_eq!(
            toks("بـ\"محمد النص\""),
            [
                ("بـ", Proclitic),
                ("\"", Punct),
                ("محمد", Arabic),
                ("النص", Arabic),
                ("\"", Punct)
            ]
        );
        assert_eq!(toks("لـداعش"), [("لـ", Proclitic), ("داعش", Arabic)]);
        assert_eq!(
            toks("و«داعش»"),
            [
                ("و", Proclitic),
                ("«", Punct),
                ("داعش", Arabic),
                ("»", Punct)
            ]
        );
        // Decorative kashida inside a word is not a clitic boundary.
        assert_eq!(toks("تـنـظـيـم"), [("تـنـظـيـم", Arabic)]);
        // A word before a quote that is not a clitic sequence stays a word.
        assert_eq!(
            toks("قال\"لا\""),
            [("قال", Arabic), ("\"", Punct), ("لا", Arabic), ("\"", Punct)]
        );
    }

    #[test]
    fn numbers_urls_hashtags() {
        assert_eq!(
            toks("نشر 3.5 مليون في 22/4/2017 الساعة 11:07 على https://example.com/a?b=1. #سوريا_الآن @user"),
            [
                ("نشر", Arabic), ("3.5", Number), ("مليون", Arabic), ("في", Arabic),
                ("22/4/2017", Number), ("الساعة", Arabic), ("11:07", Number), ("على", Arabic),
                ("https://example.com/a?b=1", Url), (".", Punct), ("#سوريا_الآن", Hashtag),
                ("@user", Mention),
            ]
        );
        assert_eq!(toks("٢٢/٤/٢٠١٧"), [("٢٢/٤/٢٠١٧", Number)]);
    }

    #[test]
    fn latin_and_punct() {
        assert_eq!(
            toks("al-Qaeda (AQ), Qa'ida؟!"),
            [
                ("al-Qaeda", Latin),
                ("(", Punct),
                ("AQ", Latin),
                (")", Punct),
                (",", Punct),
                ("Qa'ida", Latin),
                ("؟!", Punct)
            ]
        );
        assert_eq!(toks("info@example.org"), [("info@example.org", Email)]);
    }

    #[test]
    fn diacritics_stay_in_words() {
        assert_eq!(toks("وَالْجَيْشُ،"), [("وَالْجَيْشُ", Arabic), ("،", Punct)]);
    }
}
