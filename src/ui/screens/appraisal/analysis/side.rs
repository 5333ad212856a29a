//! Beside the draft: sending it for review, the leader's reviews and the
//! final acceptance (定稿), the flexible form, the saved drafts, and the
//! opinions and appraisal the member is answering.

use super::super::Frame;
use crate::edit::{AppraisalCommand, Command};
use crate::model::analysis::{Analysis, AnalysisStatus, FlexibleForm};
use crate::model::appraisal_rules::{check_final, check_flexible, check_review};
use crate::model::dates::show;
use crate::model::opinion::Target;
use crate::model::talk::Review;
use crate::model::{Date, Ledger, Member, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::Form;
use crate::ui::widgets::{DateText, date_field_ui, label_over_message_ui};

/// The leader's review being typed.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReviewDraft {
    member: Option<MemberId>,
    by: String,
    date: DateText,
    comment: String,
    /// A button was pressed: `Some(true)` for 定稿, `Some(false)` for a review.
    #[serde(skip)]
    attempted: Option<bool>,
}

impl ReviewDraft {
    /// 登记审阅意见: the review of the newest draft, with its comment.
    /// Refused, the form says why.
    fn register(&mut self, ledger: &Ledger, actions: &mut Vec<Action>) -> bool {
        self.attempted = Some(false);
        let Some(member) = self.member else {
            return false;
        };
        let analysis = ledger.analyses.iter().find(|a| a.member == member).map(|a| &**a);
        let Ok(review) = self.read(analysis, false) else {
            return false;
        };
        actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::ReviewAnalysis {
            member,
            review,
            final_: false,
        })));
        self.comment.clear();
        self.attempted = None;
        true
    }

    fn read(&self, analysis: Option<&Analysis>, final_: bool) -> Result<Review, String> {
        let Some(last) = analysis.and_then(|a| a.revisions.last()) else {
            return Err("还没有保存任何一稿".to_owned());
        };
        let date = self.date.read()?.ok_or_else(|| "请填写审阅日期".to_owned())?;
        let review = Review {
            by: self.by.trim().to_owned(),
            date,
            comment: self.comment.trim().to_owned(),
        };
        check_review(&review, last.date, "审阅")?;
        if !final_ && review.comment.is_empty() {
            return Err("请填写审阅意见".to_owned());
        }
        Ok(review)
    }
}

/// The flexible form being filled in.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FlexDraft {
    member: Option<MemberId>,
    on: bool,
    form: FlexibleForm,
    #[serde(skip)]
    attempted: bool,
}

impl Form for ReviewDraft {
    /// A review comment typed and not registered. The reviewer's name
    /// alone does not count: it stays for the next review.
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let member = self.member.filter(|_| !self.comment.trim().is_empty())?;
        Some(Unsaved::new("审阅意见", ledger.member_name(member), Screen::Appraisal))
    }

    /// 登记审阅意见.
    fn save(&mut self, ledger: &Ledger, _today: Date, actions: &mut Vec<Action>) -> bool {
        self.register(ledger, actions)
    }
}

impl FlexDraft {
    /// The form as it opens for a member's analysis.
    fn fresh(member: MemberId, analysis: Option<&Analysis>) -> Self {
        Self {
            member: Some(member),
            on: analysis.is_some_and(|a| a.flexible.is_some()),
            form: analysis
                .and_then(|a| a.flexible.clone())
                .unwrap_or_else(|| FlexibleForm {
                    how: "口述，他人代笔".to_owned(),
                    ..FlexibleForm::default()
                }),
            attempted: false,
        }
    }

    /// 保存灵活方式. Refused, the form says why.
    fn register(&mut self, actions: &mut Vec<Action>) -> bool {
        self.attempted = true;
        let Some(member) = self.member else {
            return false;
        };
        if check_flexible(&self.form).is_err() {
            return false;
        }
        let form = FlexibleForm {
            how: self.form.how.trim().to_owned(),
            reason: self.form.reason.trim().to_owned(),
            scribe: self.form.scribe.trim().to_owned(),
        };
        self.form = form.clone();
        actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::SetFlexible {
            member,
            flexible: Some(form),
        })));
        self.attempted = false;
        true
    }
}

impl Form for FlexDraft {
    /// The flexible form ticked and filled in otherwise than registered
    /// (or than it opens, when none is).
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let member = self.member.filter(|_| self.on)?;
        let analysis = ledger.analyses.iter().find(|a| a.member == member);
        let changed = match analysis.and_then(|a| a.flexible.as_ref()) {
            Some(saved) => self.form != *saved,
            None => self.form != Self::fresh(member, None).form,
        };
        changed.then(|| Unsaved::new("灵活方式", ledger.member_name(member), Screen::Appraisal))
    }

    /// 保存灵活方式.
    fn save(&mut self, _ledger: &Ledger, _today: Date, actions: &mut Vec<Action>) -> bool {
        self.register(actions)
    }
}

/// What the secretary asked to see in the middle.
pub enum Request {
    View(usize),
    Compare(usize, usize),
}

/// The side column for one member.
#[allow(clippy::too_many_arguments)]
pub fn side_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    member: &Member,
    analysis: Option<&Analysis>,
    review: &mut ReviewDraft,
    flex: &mut FlexDraft,
    compare: &mut (usize, usize),
    actions: &mut Vec<Action>,
) -> Option<Request> {
    if review.member != Some(member.id) {
        *review = ReviewDraft {
            member: Some(member.id),
            date: DateText::new(Some(frame.today)),
            ..ReviewDraft::default()
        };
    }
    if flex.member != Some(member.id) {
        *flex = FlexDraft::fresh(member.id, analysis);
    }
    let editable = crate::ui::widgets::editable(ui);
    egui::CollapsingHeader::new("送审与审阅")
        .default_open(true)
        .show(ui, |ui| review_ui(ui, frame, member, analysis, review, actions));
    egui::CollapsingHeader::new("灵活方式")
        .default_open(true)
        .show(ui, |ui| {
            ui.add_enabled_ui(editable, |ui| flexible_ui(ui, member.id, analysis, flex, actions));
        });
    let mut request = None;
    let saved = analysis.map_or(0, |a| a.revisions.len());
    egui::CollapsingHeader::new(format!("历次稿（{saved}）"))
        .id_salt("analysis_revisions")
        .default_open(true)
        .show(ui, |ui| request = revisions_ui(ui, analysis, compare));
    answers_ui(ui, frame, member.id);
    request
}

fn review_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    member: &Member,
    analysis: Option<&Analysis>,
    draft: &mut ReviewDraft,
    actions: &mut Vec<Action>,
) {
    let status = analysis.filter(|a| !a.revisions.is_empty()).map(|a| a.status);
    ui.label(format!("当前状态：{}", status.map_or("未写", AnalysisStatus::label)));
    let Some(status) = status else {
        ui.label(egui::RichText::new("保存第一稿后可以送审。").color(ui.visuals().weak_text_color()));
        reviews_list_ui(ui, analysis);
        return;
    };
    if status == AnalysisStatus::Final {
        ui.label("材料已定稿。再保存新一稿会转为“修改”状态。");
    } else {
        ui.add_enabled_ui(crate::ui::widgets::editable(ui), |ui| {
            review_form_ui(ui, frame, member, analysis, status, draft, actions);
        });
    }
    reviews_list_ui(ui, analysis);
}

/// 送审, the review being typed, 登记审阅意见 and 定稿.
fn review_form_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    member: &Member,
    analysis: Option<&Analysis>,
    status: AnalysisStatus,
    draft: &mut ReviewDraft,
    actions: &mut Vec<Action>,
) {
    let push = |actions: &mut Vec<Action>, c: AppraisalCommand| actions.push(Action::Edit(Command::Appraisal(c)));
    if status != AnalysisStatus::Submitted && ui.button("送审").on_hover_text("交分管领导审阅").clicked() {
        push(actions, AppraisalCommand::SubmitAnalysis(member.id));
    }
    egui::Grid::new("analysis_review_grid").num_columns(2).show(ui, |ui| {
        let label = ui.label("审阅人");
        ui.add(
            egui::TextEdit::singleline(&mut draft.by)
                .id_salt("analysis_review_by")
                .char_limit(40)
                .desired_width(120.0),
        )
        .labelled_by(label.id);
        ui.end_row();
        let label = label_over_message_ui(ui, "审阅日期");
        date_field_ui(ui, &mut draft.date, "analysis_review_date").labelled_by(label.id);
        ui.end_row();
    });
    let label = ui.label("审阅意见");
    ui.add(
        egui::TextEdit::multiline(&mut draft.comment)
            .id_salt("analysis_review_comment")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        if ui.button("登记审阅意见").clicked() {
            draft.register(frame.ledger, actions);
        }
        if ui.button(egui::RichText::new("定稿").strong()).clicked() {
            draft.attempted = Some(true);
            let ready = analysis.map(|a| check_final(a, member, frame.ledger));
            if let (Ok(review), Some(Ok(()))) = (draft.read(analysis, true), ready) {
                push(
                    actions,
                    AppraisalCommand::ReviewAnalysis {
                        member: member.id,
                        review,
                        final_: true,
                    },
                );
                draft.comment.clear();
                draft.attempted = None;
            }
        }
    });
    if let Some(final_) = draft.attempted {
        let message = draft.read(analysis, final_).err().or_else(|| {
            final_
                .then(|| analysis.and_then(|a| check_final(a, member, frame.ledger).err()))
                .flatten()
        });
        if let Some(message) = message {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    }
}

fn reviews_list_ui(ui: &mut egui::Ui, analysis: Option<&Analysis>) {
    let Some(analysis) = analysis.filter(|a| !a.reviews.is_empty()) else {
        return;
    };
    ui.add_space(4.0);
    ui.label(egui::RichText::new(format!("审阅记录（{} 次）", analysis.reviews.len())).strong());
    for r in analysis.reviews.iter().rev() {
        ui.label(format!(
            "{} {}：{}",
            show(r.date),
            r.by,
            if r.comment.is_empty() {
                "（无意见）"
            } else {
                &r.comment
            }
        ));
    }
}

fn flexible_ui(
    ui: &mut egui::Ui,
    member: MemberId,
    analysis: Option<&Analysis>,
    flex: &mut FlexDraft,
    actions: &mut Vec<Action>,
) {
    let saved = analysis.and_then(|a| a.flexible.as_ref());
    let was = flex.on;
    ui.checkbox(&mut flex.on, "采用灵活方式（年老体弱、文化程度低等）");
    if was && !flex.on && saved.is_some() {
        actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::SetFlexible {
            member,
            flexible: None,
        })));
    }
    if !flex.on {
        return;
    }
    egui::Grid::new("analysis_flex_grid").num_columns(2).show(ui, |ui| {
        for (title, text, salt) in [
            ("方式", &mut flex.form.how, "analysis_flex_how"),
            ("原因", &mut flex.form.reason, "analysis_flex_reason"),
            ("代笔人", &mut flex.form.scribe, "analysis_flex_scribe"),
        ] {
            let label = ui.label(title);
            ui.add(
                egui::TextEdit::singleline(text)
                    .id_salt(salt)
                    .char_limit(100)
                    .desired_width(180.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        }
    });
    let changed = saved != Some(&flex.form);
    ui.horizontal(|ui| {
        if saved.is_some() && !changed {
            ui.label("已登记：定稿不受字数要求限制。");
        } else if ui.button("保存灵活方式").clicked() {
            flex.register(actions);
        }
    });
    if flex.attempted
        && let Err(message) = check_flexible(&flex.form)
    {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
}

fn revisions_ui(ui: &mut egui::Ui, analysis: Option<&Analysis>, compare: &mut (usize, usize)) -> Option<Request> {
    let Some(analysis) = analysis.filter(|a| !a.revisions.is_empty()) else {
        ui.label("还没有保存的稿件。");
        return None;
    };
    let mut request = None;
    let n = analysis.revisions.len();
    for (i, r) in analysis.revisions.iter().enumerate().rev() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("第{}稿 {} {}字 {}", i + 1, show(r.date), r.chars(), r.note));
            if ui.small_button(format!("查看第{}稿", i + 1)).clicked() {
                request = Some(Request::View(i));
            }
            if i > 0 && ui.small_button(format!("第{}稿与上一稿对比", i + 1)).clicked() {
                request = Some(Request::Compare(i - 1, i));
            }
        });
    }
    if n >= 2 {
        compare.0 = compare.0.min(n - 1);
        compare.1 = compare.1.min(n - 1);
        ui.horizontal_wrapped(|ui| {
            ui.label("对比");
            for (k, slot) in [&mut compare.0, &mut compare.1].into_iter().enumerate() {
                let chosen = egui::ComboBox::from_id_salt(("analysis_compare", k))
                    .selected_text(format!("第{}稿", *slot + 1))
                    .width(60.0)
                    .show_ui(ui, |ui| {
                        for i in 0..n {
                            ui.selectable_value(slot, i, format!("第{}稿", i + 1));
                        }
                    });
                let name = if k == 0 {
                    "对比的一稿"
                } else {
                    "与之对比的另一稿"
                };
                crate::ui::screens::a11y::name_control(ui, chosen.response.id, name);
                if k == 0 {
                    ui.label("与");
                }
            }
            if ui.button("对比两稿").clicked() {
                request = Some(Request::Compare(compare.0, compare.1));
            }
        });
    }
    request
}

/// The opinions about the member and their appraisal, which the analysis
/// is to answer.
fn answers_ui(ui: &mut egui::Ui, frame: &Frame<'_>, member: MemberId) {
    let ledger = frame.ledger;
    let issues: Vec<_> = ledger
        .opinions
        .issues
        .iter()
        .filter(|i| i.about == Target::Member(member))
        .collect();
    egui::CollapsingHeader::new(format!("征求到的意见（{} 条）", issues.len()))
        .id_salt("analysis_issues")
        .default_open(true)
        .show(ui, |ui| {
            if issues.is_empty() {
                ui.label("没有针对本人的意见。");
            }
            for (k, issue) in issues.iter().enumerate() {
                ui.label(format!("{}. 【{}】{}", k + 1, issue.aspect.label(), issue.content));
                let fed = issue
                    .fed_back
                    .map_or("未反馈".to_owned(), |d| format!("{} 反馈", show(d)));
                let signed = issue
                    .signed
                    .map_or("未签收".to_owned(), |d| format!("{} 签收", show(d)));
                ui.label(egui::RichText::new(format!("    {fed}，{signed}")).color(ui.visuals().weak_text_color()));
            }
        });
    egui::CollapsingHeader::new("民主评议")
        .id_salt("analysis_result")
        .default_open(false)
        .show(ui, |ui| match ledger.appraisal.result(member) {
            None => {
                ui.label("还没有评议结果。");
            }
            Some(r) => {
                let grade = |g: Option<crate::model::appraisal::Grade>| g.map_or("未定", |g| g.label());
                ui.label(format!("自评等次：{}", grade(r.self_grade)));
                ui.label(format!("组织评定：{}", grade(r.grade)));
                if !r.branch_opinion.trim().is_empty() {
                    ui.label(format!("评议意见：{}", r.branch_opinion));
                }
            }
        });
}
