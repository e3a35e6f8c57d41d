//! Document entities: knowledge-base links merged with the names the knowledge base does not
//! know.
//!
//! The first model here is rule-based (the statistical tagger of issue 5 will sit behind the
//! same [`entities`] function):
//!
//! * **Persons by given name.** A word that begins person names in the annotated corpora
//!   (`data/lexicons/given_names.tsv`: `محمد`, `فواز`, `أبو`) starts a name; it continues over
//!   further given names, `ال`-words that are not frequent common words, and one rare word
//!   (`علاوي`), up to four words, and stops at punctuation, function words and the words of
//!   `data/lexicons/name_stops.txt`. A name needs two words.
//! * **In-document aliases.** `X، المعروف [في …] بـ"Y"`, `الملقب`, `المكنى`, `الشهير`: Y is
//!   another name of X.
//! * **Partial mentions.** After a person's full name, its last word alone (`النص`, `حفتر`)
//!   refers to that person.

pub mod translit;

use std::ops::Range;
use std::sync::OnceLock;

use rasd_kb::matcher::Key;
use rasd_kb::{EntityType, Kb};
use rasd_text::normalize::{normalize_str, Layer};
use rustc_hash::{FxHashMap, FxHashSet};

const GIVEN_NAMES: &str = include_str!("../../../data/lexicons/given_names.tsv");
const NAME_STOPS: &str = include_str!("../../../data/lexicons/name_stops.txt");

struct Lexicons {
    given: FxHashSet<String>,
    stops: FxHashSet<String>,
}

fn lexicons() -> &'static Lexicons {
    static L: OnceLock<Lexicons> = OnceLock::new();
    L.get_or_init(|| {
        let fold = |s: &str| normalize_str(s.trim(), Layer::Matching);
        let given = GIVEN_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        let stops = NAME_STOPS
            .lines()
            .map(|l| l.split('#').next().unwrap_or(""))
            .filter(|w| !w.trim().is_empty())
            .map(fold)
            .collect();
        Lexicons { given, stops }
    })
}

/// Where an entity comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A knowledge-base record (index into [`Kb::records`]).
    Kb(u32),
    /// A name found in the text that the knowledge base does not know.
    Found,
}

/// One entity of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEntity {
    /// Where it comes from.
    pub source: Source,
    /// PER, ORG, LOC, MISC.
    pub etype: EntityType,
    /// Arabic name: the record's, or the first full mention as written.
    pub name_ar: String,
    /// English name: the record's, or a transliteration.
    pub name_en: String,
    /// Byte ranges of its mentions, sorted.
    pub mentions: Vec<Range<usize>>,
    /// True when every mention is a nationality adjective.
    pub only_demonyms: bool,
}

/// The entities of one document, in order of first mention. `skip` marks byte ranges that are
/// not body text.
pub fn entities(
    kb: &Kb,
    text: &str,
    published: Option<&str>,
    skip: impl Fn(&Range<usize>) -> bool,
) -> Vec<DocEntity> {
    let keys = kb.keys(text);
    let linked = rasd_kb::link::link_keys(kb, &keys, published, &skip);
    let mut covered = vec![false; keys.len()];
    let mut out: Vec<(DocEntity, Vec<Range<usize>>)> = Vec::new();
    for l in linked {
        for k in &l.keys {
            covered[k.clone()].iter_mut().for_each(|c| *c = true);
        }
        let r = kb.record(l.record);
        out.push((
            DocEntity {
                source: Source::Kb(l.record),
                etype: r.etype,
                name_ar: r.name_ar.clone(),
                name_en: r.name_en.clone(),
                mentions: l.mentions,
                only_demonyms: l.only_demonyms,
            },
            l.keys,
        ));
    }
    // Persons the KB does not know.
    let mut by_name: FxHashMap<String, usize> = FxHashMap::default();
    for span in person_spans(text, &keys, &covered) {
        if skip(&(keys[span.start].range.start..keys[span.end - 1].range.end)) {
            continue;
        }
        covered[span.clone()].iter_mut().for_each(|c| *c = true);
        let name_key: String = keys[span.clone()]
            .iter()
            .filter_map(|k| k.key.clone())
            .collect::<Vec<_>>()
            .join(" ");
        let range = keys[span.start].range.start..keys[span.end - 1].range.end;
        match by_name.get(&name_key) {
            Some(&i) => {
                out[i].0.mentions.push(range);
                out[i].1.push(span);
            }
            None => {
                let written = clean_name(&text[range.clone()]);
                by_name.insert(name_key, out.len());
                out.push((
                    DocEntity {
                        source: Source::Found,
                        etype: EntityType::Per,
                        name_en: translit::transliterate(&written),
                        name_ar: written,
                        mentions: vec![range],
                        only_demonyms: false,
                    },
                    vec![span],
                ));
            }
        }
    }
    // Names the statistical tagger finds that neither the KB nor the person rules cover.
    if let Some(tagger) = rasd_tagger::Tagger::embedded() {
        add_tagged(
            tagger,
            text,
            &keys,
            &mut covered,
            &mut out,
            &mut by_name,
            &skip,
        );
    }
    merge_aliases(&keys, &mut out);
    add_partials(&keys, &mut covered, &mut out, &skip);
    let mut ents: Vec<DocEntity> = out
        .into_iter()
        .map(|(mut e, _)| {
            e.mentions.sort_by_key(|r| r.start);
            e.mentions.dedup();
            e
        })
        .collect();
    ents.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |r| r.start));
    ents
}

/// Adds the tagger's spans over keys no other source claimed. A span must cover whole keys,
/// hold at least one Arabic or Latin letter, and not be a lone common word: single-word names
/// need the tagger's PER or ORG with a word the lexicon rarely sees, or any multiword span.
fn add_tagged(
    tagger: &rasd_tagger::Tagger,
    text: &str,
    keys: &[Key],
    covered: &mut [bool],
    out: &mut Vec<(DocEntity, Vec<Range<usize>>)>,
    by_name: &mut FxHashMap<String, usize>,
    skip: &impl Fn(&Range<usize>) -> bool,
) {
    let lex = lexicons();
    let seg = rasd_text::clitics::Segmenter::embedded();
    for sp in tagger.tag(text) {
        let first = keys.partition_point(|k| k.range.end <= sp.start);
        let mut last = first;
        while last < keys.len() && keys[last].range.start < sp.end {
            last += 1;
        }
        if first >= last || covered[first..last].iter().any(|c| *c) {
            continue;
        }
        let range = keys[first].range.start..keys[last - 1].range.end;
        if skip(&range) {
            continue;
        }
        let words: Vec<&str> = keys[first..last]
            .iter()
            .filter_map(|k| k.key.as_deref())
            .collect();
        if words.is_empty() || words.iter().any(|w| lex.stops.contains(*w)) {
            continue;
        }
        if words.len() == 1 {
            let w = words[0];
            let common = seg.count(&rasd_text::clitics::lexicon_key(w)) > 200;
            if common
                || w.chars().count() < 3
                || !matches!(sp.label, rasd_tagger::Label::Per | rasd_tagger::Label::Org)
            {
                continue;
            }
        }
        let etype = match sp.label {
            rasd_tagger::Label::Per => EntityType::Per,
            rasd_tagger::Label::Org => EntityType::Org,
            rasd_tagger::Label::Loc => EntityType::Loc,
            rasd_tagger::Label::Misc => EntityType::Misc,
        };
        covered[first..last].iter_mut().for_each(|c| *c = true);
        let name_key = words.join(" ");
        match by_name.get(&name_key) {
            Some(&i) => {
                out[i].0.mentions.push(range);
                out[i].1.push(first..last);
            }
            None => {
                let written = clean_name(&text[range.clone()]);
                by_name.insert(name_key, out.len());
                out.push((
                    DocEntity {
                        source: Source::Found,
                        etype,
                        name_en: translit::transliterate(&written),
                        name_ar: written,
                        mentions: vec![range],
                        only_demonyms: false,
                    },
                    std::iter::once(first..last).collect(),
                ));
            }
        }
    }
}

fn clean_name(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(c, '"' | '«' | '»' | '“' | '”' | '\'')
                && !rasd_text::normalize::is_invisible_control(*c)
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_given(k: &str) -> bool {
    lexicons().given.contains(k)
}

/// Key-index spans of person names found by rule.
fn person_spans(text: &str, keys: &[Key], covered: &[bool]) -> Vec<Range<usize>> {
    let lex = lexicons();
    let seg = rasd_text::clitics::Segmenter::embedded();
    let count = |k: &str| seg.count(&rasd_text::clitics::lexicon_key(k));
    let mut out = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let Some(k) = keys[i].key.as_deref() else {
            i += 1;
            continue;
        };
        // A name starts with a given name that carries no preposition (لصالح is not a name).
        let prefix = &text[keys[i].token.start..keys[i].range.start];
        let has_prep = prefix.chars().any(|c| matches!(c, 'ب' | 'ل' | 'ك'));
        if covered[i] || !is_given(k) || has_prep || lex.stops.contains(k) {
            i += 1;
            continue;
        }
        // `(`, `[` are transparent for KB names but never inside a person's name.
        let bracket_after = |j: usize| {
            text[keys[j - 1].range.end..keys[j].range.start].contains(['(', '[', ')', ']'])
        };
        let mut j = i + 1;
        let mut rare_used = false;
        while j < keys.len() && j - i < 4 && !covered[j] {
            let Some(n) = keys[j].key.as_deref() else {
                break;
            };
            // Only the first word may carry a proclitic.
            if keys[j].token.start != keys[j].range.start || bracket_after(j) {
                break;
            }
            if lex.stops.contains(n) || !n.chars().any(rasd_text::tokenize::is_arabic_letter) {
                break;
            }
            let prev = keys[j - 1].key.as_deref().unwrap_or("");
            let compound = matches!(prev, "عبد" | "ابو" | "ابن" | "بن" | "بنت" | "ام" | "ابي");
            // A surname with the article: rare, or a nisba (البغدادي، العبادي) not too common.
            let article_surname = n.starts_with("ال")
                && n.chars().count() >= 4
                && (count(n) <= 15 || (n.ends_with('ي') && count(n) <= 200));
            let ok = compound
                || is_given(n)
                || article_surname
                || (!rare_used && !n.starts_with("ال") && count(n) <= 20);
            if !ok {
                break;
            }
            if !compound && !is_given(n) && !n.starts_with("ال") {
                rare_used = true;
            }
            j += 1;
            // The article surname ends the name.
            if article_surname && !compound && !is_given(n) {
                break;
            }
        }
        if j - i >= 2 {
            out.push(i..j);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

const ALIAS_TRIGGERS: &[&str] = &[
    "المعروف",
    "المعروفه",
    "الملقب",
    "الملقبه",
    "المكني",
    "الشهير",
    "الشهيره",
    "المدعو",
];

/// `X، المعروف … بـ"Y"`: folds Y's entity into X's.
fn merge_aliases(keys: &[Key], out: &mut Vec<(DocEntity, Vec<Range<usize>>)>) {
    // Which entity owns each key index.
    let owner = |out: &Vec<(DocEntity, Vec<Range<usize>>)>, idx: usize| -> Option<usize> {
        out.iter()
            .position(|(_, spans)| spans.iter().any(|s| s.contains(&idx)))
    };
    for (t, k) in keys.iter().enumerate() {
        let Some(word) = k.key.as_deref() else {
            continue;
        };
        if !ALIAS_TRIGGERS.contains(&word) {
            continue;
        }
        // The name before: the nearest owned key among the 3 before (a comma may sit between).
        let Some(x) = (t.saturating_sub(3)..t).rev().find_map(|i| owner(out, i)) else {
            continue;
        };
        // The name after: the first owned key within 8 after.
        let Some(y) = (t + 1..(t + 9).min(keys.len())).find_map(|i| owner(out, i)) else {
            continue;
        };
        if x == y || out[x].0.etype != EntityType::Per || out[y].0.source != Source::Found {
            continue;
        }
        let (ye, yspans) = out.remove(y);
        let x = if y < x { x - 1 } else { x };
        out[x].0.mentions.extend(ye.mentions);
        out[x].1.extend(yspans);
    }
}

/// After a person's first full mention, the last word of any of its names alone refers to it.
fn add_partials(
    keys: &[Key],
    covered: &mut [bool],
    out: &mut [(DocEntity, Vec<Range<usize>>)],
    skip: &impl Fn(&Range<usize>) -> bool,
) {
    for (e, spans) in out.iter_mut() {
        if e.etype != EntityType::Per {
            continue;
        }
        let first = spans.iter().map(|s| s.start).min().unwrap_or(0);
        let mut lasts: Vec<String> = spans
            .iter()
            .filter(|s| s.len() >= 2)
            .filter_map(|s| keys[s.end - 1].key.clone())
            .filter(|k| k.chars().count() >= 3 && !lexicons().stops.contains(k))
            .collect();
        lasts.sort();
        lasts.dedup();
        if lasts.is_empty() {
            continue;
        }
        for i in first..keys.len() {
            if covered[i] {
                continue;
            }
            if let Some(k) = &keys[i].key {
                if lasts.contains(k) && !skip(&keys[i].range) {
                    covered[i] = true;
                    e.mentions.push(keys[i].range.clone());
                    spans.push(i..i + 1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Vec<String>)> {
        let kb = Kb::embedded();
        entities(kb, text, None, |_| false)
            .into_iter()
            .filter(|e| e.source == Source::Found)
            .map(|e| {
                (
                    e.name_ar.clone(),
                    e.mentions
                        .iter()
                        .map(|r| text[r.clone()].to_string())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_unknown_persons_and_their_aliases() {
        let t = "وكشف محمد الدرويشي، المعروف في الحركة بـ\"محمد الصقر\" عن خطة جديدة، وقال الصقر إن الخطة جاهزة.";
        let f = found(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "محمد الدرويشي");
        assert_eq!(f[0].1, ["محمد الدرويشي", "محمد الصقر", "الصقر"]);
    }

    #[test]
    fn no_name_from_a_preposition_phrase() {
        assert!(found("صوت المجلس لصالح القرار الجديد").is_empty());
    }
}
