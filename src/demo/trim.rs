//! Leaves out whatever the demo story would date after `today`, so that the
//! ledger never holds a record from the future. With any `today` after the
//! story day (2006-03-10) nothing changes.

use std::collections::HashSet;

use super::STORY_DAY;
use crate::model::analysis::AnalysisStatus;
use crate::model::rectification::ItemStatus;
use crate::model::{Date, Ledger, MemberId, Stage};

/// The requirements were adopted in the learning stage.
const REQUIREMENTS_ADOPTED: Date = Date::constant(2005, 12, 20);
/// Grades were decided by the committee on this day.
const GRADED: Date = Date::constant(2006, 3, 6);
/// Rectification items and commitments were first written down.
const RECTIFICATION_BEGUN: Date = Date::constant(2006, 3, 3);

/// Removes or clears every record dated after `today`.
pub(super) fn to_today(ledger: &mut Ledger, today: Date) {
    if today >= STORY_DAY {
        return;
    }
    let not_yet = |date: Option<Date>| date.is_some_and(|d| d > today);
    let unborn: Vec<MemberId> = ledger
        .members
        .iter()
        .filter(|m| not_yet(m.birth) || not_yet(m.joined) || not_yet(m.transfer_in.as_ref().map(|t| t.date)))
        .map(|m| m.id)
        .collect();
    for id in unborn {
        ledger.remove_member(id);
    }
    for member in &mut ledger.members {
        if not_yet(member.transfer_out.as_ref().map(|t| t.date)) {
            member.transfer_out = None;
        }
    }
    let campaign = &mut ledger.campaign;
    campaign.moves.retain(|m| m.date <= today);
    campaign.stage = campaign.moves.last().map_or(Stage::Preparation, |m| m.to);
    if not_yet(campaign.plan.filed) {
        campaign.plan.filed = None;
    }
    study(ledger, today);
    opinions(ledger, today);
    ledger.talks.retain(|t| t.date <= today);
    for talk in &mut ledger.talks {
        talk.review = talk.review.take().filter(|r| r.date <= today);
    }
    analyses(ledger, today);
    ledger.meetings.retain(|m| m.date <= today);
    appraisal(ledger, today);
    rectification(ledger, today);
}

fn study(ledger: &mut Ledger, today: Date) {
    let study = &mut ledger.study;
    study.sessions.retain(|s| s.date <= today);
    study.make_ups.retain(|m| m.date <= today);
    study.reflections.retain(|r| r.date <= today);
    if today < REQUIREMENTS_ADOPTED {
        study.requirements.clear();
    }
}

fn opinions(ledger: &mut Ledger, today: Date) {
    let records = &mut ledger.opinions;
    records.opinions.retain(|o| o.date <= today);
    let merged: HashSet<_> = records.opinions.iter().filter_map(|o| o.issue).collect();
    records.issues.retain(|i| merged.contains(&i.id));
    for issue in &mut records.issues {
        issue.fed_back = issue.fed_back.filter(|d| *d <= today);
        issue.signed = issue.signed.filter(|d| *d <= today && issue.fed_back.is_some());
    }
}

fn analyses(ledger: &mut Ledger, today: Date) {
    for analysis in &mut ledger.analyses {
        let before = analysis.revisions.len();
        analysis.revisions.retain(|r| r.date <= today);
        analysis.reviews.retain(|r| r.date <= today);
        if analysis.revisions.len() < before || analysis.reviews.len() < analysis.revisions.len() {
            analysis.status = if analysis.reviews.len() >= analysis.revisions.len() {
                AnalysisStatus::Reviewed
            } else {
                AnalysisStatus::Draft
            };
        }
    }
    ledger.analyses.retain(|a| !a.revisions.is_empty());
}

fn appraisal(ledger: &mut Ledger, today: Date) {
    let records = &mut ledger.appraisal;
    records.rounds.retain(|r| r.date <= today);
    for result in &mut records.results {
        result.self_appraisal = result.self_appraisal.filter(|d| *d <= today);
        if today < GRADED {
            result.grade = None;
            result.branch_opinion.clear();
            result.disposition = None;
            result.follow_up.clear();
        }
    }
    records
        .results
        .retain(|r| r.self_appraisal.is_some() || r.grade.is_some() || !r.branch_opinion.is_empty());
}

fn rectification(ledger: &mut Ledger, today: Date) {
    let records = &mut ledger.rectification;
    if today < RECTIFICATION_BEGUN {
        records.commitments.clear();
        records.branch_items.clear();
    }
    for c in &mut records.commitments {
        if c.completed.is_some_and(|d| d > today) {
            c.completed = None;
            c.status = ItemStatus::InProgress;
            c.evidence.clear();
            c.verified_by.clear();
        }
    }
    for item in &mut records.branch_items {
        if item.completed.is_some_and(|d| d > today) {
            item.completed = None;
            item.status = ItemStatus::InProgress;
        }
    }
    records.rules.retain(|r| r.adopted.is_none_or(|d| d <= today));
}
