//! Each member's checklist row (党员对照检查清单): one column per
//! requirement of the campaign so far, done or not, with the figure.
//! Later stages add their columns here; 概览 and `zhibu check` show the
//! same table. Its rows are the members on the roll and a member excused
//! from study meets the hours and reflections columns, as
//! [`roll`](super::roll) decides, so a column's total equals the figure of
//! the export and of 学时统计.

use std::collections::HashMap;

use crate::model::study_rules::show_hours;
use crate::model::{Ledger, Member, MemberId, Stage};
use crate::progress::appraisal::{MemberAppraisal, appraisal_of_all};
use crate::progress::hours::{MemberHours, hours_of_all};
use crate::progress::roll::{Reflections, Roll};

/// A requirement column of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The member has a category.
    Category,
    /// Birth date and joining date are on record.
    BasicFacts,
    /// A mobile member's whereabouts and contact (四个清楚).
    FourClears,
    /// Class hours against the requirement (学时 38/40).
    Hours,
    /// Reflections handed in (心得).
    Reflections,
    /// Opinions fed back and signed for (意见反馈).
    Feedback,
    /// Talks against the requirement (谈心 3/5).
    Talks,
    /// The party-spirit analysis (党性分析 定稿).
    Analysis,
    /// Democratic appraisal (评议).
    Appraisal,
    /// Rectification commitments done (整改 2/3).
    Rectification,
}

impl Column {
    /// Every column, in the order shown.
    pub const ALL: [Column; 10] = [
        Column::Category,
        Column::BasicFacts,
        Column::FourClears,
        Column::Hours,
        Column::Reflections,
        Column::Feedback,
        Column::Talks,
        Column::Analysis,
        Column::Appraisal,
        Column::Rectification,
    ];

    /// The stage from which the column is part of the checklist.
    pub fn from_stage(self) -> Stage {
        match self {
            Column::Category | Column::BasicFacts | Column::FourClears => Stage::Preparation,
            Column::Hours | Column::Reflections => Stage::Learning,
            Column::Feedback | Column::Talks | Column::Analysis | Column::Appraisal => Stage::Appraisal,
            Column::Rectification => Stage::Rectification,
        }
    }

    /// The column heading.
    pub fn title(self) -> &'static str {
        match self {
            Column::Category => "党员类别",
            Column::BasicFacts => "基本信息",
            Column::FourClears => "流动去向",
            Column::Hours => "学时",
            Column::Reflections => "心得",
            Column::Feedback => "意见反馈",
            Column::Talks => "谈心",
            Column::Analysis => "党性分析",
            Column::Appraisal => "评议",
            Column::Rectification => "整改",
        }
    }

    /// The heading in the export workbook's 党员情况 sheet, where the
    /// checklist follows the member's own fields: the two titles that are
    /// also field names there (党员类别, 流动去向) say what is checked
    /// instead, so that no heading of the sheet is written twice.
    pub fn sheet_title(self) -> &'static str {
        match self {
            Column::Category => "类别清楚",
            Column::FourClears => "去向清楚",
            other => other.title(),
        }
    }
}

/// One cell: met, unmet, or not applicable to this member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// `None` when the requirement does not apply to this member.
    pub done: Option<bool>,
    /// The figure or word shown in the cell.
    pub text: String,
}

impl Cell {
    fn yes(text: impl Into<String>) -> Self {
        Self {
            done: Some(true),
            text: text.into(),
        }
    }

    fn no(text: impl Into<String>) -> Self {
        Self {
            done: Some(false),
            text: text.into(),
        }
    }

    fn not_applicable() -> Self {
        Self {
            done: None,
            text: "—".to_owned(),
        }
    }
}

/// One member's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub member: MemberId,
    pub name: String,
    pub cells: Vec<Cell>,
}

impl Row {
    /// Whether every applicable requirement is met.
    pub fn complete(&self) -> bool {
        self.cells.iter().all(|c| c.done != Some(false))
    }
}

/// The whole checklist of current members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Checklist {
    /// For each column: members who meet it and members it applies to.
    pub fn totals(&self) -> Vec<(usize, usize)> {
        (0..self.columns.len())
            .map(|i| {
                let applicable = self.rows.iter().filter(|r| r.cells[i].done.is_some());
                let met = applicable.clone().filter(|r| r.cells[i].done == Some(true)).count();
                (met, applicable.count())
            })
            .collect()
    }
}

/// The checklist of every member still on the roster, with the columns of
/// the campaign so far.
pub fn checklist(ledger: &Ledger) -> Checklist {
    let stage = ledger.campaign.stage;
    let columns: Vec<Column> = Column::ALL.into_iter().filter(|c| c.from_stage() <= stage).collect();
    let hours: HashMap<MemberId, MemberHours> = if columns.contains(&Column::Hours) {
        hours_of_all(ledger).into_iter().map(|h| (h.member, h)).collect()
    } else {
        HashMap::new()
    };
    let roll = Roll::of(ledger);
    let reflections = Reflections::of(ledger, &roll);
    let appraisal: HashMap<MemberId, MemberAppraisal> = if columns.contains(&Column::Talks) {
        appraisal_of_all(ledger, None)
            .into_iter()
            .map(|a| (a.member, a))
            .collect()
    } else {
        HashMap::new()
    };
    let mut commitments: HashMap<MemberId, (usize, usize)> = HashMap::new();
    for c in &ledger.rectification.commitments {
        let entry = commitments.entry(c.member).or_default();
        entry.0 += usize::from(c.status == crate::model::rectification::ItemStatus::Done);
        entry.1 += 1;
    }
    let facts = Facts {
        commitments: &commitments,
        hours: &hours,
        appraisal: &appraisal,
        grading: ledger.campaign.settings.grading,
        reflections: &reflections,
    };
    let rows = ledger
        .members
        .iter()
        .filter(|m| roll.counts(m.id))
        .map(|m| Row {
            member: m.id,
            name: m.name.clone(),
            cells: columns.iter().map(|c| cell(*c, m, &facts)).collect(),
        })
        .collect();
    Checklist { columns, rows }
}

/// What the cells need beyond the member, computed once for all rows.
struct Facts<'a> {
    hours: &'a HashMap<MemberId, MemberHours>,
    appraisal: &'a HashMap<MemberId, MemberAppraisal>,
    grading: bool,
    reflections: &'a Reflections,
    /// Commitments of each member: (done, all).
    commitments: &'a HashMap<MemberId, (usize, usize)>,
}

fn cell(column: Column, member: &Member, facts: &Facts<'_>) -> Cell {
    if let Some(a) = facts.appraisal.get(&member.id)
        && let Some(cell) = appraisal_cell(column, a, facts.grading)
    {
        return cell;
    }
    match column {
        Column::Feedback | Column::Talks | Column::Analysis | Column::Appraisal => Cell::not_applicable(),
        Column::Rectification => match facts.commitments.get(&member.id) {
            None => Cell::no("无承诺"),
            Some(&(done, all)) if done == all => Cell::yes(format!("{done}/{all} 完成")),
            Some(&(done, all)) => Cell::no(format!("{done}/{all} 完成")),
        },
        Column::Hours => match facts.hours.get(&member.id) {
            Some(h) if h.exempt => Cell::yes("免学"),
            Some(h) => {
                let text = format!("{}/{}", show_hours(h.total()), show_hours(h.required));
                if h.met() { Cell::yes(text) } else { Cell::no(text) }
            }
            None => Cell::not_applicable(),
        },
        Column::Reflections => {
            let (count, required) = (facts.reflections.handed_in(member.id), facts.reflections.required());
            if count >= required {
                Cell::yes(format!("{count}/{required}"))
            } else if facts.reflections.met(member.id) {
                Cell::yes("免学")
            } else {
                Cell::no(format!("{count}/{required}"))
            }
        }
        Column::Category => match member.category {
            Some(c) => Cell::yes(c.label()),
            None => Cell::no("未分类"),
        },
        Column::BasicFacts => match (member.birth, member.joined) {
            (Some(_), Some(_)) => Cell::yes("齐全"),
            (None, None) => Cell::no("缺出生、入党日期"),
            (None, Some(_)) => Cell::no("缺出生日期"),
            (Some(_), None) => Cell::no("缺入党时间"),
        },
        Column::FourClears if !member.is_mobile() => Cell::not_applicable(),
        Column::FourClears => {
            let has_place = !member.mobile.whereabouts.trim().is_empty();
            let has_contact = !member.mobile.contact.trim().is_empty();
            match (has_place, has_contact) {
                (true, true) => Cell::yes("清楚"),
                (false, true) => Cell::no("缺去向"),
                (true, false) => Cell::no("缺联系方式"),
                (false, false) => Cell::no("缺去向和联系方式"),
            }
        }
    }
}

/// The cells of the appraisal stage's columns.
fn appraisal_cell(column: Column, a: &MemberAppraisal, grading: bool) -> Option<Cell> {
    let cell = match column {
        Column::Feedback if a.issues == 0 => Cell::yes("无意见"),
        Column::Feedback => {
            let text = format!("签收 {}/{}", a.signed, a.issues);
            if a.feedback_met() {
                Cell::yes(text)
            } else {
                Cell::no(text)
            }
        }
        Column::Talks => {
            let text = format!("{}/{}", a.talks, a.talks_required);
            if a.talks_met() { Cell::yes(text) } else { Cell::no(text) }
        }
        Column::Analysis => match a.analysis {
            None => Cell::no("未写"),
            Some(status) => {
                let text = if a.flexible {
                    format!("{}（灵活方式）", status.label())
                } else {
                    status.label().to_owned()
                };
                if a.analysis_final() {
                    Cell::yes(text)
                } else {
                    Cell::no(text)
                }
            }
        },
        Column::Appraisal => match a.grade {
            Some(grade) if a.appraised(grading) => Cell::yes(grade.label()),
            _ if a.appraised(grading) => Cell::yes("已评议"),
            Some(grade) => Cell::no(grade.label()),
            None if a.balloted => Cell::no(if grading { "未评定" } else { "未自评" }),
            None => Cell::no("未评议"),
        },
        _ => return None,
    };
    Some(cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::model::member::Category;

    #[test]
    fn rows_show_what_is_missing_and_totals_count_only_applicable_members() {
        let mut ledger = Ledger::default();
        ledger.members.push(Member {
            id: MemberId(1),
            name: "王建国".into(),
            category: Some(Category::Farmer),
            birth: Some(Date::constant(1960, 5, 1)),
            joined: Some(Date::constant(1985, 7, 1)),
            ..Member::default()
        });
        ledger.members.push(Member {
            id: MemberId(2),
            name: "李明".into(),
            category: Some(Category::Mobile),
            ..Member::default()
        });
        let list = checklist(&ledger);
        assert!(list.rows[0].complete());
        assert!(!list.rows[1].complete());
        assert_eq!(list.rows[1].cells[2].text, "缺去向和联系方式");
        assert_eq!(list.totals(), vec![(2, 2), (1, 2), (0, 1)]);
    }
}
