//! The whole ledger of one branch: the document the store saves.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::analysis::Analysis;
use super::appraisal::AppraisalRecords;
use super::meeting::Meeting;
use super::opinion::{OpinionRecords, Target};
use super::rectification::RectificationRecords;
use super::study::StudyRecords;
use super::talk::TalkCard;
use super::{Campaign, Member, MemberId, Shared};

/// What [`Ledger::member_name`] shows for an id no member has.
const DELETED_MEMBER: &str = "（已删除的党员）";

/// The ledger's members by id, built once (see [`Ledger::member_names`]).
pub struct MemberNames<'a> {
    by_id: HashMap<MemberId, &'a Member>,
}

impl<'a> MemberNames<'a> {
    /// The member with this id.
    pub fn member(&self, id: MemberId) -> Option<&'a Member> {
        self.by_id.get(&id).copied()
    }

    /// As [`Ledger::member_name`]: the name, or a marker for a dangling id.
    pub fn name(&self, id: MemberId) -> &'a str {
        self.member(id).map_or(DELETED_MEMBER, |m| m.name.as_str())
    }
}

/// Everything one branch keeps for one campaign.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ledger {
    pub branch: Branch,
    pub campaign: Campaign,
    pub members: Shared<Vec<Member>>,
    pub study: StudyRecords,
    pub opinions: Shared<OpinionRecords>,
    /// One card each, so that a change to one card copies only that card.
    pub talks: Vec<Shared<TalkCard>>,
    /// One analysis each, so that a change to one draft copies only that
    /// member's analysis.
    pub analyses: Vec<Shared<Analysis>>,
    pub meetings: Shared<Vec<super::meeting::Meeting>>,
    pub appraisal: Shared<AppraisalRecords>,
    pub rectification: Shared<RectificationRecords>,
    /// The last id handed out; ids are never reused.
    pub last_id: u64,
}

impl Ledger {
    /// A fresh id, never used before in this ledger.
    pub fn next_id(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }

    /// The member with this id.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The member with this id, to change.
    pub fn member_mut(&mut self, id: MemberId) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.id == id)
    }

    /// A member's name for display, or a marker for a dangling id.
    pub fn member_name(&self, id: MemberId) -> &str {
        self.member(id).map_or(DELETED_MEMBER, |m| m.name.as_str())
    }

    /// The members indexed by id once, for a loop over records that names
    /// their members (each [`Ledger::member_name`] scans the roster).
    pub fn member_names(&self) -> MemberNames<'_> {
        let mut by_id = HashMap::with_capacity(self.members.len());
        for m in self.members.iter() {
            // The first member with an id, as `member` finds it.
            by_id.entry(m.id).or_insert(m);
        }
        MemberNames { by_id }
    }

    /// Members still on the roster (not transferred out).
    pub fn current_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.is_current())
    }

    /// How many records elsewhere in the ledger name this member.
    pub fn records_of(&self, id: MemberId) -> usize {
        let study = &self.study;
        study.sessions.iter().filter(|s| s.attendance.contains_key(&id)).count()
            + study.make_ups.iter().filter(|m| m.member == id).count()
            + study.reflections.iter().filter(|r| r.member == id).count()
            + study.exemptions.iter().filter(|e| e.member == id).count()
            + self
                .opinions
                .opinions
                .iter()
                .filter(|o| o.about == Target::Member(id))
                .count()
            + self
                .opinions
                .issues
                .iter()
                .filter(|o| o.about == Target::Member(id))
                .count()
            + self.talks.iter().filter(|t| t.members.contains(&id)).count()
            + self.analyses.iter().filter(|a| a.member == id).count()
            + self.meetings.iter().filter(|m| m.attendance.contains_key(&id)).count()
            + self.appraisal.results.iter().filter(|r| r.member == id).count()
            + self.rectification.commitments.iter().filter(|c| c.member == id).count()
    }

    /// Removes a member entered by mistake, with every record that names
    /// them, so that no record points at nobody. (A member who leaves is
    /// transferred out instead and keeps their records.)
    pub fn remove_member(&mut self, id: MemberId) {
        self.members.retain(|m| m.id != id);
        let study = &mut self.study;
        for session in &mut study.sessions {
            session.attendance.remove(&id);
        }
        study.make_ups.retain(|m| m.member != id);
        study.reflections.retain(|r| r.member != id);
        study.exemptions.retain(|e| e.member != id);
        let about_member = |t: &Target| *t == Target::Member(id);
        self.opinions.opinions.retain(|o| !about_member(&o.about));
        self.opinions.issues.retain(|o| !about_member(&o.about));
        for talk in &mut self.talks {
            talk.members.retain(|m| *m != id);
        }
        self.talks.retain(|t| !t.members.is_empty() || !t.others.is_empty());
        self.analyses.retain(|a| a.member != id);
        for meeting in &mut self.meetings {
            meeting.attendance.remove(&id);
            meeting.spoke.retain(|m| *m != id);
        }
        for round in &mut self.appraisal.rounds {
            round.tallies.retain(|t| t.member != id);
        }
        self.appraisal.results.retain(|r| r.member != id);
        self.rectification.commitments.retain(|c| c.member != id);
        self.rectification.commendations.retain(|c| c.member != id);
    }

    /// Meetings of one kind, oldest first.
    pub fn meetings_of(&self, kind: super::meeting::MeetingKind) -> impl Iterator<Item = &Meeting> {
        self.meetings.iter().filter(move |m| m.kind == kind)
    }
}

/// The branch's own facts (准备阶段).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Branch {
    /// 支部名称.
    pub name: String,
    pub kind: Option<BranchKind>,
    /// 上级党委.
    pub superior: String,
    /// 支部书记.
    pub secretary: String,
    /// 组织委员.
    pub organiser: String,
    /// 督导组 contact, if known.
    pub supervisor: String,
}

impl Branch {
    /// The facts still missing, as labels.
    pub fn missing(&self) -> Vec<&'static str> {
        let empty = |text: &str| text.trim().is_empty();
        [
            (empty(&self.name), "支部名称"),
            (self.kind.is_none(), "支部类型"),
            (empty(&self.superior), "上级党委"),
            (empty(&self.secretary), "支部书记"),
            (empty(&self.organiser), "组织委员"),
        ]
        .into_iter()
        .filter_map(|(missing, label)| missing.then_some(label))
        .collect()
    }
}

/// 支部类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BranchKind {
    /// 农村
    Rural,
    /// 社区
    Community,
    /// 机关
    Government,
    /// 企业
    Enterprise,
    /// 事业单位
    PublicInstitution,
    /// 学校
    School,
    /// 非公企业
    PrivateEnterprise,
    /// 社会组织
    SocialOrganisation,
}

impl BranchKind {
    /// Every value, in the order a picker lists them.
    pub const ALL: [BranchKind; 8] = [
        BranchKind::Rural,
        BranchKind::Community,
        BranchKind::Government,
        BranchKind::Enterprise,
        BranchKind::PublicInstitution,
        BranchKind::School,
        BranchKind::PrivateEnterprise,
        BranchKind::SocialOrganisation,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            BranchKind::Rural => "农村",
            BranchKind::Community => "社区",
            BranchKind::Government => "机关",
            BranchKind::Enterprise => "企业",
            BranchKind::PublicInstitution => "事业单位",
            BranchKind::School => "学校",
            BranchKind::PrivateEnterprise => "非公企业",
            BranchKind::SocialOrganisation => "社会组织",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_by_index_agree_with_the_roster_scan() {
        let mut ledger = Ledger::default();
        for (id, name) in [(3, "王建国"), (1, "李秀兰"), (3, "重复的编号"), (7, "赵六")] {
            ledger.members.push(Member {
                id: MemberId(id),
                name: name.to_owned(),
                ..Member::default()
            });
        }
        let names = ledger.member_names();
        for id in 0..=8 {
            assert_eq!(names.name(MemberId(id)), ledger.member_name(MemberId(id)), "id {id}");
        }
        assert_eq!(names.name(MemberId(3)), "王建国");
        assert_eq!(names.name(MemberId(5)), "（已删除的党员）");
    }
}
