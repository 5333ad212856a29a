//! (being written)

use super::Frame;
use crate::model::MemberId;
use crate::ui::app::Action;

#[derive(Default)]
pub struct AnalysisState {
    pub selected: Option<MemberId>,
}

impl AnalysisState {
    pub fn show_member(&mut self, ledger: &crate::model::Ledger, member: MemberId) {
        let _ = ledger;
        self.selected = Some(member);
    }
}

pub fn analysis_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut AnalysisState, actions: &mut Vec<Action>) {
    let _ = (ui, frame, state, actions);
}
