//! 打印: pick a form, the members or session it covers, filled or blank
//! (党性分析材料 also with its 审阅对照);
//! see its pages as they will print; 生成 PDF writes the file (by default
//! into a 打印 folder beside the data file) and opens it in the system's
//! viewer; the file's path stays on the screen to copy, with 打开文件 and
//! 打开所在文件夹, and a viewer that could not be started is said there.
//! Layout and PDF run on a background thread with a progress bar, so a
//! 150-page document never freezes the window.
//!
//! The PDF never replaces the ledger or any ledger file
//! ([`crate::report::output_path`]); an existing file is replaced only
//! after 替换 in a dialog, or when the system's save dialog picked it (it
//! asks itself).

mod preview;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::job::{Job, Lost};
use crate::model::{Date, Ledger, MemberId, SessionId};
use crate::report::pdf::{self, Doc, Layout, PrintError, Request, render};
use crate::report::{OutputKind, OutputRules, Replace};
use crate::ui::app::Action;
use crate::ui::cache::Cached;
use crate::ui::system::{FileActions, FileWords, written_file_ui};
use crate::ui::widgets::heading_ui;

const TITLE: &str = "打印";
const EXPLAIN: &str = "选择表格和范围，预览后生成 A4 PDF，用系统的 PDF 阅读器打印。";
const DOCUMENT: &str = "表格";
const MEMBERS: &str = "党员";
const ALL_MEMBERS: &str = "全部在册党员";
const FILTER: &str = "筛选";
const FILTER_NAMES: &str = "输入姓名中的字";
const SESSION: &str = "学习";
const LATEST: &str = "最近一次学习";
const BLANK: &str = "空白表格（手工填写）";
const WITH_COMPARISON: &str = "附审阅对照（最后两稿的修改，供督导组检查）";
const FILE: &str = "保存到";
const CHOOSE: &str = "选择…";
const GENERATE: &str = "生成 PDF";
const OPEN_AFTER: &str = "生成后用系统阅读器打开";
const PREV: &str = "上一页";
const NEXT: &str = "下一页";
const LAYING_OUT: &str = "正在排版…";
const WRITING: &str = "正在生成 PDF…";
const PDF_FILE: FileWords = FileWords {
    written: "已生成 PDF：",
    not_opened: "无法用系统阅读器打开这个 PDF，请在文件夹中双击打开：",
    pending: "生成 PDF 后，这里显示它的位置，可直接打开文件或所在文件夹。",
};
const REPLACE_QUESTION: &str = "文件已存在，要用新生成的 PDF 替换它吗？";

/// What the records, the choices and the day were when a layout was made
/// (a form is dated and counts up to today): a different key lays out
/// again.
type PreviewKey = (u64, Doc, Vec<MemberId>, Option<SessionId>, bool, bool, Date);

/// Work running on the background thread.
struct Running {
    /// Share done, as f32 bits.
    progress: Arc<AtomicU32>,
    work: Work,
}

/// What the background thread is making.
enum Work {
    /// The layout of the request of this key.
    Layout(PreviewKey, Job<Result<Arc<Layout>, PrintError>>),
    /// The PDF of the layout previewed, written where it was asked.
    Pdf(Job<Result<PathBuf, PrintError>>),
}

impl Work {
    fn label(&self) -> &'static str {
        match self {
            Work::Layout(..) => LAYING_OUT,
            Work::Pdf(_) => WRITING,
        }
    }
}

/// The print screen's view state.
pub struct PrintState {
    pub doc: Doc,
    /// The members chosen, in roster order; empty means all.
    pub members: Vec<MemberId>,
    /// Narrows the member list while choosing.
    pub member_filter: String,
    pub session: Option<SessionId>,
    pub blank: bool,
    /// 党性分析材料 with the 审阅对照 of the last two drafts.
    pub with_comparison: bool,
    /// Where 生成 PDF writes; empty means the default for the document.
    pub out: String,
    pub open_after: bool,
    pub page: usize,
    /// The layout shown, and the key it was made for.
    preview: Cached<PreviewKey, Result<Arc<Layout>, PrintError>>,
    job: Option<Running>,
    /// The last PDF written.
    pub written: Option<PathBuf>,
    /// The system's answer to opening it, or its folder.
    pub file: FileActions,
    /// The file the system's save dialog picked (it asked about replacing
    /// it): the next PDF may replace it. Used once.
    replace_ok: Option<PathBuf>,
    /// An existing file we are asking about.
    asking: Option<PathBuf>,
}

impl Default for PrintState {
    fn default() -> Self {
        Self {
            doc: Doc::Checklist,
            members: Vec::new(),
            member_filter: String::new(),
            session: None,
            blank: false,
            with_comparison: false,
            out: String::new(),
            open_after: true,
            page: 0,
            preview: Cached::default(),
            job: None,
            written: None,
            file: FileActions::default(),
            replace_ok: None,
            asking: None,
        }
    }
}

impl PrintState {
    /// Whether a layout or a PDF is being made.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// The layout previewed, once ready.
    pub fn layout(&self) -> Option<&Layout> {
        self.preview.last().and_then(|r| r.as_ref().ok()).map(|l| l.as_ref())
    }

    fn request(&self, today: Date) -> Request {
        let mut r = Request::new(self.doc, today);
        // Members ticked for another form do not narrow this one.
        if chooses_members(self.doc) {
            r.members = self.members.clone();
        }
        r.session = self.session;
        r.blank = self.blank;
        r.with_comparison = self.with_comparison && self.doc == Doc::Analysis && !self.blank;
        r
    }
}

/// What changes the layout: the records (their revision), the request
/// and its day.
fn key(revision: u64, r: &Request) -> PreviewKey {
    (
        revision,
        r.doc,
        r.members.clone(),
        r.session,
        r.blank,
        r.with_comparison,
        r.today,
    )
}

/// The print screen.
pub fn print_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    data_file: &Path,
    state: &mut PrintState,
    today: Date,
    actions: &mut Vec<Action>,
) {
    poll(ui, state, actions);
    heading_ui(ui, TITLE, EXPLAIN);
    choices_ui(ui, ledger, state);
    let request = state.request(today);
    let k = key(revision, &request);
    if state.job.is_none() && !state.preview.is_for(&k) {
        start_layout(state, ledger, request.clone(), k);
    }
    ui.separator();
    output_ui(ui, data_file, state, &request, actions);
    replace_dialog_ui(ui, data_file, state, actions);
    if let Some(running) = &state.job {
        let done = f32::from_bits(running.progress.load(Ordering::Relaxed));
        ui.add(egui::ProgressBar::new(done).text(running.work.label()));
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(30));
    }
    ui.separator();
    preview_ui(ui, state);
}

/// Whether the screen offers the member choice for `doc`.
fn chooses_members(doc: Doc) -> bool {
    doc.per_member() || matches!(doc, Doc::Checklist | Doc::Hours | Doc::AppraisalBallot)
}

/// "全部在册党员", one name, or "张三、李四 等 5 人".
fn chosen_text(ledger: &Ledger, members: &[MemberId]) -> String {
    match members {
        [] => ALL_MEMBERS.to_owned(),
        [one] => ledger.member_name(*one).to_owned(),
        [a, b] => format!("{}、{}", ledger.member_name(*a), ledger.member_name(*b)),
        [a, b, ..] => format!(
            "{}、{} 等 {} 人",
            ledger.member_name(*a),
            ledger.member_name(*b),
            members.len()
        ),
    }
}

/// The member list of the print choices: all, or ticked ones, with a name
/// filter for a long roster.
fn members_choice_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut PrintState) {
    if ui.selectable_label(state.members.is_empty(), ALL_MEMBERS).clicked() {
        state.members.clear();
    }
    ui.horizontal(|ui| {
        let label = ui.label(FILTER);
        ui.add(
            egui::TextEdit::singleline(&mut state.member_filter)
                .hint_text(FILTER_NAMES)
                .desired_width(180.0),
        )
        .labelled_by(label.id);
    });
    let filter = state.member_filter.trim();
    let mut changed = false;
    for m in ledger.current_members() {
        if !filter.is_empty() && !m.name.contains(filter) {
            continue;
        }
        let mut ticked = state.members.contains(&m.id);
        if ui.checkbox(&mut ticked, &m.name).changed() {
            if ticked {
                state.members.push(m.id);
            } else {
                state.members.retain(|&id| id != m.id);
            }
            changed = true;
        }
    }
    if changed {
        // Print in roster order, whatever order they were ticked in.
        let chosen = std::mem::take(&mut state.members);
        state.members = ledger
            .current_members()
            .map(|m| m.id)
            .filter(|id| chosen.contains(id))
            .collect();
    }
}

fn choices_ui(ui: &mut egui::Ui, ledger: &Ledger, state: &mut PrintState) {
    egui::Grid::new("print-choices")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(DOCUMENT);
            egui::ComboBox::from_id_salt("print-doc")
                .selected_text(state.doc.title())
                .width(240.0)
                .show_ui(ui, |ui| {
                    for d in Doc::ALL {
                        ui.selectable_value(&mut state.doc, d, d.title());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            if chooses_members(state.doc) {
                let label = ui.label(MEMBERS);
                egui::ComboBox::from_id_salt("print-member")
                    .selected_text(chosen_text(ledger, &state.members))
                    .width(240.0)
                    .height(420.0)
                    // Ticking several members keeps the list open.
                    .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                    .show_ui(ui, |ui| members_choice_ui(ui, ledger, state))
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            }
            if state.doc.per_session() {
                let label = ui.label(SESSION);
                let mut sessions: Vec<_> = ledger.study.sessions.iter().collect();
                sessions.sort_by_key(|s| std::cmp::Reverse(s.date));
                let name = |s: &crate::model::study::Session| format!("{} {}", pdf::show_date(s.date), s.topic);
                let shown = state
                    .session
                    .and_then(|id| sessions.iter().find(|s| s.id == id))
                    .map_or(LATEST.to_owned(), |s| name(s));
                egui::ComboBox::from_id_salt("print-session")
                    .selected_text(shown)
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut state.session, None, LATEST);
                        for s in sessions {
                            ui.selectable_value(&mut state.session, Some(s.id), name(s));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            }
            // Every form has a blank version, to fill by hand.
            ui.label("");
            ui.checkbox(&mut state.blank, BLANK);
            ui.end_row();
            if state.doc == Doc::Analysis && !state.blank {
                ui.label("");
                ui.checkbox(&mut state.with_comparison, WITH_COMPARISON);
                ui.end_row();
            }
        });
}

fn output_ui(
    ui: &mut egui::Ui,
    data_file: &Path,
    state: &mut PrintState,
    request: &Request,
    actions: &mut Vec<Action>,
) {
    let default = pdf::default_folder(data_file).join(pdf::file_name(request.doc, request.blank, request.today));
    ui.horizontal(|ui| {
        let label = ui.label(FILE);
        let hint = default.display().to_string();
        ui.add(
            egui::TextEdit::singleline(&mut state.out)
                .hint_text(hint)
                .desired_width(420.0),
        )
        .labelled_by(label.id);
        if ui.button(CHOOSE).clicked() {
            let name = default
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut dialog = rfd::FileDialog::new().add_filter("PDF", &["pdf"]).set_file_name(name);
            if let Some(folder) = default.parent() {
                dialog = dialog.set_directory(folder);
            }
            if let Some(path) = dialog.save_file() {
                // The system dialog has asked about replacing it already.
                state.out = path.display().to_string();
                state.replace_ok = Some(path);
            }
        }
    });
    ui.horizontal(|ui| {
        ui.checkbox(&mut state.open_after, OPEN_AFTER);
        let ready = state.job.is_none() && state.layout().is_some();
        if ui.add_enabled(ready, egui::Button::new(GENERATE)).clicked() {
            let target = if state.out.trim().is_empty() {
                default.clone()
            } else {
                PathBuf::from(state.out.trim())
            };
            let replace = Replace::from(state.replace_ok.take().as_ref() == Some(&target));
            let rules = OutputRules::new().from_ledger(data_file).replacing(replace);
            match rules.check(&target, OutputKind::Pdf) {
                Ok(()) => start_write(state, target, rules),
                Err(refused) if refused.needs_confirmation() => state.asking = Some(target),
                Err(refused) => actions.push(Action::Error(refused.to_string())),
            }
        }
    });
    written_file_ui(ui, state.written.as_deref(), &mut state.file, &PDF_FILE);
    if let Some(Err(e)) = state.preview.last() {
        ui.colored_label(ui.visuals().error_fg_color, e.to_string());
    }
}

fn preview_ui(ui: &mut egui::Ui, state: &mut PrintState) {
    let Some(layout) = state.layout() else { return };
    let pages = layout.pages.len();
    let mut page = state.page.min(pages.saturating_sub(1));
    ui.horizontal(|ui| {
        if ui.add_enabled(page > 0, egui::Button::new(PREV)).clicked() {
            page -= 1;
        }
        ui.label(format!("第 {} 页 / 共 {pages} 页", page + 1));
        if ui.add_enabled(page + 1 < pages, egui::Button::new(NEXT)).clicked() {
            page += 1;
        }
        if !layout.missing_chars.is_empty() {
            let chars: String = layout.missing_chars.iter().collect();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("字体中没有这些字，将印为空框：{chars}"),
            );
        }
    });
    let sheet = layout.pages.get(page).cloned();
    state.page = page;
    egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
        if let Some(sheet) = sheet {
            let width = (ui.available_width() - 12.0).min(1100.0);
            preview::page_ui(ui, &sheet, width);
        }
    });
}

fn start_layout(state: &mut PrintState, ledger: &Ledger, request: Request, k: PreviewKey) {
    let progress = Arc::new(AtomicU32::new(0));
    let ledger = ledger.clone();
    let shared = progress.clone();
    let job = Job::start("zhibu-print-layout", move || {
        pdf::layout(&ledger, &request, &|f| shared.store(f.to_bits(), Ordering::Relaxed)).map(Arc::new)
    });
    state.job = Some(Running {
        progress,
        work: Work::Layout(k, job),
    });
}

/// 文件已存在 … 替换 / 取消, while `state.asking`.
fn replace_dialog_ui(ui: &egui::Ui, data_file: &Path, state: &mut PrintState, actions: &mut Vec<Action>) {
    let Some(target) = state.asking.clone() else { return };
    let answer = crate::ui::widgets::replace_question(ui, "print_replace", REPLACE_QUESTION, &[&target]);
    match answer {
        Some(true) => {
            state.asking = None;
            let rules = OutputRules::new().from_ledger(data_file).replacing(Replace::Yes);
            if state.job.is_none() {
                start_write(state, target, rules);
            } else {
                actions.push(Action::Error("正在排版，请稍后再生成 PDF".to_owned()));
            }
        }
        Some(false) => state.asking = None,
        None => {}
    }
}

/// Renders the previewed layout and writes it at `target` as `rules` allow.
fn start_write(state: &mut PrintState, target: PathBuf, rules: OutputRules) {
    let Some(layout) = state.preview.last().and_then(|r| r.as_ref().ok()).cloned() else {
        return;
    };
    let progress = Arc::new(AtomicU32::new(0));
    let shared = progress.clone();
    let job = Job::start("zhibu-print-pdf", move || {
        render::pdf(&layout).and_then(|bytes| {
            shared.store(0.8f32.to_bits(), Ordering::Relaxed);
            pdf::write_pdf(&target, &bytes, &rules).map(|()| target)
        })
    });
    state.job = Some(Running {
        progress,
        work: Work::Pdf(job),
    });
}

/// Takes what the background thread finished. A job lost on its thread
/// ends as a failure of its work, said where that failure is said (the
/// preview's error line, an error message); a lost layout is kept as its
/// key's answer, so that the next frame does not lay out again.
fn poll(ui: &egui::Ui, state: &mut PrintState, actions: &mut Vec<Action>) {
    let Some(running) = &state.job else { return };
    let lost = |Lost| PrintError::Pdf(Lost.to_string());
    match &running.work {
        Work::Layout(k, job) => {
            let Some(answer) = job.poll() else { return };
            let k = k.clone();
            state.job = None;
            state.preview.set(k, answer.unwrap_or_else(|l| Err(lost(l))));
            state.page = 0;
        }
        Work::Pdf(job) => {
            let Some(answer) = job.poll() else { return };
            state.job = None;
            match answer.unwrap_or_else(|l| Err(lost(l))) {
                Ok(path) => {
                    // Said on the file's row, not in a notice above the
                    // screen: that would push 生成 PDF down under the mouse.
                    state.file.forget();
                    if state.open_after {
                        // Whether a viewer opened it shows on the file's
                        // row once the system has answered.
                        state.file.open_file(&path, ui.ctx());
                    }
                    state.written = Some(path);
                }
                Err(e) => actions.push(Action::Error(e.to_string())),
            }
        }
    }
    ui.ctx().request_repaint();
}
