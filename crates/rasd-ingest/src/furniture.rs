//! Page furniture in plain-text news: the headline, the dateline, print/share bars, share
//! counts and caption fragments repeated from the headline or a sub-heading.
//!
//! Saved articles carry lines such as `طباعة هل يدفع التهديد الوجودي`, `شارك`, `1.2K` or a
//! sub-heading repeated as a truncated caption. They are not body text: a later stage that
//! coded an event from them would double-count the headline. This module *marks* them as
//! non-body [`Span`]s; the text itself is never changed, so offsets stay valid.
//!
//! A line is furniture when, after Matching normalization:
//! * every word is a share/print/navigation word (`data/furniture_words.txt`) or a number;
//! * or it starts with such a word and the rest is a prefix of the headline (`طباعة <headline…>`);
//! * or it is short (≤ 10 words, no sentence-final punctuation) and is a prefix of the headline
//!   or of an earlier short line (a repeated caption fragment).
//!
//! The first non-empty line is the headline (when it is short enough to be one), and a line in
//! the first few that is mostly a date is the dateline.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use rasd_text::normalize::{normalize_str, Layer};

use crate::date;

const FURNITURE_WORDS: &str = include_str!("../data/furniture_words.txt");

/// What a marked span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// The headline line.
    Headline,
    /// The dateline (publication date and time).
    Dateline,
    /// A print/share/navigation bar or a share count.
    ShareBar,
    /// A fragment of the headline or a sub-heading repeated as a caption.
    RepeatedCaption,
}

impl SpanKind {
    /// True for spans that are not part of the article body.
    pub fn is_furniture(self) -> bool {
        !matches!(self, SpanKind::Headline)
    }
}

/// A marked line: byte range into the document text (without the line break).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// What it is.
    pub kind: SpanKind,
}

/// The layout of a plain-text article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Marked lines, in text order.
    pub spans: Vec<Span>,
    /// The headline's text, if a headline line was found.
    pub headline: Option<Range<usize>>,
    /// The publication date read from the dateline, ISO 8601.
    pub published: Option<String>,
}

impl Layout {
    /// True when byte offset `b` lies in a non-body span.
    pub fn is_furniture(&self, b: usize) -> bool {
        self.spans
            .iter()
            .any(|s| s.kind.is_furniture() && s.range.contains(&b))
    }
}

fn furniture_words() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        FURNITURE_WORDS
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(|l| normalize_str(l, Layer::Matching))
            .collect()
    })
}

fn is_count(w: &str) -> bool {
    // 12, 1.2k, 3K, 1,024
    let w = w.trim_end_matches(['k', 'm']);
    !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

fn words(s: &str) -> Vec<String> {
    normalize_str(s, Layer::Matching)
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_prefix_of(short: &[String], long: &[String]) -> bool {
    short.len() >= 2 && short.len() <= long.len() && long[..short.len()] == *short
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '؟', '?', ':', '،', ',', '"', '»', '”'])
}

/// The lines of `text` as byte ranges without their line terminators.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let mut end = i;
            if end > start && text.as_bytes()[end - 1] == b'\r' {
                end -= 1;
            }
            out.push(start..end);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Analyses the layout of a plain-text article. `title` is the headline when the caller knows
/// it from metadata; otherwise the first non-empty line is taken.
pub fn analyse(text: &str, title: Option<&str>) -> Layout {
    let mut layout = Layout::default();
    let all = lines(text);
    let mut headline_words: Vec<String> = title.map(words).unwrap_or_default();
    let mut headings: Vec<Vec<String>> = Vec::new();
    let mut seen_nonempty = 0usize;
    for r in all {
        let raw = &text[r.clone()];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        // Trim the range to the visible content.
        let lead = raw.len() - raw.trim_start().len();
        let range = r.start + lead..r.start + lead + trimmed.len();
        seen_nonempty += 1;
        let ws = words(trimmed);
        if seen_nonempty == 1 && title.is_none() && ws.len() <= 30 && !ws.is_empty() {
            layout.spans.push(Span {
                range: range.clone(),
                kind: SpanKind::Headline,
            });
            layout.headline = Some(range);
            headline_words = ws;
            continue;
        }
        if seen_nonempty <= 6 && layout.published.is_none() {
            if let Some(d) = dateline(trimmed) {
                layout.published = Some(d);
                layout.spans.push(Span {
                    range,
                    kind: SpanKind::Dateline,
                });
                continue;
            }
        }
        if ws.is_empty() {
            // Only symbols: a separator or an icon row.
            layout.spans.push(Span {
                range,
                kind: SpanKind::ShareBar,
            });
            continue;
        }
        let fw = furniture_words();
        let is_furn = |w: &String| fw.contains(w) || is_count(w);
        if ws.iter().all(is_furn) {
            layout.spans.push(Span {
                range,
                kind: SpanKind::ShareBar,
            });
            continue;
        }
        // `طباعة <headline fragment>`
        let lead_furn = ws.iter().take_while(|w| is_furn(w)).count();
        if lead_furn > 0 && is_prefix_of(&ws[lead_furn..], &headline_words) {
            layout.spans.push(Span {
                range,
                kind: SpanKind::ShareBar,
            });
            continue;
        }
        let short = ws.len() <= 10 && !ends_sentence(trimmed);
        if short {
            if is_prefix_of(&ws, &headline_words) || headings.iter().any(|h| is_prefix_of(&ws, h)) {
                layout.spans.push(Span {
                    range,
                    kind: SpanKind::RepeatedCaption,
                });
                continue;
            }
            headings.push(ws);
        }
    }
    layout
}

/// A line that is (mostly) a date: returns its ISO form.
fn dateline(line: &str) -> Option<String> {
    let found = date::find_dates(line);
    let d = found.first()?;
    d.day?;
    let n = line.chars().filter(|c| !c.is_whitespace()).count();
    let covered = line
        .chars()
        .skip(d.start)
        .take(d.end - d.start)
        .filter(|c| !c.is_whitespace())
        .count();
    // The date itself, possibly with a weekday, a place name or an agency around it.
    if covered * 2 >= n || n <= 60 {
        Some(d.to_iso())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "اشتباكات عنيفة بين الجيش والمسلحين في ريف حلب الشمالي\n\nالثلاثاء 14/مارس/2023 - 09:40 م\nطباعة اشتباكات عنيفة بين الجيش\n \nقال مصدر عسكري إن الاشتباكات استمرت طوال الليل.\n\nاشتباكات عنيفة بين الجيش\nوأضاف المصدر أن التعزيزات وصلت صباحا.\n\nتعزيزات جديدة نحو الجبهة\nوصلت التعزيزات إلى المنطقة.\nتعزيزات جديدة\nشارك\n1.2K\n";

    fn kinds(text: &str) -> Vec<(String, SpanKind)> {
        analyse(text, None)
            .spans
            .into_iter()
            .map(|s| (text[s.range].to_string(), s.kind))
            .collect()
    }

    #[test]
    fn marks_furniture_lines() {
        let k = kinds(ARTICLE);
        assert_eq!(k[0].1, SpanKind::Headline);
        assert_eq!(
            k[1],
            ("الثلاثاء 14/مارس/2023 - 09:40 م".into(), SpanKind::Dateline)
        );
        assert_eq!(
            k[2],
            ("طباعة اشتباكات عنيفة بين الجيش".into(), SpanKind::ShareBar)
        );
        assert_eq!(
            k[3],
            ("اشتباكات عنيفة بين الجيش".into(), SpanKind::RepeatedCaption)
        );
        assert_eq!(k[4], ("تعزيزات جديدة".into(), SpanKind::RepeatedCaption));
        assert_eq!(k[5], ("شارك".into(), SpanKind::ShareBar));
        assert_eq!(k[6], ("1.2K".into(), SpanKind::ShareBar));
        assert_eq!(k.len(), 7, "{k:?}");
    }

    #[test]
    fn published_from_dateline() {
        assert_eq!(
            analyse(ARTICLE, None).published.as_deref(),
            Some("2023-03-14T21:40")
        );
    }

    #[test]
    fn body_sentences_are_not_furniture() {
        let l = analyse(ARTICLE, None);
        let b = ARTICLE.find("قال مصدر").unwrap();
        assert!(!l.is_furniture(b));
        let b = ARTICLE.find("شارك").unwrap();
        assert!(l.is_furniture(b));
    }
}
