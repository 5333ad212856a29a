//! 工作总结: an editor for the campaign's summary. While none is saved it
//! opens on a draft stating the campaign's real figures; the secretary
//! rewrites it and saves. The figures can be drawn again at any time
//! (replacing the text only after asking).

use super::Frame;
use crate::edit::{Command, RectificationCommand};
use crate::model::Ledger;
use crate::model::study_rules::count_chars;
use crate::progress::summary::summary_draft;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;

/// The summary tab's view state, kept in the drafts file but for the
/// redraw question.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SummaryState {
    /// The text being edited; `None` until the tab is opened.
    pub text: Option<String>,
    /// Whether the text is the program's draft, not yet saved.
    pub is_draft: bool,
    /// Whether the secretary has typed in the text since it was drawn up,
    /// loaded or saved.
    pub edited: bool,
    #[serde(skip)]
    confirm_redraw: bool,
}

impl SummaryState {
    /// The text, when it is not the saved summary. The program's draft as
    /// it drew it up does not count until the secretary types in it: it
    /// can be drawn up again at any time.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        if let Some(text) = &self.text
            && *text != ledger.rectification.summary
            && (self.edited || !self.is_draft)
        {
            out.push(Unsaved::new("工作总结", "", Screen::Rectification));
        }
    }
}

/// The summary tab.
pub fn summary_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut SummaryState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let saved = &ledger.rectification.summary;
    if state.text.is_none() {
        if saved.trim().is_empty() {
            state.text = Some(summary_draft(ledger));
            state.is_draft = true;
        } else {
            state.text = Some(saved.clone());
            state.is_draft = false;
        }
    }
    let Some(text) = &mut state.text else { return };
    let changed = *text != *saved;
    let editable = crate::ui::widgets::editable(ui);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(
                changed && editable,
                egui::Button::new(egui::RichText::new("保存总结").strong()),
            )
            .clicked()
        {
            actions.push(Action::Edit(Command::Rectification(RectificationCommand::SetSummary(
                text.clone(),
            ))));
            state.is_draft = false;
            state.edited = false;
        }
        if ui.add_enabled(editable, egui::Button::new("按台账重新起草")).clicked() {
            state.confirm_redraw = true;
        }
        if changed && !saved.is_empty() && ui.add_enabled(editable, egui::Button::new("放弃修改")).clicked() {
            *text = saved.clone();
            state.edited = false;
        }
        ui.separator();
        ui.label(format!("{} 字", count_chars(text)));
        if state.is_draft && saved.is_empty() {
            ui.colored_label(ui.visuals().warn_fg_color, "这是程序按台账起草的初稿，尚未保存");
        } else if changed {
            ui.colored_label(ui.visuals().warn_fg_color, "有未保存的修改");
        } else {
            ui.label("已保存");
        }
    });
    if state.confirm_redraw {
        egui::Modal::new(egui::Id::unique("redraw_summary")).show(ui.ctx(), |ui| {
            ui.label("用台账中的最新数字重新起草？编辑框中的文字将被替换（已保存的总结不变，保存后可以撤销）。");
            ui.horizontal(|ui| {
                if ui.button("重新起草").clicked() {
                    *text = summary_draft(ledger);
                    state.is_draft = true;
                    state.edited = false;
                    state.confirm_redraw = false;
                }
                if ui.button("取消").clicked() {
                    state.confirm_redraw = false;
                }
            });
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("summary_scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            let label = ui.label("总结正文");
            let response = ui
                .add_enabled(
                    editable,
                    egui::TextEdit::multiline(text)
                        .id_salt("summary_text")
                        .desired_rows(24)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if response.changed() {
                state.edited = true;
            }
        });
}
