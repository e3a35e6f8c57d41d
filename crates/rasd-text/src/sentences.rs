//! Sentence splitting for Arabic news text.
//!
//! ICU's UAX #29 sentence breaks split after `د.` and inside `أ.ف.ب`; news text also drops
//! spaces after full stops (`الإرهاب.وقال`) and wraps sentence ends in quotes and guillemets.
//! This splitter is rule-based and works on the original text:
//!
//! * a line break ends a sentence (news paragraphs are lines);
//! * `.`, `!`, `?`, `؟` end a sentence, together with any run of them (`؟!`) and the closing
//!   quotes and brackets that follow (`."`, `.»`, `؟)`);
//! * a dot between digits (`3.5`, `22.4.2017`) never ends a sentence;
//! * a dot after a single letter (`د.`, `م.`, `أ.ف.ب`, `U.S.`) or after a listed abbreviation
//!   (`data/abbreviations.txt`) never ends a sentence;
//! * a dot followed directly by a Latin letter (`cnn.com`) does not end a sentence, but one
//!   followed directly by an Arabic letter does (a missing space);
//! * an ellipsis (`...`, `…`) ends a sentence only at the end of a line;
//! * `،` and `؛` never end a sentence.
//!
//! ```
//! let t = "قال د. أحمد إن 3.5 مليون نزحوا.وأضاف: «انتهى الأمر». ونقلت أ.ف.ب الخبر";
//! let s: Vec<&str> = rasd_text::sentences::split(t).into_iter().map(|r| &t[r]).collect();
//! assert_eq!(s, ["قال د. أحمد إن 3.5 مليون نزحوا.", "وأضاف: «انتهى الأمر».", "ونقلت أ.ف.ب الخبر"]);
//! ```

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use crate::normalize::{fold_char, Layer};

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");

fn abbreviations() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        ABBREVIATIONS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold_word)
            .collect()
    })
}

fn fold_word(w: &str) -> String {
    w.chars()
        .filter_map(|c| fold_char(c, Layer::Matching))
        .filter(|&c| c != '.')
        .collect()
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '‼' | '⁉')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' | '›' | '“' | '﴿'
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

fn is_arabic_letter(c: char) -> bool {
    crate::tokenize::is_arabic_letter(c)
}

/// Splits `text` into sentences, returned as byte ranges into `text`, trimmed of surrounding
/// whitespace, never empty.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut start = 0usize; // byte offset of current sentence start
    let mut i = 0usize;
    while i < n {
        let (b, c) = chars[i];
        if c == '\n' || c == '\u{2029}' || c == '\u{2028}' {
            push(&mut out, text, start, b);
            start = b + c.len_utf8();
            i += 1;
            continue;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // The run of terminal characters.
        let mut j = i;
        while j < n && is_terminal(chars[j].1) {
            j += 1;
        }
        let run = &chars[i..j];
        let dots = run.iter().filter(|(_, c)| *c == '.').count();
        let is_ellipsis = run.iter().any(|(_, c)| *c == '…') || dots >= 2;
        let single_dot = run.len() == 1 && c == '.';
        // The closers after the run.
        let mut k = j;
        while k < n && is_closer(chars[k].1) {
            k += 1;
        }
        let next = chars.get(k).map(|x| x.1);
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let breaks = if is_ellipsis {
            next.is_none_or(|c| c == '\n' || c == '\r')
                || (next.is_some_and(char::is_whitespace) && line_ends_after(&chars, k))
        } else if single_dot {
            dot_breaks(text, &chars, i, prev, chars.get(j).map(|x| x.1))
        } else {
            true
        };
        if breaks {
            let end = chars.get(k).map_or(text.len(), |x| x.0);
            push(&mut out, text, start, end);
            start = end;
        }
        i = k.max(i + 1);
    }
    push(&mut out, text, start, text.len());
    out
}

/// True when only whitespace separates position `k` from the end of the line.
fn line_ends_after(chars: &[(usize, char)], k: usize) -> bool {
    for &(_, c) in &chars[k..] {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
    }
    true
}

fn dot_breaks(
    _text: &str,
    chars: &[(usize, char)],
    i: usize,
    prev: Option<char>,
    next: Option<char>,
) -> bool {
    // 3.5, 22.4.2017
    if prev.is_some_and(is_digit) && next.is_some_and(is_digit) {
        return false;
    }
    // cnn.com, U.S.A
    if next.is_some_and(|c| c.is_alphabetic() && !is_arabic_letter(c)) {
        return false;
    }
    // The word before the dot.
    let mut w = i;
    while w > 0 {
        let c = chars[w - 1].1;
        if c.is_alphanumeric()
            || crate::normalize::is_diacritic(c)
            || c == crate::normalize::TATWEEL
        {
            w -= 1;
        } else {
            break;
        }
    }
    let word: String = chars[w..i].iter().map(|x| x.1).collect();
    let letters = word
        .chars()
        .filter(|c| c.is_alphabetic() && !crate::normalize::is_diacritic(*c))
        .count();
    if letters == 1 && word.chars().all(|c| !is_digit(c)) {
        return false; // د. م. أ.ف.ب
    }
    // Dotted abbreviation chains: the char before the word is a dot after a single letter.
    if letters >= 1 && w >= 2 && chars[w - 1].1 == '.' {
        let before = chars[w - 2].1;
        if before.is_alphabetic() && (w < 3 || !chars[w - 3].1.is_alphabetic()) {
            return false;
        }
    }
    if !word.is_empty() && abbreviations().contains(&fold_word(&word)) {
        return false;
    }
    // Anything else after a dot: a break, including a missing space before an Arabic letter.
    true
}

fn push(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let s = &text[start..end];
    let trimmed_start = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        return;
    }
    let a = start + trimmed_start;
    out.push(a..a + t.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn arabic_question_mark_and_quotes() {
        assert_eq!(
            sents("هل يعود التنسيق؟ قال المصدر: \"لا أعرف.\" ثم غادر."),
            ["هل يعود التنسيق؟", "قال المصدر: \"لا أعرف.\"", "ثم غادر."]
        );
    }

    #[test]
    fn commas_and_semicolons_do_not_split() {
        assert_eq!(sents("جاء الوزير، وغادر السفير؛ ثم عاد").len(), 1);
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(
            sents("نما الاقتصاد 3.5 في المئة في 22.4.2017 وهذا جيد.").len(),
            1
        );
        assert_eq!(sents("في 22/4/2017 وقع الهجوم.").len(), 1);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(sents("قال د. محمد والمهندس م. علي إن الوضع هادئ.").len(), 1);
        assert_eq!(sents("ذكرت و.ا.س أن الوفد وصل.").len(), 1);
        assert_eq!(sents("نقلت أ.ف.ب عن مصدر أمني.").len(), 1);
        assert_eq!(sents("The U.S. Army left.").len(), 1);
        assert_eq!(sents("زار موقع cnn.com أمس.").len(), 1);
    }

    #[test]
    fn missing_space_after_full_stop() {
        assert_eq!(
            sents("انتهت المعركة.وقال القائد إنها حسمت."),
            ["انتهت المعركة.", "وقال القائد إنها حسمت."]
        );
    }

    #[test]
    fn lines_are_boundaries_and_ellipsis_mid_line_is_not() {
        assert_eq!(
            sents("العنوان بلا نقطة\nالسطر الثاني ... يكمل هنا.\n\n"),
            ["العنوان بلا نقطة", "السطر الثاني ... يكمل هنا."]
        );
    }

    #[test]
    fn guillemets_and_exclamation_runs() {
        assert_eq!(
            sents("قال: «هذا غير مقبول!» وأضاف أن الرد قادم؟! بالتأكيد."),
            ["قال: «هذا غير مقبول!»", "وأضاف أن الرد قادم؟!", "بالتأكيد."]
        );
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(split("").is_empty());
        assert!(split("  \n \n").is_empty());
    }
}
