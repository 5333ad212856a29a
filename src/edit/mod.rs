//! The edit core: every change to the ledger is a [`Command`], and
//! [`apply`] is the one place that changes the records and enforces the
//! rules of a change (a closed campaign refuses every edit but its
//! reopening; a stage move cannot skip; each record is checked by the
//! model's `*_rules` first). [`Document`] wraps it for an open file: undo
//! and redo, autosave on a thread of its own, the save status.
//!
//! Nothing here draws, and nothing here knows egui: the window
//! ([`crate::ui`]) and the command line ([`crate::cli`]) both write through
//! this module, so a rule written here holds for both. It may use
//! [`crate::model`], [`crate::progress`] and [`crate::store`]; those never
//! use it.

pub mod appraisal;
pub mod document;
pub mod rectification;
pub mod study;

pub use appraisal::AppraisalCommand;
pub use document::{Document, SaveStatus};
pub use rectification::RectificationCommand;
pub use study::StudyCommand;

use crate::model::campaign::StagePlan;
use crate::model::campaign_rules::check_settings;
use crate::model::{Branch, Ledger, Member, MemberId, SessionId, Settings, Stage, StageMove};

/// A change a screen (or the command line) asks for.
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
    /// Adds several members at once (the start wizard), each with a fresh id.
    AddMembers(Vec<Member>),
    /// The import of a roster sheet, in the window and by `zhibu
    /// import-members`, as one step to undo: `updated` replace the members
    /// with their ids (a re-import: their records stay with them), `added`
    /// get fresh ids. Nothing changes when one of `updated` is gone.
    ImportMembers {
        added: Vec<Member>,
        updated: Vec<Member>,
    },
    UpdateMember(Member),
    RemoveMember(MemberId),
    /// Records a stage move and enters the next stage.
    MoveStage(StageMove),
    /// A change to the learning stage's records.
    Study(StudyCommand),
    /// A change to the analysis-and-appraisal stage's records.
    Appraisal(AppraisalCommand),
    /// A change to the rectification stage's records, or closing and
    /// reopening the campaign.
    Rectification(RectificationCommand),
}

impl From<StudyCommand> for Command {
    fn from(command: StudyCommand) -> Self {
        Command::Study(command)
    }
}

impl From<AppraisalCommand> for Command {
    fn from(command: AppraisalCommand) -> Self {
        Command::Appraisal(command)
    }
}

impl From<RectificationCommand> for Command {
    fn from(command: RectificationCommand) -> Self {
        Command::Rectification(command)
    }
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
            Command::ImportMembers { added, updated } if updated.is_empty() => {
                format!("导入 {} 名党员", added.len())
            }
            Command::ImportMembers { added, updated } => {
                format!("导入名册：新增 {} 名，更新 {} 名党员", added.len(), updated.len())
            }
            Command::UpdateMember(m) => format!("修改党员 {}", m.name),
            Command::RemoveMember(_) => "删除党员".to_owned(),
            Command::MoveStage(m) => format!("转入{}", m.to.title()),
            Command::Study(c) => c.describe(),
            Command::Appraisal(c) => c.describe(),
            Command::Rectification(c) => c.describe(),
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
        Command::ImportMembers { added, updated } => {
            if let Some(gone) = updated.iter().find(|m| ledger.member(m.id).is_none()) {
                return Err(format!("{}已不在名册中（可能已被删除），请重新读取表格", gone.name));
            }
            for member in updated {
                if let Some(slot) = ledger.member_mut(member.id) {
                    *slot = member;
                }
            }
            for mut member in added {
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
        Command::Study(command) => return study::apply(ledger, command),
        Command::Appraisal(command) => return appraisal::apply(ledger, command),
        Command::Rectification(command) => return rectification::apply(ledger, command),
    }
    Ok(Applied::Done)
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
    fn an_import_updates_members_in_place_and_adds_the_rest() {
        let mut ledger = Ledger::default();
        let named = |name: &str| Member {
            name: name.into(),
            ..Member::default()
        };
        apply(&mut ledger, Command::AddMembers(vec![named("甲"), named("乙")])).unwrap();
        let mut yi = ledger.members[1].clone();
        yi.phone = "13800001111".into();
        let import = Command::ImportMembers {
            added: vec![named("丙")],
            updated: vec![yi.clone()],
        };
        assert_eq!(import.describe(), "导入名册：新增 1 名，更新 1 名党员");
        apply(&mut ledger, import).unwrap();
        let rows: Vec<(u64, &str, &str)> = ledger
            .members
            .iter()
            .map(|m| (m.id.0, m.name.as_str(), m.phone.as_str()))
            .collect();
        assert_eq!(rows, vec![(1, "甲", ""), (2, "乙", "13800001111"), (3, "丙", "")]);

        // An update of a member deleted since the preview changes nothing.
        ledger.remove_member(MemberId(2));
        let before = ledger.clone();
        let stale = Command::ImportMembers {
            added: vec![named("丁")],
            updated: vec![yi],
        };
        assert!(apply(&mut ledger, stale).unwrap_err().starts_with("乙已不在名册中"));
        assert_eq!(ledger, before);
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
