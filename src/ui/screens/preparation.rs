//! 准备阶段: the branch facts, the implementation plan's stage dates, and
//! the preparation look-back gate with the move to 学习动员.

use crate::edit::Command;
use crate::model::campaign::{Period, StagePlan};
use crate::model::ledger::BranchKind;
use crate::model::{Branch, Date, Ledger, Stage};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::gate::{MoveDraft, gate_ui};
use crate::ui::strings as s;
use crate::ui::widgets::{DateText, date_edit, editable, heading_ui, message_line_ui};

/// The preparation screen's drafts, all kept in the drafts file. Each is
/// `None` (or closed) while it matches the records.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PrepState {
    pub branch: Option<Branch>,
    pub plan: Option<PlanDraft>,
    /// The stage move of the current stage, whichever screen shows its
    /// gate (preparation, learning or appraisal).
    pub stage_move: MoveDraft,
}

impl PrepState {
    /// The typed input this screen holds that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        if self.branch.as_ref().is_some_and(|b| *b != ledger.branch) {
            out.push(Unsaved::new("支部基本情况", "", Screen::Preparation));
        }
        if self
            .plan
            .as_ref()
            .is_some_and(|p| *p != PlanDraft::from_plan(&ledger.campaign.plan))
        {
            out.push(Unsaved::new("实施方案", "", Screen::Preparation));
        }
        let stage = ledger.campaign.stage;
        if self.stage_move.is_typed(stage) {
            let screen = match stage {
                Stage::Preparation => Screen::Preparation,
                Stage::Learning => Screen::Learning,
                Stage::Appraisal => Screen::Appraisal,
                Stage::Rectification | Stage::Closed => Screen::Rectification,
            };
            out.push(Unsaved::new("转段申请", stage.title(), screen));
        }
    }
}

/// The stage dates being edited.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PlanDraft {
    pub dates: [DateText; 6],
    pub filed: DateText,
}

impl PlanDraft {
    fn from_plan(plan: &StagePlan) -> Self {
        let periods = [&plan.learning, &plan.appraisal, &plan.rectification];
        let mut dates: [DateText; 6] = Default::default();
        for (i, p) in periods.iter().enumerate() {
            dates[2 * i] = DateText::new(p.start);
            dates[2 * i + 1] = DateText::new(p.end);
        }
        Self {
            dates,
            filed: DateText::new(plan.filed),
        }
    }

    fn read(&self) -> Result<StagePlan, String> {
        let mut read = Vec::with_capacity(6);
        for (i, date) in self.dates.iter().enumerate() {
            let stage = [Stage::Learning, Stage::Appraisal, Stage::Rectification][i / 2];
            let end = if i % 2 == 0 { s::START } else { s::END };
            read.push(date.read().map_err(|e| format!("{}{end}：{e}", stage.title()))?);
        }
        let period = |i: usize| Period {
            start: read[2 * i],
            end: read[2 * i + 1],
        };
        let plan = StagePlan {
            learning: period(0),
            appraisal: period(1),
            rectification: period(2),
            filed: self.filed.read()?,
        };
        crate::model::campaign_rules::check_plan(&plan)?;
        Ok(plan)
    }
}

/// The preparation screen.
pub fn preparation_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    state: &mut PrepState,
    today: Date,
    actions: &mut Vec<Action>,
) {
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        heading_ui(ui, s::NAV_PREPARATION, s::PREPARATION_EXPLAINED);
        ui.columns(2, |cols| {
            branch_ui(&mut cols[0], ledger, state, actions);
            plan_ui(&mut cols[1], ledger, state, actions);
        });
        ui.separator();
        gate_ui(
            ui,
            ledger,
            revision,
            Stage::Preparation,
            &mut state.stage_move,
            today,
            actions,
        );
    });
}

fn branch_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut PrepState, actions: &mut Vec<Action>) {
    ui.label(egui::RichText::new(s::BRANCH_FACTS).strong().size(17.0));
    let mut discard = false;
    let draft = state.branch.get_or_insert_with(|| ledger.branch.clone());
    let enabled = editable(ui);
    ui.add_enabled_ui(enabled, |ui| branch_form_ui(ui, draft));
    let changed = *draft != ledger.branch;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(enabled && changed, egui::Button::new(s::SAVE_BRANCH))
            .clicked()
        {
            actions.push(Action::Edit(Command::SetBranch(draft.clone())));
        }
        if changed && ui.button(s::DISCARD).clicked() {
            discard = true;
        }
    });
    if discard {
        state.branch = None;
    }
    // After an undo the draft follows the records again.
    if !changed {
        state.branch = None;
    }
}

/// The branch facts form, shared with the start wizard.
pub fn branch_form_ui(ui: &mut egui::Ui, branch: &mut Branch) {
    egui::Grid::new("branch_form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            text_row(ui, s::BRANCH_NAME, &mut branch.name, s::BRANCH_NAME_HINT);
            let kind_label = ui.label(s::BRANCH_KIND);
            egui::ComboBox::from_id_salt("branch_kind")
                .selected_text(branch.kind.map_or(s::CHOOSE, BranchKind::label))
                .show_ui(ui, |ui| {
                    for kind in BranchKind::ALL {
                        ui.selectable_value(&mut branch.kind, Some(kind), kind.label());
                    }
                })
                .response
                .labelled_by(kind_label.id);
            ui.end_row();
            text_row(ui, s::SUPERIOR, &mut branch.superior, s::SUPERIOR_HINT);
            text_row(ui, s::SECRETARY, &mut branch.secretary, "");
            text_row(ui, s::ORGANISER, &mut branch.organiser, "");
            text_row(ui, s::SUPERVISOR, &mut branch.supervisor, s::SUPERVISOR_HINT);
        });
}

fn text_row(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str) {
    let label_response = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .id_salt(label)
            .hint_text(hint)
            .desired_width(260.0),
    )
    .labelled_by(label_response.id);
    ui.end_row();
}

fn plan_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut PrepState, actions: &mut Vec<Action>) {
    ui.label(egui::RichText::new(s::STAGE_PLAN).strong().size(17.0));
    let mut discard = false;
    let draft = state
        .plan
        .get_or_insert_with(|| PlanDraft::from_plan(&ledger.campaign.plan));
    let enabled = editable(ui);
    ui.add_enabled_ui(enabled, |ui| plan_form_ui(ui, draft));
    let original = PlanDraft::from_plan(&ledger.campaign.plan);
    let changed = *draft != original;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(enabled && changed, egui::Button::new(s::SAVE_PLAN))
            .clicked()
        {
            match draft.read() {
                Ok(plan) => actions.push(Action::Edit(Command::SetPlan(plan))),
                Err(message) => actions.push(Action::Error(message)),
            }
        }
        if changed && ui.button(s::DISCARD).clicked() {
            discard = true;
        }
    });
    if discard {
        state.plan = None;
    }
    if !changed {
        state.plan = None;
    }
}

/// The stage dates form, shared with the start wizard. The dates that
/// cannot be read are named on one reserved line under the grid: a
/// message in a cell widened its column and moved the 结束日期 boxes.
pub fn plan_form_ui(ui: &mut egui::Ui, draft: &mut PlanDraft) {
    let mut unreadable: Vec<String> = Vec::new();
    let mut read = |name: String, date: &DateText| {
        if let Err(message) = date.read() {
            unreadable.push(format!("{name}：{message}"));
        }
    };
    egui::Grid::new("plan_form")
        .min_col_width(130.0)
        .num_columns(3)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(s::START);
            ui.label(s::END);
            ui.end_row();
            for (i, stage) in [Stage::Learning, Stage::Appraisal, Stage::Rectification]
                .into_iter()
                .enumerate()
            {
                ui.label(stage.title());
                let [start, end] = &mut draft.dates[2 * i..2 * i + 2] else {
                    continue;
                };
                // The row's stage and the column's heading, as one name.
                for (date, heading, id) in [(start, s::START, "plan_start"), (end, s::END, "plan_end")] {
                    let name = format!("{}{heading}", stage.title());
                    ui.add(date_edit(ui, date, &format!("{id}_{i}"))).accessible_name(&name);
                    read(name, date);
                }
                ui.end_row();
            }
            let filed_label = ui.label(s::PLAN_FILED);
            ui.add(date_edit(ui, &mut draft.filed, "plan_filed"))
                .labelled_by(filed_label.id);
            read(s::PLAN_FILED.to_owned(), &draft.filed);
            ui.end_row();
        });
    let messages: Vec<(&str, bool)> = unreadable.iter().map(|m| (m.as_str(), true)).collect();
    message_line_ui(ui, &messages);
}

/// A plan draft's dates, for the start wizard.
pub fn read_plan(draft: &PlanDraft) -> Result<StagePlan, String> {
    draft.read()
}
