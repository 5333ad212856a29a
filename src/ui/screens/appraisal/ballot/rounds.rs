//! The ballot rounds: each count of anonymous ballots with 应到, 实到,
//! valid and invalid ballots, and every member's tally. The form refuses
//! counts that do not add up, saying which figure is wrong.

use std::collections::BTreeMap;

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::edit::{AppraisalCommand, Command};
use crate::model::appraisal::{AppraisalRound, Tally, Voters};
use crate::model::appraisal_rules::check_round;
use crate::model::dates::show;
use crate::model::numbers::parse_count;
use crate::model::{AppraisalId, Ledger, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::{Unsaved, differs};
use crate::ui::screens::appraisal::Frame;
use crate::ui::widgets::{DateText, editable};

/// The columns of a tally, in the order of the ballot.
const TALLY_COLUMNS: [&str; 5] = ["优秀", "合格", "基本合格", "不合格", "弃权"];

/// The rounds view's state.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RoundsState {
    form: Option<RoundForm>,
    /// The ballot's aspects being edited, one per line.
    aspects: Option<String>,
}

impl RoundsState {
    /// The round being entered and the ballot's aspects being edited, when
    /// they differ from the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        if let Some(form) = self.form.as_ref().filter(|f| f.unsaved(ledger)) {
            out.push(Unsaved::new("测评票", form.voters.label(), Screen::Appraisal));
        }
        if let Some(text) = &self.aspects
            && aspects_of(text) != ledger.appraisal.ballot_aspects
        {
            out.push(Unsaved::new("测评内容", "", Screen::Appraisal));
        }
    }
}

/// The aspects typed one per line.
fn aspects_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A round being entered or corrected: every figure as typed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct RoundForm {
    id: Option<AppraisalId>,
    voters: Voters,
    date: DateText,
    expected: String,
    present: String,
    valid: String,
    invalid: String,
    /// Per member: 优秀, 合格, 基本合格, 不合格, 弃权 as typed.
    tallies: BTreeMap<MemberId, [String; 5]>,
    #[serde(skip)]
    attempted: bool,
    #[serde(skip)]
    confirm_delete: bool,
}

impl RoundForm {
    fn new(ledger: &Ledger, voters: Voters, today: crate::model::Date) -> Self {
        let members = ledger.current_members().count();
        Self {
            id: None,
            voters,
            date: DateText::new(Some(today)),
            expected: if voters == Voters::Members {
                members.to_string()
            } else {
                String::new()
            },
            present: String::new(),
            valid: String::new(),
            invalid: String::new(),
            tallies: BTreeMap::new(),
            attempted: false,
            confirm_delete: false,
        }
    }

    fn edit(round: &AppraisalRound) -> Self {
        let figure = |n: u32| n.to_string();
        Self {
            id: Some(round.id),
            voters: round.voters,
            date: DateText::new(Some(round.date)),
            expected: figure(round.expected),
            present: figure(round.present),
            valid: figure(round.valid),
            invalid: figure(round.invalid),
            tallies: round
                .tallies
                .iter()
                .map(|t| {
                    (
                        t.member,
                        [t.excellent, t.qualified, t.basic, t.unqualified, t.abstained].map(figure),
                    )
                })
                .collect(),
            attempted: false,
            confirm_delete: false,
        }
    }

    /// The form without the empty rows the tally table adds as it is
    /// drawn.
    fn typed(&self) -> Self {
        let mut typed = self.clone();
        typed.tallies.retain(|_, t| t.iter().any(|t| !t.trim().is_empty()));
        typed
    }

    /// Whether the form holds other figures than its round (or, for a new
    /// round, than the blank form: the date it opens with is today's,
    /// which is not known here, so the date alone does not count). A round
    /// removed meanwhile is unsaved.
    fn unsaved(&self, ledger: &Ledger) -> bool {
        let fresh = match self.id {
            Some(id) => match ledger.appraisal.rounds.iter().find(|r| r.id == id) {
                Some(round) => Self::edit(round),
                None => return true,
            },
            None => Self {
                date: self.date.clone(),
                ..Self::new(ledger, self.voters, crate::model::Date::constant(2000, 1, 1))
            },
        };
        differs(&self.typed(), Some(&fresh.typed()))
    }

    /// The round as typed; an empty 弃权 is what is left of the valid
    /// ballots.
    fn read(&self, ledger: &Ledger) -> Result<AppraisalRound, String> {
        let date = self.date.read()?.ok_or_else(|| "请填写测评日期".to_owned())?;
        let valid = parse_count(&self.valid, "有效票")?;
        let mut tallies = Vec::new();
        for (member, typed) in &self.tallies {
            if typed.iter().all(|t| t.trim().is_empty()) {
                continue;
            }
            let name = ledger.member_name(*member);
            let mut n = [0u32; 5];
            for (k, (text, column)) in typed.iter().zip(TALLY_COLUMNS).enumerate() {
                n[k] = parse_count(text, &format!("{name}的{column}票"))?;
            }
            if typed[4].trim().is_empty() {
                n[4] = valid.saturating_sub(n[..4].iter().sum());
            }
            tallies.push(Tally {
                member: *member,
                excellent: n[0],
                qualified: n[1],
                basic: n[2],
                unqualified: n[3],
                abstained: n[4],
            });
        }
        let round = AppraisalRound {
            id: self.id.unwrap_or(AppraisalId(0)),
            date,
            voters: self.voters,
            expected: parse_count(&self.expected, "应到")?,
            present: parse_count(&self.present, "实到")?,
            valid,
            invalid: parse_count(&self.invalid, "无效票")?,
            tallies,
        };
        check_round(&round, ledger)?;
        Ok(round)
    }
}

/// The rounds list, or the open round's form.
pub(super) fn rounds_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut RoundsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    if let Some(form) = &mut state.form {
        if form
            .id
            .is_some_and(|id| !ledger.appraisal.rounds.iter().any(|r| r.id == id))
            || !form_ui(ui, ledger, form, actions)
        {
            state.form = None;
        }
        return;
    }
    ui.horizontal(|ui| {
        for voters in Voters::ALL {
            if ui
                .add_enabled(editable(ui), egui::Button::new(format!("登记{}票数", voters.label())))
                .clicked()
            {
                state.form = Some(RoundForm::new(ledger, voters, frame.today));
            }
        }
    });
    aspects_ui(ui, ledger, &mut state.aspects, actions);
    let rounds = &ledger.appraisal.rounds;
    if rounds.is_empty() {
        ui.add_space(12.0);
        ui.label("还没有登记测评票数。测评表当场收回统计后，点上面的按钮逐人录入各等次的票数。");
        return;
    }
    let mut clicked = None;
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .id_salt("rounds_table")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(TableColumn::initial(100.0))
        .column(TableColumn::initial(90.0))
        .columns(TableColumn::initial(64.0), 4)
        .column(TableColumn::remainder())
        .header(24.0, |mut header| {
            for title in ["日期", "方式", "应到", "实到", "有效票", "无效票", "已登记票数"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(24.0, rounds.len(), |mut row| {
                let r = &rounds[row.index()];
                let cells = [
                    show(r.date),
                    r.voters.label().to_owned(),
                    r.expected.to_string(),
                    r.present.to_string(),
                    r.valid.to_string(),
                    r.invalid.to_string(),
                    format!("{} 人", r.tallies.len()),
                ];
                for text in cells {
                    row.col(|ui| {
                        ui.label(text);
                    });
                }
                if row.response().clicked() {
                    clicked = Some(r.id);
                }
            });
        });
    if let Some(r) = clicked.and_then(|id| rounds.iter().find(|r| r.id == id)) {
        state.form = Some(RoundForm::edit(r));
    }
}

/// The aspects printed on the ballot (测评内容), each graded 好 / 一般 /
/// 差 beside the overall grade.
fn aspects_ui(ui: &mut egui::Ui, ledger: &Ledger, editing: &mut Option<String>, actions: &mut Vec<Action>) {
    let aspects = &ledger.appraisal.ballot_aspects;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "测评表内容：{}，每项分好、一般、差；总体评价分优秀、合格、基本合格、不合格。",
            if aspects.is_empty() {
                "（只评总体）".to_owned()
            } else {
                aspects.join("、")
            }
        ));
        if editing.is_none()
            && ui
                .add_enabled(editable(ui), egui::Button::new("修改测评内容").small())
                .clicked()
        {
            *editing = Some(aspects.join("\n"));
        }
    });
    if editing.is_some() {
        ui.add_enabled_ui(editable(ui), |ui| aspects_form_ui(ui, editing, actions));
    }
}

/// The aspects being edited, with 保存测评内容 and 取消.
fn aspects_form_ui(ui: &mut egui::Ui, editing: &mut Option<String>, actions: &mut Vec<Action>) {
    let Some(text) = editing else { return };
    let label = ui.label("测评内容（每行一项，最多 12 项）");
    ui.add(
        egui::TextEdit::multiline(text)
            .id_salt("ballot_aspects")
            .desired_rows(4)
            .desired_width(320.0),
    )
    .labelled_by(label.id);
    let list = aspects_of(text);
    let too_many = list.len() > 12;
    if too_many {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("测评内容 {} 项，最多 12 项", list.len()),
        );
    }
    ui.horizontal(|ui| {
        if ui.add_enabled(!too_many, egui::Button::new("保存测评内容")).clicked() {
            actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::SetBallotAspects(
                list,
            ))));
            *editing = None;
        } else if ui.button("取消").clicked() {
            *editing = None;
        }
    });
}

/// The form. Returns false when it closes.
fn form_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut RoundForm, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    ui.horizontal(|ui| {
        ui.heading(format!("{}票数", form.voters.label()));
        if ui.button("返回列表").clicked() {
            open = false;
        }
    });
    let kept = ui
        .add_enabled_ui(editable(ui), |ui| form_fields_ui(ui, ledger, form, actions))
        .inner;
    open && kept
}

/// The round's figures, every member's tally, 保存票数 and 删除这次测评.
/// Returns false when the form closes.
fn form_fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut RoundForm, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("测评日期");
        ui.add(
            egui::TextEdit::singleline(&mut form.date.0)
                .id_salt("round_date")
                .desired_width(110.0),
        )
        .labelled_by(label.id);
        for (text, title) in [
            (&mut form.expected, "应到"),
            (&mut form.present, "实到"),
            (&mut form.valid, "有效票"),
            (&mut form.invalid, "无效票"),
        ] {
            let label = ui.label(title);
            ui.add(
                egui::TextEdit::singleline(text)
                    .id_salt(("round", title))
                    .char_limit(7)
                    .desired_width(56.0),
            )
            .labelled_by(label.id);
        }
    });
    let read = form.read(ledger);
    ui.label(
        egui::RichText::new("逐人填写各等次票数；“弃权”不填时按有效票减去其余各项计算。每人各项合计须等于有效票。")
            .color(ui.visuals().weak_text_color()),
    );
    let valid = parse_count(&form.valid, "有效票").unwrap_or(0);
    let members: Vec<(MemberId, &str)> = ledger.current_members().map(|m| (m.id, m.name.as_str())).collect();
    let save_area = 90.0;
    let table_height = (ui.available_height() - save_area).max(120.0);
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .id_salt("tally_table")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .max_scroll_height(table_height)
        .column(TableColumn::initial(100.0).clip(true))
        .columns(TableColumn::exact(70.0), 5)
        .column(TableColumn::remainder())
        .header(24.0, |mut header| {
            header.col(|ui| {
                ui.strong("姓名");
            });
            for title in TALLY_COLUMNS {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
            header.col(|ui| {
                ui.strong("合计");
            });
        })
        .body(|body| {
            body.rows(26.0, members.len(), |mut row| {
                let (member, name) = members[row.index()];
                row.col(|ui| {
                    ui.label(name);
                });
                let typed = form.tallies.entry(member).or_default();
                for (k, column) in TALLY_COLUMNS.iter().enumerate() {
                    row.col(|ui| {
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut typed[k])
                                .id_salt(("tally", member.0, k))
                                .char_limit(7)
                                .desired_width(56.0),
                        );
                        let label = format!("{name}{column}");
                        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label.clone()));
                    });
                }
                row.col(|ui| {
                    if typed.iter().all(|t| t.trim().is_empty()) {
                        return;
                    }
                    let figures: Vec<u32> = typed.iter().map(|t| parse_count(t, "").unwrap_or(0)).collect();
                    let named: u32 = figures[..4].iter().sum();
                    let total = if typed[4].trim().is_empty() {
                        named.max(valid)
                    } else {
                        named + figures[4]
                    };
                    if total == valid {
                        ui.label(total.to_string());
                    } else {
                        ui.colored_label(ui.visuals().error_fg_color, format!("{total}≠{valid}"));
                    }
                });
            });
        });
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if ui.button(egui::RichText::new("保存票数").strong()).clicked() {
            match &read {
                Ok(round) => {
                    let command = match form.id {
                        Some(_) => AppraisalCommand::UpdateRound(round.clone()),
                        None => AppraisalCommand::AddRound(round.clone()),
                    };
                    actions.push(Action::Edit(Command::Appraisal(command)));
                    open = false;
                }
                Err(_) => form.attempted = true,
            }
        }
        if form.id.is_some() && ui.button("删除这次测评").clicked() {
            form.confirm_delete = true;
        }
    });
    if let Err(message) = &read
        && (form.attempted || form.id.is_some())
    {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
    if form.confirm_delete
        && let Some(id) = form.id
    {
        egui::Modal::new(egui::Id::unique("delete_round")).show(ui.ctx(), |ui| {
            ui.label("删除这次测评的票数？可以用“撤销”（Ctrl+Z）恢复。");
            ui.horizontal(|ui| {
                if ui.button("确认删除").clicked() {
                    actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::RemoveRound(id))));
                    open = false;
                }
                if ui.button("取消").clicked() {
                    form.confirm_delete = false;
                }
            });
        });
    }
    open
}
