//! 整改承诺: every member's commitments in one list (search, filter by
//! member and state, sort by any heading), who has none yet, the problems
//! a member could commit to fix (one click opens them as a commitment),
//! the form for one commitment, and the day they were made public.

use super::{Frame, status_cell_ui, status_picker_ui};
use crate::edit::{Command, RectificationCommand};
use crate::model::dates::{show, show_opt};
use crate::model::rectification::{Commitment, ItemStatus, is_due_soon};
use crate::model::rectification_rules::{DUE_SOON_DAYS, check_commitment};
use crate::model::{CommitmentId, Date, Ledger, MemberId};
use crate::progress::rectification::{commitment_counts, suggestions};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::form::{FormPanel, RecordForm, RecordInput};
use crate::ui::screens::learning::member_picker_ui;
use crate::ui::screens::switch::{self, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui, matches};
use crate::ui::widgets::{DateText, date_edit, date_field_ui, editable, message_line_ui};

/// The form at the right of the list.
const PANEL: FormPanel = FormPanel {
    id: "commitment_form",
    widths: (440.0, 360.0),
    new_title: "新增整改承诺",
    edit_title: "修改整改承诺",
    save_label: "保存承诺",
};

/// The form of one commitment.
pub type CommitmentForm = RecordForm<CommitmentInput>;

/// Which commitments the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    Unfinished,
    Overdue,
    DueSoon,
    Done,
}

impl Show {
    const ALL: [Show; 5] = [Show::All, Show::Unfinished, Show::Overdue, Show::DueSoon, Show::Done];

    fn label(self) -> std::borrow::Cow<'static, str> {
        match self {
            Show::All => "全部".into(),
            Show::Unfinished => "未完成".into(),
            Show::Overdue => "逾期".into(),
            Show::DueSoon => format!("临期（{DUE_SOON_DAYS} 天内）").into(),
            Show::Done => ItemStatus::Done.label().into(),
        }
    }

    fn keeps(self, c: &Commitment, today: Date) -> bool {
        match self {
            Show::All => true,
            Show::Unfinished => c.status != ItemStatus::Done,
            Show::Overdue => c.is_overdue(today),
            Show::DueSoon => is_due_soon(c.deadline, c.status, today, DUE_SOON_DAYS),
            Show::Done => c.status == ItemStatus::Done,
        }
    }
}

/// The commitments tab's view state. The drafts file keeps the form and
/// the 公开承诺 date being typed; the list's filters start afresh.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CommitmentsState {
    #[serde(skip)]
    pub search: String,
    #[serde(skip)]
    pub member: Option<MemberId>,
    #[serde(skip)]
    picker: String,
    #[serde(skip)]
    pub show: Show,
    #[serde(skip)]
    pub sort: ListSort,
    pub form: Option<CommitmentForm>,
    /// The 公开承诺 date being typed; `None` until touched.
    public: Option<DateText>,
    /// Another commitment asked for while the form holds unsaved input.
    #[serde(skip)]
    switch: Switch<CommitmentForm>,
}

impl CommitmentsState {
    /// Shows one member's commitments (or everyone's).
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.member = member;
        if member.is_some() {
            self.show = Show::All;
        }
    }

    /// Opens an existing commitment's form.
    pub fn open(&mut self, ledger: &Ledger, id: CommitmentId) {
        if let Some(c) = ledger.rectification.commitments.iter().find(|c| c.id == id) {
            self.open_form(ledger, RecordForm::edit(CommitmentInput::of(c)));
        }
    }

    /// Opens `form`, asking first when the open one holds unsaved input;
    /// the commitment open already stays as it is.
    fn open_form(&mut self, ledger: &Ledger, form: CommitmentForm) {
        if !self.form.as_ref().is_some_and(|open| open.same_record(&form)) {
            switch::open(&mut self.switch, &mut self.form, ledger, form);
        }
    }

    /// The commitment and the 公开承诺 date being typed, when they differ
    /// from the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.form.as_ref().and_then(|f| switch::Form::unsaved(f, ledger)));
        let stored = ledger.rectification.made_public;
        if let Some(text) = &self.public
            && text.read() != Ok(stored)
            && *text != DateText::new(stored)
        {
            out.push(Unsaved::new("整改承诺", "公开承诺日期", Screen::Rectification));
        }
    }

    /// A new commitment for `member`, its problem filled in.
    fn open_new(&mut self, ledger: &Ledger, member: MemberId, problem: &str, source: &str) {
        let form = RecordForm::new(CommitmentInput::of(&Commitment {
            member,
            problem: problem.to_owned(),
            source: source.to_owned(),
            responsible: ledger.member_name(member).to_owned(),
            ..Commitment::default()
        }));
        self.open_form(ledger, form);
    }
}

/// The typed fields of a commitment. A new one counts as typed once it
/// differs from what it was opened with (the member chosen, a problem
/// turned into a commitment).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CommitmentInput {
    pub draft: Commitment,
    pub member: Option<MemberId>,
    pub deadline: DateText,
    pub completed: DateText,
}

impl CommitmentInput {
    fn of(c: &Commitment) -> Self {
        Self {
            member: (c.member != MemberId(0)).then_some(c.member),
            deadline: DateText::new(c.deadline),
            completed: DateText::new(c.completed),
            draft: c.clone(),
        }
    }

    fn read(&self, ledger: &Ledger) -> Result<Commitment, String> {
        let mut c = self.draft.clone();
        c.member = self.member.ok_or_else(|| "请选择党员".to_owned())?;
        c.deadline = self.deadline.read()?;
        c.completed = self.completed.read()?;
        for text in [
            &mut c.problem,
            &mut c.measure,
            &mut c.responsible,
            &mut c.evidence,
            &mut c.verified_by,
            &mut c.note,
        ] {
            *text = text.trim().to_owned();
        }
        check_commitment(&c, ledger)?;
        Ok(c)
    }
}

impl RecordInput for CommitmentInput {
    fn command(&self, ledger: &Ledger, _today: Date, is_new: bool) -> Result<Command, String> {
        let c = self.read(ledger)?;
        Ok(Command::Rectification(if is_new {
            RectificationCommand::AddCommitment(c)
        } else {
            RectificationCommand::UpdateCommitment(c)
        }))
    }

    fn recorded(&self, ledger: &Ledger) -> Option<Self> {
        let id = self.draft.id;
        ledger
            .rectification
            .commitments
            .iter()
            .find(|c| c.id == id)
            .map(Self::of)
    }

    fn same_record(&self, other: &Self) -> bool {
        self.draft.id == other.draft.id
    }

    fn delete(&self, _ledger: &Ledger) -> (String, Command) {
        (
            "删除这条整改承诺？".to_owned(),
            Command::Rectification(RectificationCommand::RemoveCommitment(self.draft.id)),
        )
    }

    fn unsaved_label(&self, ledger: &Ledger) -> Unsaved {
        let who = self.member.map_or("", |m| ledger.member_name(m));
        Unsaved::new("整改承诺", who, Screen::Rectification)
    }
}

/// The commitments tab.
pub fn commitments_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut CommitmentsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    switch::slot_ui(ui, &mut state.switch, &mut state.form, ledger, frame.today, actions);
    counts_ui(ui, frame, state, actions);
    filters_ui(ui, ledger, state);
    if let Some(member) = state.member {
        suggestions_ui(ui, ledger, member, state);
    }
    PANEL.show(ui, ledger, frame.today, &mut state.form, actions, |ui, form| {
        fields_ui(ui, ledger, form)
    });
    list_ui(ui, frame, state);
}

/// The counts, the 公开承诺 date, and the members without a commitment
/// (a click shows theirs).
fn counts_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut CommitmentsState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let today = frame.today;
    let counts = commitment_counts(ledger, today);
    let current = ledger.current_members().count();
    let without: Vec<_> = ledger
        .current_members()
        .filter(|m| counts.get(&m.id).is_none_or(|c| c.total == 0))
        .collect();
    let all = &ledger.rectification.commitments;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "已作出承诺 {}/{current} 人 · 承诺 {} 条，已完成 {} 条，逾期 {} 条",
                current - without.len(),
                all.len(),
                all.iter().filter(|c| c.status == ItemStatus::Done).count(),
                all.iter().filter(|c| c.is_overdue(today)).count(),
            ))
            .strong(),
        );
        ui.separator();
        public_ui(ui, ledger, state, actions);
    });
    if !without.is_empty() {
        ui.horizontal_wrapped(|ui| {
            // A name moves to the next line whole rather than break inside (卢金 / 春).
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.label("尚未承诺：");
            for m in without.iter().take(40) {
                if ui.link(&m.name).clicked() {
                    state.show_member(Some(m.id));
                }
            }
            if without.len() > 40 {
                ui.label(format!("等 {} 人", without.len()));
            }
        });
    }
}

/// 新增承诺, the member, the search and which commitments to show. 新增承诺
/// comes first and 看全部 (shown while a member is chosen) last, so that
/// choosing a member moves nothing the next click may be aimed at.
fn filters_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut CommitmentsState) {
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(editable(ui), egui::Button::new("新增承诺")).clicked() {
            let opened = match state.member {
                Some(m) => Commitment {
                    member: m,
                    responsible: ledger.member_name(m).to_owned(),
                    ..Commitment::default()
                },
                None => Commitment::default(),
            };
            state.open_form(ledger, RecordForm::new(CommitmentInput::of(&opened)));
        }
        ui.separator();
        let label = ui.label("党员");
        member_picker_ui(ui, "commitments_member", ledger, &mut state.member, &mut state.picker).labelled_by(label.id);
        table::search_ui(ui, "commitments_search", &mut state.search, "问题、措施或姓名", 140.0);
        for s in Show::ALL {
            ui.selectable_value(&mut state.show, s, s.label());
        }
        if state.member.is_some() && ui.small_button("看全部").clicked() {
            state.member = None;
        }
    });
}

fn public_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut CommitmentsState, actions: &mut Vec<Action>) {
    let stored = ledger.rectification.made_public;
    let text = state.public.get_or_insert_with(|| DateText::new(stored));
    let label = ui.label("公开承诺日期");
    let editable = editable(ui);
    ui.add_enabled_ui(editable, |ui| {
        ui.add(date_edit(ui, text, "made_public")).labelled_by(label.id);
    });
    let read = text.read();
    // 保存日期, the date's message or （未公开） in one slot of its own width
    // after the field: whichever shows, the row wraps the same way and
    // moves nothing below it.
    let size = egui::vec2(PUBLIC_SLOT, ui.spacing().interact_size.y);
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_min_size(size);
        match read {
            Err(message) => message_line_ui(ui, &[(message.as_str(), true)]),
            Ok(date) if date != stored => {
                if ui.add_enabled(editable, egui::Button::new("保存日期")).clicked() {
                    actions.push(Action::Edit(Command::Rectification(
                        RectificationCommand::SetMadePublic(date),
                    )));
                    state.public = None;
                }
            }
            Ok(None) => {
                ui.label(egui::RichText::new("（未公开）").color(ui.visuals().warn_fg_color));
            }
            Ok(Some(_)) => {}
        }
    });
}

/// How wide the slot after 公开承诺日期 is: a date's message, truncated
/// with "…" (whole on hover), or 保存日期.
const PUBLIC_SLOT: f32 = 300.0;

fn suggestions_ui(ui: &mut egui::Ui, ledger: &Ledger, member: MemberId, state: &mut CommitmentsState) {
    let found = suggestions(ledger, member);
    let name = ledger.member_name(member).to_owned();
    egui::CollapsingHeader::new(format!("{name}可转为承诺的问题（{} 条）", found.len()))
        .id_salt("suggestions")
        .default_open(true)
        .show(ui, |ui| {
            if found.is_empty() {
                ui.label("党性分析、群众意见和民主评议中没有找到这名党员的问题，可以直接“新增承诺”。");
                return;
            }
            egui::ScrollArea::vertical()
                .id_salt("suggestions_scroll")
                .max_height(150.0)
                .show(ui, |ui| {
                    for (i, s) in found.iter().enumerate() {
                        ui.horizontal(|ui| {
                            ui.label(egui::RichText::new(format!("[{}]", s.source.label())).small());
                            if s.taken {
                                ui.label(egui::RichText::new("已承诺").color(ui.visuals().weak_text_color()));
                            } else if ui
                                .add_enabled(editable(ui), egui::Button::new("转为承诺").small())
                                .clicked()
                            {
                                state.open_new(ledger, member, &s.problem, s.source.label());
                            }
                            ui.add(egui::Label::new(&s.problem).truncate())
                                .on_hover_text(&s.problem);
                        })
                        .response
                        .on_hover_text(format!("第 {} 条", i + 1));
                    }
                });
        });
}

/// The list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 6] = [
    Heading::new("党员", 80.0),
    Heading::grow("问题", 160.0),
    Heading::grow("整改措施", 160.0),
    Heading::new("完成时限", 96.0),
    Heading::new("状态", 110.0),
    Heading::new("完成日期", 100.0),
];

/// The commitments of the member chosen (or everyone), filtered, searched
/// and sorted; a click opens one.
fn list_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut CommitmentsState) {
    let ledger = frame.ledger;
    let mut rows: Vec<&Commitment> = ledger
        .rectification
        .commitments
        .iter()
        .filter(|c| state.member.is_none_or(|m| c.member == m))
        .filter(|c| state.show.keeps(c, frame.today))
        .filter(|c| matches(&state.search, &[&c.problem, &c.measure, ledger.member_name(c.member)]))
        .collect();
    let sort = state.sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            0 => ledger.member_name(a.member).cmp(ledger.member_name(b.member)),
            1 => a.problem.cmp(&b.problem),
            2 => a.measure.cmp(&b.measure),
            3 => a.deadline.cmp(&b.deadline),
            4 => (a.status as u8, a.is_overdue(frame.today)).cmp(&(b.status as u8, b.is_overdue(frame.today))),
            _ => a.completed.cmp(&b.completed),
        };
        sort.apply(order).then(a.id.cmp(&b.id))
    });
    if rows.is_empty() {
        let any = !ledger.rectification.commitments.is_empty();
        table::empty_ui(ui, any, "没有整改承诺。", "没有符合条件的整改承诺。");
        return;
    }
    let selected = state
        .form
        .as_ref()
        .filter(|f| !f.is_new)
        .and_then(|f| rows.iter().position(|c| c.id == f.input.draft.id));
    let clicked = list_table_ui(
        ui,
        "commitments",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, i, k| {
            let c = rows[i];
            match k {
                0 => {
                    ui.label(ledger.member_name(c.member));
                }
                1 => {
                    ui.label(&c.problem).on_hover_text(&c.problem);
                }
                2 => {
                    ui.label(&c.measure).on_hover_text(&c.measure);
                }
                3 => {
                    ui.label(show_opt(c.deadline));
                }
                4 => status_cell_ui(ui, c.status, c.deadline, frame.today),
                _ => {
                    ui.label(c.completed.map(show).unwrap_or_default());
                }
            }
        },
    );
    if let Some(i) = clicked {
        state.open_form(ledger, RecordForm::edit(CommitmentInput::of(rows[i])));
    }
}

/// The commitment's fields, member to note.
fn fields_ui(ui: &mut egui::Ui, ledger: &Ledger, form: &mut CommitmentForm) {
    let input = &mut form.input;
    if !input.draft.source.is_empty() {
        ui.label(egui::RichText::new(format!("来源：{}", input.draft.source)).color(ui.visuals().weak_text_color()));
    }
    ui.horizontal(|ui| {
        let label = ui.label("党员");
        let before = input.member;
        member_picker_ui(
            ui,
            "commitment_form_member",
            ledger,
            &mut input.member,
            &mut form.picker,
        )
        .labelled_by(label.id);
        if input.member != before
            && let Some(m) = input.member
            && (input.draft.responsible.is_empty()
                || before.is_some_and(|b| ledger.member_name(b) == input.draft.responsible))
        {
            input.draft.responsible = ledger.member_name(m).to_owned();
        }
    });
    text_ui(ui, "存在的问题", &mut input.draft.problem, 3);
    text_ui(ui, "整改措施", &mut input.draft.measure, 3);
    ui.horizontal(|ui| {
        let label = ui.label("完成时限");
        date_field_ui(ui, &mut input.deadline, "commitment_deadline").labelled_by(label.id);
    });
    line_ui(ui, "责任人", &mut input.draft.responsible);
    ui.horizontal(|ui| {
        ui.label("状态");
        status_picker_ui(ui, &mut input.draft.status);
    });
    if input.draft.status == ItemStatus::Done {
        ui.horizontal(|ui| {
            let label = ui.label("完成日期");
            date_field_ui(ui, &mut input.completed, "commitment_completed").labelled_by(label.id);
        });
        text_ui(ui, "完成情况和佐证", &mut input.draft.evidence, 2);
        line_ui(ui, "核实人", &mut input.draft.verified_by);
    } else if !input.completed.0.is_empty() {
        // A completion date only belongs to a done item.
        input.completed = DateText::default();
    }
    text_ui(ui, "说明（逾期原因等）", &mut input.draft.note, 2);
}

/// A labelled multi-line text field.
pub(super) fn text_ui(ui: &mut egui::Ui, title: &str, text: &mut String, rows: usize) {
    let label = ui.label(title);
    ui.add(
        egui::TextEdit::multiline(text)
            .id_salt(("text", title))
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}

/// A labelled one-line text field.
pub(super) fn line_ui(ui: &mut egui::Ui, title: &str, text: &mut String) {
    ui.horizontal(|ui| {
        let label = ui.label(title);
        ui.add(
            egui::TextEdit::singleline(text)
                .id_salt(("line", title))
                .desired_width(200.0),
        )
        .labelled_by(label.id);
    });
}
