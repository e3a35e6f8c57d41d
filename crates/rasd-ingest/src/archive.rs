//! Web archives and feeds: WARC files (`.warc`, `.warc.gz`, Common Crawl style, one gzip member
//! per record) and RSS / Atom feeds (`.rss`, `.atom`, `.xml`).
//!
//! A WARC `response` record with an HTML body becomes one document (its URL is the record's
//! target URI); other records (requests, metadata, images) are skipped. A feed entry becomes one
//! document from its content, or its summary when the feed carries no content.

use std::io::{self, BufRead};
use std::path::Path;

use crate::document::Format;
use crate::reader::{read_html_bytes, ReadError, ReadOptions};
use crate::Document;

type Docs = Box<dyn Iterator<Item = Result<Document, ReadError>> + Send>;

/// Reads a WARC file, gzip-compressed when `gz`.
pub fn read_warc(p: &Path, gz: bool, opts: ReadOptions) -> Docs {
    let path = p.display().to_string();
    let file = match std::fs::File::open(p) {
        Ok(f) => f,
        Err(source) => return Box::new(std::iter::once(Err(ReadError::Io { path, source }))),
    };
    let input: Box<dyn BufRead + Send> = if gz {
        Box::new(io::BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(io::BufReader::new(file))
    };
    Box::new(WarcDocs {
        path,
        inner: warc::WarcReader::new(input).iter_records(),
        n: 0,
        opts,
    })
}

struct WarcDocs {
    path: String,
    inner: warc::RecordIter<Box<dyn BufRead + Send>>,
    n: usize,
    opts: ReadOptions,
}

impl Iterator for WarcDocs {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rec = self.inner.next()?;
            self.n += 1;
            let at = format!("{}#{}", self.path, self.n);
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    // A broken record ends the file: the reader cannot resynchronise.
                    self.inner = empty_iter();
                    return Some(Err(ReadError::Io {
                        path: at,
                        source: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
                    }));
                }
            };
            if *rec.warc_type() != warc::RecordType::Response {
                continue;
            }
            let url = rec
                .header(warc::WarcHeader::TargetURI)
                .map(|u| u.into_owned());
            let body = rec.body();
            if body.len() as u64 > self.opts.max_bytes {
                return Some(Err(ReadError::TooLarge {
                    path: at,
                    size: body.len() as u64,
                    limit: self.opts.max_bytes,
                }));
            }
            let Some((head, payload)) = split_http(body) else {
                continue;
            };
            let head = String::from_utf8_lossy(head).to_ascii_lowercase();
            if !head.starts_with("http/") || !head.contains("text/html") {
                continue;
            }
            let id = url.clone().unwrap_or_else(|| at.clone());
            let mut doc = match read_html_bytes(&at, &id, payload, url.as_deref()) {
                Ok(d) => d,
                Err(e) => return Some(Err(e)),
            };
            doc.format = Format::Warc;
            return Some(Ok(doc));
        }
    }
}

fn empty_iter() -> warc::RecordIter<Box<dyn BufRead + Send>> {
    warc::WarcReader::new(Box::new(io::Cursor::new(Vec::new())) as Box<dyn BufRead + Send>)
        .iter_records()
}

/// Splits an HTTP response into its header block and body.
fn split_http(b: &[u8]) -> Option<(&[u8], &[u8])> {
    let i = b
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| b.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2)))?;
    Some((&b[..i.0], &b[i.1..]))
}

/// Reads an RSS or Atom feed.
pub fn read_feed(p: &Path, opts: ReadOptions) -> Docs {
    let path = p.display().to_string();
    let bytes = match std::fs::read(p) {
        Ok(b) => b,
        Err(source) => return Box::new(std::iter::once(Err(ReadError::Io { path, source }))),
    };
    if bytes.len() as u64 > opts.max_bytes {
        return Box::new(std::iter::once(Err(ReadError::TooLarge {
            path,
            size: bytes.len() as u64,
            limit: opts.max_bytes,
        })));
    }
    let feed = match feed_rs::parser::parse(&bytes[..]) {
        Ok(f) => f,
        Err(e) => {
            return Box::new(std::iter::once(Err(ReadError::Json {
                path,
                message: format!("not an RSS or Atom feed: {e}"),
            })));
        }
    };
    let docs: Vec<Result<Document, ReadError>> = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let at = format!("{path}#{}", i + 1);
            let url = e.links.first().map(|l| l.href.clone());
            let html = e
                .content
                .and_then(|c| c.body)
                .or_else(|| e.summary.map(|s| s.content))
                .unwrap_or_default();
            let title = e.title.map(|t| t.content);
            let page = format!(
                "<html><head><title>{}</title></head><body><article><h1>{}</h1>{}</article></body></html>",
                escape(title.as_deref().unwrap_or("")),
                escape(title.as_deref().unwrap_or("")),
                html
            );
            let id = if e.id.is_empty() { url.clone().unwrap_or_else(|| at.clone()) } else { e.id.clone() };
            let mut doc = read_html_bytes(&at, &id, page.as_bytes(), url.as_deref())?;
            doc.format = Format::Feed;
            if title.is_some() {
                doc.title = title;
            }
            if let Some(d) = e.published.or(e.updated) {
                doc.published = Some(d.format("%Y-%m-%dT%H:%M").to_string());
            }
            Ok(doc)
        })
        .collect();
    Box::new(docs.into_iter())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const PAGE: &str = "<html><head><title>هجوم في الرقة</title></head><body><article><h1>هجوم في الرقة</h1><p>قصفت طائرات التحالف الدولي مواقع لتنظيم داعش في مدينة الرقة شمال سوريا، وقال المرصد السوري إن الغارات أسفرت عن مقتل عشرة من عناصر التنظيم.</p><p>وتواصل قوات سوريا الديمقراطية تقدمها نحو المدينة من الجهتين الشرقية والشمالية وسط اشتباكات عنيفة.</p></article></body></html>";

    fn warc_record(kind: &str, uri: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Date: 2017-04-22T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(body);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn warc_responses_become_documents() {
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{PAGE}");
        let mut bytes = warc_record("request", "http://a.example/1", b"GET / HTTP/1.1\r\n\r\n");
        bytes.extend(warc_record(
            "response",
            "http://a.example/1",
            http.as_bytes(),
        ));
        bytes.extend(warc_record(
            "response",
            "http://a.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let dir = std::env::temp_dir().join(format!("rasd-warc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.warc");
        std::fs::File::create(&p)
            .unwrap()
            .write_all(&bytes)
            .unwrap();
        let docs: Vec<_> = read_warc(&p, false, ReadOptions::default()).collect();
        assert_eq!(docs.len(), 1, "{docs:?}");
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.url.as_deref(), Some("http://a.example/1"));
        assert_eq!(d.format, Format::Warc);
        assert!(d.text.contains("قصفت طائرات التحالف"));
        // gzip per record (Common Crawl style)
        let gz = dir.join("a.warc.gz");
        let mut out = Vec::new();
        // Two records, each its own gzip member.
        for uri in ["http://a.example/2", "http://a.example/3"] {
            let chunk = warc_record("response", uri, http.as_bytes());
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(&chunk).unwrap();
            out.extend(e.finish().unwrap());
        }
        std::fs::write(&gz, out).unwrap();
        let docs: Vec<_> = read_warc(&gz, true, ReadOptions::default()).collect();
        assert_eq!(docs.len(), 2);
        assert!(docs[0].is_ok(), "{docs:?}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn rss_items_become_documents() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>التحالف يقصف داعش في الرقة</title><link>http://a.example/x</link><guid>x1</guid>
<pubDate>Sat, 22 Apr 2017 21:07:00 GMT</pubDate>
<description><![CDATA[<p>قصفت طائرات التحالف الدولي مواقع لتنظيم داعش في مدينة الرقة شمال سوريا، وقال المرصد السوري إن الغارات أسفرت عن مقتل عشرة من عناصر التنظيم.</p>]]></description></item>
</channel></rss>"#;
        let dir = std::env::temp_dir().join(format!("rasd-rss-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("feed.rss");
        std::fs::write(&p, rss).unwrap();
        let docs: Vec<_> = read_feed(&p, ReadOptions::default()).collect();
        assert_eq!(docs.len(), 1);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.title.as_deref(), Some("التحالف يقصف داعش في الرقة"));
        assert_eq!(d.published.as_deref(), Some("2017-04-22T21:07"));
        assert_eq!(d.url.as_deref(), Some("http://a.example/x"));
        assert!(d.text.contains("مقتل عشرة"));
        let bad = dir.join("bad.rss");
        std::fs::write(&bad, "not xml at all").unwrap();
        let docs: Vec<_> = read_feed(&bad, ReadOptions::default()).collect();
        assert!(docs[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("bad.rss"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
