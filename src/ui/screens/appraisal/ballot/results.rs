//! Each member's self-appraisal and the committee's grade: a table with
//! the tallies of the latest rounds beside them, and a form for one member
//! (self-appraisal, grade within the cap on 优秀, disposition of 不合格).

use crate::edit::{AppraisalCommand, Command};
use crate::model::appraisal::{AppraisalRound, Disposition, Grade, MemberResult, Voters};
use crate::model::appraisal_rules::{check_result, excellent_cap};
use crate::model::{Ledger, Member, MemberId};
use crate::progress::appraisal::grade_distribution;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::{Unsaved, differs};
use crate::ui::screens::appraisal::Frame;
use crate::ui::screens::switch::{self, Form, Leave, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::{DateText, editable};

/// The list's headings, in the order of [`ListSort::column`]; 党员互评 and
/// 群众评议 sort by the 优秀 votes of the latest round.
const HEADINGS: [Heading; 7] = [
    Heading::new("序", 34.0),
    Heading::new("姓名", 84.0),
    Heading::new("自评", 80.0),
    Heading::new(Voters::Members.label(), 150.0),
    Heading::new(Voters::Masses.label(), 150.0),
    Heading::new("组织评定", 80.0),
    Heading::rest("处置"),
];

/// The results view's state.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ResultsState {
    /// Set once the view has been shown (a link then no longer forces it).
    pub opened: bool,
    #[serde(skip)]
    search: String,
    /// In roster order until the secretary picks another heading.
    #[serde(skip)]
    sort: ListSort,
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
    top_ui(ui, ledger, state);
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
        crate::ui::screens::a11y::name_panel_handle(ui, "result_form", "表单");
        if !open {
            state.form = None;
            *selected = None;
        }
    }
    list_ui(ui, ledger, state, selected);
}

/// The search and the count of each grade (or that there are none).
fn top_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut ResultsState) {
    let grading = ledger.campaign.settings.grading;
    ui.horizontal_wrapped(|ui| {
        table::search_ui(ui, "results_search", &mut state.search, "", 120.0);
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
}

/// Every current member, searched by name and sorted, with their result
/// and the tallies of the latest rounds; a click opens the member.
fn list_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut ResultsState, selected: &mut Option<MemberId>) {
    let grading = ledger.campaign.settings.grading;
    let members_round = latest(ledger, Voters::Members);
    let masses_round = latest(ledger, Voters::Masses);
    let mut rows: Vec<(usize, &Member)> = ledger
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_current() && table::matches(&state.search, &[&m.name]))
        .collect();
    let result = |m: &Member| ledger.appraisal.result(m.id);
    let excellent_votes = |round: Option<&AppraisalRound>, m: &Member| {
        round
            .and_then(|r| r.tallies.iter().find(|t| t.member == m.id))
            .map_or(0, |t| t.excellent)
    };
    let disposition = |m: &Member| {
        let d = result(m).and_then(|r| r.disposition);
        d.and_then(|d| Disposition::ALL.iter().position(|x| *x == d))
    };
    let sort = state.sort;
    rows.sort_by(|(i, a), (j, b)| {
        let order = match sort.column {
            1 => a.name.cmp(&b.name),
            2 => result(a)
                .and_then(|r| r.self_grade)
                .cmp(&result(b).and_then(|r| r.self_grade)),
            3 => excellent_votes(members_round, a).cmp(&excellent_votes(members_round, b)),
            4 => excellent_votes(masses_round, a).cmp(&excellent_votes(masses_round, b)),
            5 => result(a).and_then(|r| r.grade).cmp(&result(b).and_then(|r| r.grade)),
            6 => disposition(a).cmp(&disposition(b)),
            _ => std::cmp::Ordering::Equal,
        };
        sort.apply(order.then(i.cmp(j)))
    });
    if rows.is_empty() {
        let any = ledger.current_members().next().is_some();
        table::empty_ui(ui, any, "名册中还没有党员。", "没有符合条件的党员。");
        return;
    }
    let open = rows.iter().position(|(_, m)| *selected == Some(m.id));
    let clicked = list_table_ui(
        ui,
        "results",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        open,
        |ui, row, column| {
            let (i, m) = rows[row];
            let r = result(m);
            match column {
                0 => ui.label((i + 1).to_string()),
                1 => ui.label(&m.name),
                2 => match r.and_then(|r| r.self_grade) {
                    Some(g) => ui.label(g.label()),
                    None if r.is_some_and(|r| r.self_appraisal.is_some()) => ui.label("已自评"),
                    None => ui.colored_label(ui.visuals().warn_fg_color, "未自评"),
                },
                3 => ui.label(tally_text(members_round, m.id)),
                4 => ui.label(tally_text(masses_round, m.id)),
                5 => match r.and_then(|r| r.grade) {
                    Some(Grade::Unqualified) => {
                        ui.colored_label(ui.visuals().error_fg_color, Grade::Unqualified.label())
                    }
                    Some(g) => ui.label(g.label()),
                    None if grading => ui.colored_label(ui.visuals().warn_fg_color, "未评定"),
                    None => ui.label("—"),
                },
                _ => ui.label(r.and_then(|r| r.disposition).map_or("", Disposition::label)),
            };
        },
    );
    if let Some(k) = clicked {
        state.show(ledger, rows[k].1.id, selected);
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
