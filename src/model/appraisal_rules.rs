//! The rules of the analysis-and-appraisal stage's records, each with the
//! message the secretary reads: opinions and their feedback, talk cards,
//! party-spirit analysis drafts, the organisational-life meeting, ballot
//! counts that must add up, and the grades the committee decides.

use super::analysis::{Analysis, FlexibleForm, Revision};
use super::appraisal::{AppraisalRound, Disposition, Grade, MemberResult};
use super::meeting::Meeting;
use super::opinion::{Issue, Opinion, Target};
use super::study::Attendance;
use super::study_rules::{check_in_campaign, count_chars};
use super::talk::{Review, TalkCard, TalkKind};
use super::{Ledger, Member};

/// The longest opinion or card text kept, in characters.
pub const MAX_TEXT_CHARS: u32 = 20_000;
/// The longest analysis draft kept, in characters.
pub const MAX_ANALYSIS_CHARS: u32 = 200_000;
/// More ballots than this in one round is a typing slip.
pub const MAX_BALLOTS: u32 = 100_000;

fn check_length(text: &str, what: &str, max: u32) -> Result<(), String> {
    let n = count_chars(text);
    if n > max {
        return Err(format!("{what}太长（{n} 字），最多 {max} 字"));
    }
    Ok(())
}

fn check_target(about: Target, ledger: &Ledger) -> Result<(), String> {
    match about {
        Target::Member(id) if ledger.member(id).is_none() => Err("意见所针对的党员已不在名册中".to_owned()),
        _ => Ok(()),
    }
}

/// A raw opinion: what it says, when and about whom.
pub fn check_opinion(opinion: &Opinion, ledger: &Ledger) -> Result<(), String> {
    if opinion.content.trim().is_empty() {
        return Err("请填写意见内容".to_owned());
    }
    check_length(&opinion.content, "意见内容", MAX_TEXT_CHARS)?;
    check_in_campaign(opinion.date, &ledger.campaign.plan)?;
    check_target(opinion.about, ledger)
}

/// A distinct opinion and its feedback: it is fed back after it was
/// received and signed for after it was fed back.
pub fn check_issue(issue: &Issue, ledger: &Ledger) -> Result<(), String> {
    if issue.content.trim().is_empty() {
        return Err("请填写梳理后的意见内容".to_owned());
    }
    check_length(&issue.content, "意见内容", MAX_TEXT_CHARS)?;
    check_target(issue.about, ledger)?;
    if let Some(fed_back) = issue.fed_back {
        if let Some(received) = ledger.opinions.received(issue.id)
            && fed_back < received
        {
            return Err("反馈日期早于收到意见的日期".to_owned());
        }
        check_in_campaign(fed_back, &ledger.campaign.plan)?;
    }
    match (issue.fed_back, issue.signed) {
        (None, Some(_)) => Err("尚未反馈的意见不能登记签收".to_owned()),
        (Some(fed_back), Some(signed)) if signed < fed_back => Err("签收日期早于反馈日期".to_owned()),
        _ => Ok(()),
    }
}

/// A talk card: a date in the campaign, a topic, at least two people of
/// whom at least one member, and the people its kind of talk needs.
pub fn check_talk(card: &TalkCard, ledger: &Ledger) -> Result<(), String> {
    check_in_campaign(card.date, &ledger.campaign.plan)?;
    if card.topic.trim().is_empty() {
        return Err("请填写谈话主题".to_owned());
    }
    for (text, what) in [
        (&card.content, "谈话内容"),
        (&card.problems, "提出的问题"),
        (&card.outcome, "达成的共识"),
        (&card.place, "谈话地点"),
    ] {
        check_length(text, what, MAX_TEXT_CHARS)?;
    }
    let mut members: Vec<&Member> = Vec::new();
    for id in &card.members {
        let Some(member) = ledger.member(*id) else {
            return Err("谈话人中有党员已不在名册中".to_owned());
        };
        if members.iter().any(|m| m.id == *id) {
            return Err(format!("{}在谈话人中出现了两次", member.name));
        }
        members.push(member);
    }
    if card.others.iter().any(|o| o.name.trim().is_empty()) {
        return Err("非党员谈话人须填写姓名".to_owned());
    }
    if members.is_empty() {
        return Err("谈心谈话至少要有一名本支部党员".to_owned());
    }
    if members.len() + card.others.len() < 2 {
        return Err("谈心谈话至少要有两个人".to_owned());
    }
    let committee = members.iter().filter(|m| m.committee).count();
    match card.kind {
        TalkKind::CommitteeCommittee if committee < 2 => Err(format!("“{}”的谈话须有两名支委", card.kind.label())),
        TalkKind::CommitteeSubordinate if committee < 1 => Err(format!("“{}”的谈话须有一名支委", card.kind.label())),
        TalkKind::MemberMasses if card.others.is_empty() => {
            Err(format!("“{}”的谈话须填写群众的姓名", card.kind.label()))
        }
        _ => match &card.review {
            Some(review) => check_review(review, card.date, "审阅"),
            None => Ok(()),
        },
    }
}

/// A review (督导组审阅, 审阅意见): who and when, not before the record.
pub fn check_review(review: &Review, not_before: super::Date, what: &str) -> Result<(), String> {
    if review.by.trim().is_empty() {
        return Err(format!("请填写{what}人姓名"));
    }
    if review.date < not_before {
        return Err(format!("{what}日期早于材料的日期"));
    }
    check_length(&review.comment, "审阅意见", MAX_TEXT_CHARS)
}

/// One draft of an analysis: not empty, not absurdly long, dated in the
/// campaign and not before the previous draft.
pub fn check_revision(revision: &Revision, analysis: Option<&Analysis>, ledger: &Ledger) -> Result<(), String> {
    if revision.chars() == 0 {
        return Err("材料还没有内容：请填写正文，或手写稿登记字数".to_owned());
    }
    let written = count_chars(&revision.text) + revision.parts.chars();
    if written > MAX_ANALYSIS_CHARS {
        return Err(format!("材料太长（{written} 字），最多 {MAX_ANALYSIS_CHARS} 字"));
    }
    check_in_campaign(revision.date, &ledger.campaign.plan)?;
    if let Some(last) = analysis.and_then(|a| a.revisions.last())
        && revision.date < last.date
    {
        return Err(format!("修改稿的日期早于上一稿（{}）", super::dates::show(last.date)));
    }
    Ok(())
}

/// A flexible form needs how it was done and why.
pub fn check_flexible(flexible: &FlexibleForm) -> Result<(), String> {
    if flexible.how.trim().is_empty() {
        return Err("请填写灵活方式，如“口述，他人代笔”".to_owned());
    }
    if flexible.reason.trim().is_empty() {
        return Err("请写明采用灵活方式的原因，如年老体弱、文化程度低".to_owned());
    }
    Ok(())
}

/// The characters a member's analysis needs: the cadre figure for a
/// leading cadre.
pub fn analysis_chars_required(member: &Member, ledger: &Ledger) -> u32 {
    let settings = &ledger.campaign.settings;
    if member.leading_cadre {
        settings.analysis_chars_cadre
    } else {
        settings.analysis_chars
    }
}

/// Whether a material may be made final: long enough, unless a flexible
/// form relaxes the length rule.
pub fn check_final(analysis: &Analysis, member: &Member, ledger: &Ledger) -> Result<(), String> {
    if analysis.revisions.is_empty() {
        return Err("还没有保存任何一稿，不能定稿".to_owned());
    }
    let required = analysis_chars_required(member, ledger);
    if analysis.flexible.is_none() && analysis.chars() < required {
        return Err(format!(
            "当前稿 {} 字，未达到 {} 字的要求；年老体弱等确有困难的，可登记灵活方式后定稿",
            analysis.chars(),
            required
        ));
    }
    Ok(())
}

/// The organisational-life meeting's record: a date, a host, attendance
/// only of members, and make-ups only for those absent, after the meeting.
pub fn check_meeting(meeting: &Meeting, ledger: &Ledger) -> Result<(), String> {
    check_in_campaign(meeting.date, &ledger.campaign.plan)?;
    if meeting.host.trim().is_empty() {
        return Err("请填写会议主持人".to_owned());
    }
    check_length(&meeting.minutes, "会议记录", MAX_ANALYSIS_CHARS)?;
    if meeting.attendance.keys().any(|id| ledger.member(*id).is_none()) {
        return Err("考勤中有党员已不在名册中".to_owned());
    }
    for (id, make_up) in &meeting.make_ups {
        let name = ledger.member_name(*id);
        if meeting.attendance.get(id).is_some_and(|a| *a == Attendance::Present) {
            return Err(format!("{name}出席了会议，不需要补课"));
        }
        if make_up.how.trim().is_empty() {
            return Err(format!("请填写{name}的补课方式"));
        }
        if make_up.date < meeting.date {
            return Err(format!("{name}的补课日期早于会议日期"));
        }
    }
    for (id, remarks) in &meeting.remarks {
        let name = ledger.member_name(*id);
        check_length(&remarks.self_criticism, &format!("{name}的自我批评"), MAX_TEXT_CHARS)?;
        check_length(&remarks.criticisms, &format!("{name}收到的批评意见"), MAX_TEXT_CHARS)?;
    }
    Ok(())
}

/// A ballot count that adds up: 实到 ≤ 应到, 有效 + 无效 = 实到, and for
/// each member 优秀 + 合格 + 基本合格 + 不合格 + 弃权 = 有效票.
pub fn check_round(round: &AppraisalRound, ledger: &Ledger) -> Result<(), String> {
    check_in_campaign(round.date, &ledger.campaign.plan)?;
    if round.expected == 0 {
        return Err("应到人数须大于 0".to_owned());
    }
    if round.expected > MAX_BALLOTS {
        return Err(format!("应到人数不应超过 {MAX_BALLOTS}"));
    }
    if round.present > round.expected {
        return Err(format!("实到 {} 人，多于应到 {} 人", round.present, round.expected));
    }
    if round.valid + round.invalid != round.present {
        return Err(format!(
            "有效票 {} 张 + 无效票 {} 张 = {} 张，与实到 {} 人不符",
            round.valid,
            round.invalid,
            round.valid + round.invalid,
            round.present
        ));
    }
    let mut seen = Vec::new();
    for tally in &round.tallies {
        let name = ledger.member_name(tally.member);
        if ledger.member(tally.member).is_none() {
            return Err("票数中有党员已不在名册中".to_owned());
        }
        if seen.contains(&tally.member) {
            return Err(format!("{name}的票数登记了两次"));
        }
        seen.push(tally.member);
        if tally.total() != round.valid {
            return Err(format!(
                "{name}的票数合计 {} 张（含弃权），与有效票 {} 张不符",
                tally.total(),
                round.valid
            ));
        }
    }
    Ok(())
}

/// The most 优秀 the cap allows among `members` appraised.
pub fn excellent_cap(ledger: &Ledger) -> Option<u32> {
    let members = ledger.current_members().count() as u32;
    ledger.campaign.settings.excellent_cap.map(|cap| cap.cap_of(members))
}

/// A member's result: a grade only when the campaign grades, 优秀 within
/// the cap, and 不合格 with its disposition (限期改正 with a deadline).
pub fn check_result(result: &MemberResult, ledger: &Ledger) -> Result<(), String> {
    let Some(member) = ledger.member(result.member) else {
        return Err("这名党员已不在名册中".to_owned());
    };
    check_length(&result.branch_opinion, "评议意见", MAX_TEXT_CHARS)?;
    check_length(&result.follow_up, "处置情况", MAX_TEXT_CHARS)?;
    if result.follow_up_done.is_some() && result.follow_up.trim().is_empty() {
        return Err("办结前请填写处置情况".to_owned());
    }
    if let Some(date) = result.self_appraisal {
        check_in_campaign(date, &ledger.campaign.plan)?;
    }
    if result.grade.is_some() && !ledger.campaign.settings.grading {
        return Err("本次活动不评定等次（见“设置”），不能登记组织评定等次".to_owned());
    }
    if result.grade == Some(Grade::Excellent)
        && let Some(cap) = excellent_cap(ledger)
    {
        let others = ledger
            .appraisal
            .results
            .iter()
            .filter(|r| r.member != result.member && r.grade == Some(Grade::Excellent))
            .filter(|r| ledger.member(r.member).is_some_and(Member::is_current))
            .count() as u32;
        if others + 1 > cap {
            let excellent = Grade::Excellent.label();
            return Err(format!(
                "评为{excellent}的已有 {others} 名，不能超过党员总数的比例上限（最多 {cap} 名）：{} 不能再评为{excellent}",
                member.name
            ));
        }
    }
    match (result.grade, result.disposition) {
        (Some(Grade::Unqualified), None) => {
            return Err(format!(
                "{}评为{}，请选择处置方式",
                member.name,
                Grade::Unqualified.label()
            ));
        }
        (grade, Some(_)) if grade != Some(Grade::Unqualified) => {
            return Err(format!("只有评为{}的党员才需要处置", Grade::Unqualified.label()));
        }
        _ => {}
    }
    if result.disposition == Some(Disposition::CorrectWithinLimit) && result.deadline.is_none() {
        return Err(format!("{}须填写改正期限", Disposition::CorrectWithinLimit.label()));
    }
    Ok(())
}

/// The most aspects a ballot prints.
pub const MAX_BALLOT_ASPECTS: usize = 12;

/// The aspects printed on the ballot (测评内容) as typed: trimmed, blank
/// ones dropped, at most [`MAX_BALLOT_ASPECTS`]. The screen shows the same
/// count and refusal as the edit path.
pub fn ballot_aspects<S: AsRef<str>>(typed: impl IntoIterator<Item = S>) -> Result<Vec<String>, String> {
    let aspects: Vec<String> = typed
        .into_iter()
        .map(|a| a.as_ref().trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    if aspects.len() > MAX_BALLOT_ASPECTS {
        return Err(format!("测评内容 {} 项，最多 {MAX_BALLOT_ASPECTS} 项", aspects.len()));
    }
    Ok(aspects)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::appraisal::Tally;
    use crate::model::opinion::Issue;
    use crate::model::talk::Outsider;
    use crate::model::{Date, MemberId, Settings};

    fn ledger() -> Ledger {
        let mut ledger = Ledger::default();
        for (i, name) in ["甲", "乙", "丙", "丁", "戊", "己"].iter().enumerate() {
            ledger.members.push(Member {
                id: MemberId(i as u64 + 1),
                name: (*name).into(),
                committee: i < 2,
                ..Member::default()
            });
        }
        ledger
    }

    fn card(members: &[u64]) -> TalkCard {
        TalkCard {
            date: Date::constant(2006, 2, 1),
            topic: "谈心".into(),
            members: members.iter().map(|i| MemberId(*i)).collect(),
            ..TalkCard::default()
        }
    }

    #[test]
    fn a_talk_needs_two_people_and_a_member() {
        let l = ledger();
        assert!(check_talk(&card(&[3]), &l).is_err());
        assert!(check_talk(&card(&[3, 4]), &l).is_ok());
        assert!(check_talk(&card(&[3, 3]), &l).unwrap_err().contains("两次"));
        let mut masses = card(&[3]);
        masses.kind = TalkKind::MemberMasses;
        assert!(check_talk(&masses, &l).is_err());
        masses.others.push(Outsider {
            name: "赵大爷".into(),
            role: "群众".into(),
        });
        assert!(check_talk(&masses, &l).is_ok());
    }

    #[test]
    fn committee_talks_need_committee_members() {
        let l = ledger();
        let mut c = card(&[1, 3]);
        c.kind = TalkKind::CommitteeCommittee;
        assert!(check_talk(&c, &l).unwrap_err().contains("两名支委"));
        c.members = vec![MemberId(1), MemberId(2)];
        assert!(check_talk(&c, &l).is_ok());
    }

    #[test]
    fn ballots_must_add_up() {
        let l = ledger();
        let mut round = AppraisalRound {
            date: Date::constant(2006, 2, 28),
            expected: 6,
            present: 5,
            valid: 4,
            invalid: 1,
            ..AppraisalRound::default()
        };
        assert!(check_round(&round, &l).is_ok());
        round.present = 7;
        assert!(check_round(&round, &l).unwrap_err().contains("多于应到"));
        round.present = 5;
        round.invalid = 0;
        assert!(check_round(&round, &l).unwrap_err().contains("与实到 5 人不符"));
        round.invalid = 1;
        round.tallies.push(Tally {
            member: MemberId(1),
            excellent: 2,
            qualified: 1,
            ..Tally::default()
        });
        assert!(check_round(&round, &l).unwrap_err().contains("与有效票 4 张不符"));
        round.tallies[0].abstained = 1;
        assert!(check_round(&round, &l).is_ok());
    }

    #[test]
    fn excellent_is_capped_at_a_third_of_members() {
        let mut l = ledger();
        for i in 1..=2 {
            l.appraisal.results.push(MemberResult {
                member: MemberId(i),
                grade: Some(Grade::Excellent),
                ..MemberResult::default()
            });
        }
        let third = MemberResult {
            member: MemberId(3),
            grade: Some(Grade::Excellent),
            ..MemberResult::default()
        };
        // Six members: at most two.
        assert!(check_result(&third, &l).unwrap_err().contains("最多 2 名"));
        // Re-saving one of the two is fine.
        assert!(check_result(&l.appraisal.results[0].clone(), &l).is_ok());
        l.campaign.settings.excellent_cap = None;
        assert!(check_result(&third, &l).is_ok());
    }

    #[test]
    fn unqualified_needs_a_disposition_and_a_deadline() {
        let l = ledger();
        let mut r = MemberResult {
            member: MemberId(4),
            grade: Some(Grade::Unqualified),
            ..MemberResult::default()
        };
        assert!(check_result(&r, &l).is_err());
        r.disposition = Some(Disposition::CorrectWithinLimit);
        assert!(check_result(&r, &l).unwrap_err().contains("期限"));
        r.deadline = Some(Date::constant(2006, 6, 1));
        assert!(check_result(&r, &l).is_ok());
        r.grade = Some(Grade::Qualified);
        assert!(check_result(&r, &l).is_err());
    }

    #[test]
    fn no_grades_when_the_campaign_does_not_grade() {
        let mut l = ledger();
        l.campaign.settings = Settings {
            grading: false,
            ..Settings::default()
        };
        let r = MemberResult {
            member: MemberId(4),
            grade: Some(Grade::Qualified),
            ..MemberResult::default()
        };
        assert!(check_result(&r, &l).unwrap_err().contains("不评定等次"));
    }

    #[test]
    fn feedback_comes_after_receipt_and_signing_after_feedback() {
        let mut l = ledger();
        l.opinions.opinions.push(Opinion {
            date: Date::constant(2006, 1, 20),
            content: "开会迟到".into(),
            issue: Some(crate::model::IssueId(9)),
            ..Opinion::default()
        });
        let mut issue = Issue {
            id: crate::model::IssueId(9),
            content: "开会经常迟到".into(),
            about: Target::Member(MemberId(3)),
            fed_back: Some(Date::constant(2006, 1, 10)),
            ..Issue::default()
        };
        assert!(check_issue(&issue, &l).unwrap_err().contains("早于收到"));
        issue.fed_back = None;
        issue.signed = Some(Date::constant(2006, 1, 25));
        assert!(check_issue(&issue, &l).unwrap_err().contains("尚未反馈"));
        issue.fed_back = Some(Date::constant(2006, 1, 26));
        assert!(check_issue(&issue, &l).unwrap_err().contains("签收日期早于"));
        issue.signed = Some(Date::constant(2006, 1, 27));
        assert!(check_issue(&issue, &l).is_ok());
    }
}
