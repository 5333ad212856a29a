//! Roster workbooks as branches keep them, written with rust_xlsxwriter,
//! for the import tests on their own (`import_sheets`) and through the
//! 导入名册表格 window (`ui_roster`).
// Test helpers: a failed unwrap is a failed test, with its place.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, Worksheet};

/// The header of a plain roster, as many township templates have it.
pub const HEADER: [&str; 8] = [
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "入党时间",
    "党员类别",
    "联系电话",
    "身份证号码",
];

/// Writes text rows from `first_line` (1-based, as Excel shows it); an
/// empty string leaves the cell empty.
pub fn write_rows(sheet: &mut Worksheet, first_line: u32, rows: &[&[&str]]) {
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(first_line - 1 + r as u32, c as u16, *text).unwrap();
            }
        }
    }
}

/// `封面在前.xlsx` in `dir`: a 填表说明 cover first, the roster (one
/// member, 王秀英, born 1965.03) on the second sheet, 党员名册, and an
/// empty 汇总 last.
pub fn cover_then_roster(dir: &Path) -> PathBuf {
    let mut book = Workbook::new();
    let cover = book.add_worksheet().set_name("填表说明").unwrap();
    write_rows(
        cover,
        1,
        &[
            &["填表说明"],
            &["1. 姓名、性别、出生年月须与身份证一致；"],
            &["2. 入党时间以组织批准时间为准。"],
        ],
    );
    let roster = book.add_worksheet().set_name("党员名册").unwrap();
    write_rows(
        roster,
        1,
        &[&HEADER, &["1", "王秀英", "女", "1965.03", "1990-07-01", "", "", ""]],
    );
    book.add_worksheet().set_name("汇总").unwrap();
    let path = dir.join("封面在前.xlsx");
    book.save(&path).unwrap();
    path
}
