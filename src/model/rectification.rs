//! Stage 3 records: members' commitments, the branch plan, long-term rules,
//! satisfaction surveys, commendations and the summary.

use serde::{Deserialize, Serialize};

use super::{BranchItemId, CommitmentId, Date, IssueId, MemberId, RuleId, SurveyId};

/// Everything the rectification stage records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RectificationRecords {
    pub commitments: Vec<Commitment>,
    /// The day commitments were made public (公开承诺).
    pub made_public: Option<Date>,
    pub branch_items: Vec<BranchItem>,
    pub rules: Vec<Rule>,
    pub surveys: Vec<Survey>,
    pub commendations: Vec<Commendation>,
    /// 工作总结.
    pub summary: String,
}

/// A member's rectification commitment (整改承诺).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Commitment {
    pub id: CommitmentId,
    pub member: MemberId,
    pub problem: String,
    /// 整改措施.
    pub measure: String,
    /// 完成时限.
    pub deadline: Option<Date>,
    pub responsible: String,
    /// Overdue (逾期) is computed from the deadline and today, never stored.
    pub status: ItemStatus,
    pub completed: Option<Date>,
    pub evidence: String,
    pub verified_by: String,
    /// Where the problem came from (党性分析 / 群众意见 / 民主评议), when
    /// it was suggested from a record.
    pub source: String,
    /// 说明: why an item is late, or anything else worth noting.
    pub note: String,
}

impl Default for Commitment {
    fn default() -> Self {
        Self {
            id: CommitmentId(0),
            member: MemberId(0),
            problem: String::new(),
            measure: String::new(),
            deadline: None,
            responsible: String::new(),
            status: ItemStatus::NotStarted,
            completed: None,
            evidence: String::new(),
            verified_by: String::new(),
            source: String::new(),
            note: String::new(),
        }
    }
}

/// Progress of a commitment or branch item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemStatus {
    /// 未开始
    NotStarted,
    /// 进行中
    InProgress,
    /// 已完成
    Done,
}

impl ItemStatus {
    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "未开始",
            ItemStatus::InProgress => "进行中",
            ItemStatus::Done => "已完成",
        }
    }
}

/// A branch rectification item (整改台账).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BranchItem {
    pub id: BranchItemId,
    pub problem: String,
    /// The distinct opinions it answers.
    pub sources: Vec<IssueId>,
    pub measure: String,
    pub responsible: String,
    pub deadline: Option<Date>,
    pub status: ItemStatus,
    pub result: String,
    /// 立说立行 (fixed at once) rather than 限期整改.
    pub immediate: bool,
    /// One of the problems the masses most want solved (群众热盼).
    pub hot: bool,
    pub completed: Option<Date>,
    /// 说明: why an item is late, or anything else worth noting.
    pub note: String,
}

impl Default for BranchItem {
    fn default() -> Self {
        Self {
            id: BranchItemId(0),
            problem: String::new(),
            sources: Vec::new(),
            measure: String::new(),
            responsible: String::new(),
            deadline: None,
            status: ItemStatus::NotStarted,
            result: String::new(),
            immediate: false,
            hot: false,
            completed: None,
            note: String::new(),
        }
    }
}

/// A long-term rule (长效机制).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rule {
    pub id: RuleId,
    pub name: String,
    pub adopted: Option<Date>,
    pub summary: String,
}

impl Default for Rule {
    fn default() -> Self {
        Self {
            id: RuleId(0),
            name: String::new(),
            adopted: None,
            summary: String::new(),
        }
    }
}

/// One round of the masses' satisfaction survey (群众满意度测评).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Survey {
    pub id: SurveyId,
    pub date: Date,
    /// Who was asked, e.g. 村民代表 45 人.
    pub respondents: String,
    /// Ballots handed out.
    pub issued: u32,
    /// Ballots returned (收回); every one is counted once, valid or not.
    pub returned: u32,
    /// 说明, e.g. the make-up work done before a new round.
    pub note: String,
    /// The overall counts.
    pub counts: SurveyCounts,
    /// Optional per-item counts.
    pub items: Vec<SurveyItem>,
}

impl Default for Survey {
    fn default() -> Self {
        Self {
            id: SurveyId(0),
            date: Date::constant(2000, 1, 1),
            respondents: String::new(),
            issued: 0,
            returned: 0,
            note: String::new(),
            counts: SurveyCounts::default(),
            items: Vec::new(),
        }
    }
}

/// Counts of one question of a survey.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyCounts {
    pub satisfied: u32,
    pub fairly: u32,
    pub basically: u32,
    pub unsatisfied: u32,
    pub invalid: u32,
}

impl SurveyCounts {
    /// Valid ballots.
    pub fn valid(&self) -> u32 {
        self.satisfied + self.fairly + self.basically + self.unsatisfied
    }

    /// The ballots that gave `answer`.
    pub fn of(&self, answer: SurveyAnswer) -> u32 {
        match answer {
            SurveyAnswer::Satisfied => self.satisfied,
            SurveyAnswer::Fairly => self.fairly,
            SurveyAnswer::Basically => self.basically,
            SurveyAnswer::Unsatisfied => self.unsatisfied,
        }
    }
}

/// The four answers of the satisfaction survey's ballot (测评档次).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyAnswer {
    /// 满意
    Satisfied,
    /// 比较满意
    Fairly,
    /// 基本满意
    Basically,
    /// 不满意
    Unsatisfied,
}

impl SurveyAnswer {
    /// Every answer, in the order the ballot lists them.
    pub const ALL: [SurveyAnswer; 4] = [
        SurveyAnswer::Satisfied,
        SurveyAnswer::Fairly,
        SurveyAnswer::Basically,
        SurveyAnswer::Unsatisfied,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            SurveyAnswer::Satisfied => "满意",
            SurveyAnswer::Fairly => "比较满意",
            SurveyAnswer::Basically => "基本满意",
            SurveyAnswer::Unsatisfied => "不满意",
        }
    }
}

/// A ballot of the survey that counts under no answer (无效), beside the
/// four answers in every count.
pub const INVALID_BALLOT: &str = "无效";

/// A per-item line of a survey.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyItem {
    pub name: String,
    pub counts: SurveyCounts,
}

impl Survey {
    /// The satisfaction rate of the overall question, in percent.
    pub fn rate(&self, which: &super::campaign::SatisfiedCounts) -> Option<f64> {
        self.counts.rate(which)
    }
}

impl RectificationRecords {
    /// The newest survey round (by date, then by entry).
    pub fn latest_survey(&self) -> Option<&Survey> {
        self.surveys.iter().max_by_key(|s| (s.date, s.id))
    }
}

/// A member commended as outstanding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Commendation {
    pub member: MemberId,
    pub date: Option<Date>,
    /// e.g. 优秀共产党员.
    pub title: String,
}

impl Default for Commendation {
    fn default() -> Self {
        Self {
            member: MemberId(0),
            date: None,
            title: String::new(),
        }
    }
}

impl ItemStatus {
    /// Every status, in the order a picker lists them.
    pub const ALL: [ItemStatus; 3] = [ItemStatus::NotStarted, ItemStatus::InProgress, ItemStatus::Done];
}

/// Whether an item with this deadline and status is overdue (逾期) on
/// `today`: not done and its deadline has passed. Never stored.
pub fn is_overdue(deadline: Option<Date>, status: ItemStatus, today: Date) -> bool {
    status != ItemStatus::Done && deadline.is_some_and(|d| d < today)
}

/// Whether an unfinished item's deadline falls within `days` days from
/// `today` (临期), overdue items excluded.
pub fn is_due_soon(deadline: Option<Date>, status: ItemStatus, today: Date, days: i64) -> bool {
    let Ok(horizon) = today.checked_add(jiff::Span::new().days(days)) else {
        return false;
    };
    status != ItemStatus::Done && deadline.is_some_and(|d| d >= today && d <= horizon)
}

impl Commitment {
    /// Overdue on `today` (computed, never stored).
    pub fn is_overdue(&self, today: Date) -> bool {
        is_overdue(self.deadline, self.status, today)
    }
}

impl BranchItem {
    /// Overdue on `today` (computed, never stored).
    pub fn is_overdue(&self, today: Date) -> bool {
        is_overdue(self.deadline, self.status, today)
    }
}

impl SurveyCounts {
    /// Every ballot counted, invalid ones included.
    pub fn total(&self) -> u32 {
        self.valid() + self.invalid
    }

    /// Valid ballots whose answer counts as satisfied under `which`.
    pub fn satisfied_under(&self, which: &super::campaign::SatisfiedCounts) -> u32 {
        which.answers().map(|answer| self.of(answer)).sum()
    }

    /// The satisfaction rate in percent of valid ballots, `None` when no
    /// ballot is valid.
    pub fn rate(&self, which: &super::campaign::SatisfiedCounts) -> Option<f64> {
        let valid = self.valid();
        (valid > 0).then(|| f64::from(self.satisfied_under(which)) * 100.0 / f64::from(valid))
    }
}
