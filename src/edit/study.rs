//! The learning stage's commands: sessions and attendance, make-up study,
//! reflections, exemptions and the branch's concrete requirements. Every
//! record is checked by [`crate::model::study_rules`] before it is kept.

use crate::model::study::{Attendance, Session};
use crate::model::study_rules::{check_exemption, check_make_up, check_reflection, check_session};
use crate::model::{Ledger, MakeUpId, ReflectionId, SessionId, Stage};

use super::{Applied, Command};

const SESSION_GONE: &str = "这次学习记录已不存在（可能已被删除）";
const MEMBER_GONE: &str = "这名党员已不在名册中";

/// The undo tooltip of a learning-stage command.
pub(super) fn describe(command: &Command) -> String {
    match command {
        Command::AddSession(s) => format!("新增学习“{}”", s.topic),
        Command::UpdateSession(s) => format!("修改学习“{}”", s.topic),
        Command::RemoveSession(_) => "删除学习记录".to_owned(),
        Command::SetAttendance { attendance, .. } => format!("考勤改为{}", attendance.label()),
        Command::SetAllPresent(_) => "全部出席".to_owned(),
        Command::AddMakeUp(_) => "新增补学".to_owned(),
        Command::UpdateMakeUp(_) => "修改补学".to_owned(),
        Command::RemoveMakeUp(_) => "删除补学".to_owned(),
        Command::AddReflection(r) => format!("新增心得“{}”", r.title),
        Command::UpdateReflection(r) => format!("修改心得“{}”", r.title),
        Command::RemoveReflection(_) => "删除心得".to_owned(),
        Command::SetRequirements(_) => "修改具体要求".to_owned(),
        Command::SetExemption { exemption: Some(_), .. } => "登记免学".to_owned(),
        Command::SetExemption { exemption: None, .. } => "取消免学".to_owned(),
        _ => String::new(),
    }
}

/// Applies a learning-stage command; on error nothing changes.
pub(super) fn apply(ledger: &mut Ledger, command: Command) -> Result<Applied, String> {
    match command {
        Command::AddSession(mut session) => {
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
        Command::UpdateSession(mut session) => {
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
        Command::RemoveSession(id) => {
            let before = ledger.study.sessions.len();
            ledger.study.sessions.retain(|s| s.id != id);
            if ledger.study.sessions.len() == before {
                return Err(SESSION_GONE.to_owned());
            }
            for make_up in &mut ledger.study.make_ups {
                make_up.covers.retain(|s| *s != id);
            }
        }
        Command::SetAttendance {
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
        Command::SetAllPresent(id) => {
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
        Command::AddMakeUp(mut make_up) => {
            check_make_up(&make_up, ledger)?;
            make_up.id = MakeUpId(ledger.next_id());
            ledger.study.make_ups.push(make_up);
        }
        Command::UpdateMakeUp(make_up) => {
            check_make_up(&make_up, ledger)?;
            let Some(slot) = ledger.study.make_ups.iter_mut().find(|m| m.id == make_up.id) else {
                return Err("这条补学记录已不存在".to_owned());
            };
            *slot = make_up;
        }
        Command::RemoveMakeUp(id) => {
            let before = ledger.study.make_ups.len();
            ledger.study.make_ups.retain(|m| m.id != id);
            if ledger.study.make_ups.len() == before {
                return Err("这条补学记录已不存在".to_owned());
            }
        }
        Command::AddReflection(mut reflection) => {
            check_reflection(&reflection, ledger)?;
            reflection.id = ReflectionId(ledger.next_id());
            ledger.study.reflections.push(reflection);
        }
        Command::UpdateReflection(reflection) => {
            check_reflection(&reflection, ledger)?;
            let Some(slot) = ledger.study.reflections.iter_mut().find(|r| r.id == reflection.id) else {
                return Err("这篇心得已不存在".to_owned());
            };
            *slot = reflection;
        }
        Command::RemoveReflection(id) => {
            let before = ledger.study.reflections.len();
            ledger.study.reflections.retain(|r| r.id != id);
            if ledger.study.reflections.len() == before {
                return Err("这篇心得已不存在".to_owned());
            }
        }
        Command::SetRequirements(text) => ledger.study.requirements = text,
        Command::SetExemption { member, exemption } => {
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
        _ => return Err("无法识别的操作".to_owned()),
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
    use super::super::apply;
    use super::*;
    use crate::model::study::{Exemption, MakeUp};
    use crate::model::{Date, Member, MemberId};

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
        match apply(ledger, Command::AddSession(session(date))) {
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
            assert!(apply(&mut ledger, Command::AddSession(s)).is_err(), "{hours}");
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
            Command::SetAttendance {
                session: id,
                member: MemberId(1),
                attendance: Attendance::Absent,
            },
        )
        .expect("absent");
        let mut moved = ledger.study.session(id).expect("session").clone();
        moved.date = Date::constant(2005, 12, 5);
        moved.attendance.clear();
        apply(&mut ledger, Command::UpdateSession(moved)).expect("update");
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
            Command::SetAttendance {
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
        let err = apply(&mut ledger, Command::AddMakeUp(make_up.clone())).unwrap_err();
        assert!(err.contains("不需补学"), "{err}");
        apply(
            &mut ledger,
            Command::SetAttendance {
                session: id,
                member: MemberId(1),
                attendance: Attendance::Leave("出差".into()),
            },
        )
        .expect("leave");
        apply(&mut ledger, Command::AddMakeUp(make_up)).expect("make-up");
        // Marked present after all: the make-up no longer covers it.
        apply(&mut ledger, Command::SetAllPresent(id)).expect("all present");
        assert!(ledger.study.make_ups[0].covers.is_empty());
    }

    #[test]
    fn exemption_needs_a_reason_and_can_be_withdrawn() {
        let mut ledger = ledger();
        let blank = Exemption {
            reason: "  ".into(),
            ..Exemption::default()
        };
        let set = |exemption| Command::SetExemption {
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
