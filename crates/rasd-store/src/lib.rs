//! The rasd corpus store.
//!
//! One directory (default `./rasd-data`) holds:
//! - `rasd.sqlite`: documents (content-hash ids), entities, events with their participants,
//!   near-duplicate clusters and cross-document event groups (`schema.sql`);
//! - `index/`: a tantivy full-text index over titles and texts with the Arabic analyzer of
//!   [`analyzer`].
//!
//! **Idempotent and crash-safe.** A document's id is the SHA-256 of its text, so re-ingesting
//! skips it. Each batch is one SQLite transaction: a killed ingest leaves whole documents or
//! none. The full-text index is committed after SQLite and each document carries an `indexed`
//! flag; [`Store::open`] re-indexes documents whose flag was never set.

#![warn(missing_docs)]

pub mod analyzer;
pub mod export;
pub mod query;
pub mod simhash;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rasd_analysis::Record;
use rasd_text::normalize::{normalize_str, Layer};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// Schema version written to `meta`.
pub const SCHEMA_VERSION: &str = "1";

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The full-text index failed.
    #[error("full-text index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index directory could not be opened.
    #[error("full-text index directory: {0}")]
    Dir(#[from] tantivy::directory::error::OpenDirectoryError),
    /// A query could not be parsed.
    #[error("query: {0}")]
    Query(#[from] tantivy::query::QueryParserError),
    /// File system.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A store made by another schema version.
    #[error("{path} has schema version {found}, this rasd reads version {SCHEMA_VERSION}")]
    Version {
        /// The store.
        path: String,
        /// Its version.
        found: String,
    },
    /// A bad request parameter.
    #[error("{0}")]
    BadRequest(String),
    /// Export failed.
    #[error("export: {0}")]
    Export(String),
}

/// Result alias.
pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    text: Field,
    published: Field,
    source: Field,
}

/// The store.
pub struct Store {
    dir: PathBuf,
    conn: Mutex<Connection>,
    index: Index,
    reader: IndexReader,
    /// Created on the first write, so readers (`rasd serve`, `rasd query`) never take the
    /// index lock and can run beside an ingest.
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
    /// (simhash, cluster id) of every document, for near-duplicate search.
    fingerprints: Mutex<Vec<(u64, String)>>,
    /// Documents added to the index writer but not committed.
    pending: Mutex<Vec<String>>,
    /// Commit the index when this many documents are pending.
    commit_every: std::sync::atomic::AtomicUsize,
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.commit_index();
    }
}

/// One document ready to store: the analysis record and its derived keys.
pub struct Prepared {
    /// Content-hash id.
    pub id: String,
    /// The record.
    pub record: Record,
}

/// What one [`Store::ingest`] call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Documents stored.
    pub added: usize,
    /// Documents already present (same text).
    pub skipped: usize,
    /// Of the added, near-duplicates of an earlier document.
    pub near_duplicates: usize,
    /// Events stored.
    pub events: usize,
    /// Of those, events that joined an existing event group.
    pub merged_events: usize,
}

/// The content-hash id of a text: the first 16 bytes of its SHA-256, hex.
pub fn content_id(text: &str) -> String {
    let h = Sha256::digest(text.as_bytes());
    h[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The store key of an entity: its KB id, or `x:` and its folded Arabic name.
pub fn entity_key(kb_id: Option<&str>, name_ar: &str) -> String {
    match kb_id {
        Some(id) => id.to_string(),
        None => format!("x:{}", fold(name_ar)),
    }
}

/// Search-layer folding for names.
pub fn fold(s: &str) -> String {
    normalize_str(s.trim(), Layer::Search).to_lowercase()
}

/// Days since 1970-01-01 of an ISO date's day part (`2017-04-22…`); years and months give
/// their first day.
pub fn day_number(iso: &str) -> Option<i64> {
    let y: i32 = iso.get(..4)?.parse().ok()?;
    let m: u32 = iso.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let d: u32 = iso.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(rasd_events::temporal::days(rasd_events::temporal::Ymd {
        y,
        m,
        d,
    }))
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        let io = |source| StoreError::Io {
            path: dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir.join("index")).map_err(io)?;
        let conn = Connection::open(dir.join("rasd.sqlite"))?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        )?;
        conn.execute_batch(include_str!("schema.sql"))?;
        let version: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match version {
            None => {
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)",
                    [SCHEMA_VERSION],
                )?;
            }
            Some(v) if v != SCHEMA_VERSION => {
                return Err(StoreError::Version {
                    path: dir.display().to_string(),
                    found: v,
                });
            }
            Some(_) => {}
        }
        let (index, fields) = open_index(&dir.join("index"))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        let fingerprints = {
            let mut st = conn.prepare("SELECT simhash, cluster FROM documents")?;
            let rows = st.query_map([], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?))
            })?;
            rows.collect::<std::result::Result<Vec<_>, _>>()?
        };
        let store = Store {
            dir,
            conn: Mutex::new(conn),
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            fingerprints: Mutex::new(fingerprints),
            pending: Mutex::new(Vec::new()),
            commit_every: std::sync::atomic::AtomicUsize::new(1),
        };
        store.reindex_pending()?;
        Ok(store)
    }

    /// The store's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// True when a document with this content id is stored.
    pub fn contains(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Stores a batch of analysed documents in one transaction, then indexes their text.
    pub fn ingest(&self, batch: Vec<Prepared>) -> Result<IngestStats> {
        let mut stats = IngestStats::default();
        let mut added: Vec<(String, String, String, Option<String>, String)> = Vec::new();
        {
            let mut conn = self.conn();
            let tx = conn.transaction()?;
            let mut fps = self.fingerprints.lock().unwrap_or_else(|e| e.into_inner());
            for p in batch {
                let exists = tx
                    .query_row("SELECT 1 FROM documents WHERE id = ?1", [&p.id], |_| Ok(()))
                    .optional()?;
                if exists.is_some() {
                    stats.skipped += 1;
                    continue;
                }
                let rec = &p.record;
                let fp = simhash::simhash(&rec.text);
                let cluster = fps
                    .iter()
                    .find(|(h, _)| simhash::distance(*h, fp) <= simhash::MAX_DISTANCE)
                    .map(|(_, c)| c.clone());
                if cluster.is_some() {
                    stats.near_duplicates += 1;
                }
                let cluster = cluster.unwrap_or_else(|| p.id.clone());
                fps.push((fp, cluster.clone()));
                let record_json =
                    serde_json::to_string(rec).map_err(|e| StoreError::Export(e.to_string()))?;
                let published_day = rec.published.as_deref().and_then(day_number);
                tx.prepare_cached(
                    "INSERT INTO documents (id, source_id, title, published, day, url, source, simhash, cluster, indexed, n_events, text, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11, ?12)",
                )?
                .execute(params![
                        p.id,
                        rec.id,
                        rec.title,
                        rec.published,
                        published_day,
                        rec.url,
                        rec.source,
                        fp as i64,
                        cluster,
                        rec.events.len() as i64,
                        rec.text,
                        record_json
                    ],
                )?;
                let keys: Vec<String> = rec
                    .entities
                    .iter()
                    .map(|e| entity_key(e.kb_id.as_deref(), &e.name_ar))
                    .collect();
                {
                    let mut st = tx.prepare_cached(
                        "INSERT INTO entities (doc, eid, key, name, name_ar, name_fold, type, kind, country, lat, lon, mentions)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    )?;
                    for (e, key) in rec.entities.iter().zip(&keys) {
                        st.execute(params![
                            p.id,
                            e.id,
                            key,
                            e.name,
                            e.name_ar,
                            fold(&e.name_ar),
                            e.etype,
                            e.kind,
                            e.country,
                            e.geo.map(|g| g.lat),
                            e.geo.map(|g| g.lon),
                            e.mentions.len() as i64
                        ])?;
                    }
                }
                let key_of = |eid: &str| -> Option<&String> {
                    rec.entities
                        .iter()
                        .position(|e| e.id == eid)
                        .map(|i| &keys[i])
                };
                let chars: Vec<char> = rec.text.chars().collect();
                for ev in &rec.events {
                    let mut actors: Vec<&String> =
                        ev.actor.iter().filter_map(|a| key_of(a)).collect();
                    let mut recips: Vec<&String> =
                        ev.recipient.iter().filter_map(|a| key_of(a)).collect();
                    actors.sort();
                    recips.sort();
                    let loc = ev.location.as_deref().and_then(key_of);
                    let group_key = format!(
                        "{}|{}|{}|{}",
                        ev.event_type,
                        actors
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(","),
                        recips
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(","),
                        loc.map_or("", |s| s.as_str())
                    );
                    let day = ev.date.as_deref().and_then(day_number).or(published_day);
                    let gday = day.unwrap_or(0);
                    let existing: Option<i64> = tx
                        .query_row(
                            "SELECT id FROM event_groups WHERE key = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY id LIMIT 1",
                            params![group_key, gday - 1, gday + 1],
                            |r| r.get(0),
                        )
                        .optional()?;
                    let group_id = match existing {
                        Some(g) => {
                            tx.execute(
                                "UPDATE event_groups SET mentions = mentions + 1 WHERE id = ?1",
                                [g],
                            )?;
                            stats.merged_events += 1;
                            g
                        }
                        None => {
                            tx.execute(
                                "INSERT INTO event_groups (key, day, mentions) VALUES (?1, ?2, 1)",
                                params![group_key, gday],
                            )?;
                            tx.last_insert_rowid()
                        }
                    };
                    let evidence: String = chars
                        [ev.evidence.start.min(chars.len())..ev.evidence.end.min(chars.len())]
                        .iter()
                        .collect();
                    tx.execute(
                        "INSERT INTO events (doc, vid, group_id, event_type, mode, aux, date, day, score, polarity, location, context, evidence, ev_start, ev_end)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                        params![
                            p.id,
                            ev.id,
                            group_id,
                            ev.event_type,
                            ev.mode.join(","),
                            ev.aux,
                            ev.date,
                            day,
                            f64::from(ev.score),
                            ev.polarity,
                            loc,
                            ev.context.join(","),
                            evidence.trim(),
                            ev.evidence.start as i64,
                            ev.evidence.end as i64
                        ],
                    )?;
                    let mut st = tx.prepare_cached(
                        "INSERT INTO event_parts (doc, vid, role, pos, key) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?;
                    for (role, list) in [
                        ("actor", &ev.actor),
                        ("recipient", &ev.recipient),
                        ("source", &ev.reported_by),
                    ] {
                        for (pos, eid) in list.iter().enumerate() {
                            if let Some(k) = key_of(eid) {
                                st.execute(params![p.id, ev.id, role, pos as i64, k])?;
                            }
                        }
                    }
                    stats.events += 1;
                }
                stats.added += 1;
                added.push((
                    p.id.clone(),
                    rec.title.clone().unwrap_or_default(),
                    rec.text.clone(),
                    rec.published.clone(),
                    rec.source.clone(),
                ));
            }
            tx.commit()?;
        }
        self.index_docs(&added)?;
        Ok(stats)
    }

    fn index_docs(&self, docs: &[(String, String, String, Option<String>, String)]) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let f = self.fields;
        {
            let mut guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
            if guard.is_none() {
                *guard = Some(self.index.writer(64 * 1024 * 1024)?);
            }
            let Some(w) = guard.as_ref() else {
                unreachable!("just created")
            };
            for (id, title, text, published, source) in docs {
                w.delete_term(Term::from_field_text(f.id, id));
                w.add_document(doc!(
                    f.id => id.as_str(),
                    f.title => title.as_str(),
                    f.text => text.as_str(),
                    f.published => published.as_deref().unwrap_or(""),
                    f.source => source.as_str(),
                ))?;
            }
        }
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.extend(docs.iter().map(|d| d.0.clone()));
        let due = pending.len() >= self.commit_every.load(std::sync::atomic::Ordering::Relaxed);
        drop(pending);
        if due {
            self.commit_index()?;
        }
        Ok(())
    }

    /// Sets how many added documents the full-text index buffers before it commits (default 1:
    /// every [`Store::ingest`] call is searchable when it returns). A bulk ingest raises it and
    /// calls [`Store::commit_index`] at the end; documents stored but not yet committed are
    /// re-indexed by the next [`Store::open`] after a crash.
    pub fn set_commit_every(&self, docs: usize) {
        self.commit_every
            .store(docs.max(1), std::sync::atomic::Ordering::Relaxed);
    }

    /// Commits the full-text index and marks the committed documents as indexed.
    pub fn commit_index(&self) -> Result<()> {
        let ids: Vec<String> =
            std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if ids.is_empty() {
            return Ok(());
        }
        if let Some(w) = self
            .writer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_mut()
        {
            w.commit()?;
        }
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut st = tx.prepare_cached("UPDATE documents SET indexed = 1 WHERE id = ?1")?;
            for id in &ids {
                st.execute([id])?;
            }
        }
        tx.commit()?;
        drop(conn);
        self.reader.reload()?;
        Ok(())
    }

    /// Indexes documents stored in SQLite whose full-text indexing never completed.
    pub fn reindex_pending(&self) -> Result<usize> {
        let pending: Vec<(String, String, String, Option<String>, String)> = {
            let conn = self.conn();
            let mut st = conn.prepare("SELECT id, COALESCE(title, ''), text, published, source FROM documents WHERE indexed = 0")?;
            let rows = st.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            rows.collect::<std::result::Result<Vec<_>, _>>()?
        };
        for chunk in pending.chunks(1000) {
            self.index_docs(chunk)?;
        }
        self.commit_index()?;
        Ok(pending.len())
    }

    /// Counts of documents, events, entities and event groups.
    pub fn counts(&self) -> Result<(i64, i64, i64, i64)> {
        let conn = self.conn();
        let one = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        Ok((
            one("SELECT COUNT(*) FROM documents")?,
            one("SELECT COUNT(*) FROM events")?,
            one("SELECT COUNT(DISTINCT key) FROM entities")?,
            one("SELECT COUNT(*) FROM event_groups")?,
        ))
    }

    /// Number of documents in the full-text index.
    pub fn indexed(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

/// Hooks for tests that simulate crashes.
#[doc(hidden)]
pub mod testing {
    use std::path::Path;

    /// Marks every document as not yet indexed, as a kill between the database commit and the
    /// index commit leaves them.
    pub fn mark_unindexed(dir: &Path) -> rusqlite::Result<usize> {
        let conn = rusqlite::Connection::open(dir.join("rasd.sqlite"))?;
        conn.execute("UPDATE documents SET indexed = 0", [])
    }
}

fn open_index(path: &Path) -> Result<(Index, Fields)> {
    let mut b = Schema::builder();
    let text_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text_opts.clone()),
        text: b.add_text_field("text", text_opts),
        published: b.add_text_field("published", STRING | STORED),
        source: b.add_text_field("source", STRING | STORED),
    };
    let schema = b.build();
    let dir = tantivy::directory::MmapDirectory::open(path)?;
    let index = Index::open_or_create(dir, schema)?;
    index.tokenizers().register(
        analyzer::NAME,
        tantivy::tokenizer::TextAnalyzer::from(analyzer::ArabicTokenizer::default()),
    );
    Ok((index, fields))
}
