//! Span-level scoring, conlleval-style: a predicted chunk counts when its first token, last
//! token and type all equal a gold chunk's.

use std::collections::HashSet;

use crate::data::{align, project_chunks, CorpusSentence};
use crate::Label;

/// True positives, false positives and false negatives per type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Per type (index order of [`Label::ALL`]): (tp, fp, fn).
    pub by_type: [(u64, u64, u64); 4],
}

/// Precision, recall and F1 (percent) from counts.
pub fn prf(tp: u64, fp: u64, fnn: u64) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        100.0 * tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fnn > 0 {
        100.0 * tp as f64 / (tp + fnn) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl Counts {
    /// Adds one sentence's gold and predicted chunks `(first, last_exclusive, label)`.
    pub fn add(&mut self, gold: &[(usize, usize, Label)], pred: &[(usize, usize, Label)]) {
        let g: HashSet<_> = gold.iter().collect();
        let p: HashSet<_> = pred.iter().collect();
        for c in &p {
            let e = &mut self.by_type[c.2 as usize];
            if g.contains(c) {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        for c in &g {
            if !p.contains(c) {
                self.by_type[c.2 as usize].2 += 1;
            }
        }
    }

    /// Merges counts.
    pub fn merge(&mut self, o: &Counts) {
        for (a, b) in self.by_type.iter_mut().zip(o.by_type) {
            a.0 += b.0;
            a.1 += b.1;
            a.2 += b.2;
        }
    }

    /// Micro-averaged (tp, fp, fn).
    pub fn micro(&self) -> (u64, u64, u64) {
        self.by_type
            .iter()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    }

    /// Micro F1 (percent).
    pub fn micro_f1(&self) -> f64 {
        let (tp, fp, fnn) = self.micro();
        prf(tp, fp, fnn).2
    }

    /// F1 of one type (percent).
    pub fn f1(&self, l: Label) -> f64 {
        let (tp, fp, fnn) = self.by_type[l as usize];
        prf(tp, fp, fnn).2
    }

    /// A conlleval-like table.
    pub fn report(&self) -> String {
        let mut s = String::new();
        s.push_str("type     gold  pred    prec   recall     F1\n");
        let mut row = |name: &str, (tp, fp, fnn): (u64, u64, u64)| {
            let (p, r, f) = prf(tp, fp, fnn);
            s.push_str(&format!(
                "{name:<6} {:>6} {:>5}  {p:>6.2}  {r:>6.2}  {f:>6.2}\n",
                tp + fnn,
                tp + fp
            ));
        };
        for l in Label::ALL {
            row(l.as_str(), self.by_type[l as usize]);
        }
        row("micro", self.micro());
        s
    }

    /// One line: `micro F1 (PER x ORG y LOC z MISC w)`.
    pub fn summary(&self) -> String {
        format!(
            "F1 {:.2} (PER {:.2} ORG {:.2} LOC {:.2} MISC {:.2})",
            self.micro_f1(),
            self.f1(Label::Per),
            self.f1(Label::Org),
            self.f1(Label::Loc),
            self.f1(Label::Misc)
        )
    }
}

/// Scores a tagger function on corpus sentences: each sentence is aligned to rasd tokens, the
/// function tags them, predicted chunks are projected back onto corpus tokens and compared with
/// the corpus chunks.
pub fn evaluate(
    sents: &[CorpusSentence],
    mut tag: impl FnMut(&crate::data::Aligned) -> Vec<crate::Tag>,
) -> Counts {
    let mut c = Counts::default();
    for s in sents {
        let a = align(s);
        let pred = tag(&a);
        let gold = crate::chunks(&a.corpus_tags);
        c.add(&gold, &project_chunks(&a, &pred));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_only() {
        use Label::*;
        let mut c = Counts::default();
        c.add(
            &[(0, 2, Per), (3, 4, Loc), (5, 6, Org)],
            &[(0, 2, Per), (3, 5, Loc), (5, 6, Misc)],
        );
        assert_eq!(c.by_type[Per as usize], (1, 0, 0));
        assert_eq!(c.by_type[Loc as usize], (0, 1, 1));
        assert_eq!(c.by_type[Org as usize], (0, 0, 1));
        assert_eq!(c.by_type[Misc as usize], (0, 1, 0));
        let (tp, fp, fnn) = c.micro();
        assert_eq!((tp, fp, fnn), (1, 2, 2));
        assert!((c.micro_f1() - 100.0 / 3.0).abs() < 1e-9);
    }
}
