//! One screen alone: its `_ui` function drawn on a fixture ledger, with
//! the edits it sends applied through `zhibu::edit::apply` exactly as the
//! app applies them (each accepted edit a new revision), and every other
//! action it sends kept for the test to look at. Next to the whole-app
//! flows of [`super::harness`], this tests what one screen does without
//! the start screen, the file, the autosave or the navigation around it.

use egui_kittest::Harness;
use zhibu::edit::Command;
use zhibu::model::{Date, Ledger};
use zhibu::ui::app::Action;

use super::TODAY;
use zhibu::ui::screens::gate::MoveDraft;
use zhibu::ui::screens::learning::{LearningState, LearningTab, learning_ui};

/// What the screen is drawn with, and what became of what it sent.
pub struct OneScreen<S> {
    /// The records, as the screen's edits left them.
    pub ledger: Ledger,
    /// Raised by every accepted edit, as the document's revision is.
    pub revision: u64,
    pub today: Date,
    /// The screen's own view state.
    pub state: S,
    /// The edits accepted, in order.
    pub applied: Vec<Command>,
    /// The messages of edits `edit::apply` refused.
    pub refused: Vec<String>,
    /// Every action that is not an edit (go to a screen, a notice …).
    pub other: Vec<Action>,
}

impl<S> OneScreen<S> {
    fn take(&mut self, actions: Vec<Action>) {
        for action in actions {
            match action {
                Action::Edit(command) => match zhibu::edit::apply(&mut self.ledger, command.clone()) {
                    Ok(_) => {
                        self.applied.push(command);
                        self.revision += 1;
                    }
                    Err(message) => self.refused.push(message),
                },
                other => self.other.push(other),
            }
        }
    }
}

/// A 1366×768 harness around one screen: `draw(ui, screen, actions)` draws
/// it (typically one `_ui` call with the screen's state, ledger, revision
/// and today), and what it pushes to `actions` is applied after the frame.
pub fn one_screen<S: 'static>(
    ledger: Ledger,
    state: S,
    mut draw: impl FnMut(&mut egui::Ui, &Ledger, u64, Date, &mut S, &mut Vec<Action>) + 'static,
) -> Harness<'static, OneScreen<S>> {
    let screen = OneScreen {
        ledger,
        revision: 1,
        today: TODAY,
        state,
        applied: Vec::new(),
        refused: Vec::new(),
        other: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size([1366.0, 768.0])
        .with_step_dt(0.25)
        .with_max_steps(400)
        .with_context_setup(zhibu::ui::fonts::install)
        .build_ui_state(
            move |ui, screen: &mut OneScreen<S>| {
                let mut actions = Vec::new();
                draw(
                    ui,
                    &screen.ledger,
                    screen.revision,
                    screen.today,
                    &mut screen.state,
                    &mut actions,
                );
                screen.take(actions);
            },
            screen,
        );
    harness.run_steps(2);
    harness
}

/// The learning screen alone, with the stage-move draft its 回头看 tab uses.
pub type Learning = Harness<'static, OneScreen<(LearningState, MoveDraft)>>;

/// The learning screen open at `tab`.
pub fn learning_tab(ledger: Ledger, tab: LearningTab) -> Learning {
    let mut state = LearningState::default();
    state.tab = tab;
    one_screen(
        ledger,
        (state, MoveDraft::default()),
        |ui, ledger, revision, today, (state, stage_move), actions| {
            learning_ui(ui, ledger, revision, state, stage_move, today, actions);
        },
    )
}

/// The top of each label's rectangle, in the order the labels are given:
/// how a test reads the order of a list's rows.
pub fn tops<S>(harness: &Harness<'static, S>, labels: &[&str]) -> Vec<f32> {
    use egui_kittest::kittest::Queryable;
    labels.iter().map(|l| harness.get_by_label(l).rect().top()).collect()
}
