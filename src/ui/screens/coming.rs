//! The stage, print and export screens whose records arrive in later
//! versions. They say plainly what is coming; the stage screens already
//! show the stage's gate and let the branch record its stage move, so the
//! campaign can go on while the records are kept on paper.

use crate::model::{Date, Ledger, Stage};
use crate::ui::app::{Action, Screen};
use crate::ui::screens::gate::gate_ui;
use crate::ui::screens::preparation::PrepState;
use crate::ui::strings as s;
use crate::ui::widgets::heading_ui;

/// A screen whose capability is coming.
pub fn coming_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    screen: Screen,
    prep: &mut PrepState,
    today: Date,
    actions: &mut Vec<Action>,
) {
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        let (stage, coming) = match screen {
            Screen::Rectification => (Some(Stage::Rectification), s::COMING_RECTIFICATION),
            Screen::Print => (None, s::COMING_PRINT),
            _ => (None, s::COMING_EXPORT),
        };
        heading_ui(ui, screen.title(), "");
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(egui::RichText::new(s::NOT_YET_HERE).strong());
            ui.label(coming);
        });
        ui.add_space(10.0);
        if let Some(stage) = stage {
            if stage <= ledger.campaign.stage {
                gate_ui(ui, ledger, revision, stage, &mut prep.stage_move, today, actions);
            } else {
                ui.label(format!("{}{}", s::STAGE_NOT_STARTED, ledger.campaign.stage.title()));
            }
        }
    });
}
