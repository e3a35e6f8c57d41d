//! The project's gold list of tricky words (`tests/data/clitics.tsv`, written for rasd) against
//! the clitic segmenter. Prints accuracy per category; fails if overall accuracy drops below
//! the floor recorded here (raise it when the segmenter improves).
//!
//! Run with `cargo test -p rasd-text --test clitics_gold -- --nocapture` to see the report and
//! every miss.

use std::collections::BTreeMap;

use rasd_text::clitics::segment;

const GOLD: &str = include_str!("data/clitics.tsv");
/// Overall accuracy floor, as measured when this test was last tuned.
const FLOOR: f64 = 0.95;

#[test]
fn clitic_gold_accuracy() {
    let mut per_cat: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut total = 0;
    let mut right = 0;
    for line in GOLD.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "bad gold line: {line:?}");
        let (word, expected, cat) = (cols[0], cols[1], cols[2]);
        let got = segment(word).render(word);
        // The gold writes clitics without kashida; the renderer already does.
        let ok = got == expected;
        let e = per_cat.entry(cat).or_default();
        e.1 += 1;
        total += 1;
        if ok {
            e.0 += 1;
            right += 1;
        } else {
            misses.push(format!("{cat}\t{word}\texpected {expected}\tgot {got}"));
        }
    }
    assert!(
        total >= 500,
        "the gold list must hold at least 500 words, has {total}"
    );
    println!(
        "clitic segmentation gold: {right}/{total} = {:.1}%",
        100.0 * right as f64 / total as f64
    );
    for (cat, (r, n)) in &per_cat {
        println!(
            "  {cat:<14} {r:>4}/{n:<4} {:.1}%",
            100.0 * *r as f64 / *n as f64
        );
    }
    for m in &misses {
        println!("  miss: {m}");
    }
    let acc = right as f64 / total as f64;
    assert!(
        acc >= FLOOR,
        "accuracy {acc:.3} fell below the floor {FLOOR}"
    );
}
