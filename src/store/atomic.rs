//! Saving: the whole file is written to a new temporary file beside the
//! ledger, synced, and renamed over the old one, so that a crash, a full
//! disk or a pulled plug leaves either the old file or the new one, never
//! a mixture. Any failure removes the temporary file and leaves the old
//! file byte for byte as it was.
//!
//! A save also refuses to overwrite what it has not seen: the file on disk
//! must be missing, or be exactly the one this window last loaded or saved
//! (same counter and checksum, see [`check_overwrite`]). Two windows are
//! kept apart by the lock ([`super::lock`]); this check catches everything
//! else (a copy restored by hand, a sync tool, a damaged file).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::backup;
use super::error::{LoadError, SaveError};
use super::format::{self, Header};
use super::lock::LedgerLock;
use super::ops;
use super::render::Pieces;
use crate::model::Ledger;

/// The result of a save.
#[derive(Debug)]
pub struct Saved {
    /// The header now on disk; pass it to the next [`save`].
    pub header: Header,
    /// The backup kept of this save (`None` when none was asked for), or
    /// why none could be kept. The save itself succeeded either way; an
    /// error here deserves a warning.
    pub backup: Result<Option<PathBuf>, SaveError>,
    /// Whether the folder could be synced after the new file was put in
    /// place. The new file is there and the save counts as done either way
    /// (the window must go on from its header, or its next save would take
    /// its own file for someone else's); an error means a power cut in the
    /// next moments might bring the old file back, and deserves a warning.
    pub synced: Result<(), SaveError>,
}

/// Saves `ledger` at `path`, atomically, and keeps a backup of it.
///
/// A ledger whose file would be larger than [`format::ledger_limit`] (what
/// [`super::load`] reads) is refused with [`SaveError::TooLarge`] before
/// anything is written.
///
/// `previous` is the header this window last loaded from or saved to
/// `path` (`None` for a new ledger). The save is refused, and the file left
/// alone, when the file on disk is not that one ([`check_overwrite`]). The
/// new counter is `previous.counter + 1` (1 for a new ledger). The caller
/// should hold the [`LedgerLock`] of `path`.
pub fn save(path: &Path, ledger: &Ledger, previous: Option<&Header>) -> Result<Saved, SaveError> {
    save_with(path, ledger, previous, &mut SaveMemory::default(), KeepBackup::Yes)
}

/// Whether a save also keeps a copy of itself in `backups/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepBackup {
    Yes,
    No,
}

/// What one window remembers from one save of its file to the next, so
/// that the next save does only the work its edits call for: the text of
/// every part of the records as it was written ([`Pieces`]), and the file
/// as the save left it (size, times and, on Unix, which file it is).
#[derive(Debug, Default)]
pub struct SaveMemory {
    pub pieces: Pieces,
    written: Option<Written>,
}

impl SaveMemory {
    /// Remembers the file at `path` as holding `header`, as `stamp` found
    /// it (taken before the file was read).
    pub(crate) fn remember_file(&mut self, path: &Path, header: &Header, stamp: Stamp) {
        self.written = Some(Written {
            path: path.to_owned(),
            header: header.clone(),
            stamp,
        });
    }
}

/// The file as our last save left it.
#[derive(Debug)]
struct Written {
    path: PathBuf,
    header: Header,
    stamp: Stamp,
}

/// What changes when anything writes to or replaces a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Device, inode and status-change time on Unix.
    #[cfg(unix)]
    identity: (u64, u64, i64, i64),
}

pub(crate) fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let identity = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
    };
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        identity,
    })
}

/// Saves as [`save`] does, using and updating `memory`: parts of the
/// records unchanged since the last save with this memory are not written
/// and read back again, and when the file is still as that save left it
/// (same size, modification and status-change times, same file on Unix,
/// same header line) it is not read whole again to check that it may be
/// overwritten. A program that changed the body in place within the same
/// clock tick as our save and kept its size would go unnoticed; anything
/// else that wrote to the file or replaced it is caught as before. With [`KeepBackup::No`] no
/// copy goes into `backups/` (an autosave between two backups).
pub fn save_with(
    path: &Path,
    ledger: &Ledger,
    previous: Option<&Header>,
    memory: &mut SaveMemory,
    keep: KeepBackup,
) -> Result<Saved, SaveError> {
    let untouched = match (&memory.written, previous) {
        (Some(written), Some(previous)) => {
            written.path == path
                && written.header == *previous
                && stamp(path).is_some_and(|s| s == written.stamp)
                && format::read_header(path).is_some_and(|h| h == written.header)
        }
        _ => false,
    };
    if !untouched {
        check_overwrite(path, previous)?;
    }
    let counter = previous.map_or(1, |h| h.counter.saturating_add(1));
    memory.written = None;
    let saved = save_unchecked_with(path, ledger, counter, &mut memory.pieces, keep)?;
    memory.written = stamp(path).map(|stamp| Written {
        path: path.to_owned(),
        header: saved.header.clone(),
        stamp,
    });
    Ok(saved)
}

/// Saves without the overwrite check (after the old file was moved aside).
pub(crate) fn save_unchecked(path: &Path, ledger: &Ledger, counter: u64) -> Result<Saved, SaveError> {
    save_unchecked_with(path, ledger, counter, &mut Pieces::default(), KeepBackup::Yes)
}

fn save_unchecked_with(
    path: &Path,
    ledger: &Ledger,
    counter: u64,
    pieces: &mut Pieces,
    keep: KeepBackup,
) -> Result<Saved, SaveError> {
    super::render::write_body(ledger, pieces).map_err(|e| e.at(path))?;
    let body = pieces.body.as_bytes();
    let saved_at = format::now();
    // The first two lines as long as they will be, before the checksum is
    // known: the body is written and synced while the checksum is worked
    // out beside it, and the lines written over these afterwards.
    let (_, placeholder) = format::head(counter, saved_at, format::placeholder_checksum()).map_err(|e| e.at(path))?;
    let size = (placeholder.len() + body.len()) as u64;
    // Before anything is written: a file the loader would refuse is
    // never saved, not even as a backup.
    let limit = format::ledger_limit();
    if size > limit {
        return Err(SaveError::TooLarge {
            path: path.to_owned(),
            size,
            limit,
        });
    }
    let (synced, (header, head)) = std::thread::scope(|scope| {
        // A thread that cannot be had leaves the checksum to this one.
        let checksum = std::thread::Builder::new()
            .name("zhibu-checksum".to_owned())
            .spawn_scoped(scope, || format::checksum_of(body))
            .ok();
        let head = || {
            let checksum = checksum
                .and_then(|thread| thread.join().ok())
                .unwrap_or_else(|| format::checksum_of(body));
            format::head(counter, saved_at, checksum).map_err(|e| e.at(path))
        };
        write_atomically_headed(path, placeholder.as_bytes(), body, head)
    })?;
    let backup = match keep {
        KeepBackup::Yes => backup::keep(path, &header, &[head.as_bytes(), body]).map(Some),
        KeepBackup::No => Ok(None),
    };
    Ok(Saved { header, backup, synced })
}

/// Whether the folder could be synced after a save ([`Saved::synced`]).
type Synced = Result<(), SaveError>;

/// [`write_atomically`] of a file whose first lines are known only once
/// its body is written: `placeholder` and `body` are written and synced,
/// then `head()` (the real first lines, which it also returns) over the
/// placeholder and synced again; a `head` of another length than the
/// placeholder's is written with the body once more instead.
pub(crate) fn write_atomically_headed<T>(
    path: &Path,
    placeholder: &[u8],
    body: &[u8],
    head: impl FnOnce() -> Result<(T, String), SaveError>,
) -> Result<(Synced, (T, String)), SaveError> {
    let folder = prepare_folder(path)?;
    let tmp = temp_path(path);
    let mut file = ops::create_new(&tmp).map_err(|e| SaveError::from_io(path, e))?;
    let io = |e| SaveError::from_io(path, e);
    let written = || -> Result<(T, String), SaveError> {
        ops::write_parts(&mut file, &[placeholder, body]).map_err(io)?;
        ops::sync(&file).map_err(io)?;
        let (made, head) = head()?;
        if head.len() == placeholder.len() {
            ops::write_at_start(&mut file, head.as_bytes()).map_err(io)?;
        } else {
            file.set_len(0).map_err(io)?;
            ops::write_at_start(&mut file, head.as_bytes()).map_err(io)?;
            ops::write_parts(&mut file, &[body]).map_err(io)?;
        }
        ops::sync(&file).map_err(io)?;
        Ok((made, head))
    };
    let result = written();
    drop(file);
    let result = result.and_then(|made| ops::replace(&tmp, path).map(|()| made).map_err(io));
    match result {
        Ok(made) => Ok((ops::sync_dir(folder).map_err(io), made)),
        Err(e) => {
            // The temp file is ours and useless now; should removing it
            // fail too, `clean_temp_files` removes it at the next start.
            let _ = ops::remove(&tmp);
            Err(e)
        }
    }
}

/// Checks that saving at `path` overwrites nothing unseen.
///
/// Allowed: no file at `path`; or a file whose header has the counter and
/// checksum of `previous`. Refused: a file that cannot be read as a ledger
/// ([`SaveError::ExistingUnreadable`], move it aside with
/// [`super::move_aside`] first); a ledger when `previous` is `None`
/// ([`SaveError::AlreadyExists`]); a different save of it
/// ([`SaveError::ChangedOnDisk`]). Only the header and checksum are read,
/// not the records.
pub fn check_overwrite(path: &Path, previous: Option<&Header>) -> Result<(), SaveError> {
    let on_disk = super::read(path).and_then(|bytes| format::inspect(&bytes, path));
    match (on_disk, previous) {
        (Err(LoadError::NotFound { .. }), _) => Ok(()),
        (Err(e), _) => Err(SaveError::ExistingUnreadable {
            path: path.to_owned(),
            source: Box::new(e),
        }),
        (Ok(_), None) => Err(SaveError::AlreadyExists { path: path.to_owned() }),
        (Ok(disk), Some(seen)) if disk.counter == seen.counter && disk.checksum == seen.checksum => Ok(()),
        (Ok(_), Some(_)) => Err(SaveError::ChangedOnDisk { path: path.to_owned() }),
    }
}

/// The folder a file is in ("." for a bare file name).
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// `.支部台账.ron.` — how our temporary files beside `path` start.
fn temp_prefix(path: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    prefix
}

/// A temporary name no other save uses: `.支部台账.ron.<pid>.<nanos>.tmp`.
fn temp_path(path: &Path) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut name = temp_prefix(path);
    name.push(format!("{}.{nanos}.tmp", std::process::id()));
    folder_of(path).join(name)
}

/// Writes `bytes` as the new content of `path`: temp file, sync, replace,
/// sync the folder. On failure the temp file is gone and `path` untouched.
/// Once the new file is in place the write has happened, so a failure to
/// sync the folder after it is returned inside `Ok` (see [`Saved::synced`]):
/// reporting it as a failed save would make the caller believe the old file
/// is still there.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<Result<(), SaveError>, SaveError> {
    write_atomically_parts(path, &[bytes])
}

/// [`write_atomically`] of the parts one after the other.
pub(crate) fn write_atomically_parts(path: &Path, parts: &[&[u8]]) -> Result<Result<(), SaveError>, SaveError> {
    let folder = prepare_folder(path)?;
    let tmp = temp_path(path);
    let file = ops::create_new(&tmp).map_err(|e| SaveError::from_io(path, e))?;
    let written = ops::write_and_sync(file, parts).and_then(|()| ops::replace(&tmp, path));
    if let Err(e) = written {
        // The temp file is ours and useless now; should removing it fail
        // too, `clean_temp_files` removes it at the next start.
        let _ = ops::remove(&tmp);
        return Err(SaveError::from_io(path, e));
    }
    Ok(ops::sync_dir(folder).map_err(|e| SaveError::from_io(path, e)))
}

/// The folder `path` is in, made if missing.
fn prepare_folder(path: &Path) -> Result<&Path, SaveError> {
    let folder = folder_of(path);
    ops::create_dir_all(folder).map_err(|e| match e.kind() {
        // Something on the way is a file, not a folder.
        std::io::ErrorKind::AlreadyExists => SaveError::NoFolder { path: path.to_owned() },
        _ => SaveError::from_io(path, e),
    })?;
    Ok(folder)
}

/// How old a stray temp file must be before it is removed: older than any
/// save still running in this process.
const STRAY_AGE: Duration = Duration::from_secs(5);

/// Removes temporary files left beside the ledger by a save that was
/// killed (`.支部台账.ron.*.tmp`, and `.支部台账-*.tmp` in `backups/`), and
/// only those. Taking the lock as
/// proof means no other window is saving this ledger; files younger than a
/// few seconds are left anyway. Returns how many were removed.
pub fn clean_temp_files(lock: &LedgerLock) -> Result<usize, SaveError> {
    let path = lock.ledger_path();
    let prefix = temp_prefix(path);
    let prefix = prefix.as_encoded_bytes();
    let entries = match std::fs::read_dir(folder_of(path)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(SaveError::from_io(path, e)),
    };
    // Backup copies are written the same way (`.支部台账-….ron.<pid>.tmp`).
    let mut backup_prefix = OsString::from(".");
    backup_prefix.push(path.file_stem().unwrap_or_default());
    backup_prefix.push("-");
    let backup_entries = std::fs::read_dir(super::backup_folder(path)).into_iter().flatten();
    let backup_prefix = backup_prefix.as_encoded_bytes();
    let mut removed = 0;
    for (entry, prefix) in entries
        .map(|e| (e, prefix))
        .chain(backup_entries.map(|e| (e, backup_prefix)))
    {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let name = name.as_encoded_bytes();
        if !(name.starts_with(prefix) && name.ends_with(b".tmp")) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok());
        if age.is_some_and(|age| age >= STRAY_AGE) {
            ops::remove(&entry.path()).map_err(|e| SaveError::from_io(&entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
}
