//! The learning stage's commands: sessions and attendance, make-up study,
//! reflections, exemptions and the branch's concrete requirements. Every
//! record is checked by [`crate::model::study_rules`] before it is kept.

use crate::model::study::{Attendance, Exemption, MakeUp, Reflection, Session};
use crate::model::study_rules::{check_exemption, check_make_up, check_reflection, check_session};
use crate::model::{Ledger, MakeUpId, MemberId, ReflectionId, SessionId, Stage};

use super::Applied;

const SESSION_GONE: &str = "这次学习记录已不存在（可能已被删除）";
const MEMBER_GONE: &str = "这名党员已不在名册中";

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
        C::AddSession(mut session) => {
            check_session(&session, &ledger.campaign.plan)?;
            session.id = SessionId(ledger.next_id());
            session.stage = stage_of(ledger, &session);
            if session.attendance.is_empty() {
                session.attendance = ledger
                    .members
                    .iter()
                    .filter(|m| m.active_on(session.date))
                    .map(|m| (m.id, Attendance::Present))
                    .collect();
            }
            let id = session.id;
            ledger.study.sessions.push(session.into());
            return Ok(Applied::SessionAdded(id));
        }
        C::UpdateSession(mut session) => {
            check_session(&session, &ledger.campaign.plan)?;
            session.stage = stage_of(ledger, &session);
            let Some(index) = ledger.study.sessions.iter().position(|s| s.id == session.id) else {
                return Err(SESSION_GONE.to_owned());
            };
            let old = &ledger.study.sessions[index];
            session.attendance = old.attendance.clone();
            if old.date != session.date {
                for member in &ledger.members {
                    if member.active_on(session.date) {
                        session.attendance.entry(member.id).or_insert(Attendance::Present);
                    } else {
                        session.attendance.remove(&member.id);
                    }
                }
            }
            ledger.study.sessions[index] = session.into();
        }
        C::RemoveSession(id) => {
            let before = ledger.study.sessions.len();
            ledger.study.sessions.retain(|s| s.id != id);
            if ledger.study.sessions.len() == before {
                return Err(SESSION_GONE.to_owned());
            }
            for make_up in &mut ledger.study.make_ups {
                make_up.covers.retain(|s| *s != id);
            }
        }
        C::SetAttendance {
            session,
            member,
            attendance,
        } => {
            let Some(person) = ledger.member(member).cloned() else {
                return Err(MEMBER_GONE.to_owned());
            };
            let Some(session) = ledger.study.sessions.iter_mut().find(|s| s.id == session) else {
                return Err(SESSION_GONE.to_owned());
            };
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
        }
        C::SetAllPresent(id) => {
            let Some(index) = ledger.study.sessions.iter().position(|s| s.id == id) else {
                return Err(SESSION_GONE.to_owned());
            };
            let date = ledger.study.sessions[index].date;
            let active: Vec<_> = ledger
                .members
                .iter()
                .filter(|m| m.active_on(date))
                .map(|m| m.id)
                .collect();
            let session = &mut ledger.study.sessions[index];
            for member in &active {
                session.attendance.insert(*member, Attendance::Present);
            }
            for make_up in &mut ledger.study.make_ups {
                make_up.covers.retain(|s| *s != id);
            }
        }
        C::AddMakeUp(mut make_up) => {
            check_make_up(&make_up, ledger)?;
            make_up.id = MakeUpId(ledger.next_id());
            ledger.study.make_ups.push(make_up);
        }
        C::UpdateMakeUp(make_up) => {
            check_make_up(&make_up, ledger)?;
            let Some(slot) = ledger.study.make_ups.iter_mut().find(|m| m.id == make_up.id) else {
                return Err("这条补学记录已不存在".to_owned());
            };
            *slot = make_up;
        }
        C::RemoveMakeUp(id) => {
            let before = ledger.study.make_ups.len();
            ledger.study.make_ups.retain(|m| m.id != id);
            if ledger.study.make_ups.len() == before {
                return Err("这条补学记录已不存在".to_owned());
            }
        }
        C::AddReflection(mut reflection) => {
            check_reflection(&reflection, ledger)?;
            reflection.id = ReflectionId(ledger.next_id());
            ledger.study.reflections.push(reflection);
        }
        C::UpdateReflection(reflection) => {
            check_reflection(&reflection, ledger)?;
            let Some(slot) = ledger.study.reflections.iter_mut().find(|r| r.id == reflection.id) else {
                return Err("这篇心得已不存在".to_owned());
            };
            *slot = reflection;
        }
        C::RemoveReflection(id) => {
            let before = ledger.study.reflections.len();
            ledger.study.reflections.retain(|r| r.id != id);
            if ledger.study.reflections.len() == before {
                return Err("这篇心得已不存在".to_owned());
            }
        }
        C::SetRequirements(text) => ledger.study.requirements = text,
        C::SetExemption { member, exemption } => {
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
        }
    }
    Ok(Applied::Done)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Member};

    /// Applies through the edit core's one entry, as the window does.
    fn apply(ledger: &mut Ledger, command: StudyCommand) -> Result<Applied, String> {
        super::super::apply(ledger, command.into())
    }

    fn ledger() -> Ledger {
        let mut ledger = Ledger::default();
        for name in ["王建国", "李秀英", "张伟"] {
            let id = MemberId(ledger.next_id());
            ledger.members.push(Member {
                id,
                name: name.into(),
                ..Member::default()
            });
        }
        ledger
    }

    fn session(date: Date) -> Session {
        Session {
            date,
            hours: 3.0,
            topic: "学习党章".into(),
            ..Session::default()
        }
    }

    fn add(ledger: &mut Ledger, date: Date) -> SessionId {
        match apply(ledger, StudyCommand::AddSession(session(date))) {
            Ok(Applied::SessionAdded(id)) => id,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_new_session_marks_every_active_member_present() {
        let mut ledger = ledger();
        ledger.members[2].transfer_in = Some(crate::model::member::Transfer {
            date: Date::constant(2005, 12, 1),
            other_branch: String::new(),
        });
        let id = add(&mut ledger, Date::constant(2005, 11, 20));
        let s = ledger.study.session(id).expect("session");
        assert_eq!(s.attendance.len(), 2);
        assert!(s.attendance.values().all(|a| *a == Attendance::Present));
    }

    #[test]
    fn bad_sessions_are_refused_and_change_nothing() {
        let mut ledger = ledger();
        for hours in [0.0, -1.0, 12.5, 2.2] {
            let mut s = session(Date::constant(2005, 11, 20));
            s.hours = hours;
            assert!(apply(&mut ledger, StudyCommand::AddSession(s)).is_err(), "{hours}");
        }
        assert!(ledger.study.sessions.is_empty());
    }

    #[test]
    fn a_changed_date_brings_in_members_who_were_active_then() {
        let mut ledger = ledger();
        ledger.members[2].transfer_in = Some(crate::model::member::Transfer {
            date: Date::constant(2005, 12, 1),
            other_branch: String::new(),
        });
        let id = add(&mut ledger, Date::constant(2005, 11, 20));
        apply(
            &mut ledger,
            StudyCommand::SetAttendance {
                session: id,
                member: MemberId(1),
                attendance: Attendance::Absent,
            },
        )
        .expect("absent");
        let mut moved = ledger.study.session(id).expect("session").clone();
        moved.date = Date::constant(2005, 12, 5);
        moved.attendance.clear();
        apply(&mut ledger, StudyCommand::UpdateSession(moved)).expect("update");
        let s = ledger.study.session(id).expect("session");
        assert_eq!(s.attendance.len(), 3);
        assert_eq!(s.attendance[&MemberId(1)], Attendance::Absent);
    }

    #[test]
    fn attendance_for_someone_not_yet_a_member_is_refused() {
        let mut ledger = ledger();
        ledger.members[2].transfer_in = Some(crate::model::member::Transfer {
            date: Date::constant(2005, 12, 1),
            other_branch: String::new(),
        });
        let id = add(&mut ledger, Date::constant(2005, 11, 20));
        let err = apply(
            &mut ledger,
            StudyCommand::SetAttendance {
                session: id,
                member: MemberId(3),
                attendance: Attendance::Present,
            },
        );
        assert!(err.is_err());
    }

    #[test]
    fn make_up_must_cover_a_missed_session_and_removal_uncovers_it() {
        let mut ledger = ledger();
        let id = add(&mut ledger, Date::constant(2005, 11, 20));
        let make_up = MakeUp {
            member: MemberId(1),
            date: Date::constant(2005, 11, 25),
            hours: 3.0,
            covers: vec![id],
            ..MakeUp::default()
        };
        let err = apply(&mut ledger, StudyCommand::AddMakeUp(make_up.clone())).unwrap_err();
        assert!(err.contains("不需补学"), "{err}");
        apply(
            &mut ledger,
            StudyCommand::SetAttendance {
                session: id,
                member: MemberId(1),
                attendance: Attendance::Leave("出差".into()),
            },
        )
        .expect("leave");
        apply(&mut ledger, StudyCommand::AddMakeUp(make_up)).expect("make-up");
        // Marked present after all: the make-up no longer covers it.
        apply(&mut ledger, StudyCommand::SetAllPresent(id)).expect("all present");
        assert!(ledger.study.make_ups[0].covers.is_empty());
    }

    #[test]
    fn exemption_needs_a_reason_and_can_be_withdrawn() {
        let mut ledger = ledger();
        let blank = Exemption {
            reason: "  ".into(),
            ..Exemption::default()
        };
        let set = |exemption| StudyCommand::SetExemption {
            member: MemberId(2),
            exemption,
        };
        assert!(apply(&mut ledger, set(Some(blank))).is_err());
        let ill = Exemption {
            reason: "重病卧床".into(),
            ..Exemption::default()
        };
        apply(&mut ledger, set(Some(ill))).expect("exempt");
        assert_eq!(
            ledger.study.exemption(MemberId(2)).map(|e| e.reason.as_str()),
            Some("重病卧床")
        );
        apply(&mut ledger, set(None)).expect("withdraw");
        assert!(ledger.study.exemptions.is_empty());
    }
}
