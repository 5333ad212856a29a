//! 征求意见: the opinion ledger. Three views: every raw opinion as it was
//! received (tick several and merge them into one distinct opinion), the
//! distinct opinions with their feedback and signing dates, and each
//! member's list (清单) with what is fed back, signed for or overdue.

mod form;
mod issues;

use super::Frame;
use crate::edit::{AppraisalCommand, Command};
use crate::model::dates::show;
use crate::model::opinion::{Aspect, Channel, Issue, Opinion, Source, Target};
use crate::model::{IssueId, Ledger, MemberId, OpinionId};
use crate::progress::appraisal::{is_overdue, opinion_counts};
use crate::ui::app::Action;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{Form, Leave, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::editable;

pub use form::{IssueForm, IssueInput, OpinionForm, OpinionInput};

/// A form of the opinion ledger, as opened: one is open at a time.
pub enum Opened {
    Opinion(OpinionForm),
    Issue(IssueForm),
}

/// The three views of the opinion ledger.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OpinionView {
    #[default]
    Raw,
    Issues,
    Lists,
}

impl OpinionView {
    const ALL: [OpinionView; 3] = [OpinionView::Raw, OpinionView::Issues, OpinionView::Lists];

    fn title(self) -> &'static str {
        match self {
            OpinionView::Raw => "意见登记",
            OpinionView::Issues => "梳理后的意见",
            OpinionView::Lists => "个人意见清单",
        }
    }
}

/// The raw opinion list's headings, in the order of [`ListSort::column`]:
/// the tick box first.
const RAW_HEADINGS: [Heading; 8] = [
    // The tick column: its heading is a sort button, and needs a name.
    Heading::new("选", 28.0),
    Heading::new("日期", 92.0),
    Heading::new("渠道", 80.0),
    Heading::new("来自", 96.0),
    Heading::new("针对", 80.0),
    Heading::new("方面", 72.0),
    Heading::grow("内容", 300.0),
    Heading::rest("梳理为"),
];

/// The raw opinions by date, oldest first, until another heading is picked.
fn by_date() -> ListSort {
    ListSort {
        column: 1,
        descending: false,
    }
}

/// The opinions tab's view state. The drafts file keeps the view, the
/// member whose list is open and the form being typed.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct OpinionsState {
    pub view: OpinionView,
    #[serde(skip)]
    pub search: String,
    /// Only opinions not yet merged.
    #[serde(skip)]
    pub only_unmerged: bool,
    /// Raw opinions ticked for merging.
    #[serde(skip)]
    pub ticked: Vec<OpinionId>,
    pub opinion_form: Option<OpinionForm>,
    pub issue_form: Option<IssueForm>,
    /// The member whose list is shown.
    pub member: Option<MemberId>,
    #[serde(skip, default = "by_date")]
    sort: ListSort,
    #[serde(skip)]
    issues: issues::IssuesState,
    /// Another form asked for while the open one holds unsaved input.
    #[serde(skip)]
    switch: Switch<Opened>,
}

impl Default for OpinionsState {
    fn default() -> Self {
        Self {
            view: OpinionView::default(),
            search: String::new(),
            only_unmerged: false,
            ticked: Vec::new(),
            opinion_form: None,
            issue_form: None,
            member: None,
            sort: by_date(),
            issues: issues::IssuesState::default(),
            switch: Switch::default(),
        }
    }
}

impl OpinionsState {
    /// Shows one member's list (a gate link), or the ledger.
    pub fn show_member(&mut self, member: Option<MemberId>) {
        match member {
            Some(id) => {
                self.view = OpinionView::Lists;
                self.member = Some(id);
            }
            None => self.view = OpinionView::Raw,
        }
    }

    /// The opinion or distinct opinion being typed, when it differs from
    /// its record.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.opinion_form.as_ref().and_then(|f| f.unsaved(ledger)));
        out.extend(self.issue_form.as_ref().and_then(|f| f.unsaved(ledger)));
    }

    /// Opens `next` in place of the open form, asking first when that
    /// holds unsaved input; the record open already stays as it is.
    pub fn open(&mut self, ledger: &Ledger, next: Opened) {
        let same = match &next {
            Opened::Opinion(f) => self.opinion_form.as_ref().is_some_and(|o| o.same_record(f)),
            Opened::Issue(f) => self.issue_form.as_ref().is_some_and(|o| o.same_record(f)),
        };
        if same {
            return;
        }
        let current: Option<&dyn Form> = match (&self.opinion_form, &self.issue_form) {
            (Some(f), _) => Some(f),
            (None, Some(f)) => Some(f),
            (None, None) => None,
        };
        if let Some(next) = self.switch.ask(ledger, current, next) {
            self.put(next);
        }
    }

    fn put(&mut self, next: Opened) {
        match next {
            Opened::Opinion(form) => {
                self.opinion_form = Some(form);
                self.issue_form = None;
            }
            Opened::Issue(form) => {
                self.issue_form = Some(form);
                self.opinion_form = None;
            }
        }
    }

    /// The question of [`OpinionsState::open`], drawn.
    fn switch_ui(&mut self, ui: &egui::Ui, frame: &Frame<'_>, actions: &mut Vec<Action>) {
        let current: Option<&mut dyn Form> = match (&mut self.opinion_form, &mut self.issue_form) {
            (Some(f), _) => Some(f),
            (None, Some(f)) => Some(f),
            (None, None) => None,
        };
        match self.switch.ui(ui, frame.ledger, frame.today, current, actions) {
            Some(Leave::Go(next)) => self.put(next),
            Some(Leave::Saved) => {
                // As after 归并: the opinions merged are ticked no more.
                if self.issue_form.as_ref().is_some_and(|f| f.is_new) {
                    self.ticked.clear();
                }
                self.opinion_form = None;
                self.issue_form = None;
            }
            None => {}
        }
    }
}

/// Whom an opinion is about, as the secretary reads it.
pub fn target_label(ledger: &Ledger, target: Target) -> String {
    target.label(ledger).to_owned()
}

/// The opinions tab.
pub fn opinions_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut OpinionsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let (raw, distinct, unmerged) = opinion_counts(ledger);
    let overdue = ledger
        .opinions
        .issues
        .iter()
        .filter(|i| is_overdue(ledger, i, frame.today))
        .count();
    ui.horizontal_wrapped(|ui| {
        for view in OpinionView::ALL {
            if ui.selectable_label(state.view == view, view.title()).clicked() {
                state.view = view;
            }
        }
        ui.separator();
        ui.label(egui::RichText::new(format!("征求 {raw} 条，梳理为 {distinct} 条")).strong());
        if unmerged > 0 {
            ui.colored_label(ui.visuals().warn_fg_color, format!("未梳理 {unmerged} 条"));
        }
        if overdue > 0 {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("超过 {} 天未反馈 {overdue} 条", ledger.campaign.settings.feedback_days),
            );
        }
    });
    ui.add_space(4.0);
    state.switch_ui(ui, frame, actions);
    form::forms_ui(ui, frame, state, actions);
    match state.view {
        OpinionView::Raw => raw_ui(ui, ledger, state, actions),
        OpinionView::Issues => issues::issues_ui(ui, frame, state),
        OpinionView::Lists => issues::lists_ui(ui, frame, state, actions),
    }
}

/// The raw opinion list with its merge tools.
fn raw_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut OpinionsState, actions: &mut Vec<Action>) {
    state
        .ticked
        .retain(|id| ledger.opinions.opinions.iter().any(|o| o.id == *id));
    raw_tools_ui(ui, ledger, state, actions);
    let rows = raw_rows(ledger, state);
    if rows.is_empty() {
        table::empty_ui(
            ui,
            !ledger.opinions.opinions.is_empty(),
            "还没有登记意见。点“登记意见”，把座谈会、征求意见表、意见箱等收到的意见逐条录入。",
            "没有符合条件的意见。",
        );
        return;
    }
    if let Some(o) = raw_table_ui(ui, ledger, &rows, state) {
        state.open(ledger, Opened::Opinion(OpinionInput::edit_form(o)));
    }
}

/// 登记意见, the search and filter, and the merge tools for the ticked.
fn raw_tools_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut OpinionsState, actions: &mut Vec<Action>) {
    let editable = editable(ui);
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(editable, egui::Button::new("登记意见")).clicked() {
            state.open(ledger, Opened::Opinion(OpinionInput::new_form()));
        }
        ui.separator();
        table::search_ui(ui, "opinions_search", &mut state.search, "内容、姓名", 140.0);
        ui.checkbox(&mut state.only_unmerged, "只看未梳理");
        ui.separator();
        let ticked = state.ticked.len();
        ui.label(format!("已勾选 {ticked} 条"));
        if ui
            .add_enabled(ticked > 0 && editable, egui::Button::new("归并为一条意见"))
            .on_hover_text("把勾选的意见梳理为一条，再反馈给本人")
            .clicked()
        {
            let form = IssueInput::merge_form(ledger, &state.ticked);
            state.open(ledger, Opened::Issue(form));
        }
        if ticked > 0 && !ledger.opinions.issues.is_empty() {
            ui.add_enabled_ui(editable, |ui| merge_into_ui(ui, ledger, state, actions));
        }
        if ticked > 0 && ui.button("清除勾选").clicked() {
            state.ticked.clear();
        }
    });
}

/// 并入已梳理的意见…: the ticked opinions into a distinct opinion already
/// there.
fn merge_into_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut OpinionsState, actions: &mut Vec<Action>) {
    egui::ComboBox::from_id_salt("merge_into")
        .selected_text("并入已梳理的意见…")
        .width(200.0)
        .show_ui(ui, |ui| {
            for issue in &ledger.opinions.issues {
                let text = format!("{}：{}", target_label(ledger, issue.about), short(&issue.content, 24));
                if ui.selectable_label(false, text).clicked() {
                    actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::MergeInto {
                        opinions: state.ticked.clone(),
                        issue: issue.id,
                    })));
                    state.ticked.clear();
                }
            }
        });
}

/// The distinct opinion a raw one is merged into, if it still is.
fn issue_text<'l>(ledger: &'l Ledger, o: &Opinion) -> Option<&'l str> {
    o.issue
        .and_then(|i| ledger.opinions.issue(i))
        .map(|i| i.content.as_str())
}

/// The raw opinions shown, searched, filtered and sorted.
fn raw_rows<'l>(ledger: &'l Ledger, state: &OpinionsState) -> Vec<&'l Opinion> {
    let mut rows: Vec<&Opinion> = ledger
        .opinions
        .opinions
        .iter()
        .filter(|o| !state.only_unmerged || o.issue.is_none_or(|i| ledger.opinions.issue(i).is_none()))
        .filter(|o| {
            let about = target_label(ledger, o.about);
            table::matches(&state.search, &[&o.content, &o.source_name, &about])
        })
        .collect();
    let sort = state.sort;
    let ticked = |o: &Opinion| state.ticked.contains(&o.id);
    rows.sort_by(|a, b| {
        let order = match sort.column {
            0 => ticked(a).cmp(&ticked(b)),
            2 => a.channel.label().cmp(b.channel.label()),
            3 => a.source.label().cmp(b.source.label()),
            4 => a.about.cmp(&b.about),
            5 => a.aspect.cmp(&b.aspect),
            6 => a.content.cmp(&b.content),
            7 => issue_text(ledger, a).cmp(&issue_text(ledger, b)),
            _ => a.date.cmp(&b.date),
        };
        sort.apply(order.then(a.id.cmp(&b.id)))
    });
    rows
}

/// The table of raw opinions with a tick box on each. Returns the opinion
/// clicked.
fn raw_table_ui<'l>(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    rows: &[&'l Opinion],
    state: &mut OpinionsState,
) -> Option<&'l Opinion> {
    let selected = state
        .opinion_form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|o| o.id == f.input.draft.id));
    let ticked = &mut state.ticked;
    let clicked = list_table_ui(
        ui,
        "opinions",
        &RAW_HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let o = rows[row];
            match column {
                0 => tick_ui(ui, o, ticked),
                1 => {
                    ui.label(show(o.date));
                }
                2 => {
                    ui.label(o.channel.label());
                }
                3 if o.source_name.trim().is_empty() => {
                    ui.label(o.source.label());
                }
                3 => {
                    ui.label(format!("{}（{}）", o.source.label(), o.source_name));
                }
                4 => {
                    ui.label(target_label(ledger, o.about));
                }
                5 => {
                    ui.label(o.aspect.label());
                }
                6 => {
                    ui.label(short(&o.content, 60)).on_hover_text(&o.content);
                }
                _ => match issue_text(ledger, o) {
                    Some(text) => {
                        ui.label(short(text, 30));
                    }
                    None => {
                        ui.colored_label(ui.visuals().warn_fg_color, "未梳理");
                    }
                },
            }
        },
    );
    clicked.map(|k| rows[k])
}

/// The tick box of one raw opinion, named for screen readers and tests.
fn tick_ui(ui: &mut egui::Ui, o: &Opinion, ticked: &mut Vec<OpinionId>) {
    let mut on = ticked.contains(&o.id);
    let name = format!("勾选意见{}", o.id.0);
    let response = ui.checkbox(&mut on, "");
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, name.clone()));
    if response.changed() {
        if on {
            ticked.push(o.id);
        } else {
            ticked.retain(|t| *t != o.id);
        }
    }
}

/// The first `n` characters of a text on one line, with "…" when cut.
pub fn short(text: &str, n: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= n {
        line
    } else {
        let mut cut: String = line.chars().take(n).collect();
        cut.push('…');
        cut
    }
}

/// All the aspects, channels and sources, for the combo boxes (each
/// returns the box, for the caller to tie to its label).
fn aspect_combo_ui(ui: &mut egui::Ui, id: &str, aspect: &mut Aspect) -> egui::Response {
    egui::ComboBox::from_id_salt(id)
        .selected_text(aspect.label())
        .show_ui(ui, |ui| {
            for a in Aspect::ALL {
                ui.selectable_value(aspect, a, a.label());
            }
        })
        .response
}

fn channel_combo_ui(ui: &mut egui::Ui, channel: &mut Channel) -> egui::Response {
    egui::ComboBox::from_id_salt("opinion_channel")
        .selected_text(channel.label())
        .show_ui(ui, |ui| {
            for c in Channel::ALL {
                ui.selectable_value(channel, c, c.label());
            }
        })
        .response
}

fn source_combo_ui(ui: &mut egui::Ui, source: &mut Source) -> egui::Response {
    egui::ComboBox::from_id_salt("opinion_source")
        .selected_text(source.label())
        .show_ui(ui, |ui| {
            for s in Source::ALL {
                ui.selectable_value(source, s, s.label());
            }
        })
        .response
}

/// Whom an opinion is about: 支部 / 支部委员会 / one member.
fn target_ui(ui: &mut egui::Ui, id: &str, ledger: &Ledger, target: &mut Target, filter: &mut String) {
    ui.horizontal(|ui| {
        let is_member = matches!(target, Target::Member(_));
        if ui
            .radio(*target == Target::Branch, Target::Branch.label(ledger))
            .clicked()
        {
            *target = Target::Branch;
        }
        if ui
            .radio(*target == Target::Committee, Target::Committee.label(ledger))
            .clicked()
        {
            *target = Target::Committee;
        }
        if ui.radio(is_member, "党员").clicked() && !is_member {
            *target = Target::Member(MemberId(0));
        }
    });
    if let Target::Member(member) = target {
        let mut picked = Some(*member).filter(|m| ledger.member(*m).is_some());
        ui.horizontal(|ui| {
            let label = ui.label("党员姓名");
            crate::ui::screens::learning::member_picker_ui(ui, id, ledger, &mut picked, filter).labelled_by(label.id);
        });
        *member = picked.unwrap_or(MemberId(0));
    }
}

/// The state of a distinct opinion's feedback, for lists.
fn feedback_label(ledger: &Ledger, issue: &Issue, today: crate::model::Date) -> (String, Option<bool>) {
    match (issue.fed_back, issue.signed) {
        (Some(_), Some(signed)) => (format!("已签收 {}", show(signed)), Some(true)),
        (Some(fed_back), None) => (format!("已反馈 {}，未签收", show(fed_back)), None),
        (None, _) if is_overdue(ledger, issue, today) => ("逾期未反馈".to_owned(), Some(false)),
        (None, _) => ("未反馈".to_owned(), None),
    }
}

/// The raw opinions merged into an issue, for a list.
fn merged_ids(ledger: &Ledger, issue: IssueId) -> Vec<OpinionId> {
    ledger.opinions.merged_into(issue).map(|o| o.id).collect()
}
