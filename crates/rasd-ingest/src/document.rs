//! The document model: what every reader produces.

use std::fmt;

use crate::furniture::Layout;

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`, stdin).
    Text,
    /// A saved web page (`.html`, `.htm`).
    Html,
    /// One line of a JSONL file.
    Jsonl,
    /// A response record of a WARC archive.
    Warc,
    /// An entry of an RSS or Atom feed.
    Feed,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
            Format::Feed => "feed",
        })
    }
}

/// One document, ready for analysis. All offsets elsewhere in rasd point into [`Document::text`].
#[derive(Debug, Clone)]
pub struct Document {
    /// File name without folder, or the id given in a JSONL record.
    pub id: String,
    /// Where it came from: a path, `path:line` for JSONL, or `-` for stdin.
    pub source: String,
    /// The input format.
    pub format: Format,
    /// The document's URL, when known.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Publication date or date-time, ISO 8601 (`2017-04-22T23:07`), local wall-clock time.
    pub published: Option<String>,
    /// The text all offsets refer to: for plain text, the input exactly (minus a BOM).
    pub text: String,
    /// The character encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// Headline, dateline and page-furniture lines of the text.
    pub layout: Layout,
}
