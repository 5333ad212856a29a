//! Stage 3 begun early, as branches did: the first members' commitments
//! (some done, some under way), the branch's rectification items for the
//! problems the masses most want solved (修路、供水) and things fixed at
//! once (立说立行), and one long-term rule. No satisfaction survey yet.

use super::analysis_text;
use super::{Demo, STORY_DAY};
use crate::model::analysis::AnalysisStatus;
use crate::model::opinion::Target;
use crate::model::rectification::{BranchItem, Commitment, ItemStatus, Rule};
use crate::model::{BranchItemId, CommitmentId, Date, RuleId};

/// A branch item: (the opinion it answers, measure, hot, immediate, status, result).
const ITEMS: &[(&str, &str, bool, bool, ItemStatus, &str)] = &[
    (
        "村东三组到镇上的道路",
        "争取镇交通办支持，村集体出资、群众投工投劳，硬化村东三组至镇上道路 1.8 公里。",
        true,
        false,
        ItemStatus::InProgress,
        "已完成路基平整，水泥和石料已落实，计划两个月内完工。",
    ),
    (
        "自来水管网老化",
        "更换主管道 800 米，增设加压泵一台，夏季用水高峰前完工。",
        true,
        false,
        ItemStatus::NotStarted,
        "",
    ),
    (
        "村务公开不及时",
        "重新制作村务公开栏，每月 5 日前公开上月财务收支，设立群众查账日。",
        false,
        true,
        ItemStatus::Done,
        "公开栏已更新，2006-03-05 公开了近三年的财务收支明细，群众反映良好。",
    ),
    (
        "“三会一课”坚持得不好",
        "制定“三会一课”制度，每月固定一天为党员活动日，书记每季度讲一次党课。",
        false,
        true,
        ItemStatus::InProgress,
        "制度已经支委会通过，2006-03-10 开展了第一次党员活动日。",
    ),
];

/// Records the rectification begun so far.
pub(super) fn build(d: &mut Demo) {
    commitments(d);
    branch_items(d);
    let rule = Rule {
        id: RuleId(d.id()),
        name: "党员联系农户制度".to_owned(),
        adopted: Some(Date::constant(2006, 3, 8)),
        summary: "每名有劳动能力的党员联系三至五户农户，每月至少走访一次，了解群众的困难和意见，\
                  及时向支部汇报；支部每季度检查一次联系情况，作为民主评议党员的重要依据。"
            .to_owned(),
    };
    d.ledger.rectification.rules.push(rule);
}

fn commitments(d: &mut Demo) {
    let secretary = d.secretary();
    let mut ready = Vec::new();
    for a in &d.ledger.analyses {
        if a.status == AnalysisStatus::Final && a.flexible.is_none() && d.rng.chance(0.6) {
            ready.push((a.member, a.problems.clone()));
        }
    }
    for (member, problems) in ready {
        let name = d.ledger.member_name(member).to_owned();
        let count = d.rng.range(1, 2) as usize;
        for problem in problems.iter().take(count) {
            let status = match d.rng.below(10) {
                0..=3 => ItemStatus::NotStarted,
                4..=7 => ItemStatus::InProgress,
                _ => ItemStatus::Done,
            };
            let done = status == ItemStatus::Done;
            let deadline = if d.rng.chance(0.5) {
                Date::constant(2006, 4, 30)
            } else {
                Date::constant(2006, 5, 31)
            };
            let commitment = Commitment {
                id: CommitmentId(d.id()),
                member,
                problem: problem.text.clone(),
                measure: analysis_text::measure(problem.aspect).to_owned(),
                deadline: Some(deadline),
                responsible: name.clone(),
                status,
                completed: done.then_some(Date::constant(2006, 3, 8)),
                evidence: if done {
                    "支部检查核实，群众认可。".to_owned()
                } else {
                    String::new()
                },
                verified_by: if done { secretary.clone() } else { String::new() },
                source: "党性分析".to_owned(),
                note: String::new(),
            };
            d.ledger.rectification.commitments.push(commitment);
        }
    }
}

fn branch_items(d: &mut Demo) {
    let secretary = d.secretary();
    for &(about, measure, hot, immediate, status, result) in ITEMS {
        let source = d
            .ledger
            .opinions
            .issues
            .iter()
            .find(|i| i.about == Target::Branch && i.content.contains(about))
            .map(|i| (i.id, i.content.trim_end_matches('。').to_owned()));
        let Some((issue, problem)) = source else {
            continue;
        };
        let done = status == ItemStatus::Done;
        let item = BranchItem {
            id: BranchItemId(d.id()),
            problem,
            sources: vec![issue],
            measure: measure.to_owned(),
            responsible: secretary.clone(),
            deadline: Some(if immediate {
                Date::constant(2006, 3, 10)
            } else {
                Date::constant(2006, 5, 31)
            }),
            status,
            result: result.to_owned(),
            immediate,
            hot,
            completed: done.then_some(Date::constant(2006, 3, 5)).filter(|c| *c <= STORY_DAY),
            note: String::new(),
        };
        d.ledger.rectification.branch_items.push(item);
    }
}
