//! The start screen, shown when no ledger is open: create a new branch
//! ledger (a short wizard: branch facts → campaign rules and dates →
//! members), open the demo branch, open a file, or — for the county
//! office — add up branches' export files without a ledger of its own.

use std::path::PathBuf;

use crate::model::member::Member;
use crate::model::{Branch, Ledger, Settings};
use crate::ui::app::{Action, AppConfig};
use crate::ui::screens::preparation::{PlanDraft, branch_form_ui, plan_form_ui, read_plan};
use crate::ui::screens::settings::rules_form_ui;
use crate::ui::strings as s;

/// The start screen's state.
#[derive(Debug, Clone, Default)]
pub struct StartState {
    /// The wizard, when creating a new ledger.
    pub wizard: Option<Wizard>,
    /// A path typed by hand (for machines without a file dialog).
    pub path: String,
    /// The county roll-up is open in place of the start screen (for the
    /// county office, which has export files but no branch ledger).
    pub county: bool,
}

/// The new-ledger wizard.
#[derive(Debug, Clone, Default)]
pub struct Wizard {
    pub step: WizardStep,
    pub branch: Branch,
    pub settings: Settings,
    pub plan: PlanDraft,
    /// One name per line.
    pub names: String,
}

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WizardStep {
    #[default]
    Branch,
    Rules,
    Members,
}

/// The start screen.
pub fn start_ui(ui: &mut egui::Ui, state: &mut StartState, config: &AppConfig, actions: &mut Vec<Action>) {
    if let Some(wizard) = &mut state.wizard {
        if !wizard_ui(ui, wizard, actions) {
            state.wizard = None;
        }
        return;
    }
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        ui.heading(egui::RichText::new(s::APP_TITLE).size(30.0));
        ui.label(s::APP_TAGLINE);
        ui.add_space(30.0);
        let size = egui::vec2(280.0, 44.0);
        if ui
            .add(egui::Button::new(egui::RichText::new(s::NEW_LEDGER).size(18.0)).min_size(size))
            .clicked()
        {
            state.wizard = Some(Wizard::default());
        }
        ui.label(egui::RichText::new(s::NEW_LEDGER_HINT).small());
        ui.add_space(12.0);
        if ui
            .add(egui::Button::new(egui::RichText::new(s::OPEN_DEMO).size(18.0)).min_size(size))
            .clicked()
        {
            actions.push(Action::OpenDemo);
        }
        ui.label(egui::RichText::new(s::OPEN_DEMO_HINT).small());
        ui.add_space(12.0);
        if ui
            .add(egui::Button::new(egui::RichText::new(s::COUNTY_ROLLUP).size(18.0)).min_size(size))
            .clicked()
        {
            state.county = true;
        }
        ui.label(egui::RichText::new(s::COUNTY_ROLLUP_HINT).small());
        ui.add_space(12.0);
        if ui
            .add(egui::Button::new(egui::RichText::new(s::OPEN_FILE).size(18.0)).min_size(size))
            .clicked()
            && let Some(path) = pick_ledger()
        {
            actions.push(Action::Open(path));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 470.0).max(0.0) / 2.0);
            ui.add(
                egui::TextEdit::singleline(&mut state.path)
                    .id_salt("start_path")
                    .hint_text(s::PATH_HINT)
                    .desired_width(380.0),
            );
            if ui
                .add_enabled(!state.path.trim().is_empty(), egui::Button::new(s::OPEN))
                .clicked()
            {
                actions.push(Action::Open(PathBuf::from(state.path.trim())));
            }
        });
        ui.add_space(24.0);
        ui.label(egui::RichText::new(format!("{}：{}", s::DATA_FOLDER, config.data_dir.display())).small());
    });
}

/// The system's file dialog for a ledger, if it can be shown.
fn pick_ledger() -> Option<PathBuf> {
    rfd::FileDialog::new().add_filter(s::LEDGER_FILES, &["ron"]).pick_file()
}

/// The wizard. Returns false when it is cancelled or finished.
fn wizard_ui(ui: &mut egui::Ui, wizard: &mut Wizard, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.heading(s::NEW_LEDGER);
        ui.horizontal(|ui| {
            for (step, title) in [
                (WizardStep::Branch, s::WIZARD_BRANCH),
                (WizardStep::Rules, s::WIZARD_RULES),
                (WizardStep::Members, s::WIZARD_MEMBERS),
            ] {
                let text = egui::RichText::new(title);
                ui.label(if step == wizard.step {
                    text.strong().color(ui.visuals().hyperlink_color)
                } else {
                    text
                });
            }
        });
        ui.separator();
        match wizard.step {
            WizardStep::Branch => {
                branch_form_ui(ui, &mut wizard.branch);
            }
            WizardStep::Rules => {
                ui.label(s::RULES_EXPLAINED);
                rules_form_ui(ui, &mut wizard.settings);
                ui.add_space(8.0);
                ui.label(egui::RichText::new(s::STAGE_PLAN).strong());
                plan_form_ui(ui, &mut wizard.plan);
            }
            WizardStep::Members => {
                let label = ui.label(s::WIZARD_NAMES_EXPLAINED);
                ui.add(
                    egui::TextEdit::multiline(&mut wizard.names)
                        .id_salt("wizard_names")
                        .desired_rows(12)
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
                let count = wizard.names.lines().filter(|l| !l.trim().is_empty()).count();
                ui.label(format!("{count} {}", s::PERSONS));
            }
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button(s::CANCEL).clicked() {
                open = false;
            }
            if wizard.step != WizardStep::Branch && ui.button(s::PREVIOUS).clicked() {
                wizard.step = match wizard.step {
                    WizardStep::Members => WizardStep::Rules,
                    _ => WizardStep::Branch,
                };
            }
            let next_label = if wizard.step == WizardStep::Members {
                s::FINISH
            } else {
                s::NEXT
            };
            if ui.button(egui::RichText::new(next_label).strong()).clicked() {
                match advance(wizard) {
                    Ok(Some(ledger)) => {
                        actions.push(Action::Create(Box::new(ledger)));
                    }
                    Ok(None) => {}
                    Err(message) => actions.push(Action::Error(message)),
                }
            }
        });
    });
    open
}

/// Moves to the next step, or builds the ledger on the last one.
fn advance(wizard: &mut Wizard) -> Result<Option<Ledger>, String> {
    match wizard.step {
        WizardStep::Branch => {
            if wizard.branch.name.trim().is_empty() {
                return Err(s::BRANCH_NAME_REQUIRED.to_owned());
            }
            wizard.step = WizardStep::Rules;
            Ok(None)
        }
        WizardStep::Rules => {
            crate::model::campaign_rules::check_settings(&wizard.settings)?;
            read_plan(&wizard.plan)?;
            wizard.step = WizardStep::Members;
            Ok(None)
        }
        WizardStep::Members => {
            let mut ledger = Ledger {
                branch: wizard.branch.clone(),
                ..Ledger::default()
            };
            ledger.branch.name = ledger.branch.name.trim().to_owned();
            ledger.campaign.settings = wizard.settings.clone();
            ledger.campaign.plan = read_plan(&wizard.plan)?;
            for name in wizard.names.lines().map(str::trim).filter(|n| !n.is_empty()) {
                let id = crate::model::MemberId(ledger.next_id());
                ledger.members.push(Member {
                    id,
                    name: name.to_owned(),
                    ..Member::default()
                });
            }
            Ok(Some(ledger))
        }
    }
}
