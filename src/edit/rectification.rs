//! The rectification stage's commands: members' commitments and the day
//! they were made public, the branch plan, long-term rules, survey rounds,
//! commendations and the follow-up of dispositions, the summary, and the
//! closing (验收 and 归档) and deliberate reopening of the campaign. Every
//! record is checked by [`crate::model::rectification_rules`] first.

use crate::model::campaign::{Closing, Reopening};
use crate::model::rectification::{BranchItem, Commendation, Commitment, Rule, Survey};
use crate::model::rectification_rules::{
    check_branch_item, check_closing, check_commendation, check_commitment, check_reopening, check_rule, check_summary,
    check_survey,
};
use crate::model::{BranchItemId, CommitmentId, Date, Ledger, MemberId, RuleId, Stage, StageMove, SurveyId};

use super::Applied;
use super::records::{self, add_checked, replace_checked};

/// A change to the rectification stage's records.
#[derive(Debug, Clone, PartialEq)]
pub enum RectificationCommand {
    AddCommitment(Commitment),
    UpdateCommitment(Commitment),
    RemoveCommitment(CommitmentId),
    /// The day the commitments were made public (公开承诺).
    SetMadePublic(Option<Date>),
    AddBranchItem(BranchItem),
    UpdateBranchItem(BranchItem),
    RemoveBranchItem(BranchItemId),
    AddRule(Rule),
    UpdateRule(Rule),
    RemoveRule(RuleId),
    AddSurvey(Survey),
    UpdateSurvey(Survey),
    RemoveSurvey(SurveyId),
    /// Commends a member (`Some`) or withdraws the commendation.
    SetCommendation {
        member: MemberId,
        commendation: Option<Commendation>,
    },
    /// 工作总结.
    SetSummary(String),
    /// Closes the campaign: the move out of rectification and its sign-off.
    Close {
        stage_move: StageMove,
        closing: Closing,
    },
    /// Opens a closed campaign again, on the record.
    Reopen(Reopening),
}

impl RectificationCommand {
    /// A short Chinese description, for the undo button's tooltip.
    pub fn describe(&self) -> String {
        use RectificationCommand as C;
        match self {
            C::AddCommitment(_) => "新增整改承诺".to_owned(),
            C::UpdateCommitment(_) => "修改整改承诺".to_owned(),
            C::RemoveCommitment(_) => "删除整改承诺".to_owned(),
            C::SetMadePublic(_) => "修改公开承诺日期".to_owned(),
            C::AddBranchItem(_) => "新增整改事项".to_owned(),
            C::UpdateBranchItem(_) => "修改整改事项".to_owned(),
            C::RemoveBranchItem(_) => "删除整改事项".to_owned(),
            C::AddRule(r) => format!("新增制度“{}”", r.name),
            C::UpdateRule(r) => format!("修改制度“{}”", r.name),
            C::RemoveRule(_) => "删除制度".to_owned(),
            C::AddSurvey(_) => "登记满意度测评".to_owned(),
            C::UpdateSurvey(_) => "修改满意度测评".to_owned(),
            C::RemoveSurvey(_) => "删除满意度测评".to_owned(),
            C::SetCommendation { .. } => "修改表彰".to_owned(),
            C::SetSummary(_) => "修改工作总结".to_owned(),
            C::Close { .. } => "验收归档".to_owned(),
            C::Reopen(_) => "重新打开台账".to_owned(),
        }
    }
}

const COMMITMENT_GONE: &str = "这条整改承诺已不存在";
const ITEM_GONE: &str = "这条整改事项已不存在";
const RULE_GONE: &str = "这项制度已不存在";
const SURVEY_GONE: &str = "这轮测评已不存在";

/// Applies a rectification-stage command; on error nothing changes.
pub(super) fn apply(ledger: &mut Ledger, command: RectificationCommand) -> Result<Applied, String> {
    use RectificationCommand as C;
    match command {
        C::AddCommitment(c) => add_checked(ledger, c, check_commitment, commitments)?,
        C::UpdateCommitment(c) => replace_checked(ledger, c, check_commitment, commitments, COMMITMENT_GONE)?,
        C::RemoveCommitment(id) => records::remove(commitments(ledger), id, COMMITMENT_GONE)?,
        C::SetMadePublic(date) => ledger.rectification.made_public = date,
        C::AddBranchItem(item) => add_checked(ledger, item, check_branch_item, branch_items)?,
        C::UpdateBranchItem(item) => replace_checked(ledger, item, check_branch_item, branch_items, ITEM_GONE)?,
        C::RemoveBranchItem(id) => records::remove(branch_items(ledger), id, ITEM_GONE)?,
        C::AddRule(rule) => add_checked(ledger, rule, check_rule, rules)?,
        C::UpdateRule(rule) => replace_checked(ledger, rule, check_rule, rules, RULE_GONE)?,
        C::RemoveRule(id) => records::remove(rules(ledger), id, RULE_GONE)?,
        C::AddSurvey(survey) => add_checked(ledger, survey, check_survey, surveys)?,
        C::UpdateSurvey(survey) => replace_checked(ledger, survey, check_survey, surveys, SURVEY_GONE)?,
        C::RemoveSurvey(id) => records::remove(surveys(ledger), id, SURVEY_GONE)?,
        C::SetCommendation { member, commendation } => set_commendation(ledger, member, commendation)?,
        C::SetSummary(text) => {
            check_summary(&text)?;
            ledger.rectification.summary = text;
        }
        C::Close { stage_move, closing } => close(ledger, stage_move, closing)?,
        C::Reopen(reopening) => reopen(ledger, reopening)?,
    }
    Ok(Applied::Done)
}

// Where each kind of record is kept, for the shared steps of `records`.
fn commitments(ledger: &mut Ledger) -> &mut Vec<Commitment> {
    &mut ledger.rectification.commitments
}

fn branch_items(ledger: &mut Ledger) -> &mut Vec<BranchItem> {
    &mut ledger.rectification.branch_items
}

fn rules(ledger: &mut Ledger) -> &mut Vec<Rule> {
    &mut ledger.rectification.rules
}

fn surveys(ledger: &mut Ledger) -> &mut Vec<Survey> {
    &mut ledger.rectification.surveys
}

fn close(ledger: &mut Ledger, stage_move: StageMove, closing: Closing) -> Result<(), String> {
    if ledger.campaign.stage != Stage::Rectification || stage_move.from != Stage::Rectification {
        return Err("只有在整改提高阶段才能验收归档".to_owned());
    }
    if stage_move.to != Stage::Closed {
        return Err("验收归档即活动结束".to_owned());
    }
    check_closing(&closing, ledger)?;
    crate::model::campaign_rules::check_overrides(&stage_move)?;
    let stage_move = StageMove {
        approver: closing.accepted_by.trim().to_owned(),
        date: closing.accepted,
        ..stage_move
    };
    ledger.campaign.stage = Stage::Closed;
    ledger.campaign.moves.push(stage_move);
    ledger.campaign.closing = Some(Closing {
        accepted_by: closing.accepted_by.trim().to_owned(),
        archived_by: closing.archived_by.trim().to_owned(),
        note: closing.note.trim().to_owned(),
        ..closing
    });
    Ok(())
}

/// Commends a member (one commendation each) or withdraws it.
fn set_commendation(ledger: &mut Ledger, member: MemberId, commendation: Option<Commendation>) -> Result<(), String> {
    let Some(c) = commendation else {
        ledger.rectification.commendations.retain(|x| x.member != member);
        return Ok(());
    };
    let c = Commendation { member, ..c };
    check_commendation(&c, ledger)?;
    records::put(&mut ledger.rectification.commendations, c, |x| x.member == member);
    Ok(())
}

/// Opens a closed campaign again, on the record: the closing it undoes is
/// kept with the reopening.
fn reopen(ledger: &mut Ledger, mut reopening: Reopening) -> Result<(), String> {
    if !ledger.campaign.is_closed() {
        return Err("活动没有归档，不需要重新打开".to_owned());
    }
    check_reopening(&reopening)?;
    reopening.by = reopening.by.trim().to_owned();
    reopening.reason = reopening.reason.trim().to_owned();
    reopening.closing = ledger.campaign.closing.take();
    ledger.campaign.reopenings.push(reopening);
    ledger.campaign.stage = Stage::Rectification;
    Ok(())
}
