//! The analysis-and-appraisal stage's commands: opinions and their merging
//! and feedback, talk cards, analysis drafts and their review, the
//! organisational-life meeting, ballot rounds, each member's result, and
//! the report of the results. Every record is checked by
//! [`crate::model::appraisal_rules`] before it is kept.

use crate::model::analysis::{Analysis, AnalysisProblem, AnalysisStatus, FlexibleForm, PROBLEM_ASPECTS, Revision};
use crate::model::appraisal::{AppraisalRound, MemberResult};
use crate::model::appraisal_rules::ballot_aspects;
use crate::model::appraisal_rules::{
    check_final, check_flexible, check_issue, check_meeting, check_opinion, check_result, check_review, check_revision,
    check_round, check_talk,
};
use crate::model::meeting::{Meeting, MeetingKind};
use crate::model::opinion::{Issue, Opinion};
use crate::model::study_rules::check_in_campaign;
use crate::model::talk::{Review, TalkCard};
use crate::model::{AppraisalId, Date, IssueId, Ledger, MeetingId, MemberId, OpinionId, Shared, TalkId};
use crate::progress::appraisal::{appraisal_of_all, three_dont_convenes};

use super::records::{self, add_checked, replace_checked};
use super::study::{follow_date, present_on};
use super::{Applied, MEMBER_GONE};

const OPINION_GONE: &str = "这条意见已不存在";
const ISSUE_GONE: &str = "这条梳理后的意见已不存在";
const TALK_GONE: &str = "这张谈心卡已不存在";
const MEETING_GONE: &str = "这次会议记录已不存在";
const ROUND_GONE: &str = "这次测评记录已不存在";

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
    use AppraisalCommand as C;
    match command {
        // A new opinion comes in unmerged.
        C::AddOpinion(opinion) => add_checked(ledger, Opinion { issue: None, ..opinion }, check_opinion, opinions)?,
        C::UpdateOpinion(opinion) => update_opinion(ledger, opinion)?,
        C::RemoveOpinion(id) => records::remove(opinions(ledger), id, OPINION_GONE)?,
        C::Merge { opinions, issue } => merge(ledger, opinions, issue)?,
        C::MergeInto { opinions, issue } => merge_into(ledger, &opinions, issue)?,
        C::Unmerge(id) => records::find_mut(opinions(ledger), id, OPINION_GONE)?.issue = None,
        C::UpdateIssue(issue) => replace_checked(ledger, issue, check_issue, issues, ISSUE_GONE)?,
        C::RemoveIssue(id) => remove_issue(ledger, id)?,
        C::AddTalk(card) => add_checked(ledger, card, check_talk, talks)?,
        C::UpdateTalk(card) => replace_checked(ledger, card, check_talk, talks, TALK_GONE)?,
        C::RemoveTalk(id) => records::remove(talks(ledger), id, TALK_GONE)?,
        C::SaveRevision { member, revision } => save_revision(ledger, member, revision)?,
        C::SubmitAnalysis(member) => submit_analysis(ledger, member)?,
        C::ReviewAnalysis { member, review, final_ } => review_analysis(ledger, member, review, final_)?,
        C::SetFlexible { member, flexible } => set_flexible(ledger, member, flexible)?,
        C::AddMeeting(meeting) => add_meeting(ledger, meeting)?,
        C::UpdateMeeting(meeting) => update_meeting(ledger, meeting)?,
        C::RemoveMeeting(id) => records::remove(&mut ledger.meetings, id, MEETING_GONE)?,
        C::AddRound(round) => add_checked(ledger, round, check_round, rounds)?,
        C::UpdateRound(round) => replace_checked(ledger, round, check_round, rounds, ROUND_GONE)?,
        C::RemoveRound(id) => records::remove(rounds(ledger), id, ROUND_GONE)?,
        C::SetResult(result) => set_result(ledger, result)?,
        C::SetBallotAspects(aspects) => set_ballot_aspects(ledger, aspects)?,
        C::SetReport {
            reported,
            form,
            masses_date,
            masses_form,
        } => set_report(ledger, reported, form, masses_date, masses_form)?,
    }
    Ok(Applied::Done)
}

// Where each kind of record is kept, for the shared steps of `records`.
fn opinions(ledger: &mut Ledger) -> &mut Vec<Opinion> {
    &mut ledger.opinions.opinions
}

fn issues(ledger: &mut Ledger) -> &mut Vec<Issue> {
    &mut ledger.opinions.issues
}

fn talks(ledger: &mut Ledger) -> &mut Vec<Shared<TalkCard>> {
    &mut ledger.talks
}

fn rounds(ledger: &mut Ledger) -> &mut Vec<AppraisalRound> {
    &mut ledger.appraisal.rounds
}

/// A changed opinion stays merged where it was.
fn update_opinion(ledger: &mut Ledger, opinion: Opinion) -> Result<(), String> {
    check_opinion(&opinion, ledger)?;
    let slot = records::find_mut(opinions(ledger), opinion.id, OPINION_GONE)?;
    *slot = Opinion {
        issue: slot.issue,
        ..opinion
    };
    Ok(())
}

/// Merges raw opinions into a new distinct opinion, not yet fed back.
fn merge(ledger: &mut Ledger, opinions: Vec<OpinionId>, mut issue: Issue) -> Result<(), String> {
    check_merge(ledger, &opinions)?;
    issue.fed_back = None;
    issue.signed = None;
    // Not fed back yet, so the check needs no id: the fresh one is taken
    // only once it passes.
    check_issue(&issue, ledger)?;
    let fresh = ledger.next_id();
    let id = records::add(issues(ledger), issue, fresh);
    point_at(ledger, &opinions, id);
    Ok(())
}

fn merge_into(ledger: &mut Ledger, opinions: &[OpinionId], issue: IssueId) -> Result<(), String> {
    check_merge(ledger, opinions)?;
    records::position(&ledger.opinions.issues, issue, ISSUE_GONE)?;
    point_at(ledger, opinions, issue);
    Ok(())
}

/// Marks the raw `opinions` as merged into `issue`.
fn point_at(ledger: &mut Ledger, opinions: &[OpinionId], issue: IssueId) {
    for opinion in ledger.opinions.opinions.iter_mut().filter(|o| opinions.contains(&o.id)) {
        opinion.issue = Some(issue);
    }
}

/// Removes a distinct opinion; its raw opinions become unmerged.
fn remove_issue(ledger: &mut Ledger, id: IssueId) -> Result<(), String> {
    records::remove(issues(ledger), id, ISSUE_GONE)?;
    for opinion in ledger.opinions.opinions.iter_mut().filter(|o| o.issue == Some(id)) {
        opinion.issue = None;
    }
    Ok(())
}

/// A new draft: kept after the others, its problems become the
/// analysis's, and a reviewed material goes back to being revised.
fn save_revision(ledger: &mut Ledger, member: MemberId, revision: Revision) -> Result<(), String> {
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
    Ok(())
}

fn submit_analysis(ledger: &mut Ledger, member: MemberId) -> Result<(), String> {
    let analysis = existing_analysis(ledger, member)?;
    if analysis.status == AnalysisStatus::Final {
        return Err("材料已定稿".to_owned());
    }
    analysis.status = AnalysisStatus::Submitted;
    Ok(())
}

/// The leader's review of the last draft: comments (which must say
/// something), or the draft made final (which must be long enough).
fn review_analysis(ledger: &mut Ledger, member: MemberId, review: Review, final_: bool) -> Result<(), String> {
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
    Ok(())
}

/// Marks or unmarks the flexible form; unmarked, a final text too short
/// for the length rule is no longer final.
fn set_flexible(ledger: &mut Ledger, member: MemberId, flexible: Option<FlexibleForm>) -> Result<(), String> {
    if let Some(flexible) = &flexible {
        check_flexible(flexible)?;
    }
    let Some(person) = ledger.member(member).cloned() else {
        return Err(MEMBER_GONE.to_owned());
    };
    let index = analysis_index_or_new(ledger, member);
    if flexible.is_none() && ledger.analyses[index].status == AnalysisStatus::Final {
        let mut strict = ledger.analyses[index].clone();
        strict.flexible = None;
        if check_final(&strict, &person, ledger).is_err() {
            ledger.analyses[index].status = AnalysisStatus::Revising;
        }
    }
    ledger.analyses[index].flexible = flexible;
    Ok(())
}

/// Adds a meeting, every member active that day present unless its
/// attendance is given.
fn add_meeting(ledger: &mut Ledger, mut meeting: Meeting) -> Result<(), String> {
    check_meeting(&meeting, ledger)?;
    check_holding(ledger, &meeting, None)?;
    if meeting.attendance.is_empty() {
        meeting.attendance = present_on(ledger, meeting.date);
    }
    let fresh = ledger.next_id();
    records::add(&mut ledger.meetings, meeting, fresh);
    Ok(())
}

/// Changes a meeting's record; its attendance follows a changed date.
fn update_meeting(ledger: &mut Ledger, mut meeting: Meeting) -> Result<(), String> {
    check_meeting(&meeting, ledger)?;
    let index = records::position(&ledger.meetings, meeting.id, MEETING_GONE)?;
    check_holding(ledger, &meeting, Some(&ledger.meetings[index]))?;
    if meeting.date != ledger.meetings[index].date {
        follow_date(&mut meeting.attendance, &ledger.members, meeting.date);
    }
    ledger.meetings[index] = meeting;
    Ok(())
}

/// One result per member, the branch's opinion without trailing space.
fn set_result(ledger: &mut Ledger, mut result: MemberResult) -> Result<(), String> {
    check_result(&result, ledger)?;
    result.branch_opinion = result.branch_opinion.trim_end().to_owned();
    let member = result.member;
    records::put(&mut ledger.appraisal.results, result, |r| r.member == member);
    Ok(())
}

/// The aspects printed on the ballot, as [`ballot_aspects`] reads them.
fn set_ballot_aspects(ledger: &mut Ledger, aspects: Vec<String>) -> Result<(), String> {
    ledger.appraisal.ballot_aspects = ballot_aspects(aspects)?;
    Ok(())
}

/// When and how the results were reported: a date in the campaign needs
/// its form.
fn set_report(
    ledger: &mut Ledger,
    reported: Option<Date>,
    form: String,
    masses_date: Option<Date>,
    masses_form: String,
) -> Result<(), String> {
    for (date, form, who) in [(reported, &form, "党员"), (masses_date, &masses_form, "群众")] {
        if let Some(date) = date {
            check_in_campaign(date, &ledger.campaign.plan)?;
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
    Ok(())
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
    let fresh = ledger.next_id();
    let analysis = Analysis {
        member,
        ..Analysis::default()
    };
    records::add(&mut ledger.analyses, analysis.into(), fresh);
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
