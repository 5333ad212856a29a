//! The distinct opinions with their feedback, and each member's list
//! (清单): how many opinions about them, fed back, signed for, overdue.

use egui_extras::{Column as TableColumn, TableBuilder};

use super::{IssueForm, Opened, OpinionsState, feedback_label, merged_ids, short, target_label};
use crate::edit::{AppraisalCommand, Command};
use crate::model::dates::show_opt;
use crate::model::opinion::{Issue, Target};
use crate::model::{IssueId, MemberId};
use crate::progress::appraisal::{feedback_due, is_overdue};
use crate::ui::app::Action;
use crate::ui::screens::appraisal::Frame;
use crate::ui::widgets::{sort_header_ui, status_mark};

/// Which distinct opinions are listed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IssueFilter {
    #[default]
    All,
    NotFedBack,
    NotSigned,
    Overdue,
}

impl IssueFilter {
    const ALL: [IssueFilter; 4] = [
        IssueFilter::All,
        IssueFilter::NotFedBack,
        IssueFilter::NotSigned,
        IssueFilter::Overdue,
    ];

    fn label(self) -> &'static str {
        match self {
            IssueFilter::All => "全部",
            IssueFilter::NotFedBack => "未反馈",
            IssueFilter::NotSigned => "未签收",
            IssueFilter::Overdue => "逾期",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum IssueSort {
    #[default]
    About,
    Aspect,
    Content,
    Raw,
    Due,
    State,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum ListSort {
    #[default]
    Roster,
    Name,
    Issues,
    Missing,
}

/// The view state of the two lists.
#[derive(Default)]
pub struct IssuesState {
    filter: IssueFilter,
    search: String,
    sort: IssueSort,
    descending: bool,
    list_sort: ListSort,
    list_descending: bool,
    only_missing: bool,
}

/// The distinct opinions.
pub(super) fn issues_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut OpinionsState) {
    let ledger = frame.ledger;
    let view = &mut state.issues;
    ui.horizontal_wrapped(|ui| {
        for filter in IssueFilter::ALL {
            ui.radio_value(&mut view.filter, filter, filter.label());
        }
        ui.separator();
        let label = ui.label("查找");
        ui.add(
            egui::TextEdit::singleline(&mut view.search)
                .id_salt("issues_search")
                .hint_text("内容、姓名")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
    });
    let needle = view.search.trim();
    let today = frame.today;
    let mut rows: Vec<&Issue> = ledger
        .opinions
        .issues
        .iter()
        .filter(|i| match view.filter {
            IssueFilter::All => true,
            IssueFilter::NotFedBack => i.fed_back.is_none(),
            IssueFilter::NotSigned => i.signed.is_none(),
            IssueFilter::Overdue => is_overdue(ledger, i, today),
        })
        .filter(|i| needle.is_empty() || i.content.contains(needle) || target_label(ledger, i.about).contains(needle))
        .collect();
    let raw_count = |i: &Issue| ledger.opinions.merged_into(i.id).count();
    let state_rank = |i: &Issue| (i.signed.is_some(), i.fed_back.is_some(), !is_overdue(ledger, i, today));
    rows.sort_by(|a, b| {
        let order = match view.sort {
            IssueSort::About => a.about.cmp(&b.about),
            IssueSort::Aspect => a.aspect.cmp(&b.aspect),
            IssueSort::Content => a.content.cmp(&b.content),
            IssueSort::Raw => raw_count(a).cmp(&raw_count(b)),
            IssueSort::Due => feedback_due(ledger, a).cmp(&feedback_due(ledger, b)),
            IssueSort::State => state_rank(a).cmp(&state_rank(b)),
        };
        order.then(a.id.cmp(&b.id))
    });
    if view.descending {
        rows.reverse();
    }
    if rows.is_empty() {
        ui.add_space(12.0);
        ui.label(if ledger.opinions.issues.is_empty() {
            "还没有梳理后的意见。在“意见登记”里勾选内容相同或相近的意见，点“归并为一条意见”。"
        } else {
            "没有符合条件的意见。"
        });
        return;
    }
    let mut clicked: Option<IssueId> = None;
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("issues_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("issues_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::initial(90.0).clip(true).resizable(true))
                .column(TableColumn::initial(72.0).clip(true).resizable(true))
                .column(TableColumn::initial(360.0).clip(true).resizable(true))
                .column(TableColumn::initial(60.0).clip(true).resizable(true))
                .column(TableColumn::initial(96.0).clip(true).resizable(true))
                .column(TableColumn::remainder().at_least(150.0).clip(true))
                .header(24.0, |mut header| {
                    for (key, title) in [
                        (IssueSort::About, "针对"),
                        (IssueSort::Aspect, "方面"),
                        (IssueSort::Content, "意见"),
                        (IssueSort::Raw, "原始条数"),
                        (IssueSort::Due, "反馈时限"),
                        (IssueSort::State, "反馈签收"),
                    ] {
                        header.col(|ui| sort_header_ui(ui, title, key, &mut view.sort, &mut view.descending));
                    }
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let issue = rows[row.index()];
                        row.col(|ui| {
                            ui.label(target_label(ledger, issue.about));
                        });
                        row.col(|ui| {
                            ui.label(issue.aspect.label());
                        });
                        row.col(|ui| {
                            ui.label(short(&issue.content, 60)).on_hover_text(&issue.content);
                        });
                        row.col(|ui| {
                            ui.label(merged_ids(ledger, issue.id).len().to_string());
                        });
                        row.col(|ui| {
                            ui.label(show_opt(feedback_due(ledger, issue)));
                        });
                        row.col(|ui| feedback_cell_ui(ui, frame, issue));
                        if row.response().clicked() {
                            clicked = Some(issue.id);
                        }
                    });
                });
        });
    if let Some(issue) = clicked.and_then(|id| ledger.opinions.issue(id)) {
        state.open(ledger, Opened::Issue(IssueForm::edit(issue)));
    }
}

fn feedback_cell_ui(ui: &mut egui::Ui, frame: &Frame<'_>, issue: &Issue) {
    let (text, done) = feedback_label(frame.ledger, issue, frame.today);
    let (mark, color) = status_mark(done);
    if done.is_some() {
        ui.colored_label(color, format!("{mark} {text}"));
    } else {
        ui.label(text);
    }
}

/// Each member's list: a table of members, and the selected member's
/// opinions with one-click feedback and signing.
pub(super) fn lists_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut OpinionsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let view = &mut state.issues;
    egui::Panel::left("opinion_members")
        .resizable(true)
        .default_size(380.0)
        .min_size(300.0)
        .show(ui, |ui| {
            ui.checkbox(&mut view.only_missing, "只看未反馈或未签收的");
            let mut rows: Vec<(usize, &crate::model::Member)> = ledger
                .members
                .iter()
                .enumerate()
                .filter(|(_, m)| m.is_current())
                .filter(|(i, _)| !view.only_missing || !frame.standings[*i].feedback_met())
                .collect();
            let missing = |i: usize| frame.standings[i].issues - frame.standings[i].signed;
            match view.list_sort {
                ListSort::Roster => {}
                ListSort::Name => rows.sort_by(|a, b| a.1.name.cmp(&b.1.name)),
                ListSort::Issues => rows.sort_by_key(|(i, _)| frame.standings[*i].issues),
                ListSort::Missing => rows.sort_by_key(|(i, _)| missing(*i)),
            }
            if view.list_descending {
                rows.reverse();
            }
            let mut clicked = None;
            ui.style_mut().interaction.selectable_labels = false;
            TableBuilder::new(ui)
                .id_salt("opinion_lists_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::initial(34.0))
                .column(TableColumn::initial(90.0).clip(true))
                .column(TableColumn::initial(56.0))
                .column(TableColumn::remainder().clip(true))
                .header(24.0, |mut header| {
                    header.col(|ui| {
                        sort_header_ui(
                            ui,
                            "序",
                            ListSort::Roster,
                            &mut view.list_sort,
                            &mut view.list_descending,
                        )
                    });
                    header.col(|ui| {
                        sort_header_ui(
                            ui,
                            "姓名",
                            ListSort::Name,
                            &mut view.list_sort,
                            &mut view.list_descending,
                        )
                    });
                    header.col(|ui| {
                        sort_header_ui(
                            ui,
                            "意见",
                            ListSort::Issues,
                            &mut view.list_sort,
                            &mut view.list_descending,
                        )
                    });
                    header.col(|ui| {
                        sort_header_ui(
                            ui,
                            "反馈 / 签收",
                            ListSort::Missing,
                            &mut view.list_sort,
                            &mut view.list_descending,
                        )
                    });
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let (i, m) = rows[row.index()];
                        let s = &frame.standings[i];
                        row.set_selected(state.member == Some(m.id));
                        row.col(|ui| {
                            ui.label((i + 1).to_string());
                        });
                        row.col(|ui| {
                            ui.label(&m.name);
                        });
                        row.col(|ui| {
                            ui.label(s.issues.to_string());
                        });
                        row.col(|ui| {
                            let text = format!("{}/{} 反馈，{}/{} 签收", s.fed_back, s.issues, s.signed, s.issues);
                            if s.overdue > 0 {
                                ui.colored_label(ui.visuals().error_fg_color, format!("{text}，逾期 {}", s.overdue));
                            } else if s.feedback_met() {
                                ui.label(text);
                            } else {
                                ui.colored_label(ui.visuals().warn_fg_color, text);
                            }
                        });
                        if row.response().clicked() {
                            clicked = Some(m.id);
                        }
                    });
                });
            if clicked.is_some() {
                state.member = clicked;
            }
        });
    match state.member.filter(|id| ledger.member(*id).is_some()) {
        Some(member) => member_list_ui(ui, frame, member, state, actions),
        None => {
            ui.add_space(12.0);
            ui.label("在左边选择一名党员，查看针对他（她）的意见清单，登记反馈和签收。");
        }
    }
}

/// One member's list with feedback and signing.
fn member_list_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    member: MemberId,
    state: &mut OpinionsState,
    actions: &mut Vec<Action>,
) {
    let ledger = frame.ledger;
    ui.heading(format!("{}的意见清单", ledger.member_name(member)));
    let issues: Vec<&Issue> = ledger
        .opinions
        .issues
        .iter()
        .filter(|i| i.about == Target::Member(member))
        .collect();
    if issues.is_empty() {
        ui.label("没有针对这名党员的意见。");
        return;
    }
    let today = frame.today;
    let unfed: Vec<&Issue> = issues.iter().copied().filter(|i| i.fed_back.is_none()).collect();
    let unsigned: Vec<&Issue> = issues
        .iter()
        .copied()
        .filter(|i| i.fed_back.is_some() && i.signed.is_none())
        .collect();
    let editable = crate::ui::widgets::editable(ui);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(editable && !unfed.is_empty(), egui::Button::new("全部今天反馈"))
            .clicked()
        {
            for issue in &unfed {
                let fed = Issue {
                    fed_back: Some(today),
                    ..(*issue).clone()
                };
                actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::UpdateIssue(fed))));
            }
        }
        if ui
            .add_enabled(editable && !unsigned.is_empty(), egui::Button::new("全部今天签收"))
            .clicked()
        {
            for issue in &unsigned {
                let signed = Issue {
                    signed: Some(today),
                    ..(*issue).clone()
                };
                actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::UpdateIssue(signed))));
            }
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("member_list_scroll")
        .show(ui, |ui| {
            for (n, issue) in issues.iter().enumerate() {
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    ui.label(
                        egui::RichText::new(format!("{}. [{}] {}", n + 1, issue.aspect.label(), issue.content))
                            .strong(),
                    );
                    ui.horizontal_wrapped(|ui| {
                        feedback_cell_ui(ui, frame, issue);
                        if let Some(due) = feedback_due(ledger, issue)
                            && issue.fed_back.is_none()
                        {
                            ui.label(format!("（时限 {}）", show_opt(Some(due))));
                        }
                        if ui.small_button("修改").clicked() {
                            state.open(ledger, Opened::Issue(IssueForm::edit(issue)));
                        }
                    });
                });
            }
        });
}
