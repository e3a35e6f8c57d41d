//! The rasd knowledge base: reviewed records of actors and places (`data/kb/*.tsv`, compiled
//! in at build time), clitic-aware matching of their names in Arabic text, and linking of
//! mentions to records by document context.
//!
//! Start with [`Kb::embedded`], then [`link::link`].

pub mod link;
pub mod matcher;
pub mod record;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub use record::{Alias, EntityType, KbError, Period, Record, Role};

use matcher::{name_key_with, Matcher, Protected};

include!(concat!(env!("OUT_DIR"), "/kb_files.rs"));

/// How a pattern names its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// The canonical Arabic or English name.
    Canonical,
    /// Alias number `i` of the record.
    Alias(u16),
    /// A nationality adjective of a country (`العراقي`, `الأمريكية`).
    Demonym,
}

/// One thing a pattern can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Index into [`Kb::records`].
    pub record: u32,
    /// How the pattern names it.
    pub how: NameKind,
}

/// The knowledge base, ready for matching.
pub struct Kb {
    records: Vec<Record>,
    protect: Protected,
    by_id: FxHashMap<String, u32>,
    targets: Vec<Target>,
    matcher: Matcher,
}

/// The forms of a masculine singular nationality adjective: `عراقي` → `عراقي، عراقية،
/// عراقيون، عراقيين، عراقيان، عراقيتان، عراقيات` and each with the article.
pub fn demonym_forms(base: &str) -> Vec<String> {
    let base = base.trim();
    let mut out = Vec::new();
    for suffix in ["", "ة", "ون", "ين", "ان", "تان", "تين", "ات"] {
        let f = format!("{base}{suffix}");
        out.push(format!("ال{f}"));
        out.push(f);
    }
    out
}

impl Kb {
    /// The knowledge base compiled into this build, built once. Problems in the embedded data
    /// are caught by the data tests; any that slip through are skipped here.
    pub fn embedded() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(|| Kb::build(&[]).0)
    }

    /// Builds a knowledge base from the embedded files plus `extra` files (`(name, content)`),
    /// whose records add to or replace (same `id`) embedded ones. Returns every problem found,
    /// each naming its file and line.
    pub fn build(extra: &[(String, String)]) -> (Kb, Vec<KbError>) {
        let mut errors = Vec::new();
        let mut records: Vec<Record> = Vec::new();
        let mut by_id: FxHashMap<String, u32> = FxHashMap::default();
        let files = KB_FILES
            .iter()
            .map(|(n, c)| (format!("data/kb/{n}"), *c))
            .chain(extra.iter().map(|(n, c)| (n.clone(), c.as_str())));
        for (name, content) in files {
            let (recs, errs) = record::parse_tsv(&name, content);
            errors.extend(errs);
            for r in recs {
                match by_id.get(&r.id) {
                    Some(&i) if r.origin.starts_with("data/kb/") => errors.push(KbError {
                        origin: r.origin.clone(),
                        message: format!(
                            "duplicate id `{}` (first at {})",
                            r.id, records[i as usize].origin
                        ),
                    }),
                    Some(&i) => records[i as usize] = r,
                    None => {
                        by_id.insert(r.id.clone(), records.len() as u32);
                        records.push(r);
                    }
                }
            }
        }
        for r in &records {
            if let Some(p) = &r.parent {
                if !by_id.contains_key(p) {
                    errors.push(KbError {
                        origin: r.origin.clone(),
                        message: format!("parent `{p}` of `{}` is not a record", r.id),
                    });
                }
            }
        }
        // Words of single-word Arabic names stay whole when matching (بابل، كابل، لبنان).
        let mut protect = Protected::default();
        for r in &records {
            for name in r
                .aliases
                .iter()
                .map(|a| a.text.as_str())
                .chain([r.name_ar.as_str()])
            {
                let n = rasd_text::normalize::normalize_str(
                    name.trim(),
                    rasd_text::normalize::Layer::Matching,
                );
                if !n.contains(' ')
                    && n.chars().all(rasd_text::tokenize::is_arabic_letter)
                    && n.chars().count() >= 3
                {
                    protect.insert(n);
                }
            }
        }
        let mut targets = Vec::new();
        let mut pairs = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let mut add = |name: &str, how: NameKind| {
                let k = name_key_with(name, Some(&protect));
                if k.is_empty() {
                    return;
                }
                pairs.push((k, targets.len() as u32));
                targets.push(Target {
                    record: i as u32,
                    how,
                });
            };
            add(&r.name_ar, NameKind::Canonical);
            add(&r.name_en, NameKind::Canonical);
            for (j, a) in r.aliases.iter().enumerate() {
                add(&a.text, NameKind::Alias(j as u16));
            }
            for d in &r.demonyms {
                for f in demonym_forms(d) {
                    add(&f, NameKind::Demonym);
                }
            }
        }
        let matcher = Matcher::build(pairs);
        (
            Kb {
                records,
                protect,
                by_id,
                targets,
                matcher,
            },
            errors,
        )
    }

    /// All records.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The record with this id.
    pub fn get(&self, id: &str) -> Option<&Record> {
        self.by_id.get(id).map(|&i| &self.records[i as usize])
    }

    /// Index of the record with this id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// The record at an index.
    pub fn record(&self, i: u32) -> &Record {
        &self.records[i as usize]
    }

    /// Targets of a pattern value.
    pub fn target(&self, v: u32) -> Target {
        self.targets[v as usize]
    }

    /// The name matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Match keys of a text, with this KB's protected name words.
    pub fn keys(&self, text: &str) -> Vec<matcher::Key> {
        matcher::keys_with(text, Some(&self.protect))
    }

    /// Records a whole name (not a text) can mean, best first.
    pub fn lookup(&self, name: &str) -> Vec<(&Record, NameKind)> {
        let keys = self.keys(name);
        let mut out = Vec::new();
        for m in self.matcher.find(&keys) {
            if m.keys.start == 0 && m.keys.end == keys.len() {
                for &v in self.matcher.values(m.pattern) {
                    let t = self.targets[v as usize];
                    let r = &self.records[t.record as usize];
                    if !out.iter().any(|(x, _): &(&Record, NameKind)| x.id == r.id) {
                        out.push((r, t.how));
                    }
                }
            }
        }
        out
    }
}
