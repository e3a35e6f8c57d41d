//! The reviewed lexicons in `data/` compiled into lookup tables.
//!
//! Verbs are listed once as `PERFECT/IMPERFECT` in the 3rd person masculine singular and expanded
//! here into every person, number and tense with object pronouns ([`verb_forms`]); nouns and
//! phrases are listed as written. All keys are folded with [`Layer::Matching`].

use rasd_text::normalize::{normalize_str, Layer};
use rustc_hash::FxHashMap;

use crate::types::{Aux, EventType};

/// A lexicon line that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    /// The data file.
    pub file: &'static str,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// How a noun trigger's genitive complement relates to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// اغتيال القائد: the complement is the recipient.
    Patient,
    /// هجمات داعش: the complement is the actor.
    Agent,
}

/// One trigger entry (a line of `triggers.tsv`).
#[derive(Debug, Clone)]
pub struct Entry {
    /// PLOVER category.
    pub event_type: EventType,
    /// PLOVER mode, if the trigger implies one.
    pub mode: Option<String>,
    /// Role of a noun's genitive complement.
    pub role: Role,
    /// A relation between peers.
    pub symmetric: bool,
}

/// Grammatical form of a matched word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A perfect-tense verb form (past).
    Perfect,
    /// An imperfect-tense verb form (present, or future with سـ).
    Imperfect,
    /// A noun, participle or phrase.
    Nominal,
}

/// A word-level hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the entry table.
    pub entry: u32,
    /// Its form.
    pub form: Form,
}

/// A word table plus multiword phrases keyed by their first word.
#[derive(Debug, Default)]
pub struct Table {
    words: FxHashMap<String, Vec<Hit>>,
    phrases: FxHashMap<String, Vec<(Vec<String>, Hit)>>,
}

impl Table {
    fn add_word(&mut self, key: String, hit: Hit) {
        let v = self.words.entry(key).or_default();
        if !v.contains(&hit) {
            v.push(hit);
        }
    }

    fn add_phrase(&mut self, words: &str, hit: Hit) {
        let mut it = words.split_whitespace().map(fold);
        let Some(first) = it.next() else { return };
        let rest: Vec<String> = it.collect();
        if rest.is_empty() {
            self.add_word(first, hit);
        } else {
            self.phrases.entry(first).or_default().push((rest, hit));
        }
    }

    /// Hits for one stem.
    pub fn word(&self, key: &str) -> &[Hit] {
        self.words.get(key).map_or(&[], |v| v.as_slice())
    }

    /// Phrases starting with this stem: (remaining words, hit), longest first.
    pub fn phrases(&self, key: &str) -> &[(Vec<String>, Hit)] {
        self.phrases.get(key).map_or(&[], |v| v.as_slice())
    }

    fn sort(&mut self) {
        for v in self.phrases.values_mut() {
            v.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
    }

    /// Number of distinct keys (words and phrase heads).
    pub fn len(&self) -> usize {
        self.words.len() + self.phrases.values().map(Vec::len).sum::<usize>()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Folds a lexicon form the way text is folded for matching.
pub fn fold(s: &str) -> String {
    normalize_str(s.trim(), Layer::Matching)
}

const PERFECT_SUBJ: &[&str] = &["", "ت", "ا", "تا", "وا", "نا", "تم", "ن", "تما", "تن"];
const IMPERFECT_PREFIX: &[&str] = &["ي", "ت", "ن", "ا"];
const IMPERFECT_SUBJ: &[&str] = &["", "ون", "ان", "ين", "ن", "وا", "ا"];
const OBJECT: &[&str] = &["ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ني"];

/// Every surface form (folded, without proclitics) of a verb given as its perfect and
/// imperfect 3rd person masculine singular.
pub fn verb_forms(perfect: &str, imperfect: &str) -> Vec<(String, Form)> {
    let p = fold(perfect);
    let i = fold(imperfect);
    let mut out = Vec::new();
    let mut push = |s: String, f: Form| {
        if s.chars().count() >= 2 && !out.iter().any(|(x, _)| x == &s) {
            out.push((s, f));
        }
    };
    // Perfect.
    let weak = |s: &str| s.chars().count() >= 3 && (s.ends_with('ي') || s.ends_with('ا'));
    for suf in PERFECT_SUBJ {
        push(format!("{p}{suf}"), Form::Perfect);
    }
    if weak(&p) {
        let base: String = {
            let mut c: Vec<char> = p.chars().collect();
            c.pop();
            c.into_iter().collect()
        };
        for suf in ["ت", "وا", "تا", "يا", "ينا", "يت", "و"] {
            push(format!("{base}{suf}"), Form::Perfect);
        }
    }
    for stem in [
        p.clone(),
        format!("{p}ت"),
        format!("{p}و"),
        format!("{p}نا"),
    ] {
        for o in OBJECT {
            push(format!("{stem}{o}"), Form::Perfect);
        }
    }
    // Imperfect: strip the 3ms prefix.
    let mut chars = i.chars();
    let first = chars.next();
    let stem: String = chars.collect();
    if matches!(first, Some('ي' | 'ت')) && stem.chars().count() >= 2 {
        let weak_i = stem.ends_with('ي') || stem.ends_with('و') || stem.ends_with('ا');
        let base: String = {
            let mut c: Vec<char> = stem.chars().collect();
            c.pop();
            c.into_iter().collect()
        };
        for pre in IMPERFECT_PREFIX {
            for suf in IMPERFECT_SUBJ {
                push(format!("{pre}{stem}{suf}"), Form::Imperfect);
            }
            if weak_i {
                for suf in ["ون", "ين", "وا", "ان"] {
                    push(format!("{pre}{base}{suf}"), Form::Imperfect);
                }
            }
            for o in OBJECT {
                push(format!("{pre}{stem}{o}"), Form::Imperfect);
                push(format!("{pre}{stem}ون{o}"), Form::Imperfect);
            }
        }
    }
    out
}

fn lines(data: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1) // header
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

fn split_forms(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(" | ").map(str::trim).filter(|s| !s.is_empty())
}

/// Compiles `triggers.tsv`.
pub fn triggers(data: &'static str) -> Result<(Vec<Entry>, Table), LexiconError> {
    const FILE: &str = "triggers.tsv";
    let mut entries = Vec::new();
    let mut table = Table::default();
    for (line, c) in lines(data) {
        let err = |m: String| LexiconError {
            file: FILE,
            line,
            message: m,
        };
        if c.len() < 4 {
            return Err(err(format!("{} cells, want at least 4", c.len())));
        }
        let event_type =
            EventType::parse(c[0]).ok_or_else(|| err(format!("unknown type `{}`", c[0])))?;
        let role = match c.get(4).copied().unwrap_or("") {
            "" | "patient" => Role::Patient,
            "agent" => Role::Agent,
            r => return Err(err(format!("unknown role `{r}`"))),
        };
        let entry = Entry {
            event_type,
            mode: (!c[1].is_empty()).then(|| c[1].to_string()),
            role,
            symmetric: c.get(5).is_some_and(|s| *s == "sym"),
        };
        let id = entries.len() as u32;
        entries.push(entry);
        for form in split_forms(c[3]) {
            match c[2] {
                "verb" => {
                    let (p, i) = form
                        .split_once('/')
                        .ok_or_else(|| err(format!("verb `{form}` is not PERFECT/IMPERFECT")))?;
                    if p.contains(' ') || i.contains(' ') {
                        return Err(err(format!(
                            "verb `{form}` has several words; list it as a phrase"
                        )));
                    }
                    for (f, kind) in verb_forms(p, i) {
                        table.add_word(
                            f,
                            Hit {
                                entry: id,
                                form: kind,
                            },
                        );
                    }
                }
                "noun" | "phrase" => {
                    let hit = Hit {
                        entry: id,
                        form: Form::Nominal,
                    };
                    table.add_phrase(form, hit);
                    // Plain plural and dual/accusative endings of single nouns.
                    if !form.contains(' ') {
                        let f = fold(form);
                        if let Some(stem) = f.strip_suffix('ه') {
                            table.add_word(format!("{stem}ات"), hit);
                            table.add_word(format!("{stem}تين"), hit);
                            table.add_word(format!("{stem}تان"), hit);
                        }
                    }
                }
                p => return Err(err(format!("unknown pos `{p}`"))),
            }
        }
    }
    table.sort();
    Ok((entries, table))
}

/// Kinds of attribution cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporting {
    /// قال X.
    Verb,
    /// نقلت X عن Y.
    Relay,
    /// بحسب X.
    Prep,
}

/// Compiles `reporting.tsv`; entry index = the [`Reporting`] kind as u32.
pub fn reporting(data: &'static str) -> Result<Table, LexiconError> {
    const FILE: &str = "reporting.tsv";
    let mut table = Table::default();
    for (line, c) in lines(data) {
        let err = |m: String| LexiconError {
            file: FILE,
            line,
            message: m,
        };
        let kind = match c.get(1).copied() {
            Some("verb") => Reporting::Verb,
            Some("relay") => Reporting::Relay,
            Some("prep") => Reporting::Prep,
            k => return Err(err(format!("unknown kind {k:?}"))),
        };
        let entry = kind as u32;
        match kind {
            Reporting::Verb | Reporting::Relay => {
                let (p, i) = c[0]
                    .split_once('/')
                    .ok_or_else(|| err("verb is not PERFECT/IMPERFECT".into()))?;
                for (f, form) in verb_forms(p, i) {
                    table.add_word(f, Hit { entry, form });
                }
            }
            Reporting::Prep => table.add_phrase(
                c[0],
                Hit {
                    entry,
                    form: Form::Nominal,
                },
            ),
        }
    }
    table.sort();
    Ok(table)
}

/// Where a modality cue looks for its trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The cue precedes the trigger.
    Before,
    /// The cue follows the trigger.
    After,
    /// Anywhere in the clause.
    Clause,
}

/// One modality cue.
#[derive(Debug, Clone)]
pub struct Cue {
    /// The mode it signals.
    pub aux: Aux,
    /// Where it applies.
    pub scope: Scope,
    /// The folded cue word(s).
    pub text: String,
}

/// Compiles `modality.tsv`; the table's entry index points into the cue list.
pub fn modality(data: &'static str) -> Result<(Vec<Cue>, Table), LexiconError> {
    const FILE: &str = "modality.tsv";
    let mut cues = Vec::new();
    let mut table = Table::default();
    for (line, c) in lines(data) {
        let err = |m: String| LexiconError {
            file: FILE,
            line,
            message: m,
        };
        if c.len() != 3 {
            return Err(err(format!("{} cells, want 3", c.len())));
        }
        let aux = Aux::parse(c[1]).ok_or_else(|| err(format!("unknown aux `{}`", c[1])))?;
        let scope = match c[2] {
            "before" => Scope::Before,
            "after" => Scope::After,
            "clause" => Scope::Clause,
            s => return Err(err(format!("unknown scope `{s}`"))),
        };
        let id = cues.len() as u32;
        cues.push(Cue {
            aux,
            scope,
            text: fold(c[0]),
        });
        table.add_phrase(
            c[0],
            Hit {
                entry: id,
                form: Form::Nominal,
            },
        );
    }
    table.sort();
    Ok((cues, table))
}

/// Compiles `contexts.tsv` into folded cue → context name.
pub fn contexts(data: &'static str) -> Result<Vec<(String, String)>, LexiconError> {
    const FILE: &str = "contexts.tsv";
    let mut out = Vec::new();
    for (line, c) in lines(data) {
        if c.len() != 2 {
            return Err(LexiconError {
                file: FILE,
                line,
                message: format!("{} cells, want 2", c.len()),
            });
        }
        out.push((fold(c[0]), c[1].to_string()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_expand_to_persons_and_tenses() {
        let f: Vec<String> = verb_forms("هاجم", "يهاجم")
            .into_iter()
            .map(|x| x.0)
            .collect();
        for w in [
            "هاجم",
            "هاجمت",
            "هاجموا",
            "يهاجم",
            "تهاجم",
            "يهاجمون",
            "هاجمه",
            "يهاجمها",
        ] {
            assert!(f.contains(&w.to_string()), "{w} missing");
        }
        let f: Vec<String> = verb_forms("نفى", "ينفي").into_iter().map(|x| x.0).collect();
        for w in ["نفي", "نفت", "نفوا", "ينفي", "ينفون", "تنفي"] {
            assert!(f.contains(&w.to_string()), "{w} missing in {f:?}");
        }
        let f: Vec<String> = verb_forms("دعا", "يدعو").into_iter().map(|x| x.0).collect();
        for w in ["دعا", "دعت", "دعوا", "يدعو", "يدعون", "تدعو"] {
            assert!(f.contains(&w.to_string()), "{w} missing in {f:?}");
        }
    }

    #[test]
    fn embedded_lexicons_compile() {
        let (e, t) = triggers(include_str!("../data/triggers.tsv")).unwrap();
        assert!(
            e.len() > 80 && t.len() > 3000,
            "{} entries, {} keys",
            e.len(),
            t.len()
        );
        assert!(
            reporting(include_str!("../data/reporting.tsv"))
                .unwrap()
                .len()
                > 500
        );
        assert!(
            modality(include_str!("../data/modality.tsv"))
                .unwrap()
                .0
                .len()
                > 50
        );
        assert!(
            contexts(include_str!("../data/contexts.tsv"))
                .unwrap()
                .len()
                > 30
        );
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = triggers("type\tmode\tpos\tforms\nFIGHT\t\tverb\tx/y\n").unwrap_err();
        assert_eq!((e.file, e.line), ("triggers.tsv", 2));
        assert!(e.to_string().contains("FIGHT"));
    }
}
