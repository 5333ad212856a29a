//! The county report to hand upward (先进性教育活动汇总报告): what a
//! county or township office sends the office above it, printed with the
//! same engine as the branch forms. In order: the title with the office
//! and the date; the totals (合计 and the average per branch of every
//! figure of the county table); the table per 上级党委 and the table per
//! branch, one part per 上级党委; the branches behind the requirements with
//! their reasons ([`crate::report::county::behind`]); the opinions
//! solicited, when the branches sent their records; and three charts —
//! each branch's class hours per member against its requirement, the
//! appraisal grades of the county, each branch's satisfaction rate against
//! its threshold — drawn as vector paths ([`charts`]).

mod charts;
#[cfg(test)]
mod tests;

use std::path::Path;

use super::super::compose::{Composer, Heading};
use super::super::layout::{Layout, Orientation};
use super::super::table::{Align, Cell, Col, Row, Table};
use super::super::{PrintError, show_date, write_pdf};
use crate::model::Date;
use crate::model::appraisal::Grade;
use crate::report::OutputRules;
use crate::report::county::groups::Grouping;
use crate::report::county::opinions::OpinionLedgers;
use crate::report::county::{BranchRow, Column, RollUp};
use crate::report::sheet::Value;
pub use charts::BAR_H;

/// The report's title.
pub const TITLE: &str = "先进性教育活动汇总报告";

/// What is reported and by whom.
pub struct Report<'a> {
    pub rollup: &'a RollUp,
    /// The opinion ledgers, when the roll-up read the branches' records.
    pub opinions: Option<&'a OpinionLedgers>,
    /// The office that reports (县先教办, 青山镇党委).
    pub office: &'a str,
    pub today: Date,
}

/// How many bars each chart drew, for the tests and the caller.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bars {
    pub hours: usize,
    pub grades: usize,
    pub satisfaction: usize,
}

const TEXT: f32 = 10.0;
/// The column of the branch table that marks a branch behind, and its mark.
const BEHIND_COLUMN: &str = "未达要求";
const BEHIND_MARK: &str = "是";
const SMALL: f32 = 8.0;

/// Lays the report out on A4.
pub fn layout(report: &Report<'_>) -> (Layout, Bars) {
    let office = office_name(report.office);
    let heading = Heading {
        branch: office.to_owned(),
        document: TITLE.to_owned(),
        printed: show_date(report.today),
    };
    let mut c = Composer::new(heading, Orientation::Portrait);
    let rollup = report.rollup;
    c.title(&format!("{office}{TITLE}"), 16.0);
    c.paragraph(
        &format!(
            "汇总单位：{office}　　汇总日期：{}　　汇总支部：{} 个",
            show_date(report.today),
            rollup.rows.len()
        ),
        TEXT,
        false,
    );
    c.space(6.0);
    section(&mut c, "一、总体情况");
    overview(&mut c, rollup);
    totals_table(rollup).place(&mut c);
    section(&mut c, "二、各上级党委汇总");
    superiors_table(rollup).place(&mut c);
    section(&mut c, "三、各支部情况");
    for group in rollup.groups(Grouping::Superior) {
        c.ensure(60.0);
        c.paragraph(&format!("{}（{} 个支部）", group.title, group.rows.len()), TEXT, false);
        let rows: Vec<&BranchRow> = group.rows.iter().filter_map(|&i| rollup.rows.get(i)).collect();
        branches_table(&rows).place(&mut c);
    }
    section(&mut c, "四、未达到活动要求的支部");
    behind_part(&mut c, rollup);
    if let Some(opinions) = report.opinions {
        section(&mut c, "五、征求意见情况");
        opinions_part(&mut c, opinions);
    }
    let bars = charts_part(&mut c, rollup, if report.opinions.is_some() { "六" } else { "五" });
    (c.finish(), bars)
}

/// The PDF of the report.
pub fn pdf(report: &Report<'_>) -> Result<Vec<u8>, PrintError> {
    super::super::render::pdf(&layout(report).0)
}

/// Writes the report to `path` where `rules` allow it, never over a file
/// rolled up or the keys file.
pub fn write(report: &Report<'_>, path: &Path, rules: &OutputRules) -> Result<(), PrintError> {
    let rules = report.rollup.output_rules(rules);
    // Refused before the work of laying out, as the workbook is.
    rules.check(path, crate::report::OutputKind::Pdf)?;
    write_pdf(path, &pdf(report)?, &rules)
}

fn office_name(office: &str) -> &str {
    let office = office.trim();
    if office.is_empty() { "县先教办" } else { office }
}

/// A part's heading, never alone at a page's foot.
fn section(c: &mut Composer, text: &str) {
    c.ensure(80.0);
    c.space(6.0);
    c.paragraph(text, 12.0, false);
    c.space(2.0);
}

/// A figure of the 合计 or 平均 row of `column`.
fn of(values: &[Value], column: Column) -> Value {
    Column::ALL
        .iter()
        .position(|c| *c == column)
        .and_then(|i| values.get(i).cloned())
        .unwrap_or(Value::Empty)
}

fn shown(value: &Value) -> String {
    match value {
        Value::Empty => "—".to_owned(),
        other => other.text(),
    }
}

/// The totals in a few sentences.
fn overview(c: &mut Composer, rollup: &RollUp) {
    let (t, a) = (rollup.totals(), rollup.averages());
    let behind = rollup.rows.iter().filter(|r| !r.behind.is_empty()).count();
    let grades: Vec<String> = [
        (Grade::Excellent, Column::Excellent),
        (Grade::Qualified, Column::Qualified),
        (Grade::Basic, Column::Basic),
        (Grade::Unqualified, Column::Unqualified),
    ]
    .iter()
    .map(|(g, col)| format!("{} {} 人", g.label(), shown(&of(&t, *col))))
    .collect();
    let text = format!(
        "本次汇总 {} 个支部，党员 {} 名。人均学时 {}（各支部平均），学时达标 {} 人，补学 {} 人；征求意见 {} 条，梳理为 {} 条，已反馈 {} 条；谈心谈话 {} 次；党性分析定稿 {} 份；评议等次：{}；整改承诺 {} 条，已完成 {} 条；满意率平均 {}%。未达到活动要求的支部 {} 个。",
        rollup.rows.len(),
        shown(&of(&t, Column::Members)),
        shown(&of(&a, Column::AverageHours)),
        shown(&of(&t, Column::HoursMet)),
        shown(&of(&t, Column::MadeUp)),
        shown(&of(&t, Column::Opinions)),
        shown(&of(&t, Column::Merged)),
        shown(&of(&t, Column::FedBack)),
        shown(&of(&t, Column::Talks)),
        shown(&of(&t, Column::AnalysesFinal)),
        grades.join("、"),
        shown(&of(&t, Column::Commitments)),
        shown(&of(&t, Column::CommitmentsDone)),
        shown(&of(&a, Column::Satisfaction)),
        behind,
    );
    c.paragraph(&text, TEXT, true);
    c.space(4.0);
}

/// 项目 | 合计 | 平均（每个支部）, every figure of the county table.
fn totals_table(rollup: &RollUp) -> Table {
    let (t, a) = (rollup.totals(), rollup.averages());
    let rows = Column::ALL
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_text())
        .map(|(i, c)| {
            let total = if c.is_average() { "—".to_owned() } else { shown(&t[i]) };
            Row::new(vec![
                Cell::Text(c.title().to_owned()),
                Cell::Text(total),
                Cell::Text(shown(&a[i])),
            ])
        })
        .collect();
    Table {
        cols: vec![
            Col::new("项目", 2.0, Align::Left),
            Col::new(format!("合计（{} 个支部）", rollup.rows.len()), 1.2, Align::Center),
            Col::new("平均（每个支部）", 1.2, Align::Center),
        ],
        rows,
        size: 9.0,
    }
}

/// The columns of the tables per 上级党委 and per branch.
const FIGURES: [Column; 8] = [
    Column::Members,
    Column::AverageHours,
    Column::Opinions,
    Column::Merged,
    Column::FedBack,
    Column::Talks,
    Column::AnalysesFinal,
    Column::Satisfaction,
];

fn figure_cols(first: Vec<Col>) -> Vec<Col> {
    let mut cols = first;
    cols.extend(FIGURES.iter().map(|c| Col::new(c.title(), 0.8, Align::Center)));
    cols
}

/// One line per 上级党委: its branches, its sums (averages for the rates)
/// and how many of its branches are behind; the county's total last.
fn superiors_table(rollup: &RollUp) -> Table {
    let line = |title: String, rows: &[usize], shaded: bool| {
        let sums = rollup.sum_over(rows, String::new());
        let means = rollup.mean_over(rows, String::new());
        let behind = rows
            .iter()
            .filter(|&&r| rollup.rows.get(r).is_some_and(|r| !r.behind.is_empty()))
            .count();
        let mut cells = vec![Cell::Text(title), Cell::Text(rows.len().to_string())];
        cells.extend(FIGURES.iter().map(|&c| {
            let v = if c.is_average() { of(&means, c) } else { of(&sums, c) };
            Cell::Text(shown(&v))
        }));
        cells.push(Cell::Text(behind.to_string()));
        Row {
            cells,
            shaded,
            min_height: 0.0,
        }
    };
    let mut rows: Vec<Row> = rollup
        .groups(Grouping::Superior)
        .into_iter()
        .map(|g| line(g.title, &g.rows, false))
        .collect();
    let all: Vec<usize> = (0..rollup.rows.len()).collect();
    rows.push(line("合计".to_owned(), &all, true));
    let mut cols = figure_cols(vec![
        Col::new("上级党委", 2.2, Align::Left),
        Col::new("支部数", 0.6, Align::Center),
    ]);
    cols.push(Col::new("未达要求支部", 0.8, Align::Center));
    Table { cols, rows, size: 8.0 }
}

/// One line per branch: its stage and figures.
fn branches_table(rows: &[&BranchRow]) -> Table {
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![
                Cell::Text((i + 1).to_string()),
                Cell::Text(row.branch.clone()),
                Cell::Text(row.figures.stage.title().to_owned()),
            ];
            cells.extend(FIGURES.iter().map(|c| Cell::Text(shown(&c.value(row)))));
            let behind = if row.behind.is_empty() { "" } else { BEHIND_MARK };
            cells.push(Cell::Text(behind.to_owned()));
            Row::new(cells)
        })
        .collect();
    let mut cols = figure_cols(vec![
        Col::new("序号", 0.4, Align::Center),
        Col::new("支部", 2.4, Align::Left),
        Col::new("当前阶段", 0.8, Align::Center),
    ]);
    cols.push(Col::new(BEHIND_COLUMN, 0.6, Align::Center));
    Table {
        cols,
        rows: body,
        size: SMALL,
    }
}

/// The branches behind, each with why.
fn behind_part(c: &mut Composer, rollup: &RollUp) {
    let behind: Vec<&BranchRow> = rollup.rows.iter().filter(|r| !r.behind.is_empty()).collect();
    if behind.is_empty() {
        c.paragraph("各支部均已达到所处阶段的活动要求。", TEXT, true);
        return;
    }
    c.paragraph(
        &format!(
            "共 {} 个支部未达到所处阶段的活动要求（上表“{BEHIND_COLUMN}”一列标“{BEHIND_MARK}”的支部），原因如下：",
            behind.len()
        ),
        TEXT,
        true,
    );
    c.space(4.0);
    let rows = behind
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Row::new(vec![
                Cell::Text((i + 1).to_string()),
                Cell::Text(r.branch.clone()),
                Cell::Text(r.superior.clone()),
                Cell::Text(r.behind.join("；")),
            ])
        })
        .collect();
    Table {
        cols: vec![
            Col::new("序号", 0.4, Align::Center),
            Col::new("支部", 2.0, Align::Left),
            Col::new("上级党委", 1.6, Align::Left),
            Col::new("未达要求的原因", 3.0, Align::Left),
        ],
        rows,
        size: SMALL,
    }
    .place(c);
}

/// The opinion ledgers' counts per branch and in total.
fn opinions_part(c: &mut Composer, opinions: &OpinionLedgers) {
    let total = opinions.total();
    c.paragraph(
        &format!(
            "报送了台账记录的 {} 个支部共{}，已反馈 {} 条，已签收 {} 条（这里计梳理后的全部意见，含对支部班子的；前面表中的“已反馈”只计对党员个人的意见）。各渠道：{}。",
            opinions.units.len(),
            total.sentence(),
            total.fed_back(),
            total.signed(),
            crate::model::opinion::Channel::ALL
                .iter()
                .zip(total.by_channel)
                .filter(|(_, n)| *n > 0)
                .map(|(ch, n)| format!("{} {n} 条", ch.label()))
                .collect::<Vec<_>>()
                .join("、")
        ),
        TEXT,
        true,
    );
    c.space(4.0);
    let line = |u: &crate::report::county::opinions::Counts, shaded: bool| Row {
        cells: vec![
            Cell::Text(u.branch.clone()),
            Cell::Text(u.raw.to_string()),
            Cell::Text(u.merged.to_string()),
            Cell::Text(u.fed_back().to_string()),
            Cell::Text(u.signed().to_string()),
            Cell::Text(u.by_status[0].to_string()),
        ],
        shaded,
        min_height: 0.0,
    };
    let mut rows: Vec<Row> = opinions.units.iter().map(|u| line(u, false)).collect();
    rows.push(line(&total, true));
    Table {
        cols: vec![
            Col::new("支部", 2.6, Align::Left),
            Col::new("征求意见", 0.8, Align::Center),
            Col::new("梳理为", 0.8, Align::Center),
            Col::new("已反馈", 0.8, Align::Center),
            Col::new("已签收", 0.8, Align::Center),
            Col::new("未反馈", 0.8, Align::Center),
        ],
        rows,
        size: SMALL,
    }
    .place(c);
}

/// The three charts, each on a fresh page.
fn charts_part(c: &mut Composer, rollup: &RollUp, number: &str) -> Bars {
    c.new_page();
    c.paragraph(&format!("{number}、图表"), 12.0, false);
    c.space(2.0);
    c.paragraph("（一）各支部人均学时与要求（单位：学时）", TEXT, false);
    let hours: Vec<charts::Bar> = rollup
        .rows
        .iter()
        .map(|r| {
            let l = r.figures.learning.as_ref();
            charts::Bar {
                label: r.branch.clone(),
                value: l.and_then(|l| l.average_hours),
                reference: l.map(|l| l.required_hours),
            }
        })
        .collect();
    let hours = charts::lying(
        c,
        &charts::Lying {
            unit: "",
            missing: "尚无学习记录",
            at_least: 40.0,
            reference_name: "要求的人均学时",
            bars: &hours,
        },
    );
    c.ensure(240.0);
    c.paragraph("（二）民主评议等次分布（全部支部合计）", TEXT, false);
    c.space(4.0);
    let t = rollup.totals();
    let grades: Vec<(&str, u32)> = [
        (Grade::Excellent, Column::Excellent),
        (Grade::Qualified, Column::Qualified),
        (Grade::Basic, Column::Basic),
        (Grade::Unqualified, Column::Unqualified),
    ]
    .iter()
    .map(|(g, col)| match of(&t, *col) {
        Value::Number(n) => (g.label(), n.max(0.0).round() as u32),
        _ => (g.label(), 0),
    })
    .collect();
    let grades = charts::standing(c, &grades, 140.0);
    c.ensure(120.0);
    c.paragraph("（三）各支部群众满意率与要求（单位：%）", TEXT, false);
    let rates: Vec<charts::Bar> = rollup
        .rows
        .iter()
        .map(|r| {
            let rect = r.figures.rectification.as_ref();
            charts::Bar {
                label: r.branch.clone(),
                value: rect.and_then(|r| r.latest_rate()),
                reference: rect.map(|r| r.satisfaction_threshold),
            }
        })
        .collect();
    let satisfaction = charts::lying(
        c,
        &charts::Lying {
            unit: "%",
            missing: "尚无满意度测评",
            at_least: 100.0,
            reference_name: "满意率要求（低于此须补课并重新测评）",
            bars: &rates,
        },
    );
    Bars {
        hours,
        grades,
        satisfaction,
    }
}
