//! The look-back gate (回头看) that closes a stage: a list of checks computed
//! from the records. Each check lists its unmet items, and each item says
//! where it is fixed, so the screens can take the secretary straight there.
//! Moving on requires every check met, or an override with a written reason.

use crate::model::study_rules::show_hours;
use crate::model::{Date, Ledger, MemberId, MemberStatus, Stage};
use crate::progress::appraisal::appraisal_checks;
use crate::progress::hours::hours_of_all;
use crate::progress::rectification::rectification_checks;
use crate::progress::roll::{Reflections, Roll};

/// The checks that close one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    pub stage: Stage,
    pub checks: Vec<Check>,
    /// Set when this version of the program does not yet check the stage's
    /// records: says which capability is coming.
    pub not_yet_checked: Option<&'static str>,
}

impl Gate {
    /// Whether every check is met.
    pub fn is_met(&self) -> bool {
        self.checks.iter().all(Check::is_met)
    }

    /// Checks met, out of all.
    pub fn score(&self) -> (usize, usize) {
        (self.checks.iter().filter(|c| c.is_met()).count(), self.checks.len())
    }
}

/// One check of a gate.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub label: &'static str,
    pub unmet: Vec<Unmet>,
}

impl Check {
    pub fn is_met(&self) -> bool {
        self.unmet.is_empty()
    }
}

/// One thing not yet done: whose it is, what is missing, where to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmet {
    pub member: Option<MemberId>,
    pub what: String,
    pub fix: Fix,
}

/// Where an unmet item is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// The branch facts on the preparation screen.
    BranchFacts,
    /// The stage dates on the preparation screen.
    StagePlan,
    /// The roster, to add members.
    Roster,
    /// One member's record in the roster.
    Member(MemberId),
    /// Recording the mobilisation meeting.
    Mobilisation,
    /// One member's study hours (make-up study or an exemption).
    Hours(MemberId),
    /// One member's reflections.
    Reflections(MemberId),
    /// The branch's concrete requirements.
    Requirements,
    /// The opinion ledger, at one member's list if given.
    Opinions(Option<MemberId>),
    /// One member's talks.
    Talks(MemberId),
    /// One member's party-spirit analysis.
    Analysis(MemberId),
    /// The organisational-life meeting, at one member if given.
    Meeting(Option<MemberId>),
    /// One member's democratic appraisal.
    Appraisal(MemberId),
    /// One member's branch appraisal opinion.
    BranchOpinion(MemberId),
    /// Reporting the appraisal results.
    Report,
    /// The commitments, at one member's if given.
    Commitments(Option<MemberId>),
    /// The branch rectification plan (整改台账).
    BranchPlan,
    /// The satisfaction survey.
    Survey,
    /// The long-term rules.
    Rules,
    /// The summary.
    Summary,
}

/// The gate that closes `stage`, computed from the ledger on `today`
/// (which says what is overdue).
pub fn gate(ledger: &Ledger, stage: Stage, today: Date) -> Gate {
    match stage {
        Stage::Preparation => Gate {
            stage,
            checks: preparation_checks(ledger),
            not_yet_checked: None,
        },
        Stage::Learning => Gate {
            stage,
            checks: learning_checks(ledger),
            not_yet_checked: None,
        },
        Stage::Appraisal => Gate {
            stage,
            checks: appraisal_checks(ledger),
            not_yet_checked: None,
        },
        Stage::Rectification | Stage::Closed => Gate {
            stage,
            checks: rectification_checks(ledger, today),
            not_yet_checked: None,
        },
    }
}

fn learning_checks(ledger: &Ledger) -> Vec<Check> {
    let settings = &ledger.campaign.settings;
    let mobilisation = Check {
        label: "动员大会已召开并登记",
        unmet: if ledger.study.mobilisation().is_some() {
            Vec::new()
        } else {
            vec![Unmet {
                member: None,
                what: "尚未登记动员大会".to_owned(),
                fix: Fix::Mobilisation,
            }]
        },
    };

    let roll = Roll::of(ledger);
    let all_hours = hours_of_all(ledger);
    let hours = Check {
        label: "每名党员学时达到要求（或经批准免学）",
        unmet: ledger
            .members
            .iter()
            .zip(&all_hours)
            .filter(|(m, h)| roll.counts(m.id) && !h.met())
            .map(|(m, h)| Unmet {
                member: Some(m.id),
                what: format!(
                    "学时 {}/{}，还差 {} 学时",
                    show_hours(h.total()),
                    show_hours(h.required),
                    show_hours(h.shortfall())
                ),
                fix: Fix::Hours(m.id),
            })
            .collect(),
    };

    let needed = settings.reflections_required as usize;
    let received = Reflections::of(ledger, &roll);
    let reflections = Check {
        label: "每名党员按要求交学习心得",
        unmet: ledger
            .members
            .iter()
            .filter(|m| roll.counts(m.id))
            .filter_map(|m| {
                let handed_in = received.handed_in(m.id);
                (!received.met(m.id)).then(|| Unmet {
                    member: Some(m.id),
                    what: format!("已交心得 {handed_in} 篇，要求 {needed} 篇"),
                    fix: Fix::Reflections(m.id),
                })
            })
            .collect(),
    };

    let requirements = Check {
        label: "支部保持先进性具体要求已制定",
        unmet: if ledger.study.requirements.trim().is_empty() {
            vec![Unmet {
                member: None,
                what: "尚未填写本支部的具体要求".to_owned(),
                fix: Fix::Requirements,
            }]
        } else {
            Vec::new()
        },
    };

    vec![mobilisation, hours, reflections, requirements]
}

fn preparation_checks(ledger: &Ledger) -> Vec<Check> {
    let facts = Check {
        label: "支部基本情况填写完整",
        unmet: ledger
            .branch
            .missing()
            .into_iter()
            .map(|label| Unmet {
                member: None,
                what: format!("未填写{label}"),
                fix: Fix::BranchFacts,
            })
            .collect(),
    };

    let full = ledger
        .current_members()
        .filter(|m| m.status == MemberStatus::Full)
        .count();
    let enough = Check {
        label: "正式党员不少于 3 名",
        unmet: if full >= 3 {
            Vec::new()
        } else {
            vec![Unmet {
                member: None,
                what: format!("现有正式党员 {full} 名，支部至少需要 3 名"),
                fix: Fix::Roster,
            }]
        },
    };

    let category = Check {
        label: "每名党员已分类",
        unmet: ledger
            .current_members()
            .filter(|m| m.category.is_none())
            .map(|m| Unmet {
                member: Some(m.id),
                what: "未选择党员类别".to_owned(),
                fix: Fix::Member(m.id),
            })
            .collect(),
    };

    let mobile = Check {
        label: "流动党员去向和联系方式清楚（四个清楚）",
        unmet: ledger
            .current_members()
            .filter(|m| m.is_mobile())
            .filter_map(|m| {
                let missing: Vec<&str> = [
                    (m.mobile.whereabouts.trim().is_empty(), "去向"),
                    (m.mobile.contact.trim().is_empty(), "联系方式"),
                ]
                .into_iter()
                .filter_map(|(missing, label)| missing.then_some(label))
                .collect();
                (!missing.is_empty()).then(|| Unmet {
                    member: Some(m.id),
                    what: format!("流动党员未登记{}", missing.join("和")),
                    fix: Fix::Member(m.id),
                })
            })
            .collect(),
    };

    let plan = &ledger.campaign.plan;
    let mut plan_unmet = Vec::new();
    for stage in [Stage::Learning, Stage::Appraisal, Stage::Rectification] {
        let Some(period) = plan.period(stage) else { continue };
        let what = match (period.start, period.end) {
            (None, _) | (_, None) => format!("未填写{}阶段的起止日期", stage.title()),
            (Some(start), Some(end)) if start > end => format!("{}阶段的结束日期早于开始日期", stage.title()),
            _ => continue,
        };
        plan_unmet.push(Unmet {
            member: None,
            what,
            fix: Fix::StagePlan,
        });
    }
    let order = [&plan.learning, &plan.appraisal, &plan.rectification];
    for pair in order.windows(2) {
        if let (Some(end), Some(start)) = (pair[0].end, pair[1].start)
            && start <= end
        {
            plan_unmet.push(Unmet {
                member: None,
                what: "各阶段日期有重叠，后一阶段应在前一阶段结束后开始".to_owned(),
                fix: Fix::StagePlan,
            });
            break;
        }
    }
    let dates = Check {
        label: "各阶段起止日期已确定",
        unmet: plan_unmet,
    };

    vec![facts, enough, category, mobile, dates]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BranchKind;
    use crate::model::member::{Category, Member};

    const TODAY: Date = Date::constant(2006, 1, 1);

    fn member(id: u64, category: Option<Category>) -> Member {
        Member {
            id: MemberId(id),
            name: format!("党员{id}"),
            category,
            ..Member::default()
        }
    }

    fn ready_ledger() -> Ledger {
        let mut ledger = Ledger::default();
        ledger.branch.name = "红星村党支部".into();
        ledger.branch.kind = Some(BranchKind::Rural);
        ledger.branch.superior = "中共城关镇委员会".into();
        ledger.branch.secretary = "王建国".into();
        ledger.branch.organiser = "李秀英".into();
        ledger.members = (1..=3).map(|i| member(i, Some(Category::Farmer))).collect();
        let plan = &mut ledger.campaign.plan;
        plan.learning.start = Some(Date::constant(2005, 11, 15));
        plan.learning.end = Some(Date::constant(2006, 1, 15));
        plan.appraisal.start = Some(Date::constant(2006, 1, 16));
        plan.appraisal.end = Some(Date::constant(2006, 3, 15));
        plan.rectification.start = Some(Date::constant(2006, 3, 16));
        plan.rectification.end = Some(Date::constant(2006, 5, 31));
        ledger
    }

    #[test]
    fn complete_preparation_passes() {
        let gate = gate(&ready_ledger(), Stage::Preparation, TODAY);
        assert!(gate.is_met(), "{gate:#?}");
        assert_eq!(gate.score(), (5, 5));
    }

    #[test]
    fn uncategorised_member_is_listed_and_points_at_the_member() {
        let mut ledger = ready_ledger();
        ledger.members[1].category = None;
        let gate = gate(&ledger, Stage::Preparation, TODAY);
        let check = gate.checks.iter().find(|c| c.label == "每名党员已分类").expect("check");
        assert_eq!(check.unmet.len(), 1);
        assert_eq!(check.unmet[0].fix, Fix::Member(MemberId(2)));
    }

    #[test]
    fn mobile_member_without_contact_is_unmet() {
        let mut ledger = ready_ledger();
        ledger.members[0].category = Some(Category::Mobile);
        ledger.members[0].mobile.whereabouts = "广东省东莞市".into();
        let gate = gate(&ledger, Stage::Preparation, TODAY);
        let unmet: Vec<_> = gate.checks.iter().flat_map(|c| &c.unmet).collect();
        assert_eq!(unmet.len(), 1);
        assert_eq!(unmet[0].what, "流动党员未登记联系方式");
    }

    #[test]
    fn two_full_members_are_not_enough_and_transferred_out_do_not_count() {
        let mut ledger = ready_ledger();
        ledger.members[2].transfer_out = Some(Default::default());
        assert!(!gate(&ledger, Stage::Preparation, TODAY).is_met());
        ledger.members.push(member(9, Some(Category::Retired)));
        ledger.members[3].status = MemberStatus::Probationary;
        assert!(!gate(&ledger, Stage::Preparation, TODAY).is_met());
    }

    #[test]
    fn missing_or_overlapping_dates_are_unmet() {
        let mut ledger = ready_ledger();
        ledger.campaign.plan.appraisal.start = None;
        assert!(!gate(&ledger, Stage::Preparation, TODAY).is_met());
        let mut ledger = ready_ledger();
        ledger.campaign.plan.appraisal.start = Some(Date::constant(2006, 1, 1));
        let gate = gate(&ledger, Stage::Preparation, TODAY);
        assert!(!gate.is_met());
    }

    #[test]
    fn missing_branch_facts_are_listed_by_name() {
        let mut ledger = ready_ledger();
        ledger.branch.secretary.clear();
        ledger.branch.kind = None;
        let gate = gate(&ledger, Stage::Preparation, TODAY);
        let whats: Vec<_> = gate.checks[0].unmet.iter().map(|u| u.what.as_str()).collect();
        assert_eq!(whats, ["未填写支部类型", "未填写支部书记"]);
    }
}
