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

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use super::Cell;

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
/// first line has tabs and no commas, otherwise a comma.
pub fn parse(text: &str) -> Vec<Vec<Cell>> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        '\t'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
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
            c if c == delimiter => row.push(cell(std::mem::take(&mut field))),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(cell(std::mem::take(&mut field)));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(cell(field));
        rows.push(row);
    }
    rows
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
