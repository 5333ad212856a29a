//! 组织评议意见: the branch's written appraisal opinion for each member,
//! written with the member's grades, tallies and the opinions about them
//! in view.

use super::Frame;
use crate::edit::{AppraisalCommand, Command};
use crate::model::appraisal::MemberResult;
use crate::model::appraisal_rules::{MAX_TEXT_CHARS, check_result};
use crate::model::opinion::Target;
use crate::model::{Ledger, Member, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{self, Form, Leave, Switch};
use crate::ui::table::{Heading, ListSort, list_table_ui};

/// The member list's headings; 序 (roster order) is the order it opens in.
const HEADINGS: [Heading; 3] = [
    Heading::new("序", 34.0),
    Heading::new("姓名", 100.0),
    Heading::rest("评议意见"),
];

/// The tab's view state. The drafts file keeps the member open and the
/// opinion being written.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct BranchOpinionState {
    pub selected: Option<MemberId>,
    #[serde(skip)]
    only_missing: bool,
    #[serde(skip)]
    sort: ListSort,
    /// The opinion being written, for `selected`.
    draft: Option<(MemberId, String)>,
    #[serde(skip)]
    attempted: bool,
    /// Another member picked while the opinion holds unsaved input.
    #[serde(skip)]
    switch: Switch<MemberId>,
}

impl BranchOpinionState {
    /// Opens `member`'s opinion (a link or the list), asking first when the
    /// opinion being written for another member is not saved.
    pub fn show_member(&mut self, ledger: &Ledger, member: MemberId) {
        if self.draft.as_ref().is_some_and(|(m, _)| *m == member) {
            self.selected = Some(member);
            return;
        }
        let unsaved = Form::unsaved(self, ledger);
        if let Some(member) = self.switch.ask_about(unsaved, member) {
            self.select(member);
        }
    }

    /// Follows `member` opened in the ballot tab, unless that would put
    /// away the opinion being written here.
    pub fn follow(&mut self, ledger: &Ledger, member: MemberId) {
        if Form::unsaved(self, ledger).is_none() {
            self.select(member);
        }
    }

    fn select(&mut self, member: MemberId) {
        self.selected = Some(member);
        if self.draft.as_ref().is_some_and(|(m, _)| *m != member) {
            self.draft = None;
        }
    }

    /// The opinion being written, when it differs from the stored one.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(Form::unsaved(self, ledger));
    }

    /// What 保存评议意见 sends, or what is wrong.
    fn command(&self, ledger: &Ledger) -> Result<Command, String> {
        let Some((member, text)) = &self.draft else {
            return Err("请选择党员".to_owned());
        };
        command_of(ledger, *member, text)
    }
}

/// What 保存评议意见 sends for `member`'s opinion `text`, or what is wrong.
fn command_of(ledger: &Ledger, member: MemberId, text: &str) -> Result<Command, String> {
    if text.trim().is_empty() {
        return Err("请填写评议意见".to_owned());
    }
    let result = MemberResult {
        branch_opinion: text.to_owned(),
        ..ledger.appraisal.result(member).cloned().unwrap_or(MemberResult {
            member,
            ..MemberResult::default()
        })
    };
    check_result(&result, ledger)?;
    Ok(Command::Appraisal(AppraisalCommand::SetResult(result)))
}

impl Form for BranchOpinionState {
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let (member, text) = self.draft.as_ref()?;
        differs_from_stored(ledger, *member, text)
            .then(|| Unsaved::new("支部评议意见", ledger.member_name(*member), Screen::Appraisal))
    }

    /// 保存评议意见.
    fn save(&mut self, ledger: &Ledger, _today: crate::model::Date, actions: &mut Vec<Action>) -> bool {
        switch::send(self.command(ledger), &mut self.attempted, actions)
    }
}

/// The member's stored opinion.
fn stored_opinion(ledger: &Ledger, member: MemberId) -> &str {
    ledger
        .appraisal
        .result(member)
        .map_or("", |r| r.branch_opinion.as_str())
}

/// Whether `text` is not what is stored for `member` (trailing blanks,
/// which saving drops, aside).
fn differs_from_stored(ledger: &Ledger, member: MemberId, text: &str) -> bool {
    text.trim_end() != stored_opinion(ledger, member).trim_end()
}

/// The tab: members on the left, the selected member's opinion on the
/// right.
pub fn branch_opinion_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    state: &mut BranchOpinionState,
    actions: &mut Vec<Action>,
) {
    let ledger = frame.ledger;
    let roll = crate::progress::Roll::of(ledger);
    let written = frame
        .standings
        .iter()
        .filter(|s| s.opinion_written && roll.counts(s.member))
        .count();
    let current = roll.members();
    // The state is the form: the switch is taken out while it asks.
    let mut switch = std::mem::take(&mut state.switch);
    match switch.ui(ui, ledger, frame.today, Some(&mut *state), actions) {
        Some(Leave::Go(member)) => state.select(member),
        Some(Leave::Saved) | None => {}
    }
    state.switch = switch;
    egui::Panel::left("branch_opinion_members")
        .resizable(true)
        .default_size(300.0)
        .min_size(240.0)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(format!("已写评议意见 {written}/{current} 人")).strong());
            ui.checkbox(&mut state.only_missing, "只看未写的");
            members_ui(ui, frame, state);
        });
    crate::ui::screens::a11y::name_panel_handle(ui, "branch_opinion_members", "党员列表");
    let Some(member) = state.selected.filter(|id| ledger.member(*id).is_some()) else {
        ui.add_space(12.0);
        ui.label("在左边选择一名党员，填写支部对他（她）的评议意见。");
        return;
    };
    if state.draft.as_ref().is_none_or(|(m, _)| *m != member) {
        state.draft = Some((member, stored_opinion(ledger, member).to_owned()));
        state.attempted = false;
    }
    let editable = crate::ui::widgets::editable(ui);
    let Some((_, text)) = &mut state.draft else { return };
    let attempted = &mut state.attempted;
    egui::ScrollArea::vertical()
        .id_salt("branch_opinion_scroll")
        .show(ui, |ui| {
            ui.heading(format!("对{}的评议意见", ledger.member_name(member)));
            context_ui(ui, ledger, member);
            let label = ui.label("评议意见（肯定成绩，指出不足，提出努力方向）");
            ui.add_enabled(
                editable,
                egui::TextEdit::multiline(text)
                    .id_salt("branch_opinion_text")
                    .char_limit(MAX_TEXT_CHARS as usize)
                    .desired_rows(8)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        editable,
                        egui::Button::new(egui::RichText::new("保存评议意见").strong()),
                    )
                    .clicked()
                {
                    switch::send(command_of(ledger, member, text), attempted, actions);
                }
                if differs_from_stored(ledger, member, text) {
                    ui.colored_label(ui.visuals().warn_fg_color, "未保存");
                }
            });
            if *attempted && let Err(message) = command_of(ledger, member, text) {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
        });
}

/// The current members, whether their opinion is written; a click opens
/// one.
fn members_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut BranchOpinionState) {
    let ledger = frame.ledger;
    let written = |i: usize| frame.standings[i].opinion_written;
    let mut rows: Vec<(usize, &Member)> = ledger
        .members
        .iter()
        .enumerate()
        .filter(|(i, m)| m.is_current() && (!state.only_missing || !written(*i)))
        .collect();
    let sort = state.sort;
    rows.sort_by(|(i, a), (j, b)| {
        let order = match sort.column {
            1 => a.name.cmp(&b.name),
            2 => written(*i).cmp(&written(*j)),
            _ => std::cmp::Ordering::Equal,
        };
        sort.apply(order.then(i.cmp(j)))
    });
    let selected = rows.iter().position(|(_, m)| state.selected == Some(m.id));
    let clicked = list_table_ui(
        ui,
        "branch_opinion",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let (i, m) = rows[row];
            match column {
                0 => ui.label((i + 1).to_string()),
                1 => ui.label(&m.name),
                _ if written(i) => ui.label("已写"),
                _ => ui.colored_label(ui.visuals().warn_fg_color, "未写"),
            };
        },
    );
    if let Some(k) = clicked {
        state.show_member(ledger, rows[k].1.id);
    }
}

/// What the committee weighs: grades, self-appraisal and the opinions.
fn context_ui(ui: &mut egui::Ui, ledger: &Ledger, member: MemberId) {
    let result = ledger.appraisal.result(member);
    let mut facts = Vec::new();
    if let Some(g) = result.and_then(|r| r.self_grade) {
        facts.push(format!("自评：{}", g.label()));
    }
    for round in &ledger.appraisal.rounds {
        if let Some(t) = round.tallies.iter().find(|t| t.member == member) {
            facts.push(format!(
                "{}：优秀 {} 合格 {} 基本合格 {} 不合格 {}",
                round.voters.label(),
                t.excellent,
                t.qualified,
                t.basic,
                t.unqualified
            ));
        }
    }
    if let Some(g) = result.and_then(|r| r.grade) {
        facts.push(format!("组织评定：{}", g.label()));
    }
    if facts.is_empty() {
        facts.push("尚无测评和评定结果".to_owned());
    }
    ui.label(egui::RichText::new(facts.join("；")).color(ui.visuals().weak_text_color()));
    let issues: Vec<_> = ledger
        .opinions
        .issues
        .iter()
        .filter(|i| i.about == Target::Member(member))
        .collect();
    if !issues.is_empty() {
        ui.collapsing(
            format!("群众和党员提出的意见（{} 条）", issues.len()),
            |ui| {
                for (n, issue) in issues.iter().enumerate() {
                    ui.label(format!("{}. [{}] {}", n + 1, issue.aspect.label(), issue.content));
                }
            },
        );
    }
}
