//! The learning stage's commands: sessions and attendance, make-up study,
//! reflections, exemptions and the branch's concrete requirements. Every
//! record is checked by [`crate::model::study_rules`] before it is kept.

use std::collections::BTreeMap;

use crate::model::study::{Attendance, Exemption, MakeUp, Reflection, Session};
use crate::model::study_rules::{check_exemption, check_make_up, check_reflection, check_session};
use crate::model::{Date, Ledger, MakeUpId, Member, MemberId, ReflectionId, SessionId, Stage};

use super::records::{self, add_checked, replace_checked};
use super::{Applied, MEMBER_GONE};

const SESSION_GONE: &str = "这次学习记录已不存在（可能已被删除）";
const MAKE_UP_GONE: &str = "这条补学记录已不存在";
const REFLECTION_GONE: &str = "这篇心得已不存在";

/// A change to the learning stage's records.
#[derive(Debug, Clone, PartialEq)]
pub enum StudyCommand {
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
}

impl StudyCommand {
    /// A short Chinese description, for the undo button's tooltip.
    pub fn describe(&self) -> String {
        use StudyCommand as C;
        match self {
            C::AddSession(s) => format!("新增学习“{}”", s.topic),
            C::UpdateSession(s) => format!("修改学习“{}”", s.topic),
            C::RemoveSession(_) => "删除学习记录".to_owned(),
            C::SetAttendance { attendance, .. } => format!("考勤改为{}", attendance.label()),
            C::SetAllPresent(_) => "全部出席".to_owned(),
            C::AddMakeUp(_) => "新增补学".to_owned(),
            C::UpdateMakeUp(_) => "修改补学".to_owned(),
            C::RemoveMakeUp(_) => "删除补学".to_owned(),
            C::AddReflection(r) => format!("新增心得“{}”", r.title),
            C::UpdateReflection(r) => format!("修改心得“{}”", r.title),
            C::RemoveReflection(_) => "删除心得".to_owned(),
            C::SetRequirements(_) => "修改具体要求".to_owned(),
            C::SetExemption { exemption: Some(_), .. } => "登记免学".to_owned(),
            C::SetExemption { exemption: None, .. } => "取消免学".to_owned(),
        }
    }
}

/// Applies a learning-stage command; on error nothing changes.
pub(super) fn apply(ledger: &mut Ledger, command: StudyCommand) -> Result<Applied, String> {
    use StudyCommand as C;
    match command {
        C::AddSession(session) => return add_session(ledger, session).map(Applied::SessionAdded),
        C::UpdateSession(session) => update_session(ledger, session)?,
        C::RemoveSession(id) => remove_session(ledger, id)?,
        C::SetAttendance {
            session,
            member,
            attendance,
        } => set_attendance(ledger, session, member, attendance)?,
        C::SetAllPresent(id) => set_all_present(ledger, id)?,
        C::AddMakeUp(make_up) => add_checked(ledger, make_up, check_make_up, make_ups)?,
        C::UpdateMakeUp(make_up) => replace_checked(ledger, make_up, check_make_up, make_ups, MAKE_UP_GONE)?,
        C::RemoveMakeUp(id) => records::remove(make_ups(ledger), id, MAKE_UP_GONE)?,
        C::AddReflection(reflection) => add_checked(ledger, reflection, check_reflection, reflections)?,
        C::UpdateReflection(reflection) => {
            replace_checked(ledger, reflection, check_reflection, reflections, REFLECTION_GONE)?
        }
        C::RemoveReflection(id) => records::remove(reflections(ledger), id, REFLECTION_GONE)?,
        C::SetRequirements(text) => ledger.study.requirements = text,
        C::SetExemption { member, exemption } => set_exemption(ledger, member, exemption)?,
    }
    Ok(Applied::Done)
}

// Where each kind of record is kept, for the shared steps of `records`.
fn make_ups(ledger: &mut Ledger) -> &mut Vec<MakeUp> {
    &mut ledger.study.make_ups
}

fn reflections(ledger: &mut Ledger) -> &mut Vec<Reflection> {
    &mut ledger.study.reflections
}

/// Adds a session in the stage of its date, every member active that day
/// present unless its attendance is given.
fn add_session(ledger: &mut Ledger, mut session: Session) -> Result<SessionId, String> {
    check_session(&session, &ledger.campaign.plan)?;
    session.stage = stage_of(ledger, &session);
    if session.attendance.is_empty() {
        session.attendance = present_on(ledger, session.date);
    }
    let fresh = ledger.next_id();
    Ok(records::add(&mut ledger.study.sessions, session.into(), fresh))
}

/// Every member active on `date`, present.
pub(super) fn present_on(ledger: &Ledger, date: Date) -> BTreeMap<MemberId, Attendance> {
    ledger
        .members
        .iter()
        .filter(|m| m.active_on(date))
        .map(|m| (m.id, Attendance::Present))
        .collect()
}

/// Changes a session's details and keeps its attendance, which follows a
/// changed date.
fn update_session(ledger: &mut Ledger, mut session: Session) -> Result<(), String> {
    check_session(&session, &ledger.campaign.plan)?;
    session.stage = stage_of(ledger, &session);
    let index = records::position(&ledger.study.sessions, session.id, SESSION_GONE)?;
    let old = &ledger.study.sessions[index];
    session.attendance = old.attendance.clone();
    if old.date != session.date {
        follow_date(&mut session.attendance, &ledger.members, session.date);
    }
    ledger.study.sessions[index] = session.into();
    Ok(())
}

/// Attendance moved to a new date: members not active then drop out, new
/// ones come in present, the others keep what they had.
pub(super) fn follow_date(attendance: &mut BTreeMap<MemberId, Attendance>, members: &[Member], date: Date) {
    for member in members {
        if member.active_on(date) {
            attendance.entry(member.id).or_insert(Attendance::Present);
        } else {
            attendance.remove(&member.id);
        }
    }
}

/// Removes a session; make-ups no longer cover it.
fn remove_session(ledger: &mut Ledger, id: SessionId) -> Result<(), String> {
    records::remove(&mut ledger.study.sessions, id, SESSION_GONE)?;
    for make_up in &mut ledger.study.make_ups {
        make_up.covers.retain(|s| *s != id);
    }
    Ok(())
}

fn set_attendance(
    ledger: &mut Ledger,
    session: SessionId,
    member: MemberId,
    attendance: Attendance,
) -> Result<(), String> {
    let Some(person) = ledger.member(member).cloned() else {
        return Err(MEMBER_GONE.to_owned());
    };
    let session = records::find_mut(&mut ledger.study.sessions, session, SESSION_GONE)?;
    if !person.active_on(session.date) {
        return Err("这名党员在这次学习时不在本支部，不需登记考勤".to_owned());
    }
    let uncovered_leave = attendance.missed();
    session.attendance.insert(member, attendance);
    if !uncovered_leave {
        // Attended after all: a make-up can no longer cover it.
        let id = session.id;
        for make_up in ledger.study.make_ups.iter_mut().filter(|m| m.member == member) {
            make_up.covers.retain(|s| *s != id);
        }
    }
    Ok(())
}

/// Marks every member active on the session's date present; make-ups no
/// longer cover it.
fn set_all_present(ledger: &mut Ledger, id: SessionId) -> Result<(), String> {
    let index = records::position(&ledger.study.sessions, id, SESSION_GONE)?;
    let present = present_on(ledger, ledger.study.sessions[index].date);
    ledger.study.sessions[index].attendance.extend(present);
    for make_up in &mut ledger.study.make_ups {
        make_up.covers.retain(|s| *s != id);
    }
    Ok(())
}

/// Grants (the reason trimmed) or withdraws a member's exemption.
fn set_exemption(ledger: &mut Ledger, member: MemberId, exemption: Option<Exemption>) -> Result<(), String> {
    if ledger.member(member).is_none() {
        return Err(MEMBER_GONE.to_owned());
    }
    let exemption = match exemption {
        Some(mut exemption) => {
            exemption.member = member;
            check_exemption(&exemption, ledger)?;
            exemption.reason = exemption.reason.trim().to_owned();
            Some(exemption)
        }
        None => None,
    };
    ledger.study.exemptions.retain(|e| e.member != member);
    ledger.study.exemptions.extend(exemption);
    Ok(())
}

/// The stage a session belongs to: the planned stage of its date, or else
/// the stage the branch is in.
fn stage_of(ledger: &Ledger, session: &Session) -> Stage {
    ledger
        .campaign
        .plan
        .stage_on(session.date)
        .unwrap_or(match ledger.campaign.stage {
            Stage::Preparation => Stage::Learning,
            Stage::Closed => Stage::Rectification,
            stage => stage,
        })
}
