//! 补学: the make-up records, and the form that records one — which member,
//! when, how (补学会 / 送学上门 / 寄送资料自学 / 网上学习), the hours, who
//! delivered it, whether reflections came back, and which missed sessions
//! it covers, with the hours that will really be credited.

use std::collections::HashMap;

use super::{Frame, member_picker_ui, name_search_ui};
use crate::edit::{Command, StudyCommand};
use crate::model::dates::show;
use crate::model::study::{MakeUp, MakeUpMethod};
use crate::model::study_rules::{check_make_up, parse_hours, show_hours};
use crate::model::{Category, Date, Ledger, MakeUpId, MemberId, SessionId};
use crate::progress::hours_of;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::{DateText, editable};

/// The form of one make-up.
pub type MakeUpForm = RecordForm<MakeUpInput>;

/// The list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 8] = [
    Heading::new("日期", 96.0),
    Heading::new("党员", 80.0),
    Heading::new("方式", 100.0),
    Heading::new("学时", 50.0),
    Heading::new("计入", 50.0),
    Heading::new("所补场次", 220.0),
    Heading::new("送学人", 80.0),
    Heading::rest("寄回心得"),
];

/// The side panel the form is shown in.
const PANEL: FormPanel = FormPanel {
    id: "make_up_form",
    widths: (440.0, 360.0),
    new_title: "新增补学",
    edit_title: "修改补学",
    save_label: "保存补学",
};

/// The make-up tab's view state: the form is kept in the drafts file.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MakeUpsState {
    #[serde(skip)]
    pub search: String,
    pub form: Option<MakeUpForm>,
    /// Newest first until the secretary picks another heading.
    #[serde(skip, default = "newest_first")]
    pub sort: ListSort,
    /// Another make-up asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<MakeUpForm>,
}

fn newest_first() -> ListSort {
    ListSort::descending(0)
}

impl Default for MakeUpsState {
    fn default() -> Self {
        Self {
            search: String::new(),
            form: None,
            sort: newest_first(),
            switch: Switch::default(),
        }
    }
}

impl MakeUpsState {
    /// A new make-up for `member`, covering `session` or else everything
    /// the member still owes (asking first when the open form holds
    /// unsaved input).
    pub fn open_new(&mut self, ledger: &Ledger, member: MemberId, session: Option<SessionId>) {
        self.open(ledger, MakeUpInput::new_for(ledger, member, session));
    }

    fn open(&mut self, ledger: &Ledger, form: MakeUpForm) {
        if !self.form.as_ref().is_some_and(|open| open.same_record(&form)) {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }

    /// The make-up the form holds input for that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        self.form.as_ref()?.unsaved(ledger)
    }
}

/// The typed fields of a make-up.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MakeUpInput {
    pub draft: MakeUp,
    pub date: DateText,
    pub hours: String,
}

impl MakeUpInput {
    /// A form as 新增补学 opens it.
    fn blank() -> MakeUpForm {
        RecordForm::new(Self {
            draft: MakeUp::default(),
            date: DateText::default(),
            hours: String::new(),
        })
    }

    /// A form for a new make-up by `member`, covering `session` or else
    /// everything the member still owes; the hours are those sessions',
    /// the way the one the member's category or hardship suggests.
    fn new_for(ledger: &Ledger, member: MemberId, session: Option<SessionId>) -> MakeUpForm {
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
        RecordForm::new(Self {
            draft: MakeUp {
                member,
                method,
                hours,
                covers,
                ..MakeUp::default()
            },
            date: DateText::default(),
            hours: if hours == 0.0 { String::new() } else { show_hours(hours) },
        })
    }

    fn of(make_up: &MakeUp) -> Self {
        Self {
            draft: make_up.clone(),
            date: DateText::new(Some(make_up.date)),
            hours: show_hours(make_up.hours),
        }
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

impl RecordInput for MakeUpInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let make_up = self.read(ledger)?;
        Ok(if is_new {
            StudyCommand::AddMakeUp(make_up).into()
        } else {
            StudyCommand::UpdateMakeUp(make_up).into()
        })
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        let id = self.draft.id;
        ledger.study.make_ups.iter().find(|m| m.id == id).map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, ledger: &Ledger) -> (String, Command) {
        (
            format!("删除{}的这条补学记录？", ledger.member_name(self.draft.member)),
            StudyCommand::RemoveMakeUp(self.draft.id).into(),
        )
    }

    fn unsaved_label(&self, ledger: &Ledger) -> Unsaved {
        let name = ledger
            .member(self.draft.member)
            .map_or_else(String::new, |m| m.name.clone());
        Unsaved::new("补学记录", name, Screen::Learning)
    }
}

/// The make-up tab.
pub fn make_ups_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut MakeUpsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    let credits: HashMap<MakeUpId, f64> = frame.hours.iter().flat_map(|h| h.credits.iter().copied()).collect();
    top_ui(ui, frame, &credits, state);
    PANEL.show(ui, ledger, frame.today, &mut state.form, actions, |ui, form| {
        fields_ui(ui, ledger, form)
    });
    list_ui(ui, ledger, &credits, state);
}

/// 新增补学, the search, and how many make-ups count for how much.
fn top_ui(ui: &mut egui::Ui, frame: &Frame<'_>, credits: &HashMap<MakeUpId, f64>, state: &mut MakeUpsState) {
    let ledger = frame.ledger;
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(editable(ui), egui::Button::new("新增补学")).clicked() {
            state.open(ledger, MakeUpInput::blank());
        }
        ui.separator();
        name_search_ui(ui, "make_ups_search", &mut state.search);
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
}

/// The list of every make-up, searched and sorted; a click opens one.
fn list_ui(ui: &mut egui::Ui, ledger: &Ledger, credits: &HashMap<MakeUpId, f64>, state: &mut MakeUpsState) {
    let mut rows: Vec<&MakeUp> = ledger
        .study
        .make_ups
        .iter()
        .filter(|m| table::matches(&state.search, &[ledger.member_name(m.member)]))
        .collect();
    let credit = |m: &MakeUp| credits.get(&m.id).copied().unwrap_or(0.0);
    let covered = |m: &MakeUp| -> Vec<_> { m.covers.iter().filter_map(|id| ledger.study.session(*id)).collect() };
    let sort = state.sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            1 => ledger.member_name(a.member).cmp(ledger.member_name(b.member)),
            2 => a.method.label().cmp(b.method.label()),
            3 => a.hours.total_cmp(&b.hours),
            4 => credit(a).total_cmp(&credit(b)),
            5 => covered(a).iter().map(|s| s.date).cmp(covered(b).iter().map(|s| s.date)),
            6 => a.delivered_by.cmp(&b.delivered_by),
            7 => a.reflections_returned.cmp(&b.reflections_returned),
            _ => a.date.cmp(&b.date),
        };
        sort.apply(order.then(a.date.cmp(&b.date)).then(a.id.cmp(&b.id)))
    });
    if rows.is_empty() {
        let any = !ledger.study.make_ups.is_empty();
        table::empty_ui(
            ui,
            any,
            "没有补学记录。缺课的党员可在考勤页或“学时统计”里点“登记补学”。",
            "没有符合条件的补学记录。",
        );
        return;
    }
    let selected = state
        .form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|m| m.id == f.input.draft.id));
    let clicked = list_table_ui(
        ui,
        "make_ups",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let m = rows[row];
            match column {
                0 => ui.label(show(m.date)),
                1 => ui.label(ledger.member_name(m.member)),
                2 => ui.label(m.method.label()),
                3 => ui.label(show_hours(m.hours)),
                4 if credit(m) < m.hours => ui
                    .colored_label(ui.visuals().warn_fg_color, show_hours(credit(m)))
                    .on_hover_text("超出所补场次学时的部分、或已由其他补学补过的场次不重复计入"),
                4 => ui.label(show_hours(credit(m))),
                5 => {
                    let dates: Vec<String> = covered(m)
                        .iter()
                        .map(|s| s.date.strftime("%m-%d").to_string())
                        .collect();
                    ui.label(if dates.is_empty() {
                        "（未指定）".to_owned()
                    } else {
                        dates.join("、")
                    })
                }
                6 => ui.label(&m.delivered_by),
                _ => ui.label(if m.reflections_returned { "已寄回" } else { "" }),
            };
        },
    );
    if let Some(m) = clicked.map(|k| rows[k]) {
        state.open(ledger, RecordForm::edit(MakeUpInput::of(m)));
    }
}

/// The form's fields, member to notes.
fn fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut MakeUpForm) {
    let before = form.input.draft.member;
    let mut member = Some(before).filter(|id| ledger.member(*id).is_some());
    let input = &mut form.input;
    egui::Grid::new("make_up_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("党员");
            member_picker_ui(ui, "make_up_member", ledger, &mut member, &mut form.picker).labelled_by(label.id);
            ui.end_row();
            let label = ui.label("补学日期");
            ui.add(
                egui::TextEdit::singleline(&mut input.date.0)
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
                            ui.radio_value(&mut input.draft.method, method, method.label());
                        }
                    });
                }
            });
            ui.end_row();
            let label = ui.label("补学学时");
            ui.add(
                egui::TextEdit::singleline(&mut input.hours)
                    .id_salt("make_up_hours")
                    .char_limit(8)
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("送学人或组织人");
            ui.add(
                egui::TextEdit::singleline(&mut input.draft.delivered_by)
                    .id_salt("make_up_by")
                    .char_limit(100)
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut input.draft.reflections_returned, "已寄回（交回）学习心得");
            ui.end_row();
        });
    if let Some(id) = member {
        input.draft.member = id;
    }
    if input.draft.member != before {
        // Another member: their own missed sessions.
        input.draft.covers = hours_of(ledger, input.draft.member).map(|h| h.owed).unwrap_or_default();
    }
    covers_ui(ui, ledger, input);
    let label = ui.label("备注");
    ui.add(
        egui::TextEdit::multiline(&mut input.draft.notes)
            .id_salt("make_up_notes")
            .char_limit(2000)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}

/// The member's missed sessions, each a checkbox, with what will count.
fn covers_ui(ui: &mut egui::Ui, ledger: &Ledger, input: &mut MakeUpInput) {
    let Some(member) = ledger.member(input.draft.member) else {
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
            .find(|m| m.member == member.id && m.id != input.draft.id && m.covers.contains(&s.id));
        let mut on = input.draft.covers.contains(&s.id);
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
                input.draft.covers.push(s.id);
            } else {
                input.draft.covers.retain(|id| *id != s.id);
            }
        }
        if on && elsewhere.is_none() {
            selected_hours += s.hours;
        }
    }
    let hours = parse_hours(&input.hours).unwrap_or(0.0);
    if input.draft.covers.is_empty() {
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
