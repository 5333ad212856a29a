//! 学习动员: the learning stage as tabs — study sessions with attendance,
//! the attendance matrix, each member's hours, make-up study, reflections,
//! the mobilisation meeting, the branch's concrete requirements, and the
//! stage's look-back gate.

mod hours;
mod make_ups;
pub mod matrix;
mod reflections;
mod requirements;
mod session_page;
mod sessions;

use std::borrow::Cow;
use std::sync::Arc;

use crate::model::{Date, Ledger, MemberId, SessionId, Settings, Stage};
use crate::progress::{MemberHours, hours_of_all};
use crate::ui::app::{Action, Screen};
use crate::ui::cache::Cached;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::gate::{MoveDraft, gate_ui};
use crate::ui::screens::switch::{self, Form, Switch};
use crate::ui::strings as s;
use crate::ui::widgets::editable;

pub use session_page::SessionPage;

/// The tabs of the learning screen, in the order of the work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LearningTab {
    #[default]
    Sessions,
    Mobilisation,
    Matrix,
    Hours,
    MakeUps,
    Reflections,
    Requirements,
    Gate,
}

impl LearningTab {
    pub const ALL: [LearningTab; 8] = [
        LearningTab::Sessions,
        LearningTab::Mobilisation,
        LearningTab::Matrix,
        LearningTab::Hours,
        LearningTab::MakeUps,
        LearningTab::Reflections,
        LearningTab::Requirements,
        LearningTab::Gate,
    ];

    pub fn title(self) -> &'static str {
        match self {
            LearningTab::Sessions => "学习记录",
            LearningTab::Mobilisation => "动员大会",
            LearningTab::Matrix => "考勤总表",
            LearningTab::Hours => "学时统计",
            LearningTab::MakeUps => "补学",
            LearningTab::Reflections => "学习心得",
            LearningTab::Requirements => "具体要求",
            LearningTab::Gate => "回头看",
        }
    }

    /// What the source documents require at this step, in a line or two;
    /// a text quoting a setting or a domain word is built from it.
    fn help(self, settings: &Settings) -> Cow<'static, str> {
        let fixed = match self {
            LearningTab::Sessions => return s::sessions_help(settings).into(),
            LearningTab::Mobilisation => "召开全体党员参加的动员大会，讲清活动的意义、目标和步骤。动员大会计入学时。",
            LearningTab::Matrix => return s::matrix_help().into(),
            LearningTab::Hours => {
                "学时 = 出席学时 + 补学计入学时。转入、转出的党员只计在本支部期间的学习。确因重病等不能学习的，写明理由后登记免学。"
            }
            LearningTab::MakeUps => {
                "缺课的要补学：补学会、年老体弱的送学上门、流动在外的寄送资料自学并寄回心得。同一次缺课只计一次，补学计入的学时不超过所补场次的学时。"
            }
            LearningTab::Reflections => "每名党员撰写学习心得或读书笔记；年老体弱、文化程度较低的党员不强求一律。",
            LearningTab::Requirements => {
                "结合本支部党员的实际，提出保持共产党员先进性的具体要求。它是分析评议阶段党员对照检查的标尺，也是整改提高的方向。"
            }
            LearningTab::Gate => "转入分析评议阶段前，逐项检查学习动员阶段的工作是否到位；未完成的可以点击“去处理”。",
        };
        fixed.into()
    }
}

/// Where another screen (or a gate item) sends the secretary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LearningTarget {
    pub tab: LearningTab,
    pub member: Option<MemberId>,
    pub session: Option<SessionId>,
}

/// The learning screen's view state. The tab, the open session pages and
/// forms, the member picked in 学时统计 and the requirements being written
/// are kept in the drafts file; the lists' search and sort start afresh.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LearningState {
    pub tab: LearningTab,
    #[serde(skip)]
    pub sessions: sessions::SessionsState,
    /// The session open for editing and attendance, if any.
    pub page: Option<SessionPage>,
    /// The mobilisation meeting's page.
    pub mobilisation: Option<SessionPage>,
    #[serde(skip)]
    pub matrix: matrix::MatrixState,
    pub hours: hours::HoursState,
    pub make_ups: make_ups::MakeUpsState,
    pub reflections: reflections::ReflectionsState,
    pub requirements: requirements::RequirementsDraft,
    /// Another session asked for (a link) while the page holds unsaved
    /// input.
    #[serde(skip)]
    page_switch: Switch<SessionPage>,
    /// Every member's hours, worked out at this revision of the records.
    #[serde(skip)]
    derived: Cached<u64, Arc<Vec<MemberHours>>>,
}

impl LearningState {
    /// The typed input this screen holds that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.page.as_ref().and_then(|p| p.unsaved(ledger)));
        out.extend(self.mobilisation.as_ref().and_then(|p| p.unsaved(ledger)));
        out.extend(self.hours.unsaved(ledger));
        out.extend(self.make_ups.unsaved(ledger));
        out.extend(self.reflections.unsaved(ledger));
        if self.requirements.unsaved(ledger) {
            out.push(Unsaved::new("具体要求", String::new(), Screen::Learning));
        }
    }
}

impl LearningState {
    /// Opens the tab (and member or session) a link points at. A form
    /// holding unsaved input is asked about before another replaces it.
    pub fn go(&mut self, ledger: &Ledger, target: LearningTarget) {
        self.tab = target.tab;
        match target.tab {
            LearningTab::Sessions => {
                if let Some(session) = target.session.and_then(|id| ledger.study.session(id)) {
                    self.open_session(ledger, session, target.member);
                }
            }
            LearningTab::Hours => self.hours.show_member(ledger, target.member),
            LearningTab::MakeUps => {
                if let Some(member) = target.member {
                    self.make_ups.open_new(ledger, member, target.session);
                }
            }
            LearningTab::Reflections => {
                if let Some(member) = target.member {
                    self.reflections.open_new(ledger, member);
                }
            }
            _ => {}
        }
    }

    /// Opens a session's page at `member`'s row; the page open on it
    /// already stays as it is.
    fn open_session(&mut self, ledger: &Ledger, session: &crate::model::study::Session, member: Option<MemberId>) {
        if let Some(page) = self.page.as_mut().filter(|p| p.editing() == Some(session.id)) {
            if let Some(member) = member {
                page.focus_member(ledger, member);
            }
            return;
        }
        let mut page = SessionPage::edit(session);
        if let Some(member) = member {
            page.focus_member(ledger, member);
        }
        switch::open(&mut self.page_switch, &mut self.page, ledger, page);
    }
}

/// What the tabs share in one frame.
pub struct Frame<'a> {
    pub ledger: &'a Ledger,
    /// Every member's hours, in roster order.
    pub hours: &'a [MemberHours],
    pub today: Date,
    /// The revision of the records this frame shows.
    pub revision: u64,
}

impl Frame<'_> {
    /// The hours of the member at `index` in the roster.
    pub fn hours_at(&self, index: usize) -> &MemberHours {
        &self.hours[index]
    }
}

/// The learning screen.
/// `revision` changes whenever the records do (see
/// [`crate::edit::Document::revision`]): the hours are worked out
/// again only then.
pub fn learning_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    state: &mut LearningState,
    stage_move: &mut MoveDraft,
    today: Date,
    actions: &mut Vec<Action>,
) {
    let hours = state.derived.shared_or(revision, || hours_of_all(ledger));
    let frame = Frame {
        ledger,
        hours: &hours,
        today,
        revision,
    };
    frame_ui(ui, &frame, state, stage_move, actions);
}

fn frame_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    state: &mut LearningState,
    stage_move: &mut MoveDraft,
    actions: &mut Vec<Action>,
) {
    let ledger = frame.ledger;
    let today = frame.today;
    ui.horizontal(|ui| {
        ui.heading(Stage::Learning.title());
        if ledger.campaign.stage == Stage::Preparation {
            ui.label(
                egui::RichText::new("（尚在准备阶段：学习记录可以先录入，转段在准备阶段办理）")
                    .color(ui.visuals().weak_text_color()),
            );
        }
    });
    ui.horizontal_wrapped(|ui| {
        for tab in LearningTab::ALL {
            if ui.selectable_label(state.tab == tab, tab.title()).clicked() {
                state.tab = tab;
            }
        }
    });
    ui.label(egui::RichText::new(state.tab.help(&ledger.campaign.settings)).color(ui.visuals().weak_text_color()));
    ui.separator();
    requirements::keep_draft_in_step(ledger, &mut state.requirements);
    switch::slot_ui(ui, &mut state.page_switch, &mut state.page, ledger, today, actions);
    let mut go = None;
    match state.tab {
        LearningTab::Sessions => match &mut state.page {
            Some(page) => {
                if !session_page::session_page_ui(ui, frame, page, actions, &mut go) {
                    state.page = None;
                }
            }
            None => sessions::sessions_ui(ui, frame, &mut state.sessions, &mut state.page),
        },
        LearningTab::Mobilisation => mobilisation_ui(ui, frame, &mut state.mobilisation, actions, &mut go),
        LearningTab::Matrix => {
            if let Some(target) = matrix::matrix_ui(ui, ledger, frame.hours, &mut state.matrix) {
                state.go(ledger, target);
            }
        }
        LearningTab::Hours => {
            if let Some(target) = hours::hours_ui(ui, frame, &mut state.hours, actions) {
                state.go(ledger, target);
            }
        }
        LearningTab::MakeUps => make_ups::make_ups_ui(ui, frame, &mut state.make_ups, actions),
        LearningTab::Reflections => reflections::reflections_ui(ui, frame, &mut state.reflections, actions),
        LearningTab::Requirements => requirements::requirements_ui(ui, ledger, &mut state.requirements, actions),
        LearningTab::Gate => {
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                gate_ui(ui, ledger, frame.revision, Stage::Learning, stage_move, today, actions);
            });
        }
    }
    if let Some(target) = go {
        state.go(ledger, target);
    }
}

/// The mobilisation meeting: its page when recorded, else a button to
/// record it.
fn mobilisation_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    page: &mut Option<SessionPage>,
    actions: &mut Vec<Action>,
    go: &mut Option<LearningTarget>,
) {
    let recorded = frame.ledger.study.mobilisation();
    // Keep the page on the recorded meeting (it may have been added or
    // removed by undo since the page opened).
    match (recorded, page.as_ref().and_then(SessionPage::editing)) {
        (Some(meeting), Some(id)) if meeting.id == id => {}
        (Some(meeting), _) => *page = Some(SessionPage::edit(meeting)),
        (None, Some(_)) => *page = None,
        (None, None) => {}
    }
    match page {
        Some(p) => {
            if !session_page::session_page_ui(ui, frame, p, actions, go) {
                *page = None;
            }
        }
        None => {
            ui.add_space(8.0);
            ui.label("尚未登记动员大会。");
            if ui
                .add_enabled(editable(ui), egui::Button::new("登记动员大会"))
                .clicked()
            {
                *page = Some(SessionPage::new_mobilisation());
            }
        }
    }
}

/// A member chooser: a combo box with a name filter at the top of its list.
pub fn member_picker_ui(
    ui: &mut egui::Ui,
    id: &str,
    ledger: &Ledger,
    member: &mut Option<MemberId>,
    filter: &mut String,
) -> egui::Response {
    let selected = member.map_or("请选择党员", |m| ledger.member_name(m));
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(selected)
        .width(180.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            ui.add(
                egui::TextEdit::singleline(filter)
                    .id_salt((id, "filter"))
                    .hint_text("输入姓名查找")
                    .desired_width(160.0),
            )
            .accessible_name("输入姓名查找");
            let needle = filter.trim();
            for m in ledger
                .current_members()
                .filter(|m| needle.is_empty() || m.name.contains(needle))
            {
                ui.selectable_value(member, Some(m.id), &m.name);
            }
        });
    response.response
}

/// The 查找 box (by name) the learning tabs put above a list of members or
/// of their records: the same box as every list's.
pub(crate) fn name_search_ui(ui: &mut egui::Ui, id: &str, text: &mut String) -> egui::Response {
    crate::ui::table::search_ui(ui, id, text, "姓名", 120.0)
}
