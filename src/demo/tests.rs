//! Tests of the demo branch: deterministic, valid, consistent and complete.

use std::collections::{HashMap, HashSet};

use super::{DEFAULT_MEMBERS, demo_ledger};
use crate::model::analysis::AnalysisStatus;
use crate::model::appraisal::Grade;
use crate::model::opinion::Target;
use crate::model::study::{Attendance, SessionKind};
use crate::model::validate::{check_id_number, check_member};
use crate::model::{Category, Date, Ledger, MemberId, Stage};

fn today() -> Date {
    Date::constant(2026, 11, 24)
}

/// Every record id in the ledger, in any order.
fn all_ids(l: &Ledger) -> Vec<u64> {
    let mut ids: Vec<u64> = l.members.iter().map(|m| m.id.0).collect();
    ids.extend(l.study.sessions.iter().map(|s| s.id.0));
    ids.extend(l.study.make_ups.iter().map(|m| m.id.0));
    ids.extend(l.study.reflections.iter().map(|r| r.id.0));
    ids.extend(l.opinions.opinions.iter().map(|o| o.id.0));
    ids.extend(l.opinions.issues.iter().map(|i| i.id.0));
    ids.extend(l.talks.iter().map(|t| t.id.0));
    ids.extend(l.analyses.iter().map(|a| a.id.0));
    ids.extend(l.meetings.iter().map(|m| m.id.0));
    ids.extend(l.appraisal.rounds.iter().map(|r| r.id.0));
    ids.extend(l.rectification.commitments.iter().map(|c| c.id.0));
    ids.extend(l.rectification.branch_items.iter().map(|b| b.id.0));
    ids.extend(l.rectification.rules.iter().map(|r| r.id.0));
    ids.extend(l.rectification.surveys.iter().map(|s| s.id.0));
    ids
}

/// Every member id any record names.
fn referenced_members(l: &Ledger) -> Vec<MemberId> {
    let mut ids = Vec::new();
    for s in &l.study.sessions {
        ids.extend(s.attendance.keys().copied());
    }
    ids.extend(l.study.make_ups.iter().map(|m| m.member));
    ids.extend(l.study.reflections.iter().map(|r| r.member));
    let target = |t: &Target| match t {
        Target::Member(id) => Some(*id),
        _ => None,
    };
    ids.extend(l.opinions.opinions.iter().filter_map(|o| target(&o.about)));
    ids.extend(l.opinions.issues.iter().filter_map(|i| target(&i.about)));
    for t in &l.talks {
        ids.extend(t.members.iter().copied());
    }
    ids.extend(l.analyses.iter().map(|a| a.member));
    for m in &l.meetings {
        ids.extend(m.attendance.keys().copied());
        ids.extend(m.spoke.iter().copied());
    }
    for r in &l.appraisal.rounds {
        ids.extend(r.tallies.iter().map(|t| t.member));
    }
    ids.extend(l.appraisal.results.iter().map(|r| r.member));
    ids.extend(l.rectification.commitments.iter().map(|c| c.member));
    ids.extend(l.rectification.commendations.iter().map(|c| c.member));
    ids
}

/// Record ids unique, every member id named exists, attendance only of
/// members on the roster that day.
pub(super) fn assert_consistent(l: &Ledger) {
    let ids = all_ids(l);
    let unique: HashSet<u64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "record ids must be unique");
    assert!(ids.iter().all(|&id| id <= l.last_id), "last_id must cover every id");
    let members: HashSet<MemberId> = l.members.iter().map(|m| m.id).collect();
    for id in referenced_members(l) {
        assert!(members.contains(&id), "dangling member id {id:?}");
    }
    let sessions: HashSet<_> = l.study.sessions.iter().map(|s| s.id).collect();
    for m in &l.study.make_ups {
        assert!(m.covers.iter().all(|s| sessions.contains(s)));
    }
    let issues: HashSet<_> = l.opinions.issues.iter().map(|i| i.id).collect();
    assert!(
        l.opinions
            .opinions
            .iter()
            .all(|o| o.issue.is_none_or(|i| issues.contains(&i)))
    );
    let by_id: HashMap<MemberId, &crate::model::Member> = l.members.iter().map(|m| (m.id, m)).collect();
    for s in &l.study.sessions {
        for id in s.attendance.keys() {
            let member = by_id[id];
            assert!(
                member.active_on(s.date),
                "{} attended {} while not on the roster",
                member.name,
                s.date
            );
        }
    }
}

#[test]
fn same_arguments_give_the_same_ledger() {
    assert_eq!(
        demo_ledger(DEFAULT_MEMBERS, today()),
        demo_ledger(DEFAULT_MEMBERS, today())
    );
    assert_ne!(demo_ledger(40, today()), demo_ledger(DEFAULT_MEMBERS, today()));
}

#[test]
fn every_member_passes_the_roster_checks() {
    for n in [20, DEFAULT_MEMBERS, 60, 600] {
        let l = demo_ledger(n, today());
        assert_eq!(l.members.len(), n);
        assert_roster_valid(&l, today());
    }
}

/// Every member passes the roster's checks on `today`, identity numbers
/// agree with birth dates, nobody joined before 18; and the ledger is
/// consistent.
pub(super) fn assert_roster_valid(l: &Ledger, today: Date) {
    for m in &l.members {
        let blocking: Vec<_> = check_member(m, &l.members, today)
            .into_iter()
            .filter(|p| p.blocking)
            .collect();
        assert!(blocking.is_empty(), "{}: {blocking:?}", m.name);
        if !m.id_number.is_empty() {
            assert_eq!(check_id_number(&m.id_number), Ok(()), "{}", m.name);
            let birth = m.birth.expect("birth").strftime("%Y%m%d").to_string();
            assert_eq!(&m.id_number[6..14], birth, "{}", m.name);
        }
        assert!(
            m.name.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "{}",
            m.name
        );
        let (birth, joined) = (m.birth.expect("birth"), m.joined.expect("joined"));
        assert!(
            joined >= birth.saturating_add(jiff::Span::new().years(18)),
            "{}",
            m.name
        );
        assert!(!m.phone.is_empty() || m.category != Some(Category::Farmer) || !m.committee);
    }
    assert_consistent(l);
}

#[test]
fn roster_has_every_special_case() {
    for n in [20, DEFAULT_MEMBERS, 600] {
        roster_has_every_special_case_with(n);
    }
}

fn roster_has_every_special_case_with(n: usize) {
    let l = demo_ledger(n, today());
    for c in Category::ALL {
        assert!(l.members.iter().any(|m| m.category == Some(c)), "no {}", c.label());
    }
    assert_eq!(l.members.iter().filter(|m| m.category.is_none()).count(), 1);
    let unreachable = l
        .members
        .iter()
        .filter(|m| m.is_mobile() && m.mobile.contact.is_empty())
        .count();
    assert_eq!(unreachable, 1);
    let mut names: HashMap<&str, usize> = HashMap::new();
    for m in &l.members {
        *names.entry(m.name.as_str()).or_default() += 1;
    }
    let twice: Vec<_> = names.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "names given more than once: {twice:?}");
    assert_eq!(l.members.iter().filter(|m| m.transfer_in.is_some()).count(), 1);
    assert_eq!(l.members.iter().filter(|m| m.transfer_out.is_some()).count(), 1);
    assert!(l.members.iter().any(|m| m.probation_due.is_some()));
    assert!(l.members.iter().filter(|m| m.hardship).count() >= 1);
    assert!(l.members.iter().filter(|m| m.leading_cadre).count() >= 2);
    let committee = l.members.iter().filter(|m| m.committee).count();
    assert!((3..=5).contains(&committee));
    assert!(l.branch.missing().is_empty());
    let names: Vec<&str> = l
        .members
        .iter()
        .filter(|m| m.committee)
        .map(|m| m.name.as_str())
        .collect();
    assert!(names.contains(&l.branch.secretary.as_str()) && names.contains(&l.branch.organiser.as_str()));
    assert!(
        l.members
            .iter()
            .any(|m| m.gender == crate::model::member::Gender::Female)
    );
    assert!(l.members.iter().any(|m| m.ethnicity != "汉族"));
}

#[test]
fn campaign_is_in_the_appraisal_stage_with_two_moves() {
    let l = demo_ledger(DEFAULT_MEMBERS, today());
    assert_eq!(l.campaign.stage, Stage::Appraisal);
    assert_eq!(l.campaign.moves.len(), 2);
    // The learning stage's move overrode exactly the checks its gate leaves
    // unmet, with their counts.
    let overrides = &l.campaign.moves[1].overrides;
    let gate = crate::progress::gate(&l, Stage::Learning, today());
    let unmet: Vec<(&str, u32)> = gate
        .checks
        .iter()
        .filter(|c| !c.is_met())
        .map(|c| (c.label, c.unmet.len() as u32))
        .collect();
    let overridden: Vec<(&str, u32)> = overrides.iter().map(|o| (o.check.as_str(), o.unmet)).collect();
    assert_eq!(unmet, overridden);
    assert!(overrides.iter().all(|o| !o.reason.is_empty()));
    assert!(l.campaign.plan.span().is_some());
}

/// Hours of each member: attended sessions plus make-up records.
fn hours(l: &Ledger) -> HashMap<MemberId, f64> {
    let mut hours: HashMap<MemberId, f64> = HashMap::new();
    for s in &l.study.sessions {
        for (id, a) in &s.attendance {
            if *a == Attendance::Present {
                *hours.entry(*id).or_default() += s.hours;
            }
        }
    }
    for m in &l.study.make_ups {
        *hours.entry(m.member).or_default() += m.hours;
    }
    hours
}

#[test]
fn study_reaches_forty_hours_except_the_unreachable_member() {
    let l = demo_ledger(DEFAULT_MEMBERS, today());
    assert_eq!(
        l.study
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Mobilisation)
            .count(),
        1
    );
    assert!(
        l.study
            .sessions
            .iter()
            .all(|s| s.hours >= 2.0 && s.hours <= 4.0 && (s.hours * 2.0).fract() == 0.0)
    );
    let hours = hours(&l);
    let short: Vec<&str> = l
        .current_members()
        .filter(|m| hours.get(&m.id).copied().unwrap_or(0.0) < 40.0)
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(short.len(), 1, "{short:?}");
    assert!(!l.study.requirements.is_empty());
    assert!(l.study.reflections.len() >= DEFAULT_MEMBERS / 2);
}

#[test]
fn appraisal_stage_records_add_up() {
    let l = demo_ledger(DEFAULT_MEMBERS, today());
    let issues = l.opinions.issues.len();
    assert!(l.opinions.opinions.len() > issues && issues > 10);
    assert!(l.opinions.issues.iter().any(|i| i.signed.is_none()));
    let round = &l.appraisal.rounds[0];
    assert!(round.expected >= round.present && round.present >= round.valid);
    assert_eq!(round.valid + round.invalid, round.present);
    // Every round passes the check the 票数 form and the edit path hold it
    // to: each member's tally (弃权 included) adds up to the valid ballots.
    for round in &l.appraisal.rounds {
        crate::model::appraisal_rules::check_round(round, &l).expect("the demo's round passes its own check");
    }
    assert!(round.tallies.iter().all(|t| t.total() == round.valid));
    let excellent = l
        .appraisal
        .results
        .iter()
        .filter(|r| r.grade == Some(Grade::Excellent))
        .count();
    assert!(excellent >= 1 && excellent * 3 <= l.current_members().count());
    let mut talks: HashMap<MemberId, u32> = HashMap::new();
    for t in &l.talks {
        for m in &t.members {
            *talks.entry(*m).or_default() += 1;
        }
    }
    assert!(talks.values().all(|&n| n <= 10));
    for m in l.current_members().filter(|m| m.leading_cadre) {
        assert_eq!(talks.get(&m.id), Some(&10), "{}", m.name);
    }
    let kinds: HashSet<_> = l.talks.iter().map(|t| t.kind).collect();
    assert_eq!(kinds.len(), 4);
    for a in &l.analyses {
        let cadre = l.member(a.member).is_some_and(|m| m.leading_cadre);
        if a.flexible.is_none() {
            assert!(a.chars() >= if cadre { 5000 } else { 2300 }, "{} chars", a.chars());
            assert!(a.chars() <= 6000);
        }
    }
    assert!(l.analyses.iter().any(|a| a.flexible.is_some()));
    assert!(l.analyses.iter().any(|a| a.status == AnalysisStatus::Final));
    assert_eq!(l.rectification.branch_items.iter().filter(|b| b.hot).count(), 2);
}

#[test]
fn nothing_is_dated_after_an_early_today() {
    for today in [
        Date::constant(2005, 12, 1),
        Date::constant(2006, 2, 1),
        Date::constant(2006, 3, 2),
    ] {
        assert_nothing_after(&demo_ledger(DEFAULT_MEMBERS, today), today);
    }
    assert_eq!(
        demo_ledger(10, Date::constant(2005, 12, 1)).campaign.stage,
        Stage::Learning
    );
}

/// No record is dated after `today` (deadlines may be), and the ledger is
/// consistent.
pub(super) fn assert_nothing_after(l: &Ledger, today: Date) {
    assert!(l.study.sessions.iter().all(|s| s.date <= today));
    assert!(l.study.make_ups.iter().all(|s| s.date <= today));
    assert!(l.study.reflections.iter().all(|r| r.date <= today));
    assert!(l.opinions.opinions.iter().all(|o| o.date <= today));
    assert!(l.talks.iter().all(|t| t.date <= today));
    assert!(l.analyses.iter().flat_map(|a| &a.revisions).all(|r| r.date <= today));
    assert!(l.meetings.iter().all(|m| m.date <= today));
    assert!(l.campaign.moves.iter().all(|m| m.date <= today));
    assert!(l.rectification.surveys.iter().all(|s| s.date <= today));
    assert!(l.members.iter().all(|m| m.active_on(today) || m.transfer_out.is_some()));
    assert_consistent(l);
}

#[test]
fn tiny_branches_work() {
    for n in 0..8 {
        let l = demo_ledger(n, today());
        assert_eq!(l.members.len(), n);
        assert_consistent(&l);
    }
}

/// Its speed is measured by `cargo bench --bench load`; here only that it
/// holds together (about a second in a debug build).
#[test]
fn six_thousand_members_hold_together() {
    let l = demo_ledger(6000, today());
    assert_eq!(l.members.len(), 6000);
    assert_consistent(&l);
}

#[test]
fn every_name_is_distinct_in_a_large_branch() {
    let l = demo_ledger(6_000, today());
    let names: HashSet<&str> = l.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names.len(), l.members.len());
}

#[test]
fn the_first_problem_of_each_member_is_the_first_suggestion() {
    for n in [DEFAULT_MEMBERS, 600] {
        let demo = super::demo_builder(n, 20, super::SEED);
        let l = &demo.ledger;
        let found = super::finish::first_problems(l);
        let mut suggested = 0;
        for m in &l.members {
            let first = crate::progress::rectification::suggestions(l, m.id).into_iter().next();
            let ours = found.get(&m.id).map(|(p, source)| (p.as_str(), *source));
            assert_eq!(
                ours,
                first.as_ref().map(|s| (s.problem.as_str(), s.source)),
                "{}",
                m.name
            );
            suggested += usize::from(first.is_some());
        }
        assert!(suggested > n / 2, "{suggested} of {n}");
    }
}

#[test]
fn survey_items_have_their_own_counts_that_add_up() {
    let l = super::demo_ledger_finished(DEFAULT_MEMBERS, today());
    let surveys = &l.rectification.surveys;
    assert_eq!(surveys.len(), 2);
    for s in surveys {
        assert!(crate::model::rectification_rules::check_survey(s, &l).is_ok(), "{s:?}");
        let distinct: HashSet<_> = s
            .items
            .iter()
            .map(|i| {
                (
                    i.counts.satisfied,
                    i.counts.fairly,
                    i.counts.basically,
                    i.counts.unsatisfied,
                )
            })
            .collect();
        assert_eq!(distinct.len(), s.items.len(), "{:?}", s.items);
    }
    // Deterministic from the seed.
    let again = super::demo_ledger_finished(DEFAULT_MEMBERS, today());
    assert_eq!(again.rectification.surveys, l.rectification.surveys);
}
