//! A plain table written to an Excel worksheet the way the county office
//! reads it: a bold header row frozen at the top, column widths that fit
//! the Chinese text (a hanzi is two columns wide), dates as real dates,
//! numbers as numbers, formulas with their results stored so that viewers
//! that do not recalculate still show them, texts of several lines
//! wrapped, and highlighted rows.
//!
//! A text longer than an Excel cell holds ([`CELL_LIMIT`]: a 评议意见 or a
//! 整改措施 pasted in whole) is cut to fit, with a note at its end in the
//! cell saying how much was left out, and the export goes on;
//! [`write_table`] returns each [`Cut`] so that the user is told which
//! record it was.

use std::borrow::Cow;
use std::collections::HashSet;

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Note, Worksheet, XlsxError};

use super::privacy::{self, Masked};
use crate::model::Date;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    /// A text; the words a sheet repeats in every row (出席, 是) borrowed
    /// rather than copied ([`Value::label`]): 学习考勤 of 100,000 members
    /// is ten million of them.
    Text(Cow<'static, str>),
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
            Value::Text(t) => t.to_string(),
            Value::Number(n) if n.fract() == 0.0 => format!("{n}"),
            Value::Number(n) => format!("{n:.1}"),
            Value::Date(d) => crate::model::dates::show(*d),
            Value::Formula(_, n) => format!("{n}"),
        }
    }
}

impl Value {
    /// A fixed word (a label of the program's), not copied.
    pub const fn label(text: &'static str) -> Self {
        Value::Text(Cow::Borrowed(text))
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(Cow::Owned(text.to_owned()))
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(Cow::Owned(text))
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
        Value::label(if yes { "是" } else { "否" })
    }
}

/// A table: header and rows, some of them highlighted.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Which record each row is, in words ("张三", "2006-03-01 谈心谈话"),
    /// for the message when a text of it is cut ([`Cut::record`]). A row
    /// without one is named by its first cell.
    pub records: Vec<String>,
    /// Indices of rows to highlight (behind the campaign's requirements).
    pub highlighted: Vec<usize>,
    /// Indices of rows to set in bold (totals).
    pub bold: Vec<usize>,
    /// Columns kept in view when scrolling right (the 姓名 of a wide
    /// sheet); the header row always is.
    pub frozen_columns: u16,
    /// Notes on headings, by column: what a short heading stands for (a
    /// study session's topic under its date), shown on hover in Excel
    /// and WPS.
    pub header_notes: Vec<(usize, String)>,
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

    /// Adds a row that is the record named `record` (see [`Table::records`]).
    pub fn push_record(&mut self, record: impl Into<String>, row: Vec<Value>) {
        self.records.resize(self.rows.len(), String::new());
        self.records.push(record.into());
        self.rows.push(row);
    }

    /// Masks the phone numbers and 身份证号 in every text of the table —
    /// headings, their notes and text cells ([`privacy::mask_text`]) —
    /// and says how many there were.
    pub fn mask_numbers(&mut self) -> Masked {
        let mut masked = Masked::default();
        let mut mask = |text: &mut String| {
            if let Cow::Owned(new) = privacy::mask_text(text, &mut masked) {
                *text = new;
            }
        };
        self.header.iter_mut().for_each(&mut mask);
        self.header_notes.iter_mut().for_each(|(_, note)| mask(note));
        for row in &mut self.rows {
            for value in row {
                // A borrowed text is one of the program's own labels (出席,
                // 已提交, …): nothing a user typed.
                if let Value::Text(Cow::Owned(text)) = value
                    && let Cow::Owned(new) = privacy::mask_text(text, &mut masked)
                {
                    *text = new;
                }
            }
        }
        masked
    }

    /// The name of row `i` (0 = the first after the header).
    fn record(&self, i: usize) -> String {
        match self.records.get(i).filter(|name| !name.is_empty()) {
            Some(name) => name.clone(),
            None => self
                .rows
                .get(i)
                .and_then(|row| row.first())
                .map(|first| first.text().chars().take(20).collect())
                .unwrap_or_default(),
        }
    }
}

/// The most an Excel cell holds: 32,767 UTF-16 code units (a hanzi of the
/// basic plane is one, 𠮷 two), as Excel and rust_xlsxwriter count them.
pub const CELL_LIMIT: usize = 32_767;

/// A text cut to fit a cell ([`CELL_LIMIT`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The worksheet.
    pub sheet: String,
    /// The row as Excel numbers it (the header row is 1).
    pub row: u32,
    /// The column's heading ("评议意见"); for a heading that is itself
    /// cut, its first characters.
    pub column: String,
    /// Whose or which record the row is ("张三"); empty for the header.
    pub record: String,
    /// Characters of the whole text.
    pub chars: usize,
    /// Characters of it not written.
    pub left_out: usize,
}

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let whose = if self.record.is_empty() {
            String::new()
        } else {
            format!("（{}）", self.record)
        };
        write!(
            f,
            "工作表“{}”第 {} 行{whose}的“{}”共 {} 字，超出 Excel 单元格上限，后 {} 字未写入工作簿（全文仍在台账中）",
            self.sheet, self.row, self.column, self.chars, self.left_out
        )
    }
}

/// The note that ends a cut text: how many characters are not in the cell.
fn cut_note(left_out: usize) -> String {
    format!("……（以下 {left_out} 字超出 Excel 单元格上限，未写入；全文见台账）")
}

/// `text` as it fits a cell: whole, or its beginning with [`cut_note`] at
/// the end and the number of characters left out.
pub fn fit_cell(text: &str) -> (Cow<'_, str>, Option<usize>) {
    // A UTF-16 unit takes at least one byte of UTF-8.
    if text.len() <= CELL_LIMIT || utf16_len(text) <= CELL_LIMIT {
        return (Cow::Borrowed(text), None);
    }
    let chars = text.chars().count();
    // The note is longest when everything is left out.
    let room = CELL_LIMIT - utf16_len(&cut_note(chars));
    let mut used = 0;
    let mut end = 0;
    let mut kept = 0;
    for (at, c) in text.char_indices() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        end = at + c.len_utf8();
        kept += 1;
    }
    let left_out = chars - kept;
    (
        Cow::Owned(format!("{}{}", &text[..end], cut_note(left_out))),
        Some(left_out),
    )
}

/// `text` as it fits its cell; when cut, the cut is added to `cuts`, at
/// the place `at` makes.
fn fitted<'a>(text: &'a str, cuts: &mut Vec<Cut>, at: impl FnOnce() -> Cut) -> Cow<'a, str> {
    let (fitted, left_out) = fit_cell(text);
    if let Some(left_out) = left_out {
        cuts.push(Cut {
            chars: text.chars().count(),
            left_out,
            ..at()
        });
    }
    fitted
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
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

/// A cell format in its four variants: as it is, on a highlighted row, in
/// bold, and both; made once per sheet rather than once per cell.
struct Variants([Format; 4]);

impl Variants {
    fn of(base: Format) -> Self {
        let mark = |f: Format| f.set_background_color(Color::RGB(0xFF_E0_B2));
        Self([
            base.clone(),
            mark(base.clone()),
            base.clone().set_bold(),
            mark(base.set_bold()),
        ])
    }

    fn get(&self, highlighted: bool, strong: bool) -> &Format {
        &self.0[usize::from(highlighted) | usize::from(strong) << 1]
    }
}

/// Writes `table` into `sheet` (named `name`). Returns the texts cut to
/// fit their cells, in the order written.
///
/// Rows are written in order, top to bottom and left to right, and the
/// column widths before them, so that `sheet` may be a constant-memory
/// worksheet.
pub fn write_table(sheet: &mut Worksheet, name: &str, table: &Table) -> Result<Vec<Cut>, XlsxError> {
    sheet.set_name(name)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8_E8_E8))
        .set_border_bottom(FormatBorder::Thin);
    let date = Variants::of(Format::new().set_num_format("yyyy-mm-dd"));
    let number = Variants::of(Format::new().set_num_format("0.##"));
    let plain = Variants::of(Format::new());
    let wrapped = Variants::of(Format::new().set_text_wrap().set_align(FormatAlign::Top));
    let mark = plain.get(true, false);
    let highlighted_rows: HashSet<usize> = table.highlighted.iter().copied().collect();
    let bold_rows: HashSet<usize> = table.bold.iter().copied().collect();
    // Column widths and frozen panes go before the cells in the sheet's
    // file: set first, as a constant-memory sheet needs.
    for (col, width) in column_widths(table).into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, table.frozen_columns)?;
    let mut cuts = Vec::new();
    // Where a cut is, its lengths left for `fitted` to fill in.
    let place = |row: u32, col: usize, record: String| Cut {
        sheet: name.to_owned(),
        row: row + 1,
        column: table
            .header
            .get(col)
            .map_or("", String::as_str)
            .chars()
            .take(40)
            .collect(),
        record,
        chars: 0,
        left_out: 0,
    };
    for (col, title) in table.header.iter().enumerate() {
        let title = fitted(title, &mut cuts, || place(0, col, String::new()));
        sheet.write_string_with_format(0, col as u16, title, &header)?;
    }
    for (col, text) in &table.header_notes {
        let (text, _) = fit_cell(text);
        let note = Note::new(text).add_author_prefix(false).set_width(260);
        sheet.insert_note(0, *col as u16, &note)?;
    }
    for (i, row) in table.rows.iter().enumerate() {
        let r = i as u32 + 1;
        let highlighted = highlighted_rows.contains(&i);
        let strong = bold_rows.contains(&i);
        for (col, value) in row.iter().enumerate() {
            let c = col as u16;
            match value {
                Value::Empty if highlighted => {
                    sheet.write_blank(r, c, mark)?;
                }
                Value::Empty => {}
                Value::Text(text) => {
                    // A text of several lines (a 备注) shows them all.
                    let several = text.contains('\n');
                    let lines = if several { &wrapped } else { &plain };
                    let text = fitted(text, &mut cuts, || place(r, col, table.record(i)));
                    if several || highlighted || strong {
                        sheet.write_string_with_format(r, c, text, lines.get(highlighted, strong))?;
                    } else {
                        // The default format, without looking it up for
                        // each of a sheet's millions of plain cells.
                        sheet.write_string(r, c, text)?;
                    }
                }
                Value::Number(n) => {
                    sheet.write_number_with_format(r, c, *n, number.get(highlighted, strong))?;
                }
                Value::Date(d) => {
                    sheet.write_datetime_with_format(r, c, excel_date(*d)?, date.get(highlighted, strong))?;
                }
                Value::Formula(formula, result) => {
                    let formula = Formula::new(formula).set_result(result_text(*result));
                    sheet.write_formula_with_format(r, c, formula, number.get(highlighted, strong))?;
                }
            }
        }
    }
    // Printed: landscape, as wide as one page, the header on every page.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(cuts)
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

    #[test]
    fn a_text_that_fits_a_cell_is_left_whole() {
        let hanzi = "议".repeat(CELL_LIMIT);
        let (fitted, cut) = fit_cell(&hanzi);
        assert!(matches!(fitted, Cow::Borrowed(_)));
        assert_eq!(cut, None);
    }

    #[test]
    fn a_text_too_long_for_a_cell_is_cut_with_a_note_of_how_much_is_left_out() {
        let long = "整改措施".repeat(10_000);
        let (fitted, left_out) = fit_cell(&long);
        let left_out = left_out.expect("cut");
        assert!(utf16_len(&fitted) <= CELL_LIMIT, "{}", utf16_len(&fitted));
        let note = cut_note(left_out);
        assert!(fitted.ends_with(&note), "{}", &fitted[fitted.len() - 200..]);
        let kept = fitted.chars().count() - note.chars().count();
        assert_eq!(kept + left_out, 40_000);
        assert!(long.starts_with(fitted.strip_suffix(&note).unwrap()));
        // As full as the note allows.
        assert!(CELL_LIMIT - utf16_len(&fitted) < 5, "{}", utf16_len(&fitted));
        assert!(
            note.contains(&format!("以下 {left_out} 字超出 Excel 单元格上限")),
            "{note}"
        );
    }

    #[test]
    fn characters_outside_the_basic_plane_count_twice_and_are_never_split() {
        // 20,000 × 𠮷 is 40,000 UTF-16 units: over the limit at 20,000 chars.
        let long = "𠮷".repeat(20_000);
        let (fitted, left_out) = fit_cell(&long);
        let left_out = left_out.expect("cut");
        assert!(utf16_len(&fitted) <= CELL_LIMIT);
        let kept = fitted.strip_suffix(&cut_note(left_out)).unwrap();
        assert!(kept.chars().all(|c| c == '𠮷'));
        assert_eq!(kept.chars().count() + left_out, 20_000);
    }

    #[test]
    fn a_cut_cell_is_written_and_named_by_sheet_row_heading_and_record() {
        let mut table = Table::new(&["姓名", "评议意见"]);
        table.push_record("张伟", vec!["张伟".into(), "好".into()]);
        table.push_record("李强", vec!["李强".into(), "意".repeat(40_000).into()]);
        table.push(vec!["王芳".into(), "见".repeat(33_000).into()]);
        let mut book = rust_xlsxwriter::Workbook::new();
        let cuts = write_table(book.add_worksheet(), "民主评议", &table).expect("written");
        book.save_to_buffer().expect("the workbook is made");
        assert_eq!(
            cuts,
            vec![
                Cut {
                    sheet: "民主评议".into(),
                    row: 3,
                    column: "评议意见".into(),
                    record: "李强".into(),
                    chars: 40_000,
                    left_out: cuts[0].left_out,
                },
                Cut {
                    sheet: "民主评议".into(),
                    row: 4,
                    column: "评议意见".into(),
                    record: "王芳".into(),
                    chars: 33_000,
                    left_out: cuts[1].left_out,
                },
            ]
        );
        assert!(cuts[0].left_out > 40_000 - CELL_LIMIT, "{:?}", cuts[0]);
        assert_eq!(
            cuts[0].to_string(),
            format!(
                "工作表“民主评议”第 3 行（李强）的“评议意见”共 40000 字，超出 Excel 单元格上限，后 {} 字未写入工作簿（全文仍在台账中）",
                cuts[0].left_out
            )
        );
    }
}
