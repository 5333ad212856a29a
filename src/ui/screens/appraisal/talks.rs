//! (being written)

use super::Frame;
use crate::model::MemberId;
use crate::ui::app::Action;

#[derive(Default)]
pub struct TalksState {
    pub selected: Option<MemberId>,
}

impl TalksState {
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.selected = member;
    }
}

pub fn talks_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut TalksState, actions: &mut Vec<Action>) {
    let _ = (ui, frame, state, actions);
}
