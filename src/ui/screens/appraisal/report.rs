//! 通报评议情况: when and how the results were reported to the members
//! and made known to the masses, with the figures to report and the
//! handling of any member found unqualified.

use super::Frame;
use crate::edit::{AppraisalCommand, Command};
use crate::model::appraisal::{Disposition, Grade};
use crate::model::dates::show_opt;
use crate::model::{Date, Ledger};
use crate::progress::appraisal::grade_distribution;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::widgets::DateText;

/// The report form as typed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct ReportDraft {
    reported: DateText,
    form: String,
    masses_date: DateText,
    masses_form: String,
}

impl ReportDraft {
    fn from_ledger(ledger: &Ledger) -> Self {
        let a = &ledger.appraisal;
        Self {
            reported: DateText::new(a.reported),
            form: a.reported_form.clone(),
            masses_date: DateText::new(a.reported_to_masses_date),
            masses_form: a.reported_to_masses.clone(),
        }
    }

    /// Whether this reads as the same report as `other`: the same dates,
    /// however typed, and the same ways, blanks aside.
    fn same_as(&self, other: &Self) -> bool {
        let key = |d: &Self| {
            (
                d.reported.read().map_err(|_| d.reported.0.clone()),
                d.form.trim().to_owned(),
                d.masses_date.read().map_err(|_| d.masses_date.0.clone()),
                d.masses_form.trim().to_owned(),
            )
        };
        key(self) == key(other)
    }

    fn read(&self) -> Result<(Option<Date>, Option<Date>), String> {
        let reported = self.reported.read().map_err(|e| format!("向党员通报日期：{e}"))?;
        let masses = self.masses_date.read().map_err(|e| format!("向群众公布日期：{e}"))?;
        Ok((reported, masses))
    }
}

/// The tab's view state, kept in the drafts file but for the save tried.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReportState {
    draft: Option<ReportDraft>,
    /// The stored values the draft was taken from (to notice undo).
    base: Option<ReportDraft>,
    /// A save was tried and refused: the form says why.
    #[serde(skip)]
    attempted: bool,
}

impl ReportState {
    /// The report being typed, when it reads otherwise than stored.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        if let Some(draft) = &self.draft
            && !draft.same_as(&ReportDraft::from_ledger(ledger))
        {
            out.push(Unsaved::new("通报评议情况", "", Screen::Appraisal));
        }
    }
}

/// The report tab.
pub fn report_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut ReportState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let stored = ReportDraft::from_ledger(ledger);
    // Follow the stored values unless the secretary is typing (or what is
    // typed is what was just saved).
    if state.base.as_ref() != Some(&stored)
        && (state.draft == state.base || state.draft.as_ref().is_some_and(|d| d.same_as(&stored)))
    {
        state.draft = Some(stored.clone());
        state.base = Some(stored.clone());
    }
    figures_ui(ui, ledger);
    ui.add_space(6.0);
    ui.add_enabled_ui(crate::ui::widgets::editable(ui), |ui| {
        form_ui(ui, frame, state, actions)
    });
    ui.separator();
    dispositions_ui(ui, ledger);
}

/// The dates and ways of reporting, and 保存通报情况.
fn form_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut ReportState, actions: &mut Vec<Action>) {
    let Some(draft) = &mut state.draft else { return };
    for (date_label, date, date_id, form_label, form, form_id, hint) in [
        (
            "向党员通报日期",
            &mut draft.reported,
            "report_date",
            "通报方式",
            &mut draft.form,
            "report_form",
            "如 党员大会",
        ),
        (
            "向群众公布日期",
            &mut draft.masses_date,
            "report_masses_date",
            "公布方式",
            &mut draft.masses_form,
            "report_masses_form",
            "如 村务公开栏、群众代表会议",
        ),
    ] {
        ui.horizontal(|ui| {
            let label = ui.label(date_label);
            ui.add(
                egui::TextEdit::singleline(&mut date.0)
                    .id_salt(date_id)
                    .hint_text("如 2006-03-10")
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
            if ui.small_button("今天").clicked() {
                *date = DateText::new(Some(frame.today));
            }
            ui.add_space(12.0);
            let label = ui.label(form_label);
            ui.add(
                egui::TextEdit::singleline(form)
                    .id_salt(form_id)
                    .hint_text(hint)
                    .char_limit(100)
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        });
    }
    ui.horizontal(|ui| {
        if ui.button(egui::RichText::new("保存通报情况").strong()).clicked() {
            match draft.read() {
                Ok((reported, masses_date)) => {
                    actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::SetReport {
                        reported,
                        form: draft.form.trim().to_owned(),
                        masses_date,
                        masses_form: draft.masses_form.trim().to_owned(),
                    })));
                    state.attempted = false;
                }
                Err(_) => state.attempted = true,
            }
        }
        if state.base.as_ref().is_none_or(|base| !draft.same_as(base)) {
            ui.colored_label(ui.visuals().warn_fg_color, "未保存");
        }
    });
    if state.attempted
        && let Err(message) = draft.read()
    {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
}

/// The figures to report.
fn figures_ui(ui: &mut egui::Ui, ledger: &Ledger) {
    let a = &ledger.appraisal;
    ui.label(egui::RichText::new("通报内容").strong());
    if ledger.campaign.settings.grading {
        let (counts, undecided) = grade_distribution(ledger);
        ui.label(format!(
            "评定等次：{}{}",
            Grade::ALL
                .iter()
                .zip(counts)
                .map(|(g, n)| format!("{} {n} 名", g.label()))
                .collect::<Vec<_>>()
                .join("，"),
            if undecided > 0 {
                format!("，尚未评定 {undecided} 名")
            } else {
                String::new()
            }
        ));
    } else {
        ui.label("本次活动不评定等次。");
    }
    for round in &a.rounds {
        ui.label(format!(
            "{}（{}）：应到 {} 人，实到 {} 人，有效票 {} 张",
            round.voters.label(),
            show_opt(Some(round.date)),
            round.expected,
            round.present,
            round.valid
        ));
    }
}

/// Members found unqualified and how they are handled.
fn dispositions_ui(ui: &mut egui::Ui, ledger: &Ledger) {
    let handled: Vec<_> = ledger
        .appraisal
        .results
        .iter()
        .filter(|r| r.grade == Some(Grade::Unqualified))
        .collect();
    ui.label(egui::RichText::new("不合格党员的处置").strong());
    if handled.is_empty() {
        ui.label("没有评为不合格的党员。");
        return;
    }
    for r in handled {
        let disposition = r.disposition.map_or("未定处置", Disposition::label);
        let deadline = r
            .deadline
            .map(|d| format!("，期限 {}", show_opt(Some(d))))
            .unwrap_or_default();
        ui.label(format!("{}：{disposition}{deadline}", ledger.member_name(r.member)));
        if !r.follow_up.trim().is_empty() {
            ui.label(egui::RichText::new(&r.follow_up).color(ui.visuals().weak_text_color()));
        }
    }
}
