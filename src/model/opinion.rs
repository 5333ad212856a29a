//! Stage 2, link 1: opinions solicited (征求意见), merged into distinct
//! issues, fed back to each member and signed for (反馈签收).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Date, IssueId, MemberId, OpinionId};

/// The opinion ledger: raw opinions and the distinct issues they became.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpinionRecords {
    pub opinions: Vec<Opinion>,
    pub issues: Vec<Issue>,
}

/// One opinion as it was received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opinion {
    pub id: OpinionId,
    pub date: Date,
    pub channel: Channel,
    pub source: Source,
    /// The giver's name; empty for anonymous (the default).
    pub source_name: String,
    pub about: Target,
    pub content: String,
    pub aspect: Aspect,
    /// The distinct issue it was merged into, once merged.
    pub issue: Option<IssueId>,
}

impl Default for Opinion {
    fn default() -> Self {
        Self {
            id: OpinionId(0),
            date: Date::constant(2000, 1, 1),
            channel: Channel::Forum,
            source: Source::Masses,
            source_name: String::new(),
            about: Target::Branch,
            content: String::new(),
            aspect: Aspect::Other,
            issue: None,
        }
    }
}

/// A distinct opinion (梳理后的意见) with its feedback to the member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Issue {
    pub id: IssueId,
    pub about: Target,
    pub content: String,
    pub aspect: Aspect,
    /// The day it was fed back (反馈).
    pub fed_back: Option<Date>,
    /// The day the member signed for it (签收).
    pub signed: Option<Date>,
}

impl Default for Issue {
    fn default() -> Self {
        Self {
            id: IssueId(0),
            about: Target::Branch,
            content: String::new(),
            aspect: Aspect::Other,
            fed_back: None,
            signed: None,
        }
    }
}

/// 征求渠道.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// 座谈会
    Forum,
    /// 征求意见表
    Form,
    /// 意见箱
    Box,
    /// 走访
    Visit,
    /// 电话
    Phone,
    /// 留言板
    Board,
    /// 其他
    Other,
}

impl Channel {
    /// Every value, in the order a picker lists them.
    pub const ALL: [Channel; 7] = [
        Channel::Forum,
        Channel::Form,
        Channel::Box,
        Channel::Visit,
        Channel::Phone,
        Channel::Board,
        Channel::Other,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            Channel::Forum => "座谈会",
            Channel::Form => "征求意见表",
            Channel::Box => "意见箱",
            Channel::Visit => "走访",
            Channel::Phone => "电话",
            Channel::Board => "留言板",
            Channel::Other => "其他",
        }
    }
}

/// Who gave an opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// 群众
    Masses,
    /// 党员
    Member,
    /// 服务对象
    Client,
    /// 其他
    Other,
}

impl Source {
    /// Every value, in the order a picker lists them.
    pub const ALL: [Source; 4] = [Source::Masses, Source::Member, Source::Client, Source::Other];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            Source::Masses => "群众",
            Source::Member => "党员",
            Source::Client => "服务对象",
            Source::Other => "其他",
        }
    }
}

/// Whom an opinion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    /// 支部
    Branch,
    /// 支部委员会 (班子)
    Committee,
    /// One member.
    Member(MemberId),
}

impl Target {
    /// Whom the opinion is about, in words: 支部, 支部委员会 or the
    /// member's name.
    pub fn label(self, ledger: &super::Ledger) -> &str {
        match self {
            Target::Branch => "支部",
            Target::Committee => "支部委员会",
            Target::Member(id) => ledger.member_name(id),
        }
    }

    /// As [`Target::label`], with the members looked up in `names` (built
    /// once for a loop over many opinions).
    pub fn label_in<'a>(self, names: &super::ledger::MemberNames<'a>) -> &'a str {
        match self {
            Target::Branch => "支部",
            Target::Committee => "支部委员会",
            Target::Member(id) => names.name(id),
        }
    }
}

impl OpinionRecords {
    /// The raw opinions merged into `issue`.
    pub fn merged_into(&self, issue: IssueId) -> impl Iterator<Item = &Opinion> {
        self.opinions.iter().filter(move |o| o.issue == Some(issue))
    }

    /// The distinct opinion with this id.
    pub fn issue(&self, id: IssueId) -> Option<&Issue> {
        self.issues.iter().find(|i| i.id == id)
    }

    /// The distinct opinions by id, built once for a loop over many
    /// records (each [`OpinionRecords::issue`] scans them all); the first
    /// of an id, as `issue` finds it.
    pub fn issues_by_id(&self) -> HashMap<IssueId, &Issue> {
        let mut by_id = HashMap::with_capacity(self.issues.len());
        for issue in &self.issues {
            by_id.entry(issue.id).or_insert(issue);
        }
        by_id
    }

    /// The day from which an issue's reply limit runs: the newest of the
    /// raw opinions merged into it.
    pub fn received(&self, issue: IssueId) -> Option<Date> {
        self.merged_into(issue).map(|o| o.date).max()
    }

    /// [`OpinionRecords::received`] of every issue with merged opinions,
    /// in one pass over the opinions.
    pub fn received_all(&self) -> HashMap<IssueId, Date> {
        let mut received: HashMap<IssueId, Date> = HashMap::new();
        for opinion in &self.opinions {
            let Some(issue) = opinion.issue else { continue };
            received
                .entry(issue)
                .and_modify(|d| *d = (*d).max(opinion.date))
                .or_insert(opinion.date);
        }
        received
    }
}

/// The five aspects problems are sorted into, plus other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Aspect {
    /// 理想信念
    Ideals,
    /// 宗旨观念
    Purpose,
    /// 组织纪律
    Discipline,
    /// 思想作风
    Thinking,
    /// 工作作风
    Working,
    /// 其他
    Other,
}

impl Aspect {
    /// Every value, in the order a picker lists them.
    pub const ALL: [Aspect; 6] = [
        Aspect::Ideals,
        Aspect::Purpose,
        Aspect::Discipline,
        Aspect::Thinking,
        Aspect::Working,
        Aspect::Other,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            Aspect::Ideals => "理想信念",
            Aspect::Purpose => "宗旨观念",
            Aspect::Discipline => "组织纪律",
            Aspect::Thinking => "思想作风",
            Aspect::Working => "工作作风",
            Aspect::Other => "其他",
        }
    }
}
