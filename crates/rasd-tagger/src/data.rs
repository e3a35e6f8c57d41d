//! Training data: readers for the NER corpora in `../shared/data` and the alignment of their
//! whitespace tokens to rasd tokens.
//!
//! - ANERcorp (`anercorp/ANERCorp_CamelLab_train.txt`) and AQMAR (`aqmar/ar_aqmar.*.bio`):
//!   `token LABEL` per line, blank line between sentences; ANERcorp writes `PERS`.
//! - WikiFANE (`fane/WikiFANE_Gold_2014_500K.txt`): tab separated, a `\t` line between
//!   sentences, tokens prefixed with U+200E, the conjunction `و` and pronoun suffixes split off
//!   (they are glued back here so the text looks like news text), 50 fine classes mapped to the
//!   four coarse ones by [`fane_label`].
//!
//! A corpus sentence becomes text by joining its tokens with spaces; rasd's tokenizer then
//! splits it, and every rasd token takes the label of the corpus token it lies in (`B` only on
//! the first rasd token of a `B` corpus token).

use std::io;
use std::ops::Range;
use std::path::Path;

use rasd_text::tokenize::{tokenize, Token};

use crate::{Label, Tag};

/// One sentence of a corpus: its tokens and their tags.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusSentence {
    /// Tokens as the corpus writes them.
    pub tokens: Vec<String>,
    /// One tag per token.
    pub tags: Vec<Tag>,
}

/// Parses `token LABEL` lines (label after the last whitespace), blank lines between sentences.
pub fn parse_conll(text: &str) -> Vec<CorpusSentence> {
    parse_with(text, Tag::parse)
}

fn parse_with(text: &str, map: impl Fn(&str) -> Tag) -> Vec<CorpusSentence> {
    let mut out = Vec::new();
    let mut cur = CorpusSentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let clean: String = line.chars().filter(|&c| !is_junk(c)).collect();
        let trimmed = clean.trim();
        let split = trimmed.rsplit_once([' ', '\t']);
        match split {
            Some((tok, label)) if !tok.trim().is_empty() => {
                cur.tokens.push(tok.trim().to_string());
                cur.tags.push(map(label.trim()));
            }
            _ => {
                if !cur.tokens.is_empty() {
                    out.push(std::mem::replace(
                        &mut cur,
                        CorpusSentence {
                            tokens: Vec::new(),
                            tags: Vec::new(),
                        },
                    ));
                }
            }
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

fn is_junk(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}'
    )
}

/// Reads a `token LABEL` file.
pub fn read_conll(path: impl AsRef<Path>) -> io::Result<Vec<CorpusSentence>> {
    Ok(parse_conll(&std::fs::read_to_string(path)?))
}

/// Maps a WikiFANE fine class (`B-Politician`) to a coarse tag.
pub fn fane_label(raw: &str) -> Tag {
    let Some((bi, class)) = raw.trim().split_once('-') else {
        return Tag::O;
    };
    let label = match class {
        "Politician" | "Religious_PER" | "Artist" | "Other_PER" | "Scientist" | "Athlete"
        | "Businessperson" | "Engineer" | "Lawyer" | "Police" => Label::Per,
        "Commercial" | "Non-Governmental" | "Government" | "Educational" | "Media" | "Sports"
        | "Religious_ORG" | "Entertainment" | "Medical-Science" => Label::Org,
        "Population-Center"
        | "Nation"
        | "Water-Body"
        | "State-or-Province"
        | "Celestial"
        | "Land-Region-Natural"
        | "Continent"
        | "GPE-Cluster"
        | "County-or-District"
        | "Building-Grounds"
        | "Airport"
        | "Path"
        | "Subarea-Facility" => Label::Loc,
        _ => Label::Misc,
    };
    match bi {
        "B" => Tag::B(label),
        "I" => Tag::I(label),
        _ => Tag::O,
    }
}

const FANE_SUFFIXES: &[&str] = &[
    "ه", "ها", "هم", "هما", "هن", "نا", "كم", "كما", "كن", "ي", "ني", "ك",
];

/// Reads WikiFANE, gluing split clitics back and mapping classes with [`fane_label`].
pub fn read_fane(path: impl AsRef<Path>) -> io::Result<Vec<CorpusSentence>> {
    let raw = parse_with(&std::fs::read_to_string(path)?, fane_label);
    Ok(raw.into_iter().map(glue_fane).collect())
}

fn glue_fane(s: CorpusSentence) -> CorpusSentence {
    let mut tokens: Vec<String> = Vec::with_capacity(s.tokens.len());
    let mut tags: Vec<Tag> = Vec::with_capacity(s.tags.len());
    let mut pending_conj: Option<String> = None;
    for (tok, tag) in s.tokens.into_iter().zip(s.tags) {
        if (tok == "و" || tok == "ف") && tag == Tag::O {
            pending_conj = Some(tok);
            continue;
        }
        if tag == Tag::O
            && FANE_SUFFIXES.contains(&tok.as_str())
            && pending_conj.is_none()
            && tokens.last().is_some_and(|p| {
                p.chars()
                    .last()
                    .is_some_and(rasd_text::tokenize::is_arabic_letter)
            })
        {
            let prev = tokens.last_mut().expect("checked");
            if prev.ends_with('ة') {
                prev.pop();
                prev.push('ت');
            } else if prev.ends_with('ى') {
                prev.pop();
                prev.push('ي');
            }
            prev.push_str(&tok);
            continue;
        }
        let tok = match pending_conj.take() {
            Some(c) => c + &tok,
            None => tok,
        };
        tokens.push(tok);
        tags.push(tag);
    }
    if let Some(c) = pending_conj {
        tokens.push(c);
        tags.push(Tag::O);
    }
    CorpusSentence { tokens, tags }
}

/// A corpus sentence re-tokenized with rasd's tokenizer.
#[derive(Debug, Clone)]
pub struct Aligned {
    /// The corpus tokens joined with single spaces.
    pub text: String,
    /// Byte range of each corpus token in `text`.
    pub corpus_ranges: Vec<Range<usize>>,
    /// The corpus tags (BIO repaired).
    pub corpus_tags: Vec<Tag>,
    /// rasd tokens of `text`.
    pub tokens: Vec<Token>,
    /// For each rasd token, the corpus token it lies in.
    pub tok2corpus: Vec<usize>,
    /// Gold tag of each rasd token.
    pub gold: Vec<Tag>,
}

/// Turns an `I-x` that does not continue an `x` into `B-x`.
pub fn repair_bio(tags: &mut [Tag]) {
    let mut prev = Tag::O;
    for t in tags.iter_mut() {
        if let Tag::I(l) = *t {
            if prev.label() != Some(l) {
                *t = Tag::B(l);
            }
        }
        prev = *t;
    }
}

/// Aligns a corpus sentence to rasd tokens.
pub fn align(s: &CorpusSentence) -> Aligned {
    let mut text = String::new();
    let mut corpus_ranges = Vec::with_capacity(s.tokens.len());
    for (i, t) in s.tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(t);
        corpus_ranges.push(start..text.len());
    }
    let mut corpus_tags = s.tags.clone();
    repair_bio(&mut corpus_tags);
    let tokens = tokenize(&text);
    let mut tok2corpus = Vec::with_capacity(tokens.len());
    let mut gold = Vec::with_capacity(tokens.len());
    let mut c = 0usize;
    let mut last_c = usize::MAX;
    for tok in &tokens {
        while c + 1 < corpus_ranges.len() && corpus_ranges[c].end <= tok.start {
            c += 1;
        }
        tok2corpus.push(c);
        let tag = match corpus_tags[c] {
            Tag::B(l) if last_c == c => Tag::I(l),
            t => t,
        };
        gold.push(tag);
        last_c = c;
    }
    repair_bio(&mut gold);
    Aligned {
        text,
        corpus_ranges,
        corpus_tags,
        tokens,
        tok2corpus,
        gold,
    }
}

/// Projects tags of rasd tokens onto corpus tokens: predicted entity chunks over rasd tokens
/// become chunks over the corpus tokens they touch. Returns corpus-token chunks
/// `(first, last_exclusive, label)`.
pub fn project_chunks(a: &Aligned, tags: &[Tag]) -> Vec<(usize, usize, Label)> {
    crate::chunks(tags)
        .into_iter()
        .map(|(s, e, l)| (a.tok2corpus[s], a.tok2corpus[e - 1] + 1, l))
        .collect()
}

/// The ANERcorp / AQMAR files under a data directory.
pub struct Corpora {
    /// ANERcorp train minus its last 10 % of sentences.
    pub anercorp_train: Vec<CorpusSentence>,
    /// The last 10 % of ANERcorp train (dev).
    pub anercorp_dev: Vec<CorpusSentence>,
    /// AQMAR train.
    pub aqmar_train: Vec<CorpusSentence>,
    /// AQMAR dev.
    pub aqmar_dev: Vec<CorpusSentence>,
}

/// Reads ANERcorp and AQMAR from `data` (the `../shared/data` folder) and splits off the dev
/// tail of ANERcorp.
pub fn read_corpora(data: &Path) -> io::Result<Corpora> {
    let mut aner = read_conll(data.join("anercorp/ANERCorp_CamelLab_train.txt"))?;
    let cut = aner.len() - aner.len() / 10;
    let anercorp_dev = aner.split_off(cut);
    Ok(Corpora {
        anercorp_train: aner,
        anercorp_dev,
        aqmar_train: read_conll(data.join("aqmar/ar_aqmar.train.bio"))?,
        aqmar_dev: read_conll(data.join("aqmar/ar_aqmar.dev.bio"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_align_splits_glued_tokens() {
        let conll = "أعلن O\nاتحاد B-ORG\nلـ\"داعش\" B-ORG\nفي O\n\nمحمد B-PERS\nمرسي I-PERS\n";
        let sents = parse_conll(conll);
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[1].tags, vec![Tag::B(Label::Per), Tag::I(Label::Per)]);
        let a = align(&sents[0]);
        let words: Vec<&str> = a.tokens.iter().map(|t| t.text(&a.text)).collect();
        assert_eq!(words, ["أعلن", "اتحاد", "لـ", "\"", "داعش", "\"", "في"]);
        use Label::Org;
        assert_eq!(
            a.gold,
            vec![
                Tag::O,
                Tag::B(Org),
                Tag::B(Org),
                Tag::I(Org),
                Tag::I(Org),
                Tag::I(Org),
                Tag::O
            ]
        );
        assert_eq!(a.tok2corpus, vec![0, 1, 2, 2, 2, 2, 3]);
        // Projection back to corpus tokens gives the corpus chunks.
        assert_eq!(project_chunks(&a, &a.gold), crate::chunks(&a.corpus_tags));
    }

    #[test]
    fn repair_turns_stray_i_into_b() {
        let mut t = vec![
            Tag::O,
            Tag::I(Label::Loc),
            Tag::I(Label::Loc),
            Tag::I(Label::Per),
        ];
        repair_bio(&mut t);
        assert_eq!(
            t,
            vec![
                Tag::O,
                Tag::B(Label::Loc),
                Tag::I(Label::Loc),
                Tag::B(Label::Per)
            ]
        );
    }

    #[test]
    fn fane_glues_clitics() {
        let raw = "\u{200e}و\tO\n\u{200e}عاصمة\tO\n\u{200e}ها\tO\n\u{200e}جوبا\tB-Population-Center\n\t\n";
        let s = parse_with(raw, fane_label);
        let g = glue_fane(s[0].clone());
        assert_eq!(g.tokens, ["وعاصمتها", "جوبا"]);
        assert_eq!(g.tags, vec![Tag::O, Tag::B(Label::Loc)]);
    }

    #[test]
    fn real_corpora_if_present() {
        let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
        if !data.join("anercorp").is_dir() {
            eprintln!("../shared/data missing; skipped");
            return;
        }
        let c = read_corpora(data).unwrap();
        assert!(c.anercorp_train.len() > 3000 && c.anercorp_dev.len() > 300);
        // Alignment never loses an entity chunk.
        for s in c.anercorp_dev.iter().chain(&c.aqmar_dev) {
            let a = align(s);
            assert_eq!(project_chunks(&a, &a.gold), crate::chunks(&a.corpus_tags));
        }
    }
}
