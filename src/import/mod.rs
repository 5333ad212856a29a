//! Importing the branch's existing roster sheet (花名册) into the ledger.
//!
//! Branch secretaries already keep their members in an Excel or WPS sheet.
//! Importing it happens in three steps, so that nothing enters the ledger
//! before the user has seen what will happen:
//!
//! 1. [`read_sheet`] opens an XLSX, XLS, ODS or CSV file and returns one
//!    sheet as a grid of [`Cell`]s, independent of the library that read it.
//! 2. [`preview`] finds the header row (the first of the top ten rows with a
//!    姓名 column), maps the columns by their Chinese headers and turns each
//!    data row into a [`Member`](crate::model::Member), or into a
//!    [`SkippedRow`] with the reason in Chinese when the row cannot be
//!    imported as it is.
//! 3. [`Preview::to_add`] and [`Preview::to_update`] are the members to add
//!    and to update; the edit core applies both as one undoable step
//!    (`edit::Command::ImportMembers`), refused like every edit when the
//!    campaign is closed.
//!
//! The GUI and the `import-members` subcommand both go through these three,
//! and nothing here changes a ledger.
//!
//! A sheet is untrusted input: [`limits`] holds it to a size (file, rows,
//! columns, cells, text, the parts of a zipped workbook) before anything is
//! allocated for it, and refuses FIFOs and devices at once. The window
//! reads on a background job and can stop a read ([`read_sheet_stoppable`]);
//! a panic in the workbook reader is caught here and said in Chinese
//! ([`ImportError::ReaderFailed`]).

mod csv;
mod header;
pub mod limits;
mod matching;
mod preview;
mod row;
mod values;
mod workbook;
mod xls_check;

#[cfg(test)]
mod tests;

use std::fmt;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::model::Date;

pub use header::{ColumnMapping, ImportField};
pub use matching::{Change, Match, MatchedBy};
pub use preview::{NotMemberRow, Preview, PreviewRow, SkippedRow, preview};

/// Why a file could not be read. Messages are for the user, path last.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file does not exist.
    #[error("找不到文件（{}）", .path.display())]
    NotFound { path: PathBuf },
    /// The file exists but could not be read (permissions, opened elsewhere…).
    #[error("无法读取文件：{reason}（{}）", .path.display())]
    Io { reason: String, path: PathBuf },
    /// Not a kind of file this program reads.
    #[error("{hint}，请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入（{}）", .path.display())]
    NotSpreadsheet { hint: String, path: PathBuf },
    /// The file claims to be a workbook but could not be opened.
    #[error("文件已损坏或不是有效的表格文件，无法打开（{}）", .path.display())]
    Corrupt {
        /// The reader's own (English) message, for the log.
        detail: String,
        path: PathBuf,
    },
    /// The workbook is protected by an opening password.
    #[error("文件设置了打开密码，请在 Excel 或 WPS 中取消密码并另存后再导入（{}）", .path.display())]
    Password { path: PathBuf },
    /// The named sheet does not exist.
    #[error("文件中没有名为“{name}”的工作表，现有的工作表：{}（{}）", .available.join("、"), .path.display())]
    NoSuchSheet {
        name: String,
        available: Vec<String>,
        path: PathBuf,
    },
    /// The chosen sheet, or every sheet, has no content.
    #[error("工作表“{sheet}”是空的（{}）", .path.display())]
    EmptySheet { sheet: String, path: PathBuf },
    /// The file is over one of the [`limits`]: `what` says which, with the
    /// numbers (`工作表“名册”共 2,000,000 行，最多读 100,000 行`).
    #[error("表格太大：{what}（{}）", .path.display())]
    TooBig { what: String, path: PathBuf },
    /// A FIFO, a device or a socket: never opened (reading one would wait
    /// forever or never end).
    #[error("这不是普通文件，而是{kind}，不能作为表格导入（{}）", .path.display())]
    SpecialFile { kind: &'static str, path: PathBuf },
    /// The workbook reader failed on the file in a way it does not report
    /// (a panic inside it, caught).
    #[error("读取这个表格时出错，文件可能已损坏：请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入（{}）", .path.display())]
    ReaderFailed { path: PathBuf },
    /// The read was stopped by the user (取消) before it finished.
    #[error("已取消读取（{}）", .path.display())]
    Stopped { path: PathBuf },
    /// No row near the top has a 姓名 column.
    #[error("工作表“{sheet}”的前 {} 行里没有找到“姓名”列，请确认表头（{}）", header::HEADER_SEARCH_ROWS, .path.display())]
    NoHeader { sheet: String, path: PathBuf },
}

/// One sheet of a workbook, read into memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file it was read from (for messages).
    pub path: PathBuf,
    /// Every sheet of the workbook, in order (one for a CSV file), so the
    /// user can pick another.
    pub sheet_names: Vec<String>,
    /// The sheet that was read.
    pub sheet: String,
    /// The sheets looked at first, without a 姓名 header, when no sheet was
    /// named (a 填表说明 cover before the roster).
    pub passed_over: Vec<String>,
    /// All cells, row by row; `rows[0]` is the sheet's row 1, so a row's
    /// index plus one is the row number Excel shows. Rows may differ in length.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell's value, as far as the import cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number: Excel keeps phone numbers, day serials and sometimes ID
    /// numbers as numbers.
    Number(f64),
    /// A cell Excel formatted as a date (the time of day is dropped).
    Date(Date),
    Bool(bool),
}

impl Table {
    /// Which sheet was read and why, when there are several:
    /// `读取工作表“党员名册”（“填表说明”中没有“姓名”表头）；其他工作表：填表说明、汇总`.
    pub fn sheet_note(&self) -> Option<String> {
        if self.sheet_names.len() < 2 {
            return None;
        }
        let others: Vec<&str> = self
            .sheet_names
            .iter()
            .filter(|s| **s != self.sheet)
            .map(String::as_str)
            .collect();
        let why = if self.passed_over.is_empty() {
            String::new()
        } else {
            format!("（“{}”中没有“姓名”表头）", self.passed_over.join("”“"))
        };
        Some(format!(
            "读取工作表“{}”{why}；其他工作表：{}",
            self.sheet,
            others.join("、")
        ))
    }
}

impl Cell {
    /// Whether the cell holds nothing but blanks.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// The cell as the user would see it; whole numbers without a decimal point.
impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(text) => f.write_str(text.trim()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{}", *n as i64),
            Cell::Number(n) => write!(f, "{n}"),
            Cell::Date(date) => f.write_str(&crate::model::dates::show(*date)),
            Cell::Bool(true) => f.write_str("是"),
            Cell::Bool(false) => f.write_str("否"),
        }
    }
}

/// Reads one sheet of a roster file.
///
/// The format is taken from the file's content where it can be recognised
/// (a renamed file still opens) and otherwise from its extension: `.xlsx`,
/// `.xlsm`, `.xls`, `.xlsb`, `.ods`, or `.csv`/`.txt`/`.tsv` for delimited
/// text. `sheet` picks a sheet by name; without it the first sheet with a
/// 姓名 header is read (a workbook often opens with a 填表说明 sheet), or
/// the first with content when none has one ([`Table::passed_over`] are
/// those looked at first).
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    read_sheet_stoppable(path, sheet, &AtomicBool::new(false))
}

/// [`read_sheet`], ending early with [`ImportError::Stopped`] once `stop`
/// is set (the window's 取消, from another thread).
pub fn read_sheet_stoppable(path: &Path, sheet: Option<&str>, stop: &AtomicBool) -> Result<Table, ImportError> {
    let bytes = limits::read_file(path)?;
    // The workbook reader is another crate, and hostile files have made it
    // panic: its panic is this file's error, not the program's end.
    quiet_reader_panics();
    std::panic::catch_unwind(AssertUnwindSafe(|| read_bytes(path, &bytes, sheet, stop)))
        .unwrap_or_else(|_| Err(ImportError::ReaderFailed { path: path.to_owned() }))
}

/// Reads a sheet from bytes as [`read_sheet`] reads a file named
/// `fuzz-input.{extension}`, the reader's panics caught as there. For the
/// fuzz target under `fuzz/`.
#[doc(hidden)]
pub fn read_sheet_bytes(bytes: &[u8], extension: &str) -> Result<Table, ImportError> {
    let path = PathBuf::from(format!("fuzz-input.{extension}"));
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(ImportError::TooBig {
            what: "文件太大".to_owned(),
            path,
        });
    }
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        read_bytes(&path, bytes, None, &AtomicBool::new(false))
    }))
    .unwrap_or_else(|_| Err(ImportError::ReaderFailed { path: path.clone() }))
}

/// Leaves out the panic message of a panic inside the workbook reader
/// (calamine), which the import always catches and says in Chinese
/// ([`ImportError::ReaderFailed`]): its English "thread panicked at …"
/// before that sentence would only alarm. Every other panic is reported as
/// before. Installed once, on the first read.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_reader = info.location().is_some_and(|l| l.file().contains("calamine-"));
            if !in_reader {
                previous(info);
            }
        }));
    });
}

fn read_bytes(path: &Path, bytes: &[u8], sheet: Option<&str>, stop: &AtomicBool) -> Result<Table, ImportError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match workbook::sniff(bytes, &extension) {
        workbook::Kind::Workbook(format) => workbook::read(path, bytes, format, sheet, stop),
        workbook::Kind::Delimited => {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(wanted) = sheet.filter(|s| *s != name) {
                return Err(ImportError::NoSuchSheet {
                    name: wanted.to_owned(),
                    available: vec![name],
                    path: path.to_owned(),
                });
            }
            let rows = csv::parse(&csv::decode(bytes), &name, stop).map_err(|halt| halt.at(path))?;
            if rows.iter().flatten().all(Cell::is_empty) {
                return Err(ImportError::EmptySheet {
                    sheet: name,
                    path: path.to_owned(),
                });
            }
            Ok(Table {
                path: path.to_owned(),
                sheet_names: vec![name.clone()],
                sheet: name,
                passed_over: Vec::new(),
                rows,
            })
        }
        workbook::Kind::Unsupported(hint) => Err(ImportError::NotSpreadsheet {
            hint,
            path: path.to_owned(),
        }),
    }
}

/// A short Chinese reason for a failed read.
fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限，或文件正在被其他程序使用".to_owned(),
        std::io::ErrorKind::IsADirectory => "这是一个文件夹".to_owned(),
        _ => error.to_string(),
    }
}
