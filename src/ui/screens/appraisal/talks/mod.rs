//! 谈心谈话: every talk card (谈心卡) in a sortable, searchable list with
//! the card form beside it; each member's talks against what they need;
//! and the committee's grid of who has talked with whom.

mod counts;
mod form;
mod list;

use super::Frame;
use crate::model::dates::show;
use crate::model::talk::{TalkCard, TalkKind};
use crate::model::{Ledger, MemberId};
use crate::ui::app::Action;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::editable;
use counts::{CountsPick, CountsState};
use form::{TalkForm, TalkInput};
use list::{Filter, Names, visible_cards};

pub use list::SortKey as TalkSort;

/// The card list's headings, in the order of [`TalkSort::column`].
const HEADINGS: [Heading; 6] = [
    Heading::new("日期", 96.0),
    Heading::new("类别", 140.0),
    Heading::grow("谈话人", 160.0),
    Heading::grow("谈话主题", 180.0),
    Heading::new("地点", 100.0).folds(1),
    Heading::new("督导组审阅", 170.0),
];

/// The three views of the tab.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TalksView {
    #[default]
    Cards,
    Counts,
    Pairs,
}

impl TalksView {
    const ALL: [TalksView; 3] = [TalksView::Cards, TalksView::Counts, TalksView::Pairs];

    fn title(self) -> &'static str {
        match self {
            TalksView::Cards => "谈心记录",
            TalksView::Counts => "每人谈心次数",
            TalksView::Pairs => "班子成员谈心情况",
        }
    }
}

/// The talks tab's view state. The drafts file keeps the view and the
/// card being typed; the filters and sort start afresh.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TalksState {
    pub view: TalksView,
    #[serde(skip)]
    pub search: String,
    /// Only cards of this kind.
    #[serde(skip)]
    pub kind: Option<TalkKind>,
    /// Only cards this member is on.
    #[serde(skip)]
    pub member: Option<MemberId>,
    /// Newest first unless asked otherwise.
    #[serde(skip, default = "newest_first")]
    pub sort: ListSort,
    pub form: Option<TalkForm>,
    #[serde(skip)]
    pub counts: CountsState,
    /// The name filter of the member filter's list.
    #[serde(skip)]
    member_filter: String,
    /// Another card asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<TalkForm>,
}

fn newest_first() -> ListSort {
    ListSort::descending(TalkSort::Date.column())
}

impl Default for TalksState {
    fn default() -> Self {
        Self {
            view: TalksView::default(),
            search: String::new(),
            kind: None,
            member: None,
            sort: newest_first(),
            form: None,
            counts: CountsState::default(),
            member_filter: String::new(),
            switch: Switch::default(),
        }
    }
}

impl TalksState {
    /// Shows a member's cards (a gate link "去处理" lands here), ready to
    /// add one for them.
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.view = TalksView::Cards;
        self.member = member;
        self.kind = None;
        self.search.clear();
    }

    /// A new card, with `member` on it if given (asking first when the
    /// open card holds unsaved input).
    pub fn open_new(&mut self, ledger: &Ledger, member: Option<MemberId>) {
        self.open(ledger, TalkInput::new_form(member));
    }

    /// Opens `form`, unless it is the card open already.
    fn open(&mut self, ledger: &Ledger, form: TalkForm) {
        if !self.form.as_ref().is_some_and(|open| open.same_record(&form)) {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }

    /// The card being typed, when it differs from its record.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.form.as_ref().and_then(|f| f.unsaved(ledger)));
    }
}

/// The talks tab.
pub fn talks_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut TalksState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    ui.horizontal(|ui| {
        for view in TalksView::ALL {
            if ui.selectable_label(state.view == view, view.title()).clicked() {
                state.view = view;
            }
        }
        ui.separator();
        if ui
            .add_enabled(editable(ui), egui::Button::new("新增谈心记录"))
            .clicked()
        {
            state.open_new(ledger, None);
        }
    });
    ui.add_space(2.0);
    form::PANEL.show(ui, ledger, frame.today, &mut state.form, actions, |ui, card| {
        form::fields_ui(ui, ledger, card)
    });
    match state.view {
        TalksView::Cards => cards_ui(ui, ledger, state),
        TalksView::Counts => match counts::counts_ui(ui, frame, &mut state.counts) {
            Some(CountsPick::Show(member)) => state.show_member(Some(member)),
            Some(CountsPick::New(member)) => state.open_new(ledger, Some(member)),
            None => {}
        },
        TalksView::Pairs => {
            if let Some(member) = counts::pairs_ui(ui, frame) {
                state.show_member(Some(member));
            }
        }
    }
}

/// A chooser of the member to filter by, with 全部党员 at the top.
fn member_filter_ui(ui: &mut egui::Ui, ledger: &Ledger, names: &Names<'_>, state: &mut TalksState) {
    let selected = state.member.map_or("全部党员", |m| names.name(m));
    egui::ComboBox::from_id_salt("talks_member_filter")
        .selected_text(selected)
        .width(120.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut state.member_filter)
                    .id_salt("talks_member_filter_text")
                    .hint_text("输入姓名查找")
                    .desired_width(140.0),
            )
            .accessible_name("输入姓名查找");
            ui.selectable_value(&mut state.member, None, "全部党员");
            let needle = state.member_filter.trim();
            for m in ledger
                .current_members()
                .filter(|m| needle.is_empty() || m.name.contains(needle))
            {
                ui.selectable_value(&mut state.member, Some(m.id), &m.name);
            }
        })
        .response
        .accessible_name("党员");
}

/// The filter bar, the member's line, the summary line and the table of
/// cards.
fn cards_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut TalksState) {
    let names = Names::new(ledger);
    filters_ui(ui, ledger, &names, state);
    member_line_ui(ui, ledger, state);
    let filter = Filter {
        needle: state.search.trim(),
        kind: state.kind,
        member: state.member,
    };
    let rows = visible_cards(ledger, &names, &filter, state.sort);
    let reviewed = ledger.talks.iter().filter(|t| t.review.is_some()).count();
    ui.label(
        egui::RichText::new(format!(
            "共 {} 张谈心卡（督导组已审阅 {reviewed} 张），显示 {} 张",
            ledger.talks.len(),
            rows.len()
        ))
        .color(ui.visuals().weak_text_color()),
    );
    if rows.is_empty() {
        table::empty_ui(
            ui,
            !ledger.talks.is_empty(),
            "还没有谈心记录。点击“新增谈心记录”登记第一张谈心卡。",
            "没有符合条件的谈心记录。",
        );
        return;
    }
    if let Some(card) = cards_table_ui(ui, ledger, &names, &rows, state) {
        state.open(ledger, TalkInput::edit_form(card));
    }
}

/// 查找, 类别 and 党员 above the list.
fn filters_ui(ui: &mut egui::Ui, ledger: &Ledger, names: &Names<'_>, state: &mut TalksState) {
    ui.horizontal_wrapped(|ui| {
        table::search_ui(ui, "talks_search", &mut state.search, "谈话人、主题或地点", 150.0);
        let kind_label = ui.label("类别");
        egui::ComboBox::from_id_salt("talks_kind_filter")
            .selected_text(state.kind.map_or("全部类别", TalkKind::label))
            .width(150.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.kind, None, "全部类别");
                for kind in TalkKind::ALL {
                    ui.selectable_value(&mut state.kind, Some(kind), kind.label());
                }
            })
            .response
            .labelled_by(kind_label.id);
        ui.label("党员");
        member_filter_ui(ui, ledger, names, state);
    });
}

/// For the member filtered by: their talks against what they need, 为某某
/// 新增谈心记录 and 显示全部党员.
fn member_line_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut TalksState) {
    let Some(member) = state.member.and_then(|id| ledger.member(id)) else {
        return;
    };
    let talks = ledger.talks.iter().filter(|t| t.members.contains(&member.id)).count();
    let required = crate::progress::appraisal::talks_required(member, ledger) as usize;
    ui.horizontal_wrapped(|ui| {
        let line = format!("{}：谈心 {talks}/{required} 次", member.name);
        if talks >= required {
            ui.label(egui::RichText::new(line).strong());
        } else {
            ui.label(
                egui::RichText::new(format!("{line}，还差 {} 次", required - talks))
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
        }
        if ui
            .add_enabled(
                editable(ui),
                egui::Button::new(format!("为{}新增谈心记录", member.name)),
            )
            .clicked()
        {
            state.open_new(ledger, Some(member.id));
        }
        if ui.button("显示全部党员").clicked() {
            state.member = None;
        }
    });
}

/// Everyone on a card, members first: “王建国、李秀英、赵大爷（群众）”.
fn people(card: &TalkCard, names: &Names<'_>, out: &mut String) {
    out.clear();
    for id in &card.members {
        if !out.is_empty() {
            out.push('、');
        }
        out.push_str(names.name(*id));
    }
    for other in &card.others {
        if !out.is_empty() {
            out.push('、');
        }
        out.push_str(&other.name);
        if !other.role.is_empty() {
            out.push('（');
            out.push_str(&other.role);
            out.push('）');
        }
    }
}

/// The table of cards. Only the visible rows are laid out. Returns the
/// card clicked.
fn cards_table_ui<'l>(
    ui: &mut egui::Ui,
    ledger: &'l Ledger,
    names: &Names<'_>,
    rows: &[usize],
    state: &mut TalksState,
) -> Option<&'l TalkCard> {
    let mut buf = String::new();
    let selected = state
        .form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|i| ledger.talks[*i].id == f.input.draft.id));
    let clicked = list_table_ui(
        ui,
        "talks",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let card = &ledger.talks[rows[row]];
            match column {
                0 => ui.label(show(card.date)),
                1 => ui.label(card.kind.label()),
                2 => {
                    people(card, names, &mut buf);
                    ui.label(buf.as_str())
                }
                3 => ui.label(&card.topic),
                4 => ui.label(&card.place),
                _ => match &card.review {
                    Some(review) => ui.label(format!("✓ {}", review.by)),
                    None => ui.colored_label(ui.visuals().warn_fg_color, "未审阅"),
                },
            };
        },
    );
    clicked.map(|k| &*ledger.talks[rows[k]])
}
