//! 保持先进性具体要求: the branch's own yardstick for stage 2, edited as a
//! draft and kept in the ledger when the field loses focus, when the
//! secretary presses 保存, or when the tab is left — so typing makes one
//! undo step, not one per character, and nothing typed is lost.

use super::LearningTab;
use crate::model::Ledger;
use crate::ui::app::Action;
use crate::ui::command::Command;

/// The longest requirements text the editor takes.
const LIMIT: usize = 20_000;

/// The text being edited and the ledger text it started from.
#[derive(Default)]
pub struct RequirementsDraft {
    pub text: String,
    base: Option<String>,
    focused: bool,
}

impl RequirementsDraft {
    fn dirty(&self) -> bool {
        self.base.as_ref().is_some_and(|b| *b != self.text)
    }

    fn commit(&mut self, actions: &mut Vec<Action>) {
        if self.dirty() {
            actions.push(Action::Edit(Command::SetRequirements(self.text.clone())));
            self.base = Some(self.text.clone());
        }
    }
}

/// Every frame, on any tab: keeps the draft and the ledger in step.
pub fn keep_draft_in_step(ledger: &Ledger, draft: &mut RequirementsDraft, tab: LearningTab, actions: &mut Vec<Action>) {
    let recorded = &ledger.study.requirements;
    if draft.dirty() && (tab != LearningTab::Requirements || !draft.focused) {
        draft.commit(actions);
        return;
    }
    if draft.base.as_ref() != Some(recorded) && !draft.dirty() {
        // First look, or the ledger changed underneath (undo, another file).
        draft.text = recorded.clone();
        draft.base = Some(recorded.clone());
    }
}

/// The requirements editor.
pub fn requirements_ui(ui: &mut egui::Ui, ledger: &Ledger, draft: &mut RequirementsDraft, actions: &mut Vec<Action>) {
    ui.label("可按党员类别分条写，例如：");
    ui.label(
        egui::RichText::new(
            "农民党员：带头学习科技、带头勤劳致富、带头帮助群众、带头遵纪守法、带头维护稳定；\n离退休党员：政治坚定、关心集体、发挥余热、遵守纪律；\n流动党员：主动与支部联系、按时交纳党费、在流入地发挥作用。",
        )
        .color(ui.visuals().weak_text_color()),
    );
    ui.horizontal(|ui| {
        if ui.add_enabled(draft.dirty(), egui::Button::new("保存")).clicked() {
            draft.commit(actions);
        }
        let chars = draft.text.chars().filter(|c| !c.is_whitespace()).count();
        let state = if draft.dirty() {
            "未保存（离开此页时自动保存）"
        } else if ledger.study.requirements.trim().is_empty() {
            "尚未填写"
        } else {
            "已保存"
        };
        ui.label(format!("{chars} 字 · {state}"));
    });
    let label = ui.label("本支部保持共产党员先进性的具体要求");
    egui::ScrollArea::vertical()
        .id_salt("requirements_scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            let response = ui
                .add(
                    egui::TextEdit::multiline(&mut draft.text)
                        .id_salt("requirements_text")
                        .char_limit(LIMIT)
                        .desired_rows(18)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            draft.focused = response.has_focus();
            if response.lost_focus() {
                draft.commit(actions);
            }
        });
}
