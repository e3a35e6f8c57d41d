//! The averaged structured perceptron (Collins 2002): decode each training sentence with
//! Viterbi under the current weights, and where the best path differs from the gold path add
//! the gold features and subtract the predicted ones; the model is the average of the weights
//! over all steps (kept with the `w − u / c` trick).

use crate::data::Aligned;
use crate::features::{sentence_buckets, sentence_infos, N_FEATS};
use crate::model::{trans_index, viterbi, Model, Scratch};
use crate::N_TAGS;

/// A training or dev sentence with its features extracted.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Feature buckets, [`N_FEATS`] per token.
    pub buckets: Vec<u32>,
    /// Gold tag index per token.
    pub gold: Vec<u8>,
}

/// Extracts the features of an aligned sentence.
pub fn prepare(a: &Aligned, bits: u32) -> Prepared {
    let mut infos = Vec::new();
    sentence_infos(&a.text, &a.tokens, &mut infos);
    let mut buckets = Vec::new();
    sentence_buckets(&infos, bits, &mut buckets);
    Prepared {
        buckets,
        gold: a.gold.iter().map(|t| t.index() as u8).collect(),
    }
}

/// A small seeded PRNG (SplitMix64) for shuffling.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::features::mix(self.0)
    }

    /// A uniform integer below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// The perceptron state.
pub struct Perceptron {
    bits: u32,
    w: Vec<f32>,
    u: Vec<f64>,
    trans: Vec<f32>,
    trans_u: Vec<f64>,
    c: f64,
    em: Vec<f32>,
    back: Vec<u8>,
    path: Vec<u8>,
}

impl Perceptron {
    /// Zero weights over `2^bits` buckets.
    pub fn new(bits: u32) -> Perceptron {
        let rows = 1usize << bits;
        Perceptron {
            bits,
            w: vec![0.0; rows * N_TAGS],
            u: vec![0.0; rows * N_TAGS],
            trans: vec![0.0; (N_TAGS + 1) * N_TAGS],
            trans_u: vec![0.0; (N_TAGS + 1) * N_TAGS],
            c: 1.0,
            em: Vec::new(),
            back: Vec::new(),
            path: Vec::new(),
        }
    }

    /// Hash-table bits.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// One perceptron step on a sentence; returns the number of mistagged tokens.
    pub fn learn(&mut self, p: &Prepared) -> usize {
        let n = p.gold.len();
        if n == 0 {
            return 0;
        }
        self.em.clear();
        self.em.resize(n * N_TAGS, 0.0);
        for (i, feats) in p.buckets.chunks_exact(N_FEATS).enumerate() {
            let e = &mut self.em[i * N_TAGS..(i + 1) * N_TAGS];
            for &b in feats {
                let row = &self.w[b as usize * N_TAGS..(b as usize + 1) * N_TAGS];
                for t in 0..N_TAGS {
                    e[t] += row[t];
                }
            }
        }
        viterbi(&self.em, &self.trans, n, &mut self.back, &mut self.path);
        let mut errors = 0;
        let c = self.c;
        for i in 0..n {
            let (g, q) = (p.gold[i] as usize, self.path[i] as usize);
            if g != q {
                errors += 1;
                for &b in &p.buckets[i * N_FEATS..(i + 1) * N_FEATS] {
                    let b = b as usize * N_TAGS;
                    self.w[b + g] += 1.0;
                    self.u[b + g] += c;
                    self.w[b + q] -= 1.0;
                    self.u[b + q] -= c;
                }
            }
            let gp = if i == 0 {
                None
            } else {
                Some(p.gold[i - 1] as usize)
            };
            let qp = if i == 0 {
                None
            } else {
                Some(self.path[i - 1] as usize)
            };
            if (gp, g) != (qp, q) {
                let gi = trans_index(gp, g);
                let qi = trans_index(qp, q);
                self.trans[gi] += 1.0;
                self.trans_u[gi] += c;
                self.trans[qi] -= 1.0;
                self.trans_u[qi] -= c;
            }
        }
        self.c += 1.0;
        errors
    }

    /// The averaged weights as a (quantised) model.
    pub fn averaged(&self) -> Model {
        let c = self.c;
        let w: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u / c) as f32)
            .collect();
        let t: Vec<f32> = self
            .trans
            .iter()
            .zip(&self.trans_u)
            .map(|(&w, &u)| (w as f64 - u / c) as f32)
            .collect();
        Model::from_f32(self.bits, &w, &t)
    }
}

/// Tags prepared sentences with a model (for dev scoring).
pub fn tag_prepared(model: &Model, p: &Prepared, s: &mut Scratch) -> Vec<crate::Tag> {
    model
        .tag_buckets(&p.buckets, s)
        .into_iter()
        .map(|t| crate::Tag::from_index(t as usize))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{align, parse_conll};
    use crate::{Label, Tagger};

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let mut v: Vec<u32> = (0..50).collect();
        let mut w = v.clone();
        a.shuffle(&mut v);
        b.shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn learns_a_toy_corpus_and_round_trips() {
        let conll = "قال O\nالرئيس O\nمحمد B-PERS\nمرسي I-PERS\nفي O\nالقاهرة B-LOC\n. O\n\n\
                     زار O\nالوزير O\nأحمد B-PERS\nعلي I-PERS\nمدينة O\nحلب B-LOC\n. O\n\n\
                     أعلنت O\nوزارة B-ORG\nالدفاع I-ORG\nفي O\nدمشق B-LOC\n. O\n";
        let sents = parse_conll(conll);
        let prepared: Vec<Prepared> = sents.iter().map(|s| prepare(&align(s), 16)).collect();
        let mut p = Perceptron::new(16);
        for _ in 0..10 {
            for s in &prepared {
                p.learn(s);
            }
        }
        let model = p.averaged();
        let tagger = Tagger::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(tagger.model(), &model);
        let text = "زار الوزير أحمد علي مدينة حلب.";
        let spans = tagger.tag(text);
        let got: Vec<(&str, Label)> = spans
            .iter()
            .map(|s| (&text[s.start..s.end], s.label))
            .collect();
        assert_eq!(got, vec![("أحمد علي", Label::Per), ("حلب", Label::Loc)]);
    }
}
