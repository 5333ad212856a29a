//! What an import would do, shown to the user before anything changes.
//!
//! The preview lists how each column was understood, then each row in one
//! group: 新增 (not in the ledger), 更新 (in the ledger, with the fields
//! that change), 相同 (in the ledger as the sheet has it), 可能重复 (a name
//! shared with a member, nothing to prove it is the same person), the rows
//! that are not members (合计, 制表人, a repeated header) and the rows that
//! cannot be read (no name). Each carries its row number as Excel shows it
//! and the member's name, so a message says whom it is about.

use std::collections::{HashMap, HashSet};

use super::header::{self, ColumnMapping, ImportField};
use super::matching::{self, Match};
use super::row::{self, Column};
use super::{ImportError, Table};
use crate::model::validate::{Field, check_member};
use crate::model::{Date, Member, MemberStatus};

/// A row that names a member.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    /// Row number as Excel shows it (1-based).
    pub line: usize,
    /// The member as the row has it; its id is `MemberId(0)` (the edit core
    /// gives a new member a fresh one; an update keeps the ledger's, see
    /// [`Match::Update`]).
    pub member: Member,
    /// Things to check that do not stop the import, in Chinese, each about
    /// one field (`出生年月“1965年13月”无法识别，已留空`).
    pub warnings: Vec<String>,
    /// Whether the member is new, an update, the same, or a possible duplicate.
    pub matched: Match,
}

impl PreviewRow {
    /// Whom the row is about: `第 9 行 张保国`.
    pub fn heading(&self) -> String {
        format!("第 {} 行 {}", self.line, self.member.name)
    }

    /// For a possible duplicate: with whom, for the secretary to decide
    /// (`名册中已有同名党员：张三（1965-03-01 出生）`); past
    /// [`SHOWN_DUPLICATES`] members, the first of them and how many in all
    /// (`…等共 40 人`), so that the note stays short however many share the
    /// name.
    pub fn duplicate_note(&self, existing: &[Member]) -> Option<String> {
        let Match::PossibleDuplicate { ids } = &self.matched else {
            return None;
        };
        let wanted: HashSet<_> = ids.iter().collect();
        let who: Vec<String> = existing
            .iter()
            .filter(|m| wanted.contains(&m.id))
            .take(SHOWN_DUPLICATES)
            .map(|m| match m.birth {
                Some(birth) => format!("{}（{} 出生）", m.name, crate::model::dates::show(birth)),
                None => format!("{}（未填出生日期）", m.name),
            })
            .collect();
        let more = if ids.len() > SHOWN_DUPLICATES {
            format!("等共 {} 人", ids.len())
        } else {
            String::new()
        };
        Some(format!(
            "名册中已有同名党员：{}{more}，请核对是否同一人",
            who.join("、")
        ))
    }

    /// The row and its warnings as one line: `第 9 行 张保国：…；…`.
    pub fn warnings_line(&self) -> Option<String> {
        (!self.warnings.is_empty()).then(|| format!("{}：{}", self.heading(), self.warnings.join("；")))
    }
}

/// A row that cannot be imported (there is no name to import it under).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// Row number as Excel shows it (1-based).
    pub line: usize,
    /// Why, in Chinese, starting with the row number: `第 10 行：没有填写姓名`.
    pub reason: String,
}

/// A row that is not a member: a total, a signature line, a note, a
/// repeated header. Listed as 不是党员的行, never imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotMemberRow {
    /// Row number as Excel shows it (1-based).
    pub line: usize,
    /// What it looks like: `合计、签名或说明`, `重复的表头`.
    pub kind: &'static str,
    /// The row's filled cells, joined: `合计 25人`.
    pub text: String,
}

/// The outcome of reading the sheet, before the user confirms.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Row number (1-based, as Excel shows it) of the header row, the first
    /// of the two when the header spans two.
    pub header_row: usize,
    /// How many rows the header spans: 1, or 2 (merged cells, or column
    /// names under a group heading such as 基本情况).
    pub header_rows: usize,
    /// Every non-empty header cell, in sheet order.
    pub columns: Vec<ColumnMapping>,
    /// Every row that names a member, in sheet order, whatever its group.
    pub rows: Vec<PreviewRow>,
    pub not_members: Vec<NotMemberRow>,
    pub skipped: Vec<SkippedRow>,
}

impl Preview {
    /// The rows of one group (`Match::New`, …), in sheet order.
    fn group(&self, wanted: fn(&Match) -> bool) -> impl Iterator<Item = &PreviewRow> {
        self.rows.iter().filter(move |r| wanted(&r.matched))
    }

    /// 新增: members not in the ledger.
    pub fn new_rows(&self) -> impl Iterator<Item = &PreviewRow> {
        self.group(|m| matches!(m, Match::New))
    }

    /// 更新: members in the ledger whose fields the sheet changes.
    pub fn update_rows(&self) -> impl Iterator<Item = &PreviewRow> {
        self.group(|m| matches!(m, Match::Update { .. }))
    }

    /// 相同: members in the ledger just as the sheet has them.
    pub fn same_rows(&self) -> impl Iterator<Item = &PreviewRow> {
        self.group(|m| matches!(m, Match::Same { .. }))
    }

    /// 可能重复: rows sharing a name with a member, nothing more.
    pub fn duplicate_rows(&self) -> impl Iterator<Item = &PreviewRow> {
        self.group(|m| matches!(m, Match::PossibleDuplicate { .. }))
    }

    /// The groups in one sentence, the same in the window and on the
    /// command line: `新增 3 人，更新 1 人，相同 20 人，可能重复 1 人；不是党员的行 2 行，无法读取 0 行`.
    pub fn summary(&self) -> String {
        format!(
            "新增 {} 人，更新 {} 人，相同 {} 人，可能重复 {} 人；不是党员的行 {} 行，无法读取 {} 行",
            self.new_rows().count(),
            self.update_rows().count(),
            self.same_rows().count(),
            self.duplicate_rows().count(),
            self.not_members.len(),
            self.skipped.len()
        )
    }

    /// Where the header is: `第 3 行` or `第 3–4 行`.
    pub fn header_lines(&self) -> String {
        if self.header_rows > 1 {
            format!("第 {}–{} 行", self.header_row, self.header_row + self.header_rows - 1)
        } else {
            format!("第 {} 行", self.header_row)
        }
    }

    /// The members to add, in sheet order, without ids: the new rows, and
    /// the possible duplicates when the secretary said they are other
    /// people (`with_duplicates`).
    pub fn to_add(&self, with_duplicates: bool) -> Vec<Member> {
        self.rows
            .iter()
            .filter(|r| match r.matched {
                Match::New => true,
                Match::PossibleDuplicate { .. } => with_duplicates,
                Match::Update { .. } | Match::Same { .. } => false,
            })
            .map(|r| r.member.clone())
            .collect()
    }

    /// The ledger's members as the sheet updates them, ids kept.
    pub fn to_update(&self) -> Vec<Member> {
        self.rows
            .iter()
            .filter_map(|r| match &r.matched {
                Match::Update { member, .. } => Some(member.as_ref().clone()),
                _ => None,
            })
            .collect()
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

/// Works out what importing `table` would do next to the `existing`
/// members. Fails only when no header row with a 姓名 column is found.
pub fn preview(table: &Table, existing: &[Member], today: Date) -> Result<Preview, ImportError> {
    let Some(found) = header::find_header(&table.rows) else {
        return Err(ImportError::NoHeader {
            sheet: table.sheet.clone(),
            path: table.path.clone(),
        });
    };
    let columns = found.columns;
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
    let name_columns: Vec<usize> = mapped
        .iter()
        .filter(|c| c.field == ImportField::Name)
        .map(|c| c.index)
        .collect();
    let mut rows = Vec::new();
    let mut not_members = Vec::new();
    let mut skipped = Vec::new();
    let mut existing = matching::Existing::new(existing);
    for (index, cells) in table.rows.iter().enumerate().skip(found.first + found.rows) {
        let line = index + 1;
        if cells.iter().all(super::Cell::is_empty) {
            continue;
        }
        if let Some(kind) = header::not_a_member(cells, &name_columns) {
            let text: Vec<String> = cells
                .iter()
                .filter(|c| !c.is_empty())
                .map(ToString::to_string)
                .collect();
            not_members.push(NotMemberRow {
                line,
                kind,
                text: text.join(" "),
            });
            continue;
        }
        let is_blank = mapped
            .iter()
            .all(|c| cells.get(c.index).is_none_or(super::Cell::is_empty));
        if is_blank {
            continue;
        }
        let mut result = row::read_row(cells, &mapped, today);
        if !result.errors.is_empty() {
            skipped.push(SkippedRow {
                line,
                reason: format!("第 {line} 行：{}", result.errors.join("；")),
            });
            continue;
        }
        settle(&mut result, today);
        let matched = existing.find(&result.member, &result.given);
        rows.push(PreviewRow {
            line,
            member: result.member,
            warnings: result.warnings,
            matched,
        });
    }
    warn_duplicates_within(&mut rows);
    Ok(Preview {
        header_row: found.first + 1,
        header_rows: found.rows,
        columns,
        rows,
        not_members,
        skipped,
    })
}

/// The model's own checks on the row's member. What the model refuses (a
/// joining date in the future, before the birth …) is left empty with a
/// warning, so that the member is still imported.
fn settle(result: &mut row::RowResult, today: Date) {
    // Each pass empties at least one field, so this ends.
    for _ in 0..8 {
        let problems = check_member(&result.member, &[], today);
        let mut blocking = problems.iter().filter(|p| p.blocking).peekable();
        if blocking.peek().is_none() {
            result.warnings.extend(problems.into_iter().map(|p| p.message));
            return;
        }
        for problem in blocking {
            let m = &mut result.member;
            let (emptied, given) = match problem.field {
                Field::Birth => (std::mem::take(&mut m.birth).is_some(), ImportField::Birth),
                Field::Joined => (std::mem::take(&mut m.joined).is_some(), ImportField::Joined),
                Field::Phone => (!std::mem::take(&mut m.phone).is_empty(), ImportField::Phone),
                Field::IdNumber => (!std::mem::take(&mut m.id_number).is_empty(), ImportField::IdNumber),
                Field::ProbationDue => {
                    m.status = MemberStatus::Full;
                    (true, ImportField::Status)
                }
                Field::Name | Field::Mobile | Field::TransferOut => (false, ImportField::Notes),
            };
            if emptied {
                result.given.retain(|f| *f != given);
                let what = if given == ImportField::Status {
                    "暂按正式党员导入"
                } else {
                    "已留空"
                };
                result.warnings.push(format!("{}，{what}", problem.message));
            }
        }
    }
}

/// How many other rows (or members) a duplicate warning names; past
/// this it gives the count instead, so that one name repeated over a long
/// sheet warns in a line, not in a list of every row.
pub const SHOWN_DUPLICATES: usize = 3;

/// Flags rows of the sheet that share a name with another row: the first
/// few other rows in sheet order (`与表中第 2 行、第 3 行同名`), and past
/// [`SHOWN_DUPLICATES`] the count of all of them (`…等共 19999 行同名`).
/// The rows are grouped by name once, so the work is linear in the rows.
fn warn_duplicates_within(rows: &mut [PreviewRow]) {
    let mut lines: HashMap<&str, Vec<usize>> = HashMap::new();
    for row in rows.iter() {
        lines.entry(row.member.name.as_str()).or_default().push(row.line);
    }
    let warnings: Vec<Option<String>> = rows
        .iter()
        .map(|row| {
            let same = lines.get(row.member.name.as_str())?;
            same_name_warning(same, row.line)
        })
        .collect();
    for (row, warning) in rows.iter_mut().zip(warnings) {
        row.warnings.extend(warning);
    }
}

/// The warning for the row at `line`, among the `same` lines (in sheet
/// order, `line` one of them) of rows with its name.
fn same_name_warning(same: &[usize], line: usize) -> Option<String> {
    let others = same.len().checked_sub(1).filter(|n| *n > 0)?;
    let shown: Vec<String> = same
        .iter()
        .filter(|l| **l != line)
        .take(SHOWN_DUPLICATES)
        .map(|l| format!("第 {l} 行"))
        .collect();
    let more = if others > SHOWN_DUPLICATES {
        format!("等共 {others} 行")
    } else {
        String::new()
    };
    Some(format!("与表中{}{more}同名，请核对是否重复", shown.join("、")))
}
