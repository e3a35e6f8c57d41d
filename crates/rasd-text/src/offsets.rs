//! Byte offsets ↔ Unicode-scalar (char) offsets.
//!
//! Rust works in UTF-8 bytes; the output contract counts Unicode scalar values (Python `str`
//! indices). [`CharIndex`] converts in O(1) after an O(n) build.

/// A byte → char offset table for one text.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `table[b]` is the char index of the char containing byte `b`; `table[len]` is the char count.
    table: Vec<u32>,
}

impl CharIndex {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> Self {
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut ci = 0u32;
        for c in text.chars() {
            for _ in 0..c.len_utf8() {
                table.push(ci);
            }
            ci += 1;
        }
        table.push(ci);
        CharIndex { table }
    }

    /// The char offset of byte offset `b` (clamped to the text length).
    pub fn char_of(&self, b: usize) -> usize {
        self.table[b.min(self.table.len() - 1)] as usize
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        *self.table.last().unwrap_or(&0) as usize
    }
}

/// Converts a char offset to a byte offset in `text` (clamped).
pub fn byte_of_char(text: &str, char_offset: usize) -> usize {
    text.char_indices()
        .nth(char_offset)
        .map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let t = "داعش ISIS ﻻ";
        let ci = CharIndex::new(t);
        for (n, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ci.char_of(b), n);
            assert_eq!(byte_of_char(t, n), b);
        }
        assert_eq!(ci.char_len(), t.chars().count());
        assert_eq!(ci.char_of(t.len()), t.chars().count());
    }
}
