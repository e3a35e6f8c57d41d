//! Clitic-aware dictionary matching of names in Arabic text.
//!
//! Both names and text are turned into a sequence of *match keys*, one per token: the word
//! without its conjunction/preposition proclitics (the article stays: `وبالعراق` → `العراق`,
//! `للقاعدة` → `القاعدة`, `لـ"داعش"` → `داعش`), folded with the Matching layer (`ة`→`ه`,
//! `ى`→`ي`, hamza forms, diacritics). Quotes and guillemets are transparent, so `جبهة "فتح الشام"`
//! matches `جبهة فتح الشام`; other punctuation breaks a name. The keys are joined with spaces
//! and a double-array Aho–Corasick automaton (`daachorse`) finds every pattern that starts and
//! ends on token boundaries; the longest leftmost ones win.

use std::ops::Range;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use rasd_text::clitics::segment;
use rasd_text::normalize::{normalize_str, Layer};
use rasd_text::tokenize::{is_quote, tokenize_into, Token, TokenKind};

/// One token's match key and the original byte range it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Byte range in the original text (proclitics excluded).
    pub range: Range<usize>,
    /// Byte range of the whole token (proclitics included).
    pub token: Range<usize>,
    /// The folded key; `None` marks a boundary (punctuation that breaks names).
    pub key: Option<String>,
}

/// Words that are names in their own right and must not be segmented (`بابل` is not `ب+ابل`,
/// `كابل` is not `ك+ابل`): the Matching-folded words of the knowledge base's names.
pub type Protected = rustc_hash::FxHashSet<String>;

/// The match key of one Arabic or Latin word, and the byte range (within the word) it covers.
pub fn word_key(word: &str) -> (Range<usize>, String) {
    word_key_with(word, None)
}

/// [`word_key`], keeping protected words whole (after an optional conjunction `و`/`ف`).
pub fn word_key_with(word: &str, protect: Option<&Protected>) -> (Range<usize>, String) {
    if let Some(p) = protect {
        let whole = normalize_str(word, Layer::Matching);
        if p.contains(&whole) {
            return (0..word.len(), whole);
        }
        let mut it = word.char_indices();
        if let Some((_, c0)) = it.next() {
            if matches!(c0, 'و' | 'ف') {
                let rest_start = word[c0.len_utf8()..]
                    .char_indices()
                    .find(|(_, c)| {
                        !rasd_text::normalize::is_diacritic(*c)
                            && *c != rasd_text::normalize::TATWEEL
                    })
                    .map_or(word.len(), |(i, _)| c0.len_utf8() + i);
                let rest = normalize_str(&word[rest_start..], Layer::Matching);
                if rest.chars().count() >= 3 && p.contains(&rest) {
                    return (rest_start..word.len(), rest);
                }
            }
        }
    }
    let seg = segment(word);
    let pro = seg.proclitics();
    let mut start = seg.stem().start;
    let mut key = String::with_capacity(word.len());
    if let Some(art) = pro.iter().find(|c| c.form == "ال") {
        start = art.start as usize;
        key.push_str("ال");
    }
    key.push_str(&normalize_str(&word[seg.stem().start..], Layer::Matching));
    (start..word.len(), key)
}

/// Match keys of a text, in order.
pub fn keys(text: &str) -> Vec<Key> {
    keys_with(text, None)
}

/// [`keys`] with protected name words (see [`word_key_with`]).
pub fn keys_with(text: &str, protect: Option<&Protected>) -> Vec<Key> {
    let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 6);
    tokenize_into(text, &mut toks);
    let mut out = Vec::with_capacity(toks.len());
    for t in &toks {
        let s = t.text(text);
        match t.kind {
            TokenKind::Arabic => {
                let (r, k) = word_key_with(s, protect);
                out.push(Key {
                    range: t.start + r.start..t.start + r.end,
                    token: t.start..t.end,
                    key: Some(k),
                });
            }
            TokenKind::Latin | TokenKind::Number => {
                out.push(Key {
                    range: t.start..t.end,
                    token: t.start..t.end,
                    key: Some(normalize_str(s, Layer::Matching)),
                });
            }
            TokenKind::Proclitic => {
                // `وال"القاعدة"`: the article glued before the quote belongs to the name.
            }
            TokenKind::Punct
                if s.chars()
                    .all(|c| is_quote(c) || matches!(c, ')' | ']' | '-' | '–')) => {}
            _ => out.push(Key {
                range: t.start..t.end,
                token: t.start..t.end,
                key: None,
            }),
        }
    }
    out
}

/// The key string of a name (pattern side).
pub fn name_key(name: &str) -> String {
    name_key_with(name, None)
}

/// [`name_key`] with protected name words.
pub fn name_key_with(name: &str, protect: Option<&Protected>) -> String {
    keys_with(name, protect)
        .into_iter()
        .filter_map(|k| k.key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A dictionary of patterns (`name_key`s) with values.
pub struct Matcher {
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// For every pattern id, the values it stands for.
    values: Vec<Vec<u32>>,
}

/// One match: token index range and the pattern id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// Index of the first key and one past the last.
    pub keys: Range<usize>,
    /// The pattern's values.
    pub pattern: u32,
}

impl Matcher {
    /// Builds a matcher from `(key, value)` pairs. Keys are `name_key`s; duplicates merge.
    pub fn build(pairs: impl IntoIterator<Item = (String, u32)>) -> Matcher {
        let mut index: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut values: Vec<Vec<u32>> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        for (k, v) in pairs {
            if k.trim().is_empty() {
                continue;
            }
            let id = *index.entry(k.clone()).or_insert_with(|| {
                patterns.push(format!(" {k} "));
                values.push(Vec::new());
                (patterns.len() - 1) as u32
            });
            let vs = &mut values[id as usize];
            if !vs.contains(&v) {
                vs.push(v);
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build_with_values(
                    patterns
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (p.as_str(), i as u32)),
                )
                .ok()
        };
        Matcher { automaton, values }
    }

    /// The values of pattern `id`.
    pub fn values(&self, id: u32) -> &[u32] {
        &self.values[id as usize]
    }

    /// Number of distinct patterns.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Finds the longest, leftmost, non-overlapping matches over `keys`.
    pub fn find(&self, keys: &[Key]) -> Vec<Match> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        // Haystack " k1 k2 | k3 " with the char offset where every key starts.
        let mut hay = String::with_capacity(keys.len() * 8 + 2);
        let mut starts: Vec<usize> = Vec::with_capacity(keys.len() + 1);
        hay.push(' ');
        for k in keys {
            starts.push(hay.len());
            match &k.key {
                Some(s) => hay.push_str(s),
                None => hay.push('|'),
            }
            hay.push(' ');
        }
        starts.push(hay.len());
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        for m in ac.find_overlapping_iter(&hay) {
            // m.start() is the leading space; the first key starts right after it.
            let first = starts.partition_point(|&s| s < m.start() + 1);
            let last = starts.partition_point(|&s| s < m.end());
            if first < last && last <= keys.len() {
                found.push((first, last, m.value()));
            }
        }
        // Longest first at each start, then greedy left to right.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut next_free = 0;
        for (a, b, v) in found {
            if a < next_free {
                continue;
            }
            out.push(Match {
                range: keys[a].range.start..keys[b - 1].range.end,
                keys: a..b,
                pattern: v,
            });
            next_free = b;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(names: &[&str]) -> Matcher {
        Matcher::build(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (name_key(n), i as u32)),
        )
    }

    fn found<'a>(m: &Matcher, text: &'a str) -> Vec<&'a str> {
        m.find(&keys(text))
            .into_iter()
            .map(|x| &text[x.range])
            .collect()
    }

    #[test]
    fn clitics_quotes_and_boundaries() {
        let m = matcher(&[
            "داعش",
            "القاعدة",
            "العراق",
            "جبهة فتح الشام",
            "الولايات المتحدة",
            "ليبيا",
        ]);
        assert_eq!(found(&m, "وبالعراق"), ["العراق"]);
        assert_eq!(
            found(&m, "قال لـ\"داعش\" وال\"القاعدة\""),
            ["داعش", "القاعدة"]
        );
        assert_eq!(found(&m, "للقاعدة"), ["لقاعدة"]);
        assert_eq!(found(&m, "جبهة \"فتح الشام\""), ["جبهة \"فتح الشام"]);
        assert_eq!(found(&m, "والولايات المتحدة"), ["الولايات المتحدة"]);
        // Never inside a longer word; punctuation breaks a name.
        assert!(found(&m, "الليبيين").is_empty());
        assert!(found(&m, "جبهة، فتح الشام").is_empty());
    }

    #[test]
    fn longest_match_wins() {
        let m = matcher(&["الجيش العراقي", "العراقي", "الجيش"]);
        assert_eq!(found(&m, "قوات الجيش العراقى"), ["الجيش العراقى"]);
    }
}
