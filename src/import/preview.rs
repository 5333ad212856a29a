//! What an import would do, shown to the user before anything changes.
//!
//! The preview lists how each column was understood, the members that
//! would be added (with warnings to check) and the rows that would be left
//! out, each with its row number as Excel shows it and the reason.

use std::collections::BTreeMap;

use super::header::{self, ColumnMapping, ImportField};
use super::row::{self, Column};
use super::{ImportError, Table};
use crate::model::validate::check_member;
use crate::model::{Date, Member};

/// A row that would be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    /// Row number as Excel shows it (1-based).
    pub line: usize,
    /// The member; its id is `MemberId(0)` until the edit core adds it
    /// (`edit::Command::AddMembers`) with a fresh one.
    pub member: Member,
    /// Things to check that do not stop the import, in Chinese.
    pub warnings: Vec<String>,
}

/// A row that would be left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// Row number as Excel shows it (1-based).
    pub line: usize,
    /// Why, in Chinese, starting with the row number:
    /// `第 7 行：出生日期“1965年13月”无法识别`.
    pub reason: String,
}

/// The outcome of reading the sheet, before the user confirms.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Row number (1-based, as Excel shows it) of the header row.
    pub header_row: usize,
    /// Every non-empty header cell, in sheet order.
    pub columns: Vec<ColumnMapping>,
    pub rows: Vec<PreviewRow>,
    pub skipped: Vec<SkippedRow>,
}

impl Preview {
    /// The members the import adds, in sheet order, without ids: what the
    /// window's 确认导入 and `zhibu import-members` hand to the edit core
    /// (`edit::Command::AddMembers`). Skipped rows are not among them.
    pub fn members(&self) -> Vec<Member> {
        self.rows.iter().map(|r| r.member.clone()).collect()
    }

    /// Columns with a header that is not understood (序号 left aside), to
    /// list as "未导入的列".
    pub fn unknown_columns(&self) -> impl Iterator<Item = &ColumnMapping> {
        self.columns.iter().filter(|c| c.field.is_none() && !c.is_serial())
    }

    /// Fields that no column fills, e.g. to say "表中没有入党时间列".
    pub fn missing_fields(&self, wanted: &[ImportField]) -> Vec<ImportField> {
        wanted
            .iter()
            .copied()
            .filter(|f| !self.columns.iter().any(|c| c.field == Some(*f)))
            .collect()
    }
}

/// Works out what importing `table` would add next to the `existing`
/// members. Fails only when no header row with a 姓名 column is found.
pub fn preview(table: &Table, existing: &[Member], today: Date) -> Result<Preview, ImportError> {
    let Some((header_index, columns)) = header::find_header(&table.rows) else {
        return Err(ImportError::NoHeader {
            sheet: table.sheet.clone(),
            path: table.path.clone(),
        });
    };
    let mapped: Vec<Column> = columns
        .iter()
        .filter_map(|c| {
            c.field.map(|field| Column {
                index: c.index,
                header: &c.header,
                field,
            })
        })
        .collect();
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for (index, cells) in table.rows.iter().enumerate().skip(header_index + 1) {
        let line = index + 1;
        let is_blank = mapped
            .iter()
            .all(|c| cells.get(c.index).is_none_or(super::Cell::is_empty));
        let repeats_header = mapped.iter().filter(|c| c.field == ImportField::Name).any(|c| {
            cells
                .get(c.index)
                .is_some_and(|cell| header::field_of(&cell.to_string()) == Some(ImportField::Name))
        });
        if is_blank || repeats_header {
            continue;
        }
        let mut result = row::read_row(cells, &mapped, today);
        if result.errors.is_empty() {
            for problem in check_member(&result.member, existing, today) {
                if problem.blocking {
                    result.errors.push(problem.message);
                } else {
                    result.warnings.push(problem.message);
                }
            }
        }
        if result.errors.is_empty() {
            rows.push(PreviewRow {
                line,
                member: result.member,
                warnings: result.warnings,
            });
        } else {
            skipped.push(SkippedRow {
                line,
                reason: format!("第 {line} 行：{}", result.errors.join("；")),
            });
        }
    }
    warn_duplicates_within(&mut rows);
    let header_row = header_index + 1;
    Ok(Preview {
        header_row,
        columns,
        rows,
        skipped,
    })
}

/// Flags rows of the sheet that share a name with another row.
fn warn_duplicates_within(rows: &mut [PreviewRow]) {
    let mut lines: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for row in rows.iter() {
        lines.entry(row.member.name.clone()).or_default().push(row.line);
    }
    for row in rows.iter_mut() {
        let Some(same) = lines.get(&row.member.name) else {
            continue;
        };
        let others: Vec<String> = same
            .iter()
            .filter(|l| **l != row.line)
            .map(|l| format!("第 {l} 行"))
            .collect();
        if !others.is_empty() {
            row.warnings
                .push(format!("与表中{}同名，请核对是否重复", others.join("、")));
        }
    }
}
