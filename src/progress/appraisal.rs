//! Facts of the analysis-and-appraisal stage, worked out from the records:
//! each member's talks against the requirement, opinions fed back and
//! signed for, the state of their analysis, their part in the meeting and
//! the appraisal; the three don't-convenes (三不开) precheck of the meeting;
//! and the committee's who-has-talked-with-whom pairs.
//!
//! Counting rules:
//! - a talk card counts once for each roster member on it; non-members on
//!   a card count for nobody;
//! - a leading cadre needs `talks_required_cadre` talks, others
//!   `talks_required`;
//! - a distinct opinion's reply limit runs from the newest raw opinion
//!   merged into it; one not fed back within `feedback_days` is overdue.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use crate::model::analysis::{Analysis, AnalysisStatus};
use crate::model::appraisal::{AppraisalRecords, Grade};
use crate::model::appraisal_rules::analysis_chars_required;
use crate::model::campaign::Settings;
use crate::model::meeting::{Meeting, MeetingKind};
use crate::model::opinion::{Issue, OpinionRecords, Target};
use crate::model::study::Attendance;
use crate::model::talk::TalkCard;
use crate::model::{Date, IssueId, Ledger, Member, MemberId, Shared};
use crate::progress::lengths::analysis_chars;

use super::gate::{Check, Fix, Unmet};

/// One member's standing in the appraisal stage.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberAppraisal {
    pub member: MemberId,
    /// Talk cards this member is on.
    pub talks: u32,
    pub talks_required: u32,
    /// Distinct opinions about this member.
    pub issues: u32,
    pub fed_back: u32,
    pub signed: u32,
    /// Not fed back within the reply limit.
    pub overdue: u32,
    /// `None` while no draft is saved.
    pub analysis: Option<AnalysisStatus>,
    pub analysis_chars: u32,
    pub analysis_required: u32,
    pub flexible: bool,
    pub meeting: MeetingPart,
    /// Counted in a ballot round.
    pub balloted: bool,
    pub self_appraised: bool,
    /// The committee's grade.
    pub grade: Option<Grade>,
    /// The branch's written appraisal opinion is there.
    pub opinion_written: bool,
}

impl MemberAppraisal {
    pub fn talks_met(&self) -> bool {
        self.talks >= self.talks_required
    }

    /// Every opinion about the member fed back and signed for.
    pub fn feedback_met(&self) -> bool {
        self.signed == self.issues
    }

    pub fn analysis_final(&self) -> bool {
        self.analysis == Some(AnalysisStatus::Final)
    }

    /// Appraised: balloted and self-appraised, and graded where the
    /// campaign grades.
    pub fn appraised(&self, grading: bool) -> bool {
        self.balloted && self.self_appraised && (!grading || self.grade.is_some())
    }
}

/// A member's part in the organisational-life meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingPart {
    /// No meeting recorded yet.
    NoMeeting,
    /// The meeting is recorded but not held yet.
    Planned,
    Attended,
    /// Absent, and made it up (补课).
    MadeUp,
    /// Absent with no make-up.
    Missed,
    /// Not a member on the meeting's day.
    NotMember,
}

impl MeetingPart {
    pub fn label(self) -> &'static str {
        match self {
            MeetingPart::NoMeeting => "未开会",
            MeetingPart::Planned => "未召开",
            MeetingPart::Attended => "参加",
            MeetingPart::MadeUp => "已补课",
            MeetingPart::Missed => "缺席未补课",
            MeetingPart::NotMember => "—",
        }
    }

    /// Whether the member's part is done.
    pub fn met(self) -> bool {
        matches!(
            self,
            MeetingPart::Attended | MeetingPart::MadeUp | MeetingPart::NotMember
        )
    }
}

/// The special organisational-life meeting (the newest, if more than one).
pub fn life_meeting(ledger: &Ledger) -> Option<&Meeting> {
    ledger
        .meetings_of(MeetingKind::OrganisationalLife)
        .max_by_key(|m| (m.held, m.date))
}

/// How many talk cards each member is on.
pub fn talk_counts(ledger: &Ledger) -> HashMap<MemberId, u32> {
    let mut counts = HashMap::new();
    for card in &ledger.talks {
        for member in &card.members {
            *counts.entry(*member).or_insert(0) += 1;
        }
    }
    counts
}

/// The talks a member needs.
pub fn talks_required(member: &Member, ledger: &Ledger) -> u32 {
    let settings = &ledger.campaign.settings;
    if member.leading_cadre {
        settings.talks_required_cadre
    } else {
        settings.talks_required
    }
}

/// The last day an issue may be fed back, if its opinions are dated.
pub fn feedback_due(ledger: &Ledger, issue: &Issue) -> Option<Date> {
    due_after(ledger, ledger.opinions.received(issue.id)?)
}

/// The reply limit of opinions received on `received`.
fn due_after(ledger: &Ledger, received: Date) -> Option<Date> {
    received
        .checked_add(jiff::Span::new().days(i64::from(ledger.campaign.settings.feedback_days)))
        .ok()
}

/// Whether an issue is past its reply limit without feedback on `today`.
pub fn is_overdue(ledger: &Ledger, issue: &Issue, today: Date) -> bool {
    issue.fed_back.is_none() && feedback_due(ledger, issue).is_some_and(|due| today > due)
}

/// [`is_overdue`] for many issues: the dates they were received
/// ([`crate::model::opinion::OpinionRecords::received_all`]) looked up
/// once, not by scanning every opinion for each issue.
pub struct Overdue<'a> {
    ledger: &'a Ledger,
    received: HashMap<IssueId, Date>,
}

impl<'a> Overdue<'a> {
    /// The dates every issue of `ledger` was received, in one pass.
    pub fn of(ledger: &'a Ledger) -> Self {
        Self {
            ledger,
            received: ledger.opinions.received_all(),
        }
    }

    /// As [`is_overdue`].
    pub fn is_overdue(&self, issue: &Issue, today: Date) -> bool {
        issue.fed_back.is_none()
            && self
                .received
                .get(&issue.id)
                .and_then(|&received| due_after(self.ledger, received))
                .is_some_and(|due| today > due)
    }
}

/// Every member's standing, in roster order. Overdue opinions are counted
/// only when `today` is given.
///
/// An export asks for these three times (the figures, the checklist,
/// 民主评议), the window after most edits twice; so the last answer is kept
/// with what it was worked out from ([`Memo`]) and handed out again while
/// that is unchanged (without today's overdue counts, when asked for none).
pub fn appraisal_of_all(ledger: &Ledger, today: Option<Date>) -> Vec<MemberAppraisal> {
    // A panic elsewhere while the lock was held leaves a whole memo or
    // none: still sound.
    let lock = || LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(standings) = lock().as_ref().and_then(|memo| memo.answer(ledger, today)) {
        return standings;
    }
    let standings = work_out(ledger, today);
    *lock() = Some(Memo::of(ledger, today, standings.clone()));
    standings
}

/// The last standings worked out, and the parts of the ledger they came
/// from: the roster, the opinions, the meetings, the appraisal records,
/// each talk card and each analysis (by their allocations, as
/// `progress::hours` keeps its parts: a [`Weak`] to each keeps the memo
/// from answering for a changed part, since [`Arc::make_mut`] then moves
/// or copies the value to a new allocation), the settings and the day.
struct Memo {
    members: Weak<Vec<Member>>,
    opinions: Weak<OpinionRecords>,
    meetings: Weak<Vec<Meeting>>,
    appraisal: Weak<AppraisalRecords>,
    talks: Vec<Weak<TalkCard>>,
    analyses: Vec<Weak<Analysis>>,
    settings: Settings,
    today: Option<Date>,
    standings: Vec<MemberAppraisal>,
}

static LAST: Mutex<Option<Memo>> = Mutex::new(None);

impl Memo {
    fn of(ledger: &Ledger, today: Option<Date>, standings: Vec<MemberAppraisal>) -> Self {
        Self {
            members: Arc::downgrade(ledger.members.arc()),
            opinions: Arc::downgrade(ledger.opinions.arc()),
            meetings: Arc::downgrade(ledger.meetings.arc()),
            appraisal: Arc::downgrade(ledger.appraisal.arc()),
            talks: ledger.talks.iter().map(|t| Arc::downgrade(t.arc())).collect(),
            analyses: ledger.analyses.iter().map(|a| Arc::downgrade(a.arc())).collect(),
            settings: ledger.campaign.settings.clone(),
            today,
            standings,
        }
    }

    /// The standings of `ledger` on `today`, if they are these.
    fn answer(&self, ledger: &Ledger, today: Option<Date>) -> Option<Vec<MemberAppraisal>> {
        fn same<T>(weak: &Weak<T>, arc: &Arc<T>) -> bool {
            std::ptr::eq(weak.as_ptr(), Arc::as_ptr(arc))
        }
        fn all_same<T>(weak: &[Weak<T>], shared: &[Shared<T>]) -> bool {
            weak.len() == shared.len() && weak.iter().zip(shared).all(|(w, s)| same(w, s.arc()))
        }
        let answers = same(&self.members, ledger.members.arc())
            && same(&self.opinions, ledger.opinions.arc())
            && same(&self.meetings, ledger.meetings.arc())
            && same(&self.appraisal, ledger.appraisal.arc())
            && all_same(&self.talks, &ledger.talks)
            && all_same(&self.analyses, &ledger.analyses)
            && self.settings == ledger.campaign.settings;
        if !answers {
            return None;
        }
        if today == self.today {
            return Some(self.standings.clone());
        }
        // Overdue counts are all that depends on the day.
        today.is_none().then(|| {
            let mut standings = self.standings.clone();
            standings.iter_mut().for_each(|s| s.overdue = 0);
            standings
        })
    }
}

/// [`appraisal_of_all`] worked out afresh.
fn work_out(ledger: &Ledger, today: Option<Date>) -> Vec<MemberAppraisal> {
    let talks = talk_counts(ledger);
    let meeting = life_meeting(ledger);
    // Each record looked up once, not once per member: 500 members with
    // their opinions, analyses and tallies stay well under a frame.
    let mut issues: HashMap<MemberId, [u32; 4]> = HashMap::new();
    let overdue = today.map(|today| (Overdue::of(ledger), today));
    for issue in &ledger.opinions.issues {
        let Target::Member(id) = issue.about else { continue };
        let counts = issues.entry(id).or_default();
        counts[0] += 1;
        counts[1] += u32::from(issue.fed_back.is_some());
        counts[2] += u32::from(issue.signed.is_some());
        counts[3] += u32::from(overdue.as_ref().is_some_and(|(o, today)| o.is_overdue(issue, *today)));
    }
    // The first of each member, as a search of the list finds it.
    let mut analyses: HashMap<MemberId, &Shared<Analysis>> = HashMap::new();
    for a in &ledger.analyses {
        analyses.entry(a.member).or_insert(a);
    }
    let results = ledger.appraisal.results_by_member();
    let balloted: std::collections::HashSet<MemberId> = ledger
        .appraisal
        .rounds
        .iter()
        .flat_map(|r| r.tallies.iter().map(|t| t.member))
        .collect();
    ledger
        .members
        .iter()
        .map(|m| {
            let [issues, fed_back, signed, overdue] = issues.get(&m.id).copied().unwrap_or_default();
            let analysis = analyses.get(&m.id).copied();
            let result = results.get(&m.id).copied();
            MemberAppraisal {
                member: m.id,
                talks: talks.get(&m.id).copied().unwrap_or(0),
                talks_required: talks_required(m, ledger),
                issues,
                fed_back,
                signed,
                overdue,
                analysis: analysis.filter(|a| !a.revisions.is_empty()).map(|a| a.status),
                analysis_chars: analysis.map_or(0, analysis_chars),
                analysis_required: analysis_chars_required(m, ledger),
                flexible: analysis.is_some_and(|a| a.flexible.is_some()),
                meeting: meeting_part(meeting, m),
                balloted: balloted.contains(&m.id),
                self_appraised: result.is_some_and(|r| r.self_appraisal.is_some() || r.self_grade.is_some()),
                grade: result.and_then(|r| r.grade),
                opinion_written: result.is_some_and(|r| !r.branch_opinion.trim().is_empty()),
            }
        })
        .collect()
}

fn meeting_part(meeting: Option<&Meeting>, member: &Member) -> MeetingPart {
    let Some(meeting) = meeting else {
        return MeetingPart::NoMeeting;
    };
    if !meeting.held {
        return MeetingPart::Planned;
    }
    if meeting.make_ups.contains_key(&member.id) {
        return MeetingPart::MadeUp;
    }
    match meeting.attendance.get(&member.id) {
        Some(Attendance::Present) => MeetingPart::Attended,
        Some(_) => MeetingPart::Missed,
        None if member.active_on(meeting.date) => MeetingPart::Missed,
        None => MeetingPart::NotMember,
    }
}

/// Raw opinions received and the distinct opinions they became
/// ("征求 X 条，梳理为 Y 条"), and the raw ones not yet merged.
pub fn opinion_counts(ledger: &Ledger) -> (usize, usize, usize) {
    let records = &ledger.opinions;
    let issues: std::collections::HashSet<IssueId> = records.issues.iter().map(|i| i.id).collect();
    let unmerged = records
        .opinions
        .iter()
        .filter(|o| o.issue.is_none_or(|i| !issues.contains(&i)))
        .count();
    (records.opinions.len(), records.issues.len(), unmerged)
}

/// The three don't-convenes (三不开): the meeting is not held while
/// opinions were not solicited and fed back, talks were insufficient, or
/// analysis materials were not reviewed.
pub fn three_dont_convenes(ledger: &Ledger, standings: &[MemberAppraisal]) -> Vec<Check> {
    let current: Vec<(&Member, &MemberAppraisal)> = ledger
        .members
        .iter()
        .zip(standings)
        .filter(|(m, _)| m.is_current())
        .collect();
    let (raw, _, unmerged) = opinion_counts(ledger);
    let mut opinions = Vec::new();
    if raw == 0 {
        opinions.push(Unmet {
            member: None,
            what: "尚未登记征求到的意见".to_owned(),
            fix: Fix::Opinions(None),
        });
    } else if unmerged > 0 {
        opinions.push(Unmet {
            member: None,
            what: format!("还有 {unmerged} 条意见未梳理归类"),
            fix: Fix::Opinions(None),
        });
    }
    opinions.extend(
        current
            .iter()
            .filter(|(_, s)| s.fed_back < s.issues)
            .map(|(m, s)| Unmet {
                member: Some(m.id),
                what: format!("意见 {} 条，已反馈 {} 条", s.issues, s.fed_back),
                fix: Fix::Opinions(Some(m.id)),
            }),
    );
    let talks = current
        .iter()
        .filter(|(_, s)| !s.talks_met())
        .map(|(m, s)| Unmet {
            member: Some(m.id),
            what: format!("谈心 {}/{} 次", s.talks, s.talks_required),
            fix: Fix::Talks(m.id),
        })
        .collect();
    let analyses = current
        .iter()
        .filter(|(_, s)| !s.analysis.is_some_and(AnalysisStatus::is_reviewed))
        .map(|(m, s)| Unmet {
            member: Some(m.id),
            what: match s.analysis {
                None => "党性分析材料未写".to_owned(),
                Some(status) => format!("党性分析材料{}，未经审阅", status.label()),
            },
            fix: Fix::Analysis(m.id),
        })
        .collect();
    vec![
        Check {
            label: "意见征求到位并已反馈",
            unmet: opinions,
        },
        Check {
            label: "谈心谈话充分",
            unmet: talks,
        },
        Check {
            label: "党性分析材料已经审阅",
            unmet: analyses,
        },
    ]
}

/// The look-back checks that close the appraisal stage.
pub fn appraisal_checks(ledger: &Ledger) -> Vec<Check> {
    let standings = appraisal_of_all(ledger, None);
    let grading = ledger.campaign.settings.grading;
    let current: Vec<(&Member, &MemberAppraisal)> = ledger
        .members
        .iter()
        .zip(&standings)
        .filter(|(m, _)| m.is_current())
        .collect();
    let per_member = |label: &'static str,
                      met: &dyn Fn(&MemberAppraisal) -> bool,
                      what: &dyn Fn(&MemberAppraisal) -> String,
                      fix: &dyn Fn(MemberId) -> Fix| Check {
        label,
        unmet: current
            .iter()
            .filter(|(_, s)| !met(s))
            .map(|(m, s)| Unmet {
                member: Some(m.id),
                what: what(s),
                fix: fix(m.id),
            })
            .collect(),
    };
    let (raw, _, unmerged) = opinion_counts(ledger);
    let solicited = Check {
        label: "已征求意见并梳理归类",
        unmet: match (raw, unmerged) {
            (0, _) => vec![Unmet {
                member: None,
                what: "尚未登记征求到的意见".to_owned(),
                fix: Fix::Opinions(None),
            }],
            (_, 0) => Vec::new(),
            (_, n) => vec![Unmet {
                member: None,
                what: format!("还有 {n} 条意见未梳理归类"),
                fix: Fix::Opinions(None),
            }],
        },
    };
    let feedback = per_member(
        "意见已反馈本人并签收",
        &MemberAppraisal::feedback_met,
        &|s| format!("意见 {} 条，已反馈 {} 条，已签收 {} 条", s.issues, s.fed_back, s.signed),
        &|id| Fix::Opinions(Some(id)),
    );
    let talks = per_member(
        "谈心谈话次数达到要求",
        &MemberAppraisal::talks_met,
        &|s| format!("谈心 {}/{} 次", s.talks, s.talks_required),
        &Fix::Talks,
    );
    let analysis = per_member(
        "党性分析材料已定稿",
        &MemberAppraisal::analysis_final,
        &|s| match s.analysis {
            None => "尚未写党性分析材料".to_owned(),
            Some(status) => format!("材料处于“{}”，{} 字", status.label(), s.analysis_chars),
        },
        &Fix::Analysis,
    );
    let part = per_member(
        "参加专题组织生活会或已补课",
        &|s| s.meeting.met(),
        &|s| format!("组织生活会：{}", s.meeting.label()),
        &|id| Fix::Meeting(Some(id)),
    );
    let held = Check {
        label: "专题组织生活会已召开",
        unmet: match life_meeting(ledger) {
            Some(m) if m.held => Vec::new(),
            Some(_) => vec![Unmet {
                member: None,
                what: "专题组织生活会已登记但尚未标记召开".to_owned(),
                fix: Fix::Meeting(None),
            }],
            None => vec![Unmet {
                member: None,
                what: "尚未登记专题组织生活会".to_owned(),
                fix: Fix::Meeting(None),
            }],
        },
    };
    let appraised = per_member(
        "已进行民主评议",
        &|s| s.appraised(grading),
        &|s| {
            let mut missing = Vec::new();
            if !s.self_appraised {
                missing.push("自评");
            }
            if !s.balloted {
                missing.push("测评票数");
            }
            if grading && s.grade.is_none() {
                missing.push("组织评定等次");
            }
            format!("缺{}", missing.join("、"))
        },
        &Fix::Appraisal,
    );
    let opinion = per_member(
        "党组织评议意见已提出",
        &|s| s.opinion_written,
        &|_| "尚未填写组织评议意见".to_owned(),
        &Fix::BranchOpinion,
    );
    let records = &ledger.appraisal;
    let mut report_unmet = Vec::new();
    if records.reported.is_none() {
        report_unmet.push(Unmet {
            member: None,
            what: "尚未向党员通报评议情况".to_owned(),
            fix: Fix::Report,
        });
    }
    if records.reported_to_masses_date.is_none() {
        report_unmet.push(Unmet {
            member: None,
            what: "尚未以适当方式向群众通报".to_owned(),
            fix: Fix::Report,
        });
    }
    let report = Check {
        label: "评议情况已通报",
        unmet: report_unmet,
    };
    vec![
        solicited, feedback, talks, analysis, held, part, appraised, opinion, report,
    ]
}

/// The pairs of committee members and how many cards they share, so that
/// a pair who never talked shows as 0.
pub fn committee_pairs(ledger: &Ledger) -> Vec<(MemberId, MemberId, u32)> {
    let committee: Vec<MemberId> = ledger.current_members().filter(|m| m.committee).map(|m| m.id).collect();
    let mut pairs = Vec::new();
    for (i, a) in committee.iter().enumerate() {
        for b in &committee[i + 1..] {
            let shared = ledger
                .talks
                .iter()
                .filter(|t| t.members.contains(a) && t.members.contains(b))
                .count() as u32;
            pairs.push((*a, *b, shared));
        }
    }
    pairs
}

/// How many current members have each grade, and how many have none.
pub fn grade_distribution(ledger: &Ledger) -> ([u32; 4], u32) {
    let mut counts = [0; 4];
    let mut undecided = 0;
    // The first result of each member, as `AppraisalRecords::result` finds it.
    let mut results: HashMap<MemberId, &crate::model::appraisal::MemberResult> = HashMap::new();
    for r in &ledger.appraisal.results {
        results.entry(r.member).or_insert(r);
    }
    for member in ledger.current_members() {
        match results.get(&member.id).and_then(|r| r.grade) {
            Some(grade) => {
                if let Some(i) = Grade::ALL.iter().position(|g| *g == grade) {
                    counts[i] += 1;
                }
            }
            None => undecided += 1,
        }
    }
    (counts, undecided)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::opinion::{Issue, Opinion};
    use crate::model::talk::{Outsider, TalkCard};
    use crate::model::{IssueId, TalkId};

    fn ledger(n: u64) -> Ledger {
        let mut ledger = Ledger::default();
        for i in 1..=n {
            ledger.members.push(Member {
                id: MemberId(i),
                name: format!("党员{i}"),
                ..Member::default()
            });
        }
        ledger
    }

    /// The memo kept after `before` answers for `after` only with what a
    /// fresh computation gives, on a day and on none.
    fn memo_agrees(before: &Ledger, after: &Ledger, what: &str) -> bool {
        let mut answered = false;
        for today in [None, Some(Date::constant(2026, 12, 31))] {
            for kept_on in [None, today] {
                let memo = Memo::of(before, kept_on, work_out(before, kept_on));
                if let Some(answer) = memo.answer(after, today) {
                    assert_eq!(
                        answer,
                        work_out(after, today),
                        "{what}, asked on {today:?}, kept on {kept_on:?}"
                    );
                    answered = true;
                }
            }
        }
        answered
    }

    #[test]
    fn the_kept_standings_answer_only_for_the_records_they_came_from() {
        let today = Date::constant(2026, 11, 24);
        let before = crate::demo::demo_ledger_finished(30, today);
        assert!(
            memo_agrees(&before, &before.clone(), "unchanged"),
            "an unchanged ledger is answered from the memo"
        );
        type Edit = fn(&mut Ledger);
        let edits: [(&str, Edit); 9] = [
            ("a talk card's members", |l| l.talks[0].members.push(l.members[5].id)),
            ("a talk card added", |l| {
                let mut talk = (*l.talks[0]).clone();
                talk.members = vec![l.members[7].id];
                l.talks.push(talk.into());
            }),
            ("an analysis draft", |l| l.analyses[3].revisions.truncate(0)),
            ("an opinion fed back", |l| {
                let about_member = |i: &Issue| i.fed_back.is_some() && matches!(i.about, Target::Member(_));
                let issue = l.opinions.issues.iter().position(about_member).unwrap();
                l.opinions.issues[issue].fed_back = None;
            }),
            ("the meeting's attendance", |l| {
                let i = l
                    .meetings
                    .iter()
                    .position(|m| m.kind == MeetingKind::OrganisationalLife)
                    .unwrap();
                let member = l.members[2].id;
                l.meetings[i].attendance.insert(member, Attendance::Absent);
                l.meetings[i].make_ups.remove(&member);
            }),
            ("a grade", |l| l.appraisal.results[0].grade = None),
            ("a member made a leading cadre", |l| {
                l.members[4].leading_cadre = !l.members[4].leading_cadre
            }),
            ("the talks required", |l| l.campaign.settings.talks_required += 3),
            ("the draft length required", |l| {
                l.campaign.settings.analysis_chars += 1000
            }),
        ];
        for (what, edit) in edits {
            let mut after = before.clone();
            edit(&mut after);
            let late = Some(Date::constant(2026, 12, 31));
            let changed =
                work_out(&after, None) != work_out(&before, None) || work_out(&after, late) != work_out(&before, late);
            assert!(changed, "{what} changes nothing to test");
            assert!(
                !memo_agrees(&before, &after, what),
                "{what}: answered from the memo of the records before"
            );
        }
    }

    fn card(id: u64, members: &[u64]) -> TalkCard {
        TalkCard {
            id: TalkId(id),
            members: members.iter().map(|m| MemberId(*m)).collect(),
            ..TalkCard::default()
        }
    }

    #[test]
    fn a_card_counts_once_for_each_member_on_it_and_not_for_outsiders() {
        let mut l = ledger(4);
        l.talks.push(card(10, &[1, 2, 3]).into());
        let mut with_masses = card(11, &[1]);
        with_masses.others.push(Outsider {
            name: "赵大爷".into(),
            role: "群众".into(),
        });
        l.talks.push(with_masses.into());
        let counts = talk_counts(&l);
        assert_eq!(counts.get(&MemberId(1)), Some(&2));
        assert_eq!(counts.get(&MemberId(2)), Some(&1));
        assert_eq!(counts.get(&MemberId(4)), None);
        assert_eq!(counts.values().sum::<u32>(), 4);
    }

    #[test]
    fn leading_cadres_need_ten_talks() {
        let mut l = ledger(2);
        l.members[1].leading_cadre = true;
        for i in 0..5 {
            l.talks.push(card(10 + i, &[1, 2]).into());
        }
        let standings = appraisal_of_all(&l, Some(Date::constant(2006, 3, 1)));
        assert!(standings[0].talks_met());
        assert_eq!((standings[1].talks, standings[1].talks_required), (5, 10));
        assert!(!standings[1].talks_met());
    }

    #[test]
    fn the_indexes_built_once_say_what_each_lookup_says() {
        let mut l = crate::demo::demo_ledger(60, Date::constant(2006, 3, 10));
        // A second result for a member: the first one counts, as `result` finds it.
        let first = l.appraisal.results[0].clone();
        l.appraisal.results.push(crate::model::appraisal::MemberResult {
            grade: None,
            branch_opinion: "另一条".into(),
            ..first.clone()
        });
        let results = l.appraisal.results_by_member();
        for m in l.members.iter() {
            assert_eq!(results.get(&m.id).copied(), l.appraisal.result(m.id), "{}", m.name);
        }
        let (received, issues) = (l.opinions.received_all(), l.opinions.issues_by_id());
        let overdue = Overdue::of(&l);
        let today = Date::constant(2006, 3, 10);
        assert!(
            l.opinions.issues.iter().any(|i| is_overdue(&l, i, today)),
            "the demo has some"
        );
        for issue in &l.opinions.issues {
            assert_eq!(received.get(&issue.id).copied(), l.opinions.received(issue.id));
            assert_eq!(issues.get(&issue.id).copied(), l.opinions.issue(issue.id));
            assert_eq!(overdue.is_overdue(issue, today), is_overdue(&l, issue, today));
        }
    }

    #[test]
    fn opinions_not_fed_back_within_the_limit_are_overdue() {
        let mut l = ledger(1);
        l.opinions.opinions.push(Opinion {
            date: Date::constant(2006, 1, 20),
            content: "x".into(),
            issue: Some(IssueId(5)),
            ..Opinion::default()
        });
        l.opinions.issues.push(Issue {
            id: IssueId(5),
            about: Target::Member(MemberId(1)),
            content: "x".into(),
            ..Issue::default()
        });
        let issue = l.opinions.issues[0].clone();
        assert_eq!(feedback_due(&l, &issue), Some(Date::constant(2006, 2, 4)));
        assert!(!is_overdue(&l, &issue, Date::constant(2006, 2, 4)));
        assert!(is_overdue(&l, &issue, Date::constant(2006, 2, 5)));
        let standings = appraisal_of_all(&l, Some(Date::constant(2006, 2, 5)));
        assert_eq!(standings[0].overdue, 1);
        l.opinions.issues[0].fed_back = Some(Date::constant(2006, 2, 6));
        assert!(!is_overdue(&l, &l.opinions.issues[0], Date::constant(2006, 3, 1)));
    }

    #[test]
    fn three_dont_convenes_lists_what_blocks_the_meeting() {
        let mut l = ledger(2);
        let standings = appraisal_of_all(&l, Some(Date::constant(2006, 3, 1)));
        let checks = three_dont_convenes(&l, &standings);
        assert_eq!(checks.len(), 3);
        assert!(checks.iter().all(|c| !c.is_met()));
        l.opinions.opinions.push(Opinion {
            content: "x".into(),
            issue: Some(IssueId(5)),
            ..Opinion::default()
        });
        l.opinions.issues.push(Issue {
            id: IssueId(5),
            ..Issue::default()
        });
        for i in 0..5 {
            l.talks.push(card(10 + i, &[1, 2]).into());
        }
        for m in 1..=2 {
            l.analyses.push(
                crate::model::analysis::Analysis {
                    member: MemberId(m),
                    status: AnalysisStatus::Reviewed,
                    revisions: vec![Default::default()],
                    ..Default::default()
                }
                .into(),
            );
        }
        let standings = appraisal_of_all(&l, Some(Date::constant(2006, 3, 1)));
        let checks = three_dont_convenes(&l, &standings);
        assert!(checks.iter().all(Check::is_met), "{checks:#?}");
    }

    #[test]
    fn a_missing_committee_pair_shows_as_zero() {
        let mut l = ledger(3);
        for m in &mut l.members {
            m.committee = true;
        }
        l.talks.push(card(10, &[1, 2]).into());
        let pairs = committee_pairs(&l);
        assert_eq!(pairs.len(), 3);
        assert_eq!(pairs.iter().filter(|p| p.2 == 0).count(), 2);
    }

    #[test]
    fn absent_members_need_a_make_up() {
        let mut l = ledger(2);
        let mut meeting = Meeting {
            held: true,
            ..Meeting::default()
        };
        meeting.attendance.insert(MemberId(1), Attendance::Present);
        meeting.attendance.insert(MemberId(2), Attendance::Leave("出差".into()));
        l.meetings.push(meeting);
        let s = appraisal_of_all(&l, Some(Date::constant(2006, 3, 1)));
        assert_eq!(
            (s[0].meeting, s[1].meeting),
            (MeetingPart::Attended, MeetingPart::Missed)
        );
        l.meetings[0].make_ups.insert(MemberId(2), Default::default());
        let s = appraisal_of_all(&l, Some(Date::constant(2006, 3, 1)));
        assert_eq!(s[1].meeting, MeetingPart::MadeUp);
    }
}
