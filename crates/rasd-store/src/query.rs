//! Questions asked of the store: full-text search with snippets, event filters, actor-pair
//! (dyad) time series, actor profiles, the event map.

use std::collections::BTreeMap;

use rusqlite::{params_from_iter, OptionalExtension};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::TantivyDocument;

use crate::{fold, Result, Store, StoreError};

/// One search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Where it was read from.
    pub source: String,
    /// URL.
    pub url: Option<String>,
    /// A passage with the query words in `<b>…</b>` (all other text HTML-escaped).
    pub snippet_html: String,
    /// Number of events in the document.
    pub events: i64,
    /// The canonical document of its near-duplicate cluster.
    pub cluster: String,
}

/// A page of search hits.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    /// Total matching documents.
    pub total: usize,
    /// This page.
    pub hits: Vec<Hit>,
}

/// A reference to an actor.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorRef {
    /// Store key (KB id or `x:name`).
    pub key: String,
    /// English (or transliterated) name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
}

/// A place.
#[derive(Debug, Clone, Serialize)]
pub struct Place {
    /// Store key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// One event with its participants resolved, in PLOVER field names.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// Document id.
    pub doc: String,
    /// Event id in the document.
    pub id: String,
    /// Document headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// PLOVER category.
    pub event_type: String,
    /// PLOVER modes.
    pub mode: Vec<String>,
    /// Auxiliary mode.
    pub aux: String,
    /// Event date.
    pub date: Option<String>,
    /// PLOVER score.
    pub score: f64,
    /// cooperation or conflict.
    pub polarity: String,
    /// Document contexts.
    pub context: Vec<String>,
    /// Actors.
    pub actor: Vec<ActorRef>,
    /// Recipients.
    pub recipient: Vec<ActorRef>,
    /// Location.
    pub location: Option<Place>,
    /// Attribution chain.
    pub reported_by: Vec<ActorRef>,
    /// The evidence sentence.
    pub evidence: String,
    /// Evidence offsets (chars) in the document text.
    pub evidence_start: i64,
    /// End of the evidence.
    pub evidence_end: i64,
    /// How many stored events report the same happening (same type, participants, place,
    /// date ± 1 day).
    pub mentions: i64,
    /// The event group id.
    pub group: i64,
}

/// Filters for [`Store::events`].
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Actor name or key.
    pub actor: Option<String>,
    /// Recipient name or key.
    pub recipient: Option<String>,
    /// Either participant (any role).
    pub participant: Option<String>,
    /// PLOVER category.
    pub event_type: Option<String>,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Aux.
    pub aux: Option<String>,
    /// Place name or key (the event location).
    pub place: Option<String>,
    /// ISO country code of the location.
    pub country: Option<String>,
    /// Events on or after this date.
    pub from: Option<String>,
    /// Events on or before this date.
    pub to: Option<String>,
    /// A source in the attribution chain.
    pub reported_by: Option<String>,
    /// Minimum score.
    pub min_score: Option<f64>,
    /// Maximum score.
    pub max_score: Option<f64>,
    /// Page size.
    pub limit: usize,
    /// Page start.
    pub offset: usize,
    /// One event by (document, event id).
    pub exact: Option<(String, String)>,
}

/// A page of events.
#[derive(Debug, Clone, Serialize)]
pub struct EventPage {
    /// Total matching events.
    pub total: usize,
    /// This page.
    pub events: Vec<EventRow>,
}

/// Time buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// YYYY-MM-DD.
    Day,
    /// ISO week, YYYY-Www.
    Week,
    /// YYYY-MM.
    Month,
}

impl Period {
    /// Parses `day`, `week`, `month`.
    pub fn parse(s: &str) -> Result<Period> {
        match s {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(StoreError::BadRequest(format!(
                "`by` must be day, week or month, not `{s}`"
            ))),
        }
    }

    /// The name.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// The bucket of a day number (days since 1970-01-01).
    pub fn bucket(self, day: i64) -> String {
        let (y, m, d) = civil(day);
        match self {
            Period::Day => format!("{y:04}-{m:02}-{d:02}"),
            Period::Month => format!("{y:04}-{m:02}"),
            Period::Week => {
                // ISO 8601: the week with the year's first Thursday is week 1.
                let weekday = (day + 3).rem_euclid(7); // 0 = Monday
                let thursday = day - weekday + 3;
                let (ty, _, _) = civil(thursday);
                let jan1 = crate::day_number(&format!("{ty:04}-01-01")).unwrap_or(thursday);
                format!("{ty:04}-W{:02}", (thursday - jan1) / 7 + 1)
            }
        }
    }
}

/// (year, month, day) of a day number.
fn civil(z: i64) -> (i64, u32, u32) {
    let d = rasd_events::temporal::civil(z);
    (i64::from(d.y), d.m, d.d)
}

/// Count and mean score.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq)]
pub struct Tally {
    /// Events.
    pub count: usize,
    /// Mean PLOVER score (0 when no events).
    pub mean_score: f64,
}

impl Tally {
    fn add(&mut self, score: f64) {
        self.mean_score = (self.mean_score * self.count as f64 + score) / (self.count + 1) as f64;
        self.count += 1;
    }
}

/// One period of a dyad series.
#[derive(Debug, Clone, Serialize)]
pub struct DyadPoint {
    /// The period.
    pub period: String,
    /// Cooperative events (AGREE … RETREAT).
    pub cooperation: Tally,
    /// Conflictual events (REQUEST … ASSAULT).
    pub conflict: Tally,
    /// Events with A acting on B.
    pub a_to_b: usize,
    /// Events with B acting on A.
    pub b_to_a: usize,
    /// Events where both are parties on one side (mutual, symmetric).
    pub mutual: usize,
}

/// A resolved actor query.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved {
    /// What was asked.
    pub query: String,
    /// The store keys it resolved to.
    pub keys: Vec<String>,
    /// Display name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
}

/// The relation between two actors over time.
#[derive(Debug, Clone, Serialize)]
pub struct Dyad {
    /// First actor.
    pub a: Resolved,
    /// Second actor.
    pub b: Resolved,
    /// Bucket size.
    pub by: &'static str,
    /// One point per period with events, in time order.
    pub series: Vec<DyadPoint>,
    /// Totals.
    pub cooperation: Tally,
    /// Totals.
    pub conflict: Tally,
    /// Evidence: up to 25 of the events, most recent first (the rest through `events`).
    pub events: Vec<EventRow>,
}

/// An alias with its validity.
#[derive(Debug, Clone, Serialize)]
pub struct Alias {
    /// The name.
    pub name: String,
    /// `FROM..TO`, when limited.
    pub valid: Option<String>,
}

/// A partner of an actor.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
    /// Events together.
    pub count: usize,
    /// Mean score.
    pub mean_score: f64,
}

/// Partners split by polarity.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Partners {
    /// Cooperative partners.
    pub cooperation: Vec<Partner>,
    /// Conflictual partners.
    pub conflict: Vec<Partner>,
}

/// What the store knows of one actor.
#[derive(Debug, Clone, Serialize)]
pub struct EntityProfile {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
    /// PER, ORG, LOC, MISC.
    #[serde(rename = "type")]
    pub etype: String,
    /// Kind.
    pub kind: String,
    /// Country code.
    pub country: Option<String>,
    /// Parent record id.
    pub parent: Option<String>,
    /// Names over time (from the KB) and as written in the documents.
    pub aliases: Vec<Alias>,
    /// Documents mentioning it.
    pub documents: i64,
    /// Events it takes part in.
    pub events: i64,
    /// Events per month.
    pub timeline: Vec<TimelinePoint>,
    /// Top partners.
    pub partners: Partners,
}

/// A timeline bucket.
#[derive(Debug, Clone, Serialize)]
pub struct TimelinePoint {
    /// Period.
    pub period: String,
    /// Events.
    pub count: usize,
}

/// One map point.
#[derive(Debug, Clone, Serialize)]
pub struct MapPoint {
    /// Place key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Events there.
    pub count: usize,
    /// Events by type.
    pub types: BTreeMap<String, usize>,
}

/// Store totals.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: i64,
    /// Events.
    pub events: i64,
    /// Distinct entities.
    pub entities: i64,
    /// Distinct happenings (event groups).
    pub event_groups: i64,
    /// Near-duplicate documents (not canonical).
    pub near_duplicates: i64,
    /// Documents per source.
    pub sources: Vec<(String, i64)>,
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Store {
    /// Arabic-aware full-text search over titles and texts.
    pub fn search(&self, q: &str, limit: usize, offset: usize) -> Result<SearchPage> {
        let q = q.trim();
        if q.is_empty() {
            return Err(StoreError::BadRequest("empty query".into()));
        }
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.text]);
        parser.set_conjunction_by_default();
        let (query, _errors) = parser.parse_query_lenient(q);
        let (top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit.clamp(1, 200))
                    .and_offset(offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let mut gen = SnippetGenerator::create(&searcher, &*query, f.text)?;
        gen.set_max_num_chars(240);
        let conn = self.conn();
        let mut hits = Vec::new();
        for (_score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let Some(id) = d
                .get_first(f.id)
                .and_then(|v| v.as_str())
                .map(str::to_string)
            else {
                continue;
            };
            let row = conn
                .query_row(
                    "SELECT title, published, source, url, n_events, cluster, text FROM documents WHERE id = ?1",
                    [&id],
                    |r| {
                        Ok((
                            r.get::<_, Option<String>>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, Option<String>>(3)?,
                            r.get::<_, i64>(4)?,
                            r.get::<_, String>(5)?,
                            r.get::<_, String>(6)?,
                        ))
                    },
                )
                .optional()?;
            let Some((title, published, source, url, events, cluster, text)) = row else {
                continue;
            };
            let snippet = gen.snippet(&text);
            let mut html = String::new();
            let frag = snippet.fragment();
            let mut at = 0;
            for r in snippet.highlighted() {
                html.push_str(&html_escape(&frag[at..r.start]));
                html.push_str("<b>");
                html.push_str(&html_escape(&frag[r.clone()]));
                html.push_str("</b>");
                at = r.end;
            }
            html.push_str(&html_escape(&frag[at..]));
            hits.push(Hit {
                id,
                title,
                published,
                source,
                url,
                snippet_html: html,
                events,
                cluster,
            });
        }
        Ok(SearchPage { total, hits })
    }

    /// The stored analysis record of a document.
    pub fn document(&self, id: &str) -> Result<Option<serde_json::Value>> {
        let row: Option<(String, String, String)> = self
            .conn()
            .query_row(
                "SELECT id, record, text FROM documents WHERE id = ?1 OR source_id = ?1 ORDER BY id = ?1 DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(row.and_then(|(doc_id, json, text)| {
            let mut v: serde_json::Value = serde_json::from_str(&json).ok()?;
            if let Some(o) = v.as_object_mut() {
                o.insert("text".into(), serde_json::Value::String(text));
                o.insert("doc_id".into(), serde_json::Value::String(doc_id));
            }
            Some(v)
        }))
    }

    /// Resolves an actor name, alias or key to store keys: exact keys, KB names and aliases
    /// (any spelling the KB folds together), and names found in the documents.
    pub fn resolve(&self, q: &str) -> Result<Resolved> {
        let q = q.trim();
        let mut keys: Vec<String> = Vec::new();
        let kb = rasd_kb::Kb::embedded();
        if kb.get(q).is_some() {
            keys.push(q.to_string());
        }
        for (r, _) in kb.lookup(q) {
            if !keys.contains(&r.id) {
                keys.push(r.id.clone());
            }
        }
        let conn = self.conn();
        let folded = fold(q);
        let mut st = conn.prepare_cached("SELECT DISTINCT key FROM entities WHERE key = ?1 OR name_fold = ?2 OR name = ?3 COLLATE NOCASE")?;
        let rows = st.query_map(rusqlite::params![q, folded, q], |r| r.get::<_, String>(0))?;
        for k in rows {
            let k = k?;
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        // Keep keys the store has seen first (a KB alias may name several records).
        let seen: Vec<String> = keys
            .iter()
            .filter(|k| {
                conn.query_row(
                    "SELECT 1 FROM entities WHERE key = ?1 LIMIT 1",
                    [k.as_str()],
                    |_| Ok(()),
                )
                .optional()
                .ok()
                .flatten()
                .is_some()
            })
            .cloned()
            .collect();
        if !seen.is_empty() {
            keys = seen;
        }
        let (name, name_ar) = keys
            .first()
            .and_then(|k| {
                conn.query_row(
                    "SELECT name, name_ar FROM entities WHERE key = ?1 LIMIT 1",
                    [k],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .ok()
                .flatten()
                .or_else(|| kb.get(k).map(|r| (r.name_en.clone(), r.name_ar.clone())))
            })
            .unwrap_or_else(|| (q.to_string(), q.to_string()));
        Ok(Resolved {
            query: q.to_string(),
            keys,
            name,
            name_ar,
        })
    }

    fn actor_refs(&self, doc: &str, vid: &str, role: &str) -> Result<Vec<ActorRef>> {
        let conn = self.conn();
        let mut st = conn.prepare_cached(
            "SELECT p.key, COALESCE(e.name, p.key), COALESCE(e.name_ar, p.key) FROM event_parts p
             LEFT JOIN entities e ON e.doc = p.doc AND e.key = p.key
             WHERE p.doc = ?1 AND p.vid = ?2 AND p.role = ?3 GROUP BY p.key, p.pos ORDER BY p.pos",
        )?;
        let rows = st.query_map([doc, vid, role], |r| {
            Ok(ActorRef {
                key: r.get(0)?,
                name: r.get(1)?,
                name_ar: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Events matching a filter, most recent first.
    pub fn events(&self, f: &EventFilter) -> Result<EventPage> {
        let mut sql = String::from(
            "SELECT ev.doc, ev.vid, d.title, d.published, ev.event_type, ev.mode, ev.aux, ev.date, ev.score, ev.polarity,
                    ev.context, ev.location, ev.evidence, ev.ev_start, ev.ev_end, g.mentions, ev.group_id
             FROM events ev JOIN documents d ON d.id = ev.doc JOIN event_groups g ON g.id = ev.group_id WHERE 1 = 1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut push = |sql: &mut String, clause: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        for (role, q) in [
            ("actor", &f.actor),
            ("recipient", &f.recipient),
            ("source", &f.reported_by),
        ] {
            if let Some(q) = q {
                let keys = self.resolve(q)?.keys;
                let list = in_list(&keys);
                sql.push_str(&format!(
                    " AND (ev.doc, ev.vid) IN (SELECT p.doc, p.vid FROM event_parts p WHERE p.key IN ({list}) AND p.role = '{role}')"
                ));
            }
        }
        if let Some(q) = &f.participant {
            let list = in_list(&self.resolve(q)?.keys);
            sql.push_str(&format!(
                " AND (ev.doc, ev.vid) IN (SELECT p.doc, p.vid FROM event_parts p WHERE p.key IN ({list}) AND p.role <> 'source')"
            ));
        }
        if let Some((doc, vid)) = &f.exact {
            push(&mut sql, " AND ev.doc = ?", doc.clone().into());
            push(&mut sql, " AND ev.vid = ?", vid.clone().into());
        }
        if let Some(t) = &f.event_type {
            push(&mut sql, " AND ev.event_type = ?", t.to_uppercase().into());
        }
        if let Some(m) = &f.mode {
            push(
                &mut sql,
                " AND (',' || lower(ev.mode) || ',') LIKE ?",
                format!("%,{},%", m.to_lowercase()).into(),
            );
        }
        if let Some(a) = &f.aux {
            push(&mut sql, " AND ev.aux = ?", a.to_lowercase().into());
        }
        if let Some(p) = &f.place {
            let list = in_list(&self.resolve(p)?.keys);
            sql.push_str(&format!(" AND ev.location IN ({list})"));
        }
        if let Some(c) = &f.country {
            push(
                &mut sql,
                " AND EXISTS (SELECT 1 FROM entities e WHERE e.doc = ev.doc AND e.key = ev.location AND e.country = ?)",
                c.to_uppercase().into(),
            );
        }
        for (bound, op) in [(&f.from, ">="), (&f.to, "<=")] {
            if let Some(d) = bound {
                let day = crate::day_number(d)
                    .ok_or_else(|| StoreError::BadRequest(format!("`{d}` is not an ISO date")))?;
                push(&mut sql, &format!(" AND ev.day {op} ?"), day.into());
            }
        }
        if let Some(s) = f.min_score {
            push(&mut sql, " AND ev.score >= ?", s.into());
        }
        if let Some(s) = f.max_score {
            push(&mut sql, " AND ev.score <= ?", s.into());
        }
        let total: usize = {
            let conn = self.conn();
            let count_sql = format!("SELECT COUNT(*) FROM ({sql}) AS c");
            conn.query_row(&count_sql, params_from_iter(args.iter()), |r| {
                r.get::<_, i64>(0)
            })? as usize
        };
        sql.push_str(&format!(
            " ORDER BY ev.day DESC, ev.doc, ev.vid LIMIT {} OFFSET {}",
            f.limit.clamp(1, 10_000),
            f.offset
        ));
        let rows: Vec<EventRow> = {
            let conn = self.conn();
            let mut st = conn.prepare(&sql)?;
            let rows = st.query_map(params_from_iter(args.iter()), |r| {
                let mode: String = r.get(5)?;
                let context: String = r.get(10)?;
                Ok((
                    EventRow {
                        doc: r.get(0)?,
                        id: r.get(1)?,
                        title: r.get(2)?,
                        published: r.get(3)?,
                        event_type: r.get(4)?,
                        mode: mode
                            .split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                        aux: r.get(6)?,
                        date: r.get(7)?,
                        score: r.get(8)?,
                        polarity: r.get(9)?,
                        context: context
                            .split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                        actor: Vec::new(),
                        recipient: Vec::new(),
                        location: None,
                        reported_by: Vec::new(),
                        evidence: r.get(12)?,
                        evidence_start: r.get(13)?,
                        evidence_end: r.get(14)?,
                        mentions: r.get(15)?,
                        group: r.get(16)?,
                    },
                    r.get::<_, Option<String>>(11)?,
                ))
            })?;
            rows.collect::<std::result::Result<Vec<_>, _>>()?
                .into_iter()
                .map(|(mut e, loc)| {
                    e.location = loc.map(|k| Place {
                        key: k,
                        name: String::new(),
                        name_ar: String::new(),
                        lat: None,
                        lon: None,
                    });
                    e
                })
                .collect()
        };
        let mut out = Vec::with_capacity(rows.len());
        for mut e in rows {
            e.actor = self.actor_refs(&e.doc, &e.id, "actor")?;
            e.recipient = self.actor_refs(&e.doc, &e.id, "recipient")?;
            e.reported_by = self.actor_refs(&e.doc, &e.id, "source")?;
            if let Some(p) = &mut e.location {
                let conn = self.conn();
                if let Some((name, name_ar, lat, lon)) = conn
                    .query_row(
                        "SELECT name, name_ar, lat, lon FROM entities WHERE doc = ?1 AND key = ?2 LIMIT 1",
                        [&e.doc, &p.key],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?
                {
                    p.name = name;
                    p.name_ar = name_ar;
                    p.lat = lat;
                    p.lon = lon;
                }
            }
            out.push(e);
        }
        Ok(EventPage { total, events: out })
    }

    /// Cooperation and conflict between two actors over time, both directions.
    pub fn dyad(&self, a: &str, b: &str, by: Period) -> Result<Dyad> {
        let ra = self.resolve(a)?;
        let rb = self.resolve(b)?;
        if ra.keys.is_empty() || rb.keys.is_empty() {
            let missing = if ra.keys.is_empty() { a } else { b };
            return Err(StoreError::BadRequest(format!(
                "no actor named `{missing}` in the store"
            )));
        }
        let (la, lb) = (in_list(&ra.keys), in_list(&rb.keys));
        let sql = format!(
            "SELECT ev.doc, ev.vid, COALESCE(ev.day, d.day), ev.score, ev.polarity, ev.date,
                (SELECT COUNT(*) FROM event_parts p WHERE p.doc = ev.doc AND p.vid = ev.vid AND p.role = 'actor' AND p.key IN ({la})),
                (SELECT COUNT(*) FROM event_parts p WHERE p.doc = ev.doc AND p.vid = ev.vid AND p.role = 'recipient' AND p.key IN ({la})),
                (SELECT COUNT(*) FROM event_parts p WHERE p.doc = ev.doc AND p.vid = ev.vid AND p.role = 'actor' AND p.key IN ({lb})),
                (SELECT COUNT(*) FROM event_parts p WHERE p.doc = ev.doc AND p.vid = ev.vid AND p.role = 'recipient' AND p.key IN ({lb}))
             FROM events ev JOIN documents d ON d.id = ev.doc
             WHERE (ev.doc, ev.vid) IN (SELECT p.doc, p.vid FROM event_parts p WHERE p.key IN ({la}) AND p.role <> 'source')
               AND (ev.doc, ev.vid) IN (SELECT p.doc, p.vid FROM event_parts p WHERE p.key IN ({lb}) AND p.role <> 'source')"
        );
        type Row = (
            String,
            String,
            Option<i64>,
            f64,
            String,
            Option<String>,
            i64,
            i64,
            i64,
            i64,
        );
        let rows: Vec<Row> = {
            let conn = self.conn();
            let mut st = conn.prepare(&sql)?;
            let it = st.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?;
            it.collect::<std::result::Result<Vec<_>, _>>()?
        };
        let mut buckets: BTreeMap<String, DyadPoint> = BTreeMap::new();
        let (mut coop, mut conf) = (Tally::default(), Tally::default());
        for (_, _, day, score, polarity, date, a_act, a_rec, b_act, b_rec) in &rows {
            // An event dated only to a year (or a month) stays in that coarser period.
            let period = match date.as_deref() {
                Some(d) if d.len() == 4 => d.to_string(),
                Some(d) if d.len() == 7 && by != Period::Month => d.to_string(),
                _ => day.map_or_else(|| "undated".to_string(), |d| by.bucket(d)),
            };
            let p = buckets.entry(period.clone()).or_insert_with(|| DyadPoint {
                period,
                cooperation: Tally::default(),
                conflict: Tally::default(),
                a_to_b: 0,
                b_to_a: 0,
                mutual: 0,
            });
            if polarity == "cooperation" {
                p.cooperation.add(*score);
                coop.add(*score);
            } else {
                p.conflict.add(*score);
                conf.add(*score);
            }
            if *a_act > 0 && *b_rec > 0 {
                p.a_to_b += 1;
            } else if *b_act > 0 && *a_rec > 0 {
                p.b_to_a += 1;
            } else {
                p.mutual += 1;
            }
        }
        let mut events = Vec::new();
        for (doc, vid, ..) in rows.iter().rev().take(25) {
            events.append(&mut self.events(&EventFilter::with_event(doc, vid))?.events);
        }
        events.sort_by(|a, b| b.date.cmp(&a.date));
        Ok(Dyad {
            a: ra,
            b: rb,
            by: by.as_str(),
            series: buckets.into_values().collect(),
            cooperation: coop,
            conflict: conf,
            events,
        })
    }

    /// A profile of one actor.
    pub fn entity(&self, q: &str) -> Result<Option<EntityProfile>> {
        let r = self.resolve(q)?;
        let Some(key) = r.keys.first().cloned() else {
            return Ok(None);
        };
        let kb = rasd_kb::Kb::embedded();
        let conn = self.conn();
        let row: Option<(String, String, String, String, Option<String>)> = conn
            .query_row(
                "SELECT name, name_ar, type, kind, country FROM entities WHERE key = ?1 LIMIT 1",
                [&key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let rec = kb.get(&key);
        let Some((name, name_ar, etype, kind, country)) = row.or_else(|| {
            rec.map(|r| {
                (
                    r.name_en.clone(),
                    r.name_ar.clone(),
                    r.etype.as_str().to_string(),
                    r.kind.clone(),
                    r.country.clone(),
                )
            })
        }) else {
            return Ok(None);
        };
        let mut aliases: Vec<Alias> = Vec::new();
        if let Some(r) = rec {
            for a in &r.aliases {
                let valid = (a.valid.from.is_some() || a.valid.to.is_some()).then(|| {
                    format!(
                        "{}..{}",
                        a.valid.from.as_deref().unwrap_or(""),
                        a.valid.to.as_deref().unwrap_or("")
                    )
                });
                aliases.push(Alias {
                    name: a.text.clone(),
                    valid,
                });
            }
        }
        {
            let mut st =
                conn.prepare("SELECT DISTINCT name_ar FROM entities WHERE key = ?1 LIMIT 50")?;
            for n in st.query_map([&key], |r| r.get::<_, String>(0))? {
                let n = n?;
                if !aliases.iter().any(|a| a.name == n) && n != name_ar {
                    aliases.push(Alias {
                        name: n,
                        valid: None,
                    });
                }
            }
        }
        let documents: i64 = conn.query_row(
            "SELECT COUNT(DISTINCT doc) FROM entities WHERE key = ?1",
            [&key],
            |r| r.get(0),
        )?;
        let mut st = conn.prepare(
            "SELECT COALESCE(ev.day, d.day), ev.score, ev.polarity, ev.doc, ev.vid FROM events ev JOIN documents d ON d.id = ev.doc
             WHERE (ev.doc, ev.vid) IN (SELECT p.doc, p.vid FROM event_parts p WHERE p.key = ?1 AND p.role <> 'source')",
        )?;
        let evs: Vec<(Option<i64>, f64, String, String, String)> = st
            .query_map([&key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut timeline: BTreeMap<String, usize> = BTreeMap::new();
        for (day, ..) in &evs {
            *timeline
                .entry(day.map_or_else(|| "undated".into(), |d| Period::Month.bucket(d)))
                .or_default() += 1;
        }
        let mut partners: BTreeMap<(String, String), (Tally, String, String)> = BTreeMap::new();
        let mut pst = conn.prepare_cached(
            "SELECT DISTINCT p.key, COALESCE(e.name, p.key), COALESCE(e.name_ar, p.key) FROM event_parts p
             LEFT JOIN entities e ON e.doc = p.doc AND e.key = p.key
             WHERE p.doc = ?1 AND p.vid = ?2 AND p.role <> 'source' AND p.key <> ?3",
        )?;
        for (_, score, polarity, doc, vid) in &evs {
            for row in pst.query_map([doc, vid, &key], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })? {
                let (k, n, na) = row?;
                let e = partners
                    .entry((polarity.clone(), k))
                    .or_insert_with(|| (Tally::default(), n, na));
                e.0.add(*score);
            }
        }
        let mut out = Partners::default();
        for ((polarity, k), (t, n, na)) in partners {
            let p = Partner {
                key: k,
                name: n,
                name_ar: na,
                count: t.count,
                mean_score: t.mean_score,
            };
            if polarity == "cooperation" {
                out.cooperation.push(p);
            } else {
                out.conflict.push(p);
            }
        }
        for list in [&mut out.cooperation, &mut out.conflict] {
            list.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
            list.truncate(10);
        }
        Ok(Some(EntityProfile {
            key: key.clone(),
            name,
            name_ar,
            etype,
            kind,
            country,
            parent: rec.and_then(|r| r.parent.clone()),
            aliases,
            documents,
            events: evs.len() as i64,
            timeline: timeline
                .into_iter()
                .map(|(period, count)| TimelinePoint { period, count })
                .collect(),
            partners: out,
        }))
    }

    /// Event locations with counts, optionally filtered.
    pub fn map(
        &self,
        event_type: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<MapPoint>> {
        let mut sql = String::from(
            "SELECT ev.location, ev.event_type, e.name, e.name_ar, e.lat, e.lon FROM events ev
             JOIN entities e ON e.doc = ev.doc AND e.key = ev.location
             WHERE ev.location IS NOT NULL AND e.lat IS NOT NULL",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(t) = event_type {
            args.push(t.to_uppercase().into());
            sql.push_str(&format!(" AND ev.event_type = ?{}", args.len()));
        }
        for (bound, op) in [(from, ">="), (to, "<=")] {
            if let Some(d) = bound {
                let day = crate::day_number(d)
                    .ok_or_else(|| StoreError::BadRequest(format!("`{d}` is not an ISO date")))?;
                args.push(day.into());
                sql.push_str(&format!(" AND ev.day {op} ?{}", args.len()));
            }
        }
        let conn = self.conn();
        let mut st = conn.prepare(&sql)?;
        let mut points: BTreeMap<String, MapPoint> = BTreeMap::new();
        let rows = st.query_map(params_from_iter(args.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, f64>(4)?,
                r.get::<_, f64>(5)?,
            ))
        })?;
        for row in rows {
            let (key, t, name, name_ar, lat, lon) = row?;
            let p = points.entry(key.clone()).or_insert_with(|| MapPoint {
                key,
                name,
                name_ar,
                lat,
                lon,
                count: 0,
                types: BTreeMap::new(),
            });
            p.count += 1;
            *p.types.entry(t).or_default() += 1;
        }
        let mut v: Vec<MapPoint> = points.into_values().collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
        Ok(v)
    }

    /// Totals.
    pub fn stats(&self) -> Result<Stats> {
        let (documents, events, entities, event_groups) = self.counts()?;
        let conn = self.conn();
        let near_duplicates = conn.query_row(
            "SELECT COUNT(*) FROM documents WHERE cluster <> id",
            [],
            |r| r.get(0),
        )?;
        let mut st = conn.prepare("SELECT source, COUNT(*) FROM documents GROUP BY source ORDER BY COUNT(*) DESC LIMIT 50")?;
        let sources = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(Stats {
            documents,
            events,
            entities,
            event_groups,
            near_duplicates,
            sources,
        })
    }
}

impl EventFilter {
    fn with_event(doc: &str, vid: &str) -> EventFilter {
        EventFilter {
            limit: 1,
            exact: Some((doc.to_string(), vid.to_string())),
            ..Default::default()
        }
    }
}

/// `'a', 'b'` for keys (quotes doubled).
fn in_list(keys: &[String]) -> String {
    if keys.is_empty() {
        return "NULL".into();
    }
    keys.iter()
        .map(|k| format!("'{}'", k.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ")
}
