//! The screen shown when a ledger cannot be opened: what is wrong, that the
//! file was left untouched, and the newest good backup to restore.

use crate::ui::app::{Action, LoadFailure};
use crate::ui::strings as s;
use crate::ui::widgets::describe_backup;

/// The recovery screen.
pub fn recovery_ui(ui: &mut egui::Ui, failure: &LoadFailure, actions: &mut Vec<Action>) {
    ui.add_space(30.0);
    ui.vertical_centered(|ui| {
        ui.set_max_width(760.0);
        ui.heading(s::CANNOT_OPEN);
        ui.add_space(8.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.colored_label(ui.visuals().error_fg_color, &failure.message);
        });
        ui.add_space(8.0);
        ui.label(s::FILE_UNTOUCHED);
        ui.add_space(12.0);
        match &failure.backup {
            Some(backup) => {
                ui.label(format!(
                    "{}：{}（{}）",
                    s::NEWEST_BACKUP,
                    describe_backup(backup),
                    backup.path.display()
                ));
                if ui
                    .button(egui::RichText::new(s::RESTORE_BACKUP).strong())
                    .on_hover_text(s::RESTORE_EXPLAINED)
                    .clicked()
                {
                    actions.push(Action::Restore {
                        backup: backup.path.clone(),
                        target: failure.path.clone(),
                    });
                }
            }
            None => {
                ui.label(s::NO_BACKUP);
            }
        }
        ui.add_space(12.0);
        if ui.button(s::BACK_TO_START).clicked() {
            actions.push(Action::CloseFile);
        }
    });
}
