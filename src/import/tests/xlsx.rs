//! An XLSX roster written with rust_xlsxwriter: a title row, real Excel
//! dates, day serials, text dates and the rows that must be skipped.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::*;
use crate::model::Ledger;
use crate::model::member::{Category, Gender, MemberStatus};

const HEADERS: [&str; 16] = [
    "序号",
    "姓  名",
    "性别",
    "民族",
    "出生\n年月",
    "入党时间",
    "正式/预备",
    "学历",
    "工作单位",
    "职务",
    "联系电话",
    "身份证号码",
    "是否领导干部",
    "党员类别",
    "流动去向",
    "籍贯",
];

enum V {
    S(&'static str),
    N(f64),
    D(u16, u8, u8),
    Id(&'static str),
}

fn write(sheet: &mut Worksheet, line: u32, cells: &[V]) {
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (col, value) in cells.iter().enumerate() {
        let (row, col) = (line - 1, col as u16);
        match value {
            V::S("") => {}
            V::S(s) => {
                sheet.write_string(row, col, *s).unwrap();
            }
            V::N(n) => {
                sheet.write_number(row, col, *n).unwrap();
            }
            V::D(y, m, d) => {
                let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                sheet.write_datetime_with_format(row, col, &dt, &date_format).unwrap();
            }
            V::Id(first17) => {
                sheet.write_string(row, col, id(first17)).unwrap();
            }
        }
    }
}

fn roster_xlsx(dir: &Path) -> PathBuf {
    use V::*;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("花名册").unwrap();
    sheet.write_string(0, 0, "红星村党支部党员花名册").unwrap();
    sheet.write_string(1, 0, "填报日期：2026年11月").unwrap();
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    #[rustfmt::skip]
    let rows: Vec<(u32, Vec<V>)> = vec![
        (4, vec![N(1.0), S("张  三"), S("男"), S("汉"), D(1965, 3, 1), D(1990, 7, 1), S("正式党员"), S("高中"), S("红星村"), S("党支部书记"), N(13_800_001_111.0), Id("11010519650301001"), S("是"), S("农民"), S(""), S("河南")]),
        (5, vec![N(2.0), S("李梅"), S("女"), S(""), N(25569.0), N(38412.0), S("正式"), S("大专"), S("红星村"), S(""), S("0371-6543 2100"), S(""), S("否"), S("在职")]),
        (6, vec![N(3.0), S("王建国"), S(""), S("回族"), S("1970/5/6"), S("2000年7月1日"), S(""), S("初中"), S(""), S(""), S(""), Id("41010219700506003")]),
        (7, vec![N(4.0), S("赵秀英"), S("女"), S("汉族"), S("1948.03"), S("19700701"), S("正式党员"), S("小学"), S(""), S(""), S(""), S(""), S(""), S("年老体弱")]),
        (8, vec![N(5.0), S("孙立"), S("男"), S("汉族"), S("1965年13月"), S("1990-07-01")]),
        (9, vec![N(6.0), S("周强"), S("男"), S("汉族"), S("1980-01-01"), S("2005-07-01"), S(""), S(""), S(""), S(""), S(""), S("110105198001010011")]),
        (10, vec![N(7.0), S(""), S("男"), S("汉族"), S("1980-01-01")]),
        (11, vec![N(8.0)]),
        (12, vec![N(9.0), S("张三"), S("男"), S("汉族"), N(1975.06), N(2005.1), S("正式党员")]),
        (13, vec![N(10.0), S("刘洋"), S("男"), S("汉族"), S("1998-09-10"), S("2026-06-30"), S("预备党员"), S("本科"), S("外出务工"), S(""), S("13912345678"), S(""), S(""), S("流动党员")]),
        (14, vec![N(11.0), S("陈刚"), S("男"), S("汉族"), S("1960-01-01"), S("1985-01-01"), S(""), S(""), S(""), S(""), S("138abc"), N(110_105_196_001_010_000.0)]),
    ];
    for (line, cells) in &rows {
        write(sheet, *line, cells);
    }
    book.add_worksheet().set_name("说明").unwrap();
    let path = dir.join("花名册.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn xlsx_roster_with_title_row_dates_and_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = roster_xlsx(dir.path());
    let table = read_sheet(&path, None).unwrap();
    assert_eq!(table.sheet_names, vec!["花名册", "说明"]);
    assert_eq!(table.sheet, "花名册");
    let preview = preview(&table, &[], today()).unwrap();

    assert_eq!(preview.header_row, 3);
    let unknown: Vec<&str> = preview.unknown_columns().map(|c| c.header.as_str()).collect();
    assert_eq!(unknown, vec!["籍贯"]);
    assert_eq!(preview.columns[4].header, "出生年月");
    assert_eq!(preview.columns[4].field, Some(ImportField::Birth));

    assert_eq!(
        names(&preview),
        vec![
            (4, "张三"),
            (5, "李梅"),
            (6, "王建国"),
            (7, "赵秀英"),
            (8, "孙立"),
            (9, "周强"),
            (12, "张三"),
            (13, "刘洋"),
            (14, "陈刚")
        ]
    );
    // Only a row without a name is left out; a bad cell empties its field.
    assert_eq!(reasons(&preview), vec!["第 10 行：没有填写姓名"]);
    let sun = row(&preview, 8);
    assert_eq!((sun.member.birth, sun.member.joined), (None, date(1990, 7, 1)));
    assert_eq!(
        sun.warnings_line().unwrap(),
        "第 8 行 孙立：出生年月“1965年13月”无法识别，已留空"
    );
    let zhou = row(&preview, 9);
    assert_eq!(
        (zhou.member.id_number.as_str(), zhou.member.birth),
        ("", date(1980, 1, 1))
    );
    assert_eq!(
        zhou.warnings,
        vec!["身份证号码“110105198001010011”校验位不对，已留空，请核对"]
    );
    let chen = row(&preview, 14);
    assert_eq!((chen.member.phone.as_str(), chen.member.id_number.as_str()), ("", ""));
    assert_eq!(
        (chen.member.birth, chen.member.joined),
        (date(1960, 1, 1), date(1985, 1, 1))
    );
    assert_eq!(
        chen.warnings_line().unwrap(),
        "第 14 行 陈刚：联系电话“138abc”含有数字以外的字符，已留空；\
         身份证号码“110105196001010000”被 Excel 存成了数字，后几位已丢失，已留空；请把该列设为文本后重新导入"
    );

    // Real Excel dates, a float phone, 汉 → 汉族, joined columns of 单位/职务.
    let zhang = &row(&preview, 4).member;
    assert_eq!((zhang.birth, zhang.joined), (date(1965, 3, 1), date(1990, 7, 1)));
    assert_eq!(zhang.phone, "13800001111");
    assert_eq!(zhang.ethnicity, "汉族");
    assert_eq!(zhang.position, "红星村 党支部书记");
    assert_eq!(zhang.id_number, id("11010519650301001"));
    assert!(zhang.leading_cadre);
    assert_eq!(zhang.category, Some(Category::Farmer));
    assert_eq!(row(&preview, 4).warnings, vec!["与表中第 12 行同名，请核对是否重复"]);

    // Excel serials as plain numbers; no ID and a given gender: no warning.
    let li = row(&preview, 5);
    assert_eq!(
        (li.member.birth, li.member.joined),
        (date(1970, 1, 1), date(2005, 3, 1))
    );
    assert_eq!(
        (li.member.gender, li.member.ethnicity.as_str()),
        (Gender::Female, "汉族")
    );
    assert_eq!(li.member.phone, "0371-6543 2100");
    assert!(li.warnings.is_empty(), "{:?}", li.warnings);

    // Text dates; gender taken from the 身份证号.
    let wang = row(&preview, 6);
    assert_eq!(
        (wang.member.birth, wang.member.joined),
        (date(1970, 5, 6), date(2000, 7, 1))
    );
    assert_eq!(
        (wang.member.gender, wang.member.ethnicity.as_str()),
        (Gender::Male, "回族")
    );
    assert!(wang.warnings.is_empty(), "{:?}", wang.warnings);

    let zhao = row(&preview, 7);
    assert_eq!(
        (zhao.member.birth, zhao.member.joined),
        (date(1948, 3, 1), date(1970, 7, 1))
    );
    assert_eq!(zhao.member.category, Some(Category::ElderlyFrail));

    // 1975.06 and 2005.1 stored as numbers: months; 2005.1 is flagged.
    let zhang2 = row(&preview, 12);
    assert_eq!(
        (zhang2.member.birth, zhang2.member.joined),
        (date(1975, 6, 1), date(2005, 1, 1))
    );
    assert_eq!(
        zhang2.warnings,
        vec![
            "入党时间“2005.1”按 2005-01-01 导入；若是 10 月，请在表中写成文本“2005.10”",
            "与表中第 4 行同名，请核对是否重复"
        ]
    );

    // A probationary mobile member without due date or whereabouts.
    let liu = row(&preview, 13);
    assert_eq!(liu.member.status, MemberStatus::Probationary);
    assert_eq!(liu.member.probation_due, date(2027, 6, 30));
    assert_eq!(liu.member.mobile.contact, "13912345678");
    assert_eq!(
        liu.warnings,
        vec![
            "未填写预备期满时间，已按入党时间加一年计为 2027-06-30",
            "流动党员须写明去向和联系方式（四个清楚）"
        ]
    );

    let mut ledger = Ledger {
        last_id: 40,
        ..Ledger::default()
    };
    // Added as the window and `zhibu import-members` add them: through the
    // edit core, each with a fresh id.
    let added = preview.to_add(false);
    assert_eq!(added.len(), 9);
    assert!(preview.to_update().is_empty());
    let command = crate::edit::Command::ImportMembers {
        added,
        updated: Vec::new(),
    };
    crate::edit::apply(&mut ledger, command).unwrap();
    let ids: Vec<u64> = ledger.members.iter().map(|m| m.id.0).collect();
    assert_eq!(ids, (41..=49).collect::<Vec<_>>());

    // Importing the same sheet again finds every member as it is, by 身份证号
    // or name and birth date; 孙立 has neither, so only the name matches.
    let again = super::preview(&table, &ledger.members, today()).unwrap();
    assert_eq!(
        again.summary(),
        "新增 0 人，更新 0 人，相同 8 人，可能重复 1 人；不是党员的行 0 行，无法读取 1 行"
    );
    let sun = row(&again, 8);
    assert_eq!(
        sun.duplicate_note(&ledger.members).unwrap(),
        "名册中已有同名党员：孙立（未填出生日期），请核对是否同一人"
    );
    assert!(again.to_add(false).is_empty());
    assert_eq!(again.to_add(true).len(), 1);
}

#[test]
fn sheets_are_chosen_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = roster_xlsx(dir.path());
    let err = read_sheet(&path, Some("Sheet1")).unwrap_err();
    let shown = format!("{err}");
    assert!(
        shown.starts_with("文件中没有名为“Sheet1”的工作表，现有的工作表：花名册、说明（"),
        "{shown}"
    );
    assert!(shown.ends_with("花名册.xlsx）"), "{shown}");
    assert!(matches!(
        read_sheet(&path, Some("说明")),
        Err(ImportError::EmptySheet { .. })
    ));
    assert_eq!(read_sheet(&path, Some("花名册")).unwrap().sheet, "花名册");
}
