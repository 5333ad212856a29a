//! 表彰与处置: the members commended as outstanding (those graded 优秀
//! are suggested), and the follow-up of every disposition decided in the
//! appraisal — what was done and when the handling was finished (办结).

use super::Frame;
use super::commitments::text_ui;
use crate::edit::{AppraisalCommand, Command, RectificationCommand};
use crate::model::Ledger;
use crate::model::MemberId;
use crate::model::appraisal::{Grade, MemberResult};
use crate::model::appraisal_rules::check_result;
use crate::model::dates::{show, show_opt};
use crate::model::rectification::Commendation;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{Form, Leave, Switch};
use crate::ui::widgets::{DateText, date_field_ui, editable};

/// The default title of a commendation.
const TITLE: &str = "优秀共产党员";

/// The handling tab's view state. The drafts file keeps the follow-up
/// being typed and the commendation's title and date.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HandlingState {
    /// The member whose disposition is to be opened (a link), taken at
    /// the next frame.
    #[serde(skip)]
    pub selected: Option<MemberId>,
    pub title: String,
    pub date: DateText,
    /// The follow-up being typed: (member, text, done date).
    followup: Option<(MemberId, String, DateText)>,
    /// Another member's follow-up asked for while this one is not saved.
    #[serde(skip)]
    switch: Switch<MemberId>,
}

impl HandlingState {
    /// The follow-up being typed, when it differs from the stored one. The
    /// commendation's title and date are a setting of the 表彰 buttons,
    /// not a record: they do not count.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(Form::unsaved(self, ledger));
    }

    /// Opens `member`'s follow-up, asking first when another one being
    /// typed is not saved.
    fn open(&mut self, ledger: &Ledger, member: MemberId) {
        if self.followup.as_ref().is_some_and(|(m, _, _)| *m == member) {
            return;
        }
        let unsaved = Form::unsaved(self, ledger);
        if let Some(member) = self.switch.ask_about(unsaved, member) {
            self.start(ledger, member);
        }
    }

    fn start(&mut self, ledger: &Ledger, member: MemberId) {
        self.followup = ledger
            .appraisal
            .result(member)
            .map(|r| (member, r.follow_up.clone(), DateText::new(r.follow_up_done)));
    }
}

/// What 保存处置情况 sends, or what is wrong.
fn followup_command(ledger: &Ledger, member: MemberId, text: &str, done: &DateText) -> Result<Command, String> {
    let Some(result) = ledger.appraisal.result(member) else {
        return Err(format!("{}没有评议结果", ledger.member_name(member)));
    };
    let updated = MemberResult {
        follow_up: text.trim().to_owned(),
        follow_up_done: done.read()?,
        ..result.clone()
    };
    check_result(&updated, ledger)?;
    Ok(Command::Appraisal(AppraisalCommand::SetResult(updated)))
}

/// Sends the follow-up, or says what is wrong (as a message at the top).
fn send_followup(command: Result<Command, String>, actions: &mut Vec<Action>) -> bool {
    match command {
        Ok(command) => {
            actions.push(Action::Edit(command));
            true
        }
        Err(message) => {
            actions.push(Action::Error(message));
            false
        }
    }
}

impl Form for HandlingState {
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let (member, text, done) = self.followup.as_ref()?;
        let stored = ledger.appraisal.result(*member);
        let same = stored.is_some_and(|r| {
            text.trim() == r.follow_up.trim()
                && (done.read() == Ok(r.follow_up_done) || *done == DateText::new(r.follow_up_done))
        });
        (!same).then(|| Unsaved::new("表彰与处置", ledger.member_name(*member), Screen::Rectification))
    }

    /// 保存处置情况.
    fn save(&mut self, ledger: &Ledger, _today: crate::model::Date, actions: &mut Vec<Action>) -> bool {
        let Some((member, text, done)) = &self.followup else {
            return true;
        };
        let saved = send_followup(followup_command(ledger, *member, text, done), actions);
        if saved {
            self.followup = None;
        }
        saved
    }
}

/// The handling tab.
pub fn handling_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut HandlingState, actions: &mut Vec<Action>) {
    // The state is the form: the switch is taken out while it asks.
    let mut switch = std::mem::take(&mut state.switch);
    match switch.ui(ui, frame.ledger, frame.today, Some(&mut *state), actions) {
        Some(Leave::Go(member)) => state.start(frame.ledger, member),
        Some(Leave::Saved) | None => {}
    }
    state.switch = switch;
    egui::ScrollArea::vertical()
        .id_salt("handling_scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            commendations_ui(ui, frame, state, actions);
            ui.add_space(10.0);
            ui.separator();
            dispositions_ui(ui, frame, state, actions);
        });
}

fn commendations_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut HandlingState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let commended = &ledger.rectification.commendations;
    ui.label(
        egui::RichText::new(format!("表彰优秀党员（{} 人）", commended.len()))
            .strong()
            .size(16.0),
    );
    if state.title.is_empty() {
        state.title = TITLE.to_owned();
    }
    if state.date.0.is_empty() {
        state.date = DateText::new(Some(frame.today));
    }
    let editable = editable(ui);
    ui.add_enabled_ui(editable, |ui| {
        ui.horizontal(|ui| commendation_fields_ui(ui, state));
    });
    ui.add_enabled_ui(editable, |ui| candidates_ui(ui, frame, state, actions));
}

/// The title and date of the commendations given next.
fn commendation_fields_ui(ui: &mut egui::Ui, state: &mut HandlingState) {
    let label = ui.label("表彰名称");
    ui.add(
        egui::TextEdit::singleline(&mut state.title)
            .id_salt("commend_title")
            .desired_width(160.0),
    )
    .labelled_by(label.id);
    let label = ui.label("表彰日期");
    date_field_ui(ui, &mut state.date, "commend_date").labelled_by(label.id);
}

/// The members graded 优秀 or commended, each with 表彰 or 取消表彰.
fn candidates_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut HandlingState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let commended = &ledger.rectification.commendations;
    let excellent: Vec<&MemberResult> = ledger
        .appraisal
        .results
        .iter()
        .filter(|r| r.grade == Some(Grade::Excellent) && ledger.member(r.member).is_some())
        .collect();
    let mut candidates: Vec<MemberId> = excellent.iter().map(|r| r.member).collect();
    for c in commended {
        if !candidates.contains(&c.member) {
            candidates.push(c.member);
        }
    }
    if candidates.is_empty() {
        ui.label("民主评议中还没有评定为“优秀”的党员。");
    }
    egui::Grid::new("commendations")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for member in candidates {
                ui.label(ledger.member_name(member));
                let grade = ledger.appraisal.result(member).and_then(|r| r.grade);
                ui.label(grade.map(|g| format!("评定：{}", g.label())).unwrap_or_default());
                match commended.iter().find(|c| c.member == member) {
                    Some(c) => {
                        ui.label(format!("已表彰：{}（{}）", c.title, show_opt(c.date)));
                        if ui.button("取消表彰").clicked() {
                            actions.push(commend(member, None));
                        }
                    }
                    None => {
                        ui.label("未表彰");
                        if ui.button(format!("表彰{}", ledger.member_name(member))).clicked() {
                            match state.date.read() {
                                Ok(date) => actions.push(commend(
                                    member,
                                    Some(Commendation {
                                        member,
                                        date,
                                        title: state.title.trim().to_owned(),
                                    }),
                                )),
                                Err(message) => actions.push(Action::Error(message)),
                            }
                        }
                    }
                }
                ui.end_row();
            }
        });
}

fn commend(member: MemberId, commendation: Option<Commendation>) -> Action {
    Action::Edit(Command::Rectification(RectificationCommand::SetCommendation {
        member,
        commendation,
    }))
}

fn dispositions_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut HandlingState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let handled: Vec<&MemberResult> = ledger
        .appraisal
        .results
        .iter()
        .filter(|r| r.disposition.is_some())
        .collect();
    let done = handled.iter().filter(|r| r.follow_up_done.is_some()).count();
    ui.label(
        egui::RichText::new(format!(
            "不合格党员的组织处置（{} 人，已办结 {done} 人）",
            handled.len()
        ))
        .strong()
        .size(16.0),
    );
    if handled.is_empty() {
        ui.label("民主评议中没有需要组织处置的党员。");
        return;
    }
    // A link from elsewhere opens that member's follow-up.
    if let Some(member) = state.selected.take()
        && handled.iter().any(|r| r.member == member)
    {
        state.open(ledger, member);
    }
    let mut open = None;
    for result in handled {
        let member = result.member;
        let Some(disposition) = result.disposition else {
            continue;
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(ledger.member_name(member)).strong());
                ui.label(format!("处置：{}", disposition.label()));
                if let Some(deadline) = result.deadline {
                    let late = result.follow_up_done.is_none() && deadline < frame.today;
                    let text = format!("改正期限 {}", show(deadline));
                    if late {
                        ui.colored_label(ui.visuals().error_fg_color, format!("{text}（已到期）"));
                    } else {
                        ui.label(text);
                    }
                }
                match result.follow_up_done {
                    Some(d) => ui.label(format!("已于 {} 办结", show(d))),
                    None => ui.colored_label(ui.visuals().warn_fg_color, "未办结"),
                };
            });
            let editing = state.followup.as_ref().is_some_and(|(m, _, _)| *m == member);
            if !editing {
                if !result.follow_up.is_empty() {
                    ui.label(&result.follow_up);
                }
                if ui
                    .add_enabled(
                        editable(ui),
                        egui::Button::new(format!("登记{}的处置情况", ledger.member_name(member))),
                    )
                    .clicked()
                {
                    open = Some(member);
                }
                return;
            }
            if let Some((_, text, done)) = &mut state.followup {
                let editable = editable(ui);
                ui.add_enabled_ui(editable, |ui| {
                    text_ui(ui, "处置情况", text, 3);
                    // The hint before the field: the date's message line takes the rest of the row.
                    ui.horizontal(|ui| {
                        let label = ui.label("办结日期");
                        ui.label(egui::RichText::new("（未办结的留空）").small());
                        date_field_ui(ui, done, "followup_done").labelled_by(label.id);
                    });
                });
                let mut close = false;
                ui.horizontal(|ui| {
                    if ui.add_enabled(editable, egui::Button::new("保存处置情况")).clicked()
                        && send_followup(followup_command(ledger, member, text, done), actions)
                    {
                        close = true;
                    }
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
                if close {
                    state.followup = None;
                }
            }
        });
    }
    if let Some(member) = open {
        state.open(ledger, member);
    }
}
