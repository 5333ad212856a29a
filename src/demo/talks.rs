//! Stage 2, link 2 of the demo: heart-to-heart talk cards. Committee
//! members talk with each other and with group heads, members with members
//! and with the masses; most members reach 5 talks, cadres 10, a few fall
//! short. Most cards are reviewed by the supervisory group.

use super::names::{self, OUTSIDER_ROLES};
use super::texts::{REVIEW_COMMENTS, TALK_CONTENT, TALK_CONTENT_BY_KIND, TALK_OUTCOMES, TALK_PROBLEMS, TALK_TOPICS};
use super::{APPRAISAL, Demo, SUPERVISOR};
use crate::model::member::{FlowDirection, Gender};
use crate::model::talk::{Outsider, Review, TalkCard, TalkKind};
use crate::model::{Category, Date, TalkId};

const FROM: Date = Date::constant(2006, 1, 20);
const TO: Date = Date::constant(2006, 2, 20);
const REVIEWED: (Date, Date) = (Date::constant(2006, 2, 21), Date::constant(2006, 2, 24));

/// Members still wanting talks, with O(1) random choice and removal.
struct Open {
    need: Vec<u32>,
    open: Vec<usize>,
    /// Where each member sits in `open`, `usize::MAX` when not there.
    at: Vec<usize>,
}

impl Open {
    fn new(need: Vec<u32>) -> Self {
        let mut open = Vec::new();
        let mut at = vec![usize::MAX; need.len()];
        for (i, n) in need.iter().enumerate() {
            if *n > 0 {
                at[i] = open.len();
                open.push(i);
            }
        }
        Self { need, open, at }
    }

    fn talked(&mut self, i: usize) {
        self.need[i] = self.need[i].saturating_sub(1);
        if self.need[i] == 0 && self.at[i] != usize::MAX {
            let k = self.at[i];
            self.open.swap_remove(k);
            if let Some(&moved) = self.open.get(k) {
                self.at[moved] = k;
            }
            self.at[i] = usize::MAX;
        }
    }
}

/// Records the talk cards.
pub(super) fn build(d: &mut Demo) {
    let members = d.active_on(APPRAISAL.0);
    let mut need = vec![0u32; d.ledger.members.len()];
    for &i in &members {
        let m = &d.ledger.members[i];
        need[i] = if d.traits[i].unreachable {
            0
        } else if m.leading_cadre {
            10
        } else {
            match d.rng.below(100) {
                0..=3 => d.rng.range(2, 4) as u32,
                4..=69 => 5,
                70..=89 => 6,
                _ => 7,
            }
        };
    }
    let mut open = Open::new(need);
    let committee: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| d.ledger.members[i].committee)
        .collect();
    for (k, &a) in committee.iter().enumerate() {
        for &b in &committee[k + 1..] {
            if open.need[a] > 0 && open.need[b] > 0 {
                card(d, &mut open, TalkKind::CommitteeCommittee, &[a, b], 0);
            }
        }
    }
    for &a in &committee {
        for _ in 0..2 {
            let b = partner(d, &open, a).filter(|&b| !d.ledger.members[b].committee);
            if let Some(b) = b.filter(|_| open.need[a] > 0) {
                card(d, &mut open, TalkKind::CommitteeSubordinate, &[a, b], 0);
            }
        }
    }
    for &a in &members {
        while open.need[a] > 0 {
            let partner = partner(d, &open, a);
            match partner {
                Some(b) if !d.rng.chance(0.3) => {
                    let third = partner_other(d, &open, a, b).filter(|_| d.rng.chance(0.1));
                    match third {
                        Some(c) => card(d, &mut open, TalkKind::MemberMember, &[a, b, c], 0),
                        None => card(d, &mut open, TalkKind::MemberMember, &[a, b], 0),
                    }
                }
                _ => {
                    let others = 1 + usize::from(d.rng.chance(0.2));
                    card(d, &mut open, TalkKind::MemberMasses, &[a], others);
                }
            }
        }
    }
}

/// Someone else who still needs a talk.
fn partner(d: &mut Demo, open: &Open, me: usize) -> Option<usize> {
    partner_other(d, open, me, me)
}

fn partner_other(d: &mut Demo, open: &Open, me: usize, also_not: usize) -> Option<usize> {
    for _ in 0..4 {
        let &i = open.open.get(d.rng.below(open.open.len()))?;
        if i != me && i != also_not {
            return Some(i);
        }
    }
    None
}

fn card(d: &mut Demo, open: &mut Open, kind: TalkKind, who: &[usize], outsiders: usize) {
    for &i in who {
        open.talked(i);
    }
    let rng = &mut d.rng;
    let others: Vec<Outsider> = (0..outsiders)
        .map(|_| {
            let gender = if rng.chance(0.6) { Gender::Male } else { Gender::Female };
            let born = rng.range(1940, 1985) as i16;
            Outsider {
                name: names::person_name(rng, gender, born, false),
                role: rng.pick(OUTSIDER_ROLES).to_string(),
            }
        })
        .collect();
    let away = who.iter().any(|&i| {
        let m = &d.ledger.members[i];
        m.category == Some(Category::Mobile) && m.mobile.direction == FlowDirection::Outflow
    });
    let place = if away {
        "电话谈心（对方在外务工）"
    } else {
        rng.pick(&["村党员活动室", "本人家中", "对方家中", "村委会办公室", "田间地头"])
    };
    let kind_index = TalkKind::ALL.iter().position(|k| *k == kind).unwrap_or(2);
    let topic = rng.pick(TALK_TOPICS[kind_index]).to_string();
    let mut content = String::with_capacity(300);
    let opening = *rng.pick(TALK_CONTENT_BY_KIND[kind_index]);
    content.push_str(opening);
    let sentences = rng.range(1, 2) as usize;
    for i in rng.sample(TALK_CONTENT.len(), sentences) {
        content.push_str(TALK_CONTENT[i]);
    }
    let raised = rng.range(1, 2) as usize;
    let problems = rng.sample(TALK_PROBLEMS.len(), raised);
    let problems: Vec<&str> = problems.into_iter().map(|i| TALK_PROBLEMS[i]).collect();
    let outcome = rng.pick(TALK_OUTCOMES).to_string();
    let reviewed = rng.chance(0.88);
    let comment = rng.pick(REVIEW_COMMENTS).to_string();
    let date = d.day_between(FROM, TO);
    let review = reviewed.then(|| Review {
        by: format!("{SUPERVISOR}（督导组）"),
        date: d.day_between(REVIEWED.0, REVIEWED.1),
        comment,
    });
    let id = TalkId(d.id());
    let members = who.iter().map(|&i| d.ledger.members[i].id).collect();
    let card = TalkCard {
        id,
        date,
        place: place.to_owned(),
        kind,
        members,
        others,
        topic,
        content,
        problems: problems.join("；"),
        outcome,
        review,
    };
    d.ledger.talks.push(card.into());
}
