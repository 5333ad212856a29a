//! Subtotals of the county table: the rows added up per 上级党委 (the
//! township party committees a county groups its branches under) and per
//! roll-up file the rows came from, each with its totals, its averages and
//! how many of its branches are behind the requirements — in the workbook
//! (sheets 按上级党委 and 按汇总文件), in `zhibu county`'s printed table and
//! in the 县级汇总 screen.
//!
//! The subtotals are sheets of their own rather than lines inside 县级汇总:
//! a clerk sorts and filters that sheet in Excel or WPS, and subtotal lines
//! among the branches would be sorted in among them.

use std::path::Path;

use super::rollup_file::is_rollup;
use super::{Column, RollUp};
use crate::report::sheet::{Table, Value};

/// How rows are grouped for subtotals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// By 上级党委.
    Superior,
    /// By the roll-up file a row came from; rows from branch exports given
    /// directly form one group of their own.
    RollUpFile,
}

impl Grouping {
    /// The sheet's name and the heading of the printed part.
    pub fn title(self) -> &'static str {
        match self {
            Grouping::Superior => "按上级党委",
            Grouping::RollUpFile => "按汇总文件",
        }
    }
}

/// What the group of branch exports given directly is called.
const DIRECT: &str = "直接交来的支部导出文件";
/// What a row with no 上级党委 is grouped under.
const NO_SUPERIOR: &str = "（未填上级党委）";
/// How many names of branches behind a subtotal lists before 等.
const NAMES_LISTED: usize = 5;

/// One group of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The 上级党委, or the roll-up file.
    pub title: String,
    /// Its rows, indices into [`RollUp::rows`], in the table's order.
    pub rows: Vec<usize>,
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => Some(*n),
        _ => None,
    }
}

impl RollUp {
    /// The groups of rows: per 上级党委 in the table's order; per roll-up
    /// file by the file's path, the branch exports given directly last.
    pub fn groups(&self, by: Grouping) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let title = match by {
                Grouping::Superior if row.superior.trim().is_empty() => NO_SUPERIOR.to_owned(),
                Grouping::Superior => row.superior.trim().to_owned(),
                Grouping::RollUpFile if is_rollup(&row.path) => row.path.display().to_string(),
                Grouping::RollUpFile => DIRECT.to_owned(),
            };
            match groups.iter_mut().find(|g| g.title == title) {
                Some(group) => group.rows.push(i),
                None => groups.push(Group { title, rows: vec![i] }),
            }
        }
        if by == Grouping::RollUpFile {
            groups.sort_by(|a, b| (a.title == DIRECT, &a.title).cmp(&(b.title == DIRECT, &b.title)));
        }
        groups
    }

    /// Whether any row came from a roll-up file (so that the subtotals per
    /// roll-up file say something).
    pub fn has_rolled_rows(&self) -> bool {
        self.rows.iter().any(|r| is_rollup(Path::new(&r.path)))
    }

    /// The sum of every count column over `rows`, `label` in the first
    /// column; averages and words stay empty, but for the 未达要求 column,
    /// which says how many of them are behind.
    pub fn sum_over(&self, rows: &[usize], label: String) -> Vec<Value> {
        Column::ALL
            .iter()
            .map(|c| match c {
                Column::Branch => label.clone().into(),
                Column::Behind => self.behind_over(rows).into(),
                c if c.is_text() || c.is_average() => Value::Empty,
                c => Value::Number(rows.iter().filter_map(|&r| number(&c.value(&self.rows[r]))).sum()),
            })
            .collect()
    }

    /// The mean of every number column over those of `rows` that have it.
    pub fn mean_over(&self, rows: &[usize], label: String) -> Vec<Value> {
        Column::ALL
            .iter()
            .map(|c| match c {
                Column::Branch => label.clone().into(),
                c if c.is_text() => Value::Empty,
                c => {
                    let values: Vec<f64> = rows.iter().filter_map(|&r| number(&c.value(&self.rows[r]))).collect();
                    if values.is_empty() {
                        Value::Empty
                    } else {
                        Value::Number(values.iter().sum::<f64>() / values.len() as f64)
                    }
                }
            })
            .collect()
    }

    /// How many of `rows` are behind the requirements, and which.
    fn behind_over(&self, rows: &[usize]) -> String {
        let names: Vec<&str> = rows
            .iter()
            .map(|&r| &self.rows[r])
            .filter(|r| !r.behind.is_empty())
            .map(|r| r.branch.as_str())
            .collect();
        if names.is_empty() {
            return String::new();
        }
        let more = if names.len() > NAMES_LISTED { " 等" } else { "" };
        format!(
            "{}/{} 个支部未达要求：{}{more}",
            names.len(),
            rows.len(),
            names[..names.len().min(NAMES_LISTED)].join("、")
        )
    }

    /// The 小计 and 平均 lines of each group, in order.
    pub fn subtotals(&self, by: Grouping) -> Vec<(Group, [Vec<Value>; 2])> {
        self.groups(by)
            .into_iter()
            .map(|group| {
                let n = group.rows.len();
                let lines = [
                    self.sum_over(&group.rows, format!("小计：{}（{n} 个支部）", group.title)),
                    self.mean_over(&group.rows, format!("平均：{}", group.title)),
                ];
                (group, lines)
            })
            .collect()
    }

    /// The sheet of subtotals: each group's rows, then its 小计 and 平均
    /// (bold), and at the end the 合计 and 平均 of every row.
    pub fn group_table(&self, by: Grouping) -> Table {
        let titles: Vec<&str> = Column::ALL.iter().map(|c| c.title()).collect();
        let mut table = Table::new(&titles);
        let mut at = 0;
        for (group, lines) in self.subtotals(by) {
            for &r in &group.rows {
                if !self.rows[r].behind.is_empty() {
                    table.highlighted.push(at);
                }
                table.push(Column::ALL.iter().map(|c| c.value(&self.rows[r])).collect());
                at += 1;
            }
            for line in lines {
                table.bold.push(at);
                table.push(line);
                at += 1;
            }
        }
        table.bold.extend([at, at + 1]);
        table.push(self.totals());
        table.push(self.averages());
        table
    }
}
