//! Stage 2, link 1 of the demo: opinions solicited through forums, forms,
//! the suggestion box and visits, merged into fewer distinct issues
//! ("征求 X 条，梳理为 Y 条"), most fed back and signed for.

use super::texts::{self, BRANCH_OPINIONS, COMMITTEE_OPINIONS};
use super::{APPRAISAL, Demo, add_days};
use crate::model::opinion::{Aspect, Channel, Issue, Opinion, Source, Target};
use crate::model::{Category, Date, IssueId, OpinionId};

const FROM: Date = Date::constant(2006, 1, 17);
const TO: Date = Date::constant(2006, 2, 5);
const FEEDBACK: (Date, Date) = (Date::constant(2006, 2, 8), Date::constant(2006, 2, 12));

/// Records the opinion ledger.
pub(super) fn build(d: &mut Demo) {
    let members = d.active_on(APPRAISAL.0);
    let secretary_signs = FEEDBACK.0;
    let branch = (members.len() / 15 + 3).min(BRANCH_OPINIONS.len());
    let extra = members.len() / 100;
    for &(content, aspect) in &BRANCH_OPINIONS[..branch] {
        let raw = d.rng.range(2, 6) as usize + extra;
        issue(
            d,
            Target::Branch,
            content,
            aspect,
            raw,
            (Some(secretary_signs), Some(secretary_signs)),
        );
    }
    let committee = (members.len() / 20 + 2).min(COMMITTEE_OPINIONS.len());
    for k in d.rng.sample(COMMITTEE_OPINIONS.len(), committee) {
        let (content, aspect) = COMMITTEE_OPINIONS[k];
        let raw = d.rng.range(1, 4) as usize + extra / 2;
        issue(
            d,
            Target::Committee,
            content,
            aspect,
            raw,
            (Some(secretary_signs), Some(secretary_signs)),
        );
    }
    for i in members {
        let count = match d.rng.below(20) {
            0..=2 => 0,
            3..=14 => 1,
            _ => 2,
        };
        let aspects = d.rng.sample(5, count);
        for a in aspects {
            let aspect = Aspect::ALL[a];
            let pool = texts::member_opinions(aspect);
            let content = *d.rng.pick(pool);
            let raw = 1 + d.rng.weighted(&[50, 35, 15]);
            let feedback = feedback(d, i);
            let target = Target::Member(d.ledger.members[i].id);
            issue(d, target, content, aspect, raw, feedback);
        }
    }
}

/// When the issue was fed back to member `i` and when they signed for it,
/// as far as that has happened.
fn feedback(d: &mut Demo, i: usize) -> (Option<Date>, Option<Date>) {
    let away = d.ledger.members[i].category == Some(Category::Mobile);
    if d.traits[i].unreachable || d.rng.chance(0.06) {
        return (None, None);
    }
    let fed = d.day_between(FEEDBACK.0, FEEDBACK.1);
    if (away && d.rng.chance(0.5)) || d.rng.chance(0.08) {
        return (Some(fed), None);
    }
    (Some(fed), Some(add_days(fed, d.rng.range(0, 3))))
}

fn issue(
    d: &mut Demo,
    about: Target,
    content: &str,
    aspect: Aspect,
    raw: usize,
    (fed_back, signed): (Option<Date>, Option<Date>),
) {
    let id = IssueId(d.id());
    d.ledger.opinions.issues.push(Issue {
        id,
        about,
        content: format!("{content}。"),
        aspect,
        fed_back,
        signed,
    });
    for _ in 0..raw {
        let rng = &mut d.rng;
        let channel = Channel::ALL[rng.weighted(&[30, 30, 10, 15, 5, 5, 5])];
        let source = match rng.weighted(&[60, 35, 5]) {
            0 => Source::Masses,
            1 => Source::Member,
            _ => Source::Other,
        };
        let opening = texts::opinion_opening(channel, source);
        let ending = if content.contains("希望") {
            "。"
        } else {
            rng.pick(texts::OPINION_ENDINGS)
        };
        let source_name = if source == Source::Member && rng.chance(0.3) {
            let k = rng.below(d.ledger.members.len());
            d.ledger.members[k].name.clone()
        } else {
            String::new()
        };
        let date = d.day_between(FROM, TO);
        let opinion = Opinion {
            id: OpinionId(d.id()),
            date,
            channel,
            source,
            source_name,
            about,
            content: format!("{opening}{content}{ending}"),
            aspect,
            issue: Some(id),
        };
        d.ledger.opinions.opinions.push(opinion);
    }
}
