//! The analysis-and-appraisal stage's commands: opinions and their merging
//! and feedback, talk cards, analysis drafts and their review, the
//! organisational-life meeting, ballot rounds, each member's result, and
//! the report of the results. Every record is checked by
//! [`crate::model::appraisal_rules`] before it is kept.

use crate::model::analysis::{Analysis, AnalysisProblem, AnalysisStatus, FlexibleForm, PROBLEM_ASPECTS, Revision};
use crate::model::appraisal::{AppraisalRound, MemberResult};
use crate::model::appraisal_rules::{
    check_final, check_flexible, check_issue, check_meeting, check_opinion, check_result, check_review, check_revision,
    check_round, check_talk,
};
use crate::model::meeting::{Meeting, MeetingKind};
use crate::model::opinion::{Issue, Opinion};
use crate::model::study::Attendance;
use crate::model::talk::{Review, TalkCard};
use crate::model::{AnalysisId, AppraisalId, Date, IssueId, Ledger, MeetingId, MemberId, OpinionId, TalkId};
use crate::progress::appraisal::{appraisal_of_all, three_dont_convenes};

use super::Applied;

const MEMBER_GONE: &str = "这名党员已不在名册中";

/// A change to the appraisal stage's records.
#[derive(Debug, Clone, PartialEq)]
pub enum AppraisalCommand {
    AddOpinion(Opinion),
    UpdateOpinion(Opinion),
    RemoveOpinion(OpinionId),
    /// Merges raw opinions into a new distinct opinion (梳理); the id is
    /// assigned here.
    Merge {
        opinions: Vec<OpinionId>,
        issue: Issue,
    },
    /// Adds raw opinions to an existing distinct opinion.
    MergeInto {
        opinions: Vec<OpinionId>,
        issue: IssueId,
    },
    /// Takes a raw opinion out of its distinct opinion.
    Unmerge(OpinionId),
    /// Changes a distinct opinion: its wording, feedback and signing dates.
    UpdateIssue(Issue),
    /// Removes a distinct opinion; its raw opinions become unmerged.
    RemoveIssue(IssueId),
    AddTalk(TalkCard),
    UpdateTalk(TalkCard),
    RemoveTalk(TalkId),
    /// Saves a new draft of a member's analysis (起草 / 修改).
    SaveRevision {
        member: MemberId,
        revision: Revision,
    },
    /// Hands the current draft to the responsible leader (送审).
    SubmitAnalysis(MemberId),
    /// The leader's review: comments back to the member (审阅意见), or the
    /// draft accepted as final (定稿).
    ReviewAnalysis {
        member: MemberId,
        review: Review,
        final_: bool,
    },
    /// Marks (with how and why) or unmarks the flexible form.
    SetFlexible {
        member: MemberId,
        flexible: Option<FlexibleForm>,
    },
    /// Adds a meeting with every member active that day present.
    AddMeeting(Meeting),
    /// Changes a meeting's record; holding it checks the three
    /// don't-convenes first.
    UpdateMeeting(Meeting),
    RemoveMeeting(MeetingId),
    AddRound(AppraisalRound),
    UpdateRound(AppraisalRound),
    RemoveRound(AppraisalId),
    /// Sets one member's result (self-appraisal, grade, opinion,
    /// disposition).
    SetResult(MemberResult),
    /// The aspects printed on the ballot.
    SetBallotAspects(Vec<String>),
    /// When and how the results were reported.
    SetReport {
        reported: Option<Date>,
        form: String,
        masses_date: Option<Date>,
        masses_form: String,
    },
}

impl AppraisalCommand {
    /// A short Chinese description, for the undo button's tooltip.
    pub fn describe(&self) -> String {
        match self {
            AppraisalCommand::AddOpinion(_) => "登记意见".to_owned(),
            AppraisalCommand::UpdateOpinion(_) => "修改意见".to_owned(),
            AppraisalCommand::RemoveOpinion(_) => "删除意见".to_owned(),
            AppraisalCommand::Merge { opinions, .. } => format!("将 {} 条意见梳理为 1 条", opinions.len()),
            AppraisalCommand::MergeInto { opinions, .. } => format!("将 {} 条意见并入已梳理意见", opinions.len()),
            AppraisalCommand::Unmerge(_) => "取消归并".to_owned(),
            AppraisalCommand::UpdateIssue(_) => "修改梳理后的意见".to_owned(),
            AppraisalCommand::RemoveIssue(_) => "删除梳理后的意见".to_owned(),
            AppraisalCommand::AddTalk(t) => format!("新增谈心记录“{}”", t.topic),
            AppraisalCommand::UpdateTalk(t) => format!("修改谈心记录“{}”", t.topic),
            AppraisalCommand::RemoveTalk(_) => "删除谈心记录".to_owned(),
            AppraisalCommand::SaveRevision { .. } => "保存党性分析材料".to_owned(),
            AppraisalCommand::SubmitAnalysis(_) => "党性分析材料送审".to_owned(),
            AppraisalCommand::ReviewAnalysis { final_: true, .. } => "党性分析材料定稿".to_owned(),
            AppraisalCommand::ReviewAnalysis { .. } => "登记审阅意见".to_owned(),
            AppraisalCommand::SetFlexible { .. } => "修改灵活方式".to_owned(),
            AppraisalCommand::AddMeeting(m) => format!("登记{}", m.kind.label()),
            AppraisalCommand::UpdateMeeting(m) => format!("修改{}", m.kind.label()),
            AppraisalCommand::RemoveMeeting(_) => "删除会议".to_owned(),
            AppraisalCommand::AddRound(r) => format!("登记{}票数", r.voters.label()),
            AppraisalCommand::UpdateRound(r) => format!("修改{}票数", r.voters.label()),
            AppraisalCommand::RemoveRound(_) => "删除测评票数".to_owned(),
            AppraisalCommand::SetResult(_) => "修改评议结果".to_owned(),
            AppraisalCommand::SetBallotAspects(_) => "修改测评内容".to_owned(),
            AppraisalCommand::SetReport { .. } => "修改通报情况".to_owned(),
        }
    }
}

/// Applies an appraisal-stage command; on error nothing changes.
pub(super) fn apply(ledger: &mut Ledger, command: AppraisalCommand) -> Result<Applied, String> {
    match command {
        AppraisalCommand::AddOpinion(mut opinion) => {
            check_opinion(&opinion, ledger)?;
            opinion.id = OpinionId(ledger.next_id());
            opinion.issue = None;
            ledger.opinions.opinions.push(opinion);
        }
        AppraisalCommand::UpdateOpinion(opinion) => {
            check_opinion(&opinion, ledger)?;
            let Some(slot) = ledger.opinions.opinions.iter_mut().find(|o| o.id == opinion.id) else {
                return Err("这条意见已不存在".to_owned());
            };
            let issue = slot.issue;
            *slot = Opinion { issue, ..opinion };
        }
        AppraisalCommand::RemoveOpinion(id) => {
            let before = ledger.opinions.opinions.len();
            ledger.opinions.opinions.retain(|o| o.id != id);
            if ledger.opinions.opinions.len() == before {
                return Err("这条意见已不存在".to_owned());
            }
        }
        AppraisalCommand::Merge { opinions, mut issue } => {
            check_merge(ledger, &opinions)?;
            issue.id = IssueId(ledger.next_id());
            issue.fed_back = None;
            issue.signed = None;
            check_issue(&issue, ledger)?;
            for opinion in ledger.opinions.opinions.iter_mut().filter(|o| opinions.contains(&o.id)) {
                opinion.issue = Some(issue.id);
            }
            ledger.opinions.issues.push(issue);
        }
        AppraisalCommand::MergeInto { opinions, issue } => {
            check_merge(ledger, &opinions)?;
            if ledger.opinions.issue(issue).is_none() {
                return Err("这条梳理后的意见已不存在".to_owned());
            }
            for opinion in ledger.opinions.opinions.iter_mut().filter(|o| opinions.contains(&o.id)) {
                opinion.issue = Some(issue);
            }
        }
        AppraisalCommand::Unmerge(id) => {
            let Some(opinion) = ledger.opinions.opinions.iter_mut().find(|o| o.id == id) else {
                return Err("这条意见已不存在".to_owned());
            };
            opinion.issue = None;
        }
        AppraisalCommand::UpdateIssue(issue) => {
            check_issue(&issue, ledger)?;
            let Some(slot) = ledger.opinions.issues.iter_mut().find(|i| i.id == issue.id) else {
                return Err("这条梳理后的意见已不存在".to_owned());
            };
            *slot = issue;
        }
        AppraisalCommand::RemoveIssue(id) => {
            let before = ledger.opinions.issues.len();
            ledger.opinions.issues.retain(|i| i.id != id);
            if ledger.opinions.issues.len() == before {
                return Err("这条梳理后的意见已不存在".to_owned());
            }
            for opinion in ledger.opinions.opinions.iter_mut().filter(|o| o.issue == Some(id)) {
                opinion.issue = None;
            }
        }
        AppraisalCommand::AddTalk(mut card) => {
            check_talk(&card, ledger)?;
            card.id = TalkId(ledger.next_id());
            ledger.talks.push(card.into());
        }
        AppraisalCommand::UpdateTalk(card) => {
            check_talk(&card, ledger)?;
            let Some(slot) = ledger.talks.iter_mut().find(|t| t.id == card.id) else {
                return Err("这张谈心卡已不存在".to_owned());
            };
            *slot = card.into();
        }
        AppraisalCommand::RemoveTalk(id) => {
            let before = ledger.talks.len();
            ledger.talks.retain(|t| t.id != id);
            if ledger.talks.len() == before {
                return Err("这张谈心卡已不存在".to_owned());
            }
        }
        AppraisalCommand::SaveRevision { member, revision } => {
            if ledger.member(member).is_none() {
                return Err(MEMBER_GONE.to_owned());
            }
            let index = analysis_index(ledger, member);
            check_revision(&revision, index.map(|i| &*ledger.analyses[i]), ledger)?;
            let index = analysis_index_or_new(ledger, member);
            let analysis = &mut ledger.analyses[index];
            analysis.problems = problems_of(&revision);
            analysis.revisions.push(revision);
            analysis.status = match analysis.status {
                AnalysisStatus::Draft => AnalysisStatus::Draft,
                _ => AnalysisStatus::Revising,
            };
        }
        AppraisalCommand::SubmitAnalysis(member) => {
            let analysis = existing_analysis(ledger, member)?;
            if analysis.status == AnalysisStatus::Final {
                return Err("材料已定稿".to_owned());
            }
            analysis.status = AnalysisStatus::Submitted;
        }
        AppraisalCommand::ReviewAnalysis { member, review, final_ } => {
            let Some(person) = ledger.member(member).cloned() else {
                return Err(MEMBER_GONE.to_owned());
            };
            let Some(index) = analysis_index(ledger, member) else {
                return Err("这名党员还没有党性分析材料".to_owned());
            };
            let analysis = &ledger.analyses[index];
            let Some(last) = analysis.revisions.last() else {
                return Err("还没有保存任何一稿".to_owned());
            };
            check_review(&review, last.date, "审阅")?;
            if final_ {
                check_final(analysis, &person, ledger)?;
            } else if review.comment.trim().is_empty() {
                return Err("请填写审阅意见".to_owned());
            }
            let analysis = &mut ledger.analyses[index];
            analysis.reviews.push(review);
            analysis.status = if final_ {
                AnalysisStatus::Final
            } else {
                AnalysisStatus::Reviewed
            };
        }
        AppraisalCommand::SetFlexible { member, flexible } => {
            if let Some(flexible) = &flexible {
                check_flexible(flexible)?;
            }
            let Some(person) = ledger.member(member).cloned() else {
                return Err(MEMBER_GONE.to_owned());
            };
            let index = analysis_index_or_new(ledger, member);
            if flexible.is_none() && ledger.analyses[index].status == AnalysisStatus::Final {
                // The length rule applies again: a short final text is no
                // longer final.
                let mut strict = ledger.analyses[index].clone();
                strict.flexible = None;
                if check_final(&strict, &person, ledger).is_err() {
                    ledger.analyses[index].status = AnalysisStatus::Revising;
                }
            }
            ledger.analyses[index].flexible = flexible;
        }
        AppraisalCommand::AddMeeting(mut meeting) => {
            check_meeting(&meeting, ledger)?;
            check_holding(ledger, &meeting, None)?;
            meeting.id = MeetingId(ledger.next_id());
            if meeting.attendance.is_empty() {
                meeting.attendance = ledger
                    .members
                    .iter()
                    .filter(|m| m.active_on(meeting.date))
                    .map(|m| (m.id, Attendance::Present))
                    .collect();
            }
            ledger.meetings.push(meeting);
        }
        AppraisalCommand::UpdateMeeting(mut meeting) => {
            check_meeting(&meeting, ledger)?;
            let Some(index) = ledger.meetings.iter().position(|m| m.id == meeting.id) else {
                return Err("这次会议记录已不存在".to_owned());
            };
            check_holding(ledger, &meeting, Some(&ledger.meetings[index]))?;
            if meeting.date != ledger.meetings[index].date {
                for member in &ledger.members {
                    if member.active_on(meeting.date) {
                        meeting.attendance.entry(member.id).or_insert(Attendance::Present);
                    } else {
                        meeting.attendance.remove(&member.id);
                    }
                }
            }
            ledger.meetings[index] = meeting;
        }
        AppraisalCommand::RemoveMeeting(id) => {
            let before = ledger.meetings.len();
            ledger.meetings.retain(|m| m.id != id);
            if ledger.meetings.len() == before {
                return Err("这次会议记录已不存在".to_owned());
            }
        }
        AppraisalCommand::AddRound(mut round) => {
            check_round(&round, ledger)?;
            round.id = AppraisalId(ledger.next_id());
            ledger.appraisal.rounds.push(round);
        }
        AppraisalCommand::UpdateRound(round) => {
            check_round(&round, ledger)?;
            let Some(slot) = ledger.appraisal.rounds.iter_mut().find(|r| r.id == round.id) else {
                return Err("这次测评记录已不存在".to_owned());
            };
            *slot = round;
        }
        AppraisalCommand::RemoveRound(id) => {
            let before = ledger.appraisal.rounds.len();
            ledger.appraisal.rounds.retain(|r| r.id != id);
            if ledger.appraisal.rounds.len() == before {
                return Err("这次测评记录已不存在".to_owned());
            }
        }
        AppraisalCommand::SetResult(mut result) => {
            check_result(&result, ledger)?;
            result.branch_opinion = result.branch_opinion.trim_end().to_owned();
            let results = &mut ledger.appraisal.results;
            match results.iter_mut().find(|r| r.member == result.member) {
                Some(slot) => *slot = result,
                None => results.push(result),
            }
        }
        AppraisalCommand::SetBallotAspects(aspects) => {
            let aspects: Vec<String> = aspects
                .into_iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect();
            if aspects.len() > 12 {
                return Err("测评内容最多 12 项".to_owned());
            }
            ledger.appraisal.ballot_aspects = aspects;
        }
        AppraisalCommand::SetReport {
            reported,
            form,
            masses_date,
            masses_form,
        } => {
            for (date, form, who) in [(reported, &form, "党员"), (masses_date, &masses_form, "群众")] {
                if let Some(date) = date {
                    crate::model::study_rules::check_in_campaign(date, &ledger.campaign.plan)?;
                    if form.trim().is_empty() {
                        return Err(format!("请填写向{who}通报的方式"));
                    }
                }
            }
            let records = &mut ledger.appraisal;
            records.reported = reported;
            records.reported_form = form;
            records.reported_to_masses_date = masses_date;
            records.reported_to_masses = masses_form;
        }
    }
    Ok(Applied::Done)
}

fn check_merge(ledger: &Ledger, opinions: &[OpinionId]) -> Result<(), String> {
    if opinions.is_empty() {
        return Err("请先勾选要归并的意见".to_owned());
    }
    if opinions
        .iter()
        .any(|id| !ledger.opinions.opinions.iter().any(|o| o.id == *id))
    {
        return Err("勾选的意见中有已被删除的".to_owned());
    }
    Ok(())
}

fn analysis_index(ledger: &Ledger, member: MemberId) -> Option<usize> {
    ledger.analyses.iter().position(|a| a.member == member)
}

/// The member's analysis, made (empty, with a fresh id) if they have none.
fn analysis_index_or_new(ledger: &mut Ledger, member: MemberId) -> usize {
    if let Some(i) = analysis_index(ledger, member) {
        return i;
    }
    let id = AnalysisId(ledger.next_id());
    ledger.analyses.push(
        Analysis {
            id,
            member,
            ..Analysis::default()
        }
        .into(),
    );
    ledger.analyses.len() - 1
}

fn existing_analysis(ledger: &mut Ledger, member: MemberId) -> Result<&mut Analysis, String> {
    if ledger.member(member).is_none() {
        return Err(MEMBER_GONE.to_owned());
    }
    match ledger.analyses.iter_mut().find(|a| a.member == member) {
        Some(a) if !a.revisions.is_empty() => Ok(a),
        _ => Err("这名党员还没有保存党性分析材料".to_owned()),
    }
}

/// The problems a draft names, one per aspect written: what stage 3
/// suggests as commitments.
fn problems_of(revision: &Revision) -> Vec<AnalysisProblem> {
    PROBLEM_ASPECTS
        .iter()
        .zip(&revision.parts.problems)
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(aspect, text)| AnalysisProblem {
            aspect: *aspect,
            text: text.trim().to_owned(),
        })
        .collect()
}

/// Marking the organisational-life meeting held checks the three
/// don't-convenes; unmet, it needs a written reason.
fn check_holding(ledger: &Ledger, meeting: &Meeting, before: Option<&Meeting>) -> Result<(), String> {
    let becomes_held = meeting.held && before.is_none_or(|b| !b.held);
    if !becomes_held || meeting.kind != MeetingKind::OrganisationalLife {
        return Ok(());
    }
    let standings = appraisal_of_all(ledger, None);
    let unmet: Vec<&str> = three_dont_convenes(ledger, &standings)
        .into_iter()
        .filter(|c| !c.is_met())
        .map(|c| c.label)
        .collect();
    if !unmet.is_empty() && meeting.precheck_override.trim().is_empty() {
        return Err(format!(
            "“三不开”检查未通过（{}）：按规定不应召开；确需召开的，请写明理由",
            unmet.join("、")
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Member;
    use crate::model::analysis::DraftParts;

    fn ledger() -> Ledger {
        let mut ledger = Ledger::default();
        for (i, name) in ["甲", "乙", "丙"].iter().enumerate() {
            ledger.members.push(Member {
                id: MemberId(i as u64 + 1),
                name: (*name).into(),
                ..Member::default()
            });
        }
        ledger.last_id = 10;
        ledger
    }

    fn draft(date: Date, chars: usize) -> Revision {
        Revision {
            date,
            parts: DraftParts {
                opening: "学".repeat(chars),
                ..DraftParts::default()
            },
            ..Revision::default()
        }
    }

    #[test]
    fn revisions_are_kept_and_review_moves_the_status() {
        let mut l = ledger();
        let d1 = Date::constant(2006, 2, 1);
        apply(
            &mut l,
            AppraisalCommand::SaveRevision {
                member: MemberId(1),
                revision: draft(d1, 2000),
            },
        )
        .unwrap();
        assert_eq!(l.analyses[0].status, AnalysisStatus::Draft);
        apply(&mut l, AppraisalCommand::SubmitAnalysis(MemberId(1))).unwrap();
        let review = Review {
            by: "王书记".into(),
            date: Date::constant(2006, 2, 3),
            comment: "问题要具体".into(),
        };
        // Too short to be final.
        let err = apply(
            &mut l,
            AppraisalCommand::ReviewAnalysis {
                member: MemberId(1),
                review: review.clone(),
                final_: true,
            },
        )
        .unwrap_err();
        assert!(err.contains("3000"), "{err}");
        apply(
            &mut l,
            AppraisalCommand::ReviewAnalysis {
                member: MemberId(1),
                review: review.clone(),
                final_: false,
            },
        )
        .unwrap();
        assert_eq!(l.analyses[0].status, AnalysisStatus::Reviewed);
        // An earlier date than the last draft is refused.
        assert!(
            apply(
                &mut l,
                AppraisalCommand::SaveRevision {
                    member: MemberId(1),
                    revision: draft(Date::constant(2006, 1, 1), 3200)
                }
            )
            .is_err()
        );
        let d2 = Date::constant(2006, 2, 5);
        apply(
            &mut l,
            AppraisalCommand::SaveRevision {
                member: MemberId(1),
                revision: draft(d2, 3200),
            },
        )
        .unwrap();
        assert_eq!(l.analyses[0].status, AnalysisStatus::Revising);
        assert_eq!(l.analyses[0].revisions.len(), 2);
        let final_review = Review { date: d2, ..review };
        apply(
            &mut l,
            AppraisalCommand::ReviewAnalysis {
                member: MemberId(1),
                review: final_review,
                final_: true,
            },
        )
        .unwrap();
        assert_eq!(l.analyses[0].status, AnalysisStatus::Final);
        assert_eq!(l.analyses[0].reviews.len(), 2);
    }

    #[test]
    fn flexible_form_relaxes_the_length_rule() {
        let mut l = ledger();
        let d = Date::constant(2006, 2, 1);
        apply(
            &mut l,
            AppraisalCommand::SaveRevision {
                member: MemberId(2),
                revision: draft(d, 300),
            },
        )
        .unwrap();
        let review = Review {
            by: "王书记".into(),
            date: d,
            comment: String::new(),
        };
        let flexible = FlexibleForm {
            how: "口述，他人代笔".into(),
            reason: String::new(),
            scribe: "李秀英".into(),
        };
        assert!(
            apply(
                &mut l,
                AppraisalCommand::SetFlexible {
                    member: MemberId(2),
                    flexible: Some(flexible.clone())
                }
            )
            .is_err()
        );
        let flexible = FlexibleForm {
            reason: "年老体弱".into(),
            ..flexible
        };
        apply(
            &mut l,
            AppraisalCommand::SetFlexible {
                member: MemberId(2),
                flexible: Some(flexible),
            },
        )
        .unwrap();
        apply(
            &mut l,
            AppraisalCommand::ReviewAnalysis {
                member: MemberId(2),
                review,
                final_: true,
            },
        )
        .unwrap();
        assert_eq!(l.analyses[0].status, AnalysisStatus::Final);
        // Withdrawing the flexible form makes the short text no longer final.
        apply(
            &mut l,
            AppraisalCommand::SetFlexible {
                member: MemberId(2),
                flexible: None,
            },
        )
        .unwrap();
        assert_eq!(l.analyses[0].status, AnalysisStatus::Revising);
    }

    #[test]
    fn merging_opinions_and_removing_the_issue_unmerges_them() {
        let mut l = ledger();
        for text in ["开会迟到", "会议经常迟到", "不交党费"] {
            apply(
                &mut l,
                AppraisalCommand::AddOpinion(Opinion {
                    date: Date::constant(2006, 1, 20),
                    content: text.into(),
                    ..Opinion::default()
                }),
            )
            .unwrap();
        }
        let ids: Vec<OpinionId> = l.opinions.opinions.iter().map(|o| o.id).take(2).collect();
        apply(
            &mut l,
            AppraisalCommand::Merge {
                opinions: ids,
                issue: Issue {
                    content: "开会经常迟到".into(),
                    ..Issue::default()
                },
            },
        )
        .unwrap();
        assert_eq!(crate::progress::appraisal::opinion_counts(&l), (3, 1, 1));
        let issue = l.opinions.issues[0].id;
        apply(&mut l, AppraisalCommand::RemoveIssue(issue)).unwrap();
        assert_eq!(crate::progress::appraisal::opinion_counts(&l), (3, 0, 3));
    }

    #[test]
    fn holding_the_meeting_against_the_precheck_needs_a_reason() {
        let mut l = ledger();
        let meeting = Meeting {
            date: Date::constant(2006, 2, 20),
            host: "王书记".into(),
            held: true,
            ..Meeting::default()
        };
        let err = apply(&mut l, AppraisalCommand::AddMeeting(meeting.clone())).unwrap_err();
        assert!(err.contains("三不开"), "{err}");
        let with_reason = Meeting {
            precheck_override: "上级统一安排，谈心于会后补齐".into(),
            ..meeting
        };
        apply(&mut l, AppraisalCommand::AddMeeting(with_reason)).unwrap();
        assert_eq!(l.meetings[0].attendance.len(), 3);
    }
}
