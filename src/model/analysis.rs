//! Stage 2, link 3: party-spirit analysis materials (党性分析材料), with
//! every draft kept and the responsible leader's review (审阅).

use serde::{Deserialize, Serialize};

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
    pub text: String,
    /// Length given by hand when the text itself is on paper only.
    pub chars_on_paper: Option<u32>,
    pub note: String,
}

impl Default for Revision {
    fn default() -> Self {
        Self {
            date: Date::constant(2000, 1, 1),
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
        if self.text.trim().is_empty() {
            return self.chars_on_paper.unwrap_or(0);
        }
        self.text.chars().filter(|c| !c.is_whitespace()).count() as u32
    }
}

/// Where a material stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnalysisStatus {
    /// 草稿
    Draft,
    /// 已审阅，待修改
    Reviewed,
    /// 定稿
    Final,
}

impl AnalysisStatus {
    pub fn label(self) -> &'static str {
        match self {
            AnalysisStatus::Draft => "草稿",
            AnalysisStatus::Reviewed => "已审阅待修改",
            AnalysisStatus::Final => "定稿",
        }
    }
}

/// How a flexible-form material was made.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlexibleForm {
    /// e.g. 口述，他人代笔.
    pub how: String,
    /// Who wrote it down.
    pub scribe: String,
}

/// A problem the member names in their analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisProblem {
    pub aspect: super::opinion::Aspect,
    pub text: String,
}

impl Default for AnalysisProblem {
    fn default() -> Self {
        Self {
            aspect: super::opinion::Aspect::Other,
            text: String::new(),
        }
    }
}
