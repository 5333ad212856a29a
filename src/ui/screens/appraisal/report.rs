//! (being written)

use super::Frame;
use crate::model::MemberId;
use crate::ui::app::Action;

#[derive(Default)]
pub struct ReportState {
    pub selected: Option<MemberId>,
}

impl ReportState {
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.selected = member;
    }
}

pub fn report_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut ReportState, actions: &mut Vec<Action>) {
    let _ = (ui, frame, state, actions);
}
