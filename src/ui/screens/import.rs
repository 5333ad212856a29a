//! 导入名册: read the branch's existing roster sheet, show how its columns
//! were understood and each row in its group — 新增, 更新 (with the fields
//! that change), 相同, 可能重复, 不是党员的行, 无法读取 — and change nothing
//! until the secretary confirms. The confirmation is one
//! `Command::ImportMembers`, one step to undo.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::edit::Command;
use crate::import::{self, ImportError, Match, Preview, Table};
use crate::job::{Job, Lost};
use crate::model::dates::show_opt;
use crate::model::{Date, Ledger, Member};
use crate::ui::app::Action;
use crate::ui::strings as s;
use crate::ui::widgets::editable;

/// The import dialog's state.
pub struct ImportState {
    /// The file path, typed or picked.
    pub path: String,
    pub table: Option<Table>,
    pub preview: Option<Preview>,
    pub error: Option<String>,
    /// Put the cursor in the path field on the next frame.
    pub focus_path: bool,
    /// Add the possible duplicates as new members too (the secretary
    /// checked they are other people).
    pub with_duplicates: bool,
    /// The sheet being read, on its own thread.
    reading: Option<Reading>,
    /// How a sheet is read: [`import::read_sheet_stoppable`]; the tests
    /// put a slow or a failing reader in its place.
    read_with: ReadSheet,
}

/// Reads a sheet, stopping early once the flag is set.
type ReadSheet = fn(&Path, Option<&str>, &AtomicBool) -> Result<Table, ImportError>;

/// What a read gives: the table with its preview (which can fail on its
/// own: no 姓名 header, and then another sheet can be picked), or why the
/// file could not be read.
type ReadResult = Result<(Table, Result<Preview, ImportError>), ImportError>;

/// A read running on its thread. Dropped (on 取消, or when the dialog
/// closes), its flag stops the reader and its result is thrown away.
struct Reading {
    job: Job<ReadResult>,
    stop: Arc<AtomicBool>,
    path: PathBuf,
}

impl Drop for Reading {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

const NOT_MEMBERS: &str = "不是党员的行（不导入）：";
const UPDATES: &str = "更新：名册中已有的党员，表中以下各项不同，确认后按表格更新（党员的学习、谈心等记录不变）：";
const DUPLICATES: &str = "可能重复：名册中已有同名党员，但身份证号或出生日期无法确认是同一人：";
const ADD_DUPLICATES: &str = "已核对，这些不是名册中的同名党员：也作为新党员导入";
const COL_GROUP: &str = "导入方式";
const READING: &str = "正在读取表格…";
const STOP_READING: &str = "取消";
const LOST: &str = "读取表格时出错，后台任务意外中止：文件可能已损坏，请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入";

impl Default for ImportState {
    fn default() -> Self {
        Self {
            path: String::new(),
            table: None,
            preview: None,
            error: None,
            focus_path: false,
            with_duplicates: false,
            reading: None,
            read_with: import::read_sheet_stoppable,
        }
    }
}

impl std::fmt::Debug for ImportState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportState")
            .field("path", &self.path)
            .field("error", &self.error)
            .field("reading", &self.busy())
            .finish_non_exhaustive()
    }
}

impl ImportState {
    /// A freshly opened dialog, cursor in the path field.
    pub fn opened() -> Self {
        Self {
            focus_path: true,
            ..Self::default()
        }
    }

    /// Starts reading `sheet` (or the first one) of the file at `path` on a
    /// background job: the window goes on drawing, shows 正在读取表格…, and
    /// takes the result when it is there ([`Self::poll`]). `wake` is called
    /// when it is (the window's repaint).
    pub fn read(&mut self, sheet: Option<&str>, ledger: &Ledger, today: Date, wake: impl Fn() + Send + Sync + 'static) {
        self.table = None;
        self.preview = None;
        self.error = None;
        self.with_duplicates = false;
        let path = PathBuf::from(self.path.trim());
        let stop = Arc::new(AtomicBool::new(false));
        let (read_with, members, sheet) = (self.read_with, ledger.members.clone(), sheet.map(str::to_owned));
        let (at, flag) = (path.clone(), Arc::clone(&stop));
        let job = Job::start_waking("zhibu-import", wake, move || {
            let table = read_with(&at, sheet.as_deref(), &flag)?;
            let preview = import::preview(&table, &members, today);
            Ok((table, preview))
        });
        // A read already running is dropped, and so stopped.
        self.reading = Some(Reading { job, stop, path });
    }

    /// Whether a sheet is being read.
    pub fn busy(&self) -> bool {
        self.reading.is_some()
    }

    /// Takes the read's result once it is there.
    pub fn poll(&mut self) {
        let Some(reading) = &self.reading else { return };
        let Some(answer) = reading.job.poll() else { return };
        let path = reading.path.clone();
        self.reading = None;
        match answer {
            Ok(Ok((table, preview))) => {
                self.table = Some(table);
                match preview {
                    Ok(preview) => self.preview = Some(preview),
                    Err(err) => self.error = Some(err.to_string()),
                }
            }
            Ok(Err(err)) => self.error = Some(err.to_string()),
            Err(Lost) => self.error = Some(format!("{}（{}）", LOST, path.display())),
        }
    }

    /// 取消 during a read: its result is dropped, and the dialog is back to
    /// choosing a file.
    pub fn stop_reading(&mut self) {
        self.reading = None;
        self.focus_path = true;
    }

    /// Waits for the read to end and takes its result (tests; the window
    /// polls instead).
    pub fn wait(&mut self) {
        while self.busy() {
            self.poll();
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}

/// The import window. Returns false when it is closed.
pub fn import_ui(
    ctx: &egui::Context,
    state: &mut ImportState,
    ledger: &Ledger,
    today: Date,
    actions: &mut Vec<Action>,
) -> bool {
    let mut open = true;
    let mut close = false;
    state.poll();
    let screen = ctx.content_rect();
    let wake = {
        let ctx = ctx.clone();
        move || ctx.request_repaint()
    };
    egui::Window::new(s::IMPORT_TITLE)
        .open(&mut open)
        .collapsible(false)
        .default_size([screen.width().min(1100.0) - 60.0, screen.height() - 120.0])
        .max_height(screen.height() - 60.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(s::IMPORT_EXPLAINED);
            ui.horizontal(|ui| {
                let idle = !state.busy();
                let label = ui.label(s::FILE);
                let path_field = ui
                    .add_enabled(
                        idle,
                        egui::TextEdit::singleline(&mut state.path)
                            .id_salt("import_path")
                            .hint_text(s::IMPORT_PATH_HINT)
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                // Not during the window's first, invisible sizing pass: focus
                // asked for then is lost.
                if state.focus_path && idle && !ui.is_sizing_pass() {
                    state.focus_path = false;
                    path_field.request_focus();
                }
                let entered = path_field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.add_enabled(idle, egui::Button::new(s::BROWSE)).clicked() {
                    let picked = rfd::FileDialog::new()
                        .add_filter(s::SHEET_FILES, &["xlsx", "xlsm", "xls", "ods", "csv"])
                        .pick_file();
                    if let Some(path) = picked {
                        state.path = path.display().to_string();
                        state.read(None, ledger, today, wake.clone());
                    }
                }
                let typed = !state.path.trim().is_empty();
                if ui.add_enabled(idle && typed, egui::Button::new(s::READ_FILE)).clicked()
                    || (entered && idle && typed)
                {
                    state.read(None, ledger, today, wake.clone());
                }
            });
            if state.busy() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(READING);
                    if ui.button(STOP_READING).clicked() {
                        state.stop_reading();
                    }
                });
            }
            if let Some(error) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            sheet_picker_ui(ui, state, ledger, today, wake);
            if let Some(preview) = &state.preview {
                ui.separator();
                preview_ui(ui, preview, &ledger.members, &mut state.with_duplicates);
                ui.separator();
                ui.horizontal(|ui| {
                    let added = preview.to_add(state.with_duplicates);
                    let updated = preview.to_update();
                    let (n, u) = (added.len(), updated.len());
                    let what = if u == 0 {
                        format!(" {n} {}", s::MEMBERS_UNIT)
                    } else {
                        format!("：新增 {n} 名，更新 {u} {}", s::MEMBERS_UNIT)
                    };
                    let confirm = ui.add_enabled(
                        n + u > 0 && editable(ui),
                        egui::Button::new(egui::RichText::new(format!("{}{what}", s::CONFIRM_IMPORT)).strong()),
                    );
                    if confirm.clicked() {
                        actions.push(Action::Edit(Command::ImportMembers { added, updated }));
                        actions.push(Action::Notice(format!("{}{what}", s::IMPORTED)));
                        close = true;
                    }
                    if ui.button(s::CANCEL).clicked() {
                        close = true;
                    }
                });
            }
        });
    open && !close
}

fn sheet_picker_ui(
    ui: &mut egui::Ui,
    state: &mut ImportState,
    ledger: &Ledger,
    today: Date,
    wake: impl Fn() + Send + Sync + 'static,
) {
    let Some(table) = &state.table else { return };
    let Some(note) = table.sheet_note() else { return };
    ui.label(note);
    let mut chosen = None;
    ui.horizontal(|ui| {
        ui.label(s::SHEET);
        for name in &table.sheet_names {
            if ui.selectable_label(*name == table.sheet, name).clicked() && *name != table.sheet {
                chosen = Some(name.clone());
            }
        }
    });
    if let Some(name) = chosen {
        state.read(Some(&name), ledger, today, wake);
    }
}

fn preview_ui(ui: &mut egui::Ui, preview: &Preview, existing: &[Member], with_duplicates: &mut bool) {
    ui.label(format!("表头在{}；{}。", preview.header_lines(), preview.summary()));
    ui.horizontal_wrapped(|ui| {
        ui.label(s::COLUMNS_UNDERSTOOD);
        for c in &preview.columns {
            match c.field {
                Some(field) => {
                    ui.label(format!("{}列“{}”→{}", c.letter(), c.header, field.label()));
                }
                None if c.is_serial() => {}
                None => {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{}列“{}”{}", c.letter(), c.header, s::NOT_IMPORTED),
                    );
                }
            }
        }
    });
    if !preview.skipped.is_empty() {
        let lines: Vec<String> = preview.skipped.iter().map(|r| r.reason.clone()).collect();
        let title = egui::RichText::new(s::SKIPPED_ROWS)
            .strong()
            .color(ui.visuals().error_fg_color);
        lines_ui(ui, "skipped_rows", title, &lines);
    }
    if !preview.not_members.is_empty() {
        let lines: Vec<String> = preview
            .not_members
            .iter()
            .map(|r| format!("第 {} 行（{}）：{}", r.line, r.kind, r.text))
            .collect();
        lines_ui(ui, "not_member_rows", egui::RichText::new(NOT_MEMBERS).strong(), &lines);
    }
    let updates: Vec<String> = preview
        .update_rows()
        .filter_map(|r| match &r.matched {
            Match::Update { changes, by, .. } => {
                let changes: Vec<String> = changes.iter().map(ToString::to_string).collect();
                Some(format!("{}（{}）：{}", r.heading(), by.label(), changes.join("，")))
            }
            _ => None,
        })
        .collect();
    if !updates.is_empty() {
        lines_ui(ui, "update_rows", egui::RichText::new(UPDATES).strong(), &updates);
    }
    let duplicates: Vec<String> = preview
        .duplicate_rows()
        .filter_map(|r| {
            r.duplicate_note(existing)
                .map(|note| format!("{}：{note}", r.heading()))
        })
        .collect();
    if !duplicates.is_empty() {
        let title = egui::RichText::new(DUPLICATES)
            .strong()
            .color(ui.visuals().warn_fg_color);
        lines_ui(ui, "duplicate_rows", title, &duplicates);
        ui.checkbox(with_duplicates, ADD_DUPLICATES);
    }
    ui.label(egui::RichText::new(s::ROWS_TO_IMPORT).strong());
    let height = (ui.available_height() - 40.0).max(140.0);
    TableBuilder::new(ui)
        .id_salt("import_rows")
        .striped(true)
        .max_scroll_height(height)
        .column(TableColumn::exact(66.0))
        .column(TableColumn::exact(60.0))
        .column(TableColumn::exact(80.0))
        .column(TableColumn::exact(36.0))
        .column(TableColumn::exact(96.0))
        .column(TableColumn::exact(96.0))
        .column(TableColumn::exact(80.0))
        .column(TableColumn::exact(80.0))
        .column(TableColumn::remainder().clip(true))
        .header(24.0, |mut header| {
            for title in [
                s::COL_LINE,
                COL_GROUP,
                s::COL_NAME,
                s::COL_GENDER,
                s::COL_BIRTH,
                s::COL_JOINED,
                s::COL_CATEGORY,
                s::COL_STATUS,
                s::CHECK_THESE,
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, preview.rows.len(), |mut row| {
                let r = &preview.rows[row.index()];
                let m = &r.member;
                let group = match r.matched {
                    Match::New => "新增",
                    Match::Update { .. } => "更新",
                    Match::Same { .. } => "相同",
                    Match::PossibleDuplicate { .. } => "可能重复",
                };
                let cells = [
                    r.line.to_string(),
                    group.to_owned(),
                    m.name.clone(),
                    m.gender.label().to_owned(),
                    show_opt(m.birth),
                    show_opt(m.joined),
                    m.category.map_or("", |c| c.label()).to_owned(),
                    m.status.label().to_owned(),
                ];
                for text in cells {
                    row.col(|ui| {
                        ui.label(text);
                    });
                }
                row.col(|ui| {
                    if !r.warnings.is_empty() {
                        ui.colored_label(ui.visuals().warn_fg_color, r.warnings.join("；"));
                    }
                });
            });
        });
}

/// A titled list of lines, scrolled when long.
fn lines_ui(ui: &mut egui::Ui, id: &str, title: egui::RichText, lines: &[String]) {
    ui.label(title);
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(110.0)
        .show(ui, |ui| {
            for line in lines {
                ui.label(line);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use std::time::{Duration, Instant};

    /// The dialog with what it needs, as the roster screen holds it.
    struct Dialog {
        import: ImportState,
        ledger: Ledger,
        actions: Vec<Action>,
    }

    fn dialog(read_with: ReadSheet) -> Harness<'static, Dialog> {
        let mut import = ImportState::opened();
        import.read_with = read_with;
        import.path = "/某处/名册.xlsx".to_owned();
        let state = Dialog {
            import,
            ledger: Ledger::default(),
            actions: Vec::new(),
        };
        let mut harness = Harness::builder()
            .with_size([1200.0, 800.0])
            .with_context_setup(crate::ui::fonts::install)
            .build_ui_state(
                |ui, d: &mut Dialog| {
                    let today = Date::constant(2026, 11, 24);
                    import_ui(ui.ctx(), &mut d.import, &d.ledger, today, &mut d.actions);
                },
                state,
            );
        harness.run_steps(2);
        harness
    }

    fn click(harness: &mut Harness<'static, Dialog>, label: &str) {
        harness
            .get_by_role_and_label(egui::accesskit::Role::Button, label)
            .click();
        harness.run_steps(2);
    }

    /// Set by [`reads_until_stopped`] once it saw its stop flag.
    static SAW_STOP: AtomicBool = AtomicBool::new(false);

    /// A reader of a sheet that never ends by itself.
    fn reads_until_stopped(path: &Path, _: Option<&str>, stop: &AtomicBool) -> Result<Table, ImportError> {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(1));
        }
        SAW_STOP.store(true, Ordering::Relaxed);
        Err(ImportError::Stopped { path: path.to_owned() })
    }

    fn panics(_: &Path, _: Option<&str>, _: &AtomicBool) -> Result<Table, ImportError> {
        panic!("a bug in a sheet reader")
    }

    #[test]
    fn a_long_read_shows_its_progress_and_cancel_stops_it_and_goes_back_to_the_file() {
        let mut harness = dialog(reads_until_stopped);
        click(&mut harness, s::READ_FILE);
        assert!(harness.state().import.busy());
        harness.get_by_label(READING);
        // The window goes on drawing while the sheet is read.
        harness.run_steps(5);
        assert!(harness.state().import.busy());

        click(&mut harness, STOP_READING);
        let import = &harness.state().import;
        assert!(!import.busy());
        assert_eq!((import.error.as_deref(), import.preview.is_none()), (None, true));
        assert_eq!(import.path, "/某处/名册.xlsx", "the file typed stays, to read again");
        assert!(harness.query_by_label(READING).is_none());
        let started = Instant::now();
        while !SAW_STOP.load(Ordering::Relaxed) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the reader was never stopped"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        // And the file can be read again.
        assert!(harness.query_by_label(s::READ_FILE).is_some());
    }

    #[test]
    fn a_panic_while_reading_is_a_message_and_the_window_goes_on() {
        let mut harness = dialog(panics);
        click(&mut harness, s::READ_FILE);
        let started = Instant::now();
        while harness.state().import.busy() {
            assert!(started.elapsed() < Duration::from_secs(10), "a lost read still runs");
            harness.step();
            std::thread::sleep(Duration::from_millis(5));
        }
        harness.run_steps(2);
        let shown = format!("{LOST}（/某处/名册.xlsx）");
        assert_eq!(harness.state().import.error.as_deref(), Some(shown.as_str()));
        harness.get_by_label(&shown);
        // Still a working dialog: reading again starts a new read.
        harness.state_mut().import.read_with = reads_until_stopped;
        click(&mut harness, s::READ_FILE);
        assert!(harness.state().import.busy());
        assert!(harness.state().import.error.is_none());
        click(&mut harness, STOP_READING);
    }
}
