//! Workbooks (XLSX, XLS, XLSB, ODS) through calamine, turned into [`Cell`]s.
//!
//! The format is recognised by the first bytes where possible, because
//! files get renamed and because many government systems export "xls" files
//! that are really web pages (HTML), which no workbook reader can open.

use std::path::Path;

use calamine::{Data, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook};

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

/// Opens the workbook and reads the wanted sheet, or the first with content.
pub fn read(path: &Path, format: Format, wanted: Option<&str>) -> Result<Table, ImportError> {
    let mut book = open(path, format)?;
    let sheet_names = book.sheet_names();
    let corrupt = |e: calamine::Error| classify(e, path);
    let mut passed_over = Vec::new();
    let (sheet, range) = match wanted {
        Some(name) => {
            if !sheet_names.iter().any(|s| s == name) {
                return Err(ImportError::NoSuchSheet {
                    name: name.to_owned(),
                    available: sheet_names,
                    path: path.to_owned(),
                });
            }
            let range = book.worksheet_range(name).map_err(corrupt)?;
            (name.to_owned(), range)
        }
        None => {
            // The roster is the first sheet with a 姓名 header (the first may
            // be a 填表说明 cover); else the first with content, whose
            // missing header is then reported.
            let mut first_filled = None;
            let mut found = None;
            for name in &sheet_names {
                let range = book.worksheet_range(name).map_err(corrupt)?;
                if !range.used_cells().any(|(_, _, d)| !is_blank(d)) {
                    continue;
                }
                if super::header::find_header(&grid(&range)).is_some() {
                    found = Some((name.clone(), range));
                    break;
                }
                passed_over.push(name.clone());
                first_filled.get_or_insert((name.clone(), range));
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
    let rows = grid(&range);
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

fn open(path: &Path, format: Format) -> Result<Sheets<std::io::BufReader<std::fs::File>>, ImportError> {
    let opened = match format {
        Format::Xlsx => open_workbook::<Xlsx<_>, _>(path)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
        Format::Xlsb => open_workbook::<Xlsb<_>, _>(path)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb),
        Format::Xls => open_workbook::<Xls<_>, _>(path)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        Format::Ods => open_workbook::<Ods<_>, _>(path)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
    };
    let result = opened.map_err(|e| classify(e, path));
    // An encrypted .xlsx is an OLE file like an .xls; renamed to .xls it
    // fails as one, and only the xlsx reader recognises the password.
    let encrypted = || matches!(open_workbook::<Xlsx<_>, _>(path), Err(calamine::XlsxError::Password));
    if format == Format::Xls && matches!(result, Err(ImportError::Corrupt { .. })) && encrypted() {
        return Err(ImportError::Password { path: path.to_owned() });
    }
    result
}

/// Sorts a reader error into what the user can act on.
fn classify(error: calamine::Error, path: &Path) -> ImportError {
    use calamine::{OdsError, XlsError, XlsxError};
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

fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The range as rows anchored at A1, so that indices match Excel's rows.
fn grid(range: &Range<Data>) -> Vec<Vec<Cell>> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; left as usize];
        cells.extend(row.iter().map(cell));
        rows.push(cells);
    }
    rows
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
