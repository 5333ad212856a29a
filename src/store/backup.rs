//! Backups in a `backups/` folder beside the ledger.
//!
//! After a save that asks for it the same bytes are written once more into
//! `backups/` (`支部台账-20261124-143200-000017.ron`: stem, local save
//! time, counter). [`super::save`] always asks; the window asks at the
//! first save of a session, at most every five minutes of autosaves, at
//! Ctrl+S and on closing ([`keep_copy_of_last_save`] when the last
//! autosave kept none), see `edit::document`.
//! A real copy, not a hard link: a hard link would share the disk blocks
//! of the main file until the next save, so a program that writes into
//! the main file in place (an editor, a sync tool) or a bad sector would
//! damage the newest backup together with it. A ledger is a few megabytes
//! at most and the bytes are in memory already, so the copy is cheap.
//!
//! Kept: the last [`KEEP_LAST`] saves, plus the newest save of each day of
//! the last [`KEEP_DAYS`] days ([`retained`]). Never pruned: the copies
//! kept before an upgrade (`支部台账-升级前-v1-20261124-143200.ron`) and
//! files moved aside before a restore (`支部台账-损坏-….ron` for a file that
//! did not load, `支部台账-恢复前-….ron` for one that did). Nothing here
//! ever deletes a file that is not a regular backup.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jiff::civil::DateTime;

use super::atomic::{self, Saved};
use super::error::{LoadError, SaveError};
use super::format::{self, Header, Loaded};
use super::ops;

/// How many of the newest saves are always kept.
pub const KEEP_LAST: usize = 10;
/// For how many days (today included) the newest save of each day is kept.
pub const KEEP_DAYS: i64 = 30;

const FOLDER: &str = "backups";
const UPGRADE_MARK: &str = "升级前";
const DAMAGED_MARK: &str = "损坏";
const REPLACED_MARK: &str = "恢复前";
const TIME_FORMAT: &str = "%Y%m%d-%H%M%S";

/// What a backup file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// The copy of one save; pruned by the retention rule.
    Save { counter: u64 },
    /// The file as it was before an upgrade from this format.
    BeforeUpgrade { from: u32 },
    /// A file moved aside before a restore; `damaged` when it did not load.
    SetAside { damaged: bool },
}

/// One file in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was saved (or set aside), from its name.
    pub saved_at: DateTime,
    pub kind: BackupKind,
}

impl Backup {
    /// The save counter, for the copy of a save.
    pub fn counter(&self) -> Option<u64> {
        match self.kind {
            BackupKind::Save { counter } => Some(counter),
            _ => None,
        }
    }

    /// Reads the backup fully: whether it loads cleanly, and what it holds.
    pub fn verify(&self) -> Result<Loaded, LoadError> {
        super::load(&self.path)
    }
}

/// The backup folder of a ledger file.
pub fn backup_folder(path: &Path) -> PathBuf {
    atomic::folder_of(path).join(FOLDER)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "台账".to_owned(), |s| s.to_string_lossy().into_owned())
}

fn time_text(time: DateTime) -> String {
    time.strftime(TIME_FORMAT).to_string()
}

/// Keeps a copy of a save just made (`parts`, the file's content in order), then
/// prunes old copies.
pub(crate) fn keep(path: &Path, header: &Header, parts: &[&[u8]]) -> Result<PathBuf, SaveError> {
    let folder = backup_folder(path);
    let name = format!(
        "{}-{}-{:06}.ron",
        stem(path),
        time_text(header.saved_at),
        header.counter
    );
    let backup = folder.join(name);
    ops::create_dir_all(&folder).map_err(|e| SaveError::from_io(&folder, e))?;
    ops::write_new(&backup, parts).map_err(|e| SaveError::from_io(&backup, e))?;
    prune(path, format::now())?;
    Ok(backup)
}

/// Keeps a copy of the file at `path` as it is, when it is the save
/// `header` describes (an autosave that kept no copy, before the window
/// closes). Refused when the file is not that save.
pub fn keep_copy_of_last_save(path: &Path, header: &Header) -> Result<PathBuf, SaveError> {
    let bytes = ops::read(path, format::ledger_limit())
        .map_err(|e| SaveError::from_io(path, e))?
        .ok_or_else(|| SaveError::ChangedOnDisk { path: path.to_owned() })?;
    match format::inspect(&bytes, path) {
        Ok(on_disk) if on_disk == *header => keep(path, header, &[&bytes]),
        _ => Err(SaveError::ChangedOnDisk { path: path.to_owned() }),
    }
}

/// Keeps a copy of the file as it is before its first save in a newer
/// format. Call it when [`Loaded::upgraded_from`] is `Some`, before saving.
pub fn backup_before_upgrade(path: &Path, from_format: u32) -> Result<PathBuf, SaveError> {
    let label = format!("{UPGRADE_MARK}-v{from_format}");
    set_aside_as(path, &label, ops::copy_new)
}

/// Moves the file at `path` into the backup folder (`…-损坏-<time>.ron`,
/// or `…-恢复前-<time>.ron` if it loads), so that a new file can be saved
/// there while the old one is kept. Returns where it went.
pub fn move_aside(path: &Path) -> Result<PathBuf, SaveError> {
    let damaged = super::load(path).is_err();
    let label = if damaged { DAMAGED_MARK } else { REPLACED_MARK };
    set_aside_as(path, label, ops::rename)
}

/// Puts `path` into the backup folder as `<stem>-<label>-<now>.ron`, with a
/// `-2`, `-3`, … suffix if that name is taken within the same second.
fn set_aside_as(path: &Path, label: &str, how: fn(&Path, &Path) -> std::io::Result<()>) -> Result<PathBuf, SaveError> {
    let folder = backup_folder(path);
    ops::create_dir_all(&folder).map_err(|e| SaveError::from_io(&folder, e))?;
    let base = format!("{}-{label}-{}", stem(path), time_text(format::now()));
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{base}.ron")
        } else {
            format!("{base}-{n}.ron")
        };
        let target = folder.join(name);
        if target.exists() {
            continue;
        }
        how(path, &target).map_err(|e| SaveError::from_io(path, e))?;
        return Ok(target);
    }
    Err(SaveError::from_io(path, std::io::ErrorKind::AlreadyExists.into()))
}

/// Restores a backup: moves the file at `target` aside (it is kept, never
/// deleted) and saves the backup's ledger as `target`. The counter goes on
/// from the highest one known, so that names and counters keep growing.
pub fn restore_backup(backup: &Path, target: &Path) -> Result<Saved, SaveError> {
    let loaded = super::load(backup).map_err(|e| SaveError::BadBackup {
        path: backup.to_owned(),
        source: Box::new(e),
    })?;
    let mut counter = loaded.header.counter;
    for known in list_backups(target) {
        counter = counter.max(known.counter().unwrap_or(0));
    }
    match std::fs::symlink_metadata(target) {
        Ok(_) => {
            let on_disk = super::read(target).and_then(|b| format::inspect(&b, target));
            counter = counter.max(on_disk.map_or(0, |header| header.counter));
            move_aside(target)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(SaveError::from_io(target, e)),
    }
    atomic::save_unchecked(target, &loaded.ledger, counter.saturating_add(1))
}

/// All backups of the ledger at `path`, newest first. Files in the folder
/// that are not named like our backups are ignored.
pub fn list_backups(path: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(backup_folder(path)) else {
        return Vec::new();
    };
    let prefix = format!("{}-", stem(path));
    let mut found: Vec<Backup> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".ron")?;
            let (saved_at, kind) = parse_name(rest)?;
            Some(Backup {
                path: entry.path(),
                saved_at,
                kind,
            })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse((b.saved_at, b.counter())));
    found
}

/// The newest backup that loads cleanly, trying newest first.
pub fn newest_good_backup(path: &Path) -> Option<Backup> {
    list_backups(path).into_iter().find(|backup| backup.verify().is_ok())
}

/// Reads a backup name after `<stem>-` and before `.ron`.
fn parse_name(rest: &str) -> Option<(DateTime, BackupKind)> {
    let parts: Vec<&str> = rest.split('-').collect();
    match parts.as_slice() {
        [mark, version, date, time, ..] if *mark == UPGRADE_MARK => {
            let from = version.strip_prefix('v')?.parse().ok()?;
            Some((parse_time(date, time)?, BackupKind::BeforeUpgrade { from }))
        }
        [mark, date, time, ..] if *mark == DAMAGED_MARK || *mark == REPLACED_MARK => {
            let damaged = *mark == DAMAGED_MARK;
            Some((parse_time(date, time)?, BackupKind::SetAside { damaged }))
        }
        [date, time, counter] if counter.bytes().all(|b| b.is_ascii_digit()) => {
            let counter = counter.parse().ok()?;
            Some((parse_time(date, time)?, BackupKind::Save { counter }))
        }
        _ => None,
    }
}

fn parse_time(date: &str, time: &str) -> Option<DateTime> {
    DateTime::strptime(TIME_FORMAT, format!("{date}-{time}")).ok()
}

/// Which saves to keep, given each one's (save time, counter) and the time
/// now: the [`KEEP_LAST`] newest, and the newest of each day of the last
/// [`KEEP_DAYS`] days. A save dated after `now` (a clock set back) counts
/// as recent. Returns one flag per save, in the order given.
pub fn retained(saves: &[(DateTime, u64)], now: DateTime) -> Vec<bool> {
    let mut newest_first: Vec<usize> = (0..saves.len()).collect();
    newest_first.sort_by(|&a, &b| saves[b].cmp(&saves[a]));
    let mut keep = vec![false; saves.len()];
    for &i in newest_first.iter().take(KEEP_LAST) {
        keep[i] = true;
    }
    let today = now.date();
    let mut days = BTreeSet::new();
    for &i in &newest_first {
        let day = saves[i].0.date();
        let age = day.until(today).map_or(0, |span| span.get_days());
        if i64::from(age) < KEEP_DAYS && days.insert(day) {
            keep[i] = true;
        }
    }
    keep
}

/// Deletes the copies of saves the retention rule no longer keeps.
fn prune(path: &Path, now: DateTime) -> Result<(), SaveError> {
    let saves: Vec<Backup> = list_backups(path)
        .into_iter()
        .filter(|b| matches!(b.kind, BackupKind::Save { .. }))
        .collect();
    let times: Vec<(DateTime, u64)> = saves.iter().map(|b| (b.saved_at, b.counter().unwrap_or(0))).collect();
    for (backup, keep) in saves.iter().zip(retained(&times, now)) {
        if !keep {
            ops::remove(&backup.path).map_err(|e| SaveError::from_io(&backup.path, e))?;
        }
    }
    Ok(())
}
