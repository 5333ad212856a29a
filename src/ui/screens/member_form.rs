//! The member form: every roster field, with messages next to the fields,
//! transfer in and out, and deletion (undoable, with a warning about the
//! records that go with it).

use crate::edit::Command;
use crate::model::member::{Category, FlowDirection, Gender, Member, MemberStatus, Transfer};
use crate::model::validate::{Field, Problem, check_member};
use crate::model::{Date, Ledger, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::strings as s;
use crate::ui::widgets::{DateText, date_edit, date_field_ui, field_message_ui};

/// A member being added or edited: kept in the drafts file as typed.
pub type MemberForm = RecordForm<MemberInput>;

/// The member form's fields: the member, and its dates as typed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MemberInput {
    pub member: Member,
    pub birth: DateText,
    pub joined: DateText,
    pub probation_due: DateText,
    pub transfer_in: DateText,
    pub transfer_out: DateText,
}

/// How the roster shows its member form.
const PANEL: FormPanel = FormPanel {
    id: "member_form",
    widths: (430.0, 360.0),
    new_title: s::NEW_MEMBER,
    edit_title: s::EDIT_MEMBER,
    save_label: s::SAVE_MEMBER,
};

impl RecordForm<MemberInput> {
    /// An empty form for a new member.
    pub fn new_member() -> Self {
        Self::new(MemberInput::of(&Member::default()))
    }

    /// A form holding `member`, as the roster has it.
    pub fn of_member(member: &Member) -> Self {
        Self::edit(MemberInput::of(member))
    }

    /// The member being edited, if it is already on the roster.
    pub fn editing(&self) -> Option<MemberId> {
        (!self.is_new).then_some(self.input.member.id)
    }
}

impl MemberInput {
    fn of(member: &Member) -> Self {
        Self {
            member: member.clone(),
            birth: DateText::new(member.birth),
            joined: DateText::new(member.joined),
            probation_due: DateText::new(member.probation_due),
            transfer_in: DateText::new(member.transfer_in.as_ref().map(|t| t.date)),
            transfer_out: DateText::new(member.transfer_out.as_ref().map(|t| t.date)),
        }
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
        member.transfer_in = read_transfer(member.transfer_in.as_ref(), &self.transfer_in)?;
        member.transfer_out = read_transfer(member.transfer_out.as_ref(), &self.transfer_out)?;
        Ok(member)
    }

    /// Every problem the form shows beside its fields: an unreadable date,
    /// or what [`check_member`] finds.
    fn problems(&self, ledger: &Ledger, today: Date) -> Vec<Problem> {
        match self.read() {
            Ok(member) => check_member(&member, &ledger.members, today),
            Err((field, message)) => vec![Problem {
                field,
                message,
                blocking: true,
            }],
        }
    }
}

/// A transfer as ticked and dated on the form.
fn read_transfer(ticked: Option<&Transfer>, date: &DateText) -> Result<Option<Transfer>, (Field, String)> {
    let date = date.read().map_err(|e| (Field::TransferOut, e))?;
    match (ticked, date) {
        (Some(t), Some(date)) => Ok(Some(Transfer {
            date,
            other_branch: t.other_branch.clone(),
        })),
        (Some(_), None) => Err((Field::TransferOut, s::TRANSFER_DATE_MISSING.to_owned())),
        (None, _) => Ok(None),
    }
}

impl RecordInput for MemberInput {
    /// Refused while a date cannot be read or a problem blocks (each shown
    /// beside its field).
    fn command(&self, ledger: &Ledger, today: Date, is_new: bool) -> Result<Command, String> {
        if self.problems(ledger, today).iter().any(|p| p.blocking) {
            return Err(s::FIX_ERRORS_FIRST.to_owned());
        }
        let member = self.read().map_err(|(_, message)| message)?;
        Ok(if is_new {
            Command::AddMember(member)
        } else {
            Command::UpdateMember(member)
        })
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        ledger.member(self.member.id).map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.member.id == other.member.id
    }

    const DELETE_BUTTON: &'static str = s::DELETE_MEMBER;

    /// Names the member and says how many records go with them, and that
    /// a member who moved away is ticked 已转出本支部 instead.
    fn delete(&self, ledger: &Ledger) -> (String, Command) {
        let id = self.member.id;
        let mut question = format!("{}“{}”？\n", s::DELETE_MEMBER, ledger.member_name(id));
        let records = ledger.records_of(id);
        if records > 0 {
            question += &format!("{} {records} {}", s::DELETE_RECORDS_1, s::DELETE_RECORDS_2);
        }
        question += s::DELETE_EXPLAINED;
        (question, Command::RemoveMember(id))
    }

    /// The member's name, as the roster has it (or as typed, for a new
    /// member).
    fn unsaved_label(&self, ledger: &Ledger) -> Unsaved {
        let which = match ledger.member(self.member.id) {
            Some(recorded) => recorded.name.clone(),
            None => self.member.name.trim().to_owned(),
        };
        Unsaved::new("党员信息", which, Screen::Roster)
    }
}

/// Shows the form, if one is open, at the right of the roster.
pub fn member_form_ui(
    ui: &mut egui::Ui,
    slot: &mut Option<MemberForm>,
    ledger: &Ledger,
    today: Date,
    actions: &mut Vec<Action>,
) {
    PANEL.show(ui, ledger, today, slot, actions, |ui, form| {
        let problems = form.input.problems(ledger, today);
        fields_ui(ui, &mut form.input, &problems);
    });
}

fn fields_ui(ui: &mut egui::Ui, form: &mut MemberInput, problems: &[Problem]) {
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
            let label = ui.label(s::COL_CATEGORY);
            egui::ComboBox::from_id_salt("member_category")
                .selected_text(m.category.map_or(s::CHOOSE, Category::label))
                .show_ui(ui, |ui| {
                    for c in Category::ALL {
                        ui.selectable_value(&mut m.category, Some(c), c.label());
                    }
                })
                .response
                .labelled_by(label.id);
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
    let label = ui.label(s::NOTES);
    ui.add(
        egui::TextEdit::multiline(&mut form.member.notes)
            .id_salt("member_notes")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}

fn transfer_ui(ui: &mut egui::Ui, form: &mut MemberInput, messages: &dyn Fn(&mut egui::Ui, Field)) {
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
        ui.add(date_edit(ui, date, id)).labelled_by(label.id);
        messages(ui, field);
    });
    ui.end_row();
}
