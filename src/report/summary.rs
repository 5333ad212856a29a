//! The figures as labelled lines (阶段 · 项目 · 数值), in the order the
//! county office reads them: the 汇总 sheet, the 导出 screen and
//! `zhibu check` all show these lines. A stage without records gives one
//! line saying so. Member counts are of the members on the roll; the line
//! of those transferred out says they are in none of them.

use super::sheet::Value;
use crate::model::dates::show;
use crate::model::{MemberStatus, Stage};
use crate::progress::figures::Figures;

/// One labelled figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 基本情况, 学习动员, 分析评议, 整改提高.
    pub section: &'static str,
    pub label: String,
    pub value: Value,
}

/// What a stage without records shows instead of figures.
pub const NO_RECORDS: &str = "尚无记录";

/// The lines of `figures`.
pub fn lines(figures: &Figures) -> Vec<Line> {
    let mut out = Vec::new();
    let mut push = |section: &'static str, label: &str, value: Value| {
        out.push(Line {
            section,
            label: label.to_owned(),
            value,
        });
    };
    let base = "基本情况";
    push(base, "统计日期", Value::Date(figures.date));
    push(base, "当前阶段", figures.stage.title().into());
    for m in &figures.moves {
        push(base, &format!("转入{}日期", m.to.title()), Value::Date(m.date));
    }
    if let Some(closed) = figures.closed {
        push(base, "验收日期", Value::Date(closed));
    }
    let m = &figures.members;
    push(base, "党员总数", m.total.into());
    push(base, MemberStatus::Full.label(), m.full.into());
    push(base, MemberStatus::Probationary.label(), m.probationary.into());
    push(base, "党员领导干部", m.leading_cadres.into());
    push(base, "困难党员", m.hardship.into());
    for (category, n) in &m.by_category {
        push(
            base,
            &format!("{}党员", category.label().trim_end_matches("党员")),
            (*n).into(),
        );
    }
    push(base, "未分类党员", m.uncategorised.into());
    push(base, "转入党员", m.transferred_in.into());
    push(base, "转出党员（不计入各项人数）", m.transferred_out.into());

    let s = Stage::Learning.title();
    match &figures.learning {
        None => push(s, NO_RECORDS, Value::Empty),
        Some(l) => {
            push(s, "召开动员大会", l.mobilisation_held.into());
            push(s, "出席动员大会人数", l.mobilisation_present.into());
            push(s, "集中学习次数", l.sessions.into());
            push(s, "参学人数", l.participants.into());
            push(s, "免学人数", l.exempt.into());
            push(s, "规定学时", l.required_hours.into());
            push(s, "人均学时", l.average_hours.into());
            push(s, "学时达标人数（含免学）", l.members_met.into());
            push(s, "补学学时", l.make_up_hours.into());
            push(s, "补学人数", l.members_made_up.into());
            push(s, "学习心得篇数", l.reflections.into());
            push(s, "心得达标人数（含免学）", l.members_reflected.into());
        }
    }

    let s = Stage::Appraisal.title();
    match &figures.appraisal {
        None => push(s, NO_RECORDS, Value::Empty),
        Some(a) => {
            push(s, "征求意见（条）", a.opinions_raw.into());
            for (channel, n) in &a.opinions_by_channel {
                push(s, &format!("其中{}", channel.label()), (*n).into());
            }
            push(s, "梳理为（条）", a.opinions_merged.into());
            push(s, "针对党员个人的意见", a.member_issues.into());
            push(s, "已反馈", a.fed_back.into());
            push(s, "已签收", a.signed.into());
            push(s, "逾期未反馈", a.feedback_overdue.into());
            push(s, "谈心谈话（次）", a.talk_cards.into());
            for (kind, n) in &a.talks_by_kind {
                push(s, &format!("其中{}", kind.label()), (*n).into());
            }
            push(s, "人均谈心次数", a.talks_average.into());
            push(s, "谈心未达要求人数", a.members_talks_below.into());
            push(s, "党性分析材料已写", a.analyses_written.into());
            push(s, "已审阅", a.analyses_reviewed.into());
            push(s, "已定稿", a.analyses_final.into());
            push(s, "灵活方式", a.analyses_flexible.into());
            push(s, "评定等次", a.grading.into());
            for (grade, n) in &a.grades {
                push(s, grade.label(), (*n).into());
            }
            push(s, "未评定", a.ungraded.into());
            for (disposition, n) in &a.dispositions {
                push(s, &format!("处置：{}", disposition.label()), (*n).into());
            }
        }
    }

    let s = Stage::Rectification.title();
    match &figures.rectification {
        None => push(s, NO_RECORDS, Value::Empty),
        Some(r) => {
            push(s, "整改承诺（条）", r.commitments.into());
            push(s, "承诺已完成", r.commitments_done.into());
            push(s, "承诺逾期", r.commitments_overdue.into());
            push(s, "作出承诺人数", r.members_committed.into());
            push(s, "支部整改事项", r.branch_items.into());
            push(s, "事项已完成", r.branch_items_done.into());
            push(s, "事项逾期", r.branch_items_overdue.into());
            push(s, "群众热盼问题", r.hot_problems.into());
            push(s, "群众热盼已解决", r.hot_problems_solved.into());
            push(s, "长效机制（项）", r.rules.into());
            push(s, "表彰党员", r.commendations.into());
            for (i, survey) in r.surveys.iter().enumerate() {
                let label = format!("第{}轮满意度测评（{}）满意率%", i + 1, show(survey.date));
                push(s, &label, survey.rate.into());
            }
        }
    }
    out
}
