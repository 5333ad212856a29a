//! The rules a study record must keep before it is accepted: hours in
//! halves of an hour, dates inside the campaign, a make-up that covers only
//! sessions the member really missed. Each rule answers with a Chinese
//! message that says what to change.

use super::campaign::StagePlan;
use super::numbers::half_width;
use super::study::{Exemption, MakeUp, Reflection, Session};
use super::{Date, Ledger};

/// The most class hours one session may have.
pub const MAX_SESSION_HOURS: f64 = 12.0;
/// The longest text a reflection may hold, in characters.
pub const MAX_REFLECTION_CHARS: u32 = 1_000_000;

/// Reads an hours figure as people type it: "2", "2.5", "２．５", "3学时".
pub fn parse_hours(text: &str) -> Result<f64, String> {
    let normal = text.trim().trim_end_matches("学时").trim_end_matches("小时").trim();
    let normal = half_width(normal);
    if normal.is_empty() {
        return Err("请填写学时".to_owned());
    }
    let hours: f64 = normal
        .parse()
        .map_err(|_| format!("“{}”不是学时数，请填写如 2 或 2.5", text.trim()))?;
    if !hours.is_finite() {
        return Err(format!("“{}”不是学时数，请填写如 2 或 2.5", text.trim()));
    }
    Ok(hours)
}

/// Hours must be positive, at most `max`, in halves of an hour.
pub fn check_hours(hours: f64, max: f64) -> Result<(), String> {
    if !hours.is_finite() || hours <= 0.0 {
        return Err("学时必须大于 0".to_owned());
    }
    if hours > max {
        return Err(format!("学时不能超过 {}", show_hours(max)));
    }
    if (hours * 2.0).fract() != 0.0 {
        return Err("学时以半小时为单位，如 1.5、2、2.5".to_owned());
    }
    Ok(())
}

/// The first and last day of the campaign as far as the plan says.
pub fn campaign_bounds(plan: &StagePlan) -> (Option<Date>, Option<Date>) {
    let starts = [plan.learning.start, plan.appraisal.start, plan.rectification.start];
    let ends = [plan.rectification.end, plan.appraisal.end, plan.learning.end];
    (starts.into_iter().flatten().next(), ends.into_iter().flatten().next())
}

/// A date must fall inside the campaign's planned days.
pub fn check_in_campaign(date: Date, plan: &StagePlan) -> Result<(), String> {
    let (start, end) = campaign_bounds(plan);
    if let Some(start) = start
        && date < start
    {
        return Err(format!(
            "日期 {} 早于活动开始（{}）",
            super::dates::show(date),
            super::dates::show(start)
        ));
    }
    if let Some(end) = end
        && date > end
    {
        return Err(format!(
            "日期 {} 晚于活动结束（{}）",
            super::dates::show(date),
            super::dates::show(end)
        ));
    }
    Ok(())
}

/// A study session or the mobilisation meeting.
pub fn check_session(session: &Session, plan: &StagePlan) -> Result<(), String> {
    if session.topic.trim().is_empty() {
        return Err("请填写学习内容（主题）".to_owned());
    }
    check_hours(session.hours, MAX_SESSION_HOURS)?;
    check_in_campaign(session.date, plan)
}

/// A make-up record: for a member on the roster, in the campaign, covering
/// only sessions that member missed, dated after them.
pub fn check_make_up(make_up: &MakeUp, ledger: &Ledger) -> Result<(), String> {
    let Some(member) = ledger.member(make_up.member) else {
        return Err("请选择补学的党员".to_owned());
    };
    check_hours(
        make_up.hours,
        ledger.campaign.settings.required_hours.max(MAX_SESSION_HOURS),
    )?;
    check_in_campaign(make_up.date, &ledger.campaign.plan)?;
    for id in &make_up.covers {
        let Some(session) = ledger.study.session(*id) else {
            return Err("所补的场次已被删除，请重新选择".to_owned());
        };
        let missed = member.active_on(session.date) && session.attendance.get(&member.id).is_some_and(|a| a.missed());
        if !missed {
            return Err(format!(
                "{}没有缺 {} 的学习，不需补学",
                member.name,
                super::dates::show(session.date)
            ));
        }
        if session.date > make_up.date {
            return Err(format!(
                "补学日期早于所补的场次（{}）",
                super::dates::show(session.date)
            ));
        }
    }
    Ok(())
}

/// A reflection or reading note.
pub fn check_reflection(reflection: &Reflection, ledger: &Ledger) -> Result<(), String> {
    if ledger.member(reflection.member).is_none() {
        return Err("请选择交心得的党员".to_owned());
    }
    if reflection.title.trim().is_empty() {
        return Err("请填写题目".to_owned());
    }
    if reflection.chars > MAX_REFLECTION_CHARS {
        return Err("字数不能超过 100 万".to_owned());
    }
    check_in_campaign(reflection.date, &ledger.campaign.plan)
}

/// An exemption needs a member and a written reason.
pub fn check_exemption(exemption: &Exemption, ledger: &Ledger) -> Result<(), String> {
    if ledger.member(exemption.member).is_none() {
        return Err("这名党员已不在名册中".to_owned());
    }
    if exemption.reason.trim().is_empty() {
        return Err("免学须写明理由（如：重病卧床）".to_owned());
    }
    Ok(())
}

/// Hours as the secretary writes them: "40", "2.5".
pub fn show_hours(hours: f64) -> String {
    // -0.0 (a sum of nothing, a difference that cancels) is written 0,
    // never "-0".
    let hours = if hours == 0.0 { 0.0 } else { hours };
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        format!("{hours:.1}")
    }
}

/// Characters of a text as a reader counts them: everything but spaces.
pub fn count_chars(text: &str) -> u32 {
    u32::try_from(text.chars().filter(|c| !c.is_whitespace()).count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::campaign::Period;

    fn plan() -> StagePlan {
        StagePlan {
            learning: Period {
                start: Some(Date::constant(2005, 11, 15)),
                end: Some(Date::constant(2006, 1, 15)),
            },
            rectification: Period {
                start: Some(Date::constant(2006, 3, 16)),
                end: Some(Date::constant(2006, 5, 31)),
            },
            ..StagePlan::default()
        }
    }

    #[test]
    fn hours_are_read_as_typed() {
        assert_eq!(parse_hours("2"), Ok(2.0));
        assert_eq!(parse_hours(" 2.5 "), Ok(2.5));
        assert_eq!(parse_hours("２．５"), Ok(2.5));
        assert_eq!(parse_hours("3学时"), Ok(3.0));
        assert_eq!(parse_hours("-1"), Ok(-1.0));
        assert!(parse_hours("两小时").is_err());
        assert!(parse_hours("").is_err());
        assert!(parse_hours("NaN").is_err());
        assert!(parse_hours("inf").is_err());
    }

    #[test]
    fn hours_must_be_positive_halves_and_at_most_twelve() {
        assert!(check_hours(0.5, MAX_SESSION_HOURS).is_ok());
        assert!(check_hours(12.0, MAX_SESSION_HOURS).is_ok());
        assert_eq!(check_hours(0.0, MAX_SESSION_HOURS), Err("学时必须大于 0".to_owned()));
        assert!(check_hours(-2.0, MAX_SESSION_HOURS).is_err());
        assert_eq!(check_hours(12.5, MAX_SESSION_HOURS), Err("学时不能超过 12".to_owned()));
        assert!(check_hours(1.25, MAX_SESSION_HOURS).is_err());
    }

    #[test]
    fn sessions_outside_the_campaign_are_refused() {
        let mut session = Session {
            topic: "学习党章".into(),
            hours: 2.0,
            date: Date::constant(2005, 11, 14),
            ..Session::default()
        };
        let err = check_session(&session, &plan()).unwrap_err();
        assert!(err.contains("早于活动开始"), "{err}");
        session.date = Date::constant(2006, 6, 1);
        assert!(check_session(&session, &plan()).unwrap_err().contains("晚于活动结束"));
        session.date = Date::constant(2006, 2, 1);
        assert_eq!(check_session(&session, &plan()), Ok(()));
        session.topic = "  ".into();
        assert!(check_session(&session, &plan()).is_err());
        // A campaign without dates yet accepts any date.
        session.topic = "学习党章".into();
        session.date = Date::constant(1999, 1, 1);
        assert_eq!(check_session(&session, &StagePlan::default()), Ok(()));
    }

    fn ledger_with_a_missed_session() -> Ledger {
        use crate::model::study::Attendance;
        use crate::model::{Member, MemberId, SessionId};
        let mut ledger = Ledger::default();
        ledger.campaign.plan = plan();
        ledger.members.push(Member {
            id: MemberId(1),
            name: "王建国".into(),
            ..Member::default()
        });
        ledger.study.sessions.push(
            Session {
                id: SessionId(5),
                date: Date::constant(2005, 11, 20),
                hours: 3.0,
                topic: "学习党章".into(),
                attendance: [(MemberId(1), Attendance::Absent)].into(),
                ..Session::default()
            }
            .into(),
        );
        ledger
    }

    #[test]
    fn make_up_rules() {
        use crate::model::{MemberId, SessionId};
        let ledger = ledger_with_a_missed_session();
        let good = MakeUp {
            member: MemberId(1),
            date: Date::constant(2005, 11, 25),
            hours: 3.0,
            covers: vec![SessionId(5)],
            ..MakeUp::default()
        };
        assert_eq!(check_make_up(&good, &ledger), Ok(()));
        let nobody = MakeUp {
            member: MemberId(9),
            ..good.clone()
        };
        assert_eq!(check_make_up(&nobody, &ledger), Err("请选择补学的党员".to_owned()));
        let before = MakeUp {
            date: Date::constant(2005, 11, 19),
            ..good.clone()
        };
        assert!(check_make_up(&before, &ledger).unwrap_err().contains("早于所补的场次"));
        let outside = MakeUp {
            date: Date::constant(2006, 7, 1),
            ..good.clone()
        };
        assert!(check_make_up(&outside, &ledger).unwrap_err().contains("晚于活动结束"));
        let gone = MakeUp {
            covers: vec![SessionId(77)],
            ..good.clone()
        };
        assert!(check_make_up(&gone, &ledger).unwrap_err().contains("已被删除"));
        let too_much = MakeUp {
            hours: 40.5,
            ..good.clone()
        };
        assert!(check_make_up(&too_much, &ledger).is_err());
        let negative = MakeUp { hours: -3.0, ..good };
        assert!(check_make_up(&negative, &ledger).is_err());
    }

    #[test]
    fn reflection_rules() {
        use crate::model::MemberId;
        let ledger = ledger_with_a_missed_session();
        let good = Reflection {
            member: MemberId(1),
            date: Date::constant(2005, 12, 1),
            title: "学习党章的体会".into(),
            chars: 1500,
            ..Reflection::default()
        };
        assert_eq!(check_reflection(&good, &ledger), Ok(()));
        let untitled = Reflection {
            title: " ".into(),
            ..good.clone()
        };
        assert_eq!(check_reflection(&untitled, &ledger), Err("请填写题目".to_owned()));
        let huge = Reflection {
            chars: MAX_REFLECTION_CHARS + 1,
            ..good.clone()
        };
        assert!(check_reflection(&huge, &ledger).is_err());
        let nobody = Reflection {
            member: MemberId(2),
            ..good.clone()
        };
        assert!(check_reflection(&nobody, &ledger).is_err());
        let early = Reflection {
            date: Date::constant(2005, 1, 1),
            ..good
        };
        assert!(check_reflection(&early, &ledger).is_err());
    }

    #[test]
    fn characters_are_counted_without_spaces() {
        assert_eq!(count_chars("学习 党章\n心得"), 6);
        assert_eq!(show_hours(40.0), "40");
        assert_eq!(show_hours(38.5), "38.5");
    }

    #[test]
    fn hours_that_come_to_nothing_are_written_0_never_minus_0() {
        assert_eq!(show_hours(-0.0), "0");
        assert_eq!(show_hours(2.0 - 2.0), "0");
        assert_eq!(show_hours(-1.5), "-1.5");
    }
}
