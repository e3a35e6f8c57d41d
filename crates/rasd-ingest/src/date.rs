//! Arabic and international publication-date parsing.
//!
//! Recognises `السبت 22/أبريل/2017 - 11:07 م`, `22 نيسان 2017`, `أفريل 2017`, `22/4/2017`,
//! `2017-04-22T23:07:00+03:00`, `Sat, 22 Apr 2017 23:07:00 +0300`, Hijri `25 رجب 1438 هـ`
//! (tabular Islamic calendar), with ASCII, Arabic-Indic or Persian digits and `ص`/`م` for
//! a.m./p.m. Offsets are char offsets into the input.

/// Which calendar the expression was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    /// Gregorian.
    Gregorian,
    /// Hijri (converted with the tabular Islamic calendar).
    Hijri,
}

/// A date (and maybe time), converted to the Gregorian calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: Option<u32>,
    /// Day of month.
    pub day: Option<u32>,
    /// Hour 0–23.
    pub hour: Option<u32>,
    /// Minute.
    pub minute: Option<u32>,
    /// Calendar of the expression.
    pub calendar: Calendar,
    /// Char offset of the start.
    pub start: usize,
    /// Char offset of the end (exclusive).
    pub end: usize,
}

impl FoundDate {
    /// `2017-04-22T23:07`, `2017-04-22`, `2017-04` or `2017`.
    pub fn to_iso(&self) -> String {
        match (self.month, self.day, self.hour) {
            (Some(m), Some(d), Some(h)) => format!(
                "{:04}-{m:02}-{d:02}T{h:02}:{:02}",
                self.year,
                self.minute.unwrap_or(0)
            ),
            (Some(m), Some(d), None) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None, _) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

const MONTHS: &str = include_str!("../data/month_names.tsv");

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !rasd_text::normalize::is_diacritic(*c) && *c != rasd_text::normalize::TATWEEL)
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            _ => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

fn months() -> &'static Vec<(Vec<String>, u32, Calendar)> {
    static M: std::sync::OnceLock<Vec<(Vec<String>, u32, Calendar)>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut v: Vec<(Vec<String>, u32, Calendar)> = MONTHS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut c = l.split('\t');
                let form = c.next()?;
                let n: u32 = c.next()?.trim().parse().ok()?;
                let cal = if c.next()?.trim() == "hijri" {
                    Calendar::Hijri
                } else {
                    Calendar::Gregorian
                };
                Some((
                    fold(form).split_whitespace().map(str::to_string).collect(),
                    n,
                    cal,
                ))
            })
            .collect();
        // Longest forms first (ربيع الأول before ربيع).
        v.sort_by_key(|m| std::cmp::Reverse(m.0.len()));
        v
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
    Sep(char),
}

/// Tokens with char offsets.
fn lex(text: &str) -> Vec<(Tok, usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(d) = digit(c) {
            let s = i;
            let mut v: u64 = d as u64;
            i += 1;
            while i < chars.len() {
                match digit(chars[i]) {
                    Some(d) => {
                        v = (v * 10 + d as u64).min(1_000_000);
                        i += 1;
                    }
                    None => break,
                }
            }
            out.push((Tok::Num(v as u32, i - s), s, i));
        } else if c.is_alphabetic()
            || rasd_text::normalize::is_diacritic(c)
            || c == rasd_text::normalize::TATWEEL
        {
            let s = i;
            while i < chars.len()
                && (chars[i].is_alphabetic()
                    || rasd_text::normalize::is_diacritic(chars[i])
                    || chars[i] == rasd_text::normalize::TATWEEL)
            {
                i += 1;
            }
            let w: String = chars[s..i].iter().collect();
            out.push((Tok::Word(fold(&w)), s, i));
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push((Tok::Sep(c), i, i + 1));
            i += 1;
        }
    }
    out
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '٠'..='٩' => Some(c as u32 - 0x660),
        '۰'..='۹' => Some(c as u32 - 0x6F0),
        _ => None,
    }
}

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Tabular Islamic calendar → Gregorian (civil epoch, Julian day arithmetic).
fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> (i32, u32, u32) {
    let (y, m, d) = (y as i64, m as i64, d as i64);
    let jd = d
        + ((29.5 * (m - 1) as f64).ceil() as i64)
        + (y - 1) * 354
        + (3 + 11 * y).div_euclid(30)
        + 1_948_440
        - 1;
    // Julian day → Gregorian.
    let a = jd + 32044;
    let b = (4 * a + 3) / 146_097;
    let c = a - 146_097 * b / 4;
    let dd = (4 * c + 3) / 1461;
    let e = c - 1461 * dd / 4;
    let mm = (5 * e + 2) / 153;
    let day = e - (153 * mm + 2) / 5 + 1;
    let month = mm + 3 - 12 * (mm / 10);
    let year = 100 * b + dd - 4800 + mm / 10;
    (year as i32, month as u32, day as u32)
}

fn month_at(toks: &[(Tok, usize, usize)], i: usize) -> Option<(u32, Calendar, usize)> {
    'forms: for (form, n, cal) in months() {
        for (k, w) in form.iter().enumerate() {
            match toks.get(i + k) {
                Some((Tok::Word(x), _, _)) if x == w => {}
                _ => continue 'forms,
            }
        }
        return Some((*n, *cal, form.len()));
    }
    None
}

fn is_year(v: u32, len: usize, cal: Calendar) -> bool {
    len == 4
        && match cal {
            Calendar::Gregorian => (1000..=2100).contains(&v),
            Calendar::Hijri => (1300..=1500).contains(&v),
        }
}

fn build(
    year: u32,
    month: u32,
    day: Option<u32>,
    cal: Calendar,
    start: usize,
    end: usize,
) -> Option<FoundDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let (y, m, d) = match (cal, day) {
        (Calendar::Hijri, Some(d)) if (1..=30).contains(&d) => {
            let (y, m, d) = hijri_to_gregorian(year as i32, month, d);
            (y, m, Some(d))
        }
        (Calendar::Hijri, _) => return None,
        (Calendar::Gregorian, Some(d)) => {
            if d == 0 || d > days_in(year as i32, month) {
                return None;
            }
            (year as i32, month, Some(d))
        }
        (Calendar::Gregorian, None) => (year as i32, month, None),
    };
    Some(FoundDate {
        year: y,
        month: Some(m),
        day: d,
        hour: None,
        minute: None,
        calendar: cal,
        start,
        end,
    })
}

/// A date expression starting at token `i`: returns it and the next token index.
fn date_at(toks: &[(Tok, usize, usize)], i: usize) -> Option<(FoundDate, usize)> {
    let num = |k: usize| match toks.get(k) {
        Some((Tok::Num(v, l), _, _)) => Some((*v, *l)),
        _ => None,
    };
    let sep = |k: usize| {
        matches!(
            toks.get(k),
            Some((Tok::Sep('/' | '-' | '.' | '،' | ',' | '\\' | '؍'), _, _))
        )
    };
    let start = toks[i].1;
    // Numeric: d/m/y, y-m-d.
    if let Some((a, la)) = num(i) {
        if sep(i + 1) {
            if let (Some((b, _)), true, Some((c, lc))) = (num(i + 2), sep(i + 3), num(i + 4)) {
                let end = toks[i + 4].2;
                if la == 4 && is_year(a, la, Calendar::Gregorian) {
                    return build(a, b, Some(c), Calendar::Gregorian, start, end)
                        .map(|d| (d, i + 5));
                }
                if is_year(c, lc, Calendar::Gregorian) {
                    let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
                    return build(c, m, Some(d), Calendar::Gregorian, start, end)
                        .map(|d| (d, i + 5));
                }
            }
            // d/month-name/y
            if let Some((m, cal, n)) = month_at(toks, i + 2) {
                let k = i + 2 + n;
                if sep(k) {
                    if let Some((y, ly)) = num(k + 1) {
                        if is_year(y, ly, cal) {
                            return build(y, m, Some(a), cal, start, toks[k + 1].2)
                                .map(|d| (d, k + 2));
                        }
                    }
                }
            }
        }
        // d month [من] [(month)] y
        if la <= 2 {
            let mut k = i + 1;
            if matches!(toks.get(k), Some((Tok::Word(w), _, _)) if w == "من") {
                k += 1;
            }
            if let Some((m, cal, n)) = month_at(toks, k) {
                let mut k = k + n;
                // نيسان (أبريل)
                if matches!(toks.get(k), Some((Tok::Sep('('), _, _))) {
                    if let Some((_, _, n2)) = month_at(toks, k + 1) {
                        if matches!(toks.get(k + 1 + n2), Some((Tok::Sep(')'), _, _))) {
                            k += n2 + 2;
                        }
                    }
                }
                if sep(k) && num(k + 1).is_some() {
                    k += 1;
                }
                if let Some((y, ly)) = num(k) {
                    let cal = if hijri_marker(toks, k + 1) {
                        Calendar::Hijri
                    } else {
                        cal
                    };
                    if is_year(y, ly, cal) {
                        let end = toks[k].2;
                        return build(y, m, Some(a), cal, start, end).map(|d| (d, k + 1));
                    }
                }
            }
        }
        return None;
    }
    // month y
    if let Some((m, cal, n)) = month_at(toks, i) {
        let k = i + n;
        if let Some((y, ly)) = num(k) {
            if is_year(y, ly, cal) && cal == Calendar::Gregorian {
                return build(y, m, None, cal, start, toks[k].2).map(|d| (d, k + 1));
            }
        }
    }
    None
}

fn hijri_marker(toks: &[(Tok, usize, usize)], k: usize) -> bool {
    matches!(toks.get(k), Some((Tok::Word(w), _, _)) if matches!(w.as_str(), "ه" | "هـ" | "هجري" | "هجريه" | "للهجره"))
}

/// A time near position `k` (within a few tokens): `11:07 م`, `الساعة 23:07`.
fn time_after(toks: &[(Tok, usize, usize)], k: usize) -> Option<(u32, u32, usize)> {
    let mut j = k;
    let limit = (k + 4).min(toks.len());
    while j < limit {
        if let (
            Some((Tok::Num(h, _), _, _)),
            Some((Tok::Sep(':'), _, _)),
            Some((Tok::Num(m, lm), _, _)),
        ) = (toks.get(j), toks.get(j + 1), toks.get(j + 2))
        {
            if *h <= 23 && *m <= 59 && *lm == 2 {
                let mut h = *h;
                let mut end = toks[j + 2].2;
                let mut next = j + 3;
                if let Some((Tok::Sep(':'), _, _)) = toks.get(next) {
                    if let Some((Tok::Num(_, 2), _, e)) = toks.get(next + 1) {
                        end = *e;
                        next += 2;
                    }
                }
                if let Some((Tok::Word(w), _, e)) = toks.get(next) {
                    let pm = matches!(w.as_str(), "م" | "مساء" | "مساءا" | "pm" | "ليلا");
                    let am = matches!(w.as_str(), "ص" | "صباحا" | "صباح" | "am" | "فجرا");
                    if pm && h < 12 {
                        h += 12;
                    }
                    if am && h == 12 {
                        h = 0;
                    }
                    if pm || am {
                        end = *e;
                    }
                }
                return Some((h, *m, end));
            }
        }
        j += 1;
    }
    None
}

/// Every full date expression in `text`, in order, with a nearby time when there is one.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let toks = lex(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match date_at(&toks, i) {
            Some((mut d, next)) => {
                if d.day.is_some() {
                    if let Some((h, m, end)) = time_after(&toks, next) {
                        d.hour = Some(h);
                        d.minute = Some(m);
                        d.end = end;
                    }
                }
                i = next;
                out.push(d);
            }
            None => i += 1,
        }
    }
    out
}

const EN_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Parses one date value from metadata: ISO 8601 (offset dropped, local time kept), RFC 2822,
/// `2017/04/22`, `22-04-2017`, English month names, or anything [`find_dates`] understands.
pub fn parse_date(value: &str) -> Option<FoundDate> {
    let v = value.trim();
    let n = v.chars().count();
    // ISO 8601
    let b = v.as_bytes();
    let dig = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = v.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (dig(0..4), dig(5..7), dig(8..10)) {
            let mut f = build(y, m, Some(d), Calendar::Gregorian, 0, n)?;
            if b.len() >= 16 && (b[10] == b'T' || b[10] == b' ') && b[13] == b':' {
                if let (Some(h), Some(mi)) = (dig(11..13), dig(14..16)) {
                    if h <= 23 && mi <= 59 {
                        f.hour = Some(h);
                        f.minute = Some(mi);
                    }
                }
            }
            return Some(f);
        }
    }
    // English month names: `Sat, 22 Apr 2017 23:07:00 +0300`, `April 22, 2017`.
    let lower = v.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = EN_MONTHS
            .iter()
            .position(|e| w.len() >= 3 && w.starts_with(e))
        {
            let num = |k: usize| words.get(k).and_then(|x| x.parse::<u32>().ok());
            let (day, year) = match (i.checked_sub(1).and_then(num), num(i + 1), num(i + 2)) {
                (Some(d), Some(y), _) if y > 31 => (d, y),
                (_, Some(d), Some(y)) if y > 31 => (d, y),
                _ => continue,
            };
            let mut f = build(year, m as u32 + 1, Some(day), Calendar::Gregorian, 0, n)?;
            if let Some(t) = words
                .iter()
                .find(|x| x.len() >= 5 && x.as_bytes()[2] == b':')
            {
                if let (Ok(h), Ok(mi)) = (t[0..2].parse::<u32>(), t[3..5].parse::<u32>()) {
                    if h <= 23 && mi <= 59 {
                        f.hour = Some(h);
                        f.minute = Some(mi);
                    }
                }
            }
            return Some(f);
        }
    }
    find_dates(v).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Vec<String> {
        find_dates(s).iter().map(FoundDate::to_iso).collect()
    }

    #[test]
    fn arabic_datelines() {
        assert_eq!(iso("السبت 22/أبريل/2017 - 11:07 م"), ["2017-04-22T23:07"]);
        assert_eq!(iso("الأحد 23 من أبريل 2017"), ["2017-04-23"]);
        assert_eq!(iso("22 نيسان (أبريل) 2017"), ["2017-04-22"]);
        assert_eq!(
            iso("١٠ أفريل ٢٠١٧ على الساعة 12:15 ص"),
            ["2017-04-10T00:15"]
        );
        assert_eq!(iso("كانون الثاني 2015"), ["2015-01"]);
        assert_eq!(iso("في 14/3/2023 وقع"), ["2023-03-14"]);
        assert_eq!(iso("2017-04-22"), ["2017-04-22"]);
        assert_eq!(iso("25 رجب 1438 هـ"), ["2017-04-22"]);
    }

    #[test]
    fn invalid_dates_are_rejected_and_offsets_are_chars() {
        assert!(find_dates("31/02/2017 و 22/13/2017").is_empty());
        let t = "نُشر في 22 أيار 2016 مساء";
        let d = &find_dates(t)[0];
        let s: String = t.chars().skip(d.start).take(d.end - d.start).collect();
        assert_eq!(s, "22 أيار 2016");
    }

    #[test]
    fn metadata_values() {
        assert_eq!(
            parse_date("2017-04-22T23:07:00+03:00").unwrap().to_iso(),
            "2017-04-22T23:07"
        );
        assert_eq!(
            parse_date("Sat, 22 Apr 2017 23:07:00 +0300")
                .unwrap()
                .to_iso(),
            "2017-04-22T23:07"
        );
        assert_eq!(parse_date("April 22, 2017").unwrap().to_iso(), "2017-04-22");
        assert!(parse_date("soon").is_none());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let n = s.chars().count();
            for d in find_dates(&s) {
                proptest::prop_assert!(d.start <= d.end && d.end <= n);
            }
            let _ = parse_date(&s);
        }
    }
}
