//! One window at a time: a lock file beside the ledger
//! (`支部台账.ron.lock`), held with an OS file lock for the whole session.
//!
//! The lock belongs to the open file (flock on Unix, `LockFileEx` on
//! Windows), so the OS releases it when the window closes or crashes; a
//! left-over lock file means nothing. The file is never deleted: deleting
//! races with a window that is just opening it. The process id and time
//! written into it are only for a person looking at it.

use std::fs::{File, TryLockError};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

use super::atomic::folder_of;
use super::error::LockError;
use super::format;
use super::ops;

/// The lock on one ledger file, held until dropped.
#[derive(Debug)]
pub struct LedgerLock {
    /// Closing this file releases the lock.
    _file: File,
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

/// Locks the ledger at `path` for this window, making its folder if
/// missing. Fails with [`LockError::HeldElsewhere`] while another window
/// (of this or another process) holds it: open read-only then.
pub fn lock(path: &Path) -> Result<LedgerLock, LockError> {
    let io_error = |source| LockError::Io {
        path: path.to_owned(),
        source,
    };
    ops::create_dir_all(folder_of(path)).map_err(io_error)?;
    let mut file = ops::open_lock_file(&lock_path(path)).map_err(io_error)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(LockError::HeldElsewhere { path: path.to_owned() });
        }
        Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            return Err(LockError::Unsupported { path: path.to_owned() });
        }
        Err(TryLockError::Error(e)) => return Err(io_error(e)),
    }
    // Information only: a failure to write the note does not weaken the lock.
    let note = format!("进程 {} 自 {} 起使用此台账\n", std::process::id(), format::now());
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(note.as_bytes()));
    Ok(LedgerLock {
        _file: file,
        ledger: path.to_owned(),
    })
}
