//! 民主评议: the ballot rounds (党员互评, 群众评议) with counts that must add
//! up, each member's self-appraisal and the committee's grade (with the
//! cap on 优秀 and the disposition of 不合格), and the distribution chart.

mod results;
mod rounds;

use egui_plot::{Bar, BarChart, Plot};

use super::Frame;
use crate::model::MemberId;
use crate::model::appraisal::Grade;
use crate::model::appraisal_rules::excellent_cap;
use crate::progress::appraisal::grade_distribution;
use crate::ui::app::Action;

/// The views of the appraisal tab.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BallotView {
    #[default]
    Rounds,
    Results,
    Chart,
}

impl BallotView {
    const ALL: [BallotView; 3] = [BallotView::Rounds, BallotView::Results, BallotView::Chart];

    fn title(self) -> &'static str {
        match self {
            BallotView::Rounds => "测评票数",
            BallotView::Results => "自评和评定等次",
            BallotView::Chart => "等次分布",
        }
    }
}

/// The appraisal tab's view state, kept in the drafts file but for the
/// results list's search and sort.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct BallotState {
    pub view: BallotView,
    /// The member whose result is open.
    pub selected: Option<MemberId>,
    rounds: rounds::RoundsState,
    results: results::ResultsState,
}

impl BallotState {
    /// Opens `member`'s result (a link), asking first when the result open
    /// holds unsaved input.
    pub fn show_member(&mut self, ledger: &crate::model::Ledger, member: MemberId) {
        self.results.show(ledger, member, &mut self.selected);
    }

    /// Follows `member` opened in the branch opinion tab, unless the result
    /// open here holds unsaved input.
    pub fn follow(&mut self, ledger: &crate::model::Ledger, member: MemberId) {
        self.results.follow(ledger, member, &mut self.selected);
    }

    /// The round, the ballot's aspects and the result being typed.
    pub fn unsaved(&self, ledger: &crate::model::Ledger, out: &mut Vec<crate::ui::drafts::Unsaved>) {
        self.rounds.unsaved(ledger, out);
        self.results.unsaved(ledger, out);
    }
}

/// The appraisal tab.
pub fn ballot_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut BallotState, actions: &mut Vec<Action>) {
    if state.selected.is_some() && state.view == BallotView::Rounds && !state.results.opened {
        // A link to a member lands on their result.
        state.view = BallotView::Results;
    }
    ui.horizontal_wrapped(|ui| {
        for view in BallotView::ALL {
            if ui.selectable_label(state.view == view, view.title()).clicked() {
                state.view = view;
            }
        }
        ui.separator();
        let ledger = frame.ledger;
        let rounds = &ledger.appraisal.rounds;
        ui.label(format!(
            "已登记测评 {} 次（党员互评 {}，群众评议 {}）",
            rounds.len(),
            rounds
                .iter()
                .filter(|r| r.voters == crate::model::appraisal::Voters::Members)
                .count(),
            rounds
                .iter()
                .filter(|r| r.voters == crate::model::appraisal::Voters::Masses)
                .count()
        ));
    });
    ui.add_space(4.0);
    match state.view {
        BallotView::Rounds => rounds::rounds_ui(ui, frame, &mut state.rounds, actions),
        BallotView::Results => results::results_ui(ui, frame, &mut state.results, &mut state.selected, actions),
        BallotView::Chart => chart_ui(ui, frame),
    }
}

/// The distribution of grades, with the cap on 优秀.
fn chart_ui(ui: &mut egui::Ui, frame: &Frame<'_>) {
    let ledger = frame.ledger;
    if !ledger.campaign.settings.grading {
        ui.label("本次活动不评定等次（见“设置”）。");
        return;
    }
    let (counts, undecided) = grade_distribution(ledger);
    let total: u32 = counts.iter().sum::<u32>() + undecided;
    ui.label(
        egui::RichText::new(format!(
            "党员 {total} 名：{}，未评定 {undecided} 名",
            Grade::ALL
                .iter()
                .zip(counts)
                .map(|(g, n)| format!("{} {n} 名", g.label()))
                .collect::<Vec<_>>()
                .join("，")
        ))
        .strong(),
    );
    if let Some(cap) = excellent_cap(ledger) {
        let text = format!("优秀 {}/{cap}（比例上限）", counts[0]);
        if counts[0] > cap {
            ui.colored_label(ui.visuals().error_fg_color, text);
        } else {
            ui.label(text);
        }
    }
    let colors = [
        egui::Color32::from_rgb(0x2e, 0x8b, 0x57),
        egui::Color32::from_rgb(0x3a, 0x7b, 0xd5),
        egui::Color32::from_rgb(0xe0, 0x8a, 0x00),
        egui::Color32::from_rgb(0xc6, 0x28, 0x28),
    ];
    let mut bars: Vec<Bar> = Grade::ALL
        .iter()
        .zip(counts)
        .zip(colors)
        .enumerate()
        .map(|(i, ((grade, n), color))| {
            Bar::new(i as f64 + 1.0, f64::from(n))
                .name(grade.label())
                .fill(color)
                .width(0.6)
        })
        .collect();
    bars.push(
        Bar::new(5.0, f64::from(undecided))
            .name("未评定")
            .fill(egui::Color32::GRAY)
            .width(0.6),
    );
    let labels = Grade::ALL
        .map(Grade::label)
        .into_iter()
        .chain(["未评定"])
        .collect::<Vec<_>>();
    let chart =
        BarChart::new("等次", bars).element_formatter(Box::new(|bar, _| format!("{}：{} 名", bar.name, bar.value)));
    Plot::new("grade_chart")
        .height(ui.available_height().clamp(160.0, 360.0))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(0.0)
        .include_y(f64::from(total.max(1)))
        .show_x(false)
        .show_y(false)
        .y_axis_label("人数")
        .x_axis_formatter(move |mark, _| {
            let x = mark.value.round();
            if (mark.value - x).abs() > 0.01 || x < 1.0 {
                return String::new();
            }
            labels.get(x as usize - 1).map(|n| (*n).to_owned()).unwrap_or_default()
        })
        .show(ui, |plot| plot.bar_chart(chart));
}
