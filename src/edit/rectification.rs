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

/// Replaces the record `same` finds, or says it is gone.
fn replace<T>(list: &mut [T], record: T, same: impl Fn(&T) -> bool, gone: &str) -> Result<(), String> {
    let Some(slot) = list.iter_mut().find(|r| same(r)) else {
        return Err(gone.to_owned());
    };
    *slot = record;
    Ok(())
}

/// Removes the record `same` finds, or says it is gone.
fn remove<T>(list: &mut Vec<T>, same: impl Fn(&T) -> bool, gone: &str) -> Result<(), String> {
    let before = list.len();
    list.retain(|r| !same(r));
    if list.len() == before {
        return Err(gone.to_owned());
    }
    Ok(())
}

const COMMITMENT_GONE: &str = "这条整改承诺已不存在";
const ITEM_GONE: &str = "这条整改事项已不存在";
const RULE_GONE: &str = "这项制度已不存在";
const SURVEY_GONE: &str = "这轮测评已不存在";

/// Applies a rectification-stage command; on error nothing changes.
pub(super) fn apply(ledger: &mut Ledger, command: RectificationCommand) -> Result<Applied, String> {
    use RectificationCommand as C;
    match command {
        C::AddCommitment(mut c) => {
            check_commitment(&c, ledger)?;
            c.id = CommitmentId(ledger.next_id());
            ledger.rectification.commitments.push(c);
        }
        C::UpdateCommitment(c) => {
            check_commitment(&c, ledger)?;
            let id = c.id;
            replace(
                &mut ledger.rectification.commitments,
                c,
                |x| x.id == id,
                COMMITMENT_GONE,
            )?;
        }
        C::RemoveCommitment(id) => remove(&mut ledger.rectification.commitments, |x| x.id == id, COMMITMENT_GONE)?,
        C::SetMadePublic(date) => ledger.rectification.made_public = date,
        C::AddBranchItem(mut item) => {
            check_branch_item(&item, ledger)?;
            item.id = BranchItemId(ledger.next_id());
            ledger.rectification.branch_items.push(item);
        }
        C::UpdateBranchItem(item) => {
            check_branch_item(&item, ledger)?;
            let id = item.id;
            replace(&mut ledger.rectification.branch_items, item, |x| x.id == id, ITEM_GONE)?;
        }
        C::RemoveBranchItem(id) => remove(&mut ledger.rectification.branch_items, |x| x.id == id, ITEM_GONE)?,
        C::AddRule(mut rule) => {
            check_rule(&rule, ledger)?;
            rule.id = RuleId(ledger.next_id());
            ledger.rectification.rules.push(rule);
        }
        C::UpdateRule(rule) => {
            check_rule(&rule, ledger)?;
            let id = rule.id;
            replace(&mut ledger.rectification.rules, rule, |x| x.id == id, RULE_GONE)?;
        }
        C::RemoveRule(id) => remove(&mut ledger.rectification.rules, |x| x.id == id, RULE_GONE)?,
        C::AddSurvey(mut survey) => {
            check_survey(&survey, ledger)?;
            survey.id = SurveyId(ledger.next_id());
            ledger.rectification.surveys.push(survey);
        }
        C::UpdateSurvey(survey) => {
            check_survey(&survey, ledger)?;
            let id = survey.id;
            replace(&mut ledger.rectification.surveys, survey, |x| x.id == id, SURVEY_GONE)?;
        }
        C::RemoveSurvey(id) => remove(&mut ledger.rectification.surveys, |x| x.id == id, SURVEY_GONE)?,
        C::SetCommendation { member, commendation } => {
            let list = &mut ledger.rectification.commendations;
            match commendation {
                Some(c) => {
                    let c = Commendation { member, ..c };
                    check_commendation(&c, ledger)?;
                    let list = &mut ledger.rectification.commendations;
                    match list.iter_mut().find(|x| x.member == member) {
                        Some(slot) => *slot = c,
                        None => list.push(c),
                    }
                }
                None => list.retain(|x| x.member != member),
            }
        }
        C::SetSummary(text) => {
            check_summary(&text)?;
            ledger.rectification.summary = text;
        }
        C::Close { stage_move, closing } => close(ledger, stage_move, closing)?,
        C::Reopen(mut reopening) => {
            if !ledger.campaign.is_closed() {
                return Err("活动没有归档，不需要重新打开".to_owned());
            }
            check_reopening(&reopening)?;
            reopening.by = reopening.by.trim().to_owned();
            reopening.reason = reopening.reason.trim().to_owned();
            reopening.closing = ledger.campaign.closing.take();
            ledger.campaign.reopenings.push(reopening);
            ledger.campaign.stage = Stage::Rectification;
        }
    }
    Ok(Applied::Done)
}

fn close(ledger: &mut Ledger, stage_move: StageMove, closing: Closing) -> Result<(), String> {
    if ledger.campaign.stage != Stage::Rectification || stage_move.from != Stage::Rectification {
        return Err("只有在整改提高阶段才能验收归档".to_owned());
    }
    if stage_move.to != Stage::Closed {
        return Err("验收归档即活动结束".to_owned());
    }
    check_closing(&closing, ledger)?;
    if stage_move.overrides.iter().any(|o| o.reason.trim().is_empty()) {
        return Err("未完成的检查项须逐项写明理由".to_owned());
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Command, apply as apply_command};
    use crate::model::Member;

    fn ledger_in_rectification() -> Ledger {
        let mut l = Ledger::default();
        l.members.push(Member {
            id: MemberId(1),
            name: "张三".into(),
            ..Member::default()
        });
        l.last_id = 1;
        l.campaign.stage = Stage::Rectification;
        l
    }

    fn closing() -> Closing {
        Closing {
            accepted: Date::constant(2006, 6, 30),
            accepted_by: "县督导组 刘明".into(),
            archived_by: "王书记".into(),
            note: String::new(),
        }
    }

    fn close_command() -> Command {
        Command::Rectification(RectificationCommand::Close {
            stage_move: StageMove {
                from: Stage::Rectification,
                to: Stage::Closed,
                ..StageMove::default()
            },
            closing: closing(),
        })
    }

    #[test]
    fn a_closed_ledger_refuses_edits_until_reopened_on_the_record() {
        let mut l = ledger_in_rectification();
        apply_command(&mut l, close_command()).expect("closes");
        assert!(l.campaign.is_closed());
        assert_eq!(
            l.campaign.moves.last().map(|m| m.approver.as_str()),
            Some("县督导组 刘明")
        );
        let edit = Command::Rectification(RectificationCommand::SetSummary("改一下".into()));
        let err = apply_command(&mut l, edit.clone()).unwrap_err();
        assert!(err.contains("只读"), "{err}");
        assert_eq!(l.rectification.summary, "");
        let rename = Command::SetCampaignName {
            name: "别的".into(),
            batch: String::new(),
        };
        assert!(apply_command(&mut l, rename).is_err());
        let no_reason = Command::Rectification(RectificationCommand::Reopen(Reopening {
            by: "王书记".into(),
            ..Reopening::default()
        }));
        assert!(apply_command(&mut l, no_reason).is_err());
        assert!(l.campaign.is_closed());
        let reopen = Command::Rectification(RectificationCommand::Reopen(Reopening {
            date: Date::constant(2006, 7, 5),
            by: "王书记".into(),
            reason: "县委组织部要求补充整改台账".into(),
            closing: None,
        }));
        apply_command(&mut l, reopen).expect("reopens");
        assert_eq!(l.campaign.stage, Stage::Rectification);
        assert_eq!(l.campaign.reopenings.len(), 1);
        assert_eq!(l.campaign.reopenings[0].closing, Some(closing()));
        assert!(l.campaign.closing.is_none());
        apply_command(&mut l, edit).expect("editable again");
        apply_command(&mut l, close_command()).expect("closes again");
        assert_eq!(l.campaign.moves.iter().filter(|m| m.to == Stage::Closed).count(), 2);
    }

    #[test]
    fn closing_only_from_rectification_and_the_plain_move_cannot_close() {
        let mut l = ledger_in_rectification();
        l.campaign.stage = Stage::Appraisal;
        assert!(apply_command(&mut l, close_command()).is_err());
        l.campaign.stage = Stage::Rectification;
        let plain = Command::MoveStage(StageMove {
            from: Stage::Rectification,
            to: Stage::Closed,
            approver: "刘明".into(),
            ..StageMove::default()
        });
        assert!(apply_command(&mut l, plain).is_err());
        assert_eq!(l.campaign.stage, Stage::Rectification);
    }

    #[test]
    fn one_commendation_per_member() {
        let mut l = ledger_in_rectification();
        let commend = |title: &str| {
            Command::Rectification(RectificationCommand::SetCommendation {
                member: MemberId(1),
                commendation: Some(Commendation {
                    title: title.into(),
                    ..Commendation::default()
                }),
            })
        };
        apply_command(&mut l, commend("优秀共产党员")).expect("commends");
        apply_command(&mut l, commend("优秀党员")).expect("changes");
        assert_eq!(l.rectification.commendations.len(), 1);
        assert_eq!(l.rectification.commendations[0].title, "优秀党员");
        assert!(apply_command(&mut l, commend(" ")).is_err());
        let withdraw = Command::Rectification(RectificationCommand::SetCommendation {
            member: MemberId(1),
            commendation: None,
        });
        apply_command(&mut l, withdraw).expect("withdraws");
        assert!(l.rectification.commendations.is_empty());
    }
}
