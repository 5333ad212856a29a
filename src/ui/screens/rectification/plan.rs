//! 整改台账: the branch's rectification items — the problem, the opinions
//! it answers, the measure, who and by when, 立说立行 or 限期整改, the
//! problems the masses most want solved (群众热盼) and whether they are.

use super::commitments::{line_ui, text_ui};
use super::{Frame, status_cell_ui, status_picker_ui};
use crate::edit::{Command, RectificationCommand};
use crate::model::dates::{show, show_opt};
use crate::model::opinion::Target;
use crate::model::rectification::{BranchItem, ItemStatus};
use crate::model::rectification_rules::check_branch_item;
use crate::model::{BranchItemId, Date, Ledger};
use crate::progress::rectification::short;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::screens::switch::{self, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui, matches};
use crate::ui::widgets::{DateText, date_field_ui, editable};

/// The form at the right of the list.
const PANEL: FormPanel = FormPanel {
    id: "branch_item_form",
    widths: (460.0, 360.0),
    new_title: "新增整改事项",
    edit_title: "修改整改事项",
    save_label: "保存整改事项",
};

/// The form of one branch item. Its picker filter is the filter of the
/// opinions to pick from.
pub type ItemForm = RecordForm<ItemInput>;

/// The plan tab's view state. The drafts file keeps the item being typed.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PlanState {
    #[serde(skip)]
    pub search: String,
    #[serde(skip)]
    pub sort: ListSort,
    pub form: Option<ItemForm>,
    /// Another item asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<ItemForm>,
}

impl PlanState {
    /// Opens an existing item's form.
    pub fn open(&mut self, ledger: &Ledger, id: BranchItemId) {
        if let Some(item) = ledger.rectification.branch_items.iter().find(|i| i.id == id) {
            self.open_form(ledger, RecordForm::edit(ItemInput::of(item)));
        }
    }

    /// Opens `form`, asking first when the open one holds unsaved input;
    /// the item open already stays as it is.
    fn open_form(&mut self, ledger: &Ledger, form: ItemForm) {
        if !self.form.as_ref().is_some_and(|open| open.same_record(&form)) {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }

    /// The item being typed, when it differs from its record.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.form.as_ref().and_then(|f| switch::Form::unsaved(f, ledger)));
    }
}

/// The typed fields of a branch item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemInput {
    pub draft: BranchItem,
    pub deadline: DateText,
    pub completed: DateText,
}

impl ItemInput {
    fn of(item: &BranchItem) -> Self {
        Self {
            deadline: DateText::new(item.deadline),
            completed: DateText::new(item.completed),
            draft: item.clone(),
        }
    }

    /// A new item as 新增整改事项 opens it: the secretary responsible.
    fn blank(ledger: &Ledger) -> ItemForm {
        RecordForm::new(Self::of(&BranchItem {
            responsible: ledger.branch.secretary.clone(),
            ..BranchItem::default()
        }))
    }

    fn read(&self, ledger: &Ledger) -> Result<BranchItem, String> {
        let mut item = self.draft.clone();
        item.deadline = self.deadline.read()?;
        item.completed = self.completed.read()?;
        for text in [
            &mut item.problem,
            &mut item.measure,
            &mut item.responsible,
            &mut item.result,
            &mut item.note,
        ] {
            *text = text.trim().to_owned();
        }
        check_branch_item(&item, ledger)?;
        Ok(item)
    }
}

impl RecordInput for ItemInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let item = self.read(ledger)?;
        Ok(Command::Rectification(if is_new {
            RectificationCommand::AddBranchItem(item)
        } else {
            RectificationCommand::UpdateBranchItem(item)
        }))
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        let id = self.draft.id;
        ledger
            .rectification
            .branch_items
            .iter()
            .find(|i| i.id == id)
            .map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, _ledger: &Ledger) -> (String, Command) {
        (
            "删除这条整改事项？".to_owned(),
            Command::Rectification(RectificationCommand::RemoveBranchItem(self.draft.id)),
        )
    }

    fn unsaved_label(&self, _ledger: &Ledger) -> Unsaved {
        Unsaved::new("整改台账", short(&self.draft.problem), Screen::Rectification)
    }
}

/// The plan tab.
pub fn plan_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut PlanState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    let items = &ledger.rectification.branch_items;
    let done = items.iter().filter(|i| i.status == ItemStatus::Done).count();
    let immediate = items.iter().filter(|i| i.immediate).count();
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "整改事项 {} 项（立说立行 {immediate} 项，限期整改 {} 项），已完成 {done} 项",
                items.len(),
                items.len() - immediate
            ))
            .strong(),
        );
        ui.separator();
        table::search_ui(ui, "plan_search", &mut state.search, "问题、措施或责任人", 140.0);
        if ui
            .add_enabled(editable(ui), egui::Button::new("新增整改事项"))
            .clicked()
        {
            state.open_form(ledger, ItemInput::blank(ledger));
        }
    });
    hot_ui(ui, ledger, state);
    PANEL.show(ui, ledger, frame.today, &mut state.form, actions, |ui, form| {
        fields_ui(ui, ledger, form)
    });
    list_ui(ui, frame, state);
}

/// The 群众热盼 problems and whether each is solved.
fn hot_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut PlanState) {
    let hot: Vec<&BranchItem> = ledger.rectification.branch_items.iter().filter(|i| i.hot).collect();
    ui.horizontal_wrapped(|ui| {
        let solved = hot.iter().filter(|i| i.status == ItemStatus::Done).count();
        ui.label(egui::RichText::new(format!("群众热盼解决的突出问题：{} 个，已解决 {solved} 个", hot.len())).strong());
        if hot.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "（尚未确定：在整改事项中勾选“群众热盼”，一般为一至两个）",
            );
        } else if hot.len() > 2 {
            ui.colored_label(ui.visuals().warn_fg_color, "（一般集中力量解决一至两个）");
        }
        for item in hot {
            let mark = if item.status == ItemStatus::Done {
                "已解决"
            } else {
                "未解决"
            };
            if ui.link(format!("{}（{mark}）", short(&item.problem))).clicked() {
                state.open_form(ledger, RecordForm::edit(ItemInput::of(item)));
            }
        }
    });
}

/// The list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 7] = [
    Heading::grow("问题", 180.0),
    Heading::new("方式", 70.0),
    Heading::new("热盼", 44.0),
    Heading::grow("整改措施", 180.0),
    Heading::new("责任人", 70.0),
    Heading::new("完成时限", 96.0),
    Heading::new("状态", 150.0),
];

/// The branch items, searched and sorted; a click opens one.
fn list_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut PlanState) {
    let ledger = frame.ledger;
    let mut rows: Vec<&BranchItem> = ledger
        .rectification
        .branch_items
        .iter()
        .filter(|i| matches(&state.search, &[&i.problem, &i.measure, &i.responsible, &i.result]))
        .collect();
    let sort = state.sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            0 => a.problem.cmp(&b.problem),
            1 => a.immediate.cmp(&b.immediate),
            2 => b.hot.cmp(&a.hot),
            3 => a.measure.cmp(&b.measure),
            4 => a.responsible.cmp(&b.responsible),
            5 => a.deadline.cmp(&b.deadline),
            _ => (a.status as u8).cmp(&(b.status as u8)),
        };
        sort.apply(order).then(a.id.cmp(&b.id))
    });
    if rows.is_empty() {
        let any = !ledger.rectification.branch_items.is_empty();
        table::empty_ui(ui, any, "没有整改事项。", "没有符合条件的整改事项。");
        return;
    }
    let selected = state
        .form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|i| i.id == f.input.draft.id));
    let clicked = list_table_ui(
        ui,
        "branch_items",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, r, k| {
            let item = rows[r];
            match k {
                0 => {
                    ui.label(&item.problem).on_hover_text(&item.problem);
                }
                1 => {
                    ui.label(if item.immediate { "立说立行" } else { "限期整改" });
                }
                2 => {
                    ui.label(if item.hot { "是" } else { "" });
                }
                3 => {
                    ui.label(&item.measure).on_hover_text(&item.measure);
                }
                4 => {
                    ui.label(&item.responsible);
                }
                5 => {
                    ui.label(show_opt(item.deadline));
                }
                _ => {
                    status_cell_ui(ui, item.status, item.deadline, frame.today);
                    if let Some(done) = item.completed {
                        ui.label(show(done));
                    }
                }
            }
        },
    );
    if let Some(r) = clicked {
        state.open_form(ledger, RecordForm::edit(ItemInput::of(rows[r])));
    }
}

/// The item's fields, problem to note.
fn fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut ItemForm) {
    text_ui(ui, "问题", &mut form.input.draft.problem, 2);
    sources_ui(ui, ledger, form);
    let input = &mut form.input;
    ui.horizontal(|ui| {
        ui.radio_value(&mut input.draft.immediate, true, "立说立行");
        ui.radio_value(&mut input.draft.immediate, false, "限期整改");
        ui.separator();
        ui.checkbox(&mut input.draft.hot, "群众热盼解决的突出问题");
    });
    text_ui(ui, "整改措施", &mut input.draft.measure, 3);
    line_ui(ui, "责任人", &mut input.draft.responsible);
    ui.horizontal(|ui| {
        let label = ui.label("完成时限");
        date_field_ui(ui, &mut input.deadline, "item_deadline").labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        ui.label("状态");
        status_picker_ui(ui, &mut input.draft.status);
    });
    if input.draft.status == ItemStatus::Done {
        ui.horizontal(|ui| {
            let label = ui.label("完成日期");
            date_field_ui(ui, &mut input.completed, "item_completed").labelled_by(label.id);
        });
    } else if !input.completed.0.is_empty() {
        input.completed = DateText::default();
    }
    text_ui(ui, "整改结果", &mut input.draft.result, 2);
    text_ui(ui, "说明（逾期原因等）", &mut input.draft.note, 2);
}

/// The distinct opinions about the branch this item answers.
fn sources_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut ItemForm) {
    let about_branch: Vec<_> = ledger
        .opinions
        .issues
        .iter()
        .filter(|i| !matches!(i.about, Target::Member(_)))
        .collect();
    egui::CollapsingHeader::new(format!("依据的群众意见（已选 {} 条）", form.input.draft.sources.len()))
        .id_salt("item_sources")
        .show(ui, |ui| {
            if about_branch.is_empty() {
                ui.label("还没有梳理出针对支部的意见（在“分析评议 → 征求意见”中梳理）。");
                return;
            }
            ui.add(
                egui::TextEdit::singleline(&mut form.picker)
                    .id_salt("item_source_filter")
                    .hint_text("查找意见")
                    .desired_width(180.0),
            );
            egui::ScrollArea::vertical()
                .id_salt("item_sources_scroll")
                .max_height(160.0)
                .show(ui, |ui| {
                    for issue in about_branch.iter().filter(|i| matches(&form.picker, &[&i.content])) {
                        let mut on = form.input.draft.sources.contains(&issue.id);
                        if ui
                            .checkbox(&mut on, short(&issue.content))
                            .on_hover_text(&issue.content)
                            .changed()
                        {
                            if on {
                                form.input.draft.sources.push(issue.id);
                                if form.input.draft.problem.trim().is_empty() {
                                    form.input.draft.problem = issue.content.trim().to_owned();
                                }
                            } else {
                                form.input.draft.sources.retain(|s| *s != issue.id);
                            }
                        }
                    }
                });
        });
}
