//! Arabic and international publication dates.
//!
//! Two entry points:
//!
//! * [`find_dates`] finds every full date expression (day + month + year, or month + year,
//!   with an optional nearby time) in running text, in order, with char offsets.
//! * [`parse_date`] reads one metadata value (HTML `<meta>`, JSON-LD `datePublished`, a JSONL
//!   `published` field, RSS `pubDate`): ISO 8601, RFC 2822, numeric dates, English month names,
//!   and everything [`find_dates`] understands.
//!
//! Every result is converted to the proleptic Gregorian calendar; [`FoundDate::calendar`] says
//! which calendar the text used.
//!
//! # Month-name families
//!
//! The names live in `data/months.tsv` (see [`month_names`]); they are compared after folding
//! harakat, tatweel and hamza/alef/yaa/taa-marbuta variants, so `أبريل`, `إبريل`, `ابريل`
//! and `مايّو` all match.
//!
//! ```
//! use rasd_ingest::date::{find_dates, Calendar};
//!
//! let iso = |s: &str| find_dates(s).iter().map(|d| d.to_iso()).collect::<Vec<_>>();
//! // Egyptian / Gulf / MSA transliterations, weekday and 12-hour time with م (p.m.)
//! assert_eq!(iso("السبت 22/أبريل/2017 - 11:07 م"), ["2017-04-22T23:07"]);
//! // Levantine / Iraqi (Syriac) names, with the transliterated name in brackets
//! assert_eq!(iso("دمشق، 22 نيسان (أبريل) 2017"), ["2017-04-22"]);
//! assert_eq!(iso("في كانون الثاني 2015"), ["2015-01"]);
//! // Maghrebi (Algeria, Tunisia) and Moroccan names
//! assert_eq!(iso("الجزائر في 5 جويلية 2019"), ["2019-07-05"]);
//! assert_eq!(iso("الرباط 3 غشت 2019"), ["2019-08-03"]);
//! // Hijri, converted with the Umm al-Qura calendar
//! let d = &find_dates("25 رجب 1438 هـ")[0];
//! assert_eq!((d.to_iso().as_str(), d.calendar), ("2017-04-22", Calendar::Hijri));
//! // Numeric, day first, with Arabic-Indic digits and a 24-hour time
//! assert_eq!(iso("٢٢/٤/٢٠١٧ الساعة 23:07"), ["2017-04-22T23:07"]);
//! // English month names
//! assert_eq!(iso("Posted April 22, 2017"), ["2017-04-22"]);
//! ```
//!
//! ```
//! use rasd_ingest::date::parse_date;
//!
//! let iso = |s: &str| parse_date(s).map(|d| d.to_iso());
//! assert_eq!(iso("2017-04-22T23:07:00+03:00").as_deref(), Some("2017-04-22T23:07"));
//! assert_eq!(iso("Sat, 22 Apr 2017 23:07:00 +0300").as_deref(), Some("2017-04-22T23:07"));
//! assert_eq!(iso("2017/04/22").as_deref(), Some("2017-04-22"));
//! assert_eq!(iso("2017-04").as_deref(), Some("2017-04"));
//! assert_eq!(iso("قريبا"), None);
//! ```
//!
//! # Rules
//!
//! * Numeric dates are day first (`22/4/2017`, `22-04-2017`, `22.04.2017`); a first number
//!   ≤ 12 followed by one > 12 is read month first (`04/22/2017`); four digits first means
//!   year/month/day (`2017/4/22`, `2017-04-22`). Two-digit years are not dates.
//! * Years are 1000–2100 (Gregorian) or 1300–1500 (Hijri); months and days are checked
//!   (`31/02/2017` is rejected).
//! * A Hijri date is one with a Hijri month name, or a numeric date followed by `هـ`, `ه`,
//!   `هجري`, `هجرية`. Conversion uses ICU4X's Umm al-Qura tables (`icu_calendar`,
//!   `Hijri::new_umm_al_qura`, exact for 1300–1600 AH); a day 30 in a month that Umm al-Qura
//!   makes 29 days long is read as the day after the 29th (local moon sighting). A Hijri
//!   month + year without a day gives the Gregorian month that contains the Hijri 15th.
//! * `م` / `ميلادي` after a year marks it Gregorian; a Gregorian month name with a Hijri mark
//!   (or the reverse) is not a date.
//! * Times: `11:07 ص` (a.m.), `11:07 م` (p.m.), `صباحا`, `مساء`/`مساءً`, `ظهرا`, `ليلا`,
//!   `AM`/`PM`, 24-hour `23:07`, with optional seconds and time zone (`Z`, `+03:00`, `+0300`,
//!   `GMT`; the zone is dropped and the wall-clock time kept). The time may stand within
//!   20 chars after the date or before it, separated by `-`, `|`, `،`, `,`, `T`, `الساعة`,
//!   `على`, `في`, `at`.
//! * A weekday (`السبت`, `Sat`) just before the date is included in the span and ignored.
//! * Digits may be ASCII, Arabic-Indic (`٠`–`٩`) or Persian (`۰`–`۹`); separators include
//!   `/ - . \ ، ٫ ٬ ؍`. Bidi marks (`U+200F` …) are skipped.
//!
//! Offsets ([`FoundDate::start`], [`FoundDate::end`]) count chars (Unicode scalar values)
//! of the input as given, end exclusive. Scanning is a single left-to-right pass over tokens
//! with bounded look-ahead, so the time is linear in the input length; no input makes it panic.

use std::collections::HashMap;
use std::sync::OnceLock;

use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};

/// Which calendar the expression was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// Gregorian (any family of month names, or numeric).
    Gregorian,
    /// Hijri (Islamic); converted to Gregorian with the Umm al-Qura calendar.
    Hijri,
}

/// A date (and maybe time) found in text, always converted to the proleptic Gregorian calendar.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FoundDate {
    /// Gregorian year.
    pub year: i32,
    /// Gregorian month 1–12 (`None` only for a bare year from [`parse_date`]).
    pub month: Option<u32>,
    /// Day of month, when the expression has one.
    pub day: Option<u32>,
    /// Hour 0–23, when a time was found.
    pub hour: Option<u32>,
    /// Minute 0–59, when a time was found.
    pub minute: Option<u32>,
    /// Calendar the expression was written in.
    pub calendar: Calendar,
    /// char (Unicode scalar) offsets into the input string, end exclusive
    pub start: usize,
    /// End of the expression (char offset, exclusive).
    pub end: usize,
}

impl FoundDate {
    /// "2017-04-22T23:07", "2017-04-22", "2017-04" or "2017" depending on precision.
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

// ---------------------------------------------------------------------------------------------
// Month table
// ---------------------------------------------------------------------------------------------

/// Spelling family of a month name: the `family` column of `data/months.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MonthFamily {
    /// Egyptian, Gulf and MSA transliterations of the Latin names (`يناير`, `أبريل`).
    EgyptianGulf,
    /// Syriac names of the Levant and Iraq (`كانون الثاني`, `نيسان`).
    LevantineIraqi,
    /// French-derived Algerian/Tunisian names (`جانفي`, `أفريل`) and Moroccan ones (`غشت`).
    Maghrebi,
    /// English names and abbreviations (`April`, `Apr`).
    English,
    /// Islamic months (`رجب`, `ذو الحجة`).
    Hijri,
}

/// One row of `data/months.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthName {
    /// The name as written in the data file (may be several words).
    pub form: &'static str,
    /// Month number 1–12 in its own calendar.
    pub month: u32,
    /// Calendar of the month.
    pub calendar: Calendar,
    /// Spelling family.
    pub family: MonthFamily,
}

const MONTHS_TSV: &str = include_str!("../data/months.tsv");

/// Every month name the parser knows, in the order of `data/months.tsv`.
///
/// Malformed rows are skipped (a unit test checks there are none).
pub fn month_names() -> &'static [MonthName] {
    static NAMES: OnceLock<Vec<MonthName>> = OnceLock::new();
    NAMES.get_or_init(|| MONTHS_TSV.lines().filter_map(parse_month_row).collect())
}

fn parse_month_row(line: &'static str) -> Option<MonthName> {
    if line.trim().is_empty() || line.starts_with('#') {
        return None;
    }
    let mut cols = line.split('\t');
    let form = cols.next()?.trim();
    let month: u32 = cols.next()?.trim().parse().ok()?;
    let calendar = match cols.next()?.trim() {
        "gregorian" => Calendar::Gregorian,
        "hijri" => Calendar::Hijri,
        _ => return None,
    };
    let family = match cols.next()?.trim() {
        "egyptian-gulf" => MonthFamily::EgyptianGulf,
        "levantine-iraqi" => MonthFamily::LevantineIraqi,
        "maghrebi" => MonthFamily::Maghrebi,
        "english" => MonthFamily::English,
        "hijri" => MonthFamily::Hijri,
        _ => return None,
    };
    if form.is_empty() || !(1..=12).contains(&month) || cols.next().is_some() {
        return None;
    }
    Some(MonthName {
        form,
        month,
        calendar,
        family,
    })
}

/// A month form as folded words.
struct MonthForm {
    words: Vec<String>,
    month: u32,
    calendar: Calendar,
    family: MonthFamily,
}

/// Folded forms indexed by their first word, longest forms first.
fn month_index() -> &'static HashMap<String, Vec<MonthForm>> {
    static INDEX: OnceLock<HashMap<String, Vec<MonthForm>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<String, Vec<MonthForm>> = HashMap::new();
        for name in month_names() {
            let words: Vec<String> = fold(name.form)
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            let list = index.entry(first).or_default();
            if list
                .iter()
                .any(|f| f.words == words && f.month == name.month && f.calendar == name.calendar)
            {
                continue;
            }
            list.push(MonthForm {
                words,
                month: name.month,
                calendar: name.calendar,
                family: name.family,
            });
        }
        for list in index.values_mut() {
            list.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        }
        index
    })
}

// ---------------------------------------------------------------------------------------------
// Folding and tokens
// ---------------------------------------------------------------------------------------------

/// Harakat, Quranic marks and tatweel: dropped when comparing words.
fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}')
}

/// Invisible format characters (bidi marks, zero-width joiners, BOM, soft hyphen).
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

fn fold_char(c: char) -> Option<char> {
    if is_arabic_mark(c) || is_format(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        'ة' | 'ھ' | 'ۀ' | 'ۃ' => 'ه',
        'ک' => 'ك',
        'پ' => 'ب',
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        _ => c.to_lowercase().next().unwrap_or(c),
    })
}

/// The comparison form of a word or phrase.
fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

fn digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(u64::from(c) - u64::from('0')),
        '٠'..='٩' => Some(u64::from(c) - 0x660),
        '۰'..='۹' => Some(u64::from(c) - 0x6F0),
        _ => None,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_arabic_mark(c)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// A run of digits (any script); the value saturates.
    Num { value: u64, digits: usize },
    /// A run of letters, folded.
    Word(String),
    /// Any other non-space char.
    Sep(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Tok {
    kind: Kind,
    /// Char offset of the first char.
    start: usize,
    /// Char offset after the last char.
    end: usize,
    /// Whitespace between the previous token and this one.
    space_before: bool,
}

fn lex(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if let Some(d) = digit(c) {
            let mut value = d;
            i += 1;
            while let Some(d) = chars.get(i).and_then(|&c| digit(c)) {
                value = value.saturating_mul(10).saturating_add(d);
                i += 1;
            }
            toks.push(Tok {
                kind: Kind::Num {
                    value,
                    digits: i - start,
                },
                start,
                end: i,
                space_before: space,
            });
            space = false;
        } else if is_word_char(c) {
            let mut end = i + 1;
            i += 1;
            // Format chars inside a word (ZWNJ, bidi marks) do not split it.
            while i < chars.len() {
                if is_word_char(chars[i]) {
                    i += 1;
                    end = i;
                } else if is_format(chars[i]) {
                    i += 1;
                } else {
                    break;
                }
            }
            let word: String = chars[start..end]
                .iter()
                .copied()
                .filter_map(fold_char)
                .collect();
            toks.push(Tok {
                kind: Kind::Word(word),
                start,
                end,
                space_before: space,
            });
            i = end;
            space = false;
        } else if c.is_whitespace() {
            space = true;
            i += 1;
        } else if is_format(c) {
            i += 1;
        } else {
            toks.push(Tok {
                kind: Kind::Sep(c),
                start,
                end: i + 1,
                space_before: space,
            });
            space = false;
            i += 1;
        }
    }
    toks
}

// ---------------------------------------------------------------------------------------------
// Word lists (folded forms)
// ---------------------------------------------------------------------------------------------

/// Separators of all-numeric dates; those with `true` must touch the numbers.
const NUMERIC_SEPS: [(char, bool); 8] = [
    ('/', false),
    ('-', false),
    ('\\', false),
    ('.', true),
    ('،', true),
    ('٫', true),
    ('٬', true),
    ('؍', true),
];
/// Separators between a day, a month name and a year.
const NAME_SEPS: [char; 9] = ['/', '-', '\\', '.', '،', ',', '٫', '٬', '؍'];
/// Separators allowed between a weekday or a time and the date.
const GLUE_SEPS: [char; 12] = ['-', '–', '—', '|', '،', ',', '/', '·', '•', '(', ')', ':'];
const WEEKDAYS: [&str; 27] = [
    "الاحد",
    "الاثنين",
    "الاتنين",
    "الثلاثاء",
    "الثلاثا",
    "الاربعاء",
    "الاربعا",
    "الخميس",
    "الجمعه",
    "السبت",
    "sun",
    "sunday",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
];
/// Words allowed between a date and its time.
/// (`""` is a lone tatweel.)
const TIME_FILLERS: [&str; 9] = ["الساعه", "ساعه", "علي", "عند", "في", "تمام", "at", "t", ""];
const YEAR_WORDS: [&str; 7] = ["عام", "العام", "لعام", "سنه", "السنه", "لسنه", "year"];
const HIJRI_MARKS: [&str; 8] = [
    "ه",
    "هجري",
    "هجريه",
    "هجريا",
    "للهجره",
    "هجرى",
    "الهجري",
    "الهجريه",
];
const GREGORIAN_MARKS: [&str; 7] = [
    "م",
    "ميلادي",
    "ميلاديه",
    "ميلاديا",
    "للميلاد",
    "الميلادي",
    "الميلاديه",
];
const ORDINAL_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];

// ---------------------------------------------------------------------------------------------
// Scanner
// ---------------------------------------------------------------------------------------------

/// A month name matched at some token.
#[derive(Debug, Clone, Copy)]
struct MonthHit {
    month: u32,
    calendar: Calendar,
    family: MonthFamily,
    /// Token after the name (and after an alternative name in brackets).
    next: usize,
}

/// A clock time: token range (inclusive) and value.
#[derive(Debug, Clone, Copy)]
struct Time {
    hour: u32,
    minute: u32,
    first: usize,
    last: usize,
}

/// A date expression before conversion.
#[derive(Debug, Clone, Copy)]
struct Parsed {
    year: i32,
    month: u32,
    day: Option<u32>,
    calendar: Calendar,
    first: usize,
    next: usize,
}

enum Outcome {
    /// A valid date.
    Found(Parsed),
    /// A date-shaped expression that is not a valid date; resume at this token.
    Skip(usize),
    /// Nothing here.
    NoMatch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Hijri,
    Gregorian,
}

struct Scanner<'a> {
    toks: &'a [Tok],
}

impl Scanner<'_> {
    fn num(&self, k: usize) -> Option<(u64, usize)> {
        match self.toks.get(k)?.kind {
            Kind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    fn word(&self, k: usize) -> Option<&str> {
        match &self.toks.get(k)?.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    fn sep(&self, k: usize) -> Option<char> {
        match self.toks.get(k)?.kind {
            Kind::Sep(c) => Some(c),
            _ => None,
        }
    }

    /// Token `k` exists and touches the previous token.
    fn touches(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| !t.space_before)
    }

    fn word_in(&self, k: usize, list: &[&str]) -> bool {
        self.word(k).is_some_and(|w| list.contains(&w))
    }

    fn sep_in(&self, k: usize, list: &[char]) -> bool {
        self.sep(k).is_some_and(|c| list.contains(&c))
    }

    /// A month name starting at token `k`.
    fn month_at(&self, k: usize) -> Option<MonthHit> {
        let forms = month_index().get(self.word(k)?)?;
        forms.iter().find_map(|f| {
            let n = f.words.len();
            let ok = f.words[1..]
                .iter()
                .enumerate()
                .all(|(j, w)| self.word(k + 1 + j) == Some(w.as_str()));
            ok.then_some(MonthHit {
                month: f.month,
                calendar: f.calendar,
                family: f.family,
                next: k + n,
            })
        })
    }

    /// A month name, maybe followed by the same month in another family:
    /// `نيسان (أبريل)`, `كانون الثاني/يناير`, `أبريل - نيسان`.
    fn month_with_alt(&self, k: usize) -> Option<MonthHit> {
        let mut hit = self.month_at(k)?;
        let same =
            |h: Option<MonthHit>| h.filter(|h| h.month == hit.month && h.calendar == hit.calendar);
        match self.sep(hit.next) {
            Some('(') => {
                if let Some(alt) = same(self.month_at(hit.next + 1)) {
                    if self.sep(alt.next) == Some(')') {
                        hit.next = alt.next + 1;
                    }
                }
            }
            Some('/' | '-' | '،' | ',') => {
                if let Some(alt) = same(self.month_at(hit.next + 1)) {
                    hit.next = alt.next;
                }
            }
            _ => {}
        }
        Some(hit)
    }

    /// `هـ` / `م` and friends after a year.
    fn mark_at(&self, k: usize) -> Option<Mark> {
        if self.word_in(k, &HIJRI_MARKS) {
            Some(Mark::Hijri)
        } else if self.word_in(k, &GREGORIAN_MARKS) {
            Some(Mark::Gregorian)
        } else {
            None
        }
    }

    fn date_at(&self, i: usize) -> Outcome {
        match self.toks[i].kind {
            Kind::Num { .. } => match self.numeric_at(i) {
                Outcome::NoMatch => self.day_month_at(i),
                found => found,
            },
            Kind::Word(_) => self.month_first_at(i),
            Kind::Sep(_) => Outcome::NoMatch,
        }
    }

    /// `22/4/2017`, `2017-04-22`, `22.04.2017`, `25/7/1438هـ`.
    fn numeric_at(&self, i: usize) -> Outcome {
        let (Some((a, da)), Some(s), Some((b, db)), Some(s2), Some((c, dc))) = (
            self.num(i),
            self.sep(i + 1),
            self.num(i + 2),
            self.sep(i + 3),
            self.num(i + 4),
        ) else {
            return Outcome::NoMatch;
        };
        let Some(&(_, tight)) = NUMERIC_SEPS.iter().find(|(c, _)| *c == s) else {
            return Outcome::NoMatch;
        };
        if s2 != s || (tight && !(i + 1..=i + 4).all(|k| self.touches(k))) {
            return Outcome::NoMatch;
        }
        // Not a piece of a longer chain of numbers (versions, phone numbers, IPs).
        if self.touches(i)
            && i >= 2
            && self.touches(i - 1)
            && self.num(i - 2).is_some()
            && self.sep_in(i - 1, &['/', '-', '\\', '.', '،', '٫', '٬', '؍', ':'])
        {
            return Outcome::NoMatch;
        }
        if self.sep(i + 5) == Some(s) && self.touches(i + 5) && self.num(i + 6).is_some() {
            return Outcome::NoMatch;
        }
        let (year, month, day) = if da == 4 && db <= 2 && dc <= 2 {
            (a, b, c)
        } else if dc == 4 && da <= 2 && db <= 2 {
            if b > 12 && a <= 12 {
                (c, a, b)
            } else {
                (c, b, a)
            }
        } else {
            return Outcome::NoMatch;
        };
        let mut next = i + 5;
        let calendar = match self.mark_at(next) {
            Some(Mark::Hijri) => {
                next += 1;
                Calendar::Hijri
            }
            Some(Mark::Gregorian) => {
                next += 1;
                Calendar::Gregorian
            }
            None => Calendar::Gregorian,
        };
        match resolve(calendar, year, month, Some(day)) {
            Some((year, month, day)) => Outcome::Found(Parsed {
                year,
                month,
                day,
                calendar,
                first: i,
                next,
            }),
            None => Outcome::Skip(next),
        }
    }

    /// `22 أبريل 2017`, `22/أبريل/2017`, `23 من أبريل 2017`, `22 نيسان (أبريل) 2017`,
    /// `22nd of April 2017`.
    fn day_month_at(&self, i: usize) -> Outcome {
        let Some((day, dd)) = self.num(i) else {
            return Outcome::NoMatch;
        };
        if dd > 2 {
            return Outcome::NoMatch;
        }
        let mut k = i + 1;
        if self.touches(k) && self.word_in(k, &ORDINAL_SUFFIXES) {
            k += 1;
        }
        if self.sep_in(k, &NAME_SEPS) {
            k += 1;
        }
        if self.word_in(k, &["من", "of"]) {
            k += 1;
        }
        match self.month_with_alt(k) {
            Some(hit) => self.year_after(hit, Some(day), i),
            None => Outcome::NoMatch,
        }
    }

    /// `أبريل 2017`, `نيسان/أبريل 2017`, `رمضان 1438 هـ`, `April 22, 2017`.
    fn month_first_at(&self, i: usize) -> Outcome {
        let Some(hit) = self.month_with_alt(i) else {
            return Outcome::NoMatch;
        };
        if hit.family == MonthFamily::English {
            let mut k = hit.next;
            if self.sep(k) == Some('.') && self.touches(k) {
                k += 1;
            }
            if let Some((day, _)) = self.num(k).filter(|&(_, dd)| dd <= 2) {
                let mut j = k + 1;
                if self.touches(j) && self.word_in(j, &ORDINAL_SUFFIXES) {
                    j += 1;
                }
                if self.sep(j) == Some(',') {
                    j += 1;
                }
                if self.num(j).is_some_and(|(_, d)| d == 4) {
                    return self.year_after(MonthHit { next: j, ..hit }, Some(day), i);
                }
            }
        }
        self.year_after(hit, None, i)
    }

    /// The year (with optional separator, `عام` and calendar mark) after a month name.
    fn year_after(&self, hit: MonthHit, day: Option<u64>, first: usize) -> Outcome {
        let mut k = hit.next;
        if self.sep_in(k, &NAME_SEPS) {
            k += 1;
        }
        if self.word(k) == Some("من") && self.word_in(k + 1, &YEAR_WORDS) {
            k += 2;
        } else if self.word_in(k, &YEAR_WORDS) {
            k += 1;
        }
        let Some((year, 4)) = self.num(k) else {
            return Outcome::NoMatch;
        };
        let mut next = k + 1;
        let mark = self.mark_at(next);
        if mark.is_some() {
            next += 1;
        }
        let calendar = match (hit.calendar, mark) {
            (Calendar::Hijri, Some(Mark::Gregorian)) | (Calendar::Gregorian, Some(Mark::Hijri)) => {
                return Outcome::Skip(next)
            }
            (c, _) => c,
        };
        match resolve(calendar, year, u64::from(hit.month), day) {
            Some((year, month, day)) => Outcome::Found(Parsed {
                year,
                month,
                day,
                calendar,
                first,
                next,
            }),
            None => Outcome::Skip(next),
        }
    }

    /// A clock time starting at token `k`: `11:07`, `23:07:00`, `11:07 م`, `11:07 PM`,
    /// `23:07:00.000+03:00`, `23:07:00 +0300`, `10:00 GMT`.
    fn time_at(&self, k: usize) -> Option<Time> {
        let (h, dh) = self.num(k)?;
        let (m, dm) = self.num(k + 2)?;
        if dh > 2
            || dm != 2
            || self.sep(k + 1) != Some(':')
            || !self.touches(k + 1)
            || !self.touches(k + 2)
            || h > 23
            || m > 59
        {
            return None;
        }
        let mut last = k + 2;
        // Seconds and fractions.
        if self.sep(last + 1) == Some(':')
            && self.touches(last + 1)
            && self.touches(last + 2)
            && self.num(last + 2).is_some_and(|(s, d)| d == 2 && s <= 60)
        {
            last += 2;
            if self.sep_in(last + 1, &['.', ','])
                && self.touches(last + 1)
                && self.touches(last + 2)
                && self.num(last + 2).is_some()
            {
                last += 2;
            }
        }
        let mut hour = h as u32;
        // a.m. / p.m.
        if let Some((rule, end)) = self.meridiem_at(last + 1) {
            hour = rule.apply(hour);
            last = end;
        }
        // Time zone, dropped.
        if let Some(end) = self.zone_at(last + 1) {
            last = end;
        }
        Some(Time {
            hour,
            minute: m as u32,
            first: k,
            last,
        })
    }

    /// `ص`, `م`, `صباحا`, `مساء`, `AM`, `p.m.` …: the rule and the last token.
    fn meridiem_at(&self, k: usize) -> Option<(Meridiem, usize)> {
        let w = self.word(k)?;
        let rule = match w {
            "م" | "مساء" | "مساءا" | "مسا" | "pm" | "عصرا" | "عصر" => {
                Meridiem::Pm
            }
            "ص" | "صباحا" | "صباح" | "صباحاً" | "am" | "فجرا" | "فجر" => {
                Meridiem::Am
            }
            "ظهرا" | "ظهر" | "الظهر" => Meridiem::Noon,
            "ليلا" | "ليل" => Meridiem::Night,
            "a" | "p"
                if self.sep(k + 1) == Some('.')
                    && self.touches(k + 1)
                    && self.touches(k + 2)
                    && self.word(k + 2) == Some("m") =>
            {
                let end = if self.sep(k + 3) == Some('.') && self.touches(k + 3) {
                    k + 3
                } else {
                    k + 2
                };
                let rule = if w == "a" { Meridiem::Am } else { Meridiem::Pm };
                return Some((rule, end));
            }
            _ => return None,
        };
        Some((rule, k))
    }

    /// `Z`, `+03:00`, `+0300`, `GMT`, `UTC+3`: the last token of the zone.
    fn zone_at(&self, k: usize) -> Option<usize> {
        let mut last = None;
        let mut k = k;
        match self.word(k) {
            Some("z") if self.touches(k) => return Some(k),
            Some("gmt" | "utc") => {
                last = Some(k);
                k += 1;
            }
            _ => {}
        }
        if self.sep_in(k, &['+', '-', '−']) && self.touches(k + 1) {
            if let Some((v, d)) = self.num(k + 1) {
                if d == 4 && v / 100 <= 14 && v % 100 <= 59 {
                    return Some(k + 1);
                }
                if d <= 2
                    && v <= 14
                    && self.sep(k + 2) == Some(':')
                    && self.touches(k + 2)
                    && self.touches(k + 3)
                    && self.num(k + 3).is_some_and(|(m, dm)| dm == 2 && m <= 59)
                {
                    return Some(k + 3);
                }
                if d <= 2 && v <= 14 && last.is_some() {
                    return Some(k + 1);
                }
            }
        }
        last
    }

    /// Tokens allowed between a date and its time.
    fn is_filler(&self, k: usize) -> bool {
        self.sep_in(k, &GLUE_SEPS) || self.word_in(k, &TIME_FILLERS)
    }

    /// A weekday right before token `first`, maybe with a comma or dash, or `الموافق`
    /// (`الاثنين الموافق 3/7/2023`): the new first token.
    fn weekday_before(&self, first: usize, floor: usize) -> usize {
        let seps = ['،', ',', '-', '–', '|', '/'];
        let mut k = first;
        if k > floor && self.sep_in(k - 1, &seps) {
            k -= 1;
        }
        if k > floor && self.word(k - 1) == Some("الموافق") {
            k -= 1;
            if k > floor && self.sep_in(k - 1, &seps) {
                k -= 1;
            }
        }
        if k > floor && self.word_in(k - 1, &WEEKDAYS) {
            k - 1
        } else {
            first
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Meridiem {
    Am,
    Pm,
    Noon,
    Night,
}

impl Meridiem {
    fn apply(self, h: u32) -> u32 {
        match self {
            Meridiem::Am if h == 12 => 0,
            Meridiem::Pm if h < 12 => h + 12,
            Meridiem::Noon if (1..=6).contains(&h) => h + 12,
            Meridiem::Night if (6..=11).contains(&h) => h + 12,
            Meridiem::Night if h == 12 => 0,
            _ => h,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic
// ---------------------------------------------------------------------------------------------

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Hijri (Umm al-Qura) → Gregorian; `day` may be 30 in a 29-day month (the day after the 29th).
fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<(i32, u32, u32)> {
    let month = u8::try_from(month).ok()?;
    let first = Date::try_new_hijri_with_calendar(year, month, 1, Hijri::new_umm_al_qura()).ok()?;
    let rd = first.to_rata_die() + i64::from(day.checked_sub(1)?);
    let g = Date::from_rata_die(rd, Iso);
    Some((
        g.year().extended_year(),
        u32::from(g.month().ordinal),
        u32::from(g.day_of_month().0),
    ))
}

/// Validates a date in its calendar and converts it to Gregorian `(year, month, day)`.
fn resolve(
    calendar: Calendar,
    year: u64,
    month: u64,
    day: Option<u64>,
) -> Option<(i32, u32, Option<u32>)> {
    let month = u32::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = match day {
        Some(d) => Some(u32::try_from(d).ok().filter(|&d| d >= 1)?),
        None => None,
    };
    match calendar {
        Calendar::Gregorian => {
            let year = i32::try_from(year)
                .ok()
                .filter(|y| (1000..=2100).contains(y))?;
            if day.is_some_and(|d| d > days_in_month(year, month)) {
                return None;
            }
            Some((year, month, day))
        }
        Calendar::Hijri => {
            let year = i32::try_from(year)
                .ok()
                .filter(|y| (1300..=1500).contains(y))?;
            if day.is_some_and(|d| d > 30) {
                return None;
            }
            let (gy, gm, gd) = hijri_to_gregorian(year, month, day.unwrap_or(15))?;
            Some((gy, gm, day.map(|_| gd)))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------

/// Every full date expression in `text` (day+month+year, month+year, with optional time), in order.
/// Bare years (e.g. "2014") are NOT returned here.
///
/// A time within 20 chars after the date (or, failing that, before it) is attached when the
/// date has a day; a weekday just before the date is part of the span. Expressions do not
/// overlap.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let toks = lex(text);
    let sc = Scanner { toks: &toks };

    // Clock times, indexed by first and last token.
    let mut times: Vec<Time> = Vec::new();
    let mut time_starting: HashMap<usize, usize> = HashMap::new();
    let mut time_ending: HashMap<usize, usize> = HashMap::new();
    let mut k = 0;
    while k < toks.len() {
        match sc.time_at(k) {
            Some(t) => {
                time_starting.insert(t.first, times.len());
                time_ending.insert(t.last, times.len());
                times.push(t);
                k = t.last + 1;
            }
            None => k += 1,
        }
    }

    let mut out = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < toks.len() {
        let p = match sc.date_at(i) {
            Outcome::Found(p) => p,
            Outcome::Skip(next) => {
                i = next.max(i + 1);
                continue;
            }
            Outcome::NoMatch => {
                i += 1;
                continue;
            }
        };
        let mut first = sc.weekday_before(p.first, floor);
        let mut last = p.next - 1;
        let mut time = None;
        if p.day.is_some() {
            // After the date.
            let end = toks[last].end;
            let mut k = p.next;
            while k < toks.len() && toks[k].start - end <= 20 {
                if let Some(&t) = time_starting.get(&k) {
                    time = Some(times[t]);
                    last = times[t].last;
                    break;
                }
                if !sc.is_filler(k) {
                    break;
                }
                k += 1;
            }
            // Before the date.
            if time.is_none() {
                let start = toks[first].start;
                let mut k = first;
                while k > floor && start - toks[k - 1].end <= 20 {
                    if let Some(&t) = time_ending.get(&(k - 1)) {
                        let t = times[t];
                        if t.first >= floor {
                            time = Some(t);
                            first = t.first;
                            if first > floor && sc.word_in(first - 1, &["الساعه", "at"]) {
                                first -= 1;
                            }
                        }
                        break;
                    }
                    if !sc.is_filler(k - 1) {
                        break;
                    }
                    k -= 1;
                }
            }
        }
        out.push(FoundDate {
            year: p.year,
            month: Some(p.month),
            day: p.day,
            hour: time.map(|t| t.hour),
            minute: time.map(|t| t.minute),
            calendar: p.calendar,
            start: toks[first].start,
            end: toks[last].end,
        });
        i = last + 1;
        floor = i;
    }
    out
}

/// Parse one date value as found in HTML meta tags / JSON-LD / JSONL `published` fields / RSS:
/// ISO 8601 (with or without time, with offsets like +03:00 or Z — keep the LOCAL wall-clock time as written,
/// drop the offset), RFC 2822 ("Sat, 22 Apr 2017 23:07:00 +0300"), "2017/04/22", "22-04-2017", English month names,
/// and anything find_dates understands. Returns None when nothing sensible is there.
///
/// Besides what [`find_dates`] finds (the first expression wins), a value that is only a year
/// (`2017`), a year and month (`2017-04`, `04/2017`) or ISO 8601 basic format
/// (`20170422`, `20170422T230700Z`) is accepted. Unix timestamps are not.
pub fn parse_date(value: &str) -> Option<FoundDate> {
    if let Some(d) = find_dates(value).into_iter().next() {
        return Some(d);
    }
    whole_value(value)
}

/// Short whole-value forms that are not dates in running text.
fn whole_value(value: &str) -> Option<FoundDate> {
    let toks = lex(value);
    if toks.is_empty() || toks.len() > 8 {
        return None;
    }
    let sc = Scanner { toks: &toks };
    let span = |first: usize, last: usize| (toks[first].start, toks[last].end);
    let greg =
        |y: u64, m: Option<u64>, d: Option<u64>| -> Option<(i32, Option<u32>, Option<u32>)> {
            match m {
                Some(m) => resolve(Calendar::Gregorian, y, m, d).map(|(y, m, d)| (y, Some(m), d)),
                None => i32::try_from(y)
                    .ok()
                    .filter(|y| (1000..=2100).contains(y))
                    .map(|y| (y, None, None)),
            }
        };
    let make = |(year, month, day): (i32, Option<u32>, Option<u32>),
                time: Option<(u32, u32)>,
                (start, end): (usize, usize)| FoundDate {
        year,
        month,
        day,
        hour: time.map(|t| t.0),
        minute: time.map(|t| t.1),
        calendar: Calendar::Gregorian,
        start,
        end,
    };
    let all_touch = |n: usize| (1..n).all(|k| sc.touches(k));
    match toks.len() {
        1 => match sc.num(0)? {
            (y, 4) => greg(y, None, None).map(|d| make(d, None, span(0, 0))),
            (v, 8) => greg(v / 10_000, Some(v / 100 % 100), Some(v % 100))
                .map(|d| make(d, None, span(0, 0))),
            _ => None,
        },
        3 if all_touch(3) && sc.sep_in(1, &['-', '/', '.']) => {
            let ((a, da), (b, db)) = (sc.num(0)?, sc.num(2)?);
            let d = match (da, db) {
                (4, 1..=2) => greg(a, Some(b), None)?,
                (1..=2, 4) => greg(b, Some(a), None)?,
                _ => return None,
            };
            Some(make(d, None, span(0, 2)))
        }
        // 20170422T2307[00][Z|+0300]
        3..=5 if all_touch(3) && sc.word(1) == Some("t") => {
            let ((v, 8), (t, dt)) = (sc.num(0)?, sc.num(2)?) else {
                return None;
            };
            let (h, m) = match dt {
                4 => (t / 100, t % 100),
                6 => (t / 10_000, t / 100 % 100),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let last = match toks.len() {
                3 => 2,
                _ => sc.zone_at(3).filter(|&l| l == toks.len() - 1)?,
            };
            let d = greg(v / 10_000, Some(v / 100 % 100), Some(v % 100))?;
            Some(make(d, Some((h as u32, m as u32)), span(0, last)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Vec<String> {
        find_dates(s).iter().map(FoundDate::to_iso).collect()
    }

    fn one(s: &str) -> String {
        let found = find_dates(s);
        assert_eq!(found.len(), 1, "{s:?} → {found:?}");
        found[0].to_iso()
    }

    fn parsed(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_iso())
    }

    /// The text a date's offsets point at.
    fn span(text: &str, d: &FoundDate) -> String {
        text.chars().skip(d.start).take(d.end - d.start).collect()
    }

    #[test]
    fn date_data_file_is_well_formed() {
        let rows = MONTHS_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(
            month_names().len(),
            rows,
            "a row of months.tsv does not parse"
        );
        for family in [
            MonthFamily::EgyptianGulf,
            MonthFamily::LevantineIraqi,
            MonthFamily::Maghrebi,
            MonthFamily::English,
            MonthFamily::Hijri,
        ] {
            for m in 1..=12 {
                assert!(
                    month_names()
                        .iter()
                        .any(|n| n.family == family && n.month == m),
                    "{family:?} lacks month {m}"
                );
            }
        }
        // The same folded form never means two months.
        let mut seen: HashMap<String, (u32, Calendar)> = HashMap::new();
        for n in month_names() {
            let key = fold(n.form);
            let v = (n.month, n.calendar);
            assert_eq!(*seen.entry(key).or_insert(v), v, "{}", n.form);
        }
    }

    #[test]
    fn date_egyptian_gulf_months() {
        assert_eq!(one("السبت 22/أبريل/2017 - 11:07 م"), "2017-04-22T23:07");
        assert_eq!(one("22 أبريل 2017"), "2017-04-22");
        assert_eq!(one("22 ابريل 2017"), "2017-04-22");
        assert_eq!(one("22 إبريل 2017"), "2017-04-22");
        assert_eq!(one("الأحد 23 من أبريل 2017"), "2017-04-23");
        assert_eq!(one("أبريل 2017"), "2017-04");
        assert_eq!(one("1 يناير 2020"), "2020-01-01");
        assert_eq!(one("29 فبراير 2016"), "2016-02-29");
        assert_eq!(one("15 مايّو 2018"), "2018-05-15");
        assert_eq!(one("3 يونية 2014"), "2014-06-03");
        assert_eq!(one("3 يونيو 2014"), "2014-06-03");
        assert_eq!(one("30 يولية 2013"), "2013-07-30");
        assert_eq!(one("14 اغسطس 2013"), "2013-08-14");
        assert_eq!(one("6 أكتوبر 1973"), "1973-10-06");
        assert_eq!(one("25 ديسمبر 2019"), "2019-12-25");
        assert_eq!(one("22-أبريل-2017"), "2017-04-22");
        assert_eq!(one("الخميس، 7 نوفمبر، 2019"), "2019-11-07");
        assert_eq!(one("9 سبتمبر عام 2001"), "2001-09-09");
        assert_eq!(one("مارس من العام 2011"), "2011-03");
    }

    #[test]
    fn date_levantine_iraqi_months() {
        assert_eq!(one("22 نيسان (أبريل) 2017"), "2017-04-22");
        assert_eq!(one("كانون الثاني 2015"), "2015-01");
        assert_eq!(one("3 كانون الثاني/يناير 2015"), "2015-01-03");
        assert_eq!(one("14 شباط 2005"), "2005-02-14");
        assert_eq!(one("15 آذار 2011"), "2011-03-15");
        assert_eq!(one("15 اذار 2011"), "2011-03-15");
        assert_eq!(one("9 أيار 2016"), "2016-05-09");
        assert_eq!(one("5 حزيران 1967"), "1967-06-05");
        assert_eq!(one("14 تموز 1958"), "1958-07-14");
        assert_eq!(one("4 آب 2020"), "2020-08-04");
        assert_eq!(one("أيلول 2019"), "2019-09");
        assert_eq!(one("17 تشرين الأول 2019"), "2019-10-17");
        assert_eq!(one("17 تشرين أول 2019"), "2019-10-17");
        assert_eq!(one("2 تشرين الثاني 2018"), "2018-11-02");
        assert_eq!(one("31 كانون الأول 2020"), "2020-12-31");
    }

    #[test]
    fn date_maghrebi_months() {
        assert_eq!(one("1 جانفي 2011"), "2011-01-01");
        assert_eq!(one("22 فيفري 2019"), "2019-02-22");
        assert_eq!(one("10 أفريل 2017"), "2017-04-10");
        assert_eq!(one("ماي 2016"), "2016-05");
        assert_eq!(one("12 جوان 2019"), "2019-06-12");
        assert_eq!(one("5 جويلية 1962"), "1962-07-05");
        assert_eq!(one("20 أوت 1955"), "1955-08-20");
        // Morocco
        assert_eq!(one("30 يوليوز 2019"), "2019-07-30");
        assert_eq!(one("20 غشت 2019"), "2019-08-20");
        assert_eq!(one("11 شتنبر 2020"), "2020-09-11");
        assert_eq!(one("6 نونبر 1975"), "1975-11-06");
        assert_eq!(one("31 دجنبر 2021"), "2021-12-31");
    }

    #[test]
    fn date_hijri_months_are_converted() {
        let d = &find_dates("25 رجب 1438 هـ")[0];
        assert_eq!(d.to_iso(), "2017-04-22");
        assert_eq!(d.calendar, Calendar::Hijri);
        assert_eq!(one("1 رمضان 1445هـ"), "2024-03-11");
        assert_eq!(one("1 شوال 1444 هجرية"), "2023-04-21");
        assert_eq!(one("10 ذو الحجة 1444"), "2023-06-28");
        assert_eq!(one("10 ذي الحجة 1444 ه"), "2023-06-28");
        assert_eq!(one("1 محرم 1440"), "2018-09-11");
        assert_eq!(one("12 ربيع الأول 1441 هـ"), "2019-11-09");
        assert_eq!(one("12 ربيع الاول 1441 هـ"), "2019-11-09");
        // Numeric Hijri, marked with هـ.
        assert_eq!(one("25/7/1438هـ"), "2017-04-22");
        // Day 30 of a month Umm al-Qura makes 29 days long: the day after the 29th.
        assert_eq!(one("30 رمضان 1444"), "2023-04-21");
        assert_eq!(one("٥ جمادى الآخرة ١٤٤٤ هـ"), "2022-12-29");
        assert_eq!(
            one("الجمعة 5 ذو القعدة 1445 هـ - 11:00 ص"),
            "2024-05-13T11:00"
        );
        // Hijri month + year: the Gregorian month holding the 15th.
        let d = &find_dates("رمضان 1445")[0];
        assert_eq!(
            (d.to_iso().as_str(), d.calendar),
            ("2024-03", Calendar::Hijri)
        );
        // Dual dating, as in Gulf papers.
        assert_eq!(
            iso("الأحد 26 رجب 1438 هـ الموافق 23 أبريل 2017 م"),
            ["2017-04-23", "2017-04-23"]
        );
        // Hijri months need a Hijri year; the Gregorian 2020 is not one.
        assert!(find_dates("رمضان 2020").is_empty());
        assert!(find_dates("22 أبريل 1438 هـ").is_empty());
        assert!(find_dates("5 جمادى الأولى 1600").is_empty());
    }

    #[test]
    fn date_numeric_forms() {
        assert_eq!(one("22/4/2017"), "2017-04-22");
        assert_eq!(one("22-04-2017"), "2017-04-22");
        assert_eq!(one("2017/4/22"), "2017-04-22");
        assert_eq!(one("2017-04-22"), "2017-04-22");
        assert_eq!(one("22.04.2017"), "2017-04-22");
        assert_eq!(one("05/04/2017"), "2017-04-05"); // day first
        assert_eq!(one("04/22/2017"), "2017-04-22"); // month first when the second is > 12
        assert_eq!(one("22 / 4 / 2017"), "2017-04-22");
        assert_eq!(one("22،4،2017"), "2017-04-22");
        assert_eq!(one("22؍4؍2017"), "2017-04-22");
        assert_eq!(one("22/4/2017م"), "2017-04-22");
    }

    #[test]
    fn date_other_digits() {
        assert_eq!(one("٢٢/٤/٢٠١٧"), "2017-04-22");
        assert_eq!(one("۲۲/۴/۲۰۱۷"), "2017-04-22");
        assert_eq!(one("٢٢ أبريل ٢٠١٧ - ١١:٠٧ ص"), "2017-04-22T11:07");
        assert_eq!(one("٢٢٫٠٤٫٢٠١٧"), "2017-04-22");
        assert_eq!(one("25 رجب ١٤٣٨ هـ"), "2017-04-22");
    }

    #[test]
    fn date_times() {
        assert_eq!(one("22/4/2017 - 11:07 ص"), "2017-04-22T11:07");
        assert_eq!(one("22/4/2017 - 11:07 م"), "2017-04-22T23:07");
        assert_eq!(one("22/4/2017 12:30 م"), "2017-04-22T12:30");
        assert_eq!(one("22/4/2017 12:15 ص"), "2017-04-22T00:15");
        assert_eq!(one("22 أبريل 2017 الساعة 9:05 صباحاً"), "2017-04-22T09:05");
        assert_eq!(one("22 أبريل 2017 الساعة 9:05 مساءً"), "2017-04-22T21:05");
        assert_eq!(one("22 أبريل 2017 الساعة 9:05 مساء"), "2017-04-22T21:05");
        assert_eq!(one("22 April 2017 9:05 PM"), "2017-04-22T21:05");
        assert_eq!(one("22 April 2017 12:05 a.m."), "2017-04-22T00:05");
        assert_eq!(one("22 أبريل 2017 | 23:07"), "2017-04-22T23:07");
        assert_eq!(one("22 أبريل 2017، 23:07"), "2017-04-22T23:07");
        assert_eq!(one("2017-04-22T23:07:00+03:00"), "2017-04-22T23:07");
        assert_eq!(one("22/4/2017 1:30 ظهرا"), "2017-04-22T13:30");
        assert_eq!(one("22/4/2017 11:00 ليلا"), "2017-04-22T23:00");
        assert_eq!(one("22 APRIL 2017 10:00 AM"), "2017-04-22T10:00");
        // The nearest time after the date wins over one before it.
        assert_eq!(one("10:30 22/4/2017 11:45"), "2017-04-22T11:45");
        // Time first.
        assert_eq!(one("11:07 م - السبت 22 أبريل 2017"), "2017-04-22T23:07");
        assert_eq!(one("الساعة 08:30، 22 أبريل 2017"), "2017-04-22T08:30");
        // Too far away: no time.
        assert_eq!(
            one("22 أبريل 2017 وقال المتحدث إن الاجتماع سيبدأ 10:00"),
            "2017-04-22"
        );
        // Month precision never takes a time.
        assert_eq!(one("أبريل 2017 - 11:07"), "2017-04");
    }

    #[test]
    fn date_harakat_and_tatweel_are_folded() {
        assert_eq!(one("22 أَبْرِيل 2017"), "2017-04-22");
        assert_eq!(one("22 أبـــريل 2017"), "2017-04-22");
        assert_eq!(one("9 أَيّار 2016"), "2016-05-09");
        let t = "نُشِرَ في 3 شُبـاط 2021";
        let d = &find_dates(t)[0];
        assert_eq!(span(t, d), "3 شُبـاط 2021");
        assert_eq!(d.to_iso(), "2021-02-03");
    }

    #[test]
    fn date_invalid_dates_are_rejected() {
        assert!(find_dates("31/02/2017").is_empty());
        assert!(find_dates("29/02/2017").is_empty());
        assert!(find_dates("22/13/2017").is_empty());
        assert!(find_dates("0/4/2017").is_empty());
        assert!(find_dates("31 نيسان 2017").is_empty());
        assert!(find_dates("12 أبريل 3017").is_empty());
        assert!(find_dates("12 أبريل 17").is_empty());
        assert!(find_dates("22/4/17").is_empty());
        assert!(find_dates("31 رجب 1438").is_empty());
        assert!(find_dates("1.22.04.2017").is_empty());
        assert!(find_dates("192.168.10.2017").is_empty());
        assert!(find_dates("نسخة 2.4.2017.1").is_empty());
        // A bare year is not a date expression.
        assert!(find_dates("في عام 2014 قتل 20 شخصا").is_empty());
        assert!(find_dates("22 أبريل").is_empty());
        // Invalid day does not leave a month + year behind.
        assert!(find_dates("31 فبراير 2017").is_empty());
    }

    #[test]
    fn date_offsets_are_chars() {
        let t = "نُشر في 22 أيار 2016 مساء";
        let d = &find_dates(t)[0];
        assert_eq!(span(t, d), "22 أيار 2016");

        let t = "القاهرة - السبت 22/أبريل/2017 - 11:07 م طباعة";
        let d = &find_dates(t)[0];
        assert_eq!(span(t, d), "السبت 22/أبريل/2017 - 11:07 م");
        assert_eq!(d.to_iso(), "2017-04-22T23:07");

        let t = "🙂 x ٢٢/٤/٢٠١٧ y";
        let d = &find_dates(t)[0];
        assert_eq!((d.start, d.end), (4, 13));
        assert_eq!(span(t, d), "٢٢/٤/٢٠١٧");

        let t = "بتاريخ 25 رجب 1438 هـ.";
        let d = &find_dates(t)[0];
        assert_eq!(span(t, d), "25 رجب 1438 هـ");

        let t = "11:07 م - السبت 22 أبريل 2017";
        assert_eq!(span(t, &find_dates(t)[0]), t);

        let t = "يوم الاثنين الموافق 3/7/2023";
        assert_eq!(span(t, &find_dates(t)[0]), "الاثنين الموافق 3/7/2023");

        let t = "Sat, 22 Apr 2017 23:07:00 +0300";
        assert_eq!(span(t, &find_dates(t)[0]), t);

        // Bidi marks around numbers do not matter.
        let t = "\u{200f}22/4/2017\u{200f} - \u{200f}11:07 م";
        let d = &find_dates(t)[0];
        assert_eq!(d.to_iso(), "2017-04-22T23:07");
        assert_eq!(span(t, d), "22/4/2017\u{200f} - \u{200f}11:07 م");
    }

    #[test]
    fn date_paragraph_with_two_dates() {
        let t = "أعلنت الوزارة يوم الثلاثاء 14 آذار 2023 عن خطة جديدة، على أن يبدأ تنفيذها \
                 في 1/6/2023، بحسب بيان صدر مساء أمس. وكان الوزير قد زار المنطقة عام 2019.";
        let found = find_dates(t);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].to_iso(), "2023-03-14");
        assert_eq!(span(t, &found[0]), "الثلاثاء 14 آذار 2023");
        assert_eq!(found[1].to_iso(), "2023-06-01");
        assert_eq!(span(t, &found[1]), "1/6/2023");
        assert!(found[0].end <= found[1].start);
    }

    #[test]
    fn date_parse_metadata_values() {
        assert_eq!(
            parsed("2017-04-22T23:07:00+03:00").as_deref(),
            Some("2017-04-22T23:07")
        );
        assert_eq!(
            parsed("2017-04-22T20:07:00Z").as_deref(),
            Some("2017-04-22T20:07")
        );
        assert_eq!(
            parsed("2017-04-22T23:07:00.000+0300").as_deref(),
            Some("2017-04-22T23:07")
        );
        assert_eq!(
            parsed("2017-04-22 23:07:00").as_deref(),
            Some("2017-04-22T23:07")
        );
        assert_eq!(parsed("2017-04-22").as_deref(), Some("2017-04-22"));
        assert_eq!(
            parsed("Sat, 22 Apr 2017 23:07:00 +0300").as_deref(),
            Some("2017-04-22T23:07")
        );
        assert_eq!(
            parsed("Sat, 22 Apr 2017 20:07:00 GMT").as_deref(),
            Some("2017-04-22T20:07")
        );
        assert_eq!(parsed("2017/04/22").as_deref(), Some("2017-04-22"));
        assert_eq!(parsed("22-04-2017").as_deref(), Some("2017-04-22"));
        assert_eq!(parsed("April 22, 2017").as_deref(), Some("2017-04-22"));
        assert_eq!(parsed("Sept. 3rd, 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(parsed("22nd of April 2017").as_deref(), Some("2017-04-22"));
        assert_eq!(
            parsed("  السبت 22 أبريل 2017 ").as_deref(),
            Some("2017-04-22")
        );
        assert_eq!(parsed("2017").as_deref(), Some("2017"));
        assert_eq!(parsed("2017-04").as_deref(), Some("2017-04"));
        assert_eq!(parsed("04/2017").as_deref(), Some("2017-04"));
        assert_eq!(parsed("20170422").as_deref(), Some("2017-04-22"));
        assert_eq!(
            parsed("20170422T230700Z").as_deref(),
            Some("2017-04-22T23:07")
        );
        assert_eq!(parsed("soon"), None);
        assert_eq!(parsed(""), None);
        assert_eq!(parsed("1492891620"), None);
        assert_eq!(parsed("2017-02-30"), None);
        assert_eq!(parsed("9999"), None);
        let v = " 2017-04-22 ";
        let d = parse_date(v).unwrap();
        assert_eq!(span(v, &d), "2017-04-22");
    }

    #[test]
    fn date_huge_numbers_and_junk() {
        let big = "9".repeat(500);
        assert!(find_dates(&format!("{big}/{big}/{big}")).is_empty());
        assert!(find_dates(&format!("{big} أبريل {big}")).is_empty());
        assert!(find_dates(&format!("{big}:{big}")).is_empty());
        assert!(parse_date(&big).is_none());
        for s in [
            "/",
            "//",
            "-",
            "،",
            ":",
            "هـ",
            "12:",
            ":30",
            "22/",
            "/4/2017",
            "أبريل",
            "T",
        ] {
            assert!(find_dates(s).is_empty(), "{s}");
            assert!(parse_date(s).is_none(), "{s}");
        }
        // Long inputs stay fast (linear scan).
        let long = "22/4/2017 - 11:07 م ، ".repeat(20_000);
        assert_eq!(find_dates(&long).len(), 20_000);
    }

    proptest::proptest! {
        #[test]
        fn date_never_panics(s in "\\PC{0,80}") {
            let n = s.chars().count();
            for d in find_dates(&s) {
                proptest::prop_assert!(d.start <= d.end && d.end <= n);
            }
            if let Some(d) = parse_date(&s) {
                proptest::prop_assert!(d.start <= d.end && d.end <= n);
            }
        }

        #[test]
        fn date_never_panics_on_date_like_pieces(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "22", "4", "2017", "1438", "٢٢", "۴", "/", "-", ".", "،", "٫", ":", " ",
                    "أبريل", "نيسان", "رجب", "ذو", "الحجة", "كانون", "الثاني", "هـ", "م", "ص",
                    "11:07", "(", ")", "السبت", "Apr", "T", "+03:00", "Z", "\u{200f}", "ـ", "َ",
                    "99999999999999999999", "0", "31", "12", "من", "عام",
                ]),
                0..16,
            )
        ) {
            let s: String = parts.concat();
            let n = s.chars().count();
            let found = find_dates(&s);
            let mut prev_end = 0;
            for d in &found {
                proptest::prop_assert!(d.start <= d.end && d.end <= n);
                proptest::prop_assert!(d.start >= prev_end, "overlap in {:?}", s);
                prev_end = d.end;
                proptest::prop_assert!(d.month.is_some_and(|m| (1..=12).contains(&m)));
                proptest::prop_assert!(d.hour.is_none_or(|h| h <= 23));
            }
            if let Some(d) = parse_date(&s) {
                proptest::prop_assert!(d.start <= d.end && d.end <= n);
            }
        }
    }
}
