//! A plain table written to an Excel worksheet the way the county office
//! reads it: a bold header row frozen at the top, column widths that fit
//! the Chinese text (a hanzi is two columns wide), dates as real dates,
//! numbers as numbers, formulas with their results stored so that viewers
//! that do not recalculate still show them, texts of several lines
//! wrapped, and highlighted rows.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Worksheet, XlsxError};

use crate::model::Date;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    /// A formula (with its leading `=`) and the result it computes.
    Formula(String, f64),
}

impl Value {
    /// The value as text, for a terminal or a label.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number(n) if n.fract() == 0.0 => format!("{n}"),
            Value::Number(n) => format!("{n:.1}"),
            Value::Date(d) => crate::model::dates::show(*d),
            Value::Formula(_, n) => format!("{n}"),
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Number(f64::from(n))
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<Option<Date>> for Value {
    fn from(date: Option<Date>) -> Self {
        date.map_or(Value::Empty, Value::Date)
    }
}

impl From<Option<f64>> for Value {
    fn from(n: Option<f64>) -> Self {
        n.map_or(Value::Empty, Value::Number)
    }
}

impl From<bool> for Value {
    fn from(yes: bool) -> Self {
        Value::Text(if yes { "是" } else { "否" }.to_owned())
    }
}

/// A table: header and rows, some of them highlighted.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Indices of rows to highlight (behind the campaign's requirements).
    pub highlighted: Vec<usize>,
    /// Indices of rows to set in bold (totals).
    pub bold: Vec<usize>,
    /// Columns kept in view when scrolling right (the 姓名 of a wide
    /// sheet); the header row always is.
    pub frozen_columns: u16,
}

impl Table {
    /// An empty table with these column headings.
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            ..Self::default()
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Value>) {
        self.rows.push(row);
    }
}

/// The display width of a text in Excel columns: East Asian characters
/// take two.
pub fn text_width(text: &str) -> usize {
    text.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum()
}

/// The Excel column letters of a 0-based column (0 → A, 26 → AA).
pub fn column_letter(mut col: u16) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (col % 26) as u8));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Excel's own format for a stored result (`12`, `12.5`).
fn result_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn excel_date(date: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
}

/// Each column's width in Excel's units: its widest line, heading or cell,
/// and a margin. Long texts (opinions, talk contents, a 备注) are capped at
/// 60; the cell still holds the whole text.
pub fn column_widths(table: &Table) -> Vec<f64> {
    let mut widths: Vec<usize> = table.header.iter().map(|h| text_width(h)).collect();
    for row in &table.rows {
        if widths.len() < row.len() {
            widths.resize(row.len(), 0);
        }
        for (width, value) in widths.iter_mut().zip(row) {
            *width = (*width).max(shown_width(value));
        }
    }
    widths.into_iter().map(|w| w.clamp(4, 60) as f64 + 2.0).collect()
}

/// How wide a value shows: a text by its longest line.
fn shown_width(value: &Value) -> usize {
    match value {
        Value::Empty => 0,
        Value::Text(text) => text.lines().map(text_width).max().unwrap_or(0),
        Value::Number(n) | Value::Formula(_, n) => result_text(*n).len(),
        Value::Date(_) => "2006-03-01".len(),
    }
}

/// Writes `table` into `sheet` (named `name`).
pub fn write_table(sheet: &mut Worksheet, name: &str, table: &Table) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8_E8_E8))
        .set_border_bottom(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let number = Format::new().set_num_format("0.##");
    let mark = Format::new().set_background_color(Color::RGB(0xFF_E0_B2));
    let plain = Format::new();
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (col, title) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &header)?;
    }
    for (i, row) in table.rows.iter().enumerate() {
        let r = i as u32 + 1;
        let highlighted = table.highlighted.contains(&i);
        let strong = table.bold.contains(&i);
        let with = |base: &Format| {
            let mut f = base.clone();
            if highlighted {
                f = f.set_background_color(Color::RGB(0xFF_E0_B2));
            }
            if strong {
                f = f.set_bold();
            }
            f
        };
        for (col, value) in row.iter().enumerate() {
            let c = col as u16;
            match value {
                Value::Empty if highlighted => {
                    sheet.write_blank(r, c, &mark)?;
                }
                Value::Empty => {}
                Value::Text(text) => {
                    // A text of several lines (a 备注) shows them all.
                    let lines = if text.contains('\n') { &wrapped } else { &plain };
                    sheet.write_string_with_format(r, c, text, &with(lines))?;
                }
                Value::Number(n) => {
                    sheet.write_number_with_format(r, c, *n, &with(&number))?;
                }
                Value::Date(d) => {
                    sheet.write_datetime_with_format(r, c, excel_date(*d)?, &with(&date))?;
                }
                Value::Formula(formula, result) => {
                    let formula = Formula::new(formula).set_result(result_text(*result));
                    sheet.write_formula_with_format(r, c, formula, &with(&number))?;
                }
            }
        }
    }
    for (col, width) in column_widths(table).into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, table.frozen_columns)?;
    // Printed: landscape, as wide as one page, the header on every page.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanzi_are_two_columns_wide_and_letters_roll_over() {
        assert_eq!(text_width("学时40"), 6);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(result_text(12.0), "12");
        assert_eq!(result_text(12.5), "12.5");
    }

    #[test]
    fn a_column_is_as_wide_as_its_longest_line_within_bounds() {
        let mut table = Table::new(&["姓名", "支委", "备注", "意见内容"]);
        table.push(vec![
            "𠮷秀英".into(),
            true.into(),
            "老支书，1995年起任村主任,\n家中老伴卧病".into(),
            "很长".repeat(40).into(),
        ]);
        table.push(vec![
            "李强".into(),
            Value::Empty,
            Value::Empty,
            Value::Date(Date::constant(2006, 3, 1)),
        ]);
        // 𠮷 is two columns wide like any hanzi; a yes/no column as wide
        // as its heading; the note by its longer first line (9 hanzi, a
        // full-width comma, 4 digits and a comma: 25); the opinion capped.
        assert_eq!(column_widths(&table), vec![8.0, 6.0, 27.0, 62.0]);
    }
}
