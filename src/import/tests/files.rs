//! CSV files in their encodings, files that cannot be read, cell values,
//! and the committed sample rosters.

use std::path::Path;

use super::*;

#[test]
fn csv_in_utf8_with_bom_and_in_gbk() {
    let text = format!(
        "\"某社区党支部党员名册\",,,,\r\n序号,姓名,性别,出生日期,入党时间,\"工作单位\n及职务\",身份证号,联系方式\r\n\
         1,王芳,女,1980.03,2003-07-01,\"XX公司,经理\",{},13800001111\r\n\
         2,阿依古丽·买买提,女,1985年3月1日,2010/7/1,\"社区\"\"书香\"\"志愿队\",,\r\n\
         3,赵六,男,1990-02-30,2015-07-01,,,\r\n,,,,,,,\r\n",
        id("11010519800305002")
    );
    let dir = tempfile::tempdir().unwrap();
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(text.as_bytes());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    for (name, bytes) in [("utf8.csv", utf8), ("gbk.CSV", gbk.into_owned())] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let table = read_sheet(&path, None).unwrap();
        let preview = preview(&table, &[], today()).unwrap();
        assert_eq!(preview.header_row, 2, "{name}");
        assert_eq!(
            names(&preview),
            vec![(3, "王芳"), (4, "阿依古丽·买买提"), (5, "赵六")],
            "{name}"
        );
        assert!(reasons(&preview).is_empty(), "{name}");
        assert_eq!(
            row(&preview, 5).warnings_line().unwrap(),
            "第 5 行 赵六：出生日期“1990-02-30”无法识别，已留空",
            "{name}"
        );
        let wang = &row(&preview, 3).member;
        assert_eq!(wang.position, "XX公司,经理");
        assert_eq!(
            wang.phone, "13800001111",
            "联系方式 is the phone when there is no phone column"
        );
        // 1980.03 takes its day from the 身份证号.
        assert_eq!((wang.birth, wang.joined), (date(1980, 3, 5), date(2003, 7, 1)));
        let ayi = row(&preview, 4);
        assert_eq!(ayi.member.position, "社区\"书香\"志愿队");
        assert_eq!(ayi.member.birth, date(1985, 3, 1));
        assert!(ayi.warnings.is_empty(), "{:?}", ayi.warnings);
    }
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("没有.xlsx");
    assert!(format!("{}", read_sheet(&missing, None).unwrap_err()).starts_with("找不到文件（"));

    let html = dir.path().join("导出.xls");
    std::fs::write(&html, "<html><table><tr><td>姓名</td></tr></table></html>").unwrap();
    let shown = read_sheet(&html, None).unwrap_err().to_string();
    assert!(shown.starts_with("这个文件其实是网页（HTML）格式"), "{shown}");

    let broken = dir.path().join("坏的.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    assert!(matches!(read_sheet(&broken, None), Err(ImportError::Corrupt { .. })));

    let word = dir.path().join("名单.docx");
    std::fs::write(&word, b"PK\x03\x04").unwrap();
    let shown = read_sheet(&word, None).unwrap_err().to_string();
    assert!(shown.starts_with("不能导入 .docx 文件"), "{shown}");

    let empty = dir.path().join("空.csv");
    std::fs::write(&empty, ",,\n\n").unwrap();
    assert!(matches!(read_sheet(&empty, None), Err(ImportError::EmptySheet { .. })));

    let no_header = dir.path().join("无表头.csv");
    std::fs::write(&no_header, "名单\n张三,男\n").unwrap();
    let table = read_sheet(&no_header, None).unwrap();
    let shown = preview(&table, &[], today()).unwrap_err().to_string();
    assert!(
        shown.starts_with("工作表“无表头”的前 10 行里没有找到“姓名”列"),
        "{shown}"
    );
}

#[test]
fn dates_in_every_spelling() {
    let want = date(2005, 3, 1).unwrap();
    for text in [
        "2005-03-01",
        "2005/3/1",
        "2005年3月1日",
        "2005.03",
        "2005.3.1",
        "20050301",
        "2005-03-01 00:00:00",
        "２００５年３月１日",
        "38412",
    ] {
        assert_eq!(
            values::read_date(&Cell::Text(text.to_owned())),
            Ok((want, false)),
            "{text}"
        );
    }
    assert_eq!(values::read_date(&Cell::Number(38412.0)), Ok((want, false)));
    assert_eq!(values::read_date(&Cell::Number(20_050_301.0)), Ok((want, false)));
    assert_eq!(values::read_date(&Cell::Number(2005.03)), Ok((want, false)));
    assert_eq!(values::read_date(&Cell::Date(want)), Ok((want, false)));
    for bad in [
        Cell::Text("1965".into()),
        Cell::Number(1965.0),
        Cell::Text("三月".into()),
        Cell::Bool(true),
    ] {
        assert!(values::read_date(&bad).is_err(), "{bad:?}");
    }
}

#[test]
fn lost_characters_are_told_from_question_marks() {
    let lost = |text: &str, in_name| values::lost_character(text, in_name).is_some();
    assert!(lost("?秀英", true) && lost("王?", true) && lost("王\u{FFFD}英", true));
    assert!(lost("广东省?州市", false) && lost("?安村", false) && lost("a\u{FFFD}", false));
    // A question closing the text, or '?' among Latin letters, is meant.
    assert!(!lost("是否?", false) && !lost("Who?", false) && !lost("A?B", false));
    assert!(!lost("王秀英", true));
}

#[test]
fn year_month_dates_are_told_from_whole_ones() {
    for text in ["1956.03", "1956年3月", "195603", "１９５６．３"] {
        assert!(values::month_only(&Cell::Text(text.to_owned())), "{text}");
    }
    for text in ["1956-03-01", "19560301", "1956年3月1日", "1956-03-01 00:00:00"] {
        assert!(!values::month_only(&Cell::Text(text.to_owned())), "{text}");
    }
    assert!(values::month_only(&Cell::Number(1956.03)));
    assert!(!values::month_only(&Cell::Number(19_560_301.0)));
    // Excel keeps 1956年3月 typed into a cell as the 1st.
    assert!(values::month_only(&Cell::Date(Date::constant(1956, 3, 1))));
    assert!(!values::month_only(&Cell::Date(Date::constant(1956, 3, 15))));
}

#[test]
fn several_phone_numbers_keep_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("电话.csv");
    let text = "姓名,性别,手机,固定电话,是否支委,困难党员\n钱七,男,,\"13800001111/0371-1234567\",√,否\n";
    std::fs::write(&path, text).unwrap();
    let preview = preview(&read_sheet(&path, None).unwrap(), &[], today()).unwrap();
    let qian = row(&preview, 2);
    assert_eq!(qian.member.phone, "13800001111");
    assert_eq!(qian.member.notes, "其他电话：0371-1234567");
    assert!(qian.member.committee && !qian.member.hardship);
    assert_eq!(
        qian.warnings,
        vec!["固定电话有多个号码，第一个记为电话，其余“0371-1234567”记入备注"]
    );
}

#[test]
fn committed_sample_rosters_import_alike() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut previews = Vec::new();
    for name in [
        "roster-sample.xlsx",
        "roster-sample.csv",
        "roster-sample.xls",
        "roster-sample.ods",
    ] {
        let table = read_sheet(&fixtures.join(name), None).unwrap();
        let preview = preview(&table, &[], today()).unwrap();
        assert_eq!(preview.header_row, 3, "{name}");
        assert_eq!(preview.rows.len(), 13, "{name}");
        assert!(reasons(&preview).is_empty(), "{name}");
        let unknown: Vec<&str> = preview.unknown_columns().map(|c| c.header.as_str()).collect();
        assert_eq!(unknown, vec!["籍贯"], "{name}");
        let he = &preview.rows.last().unwrap().member;
        assert_eq!(he.mobile.direction, crate::model::member::FlowDirection::Inflow);
        previews.push(preview);
    }
    for other in &previews[1..] {
        assert_eq!(previews[0], *other);
    }
    let warnings: Vec<(usize, &str)> = previews[0]
        .rows
        .iter()
        .flat_map(|r| r.warnings.iter().map(move |w| (r.line, w.as_str())))
        .collect();
    assert_eq!(
        warnings,
        vec![
            (11, "未填写预备期满时间，已按入党时间加一年计为 2005-05-20"),
            (14, "出生年月“1966年13月”无法识别，已留空"),
            (15, "身份证号码“410183197506180011”校验位不对，已留空，请核对"),
        ]
    );
}

#[test]
fn password_protected_workbooks_are_refused_clearly() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-password.xlsx");
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("花名册.xls");
    std::fs::copy(&fixture, &renamed).unwrap();
    for path in [fixture, renamed] {
        let err = read_sheet(&path, None).unwrap_err();
        assert!(matches!(err, ImportError::Password { .. }), "{err:?}");
        assert!(err.to_string().starts_with("文件设置了打开密码"), "{err}");
    }
}
