//! A statistical named-entity tagger for rasd: an averaged structured perceptron over hashed
//! features, decoded with first-order Viterbi under BIO constraints, tagging PER / ORG / LOC /
//! MISC.
//!
//! The tagger works on the project's own tokens ([`rasd_text::tokenize::tokenize`]), so training
//! (corpus tokens re-tokenized and aligned, see [`data`]) and run time see the same units. Every
//! [`Span`] it returns is a byte range of the text it was given.
//!
//! ```no_run
//! use rasd_tagger::Tagger;
//! let tagger = Tagger::load("models/ner.bin").unwrap();
//! let text = "قال الرئيس محمد مرسي في القاهرة";
//! for span in tagger.tag(text) {
//!     println!("{:?} {}", span.label, &text[span.start..span.end]);
//! }
//! ```
//!
//! Module map: [`features`] (token atoms and hashed feature templates), [`model`] (weights,
//! file format, Viterbi), [`train`] (the perceptron trainer), [`data`] (corpus readers and
//! alignment), [`eval`] (conlleval-style span scoring).

pub mod data;
pub mod eval;
pub mod features;
pub mod model;
pub mod train;

use std::path::Path;
use std::sync::OnceLock;

use rasd_text::tokenize::{tokenize, Token, TokenKind};

pub use model::{Model, ModelError};

/// An entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Per,
    /// An organization.
    Org,
    /// A location (including countries and cities).
    Loc,
    /// Anything else with a name (events, products, nationalities in some corpora).
    Misc,
}

impl Label {
    /// All labels, in index order.
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    /// The conventional short name (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    /// Parses a type name as corpora write it (`PER`, `PERS`, `ORG`, `LOC`, `MISC`, `MIS1`…).
    pub fn parse(s: &str) -> Option<Label> {
        let s = s.trim_matches(|c: char| c == '-' || c == '`' || c.is_whitespace());
        match s {
            "PER" | "PERS" | "PERSON" => Some(Label::Per),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(Label::Org),
            "LOC" | "LOCATION" | "GPE" => Some(Label::Loc),
            _ if s.starts_with("MIS") => Some(Label::Misc),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A BIO tag of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(Label),
    /// A later token of an entity.
    I(Label),
}

/// Number of distinct tags (O plus B/I for four labels).
pub const N_TAGS: usize = 9;

impl Tag {
    /// Dense index: O = 0, B-x = 1 + 2x, I-x = 2 + 2x.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(l) => 1 + 2 * l.index(),
            Tag::I(l) => 2 + 2 * l.index(),
        }
    }

    /// The tag with dense index `i` (`i < N_TAGS`).
    pub fn from_index(i: usize) -> Tag {
        match i {
            0 => Tag::O,
            i if i < N_TAGS => {
                let l = Label::ALL[(i - 1) / 2];
                if i % 2 == 1 {
                    Tag::B(l)
                } else {
                    Tag::I(l)
                }
            }
            _ => panic!("tag index out of range: {i}"),
        }
    }

    /// The label, unless O.
    pub fn label(self) -> Option<Label> {
        match self {
            Tag::O => None,
            Tag::B(l) | Tag::I(l) => Some(l),
        }
    }

    /// Parses `O`, `B-PER`, `I-PERS`, `B-MIS1`…; unknown types become O.
    pub fn parse(s: &str) -> Tag {
        let s = s.trim();
        let (bi, rest) = match s.split_once('-') {
            Some((a, b)) => (a, b),
            None => return Tag::O,
        };
        match (bi, Label::parse(rest)) {
            ("B", Some(l)) => Tag::B(l),
            ("I", Some(l)) => Tag::I(l),
            _ => Tag::O,
        }
    }

    /// `O`, `B-PER`, …
    pub fn to_conll(self) -> String {
        match self {
            Tag::O => "O".to_string(),
            Tag::B(l) => format!("B-{}", l.as_str()),
            Tag::I(l) => format!("I-{}", l.as_str()),
        }
    }
}

/// An entity mention: a byte range of the tagged text and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The entity type.
    pub label: Label,
}

/// Chunks per-token tags into `(first, last_exclusive, label)` token ranges, conlleval-style:
/// an `I-x` that does not continue an `x` chunk starts a new one.
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match t {
            Tag::O => {
                if let Some((s, l)) = cur.take() {
                    out.push((s, i, l));
                }
            }
            Tag::B(l) => {
                if let Some((s, pl)) = cur.take() {
                    out.push((s, i, pl));
                }
                cur = Some((i, l));
            }
            Tag::I(l) => match cur {
                Some((_, pl)) if pl == l => {}
                _ => {
                    if let Some((s, pl)) = cur.take() {
                        out.push((s, i, pl));
                    }
                    cur = Some((i, l));
                }
            },
        }
    }
    if let Some((s, l)) = cur {
        out.push((s, tags.len(), l));
    }
    out
}

/// Turns per-token tags into spans with the tokens' byte offsets.
pub fn spans_from_tags(tokens: &[Token], tags: &[Tag]) -> Vec<Span> {
    chunks(tags)
        .into_iter()
        .map(|(s, e, label)| Span {
            start: tokens[s].start,
            end: tokens[e - 1].end,
            label,
        })
        .collect()
}

/// The statistical tagger: a loaded [`Model`].
pub struct Tagger {
    model: Model,
}

impl Tagger {
    /// Loads a model file (written by [`Model::to_bytes`]).
    pub fn load(path: impl AsRef<Path>) -> Result<Tagger, ModelError> {
        let bytes = std::fs::read(path.as_ref()).map_err(ModelError::Io)?;
        Tagger::from_bytes(&bytes)
    }

    /// Reads a model from its serialized bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger {
            model: Model::from_bytes(bytes)?,
        })
    }

    /// Wraps an in-memory model.
    pub fn from_model(model: Model) -> Tagger {
        Tagger { model }
    }

    /// The model compiled into the crate (`models/ner.bin` at build time), loaded once; `None`
    /// when the crate was built without the file or the file does not parse.
    pub fn embedded() -> Option<&'static Tagger> {
        #[cfg(rasd_tagger_embedded)]
        {
            static BYTES: &[u8] = include_bytes!(env!("RASD_TAGGER_MODEL"));
            static T: OnceLock<Option<Tagger>> = OnceLock::new();
            T.get_or_init(|| Tagger::from_bytes(BYTES).ok()).as_ref()
        }
        #[cfg(not(rasd_tagger_embedded))]
        {
            static T: OnceLock<Option<Tagger>> = OnceLock::new();
            T.get_or_init(|| None).as_ref()
        }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Finds entities in `text`; spans are byte ranges of `text`, in order, not overlapping.
    pub fn tag(&self, text: &str) -> Vec<Span> {
        let tokens = tokenize(text);
        let tags = self.tag_tokens(text, &tokens);
        spans_from_tags(&tokens, &tags)
    }

    /// Tags tokens of `text` (as produced by [`rasd_text::tokenize::tokenize`]). The tokens are
    /// cut into sentences (after `.`, `!`, `?`, `؟` and at line breaks) and each sentence is
    /// decoded on its own, as in training.
    pub fn tag_tokens(&self, text: &str, tokens: &[Token]) -> Vec<Tag> {
        let mut out = Vec::with_capacity(tokens.len());
        let mut scratch = model::Scratch::default();
        let mut start = 0;
        for i in 0..tokens.len() {
            let end_here = i + 1 == tokens.len()
                || is_sentence_end(text, &tokens[i])
                || text[tokens[i].end..tokens[i + 1].start].contains('\n');
            if end_here {
                let sent = &tokens[start..=i];
                self.model
                    .tag_sentence(text, sent, &mut scratch, &mut |t| out.push(t));
                start = i + 1;
            }
        }
        out
    }
}

fn is_sentence_end(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct
        && matches!(
            &text[t.start..t.end],
            "." | "!" | "?" | "؟" | "..." | "…" | "!!" | "؟!"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_index_round_trip() {
        for i in 0..N_TAGS {
            assert_eq!(Tag::from_index(i).index(), i);
        }
        assert_eq!(Tag::parse("B-PERS"), Tag::B(Label::Per));
        assert_eq!(Tag::parse("I-MIS1"), Tag::I(Label::Misc));
        assert_eq!(Tag::parse("B-ENGLISH"), Tag::O);
        assert_eq!(Tag::parse("O"), Tag::O);
        assert_eq!(Tag::parse("I--ORG"), Tag::I(Label::Org));
    }

    #[test]
    fn chunks_conlleval_style() {
        use Label::*;
        let tags = [
            Tag::B(Per),
            Tag::I(Per),
            Tag::O,
            Tag::I(Loc),
            Tag::B(Loc),
            Tag::I(Org),
        ];
        assert_eq!(
            chunks(&tags),
            vec![(0, 2, Per), (3, 4, Loc), (4, 5, Loc), (5, 6, Org)]
        );
    }

    #[test]
    fn spans_slice_original_text() {
        // Diacritics and a kashida-marked proclitic: spans must slice the original bytes.
        let text = "قالَ لـ\"داعش\" إنّ مُحَمَّد مرسي زار القاهرة.";
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let mut tags = vec![Tag::O; tokens.len()];
        let find = |w: &str| words.iter().position(|x| *x == w).unwrap();
        tags[find("داعش")] = Tag::B(Label::Org);
        tags[find("مُحَمَّد")] = Tag::B(Label::Per);
        tags[find("مرسي")] = Tag::I(Label::Per);
        tags[find("القاهرة")] = Tag::B(Label::Loc);
        let spans = spans_from_tags(&tokens, &tags);
        let got: Vec<(&str, Label)> = spans
            .iter()
            .map(|s| (&text[s.start..s.end], s.label))
            .collect();
        assert_eq!(
            got,
            vec![
                ("داعش", Label::Org),
                ("مُحَمَّد مرسي", Label::Per),
                ("القاهرة", Label::Loc)
            ]
        );
    }

    #[test]
    fn embedded_model_spans_slice_the_text() {
        let Some(tagger) = Tagger::embedded() else {
            eprintln!("no embedded model; skipped");
            return;
        };
        let text = "وقالَ الرئيسُ الأمريكي باراك أوباما في واشنطن\nإن «داعش» يهدد العراق.\u{200f}";
        let spans = tagger.tag(text);
        assert!(!spans.is_empty());
        let mut last = 0;
        for s in &spans {
            assert!(s.start >= last && s.start < s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let slice = &text[s.start..s.end];
            assert_eq!(slice.trim(), slice);
            last = s.end;
        }
        // One tag per token, whatever the input.
        for t in ["", " ", "...", "a b c", "١٢٣ — ؟!"] {
            let toks = tokenize(t);
            assert_eq!(tagger.tag_tokens(t, &toks).len(), toks.len());
        }
    }
}
