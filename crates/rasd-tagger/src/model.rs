//! The model: a hashed weight table (`2^bits` buckets × [`N_TAGS`], i16-quantised), a
//! first-order transition matrix, and constrained Viterbi decoding.
//!
//! File format (little-endian): magic `RASDNER\0`, format version u32, feature version u32,
//! bits u32, tags u32, scale f32, `(tags + 1) × tags` f32 transitions (row 0 is the sentence
//! start), then the number of non-zero rows u32 and, per row, its bucket u32 followed by `tags`
//! i16 weights. The real weight is `i16 × scale`.

use rasd_text::tokenize::Token;

use crate::features::{sentence_buckets, sentence_infos, TokInfo, FEATURE_VERSION, N_FEATS};
use crate::{Tag, N_TAGS};

const MAGIC: &[u8; 8] = b"RASDNER\0";
const FORMAT_VERSION: u32 = 1;

/// Score of a forbidden transition.
pub const FORBIDDEN: f32 = -1.0e30;

/// Why a model could not be read.
#[derive(Debug)]
pub enum ModelError {
    /// The file could not be read.
    Io(std::io::Error),
    /// The bytes are not a model of this format.
    Format(String),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::Io(e) => write!(f, "cannot read model: {e}"),
            ModelError::Format(m) => write!(f, "bad model file: {m}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// True when tag `to` may follow tag `from` (`None` = sentence start) under BIO.
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    match Tag::from_index(to) {
        Tag::I(l) => match from.map(Tag::from_index) {
            Some(Tag::B(p)) | Some(Tag::I(p)) => p == l,
            _ => false,
        },
        _ => true,
    }
}

/// Index into a `(N_TAGS + 1) × N_TAGS` transition table; `from = None` is the start row.
#[inline]
pub fn trans_index(from: Option<usize>, to: usize) -> usize {
    from.map_or(0, |f| f + 1) * N_TAGS + to
}

/// Reusable buffers for decoding.
#[derive(Default)]
pub struct Scratch {
    infos: Vec<TokInfo>,
    buckets: Vec<u32>,
    emissions: Vec<f32>,
    back: Vec<u8>,
    path: Vec<u8>,
}

/// A trained model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    bits: u32,
    scale: f32,
    weights: Vec<i16>,
    trans: Vec<f32>,
}

impl Model {
    /// Quantises real-valued weights (`2^bits × N_TAGS`, row-major) into a model.
    pub fn from_f32(bits: u32, weights: &[f32], trans: &[f32]) -> Model {
        assert_eq!(weights.len(), (1usize << bits) * N_TAGS);
        assert_eq!(trans.len(), (N_TAGS + 1) * N_TAGS);
        let max = weights.iter().fold(0f32, |m, &w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = weights
            .iter()
            .map(|&w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Model {
            bits,
            scale,
            weights: q,
            trans: trans.to_vec(),
        }
    }

    /// Bits of the hash table (it has `2^bits` rows).
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Number of rows with a non-zero weight.
    pub fn nonzero_rows(&self) -> usize {
        self.weights
            .chunks_exact(N_TAGS)
            .filter(|r| r.iter().any(|&w| w != 0))
            .count()
    }

    /// Serializes the model (sparse: zero rows are omitted).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for v in [FORMAT_VERSION, FEATURE_VERSION, self.bits, N_TAGS as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        for t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let n = self.nonzero_rows() as u32;
        out.extend_from_slice(&n.to_le_bytes());
        for (b, row) in self.weights.chunks_exact(N_TAGS).enumerate() {
            if row.iter().any(|&w| w != 0) {
                out.extend_from_slice(&(b as u32).to_le_bytes());
                for w in row {
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        out
    }

    /// Writes the model to a file.
    pub fn save(&self, path: impl AsRef<std::path::Path>) -> std::io::Result<()> {
        std::fs::write(path, self.to_bytes())
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Format("not a rasd NER model (magic)".into()));
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Format(format!(
                "format version {version}, expected {FORMAT_VERSION}"
            )));
        }
        let fv = r.u32()?;
        if fv != FEATURE_VERSION {
            return Err(ModelError::Format(format!(
                "feature version {fv}, this build extracts version {FEATURE_VERSION}"
            )));
        }
        let bits = r.u32()?;
        if !(8..=26).contains(&bits) {
            return Err(ModelError::Format(format!("bits {bits} out of range")));
        }
        let tags = r.u32()? as usize;
        if tags != N_TAGS {
            return Err(ModelError::Format(format!(
                "{tags} tags, expected {N_TAGS}"
            )));
        }
        let scale = r.f32()?;
        let mut trans = Vec::with_capacity((N_TAGS + 1) * N_TAGS);
        for _ in 0..(N_TAGS + 1) * N_TAGS {
            trans.push(r.f32()?);
        }
        let rows = 1usize << bits;
        let mut weights = vec![0i16; rows * N_TAGS];
        let n = r.u32()? as usize;
        for _ in 0..n {
            let b = r.u32()? as usize;
            if b >= rows {
                return Err(ModelError::Format(format!("bucket {b} out of range")));
            }
            let row = &mut weights[b * N_TAGS..(b + 1) * N_TAGS];
            for w in row.iter_mut() {
                *w = r.i16()?;
            }
        }
        if r.pos != bytes.len() {
            return Err(ModelError::Format("trailing bytes".into()));
        }
        Ok(Model {
            bits,
            scale,
            weights,
            trans,
        })
    }

    /// Tags one sentence's tokens, calling `emit` once per token in order.
    pub fn tag_sentence(
        &self,
        text: &str,
        tokens: &[Token],
        s: &mut Scratch,
        emit: &mut impl FnMut(Tag),
    ) {
        if tokens.is_empty() {
            return;
        }
        sentence_infos(text, tokens, &mut s.infos);
        sentence_buckets(&s.infos, self.bits, &mut s.buckets);
        self.emissions(&s.buckets, &mut s.emissions);
        viterbi(
            &s.emissions,
            &self.trans,
            tokens.len(),
            &mut s.back,
            &mut s.path,
        );
        for &t in &s.path {
            emit(Tag::from_index(t as usize));
        }
    }

    /// Tags a sentence given its feature buckets (`N_FEATS` per token); returns tag indices.
    pub fn tag_buckets(&self, buckets: &[u32], s: &mut Scratch) -> Vec<u8> {
        let n = buckets.len() / N_FEATS;
        self.emissions(buckets, &mut s.emissions);
        viterbi(&s.emissions, &self.trans, n, &mut s.back, &mut s.path);
        s.path.clone()
    }

    fn emissions(&self, buckets: &[u32], out: &mut Vec<f32>) {
        let n = buckets.len() / N_FEATS;
        out.clear();
        out.resize(n * N_TAGS, 0.0);
        for (i, feats) in buckets.chunks_exact(N_FEATS).enumerate() {
            let mut acc = [0i32; N_TAGS];
            for &b in feats {
                let row = &self.weights[b as usize * N_TAGS..b as usize * N_TAGS + N_TAGS];
                for t in 0..N_TAGS {
                    acc[t] += row[t] as i32;
                }
            }
            for t in 0..N_TAGS {
                out[i * N_TAGS + t] = acc[t] as f32 * self.scale;
            }
        }
    }
}

/// Constrained first-order Viterbi. `em` is `n × N_TAGS` emission scores, `trans` the
/// `(N_TAGS + 1) × N_TAGS` transition table; the best path (tag indices) goes to `path`.
pub fn viterbi(em: &[f32], trans: &[f32], n: usize, back: &mut Vec<u8>, path: &mut Vec<u8>) {
    path.clear();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n * N_TAGS, 0);
    let mut score = [FORBIDDEN; N_TAGS];
    for (t, s) in score.iter_mut().enumerate() {
        if allowed(None, t) {
            *s = trans[trans_index(None, t)] + em[t];
        }
    }
    for i in 1..n {
        let mut next = [FORBIDDEN; N_TAGS];
        for t in 0..N_TAGS {
            let mut best = FORBIDDEN;
            let mut arg = 0u8;
            for (p, &sp) in score.iter().enumerate() {
                if sp <= FORBIDDEN || !ALLOWED[p][t] {
                    continue;
                }
                let v = sp + trans[trans_index(Some(p), t)];
                if v > best {
                    best = v;
                    arg = p as u8;
                }
            }
            if best > FORBIDDEN {
                next[t] = best + em[i * N_TAGS + t];
            }
            back[i * N_TAGS + t] = arg;
        }
        score = next;
    }
    let mut best = 0;
    for t in 1..N_TAGS {
        if score[t] > score[best] {
            best = t;
        }
    }
    path.resize(n, 0);
    path[n - 1] = best as u8;
    for i in (1..n).rev() {
        path[i - 1] = back[i * N_TAGS + path[i] as usize];
    }
}

const ALLOWED: [[bool; N_TAGS]; N_TAGS] = {
    let mut a = [[true; N_TAGS]; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        let mut t = 0;
        while t < N_TAGS {
            // I-x (even index ≥ 2) only after B-x (t - 1) or I-x (t).
            if t >= 2 && t % 2 == 0 {
                a[p][t] = p == t || p == t - 1;
            }
            t += 1;
        }
        p += 1;
    }
    a
};

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.pos + n > self.bytes.len() {
            return Err(ModelError::Format("truncated".into()));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Label;

    #[test]
    fn allowed_matches_table() {
        for (p, row) in ALLOWED.iter().enumerate() {
            for (t, &a) in row.iter().enumerate() {
                assert_eq!(allowed(Some(p), t), a, "{p} -> {t}");
            }
        }
        let b_per = Tag::B(Label::Per).index();
        let i_per = Tag::I(Label::Per).index();
        let i_org = Tag::I(Label::Org).index();
        assert!(allowed(Some(b_per), i_per));
        assert!(!allowed(Some(b_per), i_org));
        assert!(!allowed(None, i_per));
        assert!(!allowed(Some(0), i_per));
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Emissions prefer I-PER everywhere; the best legal path must start with B-PER.
        let n = 3;
        let mut em = vec![0.0f32; n * N_TAGS];
        let i_per = Tag::I(Label::Per).index();
        let b_per = Tag::B(Label::Per).index();
        for i in 0..n {
            em[i * N_TAGS + i_per] = 5.0;
            em[i * N_TAGS + b_per] = 1.0;
        }
        let trans = vec![0.0f32; (N_TAGS + 1) * N_TAGS];
        let (mut back, mut path) = (Vec::new(), Vec::new());
        viterbi(&em, &trans, n, &mut back, &mut path);
        assert_eq!(path, vec![b_per as u8, i_per as u8, i_per as u8]);
    }

    #[test]
    fn save_load_round_trip() {
        let bits = 10;
        let mut w = vec![0.0f32; (1 << bits) * N_TAGS];
        w[7 * N_TAGS + 3] = 2.5;
        w[100 * N_TAGS] = -1.25;
        w[1023 * N_TAGS + 8] = 0.5;
        let trans: Vec<f32> = (0..(N_TAGS + 1) * N_TAGS).map(|i| i as f32 * 0.1).collect();
        let m = Model::from_f32(bits, &w, &trans);
        assert_eq!(m.nonzero_rows(), 3);
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back, m);
        // Quantisation error is bounded by half a step.
        let step = 2.5 / 32767.0;
        assert!((back.weights[7 * N_TAGS + 3] as f32 * back.scale - 2.5).abs() <= step);
        // Corruptions are reported, not panicked on.
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(Model::from_bytes(&bad).is_err());
    }
}
