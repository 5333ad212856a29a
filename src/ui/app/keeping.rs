//! Typed input the screens hold, on the app's side: asking every screen
//! each frame what it holds unsaved, handing it to the drafts file's
//! thread ([`drafts::Keeper`]), offering drafts back when a ledger opens,
//! and the question when the window closes with something unsaved.

use std::path::Path;

use super::{Document, Notice, ZhibuApp};
use crate::store;
use crate::ui::drafts::{self, Unsaved};
use crate::ui::shell;

impl ZhibuApp {
    /// On closing the window: save first; if that fails, ask; if a form
    /// holds unsaved input, ask what to do with it. A read-only window
    /// closes quietly.
    pub(super) fn close_guard(&mut self, ctx: &egui::Context) {
        let requested = ctx.input(|i| i.viewport().close_requested());
        if requested && !self.pending_close && !self.asking_close && !self.closing {
            let saved = self.doc.as_mut().is_none_or(Document::save_now);
            if !saved {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.pending_close = true;
            } else if self.doc.as_ref().is_some_and(Document::is_writable) && !self.unsaved.is_empty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.asking_close = true;
            }
        }
        if self.asking_close {
            match shell::unsaved_close_ui(ctx, &self.unsaved) {
                Some(shell::CloseAnswer::Keep) => {
                    self.hand_over_drafts(f64::INFINITY, true);
                    self.close_now(ctx);
                }
                Some(shell::CloseAnswer::Discard) => {
                    self.discard_drafts();
                    self.close_now(ctx);
                }
                Some(shell::CloseAnswer::Stay) => self.asking_close = false,
                None => {}
            }
        }
        if self.pending_close {
            let why = match self.doc.as_ref().map(Document::status) {
                Some(crate::edit::SaveStatus::Failed(why)) => why.clone(),
                _ => String::new(),
            };
            match shell::close_dialog_ui(ctx, &why) {
                Some(true) => {
                    self.doc = None;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
                Some(false) => self.pending_close = false,
                None => {}
            }
        }
    }

    /// Closes the window once the question about unsaved input is
    /// answered.
    pub(super) fn close_now(&mut self, ctx: &egui::Context) {
        self.asking_close = false;
        self.closing = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Saves before the program ends, and keeps what is typed.
    pub fn on_exit(&mut self) {
        self.remember_window();
        if let Some(doc) = &mut self.doc {
            doc.save_now();
            // The next start lists it with this last save.
            self.note_recent();
            self.save_prefs();
        }
        // Drafts still offered stay as they are for the next open.
        if !self.closing && self.offer.is_none() {
            // Ended without the close question (the system shutting down):
            // nothing typed may go.
            self.look_for_unsaved();
            self.hand_over_drafts(f64::INFINITY, true);
        }
    }

    /// Whether the window was told to close (the close question answered).
    pub fn is_closing(&self) -> bool {
        self.closing
    }

    /// What the screens hold unsaved now (the top bar, the close question).
    pub fn unsaved(&self) -> Vec<Unsaved> {
        self.unsaved.clone()
    }

    /// Drafts found when the ledger was opened and not answered yet.
    pub fn offer(&self) -> Option<&drafts::Offer> {
        self.offer.as_ref()
    }

    /// Waits until the drafts handed to the writing thread are on disk.
    pub fn wait_for_drafts(&mut self) {
        if let Some(keeper) = &mut self.keeper {
            keeper.wait();
        }
    }

    pub(super) fn screens(&self) -> drafts::Screens<'_> {
        drafts::Screens {
            screen: self.screen,
            roster: &self.roster,
            prep: &self.prep,
            settings: &self.settings,
            learning: &self.learning,
            appraisal: &self.appraisal,
            rectification: &self.rectification,
        }
    }

    pub(super) fn look_for_unsaved(&mut self) {
        self.unsaved = match &self.doc {
            Some(doc) => self.screens().unsaved(&doc.ledger),
            None => Vec::new(),
        };
    }

    /// Starts keeping drafts for a ledger just opened, and offers back the
    /// drafts a crash or a close left beside it. A read-only window keeps
    /// none (the window holding the ledger does).
    pub(super) fn start_keeping(&mut self, doc: &Document) {
        self.keeper = None;
        self.offer = None;
        if !doc.is_writable() {
            return;
        }
        self.offer = drafts::offer(&doc.path, &doc.ledger, doc.counter());
        let existing = self.offer.as_ref().is_some_and(|o| o.kept.is_ok());
        self.keeper = Some(drafts::Keeper::new(&doc.path, existing));
    }

    /// Keeps the drafts file up to date, at most every
    /// [`drafts::KEEP_EVERY`] seconds, and asks for a frame then while
    /// something is unsaved (so the last keystrokes are written even when
    /// no more input comes).
    pub(super) fn keep_drafts(&mut self, ctx: &egui::Context, now: f64) {
        if !self.unsaved.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(drafts::KEEP_EVERY));
        }
        if self.keeper.as_ref().is_some_and(|k| k.due(now)) {
            self.hand_over_drafts(now, false);
        }
    }

    /// Hands what is unsaved to the drafts thread (`wait`: and waits until
    /// it is on disk). Nothing while drafts are still offered (the file
    /// holds what the offer shows) or in a read-only window.
    pub(super) fn hand_over_drafts(&mut self, now: f64, wait: bool) {
        if self.offer.is_some() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        if !doc.is_writable() {
            return;
        }
        let counter = doc.counter();
        let body = if self.unsaved.is_empty() {
            None
        } else {
            self.screens().body(&doc.ledger)
        };
        if let Some(keeper) = &mut self.keeper {
            keeper.keep(body, counter, now);
            if wait {
                keeper.wait();
            }
        }
    }

    /// Removes the drafts file (the secretary chose not to keep them).
    pub(super) fn discard_drafts(&mut self) {
        if let Some(keeper) = &mut self.keeper {
            keeper.keep(None, None, f64::INFINITY);
            keeper.wait();
        }
        self.unsaved.clear();
        self.reset_screens();
    }

    pub(super) fn answer_offer(&mut self, answer: shell::OfferAnswer) {
        let Some(offer) = self.offer.take() else { return };
        match (answer, offer.kept) {
            (shell::OfferAnswer::Restore, Ok(kept)) => {
                let kept = *kept;
                self.screen = kept.screen;
                self.roster = kept.roster;
                self.prep = kept.prep;
                self.settings = kept.settings;
                self.learning = kept.learning;
                self.appraisal = kept.appraisal;
                self.rectification = kept.rectification;
                self.look_for_unsaved();
                if let Some(keeper) = &mut self.keeper {
                    // The file is written again from the restored screens.
                    keeper.forget();
                }
            }
            (shell::OfferAnswer::Discard, Ok(_)) => {
                if let Err(err) = store::remove_drafts(self.doc.as_ref().map_or(Path::new(""), |d| &d.path)) {
                    self.notice = Some(Notice {
                        text: err.to_string(),
                        error: true,
                        shown_at: 0.0,
                    });
                }
                if let Some(keeper) = &mut self.keeper {
                    keeper.forget();
                }
            }
            // The unreadable file was set aside already; nothing to restore.
            (_, Err(_)) => {}
        }
    }
}
