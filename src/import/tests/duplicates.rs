//! Duplicates at scale: one name repeated over a long sheet warns in a short
//! line naming the count, and the indexed lookups give what the scans gave.

use std::path::PathBuf;

use super::*;
use crate::model::{Member, MemberId};

/// A sheet with a 姓名 / 出生年月 / 身份证号 header and these rows.
fn table(rows: &[[&str; 3]]) -> Table {
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_owned())
        }
    };
    let mut cells = vec![vec![text("姓名"), text("出生年月"), text("身份证号")]];
    cells.extend(rows.iter().map(|r| r.iter().map(|s| text(s)).collect()));
    Table {
        path: PathBuf::from("名册.csv"),
        sheet_names: vec!["名册".to_owned()],
        sheet: "名册".to_owned(),
        passed_over: Vec::new(),
        rows: cells,
    }
}

fn same_name_warnings(row: &PreviewRow) -> Vec<&str> {
    row.warnings
        .iter()
        .filter(|w| w.starts_with("与表中"))
        .map(String::as_str)
        .collect()
}

#[test]
fn a_name_repeated_twenty_thousand_times_warns_in_a_short_line_with_the_count() {
    let rows = vec![["张三", "", ""]; 20_000];
    let preview = preview(&table(&rows), &[], today()).unwrap();
    assert_eq!(preview.rows.len(), 20_000);
    assert_eq!(
        same_name_warnings(row(&preview, 2)),
        vec!["与表中第 3 行、第 4 行、第 5 行等共 19999 行同名，请核对是否重复"]
    );
    assert_eq!(
        same_name_warnings(row(&preview, 20_001)),
        vec!["与表中第 2 行、第 3 行、第 4 行等共 19999 行同名，请核对是否重复"]
    );
    // Listing every other row would make each warning ~200 KB and all of
    // them ~4 GB; bounded, each is a line and all of them a few MB.
    assert!(
        preview
            .rows
            .iter()
            .flat_map(same_name_warnings)
            .all(|w| w.chars().count() < 60)
    );
    let total: usize = preview.rows.iter().flat_map(|r| &r.warnings).map(String::len).sum();
    assert!(total < 4_000_000, "{total} bytes of warnings");
}

#[test]
fn a_few_same_name_rows_are_all_listed_as_before() {
    let rows = [
        ["张三", "", ""],
        ["李四", "", ""],
        ["张三", "", ""],
        ["张三", "", ""],
        ["王五", "", ""],
    ];
    let preview = preview(&table(&rows), &[], today()).unwrap();
    // The sentence the ungrouped version wrote: every other row of the name.
    for r in &preview.rows {
        let others: Vec<String> = preview
            .rows
            .iter()
            .filter(|o| o.member.name == r.member.name && o.line != r.line)
            .map(|o| format!("第 {} 行", o.line))
            .collect();
        let expected: Vec<String> = if others.is_empty() {
            Vec::new()
        } else {
            vec![format!("与表中{}同名，请核对是否重复", others.join("、"))]
        };
        assert_eq!(same_name_warnings(r), expected, "row {}", r.line);
    }
    assert_eq!(
        same_name_warnings(row(&preview, 2)),
        vec!["与表中第 4 行、第 5 行同名，请核对是否重复"]
    );
}

fn member(id: u64, name: &str, birth: Option<Date>, id_number: &str) -> Member {
    Member {
        id: MemberId(id),
        name: name.to_owned(),
        birth,
        id_number: id_number.to_owned(),
        ..Member::default()
    }
}

#[test]
fn indexed_matching_gives_what_the_roster_scan_gave() {
    let (a, b) = (id("41018319580412001"), id("41018319630920002"));
    let existing = vec![
        member(1, "王建国", date(1958, 4, 12), &a),
        member(2, "王建国", date(1958, 4, 12), ""),
        member(3, "李秀兰", date(1963, 9, 20), &b),
        member(4, " 赵六 ", None, ""),
        member(5, "李秀兰", date(1963, 9, 20), ""),
        member(6, "孙立", date(1970, 1, 1), &id("41018319700101003")),
    ];
    let given = [ImportField::Name, ImportField::Birth, ImportField::IdNumber];
    let sheet = [
        member(0, "王建国", date(1958, 4, 12), &a),
        member(0, "王建国", date(1958, 4, 12), ""),
        member(0, "王建国", date(1958, 4, 12), ""),
        member(0, "李秀兰", date(1963, 9, 20), &id("41018319630920011")),
        member(0, "李秀兰", date(1963, 9, 20), ""),
        member(0, "李秀兰", date(1963, 9, 20), ""),
        member(0, "赵六", None, ""),
        member(0, "孙立", date(1970, 1, 1), ""),
        member(0, "钱七", None, &b),
        member(0, "周八", None, ""),
    ];
    let mut index = matching::Existing::new(&existing);
    let mut taken: Vec<MemberId> = Vec::new();
    for imported in &sheet {
        let scanned = matching::find(imported, &given, &existing, &taken);
        match &scanned {
            Match::Update { member, .. } => taken.push(member.id),
            Match::Same { id, .. } => taken.push(*id),
            Match::New | Match::PossibleDuplicate { .. } => {}
        }
        assert_eq!(index.find(imported, &given), scanned, "{}", imported.name);
    }
    assert_eq!(taken.len(), 5);
}

#[test]
fn a_note_about_many_same_name_members_names_the_first_and_the_count() {
    let existing: Vec<Member> = (1..=40).map(|i| member(i, "张三", None, "")).collect();
    let preview = preview(&table(&[["张三", "", ""]]), &existing, today()).unwrap();
    assert_eq!(
        preview.rows[0].duplicate_note(&existing).unwrap(),
        "名册中已有同名党员：张三（未填出生日期）、张三（未填出生日期）、张三（未填出生日期）等共 40 人，请核对是否同一人"
    );
}
