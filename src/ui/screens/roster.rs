//! 党员名册: the roster table (sort by any column, filter by category,
//! search by name), and beside it the member form for adding, editing,
//! transferring and deleting. Importing a sheet opens from here.

use crate::model::dates::show_opt;
use crate::model::member::{Category, Member};
use crate::model::{Date, Ledger, MemberId};
use crate::ui::app::Action;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::import::{ImportState, import_ui};
use crate::ui::screens::member_form::{MemberForm, member_form_ui};
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::strings as s;
use crate::ui::table::{self, Heading, ListSort, Rows, list_table_at_ui};
use crate::ui::widgets::editable;

/// The roster screen's view state. Only the member form is kept in the
/// drafts file; the list's search, filter and sort start afresh.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RosterState {
    #[serde(skip)]
    pub search: String,
    /// `None`: every category; `Some(None)`: members without one.
    #[serde(skip)]
    pub category: Option<Option<Category>>,
    /// Also list members who transferred out.
    #[serde(skip)]
    pub show_departed: bool,
    /// In roster order until the secretary picks another heading.
    #[serde(skip)]
    pub sort: ListSort,
    pub form: Option<MemberForm>,
    #[serde(skip)]
    pub focus_search: bool,
    #[serde(skip)]
    pub import: Option<ImportState>,
    /// Scroll the table to this row on the next frame.
    #[serde(skip)]
    scroll_to: Option<MemberId>,
    /// Another member asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<MemberForm>,
}

impl RosterState {
    /// The typed input this screen holds that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.form.as_ref().and_then(|f| f.unsaved(ledger)));
    }
}

impl RosterState {
    /// Opens `id` in the form (asking first when the form holds unsaved
    /// input for another member) and scrolls to it.
    pub fn select(&mut self, ledger: &Ledger, id: MemberId) {
        if let Some(member) = ledger.member(id) {
            self.open(ledger, MemberForm::of_member(member));
            self.scroll_to = Some(id);
            if !member.is_current() {
                self.show_departed = true;
            }
            self.search.clear();
            self.category = None;
        }
    }

    fn selected(&self) -> Option<MemberId> {
        self.form.as_ref().and_then(MemberForm::editing)
    }

    /// Opens `form`; the member open already stays as it is.
    fn open(&mut self, ledger: &Ledger, form: MemberForm) {
        if form.editing().is_none() || form.editing() != self.selected() {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }
}

/// The roster's headings, in the order of [`ListSort::column`]. 序号 is
/// the roster order. Each fixed column is as wide as its widest usual
/// entry (three-character names with the ⚠ of a duplicate, dates as
/// 1965-05-26, four-character categories) or its heading; 工作单位及职务
/// runs long and takes the rest, so that with the member form open at
/// 1366×768 every column still shows. In a smaller window the form
/// beside shows the member's every field, and the list keeps what finds
/// a member: 性别, then the dates, then 党籍状态 fold away first; in the
/// smallest room (1366×768 at scale 1.5, a 911-point window, where the
/// list scrolled sideways under the form) 联系电话 and then 工作单位及职务
/// too, leaving 序号, 姓名 and 党员类别.
const HEADINGS: [Heading; 9] = [
    Heading::new(s::COL_ORDER, 44.0),
    Heading::new(s::COL_NAME, 64.0),
    Heading::new(s::COL_GENDER, 44.0).folds(6),
    Heading::new(s::COL_BIRTH, 80.0).folds(4),
    Heading::new(s::COL_JOINED, 80.0).folds(5),
    Heading::new(s::COL_CATEGORY, 72.0),
    Heading::new(s::COL_STATUS, 72.0).folds(3),
    Heading::grow(s::COL_POSITION, 120.0).folds(1),
    Heading::new(s::COL_PHONE, 96.0).folds(2),
];

/// The roster screen.
pub fn roster_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut RosterState, today: Date, actions: &mut Vec<Action>) {
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, today, actions);
    toolbar_ui(ui, ledger, state);
    if let Some(import) = &mut state.import
        && !import_ui(ui.ctx(), import, ledger, today, actions)
    {
        state.import = None;
    }
    member_form_ui(ui, &mut state.form, ledger, today, actions);
    let rows = visible_rows(ledger, state);
    if rows.is_empty() {
        table::empty_ui(ui, !ledger.members.is_empty(), s::ROSTER_EMPTY, s::NO_MATCH);
        return;
    }
    // The list scrolls sideways by itself when the form leaves too little room.
    table_ui(ui, ledger, &rows, state);
}

fn toolbar_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut RosterState) {
    ui.horizontal(|ui| {
        ui.heading(s::NAV_ROSTER);
        let current = ledger.current_members().count();
        let departed = ledger.members.len() - current;
        ui.label(
            format!("{} {current} {}", s::ON_ROLL, s::PERSONS)
                + &if departed > 0 {
                    format!("，{} {departed} {}", s::DEPARTED, s::PERSONS)
                } else {
                    String::new()
                },
        );
    });
    ui.horizontal_wrapped(|ui| {
        let enabled = editable(ui);
        if ui.add_enabled(enabled, egui::Button::new(s::ADD_MEMBER)).clicked() {
            state.open(ledger, MemberForm::new_member());
        }
        if ui.add_enabled(enabled, egui::Button::new(s::IMPORT_ROSTER)).clicked() {
            state.import = Some(ImportState::opened());
        }
        ui.separator();
        let search = table::search_ui(ui, "roster_search", &mut state.search, s::SEARCH_HINT, 200.0);
        if state.focus_search {
            search.request_focus();
            state.focus_search = false;
        }
        let selected = match state.category {
            None => s::ALL_CATEGORIES,
            Some(None) => s::UNCATEGORISED,
            Some(Some(c)) => c.label(),
        };
        let label = ui.label(s::COL_CATEGORY);
        egui::ComboBox::from_id_salt("category_filter")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.category, None, s::ALL_CATEGORIES);
                for c in Category::ALL {
                    ui.selectable_value(&mut state.category, Some(Some(c)), c.label());
                }
                ui.selectable_value(&mut state.category, Some(None), s::UNCATEGORISED);
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(&mut state.show_departed, s::SHOW_DEPARTED);
    });
    ui.add_space(4.0);
}

/// The members to list, filtered and sorted, as indices into `members`.
pub fn visible_rows(ledger: &Ledger, state: &RosterState) -> Vec<usize> {
    let mut rows: Vec<usize> = ledger
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| state.show_departed || m.is_current())
        .filter(|(_, m)| state.category.is_none_or(|c| m.category == c))
        .filter(|(_, m)| table::matches(&state.search, &[&m.name, &m.phone, &m.position]))
        .map(|(i, _)| i)
        .collect();
    let members = &ledger.members;
    let sort = state.sort;
    rows.sort_by(|&a, &b| sort.apply(compare(&members[a], &members[b], sort.column).then(a.cmp(&b))));
    rows
}

/// Two members by the heading at `column` (0, 序号: the roster order).
fn compare(a: &Member, b: &Member, column: usize) -> std::cmp::Ordering {
    match column {
        1 => a.name.cmp(&b.name),
        2 => a.gender.label().cmp(b.gender.label()),
        3 => a.birth.cmp(&b.birth),
        4 => a.joined.cmp(&b.joined),
        5 => a.category.cmp(&b.category),
        6 => (a.status.label(), a.is_current()).cmp(&(b.status.label(), b.is_current())),
        7 => a.position.cmp(&b.position),
        8 => a.phone.cmp(&b.phone),
        _ => std::cmp::Ordering::Equal,
    }
}

/// The roster table; a click opens the member, and a member opened from
/// another screen is scrolled into view.
fn table_ui(ui: &mut egui::Ui, ledger: &Ledger, rows: &[usize], state: &mut RosterState) {
    let selected = state.selected();
    let duplicates = duplicate_names(ledger);
    let at = Rows {
        count: rows.len(),
        selected: selected.and_then(|id| rows.iter().position(|&i| ledger.members[i].id == id)),
        scroll_to: state
            .scroll_to
            .take()
            .and_then(|id| rows.iter().position(|&i| ledger.members[i].id == id)),
    };
    let clicked = list_table_at_ui(ui, "roster", &HEADINGS, &mut state.sort, at, |ui, index, column| {
        cell_ui(ui, &ledger.members[rows[index]], index, column, &duplicates);
    });
    if let Some(member) = clicked.map(|k| &ledger.members[rows[k]]) {
        state.open(ledger, MemberForm::of_member(member));
    }
}

/// One cell of the roster: `index` is the row's place in the list (序号).
fn cell_ui(
    ui: &mut egui::Ui,
    member: &Member,
    index: usize,
    column: usize,
    duplicates: &std::collections::HashSet<&str>,
) {
    match column {
        0 => {
            ui.label((index + 1).to_string());
        }
        1 => {
            let mut text = egui::RichText::new(&member.name);
            if !member.is_current() {
                text = text.strikethrough();
            }
            let label = ui.label(text);
            if duplicates.contains(member.name.trim()) {
                ui.colored_label(ui.visuals().warn_fg_color, "⚠")
                    .on_hover_text(s::DUPLICATE_NAME);
            } else if member.leading_cadre {
                label.on_hover_text(s::LEADING_CADRE);
            }
        }
        2 => {
            ui.label(member.gender.label());
        }
        3 => {
            ui.label(show_opt(member.birth));
        }
        4 => {
            ui.label(show_opt(member.joined));
        }
        5 => match member.category {
            Some(c) => {
                ui.label(c.label());
            }
            None => {
                ui.colored_label(ui.visuals().warn_fg_color, s::UNCATEGORISED);
            }
        },
        6 => {
            ui.label(if member.is_current() {
                member.status.label()
            } else {
                s::DEPARTED
            });
        }
        7 => {
            ui.label(&member.position);
        }
        _ => {
            ui.label(&member.phone);
        }
    }
}

/// Names that more than one member has.
fn duplicate_names(ledger: &Ledger) -> std::collections::HashSet<&str> {
    let mut seen = std::collections::HashSet::new();
    ledger
        .members
        .iter()
        .map(|m| m.name.trim())
        .filter(|name| !seen.insert(*name))
        .collect()
}
