//! Every place where the store changes the file system, and nothing else.
//!
//! Saving, backups and the lock call only these functions to write, so a
//! later test seam (fault injection: a full disk at the third write, a
//! rename that fails) needs to replace only this file. Reading goes through
//! [`read`] too.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

/// The whole content of a file, or `None` when it is longer than `limit`
/// bytes (a video picked by mistake is not read into memory).
pub(crate) fn read(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let file = File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Makes a folder and its parents if missing.
pub(crate) fn create_dir_all(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

/// Creates a new file that must not exist yet.
pub(crate) fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Writes all bytes and waits until they are on the disk.
pub(crate) fn write_and_sync(mut file: File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.flush()?;
    file.sync_all()
}

/// Removes a file.
pub(crate) fn remove(path: &Path) -> io::Result<()> {
    fs::remove_file(path)
}

/// Renames within one folder (never over an existing file on Windows; on
/// Unix only used where the target is known to be free).
pub(crate) fn rename(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)
}

/// Writes a new file (never over an existing one) and syncs it. A file
/// that could not be written completely is removed again.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let written = create_new(path).and_then(|file| write_and_sync(file, bytes));
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::AlreadyExists {
            // A half-written copy is worse than none; the error returned is
            // what the caller needs to hear.
            let _ = fs::remove_file(path);
        }
        return Err(e);
    }
    Ok(())
}

/// Copies a file into a new file (never over an existing one), synced.
pub(crate) fn copy_new(from: &Path, to: &Path) -> io::Result<()> {
    let bytes = fs::read(from)?;
    write_new(to, &bytes)
}

/// Opens (or creates) the lock file without truncating it, so that the
/// holder's note survives until we hold the lock ourselves.
pub(crate) fn open_lock_file(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Puts `tmp` in place of `target` in one step: after a crash at any point
/// either the old or the new content is at `target`, never a mixture.
#[cfg(not(windows))]
pub(crate) fn replace(tmp: &Path, target: &Path) -> io::Result<()> {
    fs::rename(tmp, target)
}

/// Puts `tmp` in place of `target` in one step, with `ReplaceFileW`,
/// which keeps the target's attributes and permissions. An antivirus or
/// indexer often holds a just-written file for a moment, so sharing errors
/// are retried a few times. When `target` does not exist yet, a plain
/// rename (MoveFileEx) is used.
#[cfg(windows)]
pub(crate) fn replace(tmp: &Path, target: &Path) -> io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Foundation::{
        ERROR_ACCESS_DENIED, ERROR_FILE_NOT_FOUND, ERROR_LOCK_VIOLATION, ERROR_SHARING_VIOLATION,
        ERROR_UNABLE_TO_MOVE_REPLACEMENT, ERROR_UNABLE_TO_REMOVE_REPLACED,
    };
    use windows_sys::Win32::Storage::FileSystem::{
        REPLACEFILE_IGNORE_ACL_ERRORS, REPLACEFILE_IGNORE_MERGE_ERRORS, ReplaceFileW,
    };

    const RETRIES: u32 = 5;
    const PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

    fn wide(path: &Path) -> Vec<u16> {
        path.as_os_str().encode_wide().chain(std::iter::once(0)).collect()
    }

    let replaced = wide(target);
    let replacement = wide(tmp);
    let mut attempt = 0;
    loop {
        // SAFETY: both names are NUL-terminated UTF-16 buffers that live
        // until the call returns; the backup name, `lpExclude` and
        // `lpReserved` may be null.
        let done = unsafe {
            ReplaceFileW(
                replaced.as_ptr(),
                replacement.as_ptr(),
                std::ptr::null(),
                REPLACEFILE_IGNORE_MERGE_ERRORS | REPLACEFILE_IGNORE_ACL_ERRORS,
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        if done != 0 {
            return Ok(());
        }
        let error = io::Error::last_os_error();
        let code = error.raw_os_error().and_then(|c| u32::try_from(c).ok());
        match code {
            Some(ERROR_FILE_NOT_FOUND) if !target.exists() => return fs::rename(tmp, target),
            // In these cases both files still have their own names.
            Some(
                ERROR_SHARING_VIOLATION
                | ERROR_LOCK_VIOLATION
                | ERROR_ACCESS_DENIED
                | ERROR_UNABLE_TO_MOVE_REPLACEMENT
                | ERROR_UNABLE_TO_REMOVE_REPLACED,
            ) if attempt < RETRIES => {
                attempt += 1;
                std::thread::sleep(PAUSE);
            }
            _ => return Err(error),
        }
    }
}

/// Makes a rename in `dir` durable. File systems that cannot sync a folder
/// say so with "unsupported" or "invalid argument"; only those are ignored.
#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    let result = File::open(dir).and_then(|d| d.sync_all());
    match result {
        Err(e) if matches!(e.kind(), io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput) => Ok(()),
        other => other,
    }
}

/// On Windows a folder cannot be opened as a file without special flags,
/// and NTFS journals renames; `ReplaceFileW`/`MoveFileExW` are as durable
/// as the platform offers.
#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
