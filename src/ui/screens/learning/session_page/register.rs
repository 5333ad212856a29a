//! The attendance entry of a recorded session's page: the 考勤 line with
//! its counts, 全部出席 and the name filter; a row per member on the
//! roster that day with 出席 / 请假 / 缺席, the leave reason and the
//! make-up still owed; and the keys (↑ ↓ to pick a row, 1 2 3 to mark it).

use std::collections::HashMap;

use egui_extras::{Column as TableColumn, TableBuilder};

use super::super::{Frame, LearningTab, LearningTarget, name_search_ui};
use super::{LINE_LIMIT, SessionPage};
use crate::edit::StudyCommand;
use crate::model::study::{Attendance, Session};
use crate::model::{Date, Ledger, Member, MemberId, SessionId};
use crate::progress::MemberHours;
use crate::progress::attendance;
use crate::ui::app::Action;
use crate::ui::widgets::editable;

/// Members on the roster on `date` whose name contains `filter`, as roster
/// indices.
pub(super) fn attendance_rows(ledger: &Ledger, date: Date, filter: &str) -> Vec<usize> {
    let needle = filter.trim();
    ledger
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.active_on(date) && (needle.is_empty() || m.name.contains(needle)))
        .map(|(i, _)| i)
        .collect()
}

/// The attendance: the 考勤 line, the keys, and a row per member.
pub(super) fn attendance_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    page: &mut SessionPage,
    actions: &mut Vec<Action>,
    go: &mut Option<LearningTarget>,
) {
    let ledger = frame.ledger;
    let session_id = page.draft.id;
    let Some(session) = ledger.study.session(session_id) else {
        return;
    };
    let enabled = editable(ui);
    let rows = attendance_rows(ledger, session.date, &page.filter);
    attendance_bar_ui(ui, ledger, session, &mut page.filter, enabled, actions);
    if rows.is_empty() {
        ui.label("没有符合条件的党员。");
        return;
    }
    page.cursor = page.cursor.min(rows.len() - 1);
    keys(ui, page, &rows, ledger, session_id, enabled, actions);
    let register = Register {
        frame,
        session,
        enabled,
    };
    register.table_ui(ui, page, &rows, actions, go);
}

/// 考勤: how many are present, on leave, absent and not yet recorded,
/// 全部出席, the name filter, and the keys.
fn attendance_bar_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    session: &Session,
    filter: &mut String,
    enabled: bool,
    actions: &mut Vec<Action>,
) {
    let counted = attendance::tally(ledger, session);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("考勤").strong());
        let mut summary = format!(
            "应到 {} 人，出席 {}，请假 {}，缺席 {}",
            counted.expected(),
            counted.present,
            counted.leave,
            counted.absent
        );
        if counted.unrecorded > 0 {
            summary += &format!("，未登记 {}", counted.unrecorded);
        }
        ui.label(summary);
        if ui.add_enabled(enabled, egui::Button::new("全部出席")).clicked() {
            actions.push(Action::Edit(StudyCommand::SetAllPresent(session.id).into()));
        }
        ui.separator();
        name_search_ui(ui, "attendance_filter", filter);
        ui.label(egui::RichText::new("键盘：↑↓ 选人，1 出席，2 请假，3 缺席").color(ui.visuals().weak_text_color()));
    });
}

/// The attendance table of one recorded session, as this frame draws it.
struct Register<'a> {
    frame: &'a Frame<'a>,
    session: &'a Session,
    /// The records may be changed (not a closed campaign).
    enabled: bool,
}

impl Register<'_> {
    /// One row per member in `rows` (roster indices): 序号, the name, the
    /// three choices, the leave reason, the make-up. A click on a row puts
    /// the cursor there.
    fn table_ui(
        &self,
        ui: &mut egui::Ui,
        page: &mut SessionPage,
        rows: &[usize],
        actions: &mut Vec<Action>,
        go: &mut Option<LearningTarget>,
    ) {
        let ledger = self.frame.ledger;
        ui.style_mut().interaction.selectable_labels = false;
        let mut table = TableBuilder::new(ui)
            .id_salt("attendance_table")
            .striped(true)
            // A click picks the row; the keyboard has ↑ ↓ and each row's
            // buttons, so a cell is no (unnamed) Tab stop.
            .sense(egui::Sense::CLICK)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .auto_shrink(false)
            .column(TableColumn::exact(40.0))
            .column(TableColumn::initial(100.0).clip(true))
            .column(TableColumn::exact(190.0))
            .column(TableColumn::initial(240.0).clip(true))
            .column(TableColumn::remainder());
        if std::mem::take(&mut page.scroll_to_cursor) {
            table = table.scroll_to_row(page.cursor, Some(egui::Align::Center));
        }
        let cursor = page.cursor;
        let mut clicked_row = None;
        table
            .header(24.0, |mut header| {
                for title in ["序号", "姓名", "考勤", "请假事由", "补学"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(28.0, rows.len(), |mut row| {
                    let index = row.index();
                    let member = &ledger.members[rows[index]];
                    let hours = self.frame.hours_at(rows[index]);
                    let current = self.session.attendance.get(&member.id);
                    row.set_selected(index == cursor);
                    row.col(|ui| {
                        ui.label((index + 1).to_string());
                    });
                    row.col(|ui| {
                        ui.label(&member.name);
                        if hours.exempt {
                            ui.label(egui::RichText::new("免学").color(ui.visuals().weak_text_color()));
                        }
                    });
                    row.col(|ui| {
                        if self.choices_ui(ui, member, current, actions) {
                            clicked_row = Some(index);
                        }
                    });
                    row.col(|ui| self.reason_ui(ui, member, current, &mut page.reasons, actions));
                    row.col(|ui| self.make_up_ui(ui, member, hours, current, go));
                    if row.response().clicked() {
                        clicked_row = Some(index);
                    }
                });
            });
        if let Some(index) = clicked_row {
            page.cursor = index;
        }
    }

    /// 出席 / 请假 / 缺席 for `member`, and 未登记 while none is recorded.
    /// Returns whether a choice was clicked.
    fn choices_ui(
        &self,
        ui: &mut egui::Ui,
        member: &Member,
        current: Option<&Attendance>,
        actions: &mut Vec<Action>,
    ) -> bool {
        let enabled = self.enabled;
        let mut clicked = false;
        for choice in [
            Attendance::Present,
            Attendance::Leave(String::new()),
            Attendance::Absent,
        ] {
            let label = choice.label();
            let selected = current.is_some_and(|a| std::mem::discriminant(a) == std::mem::discriminant(&choice));
            let response = crate::ui::widgets::choice_button(ui, enabled, selected, label);
            let name = format!("{}：{label}", member.name);
            response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, enabled, selected, name.clone()));
            if response.clicked() && !selected {
                actions.push(set(self.session.id, member.id, choice));
                clicked = true;
            }
        }
        if current.is_none() {
            ui.colored_label(ui.visuals().warn_fg_color, "未登记");
        }
        clicked
    }

    /// The leave reason of a member on leave, entered when the field loses
    /// focus; `reasons` holds what is being typed.
    fn reason_ui(
        &self,
        ui: &mut egui::Ui,
        member: &Member,
        current: Option<&Attendance>,
        reasons: &mut HashMap<MemberId, String>,
        actions: &mut Vec<Action>,
    ) {
        let Some(Attendance::Leave(reason)) = current else {
            reasons.remove(&member.id);
            return;
        };
        let enabled = self.enabled;
        let draft = reasons.entry(member.id).or_insert_with(|| reason.clone());
        let response = ui.add_enabled(
            enabled,
            egui::TextEdit::singleline(draft)
                .id_salt(("leave_reason", member.id))
                .hint_text("事由，如：住院")
                .char_limit(LINE_LIMIT)
                .desired_width(220.0),
        );
        let name = format!("{}的请假事由", member.name);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, enabled, name.clone()));
        if response.lost_focus() && draft.trim() != reason {
            actions.push(set(
                self.session.id,
                member.id,
                Attendance::Leave(draft.trim().to_owned()),
            ));
        }
        if !response.has_focus() && draft.trim() == reason.trim() {
            // Keep the draft in step with undo.
            *draft = reason.clone();
        }
    }

    /// For a missed session: 待补学 with 登记补学, or 已补学.
    fn make_up_ui(
        &self,
        ui: &mut egui::Ui,
        member: &Member,
        hours: &MemberHours,
        current: Option<&Attendance>,
        go: &mut Option<LearningTarget>,
    ) {
        if !current.is_some_and(Attendance::missed) {
            return;
        }
        let session = self.session.id;
        if !hours.owed.contains(&session) {
            ui.label("已补学");
            return;
        }
        let enabled = self.enabled;
        ui.colored_label(ui.visuals().warn_fg_color, "待补学");
        let button = ui.add_enabled(enabled, egui::Button::new("登记补学").small());
        let name = format!("为{}登记补学", member.name);
        button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name.clone()));
        if button.clicked() {
            *go = Some(LearningTarget {
                tab: LearningTab::MakeUps,
                member: Some(member.id),
                session: Some(session),
            });
        }
    }
}

pub(super) fn set(session: SessionId, member: MemberId, attendance: Attendance) -> Action {
    Action::Edit(
        StudyCommand::SetAttendance {
            session,
            member,
            attendance,
        }
        .into(),
    )
}

/// ↑ ↓ move the cursor; 1, 2, 3 mark the row present, on leave, absent
/// (when the records may be `edited`).
fn keys(
    ui: &egui::Ui,
    page: &mut SessionPage,
    rows: &[usize],
    ledger: &Ledger,
    session: SessionId,
    edited: bool,
    actions: &mut Vec<Action>,
) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    use egui::{Key, Modifiers};
    let pressed = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    if pressed(Key::ArrowDown) && page.cursor + 1 < rows.len() {
        page.cursor += 1;
        page.scroll_to_cursor = true;
    }
    if pressed(Key::ArrowUp) && page.cursor > 0 {
        page.cursor -= 1;
        page.scroll_to_cursor = true;
    }
    if !edited {
        return;
    }
    let member = ledger.members[rows[page.cursor]].id;
    let current = ledger.study.session(session).and_then(|s| s.attendance.get(&member));
    let choice = if pressed(Key::Num1) {
        Some(Attendance::Present)
    } else if pressed(Key::Num2) {
        Some(Attendance::Leave(String::new()))
    } else if pressed(Key::Num3) {
        Some(Attendance::Absent)
    } else {
        None
    };
    if let Some(choice) = choice {
        let same = current.is_some_and(|a| std::mem::discriminant(a) == std::mem::discriminant(&choice));
        if !same {
            actions.push(set(session, member, choice));
        }
        // Move on, as on a paper register.
        if page.cursor + 1 < rows.len() {
            page.cursor += 1;
            page.scroll_to_cursor = true;
        }
    }
}
