//! Stage 2, links 4–6 of the demo: the special organisational-life meeting,
//! one round of anonymous ballots whose counts add up, and the grades the
//! committee has decided so far (at most a third 优秀).

use std::collections::{HashMap, HashSet};

use super::texts::BRANCH_OPINIONS_BY_GRADE;
use super::{Demo, SUPERVISOR, TOWN_LEADER, add_days, member_names};
use crate::model::appraisal::{AppraisalRound, Disposition, Grade, MemberResult, Tally, Voters};
use crate::model::dates::show;
use crate::model::meeting::{Meeting, MeetingKind, MeetingMakeUp, Remarks};
use crate::model::member::FlowDirection;
use crate::model::study::Attendance;
use crate::model::{AppraisalId, Category, Date, MeetingId, MemberId};

const MEETING_DAY: Date = Date::constant(2006, 2, 25);
const BALLOT_DAY: Date = Date::constant(2006, 3, 1);
const GRADED_DAY: Date = Date::constant(2006, 3, 6);

/// Records the meeting, the ballot count and the results so far.
pub(super) fn build(d: &mut Demo) {
    meeting(d);
    let shares = ballots(d);
    results(d, &shares);
}

/// Whether member `i` came to a meeting of the whole branch.
fn attendance(d: &mut Demo, i: usize) -> Attendance {
    let m = &d.ledger.members[i];
    if d.traits[i].unreachable {
        Attendance::Absent
    } else if m.category == Some(Category::Mobile) && m.mobile.direction == FlowDirection::Outflow {
        Attendance::Leave("外出务工".to_owned())
    } else if m.category == Some(Category::ElderlyFrail) && d.rng.chance(0.5) {
        Attendance::Leave("年老体弱".to_owned())
    } else if d.rng.chance(0.03) {
        Attendance::Leave("生病".to_owned())
    } else {
        Attendance::Present
    }
}

fn meeting(d: &mut Demo) {
    let active = d.active_on(MEETING_DAY);
    let mut meeting = Meeting {
        kind: MeetingKind::OrganisationalLife,
        date: MEETING_DAY,
        place: "村党员活动室".to_owned(),
        host: d.secretary(),
        guests: format!("镇党委副书记{TOWN_LEADER}、县委第三督导组{SUPERVISOR}"),
        ..Meeting::default()
    };
    let mut present = Vec::new();
    for &i in &active {
        let a = attendance(d, i);
        if a == Attendance::Present {
            present.push(i);
        }
        meeting.attendance.insert(d.ledger.members[i].id, a);
    }
    let written: HashSet<MemberId> = d.ledger.analyses.iter().map(|a| a.member).collect();
    let analysed: Vec<usize> = present
        .iter()
        .copied()
        .filter(|&i| written.contains(&d.ledger.members[i].id))
        .collect();
    meeting.spoke = analysed.iter().map(|&i| d.ledger.members[i].id).collect();
    meeting.minutes = format!(
        "会议由支部书记{}主持。应到党员 {} 名，实到 {} 名。会议首先由支部书记代表支委会作对照检查，\
         然后{}依次宣读个人党性分析材料，其他党员逐一提出批评意见，本人作表态发言。\
         会上共提出批评意见 {} 条，大家本着“团结—批评—团结”的原则，开展了积极健康的批评与自我批评，\
         达到了统一思想、增进团结、共同提高的目的。镇党委副书记{TOWN_LEADER}作点评讲话。",
        meeting.host,
        active.len(),
        present.len(),
        member_names(&d.ledger.members, &analysed, 5),
        analysed.len() * 2 + d.rng.below(analysed.len() + 1),
    );
    // Held on the planned day although some members' talks and materials
    // were not finished: the town committee agreed, with the reason kept.
    meeting.held = true;
    meeting.precheck_override = "个别党员谈心次数不足、材料尚在修改，经镇党委同意按计划召开，会后逐人补齐。".to_owned();
    // Each member's first analysis and first two opinions, found in one
    // pass: a scan of them all for each member took minutes at 100,000.
    let mut own_problems: HashMap<MemberId, Vec<String>> = HashMap::new();
    for a in &d.ledger.analyses {
        own_problems
            .entry(a.member)
            .or_insert_with(|| a.problems.iter().take(2).map(|p| p.text.clone()).collect());
    }
    let mut opinions_heard: HashMap<MemberId, Vec<String>> = HashMap::new();
    for issue in &d.ledger.opinions.issues {
        if let crate::model::opinion::Target::Member(id) = issue.about {
            let heard = opinions_heard.entry(id).or_default();
            if heard.len() < 2 {
                heard.push(issue.content.clone());
            }
        }
    }
    for &i in &analysed {
        let id = d.ledger.members[i].id;
        let problems = own_problems.remove(&id).unwrap_or_default();
        let heard = opinions_heard.remove(&id).unwrap_or_default();
        meeting.remarks.insert(
            id,
            Remarks {
                self_criticism: if problems.is_empty() {
                    "对照党章和支部的具体要求，查找了自身在学习和工作中的不足。".to_owned()
                } else {
                    problems.join("；")
                },
                criticisms: if heard.is_empty() {
                    "同志们希望其进一步加强学习，在村里的事情上多带头。".to_owned()
                } else {
                    heard.join("；")
                },
            },
        );
    }
    let missed: Vec<MemberId> = meeting
        .attendance
        .iter()
        .filter(|(_, a)| a.missed())
        .map(|(id, _)| *id)
        .collect();
    for (n, id) in missed.into_iter().enumerate() {
        if n % 2 == 0 {
            meeting.make_ups.insert(
                id,
                MeetingMakeUp {
                    date: add_days(MEETING_DAY, 3 + n as i64 % 5),
                    how: "支部书记上门，听取本人自我批评并转达大家的意见".to_owned(),
                },
            );
        }
    }
    meeting.id = MeetingId(d.id());
    d.ledger.meetings.push(meeting);
}

/// The members' share of 优秀 votes, by member index, for the grading.
fn ballots(d: &mut Demo) -> Vec<(usize, f64, f64)> {
    let active = d.active_on(BALLOT_DAY);
    let weak = active
        .iter()
        .copied()
        .find(|&i| d.ledger.members[i].category == Some(Category::Pocket));
    let present = active
        .iter()
        .filter(|&&i| attendance(d, i) == Attendance::Present)
        .count() as u32;
    let invalid = (d.rng.below(3) as u32 + present / 200).min(present);
    let valid = present - invalid;
    let mut round = AppraisalRound {
        id: AppraisalId(d.id()),
        date: BALLOT_DAY,
        voters: Voters::Members,
        expected: active.len() as u32,
        present,
        valid,
        invalid,
        tallies: Vec::with_capacity(active.len()),
    };
    let mut shares = Vec::with_capacity(active.len());
    for &i in &active {
        let m = &d.ledger.members[i];
        let rng = &mut d.rng;
        let (excellent, basic, unqualified) = if d.traits[i].unreachable {
            (
                0.0,
                0.3 + rng.below(20) as f64 / 100.0,
                0.2 + rng.below(20) as f64 / 100.0,
            )
        } else if Some(i) == weak {
            (
                0.0,
                0.35 + rng.below(15) as f64 / 100.0,
                0.25 + rng.below(15) as f64 / 100.0,
            )
        } else if m.committee || m.leading_cadre {
            (0.5 + rng.below(30) as f64 / 100.0, 0.0, 0.0)
        } else {
            (0.1 + rng.below(40) as f64 / 100.0, rng.below(6) as f64 / 100.0, 0.0)
        };
        // A few ballots leave this member blank: counted as 弃权, so that
        // every member's tally adds up to the valid ballots, as the
        // round's own check asks.
        let blank = (rng.below(3) as u32).min(valid);
        let total = valid - blank;
        let count = |share: f64| (f64::from(total) * share) as u32;
        let abstained = count(rng.below(3) as f64 / 100.0) + blank;
        let mut tally = Tally {
            member: m.id,
            excellent: count(excellent),
            basic: count(basic),
            unqualified: count(unqualified),
            abstained,
            qualified: 0,
        };
        tally.qualified = valid.saturating_sub(tally.excellent + tally.basic + tally.unqualified + tally.abstained);
        shares.push((i, excellent, basic + unqualified));
        round.tallies.push(tally);
    }
    d.ledger.appraisal.rounds.push(round);
    shares
}

fn results(d: &mut Demo, shares: &[(usize, f64, f64)]) {
    let cap = d.ledger.campaign.settings.excellent_cap;
    let mut grades: Vec<Option<Grade>> = vec![None; d.ledger.members.len()];
    let mut graded: Vec<(usize, f64, f64)> = Vec::new();
    for &(i, excellent, poor) in shares {
        if !d.traits[i].unreachable && (d.rng.chance(0.75) || poor > 0.3) {
            graded.push((i, excellent, poor));
        }
    }
    // Best first: the top fifth is 优秀, never more than the cap allows.
    graded.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let allowed = cap.map_or(graded.len(), |c| c.cap_of(shares.len() as u32) as usize);
    let excellent = (graded.len() / 5).min(allowed);
    for (rank, &(i, _, poor)) in graded.iter().enumerate() {
        grades[i] = Some(if rank < excellent {
            Grade::Excellent
        } else if poor > 0.5 {
            Grade::Unqualified
        } else if poor > 0.04 {
            Grade::Basic
        } else {
            Grade::Qualified
        });
    }
    for &(i, _, _) in shares {
        let member = d.ledger.members[i].id;
        if d.traits[i].unreachable {
            d.ledger.appraisal.results.push(MemberResult {
                member,
                branch_opinion: "该同志外出后长期失去联系，待联系上后再行评定。".to_owned(),
                ..MemberResult::default()
            });
            continue;
        }
        let self_appraisal = Some(if d.rng.chance(0.5) {
            Date::constant(2006, 2, 27)
        } else {
            Date::constant(2006, 2, 28)
        });
        let Some(grade) = grades[i] else {
            d.ledger.appraisal.results.push(MemberResult {
                member,
                self_appraisal,
                ..MemberResult::default()
            });
            continue;
        };
        let index = Grade::ALL.iter().position(|g| *g == grade).unwrap_or(1);
        let unqualified = grade == Grade::Unqualified;
        d.ledger.appraisal.results.push(MemberResult {
            member,
            self_appraisal,
            self_grade: Some(if grade == Grade::Excellent {
                Grade::Qualified
            } else {
                grade
            }),
            grade: Some(grade),
            branch_opinion: BRANCH_OPINIONS_BY_GRADE[index].to_owned(),
            disposition: unqualified.then_some(Disposition::CorrectWithinLimit),
            deadline: unqualified.then(|| add_days(GRADED_DAY, 90)),
            follow_up: if unqualified {
                format!(
                    "{} 支委会评定后，支部书记已两次谈话，本人表示接受，限期三个月改正。",
                    show(GRADED_DAY)
                )
            } else {
                String::new()
            },
            follow_up_done: None,
        });
    }
}
