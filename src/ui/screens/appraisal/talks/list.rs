//! Which talk cards the list shows and in what order: the search, the
//! kind and member filters and the sortable columns. No drawing here, so
//! it is tested without a window; it runs every frame over every card,
//! so it allocates only the index list and one name table.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::model::talk::{TalkCard, TalkKind};
use crate::model::{Ledger, MemberId};
use crate::ui::table::ListSort;

/// The sortable columns of the card list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Date,
    Kind,
    /// By the first participant's name.
    People,
    Topic,
    Place,
    Reviewed,
}

impl SortKey {
    /// The columns in the order of the list's headings.
    const COLUMNS: [SortKey; 6] = [
        SortKey::Date,
        SortKey::Kind,
        SortKey::People,
        SortKey::Topic,
        SortKey::Place,
        SortKey::Reviewed,
    ];

    /// The heading this key sorts by, as [`ListSort::column`] counts.
    pub fn column(self) -> usize {
        Self::COLUMNS.iter().position(|k| *k == self).unwrap_or(0)
    }

    fn of(column: usize) -> Self {
        Self::COLUMNS.get(column).copied().unwrap_or_default()
    }
}

/// Every roster member's name and its place in name order, looked up once
/// per frame instead of scanning the roster for each card.
pub struct Names<'a> {
    by_id: HashMap<MemberId, (u32, &'a str)>,
}

/// Shown for an id no longer on the roster.
pub const GONE: &str = "（已删除的党员）";

impl<'a> Names<'a> {
    pub fn new(ledger: &'a Ledger) -> Self {
        let mut sorted: Vec<(&str, MemberId)> = ledger.members.iter().map(|m| (m.name.as_str(), m.id)).collect();
        sorted.sort_unstable();
        let by_id = sorted
            .into_iter()
            .enumerate()
            .map(|(rank, (name, id))| (id, (rank as u32, name)))
            .collect();
        Self { by_id }
    }

    pub fn name(&self, id: MemberId) -> &'a str {
        self.by_id.get(&id).map_or(GONE, |(_, name)| name)
    }

    /// The member's place in name order (unknown ids last).
    fn rank(&self, id: MemberId) -> u32 {
        self.by_id.get(&id).map_or(u32::MAX, |(rank, _)| *rank)
    }

    /// The sort key of a card's participants: its first member's name.
    fn people_rank(&self, card: &TalkCard) -> u32 {
        card.members.first().map_or(u32::MAX, |id| self.rank(*id))
    }
}

/// What the secretary narrowed the list to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'s> {
    /// Matched against participants' names, the topic and the place.
    pub needle: &'s str,
    pub kind: Option<TalkKind>,
    pub member: Option<MemberId>,
}

impl Filter<'_> {
    /// Whether `card` passes. `matching` are the members whose name
    /// contains the needle.
    fn keeps(&self, card: &TalkCard, matching: &[MemberId]) -> bool {
        if self.kind.is_some_and(|k| k != card.kind) {
            return false;
        }
        if self.member.is_some_and(|m| !card.members.contains(&m)) {
            return false;
        }
        let needle = self.needle;
        needle.is_empty()
            || card.topic.contains(needle)
            || card.place.contains(needle)
            || card.members.iter().any(|m| matching.contains(m))
            || card.others.iter().any(|o| o.name.contains(needle))
    }
}

fn kind_index(kind: TalkKind) -> usize {
    TalkKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The indices into `ledger.talks` of the cards shown, in order; ties go
/// by date then id, so the order is stable from frame to frame.
pub fn visible_cards(ledger: &Ledger, names: &Names<'_>, filter: &Filter<'_>, sort: ListSort) -> Vec<usize> {
    let matching: Vec<MemberId> = if filter.needle.is_empty() {
        Vec::new()
    } else {
        ledger
            .members
            .iter()
            .filter(|m| m.name.contains(filter.needle))
            .map(|m| m.id)
            .collect()
    };
    let talks = &ledger.talks;
    let mut rows: Vec<usize> = (0..talks.len())
        .filter(|i| filter.keeps(&talks[*i], &matching))
        .collect();
    let tie = |a: &TalkCard, b: &TalkCard| a.date.cmp(&b.date).then(a.id.cmp(&b.id));
    let key = SortKey::of(sort.column);
    let order = |a: &TalkCard, b: &TalkCard| -> Ordering {
        match key {
            SortKey::Date => Ordering::Equal,
            SortKey::Kind => kind_index(a.kind).cmp(&kind_index(b.kind)),
            SortKey::People => names.people_rank(a).cmp(&names.people_rank(b)),
            SortKey::Topic => a.topic.cmp(&b.topic),
            SortKey::Place => a.place.cmp(&b.place),
            SortKey::Reviewed => a.review.is_some().cmp(&b.review.is_some()),
        }
    };
    rows.sort_unstable_by(|a, b| {
        let (a, b) = (&talks[*a], &talks[*b]);
        sort.apply(order(a, b).then_with(|| tie(a, b)))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::talk::{Outsider, Review};
    use crate::model::{Date, Member, TalkId};

    fn ledger() -> Ledger {
        let mut l = Ledger::default();
        for (i, name) in ["王建国", "李秀英", "张伟"].iter().enumerate() {
            l.members.push(Member {
                id: MemberId(i as u64 + 1),
                name: (*name).into(),
                ..Member::default()
            });
        }
        let card = |id: u64, day: i8, kind: TalkKind, members: &[u64], topic: &str| TalkCard {
            id: TalkId(id),
            date: Date::constant(2006, 2, day),
            kind,
            members: members.iter().map(|m| MemberId(*m)).collect(),
            topic: topic.into(),
            ..TalkCard::default()
        };
        l.talks
            .push(card(10, 3, TalkKind::MemberMember, &[3, 2], "学习体会").into());
        l.talks
            .push(card(11, 1, TalkKind::CommitteeCommittee, &[1, 2], "班子团结").into());
        let mut masses = card(12, 2, TalkKind::MemberMasses, &[2], "村务公开");
        masses.place = "村委会".into();
        masses.others.push(Outsider {
            name: "赵大爷".into(),
            role: "群众".into(),
        });
        masses.review = Some(Review::default());
        l.talks.push(masses.into());
        l
    }

    fn ids(l: &Ledger, rows: &[usize]) -> Vec<u64> {
        rows.iter().map(|i| l.talks[*i].id.0).collect()
    }

    fn shown(l: &Ledger, filter: Filter<'_>, sort: SortKey, ascending: bool) -> Vec<u64> {
        let names = Names::new(l);
        let sort = ListSort {
            column: sort.column(),
            descending: !ascending,
        };
        ids(l, &visible_cards(l, &names, &filter, sort))
    }

    #[test]
    fn newest_first_unless_ascending() {
        let l = ledger();
        assert_eq!(shown(&l, Filter::default(), SortKey::Date, false), [10, 12, 11]);
        assert_eq!(shown(&l, Filter::default(), SortKey::Date, true), [11, 12, 10]);
    }

    #[test]
    fn sorts_by_kind_people_topic_place_and_review() {
        let l = ledger();
        assert_eq!(shown(&l, Filter::default(), SortKey::Kind, true), [11, 10, 12]);
        // First participants: 张伟 (10), 王建国 (11), 李秀英 (12); by code point 张 < 李 < 王.
        assert_eq!(shown(&l, Filter::default(), SortKey::People, true), [10, 12, 11]);
        assert_eq!(shown(&l, Filter::default(), SortKey::Topic, true), [10, 12, 11]);
        // Only 12 has a place; the blank ones go first, by date.
        assert_eq!(shown(&l, Filter::default(), SortKey::Place, true), [11, 10, 12]);
        assert_eq!(shown(&l, Filter::default(), SortKey::Reviewed, false), [12, 10, 11]);
    }

    #[test]
    fn search_matches_names_outsiders_topic_and_place() {
        let l = ledger();
        let find = |needle| {
            shown(
                &l,
                Filter {
                    needle,
                    ..Filter::default()
                },
                SortKey::Date,
                true,
            )
        };
        assert_eq!(find("王建"), [11]);
        assert_eq!(find("李秀英"), [11, 12, 10]);
        assert_eq!(find("赵大爷"), [12]);
        assert_eq!(find("村委"), [12]);
        assert_eq!(find("团结"), [11]);
        assert!(find("没有的人").is_empty());
    }

    #[test]
    fn filters_by_kind_and_member() {
        let l = ledger();
        let kind = Filter {
            kind: Some(TalkKind::MemberMasses),
            ..Filter::default()
        };
        assert_eq!(shown(&l, kind, SortKey::Date, true), [12]);
        let member = Filter {
            member: Some(MemberId(3)),
            ..Filter::default()
        };
        assert_eq!(shown(&l, member, SortKey::Date, true), [10]);
    }

    #[test]
    fn unknown_members_show_as_deleted() {
        let l = ledger();
        let names = Names::new(&l);
        assert_eq!(names.name(MemberId(2)), "李秀英");
        assert_eq!(names.name(MemberId(99)), GONE);
    }
}
