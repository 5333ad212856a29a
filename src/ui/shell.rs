//! The frame around every screen: the top bar (branch name, the stage
//! stepper, save status, undo and redo) and the left navigation.

use crate::edit::{Document, SaveStatus};
use crate::model::{Date, Stage};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::{self, Offer, Unsaved};
use crate::ui::strings as s;

/// Typed input waiting outside the ledger, as the top bar tells it.
pub struct Waiting<'a> {
    /// What the screens hold unsaved.
    pub unsaved: &'a [Unsaved],
    /// Why the drafts file could not be written, if it could not.
    pub failed: Option<&'a str>,
}

/// The top bar.
pub fn top_bar_ui(ui: &mut egui::Ui, doc: &Document, waiting: &Waiting, actions: &mut Vec<Action>) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let name = if doc.ledger.branch.name.trim().is_empty() {
                s::UNNAMED_BRANCH
            } else {
                doc.ledger.branch.name.as_str()
            };
            ui.label(egui::RichText::new(name).strong().size(17.0))
                .on_hover_text(doc.path.display().to_string());
            ui.separator();
            stepper_ui(ui, doc.ledger.campaign.stage);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let redo = ui.add_enabled(doc.redo_label().is_some(), egui::Button::new(s::REDO));
                let redo = match doc.redo_label() {
                    Some(label) => redo.on_hover_text(format!("{}：{label}（Ctrl+Y）", s::REDO)),
                    None => redo,
                };
                if redo.clicked() {
                    actions.push(Action::Redo);
                }
                let closed = doc.ledger.campaign.is_closed();
                let undo = ui.add_enabled(doc.undo_label().is_some() && !closed, egui::Button::new(s::UNDO));
                let undo = match doc.undo_label() {
                    Some(label) => undo.on_hover_text(format!("{}：{label}（Ctrl+Z）", s::UNDO)),
                    None => undo,
                };
                if undo.clicked() {
                    actions.push(Action::Undo);
                }
                ui.separator();
                save_status_ui(ui, doc, waiting, actions);
            });
        });
        ui.add_space(4.0);
    });
}

fn save_status_ui(ui: &mut egui::Ui, doc: &Document, waiting: &Waiting, actions: &mut Vec<Action>) {
    if !waiting.unsaved.is_empty() || waiting.failed.is_some() {
        let saved_at = match doc.status() {
            SaveStatus::Saved(at) => Some(at.as_str()),
            _ => None,
        };
        waiting_ui(ui, waiting, saved_at);
        if saved_at.is_some() {
            return;
        }
    }
    match doc.status() {
        SaveStatus::Saved(at) => {
            ui.label(egui::RichText::new(format!("{} {at}", s::SAVED)).color(ui.visuals().weak_text_color()))
                .on_hover_text(doc.path.display().to_string());
        }
        SaveStatus::Unsaved => {
            if ui.button(s::SAVE_NOW).on_hover_text(s::save_hint()).clicked() {
                actions.push(Action::Save);
            }
            ui.label(s::UNSAVED);
        }
        SaveStatus::Failed(why) => {
            if ui.button(s::RETRY_SAVE).clicked() {
                actions.push(Action::Save);
            }
            let short: String = why.chars().take(40).collect();
            ui.colored_label(ui.visuals().error_fg_color, format!("{}：{short}…", s::SAVE_FAILED))
                .on_hover_text(why);
        }
        SaveStatus::ReadOnly(why) => {
            ui.colored_label(ui.visuals().warn_fg_color, s::READ_ONLY)
                .on_hover_text(why);
        }
    }
    // The ledger was saved, its copy in backups/ was not.
    if let Some(warning) = doc.save_warning() {
        ui.colored_label(ui.visuals().warn_fg_color, s::BACKUP_FAILED)
            .on_hover_text(warning);
    }
}

/// "草稿未保存：党性分析 1 份" beside the save status, so that 已保存 never
/// stands alone while something typed is waiting.
/// `saved_at`: when the ledger itself was last saved, told on hover only.
fn waiting_ui(ui: &mut egui::Ui, waiting: &Waiting, saved_at: Option<&str>) {
    if let Some(why) = waiting.failed {
        ui.colored_label(ui.visuals().error_fg_color, s::DRAFTS_NOT_WRITTEN)
            .on_hover_text(why);
    }
    if waiting.unsaved.is_empty() {
        return;
    }
    let list: Vec<String> = waiting.unsaved.iter().map(Unsaved::label).collect();
    ui.colored_label(
        ui.visuals().warn_fg_color,
        format!("{}：{}", s::DRAFTS_WAITING, drafts::summary(waiting.unsaved)),
    )
    .on_hover_text(format!(
        "{}\n{}{}",
        s::DRAFTS_WAITING_HINT,
        list.join("\n"),
        saved_at
            .map(|at| format!("\n\n{} {at}", s::LEDGER_SAVED))
            .unwrap_or_default()
    ));
}

/// A banner over every screen of a window that cannot change the ledger:
/// why, and how to change that.
pub fn read_only_banner_ui(ui: &mut egui::Ui, doc: &Document, actions: &mut Vec<Action>) {
    let text = match doc.status() {
        SaveStatus::ReadOnly(why) => format!("{}：{why}", s::READ_ONLY),
        _ if doc.ledger.campaign.is_closed() => s::CLOSED_BANNER.to_owned(),
        _ => return,
    };
    let closed = doc.is_writable();
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
        .corner_radius(4.0)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.add(egui::Label::new(egui::RichText::new(text).color(ui.visuals().strong_text_color())).wrap());
                if closed && ui.button(s::GO_REOPEN).clicked() {
                    actions.push(Action::OpenRectification(
                        crate::ui::screens::rectification::RectificationTarget {
                            tab: crate::ui::screens::rectification::RectificationTab::Closing,
                            member: None,
                        },
                    ));
                }
            });
        });
    ui.add_space(6.0);
}

/// The list of unsaved items in a dialog, at most a dozen lines.
fn unsaved_list_ui(ui: &mut egui::Ui, items: &[Unsaved]) {
    const SHOWN: usize = 12;
    for item in items.iter().take(SHOWN) {
        ui.label(format!("· {}", item.label()));
    }
    if items.len() > SHOWN {
        ui.label(format!("……另有 {} 项", items.len() - SHOWN));
    }
}

/// The secretary's answer to drafts offered back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferAnswer {
    Restore,
    Discard,
}

/// Offers back the drafts found beside the ledger when it was opened.
pub fn offer_ui(ctx: &egui::Context, offer: &Offer) -> Option<OfferAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("drafts_offer")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(s::OFFER_TITLE);
        match &offer.kept {
            Ok(_) => {
                ui.label(format!("{}（{}）：", s::OFFER_BODY, offer.written_at));
                unsaved_list_ui(ui, &offer.items);
                if offer.older_than_ledger {
                    ui.colored_label(ui.visuals().warn_fg_color, s::OFFER_OLDER);
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button(s::OFFER_RESTORE).clicked() {
                        answer = Some(OfferAnswer::Restore);
                    }
                    if ui.button(s::OFFER_DISCARD).clicked() {
                        answer = Some(OfferAnswer::Discard);
                    }
                });
            }
            Err(why) => {
                ui.add(egui::Label::new(why.as_str()).wrap());
                if ui.button(s::DISMISS_OK).clicked() {
                    answer = Some(OfferAnswer::Discard);
                }
            }
        }
    });
    answer
}

/// What to do with unsaved input when the window closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseAnswer {
    /// Keep it in the drafts file, offered back at the next open.
    Keep,
    /// Throw it away.
    Discard,
    /// Do not close.
    Stay,
}

/// Asks, when the window closes, what to do with unsaved input, naming it.
pub fn unsaved_close_ui(ctx: &egui::Context, items: &[Unsaved]) -> Option<CloseAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("unsaved_close")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(s::CLOSE_UNSAVED_TITLE);
        ui.label(s::CLOSE_UNSAVED_BODY);
        unsaved_list_ui(ui, items);
        ui.label(egui::RichText::new(s::CLOSE_UNSAVED_HINT).color(ui.visuals().weak_text_color()));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(s::CLOSE_KEEP).clicked() {
                answer = Some(CloseAnswer::Keep);
            }
            if ui.button(s::CLOSE_DISCARD).clicked() {
                answer = Some(CloseAnswer::Discard);
            }
            if ui.button(s::CLOSE_STAY).clicked() {
                answer = Some(CloseAnswer::Stay);
            }
        });
    });
    answer
}

/// 准备 → 学习动员 → 分析评议 → 整改提高, the current stage highlighted.
pub fn stepper_ui(ui: &mut egui::Ui, current: Stage) {
    for (i, stage) in Stage::STEPS.into_iter().enumerate() {
        if i > 0 {
            ui.label(egui::RichText::new("→").color(ui.visuals().weak_text_color()));
        }
        let title = if stage == Stage::Preparation {
            s::STEP_PREPARATION
        } else {
            stage.title()
        };
        let text = if stage < current {
            format!("✓ {title}")
        } else {
            title.to_owned()
        };
        let rich = egui::RichText::new(text);
        if stage == current {
            let fill = ui.visuals().selection.bg_fill;
            egui::Frame::new()
                .fill(fill)
                .corner_radius(4.0)
                .inner_margin(egui::Margin::symmetric(8, 2))
                .show(ui, |ui| {
                    ui.label(rich.strong().color(ui.visuals().strong_text_color()));
                });
        } else if stage < current {
            ui.label(rich.color(ui.visuals().weak_text_color()));
        } else {
            ui.label(rich);
        }
    }
    if current == Stage::Closed {
        ui.label(egui::RichText::new(format!("· {}（已验收归档，只读）", Stage::Closed.title())).strong())
            .on_hover_text(crate::model::campaign::CLOSED);
    }
}

/// The left navigation.
pub fn nav_ui(ui: &mut egui::Ui, doc: &Document, current: Screen, today: Date, actions: &mut Vec<Action>) {
    let due = crate::progress::rectification::due_counts(&doc.ledger, today);
    egui::Panel::left("nav")
        .resizable(false)
        .exact_size(128.0)
        .show(ui, |ui| {
            ui.add_space(8.0);
            for screen in Screen::ALL {
                if matches!(screen, Screen::Print | Screen::Settings) {
                    ui.separator();
                }
                let title = match screen {
                    Screen::Rectification => nav_title_with_due(screen.title(), due),
                    _ => screen.title().to_owned(),
                };
                let mut text = egui::RichText::new(title).size(16.0);
                if screen == Screen::Rectification && due.0 > 0 {
                    text = text.color(ui.visuals().error_fg_color);
                }
                if stage_of(screen) == Some(doc.ledger.campaign.stage) {
                    text = text.strong();
                }
                let button =
                    egui::Button::selectable(screen == current, text).min_size(egui::vec2(ui.available_width(), 30.0));
                let mut response = ui.add(button);
                if screen == Screen::Rectification && due != (0, 0) {
                    response = response.on_hover_text(format!(
                        "整改事项逾期 {} 项，{} 天内到期 {} 项",
                        due.0,
                        crate::model::rectification_rules::DUE_SOON_DAYS,
                        due.1
                    ));
                }
                if response.clicked() {
                    actions.push(Action::Go(screen));
                }
            }
            ui.with_layout(egui::Layout::bottom_up(egui::Align::Min), |ui| {
                ui.add_space(6.0);
                if ui
                    .small_button(s::CLOSE_FILE)
                    .on_hover_text(s::CLOSE_FILE_HINT)
                    .clicked()
                {
                    actions.push(Action::CloseFile);
                }
            });
        });
}

/// 整改提高 with its overdue and due-soon counts, e.g. 整改提高 3/2.
fn nav_title_with_due(title: &str, (overdue, soon): (usize, usize)) -> String {
    match (overdue, soon) {
        (0, 0) => title.to_owned(),
        (0, soon) => format!("{title} ·{soon}"),
        (overdue, _) => format!("{title} !{overdue}"),
    }
}

fn stage_of(screen: Screen) -> Option<Stage> {
    match screen {
        Screen::Preparation => Some(Stage::Preparation),
        Screen::Learning => Some(Stage::Learning),
        Screen::Appraisal => Some(Stage::Appraisal),
        Screen::Rectification => Some(Stage::Rectification),
        _ => None,
    }
}

/// A notice bar; returns true when the user closes it.
pub fn notice_ui(ui: &mut egui::Ui, text: &str, error: bool) -> bool {
    let visuals = ui.visuals();
    let (fill, color) = if error {
        (visuals.error_fg_color.gamma_multiply(0.15), visuals.error_fg_color)
    } else {
        (
            visuals.selection.bg_fill.gamma_multiply(0.3),
            visuals.strong_text_color(),
        )
    };
    let mut close = false;
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.add(egui::Label::new(egui::RichText::new(text).color(color)).wrap());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    close = ui.small_button(s::DISMISS).clicked();
                });
            });
        });
    ui.add_space(6.0);
    close
}

/// Asks whether to quit although saving failed. `Some(true)` quits,
/// `Some(false)` stays, `None` while undecided.
pub fn close_dialog_ui(ctx: &egui::Context, why: &str) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("close_dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(s::CLOSE_FAILED_TITLE);
        ui.label(why);
        ui.label(s::CLOSE_FAILED_BODY);
        ui.horizontal(|ui| {
            if ui.button(s::STAY).clicked() {
                answer = Some(false);
            }
            if ui.button(s::QUIT_ANYWAY).clicked() {
                answer = Some(true);
            }
        });
    });
    answer
}
