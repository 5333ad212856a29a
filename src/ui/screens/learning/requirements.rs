//! 保持先进性具体要求: the branch's own yardstick for stage 2, edited as a
//! draft and put in the ledger when the secretary presses 保存 — so typing
//! makes one undo step, not one per character. Until then the draft is
//! unsaved: the top bar lists it and the drafts file keeps it.

use crate::edit::StudyCommand;
use crate::model::Ledger;
use crate::ui::app::Action;
use crate::ui::widgets::editable;

/// The longest requirements text the editor takes.
const LIMIT: usize = 20_000;

/// The text being edited and the ledger text it started from.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RequirementsDraft {
    pub text: String,
    base: Option<String>,
}

impl RequirementsDraft {
    fn dirty(&self) -> bool {
        self.base.as_ref().is_some_and(|b| *b != self.text)
    }

    /// Whether the draft holds text that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger) -> bool {
        self.dirty() && self.text != ledger.study.requirements
    }

    fn commit(&mut self, actions: &mut Vec<Action>) {
        if self.dirty() {
            actions.push(Action::Edit(StudyCommand::SetRequirements(self.text.clone()).into()));
            self.base = Some(self.text.clone());
        }
    }
}

/// Every frame, on any tab: while nothing is typed, the draft follows the
/// ledger (the first look, undo, another file).
pub fn keep_draft_in_step(ledger: &Ledger, draft: &mut RequirementsDraft) {
    let recorded = &ledger.study.requirements;
    if draft.base.as_ref() != Some(recorded) && !draft.dirty() {
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
    let enabled = editable(ui);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(enabled && draft.dirty(), egui::Button::new("保存"))
            .clicked()
        {
            draft.commit(actions);
        }
        if draft.dirty() && ui.button("放弃修改").clicked() {
            draft.text = draft.base.clone().unwrap_or_default();
        }
        let chars = draft.text.chars().filter(|c| !c.is_whitespace()).count();
        let state = if draft.dirty() {
            "未保存（按“保存”存入台账）"
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
            ui.add_enabled(
                enabled,
                egui::TextEdit::multiline(&mut draft.text)
                    .id_salt("requirements_text")
                    .char_limit(LIMIT)
                    .desired_rows(18)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
}
