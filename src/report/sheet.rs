//! A plain table written to an Excel worksheet the way the county office
//! reads it: a bold header row frozen at the top, column widths that fit
//! the Chinese text (a hanzi is two columns wide), dates as real dates,
//! numbers as numbers, formulas with their results stored so that viewers
//! that do not recalculate still show them, and highlighted rows.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Formula, Worksheet, XlsxError};

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
    let mut widths: Vec<usize> = table.header.iter().map(|h| text_width(h)).collect();
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
            if widths.len() <= col {
                widths.resize(col + 1, 0);
            }
            let shown = match value {
                Value::Empty => {
                    if highlighted {
                        sheet.write_blank(r, c, &mark)?;
                    }
                    0
                }
                Value::Text(text) => {
                    sheet.write_string_with_format(r, c, text, &with(&Format::new()))?;
                    text.lines().map(text_width).max().unwrap_or(0)
                }
                Value::Number(n) => {
                    sheet.write_number_with_format(r, c, *n, &with(&number))?;
                    result_text(*n).len()
                }
                Value::Date(d) => {
                    sheet.write_datetime_with_format(r, c, excel_date(*d)?, &with(&date))?;
                    10
                }
                Value::Formula(formula, result) => {
                    let formula = Formula::new(formula).set_result(result_text(*result));
                    sheet.write_formula_with_format(r, c, formula, &with(&number))?;
                    result_text(*result).len()
                }
            };
            widths[col] = widths[col].max(shown);
        }
    }
    for (col, width) in widths.iter().enumerate() {
        // Long texts (opinions, talk contents) are capped; the cell still
        // holds the whole text.
        let width = (*width).clamp(4, 60) as f64 + 2.0;
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
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
}
