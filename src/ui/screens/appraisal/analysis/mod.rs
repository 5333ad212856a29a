//! 党性分析: every member's analysis material — who has written what and
//! how far it has gone (起草 → 送审 → 审阅意见 → 修改 → 定稿) — and for
//! the member picked, the structured draft with a live character count,
//! the leader's reviews and the final acceptance, the flexible form, the
//! saved drafts (read, compared phrase by phrase, taken up again), and the
//! opinions and appraisal the material answers.
//!
//! The draft being typed lives here, not in the ledger: it reaches the
//! ledger only as a new dated draft (保存为新一稿), so every saved draft
//! stays as it was and undo takes back a whole draft at once.

mod diff;
mod editor;
mod side;

use std::collections::HashMap;

use super::Frame;
use crate::model::analysis::{Analysis, AnalysisStatus};
use crate::model::{Ledger, MemberId};
use crate::progress::appraisal::MemberAppraisal;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{Form, Leave, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use editor::Draft;
pub use editor::field_id;

const SHORT: egui::Color32 = egui::Color32::from_rgb(0xc6, 0x28, 0x28);
const ADDED: egui::Color32 = egui::Color32::from_rgb(0x2e, 0x7d, 0x32);

/// The analysis tab's view state. The drafts file keeps the member open,
/// the draft and the review and flexible form being typed.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AnalysisState {
    /// The member whose material is open.
    pub selected: Option<MemberId>,
    #[serde(skip)]
    pub search: String,
    #[serde(skip)]
    pub only_unfinished: bool,
    /// Roster order until a heading is picked.
    #[serde(skip, default = "roster_order")]
    pub sort: ListSort,
    /// The draft of the selected member, kept when the tab is left.
    draft: Option<Draft>,
    /// A member picked while the material holds unsaved input: asks first.
    #[serde(skip)]
    switch: Switch<MemberId>,
    #[serde(skip)]
    view: View,
    review: side::ReviewDraft,
    flex: side::FlexDraft,
    #[serde(skip)]
    compare: (usize, usize),
    /// On a window too narrow for three columns: the side column is shown
    /// in place of the editor (审阅与稿次).
    #[serde(skip)]
    side_open: bool,
}

impl Default for AnalysisState {
    fn default() -> Self {
        Self {
            selected: None,
            search: String::new(),
            only_unfinished: false,
            sort: roster_order(),
            draft: None,
            switch: Switch::default(),
            view: View::default(),
            review: side::ReviewDraft::default(),
            flex: side::FlexDraft::default(),
            compare: (0, 0),
            side_open: false,
        }
    }
}

impl AnalysisState {
    /// Opens a member's material (a gate link lands here). With unsaved
    /// input in the material open — the draft, a review comment, the
    /// flexible form — asks first.
    pub fn show_member(&mut self, ledger: &Ledger, member: MemberId) {
        if ledger.member(member).is_some() {
            self.pick(ledger, member);
        }
    }

    fn pick(&mut self, ledger: &Ledger, member: MemberId) {
        if self.selected == Some(member) {
            return;
        }
        let material = Material {
            draft: self.draft.as_mut(),
            review: &mut self.review,
            flex: &mut self.flex,
        };
        if let Some(member) = self.switch.ask(ledger, Some(&material), member) {
            self.select(member);
        }
    }

    fn select(&mut self, member: MemberId) {
        if self.selected != Some(member) {
            self.view = View::Edit;
            self.compare = (0, 0);
        }
        self.selected = Some(member);
        if self.draft.as_ref().is_some_and(|d| d.member != member) {
            self.draft = None;
        }
    }

    /// The draft, the review and the flexible form typed and not saved.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        out.extend(self.draft.as_ref().and_then(|d| d.unsaved(ledger)));
        out.extend(self.review.unsaved(ledger));
        out.extend(self.flex.unsaved(ledger));
    }
}

/// The material of the member open, as the switch question sees it: the
/// draft, the review comment and the flexible form, each saved by its own
/// button.
struct Material<'a> {
    draft: Option<&'a mut Draft>,
    review: &'a mut side::ReviewDraft,
    flex: &'a mut side::FlexDraft,
}

impl Material<'_> {
    /// What each part holds unsaved, in the order of the tab.
    fn parts(&self, ledger: &Ledger) -> Vec<Unsaved> {
        let draft = self.draft.as_deref().and_then(|d| d.unsaved(ledger));
        draft
            .into_iter()
            .chain(self.review.unsaved(ledger))
            .chain(self.flex.unsaved(ledger))
            .collect()
    }
}

impl Form for Material<'_> {
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let mut parts = self.parts(ledger);
        if parts.len() <= 1 {
            return parts.pop();
        }
        let whats: Vec<&str> = parts.iter().map(|p| p.what).collect();
        let which = format!("{}（{}）", parts[0].which, whats.join("、"));
        Some(Unsaved::new("党性分析材料", which, Screen::Appraisal))
    }

    /// Only one part holds input: one press saves it.
    fn savable(&self, ledger: &Ledger) -> bool {
        self.parts(ledger).len() == 1
    }

    fn save(&mut self, ledger: &Ledger, today: crate::model::Date, actions: &mut Vec<Action>) -> bool {
        if let Some(draft) = self.draft.as_deref_mut().filter(|d| d.unsaved(ledger).is_some()) {
            Form::save(draft, ledger, today, actions)
        } else if self.review.unsaved(ledger).is_some() {
            self.review.save(ledger, today, actions)
        } else if self.flex.unsaved(ledger).is_some() {
            self.flex.save(ledger, today, actions)
        } else {
            true
        }
    }
}

/// What the middle of the tab shows.
#[derive(Default)]
enum View {
    #[default]
    Edit,
    /// An earlier draft, read-only: its index and whole text.
    Revision(usize, String),
    /// Two drafts compared, with the runs of unchanged paragraphs opened.
    Compare(diff::CompareView),
}

/// The member list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 5] = [
    Heading::new("姓名", 64.0),
    Heading::new("状态", 64.0),
    Heading::new("字数/要求", 84.0),
    // Fold away in a narrow list (the editor shows both), rather than cut
    // 字数/要求 at the list's edge.
    Heading::new("灵活", 34.0).folds(1),
    Heading::rest("审阅").folds(2),
];

/// Roster order, which no heading stands for: the order the list opens in.
fn roster_order() -> ListSort {
    ListSort {
        column: HEADINGS.len(),
        descending: false,
    }
}

/// One line of the member list.
struct Row<'a> {
    order: usize,
    name: &'a str,
    standing: &'a MemberAppraisal,
    reviews: usize,
}

/// The analysis tab.
pub fn analysis_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut AnalysisState, actions: &mut Vec<Action>) {
    let ledger = frame.ledger;
    let analyses: HashMap<MemberId, &Analysis> = ledger.analyses.iter().map(|a| (a.member, &**a)).collect();
    let widths = Widths::of(ui);
    egui::Panel::left("analysis_members")
        .resizable(true)
        .default_size(widths.list)
        .size_range(LIST_NARROWEST.min(widths.list)..=widths.list)
        .show(ui, |ui| list_ui(ui, frame, &analyses, state));
    crate::ui::screens::a11y::name_panel_handle(ui, "analysis_members", "党员列表");
    let material = Material {
        draft: state.draft.as_mut(),
        review: &mut state.review,
        flex: &mut state.flex,
    };
    match state
        .switch
        .ui(ui, ledger, frame.today, Some(material).as_mut(), actions)
    {
        Some(Leave::Go(member)) => state.select(member),
        Some(Leave::Saved) | None => {}
    }
    let Some(member) = state.selected.and_then(|id| ledger.member(id)) else {
        ui.add_space(12.0);
        ui.label("在左侧选择一名党员，编写或审阅其党性分析材料。");
        return;
    };
    let analysis = analyses.get(&member.id).copied();
    let saved = analysis.map_or(0, |a| a.revisions.len());
    // A clean draft follows the ledger (a save, an undo); a dirty one is kept.
    if state
        .draft
        .as_ref()
        .is_none_or(|d| d.member != member.id || (!d.dirty && d.loaded != saved))
    {
        state.draft = Some(Draft::load(member.id, analysis, frame.today));
    }
    let Some(draft) = state.draft.as_mut() else {
        return;
    };
    let standing = frame.standing(member.id);
    let required = standing.map_or(0, |s| s.analysis_required);
    let flexible = analysis.is_some_and(|a| a.flexible.is_some());
    let mut request = None;
    let mut side = Side {
        review: &mut state.review,
        flex: &mut state.flex,
        compare: &mut state.compare,
    };
    if let Some(width) = widths.side {
        egui::Panel::right("analysis_side")
            .resizable(true)
            .default_size(width)
            .size_range(SIDE_MIN.min(width)..=width)
            .show(ui, |ui| request = side.ui(ui, frame, member, analysis, actions));
        crate::ui::screens::a11y::name_panel_handle(ui, "analysis_side", "审阅栏");
    }
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{}的党性分析材料", member.name));
        let status = analysis.filter(|a| !a.revisions.is_empty()).map(|a| a.status);
        ui.label(format!(
            "（{}，已存 {saved} 稿）",
            status.map_or("未写", AnalysisStatus::label)
        ));
        if draft.dirty {
            ui.colored_label(ui.visuals().warn_fg_color, "● 未保存的修改");
        }
    });
    if widths.side.is_none() {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut state.side_open, false, "材料");
            ui.selectable_value(&mut state.side_open, true, "审阅与稿次");
        });
        if state.side_open {
            request = side.ui(ui, frame, member, analysis, actions);
        }
    }
    if let (Some(request), Some(analysis)) = (request, analysis) {
        state.view = open_view(analysis, request);
        // A draft asked for from the side column shows where the editor was.
        state.side_open = false;
    }
    if state.side_open && widths.side.is_none() {
        return;
    }
    match &mut state.view {
        View::Edit => {
            editor::count_ui(ui, draft.chars(), required, flexible);
            editor::save_row_ui(ui, frame, draft, analysis, actions);
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("analysis_editor_scroll")
                .auto_shrink(false)
                .show(ui, |ui| editor::fields_ui(ui, draft));
        }
        View::Revision(index, text) => {
            if revision_ui(ui, *index, text, analysis, draft) {
                state.view = View::Edit;
            }
        }
        View::Compare(view) => {
            if diff::compare_ui(ui, view) {
                state.view = View::Edit;
            }
        }
    }
}

/// The narrowest the member list gets: names and status still show.
const LIST_NARROWEST: f32 = 200.0;
/// The narrowest the list is made beside both the editor and the side
/// column (at 1366×768): names, status and the start of 字数, the rest
/// sideways.
const LIST_MIN: f32 = 210.0;
/// The narrowest side column beside the editor.
const SIDE_MIN: f32 = 280.0;

/// How the tab divides its width between the member list, the editor and
/// the side column (送审与审阅, 灵活方式, 历次稿, the answers). The editor
/// keeps at least half the window — at 1024×600 it was squeezed to 230
/// points between the two — so the columns beside it shrink first, and on
/// a window too narrow for both the side column goes behind 审阅与稿次 in
/// the middle.
struct Widths {
    list: f32,
    /// `None`: no room beside the editor.
    side: Option<f32>,
}

impl Widths {
    fn of(ui: &egui::Ui) -> Self {
        let window = ui.ctx().content_rect().width();
        // A panel's separator and the editor's own margin.
        let room = ui.available_width() - window / 2.0 - 24.0;
        if room >= LIST_MIN + SIDE_MIN {
            let list = (room * 0.5).clamp(LIST_MIN, 300.0).min(room - SIDE_MIN);
            Self {
                list,
                side: Some((room - list).min(340.0)),
            }
        } else {
            Self {
                list: room.clamp(LIST_NARROWEST, 300.0),
                side: None,
            }
        }
    }
}

/// What the side column edits, borrowed from the tab's state beside the
/// draft.
struct Side<'a> {
    review: &'a mut side::ReviewDraft,
    flex: &'a mut side::FlexDraft,
    compare: &'a mut (usize, usize),
}

impl Side<'_> {
    /// The side column, scrolling; returns the draft asked for, if any.
    fn ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &Frame<'_>,
        member: &crate::model::member::Member,
        analysis: Option<&Analysis>,
        actions: &mut Vec<Action>,
    ) -> Option<side::Request> {
        egui::ScrollArea::vertical()
            .id_salt("analysis_side_scroll")
            .auto_shrink(false)
            .show(ui, |ui| {
                side::side_ui(
                    ui,
                    frame,
                    member,
                    analysis,
                    self.review,
                    self.flex,
                    self.compare,
                    actions,
                )
            })
            .inner
    }
}

/// Works out what the middle shows for a request from the side column:
/// the text or the diff once, not every frame.
fn open_view(analysis: &Analysis, request: side::Request) -> View {
    match request {
        side::Request::View(i) => match analysis.revisions.get(i) {
            Some(r) => View::Revision(i, r.full_text()),
            None => View::Edit,
        },
        side::Request::Compare(a, b) => {
            let (Some(x), Some(y)) = (analysis.revisions.get(a), analysis.revisions.get(b)) else {
                return View::Edit;
            };
            View::Compare(diff::CompareView::new((a, x), (b, y)))
        }
    }
}

/// An earlier draft, read-only, with 返回编辑, 复制这一稿 and 以此稿为基础
/// 继续修改 (which takes it into `draft`). Returns true to go back to
/// editing.
fn revision_ui(ui: &mut egui::Ui, index: usize, text: &str, analysis: Option<&Analysis>, draft: &mut Draft) -> bool {
    let mut back = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("第{}稿（只读）", index + 1)).strong());
        if ui.button("返回编辑").clicked() {
            back = true;
        }
        if ui.button("复制这一稿").clicked() {
            ui.ctx().copy_text(text.to_owned());
        }
        if let Some(revision) = analysis.and_then(|a| a.revisions.get(index))
            && ui
                .add_enabled(
                    crate::ui::widgets::editable(ui),
                    egui::Button::new("以此稿为基础继续修改"),
                )
                .clicked()
        {
            draft.continue_from(revision);
            back = true;
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("analysis_revision_scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut &*text)
                    .id_salt("analysis_revision_text")
                    .desired_width(f32::INFINITY),
            );
        });
    back
}

/// The member list: summary, search, filter, sortable table.
fn list_ui(ui: &mut egui::Ui, frame: &Frame<'_>, analyses: &HashMap<MemberId, &Analysis>, state: &mut AnalysisState) {
    let ledger = frame.ledger;
    let current: Vec<Row> = frame
        .standings
        .iter()
        .enumerate()
        .filter_map(|(order, standing)| {
            let m = ledger.member(standing.member).filter(|m| m.is_current())?;
            Some(Row {
                order,
                name: &m.name,
                standing,
                reviews: analyses.get(&m.id).map_or(0, |a| a.reviews.len()),
            })
        })
        .collect();
    let finished = current.iter().filter(|r| r.standing.analysis_final()).count();
    ui.label(egui::RichText::new(format!("定稿 {finished}/{} 人", current.len())).strong());
    ui.horizontal_wrapped(|ui| {
        crate::ui::table::search_ui(ui, "analysis_search", &mut state.search, "姓名", 90.0);
        ui.checkbox(&mut state.only_unfinished, "只看未定稿");
    });
    let rows = sorted(current, state);
    if rows.is_empty() {
        table::empty_ui(ui, true, "没有符合条件的党员。", "没有符合条件的党员。");
        return;
    }
    let mut clicked = None;
    let selected = rows.iter().position(|r| state.selected == Some(r.standing.member));
    let row_clicked = list_table_ui(
        ui,
        "analysis_members",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let r = &rows[row];
            let s = r.standing;
            match column {
                0 => {
                    if ui.selectable_label(selected == Some(row), r.name).clicked() {
                        clicked = Some(s.member);
                    }
                }
                1 => {
                    match s.analysis {
                        Some(AnalysisStatus::Final) => ui.colored_label(ADDED, "定稿"),
                        Some(status) => ui.label(status.label()),
                        None => ui.colored_label(ui.visuals().weak_text_color(), "未写"),
                    };
                }
                2 => {
                    let text = format!("{}/{}", s.analysis_chars, s.analysis_required);
                    if s.analysis_chars < s.analysis_required && !s.flexible {
                        ui.colored_label(SHORT, text);
                    } else {
                        ui.label(text);
                    }
                }
                3 => {
                    ui.label(if s.flexible { "○" } else { "" });
                }
                _ => {
                    ui.label(if r.reviews > 0 {
                        r.reviews.to_string()
                    } else {
                        String::new()
                    });
                }
            }
        },
    );
    if let Some(id) = clicked.or_else(|| row_clicked.map(|k| rows[k].standing.member)) {
        state.pick(ledger, id);
    }
}

/// The members shown — searched, filtered — in the order asked for.
fn sorted<'a>(current: Vec<Row<'a>>, state: &AnalysisState) -> Vec<Row<'a>> {
    let mut rows: Vec<Row> = current
        .into_iter()
        .filter(|r| table::matches(&state.search, &[r.name]))
        .filter(|r| !state.only_unfinished || !r.standing.analysis_final())
        .collect();
    let sort = state.sort;
    rows.sort_by(|x, y| {
        let (a, b) = (x.standing, y.standing);
        let order = match sort.column {
            0 => x.name.cmp(y.name),
            1 => a.analysis.cmp(&b.analysis),
            2 => a.analysis_chars.cmp(&b.analysis_chars),
            3 => a.flexible.cmp(&b.flexible),
            4 => x.reviews.cmp(&y.reviews),
            _ => std::cmp::Ordering::Equal,
        };
        sort.apply(order.then(x.order.cmp(&y.order)))
    });
    rows
}
