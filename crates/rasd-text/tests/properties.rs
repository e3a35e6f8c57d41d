//! Property tests: offsets map back, normalization is idempotent, nothing panics.

use proptest::prelude::*;
use rasd_text::normalize::{normalize, normalize_str, Layer};
use rasd_text::{clitics, sentences, tokenize};

/// Strings biased towards Arabic news text: Arabic letters, harakat, tatweel, presentation
/// forms, digits of three scripts, quotes, punctuation, controls and whitespace.
fn arabic_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[\u{0621}-\u{064A}]{1,8}",
        "[\u{064B}-\u{0652}\u{0640}]",
        "[\u{FE70}-\u{FEFC}\u{FDF2}]",
        "[0-9\u{0660}-\u{0669}\u{06F0}-\u{06F9}]{1,4}",
        "[ .،؛؟!\"«»()\n/:-]",
        "[\u{200B}-\u{200F}\u{202A}-\u{202E}\u{FEFF}]",
        "[a-zA-Z]{1,5}",
        "(http://x.com|#وسم|د\\.|أ\\.ف\\.ب|لـ\"|وال\")",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn layers() -> impl Strategy<Value = Layer> {
    prop_oneof![
        Just(Layer::Display),
        Just(Layer::Matching),
        Just(Layer::Search)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn normalized_offsets_map_back(s in arabic_text(), layer in layers()) {
        let n = normalize(&s, layer);
        let t = n.as_str();
        let mut last = 0;
        for (i, c) in t.char_indices() {
            let r = n.to_original(i..i + c.len_utf8());
            prop_assert!(r.start <= r.end && r.end <= s.len());
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            prop_assert!(r.start >= last, "origin offsets must not go backwards");
            prop_assert!(r.end > r.start, "every kept char comes from some original text");
            last = r.start;
        }
        let whole = n.to_original(0..t.len());
        prop_assert!(whole.end <= s.len());
        prop_assert_eq!(n.to_original_offset(t.len()), s.len());
    }

    #[test]
    fn normalization_is_idempotent(s in arabic_text(), layer in layers()) {
        let once = normalize_str(&s, layer);
        let twice = normalize_str(&once, layer);
        prop_assert_eq!(&once, &twice);
        let mapped = normalize(&s, layer);
        prop_assert_eq!(mapped.as_str(), once.as_str());
    }

    #[test]
    fn sentences_are_ordered_slices(s in arabic_text()) {
        let mut last = 0;
        for r in sentences::split(&s) {
            prop_assert!(r.start >= last && r.start < r.end && r.end <= s.len());
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            prop_assert!(!s[r.clone()].trim().is_empty());
            last = r.end;
        }
    }

    #[test]
    fn tokens_cover_every_visible_char(s in arabic_text()) {
        let toks = tokenize::tokenize(&s);
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.start >= last && t.start < t.end && t.end <= s.len());
            prop_assert!(s[last..t.start].chars().all(char::is_whitespace), "gap {:?}", &s[last..t.start]);
            last = t.end;
        }
        prop_assert!(s[last..].chars().all(char::is_whitespace));
    }

    #[test]
    fn clitic_ranges_tile_the_word(s in arabic_text()) {
        for t in tokenize::tokenize(&s) {
            let w = t.text(&s);
            let seg = clitics::segment(w);
            let mut pos = 0usize;
            for c in seg.proclitics() {
                prop_assert_eq!(c.start as usize, pos);
                pos = c.end as usize;
            }
            prop_assert_eq!(seg.stem().start, pos);
            prop_assert!(seg.stem().end <= w.len());
            match seg.enclitic() {
                Some(e) => {
                    prop_assert_eq!(e.start as usize, seg.stem().end);
                    prop_assert_eq!(e.end as usize, w.len());
                }
                None => prop_assert_eq!(seg.stem().end, w.len()),
            }
            let _ = seg.render(w);
        }
    }
}
