//! The list of study sessions: sortable, searchable, filtered by stage, with
//! each session's attendance counts. A click opens the session's page.

use egui_extras::{Column as TableColumn, TableBuilder};

use super::{Frame, SessionPage};
use crate::model::dates::show;
use crate::model::study::{Attendance, Session};
use crate::model::study_rules::show_hours;
use crate::model::{Shared, Stage};
use crate::ui::widgets::sort_header_ui;

/// The list's view state.
#[derive(Default)]
pub struct SessionsState {
    pub search: String,
    /// `None`: every stage.
    pub stage: Option<Stage>,
    pub sort: SortKey,
    pub descending: bool,
}

/// A column the list can be sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Date,
    Stage,
    Form,
    Topic,
    Hours,
    Host,
    Present,
    Leave,
    Absent,
}

const COLUMNS: [(SortKey, &str, f32); 9] = [
    (SortKey::Date, "日期", 96.0),
    (SortKey::Stage, "阶段", 70.0),
    (SortKey::Form, "形式", 80.0),
    (SortKey::Topic, "学习内容", 300.0),
    (SortKey::Hours, "学时", 48.0),
    (SortKey::Host, "主持/主讲", 90.0),
    (SortKey::Present, "出席", 60.0),
    (SortKey::Leave, "请假", 44.0),
    (SortKey::Absent, "缺席", 44.0),
];

/// Attendance counts of a session: present (of expected), leave, absent.
pub fn counts(session: &Session) -> (usize, usize, usize, usize) {
    let mut c = (0, 0, 0, 0);
    for a in session.attendance.values() {
        c.0 += 1;
        match a {
            Attendance::Present => c.1 += 1,
            Attendance::Leave(_) => c.2 += 1,
            Attendance::Absent => c.3 += 1,
        }
    }
    c
}

/// The list of sessions.
pub fn sessions_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut SessionsState, page: &mut Option<SessionPage>) {
    let ledger = frame.ledger;
    let study = &ledger.study;
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(crate::ui::widgets::editable(ui), egui::Button::new("新增学习"))
            .clicked()
        {
            *page = Some(SessionPage::new_session(ledger));
        }
        ui.separator();
        let label = ui.label("搜索");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .id_salt("sessions_search")
                .hint_text("学习内容、材料、地点、主讲人")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        egui::ComboBox::from_id_salt("sessions_stage")
            .selected_text(state.stage.map_or("全部阶段", Stage::title))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.stage, None, "全部阶段");
                for stage in [Stage::Learning, Stage::Appraisal, Stage::Rectification] {
                    ui.selectable_value(&mut state.stage, Some(stage), stage.title());
                }
            });
        let total: f64 = study.sessions.iter().map(|s| s.hours).sum();
        ui.label(format!(
            "共 {} 次，合计 {} 学时",
            study.sessions.len(),
            show_hours(total)
        ));
    });
    ui.add_space(4.0);
    let rows = visible_rows(&study.sessions, state);
    if rows.is_empty() {
        ui.add_space(16.0);
        ui.label(if study.sessions.is_empty() {
            "还没有学习记录。点击“新增学习”登记第一次学习，出席情况默认全部出席，只需标出请假和缺席的党员。"
        } else {
            "没有符合条件的学习记录。"
        });
        return;
    }
    let mut clicked = None;
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("sessions_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("sessions_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false);
            for (_, _, width) in COLUMNS {
                table = table.column(TableColumn::initial(width).at_least(36.0).clip(true).resizable(true));
            }
            table = table.column(TableColumn::remainder());
            table
                .header(26.0, |mut header| {
                    for (key, title, _) in COLUMNS {
                        header.col(|ui| {
                            sort_header_ui(ui, title, key, &mut state.sort, &mut state.descending);
                        });
                    }
                    header.col(|_| {});
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let session = &study.sessions[rows[row.index()]];
                        let (expected, present, leave, absent) = counts(session);
                        row.col(|ui| {
                            ui.label(show(session.date));
                        });
                        row.col(|ui| {
                            ui.label(session.stage.title());
                        });
                        row.col(|ui| {
                            ui.label(session.form.label());
                        });
                        row.col(|ui| {
                            let mut text = egui::RichText::new(&session.topic);
                            if session.kind == crate::model::study::SessionKind::Mobilisation {
                                text = text.strong();
                            }
                            ui.label(text);
                        });
                        row.col(|ui| {
                            ui.label(show_hours(session.hours));
                        });
                        row.col(|ui| {
                            ui.label(&session.host);
                        });
                        row.col(|ui| {
                            ui.label(format!("{present}/{expected}"));
                        });
                        row.col(|ui| {
                            ui.label(leave.to_string());
                        });
                        row.col(|ui| {
                            if absent > 0 {
                                ui.colored_label(ui.visuals().error_fg_color, absent.to_string());
                            } else {
                                ui.label("0");
                            }
                        });
                        row.col(|_| {});
                        if row.response().clicked() {
                            clicked = Some(session.id);
                        }
                    });
                });
        });
    if let Some(session) = clicked.and_then(|id| study.session(id)) {
        *page = Some(SessionPage::edit(session));
    }
}

/// The sessions to list, filtered and sorted, as indices.
pub fn visible_rows(sessions: &[Shared<Session>], state: &SessionsState) -> Vec<usize> {
    let needle = state.search.trim();
    let mut rows: Vec<usize> = sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| state.stage.is_none_or(|stage| s.stage == stage))
        .filter(|(_, s)| {
            needle.is_empty()
                || s.topic.contains(needle)
                || s.material.contains(needle)
                || s.place.contains(needle)
                || s.host.contains(needle)
                || s.notes.contains(needle)
        })
        .map(|(i, _)| i)
        .collect();
    let key = state.sort;
    rows.sort_by(|&a, &b| {
        let (x, y) = (&sessions[a], &sessions[b]);
        let order = match key {
            SortKey::Date => x.date.cmp(&y.date),
            SortKey::Stage => x.stage.cmp(&y.stage),
            SortKey::Form => x.form.label().cmp(y.form.label()),
            SortKey::Topic => x.topic.cmp(&y.topic),
            SortKey::Hours => x.hours.total_cmp(&y.hours),
            SortKey::Host => x.host.cmp(&y.host),
            SortKey::Present => counts(x).1.cmp(&counts(y).1),
            SortKey::Leave => counts(x).2.cmp(&counts(y).2),
            SortKey::Absent => counts(x).3.cmp(&counts(y).3),
        };
        order.then(x.date.cmp(&y.date)).then(a.cmp(&b))
    });
    if state.descending {
        rows.reverse();
    }
    rows
}
