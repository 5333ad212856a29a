//! Stage 2, link 3: party-spirit analysis materials (党性分析材料), with
//! every draft kept and the responsible leader's review (审阅).

use serde::{Deserialize, Serialize};

use super::opinion::Aspect;
use super::talk::Review;
use super::{AnalysisId, Date, MemberId};

/// One member's analysis material and its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Analysis {
    pub id: AnalysisId,
    pub member: MemberId,
    /// Every draft, oldest first; the last is the current text.
    pub revisions: Vec<Revision>,
    pub status: AnalysisStatus,
    /// Reviews by the responsible leader, oldest first.
    pub reviews: Vec<Review>,
    /// Set when the member did it in a flexible form (oral, written down by
    /// someone else) because of age, frailty or literacy.
    pub flexible: Option<FlexibleForm>,
    /// Problems found, by aspect: the seed of rectification commitments.
    pub problems: Vec<AnalysisProblem>,
}

impl Default for Analysis {
    fn default() -> Self {
        Self {
            id: AnalysisId(0),
            member: MemberId(0),
            revisions: Vec::new(),
            status: AnalysisStatus::Draft,
            reviews: Vec::new(),
            flexible: None,
            problems: Vec::new(),
        }
    }
}

impl Analysis {
    /// Characters of the current draft (whitespace not counted).
    pub fn chars(&self) -> u32 {
        self.revisions.last().map_or(0, |r| r.chars())
    }
}

/// One draft of the material.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Revision {
    pub date: Date,
    /// The draft in the parts the seeds name.
    pub parts: DraftParts,
    /// Free text: a draft pasted whole, or written before the parts existed.
    pub text: String,
    /// Length given by hand when the text itself is on paper only.
    pub chars_on_paper: Option<u32>,
    pub note: String,
}

impl Default for Revision {
    fn default() -> Self {
        Self {
            date: Date::constant(2000, 1, 1),
            parts: DraftParts::default(),
            text: String::new(),
            chars_on_paper: None,
            note: String::new(),
        }
    }
}

impl Revision {
    /// Characters of this draft: counted from the text, or as given when
    /// the draft is on paper only.
    pub fn chars(&self) -> u32 {
        let written = count_visible(&self.text) + self.parts.chars();
        if written == 0 {
            return self.chars_on_paper.unwrap_or(0);
        }
        written
    }

    /// The whole draft as one text: the parts under their headings, then
    /// any free text.
    pub fn full_text(&self) -> String {
        let mut out = self.parts.full_text();
        if !self.text.trim().is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(self.text.trim_end());
        }
        out
    }
}

/// Characters that are not whitespace.
fn count_visible(text: &str) -> u32 {
    text.chars().filter(|c| !c.is_whitespace()).count() as u32
}

/// The parts of a party-spirit analysis, in the order the seeds give them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftParts {
    /// 基本情况: who, since when, what the learning stage taught.
    pub opening: String,
    /// 存在的问题, one text per aspect, in [`PROBLEM_ASPECTS`] order.
    pub problems: [String; 5],
    /// 产生问题的根源 (世界观、人生观、价值观).
    pub causes: String,
    /// 今后努力方向和整改措施.
    pub direction: String,
}

/// The five aspects problems are listed under, in order.
pub const PROBLEM_ASPECTS: [Aspect; 5] = [
    Aspect::Ideals,
    Aspect::Purpose,
    Aspect::Discipline,
    Aspect::Thinking,
    Aspect::Working,
];

impl DraftParts {
    /// The headings of the parts, for the editor and for printing.
    pub const OPENING: &str = "一、基本情况和学习收获";
    pub const PROBLEMS: &str = "二、存在的问题";
    pub const CAUSES: &str = "三、产生问题的根源";
    pub const DIRECTION: &str = "四、今后努力方向和整改措施";

    /// Characters written in all parts.
    pub fn chars(&self) -> u32 {
        count_visible(&self.opening)
            + self.problems.iter().map(|p| count_visible(p)).sum::<u32>()
            + count_visible(&self.causes)
            + count_visible(&self.direction)
    }

    pub fn is_empty(&self) -> bool {
        self.chars() == 0
    }

    /// The parts as one text with their headings; empty parts are left out.
    pub fn full_text(&self) -> String {
        let mut sections: Vec<String> = Vec::new();
        let mut push = |heading: &str, body: &str| {
            if !body.trim().is_empty() {
                sections.push(format!("{heading}\n{}", body.trim_end()));
            }
        };
        push(Self::OPENING, &self.opening);
        let problems: Vec<String> = PROBLEM_ASPECTS
            .iter()
            .zip(&self.problems)
            .filter(|(_, text)| !text.trim().is_empty())
            .enumerate()
            .map(|(i, (aspect, text))| {
                format!(
                    "（{}）{}方面\n{}",
                    chinese_number(i + 1),
                    aspect.label(),
                    text.trim_end()
                )
            })
            .collect();
        push(Self::PROBLEMS, &problems.join("\n"));
        push(Self::CAUSES, &self.causes);
        push(Self::DIRECTION, &self.direction);
        sections.join("\n\n")
    }
}

/// 一 to 十, for numbered headings.
pub fn chinese_number(n: usize) -> &'static str {
    ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .get(n)
        .copied()
        .unwrap_or("十")
}

/// Where a material stands: 起草 → 送审 → 审阅意见 → 修改 → (送审 …) → 定稿.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AnalysisStatus {
    /// 起草
    Draft,
    /// 送审: handed to the responsible leader.
    Submitted,
    /// 审阅意见: the leader has commented; the member is to revise.
    Reviewed,
    /// 修改: being revised after review.
    Revising,
    /// 定稿
    Final,
}

impl AnalysisStatus {
    /// Every value, in the order a picker lists them.
    pub const ALL: [AnalysisStatus; 5] = [
        AnalysisStatus::Draft,
        AnalysisStatus::Submitted,
        AnalysisStatus::Reviewed,
        AnalysisStatus::Revising,
        AnalysisStatus::Final,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            AnalysisStatus::Draft => "起草",
            AnalysisStatus::Submitted => "送审",
            AnalysisStatus::Reviewed => "审阅意见",
            AnalysisStatus::Revising => "修改",
            AnalysisStatus::Final => "定稿",
        }
    }

    /// Whether the material has been reviewed at least once by this status.
    pub fn is_reviewed(self) -> bool {
        matches!(
            self,
            AnalysisStatus::Reviewed | AnalysisStatus::Revising | AnalysisStatus::Final
        )
    }
}

/// How a flexible-form material was made.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlexibleForm {
    /// e.g. 口述，他人代笔.
    pub how: String,
    /// Why: 年老体弱, 文化程度低, ….
    pub reason: String,
    /// Who wrote it down.
    pub scribe: String,
}

/// A problem the member names in their analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisProblem {
    pub aspect: Aspect,
    pub text: String,
}

impl Default for AnalysisProblem {
    fn default() -> Self {
        Self {
            aspect: Aspect::Other,
            text: String::new(),
        }
    }
}
