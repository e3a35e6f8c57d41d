//! Document reading for rasd: plain text, saved HTML pages, JSONL(.gz), WARC, RSS/Atom, folders
//! and stdin,
//! with titles, Arabic publication dates and page furniture.
//!
//! Start at [`reader::expand`] and [`reader::read`]; every input becomes a stream of
//! `Result<`[`Document`]`, `[`ReadError`]`>` so one bad document never stops a batch.
//!
//! * [`archive`]: WARC archives and RSS / Atom feeds.
//! * [`charset`]: bytes → text (BOM, declared charsets, windows-1256 / ISO-8859-6 sniffing).
//! * [`html`]: the main content of a saved page, without menus, share bars or comments.
//! * [`date`]: Arabic and international dates (Egyptian/Gulf, Levantine, Maghrebi, Hijri).
//! * [`furniture`]: headline, dateline and page-furniture lines of plain text.
pub mod archive;
pub mod charset;
pub mod date;
pub mod document;
pub mod furniture;
pub mod html;
pub mod reader;

pub use document::{Document, Format};
pub use reader::{ReadError, ReadOptions};
