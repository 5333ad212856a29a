//! 群众满意度测评: every survey round (kept, never overwritten by a new
//! one), the form with live totals that must add up to the ballots
//! returned, optional items, the rate under the campaign's settings, and
//! the make-up work and new round a rate below the threshold requires.

use super::Frame;
use super::commitments::{line_ui, text_ui};
use crate::edit::{Command, RectificationCommand};
use crate::model::dates::show;
use crate::model::numbers::parse_count;
use crate::model::rectification::{INVALID_BALLOT, Survey, SurveyAnswer, SurveyCounts, SurveyItem};
use crate::model::rectification_rules::check_survey;
use crate::model::{Date, Ledger};
use crate::progress::rectification::{latest_rate, meets_threshold};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::screens::switch::{self, Switch};
use crate::ui::table::{Heading, ListSort, list_table_ui};
use crate::ui::widgets::{DateText, date_field_ui, editable};

/// The form at the right of the list.
const PANEL: FormPanel = FormPanel {
    id: "survey_form",
    widths: (520.0, 420.0),
    new_title: "登记满意度测评",
    edit_title: "修改满意度测评",
    save_label: "保存测评",
};

/// The form of one survey round.
pub type SurveyForm = RecordForm<SurveyInput>;

/// The survey tab's view state. The drafts file keeps the round being
/// typed.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SurveyState {
    #[serde(skip)]
    pub sort: ListSort,
    pub form: Option<SurveyForm>,
    /// Another round asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<SurveyForm>,
}

impl SurveyState {
    /// The round being typed, when it differs from its record.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.form.as_ref().and_then(|f| switch::Form::unsaved(f, ledger)));
    }

    /// Opens `form`, asking first when the open one holds unsaved input;
    /// the round open already stays as it is.
    fn open(&mut self, ledger: &Ledger, form: SurveyForm) {
        if !self.form.as_ref().is_some_and(|open| open.same_record(&form)) {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }
}

/// The five counts as typed.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CountsText {
    pub satisfied: String,
    pub fairly: String,
    pub basically: String,
    pub unsatisfied: String,
    pub invalid: String,
}

/// The five boxes of a count, in the order of [`CountsText::fields`].
const COUNT_NAMES: [&str; 5] = [
    SurveyAnswer::Satisfied.label(),
    SurveyAnswer::Fairly.label(),
    SurveyAnswer::Basically.label(),
    SurveyAnswer::Unsatisfied.label(),
    INVALID_BALLOT,
];

impl CountsText {
    fn of(c: &SurveyCounts) -> Self {
        let t = |n: u32| if n == 0 { String::new() } else { n.to_string() };
        Self {
            satisfied: t(c.satisfied),
            fairly: t(c.fairly),
            basically: t(c.basically),
            unsatisfied: t(c.unsatisfied),
            invalid: t(c.invalid),
        }
    }

    fn fields(&mut self) -> [&mut String; 5] {
        [
            &mut self.satisfied,
            &mut self.fairly,
            &mut self.basically,
            &mut self.unsatisfied,
            &mut self.invalid,
        ]
    }

    fn read(&self, what: &str) -> Result<SurveyCounts, String> {
        let [satisfied, fairly, basically, unsatisfied, invalid] = COUNT_NAMES;
        let n = |text: &str, name: &str| parse_count(text, &format!("{what}的{name}"));
        Ok(SurveyCounts {
            satisfied: n(&self.satisfied, satisfied)?,
            fairly: n(&self.fairly, fairly)?,
            basically: n(&self.basically, basically)?,
            unsatisfied: n(&self.unsatisfied, unsatisfied)?,
            invalid: n(&self.invalid, invalid)?,
        })
    }
}

/// The typed fields of a survey round.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SurveyInput {
    pub draft: Survey,
    pub date: DateText,
    pub issued: String,
    pub returned: String,
    pub counts: CountsText,
    /// Item names and their counts.
    pub items: Vec<(String, CountsText)>,
}

impl SurveyInput {
    fn of(survey: &Survey) -> Self {
        let n = |v: u32| if v == 0 { String::new() } else { v.to_string() };
        Self {
            date: DateText::new(Some(survey.date)),
            issued: n(survey.issued),
            returned: n(survey.returned),
            counts: CountsText::of(&survey.counts),
            items: survey
                .items
                .iter()
                .map(|i| (i.name.clone(), CountsText::of(&i.counts)))
                .collect(),
            draft: survey.clone(),
        }
    }

    /// A new round after `before`: the same people and items, empty counts.
    fn again(before: &Survey, today: crate::model::Date) -> SurveyForm {
        let mut input = Self::of(&Survey {
            date: today,
            respondents: before.respondents.clone(),
            items: before
                .items
                .iter()
                .map(|i| SurveyItem {
                    name: i.name.clone(),
                    counts: SurveyCounts::default(),
                })
                .collect(),
            ..Survey::default()
        });
        input.draft.note = "补课整改后重新测评".to_owned();
        RecordForm::new(input)
    }

    fn read(&self, ledger: &Ledger) -> Result<Survey, String> {
        let mut s = self.draft.clone();
        s.date = self.date.read()?.ok_or_else(|| "请填写测评日期".to_owned())?;
        s.respondents = s.respondents.trim().to_owned();
        s.note = s.note.trim().to_owned();
        s.issued = parse_count(&self.issued, "发出")?;
        s.returned = parse_count(&self.returned, "收回")?;
        s.counts = self.counts.read("总体评价")?;
        s.items = self
            .items
            .iter()
            .map(|(name, counts)| {
                Ok(SurveyItem {
                    name: name.trim().to_owned(),
                    counts: counts.read(if name.trim().is_empty() {
                        "测评项目"
                    } else {
                        name.trim()
                    })?,
                })
            })
            .collect::<Result<_, String>>()?;
        check_survey(&s, ledger)?;
        Ok(s)
    }
}

impl RecordInput for SurveyInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let survey = self.read(ledger)?;
        Ok(Command::Rectification(if is_new {
            RectificationCommand::AddSurvey(survey)
        } else {
            RectificationCommand::UpdateSurvey(survey)
        }))
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        let id = self.draft.id;
        ledger.rectification.surveys.iter().find(|s| s.id == id).map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, _ledger: &Ledger) -> (String, Command) {
        (
            "删除这轮测评？".to_owned(),
            Command::Rectification(RectificationCommand::RemoveSurvey(self.draft.id)),
        )
    }

    fn unsaved_label(&self, _ledger: &Ledger) -> Unsaved {
        Unsaved::new("满意度测评", self.date.0.trim(), Screen::Rectification)
    }

    /// A new round opens dated today, which is not known where the drafts
    /// are listed: the date alone is not typing.
    fn untyped(&self, opened: &Self) -> Self {
        let mut untyped = opened.clone();
        untyped.date = self.date.clone();
        untyped.draft.date = self.draft.date;
        untyped
    }
}

/// The list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 10] = [
    Heading::new("日期", 96.0),
    Heading::grow("测评对象", 130.0),
    Heading::new("发出", 50.0),
    Heading::new("收回", 50.0),
    Heading::new(SurveyAnswer::Satisfied.label(), 50.0),
    Heading::new(SurveyAnswer::Fairly.label(), 64.0),
    Heading::new(SurveyAnswer::Basically.label(), 64.0),
    Heading::new(SurveyAnswer::Unsatisfied.label(), 56.0),
    Heading::new(INVALID_BALLOT, 50.0),
    Heading::rest("满意率"),
];

/// The survey tab.
pub fn survey_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut SurveyState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    top_ui(ui, frame, state);
    PANEL.show(ui, ledger, frame.today, &mut state.form, actions, |ui, form| {
        fields_ui(ui, ledger, &mut form.input)
    });
    list_ui(ui, ledger, state);
}

/// How the rate is counted, the latest round's rate (with 登记新一轮测评
/// when it falls short) and 新增测评.
fn top_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut SurveyState) {
    let ledger = frame.ledger;
    let settings = &ledger.campaign.settings;
    let counted: Vec<&str> = settings.satisfied_counts.answers().map(SurveyAnswer::label).collect();
    ui.label(format!(
        "满意率 =（{}）÷ 有效票；标准 {}%（在“设置”中修改）。",
        counted.join(" + "),
        settings.satisfaction_threshold
    ));
    ui.horizontal_wrapped(|ui| {
        match latest_rate(ledger) {
            Some((survey, rate)) if meets_threshold(ledger, rate) => {
                ui.label(
                    egui::RichText::new(format!(
                        "最近一轮（{}）满意率 {rate:.1}%，达到标准。",
                        show(survey.date)
                    ))
                    .strong(),
                );
            }
            Some((survey, rate)) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    egui::RichText::new(format!(
                        "最近一轮（{}）满意率 {rate:.1}%，低于 {}%：须针对群众不满意的问题补课整改，然后重新测评。",
                        show(survey.date),
                        settings.satisfaction_threshold
                    ))
                    .strong(),
                );
                if ui
                    .add_enabled(editable(ui), egui::Button::new("登记新一轮测评"))
                    .clicked()
                {
                    state.open(ledger, SurveyInput::again(survey, frame.today));
                }
            }
            None => {
                ui.label(egui::RichText::new("还没有测评记录。").strong());
            }
        }
        if ui.add_enabled(editable(ui), egui::Button::new("新增测评")).clicked() {
            let survey = Survey {
                date: frame.today,
                ..Survey::default()
            };
            state.open(ledger, RecordForm::new(SurveyInput::of(&survey)));
        }
    });
}

/// Every survey round, sorted (oldest first by default); a click opens one.
fn list_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut SurveyState) {
    let which = &ledger.campaign.settings.satisfied_counts;
    let mut rows: Vec<&Survey> = ledger.rectification.surveys.iter().collect();
    let sort = state.sort;
    rows.sort_by(|a, b| {
        let c = |s: &Survey| s.counts;
        let order = match sort.column {
            1 => a.respondents.cmp(&b.respondents),
            2 => a.issued.cmp(&b.issued),
            3 => a.returned.cmp(&b.returned),
            4 => c(a).satisfied.cmp(&c(b).satisfied),
            5 => c(a).fairly.cmp(&c(b).fairly),
            6 => c(a).basically.cmp(&c(b).basically),
            7 => c(a).unsatisfied.cmp(&c(b).unsatisfied),
            8 => c(a).invalid.cmp(&c(b).invalid),
            9 => a
                .rate(which)
                .partial_cmp(&b.rate(which))
                .unwrap_or(std::cmp::Ordering::Equal),
            _ => a.date.cmp(&b.date),
        };
        sort.apply(order).then(a.id.cmp(&b.id))
    });
    if rows.is_empty() {
        return;
    }
    let selected = state
        .form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|s| s.id == f.input.draft.id));
    let clicked = list_table_ui(
        ui,
        "surveys",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, i, k| {
            let s = rows[i];
            let figure = |n: u32| n.to_string();
            let text = match k {
                0 => show(s.date),
                1 => s.respondents.clone(),
                2 => figure(s.issued),
                3 => figure(s.returned),
                4 => figure(s.counts.satisfied),
                5 => figure(s.counts.fairly),
                6 => figure(s.counts.basically),
                7 => figure(s.counts.unsatisfied),
                8 => figure(s.counts.invalid),
                _ => {
                    match s.rate(which) {
                        Some(rate) if meets_threshold(ledger, rate) => ui.label(format!("{rate:.1}%")),
                        Some(rate) => ui.colored_label(ui.visuals().error_fg_color, format!("{rate:.1}%（未达标）")),
                        None => ui.label("—"),
                    };
                    return;
                }
            };
            ui.label(text);
        },
    );
    if let Some(i) = clicked {
        state.open(ledger, RecordForm::edit(SurveyInput::of(rows[i])));
    }
}

/// The round's figures and its items.
fn fields_ui(ui: &mut egui::Ui, ledger: &Ledger, input: &mut SurveyInput) {
    ui.horizontal(|ui| {
        let label = ui.label("测评日期");
        date_field_ui(ui, &mut input.date, "survey_date").labelled_by(label.id);
    });
    line_ui(ui, "测评对象", &mut input.draft.respondents);
    ui.horizontal(|ui| {
        for (title, text) in [("发出", &mut input.issued), ("收回", &mut input.returned)] {
            let label = ui.label(title);
            ui.add(
                egui::TextEdit::singleline(text)
                    .id_salt(("survey", title))
                    .desired_width(60.0),
            )
            .labelled_by(label.id);
        }
        ui.label("张");
    });
    ui.label(egui::RichText::new("总体评价").strong());
    counts_ui(ui, "overall", &mut input.counts, &input.returned);
    if let Ok(counts) = input.counts.read("总体评价")
        && let Some(rate) = counts.rate(&ledger.campaign.settings.satisfied_counts)
    {
        ui.label(format!("满意率 {rate:.1}%"));
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("分项测评（可选）").strong());
        if ui.small_button("加一项").clicked() {
            input.items.push((String::new(), CountsText::default()));
        }
    });
    let mut remove = None;
    for (i, (name, counts)) in input.items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label(format!("项目 {}", i + 1));
            ui.add(
                egui::TextEdit::singleline(name)
                    .id_salt(("item_name", i))
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
            if ui.small_button("去掉").clicked() {
                remove = Some(i);
            }
        });
        counts_ui(ui, &format!("item{i}"), counts, &input.returned);
    }
    if let Some(i) = remove {
        input.items.remove(i);
    }
    ui.separator();
    text_ui(ui, "说明", &mut input.draft.note, 2);
}

/// The five count fields, each under its answer as on a tally sheet (so
/// the row never wraps, even beside a narrow form), and their sum against
/// the ballots returned.
fn counts_ui(ui: &mut egui::Ui, id: &str, counts: &mut CountsText, returned: &str) {
    egui::Grid::new((id, "counts"))
        .num_columns(COUNT_NAMES.len())
        .spacing([10.0, 2.0])
        .show(ui, |ui| {
            let labels: Vec<egui::Id> = COUNT_NAMES.iter().map(|name| ui.label(*name).id).collect();
            ui.end_row();
            for ((name, text), label) in COUNT_NAMES.iter().zip(counts.fields()).zip(labels) {
                ui.add(
                    egui::TextEdit::singleline(text)
                        .id_salt((id, *name))
                        .desired_width(44.0),
                )
                .labelled_by(label);
            }
            ui.end_row();
        });
    let sum: u32 = [
        &counts.satisfied,
        &counts.fairly,
        &counts.basically,
        &counts.unsatisfied,
        &counts.invalid,
    ]
    .iter()
    .map(|t| parse_count(t, "").unwrap_or(0))
    .sum();
    let returned = parse_count(returned, "").unwrap_or(0);
    let text = format!("合计 {sum} 张 / 收回 {returned} 张");
    if sum == returned {
        ui.label(text);
    } else {
        ui.colored_label(ui.visuals().warn_fg_color, format!("{text}：对不上"));
    }
}
