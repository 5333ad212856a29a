//! The ledger file: one RON file per branch, and everything that keeps it
//! from being lost.
//!
//! - [`format`]: the text of the file (comment, header with format version,
//!   save counter and checksum, then the records), [`to_text`] and
//!   [`from_text`] without any disk, and upgrades of older formats.
//! - [`atomic`]: [`save`] writes a temp file, syncs it and renames it over
//!   the old file; it refuses to overwrite a file it has not seen.
//! - [`backup`]: a copy of every save in `backups/`, pruned by
//!   [`retained`]; copies before upgrades and set-aside files are kept
//!   forever; [`restore_backup`].
//! - [`lock`]: one window or command at a time edits a ledger; a second
//!   taker is told who holds it ([`Holder`]).
//! - [`drafts`]: typed input not yet in the ledger, beside it, offered
//!   back after a crash or a close.
//! - [`key`]: the ledger's signing key for its export files, beside it.
//!
//! All writing goes through the small functions in `ops`, so that a test
//! seam for failing disks needs to replace only that file.
//!
//! A session: [`lock_ledger`] for a file that exists (nothing beside a
//! file that is not a ledger), [`lock`] for a window's new file,
//! [`lock_as`] for the command line's (a window opens read-only on
//! [`LockError::HeldElsewhere`]),
//! [`clean_temp_files`], [`load`] (a window: [`load_remembering`], whose
//! memory makes its first save write only what changed; the parts are
//! parsed on every core, see `open`); on [`LoadError`] offer
//! [`newest_good_backup`] and [`restore_backup`]; if
//! [`Loaded::upgraded_from`] is set call [`backup_before_upgrade`]; then
//! [`save`] with the header last loaded or saved.

pub mod atomic;
pub mod backup;
pub mod drafts;
pub mod error;
mod escape;
pub mod format;
pub mod key;
pub mod lock;
mod open;
pub(crate) mod ops;
pub(crate) mod render;

#[cfg(test)]
pub(crate) mod tests;

use std::path::{Path, PathBuf};

pub use atomic::{KeepBackup, SaveMemory, Saved, check_overwrite, clean_temp_files, save, save_with};
pub use backup::{
    Backup, BackupKind, backup_before_upgrade, backup_folder, keep_copy_of_last_save, list_backups, move_aside,
    newest_good_backup, restore_backup, retained,
};
pub use drafts::{Drafts, DraftsError, drafts_path, read_drafts, remove_drafts, set_drafts_aside, write_drafts};
pub use error::{LoadError, LockError, SaveError};
pub use format::{FORMAT_VERSION, Header, Loaded, MAX_LEDGER_BYTES, from_text, ledger_limit, to_text};
pub use lock::{Holder, LedgerLock, Place, User, lock, lock_as, lock_ledger, lock_path};
pub use render::Pieces;

/// The file name of a new ledger in the default folder.
pub const DEFAULT_FILE_NAME: &str = "支部台账.ron";

/// Where a new ledger goes: the OS data folder of the program
/// (`~/.local/share/zhibu/` on Linux, `%APPDATA%\zhibu\data\` on Windows,
/// `~/Library/Application Support/zhibu/` on macOS) and
/// [`DEFAULT_FILE_NAME`]. `None` when the OS reports no home folder.
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "zhibu")?;
    Some(dirs.data_dir().join(DEFAULT_FILE_NAME))
}

/// Reads the ledger at `path`. Never panics and never changes the file,
/// whatever is in it; see [`LoadError`] for what can be wrong.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    format::parse(&read(path)?, path, format::Verify::Checksum)
}

/// Reads the ledger at `path` as [`load`] does, and also what the first
/// save of it needs to write only what changed after: the text each part
/// of the records was read from, and the file as it was read (so that an
/// untouched file is not read again before it is overwritten). A window
/// opening a file calls this and passes the memory to its saves.
pub fn load_remembering(path: &Path) -> Result<(Loaded, SaveMemory), LoadError> {
    // Taken before reading: anything that writes the file after this
    // changes it, and the first save then checks the file in full.
    let stamp = atomic::stamp(path);
    let bytes = read(path)?;
    let mut memory = SaveMemory::default();
    let loaded = format::parse_remembering(&bytes, path, format::Verify::Checksum, Some(&mut memory.pieces))?;
    if let Some(stamp) = stamp {
        memory.remember_file(path, &loaded.header, stamp);
    }
    Ok((loaded, memory))
}

/// The bytes of a file that may be a ledger, up to the limit saves keep
/// to ([`format::ledger_limit`]).
fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    let limit = format::ledger_limit();
    match ops::read_limited(path, limit) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(size)) => Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
            limit,
        }),
        Err(e) => Err(LoadError::from_io(path, e)),
    }
}

/// Reads a ledger from bytes as [`load`] reads a file (or, with
/// `verify_checksum` false, as [`load_ignoring_checksum`] does). For the
/// fuzz target under `fuzz/`.
#[doc(hidden)]
pub fn parse_bytes(bytes: &[u8], verify_checksum: bool) -> Result<Loaded, LoadError> {
    let verify = if verify_checksum {
        format::Verify::Checksum
    } else {
        format::Verify::Nothing
    };
    format::parse(bytes, Path::new("fuzz-input.ron"), verify)
}

/// Reads a ledger saved by a newer version of the program (after
/// [`LoadError::NewerFormat`]), as far as this version understands it,
/// for reading only: records of kinds this version does not know are left
/// out, so the result must never be saved. Fails as [`load`] does, or with
/// the header's own error when even the newer header cannot be read.
pub fn load_newer(path: &Path) -> Result<Loaded, LoadError> {
    format::parse(&read(path)?, path, format::Verify::ChecksumOfNewer)
}

/// Reads the ledger at `path` even though its checksum does not match,
/// for when the secretary chooses to open a changed file anyway (after
/// [`LoadError::ChecksumMismatch`]). Everything else is checked as in
/// [`load`]. Save the result only after [`move_aside`], so that the changed
/// file is kept.
pub fn load_ignoring_checksum(path: &Path) -> Result<Loaded, LoadError> {
    format::parse(&read(path)?, path, format::Verify::Nothing)
}
