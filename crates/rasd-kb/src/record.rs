//! Knowledge-base records and their TSV form (schema: `data/kb/README.md`).

use std::fmt;

/// Entity type, as in the output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum EntityType {
    /// Person.
    #[serde(rename = "PER")]
    Per,
    /// Organisation.
    #[serde(rename = "ORG")]
    Org,
    /// Location.
    #[serde(rename = "LOC")]
    Loc,
    /// Miscellaneous.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// Parses `PER`, `ORG`, `LOC`, `MISC`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PER" => EntityType::Per,
            "ORG" => EntityType::Org,
            "LOC" => EntityType::Loc,
            "MISC" => EntityType::Misc,
            _ => return None,
        })
    }

    /// The contract spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A period `FROM..TO`; either side open. Dates are kept as ISO prefixes (`2016`, `2016-07-28`)
/// and compared as strings after padding, which orders ISO dates correctly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Period {
    /// Start, inclusive.
    pub from: Option<String>,
    /// End, inclusive.
    pub to: Option<String>,
}

impl Period {
    /// Parses `FROM..TO`, `FROM..`, `..TO` or a single date/year (a point).
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        if s.is_empty() {
            return Some(Period::default());
        }
        let (a, b) = match s.split_once("..") {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (s, s),
        };
        let ok = |x: &str| x.is_empty() || is_iso_prefix(x);
        if !ok(a) || !ok(b) {
            return None;
        }
        let opt = |x: &str| (!x.is_empty()).then(|| x.to_string());
        Some(Period {
            from: opt(a),
            to: opt(b),
        })
    }

    /// True when the period is unbounded on both sides.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// True when `date` (an ISO date or prefix) falls inside the period.
    pub fn contains(&self, date: &str) -> bool {
        let d = &date[..date.len().min(10)];
        if let Some(f) = &self.from {
            if pad(d, false) < pad(f, false) {
                return false;
            }
        }
        if let Some(t) = &self.to {
            if pad(d, false) > pad(t, true) {
                return false;
            }
        }
        true
    }
}

fn pad(d: &str, end: bool) -> String {
    // 2016 → 2016-01-01 / 2016-12-31; 2016-07 → 2016-07-01 / 2016-07-31
    let fill = if end { "9999-12-31" } else { "0000-01-01" };
    let mut s = d.to_string();
    if s.len() < 10 {
        s.push_str(&fill[s.len()..]);
    }
    s
}

fn is_iso_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// One name of a record, with the period it was in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The name as written.
    pub text: String,
    /// When the name was used (open when always).
    pub valid: Period,
}

/// A person's role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The role in Arabic.
    pub ar: String,
    /// The role in English.
    pub en: String,
    /// When.
    pub valid: Period,
}

/// One knowledge-base record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Stable slug.
    pub id: String,
    /// PER / ORG / LOC / MISC.
    pub etype: EntityType,
    /// Finer kind (`armed_group`, `country`, …).
    pub kind: String,
    /// Canonical English name.
    pub name_en: String,
    /// Canonical Arabic name.
    pub name_ar: String,
    /// Other names.
    pub aliases: Vec<Alias>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Parent record id.
    pub parent: Option<String>,
    /// Coordinates.
    pub geo: Option<(f64, f64)>,
    /// Wikidata Q-id.
    pub wikidata: Option<String>,
    /// When the actor existed.
    pub valid: Period,
    /// Roles (persons).
    pub roles: Vec<Role>,
    /// Nationality adjectives (countries), masculine singular.
    pub demonyms: Vec<String>,
    /// Population (places), when known.
    pub population: Option<u64>,
    /// GeoNames id (places), when known.
    pub geonames: Option<String>,
    /// The file and line the record came from.
    pub origin: String,
}

/// The columns of a KB file.
pub const COLUMNS: [&str; 16] = [
    "id",
    "type",
    "kind",
    "name_en",
    "name_ar",
    "aliases",
    "country",
    "parent",
    "lat",
    "lon",
    "wikidata",
    "valid",
    "roles",
    "demonyms",
    "population",
    "geonames",
];

/// A problem in a KB file, naming the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct KbError {
    /// `file:line`.
    pub origin: String,
    /// What is wrong.
    pub message: String,
}

fn err(origin: &str, message: impl Into<String>) -> KbError {
    KbError {
        origin: origin.to_string(),
        message: message.into(),
    }
}

fn split_multi(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

fn with_period<'a>(origin: &str, s: &'a str) -> Result<(&'a str, Period), KbError> {
    match s.rsplit_once('@') {
        Some((text, p)) => {
            let period = Period::parse(p).ok_or_else(|| {
                err(
                    origin,
                    format!(
                        "bad period `{p}` in `{s}` (expected FROM..TO with ISO dates or years)"
                    ),
                )
            })?;
            Ok((text.trim(), period))
        }
        None => Ok((s.trim(), Period::default())),
    }
}

/// Parses one KB file. `name` is used in error messages. Every bad line is reported; good
/// lines are still returned.
pub fn parse_tsv(name: &str, content: &str) -> (Vec<Record>, Vec<KbError>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for (i, line) in content.lines().enumerate() {
        let origin = format!("{name}:{}", i + 1);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let Some(h) = &header else {
            let h: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
            for need in ["id", "type", "name_en", "name_ar"] {
                if !h.iter().any(|x| x == need) {
                    errors.push(err(
                        &origin,
                        format!(
                            "header lacks the `{need}` column (expected: {})",
                            COLUMNS.join(", ")
                        ),
                    ));
                }
            }
            if let Some(unknown) = h.iter().find(|x| !COLUMNS.contains(&x.as_str())) {
                errors.push(err(&origin, format!("unknown column `{unknown}`")));
            }
            header = Some(h);
            continue;
        };
        if cells.len() > h.len() {
            errors.push(err(
                &origin,
                format!(
                    "{} cells, but the header has {} columns",
                    cells.len(),
                    h.len()
                ),
            ));
            continue;
        }
        let row = Row { header: h, cells };
        match parse_record(&origin, &row) {
            Ok(r) => records.push(r),
            Err(e) => errors.push(e),
        }
    }
    (records, errors)
}

struct Row<'h, 'c> {
    header: &'h [String],
    cells: Vec<&'c str>,
}

impl<'c> Row<'_, 'c> {
    fn get(&self, col: &str) -> &'c str {
        self.header
            .iter()
            .position(|x| x == col)
            .and_then(|p| self.cells.get(p))
            .map_or("", |c| c.trim())
    }
}

fn parse_record(origin: &str, row: &Row<'_, '_>) -> Result<Record, KbError> {
    let get = |col: &str| row.get(col);
    let id = get("id");
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(err(
            origin,
            format!("id `{id}` must be lower-case ASCII letters, digits and `-`"),
        ));
    }
    let etype = EntityType::parse(get("type")).ok_or_else(|| {
        err(
            origin,
            format!("type `{}` must be PER, ORG, LOC or MISC", get("type")),
        )
    })?;
    let name_en = get("name_en").to_string();
    let name_ar = get("name_ar").to_string();
    if name_en.is_empty() && name_ar.is_empty() {
        return Err(err(origin, "a record needs name_en or name_ar"));
    }
    let mut aliases = Vec::new();
    for a in split_multi(get("aliases")) {
        let (text, valid) = with_period(origin, a)?;
        if !text.is_empty() {
            aliases.push(Alias {
                text: text.to_string(),
                valid,
            });
        }
    }
    let mut roles = Vec::new();
    for r in split_multi(get("roles")) {
        let (text, valid) = with_period(origin, r)?;
        let (ar, en) = text.split_once('/').unwrap_or((text, ""));
        roles.push(Role {
            ar: ar.trim().to_string(),
            en: en.trim().to_string(),
            valid,
        });
    }
    let lat = get("lat");
    let lon = get("lon");
    let geo = match (lat.is_empty(), lon.is_empty()) {
        (true, true) => None,
        (false, false) => {
            let la: f64 = lat
                .parse()
                .map_err(|_| err(origin, format!("lat `{lat}` is not a number")))?;
            let lo: f64 = lon
                .parse()
                .map_err(|_| err(origin, format!("lon `{lon}` is not a number")))?;
            if !(-90.0..=90.0).contains(&la) || !(-180.0..=180.0).contains(&lo) {
                return Err(err(origin, format!("coordinates {la},{lo} out of range")));
            }
            Some((la, lo))
        }
        _ => {
            return Err(err(
                origin,
                "lat and lon must both be given or both be empty",
            ))
        }
    };
    let valid = Period::parse(get("valid"))
        .ok_or_else(|| err(origin, format!("bad valid period `{}`", get("valid"))))?;
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let country = opt(get("country"));
    if let Some(c) = &country {
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(
                origin,
                format!("country `{c}` must be an ISO 3166-1 alpha-2 code"),
            ));
        }
    }
    Ok(Record {
        id: id.to_string(),
        etype,
        kind: get("kind").to_string(),
        name_en,
        name_ar,
        aliases,
        country,
        parent: opt(get("parent")),
        geo,
        wikidata: opt(get("wikidata")),
        valid,
        roles,
        demonyms: split_multi(get("demonyms")).map(str::to_string).collect(),
        population: match get("population") {
            "" => None,
            p => Some(
                p.parse()
                    .map_err(|_| err(origin, format!("population `{p}` is not a whole number")))?,
            ),
        },
        geonames: opt(get("geonames")),
        origin: origin.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\ttype\tkind\tname_en\tname_ar\taliases\tcountry\tparent\tlat\tlon\twikidata\tvalid\troles\tdemonyms\n";

    #[test]
    fn parses_a_record_with_dated_aliases() {
        let tsv = format!("{HEADER}hts\tORG\tarmed_group\tHay'at Tahrir al-Sham\tهيئة تحرير الشام\tجبهة النصرة@2012..2016-07-28 | جبهة فتح الشام@2016-07-28..2017-01-28 | HTS\tSY\tal-qaeda\t\t\t\t2012..\t\t\n");
        let (r, e) = parse_tsv("t.tsv", &tsv);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(r[0].aliases.len(), 3);
        assert!(r[0].aliases[1].valid.contains("2016-12"));
        assert!(!r[0].aliases[1].valid.contains("2017-04-22"));
        assert!(r[0].aliases[2].valid.is_open());
    }

    #[test]
    fn errors_name_file_and_line() {
        let tsv = format!("{HEADER}Bad Id\tORG\t\tX\tس\t\t\t\t\t\t\t\t\t\nok\tXXX\t\tX\tس\t\t\t\t\t\t\t\t\t\nc\tLOC\tcity\tC\tس\t\tIQ\t\t95\t10\t\t\t\t\n");
        let (r, e) = parse_tsv("mine.tsv", &tsv);
        assert!(r.is_empty());
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].origin, "mine.tsv:2");
        assert!(e[2].to_string().contains("out of range"));
    }

    #[test]
    fn periods() {
        let p = Period::parse("2014..2018").unwrap();
        assert!(p.contains("2014-01-01") && p.contains("2018-12-31") && !p.contains("2019-01-01"));
        assert!(Period::parse("soon").is_none());
    }
}
