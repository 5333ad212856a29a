//! Stage 2, link 3 of the demo: party-spirit analysis materials of 3,000
//! to 5,000 characters, some revised two or three times after review, a
//! few final, one dictated by an old member and written down by a
//! committee member; each with its problems listed by aspect.

use std::collections::HashMap;

use super::analysis_text::{self, ASPECTS};
use super::{APPRAISAL, Demo, STORY_DAY, TOWN_LEADER, add_days, whole_years};
use crate::model::analysis::{Analysis, AnalysisProblem, AnalysisStatus, FlexibleForm, Revision};
use crate::model::opinion::Target;
use crate::model::talk::Review;
use crate::model::{AnalysisId, Date, MemberId};

const FIRST_DRAFT: (Date, Date) = (Date::constant(2006, 2, 6), Date::constant(2006, 2, 12));

const FIRST_REVIEWS: &[&str] = &[
    "问题查摆比较具体，但根源剖析还不够深刻，请进一步修改。",
    "对照群众意见查找问题不够，请把征求到的意见逐条对照补充。",
    "整改方向写得比较笼统，请把措施和时限写具体。",
];
const FINAL_REVIEW: &str = "问题找得准，原因分析透，努力方向明确，同意定稿。";

/// Records an analysis material for most members.
pub(super) fn build(d: &mut Demo) {
    let mut heard: HashMap<MemberId, Vec<String>> = HashMap::new();
    for issue in &d.ledger.opinions.issues {
        if let Target::Member(id) = issue.about {
            heard
                .entry(id)
                .or_default()
                .push(issue.content.trim_end_matches('。').to_owned());
        }
    }
    let secretary = d.secretary();
    let organiser = d.organiser();
    for i in d.active_on(APPRAISAL.0) {
        if d.traits[i].unreachable || (!d.traits[i].flexible && d.rng.chance(0.05)) {
            continue;
        }
        let member = &d.ledger.members[i];
        let reviewer = if member.committee {
            format!("{TOWN_LEADER}（镇党委副书记）")
        } else {
            secretary.clone()
        };
        let id = member.id;
        let analysis = if d.traits[i].flexible {
            oral(d, id, &organiser, &reviewer)
        } else {
            // 党龄 rather than the year of joining: it stays right when the
            // story is moved to another year (module `around`).
            let about_me = format!(
                "我是{}，有 {} 年党龄。",
                member.position,
                member.joined.map_or(25, |j| whole_years(j, STORY_DAY))
            );
            let cadre = member.leading_cadre;
            let opinions: Vec<&str> = heard
                .get(&id)
                .map_or(Vec::new(), |v| v.iter().map(String::as_str).collect());
            written(d, id, &about_me, &opinions, cadre, &reviewer)
        };
        d.ledger.analyses.push(analysis.into());
    }
}

fn written(d: &mut Demo, member: MemberId, about_me: &str, opinions: &[&str], cadre: bool, reviewer: &str) -> Analysis {
    let rng = &mut d.rng;
    let target = if cadre {
        5100 + rng.below(500)
    } else if rng.chance(0.03) {
        // Too short: the review asks for more.
        2300 + rng.below(500)
    } else {
        3100 + rng.below(1500)
    };
    let (status, revisions, reviews) = match rng.below(20) {
        0..=3 => (AnalysisStatus::Draft, 1, 0),
        4..=5 => (AnalysisStatus::Draft, 2, 1),
        6..=10 => (AnalysisStatus::Reviewed, 1, 1),
        11..=15 => (AnalysisStatus::Reviewed, 2, 2),
        16..=18 => (AnalysisStatus::Final, 2, 2),
        _ => (AnalysisStatus::Final, 3, 3),
    };
    let mut date = d.day_between(FIRST_DRAFT.0, FIRST_DRAFT.1);
    let mut analysis = Analysis {
        id: AnalysisId(d.id()),
        member,
        status,
        ..Analysis::default()
    };
    for r in 0..revisions {
        let last = r + 1 == revisions;
        // Earlier drafts were shorter; only the current one is complete.
        let length = if last { target } else { target * 4 / 5 };
        let note = match (r, last) {
            (0, _) => "初稿",
            (_, true) if status == AnalysisStatus::Final => "定稿",
            _ => "根据审阅意见修改",
        };
        // Many wrote their first drafts by hand; only the length is kept.
        let revision = if !last && d.rng.chance(0.5) {
            Revision {
                date,
                parts: Default::default(),
                text: String::new(),
                chars_on_paper: Some(length as u32),
                note: format!("{note}（手写稿）"),
            }
        } else {
            let parts = analysis_text::analysis(&mut d.rng, about_me, opinions, cadre, length);
            Revision {
                date,
                parts,
                text: String::new(),
                chars_on_paper: None,
                note: note.to_owned(),
            }
        };
        analysis.revisions.push(revision);
        if r < reviews {
            let review_date = add_days(date, d.rng.range(1, 2));
            let comment = if last && status == AnalysisStatus::Final {
                FINAL_REVIEW.to_owned()
            } else if target < 3000 {
                "篇幅偏短，问题和原因都要展开写，请补充到 3000 字以上。".to_owned()
            } else {
                d.rng.pick(FIRST_REVIEWS).to_string()
            };
            analysis.reviews.push(Review {
                by: reviewer.to_owned(),
                date: review_date,
                comment,
            });
            date = add_days(review_date, d.rng.range(2, 4));
        }
    }
    analysis.problems = problems(d);
    analysis
}

fn oral(d: &mut Demo, member: MemberId, scribe: &str, reviewer: &str) -> Analysis {
    let date = d.day_between(FIRST_DRAFT.0, FIRST_DRAFT.1);
    let text = analysis_text::oral(&mut d.rng, scribe);
    Analysis {
        id: AnalysisId(d.id()),
        member,
        revisions: vec![Revision {
            date,
            parts: Default::default(),
            text,
            chars_on_paper: None,
            note: "口述记录，已向本人读过".to_owned(),
        }],
        status: AnalysisStatus::Final,
        reviews: vec![Review {
            by: reviewer.to_owned(),
            date: add_days(date, 2),
            comment: "本人年老体弱，经支委会同意以口述方式进行党性分析，内容属实。".to_owned(),
        }],
        flexible: Some(FlexibleForm {
            how: "口述，他人代笔".to_owned(),
            reason: "年老体弱，书写困难".to_owned(),
            scribe: scribe.to_owned(),
        }),
        problems: problems(d),
    }
}

/// Three to five problems, one per aspect.
fn problems(d: &mut Demo) -> Vec<AnalysisProblem> {
    let count = d.rng.range(3, 5) as usize;
    let mut chosen = d.rng.sample(ASPECTS.len(), count);
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|k| {
            let aspect = ASPECTS[k];
            AnalysisProblem {
                aspect,
                text: d.rng.pick(analysis_text::problems(aspect)).to_string(),
            }
        })
        .collect()
}
