//! Trains the NER model.
//!
//! ```text
//! cargo run --release -p rasd-tagger --example train -- \
//!     --data ../shared/data --out models/ner.bin --epochs 12 --seed 42 [--bits 20] [--fane]
//! ```
//!
//! Training data: ANERcorp train minus its last 10 % of sentences, AQMAR train, and with
//! `--fane` WikiFANE. Dev sets (never trained on): the ANERcorp tail and AQMAR dev; their F1 is
//! printed after every epoch. The model saved is the averaged perceptron after the last epoch.
use std::path::PathBuf;
use std::time::Instant;

use rasd_tagger::data::{align, read_corpora, read_fane, CorpusSentence};
use rasd_tagger::eval::Counts;
use rasd_tagger::model::Scratch;
use rasd_tagger::train::{prepare, tag_prepared, Perceptron, Prepared, Rng};
use rasd_tagger::Label;

struct Args {
    data: PathBuf,
    out: PathBuf,
    epochs: usize,
    seed: u64,
    bits: u32,
    fane: bool,
}

fn parse_args() -> Args {
    let mut a = Args {
        data: PathBuf::from("../shared/data"),
        out: PathBuf::from("models/ner.bin"),
        epochs: 12,
        seed: 42,
        bits: 20,
        fane: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| panic!("{k} needs a value"));
        match k.as_str() {
            "--data" => a.data = val().into(),
            "--out" => a.out = val().into(),
            "--epochs" => a.epochs = val().parse().expect("--epochs N"),
            "--seed" => a.seed = val().parse().expect("--seed N"),
            "--bits" => a.bits = val().parse().expect("--bits N"),
            "--fane" => a.fane = true,
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

struct Dev {
    name: &'static str,
    sents: Vec<rasd_tagger::data::Aligned>,
    prepared: Vec<Prepared>,
}

impl Dev {
    fn new(name: &'static str, s: &[CorpusSentence], bits: u32) -> Dev {
        let sents: Vec<_> = s.iter().map(align).collect();
        let prepared = sents.iter().map(|a| prepare(a, bits)).collect();
        Dev {
            name,
            sents,
            prepared,
        }
    }

    fn score(&self, model: &rasd_tagger::Model) -> Counts {
        let mut sc = Scratch::default();
        let mut c = Counts::default();
        for (a, p) in self.sents.iter().zip(&self.prepared) {
            let pred = tag_prepared(model, p, &mut sc);
            let gold = rasd_tagger::chunks(&a.corpus_tags);
            c.add(&gold, &rasd_tagger::data::project_chunks(a, &pred));
        }
        c
    }
}

fn main() {
    let args = parse_args();
    let t0 = Instant::now();
    let c = read_corpora(&args.data).expect("reading ANERcorp / AQMAR");
    let mut train: Vec<CorpusSentence> = Vec::new();
    train.extend(c.anercorp_train.iter().cloned());
    train.extend(c.aqmar_train.iter().cloned());
    if args.fane {
        let f = read_fane(args.data.join("fane/WikiFANE_Gold_2014_500K.txt")).expect("WikiFANE");
        // FANE's MISC-like classes (products, weapons, groups…) do not follow ANERcorp/AQMAR
        // MISC; keep only sentences whose entities are all PER / ORG / LOC.
        let n = f.len();
        let f: Vec<CorpusSentence> = f
            .into_iter()
            .filter(|s| s.tags.iter().all(|t| t.label() != Some(Label::Misc)))
            .collect();
        eprintln!(
            "WikiFANE: {} of {n} sentences (no MISC-like entity)",
            f.len()
        );
        train.extend(f);
    }
    let mut prepared: Vec<Prepared> = train
        .iter()
        .map(|s| prepare(&align(s), args.bits))
        .collect();
    let n_tok: usize = prepared.iter().map(|p| p.gold.len()).sum();
    let devs = [
        Dev::new("ANERcorp-dev", &c.anercorp_dev, args.bits),
        Dev::new("AQMAR-dev", &c.aqmar_dev, args.bits),
    ];
    eprintln!(
        "train: {} sentences, {} rasd tokens; dev: {} + {} sentences; features in {:.1}s",
        prepared.len(),
        n_tok,
        devs[0].sents.len(),
        devs[1].sents.len(),
        t0.elapsed().as_secs_f64()
    );
    let mut rng = Rng::new(args.seed);
    let mut p = Perceptron::new(args.bits);
    for epoch in 1..=args.epochs {
        let te = Instant::now();
        rng.shuffle(&mut prepared);
        let errors: usize = prepared.iter().map(|s| p.learn(s)).sum();
        let model = p.averaged();
        let scores: Vec<String> = devs
            .iter()
            .map(|d| format!("{} {}", d.name, d.score(&model).summary()))
            .collect();
        eprintln!(
            "epoch {epoch:>2}: train token errors {:.2}%  | {}  ({:.1}s)",
            100.0 * errors as f64 / n_tok as f64,
            scores.join(" | "),
            te.elapsed().as_secs_f64()
        );
    }
    let model = p.averaged();
    for d in &devs {
        eprintln!("== {} (final model)\n{}", d.name, d.score(&model).report());
    }
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir).ok();
    }
    model.save(&args.out).expect("writing the model");
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "saved {} ({:.1} MB, {} non-zero rows of {}); total {:.1}s",
        args.out.display(),
        size as f64 / 1e6,
        model.nonzero_rows(),
        1usize << model.bits(),
        t0.elapsed().as_secs_f64()
    );
}
