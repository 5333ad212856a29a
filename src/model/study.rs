//! Stage 1 records: study sessions with attendance, make-up study,
//! reflections and the branch's concrete requirements.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Date, MakeUpId, MemberId, ReflectionId, SessionId, Shared, Stage};

/// Everything the learning stage records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StudyRecords {
    /// One session each (with its attendance), so that a change to one
    /// session copies only that session.
    pub sessions: Vec<Shared<Session>>,
    pub make_ups: Shared<Vec<MakeUp>>,
    pub reflections: Shared<Vec<Reflection>>,
    /// 保持先进性具体要求: the yardstick of stage 2.
    pub requirements: String,
    /// Members excused from study altogether (seriously ill), with the
    /// written reason.
    pub exemptions: Vec<Exemption>,
}

impl StudyRecords {
    /// The mobilisation meeting, if it is recorded.
    pub fn mobilisation(&self) -> Option<&Session> {
        self.sessions
            .iter()
            .map(|s| &**s)
            .find(|s| s.kind == SessionKind::Mobilisation)
    }

    pub fn session(&self, id: SessionId) -> Option<&Session> {
        self.sessions.iter().map(|s| &**s).find(|s| s.id == id)
    }

    /// A member's exemption from study, if any.
    pub fn exemption(&self, member: MemberId) -> Option<&Exemption> {
        self.exemptions.iter().find(|e| e.member == member)
    }
}

/// A member excused from study (免学), e.g. seriously ill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Exemption {
    pub member: MemberId,
    pub reason: String,
    /// The day it was granted.
    pub date: Date,
}

impl Default for Exemption {
    fn default() -> Self {
        Self {
            member: MemberId(0),
            reason: String::new(),
            date: Date::constant(2000, 1, 1),
        }
    }
}

/// A study session, or the mobilisation meeting (动员大会).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub id: SessionId,
    pub kind: SessionKind,
    pub date: Date,
    /// Class hours, in halves of an hour.
    pub hours: f64,
    pub topic: String,
    pub form: StudyForm,
    /// 学习材料: 读本, 党章, … or free text.
    pub material: String,
    pub place: String,
    /// 主持人或主讲人.
    pub host: String,
    pub notes: String,
    /// The stage the session belongs to (study goes on in every stage).
    pub stage: Stage,
    /// Attendance of every member who was active on the date. A member
    /// missing from the map was not on the roster then.
    pub attendance: BTreeMap<MemberId, Attendance>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            id: SessionId(0),
            kind: SessionKind::Study,
            date: Date::constant(2000, 1, 1),
            hours: 0.0,
            topic: String::new(),
            form: StudyForm::Concentrated,
            material: String::new(),
            place: String::new(),
            host: String::new(),
            notes: String::new(),
            stage: Stage::Learning,
            attendance: BTreeMap::new(),
        }
    }
}

/// A study session or the mobilisation meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionKind {
    Study,
    /// 动员大会.
    Mobilisation,
}

impl SessionKind {
    /// Every value, in the order a picker lists them.
    pub const ALL: [SessionKind; 2] = [SessionKind::Study, SessionKind::Mobilisation];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            SessionKind::Study => "学习",
            SessionKind::Mobilisation => "动员大会",
        }
    }
}

/// 学习形式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StudyForm {
    /// 集中学习
    Concentrated,
    /// 专题辅导
    Lecture,
    /// 党课
    PartyClass,
    /// 专题讨论
    Discussion,
    /// 观看电教片
    Video,
    /// 知识竞赛
    Quiz,
    /// 网上学习
    Online,
    /// 个人自学
    SelfStudy,
}

impl StudyForm {
    /// Every value, in the order a picker lists them.
    pub const ALL: [StudyForm; 8] = [
        StudyForm::Concentrated,
        StudyForm::Lecture,
        StudyForm::PartyClass,
        StudyForm::Discussion,
        StudyForm::Video,
        StudyForm::Quiz,
        StudyForm::Online,
        StudyForm::SelfStudy,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            StudyForm::Concentrated => "集中学习",
            StudyForm::Lecture => "专题辅导",
            StudyForm::PartyClass => "党课",
            StudyForm::Discussion => "专题讨论",
            StudyForm::Video => "观看电教片",
            StudyForm::Quiz => "知识竞赛",
            StudyForm::Online => "网上学习",
            StudyForm::SelfStudy => "个人自学",
        }
    }
}

/// One member's attendance at one session (考勤).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Attendance {
    /// 出席
    Present,
    /// 请假, with the reason.
    Leave(String),
    /// 缺席
    Absent,
}

impl Attendance {
    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(&self) -> &'static str {
        match self {
            Attendance::Present => "出席",
            Attendance::Leave(_) => "请假",
            Attendance::Absent => "缺席",
        }
    }

    /// The one-character mark of a missed session in a grid of sessions
    /// (假, 缺); `None` for present, where the grid shows the hours.
    pub const fn mark(&self) -> Option<&'static str> {
        match self {
            Attendance::Present => None,
            Attendance::Leave(_) => Some("假"),
            Attendance::Absent => Some("缺"),
        }
    }

    /// Whether the member missed the session (on leave or absent).
    pub fn missed(&self) -> bool {
        !matches!(self, Attendance::Present)
    }
}

/// A make-up study record (补学).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MakeUp {
    pub id: MakeUpId,
    pub member: MemberId,
    pub date: Date,
    pub method: MakeUpMethod,
    /// Hours credited.
    pub hours: f64,
    /// Who delivered it.
    pub delivered_by: String,
    /// Whether written reflections came back (寄回心得).
    pub reflections_returned: bool,
    /// The missed sessions it covers; a session is never counted twice.
    pub covers: Vec<SessionId>,
    pub notes: String,
}

impl Default for MakeUp {
    fn default() -> Self {
        Self {
            id: MakeUpId(0),
            member: MemberId(0),
            date: Date::constant(2000, 1, 1),
            method: MakeUpMethod::Session,
            hours: 0.0,
            delivered_by: String::new(),
            reflections_returned: false,
            covers: Vec::new(),
            notes: String::new(),
        }
    }
}

/// How make-up study was delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MakeUpMethod {
    /// 补学会
    Session,
    /// 送学上门
    AtHome,
    /// 寄送资料自学
    Mailed,
    /// 网上学习
    Online,
}

impl MakeUpMethod {
    /// Every value, in the order a picker lists them.
    pub const ALL: [MakeUpMethod; 4] = [
        MakeUpMethod::Session,
        MakeUpMethod::AtHome,
        MakeUpMethod::Mailed,
        MakeUpMethod::Online,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            MakeUpMethod::Session => "补学会",
            MakeUpMethod::AtHome => "送学上门",
            MakeUpMethod::Mailed => "寄送资料自学",
            MakeUpMethod::Online => "网上学习",
        }
    }
}

/// A reflection (学习心得) or reading note (读书笔记).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reflection {
    pub id: ReflectionId,
    pub member: MemberId,
    pub date: Date,
    pub kind: ReflectionKind,
    pub title: String,
    /// Length in characters (counted from the text when there is one).
    pub chars: u32,
    pub received: bool,
    pub text: String,
}

impl Default for Reflection {
    fn default() -> Self {
        Self {
            id: ReflectionId(0),
            member: MemberId(0),
            date: Date::constant(2000, 1, 1),
            kind: ReflectionKind::Reflection,
            title: String::new(),
            chars: 0,
            received: false,
            text: String::new(),
        }
    }
}

/// 学习心得 or 读书笔记.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReflectionKind {
    Reflection,
    ReadingNote,
}

impl ReflectionKind {
    /// Every value, in the order a picker lists them.
    pub const ALL: [ReflectionKind; 2] = [ReflectionKind::Reflection, ReflectionKind::ReadingNote];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            ReflectionKind::Reflection => "学习心得",
            ReflectionKind::ReadingNote => "读书笔记",
        }
    }
}
