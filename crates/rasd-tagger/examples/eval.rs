//! Scores a model on a CoNLL file (`token LABEL` per line, blank line between sentences),
//! conlleval-style: exact span match, precision / recall / F1 per type and micro.
//!
//! ```text
//! cargo run --release -p rasd-tagger --example eval -- --model models/ner.bin \
//!     --conll ../shared/data/aqmar/ar_aqmar.dev.bio [--anercorp-dev] [--errors]
//! ```
//!
//! `--anercorp-dev` scores only the last 10 % of sentences of the file (the ANERcorp dev tail
//! the trainer holds out). `--errors` prints every missed and spurious span. The text the
//! tagger sees is the corpus tokens joined with spaces; predicted spans are projected onto
//! corpus tokens before comparison.
use std::collections::HashSet;
use std::path::PathBuf;

use rasd_tagger::data::{align, project_chunks, read_conll};
use rasd_tagger::eval::Counts;
use rasd_tagger::Tagger;

fn main() {
    let mut model = PathBuf::from("models/ner.bin");
    let mut conll: Option<PathBuf> = None;
    let mut tail = false;
    let mut errors = false;
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        match k.as_str() {
            "--model" => model = it.next().expect("--model PATH").into(),
            "--conll" => conll = Some(it.next().expect("--conll PATH").into()),
            "--anercorp-dev" => tail = true,
            "--errors" => errors = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let conll = conll.expect("--conll PATH is required");
    let tagger = Tagger::load(&model).unwrap_or_else(|e| panic!("{}: {e}", model.display()));
    let mut sents = read_conll(&conll).expect("reading the CoNLL file");
    if tail {
        let cut = sents.len() - sents.len() / 10;
        sents = sents.split_off(cut);
    }
    let mut counts = Counts::default();
    for s in &sents {
        let a = align(s);
        let pred_tags = tagger.tag_tokens(&a.text, &a.tokens);
        let gold = rasd_tagger::chunks(&a.corpus_tags);
        let pred = project_chunks(&a, &pred_tags);
        counts.add(&gold, &pred);
        if errors {
            let g: HashSet<_> = gold.iter().collect();
            let p: HashSet<_> = pred.iter().collect();
            let show = |c: &(usize, usize, rasd_tagger::Label)| s.tokens[c.0..c.1].join(" ");
            for c in &gold {
                if !p.contains(c) {
                    println!(
                        "MISS {:<4} {}\t| {}",
                        c.2.as_str(),
                        show(c),
                        s.tokens.join(" ")
                    );
                }
            }
            for c in &pred {
                if !g.contains(c) {
                    println!(
                        "FALSE {:<4} {}\t| {}",
                        c.2.as_str(),
                        show(c),
                        s.tokens.join(" ")
                    );
                }
            }
        }
    }
    println!(
        "{}: {} sentences, {} tokens",
        conll.display(),
        sents.len(),
        sents.iter().map(|s| s.tokens.len()).sum::<usize>()
    );
    print!("{}", counts.report());
}
