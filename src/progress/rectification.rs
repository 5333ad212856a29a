//! Facts of the rectification stage, derived from the records: each
//! member's commitments (made, done, overdue), the items overdue or due
//! soon, the problems a member could commit to fix (from their analysis,
//! the opinions about them and their appraisal), the satisfaction of the
//! newest survey, and the stage's look-back checks.

use std::collections::HashMap;

use crate::model::opinion::Target;
use crate::model::rectification::{ItemStatus, Survey, is_due_soon};
use crate::model::rectification_rules::DUE_SOON_DAYS;
use crate::model::{BranchItemId, CommitmentId, Date, Ledger, MemberId};
use crate::progress::gate::{Check, Fix, Unmet};

/// One member's commitments, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MemberCommitments {
    pub total: u32,
    pub done: u32,
    pub overdue: u32,
    /// Overdue without a written note (说明).
    pub overdue_unexplained: u32,
    pub due_soon: u32,
}

/// Every member's commitment counts, by member.
pub fn commitment_counts(ledger: &Ledger, today: Date) -> HashMap<MemberId, MemberCommitments> {
    let mut counts: HashMap<MemberId, MemberCommitments> = HashMap::new();
    for c in &ledger.rectification.commitments {
        let entry = counts.entry(c.member).or_default();
        entry.total += 1;
        entry.done += u32::from(c.status == ItemStatus::Done);
        if c.is_overdue(today) {
            entry.overdue += 1;
            entry.overdue_unexplained += u32::from(c.note.trim().is_empty());
        }
        entry.due_soon += u32::from(is_due_soon(c.deadline, c.status, today, DUE_SOON_DAYS));
    }
    counts
}

/// Which record an overdue or due-soon item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueRecord {
    Commitment(MemberId, CommitmentId),
    BranchItem(BranchItemId),
}

/// An unfinished item whose deadline has passed or is near.
#[derive(Debug, Clone, PartialEq)]
pub struct DueItem {
    pub record: DueRecord,
    pub problem: String,
    pub deadline: Date,
    /// Past its deadline (逾期) rather than near it (临期).
    pub overdue: bool,
    /// Whether a note explains it.
    pub explained: bool,
}

/// Every overdue and due-soon item, overdue first, then by deadline.
pub fn due_items(ledger: &Ledger, today: Date) -> Vec<DueItem> {
    let mut items = Vec::new();
    let r = &ledger.rectification;
    let active: std::collections::HashSet<MemberId> = ledger.current_members().map(|m| m.id).collect();
    for c in r.commitments.iter().filter(|c| active.contains(&c.member)) {
        let Some(deadline) = c.deadline else { continue };
        let overdue = c.is_overdue(today);
        if overdue || is_due_soon(c.deadline, c.status, today, DUE_SOON_DAYS) {
            items.push(DueItem {
                record: DueRecord::Commitment(c.member, c.id),
                problem: c.problem.clone(),
                deadline,
                overdue,
                explained: !c.note.trim().is_empty(),
            });
        }
    }
    for item in &r.branch_items {
        let Some(deadline) = item.deadline else { continue };
        let overdue = item.is_overdue(today);
        if overdue || is_due_soon(item.deadline, item.status, today, DUE_SOON_DAYS) {
            items.push(DueItem {
                record: DueRecord::BranchItem(item.id),
                problem: item.problem.clone(),
                deadline,
                overdue,
                explained: !item.note.trim().is_empty(),
            });
        }
    }
    items.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(a.deadline.cmp(&b.deadline)));
    items
}

/// Overdue and due-soon counts, for the navigation (the same items as
/// [`due_items`], counted without copying them: it runs every frame).
pub fn due_counts(ledger: &Ledger, today: Date) -> (usize, usize) {
    let r = &ledger.rectification;
    let mut counts = (0, 0);
    let mut add = |deadline: Option<Date>, status: ItemStatus| {
        if crate::model::rectification::is_overdue(deadline, status, today) {
            counts.0 += 1;
        } else if is_due_soon(deadline, status, today, DUE_SOON_DAYS) {
            counts.1 += 1;
        }
    };
    let active: std::collections::HashSet<MemberId> = ledger.current_members().map(|m| m.id).collect();
    for c in r.commitments.iter().filter(|c| active.contains(&c.member)) {
        add(c.deadline, c.status);
    }
    for item in &r.branch_items {
        add(item.deadline, item.status);
    }
    counts
}

/// Where a suggested problem came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionSource {
    /// The member's party-spirit analysis (查找的问题).
    Analysis,
    /// A distinct opinion about the member (群众意见).
    Opinion,
    /// The branch's appraisal opinion of the member (评议意见).
    Appraisal,
}

impl SuggestionSource {
    pub fn label(self) -> &'static str {
        match self {
            SuggestionSource::Analysis => "党性分析",
            SuggestionSource::Opinion => "群众意见",
            SuggestionSource::Appraisal => "民主评议",
        }
    }
}

/// A problem the member could commit to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub source: SuggestionSource,
    pub problem: String,
    /// A commitment with this problem already exists.
    pub taken: bool,
}

/// The problems found for a member in stage 2, each once, marked when a
/// commitment already names it.
pub fn suggestions(ledger: &Ledger, member: MemberId) -> Vec<Suggestion> {
    let mut found: Vec<(SuggestionSource, String)> = Vec::new();
    if let Some(analysis) = ledger.analyses.iter().find(|a| a.member == member) {
        for p in &analysis.problems {
            found.push((SuggestionSource::Analysis, p.text.trim().to_owned()));
        }
    }
    for issue in ledger
        .opinions
        .issues
        .iter()
        .filter(|i| i.about == Target::Member(member))
    {
        found.push((SuggestionSource::Opinion, issue.content.trim().to_owned()));
    }
    if let Some(result) = ledger.appraisal.result(member) {
        let opinion = result.branch_opinion.trim();
        if !opinion.is_empty() && result.disposition.is_some() {
            found.push((SuggestionSource::Appraisal, opinion.to_owned()));
        }
    }
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|(_, p)| !p.is_empty() && seen.insert(p.clone()))
        .map(|(source, problem)| Suggestion {
            taken: ledger
                .rectification
                .commitments
                .iter()
                .any(|c| c.member == member && c.problem.trim() == problem),
            source,
            problem,
        })
        .collect()
}

/// The newest survey round and its rate under the campaign's settings.
pub fn latest_rate(ledger: &Ledger) -> Option<(&Survey, f64)> {
    let survey = ledger.rectification.latest_survey()?;
    let rate = survey.rate(&ledger.campaign.settings.satisfied_counts)?;
    Some((survey, rate))
}

/// Whether `rate` meets the campaign's threshold.
pub fn meets_threshold(ledger: &Ledger, rate: f64) -> bool {
    // A rate shown as 60.0 % meets a 60 % threshold.
    (rate * 10.0).round() >= (ledger.campaign.settings.satisfaction_threshold * 10.0).round()
}

/// The checks that close the rectification stage (and the campaign).
pub fn rectification_checks(ledger: &Ledger, today: Date) -> Vec<Check> {
    let counts = commitment_counts(ledger, today);
    let without: Vec<Unmet> = ledger
        .current_members()
        .filter(|m| counts.get(&m.id).is_none_or(|c| c.total == 0))
        .map(|m| Unmet {
            member: Some(m.id),
            what: "没有整改承诺".to_owned(),
            fix: Fix::Commitments(Some(m.id)),
        })
        .collect();
    let late: Vec<Unmet> = due_items(ledger, today)
        .into_iter()
        .filter(|i| i.overdue && !i.explained)
        .map(|i| match i.record {
            DueRecord::Commitment(member, _) => Unmet {
                member: Some(member),
                what: format!(
                    "“{}”已逾期（时限 {}），未写说明",
                    short(&i.problem),
                    crate::model::dates::show(i.deadline)
                ),
                fix: Fix::Commitments(Some(member)),
            },
            DueRecord::BranchItem(_) => Unmet {
                member: None,
                what: format!(
                    "整改事项“{}”已逾期（时限 {}），未写说明",
                    short(&i.problem),
                    crate::model::dates::show(i.deadline)
                ),
                fix: Fix::BranchPlan,
            },
        })
        .collect();
    let r = &ledger.rectification;
    let hot: Vec<_> = r.branch_items.iter().filter(|i| i.hot).collect();
    let hot_unmet = if hot.iter().any(|i| i.status == ItemStatus::Done) {
        Vec::new()
    } else {
        vec![Unmet {
            member: None,
            what: if hot.is_empty() {
                "尚未确定群众热盼解决的突出问题".to_owned()
            } else {
                format!("确定的 {} 个群众热盼问题都还没有解决", hot.len())
            },
            fix: Fix::BranchPlan,
        }]
    };
    let threshold = ledger.campaign.settings.satisfaction_threshold;
    let survey_unmet = match latest_rate(ledger) {
        Some((_, rate)) if meets_threshold(ledger, rate) => Vec::new(),
        Some((survey, rate)) => vec![Unmet {
            member: None,
            what: format!(
                "{} 的测评满意率 {rate:.1}%，低于 {threshold}%：须补课整改后重新测评",
                crate::model::dates::show(survey.date)
            ),
            fix: Fix::Survey,
        }],
        None => vec![Unmet {
            member: None,
            what: "尚未进行群众满意度测评".to_owned(),
            fix: Fix::Survey,
        }],
    };
    let rules_unmet = if r.rules.is_empty() {
        vec![Unmet {
            member: None,
            what: "尚未登记建立的长效机制".to_owned(),
            fix: Fix::Rules,
        }]
    } else {
        Vec::new()
    };
    let summary_unmet = if r.summary.trim().is_empty() {
        vec![Unmet {
            member: None,
            what: "尚未撰写工作总结".to_owned(),
            fix: Fix::Summary,
        }]
    } else {
        Vec::new()
    };
    vec![
        Check {
            label: "每名党员都有整改承诺",
            unmet: without,
        },
        Check {
            label: "逾期未完成的事项都有说明",
            unmet: late,
        },
        Check {
            label: "至少解决一个群众热盼的突出问题",
            unmet: hot_unmet,
        },
        Check {
            label: "群众满意度测评达到标准",
            unmet: survey_unmet,
        },
        Check {
            label: "建立了长效机制",
            unmet: rules_unmet,
        },
        Check {
            label: "写出工作总结",
            unmet: summary_unmet,
        },
    ]
}

/// The first words of a long problem, for a one-line list.
pub fn short(text: &str) -> String {
    const SHOWN: usize = 24;
    let text = text.trim();
    if text.chars().count() <= SHOWN {
        return text.to_owned();
    }
    let head: String = text.chars().take(SHOWN).collect();
    format!("{head}…")
}

#[cfg(test)]
mod tests;
