//! Whole-import tests: real files written to a temporary folder (or the
//! committed samples in tests/fixtures), read back through `read_sheet`,
//! `preview`, and added through the edit core.

mod duplicates;
mod files;
mod xlsx;

use super::*;

pub fn today() -> Date {
    Date::constant(2026, 11, 24)
}

pub fn date(y: i16, m: i8, d: i8) -> Option<Date> {
    Some(Date::constant(y, m, d))
}

/// A valid 身份证号 from its first 17 digits.
pub fn id(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize])
}

pub fn names(preview: &Preview) -> Vec<(usize, &str)> {
    preview.rows.iter().map(|r| (r.line, r.member.name.as_str())).collect()
}

pub fn row(preview: &Preview, line: usize) -> &PreviewRow {
    preview.rows.iter().find(|r| r.line == line).unwrap()
}

pub fn reasons(preview: &Preview) -> Vec<&str> {
    preview.skipped.iter().map(|s| s.reason.as_str()).collect()
}
