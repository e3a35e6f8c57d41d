//! Linking: from name matches in a document to knowledge-base records.
//!
//! A name that can mean several records (`طرابلس`: Tripoli, Libya or Lebanon) is resolved by
//! the document: the countries of the unambiguous mentions vote, names in use at the
//! publication date beat names that were not (`جبهة فتح الشام` only in 2016–17), canonical
//! names beat aliases, and countries beat provinces beat cities when nothing else decides.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::{matcher, Kb, NameKind};

/// One linked entity of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Linked {
    /// Index of the record in the KB.
    pub record: u32,
    /// Byte ranges of its mentions, in text order.
    pub mentions: Vec<Range<usize>>,
    /// Key index ranges of its mentions (see [`matcher::keys`]).
    pub keys: Vec<Range<usize>>,
    /// True when every mention is a nationality adjective.
    pub only_demonyms: bool,
}

/// Links every name of the knowledge base found in `text`. `published` (ISO date) dates the
/// document; `skip` says which byte ranges are not body text (page furniture).
pub fn link(
    kb: &Kb,
    text: &str,
    published: Option<&str>,
    skip: impl Fn(&Range<usize>) -> bool,
) -> Vec<Linked> {
    link_keys(kb, &kb.keys(text), published, skip)
}

/// [`link`] over match keys already computed with [`matcher::keys`].
pub fn link_keys(
    kb: &Kb,
    keys: &[matcher::Key],
    published: Option<&str>,
    skip: impl Fn(&Range<usize>) -> bool,
) -> Vec<Linked> {
    let matches: Vec<_> = kb
        .matcher()
        .find(keys)
        .into_iter()
        .filter(|m| !skip(&m.range))
        .collect();
    // Candidates per match, one per record.
    let cands: Vec<Vec<(u32, NameKind)>> = matches
        .iter()
        .map(|m| {
            let mut v: Vec<(u32, NameKind)> = Vec::new();
            for &t in kb.matcher().values(m.pattern) {
                let t = kb.target(t);
                if let Some(e) = v.iter_mut().find(|(r, _)| *r == t.record) {
                    if matches!(t.how, NameKind::Canonical) {
                        e.1 = t.how;
                    }
                } else {
                    v.push((t.record, t.how));
                }
            }
            v
        })
        .collect();
    // Context: countries of unambiguous mentions.
    let mut countries: FxHashMap<&str, f64> = FxHashMap::default();
    for c in cands.iter().filter(|c| c.len() == 1) {
        let r = kb.record(c[0].0);
        if let Some(cc) = &r.country {
            *countries.entry(cc.as_str()).or_default() +=
                if r.kind == "country" { 2.0 } else { 1.0 };
        }
    }
    let mut out: Vec<Linked> = Vec::new();
    let mut index: FxHashMap<u32, usize> = FxHashMap::default();
    for (m, c) in matches.iter().zip(&cands) {
        let best = c
            .iter()
            .map(|&(r, how)| (score(kb, r, how, published, &countries), r, how))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let Some((_, r, how)) = best else { continue };
        let demonym = matches!(how, NameKind::Demonym);
        match index.get(&r) {
            Some(&i) => {
                out[i].mentions.push(m.range.clone());
                out[i].keys.push(m.keys.clone());
                out[i].only_demonyms &= demonym;
            }
            None => {
                index.insert(r, out.len());
                out.push(Linked {
                    record: r,
                    mentions: vec![m.range.clone()],
                    keys: vec![m.keys.clone()],
                    only_demonyms: demonym,
                });
            }
        }
    }
    out
}

fn score(
    kb: &Kb,
    r: u32,
    how: NameKind,
    published: Option<&str>,
    countries: &FxHashMap<&str, f64>,
) -> f64 {
    let rec = kb.record(r);
    let mut s = 0.0;
    if let Some(cc) = &rec.country {
        s += 3.0 * countries.get(cc.as_str()).copied().unwrap_or(0.0).min(5.0) / 5.0;
    }
    if let Some(date) = published {
        if let NameKind::Alias(i) = how {
            let p = &rec.aliases[i as usize].valid;
            if !p.is_open() {
                s += if p.contains(date) { 1.0 } else { -1.0 };
            }
        }
        if !rec.valid.is_open() && !rec.valid.contains(date) {
            s -= 1.0;
        }
    }
    if matches!(how, NameKind::Canonical) {
        s += 0.5;
    }
    if let Some(p) = rec.population {
        s += 0.15 * (p.max(1) as f64).log10();
    }
    s += match rec.kind.as_str() {
        "country" => 0.4,
        "capital" | "city" => 0.3,
        "province" => 0.2,
        _ => 0.0,
    };
    s
}
