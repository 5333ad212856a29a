//! 长效机制: the rules the branch adopted to keep the campaign's results —
//! a list (search, sort) and the form for one rule.

use super::Frame;
use super::commitments::{line_ui, text_ui};
use crate::edit::{Command, RectificationCommand};
use crate::model::Ledger;
use crate::model::dates::show_opt;
use crate::model::rectification::Rule;
use crate::model::rectification_rules::check_rule;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::{Unsaved, differs};
use crate::ui::screens::learning::record_buttons_ui;
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::table::{Heading, ListSort, list_table_ui, matches};
use crate::ui::widgets::{DateText, date_field_ui, editable};

/// The rules tab's view state. The drafts file keeps the rule being
/// typed.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RulesState {
    #[serde(skip)]
    pub search: String,
    #[serde(skip)]
    pub sort: ListSort,
    pub form: Option<RuleForm>,
    /// Another rule asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<RuleForm>,
}

impl RulesState {
    /// The rule being typed, when it differs from its record.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.form.as_ref().and_then(|f| f.unsaved(ledger)));
    }

    /// Opens `form`, asking first when the open one holds unsaved input;
    /// the rule open already stays as it is.
    fn open(&mut self, ledger: &Ledger, form: RuleForm) {
        let same = self
            .form
            .as_ref()
            .is_some_and(|open| !open.is_new && !form.is_new && open.draft.id == form.draft.id);
        if !same {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }
}

/// A rule being added or edited.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RuleForm {
    pub draft: Rule,
    pub is_new: bool,
    pub adopted: DateText,
    #[serde(skip)]
    attempted: bool,
    #[serde(skip)]
    confirm_delete: bool,
}

impl RuleForm {
    fn new(rule: Rule, is_new: bool) -> Self {
        Self {
            adopted: DateText::new(rule.adopted),
            draft: rule,
            is_new,
            attempted: false,
            confirm_delete: false,
        }
    }

    /// What 保存制度 sends, or what is wrong.
    fn command(&self, ledger: &Ledger) -> Result<Command, String> {
        let rule = self.read(ledger)?;
        Ok(Command::Rectification(if self.is_new {
            RectificationCommand::AddRule(rule)
        } else {
            RectificationCommand::UpdateRule(rule)
        }))
    }

    fn read(&self, ledger: &Ledger) -> Result<Rule, String> {
        let mut rule = self.draft.clone();
        rule.adopted = self.adopted.read()?;
        rule.name = rule.name.trim().to_owned();
        rule.summary = rule.summary.trim().to_owned();
        check_rule(&rule, ledger)?;
        Ok(rule)
    }
}

impl Form for RuleForm {
    /// Whether the form holds other input than its rule (or, for a new
    /// one, than the blank form: the date it opens with is today's, not
    /// known here, so the date alone does not count). A rule removed
    /// meanwhile is unsaved.
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let changed = if self.is_new {
            let blank = Self {
                adopted: self.adopted.clone(),
                ..Self::new(
                    Rule {
                        adopted: self.draft.adopted,
                        ..Rule::default()
                    },
                    true,
                )
            };
            differs(self, Some(&blank))
        } else {
            let stored = ledger.rectification.rules.iter().find(|r| r.id == self.draft.id);
            differs(self, stored.map(|r| Self::new(r.clone(), false)).as_ref())
        };
        changed.then(|| Unsaved::new("长效机制", self.draft.name.trim(), Screen::Rectification))
    }

    fn save(&mut self, ledger: &Ledger, _today: crate::model::Date, actions: &mut Vec<Action>) -> bool {
        switch::send(self.command(ledger), &mut self.attempted, actions)
    }
}

const HEADINGS: [Heading; 3] = [
    Heading::new("制度名称", 220.0),
    Heading::new("通过日期", 100.0),
    Heading::rest("主要内容"),
];

/// The rules tab.
pub fn rules_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut RulesState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("已建立制度 {} 项", ledger.rectification.rules.len())).strong());
        ui.separator();
        let label = ui.label("查找");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .id_salt("rules_search")
                .hint_text("名称或内容")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
        if ui.add_enabled(editable(ui), egui::Button::new("新增制度")).clicked() {
            let rule = Rule {
                adopted: Some(frame.today),
                ..Rule::default()
            };
            state.open(ledger, RuleForm::new(rule, true));
        }
    });
    if let Some(form) = &mut state.form {
        let mut open = true;
        egui::Panel::right("rule_form")
            .resizable(true)
            .default_size(440.0)
            .min_size(340.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().id_salt("rule_scroll").show(ui, |ui| {
                    open = form_ui(ui, ledger, form, actions);
                });
            });
        if !open {
            state.form = None;
        }
    }
    let mut rows: Vec<&Rule> = ledger
        .rectification
        .rules
        .iter()
        .filter(|r| matches(&state.search, &[&r.name, &r.summary]))
        .collect();
    let sort = state.sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            0 => a.name.cmp(&b.name),
            1 => a.adopted.cmp(&b.adopted),
            _ => a.summary.cmp(&b.summary),
        };
        sort.apply(order).then(a.id.cmp(&b.id))
    });
    if rows.is_empty() {
        ui.add_space(12.0);
        ui.label("没有登记的制度。");
        return;
    }
    let selected = state
        .form
        .as_ref()
        .and_then(|f| rows.iter().position(|r| !f.is_new && r.id == f.draft.id));
    let clicked = list_table_ui(
        ui,
        "rules",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, i, k| {
            let r = rows[i];
            match k {
                0 => {
                    ui.label(&r.name);
                }
                1 => {
                    ui.label(show_opt(r.adopted));
                }
                _ => {
                    ui.label(&r.summary).on_hover_text(&r.summary);
                }
            }
        },
    );
    if let Some(i) = clicked {
        state.open(ledger, RuleForm::new(rows[i].clone(), false));
    }
}

fn form_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut RuleForm, actions: &mut Vec<Action>) -> bool {
    ui.heading(if form.is_new { "新增制度" } else { "修改制度" });
    let kept = ui
        .add_enabled_ui(editable(ui), |ui| form_fields_ui(ui, ledger, form, actions))
        .inner;
    kept && !ui.button("关闭").clicked()
}

/// The rule's fields and its save and delete buttons. Returns false when
/// the form should close.
fn form_fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut RuleForm, actions: &mut Vec<Action>) -> bool {
    line_ui(ui, "制度名称", &mut form.draft.name);
    ui.horizontal(|ui| {
        let label = ui.label("通过日期");
        date_field_ui(ui, &mut form.adopted, "rule_adopted").labelled_by(label.id);
    });
    text_ui(ui, "主要内容", &mut form.draft.summary, 6);
    record_buttons_ui(
        ui,
        "保存制度",
        form.command(ledger),
        form.is_new,
        &mut form.attempted,
        &mut form.confirm_delete,
        (
            "删除这项制度？",
            Command::Rectification(RectificationCommand::RemoveRule(form.draft.id)),
        ),
        actions,
    )
}
