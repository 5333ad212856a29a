//! Every place where the store changes the file system, and nothing else.
//!
//! Saving, backups and the lock call only these functions to write, so the
//! test seam ([`fault`], compiled only for the crate's own tests) can make
//! any one of them fail: a full disk half-way through the third write, a
//! rename that fails, a folder that cannot be synced. Reading goes through
//! [`read`] too. In a normal build every check is an empty inline function.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::Path;
use std::time::Duration;

#[cfg(test)]
pub(crate) use fault::check;

/// Without the test seam nothing ever fails on purpose.
#[cfg(not(test))]
#[inline(always)]
pub(crate) fn check(_step: Step) -> io::Result<()> {
    Ok(())
}

/// The steps a save, a backup or the lock takes on the disk, each of which
/// the test seam can make fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) enum Step {
    /// Making the ledger's or the backups' folder.
    CreateDir,
    /// Creating a new file (the temp file of a save, or a backup).
    CreateFile,
    /// Writing the bytes (fails half-way: half the bytes are written).
    Write,
    /// Syncing a written file to the disk.
    Fsync,
    /// Putting the temp file in place of the ledger.
    Rename,
    /// Syncing the folder after the rename.
    FsyncDir,
    /// Writing the copy of a save into `backups/`.
    BackupCopy,
    /// Opening the lock file.
    Lock,
    /// Removing a file (a failed temp file, a pruned backup).
    Remove,
}

/// The whole content of a file, or `None` when it is longer than `limit`
/// bytes (a video picked by mistake is not read into memory).
pub(crate) fn read(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    Ok(read_limited(path, limit)?.ok())
}

/// The whole content of a file, or, when it is longer than `limit` bytes,
/// its size (at least `limit + 1`) without reading it.
pub(crate) fn read_limited(path: &Path, limit: u64) -> io::Result<Result<Vec<u8>, u64>> {
    // Asked before opening: opening a FIFO waits for a writer forever, and
    // a device such as /dev/zero never ends.
    let kind = fs::metadata(path)?.file_type();
    if kind.is_dir() {
        return Err(io::ErrorKind::IsADirectory.into());
    }
    if !kind.is_file() {
        return Err(io::Error::other("这是管道、设备等特殊文件，不是普通文件"));
    }
    let file = File::open(path)?;
    // The size first, so that a huge file is refused without reading a
    // gigabyte of it; `take` still stops a file that grows while read.
    let size = file.metadata()?.len();
    if size > limit {
        return Ok(Err(size));
    }
    // Room for all of it at once (a `Vec` grown step by step copies what
    // it holds into fresh memory at each step), and one byte more to see
    // the end without growing.
    let room = size.saturating_add(1).min(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// Makes a folder and its parents if missing.
pub(crate) fn create_dir_all(dir: &Path) -> io::Result<()> {
    check(Step::CreateDir)?;
    fs::create_dir_all(dir)
}

/// Creates a new file that must not exist yet.
pub(crate) fn create_new(path: &Path) -> io::Result<File> {
    check(Step::CreateFile)?;
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Writes all the parts, one after the other, and waits until they are
/// on the disk.
pub(crate) fn write_and_sync(mut file: File, parts: &[&[u8]]) -> io::Result<()> {
    write_parts(&mut file, parts)?;
    sync(&file)
}

/// Writes all the parts, one after the other.
pub(crate) fn write_parts(file: &mut File, parts: &[&[u8]]) -> io::Result<()> {
    if let Err(e) = check(Step::Write) {
        // As a disk that fills up: part of the bytes is there.
        let mut left = parts.iter().map(|p| p.len()).sum::<usize>() / 2;
        for part in parts {
            let n = part.len().min(left);
            file.write_all(&part[..n])?;
            left -= n;
        }
        return Err(e);
    }
    for part in parts {
        file.write_all(part)?;
    }
    file.flush()
}

/// Writes `bytes` again at the start of a file written before, over as
/// many bytes.
pub(crate) fn write_at_start(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.seek(io::SeekFrom::Start(0))?;
    file.write_all(bytes)?;
    file.flush()
}

/// Waits until what was written to a file is on the disk.
pub(crate) fn sync(file: &File) -> io::Result<()> {
    check(Step::Fsync)?;
    file.sync_all()
}

/// Removes a file.
pub(crate) fn remove(path: &Path) -> io::Result<()> {
    check(Step::Remove)?;
    fs::remove_file(path)
}

/// Renames within one folder (never over an existing file on Windows; on
/// Unix only used where the target is known to be free).
pub(crate) fn rename(from: &Path, to: &Path) -> io::Result<()> {
    check(Step::Rename)?;
    fs::rename(from, to)
}

/// Writes a new file (never over an existing one) and syncs it, in one
/// step: the bytes go to a temp file beside it (`.<name>.<pid>.tmp`), which
/// is then linked (or, where the file system has no hard links, renamed)
/// to `path`. A process killed half-way leaves at most the temp file, which
/// [`super::clean_temp_files`] removes, never a half-written file under a
/// backup's name.
pub(crate) fn write_new(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    check(Step::BackupCopy)?;
    if fs::symlink_metadata(path).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(name);
    let written = create_new(&tmp)
        .and_then(|file| write_and_sync(file, parts))
        .and_then(|()| put_new(&tmp, path));
    // Gone already after a rename; after a link, or a failure, a useless
    // copy: the error returned is what the caller needs to hear.
    let _ = fs::remove_file(&tmp);
    written
}

/// Gives the finished temp file its name, failing if the name is taken.
fn put_new(tmp: &Path, path: &Path) -> io::Result<()> {
    match fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // FAT and exFAT sticks, some network folders: no hard links.
        Err(_) if fs::symlink_metadata(path).is_ok() => Err(io::ErrorKind::AlreadyExists.into()),
        Err(_) => fs::rename(tmp, path),
    }
}

/// Copies a file into a new file (never over an existing one), synced.
pub(crate) fn copy_new(from: &Path, to: &Path) -> io::Result<()> {
    let bytes = fs::read(from)?;
    write_new(to, &[&bytes])
}

/// Opens (or creates) the lock file without truncating it, so that the
/// holder's note survives until we hold the lock ourselves.
pub(crate) fn open_lock_file(path: &Path) -> io::Result<File> {
    check(Step::Lock)?;
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
    check(Step::Rename)?;
    fs::rename(tmp, target)
}

/// How long [`replace`] waits longest, in all, for another program to let
/// the files go.
pub(crate) const REPLACE_PATIENCE: Duration = Duration::from_secs(5);
/// The first pause before a retry of [`replace`]; each next one is twice
/// as long, up to [`REPLACE_PAUSE_MAX`].
const REPLACE_PAUSE_FIRST: Duration = Duration::from_millis(50);
pub(crate) const REPLACE_PAUSE_MAX: Duration = Duration::from_secs(1);

/// The pauses between the tries of a replace that another program blocks:
/// 50 ms, doubling up to 1 s, the last cut so that they add up to
/// [`REPLACE_PATIENCE`]. A short hold (an indexer) costs a few tens of
/// milliseconds; an antivirus scanning a large file or a cloud-sync client
/// gets several seconds. Only Windows retries; the schedule is everywhere
/// so that its test runs everywhere.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn replace_pauses() -> impl Iterator<Item = Duration> {
    let mut next = REPLACE_PAUSE_FIRST;
    let mut left = REPLACE_PATIENCE;
    std::iter::from_fn(move || {
        if left.is_zero() {
            return None;
        }
        let pause = next.min(left);
        left -= pause;
        next = (next * 2).min(REPLACE_PAUSE_MAX);
        Some(pause)
    })
}

/// Puts `tmp` in place of `target` in one step, with `ReplaceFileW`,
/// which keeps the target's attributes and permissions. An antivirus,
/// indexer or sync client often holds a just-written file for a moment,
/// so sharing errors are retried with growing pauses
/// ([`replace_pauses`]) for about five seconds; in those cases both files
/// keep their names, so giving up leaves the old file intact. When
/// `target` does not exist yet, a plain rename (MoveFileEx) is used.
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

    check(Step::Rename)?;

    fn wide(path: &Path) -> Vec<u16> {
        path.as_os_str().encode_wide().chain(std::iter::once(0)).collect()
    }

    let replaced = wide(target);
    let replacement = wide(tmp);
    let mut pauses = replace_pauses();
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
        if code == Some(ERROR_FILE_NOT_FOUND) && !target.exists() {
            return fs::rename(tmp, target);
        }
        // In these cases both files still have their own names.
        let blocked = matches!(
            code,
            Some(
                ERROR_SHARING_VIOLATION
                    | ERROR_LOCK_VIOLATION
                    | ERROR_ACCESS_DENIED
                    | ERROR_UNABLE_TO_MOVE_REPLACEMENT
                    | ERROR_UNABLE_TO_REMOVE_REPLACED
            )
        );
        match pauses.next() {
            Some(pause) if blocked => std::thread::sleep(pause),
            _ => return Err(error),
        }
    }
}

/// Makes a rename in `dir` durable. File systems that cannot sync a folder
/// say so with "unsupported" or "invalid argument"; only those are ignored.
#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    check(Step::FsyncDir)?;
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
    check(Step::FsyncDir)
}

/// The test seam: makes the `nth` call of one [`Step`] fail, in this
/// thread only, so that tests running in parallel do not disturb each
/// other.
#[cfg(test)]
pub(crate) mod fault {
    use std::cell::RefCell;
    use std::io;

    use super::Step;

    thread_local! {
        /// The planned failure: which step, how many calls of it to let
        /// through first, and the error to fail with.
        static PLAN: RefCell<Option<(Step, u32, io::ErrorKind)>> = const { RefCell::new(None) };
        /// How many planned failures happened in this thread.
        static HITS: RefCell<u32> = const { RefCell::new(0) };
    }

    /// Makes the `nth` (1 = the next) call of `step` in this thread fail
    /// with an error of `kind`; the calls after it succeed again.
    pub(crate) fn inject(step: Step, nth: u32, kind: io::ErrorKind) {
        PLAN.with(|p| *p.borrow_mut() = Some((step, nth.max(1), kind)));
        HITS.with(|h| *h.borrow_mut() = 0);
    }

    /// How many planned failures happened since the last [`inject`].
    pub(crate) fn hits() -> u32 {
        HITS.with(|h| *h.borrow())
    }

    /// Fails if this call of `step` is the planned one.
    pub(crate) fn check(step: Step) -> io::Result<()> {
        let fail = PLAN.with(|p| {
            let mut plan = p.borrow_mut();
            match plan.as_mut() {
                Some((planned, nth, kind)) if *planned == step => {
                    if *nth > 1 {
                        *nth -= 1;
                        None
                    } else {
                        let kind = *kind;
                        *plan = None;
                        Some(kind)
                    }
                }
                _ => None,
            }
        });
        match fail {
            Some(kind) => {
                HITS.with(|h| *h.borrow_mut() += 1);
                Err(io::Error::new(kind, format!("injected failure at {step:?}")))
            }
            None => Ok(()),
        }
    }
}
