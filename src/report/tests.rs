//! Export → read back → the figures equal the records; the export file
//! round-trips and refuses damaged files; the county roll-up of known
//! branches; privacy defaults.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::county::{Column, FileStatus, roll_up};
use super::export_file::{self, EXPORT_FORMAT};
use super::*;
use crate::model::MemberId;
use crate::progress::figures::tests::{TODAY, sample_ledger};

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("workbook opens");
    let range = book.worksheet_range(name).expect("sheet exists");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => format!("{other:?}"),
    }
}

/// The value of the 汇总 line with this label.
fn summary_value(rows: &[Vec<Data>], label: &str) -> Data {
    rows.iter()
        .find(|r| text(&r[1]) == label)
        .unwrap_or_else(|| panic!("no line {label}"))[2]
        .clone()
}

fn export(ledger: &Ledger, dir: &Path, options: ExportOptions) -> Exported {
    export_package(dir, ledger, TODAY, options).expect("export works")
}

#[test]
fn workbook_read_back_gives_the_figures_of_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let out = export(&sample_ledger(), dir.path(), ExportOptions::default());
    assert!(out.workbook.ends_with("青山村党支部-20060301.xlsx"));
    let summary = sheet(&out.workbook, "汇总");
    assert_eq!(summary[0][0], Data::String("阶段".into()));
    assert_eq!(summary_value(&summary, "党员总数"), Data::Float(3.0));
    assert_eq!(summary_value(&summary, "人均学时"), Data::Float(16.0));
    assert_eq!(summary_value(&summary, "征求意见（条）"), Data::Float(3.0));
    assert_eq!(summary_value(&summary, "其中座谈会"), Data::Float(2.0));
    assert_eq!(summary_value(&summary, "承诺逾期"), Data::Float(1.0));
    assert_eq!(summary_value(&summary, "当前阶段"), Data::String("整改提高".into()));
    assert!(matches!(summary_value(&summary, "转入分析评议日期"), Data::DateTime(_)));

    let members = sheet(&out.workbook, "党员情况");
    assert_eq!(members.len(), 1 + 3, "one row per current member");
    assert_eq!(text(&members[1][0]), "王建国");
    assert!(matches!(members[1][3], Data::Empty), "no birth date on record");

    // 合计学时 is a formula whose result is stored.
    let study = sheet(&out.workbook, "学习考勤");
    let totals: Vec<f64> = study[1..]
        .iter()
        .map(|r| match r[4] {
            Data::Float(f) => f,
            ref other => panic!("合计学时 not a number: {other:?}"),
        })
        .collect();
    assert_eq!(totals, vec![20.0, 12.0, 0.0]);
    let mut book: Xlsx<_> = open_workbook(&out.workbook).unwrap();
    let formulas = book.worksheet_formula("学习考勤").unwrap();
    assert!(formulas.rows().flatten().any(|f| f == "C2+D2"), "a real formula");

    assert_eq!(sheet(&out.workbook, "征求意见").len(), 1 + 3);
    assert_eq!(sheet(&out.workbook, "谈心谈话").len(), 1 + 3);
    assert_eq!(sheet(&out.workbook, "民主评议").len(), 1 + 3);
    assert_eq!(sheet(&out.workbook, "整改台账").len(), 1 + 3 + 3);
}

#[test]
fn export_file_round_trips_with_and_without_records() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = sample_ledger();
    let out = export(&ledger, dir.path(), ExportOptions::default());
    assert!(out.export_file.ends_with("青山村党支部-20060301.zhibu-export.ron"));
    let read = export_file::read(&out.export_file).expect("reads back");
    assert_eq!(read.body.figures, crate::progress::figures(&ledger, TODAY));
    assert_eq!(read.header.branch, "青山村党支部");
    assert_eq!(read.header.superior, "青山镇党委");
    assert_eq!(read.header.format, EXPORT_FORMAT);
    assert!(read.body.records.is_none());

    let options = ExportOptions {
        include_records: true,
        include_personal: false,
    };
    let out = export(&ledger, dir.path(), options);
    let read = export_file::read(&out.export_file).expect("reads back");
    let quick = export_file::read_figures(&out.export_file).expect("figures without records");
    assert_eq!(quick.figures, read.body.figures);
    assert_eq!(quick.header, read.header);
    let records = read.body.records.expect("records included");
    assert_eq!(records.talks, ledger.talks);
    assert_eq!(records.members[0].phone, "139****0001");
    assert_eq!(records.members[0].id_number, "110105********001X");
}

#[test]
fn personal_numbers_leave_only_when_ticked() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = sample_ledger();
    let phone = ledger.members[0].phone.clone();
    let id = ledger.members[0].id_number.clone();
    let everything_in = |out: &Exported| {
        let mut all = std::fs::read_to_string(&out.export_file).unwrap();
        for name in super::xlsx::SHEETS {
            for row in sheet(&out.workbook, name) {
                all.extend(row.iter().map(text));
            }
        }
        all
    };
    let with_records = ExportOptions {
        include_records: true,
        include_personal: false,
    };
    let all = everything_in(&export(&ledger, dir.path(), with_records));
    assert!(!all.contains(&phone) && !all.contains(&id), "masked by default");
    assert!(!all.contains("联系电话"), "no phone column by default");

    let ticked = ExportOptions {
        include_records: true,
        include_personal: true,
    };
    let all = everything_in(&export(&ledger, dir.path(), ticked));
    assert!(all.contains(&phone) && all.contains(&id));
    let default = ExportOptions::default();
    assert!(!default.include_personal && !default.include_records, "privacy first");
}

fn written(dir: &Path) -> PathBuf {
    export(&sample_ledger(), dir, ExportOptions::default()).export_file
}

fn rejection(path: &Path) -> String {
    let error = export_file::read(path).expect_err("must be refused");
    let message = error.to_string();
    assert!(message.ends_with(&format!("（{}）", path.display())), "{message}");
    message
}

#[test]
fn damaged_newer_and_foreign_files_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path());
    let good = std::fs::read(&path).unwrap();

    let mut flipped = good.clone();
    let at = good.len() - 40;
    flipped[at] ^= 0x01;
    std::fs::write(&path, &flipped).unwrap();
    assert!(rejection(&path).contains("校验值不符"));

    std::fs::write(&path, &good[..good.len() / 2]).unwrap();
    assert!(rejection(&path).contains("不完整"));

    let newer = String::from_utf8(good.clone())
        .unwrap()
        .replacen("(format:1,", "(format:2,", 1);
    std::fs::write(&path, newer).unwrap();
    assert!(rejection(&path).contains("较新版本"));

    let ledger_file = dir.path().join("台账.ron");
    std::fs::write(&ledger_file, crate::store::to_text(&sample_ledger(), 1).unwrap()).unwrap();
    assert!(rejection(&ledger_file).contains("不是支部台账导出文件"));
    let empty = dir.path().join("空.zhibu-export.ron");
    std::fs::write(&empty, "").unwrap();
    assert!(rejection(&empty).contains("不是支部台账导出文件"));

    // Line ends turned into \r\n by an editor are accepted.
    let crlf = String::from_utf8(good).unwrap().replace('\n', "\r\n");
    std::fs::write(&path, crlf).unwrap();
    assert!(export_file::read(&path).is_ok());
}

#[test]
fn masking_keeps_the_ends_of_long_numbers_only() {
    assert_eq!(export_file::mask("13900000001"), "139****0001");
    assert_eq!(export_file::mask("11010519600101001X"), "110105********001X");
    assert_eq!(
        export_file::mask("广州白云区 电话13812345678"),
        "广州白云区 电话138****5678"
    );
    assert_eq!(export_file::mask("123456"), "123456");
    assert_eq!(export_file::mask(""), "");
}

/// Three branches whose figures are known: the sample (3 members, 16 h
/// on average, 2 met: 王建国 and 张伟, who is excused), the sample without
/// 王建国 (2 members, 12 h, 1 met: 张伟) and a branch with only its roster
/// (1 member, no stage records).
fn three_branches(dir: &Path) -> Vec<PathBuf> {
    let a = sample_ledger();
    let mut b = sample_ledger();
    b.branch.name = "东村党支部".into();
    b.remove_member(MemberId(1));
    let mut c = crate::model::Ledger::default();
    c.branch.name = "西村党支部".into();
    c.branch.superior = "青山镇党委".into();
    c.members.push(crate::model::Member {
        id: MemberId(1),
        name: "孙丽".into(),
        ..crate::model::Member::default()
    });
    [a, b, c]
        .iter()
        .map(|l| export(l, dir, ExportOptions::default()).export_file)
        .collect()
}

fn column(row: &[sheet::Value], c: Column) -> sheet::Value {
    row[Column::ALL.iter().position(|k| *k == c).unwrap()].clone()
}

#[test]
fn roll_up_of_three_branches_equals_the_hand_totals() {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_branches(dir.path());
    let seen = std::sync::atomic::AtomicUsize::new(0);
    let rollup = roll_up(&paths, |n| {
        seen.fetch_max(n, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!(seen.into_inner(), 3);
    assert!(rollup.files.iter().all(|f| f.status == FileStatus::Used));
    let names: Vec<&str> = rollup.rows.iter().map(|r| r.branch.as_str()).collect();
    assert_eq!(names, ["东村党支部", "西村党支部", "青山村党支部"]);
    let totals = rollup.totals();
    let averages = rollup.averages();
    use sheet::Value::{Empty, Number};
    assert_eq!(column(&totals, Column::Members), Number(6.0));
    assert_eq!(column(&totals, Column::HoursMet), Number(3.0));
    assert_eq!(column(&totals, Column::Opinions), Number(6.0));
    assert_eq!(column(&totals, Column::Merged), Number(5.0));
    assert_eq!(column(&totals, Column::AverageHours), Empty);
    assert_eq!(column(&averages, Column::AverageHours), Number(14.0));
    assert_eq!(column(&averages, Column::Members), Number(2.0));
    // The roster-only branch has no figures for the stages, not zeros.
    assert_eq!(Column::HoursMet.value(&rollup.rows[1]), Empty);
    // Both campaign branches are past 学习动员 with under 20 h on average.
    assert!(rollup.rows[0].behind.iter().any(|w| w.contains("人均学时 12.0")));
    assert!(rollup.rows[2].behind.iter().any(|w| w.contains("人均学时 16.0")));
    assert!(rollup.rows[1].behind.is_empty());

    let out = dir.path().join("county.xlsx");
    rollup
        .write(&out, &crate::report::OutputRules::new())
        .expect("county workbook");
    let table = sheet(&out, "县级汇总");
    assert_eq!(table.len(), 1 + 3 + 2);
    assert_eq!(text(&table[4][0]), "合计（3 个支部）");
    assert_eq!(table[4][3], Data::Float(6.0));
    assert_eq!(table[5][4], Data::Float(14.0));
}

#[test]
fn the_newer_export_of_a_branch_wins_and_bad_files_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = sample_ledger();
    let figures = crate::progress::figures(&ledger, TODAY);
    let older = dir.path().join("old");
    let newer = dir.path().join("new");
    let stamp = |h| jiff::civil::date(2006, 3, 1).at(h, 0, 0, 0);
    let old_path = export_file::write(dir.path(), &ledger, &figures, ExportOptions::default(), stamp(9)).unwrap();
    std::fs::rename(&old_path, &older).unwrap();
    let new_path = export_file::write(dir.path(), &ledger, &figures, ExportOptions::default(), stamp(15)).unwrap();
    std::fs::rename(&new_path, &newer).unwrap();
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "hello").unwrap();

    let rollup = roll_up(&[newer.clone(), junk.clone(), older.clone()], |_| {});
    assert_eq!(rollup.rows.len(), 1);
    assert_eq!(rollup.rows[0].path, newer);
    assert_eq!(rollup.files[0].status, FileStatus::Used);
    assert!(rollup.files[1].status_text().contains("不是支部台账导出文件"));
    assert!(rollup.files[1].status_text().contains("notes.txt"));
    assert_eq!(rollup.files[2].status, FileStatus::Replaced { by: newer.clone() });
    assert!(rollup.files[2].status_text().contains("较新的导出文件"));

    // A folder yields its export files only.
    let kept = dir.path().join("青山村党支部-20060301.zhibu-export.ron");
    std::fs::rename(&older, &kept).unwrap();
    assert_eq!(county::export_files_in(dir.path()).unwrap(), vec![kept]);
}
