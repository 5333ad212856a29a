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

/// The key of the sample branch's ledger.
fn test_key() -> signature::SigningKey {
    signature::SigningKey::from_bytes(&[7; 32])
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
    // Left out, not masked (report::privacy).
    assert_eq!(records.members[0].phone, "");
    assert_eq!(records.members[0].id_number, "");
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
    let mask = |text: &str| super::privacy::mask_text(text, &mut Default::default()).into_owned();
    assert_eq!(mask("13900000001"), "139****0001");
    assert_eq!(mask("11010519600101001X"), "110105********001X");
    assert_eq!(mask("广州白云区 电话13812345678"), "广州白云区 电话138****5678");
    assert_eq!(mask("123456"), "123456");
    assert_eq!(mask(""), "");
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
    let old_path = export_file::write(
        dir.path(),
        &ledger,
        &figures,
        ExportOptions::default(),
        stamp(9),
        &test_key(),
    )
    .unwrap();
    std::fs::rename(&old_path, &older).unwrap();
    let new_path = export_file::write(
        dir.path(),
        &ledger,
        &figures,
        ExportOptions::default(),
        stamp(15),
        &test_key(),
    )
    .unwrap();
    std::fs::rename(&new_path, &newer).unwrap();
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "hello").unwrap();

    let rollup = roll_up(&[newer.clone(), junk.clone(), older.clone()], |_| {});
    assert_eq!(rollup.rows.len(), 1);
    assert_eq!(rollup.rows[0].path, newer);
    assert_eq!(rollup.files[0].status, FileStatus::Used);
    assert!(rollup.files[1].status_text().contains("不是支部台账导出文件"));
    assert!(rollup.files[1].status_text().contains("notes.txt"));
    assert_eq!(
        rollup.files[2].status,
        FileStatus::Replaced {
            by: newer.clone(),
            by_exported_at: stamp(15),
            tie: false
        }
    );
    let verdict = rollup.files[2].status_text();
    assert!(
        verdict.contains("较新的导出文件（导出于 2006-03-01 15:00:00）"),
        "{verdict}"
    );
    assert!(
        verdict.contains(&newer.display().to_string()),
        "names the file used with its folder: {verdict}"
    );
    assert_eq!(
        rollup.files[0].status_text(),
        "可用（同一支部另有 1 份导出文件较早，未用）"
    );

    // A folder yields its export files only.
    let kept = dir.path().join("青山村党支部-20060301.zhibu-export.ron");
    std::fs::rename(&older, &kept).unwrap();
    assert_eq!(county::export_files_in(dir.path()).unwrap(), vec![kept]);
}

#[test]
fn exports_of_one_branch_in_the_same_second_are_chosen_the_same_way_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = sample_ledger();
    let figures = crate::progress::figures(&ledger, TODAY);
    let at = jiff::civil::date(2006, 3, 1).at(9, 0, 0, 0);
    let mut paths = Vec::new();
    for folder in ["a", "b"] {
        let sub = dir.path().join(folder);
        std::fs::create_dir(&sub).unwrap();
        paths.push(export_file::write(&sub, &ledger, &figures, ExportOptions::default(), at, &test_key()).unwrap());
    }
    let forward = roll_up(&paths, |_| {});
    paths.reverse();
    let backward = roll_up(&paths, |_| {});
    assert_eq!(forward.rows.len(), 1);
    assert_eq!(
        forward.rows[0].path, backward.rows[0].path,
        "the order given does not decide"
    );
    let used = &forward.rows[0].path;
    assert!(
        used.starts_with(dir.path().join("b")),
        "the later path by name wins the tie"
    );
    let set_aside = forward.files.iter().find(|f| f.status != FileStatus::Used).unwrap();
    let verdict = set_aside.status_text();
    assert!(verdict.contains("也导出于 2006-03-01 09:00:00"), "{verdict}");
    assert!(verdict.contains(&used.display().to_string()), "{verdict}");
}

#[test]
fn a_folder_is_searched_with_its_subfolders_and_counted_per_folder() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = sample_ledger();
    let figures = crate::progress::figures(&ledger, TODAY);
    let at = jiff::civil::date(2006, 3, 1).at(9, 0, 0, 0);
    let deep = dir.path().join("青山镇").join("红星村");
    let other = dir.path().join("石门镇");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("说明.txt"), "不是导出文件").unwrap();
    let top = export_file::write(dir.path(), &ledger, &figures, ExportOptions::default(), at, &test_key()).unwrap();
    let inner = export_file::write(&deep, &ledger, &figures, ExportOptions::default(), at, &test_key()).unwrap();
    let scan = county::scan_folder(dir.path()).unwrap();
    assert_eq!(scan.files, vec![top, inner]);
    assert_eq!(
        scan.per_folder,
        vec![(dir.path().to_owned(), 1), (deep.clone(), 1)],
        "石门镇 holds no export file"
    );
    assert!(scan.unreadable.is_empty());
    assert!(county::scan_folder(&dir.path().join("没有这个文件夹")).is_err());
}

#[test]
fn overdue_commitments_and_plan_items_are_counted_apart_and_flagged_only_from_rectification_on() {
    let ledger = sample_ledger();
    let mut figures = crate::progress::figures(&ledger, TODAY);
    let r = figures
        .rectification
        .as_mut()
        .expect("the sample has rectification records");
    r.commitments_overdue = 1;
    r.branch_items_overdue = 2;
    let row = |figures: &crate::progress::figures::Figures| county::BranchRow {
        branch: "红星村".into(),
        superior: "青山镇".into(),
        path: PathBuf::from("x"),
        generated_at: jiff::civil::date(2006, 3, 1).at(9, 0, 0, 0),
        figures: figures.clone(),
        behind: county::behind(figures),
    };
    figures.stage = crate::model::Stage::Appraisal;
    let early = row(&figures);
    assert!(
        early
            .behind
            .iter()
            .all(|why| !why.contains("逾期") || why.contains("意见")),
        "a branch still in 分析评议 is not flagged for rectification: {:?}",
        early.behind
    );
    figures.stage = crate::model::Stage::Rectification;
    let late = row(&figures);
    assert!(
        late.behind.contains(&"1 条整改承诺逾期".to_owned()),
        "{:?}",
        late.behind
    );
    assert!(
        late.behind.contains(&"2 项整改台账事项逾期".to_owned()),
        "{:?}",
        late.behind
    );
    assert_eq!(Column::CommitmentsOverdue.value(&late), sheet::Value::from(1u32));
    assert_eq!(Column::BranchItemsOverdue.value(&late), sheet::Value::from(2u32));
    let titles: Vec<&str> = Column::ALL.iter().map(|c| c.title()).collect();
    let unique: std::collections::HashSet<_> = titles.iter().collect();
    assert_eq!(
        unique.len(),
        titles.len(),
        "every heading of the county table is its own"
    );
}

#[test]
fn every_sheet_of_the_export_workbook_has_headings_of_its_own_and_session_columns_stay_narrow() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = crate::demo::demo_ledger(24, crate::model::Date::constant(2006, 3, 10));
    // A second session on the day of the first: its heading must differ.
    let mut again = (*ledger.study.sessions[0]).clone();
    again.id = crate::model::SessionId(ledger.next_id());
    again.topic = "同一天的第二次学习：重温入党誓词".into();
    ledger.study.sessions.push(again.into());
    let options = ExportOptions {
        include_personal: true,
        ..ExportOptions::default()
    };
    let out = export(&ledger, dir.path(), options);
    let mut book: Xlsx<_> = open_workbook(&out.workbook).unwrap();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let header: Vec<String> = range.rows().next().unwrap().iter().map(text).collect();
        let unique: std::collections::HashSet<_> = header.iter().collect();
        assert_eq!(unique.len(), header.len(), "{name}: {header:?}");
    }
    let study = sheet(&out.workbook, "学习考勤");
    let sessions = &study[0][7..];
    assert_eq!(sessions.len(), ledger.study.sessions.len());
    for heading in sessions {
        let heading = text(heading);
        assert!(
            sheet::text_width(&heading) <= 28,
            "a session heading is its date and hours: {heading}"
        );
        assert!(heading.contains("学时"), "{heading}");
    }
    assert!(sessions.iter().any(|h| text(h).contains("第2场")), "{sessions:?}");
}
