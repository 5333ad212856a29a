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

/// An operating-system error as the secretary reads it: a Chinese sentence
/// for the common causes, then the system's own words in brackets, for
/// whoever helps (`文件名或路径太长（File name too long (os error 36)）`).
/// On a Chinese Windows the bracket is Chinese already. For every I/O error
/// a message shows: the store's, and the report writers'.
pub fn os_words(error: &io::Error) -> String {
    format!("{}（{error}）", os_cause(error))
}

/// The cause of an I/O error in a few Chinese words, without the system's.
fn os_cause(error: &io::Error) -> &'static str {
    use io::ErrorKind as K;
    if is_in_use(error) {
        return "文件正被其他程序占用，请关闭该程序后再试";
    }
    if is_name_too_long(error) {
        return "文件名或路径太长，请换一个短一些的名称或文件夹";
    }
    if is_disk_full(error) {
        return "磁盘已满";
    }
    match error.kind() {
        K::ReadOnlyFilesystem => "磁盘或文件夹是只读的，不能写入",
        K::NotFound => "找不到这个文件或文件夹",
        K::PermissionDenied => "没有权限（文件或文件夹可能是只读的，或属于其他用户）",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "磁盘空间配额已用完",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::InvalidFilename | K::InvalidInput => "文件名无效（可能含有系统不允许的字符）",
        K::NotADirectory => "路径中有一部分是文件，不是文件夹",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::AlreadyExists => "已有同名的文件或文件夹",
        K::FileTooLarge => "文件太大",
        K::CrossesDevices => "不能跨磁盘移动文件",
        K::TimedOut => "等待磁盘或网络超时",
        K::Unsupported => "此位置不支持这项操作",
        _ => "读写文件时出错",
    }
}

/// Whether the name, or the whole path, is longer than the system allows
/// (ENAMETOOLONG; Windows ERROR_FILENAME_EXCED_RANGE). Both arrive as an
/// invalid file name, the kind of a name with a forbidden character too.
fn is_name_too_long(error: &io::Error) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const TOO_LONG: &[i32] = &[36];
    #[cfg(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    ))]
    const TOO_LONG: &[i32] = &[63];
    #[cfg(windows)]
    const TOO_LONG: &[i32] = &[206];
    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        windows
    )))]
    const TOO_LONG: &[i32] = &[];
    error.raw_os_error().is_some_and(|code| TOO_LONG.contains(&code))
}

/// Whether the disk is full: the kind, or Windows' ERROR_DISK_FULL (112)
/// and ERROR_HANDLE_DISK_FULL (39) by their numbers.
fn is_disk_full(error: &io::Error) -> bool {
    const ERROR_HANDLE_DISK_FULL: i32 = 39;
    const ERROR_DISK_FULL: i32 = 112;
    error.kind() == io::ErrorKind::StorageFull
        || (cfg!(windows) && matches!(error.raw_os_error(), Some(ERROR_HANDLE_DISK_FULL | ERROR_DISK_FULL)))
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
    /// The file is larger than any ledger the program saves
    /// ([`super::ledger_limit`]); it is not read.
    #[error(
        "台账文件太大（{}），本程序不打开这么大的文件{}",
        format::over_limit_words(*.size, *.limit),
        at(.path)
    )]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
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
            | LoadError::TooLarge { path, .. }
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
///
/// Said as "无法保存：" (for [`SaveError::BadBackup`] "无法恢复："), the
/// [`SaveError::cause`], and the path in brackets.
#[derive(Debug)]
pub enum SaveError {
    DiskFull {
        path: PathBuf,
    },
    NoPermission {
        path: PathBuf,
    },
    ReadOnlyFolder {
        path: PathBuf,
    },
    InUse {
        path: PathBuf,
    },
    /// The folder is missing and could not be made, or part of the path is
    /// a file.
    NoFolder {
        path: PathBuf,
    },
    /// Any other I/O error (see [`os_words`]).
    Io {
        path: PathBuf,
        source: io::Error,
    },
    /// The file would be larger than the program opens
    /// ([`super::ledger_limit`]): nothing was written, the file and its
    /// backups are as they were.
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The ledger could not be written as text at all.
    Unserializable {
        path: PathBuf,
        detail: String,
    },
    /// What would be written does not read back as the same ledger (for
    /// example a number that is not a number): a file that could not be
    /// re-read is never written.
    NotRereadable {
        path: PathBuf,
        detail: String,
    },
    /// The file on disk is not the one this window last loaded or saved:
    /// another program or window wrote it since.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// A ledger file is already there and this window never loaded it.
    AlreadyExists {
        path: PathBuf,
    },
    /// The file there cannot be read (damaged, foreign, newer): it is never
    /// overwritten; move it aside first ([`super::move_aside`]).
    ExistingUnreadable {
        path: PathBuf,
        source: Box<LoadError>,
    },
    /// The backup to restore cannot be read itself.
    BadBackup {
        path: PathBuf,
        source: Box<LoadError>,
    },
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self {
            SaveError::BadBackup { .. } => "无法恢复",
            _ => "无法保存",
        };
        write!(f, "{what}：{}{}", self.cause(), at(self.path()))
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SaveError::Io { source, .. } => Some(source),
            SaveError::ExistingUnreadable { source, .. } | SaveError::BadBackup { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl SaveError {
    /// What went wrong, without "无法保存：" and the path: for a sentence
    /// of another kind, such as [`backup_warning`].
    pub fn cause(&self) -> String {
        match self {
            SaveError::DiskFull { .. } => "磁盘已满".to_owned(),
            SaveError::NoPermission { .. } => "没有写入权限".to_owned(),
            SaveError::ReadOnlyFolder { .. } => "文件夹是只读的".to_owned(),
            SaveError::InUse { .. } => "文件正被其他程序占用，请关闭该程序后再试".to_owned(),
            SaveError::NoFolder { .. } => "保存位置的文件夹不存在或不是文件夹".to_owned(),
            SaveError::Io { source, .. } => os_words(source),
            SaveError::TooLarge { size, limit, .. } => format!(
                "台账太大（写成文件将有 {}），保存后将无法再打开，因此没有保存，文件和备份都未改动。请删去不需要的大段文字后再保存",
                format::over_limit_words(*size, *limit)
            ),
            SaveError::Unserializable { detail, .. } => format!("台账中有无法写入文件的内容（{detail}）"),
            SaveError::NotRereadable { detail, .. } => {
                format!("写出的内容无法原样读回（{detail}），为防止丢失数据已停止保存")
            }
            SaveError::ChangedOnDisk { .. } => {
                "磁盘上的台账已被其他程序或窗口改动，为免覆盖那些改动已停止保存".to_owned()
            }
            SaveError::AlreadyExists { .. } => "此位置已有另一个台账文件，为免覆盖它已停止保存".to_owned(),
            SaveError::ExistingUnreadable { .. } => "此位置已有一个无法读取的文件，为免覆盖它已停止保存".to_owned(),
            SaveError::BadBackup { .. } => "这个备份文件也无法读取".to_owned(),
        }
    }

    /// An I/O error while saving `path`, sorted by cause.
    pub(crate) fn from_io(path: &Path, source: io::Error) -> Self {
        let path = path.to_owned();
        match source.kind() {
            _ if is_in_use(&source) => SaveError::InUse { path },
            _ if is_disk_full(&source) => SaveError::DiskFull { path },
            io::ErrorKind::QuotaExceeded => SaveError::DiskFull { path },
            io::ErrorKind::PermissionDenied => SaveError::NoPermission { path },
            io::ErrorKind::ReadOnlyFilesystem => SaveError::ReadOnlyFolder { path },
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => SaveError::NoFolder { path },
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
            | SaveError::TooLarge { path, .. }
            | SaveError::Unserializable { path, .. }
            | SaveError::NotRereadable { path, .. }
            | SaveError::ChangedOnDisk { path }
            | SaveError::AlreadyExists { path }
            | SaveError::ExistingUnreadable { path, .. }
            | SaveError::BadBackup { path, .. } => path,
        }
    }
}

/// The warnings a save that went through deserves: its copy in `backups/`
/// failed ([`backup_warning`]), or the folder could not be synced after it.
/// Each says first that the ledger itself was saved. Empty when all is
/// well; the command line prints them, the window shows them.
pub fn save_warnings(ledger: &Path, saved: &super::Saved) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Err(error) = &saved.backup {
        warnings.push(backup_warning(ledger, error));
    }
    if let Err(error) = &saved.synced {
        warnings.push(format!(
            "台账已保存，但系统未能确认已写入磁盘，此时断电可能使台账回到上次保存的样子：{}{}",
            error.cause(),
            at(error.path())
        ));
    }
    warnings
}

/// The warning after a save whose copy in the backups folder of `ledger`
/// failed (or whose pruning of old copies did): the ledger is saved, the
/// backup is not, why, and the folder last.
pub fn backup_warning(ledger: &Path, error: &SaveError) -> String {
    format!(
        "台账已保存，但备份未能完成：{}。请检查备份文件夹{}",
        error.cause(),
        at(&super::backup_folder(ledger))
    )
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

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};
    use std::path::Path;

    use super::{LoadError, LockError, SaveError, backup_warning, os_words};

    /// The sentence for an error, and that the system's words follow it in
    /// brackets.
    fn words(error: &Error) -> String {
        let said = os_words(error);
        assert!(
            said.ends_with(&format!("（{error}）")),
            "the system's words are not last: {said}"
        );
        let first = said.chars().next().unwrap();
        assert!(('\u{4e00}'..='\u{9fff}').contains(&first), "not Chinese: {said}");
        said
    }

    #[test]
    fn each_common_kind_has_its_own_chinese_sentence() {
        let cases = [
            (ErrorKind::ReadOnlyFilesystem, "磁盘或文件夹是只读的，不能写入"),
            (ErrorKind::NotFound, "找不到这个文件或文件夹"),
            (ErrorKind::PermissionDenied, "没有权限"),
            (ErrorKind::StorageFull, "磁盘已满"),
            (ErrorKind::QuotaExceeded, "磁盘空间配额已用完"),
            (ErrorKind::ResourceBusy, "文件正被其他程序占用"),
            (ErrorKind::DirectoryNotEmpty, "文件夹不是空的"),
            (ErrorKind::InvalidFilename, "文件名无效"),
            (ErrorKind::NotADirectory, "路径中有一部分是文件"),
            (ErrorKind::IsADirectory, "这是一个文件夹，不是文件"),
        ];
        for (kind, want) in cases {
            let said = words(&Error::from(kind));
            assert!(said.starts_with(want), "{kind:?}: {said}");
        }
        // Nothing known: still a Chinese sentence, the system's words after.
        assert_eq!(words(&Error::other("device gone")), "读写文件时出错（device gone）");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_linux_errors_the_probe_saw_are_said_in_chinese() {
        const EROFS: i32 = 30;
        const ENAMETOOLONG: i32 = 36;
        const ENOSPC: i32 = 28;
        const ENOTEMPTY: i32 = 39;
        const EACCES: i32 = 13;
        const ENOENT: i32 = 2;
        const EBUSY: i32 = 16;
        let cases = [
            (
                EROFS,
                "磁盘或文件夹是只读的，不能写入（Read-only file system (os error 30)）",
            ),
            (
                ENAMETOOLONG,
                "文件名或路径太长，请换一个短一些的名称或文件夹（File name too long (os error 36)）",
            ),
            (ENOSPC, "磁盘已满（No space left on device (os error 28)）"),
            (ENOTEMPTY, "文件夹不是空的（Directory not empty (os error 39)）"),
            (
                EACCES,
                "没有权限（文件或文件夹可能是只读的，或属于其他用户）（Permission denied (os error 13)）",
            ),
            (
                ENOENT,
                "找不到这个文件或文件夹（No such file or directory (os error 2)）",
            ),
            (
                EBUSY,
                "文件正被其他程序占用，请关闭该程序后再试（Device or resource busy (os error 16)）",
            ),
        ];
        for (code, want) in cases {
            assert_eq!(words(&Error::from_raw_os_error(code)), want, "os error {code}");
        }
    }

    #[cfg(windows)]
    #[test]
    fn the_windows_errors_of_a_file_in_use_or_a_full_disk_are_said_in_chinese() {
        const ERROR_SHARING_VIOLATION: i32 = 32;
        const ERROR_LOCK_VIOLATION: i32 = 33;
        const ERROR_DISK_FULL: i32 = 112;
        const ERROR_FILENAME_EXCED_RANGE: i32 = 206;
        for code in [ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION] {
            let said = words(&Error::from_raw_os_error(code));
            assert!(said.starts_with("文件正被其他程序占用"), "{code}: {said}");
        }
        let full = words(&Error::from_raw_os_error(ERROR_DISK_FULL));
        assert!(full.starts_with("磁盘已满（"), "{full}");
        let long = words(&Error::from_raw_os_error(ERROR_FILENAME_EXCED_RANGE));
        assert!(long.starts_with("文件名或路径太长"), "{long}");
        let path = Path::new(r"D:\支部\支部台账.ron");
        let in_use = SaveError::from_io(path, Error::from_raw_os_error(ERROR_SHARING_VIOLATION));
        assert!(matches!(in_use, SaveError::InUse { .. }), "{in_use:?}");
        let full = SaveError::from_io(path, Error::from_raw_os_error(ERROR_DISK_FULL));
        assert!(matches!(full, SaveError::DiskFull { .. }), "{full:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn store_errors_carry_the_chinese_sentence_and_the_path_last() {
        let path = Path::new("/home/a/支部台账.ron");
        let long = SaveError::from_io(path, Error::from_raw_os_error(36));
        assert_eq!(
            long.to_string(),
            "无法保存：文件名或路径太长，请换一个短一些的名称或文件夹（File name too long (os error 36)）（/home/a/支部台账.ron）"
        );
        let unreadable = LoadError::from_io(path, Error::from_raw_os_error(5));
        assert_eq!(
            unreadable.to_string(),
            "无法读取台账文件：读写文件时出错（Input/output error (os error 5)）（/home/a/支部台账.ron）"
        );
        let lock = LockError::Io {
            path: path.to_owned(),
            source: Error::from_raw_os_error(30),
        };
        assert_eq!(
            lock.to_string(),
            "无法锁定台账：磁盘或文件夹是只读的，不能写入（Read-only file system (os error 30)）（/home/a/支部台账.ron）"
        );
    }

    #[test]
    fn a_backup_warning_says_the_ledger_is_saved_why_and_the_folder_last() {
        let ledger = Path::new("/home/a/支部台账.ron");
        let error = SaveError::from_io(Path::new("/home/a/backups"), ErrorKind::StorageFull.into());
        let folder = crate::store::backup_folder(ledger);
        assert_eq!(
            backup_warning(ledger, &error),
            format!(
                "台账已保存，但备份未能完成：磁盘已满。请检查备份文件夹（{}）",
                folder.display()
            )
        );
    }
}
