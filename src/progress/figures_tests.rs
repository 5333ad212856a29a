//! Figures of a small hand-built branch whose every figure is known.

use super::*;
use crate::model::analysis::{Analysis, FlexibleForm, Revision};
use crate::model::appraisal::MemberResult;
use crate::model::member::{Member, Transfer};
use crate::model::opinion::{Issue, Opinion};
use crate::model::rectification::{BranchItem, Commitment, ItemStatus, Survey, SurveyCounts};
use crate::model::study::{Attendance, MakeUp, Reflection, Session, SessionKind};
use crate::model::talk::{Outsider, Review, TalkCard};
use crate::model::{
    AnalysisId, BranchItemId, CommitmentId, IssueId, MakeUpId, OpinionId, ReflectionId, SessionId, StageMove, SurveyId,
    TalkId,
};

const fn day(y: i16, m: i8, d: i8) -> Date {
    Date::constant(y, m, d)
}

/// The day the sample's figures are made.
pub(crate) const TODAY: Date = day(2006, 3, 1);

fn member(id: u64, name: &str, category: Category) -> Member {
    Member {
        id: MemberId(id),
        name: name.to_owned(),
        category: Some(category),
        phone: format!("1390000000{id}"),
        id_number: format!("11010519600101{id:03}X"),
        ..Member::default()
    }
}

/// Four members (the fourth transferred out), a few records of every
/// stage; the expected figures are worked out by hand in the test below.
#[expect(
    clippy::too_many_lines,
    reason = "a fixture: one record after another, each needed by a figure below"
)]
pub(crate) fn sample_ledger() -> Ledger {
    let mut ledger = Ledger::default();
    ledger.branch.name = "青山村党支部".into();
    ledger.branch.superior = "青山镇党委".into();
    ledger.campaign.settings.required_hours = 20.0;
    ledger.campaign.stage = Stage::Rectification;
    ledger.campaign.moves = vec![
        StageMove {
            from: Stage::Preparation,
            to: Stage::Learning,
            date: day(2005, 11, 14),
            ..StageMove::default()
        },
        StageMove {
            from: Stage::Learning,
            to: Stage::Appraisal,
            date: day(2006, 1, 16),
            ..StageMove::default()
        },
    ];
    let mut m1 = member(1, "王建国", Category::Farmer);
    m1.leading_cadre = true;
    let mut m2 = member(2, "李秀英", Category::Retired);
    m2.status = MemberStatus::Probationary;
    let m3 = member(3, "张伟", Category::Mobile);
    let mut m4 = member(4, "赵强", Category::Farmer);
    m4.transfer_out = Some(Transfer {
        date: day(2006, 1, 8),
        other_branch: "东村党支部".into(),
    });
    ledger.members = vec![m1, m2, m3, m4].into();

    // 学习动员: mobilisation 2 h, one study session 18 h; m3 is excused.
    let id = MemberId;
    ledger.study.sessions = vec![
        Session {
            id: SessionId(10),
            kind: SessionKind::Mobilisation,
            date: day(2005, 11, 15),
            hours: 2.0,
            attendance: [
                (id(1), Attendance::Present),
                (id(2), Attendance::Present),
                (id(3), Attendance::Leave("外出".into())),
                (id(4), Attendance::Present),
            ]
            .into(),
            ..Session::default()
        }
        .into(),
        Session {
            id: SessionId(11),
            date: day(2005, 11, 20),
            hours: 18.0,
            attendance: [
                (id(1), Attendance::Present),
                (id(2), Attendance::Absent),
                (id(3), Attendance::Absent),
                (id(4), Attendance::Present),
            ]
            .into(),
            ..Session::default()
        }
        .into(),
    ];
    ledger.study.make_ups = vec![MakeUp {
        id: MakeUpId(12),
        member: id(2),
        date: day(2005, 12, 1),
        hours: 10.0,
        covers: vec![SessionId(11)],
        ..MakeUp::default()
    }]
    .into();
    ledger.study.exemptions = vec![crate::model::study::Exemption {
        member: id(3),
        reason: "重病".into(),
        date: day(2005, 11, 16),
    }];
    let reflection = |rid: u64, member: u64, received: bool| Reflection {
        id: ReflectionId(rid),
        member: id(member),
        received,
        ..Reflection::default()
    };
    ledger.study.reflections = vec![
        reflection(13, 1, true),
        reflection(14, 2, false),
        reflection(15, 4, true),
    ]
    .into();

    // 分析评议.
    let opinion = |oid: u64, channel: Channel, issue: u64, date: Date| Opinion {
        id: OpinionId(oid),
        channel,
        issue: Some(IssueId(issue)),
        date,
        ..Opinion::default()
    };
    ledger.opinions.opinions = vec![
        opinion(20, Channel::Forum, 30, day(2006, 1, 18)),
        opinion(21, Channel::Forum, 30, day(2006, 1, 18)),
        opinion(22, Channel::Box, 32, day(2006, 1, 20)),
    ];
    ledger.opinions.issues = vec![
        Issue {
            id: IssueId(30),
            about: Target::Member(id(1)),
            fed_back: Some(day(2006, 1, 25)),
            signed: Some(day(2006, 1, 26)),
            ..Issue::default()
        },
        Issue {
            id: IssueId(31),
            about: Target::Branch,
            ..Issue::default()
        },
        Issue {
            id: IssueId(32),
            about: Target::Member(id(2)),
            ..Issue::default()
        },
    ];
    let card = |tid: u64, kind: TalkKind, members: &[u64]| TalkCard {
        id: TalkId(tid),
        kind,
        members: members.iter().map(|m| id(*m)).collect(),
        ..TalkCard::default()
    };
    let mut masses = card(41, TalkKind::MemberMasses, &[1]);
    masses.others.push(Outsider {
        name: "村民甲".into(),
        role: "群众".into(),
    });
    ledger.talks = vec![
        card(40, TalkKind::MemberMember, &[1, 2]).into(),
        masses.into(),
        card(42, TalkKind::CommitteeCommittee, &[1, 4]).into(),
    ];
    let draft = Revision {
        text: "存在的问题".into(),
        ..Revision::default()
    };
    ledger.analyses = vec![
        Analysis {
            id: AnalysisId(50),
            member: id(1),
            revisions: vec![draft.clone()],
            status: AnalysisStatus::Final,
            reviews: vec![Review::default()],
            ..Analysis::default()
        }
        .into(),
        Analysis {
            id: AnalysisId(51),
            member: id(2),
            revisions: vec![draft],
            flexible: Some(FlexibleForm::default()),
            ..Analysis::default()
        }
        .into(),
        Analysis {
            id: AnalysisId(52),
            member: id(3),
            ..Analysis::default()
        }
        .into(),
    ];
    ledger.appraisal.results = vec![
        MemberResult {
            member: id(1),
            grade: Some(Grade::Excellent),
            ..MemberResult::default()
        },
        MemberResult {
            member: id(2),
            grade: Some(Grade::Unqualified),
            disposition: Some(Disposition::CorrectWithinLimit),
            ..MemberResult::default()
        },
        MemberResult {
            member: id(4),
            grade: Some(Grade::Qualified),
            ..MemberResult::default()
        },
    ];

    // 整改提高.
    let commitment = |cid: u64, member: u64, status: ItemStatus, deadline: Option<Date>| Commitment {
        id: CommitmentId(cid),
        member: id(member),
        status,
        deadline,
        ..Commitment::default()
    };
    ledger.rectification.commitments = vec![
        commitment(60, 1, ItemStatus::Done, Some(day(2006, 2, 1))),
        commitment(61, 2, ItemStatus::InProgress, Some(day(2006, 2, 1))),
        commitment(62, 2, ItemStatus::NotStarted, None),
    ];
    let item = |bid: u64, hot: bool, status: ItemStatus, deadline: Option<Date>| BranchItem {
        id: BranchItemId(bid),
        hot,
        status,
        deadline,
        ..BranchItem::default()
    };
    ledger.rectification.branch_items = vec![
        item(70, true, ItemStatus::Done, Some(day(2006, 2, 1))),
        item(71, true, ItemStatus::InProgress, Some(day(2006, 2, 20))),
        item(72, false, ItemStatus::Done, None),
    ];
    let survey = |sid: u64, date: Date, counts: [u32; 4]| Survey {
        id: SurveyId(sid),
        date,
        counts: SurveyCounts {
            satisfied: counts[0],
            fairly: counts[1],
            basically: counts[2],
            unsatisfied: counts[3],
            invalid: 1,
        },
        ..Survey::default()
    };
    ledger.rectification.surveys = vec![
        survey(81, day(2006, 2, 25), [6, 2, 0, 2]),
        survey(80, day(2006, 2, 10), [5, 3, 1, 1]),
    ];
    ledger
}

#[test]
fn sample_figures_equal_the_hand_counts() {
    let f = figures(&sample_ledger(), TODAY);
    assert_eq!(f.stage, Stage::Rectification);
    assert_eq!(f.moves.len(), 2);
    assert_eq!(f.moves[1].date, day(2006, 1, 16));
    assert_eq!(f.closed, None);

    let m = &f.members;
    assert_eq!((m.total, m.full, m.probationary, m.leading_cadres), (3, 2, 1, 1));
    assert_eq!((m.uncategorised, m.transferred_out), (0, 1));
    let of = |c: Category| m.by_category.iter().find(|(k, _)| *k == c).map(|(_, n)| *n);
    assert_eq!(of(Category::Farmer), Some(1), "the farmer who left is not counted");
    assert_eq!(of(Category::Mobile), Some(1));
    assert_eq!(of(Category::Student), Some(0));

    let l = f.learning.expect("learning has records");
    assert!(l.mobilisation_held);
    assert_eq!(l.mobilisation_present, 2, "the member who left is not counted");
    assert_eq!(l.sessions, 1);
    assert_eq!((l.participants, l.exempt), (2, 1));
    // m1 20 h, m2 2 + 10 h made up; m3 excused.
    assert_eq!(l.average_hours, Some(16.0));
    assert_eq!(l.members_met, 2, "m1 met, m3 excused; as 学时统计 counts 达标");
    assert_eq!((l.make_up_hours, l.members_made_up), (10.0, 1));
    assert_eq!(
        (l.reflections, l.members_reflected),
        (1, 2),
        "the reflection of the member who left does not count; m3 is excused"
    );

    let a = f.appraisal.expect("appraisal has records");
    assert_eq!((a.opinions_raw, a.opinions_merged), (3, 3));
    assert_eq!(a.opinions_by_channel[0], (Channel::Forum, 2));
    assert_eq!(a.opinions_by_channel[2], (Channel::Box, 1));
    assert_eq!((a.member_issues, a.fed_back, a.signed), (2, 1, 1));
    assert_eq!(a.feedback_overdue, 1, "received 01-20, 15 days, not fed back by 03-01");
    assert_eq!(a.talk_cards, 3);
    assert_eq!(a.talks_by_kind[0], (TalkKind::CommitteeCommittee, 1));
    assert_eq!(a.talks_average, Some(4.0 / 3.0));
    assert_eq!(a.members_talks_below, 3);
    assert_eq!(
        (
            a.analyses_written,
            a.analyses_reviewed,
            a.analyses_final,
            a.analyses_flexible
        ),
        (2, 1, 1, 1)
    );
    assert_eq!(a.grades[0], (Grade::Excellent, 1));
    assert_eq!(a.grades[1], (Grade::Qualified, 0), "the member who left is not counted");
    assert_eq!(a.grades[3], (Grade::Unqualified, 1));
    assert_eq!(a.ungraded, 1);
    assert_eq!(a.dispositions[0], (Disposition::CorrectWithinLimit, 1));

    let r = f.rectification.expect("rectification has records");
    assert_eq!((r.commitments, r.commitments_done, r.commitments_overdue), (3, 1, 1));
    assert_eq!(r.members_committed, 2);
    assert_eq!((r.branch_items, r.branch_items_done, r.branch_items_overdue), (3, 2, 1));
    assert_eq!((r.hot_problems, r.hot_problems_solved), (2, 1));
    assert_eq!(r.surveys.len(), 2);
    assert_eq!(r.surveys[0].rate, Some(90.0), "oldest first: 9 of 10 valid");
    assert_eq!(r.latest_rate(), Some(80.0));
}

#[test]
fn stages_without_records_have_no_figures_not_zeros() {
    let mut ledger = Ledger::default();
    ledger.members.push(member(1, "王建国", Category::Farmer));
    let f = figures(&ledger, TODAY);
    assert_eq!(f.members.total, 1);
    assert!(f.learning.is_none());
    assert!(f.appraisal.is_none());
    assert!(f.rectification.is_none());
}

#[test]
fn satisfaction_rate_follows_the_campaign_setting() {
    let mut ledger = sample_ledger();
    ledger.campaign.settings.satisfied_counts.basically = false;
    let r = figures(&ledger, TODAY).rectification.expect("records");
    assert_eq!(r.surveys[0].rate, Some(80.0), "基本满意 no longer counts: 8 of 10");
}

#[test]
fn the_demo_branch_has_figures_for_every_stage_it_reached() {
    let ledger = crate::demo::demo_ledger(60, day(2006, 3, 10));
    let f = figures(&ledger, day(2006, 3, 10));
    assert_eq!(f.members.total as usize, ledger.current_members().count());
    let l = f.learning.expect("the demo has studied");
    assert!(l.average_hours.is_some_and(|h| h > 0.0));
    assert!(f.appraisal.is_some());
}

#[test]
fn records_of_a_member_who_left_stay_out_of_the_per_member_figures() {
    let mut ledger = sample_ledger();
    // 赵强 (who left) wrote a final analysis and made a commitment before
    // leaving, and an opinion about him was merged and fed back.
    let draft = Revision {
        text: "存在的问题".into(),
        ..Revision::default()
    };
    ledger.analyses.push(
        Analysis {
            id: AnalysisId(53),
            member: MemberId(4),
            revisions: vec![draft],
            status: AnalysisStatus::Final,
            reviews: vec![Review::default()],
            ..Analysis::default()
        }
        .into(),
    );
    ledger.rectification.commitments.push(Commitment {
        id: CommitmentId(63),
        member: MemberId(4),
        status: ItemStatus::Done,
        ..Commitment::default()
    });
    ledger.opinions.issues.push(Issue {
        id: IssueId(33),
        about: Target::Member(MemberId(4)),
        fed_back: Some(day(2006, 1, 5)),
        ..Issue::default()
    });
    let f = figures(&ledger, TODAY);
    let a = f.appraisal.expect("records");
    assert_eq!((a.analyses_written, a.analyses_final), (2, 1));
    assert_eq!((a.member_issues, a.fed_back), (2, 1));
    assert_eq!(
        a.opinions_merged, 4,
        "the branch merged it: a branch-level count keeps it"
    );
    assert_eq!(a.talk_cards, 3, "the card he is on was a talk held");
    let r = f.rectification.expect("records");
    assert_eq!((r.commitments, r.commitments_done), (3, 1));
}
