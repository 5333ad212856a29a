//! Stage 2, link 2: heart-to-heart talk cards (谈心卡).

use serde::{Deserialize, Serialize};

use super::{Date, MemberId, TalkId};

/// One talk, recorded on a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TalkCard {
    pub id: TalkId,
    pub date: Date,
    pub place: String,
    pub kind: TalkKind,
    /// Members who took part; the card counts once for each of them.
    pub members: Vec<MemberId>,
    /// Non-members who took part.
    pub others: Vec<Outsider>,
    pub topic: String,
    /// 谈话内容.
    pub content: String,
    /// 提出的问题.
    pub problems: String,
    /// 达成的共识 / 结果.
    pub outcome: String,
    /// Review by the supervisory group (督导组审阅).
    pub review: Option<Review>,
}

impl Default for TalkCard {
    fn default() -> Self {
        Self {
            id: TalkId(0),
            date: Date::constant(2000, 1, 1),
            place: String::new(),
            kind: TalkKind::MemberMember,
            members: Vec::new(),
            others: Vec::new(),
            topic: String::new(),
            content: String::new(),
            problems: String::new(),
            outcome: String::new(),
            review: None,
        }
    }
}

/// The four must-talks (四必谈).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TalkKind {
    /// 班子成员之间
    CommitteeCommittee,
    /// 班子成员与分管负责人
    CommitteeSubordinate,
    /// 党员之间
    MemberMember,
    /// 党员与群众
    MemberMasses,
}

impl TalkKind {
    /// Every value, in the order a picker lists them.
    pub const ALL: [TalkKind; 4] = [
        TalkKind::CommitteeCommittee,
        TalkKind::CommitteeSubordinate,
        TalkKind::MemberMember,
        TalkKind::MemberMasses,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            TalkKind::CommitteeCommittee => "班子成员之间",
            TalkKind::CommitteeSubordinate => "班子成员与分管负责人",
            TalkKind::MemberMember => "党员之间",
            TalkKind::MemberMasses => "党员与群众",
        }
    }
}

/// A non-member in a talk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Outsider {
    pub name: String,
    /// 身份, e.g. 群众, 村民代表.
    pub role: String,
}

/// A review: who looked at a record, when, and what they said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    pub by: String,
    pub date: Date,
    pub comment: String,
}

impl Default for Review {
    fn default() -> Self {
        Self {
            by: String::new(),
            date: Date::constant(2000, 1, 1),
            comment: String::new(),
        }
    }
}
