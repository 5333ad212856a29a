//! (being written)

use super::Frame;
use crate::model::MemberId;
use crate::ui::app::Action;

#[derive(Default)]
pub struct MeetingState {
    pub selected: Option<MemberId>,
}

impl MeetingState {
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.selected = member;
    }
}

pub fn meeting_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    state: &mut MeetingState,
    actions: &mut Vec<Action>,
) -> Option<super::AppraisalTarget> {
    let _ = (ui, frame, state, actions);
    None
}
