//! The distinct opinions with their feedback, and each member's list
//! (清单): how many opinions about them, fed back, signed for, overdue.

use super::{IssueInput, Opened, OpinionsState, feedback_label, merged_ids, short, target_label};
use crate::edit::{AppraisalCommand, Command};
use crate::model::dates::show_opt;
use crate::model::opinion::{Issue, Target};
use crate::model::{Member, MemberId};
use crate::progress::appraisal::{feedback_due, is_overdue};
use crate::ui::app::Action;
use crate::ui::screens::appraisal::Frame;
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::status_mark;

/// The distinct opinions' headings, in the order of [`ListSort::column`].
const ISSUE_HEADINGS: [Heading; 6] = [
    Heading::new("针对", 90.0),
    Heading::new("方面", 72.0),
    Heading::grow("意见", 300.0),
    Heading::new("原始条数", 60.0),
    Heading::new("反馈时限", 96.0),
    Heading::rest("反馈签收"),
];

/// The members' headings beside the lists; 序 is roster order.
const MEMBER_HEADINGS: [Heading; 4] = [
    Heading::new("序", 34.0),
    Heading::new("姓名", 90.0),
    Heading::new("意见", 56.0),
    Heading::rest("反馈 / 签收"),
];

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

/// The view state of the two lists: both open sorted by their first
/// heading.
#[derive(Default)]
pub struct IssuesState {
    filter: IssueFilter,
    search: String,
    sort: ListSort,
    list_sort: ListSort,
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
        table::search_ui(ui, "issues_search", &mut view.search, "内容、姓名", 140.0);
    });
    let rows = issue_rows(frame, view);
    if rows.is_empty() {
        table::empty_ui(
            ui,
            !ledger.opinions.issues.is_empty(),
            "还没有梳理后的意见。在“意见登记”里勾选内容相同或相近的意见，点“归并为一条意见”。",
            "没有符合条件的意见。",
        );
        return;
    }
    let selected = state
        .issue_form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|i| i.id == f.input.draft.id));
    let clicked = list_table_ui(
        ui,
        "issues",
        &ISSUE_HEADINGS,
        &mut view.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let issue = rows[row];
            match column {
                0 => {
                    ui.label(target_label(ledger, issue.about));
                }
                1 => {
                    ui.label(issue.aspect.label());
                }
                2 => {
                    ui.label(short(&issue.content, 60)).on_hover_text(&issue.content);
                }
                3 => {
                    ui.label(merged_ids(ledger, issue.id).len().to_string());
                }
                4 => {
                    ui.label(show_opt(feedback_due(ledger, issue)));
                }
                _ => feedback_cell_ui(ui, frame, issue),
            }
        },
    );
    if let Some(issue) = clicked.map(|k| rows[k]) {
        state.open(ledger, Opened::Issue(IssueInput::edit_form(issue)));
    }
}

/// The distinct opinions shown: filtered, searched and sorted.
fn issue_rows<'l>(frame: &Frame<'l>, view: &IssuesState) -> Vec<&'l Issue> {
    let ledger = frame.ledger;
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
        .filter(|i| table::matches(&view.search, &[&i.content, &target_label(ledger, i.about)]))
        .collect();
    let raw_count = |i: &Issue| ledger.opinions.merged_into(i.id).count();
    let state_rank = |i: &Issue| (i.signed.is_some(), i.fed_back.is_some(), !is_overdue(ledger, i, today));
    let sort = view.sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            0 => a.about.cmp(&b.about),
            1 => a.aspect.cmp(&b.aspect),
            2 => a.content.cmp(&b.content),
            3 => raw_count(a).cmp(&raw_count(b)),
            4 => feedback_due(ledger, a).cmp(&feedback_due(ledger, b)),
            _ => state_rank(a).cmp(&state_rank(b)),
        };
        sort.apply(order.then(a.id.cmp(&b.id)))
    });
    rows
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
    egui::Panel::left("opinion_members")
        .resizable(true)
        .default_size(380.0)
        .min_size(300.0)
        .show(ui, |ui| {
            ui.checkbox(&mut state.issues.only_missing, "只看未反馈或未签收的");
            if let Some(member) = members_table_ui(ui, frame, &mut state.issues, state.member) {
                state.member = Some(member);
            }
        });
    crate::ui::screens::a11y::name_panel_handle(ui, "opinion_members", "党员列表");
    match state.member.filter(|id| ledger.member(*id).is_some()) {
        Some(member) => member_list_ui(ui, frame, member, state, actions),
        None => {
            ui.add_space(12.0);
            ui.label("在左边选择一名党员，查看针对他（她）的意见清单，登记反馈和签收。");
        }
    }
}

/// The current members with their feedback and signing; returns the one
/// clicked.
fn members_table_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    view: &mut IssuesState,
    shown: Option<MemberId>,
) -> Option<MemberId> {
    let standings = frame.standings;
    let mut rows: Vec<(usize, &Member)> = frame
        .ledger
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_current())
        .filter(|(i, _)| !view.only_missing || !standings[*i].feedback_met())
        .collect();
    let missing = |i: usize| standings[i].issues - standings[i].signed;
    let sort = view.list_sort;
    rows.sort_by(|(i, a), (j, b)| {
        let order = match sort.column {
            1 => a.name.cmp(&b.name),
            2 => standings[*i].issues.cmp(&standings[*j].issues),
            3 => missing(*i).cmp(&missing(*j)),
            _ => std::cmp::Ordering::Equal,
        };
        sort.apply(order.then(i.cmp(j)))
    });
    let selected = rows.iter().position(|(_, m)| shown == Some(m.id));
    let clicked = list_table_ui(
        ui,
        "opinion_lists",
        &MEMBER_HEADINGS,
        &mut view.list_sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let (i, m) = rows[row];
            let s = &standings[i];
            match column {
                0 => {
                    ui.label((i + 1).to_string());
                }
                1 => {
                    ui.label(&m.name);
                }
                2 => {
                    ui.label(s.issues.to_string());
                }
                _ => {
                    let text = format!("{}/{} 反馈，{}/{} 签收", s.fed_back, s.issues, s.signed, s.issues);
                    if s.overdue > 0 {
                        ui.colored_label(ui.visuals().error_fg_color, format!("{text}，逾期 {}", s.overdue));
                    } else if s.feedback_met() {
                        ui.label(text);
                    } else {
                        ui.colored_label(ui.visuals().warn_fg_color, text);
                    }
                }
            }
        },
    );
    clicked.map(|k| rows[k].1.id)
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
                            state.open(ledger, Opened::Issue(IssueInput::edit_form(issue)));
                        }
                    });
                });
            }
        });
}
