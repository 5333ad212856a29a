//! Unit tests of the edit core: every leaf command (each variant of
//! [`Command`] but the three stage wrappers, and each variant of the
//! stage enums) has a test that it is accepted and the ledger shows it,
//! that each refusal of its rules (a missing record, a closed campaign, a
//! bad value, a wrong stage) comes with its message, word for word, and
//! changes nothing, not even the id counter, and that undo through a
//! [`Document`], as the window does it, gives back the ledger as it was.
//!
//! One fixture ([`fixture`]) holds a campaign in the rectification stage
//! with four members and a record or two of every kind, all made through
//! [`apply`]. The tests live by stage: `roster` (preparation, and the
//! commands of every stage), `study`, `opinions` and `appraisal` (the
//! appraisal stage), `rectification`.

mod appraisal;
mod opinions;
mod rectification;
mod roster;
mod study;

use std::sync::LazyLock;

use crate::edit::{Applied, AppraisalCommand, Command, Document, RectificationCommand, StudyCommand, apply};
use crate::model::analysis::{DraftParts, Revision};
use crate::model::appraisal::{AppraisalRound, Grade, MemberResult, Tally, Voters};
use crate::model::campaign::{CLOSED, Closing, Period, StagePlan};
use crate::model::meeting::Meeting;
use crate::model::member::Transfer;
use crate::model::opinion::{Issue, Opinion, Target};
use crate::model::rectification::{BranchItem, Commendation, Commitment, Rule, Survey, SurveyCounts};
use crate::model::study::{Attendance, MakeUp, Reflection, Session};
use crate::model::talk::{TalkCard, TalkKind};
use crate::model::{Date, Ledger, Member, MemberId, Stage, StageMove};

/// 王建国, a committee member (支委) and the secretary.
const WANG: MemberId = MemberId(1);
/// 李秀英, a committee member; on leave from the fixture's session, made
/// up later.
const LI: MemberId = MemberId(2);
/// 张伟, a leading cadre.
const ZHANG: MemberId = MemberId(3);
/// 赵敏, transferred in on 2005-12-01, after the fixture's session.
const ZHAO: MemberId = MemberId(4);
/// An id no record has.
const NOBODY: u64 = 999;

/// A date of 2005 or 2006, the campaign's years.
fn day(year: i16, month: i8, day: i8) -> Date {
    Date::constant(year, month, day)
}

/// The ledger every test starts from (a copy of one built once).
fn fixture() -> Ledger {
    static FIXTURE: LazyLock<Ledger> = LazyLock::new(build_fixture);
    FIXTURE.clone()
}

/// The fixture with the campaign in `stage`, the moves after it undone.
fn in_stage(stage: Stage) -> Ledger {
    let mut ledger = fixture();
    ledger.campaign.stage = stage;
    ledger.campaign.moves.retain(|m| m.to <= stage);
    ledger
}

/// The fixture after the campaign was closed (验收归档).
fn closed() -> Ledger {
    static CLOSED_FIXTURE: LazyLock<Ledger> = LazyLock::new(|| {
        let mut ledger = fixture();
        apply(&mut ledger, close_command().into()).expect("the fixture closes");
        ledger
    });
    CLOSED_FIXTURE.clone()
}

/// The closing of the fixture's campaign, signed by the county's group.
fn closing() -> Closing {
    Closing {
        accepted: day(2006, 6, 30),
        accepted_by: " 县督导组 刘明 ".into(),
        archived_by: "王建国".into(),
        note: String::new(),
    }
}

fn close_command() -> RectificationCommand {
    RectificationCommand::Close {
        stage_move: StageMove {
            from: Stage::Rectification,
            to: Stage::Closed,
            ..StageMove::default()
        },
        closing: closing(),
    }
}

/// Applies `command` to a copy of `before` through a [`Document`] on a
/// temporary file, as the window does, and asserts that it is accepted,
/// that it changed the ledger, that undo (labelled with its description)
/// gives back `before` exactly and that redo does it again. Returns the
/// ledger after the command and what applying it produced.
fn accepted_as(before: &Ledger, command: impl Into<Command>) -> (Ledger, Applied) {
    let command = command.into();
    let description = command.describe();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut doc = Document::create(&dir.path().join("台账.ron"), before.clone()).expect("a new file");
    let applied = match doc.apply(command.clone(), 0.0) {
        Ok(applied) => applied,
        Err(message) => panic!("{command:?} was refused: {message}"),
    };
    let after = doc.ledger.clone();
    // `assert!`, not `assert_eq!`: a dump of two whole ledgers says less
    // than the command that failed.
    assert!(&after != before, "{command:?} changed nothing");
    assert_eq!(doc.undo_label(), Some(description.as_str()));
    assert!(doc.undo(1.0), "an undo step");
    assert!(
        &doc.ledger == before,
        "undo of {command:?} did not give back the ledger"
    );
    assert!(doc.redo(2.0), "a redo step");
    assert!(doc.ledger == after, "redo of {command:?} did not do it again");
    (after, applied)
}

/// [`accepted_as`], for the ledger after it.
fn accepted(before: &Ledger, command: impl Into<Command>) -> Ledger {
    accepted_as(before, command).0
}

/// Asserts that `command` is refused on `before` with exactly `message`
/// and leaves the ledger as it was (the id counter too).
#[track_caller]
fn refused(before: &Ledger, command: impl Into<Command>, message: &str) {
    let mut ledger = before.clone();
    let command = command.into();
    assert_eq!(
        apply(&mut ledger, command.clone()),
        Err(message.to_owned()),
        "{command:?}"
    );
    assert_eq!(ledger.last_id, before.last_id, "a refused {command:?} took an id");
    assert!(&ledger == before, "a refused {command:?} changed the ledger");
}

/// Asserts that a closed campaign refuses `command` as read-only.
#[track_caller]
fn refused_when_closed(command: impl Into<Command>) {
    refused(&closed(), command, CLOSED);
}

/// Applies `command` directly, for a test's own setup.
#[track_caller]
fn with(mut ledger: Ledger, command: impl Into<Command>) -> Ledger {
    let command = command.into();
    if let Err(message) = apply(&mut ledger, command.clone()) {
        panic!("setup {command:?} refused: {message}");
    }
    ledger
}

fn plan() -> StagePlan {
    let period = |start: Date, end: Date| Period {
        start: Some(start),
        end: Some(end),
    };
    StagePlan {
        learning: period(day(2005, 11, 15), day(2006, 1, 15)),
        appraisal: period(day(2006, 1, 16), day(2006, 3, 15)),
        rectification: period(day(2006, 3, 16), day(2006, 5, 31)),
        filed: Some(day(2005, 11, 10)),
    }
}

fn members() -> Vec<Member> {
    let named = |name: &str| Member {
        name: name.into(),
        ..Member::default()
    };
    vec![
        Member {
            committee: true,
            ..named("王建国")
        },
        Member {
            committee: true,
            ..named("李秀英")
        },
        Member {
            leading_cadre: true,
            ..named("张伟")
        },
        Member {
            transfer_in: Some(Transfer {
                date: day(2005, 12, 1),
                other_branch: "城关镇党委".into(),
            }),
            ..named("赵敏")
        },
    ]
}

/// A draft of `chars` characters dated `date`, naming a problem of
/// ideals (理想信念).
fn draft(date: Date, chars: usize) -> Revision {
    let mut parts = DraftParts {
        opening: "学".repeat(chars),
        ..DraftParts::default()
    };
    parts.problems[0] = " 理论学习不够深入 ".into();
    Revision {
        date,
        parts,
        ..Revision::default()
    }
}

fn the_session() -> Session {
    Session {
        date: day(2005, 11, 20),
        hours: 3.0,
        topic: "学习党章".into(),
        ..Session::default()
    }
}

fn make_up_of_li() -> MakeUp {
    MakeUp {
        member: LI,
        date: day(2005, 11, 25),
        hours: 3.0,
        covers: vec![crate::model::SessionId(5)],
        ..MakeUp::default()
    }
}

fn reflection_of_wang() -> Reflection {
    Reflection {
        member: WANG,
        date: day(2005, 12, 1),
        title: "学习党章的体会".into(),
        chars: 1500,
        ..Reflection::default()
    }
}

fn opinion(about: Target, content: &str) -> Opinion {
    Opinion {
        date: day(2006, 1, 20),
        about,
        content: content.into(),
        ..Opinion::default()
    }
}

fn talk_of_the_committee() -> TalkCard {
    TalkCard {
        date: day(2006, 1, 25),
        kind: TalkKind::CommitteeCommittee,
        members: vec![WANG, LI],
        topic: "交流学习体会".into(),
        ..TalkCard::default()
    }
}

fn the_meeting() -> Meeting {
    Meeting {
        date: day(2006, 2, 20),
        host: "王建国".into(),
        ..Meeting::default()
    }
}

fn the_round() -> AppraisalRound {
    AppraisalRound {
        date: day(2006, 3, 1),
        voters: Voters::Members,
        expected: 4,
        present: 3,
        valid: 3,
        invalid: 0,
        tallies: vec![Tally {
            member: WANG,
            excellent: 2,
            qualified: 1,
            ..Tally::default()
        }],
        ..AppraisalRound::default()
    }
}

fn commitment_of_wang() -> Commitment {
    Commitment {
        member: WANG,
        problem: "开会经常迟到".into(),
        measure: "提前十分钟到会".into(),
        deadline: Some(day(2006, 5, 1)),
        responsible: "王建国".into(),
        ..Commitment::default()
    }
}

fn the_branch_item() -> BranchItem {
    BranchItem {
        problem: "活动场所简陋".into(),
        sources: vec![crate::model::IssueId(11)],
        measure: "修缮党员活动室".into(),
        responsible: "李秀英".into(),
        deadline: Some(day(2006, 5, 15)),
        ..BranchItem::default()
    }
}

fn the_rule() -> Rule {
    Rule {
        name: "党员联系群众制度".into(),
        adopted: Some(day(2006, 4, 1)),
        ..Rule::default()
    }
}

fn the_survey() -> Survey {
    Survey {
        date: day(2006, 5, 10),
        respondents: "村民代表".into(),
        issued: 20,
        returned: 20,
        counts: SurveyCounts {
            satisfied: 15,
            fairly: 3,
            basically: 1,
            unsatisfied: 1,
            invalid: 0,
        },
        ..Survey::default()
    }
}

/// Builds the fixture through the edit core. Its ids, in the order made:
/// members 1–4, session 5, make-up 6, reflection 7, opinions 8–10, issue
/// 11 (merging 8 and 9), talk 12, analysis 13 (王建国's), meeting 14,
/// round 15, commitment 16, branch item 17, rule 18, survey 19.
fn build_fixture() -> Ledger {
    use AppraisalCommand as A;
    use RectificationCommand as R;
    use StudyCommand as S;
    let mut ledger = Ledger::default();
    ledger.branch.name = "城关镇东街村党支部".into();
    ledger.campaign.plan = plan();
    let moves = [
        (Stage::Preparation, Stage::Learning, day(2005, 11, 15)),
        (Stage::Learning, Stage::Appraisal, day(2006, 1, 16)),
        (Stage::Appraisal, Stage::Rectification, day(2006, 3, 16)),
    ];
    let commands: Vec<Command> = vec![
        Command::AddMembers(members()),
        S::AddSession(the_session()).into(),
        S::SetAttendance {
            session: crate::model::SessionId(5),
            member: LI,
            attendance: Attendance::Leave("出差".into()),
        }
        .into(),
        S::AddMakeUp(make_up_of_li()).into(),
        S::AddReflection(reflection_of_wang()).into(),
        S::SetRequirements("带头致富，带领群众共同致富".into()).into(),
        A::AddOpinion(opinion(Target::Member(WANG), "开会迟到")).into(),
        A::AddOpinion(opinion(Target::Member(WANG), "会议经常迟到")).into(),
        A::AddOpinion(opinion(Target::Branch, "活动场所简陋")).into(),
        A::Merge {
            opinions: vec![crate::model::OpinionId(8), crate::model::OpinionId(9)],
            issue: Issue {
                about: Target::Member(WANG),
                content: "开会经常迟到".into(),
                ..Issue::default()
            },
        }
        .into(),
        A::AddTalk(talk_of_the_committee()).into(),
        A::SaveRevision {
            member: WANG,
            revision: draft(day(2006, 2, 1), 3200),
        }
        .into(),
        A::AddMeeting(the_meeting()).into(),
        A::AddRound(the_round()).into(),
        A::SetResult(MemberResult {
            member: WANG,
            grade: Some(Grade::Qualified),
            branch_opinion: "合格".into(),
            ..MemberResult::default()
        })
        .into(),
        R::AddCommitment(commitment_of_wang()).into(),
        R::AddBranchItem(the_branch_item()).into(),
        R::AddRule(the_rule()).into(),
        R::AddSurvey(the_survey()).into(),
        R::SetCommendation {
            member: WANG,
            commendation: Some(Commendation {
                title: "优秀共产党员".into(),
                ..Commendation::default()
            }),
        }
        .into(),
        R::SetSummary("活动取得了明显成效。".into()).into(),
    ];
    for command in commands {
        ledger = with(ledger, command);
    }
    for (from, to, date) in moves {
        let stage_move = StageMove {
            from,
            to,
            date,
            approver: "刘明".into(),
            ..StageMove::default()
        };
        ledger = with(ledger, Command::MoveStage(stage_move));
    }
    ledger
}

#[test]
fn the_fixture_holds_a_record_of_every_kind_with_the_ids_its_tests_name() {
    let l = fixture();
    assert_eq!(l.members.len(), 4);
    assert_eq!(l.member_name(ZHAO), "赵敏");
    assert_eq!(l.study.sessions[0].id.0, 5);
    assert_eq!(l.study.sessions[0].attendance.len(), 3, "赵敏 came after it");
    assert_eq!(l.study.make_ups[0].id.0, 6);
    assert_eq!(l.study.reflections[0].id.0, 7);
    assert_eq!(
        l.opinions.opinions.iter().map(|o| o.id.0).collect::<Vec<_>>(),
        [8, 9, 10]
    );
    assert_eq!(l.opinions.issues[0].id.0, 11);
    assert_eq!(l.talks[0].id.0, 12);
    assert_eq!((l.analyses[0].id.0, l.analyses[0].member), (13, WANG));
    assert_eq!(l.meetings[0].id.0, 14);
    assert_eq!(l.appraisal.rounds[0].id.0, 15);
    let r = &l.rectification;
    assert_eq!(
        (
            r.commitments[0].id.0,
            r.branch_items[0].id.0,
            r.rules[0].id.0,
            r.surveys[0].id.0
        ),
        (16, 17, 18, 19)
    );
    assert_eq!(l.last_id, 19);
    assert_eq!(l.campaign.stage, Stage::Rectification);
    assert_eq!(closed().campaign.stage, Stage::Closed);
}
