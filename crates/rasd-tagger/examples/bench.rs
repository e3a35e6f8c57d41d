//! Measures load time and single-thread tagging speed over SaudiNewsNet articles.
//!
//! ```text
//! cargo run --release -p rasd-tagger --example bench -- \
//!     --model models/ner.bin --news ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz --docs 3000
//! ```
//!
//! Speed counts rasd tokens per second of `Tagger::tag` (tokenization, features, Viterbi,
//! spans) on one thread; the first pass starts with an empty per-thread word cache, the second
//! reuses it.
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::Instant;

use rasd_tagger::Tagger;

fn main() {
    let mut model = PathBuf::from("models/ner.bin");
    let mut news = PathBuf::from("../shared/data/saudinewsnet/saudinewsnet.jsonl.gz");
    let mut docs = 3000usize;
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        match k.as_str() {
            "--model" => model = it.next().expect("--model PATH").into(),
            "--news" => news = it.next().expect("--news PATH").into(),
            "--docs" => docs = it.next().expect("--docs N").parse().expect("a number"),
            other => panic!("unknown argument {other}"),
        }
    }
    let file = std::fs::File::open(&news).unwrap_or_else(|e| panic!("{}: {e}", news.display()));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut texts: Vec<String> = Vec::with_capacity(docs);
    for line in reader.lines() {
        let line = line.expect("reading the corpus");
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        if let Some(c) = v.get("content").and_then(|c| c.as_str()) {
            texts.push(c.to_string());
        }
        if texts.len() >= docs {
            break;
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t = Instant::now();
    let tagger = Tagger::load(&model).unwrap_or_else(|e| panic!("{}: {e}", model.display()));
    let load = t.elapsed();
    // The first call also builds the shared tables of rasd-text (segmenter) and rasd-kb.
    let t = Instant::now();
    let _ = tagger.tag("قال الرئيس في بغداد");
    let first_call = t.elapsed();
    println!(
        "model {} loaded in {:.1} ms; first call (lexicons, KB) {:.1} ms",
        model.display(),
        load.as_secs_f64() * 1e3,
        first_call.as_secs_f64() * 1e3
    );
    for pass in 1..=2 {
        let t = Instant::now();
        let mut tokens = 0usize;
        let mut spans = 0usize;
        for text in &texts {
            tokens += rasd_text::tokenize::tokenize(text).len();
            spans += tagger.tag(text).len();
        }
        let tok_time = {
            let t = Instant::now();
            for text in &texts {
                std::hint::black_box(rasd_text::tokenize::tokenize(text));
            }
            t.elapsed()
        };
        let secs = t.elapsed().as_secs_f64() - tok_time.as_secs_f64();
        println!(
            "pass {pass}: {} docs, {:.1} MB, {tokens} tokens, {spans} spans: {:.2} s, {:.0} tokens/s (1 thread, tokenization included)",
            texts.len(),
            bytes as f64 / 1e6,
            secs,
            tokens as f64 / secs
        );
    }
}
