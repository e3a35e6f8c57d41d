//! `rasd ingest`, `rasd query`, `rasd export`, `rasd serve`: the corpus store from the command
//! line.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rasd_analysis::Record;
use rasd_ingest::reader::{self, FileKind, Input, ReadOptions};
use rasd_store::export;
use rasd_store::query::{EventFilter, Period};
use rasd_store::{content_id, Prepared, Store};
use rayon::prelude::*;

/// Where the store lives.
#[derive(Args, Debug, Clone)]
pub struct DbArg {
    /// Store directory (embedded SQLite + full-text index). A `postgres://` URL names a shared
    /// server database.
    #[arg(long, default_value = "./rasd-data", env = "RASD_DB")]
    pub db: String,
}

/// Opens the store named by `--db`.
pub fn open(db: &DbArg) -> Result<Store> {
    if db.db.starts_with("postgres://") || db.db.starts_with("postgresql://") {
        bail!(
            "{}: the PostgreSQL backend is not in this build yet; use a directory for the embedded store",
            db.db
        );
    }
    Store::open(&db.db).with_context(|| format!("opening the store {}", db.db))
}

/// Documents in the inputs, counted cheaply (JSONL lines; one per page), for the ETA.
fn count(inputs: &[Input]) -> Option<u64> {
    let mut n = 0u64;
    for i in inputs {
        let Input::File(p) = i else { return None };
        match reader::file_kind(p)? {
            FileKind::Jsonl => {
                n += io::BufReader::new(std::fs::File::open(p).ok()?)
                    .lines()
                    .count() as u64
            }
            FileKind::JsonlGz => {
                let f = std::fs::File::open(p).ok()?;
                n += io::BufReader::new(flate2::read::MultiGzDecoder::new(f))
                    .lines()
                    .count() as u64;
            }
            FileKind::Text | FileKind::Html => n += 1,
            FileKind::Warc | FileKind::WarcGz | FileKind::Feed => return None,
        }
    }
    Some(n)
}

/// `rasd ingest`.
pub fn ingest(
    inputs: &[String],
    db: &DbArg,
    jobs: Option<usize>,
    max_bytes: u64,
    kb_files: &[String],
    batch: usize,
) -> Result<ExitCode> {
    let kb = crate::kb::load(kb_files)?;
    let store = Arc::new(open(db)?);
    // Commit the full-text index every 20k documents (and at the end); a crash in between
    // leaves documents that the next open re-indexes.
    store.set_commit_every(20_000);
    let (pool, interrupted) = crate::analyze::workers(jobs)?;
    let mut expanded = Vec::new();
    let mut failed = 0usize;
    for i in reader::expand(inputs) {
        match i {
            Ok(i) => expanded.push(i),
            Err(e) => {
                eprintln!("rasd: error: {e}");
                failed += 1;
            }
        }
    }
    let total = count(&expanded);
    let progress = if io::stderr().is_terminal() {
        match total {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} documents · {per_sec} · ETA {eta} · {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template(
                    "{spinner} {pos} documents · {per_sec} · {elapsed} · {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        }
    } else {
        ProgressBar::hidden()
    };
    let opts = ReadOptions { max_bytes };
    let start = Instant::now();
    // Analysis runs on the worker pool while one writer thread stores the previous batch.
    let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<Prepared>, u64)>(2);
    let writer = {
        let store = store.clone();
        let progress = progress.clone();
        std::thread::spawn(move || -> Result<rasd_store::IngestStats> {
            let mut totals = rasd_store::IngestStats::default();
            for (batch, seen) in rx {
                let s = store.ingest(batch)?;
                totals.added += s.added;
                totals.skipped += s.skipped;
                totals.near_duplicates += s.near_duplicates;
                totals.events += s.events;
                totals.merged_events += s.merged_events;
                progress.inc(seen);
                progress.set_message(format!("{} new, {} events", totals.added, totals.events));
            }
            store.commit_index()?;
            Ok(totals)
        })
    };
    let mut skipped_before = 0usize;
    let mut chunk = Vec::with_capacity(batch);
    let mut flush = |chunk: &mut Vec<rasd_ingest::Document>| -> Result<()> {
        let n = chunk.len() as u64;
        let docs: Vec<(String, rasd_ingest::Document)> =
            chunk.drain(..).map(|d| (content_id(&d.text), d)).collect();
        // Skip what the store already has before paying for analysis.
        let mut fresh = Vec::with_capacity(docs.len());
        for (id, d) in docs {
            if store.contains(&id)? {
                skipped_before += 1;
            } else {
                fresh.push((id, d));
            }
        }
        let prepared: Vec<Prepared> = pool.install(|| {
            fresh
                .into_par_iter()
                .map(|(id, d)| Prepared {
                    id,
                    record: Record::from_document(d, kb),
                })
                .collect()
        });
        tx.send((prepared, n))
            .map_err(|_| anyhow::anyhow!("the store writer stopped"))?;
        Ok(())
    };
    'inputs: for input in &expanded {
        for doc in reader::read(input, opts) {
            match doc {
                Ok(d) => chunk.push(d),
                Err(e) => {
                    progress.suspend(|| eprintln!("rasd: error: {e}"));
                    failed += 1;
                    progress.inc(1);
                }
            }
            if chunk.len() >= batch {
                flush(&mut chunk)?;
            }
            if interrupted.load(Ordering::SeqCst) {
                break 'inputs;
            }
        }
    }
    if !interrupted.load(Ordering::SeqCst) {
        flush(&mut chunk)?;
    }
    drop(tx);
    let mut totals = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))??;
    totals.skipped += skipped_before;
    progress.finish_and_clear();
    let secs = start.elapsed().as_secs_f64();
    let seen = totals.added + totals.skipped;
    eprintln!(
        "rasd: {} added, {} already stored, {} near-duplicates, {} events ({} joined an existing event group), {failed} failed; {:.1} s, {:.0} documents/s → {}",
        totals.added,
        totals.skipped,
        totals.near_duplicates,
        totals.events,
        totals.merged_events,
        secs,
        seen as f64 / secs.max(1e-9),
        db.db
    );
    if interrupted.load(Ordering::SeqCst) {
        eprintln!("rasd: interrupted; every stored document is complete. Run the same command again to continue.");
        return Ok(ExitCode::from(130));
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Output formats of `rasd query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for a terminal.
    Table,
    /// CSV with a header.
    Csv,
    /// JSON.
    Json,
    /// Apache Parquet (events only; give --out).
    Parquet,
}

/// Event filters shared by `query events` and `export`.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Actor (name in any spelling, alias or KB id).
    #[arg(long)]
    pub actor: Option<String>,
    /// Recipient.
    #[arg(long)]
    pub recipient: Option<String>,
    /// PLOVER category.
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// PLOVER mode.
    #[arg(long)]
    pub mode: Option<String>,
    /// Aux: none, historical, future, hypothetical, negated.
    #[arg(long)]
    pub aux: Option<String>,
    /// Event location.
    #[arg(long)]
    pub place: Option<String>,
    /// Country (ISO alpha-2) of the location.
    #[arg(long)]
    pub country: Option<String>,
    /// From date (ISO).
    #[arg(long)]
    pub from: Option<String>,
    /// To date (ISO).
    #[arg(long)]
    pub to: Option<String>,
    /// A source in the attribution chain.
    #[arg(long)]
    pub reported_by: Option<String>,
    /// Minimum PLOVER score.
    #[arg(long, allow_hyphen_values = true)]
    pub min_score: Option<f64>,
    /// Maximum PLOVER score.
    #[arg(long, allow_hyphen_values = true)]
    pub max_score: Option<f64>,
}

impl FilterArgs {
    fn filter(&self, limit: usize) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            participant: None,
            event_type: self.event_type.clone(),
            mode: self.mode.clone(),
            aux: self.aux.clone(),
            place: self.place.clone(),
            country: self.country.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            reported_by: self.reported_by.clone(),
            min_score: self.min_score,
            max_score: self.max_score,
            limit,
            offset: 0,
            exact: None,
        }
    }
}

/// `rasd query` subcommands.
#[derive(Subcommand, Debug)]
pub enum QueryCommand {
    /// Arabic-aware full-text search with snippets.
    Search {
        /// The query (Arabic or Latin; clitics and spelling variants are folded).
        query: String,
        /// Hits to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Skip this many hits.
        #[arg(long, default_value_t = 0)]
        offset: usize,
    },
    /// Events matching filters.
    Events {
        #[command(flatten)]
        filters: Box<FilterArgs>,
        /// Events to show.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Cooperation and conflict between two actors over time, both directions.
    Dyad {
        /// First actor.
        a: String,
        /// Second actor.
        b: String,
        /// Bucket.
        #[arg(long, default_value = "month")]
        by: String,
    },
    /// One actor: aliases, kind, top partners, timeline.
    Entity {
        /// The actor.
        name: String,
    },
    /// Store totals.
    Stats,
}

/// `rasd query`.
pub fn query(
    cmd: QueryCommand,
    db: &DbArg,
    format: QueryFormat,
    out_file: Option<&str>,
) -> Result<ExitCode> {
    let store = open(db)?;
    let mut out: Box<dyn Write> = match out_file {
        Some(f) => Box::new(io::BufWriter::new(
            std::fs::File::create(f).with_context(|| format!("creating {f}"))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    if format == QueryFormat::Parquet && !matches!(cmd, QueryCommand::Events { .. }) {
        bail!("--format parquet is for `query events` (and `export`); use csv or json here");
    }
    if format == QueryFormat::Parquet && out_file.is_none() && io::stdout().is_terminal() {
        bail!("Parquet is binary: give --out FILE or redirect standard output");
    }
    match cmd {
        QueryCommand::Search {
            query,
            limit,
            offset,
        } => {
            let page = store.search(&query, limit, offset)?;
            match format {
                QueryFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&page)?)?,
                QueryFormat::Csv => {
                    writeln!(out, "id,title,published,source,events,snippet")?;
                    for h in &page.hits {
                        let snip = h.snippet_html.replace("<b>", "").replace("</b>", "");
                        writeln!(
                            out,
                            "{},{},{},{},{},{}",
                            export::csv_cell(&h.id),
                            export::csv_cell(h.title.as_deref().unwrap_or("")),
                            export::csv_cell(h.published.as_deref().unwrap_or("")),
                            export::csv_cell(&h.source),
                            h.events,
                            export::csv_cell(&snip)
                        )?;
                    }
                }
                _ => {
                    writeln!(out, "{} documents match «{query}»", page.total)?;
                    for h in &page.hits {
                        writeln!(
                            out,
                            "\n{}  {}  {}",
                            h.published.as_deref().unwrap_or("—"),
                            h.id,
                            h.title.as_deref().unwrap_or("")
                        )?;
                        let snip = h
                            .snippet_html
                            .replace("<b>", "«")
                            .replace("</b>", "»")
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&amp;", "&")
                            .replace("&quot;", "\"");
                        writeln!(out, "    {}", snip.replace('\n', " "))?;
                    }
                }
            }
        }
        QueryCommand::Events { filters, limit } => {
            let f = filters.filter(limit);
            match format {
                QueryFormat::Json => {
                    writeln!(out, "{}", serde_json::to_string_pretty(&store.events(&f)?)?)?
                }
                QueryFormat::Csv => {
                    export::write(&store, &f, export::Format::Csv, &mut out)?;
                }
                QueryFormat::Parquet => {
                    export::write(&store, &f, export::Format::Parquet, &mut out)?;
                }
                QueryFormat::Table => {
                    let page = store.events(&f)?;
                    writeln!(out, "{} events", page.total)?;
                    for e in &page.events {
                        let names = |v: &[rasd_store::query::ActorRef]| {
                            if v.is_empty() {
                                "—".to_string()
                            } else {
                                v.iter()
                                    .map(|a| a.name_ar.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" + ")
                            }
                        };
                        writeln!(
                            out,
                            "{:<10} {:<9} {:+5.1} {:<12} {} → {}{}{}",
                            e.date.as_deref().unwrap_or("—"),
                            e.event_type,
                            e.score,
                            e.aux,
                            names(&e.actor),
                            names(&e.recipient),
                            e.location
                                .as_ref()
                                .map(|l| format!(" @ {}", l.name_ar))
                                .unwrap_or_default(),
                            if e.reported_by.is_empty() {
                                String::new()
                            } else {
                                format!(" (according to {})", names(&e.reported_by))
                            }
                        )?;
                    }
                }
            }
        }
        QueryCommand::Dyad { a, b, by } => {
            let d = store.dyad(&a, &b, Period::parse(&by)?)?;
            match format {
                QueryFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&d)?)?,
                QueryFormat::Csv => {
                    writeln!(out, "period,cooperation_count,cooperation_mean_score,conflict_count,conflict_mean_score,a_to_b,b_to_a,mutual")?;
                    for p in &d.series {
                        writeln!(
                            out,
                            "{},{},{:.2},{},{:.2},{},{},{}",
                            p.period,
                            p.cooperation.count,
                            p.cooperation.mean_score,
                            p.conflict.count,
                            p.conflict.mean_score,
                            p.a_to_b,
                            p.b_to_a,
                            p.mutual
                        )?;
                    }
                }
                _ => {
                    writeln!(
                        out,
                        "{} ({}) ↔ {} ({}), by {}",
                        d.a.name_ar,
                        d.a.keys.join(","),
                        d.b.name_ar,
                        d.b.keys.join(","),
                        d.by
                    )?;
                    writeln!(out, "cooperation: {} events, mean score {:+.2}   conflict: {} events, mean score {:+.2}", d.cooperation.count, d.cooperation.mean_score, d.conflict.count, d.conflict.mean_score)?;
                    writeln!(
                        out,
                        "\n{:<10} {:>6} {:>7} {:>6} {:>7} {:>5} {:>5} {:>6}",
                        "period", "coop", "score", "confl", "score", "A→B", "B→A", "mutual"
                    )?;
                    for p in &d.series {
                        writeln!(
                            out,
                            "{:<10} {:>6} {:>+7.2} {:>6} {:>+7.2} {:>5} {:>5} {:>6}",
                            p.period,
                            p.cooperation.count,
                            p.cooperation.mean_score,
                            p.conflict.count,
                            p.conflict.mean_score,
                            p.a_to_b,
                            p.b_to_a,
                            p.mutual
                        )?;
                    }
                    writeln!(out, "\nevidence:")?;
                    for e in d.events.iter().take(20) {
                        writeln!(
                            out,
                            "  [{} {} {}] {}",
                            e.event_type,
                            e.aux,
                            e.date.as_deref().unwrap_or("—"),
                            e.evidence.replace('\n', " ")
                        )?;
                    }
                }
            }
        }
        QueryCommand::Entity { name } => {
            let Some(p) = store.entity(&name)? else {
                bail!("no actor named `{name}` in the store");
            };
            match format {
                QueryFormat::Json | QueryFormat::Csv => {
                    writeln!(out, "{}", serde_json::to_string_pretty(&p)?)?
                }
                _ => {
                    writeln!(
                        out,
                        "{} / {}  ({}, {}{})",
                        p.name_ar,
                        p.name,
                        p.etype,
                        p.kind,
                        p.country
                            .as_deref()
                            .map(|c| format!(", {c}"))
                            .unwrap_or_default()
                    )?;
                    writeln!(
                        out,
                        "key {} · {} documents · {} events",
                        p.key, p.documents, p.events
                    )?;
                    if !p.aliases.is_empty() {
                        let al: Vec<String> = p
                            .aliases
                            .iter()
                            .map(|a| match &a.valid {
                                Some(v) => format!("{} ({v})", a.name),
                                None => a.name.clone(),
                            })
                            .collect();
                        writeln!(out, "aliases: {}", al.join(" · "))?;
                    }
                    for (label, list) in [
                        ("cooperation", &p.partners.cooperation),
                        ("conflict", &p.partners.conflict),
                    ] {
                        writeln!(out, "top partners in {label}:")?;
                        for x in list {
                            writeln!(
                                out,
                                "  {:>3} × {} ({}) mean {:+.1}",
                                x.count, x.name_ar, x.key, x.mean_score
                            )?;
                        }
                    }
                    writeln!(
                        out,
                        "timeline: {}",
                        p.timeline
                            .iter()
                            .map(|t| format!("{} {}", t.period, t.count))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    )?;
                }
            }
        }
        QueryCommand::Stats => {
            let s = store.stats()?;
            writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `rasd export`.
pub fn export_cmd(
    db: &DbArg,
    format: &str,
    out_file: Option<&str>,
    filters: &FilterArgs,
) -> Result<ExitCode> {
    let store = open(db)?;
    let fmt = export::Format::parse(format)?;
    if fmt == export::Format::Parquet && out_file.is_none() && io::stdout().is_terminal() {
        bail!("Parquet is binary: give --out FILE or redirect standard output");
    }
    let mut out: Box<dyn Write> = match out_file {
        Some(f) => Box::new(io::BufWriter::new(
            std::fs::File::create(f).with_context(|| format!("creating {f}"))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let n = export::write(&store, &filters.filter(10_000), fmt, &mut out)?;
    out.flush()?;
    eprintln!("rasd: exported {n} events");
    Ok(ExitCode::SUCCESS)
}

/// `rasd serve`.
pub fn serve(
    db: &DbArg,
    addr: &str,
    token: Option<String>,
    max_body: usize,
    rate: u32,
    quiet: bool,
) -> Result<ExitCode> {
    let store = Arc::new(open(db)?);
    let addr: std::net::SocketAddr = addr
        .parse()
        .with_context(|| format!("`{addr}` is not an address like 127.0.0.1:8080"))?;
    let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let opts = rasd_server::Options {
        token,
        max_body,
        rate_per_minute: rate,
        log: !quiet,
    };
    rt.block_on(rasd_server::serve(store, addr, opts))
        .with_context(|| format!("serving on {addr}"))?;
    Ok(ExitCode::SUCCESS)
}
