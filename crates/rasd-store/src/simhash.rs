//! Near-duplicate detection with 64-bit SimHash over the words and word pairs of the
//! Search-folded text.
//! Two documents whose fingerprints differ in at most [`MAX_DISTANCE`] bits are one cluster.
//! The store keeps every fingerprint in memory and compares by popcount (31k documents: about
//! 0.5 G comparisons in all, well under a second); a corpus of many millions would switch to
//! band lookups (split the 64 bits into 8 bands; two fingerprints within 7 bits share one).

use rasd_text::normalize::{normalize_str, Layer};

/// Largest Hamming distance between near-duplicates.
pub const MAX_DISTANCE: u32 = 6;

/// FNV-1a: stable across runs and platforms (ids in the store depend on it).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Final avalanche so that nearby shingles spread over all bits.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The SimHash of a text.
pub fn simhash(text: &str) -> u64 {
    let folded = normalize_str(text, Layer::Search);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut acc = [0i32; 64];
    let mut add = |h: u64| {
        for (i, a) in acc.iter_mut().enumerate() {
            if h >> i & 1 == 1 {
                *a += 1;
            } else {
                *a -= 1;
            }
        }
    };
    for w in &words {
        add(fnv1a(w.as_bytes()));
    }
    for w in words.windows(2) {
        add(fnv1a(format!("{} {}", w[0], w[1]).as_bytes()));
    }
    acc.iter()
        .enumerate()
        .fold(0u64, |h, (i, a)| if *a > 0 { h | 1 << i } else { h })
}

/// Hamming distance.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "قصفت طائرات التحالف الدولي مواقع لتنظيم داعش في مدينة الرقة شمال سوريا أمس، وقال مصدر في المرصد إن الغارات أسفرت عن مقتل عشرة عناصر من التنظيم وتدمير ثلاث آليات، فيما تواصل قوات سوريا الديمقراطية تقدمها نحو المدينة من الجهتين الشرقية والشمالية.";

    #[test]
    fn a_wire_copy_with_small_edits_is_near() {
        let b = format!("(رويترز) - {A}");
        let c = "أعلنت وزارة المالية عن ميزانية العام المقبل بزيادة في الإنفاق على التعليم والصحة والبنية التحتية في جميع المحافظات.";
        assert!(
            distance(simhash(A), simhash(&b)) <= MAX_DISTANCE,
            "{}",
            distance(simhash(A), simhash(&b))
        );
        assert!(
            distance(simhash(A), simhash(c)) > 3 * MAX_DISTANCE,
            "{}",
            distance(simhash(A), simhash(c))
        );
        // Diacritics and spelling variants do not change the fingerprint.
        assert_eq!(
            simhash("قصفت الطائرات مواقع داعش في الرقة"),
            simhash("قَصَفت الطّائرات مواقع داعش فى الرقّة")
        );
    }
}
