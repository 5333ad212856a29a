//! The member form: every roster field, with messages next to the fields,
//! transfer in and out, and deletion (undoable, with a warning about the
//! records that go with it).

use crate::edit::Command;
use crate::model::member::{Category, FlowDirection, Gender, Member, MemberStatus, Transfer};
use crate::model::validate::{Field, Problem, check_member};
use crate::model::{Date, Ledger, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::{Unsaved, differs};
use crate::ui::screens::switch::Form;
use crate::ui::strings as s;
use crate::ui::widgets::{DateText, date_field_ui, editable, field_message_ui};

/// A member being added or edited: kept in the drafts file as typed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MemberForm {
    pub member: Member,
    pub is_new: bool,
    pub birth: DateText,
    pub joined: DateText,
    pub probation_due: DateText,
    pub transfer_in: DateText,
    pub transfer_out: DateText,
    #[serde(skip)]
    pub confirm_delete: bool,
}

impl MemberForm {
    /// An empty form for a new member.
    pub fn new_member() -> Self {
        let mut form = Self::edit(&Member::default());
        form.is_new = true;
        form
    }

    /// A form holding `member`.
    pub fn edit(member: &Member) -> Self {
        Self {
            member: member.clone(),
            is_new: false,
            birth: DateText::new(member.birth),
            joined: DateText::new(member.joined),
            probation_due: DateText::new(member.probation_due),
            transfer_in: DateText::new(member.transfer_in.as_ref().map(|t| t.date)),
            transfer_out: DateText::new(member.transfer_out.as_ref().map(|t| t.date)),
            confirm_delete: false,
        }
    }

    /// The member being edited, if it is already on the roster.
    pub fn editing(&self) -> Option<MemberId> {
        (!self.is_new).then_some(self.member.id)
    }

    /// What 保存 sends, or why it is greyed out: a date that cannot be
    /// read, or a blocking problem (shown beside its field).
    fn command(&self, ledger: &Ledger, today: Date) -> Result<Command, String> {
        let member = self.read().map_err(|(_, message)| message)?;
        if check_member(&member, &ledger.members, today).iter().any(|p| p.blocking) {
            return Err(s::FIX_ERRORS_FIRST.to_owned());
        }
        Ok(if self.is_new {
            Command::AddMember(member)
        } else {
            Command::UpdateMember(member)
        })
    }

    /// The member as the form now reads, or the first unreadable date.
    fn read(&self) -> Result<Member, (Field, String)> {
        let mut member = self.member.clone();
        member.name = member.name.trim().to_owned();
        member.birth = self.birth.read().map_err(|e| (Field::Birth, e))?;
        member.joined = self.joined.read().map_err(|e| (Field::Joined, e))?;
        member.probation_due = match member.status {
            MemberStatus::Probationary => self.probation_due.read().map_err(|e| (Field::ProbationDue, e))?,
            MemberStatus::Full => None,
        };
        member.transfer_in = match (
            &member.transfer_in,
            self.transfer_in.read().map_err(|e| (Field::TransferOut, e))?,
        ) {
            (Some(t), Some(date)) => Some(Transfer {
                date,
                other_branch: t.other_branch.clone(),
            }),
            (Some(_), None) => return Err((Field::TransferOut, s::TRANSFER_DATE_MISSING.to_owned())),
            (None, _) => None,
        };
        member.transfer_out = match (
            &member.transfer_out,
            self.transfer_out.read().map_err(|e| (Field::TransferOut, e))?,
        ) {
            (Some(t), Some(date)) => Some(Transfer {
                date,
                other_branch: t.other_branch.clone(),
            }),
            (Some(_), None) => return Err((Field::TransferOut, s::TRANSFER_DATE_MISSING.to_owned())),
            (None, _) => None,
        };
        Ok(member)
    }
}

impl Form for MemberForm {
    /// The member's name, when the form holds input that is not in the
    /// ledger: not a new member's form as 新增党员 opens it, nor a
    /// member's form as it opens on the record.
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let fresh = match self.editing() {
            None => Some(Self::new_member()),
            Some(id) => ledger.member(id).map(Self::edit),
        };
        if !differs(self, fresh.as_ref()) {
            return None;
        }
        let which = match self.editing().and_then(|id| ledger.member(id)) {
            Some(recorded) => recorded.name.clone(),
            None => self.member.name.trim().to_owned(),
        };
        Some(Unsaved::new("党员信息", which, Screen::Roster))
    }

    /// 保存, which is greyed out while something blocks it: what blocks it
    /// is shown beside its field.
    fn save(&mut self, ledger: &Ledger, today: Date, actions: &mut Vec<Action>) -> bool {
        match self.command(ledger, today) {
            Ok(command) => {
                actions.push(Action::Edit(command));
                true
            }
            Err(_) => false,
        }
    }
}

/// Shows the form. Returns false when it is closed.
pub fn member_form_ui(
    ui: &mut egui::Ui,
    form: &mut MemberForm,
    ledger: &Ledger,
    today: Date,
    actions: &mut Vec<Action>,
) -> bool {
    let mut open = true;
    let read = form.read();
    let problems: Vec<Problem> = match &read {
        Ok(member) => check_member(member, &ledger.members, today),
        Err((field, message)) => vec![Problem {
            field: *field,
            message: message.clone(),
            blocking: true,
        }],
    };
    ui.horizontal(|ui| {
        ui.heading(if form.is_new { s::NEW_MEMBER } else { s::EDIT_MEMBER });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(s::CLOSE).clicked() {
                open = false;
            }
        });
    });
    let enabled = editable(ui);
    egui::ScrollArea::vertical()
        .id_salt("member_form_scroll")
        .auto_shrink(false)
        .max_height(ui.available_height() - 44.0)
        .show(ui, |ui| {
            ui.add_enabled_ui(enabled, |ui| fields_ui(ui, form, &problems));
        });
    ui.separator();
    let blocking = problems.iter().any(|p| p.blocking);
    ui.horizontal(|ui| {
        let save = ui.add_enabled(
            enabled && !blocking,
            egui::Button::new(egui::RichText::new(s::SAVE_MEMBER).strong()),
        );
        if save.clicked() && form.save(ledger, today, actions) {
            open = false;
        }
        if blocking {
            ui.colored_label(ui.visuals().error_fg_color, s::FIX_ERRORS_FIRST);
        }
        if !form.is_new {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.add_enabled(enabled, egui::Button::new(s::DELETE_MEMBER)).clicked() {
                    form.confirm_delete = true;
                }
            });
        }
    });
    if form.confirm_delete && !delete_dialog_ui(ui.ctx(), form, ledger, actions, &mut open) {
        form.confirm_delete = false;
    }
    open
}

fn fields_ui(ui: &mut egui::Ui, form: &mut MemberForm, problems: &[Problem]) {
    let messages = |ui: &mut egui::Ui, field: Field| {
        for p in problems.iter().filter(|p| p.field == field) {
            field_message_ui(ui, &p.message, p.blocking);
        }
    };
    let m = &mut form.member;
    egui::Grid::new("member_grid")
        .min_col_width(110.0)
        .num_columns(2)
        .spacing([10.0, 6.0])
        .striped(false)
        .show(ui, |ui| {
            let label = ui.label(s::NAME_REQUIRED);
            ui.vertical(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut m.name)
                        .id_salt("member_name")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
                messages(ui, Field::Name);
            });
            ui.end_row();
            ui.label(s::COL_GENDER);
            ui.horizontal(|ui| {
                for g in Gender::ALL {
                    ui.radio_value(&mut m.gender, g, g.label());
                }
            });
            ui.end_row();
            text_row(ui, s::ETHNICITY, &mut m.ethnicity, "member_ethnicity");
            date_row(
                ui,
                s::COL_BIRTH,
                &mut form.birth,
                "member_birth",
                &messages,
                Field::Birth,
            );
            date_row(
                ui,
                s::COL_JOINED,
                &mut form.joined,
                "member_joined",
                &messages,
                Field::Joined,
            );
            ui.label(s::PARTY_STATUS);
            ui.horizontal(|ui| {
                for st in MemberStatus::ALL {
                    ui.radio_value(&mut m.status, st, st.label());
                }
            });
            ui.end_row();
            if m.status == MemberStatus::Probationary {
                date_row(
                    ui,
                    s::PROBATION_DUE,
                    &mut form.probation_due,
                    "member_due",
                    &messages,
                    Field::ProbationDue,
                );
            }
            ui.label(s::COL_CATEGORY);
            egui::ComboBox::from_id_salt("member_category")
                .selected_text(m.category.map_or(s::CHOOSE, Category::label))
                .show_ui(ui, |ui| {
                    for c in Category::ALL {
                        ui.selectable_value(&mut m.category, Some(c), c.label());
                    }
                });
            ui.end_row();
            ui.label("");
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut m.leading_cadre, s::LEADING_CADRE);
                ui.checkbox(&mut m.committee, s::COMMITTEE);
                ui.checkbox(&mut m.hardship, s::HARDSHIP);
            });
            ui.end_row();
            text_row(ui, s::EDUCATION, &mut m.education, "member_education");
            text_row(ui, s::COL_POSITION, &mut m.position, "member_position");
            let label = ui.label(s::COL_PHONE);
            ui.vertical(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut m.phone)
                        .id_salt("member_phone")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
                messages(ui, Field::Phone);
            });
            ui.end_row();
            let label = ui.label(s::ID_NUMBER);
            ui.vertical(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut m.id_number)
                        .id_salt("member_id_number")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
                messages(ui, Field::IdNumber);
            });
            ui.end_row();
        });
    if m.category == Some(Category::Mobile) {
        ui.separator();
        ui.label(egui::RichText::new(s::MOBILE_SECTION).strong());
        egui::Grid::new("mobile_grid")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                ui.label(s::FLOW_DIRECTION);
                ui.horizontal(|ui| {
                    for d in FlowDirection::ALL {
                        ui.radio_value(&mut m.mobile.direction, d, d.label());
                    }
                });
                ui.end_row();
                text_row(ui, s::WHEREABOUTS, &mut m.mobile.whereabouts, "member_whereabouts");
                text_row(ui, s::MOBILE_CONTACT, &mut m.mobile.contact, "member_contact");
            });
        messages(ui, Field::Mobile);
    }
    ui.separator();
    transfer_ui(ui, form, &messages);
    ui.label(s::NOTES);
    ui.add(
        egui::TextEdit::multiline(&mut form.member.notes)
            .id_salt("member_notes")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
}

fn transfer_ui(ui: &mut egui::Ui, form: &mut MemberForm, messages: &dyn Fn(&mut egui::Ui, Field)) {
    let m = &mut form.member;
    let mut arrived = m.transfer_in.is_some();
    if ui.checkbox(&mut arrived, s::TRANSFERRED_IN).changed() {
        m.transfer_in = arrived.then(Transfer::default);
        form.transfer_in = DateText::default();
    }
    if let Some(t) = &mut m.transfer_in {
        egui::Grid::new("transfer_in_grid")
            .num_columns(2)
            .min_col_width(130.0)
            .show(ui, |ui| {
                ui.label(s::TRANSFER_IN_DATE);
                date_field_ui(ui, &mut form.transfer_in, "member_transfer_in");
                ui.end_row();
                text_row(ui, s::FROM_BRANCH, &mut t.other_branch, "member_from_branch");
            });
    }
    let mut left = m.transfer_out.is_some();
    if ui
        .checkbox(&mut left, s::TRANSFERRED_OUT)
        .on_hover_text(s::TRANSFER_OUT_HINT)
        .changed()
    {
        m.transfer_out = left.then(Transfer::default);
        form.transfer_out = DateText::default();
    }
    if let Some(t) = &mut m.transfer_out {
        egui::Grid::new("transfer_out_grid")
            .num_columns(2)
            .min_col_width(130.0)
            .show(ui, |ui| {
                ui.label(s::TRANSFER_OUT_DATE);
                date_field_ui(ui, &mut form.transfer_out, "member_transfer_out");
                ui.end_row();
                text_row(ui, s::TO_BRANCH, &mut t.other_branch, "member_to_branch");
            });
    }
    messages(ui, Field::TransferOut);
}

fn text_row(ui: &mut egui::Ui, label: &str, value: &mut String, id: &str) {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).id_salt(id).desired_width(200.0))
        .labelled_by(label.id);
    ui.end_row();
}

fn date_row(
    ui: &mut egui::Ui,
    label: &str,
    date: &mut DateText,
    id: &str,
    messages: &dyn Fn(&mut egui::Ui, Field),
    field: Field,
) {
    let label = ui.label(label);
    ui.vertical(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut date.0)
                .id_salt(id)
                .hint_text(s::DATE_HINT)
                .desired_width(120.0),
        )
        .labelled_by(label.id);
        messages(ui, field);
    });
    ui.end_row();
}

/// Asks before deleting. Returns false when the dialog is dismissed.
fn delete_dialog_ui(
    ctx: &egui::Context,
    form: &MemberForm,
    ledger: &Ledger,
    actions: &mut Vec<Action>,
    open: &mut bool,
) -> bool {
    let mut keep = true;
    let id = form.member.id;
    let records = ledger.records_of(id);
    egui::Modal::new(egui::Id::unique("delete_member")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(format!("{}“{}”？", s::DELETE_MEMBER, ledger.member_name(id)));
        if records > 0 {
            ui.label(format!("{} {records} {}", s::DELETE_RECORDS_1, s::DELETE_RECORDS_2));
        }
        ui.label(s::DELETE_EXPLAINED);
        ui.horizontal(|ui| {
            if ui.button(s::CONFIRM_DELETE).clicked() {
                actions.push(Action::Edit(Command::RemoveMember(id)));
                *open = false;
                keep = false;
            }
            if ui.button(s::CANCEL).clicked() {
                keep = false;
            }
        });
    });
    keep
}
