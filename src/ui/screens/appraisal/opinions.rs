//! (being written)

use super::Frame;
use crate::model::MemberId;
use crate::ui::app::Action;

#[derive(Default)]
pub struct OpinionsState {
    pub selected: Option<MemberId>,
}

impl OpinionsState {
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.selected = member;
    }
}

pub fn opinions_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut OpinionsState, actions: &mut Vec<Action>) {
    let _ = (ui, frame, state, actions);
}
