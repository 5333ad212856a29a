//! 学习心得 / 读书笔记: who has handed in what, the list of every piece,
//! and the form for one (member, kind, date, title, length, received, and
//! the text if the secretary keeps it).

use super::{Frame, member_picker_ui};
use crate::edit::{Command, StudyCommand};
use crate::model::dates::show;
use crate::model::study::{Reflection, ReflectionKind};
use crate::model::study_rules::{check_reflection, count_chars};
use crate::model::{Date, Ledger, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::{DateText, editable};

/// The longest reflection text the form takes.
const TEXT_LIMIT: usize = 100_000;

/// The form of one reflection.
pub type ReflectionForm = RecordForm<ReflectionInput>;

/// The list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 6] = [
    Heading::new("日期", 96.0),
    Heading::new("党员", 80.0),
    Heading::new("类别", 70.0),
    Heading::new("题目", 300.0),
    Heading::new("字数", 60.0),
    Heading::rest("收到"),
];

/// The side panel the form is shown in.
const PANEL: FormPanel = FormPanel {
    id: "reflection_form",
    widths: (460.0, 360.0),
    new_title: "新增心得",
    edit_title: "修改心得",
    save_label: "保存心得",
};

/// The reflections tab's view state: the form is kept in the drafts file.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReflectionsState {
    #[serde(skip)]
    pub search: String,
    pub form: Option<ReflectionForm>,
    /// Newest first until the secretary picks another heading.
    #[serde(skip, default = "newest_first")]
    pub sort: ListSort,
    /// Another reflection asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<ReflectionForm>,
}

fn newest_first() -> ListSort {
    ListSort::descending(0)
}

impl Default for ReflectionsState {
    fn default() -> Self {
        Self {
            search: String::new(),
            form: None,
            sort: newest_first(),
            switch: Switch::default(),
        }
    }
}

impl ReflectionsState {
    /// A new reflection for `member` (asking first when the open form
    /// holds unsaved input).
    pub fn open_new(&mut self, ledger: &Ledger, member: MemberId) {
        self.open(ledger, ReflectionInput::new_for(member));
    }

    fn open(&mut self, ledger: &Ledger, form: ReflectionForm) {
        if !self.form.as_ref().is_some_and(|open| open.same_record(&form)) {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }

    /// The reflection the form holds input for that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        self.form.as_ref()?.unsaved(ledger)
    }
}

/// The typed fields of a reflection.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReflectionInput {
    pub draft: Reflection,
    pub date: DateText,
    /// The length typed, used when no text is kept.
    pub chars: String,
}

impl ReflectionInput {
    /// A form for a new reflection by `member` (none chosen yet when 0).
    fn new_for(member: MemberId) -> ReflectionForm {
        RecordForm::new(Self {
            draft: Reflection {
                member,
                received: true,
                ..Reflection::default()
            },
            date: DateText::default(),
            chars: String::new(),
        })
    }

    fn of(reflection: &Reflection) -> Self {
        Self {
            draft: reflection.clone(),
            date: DateText::new(Some(reflection.date)),
            chars: if reflection.chars > 0 {
                reflection.chars.to_string()
            } else {
                String::new()
            },
        }
    }

    fn read(&self, ledger: &Ledger) -> Result<Reflection, String> {
        let mut r = self.draft.clone();
        r.title = r.title.trim().to_owned();
        r.date = self.date.read()?.ok_or_else(|| "请填写日期".to_owned())?;
        r.chars = if r.text.trim().is_empty() {
            let typed = self.chars.trim();
            if typed.is_empty() {
                0
            } else {
                typed
                    .parse()
                    .map_err(|_| format!("“{typed}”不是字数，请填写整数，如 1500"))?
            }
        } else {
            count_chars(&r.text)
        };
        check_reflection(&r, ledger)?;
        Ok(r)
    }
}

impl RecordInput for ReflectionInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let reflection = self.read(ledger)?;
        Ok(if is_new {
            StudyCommand::AddReflection(reflection).into()
        } else {
            StudyCommand::UpdateReflection(reflection).into()
        })
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        let id = self.draft.id;
        ledger.study.reflections.iter().find(|r| r.id == id).map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, ledger: &Ledger) -> (String, Command) {
        (
            format!("删除{}的这篇心得？", ledger.member_name(self.draft.member)),
            StudyCommand::RemoveReflection(self.draft.id).into(),
        )
    }

    fn unsaved_label(&self, ledger: &Ledger) -> Unsaved {
        let name = ledger
            .member(self.draft.member)
            .map_or_else(String::new, |m| m.name.clone());
        Unsaved::new("学习心得", name, Screen::Learning)
    }

    /// The member picked alone is not typing.
    fn untyped(&self, opened: &Self) -> Self {
        let mut untyped = opened.clone();
        untyped.draft.member = self.draft.member;
        untyped
    }
}

/// The reflections tab.
pub fn reflections_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut ReflectionsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    top_ui(ui, ledger, state);
    PANEL.show(ui, ledger, frame.today, &mut state.form, actions, |ui, form| {
        fields_ui(ui, ledger, form)
    });
    list_ui(ui, ledger, state);
}

/// 新增心得, the search, the count handed in and who is still missing.
fn top_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut ReflectionsState) {
    let needed = ledger.campaign.settings.reflections_required as usize;
    let roll = crate::progress::Roll::of(ledger);
    let handed_in = crate::progress::roll::reflections_received(ledger, &roll);
    let missing: Vec<_> = ledger
        .current_members()
        .filter(|m| !crate::progress::roll::reflections_met(ledger, m.id, handed_in.get(&m.id).copied().unwrap_or(0)))
        .collect();
    let current = ledger.current_members().count();
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(editable(ui), egui::Button::new("新增心得")).clicked() {
            state.open(ledger, ReflectionInput::new_for(MemberId(0)));
        }
        ui.separator();
        table::search_ui(ui, "reflections_search", &mut state.search, "姓名或题目", 140.0);
        ui.label(
            egui::RichText::new(format!(
                "要求每人 {needed} 篇：已交齐 {}/{current} 人",
                current - missing.len()
            ))
            .strong(),
        );
    });
    if !missing.is_empty() {
        ui.horizontal_wrapped(|ui| {
            // A name moves to the next line whole rather than break inside (卢金 / 春).
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.label("未交齐：");
            for m in missing.iter().take(40) {
                if ui.link(&m.name).clicked() {
                    state.open_new(ledger, m.id);
                }
            }
            if missing.len() > 40 {
                ui.label(format!("等 {} 人", missing.len()));
            }
        });
    }
}

/// The list of every reflection, searched and sorted; a click opens one.
fn list_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut ReflectionsState) {
    let rows: Vec<&Reflection> = ledger
        .study
        .reflections
        .iter()
        .filter(|r| table::matches(&state.search, &[&r.title, ledger.member_name(r.member)]))
        .collect();
    let mut rows = rows;
    let sort = state.sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            1 => ledger.member_name(a.member).cmp(ledger.member_name(b.member)),
            2 => a.kind.label().cmp(b.kind.label()),
            3 => a.title.cmp(&b.title),
            4 => a.chars.cmp(&b.chars),
            5 => a.received.cmp(&b.received),
            _ => a.date.cmp(&b.date),
        };
        sort.apply(order.then(a.date.cmp(&b.date)).then(a.id.cmp(&b.id)))
    });
    if rows.is_empty() {
        let any = !ledger.study.reflections.is_empty();
        table::empty_ui(ui, any, "没有心得记录。", "没有符合条件的心得。");
        return;
    }
    let selected = state
        .form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|r| r.id == f.input.draft.id));
    let clicked = list_table_ui(
        ui,
        "reflections",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let r = rows[row];
            match column {
                0 => ui.label(show(r.date)),
                1 => ui.label(ledger.member_name(r.member)),
                2 => ui.label(r.kind.label()),
                3 => ui.label(&r.title),
                4 => ui.label(if r.chars > 0 {
                    r.chars.to_string()
                } else {
                    String::new()
                }),
                _ if r.received => ui.label("已收到"),
                _ => ui.colored_label(ui.visuals().warn_fg_color, "未收到"),
            };
        },
    );
    if let Some(r) = clicked.map(|k| rows[k]) {
        state.open(ledger, RecordForm::edit(ReflectionInput::of(r)));
    }
}

/// The form's fields, member to text.
fn fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut ReflectionForm) {
    let mut member = Some(form.input.draft.member).filter(|id| ledger.member(*id).is_some());
    egui::Grid::new("reflection_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("党员");
            member_picker_ui(ui, "reflection_member", ledger, &mut member, &mut form.picker).labelled_by(label.id);
            ui.end_row();
            ui.label("类别");
            ui.horizontal(|ui| {
                for kind in ReflectionKind::ALL {
                    ui.radio_value(&mut form.input.draft.kind, kind, kind.label());
                }
            });
            ui.end_row();
            let label = ui.label("日期");
            ui.add(
                egui::TextEdit::singleline(&mut form.input.date.0)
                    .id_salt("reflection_date")
                    .hint_text("如 2005-12-20")
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("题目");
            ui.add(
                egui::TextEdit::singleline(&mut form.input.draft.title)
                    .id_salt("reflection_title")
                    .char_limit(200)
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("字数");
            if form.input.draft.text.trim().is_empty() {
                ui.add(
                    egui::TextEdit::singleline(&mut form.input.chars)
                        .id_salt("reflection_chars")
                        .char_limit(9)
                        .desired_width(80.0),
                )
                .labelled_by(label.id);
            } else {
                ui.label(format!("{}（按正文计）", count_chars(&form.input.draft.text)));
            }
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut form.input.draft.received, "已收到");
            ui.end_row();
        });
    if let Some(id) = member {
        form.input.draft.member = id;
    }
    let label = ui.label("正文（可不录入）");
    ui.add(
        egui::TextEdit::multiline(&mut form.input.draft.text)
            .id_salt("reflection_text")
            .char_limit(TEXT_LIMIT)
            .desired_rows(8)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}
