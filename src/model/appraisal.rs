//! Stage 2, links 5–7: democratic appraisal (民主评议党员) — the ballot
//! count of each round, the grade the committee decides, the branch's
//! opinion, the report and any disposition.

use serde::{Deserialize, Serialize};

use super::{AppraisalId, Date, MemberId};

/// All appraisal records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppraisalRecords {
    pub rounds: Vec<AppraisalRound>,
    pub results: Vec<MemberResult>,
    /// The day results were reported to members (通报).
    pub reported: Option<Date>,
    /// How they were reported to members, e.g. 党员大会.
    pub reported_form: String,
    /// How they were made known to the masses, e.g. 村务公开栏.
    pub reported_to_masses: String,
    /// The day they were made known to the masses.
    pub reported_to_masses_date: Option<Date>,
    /// The aspects on the ballot (测评表的测评内容).
    pub ballot_aspects: Vec<String>,
}

impl Default for AppraisalRecords {
    fn default() -> Self {
        Self {
            rounds: Vec::new(),
            results: Vec::new(),
            reported: None,
            reported_form: String::new(),
            reported_to_masses: String::new(),
            reported_to_masses_date: None,
            ballot_aspects: DEFAULT_BALLOT_ASPECTS.iter().map(|a| (*a).to_owned()).collect(),
        }
    }
}

/// The aspects of the ballot the seeds show.
pub const DEFAULT_BALLOT_ASPECTS: [&str; 4] = ["理想信念", "组织纪律", "联系服务群众", "模范作用"];

impl AppraisalRecords {
    /// The result kept for `member`, if any.
    pub fn result(&self, member: MemberId) -> Option<&MemberResult> {
        self.results.iter().find(|r| r.member == member)
    }

    /// Every member's result, built once for a loop over members (each
    /// [`AppraisalRecords::result`] scans them all); the first of a member,
    /// as `result` finds it.
    pub fn results_by_member(&self) -> std::collections::HashMap<MemberId, &MemberResult> {
        let mut by_member = std::collections::HashMap::with_capacity(self.results.len());
        for r in &self.results {
            by_member.entry(r.member).or_insert(r);
        }
        by_member
    }
}

/// One count of anonymous ballots (民主评议党员测评表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppraisalRound {
    pub id: AppraisalId,
    pub date: Date,
    /// Who voted: 党员互评, 群众评议, ….
    pub voters: Voters,
    /// 应到.
    pub expected: u32,
    /// 实到.
    pub present: u32,
    /// 有效票.
    pub valid: u32,
    /// 无效票.
    pub invalid: u32,
    /// The overall grades each member received.
    pub tallies: Vec<Tally>,
}

impl Default for AppraisalRound {
    fn default() -> Self {
        Self {
            id: AppraisalId(0),
            date: Date::constant(2000, 1, 1),
            voters: Voters::Members,
            expected: 0,
            present: 0,
            valid: 0,
            invalid: 0,
            tallies: Vec::new(),
        }
    }
}

/// Who cast the ballots of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Voters {
    /// 党员互评
    Members,
    /// 群众评议
    Masses,
}

impl Voters {
    /// Every value, in the order a picker lists them.
    pub const ALL: [Voters; 2] = [Voters::Members, Voters::Masses];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            Voters::Members => "党员互评",
            Voters::Masses => "群众评议",
        }
    }
}

/// Ballots for one member in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tally {
    pub member: MemberId,
    pub excellent: u32,
    pub qualified: u32,
    pub basic: u32,
    pub unqualified: u32,
    /// 弃权.
    pub abstained: u32,
}

impl Default for Tally {
    fn default() -> Self {
        Self {
            member: MemberId(0),
            excellent: 0,
            qualified: 0,
            basic: 0,
            unqualified: 0,
            abstained: 0,
        }
    }
}

impl Tally {
    /// Ballots counted for this member.
    pub fn total(&self) -> u32 {
        self.excellent + self.qualified + self.basic + self.unqualified + self.abstained
    }
}

/// The outcome for one member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberResult {
    pub member: MemberId,
    /// 自评 done.
    pub self_appraisal: Option<Date>,
    /// The grade the member gave themself (自评等次).
    pub self_grade: Option<Grade>,
    /// The grade the committee decided (组织评定); `None` while undecided
    /// or when the campaign does not grade.
    pub grade: Option<Grade>,
    /// 党组织评议意见.
    pub branch_opinion: String,
    pub disposition: Option<Disposition>,
    /// The deadline of a 限期改正.
    pub deadline: Option<Date>,
    /// Follow-up of the disposition (stage 3).
    pub follow_up: String,
    /// The day the handling of the disposition was finished (办结).
    pub follow_up_done: Option<Date>,
}

impl Default for MemberResult {
    fn default() -> Self {
        Self {
            member: MemberId(0),
            self_appraisal: None,
            self_grade: None,
            grade: None,
            branch_opinion: String::new(),
            disposition: None,
            deadline: None,
            follow_up: String::new(),
            follow_up_done: None,
        }
    }
}

/// 评议等次.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// 优秀
    Excellent,
    /// 合格
    Qualified,
    /// 基本合格
    Basic,
    /// 不合格
    Unqualified,
}

impl Grade {
    /// Every value, in the order a picker lists them.
    pub const ALL: [Grade; 4] = [Grade::Excellent, Grade::Qualified, Grade::Basic, Grade::Unqualified];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Qualified => "合格",
            Grade::Basic => "基本合格",
            Grade::Unqualified => "不合格",
        }
    }
}

/// 处置 of a member found unqualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Disposition {
    /// 限期改正
    CorrectWithinLimit,
    /// 劝其退党
    PersuadeToLeave,
    /// 除名
    Remove,
    /// 党纪处分
    Discipline,
}

impl Disposition {
    /// Every value, in the order a picker lists them.
    pub const ALL: [Disposition; 4] = [
        Disposition::CorrectWithinLimit,
        Disposition::PersuadeToLeave,
        Disposition::Remove,
        Disposition::Discipline,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            Disposition::CorrectWithinLimit => "限期改正",
            Disposition::PersuadeToLeave => "劝其退党",
            Disposition::Remove => "除名",
            Disposition::Discipline => "党纪处分",
        }
    }
}
