//! What can go wrong when reading, saving or locking a ledger file.
//!
//! Every error is a sentence the secretary can read: Simplified Chinese,
//! the cause first and the file's path last, in full-width brackets:
//! `无法保存：磁盘已满（D:\支部\支部台账.ron）`. The variants stay apart so
//! that the caller can offer the right way out (open a backup, open
//! read-only, choose another folder) instead of matching on text.

use std::io;
use std::path::{Path, PathBuf};

use super::format::{self, FORMAT_VERSION};
use super::lock::{Holder, Place, User};

/// The path in full-width brackets, or nothing for an error that is not
/// tied to a file yet (see [`super::to_text`]).
fn at(path: &Path) -> String {
    if path.as_os_str().is_empty() {
        String::new()
    } else {
        format!("（{}）", path.display())
    }
}

/// The operating system's own words, for causes without a sentence of ours.
/// On a Chinese Windows they are Chinese already.
fn os_words(error: &io::Error) -> String {
    error.to_string()
}

/// Why a ledger file could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// There is no file at the path (a new ledger, or it was moved).
    #[error("找不到台账文件{}", at(.path))]
    NotFound { path: PathBuf },
    /// The file exists but cannot be read: no permission, a folder, a
    /// device error.
    #[error("无法读取台账文件：{}{}", read_words(.source), at(.path))]
    Unreadable {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The file has no content at all.
    #[error("台账文件是空的，没有任何内容{}", at(.path))]
    Empty { path: PathBuf },
    /// The file does not start with a zhibu header: another program's file.
    #[error("这不是支部台账文件，可能是其他程序的文件{}", at(.path))]
    NotLedger { path: PathBuf },
    /// The file starts like a zhibu file but its header cannot be read.
    #[error("台账文件开头的文件信息已损坏，无法读取{}", at(.path))]
    BadHeader { path: PathBuf, detail: String },
    /// The content does not match the checksum in the header: the file
    /// was cut short or changed by another program.
    #[error("台账文件不完整或已被其他程序改动（校验值不符）{}", at(.path))]
    ChecksumMismatch { path: PathBuf },
    /// Written by a newer version of the program; never read here.
    #[error(
        "此台账文件由较新版本的程序保存（格式 {format}，本程序只认识到格式 {FORMAT_VERSION}），请先升级程序再打开{}",
        at(.path)
    )]
    NewerFormat { path: PathBuf, format: u32 },
    /// A format version that never existed.
    #[error("台账文件的格式版本 {format} 无法识别{}", at(.path))]
    UnknownFormat { path: PathBuf, format: u32 },
    /// An older file could not be brought up to the current format.
    #[error("无法把格式 {from} 的台账文件升级到当前格式：{detail}{}", at(.path))]
    UpgradeFailed { path: PathBuf, from: u32, detail: String },
    /// The records themselves cannot be read. `line` and `column` count
    /// from 1 in the whole file (header lines included); `detail` is the
    /// parser's own (English) message, for a log.
    #[error("台账文件已损坏：第 {line} 行第 {column} 列无法读取{}", at(.path))]
    BadBody {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::NotFound { path }
            | LoadError::Unreadable { path, .. }
            | LoadError::Empty { path }
            | LoadError::NotLedger { path }
            | LoadError::BadHeader { path, .. }
            | LoadError::ChecksumMismatch { path }
            | LoadError::NewerFormat { path, .. }
            | LoadError::UnknownFormat { path, .. }
            | LoadError::UpgradeFailed { path, .. }
            | LoadError::BadBody { path, .. } => path,
        }
    }

    /// Reading the file failed with an I/O error.
    pub(crate) fn from_io(path: &Path, source: io::Error) -> Self {
        let path = path.to_owned();
        match source.kind() {
            // A folder on the way that is a file: there is no such file.
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => LoadError::NotFound { path },
            _ => LoadError::Unreadable { path, source },
        }
    }
}

fn read_words(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        io::ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_owned(),
        _ if is_in_use(error) => "文件正被其他程序占用".to_owned(),
        _ => os_words(error),
    }
}

/// Whether another program holds the file open (Windows sharing or lock
/// violation, or a busy file elsewhere).
fn is_in_use(error: &io::Error) -> bool {
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    error.kind() == io::ErrorKind::ResourceBusy
        || (cfg!(windows)
            && matches!(
                error.raw_os_error(),
                Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
            ))
}

/// Why a ledger was not saved. Whenever this is returned the file on disk
/// is exactly as it was before (see [`super::save`]).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("无法保存：磁盘已满{}", at(.path))]
    DiskFull { path: PathBuf },
    #[error("无法保存：没有写入权限{}", at(.path))]
    NoPermission { path: PathBuf },
    #[error("无法保存：文件夹是只读的{}", at(.path))]
    ReadOnlyFolder { path: PathBuf },
    #[error("无法保存：文件正被其他程序占用，请关闭该程序后再试{}", at(.path))]
    InUse { path: PathBuf },
    /// The folder is missing and could not be made, or part of the path is
    /// a file.
    #[error("无法保存：保存位置的文件夹不存在或不是文件夹{}", at(.path))]
    NoFolder { path: PathBuf },
    /// Any other I/O error, in the operating system's words.
    #[error("无法保存：{}{}", os_words(.source), at(.path))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The ledger could not be written as text at all.
    #[error("无法保存：台账中有无法写入文件的内容（{detail}）{}", at(.path))]
    Unserializable { path: PathBuf, detail: String },
    /// What would be written does not read back as the same ledger (for
    /// example a number that is not a number): a file that could not be
    /// re-read is never written.
    #[error("无法保存：写出的内容无法原样读回（{detail}），为防止丢失数据已停止保存{}", at(.path))]
    NotRereadable { path: PathBuf, detail: String },
    /// The file on disk is not the one this window last loaded or saved:
    /// another program or window wrote it since.
    #[error("无法保存：磁盘上的台账已被其他程序或窗口改动，为免覆盖那些改动已停止保存{}", at(.path))]
    ChangedOnDisk { path: PathBuf },
    /// A ledger file is already there and this window never loaded it.
    #[error("无法保存：此位置已有另一个台账文件，为免覆盖它已停止保存{}", at(.path))]
    AlreadyExists { path: PathBuf },
    /// The file there cannot be read (damaged, foreign, newer): it is never
    /// overwritten; move it aside first ([`super::move_aside`]).
    #[error("无法保存：此位置已有一个无法读取的文件，为免覆盖它已停止保存{}", at(.path))]
    ExistingUnreadable {
        path: PathBuf,
        #[source]
        source: Box<LoadError>,
    },
    /// The backup to restore cannot be read itself.
    #[error("无法恢复：这个备份文件也无法读取{}", at(.path))]
    BadBackup {
        path: PathBuf,
        #[source]
        source: Box<LoadError>,
    },
}

impl SaveError {
    /// An I/O error while saving `path`, sorted by cause.
    pub(crate) fn from_io(path: &Path, source: io::Error) -> Self {
        let path = path.to_owned();
        match source.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => SaveError::DiskFull { path },
            io::ErrorKind::PermissionDenied => SaveError::NoPermission { path },
            io::ErrorKind::ReadOnlyFilesystem => SaveError::ReadOnlyFolder { path },
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => SaveError::NoFolder { path },
            _ if is_in_use(&source) => SaveError::InUse { path },
            _ => SaveError::Io { path, source },
        }
    }

    /// The same error about another path (errors made before the path was
    /// known, by [`super::to_text`]).
    pub(crate) fn at(self, new_path: &Path) -> Self {
        let path = new_path.to_owned();
        match self {
            SaveError::Unserializable { detail, .. } => SaveError::Unserializable { path, detail },
            SaveError::NotRereadable { detail, .. } => SaveError::NotRereadable { path, detail },
            other => other,
        }
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            SaveError::DiskFull { path }
            | SaveError::NoPermission { path }
            | SaveError::ReadOnlyFolder { path }
            | SaveError::InUse { path }
            | SaveError::NoFolder { path }
            | SaveError::Io { path, .. }
            | SaveError::Unserializable { path, .. }
            | SaveError::NotRereadable { path, .. }
            | SaveError::ChangedOnDisk { path }
            | SaveError::AlreadyExists { path }
            | SaveError::ExistingUnreadable { path, .. }
            | SaveError::BadBackup { path, .. } => path,
        }
    }
}

/// Why the ledger could not be locked for this window or command.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another window or command holds the lock. Says only who: what the
    /// taker does about it (a window opens read-only) is the taker's to say.
    #[error("{}{}", held_words(.holder.as_ref(), format::now().date()), at(.path))]
    HeldElsewhere {
        path: PathBuf,
        /// Who holds it, when its note says so.
        holder: Option<Holder>,
    },
    /// The file system cannot lock files (some network folders). The caller
    /// may go on with a warning; nothing then stops a second window.
    #[error("此位置不支持文件锁，无法防止两个窗口同时修改此台账{}", at(.path))]
    Unsupported { path: PathBuf },
    /// The lock file could not be made or opened.
    #[error("无法锁定台账：{}{}", os_words(.source), at(.path))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Who holds the ledger, as a sentence ("本电脑上的命令行（zhibu，进程
/// 1234）自今天 23:05 起一直在使用此台账"); `today` is this computer's
/// date, for how the time is said.
pub(crate) fn held_words(holder: Option<&Holder>, today: jiff::civil::Date) -> String {
    let Some(holder) = holder else {
        return "另一个窗口正在使用此台账".to_owned();
    };
    let pid = holder.pid.map(|pid| format!("，进程 {pid}")).unwrap_or_default();
    let who = match (&holder.place, holder.user) {
        (Place::ThisComputer, User::Window) => format!("本电脑上另一个窗口（支部台账{pid}）"),
        (Place::ThisComputer, User::CommandLine) => format!("本电脑上的命令行（zhibu{pid}）"),
        // A process id of another computer tells nothing here.
        (Place::Other(name), User::Window) => format!("另一台电脑（{name}）上的支部台账窗口"),
        (Place::Other(name), User::CommandLine) => format!("另一台电脑（{name}）上的命令行（zhibu）"),
        (Place::Unknown, User::Window) => "另一个窗口（支部台账）".to_owned(),
        (Place::Unknown, User::CommandLine) => "命令行（zhibu）".to_owned(),
    };
    let doing = match holder.since {
        Some(since) => format!("{}一直在使用此台账", since_words(since, today)),
        None => "正在使用此台账".to_owned(),
    };
    let shared = match holder.place {
        Place::Other(_) => "（台账在共享文件夹中）",
        Place::ThisComputer | Place::Unknown => "",
    };
    format!("{who}{doing}{shared}")
}

/// "自今天 23:05 起", "自 12月1日 23:05 起", or with the year when it is
/// not this year's.
fn since_words(since: jiff::civil::DateTime, today: jiff::civil::Date) -> String {
    let time = since.strftime("%H:%M");
    if since.date() == today {
        format!("自今天 {time} 起")
    } else if since.year() == today.year() {
        format!("自 {}月{}日 {time} 起", since.month(), since.day())
    } else {
        format!("自 {}年{}月{}日 {time} 起", since.year(), since.month(), since.day())
    }
}
