//! Feature extraction: per-token *atoms* (64-bit hashes of the folded form, the stem after
//! clitic removal, affixes, shape, clitics, trigger class, lexicon frequency), then a fixed list
//! of [`N_FEATS`] templates per token that combine atoms of the token and its ±2 window into
//! hashed feature buckets.
//!
//! The hash is written here (not taken from a crate) so that a committed model keeps meaning
//! the same thing across dependency upgrades. Any change to what an atom or template means must
//! bump [`FEATURE_VERSION`]; the model file records it and refuses a mismatch.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use rasd_text::clitics::{lexicon_key, segment, Segmenter};
use rasd_text::normalize::{normalize_str, Layer};
use rasd_text::tokenize::{is_arabic_letter, Token, TokenKind};

/// Version of the feature definitions; stored in the model file.
pub const FEATURE_VERSION: u32 = 2;

/// Number of feature templates (features per token).
pub const N_FEATS: usize = 46;

/// Hashes bytes (a small multiply–xorshift hash, stable by construction).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0x243f_6a88_85a3_08d3u64 ^ (bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = mix(h ^ v);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = mix(h ^ u64::from_le_bytes(b));
    }
    h
}

/// Hashes a string.
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// The splitmix64 finalizer.
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[inline]
fn f1(template: u64, a: u64) -> u64 {
    mix(a ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn f2(template: u64, a: u64, b: u64) -> u64 {
    mix(f1(template, a) ^ b.rotate_left(23))
}

#[inline]
fn f3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(f2(template, a, b) ^ c.rotate_left(41))
}

/// What the tagger knows about one token, independent of its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokInfo {
    /// Folded form (Matching layer).
    pub form: u64,
    /// Folded stem after clitic removal (the form for non-Arabic tokens).
    pub stem: u64,
    /// Prefixes (1–3 chars) then suffixes (1–3 chars) of the stem.
    pub affix: [u64; 6],
    /// Word shape: kind, length bucket, capitalization, article.
    pub shape: u64,
    /// Clitic signature: proclitic forms and enclitic.
    pub clit: u64,
    /// Trigger class of the stem (person title, organization head, place head, speech verb…).
    pub trig: u64,
    /// Lexicon frequency bucket of the stem.
    pub freq: u64,
    /// Token kind.
    pub kind: u64,
    /// Knowledge-base gazetteer atom (types and positions of KB names covering the token);
    /// filled per sentence by [`sentence_infos`], not cached.
    pub gaz: u64,
}

impl TokInfo {
    fn pad(tag: &str) -> TokInfo {
        let h = hash_str(tag);
        TokInfo {
            form: h,
            stem: h,
            affix: [h; 6],
            shape: h,
            clit: h,
            trig: h,
            freq: h,
            kind: h,
            gaz: h,
        }
    }
}

fn bos() -> &'static TokInfo {
    static B: OnceLock<TokInfo> = OnceLock::new();
    B.get_or_init(|| TokInfo::pad("<BOS>"))
}

fn eos() -> &'static TokInfo {
    static E: OnceLock<TokInfo> = OnceLock::new();
    E.get_or_init(|| TokInfo::pad("<EOS>"))
}

/// Trigger classes: a word before (or being) a name that says what kind of name it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Trigger {
    /// Not a trigger.
    None = 0,
    /// A person's title or role (`الرئيس`, `الوزير`, `الشيخ`).
    PerTitle = 1,
    /// The head of an organization name (`وزارة`, `حزب`, `جبهة`).
    OrgHead = 2,
    /// The head of a place name (`مدينة`, `محافظة`, `جزيرة`).
    LocHead = 3,
    /// A speech or reporting verb (`قال`, `أكد`), often followed by a person.
    Speech = 4,
    /// A kinship word inside names (`بن`, `ابن`, `أبو`, `أم`).
    Kin = 5,
    /// A direction (`شمال`, `جنوب`), often before a place.
    Direction = 6,
}

const PER_TITLES: &[&str] = &[
    "رئيس",
    "رئيسة",
    "وزير",
    "وزيرة",
    "مشير",
    "ملك",
    "ملكة",
    "أمير",
    "أميرة",
    "شيخ",
    "سيد",
    "سيدة",
    "دكتور",
    "د",
    "نائب",
    "قائد",
    "زعيم",
    "عميد",
    "لواء",
    "عقيد",
    "عماد",
    "فريق",
    "جنرال",
    "رائد",
    "نقيب",
    "مستشار",
    "مستشارة",
    "سفير",
    "سفيرة",
    "متحدث",
    "ناطق",
    "مدير",
    "مديرة",
    "أمين",
    "مبعوث",
    "مندوب",
    "لاعب",
    "لاعبة",
    "مدرب",
    "مطرب",
    "مطربة",
    "فنان",
    "فنانة",
    "ممثل",
    "ممثلة",
    "كاتب",
    "كاتبة",
    "شاعر",
    "روائي",
    "مخرج",
    "الإمام",
    "إمام",
    "آية",
    "مفتي",
    "بابا",
    "البطريرك",
    "حاخام",
    "مرشد",
    "خليفة",
    "سلطان",
    "حاكم",
    "محافظ",
    "عاهل",
    "ولي",
    "المستشارة",
    "السيناتور",
    "سيناتور",
    "النائب",
    "القاضي",
    "قاضي",
    "الأستاذ",
    "أستاذ",
    "البروفيسور",
    "بروفيسور",
    "المهندس",
    "مهندس",
    "الحاج",
    "حاج",
    "الأمير",
    "رئيسا",
    "المدعو",
    "الشهيد",
    "شهيد",
    "الصحفي",
    "صحفي",
    "الصحافي",
    "صحافي",
    "المعارض",
    "معارض",
    "الناشط",
    "ناشط",
    "قائدا",
    "زعيما",
    "المرشح",
    "مرشح",
    "الراحل",
    "الرئيس",
    "الوزير",
];

const ORG_HEADS: &[&str] = &[
    "تنظيم",
    "جبهة",
    "حركة",
    "وزارة",
    "جيش",
    "حزب",
    "شركة",
    "مجلس",
    "اتحاد",
    "منظمة",
    "جامعة",
    "وكالة",
    "هيئة",
    "لجنة",
    "بنك",
    "مصرف",
    "صحيفة",
    "جريدة",
    "قناة",
    "نادي",
    "جمعية",
    "مؤسسة",
    "محكمة",
    "برلمان",
    "قوات",
    "كتائب",
    "ألوية",
    "فيلق",
    "سرايا",
    "ميليشيا",
    "ميليشيات",
    "مليشيا",
    "مليشيات",
    "تحالف",
    "ائتلاف",
    "مكتب",
    "مركز",
    "معهد",
    "أكاديمية",
    "كلية",
    "مجموعة",
    "فرقة",
    "رابطة",
    "نقابة",
    "غرفة",
    "سلطة",
    "إدارة",
    "دائرة",
    "مديرية",
    "مصلحة",
    "بورصة",
    "صندوق",
    "منتدى",
    "تلفزيون",
    "إذاعة",
    "مجلة",
    "حكومة",
    "كتلة",
    "تيار",
    "جماعة",
    "الحرس",
    "حرس",
    "أمانة",
    "بلدية",
    "مستشفى",
    "الشرطة",
    "شرطة",
    "البنك",
    "الأمم",
    "الجامعة",
];

const LOC_HEADS: &[&str] = &[
    "مدينة",
    "محافظة",
    "ولاية",
    "منطقة",
    "بلدة",
    "قرية",
    "إقليم",
    "دولة",
    "جمهورية",
    "مملكة",
    "عاصمة",
    "جزيرة",
    "جزر",
    "نهر",
    "بحر",
    "جبل",
    "جبال",
    "مقاطعة",
    "حي",
    "ريف",
    "مخيم",
    "ميناء",
    "مطار",
    "شارع",
    "ساحة",
    "ميدان",
    "إمارة",
    "بلاد",
    "سهل",
    "وادي",
    "صحراء",
    "خليج",
    "قضاء",
    "ناحية",
    "مدن",
    "عواصم",
    "دول",
    "بلدات",
    "ضاحية",
    "قارة",
    "محيط",
    "بحيرة",
    "معبر",
    "حدود",
    "أراضي",
    "سواحل",
    "ساحل",
    "شبه",
    "مدينتي",
];

const SPEECH: &[&str] = &[
    "قال",
    "قالت",
    "أكد",
    "أكدت",
    "أضاف",
    "أضافت",
    "صرح",
    "صرحت",
    "أعلن",
    "أعلنت",
    "أوضح",
    "أوضحت",
    "أشار",
    "أشارت",
    "ذكر",
    "ذكرت",
    "اعتبر",
    "اعتبرت",
    "دعا",
    "دعت",
    "طالب",
    "طالبت",
    "نفى",
    "نفت",
    "التقى",
    "استقبل",
    "بحث",
    "يقول",
    "تقول",
    "وقال",
    "وقالت",
    "حسب",
    "بحسب",
    "وفق",
    "وفقا",
    "لسان",
    "السيد",
    "السيدة",
];

const KIN: &[&str] = &[
    "بن", "ابن", "بنت", "أبو", "ابو", "أبي", "أبا", "أم", "آل", "عبد",
];

const DIRECTIONS: &[&str] = &[
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "شمال شرق",
    "أنحاء",
];

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<rustc_hash::FxHasher>>;

fn triggers() -> &'static FxMap<String, Trigger> {
    static T: OnceLock<FxMap<String, Trigger>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = FxMap::default();
        // Later lists win ties; insert the weakest first.
        for (list, class) in [
            (DIRECTIONS, Trigger::Direction),
            (SPEECH, Trigger::Speech),
            (KIN, Trigger::Kin),
            (LOC_HEADS, Trigger::LocHead),
            (ORG_HEADS, Trigger::OrgHead),
            (PER_TITLES, Trigger::PerTitle),
        ] {
            for w in list {
                let f = normalize_str(w, Layer::Matching);
                let f = f.strip_prefix("ال").unwrap_or(&f).to_string();
                m.insert(f, class);
            }
        }
        m
    })
}

/// The trigger class of a folded stem (article already removed or not).
pub fn trigger_class(folded: &str) -> Trigger {
    let t = triggers();
    if let Some(&c) = t.get(folded) {
        return c;
    }
    if let Some(rest) = folded.strip_prefix("ال") {
        if let Some(&c) = t.get(rest) {
            return c;
        }
    }
    Trigger::None
}

fn len_bucket(n: usize) -> u64 {
    match n {
        0..=2 => n as u64,
        3..=4 => 3,
        5..=6 => 4,
        7..=9 => 5,
        _ => 6,
    }
}

fn freq_bucket(c: u32) -> u64 {
    match c {
        0 => 0,
        1..=2 => 1,
        3..=9 => 2,
        10..=49 => 3,
        50..=499 => 4,
        _ => 5,
    }
}

fn kind_id(k: TokenKind) -> u64 {
    match k {
        TokenKind::Arabic => 1,
        TokenKind::Latin => 2,
        TokenKind::Number => 3,
        TokenKind::Proclitic => 4,
        TokenKind::Url => 5,
        TokenKind::Email => 6,
        TokenKind::Hashtag => 7,
        TokenKind::Mention => 8,
        TokenKind::Punct => 9,
        TokenKind::Symbol => 10,
    }
}

/// Computes the atoms of one token (`word` is its text, `kind` its kind).
pub fn token_info(word: &str, kind: TokenKind) -> TokInfo {
    let folded = normalize_str(word, Layer::Matching);
    let kid = kind_id(kind);
    let (stem, clit, n_chars, article) = if kind == TokenKind::Arabic {
        let seg = segment(word);
        let stem_raw = &word[seg.stem()];
        let stem = normalize_str(stem_raw, Layer::Matching);
        let mut sig = String::with_capacity(16);
        for c in seg.proclitics() {
            sig.push_str(c.form);
            sig.push('+');
        }
        sig.push('|');
        if let Some(e) = seg.enclitic() {
            sig.push_str(e.form);
        }
        let n = stem.chars().count();
        (stem, hash_str(&sig), n, seg.has_article())
    } else if kind == TokenKind::Number {
        let digits = folded.chars().filter(|c| c.is_ascii_digit()).count();
        (
            format!("<NUM{}>", digits.min(5)),
            hash_str("|"),
            digits,
            false,
        )
    } else {
        let n = folded.chars().count();
        (folded.clone(), hash_str("|"), n, false)
    };
    let chars: Vec<char> = stem.chars().collect();
    let mut affix = [0u64; 6];
    for k in 1..=3 {
        let p: String = chars.iter().take(k).collect();
        let s: String = chars[chars.len().saturating_sub(k)..].iter().collect();
        affix[k - 1] = hash_str(&p);
        affix[k + 2] = hash_str(&s);
    }
    let shape = match kind {
        TokenKind::Latin => {
            let first_upper = word.chars().next().is_some_and(|c| c.is_uppercase());
            let all_upper = word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
            let has_digit = word.chars().any(|c| c.is_ascii_digit());
            let cap = if all_upper && n_chars > 1 {
                2
            } else if first_upper {
                1
            } else {
                0
            };
            mix(kid << 32 | cap << 8 | (has_digit as u64) << 4 | len_bucket(n_chars))
        }
        TokenKind::Arabic => {
            let foreign = word
                .chars()
                .any(|c| !is_arabic_letter(c) && c.is_alphabetic());
            mix(kid << 32 | (article as u64) << 8 | (foreign as u64) << 12 | len_bucket(n_chars))
        }
        TokenKind::Number => mix(kid << 32 | len_bucket(n_chars)),
        TokenKind::Punct | TokenKind::Symbol => {
            let quote = word.chars().any(rasd_text::tokenize::is_quote);
            mix(kid << 32 | (quote as u64) << 8)
        }
        _ => mix(kid << 32),
    };
    let trig = if kind == TokenKind::Arabic {
        let mut t = trigger_class(&stem);
        if t == Trigger::None {
            t = trigger_class(&folded);
        }
        t as u64
    } else {
        0
    };
    let freq = if kind == TokenKind::Arabic {
        let seg = segment(word);
        freq_bucket(Segmenter::embedded().count(&lexicon_key(&word[seg.stem()])))
    } else {
        7
    };
    TokInfo {
        form: hash_str(&folded),
        stem: hash_str(&stem),
        affix,
        shape,
        clit,
        trig: mix(trig | 0x100),
        freq: mix(freq | 0x200),
        kind: mix(kid | 0x300),
        gaz: NO_GAZ,
    }
}

/// Cache size per thread before it is cleared.
const CACHE_CAP: usize = 400_000;

/// [`token_info`], memoized per thread by text (and kind).
pub fn token_info_cached(word: &str, kind: TokenKind) -> TokInfo {
    thread_local! {
        static CACHE: RefCell<FxMap<Box<str>, (TokenKind, TokInfo)>> = RefCell::new(FxMap::default());
    }
    CACHE.with(|c| {
        let mut map = c.borrow_mut();
        if let Some(&(k, info)) = map.get(word) {
            if k == kind {
                return info;
            }
            return token_info(word, kind);
        }
        let info = token_info(word, kind);
        if map.len() >= CACHE_CAP {
            map.clear();
        }
        map.insert(word.into(), (kind, info));
        info
    })
}

const NO_GAZ: u64 = 0x5bd1_e995_0000_0400;

/// Atoms of every token of a sentence (`tokens` are tokens of `text`, in order).
pub fn sentence_infos(text: &str, tokens: &[Token], out: &mut Vec<TokInfo>) {
    out.clear();
    out.extend(
        tokens
            .iter()
            .map(|t| token_info_cached(&text[t.start..t.end], t.kind)),
    );
    let masks = gazetteer_masks(text, tokens);
    for (info, m) in out.iter_mut().zip(masks) {
        info.gaz = if m == 0 { NO_GAZ } else { mix(m | 0x400) };
    }
}

/// Per token, a bit mask of the knowledge-base names covering it: bit `2·type` when the token
/// starts a KB name of that type, bit `2·type + 1` when it continues one (types in
/// [`crate::Label::ALL`] order). Names are matched with the KB's own clitic-aware keys.
pub fn gazetteer_masks(text: &str, tokens: &[Token]) -> Vec<u64> {
    let mut masks = vec![0u64; tokens.len()];
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return masks;
    };
    let kb = rasd_kb::Kb::embedded();
    let base = first.start;
    let slice = &text[base..last.end];
    let keys = kb.keys(slice);
    let matches = kb.matcher().find(&keys);
    if matches.is_empty() {
        return masks;
    }
    for m in matches {
        let (ms, me) = (m.range.start + base, m.range.end + base);
        let mut types = 0u64;
        for &v in kb.matcher().values(m.pattern) {
            let r = kb.record(kb.target(v).record);
            types |= 1 << (r.etype as u64);
        }
        let mut started = false;
        for (i, t) in tokens.iter().enumerate() {
            if t.end <= ms || t.start >= me {
                continue;
            }
            for ty in 0..4u64 {
                if types & (1 << ty) != 0 {
                    masks[i] |= 1 << (2 * ty + u64::from(started));
                }
            }
            started = true;
        }
    }
    masks
}

/// Writes the [`N_FEATS`] feature hashes of token `i` into `out` (cleared first is the
/// caller's business; this appends).
pub fn token_features(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let n = infos.len();
    let at = |d: isize| -> &TokInfo {
        let j = i as isize + d;
        if j < 0 {
            bos()
        } else if j as usize >= n {
            eos()
        } else {
            &infos[j as usize]
        }
    };
    let (m2, m1, c, p1, p2) = (at(-2), at(-1), at(0), at(1), at(2));
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, c.form),
        f1(2, c.stem),
        f1(3, c.affix[0]),
        f1(4, c.affix[1]),
        f1(5, c.affix[2]),
        f1(6, c.affix[3]),
        f1(7, c.affix[4]),
        f1(8, c.affix[5]),
        f1(9, c.shape),
        f1(10, c.clit),
        f1(11, c.trig),
        f1(12, c.freq),
        f1(13, m1.form),
        f1(14, p1.form),
        f1(15, m2.form),
        f1(16, p2.form),
        f1(17, m1.stem),
        f1(18, p1.stem),
        f2(19, m1.form, c.form),
        f2(20, c.form, p1.form),
        f1(21, m1.trig),
        f1(22, m2.trig),
        f1(23, p1.trig),
        f3(24, m1.shape, c.shape, p1.shape),
        f2(25, c.freq, c.shape),
        f2(26, m1.stem, c.stem),
        f2(27, c.stem, p1.stem),
        f2(28, m2.form, m1.form),
        f2(29, c.clit, c.shape),
        f2(30, m1.trig, c.freq),
        f2(31, c.affix[5], c.clit),
        f1(32, m1.affix[5]),
        f1(33, p1.affix[5]),
        f1(34, c.gaz),
        f2(35, c.gaz, c.shape),
        f2(36, m1.gaz, c.gaz),
        f2(37, c.gaz, p1.gaz),
        f2(38, m1.form, p1.form),
        f2(39, m1.trig, c.shape),
        f1(40, m2.shape),
        f1(41, p2.shape),
        f2(42, c.stem, c.clit),
        f2(43, m1.clit, c.clit),
        f2(44, c.affix[2], c.affix[5]),
        f2(45, m1.gaz, c.freq),
    ]);
}

/// Feature buckets (`hash >> (64 - bits)`) of every token of a sentence, `N_FEATS` per token.
pub fn sentence_buckets(infos: &[TokInfo], bits: u32, out: &mut Vec<u32>) {
    out.clear();
    let mut tmp = Vec::with_capacity(N_FEATS);
    for i in 0..infos.len() {
        tmp.clear();
        token_features(infos, i, &mut tmp);
        debug_assert_eq!(tmp.len(), N_FEATS);
        out.extend(tmp.iter().map(|&h| (h >> (64 - bits)) as u32));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasd_text::tokenize::tokenize;

    #[test]
    fn hash_is_stable() {
        // Pinned values: changing the hash silently invalidates committed models.
        assert_eq!(hash_str(""), hash_bytes(b""));
        assert_ne!(hash_str("a"), hash_str("a\0"));
        assert_eq!(mix(0), 0);
        assert_eq!(hash_str("abc"), hash_str("abc"));
    }

    #[test]
    fn stems_fold_clitics_and_variants() {
        // `والرئيس` and `رئيس` share a stem; `الرئيس` is a person-title trigger.
        let a = token_info("والرئيس", TokenKind::Arabic);
        let b = token_info("رئيس", TokenKind::Arabic);
        assert_eq!(a.stem, b.stem);
        assert_ne!(a.form, b.form);
        assert_ne!(a.clit, b.clit);
        assert_eq!(trigger_class("رييس"), Trigger::PerTitle);
        assert_eq!(a.trig, mix(Trigger::PerTitle as u64 | 0x100));
        // Hamza and alef variants fold together.
        assert_eq!(
            token_info("أحمد", TokenKind::Arabic).form,
            token_info("احمد", TokenKind::Arabic).form
        );
        // Diacritics do not change the form.
        assert_eq!(
            token_info("مُحَمَّد", TokenKind::Arabic).form,
            token_info("محمد", TokenKind::Arabic).form
        );
        assert_eq!(trigger_class("وزاره"), Trigger::OrgHead);
        assert_eq!(trigger_class("مدينه"), Trigger::LocHead);
    }

    #[test]
    fn fixed_number_of_features_with_padding() {
        let text = "زار الرئيس مدينة حلب";
        let tokens = tokenize(text);
        let mut infos = Vec::new();
        sentence_infos(text, &tokens, &mut infos);
        let mut b = Vec::new();
        sentence_buckets(&infos, 20, &mut b);
        assert_eq!(b.len(), tokens.len() * N_FEATS);
        assert!(b.iter().all(|&x| x < (1 << 20)));
        // The window makes the same word in different contexts differ.
        let text2 = "حلب";
        let t2 = tokenize(text2);
        let mut i2 = Vec::new();
        sentence_infos(text2, &t2, &mut i2);
        let mut b2 = Vec::new();
        sentence_buckets(&i2, 20, &mut b2);
        let last = &b[(tokens.len() - 1) * N_FEATS..];
        assert_eq!(last[1], b2[1]); // same form feature
        assert_ne!(last[13], b2[13]); // different previous word
    }

    #[test]
    fn cached_equals_uncached() {
        for w in ["والرئيس", "Obama", "2015", "،", "للقاعدة"] {
            let k = tokenize(w)[0].kind;
            assert_eq!(token_info_cached(w, k), token_info(w, k));
            assert_eq!(token_info_cached(w, k), token_info(w, k));
        }
    }
}
