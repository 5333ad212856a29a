//! How much of a sheet the import reads, and the checks that hold a file
//! to it before anything is allocated for it.
//!
//! A roster is a few hundred rows; a 党总支's or a whole county's a few
//! ten thousand. Anything far bigger is the wrong file or a hostile one,
//! and must give a clear sentence rather than take the window down. So:
//!
//! - only regular files are opened: a FIFO would wait forever for a writer,
//!   `/dev/zero` would never end ([`read_file`]);
//! - the file's size is taken from the file system before reading, and the
//!   read stops at the limit whatever the size said ([`MAX_FILE_BYTES`]);
//! - an XLSX/ODS/XLSB file is a zip: the sizes its central directory gives
//!   for every part are checked first, and so are the string counts that
//!   `sharedStrings.xml` declares, which the reader would otherwise reserve
//!   memory for ([`check_zip`]);
//! - rows, columns, cells and the length of a cell's text are counted as
//!   they are read, and the read stops at the first one over its limit
//!   ([`Grid`]). No number read from a file sizes an allocation: a sheet's
//!   declared `dimension` is not used, and the grid is allocated only after
//!   the cells actually read were counted.
//!
//! Each limit over is an [`ImportError::TooBig`] naming the file and the
//! limit, in the words `表格太大：…共 2,000,000 行，最多读 100,000 行`.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Cell, ImportError};

/// The largest file read as a sheet: a 100,000-row roster saved as CSV is
/// about 20 MB, as XLSX a few MB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The most rows read from one sheet (counting to the last row with content).
pub const MAX_ROWS: usize = 100_000;
/// The most columns read (a roster has twenty or thirty).
pub const MAX_COLUMNS: usize = 1_000;
/// The most cells read from one sheet, each row counted to its last cell.
pub const MAX_CELLS: usize = 2_000_000;
/// The longest text of one cell, in characters: Excel's own limit.
pub const MAX_TEXT_CHARS: usize = 32_767;
/// The most strings a workbook's shared-strings table may declare.
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;
/// The most bytes one part of a zipped workbook may unpack to.
pub const MAX_PART_BYTES: u64 = 256 << 20;
/// The most bytes all parts of a zipped workbook may unpack to together.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;

/// A limit that a file goes over: the sentence after `表格太大：`,
/// without the file (the caller adds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded(pub String);

impl Exceeded {
    pub fn at(self, path: &Path) -> ImportError {
        ImportError::TooBig {
            what: self.0,
            path: path.to_owned(),
        }
    }
}

/// What stops a read: a limit, or the user's 取消.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Halt {
    Exceeded(Exceeded),
    Stopped,
}

impl Halt {
    pub fn at(self, path: &Path) -> ImportError {
        match self {
            Halt::Exceeded(exceeded) => exceeded.at(path),
            Halt::Stopped => ImportError::Stopped { path: path.to_owned() },
        }
    }
}

impl From<Exceeded> for Halt {
    fn from(exceeded: Exceeded) -> Self {
        Halt::Exceeded(exceeded)
    }
}

/// `1234567` as `1,234,567`, as the limits are said.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A size in bytes as the user reads it: `200.0 MB`, `64 MB`, `512 KB`.
pub fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1 << 20;
    if bytes.is_multiple_of(MB) {
        format!("{} MB", grouped(bytes / MB))
    } else if bytes < MB {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        let tenths = (u128::from(bytes) * 10 + u128::from(MB / 2)) / u128::from(MB);
        let whole = u64::try_from(tenths / 10).unwrap_or(u64::MAX);
        format!("{}.{} MB", grouped(whole), tenths % 10)
    }
}

/// A column's letters as Excel shows them: A, B, …, Z, AA, ….
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The bytes of the file at `path`, refused at once when it is not a
/// regular file, and refused without reading it when it is over
/// [`MAX_FILE_BYTES`] (a file that grows while read stops at the limit).
pub fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let failed = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => {
            ImportError::NotFound { path: path.to_owned() }
        }
        _ => ImportError::Io {
            reason: super::io_reason(&e),
            path: path.to_owned(),
        },
    };
    // The file system's word first: opening a FIFO would wait for a writer.
    let metadata = std::fs::metadata(path).map_err(failed)?;
    if metadata.is_dir() {
        return Err(ImportError::Io {
            reason: "这是一个文件夹".to_owned(),
            path: path.to_owned(),
        });
    }
    if !metadata.is_file() {
        return Err(ImportError::SpecialFile {
            kind: special_kind(&metadata),
            path: path.to_owned(),
        });
    }
    let too_big = |size: u64| {
        Exceeded(format!(
            "文件共 {}，最多读 {}",
            megabytes(size),
            megabytes(MAX_FILE_BYTES)
        ))
        .at(path)
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_big(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(failed)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a file that is neither a regular file nor a folder is, in Chinese.
fn special_kind(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "命名管道（FIFO）";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "设备文件";
        }
        if kind.is_socket() {
            return "套接字";
        }
    }
    #[cfg(not(unix))]
    let _ = metadata;
    "特殊文件"
}

/// Checks a zipped workbook's parts before a reader unpacks them: the
/// sizes the central directory gives, and the string counts declared by a
/// shared-strings part. A file that is no zip passes: the reader says so.
pub fn check_zip(bytes: &[u8], stop: &AtomicBool) -> Result<(), Halt> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    let mut shared_strings = Vec::new();
    for index in 0..archive.len() {
        // The central directory's entry: nothing unpacked yet.
        let Ok(part) = archive.by_index_data(index) else {
            continue;
        };
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let size = part.size();
        if size > MAX_PART_BYTES {
            return Err(Exceeded(format!(
                "其中的“{name}”解压后共 {}，最多读 {}",
                megabytes(size),
                megabytes(MAX_PART_BYTES)
            ))
            .into());
        }
        total = total.saturating_add(size);
        if total > MAX_UNPACKED_BYTES {
            return Err(Exceeded(format!(
                "解压后超过 {}，最多读 {}",
                megabytes(total),
                megabytes(MAX_UNPACKED_BYTES)
            ))
            .into());
        }
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            shared_strings.push(index);
        }
    }
    for index in shared_strings {
        let Ok(part) = archive.by_index(index) else { continue };
        // The declared size is the file's word; the read stops at the limit
        // whatever it says.
        check_string_counts(part.take(MAX_PART_BYTES), stop)?;
    }
    Ok(())
}

/// Finds the `<sst …>` start tag of a shared-strings part (after whatever
/// comes before it) and checks its `count` and `uniqueCount`.
fn check_string_counts(mut xml: impl Read, stop: &AtomicBool) -> Result<(), Halt> {
    const CHUNK: usize = 64 * 1024;
    let mut window: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut chunk = vec![0u8; CHUNK];
    loop {
        if stop.load(Ordering::Relaxed) {
            return Err(Halt::Stopped);
        }
        let read = match xml.read(&mut chunk) {
            Ok(0) | Err(_) => return Ok(()),
            Ok(n) => n,
        };
        window.extend_from_slice(&chunk[..read]);
        match find_sst(&window) {
            Tag::Found(attributes) => return check_counts(&attributes).map_err(Halt::from),
            Tag::Partial(from) => {
                // A start tag longer than a whole chunk is no workbook's.
                if window.len() - from > CHUNK {
                    return Ok(());
                }
                window.drain(..from);
            }
            Tag::None => window.clear(),
        }
    }
}

enum Tag {
    /// The tag's attributes, as text.
    Found(String),
    /// A tag begins at this index and is not complete yet.
    Partial(usize),
    None,
}

/// The first start tag with the local name `sst` in `bytes`.
fn find_sst(bytes: &[u8]) -> Tag {
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset;
        let Some(length) = bytes[start..].iter().position(|&b| b == b'>') else {
            return Tag::Partial(start);
        };
        let tag = &bytes[start + 1..start + length];
        at = start + length + 1;
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        if local == b"sst" {
            return Tag::Found(String::from_utf8_lossy(&tag[name_end..]).into_owned());
        }
    }
    Tag::None
}

/// Refuses a `count` or `uniqueCount` over [`MAX_SHARED_STRINGS`], also one
/// too long for any number type (the reader would reserve it).
fn check_counts(attributes: &str) -> Result<(), Exceeded> {
    for name in ["uniqueCount", "count"] {
        let Some(value) = attribute(attributes, name) else {
            continue;
        };
        let digits = value.trim();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let count = digits.parse::<u64>().unwrap_or(u64::MAX);
        if count > MAX_SHARED_STRINGS {
            let shown = if count == u64::MAX && digits.len() > 20 {
                format!("{digits} 个")
            } else {
                format!("{} 个", grouped(count))
            };
            return Err(Exceeded(format!(
                "共享字符串表声明了 {shown}字符串，最多读 {} 个",
                grouped(MAX_SHARED_STRINGS)
            )));
        }
    }
    Ok(())
}

/// The value of the attribute `name` (exactly that name, not a longer one
/// ending in it) in a tag's attribute text.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attributes;
    while let Some(found) = rest.find(name) {
        let before = rest[..found].chars().next_back();
        let after = rest[found + name.len()..].trim_start();
        rest = &rest[found + name.len()..];
        if !before.is_none_or(|c| c.is_whitespace()) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else { continue };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let value = &value[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

/// A sheet's cells gathered as they are read, within the limits, then laid
/// out as rows anchored at A1 (`rows[0]` is the sheet's row 1).
pub struct Grid<'s> {
    sheet: &'s str,
    /// The non-empty cells read, in the order read: (row, column, value).
    cells: Vec<(usize, usize, Cell)>,
    /// Cells looked at, empty ones too (for 取消).
    seen: usize,
    stop: &'s AtomicBool,
}

impl<'s> Grid<'s> {
    pub fn new(sheet: &'s str, stop: &'s AtomicBool) -> Self {
        Self {
            sheet,
            cells: Vec::new(),
            seen: 0,
            stop,
        }
    }

    /// Counts one cell looked at, empty or not; every few thousand, 取消
    /// ends the read.
    pub fn tick(&mut self) -> Result<(), Halt> {
        self.seen = self.seen.wrapping_add(1);
        if self.seen % 4096 == 1 && self.stop.load(Ordering::Relaxed) {
            return Err(Halt::Stopped);
        }
        Ok(())
    }

    /// Adds the cell at 0-based `row` and `column`; a limit over, or 取消,
    /// ends the read.
    pub fn push(&mut self, row: usize, column: usize, cell: Cell) -> Result<(), Halt> {
        self.tick()?;
        let sheet = self.sheet;
        if row >= MAX_ROWS {
            return Err(Exceeded(format!(
                "工作表“{sheet}”共 {} 行，最多读 {} 行",
                grouped(row as u64 + 1),
                grouped(MAX_ROWS as u64)
            ))
            .into());
        }
        if column >= MAX_COLUMNS {
            return Err(Exceeded(format!(
                "工作表“{sheet}”有 {} 列（到 {} 列），最多读 {} 列",
                grouped(column as u64 + 1),
                column_letters(column),
                grouped(MAX_COLUMNS as u64)
            ))
            .into());
        }
        check_text(sheet, row, column, &cell)?;
        if self.cells.len() >= MAX_CELLS {
            return Err(too_many_cells(sheet, self.cells.len() + 1).into());
        }
        self.cells.push((row, column, cell));
        Ok(())
    }

    /// The rows, each as long as its last cell. Refused when the rows
    /// together hold more than [`MAX_CELLS`] cells.
    pub fn into_rows(self) -> Result<Vec<Vec<Cell>>, Exceeded> {
        let Some(last_row) = self.cells.iter().map(|&(row, ..)| row).max() else {
            return Ok(Vec::new());
        };
        // Both bounded by the limits checked in `push`.
        let mut widths = vec![0usize; last_row + 1];
        for &(row, column, _) in &self.cells {
            widths[row] = widths[row].max(column + 1);
        }
        let total = widths.iter().sum::<usize>();
        if total > MAX_CELLS {
            return Err(too_many_cells(self.sheet, total));
        }
        let mut rows: Vec<Vec<Cell>> = widths.iter().map(|&w| vec![Cell::Empty; w]).collect();
        for (row, column, cell) in self.cells {
            rows[row][column] = cell;
        }
        Ok(rows)
    }
}

fn too_many_cells(sheet: &str, count: usize) -> Exceeded {
    Exceeded(format!(
        "工作表“{sheet}”共 {} 个单元格，最多读 {} 个",
        grouped(count as u64),
        grouped(MAX_CELLS as u64)
    ))
}

/// Refuses a text cell longer than [`MAX_TEXT_CHARS`], naming the cell.
pub fn check_text(sheet: &str, row: usize, column: usize, cell: &Cell) -> Result<(), Exceeded> {
    let Cell::Text(text) = cell else { return Ok(()) };
    // Bytes first: a text of fewer bytes cannot have more characters.
    if text.len() <= MAX_TEXT_CHARS {
        return Ok(());
    }
    let chars = text.chars().count();
    if chars <= MAX_TEXT_CHARS {
        return Ok(());
    }
    Err(Exceeded(format!(
        "工作表“{sheet}”的 {}{} 单元格有 {} 个字，最多读 {} 个",
        column_letters(column),
        row + 1,
        grouped(chars as u64),
        grouped(MAX_TEXT_CHARS as u64)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(100_000), "100,000");
        assert_eq!(grouped(2_000_000), "2,000,000");
        assert_eq!(grouped(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(megabytes(MAX_FILE_BYTES), "64 MB");
        assert_eq!(megabytes(200 * 1_000_000), "190.7 MB");
        assert_eq!(megabytes(1000), "1 KB");
        assert_eq!(megabytes(0xFFFF_FFF0), "4,096.0 MB");
    }

    #[test]
    fn column_letters_as_excel_shows_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
    }

    #[test]
    fn the_sst_tag_is_found_after_a_prolog_with_any_prefix() {
        let xml = br#"<?xml version="1.0"?><!-- x --><x:sst xmlns:x="m" count="3" uniqueCount="2">"#;
        let Tag::Found(attributes) = find_sst(xml) else {
            panic!("not found")
        };
        assert_eq!(attribute(&attributes, "uniqueCount"), Some("2"));
        assert_eq!(attribute(&attributes, "count"), Some("3"));
        assert!(matches!(find_sst(b"<?xml?><sst count"), Tag::Partial(7)));
        assert!(matches!(find_sst(b"<sstx count='1'>"), Tag::None));
    }

    #[test]
    fn counts_over_the_limit_are_refused_and_absurd_ones_too() {
        assert_eq!(check_counts(r#" count="10" uniqueCount="5""#), Ok(()));
        let refused = check_counts(r#" uniqueCount="18446744073709551615""#).unwrap_err();
        assert_eq!(
            refused.0,
            "共享字符串表声明了 18,446,744,073,709,551,615 个字符串，最多读 2,000,000 个"
        );
        let refused = check_counts(r#" count='99999999999999999999999'"#).unwrap_err();
        assert!(refused.0.contains("99999999999999999999999 个字符串"), "{}", refused.0);
        // Not a number: the reader ignores it as well.
        assert_eq!(check_counts(r#" uniqueCount="-1""#), Ok(()));
    }

    #[test]
    fn the_string_counts_are_checked_in_a_part_read_in_chunks() {
        let stop = AtomicBool::new(false);
        let mut xml = b"<?xml version=\"1.0\"?>".to_vec();
        xml.extend(std::iter::repeat_n(b' ', 200_000));
        xml.extend_from_slice(b"<sst uniqueCount=\"3000000\"><si><t>a</t></si></sst>");
        let refused = check_string_counts(&xml[..], &stop).unwrap_err();
        assert!(matches!(refused, Halt::Exceeded(_)), "{refused:?}");
        stop.store(true, Ordering::Relaxed);
        assert_eq!(check_string_counts(&xml[..], &stop), Err(Halt::Stopped));
    }

    #[test]
    fn a_grid_stops_at_each_limit_and_lays_out_rows_from_a1() {
        let stop = AtomicBool::new(false);
        let mut grid = Grid::new("名册", &stop);
        grid.push(2, 1, Cell::Text("姓名".into())).unwrap();
        grid.push(0, 0, Cell::Bool(true)).unwrap();
        let rows = grid.into_rows().unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], vec![Cell::Bool(true)]);
        assert!(rows[1].is_empty());
        assert_eq!(rows[2], vec![Cell::Empty, Cell::Text("姓名".into())]);

        let mut grid = Grid::new("名册", &stop);
        let refused = grid.push(1_999_999, 0, Cell::Bool(true)).unwrap_err();
        assert_eq!(
            refused,
            Halt::Exceeded(Exceeded("工作表“名册”共 2,000,000 行，最多读 100,000 行".into()))
        );
        let refused = grid.push(0, 16_383, Cell::Bool(true)).unwrap_err();
        assert_eq!(
            refused,
            Halt::Exceeded(Exceeded(
                "工作表“名册”有 16,384 列（到 XFD 列），最多读 1,000 列".into()
            ))
        );
        let long = Cell::Text("党".repeat(MAX_TEXT_CHARS + 1));
        let refused = grid.push(4, 2, long).unwrap_err();
        assert_eq!(
            refused,
            Halt::Exceeded(Exceeded(
                "工作表“名册”的 C5 单元格有 32,768 个字，最多读 32,767 个".into()
            ))
        );
        // Exactly at the limit is read.
        grid.push(4, 2, Cell::Text("党".repeat(MAX_TEXT_CHARS))).unwrap();

        // Each row counts to its last cell: 200 rows reaching column 999.
        let mut grid = Grid::new("名册", &stop);
        for row in 0..MAX_CELLS / 999 + 1 {
            grid.push(row, 998, Cell::Bool(true)).unwrap();
        }
        let refused = grid.into_rows().unwrap_err();
        assert!(refused.0.starts_with("工作表“名册”共 2,000,"), "{}", refused.0);

        stop.store(true, Ordering::Relaxed);
        let mut grid = Grid::new("名册", &stop);
        assert_eq!(grid.push(0, 0, Cell::Bool(true)), Err(Halt::Stopped));
    }
}
