//! Checks on the knowledge-base data itself (`data/kb/*.tsv`).

use std::collections::HashMap;

use rasd_kb::{Kb, NameKind};

fn arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

#[test]
fn files_parse_without_errors() {
    let (_, errors) = Kb::build(&[]);
    let shown: Vec<String> = errors.iter().take(30).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "{} problems in data/kb:\n{}",
        errors.len(),
        shown.join("\n")
    );
}

#[test]
fn arabic_fields_are_in_arabic_script() {
    let kb = Kb::embedded();
    let bad: Vec<&str> = kb
        .records()
        .iter()
        .filter(|r| !r.name_ar.is_empty() && !arabic(&r.name_ar))
        .map(|r| r.id.as_str())
        .collect();
    assert!(bad.is_empty(), "name_ar not in Arabic script: {bad:?}");
    let missing: Vec<&str> = kb
        .records()
        .iter()
        .filter(|r| r.name_ar.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "records without an Arabic name: {missing:?}"
    );
    for r in kb.records() {
        for d in &r.demonyms {
            assert!(arabic(d), "{}: demonym `{d}` is not Arabic", r.id);
        }
    }
}

/// Rough bounds of every country, from the GeoNames places of that country (plus a margin).
fn country_bounds(kb: &Kb) -> HashMap<String, (f64, f64, f64, f64)> {
    let mut b: HashMap<String, (f64, f64, f64, f64)> = HashMap::new();
    for r in kb.records().iter().filter(|r| r.geonames.is_some()) {
        if let (Some(cc), Some((la, lo))) = (&r.country, r.geo) {
            let e = b.entry(cc.clone()).or_insert((la, la, lo, lo));
            e.0 = e.0.min(la);
            e.1 = e.1.max(la);
            e.2 = e.2.min(lo);
            e.3 = e.3.max(lo);
        }
    }
    b
}

#[test]
fn coordinates_lie_in_their_country() {
    let kb = Kb::embedded();
    let bounds = country_bounds(kb);
    let mut bad = Vec::new();
    for r in kb.records() {
        let (Some(cc), Some((la, lo))) = (&r.country, r.geo) else {
            continue;
        };
        if r.kind == "region" {
            continue;
        }
        let Some(&(a, b, c, d)) = bounds.get(cc) else {
            continue;
        };
        // The bounds come from populated places, so a big country's centre can lie outside
        // them (Canada's cities hug its southern border): countries get a wider margin.
        let m = if r.kind == "country" { 10.0 } else { 3.0 };
        if la < a - m || la > b + m || lo < c - m || lo > d + m {
            bad.push(format!(
                "{} ({cc}) at {la},{lo} outside {a:.1}..{b:.1}, {c:.1}..{d:.1}",
                r.id
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} records outside their country:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn shared_aliases_are_separated() {
    // An alias shared by two records must be told apart by something the linker uses:
    // different countries (context votes), different validity, or different kinds of place.
    let kb = Kb::embedded();
    let mut by_key: HashMap<String, Vec<(usize, NameKind)>> = HashMap::new();
    for (i, r) in kb.records().iter().enumerate() {
        for a in r.aliases.iter().map(|a| &a.text).chain([&r.name_ar]) {
            let k = rasd_kb::matcher::name_key(a);
            if !k.is_empty() {
                by_key.entry(k).or_default().push((i, NameKind::Canonical));
            }
        }
    }
    let mut clashes = Vec::new();
    for (k, v) in &by_key {
        let mut ids: Vec<usize> = v.iter().map(|x| x.0).collect();
        ids.sort();
        ids.dedup();
        for (n, &a) in ids.iter().enumerate() {
            for &b in &ids[n + 1..] {
                let (ra, rb) = (&kb.records()[a], &kb.records()[b]);
                let separated = ra.country != rb.country
                    || ra.kind != rb.kind
                    || ra.population != rb.population
                    || !ra.valid.is_open()
                    || !rb.valid.is_open();
                if !separated {
                    clashes.push(format!("`{k}`: {} and {}", ra.id, rb.id));
                }
            }
        }
    }
    clashes.sort();
    assert!(
        clashes.len() <= 25,
        "{} aliases shared without a rule that separates them:\n{}",
        clashes.len(),
        clashes.join("\n")
    );
}

#[test]
fn renames_are_dated() {
    // Aliases of armed groups that carry a period must carry a well-formed one (checked on
    // load) and at least one side.
    let kb = Kb::embedded();
    for r in kb.records() {
        for a in &r.aliases {
            if a.text.contains('@') {
                panic!("{}: alias `{}` has a stray @", r.id, a.text);
            }
        }
    }
}

#[test]
fn coverage_floor() {
    let kb = Kb::embedded();
    let n = |kind: &str| kb.records().iter().filter(|r| r.kind == kind).count();
    let places = kb
        .records()
        .iter()
        .filter(|r| matches!(r.kind.as_str(), "city" | "town" | "district" | "landmark"))
        .count();
    println!(
        "records: {}; countries {}; provinces {}; places {places}",
        kb.records().len(),
        n("country"),
        n("province")
    );
    assert!(places >= 5000, "at least 5,000 places, have {places}");
}

#[test]
fn lookup_finds_spelling_variants() {
    let kb = Kb::embedded();
    let ids = |name: &str| {
        kb.lookup(name)
            .into_iter()
            .map(|(r, _)| r.id.clone())
            .collect::<Vec<_>>()
    };
    assert!(ids("بنغازى").contains(&"benghazi-ly".to_string()));
    assert!(ids("طرابلس").len() >= 2, "Tripoli is ambiguous");
}
