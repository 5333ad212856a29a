//! Who counts for what, decided once. The 工作总结 draft, the checklist,
//! 学时统计, the look-back gate, the export's figures (汇总, the export file,
//! the county roll-up) and `zhibu check` all count members through here,
//! so that one figure has one value wherever it is shown.
//!
//! - **On the roll** (在册): a member with no transfer out recorded
//!   ([`Member::is_current`], the roster's own test). Every per-member
//!   figure counts these members and only these: the member count; class
//!   hours (达标, the average, make-up study, participation); reflections;
//!   talks per member; the opinions about a member, fed back and signed
//!   for; analysis materials; the appraisal (grades, dispositions);
//!   commitments and commendations.
//! - **Transferred out** (转出): the member and every record of theirs stay
//!   in the ledger, but they count in no per-member figure, not even with
//!   what they did before leaving: a per-member figure is read against the
//!   members on the roll ("35 名党员中 35 名达标" must not hide a member at
//!   0/40 behind one who left). They are shown apart, as
//!   [`Roll::departed_note`] words it: "另有 1 名党员转出".
//! - **Excused from study** (免学): on the roll. Their hours and their
//!   reflections count as met, as the look-back gate lets them pass, so
//!   they are among 达标 ("达标 35/35 人（含免学 1 人）"); the average hours
//!   is the average of the members who study.
//! - **Branch-level counts**, what the branch held or gathered — study
//!   sessions, talk cards, opinions received and the distinct opinions
//!   they were merged into, branch rectification items, rules, surveys —
//!   count every record, those naming a member who has since left
//!   included: the talk was held and the opinion was gathered. Only their
//!   per-member parts follow the roll (talks per member; opinions about
//!   members, fed back and signed for), so 梳理为 may hold a few opinions
//!   about a member who left that 针对党员个人的意见 does not.

use std::collections::{HashMap, HashSet};

use crate::model::{Ledger, Member, MemberId};

/// The members who count, worked out once for a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roll {
    on_roll: HashSet<MemberId>,
    transferred_out: usize,
}

impl Roll {
    /// The roll of `ledger`.
    pub fn of(ledger: &Ledger) -> Self {
        Self {
            on_roll: ledger.members.iter().filter(|m| on_roll(m)).map(|m| m.id).collect(),
            transferred_out: ledger.members.iter().filter(|m| !on_roll(m)).count(),
        }
    }

    /// Whether `member` counts in the per-member figures.
    pub fn counts(&self, member: MemberId) -> bool {
        self.on_roll.contains(&member)
    }

    /// Members on the roll.
    pub fn members(&self) -> usize {
        self.on_roll.len()
    }

    /// Members transferred out, shown apart.
    pub fn transferred_out(&self) -> usize {
        self.transferred_out
    }

    /// "另有 1 名党员转出", or `None` when nobody left: what follows a member
    /// count wherever one is given.
    pub fn departed_note(&self) -> Option<String> {
        (self.transferred_out > 0).then(|| format!("另有 {} 名党员转出", self.transferred_out))
    }
}

/// Whether a member is on the roll: the one test behind [`Roll`].
pub fn on_roll(member: &Member) -> bool {
    member.is_current()
}

/// Reflections received (收到的心得) from each member on the roll; members
/// who handed in none are absent.
pub fn reflections_received(ledger: &Ledger, roll: &Roll) -> HashMap<MemberId, usize> {
    let mut counts = HashMap::new();
    for r in ledger
        .study
        .reflections
        .iter()
        .filter(|r| r.received && roll.counts(r.member))
    {
        *counts.entry(r.member).or_default() += 1;
    }
    counts
}

/// Whether a member's reflections meet the requirement: as many as the
/// campaign asks for, or the member is excused from study. For one
/// member; a loop over members takes [`Reflections`], which looks the
/// exemptions up once.
pub fn reflections_met(ledger: &Ledger, member: MemberId, handed_in: usize) -> bool {
    handed_in >= ledger.campaign.settings.reflections_required as usize || ledger.study.exemption(member).is_some()
}

/// Each member's reflections against the requirement, indexed once for a
/// loop over members: what [`reflections_received`] and
/// [`reflections_met`] say of one member, without scanning the records
/// for each.
#[derive(Debug, Clone)]
pub struct Reflections {
    received: HashMap<MemberId, usize>,
    exempt: HashSet<MemberId>,
    required: usize,
}

impl Reflections {
    /// The reflections of the members on `roll`.
    pub fn of(ledger: &Ledger, roll: &Roll) -> Self {
        Self {
            received: reflections_received(ledger, roll),
            exempt: ledger.study.exemptions.iter().map(|e| e.member).collect(),
            required: ledger.campaign.settings.reflections_required as usize,
        }
    }

    /// Reflections received from `member` (0 for one not on the roll).
    pub fn handed_in(&self, member: MemberId) -> usize {
        self.received.get(&member).copied().unwrap_or(0)
    }

    /// All reflections received from members on the roll.
    pub fn total(&self) -> usize {
        self.received.values().sum()
    }

    /// How many the campaign asks of each member.
    pub fn required(&self) -> usize {
        self.required
    }

    /// Whether `member` is excused from study (免学).
    pub fn exempt(&self, member: MemberId) -> bool {
        self.exempt.contains(&member)
    }

    /// As [`reflections_met`]: enough handed in, or excused.
    pub fn met(&self, member: MemberId) -> bool {
        self.handed_in(member) >= self.required || self.exempt(member)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::model::member::Transfer;
    use crate::model::study::{Exemption, Reflection};

    #[test]
    fn a_member_who_left_is_shown_apart_and_counts_for_nothing() {
        let mut ledger = Ledger::default();
        for id in 1..=3 {
            ledger.members.push(Member {
                id: MemberId(id),
                ..Member::default()
            });
        }
        ledger.members[2].transfer_out = Some(Transfer {
            date: Date::constant(2006, 1, 8),
            other_branch: String::new(),
        });
        for (id, member) in [(10, 1), (11, 3), (12, 3)] {
            ledger.study.reflections.push(Reflection {
                id: crate::model::ReflectionId(id),
                member: MemberId(member),
                received: true,
                ..Reflection::default()
            });
        }
        ledger.study.exemptions.push(Exemption {
            member: MemberId(2),
            reason: "重病".into(),
            ..Exemption::default()
        });
        let roll = Roll::of(&ledger);
        assert_eq!((roll.members(), roll.transferred_out()), (2, 1));
        assert!(roll.counts(MemberId(1)) && !roll.counts(MemberId(3)));
        assert_eq!(roll.departed_note().as_deref(), Some("另有 1 名党员转出"));
        let received = reflections_received(&ledger, &roll);
        assert_eq!(
            received.values().sum::<usize>(),
            1,
            "the two of the member who left do not count"
        );
        assert!(reflections_met(&ledger, MemberId(2), 0), "excused from study");
        assert!(!reflections_met(&ledger, MemberId(1), 0));
        // The index says the same of every member.
        let index = Reflections::of(&ledger, &roll);
        for id in 1..=3 {
            let id = MemberId(id);
            let handed_in = received.get(&id).copied().unwrap_or(0);
            assert_eq!(index.handed_in(id), handed_in, "{id:?}");
            assert_eq!(index.met(id), reflections_met(&ledger, id, handed_in), "{id:?}");
        }
        assert_eq!(index.total(), 1);
    }
}
