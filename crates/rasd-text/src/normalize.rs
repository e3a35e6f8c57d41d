//! Offset-preserving Arabic normalization.
//!
//! Normalization is a stack of [layers](Layer) the caller chooses:
//!
//! | layer | what it does |
//! |---|---|
//! | [`Layer::Display`] | NFKC of presentation forms (`ﻻ` → `لا`, `ﷲ` → `الله`), bidi and zero-width controls removed, tatweel removed, Persian/Urdu digits and letters kept |
//! | [`Layer::Matching`] | Display, plus: harakat and Quranic marks removed; `أ إ آ ٱ` → `ا`; `ى` → `ي`; `ة` → `ه`; `ؤ` → `و`; `ئ` → `ي`; Persian `ک ی گ` → `ك ي ك`; Arabic-Indic and Persian digits → ASCII; Arabic punctuation `، ؛ ؟ ٪` → `, ; ? %`; Latin lower-cased |
//! | [`Layer::Search`] | Matching, plus: standalone hamza `ء` dropped, runs of three or more identical letters collapsed to one (`جداااا` → `جدا`) |
//!
//! Every [`Normalized`] string carries a map back to the original text, in the shape of
//! sudachi.rs' `InputBuffer` and lindera's `OffsetMapping`: for every byte of the normalized
//! text, the byte range of the original character it came from. Characters that are deleted
//! (harakat, tatweel, controls) are absorbed into the span of the preceding kept character, so
//! that a normalized word maps back to the original word *with* its diacritics.
//!
//! ```
//! use rasd_text::normalize::{normalize, Layer};
//! let original = "وَالْعِرَاقِىّ";
//! let n = normalize(original, Layer::Matching);
//! assert_eq!(n.as_str(), "والعراقي");
//! // "العراقي" in the normalized text is bytes 2..16; it maps back to the original bytes:
//! let span = n.to_original(2..n.as_str().len());
//! assert_eq!(&original[span], "الْعِرَاقِىّ");
//! ```

use std::ops::Range;
use std::sync::OnceLock;

/// Which normalization the caller wants. Layers are cumulative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// For showing text to people: compatibility forms and invisible controls only.
    Display,
    /// For dictionary matching: orthographic variants folded.
    Matching,
    /// For full-text search: the most aggressive folding.
    Search,
}

/// A normalized string with a byte-level map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    /// For every byte of `text`, the original byte range (start, end) of the source character.
    origin: Vec<(u32, u32)>,
    original_len: u32,
}

impl Normalized {
    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Consumes the value, returning the normalized text.
    pub fn into_string(self) -> String {
        self.text
    }

    /// Length of the original text in bytes.
    pub fn original_len(&self) -> usize {
        self.original_len as usize
    }

    /// Maps a byte range of the normalized text to the byte range of the original text that
    /// produced it. `range` must lie on char boundaries of the normalized text. An empty range
    /// maps to an empty range at the corresponding original position.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let Range { start, end } = range;
        debug_assert!(start <= end && end <= self.text.len());
        if start >= self.text.len() {
            let o = self.original_len as usize;
            return o..o;
        }
        let s = self.origin[start].0 as usize;
        if end <= start {
            return s..s;
        }
        let e = self.origin[end - 1].1 as usize;
        s..e.max(s)
    }

    /// Maps one byte offset of the normalized text to the original byte offset where the
    /// character at that position starts (or the original length at the end).
    pub fn to_original_offset(&self, offset: usize) -> usize {
        if offset >= self.text.len() {
            self.original_len as usize
        } else {
            self.origin[offset].0 as usize
        }
    }
}

/// Normalizes `text` with the chosen layer, keeping the offset map.
pub fn normalize(text: &str, layer: Layer) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
        original_len: text.len() as u32,
    };
    let mut last_letter: Option<char> = None;
    let mut run = 0usize;
    let search = layer == Layer::Search;
    for (i, c) in text.char_indices() {
        let span = (i as u32, (i + c.len_utf8()) as u32);
        // Fast path for the common case: one char in, at most one char out.
        if !search && !is_compat(c) {
            match fold_char(c, layer) {
                Some(f) => {
                    out.text.push(f);
                    let n = f.len_utf8();
                    out.origin.extend(std::iter::repeat_n(span, n));
                }
                None => absorb(&mut out, span),
            }
            continue;
        }
        if is_compat(c) {
            if let Some(expansion) = nfkc_of(c) {
                for d in expansion.chars() {
                    push_char(&mut out, d, span, layer, &mut last_letter, &mut run);
                }
                continue;
            }
        }
        push_char(&mut out, c, span, layer, &mut last_letter, &mut run);
    }
    out
}

/// Normalizes to a plain `String` without building the offset map (faster).
pub fn normalize_str(text: &str, layer: Layer) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if is_compat(c) {
            if let Some(expansion) = nfkc_of(c) {
                for d in expansion.chars() {
                    if let Some(f) = fold_char(d, layer) {
                        s.push(f);
                    }
                }
                continue;
            }
        }
        if let Some(f) = fold_char(c, layer) {
            s.push(f);
        }
    }
    if layer == Layer::Search {
        // Reuse the mapped path for the run-collapsing rule: it is rare and cheap enough.
        return normalize(text, layer).into_string();
    }
    s
}

fn push_char(
    out: &mut Normalized,
    c: char,
    span: (u32, u32),
    layer: Layer,
    last_letter: &mut Option<char>,
    run: &mut usize,
) {
    match fold_char(c, layer) {
        None => absorb(out, span),
        Some(f) => {
            if layer == Layer::Search {
                if f == 'ء' {
                    absorb(out, span);
                    return;
                }
                if Some(f) == *last_letter && f.is_alphabetic() {
                    *run += 1;
                } else {
                    *run = 1;
                    *last_letter = Some(f);
                }
                if *run == 3 {
                    // Third identical letter: elongation. Drop the second copy, keep one.
                    let n = f.len_utf8();
                    out.text.truncate(out.text.len() - n);
                    out.origin.truncate(out.origin.len() - n);
                    absorb_range(out, span);
                    return;
                }
                if *run > 3 {
                    absorb(out, span);
                    return;
                }
            }
            let n = f.len_utf8();
            out.text.push(f);
            for _ in 0..n {
                out.origin.push(span);
            }
        }
    }
}

/// Extends the span of the last kept character over a deleted character.
fn absorb(out: &mut Normalized, span: (u32, u32)) {
    if let Some(&(_, last_end)) = out.origin.last() {
        if last_end == span.0 {
            absorb_range(out, span);
        }
    }
}

/// Extends the span of the last kept character to the end of `span`, unconditionally.
fn absorb_range(out: &mut Normalized, span: (u32, u32)) {
    // All bytes of the last char get the new end.
    let len = out.text.len();
    let last_char_len = out.text.chars().next_back().map_or(0, char::len_utf8);
    for o in &mut out.origin[len - last_char_len..] {
        o.1 = span.1;
    }
}

/// True for characters whose NFKC form differs and that we expand: Arabic presentation
/// forms A and B, half/full-width forms, and Latin ligatures.
#[inline]
fn is_compat(c: char) -> bool {
    matches!(c, '\u{FB00}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{FF00}'..='\u{FFEF}')
}

fn nfkc_of(c: char) -> Option<&'static str> {
    static TABLE: OnceLock<Vec<Option<Box<str>>>> = OnceLock::new();
    const LO: u32 = 0xFB00;
    const HI: u32 = 0xFFEF;
    let table = TABLE.get_or_init(|| {
        let nfkc = icu_normalizer::ComposingNormalizerBorrowed::new_nfkc();
        (LO..=HI)
            .map(|cp| {
                let ch = char::from_u32(cp)?;
                let mut buf = [0u8; 4];
                let s = ch.encode_utf8(&mut buf);
                let n = nfkc.normalize(s);
                if n == *s || n.is_empty() {
                    None
                } else {
                    Some(n.into_owned().into_boxed_str())
                }
            })
            .collect()
    });
    let cp = c as u32;
    if !(LO..=HI).contains(&cp) {
        return None;
    }
    table[(cp - LO) as usize].as_deref()
}

/// Harakat, Quranic annotation marks, superscript alef and other Arabic combining marks.
#[inline]
pub fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}')
}

/// Bidi controls, zero-width characters, the byte-order mark and soft hyphen.
#[inline]
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Tatweel (kashida), U+0640.
pub const TATWEEL: char = '\u{0640}';

/// Folds one character for the given layer; `None` deletes it.
#[inline]
pub fn fold_char(c: char, layer: Layer) -> Option<char> {
    if (c as u32) < 0x80 {
        return Some(if layer >= Layer::Matching {
            c.to_ascii_lowercase()
        } else {
            c
        });
    }
    if c == TATWEEL || is_invisible_control(c) {
        return None;
    }
    if layer == Layer::Display {
        return Some(c);
    }
    if is_diacritic(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ئ' | 'ی' | 'ې' | 'ۍ' | 'ێ' => 'ي',
        'ة' | 'ۃ' => 'ه',
        'ؤ' => 'و',
        'ک' | 'ڪ' | 'گ' => 'ك',
        'ە' | 'ھ' | 'ہ' => 'ه',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '،' => ',',
        '؛' => ';',
        '؟' => '?',
        '٪' => '%',
        '٫' => '.',
        '٬' => ',',
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        // Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms have no case.
        '\u{0600}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => c,
        _ => {
            if c.is_uppercase() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back<'a>(orig: &'a str, n: &Normalized, r: Range<usize>) -> &'a str {
        &orig[n.to_original(r)]
    }

    #[test]
    fn presentation_forms_expand() {
        let n = normalize("ﻻ", Layer::Display);
        assert_eq!(n.as_str(), "لا");
        assert_eq!(n.to_original(0..2), 0..3);
        assert_eq!(n.to_original(2..4), 0..3);
        let n = normalize("ﷲ", Layer::Matching);
        assert_eq!(n.as_str(), "الله");
    }

    #[test]
    fn matching_folds_orthography() {
        let cases = [
            ("العراقى", "العراقي"),
            ("إياد علاوى", "اياد علاوي"),
            ("الجماعة", "الجماعه"),
            ("مؤتمر", "موتمر"),
            ("رئيس", "رييس"),
            ("تـنـظـيـم", "تنظيم"),
            ("٢٠١٧/٤/٢٢", "2017/4/22"),
            ("۱۴۰۲", "1402"),
            ("لماذا؟", "لماذا?"),
            ("ISIS", "isis"),
            ("کرمانشاه", "كرمانشاه"),
            ("ذَهَبَ", "ذهب"),
            ("\u{200F}داعش\u{200E}", "داعش"),
        ];
        for (a, b) in cases {
            assert_eq!(normalize(a, Layer::Matching).as_str(), b, "input {a}");
            assert_eq!(normalize_str(a, Layer::Matching), b, "input {a}");
        }
    }

    #[test]
    fn display_keeps_diacritics_and_hamza() {
        let n = normalize("أَحْمَد\u{200F}", Layer::Display);
        assert_eq!(n.as_str(), "أَحْمَد");
    }

    #[test]
    fn deleted_marks_belong_to_the_previous_letter() {
        let orig = "بـ\"داعش\"";
        let n = normalize(orig, Layer::Matching);
        assert_eq!(n.as_str(), "ب\"داعش\"");
        assert_eq!(back(orig, &n, 0..2), "بـ");
        let orig = "جَيْشُ";
        let n = normalize(orig, Layer::Matching);
        assert_eq!(back(orig, &n, 0..n.as_str().len()), orig);
        assert_eq!(back(orig, &n, 0..2), "جَ");
    }

    #[test]
    fn search_collapses_elongation() {
        assert_eq!(normalize("جداااااا", Layer::Search).as_str(), "جدا");
        assert_eq!(normalize("الله", Layer::Search).as_str(), "الله");
        assert_eq!(normalize("سماء", Layer::Search).as_str(), "سما");
        let orig = "جدااا!";
        let n = normalize(orig, Layer::Search);
        assert_eq!(n.as_str(), "جدا!");
        assert_eq!(back(orig, &n, 0..6), "جدااا");
    }

    #[test]
    fn empty_and_ascii() {
        assert_eq!(normalize("", Layer::Search).as_str(), "");
        let n = normalize("Abc", Layer::Display);
        assert_eq!(n.as_str(), "Abc");
        assert_eq!(n.to_original(3..3), 3..3);
    }
}
