//! Stage 2 meetings: the special organisational-life meeting, the
//! leadership's democratic-life meeting, and the meeting that reports the
//! appraisal results.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::study::Attendance;
use super::{Date, MeetingId, MemberId};

/// A meeting of the branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meeting {
    pub id: MeetingId,
    pub kind: MeetingKind,
    pub date: Date,
    pub place: String,
    pub host: String,
    /// Who from the superior committee or supervisory group attended.
    pub guests: String,
    pub attendance: BTreeMap<MemberId, Attendance>,
    /// 会议记录.
    pub minutes: String,
    /// Members who read their analysis and heard criticism.
    pub spoke: Vec<MemberId>,
    /// Each member's self-criticism and the criticism they received.
    pub remarks: BTreeMap<MemberId, Remarks>,
    /// Make-up for members absent from the meeting (补课).
    pub make_ups: BTreeMap<MemberId, MeetingMakeUp>,
    /// Whether the meeting has been held (before that it is planned).
    pub held: bool,
    /// The written reason for holding it although the three
    /// don't-convenes (三不开) check was not met.
    pub precheck_override: String,
}

/// What one member said and heard at an organisational-life meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remarks {
    /// 自我批评 (summary).
    pub self_criticism: String,
    /// 他人批评意见 (summary).
    pub criticisms: String,
}

/// How an absent member made the meeting up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingMakeUp {
    pub date: Date,
    /// e.g. 单独补开, 书面提交, 上门听取意见.
    pub how: String,
}

impl Default for MeetingMakeUp {
    fn default() -> Self {
        Self {
            date: Date::constant(2000, 1, 1),
            how: String::new(),
        }
    }
}

impl Default for Meeting {
    fn default() -> Self {
        Self {
            id: MeetingId(0),
            kind: MeetingKind::OrganisationalLife,
            date: Date::constant(2000, 1, 1),
            place: String::new(),
            host: String::new(),
            guests: String::new(),
            attendance: BTreeMap::new(),
            minutes: String::new(),
            spoke: Vec::new(),
            remarks: BTreeMap::new(),
            make_ups: BTreeMap::new(),
            held: false,
            precheck_override: String::new(),
        }
    }
}

/// Kinds of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingKind {
    /// 专题组织生活会
    OrganisationalLife,
    /// 民主生活会 (leadership team)
    DemocraticLife,
    /// 通报评议情况
    Report,
    /// 其他
    Other,
}

impl MeetingKind {
    /// Every value, in the order a picker lists them.
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::OrganisationalLife,
        MeetingKind::DemocraticLife,
        MeetingKind::Report,
        MeetingKind::Other,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            MeetingKind::OrganisationalLife => "专题组织生活会",
            MeetingKind::DemocraticLife => "民主生活会",
            MeetingKind::Report => "通报评议情况会",
            MeetingKind::Other => "其他会议",
        }
    }
}
