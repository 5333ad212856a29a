//! Party members: every field branches keep on their roster.

use serde::{Deserialize, Serialize};

use super::{Date, MemberId};

/// One party member. A member who transfers out keeps their record and all
/// their records elsewhere; they simply stop counting after the date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Member {
    pub id: MemberId,
    /// 姓名. Two members may share a name; the roster flags it.
    pub name: String,
    pub gender: Gender,
    /// 民族, free text ("汉族", "回族", …).
    pub ethnicity: String,
    pub birth: Option<Date>,
    /// 入党时间.
    pub joined: Option<Date>,
    pub status: MemberStatus,
    /// For a probationary member: the date they are due to become full.
    pub probation_due: Option<Date>,
    /// 学历.
    pub education: String,
    /// 工作单位及职务.
    pub position: String,
    /// Digits only, as the member gave it.
    pub phone: String,
    /// 公民身份号码; optional, checked when entered.
    pub id_number: String,
    /// 党员领导干部: needs 10 talks and a longer analysis by default.
    pub leading_cadre: bool,
    /// 支委成员: one of the branch committee.
    pub committee: bool,
    pub category: Option<Category>,
    /// For a mobile member: direction, where they are and how to reach them.
    pub mobile: MobileInfo,
    /// 困难党员.
    pub hardship: bool,
    /// Arrived by transfer on this date (转入).
    pub transfer_in: Option<Transfer>,
    /// Left by transfer on this date (转出); the records stay.
    pub transfer_out: Option<Transfer>,
    pub notes: String,
}

impl Default for Member {
    fn default() -> Self {
        Self {
            id: MemberId(0),
            name: String::new(),
            gender: Gender::Male,
            ethnicity: "汉族".to_owned(),
            birth: None,
            joined: None,
            status: MemberStatus::Full,
            probation_due: None,
            education: String::new(),
            position: String::new(),
            phone: String::new(),
            id_number: String::new(),
            leading_cadre: false,
            committee: false,
            category: None,
            mobile: MobileInfo::default(),
            hardship: false,
            transfer_in: None,
            transfer_out: None,
            notes: String::new(),
        }
    }
}

impl Member {
    /// Whether the member belongs to the branch on `date`: arrived on or
    /// before it and not yet transferred out.
    pub fn active_on(&self, date: Date) -> bool {
        let arrived = self.transfer_in.as_ref().is_none_or(|t| t.date <= date);
        let still_here = self.transfer_out.as_ref().is_none_or(|t| t.date > date);
        arrived && still_here
    }

    /// Whether the member is still on the roster (not transferred out).
    pub fn is_current(&self) -> bool {
        self.transfer_out.is_none()
    }

    /// Whether this member is a mobile (流动) member.
    pub fn is_mobile(&self) -> bool {
        self.category == Some(Category::Mobile)
    }
}

/// 性别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// Every value, in the order a picker lists them.
    pub const ALL: [Gender; 2] = [Gender::Male, Gender::Female];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }

    /// Reads a gender as rosters write it: the label, or 男性 / 女性 / M /
    /// F / MALE / FEMALE in any case.
    pub fn from_label(text: &str) -> Option<Self> {
        let text = text.trim().to_ascii_uppercase();
        Self::ALL
            .into_iter()
            .find(|g| g.label() == text)
            .or(match text.as_str() {
                "男性" | "M" | "MALE" => Some(Gender::Male),
                "女性" | "F" | "FEMALE" => Some(Gender::Female),
                _ => None,
            })
    }
}

/// 正式党员 or 预备党员.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberStatus {
    Full,
    Probationary,
}

impl MemberStatus {
    /// Every value, in the order a picker lists them.
    pub const ALL: [MemberStatus; 2] = [MemberStatus::Full, MemberStatus::Probationary];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            MemberStatus::Full => "正式党员",
            MemberStatus::Probationary => "预备党员",
        }
    }

    /// Reads a status as rosters write it: the label, or 正式 / 预备.
    pub fn from_label(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL.into_iter().find(|s| s.label() == text).or(match text {
            "正式" => Some(MemberStatus::Full),
            "预备" => Some(MemberStatus::Probationary),
            _ => None,
        })
    }
}

/// The categories branches sort members into (党员类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// 在职
    Employed,
    /// 离退休
    Retired,
    /// 下岗失业
    Unemployed,
    /// 流动
    Mobile,
    /// 年老体弱
    ElderlyFrail,
    /// 农民
    Farmer,
    /// 非公企业
    PrivateSector,
    /// 学生
    Student,
    /// 口袋党员: kept the membership letter instead of transferring it.
    Pocket,
}

impl Category {
    /// Every value, in the order a picker lists them.
    pub const ALL: [Category; 9] = [
        Category::Employed,
        Category::Retired,
        Category::Unemployed,
        Category::Mobile,
        Category::ElderlyFrail,
        Category::Farmer,
        Category::PrivateSector,
        Category::Student,
        Category::Pocket,
    ];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            Category::Employed => "在职",
            Category::Retired => "离退休",
            Category::Unemployed => "下岗失业",
            Category::Mobile => "流动",
            Category::ElderlyFrail => "年老体弱",
            Category::Farmer => "农民",
            Category::PrivateSector => "非公企业",
            Category::Student => "学生",
            Category::Pocket => "口袋党员",
        }
    }

    /// Reads a label as branches write it in their sheets.
    pub fn from_label(text: &str) -> Option<Self> {
        let text = text.trim().trim_end_matches("党员");
        Self::ALL
            .into_iter()
            .find(|c| {
                let label = c.label().trim_end_matches("党员");
                label == text
            })
            .or(match text {
                "离休" | "退休" => Some(Category::Retired),
                "下岗" | "失业" => Some(Category::Unemployed),
                "流出" | "流入" | "外出" => Some(Category::Mobile),
                "年老" | "体弱" | "老弱" => Some(Category::ElderlyFrail),
                "口袋" => Some(Category::Pocket),
                _ => None,
            })
    }
}

/// Where a mobile member is (四个清楚: where they are, how to reach them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MobileInfo {
    pub direction: FlowDirection,
    /// 流动去向 / 来自: place and workplace.
    pub whereabouts: String,
    /// How to reach them (phone, an address, a relative).
    pub contact: String,
}

/// 流出 (left to work elsewhere) or 流入 (came here from elsewhere).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlowDirection {
    #[default]
    Outflow,
    Inflow,
}

impl FlowDirection {
    /// Every value, in the order a picker lists them.
    pub const ALL: [FlowDirection; 2] = [FlowDirection::Outflow, FlowDirection::Inflow];

    /// The word screens, printed forms, the workbook and messages use.
    pub const fn label(self) -> &'static str {
        match self {
            FlowDirection::Outflow => "流出",
            FlowDirection::Inflow => "流入",
        }
    }

    /// Reads a direction as rosters write it: the label, or 外出 / 来自,
    /// with or without 党员 / 本地 after it.
    pub fn from_label(text: &str) -> Option<Self> {
        let text = text.trim().trim_end_matches("党员");
        Self::ALL.into_iter().find(|d| d.label() == text).or(match text {
            "外出" | "流出本地" => Some(FlowDirection::Outflow),
            "来自" | "流入本地" => Some(FlowDirection::Inflow),
            _ => None,
        })
    }
}

/// A transfer into or out of the branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Transfer {
    pub date: Date,
    /// The other branch (转出到 / 转入自).
    pub other_branch: String,
}

impl Default for Transfer {
    fn default() -> Self {
        Self {
            date: Date::constant(2000, 1, 1),
            other_branch: String::new(),
        }
    }
}
