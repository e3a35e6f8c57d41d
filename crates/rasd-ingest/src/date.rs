//! Arabic and international publication-date parsing (filled in by the date work).
