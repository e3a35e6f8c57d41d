//! `rasd analyze`: read inputs, analyse documents in parallel, print records in input order.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rasd_ingest::reader::{self, ReadOptions};
use rasd_ingest::{Document, ReadError};
use rayon::prelude::*;

use crate::OutputFormat;
use rasd_analysis::Record;

const CHUNK: usize = 256;

/// The worker pool (`jobs` threads, default all cores) and a flag the first Ctrl-C sets so the
/// caller can stop between batches; a second Ctrl-C exits at once.
pub fn workers(jobs: Option<usize>) -> Result<(rayon::ThreadPool, Arc<AtomicBool>)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .context("starting the worker threads")?;
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    Ok((pool, interrupted))
}

/// Runs the command; the exit code is 1 when any document failed.
pub fn run(
    inputs: &[String],
    format: OutputFormat,
    jobs: Option<usize>,
    max_bytes: u64,
    kb_files: &[String],
) -> Result<ExitCode> {
    let kb = crate::kb::load(kb_files)?;
    let (pool, interrupted) = workers(jobs)?;
    let opts = ReadOptions { max_bytes };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let progress = if io::stderr().is_terminal() && format != OutputFormat::Pretty {
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        pb
    } else {
        ProgressBar::hidden()
    };
    let mut failed = 0usize;
    let mut printed = 0usize;
    if format == OutputFormat::Json {
        writeln!(out, "[")?;
    }
    let mut chunk: Vec<Result<Document, ReadError>> = Vec::with_capacity(CHUNK);
    let flush = |chunk: &mut Vec<Result<Document, ReadError>>,
                 out: &mut BufWriter<io::StdoutLock>,
                 failed: &mut usize,
                 printed: &mut usize|
     -> Result<()> {
        let rendered: Vec<Result<String, String>> = pool.install(|| {
            chunk
                .par_drain(..)
                .map(|r| match r {
                    Ok(doc) => Ok(render(Record::from_document(doc, kb), format)),
                    Err(e) => Err(e.to_string()),
                })
                .collect()
        });
        for r in rendered {
            match r {
                Ok(s) => {
                    if format == OutputFormat::Json && *printed > 0 {
                        writeln!(out, ",")?;
                    }
                    out.write_all(s.as_bytes())?;
                    if format != OutputFormat::Json {
                        out.write_all(b"\n")?;
                    }
                    *printed += 1;
                }
                Err(e) => {
                    out.flush()?;
                    progress.suspend(|| eprintln!("rasd: error: {e}"));
                    *failed += 1;
                }
            }
            progress.inc(1);
        }
        out.flush()?;
        Ok(())
    };
    'inputs: for input in reader::expand(inputs) {
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                chunk.push(Err(e));
                continue;
            }
        };
        for doc in reader::read(&input, opts) {
            chunk.push(doc);
            if chunk.len() >= CHUNK {
                flush(&mut chunk, &mut out, &mut failed, &mut printed)?;
            }
            if interrupted.load(Ordering::SeqCst) {
                break 'inputs;
            }
        }
    }
    flush(&mut chunk, &mut out, &mut failed, &mut printed)?;
    if format == OutputFormat::Json {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    progress.finish_and_clear();
    if interrupted.load(Ordering::SeqCst) {
        eprintln!("rasd: interrupted after {printed} documents");
        return Ok(ExitCode::from(130));
    }
    if failed > 0 {
        eprintln!("rasd: {failed} document(s) could not be read; {printed} analysed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn render(rec: Record, format: OutputFormat) -> String {
    match format {
        OutputFormat::Jsonl => serde_json::to_string(&rec).unwrap_or_default(),
        OutputFormat::Json => serde_json::to_string_pretty(&rec).unwrap_or_default(),
        OutputFormat::Pretty => crate::analyze::pretty(&rec),
    }
}

/// A readable terminal view of one record.
pub fn pretty(rec: &Record) -> String {
    use std::fmt::Write as _;
    let color = io::stdout().is_terminal();
    let (b, d, r) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut s = String::new();
    let _ = writeln!(s, "{b}━━ {} ━━{r}", rec.id);
    let _ = writeln!(
        s,
        "{b}title{r}      {}",
        rec.title.as_deref().unwrap_or("—")
    );
    let _ = writeln!(
        s,
        "{b}published{r}  {}",
        rec.published.as_deref().unwrap_or("—")
    );
    if let Some(u) = &rec.url {
        let _ = writeln!(s, "{b}url{r}        {u}");
    }
    let _ = writeln!(
        s,
        "{b}source{r}     {} ({}, {})",
        rec.source, rec.format, rec.encoding
    );
    let _ = writeln!(
        s,
        "{b}size{r}       {} chars · {} sentences · {} tokens · {} words",
        rec.stats.chars, rec.stats.sentences, rec.stats.tokens, rec.stats.words
    );
    let chars: Vec<char> = rec.text.chars().collect();
    let slice = |a: usize, e: usize| -> String {
        chars[a.min(chars.len())..e.min(chars.len())]
            .iter()
            .collect()
    };
    let furniture: Vec<_> = rec
        .layout
        .iter()
        .filter(|l| l.kind.is_furniture())
        .collect();
    if !furniture.is_empty() {
        let _ = writeln!(s, "{b}skipped{r}    {} non-body line(s):", furniture.len());
        for l in furniture {
            let _ = writeln!(
                s,
                "           {d}[{:?}] {}{r}",
                l.kind,
                slice(l.start, l.end)
            );
        }
    }
    let _ = writeln!(s, "{b}sentences{r}");
    for (i, sp) in rec.sentences.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {d}{:>3} {:>6}–{:<6}{r} {}",
            i + 1,
            sp.start,
            sp.end,
            slice(sp.start, sp.end)
        );
    }
    let _ = writeln!(s, "{b}entities{r}   {}", rec.entities.len());
    for e in &rec.entities {
        let geo = e
            .geo
            .map(|g| format!(" @ {:.2},{:.2}", g.lat, g.lon))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {b}{:<4}{r} {:<4} {} / {} {d}({}, {}{}) ×{}{r}",
            e.id,
            e.etype,
            e.name_ar,
            e.name,
            e.kind,
            e.kb_id.as_deref().unwrap_or("not in KB"),
            geo,
            e.mentions.len()
        );
    }
    let name = |id: &str| {
        rec.entities.iter().find(|e| e.id == id).map_or_else(
            || id.to_string(),
            |e| {
                if e.name == e.name_ar {
                    e.name_ar.clone()
                } else {
                    format!("{} ({})", e.name_ar, e.name)
                }
            },
        )
    };
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "—".to_string()
        } else {
            ids.iter().map(|i| name(i)).collect::<Vec<_>>().join(" + ")
        }
    };
    let contexts = rec
        .events
        .first()
        .map(|e| e.context.join(", "))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "{b}events{r}     {}{}",
        rec.events.len(),
        if contexts.is_empty() {
            String::new()
        } else {
            format!("  {d}context: {contexts}{r}")
        }
    );
    for e in &rec.events {
        let mode = if e.mode.is_empty() {
            String::new()
        } else {
            format!("/{}", e.mode.join(","))
        };
        let aux = if e.aux == "none" {
            String::new()
        } else {
            format!("  [{}]", e.aux)
        };
        let _ = writeln!(
            s,
            "  {b}{:<4}{r} {b}{}{mode}{r} {d}score {:+.1} · trigger «{}»{r}{aux}",
            e.id, e.event_type, e.score, e.trigger.text
        );
        let _ = writeln!(s, "       {} → {}", names(&e.actor), names(&e.recipient));
        let mut meta = Vec::new();
        if let Some(l) = &e.location {
            meta.push(format!("where: {}", name(l)));
        }
        if let Some(dt) = &e.date {
            meta.push(format!(
                "when: {dt}{}",
                if e.date_source == "published" {
                    " (publication date)"
                } else {
                    ""
                }
            ));
        }
        if !e.reported_by.is_empty() {
            meta.push(format!(
                "according to: {}",
                e.reported_by
                    .iter()
                    .map(|i| name(i))
                    .collect::<Vec<_>>()
                    .join(" ← ")
            ));
        }
        if !meta.is_empty() {
            let _ = writeln!(s, "       {d}{}{r}", meta.join(" · "));
        }
        let _ = writeln!(
            s,
            "       {d}“{}”{r}",
            slice(e.evidence.start, e.evidence.end).trim()
        );
    }
    s
}
