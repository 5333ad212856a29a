//! Workbooks (XLSX, XLS, XLSB, ODS) through calamine, turned into [`Cell`]s.
//!
//! The format is recognised by the first bytes where possible, because
//! files get renamed and because many government systems export "xls" files
//! that are really web pages (HTML), which no workbook reader can open.
//!
//! The reader gets the bytes already read (within the file-size limit), a
//! zipped workbook only after its parts passed [`limits::check_zip`], and
//! its cells go into a [`Grid`] that stops at the row, column, cell and
//! text limits.

use std::io::Cursor;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx, XlsxError};

use super::limits::{self, Grid, Halt};
use super::{Cell, ImportError, Table};
use crate::model::dates::{date_from_parts, parse_date};

/// The workbook formats calamine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Workbook(Format),
    /// CSV or tab-separated text.
    Delimited,
    /// Something else; the hint says what, in Chinese.
    Unsupported(String),
}

/// Recognises the file by its first bytes, then by its (lowercase) extension.
pub fn sniff(bytes: &[u8], extension: &str) -> Kind {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(ZIP) {
        return match extension {
            "ods" => Kind::Workbook(Format::Ods),
            "xlsb" => Kind::Workbook(Format::Xlsb),
            "docx" | "pptx" | "odt" | "zip" => Kind::Unsupported(not_a_sheet(extension)),
            _ => Kind::Workbook(Format::Xlsx),
        };
    }
    if bytes.starts_with(OLE) {
        // A password-protected .xlsx is an OLE file too; the xlsx reader
        // recognises it and says so.
        return match extension {
            "xlsx" | "xlsm" => Kind::Workbook(Format::Xlsx),
            "doc" | "ppt" | "wps" => Kind::Unsupported(not_a_sheet(extension)),
            _ => Kind::Workbook(Format::Xls),
        };
    }
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len())..];
    if start.starts_with(b"<") {
        return Kind::Unsupported("这个文件其实是网页（HTML）格式，不是真正的 Excel 文件".to_owned());
    }
    match extension {
        "csv" | "txt" | "tsv" => Kind::Delimited,
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" if bytes.is_empty() => {
            Kind::Unsupported("文件是空的（0 字节）".to_owned())
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Kind::Unsupported("文件内容不是表格，可能已损坏".to_owned()),
        _ => Kind::Unsupported(not_a_sheet(extension)),
    }
}

fn not_a_sheet(extension: &str) -> String {
    if extension.is_empty() {
        "无法识别的文件类型，只能导入 .xlsx、.xls、.ods 或 .csv 文件".to_owned()
    } else {
        format!("不能导入 .{extension} 文件，只能导入 .xlsx、.xls、.ods 或 .csv 文件")
    }
}

/// A workbook opened from the file's bytes.
type Book<'b> = Sheets<Cursor<&'b [u8]>>;

/// Opens the workbook in `bytes` and reads the wanted sheet, or the first
/// with a 姓名 header, within the [limits](super::limits).
pub fn read(
    path: &Path,
    bytes: &[u8],
    format: Format,
    wanted: Option<&str>,
    stop: &AtomicBool,
) -> Result<Table, ImportError> {
    // Before the reader, which reserves memory for what the file declares.
    if bytes.starts_with(b"PK") {
        limits::check_zip(bytes, stop).map_err(|halt| halt.at(path))?;
    }
    if format == Format::Xls {
        super::xls_check::check(bytes, path)?;
    }
    let mut book = open(path, bytes, format)?;
    let sheet_names = book.sheet_names();
    let mut passed_over = Vec::new();
    let (sheet, rows) = match wanted {
        Some(name) => {
            if !sheet_names.iter().any(|s| s == name) {
                return Err(ImportError::NoSuchSheet {
                    name: name.to_owned(),
                    available: sheet_names,
                    path: path.to_owned(),
                });
            }
            (name.to_owned(), read_grid(&mut book, name, path, stop)?)
        }
        None => {
            // The roster is the first sheet with a 姓名 header (the first may
            // be a 填表说明 cover); else the first with content, whose
            // missing header is then reported.
            let mut first_filled = None;
            let mut found = None;
            for name in &sheet_names {
                let rows = read_grid(&mut book, name, path, stop)?;
                if rows.iter().flatten().all(Cell::is_empty) {
                    continue;
                }
                if super::header::find_header(&rows).is_some() {
                    found = Some((name.clone(), rows));
                    break;
                }
                passed_over.push(name.clone());
                first_filled.get_or_insert((name.clone(), rows));
            }
            let first = sheet_names.first().cloned().unwrap_or_default();
            if found.is_none() {
                passed_over.clear();
            }
            found.or(first_filled).ok_or(ImportError::EmptySheet {
                sheet: first,
                path: path.to_owned(),
            })?
        }
    };
    if rows.iter().flatten().all(Cell::is_empty) {
        return Err(ImportError::EmptySheet {
            sheet,
            path: path.to_owned(),
        });
    }
    Ok(Table {
        path: path.to_owned(),
        sheet_names,
        sheet,
        passed_over,
        rows,
    })
}

/// One sheet's cells as rows anchored at A1, so that indices match Excel's
/// rows. XLSX and XLSB sheets are read cell by cell, so nothing is sized by
/// the sheet's declared dimension or by how far apart its cells are; XLS and
/// ODS sheets come from the reader as a whole.
fn read_grid(book: &mut Book<'_>, name: &str, path: &Path, stop: &AtomicBool) -> Result<Vec<Vec<Cell>>, ImportError> {
    let mut grid = Grid::new(name, stop);
    let halted = |halt: Halt| halt.at(path);
    match book {
        Sheets::Xlsx(xlsx) => {
            let mut reader = match xlsx.worksheet_cells_reader(name) {
                Ok(reader) => reader,
                // A chart sheet: no cells.
                Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
                Err(e) => return Err(classify(calamine::Error::Xlsx(e), path)),
            };
            while let Some(found) = reader
                .next_cell()
                .map_err(|e| classify(calamine::Error::Xlsx(e), path))?
            {
                add(&mut grid, found.get_position(), &Data::from(found.get_value().clone())).map_err(halted)?;
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb
                .worksheet_cells_reader(name)
                .map_err(|e| classify(calamine::Error::Xlsb(e), path))?;
            while let Some(found) = reader
                .next_cell()
                .map_err(|e| classify(calamine::Error::Xlsb(e), path))?
            {
                add(&mut grid, found.get_position(), &Data::from(found.get_value().clone())).map_err(halted)?;
            }
        }
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = book.worksheet_range(name).map_err(|e| classify(e, path))?;
            let (top, left) = range.start().unwrap_or_default();
            for (row, column, data) in range.used_cells() {
                let at = (
                    top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX)),
                    left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX)),
                );
                add(&mut grid, at, data).map_err(halted)?;
            }
        }
    }
    grid.into_rows().map_err(|exceeded| exceeded.at(path))
}

/// Adds one cell the reader gave; empty ones only count towards 取消.
fn add(grid: &mut Grid<'_>, (row, column): (u32, u32), data: &Data) -> Result<(), Halt> {
    if matches!(data, Data::Empty) {
        return grid.tick();
    }
    grid.push(row as usize, column as usize, cell(data))
}

fn open<'b>(path: &Path, bytes: &'b [u8], format: Format) -> Result<Book<'b>, ImportError> {
    let reader = || Cursor::new(bytes);
    let opened = match format {
        Format::Xlsx => Xlsx::new(reader()).map(Sheets::Xlsx).map_err(calamine::Error::Xlsx),
        Format::Xlsb => Xlsb::new(reader()).map(Sheets::Xlsb).map_err(calamine::Error::Xlsb),
        Format::Xls => Xls::new(reader()).map(Sheets::Xls).map_err(calamine::Error::Xls),
        Format::Ods => Ods::new(reader()).map(Sheets::Ods).map_err(calamine::Error::Ods),
    };
    let result = opened.map_err(|e| classify(e, path));
    // An encrypted .xlsx is an OLE file like an .xls; renamed to .xls it
    // fails as one, and only the xlsx reader recognises the password.
    let encrypted = || matches!(Xlsx::new(reader()), Err(XlsxError::Password));
    if format == Format::Xls && matches!(result, Err(ImportError::Corrupt { .. })) && encrypted() {
        return Err(ImportError::Password { path: path.to_owned() });
    }
    result
}

/// Sorts a reader error into what the user can act on.
fn classify(error: calamine::Error, path: &Path) -> ImportError {
    use calamine::{OdsError, XlsError};
    let path = path.to_owned();
    match error {
        calamine::Error::Xlsx(XlsxError::Password)
        | calamine::Error::Xls(XlsError::Password)
        | calamine::Error::Ods(OdsError::Password) => ImportError::Password { path },
        calamine::Error::Io(e) | calamine::Error::Xlsx(XlsxError::Io(e)) | calamine::Error::Xls(XlsError::Io(e)) => {
            ImportError::Io {
                reason: super::io_reason(&e),
                path,
            }
        }
        other => ImportError::Corrupt {
            detail: other.to_string(),
            path,
        },
    }
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            match date_from_parts(i32::from(year), i32::from(month), i32::from(day)) {
                Some(date) => Cell::Date(date),
                None => Cell::Number(dt.as_f64()),
            }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            let day = s.split('T').next().unwrap_or(s);
            parse_date(day).map_or_else(|_| Cell::Text(s.clone()), Cell::Date)
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("{e}")),
    }
}
