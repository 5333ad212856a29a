//! Finding the header row and knowing which column holds which field.
//!
//! Sheets often open with a title row ("XX支部党员花名册") and sometimes a
//! line with the date of the list, so the header is the first of the top
//! rows that has a 姓名 column. Headers are compared after removing spaces,
//! line breaks, full-width forms, asterisks and anything in brackets
//! ("身份证号（18位）"), and each field has the synonyms branches use.

use super::Cell;

/// How many rows from the top are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// A member field a column can be imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportField {
    Name,
    Gender,
    Ethnicity,
    Birth,
    Joined,
    /// 正式党员 or 预备党员.
    Status,
    ProbationDue,
    Education,
    Position,
    Phone,
    IdNumber,
    LeadingCadre,
    Committee,
    Category,
    /// 流动去向.
    Whereabouts,
    /// How to reach a mobile member.
    MobileContact,
    Hardship,
    Notes,
}

impl ImportField {
    /// The field's name in the member form, for the column preview.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::Name => "姓名",
            ImportField::Gender => "性别",
            ImportField::Ethnicity => "民族",
            ImportField::Birth => "出生日期",
            ImportField::Joined => "入党时间",
            ImportField::Status => "正式/预备",
            ImportField::ProbationDue => "预备期满日期",
            ImportField::Education => "学历",
            ImportField::Position => "工作单位及职务",
            ImportField::Phone => "联系电话",
            ImportField::IdNumber => "身份证号",
            ImportField::LeadingCadre => "领导干部",
            ImportField::Committee => "支委",
            ImportField::Category => "党员类别",
            ImportField::Whereabouts => "流动去向",
            ImportField::MobileContact => "流动党员联系方式",
            ImportField::Hardship => "困难党员",
            ImportField::Notes => "备注",
        }
    }

    /// Whether several columns of this field are joined (工作单位 + 职务)
    /// rather than the first filled one taken (手机 + 固定电话).
    pub fn joins_columns(self) -> bool {
        matches!(self, ImportField::Position | ImportField::Notes)
    }
}

/// How one column of the header row was understood.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMapping {
    /// 0-based column index (0 = column A).
    pub index: usize,
    /// The header as written, blanks and line breaks removed.
    pub header: String,
    /// The member field it fills, or `None` when the column is not imported.
    pub field: Option<ImportField>,
}

impl ColumnMapping {
    /// The column's letters as Excel shows them: A, B, …, Z, AA, ….
    pub fn letter(&self) -> String {
        let mut n = self.index + 1;
        let mut letters = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(char::from(b'A' + rem as u8));
            n = (n - 1) / 26;
        }
        letters.iter().rev().collect()
    }

    /// Whether this is a row-number column (序号), which is left out on purpose.
    pub fn is_serial(&self) -> bool {
        is_serial(&self.header)
    }
}

/// Header spellings, after [`normalize`], for each field.
const SYNONYMS: &[(ImportField, &[&str])] = &[
    (ImportField::Name, &["姓名", "党员姓名", "名字"]),
    (ImportField::Gender, &["性别"]),
    (ImportField::Ethnicity, &["民族"]),
    (
        ImportField::Birth,
        &["出生日期", "出生年月", "出生时间", "出生年月日", "生日"],
    ),
    (
        ImportField::Joined,
        &["入党时间", "入党日期", "入党年月", "入党年月日", "加入党组织时间"],
    ),
    (
        ImportField::Status,
        &[
            "党员类型",
            "党籍状态",
            "正式或预备",
            "正式/预备",
            "正式预备",
            "人员类别",
            "党员身份",
        ],
    ),
    (
        ImportField::ProbationDue,
        &[
            "转正时间",
            "转正日期",
            "预备期满",
            "预备期满时间",
            "预备期满日期",
            "应转正时间",
        ],
    ),
    (ImportField::Education, &["学历", "文化程度", "最高学历"]),
    (
        ImportField::Position,
        &[
            "职务",
            "工作单位及职务",
            "工作单位",
            "单位职务",
            "单位及职务",
            "现任职务",
            "工作单位和职务",
            "单位",
        ],
    ),
    (
        ImportField::Phone,
        &["联系电话", "电话", "手机", "手机号码", "手机号", "电话号码", "固定电话"],
    ),
    (
        ImportField::IdNumber,
        &["身份证号", "公民身份号码", "身份证号码", "身份证"],
    ),
    (
        ImportField::LeadingCadre,
        &["领导干部", "是否领导干部", "党员领导干部", "是否党员领导干部"],
    ),
    (
        ImportField::Committee,
        &["支委", "是否支委", "支委成员", "是否支委成员"],
    ),
    (ImportField::Category, &["类别", "党员类别", "党员分类"]),
    (
        ImportField::Whereabouts,
        &["流动去向", "外出地点", "流向", "外出去向", "流动地点", "流出地点"],
    ),
    (
        ImportField::MobileContact,
        &["联系方式", "外出联系方式", "流动党员联系方式"],
    ),
    (ImportField::Hardship, &["困难党员", "是否困难党员"]),
    (ImportField::Notes, &["备注", "说明"]),
];

/// Headers that are known and deliberately not imported (no "ignored" note).
const SERIAL: &[&str] = &["序号", "编号", "No"];

/// A header cell reduced to compare with the synonyms.
pub fn normalize(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        };
        match c {
            '(' | '【' | '[' | '〔' => depth += 1,
            ')' | '】' | ']' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | ':' | '：' | '.' | '、') => {}
            c => out.push(c),
        }
    }
    out
}

/// The field a header names, if any.
pub fn field_of(header: &str) -> Option<ImportField> {
    let key = normalize(header);
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(field, _)| *field)
}

/// Whether the header is a row-number column.
pub fn is_serial(header: &str) -> bool {
    SERIAL.contains(&normalize(header).as_str())
}

/// The header row (0-based index) and each non-empty header cell with the
/// field it maps to. A field named twice keeps both columns (see
/// [`ImportField::joins_columns`]). 联系方式 means the phone when the sheet
/// has no other phone column.
pub fn find_header(rows: &[Vec<Cell>]) -> Option<(usize, Vec<ColumnMapping>)> {
    let is_name = |c: &Cell| matches!(c, Cell::Text(t) if field_of(t) == Some(ImportField::Name));
    let index = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|row| row.iter().any(is_name))?;
    let mut columns: Vec<ColumnMapping> = rows[index]
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(index, c)| {
            let header = c.to_string().split_whitespace().collect::<String>();
            let field = field_of(&header);
            ColumnMapping { index, header, field }
        })
        .collect();
    let has_phone = columns.iter().any(|c| c.field == Some(ImportField::Phone));
    let contact = columns.iter_mut().find(|c| normalize(&c.header) == "联系方式");
    if let Some(column) = contact.filter(|_| !has_phone) {
        column.field = Some(ImportField::Phone);
    }
    Some((index, columns))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_compared_loosely() {
        assert_eq!(field_of(" 姓　名 "), Some(ImportField::Name));
        assert_eq!(field_of("出生\n年月"), Some(ImportField::Birth));
        assert_eq!(field_of("身份证号（18位）"), Some(ImportField::IdNumber));
        assert_eq!(field_of("*入党时间"), Some(ImportField::Joined));
        assert_eq!(field_of("正式／预备"), Some(ImportField::Status));
        assert_eq!(field_of("是否困难党员"), Some(ImportField::Hardship));
        assert_eq!(field_of("籍贯"), None);
        assert!(is_serial("序 号"));
    }

    #[test]
    fn header_below_a_title_and_contact_as_phone() {
        let text = |s: &str| Cell::Text(s.to_owned());
        let rows = vec![
            vec![text("某村党支部党员花名册")],
            vec![],
            vec![text("序号"), text("姓名"), text("联系方式"), text("籍贯")],
        ];
        let (index, columns) = find_header(&rows).unwrap();
        assert_eq!(index, 2);
        let fields: Vec<_> = columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![None, Some(ImportField::Name), Some(ImportField::Phone), None]
        );
    }
}
