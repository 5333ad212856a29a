//! The story carried on to the end of the rectification stage (for
//! `zhibu demo --stage rectification`): the move into the stage, a
//! commitment for every member with most of them done, the branch items
//! finished, a second rule, a first survey round under the threshold and a
//! second one above it after make-up work, the outstanding members
//! commended. The summary is left for the secretary (the screen drafts it).

use std::collections::{HashMap, HashSet};

use super::{Demo, RECTIFICATION, SUPERVISOR, add_days};
use crate::model::appraisal::Grade;
use crate::model::campaign::Override;
use crate::model::opinion::Target;
use crate::model::rectification::{Commendation, Commitment, ItemStatus, Rule, Survey, SurveyCounts, SurveyItem};
use crate::model::{CommitmentId, Date, Ledger, MemberId, RuleId, Stage, StageMove, SurveyId};
use crate::progress::rectification::SuggestionSource;

/// The last day the finished story records anything (the second survey).
pub(super) const LAST_DAY: Date = Date::constant(2006, 5, 30);

pub(super) fn build(d: &mut Demo) {
    move_into_rectification(d);
    commitments(d);
    for item in &mut d.ledger.rectification.branch_items {
        if item.status != ItemStatus::Done {
            item.status = ItemStatus::Done;
            item.completed = Some(Date::constant(2006, 5, 20));
            if item.result.is_empty() {
                item.result = "已按方案完成，经群众代表验收。".to_owned();
            }
        }
    }
    let rule = Rule {
        id: RuleId(d.id()),
        name: "村务公开和民主管理制度".to_owned(),
        adopted: Some(Date::constant(2006, 4, 12)),
        summary: "每月 5 日前公开上月财务收支，每季度召开一次村民代表会议听取意见，重大事项实行“四议两公开”。"
            .to_owned(),
    };
    d.ledger.rectification.rules.push(rule);
    surveys(d);
    let excellent: Vec<_> = d
        .ledger
        .appraisal
        .results
        .iter()
        .filter(|r| r.grade == Some(Grade::Excellent))
        .map(|r| r.member)
        .collect();
    for member in excellent {
        d.ledger.rectification.commendations.push(Commendation {
            member,
            date: Some(Date::constant(2006, 5, 28)),
            title: "优秀共产党员".to_owned(),
        });
    }
    d.ledger.rectification.made_public = Some(Date::constant(2006, 3, 25));
}

fn move_into_rectification(d: &mut Demo) {
    let gate = crate::progress::gate(&d.ledger, Stage::Appraisal, RECTIFICATION.0);
    let overrides = gate
        .checks
        .iter()
        .filter(|c| !c.is_met())
        .map(|c| Override {
            check: c.label.to_owned(),
            unmet: c.unmet.len() as u32,
            reason: "流动党员常年在外、个别老党员卧病在床，已由支委上门补课，相关材料在整改阶段补齐。".to_owned(),
        })
        .collect();
    d.ledger.campaign.moves.push(StageMove {
        from: Stage::Appraisal,
        to: Stage::Rectification,
        date: RECTIFICATION.0,
        approver: format!("{SUPERVISOR}（县委第三督导组组长）"),
        overrides,
        note: "分析评议阶段各环节基本到位，同意转入整改提高阶段。".to_owned(),
    });
    d.ledger.campaign.stage = Stage::Rectification;
}

fn commitments(d: &mut Demo) {
    let members: Vec<_> = d.ledger.current_members().map(|m| (m.id, m.name.clone())).collect();
    let secretary = d.secretary();
    let has: HashSet<MemberId> = d.ledger.rectification.commitments.iter().map(|c| c.member).collect();
    let found = first_problems(&d.ledger);
    for (member, name) in members {
        if !has.contains(&member) {
            let (problem, source) = found
                .get(&member)
                .map(|(problem, source)| (problem.clone(), source.label().to_owned()))
                .unwrap_or_else(|| ("参加组织生活不够经常，发挥作用不够明显".to_owned(), String::new()));
            let id = CommitmentId(d.id());
            d.ledger.rectification.commitments.push(Commitment {
                id,
                member,
                problem,
                measure: "按时参加“三会一课”，每季度向支部汇报一次思想和工作情况，联系两户群众。".to_owned(),
                deadline: Some(Date::constant(2006, 5, 31)),
                responsible: name,
                source,
                ..Commitment::default()
            });
        }
    }
    for c in &mut d.ledger.rectification.commitments {
        if c.status != ItemStatus::Done && d.rng.chance(0.85) {
            c.status = ItemStatus::Done;
            c.completed = Some(add_days(Date::constant(2006, 4, 20), d.rng.range(0, 35)));
            c.evidence = "支部检查核实，联系群众签字认可。".to_owned();
            c.verified_by = secretary.clone();
        } else if c.status != ItemStatus::Done {
            c.status = ItemStatus::InProgress;
            c.note = "外出务工，已与支部约定回村后完成，支委负责督促。".to_owned();
        }
    }
}

/// Each member's first problem found in stage 2, as
/// [`suggestions`](crate::progress::rectification::suggestions) lists them
/// first: the first analysis's problems, then the opinions about them, then
/// the appraisal's opinion where it led to a disposition. Built in one pass
/// over the records; asking `suggestions` member by member scans them all
/// for each, which at 100,000 members takes hours.
pub(super) fn first_problems(ledger: &Ledger) -> HashMap<MemberId, (String, SuggestionSource)> {
    let mut found: HashMap<MemberId, (String, SuggestionSource)> = HashMap::new();
    let mut analysed = HashSet::new();
    for a in &ledger.analyses {
        // Only a member's first analysis counts, as `suggestions` finds it.
        if !analysed.insert(a.member) {
            continue;
        }
        if let Some(p) = a.problems.iter().map(|p| p.text.trim()).find(|p| !p.is_empty()) {
            found.insert(a.member, (p.to_owned(), SuggestionSource::Analysis));
        }
    }
    for issue in &ledger.opinions.issues {
        let (Target::Member(member), content) = (issue.about, issue.content.trim()) else {
            continue;
        };
        if !content.is_empty() {
            found
                .entry(member)
                .or_insert_with(|| (content.to_owned(), SuggestionSource::Opinion));
        }
    }
    for (member, result) in ledger.appraisal.results_by_member() {
        let opinion = result.branch_opinion.trim();
        if !opinion.is_empty() && result.disposition.is_some() {
            found
                .entry(member)
                .or_insert_with(|| (opinion.to_owned(), SuggestionSource::Appraisal));
        }
    }
    found
}

fn surveys(d: &mut Demo) {
    let respondents = "村民代表、村民小组长和部分群众".to_owned();
    // Each item and how it fares against the overall answer, in votes
    // moved towards 满意 (the roads and water were what people minded).
    let items = [("学习教育", 4), ("整改措施落实", 0), ("为群众办实事", -4)];
    let round = |d: &mut Demo, date: Date, counts: SurveyCounts, note: &str| {
        let returned = counts.total();
        let items = items
            .iter()
            .map(|&(name, lean)| {
                // Leans 4 apart and ±1 of chance: no two items alike.
                let votes = lean + d.rng.range(-1, 1);
                SurveyItem {
                    name: name.to_owned(),
                    counts: leaning(counts, votes),
                }
            })
            .collect();
        Survey {
            id: SurveyId(d.id()),
            date,
            respondents: respondents.clone(),
            issued: returned + 2,
            returned,
            note: note.to_owned(),
            counts,
            items,
        }
    };
    let first = round(
        d,
        Date::constant(2006, 5, 10),
        SurveyCounts {
            satisfied: 18,
            fairly: 9,
            basically: 4,
            unsatisfied: 25,
            invalid: 2,
        },
        "群众对道路和饮水问题意见集中，满意率未达到 60%。",
    );
    let second = round(
        d,
        LAST_DAY,
        SurveyCounts {
            satisfied: 31,
            fairly: 16,
            basically: 6,
            unsatisfied: 3,
            invalid: 2,
        },
        "针对第一轮测评意见补课整改：道路硬化通车，自来水主管道更换完毕，重新测评。",
    );
    d.ledger.rectification.surveys.extend([first, second]);
}

/// `overall` with `votes` ballots moved from 不满意 (then 基本满意) to
/// 满意, or, when negative, from 满意 (then 比较满意) to 不满意: an item's
/// own answers on the same ballots, so its counts add up to the same
/// number returned, the invalid ballots the same.
fn leaning(overall: SurveyCounts, votes: i64) -> SurveyCounts {
    let mut c = overall;
    for _ in 0..votes.unsigned_abs() {
        let from = if votes > 0 {
            if c.unsatisfied > 0 {
                &mut c.unsatisfied
            } else if c.basically > 0 {
                &mut c.basically
            } else {
                break;
            }
        } else if c.satisfied > 0 {
            &mut c.satisfied
        } else if c.fairly > 0 {
            &mut c.fairly
        } else {
            break;
        };
        *from -= 1;
        if votes > 0 {
            c.satisfied += 1;
        } else {
            c.unsatisfied += 1;
        }
    }
    c
}
