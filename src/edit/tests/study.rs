//! The learning stage's commands: sessions and their attendance, make-up
//! study, reflections, the concrete requirements and exemptions.

use super::*;
use crate::model::study::Exemption;
use crate::model::{MakeUpId, ReflectionId, SessionId};

use StudyCommand as S;

const SESSION: SessionId = SessionId(5);
const SESSION_GONE: &str = "这次学习记录已不存在（可能已被删除）";

fn attendance(ledger: &Ledger, session: SessionId) -> Vec<(MemberId, Attendance)> {
    let session = ledger.study.session(session).expect("the session");
    session.attendance.clone().into_iter().collect()
}

#[test]
fn a_new_session_marks_every_member_active_that_day_present() {
    let (after, applied) = accepted_as(&fixture(), S::AddSession(the_session()));
    assert_eq!(applied, Applied::SessionAdded(SessionId(20)));
    let present = Attendance::Present;
    assert_eq!(
        attendance(&after, SessionId(20)),
        [(WANG, present.clone()), (LI, present.clone()), (ZHANG, present)],
        "赵敏 transferred in later"
    );
    assert_eq!(
        after.study.session(SessionId(20)).map(|s| s.stage),
        Some(Stage::Learning)
    );
    refused_when_closed(S::AddSession(the_session()));
}

#[test]
fn a_session_between_planned_stages_belongs_to_the_stage_the_branch_is_in() {
    let mut plan = plan();
    plan.appraisal.end = Some(day(2006, 3, 10));
    let with_a_gap = with(fixture(), Command::SetPlan(plan));
    let between = Session {
        date: day(2006, 3, 12),
        ..the_session()
    };
    let after = accepted(&with_a_gap, S::AddSession(between));
    assert_eq!(
        after.study.session(SessionId(20)).map(|s| s.stage),
        Some(Stage::Rectification)
    );
}

#[test]
fn a_session_needs_a_topic_hours_in_halves_and_a_date_in_the_campaign() {
    let untitled = Session {
        topic: " ".into(),
        ..the_session()
    };
    refused(&fixture(), S::AddSession(untitled), "请填写学习内容（主题）");
    for (hours, message) in [
        (0.0, "学时必须大于 0"),
        (12.5, "学时不能超过 12"),
        (2.2, "学时以半小时为单位，如 1.5、2、2.5"),
    ] {
        let session = Session { hours, ..the_session() };
        refused(&fixture(), S::AddSession(session), message);
    }
    let early = Session {
        date: day(2005, 11, 1),
        ..the_session()
    };
    refused(
        &fixture(),
        S::AddSession(early),
        "日期 2005-11-01 早于活动开始（2005-11-15）",
    );
}

#[test]
fn a_changed_session_keeps_its_attendance_which_follows_a_new_date() {
    let mut moved: Session = (*fixture().study.sessions[0]).clone();
    moved.date = day(2005, 12, 5);
    moved.topic = "学习十六大报告".into();
    // What the form sends about attendance does not count.
    moved.attendance.clear();
    let after = accepted(&fixture(), S::UpdateSession(moved.clone()));
    let present = Attendance::Present;
    assert_eq!(
        attendance(&after, SESSION),
        [
            (WANG, present.clone()),
            (LI, Attendance::Leave("出差".into())),
            (ZHANG, present.clone()),
            (ZHAO, present)
        ],
        "赵敏 was a member by then"
    );
    assert_eq!(
        after.study.session(SESSION).map(|s| s.topic.as_str()),
        Some("学习十六大报告")
    );
    let gone = Session {
        id: SessionId(NOBODY),
        ..moved.clone()
    };
    refused(&fixture(), S::UpdateSession(gone), SESSION_GONE);
    let untitled = Session {
        topic: String::new(),
        ..moved.clone()
    };
    refused(&fixture(), S::UpdateSession(untitled), "请填写学习内容（主题）");
    refused_when_closed(S::UpdateSession(moved));
}

#[test]
fn a_removed_session_is_no_longer_covered_by_make_ups() {
    assert_eq!(fixture().study.make_ups[0].covers, [SESSION]);
    let after = accepted(&fixture(), S::RemoveSession(SESSION));
    assert!(after.study.sessions.is_empty());
    assert!(after.study.make_ups[0].covers.is_empty());
    refused(&fixture(), S::RemoveSession(SessionId(NOBODY)), SESSION_GONE);
    refused_when_closed(S::RemoveSession(SESSION));
}

fn mark(member: MemberId, attendance: Attendance) -> StudyCommand {
    S::SetAttendance {
        session: SESSION,
        member,
        attendance,
    }
}

#[test]
fn attendance_is_kept_per_member_and_present_uncovers_a_make_up() {
    let after = accepted(&fixture(), mark(ZHANG, Attendance::Absent));
    assert_eq!(attendance(&after, SESSION)[2], (ZHANG, Attendance::Absent));
    let after = accepted(&fixture(), mark(LI, Attendance::Present));
    assert_eq!(attendance(&after, SESSION)[1], (LI, Attendance::Present));
    assert!(after.study.make_ups[0].covers.is_empty(), "attended after all");
    refused_when_closed(mark(ZHANG, Attendance::Absent));
}

#[test]
fn attendance_needs_a_member_of_the_branch_on_the_day_and_a_session() {
    refused(
        &fixture(),
        mark(MemberId(NOBODY), Attendance::Absent),
        "这名党员已不在名册中",
    );
    refused(
        &fixture(),
        mark(ZHAO, Attendance::Present),
        "这名党员在这次学习时不在本支部，不需登记考勤",
    );
    let elsewhere = S::SetAttendance {
        session: SessionId(NOBODY),
        member: WANG,
        attendance: Attendance::Absent,
    };
    refused(&fixture(), elsewhere, SESSION_GONE);
}

#[test]
fn all_present_marks_every_active_member_and_uncovers_make_ups() {
    let after = accepted(&fixture(), S::SetAllPresent(SESSION));
    assert!(
        attendance(&after, SESSION)
            .iter()
            .all(|(_, a)| *a == Attendance::Present)
    );
    assert_eq!(attendance(&after, SESSION).len(), 3);
    assert!(after.study.make_ups[0].covers.is_empty());
    refused(&fixture(), S::SetAllPresent(SessionId(NOBODY)), SESSION_GONE);
    refused_when_closed(S::SetAllPresent(SESSION));
}

#[test]
fn a_make_up_covers_only_a_session_its_member_missed() {
    let zhang_absent = with(fixture(), mark(ZHANG, Attendance::Absent));
    let make_up = MakeUp {
        member: ZHANG,
        ..make_up_of_li()
    };
    let after = accepted(&zhang_absent, S::AddMakeUp(make_up.clone()));
    assert_eq!(after.study.make_ups[1].id, MakeUpId(20));
    assert_eq!(
        (after.study.make_ups[1].member, after.study.make_ups[1].hours),
        (ZHANG, 3.0)
    );
    refused(
        &fixture(),
        S::AddMakeUp(make_up.clone()),
        "张伟没有缺 2005-11-20 的学习，不需补学",
    );
    let nobody = MakeUp {
        member: MemberId(NOBODY),
        ..make_up.clone()
    };
    refused(&zhang_absent, S::AddMakeUp(nobody), "请选择补学的党员");
    refused_when_closed(S::AddMakeUp(make_up));
}

#[test]
fn a_changed_make_up_replaces_the_one_with_its_id() {
    let changed = MakeUp {
        hours: 2.5,
        delivered_by: "王建国".into(),
        ..fixture().study.make_ups[0].clone()
    };
    let after = accepted(&fixture(), S::UpdateMakeUp(changed.clone()));
    assert_eq!(
        (after.study.make_ups.len(), &after.study.make_ups[0]),
        (1, &changed),
        "replaced in place"
    );
    let gone = MakeUp {
        id: MakeUpId(NOBODY),
        ..changed.clone()
    };
    refused(&fixture(), S::UpdateMakeUp(gone), "这条补学记录已不存在");
    let before_the_session = MakeUp {
        date: day(2005, 11, 19),
        ..changed.clone()
    };
    refused(
        &fixture(),
        S::UpdateMakeUp(before_the_session),
        "补学日期早于所补的场次（2005-11-20）",
    );
    refused_when_closed(S::UpdateMakeUp(changed));
}

#[test]
fn a_removed_make_up_is_gone() {
    let after = accepted(&fixture(), S::RemoveMakeUp(MakeUpId(6)));
    assert!(after.study.make_ups.is_empty());
    refused(&fixture(), S::RemoveMakeUp(MakeUpId(NOBODY)), "这条补学记录已不存在");
    refused_when_closed(S::RemoveMakeUp(MakeUpId(6)));
}

#[test]
fn a_reflection_needs_a_member_and_a_title() {
    let note = Reflection {
        member: ZHAO,
        title: "读《保持共产党员先进性教育读本》".into(),
        ..reflection_of_wang()
    };
    let after = accepted(&fixture(), S::AddReflection(note.clone()));
    assert_eq!(
        after.study.reflections[1],
        Reflection {
            id: ReflectionId(20),
            ..note.clone()
        }
    );
    let untitled = Reflection {
        title: "  ".into(),
        ..note.clone()
    };
    refused(&fixture(), S::AddReflection(untitled), "请填写题目");
    let nobody = Reflection {
        member: MemberId(NOBODY),
        ..note.clone()
    };
    refused(&fixture(), S::AddReflection(nobody), "请选择交心得的党员");
    refused_when_closed(S::AddReflection(note));
}

#[test]
fn a_changed_reflection_replaces_the_one_with_its_id() {
    let changed = Reflection {
        chars: 2400,
        received: true,
        ..fixture().study.reflections[0].clone()
    };
    let after = accepted(&fixture(), S::UpdateReflection(changed.clone()));
    assert_eq!(
        (after.study.reflections.len(), &after.study.reflections[0]),
        (1, &changed),
        "replaced in place"
    );
    let gone = Reflection {
        id: ReflectionId(NOBODY),
        ..changed.clone()
    };
    refused(&fixture(), S::UpdateReflection(gone), "这篇心得已不存在");
    let huge = Reflection {
        chars: 1_000_001,
        ..changed.clone()
    };
    refused(&fixture(), S::UpdateReflection(huge), "字数不能超过 100 万");
    refused_when_closed(S::UpdateReflection(changed));
}

#[test]
fn a_removed_reflection_is_gone() {
    let after = accepted(&fixture(), S::RemoveReflection(ReflectionId(7)));
    assert!(after.study.reflections.is_empty());
    refused(
        &fixture(),
        S::RemoveReflection(ReflectionId(NOBODY)),
        "这篇心得已不存在",
    );
    refused_when_closed(S::RemoveReflection(ReflectionId(7)));
}

#[test]
fn the_concrete_requirements_are_kept_as_written() {
    let text = "带头学习提高，带头争创佳绩，带头服务群众";
    let after = accepted(&fixture(), S::SetRequirements(text.into()));
    assert_eq!(after.study.requirements, text);
    refused_when_closed(S::SetRequirements(text.into()));
}

fn exempt(member: MemberId, reason: &str) -> StudyCommand {
    S::SetExemption {
        member,
        exemption: Some(Exemption {
            member: WANG,
            reason: reason.into(),
            date: day(2005, 11, 16),
        }),
    }
}

#[test]
fn an_exemption_needs_a_reason_and_can_be_withdrawn() {
    let after = accepted(&fixture(), exempt(ZHANG, " 重病卧床 "));
    let kept = after.study.exemption(ZHANG).expect("exempt");
    assert_eq!((kept.member, kept.reason.as_str()), (ZHANG, "重病卧床"));
    assert!(
        after.study.exemption(WANG).is_none(),
        "the member of the command counts"
    );
    let again = accepted(&after, exempt(ZHANG, "长期住院"));
    assert_eq!(again.study.exemptions.len(), 1, "one exemption per member");
    let withdraw = S::SetExemption {
        member: ZHANG,
        exemption: None,
    };
    let after = accepted(&after, withdraw);
    assert!(after.study.exemptions.is_empty());
    refused(&fixture(), exempt(ZHANG, "  "), "免学须写明理由（如：重病卧床）");
    refused(&fixture(), exempt(MemberId(NOBODY), "重病卧床"), "这名党员已不在名册中");
    refused_when_closed(exempt(ZHANG, "重病卧床"));
}
