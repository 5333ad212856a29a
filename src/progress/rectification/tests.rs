use super::*;
use crate::model::analysis::{Analysis, AnalysisProblem};
use crate::model::appraisal::{Disposition, MemberResult};
use crate::model::opinion::Issue;
use crate::model::rectification::{BranchItem, Commitment, Rule, SurveyCounts};
use crate::model::{IssueId, Member, Stage, SurveyId};

const TODAY: Date = Date::constant(2006, 6, 1);

fn member(id: u64, name: &str) -> Member {
    Member {
        id: MemberId(id),
        name: name.into(),
        ..Member::default()
    }
}

fn commitment(id: u64, member: u64, deadline: Date, status: ItemStatus) -> Commitment {
    Commitment {
        id: CommitmentId(id),
        member: MemberId(member),
        problem: format!("问题{id}"),
        measure: "措施".into(),
        deadline: Some(deadline),
        responsible: "本人".into(),
        status,
        ..Commitment::default()
    }
}

fn ledger() -> Ledger {
    let mut l = Ledger {
        members: vec![member(1, "张三"), member(2, "李四")].into(),
        ..Ledger::default()
    };
    l.campaign.stage = Stage::Rectification;
    l
}

#[test]
fn overdue_and_due_soon_items_follow_a_fixed_clock() {
    let mut l = ledger();
    l.rectification.commitments = vec![
        commitment(10, 1, Date::constant(2006, 5, 31), ItemStatus::InProgress),
        commitment(11, 1, Date::constant(2006, 6, 5), ItemStatus::NotStarted),
        commitment(12, 2, Date::constant(2006, 5, 1), ItemStatus::Done),
        commitment(13, 2, Date::constant(2006, 7, 1), ItemStatus::NotStarted),
    ];
    l.rectification.branch_items.push(BranchItem {
        id: BranchItemId(20),
        problem: "修路".into(),
        deadline: Some(Date::constant(2006, 5, 20)),
        ..BranchItem::default()
    });
    let due = due_items(&l, TODAY);
    let records: Vec<_> = due.iter().map(|d| (d.record, d.overdue)).collect();
    assert_eq!(
        records,
        vec![
            (DueRecord::BranchItem(BranchItemId(20)), true),
            (DueRecord::Commitment(MemberId(1), CommitmentId(10)), true),
            (DueRecord::Commitment(MemberId(1), CommitmentId(11)), false),
        ]
    );
    assert_eq!(due_counts(&l, TODAY), (2, 1));
    // A month later the due-soon one is overdue too; the July one is near.
    assert_eq!(due_counts(&l, Date::constant(2006, 6, 26)), (3, 1));
    let counts = commitment_counts(&l, TODAY);
    assert_eq!(counts[&MemberId(1)].overdue, 1);
    assert_eq!(counts[&MemberId(2)].done, 1);
}

#[test]
fn suggestions_come_from_analysis_opinions_and_appraisal_and_mark_those_taken() {
    let mut l = ledger();
    l.analyses.push(
        Analysis {
            member: MemberId(1),
            problems: vec![AnalysisProblem {
                text: "理论学习不够系统".into(),
                ..AnalysisProblem::default()
            }],
            ..Analysis::default()
        }
        .into(),
    );
    l.opinions.issues.push(Issue {
        id: IssueId(5),
        about: Target::Member(MemberId(1)),
        content: "带头致富作用不明显".into(),
        ..Issue::default()
    });
    l.appraisal.results.push(MemberResult {
        member: MemberId(1),
        branch_opinion: "参加组织生活不经常".into(),
        disposition: Some(Disposition::CorrectWithinLimit),
        ..MemberResult::default()
    });
    let found = suggestions(&l, MemberId(1));
    let sources: Vec<_> = found.iter().map(|s| s.source).collect();
    assert_eq!(
        sources,
        vec![
            SuggestionSource::Analysis,
            SuggestionSource::Opinion,
            SuggestionSource::Appraisal
        ]
    );
    assert!(found.iter().all(|s| !s.taken));
    l.rectification.commitments.push(Commitment {
        problem: "带头致富作用不明显".into(),
        ..commitment(30, 1, TODAY, ItemStatus::NotStarted)
    });
    let found = suggestions(&l, MemberId(1));
    assert!(found[1].taken && !found[0].taken);
    assert!(suggestions(&l, MemberId(2)).is_empty());
}

fn survey(id: u64, date: Date, satisfied: u32, unsatisfied: u32) -> crate::model::rectification::Survey {
    crate::model::rectification::Survey {
        id: SurveyId(id),
        date,
        respondents: "群众代表".into(),
        issued: satisfied + unsatisfied,
        returned: satisfied + unsatisfied,
        counts: SurveyCounts {
            satisfied,
            unsatisfied,
            ..SurveyCounts::default()
        },
        ..Default::default()
    }
}

#[test]
fn the_gate_lists_what_closing_needs_and_a_new_survey_round_replaces_a_low_one() {
    let mut l = ledger();
    let unmet = |l: &Ledger| -> Vec<(&'static str, usize)> {
        rectification_checks(l, TODAY)
            .into_iter()
            .filter(|c| !c.is_met())
            .map(|c| (c.label, c.unmet.len()))
            .collect()
    };
    assert_eq!(unmet(&l).len(), 5, "{:?}", unmet(&l));
    l.rectification.commitments = vec![
        commitment(10, 1, Date::constant(2006, 5, 31), ItemStatus::InProgress),
        commitment(11, 2, Date::constant(2006, 6, 30), ItemStatus::NotStarted),
    ];
    l.rectification.branch_items.push(BranchItem {
        id: BranchItemId(20),
        problem: "修路".into(),
        hot: true,
        status: ItemStatus::Done,
        ..BranchItem::default()
    });
    l.rectification.rules.push(Rule {
        name: "党员联系农户制度".into(),
        ..Rule::default()
    });
    l.rectification.summary = "总结".into();
    // 5 of 10 satisfied: 50 %, under the 60 % threshold.
    l.rectification
        .surveys
        .push(survey(40, Date::constant(2006, 5, 20), 5, 5));
    assert_eq!(
        unmet(&l),
        vec![("逾期未完成的事项都有说明", 1), ("群众满意度测评达到标准", 1)]
    );
    l.rectification.commitments[0].note = "资金未到位，已报镇里协调".into();
    // The low round is kept; a newer round at 60 % meets the threshold.
    l.rectification
        .surveys
        .push(survey(41, Date::constant(2006, 5, 30), 6, 4));
    assert!(unmet(&l).is_empty(), "{:?}", unmet(&l));
    assert_eq!(l.rectification.surveys.len(), 2);
    // A stricter threshold fails it again.
    l.campaign.settings.satisfaction_threshold = 70.0;
    assert_eq!(unmet(&l), vec![("群众满意度测评达到标准", 1)]);
}
