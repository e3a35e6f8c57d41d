//! Reading inputs into [`Document`]s: files, folders, JSONL(.gz) and stdin.
//!
//! Every failure is a [`ReadError`] that names the input (and the line, for JSONL); a reader
//! never stops a batch because one document is bad.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::charset::{self, DecodeError};
use crate::date;
use crate::document::{Document, Format};
use crate::furniture;
use crate::html::{self, HtmlError};

/// Default limit on one document's size: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The input.
        path: String,
        /// The cause.
        source: io::Error,
    },
    /// The bytes are not text in any supported encoding.
    #[error("{path}: {source}")]
    Decode {
        /// The input.
        path: String,
        /// The cause.
        source: DecodeError,
    },
    /// The HTML could not be turned into an article.
    #[error("{path}: {source}")]
    Html {
        /// The input.
        path: String,
        /// The cause.
        source: HtmlError,
    },
    /// The document has no text.
    #[error("{path}: empty document (no text to analyse)")]
    Empty {
        /// The input.
        path: String,
    },
    /// The document is larger than the limit.
    #[error(
        "{path}: document too large ({size} bytes; the limit is {limit} bytes, see --max-bytes)"
    )]
    TooLarge {
        /// The input.
        path: String,
        /// Its size (at least).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A JSONL line is not a JSON object.
    #[error("{path}: invalid JSON record: {message}")]
    Json {
        /// The input and line.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// A JSONL record has no `text` (or `content`/`body`) nor `html`.
    #[error("{path}: record has neither \"text\" nor \"html\"")]
    NoText {
        /// The input and line.
        path: String,
    },
    /// The file type is not one rasd reads.
    #[error("{path}: unsupported input type (expected .txt, .html, .htm, .jsonl, .jsonl.gz, .warc, .warc.gz, .rss, .atom or .xml)")]
    Unsupported {
        /// The input.
        path: String,
    },
}

impl ReadError {
    /// The input (and line) the error is about.
    pub fn path(&self) -> &str {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Decode { path, .. }
            | ReadError::Html { path, .. }
            | ReadError::Empty { path }
            | ReadError::TooLarge { path, .. }
            | ReadError::Json { path, .. }
            | ReadError::NoText { path }
            | ReadError::Unsupported { path } => path,
        }
    }
}

/// Options for reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Largest document accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// One input source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

/// The kind of file, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// JSON lines.
    Jsonl,
    /// gzip-compressed JSON lines.
    JsonlGz,
    /// A WARC archive.
    Warc,
    /// A gzip-compressed WARC archive (one member per record).
    WarcGz,
    /// An RSS or Atom feed.
    Feed,
}

/// Classifies a path by its extension.
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if name.ends_with(".warc.gz") {
        Some(FileKind::WarcGz)
    } else if name.ends_with(".warc") {
        Some(FileKind::Warc)
    } else if name.ends_with(".rss") || name.ends_with(".atom") || name.ends_with(".xml") {
        Some(FileKind::Feed)
    } else if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
        Some(FileKind::JsonlGz)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(FileKind::Jsonl)
    } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        Some(FileKind::Html)
    } else if name.ends_with(".txt") || name.ends_with(".text") {
        Some(FileKind::Text)
    } else {
        None
    }
}

/// Expands the command-line inputs: `-` is stdin, folders are walked recursively (sorted, files
/// of a known kind only), files are taken as given.
pub fn expand(inputs: &[String]) -> Vec<Result<Input, ReadError>> {
    let mut out = Vec::new();
    for i in inputs {
        if i == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        let p = PathBuf::from(i);
        if p.is_dir() {
            walk(&p, &mut out);
        } else if p.exists() {
            out.push(Ok(Input::File(p)));
        } else {
            out.push(Err(ReadError::Io {
                path: i.clone(),
                source: io::Error::new(io::ErrorKind::NotFound, "no such file or folder"),
            }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Input, ReadError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(ReadError::Io {
                path: dir.display().to_string(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if file_kind(&p).is_some() {
            out.push(Ok(Input::File(p)));
        }
    }
}

/// Reads one input, yielding its documents (one, or one per JSONL line).
pub fn read(
    input: &Input,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = Result<Document, ReadError>> + Send> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            let res = io::stdin()
                .lock()
                .take(opts.max_bytes + 1)
                .read_to_end(&mut bytes);
            if let Err(source) = res {
                return one(Err(ReadError::Io {
                    path: "-".into(),
                    source,
                }));
            }
            if bytes.len() as u64 > opts.max_bytes {
                return one(Err(ReadError::TooLarge {
                    path: "-".into(),
                    size: bytes.len() as u64,
                    limit: opts.max_bytes,
                }));
            }
            let kind = sniff(&bytes);
            match kind {
                FileKind::Jsonl | FileKind::JsonlGz => Box::new(JsonlReader::new(
                    "-".into(),
                    Box::new(BufReader::new(io::Cursor::new(bytes))),
                    opts,
                )),
                FileKind::Html => one(read_html_bytes("-", "stdin", &bytes, None)),
                FileKind::Text | FileKind::Warc | FileKind::WarcGz | FileKind::Feed => {
                    one(read_text_bytes("-", "stdin", &bytes))
                }
            }
        }
        Input::File(p) => read_file(p, opts),
    }
}

fn one(
    r: Result<Document, ReadError>,
) -> Box<dyn Iterator<Item = Result<Document, ReadError>> + Send> {
    Box::new(std::iter::once(r))
}

fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return FileKind::JsonlGz;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        FileKind::Jsonl
    } else if t.starts_with("<!doctype html") || t.starts_with("<html") || head.contains("<body") {
        FileKind::Html
    } else {
        FileKind::Text
    }
}

/// Reads one file.
pub fn read_file(
    p: &Path,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = Result<Document, ReadError>> + Send> {
    let path = p.display().to_string();
    let Some(kind) = file_kind(p) else {
        return one(Err(ReadError::Unsupported { path }));
    };
    let id = p
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    let file = match File::open(p) {
        Ok(f) => f,
        Err(source) => return one(Err(ReadError::Io { path, source })),
    };
    match kind {
        FileKind::Warc => crate::archive::read_warc(p, false, opts),
        FileKind::WarcGz => crate::archive::read_warc(p, true, opts),
        FileKind::Feed => crate::archive::read_feed(p, opts),
        FileKind::Jsonl => Box::new(JsonlReader::new(path, Box::new(BufReader::new(file)), opts)),
        FileKind::JsonlGz => Box::new(JsonlReader::new(
            path,
            Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file))),
            opts,
        )),
        FileKind::Text | FileKind::Html => {
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            if size > opts.max_bytes {
                return one(Err(ReadError::TooLarge {
                    path,
                    size,
                    limit: opts.max_bytes,
                }));
            }
            let mut bytes = Vec::with_capacity(size as usize);
            if let Err(source) = file.take(opts.max_bytes + 1).read_to_end(&mut bytes) {
                return one(Err(ReadError::Io { path, source }));
            }
            if bytes.len() as u64 > opts.max_bytes {
                return one(Err(ReadError::TooLarge {
                    path,
                    size: bytes.len() as u64,
                    limit: opts.max_bytes,
                }));
            }
            if kind == FileKind::Html {
                one(read_html_bytes(&path, &id, &bytes, None))
            } else {
                one(read_text_bytes(&path, &id, &bytes))
            }
        }
    }
}

/// Builds a document from plain-text bytes.
pub fn read_text_bytes(path: &str, id: &str, bytes: &[u8]) -> Result<Document, ReadError> {
    let decoded = charset::decode(bytes, None, false).map_err(|source| ReadError::Decode {
        path: path.into(),
        source,
    })?;
    from_text(
        path,
        id,
        Format::Text,
        decoded.text,
        decoded.encoding,
        None,
        None,
        None,
    )
}

/// Builds a document from a saved HTML page.
pub fn read_html_bytes(
    path: &str,
    id: &str,
    bytes: &[u8],
    url: Option<&str>,
) -> Result<Document, ReadError> {
    let decoded = charset::decode(bytes, None, true).map_err(|source| ReadError::Decode {
        path: path.into(),
        source,
    })?;
    from_html(
        path,
        id,
        Format::Html,
        &decoded.text,
        decoded.encoding,
        url,
        None,
        None,
    )
}

#[allow(clippy::too_many_arguments)]
fn from_html(
    path: &str,
    id: &str,
    format: Format,
    markup: &str,
    encoding: &'static str,
    url: Option<&str>,
    title: Option<String>,
    published: Option<String>,
) -> Result<Document, ReadError> {
    if markup.trim().is_empty() {
        return Err(ReadError::Empty { path: path.into() });
    }
    let page = html::extract(markup, url).map_err(|source| ReadError::Html {
        path: path.into(),
        source,
    })?;
    let published = published.or_else(|| {
        page.published
            .as_deref()
            .and_then(date::parse_date)
            .map(|d| d.to_iso())
    });
    let title = title.or(page.title);
    let url = url.map(str::to_owned).or(page.url);
    from_text(path, id, format, page.text, encoding, url, title, published)
}

#[allow(clippy::too_many_arguments)]
fn from_text(
    path: &str,
    id: &str,
    format: Format,
    text: String,
    encoding: &'static str,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
) -> Result<Document, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty { path: path.into() });
    }
    let layout = furniture::analyse(&text, title.as_deref());
    let title = title.or_else(|| layout.headline.clone().map(|r| text[r].trim().to_string()));
    let published = published.or_else(|| layout.published.clone());
    Ok(Document {
        id: id.to_string(),
        source: path.to_string(),
        format,
        url,
        title,
        published,
        text,
        encoding,
        layout,
    })
}

/// Streams the records of a JSONL file.
pub struct JsonlReader {
    path: String,
    inner: Box<dyn BufRead + Send>,
    line: usize,
    opts: ReadOptions,
    done: bool,
}

impl JsonlReader {
    /// Reads records from `inner`; `path` names the input in errors.
    pub fn new(path: String, inner: Box<dyn BufRead + Send>, opts: ReadOptions) -> Self {
        JsonlReader {
            path,
            inner,
            line: 0,
            opts,
            done: false,
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        loop {
            if self.done {
                return None;
            }
            buf.clear();
            self.line += 1;
            let at = format!("{}:{}", self.path, self.line);
            let limit = self.opts.max_bytes + 1;
            match (&mut self.inner).take(limit).read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(source) => {
                    self.done = true;
                    return Some(Err(ReadError::Io { path: at, source }));
                }
            }
            if buf.len() as u64 >= limit && !buf.ends_with(b"\n") {
                // Skip the rest of this over-long line.
                let mut sink = Vec::new();
                let _ = self.inner.read_until(b'\n', &mut sink);
                return Some(Err(ReadError::TooLarge {
                    path: at,
                    size: limit,
                    limit: self.opts.max_bytes,
                }));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let s = match std::str::from_utf8(&buf) {
                Ok(s) => s,
                Err(e) => {
                    return Some(Err(ReadError::Decode {
                        path: at,
                        source: DecodeError::InvalidUtf8 {
                            valid_up_to: e.valid_up_to(),
                        },
                    }))
                }
            };
            return Some(record(&at, &self.path, self.line, s));
        }
    }
}

fn str_field(v: &serde_json::Value, names: &[&str]) -> Option<String> {
    for n in names {
        match v.get(*n) {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => return Some(s.clone()),
            Some(serde_json::Value::Number(x)) => return Some(x.to_string()),
            _ => {}
        }
    }
    None
}

fn record(at: &str, path: &str, line: usize, s: &str) -> Result<Document, ReadError> {
    let v: serde_json::Value =
        serde_json::from_str(s.trim_start_matches('\u{feff}')).map_err(|e| ReadError::Json {
            path: at.into(),
            message: e.to_string(),
        })?;
    if !v.is_object() {
        return Err(ReadError::Json {
            path: at.into(),
            message: "not a JSON object".into(),
        });
    }
    let stem = Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
    let id = str_field(&v, &["id", "doc_id", "uid"]).unwrap_or_else(|| format!("{stem}:{line}"));
    let url = str_field(&v, &["url", "link", "uri"]);
    let title = str_field(&v, &["title", "headline"]);
    let published = str_field(
        &v,
        &[
            "published",
            "date",
            "pub_date",
            "datePublished",
            "published_at",
        ],
    )
    .and_then(|p| date::parse_date(&p))
    .map(|d| d.to_iso());
    if let Some(text) = str_field(&v, &["text", "content", "body"]) {
        return from_text(at, &id, Format::Jsonl, text, "UTF-8", url, title, published);
    }
    if let Some(markup) = str_field(&v, &["html"]) {
        return from_html(
            at,
            &id,
            Format::Jsonl,
            &markup,
            "UTF-8",
            url.as_deref(),
            title,
            published,
        );
    }
    Err(ReadError::NoText { path: at.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(s: &str) -> Vec<Result<Document, ReadError>> {
        JsonlReader::new(
            "t.jsonl".into(),
            Box::new(io::Cursor::new(s.as_bytes().to_vec())),
            ReadOptions::default(),
        )
        .collect()
    }

    #[test]
    fn jsonl_records_and_errors_do_not_stop_the_batch() {
        let input = "{\"id\": \"a\", \"text\": \"قال الوزير إن المحادثات مستمرة.\", \"published\": \"2017-04-22T23:07:00+03:00\"}\n\
                     not json\n\
                     {\"id\": 7, \"title\": \"عنوان\"}\n\
                     \n\
                     {\"content\": \"نص ثان\"}\n";
        let docs = jsonl(input);
        assert_eq!(docs.len(), 4);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.id, "a");
        assert_eq!(a.published.as_deref(), Some("2017-04-22T23:07"));
        assert!(matches!(docs[1], Err(ReadError::Json { ref path, .. }) if path == "t.jsonl:2"));
        assert!(matches!(docs[2], Err(ReadError::NoText { ref path }) if path == "t.jsonl:3"));
        assert_eq!(docs[3].as_ref().unwrap().id, "t.jsonl:5");
    }

    #[test]
    fn text_is_kept_byte_identical() {
        let t = "عنوان الخبر\r\n\r\nالسبت 22/أبريل/2017 - 11:07 م\r\nنص الخبر هنا.\r\n";
        let d = read_text_bytes("x.txt", "x.txt", t.as_bytes()).unwrap();
        assert_eq!(d.text, t);
        assert_eq!(d.title.as_deref(), Some("عنوان الخبر"));
        assert_eq!(d.published.as_deref(), Some("2017-04-22T23:07"));
    }

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        assert!(matches!(
            read_text_bytes("e.txt", "e.txt", b""),
            Err(ReadError::Empty { .. })
        ));
        assert!(matches!(
            read_text_bytes("e.txt", "e.txt", b"  \n\n "),
            Err(ReadError::Empty { .. })
        ));
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
        let e = read_text_bytes("junk.txt", "junk.txt", &junk).unwrap_err();
        assert!(e.to_string().starts_with("junk.txt: "), "{e}");
    }

    #[test]
    fn file_kinds() {
        assert_eq!(
            file_kind(Path::new("a/b.JSONL.gz")),
            Some(FileKind::JsonlGz)
        );
        assert_eq!(file_kind(Path::new("a.htm")), Some(FileKind::Html));
        assert_eq!(file_kind(Path::new("a.gold.json")), None);
    }
}
