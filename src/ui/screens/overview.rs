//! 概览: where the campaign stands — each stage's look-back progress, the
//! record of stage moves, and every member's checklist row.

use std::sync::Arc;

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::model::dates::show;
use crate::model::rectification_rules::DUE_SOON_DAYS;
use crate::model::{Date, Ledger, Stage};
use crate::progress::rectification::{DueItem, DueRecord, due_items, short};
use crate::progress::{Checklist, Gate, checklist, gate};
use crate::ui::app::{Action, Screen};
use crate::ui::cache::Cached;
use crate::ui::screens::learning::{LearningTab, LearningTarget};
use crate::ui::strings as s;
use crate::ui::widgets::status_mark;

/// The overview's view state.
#[derive(Debug, Clone, Default)]
pub struct OverviewState {
    pub search: String,
    pub only_incomplete: bool,
    pub focus_search: bool,
    /// The gates and the checklist, worked out at this revision of the
    /// records and this day (they walk every attendance record: not once a
    /// frame).
    derived: Cached<(u64, Date), Arc<Derived>>,
}

/// What the overview shows, worked out once per revision and day.
#[derive(Debug, Clone)]
struct Derived {
    gates: Vec<Gate>,
    checklist: Checklist,
    due: Vec<DueItem>,
}

/// The overview screen. `revision` changes whenever the records do.
pub fn overview_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    state: &mut OverviewState,
    today: Date,
    actions: &mut Vec<Action>,
) {
    let derived = state.derived.shared_or((revision, today), || Derived {
        gates: Stage::STEPS.iter().map(|&stage| gate(ledger, stage, today)).collect(),
        checklist: checklist(ledger),
        due: due_items(ledger, today),
    });
    ui.heading(format!("{} · {}", s::NAV_OVERVIEW, ledger.campaign.name));
    // On a short window (1366×768 at scale 1.5, 1024×600) the stage cards
    // and the due list took all but two rows of the member table, which is
    // what the secretary comes here for: they shrink to a line each.
    let compact = ui.available_height() < COMPACT_BELOW;
    stages_ui(ui, ledger, &derived.gates, compact, actions);
    if !derived.due.is_empty() {
        if !compact {
            ui.add_space(4.0);
        }
        due_ui(ui, ledger, &derived.due, compact, actions);
    }
    if !compact {
        ui.add_space(6.0);
        ui.separator();
    }
    checklist_ui(ui, &derived.checklist, state, compact, actions);
}

/// The height (points) under which the top of the overview is compact.
const COMPACT_BELOW: f32 = 620.0;

/// The rectification items overdue or due within days, each a link.
/// Compact, the list starts folded (its heading still counts the items)
/// and scrolls within less height.
fn due_ui(ui: &mut egui::Ui, ledger: &Ledger, due: &[DueItem], compact: bool, actions: &mut Vec<Action>) {
    let overdue = due.iter().filter(|i| i.overdue).count();
    let title = format!(
        "整改事项：逾期 {overdue} 项，{DUE_SOON_DAYS} 天内到期 {} 项",
        due.len() - overdue
    );
    egui::CollapsingHeader::new(egui::RichText::new(title).strong())
        .id_salt("due_items")
        .default_open(!compact)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("due_scroll")
                .max_height(if compact { 60.0 } else { 110.0 })
                .show(ui, |ui| {
                    for item in due {
                        ui.horizontal(|ui| {
                            let (tag, color) = if item.overdue {
                                ("逾期", ui.visuals().error_fg_color)
                            } else {
                                ("临期", ui.visuals().warn_fg_color)
                            };
                            ui.colored_label(color, tag);
                            ui.label(show(item.deadline));
                            let who = match item.record {
                                DueRecord::Commitment(member, _) => ledger.member_name(member).to_owned(),
                                DueRecord::BranchItem(_) => "支部".to_owned(),
                            };
                            if ui.link(format!("{who}：{}", short(&item.problem))).clicked() {
                                actions.push(Action::OpenDue(item.record));
                            }
                            if item.overdue && !item.explained {
                                ui.label(egui::RichText::new("（未写说明）").small());
                            }
                        });
                    }
                });
        });
}

/// The four stage cards. Compact, each is one line — the stage, its
/// checks met and the link — with the period and the move on hover.
fn stages_ui(ui: &mut egui::Ui, ledger: &Ledger, gates: &[Gate], compact: bool, actions: &mut Vec<Action>) {
    let current = ledger.campaign.stage;
    ui.columns(4, |cols| {
        for ((col, stage), g) in cols.iter_mut().zip(Stage::STEPS).zip(gates) {
            let state = match stage.cmp(&current) {
                std::cmp::Ordering::Less => s::STAGE_DONE,
                std::cmp::Ordering::Equal => s::STAGE_CURRENT,
                std::cmp::Ordering::Greater => s::STAGE_LATER,
            };
            let (met, all) = g.score();
            let checks = if g.not_yet_checked.is_some() {
                format!("{state} · {}", s::CHECKS_COMING)
            } else {
                format!("{state} · {} {met}/{all}", s::CHECKS_MET)
            };
            let period = ledger
                .campaign
                .plan
                .period(stage)
                .and_then(|p| Some(format!("{} — {}", show(p.start?), show(p.end?))));
            let moved = ledger
                .campaign
                .moves
                .iter()
                .rev()
                .find(|m| m.from == stage)
                .map(|m| format!("{} {} · {}", show(m.date), s::MOVED_ON, m.approver));
            let title = egui::RichText::new(stage.title())
                .strong()
                .size(if compact { 15.0 } else { 16.0 });
            let title = if stage == current {
                title.color(col.visuals().hyperlink_color)
            } else {
                title
            };
            egui::Frame::group(col.style()).show(col, |ui| {
                ui.set_width(ui.available_width());
                if compact {
                    let details: Vec<&str> = [period.as_deref(), Some(checks.as_str()), moved.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect();
                    ui.horizontal(|ui| {
                        ui.label(title).on_hover_text(details.join("\n"));
                        ui.label(if g.not_yet_checked.is_some() {
                            "—".to_owned()
                        } else {
                            format!("{met}/{all}")
                        });
                        // Narrow: the card's title says which stage; the name says it too.
                        let name = format!("{}{}", s::OPEN_STAGE, stage.title());
                        if ui.link(s::OPEN_STAGE).accessible_name(name).clicked() {
                            actions.push(open_stage(stage));
                        }
                    });
                    return;
                }
                ui.set_min_height(86.0);
                ui.label(title);
                if let Some(period) = &period {
                    ui.label(egui::RichText::new(period).small());
                }
                ui.label(&checks);
                if let Some(moved) = &moved {
                    ui.label(egui::RichText::new(moved).small());
                }
                if ui.link(format!("{}{}", s::OPEN_STAGE, stage.title())).clicked() {
                    actions.push(open_stage(stage));
                }
            });
        }
    });
}

/// Where a stage card's 查看 goes.
fn open_stage(stage: Stage) -> Action {
    match stage {
        Stage::Learning => Action::OpenLearning(LearningTarget {
            tab: LearningTab::Gate,
            member: None,
            session: None,
        }),
        _ => Action::Go(screen_of(stage)),
    }
}

fn screen_of(stage: Stage) -> Screen {
    match stage {
        Stage::Preparation => Screen::Preparation,
        Stage::Learning => Screen::Learning,
        Stage::Appraisal => Screen::Appraisal,
        Stage::Rectification | Stage::Closed => Screen::Rectification,
    }
}

/// The members' checklist; compact, its rows sit closer together.
fn checklist_ui(
    ui: &mut egui::Ui,
    list: &Checklist,
    state: &mut OverviewState,
    compact: bool,
    actions: &mut Vec<Action>,
) {
    let complete = list.rows.iter().filter(|r| r.complete()).count();
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(s::CHECKLIST).strong().size(16.0));
        ui.label(format!("{} {complete}/{} {}", s::ALL_MET, list.rows.len(), s::PERSONS));
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut state.search)
                    .id_salt("overview_search")
                    .hint_text(s::SEARCH_NAME)
                    .desired_width(190.0),
            )
            .accessible_name("按姓名查找");
        if state.focus_search {
            search.request_focus();
            state.focus_search = false;
        }
        ui.checkbox(&mut state.only_incomplete, s::ONLY_INCOMPLETE);
    });
    let needle = state.search.trim();
    let rows: Vec<usize> = (0..list.rows.len())
        .filter(|&i| !state.only_incomplete || !list.rows[i].complete())
        .filter(|&i| needle.is_empty() || list.rows[i].name.contains(needle))
        .collect();
    let totals = list.totals();
    let mut clicked = None;
    // Clicks anywhere on a row open it; labels must not take them for text selection.
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("checklist_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            // Every column on a 1366-wide screen while they fit; sideways
            // scrolling when a later campaign adds more.
            let n = list.columns.len().max(1) as f32;
            let spacing = ui.spacing().item_spacing.x;
            let width = ((ui.available_width() - 96.0 - spacing * (n + 2.0)) / n).clamp(84.0, 150.0);
            if compact {
                ui.spacing_mut().item_spacing.y = 2.0;
            }
            let mut table = TableBuilder::new(ui)
                .id_salt("checklist_table")
                .striped(true)
                // A click anywhere opens the row; a cell is no Tab stop (a
                // hundred unnamed stops): the name's link is the keyboard's.
                .sense(egui::Sense::CLICK)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::initial(96.0).clip(true));
            // Not resizable, like the record lists: a column's drag handle
            // is a Tab stop the keyboard cannot use, one per column after
            // the last row; each column has its width already.
            for _ in &list.columns {
                table = table.column(TableColumn::exact(width).clip(true));
            }
            table
                .column(TableColumn::remainder())
                .header(40.0, |mut header| {
                    header.col(|ui| {
                        ui.strong(s::COL_NAME);
                    });
                    for (column, (met, all)) in list.columns.iter().zip(&totals) {
                        header.col(|ui| {
                            ui.vertical(|ui| {
                                ui.strong(column.title());
                                ui.label(format!("{met}/{all} 人"));
                            });
                        });
                    }
                    header.col(|_| {});
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let r = &list.rows[rows[row.index()]];
                        row.col(|ui| {
                            if ui.link(&r.name).clicked() {
                                clicked = Some(r.member);
                            }
                        });
                        for cell in &r.cells {
                            row.col(|ui| {
                                let (mark, color) = status_mark(cell.done);
                                ui.colored_label(color, mark);
                                ui.label(&cell.text);
                            });
                        }
                        row.col(|_| {});
                        if row.response().clicked() {
                            clicked = Some(r.member);
                        }
                    });
                });
        });
    if let Some(id) = clicked {
        actions.push(Action::ShowMember(id));
    }
}
