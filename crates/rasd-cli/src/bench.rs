//! `rasd bench`: throughput of the Arabic text core on a real corpus.
//!
//! Stages measured, each over the whole corpus held in memory (reading and gunzip excluded):
//! normalization (Matching layer, with the offset map), sentence splitting, tokenization,
//! clitic segmentation of every Arabic token, and the four together, on one thread and on all
//! cores. Words are whitespace-separated words of the input (the unit the Python tools report).

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use rasd_ingest::reader::{self, ReadOptions};
use rasd_text::tokenize::{tokenize_into, Token, TokenKind};
use rayon::prelude::*;

pub fn run(corpus: &str, limit: Option<usize>, jobs: Option<usize>) -> Result<ExitCode> {
    let t0 = Instant::now();
    let mut texts = Vec::new();
    for input in reader::expand(&[corpus.to_string()]) {
        let input = input.with_context(|| format!("opening {corpus}"))?;
        for doc in reader::read(&input, ReadOptions::default()) {
            if let Ok(d) = doc {
                texts.push(d.text);
            }
            if limit.is_some_and(|l| texts.len() >= l) {
                break;
            }
        }
    }
    if texts.is_empty() {
        bail!("{corpus}: no documents to benchmark (is ../shared present?)");
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let threads =
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("corpus: {corpus}");
    println!(
        "{} documents, {:.1} MB, {:.2} M words (loaded in {:.1} s); {} core(s) available",
        texts.len(),
        bytes as f64 / 1e6,
        words as f64 / 1e6,
        t0.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Warm-up: fills lazily-built tables and the per-thread segmentation cache.
    let warm = texts.len().min(200);
    let _ = texts[..warm].iter().map(|t| pipeline(t)).sum::<usize>();

    println!();
    println!("| stage | threads | MB/s | M words/s | M tokens/s |");
    println!("|---|---|---|---|---|");
    let row = |name: &str, threads: usize, secs: f64, tokens: usize| {
        println!(
            "| {name} | {threads} | {:.1} | {:.2} | {} |",
            bytes as f64 / 1e6 / secs,
            words as f64 / 1e6 / secs,
            if tokens > 0 {
                format!("{:.2}", tokens as f64 / 1e6 / secs)
            } else {
                "–".into()
            }
        );
    };
    let (secs, _) = time(|| {
        texts
            .iter()
            .map(|t| {
                rasd_text::normalize::normalize(t, rasd_text::normalize::Layer::Matching)
                    .as_str()
                    .len()
            })
            .sum()
    });
    row("normalize (matching, with offset map)", 1, secs, 0);
    let (secs, _) = time(|| {
        texts
            .iter()
            .map(|t| rasd_text::sentences::split(t).len())
            .sum()
    });
    row("sentence split", 1, secs, 0);
    let (secs, ntok) = time(|| {
        let mut v = Vec::new();
        texts
            .iter()
            .map(|t| {
                v.clear();
                tokenize_into(t, &mut v);
                v.len()
            })
            .sum()
    });
    row("tokenize", 1, secs, ntok);
    let segment_pass = || {
        let mut v = Vec::new();
        texts
            .iter()
            .map(|t| {
                v.clear();
                tokenize_into(t, &mut v);
                segment_all(t, &v)
            })
            .sum()
    };
    let (secs, _) = time(segment_pass);
    row("tokenize + clitic segmentation", 1, secs, ntok);
    let (secs, _) = time(segment_pass);
    row(
        "tokenize + clitic segmentation (again, cache warm)",
        1,
        secs,
        ntok,
    );
    let (secs, _) = time(|| texts.iter().map(|t| pipeline(t)).sum());
    row("**all four**", 1, secs, ntok);
    let t = Instant::now();
    let (kb, _) = rasd_kb::Kb::build(&[]);
    let kb_ms = t.elapsed().as_secs_f64() * 1e3;
    let (secs, _) = time(|| {
        texts
            .iter()
            .map(|t| rasd_kb::link::link(&kb, t, None, |_| false).len())
            .sum()
    });
    row(
        "KB matching + linking (incl. tokenize, clitics)",
        1,
        secs,
        ntok,
    );
    let (secs, _) = time(|| {
        texts
            .iter()
            .map(|t| rasd_ner::entities(&kb, t, None, |_| false).len())
            .sum()
    });
    row("entities: KB + rule-based names + aliases", 1, secs, ntok);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    // Warm each worker's cache too.
    pool.install(|| texts[..warm].par_iter().map(|t| pipeline(t)).sum::<usize>());
    let (secs, _) = time(|| pool.install(|| texts.par_iter().map(|t| pipeline(t)).sum()));
    row("**all four**", threads, secs, ntok);
    println!();
    println!(
        "knowledge base: {} records, {} name patterns, built in {kb_ms:.0} ms",
        kb.records().len(),
        kb.matcher().len()
    );
    if let Some(kb) = peak_rss_kb() {
        println!(
            "peak memory (VmHWM): {:.0} MB (corpus held in memory: {:.0} MB)",
            kb as f64 / 1024.0,
            bytes as f64 / 1e6
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn time(f: impl FnOnce() -> usize) -> (f64, usize) {
    let t = Instant::now();
    let n = std::hint::black_box(f());
    (t.elapsed().as_secs_f64(), n)
}

fn segment_all(text: &str, toks: &[Token]) -> usize {
    toks.iter()
        .filter(|t| t.kind == TokenKind::Arabic)
        .map(|t| rasd_text::clitics::segment(t.text(text)).proclitics().len())
        .sum()
}

/// The whole text-core pipeline on one document; returns a count so nothing is optimised away.
fn pipeline(text: &str) -> usize {
    let n = rasd_text::normalize::normalize(text, rasd_text::normalize::Layer::Matching);
    let mut acc = n.as_str().len();
    let mut toks = Vec::with_capacity(text.len() / 6);
    for r in rasd_text::sentences::split(text) {
        toks.clear();
        let s = &text[r];
        tokenize_into(s, &mut toks);
        acc += segment_all(s, &toks);
    }
    acc
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
