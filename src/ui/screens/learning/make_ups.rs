//! 补学: the make-up records, and the form that records one — which member,
//! when, how (补学会 / 送学上门 / 寄送资料自学 / 网上学习), the hours, who
//! delivered it, whether reflections came back, and which missed sessions
//! it covers, with the hours that will really be credited.

use std::collections::HashMap;

use egui_extras::{Column as TableColumn, TableBuilder};

use super::{Frame, member_picker_ui, record_buttons_ui};
use crate::edit::{Command, StudyCommand};
use crate::model::dates::show;
use crate::model::study::{MakeUp, MakeUpMethod};
use crate::model::study_rules::{check_make_up, parse_hours, show_hours};
use crate::model::{Category, Ledger, MakeUpId, MemberId, SessionId};
use crate::progress::hours_of;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::{Unsaved, differs};
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::widgets::{DateText, editable, sort_header_ui};

/// The make-up tab's view state: the form is kept in the drafts file.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MakeUpsState {
    #[serde(skip)]
    pub search: String,
    pub form: Option<MakeUpForm>,
    /// Sorted by this column (index into the headings); newest first by default.
    #[serde(skip)]
    pub sort: usize,
    #[serde(skip)]
    pub ascending: bool,
    /// Another make-up asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<MakeUpForm>,
}

impl MakeUpsState {
    /// A new make-up for `member`, covering `session` or else everything
    /// the member still owes (asking first when the open form holds
    /// unsaved input).
    pub fn open_new(&mut self, ledger: &Ledger, member: MemberId, session: Option<SessionId>) {
        self.open(ledger, MakeUpForm::new_for(ledger, member, session));
    }

    fn open(&mut self, ledger: &Ledger, form: MakeUpForm) {
        if self.form.as_ref().is_some_and(|open| open.same_record(&form)) {
            return;
        }
        switch::open(&mut self.switch, &mut self.form, ledger, form);
    }

    /// The make-up the form holds input for that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        self.form.as_ref()?.unsaved(ledger)
    }
}

impl Form for MakeUpForm {
    /// A new form is untouched while it is as one of the ways of opening
    /// it left it: 新增补学, or 登记补学 for the member (one session, or
    /// all they owe).
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let name = |id| ledger.member(id).map_or_else(String::new, |m| m.name.clone());
        let item = |member| Some(Unsaved::new("补学记录", name(member), Screen::Learning));
        if !self.is_new {
            let recorded = ledger.study.make_ups.iter().find(|m| m.id == self.draft.id);
            let fresh = recorded.map(MakeUpForm::edit);
            return if differs(self, fresh.as_ref()) {
                item(self.draft.member)
            } else {
                None
            };
        }
        if !differs(self, Some(&MakeUpForm::blank())) {
            return None;
        }
        let member = self.draft.member;
        let one = match self.draft.covers.as_slice() {
            [id] => Some(*id),
            _ => None,
        };
        let presets = [None, one].map(|session| MakeUpForm::new_for(ledger, member, session));
        if presets.iter().all(|preset| differs(self, Some(preset))) {
            item(member)
        } else {
            None
        }
    }

    fn save(&mut self, ledger: &Ledger, _today: crate::model::Date, actions: &mut Vec<Action>) -> bool {
        switch::send(self.command(ledger), &mut self.attempted, actions)
    }
}

impl MakeUpForm {
    /// A form as 新增补学 opens it.
    fn blank() -> Self {
        Self {
            is_new: true,
            date: DateText::default(),
            hours: String::new(),
            ..Self::edit(&MakeUp::default())
        }
    }

    /// A new make-up for `member`, covering `session` or else everything
    /// the member still owes.
    fn new_for(ledger: &Ledger, member: MemberId, session: Option<SessionId>) -> Self {
        let covers = match session {
            Some(id) => vec![id],
            None => hours_of(ledger, member).map(|h| h.owed).unwrap_or_default(),
        };
        let hours: f64 = covers
            .iter()
            .filter_map(|id| ledger.study.session(*id))
            .map(|s| s.hours)
            .sum();
        let method = match ledger.member(member).and_then(|m| m.category) {
            Some(Category::Mobile) => MakeUpMethod::Mailed,
            _ if ledger.member(member).is_some_and(|m| m.hardship) => MakeUpMethod::AtHome,
            _ => MakeUpMethod::Session,
        };
        let mut form = MakeUpForm::edit(&MakeUp {
            member,
            method,
            hours,
            covers,
            ..MakeUp::default()
        });
        form.is_new = true;
        form.date = DateText::default();
        if hours == 0.0 {
            form.hours.clear();
        }
        form
    }
}

/// A make-up being added or edited.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MakeUpForm {
    pub draft: MakeUp,
    pub is_new: bool,
    pub date: DateText,
    pub hours: String,
    #[serde(skip)]
    picker: String,
    #[serde(skip)]
    attempted: bool,
    #[serde(skip)]
    confirm_delete: bool,
}

impl MakeUpForm {
    fn edit(make_up: &MakeUp) -> Self {
        Self {
            draft: make_up.clone(),
            is_new: false,
            date: DateText::new(Some(make_up.date)),
            hours: show_hours(make_up.hours),
            picker: String::new(),
            attempted: false,
            confirm_delete: false,
        }
    }

    /// Whether `other` opens the same recorded make-up (a new one never is).
    fn same_record(&self, other: &Self) -> bool {
        !self.is_new && !other.is_new && self.draft.id == other.draft.id
    }

    /// What 保存补学 sends, or what is wrong.
    fn command(&self, ledger: &Ledger) -> Result<Command, String> {
        let make_up = self.read(ledger)?;
        Ok(if self.is_new {
            StudyCommand::AddMakeUp(make_up).into()
        } else {
            StudyCommand::UpdateMakeUp(make_up).into()
        })
    }

    fn read(&self, ledger: &Ledger) -> Result<MakeUp, String> {
        let mut make_up = self.draft.clone();
        if ledger.member(make_up.member).is_none() {
            return Err("请选择补学的党员".to_owned());
        }
        make_up.date = self.date.read()?.ok_or_else(|| "请填写补学日期".to_owned())?;
        make_up.hours = parse_hours(&self.hours)?;
        check_make_up(&make_up, ledger)?;
        Ok(make_up)
    }
}

/// The make-up tab.
pub fn make_ups_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut MakeUpsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    let credits: HashMap<MakeUpId, f64> = frame.hours.iter().flat_map(|h| h.credits.iter().copied()).collect();
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(editable(ui), egui::Button::new("新增补学")).clicked() {
            state.open(ledger, MakeUpForm::blank());
        }
        ui.separator();
        let label = ui.label("查找姓名");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .id_salt("make_ups_search")
                .desired_width(120.0),
        )
        .labelled_by(label.id);
        let owing = frame
            .hours
            .iter()
            .zip(&ledger.members)
            .filter(|(h, m)| m.is_current() && !h.owed.is_empty())
            .count();
        let credited: f64 = credits.values().sum();
        ui.label(format!(
            "共 {} 条补学，计入 {} 学时；尚有 {owing} 人缺课未补",
            ledger.study.make_ups.len(),
            show_hours(credited)
        ));
    });
    if let Some(form) = &mut state.form {
        let mut open = true;
        egui::Panel::right("make_up_form")
            .resizable(true)
            .default_size(440.0)
            .min_size(360.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().id_salt("make_up_scroll").show(ui, |ui| {
                    open = form_ui(ui, ledger, form, actions);
                });
            });
        if !open {
            state.form = None;
        }
    }
    let needle = state.search.trim();
    let mut rows: Vec<&MakeUp> = ledger
        .study
        .make_ups
        .iter()
        .filter(|m| needle.is_empty() || ledger.member_name(m.member).contains(needle))
        .collect();
    let name = |m: &MakeUp| ledger.member_name(m.member).to_owned();
    let credit = |m: &MakeUp| credits.get(&m.id).copied().unwrap_or(0.0);
    rows.sort_by(|a, b| {
        let order = match state.sort {
            1 => name(a).cmp(&name(b)),
            2 => a.method.label().cmp(b.method.label()),
            3 => a.hours.total_cmp(&b.hours),
            4 => credit(a).total_cmp(&credit(b)),
            6 => a.delivered_by.cmp(&b.delivered_by),
            7 => a.reflections_returned.cmp(&b.reflections_returned),
            _ => a.date.cmp(&b.date),
        };
        order.then(a.date.cmp(&b.date)).then(a.id.cmp(&b.id))
    });
    // Newest first until the secretary asks otherwise.
    if !state.ascending {
        rows.reverse();
    }
    if rows.is_empty() {
        ui.add_space(12.0);
        ui.label("没有补学记录。缺课的党员可在考勤页或“学时统计”里点“登记补学”。");
        return;
    }
    let mut clicked = None;
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("make_ups_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("make_ups_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::initial(96.0).clip(true).resizable(true))
                .column(TableColumn::initial(80.0).clip(true).resizable(true))
                .column(TableColumn::initial(100.0).clip(true).resizable(true))
                .column(TableColumn::initial(50.0).clip(true).resizable(true))
                .column(TableColumn::initial(50.0).clip(true).resizable(true))
                .column(TableColumn::initial(220.0).clip(true).resizable(true))
                .column(TableColumn::initial(80.0).clip(true).resizable(true))
                .column(TableColumn::remainder().clip(true))
                .header(24.0, |mut header| {
                    for (k, title) in ["日期", "党员", "方式", "学时", "计入", "所补场次", "送学人", "寄回心得"]
                        .into_iter()
                        .enumerate()
                    {
                        header.col(|ui| {
                            if k == 5 {
                                ui.strong(title);
                            } else {
                                let mut descending = !state.ascending;
                                sort_header_ui(ui, title, k, &mut state.sort, &mut descending);
                                state.ascending = !descending;
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let m = rows[row.index()];
                        let credit = credits.get(&m.id).copied().unwrap_or(0.0);
                        row.col(|ui| {
                            ui.label(show(m.date));
                        });
                        row.col(|ui| {
                            ui.label(ledger.member_name(m.member));
                        });
                        row.col(|ui| {
                            ui.label(m.method.label());
                        });
                        row.col(|ui| {
                            ui.label(show_hours(m.hours));
                        });
                        row.col(|ui| {
                            if credit < m.hours {
                                ui.colored_label(ui.visuals().warn_fg_color, show_hours(credit))
                                    .on_hover_text("超出所补场次学时的部分、或已由其他补学补过的场次不重复计入");
                            } else {
                                ui.label(show_hours(credit));
                            }
                        });
                        row.col(|ui| {
                            let covered: Vec<String> = m
                                .covers
                                .iter()
                                .filter_map(|id| ledger.study.session(*id))
                                .map(|s| s.date.strftime("%m-%d").to_string())
                                .collect();
                            ui.label(if covered.is_empty() {
                                "（未指定）".to_owned()
                            } else {
                                covered.join("、")
                            });
                        });
                        row.col(|ui| {
                            ui.label(&m.delivered_by);
                        });
                        row.col(|ui| {
                            ui.label(if m.reflections_returned { "已寄回" } else { "" });
                        });
                        if row.response().clicked() {
                            clicked = Some(m.id);
                        }
                    });
                });
        });
    if let Some(make_up) = clicked.and_then(|id| ledger.study.make_ups.iter().find(|m| m.id == id)) {
        state.open(ledger, MakeUpForm::edit(make_up));
    }
}

/// The form. Returns false when closed.
fn form_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut MakeUpForm, actions: &mut Vec<Action>) -> bool {
    if !form.is_new && !ledger.study.make_ups.iter().any(|m| m.id == form.draft.id) {
        return false;
    }
    let mut open = true;
    ui.horizontal(|ui| {
        ui.heading(if form.is_new { "新增补学" } else { "修改补学" });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("关闭").clicked() {
                open = false;
            }
        });
    });
    ui.add_enabled_ui(editable(ui), |ui| fields_ui(ui, ledger, form));
    let saved = record_buttons_ui(
        ui,
        "保存补学",
        form.command(ledger),
        form.is_new,
        &mut form.attempted,
        &mut form.confirm_delete,
        ("删除这条补学记录？", StudyCommand::RemoveMakeUp(form.draft.id).into()),
        actions,
    );
    open && saved
}

/// The form's fields, member to notes.
fn fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut MakeUpForm) {
    let before = form.draft.member;
    let mut member = Some(form.draft.member).filter(|id| ledger.member(*id).is_some());
    egui::Grid::new("make_up_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("党员");
            member_picker_ui(ui, "make_up_member", ledger, &mut member, &mut form.picker);
            ui.end_row();
            let label = ui.label("补学日期");
            ui.add(
                egui::TextEdit::singleline(&mut form.date.0)
                    .id_salt("make_up_date")
                    .hint_text("如 2005-12-20")
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            ui.label("方式");
            // Two to a line: four in one wrapped line overlap the next row.
            ui.vertical(|ui| {
                for pair in MakeUpMethod::ALL.chunks(2) {
                    ui.horizontal(|ui| {
                        for &method in pair {
                            ui.radio_value(&mut form.draft.method, method, method.label());
                        }
                    });
                }
            });
            ui.end_row();
            let label = ui.label("补学学时");
            ui.add(
                egui::TextEdit::singleline(&mut form.hours)
                    .id_salt("make_up_hours")
                    .char_limit(8)
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("送学人或组织人");
            ui.add(
                egui::TextEdit::singleline(&mut form.draft.delivered_by)
                    .id_salt("make_up_by")
                    .char_limit(100)
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut form.draft.reflections_returned, "已寄回（交回）学习心得");
            ui.end_row();
        });
    if let Some(id) = member {
        form.draft.member = id;
    }
    if form.draft.member != before {
        // Another member: their own missed sessions.
        form.draft.covers = hours_of(ledger, form.draft.member).map(|h| h.owed).unwrap_or_default();
    }
    covers_ui(ui, ledger, form);
    ui.label("备注");
    ui.add(
        egui::TextEdit::multiline(&mut form.draft.notes)
            .id_salt("make_up_notes")
            .char_limit(2000)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
}

/// The member's missed sessions, each a checkbox, with what will count.
fn covers_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut MakeUpForm) {
    let Some(member) = ledger.member(form.draft.member) else {
        return;
    };
    ui.separator();
    ui.strong("所补场次");
    let mut missed: Vec<_> = ledger
        .study
        .sessions
        .iter()
        .filter(|s| member.active_on(s.date) && s.attendance.get(&member.id).is_some_and(|a| a.missed()))
        .collect();
    missed.sort_by_key(|s| (s.date, s.id));
    if missed.is_empty() {
        ui.label("这名党员没有缺课。不指定场次的补学按登记的学时全额计入。");
        return;
    }
    let mut selected_hours = 0.0;
    for s in &missed {
        let elsewhere = ledger
            .study
            .make_ups
            .iter()
            .find(|m| m.member == member.id && m.id != form.draft.id && m.covers.contains(&s.id));
        let mut on = form.draft.covers.contains(&s.id);
        let mut label = format!(
            "{} {}（{} 学时，{}）",
            show(s.date),
            s.topic,
            show_hours(s.hours),
            s.attendance.get(&member.id).map_or("", |a| a.label())
        );
        if let Some(other) = elsewhere {
            label += &format!("　已由 {} 的补学补过", show(other.date));
        }
        if ui.checkbox(&mut on, label).changed() {
            if on {
                form.draft.covers.push(s.id);
            } else {
                form.draft.covers.retain(|id| *id != s.id);
            }
        }
        if on && elsewhere.is_none() {
            selected_hours += s.hours;
        }
    }
    let hours = parse_hours(&form.hours).unwrap_or(0.0);
    if form.draft.covers.is_empty() {
        ui.label("未选场次：按登记的学时全额计入。");
    } else if hours > selected_hours {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "所选场次未补的共 {} 学时，本次只计入 {} 学时（同一次缺课只计一次）",
                show_hours(selected_hours),
                show_hours(selected_hours)
            ),
        );
    } else {
        ui.label(format!("所选场次未补的共 {} 学时", show_hours(selected_hours)));
    }
}
