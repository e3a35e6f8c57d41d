//! The main content of a saved news page, without menus, share bars, "read also" blocks or
//! comments.
//!
//! [`extract`] runs this pipeline on already-decoded markup (see [`crate::charset`]):
//!
//! 1. **Truncation and emptiness.** Blank input is [`HtmlError::NoContent`]; input that ends
//!    inside a tag or a comment is [`HtmlError::Truncated`].
//! 2. **Metadata** from the whole page (parsed with `scraper`):
//!    * title: `og:title` > `twitter:title` > JSON-LD `headline` > `<h1>` > `<title>` without
//!      its ` - SiteName` / ` | SiteName` suffix;
//!    * published: the *raw* value of `article:published_time`, `og:published_time`, JSON-LD
//!      `datePublished`, `<meta name="date" | "pubdate" | "publishdate" | "DC.date.issued" |
//!      "sailthru.date">`, `itemprop="datePublished"`, or `<time datetime>` in the
//!      `<article>` (parsing is [`crate::date`]'s job);
//!    * url: `<link rel="canonical">` or `og:url`; site name: `og:site_name`,
//!      `application-name` or the JSON-LD publisher; lang: `<html lang>`,
//!      `Content-Language` or `og:locale`.
//! 3. **Main content.** `dom_smoothie` (a port of Mozilla's Readability) picks the article
//!    container. If it fails or finds under ~250 characters, a simple heuristic also runs (the
//!    element whose `<p>` children hold the most non-link text) and the longer result wins.
//! 4. **Cleaning pass** over the chosen container, for what news sites repeat:
//!    * elements dropped whole: `script`, `style`, `noscript`, `iframe`, `form`, `nav`,
//!      `aside`, `footer`, `header`, buttons and other widgets, hidden elements, and elements
//!      whose class or id names share/print/font-size bars, related links, comments, tags,
//!      breadcrumbs, newsletters or ads;
//!    * blocks dropped by their text: share/print/e-mail/font-size bars (`طباعة`, `شارك`,
//!      `أرسل`, `تكبير الخط`, share counts, ...), "read also" and related-news blocks
//!      (`اقرأ أيضا`, `مواضيع ذات صلة`, `Related`, ... with the link list that follows), tag
//!      lists (`الكلمات الدالة`, `وسوم`), everything from a comments heading (`التعليقات`,
//!      `أضف تعليقك`) on, comment-policy and copyright notices, short link-only lines, the
//!      headline itself, repeated blocks such as image captions shown twice, and timestamp
//!      lines (`الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00`; the first one becomes
//!      `published` when the page has no date metadata). Bylines (`بقلم ...`, `By ...`) stay.
//! 5. **Text.** Block elements become paragraphs joined with `"\n\n"`, `<br>` becomes `"\n"`,
//!    other whitespace runs collapse to one space, entities are decoded, zero-width
//!    no-break spaces and zero-width spaces are dropped.
//! 6. **Truncation again.** A page that opens `<html` or `<body` but closes neither and yields
//!    under 200 characters is [`HtmlError::Truncated`]; no text at all is
//!    [`HtmlError::NoContent`].
//!
//! [`extract`] never panics: traversals are iterative (deeply nested markup cannot overflow the
//! stack) and a panic inside `dom_smoothie` is caught and treated as "no result".

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Node, Selector};

/// Below this many characters, the Readability result is checked against the fallback.
const MIN_GOOD_TEXT: usize = 250;
/// Below this many characters, an unclosed page counts as truncated.
const TRUNCATED_TEXT: usize = 200;
/// Deeper markup skips `dom_smoothie`, whose recursion and quadratic passes are not safe on
/// pathological nesting; the fallback heuristic is iterative.
const MAX_READABILITY_DEPTH: usize = 512;

/// Why a page yielded no article.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// The markup is cut off.
    #[error("truncated HTML: {reason}")]
    Truncated {
        /// What shows it, e.g. `the input ends inside a tag`.
        reason: String,
    },
    /// The page is empty or has no readable text.
    #[error("no readable text in the HTML page")]
    NoContent,
}

/// What [`extract`] finds in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlDoc {
    /// The headline.
    pub title: Option<String>,
    /// The publication date exactly as the page states it (not parsed).
    pub published: Option<String>,
    /// The canonical URL (`<link rel="canonical">` or `og:url`).
    pub url: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// The page language (`ar`, `ar-EG`, ...).
    pub lang: Option<String>,
    /// The main content: paragraphs joined with `"\n\n"`, no markup.
    pub text: String,
}

/// Extracts the metadata and the main content of a saved news page.
///
/// `url` is the page's address when known; it only helps to resolve a relative canonical link.
/// See the [module docs](self) for the pipeline.
///
/// # Errors
///
/// [`HtmlError::Truncated`] when the markup is clearly cut off, [`HtmlError::NoContent`] when
/// the page is empty or has no readable text.
pub fn extract(html: &str, url: Option<&str>) -> Result<HtmlDoc, HtmlError> {
    if html.trim().is_empty() {
        return Err(HtmlError::NoContent);
    }
    if let Some(reason) = ends_inside_markup(html) {
        return Err(HtmlError::Truncated { reason });
    }
    let doc = Html::parse_document(html);
    let meta = Meta::collect(&doc);
    let title = meta.title.clone();
    let (text, timestamp) = main_text(html, &doc, url, title.as_deref());
    if text.chars().count() < TRUNCATED_TEXT {
        if let Some(reason) = unclosed_document(html) {
            return Err(HtmlError::Truncated { reason });
        }
    }
    if text.is_empty() {
        return Err(HtmlError::NoContent);
    }
    Ok(HtmlDoc {
        title,
        published: meta.published.or(timestamp),
        url: meta.url.map(|u| resolve_url(&u, url)),
        site_name: meta.site_name,
        lang: meta.lang,
        text,
    })
}

// ---------------------------------------------------------------------------------------------
// Truncation

/// `Some(reason)` when the input ends inside a tag or a comment.
fn ends_inside_markup(html: &str) -> Option<String> {
    let t = html.trim_end();
    if let Some(open) = t.rfind("<!--") {
        if !t[open + 4..].contains("-->") {
            return Some(format!(
                "the input ends inside an HTML comment (opened at byte {open})"
            ));
        }
    }
    if let Some(lt) = t.rfind('<') {
        let after = &t[lt + 1..];
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if starts_tag && !after.contains('>') {
            let name: String = after
                .chars()
                .take_while(|c| !c.is_whitespace())
                .take(20)
                .collect();
            return Some(format!("the input ends inside the tag <{name}"));
        }
    }
    None
}

/// `Some(reason)` when the page opens `<html` or `<body` but closes neither.
fn unclosed_document(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let opens = |tag: &str| {
        lower.match_indices(tag).any(|(i, _)| {
            lower[i + tag.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
        })
    };
    let opened = opens("<html") || opens("<body");
    let closed = lower.contains("</body") || lower.contains("</html");
    (opened && !closed).then(|| {
        "the page opens <html>/<body> but closes neither, and has almost no text".to_string()
    })
}

// ---------------------------------------------------------------------------------------------
// Metadata

#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
    site_name: Option<String>,
    lang: Option<String>,
}

/// What the JSON-LD blocks of a page say.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    date_published: Option<String>,
    publisher: Option<String>,
}

impl Meta {
    fn collect(doc: &Html) -> Meta {
        let meta_sel = selector("meta");
        // key (lower-case property / name / itemprop / http-equiv) → first non-empty content
        let mut metas: HashMap<String, String> = HashMap::new();
        for m in doc.select(&meta_sel) {
            let Some(content) = m
                .attr("content")
                .map(clean_inline)
                .filter(|c| !c.is_empty())
            else {
                continue;
            };
            for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = m.attr(key_attr) {
                    metas
                        .entry(key.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        let get = |k: &str| metas.get(k).cloned();
        let ld = json_ld(doc);

        let site_name = get("og:site_name")
            .or_else(|| get("application-name"))
            .or_else(|| ld.publisher.clone());

        let html_title = doc
            .select(&selector("title"))
            .next()
            .map(|t| clean_inline(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
        let title = get("og:title")
            .or_else(|| get("twitter:title"))
            .or_else(|| ld.headline.clone())
            .map(|t| strip_site_name(&t, site_name.as_deref(), false))
            .or_else(|| page_h1(doc, html_title.as_deref()))
            .or_else(|| {
                html_title
                    .as_deref()
                    .map(|t| strip_site_name(t, site_name.as_deref(), true))
            })
            .filter(|t| !t.is_empty());

        let published = get("article:published_time")
            .or_else(|| get("og:published_time"))
            .or_else(|| ld.date_published.clone())
            .or_else(|| {
                [
                    "date",
                    "pubdate",
                    "publishdate",
                    "dc.date.issued",
                    "sailthru.date",
                    "datepublished",
                    "article:published",
                    "publish-date",
                    "parsely-pub-date",
                    "dcterms.date",
                    "dc.date",
                ]
                .iter()
                .find_map(|k| get(k))
            })
            .or_else(|| itemprop_date(doc))
            .or_else(|| article_time(doc));

        let canonical = doc
            .select(&selector("link[rel][href]"))
            .find(|l| {
                l.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.attr("href"))
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(str::to_string);
        let og_url = get("og:url");
        let url = match (canonical, og_url) {
            (Some(c), Some(o)) if !is_absolute(&c) && is_absolute(&o) => Some(o),
            (Some(c), _) => Some(c),
            (None, o) => o,
        };

        let lang = doc
            .root_element()
            .attr("lang")
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .or_else(|| get("content-language"))
            .or_else(|| get("og:locale").map(|l| l.replace('_', "-")));

        Meta {
            title,
            published,
            url,
            site_name,
            lang,
        }
    }
}

fn selector(s: &str) -> Selector {
    // The selectors are constants of this module; a failure is a bug caught by the tests.
    Selector::parse(s).unwrap_or_else(|e| panic!("bad built-in selector {s:?}: {e}"))
}

/// Whitespace collapsed, zero-width characters removed, trimmed.
fn clean_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{00AD}')
}

fn is_absolute(u: &str) -> bool {
    u.starts_with("http://") || u.starts_with("https://")
}

/// Resolves a root-relative or scheme-relative `href` against `base`.
fn resolve_url(href: &str, base: Option<&str>) -> String {
    let Some(base) = base.filter(|b| is_absolute(b)) else {
        return href.to_string();
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{}{rest}", &base[..scheme_end]);
    }
    if href.starts_with('/') {
        let host_end = base[scheme_end..]
            .find('/')
            .map_or(base.len(), |i| scheme_end + i);
        return format!("{}{href}", &base[..host_end]);
    }
    href.to_string()
}

/// Removes a ` - SiteName` / ` | SiteName` suffix (or `SiteName | ` prefix). With `generic`,
/// a short last segment after a separator is removed even when the site name is unknown.
fn strip_site_name(title: &str, site: Option<&str>, generic: bool) -> String {
    const SEPARATORS: [&str; 8] = [" - ", " | ", " – ", " — ", " :: ", " « ", " » ", " · "];
    let title = clean_inline(title);
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if let Some(site) = site.map(squash).filter(|s| !s.is_empty()) {
        for sep in SEPARATORS {
            if let Some(i) = title.rfind(sep) {
                let tail = squash(&title[i + sep.len()..]);
                if !tail.is_empty() && (tail.contains(&site) || site.contains(&tail)) {
                    return title[..i].trim().to_string();
                }
            }
            if let Some(i) = title.find(sep) {
                let head = squash(&title[..i]);
                if !head.is_empty() && (head.contains(&site) || site.contains(&head)) {
                    return title[i + sep.len()..].trim().to_string();
                }
            }
        }
    }
    if generic {
        let last = SEPARATORS
            .iter()
            .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
            .max_by_key(|&(i, _)| i);
        if let Some((i, len)) = last {
            let (head, tail) = (title[..i].trim(), title[i + len..].trim());
            let words = |s: &str| s.split_whitespace().count();
            if words(tail) <= 4 && words(head) >= 2 && words(head) > words(tail) {
                return head.to_string();
            }
        }
    }
    title
}

/// The page's headline `<h1>`: the one inside `<article>`, the only one, or the one the
/// `<title>` contains.
fn page_h1(doc: &Html, html_title: Option<&str>) -> Option<String> {
    if let Some(h) = doc
        .select(&selector("article h1"))
        .map(|h| clean_inline(&h.text().collect::<String>()))
        .find(|t| !t.is_empty())
    {
        return Some(h);
    }
    let h1s: Vec<String> = doc
        .select(&selector("h1"))
        .map(|h| clean_inline(&h.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .collect();
    if h1s.len() == 1 {
        return h1s.into_iter().next();
    }
    let title = html_title?;
    h1s.into_iter()
        .filter(|h| h.split_whitespace().count() >= 2 && title.contains(h.as_str()))
        .max_by_key(String::len)
}

fn itemprop_date(doc: &Html) -> Option<String> {
    doc.select(&selector("[itemprop]"))
        .filter(|e| {
            e.attr("itemprop").is_some_and(|p| {
                p.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("datePublished"))
            })
        })
        .find_map(|e| {
            ["content", "datetime"]
                .iter()
                .find_map(|a| e.attr(a))
                .map(clean_inline)
                .or_else(|| Some(clean_inline(&e.text().collect::<String>())))
                .filter(|v| !v.is_empty())
        })
}

fn article_time(doc: &Html) -> Option<String> {
    doc.select(&selector("article time[datetime], time[pubdate][datetime]"))
        .find_map(|t| {
            t.attr("datetime")
                .map(clean_inline)
                .filter(|v| !v.is_empty())
        })
}

/// Reads every `<script type="application/ld+json">`. Article-typed objects win over others.
fn json_ld(doc: &Html) -> JsonLd {
    let mut best = JsonLd::default();
    let mut other = JsonLd::default();
    for script in doc.select(&selector("script[type]")) {
        let is_ld = script
            .attr("type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
        if !is_ld {
            continue;
        }
        let raw: String = script.text().collect();
        let raw = raw.trim();
        let raw = raw.strip_prefix("<!--").unwrap_or(raw);
        let raw = raw.strip_suffix("-->").unwrap_or(raw);
        let raw = raw.trim().trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    let is_article = map.get("@type").is_some_and(|t| {
                        let types: Vec<&str> = match t {
                            serde_json::Value::String(s) => vec![s.as_str()],
                            serde_json::Value::Array(a) => {
                                a.iter().filter_map(|x| x.as_str()).collect()
                            }
                            _ => Vec::new(),
                        };
                        types.iter().any(|t| {
                            t.ends_with("Article") || *t == "BlogPosting" || *t == "WebPage"
                        })
                    });
                    let target = if is_article { &mut best } else { &mut other };
                    let str_field = |k: &str| {
                        map.get(k)
                            .and_then(|v| v.as_str())
                            .map(clean_inline)
                            .filter(|s| !s.is_empty())
                    };
                    if target.headline.is_none() {
                        target.headline = str_field("headline");
                    }
                    if target.date_published.is_none() {
                        target.date_published = str_field("datePublished");
                    }
                    if target.publisher.is_none() {
                        target.publisher = map
                            .get("publisher")
                            .and_then(|p| p.get("name"))
                            .and_then(|n| n.as_str())
                            .map(clean_inline)
                            .filter(|s| !s.is_empty());
                    }
                    for (k, child) in map {
                        if k != "publisher" && (child.is_object() || child.is_array()) {
                            stack.push(child);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    JsonLd {
        headline: best.headline.or(other.headline),
        date_published: best.date_published.or(other.date_published),
        publisher: best.publisher.or(other.publisher),
    }
}

// ---------------------------------------------------------------------------------------------
// Main content

/// The cleaned main text, and the first timestamp line removed from it.
fn main_text(
    html: &str,
    doc: &Html,
    url: Option<&str>,
    title: Option<&str>,
) -> (String, Option<String>) {
    let primary = if max_depth(doc) <= MAX_READABILITY_DEPTH {
        readability_content(html, url)
            .map(|content| {
                let fragment = Html::parse_fragment(&detable(&content));
                clean_blocks(render(fragment.root_element()), title)
            })
            .unwrap_or_default()
    } else {
        Cleaned::default()
    };
    if primary.text.chars().count() >= MIN_GOOD_TEXT {
        return (primary.text, primary.timestamp);
    }
    let fallback = fallback_container(doc)
        .map(|root| clean_blocks(render(root), title))
        .unwrap_or_default();
    let best = if fallback.text.chars().count() > primary.text.chars().count() {
        fallback
    } else {
        primary
    };
    (best.text, best.timestamp)
}

/// The article HTML according to `dom_smoothie`.
fn readability_content(html: &str, url: Option<&str>) -> Option<String> {
    let url = url.filter(|u| is_absolute(u));
    let cfg = dom_smoothie::Config {
        keep_classes: true,
        ..Default::default()
    };
    let run = || {
        let mut reader = dom_smoothie::Readability::new(html, url, Some(cfg.clone()))
            .or_else(|_| dom_smoothie::Readability::new(html, None, Some(cfg.clone())))
            .ok()?;
        reader.parse().ok().map(|a| a.content.to_string())
    };
    catch_unwind(AssertUnwindSafe(run)).ok().flatten()
}

/// Renames table tags to `div`. `dom_smoothie` turns a top `<table>` into a `<div>` but keeps
/// its rows and cells, which an HTML parser then drops (and merges their text) when the
/// content is parsed again outside a table; as `div`s they keep separating blocks.
fn detable(content: &str) -> String {
    const TABLE_TAGS: [&str; 7] = ["table", "thead", "tbody", "tfoot", "tr", "td", "th"];
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let close = rest.starts_with("</");
        let name_start = if close { 2 } else { 1 };
        let name_len = rest[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - name_start);
        let name = &rest[name_start..name_start + name_len];
        if TABLE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            out.push_str(if close { "</div" } else { "<div" });
        } else {
            out.push_str(&rest[..name_start + name_len]);
        }
        rest = &rest[name_start + name_len..];
    }
    out.push_str(rest);
    out
}

/// The element whose `<p>` children hold the most non-link text (half credit to the
/// grandparent), or `<body>` when the page has no usable paragraphs.
fn fallback_container(doc: &Html) -> Option<ElementRef<'_>> {
    // Paragraphs outside junk subtrees (each element is judged once).
    let mut paragraphs = Vec::new();
    let mut stack = vec![doc.root_element()];
    while let Some(el) = stack.pop() {
        if is_junk(el) {
            continue;
        }
        if el.value().name() == "p" {
            paragraphs.push(el);
        }
        stack.extend(el.child_elements());
    }
    let mut scores = HashMap::new();
    for p in paragraphs {
        let (chars, link_chars) = text_and_link_chars(p);
        if chars < 20 || link_chars * 2 > chars {
            continue;
        }
        let score = (chars - link_chars) as f64;
        let mut up = p.ancestors().filter_map(ElementRef::wrap);
        if let Some(parent) = up.next() {
            *scores.entry(parent.id()).or_insert(0.0) += score;
            if let Some(grand) = up.next() {
                *scores.entry(grand.id()).or_insert(0.0) += score / 2.0;
            }
        }
    }
    let best = scores
        .into_iter()
        // Ties go to the earliest element, so the choice does not depend on hash order.
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .and_then(|(id, _)| doc.tree.get(id))
        .and_then(ElementRef::wrap);
    best.or_else(|| doc.select(&selector("body")).next())
}

/// Non-whitespace characters of an element and how many of them are inside links.
fn text_and_link_chars(el: ElementRef<'_>) -> (usize, usize) {
    let (mut all, mut links) = (0, 0);
    let mut stack = vec![(*el, false)];
    while let Some((node, in_link)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                let n = t.chars().filter(|c| !c.is_whitespace()).count();
                all += n;
                if in_link {
                    links += n;
                }
            }
            Node::Element(e) => {
                let in_link = in_link || e.name() == "a";
                stack.extend(node.children().map(|c| (c, in_link)));
            }
            _ => {}
        }
    }
    (all, links)
}

/// The depth of the deepest element.
fn max_depth(doc: &Html) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*doc.root_element(), 1usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(
            node.children()
                .filter(|c| c.value().is_element())
                .map(|c| (c, depth + 1)),
        );
    }
    deepest
}

// ---------------------------------------------------------------------------------------------
// Rendering: element tree → blocks of text

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Heading,
    Item,
    Caption,
}

#[derive(Debug, Clone)]
struct Block {
    /// Lines separated by `\n` (from `<br>`), each trimmed with whitespace collapsed.
    text: String,
    /// Non-whitespace characters, and how many of them are inside links.
    chars: usize,
    link_chars: usize,
    kind: Kind,
}

impl Block {
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// One `<br>`-separated line of a block being built.
#[derive(Default)]
struct Line {
    text: String,
    chars: usize,
    link_chars: usize,
}

#[derive(Default)]
struct Renderer {
    blocks: Vec<Block>,
    /// Finished lines of the current block.
    lines: Vec<Line>,
    line: Line,
    kind: Option<Kind>,
    space: bool,
}

impl Renderer {
    fn text(&mut self, s: &str, in_link: bool, kind: Kind) {
        for c in s.chars() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.line.text.is_empty() {
                if self.lines.is_empty() {
                    self.kind = Some(kind);
                }
            } else if self.space {
                self.line.text.push(' ');
            }
            self.space = false;
            self.line.text.push(c);
            self.line.chars += 1;
            if in_link {
                self.line.link_chars += 1;
            }
        }
    }

    fn line_break(&mut self) {
        self.space = false;
        if !self.line.text.is_empty() {
            self.lines.push(std::mem::take(&mut self.line));
        } else if !self.lines.is_empty() {
            // <br><br>: a paragraph break.
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.line.text.is_empty() {
            self.lines.push(std::mem::take(&mut self.line));
        }
        let multi = self.lines.len() > 1;
        let mut block = Block {
            text: String::new(),
            chars: 0,
            link_chars: 0,
            kind: self.kind.take().unwrap_or(Kind::Text),
        };
        for line in self.lines.drain(..) {
            // In a multi-line block, a short line that is all link is a menu or a "more" link.
            if multi && line.chars <= 80 && line.link_chars * 10 >= line.chars * 9 {
                continue;
            }
            if !block.text.is_empty() {
                block.text.push('\n');
            }
            block.text.push_str(&line.text);
            block.chars += line.chars;
            block.link_chars += line.link_chars;
        }
        if !block.text.is_empty() {
            self.blocks.push(block);
        }
        self.space = false;
    }
}

enum Step<'a> {
    Open(ElementRef<'a>),
    Close(ElementRef<'a>),
    Text(&'a str),
}

/// Turns the subtree under `root` into blocks, skipping junk elements. Iterative, so any
/// nesting depth is fine.
fn render(root: ElementRef<'_>) -> Vec<Block> {
    let mut r = Renderer::default();
    let mut stack = vec![Step::Open(root)];
    let mut link_depth = 0usize;
    let mut kinds: Vec<Kind> = Vec::new();
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t) => {
                let kind = kinds.last().copied().unwrap_or(Kind::Text);
                r.text(t, link_depth > 0, kind);
            }
            Step::Open(el) => {
                let name = el.value().name();
                if el.id() != root.id() && is_junk(el) {
                    continue;
                }
                if name == "br" {
                    r.line_break();
                    continue;
                }
                if is_block(name) {
                    r.flush();
                }
                if name == "a" {
                    link_depth += 1;
                }
                if let Some(k) = kind_of(name) {
                    kinds.push(k);
                }
                stack.push(Step::Close(el));
                for child in el.children().rev() {
                    match child.value() {
                        Node::Text(t) => stack.push(Step::Text(t)),
                        Node::Element(_) => {
                            if let Some(e) = ElementRef::wrap(child) {
                                stack.push(Step::Open(e));
                            }
                        }
                        _ => {}
                    }
                }
            }
            Step::Close(el) => {
                let name = el.value().name();
                if name == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                if kind_of(name).is_some() {
                    kinds.pop();
                }
                if is_block(name) {
                    r.flush();
                }
            }
        }
    }
    r.flush();
    r.blocks
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "figure"
            | "figcaption"
            | "address"
            | "hr"
            | "center"
            | "details"
            | "summary"
            | "hgroup"
            | "fieldset"
            | "body"
            | "html"
    )
}

fn kind_of(name: &str) -> Option<Kind> {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(Kind::Heading),
        "li" | "dt" | "dd" => Some(Kind::Item),
        "figcaption" | "caption" => Some(Kind::Caption),
        _ => None,
    }
}

/// Elements dropped with everything inside them.
fn is_junk(el: ElementRef<'_>) -> bool {
    let e = el.value();
    let name = e.name();
    if matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "iframe"
            | "frame"
            | "frameset"
            | "form"
            | "nav"
            | "aside"
            | "footer"
            | "header"
            | "button"
            | "input"
            | "select"
            | "option"
            | "textarea"
            | "label"
            | "svg"
            | "math"
            | "canvas"
            | "object"
            | "embed"
            | "template"
            | "video"
            | "audio"
            | "map"
            | "dialog"
            | "menu"
            | "head"
            | "title"
            | "meta"
            | "link"
    ) {
        return true;
    }
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = e.attr("role") {
        if matches!(
            role.to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog"
        ) {
            return true;
        }
    }
    if matches!(name, "html" | "body" | "main") {
        // Page-wide classes ("has-sidebar", "with-comments") say nothing about the content.
        return false;
    }
    let class_id = format!("{} {}", e.attr("class").unwrap_or(""), e.id().unwrap_or(""));
    if class_id.trim().is_empty() {
        return false;
    }
    match junk_class(&class_id.to_ascii_lowercase()) {
        JunkClass::No => false,
        JunkClass::Always => true,
        JunkClass::UnlessContent => !holds_article_text(el),
    }
}

enum JunkClass {
    No,
    /// Comment sections: dropped whatever they contain.
    Always,
    /// Dropped unless the element clearly holds article paragraphs.
    UnlessContent,
}

/// Classifies lower-cased `class` + `id` values.
fn junk_class(class_id: &str) -> JunkClass {
    let tokens: Vec<&str> = class_id
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let comment = tokens.iter().any(|t| {
        (t.contains("comment") || t.contains("disqus"))
            && !["open", "closed", "status", "count", "has-", "no-"]
                .iter()
                .any(|x| t.contains(x))
    });
    if comment {
        return JunkClass::Always;
    }
    const SUBSTRINGS: [&str; 27] = [
        "share",
        "sharing",
        "social",
        "print",
        "font-size",
        "fontsize",
        "font_size",
        "textsize",
        "text-size",
        "related",
        "breadcrumb",
        "newsletter",
        "subscribe",
        "advert",
        "sidebar",
        "most-read",
        "mostread",
        "most_read",
        "popular",
        "read-more",
        "readmore",
        "read-also",
        "readalso",
        "tags",
        "keywords",
        "toolbar",
        "sponsor",
    ];
    const TOKENS: [&str; 12] = [
        "ad", "ads", "tag", "tools", "email", "mail", "widget", "promo", "banner", "social",
        "outbrain", "taboola",
    ];
    let hit = tokens.iter().any(|t| {
        SUBSTRINGS.iter().any(|s| t.contains(s))
            || t.split(['-', '_'])
                .any(|part| TOKENS.contains(&part) || part.starts_with("outbrain"))
    });
    if hit {
        JunkClass::UnlessContent
    } else {
        JunkClass::No
    }
}

/// At least three paragraphs with 600+ characters of mostly non-link text.
fn holds_article_text(el: ElementRef<'_>) -> bool {
    let p = selector("p");
    let mut count = 0;
    let mut text = 0;
    for para in el.select(&p) {
        let (chars, links) = text_and_link_chars(para);
        if chars >= 40 && links * 3 < chars {
            count += 1;
            text += chars;
        }
    }
    count >= 3 && text >= 600
}

// ---------------------------------------------------------------------------------------------
// Cleaning: blocks → paragraphs

/// Labels that open "read also" / related-news blocks.
const READ_ALSO: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "اقرأ أكثر",
    "شاهد أيضا",
    "طالع أيضا",
    "مواضيع ذات صلة",
    "مواضيع متعلقة",
    "أخبار ذات صلة",
    "أخبار متعلقة",
    "مقالات ذات صلة",
    "ذات صلة",
    "للمزيد",
    "المزيد",
    "المزيد من الأخبار",
    "related",
    "related articles",
    "related stories",
    "related news",
    "read more",
    "read also",
    "see also",
    "more stories",
];

/// Labels that open tag lists.
const TAG_LABELS: &[&str] = &[
    "الكلمات الدالة",
    "الكلمات المفتاحية",
    "كلمات مفتاحية",
    "كلمات دالة",
    "الوسوم",
    "وسوم",
    "العلامات",
    "tags",
    "keywords",
    "topics",
];

/// Whole-block headings of comment sections.
const COMMENT_HEADINGS: &[&str] = &[
    "التعليقات",
    "تعليقات",
    "تعليقات القراء",
    "أضف تعليقك",
    "أضف تعليق",
    "أضف تعليقا",
    "اترك تعليقا",
    "اترك تعليق",
    "اكتب تعليقك",
    "شاركنا رأيك",
    "comments",
    "comment",
    "leave a comment",
    "add a comment",
    "post a comment",
    "leave a reply",
];

/// Words of share / print / e-mail / font-size bars. A short block made only of these (and
/// numbers) is a bar; one of [`SHARE_CORE`] must be present.
const SHARE_WORDS: &[&str] = &[
    "طباعة",
    "طباعه",
    "اطبع",
    "شارك",
    "شاركها",
    "شاركوا",
    "مشاركة",
    "مشاركه",
    "مشاركات",
    "أرسل",
    "ارسل",
    "إرسال",
    "ارسال",
    "لصديق",
    "تكبير",
    "تصغير",
    "الخط",
    "حجم",
    "نسخ",
    "الرابط",
    "رابط",
    "حفظ",
    "فيسبوك",
    "فيس",
    "بوك",
    "تويتر",
    "إكس",
    "واتساب",
    "واتس",
    "اب",
    "تليجرام",
    "تلغرام",
    "لينكدإن",
    "لينكد",
    "إن",
    "البريد",
    "بالبريد",
    "الإلكتروني",
    "الالكتروني",
    "عبر",
    "على",
    "المقال",
    "الخبر",
    "الصفحة",
    "هذا",
    "هذه",
    "تعليق",
    "print",
    "share",
    "shares",
    "shared",
    "email",
    "e-mail",
    "mail",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "pinterest",
    "reddit",
    "messenger",
    "sms",
    "copy",
    "link",
    "this",
    "on",
    "via",
    "save",
    "comment",
    "comments",
    "a",
    "أ",
    "k",
    "font",
    "size",
    "text",
];
const SHARE_CORE: &[&str] = &[
    "طباعة",
    "طباعه",
    "اطبع",
    "شارك",
    "شاركها",
    "مشاركة",
    "مشاركه",
    "مشاركات",
    "أرسل",
    "ارسل",
    "إرسال",
    "ارسال",
    "تكبير",
    "تصغير",
    "print",
    "share",
    "shares",
    "email",
    "e-mail",
    "tweet",
];

/// Comment-policy and copyright markers; see [`is_notice`].
const COMMENT_MARKERS: &[&str] = &["التعليقات", "تعليقك", "تعليقاتكم", "مشاركاتك", "comments"];
const POLICY_MARKERS: &[&str] = &[
    "سياسة الخصوصية",
    "شروط الاستخدام",
    "شروط استخدام",
    "إرشادات الاستخدام",
    "ارشادات الاستخدام",
    "privacy policy",
    "terms of use",
    "terms of service",
];
const NOTICE_PHRASES: &[&str] = &[
    "الآراء الواردة أدناه",
    "الآراء الواردة في",
    "لا تعبر بالضرورة عن رأي",
    "جميع الحقوق محفوظة",
    "all rights reserved",
];

/// The word lists above, folded once.
struct Lexicon {
    read_also: Vec<String>,
    tag_labels: Vec<String>,
    comment_headings: HashSet<String>,
    share_words: HashSet<String>,
    share_core: HashSet<String>,
    comment_markers: Vec<String>,
    policy_markers: Vec<String>,
    notice_phrases: Vec<String>,
    timestamp_words: HashSet<String>,
    date_names: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        fn folded<C: FromIterator<String>>(list: &[&str]) -> C {
            list.iter().map(|w| fold(w)).collect()
        }
        Lexicon {
            read_also: folded(READ_ALSO),
            tag_labels: folded(TAG_LABELS),
            comment_headings: folded(COMMENT_HEADINGS),
            share_words: folded(SHARE_WORDS),
            share_core: folded(SHARE_CORE),
            comment_markers: folded(COMMENT_MARKERS),
            policy_markers: folded(POLICY_MARKERS),
            notice_phrases: folded(NOTICE_PHRASES),
            timestamp_words: folded(TIMESTAMP_WORDS),
            date_names: folded(DATE_NAMES),
        }
    })
}

/// Folds text for label matching: lower case, no tashkeel or tatweel, one alef, ى → ي,
/// whitespace collapsed.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            c if is_invisible(c) => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Characters that may separate a label from what follows it.
fn is_label_punct(c: char) -> bool {
    matches!(
        c,
        ':' | '-'
            | '|'
            | '»'
            | '«'
            | '>'
            | '<'
            | '…'
            | '.'
            | '،'
            | ','
            | '('
            | ')'
            | '['
            | ']'
            | '–'
            | '—'
            | '؟'
            | '?'
            | '!'
            | '*'
            | '•'
            | '/'
    ) || c.is_whitespace()
        || c.is_numeric()
}

/// If `folded` starts with one of `labels`, what follows the label (trimmed of punctuation).
fn after_label<'a>(folded: &'a str, labels: &[String]) -> Option<&'a str> {
    let mut best: Option<&'a str> = None;
    for label in labels {
        if let Some(rest) = folded.strip_prefix(label.as_str()) {
            if rest.chars().next().is_none_or(is_label_punct) {
                let rest = rest.trim_matches(is_label_punct);
                // Prefer the longest label (the shortest rest).
                if best.is_none_or(|b| rest.len() < b.len()) {
                    best = Some(rest);
                }
            }
        }
    }
    best
}

fn is_share_bar(block: &Block) -> bool {
    if block.chars > 150 {
        return false;
    }
    let folded = fold(&block.text);
    let words = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty());
    let lex = lexicon();
    let mut has_core = false;
    for w in words {
        let numeric = w
            .chars()
            .all(|c| c.is_numeric() || matches!(c, '.' | ',' | 'k' | 'm'));
        if numeric {
            continue;
        }
        if !lex.share_words.contains(w) {
            return false;
        }
        has_core |= lex.share_core.contains(w);
    }
    has_core
}

fn is_comment_heading(block: &Block) -> bool {
    if block.chars > 60 || block.link_density() > 0.5 {
        return false;
    }
    let folded = fold(&block.text);
    let core = folded.trim_matches(is_label_punct);
    lexicon().comment_headings.contains(core)
}

/// Comment-policy, opinion-disclaimer and copyright paragraphs.
fn is_notice(block: &Block) -> bool {
    if block.chars > 600 {
        return false;
    }
    let folded = fold(&block.text);
    let lex = lexicon();
    let has = |list: &[String]| list.iter().any(|m| folded.contains(m.as_str()));
    has(&lex.notice_phrases) || (has(&lex.comment_markers) && has(&lex.policy_markers))
}

/// Words of timestamp lines ("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)").
/// Month and weekday names are in [`DATE_NAMES`]; these are the other words allowed.
const TIMESTAMP_WORDS: &[&str] = &[
    "آخر",
    "اخر",
    "تحديث",
    "محدث",
    "حدث",
    "نشر",
    "نشرت",
    "النشر",
    "تاريخ",
    "في",
    "بتاريخ",
    "بتوقيت",
    "توقيت",
    "مكة",
    "المكرمة",
    "القدس",
    "القاهرة",
    "غرينتش",
    "جرينتش",
    "الساعة",
    "ساعة",
    "ساعات",
    "دقيقة",
    "دقائق",
    "منذ",
    "ص",
    "م",
    "مساء",
    "صباحا",
    "هـ",
    "ه",
    "الموافق",
    "gmt",
    "utc",
    "am",
    "pm",
    "updated",
    "update",
    "published",
    "last",
    "on",
    "at",
    "posted",
];
/// Weekday and month names (Gregorian in Egyptian/Gulf, Levantine and Maghrebi forms, Hijri,
/// English).
const DATE_NAMES: &[&str] = &[
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "الثاني",
    "الأول",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "ماي",
    "يوليوز",
    "غشت",
    "شتنبر",
    "نونبر",
    "دجنبر",
    "جانفي",
    "فيفري",
    "أفريل",
    "جوان",
    "جويلية",
    "أوت",
    "محرم",
    "صفر",
    "ربيع",
    "الآخر",
    "جمادى",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو",
    "ذي",
    "القعدة",
    "الحجة",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A short line made only of a date, a time and words like "آخر تحديث": page furniture.
fn is_timestamp(block: &Block) -> bool {
    if block.chars > 120 || block.link_density() > 0.5 {
        return false;
    }
    let lex = lexicon();
    let folded = fold(&block.text);
    let mut digits = false;
    let mut names = false;
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if word.chars().all(char::is_numeric) {
            digits = true;
        } else if lex.date_names.contains(word) {
            names = true;
        } else if !lex.timestamp_words.contains(word) {
            return false;
        }
    }
    digits && (names || folded.contains('/') || folded.contains('-') || folded.contains(':'))
}

/// The outcome of [`clean_blocks`].
#[derive(Debug, Default)]
struct Cleaned {
    /// Paragraphs joined with `"\n\n"`.
    text: String,
    /// The first timestamp line dropped from the content.
    timestamp: Option<String>,
}

/// Applies the text-level filters of the module docs.
fn clean_blocks(blocks: Vec<Block>, title: Option<&str>) -> Cleaned {
    let title = title.map(fold).filter(|t| !t.is_empty());
    let mut kept: Vec<Block> = Vec::new();
    let mut timestamp = None;
    // After a "read also" or tags label: drop the link list that follows.
    let mut skipping_links = false;
    for block in blocks {
        if skipping_links {
            if block.link_density() >= 0.5 {
                continue;
            }
            skipping_links = false;
        }
        let folded = fold(&block.text);
        if title.as_deref() == Some(folded.as_str()) {
            continue;
        }
        if is_comment_heading(&block) {
            if kept.is_empty() {
                continue;
            }
            break;
        }
        let lex = lexicon();
        if let Some(rest) =
            after_label(&folded, &lex.read_also).or_else(|| after_label(&folded, &lex.tag_labels))
        {
            if rest.is_empty() {
                skipping_links = true;
                continue;
            }
            if block.link_density() >= 0.5 || block.chars < 150 {
                continue;
            }
        }
        if is_share_bar(&block) || is_notice(&block) {
            continue;
        }
        if is_timestamp(&block) {
            timestamp.get_or_insert_with(|| block.text.replace('\n', " "));
            continue;
        }
        if block.link_density() >= 0.8 && block.chars < 200 {
            continue;
        }
        kept.push(block);
    }

    // Repeated blocks (a caption shown twice, a lead repeated as a summary): keep the first
    // non-caption occurrence.
    let body_texts: HashSet<String> = kept
        .iter()
        .filter(|b| b.kind != Kind::Caption)
        .map(|b| fold(&b.text))
        .collect();
    let mut seen = HashSet::new();
    let paragraphs: Vec<String> = kept
        .into_iter()
        .filter(|b| {
            let f = fold(&b.text);
            if b.kind == Kind::Caption && body_texts.contains(&f) {
                return false;
            }
            seen.insert(f)
        })
        .map(|b| b.text)
        .collect();
    Cleaned {
        text: paragraphs.join("\n\n"),
        timestamp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>")
    }

    /// Four paragraphs of news text, enough for Readability to pick the container.
    const STORY: &str = "<p>أعلنت وزارة الداخلية في القاهرة، صباح اليوم الأحد، عن إلقاء القبض على خلية مسلحة كانت تخطط لتنفيذ هجمات على منشآت حكومية في محافظة الجيزة، بحسب بيان رسمي.</p>\
        <p>وقال المتحدث باسم الوزارة إن قوات الأمن داهمت شقة سكنية في حي الهرم وعثرت على كميات من الأسلحة والذخائر والمتفجرات المعدة للاستخدام.</p>\
        <p>وأضاف أن التحقيقات الأولية كشفت عن صلة أفراد الخلية بتنظيم متطرف ينشط في شمال سيناء، وأن النيابة العامة أمرت بحبسهم خمسة عشر يوما على ذمة التحقيق.</p>\
        <p>ويأتي ذلك بعد أسبوع من هجوم استهدف نقطة تفتيش أمنية في مدينة العريش وأسفر عن مقتل ثلاثة من رجال الشرطة وإصابة خمسة آخرين.</p>";

    fn story_text() -> String {
        let doc = Html::parse_fragment(STORY);
        clean_blocks(render(doc.root_element()), None).text
    }

    #[test]
    fn html_share_bar_removed() {
        let html = page(
            "<title>القبض على خلية مسلحة - الموقع</title>",
            &format!(
                "<article><div class=\"toolbar\"><a href=\"#\">طباعة</a> | <a href=\"#\">أرسل لصديق</a> | <a>تكبير الخط</a> <a>تصغير الخط</a></div>\
                 <div><span>شارك</span> <a>فيسبوك</a> <a>تويتر</a> <span>125</span></div>\
                 <div>Share 12</div>{STORY}<p>طباعة</p></article>"
            ),
        );
        let doc = extract(&html, None).unwrap();
        assert_eq!(doc.text, story_text());
        assert!(!doc.text.contains("طباعة") && !doc.text.contains("شارك"));
    }

    #[test]
    fn html_read_also_block_removed() {
        let html = page(
            "",
            &format!(
                "<article>{STORY}<p><strong>اقرأ أيضاً:</strong> <a href=\"/x\">مقتل ثلاثة من رجال الشرطة في العريش</a></p>\
                 <h3>اقرأ أيضا</h3><ul><li><a href=\"/a\">خبر أول عن الأمن في مصر</a></li><li><a href=\"/b\">خبر ثان عن سيناء</a></li></ul>\
                 <div class=\"related-news\"><h4>أخبار ذات صلة</h4><p>نص خبر متعلق طويل نوعا ما لا يخص المقال</p></div>\
                 <p>الكلمات الدالة: <a>مصر</a> <a>الإرهاب</a></p></article>"
            ),
        );
        let doc = extract(&html, None).unwrap();
        assert_eq!(doc.text, story_text());
    }

    #[test]
    fn html_comments_removed() {
        let html = page(
            "",
            &format!(
                "<article>{STORY}</article>\
                 <section><h2>التعليقات (3)</h2><div class=\"c\"><p>أحمد: هذا خبر مهم جدا ونتمنى السلامة للجميع في مصر وكل البلاد العربية</p></div></section>\
                 <div id=\"comments\"><p>تعليق آخر من قارئ غاضب يقول إن الأمن يجب أن يكون أقوى في كل مكان من البلاد</p></div>\
                 <form><textarea>أضف تعليقك</textarea><button>إرسال</button></form>"
            ),
        );
        let doc = extract(&html, None).unwrap();
        assert_eq!(doc.text, story_text());
        assert!(!doc.text.contains("التعليقات") && !doc.text.contains("قارئ"));
    }

    #[test]
    fn html_published_from_json_ld_and_meta() {
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"الموقع"},{"@type":"NewsArticle","headline":"عنوان من JSON-LD","datePublished":"2024-03-05T10:30:00+02:00","publisher":{"@type":"Organization","name":"جريدة الخبر"}}]}</script>"#;
        let html = page(ld, &format!("<article>{STORY}</article>"));
        let doc = extract(&html, None).unwrap();
        assert_eq!(doc.published.as_deref(), Some("2024-03-05T10:30:00+02:00"));
        assert_eq!(doc.title.as_deref(), Some("عنوان من JSON-LD"));
        assert_eq!(doc.site_name.as_deref(), Some("جريدة الخبر"));
        assert_eq!(doc.lang.as_deref(), Some("ar"));

        let head = format!(
            "<meta property=\"article:published_time\" content=\"2019-11-02T08:00:00Z\"><meta name=\"pubdate\" content=\"20191101\">{ld}"
        );
        let doc = extract(&page(&head, &format!("<article>{STORY}</article>")), None).unwrap();
        assert_eq!(doc.published.as_deref(), Some("2019-11-02T08:00:00Z"));

        let doc = extract(
            &page(
                "<meta name=\"DC.date.issued\" content=\"2012/05/06\">",
                &format!("<article>{STORY}</article>"),
            ),
            None,
        )
        .unwrap();
        assert_eq!(doc.published.as_deref(), Some("2012/05/06"));

        let doc = extract(
            &page(
                "",
                &format!("<article><time datetime=\"2020-01-02\">2 يناير</time>{STORY}</article>"),
            ),
            None,
        )
        .unwrap();
        assert_eq!(doc.published.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn html_title_suffix_stripped() {
        let body = format!("<h1>الموقع</h1><h1>شعار</h1><div>{STORY}</div>");
        let doc = extract(
            &page(
                "<title>القبض على خلية مسلحة في الجيزة - اليوم السابع</title>",
                &body,
            ),
            None,
        )
        .unwrap();
        assert_eq!(doc.title.as_deref(), Some("القبض على خلية مسلحة في الجيزة"));

        let head = "<title>القبض على خلية مسلحة | Al Khabar</title><meta property=\"og:site_name\" content=\"Al Khabar\">";
        let doc = extract(&page(head, &body), None).unwrap();
        assert_eq!(doc.title.as_deref(), Some("القبض على خلية مسلحة"));

        let head = "<meta property=\"og:title\" content=\"عنوان الخبر - الخبر\"><meta property=\"og:site_name\" content=\"الخبر\"><meta name=\"twitter:title\" content=\"عنوان تويتر\">";
        let doc = extract(&page(head, &body), None).unwrap();
        assert_eq!(doc.title.as_deref(), Some("عنوان الخبر"));
        // The h1 that is the headline is not repeated in the text.
        let body = format!("<article><h1>القبض على خلية مسلحة</h1>{STORY}</article>");
        let doc = extract(&page("<title>x</title>", &body), None).unwrap();
        assert_eq!(doc.title.as_deref(), Some("القبض على خلية مسلحة"));
        assert_eq!(doc.text, story_text());
    }

    #[test]
    fn html_timestamp_line_moved_to_published() {
        let body = format!(
            "<article><div class=\"date\">الخميس 5 أكتوبر 2023 - 10:15 ص</div>{STORY}<p>آخر تحديث: 12:30</p></article>"
        );
        let doc = extract(&page("", &body), None).unwrap();
        assert_eq!(doc.text, story_text());
        assert_eq!(
            doc.published.as_deref(),
            Some("الخميس 5 أكتوبر 2023 - 10:15 ص")
        );
        // A meta date wins over the timestamp line.
        let head =
            "<meta property=\"article:published_time\" content=\"2023-10-05T10:15:00+03:00\">";
        let doc = extract(&page(head, &body), None).unwrap();
        assert_eq!(doc.published.as_deref(), Some("2023-10-05T10:15:00+03:00"));
        // A sentence with a date in it is text, not a timestamp.
        let body =
            format!("<article>{STORY}<p>وقعت الحادثة يوم الخميس 5 أكتوبر 2023.</p></article>");
        let doc = extract(&page("", &body), None).unwrap();
        assert!(doc.text.ends_with("وقعت الحادثة يوم الخميس 5 أكتوبر 2023."));
    }

    #[test]
    fn html_fallback_picks_the_paragraph_container() {
        let html = page(
            "",
            &format!(
                "<div class=\"side\"><p><a href=\"/1\">عنوان خبر آخر في الشريط الجانبي للموقع</a></p>\
                 <p><a href=\"/2\">عنوان خبر ثان في الشريط الجانبي للموقع</a></p></div>\
                 <div id=\"x\"><div class=\"story\">{STORY}</div></div><div class=\"sharing\">{STORY}</div>"
            ),
        );
        let doc = Html::parse_document(&html);
        let root = fallback_container(&doc).unwrap();
        assert_eq!(root.value().attr("class"), Some("story"));
        assert_eq!(clean_blocks(render(root), None).text, story_text());
    }

    #[test]
    fn html_windows_1256_page_end_to_end() {
        let html = page(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"><title>خبر عاجل من القاهرة - موقع</title>",
            &format!("<article>{STORY}</article>"),
        )
        .replace("<meta charset=\"utf-8\">", "");
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&html);
        let decoded = crate::charset::decode(&bytes, None, true).unwrap();
        assert_eq!(decoded.encoding, "windows-1256");
        let doc = extract(&decoded.text, None).unwrap();
        assert_eq!(doc.title.as_deref(), Some("خبر عاجل من القاهرة"));
        assert_eq!(doc.text, story_text());
    }

    #[test]
    fn html_url_canonical() {
        let head = "<link rel=\"canonical\" href=\"/news/1\"><meta property=\"og:url\" content=\"https://example.com/news/1?x\">";
        let doc = extract(&page(head, STORY), None).unwrap();
        assert_eq!(doc.url.as_deref(), Some("https://example.com/news/1?x"));
        let head = "<link rel=\"canonical\" href=\"/news/1\">";
        let doc = extract(&page(head, STORY), Some("https://example.com/a/b")).unwrap();
        assert_eq!(doc.url.as_deref(), Some("https://example.com/news/1"));
    }

    #[test]
    fn html_br_and_inline_whitespace() {
        let html = page(
            "",
            "<div><p>السطر   الأول<br>السطر\n الثاني</p><p>فقرة&nbsp;ثانية &amp; <b>نص</b>\u{FEFF}<i>مائل</i></p><div>فقرة ثالثة<br><br>فقرة رابعة</div></div>",
        );
        let doc = extract(&html, None).unwrap();
        assert_eq!(
            doc.text,
            "السطر الأول\nالسطر الثاني\n\nفقرة ثانية & نصمائل\n\nفقرة ثالثة\n\nفقرة رابعة"
        );
    }

    #[test]
    fn html_truncated_page_is_an_error() {
        let err = extract(
            "<html><head><title>خبر</title></head><body><div class=\"a",
            None,
        )
        .unwrap_err();
        assert!(matches!(err, HtmlError::Truncated { .. }), "{err}");
        assert!(err.to_string().contains("truncated"), "{err}");
        let err = extract("<html><body><p>نص قصير</p><!-- start of", None).unwrap_err();
        assert!(matches!(err, HtmlError::Truncated { .. }), "{err}");
        let err = extract("<html><body><div><p>نص قصير جدا</p><div>", None).unwrap_err();
        assert!(matches!(err, HtmlError::Truncated { .. }), "{err}");
        // Unclosed but with a full article: accepted.
        let html = format!("<html><body><article>{STORY}</article>");
        assert_eq!(extract(&html, None).unwrap().text, story_text());
    }

    #[test]
    fn html_empty_is_no_content() {
        for html in [
            "",
            "   \n ",
            "<html><head><title>t</title></head><body></body></html>",
            "<html><body><script>var a = 1;</script><nav><a>الرئيسية</a></nav></body></html>",
        ] {
            assert!(
                matches!(extract(html, None), Err(HtmlError::NoContent)),
                "{html:?}"
            );
        }
    }

    #[test]
    fn html_fragment_without_structure() {
        let doc = extract("<p>خبر عاجل: انفجار في بيروت</p>", None).unwrap();
        assert_eq!(doc.text, "خبر عاجل: انفجار في بيروت");
        let doc = extract("نص بلا وسوم", None).unwrap();
        assert_eq!(doc.text, "نص بلا وسوم");
    }

    #[test]
    fn html_byline_and_repeated_caption() {
        let html = page(
            "",
            &format!(
                "<article><p>بقلم: محمد علي</p><figure><img src=\"a.jpg\"><figcaption>رجال الأمن في موقع الحادث</figcaption></figure>\
                 {STORY}<figure><figcaption>رجال الأمن في موقع الحادث</figcaption></figure></article>"
            ),
        );
        let doc = extract(&html, None).unwrap();
        assert!(doc.text.starts_with("بقلم: محمد علي\n\n"), "{}", doc.text);
        assert_eq!(doc.text.matches("رجال الأمن في موقع الحادث").count(), 1);
    }

    #[test]
    fn html_deep_nesting_does_not_overflow() {
        let mut html = String::from("<html><body>");
        // Deeper than dom_smoothie is trusted with; html5ever's parse is quadratic in depth, so
        // keep this moderate for debug builds.
        for _ in 0..3_000 {
            html.push_str("<div>");
        }
        html.push_str("<p>نص عميق جدا</p>");
        for _ in 0..3_000 {
            html.push_str("</div>");
        }
        html.push_str("</body></html>");
        assert_eq!(extract(&html, None).unwrap().text, "نص عميق جدا");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn html_extract_never_panics(s in "\\PC{0,300}") {
            let _ = extract(&s, None);
        }

        #[test]
        fn html_extract_never_panics_on_tag_soup(
            parts in proptest::collection::vec(
                "(<[a-zA-Z/!]{0,6}( [a-z]{1,5}=\"[^\"<>]{0,8}\")?>?|[^<>]{0,12}|<!--|-->|&[a-z#0-9]{0,5};?)",
                0..40,
            )
        ) {
            let _ = extract(&parts.concat(), Some("https://example.com/x"));
        }
    }

    fn collapse(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn token_f1(got: &str, want: &str) -> f64 {
        let count = |s: &str| {
            let mut m: HashMap<String, usize> = HashMap::new();
            for t in s.split_whitespace() {
                *m.entry(t.to_string()).or_default() += 1;
            }
            m
        };
        let (g, w) = (count(got), count(want));
        let common: usize = g
            .iter()
            .map(|(t, n)| (*n).min(w.get(t).copied().unwrap_or(0)))
            .sum();
        let (gn, wn) = (
            got.split_whitespace().count(),
            want.split_whitespace().count(),
        );
        if common == 0 || gn == 0 || wn == 0 {
            return 0.0;
        }
        let (p, r) = (common as f64 / gn as f64, common as f64 / wn as f64);
        2.0 * p * r / (p + r)
    }

    #[test]
    fn html_golden_cnn_arabic() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/html/newspaper_cnnarabic");
        let (Ok(bytes), Ok(expected)) = (
            std::fs::read(dir.join("arabic_article.html")),
            std::fs::read_to_string(dir.join("arabic_expected.txt")),
        ) else {
            eprintln!(
                "skipping html_golden_cnn_arabic: {} not found",
                dir.display()
            );
            return;
        };
        let decoded = crate::charset::decode(&bytes, None, true).unwrap();
        let doc = extract(&decoded.text, None).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("معارضون يسيطرون على مخازن للصواريخ بريف دمشق")
        );
        assert_eq!(
            doc.url.as_deref(),
            Some("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html")
        );
        assert_eq!(doc.site_name.as_deref(), Some("CNNArabic"));
        assert_eq!(doc.lang.as_deref(), Some("ar"));
        assert_eq!(
            doc.published.as_deref(),
            Some("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)")
        );
        let (got, want) = (collapse(&doc.text), collapse(&expected));
        for word in ["التعليقات", "شارك", "طباعة", "ترحب شبكة", "الأكثر تصفحا"]
        {
            assert!(!got.contains(word), "{word} in the extracted text");
        }
        assert!(
            got == want,
            "golden text differs (token F1 {:.4})\n--- got\n{}\n--- want\n{}",
            token_f1(&got, &want),
            doc.text,
            expected
        );
        // Paragraph structure matches as well.
        assert_eq!(
            doc.text.split("\n\n").count(),
            expected.trim().split("\n\n").count()
        );
    }
}
