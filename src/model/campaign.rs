//! The campaign: its rules (every number that varies), its stages and the
//! record of each move from one stage to the next.

use serde::{Deserialize, Serialize};

use super::Date;
use super::rectification::SurveyAnswer;

/// The campaign a ledger runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Campaign {
    /// 活动名称, e.g. 保持共产党员先进性教育活动.
    pub name: String,
    /// 批次, e.g. 第三批.
    pub batch: String,
    pub settings: Settings,
    /// The planned dates of each stage (实施方案).
    pub plan: StagePlan,
    /// The stage the branch is in now.
    pub stage: Stage,
    /// Every move from one stage to the next, oldest first.
    pub moves: Vec<StageMove>,
    /// The sign-off of a closed campaign (验收 and 归档); `Some` exactly
    /// while the stage is [`Stage::Closed`].
    pub closing: Option<Closing>,
    /// Every deliberate reopening of a closed campaign, oldest first.
    pub reopenings: Vec<Reopening>,
}

/// Why every edit of a closed campaign is refused, in the window and on
/// the command line alike.
pub const CLOSED: &str = "活动已验收归档，台账只读。如确需修改，请在“整改提高 → 验收归档”中重新打开（会留下记录）。";

impl Campaign {
    /// Whether the campaign is closed and its ledger read-only.
    pub fn is_closed(&self) -> bool {
        self.stage == Stage::Closed
    }

    /// Refuses with [`CLOSED`] when the campaign is closed: the edit core
    /// (`edit::apply`) asks this before every command but a reopening, so
    /// the window and the command line are refused alike.
    pub fn refuse_if_closed(&self) -> Result<(), String> {
        if self.is_closed() {
            Err(CLOSED.to_owned())
        } else {
            Ok(())
        }
    }
}

/// How a campaign was closed: accepted (验收) by the superior's
/// supervisory group and archived (归档) by the branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Closing {
    /// 验收 date.
    pub accepted: Date,
    /// Who accepted the work (督导组 or 上级党委).
    pub accepted_by: String,
    /// Who archived the ledger (usually the secretary).
    pub archived_by: String,
    pub note: String,
}

impl Default for Closing {
    fn default() -> Self {
        Self {
            accepted: Date::constant(2000, 1, 1),
            accepted_by: String::new(),
            archived_by: String::new(),
            note: String::new(),
        }
    }
}

/// A closed campaign opened again on purpose, with the closing it undid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reopening {
    pub date: Date,
    pub by: String,
    pub reason: String,
    /// The closing this reopening undid.
    pub closing: Option<Closing>,
}

impl Default for Reopening {
    fn default() -> Self {
        Self {
            date: Date::constant(2000, 1, 1),
            by: String::new(),
            reason: String::new(),
            closing: None,
        }
    }
}

impl Default for Campaign {
    fn default() -> Self {
        Self {
            name: "保持共产党员先进性教育活动".to_owned(),
            batch: String::new(),
            settings: Settings::default(),
            plan: StagePlan::default(),
            stage: Stage::Preparation,
            moves: Vec::new(),
            closing: None,
            reopenings: Vec::new(),
        }
    }
}

/// The rules of this campaign. Every number is a default from the source
/// documents, not a law: later campaigns reuse the shape with other numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Class hours of study each member needs (学时).
    pub required_hours: f64,
    /// Reflections (学习心得 or 读书笔记) each member hands in.
    pub reflections_required: u32,
    /// Talks each ordinary member needs (谈心谈话).
    pub talks_required: u32,
    /// Talks each leading cadre needs.
    pub talks_required_cadre: u32,
    /// Characters an ordinary member's analysis material needs.
    pub analysis_chars: u32,
    /// Characters a leading cadre's analysis material needs.
    pub analysis_chars_cadre: u32,
    /// Whether the branch gives appraisal grades (评定等次) at all.
    pub grading: bool,
    /// The cap on 优秀 as a fraction of members, `None` for no cap.
    pub excellent_cap: Option<Fraction>,
    /// Satisfaction rate below which make-up work and a new survey are
    /// required, in percent.
    pub satisfaction_threshold: f64,
    /// Which survey answers count as satisfied.
    pub satisfied_counts: SatisfiedCounts,
    /// Days within which an opinion must be fed back to its member.
    pub feedback_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            required_hours: 40.0,
            reflections_required: 1,
            talks_required: 5,
            talks_required_cadre: 10,
            analysis_chars: 3000,
            analysis_chars_cadre: 5000,
            grading: true,
            excellent_cap: Some(Fraction {
                numerator: 1,
                denominator: 3,
            }),
            satisfaction_threshold: 60.0,
            satisfied_counts: SatisfiedCounts::default(),
            feedback_days: 15,
        }
    }
}

/// A fraction such as ⅓, kept exact so that 9 members allow 3 优秀.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fraction {
    pub numerator: u32,
    pub denominator: u32,
}

impl Fraction {
    /// The largest whole count allowed out of `total`.
    pub fn cap_of(self, total: u32) -> u32 {
        if self.denominator == 0 {
            return total;
        }
        (u64::from(total) * u64::from(self.numerator) / u64::from(self.denominator)) as u32
    }

    /// The fraction as a sentence says it: 1/3 is "三分之一"; parts above
    /// ten stay in digits ("3/20").
    pub fn in_words(self) -> String {
        if (1..=10).contains(&self.numerator) && (1..=10).contains(&self.denominator) {
            let word = |n: u32| super::analysis::chinese_number(n as usize);
            format!("{}分之{}", word(self.denominator), word(self.numerator))
        } else {
            format!("{}/{}", self.numerator, self.denominator)
        }
    }
}

/// Which grades of a satisfaction survey count as satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SatisfiedCounts {
    /// 满意 always counts; kept for completeness of the file.
    pub satisfied: bool,
    pub fairly: bool,
    pub basically: bool,
}

impl SatisfiedCounts {
    /// Whether ballots giving `answer` count as satisfied; 满意 always
    /// does, 不满意 never.
    pub fn counts(&self, answer: SurveyAnswer) -> bool {
        match answer {
            SurveyAnswer::Satisfied => true,
            SurveyAnswer::Fairly => self.fairly,
            SurveyAnswer::Basically => self.basically,
            SurveyAnswer::Unsatisfied => false,
        }
    }

    /// The answers that count, in ballot order.
    pub fn answers(&self) -> impl Iterator<Item = SurveyAnswer> + '_ {
        SurveyAnswer::ALL.into_iter().filter(|&answer| self.counts(answer))
    }
}

impl Default for SatisfiedCounts {
    fn default() -> Self {
        Self {
            satisfied: true,
            fairly: true,
            basically: true,
        }
    }
}

/// The four stages, in the order that can never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// 准备阶段
    Preparation,
    /// 学习动员
    Learning,
    /// 分析评议
    Appraisal,
    /// 整改提高
    Rectification,
    /// The campaign is closed (活动结束).
    Closed,
}

impl Stage {
    /// The stages shown in the stepper.
    pub const STEPS: [Stage; 4] = [
        Stage::Preparation,
        Stage::Learning,
        Stage::Appraisal,
        Stage::Rectification,
    ];

    /// The stage's name (its domain word; STYLE calls a wizard step's word `title`).
    pub const fn title(self) -> &'static str {
        match self {
            Stage::Preparation => "准备阶段",
            Stage::Learning => "学习动员",
            Stage::Appraisal => "分析评议",
            Stage::Rectification => "整改提高",
            Stage::Closed => "活动结束",
        }
    }

    /// The stage after this one; stages are never skipped.
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Preparation => Some(Stage::Learning),
            Stage::Learning => Some(Stage::Appraisal),
            Stage::Appraisal => Some(Stage::Rectification),
            Stage::Rectification => Some(Stage::Closed),
            Stage::Closed => None,
        }
    }
}

/// Planned start and end of each of the three stages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StagePlan {
    pub learning: Period,
    pub appraisal: Period,
    pub rectification: Period,
    /// The day the implementation plan was filed with the superior office.
    pub filed: Option<Date>,
}

impl StagePlan {
    /// The planned period of a stage, if it has one.
    pub fn period(&self, stage: Stage) -> Option<&Period> {
        match stage {
            Stage::Learning => Some(&self.learning),
            Stage::Appraisal => Some(&self.appraisal),
            Stage::Rectification => Some(&self.rectification),
            Stage::Preparation | Stage::Closed => None,
        }
    }

    /// The stage whose planned period holds `date`, if any.
    pub fn stage_on(&self, date: Date) -> Option<Stage> {
        [Stage::Learning, Stage::Appraisal, Stage::Rectification]
            .into_iter()
            .find(|&stage| {
                self.period(stage)
                    .is_some_and(|p| p.start.is_some_and(|s| s <= date) && p.end.is_some_and(|e| date <= e))
            })
    }

    /// The first and last planned day of the whole campaign.
    pub fn span(&self) -> Option<(Date, Date)> {
        Some((self.learning.start?, self.rectification.end?))
    }
}

/// A span of days, both ends included.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Period {
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl Period {
    pub fn is_set(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if s <= e)
    }
}

/// The record of one stage move (转段): who signed off, when, and which
/// unmet checks were overridden and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageMove {
    pub from: Stage,
    pub to: Stage,
    pub date: Date,
    /// Who approved the move (督导组 member).
    pub approver: String,
    pub overrides: Vec<Override>,
    pub note: String,
}

impl Default for StageMove {
    fn default() -> Self {
        Self {
            from: Stage::Preparation,
            to: Stage::Learning,
            date: Date::constant(2000, 1, 1),
            approver: String::new(),
            overrides: Vec::new(),
            note: String::new(),
        }
    }
}

/// An unmet check let through with a written reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Override {
    /// The check's label at the time of the move.
    pub check: String,
    /// How many items were unmet.
    pub unmet: u32,
    pub reason: String,
}
