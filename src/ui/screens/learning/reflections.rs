//! 学习心得 / 读书笔记: who has handed in what, the list of every piece,
//! and the form for one (member, kind, date, title, length, received, and
//! the text if the secretary keeps it).

use egui_extras::{Column as TableColumn, TableBuilder};

use super::{Frame, member_picker_ui, record_buttons_ui};
use crate::edit::{Command, StudyCommand};
use crate::model::dates::show;
use crate::model::study::{Reflection, ReflectionKind};
use crate::model::study_rules::{check_reflection, count_chars};
use crate::model::{Ledger, MemberId, ReflectionId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::widgets::{DateText, editable, sort_header_ui};

/// The longest reflection text the form takes.
const TEXT_LIMIT: usize = 100_000;

/// The reflections tab's view state: the form is kept in the drafts file.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReflectionsState {
    #[serde(skip)]
    pub search: String,
    pub form: Option<ReflectionForm>,
    /// Sorted by this column (index into the headings); newest first by default.
    #[serde(skip)]
    pub sort: usize,
    #[serde(skip)]
    pub ascending: bool,
    /// Another reflection asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<ReflectionForm>,
}

impl ReflectionsState {
    /// A new reflection for `member` (asking first when the open form
    /// holds unsaved input).
    pub fn open_new(&mut self, ledger: &Ledger, member: MemberId) {
        let form = ReflectionForm::new(Reflection {
            member,
            ..Reflection::default()
        });
        self.open(ledger, form);
    }

    fn open(&mut self, ledger: &Ledger, form: ReflectionForm) {
        let same = self
            .form
            .as_ref()
            .is_some_and(|open| !open.is_new && !form.is_new && open.draft.id == form.draft.id);
        if !same {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }

    /// The reflection the form holds input for that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        self.form.as_ref()?.unsaved(ledger)
    }
}

impl Form for ReflectionForm {
    /// A new form counts once something is typed in it (the member picked
    /// alone does not).
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let member = self.draft.member;
        let fresh = if self.is_new {
            Some(ReflectionForm::new(Reflection {
                member,
                ..Reflection::default()
            }))
        } else {
            let recorded = ledger.study.reflections.iter().find(|r| r.id == self.draft.id);
            recorded.map(ReflectionForm::edit)
        };
        let changed = fresh.is_none_or(|fresh| self.differs_from(fresh));
        let name = ledger.member(member).map_or_else(String::new, |m| m.name.clone());
        changed.then(|| Unsaved::new("学习心得", name, Screen::Learning))
    }

    fn save(&mut self, ledger: &Ledger, _today: crate::model::Date, actions: &mut Vec<Action>) -> bool {
        switch::send(self.command(ledger), &mut self.attempted, actions)
    }
}

/// A reflection being added or edited.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReflectionForm {
    pub draft: Reflection,
    pub is_new: bool,
    pub date: DateText,
    /// The length typed, used when no text is kept.
    pub chars: String,
    #[serde(skip)]
    picker: String,
    #[serde(skip)]
    attempted: bool,
    #[serde(skip)]
    confirm_delete: bool,
}

impl ReflectionForm {
    fn new(reflection: Reflection) -> Self {
        Self {
            is_new: true,
            date: DateText::default(),
            chars: String::new(),
            draft: Reflection {
                received: true,
                ..reflection
            },
            picker: String::new(),
            attempted: false,
            confirm_delete: false,
        }
    }

    fn edit(reflection: &Reflection) -> Self {
        Self {
            draft: reflection.clone(),
            is_new: false,
            date: DateText::new(Some(reflection.date)),
            chars: if reflection.chars > 0 {
                reflection.chars.to_string()
            } else {
                String::new()
            },
            picker: String::new(),
            attempted: false,
            confirm_delete: false,
        }
    }

    /// Whether this form holds other input than `fresh`. As
    /// [`crate::ui::drafts::differs`] would say, without writing out a text
    /// of up to 100 000 characters twice a frame.
    fn differs_from(&self, mut fresh: Self) -> bool {
        // Not input: the picker's filter, a save tried, a delete asked.
        fresh.picker.clone_from(&self.picker);
        fresh.attempted = self.attempted;
        fresh.confirm_delete = self.confirm_delete;
        *self != fresh
    }

    /// What 保存心得 sends, or what is wrong.
    fn command(&self, ledger: &Ledger) -> Result<Command, String> {
        let reflection = self.read(ledger)?;
        Ok(if self.is_new {
            StudyCommand::AddReflection(reflection).into()
        } else {
            StudyCommand::UpdateReflection(reflection).into()
        })
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

/// The reflections tab.
pub fn reflections_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut ReflectionsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let needed = ledger.campaign.settings.reflections_required as usize;
    let roll = crate::progress::Roll::of(ledger);
    let handed_in = crate::progress::roll::reflections_received(ledger, &roll);
    let missing: Vec<_> = ledger
        .current_members()
        .filter(|m| !crate::progress::roll::reflections_met(ledger, m.id, handed_in.get(&m.id).copied().unwrap_or(0)))
        .collect();
    let current = ledger.current_members().count();
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(editable(ui), egui::Button::new("新增心得")).clicked() {
            state.open(ledger, ReflectionForm::new(Reflection::default()));
        }
        ui.separator();
        let label = ui.label("查找");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .id_salt("reflections_search")
                .hint_text("姓名或题目")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
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
    if let Some(form) = &mut state.form {
        let mut open = true;
        egui::Panel::right("reflection_form")
            .resizable(true)
            .default_size(460.0)
            .min_size(360.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("reflection_scroll")
                    .show(ui, |ui| {
                        open = form_ui(ui, ledger, form, actions);
                    });
            });
        if !open {
            state.form = None;
        }
    }
    let needle = state.search.trim();
    let mut rows: Vec<&Reflection> = ledger
        .study
        .reflections
        .iter()
        .filter(|r| needle.is_empty() || r.title.contains(needle) || ledger.member_name(r.member).contains(needle))
        .collect();
    rows.sort_by(|a, b| {
        let order = match state.sort {
            1 => ledger.member_name(a.member).cmp(ledger.member_name(b.member)),
            2 => a.kind.label().cmp(b.kind.label()),
            3 => a.title.cmp(&b.title),
            4 => a.chars.cmp(&b.chars),
            5 => a.received.cmp(&b.received),
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
        ui.label("没有心得记录。");
        return;
    }
    let mut clicked: Option<ReflectionId> = None;
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("reflections_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("reflections_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::initial(96.0).clip(true).resizable(true))
                .column(TableColumn::initial(80.0).clip(true).resizable(true))
                .column(TableColumn::initial(70.0).clip(true).resizable(true))
                .column(TableColumn::initial(300.0).clip(true).resizable(true))
                .column(TableColumn::initial(60.0).clip(true).resizable(true))
                .column(TableColumn::remainder().clip(true))
                .header(24.0, |mut header| {
                    for (k, title) in ["日期", "党员", "类别", "题目", "字数", "收到"].into_iter().enumerate()
                    {
                        header.col(|ui| {
                            let mut descending = !state.ascending;
                            sort_header_ui(ui, title, k, &mut state.sort, &mut descending);
                            state.ascending = !descending;
                        });
                    }
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let r = rows[row.index()];
                        row.col(|ui| {
                            ui.label(show(r.date));
                        });
                        row.col(|ui| {
                            ui.label(ledger.member_name(r.member));
                        });
                        row.col(|ui| {
                            ui.label(r.kind.label());
                        });
                        row.col(|ui| {
                            ui.label(&r.title);
                        });
                        row.col(|ui| {
                            ui.label(if r.chars > 0 {
                                r.chars.to_string()
                            } else {
                                String::new()
                            });
                        });
                        row.col(|ui| {
                            if r.received {
                                ui.label("已收到");
                            } else {
                                ui.colored_label(ui.visuals().warn_fg_color, "未收到");
                            }
                        });
                        if row.response().clicked() {
                            clicked = Some(r.id);
                        }
                    });
                });
        });
    if let Some(r) = clicked.and_then(|id| ledger.study.reflections.iter().find(|r| r.id == id)) {
        state.open(ledger, ReflectionForm::edit(r));
    }
}

/// The form. Returns false when closed.
fn form_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut ReflectionForm, actions: &mut Vec<Action>) -> bool {
    if !form.is_new && !ledger.study.reflections.iter().any(|r| r.id == form.draft.id) {
        return false;
    }
    let mut open = true;
    ui.horizontal(|ui| {
        ui.heading(if form.is_new { "新增心得" } else { "修改心得" });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("关闭").clicked() {
                open = false;
            }
        });
    });
    ui.add_enabled_ui(editable(ui), |ui| fields_ui(ui, ledger, form));
    let saved = record_buttons_ui(
        ui,
        "保存心得",
        form.command(ledger),
        form.is_new,
        &mut form.attempted,
        &mut form.confirm_delete,
        ("删除这篇心得？", StudyCommand::RemoveReflection(form.draft.id).into()),
        actions,
    );
    open && saved
}

/// The form's fields, member to text.
fn fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut ReflectionForm) {
    let mut member = Some(form.draft.member).filter(|id| ledger.member(*id).is_some());
    egui::Grid::new("reflection_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("党员");
            member_picker_ui(ui, "reflection_member", ledger, &mut member, &mut form.picker);
            ui.end_row();
            ui.label("类别");
            ui.horizontal(|ui| {
                for kind in ReflectionKind::ALL {
                    ui.radio_value(&mut form.draft.kind, kind, kind.label());
                }
            });
            ui.end_row();
            let label = ui.label("日期");
            ui.add(
                egui::TextEdit::singleline(&mut form.date.0)
                    .id_salt("reflection_date")
                    .hint_text("如 2005-12-20")
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("题目");
            ui.add(
                egui::TextEdit::singleline(&mut form.draft.title)
                    .id_salt("reflection_title")
                    .char_limit(200)
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("字数");
            if form.draft.text.trim().is_empty() {
                ui.add(
                    egui::TextEdit::singleline(&mut form.chars)
                        .id_salt("reflection_chars")
                        .char_limit(9)
                        .desired_width(80.0),
                )
                .labelled_by(label.id);
            } else {
                ui.label(format!("{}（按正文计）", count_chars(&form.draft.text)));
            }
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut form.draft.received, "已收到");
            ui.end_row();
        });
    if let Some(id) = member {
        form.draft.member = id;
    }
    ui.label("正文（可不录入）");
    ui.add(
        egui::TextEdit::multiline(&mut form.draft.text)
            .id_salt("reflection_text")
            .char_limit(TEXT_LIMIT)
            .desired_rows(8)
            .desired_width(f32::INFINITY),
    );
}
