//! The rectification stage's commands: commitments and the day they were
//! made public, branch items, long-term rules, surveys, commendations,
//! the summary, and the closing and reopening of the campaign.

use super::*;
use crate::model::campaign::{Override, Reopening};
use crate::model::rectification::ItemStatus;
use crate::model::{BranchItemId, CommitmentId, RuleId, SurveyId};

use RectificationCommand as R;

const COMMITMENT_GONE: &str = "这条整改承诺已不存在";
const ITEM_GONE: &str = "这条整改事项已不存在";
const RULE_GONE: &str = "这项制度已不存在";
const SURVEY_GONE: &str = "这轮测评已不存在";

#[test]
fn a_commitment_names_a_problem_a_measure_and_a_deadline() {
    let commitment = Commitment {
        member: LI,
        ..commitment_of_wang()
    };
    let after = accepted(&fixture(), R::AddCommitment(commitment.clone()));
    assert_eq!(
        after.rectification.commitments[1],
        Commitment {
            id: CommitmentId(20),
            ..commitment.clone()
        }
    );
    let no_measure = Commitment {
        measure: " ".into(),
        ..commitment.clone()
    };
    refused(&fixture(), R::AddCommitment(no_measure), "请填写整改措施");
    let nobody = Commitment {
        member: MemberId(NOBODY),
        ..commitment.clone()
    };
    refused(&fixture(), R::AddCommitment(nobody), "这名党员已不在名册中");
    refused_when_closed(R::AddCommitment(commitment));
}

#[test]
fn a_changed_commitment_replaces_the_one_with_its_id() {
    let done = Commitment {
        status: ItemStatus::Done,
        completed: Some(day(2006, 4, 20)),
        evidence: "三个月无迟到".into(),
        ..fixture().rectification.commitments[0].clone()
    };
    let after = accepted(&fixture(), R::UpdateCommitment(done.clone()));
    assert_eq!(
        (
            after.rectification.commitments.len(),
            &after.rectification.commitments[0]
        ),
        (1, &done),
        "replaced in place"
    );
    let gone = Commitment {
        id: CommitmentId(NOBODY),
        ..done.clone()
    };
    refused(&fixture(), R::UpdateCommitment(gone), COMMITMENT_GONE);
    let undated = Commitment {
        completed: None,
        ..done.clone()
    };
    refused(&fixture(), R::UpdateCommitment(undated), "已完成的事项请填写完成日期");
    refused_when_closed(R::UpdateCommitment(done));
}

#[test]
fn a_removed_commitment_is_gone() {
    let after = accepted(&fixture(), R::RemoveCommitment(CommitmentId(16)));
    assert!(after.rectification.commitments.is_empty());
    refused(&fixture(), R::RemoveCommitment(CommitmentId(NOBODY)), COMMITMENT_GONE);
    refused_when_closed(R::RemoveCommitment(CommitmentId(16)));
}

#[test]
fn the_day_the_commitments_were_made_public_is_kept() {
    let after = accepted(&fixture(), R::SetMadePublic(Some(day(2006, 3, 20))));
    assert_eq!(after.rectification.made_public, Some(day(2006, 3, 20)));
    refused_when_closed(R::SetMadePublic(Some(day(2006, 3, 20))));
}

#[test]
fn a_branch_item_has_a_deadline_unless_fixed_at_once() {
    let at_once = BranchItem {
        problem: "村务公开不及时".into(),
        sources: vec![],
        deadline: None,
        immediate: true,
        ..the_branch_item()
    };
    let after = accepted(&fixture(), R::AddBranchItem(at_once.clone()));
    assert_eq!(
        (
            after.rectification.branch_items[1].id,
            after.rectification.branch_items[1].immediate
        ),
        (BranchItemId(20), true)
    );
    let later = BranchItem {
        immediate: false,
        ..at_once.clone()
    };
    refused(&fixture(), R::AddBranchItem(later), "限期整改的事项请填写完成时限");
    let unsourced = BranchItem {
        sources: vec![crate::model::IssueId(NOBODY)],
        ..at_once.clone()
    };
    refused(
        &fixture(),
        R::AddBranchItem(unsourced),
        "所依据的意见已被删除，请重新选择",
    );
    refused_when_closed(R::AddBranchItem(at_once));
}

#[test]
fn a_changed_branch_item_replaces_the_one_with_its_id() {
    let done = BranchItem {
        status: ItemStatus::Done,
        result: "活动室已修缮".into(),
        completed: Some(day(2006, 5, 10)),
        ..fixture().rectification.branch_items[0].clone()
    };
    let after = accepted(&fixture(), R::UpdateBranchItem(done.clone()));
    assert_eq!(
        (
            after.rectification.branch_items.len(),
            &after.rectification.branch_items[0]
        ),
        (1, &done),
        "replaced in place"
    );
    let gone = BranchItem {
        id: BranchItemId(NOBODY),
        ..done.clone()
    };
    refused(&fixture(), R::UpdateBranchItem(gone), ITEM_GONE);
    let no_result = BranchItem {
        result: String::new(),
        ..done.clone()
    };
    refused(&fixture(), R::UpdateBranchItem(no_result), "已完成的事项请填写整改结果");
    refused_when_closed(R::UpdateBranchItem(done));
}

#[test]
fn a_removed_branch_item_is_gone() {
    let after = accepted(&fixture(), R::RemoveBranchItem(BranchItemId(17)));
    assert!(after.rectification.branch_items.is_empty());
    refused(&fixture(), R::RemoveBranchItem(BranchItemId(NOBODY)), ITEM_GONE);
    refused_when_closed(R::RemoveBranchItem(BranchItemId(17)));
}

#[test]
fn a_rule_needs_a_name_and_the_day_it_was_adopted() {
    let rule = Rule {
        name: "三会一课制度".into(),
        ..the_rule()
    };
    let after = accepted(&fixture(), R::AddRule(rule.clone()));
    assert_eq!(
        after.rectification.rules[1],
        Rule {
            id: RuleId(20),
            ..rule.clone()
        }
    );
    let undated = Rule {
        adopted: None,
        ..rule.clone()
    };
    refused(&fixture(), R::AddRule(undated), "请填写制度的通过日期");
    let early = Rule {
        adopted: Some(day(2005, 10, 1)),
        ..rule.clone()
    };
    refused(
        &fixture(),
        R::AddRule(early),
        "通过日期 2005-10-01 早于活动开始（2005-11-15）",
    );
    refused_when_closed(R::AddRule(rule));
}

#[test]
fn a_changed_rule_replaces_the_one_with_its_id() {
    let changed = Rule {
        summary: "每名党员联系三户群众".into(),
        ..fixture().rectification.rules[0].clone()
    };
    let after = accepted(&fixture(), R::UpdateRule(changed.clone()));
    assert_eq!(
        (after.rectification.rules.len(), &after.rectification.rules[0]),
        (1, &changed),
        "replaced in place"
    );
    let gone = Rule {
        id: RuleId(NOBODY),
        ..changed.clone()
    };
    refused(&fixture(), R::UpdateRule(gone), RULE_GONE);
    let unnamed = Rule {
        name: " ".into(),
        ..changed.clone()
    };
    refused(&fixture(), R::UpdateRule(unnamed), "请填写制度名称");
    refused_when_closed(R::UpdateRule(changed));
}

#[test]
fn a_removed_rule_is_gone() {
    let after = accepted(&fixture(), R::RemoveRule(RuleId(18)));
    assert!(after.rectification.rules.is_empty());
    refused(&fixture(), R::RemoveRule(RuleId(NOBODY)), RULE_GONE);
    refused_when_closed(R::RemoveRule(RuleId(18)));
}

#[test]
fn a_survey_is_kept_when_its_counts_add_up() {
    let again = Survey {
        date: day(2006, 5, 20),
        ..the_survey()
    };
    let after = accepted(&fixture(), R::AddSurvey(again.clone()));
    assert_eq!(
        (after.rectification.surveys[1].id, after.rectification.surveys[1].date),
        (SurveyId(20), day(2006, 5, 20))
    );
    let more_back = Survey {
        returned: 21,
        ..again.clone()
    };
    refused(&fixture(), R::AddSurvey(more_back), "收回 21 张多于发出 20 张");
    let nobody_asked = Survey {
        respondents: String::new(),
        ..again.clone()
    };
    refused(
        &fixture(),
        R::AddSurvey(nobody_asked),
        "请填写参加测评的对象，如“村民代表”",
    );
    refused_when_closed(R::AddSurvey(again));
}

#[test]
fn a_changed_survey_replaces_the_one_with_its_id() {
    let changed = Survey {
        note: "发放到户".into(),
        ..fixture().rectification.surveys[0].clone()
    };
    let after = accepted(&fixture(), R::UpdateSurvey(changed.clone()));
    assert_eq!(
        (after.rectification.surveys.len(), &after.rectification.surveys[0]),
        (1, &changed),
        "replaced in place"
    );
    let gone = Survey {
        id: SurveyId(NOBODY),
        ..changed.clone()
    };
    refused(&fixture(), R::UpdateSurvey(gone), SURVEY_GONE);
    let mut miscounted = changed.clone();
    miscounted.counts.invalid = 2;
    refused(
        &fixture(),
        R::UpdateSurvey(miscounted),
        "总体评价：满意 15 + 比较满意 3 + 基本满意 1 + 不满意 1 + 无效 2 = 22，与收回 20 张对不上",
    );
    refused_when_closed(R::UpdateSurvey(changed));
}

#[test]
fn a_removed_survey_is_gone() {
    let after = accepted(&fixture(), R::RemoveSurvey(SurveyId(19)));
    assert!(after.rectification.surveys.is_empty());
    refused(&fixture(), R::RemoveSurvey(SurveyId(NOBODY)), SURVEY_GONE);
    refused_when_closed(R::RemoveSurvey(SurveyId(19)));
}

fn commend(member: MemberId, title: &str) -> RectificationCommand {
    R::SetCommendation {
        member,
        commendation: Some(Commendation {
            // The member of the command counts, not this one.
            member: ZHAO,
            title: title.into(),
            date: Some(day(2006, 5, 25)),
        }),
    }
}

#[test]
fn one_commendation_per_member_and_it_can_be_withdrawn() {
    let after = accepted(&fixture(), commend(WANG, "优秀党员"));
    let titles: Vec<(MemberId, &str)> = after
        .rectification
        .commendations
        .iter()
        .map(|c| (c.member, c.title.as_str()))
        .collect();
    assert_eq!(titles, [(WANG, "优秀党员")]);
    let after = accepted(&fixture(), commend(LI, "优秀共产党员"));
    assert_eq!(after.rectification.commendations[1].member, LI);
    let withdraw = R::SetCommendation {
        member: WANG,
        commendation: None,
    };
    let after = accepted(&fixture(), withdraw);
    assert!(after.rectification.commendations.is_empty());
    refused(&fixture(), commend(WANG, " "), "请填写表彰名称，如“优秀共产党员”");
    refused(
        &fixture(),
        commend(MemberId(NOBODY), "优秀党员"),
        "这名党员已不在名册中",
    );
    refused_when_closed(commend(WANG, "优秀党员"));
}

#[test]
fn the_summary_is_kept_up_to_its_limit() {
    let after = accepted(&fixture(), R::SetSummary("全面完成了各项任务。".into()));
    assert_eq!(after.rectification.summary, "全面完成了各项任务。");
    refused(
        &fixture(),
        R::SetSummary("字".repeat(200_001)),
        "工作总结太长（200001 字），最多 200000 字",
    );
    refused_when_closed(R::SetSummary("全面完成了各项任务。".into()));
}

#[test]
fn closing_records_the_move_and_the_sign_off_and_makes_the_ledger_read_only() {
    let after = accepted(&fixture(), close_command());
    assert_eq!(after.campaign.stage, Stage::Closed);
    let last = after.campaign.moves.last().expect("the closing move");
    assert_eq!(
        (last.from, last.to, last.approver.as_str(), last.date),
        (Stage::Rectification, Stage::Closed, "县督导组 刘明", day(2006, 6, 30))
    );
    let kept = after.campaign.closing.as_ref().expect("the closing");
    assert_eq!(kept.accepted_by, "县督导组 刘明");
    refused(&after, R::SetSummary("改一下".into()), CLOSED);
    refused_when_closed(close_command());
}

#[test]
fn closing_only_from_rectification_signed_and_dated_after_entering_it() {
    refused(
        &in_stage(Stage::Appraisal),
        close_command(),
        "只有在整改提高阶段才能验收归档",
    );
    let not_the_end = R::Close {
        stage_move: StageMove {
            from: Stage::Rectification,
            to: Stage::Rectification,
            ..StageMove::default()
        },
        closing: closing(),
    };
    refused(&fixture(), not_the_end, "验收归档即活动结束");
    let close_with = |closing: Closing, overrides: Vec<Override>| R::Close {
        stage_move: StageMove {
            from: Stage::Rectification,
            to: Stage::Closed,
            overrides,
            ..StageMove::default()
        },
        closing,
    };
    let unarchived = Closing {
        archived_by: " ".into(),
        ..closing()
    };
    refused(&fixture(), close_with(unarchived, vec![]), "请填写归档人");
    let early = Closing {
        accepted: day(2006, 3, 1),
        ..closing()
    };
    refused(
        &fixture(),
        close_with(early, vec![]),
        "验收日期 2006-03-01 早于转入整改提高阶段的日期（2006-03-16）",
    );
    let no_reason = Override {
        check: "满意率达标".into(),
        unmet: 1,
        reason: String::new(),
    };
    refused(
        &fixture(),
        close_with(closing(), vec![no_reason]),
        "未完成的检查项须逐项写明理由",
    );
}

fn reopening(reason: &str) -> RectificationCommand {
    R::Reopen(Reopening {
        date: day(2006, 7, 5),
        by: " 王建国 ".into(),
        reason: reason.into(),
        closing: None,
    })
}

#[test]
fn a_closed_campaign_reopens_on_the_record_keeping_the_closing_it_undid() {
    let reopen = reopening("县委组织部要求补充整改台账");
    let after = accepted(&closed(), reopen);
    assert_eq!(after.campaign.stage, Stage::Rectification);
    assert!(after.campaign.closing.is_none());
    let kept = &after.campaign.reopenings[..];
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].by, "王建国");
    assert_eq!(kept[0].closing, closed().campaign.closing);
    // Editable again, and it closes again.
    let edited = accepted(&after, R::SetSummary("补充了整改台账。".into()));
    let again = accepted(&edited, close_command());
    let closings = again.campaign.moves.iter().filter(|m| m.to == Stage::Closed).count();
    assert_eq!(closings, 2);
}

#[test]
fn only_a_closed_campaign_reopens_and_only_with_a_reason() {
    refused(
        &fixture(),
        reopening("县委组织部要求补充整改台账"),
        "活动没有归档，不需要重新打开",
    );
    refused(&closed(), reopening("  "), "请写明重新打开的理由");
}
