//! The first draft of the campaign's summary (工作总结): the campaign's
//! real figures, taken from the records, in plain Chinese sentences for
//! the secretary to rewrite. A stage without records says nothing rather
//! than "0".
//!
//! Every figure is taken from [`figures`](super::figures), the computation
//! behind the export and the county roll-up, so the draft says what the
//! 汇总 sheet, the checklist and 学时统计 say: members on the roll, the one
//! who left shown apart (see [`roll`](super::roll)).

use crate::model::appraisal::Grade;
use crate::model::dates::show;
use crate::model::study::SessionKind;
use crate::model::study_rules::show_hours;
use crate::model::{Date, Ledger};
use crate::progress::appraisal::life_meeting;
use crate::progress::figures::{appraisal_figures, learning_figures, member_figures, rectification_figures};
use crate::progress::rectification::latest_rate;
use crate::progress::roll::Roll;

/// The figures the draft states, so tests can hold them against the
/// records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryFigures {
    /// Members on the roll.
    pub members: usize,
    /// Members transferred out, stated apart.
    pub transferred_out: usize,
    pub sessions: usize,
    pub session_hours: f64,
    /// Of the members who study (not excused).
    pub average_hours: f64,
    /// Members who meet the requirement, the excused included.
    pub members_met_hours: usize,
    /// Of those: excused from study.
    pub exempt: usize,
    pub made_up_members: usize,
    pub reflections: usize,
    pub opinions: usize,
    pub issues: usize,
    /// Distinct opinions about members on the roll, and of those fed back
    /// and signed for.
    pub member_issues: usize,
    pub fed_back: usize,
    pub signed: usize,
    pub talks: usize,
    pub analyses_final: usize,
    pub grades: [u32; 4],
    pub commitments: usize,
    pub commitments_done: usize,
    pub branch_items: usize,
    pub branch_items_done: usize,
    pub hot: usize,
    pub hot_done: usize,
    pub rules: Vec<String>,
    /// The newest round's date and rate.
    pub satisfaction: Option<(Date, f64)>,
}

/// Works out the figures from the records. The draft states nothing that
/// is overdue, so they need no day.
pub fn summary_figures(ledger: &Ledger) -> SummaryFigures {
    let roll = Roll::of(ledger);
    let members = member_figures(ledger, &roll);
    let learning = learning_figures(ledger, &roll);
    let appraisal = appraisal_figures(ledger, &roll, None);
    let rectification = rectification_figures(ledger, &roll, None);
    let n = |v: u32| v as usize;
    let mut f = SummaryFigures {
        members: n(members.total),
        transferred_out: n(members.transferred_out),
        session_hours: ledger
            .study
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Study)
            .map(|s| s.hours)
            .sum(),
        rules: ledger
            .rectification
            .rules
            .iter()
            .map(|rule| rule.name.clone())
            .collect(),
        satisfaction: latest_rate(ledger).map(|(s, rate)| (s.date, rate)),
        ..SummaryFigures::default()
    };
    if let Some(l) = learning {
        f.sessions = n(l.sessions);
        f.average_hours = l.average_hours.unwrap_or(0.0);
        f.members_met_hours = n(l.members_met);
        f.exempt = n(l.exempt);
        f.made_up_members = n(l.members_made_up);
        f.reflections = n(l.reflections);
    }
    if let Some(a) = appraisal {
        f.opinions = n(a.opinions_raw);
        f.issues = n(a.opinions_merged);
        f.member_issues = n(a.member_issues);
        f.fed_back = n(a.fed_back);
        f.signed = n(a.signed);
        f.talks = n(a.talk_cards);
        f.analyses_final = n(a.analyses_final);
        for (slot, (_, count)) in f.grades.iter_mut().zip(&a.grades) {
            *slot = *count;
        }
    }
    if let Some(r) = rectification {
        f.commitments = n(r.commitments);
        f.commitments_done = n(r.commitments_done);
        f.branch_items = n(r.branch_items);
        f.branch_items_done = n(r.branch_items_done);
        f.hot = n(r.hot_problems);
        f.hot_done = n(r.hot_problems_solved);
    }
    f
}

/// The draft: a title and four parts, each stating the figures.
pub fn summary_draft(ledger: &Ledger) -> String {
    let f = summary_figures(ledger);
    let branch = if ledger.branch.name.trim().is_empty() {
        "本支部"
    } else {
        ledger.branch.name.trim()
    };
    let campaign = ledger.campaign.name.trim();
    let mut text = format!("{branch}{campaign}工作总结\n\n");
    let span = ledger
        .campaign
        .plan
        .span()
        .map(|(a, b)| format!("于{}至{}", show(a), show(b)))
        .unwrap_or_default();
    let departed = if f.transferred_out > 0 {
        format!("，另有 {} 名党员转出（不计入以下各项人数）", f.transferred_out)
    } else {
        String::new()
    };
    text += &format!(
        "按照上级党委的统一部署，{branch}{span}开展了{campaign}。支部现有党员 {} 名{departed}。现将活动开展情况总结如下。\n\n",
        f.members
    );
    text += &learning_part(ledger, &f);
    text += &appraisal_part(ledger, &f);
    text += &rectification_part(&f);
    text +=
        "四、存在的不足和下一步打算\n（请结合本支部实际填写：活动中存在的不足，巩固活动成果、落实长效机制的措施。）\n";
    text
}

fn learning_part(ledger: &Ledger, f: &SummaryFigures) -> String {
    let mut text = "一、学习动员阶段\n".to_owned();
    if f.sessions == 0 {
        text += "（台账中还没有学习记录。）\n\n";
        return text;
    }
    text += &format!(
        "支部共组织集中学习 {} 次，计 {} 学时。党员人均学习 {} 学时，{} 名党员达到 {} 学时的要求",
        f.sessions,
        show_hours(f.session_hours),
        show_hours((f.average_hours * 10.0).round() / 10.0),
        f.members_met_hours,
        show_hours(ledger.campaign.settings.required_hours)
    );
    if f.exempt > 0 {
        text += &format!("（含经批准免学的 {} 名）", f.exempt);
    }
    if f.made_up_members > 0 {
        text += &format!("；{} 名党员参加了补学", f.made_up_members);
    }
    text += "。";
    if f.reflections > 0 {
        text += &format!("党员共撰写学习心得和读书笔记 {} 篇。", f.reflections);
    }
    text += "\n\n";
    text
}

fn appraisal_part(ledger: &Ledger, f: &SummaryFigures) -> String {
    let mut text = "二、分析评议阶段\n".to_owned();
    let mut said = false;
    if f.opinions > 0 || f.issues > 0 {
        text += &format!(
            "支部通过座谈会、征求意见表、个别走访等方式广泛征求意见 {} 条，梳理归纳为 {} 条。",
            f.opinions, f.issues
        );
        if f.member_issues > 0 {
            text += &format!(
                "其中针对党员个人的意见 {} 条，已反馈本人 {} 条，本人已签收 {} 条。",
                f.member_issues, f.fed_back, f.signed
            );
        }
        said = true;
    }
    if f.talks > 0 {
        text += &format!("党员之间、党员与群众之间开展谈心谈话 {} 次。", f.talks);
        said = true;
    }
    if f.analyses_final > 0 {
        text += &format!("{} 名党员的党性分析材料经审阅定稿。", f.analyses_final);
        said = true;
    }
    if let Some(meeting) = life_meeting(ledger).filter(|m| m.held) {
        text += &format!("{}召开了专题组织生活会，开展批评和自我批评。", show(meeting.date));
        said = true;
    }
    let graded: u32 = f.grades.iter().sum();
    if graded > 0 {
        let parts: Vec<String> = Grade::ALL
            .iter()
            .zip(f.grades)
            .filter(|(_, n)| *n > 0)
            .map(|(g, n)| format!("{} {n} 名", g.label()))
            .collect();
        text += &format!("经民主评议，评定{}。", parts.join("，"));
        said = true;
    }
    if !said {
        text += "（台账中还没有分析评议的记录。）";
    }
    text += "\n\n";
    text
}

fn rectification_part(f: &SummaryFigures) -> String {
    let mut text = "三、整改提高阶段\n".to_owned();
    let mut said = false;
    if f.commitments > 0 {
        text += &format!(
            "党员共作出整改承诺 {} 条，已完成 {} 条。",
            f.commitments, f.commitments_done
        );
        said = true;
    }
    if f.branch_items > 0 {
        text += &format!(
            "支部确定整改事项 {} 项，已完成 {} 项",
            f.branch_items, f.branch_items_done
        );
        if f.hot > 0 {
            text += &format!("；群众热盼解决的 {} 个突出问题已解决 {} 个", f.hot, f.hot_done);
        }
        text += "。";
        said = true;
    }
    if !f.rules.is_empty() {
        let names: Vec<String> = f.rules.iter().map(|n| format!("“{n}”")).collect();
        text += &format!("建立了{}等 {} 项制度。", names.join("、"), f.rules.len());
        said = true;
    }
    if let Some((date, rate)) = f.satisfaction {
        text += &format!("{}组织群众满意度测评，满意率为 {rate:.1}%。", show(date));
        said = true;
    }
    if !said {
        text += "（台账中还没有整改提高的记录。）";
    }
    text += "\n\n";
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_ledger;

    #[test]
    fn the_draft_states_the_figures_of_the_records() {
        let today = Date::constant(2006, 3, 10);
        let ledger = demo_ledger(36, today);
        let f = summary_figures(&ledger);
        assert_eq!(f.members, ledger.current_members().count());
        assert_eq!(f.opinions, ledger.opinions.opinions.len());
        assert_eq!(f.talks, ledger.talks.len());
        assert_eq!(f.commitments, ledger.rectification.commitments.len());
        assert!(f.commitments > 0 && f.talks > 0 && f.sessions > 0);
        let draft = summary_draft(&ledger);
        for needle in [
            format!("支部现有党员 {} 名，另有 1 名党员转出", f.members),
            format!("征求意见 {} 条，梳理归纳为 {} 条", f.opinions, f.issues),
            format!("谈心谈话 {} 次", f.talks),
            format!("整改承诺 {} 条，已完成 {} 条", f.commitments, f.commitments_done),
            format!("集中学习 {} 次", f.sessions),
        ] {
            assert!(draft.contains(&needle), "{needle} not in\n{draft}");
        }
        // No survey yet in the demo: nothing is said of one.
        assert!(!draft.contains("满意率"));
    }

    #[test]
    fn the_member_who_left_counts_in_no_figure_of_the_draft() {
        let today = Date::constant(2006, 3, 10);
        let ledger = demo_ledger(36, today);
        let f = summary_figures(&ledger);
        let roll = Roll::of(&ledger);
        let hours = crate::progress::hours::hours_tally(&roll, &crate::progress::hours_of_all(&ledger));
        assert_eq!((f.members, f.transferred_out), (35, 1));
        assert_eq!(f.members_met_hours, hours.met);
        assert!(f.members_met_hours < f.members, "the unreachable member is short");
        assert_eq!(Some(f.average_hours), hours.average);
        let draft = summary_draft(&ledger);
        let met = format!("{} 名党员达到 40 学时的要求", f.members_met_hours);
        assert!(draft.contains(&met), "{met} not in\n{draft}");
    }

    #[test]
    fn an_empty_ledger_says_what_is_missing_not_zero() {
        let draft = summary_draft(&Ledger::default());
        assert!(draft.contains("还没有学习记录"));
        assert!(draft.contains("还没有分析评议的记录"));
        assert!(!draft.contains(" 0 条"));
    }
}
