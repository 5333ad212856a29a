//! The application: which ledger is open, which screen shows, and the one
//! place where screens' actions are carried out. What the screens hold
//! unsaved, the drafts file and the close question are in [`keeping`].

mod keeping;

use std::path::{Path, PathBuf};

use crate::edit::{Applied, Command, Document};
use crate::model::{Date, Ledger, MemberId};
use crate::store;
use crate::ui::drafts::{self, Unsaved};
use crate::ui::prefs::{Prefs, Recent};
use crate::ui::screens;
use crate::ui::{shell, strings as s, window};

/// Where the program keeps its files and what day it is; tests pass a
/// temporary folder and a fixed date.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Where new ledgers (and the demo) are created.
    pub data_dir: PathBuf,
    /// The interface preferences file, if any.
    pub prefs_path: Option<PathBuf>,
    pub today: Date,
}

impl AppConfig {
    /// The real folders of this computer and today's date.
    pub fn from_system() -> Result<Self, String> {
        let dirs = directories::ProjectDirs::from("", "", "zhibu").ok_or_else(|| s::NO_HOME.to_owned())?;
        Ok(Self {
            data_dir: dirs.data_dir().to_path_buf(),
            prefs_path: Some(dirs.config_dir().join("prefs.ron")),
            today: jiff::Zoned::now().date(),
        })
    }
}

/// The screens of the left navigation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Screen {
    #[default]
    Overview,
    Roster,
    Preparation,
    Learning,
    Appraisal,
    Rectification,
    Print,
    Export,
    Settings,
}

impl Screen {
    pub const ALL: [Screen; 9] = [
        Screen::Overview,
        Screen::Roster,
        Screen::Preparation,
        Screen::Learning,
        Screen::Appraisal,
        Screen::Rectification,
        Screen::Print,
        Screen::Export,
        Screen::Settings,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Overview => s::NAV_OVERVIEW,
            Screen::Roster => s::NAV_ROSTER,
            Screen::Preparation => s::NAV_PREPARATION,
            Screen::Learning => s::NAV_LEARNING,
            Screen::Appraisal => s::NAV_APPRAISAL,
            Screen::Rectification => s::NAV_RECTIFICATION,
            Screen::Print => s::NAV_PRINT,
            Screen::Export => s::NAV_EXPORT,
            Screen::Settings => s::NAV_SETTINGS,
        }
    }
}

/// What a screen asks the app to do after the frame.
// A handful of actions a frame at most: their size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Edit(Command),
    Undo,
    Redo,
    Save,
    Go(Screen),
    /// Show a member's record in the roster.
    ShowMember(MemberId),
    /// Open a tab of the learning screen (at a member or session).
    OpenLearning(screens::learning::LearningTarget),
    /// Open a tab of the appraisal screen (at a member).
    OpenAppraisal(screens::appraisal::AppraisalTarget),
    /// Open a tab of the rectification screen (at a member).
    OpenRectification(screens::rectification::RectificationTarget),
    /// Open one commitment or branch item.
    OpenDue(crate::progress::rectification::DueRecord),
    Open(PathBuf),
    /// Create a new ledger file from the start wizard.
    Create(Box<Ledger>),
    OpenDemo,
    /// Restore the newest good backup over a broken file.
    Restore {
        backup: PathBuf,
        target: PathBuf,
    },
    /// Close the file and go back to the start screen.
    CloseFile,
    /// Take a file off the start screen's recent ledgers.
    ForgetRecent(PathBuf),
    /// The interface preferences changed: write them.
    SavePrefs,
    Notice(String),
    Error(String),
}

/// A ledger that could not be opened, and the backup we can offer.
pub struct LoadFailure {
    pub path: PathBuf,
    pub message: String,
    pub backup: Option<store::Backup>,
}

/// The smoke run: close after this many frames.
pub struct Smoke {
    pub frames: u32,
    pub started: std::time::Instant,
    /// Which renderer drew it (glow or wgpu), printed with the time.
    pub renderer: &'static str,
}

/// A message at the top of the screen.
pub struct Notice {
    pub text: String,
    pub error: bool,
    pub shown_at: f64,
}

/// The program's state.
pub struct ZhibuApp {
    pub config: AppConfig,
    pub prefs: Prefs,
    pub doc: Option<Document>,
    pub screen: Screen,
    pub failure: Option<LoadFailure>,
    pub notice: Option<Notice>,
    pub start: screens::start::StartState,
    pub roster: screens::roster::RosterState,
    pub prep: screens::preparation::PrepState,
    pub settings: screens::settings::SettingsState,
    pub overview: screens::overview::OverviewState,
    pub learning: screens::learning::LearningState,
    pub appraisal: screens::appraisal::AppraisalState,
    pub rectification: screens::rectification::RectificationState,
    pub print: screens::print::PrintState,
    pub export: screens::export::ExportState,
    pub smoke: Option<Smoke>,
    frames: u32,
    pending_close: bool,
    actions: Vec<Action>,
    /// Keeps the screens' unsaved input beside the open ledger.
    keeper: Option<drafts::Keeper>,
    /// Drafts found when the ledger was opened, until the secretary
    /// answers the offer.
    offer: Option<drafts::Offer>,
    /// What the screens held unsaved at the end of the last frame.
    unsaved: Vec<Unsaved>,
    /// Closing the window with unsaved input: waiting for the answer.
    asking_close: bool,
    /// The answer to closing was given: the next close request goes through.
    closing: bool,
    /// The window was fitted to its monitor (once, when it is known).
    fitted: bool,
    /// Where the window is now, remembered when it closes.
    place: Option<window::Place>,
    /// The window's title as last set (it names the open ledger's branch).
    title: String,
}

impl ZhibuApp {
    /// Starts with `path` open, or else the last file, or else the start
    /// screen.
    pub fn new(config: AppConfig, path: Option<PathBuf>) -> Self {
        let prefs = config.prefs_path.as_deref().map(Prefs::load).unwrap_or_default();
        let mut app = Self {
            config,
            prefs,
            doc: None,
            screen: Screen::Overview,
            failure: None,
            notice: None,
            start: Default::default(),
            roster: Default::default(),
            prep: Default::default(),
            settings: Default::default(),
            overview: Default::default(),
            learning: Default::default(),
            appraisal: Default::default(),
            rectification: Default::default(),
            print: Default::default(),
            export: Default::default(),
            smoke: None,
            frames: 0,
            pending_close: false,
            actions: Vec::new(),
            keeper: None,
            offer: None,
            unsaved: Vec::new(),
            asking_close: false,
            closing: false,
            fitted: false,
            place: None,
            title: s::APP_TITLE.to_owned(),
        };
        app.export.county.restore(app.prefs.county.clone());
        let to_open = path.or_else(|| app.prefs.last_file.clone().filter(|p| p.exists()));
        if let Some(path) = to_open {
            app.open(&path);
        }
        app
    }

    /// Queues an action, as a screen would.
    pub fn send(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Draws one frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ctx.set_theme(self.prefs.theme.preference());
        self.fit_window(&ctx);
        let now = ctx.input(|i| i.time);
        self.shortcuts(&ctx);
        let mut actions = std::mem::take(&mut self.actions);
        if let Some(doc) = &self.doc {
            crate::ui::widgets::set_read_only(
                &ctx,
                crate::ui::widgets::ReadOnly {
                    window: !doc.is_writable(),
                    closed: doc.ledger.campaign.is_closed(),
                },
            );
            let waiting = shell::Waiting {
                unsaved: &self.unsaved,
                failed: self.keeper.as_ref().and_then(|k| k.failed.as_deref()),
            };
            shell::top_bar_ui(ui, doc, &waiting, &mut actions);
            shell::nav_ui(ui, doc, self.screen, self.config.today, &mut actions);
            egui::CentralPanel::default().show(ui, |ui| {
                self.notice_ui(ui, now);
                if let Some(doc) = &self.doc {
                    shell::read_only_banner_ui(ui, doc, &mut actions);
                }
                self.screen_ui(ui, &mut actions);
            });
            if let Some(offer) = &self.offer
                && let Some(answer) = shell::offer_ui(&ctx, offer)
            {
                self.answer_offer(answer);
            }
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                self.notice_ui(ui, now);
                if let Some(failure) = &self.failure {
                    screens::recovery::recovery_ui(ui, failure, &mut actions);
                } else if self.start.county {
                    self.start.county = screens::export::county_only_ui(ui, &mut self.export.county);
                } else {
                    screens::start::start_ui(ui, &mut self.start, &self.prefs.recent, &self.config, &mut actions);
                }
            });
        }
        for action in actions {
            self.handle(action, now);
        }
        self.follow_title(&ctx);
        self.keep_county();
        self.look_for_unsaved();
        self.keep_drafts(&ctx, now);
        self.autosave(&ctx, now);
        self.close_guard(&ctx);
        self.smoke_tick(&ctx);
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(doc) = &self.doc else { return };
        let ledger = &doc.ledger;
        let today = self.config.today;
        match self.screen {
            Screen::Overview => {
                screens::overview::overview_ui(ui, ledger, doc.revision(), &mut self.overview, today, actions)
            }
            Screen::Roster => screens::roster::roster_ui(ui, ledger, &mut self.roster, today, actions),
            Screen::Preparation => {
                screens::preparation::preparation_ui(ui, ledger, doc.revision(), &mut self.prep, today, actions)
            }
            Screen::Settings => screens::settings::settings_ui(ui, doc, &mut self.settings, &mut self.prefs, actions),
            Screen::Learning => screens::learning::learning_ui(
                ui,
                ledger,
                doc.revision(),
                &mut self.learning,
                &mut self.prep.stage_move,
                today,
                actions,
            ),
            Screen::Appraisal => screens::appraisal::appraisal_ui(
                ui,
                ledger,
                doc.revision(),
                &mut self.appraisal,
                &mut self.prep.stage_move,
                today,
                actions,
            ),
            Screen::Rectification => screens::rectification::rectification_ui(
                ui,
                ledger,
                doc.revision(),
                &mut self.rectification,
                today,
                actions,
            ),
            Screen::Print => {
                screens::print::print_ui(ui, ledger, doc.revision(), &doc.path, &mut self.print, today, actions)
            }
            Screen::Export => {
                screens::export::export_ui(ui, ledger, doc.revision(), &doc.path, &mut self.export, today)
            }
        }
    }

    fn notice_ui(&mut self, ui: &mut egui::Ui, now: f64) {
        let Some(notice) = &self.notice else { return };
        if !notice.error && now - notice.shown_at > 8.0 {
            self.notice = None;
            return;
        }
        let close = shell::notice_ui(ui, &notice.text, notice.error);
        if close {
            self.notice = None;
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let redo_shift = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        if self.doc.is_none() {
            return;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&save)) {
            self.actions.push(Action::Save);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&find)) {
            if self.screen != Screen::Overview {
                self.screen = Screen::Roster;
            }
            self.roster.focus_search = true;
            self.overview.focus_search = true;
        }
        // A focused text field keeps Ctrl+Z for its own text.
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&redo_shift) || i.consume_shortcut(&redo)) {
            self.actions.push(Action::Redo);
        } else if ctx.input_mut(|i| i.consume_shortcut(&undo)) {
            self.actions.push(Action::Undo);
        }
    }

    /// Carries out one action.
    pub fn handle(&mut self, action: Action, now: f64) {
        match action {
            Action::Edit(command) => self.edit(command, now),
            Action::Undo if self.doc.as_ref().is_some_and(|d| d.ledger.campaign.is_closed()) => {
                self.error(crate::model::campaign::CLOSED.to_owned(), now)
            }
            Action::Undo => self.with_doc(now, |doc| doc.undo(now).then(|| s::UNDONE.to_owned())),
            Action::Redo => self.with_doc(now, |doc| doc.redo(now).then(|| s::REDONE.to_owned())),
            Action::Save => {
                if let Some(doc) = &mut self.doc
                    && !doc.save_now()
                    && let crate::edit::SaveStatus::Failed(why) = doc.status()
                {
                    let text = why.clone();
                    self.error(text, now);
                }
            }
            Action::Go(screen) => self.screen = screen,
            Action::ShowMember(id) => {
                self.screen = Screen::Roster;
                if let Some(doc) = &self.doc {
                    self.roster.select(&doc.ledger, id);
                }
            }
            Action::OpenLearning(target) => {
                self.screen = Screen::Learning;
                if let Some(doc) = &self.doc {
                    self.learning.go(&doc.ledger, target);
                }
            }
            Action::OpenAppraisal(target) => {
                self.screen = Screen::Appraisal;
                if let Some(doc) = &self.doc {
                    self.appraisal.go(&doc.ledger, target);
                }
            }
            Action::OpenRectification(target) => {
                self.screen = Screen::Rectification;
                self.rectification.go(target);
            }
            Action::OpenDue(record) => {
                self.screen = Screen::Rectification;
                if let Some(doc) = &self.doc {
                    self.rectification.open_record(&doc.ledger, record);
                }
            }
            Action::Open(path) => self.open(&path),
            Action::Create(ledger) => self.create(*ledger, now),
            Action::OpenDemo => self.open_demo(now),
            Action::Restore { backup, target } => self.restore(&backup, &target, now),
            Action::CloseFile => {
                let kept = !self.unsaved.is_empty() && self.doc.as_ref().is_some_and(Document::is_writable);
                self.close_file();
                self.failure = None;
                if kept {
                    self.notice = Some(Notice {
                        text: s::DRAFTS_KEPT.to_owned(),
                        error: false,
                        shown_at: now,
                    });
                }
            }
            Action::ForgetRecent(path) => {
                self.prefs.forget_recent(&path);
                self.save_prefs();
            }
            Action::SavePrefs => self.save_prefs(),
            Action::Notice(text) => {
                self.notice = Some(Notice {
                    text,
                    error: false,
                    shown_at: now,
                })
            }
            Action::Error(text) => self.error(text, now),
        }
    }

    fn error(&mut self, text: String, now: f64) {
        self.notice = Some(Notice {
            text,
            error: true,
            shown_at: now,
        });
    }

    /// Runs `f` on the open document; its message, if any, becomes a
    /// notice shown from `now` (a notice dated 0 was taken away before it
    /// was ever drawn once the program had run for eight seconds).
    fn with_doc(&mut self, now: f64, f: impl FnOnce(&mut Document) -> Option<String>) {
        if let Some(message) = self.doc.as_mut().and_then(f) {
            self.notice = Some(Notice {
                text: message,
                error: false,
                shown_at: now,
            });
        }
    }

    fn edit(&mut self, command: Command, now: f64) {
        let Some(doc) = &mut self.doc else { return };
        match doc.apply(command, now) {
            Ok(Applied::MemberAdded(id)) => self.roster.select(&doc.ledger, id),
            Ok(Applied::SessionAdded(id)) => {
                if let Some(session) = doc.ledger.study.session(id)
                    && session.kind == crate::model::study::SessionKind::Study
                {
                    self.learning.page = Some(screens::learning::SessionPage::edit(session));
                }
            }
            Ok(Applied::Done) => {}
            Err(message) => self.error(message, now),
        }
    }

    fn open(&mut self, path: &Path) {
        if self.doc.as_ref().is_some_and(|d| d.path == path) {
            return;
        }
        self.close_file();
        match Document::open(path) {
            Ok(doc) => {
                self.failure = None;
                self.screen = Screen::Overview;
                self.start_keeping(&doc);
                self.doc = Some(doc);
                self.remember_file(Some(path.to_path_buf()));
            }
            Err(err) => {
                self.failure = Some(LoadFailure {
                    path: path.to_path_buf(),
                    message: err.to_string(),
                    backup: store::newest_good_backup(path),
                });
            }
        }
    }

    fn create(&mut self, ledger: Ledger, now: f64) {
        let path = unique_path(&self.config.data_dir, &ledger.branch.name);
        self.close_file();
        match Document::create(&path, ledger) {
            Ok(doc) => {
                self.start_keeping(&doc);
                self.doc = Some(doc);
                self.screen = Screen::Overview;
                self.start = Default::default();
                self.remember_file(Some(path.clone()));
                self.notice = Some(Notice {
                    text: format!("{}（{}）", s::CREATED, path.display()),
                    error: false,
                    shown_at: now,
                });
            }
            Err(message) => self.error(message, now),
        }
    }

    fn open_demo(&mut self, now: f64) {
        let path = self.config.data_dir.join(s::DEMO_FILE);
        let mut set_aside = None;
        if path.exists() {
            // A demo kept from long ago (or made by a version that set it
            // in 2005–2006) is told anew around today; the old one is kept
            // in the backup folder. One that is open elsewhere, or cannot
            // be read, opens as it is (the open says what is wrong).
            let stale = store::load(&path).is_ok_and(|l| crate::demo::is_stale(&l.ledger, self.config.today));
            if !stale || store::lock(&path).map(drop).is_err() {
                self.open(&path);
                return;
            }
            self.close_file();
            match store::move_aside(&path) {
                Ok(kept) => set_aside = Some(kept),
                Err(err) => return self.error(err.to_string(), now),
            }
        }
        // Told around today: a record added with today's date fits in.
        let demo = crate::demo::around(
            crate::demo::DEFAULT_MEMBERS,
            crate::demo::Chapter::Appraisal,
            self.config.today,
        );
        let ledger = match demo {
            Ok(ledger) => ledger,
            Err(err) => return self.error(err.to_string(), now),
        };
        self.close_file();
        match Document::create(&path, ledger) {
            Ok(doc) => {
                self.start_keeping(&doc);
                self.doc = Some(doc);
                self.screen = Screen::Overview;
                self.remember_file(Some(path));
                if let Some(kept) = set_aside {
                    self.notice = Some(Notice {
                        text: format!(
                            "示例支部的日期已过时，已按今天重新生成；原来的示例保存在 {}",
                            kept.display()
                        ),
                        error: false,
                        shown_at: now,
                    });
                }
            }
            Err(message) => self.error(message, now),
        }
    }

    fn restore(&mut self, backup: &Path, target: &Path, now: f64) {
        // Save what is open first: the restore keeps the replaced file aside.
        self.close_file();
        match store::restore_backup(backup, target) {
            Ok(_) => {
                self.failure = None;
                self.open(target);
                self.notice = Some(Notice {
                    text: s::RESTORED.to_owned(),
                    error: false,
                    shown_at: now,
                });
            }
            Err(err) => self.error(err.to_string(), now),
        }
    }

    fn close_file(&mut self) {
        // What is typed stays in the drafts file, offered back when this
        // ledger is opened again.
        self.look_for_unsaved();
        self.hand_over_drafts(f64::INFINITY, true);
        if let Some(mut doc) = self.doc.take() {
            doc.save_now();
            // The start screen lists it with its name and last save as now.
            self.prefs.remember_recent(recent_entry(&doc));
            self.save_prefs();
        }
        self.keeper = None;
        self.offer = None;
        self.unsaved.clear();
        self.reset_screens();
    }

    /// Every screen back to how it opens.
    fn reset_screens(&mut self) {
        self.roster = Default::default();
        self.prep = Default::default();
        self.settings = Default::default();
        self.overview = Default::default();
        self.learning = Default::default();
        self.appraisal = Default::default();
        self.rectification = Default::default();
        self.print = Default::default();
        self.export = Default::default();
    }

    /// Fits the window to its monitor once the monitor is known, then
    /// follows where it is (see [`window`]).
    fn fit_window(&mut self, ctx: &egui::Context) {
        let info = ctx.input(|i| i.viewport().clone());
        let Some(monitor) = info.monitor_size else { return };
        if !self.fitted {
            self.fitted = true;
            for command in window::commands(window::fit(monitor, self.prefs.window.as_ref())) {
                ctx.send_viewport_cmd(command);
            }
            return;
        }
        let before = self.place.or(self.prefs.window);
        if let Some(place) = window::seen(&info, before.as_ref()) {
            self.place = Some(place);
        }
    }

    /// Keeps where the window is for the next start.
    pub(super) fn remember_window(&mut self) {
        if let Some(place) = self.place
            && self.prefs.window != Some(place)
        {
            self.prefs.window = Some(place);
            self.save_prefs();
        }
    }

    fn remember_file(&mut self, path: Option<PathBuf>) {
        self.prefs.last_file = path;
        self.note_recent();
        self.save_prefs();
    }

    /// Puts the open ledger at the top of the start screen's recent
    /// ledgers (written with the preferences).
    pub(super) fn note_recent(&mut self) {
        if let Some(doc) = &self.doc {
            self.prefs.remember_recent(recent_entry(doc));
        }
    }

    /// Names the open ledger's branch in the window's title (and only the
    /// program's name without one), telling the window only on a change.
    fn follow_title(&mut self, ctx: &egui::Context) {
        let branch = self.doc.as_ref().map_or("", |d| d.ledger.branch.name.trim());
        let title = if branch.is_empty() {
            s::APP_TITLE.to_owned()
        } else {
            format!("{} — {branch}", s::APP_TITLE)
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        // A screen reader names the window by its accessibility root, which
        // egui leaves without a label; the root is made anew every pass.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |root| root.set_label(self.title.as_str()));
    }

    /// Writes the 县级汇总 tab's text and files with the preferences as
    /// soon as they change (a keystroke writes a file of a few hundred
    /// bytes).
    fn keep_county(&mut self) {
        if !self.export.county.is_kept_as(&self.prefs.county) {
            self.prefs.county = self.export.county.kept();
            self.save_prefs();
        }
    }

    /// Writes the interface preferences (a failure costs only them).
    pub fn save_prefs(&self) {
        if let Some(path) = &self.config.prefs_path
            && let Err(err) = self.prefs.save(path)
        {
            eprintln!("{}：{err}", s::PREFS_NOT_SAVED);
        }
    }

    fn autosave(&mut self, ctx: &egui::Context, now: f64) {
        if let Some(doc) = &mut self.doc
            && !doc.wakes_when_saved()
        {
            let ctx = ctx.clone();
            doc.wake_when_saved(move || ctx.request_repaint());
        }
        if let Some(wait) = self.doc.as_mut().and_then(|doc| doc.tick(now)) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
        }
    }

    fn smoke_tick(&mut self, ctx: &egui::Context) {
        self.frames += 1;
        let Some(smoke) = &self.smoke else { return };
        if self.frames == 1 {
            println!(
                "first frame after {} ms ({})",
                smoke.started.elapsed().as_millis(),
                smoke.renderer
            );
        }
        if self.frames >= smoke.frames {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else {
            ctx.request_repaint();
        }
    }
}

impl eframe::App for ZhibuApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        ZhibuApp::on_exit(self);
    }
}

/// The recent-ledgers entry of an open ledger: its absolute path (a path
/// given relative to the folder the program started in would not be found
/// from another), its branch, and the save time in its file's header.
fn recent_entry(doc: &Document) -> Recent {
    Recent {
        path: std::path::absolute(&doc.path).unwrap_or_else(|_| doc.path.clone()),
        branch: doc.ledger.branch.name.trim().to_owned(),
        saved: store::format::read_header(&doc.path).map(|h| h.saved_at),
    }
}

/// A file name for a new branch in `dir` that does not exist yet.
fn unique_path(dir: &Path, branch: &str) -> PathBuf {
    let stem: String = branch
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control())
        .collect();
    let stem = if stem.trim().is_empty() {
        s::DEFAULT_FILE_STEM.to_owned()
    } else {
        stem.trim().to_owned()
    };
    let first = dir.join(format!("{stem}.ron"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.ron")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
