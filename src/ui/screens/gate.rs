//! A stage's look-back gate on screen: each check, its unmet items (each a
//! link to where it is fixed), and the stage move (转段) with the approver's
//! name and a written reason for every check let through unmet.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::edit::Command;
use crate::model::campaign::Override;
use crate::model::dates::show;
use crate::model::{Date, Ledger, Stage, StageMove};
use crate::progress::{Fix, Gate, gate};
use crate::ui::app::{Action, Screen};
use crate::ui::cache::Cached;
use crate::ui::screens::appraisal::{AppraisalTab, AppraisalTarget};
use crate::ui::screens::learning::{LearningTab, LearningTarget};
use crate::ui::screens::rectification::{RectificationTab, RectificationTarget};
use crate::ui::strings as s;
use crate::ui::widgets::{DateText, editable, status_mark};

/// How many unmet items a check lists before "and N more".
const SHOWN_ITEMS: usize = 30;

/// The stage move being filled in, all of it kept in the drafts file but
/// the cached gate. It belongs to the stage it was opened for: once the
/// campaign is in another stage (a move made elsewhere, an undo, a draft
/// restored on a ledger that moved on) it is dropped.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MoveDraft {
    /// The gate last worked out: at this revision of the records, for this
    /// stage (at 500 members working it out takes longer than a frame).
    #[serde(skip)]
    cache: Cached<(u64, Stage, Date), Arc<Gate>>,
    pub open: bool,
    /// The stage the move was opened for (`None` in a draft kept before
    /// the stage was recorded: taken as the current one).
    pub stage: Option<Stage>,
    pub date: DateText,
    /// The date the form opened with, so that only a changed one counts as
    /// typed.
    opened_with: DateText,
    pub approver: String,
    pub note: String,
    /// Reasons by the label of the check let through.
    pub reasons: BTreeMap<String, String>,
}

/// The action that fixes an unmet item.
pub fn fix_action(fix: Fix) -> Action {
    match fix {
        Fix::BranchFacts | Fix::StagePlan => Action::Go(Screen::Preparation),
        Fix::Roster => Action::Go(Screen::Roster),
        Fix::Member(id) => Action::ShowMember(id),
        Fix::Mobilisation => learning(LearningTab::Mobilisation, None),
        Fix::Hours(id) => learning(LearningTab::Hours, Some(id)),
        Fix::Reflections(id) => learning(LearningTab::Reflections, Some(id)),
        Fix::Requirements => learning(LearningTab::Requirements, None),
        Fix::Opinions(member) => appraisal(AppraisalTab::Opinions, member),
        Fix::Talks(id) => appraisal(AppraisalTab::Talks, Some(id)),
        Fix::Analysis(id) => appraisal(AppraisalTab::Analysis, Some(id)),
        Fix::Meeting(member) => appraisal(AppraisalTab::Meeting, member),
        Fix::Appraisal(id) => appraisal(AppraisalTab::Ballot, Some(id)),
        Fix::BranchOpinion(id) => appraisal(AppraisalTab::BranchOpinion, Some(id)),
        Fix::Report => appraisal(AppraisalTab::Report, None),
        Fix::Commitments(member) => rectification(RectificationTab::Commitments, member),
        Fix::BranchPlan => rectification(RectificationTab::Plan, None),
        Fix::Survey => rectification(RectificationTab::Survey, None),
        Fix::Rules => rectification(RectificationTab::Rules, None),
        Fix::Summary => rectification(RectificationTab::Summary, None),
    }
}

/// Where [`fix_action`] leads, as a listener hears the link: the screen
/// or tab's title.
fn fix_place(fix: Fix) -> &'static str {
    match fix {
        Fix::BranchFacts | Fix::StagePlan => Screen::Preparation.title(),
        Fix::Roster => Screen::Roster.title(),
        Fix::Member(_) => "党员信息",
        Fix::Mobilisation => LearningTab::Mobilisation.title(),
        Fix::Hours(_) => LearningTab::Hours.title(),
        Fix::Reflections(_) => LearningTab::Reflections.title(),
        Fix::Requirements => LearningTab::Requirements.title(),
        Fix::Opinions(_) => AppraisalTab::Opinions.title(),
        Fix::Talks(_) => AppraisalTab::Talks.title(),
        Fix::Analysis(_) => AppraisalTab::Analysis.title(),
        Fix::Meeting(_) => AppraisalTab::Meeting.title(),
        Fix::Appraisal(_) => AppraisalTab::Ballot.title(),
        Fix::BranchOpinion(_) => AppraisalTab::BranchOpinion.title(),
        Fix::Report => AppraisalTab::Report.title(),
        Fix::Commitments(_) => RectificationTab::Commitments.title(),
        Fix::BranchPlan => RectificationTab::Plan.title(),
        Fix::Survey => RectificationTab::Survey.title(),
        Fix::Rules => RectificationTab::Rules.title(),
        Fix::Summary => RectificationTab::Summary.title(),
    }
}

fn rectification(tab: RectificationTab, member: Option<crate::model::MemberId>) -> Action {
    Action::OpenRectification(RectificationTarget { tab, member })
}

fn appraisal(tab: AppraisalTab, member: Option<crate::model::MemberId>) -> Action {
    Action::OpenAppraisal(AppraisalTarget { tab, member })
}

fn learning(tab: LearningTab, member: Option<crate::model::MemberId>) -> Action {
    Action::OpenLearning(LearningTarget {
        tab,
        member,
        session: None,
    })
}

/// Shows the gate of `stage` and, when it is the current stage, the move.
/// `revision` changes whenever the records do (see
/// [`crate::edit::Document::revision`]): the checks are worked out
/// again only then.
pub fn gate_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    stage: Stage,
    draft: &mut MoveDraft,
    today: Date,
    actions: &mut Vec<Action>,
) {
    let gate = draft.gate(ledger, revision, stage, today);
    gate_view_ui(ui, ledger, &gate, stage, draft, today, actions);
}

impl MoveDraft {
    /// The gate of `stage`, worked out again only when the records or the
    /// day changed (shared, so that the form can be drawn beside it).
    pub fn gate(&mut self, ledger: &Ledger, revision: u64, stage: Stage, today: Date) -> Arc<Gate> {
        self.cache
            .shared_or((revision, stage, today), || gate(ledger, stage, today))
    }

    /// Whether the form is open for the `current` stage.
    pub fn is_open_for(&self, current: Stage) -> bool {
        self.open && self.stage.is_none_or(|s| s == current)
    }

    /// Whether the form is open for the `current` stage with something
    /// typed in it.
    pub fn is_typed(&self, current: Stage) -> bool {
        self.is_open_for(current)
            && (self.date != self.opened_with
                || !self.approver.trim().is_empty()
                || !self.note.trim().is_empty()
                || self.reasons.values().any(|r| !r.trim().is_empty()))
    }
}

fn gate_view_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    gate: &Gate,
    stage: Stage,
    draft: &mut MoveDraft,
    today: Date,
    actions: &mut Vec<Action>,
) {
    ui.heading(format!("{}{}", stage.title(), s::LOOK_BACK));
    if let Some(coming) = gate.not_yet_checked {
        ui.label(egui::RichText::new(coming).color(ui.visuals().warn_fg_color));
    }
    checks_ui(ui, ledger, gate, actions);
    ui.add_space(8.0);
    let current = ledger.campaign.stage;
    if draft.open && !draft.is_open_for(current) {
        // Opened for a stage the campaign has left.
        *draft = MoveDraft::default();
    }
    if stage == current {
        // Closing the campaign has its own form (验收归档).
        if let Some(next) = stage.next().filter(|n| *n != Stage::Closed) {
            move_form_ui(ui, gate, next, draft, today, actions);
        }
    } else if let Some(done) = ledger.campaign.moves.iter().rev().find(|m| m.from == stage) {
        if done.to != Stage::Closed {
            move_record_ui(ui, done);
        }
    } else if stage > current {
        ui.label(s::STAGE_NOT_REACHED);
    }
}

fn checks_ui(ui: &mut egui::Ui, ledger: &Ledger, gate: &Gate, actions: &mut Vec<Action>) {
    for (i, check) in gate.checks.iter().enumerate() {
        let (mark, color) = status_mark(Some(check.is_met()));
        ui.horizontal(|ui| {
            ui.colored_label(color, mark);
            ui.label(egui::RichText::new(check.label).strong());
            if !check.is_met() {
                ui.label(format!("（{} {}）", check.unmet.len(), s::ITEMS_UNMET));
            }
        });
        if check.is_met() {
            continue;
        }
        ui.indent(("gate_items", i), |ui| {
            for item in check.unmet.iter().take(SHOWN_ITEMS) {
                ui.horizontal(|ui| {
                    let who = item
                        .member
                        .map(|id| format!("{}：", ledger.member_name(id)))
                        .unwrap_or_default();
                    ui.label(format!("{who}{}", item.what));
                    let link = ui.link(s::GO_FIX);
                    // Thirty links all read "去处理" say nothing to a
                    // listener: the name says whose and where it leads.
                    let who = item.member.map(|id| format!("{} ", ledger.member_name(id)));
                    let name = format!("{}：{}{}", s::GO_FIX, who.unwrap_or_default(), fix_place(item.fix));
                    link.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, link.enabled(), &name));
                    if link.clicked() {
                        actions.push(fix_action(item.fix));
                    }
                });
            }
            if check.unmet.len() > SHOWN_ITEMS {
                ui.label(format!(
                    "{} {} {}",
                    s::AND_MORE,
                    check.unmet.len() - SHOWN_ITEMS,
                    s::ITEMS
                ));
            }
        });
    }
}

fn move_record_ui(ui: &mut egui::Ui, done: &StageMove) {
    ui.label(format!(
        "{} {} {}{}，{}：{}",
        show(done.date),
        s::MOVED_INTO,
        done.to.title(),
        if done.to == Stage::Closed { "" } else { s::STAGE_SUFFIX },
        s::APPROVER,
        done.approver
    ));
    for o in &done.overrides {
        ui.label(format!("· {}（{} {}）：{}", o.check, o.unmet, s::ITEMS_UNMET, o.reason));
    }
    if !done.note.is_empty() {
        ui.label(format!("{}：{}", s::NOTE, done.note));
    }
}

fn move_form_ui(
    ui: &mut egui::Ui,
    gate: &Gate,
    next: Stage,
    draft: &mut MoveDraft,
    today: Date,
    actions: &mut Vec<Action>,
) {
    let button_text = format!("{}{}", s::APPLY_MOVE_TO, next.title());
    if !draft.open {
        if ui.add_enabled(editable(ui), egui::Button::new(button_text)).clicked() {
            draft.open = true;
            draft.stage = Some(gate.stage);
            draft.date = DateText::new(Some(today));
            draft.opened_with = draft.date.clone();
        }
        return;
    }
    let enabled = editable(ui);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(egui::RichText::new(button_text).strong());
        ui.add_enabled_ui(enabled, |ui| move_fields_ui(ui, gate, draft));
        ui.horizontal(|ui| {
            if ui.add_enabled(enabled, egui::Button::new(s::CONFIRM_MOVE)).clicked() {
                match build_move(gate, next, draft) {
                    Ok(stage_move) => {
                        actions.push(Action::Edit(Command::MoveStage(stage_move)));
                        *draft = MoveDraft::default();
                    }
                    Err(message) => actions.push(Action::Error(message)),
                }
            }
            if ui.button(s::CANCEL).clicked() {
                *draft = MoveDraft::default();
            }
        });
    });
}

fn move_fields_ui(ui: &mut egui::Ui, gate: &Gate, draft: &mut MoveDraft) {
    egui::Grid::new("move_form")
        .min_col_width(130.0)
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = crate::ui::widgets::label_over_message_ui(ui, s::MOVE_DATE);
            crate::ui::widgets::date_field_ui(ui, &mut draft.date, "move_date").labelled_by(label.id);
            ui.end_row();
            let label = ui.label(s::APPROVER_FIELD);
            ui.add(
                egui::TextEdit::singleline(&mut draft.approver)
                    .id_salt("move_approver")
                    .hint_text(s::APPROVER_HINT),
            )
            .labelled_by(label.id);
            ui.end_row();
            for check in gate.checks.iter().filter(|c| !c.is_met()) {
                let label = ui.label(format!("{}：{}", s::OVERRIDE_REASON, check.label));
                let reason = reason_of(&mut draft.reasons, check.label);
                ui.add(
                    egui::TextEdit::multiline(reason)
                        .id_salt(("reason", check.label))
                        .desired_rows(2)
                        .hint_text(s::OVERRIDE_HINT),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
            ui.label(s::NOTE);
            ui.add(egui::TextEdit::singleline(&mut draft.note).id_salt("move_note"));
            ui.end_row();
        });
}

fn build_move(gate: &Gate, next: Stage, draft: &MoveDraft) -> Result<StageMove, String> {
    let date = draft.date.read()?.ok_or_else(|| s::MOVE_DATE_MISSING.to_owned())?;
    if draft.approver.trim().is_empty() {
        return Err(s::APPROVER_MISSING.to_owned());
    }
    let overrides = overrides_of(gate, &draft.reasons)?;
    Ok(StageMove {
        from: gate.stage,
        to: next,
        date,
        approver: draft.approver.trim().to_owned(),
        overrides,
        note: draft.note.trim().to_owned(),
    })
}

/// The reason typed for the check labelled `label`, to type into.
pub fn reason_of<'a>(reasons: &'a mut BTreeMap<String, String>, label: &str) -> &'a mut String {
    reasons.entry(label.to_owned()).or_default()
}

/// The unmet checks of `gate` with the reasons typed for them; a check
/// without a reason is refused by name.
pub fn overrides_of(gate: &Gate, reasons: &BTreeMap<String, String>) -> Result<Vec<Override>, String> {
    let overrides: Vec<Override> = gate
        .checks
        .iter()
        .filter(|c| !c.is_met())
        .map(|c| Override {
            check: c.label.to_owned(),
            unmet: c.unmet.len() as u32,
            reason: reasons.get(c.label).map(|r| r.trim().to_owned()).unwrap_or_default(),
        })
        .collect();
    if let Some(o) = overrides.iter().find(|o| o.reason.is_empty()) {
        return Err(format!("{}：{}", s::REASON_MISSING, o.check));
    }
    Ok(overrides)
}
