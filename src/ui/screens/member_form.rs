//! The member form: every roster field, with messages next to the fields,
//! transfer in and out, and deletion (undoable, with a warning about the
//! records that go with it).
//!
//! Each checked field has a message line of its own under it, one line
//! high whether it says something or not, so that a message appearing
//! while one field is typed never moves the next field from under the
//! mouse. A new form says nothing about a field until it was filled in or
//! left once, or 保存 was pressed: it does not open with 请填写姓名.

use crate::edit::Command;
use crate::model::member::{Category, FlowDirection, Gender, Member, MemberStatus, Transfer};
use crate::model::validate::{Field, Problem, check_member};
use crate::model::{Date, Ledger, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::strings as s;
use crate::ui::widgets::{DateText, date_edit, label_over_message_ui, message_line_ui};

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
    /// The fields left at least once: not input, not kept.
    #[serde(skip)]
    pub left: Left,
}

/// The checked fields the secretary has left (the focus went elsewhere)
/// at least once, whose messages a new form shows from then on. Which
/// fields were visited is not input: any two are equal, so that visiting
/// a field is no unsaved change.
#[derive(Debug, Clone, Default)]
pub struct Left(Vec<Field>);

impl PartialEq for Left {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Left {
    /// Notes `field` as left when its `response` lost the focus.
    fn note(&mut self, field: Field, response: &egui::Response) {
        if response.lost_focus() && !self.0.contains(&field) {
            self.0.push(field);
        }
    }

    fn has(&self, field: Field) -> bool {
        self.0.contains(&field)
    }
}

/// How the roster shows its member form.
/// 410 points wide at first: at 1024 wide the roster beside it keeps 序号,
/// 姓名, 党员类别, 工作单位及职务 and 联系电话 whole (at 430 it was 11
/// points short, and the list scrolled sideways).
const PANEL: FormPanel = FormPanel {
    id: "member_form",
    widths: (410.0, 360.0),
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
            left: Left::default(),
        }
    }

    /// The member as the form now reads, each unreadable date left
    /// empty, and the messages of those dates.
    fn read(&self) -> (Member, Vec<Problem>) {
        let mut member = self.member.clone();
        let mut unreadable = Vec::new();
        member.name = member.name.trim().to_owned();
        member.birth = read_date(Field::Birth, &self.birth, &mut unreadable);
        member.joined = read_date(Field::Joined, &self.joined, &mut unreadable);
        member.probation_due = match member.status {
            MemberStatus::Probationary => read_date(Field::ProbationDue, &self.probation_due, &mut unreadable),
            MemberStatus::Full => None,
        };
        let transfers = [
            (&mut member.transfer_in, &self.transfer_in, s::TRANSFER_IN_DATE),
            (&mut member.transfer_out, &self.transfer_out, s::TRANSFER_OUT_DATE),
        ];
        for (transfer, date, label) in transfers {
            *transfer = read_transfer(transfer.as_ref(), date, label).unwrap_or_else(|(field, message)| {
                unreadable.push(Problem {
                    field,
                    message,
                    blocking: true,
                });
                None
            });
        }
        (member, unreadable)
    }

    /// Every problem the form shows beside its fields: each unreadable
    /// date, and what [`check_member`] finds in the rest (a field whose
    /// date is unreadable says only that).
    fn problems(&self, ledger: &Ledger, today: Date) -> Vec<Problem> {
        let (member, mut problems) = self.read();
        let unreadable: Vec<Field> = problems.iter().map(|p| p.field).collect();
        let checked = check_member(&member, &ledger.members, today);
        problems.extend(checked.into_iter().filter(|p| !unreadable.contains(&p.field)));
        problems
    }
}

/// The date typed for `field`, or `None` with its message put in
/// `unreadable`.
fn read_date(field: Field, date: &DateText, unreadable: &mut Vec<Problem>) -> Option<Date> {
    date.read().unwrap_or_else(|message| {
        unreadable.push(Problem {
            field,
            message,
            blocking: true,
        });
        None
    })
}

/// A transfer as ticked and dated on the form. Both transfers' messages
/// share one line, so an unreadable date is named by `label`.
fn read_transfer(ticked: Option<&Transfer>, date: &DateText, label: &str) -> Result<Option<Transfer>, (Field, String)> {
    let date = date.read().map_err(|e| (Field::TransferOut, format!("{label}：{e}")))?;
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
        let (member, _) = self.read();
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
        let messages = Messages {
            problems: &problems,
            all: !form.is_new || form.attempted(),
        };
        fields_ui(ui, &mut form.input, &messages);
    });
}

/// Which messages the form shows: every one when a recorded member is
/// edited or 保存 was pressed; on a new form only those of the fields
/// filled in or left once.
struct Messages<'a> {
    problems: &'a [Problem],
    all: bool,
}

impl Messages<'_> {
    /// The message line of `field`; `shown` when its field was filled in
    /// or left.
    fn line_ui(&self, ui: &mut egui::Ui, field: Field, shown: bool) {
        let texts: Vec<(&str, bool)> = if self.all || shown {
            self.problems
                .iter()
                .filter(|p| p.field == field)
                .map(|p| (p.message.as_str(), p.blocking))
                .collect()
        } else {
            Vec::new()
        };
        message_line_ui(ui, &texts);
    }
}

fn fields_ui(ui: &mut egui::Ui, form: &mut MemberInput, messages: &Messages<'_>) {
    egui::Grid::new("member_grid")
        .min_col_width(110.0)
        .num_columns(2)
        .spacing([10.0, 6.0])
        .striped(false)
        .show(ui, |ui| {
            let mut checked = Checked {
                left: &mut form.left,
                messages,
            };
            let m = &mut form.member;
            checked.text_row(ui, s::NAME_REQUIRED, &mut m.name, ("member_name", Field::Name));
            ui.label(s::COL_GENDER);
            ui.horizontal(|ui| {
                for g in Gender::ALL {
                    ui.radio_value(&mut m.gender, g, g.label());
                }
            });
            ui.end_row();
            text_row(ui, s::ETHNICITY, &mut m.ethnicity, "member_ethnicity");
            checked.date_row(ui, s::COL_BIRTH, &mut form.birth, ("member_birth", Field::Birth));
            checked.date_row(ui, s::COL_JOINED, &mut form.joined, ("member_joined", Field::Joined));
            ui.label(s::PARTY_STATUS);
            ui.horizontal(|ui| {
                for st in MemberStatus::ALL {
                    ui.radio_value(&mut m.status, st, st.label());
                }
            });
            ui.end_row();
            if m.status == MemberStatus::Probationary {
                let at = ("member_due", Field::ProbationDue);
                checked.date_row(ui, s::PROBATION_DUE, &mut form.probation_due, at);
            }
            category_rows_ui(ui, m);
            text_row(ui, s::EDUCATION, &mut m.education, "member_education");
            text_row(ui, s::COL_POSITION, &mut m.position, "member_position");
            checked.text_row(ui, s::COL_PHONE, &mut m.phone, ("member_phone", Field::Phone));
            let at = ("member_id_number", Field::IdNumber);
            checked.text_row(ui, s::ID_NUMBER, &mut m.id_number, at);
        });
    if form.member.category == Some(Category::Mobile) {
        mobile_ui(ui, form, messages);
    }
    ui.separator();
    transfer_ui(ui, form, messages);
    let label = ui.label(s::NOTES);
    ui.add(
        egui::TextEdit::multiline(&mut form.member.notes)
            .id_salt("member_notes")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}

/// 党员类别 and the three marks under it.
fn category_rows_ui(ui: &mut egui::Ui, m: &mut Member) {
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
}

/// A mobile member's whereabouts and contact, and their message line.
fn mobile_ui(ui: &mut egui::Ui, form: &mut MemberInput, messages: &Messages<'_>) {
    let m = &mut form.member;
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
            let whereabouts = text_row(ui, s::WHEREABOUTS, &mut m.mobile.whereabouts, "member_whereabouts");
            form.left.note(Field::Mobile, &whereabouts);
            let contact = text_row(ui, s::MOBILE_CONTACT, &mut m.mobile.contact, "member_contact");
            form.left.note(Field::Mobile, &contact);
        });
    messages.line_ui(ui, Field::Mobile, form.left.has(Field::Mobile));
}

fn transfer_ui(ui: &mut egui::Ui, form: &mut MemberInput, messages: &Messages<'_>) {
    let m = &mut form.member;
    let mut arrived = m.transfer_in.is_some();
    if ui.checkbox(&mut arrived, s::TRANSFERRED_IN).changed() {
        m.transfer_in = arrived.then(Transfer::default);
        form.transfer_in = DateText::default();
    }
    if let Some(t) = &mut m.transfer_in {
        let at = ("member_transfer_in", "member_from_branch");
        transfer_grid_ui(
            ui,
            (s::TRANSFER_IN_DATE, s::FROM_BRANCH),
            at,
            &mut form.transfer_in,
            t,
            &mut form.left,
        );
    }
    let mut out = m.transfer_out.is_some();
    if ui
        .checkbox(&mut out, s::TRANSFERRED_OUT)
        .on_hover_text(s::TRANSFER_OUT_HINT)
        .changed()
    {
        m.transfer_out = out.then(Transfer::default);
        form.transfer_out = DateText::default();
    }
    if let Some(t) = &mut m.transfer_out {
        let at = ("member_transfer_out", "member_to_branch");
        transfer_grid_ui(
            ui,
            (s::TRANSFER_OUT_DATE, s::TO_BRANCH),
            at,
            &mut form.transfer_out,
            t,
            &mut form.left,
        );
    }
    if m.transfer_in.is_some() || m.transfer_out.is_some() {
        let typed = !form.transfer_in.0.trim().is_empty() || !form.transfer_out.0.trim().is_empty();
        messages.line_ui(ui, Field::TransferOut, typed || form.left.has(Field::TransferOut));
    }
}

/// One transfer's date and other branch, under the labels `(date, branch)`
/// with the ids `at`.
fn transfer_grid_ui(
    ui: &mut egui::Ui,
    (date_label, branch_label): (&str, &str),
    at: (&str, &str),
    date: &mut DateText,
    transfer: &mut Transfer,
    left: &mut Left,
) {
    egui::Grid::new((at.0, "grid"))
        .num_columns(2)
        .min_col_width(130.0)
        .show(ui, |ui| {
            let label = ui.label(date_label);
            let response = ui.add(date_edit(ui, date, at.0)).labelled_by(label.id);
            left.note(Field::TransferOut, &response);
            ui.end_row();
            text_row(ui, branch_label, &mut transfer.other_branch, at.1);
        });
}

/// A field row of the grid with a message line under its field.
struct Checked<'a, 'p> {
    left: &'a mut Left,
    messages: &'a Messages<'p>,
}

impl Checked<'_, '_> {
    /// A one-line text field; `(id, field)` name it and its messages.
    fn text_row(&mut self, ui: &mut egui::Ui, label: &str, value: &mut String, (id, field): (&str, Field)) {
        let label = label_over_message_ui(ui, label);
        ui.vertical(|ui| {
            let edit = egui::TextEdit::singleline(value).id_salt(id).desired_width(200.0);
            let response = ui.add(edit).labelled_by(label.id);
            self.left.note(field, &response);
            let filled = !value.trim().is_empty();
            self.messages.line_ui(ui, field, filled || self.left.has(field));
        });
        ui.end_row();
    }

    /// A date field; `(id, field)` name it and its messages.
    fn date_row(&mut self, ui: &mut egui::Ui, label: &str, date: &mut DateText, (id, field): (&str, Field)) {
        let label = label_over_message_ui(ui, label);
        ui.vertical(|ui| {
            let response = ui.add(date_edit(ui, date, id)).labelled_by(label.id);
            self.left.note(field, &response);
            let filled = !date.0.trim().is_empty();
            self.messages.line_ui(ui, field, filled || self.left.has(field));
        });
        ui.end_row();
    }
}

fn text_row(ui: &mut egui::Ui, label: &str, value: &mut String, id: &str) -> egui::Response {
    let label = ui.label(label);
    let response = ui
        .add(egui::TextEdit::singleline(value).id_salt(id).desired_width(200.0))
        .labelled_by(label.id);
    ui.end_row();
    response
}
