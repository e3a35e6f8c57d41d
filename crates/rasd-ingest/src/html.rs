//! Main-content extraction from saved HTML pages (filled in by the HTML work).
