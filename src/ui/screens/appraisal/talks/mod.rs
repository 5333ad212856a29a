//! 谈心谈话: every talk card (谈心卡) in a sortable, searchable list with
//! the card form beside it; each member's talks against what they need;
//! and the committee's grid of who has talked with whom.

mod counts;
mod form;
mod list;

use egui_extras::{Column as TableColumn, TableBuilder};

use super::Frame;
use crate::model::dates::show;
use crate::model::talk::{TalkCard, TalkKind};
use crate::model::{Ledger, MemberId, TalkId};
use crate::ui::app::Action;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::widgets::{editable, sort_header_ui};
use counts::{CountsPick, CountsState};
use form::{TalkForm, talk_form_ui};
use list::{Filter, Names, visible_cards};

pub use list::SortKey as TalkSort;
use list::SortKey;

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
#[derive(Default, serde::Serialize, serde::Deserialize)]
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
    #[serde(skip)]
    pub sort: SortKey,
    /// Newest first unless asked otherwise.
    #[serde(skip)]
    pub ascending: bool,
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
        self.open(ledger, TalkForm::new(member));
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
    if let Some(form) = &mut state.form {
        let mut open = true;
        egui::Panel::right("talk_form")
            .resizable(true)
            .default_size(440.0)
            .min_size(360.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().id_salt("talk_form_scroll").show(ui, |ui| {
                    open = talk_form_ui(ui, ledger, form, actions);
                });
            });
        if !open {
            state.form = None;
        }
    }
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
            );
            ui.selectable_value(&mut state.member, None, "全部党员");
            let needle = state.member_filter.trim();
            for m in ledger
                .current_members()
                .filter(|m| needle.is_empty() || m.name.contains(needle))
            {
                ui.selectable_value(&mut state.member, Some(m.id), &m.name);
            }
        });
}

/// The filter bar, the summary line and the table of cards.
fn cards_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut TalksState) {
    let names = Names::new(ledger);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("查找");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .id_salt("talks_search")
                .hint_text("谈话人、主题或地点")
                .desired_width(150.0),
        )
        .labelled_by(label.id);
        ui.label("类别");
        egui::ComboBox::from_id_salt("talks_kind_filter")
            .selected_text(state.kind.map_or("全部类别", TalkKind::label))
            .width(150.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.kind, None, "全部类别");
                for kind in TalkKind::ALL {
                    ui.selectable_value(&mut state.kind, Some(kind), kind.label());
                }
            });
        ui.label("党员");
        member_filter_ui(ui, ledger, &names, state);
    });
    if let Some(member) = state.member.and_then(|id| ledger.member(id)) {
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
    let filter = Filter {
        needle: state.search.trim(),
        kind: state.kind,
        member: state.member,
    };
    let rows = visible_cards(ledger, &names, &filter, state.sort, state.ascending);
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
        ui.add_space(12.0);
        ui.label(if ledger.talks.is_empty() {
            "还没有谈心记录。点击“新增谈心记录”登记第一张谈心卡。"
        } else {
            "没有符合条件的谈心记录。"
        });
        return;
    }
    if let Some(id) = cards_table_ui(ui, ledger, &names, &rows, state)
        && let Some(card) = ledger.talks.iter().find(|t| t.id == id)
    {
        state.open(ledger, TalkForm::edit(card));
    }
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
fn cards_table_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    names: &Names<'_>,
    rows: &[usize],
    state: &mut TalksState,
) -> Option<TalkId> {
    let mut clicked = None;
    let mut buf = String::new();
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("talks_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("talks_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::initial(96.0).clip(true).resizable(true))
                .column(TableColumn::initial(140.0).clip(true).resizable(true))
                .column(TableColumn::initial(220.0).clip(true).resizable(true))
                .column(TableColumn::initial(240.0).clip(true).resizable(true))
                .column(TableColumn::initial(100.0).clip(true).resizable(true))
                .column(TableColumn::remainder().at_least(80.0).clip(true))
                .header(24.0, |mut header| {
                    let mut descending = !state.ascending;
                    for (key, title) in [
                        (Some(SortKey::Date), "日期"),
                        (Some(SortKey::Kind), "类别"),
                        (Some(SortKey::People), "谈话人"),
                        (Some(SortKey::Topic), "谈话主题"),
                        (None, "地点"),
                        (Some(SortKey::Reviewed), "督导组审阅"),
                    ] {
                        header.col(|ui| match key {
                            Some(key) => sort_header_ui(ui, title, key, &mut state.sort, &mut descending),
                            None => {
                                ui.strong(title);
                            }
                        });
                    }
                    state.ascending = !descending;
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let card = &ledger.talks[rows[row.index()]];
                        row.col(|ui| {
                            ui.label(show(card.date));
                        });
                        row.col(|ui| {
                            ui.label(card.kind.label());
                        });
                        row.col(|ui| {
                            people(card, names, &mut buf);
                            ui.label(buf.as_str());
                        });
                        row.col(|ui| {
                            ui.label(&card.topic);
                        });
                        row.col(|ui| {
                            ui.label(&card.place);
                        });
                        row.col(|ui| match &card.review {
                            Some(review) => {
                                ui.label(format!("✓ {}", review.by));
                            }
                            None => {
                                ui.colored_label(ui.visuals().warn_fg_color, "未审阅");
                            }
                        });
                        if row.response().clicked() {
                            clicked = Some(card.id);
                        }
                    });
                });
        });
    clicked
}
