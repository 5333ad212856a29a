//! Every change to the ledger is a [`Command`]: screens send them, and
//! [`apply`] is the one place that changes the records. That keeps undo,
//! autosave and validation in one spot.

pub mod appraisal;
pub mod rectification;
mod study;

pub use appraisal::AppraisalCommand;
pub use rectification::RectificationCommand;

use crate::model::campaign::StagePlan;
use crate::model::study::{Attendance, Exemption, MakeUp, Reflection, Session};
use crate::model::{Branch, Ledger, MakeUpId, Member, MemberId, ReflectionId, SessionId, Settings, Stage, StageMove};

/// A change a screen asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SetBranch(Branch),
    SetCampaignName {
        name: String,
        batch: String,
    },
    SetSettings(Settings),
    SetPlan(StagePlan),
    /// Adds a member; the id is assigned here.
    AddMember(Member),
    /// Adds several members at once (import, the start wizard).
    AddMembers(Vec<Member>),
    UpdateMember(Member),
    RemoveMember(MemberId),
    /// Records a stage move and enters the next stage.
    MoveStage(StageMove),
    /// Adds a study session (or the mobilisation meeting) with every member
    /// active on its date marked present; the id is assigned here.
    AddSession(Session),
    /// Changes a session's details; its attendance is kept (and follows a
    /// changed date: members not active then drop out, new ones come in
    /// present).
    UpdateSession(Session),
    RemoveSession(SessionId),
    /// One member's attendance at one session.
    SetAttendance {
        session: SessionId,
        member: MemberId,
        attendance: Attendance,
    },
    /// Marks every member active on the session's date present (全部出席).
    SetAllPresent(SessionId),
    AddMakeUp(MakeUp),
    UpdateMakeUp(MakeUp),
    RemoveMakeUp(MakeUpId),
    AddReflection(Reflection),
    UpdateReflection(Reflection),
    RemoveReflection(ReflectionId),
    /// The branch's concrete requirements (保持先进性具体要求).
    SetRequirements(String),
    /// Grants (with a reason) or withdraws a member's exemption from study.
    SetExemption {
        member: MemberId,
        exemption: Option<Exemption>,
    },
    /// A change to the analysis-and-appraisal stage's records.
    Appraisal(AppraisalCommand),
    /// A change to the rectification stage's records, or closing and
    /// reopening the campaign.
    Rectification(RectificationCommand),
}

impl Command {
    /// A short Chinese description, for the undo button's tooltip.
    pub fn describe(&self) -> String {
        match self {
            Command::SetBranch(_) => "修改支部基本情况".to_owned(),
            Command::SetCampaignName { .. } => "修改活动名称".to_owned(),
            Command::SetSettings(_) => "修改活动规则".to_owned(),
            Command::SetPlan(_) => "修改阶段日期".to_owned(),
            Command::AddMember(m) => format!("新增党员 {}", m.name),
            Command::AddMembers(ms) => format!("导入 {} 名党员", ms.len()),
            Command::UpdateMember(m) => format!("修改党员 {}", m.name),
            Command::RemoveMember(_) => "删除党员".to_owned(),
            Command::MoveStage(m) => format!("转入{}", m.to.title()),
            Command::Appraisal(c) => c.describe(),
            Command::Rectification(c) => c.describe(),
            other => study::describe(other),
        }
    }
}

/// What applying a command produced, for the screen that sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// A member was added with this id.
    MemberAdded(MemberId),
    /// A session was added with this id.
    SessionAdded(SessionId),
}

pub use crate::model::campaign::CLOSED;

/// Applies `command` to `ledger`. On error nothing is changed and the
/// message says why, in Chinese.
pub fn apply(ledger: &mut Ledger, command: Command) -> Result<Applied, String> {
    if !matches!(command, Command::Rectification(RectificationCommand::Reopen(_))) {
        ledger.campaign.refuse_if_closed()?;
    }
    match command {
        Command::SetBranch(branch) => ledger.branch = branch,
        Command::SetCampaignName { name, batch } => {
            if name.trim().is_empty() {
                return Err("活动名称不能为空".to_owned());
            }
            ledger.campaign.name = name;
            ledger.campaign.batch = batch;
        }
        Command::SetSettings(settings) => {
            check_settings(&settings)?;
            ledger.campaign.settings = settings;
        }
        Command::SetPlan(plan) => ledger.campaign.plan = plan,
        Command::AddMember(mut member) => {
            member.id = MemberId(ledger.next_id());
            let id = member.id;
            ledger.members.push(member);
            return Ok(Applied::MemberAdded(id));
        }
        Command::AddMembers(members) => {
            for mut member in members {
                member.id = MemberId(ledger.next_id());
                ledger.members.push(member);
            }
        }
        Command::UpdateMember(member) => {
            let Some(slot) = ledger.member_mut(member.id) else {
                return Err("这名党员已不在名册中（可能已被删除）".to_owned());
            };
            *slot = member;
        }
        Command::RemoveMember(id) => {
            if ledger.member(id).is_none() {
                return Err("这名党员已不在名册中".to_owned());
            }
            ledger.remove_member(id);
        }
        Command::MoveStage(stage_move) => {
            if stage_move.from != ledger.campaign.stage || ledger.campaign.stage.next() != Some(stage_move.to) {
                return Err("只能转入下一个阶段，阶段不能跳过".to_owned());
            }
            if stage_move.to == Stage::Closed {
                return Err("活动结束须在“整改提高”的“验收归档”中办理".to_owned());
            }
            if stage_move.approver.trim().is_empty() {
                return Err("请填写批准转段的督导组成员姓名".to_owned());
            }
            if stage_move.overrides.iter().any(|o| o.reason.trim().is_empty()) {
                return Err("未完成的检查项须逐项写明理由".to_owned());
            }
            ledger.campaign.stage = stage_move.to;
            ledger.campaign.moves.push(stage_move);
        }
        Command::Appraisal(command) => return appraisal::apply(ledger, command),
        Command::Rectification(command) => return rectification::apply(ledger, command),
        other => return study::apply(ledger, other),
    }
    Ok(Applied::Done)
}

/// Refuses rules that make no sense.
pub fn check_settings(settings: &Settings) -> Result<(), String> {
    if !settings.required_hours.is_finite() || settings.required_hours <= 0.0 || settings.required_hours > 500.0 {
        return Err("学时要求应在 0.5 到 500 之间".to_owned());
    }
    if (settings.required_hours * 2.0).fract() != 0.0 {
        return Err("学时要求须以半小时为单位".to_owned());
    }
    if settings.reflections_required > 20 {
        return Err("每人心得篇数要求应在 0 到 20 之间".to_owned());
    }
    if settings.talks_required_cadre < settings.talks_required {
        return Err("领导干部的谈心次数要求不应少于普通党员".to_owned());
    }
    if settings.analysis_chars_cadre < settings.analysis_chars {
        return Err("领导干部的党性分析字数要求不应少于普通党员".to_owned());
    }
    if let Some(cap) = settings.excellent_cap
        && (cap.denominator == 0 || cap.numerator == 0 || cap.numerator > cap.denominator)
    {
        return Err("优秀比例应为不大于 1 的分数，如 1/3".to_owned());
    }
    if !(0.0..=100.0).contains(&settings.satisfaction_threshold) {
        return Err("满意率标准应在 0% 到 100% 之间".to_owned());
    }
    if settings.feedback_days == 0 {
        return Err("意见反馈时限至少 1 天".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn stage_moves_cannot_skip_and_need_an_approver_and_reasons() {
        let mut ledger = Ledger::default();
        let skip = StageMove {
            from: Stage::Preparation,
            to: Stage::Appraisal,
            approver: "刘督导".into(),
            ..StageMove::default()
        };
        assert!(apply(&mut ledger, Command::MoveStage(skip)).is_err());
        let nobody = StageMove {
            approver: " ".into(),
            ..StageMove::default()
        };
        assert!(apply(&mut ledger, Command::MoveStage(nobody)).is_err());
        let ok = StageMove {
            approver: "刘督导".into(),
            date: Date::constant(2005, 11, 15),
            ..StageMove::default()
        };
        assert_eq!(apply(&mut ledger, Command::MoveStage(ok)), Ok(Applied::Done));
        assert_eq!(ledger.campaign.stage, Stage::Learning);
        assert_eq!(ledger.campaign.moves.len(), 1);
    }

    #[test]
    fn added_members_get_fresh_ids() {
        let mut ledger = Ledger::default();
        let a = apply(
            &mut ledger,
            Command::AddMember(Member {
                name: "甲".into(),
                ..Member::default()
            }),
        );
        let b = apply(
            &mut ledger,
            Command::AddMember(Member {
                name: "乙".into(),
                ..Member::default()
            }),
        );
        assert_ne!(a, b);
        ledger.remove_member(MemberId(2));
        let c = apply(
            &mut ledger,
            Command::AddMember(Member {
                name: "丙".into(),
                ..Member::default()
            }),
        );
        assert_eq!(c, Ok(Applied::MemberAdded(MemberId(3))));
    }

    #[test]
    fn bad_settings_are_refused() {
        let mut ledger = Ledger::default();
        let mut s = Settings {
            required_hours: -1.0,
            ..Settings::default()
        };
        assert!(apply(&mut ledger, Command::SetSettings(s.clone())).is_err());
        s.required_hours = 40.25;
        assert!(apply(&mut ledger, Command::SetSettings(s.clone())).is_err());
        s.required_hours = 32.5;
        assert!(apply(&mut ledger, Command::SetSettings(s)).is_ok());
        assert_eq!(ledger.campaign.settings.required_hours, 32.5);
    }
}
