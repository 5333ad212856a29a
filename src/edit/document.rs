//! The open ledger file: its records, undo and redo, and when it is saved.
//!
//! Every edit goes through [`Document::apply`], which snapshots the records
//! for undo and marks them unsaved; [`Document::tick`] saves about two
//! seconds after the last change (and retries a failed save), and
//! [`Document::save_now`] saves at once (Ctrl+S, closing the window).
//!
//! The autosave runs on a thread of its own with a copy of the records, so
//! the window never waits for the disk; Ctrl+S and closing wait for it and
//! then save what is left, on the spot. The copy costs next to nothing
//! (the records are in [`crate::model::Shared`] parts), and each save
//! writes out only the parts changed since the last one
//! ([`store::SaveMemory`]).
//!
//! When an autosave finishes on its thread, the document calls the wake
//! callback the window gave it ([`Document::wake_when_saved`]), so that the
//! top bar says "已保存" without waiting for the next input; the document
//! itself knows no window.
//!
//! A copy of the file goes into `backups/` at the first save, at every
//! Ctrl+S and on closing, and with an autosave only when the last copy is
//! [`BACKUP_EVERY`] old: the backups keep the last ten copies, and one copy
//! per autosave (every few seconds while typing) would have made those ten
//! cover a minute of work instead of most of an hour. A save whose copy
//! failed is still a save; the failure is kept as
//! [`Document::save_warning`] for the window to show, until a later save
//! keeps its copy again.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::job::{Job, Lost, Wake};
use crate::model::Ledger;
use crate::store;

use super::{Applied, Command};

/// Seconds of quiet after the last edit before an autosave.
pub const AUTOSAVE_DELAY: f64 = 2.0;
/// Seconds before a failed save is tried again.
pub const RETRY_DELAY: f64 = 10.0;
/// How many steps undo remembers.
pub const UNDO_DEPTH: usize = 100;
/// How old the last copy in `backups/` must be before an autosave keeps
/// another.
pub const BACKUP_EVERY: Duration = Duration::from_secs(5 * 60);
/// Seconds between looks at an autosave running on its thread.
const SAVE_POLL: f64 = 0.05;
/// The autosave thread's name.
const SAVE_THREAD: &str = "zhibu-autosave";
/// Said when the saving thread ended without an answer (it cannot, short
/// of a bug); the records are still in memory and saved again later.
const SAVE_THREAD_LOST: &str = "后台保存意外中断，修改仍在程序中，稍后自动重试";
/// Why a file saved by a newer version opens read-only; its format number
/// follows.
pub const NEWER_FORMAT: &str =
    "此台账由较新版本的程序保存，本程序只能查看、打印和导出，不能修改；请升级程序后再修改。文件格式 ";
/// What a window that could not lock its file does and can still do,
/// after the lock's own message (which says only who holds the file).
pub const READ_ONLY_HOW: &str = "本窗口以只读方式打开：可以查看、搜索、打印和导出";

/// What an autosave's thread sends back: the outcome, and the save memory
/// it was lent.
type SaveDone = (Result<store::Saved, String>, store::SaveMemory);

/// An autosave running on its thread.
struct Saving {
    /// The revision of the records it saves.
    revision: u64,
    job: Job<SaveDone>,
}

/// Where saving stands, as the top bar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Saved at this local time ("14:32").
    Saved(String),
    /// Edits not yet saved.
    Unsaved,
    /// The last save failed; the message says why (path last).
    Failed(String),
    /// Opened read-only; the message says why.
    ReadOnly(String),
}

/// A ledger file open in the program.
pub struct Document {
    pub ledger: Ledger,
    pub path: PathBuf,
    status: SaveStatus,
    /// The header last loaded or saved: a save refuses to overwrite a file
    /// that is not this one.
    header: Option<store::Header>,
    _lock: Option<store::LedgerLock>,
    dirty_since: Option<f64>,
    retry_at: Option<f64>,
    undo: Vec<(Ledger, String)>,
    redo: Vec<(Ledger, String)>,
    /// Counts every change of the records, so that screens can keep what
    /// they derive from them until the next change.
    revision: u64,
    saving: Option<Saving>,
    /// What the last save left for the next; with the saving thread while
    /// an autosave runs.
    memory: store::SaveMemory,
    /// When a save last kept a copy in `backups/`.
    backed_up: Option<Instant>,
    /// Called by the saving thread when its save is done (the window
    /// repaints, so that the top bar says "已保存" without waiting for the
    /// next input).
    wake: Option<Wake>,
    /// Whether the file on disk is a save of ours with no copy in
    /// `backups/` (an autosave between two copies).
    copy_behind: bool,
    /// Why the last saves, though done, deserve a warning: their copy in
    /// `backups/` failed, or the folder could not be synced. Kept until a
    /// save keeps its copy again without trouble.
    save_warning: Option<String>,
}

impl Document {
    /// Opens an existing file. If another copy of the program holds it, it
    /// opens read-only and says so.
    pub fn open(path: &Path) -> Result<Self, store::LoadError> {
        // A file that is not a ledger is refused before it is locked, so
        // that no lock file is left beside it.
        let lock = store::lock_ledger(path, store::User::Window)?;
        if let Ok(lock) = &lock {
            // A save killed half-way leaves a temp file; only ours, and only
            // while we hold the lock.
            if let Err(err) = store::clean_temp_files(lock) {
                eprintln!("{err}");
            }
        }
        let (loaded, memory) = match store::load_remembering(path) {
            Err(newer @ store::LoadError::NewerFormat { .. }) => {
                // Shown read-only, as far as this version understands it;
                // never saved (it would drop what this version does not know).
                let Ok(loaded) = store::load_newer(path) else {
                    return Err(newer);
                };
                let why = format!("{}{}", NEWER_FORMAT, loaded.header.format);
                let doc = Self::with(
                    path,
                    loaded.ledger,
                    Some(loaded.header),
                    None,
                    SaveStatus::ReadOnly(why),
                );
                return Ok(doc);
            }
            other => other?,
        };
        let (lock, status) = match lock {
            Ok(lock) => (Some(lock), SaveStatus::Saved(short_time(&loaded.header))),
            Err(err) => (None, SaveStatus::ReadOnly(read_only_why(&err))),
        };
        let mut doc = Self::with(path, loaded.ledger, Some(loaded.header), lock, status);
        // The first save reuses the text just read (issue 23).
        doc.memory = memory;
        if let Some(from) = loaded.upgraded_from
            && doc.is_writable()
        {
            match store::backup_before_upgrade(path, from) {
                Ok(_) => doc.dirty_since = Some(f64::NEG_INFINITY),
                Err(err) => {
                    doc.status = SaveStatus::ReadOnly(format!("升级前无法备份，为安全起见以只读方式打开：{err}"))
                }
            }
        }
        Ok(doc)
    }

    /// Creates a new file at `path` holding `ledger`. Refuses to replace an
    /// existing file.
    pub fn create(path: &Path, ledger: Ledger) -> Result<Self, String> {
        if path.exists() {
            return Err(format!("文件已存在，不会覆盖（{}）", path.display()));
        }
        // The lock makes the folder (through the store's file operations).
        let lock = store::lock(path).map_err(|e| e.to_string())?;
        let saved = store::save(path, &ledger, None).map_err(|e| e.to_string())?;
        let status = SaveStatus::Saved(short_time(&saved.header));
        let mut warnings = store::error::save_warnings(path, &saved);
        // The key that signs its exports; without it the first export
        // makes one.
        if let Err(e) = store::key::ensure_key(path) {
            warnings.push(e.to_string());
        }
        let mut doc = Self::with(path, ledger, Some(saved.header), Some(lock), status);
        if matches!(saved.backup, Ok(Some(_))) {
            doc.backed_up = Some(Instant::now());
        }
        doc.warn(warnings);
        Ok(doc)
    }

    fn with(
        path: &Path,
        ledger: Ledger,
        header: Option<store::Header>,
        lock: Option<store::LedgerLock>,
        status: SaveStatus,
    ) -> Self {
        Self {
            ledger,
            path: path.to_path_buf(),
            status,
            header,
            _lock: lock,
            dirty_since: None,
            retry_at: None,
            undo: Vec::new(),
            revision: 0,
            redo: Vec::new(),
            saving: None,
            memory: store::SaveMemory::default(),
            // Creating the file kept a copy; opening one did not.
            backed_up: None,
            copy_behind: false,
            wake: None,
            save_warning: None,
        }
    }

    /// A save went through, but its copy in `backups/` failed (or the
    /// folder could not be synced after it): what to tell the secretary,
    /// the ledger saved, why and the folder last. `None` once a later save
    /// kept its copy again.
    pub fn save_warning(&self) -> Option<&str> {
        self.save_warning.as_deref()
    }

    /// Keeps the warnings of a save that went through (none: nothing
    /// changes; a later good backup clears them, see [`Self::finish`]).
    fn warn(&mut self, warnings: Vec<String>) {
        if warnings.is_empty() {
            return;
        }
        let warning = warnings.join("；");
        eprintln!("{warning}");
        self.save_warning = Some(warning);
    }

    /// Where saving stands.
    pub fn status(&self) -> &SaveStatus {
        &self.status
    }

    /// Whether edits are allowed (not opened read-only).
    pub fn is_writable(&self) -> bool {
        !matches!(self.status, SaveStatus::ReadOnly(_))
    }

    /// The save counter of the file as this window last loaded or saved
    /// it.
    pub fn counter(&self) -> Option<u64> {
        self.header.as_ref().map(|h| h.counter)
    }

    /// Whether there are edits not yet on disk.
    pub fn has_unsaved(&self) -> bool {
        self.dirty_since.is_some()
    }

    /// Applies an edit at time `now` (seconds, any monotonic clock).
    pub fn apply(&mut self, command: Command, now: f64) -> Result<Applied, String> {
        if let SaveStatus::ReadOnly(why) = &self.status {
            return Err(format!("只读打开，不能修改：{why}"));
        }
        let before = self.ledger.clone();
        let description = command.describe();
        let applied = super::apply(&mut self.ledger, command)?;
        if self.ledger != before {
            self.undo.push((before, description));
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
            self.mark_dirty(now);
        }
        Ok(applied)
    }

    /// Changes with every edit, undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What undo would take back, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(_, d)| d.as_str())
    }

    /// What redo would do again, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(_, d)| d.as_str())
    }

    /// Takes back the last edit.
    pub fn undo(&mut self, now: f64) -> bool {
        let Some((previous, description)) = self.undo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.ledger, previous);
        self.redo.push((current, description));
        self.mark_dirty(now);
        true
    }

    /// Does the last undone edit again.
    pub fn redo(&mut self, now: f64) -> bool {
        let Some((next, description)) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.ledger, next);
        self.undo.push((current, description));
        self.mark_dirty(now);
        true
    }

    fn mark_dirty(&mut self, now: f64) {
        self.revision += 1;
        if self.is_writable() {
            self.dirty_since = Some(now);
            self.retry_at = None;
            if !matches!(self.status, SaveStatus::Failed(_)) {
                self.status = SaveStatus::Unsaved;
            }
        }
    }

    /// Saves now if there is anything to save, after waiting for an
    /// autosave still running, and keeps a copy in `backups/` (of the file
    /// as the last autosave left it, when there was nothing more to save).
    /// Returns whether the records on disk are now up to date (always, for
    /// a read-only window: it has nothing of its own to save).
    pub fn save_now(&mut self) -> bool {
        if !self.is_writable() {
            return true;
        }
        self.wait_for_save();
        if self.dirty_since.is_none() {
            if self.copy_behind
                && let Some(header) = &self.header
            {
                match store::keep_copy_of_last_save(&self.path, header) {
                    Ok(_) => {
                        self.copy_behind = false;
                        self.backed_up = Some(Instant::now());
                        self.save_warning = None;
                    }
                    Err(err) => {
                        let warning = store::error::backup_warning(&self.path, &err);
                        self.warn(vec![warning]);
                    }
                }
            }
            return true;
        }
        let revision = self.revision;
        let outcome = store::save_with(
            &self.path,
            &self.ledger,
            self.header.as_ref(),
            &mut self.memory,
            store::KeepBackup::Yes,
        )
        .map_err(|e| e.to_string());
        self.finish(outcome, revision)
    }

    /// Whether the next autosave keeps a copy in `backups/`.
    fn backup_due(&self) -> store::KeepBackup {
        match self.backed_up {
            Some(at) if at.elapsed() < BACKUP_EVERY => store::KeepBackup::No,
            _ => store::KeepBackup::Yes,
        }
    }

    /// Waits for an autosave running on its thread and takes in its result.
    pub fn wait_for_save(&mut self) {
        if let Some(saving) = self.saving.take() {
            let outcome = self.take_back(saving.job.wait());
            if !self.finish(outcome, saving.revision) {
                // Tried again at the next tick or save.
                self.retry_at = Some(f64::NEG_INFINITY);
            }
        }
    }

    /// Takes back the save memory lent to an autosave's thread, and gives
    /// its outcome.
    fn take_back(&mut self, done: Result<SaveDone, Lost>) -> Result<store::Saved, String> {
        match done {
            Ok((outcome, memory)) => {
                self.memory = memory;
                outcome
            }
            Err(Lost) => Err(SAVE_THREAD_LOST.to_owned()),
        }
    }

    /// Whether an autosave is running on its thread.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Takes in the result of a save of the records at `revision`. Edits
    /// made while it ran stay unsaved. Returns whether it succeeded.
    fn finish(&mut self, outcome: Result<store::Saved, String>, revision: u64) -> bool {
        match outcome {
            Ok(saved) => {
                let warnings = store::error::save_warnings(&self.path, &saved);
                match &saved.backup {
                    Ok(Some(_)) => {
                        self.backed_up = Some(Instant::now());
                        self.copy_behind = false;
                        if warnings.is_empty() {
                            self.save_warning = None;
                        }
                    }
                    Ok(None) | Err(_) => self.copy_behind = true,
                }
                self.warn(warnings);
                self.retry_at = None;
                if revision == self.revision {
                    self.status = SaveStatus::Saved(short_time(&saved.header));
                    self.dirty_since = None;
                } else {
                    self.status = SaveStatus::Unsaved;
                }
                self.header = Some(saved.header);
                true
            }
            Err(message) => {
                self.status = SaveStatus::Failed(message);
                false
            }
        }
    }

    /// Whether a wake callback is set ([`Document::wake_when_saved`]).
    pub fn wakes_when_saved(&self) -> bool {
        self.wake.is_some()
    }

    /// Sets what to call, from the saving thread, when an autosave is done
    /// (the window: a repaint).
    pub fn wake_when_saved(&mut self, wake: impl Fn() + Send + Sync + 'static) {
        self.wake = Some(Arc::new(wake));
    }

    /// Starts an autosave of a copy of the records on a thread.
    fn start_save(&mut self) {
        let ledger = self.ledger.clone();
        let path = self.path.clone();
        let header = self.header.clone();
        let keep = self.backup_due();
        // Lent to the thread and sent back with the result (a lost thread
        // loses only the memory: the next save then writes everything).
        let mut memory = std::mem::take(&mut self.memory);
        let work = move || {
            let outcome =
                store::save_with(&path, &ledger, header.as_ref(), &mut memory, keep).map_err(|e| e.to_string());
            (outcome, memory)
        };
        let job = match self.wake.clone() {
            Some(wake) => Job::start_waking(SAVE_THREAD, move || wake(), work),
            None => Job::start(SAVE_THREAD, work),
        };
        self.saving = Some(Saving {
            revision: self.revision,
            job,
        });
    }

    /// Autosaves when the last edit is [`AUTOSAVE_DELAY`] old, or retries a
    /// failed save, on a thread; takes in the result of one running.
    /// Returns how many seconds until it wants to run again.
    pub fn tick(&mut self, now: f64) -> Option<f64> {
        if let Some(saving) = &self.saving {
            let Some(done) = saving.job.poll() else {
                return Some(SAVE_POLL);
            };
            let revision = saving.revision;
            self.saving = None;
            let outcome = self.take_back(done);
            if !self.finish(outcome, revision) {
                self.retry_at = Some(now + RETRY_DELAY);
                return Some(RETRY_DELAY);
            }
        }
        let since = self.dirty_since?;
        let due = match self.retry_at {
            Some(retry) => retry,
            None => since + AUTOSAVE_DELAY,
        };
        if now < due {
            return Some(due - now);
        }
        if !self.is_writable() {
            return None;
        }
        self.start_save();
        Some(SAVE_POLL)
    }
}

impl Drop for Document {
    /// A save still running finishes before the lock is let go.
    fn drop(&mut self) {
        if let Some(saving) = self.saving.take() {
            // Only the waiting matters here: nobody is left to tell.
            saving.job.wait().ok();
        }
    }
}

/// Why a window that could not lock its file is read-only: the lock's
/// message, then what the window does, and how to get to edit when another
/// window or command holds the file.
fn read_only_why(err: &store::LockError) -> String {
    let store::LockError::HeldElsewhere { holder, .. } = err else {
        return format!("{err}。{READ_ONLY_HOW}");
    };
    let first = match holder {
        Some(store::Holder {
            user: store::User::CommandLine,
            ..
        }) => "等那个命令结束",
        Some(store::Holder {
            user: store::User::Window,
            place: store::Place::Other(_),
            ..
        }) => "在那台电脑上关闭那个窗口",
        Some(store::Holder {
            user: store::User::Window,
            place: store::Place::ThisComputer | store::Place::Unknown,
            ..
        })
        | None => "关闭那个窗口",
    };
    format!("{err}。{READ_ONLY_HOW}；要修改，请先{first}，再点左下角的“关闭台账”并重新打开")
}

/// "14:32", the time of a save as the top bar shows it.
fn short_time(header: &store::Header) -> String {
    header.saved_at.strftime("%H:%M").to_string()
}

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;
