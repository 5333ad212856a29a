//! The ballot rounds: each count of anonymous ballots with 应到, 实到,
//! valid and invalid ballots, and every member's tally. The form refuses
//! counts that do not add up, saying which figure is wrong.

use std::collections::BTreeMap;

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::edit::{AppraisalCommand, Command};
use crate::model::appraisal::{AppraisalRound, Grade, Tally, Voters};
use crate::model::appraisal_rules::check_round;
use crate::model::appraisal_rules::{MAX_BALLOT_ASPECTS, ballot_aspects};
use crate::model::dates::show;
use crate::model::numbers::parse_count;
use crate::model::{AppraisalId, Date, Ledger, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::appraisal::Frame;
use crate::ui::screens::form::{RecordForm, RecordInput};
use crate::ui::screens::switch::Form;
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::{DateText, editable};

/// The columns of a tally, in the order of the ballot.
const TALLY_COLUMNS: [&str; 5] = [
    Grade::Excellent.label(),
    Grade::Qualified.label(),
    Grade::Basic.label(),
    Grade::Unqualified.label(),
    "弃权",
];

/// The rounds list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 7] = [
    Heading::new("日期", 100.0),
    Heading::new("方式", 90.0),
    Heading::new("应到", 64.0),
    Heading::new("实到", 64.0),
    Heading::new("有效票", 64.0),
    Heading::new("无效票", 64.0),
    Heading::rest("已登记票数"),
];

/// The form of one round.
type RoundForm = RecordForm<RoundInput>;

/// The rounds view's state.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RoundsState {
    form: Option<RoundForm>,
    /// The ballot's aspects being edited, one per line.
    aspects: Option<String>,
    /// Oldest first until the secretary picks another heading.
    #[serde(skip)]
    sort: ListSort,
}

impl RoundsState {
    /// The round being entered and the ballot's aspects being edited, when
    /// they differ from the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.form.as_ref().and_then(|f| f.unsaved(ledger)));
        if let Some(text) = &self.aspects
            && ballot_aspects(text.lines()).as_ref() != Ok(&ledger.appraisal.ballot_aspects)
        {
            out.push(Unsaved::new("测评内容", "", Screen::Appraisal));
        }
    }
}

/// A round's figures as typed. A member with nothing typed has no tally
/// row (the table adds none as it is drawn), so a form compares equal to
/// its round until a figure is typed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct RoundInput {
    /// 0 for a new round.
    id: AppraisalId,
    voters: Voters,
    date: DateText,
    expected: String,
    present: String,
    valid: String,
    invalid: String,
    /// Per member: 优秀, 合格, 基本合格, 不合格, 弃权 as typed.
    tallies: BTreeMap<MemberId, [String; 5]>,
}

impl RoundInput {
    /// A new round counted by `voters` on `today`; 应到 of the members'
    /// own round is every current member.
    fn blank(ledger: &Ledger, voters: Voters, today: Date) -> RoundForm {
        let members = ledger.current_members().count();
        RecordForm::new(Self {
            id: AppraisalId(0),
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
        })
    }

    fn of(round: &AppraisalRound) -> Self {
        let figure = |n: u32| n.to_string();
        Self {
            id: round.id,
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
        }
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
            id: self.id,
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

impl RecordInput for RoundInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let round = self.read(ledger)?;
        Ok(Command::Appraisal(if is_new {
            AppraisalCommand::AddRound(round)
        } else {
            AppraisalCommand::UpdateRound(round)
        }))
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        ledger.appraisal.rounds.iter().find(|r| r.id == self.id).map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.id == other.id
    }

    const DELETE_BUTTON: &'static str = "删除这次测评";

    fn delete(&self, _ledger: &Ledger) -> (String, Command) {
        (
            "删除这次测评的票数？".to_owned(),
            Command::Appraisal(AppraisalCommand::RemoveRound(self.id)),
        )
    }

    fn unsaved_label(&self, _ledger: &Ledger) -> Unsaved {
        Unsaved::new("测评票", self.voters.label(), Screen::Appraisal)
    }

    /// A new round opens dated today, which is not known where the drafts
    /// are listed: the date alone is not typing.
    fn untyped(&self, opened: &Self) -> Self {
        Self {
            date: self.date.clone(),
            ..opened.clone()
        }
    }
}

/// The rounds list, or the open round's form.
pub(super) fn rounds_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut RoundsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    if let Some(form) = &mut state.form {
        if !form.exists(ledger) || !form_ui(ui, frame, form, actions) {
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
                state.form = Some(RoundInput::blank(ledger, voters, frame.today));
            }
        }
    });
    aspects_ui(ui, ledger, &mut state.aspects, actions);
    list_ui(ui, ledger, state);
}

/// The rounds, oldest first; a click opens one.
fn list_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut RoundsState) {
    let mut rows: Vec<&AppraisalRound> = ledger.appraisal.rounds.iter().collect();
    if rows.is_empty() {
        // Nothing filters this list: empty is no rounds at all.
        table::empty_ui(
            ui,
            false,
            "还没有登记测评票数。测评表当场收回统计后，点上面的按钮逐人录入各等次的票数。",
            "",
        );
        return;
    }
    let sort = state.sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            1 => a.voters.label().cmp(b.voters.label()),
            2 => a.expected.cmp(&b.expected),
            3 => a.present.cmp(&b.present),
            4 => a.valid.cmp(&b.valid),
            5 => a.invalid.cmp(&b.invalid),
            6 => a.tallies.len().cmp(&b.tallies.len()),
            _ => a.date.cmp(&b.date),
        };
        sort.apply(order.then(a.date.cmp(&b.date)).then(a.id.cmp(&b.id)))
    });
    let clicked = list_table_ui(
        ui,
        "rounds",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        None,
        |ui, row, column| {
            let r = rows[row];
            ui.label(match column {
                0 => show(r.date),
                1 => r.voters.label().to_owned(),
                2 => r.expected.to_string(),
                3 => r.present.to_string(),
                4 => r.valid.to_string(),
                5 => r.invalid.to_string(),
                _ => format!("{} 人", r.tallies.len()),
            });
        },
    );
    if let Some(r) = clicked.map(|k| rows[k]) {
        state.form = Some(RecordForm::edit(RoundInput::of(r)));
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
    let label = ui.label(format!("测评内容（每行一项，最多 {MAX_BALLOT_ASPECTS} 项）"));
    ui.add(
        egui::TextEdit::multiline(text)
            .id_salt("ballot_aspects")
            .desired_rows(4)
            .desired_width(320.0),
    )
    .labelled_by(label.id);
    let read = ballot_aspects(text.lines());
    if let Err(message) = &read {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(read.is_ok(), egui::Button::new("保存测评内容"))
            .clicked()
            && let Ok(list) = read
        {
            actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::SetBallotAspects(
                list,
            ))));
            *editing = None;
        } else if ui.button("取消").clicked() {
            *editing = None;
        }
    });
}

/// The form: its heading with 返回列表, the figures, the tallies and the
/// save and delete row. Returns false when it closes.
fn form_ui(ui: &mut egui::Ui, frame: &Frame<'_>, form: &mut RoundForm, actions: &mut Vec<Action>) -> bool {
    let ledger = frame.ledger;
    let mut open = true;
    ui.horizontal(|ui| {
        ui.heading(format!("{}票数", form.input.voters.label()));
        open = form.close_ui(ui, ledger, "返回列表");
    });
    let kept = ui
        .add_enabled_ui(editable(ui), |ui| {
            figures_ui(ui, &mut form.input);
            ui.label(
                egui::RichText::new(
                    "逐人填写各等次票数；“弃权”不填时按有效票减去其余各项计算。每人各项合计须等于有效票。",
                )
                .color(ui.visuals().weak_text_color()),
            );
            tallies_ui(ui, ledger, &mut form.input);
            ui.add_space(4.0);
            form.buttons_ui(ui, ledger, frame.today, "保存票数", actions)
        })
        .inner;
    open && kept
}

/// The date and the four figures of the round.
fn figures_ui(ui: &mut egui::Ui, input: &mut RoundInput) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("测评日期");
        ui.add(
            egui::TextEdit::singleline(&mut input.date.0)
                .id_salt("round_date")
                .desired_width(110.0),
        )
        .labelled_by(label.id);
        for (text, title) in [
            (&mut input.expected, "应到"),
            (&mut input.present, "实到"),
            (&mut input.valid, "有效票"),
            (&mut input.invalid, "无效票"),
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
}

/// Every current member's tally, a row each, with its total against the
/// valid ballots. Not a record list: every cell is a text field.
fn tallies_ui(ui: &mut egui::Ui, ledger: &Ledger, input: &mut RoundInput) {
    let valid = parse_count(&input.valid, "有效票").unwrap_or(0);
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
            for title in std::iter::once("姓名").chain(TALLY_COLUMNS).chain(["合计"]) {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(26.0, members.len(), |mut row| {
                let (member, name) = members[row.index()];
                row.col(|ui| {
                    ui.label(name);
                });
                let mut typed = input.tallies.get(&member).cloned().unwrap_or_default();
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
                row.col(|ui| total_ui(ui, &typed, valid));
                if typed.iter().all(String::is_empty) {
                    input.tallies.remove(&member);
                } else {
                    input.tallies.insert(member, typed);
                }
            });
        });
}

/// A member's total: what the figures typed add up to, in red when it is
/// not the valid ballots; nothing while none is typed.
fn total_ui(ui: &mut egui::Ui, typed: &[String; 5], valid: u32) {
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
}
