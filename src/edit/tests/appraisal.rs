//! The analysis-and-appraisal stage from the analysis on: drafts and
//! their review, the flexible form, meetings, ballot rounds, results, the
//! ballot's aspects and the report of the results.

use super::*;
use crate::model::analysis::{AnalysisStatus, FlexibleForm};
use crate::model::appraisal::Disposition;
use crate::model::opinion::Aspect;
use crate::model::talk::Review;
use crate::model::{AppraisalId, MeetingId};

use AppraisalCommand as A;

const MEETING_GONE: &str = "这次会议记录已不存在";
const ROUND_GONE: &str = "这次测评记录已不存在";
const MEMBER_GONE: &str = "这名党员已不在名册中";

fn save(member: MemberId, revision: Revision) -> AppraisalCommand {
    A::SaveRevision { member, revision }
}

fn analysis_of(ledger: &Ledger, member: MemberId) -> &crate::model::analysis::Analysis {
    ledger
        .analyses
        .iter()
        .find(|a| a.member == member)
        .expect("an analysis")
}

#[test]
fn a_first_draft_makes_the_analysis_and_names_its_problems() {
    let after = accepted(&fixture(), save(LI, draft(day(2006, 2, 3), 3100)));
    let analysis = analysis_of(&after, LI);
    assert_eq!((analysis.id.0, analysis.status), (20, AnalysisStatus::Draft));
    assert_eq!(analysis.problems.len(), 1);
    assert_eq!(
        (analysis.problems[0].aspect, analysis.problems[0].text.as_str()),
        (Aspect::Ideals, "理论学习不够深入")
    );
    refused_when_closed(save(LI, draft(day(2006, 2, 3), 3100)));
}

#[test]
fn a_later_draft_of_a_reviewed_analysis_is_being_revised() {
    let reviewed = with(fixture(), review(WANG, "问题要具体", false));
    let after = accepted(&reviewed, save(WANG, draft(day(2006, 2, 5), 3300)));
    let analysis = analysis_of(&after, WANG);
    assert_eq!(
        (analysis.revisions.len(), analysis.status),
        (2, AnalysisStatus::Revising)
    );
}

#[test]
fn a_draft_needs_a_member_some_text_and_a_date_after_the_last() {
    refused(
        &fixture(),
        save(MemberId(NOBODY), draft(day(2006, 2, 3), 3100)),
        MEMBER_GONE,
    );
    let empty = Revision {
        date: day(2006, 2, 3),
        ..Revision::default()
    };
    refused(
        &fixture(),
        save(LI, empty),
        "材料还没有内容：请填写正文，或手写稿登记字数",
    );
    refused(
        &fixture(),
        save(WANG, draft(day(2006, 1, 30), 3100)),
        "修改稿的日期早于上一稿（2006-02-01）",
    );
}

#[test]
fn a_submitted_analysis_waits_for_review_unless_final() {
    let after = accepted(&fixture(), A::SubmitAnalysis(WANG));
    assert_eq!(analysis_of(&after, WANG).status, AnalysisStatus::Submitted);
    refused(&fixture(), A::SubmitAnalysis(MemberId(NOBODY)), MEMBER_GONE);
    refused(&fixture(), A::SubmitAnalysis(LI), "这名党员还没有保存党性分析材料");
    let final_ = with(fixture(), review(WANG, "", true));
    refused(&final_, A::SubmitAnalysis(WANG), "材料已定稿");
    refused_when_closed(A::SubmitAnalysis(WANG));
}

fn review(member: MemberId, comment: &str, final_: bool) -> AppraisalCommand {
    A::ReviewAnalysis {
        member,
        review: Review {
            by: "王建国".into(),
            date: day(2006, 2, 3),
            comment: comment.into(),
        },
        final_,
    }
}

#[test]
fn a_review_sends_comments_back_or_makes_the_draft_final() {
    let after = accepted(&fixture(), review(WANG, "问题要具体", false));
    let analysis = analysis_of(&after, WANG);
    assert_eq!((analysis.status, analysis.reviews.len()), (AnalysisStatus::Reviewed, 1));
    let after = accepted(&fixture(), review(WANG, "", true));
    assert_eq!(analysis_of(&after, WANG).status, AnalysisStatus::Final);
    refused_when_closed(review(WANG, "问题要具体", false));
}

#[test]
fn a_review_needs_a_draft_a_reviewer_and_comments_or_enough_characters() {
    refused(&fixture(), review(MemberId(NOBODY), "好", false), MEMBER_GONE);
    refused(&fixture(), review(LI, "好", false), "这名党员还没有党性分析材料");
    let flexible_only = with(fixture(), flexible(LI, Some(oral())));
    refused(&flexible_only, review(LI, "好", false), "还没有保存任何一稿");
    refused(&fixture(), review(WANG, "  ", false), "请填写审阅意见");
    let nobody = A::ReviewAnalysis {
        member: WANG,
        review: Review {
            by: " ".into(),
            date: day(2006, 2, 3),
            comment: "好".into(),
        },
        final_: false,
    };
    refused(&fixture(), nobody, "请填写审阅人姓名");
    let cadre = with(fixture(), save(ZHANG, draft(day(2006, 2, 2), 3200)));
    refused(
        &cadre,
        review(ZHANG, "", true),
        "当前稿 3208 字，未达到 5000 字的要求；年老体弱等确有困难的，可登记灵活方式后定稿",
    );
}

fn oral() -> FlexibleForm {
    FlexibleForm {
        how: "口述，他人代笔".into(),
        reason: "年老体弱".into(),
        scribe: "李秀英".into(),
    }
}

fn flexible(member: MemberId, flexible: Option<FlexibleForm>) -> AppraisalCommand {
    A::SetFlexible { member, flexible }
}

#[test]
fn the_flexible_form_relaxes_the_length_rule_until_withdrawn() {
    let short = with(fixture(), save(ZHANG, draft(day(2006, 2, 2), 300)));
    let marked = accepted(&short, flexible(ZHANG, Some(oral())));
    assert_eq!(analysis_of(&marked, ZHANG).flexible, Some(oral()));
    let final_ = with(marked, review(ZHANG, "", true));
    assert_eq!(analysis_of(&final_, ZHANG).status, AnalysisStatus::Final);
    let withdrawn = accepted(&final_, flexible(ZHANG, None));
    let analysis = analysis_of(&withdrawn, ZHANG);
    assert_eq!(
        (analysis.flexible.as_ref(), analysis.status),
        (None, AnalysisStatus::Revising)
    );
    // Long enough on its own: still final.
    let long = with(fixture(), flexible(WANG, Some(oral())));
    let long = with(long, review(WANG, "", true));
    let withdrawn = accepted(&long, flexible(WANG, None));
    assert_eq!(analysis_of(&withdrawn, WANG).status, AnalysisStatus::Final);
    refused_when_closed(flexible(ZHANG, Some(oral())));
}

#[test]
fn the_flexible_form_needs_how_and_why_and_a_member() {
    let no_reason = FlexibleForm {
        reason: " ".into(),
        ..oral()
    };
    refused(
        &fixture(),
        flexible(WANG, Some(no_reason)),
        "请写明采用灵活方式的原因，如年老体弱、文化程度低",
    );
    let no_how = FlexibleForm {
        how: String::new(),
        ..oral()
    };
    refused(
        &fixture(),
        flexible(WANG, Some(no_how)),
        "请填写灵活方式，如“口述，他人代笔”",
    );
    refused(&fixture(), flexible(MemberId(NOBODY), Some(oral())), MEMBER_GONE);
}

/// What the three don't-convenes say of the fixture: nothing of it is
/// done yet.
const THREE_DONT: &str = "“三不开”检查未通过（意见征求到位并已反馈、谈心谈话充分、党性分析材料已经审阅）：按规定不应召开；确需召开的，请写明理由";

#[test]
fn a_new_meeting_has_every_member_active_that_day_present() {
    let after = accepted(&fixture(), A::AddMeeting(the_meeting()));
    let meeting = &after.meetings[1];
    assert_eq!(meeting.id, MeetingId(20));
    assert_eq!(
        meeting.attendance.keys().copied().collect::<Vec<_>>(),
        [WANG, LI, ZHANG, ZHAO]
    );
    assert!(meeting.attendance.values().all(|a| *a == Attendance::Present));
    refused(
        &fixture(),
        A::AddMeeting(Meeting {
            host: " ".into(),
            ..the_meeting()
        }),
        "请填写会议主持人",
    );
    refused_when_closed(A::AddMeeting(the_meeting()));
}

#[test]
fn holding_the_meeting_against_the_three_dont_convenes_needs_a_reason() {
    let held = Meeting {
        held: true,
        ..the_meeting()
    };
    refused(&fixture(), A::AddMeeting(held.clone()), THREE_DONT);
    let with_reason = Meeting {
        precheck_override: "上级统一安排，谈心于会后补齐".into(),
        ..held
    };
    let after = accepted(&fixture(), A::AddMeeting(with_reason));
    assert!(after.meetings[1].held);
}

#[test]
fn a_changed_meeting_keeps_attendance_following_its_date() {
    let mut earlier = fixture().meetings[0].clone();
    earlier.date = day(2005, 11, 30);
    earlier.minutes = "会议记录".into();
    let after = accepted(&fixture(), A::UpdateMeeting(earlier.clone()));
    assert_eq!(after.meetings[0].minutes, "会议记录");
    assert!(!after.meetings[0].attendance.contains_key(&ZHAO), "not a member then");
    let gone = Meeting {
        id: MeetingId(NOBODY),
        ..earlier.clone()
    };
    refused(&fixture(), A::UpdateMeeting(gone), MEETING_GONE);
    let held = Meeting {
        held: true,
        ..fixture().meetings[0].clone()
    };
    refused(&fixture(), A::UpdateMeeting(held), THREE_DONT);
    let stranger = Meeting {
        attendance: [(MemberId(NOBODY), Attendance::Present)].into(),
        ..earlier.clone()
    };
    refused(&fixture(), A::UpdateMeeting(stranger), "考勤中有党员已不在名册中");
    refused_when_closed(A::UpdateMeeting(earlier));
}

#[test]
fn a_removed_meeting_is_gone() {
    let after = accepted(&fixture(), A::RemoveMeeting(MeetingId(14)));
    assert!(after.meetings.is_empty());
    refused(&fixture(), A::RemoveMeeting(MeetingId(NOBODY)), MEETING_GONE);
    refused_when_closed(A::RemoveMeeting(MeetingId(14)));
}

#[test]
fn a_ballot_round_is_kept_when_its_counts_add_up() {
    let masses = AppraisalRound {
        voters: Voters::Masses,
        ..the_round()
    };
    let after = accepted(&fixture(), A::AddRound(masses.clone()));
    assert_eq!(
        (after.appraisal.rounds[1].id, after.appraisal.rounds[1].voters),
        (AppraisalId(20), Voters::Masses)
    );
    let short = AppraisalRound {
        invalid: 1,
        ..masses.clone()
    };
    refused(
        &fixture(),
        A::AddRound(short),
        "有效票 3 张 + 无效票 1 张 = 4 张，与实到 3 人不符",
    );
    refused_when_closed(A::AddRound(masses));
}

#[test]
fn a_changed_ballot_round_replaces_the_one_with_its_id() {
    let changed = AppraisalRound {
        expected: 3,
        ..fixture().appraisal.rounds[0].clone()
    };
    let after = accepted(&fixture(), A::UpdateRound(changed.clone()));
    assert_eq!(
        (after.appraisal.rounds.len(), &after.appraisal.rounds[0]),
        (1, &changed),
        "replaced in place"
    );
    let gone = AppraisalRound {
        id: AppraisalId(NOBODY),
        ..changed.clone()
    };
    refused(&fixture(), A::UpdateRound(gone), ROUND_GONE);
    let crowded = AppraisalRound {
        expected: 2,
        ..changed.clone()
    };
    refused(&fixture(), A::UpdateRound(crowded), "实到 3 人，多于应到 2 人");
    refused_when_closed(A::UpdateRound(changed));
}

#[test]
fn a_removed_ballot_round_is_gone() {
    let after = accepted(&fixture(), A::RemoveRound(AppraisalId(15)));
    assert!(after.appraisal.rounds.is_empty());
    refused(&fixture(), A::RemoveRound(AppraisalId(NOBODY)), ROUND_GONE);
    refused_when_closed(A::RemoveRound(AppraisalId(15)));
}

fn result(member: MemberId, grade: Grade) -> MemberResult {
    MemberResult {
        member,
        grade: Some(grade),
        branch_opinion: "学习认真，作用明显  \n".into(),
        ..MemberResult::default()
    }
}

#[test]
fn one_result_per_member_its_opinion_without_trailing_space() {
    let after = accepted(&fixture(), A::SetResult(result(WANG, Grade::Excellent)));
    assert_eq!(after.appraisal.results.len(), 1, "replaced, not added");
    let kept = after.appraisal.result(WANG).expect("a result");
    assert_eq!(
        (kept.grade, kept.branch_opinion.as_str()),
        (Some(Grade::Excellent), "学习认真，作用明显")
    );
    let after = accepted(&fixture(), A::SetResult(result(LI, Grade::Basic)));
    assert_eq!(after.appraisal.results.len(), 2);
    refused_when_closed(A::SetResult(result(LI, Grade::Basic)));
}

#[test]
fn a_result_keeps_the_cap_on_excellent_and_the_rules_of_disposition() {
    refused(
        &fixture(),
        A::SetResult(result(MemberId(NOBODY), Grade::Qualified)),
        MEMBER_GONE,
    );
    let excellent = with(fixture(), A::SetResult(result(WANG, Grade::Excellent)));
    refused(
        &excellent,
        A::SetResult(result(LI, Grade::Excellent)),
        "评为优秀的已有 1 名，不能超过党员总数的比例上限（最多 1 名）：李秀英 不能再评为优秀",
    );
    refused(
        &fixture(),
        A::SetResult(result(LI, Grade::Unqualified)),
        "李秀英评为不合格，请选择处置方式",
    );
    let disposed = MemberResult {
        disposition: Some(Disposition::Discipline),
        ..result(LI, Grade::Qualified)
    };
    refused(&fixture(), A::SetResult(disposed), "只有评为不合格的党员才需要处置");
}

#[test]
fn the_ballot_aspects_are_trimmed_and_at_most_twelve() {
    let aspects = vec![" 理想信念 ".to_owned(), String::new(), "模范作用".to_owned()];
    let after = accepted(&fixture(), A::SetBallotAspects(aspects.clone()));
    assert_eq!(after.appraisal.ballot_aspects, ["理想信念", "模范作用"]);
    let many = (1..=13).map(|i| format!("第{i}项")).collect();
    refused(&fixture(), A::SetBallotAspects(many), "测评内容 13 项，最多 12 项");
    refused_when_closed(A::SetBallotAspects(aspects));
}

fn report(reported: Option<Date>, form: &str, masses_date: Option<Date>, masses_form: &str) -> AppraisalCommand {
    A::SetReport {
        reported,
        form: form.into(),
        masses_date,
        masses_form: masses_form.into(),
    }
}

#[test]
fn the_report_of_the_results_says_how_for_each_date() {
    let command = report(Some(day(2006, 3, 10)), "党员大会", Some(day(2006, 3, 12)), "张榜公布");
    let after = accepted(&fixture(), command.clone());
    let records = &after.appraisal;
    assert_eq!(
        (records.reported, records.reported_form.as_str()),
        (Some(day(2006, 3, 10)), "党员大会")
    );
    assert_eq!(
        (records.reported_to_masses_date, records.reported_to_masses.as_str()),
        (Some(day(2006, 3, 12)), "张榜公布")
    );
    refused(
        &fixture(),
        report(Some(day(2006, 3, 10)), " ", None, ""),
        "请填写向党员通报的方式",
    );
    refused(
        &fixture(),
        report(None, "", Some(day(2006, 3, 12)), ""),
        "请填写向群众通报的方式",
    );
    refused(
        &fixture(),
        report(Some(day(2005, 1, 10)), "党员大会", None, ""),
        "日期 2005-01-10 早于活动开始（2005-11-15）",
    );
    refused_when_closed(command);
}

#[test]
fn revisions_are_kept_and_review_moves_the_status() {
    // The whole round of one material, as the window goes through it.
    let l = with(fixture(), save(LI, draft(day(2006, 2, 1), 2000)));
    let l = with(l, A::SubmitAnalysis(LI));
    assert_eq!(analysis_of(&l, LI).status, AnalysisStatus::Submitted);
    let l = with(l, review(LI, "问题要具体", false));
    let l = with(l, save(LI, draft(day(2006, 2, 5), 3200)));
    let final_ = A::ReviewAnalysis {
        member: LI,
        review: Review {
            by: "王建国".into(),
            date: day(2006, 2, 5),
            comment: String::new(),
        },
        final_: true,
    };
    let l = with(l, final_);
    let analysis = analysis_of(&l, LI);
    assert_eq!(
        (analysis.status, analysis.revisions.len(), analysis.reviews.len()),
        (AnalysisStatus::Final, 2, 2)
    );
}
