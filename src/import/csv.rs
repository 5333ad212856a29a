//! Comma-separated (and tab-separated) text files.
//!
//! Chinese Excel and WPS save "CSV" in the system code page, GBK, unless
//! the user picks "CSV UTF-8"; Excel's "Unicode text" is UTF-16 with tabs.
//! So the bytes are decoded by their byte-order mark, else as UTF-8 when
//! they are UTF-8 (a few broken sequences become U+FFFD, which the import
//! flags on their row, rather than the whole file read as GBK gibberish),
//! else as GB18030 (a superset of GBK). Fields follow
//! the usual rules: quotes around a field allow commas and line breaks in
//! it, and a doubled quote inside quotes is one quote.

use std::sync::atomic::{AtomicBool, Ordering};

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use super::Cell;
use super::limits::{self, Exceeded, Halt, grouped};

/// The text of a delimited file, whatever encoding it was saved in.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return UTF_16LE.decode_with_bom_removal(bytes).0.into_owned();
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return UTF_16BE.decode_with_bom_removal(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) if mostly_utf8(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        Err(_) => GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 with a few broken
/// sequences (a cell cut in the middle of a character, one pasted in from
/// elsewhere): many more well-formed non-ASCII characters than broken
/// sequences. GBK text read as UTF-8 is mostly broken sequences — a GBK
/// character only now and then looks like a two-byte UTF-8 one.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    good >= 8 * broken
}

/// Splits the text into rows of text cells. The delimiter is a tab when the
/// first line has tabs and no commas, otherwise a comma. Stops at the first
/// of the [limits](super::limits) the text goes over (rows, columns, cells,
/// one cell's text), or at `stop`.
pub fn parse(text: &str, sheet: &str, stop: &AtomicBool) -> Result<Vec<Vec<Cell>>, Halt> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        '\t'
    } else {
        ','
    };
    let mut rows = Rows::new(sheet, text);
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let mut read = 0usize;
    while let Some(c) = chars.next() {
        read += 1;
        if read.is_multiple_of(65_536) && stop.load(Ordering::Relaxed) {
            return Err(Halt::Stopped);
        }
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            c if c == delimiter => rows.push(std::mem::take(&mut field))?,
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                rows.push(std::mem::take(&mut field))?;
                rows.end_row()?;
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !rows.row.is_empty() {
        rows.push(field)?;
        rows.end_row()?;
    }
    Ok(rows.done)
}

/// The rows parsed so far, counted against the limits.
struct Rows<'s> {
    sheet: &'s str,
    /// The whole text, to count its lines when there are too many.
    text: &'s str,
    done: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cells: usize,
}

impl<'s> Rows<'s> {
    fn new(sheet: &'s str, text: &'s str) -> Self {
        Self {
            sheet,
            text,
            done: Vec::new(),
            row: Vec::new(),
            cells: 0,
        }
    }

    /// Ends a field of the current row.
    fn push(&mut self, text: String) -> Result<(), Halt> {
        let (row, column) = (self.done.len(), self.row.len());
        let value = cell(text);
        limits::check_text(self.sheet, row, column, &value)?;
        if column >= limits::MAX_COLUMNS {
            return Err(Exceeded(format!(
                "工作表“{}”第 {} 行有 {} 列以上，最多读 {} 列",
                self.sheet,
                grouped(row as u64 + 1),
                grouped(column as u64 + 1),
                grouped(limits::MAX_COLUMNS as u64)
            ))
            .into());
        }
        self.cells += 1;
        if self.cells > limits::MAX_CELLS {
            return Err(Exceeded(format!(
                "工作表“{}”读到第 {} 行已有 {} 个单元格，最多读 {} 个",
                self.sheet,
                grouped(row as u64 + 1),
                grouped(self.cells as u64),
                grouped(limits::MAX_CELLS as u64)
            ))
            .into());
        }
        self.row.push(value);
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), Halt> {
        if self.done.len() >= limits::MAX_ROWS {
            // Lines, not rows: a quoted field may hold line breaks, but
            // this is only said, never used.
            return Err(Exceeded(format!(
                "工作表“{}”共约 {} 行，最多读 {} 行",
                self.sheet,
                grouped(self.text.lines().count() as u64),
                grouped(limits::MAX_ROWS as u64)
            ))
            .into());
        }
        self.done.push(std::mem::take(&mut self.row));
        Ok(())
    }
}

fn cell(text: String) -> Cell {
    if text.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Vec<Cell>> {
        super::parse(text, "名册", &AtomicBool::new(false)).unwrap()
    }

    fn texts(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(ToString::to_string).collect())
            .collect()
    }

    #[test]
    fn quotes_commas_and_line_breaks() {
        let text = "姓名,职务,备注\r\n张三,\"村委会,主任\",\"说了\"\"好\"\"\n第二行\"\r\n李四,,\n";
        let rows = parse(text);
        assert_eq!(
            texts(&rows),
            vec![
                vec!["姓名", "职务", "备注"],
                vec!["张三", "村委会,主任", "说了\"好\"\n第二行"],
                vec!["李四", "", ""],
            ]
        );
        assert_eq!(rows[2][1], Cell::Empty);
    }

    #[test]
    fn last_line_without_newline_and_tabs() {
        assert_eq!(
            texts(&parse("姓名\t性别\n王芳\t女")),
            vec![vec!["姓名", "性别"], vec!["王芳", "女"]]
        );
    }

    #[test]
    fn rows_columns_cells_and_long_text_stop_at_their_limits() {
        let stop = AtomicBool::new(false);
        let many_rows = "姓名\n".repeat(limits::MAX_ROWS + 5);
        let refused = super::parse(&many_rows, "名册", &stop).unwrap_err();
        assert_eq!(
            refused,
            Halt::Exceeded(Exceeded("工作表“名册”共约 100,005 行，最多读 100,000 行".into()))
        );
        let wide = ",".repeat(limits::MAX_COLUMNS);
        let refused = super::parse(&wide, "名册", &stop).unwrap_err();
        assert_eq!(
            refused,
            Halt::Exceeded(Exceeded("工作表“名册”第 1 行有 1,001 列以上，最多读 1,000 列".into()))
        );
        let line = format!("{}\n", ",".repeat(999));
        let refused = super::parse(&line.repeat(2_001), "名册", &stop).unwrap_err();
        assert_eq!(
            refused,
            Halt::Exceeded(Exceeded(
                "工作表“名册”读到第 2,001 行已有 2,000,001 个单元格，最多读 2,000,000 个".into()
            ))
        );
        let long = format!("姓名,备注\n张三,\"{}\"\n", "长".repeat(40_000));
        let refused = super::parse(&long, "名册", &stop).unwrap_err();
        assert_eq!(
            refused,
            Halt::Exceeded(Exceeded(
                "工作表“名册”的 B2 单元格有 40,000 个字，最多读 32,767 个".into()
            ))
        );
        stop.store(true, Ordering::Relaxed);
        assert_eq!(super::parse(&many_rows, "名册", &stop), Err(Halt::Stopped));
    }

    #[test]
    fn decodes_bom_utf8_and_gbk() {
        let text = "姓名,民族\n阿依古丽·买买提,维吾尔族\n";
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&with_bom), text);
        assert_eq!(decode(text.as_bytes()), text);
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        assert_eq!(decode(&gbk), text);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), text);
    }

    #[test]
    fn broken_utf8_keeps_the_rest_and_gbk_stays_gbk() {
        let text = "姓名,性别,民族\n王秀英,女,汉族\n李强,男,回族\n张保国,男,汉族\n";
        // The last byte of 秀 lost: one broken sequence among many hanzi.
        let mut broken = text.as_bytes().to_vec();
        let at = text.find('秀').unwrap() + 2;
        broken.remove(at);
        let decoded = decode(&broken);
        assert!(decoded.contains("王\u{FFFD}英,女,汉族"), "{decoded}");
        assert!(decoded.starts_with("姓名,性别,民族"));
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk), text);
    }
}
