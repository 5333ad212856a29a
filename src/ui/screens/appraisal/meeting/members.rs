//! The meeting's members: attendance (one click, saved at once), make-up
//! for those absent, and each member's self-criticism and the criticism
//! they received, typed into the meeting's draft.

use egui_extras::{Column as TableColumn, TableBuilder};

use super::MeetingDraft;
use crate::edit::{AppraisalCommand, Command};
use crate::model::dates::show;
use crate::model::meeting::{Meeting, MeetingMakeUp};
use crate::model::study::Attendance;
use crate::model::{Member, MemberId};
use crate::progress::appraisal::MeetingPart;
use crate::ui::app::Action;
use crate::ui::screens::appraisal::Frame;
use crate::ui::widgets::{DateText, editable, status_mark};

/// Every member: attendance (saved at once), make-up, and whether their
/// remarks are recorded; the selected member's remarks below the table.
pub(super) fn members_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    draft: &mut MeetingDraft,
    selected: &mut Option<MemberId>,
    actions: &mut Vec<Action>,
) {
    let ledger = frame.ledger;
    let Some(base) = draft.base.clone() else { return };
    let rows: Vec<(usize, &Member)> = ledger
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.active_on(base.date))
        .collect();
    let present = rows
        .iter()
        .filter(|(_, m)| base.attendance.get(&m.id) == Some(&Attendance::Present))
        .count();
    let made_up = frame
        .standings
        .iter()
        .filter(|s| s.meeting == MeetingPart::MadeUp)
        .count();
    ui.label(
        egui::RichText::new(format!(
            "应到 {} 人，实到 {present} 人，已补课 {made_up} 人。缺席的党员须补课。",
            rows.len()
        ))
        .strong(),
    );
    let change = attendance_table_ui(ui, draft, &base, &rows, selected);
    if let Some((member, attendance)) = change {
        let mut meeting = base.clone();
        if attendance == Attendance::Present {
            meeting.make_ups.remove(&member);
        }
        meeting.attendance.insert(member, attendance);
        actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::UpdateMeeting(
            meeting,
        ))));
    }
    if let Some(member) = selected.filter(|id| rows.iter().any(|(_, m)| m.id == *id)) {
        ui.separator();
        member_remarks_ui(ui, frame, draft, member, actions);
    } else {
        ui.label("点击一名党员，记录他（她）的自我批评和收到的批评意见，或登记补课。");
    }
}

/// The table of members: attendance (a click changes it), make-up and
/// whether their remarks are written; a click on a row selects the
/// member. Not a record list: its cells are buttons and it is not sorted.
/// Returns the attendance clicked.
fn attendance_table_ui(
    ui: &mut egui::Ui,
    draft: &MeetingDraft,
    base: &Meeting,
    rows: &[(usize, &Member)],
    selected: &mut Option<MemberId>,
) -> Option<(MemberId, Attendance)> {
    let mut change: Option<(MemberId, Attendance)> = None;
    let editable = editable(ui);
    ui.style_mut().interaction.selectable_labels = false;
    let height = (rows.len() as f32 * 26.0 + 30.0).min(300.0);
    egui::ScrollArea::horizontal()
        .id_salt("meeting_members_hscroll")
        .max_height(height)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("meeting_members")
                .striped(true)
                // A click picks the row; a cell is no (unnamed) Tab stop:
                // the name's button picks it from the keyboard.
                .sense(egui::Sense::CLICK)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .max_scroll_height(height)
                .column(TableColumn::exact(34.0))
                .column(TableColumn::initial(90.0).clip(true))
                .column(TableColumn::exact(190.0))
                .column(TableColumn::initial(220.0).clip(true))
                .column(TableColumn::initial(90.0))
                .column(TableColumn::remainder().at_least(90.0))
                .header(24.0, |mut header| {
                    for title in ["序", "姓名", "考勤", "补课", "自我批评", "批评意见"] {
                        header.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(26.0, rows.len(), |mut row| {
                        let (i, m) = rows[row.index()];
                        row.set_selected(*selected == Some(m.id));
                        let attendance = base.attendance.get(&m.id);
                        row.col(|ui| {
                            ui.label((i + 1).to_string());
                        });
                        row.col(|ui| {
                            if ui.selectable_label(*selected == Some(m.id), &m.name).clicked() {
                                *selected = Some(m.id);
                            }
                        });
                        row.col(|ui| {
                            for choice in [
                                Attendance::Present,
                                Attendance::Leave(String::new()),
                                Attendance::Absent,
                            ] {
                                let label = choice.label();
                                let on = attendance.map(Attendance::label) == Some(choice.label());
                                let name = format!("{}：{label}", m.name);
                                let response = crate::ui::widgets::choice_button(ui, editable, on, label);
                                response.widget_info(|| {
                                    egui::WidgetInfo::selected(egui::Role::Button, editable, on, name.clone())
                                });
                                if response.clicked() && !on {
                                    change = Some((m.id, choice));
                                }
                            }
                        });
                        row.col(|ui| match (attendance, base.make_ups.get(&m.id)) {
                            (_, Some(make_up)) => {
                                ui.label(format!("已补课 {} {}", show(make_up.date), make_up.how));
                            }
                            (Some(Attendance::Present), None) => {}
                            (_, None) => {
                                ui.colored_label(ui.visuals().error_fg_color, "未补课");
                            }
                        });
                        let remarks = draft.meeting.remarks.get(&m.id);
                        for text in [
                            remarks.map(|r| r.self_criticism.as_str()),
                            remarks.map(|r| r.criticisms.as_str()),
                        ] {
                            row.col(|ui| {
                                let written = text.is_some_and(|t| !t.trim().is_empty());
                                let (mark, color) = status_mark(Some(written));
                                ui.colored_label(color, if written { mark } else { "未记" });
                            });
                        }
                        if row.response().clicked() {
                            *selected = Some(m.id);
                        }
                    });
                });
        });
    change
}

/// One member's remarks and make-up, edited in the draft (saved with
/// 保存会议记录).
fn member_remarks_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    draft: &mut MeetingDraft,
    member: MemberId,
    actions: &mut Vec<Action>,
) {
    ui.heading(format!("{}在会上", frame.ledger.member_name(member)));
    ui.add_enabled_ui(editable(ui), |ui| remarks_fields_ui(ui, frame, draft, member, actions));
}

/// The make-up, the remarks and 保存本人记录.
fn remarks_fields_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    draft: &mut MeetingDraft,
    member: MemberId,
    actions: &mut Vec<Action>,
) {
    let ledger = frame.ledger;
    let absent = draft.meeting.attendance.get(&member) != Some(&Attendance::Present);
    if absent {
        let mut has = draft.meeting.make_ups.contains_key(&member);
        if ui.checkbox(&mut has, "已补课").changed() {
            if has {
                draft.meeting.make_ups.insert(member, MeetingMakeUp::default());
                draft.make_up_dates.insert(member, DateText::new(Some(frame.today)));
            } else {
                draft.meeting.make_ups.remove(&member);
                draft.make_up_dates.remove(&member);
            }
        }
        if let Some(make_up) = draft.meeting.make_ups.get_mut(&member) {
            ui.horizontal(|ui| {
                let label = ui.label("补课日期");
                let date = draft.make_up_dates.entry(member).or_default();
                ui.add(
                    egui::TextEdit::singleline(&mut date.0)
                        .id_salt("meeting_make_up_date")
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
                let label = ui.label("补课方式");
                ui.add(
                    egui::TextEdit::singleline(&mut make_up.how)
                        .id_salt("meeting_make_up_how")
                        .hint_text("如 单独补开、上门听取意见")
                        .char_limit(100)
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            });
        }
    }
    let remarks = draft.meeting.remarks.entry(member).or_default();
    let label = ui.label("自我批评（摘要）");
    ui.add(
        egui::TextEdit::multiline(&mut remarks.self_criticism)
            .id_salt("meeting_self_criticism")
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let label = ui.label("他人提出的批评意见（摘要）");
    ui.add(
        egui::TextEdit::multiline(&mut remarks.criticisms)
            .id_salt("meeting_criticisms")
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    if draft.is_dirty() {
        ui.horizontal(|ui| {
            if ui.button(egui::RichText::new("保存本人记录").strong()).clicked() {
                match draft.read(ledger) {
                    Ok(meeting) => {
                        actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::UpdateMeeting(
                            meeting,
                        ))));
                        draft.attempted = false;
                    }
                    Err(_) => draft.attempted = true,
                }
            }
            ui.colored_label(ui.visuals().warn_fg_color, "有未保存的修改");
        });
        if draft.attempted
            && let Err(message) = draft.read(ledger)
        {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    }
}
