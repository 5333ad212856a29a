//! The two forms of the opinion ledger, in a panel on the right: one raw
//! opinion as received, and one distinct opinion (merged from raw ones)
//! with its feedback and signing dates.

use super::{OpinionsState, aspect_combo_ui, channel_combo_ui, short, source_combo_ui, target_label, target_ui};
use crate::edit::{AppraisalCommand, Command};
use crate::model::MemberId;
use crate::model::appraisal_rules::{check_issue, check_opinion};
use crate::model::dates::show;
use crate::model::opinion::{Issue, Opinion, Target};
use crate::model::{Date, Ledger, OpinionId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::appraisal::Frame;
use crate::ui::screens::form::{RecordForm, RecordInput};
use crate::ui::widgets::{DateText, editable};

/// The longest opinion text the forms take.
const TEXT_LIMIT: usize = 20_000;

/// A raw opinion being added or edited.
pub type OpinionForm = RecordForm<OpinionInput>;

/// A distinct opinion being merged or edited.
pub type IssueForm = RecordForm<IssueInput>;

/// The typed fields of a raw opinion.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OpinionInput {
    pub draft: Opinion,
    pub date: DateText,
}

impl OpinionInput {
    /// The form of a new opinion.
    pub fn new_form() -> OpinionForm {
        RecordForm::new(Self {
            draft: Opinion::default(),
            date: DateText::default(),
        })
    }

    /// The form editing `opinion`.
    pub fn edit_form(opinion: &Opinion) -> OpinionForm {
        RecordForm::edit(Self::of(opinion))
    }

    fn of(opinion: &Opinion) -> Self {
        Self {
            draft: opinion.clone(),
            date: DateText::new(Some(opinion.date)),
        }
    }

    fn read(&self, ledger: &Ledger) -> Result<Opinion, String> {
        let mut o = self.draft.clone();
        o.date = self.date.read()?.ok_or_else(|| "请填写收到意见的日期".to_owned())?;
        o.content = o.content.trim().to_owned();
        o.source_name = o.source_name.trim().to_owned();
        if o.about == Target::Member(MemberId(0)) {
            return Err("请选择意见针对的党员".to_owned());
        }
        check_opinion(&o, ledger)?;
        Ok(o)
    }
}

impl RecordInput for OpinionInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let opinion = self.read(ledger)?;
        Ok(Command::Appraisal(if is_new {
            AppraisalCommand::AddOpinion(opinion)
        } else {
            AppraisalCommand::UpdateOpinion(opinion)
        }))
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        let id = self.draft.id;
        ledger.opinions.opinions.iter().find(|o| o.id == id).map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, _ledger: &Ledger) -> (String, Command) {
        (
            "删除这条意见？".to_owned(),
            Command::Appraisal(AppraisalCommand::RemoveOpinion(self.draft.id)),
        )
    }

    fn unsaved_label(&self, _ledger: &Ledger) -> Unsaved {
        Unsaved::new("征求意见", self.date.0.trim(), Screen::Appraisal)
    }
}

/// The typed fields of a distinct opinion.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IssueInput {
    pub draft: Issue,
    /// The raw opinions to merge, for a new one.
    pub merging: Vec<OpinionId>,
    pub fed_back: DateText,
    pub signed: DateText,
}

impl IssueInput {
    /// The form of a new distinct opinion from the ticked raw ones: the
    /// first one's wording, target and aspect to start from.
    pub fn merge_form(ledger: &Ledger, ticked: &[OpinionId]) -> IssueForm {
        let first = ticked
            .iter()
            .find_map(|id| ledger.opinions.opinions.iter().find(|o| o.id == *id));
        RecordForm::new(Self {
            draft: Issue {
                about: first.map_or(Target::Branch, |o| o.about),
                aspect: first.map_or(crate::model::opinion::Aspect::Other, |o| o.aspect),
                content: first.map(|o| o.content.clone()).unwrap_or_default(),
                ..Issue::default()
            },
            merging: ticked.to_vec(),
            fed_back: DateText::default(),
            signed: DateText::default(),
        })
    }

    /// The form editing an existing distinct opinion.
    pub fn edit_form(issue: &Issue) -> IssueForm {
        RecordForm::edit(Self::of(issue))
    }

    fn of(issue: &Issue) -> Self {
        Self {
            draft: issue.clone(),
            merging: Vec::new(),
            fed_back: DateText::new(issue.fed_back),
            signed: DateText::new(issue.signed),
        }
    }

    fn read(&self, ledger: &Ledger) -> Result<Issue, String> {
        let mut issue = self.draft.clone();
        issue.content = issue.content.trim().to_owned();
        issue.fed_back = self.fed_back.read().map_err(|e| format!("反馈日期：{e}"))?;
        issue.signed = self.signed.read().map_err(|e| format!("签收日期：{e}"))?;
        if issue.about == Target::Member(MemberId(0)) {
            return Err("请选择意见针对的党员".to_owned());
        }
        check_issue(&issue, ledger)?;
        Ok(issue)
    }
}

impl RecordInput for IssueInput {
    /// 归并 (of a new one) merges the raw opinions into it; 保存 replaces it.
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let issue = self.read(ledger)?;
        Ok(Command::Appraisal(if is_new {
            AppraisalCommand::Merge {
                opinions: self.merging.clone(),
                issue,
            }
        } else {
            AppraisalCommand::UpdateIssue(issue)
        }))
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        ledger.opinions.issue(self.draft.id).map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, _ledger: &Ledger) -> (String, Command) {
        (
            "删除这条梳理后的意见？其原始意见会回到“未梳理”。".to_owned(),
            Command::Appraisal(AppraisalCommand::RemoveIssue(self.draft.id)),
        )
    }

    fn unsaved_label(&self, ledger: &Ledger) -> Unsaved {
        let about = match self.draft.about {
            Target::Member(MemberId(0)) => String::new(),
            about => target_label(ledger, about),
        };
        Unsaved::new("意见梳理", about, Screen::Appraisal)
    }
}

/// The open form, if any, in a panel on the right.
pub(super) fn forms_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut OpinionsState, actions: &mut Vec<Action>) {
    if state.opinion_form.is_none() && state.issue_form.is_none() {
        return;
    }
    let mut open = true;
    egui::Panel::right("opinion_form")
        .resizable(true)
        .default_size(440.0)
        .min_size(360.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("opinion_form_scroll")
                .show(ui, |ui| {
                    if let Some(form) = &mut state.opinion_form {
                        open = opinion_form_ui(ui, frame, form, actions);
                    } else if let Some(form) = &mut state.issue_form {
                        open = issue_form_ui(ui, frame, form, actions);
                        if !open && form.is_new {
                            state.ticked.clear();
                        }
                    }
                });
        });
    crate::ui::screens::a11y::name_panel_handle(ui, "opinion_form", "表单");
    if !open {
        state.opinion_form = None;
        state.issue_form = None;
    }
}

fn opinion_form_ui(ui: &mut egui::Ui, frame: &Frame<'_>, form: &mut OpinionForm, actions: &mut Vec<Action>) -> bool {
    let ledger = frame.ledger;
    if !form.exists(ledger) {
        return false;
    }
    let open = form.heading_ui(ui, ledger, "登记意见", "修改意见");
    let saved = ui
        .add_enabled_ui(editable(ui), |ui| opinion_fields_ui(ui, frame, form, actions))
        .inner;
    open && saved
}

/// The raw opinion's fields and its save and delete buttons. Returns false
/// when the form should close.
fn opinion_fields_ui(ui: &mut egui::Ui, frame: &Frame<'_>, form: &mut OpinionForm, actions: &mut Vec<Action>) -> bool {
    let ledger = frame.ledger;
    egui::Grid::new("opinion_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("日期");
            ui.add(
                egui::TextEdit::singleline(&mut form.input.date.0)
                    .id_salt("opinion_date")
                    .hint_text("如 2006-01-20")
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("渠道");
            channel_combo_ui(ui, &mut form.input.draft.channel).labelled_by(label.id);
            ui.end_row();
            let label = ui.label("来自");
            source_combo_ui(ui, &mut form.input.draft.source).labelled_by(label.id);
            ui.end_row();
            let label = ui.label("提意见人");
            ui.add(
                egui::TextEdit::singleline(&mut form.input.draft.source_name)
                    .id_salt("opinion_source_name")
                    .hint_text("可不填（匿名）")
                    .char_limit(40)
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            ui.label("针对");
            ui.vertical(|ui| {
                target_ui(
                    ui,
                    "opinion_about",
                    ledger,
                    &mut form.input.draft.about,
                    &mut form.picker,
                )
            });
            ui.end_row();
            let label = ui.label("方面");
            aspect_combo_ui(ui, "opinion_aspect", &mut form.input.draft.aspect).labelled_by(label.id);
            ui.end_row();
        });
    let label = ui.label("意见内容（只谈问题不谈成绩）");
    ui.add(
        egui::TextEdit::multiline(&mut form.input.draft.content)
            .id_salt("opinion_content")
            .char_limit(TEXT_LIMIT)
            .desired_rows(6)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    if let Some(issue) = form.input.draft.issue.and_then(|i| ledger.opinions.issue(i)) {
        ui.label(format!("已梳理为：{}", short(&issue.content, 40)));
        if ui.button("移出这条梳理后的意见").clicked() {
            actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::Unmerge(
                form.input.draft.id,
            ))));
            form.input.draft.issue = None;
        }
    }
    form.buttons_ui(ui, ledger, frame.today, "保存意见", actions)
}

fn issue_form_ui(ui: &mut egui::Ui, frame: &Frame<'_>, form: &mut IssueForm, actions: &mut Vec<Action>) -> bool {
    if !form.exists(frame.ledger) {
        return false;
    }
    let open = form.heading_ui(ui, frame.ledger, "归并为一条意见", "梳理后的意见");
    let saved = ui
        .add_enabled_ui(editable(ui), |ui| issue_fields_ui(ui, frame, form, actions))
        .inner;
    open && saved
}

/// The distinct opinion's fields, the raw opinions merged into it, and its
/// save and delete buttons. Returns false when the form should close.
fn issue_fields_ui(ui: &mut egui::Ui, frame: &Frame<'_>, form: &mut IssueForm, actions: &mut Vec<Action>) -> bool {
    let ledger = frame.ledger;
    let is_new = form.is_new;
    egui::Grid::new("issue_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("针对");
            ui.vertical(|ui| target_ui(ui, "issue_about", ledger, &mut form.input.draft.about, &mut form.picker));
            ui.end_row();
            let label = ui.label("方面");
            aspect_combo_ui(ui, "issue_aspect", &mut form.input.draft.aspect).labelled_by(label.id);
            ui.end_row();
            if !is_new {
                let label = ui.label("反馈日期");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut form.input.fed_back.0)
                            .id_salt("issue_fed_back")
                            .hint_text("反馈本人的日期")
                            .desired_width(120.0),
                    )
                    .labelled_by(label.id);
                    if ui.small_button("今天").clicked() {
                        form.input.fed_back = DateText::new(Some(frame.today));
                    }
                });
                ui.end_row();
                let label = ui.label("签收日期");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut form.input.signed.0)
                            .id_salt("issue_signed")
                            .hint_text("本人签收的日期")
                            .desired_width(120.0),
                    )
                    .labelled_by(label.id);
                    if ui.small_button("今天").clicked() {
                        form.input.signed = DateText::new(Some(frame.today));
                    }
                });
                ui.end_row();
                if let Some(due) = crate::progress::appraisal::feedback_due(ledger, &form.input.draft) {
                    ui.label("反馈时限");
                    ui.label(format!(
                        "{} 前（收到意见后 {} 天内）",
                        show(due),
                        ledger.campaign.settings.feedback_days
                    ));
                    ui.end_row();
                }
            }
        });
    let label = ui.label("梳理后的意见内容");
    ui.add(
        egui::TextEdit::multiline(&mut form.input.draft.content)
            .id_salt("issue_content")
            .char_limit(TEXT_LIMIT)
            .desired_rows(5)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.add_space(4.0);
    let raw: Vec<&Opinion> = if is_new {
        ledger
            .opinions
            .opinions
            .iter()
            .filter(|o| form.input.merging.contains(&o.id))
            .collect()
    } else {
        ledger.opinions.merged_into(form.input.draft.id).collect()
    };
    ui.label(egui::RichText::new(format!("由 {} 条原始意见梳理", raw.len())).strong());
    for o in &raw {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} {} {}：{}",
                show(o.date),
                o.channel.label(),
                target_label(ledger, o.about),
                short(&o.content, 40)
            ))
            .on_hover_text(&o.content);
            if !is_new && ui.small_button("移出").clicked() {
                actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::Unmerge(o.id))));
            }
        });
    }
    form.buttons_ui(ui, ledger, frame.today, if is_new { "归并" } else { "保存" }, actions)
}
