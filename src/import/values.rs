//! Single cell values as branches write them: dates in every spelling and
//! as Excel stores them, yes/no marks, genders, category labels, and
//! characters lost on the way into the file.

use super::Cell;
use crate::model::Date;
use crate::model::dates::{excel_serial, parse_date};
use crate::model::member::{Category, Gender};

/// A yes/no cell: 是/否, √/×, 1/0, TRUE/FALSE, 有/无, …; `None` when the
/// text is something else (the caller decides and says so).
pub fn flag_of(cell: &Cell) -> Option<bool> {
    let text = match cell {
        Cell::Empty => return Some(false),
        Cell::Bool(b) => return Some(*b),
        Cell::Number(n) => return Some(*n != 0.0),
        cell => cell.to_string().to_uppercase(),
    };
    const YES: [&str; 11] = ["是", "√", "✓", "✓", "1", "Y", "YES", "TRUE", "有", "○", "●"];
    const NO: [&str; 12] = ["否", "不", "无", "非", "×", "✗", "0", "N", "NO", "FALSE", "-", "/"];
    // Chinese words also count by their first character ("是的", "不是").
    let matches = |word: &&str| text == *word || (!word.is_ascii() && text.starts_with(*word));
    if YES.iter().any(matches) {
        Some(true)
    } else if NO.iter().any(matches) {
        Some(false)
    } else {
        None
    }
}

pub fn gender_of(text: &str) -> Option<Gender> {
    Gender::from_label(text)
}

/// A category label, ignoring anything in brackets ("流动党员（流出）").
pub fn category_of(text: &str) -> Option<Category> {
    let text = half_width(text);
    let text = text.split(['(', '[']).next().unwrap_or_default().trim();
    Category::from_label(text).or_else(|| text.contains("流动").then_some(Category::Mobile))
}

/// Full-width ASCII forms (０-９, Ａ-Ｚ, （）…) as their half-width twins.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// Reads a date cell. The flag is set for a number like 2005.1, which may
/// have been typed as 2005.10 (Excel drops the zero) and is read as January.
pub fn read_date(cell: &Cell) -> Result<(Date, bool), ()> {
    match cell {
        Cell::Date(date) => Ok((*date, false)),
        Cell::Number(n) if n.fract() == 0.0 && (19_000_101.0..=22_001_231.0).contains(n) => {
            parse_date(&format!("{}", *n as i64)).map(|d| (d, false)).map_err(drop)
        }
        Cell::Number(n) if (1900.0..2201.0).contains(n) && n.fract() != 0.0 => {
            let text = format!("{n}");
            parse_date(&text).map(|d| (d, text.ends_with(".1"))).map_err(drop)
        }
        // Below serial 3000 (1908) a number is more likely a year or a typo.
        Cell::Number(n) if *n >= 3000.0 => excel_serial(*n).map(|d| (d, false)).map_err(drop),
        Cell::Text(text) => {
            let text = half_width(text);
            let text = text.trim();
            // "2005-03-01 00:00:00": the time of day is not wanted.
            let day = match text.split_once([' ', 'T']) {
                Some((day, time)) if time.contains(':') => day,
                _ => text,
            };
            if day.chars().all(|c| c.is_ascii_digit()) && day.len() <= 4 {
                return Err(());
            }
            parse_date(day).map(|d| (d, false)).map_err(drop)
        }
        _ => Err(()),
    }
}

/// Whether a date cell gives only year and month (1956.03, 1956年3月,
/// 195603), so that its day 1 is a stand-in. A date cell on the 1st counts
/// too: Excel keeps "1956年3月" typed into a cell as the date 1956-03-01.
pub fn month_only(cell: &Cell) -> bool {
    match cell {
        Cell::Date(date) => date.day() == 1,
        Cell::Number(n) => (1900.0..2201.0).contains(n) && n.fract() != 0.0,
        Cell::Text(text) => {
            let text = half_width(text);
            let groups: Vec<&str> = text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|g| !g.is_empty())
                .collect();
            match groups.as_slice() {
                [_, _] => true,
                [compact] => compact.len() == 6,
                _ => false,
            }
        }
        Cell::Empty | Cell::Bool(_) => false,
    }
}

/// A character the file lost, if `text` has one: U+FFFD (bytes that were no
/// valid UTF-8), or a '?' where a hanzi should be — what Excel and WPS write
/// for a character GBK lacks when saving CSV (𠮷 → "?"). A '?' counts next to
/// a hanzi, except at the end of the text, where it reads as a question
/// (备注 are not looked at for '?' at all, see the caller); in a name, always.
pub fn lost_character(text: &str, in_name: bool) -> Option<char> {
    let chars: Vec<char> = text.chars().collect();
    let hanzi_at = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(|c| is_hanzi(*c));
    chars.iter().enumerate().find_map(|(i, c)| match c {
        '\u{FFFD}' => Some(*c),
        '?' if in_name => Some(*c),
        '?' if i + 1 < chars.len() && (hanzi_at(i.checked_sub(1)) || hanzi_at(Some(i + 1))) => Some(*c),
        _ => None,
    })
}

/// CJK ideographs: the basic block, extension A, compatibility forms and the
/// supplementary planes (where 𠮷 and most rare name characters live).
fn is_hanzi(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x2_0000..=0x3_FFFF)
}
