//! One session's page: its details (date, hours, topic, form, material,
//! place, host, notes) and its attendance, entered fast — everyone starts
//! present, one click (or the keys 1, 2, 3 on the row picked with ↑ ↓)
//! marks 出席, 请假 or 缺席, and a reason is typed beside a leave. The
//! attendance entry is drawn by [`register`].

mod register;

use std::collections::HashMap;

use super::{Frame, LearningTarget};
use crate::edit::StudyCommand;
use crate::model::dates::show;
use crate::model::study::{Attendance, Session, SessionKind, StudyForm};
use crate::model::study_rules::{check_session, parse_hours, show_hours};
use crate::model::{Date, Ledger, MemberId, SessionId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::Form;
use crate::ui::widgets::{DateText, editable};

/// Materials offered in the material field's list; any other text is fine.
const MATERIALS: [&str; 6] = [
    "《保持共产党员先进性教育读本》",
    "《中国共产党章程》",
    "党的十六大报告",
    "“三个代表”重要思想",
    "中央领导同志重要讲话",
    "先进典型事迹电教片",
];

/// The longest a one-line field may be.
const LINE_LIMIT: usize = 200;

/// A session being added or edited, with its attendance entry. The
/// details and the leave reasons being typed are kept in the drafts file;
/// the attendance itself goes straight into the ledger.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SessionPage {
    pub draft: Session,
    pub date: DateText,
    pub hours: String,
    pub is_new: bool,
    /// The attendance row the keys act on.
    #[serde(skip)]
    pub cursor: usize,
    #[serde(skip)]
    scroll_to_cursor: bool,
    #[serde(skip)]
    pub filter: String,
    /// Leave reasons being typed, by member.
    reasons: HashMap<MemberId, String>,
    /// Save was pressed with something wrong: show the message.
    #[serde(skip)]
    attempted: bool,
    #[serde(skip)]
    confirm_delete: bool,
}

impl SessionPage {
    /// A new study session.
    pub fn new_session(ledger: &Ledger) -> Self {
        let mut page = Self::edit(&Session {
            host: ledger.branch.secretary.clone(),
            ..Session::default()
        });
        page.is_new = true;
        page.date = DateText::default();
        page.hours = String::new();
        page
    }

    /// A new mobilisation meeting.
    pub fn new_mobilisation() -> Self {
        let mut page = Self::edit(&Session {
            kind: SessionKind::Mobilisation,
            topic: "保持共产党员先进性教育活动动员大会".to_owned(),
            ..Session::default()
        });
        page.is_new = true;
        page.date = DateText::default();
        page.hours = String::new();
        page
    }

    /// A page for a recorded session.
    pub fn edit(session: &Session) -> Self {
        Self {
            draft: session.clone(),
            date: DateText::new(Some(session.date)),
            hours: show_hours(session.hours),
            is_new: false,
            cursor: 0,
            scroll_to_cursor: false,
            filter: String::new(),
            reasons: HashMap::new(),
            attempted: false,
            confirm_delete: false,
        }
    }

    /// The session this page shows, when it is recorded.
    pub fn editing(&self) -> Option<SessionId> {
        (!self.is_new).then_some(self.draft.id)
    }

    /// Which session holds input not in the ledger ("2005-11-20 学习党章"),
    /// or `None`. A new page counts once something is typed in it; the
    /// attendance never counts, it is in the ledger already.
    fn unsaved_which(&self, ledger: &Ledger) -> Option<String> {
        let typed = || format!("{} {}", self.date.0.trim(), self.draft.topic.trim());
        let Some(id) = self.editing() else {
            let fresh = match self.draft.kind {
                SessionKind::Study => Self::new_session(ledger),
                SessionKind::Mobilisation => Self::new_mobilisation(),
            };
            return self.details_differ(&fresh.date, &fresh.hours, &fresh.draft).then(typed);
        };
        let Some(recorded) = ledger.study.session(id) else {
            return Some(typed());
        };
        let date = DateText::new(Some(recorded.date));
        let changed = self.details_differ(&date, &show_hours(recorded.hours), recorded)
            || !self.reasons_typed(recorded).is_empty();
        changed.then(|| format!("{} {}", show(recorded.date), recorded.topic))
    }

    /// Whether the details typed differ from `date`, `hours` and the rest of
    /// `session`.
    fn details_differ(&self, date: &DateText, hours: &str, session: &Session) -> bool {
        let d = &self.draft;
        self.date != *date
            || self.hours != hours
            || (d.kind, &d.topic, d.form, &d.material, &d.place, &d.host, &d.notes)
                != (
                    session.kind,
                    &session.topic,
                    session.form,
                    &session.material,
                    &session.place,
                    &session.host,
                    &session.notes,
                )
    }

    /// The leave reasons typed that differ from those recorded in
    /// `session`, by member.
    fn reasons_typed(&self, session: &Session) -> Vec<(MemberId, String)> {
        self.reasons
            .iter()
            .filter_map(|(member, typed)| match session.attendance.get(member) {
                Some(Attendance::Leave(recorded)) if typed.trim() != recorded.trim() => {
                    Some((*member, typed.trim().to_owned()))
                }
                _ => None,
            })
            .collect()
    }

    /// Puts the cursor on `member`'s attendance row.
    pub fn focus_member(&mut self, ledger: &Ledger, member: MemberId) {
        self.filter.clear();
        if let Some(row) = register::attendance_rows(ledger, self.draft.date, "")
            .iter()
            .position(|&i| ledger.members[i].id == member)
        {
            self.cursor = row;
            self.scroll_to_cursor = true;
        }
    }

    /// The session as the form reads now, or what is wrong.
    fn read(&self, ledger: &Ledger) -> Result<Session, String> {
        let mut session = self.draft.clone();
        session.date = match self.date.read()? {
            Some(date) => date,
            None => return Err("请填写日期".to_owned()),
        };
        session.hours = parse_hours(&self.hours)?;
        session.topic = session.topic.trim().to_owned();
        check_session(&session, &ledger.campaign.plan)?;
        Ok(session)
    }
}

impl Form for SessionPage {
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let what = match self.draft.kind {
            SessionKind::Study => "学习活动",
            SessionKind::Mobilisation => "动员大会",
        };
        let which = self.unsaved_which(ledger)?;
        Some(Unsaved::new(what, which, Screen::Learning))
    }

    /// 保存并登记考勤 of a new session; 保存修改 of a recorded one, with the
    /// leave reasons typed but not yet entered (a draft restored after a
    /// crash).
    fn save(&mut self, ledger: &Ledger, _today: Date, actions: &mut Vec<Action>) -> bool {
        let session = match self.read(ledger) {
            Ok(session) => session,
            Err(_) => {
                self.attempted = true;
                return false;
            }
        };
        self.attempted = false;
        if self.is_new {
            actions.push(Action::Edit(StudyCommand::AddSession(session).into()));
            return true;
        }
        let reasons = ledger
            .study
            .session(session.id)
            .map(|recorded| self.reasons_typed(recorded))
            .unwrap_or_default();
        let id = session.id;
        actions.push(Action::Edit(StudyCommand::UpdateSession(session).into()));
        for (member, reason) in reasons {
            actions.push(register::set(id, member, Attendance::Leave(reason)));
        }
        actions.push(Action::Notice("已保存".to_owned()));
        true
    }
}

/// Shows the page. Returns false when it is closed.
pub fn session_page_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    page: &mut SessionPage,
    actions: &mut Vec<Action>,
    go: &mut Option<LearningTarget>,
) -> bool {
    let ledger = frame.ledger;
    if let Some(id) = page.editing() {
        match ledger.study.session(id) {
            // Undo or another edit may have changed it: follow the record,
            // unless the secretary is typing in the form.
            Some(recorded) if recorded.attendance != page.draft.attendance => {
                page.draft.attendance = recorded.attendance.clone();
            }
            Some(_) => {}
            None => return false,
        }
    }
    let mut open = true;
    ui.horizontal(|ui| {
        if ui.button("← 返回").clicked() {
            open = false;
        }
        let title = match (page.is_new, page.draft.kind) {
            (true, SessionKind::Mobilisation) => "登记动员大会".to_owned(),
            (true, SessionKind::Study) => "新增学习".to_owned(),
            (false, _) => format!("{} {}", show(page.draft.date), page.draft.topic),
        };
        ui.heading(title);
    });
    let enabled = editable(ui);
    ui.add_enabled_ui(enabled, |ui| form_ui(ui, page));
    let read = page.read(ledger);
    ui.horizontal(|ui| {
        let label = if page.is_new {
            "保存并登记考勤"
        } else {
            "保存修改"
        };
        if ui
            .add_enabled(enabled, egui::Button::new(egui::RichText::new(label).strong()))
            .clicked()
        {
            let is_new = page.is_new;
            // A new session's page closes; the app opens the session added.
            if Form::save(page, ledger, frame.today, actions) && is_new {
                open = false;
            }
        }
        if let Err(message) = &read
            && (page.attempted || !page.is_new)
        {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        if !page.is_new {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.add_enabled(enabled, egui::Button::new("删除这次学习")).clicked() {
                    page.confirm_delete = true;
                }
            });
        }
    });
    if page.confirm_delete && delete_dialog_ui(ui.ctx(), page, actions) {
        open = false;
    }
    if page.is_new {
        ui.add_space(8.0);
        ui.label("保存后列出这一天在册的全部党员，默认出席，再标出请假和缺席的。");
        return open;
    }
    ui.separator();
    register::attendance_ui(ui, frame, page, actions, go);
    open && go.is_none()
}

fn form_ui(ui: &mut egui::Ui, page: &mut SessionPage) {
    let d = &mut page.draft;
    egui::Grid::new("session_form")
        .num_columns(4)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("日期");
            ui.vertical(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut page.date.0)
                        .id_salt("session_date")
                        .hint_text("如 2005-11-20")
                        .desired_width(120.0),
                )
                .labelled_by(label.id);
            });
            let label = ui.label("学时");
            ui.add(
                egui::TextEdit::singleline(&mut page.hours)
                    .id_salt("session_hours")
                    .hint_text("如 2 或 2.5")
                    .char_limit(8)
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
            ui.end_row();

            let label = ui.label("学习内容");
            ui.add(
                egui::TextEdit::singleline(&mut d.topic)
                    .id_salt("session_topic")
                    .char_limit(LINE_LIMIT)
                    .hint_text("如：学习党章第一章")
                    .desired_width(340.0),
            )
            .labelled_by(label.id);
            let label = ui.label("形式");
            egui::ComboBox::from_id_salt("session_form_kind")
                .selected_text(d.form.label())
                .show_ui(ui, |ui| {
                    for form in StudyForm::ALL {
                        ui.selectable_value(&mut d.form, form, form.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            let label = ui.label("学习材料");
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut d.material)
                        .id_salt("session_material")
                        .char_limit(LINE_LIMIT)
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
                ui.menu_button("常用", |ui| {
                    for m in MATERIALS {
                        if ui.button(m).clicked() {
                            d.material = m.to_owned();
                            ui.close();
                        }
                    }
                });
            });
            let label = ui.label("地点");
            ui.add(
                egui::TextEdit::singleline(&mut d.place)
                    .id_salt("session_place")
                    .char_limit(LINE_LIMIT)
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            ui.end_row();

            let label = ui.label("主持人或主讲人");
            ui.add(
                egui::TextEdit::singleline(&mut d.host)
                    .id_salt("session_host")
                    .char_limit(LINE_LIMIT)
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            let label = ui.label("备注");
            ui.add(
                egui::TextEdit::singleline(&mut d.notes)
                    .id_salt("session_notes")
                    .char_limit(2000)
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
}

/// Asks before deleting. Returns true when the session was deleted.
fn delete_dialog_ui(ctx: &egui::Context, page: &mut SessionPage, actions: &mut Vec<Action>) -> bool {
    let mut deleted = false;
    egui::Modal::new(egui::Id::unique("delete_session")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(format!("删除“{}”？", page.draft.topic));
        ui.label("这次学习的考勤一并删除，补学记录里对它的引用也会去掉。删除后可以用“撤销”（Ctrl+Z）恢复。");
        ui.horizontal(|ui| {
            if ui.button("确认删除").clicked() {
                actions.push(Action::Edit(StudyCommand::RemoveSession(page.draft.id).into()));
                deleted = true;
                page.confirm_delete = false;
            }
            if ui.button("取消").clicked() {
                page.confirm_delete = false;
            }
        });
    });
    deleted
}
