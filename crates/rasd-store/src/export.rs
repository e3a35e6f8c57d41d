//! Exports of the event table with PLOVER field names, for pandas, R and POLECAT users:
//! JSON lines, CSV (RFC 4180) and Parquet.

use std::io::Write;
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use serde::Serialize;

use crate::query::{EventFilter, EventRow};
use crate::{Result, Store, StoreError};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
    /// Apache Parquet.
    Parquet,
}

impl Format {
    /// Parses `jsonl`, `csv`, `parquet`.
    pub fn parse(s: &str) -> Result<Format> {
        match s {
            "jsonl" | "json" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            _ => Err(StoreError::BadRequest(format!(
                "unknown export format `{s}` (jsonl, csv, parquet)"
            ))),
        }
    }
}

/// One flat event row in PLOVER field names. Lists are `;`-separated in CSV and Parquet.
#[derive(Debug, Clone, Serialize)]
pub struct FlatEvent {
    /// `doc:vid`.
    pub event_id: String,
    /// Document id.
    pub story_id: String,
    /// Publication date.
    pub story_date: String,
    /// Event date.
    pub date: String,
    /// PLOVER category.
    pub event_type: String,
    /// Modes.
    pub mode: String,
    /// Contexts.
    pub context: String,
    /// Actor names (English).
    pub actor: String,
    /// Actor names (Arabic).
    pub actor_ar: String,
    /// Actor keys.
    pub actor_id: String,
    /// Recipient names.
    pub recipient: String,
    /// Recipient names (Arabic).
    pub recipient_ar: String,
    /// Recipient keys.
    pub recipient_id: String,
    /// Location name.
    pub event_loc: String,
    /// Location latitude.
    pub lat: Option<f64>,
    /// Location longitude.
    pub lon: Option<f64>,
    /// Aux.
    pub aux: String,
    /// Attribution chain.
    pub reported_by: String,
    /// PLOVER score.
    pub score: f64,
    /// cooperation / conflict.
    pub polarity: String,
    /// Reports of the same happening.
    pub mentions: i64,
    /// Evidence sentence.
    pub evidence: String,
}

impl From<EventRow> for FlatEvent {
    fn from(e: EventRow) -> FlatEvent {
        let join = |v: &[crate::query::ActorRef], f: fn(&crate::query::ActorRef) -> &str| {
            v.iter().map(f).collect::<Vec<_>>().join(";")
        };
        FlatEvent {
            event_id: format!("{}:{}", e.doc, e.id),
            story_id: e.doc.clone(),
            story_date: e.published.clone().unwrap_or_default(),
            date: e.date.clone().unwrap_or_default(),
            event_type: e.event_type.clone(),
            mode: e.mode.join(";"),
            context: e.context.join(";"),
            actor: join(&e.actor, |a| &a.name),
            actor_ar: join(&e.actor, |a| &a.name_ar),
            actor_id: join(&e.actor, |a| &a.key),
            recipient: join(&e.recipient, |a| &a.name),
            recipient_ar: join(&e.recipient, |a| &a.name_ar),
            recipient_id: join(&e.recipient, |a| &a.key),
            event_loc: e
                .location
                .as_ref()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            lat: e.location.as_ref().and_then(|l| l.lat),
            lon: e.location.as_ref().and_then(|l| l.lon),
            aux: e.aux.clone(),
            reported_by: join(&e.reported_by, |a| &a.name),
            score: e.score,
            polarity: e.polarity.clone(),
            mentions: e.mentions,
            evidence: e.evidence,
        }
    }
}

const COLUMNS: &[&str] = &[
    "event_id",
    "story_id",
    "story_date",
    "date",
    "event_type",
    "mode",
    "context",
    "actor",
    "actor_ar",
    "actor_id",
    "recipient",
    "recipient_ar",
    "recipient_id",
    "event_loc",
    "lat",
    "lon",
    "aux",
    "reported_by",
    "score",
    "polarity",
    "mentions",
    "evidence",
];

/// One CSV cell (RFC 4180 quoting when needed).
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Rows of an export.
pub fn rows(store: &Store, filter: &EventFilter) -> Result<Vec<FlatEvent>> {
    let mut f = filter.clone();
    f.limit = 10_000;
    f.offset = 0;
    let mut out = Vec::new();
    loop {
        let page = store.events(&f)?;
        let n = page.events.len();
        out.extend(page.events.into_iter().map(FlatEvent::from));
        if n < f.limit {
            break;
        }
        f.offset += n;
    }
    Ok(out)
}

/// Writes the events matching `filter` in `format`.
pub fn write(
    store: &Store,
    filter: &EventFilter,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize> {
    let rows = rows(store, filter)?;
    let io = |e: std::io::Error| StoreError::Export(e.to_string());
    match format {
        Format::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut *out, r)
                    .map_err(|e| StoreError::Export(e.to_string()))?;
                out.write_all(b"\n").map_err(io)?;
            }
        }
        Format::Csv => {
            out.write_all(COLUMNS.join(",").as_bytes()).map_err(io)?;
            out.write_all(b"\n").map_err(io)?;
            for r in &rows {
                let v = serde_json::to_value(r).map_err(|e| StoreError::Export(e.to_string()))?;
                let cells: Vec<String> = COLUMNS
                    .iter()
                    .map(|c| match &v[*c] {
                        serde_json::Value::String(s) => csv_cell(s),
                        serde_json::Value::Null => String::new(),
                        other => other.to_string(),
                    })
                    .collect();
                out.write_all(cells.join(",").as_bytes()).map_err(io)?;
                out.write_all(b"\n").map_err(io)?;
            }
        }
        Format::Parquet => {
            let batch = to_batch(&rows).map_err(|e| StoreError::Export(e.to_string()))?;
            let mut buf = Vec::new();
            {
                let mut w = parquet::arrow::ArrowWriter::try_new(&mut buf, batch.schema(), None)
                    .map_err(|e| StoreError::Export(e.to_string()))?;
                w.write(&batch)
                    .map_err(|e| StoreError::Export(e.to_string()))?;
                w.close().map_err(|e| StoreError::Export(e.to_string()))?;
            }
            out.write_all(&buf).map_err(io)?;
        }
    }
    Ok(rows.len())
}

fn to_batch(rows: &[FlatEvent]) -> std::result::Result<RecordBatch, arrow_schema::ArrowError> {
    let s = |f: fn(&FlatEvent) -> &str| -> ArrayRef {
        Arc::new(StringArray::from(rows.iter().map(f).collect::<Vec<_>>()))
    };
    let columns: Vec<(&str, ArrayRef, DataType)> = vec![
        ("event_id", s(|r| &r.event_id), DataType::Utf8),
        ("story_id", s(|r| &r.story_id), DataType::Utf8),
        ("story_date", s(|r| &r.story_date), DataType::Utf8),
        ("date", s(|r| &r.date), DataType::Utf8),
        ("event_type", s(|r| &r.event_type), DataType::Utf8),
        ("mode", s(|r| &r.mode), DataType::Utf8),
        ("context", s(|r| &r.context), DataType::Utf8),
        ("actor", s(|r| &r.actor), DataType::Utf8),
        ("actor_ar", s(|r| &r.actor_ar), DataType::Utf8),
        ("actor_id", s(|r| &r.actor_id), DataType::Utf8),
        ("recipient", s(|r| &r.recipient), DataType::Utf8),
        ("recipient_ar", s(|r| &r.recipient_ar), DataType::Utf8),
        ("recipient_id", s(|r| &r.recipient_id), DataType::Utf8),
        ("event_loc", s(|r| &r.event_loc), DataType::Utf8),
        (
            "lat",
            Arc::new(Float64Array::from(
                rows.iter().map(|r| r.lat).collect::<Vec<_>>(),
            )),
            DataType::Float64,
        ),
        (
            "lon",
            Arc::new(Float64Array::from(
                rows.iter().map(|r| r.lon).collect::<Vec<_>>(),
            )),
            DataType::Float64,
        ),
        ("aux", s(|r| &r.aux), DataType::Utf8),
        ("reported_by", s(|r| &r.reported_by), DataType::Utf8),
        (
            "score",
            Arc::new(Float64Array::from(
                rows.iter().map(|r| r.score).collect::<Vec<_>>(),
            )),
            DataType::Float64,
        ),
        ("polarity", s(|r| &r.polarity), DataType::Utf8),
        (
            "mentions",
            Arc::new(Int64Array::from(
                rows.iter().map(|r| r.mentions).collect::<Vec<_>>(),
            )),
            DataType::Int64,
        ),
        ("evidence", s(|r| &r.evidence), DataType::Utf8),
    ];
    let schema = Schema::new(
        columns
            .iter()
            .map(|(n, _, t)| {
                Field::new(
                    *n,
                    t.clone(),
                    matches!(t, DataType::Float64) && (*n == "lat" || *n == "lon"),
                )
            })
            .collect::<Vec<_>>(),
    );
    RecordBatch::try_new(
        Arc::new(schema),
        columns.into_iter().map(|(_, a, _)| a).collect(),
    )
}
