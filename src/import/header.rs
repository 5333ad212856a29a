//! Finding the header row and knowing which column holds which field.
//!
//! Sheets often open with a title row ("XX支部党员花名册") and sometimes a
//! line with the date of the list, so the header is the first of the top
//! rows that has a 姓名 column — with the row below or above when the
//! header spans two (see [`find_header`]). Headers are compared after removing spaces,
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
    /// 流出 or 流入.
    FlowDirection,
    /// 流动去向.
    Whereabouts,
    /// How to reach a mobile member.
    MobileContact,
    Hardship,
    /// The day a member arrived by transfer (转入).
    TransferInDate,
    /// The branch they came from.
    TransferFrom,
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
            ImportField::FlowDirection => "流动方向",
            ImportField::Whereabouts => "流动去向",
            ImportField::MobileContact => "流动党员联系方式",
            ImportField::Hardship => "困难党员",
            ImportField::TransferInDate => "转入日期",
            ImportField::TransferFrom => "转自",
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
        super::limits::column_letters(self.index)
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
        ImportField::FlowDirection,
        &[
            "流动方向",
            "流出或流入",
            "流出/流入",
            "流入/流出",
            "流出流入",
            "流入流出",
        ],
    ),
    (
        ImportField::Whereabouts,
        &["流动去向", "外出地点", "流向", "外出去向", "流动地点", "流出地点"],
    ),
    (
        ImportField::MobileContact,
        &["联系方式", "外出联系方式", "流动党员联系方式"],
    ),
    (ImportField::Hardship, &["困难党员", "是否困难党员"]),
    (
        ImportField::TransferInDate,
        &["转入日期", "转入时间", "转入本支部日期", "转入本支部时间"],
    ),
    (
        ImportField::TransferFrom,
        &["转自", "转入自", "从何处转入", "由何处转入", "原所在党组织"],
    ),
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

/// Where the header is and how its columns were understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// 0-based index of its first row.
    pub first: usize,
    /// How many rows it spans: 1 or 2.
    pub rows: usize,
    /// Each non-empty header cell, in sheet order.
    pub columns: Vec<ColumnMapping>,
}

/// Finds the header: the first of the top rows with a 姓名 column, alone
/// or with the row below or above it when the two together name more
/// fields — 姓名 merged over two rows with 出生年月, 入党时间 … under a
/// group heading such as 基本情况, or column names split over two rows
/// (出生 / 年月). A field named twice keeps both columns (see
/// [`ImportField::joins_columns`]). 联系方式 means the phone when the sheet
/// has no other phone column.
pub fn find_header(rows: &[Vec<Cell>]) -> Option<Header> {
    let is_name = |c: &Cell| matches!(c, Cell::Text(t) if field_of(t) == Some(ImportField::Name));
    let index = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|row| row.iter().any(is_name))?;
    let empty = Vec::new();
    let row = |i: usize| rows.get(i).unwrap_or(&empty);
    let name_columns: Vec<usize> = row(index)
        .iter()
        .enumerate()
        .filter(|(_, c)| is_name(c))
        .map(|(i, _)| i)
        .collect();
    let below_is_header = name_columns
        .iter()
        .all(|i| row(index + 1).get(*i).is_none_or(Cell::is_empty));
    let mut best = Header {
        first: index,
        rows: 1,
        columns: columns_of(&empty, row(index)),
    };
    let mut candidates = Vec::new();
    if below_is_header && index + 1 < rows.len() {
        candidates.push((index, columns_of(row(index), row(index + 1))));
    }
    if index > 0 {
        candidates.push((index - 1, columns_of(row(index - 1), row(index))));
    }
    let mapped = |columns: &[ColumnMapping]| columns.iter().filter(|c| c.field.is_some()).count();
    for (first, columns) in candidates {
        if mapped(&columns) > mapped(&best.columns) {
            best = Header {
                first,
                rows: 2,
                columns,
            };
        }
    }
    leave_checklist_out(&mut best.columns);
    let has_phone = best.columns.iter().any(|c| c.field == Some(ImportField::Phone));
    let contact = best.columns.iter_mut().find(|c| normalize(&c.header) == "联系方式");
    if let Some(column) = contact.filter(|_| !has_phone) {
        column.field = Some(ImportField::Phone);
    }
    Some(best)
}

/// The program's own roster, the 党员情况 sheet of its export workbook,
/// ends with the campaign checklist (类别清楚, 基本信息, 去向清楚 … 全部完成):
/// how far each member is, not a member field. Those columns, the run of
/// checklist headings just before 全部完成, are not imported — under the
/// titles of older exports too, where the checklist's 党员类别 and 流动去向
/// (saying "农民", "—" or "清楚") had the names of the member's fields.
fn leave_checklist_out(columns: &mut [ColumnMapping]) {
    let Some(end) = columns.iter().position(|c| normalize(&c.header) == "全部完成") else {
        return;
    };
    let titles: Vec<&str> = crate::progress::checklist::Column::ALL
        .iter()
        .flat_map(|c| [c.title(), c.sheet_title()])
        .collect();
    for column in columns[..end].iter_mut().rev() {
        if !titles.contains(&normalize(&column.header).as_str()) {
            break;
        }
        column.field = None;
    }
}

/// The columns of a header over `upper` and `lower` (`upper` empty for a
/// one-row header). Per column: the lower name if it is known, else both
/// together (出生 + 年月), else the upper one over an empty lower cell (姓名
/// merged over both rows); a group heading (基本情况) is no column name.
fn columns_of(upper: &[Cell], lower: &[Cell]) -> Vec<ColumnMapping> {
    let text = |row: &[Cell], i: usize| {
        row.get(i)
            .filter(|c| !c.is_empty())
            .map(|c| c.to_string().split_whitespace().collect::<String>())
    };
    (0..upper.len().max(lower.len()))
        .filter_map(|index| {
            let (up, low) = (text(upper, index), text(lower, index));
            let both = up.iter().chain(&low).cloned().collect::<String>();
            let (header, field) = match (&up, &low) {
                (_, Some(low)) if field_of(low).is_some() => (low.clone(), field_of(low)),
                (Some(_), Some(_)) if field_of(&both).is_some() => (both.clone(), field_of(&both)),
                (Some(up), None) => (up.clone(), field_of(up)),
                (_, Some(low)) => (low.clone(), None),
                (None, None) => return None,
            };
            Some(ColumnMapping { index, header, field })
        })
        .collect()
}

/// How lines that are not members begin: totals, "nothing below", the
/// signatures under a printed form, notes. Compared with blanks removed.
const NOT_MEMBERS: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "共计",
    "以下空白",
    "以下无内容",
    "以下无",
    "制表人",
    "制表",
    "填表人",
    "填报人",
    "审核人",
    "审核",
    "审批人",
    "负责人",
    "备注",
    "注:",
    "注：",
    "说明",
    "填表说明",
    "填表日期",
    "制表日期",
    "填报日期",
];

/// Why a row is not a member, when it is not: a total, a signature line, a
/// note, or the header repeated on a printed sheet's next page. `name_columns`
/// are the 姓名 columns; the first filled cell of the row is looked at too,
/// since 合计 and 制表人 are often written in the 序号 column.
pub fn not_a_member(cells: &[Cell], name_columns: &[usize]) -> Option<&'static str> {
    let texts = || {
        let first = cells.iter().find(|c| !c.is_empty());
        name_columns
            .iter()
            .filter_map(|i| cells.get(*i))
            .chain(first)
            .filter_map(|c| match c {
                Cell::Text(t) => Some(t.split_whitespace().collect::<String>()),
                _ => None,
            })
    };
    if texts().any(|t| field_of(&t) == Some(ImportField::Name)) {
        return Some("重复的表头");
    }
    let marked = texts().any(|t| NOT_MEMBERS.iter().any(|m| t.starts_with(m)));
    marked.then_some("合计、签名或说明")
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
        let header = find_header(&rows).unwrap();
        assert_eq!((header.first, header.rows), (2, 1));
        let fields: Vec<_> = header.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![None, Some(ImportField::Name), Some(ImportField::Phone), None]
        );
    }
}
