//! PLOVER event coding for Arabic news.
//!
//! Input: a document's text, its body sentences, its entities and their mentions (from
//! `rasd-ner`), and the publication date. Output: [`Event`]s with PLOVER type and mode, actor
//! and recipient lists, location, date, the auxiliary mode (`aux`) and the attribution chain
//! (`reported_by`), each tied to its evidence by byte offsets into the original text.
//!
//! The coder is rule-based and precision-first:
//! 1. **Triggers** come from reviewed lexicons (`data/triggers.tsv`): verbs listed once and
//!    expanded into every person and tense ([`lexicon::verb_forms`]), verbal nouns, and
//!    multiword phrases; a trigger inside an entity's name (`التحالف الدولي`) is not an event.
//! 2. **Arguments** follow Arabic clause structure ([`args`]): the subject after a verb (VSO) or
//!    before it (SVO); objects and targets after `على`/`ضد`/`من`/`مع`/`عن`/`لـ`; agents after
//!    `من قبل`/`على يد`/`لـ`; a noun's genitive as patient or agent per the lexicon; peers after
//!    `بين X و Y`; coordination; `التنظيمين`/`الطرفين` for the last two actors.
//! 3. **Modality** from cue words around the trigger (`data/modality.tsv`), the future `سـ`, and
//!    dates well before publication (historical).
//! 4. **Attribution** from reporting verbs and phrases (`data/reporting.tsv`), outermost source
//!    first: `نقلت X عن Y` gives `[X, Y]`.
//! 5. No event without a trigger and at least one participant; events of one type with the same
//!    participants in one sentence are merged.

#![warn(missing_docs)]

pub mod args;
pub mod lexicon;
pub mod temporal;
pub mod types;

use std::ops::Range;
use std::sync::OnceLock;

use rasd_text::tokenize::{tokenize, TokenKind};

pub use lexicon::LexiconError;
pub use types::{Aux, EventType};

use lexicon::{Cue, Entry, Form, Reporting, Scope, Table};

/// What the coder needs to know of an entity.
#[derive(Debug, Clone)]
pub struct EntityInfo {
    /// PER, ORG, LOC or MISC.
    pub etype: String,
    /// Finer kind from the knowledge base (`country`, `city`, `armed_group`, `media` …).
    pub kind: String,
    /// A capital that stands for its government (`واشنطن`، `أنقرة`): see `data/capitals.txt`
    /// and [`is_capital`].
    pub capital: bool,
}

/// True when an Arabic place name is one of the capitals that act in news.
pub fn is_capital(name_ar: &str) -> bool {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    let list = LIST.get_or_init(|| {
        include_str!("../data/capitals.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(lexicon::fold)
            .collect()
    });
    let f = lexicon::fold(name_ar);
    list.contains(&f)
}

impl EntityInfo {
    /// Can this entity act or be acted upon (an organisation, a person, a country)?
    pub fn is_participant(&self) -> bool {
        match self.etype.as_str() {
            "PER" | "ORG" | "MISC" => true,
            "LOC" => matches!(self.kind.as_str(), "country" | "region" | "people") || self.capital,
            _ => false,
        }
    }

    /// Is this a place an event can happen in?
    pub fn is_place(&self) -> bool {
        self.etype == "LOC"
    }

    /// A media outlet or news agency: a source, rarely an actor.
    pub fn is_media(&self) -> bool {
        matches!(self.kind.as_str(), "media" | "agency")
    }
}

/// One mention of an entity: a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRef {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Index of the entity.
    pub entity: usize,
    /// The mention is a nationality adjective (`العراقي`): a participant only after an
    /// institution noun (`الجيش العراقي`، `السلطات الأردنية`), otherwise a modifier.
    pub demonym: bool,
}

/// One coded event. Entity references are indices into the caller's entity list; ranges are
/// byte ranges of the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// PLOVER category.
    pub event_type: EventType,
    /// PLOVER modes.
    pub mode: Vec<String>,
    /// Who acts.
    pub actor: Vec<usize>,
    /// Who is acted upon.
    pub recipient: Vec<usize>,
    /// Where.
    pub location: Option<usize>,
    /// When: ISO date, month or year.
    pub date: Option<String>,
    /// True when no date expression was found and the publication date stands in.
    pub date_is_published: bool,
    /// PLOVER auxiliary mode.
    pub aux: Aux,
    /// Attribution chain, outermost source first.
    pub reported_by: Vec<usize>,
    /// The evidence sentence.
    pub evidence: Range<usize>,
    /// The trigger word(s).
    pub trigger: Range<usize>,
    /// A direct quotation that contains the trigger.
    pub quote: Option<Range<usize>>,
    /// PLOVER cooperation–conflict score of type and mode.
    pub score: f32,
}

/// Events and document-level PLOVER contexts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coded {
    /// The events, in text order.
    pub events: Vec<Event>,
    /// PLOVER contexts of the document, most frequent first.
    pub context: Vec<String>,
}

/// The compiled lexicons.
pub struct Coder {
    entries: Vec<Entry>,
    triggers: Table,
    reporting: Table,
    cues: Vec<Cue>,
    modality: Table,
    contexts: Vec<(String, String)>,
    never: Vec<String>,
}

static EMBEDDED: OnceLock<Coder> = OnceLock::new();

impl Coder {
    /// The coder built from the lexicons in `data/`, compiled once.
    pub fn embedded() -> &'static Coder {
        EMBEDDED.get_or_init(|| {
            Coder::from_data(
                include_str!("../data/triggers.tsv"),
                include_str!("../data/reporting.tsv"),
                include_str!("../data/modality.tsv"),
                include_str!("../data/contexts.tsv"),
            )
            .map(|c| c.with_stoplist(include_str!("../data/not_triggers.txt")))
            .expect("the embedded lexicons are checked by the crate's tests")
        })
    }

    /// Builds a coder from lexicon texts.
    pub fn from_data(
        triggers: &'static str,
        reporting: &'static str,
        modality: &'static str,
        contexts: &'static str,
    ) -> Result<Coder, LexiconError> {
        let (entries, triggers) = lexicon::triggers(triggers)?;
        let (cues, modality) = lexicon::modality(modality)?;
        Ok(Coder {
            entries,
            triggers,
            reporting: lexicon::reporting(reporting)?,
            cues,
            modality,
            contexts: lexicon::contexts(contexts)?,
            never: Vec::new(),
        })
    }

    /// Adds folded surface forms that never fire (one per line, `#` comments).
    pub fn with_stoplist(mut self, list: &str) -> Coder {
        self.never = list
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|w| !w.is_empty())
            .map(lexicon::fold)
            .collect();
        self
    }

    /// Number of trigger entries and of compiled trigger keys.
    pub fn size(&self) -> (usize, usize) {
        (self.entries.len(), self.triggers.len())
    }

    /// Codes one document.
    pub fn code(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        entities: &[EntityInfo],
        mentions: &[MentionRef],
        published: Option<&str>,
    ) -> Coded {
        let published = published.and_then(temporal::parse_iso);
        let mut mentions: Vec<&MentionRef> = mentions
            .iter()
            .filter(|m| m.entity < entities.len())
            .collect();
        mentions.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
        let mut recent = args::Recent::default();
        let mut events = Vec::new();
        let mut context_counts: Vec<(String, usize)> = Vec::new();
        for s in sentences {
            let toks = Toks::new(text, s.clone());
            self.count_contexts(&toks, &mut context_counts);
            let lo = mentions.partition_point(|m| m.range.start < s.start);
            let hi = mentions.partition_point(|m| m.range.start < s.end);
            let ms: Vec<&MentionRef> = mentions[lo..hi]
                .iter()
                .copied()
                .filter(|m| m.range.end <= s.end)
                .collect();
            let sent = args::Sentence::new(text, &toks, &ms, entities, &recent);
            let before = events.len();
            self.code_sentence(text, &toks, &sent, entities, published, &mut events);
            dedupe(&mut events, before);
            recent.update(&ms, entities);
        }
        context_counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Coded {
            events,
            context: context_counts
                .into_iter()
                .filter(|(_, n)| *n >= 2)
                .map(|(c, _)| c)
                .take(3)
                .collect(),
        }
    }

    fn count_contexts(&self, toks: &Toks, counts: &mut Vec<(String, usize)>) {
        for i in 0..toks.len() {
            if !toks.is_word(i) {
                continue;
            }
            for (cue, ctx) in &self.contexts {
                let mut words = cue.split(' ');
                let Some(first) = words.next() else { continue };
                if !toks.stems[i].iter().any(|(s, _)| s == first) {
                    continue;
                }
                if words
                    .enumerate()
                    .all(|(k, w)| toks.fold.get(i + 1 + k).is_some_and(|t| t == w))
                {
                    match counts.iter_mut().find(|(c, _)| c == ctx) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((ctx.clone(), 1)),
                    }
                }
            }
        }
    }

    fn code_sentence(
        &self,
        text: &str,
        toks: &Toks,
        sent: &args::Sentence,
        entities: &[EntityInfo],
        published: Option<temporal::Ymd>,
        out: &mut Vec<Event>,
    ) {
        let attribution = self.attribution(toks, sent, entities);
        let words: Vec<&str> = (0..toks.len()).map(|i| &text[toks.range(i)]).collect();
        let dates = temporal::find(&words, published);
        let mut i = 0;
        while i < toks.len() {
            let Some(trig) = self.trigger_at(toks, sent, i) else {
                i += 1;
                continue;
            };
            let entry = &self.entries[trig.entry as usize];
            let parts = args::arguments(toks, sent, &trig, entry, &attribution.sources, entities);
            if parts.actor.is_empty() && parts.recipient.is_empty() {
                i = trig.end;
                continue;
            }
            let mut aux = self.modality_of(toks, &trig);
            let date = dates
                .iter()
                .filter(|(k, _)| toks.same_clause(*k, trig.start) || dates.len() == 1)
                .min_by_key(|(k, _)| k.abs_diff(trig.start))
                .map(|(_, d)| *d);
            if aux == Aux::None {
                if let (Some(d), Some(p)) = (date, published) {
                    if d.days_before(p) > 180 {
                        aux = Aux::Historical;
                    }
                }
            }
            let (date, date_is_published) = match (date, published) {
                (Some(d), _) => (Some(d.to_iso()), false),
                (None, Some(p)) if aux == Aux::None => (
                    Some(
                        temporal::EventDate {
                            date: p,
                            precision: temporal::Precision::Day,
                        }
                        .to_iso(),
                    ),
                    true,
                ),
                _ => (None, false),
            };
            let mode: Vec<String> = entry.mode.iter().cloned().collect();
            out.push(Event {
                event_type: entry.event_type,
                score: entry.event_type.score(entry.mode.as_deref()),
                mode,
                actor: parts.actor,
                recipient: parts.recipient,
                location: parts.location,
                date,
                date_is_published,
                aux,
                reported_by: attribution.chain.clone(),
                evidence: toks.sentence.clone(),
                trigger: toks.range(trig.start).start..toks.range(trig.end - 1).end,
                quote: quote_around(text, toks, trig.start),
            });
            i = trig.end;
        }
    }

    /// The trigger starting at token `i`, longest phrase first.
    fn trigger_at(&self, toks: &Toks, sent: &args::Sentence, i: usize) -> Option<Trig> {
        if !toks.is_word(i) || sent.in_mention(i) {
            return None;
        }
        let w = toks.fold[i].as_str();
        let bare = w
            .strip_prefix(['و', 'ف'])
            .filter(|r| r.chars().count() >= 3)
            .unwrap_or(w);
        if self.never.iter().any(|n| n == w || n == bare) {
            return None;
        }
        let cands = &toks.stems[i];
        for (stem, pre) in cands {
            for (rest, hit) in self.triggers.phrases(stem) {
                let n = rest.len();
                if i + n < toks.len()
                    && (0..n)
                        .all(|k| toks.fold[i + 1 + k] == rest[k] && !sent.in_mention(i + 1 + k))
                    && pre.allows(hit.form)
                {
                    return Some(Trig {
                        start: i,
                        end: i + 1 + n,
                        entry: hit.entry,
                        form: hit.form,
                        future: pre.sin,
                        enclitic: false,
                        passive: passive(toks, i),
                    });
                }
            }
        }
        // Prefer a verb reading for a bare word, a noun reading after the article or a preposition.
        let mut best: Option<Trig> = None;
        for (stem, pre) in cands {
            for hit in self.triggers.word(stem) {
                if !pre.allows(hit.form) {
                    continue;
                }
                let t = Trig {
                    start: i,
                    end: i + 1,
                    entry: hit.entry,
                    form: hit.form,
                    future: pre.sin,
                    enclitic: false,
                    passive: passive(toks, i),
                };
                let better = match &best {
                    None => true,
                    Some(b) => {
                        b.form == Form::Nominal && hit.form != Form::Nominal && !pre.noun_only()
                    }
                };
                if better {
                    best = Some(t);
                }
            }
            if best.is_some() {
                break;
            }
        }
        if best.is_none() {
            // A verbal noun with a possessive pronoun: انفكاكه، اعتقالهم.
            for (stem, pre) in cands {
                let Some(bare) = ["هما", "هم", "ها", "ه"]
                    .iter()
                    .find_map(|p| stem.strip_suffix(p))
                else {
                    continue;
                };
                if bare.chars().count() < 3 || pre.sin {
                    continue;
                }
                if let Some(hit) = self
                    .triggers
                    .word(bare)
                    .iter()
                    .find(|h| h.form == Form::Nominal)
                {
                    return Some(Trig {
                        start: i,
                        end: i + 1,
                        entry: hit.entry,
                        form: hit.form,
                        future: false,
                        enclitic: true,
                        passive: passive(toks, i),
                    });
                }
            }
        }
        best
    }

    fn modality_of(&self, toks: &Toks, trig: &Trig) -> Aux {
        if trig.future && trig.form == Form::Imperfect {
            return Aux::Future;
        }
        let question = toks.fold.first().is_some_and(|w| w == "هل")
            || toks
                .fold
                .iter()
                .rev()
                .find(|w| !w.trim().is_empty())
                .is_some_and(|w| w == "?")
            || toks
                .fold
                .iter()
                .take(trig.start)
                .rev()
                .take(8)
                .any(|w| w == "كيف");
        let (c0, c1) = toks.clause(trig.start);
        let mut found: Vec<Aux> = Vec::new();
        let mut i = c0;
        while i < c1 {
            if i >= trig.start && i < trig.end {
                i += 1;
                continue;
            }
            let mut matched = 0;
            let stems = &toks.stems[i];
            for (stem, pre) in stems.iter().filter(|(_, p)| p.conj_only()) {
                let _ = pre;
                let mut hits: Vec<(usize, u32)> = self
                    .modality
                    .phrases(stem)
                    .iter()
                    .filter(|(rest, _)| {
                        (0..rest.len()).all(|k| toks.fold.get(i + 1 + k) == Some(&rest[k]))
                    })
                    .map(|(rest, h)| (rest.len() + 1, h.entry))
                    .collect();
                hits.extend(self.modality.word(stem).iter().map(|h| (1, h.entry)));
                for (n, cue) in hits {
                    let cue = &self.cues[cue as usize];
                    let before = i + n <= trig.start && trig.start - (i + n) <= 4;
                    let after = i >= trig.end && i - trig.end <= 6;
                    let ok = match cue.scope {
                        Scope::Before => before,
                        Scope::After => after,
                        Scope::Clause => true,
                    };
                    // Particles that negate only a verb right after them; قد marks possibility
                    // only before an imperfect verb (before a perfect it means "already").
                    let tight = matches!(cue.text.as_str(), "ما" | "غير" | "لا" | "ان");
                    let ok = ok
                        && !(tight && i + n != trig.start)
                        && !(cue.text == "قد" && trig.form == Form::Perfect)
                        && !(cue.text == "ما" && trig.form == Form::Nominal);
                    if ok {
                        found.push(cue.aux);
                        matched = matched.max(n);
                    }
                }
            }
            i += matched.max(1);
        }
        // Negation outranks possibility, which outranks the future and the past.
        if question {
            found.push(Aux::Hypothetical);
        }
        // نفى X أن يكون …: everything in the denied complement clause is negated.
        let denial = (0..trig.start).any(|k| {
            toks.stems[k]
                .iter()
                .any(|(w, p)| p.conj_only() && DENIALS.contains(&w.as_str()))
                && (k + 1..trig.start)
                    .any(|j| matches!(toks.fold[j].as_str(), "ان" | "بان" | "انه" | "انها"))
        });
        if denial {
            found.push(Aux::Negated);
        }
        [
            Aux::Negated,
            Aux::Hypothetical,
            Aux::Future,
            Aux::Historical,
        ]
        .into_iter()
        .find(|a| found.contains(a))
        .unwrap_or(Aux::None)
    }

    fn attribution(
        &self,
        toks: &Toks,
        sent: &args::Sentence,
        entities: &[EntityInfo],
    ) -> args::Attribution {
        let mut out = args::Attribution::default();
        for i in 0..toks.len() {
            if !toks.is_word(i) || sent.in_mention(i) {
                continue;
            }
            for (stem, pre) in toks.stems[i].iter().cloned() {
                if !pre.conj_only() {
                    continue;
                }
                let mut kind = None;
                let mut end = i + 1;
                for (rest, hit) in self.reporting.phrases(&stem) {
                    if (0..rest.len()).all(|k| toks.fold.get(i + 1 + k) == Some(&rest[k])) {
                        kind = Some(hit.entry);
                        end = i + 1 + rest.len();
                        break;
                    }
                }
                if kind.is_none() {
                    kind = self.reporting.word(&stem).first().map(|h| h.entry);
                }
                let Some(kind) = kind else { continue };
                let kind = match kind {
                    0 => Reporting::Verb,
                    1 => Reporting::Relay,
                    _ => Reporting::Prep,
                };
                args::attribute(toks, sent, entities, i, end, kind, &mut out);
                break;
            }
        }
        out
    }
}

/// Verbs of denial whose `أن` complement is negated.
const DENIALS: &[&str] = &[
    "نفي",
    "نفت",
    "نفوا",
    "ينفي",
    "تنفي",
    "ينفون",
    "نافيا",
    "نافيه",
    "تنفيه",
    "ينفيه",
];

/// تم / جرى / يتم right before token `i`.
fn passive(toks: &Toks, i: usize) -> bool {
    i > 0
        && matches!(
            toks.fold[i - 1].as_str(),
            "تم" | "وتم" | "جري" | "وجري" | "يتم" | "ويتم" | "سيتم" | "تمت"
        )
}

/// Merges events of one type with the same participants in one sentence, and the two halves
/// of one event (قُتل عشرة من داعش في غارات للتحالف: a verb with only a recipient and a noun
/// with only an actor).
fn dedupe(events: &mut Vec<Event>, from: usize) {
    let mut i = from;
    while i < events.len() {
        let half = (from..events.len()).find(|&j| {
            let (a, b) = (&events[i], &events[j]);
            j != i
                && a.event_type == b.event_type
                && a.actor.is_empty()
                && !a.recipient.is_empty()
                && b.recipient.is_empty()
                && !b.actor.is_empty()
                && !b.actor.iter().any(|x| a.recipient.contains(x))
        });
        if let Some(j) = half {
            let b = events[j].clone();
            let a = &mut events[i];
            a.actor = b.actor;
            for m in b.mode {
                if !a.mode.contains(&m) {
                    a.mode.push(m);
                }
            }
            a.location = a.location.or(b.location);
            events.remove(j);
            if j < i {
                i -= 1;
            }
        }
        i += 1;
    }
    merge_same(events, from);
}

fn merge_same(events: &mut Vec<Event>, from: usize) {
    let mut i = from;
    while i < events.len() {
        let dup = (from..i).find(|&j| {
            let (a, b) = (&events[j], &events[i]);
            a.event_type == b.event_type
                && same_set(&a.actor, &b.actor)
                && same_set(&a.recipient, &b.recipient)
        });
        match dup {
            Some(j) => {
                let e = events.remove(i);
                let keep = &mut events[j];
                for m in e.mode {
                    if !keep.mode.contains(&m) {
                        keep.mode.push(m);
                    }
                }
                if keep.location.is_none() {
                    keep.location = e.location;
                }
            }
            None => i += 1,
        }
    }
}

fn same_set(a: &[usize], b: &[usize]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// A direct quotation (at least four words between matching quotes) around token `i`.
fn quote_around(text: &str, toks: &Toks, i: usize) -> Option<Range<usize>> {
    let open = (0..i)
        .rev()
        .find(|&k| matches!(&text[toks.range(k)], "\"" | "«" | "“"))?;
    let close_ch = match &text[toks.range(open)] {
        "«" => "»",
        "“" => "”",
        _ => "\"",
    };
    let close = (i + 1..toks.len()).find(|&k| &text[toks.range(k)] == close_ch)?;
    if (open + 1..i).any(|k| &text[toks.range(k)] == close_ch) {
        return None;
    }
    let words = (open + 1..close).filter(|&k| toks.is_word(k)).count();
    (words >= 4).then(|| toks.range(open).start..toks.range(close).end)
}

/// A trigger occurrence: tokens `start..end`.
#[derive(Debug, Clone, Copy)]
pub struct Trig {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Trigger entry.
    pub entry: u32,
    /// Verb or noun reading.
    pub form: Form,
    /// Carried the future prefix سـ.
    pub future: bool,
    /// A noun with a possessive pronoun (انفكاكه: its split).
    pub enclitic: bool,
    /// After تم / جرى / يتم: a passive with no stated agent.
    pub passive: bool,
}

/// Proclitics stripped off a word for lookup.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pre {
    /// و or ف.
    pub conj: bool,
    /// سـ (future).
    pub sin: bool,
    /// لـ.
    pub lam: bool,
    /// بـ or كـ.
    pub prep: bool,
    /// الـ.
    pub article: bool,
}

impl Pre {
    fn allows(self, form: Form) -> bool {
        match form {
            Form::Perfect => !self.sin && !self.lam && !self.prep && !self.article,
            Form::Imperfect => !(self.prep || self.article || (self.sin && self.lam)),
            Form::Nominal => !self.sin,
        }
    }

    fn noun_only(self) -> bool {
        self.article || self.prep
    }

    fn conj_only(self) -> bool {
        !self.sin && !self.lam && !self.prep && !self.article
    }
}

/// The readings of a folded word with proclitics removed, the whole word first.
pub fn strip_proclitics(w: &str) -> Vec<(String, Pre)> {
    let mut out = vec![(w.to_string(), Pre::default())];
    let long = |s: &str| s.chars().count() >= 2;
    let mut bases = vec![(w, Pre::default())];
    if let Some(r) = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
        if long(r) {
            bases.push((
                r,
                Pre {
                    conj: true,
                    ..Pre::default()
                },
            ));
            out.push((
                r.to_string(),
                Pre {
                    conj: true,
                    ..Pre::default()
                },
            ));
        }
    }
    for (b, p) in bases {
        if let Some(r) = b.strip_prefix("لل").filter(|r| long(r)) {
            out.push((
                format!("ال{r}"),
                Pre {
                    lam: true,
                    article: true,
                    ..p
                },
            ));
            out.push((
                r.to_string(),
                Pre {
                    lam: true,
                    article: true,
                    ..p
                },
            ));
        }
        for (c, set) in [('ب', 0), ('ك', 0), ('ل', 1), ('س', 2)] {
            if let Some(r) = b.strip_prefix(c).filter(|r| long(r)) {
                let q = match set {
                    0 => Pre { prep: true, ..p },
                    1 => Pre { lam: true, ..p },
                    _ => Pre { sin: true, ..p },
                };
                out.push((r.to_string(), q));
                if set != 2 {
                    if let Some(r2) = r.strip_prefix("ال").filter(|r| long(r)) {
                        out.push((r2.to_string(), Pre { article: true, ..q }));
                    }
                }
            }
        }
        if let Some(r) = b.strip_prefix("ال").filter(|r| long(r)) {
            out.push((r.to_string(), Pre { article: true, ..p }));
        }
    }
    out
}

/// The tokens of one sentence with their folded forms.
pub struct Toks {
    /// The sentence's byte range.
    pub sentence: Range<usize>,
    ranges: Vec<Range<usize>>,
    kinds: Vec<TokenKind>,
    /// Folded tokens.
    pub fold: Vec<String>,
    /// Each token's readings with proclitics removed ([`strip_proclitics`]), computed once.
    pub stems: Vec<Vec<(String, Pre)>>,
}

impl Toks {
    fn new(text: &str, sentence: Range<usize>) -> Toks {
        let toks = tokenize(&text[sentence.clone()]);
        let base = sentence.start;
        let fold: Vec<String> = toks
            .iter()
            .map(|t| lexicon::fold(&text[base + t.start..base + t.end]))
            .collect();
        let stems = fold
            .iter()
            .zip(&toks)
            .map(|(f, t)| {
                if matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) {
                    strip_proclitics(f)
                } else {
                    vec![(f.clone(), Pre::default())]
                }
            })
            .collect();
        Toks {
            ranges: toks.iter().map(|t| base + t.start..base + t.end).collect(),
            kinds: toks.iter().map(|t| t.kind).collect(),
            fold,
            stems,
            sentence,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// True when the sentence has no tokens.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Byte range of token `i`.
    pub fn range(&self, i: usize) -> Range<usize> {
        self.ranges[i].clone()
    }

    /// Kind of token `i`.
    pub fn kind(&self, i: usize) -> TokenKind {
        self.kinds[i]
    }

    /// True for Arabic and Latin words.
    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.kinds[i], TokenKind::Arabic | TokenKind::Latin)
    }

    /// True for a clause boundary: `. , ; : ? !` (folded) and the Arabic comma.
    pub fn is_boundary(&self, i: usize) -> bool {
        self.kinds[i] == TokenKind::Punct
            && matches!(
                self.fold[i].as_str(),
                "." | "," | ";" | ":" | "?" | "!" | "..." | "-"
            )
    }

    /// The clause around token `i`: tokens between boundaries.
    pub fn clause(&self, i: usize) -> (usize, usize) {
        let start = (0..i)
            .rev()
            .find(|&k| self.is_boundary(k))
            .map_or(0, |k| k + 1);
        let end = (i..self.len())
            .find(|&k| self.is_boundary(k))
            .unwrap_or(self.len());
        (start, end)
    }

    /// True when tokens `a` and `b` are in one clause.
    pub fn same_clause(&self, a: usize, b: usize) -> bool {
        let (lo, hi) = (a.min(b), a.max(b));
        !(lo..hi).any(|k| self.is_boundary(k))
    }
}
