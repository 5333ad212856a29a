//! 县级汇总: add export files (several at once, or a whole folder), see for
//! each whether it can be used and why not, and the county table — one row
//! per branch, sortable, branches behind the requirements highlighted, the
//! totals and averages at the bottom — then write it as a workbook.
//!
//! The roll-up runs on a thread so that five hundred files never freeze the
//! window; the screen shows how many files are done.
//!
//! Signatures are checked against the branches' keys remembered in
//! `县级汇总-公钥.ron` in the first folder added (or the folder of the
//! first file), the same file `zhibu county` uses for that folder
//! ([`crate::report::known_keys`]); a file that may have been changed is
//! listed in red, and 确认新密钥 beside it confirms a branch's new key
//! once, after the county has compared its fingerprint by telephone.
//!
//! The table is saved where the system's save dialog says (which asks
//! itself before replacing a file), but never over a ledger, the open
//! ledger or an export file rolled up ([`crate::report::output_path`]).
//! The table written shows under the 导出汇总表… row: its path to copy,
//! 打开文件 and 打开所在文件夹.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::job::{Job, Lost};
use crate::report::county::groups::Grouping;
use crate::report::county::{Column, FileStatus, RollUp, roll_up_remembering, scan_folder};
use crate::report::known_keys::keys_path;
use crate::report::sheet::Value;
use crate::report::{OutputRules, Replace};
use crate::ui::prefs::CountyKept;
use crate::ui::system::{FileActions, FileWords, written_file_ui};
use crate::ui::widgets::{field_message_ui, sort_header_ui};

pub const ADD_FILES: &str = "添加导出文件…";
pub const ADD_FOLDER: &str = "添加文件夹…";
pub const FOLDER: &str = "文件夹";
pub const ADD_TYPED_FOLDER: &str = "添加此文件夹";
pub const CLEAR: &str = "清空";
pub const SAVE_TABLE: &str = "导出汇总表…";
pub const BEHIND_LEGEND: &str = "高亮的支部未达到活动要求，原因见“未达要求”一列。";
pub const ACCEPT_KEY: &str = "确认新密钥";
const NO_FILES: &str = "尚未添加导出文件。可一次选择多个文件，或添加一个文件夹（连同子文件夹中的 *.zhibu-export.ron 导出文件和 *.zhibu-rollup.ron 汇总文件）。";
const NO_EXPORTS_IN: &str = "文件夹中没有导出文件或汇总文件";
const FOLDERS: &str = "各文件夹找到的文件";
const WORKING: &str = "正在检查导出文件";
const FILE_CHECKS: &str = "文件检查";
const SAVED: FileWords = FileWords {
    written: "已导出汇总表：",
    not_opened: "无法用系统程序打开这个汇总表，请在文件夹中双击打开：",
    pending: "导出汇总表后，这里显示它的位置，可直接打开文件或所在文件夹。",
};
const LOST: &str = "汇总未完成：后台任务意外中止，请重新添加文件或文件夹";

/// A roll-up running on its thread, and how far it got.
struct Running {
    /// Files checked so far.
    done: Arc<AtomicUsize>,
    total: usize,
    job: Job<Result<RollUp, String>>,
}

/// The tab's state.
#[derive(Default)]
pub struct CountyState {
    /// The files chosen, in the order added, without repeats.
    pub files: Vec<PathBuf>,
    /// A folder typed by hand (the same as 添加文件夹…).
    pub folder: String,
    pub rollup: Option<RollUp>,
    pub sort: Option<Column>,
    pub descending: bool,
    /// The last message: text and whether it is an error.
    pub message: Option<(String, bool)>,
    /// The ledger open in the window, if any: never written over.
    pub ledger: Option<PathBuf>,
    /// The county workbook written last.
    pub saved: Option<PathBuf>,
    /// The system's answer to opening it, or its folder.
    pub file: FileActions,
    /// Where the branches' keys are remembered: beside what was added
    /// first.
    pub keys_file: Option<PathBuf>,
    /// Branches whose new key the user confirmed, for the next roll-up
    /// only.
    pub accept: Vec<String>,
    /// Each folder added, with the folders in it that hold files and how
    /// many ([`crate::report::county::FolderScan::per_folder`]), in the order added.
    pub folders: Vec<(PathBuf, Vec<(PathBuf, usize)>)>,
    running: Option<Running>,
    /// The 意见总账 and the county report ([`super::county_opinions`]).
    pub opinions: super::county_opinions::CountyOpinionsState,
    /// The folders and files kept from the last run, added again when the
    /// tab is first shown ([`CountyState::restore`]).
    restoring: Option<(Vec<PathBuf>, Vec<PathBuf>)>,
}

impl CountyState {
    /// The folders and the files outside them to keep, borrowed: the ones
    /// still to be added again if the tab was not shown since the start.
    fn kept_paths(&self) -> (Vec<&Path>, Vec<&Path>) {
        match &self.restoring {
            Some((folders, files)) => (
                folders.iter().map(PathBuf::as_path).collect(),
                files.iter().map(PathBuf::as_path).collect(),
            ),
            None => {
                let folders: Vec<&Path> = self.folders.iter().map(|(f, _)| f.as_path()).collect();
                let files = self
                    .files
                    .iter()
                    .map(PathBuf::as_path)
                    .filter(|f| !folders.iter().any(|d| f.starts_with(d)))
                    .collect();
                (folders, files)
            }
        }
    }

    /// Whether `kept` is what the tab holds now (asked every frame, so it
    /// copies nothing).
    pub fn is_kept_as(&self, kept: &CountyKept) -> bool {
        let (folders, files) = self.kept_paths();
        self.opinions.office == kept.office
            && self.folder == kept.folder
            && folders.iter().copied().eq(kept.folders.iter().map(PathBuf::as_path))
            && files.iter().copied().eq(kept.files.iter().map(PathBuf::as_path))
    }

    /// What the tab holds that is to survive the window: what was typed
    /// and what was added.
    pub fn kept(&self) -> CountyKept {
        let (folders, files) = self.kept_paths();
        CountyKept {
            office: self.opinions.office.clone(),
            folder: self.folder.clone(),
            folders: folders.into_iter().map(Path::to_path_buf).collect(),
            files: files.into_iter().map(Path::to_path_buf).collect(),
        }
    }

    /// Takes back what [`CountyState::kept`] gave: the text at once, the
    /// folders and files when the tab is first shown (no roll-up runs for
    /// a secretary who never opens it).
    pub fn restore(&mut self, kept: CountyKept) {
        self.opinions.office = kept.office;
        self.folder = kept.folder;
        if !kept.folders.is_empty() || !kept.files.is_empty() {
            self.restoring = Some((kept.folders, kept.files));
        }
    }

    /// Adds again the folders and files kept from the last run.
    fn resume(&mut self) {
        let Some((folders, files)) = self.restoring.take() else {
            return;
        };
        for folder in &folders {
            self.add_folder(folder);
        }
        let files: Vec<PathBuf> = files.into_iter().filter(|f| !self.files.contains(f)).collect();
        if !files.is_empty() {
            self.add_files(files);
        }
    }

    /// Adds files (ignoring ones already there) and starts a new roll-up.
    pub fn add_files(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut paths = paths.into_iter().peekable();
        if self.keys_file.is_none()
            && let Some(first) = paths.peek()
        {
            self.keys_file = Some(keys_path(first));
        }
        for path in paths {
            if !self.files.contains(&path) {
                self.files.push(path);
            }
        }
        self.start();
    }

    /// Adds every export and roll-up file in `folder` and its subfolders.
    pub fn add_folder(&mut self, folder: &Path) {
        match scan_folder(folder) {
            Ok(scan) if scan.files.is_empty() => {
                self.message = Some((format!("{NO_EXPORTS_IN}（{}）", folder.display()), true));
            }
            Ok(scan) => {
                self.message = scan.unreadable.first().map(|(dir, why)| {
                    let more = scan.unreadable.len() - 1;
                    let more = if more > 0 {
                        format!("（另有 {more} 个）")
                    } else {
                        String::new()
                    };
                    (format!("无法读取子文件夹{more}：{why}（{}）", dir.display()), true)
                });
                if self.keys_file.is_none() {
                    self.keys_file = Some(keys_path(folder));
                }
                self.folders.retain(|(f, _)| f != folder);
                self.folders.push((folder.to_owned(), scan.per_folder));
                self.add_files(scan.files);
            }
            Err(e) => {
                self.message = Some((
                    format!(
                        "无法读取文件夹：{}（{}）",
                        crate::store::error::os_words(&e),
                        folder.display()
                    ),
                    true,
                ))
            }
        }
    }

    /// Whether a roll-up is running.
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// Waits for the running roll-up (tests; the window polls instead).
    pub fn wait(&mut self) {
        if let Some(running) = self.running.take() {
            self.take(running.job.wait());
        }
    }

    /// Writes the county workbook to `path`, as the system's save dialog
    /// chose it: an existing file there is replaced (the dialog has asked),
    /// unless it is a ledger or a file rolled up.
    pub fn save_table(&mut self, path: &Path) {
        let Some(rollup) = &self.rollup else { return };
        let mut rules = OutputRules::new().replacing(Replace::Yes);
        rules.ledger = self.ledger.clone();
        self.file.forget();
        match rollup.write(path, &rules) {
            Ok(()) => {
                self.message = None;
                self.saved = Some(path.to_path_buf());
            }
            Err(e) => {
                // The row of an earlier table would read as this one's.
                self.saved = None;
                self.message = Some((e.to_string(), true));
            }
        }
    }

    /// Confirms the new key of `branch` and rolls up again.
    pub fn accept_key(&mut self, branch: &str) {
        self.accept.push(branch.to_owned());
        self.start();
    }

    fn start(&mut self) {
        let files = self.files.clone();
        let done = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&done);
        let keys = self
            .keys_file
            .clone()
            .or_else(|| files.first().map(|f| keys_path(f)))
            .unwrap_or_default();
        // Confirmed once: a later file of another key is asked about again.
        let accept = std::mem::take(&mut self.accept);
        // A newer roll-up replaces this one's job; its result is then dropped.
        let job = Job::start("zhibu-county", move || {
            roll_up_remembering(&files, &keys, &accept, |n| {
                counter.fetch_max(n, Ordering::Relaxed);
            })
            .map_err(|e| e.to_string())
        });
        self.running = Some(Running {
            done,
            total: self.files.len(),
            job,
        });
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let Some(running) = &self.running else { return };
        match running.job.poll() {
            Some(answer) => {
                self.running = None;
                self.take(answer);
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
        }
    }

    /// Takes in a finished roll-up, or says it was lost.
    fn take(&mut self, answer: Result<Result<RollUp, String>, Lost>) {
        match answer {
            Ok(Ok(rollup)) => {
                if let Some(warning) = &rollup.keys_warning {
                    self.message = Some((warning.clone(), true));
                }
                self.rollup = Some(rollup);
            }
            Ok(Err(keys)) => {
                self.rollup = None;
                self.message = Some((keys, true));
            }
            Err(Lost) => self.message = Some((LOST.to_owned(), true)),
        }
    }

    /// The branch rows in the chosen order.
    fn order(&self, rollup: &RollUp) -> Vec<usize> {
        let mut order: Vec<usize> = (0..rollup.rows.len()).collect();
        if let Some(column) = self.sort {
            order.sort_by(|&a, &b| compare(&column.value(&rollup.rows[a]), &column.value(&rollup.rows[b])));
            if self.descending {
                order.reverse();
            }
        }
        order
    }
}

/// Numbers by value, words by text, empty cells last.
fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering::{Greater, Less};
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
        (Value::Empty, Value::Empty) => std::cmp::Ordering::Equal,
        (Value::Empty, _) => Greater,
        (_, Value::Empty) => Less,
        _ => a.text().cmp(&b.text()),
    }
}

/// The tab; `ledger` is the file open in the window, if any.
pub(super) fn county_ui(ui: &mut egui::Ui, state: &mut CountyState, ledger: Option<&Path>) {
    state.ledger = ledger.map(Path::to_path_buf);
    state.resume();
    state.poll(ui.ctx());
    ui.horizontal(|ui| {
        if ui.button(ADD_FILES).clicked()
            && let Some(files) = rfd::FileDialog::new()
                .add_filter("支部台账导出文件", &["ron"])
                .pick_files()
        {
            state.add_files(files);
        }
        if ui.button(ADD_FOLDER).clicked()
            && let Some(folder) = rfd::FileDialog::new().pick_folder()
        {
            state.add_folder(&folder);
        }
        let label = ui.label(FOLDER);
        ui.add(egui::TextEdit::singleline(&mut state.folder).desired_width(260.0))
            .labelled_by(label.id);
        if ui.button(ADD_TYPED_FOLDER).clicked() && !state.folder.trim().is_empty() {
            let folder = PathBuf::from(state.folder.trim());
            state.add_folder(&folder);
        }
        if ui.button(CLEAR).clicked() {
            *state = CountyState {
                ledger: state.ledger.take(),
                ..CountyState::default()
            };
        }
    });
    if let Some((message, error)) = &state.message {
        field_message_ui(ui, message, *error);
    }
    if let Some(running) = &state.running {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!(
                "{WORKING} {}/{}",
                running.done.load(Ordering::Relaxed),
                running.total
            ));
        });
    }
    if state.files.is_empty() {
        ui.label(NO_FILES);
        return;
    }
    folders_ui(ui, &state.folders);
    let Some(rollup) = state.rollup.take() else { return };
    let mut accept = None;
    let suspects = rollup.suspects();
    if suspects > 0 {
        let words = format!("{suspects} 个文件可能被改动，未计入汇总：原因和处理办法见下面的“{FILE_CHECKS}”。");
        field_message_ui(ui, &words, true);
    }
    ui.collapsing(format!("{FILE_CHECKS}（{} 个文件）", rollup.files.len()), |ui| {
        egui::ScrollArea::vertical()
            .id_salt("county_files")
            .max_height(160.0)
            .show(ui, |ui| {
                for file in &rollup.files {
                    let name = file
                        .path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    ui.horizontal(|ui| {
                        ui.label(name).on_hover_text(file.path.display().to_string());
                        match file.status {
                            FileStatus::Used => ui.label(file.status_text()),
                            FileStatus::Replaced { .. } | FileStatus::NoneUsed => {
                                ui.colored_label(ui.visuals().warn_fg_color, file.status_text())
                            }
                            FileStatus::Rejected(_) => {
                                ui.colored_label(ui.visuals().error_fg_color, file.status_text())
                            }
                            FileStatus::Suspect(_) => {
                                // Before the long reason, so that it is always in view.
                                let confirm = ui
                                    .button(ACCEPT_KEY)
                                    .on_hover_text("先电话向支部核对指纹；确认后采用该支部最新一份导出文件的密钥");
                                if confirm.clicked() {
                                    accept = file.branch.clone();
                                }
                                ui.colored_label(ui.visuals().error_fg_color, file.status_text())
                            }
                        };
                    });
                }
            });
    })
    .header_response
    .on_hover_text("每个文件的检查结果");
    if let Some(keys) = &rollup.keys_file {
        ui.weak(format!("各支部公钥记在：{}", keys.display()));
    }
    let mut save_to = None;
    if !rollup.rows.is_empty() {
        ui.horizontal(|ui| {
            ui.label(format!("{} 个支部。{BEHIND_LEGEND}", rollup.rows.len()));
            if ui.button(SAVE_TABLE).clicked() {
                save_to = rfd::FileDialog::new()
                    .add_filter("Excel 工作簿", &["xlsx"])
                    .set_file_name("县级汇总.xlsx")
                    .save_file();
            }
        });
        written_file_ui(ui, state.saved.as_deref(), &mut state.file, &SAVED);
        super::county_opinions::county_extras_ui(ui, &rollup, &mut state.opinions, state.ledger.as_deref());
        for by in [Grouping::Superior, Grouping::RollUpFile] {
            if by == Grouping::Superior || rollup.has_rolled_rows() {
                subtotals_ui(ui, &rollup, by);
            }
        }
        table_ui(ui, &rollup, state);
    }
    state.rollup = Some(rollup);
    if let Some(path) = save_to {
        state.save_table(&path);
    }
    if let Some(branch) = accept {
        state.accept_key(&branch);
    }
}

/// How many files each folder added held, and in which of its subfolders.
fn folders_ui(ui: &mut egui::Ui, folders: &[(PathBuf, Vec<(PathBuf, usize)>)]) {
    if folders.is_empty() {
        return;
    }
    ui.collapsing(FOLDERS, |ui| {
        for (folder, per_folder) in folders {
            let total: usize = per_folder.iter().map(|(_, n)| n).sum();
            ui.label(format!("文件夹 {}：找到 {total} 个文件", folder.display()));
            if per_folder.len() > 1 || per_folder.first().is_some_and(|(f, _)| f != folder) {
                for (sub, n) in per_folder {
                    let shown = sub.strip_prefix(folder).unwrap_or(sub);
                    let shown = if shown.as_os_str().is_empty() {
                        "（本文件夹）".to_owned()
                    } else {
                        shown.display().to_string()
                    };
                    ui.weak(format!("　{shown}：{n} 个"));
                }
            }
        }
    });
}

/// The 小计 and 平均 of each group (上级党委, or roll-up file), one table.
fn subtotals_ui(ui: &mut egui::Ui, rollup: &RollUp, by: Grouping) {
    let lines: Vec<Vec<Value>> = rollup.subtotals(by).into_iter().flat_map(|(_, lines)| lines).collect();
    ui.collapsing(format!("{}小计", by.title()), |ui| {
        egui::ScrollArea::horizontal().id_salt(by.title()).show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt((by.title(), "table"))
                .striped(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .max_scroll_height(240.0)
                .auto_shrink([false, true]);
            for column in Column::ALL {
                let width = match column {
                    Column::Branch | Column::Behind => 240.0,
                    Column::Superior => 140.0,
                    _ => 72.0,
                };
                table = table.column(TableColumn::initial(width).at_least(40.0).clip(true).resizable(true));
            }
            table
                .header(26.0, |mut header| {
                    for column in Column::ALL {
                        header.col(|ui| {
                            ui.strong(column.title());
                        });
                    }
                })
                .body(|body| {
                    body.rows(24.0, lines.len(), |mut row| {
                        let strong = row.index() % 2 == 0;
                        for value in &lines[row.index()] {
                            row.col(|ui| {
                                let text = egui::RichText::new(value.text());
                                ui.label(if strong { text.strong() } else { text })
                                    .on_hover_text(value.text());
                            });
                        }
                    });
                });
            name_handles(ui, (by.title(), "table"));
        });
    });
}

/// Names the column resize handles of a county table built with `salt`.
fn name_handles(ui: &egui::Ui, salt: impl egui::AsIdSalt) {
    let columns = Column::ALL.iter().enumerate().map(|(i, c)| (i, c.title()));
    crate::ui::screens::a11y::name_column_handles(ui, salt, columns);
}

fn table_ui(ui: &mut egui::Ui, rollup: &RollUp, state: &mut CountyState) {
    let order = state.order(rollup);
    let totals = [rollup.totals(), rollup.averages()];
    egui::ScrollArea::horizontal().show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("county_table")
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .auto_shrink(false);
        for column in Column::ALL {
            let width = match column {
                Column::Branch | Column::Behind => 200.0,
                Column::Superior => 140.0,
                _ => 72.0,
            };
            table = table.column(TableColumn::initial(width).at_least(40.0).clip(true).resizable(true));
        }
        let mut sort = state.sort;
        let mut descending = state.descending;
        table
            .header(26.0, |mut header| {
                for column in Column::ALL {
                    header.col(|ui| sort_header_ui(ui, column.title(), Some(column), &mut sort, &mut descending));
                }
            })
            .body(|body| {
                body.rows(24.0, order.len() + 2, |mut row| {
                    let i = row.index();
                    let values: Vec<Value> = match order.get(i) {
                        Some(&r) => Column::ALL.iter().map(|c| c.value(&rollup.rows[r])).collect(),
                        None => totals[i - order.len()].clone(),
                    };
                    let behind = order
                        .get(i)
                        .map(|&r| rollup.rows[r].behind.join("；"))
                        .filter(|why| !why.is_empty());
                    let strong = i >= order.len();
                    for value in values {
                        row.col(|ui| {
                            if behind.is_some() {
                                // A warning tint, not the selection colour:
                                // nothing here is selected.
                                let gap = egui::vec2(ui.spacing().item_spacing.x, 0.0);
                                let tint = ui.visuals().panel_fill.lerp_to_gamma(ui.visuals().warn_fg_color, 0.16);
                                ui.painter().rect_filled(ui.max_rect().expand2(gap), 0.0, tint);
                            }
                            let text = egui::RichText::new(value.text());
                            let label = ui.label(if strong { text.strong() } else { text });
                            if let Some(why) = &behind {
                                label.on_hover_text(format!("未达要求：{why}"));
                            }
                        });
                    }
                });
            });
        name_handles(ui, "county_table");
        state.sort = sort;
        state.descending = descending;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roll_up_lost_on_its_thread_says_so_instead_of_working_forever() {
        let mut state = CountyState {
            running: Some(Running {
                done: Arc::new(AtomicUsize::new(0)),
                total: 1,
                job: Job::start("test-county", || panic!("a bug in the roll-up")),
            }),
            ..CountyState::default()
        };
        state.wait();
        assert!(!state.busy());
        assert!(state.rollup.is_none());
        assert_eq!(state.message, Some((LOST.to_owned(), true)));
    }
}
