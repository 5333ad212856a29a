//! Each member's self-appraisal and the committee's grade: a table with
//! the tallies of the latest rounds beside them, and a form for one member
//! (self-appraisal, grade within the cap on 优秀, disposition of 不合格).

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::edit::{AppraisalCommand, Command};
use crate::model::appraisal::{AppraisalRound, Disposition, Grade, MemberResult, Voters};
use crate::model::appraisal_rules::{check_result, excellent_cap};
use crate::model::{Ledger, Member, MemberId};
use crate::progress::appraisal::grade_distribution;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::{Unsaved, differs};
use crate::ui::screens::appraisal::Frame;
use crate::ui::screens::switch::{self, Form, Leave, Switch};
use crate::ui::widgets::{DateText, editable, sort_header_ui};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Sort {
    #[default]
    Roster,
    Name,
    SelfGrade,
    Members,
    Grade,
}

/// The results view's state.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ResultsState {
    /// Set once the view has been shown (a link then no longer forces it).
    pub opened: bool,
    #[serde(skip)]
    search: String,
    #[serde(skip)]
    sort: Sort,
    #[serde(skip)]
    descending: bool,
    form: Option<ResultForm>,
    /// Another member picked while the result holds unsaved input.
    #[serde(skip)]
    switch: Switch<MemberId>,
}

impl ResultsState {
    /// The member's result being typed, when it differs from the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.form.as_ref().and_then(|f| f.unsaved(ledger)));
    }

    /// Opens `member`'s result as `selected`, asking first when the open
    /// one holds unsaved input.
    pub fn show(&mut self, ledger: &Ledger, member: MemberId, selected: &mut Option<MemberId>) {
        if self.form.as_ref().is_some_and(|f| f.draft.member == member) {
            *selected = Some(member);
        } else if let Some(member) = self.switch.ask(ledger, self.form.as_ref(), member) {
            self.select(ledger, member, selected);
        }
    }

    /// Follows `member` picked in another tab, unless that would put away
    /// input typed here (which then stays open).
    pub fn follow(&mut self, ledger: &Ledger, member: MemberId, selected: &mut Option<MemberId>) {
        if self.form.as_ref().is_none_or(|f| f.unsaved(ledger).is_none()) {
            self.select(ledger, member, selected);
        }
    }

    fn select(&mut self, ledger: &Ledger, member: MemberId, selected: &mut Option<MemberId>) {
        *selected = Some(member);
        self.form = ledger.member(member).map(|_| ResultForm::new(ledger, member));
    }
}

/// One member's result being edited. The branch's written opinion is
/// written in its own tab: this form shows it but neither keeps nor saves
/// its own copy of it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct ResultForm {
    draft: MemberResult,
    self_date: DateText,
    deadline: DateText,
    #[serde(skip)]
    attempted: bool,
}

impl ResultForm {
    fn new(ledger: &Ledger, member: MemberId) -> Self {
        let draft = ledger.appraisal.result(member).cloned().unwrap_or(MemberResult {
            member,
            ..MemberResult::default()
        });
        Self {
            self_date: DateText::new(draft.self_appraisal),
            deadline: DateText::new(draft.deadline),
            draft,
            attempted: false,
        }
    }

    /// What 保存评议结果 sends, or what is wrong.
    fn command(&self, ledger: &Ledger) -> Result<Command, String> {
        let result = self.read(ledger)?;
        Ok(Command::Appraisal(AppraisalCommand::SetResult(result)))
    }

    fn read(&self, ledger: &Ledger) -> Result<MemberResult, String> {
        let mut r = self.draft.clone();
        // The opinion as stored now, not as it was when the form opened.
        r.branch_opinion = ledger
            .appraisal
            .result(r.member)
            .map(|stored| stored.branch_opinion.clone())
            .unwrap_or_default();
        r.self_appraisal = self.self_date.read().map_err(|e| format!("自评日期：{e}"))?;
        r.deadline = self.deadline.read().map_err(|e| format!("改正期限：{e}"))?;
        if r.grade != Some(Grade::Unqualified) {
            r.disposition = None;
        }
        if r.disposition != Some(Disposition::CorrectWithinLimit) {
            r.deadline = None;
        }
        check_result(&r, ledger)?;
        Ok(r)
    }
}

impl Form for ResultForm {
    /// Whether the form holds other input than the member's result: it
    /// reads otherwise than stored, or, unreadable, is typed otherwise than
    /// the form opens.
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let fresh = Self::new(ledger, self.draft.member);
        let stored = ledger.appraisal.result(self.draft.member);
        let typed = |form: &Self| Self {
            draft: MemberResult {
                branch_opinion: String::new(),
                ..form.draft.clone()
            },
            ..form.clone()
        };
        if !differs(&typed(self), Some(&typed(&fresh))) {
            return None;
        }
        let changed = match self.read(ledger) {
            // Nothing stored yet reads as the blank result.
            Ok(read) => Some(&read) != stored && read != fresh.read(ledger).unwrap_or_else(|_| fresh.draft.clone()),
            Err(_) => true,
        };
        let name = ledger.member_name(self.draft.member);
        changed.then(|| Unsaved::new("评议结果", name, Screen::Appraisal))
    }

    /// 保存评议结果.
    fn save(&mut self, ledger: &Ledger, _today: crate::model::Date, actions: &mut Vec<Action>) -> bool {
        switch::send(self.command(ledger), &mut self.attempted, actions)
    }
}

/// The latest round of each kind, for the tallies beside each member.
fn latest(ledger: &Ledger, voters: Voters) -> Option<&AppraisalRound> {
    ledger
        .appraisal
        .rounds
        .iter()
        .filter(|r| r.voters == voters)
        .max_by_key(|r| (r.date, r.id))
}

/// "优 12 合 3 基 0 不 0" for a member in a round.
fn tally_text(round: Option<&AppraisalRound>, member: MemberId) -> String {
    let Some(t) = round.and_then(|r| r.tallies.iter().find(|t| t.member == member)) else {
        return "未登记".to_owned();
    };
    format!("优{} 合{} 基{} 不{}", t.excellent, t.qualified, t.basic, t.unqualified)
}

/// The results table and the open form.
pub(super) fn results_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    state: &mut ResultsState,
    selected: &mut Option<MemberId>,
    actions: &mut Vec<Action>,
) {
    let ledger = frame.ledger;
    state.opened = true;
    match state.switch.ui(ui, ledger, frame.today, state.form.as_mut(), actions) {
        Some(Leave::Go(member)) => state.select(ledger, member, selected),
        // The form stays open, as after its button.
        Some(Leave::Saved) | None => {}
    }
    if let Some(member) = *selected
        && state.form.is_none()
        && ledger.member(member).is_some()
    {
        state.form = Some(ResultForm::new(ledger, member));
    }
    let grading = ledger.campaign.settings.grading;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("查找");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .id_salt("results_search")
                .desired_width(120.0),
        )
        .labelled_by(label.id);
        if grading {
            let (counts, undecided) = grade_distribution(ledger);
            let cap = excellent_cap(ledger).map_or(String::new(), |cap| format!("（上限 {cap} 名）"));
            ui.label(format!(
                "优秀 {}{cap}，合格 {}，基本合格 {}，不合格 {}，未评定 {undecided}",
                counts[0], counts[1], counts[2], counts[3]
            ));
        } else {
            ui.label("本次活动不评定等次：只登记自评和测评票数。");
        }
    });
    if let Some(form) = &mut state.form {
        let mut open = true;
        egui::Panel::right("result_form")
            .resizable(true)
            .default_size(380.0)
            .min_size(320.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().id_salt("result_scroll").show(ui, |ui| {
                    open = form_ui(ui, frame, form, actions);
                });
            });
        if !open {
            state.form = None;
            *selected = None;
        }
    }
    let members_round = latest(ledger, Voters::Members);
    let masses_round = latest(ledger, Voters::Masses);
    let needle = state.search.trim();
    let mut rows: Vec<(usize, &Member)> = ledger
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_current() && (needle.is_empty() || m.name.contains(needle)))
        .collect();
    let result = |m: &Member| ledger.appraisal.result(m.id);
    let excellent_votes = |m: &Member| {
        members_round
            .and_then(|r| r.tallies.iter().find(|t| t.member == m.id))
            .map_or(0, |t| t.excellent)
    };
    match state.sort {
        Sort::Roster => {}
        Sort::Name => rows.sort_by(|a, b| a.1.name.cmp(&b.1.name)),
        Sort::SelfGrade => rows.sort_by_key(|(_, m)| result(m).and_then(|r| r.self_grade)),
        Sort::Members => rows.sort_by_key(|(_, m)| excellent_votes(m)),
        Sort::Grade => rows.sort_by_key(|(_, m)| result(m).and_then(|r| r.grade)),
    }
    if state.descending {
        rows.reverse();
    }
    let mut clicked = None;
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("results_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("results_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::exact(34.0))
                .column(TableColumn::initial(84.0).clip(true))
                .column(TableColumn::initial(80.0).clip(true))
                .column(TableColumn::initial(150.0).clip(true))
                .column(TableColumn::initial(150.0).clip(true))
                .column(TableColumn::initial(80.0).clip(true))
                .column(TableColumn::remainder().at_least(100.0).clip(true))
                .header(24.0, |mut header| {
                    header.col(|ui| sort_header_ui(ui, "序", Sort::Roster, &mut state.sort, &mut state.descending));
                    header.col(|ui| sort_header_ui(ui, "姓名", Sort::Name, &mut state.sort, &mut state.descending));
                    header
                        .col(|ui| sort_header_ui(ui, "自评", Sort::SelfGrade, &mut state.sort, &mut state.descending));
                    header.col(|ui| {
                        sort_header_ui(ui, "党员互评", Sort::Members, &mut state.sort, &mut state.descending)
                    });
                    header.col(|ui| {
                        ui.strong("群众评议");
                    });
                    header
                        .col(|ui| sort_header_ui(ui, "组织评定", Sort::Grade, &mut state.sort, &mut state.descending));
                    header.col(|ui| {
                        ui.strong("处置");
                    });
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let (i, m) = rows[row.index()];
                        let r = result(m);
                        row.set_selected(*selected == Some(m.id));
                        row.col(|ui| {
                            ui.label((i + 1).to_string());
                        });
                        row.col(|ui| {
                            ui.label(&m.name);
                        });
                        row.col(|ui| {
                            match r.and_then(|r| r.self_grade) {
                                Some(g) => ui.label(g.label()),
                                None if r.is_some_and(|r| r.self_appraisal.is_some()) => ui.label("已自评"),
                                None => ui.colored_label(ui.visuals().warn_fg_color, "未自评"),
                            };
                        });
                        row.col(|ui| {
                            ui.label(tally_text(members_round, m.id));
                        });
                        row.col(|ui| {
                            ui.label(tally_text(masses_round, m.id));
                        });
                        row.col(|ui| {
                            match r.and_then(|r| r.grade) {
                                Some(Grade::Unqualified) => {
                                    ui.colored_label(ui.visuals().error_fg_color, Grade::Unqualified.label())
                                }
                                Some(g) => ui.label(g.label()),
                                None if grading => ui.colored_label(ui.visuals().warn_fg_color, "未评定"),
                                None => ui.label("—"),
                            };
                        });
                        row.col(|ui| {
                            if let Some(d) = r.and_then(|r| r.disposition) {
                                ui.label(d.label());
                            }
                        });
                        if row.response().clicked() {
                            clicked = Some(m.id);
                        }
                    });
                });
        });
    if let Some(member) = clicked {
        state.show(ledger, member, selected);
    }
}

fn grade_combo_ui(ui: &mut egui::Ui, label: &str, grade: &mut Option<Grade>, none: &'static str) {
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(("grade_combo", label.id))
        .selected_text(grade.map_or(none, Grade::label))
        .show_ui(ui, |ui| {
            ui.selectable_value(grade, None, none);
            for g in Grade::ALL {
                ui.selectable_value(grade, Some(g), g.label());
            }
        })
        .response
        .labelled_by(label.id);
}

/// One member's result. Returns false when closed.
fn form_ui(ui: &mut egui::Ui, frame: &Frame<'_>, form: &mut ResultForm, actions: &mut Vec<Action>) -> bool {
    let ledger = frame.ledger;
    let mut open = true;
    ui.horizontal(|ui| {
        ui.heading(format!("{}的评议", ledger.member_name(form.draft.member)));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("关闭").clicked() {
                open = false;
            }
        });
    });
    ui.add_enabled_ui(editable(ui), |ui| form_fields_ui(ui, frame, form, actions));
    let opinion = ledger
        .appraisal
        .result(form.draft.member)
        .map_or("", |r| r.branch_opinion.as_str());
    if !opinion.trim().is_empty() {
        ui.separator();
        ui.label(egui::RichText::new("党组织评议意见").strong());
        ui.label(opinion);
    }
    open
}

/// The self-appraisal, the grade, the disposition and 保存评议结果.
fn form_fields_ui(ui: &mut egui::Ui, frame: &Frame<'_>, form: &mut ResultForm, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let grading = ledger.campaign.settings.grading;
    egui::Grid::new("result_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("自评日期");
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut form.self_date.0)
                        .id_salt("result_self_date")
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
                if ui.small_button("今天").clicked() {
                    form.self_date = DateText::new(Some(frame.today));
                }
            });
            ui.end_row();
            grade_combo_ui(ui, "自评等次", &mut form.draft.self_grade, "未填");
            ui.end_row();
            if grading {
                grade_combo_ui(ui, "组织评定", &mut form.draft.grade, "未评定");
                ui.end_row();
            }
            if form.draft.grade == Some(Grade::Unqualified) {
                ui.label("处置");
                egui::ComboBox::from_id_salt("result_disposition")
                    .selected_text(form.draft.disposition.map_or("请选择", Disposition::label))
                    .show_ui(ui, |ui| {
                        for d in Disposition::ALL {
                            ui.selectable_value(&mut form.draft.disposition, Some(d), d.label());
                        }
                    });
                ui.end_row();
                if form.draft.disposition == Some(Disposition::CorrectWithinLimit) {
                    let label = ui.label("改正期限");
                    ui.add(
                        egui::TextEdit::singleline(&mut form.deadline.0)
                            .id_salt("result_deadline")
                            .desired_width(110.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                }
            }
        });
    if form.draft.disposition.is_some() {
        let label = ui.label("处置和帮教情况");
        ui.add(
            egui::TextEdit::multiline(&mut form.draft.follow_up)
                .id_salt("result_follow_up")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    }
    if let Some(cap) = excellent_cap(ledger).filter(|_| grading) {
        let (counts, _) = grade_distribution(ledger);
        ui.label(
            egui::RichText::new(format!("优秀比例上限：最多 {cap} 名，已评 {} 名", counts[0]))
                .color(ui.visuals().weak_text_color()),
        );
    }
    let read = form.read(ledger);
    ui.horizontal(|ui| {
        if ui.button(egui::RichText::new("保存评议结果").strong()).clicked() {
            form.save(ledger, frame.today, actions);
        }
        let stored = ledger.appraisal.result(form.draft.member);
        if read.as_ref().ok() != stored && stored.is_some_and(|_| read.is_ok()) {
            ui.colored_label(ui.visuals().warn_fg_color, "未保存");
        }
    });
    if let Err(message) = &read
        && form.attempted
    {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
}
