//! 回头看与验收归档: the stage's look-back checks (each unmet item a link),
//! then closing the campaign — accepted by the supervisory group, archived
//! by the branch, a written reason for every check let through — which
//! makes the ledger read-only; and the deliberate, recorded reopening.

use std::collections::BTreeMap;

use super::Frame;
use crate::edit::{Command, RectificationCommand};
use crate::model::campaign::{Closing, Reopening};
use crate::model::dates::show;
use crate::model::{Ledger, Stage, StageMove};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::gate::{MoveDraft, gate_ui, overrides_of, reason_of};
use crate::ui::widgets::{DateText, date_field_ui, editable, writable};

/// The closing tab's view state. The drafts file keeps the closing and
/// reopening forms with the reasons for unmet checks, but not the cached
/// checks.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ClosingState {
    /// The look-back checks, cached per revision.
    #[serde(skip)]
    pub gate: MoveDraft,
    pub accepted: DateText,
    pub accepted_by: String,
    pub archived_by: String,
    pub note: String,
    /// Reasons by the label of the check let through.
    pub reasons: BTreeMap<String, String>,
    pub reopen_date: DateText,
    pub reopen_by: String,
    pub reopen_reason: String,
}

impl ClosingState {
    /// The closing form while the campaign is open, the reopening form
    /// while it is closed, when something is typed in them that is not in
    /// the ledger (the names last recorded, the secretary as 归档人 and
    /// the dates they open with do not count).
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        let campaign = &ledger.campaign;
        match campaign.stage {
            Stage::Rectification => {
                let last = campaign
                    .closing
                    .as_ref()
                    .or_else(|| campaign.reopenings.iter().rev().find_map(|r| r.closing.as_ref()));
                let typed = |text: &str, recorded: Option<&str>, preset: &str| {
                    let text = text.trim();
                    !text.is_empty() && text != preset && Some(text) != recorded.map(str::trim)
                };
                let secretary = ledger.branch.secretary.trim();
                if typed(&self.accepted_by, last.map(|c| c.accepted_by.as_str()), "")
                    || typed(&self.archived_by, last.map(|c| c.archived_by.as_str()), secretary)
                    || typed(&self.note, last.map(|c| c.note.as_str()), "")
                    || self.reasons.values().any(|r| !r.trim().is_empty())
                {
                    out.push(Unsaved::new("验收归档", "", Screen::Rectification));
                }
            }
            Stage::Closed if !self.reopen_reason.trim().is_empty() => {
                out.push(Unsaved::new("重新打开活动", "", Screen::Rectification));
            }
            _ => {}
        }
    }
}

/// The closing tab.
pub fn closing_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut ClosingState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    egui::ScrollArea::vertical()
        .id_salt("closing_scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            gate_ui(
                ui,
                ledger,
                frame.revision,
                Stage::Rectification,
                &mut state.gate,
                frame.today,
                actions,
            );
            ui.add_space(10.0);
            ui.separator();
            history_ui(ui, frame);
            match ledger.campaign.stage {
                Stage::Rectification => {
                    ui.add_enabled_ui(editable(ui), |ui| close_form_ui(ui, frame, state, actions));
                }
                // The one change a closed campaign takes.
                Stage::Closed => reopen_form_ui(ui, frame, state, actions),
                _ => {
                    ui.label("转入整改提高阶段后才能验收归档。");
                }
            }
        });
}

/// Every closing and reopening so far.
fn history_ui(ui: &mut egui::Ui, frame: &Frame<'_>) {
    let campaign = &frame.ledger.campaign;
    if let Some(c) = &campaign.closing {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(egui::RichText::new("活动已验收归档，台账只读").strong().size(16.0));
            ui.label(format!(
                "验收：{}，验收人 {}；归档人 {}",
                show(c.accepted),
                c.accepted_by,
                c.archived_by
            ));
            if let Some(m) = campaign.moves.iter().rev().find(|m| m.to == Stage::Closed) {
                for o in &m.overrides {
                    ui.label(format!("· 未完成“{}”（{} 项）：{}", o.check, o.unmet, o.reason));
                }
            }
            if !c.note.is_empty() {
                ui.label(format!("说明：{}", c.note));
            }
        });
    }
    for r in &campaign.reopenings {
        let closed = r
            .closing
            .as_ref()
            .map(|c| format!("（原于 {} 验收归档）", show(c.accepted)))
            .unwrap_or_default();
        ui.label(format!("{} 由 {} 重新打开{closed}：{}", show(r.date), r.by, r.reason));
    }
}

fn close_form_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut ClosingState, actions: &mut Vec<Action>) {
    let gate = state
        .gate
        .gate(frame.ledger, frame.revision, Stage::Rectification, frame.today);
    if state.accepted.0.is_empty() {
        state.accepted = DateText::new(Some(frame.today));
    }
    if state.archived_by.is_empty() {
        state.archived_by = frame.ledger.branch.secretary.clone();
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(egui::RichText::new("验收归档（活动结束）").strong().size(16.0));
        ui.label("验收归档后，台账的一切记录都不能再修改（可以查看、打印和导出）；确需修改的，须写明理由重新打开，程序会留下记录。");
        ui.horizontal(|ui| {
            let label = ui.label("验收日期");
            date_field_ui(ui, &mut state.accepted, "closing_date").labelled_by(label.id);
        });
        for (title, text, hint) in [
            ("验收人", &mut state.accepted_by, "督导组或上级党委的同志"),
            ("归档人", &mut state.archived_by, "一般为支部书记"),
        ] {
            ui.horizontal(|ui| {
                let label = ui.label(title);
                ui.add(
                    egui::TextEdit::singleline(text)
                        .id_salt(("closing", title))
                        .hint_text(hint)
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            });
        }
        for check in gate.checks.iter().filter(|c| !c.is_met()) {
            let label = ui.label(format!("未完成的理由：{}", check.label));
            ui.add(
                egui::TextEdit::multiline(reason_of(&mut state.reasons, check.label))
                    .id_salt(("closing_reason", check.label))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        }
        ui.horizontal(|ui| {
            let label = ui.label("说明");
            ui.add(egui::TextEdit::singleline(&mut state.note).id_salt("closing_note").desired_width(360.0))
                .labelled_by(label.id);
        });
        if ui.button(egui::RichText::new("确认验收归档").strong()).clicked() {
            match build_close(&gate, state) {
                Ok(command) => {
                    actions.push(Action::Edit(command));
                    state.reasons.clear();
                }
                Err(message) => actions.push(Action::Error(message)),
            }
        }
    });
}

fn build_close(gate: &crate::progress::Gate, state: &ClosingState) -> Result<Command, String> {
    let accepted = state.accepted.read()?.ok_or_else(|| "请填写验收日期".to_owned())?;
    let overrides = overrides_of(gate, &state.reasons)?;
    Ok(Command::Rectification(RectificationCommand::Close {
        stage_move: StageMove {
            from: Stage::Rectification,
            to: Stage::Closed,
            date: accepted,
            approver: state.accepted_by.trim().to_owned(),
            overrides,
            note: state.note.trim().to_owned(),
        },
        closing: Closing {
            accepted,
            accepted_by: state.accepted_by.clone(),
            archived_by: state.archived_by.clone(),
            note: state.note.clone(),
        },
    }))
}

fn reopen_form_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut ClosingState, actions: &mut Vec<Action>) {
    if state.reopen_date.0.is_empty() {
        state.reopen_date = DateText::new(Some(frame.today));
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new("重新打开台账")
        .id_salt("reopen")
        .show(ui, |ui| {
            // The one change a closed campaign takes.
            ui.add_enabled_ui(writable(ui), |ui| reopen_fields_ui(ui, state, actions));
        });
}

/// The date, who and why of a reopening, and 确认重新打开.
fn reopen_fields_ui(ui: &mut egui::Ui, state: &mut ClosingState, actions: &mut Vec<Action>) {
    ui.label("重新打开后可以修改记录，活动回到整改提高阶段；重新打开的日期、经办人和理由会永久记录在台账中。");
    // The date last in its row: its message line takes the rest of the row.
    ui.horizontal(|ui| {
        let label = ui.label("经办人");
        ui.add(
            egui::TextEdit::singleline(&mut state.reopen_by)
                .id_salt("reopen_by")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
        let label = ui.label("日期");
        date_field_ui(ui, &mut state.reopen_date, "reopen_date").labelled_by(label.id);
    });
    let label = ui.label("重新打开的理由");
    ui.add(
        egui::TextEdit::multiline(&mut state.reopen_reason)
            .id_salt("reopen_reason")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    if ui.button("确认重新打开").clicked() {
        match state.reopen_date.read() {
            Ok(Some(date)) => {
                actions.push(Action::Edit(Command::Rectification(RectificationCommand::Reopen(
                    Reopening {
                        date,
                        by: state.reopen_by.clone(),
                        reason: state.reopen_reason.clone(),
                        closing: None,
                    },
                ))));
                state.reopen_reason.clear();
            }
            Ok(None) => actions.push(Action::Error("请填写重新打开的日期".to_owned())),
            Err(message) => actions.push(Action::Error(message)),
        }
    }
}
