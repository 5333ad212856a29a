//! Handing a file to the system — a PDF to its viewer, a workbook to its
//! spreadsheet program, a folder to the file manager — and the row a
//! screen shows under a file it wrote: the path, selectable for copying,
//! 打开文件, 打开所在文件夹, and in words when the system could not open it.
//!
//! On Windows through `ShellExecuteW`, as Explorer's double-click does: no
//! `cmd /C start`, which opens a console window for a moment and reads
//! `&`, `^` and `%` in a file name as its own syntax; the folder through
//! `explorer.exe /select,` started directly, so that the file is selected
//! in it. Elsewhere `open` (macOS) or `xdg-open`, with the path as one
//! argument, never through a shell.
//!
//! `xdg-open` says that no program could open the file only by its exit
//! (it is missing, or exits non-zero), so [`open`] waits for that exit, a
//! few seconds at most, and the screens call it on a [`Job`] thread
//! ([`FileActions`]): the window goes on drawing meanwhile.

use std::path::Path;
#[cfg(not(windows))]
use std::time::Duration;

use crate::job::Job;

/// How long `xdg-open` / `open` may take to answer. One still running
/// after that has handed the file to a program that stays open (some
/// desktops run the viewer in its place): it is taken as opened.
#[cfg(not(windows))]
const ANSWER_WITHIN: Duration = Duration::from_secs(4);

/// Why the system could not open a file, as a reason for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotOpened(pub String);

/// Opens `path` (a file or a folder) with the program the system has for
/// it, and says whether that worked. Waits up to [`ANSWER_WITHIN`] for
/// the answer: call it off the window's thread ([`FileActions`]).
pub fn open(path: &Path) -> Result<(), NotOpened> {
    #[cfg(windows)]
    {
        shell_execute(path)
    }
    #[cfg(not(windows))]
    {
        let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
        run_and_wait(std::process::Command::new(program).arg(path), program)
    }
}

/// Shows the folder `path` is in, with `path` selected where the file
/// manager can do that (Explorer); elsewhere opens the folder.
pub fn show_in_folder(path: &Path) -> Result<(), NotOpened> {
    #[cfg(windows)]
    {
        explorer_select(path)
    }
    #[cfg(not(windows))]
    {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        open(folder)
    }
}

/// Starts `command` and waits for its exit, at most [`ANSWER_WITHIN`]; a
/// program still running then is left to finish on a thread of its own.
#[cfg(not(windows))]
fn run_and_wait(command: &mut std::process::Command, program: &str) -> Result<(), NotOpened> {
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => NotOpened(format!("系统中没有 {program}")),
            _ => NotOpened(format!("无法启动 {program}：{}", crate::store::error::os_words(&e))),
        })?;
    let deadline = std::time::Instant::now() + ANSWER_WITHIN;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let code = status
                    .code()
                    .map_or_else(|| "被中止".to_owned(), |c| format!("退出码 {c}"));
                return Err(NotOpened(format!("{program} 没有找到能打开它的程序（{code}）")));
            }
            Ok(None) if std::time::Instant::now() < deadline => std::thread::sleep(Duration::from_millis(40)),
            // Still running (or not to be asked): the file went to a
            // program. It is waited for on a thread, so that it leaves no
            // defunct process behind; a thread that cannot start leaves
            // one until this program ends, which harms nothing.
            Ok(None) | Err(_) => {
                crate::job::spawn_named("zhibu-viewer-wait", move || child.wait()).ok();
                return Ok(());
            }
        }
    }
}

#[cfg(windows)]
fn wide(s: &std::ffi::OsStr) -> Vec<u16> {
    use std::os::windows::ffi::OsStrExt;
    s.encode_wide().chain(std::iter::once(0)).collect()
}

#[cfg(windows)]
fn shell_execute(path: &Path) -> Result<(), NotOpened> {
    use windows_sys::Win32::UI::Shell::ShellExecuteW;
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;

    let verb = wide(std::ffi::OsStr::new("open"));
    let file = wide(path.as_os_str());
    // SAFETY: the strings are NUL-terminated UTF-16 buffers alive for the
    // call; the window, parameters and folder may be null.
    let result = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_SHOWNORMAL,
        )
    };
    // Values above 32 mean success (the function's documented contract).
    match result as usize {
        n if n > 32 => Ok(()),
        // SE_ERR_NOASSOC and SE_ERR_ASSOCINCOMPLETE: no program for the type.
        31 | 27 => Err(NotOpened("系统中没有能打开这类文件的程序".to_owned())),
        // ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND.
        2 | 3 => Err(NotOpened("文件已不在此处".to_owned())),
        n => Err(NotOpened(format!("ShellExecuteW 返回 {n}"))),
    }
}

/// `explorer.exe /select,"<path>"`, started directly (no `cmd`, so no
/// console window). Explorer reads that argument itself, not as the C
/// runtime does, so it is passed as written; a Windows path cannot hold
/// `"`. Explorer exits with 1 even when it worked: only a failure to start
/// it counts, and then the folder is opened the other way.
#[cfg(windows)]
fn explorer_select(path: &Path) -> Result<(), NotOpened> {
    use std::os::windows::process::CommandExt;
    // Explorer selects nothing in a relative path or one with `/`.
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let full: std::path::PathBuf = full.components().collect();
    let mut argument = std::ffi::OsString::from("/select,\"");
    argument.push(full.as_os_str());
    argument.push("\"");
    let started = std::process::Command::new("explorer.exe")
        .raw_arg(argument)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match started {
        Ok(_) => Ok(()),
        Err(_) => match full.parent() {
            Some(folder) => shell_execute(folder),
            None => shell_execute(&full),
        },
    }
}

/// The words of a written file's row, by the kind of file.
#[derive(Debug, Clone, Copy)]
pub struct FileWords {
    /// Before the path once written: "已生成 PDF：".
    pub written: &'static str,
    /// In place of `written` when the system could not open the file.
    pub not_opened: &'static str,
    /// Before anything is written, in grey: where the file will show.
    pub pending: &'static str,
}

/// 打开文件 under a written file.
pub const OPEN_FILE: &str = "打开文件";
/// 打开所在文件夹 under a written file.
pub const OPEN_FOLDER: &str = "打开所在文件夹";
const FOLDER_NOT_OPENED: &str = "无法打开所在文件夹，请在文件管理器中找到：";

/// What was asked of the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    File,
    Folder,
}

/// What a screen keeps for a file it wrote: the system's answer to the
/// last 打开文件 or 打开所在文件夹, or the job waiting for it.
#[derive(Default)]
pub struct FileActions {
    waiting: Option<(Asked, Job<Result<(), NotOpened>>)>,
    failed: Option<(Asked, NotOpened)>,
}

impl std::fmt::Debug for FileActions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileActions")
            .field("waiting", &self.waiting.as_ref().map(|(asked, _)| asked))
            .field("failed", &self.failed)
            .finish()
    }
}

impl FileActions {
    /// Opens `path` with the system's program for it, on a thread; the
    /// window is repainted when the answer is in.
    pub fn open_file(&mut self, path: &Path, ctx: &egui::Context) {
        self.start(Asked::File, path, ctx);
    }

    /// Shows the folder of `path` (the file selected where possible).
    pub fn show_folder(&mut self, path: &Path, ctx: &egui::Context) {
        self.start(Asked::Folder, path, ctx);
    }

    /// Forgets the last answer (a new file was written).
    pub fn forget(&mut self) {
        *self = Self::default();
    }

    /// Whether the system's answer is still awaited.
    pub fn waiting(&self) -> bool {
        self.waiting.is_some()
    }

    /// Why the system could not open the file or its folder, last asked.
    pub fn failure(&self) -> Option<&NotOpened> {
        self.failed.as_ref().map(|(_, why)| why)
    }

    fn start(&mut self, asked: Asked, path: &Path, ctx: &egui::Context) {
        let path = path.to_path_buf();
        let ctx = ctx.clone();
        let job = Job::start_waking(
            "zhibu-open",
            move || ctx.request_repaint(),
            move || match asked {
                Asked::File => open(&path),
                Asked::Folder => show_in_folder(&path),
            },
        );
        self.failed = None;
        self.waiting = Some((asked, job));
    }

    fn poll(&mut self) {
        let Some((asked, job)) = &self.waiting else { return };
        let Some(answer) = job.poll() else { return };
        let asked = *asked;
        self.waiting = None;
        self.failed = match answer {
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some((asked, why)),
            Err(lost) => Some((asked, NotOpened(lost.to_string()))),
        };
    }
}

/// The height of one row of [`written_file_ui`], kept before anything is
/// written so that nothing below moves when the row appears.
pub fn row_height(ui: &egui::Ui) -> f32 {
    ui.spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body))
        + 6.0
}

/// The row under a written file: "已生成 PDF：" (or why the system could
/// not open it), the path to copy, 打开文件 and 打开所在文件夹. With no
/// file yet the row's place is kept empty.
pub fn written_file_ui(ui: &mut egui::Ui, path: Option<&Path>, actions: &mut FileActions, words: &FileWords) {
    actions.poll();
    row_ui(ui, |ui| {
        let Some(path) = path else {
            // Truncated, so that the row keeps its one line's height.
            ui.add(egui::Label::new(egui::RichText::new(words.pending).weak()).truncate());
            return;
        };
        let caption = match &actions.failed {
            Some((Asked::File, _)) => egui::RichText::new(words.not_opened).color(ui.visuals().error_fg_color),
            Some((Asked::Folder, _)) => egui::RichText::new(FOLDER_NOT_OPENED).color(ui.visuals().error_fg_color),
            None => egui::RichText::new(words.written),
        };
        let caption = ui.label(caption);
        if let Some((_, why)) = &actions.failed {
            caption.clone().on_hover_text(why.to_string());
        }
        // The two buttons take about 230 points at the right.
        let width = (ui.available_width() - 230.0).max(160.0);
        path_field_ui(ui, path, width).labelled_by(caption.id);
        if ui.button(OPEN_FILE).clicked() {
            actions.open_file(path, ui.ctx());
        }
        if ui.button(OPEN_FOLDER).clicked() {
            actions.show_folder(path, ui.ctx());
        }
    });
}

/// A further file written beside the first (the export file beside the
/// workbook): its caption and its path to copy, on a row of its own.
pub fn path_row_ui(ui: &mut egui::Ui, caption: &str, path: Option<&Path>) {
    row_ui(ui, |ui| {
        let Some(path) = path else { return };
        let caption = ui.label(caption);
        let width = (ui.available_width() - 230.0).max(160.0);
        path_field_ui(ui, path, width).labelled_by(caption.id);
    });
}

/// One row of [`row_height`], drawn by `content` (which may draw nothing).
fn row_ui(ui: &mut egui::Ui, content: impl FnOnce(&mut egui::Ui)) {
    let size = egui::vec2(ui.available_width(), row_height(ui));
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        ui.set_min_size(size);
        content(ui);
    });
}

/// The path as a read-only text field: selectable, Ctrl+A and Ctrl+C copy
/// it whole, and it shows as a field a user can click into.
fn path_field_ui(ui: &mut egui::Ui, path: &Path, width: f32) -> egui::Response {
    let text = path.display().to_string();
    let mut shown = text.as_str();
    ui.add(egui::TextEdit::singleline(&mut shown).desired_width(width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn a_program_that_is_not_there_is_said_by_name() {
        let answer = run_and_wait(
            &mut std::process::Command::new("zhibu-no-such-viewer"),
            "zhibu-no-such-viewer",
        );
        assert_eq!(answer, Err(NotOpened("系统中没有 zhibu-no-such-viewer".to_owned())));
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn a_program_exiting_non_zero_is_a_failure_and_zero_a_success() {
        let failed = run_and_wait(std::process::Command::new("sh").args(["-c", "exit 3"]), "xdg-open");
        assert_eq!(
            failed,
            Err(NotOpened("xdg-open 没有找到能打开它的程序（退出码 3）".to_owned()))
        );
        assert_eq!(
            run_and_wait(&mut std::process::Command::new("true"), "xdg-open"),
            Ok(())
        );
    }
}
