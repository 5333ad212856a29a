//! 长效机制: the rules the branch adopted to keep the campaign's results —
//! a list (search, sort) and the form for one rule.

use super::Frame;
use super::commitments::{line_ui, text_ui};
use crate::edit::{Command, RectificationCommand};
use crate::model::dates::show_opt;
use crate::model::rectification::Rule;
use crate::model::rectification_rules::check_rule;
use crate::model::{Date, Ledger};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::screens::switch::{self, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui, matches};
use crate::ui::widgets::{DateText, date_field_ui, editable};

/// The form at the right of the list.
const PANEL: FormPanel = FormPanel {
    id: "rule_form",
    widths: (440.0, 340.0),
    new_title: "新增制度",
    edit_title: "修改制度",
    save_label: "保存制度",
};

/// The form of one rule.
pub type RuleForm = RecordForm<RuleInput>;

/// The list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 3] = [
    Heading::new("制度名称", 220.0),
    Heading::new("通过日期", 100.0),
    Heading::rest("主要内容"),
];

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
        out.extend(self.form.as_ref().and_then(|f| switch::Form::unsaved(f, ledger)));
    }

    /// Opens `form`, asking first when the open one holds unsaved input;
    /// the rule open already stays as it is.
    fn open(&mut self, ledger: &Ledger, form: RuleForm) {
        if !self.form.as_ref().is_some_and(|open| open.same_record(&form)) {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }
}

/// The typed fields of a rule.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RuleInput {
    pub draft: Rule,
    pub adopted: DateText,
}

impl RuleInput {
    fn of(rule: &Rule) -> Self {
        Self {
            adopted: DateText::new(rule.adopted),
            draft: rule.clone(),
        }
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

impl RecordInput for RuleInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let rule = self.read(ledger)?;
        Ok(Command::Rectification(if is_new {
            RectificationCommand::AddRule(rule)
        } else {
            RectificationCommand::UpdateRule(rule)
        }))
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        let id = self.draft.id;
        ledger.rectification.rules.iter().find(|r| r.id == id).map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, _ledger: &Ledger) -> (String, Command) {
        (
            "删除这项制度？".to_owned(),
            Command::Rectification(RectificationCommand::RemoveRule(self.draft.id)),
        )
    }

    fn unsaved_label(&self, _ledger: &Ledger) -> Unsaved {
        Unsaved::new("长效机制", self.draft.name.trim(), Screen::Rectification)
    }

    /// A new rule opens dated today, which is not known where the drafts
    /// are listed: the date alone is not typing.
    fn untyped(&self, opened: &Self) -> Self {
        Self {
            adopted: self.adopted.clone(),
            ..opened.clone()
        }
    }
}

/// The rules tab.
pub fn rules_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut RulesState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("已建立制度 {} 项", ledger.rectification.rules.len())).strong());
        ui.separator();
        table::search_ui(ui, "rules_search", &mut state.search, "名称或内容", 140.0);
        if ui.add_enabled(editable(ui), egui::Button::new("新增制度")).clicked() {
            let rule = Rule {
                adopted: Some(frame.today),
                ..Rule::default()
            };
            state.open(ledger, RecordForm::new(RuleInput::of(&rule)));
        }
    });
    PANEL.show(ui, ledger, frame.today, &mut state.form, actions, fields_ui);
    list_ui(ui, ledger, state);
}

/// The list of rules, searched and sorted; a click opens one.
fn list_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut RulesState) {
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
        let any = !ledger.rectification.rules.is_empty();
        table::empty_ui(ui, any, "没有登记的制度。", "没有符合条件的制度。");
        return;
    }
    let selected = state
        .form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|r| r.id == f.input.draft.id));
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
                0 => ui.label(&r.name),
                1 => ui.label(show_opt(r.adopted)),
                _ => ui.label(&r.summary).on_hover_text(&r.summary),
            };
        },
    );
    if let Some(i) = clicked {
        state.open(ledger, RecordForm::edit(RuleInput::of(rows[i])));
    }
}

/// The rule's fields: name, the day it was adopted, what it says.
fn fields_ui(ui: &mut egui::Ui, form: &mut RuleForm) {
    let input = &mut form.input;
    line_ui(ui, "制度名称", &mut input.draft.name);
    ui.horizontal(|ui| {
        let label = ui.label("通过日期");
        date_field_ui(ui, &mut input.adopted, "rule_adopted").labelled_by(label.id);
    });
    text_ui(ui, "主要内容", &mut input.draft.summary, 6);
}
