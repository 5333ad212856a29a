//! Roster sheets as branches really keep them, written here or in
//! `common::sheets` (xlsx with merged cells by rust_xlsxwriter, csv in GBK
//! by encoding_rs), one per situation, read through `import::read_sheet` and `import::preview` and
//! applied through the edit core as the window and the CLI apply them.
//! The two-row header and the cover-then-roster workbooks are also read as
//! committed .xls and .ods fixtures, converted once from these xlsx files by
//! LibreOffice (`tests/fixtures/make_sheet_fixtures.sh`).
// Test helpers: a failed unwrap is a failed test, with its place.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::sheets::{HEADER, cover_then_roster, write_rows};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use zhibu::edit::{self, Command};
use zhibu::import::{self, Match, MatchedBy, Preview};
use zhibu::model::member::{Category, FlowDirection, Gender, MemberStatus, MobileInfo, Transfer};
use zhibu::model::{Date, Ledger, Member, MemberId, Stage};
use zhibu::report::{ExportOptions, export_package};

fn today() -> Date {
    Date::constant(2026, 11, 24)
}

fn date(y: i16, m: i8, d: i8) -> Option<Date> {
    Some(Date::constant(y, m, d))
}

/// A valid 身份证号 from its first 17 digits.
fn id(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize])
}

fn read(path: &Path, existing: &[Member]) -> (import::Table, Preview) {
    let table = import::read_sheet(path, None).unwrap();
    let preview = import::preview(&table, existing, today()).unwrap();
    (table, preview)
}

fn names(preview: &Preview) -> Vec<(usize, &str)> {
    preview.rows.iter().map(|r| (r.line, r.member.name.as_str())).collect()
}

fn member<'p>(preview: &'p Preview, name: &str) -> &'p import::PreviewRow {
    preview.rows.iter().find(|r| r.member.name == name).unwrap()
}

/// Applies the preview as the window's 确认导入 does.
fn apply(ledger: &mut Ledger, preview: &Preview, with_duplicates: bool) {
    let command = Command::ImportMembers {
        added: preview.to_add(with_duplicates),
        updated: preview.to_update(),
    };
    edit::apply(ledger, command).unwrap();
}

/// A printed roster: two pages, the header repeated on the second, a
/// total, "以下空白", the signature line and a note under the table.
fn printed_roster(dir: &Path) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("党员花名册").unwrap();
    let zhang = id("41018319580412001");
    let li = id("41018319630920002");
    write_rows(sheet, 1, &[&["东风社区党支部党员花名册"], &HEADER]);
    #[rustfmt::skip]
    write_rows(sheet, 3, &[
        &["1", "张保国", "男", "1958.04", "1982-07-01", "正式党员", "13837100001", &zhang],
        &["2", "李秀兰", "女", "1963.09", "1988-06-15", "正式党员", "13937100002", &li],
        &["第 1 页"],
        &HEADER,
        &["3", "王  芳", "女", "1980-03-05", "2003-07-01", "在职", "13800001111", ""],
        &["合  计", "3 人"],
        &["", "以下空白"],
        &["制表人：刘红", "", "", "审核人：陈明", "", "填表日期：2026年11月20日"],
        &["备注：党员类别按县委组织部口径填写"],
    ]);
    let path = dir.join("东风社区花名册.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn totals_signatures_notes_and_a_repeated_header_are_not_members() {
    let dir = tempfile::tempdir().unwrap();
    let (_, preview) = read(&printed_roster(dir.path()), &[]);
    assert_eq!(names(&preview), vec![(3, "张保国"), (4, "李秀兰"), (7, "王芳")]);
    let not_members: Vec<(usize, &str, &str)> = preview
        .not_members
        .iter()
        .map(|r| (r.line, r.kind, r.text.as_str()))
        .collect();
    assert_eq!(
        not_members,
        vec![
            (
                6,
                "重复的表头",
                "序号 姓名 性别 出生年月 入党时间 党员类别 联系电话 身份证号码"
            ),
            (8, "合计、签名或说明", "合  计 3 人"),
            (9, "合计、签名或说明", "以下空白"),
            (
                10,
                "合计、签名或说明",
                "制表人：刘红 审核人：陈明 填表日期：2026年11月20日"
            ),
            (11, "合计、签名或说明", "备注：党员类别按县委组织部口径填写"),
        ]
    );
    // "第 1 页" has no name and nothing in a member column: left aside quietly.
    assert!(preview.skipped.is_empty(), "{:?}", preview.skipped);
    assert_eq!(
        preview.summary(),
        "新增 3 人，更新 0 人，相同 0 人，可能重复 0 人；不是党员的行 5 行，无法读取 0 行"
    );
    assert_eq!(preview.to_add(false).len(), 3);
}

#[test]
fn a_numeric_id_empties_the_field_and_the_warning_names_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    write_rows(sheet, 1, &[&HEADER]);
    let text = Format::new().set_num_format("@");
    // Rows 2–8 left empty (deleted members); row 9: the ID typed into a number cell, as Excel keeps it.
    sheet.write_string(8, 1, "张保国").unwrap();
    sheet.write_string(8, 2, "男").unwrap();
    sheet.write_string(8, 3, "1958-04-12").unwrap();
    sheet.write_string_with_format(8, 4, "1982年7月1日", &text).unwrap();
    sheet.write_number(8, 6, 13_837_100_001.0).unwrap();
    sheet.write_number(8, 7, 410_183_195_804_120_000.0).unwrap();
    // Row 10: a joining date before the birth date and a phone with letters.
    write_rows(
        sheet,
        10,
        &[&[
            "",
            "李秀兰",
            "女",
            "1990-01-01",
            "1988-06-15",
            "",
            "电话13937100002",
            "",
        ]],
    );
    let path = dir.path().join("数字身份证.xlsx");
    book.save(&path).unwrap();

    let (_, preview) = read(&path, &[]);
    assert!(preview.skipped.is_empty(), "{:?}", preview.skipped);
    let zhang = member(&preview, "张保国");
    assert_eq!(zhang.line, 9);
    assert_eq!(
        (zhang.member.birth, zhang.member.joined),
        (date(1958, 4, 12), date(1982, 7, 1))
    );
    assert_eq!(
        (zhang.member.phone.as_str(), zhang.member.id_number.as_str()),
        ("13837100001", "")
    );
    assert_eq!(zhang.member.gender, Gender::Male);
    assert_eq!(
        zhang.warnings_line().unwrap(),
        "第 9 行 张保国：身份证号码“410183195804120000”被 Excel 存成了数字，后几位已丢失，已留空；请把该列设为文本后重新导入"
    );
    let li = member(&preview, "李秀兰");
    assert_eq!((li.member.birth, li.member.joined), (date(1990, 1, 1), None));
    assert_eq!(li.member.phone, "");
    assert_eq!(
        li.warnings_line().unwrap(),
        "第 10 行 李秀兰：联系电话“电话13937100002”含有数字以外的字符，已留空；入党时间应晚于出生日期，已留空"
    );
}

#[test]
fn full_and_probationary_in_the_category_column_set_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("党员类别.csv");
    let text = "序号,姓名,性别,出生日期,入党时间,党员类别,预备期满时间,流动去向\r\n\
                1,王建国,男,1958-04-12,1982-07-01,正式党员,,\r\n\
                2,陈晓燕,女,1981-05-16,2026-07-01,预备党员,2027-07-01,\r\n\
                3,周海涛,男,1985-03-22,2026-05-20,预备党员,,\r\n\
                4,刘春生,男,1972-11-08,1996-07-01,正式党员、流动党员,,广东省东莞市\r\n\
                5,孙桂英,女,1948-12-01,1975-03-01,离退休,,\r\n\
                6,马明,男,1966-01-01,,预备,,\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    std::fs::write(&path, gbk).unwrap();
    let (_, preview) = read(&path, &[]);
    let status = |name: &str| {
        let m = &member(&preview, name).member;
        (m.status, m.probation_due, m.category)
    };
    assert_eq!(status("王建国"), (MemberStatus::Full, None, None));
    assert_eq!(status("陈晓燕"), (MemberStatus::Probationary, date(2027, 7, 1), None));
    assert_eq!(status("周海涛"), (MemberStatus::Probationary, date(2027, 5, 20), None));
    assert_eq!(status("刘春生"), (MemberStatus::Full, None, Some(Category::Mobile)));
    assert_eq!(status("孙桂英"), (MemberStatus::Full, None, Some(Category::Retired)));
    for name in ["王建国", "陈晓燕", "孙桂英"] {
        assert!(
            member(&preview, name).warnings.is_empty(),
            "{name}: {:?}",
            member(&preview, name).warnings
        );
    }
    assert_eq!(
        member(&preview, "周海涛").warnings,
        vec!["未填写预备期满时间，已按入党时间加一年计为 2027-05-20"]
    );
    // 预备 without any date: the model needs one, so full for now, and said.
    assert_eq!(status("马明"), (MemberStatus::Full, None, None));
    assert_eq!(
        member(&preview, "马明").warnings_line().unwrap(),
        "第 7 行 马明：写明是预备党员，但没有入党时间或预备期满时间，暂按正式党员导入，请在名册中补填"
    );
}

/// The branch's sheet, first as imported, then as corrected.
fn roster_csv(dir: &Path, name: &str, rows: &[[&str; 8]]) -> PathBuf {
    let mut text = HEADER.join(",");
    text.push_str("\r\n");
    for row in rows {
        text.push_str(&row.join(","));
        text.push_str("\r\n");
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_corrected_sheet_imported_again_updates_the_members_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let zhang = id("41018319580412001");
    let li = id("41018319630920002");
    let first = roster_csv(
        dir.path(),
        "第一次.csv",
        &[
            [
                "1",
                "张保国",
                "男",
                "1958-04-12",
                "1982-07-01",
                "农民",
                "13837100001",
                &zhang,
            ],
            [
                "2",
                "李秀兰",
                "女",
                "1963-09-20",
                "1988-06-15",
                "农民",
                "13937100002",
                "",
            ],
            ["3", "王芳", "女", "1980-03-05", "2003-07-01", "在职", "", ""],
            ["4", "赵六", "男", "1990-02-01", "2015-07-01", "", "", ""],
        ],
    );
    let mut ledger = Ledger::default();
    let (_, preview) = read(&first, &ledger.members);
    apply(&mut ledger, &preview, false);
    let ids: Vec<(u64, &str)> = ledger.members.iter().map(|m| (m.id.0, m.name.as_str())).collect();
    assert_eq!(ids, vec![(1, "张保国"), (2, "李秀兰"), (3, "王芳"), (4, "赵六")]);
    // Typed in the window since: the sheet has no 学历 column, so it stays.
    ledger.members[2].education = "大专".to_owned();

    let corrected = roster_csv(
        dir.path(),
        "改正后.csv",
        &[
            // Matched by 身份证号, though the name was mistyped the first time.
            [
                "1",
                "张宝国",
                "男",
                "1958-04-12",
                "1982-07-01",
                "农民",
                "13837100009",
                &zhang,
            ],
            // Matched by name and birth; the ID added.
            [
                "2",
                "李秀兰",
                "女",
                "1963-09-20",
                "1988-06-15",
                "农民",
                "13937100002",
                &li,
            ],
            ["3", "王芳", "女", "1980-03-05", "2003-07-01", "在职", "", ""],
            // Same name, another birth date: maybe another 赵六.
            ["4", "赵六", "男", "1992-05-01", "2016-07-01", "", "", ""],
            ["5", "钱七", "男", "1975-06-18", "2001-07-01", "", "", ""],
        ],
    );
    let (_, preview) = read(&corrected, &ledger.members);
    assert_eq!(
        preview.summary(),
        "新增 1 人，更新 2 人，相同 1 人，可能重复 1 人；不是党员的行 0 行，无法读取 0 行"
    );
    let changes = |name: &str| match &member(&preview, name).matched {
        Match::Update { changes, by, member } => (
            *by,
            member.id.0,
            changes.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(
        changes("张宝国"),
        (
            MatchedBy::IdNumber,
            1,
            vec![
                "姓名 张保国 → 张宝国".to_owned(),
                "联系电话 13837100001 → 13837100009".to_owned()
            ]
        )
    );
    assert_eq!(
        changes("李秀兰"),
        (MatchedBy::NameAndBirth, 2, vec![format!("身份证号 （空） → {li}")])
    );
    assert!(matches!(member(&preview, "王芳").matched, Match::Same { .. }));
    let zhao = member(&preview, "赵六");
    assert_eq!(
        zhao.duplicate_note(&ledger.members).unwrap(),
        "名册中已有同名党员：赵六（1990-02-01 出生），请核对是否同一人"
    );
    assert!(matches!(member(&preview, "钱七").matched, Match::New));

    // Nothing is duplicated; the updated members keep their ids (and so
    // their records); the possible duplicate waits for the secretary.
    apply(&mut ledger, &preview, false);
    let rows: Vec<(u64, &str, &str, &str)> = ledger
        .members
        .iter()
        .map(|m| (m.id.0, m.name.as_str(), m.phone.as_str(), m.education.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (1, "张宝国", "13837100009", ""),
            (2, "李秀兰", "13937100002", ""),
            (3, "王芳", "", "大专"),
            (4, "赵六", "", ""),
            (5, "钱七", "", ""),
        ]
    );
    assert_eq!(ledger.members[1].id_number, li);

    // The same sheet once more: everything the same but the other 赵六.
    let (_, again) = read(&corrected, &ledger.members);
    assert_eq!(
        again.summary(),
        "新增 0 人，更新 0 人，相同 4 人，可能重复 1 人；不是党员的行 0 行，无法读取 0 行"
    );
    apply(&mut ledger, &again, true);
    assert_eq!(ledger.members.iter().filter(|m| m.name == "赵六").count(), 2);
}

/// `两行表头.xlsx` in `dir`: a title merged over A–I, a date line, then a
/// header over rows 3–4 with merged cells, and two members.
fn two_row_header(dir: &Path) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("党员名册").unwrap();
    let center = Format::new();
    sheet
        .merge_range(0, 0, 0, 8, "红星村党支部党员花名册", &center)
        .unwrap();
    sheet.write_string(1, 0, "填报日期：2026年11月").unwrap();
    // Row 3: 序号, 姓名, 性别 merged over rows 3–4; 基本情况 over D–F; 联系
    // over G–H; row 4: the column names under them, 身份证 split over two.
    for (col, title) in [(0u16, "序号"), (1, "姓名"), (2, "性别")] {
        sheet.merge_range(2, col, 3, col, title, &center).unwrap();
    }
    sheet.merge_range(2, 3, 2, 5, "基本情况", &center).unwrap();
    sheet.merge_range(2, 6, 2, 7, "联系", &center).unwrap();
    sheet.write_string(2, 8, "身份证").unwrap();
    write_rows(
        sheet,
        4,
        &[&[
            "",
            "",
            "",
            "出生年月",
            "入党时间",
            "党员身份",
            "联系电话",
            "现住址",
            "号码",
        ]],
    );
    let wang = id("11010519650301002");
    #[rustfmt::skip]
    write_rows(sheet, 5, &[
        &["1", "王秀英", "女", "1965.03", "1990-07-01", "正式党员", "13800001111", "红星村一组", &wang],
        &["2", "李强", "男", "1998-09-10", "2026-06-30", "预备党员", "13912345678", "红星村二组", ""],
    ]);
    let path = dir.join("两行表头.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn a_header_over_two_rows_with_merged_cells() {
    let dir = tempfile::tempdir().unwrap();
    assert_two_row_header(&two_row_header(dir.path()));
}

/// What the sheet of [`two_row_header`] reads as, in whatever format it
/// was saved: the header found over rows 3–4, every column, both members.
fn assert_two_row_header(path: &Path) -> Preview {
    let wang = id("11010519650301002");
    let (_, preview) = read(path, &[]);
    assert_eq!(preview.header_lines(), "第 3–4 行");
    let columns: Vec<(String, &str, Option<&str>)> = preview
        .columns
        .iter()
        .map(|c| (c.letter(), c.header.as_str(), c.field.map(|f| f.label())))
        .collect();
    assert_eq!(
        columns,
        vec![
            ("A".to_owned(), "序号", None),
            ("B".to_owned(), "姓名", Some("姓名")),
            ("C".to_owned(), "性别", Some("性别")),
            ("D".to_owned(), "出生年月", Some("出生日期")),
            ("E".to_owned(), "入党时间", Some("入党时间")),
            ("F".to_owned(), "党员身份", Some("正式/预备")),
            ("G".to_owned(), "联系电话", Some("联系电话")),
            ("H".to_owned(), "现住址", None),
            ("I".to_owned(), "身份证号码", Some("身份证号")),
        ]
    );
    assert_eq!(names(&preview), vec![(5, "王秀英"), (6, "李强")]);
    let wang_row = member(&preview, "王秀英");
    let m = &wang_row.member;
    assert_eq!(
        (m.gender, m.birth, m.joined),
        (Gender::Female, date(1965, 3, 1), date(1990, 7, 1))
    );
    assert_eq!((m.phone.as_str(), m.id_number.as_str()), ("13800001111", wang.as_str()));
    assert_eq!(m.status, MemberStatus::Full);
    let li = &member(&preview, "李强").member;
    assert_eq!(
        (li.gender, li.status, li.probation_due),
        (Gender::Male, MemberStatus::Probationary, date(2027, 6, 30))
    );
    preview
}

#[test]
fn the_roster_on_the_second_sheet_after_a_cover_is_found_and_named() {
    let dir = tempfile::tempdir().unwrap();
    assert_cover_then_roster(&cover_then_roster(dir.path()));
}

/// What the workbook of [`cover_then_roster`] reads as, in whatever format
/// it was saved: the cover passed over and named, the roster read.
fn assert_cover_then_roster(path: &Path) -> (import::Table, Preview) {
    let (table, preview) = read(path, &[]);
    assert_eq!(table.sheet, "党员名册");
    assert_eq!(table.passed_over, vec!["填表说明"]);
    assert_eq!(
        table.sheet_note().unwrap(),
        "读取工作表“党员名册”（“填表说明”中没有“姓名”表头）；其他工作表：填表说明、汇总"
    );
    assert_eq!(names(&preview), vec![(2, "王秀英")]);

    // Named on purpose, the cover is read, and says it has no header.
    let cover = import::read_sheet(path, Some("填表说明")).unwrap();
    assert!(cover.passed_over.is_empty());
    let shown = import::preview(&cover, &[], today()).unwrap_err().to_string();
    assert!(
        shown.starts_with("工作表“填表说明”的前 10 行里没有找到“姓名”列"),
        "{shown}"
    );
    (table, preview)
}

/// A committed fixture: the workbooks above saved by LibreOffice as .xls
/// and .ods (`tests/fixtures/make_sheet_fixtures.sh` says how).
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The bytes an Excel 97-2003 file (an OLE compound file) starts with.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether the file is what its name says: an OLE .xls, or an OpenDocument
/// spreadsheet (a zip whose first entry, stored, is its mimetype), not an
/// xlsx renamed.
fn assert_really(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.len() < 16 * 1024, "{}: {} bytes", path.display(), bytes.len());
    match path.extension().and_then(|e| e.to_str()) {
        Some("xls") => assert!(bytes.starts_with(OLE), "{} is no OLE file", path.display()),
        Some("ods") => {
            let head = &bytes[..bytes.len().min(100)];
            let mimetype: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet";
            assert!(bytes.starts_with(b"PK\x03\x04"), "{} is no zip", path.display());
            assert!(
                head.windows(mimetype.len()).any(|w| w == mimetype),
                "{} is no OpenDocument spreadsheet",
                path.display()
            );
        }
        other => panic!("{}: {other:?}", path.display()),
    }
}

/// The xlsx reading and the fixture's are the same, member by member,
/// field by field, every warning, every column, the rows left aside.
fn assert_same_preview(fixture: &Preview, xlsx: &Preview) {
    assert_eq!(fixture.header_lines(), xlsx.header_lines());
    assert_eq!(fixture.columns, xlsx.columns);
    assert_eq!(fixture.rows.len(), xlsx.rows.len());
    for (got, want) in fixture.rows.iter().zip(&xlsx.rows) {
        let who = want.heading();
        assert_eq!(got.line, want.line, "{who}");
        assert_eq!(got.member, want.member, "{who}");
        assert_eq!(got.warnings, want.warnings, "{who}");
        assert_eq!(got.matched, want.matched, "{who}");
    }
    assert_eq!(fixture.not_members, xlsx.not_members);
    assert_eq!(fixture.skipped, xlsx.skipped);
    assert_eq!(fixture.summary(), xlsx.summary());
    assert_eq!(fixture, xlsx, "and nothing the list above forgot");
}

/// The merged cells of [`two_row_header`], as (first row, first column,
/// last row, last column) counted from 0: the title over A–I; 序号, 姓名,
/// 性别 over rows 3–4; 基本情况 over D–F; 联系 over G–H.
const TWO_ROW_HEADER_MERGES: [(u32, u32, u32, u32); 6] = [
    (0, 0, 0, 8),
    (2, 0, 3, 0),
    (2, 1, 3, 1),
    (2, 2, 3, 2),
    (2, 3, 2, 5),
    (2, 6, 2, 7),
];

fn merges(regions: impl IntoIterator<Item = calamine::Dimensions>) -> Vec<(u32, u32, u32, u32)> {
    let mut found: Vec<_> = regions
        .into_iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    found.sort();
    found
}

/// The cells of the header as calamine hands them over: each merged
/// heading in its first cell only, the cells it covers empty.
fn assert_merged_heading_cells(path: &Path) {
    let table = import::read_sheet(path, None).unwrap();
    let text = |row: usize, col: usize| match table.rows.get(row).and_then(|r| r.get(col)) {
        None | Some(import::Cell::Empty) => String::new(),
        Some(import::Cell::Text(t)) => t.clone(),
        Some(other) => format!("{other:?}"),
    };
    assert_eq!(text(0, 0), "红星村党支部党员花名册");
    assert!((1..9).all(|c| text(0, c).is_empty()), "{:?}", table.rows[0]);
    let row3: Vec<String> = (0..9).map(|c| text(2, c)).collect();
    assert_eq!(row3, ["序号", "姓名", "性别", "基本情况", "", "", "联系", "", "身份证"]);
    let row4: Vec<String> = (0..9).map(|c| text(3, c)).collect();
    assert_eq!(
        row4,
        [
            "",
            "",
            "",
            "出生年月",
            "入党时间",
            "党员身份",
            "联系电话",
            "现住址",
            "号码"
        ]
    );
}

#[test]
fn the_header_over_two_rows_saved_as_xls_keeps_its_merged_cells_and_reads_the_same() {
    let path = fixture("two-row-header.xls");
    assert_really(&path);
    let book: calamine::Xls<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["党员名册"]);
    let regions = book.merge_cells_by_sheet_name("党员名册").unwrap();
    assert_eq!(merges(regions), TWO_ROW_HEADER_MERGES);
    assert_merged_heading_cells(&path);

    let from_xls = assert_two_row_header(&path);
    let dir = tempfile::tempdir().unwrap();
    let (_, from_xlsx) = read(&two_row_header(dir.path()), &[]);
    assert_same_preview(&from_xls, &from_xlsx);
}

#[test]
fn the_header_over_two_rows_saved_as_ods_keeps_its_merged_cells_and_reads_the_same() {
    let path = fixture("two-row-header.ods");
    assert_really(&path);
    // calamine does not hand over an ods file's merged cells; the script
    // that made the fixture checked them in its content.xml, and here the
    // cells read as merged cells do, the heading in the first alone.
    assert_merged_heading_cells(&path);

    let from_ods = assert_two_row_header(&path);
    let dir = tempfile::tempdir().unwrap();
    let (_, from_xlsx) = read(&two_row_header(dir.path()), &[]);
    assert_same_preview(&from_ods, &from_xlsx);
}

/// The one member of [`cover_then_roster`], field by field.
fn assert_wang_xiuying(preview: &Preview) {
    let wang = member(preview, "王秀英");
    assert_eq!(wang.line, 2);
    let m = &wang.member;
    assert_eq!(
        (m.gender, m.birth, m.joined, m.status),
        (Gender::Female, date(1965, 3, 1), date(1990, 7, 1), MemberStatus::Full)
    );
    assert_eq!((m.phone.as_str(), m.id_number.as_str(), m.category), ("", "", None));
    assert!(matches!(wang.matched, Match::New), "{:?}", wang.matched);
}

fn assert_cover_then_roster_fixture(name: &str) {
    let path = fixture(name);
    assert_really(&path);
    let (table, preview) = assert_cover_then_roster(&path);
    assert_eq!(table.sheet_names, ["填表说明", "党员名册", "汇总"]);
    assert_wang_xiuying(&preview);

    let dir = tempfile::tempdir().unwrap();
    let (xlsx_table, from_xlsx) = read(&cover_then_roster(dir.path()), &[]);
    assert_eq!(
        (&table.sheet_names, &table.sheet, &table.passed_over, table.sheet_note()),
        (
            &xlsx_table.sheet_names,
            &xlsx_table.sheet,
            &xlsx_table.passed_over,
            xlsx_table.sheet_note()
        )
    );
    assert_same_preview(&preview, &from_xlsx);
}

#[test]
fn the_roster_after_a_cover_saved_as_xls_is_found_and_named_the_same() {
    assert_cover_then_roster_fixture("cover-then-roster.xls");
}

#[test]
fn the_roster_after_a_cover_saved_as_ods_is_found_and_named_the_same() {
    assert_cover_then_roster_fixture("cover-then-roster.ods");
}

/// Writes the xlsx workbooks the .xls and .ods fixtures are converted from
/// — into `$ZHIBU_SHEET_FIXTURES_OUT` for `tests/fixtures/make_sheet_fixtures.sh`,
/// else into a temporary folder — and checks that each is a workbook the
/// import reads, with the sheets the fixtures have.
#[test]
fn write_the_xlsx_sources_of_the_sheet_fixtures() {
    let temporary = tempfile::tempdir().unwrap();
    let out = std::env::var_os("ZHIBU_SHEET_FIXTURES_OUT").map_or_else(|| temporary.path().to_owned(), PathBuf::from);
    std::fs::create_dir_all(&out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let written = [
        (two_row_header(dir.path()), "two-row-header.xlsx"),
        (cover_then_roster(dir.path()), "cover-then-roster.xlsx"),
    ];
    for (source, name) in written {
        let target = out.join(name);
        std::fs::copy(source, &target).unwrap();
        let bytes = std::fs::read(&target).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "{name} is not an xlsx (zip) file");
        let table = import::read_sheet(&target, None).unwrap();
        assert!(!table.rows.is_empty(), "{name}: no rows read");
    }
}

/// The text as Excel on Chinese Windows saves it as "CSV": in GBK, every
/// character GBK lacks written as "?".
fn excel_gbk(text: &str) -> Vec<u8> {
    let kept: String = text
        .chars()
        .map(|c| {
            let (_, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut [0; 4]));
            if unmappable { '?' } else { c }
        })
        .collect();
    encoding_rs::GBK.encode(&kept).0.into_owned()
}

#[test]
fn characters_a_gbk_save_lost_are_flagged_and_the_member_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("另存为.csv");
    let text = "姓名,性别,工作单位及职务,流动去向,备注\r\n\
                𠮷秀英,女,红星村村委会,,\r\n\
                张保国,男,𠮷安村党支部书记,,是否?\r\n\
                刘春生,男,,广东省𠮷州市,外出务工?\r\n\
                王芳,女,县医院护士长?,,\r\n";
    std::fs::write(&path, excel_gbk(text)).unwrap();
    let (_, preview) = read(&path, &[]);
    assert_eq!(
        names(&preview),
        vec![(2, "?秀英"), (3, "张保国"), (4, "刘春生"), (5, "王芳")]
    );
    assert_eq!(
        member(&preview, "?秀英").warnings_line().unwrap(),
        "第 2 行 ?秀英：姓名中有无法识别的字符“?秀英”，可能是另存为 CSV 时丢失的生僻字，请核对"
    );
    let zhang = member(&preview, "张保国");
    assert_eq!(zhang.member.position, "?安村党支部书记");
    assert_eq!(zhang.member.notes, "是否?");
    assert_eq!(
        zhang.warnings,
        vec!["工作单位及职务中有无法识别的字符“?安村党支部书记”，可能是另存为 CSV 时丢失的生僻字，请核对"]
    );
    let liu = member(&preview, "刘春生");
    assert_eq!(liu.member.mobile.whereabouts, "广东省?州市");
    assert!(
        liu.warnings
            .contains(&"流动去向中有无法识别的字符“广东省?州市”，可能是另存为 CSV 时丢失的生僻字，请核对".to_owned()),
        "{:?}",
        liu.warnings
    );
    assert!(!liu.warnings.iter().any(|w| w.contains("备注")), "{:?}", liu.warnings);
    // A question mark closing the text reads as a question.
    assert!(member(&preview, "王芳").warnings.is_empty());

    // A UTF-8 file with one character cut short: the rest reads as it is.
    let path = dir.path().join("损坏.csv");
    let text = "姓名,性别,民族\n王秀英,女,汉族\n李强,男,回族\n张保国,男,汉族\n";
    let mut bytes = text.as_bytes().to_vec();
    bytes.remove(text.find('秀').unwrap() + 2);
    std::fs::write(&path, bytes).unwrap();
    let (_, preview) = read(&path, &[]);
    assert_eq!(names(&preview), vec![(2, "王\u{FFFD}英"), (3, "李强"), (4, "张保国")]);
    assert_eq!(
        preview.rows[0].warnings_line().unwrap(),
        "第 2 行 王\u{FFFD}英：姓名中有无法识别的字符“王\u{FFFD}英”，可能是文件的文字编码有损坏，请核对"
    );
    assert_eq!(preview.rows[1].member.ethnicity, "回族");
}

#[test]
fn a_year_month_birth_date_takes_its_day_from_the_id_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("年月.csv");
    let text = format!(
        "姓名,性别,出生年月,身份证号码\r\n\
         王秀英,女,1956.03,{}\r\n\
         李强,男,1956年3月,{}\r\n\
         张保国,男,1958.04,{}\r\n\
         赵六,男,1960-05-01,{}\r\n",
        id("11010519560315002"),
        id("11010519560321001"),
        id("41018319580312001"),
        id("41018319600520001"),
    );
    std::fs::write(&path, excel_gbk(&text)).unwrap();
    let (_, preview) = read(&path, &[]);
    let birth = |name: &str| member(&preview, name).member.birth;
    assert_eq!(birth("王秀英"), date(1956, 3, 15));
    assert_eq!(birth("李强"), date(1956, 3, 21));
    for name in ["王秀英", "李强", "赵六"] {
        assert!(member(&preview, name).warnings.is_empty(), "{name}");
    }
    // The sheet and the ID disagree on the month: the sheet's kept, and said.
    assert_eq!(birth("张保国"), date(1958, 4, 1));
    assert_eq!(
        member(&preview, "张保国").warnings_line().unwrap(),
        "第 4 行 张保国：出生日期 1958-04 与身份证号中的 1958-03-12 不符，请核对"
    );
    // A whole date is the sheet's word, even when the ID has another day.
    assert_eq!(birth("赵六"), date(1960, 5, 1));

    // In a workbook: 1956.03 typed as a number, 1956年3月 typed into a date
    // cell (Excel keeps it as the 1st).
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    write_rows(sheet, 1, &[&["姓名", "出生年月", "身份证号码"]]);
    let month = Format::new().set_num_format("yyyy\"年\"m\"月\"");
    sheet.write_string(1, 0, "王秀英").unwrap();
    sheet.write_number(1, 1, 1956.03).unwrap();
    sheet.write_string(1, 2, id("11010519560315002")).unwrap();
    sheet.write_string(2, 0, "李秀兰").unwrap();
    let march = ExcelDateTime::from_ymd(1963, 9, 1).unwrap();
    sheet.write_datetime_with_format(2, 1, &march, &month).unwrap();
    sheet.write_string(2, 2, id("41018319630920002")).unwrap();
    let path = dir.path().join("年月.xlsx");
    book.save(&path).unwrap();
    let (_, preview) = read(&path, &[]);
    assert_eq!(member(&preview, "王秀英").member.birth, date(1956, 3, 15));
    assert_eq!(member(&preview, "李秀兰").member.birth, date(1963, 9, 20));
}

/// Members as the window keeps them; between them every field of a
/// member is set, and 赵六, who left, has the one the sheet cannot carry.
fn branch_members() -> Vec<Member> {
    let zhang = Member {
        id: MemberId(1),
        name: "张保国".to_owned(),
        gender: Gender::Male,
        birth: date(1958, 4, 12),
        joined: date(1982, 7, 1),
        education: "高中".to_owned(),
        position: "红星村村委会主任".to_owned(),
        phone: "13837100001".to_owned(),
        id_number: id("41018319580412001"),
        leading_cadre: true,
        committee: true,
        category: Some(Category::Farmer),
        hardship: true,
        notes: "老支书，1995年起任村主任,\n家中老伴卧病".to_owned(),
        ..Member::default()
    };
    let li = Member {
        id: MemberId(2),
        name: "李秀兰".to_owned(),
        gender: Gender::Female,
        ethnicity: "回族".to_owned(),
        birth: date(1963, 9, 20),
        joined: date(1988, 6, 15),
        education: "大专".to_owned(),
        phone: "0371-62345678".to_owned(),
        id_number: id("41018319630920002"),
        category: Some(Category::Retired),
        ..Member::default()
    };
    // Probationary, her probation ending on a day of its own (not joined +
    // one year, which the import would guess), and arrived by transfer.
    let chen = Member {
        id: MemberId(3),
        name: "陈晓燕".to_owned(),
        gender: Gender::Female,
        birth: date(1998, 5, 16),
        joined: date(2026, 6, 28),
        status: MemberStatus::Probationary,
        probation_due: date(2027, 7, 1),
        category: Some(Category::Employed),
        committee: true,
        transfer_in: Some(Transfer {
            date: Date::constant(2026, 9, 1),
            other_branch: "县人民医院党支部".to_owned(),
        }),
        ..Member::default()
    };
    // No category, no dates, no numbers: the checklist says 未分类 and 缺….
    let zhou = Member {
        id: MemberId(4),
        name: "周海涛".to_owned(),
        ..Member::default()
    };
    // Reached through his wife, not on his own phone.
    let liu = Member {
        id: MemberId(5),
        name: "刘春生".to_owned(),
        birth: date(1972, 11, 8),
        joined: date(1996, 7, 1),
        phone: "13600000005".to_owned(),
        category: Some(Category::Mobile),
        hardship: true,
        mobile: MobileInfo {
            direction: FlowDirection::Outflow,
            whereabouts: "广东省东莞市长安镇".to_owned(),
            contact: "妻子王丽 13900000006".to_owned(),
        },
        ..Member::default()
    };
    // A character outside GBK's basic set in her name; in-flowing.
    let ji = Member {
        id: MemberId(6),
        name: "𠮷秀英".to_owned(),
        gender: Gender::Female,
        ethnicity: "苗族".to_owned(),
        birth: date(1985, 2, 3),
        joined: date(2010, 7, 1),
        education: "本科".to_owned(),
        position: "𠮷安食品公司会计".to_owned(),
        category: Some(Category::Mobile),
        mobile: MobileInfo {
            direction: FlowDirection::Inflow,
            whereabouts: "来自贵州省凯里市".to_owned(),
            contact: "13700000007".to_owned(),
        },
        ..Member::default()
    };
    let zhao = Member {
        id: MemberId(7),
        name: "赵六".to_owned(),
        birth: date(1990, 2, 1),
        joined: date(2015, 7, 1),
        category: Some(Category::Employed),
        transfer_out: Some(Transfer {
            date: Date::constant(2026, 10, 8),
            other_branch: "城关镇机关党支部".to_owned(),
        }),
        ..Member::default()
    };
    vec![zhang, li, chen, zhou, liu, ji, zhao]
}

/// The 党员情况 sheet as a county office's reader gets it.
fn members_sheet(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range("党员情况").unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

/// The headings of the 党员情况 sheet before its checklist.
const MEMBER_HEADINGS: [&str; 21] = [
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "入党时间",
    "党员身份",
    "预备期满日期",
    "学历",
    "工作单位及职务",
    "联系电话",
    "身份证号",
    "党员类别",
    "领导干部",
    "支委",
    "困难党员",
    "流动方向",
    "流动去向",
    "流动党员联系方式",
    "转入日期",
    "转自",
    "备注",
];

/// The checklist's headings in that sheet, up to 整改, and 全部完成.
const CHECKLIST_HEADINGS: [&str; 11] = [
    "类别清楚",
    "基本信息",
    "去向清楚",
    "学时",
    "心得",
    "意见反馈",
    "谈心",
    "党性分析",
    "评议",
    "整改",
    "全部完成",
];

#[test]
fn the_exported_roster_imports_back_as_the_same_members() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::default();
    ledger.branch.name = "红星村党支部".to_owned();
    // Every checklist column in the sheet, up to 整改.
    ledger.campaign.stage = Stage::Rectification;
    ledger.members = branch_members().into();
    ledger.last_id = 7;
    let personal = ExportOptions {
        include_personal: true,
        ..ExportOptions::default()
    };
    let exported = export_package(dir.path(), &ledger, today(), personal).unwrap();

    // Read back as written: every heading once, the members on the roll
    // (赵六 left), dates as dates, the note with its line break.
    let sheet = members_sheet(&exported.workbook);
    let headings: Vec<String> = sheet[0].iter().map(ToString::to_string).collect();
    let expected: Vec<&str> = MEMBER_HEADINGS.iter().chain(&CHECKLIST_HEADINGS).copied().collect();
    assert_eq!(headings, expected);
    let mut once = headings.clone();
    once.sort();
    once.dedup();
    assert_eq!(once.len(), headings.len(), "no heading written twice");
    let names: Vec<String> = sheet[1..].iter().map(|r| r[0].to_string()).collect();
    assert_eq!(names, ["张保国", "李秀兰", "陈晓燕", "周海涛", "刘春生", "𠮷秀英"]);
    let column = |heading: &str| MEMBER_HEADINGS.iter().position(|h| *h == heading).unwrap();
    let cell = |row: usize, heading: &str| &sheet[row][column(heading)];
    assert!(
        matches!(cell(3, "预备期满日期"), Data::DateTime(_)),
        "{:?}",
        cell(3, "预备期满日期")
    );
    assert!(matches!(cell(3, "转入日期"), Data::DateTime(_)));
    assert_eq!(cell(1, "备注").to_string(), "老支书，1995年起任村主任,\n家中老伴卧病");
    assert_eq!(cell(6, "流动方向").to_string(), "流入");
    assert_eq!(cell(2, "流动方向").to_string(), "", "nothing mobile to tell");

    let (table, preview) = read(&exported.workbook, &[]);
    // 汇总 comes first and has no 姓名 column.
    assert_eq!(table.sheet, "党员情况");
    assert_eq!(table.passed_over, vec!["汇总"]);
    assert_eq!(
        preview.summary(),
        "新增 6 人，更新 0 人，相同 0 人，可能重复 0 人；不是党员的行 0 行，无法读取 0 行"
    );
    // Each member column fills the field of its name; the checklist at the
    // end is the campaign's progress, not member fields.
    let mapped: Vec<(&str, Option<&str>)> = preview
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field.map(|f| f.label())))
        .collect();
    let fields = [
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "入党时间",
        "正式/预备",
        "预备期满日期",
        "学历",
        "工作单位及职务",
        "联系电话",
        "身份证号",
        "党员类别",
        "领导干部",
        "支委",
        "困难党员",
        "流动方向",
        "流动去向",
        "流动党员联系方式",
        "转入日期",
        "转自",
        "备注",
    ];
    let expected: Vec<(&str, Option<&str>)> = MEMBER_HEADINGS
        .iter()
        .zip(fields)
        .map(|(h, f)| (*h, Some(f)))
        .chain(CHECKLIST_HEADINGS.iter().map(|h| (*h, None)))
        .collect();
    assert_eq!(mapped, expected);
    for row in &preview.rows {
        assert!(row.warnings.is_empty(), "{:?}", row.warnings_line());
    }

    let mut back = Ledger::default();
    apply(&mut back, &preview, false);
    // Field by field, every one of them. 转出 cannot come back: the sheet
    // lists the members on the roll, as the figures count them, and a
    // member who left is not on it (nor any of their fields).
    let stayed: Vec<&Member> = ledger.members.iter().filter(|m| m.transfer_out.is_none()).collect();
    assert_eq!(back.members.len(), stayed.len());
    for (before, after) in stayed.into_iter().zip(back.members.iter()) {
        let who = before.name.as_str();
        assert_eq!(
            after.id, before.id,
            "{who}: the ids of the new ledger, in the sheet's order"
        );
        assert_eq!(after.name, before.name, "{who}");
        assert_eq!(after.gender, before.gender, "{who}");
        assert_eq!(after.ethnicity, before.ethnicity, "{who}");
        assert_eq!(after.birth, before.birth, "{who}");
        assert_eq!(after.joined, before.joined, "{who}");
        assert_eq!(after.status, before.status, "{who}");
        assert_eq!(after.probation_due, before.probation_due, "{who}");
        assert_eq!(after.education, before.education, "{who}");
        assert_eq!(after.position, before.position, "{who}");
        assert_eq!(after.phone, before.phone, "{who}");
        assert_eq!(after.id_number, before.id_number, "{who}");
        assert_eq!(after.leading_cadre, before.leading_cadre, "{who}");
        assert_eq!(after.committee, before.committee, "{who}");
        assert_eq!(after.category, before.category, "{who}");
        assert_eq!(after.mobile.direction, before.mobile.direction, "{who}");
        assert_eq!(after.mobile.whereabouts, before.mobile.whereabouts, "{who}");
        assert_eq!(after.mobile.contact, before.mobile.contact, "{who}");
        assert_eq!(after.hardship, before.hardship, "{who}");
        assert_eq!(after.transfer_in, before.transfer_in, "{who}");
        assert_eq!(after.transfer_out, before.transfer_out, "{who}");
        assert_eq!(after.notes, before.notes, "{who}");
        // And nothing the list above forgot.
        assert_eq!(after, before, "{who}");
    }

    // Imported again into the ledger it came from: the same, but for 周海涛,
    // who has neither 身份证号 nor birth date to prove it is he.
    let (_, again) = read(&exported.workbook, &ledger.members);
    assert_eq!(
        again.summary(),
        "新增 0 人，更新 0 人，相同 5 人，可能重复 1 人；不是党员的行 0 行，无法读取 0 行"
    );
    assert!(matches!(
        member(&again, "周海涛").matched,
        Match::PossibleDuplicate { .. }
    ));

    // Without --personal: no phone, no 身份证号, no contact, the rest the same.
    let exported = export_package(dir.path(), &ledger, today(), ExportOptions::default()).unwrap();
    let headings: Vec<String> = members_sheet(&exported.workbook)[0]
        .iter()
        .map(ToString::to_string)
        .collect();
    let personal_headings = ["联系电话", "身份证号", "流动党员联系方式"];
    let expected: Vec<&str> = MEMBER_HEADINGS
        .iter()
        .chain(&CHECKLIST_HEADINGS)
        .copied()
        .filter(|h| !personal_headings.contains(h))
        .collect();
    assert_eq!(headings, expected);
}

/// A workbook exported before the checklist's 党员类别 and 流动去向 were
/// renamed: those two columns still are not taken for the member's.
#[test]
fn an_older_export_with_checklist_columns_named_like_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("旧导出.csv");
    let text = "姓名,性别,党员类别,工作单位及职务,党员类别,基本信息,流动去向,全部完成\r\n\
                刘春生,男,流动,,流动,齐全,缺去向,否\r\n\
                王芳,女,在职,县医院,在职,齐全,—,是\r\n";
    std::fs::write(&path, text).unwrap();
    let (_, preview) = read(&path, &[]);
    let fields: Vec<Option<&str>> = preview.columns.iter().map(|c| c.field.map(|f| f.label())).collect();
    assert_eq!(
        fields,
        [
            Some("姓名"),
            Some("性别"),
            Some("党员类别"),
            Some("工作单位及职务"),
            None,
            None,
            None,
            None
        ]
    );
    let liu = &member(&preview, "刘春生").member;
    assert_eq!(
        (liu.category, liu.mobile.whereabouts.as_str()),
        (Some(Category::Mobile), "")
    );
    assert_eq!(member(&preview, "王芳").member.mobile, MobileInfo::default());
}
