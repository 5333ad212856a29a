//! 征求意见: the opinion ledger. Three views: every raw opinion as it was
//! received (tick several and merge them into one distinct opinion), the
//! distinct opinions with their feedback and signing dates, and each
//! member's list (清单) with what is fed back, signed for or overdue.

mod form;
mod issues;

use egui_extras::{Column as TableColumn, TableBuilder};

use super::Frame;
use crate::edit::{AppraisalCommand, Command};
use crate::model::dates::show;
use crate::model::opinion::{Aspect, Channel, Issue, Opinion, Source, Target};
use crate::model::{IssueId, Ledger, MemberId, OpinionId};
use crate::progress::appraisal::{is_overdue, opinion_counts};
use crate::ui::app::Action;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{Form, Leave, Switch};
use crate::ui::widgets::{editable, sort_header_ui};

pub use form::{IssueForm, OpinionForm};

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

/// Columns of the raw opinion list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum RawSort {
    #[default]
    Date,
    Channel,
    Source,
    About,
    Aspect,
    Content,
    Merged,
}

/// The opinions tab's view state. The drafts file keeps the view, the
/// member whose list is open and the form being typed.
#[derive(Default, serde::Serialize, serde::Deserialize)]
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
    #[serde(skip)]
    sort: RawSort,
    #[serde(skip)]
    descending: bool,
    #[serde(skip)]
    issues: issues::IssuesState,
    /// Another form asked for while the open one holds unsaved input.
    #[serde(skip)]
    switch: Switch<Opened>,
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
                if self.issue_form.as_ref().is_some_and(IssueForm::is_new) {
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
    match target {
        Target::Branch => "支部".to_owned(),
        Target::Committee => "支部委员会".to_owned(),
        Target::Member(id) => ledger.member_name(id).to_owned(),
    }
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
    let editable = editable(ui);
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(editable, egui::Button::new("登记意见")).clicked() {
            state.open(ledger, Opened::Opinion(OpinionForm::new(None)));
        }
        ui.separator();
        let label = ui.label("查找");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .id_salt("opinions_search")
                .hint_text("内容、姓名")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut state.only_unmerged, "只看未梳理");
        ui.separator();
        let ticked = state.ticked.len();
        ui.label(format!("已勾选 {ticked} 条"));
        if ui
            .add_enabled(ticked > 0 && editable, egui::Button::new("归并为一条意见"))
            .on_hover_text("把勾选的意见梳理为一条，再反馈给本人")
            .clicked()
        {
            let form = IssueForm::merge(ledger, &state.ticked);
            state.open(ledger, Opened::Issue(form));
        }
        if ticked > 0 && !ledger.opinions.issues.is_empty() {
            ui.add_enabled_ui(editable, |ui| {
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
            });
        }
        if ticked > 0 && ui.button("清除勾选").clicked() {
            state.ticked.clear();
        }
    });
    let needle = state.search.trim();
    let mut rows: Vec<&Opinion> = ledger
        .opinions
        .opinions
        .iter()
        .filter(|o| !state.only_unmerged || o.issue.is_none_or(|i| ledger.opinions.issue(i).is_none()))
        .filter(|o| {
            needle.is_empty()
                || o.content.contains(needle)
                || o.source_name.contains(needle)
                || target_label(ledger, o.about).contains(needle)
        })
        .collect();
    let issue_text = |o: &Opinion| {
        o.issue
            .and_then(|i| ledger.opinions.issue(i))
            .map(|i| i.content.as_str())
    };
    rows.sort_by(|a, b| {
        let order = match state.sort {
            RawSort::Date => a.date.cmp(&b.date),
            RawSort::Channel => a.channel.label().cmp(b.channel.label()),
            RawSort::Source => a.source.label().cmp(b.source.label()),
            RawSort::About => a.about.cmp(&b.about),
            RawSort::Aspect => a.aspect.cmp(&b.aspect),
            RawSort::Content => a.content.cmp(&b.content),
            RawSort::Merged => issue_text(a).cmp(&issue_text(b)),
        };
        order.then(a.id.cmp(&b.id))
    });
    if state.descending {
        rows.reverse();
    }
    if rows.is_empty() {
        ui.add_space(12.0);
        ui.label(if ledger.opinions.opinions.is_empty() {
            "还没有登记意见。点“登记意见”，把座谈会、征求意见表、意见箱等收到的意见逐条录入。"
        } else {
            "没有符合条件的意见。"
        });
        return;
    }
    let mut clicked: Option<OpinionId> = None;
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("opinions_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("opinions_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::exact(28.0))
                .column(TableColumn::initial(92.0).clip(true).resizable(true))
                .column(TableColumn::initial(80.0).clip(true).resizable(true))
                .column(TableColumn::initial(96.0).clip(true).resizable(true))
                .column(TableColumn::initial(80.0).clip(true).resizable(true))
                .column(TableColumn::initial(72.0).clip(true).resizable(true))
                .column(TableColumn::initial(340.0).clip(true).resizable(true))
                .column(TableColumn::remainder().at_least(120.0).clip(true))
                .header(24.0, |mut header| {
                    header.col(|_| {});
                    for (key, title) in [
                        (RawSort::Date, "日期"),
                        (RawSort::Channel, "渠道"),
                        (RawSort::Source, "来自"),
                        (RawSort::About, "针对"),
                        (RawSort::Aspect, "方面"),
                        (RawSort::Content, "内容"),
                        (RawSort::Merged, "梳理为"),
                    ] {
                        header.col(|ui| sort_header_ui(ui, title, key, &mut state.sort, &mut state.descending));
                    }
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let o = rows[row.index()];
                        row.col(|ui| {
                            let mut on = state.ticked.contains(&o.id);
                            let name = format!("勾选意见{}", o.id.0);
                            let response = ui.checkbox(&mut on, "");
                            response.widget_info(|| {
                                egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, name.clone())
                            });
                            if response.changed() {
                                if on {
                                    state.ticked.push(o.id);
                                } else {
                                    state.ticked.retain(|t| *t != o.id);
                                }
                            }
                        });
                        row.col(|ui| {
                            ui.label(show(o.date));
                        });
                        row.col(|ui| {
                            ui.label(o.channel.label());
                        });
                        row.col(|ui| {
                            if o.source_name.trim().is_empty() {
                                ui.label(o.source.label());
                            } else {
                                ui.label(format!("{}（{}）", o.source.label(), o.source_name));
                            }
                        });
                        row.col(|ui| {
                            ui.label(target_label(ledger, o.about));
                        });
                        row.col(|ui| {
                            ui.label(o.aspect.label());
                        });
                        row.col(|ui| {
                            ui.label(short(&o.content, 60)).on_hover_text(&o.content);
                        });
                        row.col(|ui| match issue_text(o) {
                            Some(text) => {
                                ui.label(short(text, 30));
                            }
                            None => {
                                ui.colored_label(ui.visuals().warn_fg_color, "未梳理");
                            }
                        });
                        if row.response().clicked() {
                            clicked = Some(o.id);
                        }
                    });
                });
        });
    if let Some(o) = clicked.and_then(|id| ledger.opinions.opinions.iter().find(|o| o.id == id)) {
        state.open(ledger, Opened::Opinion(OpinionForm::new(Some(o))));
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

/// All the aspects, channels and sources, for the combo boxes.
fn aspect_combo_ui(ui: &mut egui::Ui, id: &str, aspect: &mut Aspect) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(aspect.label())
        .show_ui(ui, |ui| {
            for a in Aspect::ALL {
                ui.selectable_value(aspect, a, a.label());
            }
        });
}

fn channel_combo_ui(ui: &mut egui::Ui, channel: &mut Channel) {
    egui::ComboBox::from_id_salt("opinion_channel")
        .selected_text(channel.label())
        .show_ui(ui, |ui| {
            for c in Channel::ALL {
                ui.selectable_value(channel, c, c.label());
            }
        });
}

fn source_combo_ui(ui: &mut egui::Ui, source: &mut Source) {
    egui::ComboBox::from_id_salt("opinion_source")
        .selected_text(source.label())
        .show_ui(ui, |ui| {
            for s in Source::ALL {
                ui.selectable_value(source, s, s.label());
            }
        });
}

/// Whom an opinion is about: 支部 / 支部委员会 / one member.
fn target_ui(ui: &mut egui::Ui, id: &str, ledger: &Ledger, target: &mut Target, filter: &mut String) {
    ui.horizontal(|ui| {
        let is_member = matches!(target, Target::Member(_));
        if ui.radio(*target == Target::Branch, "支部").clicked() {
            *target = Target::Branch;
        }
        if ui.radio(*target == Target::Committee, "支部委员会").clicked() {
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
