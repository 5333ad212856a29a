//! (being written)

use super::Frame;
use crate::model::MemberId;
use crate::ui::app::Action;

#[derive(Default)]
pub struct BranchOpinionState {
    pub selected: Option<MemberId>,
}

impl BranchOpinionState {
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.selected = member;
    }
}

pub fn branch_opinion_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    state: &mut BranchOpinionState,
    actions: &mut Vec<Action>,
) {
    let _ = (ui, frame, state, actions);
}
