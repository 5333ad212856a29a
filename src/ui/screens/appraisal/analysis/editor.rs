//! The draft being typed: the four parts (the problems under five
//! aspects), a free-text field, the live character count against the
//! requirement, and saving it as a new dated draft.
//!
//! A 50,000-character draft must not cost a recount every frame: each
//! field's count is kept and worked out again only when that field's
//! text edit reports a change.

use super::super::Frame;
use crate::edit::{AppraisalCommand, Command};
use crate::model::analysis::{Analysis, DraftParts, PROBLEM_ASPECTS, Revision, chinese_number};
use crate::model::appraisal_rules::check_revision;
use crate::model::{Date, Ledger, MemberId};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::Form;
use crate::ui::widgets::{DateText, date_edit, message_line_ui};

const SHORT: egui::Color32 = egui::Color32::from_rgb(0xc6, 0x28, 0x28);
const MET: egui::Color32 = egui::Color32::from_rgb(0x2e, 0x8b, 0x57);

/// The fields of a draft, in order: the opening, five problems, causes,
/// direction, the free text.
const FIELDS: usize = 9;

/// A member's draft in the editor: not in the ledger until saved.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    pub member: MemberId,
    pub parts: DraftParts,
    pub text: String,
    pub date: DateText,
    pub note: String,
    /// Visible characters of each field; `None` until counted (a draft
    /// restored from the drafts file comes without them).
    #[serde(skip)]
    counts: Option<[u32; FIELDS]>,
    /// Typed since loaded or saved.
    pub dirty: bool,
    /// How many drafts the ledger held when this was loaded: when the
    /// ledger changes under a clean draft (undo, a save), it is loaded again.
    pub loaded: usize,
    #[serde(skip)]
    attempted: bool,
}

impl Draft {
    /// The member's current draft (the newest saved), or an empty one.
    pub fn load(member: MemberId, analysis: Option<&Analysis>, today: Date) -> Self {
        let saved = analysis.map_or(0, |a| a.revisions.len());
        let last = analysis.and_then(|a| a.revisions.last());
        let mut draft = Self {
            member,
            parts: last.map(|r| r.parts.clone()).unwrap_or_default(),
            text: last.map(|r| r.text.clone()).unwrap_or_default(),
            date: DateText::new(Some(today)),
            note: if saved == 0 { "初稿" } else { "修改稿" }.to_owned(),
            counts: None,
            dirty: false,
            loaded: saved,
            attempted: false,
        };
        draft.recount_all();
        draft
    }

    /// An earlier draft loaded to be revised further.
    pub fn continue_from(&mut self, revision: &Revision) {
        self.parts = revision.parts.clone();
        self.text = revision.text.clone();
        self.note = "修改稿".to_owned();
        self.dirty = true;
        self.recount_all();
    }

    /// Visible characters of the whole draft.
    pub fn chars(&mut self) -> u32 {
        self.counts().iter().sum()
    }

    fn counts(&mut self) -> &mut [u32; FIELDS] {
        if self.counts.is_none() {
            self.recount_all();
        }
        self.counts.get_or_insert([0; FIELDS])
    }

    fn field(&self, i: usize) -> &str {
        match i {
            0 => &self.parts.opening,
            1..=5 => &self.parts.problems[i - 1],
            6 => &self.parts.causes,
            7 => &self.parts.direction,
            _ => &self.text,
        }
    }

    fn field_mut(&mut self, i: usize) -> &mut String {
        match i {
            0 => &mut self.parts.opening,
            1..=5 => &mut self.parts.problems[i - 1],
            6 => &mut self.parts.causes,
            7 => &mut self.parts.direction,
            _ => &mut self.text,
        }
    }

    fn count(&self, i: usize) -> u32 {
        self.field(i).chars().filter(|c| !c.is_whitespace()).count() as u32
    }

    fn recount(&mut self, i: usize) {
        let n = self.count(i);
        self.counts()[i] = n;
    }

    fn recount_all(&mut self) {
        self.counts = Some(std::array::from_fn(|i| self.count(i)));
    }

    /// Saves the draft as a new dated draft (保存为新一稿), or, when it
    /// is refused, marks it so that the save row says why. Returns whether
    /// it was sent.
    pub fn save(&mut self, analysis: Option<&Analysis>, ledger: &Ledger, actions: &mut Vec<Action>) -> bool {
        match self.read(analysis, ledger) {
            Ok(revision) => {
                actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::SaveRevision {
                    member: self.member,
                    revision,
                })));
                self.dirty = false;
                self.attempted = false;
                true
            }
            Err(_) => {
                self.attempted = true;
                false
            }
        }
    }

    /// The draft as a revision to save, or what is wrong.
    fn read(&self, analysis: Option<&Analysis>, ledger: &Ledger) -> Result<Revision, String> {
        let date = self.date.read()?.ok_or_else(|| "请填写这一稿的日期".to_owned())?;
        let revision = Revision {
            date,
            parts: self.parts.clone(),
            text: self.text.clone(),
            chars_on_paper: None,
            note: self.note.trim().to_owned(),
        };
        check_revision(&revision, analysis, ledger)?;
        Ok(revision)
    }
}

impl Form for Draft {
    /// The draft, typed since it was loaded or saved.
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        self.dirty
            .then(|| Unsaved::new("党性分析", ledger.member_name(self.member), Screen::Appraisal))
    }

    /// 保存为新一稿.
    fn save(&mut self, ledger: &Ledger, _today: Date, actions: &mut Vec<Action>) -> bool {
        let analysis = ledger.analyses.iter().find(|a| a.member == self.member);
        Draft::save(self, analysis.map(|a| &**a), ledger, actions)
    }
}

/// The id of a field's text edit: fixed, so that focus can be given to it.
pub fn field_id(member: MemberId, field: usize) -> egui::Id {
    egui::Id::unique(("analysis_field", member, field))
}

/// The heading of each field, the label its text edit is found by.
fn field_label(i: usize) -> String {
    match i {
        0 => DraftParts::OPENING.to_owned(),
        1..=5 => format!("（{}）{}方面", chinese_number(i), PROBLEM_ASPECTS[i - 1].label()),
        6 => format!("{}（世界观、人生观、价值观）", DraftParts::CAUSES),
        7 => DraftParts::DIRECTION.to_owned(),
        _ => "其他 / 整篇粘贴".to_owned(),
    }
}

/// The count line: characters against the requirement, relaxed for a
/// flexible form.
pub fn count_ui(ui: &mut egui::Ui, chars: u32, required: u32, flexible: bool) {
    ui.horizontal_wrapped(|ui| {
        let color = if chars >= required {
            MET
        } else if flexible {
            ui.visuals().weak_text_color()
        } else {
            SHORT
        };
        ui.label(
            egui::RichText::new(format!("字数 {chars}/{required}"))
                .strong()
                .color(color),
        );
        if flexible {
            ui.label("（已登记灵活方式，字数要求放宽）");
        } else if chars < required {
            ui.colored_label(SHORT, format!("还差 {} 字", required - chars));
        }
    });
}

/// The save row: date, note, 保存为新一稿, 复制全文, 放弃修改.
pub fn save_row_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    draft: &mut Draft,
    analysis: Option<&Analysis>,
    actions: &mut Vec<Action>,
) {
    let mut reload = false;
    let editable = crate::ui::widgets::editable(ui);
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(editable, |ui| {
            let label = ui.label("稿件日期");
            // Its message goes on the reserved line under the row, with the draft's.
            ui.add(date_edit(ui, &mut draft.date, "analysis_draft_date"))
                .labelled_by(label.id);
            let label = ui.label("说明");
            ui.add(
                egui::TextEdit::singleline(&mut draft.note)
                    .id_salt("analysis_draft_note")
                    .hint_text("初稿 / 修改稿")
                    .char_limit(100)
                    .desired_width(90.0),
            )
            .labelled_by(label.id);
            if ui.button(egui::RichText::new("保存为新一稿").strong()).clicked() {
                draft.save(analysis, frame.ledger, actions);
            }
        });
        if ui
            .button("复制全文")
            .on_hover_text("复制到剪贴板，可粘贴到文字处理软件")
            .clicked()
        {
            let whole = Revision {
                parts: draft.parts.clone(),
                text: draft.text.clone(),
                ..Revision::default()
            };
            ui.ctx().copy_text(whole.full_text());
        }
        if draft.dirty && ui.add_enabled(editable, egui::Button::new("放弃修改")).clicked() {
            reload = true;
        }
    });
    // One line kept for the message, so that one coming moves nothing below.
    let message = match draft.date.read() {
        Err(message) => Some(message),
        Ok(_) if draft.attempted => draft.read(analysis, frame.ledger).err(),
        Ok(_) => None,
    };
    let messages: Vec<(&str, bool)> = message.iter().map(|m| (m.as_str(), true)).collect();
    message_line_ui(ui, &messages);
    if reload {
        *draft = Draft::load(draft.member, analysis, frame.today);
    }
}

/// The parts and the free text, one multi-line field each (read only
/// when the ledger cannot be changed).
pub fn fields_ui(ui: &mut egui::Ui, draft: &mut Draft) {
    ui.add_enabled_ui(crate::ui::widgets::editable(ui), |ui| fields_inner_ui(ui, draft));
}

fn fields_inner_ui(ui: &mut egui::Ui, draft: &mut Draft) {
    for i in 0..FIELDS {
        match i {
            1 => {
                ui.add_space(6.0);
                ui.label(egui::RichText::new(DraftParts::PROBLEMS).strong());
            }
            6..=8 => ui.add_space(6.0),
            _ => {}
        }
        let title = field_label(i);
        let label = if (1..=5).contains(&i) {
            ui.label(title)
        } else {
            ui.label(egui::RichText::new(title).strong())
        };
        let rows = if i == 8 { 3 } else { 4 };
        let id = field_id(draft.member, i);
        let response = ui
            .add(
                egui::TextEdit::multiline(draft.field_mut(i))
                    .id(id)
                    .desired_rows(rows)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.changed() {
            draft.recount(i);
            draft.dirty = true;
        }
    }
}
