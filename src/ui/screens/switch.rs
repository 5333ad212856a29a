//! Leaving a form that holds typed input. Opening another record, or a new
//! form, where an open form holds input that is not in the ledger asks
//! first instead of putting the typing away: 继续编辑, 保存并切换 (saved
//! exactly as the form's own save button saves it, and refused the same
//! way, the form then showing why), or 放弃修改并切换. Every screen asks
//! with this one question.
//!
//! A form says what it holds unsaved with [`Form::unsaved`] — the same
//! function its screen's `unsaved` lists for the top bar and the drafts
//! file — so a form opened to read, or as its 新增 button left it, never
//! asks. The test runs when a record is picked, not every frame; a screen
//! holds a [`Switch`] for where it was asked to go and draws its question
//! with [`Switch::ui`], which costs nothing while no question is open.

use crate::edit::Command;
use crate::model::{Date, Ledger};
use crate::ui::app::Action;
use crate::ui::drafts::Unsaved;
use crate::ui::widgets::editable;

/// What the switch question needs of a form.
pub trait Form {
    /// What the form holds that is not in the ledger, as the top bar lists
    /// it; `None` when it holds nothing new. The screen's `unsaved` lists
    /// the same.
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved>;

    /// Whether one press saves everything [`Form::unsaved`] counts. When
    /// not (input in two places with two save buttons), the question
    /// offers only 继续编辑 and 放弃修改并切换.
    fn savable(&self, _ledger: &Ledger) -> bool {
        true
    }

    /// Saves the form as its own save button does: the same reading, the
    /// same rule, the same actions. Refused, it marks itself so that it
    /// shows why (as after a press of that button) and returns false.
    fn save(&mut self, ledger: &Ledger, today: Date, actions: &mut Vec<Action>) -> bool;
}

/// Sends a record form's save command, or marks the form as tried so that
/// it shows what is wrong. The one path of a save button and of
/// 保存并切换; returns whether it was sent.
pub fn send(command: Result<Command, String>, attempted: &mut bool, actions: &mut Vec<Action>) -> bool {
    match command {
        Ok(command) => {
            actions.push(Action::Edit(command));
            *attempted = false;
            true
        }
        Err(_) => {
            *attempted = true;
            false
        }
    }
}

/// What became of the question.
pub enum Leave<T> {
    /// The form was saved: close it as its save button does. Where to go
    /// follows at the next frame, once the save is in the ledger (the app
    /// opens a record just added; the switch then goes on past it).
    Saved,
    /// Go there now; the form holds nothing more worth keeping.
    Go(T),
}

/// Where a screen was asked to go while its form held unsaved input: the
/// question about it, or the way on after 保存并切换. Not kept in the
/// drafts file.
pub struct Switch<T> {
    /// Where to, and the form it asks about ("党员信息 · 王秀英").
    asking: Option<(T, String)>,
    /// Saved on the way: go here at the next frame.
    after_save: Option<T>,
}

impl<T> Default for Switch<T> {
    fn default() -> Self {
        Self {
            asking: None,
            after_save: None,
        }
    }
}

/// The answers to the question.
#[derive(Clone, Copy)]
enum Answer {
    Stay,
    Save,
    Discard,
}

impl<T> Switch<T> {
    /// Asks to leave `form` for `to`. Returns `to` when the form holds
    /// nothing unsaved (go there at once); otherwise keeps it, and
    /// [`Switch::ui`] asks first.
    pub fn ask<F: Form + ?Sized>(&mut self, ledger: &Ledger, form: Option<&F>, to: T) -> Option<T> {
        self.ask_about(form.and_then(|f| f.unsaved(ledger)), to)
    }

    /// [`Switch::ask`] for a form that is the screen's state itself: what
    /// it holds unsaved, as its [`Form::unsaved`] says.
    pub fn ask_about(&mut self, unsaved: Option<Unsaved>, to: T) -> Option<T> {
        match unsaved {
            Some(unsaved) => {
                self.asking = Some((to, unsaved.label()));
                self.after_save = None;
                None
            }
            None => {
                self.asking = None;
                Some(to)
            }
        }
    }

    /// Draws the question while one is open, and says what became of it.
    /// To be called every frame the screen is drawn, with the form it
    /// would leave.
    pub fn ui<F: Form + ?Sized>(
        &mut self,
        ui: &egui::Ui,
        ledger: &Ledger,
        today: Date,
        form: Option<&mut F>,
        actions: &mut Vec<Action>,
    ) -> Option<Leave<T>> {
        if let Some(to) = self.after_save.take() {
            return Some(Leave::Go(to));
        }
        let (_, from) = self.asking.as_ref()?;
        // Closed meanwhile (an undo took its record away): nothing to lose.
        let Some(form) = form else {
            return self.asking.take().map(|(to, _)| Leave::Go(to));
        };
        match question_ui(ui.ctx(), from, form.savable(ledger), editable(ui))? {
            Answer::Stay => {
                self.asking = None;
                None
            }
            Answer::Discard => self.asking.take().map(|(to, _)| Leave::Go(to)),
            Answer::Save => {
                let (to, _) = self.asking.take()?;
                if form.save(ledger, today, actions) {
                    self.after_save = Some(to);
                    Some(Leave::Saved)
                } else {
                    // Refused: stay on the form, which now says why.
                    None
                }
            }
        }
    }
}

/// For a screen whose one form `slot` is replaced by the form picked: asks
/// before `next` replaces a form holding unsaved input.
pub fn open<F: Form>(switch: &mut Switch<F>, slot: &mut Option<F>, ledger: &Ledger, next: F) {
    if let Some(next) = switch.ask(ledger, slot.as_ref(), next) {
        *slot = Some(next);
    }
}

/// The question of [`open`], drawn; the slot follows the answer.
pub fn slot_ui<F: Form>(
    ui: &egui::Ui,
    switch: &mut Switch<F>,
    slot: &mut Option<F>,
    ledger: &Ledger,
    today: Date,
    actions: &mut Vec<Action>,
) {
    match switch.ui(ui, ledger, today, slot.as_mut(), actions) {
        Some(Leave::Go(next)) => *slot = Some(next),
        Some(Leave::Saved) => *slot = None,
        None => {}
    }
}

/// The question, in a modal window. Escape keeps editing; a click beside
/// it does nothing (the click that picked the record may still be under
/// way when the question first shows).
fn question_ui(ctx: &egui::Context, from: &str, savable: bool, editable: bool) -> Option<Answer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("switch_unsaved")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.label(format!("「{from}」有未保存的修改。不保存就切换，这些修改会丢失。"));
        if !savable {
            ui.label(
                egui::RichText::new("这些修改分在几处，要分别保存：请继续编辑，逐一保存。")
                    .color(ui.visuals().weak_text_color()),
            );
        }
        ui.horizontal(|ui| {
            if ui.button("继续编辑").clicked() {
                answer = Some(Answer::Stay);
            }
            if savable
                && ui
                    .add_enabled(editable, egui::Button::new(egui::RichText::new("保存并切换").strong()))
                    .clicked()
            {
                answer = Some(Answer::Save);
            }
            if ui.button("放弃修改并切换").clicked() {
                answer = Some(Answer::Discard);
            }
        });
    });
    if answer.is_none() && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        answer = Some(Answer::Stay);
    }
    answer
}
