//! Event dates: explicit years, month–year and day–month–year forms, and relative expressions
//! (`أمس`، `منذ نحو عام`، `الشهر الماضي`، `خلال الشهرين الماضيين`) resolved against the
//! publication date.

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u32,
    /// Day 1–31.
    pub d: u32,
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// YYYY.
    Year,
    /// YYYY-MM.
    Month,
    /// YYYY-MM-DD.
    Day,
}

/// A resolved date with its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDate {
    /// The date (first day of the period for years and months).
    pub date: Ymd,
    /// Its precision.
    pub precision: Precision,
}

impl EventDate {
    /// ISO 8601 at the date's precision.
    pub fn to_iso(self) -> String {
        let Ymd { y, m, d } = self.date;
        match self.precision {
            Precision::Year => format!("{y:04}"),
            Precision::Month => format!("{y:04}-{m:02}"),
            Precision::Day => format!("{y:04}-{m:02}-{d:02}"),
        }
    }

    /// Days from this period's last day to `other` (positive when this is earlier).
    pub fn days_before(self, other: Ymd) -> i64 {
        let end = match self.precision {
            Precision::Year => Ymd {
                y: self.date.y,
                m: 12,
                d: 31,
            },
            Precision::Month => Ymd {
                y: self.date.y,
                m: self.date.m,
                d: days_in_month(self.date.y, self.date.m),
            },
            Precision::Day => self.date,
        };
        days(other) - days(end)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn days(d: Ymd) -> i64 {
    let y = i64::from(d.y) - i64::from(d.m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The inverse of [`days`].
pub fn civil(z: i64) -> Ymd {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Ymd { y, m, d }
}

/// Parses the date part of an ISO publication date (`2017-04-22T23:07`, `2017-04-22`).
pub fn parse_iso(s: &str) -> Option<Ymd> {
    let s = s.get(..10)?;
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(Ymd { y, m, d })
}

const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("كانون الثاني", 1),
    ("جانفي", 1),
    ("فبراير", 2),
    ("شباط", 2),
    ("فيفري", 2),
    ("مارس", 3),
    ("آذار", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("نيسان", 4),
    ("أفريل", 4),
    ("مايو", 5),
    ("أيار", 5),
    ("ماي", 5),
    ("يونيو", 6),
    ("حزيران", 6),
    ("جوان", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("تموز", 7),
    ("جويلية", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("آب", 8),
    ("أوت", 8),
    ("سبتمبر", 9),
    ("أيلول", 9),
    ("شتنبر", 9),
    ("أكتوبر", 10),
    ("تشرين الأول", 10),
    ("نوفمبر", 11),
    ("تشرين الثاني", 11),
    ("نونبر", 11),
    ("ديسمبر", 12),
    ("كانون الأول", 12),
    ("دجنبر", 12),
];

fn month_of(word: &str) -> Option<u32> {
    static FOLDED: std::sync::OnceLock<Vec<(String, u32)>> = std::sync::OnceLock::new();
    let table = FOLDED.get_or_init(|| {
        MONTHS
            .iter()
            .map(|(n, m)| (crate::lexicon::fold(n), *m))
            .collect()
    });
    // `word` is already folded by the caller.
    let w = word
        .strip_prefix('و')
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(word);
    table.iter().find(|(n, _)| n == w).map(|(_, m)| *m)
}

fn number(word: &str) -> Option<u32> {
    let w = crate::lexicon::fold(word);
    (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

fn add_months(d: Ymd, delta: i32) -> Ymd {
    let total = d.y * 12 + d.m as i32 - 1 + delta;
    Ymd {
        y: total.div_euclid(12),
        m: (total.rem_euclid(12) + 1) as u32,
        d: 1,
    }
}

/// A date expression found in a run of words: (index of its first word, resolved date).
///
/// `words` are the sentence's words as written (numbers included); `published` anchors
/// relative expressions.
pub fn find(words: &[&str], published: Option<Ymd>) -> Vec<(usize, EventDate)> {
    let f: Vec<String> = words.iter().map(|w| crate::lexicon::fold(w)).collect();
    let mut out = Vec::new();
    let year_ok = |y: u32| (1900..=2100).contains(&y);
    let mut i = 0;
    while i < f.len() {
        let w = f[i].as_str();
        let next = f.get(i + 1).map(String::as_str).unwrap_or("");
        let next2 = f.get(i + 2).map(String::as_str).unwrap_or("");
        // d/m/y
        if w.contains('/') || (w.contains('-') && w.len() >= 8) {
            let parts: Vec<&str> = w.split(['/', '-']).collect();
            if parts.len() == 3 {
                if let (Ok(a), Ok(b), Ok(c)) = (
                    parts[0].parse::<u32>(),
                    parts[1].parse::<u32>(),
                    parts[2].parse::<u32>(),
                ) {
                    let (y, m, d) = if year_ok(a) { (a, b, c) } else { (c, b, a) };
                    if year_ok(y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                        out.push((
                            i,
                            EventDate {
                                date: Ymd { y: y as i32, m, d },
                                precision: Precision::Day,
                            },
                        ));
                        i += 1;
                        continue;
                    }
                }
            }
        }
        // [day] month year; two-word Levantine months (كانون الثاني) first
        let two = if next.is_empty() {
            None
        } else {
            month_of(&format!("{w} {next}")).map(|m| (m, 2))
        };
        if let Some((m, width)) = two.or_else(|| month_of(w).map(|m| (m, 1))) {
            let (next, next2) = if width == 2 {
                (next2, f.get(i + 3).map(String::as_str).unwrap_or(""))
            } else {
                (next, next2)
            };
            let day = i
                .checked_sub(1)
                .and_then(|j| number(words[j]))
                .filter(|d| (1..=31).contains(d));
            let year = number(next).filter(|y| year_ok(*y)).or_else(|| {
                (next == "," || next == "من")
                    .then(|| number(next2))
                    .flatten()
                    .filter(|y| year_ok(*y))
            });
            let year = year
                .map(|y| y as i32)
                .or_else(|| published.map(|p| if m > p.m { p.y - 1 } else { p.y }));
            if let Some(y) = year {
                let (date, precision) = match day {
                    Some(d) => (Ymd { y, m, d }, Precision::Day),
                    None => (Ymd { y, m, d: 1 }, Precision::Month),
                };
                out.push((day.map_or(i, |_| i - 1), EventDate { date, precision }));
                i += width + 1;
                continue;
            }
        }
        // bare year (عام 2014، في 2014، منذ العام 2014)
        if let Some(y) = number(w).filter(|y| year_ok(*y) && w.len() == 4) {
            out.push((
                i,
                EventDate {
                    date: Ymd {
                        y: y as i32,
                        m: 1,
                        d: 1,
                    },
                    precision: Precision::Year,
                },
            ));
            i += 1;
            continue;
        }
        if let Some(p) = published {
            let day = |delta: i64| EventDate {
                date: civil(days(p) + delta),
                precision: Precision::Day,
            };
            let month = |delta: i32| EventDate {
                date: add_months(p, delta),
                precision: Precision::Month,
            };
            let year = |delta: i32| EventDate {
                date: Ymd {
                    y: p.y + delta,
                    m: 1,
                    d: 1,
                },
                precision: Precision::Year,
            };
            let stripped = w.strip_prefix('و').unwrap_or(w);
            let found = match stripped {
                "امس" | "البارحه" => Some(day(-1)),
                "اليوم" if !matches!(next, "السابع" | "الوطني" | "العالمي" | "التالي") => {
                    Some(day(0))
                }
                "غدا" => Some(day(1)),
                "منذ" | "قبل" => {
                    // منذ [نحو|قرابة|حوالي] عام|سنة|شهر|N أعوام
                    let mut j = i + 1;
                    if matches!(
                        f.get(j).map(String::as_str),
                        Some("نحو" | "قرابه" | "حوالي" | "اكثر" | "زهاء")
                    ) {
                        j += 1;
                        if f.get(j).map(String::as_str) == Some("من") {
                            j += 1;
                        }
                    }
                    if matches!(f.get(j).map(String::as_str), Some("العام" | "عام" | "سنه"))
                        && f.get(j + 1).and_then(|x| number(x)).is_some_and(year_ok)
                    {
                        i += 1;
                        continue; // منذ العام 2014: the year itself is read next
                    }
                    let n = f.get(j).and_then(|x| number(x));
                    let unit_i = if n.is_some() { j + 1 } else { j };
                    let n = n.unwrap_or(1) as i32;
                    match f.get(unit_i).map(String::as_str) {
                        Some("عام" | "سنه" | "العام") if n == 1 => Some(month(-12)),
                        Some("عامين" | "سنتين") => Some(year(-2)),
                        Some("اعوام" | "سنوات" | "عاما" | "سنه" | "عام") => {
                            Some(year(-n))
                        }
                        Some("شهر" | "الشهر") if n == 1 => Some(month(-1)),
                        Some("شهرين") => Some(month(-2)),
                        Some("اشهر" | "شهور" | "شهرا") => Some(month(-n)),
                        Some("ايام" | "يوما") => Some(day(-i64::from(n))),
                        Some("اسبوع" | "اسبوعين") => Some(day(-7)),
                        _ => None,
                    }
                }
                "الماضي" | "الماضيه" | "الفائت" | "المنصرم" => {
                    match i.checked_sub(1).map(|j| f[j].as_str()) {
                        Some("العام" | "السنه") => Some(year(-1)),
                        Some("الشهر") => Some(month(-1)),
                        Some("الاسبوع") => Some(day(-7)),
                        _ => None,
                    }
                }
                "الماضيين" => match i.checked_sub(1).map(|j| f[j].as_str()) {
                    Some("الشهرين") => Some(month(-1)),
                    Some("العامين") => Some(year(-1)),
                    _ => None,
                },
                _ => None,
            };
            if let Some(d) = found {
                out.push((i, d));
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Option<String> {
        let words: Vec<&str> = s.split_whitespace().collect();
        find(
            &words,
            Some(Ymd {
                y: 2017,
                m: 4,
                d: 22,
            }),
        )
        .first()
        .map(|(_, d)| d.to_iso())
    }

    #[test]
    fn resolves_against_the_publication_date() {
        assert_eq!(one("أعلن منذ نحو عام انفكاكه").as_deref(), Some("2016-04"));
        assert_eq!(one("الإفراج عن النص 2014 مقابل").as_deref(), Some("2014"));
        assert_eq!(one("هاجم أمس").as_deref(), Some("2017-04-21"));
        assert_eq!(one("خلال الشهرين الماضيين").as_deref(), Some("2017-03"));
        assert_eq!(one("في 12 مارس 2015").as_deref(), Some("2015-03-12"));
        assert_eq!(one("في كانون الثاني 2016").as_deref(), Some("2016-01"));
        assert_eq!(one("في 22/4/2017").as_deref(), Some("2017-04-22"));
        assert_eq!(one("منذ 3 سنوات").as_deref(), Some("2014"));
        assert_eq!(one("تصدعهما منذ العام 2014").as_deref(), Some("2014"));
        assert_eq!(one("في نوفمبر").as_deref(), Some("2016-11"));
        assert_eq!(one("صحيفة اليوم السابع"), None);
    }

    #[test]
    fn civil_days_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 17_278, 40_000] {
            assert_eq!(days(civil(z)), z);
        }
        let d = EventDate {
            date: Ymd {
                y: 2014,
                m: 1,
                d: 1,
            },
            precision: Precision::Year,
        };
        assert!(
            d.days_before(Ymd {
                y: 2017,
                m: 4,
                d: 22
            }) > 800
        );
    }
}
