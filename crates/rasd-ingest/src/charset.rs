//! Bytes → text: byte-order marks, declared charsets and Arabic legacy-encoding sniffing.
//!
//! [`decode`] turns the raw bytes of a text file or a saved web page into a `String`. It decides
//! on an encoding in this order:
//!
//! 1. **Byte-order mark**: UTF-8, UTF-16LE or UTF-16BE. The mark is removed from the text.
//! 2. **Explicit hint**: an HTTP `Content-Type` value (`text/html; charset=windows-1256`) or a
//!    bare label (`windows-1256`), resolved with the WHATWG label table of `encoding_rs`, so
//!    `iso-8859-6`, `arabic`, `cp1256`, `latin1` and friends all work. Unknown labels are ignored.
//! 3. **In-document declaration** (HTML only): `<meta charset=..>`,
//!    `<meta http-equiv="Content-Type" content="..; charset=..">` or an XML declaration's
//!    `encoding=".."`, looked for in the first 4 KB (comments are skipped). As in browsers, a
//!    `<meta>` that claims UTF-16 means UTF-8.
//! 4. **Valid UTF-8.**
//! 5. **Arabic legacy sniffing**: bytes that are not UTF-8 are tried as windows-1256 and as
//!    ISO-8859-6; an encoding is chosen when most of the non-ASCII bytes decode to Arabic letters
//!    and punctuation in it (windows-1256: 0xC1–0xFE minus the Latin letters it keeps at 0xE0,
//!    0xE2, 0xE7–0xEB, 0xEE, 0xEF, 0xF4, 0xF9, 0xFB, 0xFC) and are not glued to ASCII letters
//!    the way accented Latin letters are.
//! 6. Otherwise [`DecodeError::InvalidUtf8`].
//!
//! Two safety valves keep declarations honest:
//!
//! * A declared legacy encoding loses to UTF-8 when the bytes are valid UTF-8 *and* contain
//!   multi-byte sequences: pages re-saved as UTF-8 often keep their old `<meta>`, while Arabic
//!   text in windows-1256 or ISO-8859-6 is practically never valid UTF-8 by accident.
//! * Declared UTF-8 that is not valid UTF-8 is tried against the Arabic sniffer before being
//!   decoded with replacement characters.
//!
//! Binary data (a NUL byte, or more than 10 % control characters, in the first 8 KB) is a
//! [`DecodeError::Binary`], never garbage text. Apart from a removed BOM, the text is exactly
//! what the bytes say: line ends and every other character are kept, so offsets computed on the
//! text stay meaningful for plain-text inputs.

use std::borrow::Cow;
use std::sync::OnceLock;

use encoding_rs::{Encoding, ISO_8859_6, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};

/// How much of the start of the input the binary check looks at.
const BINARY_SAMPLE: usize = 8 * 1024;
/// How much of the start of an HTML document is searched for a charset declaration.
const META_SCAN: usize = 4 * 1024;
/// Share of control characters above which the input is considered binary.
const MAX_CONTROL_SHARE: f64 = 0.10;
/// Share of non-ASCII bytes that must decode to Arabic for a legacy encoding to be sniffed.
const MIN_ARABIC_SHARE: f64 = 0.70;

/// Why bytes could not be decoded as text.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The input looks like binary data rather than text.
    #[error("binary data, not text ({reason})")]
    Binary {
        /// What gave it away, e.g. `NUL byte at offset 12`.
        reason: String,
    },
    /// Not valid UTF-8, no usable charset declaration, and not recognisably Arabic in
    /// windows-1256 or ISO-8859-6.
    #[error(
        "not valid UTF-8 (first invalid byte at offset {valid_up_to}), no charset declared, \
         and not recognisable as windows-1256 or ISO-8859-6 Arabic; \
         convert the input to UTF-8 or declare its charset"
    )]
    InvalidUtf8 {
        /// Length of the longest valid UTF-8 prefix.
        valid_up_to: usize,
    },
    /// The declared charset is one that cannot be decoded safely (WHATWG "replacement"
    /// encodings such as ISO-2022-KR or HZ).
    #[error("unsupported charset {label:?}")]
    UnsupportedCharset {
        /// The label as declared.
        label: String,
    },
}

/// Decoded text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding used, as named by `encoding_rs` (`UTF-8`, `windows-1256`, `ISO-8859-6`,
    /// `UTF-16LE`, ...).
    pub encoding: &'static str,
    /// Whether the input started with a byte-order mark.
    pub had_bom: bool,
}

/// Decodes the raw bytes of a text or HTML document into a `String`.
///
/// Order: BOM (UTF-8, UTF-16LE/BE) → explicit `hint` (an HTTP `Content-Type` header value such
/// as `text/html; charset=windows-1256`, or a bare label) → for HTML (`is_html`), a
/// `<meta charset=..>` / `<meta http-equiv="Content-Type" content="..charset=..">` in the first
/// 4 KB → valid UTF-8 → windows-1256 or ISO-8859-6 when non-UTF-8 bytes look like Arabic in that
/// encoding → [`DecodeError::InvalidUtf8`]. See the [module docs](self) for the details.
///
/// # Errors
///
/// [`DecodeError::Binary`] for binary junk, [`DecodeError::InvalidUtf8`] for undeclared
/// non-UTF-8 bytes that are not Arabic legacy text, [`DecodeError::UnsupportedCharset`] for a
/// declared WHATWG "replacement" encoding.
pub fn decode(bytes: &[u8], hint: Option<&str>, is_html: bool) -> Result<Decoded, DecodeError> {
    // 1. Byte-order mark.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let text = enc.decode_without_bom_handling(&bytes[bom_len..]).0;
        check_text_not_binary(&text)?;
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            had_bom: true,
        });
    }

    // 2. and 3. Declarations.
    let mut declared: Option<(&'static Encoding, String)> = None;
    if let Some(label) = hint.and_then(label_from_hint) {
        if let Some(enc) = Encoding::for_label(label.as_bytes()) {
            declared = Some((enc, label));
        }
    }
    if declared.is_none() && is_html {
        if let Some(label) = prescan_html(&bytes[..bytes.len().min(META_SCAN)]) {
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                // A <meta> that could be read as ASCII cannot be telling the truth about UTF-16.
                let enc = if enc == UTF_16LE || enc == UTF_16BE {
                    UTF_8
                } else {
                    enc
                };
                declared = Some((enc, label));
            }
        }
    }

    if let Some((enc, label)) = declared {
        if enc == REPLACEMENT {
            return Err(DecodeError::UnsupportedCharset { label });
        }
        if enc == UTF_16LE || enc == UTF_16BE {
            // Only an explicit hint gets here; NUL bytes are normal in UTF-16.
            let text = enc.decode_without_bom_handling(bytes).0;
            check_text_not_binary(&text)?;
            return Ok(finish(text, enc));
        }
        check_bytes_not_binary(bytes)?;
        if enc == UTF_8 {
            if let Ok(s) = std::str::from_utf8(bytes) {
                return Ok(finish(Cow::Borrowed(s), UTF_8));
            }
            if let Some(legacy) = sniff_arabic_legacy(bytes) {
                return Ok(finish(legacy.decode_without_bom_handling(bytes).0, legacy));
            }
            return Ok(finish(String::from_utf8_lossy(bytes), UTF_8));
        }
        if let Ok(s) = std::str::from_utf8(bytes) {
            if !s.is_ascii() {
                // Valid multi-byte UTF-8 beats a legacy declaration (see the module docs).
                return Ok(finish(Cow::Borrowed(s), UTF_8));
            }
        }
        return Ok(finish(enc.decode_without_bom_handling(bytes).0, enc));
    }

    // 4. Valid UTF-8.
    check_bytes_not_binary(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(finish(Cow::Borrowed(s), UTF_8)),
        Err(e) => {
            // 5. Arabic legacy encodings.
            if let Some(legacy) = sniff_arabic_legacy(bytes) {
                return Ok(finish(legacy.decode_without_bom_handling(bytes).0, legacy));
            }
            if e.error_len().is_none() {
                // Valid UTF-8 cut off in the middle of the last character.
                return Ok(finish(String::from_utf8_lossy(bytes), UTF_8));
            }
            Err(DecodeError::InvalidUtf8 {
                valid_up_to: e.valid_up_to(),
            })
        }
    }
}

fn finish(text: Cow<'_, str>, enc: &'static Encoding) -> Decoded {
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        had_bom: false,
    }
}

/// The charset label in an HTTP `Content-Type` value, or a bare label.
fn label_from_hint(hint: &str) -> Option<String> {
    let hint = hint.trim();
    if hint.is_empty() {
        return None;
    }
    if let Some(label) = charset_param(hint.as_bytes()) {
        return Some(label);
    }
    if hint.contains('/') || hint.contains(';') || hint.contains('=') {
        // A media type without a charset parameter.
        return None;
    }
    Some(hint.to_string())
}

/// The value of a `charset=` parameter in `s` (case-insensitive, quotes removed).
fn charset_param(s: &[u8]) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= s.len() || s[i] != b'=' {
            continue;
        }
        i += 1;
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let quote = match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                i += 1;
                Some(q)
            }
            _ => None,
        };
        let start = i;
        while i < s.len() {
            let c = s[i];
            let end = match quote {
                Some(q) => c == q,
                None => c == b';' || c == b',' || c.is_ascii_whitespace() || c == b'"',
            };
            if end {
                break;
            }
            i += 1;
        }
        let label = String::from_utf8_lossy(&s[start..i]).trim().to_string();
        if !label.is_empty() {
            return Some(label);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A simplified version of the WHATWG `<meta>` prescan: the charset declared by the first
/// `<meta charset>`, `<meta http-equiv=content-type content=..charset=..>` or XML declaration.
fn prescan_html(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let mut i = 0;
    while i < lower.len() {
        let Some(lt) = lower[i..].iter().position(|&b| b == b'<') else {
            break;
        };
        i += lt;
        let rest = &lower[i..];
        if rest.starts_with(b"<!--") {
            match find(&rest[4..], b"-->") {
                Some(end) => {
                    i += 4 + end + 3;
                    continue;
                }
                None => break,
            }
        }
        if rest.starts_with(b"<?xml") {
            let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
            if let Some(label) = attr_value(&head[i..i + end], b"encoding") {
                return Some(label);
            }
            i += end.max(1);
            continue;
        }
        let is_meta = rest.starts_with(b"<meta")
            && rest
                .get(5)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/');
        if !is_meta {
            i += 1;
            continue;
        }
        let end = tag_end(rest);
        let tag = &head[i..i + end];
        if let Some(label) = attr_value(tag, b"charset") {
            return Some(label);
        }
        let http_equiv = attr_value(tag, b"http-equiv").map(|v| v.to_ascii_lowercase());
        if http_equiv.as_deref() == Some("content-type") {
            if let Some(label) =
                attr_value(tag, b"content").and_then(|c| charset_param(c.as_bytes()))
            {
                return Some(label);
            }
        }
        i += end.max(1);
    }
    None
}

/// Length of a tag starting at `s[0] == b'<'`, up to and including its `>` (quotes respected).
fn tag_end(s: &[u8]) -> usize {
    let mut quote = None;
    for (i, &b) in s.iter().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
    }
    s.len()
}

/// The value of attribute `name` (lower-case ASCII) in the tag text `tag`.
fn attr_value(tag: &[u8], name: &[u8]) -> Option<String> {
    let n = tag.len();
    // Skip the tag name.
    let mut i = 1;
    while i < n && !tag[i].is_ascii_whitespace() && tag[i] != b'/' && tag[i] != b'>' {
        i += 1;
    }
    loop {
        while i < n && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        if i >= n || tag[i] == b'>' || tag[i] == b'?' {
            return None;
        }
        let start = i;
        while i < n && !tag[i].is_ascii_whitespace() && !matches!(tag[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr = tag[start..i].to_ascii_lowercase();
        while i < n && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value: &[u8] = &[];
        if i < n && tag[i] == b'=' {
            i += 1;
            while i < n && tag[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && (tag[i] == b'"' || tag[i] == b'\'') {
                let q = tag[i];
                i += 1;
                let vstart = i;
                while i < n && tag[i] != q {
                    i += 1;
                }
                value = &tag[vstart..i];
                i += 1;
            } else {
                let vstart = i;
                while i < n && !tag[i].is_ascii_whitespace() && tag[i] != b'>' {
                    i += 1;
                }
                value = &tag[vstart..i];
            }
        }
        if attr == name {
            let v = String::from_utf8_lossy(value).trim().to_string();
            return (!v.is_empty()).then_some(v);
        }
    }
}

/// Rejects binary data: a NUL byte, or a high share of control bytes, in the first 8 KB.
fn check_bytes_not_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    if let Some(pos) = sample.iter().position(|&b| b == 0) {
        let looks_utf16 = sample.len() >= 4
            && sample
                .chunks_exact(2)
                .filter(|p| p[0] == 0 || p[1] == 0)
                .count()
                * 4
                >= sample.len();
        let reason = if looks_utf16 {
            format!("NUL byte at offset {pos}; UTF-16 without a byte-order mark?")
        } else {
            format!("NUL byte at offset {pos}")
        };
        return Err(DecodeError::Binary { reason });
    }
    let controls = sample.iter().filter(|&&b| is_control_byte(b)).count();
    control_share_check(controls, sample.len())
}

/// The same check on decoded text (UTF-16 inputs).
fn check_text_not_binary(text: &str) -> Result<(), DecodeError> {
    let mut total = 0;
    let mut controls = 0;
    for (i, c) in text.chars().take(BINARY_SAMPLE).enumerate() {
        if c == '\0' {
            return Err(DecodeError::Binary {
                reason: format!("NUL character at position {i}"),
            });
        }
        total += 1;
        if u32::from(c) < 0x80 && is_control_byte(c as u8) {
            controls += 1;
        }
    }
    control_share_check(controls, total)
}

fn control_share_check(controls: usize, total: usize) -> Result<(), DecodeError> {
    if total > 0 && controls as f64 > MAX_CONTROL_SHARE * total as f64 {
        let share = 100.0 * controls as f64 / total as f64;
        return Err(DecodeError::Binary {
            reason: format!(
                "{share:.0}% control characters in the first {} bytes",
                total.min(BINARY_SAMPLE)
            ),
        });
    }
    Ok(())
}

/// C0 controls other than tab, line feed, form feed and carriage return, plus DEL.
fn is_control_byte(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F)
}

/// For each byte ≥ 0x80: does it decode to an Arabic letter or punctuation mark in `enc`?
fn arabic_table(enc: &'static Encoding) -> [bool; 128] {
    let mut table = [false; 128];
    for (i, slot) in table.iter_mut().enumerate() {
        let byte = [0x80 + i as u8];
        let (s, had_errors) = enc.decode_without_bom_handling(&byte);
        if had_errors {
            continue;
        }
        *slot = s.chars().next().is_some_and(|c| {
            matches!(c, '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{0671}'..='\u{06D3}')
                || matches!(c, '\u{060C}' | '\u{061B}' | '\u{061F}')
        });
    }
    table
}

fn tables() -> &'static [[bool; 128]; 2] {
    static TABLES: OnceLock<[[bool; 128]; 2]> = OnceLock::new();
    TABLES.get_or_init(|| [arabic_table(WINDOWS_1256), arabic_table(ISO_8859_6)])
}

/// windows-1256 or ISO-8859-6 when most non-ASCII bytes are Arabic letters in that encoding.
fn sniff_arabic_legacy(bytes: &[u8]) -> Option<&'static Encoding> {
    let [cp1256, iso] = tables();
    let (mut high, mut a1256, mut a8859) = (0usize, 0usize, 0usize);
    for (pos, &b) in bytes.iter().enumerate() {
        if b < 0x80 {
            continue;
        }
        high += 1;
        // Arabic letters sit next to other Arabic letters, spaces, digits and punctuation;
        // accented Latin letters sit next to ASCII letters. Only the former count.
        let latin_neighbour = (pos > 0 && bytes[pos - 1].is_ascii_alphabetic())
            || bytes.get(pos + 1).is_some_and(u8::is_ascii_alphabetic);
        if latin_neighbour {
            continue;
        }
        let i = usize::from(b - 0x80);
        a1256 += usize::from(cp1256[i]);
        a8859 += usize::from(iso[i]);
    }
    if high < 2 {
        return None;
    }
    let threshold = MIN_ARABIC_SHARE * high as f64;
    let (best, score) = if a8859 > a1256 {
        (ISO_8859_6, a8859)
    } else {
        (WINDOWS_1256, a1256)
    };
    (score as f64 >= threshold).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "قالت وزارة الصحة الفلسطينية في غزة إن عدد الضحايا ارتفع، وأكد المتحدث باسمها أن المستشفيات تعمل فوق طاقتها؟";

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, used, had_errors) = enc.encode(s);
        assert_eq!(used, enc);
        assert!(!had_errors, "{} cannot encode the test text", enc.name());
        bytes.into_owned()
    }

    #[test]
    fn charset_utf8_plain() {
        let d = decode(ARABIC.as_bytes(), None, false).unwrap();
        assert_eq!(d.text, ARABIC);
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.had_bom);
    }

    #[test]
    fn charset_utf8_keeps_text_exactly() {
        let s = "سطر أول\r\n\tسطر ثان  \n";
        assert_eq!(decode(s.as_bytes(), None, false).unwrap().text, s);
    }

    #[test]
    fn charset_utf8_bom_removed() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(ARABIC.as_bytes());
        let d = decode(&bytes, None, false).unwrap();
        assert_eq!(d.text, ARABIC);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_bom);
    }

    #[test]
    fn charset_utf16le_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in ARABIC.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes, None, false).unwrap();
        assert_eq!(d.text, ARABIC);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.had_bom);
    }

    #[test]
    fn charset_utf16be_bom() {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in ARABIC.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&bytes, None, true).unwrap();
        assert_eq!(d.text, ARABIC);
        assert_eq!(d.encoding, "UTF-16BE");
    }

    #[test]
    fn charset_windows_1256_via_meta() {
        let page = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">\
             </head><body><p>{ARABIC}</p></body></html>"
        );
        let d = decode(&encode(WINDOWS_1256, &page), None, true).unwrap();
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, "windows-1256");

        let page = format!("<!doctype html><meta charset='CP1256'><title>{ARABIC}</title>");
        let d = decode(&encode(WINDOWS_1256, &page), None, true).unwrap();
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, "windows-1256");
    }

    #[test]
    fn charset_meta_in_comment_ignored_and_not_used_for_text() {
        // The commented-out declaration is skipped; the bytes are sniffed instead.
        let page = format!("<!-- <meta charset=\"iso-8859-6\"> --><p>{ARABIC}</p>");
        let d = decode(&encode(WINDOWS_1256, &page), None, true).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        // Plain text does not look for <meta>.
        let page = "<meta charset=\"windows-1256\"> ascii only";
        assert_eq!(
            decode(page.as_bytes(), None, false).unwrap().encoding,
            "UTF-8"
        );
    }

    #[test]
    fn charset_windows_1256_sniffed_without_meta() {
        let bytes = encode(WINDOWS_1256, ARABIC);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes, None, false).unwrap();
        assert_eq!(d.text, ARABIC);
        assert_eq!(d.encoding, "windows-1256");

        let page = format!("<html><body><h1>عاجل</h1><p>{ARABIC}</p></body></html>");
        let d = decode(&encode(WINDOWS_1256, &page), None, true).unwrap();
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, "windows-1256");
    }

    #[test]
    fn charset_iso_8859_6_via_hint() {
        let bytes = encode(ISO_8859_6, ARABIC);
        for hint in ["text/html; charset=ISO-8859-6", "iso-8859-6", "arabic"] {
            let d = decode(&bytes, Some(hint), true).unwrap();
            assert_eq!(d.text, ARABIC, "hint {hint}");
            assert_eq!(d.encoding, "ISO-8859-6");
        }
    }

    #[test]
    fn charset_iso_8859_6_sniffed() {
        let d = decode(&encode(ISO_8859_6, ARABIC), None, false).unwrap();
        assert_eq!(d.text, ARABIC);
        assert_eq!(d.encoding, "ISO-8859-6");
    }

    #[test]
    fn charset_hint_beats_meta_and_unknown_hint_ignored() {
        let page = format!("<meta charset=\"iso-8859-6\"><p>{ARABIC}</p>");
        let bytes = encode(WINDOWS_1256, &page);
        let d = decode(&bytes, Some("text/html; charset=\"windows-1256\""), true).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, page);
        let d = decode(&bytes, Some("text/html"), true).unwrap();
        assert_eq!(d.encoding, "ISO-8859-6");
        let d = decode(&bytes, Some("no-such-charset"), true).unwrap();
        assert_eq!(d.encoding, "ISO-8859-6");
    }

    #[test]
    fn charset_valid_utf8_beats_stale_legacy_meta() {
        let page = format!("<meta charset=\"windows-1256\"><p>{ARABIC}</p>");
        let d = decode(page.as_bytes(), None, true).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, page);
        // ASCII-only content follows the declaration (it is the same text either way).
        let d = decode(b"<meta charset=\"windows-1256\"><p>hi</p>", None, true).unwrap();
        assert_eq!(d.encoding, "windows-1256");
    }

    #[test]
    fn charset_declared_utf8_but_cp1256_bytes() {
        let page = format!("<meta charset=\"utf-8\"><p>{ARABIC}</p>");
        let d = decode(&encode(WINDOWS_1256, &page), None, true).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, page);
    }

    #[test]
    fn charset_binary_junk_rejected() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        let err = decode(png, None, false).unwrap_err();
        assert!(matches!(err, DecodeError::Binary { .. }), "{err}");
        assert!(err.to_string().contains("binary"), "{err}");

        let controls: Vec<u8> = (0..400u32)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(
            decode(&controls, None, true),
            Err(DecodeError::Binary { .. })
        ));

        let mut utf16_no_bom = Vec::new();
        for unit in "hello world".encode_utf16() {
            utf16_no_bom.extend_from_slice(&unit.to_le_bytes());
        }
        let err = decode(&utf16_no_bom, None, false).unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
        // With an explicit hint it decodes.
        assert_eq!(
            decode(&utf16_no_bom, Some("utf-16le"), false).unwrap().text,
            "hello world"
        );
    }

    #[test]
    fn charset_invalid_utf8_not_arabic_rejected() {
        // Latin-1 French: not UTF-8, and its accented letters are not Arabic in cp1256.
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le président a déclaré à Genève que l'été sera chaud — très chaud.");
        let err = decode(&bytes, None, false).unwrap_err();
        match err {
            DecodeError::InvalidUtf8 { valid_up_to } => assert_eq!(valid_up_to, 5),
            ref other => panic!("unexpected {other:?}"),
        }
        let msg = err.to_string();
        assert!(
            msg.contains("not valid UTF-8") && msg.contains("offset 5"),
            "{msg}"
        );
    }

    #[test]
    fn charset_truncated_utf8_tail_is_tolerated() {
        let bytes = ARABIC.as_bytes();
        let cut = &bytes[..bytes.len() - 1];
        let d = decode(cut, None, false).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn charset_replacement_encoding_is_an_error() {
        assert!(matches!(
            decode(b"abc", Some("iso-2022-kr"), false),
            Err(DecodeError::UnsupportedCharset { .. })
        ));
    }

    #[test]
    fn charset_cp1256_arabic_byte_range() {
        let [cp1256, _] = tables();
        let latin = [
            0xE0u8, 0xE2, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEE, 0xEF, 0xF4, 0xF9, 0xFB, 0xFC,
        ];
        for b in 0xC1u8..=0xDF {
            if b != 0xD7 && b != 0xDC {
                assert!(cp1256[usize::from(b - 0x80)], "{b:#x}");
            }
        }
        for b in latin {
            assert!(!cp1256[usize::from(b - 0x80)], "{b:#x}");
        }
    }

    #[test]
    fn charset_empty_input() {
        let d = decode(b"", None, true).unwrap();
        assert_eq!(d.text, "");
        assert_eq!(d.encoding, "UTF-8");
    }
}
