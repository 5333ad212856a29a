//! The talk card form (谈心卡): date, place, which of the four must-talks,
//! the members and non-members who talked, the topic, what was said, the
//! problems raised, what was agreed, and the supervisory group's review.
//! What is wrong is read with the one rule, [`check_talk`].

use crate::edit::{AppraisalCommand, Command};
use crate::model::appraisal_rules::{MAX_TEXT_CHARS, check_talk};
use crate::model::talk::{Outsider, Review, TalkCard, TalkKind};
use crate::model::{Date, Ledger, MemberId};
use crate::ui::app::Screen;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::widgets::{DateText, date_field_ui, label_over_message_ui};

/// The label of the form's save button.
pub const SAVE: &str = "保存谈心记录";

/// A card being added or edited.
pub type TalkForm = RecordForm<TalkInput>;

/// The typed fields of a card.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TalkInput {
    pub draft: TalkCard,
    pub date: DateText,
    pub reviewed: bool,
    pub review: Review,
    pub review_date: DateText,
}

impl TalkInput {
    /// The form of a new card, with `member` on it if given.
    pub fn new_form(member: Option<MemberId>) -> TalkForm {
        RecordForm::new(Self::blank(member))
    }

    /// The form editing `card`.
    pub fn edit_form(card: &TalkCard) -> TalkForm {
        RecordForm::edit(Self::of(card))
    }

    fn blank(member: Option<MemberId>) -> Self {
        Self {
            draft: TalkCard {
                members: member.into_iter().collect(),
                ..TalkCard::default()
            },
            date: DateText::default(),
            reviewed: false,
            review: Review::default(),
            review_date: DateText::default(),
        }
    }

    fn of(card: &TalkCard) -> Self {
        Self {
            draft: card.clone(),
            date: DateText::new(Some(card.date)),
            reviewed: card.review.is_some(),
            review: card.review.clone().unwrap_or_default(),
            review_date: DateText::new(card.review.as_ref().map(|r| r.date)),
        }
    }

    /// The card as it would be kept, or what is wrong with it.
    pub fn read(&self, ledger: &Ledger) -> Result<TalkCard, String> {
        let mut card = self.draft.clone();
        card.topic = card.topic.trim().to_owned();
        card.place = card.place.trim().to_owned();
        card.date = self.date.read()?.ok_or_else(|| "请填写谈话日期".to_owned())?;
        for other in &mut card.others {
            other.name = other.name.trim().to_owned();
            other.role = other.role.trim().to_owned();
        }
        card.review = if self.reviewed {
            let mut review = self.review.clone();
            review.by = review.by.trim().to_owned();
            review.date = self.review_date.read()?.ok_or_else(|| "请填写审阅日期".to_owned())?;
            Some(review)
        } else {
            None
        };
        check_talk(&card, ledger)?;
        Ok(card)
    }
}

impl RecordInput for TalkInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let card = self.read(ledger)?;
        Ok(Command::Appraisal(if is_new {
            AppraisalCommand::AddTalk(card)
        } else {
            AppraisalCommand::UpdateTalk(card)
        }))
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        let id = self.draft.id;
        ledger.talks.iter().find(|t| t.id == id).map(|t| Self::of(t))
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, _ledger: &Ledger) -> (String, Command) {
        (
            "删除这张谈心卡？".to_owned(),
            Command::Appraisal(AppraisalCommand::RemoveTalk(self.draft.id)),
        )
    }

    fn unsaved_label(&self, _ledger: &Ledger) -> Unsaved {
        Unsaved::new("谈心谈话记录", self.date.0.trim(), Screen::Appraisal)
    }

    /// The blank card with its first member on it: opening "为某某新增"
    /// types nothing, and neither does putting another member first.
    fn untyped(&self, _opened: &Self) -> Self {
        Self::blank(self.draft.members.first().copied())
    }
}

/// A single-line field with its label in a two-column grid.
fn line_ui(ui: &mut egui::Ui, label: &str, text: &mut String, id: &str, width: f32) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .id_salt(id)
            .char_limit(200)
            .desired_width(width),
    )
    .labelled_by(label.id);
    ui.end_row();
}

/// A multi-line field with its label above it.
fn text_ui(ui: &mut egui::Ui, label: &str, text: &mut String, id: &str) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(text)
            .id_salt(id)
            .char_limit(MAX_TEXT_CHARS as usize)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}

/// The members on the card, each with a × to take them off, and a picker
/// to add one more from the current roster.
fn members_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut TalkForm) {
    let mut remove = None;
    for (i, id) in form.input.draft.members.iter().enumerate() {
        let member = ledger.member(*id);
        let name = member.map_or("（已删除的党员）", |m| m.name.as_str());
        ui.horizontal(|ui| {
            ui.label(name);
            if member.is_some_and(|m| m.committee) {
                ui.label(egui::RichText::new("支委").color(ui.visuals().weak_text_color()));
            }
            if member.is_some_and(|m| m.leading_cadre) {
                ui.label(egui::RichText::new("领导干部").color(ui.visuals().weak_text_color()));
            }
            if ui
                .small_button("×")
                .on_hover_text(format!("把{name}从谈话人中去掉"))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        form.input.draft.members.remove(i);
    }
    let mut added = None;
    ui.horizontal(|ui| {
        let label = ui.label("添加谈话党员");
        egui::ComboBox::from_id_salt("talk_member_pick")
            .selected_text("请选择…")
            .width(180.0)
            .height(320.0)
            .show_ui(ui, |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut form.picker)
                        .id_salt("talk_member_filter")
                        .hint_text("输入姓名查找")
                        .desired_width(160.0),
                )
                .accessible_name("输入姓名查找");
                let needle = form.picker.trim();
                for m in ledger
                    .current_members()
                    .filter(|m| !form.input.draft.members.contains(&m.id))
                    .filter(|m| needle.is_empty() || m.name.contains(needle))
                {
                    if ui.selectable_label(false, &m.name).clicked() {
                        added = Some(m.id);
                        ui.close();
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let Some(id) = added {
        form.input.draft.members.push(id);
        form.picker.clear();
    }
}

/// The non-members on the card: name and role, each row removable.
fn others_ui(ui: &mut egui::Ui, form: &mut TalkForm) {
    let mut remove = None;
    for (i, other) in form.input.draft.others.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label("姓名");
            ui.add(
                egui::TextEdit::singleline(&mut other.name)
                    .id_salt(("talk_other_name", i))
                    .char_limit(50)
                    .desired_width(90.0),
            )
            .labelled_by(label.id);
            let label = ui.label("身份");
            ui.add(
                egui::TextEdit::singleline(&mut other.role)
                    .id_salt(("talk_other_role", i))
                    .char_limit(50)
                    .hint_text("如 群众")
                    .desired_width(90.0),
            )
            .labelled_by(label.id);
            if ui.small_button("×").on_hover_text("去掉这一行").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        form.input.draft.others.remove(i);
    }
    if ui.button("添加非党员谈话人").clicked() {
        form.input.draft.others.push(Outsider {
            role: "群众".to_owned(),
            ..Outsider::default()
        });
    }
}

/// The card's form at the right of the list: heading and 关闭 at the top,
/// the save row at the bottom, the fields scrolling between.
pub const PANEL: FormPanel = FormPanel {
    id: "talk_form",
    widths: (440.0, 360.0),
    new_title: "新增谈心记录",
    edit_title: "修改谈心记录",
    save_label: SAVE,
};

/// Everything on the card.
pub fn fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut TalkForm) {
    egui::Grid::new("talk_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = label_over_message_ui(ui, "谈话日期");
            date_field_ui(ui, &mut form.input.date, "talk_date").labelled_by(label.id);
            ui.end_row();
            line_ui(ui, "谈话地点", &mut form.input.draft.place, "talk_place", 220.0);
            let label = ui.label("谈话类别");
            egui::ComboBox::from_id_salt("talk_kind")
                .selected_text(form.input.draft.kind.label())
                .width(200.0)
                .show_ui(ui, |ui| {
                    for kind in TalkKind::ALL {
                        ui.selectable_value(&mut form.input.draft.kind, kind, kind.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            line_ui(ui, "谈话主题", &mut form.input.draft.topic, "talk_topic", 260.0);
        });
    ui.add_space(4.0);
    ui.label(egui::RichText::new(format!("党员谈话人（{} 人）", form.input.draft.members.len())).strong());
    members_ui(ui, ledger, form);
    ui.add_space(4.0);
    ui.label(egui::RichText::new(format!("非党员谈话人（{} 人）", form.input.draft.others.len())).strong());
    others_ui(ui, form);
    ui.add_space(4.0);
    text_ui(ui, "谈话内容", &mut form.input.draft.content, "talk_content");
    text_ui(ui, "提出的问题", &mut form.input.draft.problems, "talk_problems");
    text_ui(ui, "达成的共识", &mut form.input.draft.outcome, "talk_outcome");
    ui.add_space(4.0);
    ui.checkbox(&mut form.input.reviewed, "督导组已审阅");
    if form.input.reviewed {
        egui::Grid::new("talk_review_grid")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                line_ui(ui, "审阅人", &mut form.input.review.by, "talk_review_by", 160.0);
                let label = label_over_message_ui(ui, "审阅日期");
                date_field_ui(ui, &mut form.input.review_date, "talk_review_date").labelled_by(label.id);
                ui.end_row();
            });
        text_ui(ui, "审阅意见", &mut form.input.review.comment, "talk_review_comment");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Member};

    fn ledger() -> Ledger {
        let mut l = Ledger::default();
        for i in 1..=3 {
            l.members.push(Member {
                id: MemberId(i),
                name: format!("党员{i}"),
                ..Member::default()
            });
        }
        l.campaign.plan.appraisal.start = Some(Date::constant(2006, 1, 16));
        l.campaign.plan.appraisal.end = Some(Date::constant(2006, 3, 15));
        l
    }

    #[test]
    fn a_new_form_needs_a_date_first() {
        let l = ledger();
        let form = TalkInput::blank(Some(MemberId(1)));
        assert_eq!(form.draft.members, [MemberId(1)]);
        assert_eq!(form.read(&l).unwrap_err(), "请填写谈话日期");
    }

    #[test]
    fn the_review_is_kept_only_when_ticked_and_needs_a_date() {
        let l = ledger();
        let mut form = TalkInput::blank(Some(MemberId(1)));
        form.draft.members.push(MemberId(2));
        form.draft.topic = "  谈心 ".into();
        form.date = DateText("2006-02-01".into());
        form.review.by = "督导组".into();
        let card = form.read(&l).expect("valid");
        assert_eq!((card.topic.as_str(), card.review.is_none()), ("谈心", true));
        form.reviewed = true;
        assert_eq!(form.read(&l).unwrap_err(), "请填写审阅日期");
        form.review_date = DateText("2006-02-03".into());
        let card = form.read(&l).expect("valid");
        assert_eq!(card.review.map(|r| r.by), Some("督导组".to_owned()));
        // Editing keeps what was read.
        let again = TalkInput::of(&form.read(&l).expect("valid"));
        assert!(again.reviewed);
        assert_eq!(again.review_date.read(), form.review_date.read());
    }
}
