//! 设置: the campaign's rules (every number that varies between campaigns),
//! the campaign's name, the theme, and where the file and its backups are.

use crate::edit::{Command, Document};
use crate::model::campaign::Fraction;
use crate::model::rectification::SurveyAnswer;
use crate::model::{Ledger, Settings};
use crate::store;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::prefs::{Prefs, ThemeChoice};
use crate::ui::strings as s;
use crate::ui::widgets::{describe_backup, editable, heading_ui};

/// The settings screen's drafts (kept in the drafts file; `None` while
/// they match the records) and the backups listed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SettingsState {
    pub rules: Option<Settings>,
    /// The campaign's name and batch.
    pub name: Option<(String, String)>,
    #[serde(skip)]
    backups: Option<Vec<store::Backup>>,
}

impl SettingsState {
    /// The typed input this screen holds that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        let campaign = &ledger.campaign;
        if self
            .name
            .as_ref()
            .is_some_and(|(name, batch)| *name != campaign.name || *batch != campaign.batch)
        {
            out.push(Unsaved::new("活动名称", "", Screen::Settings));
        }
        if self.rules.as_ref().is_some_and(|r| *r != campaign.settings) {
            out.push(Unsaved::new("活动规则", "", Screen::Settings));
        }
    }
}

/// The settings screen.
pub fn settings_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut SettingsState,
    prefs: &mut Prefs,
    actions: &mut Vec<Action>,
) {
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        heading_ui(ui, s::NAV_SETTINGS, s::SETTINGS_EXPLAINED);
        campaign_name_ui(ui, doc, state, actions);
        ui.separator();
        rules_ui(ui, doc, state, actions);
        ui.separator();
        ui.label(egui::RichText::new(s::APPEARANCE).strong().size(17.0));
        ui.horizontal(|ui| {
            ui.label(s::THEME);
            for choice in ThemeChoice::ALL {
                if ui.radio_value(&mut prefs.theme, choice, choice.label()).changed() {
                    actions.push(Action::SavePrefs);
                }
            }
        });
        ui.separator();
        file_ui(ui, doc, state, actions);
    });
}

fn campaign_name_ui(ui: &mut egui::Ui, doc: &Document, state: &mut SettingsState, actions: &mut Vec<Action>) {
    let campaign = &doc.ledger.campaign;
    let original = (campaign.name.clone(), campaign.batch.clone());
    let draft = state.name.get_or_insert_with(|| original.clone());
    let enabled = editable(ui);
    ui.add_enabled_ui(enabled, |ui| campaign_name_form_ui(ui, draft));
    let changed = *draft != original;
    if ui
        .add_enabled(enabled && changed, egui::Button::new(s::SAVE_CAMPAIGN_NAME))
        .clicked()
    {
        actions.push(Action::Edit(Command::SetCampaignName {
            name: draft.0.trim().to_owned(),
            batch: draft.1.trim().to_owned(),
        }));
    }
    if !changed {
        state.name = None;
    }
}

fn campaign_name_form_ui(ui: &mut egui::Ui, draft: &mut (String, String)) {
    egui::Grid::new("campaign_name")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(s::CAMPAIGN_NAME);
            ui.add(
                egui::TextEdit::singleline(&mut draft.0)
                    .id_salt("campaign_name")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(s::CAMPAIGN_BATCH);
            ui.add(
                egui::TextEdit::singleline(&mut draft.1)
                    .id_salt("campaign_batch")
                    .hint_text(s::BATCH_HINT)
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
}

fn rules_ui(ui: &mut egui::Ui, doc: &Document, state: &mut SettingsState, actions: &mut Vec<Action>) {
    ui.label(egui::RichText::new(s::RULES).strong().size(17.0));
    ui.label(egui::RichText::new(s::RULES_EXPLAINED).color(ui.visuals().weak_text_color()));
    let original = &doc.ledger.campaign.settings;
    let mut discard = false;
    let draft = state.rules.get_or_insert_with(|| original.clone());
    let enabled = editable(ui);
    ui.add_enabled_ui(enabled, |ui| rules_form_ui(ui, draft));
    let changed = draft != original;
    let problem = crate::model::campaign_rules::check_settings(draft).err();
    if let Some(problem) = &problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                enabled && changed && problem.is_none(),
                egui::Button::new(s::SAVE_RULES),
            )
            .clicked()
        {
            actions.push(Action::Edit(Command::SetSettings(draft.clone())));
        }
        if changed && ui.button(s::DISCARD).clicked() {
            discard = true;
        }
        if ui
            .add_enabled(enabled, egui::Button::new(s::RESTORE_DEFAULT_RULES))
            .clicked()
        {
            *draft = Settings::default();
        }
    });
    // Looked at again: 恢复默认值 may have changed the draft just now.
    if discard || state.rules.as_ref() == Some(original) {
        state.rules = None;
    }
}

/// The rules form, shared with the start wizard.
/// The number boxes do not move when dragged (`speed(0.0)`): a count is
/// typed (click, then type), so that a small drag of a click cannot turn
/// 1 篇 into 20.
pub fn rules_form_ui(ui: &mut egui::Ui, r: &mut Settings) {
    egui::Grid::new("rules_form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(s::RULE_HOURS);
            ui.add(
                egui::DragValue::new(&mut r.required_hours)
                    .speed(0.0)
                    .custom_formatter(at_most_one_decimal)
                    .range(0.5..=500.0)
                    .suffix(" 学时"),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(s::RULE_REFLECTIONS);
            ui.add(
                egui::DragValue::new(&mut r.reflections_required)
                    .speed(0.0)
                    .range(0..=20)
                    .suffix(" 篇"),
            )
            .labelled_by(label.id);
            ui.end_row();
            ui.label(s::RULE_TALKS);
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut r.talks_required)
                        .speed(0.0)
                        .range(0..=100)
                        .prefix(s::ORDINARY)
                        .suffix(" 人"),
                );
                ui.add(
                    egui::DragValue::new(&mut r.talks_required_cadre)
                        .speed(0.0)
                        .range(0..=100)
                        .prefix(s::CADRE)
                        .suffix(" 人"),
                );
            });
            ui.end_row();
            ui.label(s::RULE_CHARS);
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut r.analysis_chars)
                        .speed(0.0)
                        .range(0..=100_000)
                        .prefix(s::ORDINARY)
                        .suffix(" 字"),
                );
                ui.add(
                    egui::DragValue::new(&mut r.analysis_chars_cadre)
                        .speed(0.0)
                        .range(0..=100_000)
                        .prefix(s::CADRE)
                        .suffix(" 字"),
                );
            });
            ui.end_row();
            ui.label(s::RULE_GRADING);
            ui.checkbox(&mut r.grading, s::rule_grading_on());
            ui.end_row();
            ui.label(s::RULE_CAP);
            ui.horizontal(|ui| {
                let mut capped = r.excellent_cap.is_some();
                if ui.checkbox(&mut capped, s::RULE_CAP_ON).changed() {
                    r.excellent_cap = capped.then_some(Fraction {
                        numerator: 1,
                        denominator: 3,
                    });
                }
                if let Some(cap) = &mut r.excellent_cap {
                    // Named for a screen reader, which sees no label beside them.
                    let named = |name: &'static str, value: u32| {
                        move || {
                            let mut info = egui::WidgetInfo::drag_value(true, f64::from(value));
                            info.label = Some(name.to_owned());
                            info
                        }
                    };
                    let response = ui.add(egui::DragValue::new(&mut cap.numerator).speed(0.0).range(1..=100));
                    response.widget_info(named("优秀比例的分子", cap.numerator));
                    ui.label("/");
                    let response = ui.add(egui::DragValue::new(&mut cap.denominator).speed(0.0).range(1..=100));
                    response.widget_info(named("优秀比例的分母", cap.denominator));
                }
            });
            ui.end_row();
            let label = ui.label(s::RULE_THRESHOLD);
            ui.add(
                egui::DragValue::new(&mut r.satisfaction_threshold)
                    .speed(0.0)
                    .custom_formatter(at_most_one_decimal)
                    .range(0.0..=100.0)
                    .suffix(" %"),
            )
            .labelled_by(label.id);
            ui.end_row();
            ui.label(s::RULE_SATISFIED);
            ui.horizontal(|ui| {
                let satisfied = egui::Checkbox::new(&mut r.satisfied_counts.satisfied, SurveyAnswer::Satisfied.label());
                ui.add_enabled(false, satisfied);
                ui.checkbox(&mut r.satisfied_counts.fairly, SurveyAnswer::Fairly.label());
                ui.checkbox(&mut r.satisfied_counts.basically, SurveyAnswer::Basically.label());
            });
            ui.end_row();
            ui.label(s::RULE_FEEDBACK);
            ui.add(
                egui::DragValue::new(&mut r.feedback_days)
                    .speed(0.0)
                    .range(1..=365)
                    .suffix(" 天"),
            );
            ui.end_row();
        });
}

fn file_ui(ui: &mut egui::Ui, doc: &Document, state: &mut SettingsState, actions: &mut Vec<Action>) {
    ui.label(egui::RichText::new(s::FILE_SECTION).strong().size(17.0));
    ui.horizontal_wrapped(|ui| {
        ui.label(s::FILE_LOCATION);
        ui.monospace(doc.path.display().to_string());
    });
    ui.label(egui::RichText::new(s::backup_explained()).color(ui.visuals().weak_text_color()));
    if ui.button(s::SHOW_BACKUPS).clicked() {
        state.backups = Some(store::list_backups(&doc.path));
    }
    if let Some(backups) = &state.backups {
        if backups.is_empty() {
            ui.label(s::NO_BACKUP);
        }
        for backup in backups.iter().take(40) {
            ui.horizontal(|ui| {
                ui.label(describe_backup(backup));
                if ui
                    .add_enabled(editable(ui), egui::Button::new(s::RESTORE_THIS_BACKUP).small())
                    .on_hover_text(s::RESTORE_THIS_HINT)
                    .clicked()
                {
                    actions.push(Action::Restore {
                        backup: backup.path.clone(),
                        target: doc.path.clone(),
                    });
                }
            });
        }
    }
}

/// A figure as typed: 40, 40.5 — not egui's 40.000000000000000, which a
/// DragValue that never drags (speed 0) would show.
fn at_most_one_decimal(value: f64, _: std::ops::RangeInclusive<usize>) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}
