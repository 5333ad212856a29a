//! The branch's figures (统计数字) as the county office wants them back,
//! by stage: members by category, participation, class hours, opinions,
//! talks, analysis materials, appraisal, rectification and satisfaction.
//!
//! One computation serves the 导出 screen, the export workbook and file,
//! the county roll-up and the stage 3 summary, so they always agree. A
//! stage with no records has no figures at all (`None`), never zeros: the
//! county must be able to tell "not started" from "started, nothing done".
//!
//! Who counts is decided in [`roll`](super::roll): per-member figures
//! count the members on the roll, those transferred out are given apart
//! ([`MemberFigures::transferred_out`]), and branch-level counts (sessions,
//! opinions received and merged, talk cards, branch items) keep every
//! record because it happened.

use serde::{Deserialize, Serialize};

use crate::model::analysis::AnalysisStatus;
use crate::model::appraisal::{Disposition, Grade};
use crate::model::opinion::{Channel, Target};
use crate::model::talk::TalkKind;
use crate::model::{Category, Date, Ledger, MemberId, MemberStatus, Stage};
use crate::progress::appraisal::{Overdue, appraisal_of_all, grade_distribution};
use crate::progress::hours::{hours_of_all, hours_tally};
use crate::progress::roll::{Reflections, Roll};

/// Every figure of one branch on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// The day the figures were made (overdue items are counted on it).
    pub date: Date,
    /// The stage the branch is in.
    pub stage: Stage,
    /// The date of each stage move, oldest first.
    pub moves: Vec<MoveDate>,
    /// The 验收 date of a closed campaign.
    pub closed: Option<Date>,
    pub members: MemberFigures,
    /// 学习动员: `None` while no session, make-up or reflection is recorded.
    pub learning: Option<LearningFigures>,
    /// 分析评议: `None` while no opinion, talk, analysis or appraisal is recorded.
    pub appraisal: Option<AppraisalFigures>,
    /// 整改提高: `None` while no commitment, item, rule or survey is recorded.
    pub rectification: Option<RectificationFigures>,
}

/// One stage move and its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveDate {
    pub from: Stage,
    pub to: Stage,
    pub date: Date,
}

/// The roster (党员情况).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberFigures {
    /// Members on the roll (not transferred out).
    pub total: u32,
    /// 正式党员.
    pub full: u32,
    /// 预备党员.
    pub probationary: u32,
    /// 党员领导干部.
    pub leading_cadres: u32,
    /// 困难党员.
    pub hardship: u32,
    /// Members by category, in [`Category::ALL`] order, every category listed.
    pub by_category: Vec<(Category, u32)>,
    /// Members with no category yet.
    pub uncategorised: u32,
    /// Arrived by transfer (转入) and still here.
    pub transferred_in: u32,
    /// Left by transfer (转出) during the campaign: in no other figure.
    pub transferred_out: u32,
}

/// 学习动员.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningFigures {
    /// Whether the mobilisation meeting (动员大会) is recorded.
    pub mobilisation_held: bool,
    /// Members present at the mobilisation meeting.
    pub mobilisation_present: u32,
    /// Study sessions (not counting the mobilisation meeting).
    pub sessions: u32,
    /// Members who attended at least one session or made up (参学人数).
    pub participants: u32,
    /// Members excused from study (免学).
    pub exempt: u32,
    /// The hours each member needs.
    pub required_hours: f64,
    /// Average class hours of members not excused; `None` with no such member.
    pub average_hours: Option<f64>,
    /// Members who meet the requirement, the excused included (as 学时统计
    /// counts 达标).
    pub members_met: u32,
    /// Make-up hours credited in all.
    pub make_up_hours: f64,
    /// Members credited with any make-up (补学人数).
    pub members_made_up: u32,
    /// Reflections and reading notes received from members on the roll.
    pub reflections: u32,
    /// Members who handed in as many as required, or are excused.
    pub members_reflected: u32,
}

/// 分析评议.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppraisalFigures {
    /// Raw opinions received (征求意见), all targets.
    pub opinions_raw: u32,
    /// Raw opinions by channel, in [`Channel::ALL`] order.
    pub opinions_by_channel: Vec<(Channel, u32)>,
    /// Distinct opinions after merging (梳理为).
    pub opinions_merged: u32,
    /// Distinct opinions about single members on the roll.
    pub member_issues: u32,
    /// Of those: fed back (反馈).
    pub fed_back: u32,
    /// Of those: signed for (签收).
    pub signed: u32,
    /// Of those: past the reply limit without feedback.
    pub feedback_overdue: u32,
    /// Talk cards (谈心卡).
    pub talk_cards: u32,
    /// Talk cards by kind, in [`TalkKind::ALL`] order.
    pub talks_by_kind: Vec<(TalkKind, u32)>,
    /// Average talks per current member; `None` with no members.
    pub talks_average: Option<f64>,
    /// Members with fewer talks than they need.
    pub members_talks_below: u32,
    /// Analysis materials of members on the roll written (at least one draft).
    pub analyses_written: u32,
    /// Of those: reviewed (审阅) at least once.
    pub analyses_reviewed: u32,
    /// Of those: final (定稿).
    pub analyses_final: u32,
    /// Of those: done in a flexible form.
    pub analyses_flexible: u32,
    /// Whether the branch gives grades at all.
    pub grading: bool,
    /// Members by grade, in [`Grade::ALL`] order.
    pub grades: Vec<(Grade, u32)>,
    /// Current members with no grade yet.
    pub ungraded: u32,
    /// Dispositions of unqualified members, in [`Disposition::ALL`] order.
    pub dispositions: Vec<(Disposition, u32)>,
}

/// 整改提高.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RectificationFigures {
    /// Commitments (整改承诺) of members on the roll.
    pub commitments: u32,
    pub commitments_done: u32,
    pub commitments_overdue: u32,
    /// Current members with at least one commitment.
    pub members_committed: u32,
    /// Branch rectification items (整改台账).
    pub branch_items: u32,
    pub branch_items_done: u32,
    pub branch_items_overdue: u32,
    /// Of the branch items: the problems the masses most want solved (群众热盼).
    pub hot_problems: u32,
    pub hot_problems_solved: u32,
    /// Long-term rules adopted (长效机制).
    pub rules: u32,
    /// Members on the roll commended.
    pub commendations: u32,
    /// Every survey round, oldest first.
    pub surveys: Vec<SurveyFigure>,
    /// The rate below which the branch must do make-up work and survey again.
    pub satisfaction_threshold: f64,
}

/// One round of the satisfaction survey.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SurveyFigure {
    pub date: Date,
    /// Valid ballots.
    pub valid: u32,
    /// 满意率 in percent under the campaign's settings; `None` with no valid ballot.
    pub rate: Option<f64>,
}

impl RectificationFigures {
    /// The newest survey's rate, the one the county looks at.
    pub fn latest_rate(&self) -> Option<f64> {
        self.surveys.iter().max_by_key(|s| s.date).and_then(|s| s.rate)
    }
}

/// The figures of `ledger` on `today`.
pub fn figures(ledger: &Ledger, today: Date) -> Figures {
    let roll = Roll::of(ledger);
    Figures {
        date: today,
        stage: ledger.campaign.stage,
        moves: ledger
            .campaign
            .moves
            .iter()
            .map(|m| MoveDate {
                from: m.from,
                to: m.to,
                date: m.date,
            })
            .collect(),
        closed: ledger.campaign.closing.as_ref().map(|c| c.accepted),
        members: member_figures(ledger, &roll),
        learning: learning_figures(ledger, &roll),
        appraisal: appraisal_figures(ledger, &roll, Some(today)),
        rectification: rectification_figures(ledger, &roll, Some(today)),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The roster's figures.
pub(crate) fn member_figures(ledger: &Ledger, roll: &Roll) -> MemberFigures {
    let current: Vec<_> = ledger.members.iter().filter(|m| roll.counts(m.id)).collect();
    let with = |f: &dyn Fn(&crate::model::Member) -> bool| count(current.iter().filter(|m| f(m)).count());
    MemberFigures {
        total: count(current.len()),
        full: with(&|m| m.status == MemberStatus::Full),
        probationary: with(&|m| m.status == MemberStatus::Probationary),
        leading_cadres: with(&|m| m.leading_cadre),
        hardship: with(&|m| m.hardship),
        by_category: Category::ALL
            .into_iter()
            .map(|c| (c, with(&|m| m.category == Some(c))))
            .collect(),
        uncategorised: with(&|m| m.category.is_none()),
        transferred_in: with(&|m| m.transfer_in.is_some()),
        transferred_out: count(roll.transferred_out()),
    }
}

/// 学习动员's figures; `None` while the stage has no records.
pub(crate) fn learning_figures(ledger: &Ledger, roll: &Roll) -> Option<LearningFigures> {
    let study = &ledger.study;
    if study.sessions.is_empty() && study.make_ups.is_empty() && study.reflections.is_empty() {
        return None;
    }
    let hours = hours_tally(roll, &hours_of_all(ledger));
    let mobilisation = study.mobilisation();
    let reflections = Reflections::of(ledger, roll);
    Some(LearningFigures {
        mobilisation_held: mobilisation.is_some(),
        mobilisation_present: mobilisation.map_or(0, |s| {
            count(
                s.attendance
                    .iter()
                    .filter(|(id, a)| roll.counts(**id) && !a.missed())
                    .count(),
            )
        }),
        sessions: count(
            study
                .sessions
                .iter()
                .filter(|s| s.kind == crate::model::study::SessionKind::Study)
                .count(),
        ),
        participants: count(hours.participants),
        exempt: count(hours.exempt),
        required_hours: ledger.campaign.settings.required_hours,
        average_hours: hours.average,
        members_met: count(hours.met),
        make_up_hours: hours.made_up_hours,
        members_made_up: count(hours.made_up_members),
        reflections: count(reflections.total()),
        members_reflected: count(
            ledger
                .members
                .iter()
                .filter(|m| roll.counts(m.id) && reflections.met(m.id))
                .count(),
        ),
    })
}

/// 分析评议's figures; `None` while the stage has no records. Without
/// `today` nothing is counted overdue.
pub(crate) fn appraisal_figures(ledger: &Ledger, roll: &Roll, today: Option<Date>) -> Option<AppraisalFigures> {
    let opinions = &ledger.opinions;
    let appraisal = &ledger.appraisal;
    if opinions.opinions.is_empty()
        && opinions.issues.is_empty()
        && ledger.talks.is_empty()
        && ledger.analyses.is_empty()
        && appraisal.rounds.is_empty()
        && appraisal.results.is_empty()
    {
        return None;
    }
    let standings: Vec<_> = appraisal_of_all(ledger, today)
        .into_iter()
        .filter(|a| roll.counts(a.member))
        .collect();
    let member_issues: Vec<_> = opinions
        .issues
        .iter()
        .filter(|i| matches!(i.about, Target::Member(id) if roll.counts(id)))
        .collect();
    let written: Vec<_> = ledger
        .analyses
        .iter()
        .filter(|a| !a.revisions.is_empty() && roll.counts(a.member))
        .collect();
    let overdue = today.map(|today| (Overdue::of(ledger), today));
    let (grades, ungraded) = grade_distribution(ledger);
    let results_of_current = appraisal.results.iter().filter(|r| roll.counts(r.member));
    let dispositions = Disposition::ALL
        .into_iter()
        .map(|d| {
            (
                d,
                count(results_of_current.clone().filter(|r| r.disposition == Some(d)).count()),
            )
        })
        .collect();
    Some(AppraisalFigures {
        opinions_raw: count(opinions.opinions.len()),
        opinions_by_channel: Channel::ALL
            .into_iter()
            .map(|c| (c, count(opinions.opinions.iter().filter(|o| o.channel == c).count())))
            .collect(),
        opinions_merged: count(opinions.issues.len()),
        member_issues: count(member_issues.len()),
        fed_back: count(member_issues.iter().filter(|i| i.fed_back.is_some()).count()),
        signed: count(member_issues.iter().filter(|i| i.signed.is_some()).count()),
        feedback_overdue: count(
            member_issues
                .iter()
                .filter(|i| overdue.as_ref().is_some_and(|(o, today)| o.is_overdue(i, *today)))
                .count(),
        ),
        talk_cards: count(ledger.talks.len()),
        talks_by_kind: TalkKind::ALL
            .into_iter()
            .map(|k| (k, count(ledger.talks.iter().filter(|t| t.kind == k).count())))
            .collect(),
        talks_average: (!standings.is_empty())
            .then(|| f64::from(standings.iter().map(|a| a.talks).sum::<u32>()) / standings.len() as f64),
        members_talks_below: count(standings.iter().filter(|a| !a.talks_met()).count()),
        analyses_written: count(written.len()),
        analyses_reviewed: count(written.iter().filter(|a| !a.reviews.is_empty()).count()),
        analyses_final: count(written.iter().filter(|a| a.status == AnalysisStatus::Final).count()),
        analyses_flexible: count(written.iter().filter(|a| a.flexible.is_some()).count()),
        grading: ledger.campaign.settings.grading,
        grades: Grade::ALL.into_iter().zip(grades).collect(),
        ungraded,
        dispositions,
    })
}

/// 整改提高's figures; `None` while the stage has no records. Without
/// `today` nothing is counted overdue.
pub(crate) fn rectification_figures(ledger: &Ledger, roll: &Roll, today: Option<Date>) -> Option<RectificationFigures> {
    let records = &ledger.rectification;
    if records.commitments.is_empty()
        && records.branch_items.is_empty()
        && records.rules.is_empty()
        && records.surveys.is_empty()
        && records.commendations.is_empty()
    {
        return None;
    }
    use crate::model::rectification::ItemStatus::Done;
    let commitments: Vec<_> = records.commitments.iter().filter(|c| roll.counts(c.member)).collect();
    let committed: std::collections::HashSet<MemberId> = commitments.iter().map(|c| c.member).collect();
    let hot: Vec<_> = records.branch_items.iter().filter(|i| i.hot).collect();
    let which = &ledger.campaign.settings.satisfied_counts;
    // In the order `latest_survey` reads them, so that the newest round
    // here is the one the summary and the gate speak of.
    let mut rounds: Vec<_> = records.surveys.iter().collect();
    rounds.sort_by_key(|s| (s.date, s.id));
    let surveys: Vec<SurveyFigure> = rounds
        .into_iter()
        .map(|s| SurveyFigure {
            date: s.date,
            valid: s.counts.valid(),
            rate: s.counts.rate(which),
        })
        .collect();
    Some(RectificationFigures {
        commitments: count(commitments.len()),
        commitments_done: count(commitments.iter().filter(|c| c.status == Done).count()),
        commitments_overdue: count(
            commitments
                .iter()
                .filter(|c| today.is_some_and(|today| c.is_overdue(today)))
                .count(),
        ),
        members_committed: count(committed.len()),
        branch_items: count(records.branch_items.len()),
        branch_items_done: count(records.branch_items.iter().filter(|i| i.status == Done).count()),
        branch_items_overdue: count(
            records
                .branch_items
                .iter()
                .filter(|i| today.is_some_and(|today| i.is_overdue(today)))
                .count(),
        ),
        hot_problems: count(hot.len()),
        hot_problems_solved: count(hot.iter().filter(|i| i.status == Done).count()),
        rules: count(records.rules.len()),
        commendations: count(records.commendations.iter().filter(|c| roll.counts(c.member)).count()),
        surveys,
        satisfaction_threshold: ledger.campaign.settings.satisfaction_threshold,
    })
}

#[cfg(test)]
#[path = "figures_tests.rs"]
pub(crate) mod tests;
