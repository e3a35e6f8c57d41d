//! One document through the whole pipeline into the output record of `rasd analyze` (see `../shared/eval/CONTRACT.md`): all offsets are
//! Unicode-scalar (char) offsets into `text`, end exclusive.

#![warn(missing_docs)]

pub use rasd_ingest::Document;

use rasd_ingest::furniture::SpanKind;
use rasd_ingest::Format;
use rasd_text::offsets::CharIndex;
use serde::Serialize;

/// A char span.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CharSpan {
    /// Start (chars).
    pub start: usize,
    /// End (chars, exclusive).
    pub end: usize,
}

/// A marked layout span.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutSpan {
    /// Start (chars).
    pub start: usize,
    /// End (chars, exclusive).
    pub end: usize,
    /// headline, dateline, share_bar or repeated_caption.
    pub kind: SpanKind,
}

/// Coordinates.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Geo {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// A mention of an entity.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    /// Start (chars).
    pub start: usize,
    /// End (chars, exclusive).
    pub end: usize,
    /// The mention as written.
    pub text: String,
}

/// An entity of the document.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// `E1`, `E2`, … in order of first mention.
    pub id: String,
    /// Canonical English name.
    pub name: String,
    /// Canonical Arabic name.
    pub name_ar: String,
    /// PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub etype: &'static str,
    /// Finer kind.
    pub kind: String,
    /// Coordinates of a resolved place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo>,
    /// Knowledge-base id (absent for names the knowledge base does not know).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// ISO 3166-1 alpha-2 country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Wikidata id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Every mention.
    pub mentions: Vec<Mention>,
}

/// One coded PLOVER event; entity references are entity `id`s of the same record.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// `V1`, `V2` …
    pub id: String,
    /// PLOVER category.
    pub event_type: &'static str,
    /// PLOVER modes.
    pub mode: Vec<String>,
    /// Who acts.
    pub actor: Vec<String>,
    /// Who is acted upon.
    pub recipient: Vec<String>,
    /// Where (a LOC entity).
    pub location: Option<String>,
    /// When: ISO date, month or year.
    pub date: Option<String>,
    /// `text` (a date expression), `published` (the publication date stands in) or `none`.
    pub date_source: &'static str,
    /// PLOVER auxiliary mode: none, historical, future, hypothetical, negated.
    pub aux: &'static str,
    /// Attribution chain, outermost source first.
    pub reported_by: Vec<String>,
    /// PLOVER cooperation–conflict score.
    pub score: f32,
    /// `cooperation` (AGREE … RETREAT) or `conflict` (REQUEST … ASSAULT).
    pub polarity: &'static str,
    /// Document-level PLOVER contexts.
    pub context: Vec<String>,
    /// The evidence sentence (character offsets).
    pub evidence: CharSpan,
    /// The trigger words.
    pub trigger: Mention,
    /// A direct quotation containing the trigger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<CharSpan>,
}

/// Counts for a person or a dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Characters in `text`.
    pub chars: usize,
    /// Sentences in the body (furniture excluded).
    pub sentences: usize,
    /// Tokens in the body.
    pub tokens: usize,
    /// Word tokens in the body.
    pub words: usize,
}

/// One analysis record.
#[derive(Debug, Serialize)]
pub struct Record {
    /// File name or JSONL id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    /// The text all offsets refer to.
    pub text: String,
    /// Entities linked to the knowledge base.
    pub entities: Vec<Entity>,
    /// Events (filled by the event coder).
    pub events: Vec<Event>,
    /// The document URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where the document came from.
    pub source: String,
    /// Input format.
    pub format: Format,
    /// Character encoding of the input.
    pub encoding: &'static str,
    /// Headline, dateline and page-furniture spans: non-body text later stages skip.
    pub layout: Vec<LayoutSpan>,
    /// Body sentences.
    pub sentences: Vec<CharSpan>,
    /// Counts.
    pub stats: Stats,
}

impl Record {
    /// Analyses one document with the stages built so far.
    pub fn from_document(doc: Document, kb: &rasd_kb::Kb) -> Record {
        let ci = CharIndex::new(&doc.text);
        let span = |r: &std::ops::Range<usize>| CharSpan {
            start: ci.char_of(r.start),
            end: ci.char_of(r.end),
        };
        let layout: Vec<LayoutSpan> = doc
            .layout
            .spans
            .iter()
            .map(|s| {
                let c = span(&s.range);
                LayoutSpan {
                    start: c.start,
                    end: c.end,
                    kind: s.kind,
                }
            })
            .collect();
        let mut sentences = Vec::new();
        let mut body_sentences = Vec::new();
        let mut tokens = 0;
        let mut words = 0;
        let mut toks = Vec::new();
        for r in rasd_text::sentences::split(&doc.text) {
            if doc
                .layout
                .spans
                .iter()
                .any(|s| s.kind.is_furniture() && s.range.start <= r.start && r.end <= s.range.end)
            {
                continue;
            }
            toks.clear();
            rasd_text::tokenize::tokenize_into(&doc.text[r.clone()], &mut toks);
            tokens += toks.len();
            words += toks.iter().filter(|t| t.is_word()).count();
            sentences.push(span(&r));
            body_sentences.push(r);
        }
        let furniture = |r: &std::ops::Range<usize>| {
            doc.layout
                .spans
                .iter()
                .any(|s| s.kind.is_furniture() && s.range.start <= r.start && r.end <= s.range.end)
        };
        let published = doc.published.as_deref();
        let found = rasd_ner::entities(kb, &doc.text, published, furniture);
        let events = code_events(&doc.text, &ci, &body_sentences, &found, kb, published);
        let entities = found
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let rec = match e.source {
                    rasd_ner::Source::Kb(r) => Some(kb.record(r)),
                    rasd_ner::Source::Found => None,
                };
                Entity {
                    id: format!("E{}", i + 1),
                    name: if e.name_en.is_empty() {
                        e.name_ar.clone()
                    } else {
                        e.name_en.clone()
                    },
                    name_ar: e.name_ar.clone(),
                    etype: e.etype.as_str(),
                    kind: rec.map_or_else(|| found_kind(e.etype).to_string(), |r| r.kind.clone()),
                    geo: rec
                        .and_then(|r| r.geo.filter(|_| r.etype == rasd_kb::EntityType::Loc))
                        .map(|(lat, lon)| Geo { lat, lon }),
                    kb_id: rec.map(|r| r.id.clone()),
                    country: rec.and_then(|r| r.country.clone()),
                    wikidata: rec.and_then(|r| r.wikidata.clone()),
                    mentions: e
                        .mentions
                        .iter()
                        .map(|m| Mention {
                            start: ci.char_of(m.start),
                            end: ci.char_of(m.end),
                            text: doc.text[m.clone()].to_string(),
                        })
                        .collect(),
                }
            })
            .collect();
        Record {
            stats: Stats {
                chars: ci.char_len(),
                sentences: sentences.len(),
                tokens,
                words,
            },
            id: doc.id,
            title: doc.title,
            published: doc.published,
            entities,
            events,
            url: doc.url,
            source: doc.source,
            format: doc.format,
            encoding: doc.encoding,
            layout,
            sentences,
            text: doc.text,
        }
    }
}

/// Codes the PLOVER events of a document and renders them in the contract's form.
fn code_events(
    text: &str,
    ci: &CharIndex,
    sentences: &[std::ops::Range<usize>],
    found: &[rasd_ner::DocEntity],
    kb: &rasd_kb::Kb,
    published: Option<&str>,
) -> Vec<Event> {
    let infos: Vec<rasd_events::EntityInfo> = found
        .iter()
        .map(|e| rasd_events::EntityInfo {
            etype: e.etype.as_str().to_string(),
            kind: match e.source {
                rasd_ner::Source::Kb(r) => kb.record(r).kind.clone(),
                rasd_ner::Source::Found => found_kind(e.etype).to_string(),
            },
            capital: e.etype == rasd_kb::EntityType::Loc && rasd_events::is_capital(&e.name_ar),
        })
        .collect();
    let mentions: Vec<rasd_events::MentionRef> = found
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            let rec = match e.source {
                rasd_ner::Source::Kb(r) => Some(kb.record(r)),
                rasd_ner::Source::Found => None,
            };
            e.mentions.iter().map(move |m| rasd_events::MentionRef {
                range: m.clone(),
                entity: i,
                demonym: rec.is_some_and(|r| {
                    e.only_demonyms
                        || kb.lookup(&text[m.clone()]).iter().any(|(x, how)| {
                            x.id == r.id && matches!(how, rasd_kb::NameKind::Demonym)
                        })
                }),
            })
        })
        .collect();
    let coded = rasd_events::Coder::embedded().code(text, sentences, &infos, &mentions, published);
    let eid = |i: &usize| format!("E{}", i + 1);
    let span = |r: &std::ops::Range<usize>| CharSpan {
        start: ci.char_of(r.start),
        end: ci.char_of(r.end),
    };
    coded
        .events
        .iter()
        .enumerate()
        .map(|(k, e)| Event {
            id: format!("V{}", k + 1),
            event_type: e.event_type.as_str(),
            mode: e.mode.clone(),
            actor: e.actor.iter().map(eid).collect(),
            recipient: e.recipient.iter().map(eid).collect(),
            location: e.location.as_ref().map(eid),
            date: e.date.clone(),
            date_source: match (&e.date, e.date_is_published) {
                (None, _) => "none",
                (Some(_), true) => "published",
                (Some(_), false) => "text",
            },
            aux: e.aux.as_str(),
            reported_by: e.reported_by.iter().map(eid).collect(),
            score: e.score,
            polarity: if e.event_type.is_cooperation() {
                "cooperation"
            } else {
                "conflict"
            },
            context: coded.context.clone(),
            evidence: span(&e.evidence),
            trigger: Mention {
                start: ci.char_of(e.trigger.start),
                end: ci.char_of(e.trigger.end),
                text: text[e.trigger.clone()].to_string(),
            },
            quote: e.quote.as_ref().map(span),
        })
        .collect()
}

/// The kind of a name the knowledge base does not know, from its type.
fn found_kind(t: rasd_kb::EntityType) -> &'static str {
    match t {
        rasd_kb::EntityType::Per => "person",
        rasd_kb::EntityType::Org => "organization",
        rasd_kb::EntityType::Loc => "place",
        rasd_kb::EntityType::Misc => "misc",
    }
}
