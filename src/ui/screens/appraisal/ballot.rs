//! (being written)

use super::Frame;
use crate::model::MemberId;
use crate::ui::app::Action;

#[derive(Default)]
pub struct BallotState {
    pub selected: Option<MemberId>,
}

impl BallotState {
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.selected = member;
    }
}

pub fn ballot_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut BallotState, actions: &mut Vec<Action>) {
    let _ = (ui, frame, state, actions);
}
