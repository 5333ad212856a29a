//! The rules of the rectification stage's records, each with the message
//! the secretary reads: commitments and branch items (a problem, a measure,
//! a deadline, and a completion date only once done), long-term rules,
//! survey counts that must add up, commendations, the follow-up of
//! dispositions, and the sign-off that closes the campaign.

use super::appraisal_rules::MAX_TEXT_CHARS;
use super::campaign::{Closing, Reopening};
use super::rectification::{
    BranchItem, Commendation, Commitment, INVALID_BALLOT, ItemStatus, Rule, Survey, SurveyAnswer, SurveyCounts,
};
use super::study_rules::{campaign_bounds, count_chars};
use super::{Date, Ledger, MemberId};

/// The longest summary kept, in characters.
pub const MAX_SUMMARY_CHARS: u32 = 200_000;
/// More ballots than this in one survey is a typing slip.
pub const MAX_SURVEY_BALLOTS: u32 = 1_000_000;
/// Unfinished items whose deadline is this close count as due soon (临期).
pub const DUE_SOON_DAYS: i64 = 7;

fn check_length(text: &str, what: &str, max: u32) -> Result<(), String> {
    let n = count_chars(text);
    if n > max {
        return Err(format!("{what}太长（{n} 字），最多 {max} 字"));
    }
    Ok(())
}

fn required(text: &str, message: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(message.to_owned());
    }
    Ok(())
}

/// A date of this stage's work cannot be before the campaign began.
fn check_not_before_campaign(date: Date, what: &str, ledger: &Ledger) -> Result<(), String> {
    if let (Some(start), _) = campaign_bounds(&ledger.campaign.plan)
        && date < start
    {
        return Err(format!(
            "{what} {} 早于活动开始（{}）",
            super::dates::show(date),
            super::dates::show(start)
        ));
    }
    Ok(())
}

fn check_member(member: MemberId, ledger: &Ledger) -> Result<(), String> {
    if ledger.member(member).is_none() {
        return Err("这名党员已不在名册中".to_owned());
    }
    Ok(())
}

/// The status, completion date and evidence of an item agree: a completion
/// date only for a done item, and a done item has one.
fn check_progress(
    status: ItemStatus,
    completed: Option<Date>,
    deadline: Option<Date>,
    ledger: &Ledger,
) -> Result<(), String> {
    match (status, completed) {
        (ItemStatus::Done, None) => return Err("已完成的事项请填写完成日期".to_owned()),
        (ItemStatus::NotStarted | ItemStatus::InProgress, Some(_)) => {
            return Err(format!(
                "尚未完成的事项不能填写完成日期（完成后再把状态改为“{}”）",
                ItemStatus::Done.label()
            ));
        }
        _ => {}
    }
    if let Some(deadline) = deadline {
        check_not_before_campaign(deadline, "完成时限", ledger)?;
    }
    if let Some(completed) = completed {
        check_not_before_campaign(completed, "完成日期", ledger)?;
    }
    Ok(())
}

/// A member's commitment: whose, what problem, what measure, by when.
pub fn check_commitment(c: &Commitment, ledger: &Ledger) -> Result<(), String> {
    check_member(c.member, ledger)?;
    required(&c.problem, "请填写存在的问题")?;
    required(&c.measure, "请填写整改措施")?;
    if c.deadline.is_none() {
        return Err("请填写完成时限".to_owned());
    }
    required(&c.responsible, "请填写责任人")?;
    for (text, what) in [
        (&c.problem, "问题"),
        (&c.measure, "整改措施"),
        (&c.responsible, "责任人"),
        (&c.evidence, "完成情况"),
        (&c.verified_by, "核实人"),
        (&c.note, "说明"),
    ] {
        check_length(text, what, MAX_TEXT_CHARS)?;
    }
    check_progress(c.status, c.completed, c.deadline, ledger)
}

/// A branch item: a problem, a measure, a responsible person, and a
/// deadline unless it is fixed at once; a done item says what came of it.
pub fn check_branch_item(item: &BranchItem, ledger: &Ledger) -> Result<(), String> {
    required(&item.problem, "请填写问题")?;
    required(&item.measure, "请填写整改措施")?;
    required(&item.responsible, "请填写责任人")?;
    if !item.immediate && item.deadline.is_none() {
        return Err("限期整改的事项请填写完成时限".to_owned());
    }
    if item.status == ItemStatus::Done && item.result.trim().is_empty() {
        return Err("已完成的事项请填写整改结果".to_owned());
    }
    if item
        .sources
        .iter()
        .any(|id| !ledger.opinions.issues.iter().any(|i| i.id == *id))
    {
        return Err("所依据的意见已被删除，请重新选择".to_owned());
    }
    for (text, what) in [
        (&item.problem, "问题"),
        (&item.measure, "整改措施"),
        (&item.responsible, "责任人"),
        (&item.result, "整改结果"),
        (&item.note, "说明"),
    ] {
        check_length(text, what, MAX_TEXT_CHARS)?;
    }
    check_progress(item.status, item.completed, item.deadline, ledger)
}

/// A long-term rule: a name and the day it was adopted.
pub fn check_rule(rule: &Rule, ledger: &Ledger) -> Result<(), String> {
    required(&rule.name, "请填写制度名称")?;
    let Some(adopted) = rule.adopted else {
        return Err("请填写制度的通过日期".to_owned());
    };
    check_not_before_campaign(adopted, "通过日期", ledger)?;
    check_length(&rule.name, "制度名称", 200)?;
    check_length(&rule.summary, "主要内容", MAX_TEXT_CHARS)
}

fn check_counts(counts: &SurveyCounts, returned: u32, what: &str) -> Result<(), String> {
    let total = u64::from(counts.valid()) + u64::from(counts.invalid);
    if total != u64::from(returned) {
        let answers: Vec<String> = SurveyAnswer::ALL
            .iter()
            .map(|&answer| format!("{} {}", answer.label(), counts.of(answer)))
            .collect();
        return Err(format!(
            "{what}：{} + {INVALID_BALLOT} {} = {total}，与收回 {returned} 张对不上",
            answers.join(" + "),
            counts.invalid
        ));
    }
    Ok(())
}

/// A survey round: when, who was asked, and counts that add up.
pub fn check_survey(survey: &Survey, ledger: &Ledger) -> Result<(), String> {
    check_not_before_campaign(survey.date, "测评日期", ledger)?;
    required(&survey.respondents, "请填写参加测评的对象，如“村民代表”")?;
    check_length(&survey.respondents, "测评对象", 500)?;
    check_length(&survey.note, "说明", MAX_TEXT_CHARS)?;
    if survey.issued > MAX_SURVEY_BALLOTS {
        return Err(format!("发出 {} 张测评表太多，请检查是否多打了数字", survey.issued));
    }
    if survey.returned > survey.issued {
        return Err(format!("收回 {} 张多于发出 {} 张", survey.returned, survey.issued));
    }
    if survey.returned == 0 {
        return Err("收回的测评表为 0 张，无法计算满意率".to_owned());
    }
    check_counts(&survey.counts, survey.returned, "总体评价")?;
    if survey.counts.valid() == 0 {
        return Err("没有有效票，无法计算满意率".to_owned());
    }
    for (i, item) in survey.items.iter().enumerate() {
        let name = if item.name.trim().is_empty() {
            return Err(format!("第 {} 个测评项目请填写名称", i + 1));
        } else {
            item.name.trim()
        };
        check_counts(&item.counts, survey.returned, name)?;
    }
    Ok(())
}

/// A commendation: whom, with what title.
pub fn check_commendation(c: &Commendation, ledger: &Ledger) -> Result<(), String> {
    check_member(c.member, ledger)?;
    required(&c.title, "请填写表彰名称，如“优秀共产党员”")?;
    check_length(&c.title, "表彰名称", 200)?;
    if let Some(date) = c.date {
        check_not_before_campaign(date, "表彰日期", ledger)?;
    }
    Ok(())
}

/// The summary: any length up to the limit.
pub fn check_summary(text: &str) -> Result<(), String> {
    check_length(text, "工作总结", MAX_SUMMARY_CHARS)
}

/// The sign-off that closes the campaign: who accepted, who archived, and
/// a date not before the branch entered the rectification stage.
pub fn check_closing(closing: &Closing, ledger: &Ledger) -> Result<(), String> {
    required(&closing.accepted_by, "请填写验收人（督导组或上级党委）")?;
    required(&closing.archived_by, "请填写归档人")?;
    check_length(&closing.note, "说明", MAX_TEXT_CHARS)?;
    let entered = ledger
        .campaign
        .moves
        .iter()
        .rev()
        .find(|m| m.to == super::Stage::Rectification)
        .map(|m| m.date);
    if let Some(entered) = entered
        && closing.accepted < entered
    {
        return Err(format!(
            "验收日期 {} 早于转入整改提高阶段的日期（{}）",
            super::dates::show(closing.accepted),
            super::dates::show(entered)
        ));
    }
    Ok(())
}

/// A reopening: who and why.
pub fn check_reopening(reopening: &Reopening) -> Result<(), String> {
    required(&reopening.by, "请填写重新打开台账的人")?;
    required(&reopening.reason, "请写明重新打开的理由")?;
    check_length(&reopening.reason, "理由", MAX_TEXT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rectification::{SurveyItem, is_due_soon, is_overdue};
    use crate::model::{Member, SurveyId};

    fn ledger() -> Ledger {
        let mut l = Ledger::default();
        l.members.push(Member {
            id: MemberId(1),
            name: "张三".into(),
            ..Member::default()
        });
        l
    }

    fn commitment() -> Commitment {
        Commitment {
            member: MemberId(1),
            problem: "学习不够深入".into(),
            measure: "每周读书两小时".into(),
            deadline: Some(Date::constant(2006, 5, 31)),
            responsible: "张三".into(),
            ..Commitment::default()
        }
    }

    #[test]
    fn a_commitment_needs_problem_measure_deadline_and_a_completion_date_only_when_done() {
        let l = ledger();
        assert_eq!(check_commitment(&commitment(), &l), Ok(()));
        let mut c = commitment();
        c.deadline = None;
        assert!(check_commitment(&c, &l).unwrap_err().contains("时限"));
        let mut c = commitment();
        c.measure = " ".into();
        assert!(check_commitment(&c, &l).unwrap_err().contains("措施"));
        let mut c = commitment();
        c.status = ItemStatus::Done;
        assert!(check_commitment(&c, &l).unwrap_err().contains("完成日期"));
        c.completed = Some(Date::constant(2006, 4, 1));
        assert_eq!(check_commitment(&c, &l), Ok(()));
        c.status = ItemStatus::InProgress;
        assert!(check_commitment(&c, &l).is_err());
        let mut c = commitment();
        c.member = MemberId(9);
        assert!(check_commitment(&c, &l).is_err());
    }

    #[test]
    fn overdue_and_due_soon_follow_the_clock_and_done_items_never_are() {
        let deadline = Some(Date::constant(2006, 5, 31));
        let on = |y, m, d| Date::constant(y, m, d);
        assert!(!is_overdue(deadline, ItemStatus::InProgress, on(2006, 5, 31)));
        assert!(is_overdue(deadline, ItemStatus::InProgress, on(2006, 6, 1)));
        assert!(is_overdue(deadline, ItemStatus::NotStarted, on(2007, 1, 1)));
        assert!(!is_overdue(deadline, ItemStatus::Done, on(2007, 1, 1)));
        assert!(!is_overdue(None, ItemStatus::NotStarted, on(2007, 1, 1)));
        assert!(is_due_soon(
            deadline,
            ItemStatus::NotStarted,
            on(2006, 5, 24),
            DUE_SOON_DAYS
        ));
        assert!(!is_due_soon(
            deadline,
            ItemStatus::NotStarted,
            on(2006, 5, 23),
            DUE_SOON_DAYS
        ));
        assert!(is_due_soon(
            deadline,
            ItemStatus::NotStarted,
            on(2006, 5, 31),
            DUE_SOON_DAYS
        ));
        assert!(!is_due_soon(
            deadline,
            ItemStatus::NotStarted,
            on(2006, 6, 1),
            DUE_SOON_DAYS
        ));
        assert!(!is_due_soon(deadline, ItemStatus::Done, on(2006, 5, 30), DUE_SOON_DAYS));
    }

    fn survey(counts: SurveyCounts, returned: u32) -> Survey {
        Survey {
            id: SurveyId(1),
            date: Date::constant(2006, 5, 20),
            respondents: "村民代表".into(),
            issued: 50,
            returned,
            counts,
            ..Survey::default()
        }
    }

    #[test]
    fn survey_counts_must_add_up_to_the_ballots_returned() {
        let l = ledger();
        let counts = SurveyCounts {
            satisfied: 30,
            fairly: 10,
            basically: 5,
            unsatisfied: 3,
            invalid: 2,
        };
        assert_eq!(check_survey(&survey(counts, 50), &l), Ok(()));
        let err = check_survey(&survey(counts, 49), &l).unwrap_err();
        assert_eq!(
            err,
            "总体评价：满意 30 + 比较满意 10 + 基本满意 5 + 不满意 3 + 无效 2 = 50，与收回 49 张对不上"
        );
        let mut s = survey(counts, 50);
        s.issued = 40;
        assert!(check_survey(&s, &l).unwrap_err().contains("多于发出"));
        let mut s = survey(counts, 50);
        s.items.push(SurveyItem {
            name: "作风建设".into(),
            counts: SurveyCounts {
                satisfied: 50,
                ..SurveyCounts::default()
            },
        });
        assert_eq!(check_survey(&s, &l), Ok(()));
        s.items[0].counts.satisfied = 49;
        assert!(check_survey(&s, &l).unwrap_err().contains("作风建设"));
        let mut s = survey(SurveyCounts::default(), 0);
        s.respondents = "群众".into();
        assert!(check_survey(&s, &l).is_err());
    }

    #[test]
    fn the_satisfaction_rate_follows_the_settings() {
        use crate::model::campaign::SatisfiedCounts;
        let counts = SurveyCounts {
            satisfied: 20,
            fairly: 10,
            basically: 10,
            unsatisfied: 10,
            invalid: 7,
        };
        let all = SatisfiedCounts::default();
        assert_eq!(counts.rate(&all), Some(80.0));
        let strict = SatisfiedCounts {
            satisfied: true,
            fairly: true,
            basically: false,
        };
        assert_eq!(counts.rate(&strict), Some(60.0));
        let only = SatisfiedCounts {
            satisfied: true,
            fairly: false,
            basically: false,
        };
        assert_eq!(counts.rate(&only), Some(40.0));
        assert_eq!(SurveyCounts::default().rate(&all), None);
    }

    #[test]
    fn a_branch_item_fixed_at_once_needs_no_deadline_but_a_done_one_needs_its_result() {
        let l = ledger();
        let mut item = BranchItem {
            problem: "村务公开不及时".into(),
            measure: "每月公开".into(),
            responsible: "书记".into(),
            immediate: true,
            ..BranchItem::default()
        };
        assert_eq!(check_branch_item(&item, &l), Ok(()));
        item.immediate = false;
        assert!(check_branch_item(&item, &l).unwrap_err().contains("时限"));
        item.immediate = true;
        item.status = ItemStatus::Done;
        item.completed = Some(Date::constant(2006, 3, 5));
        assert!(check_branch_item(&item, &l).unwrap_err().contains("结果"));
        item.result = "已公开".into();
        assert_eq!(check_branch_item(&item, &l), Ok(()));
    }

    #[test]
    fn closing_and_reopening_need_names_and_reasons() {
        let l = ledger();
        let closing = Closing {
            accepted: Date::constant(2006, 6, 30),
            accepted_by: "县督导组".into(),
            archived_by: "王书记".into(),
            note: String::new(),
        };
        assert_eq!(check_closing(&closing, &l), Ok(()));
        assert!(
            check_closing(
                &Closing {
                    archived_by: " ".into(),
                    ..closing.clone()
                },
                &l
            )
            .is_err()
        );
        let reopening = Reopening {
            by: "王书记".into(),
            reason: String::new(),
            ..Reopening::default()
        };
        assert!(check_reopening(&reopening).unwrap_err().contains("理由"));
    }
}
