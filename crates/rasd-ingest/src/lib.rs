//! Document reading for rasd.
pub mod charset;
pub mod date;
pub mod html;
