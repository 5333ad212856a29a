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
mod records;
pub mod rectification;
pub mod study;

pub use appraisal::AppraisalCommand;
pub use document::{Document, SaveStatus};
pub use rectification::RectificationCommand;
pub use study::StudyCommand;

use crate::model::campaign::StagePlan;
use crate::model::campaign_rules::{check_plan, check_settings, check_stage_move};
use crate::model::validate::refuse_member;
use crate::model::{Branch, Ledger, Member, MemberId, SessionId, Settings, StageMove};

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
        Command::SetCampaignName { name, batch } => set_campaign_name(ledger, name, batch)?,
        Command::SetSettings(settings) => {
            check_settings(&settings)?;
            ledger.campaign.settings = settings;
        }
        Command::SetPlan(plan) => {
            check_plan(&plan)?;
            ledger.campaign.plan = plan;
        }
        Command::AddMember(member) => {
            refuse_member(&member)?;
            let fresh = ledger.next_id();
            return Ok(Applied::MemberAdded(records::add(&mut ledger.members, member, fresh)));
        }
        Command::AddMembers(members) => {
            members.iter().try_for_each(refuse_member)?;
            add_members(ledger, members);
        }
        Command::ImportMembers { added, updated } => import_members(ledger, added, updated)?,
        Command::UpdateMember(member) => {
            refuse_member(&member)?;
            records::replace(&mut ledger.members, member, MEMBER_CHANGED_GONE)?;
        }
        Command::RemoveMember(id) => {
            records::position(&ledger.members, id, MEMBER_GONE)?;
            ledger.remove_member(id);
        }
        Command::MoveStage(stage_move) => move_stage(ledger, stage_move)?,
        Command::Study(command) => return study::apply(ledger, command),
        Command::Appraisal(command) => return appraisal::apply(ledger, command),
        Command::Rectification(command) => return rectification::apply(ledger, command),
    }
    Ok(Applied::Done)
}

/// Why a command about a member is refused when the member is gone.
const MEMBER_GONE: &str = "这名党员已不在名册中";
/// The same, for a change made in a form opened before the member went.
const MEMBER_CHANGED_GONE: &str = "这名党员已不在名册中（可能已被删除）";

fn set_campaign_name(ledger: &mut Ledger, name: String, batch: String) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("活动名称不能为空".to_owned());
    }
    ledger.campaign.name = name;
    ledger.campaign.batch = batch;
    Ok(())
}

/// Adds each member with a fresh id, in order.
fn add_members(ledger: &mut Ledger, members: Vec<Member>) {
    for member in members {
        let fresh = ledger.next_id();
        records::add(&mut ledger.members, member, fresh);
    }
}

/// A roster import: `updated` replace the members with their ids (all of
/// them or, when one is gone, none), then `added` come in with fresh ids.
fn import_members(ledger: &mut Ledger, added: Vec<Member>, updated: Vec<Member>) -> Result<(), String> {
    if let Some(gone) = updated.iter().find(|m| ledger.member(m.id).is_none()) {
        return Err(format!("{}已不在名册中（可能已被删除），请重新读取表格", gone.name));
    }
    added.iter().chain(&updated).try_for_each(refuse_member)?;
    for member in updated {
        records::replace(&mut ledger.members, member, MEMBER_CHANGED_GONE)?;
    }
    add_members(ledger, added);
    Ok(())
}

/// A stage move (转段): only to the next stage, never to the end (that is
/// the closing's), signed by an approver, each override with its reason.
fn move_stage(ledger: &mut Ledger, stage_move: StageMove) -> Result<(), String> {
    check_stage_move(&ledger.campaign, &stage_move)?;
    ledger.campaign.stage = stage_move.to;
    ledger.campaign.moves.push(stage_move);
    Ok(())
}

#[cfg(test)]
mod tests;
