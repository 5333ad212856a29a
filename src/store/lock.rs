//! One user at a time: a lock file beside the ledger
//! (`支部台账.ron.lock`), held with an OS file lock for the whole session
//! of a window or a command.
//!
//! The lock belongs to the open file (flock on Unix, `LockFileEx` on
//! Windows), so the OS releases it when the window closes or crashes; a
//! left-over lock file means nothing. The file is never deleted: deleting
//! races with a window that is just opening it.
//!
//! The holder writes a note into the file: who it is (a window or the
//! command line), the computer's name, the process id and since when, as
//! Chinese lines a person can read. A second taker reads the note back, so
//! that its message can say who holds the ledger ([`Holder`]); the note is
//! only information, and an old, partial or foreign note just leaves the
//! holder unknown. On Windows the lock therefore covers one byte far past
//! the note, not the file: a whole-file lock would stop anyone else from
//! reading it.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::atomic::folder_of;
use super::error::{LoadError, LockError};
use super::format;
use super::ops;

/// Who takes a ledger's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum User {
    /// A window of the program.
    Window,
    /// A subcommand of `zhibu` on the command line.
    CommandLine,
}

impl User {
    /// The word in the lock's note.
    fn note_word(self) -> &'static str {
        match self {
            User::Window => "窗口",
            User::CommandLine => "命令行",
        }
    }
}

/// Where the holder of a lock runs, compared with this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// On this computer.
    ThisComputer,
    /// On another computer, of this name: the ledger is in a shared folder.
    Other(String),
    /// The note or this computer has no name to compare.
    Unknown,
}

/// Who holds a ledger's lock, as its note says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub user: User,
    pub place: Place,
    /// The holder's process id, on its own computer.
    pub pid: Option<u32>,
    /// Since when it holds the lock, in that computer's local time.
    pub since: Option<jiff::civil::DateTime>,
}

/// The note a holder writes into the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    pub(crate) user: User,
    pub(crate) computer: Option<String>,
    pub(crate) pid: Option<u32>,
    pub(crate) since: Option<jiff::civil::DateTime>,
}

/// The note's first line, for a person who opens the file.
const NOTE_TITLE: &str = "支部台账的锁文件：台账在使用时由系统锁住，以下文字只供查看";
const KEY_USER: &str = "使用者";
const KEY_COMPUTER: &str = "电脑";
const KEY_PID: &str = "进程";
const KEY_SINCE: &str = "开始";
const SINCE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// More than any note of ours; the rest of a foreign file is not read.
const NOTE_LIMIT: u64 = 4096;
/// The longest computer name kept from a note (Windows allows 15
/// characters, DNS names 63).
const COMPUTER_NAME_LIMIT: usize = 63;

impl Note {
    /// The note of this process, taking the lock now.
    fn of_this_process(user: User) -> Self {
        Note {
            user,
            computer: computer_name(),
            pid: Some(std::process::id()),
            since: Some(format::now()),
        }
    }

    /// The note as lines of text.
    pub(crate) fn render(&self) -> String {
        let mut text = format!("{NOTE_TITLE}\n{KEY_USER}：{}\n", self.user.note_word());
        if let Some(computer) = &self.computer {
            text.push_str(&format!("{KEY_COMPUTER}：{computer}\n"));
        }
        if let Some(pid) = self.pid {
            text.push_str(&format!("{KEY_PID}：{pid}\n"));
        }
        if let Some(since) = self.since {
            text.push_str(&format!("{KEY_SINCE}：{}\n", since.strftime(SINCE_FORMAT)));
        }
        text
    }

    /// Reads a note back, whatever the file holds: `None` without a user
    /// line (an old note, another program's text, nothing); a field that
    /// cannot be read is left out. The first line of each key counts.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let mut user = None;
        let mut computer = None;
        let mut pid = None;
        let mut since = None;
        for line in text.lines() {
            let Some((key, value)) = line.split_once('：').or_else(|| line.split_once(':')) else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                KEY_USER if user.is_none() => {
                    // A user of no kind we know: not a note of ours.
                    let known = [User::Window, User::CommandLine];
                    user = Some(known.into_iter().find(|u| u.note_word() == value)?);
                }
                KEY_COMPUTER if computer.is_none() => computer = clean_name(value),
                KEY_PID if pid.is_none() => pid = value.parse().ok(),
                KEY_SINCE if since.is_none() => {
                    since = jiff::civil::DateTime::strptime(SINCE_FORMAT, value)
                        .ok()
                        .or_else(|| value.parse().ok());
                }
                _ => {}
            }
        }
        Some(Note {
            user: user?,
            computer,
            pid,
            since,
        })
    }
}

impl Holder {
    /// The holder a note names, seen from the computer called `here`.
    pub(crate) fn from_note(note: Note, here: Option<&str>) -> Self {
        let place = match (note.computer, here) {
            (Some(there), Some(here)) if there.eq_ignore_ascii_case(here) => Place::ThisComputer,
            (Some(there), Some(_)) => Place::Other(there),
            _ => Place::Unknown,
        };
        Holder {
            user: note.user,
            place,
            pid: note.pid,
            since: note.since,
        }
    }
}

/// A computer's name as kept: one trimmed line without control
/// characters, not too long; `None` when nothing is left.
fn clean_name(raw: &str) -> Option<String> {
    let name: String = raw
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(COMPUTER_NAME_LIMIT)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// This computer's name, as the OS gives it (no crate for so little).
pub(crate) fn computer_name() -> Option<String> {
    #[cfg(windows)]
    let raw = std::env::var("COMPUTERNAME").ok();
    #[cfg(not(windows))]
    let raw = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok();
    clean_name(&raw?)
}

/// The lock on one ledger file, held until dropped.
#[derive(Debug)]
pub struct LedgerLock {
    /// Closing this file releases the lock (read only by the unlock of
    /// Windows).
    #[cfg_attr(not(windows), allow(dead_code))]
    file: File,
    ledger: PathBuf,
}

impl LedgerLock {
    /// The ledger file this lock is for.
    pub fn ledger_path(&self) -> &Path {
        &self.ledger
    }
}

/// The lock file of a ledger: its name with `.lock` added.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    folder_of(path).join(name)
}

/// How much of a file is read to tell whether it is a ledger: far more
/// than our comment and header lines.
const START_BYTES: u64 = 64 * 1024;

/// Locks the existing ledger at `path` for `user`, once its first bytes
/// show that it is one (even a damaged one). A file that is missing,
/// unreadable, empty or another program's is refused (the outer error) as
/// [`super::load`] would refuse it, and no lock file is left beside it. The
/// inner result is the lock's, as [`lock_as`] gives it.
///
/// Looking before locking leaves no gap between two copies of the program:
/// whether a file is a ledger does not depend on who holds it, and the
/// records are still loaded after the lock is taken.
pub fn lock_ledger(path: &Path, user: User) -> Result<Result<LedgerLock, LockError>, LoadError> {
    starts_as_ledger(path)?;
    Ok(lock_as(path, user))
}

/// Whether the file at `path` may be a ledger, from its first
/// [`START_BYTES`] ([`format::judge_start`]). Reading changes nothing, so
/// it does not go through `ops`.
fn starts_as_ledger(path: &Path) -> Result<(), LoadError> {
    let unreadable = |e| LoadError::from_io(path, e);
    let file = File::open(path).map_err(unreadable)?;
    let (size, limit) = (file.metadata().map_err(unreadable)?.len(), format::ledger_limit());
    if size > limit {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
            limit,
        });
    }
    let mut start = Vec::new();
    file.take(START_BYTES).read_to_end(&mut start).map_err(unreadable)?;
    let whole = (start.len() as u64) < START_BYTES;
    format::judge_start(&start, whole, path)
}

/// Locks the ledger at `path` for this window; see [`lock_as`].
pub fn lock(path: &Path) -> Result<LedgerLock, LockError> {
    lock_as(path, User::Window)
}

/// Locks the ledger at `path` for `user`, making its folder if missing.
/// Fails with [`LockError::HeldElsewhere`], naming the holder when its note
/// says who it is, while another window or command (of this or another
/// process, on this or another computer) holds it: a window opens
/// read-only then.
pub fn lock_as(path: &Path, user: User) -> Result<LedgerLock, LockError> {
    let io_error = |source| LockError::Io {
        path: path.to_owned(),
        source,
    };
    ops::create_dir_all(folder_of(path)).map_err(io_error)?;
    let mut file = ops::open_lock_file(&lock_path(path)).map_err(io_error)?;
    match try_lock(&file) {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let holder = read_note(&mut file).map(|note| Holder::from_note(note, computer_name().as_deref()));
            return Err(LockError::HeldElsewhere {
                path: path.to_owned(),
                holder,
            });
        }
        Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            return Err(LockError::Unsupported { path: path.to_owned() });
        }
        Err(TryLockError::Error(e)) => return Err(io_error(e)),
    }
    // Information only: a failure to write the note does not weaken the
    // lock. Written over the old note and then cut to length, so that a
    // reader never finds the file empty in between.
    let note = Note::of_this_process(user).render();
    let _ = file
        .rewind()
        .and_then(|()| file.write_all(note.as_bytes()))
        .and_then(|()| file.set_len(note.len() as u64));
    Ok(LedgerLock {
        file,
        ledger: path.to_owned(),
    })
}

/// The holder's note, when the file holds one of ours.
fn read_note(file: &mut File) -> Option<Note> {
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(NOTE_LIMIT).read_to_end(&mut bytes).ok()?;
    Note::parse(&String::from_utf8_lossy(&bytes))
}

/// Takes the OS lock without waiting: flock through std.
#[cfg(not(windows))]
fn try_lock(file: &File) -> Result<(), TryLockError> {
    file.try_lock()
}

/// Takes the OS lock without waiting. std's `File::try_lock` locks the
/// whole file on Windows, and a locked range cannot be read by any other
/// handle, so a second window could not read who holds the ledger; the
/// lock covers one byte at [`win::LOCKED_BYTE`] instead, far past any
/// note (a range past the end of a file can be locked).
#[cfg(windows)]
fn try_lock(file: &File) -> Result<(), TryLockError> {
    win::try_lock(file)
}

#[cfg(windows)]
mod win {
    use std::fs::{File, TryLockError};
    use std::io;
    use std::os::windows::io::AsRawHandle;

    use windows_sys::Win32::Foundation::{ERROR_INVALID_FUNCTION, ERROR_LOCK_VIOLATION, ERROR_NOT_SUPPORTED};
    use windows_sys::Win32::Storage::FileSystem::{
        LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY, LockFileEx, UnlockFileEx,
    };
    use windows_sys::Win32::System::IO::{OVERLAPPED, OVERLAPPED_0, OVERLAPPED_0_0};

    /// The one byte locked: at 4 GiB, where no note reaches.
    pub(super) const LOCKED_BYTE: u64 = 1 << 32;

    /// The position of [`LOCKED_BYTE`] as `LockFileEx` takes it.
    fn at_locked_byte() -> OVERLAPPED {
        OVERLAPPED {
            Anonymous: OVERLAPPED_0 {
                Anonymous: OVERLAPPED_0_0 {
                    Offset: LOCKED_BYTE as u32,
                    OffsetHigh: (LOCKED_BYTE >> 32) as u32,
                },
            },
            ..OVERLAPPED::default()
        }
    }

    pub(super) fn try_lock(file: &File) -> Result<(), TryLockError> {
        let mut overlapped = at_locked_byte();
        // SAFETY: the handle is open for the whole call and was opened
        // without FILE_FLAG_OVERLAPPED, so the call completes before it
        // returns and `overlapped` outlives its use.
        let done = unsafe {
            LockFileEx(
                file.as_raw_handle(),
                LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY,
                0,
                1,
                0,
                &mut overlapped,
            )
        };
        if done != 0 {
            return Ok(());
        }
        let error = io::Error::last_os_error();
        match error.raw_os_error().and_then(|c| u32::try_from(c).ok()) {
            Some(ERROR_LOCK_VIOLATION) => Err(TryLockError::WouldBlock),
            // Some network folders and file systems cannot lock.
            Some(ERROR_NOT_SUPPORTED | ERROR_INVALID_FUNCTION) => {
                Err(TryLockError::Error(io::Error::new(io::ErrorKind::Unsupported, error)))
            }
            _ => Err(TryLockError::Error(error)),
        }
    }

    /// Lets the byte go. Closing the file does too, but Windows may take a
    /// moment to release the locks of a closed handle, and asks programs to
    /// unlock explicitly.
    pub(super) fn unlock(file: &File) {
        let mut overlapped = at_locked_byte();
        // SAFETY: as in `try_lock`. A failure leaves the lock to the
        // closing of the handle, just after.
        unsafe {
            UnlockFileEx(file.as_raw_handle(), 0, 1, 0, &mut overlapped);
        }
    }
}

#[cfg(windows)]
impl Drop for LedgerLock {
    fn drop(&mut self) {
        win::unlock(&self.file);
    }
}
