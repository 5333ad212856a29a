//! The one record form. Every tab that adds and edits one kind of record
//! (a reflection, a make-up, a talk card, a commitment …) holds a
//! [`RecordForm`] around its own typed fields: whether the record is new,
//! whether a save was tried (so the form says what is wrong), whether a
//! delete is being asked, what the form was opened with (so that a new form
//! left as its 新增 button made it holds nothing unsaved), and the member
//! picker's filter. The save / delete row, the delete question, the
//! heading with 关闭, the "record was removed meanwhile" check and the
//! unsaved test for the top bar, the drafts file and the switch question
//! are written here once.
//!
//! A kind of record says only what is its own, in [`RecordInput`]: how its
//! fields become a command (or what is wrong), how its record in the
//! ledger looks as fields, its delete, and how the top bar names it.

use crate::edit::Command;
use crate::model::{Date, Ledger};
use crate::ui::app::Action;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{self, Form};
use crate::ui::widgets::editable;

/// The typed fields of one kind of record, and what they mean.
pub trait RecordInput: Clone + PartialEq {
    /// What the save button sends for these fields — the add of a new
    /// record or the replacement of the one edited — or what is wrong,
    /// in Chinese.
    /// `today` bounds the dates a form may hold (a birth or joining date
    /// not after it).
    fn command(&self, ledger: &Ledger, today: Date, is_new: bool) -> Result<Command, String>;

    /// The fields of the record these fields edit, as the ledger holds it
    /// now; `None` when it is no longer there (an undo took it away).
    fn recorded(&self, ledger: &Ledger) -> Option<Self>;

    /// Whether `other` edits the same recorded record (opening it again
    /// keeps the form as it is).
    fn same_record(&self, other: &Self) -> bool;

    /// The delete button's label.
    const DELETE_BUTTON: &'static str = "删除";

    /// The delete question ("删除王秀英的这篇心得？"; a second line, after
    /// a line break, may say what goes with the record) and its command.
    fn delete(&self, ledger: &Ledger) -> (String, Command);

    /// How the top bar and the drafts offer name this form
    /// ("学习心得 · 王秀英").
    fn unsaved_label(&self, ledger: &Ledger) -> Unsaved;

    /// For a new record: the fields that count as nothing typed, given the
    /// fields the form was opened with. By default those fields; a form
    /// whose member can be chosen without counting as typing puts the
    /// member chosen now into them.
    fn untyped(&self, opened: &Self) -> Self {
        opened.clone()
    }
}

/// A record being added or edited. Kept in the drafts file with its
/// fields; what was tried or asked is not.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RecordForm<I> {
    /// The typed fields.
    pub input: I,
    /// Not yet in the ledger: saving adds it, and there is nothing to delete.
    pub is_new: bool,
    /// A new form's fields as it was opened; `None` for an edit, which
    /// compares with the ledger instead. (Missing in the drafts file
    /// reads as `None`.)
    opened: Option<I>,
    /// The member picker's name filter: not input.
    #[serde(skip)]
    pub picker: String,
    /// A save was tried and refused: the form shows why.
    #[serde(skip)]
    attempted: bool,
    /// The delete question is open.
    #[serde(skip)]
    confirm_delete: bool,
    /// 关闭 was pressed while the form held unsaved input: asking first.
    #[serde(skip)]
    confirm_close: bool,
}

impl<I: RecordInput> RecordForm<I> {
    /// A form for a new record holding `input`; nothing counts as typed
    /// until it differs from it.
    pub fn new(input: I) -> Self {
        Self {
            opened: Some(input.clone()),
            input,
            is_new: true,
            picker: String::new(),
            attempted: false,
            confirm_delete: false,
            confirm_close: false,
        }
    }

    /// A form editing the recorded record whose fields are `input`.
    pub fn edit(input: I) -> Self {
        Self {
            input,
            is_new: false,
            opened: None,
            picker: String::new(),
            attempted: false,
            confirm_delete: false,
            confirm_close: false,
        }
    }

    /// Whether the record the form edits is still in the ledger (a new
    /// form always is).
    pub fn exists(&self, ledger: &Ledger) -> bool {
        self.is_new || self.input.recorded(ledger).is_some()
    }

    /// Whether `other` opens the same recorded record as this form.
    pub fn same_record(&self, other: &Self) -> bool {
        !self.is_new && !other.is_new && self.input.same_record(&other.input)
    }

    /// Whether a save was tried and refused.
    pub fn attempted(&self) -> bool {
        self.attempted
    }

    /// What the save button sends, or what is wrong.
    pub fn command(&self, ledger: &Ledger, today: Date) -> Result<Command, String> {
        self.input.command(ledger, today, self.is_new)
    }

    /// The heading (`new_title` or `edit_title`) with 关闭 at its right.
    /// Returns false when the form is to close.
    pub fn heading_ui(&mut self, ui: &mut egui::Ui, ledger: &Ledger, new_title: &str, edit_title: &str) -> bool {
        let mut open = true;
        ui.horizontal(|ui| {
            ui.heading(if self.is_new { new_title } else { edit_title });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                open = self.close_ui(ui, ledger, "关闭");
            });
        });
        open
    }

    /// The button that puts the form away (关闭, 返回列表). On a form
    /// holding unsaved input it asks first (继续编辑 / 放弃修改并关闭):
    /// typing is never put away by one click. Returns false when the form
    /// is to close.
    pub fn close_ui(&mut self, ui: &mut egui::Ui, ledger: &Ledger, label: &str) -> bool {
        let mut open = true;
        if ui.button(label).clicked() {
            if self.unsaved(ledger).is_some() {
                self.confirm_close = true;
            } else {
                open = false;
            }
        }
        if self.confirm_close {
            let what = self.unsaved(ledger).map_or_else(String::new, |u| u.label());
            egui::Modal::new(egui::Id::unique(("close_record", label))).show(ui.ctx(), |ui| {
                ui.set_max_width(420.0);
                ui.label(format!("「{what}」有未保存的修改。关闭后这些修改会丢失。"));
                ui.horizontal(|ui| {
                    if ui.button(egui::RichText::new("继续编辑").strong()).clicked() {
                        self.confirm_close = false;
                    }
                    if ui.button("放弃修改并关闭").clicked() {
                        self.confirm_close = false;
                        open = false;
                    }
                });
            });
        }
        open
    }

    /// The save and delete buttons, the message of what is wrong (after a
    /// save was tried, or at once when editing a recorded record), and the
    /// delete question. Returns false when the form should close (saved or
    /// deleted).
    pub fn buttons_ui(
        &mut self,
        ui: &mut egui::Ui,
        ledger: &Ledger,
        today: Date,
        save_label: &str,
        actions: &mut Vec<Action>,
    ) -> bool {
        let mut open = true;
        let enabled = editable(ui);
        let command = self.command(ledger, today);
        let message = command.as_ref().err().cloned();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(enabled, egui::Button::new(egui::RichText::new(save_label).strong()))
                .clicked()
                && switch::send(command, &mut self.attempted, actions)
            {
                open = false;
            }
            if !self.is_new {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.add_enabled(enabled, egui::Button::new(I::DELETE_BUTTON)).clicked() {
                        self.confirm_delete = true;
                    }
                });
            }
        });
        if let Some(message) = message
            && (self.attempted || !self.is_new)
        {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        if self.confirm_delete && !self.delete_question_ui(ui.ctx(), ledger, save_label, actions) {
            open = false;
        }
        open
    }

    /// The delete question; false when the record was deleted.
    fn delete_question_ui(
        &mut self,
        ctx: &egui::Context,
        ledger: &Ledger,
        salt: &str,
        actions: &mut Vec<Action>,
    ) -> bool {
        let mut kept = true;
        let (question, command) = self.input.delete(ledger);
        egui::Modal::new(egui::Id::unique(("delete_record", salt))).show(ctx, |ui| {
            ui.set_max_width(440.0);
            let (first, more) = question.split_once('\n').unwrap_or((&question, ""));
            ui.label(egui::RichText::new(first).strong());
            if !more.is_empty() {
                ui.label(more);
            }
            ui.label("删除后可以用“撤销”（Ctrl+Z）恢复。");
            ui.horizontal(|ui| {
                if ui.button("确认删除").clicked() {
                    actions.push(Action::Edit(command));
                    kept = false;
                }
                if ui.button("取消").clicked() {
                    self.confirm_delete = false;
                }
            });
        });
        kept
    }
}

impl<I: RecordInput> Form for RecordForm<I> {
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let changed = if self.is_new {
            self.opened
                .as_ref()
                .is_none_or(|opened| self.input != self.input.untyped(opened))
        } else {
            self.input
                .recorded(ledger)
                .is_none_or(|recorded| recorded != self.input)
        };
        changed.then(|| self.input.unsaved_label(ledger))
    }

    fn save(&mut self, ledger: &Ledger, today: Date, actions: &mut Vec<Action>) -> bool {
        switch::send(self.command(ledger, today), &mut self.attempted, actions)
    }
}

/// How a tab shows its record form at the right of its list: a resizable
/// side panel with the heading and 关闭 fixed at its top, the save / delete
/// row fixed at its bottom, and the fields scrolling between them — so a
/// tall form (a talk card, a survey round) never scrolls 关闭 or 保存 out
/// of sight.
pub struct FormPanel {
    /// The panel's id; its parts are salted with it.
    pub id: &'static str,
    /// The panel's starting and smallest widths.
    pub widths: (f32, f32),
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub save_label: &'static str,
}

impl FormPanel {
    /// Draws the form in `slot`, if one is open, with `fields_ui` for its
    /// fields; empties the slot when the form is saved, deleted or closed,
    /// or its record was taken away meanwhile (an undo).
    pub fn show<I: RecordInput>(
        &self,
        ui: &mut egui::Ui,
        ledger: &Ledger,
        today: Date,
        slot: &mut Option<RecordForm<I>>,
        actions: &mut Vec<Action>,
        fields_ui: impl FnOnce(&mut egui::Ui, &mut RecordForm<I>),
    ) {
        let Some(form) = slot else {
            return;
        };
        let mut open = form.exists(ledger);
        if open {
            egui::Panel::right(self.id)
                .resizable(true)
                .default_size(self.widths.0)
                .min_size(self.widths.1)
                .show(ui, |ui| {
                    open = self.parts_ui(ui, (ledger, today), form, actions, fields_ui)
                });
            crate::ui::screens::a11y::name_panel_handle(ui, self.id, "表单");
        }
        if !open {
            *slot = None;
        }
    }

    /// The heading, the save row and the scrolling fields; false when the
    /// form is to close.
    fn parts_ui<I: RecordInput>(
        &self,
        ui: &mut egui::Ui,
        (ledger, today): (&Ledger, Date),
        form: &mut RecordForm<I>,
        actions: &mut Vec<Action>,
        fields_ui: impl FnOnce(&mut egui::Ui, &mut RecordForm<I>),
    ) -> bool {
        let mut open = true;
        egui::Panel::top((self.id, "heading"))
            .resizable(false)
            .show_separator_line(false)
            .show(ui, |ui| {
                open = form.heading_ui(ui, ledger, self.new_title, self.edit_title)
            });
        let mut kept = true;
        egui::Panel::bottom((self.id, "buttons"))
            .resizable(false)
            .show(ui, |ui| {
                ui.add_space(4.0);
                kept = form.buttons_ui(ui, ledger, today, self.save_label, actions);
            });
        egui::ScrollArea::vertical()
            .id_salt((self.id, "scroll"))
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.add_enabled_ui(editable(ui), |ui| fields_ui(ui, form));
            });
        open && kept
    }
}
