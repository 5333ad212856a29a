//! The README's privacy promise against the probe's hostile cases, through
//! the real `zhibu export` command line, the `report` functions and the
//! 导出 screen: without `--personal` no phone number or 身份证号 — with
//! separators, spaces or full-width digits, in the member's fields, a
//! mobile member's contact, notes, talk topics or opinions — is in any
//! cell of the workbook or anywhere in the export file; with it they all
//! are; the counts are told before anything is written; dates, hours,
//! years and vote counts are left as they were.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Sandbox, TODAY, click, harness, text, zhibu};
use egui_kittest::kittest::Queryable;
use zhibu::model::{Date, Ledger};
use zhibu::report::privacy::{NumberKind, find_numbers};
use zhibu::report::{ExportOptions, export_file, export_package};

/// The numbers typed, and the digits of each that must not leave.
const PLANTED: [(&str, &str); 9] = [
    ("139-4321-8765", "4321"),
    ("110105 19600101 001X", "19600101"),
    ("139 4322 8765", "4322"),
    ("0538-3221506", "3221"),
    ("３２２３５０６", "３２２３"),
    ("１３９４３２３８７６５", "４３２３"),
    ("0538.3224506", "3224"),
    ("13843258768", "4325"),
    ("11010519610202002x", "19610202"),
];

/// Ordinary numbers in a note that must leave as typed.
const ORDINARY: &str =
    "2026-12-01 学满40学时，2006年度，2026.12.01 补学，20261201 签收，应到35人实到33人，有效票33张，投入1500000元";

/// The demo branch at the end of 整改提高, with the probe's numbers typed
/// into the member form's fields, a mobile member's contact, notes, a
/// talk's topic and result, an opinion and a commitment.
fn hostile() -> Ledger {
    let mut ledger = zhibu::demo::demo_ledger_finished(24, Date::constant(2006, 5, 20));
    let p = |i: usize| PLANTED[i].0.to_owned();
    let mobile = ledger
        .members
        .iter()
        .position(|m| m.is_mobile())
        .expect("a mobile member");
    let members = &mut ledger.members;
    members[0].phone = p(0);
    members[0].id_number = p(1);
    members[mobile].mobile.contact = p(2);
    members[0].notes = format!("家中电话 {}", p(3));
    members[1].notes = format!("邻居电话{}，手机{}", p(4), p(5));
    members[2].notes = ORDINARY.to_owned();
    let talk = &mut ledger.talks[0];
    talk.topic = format!("约好电话 {} 联系", p(6));
    talk.outcome = format!("身份证号 {} 已核对", p(8));
    ledger.opinions.opinions[0].content = format!("请回电 {}", p(7));
    ledger.rectification.commitments[0].measure = format!("每周打 {} 汇报", p(7));
    ledger
}

/// Every text cell of every sheet of the workbook.
fn workbook_texts(path: &Path) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).expect("workbook opens");
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for cell in range.rows().flatten() {
            if let Data::String(s) = cell {
                out.push(s.clone());
            }
        }
    }
    out
}

/// The phone numbers and 身份证号 found in `text`.
fn numbers_in(text: &str) -> Vec<String> {
    find_numbers(text)
        .into_iter()
        .filter(|f| f.kind != NumberKind::LongNumber)
        .map(|f| text[f.range].to_owned())
        .collect()
}

/// The export file's text below its header line (which carries the
/// checksum and signature in hex).
fn export_body(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("export file");
    let mut lines = text.lines().skip_while(|l| l.starts_with("//"));
    lines.next();
    lines.collect::<Vec<_>>().join("\n")
}

/// Nothing planted leaves: not the numbers, not their middle digits, and
/// no phone or 身份证号 shape anywhere.
fn assert_nothing_leaves(workbook: &Path, export_file: &Path) {
    let cells = workbook_texts(workbook);
    let body = export_body(export_file);
    assert!(body.contains("records: Some("), "the records are in the file");
    for (number, middle) in PLANTED {
        assert!(
            !body.contains(number) && !body.contains(middle),
            "{number} in the export file"
        );
        for cell in &cells {
            assert!(!cell.contains(middle), "{number} in the workbook: {cell}");
        }
    }
    assert_eq!(numbers_in(&body), Vec::<String>::new(), "the export file");
    for cell in &cells {
        assert_eq!(numbers_in(cell), Vec::<String>::new(), "a workbook cell");
    }
    assert!(
        !cells.iter().any(|c| c == "联系电话" || c == "身份证号"),
        "no personal column"
    );
    // Masked, still readable.
    assert!(body.contains("0538-****506"), "the note's landline");
    assert!(cells.iter().any(|c| c.contains("约好电话 0538.****506 联系")));
}

fn options(personal: bool) -> ExportOptions {
    ExportOptions {
        include_records: true,
        include_personal: personal,
    }
}

#[test]
fn the_probes_numbers_never_leave_through_the_report_functions() {
    let sandbox = Sandbox::new();
    let ledger = hostile();
    let out = export_package(&sandbox.path("导出"), &ledger, TODAY, options(false)).expect("export");
    assert_nothing_leaves(&out.workbook, &out.export_file);
    let records = export_file::read(&out.export_file)
        .expect("reads back")
        .body
        .records
        .expect("records");
    assert!(
        records
            .members
            .iter()
            .all(|m| m.phone.is_empty() && m.id_number.is_empty() && m.mobile.contact.is_empty())
    );
    assert_eq!(records.members[1].notes, "邻居电话****５０６，手机１３９****８７６５");
    assert_eq!(records.talks.len(), ledger.talks.len());
}

#[test]
fn ordinary_numbers_leave_as_typed() {
    let sandbox = Sandbox::new();
    let out = export_package(&sandbox.path("导出"), &hostile(), TODAY, options(false)).expect("export");
    let records = export_file::read(&out.export_file)
        .expect("reads back")
        .body
        .records
        .expect("records");
    assert_eq!(records.members[2].notes, ORDINARY);
    assert!(workbook_texts(&out.workbook).iter().any(|c| c == ORDINARY));
}

#[test]
fn with_personal_every_number_leaves_whole() {
    let sandbox = Sandbox::new();
    let ledger = hostile();
    let out = export_package(&sandbox.path("导出"), &ledger, TODAY, options(true)).expect("export");
    let records = export_file::read(&out.export_file)
        .expect("reads back")
        .body
        .records
        .expect("records");
    assert_eq!(records, ledger);
    let cells = workbook_texts(&out.workbook);
    for value in [
        PLANTED[0].0,
        PLANTED[1].0,
        "家中电话 0538-3221506",
        "约好电话 0538.3224506 联系",
    ] {
        assert!(cells.iter().any(|c| c == value), "{value} in the workbook");
    }
}

#[test]
fn zhibu_export_says_what_it_withholds_before_writing_and_leaks_nothing() {
    let sandbox = Sandbox::new();
    let file = sandbox.write_ledger("支部.ron", &hostile());
    let out_dir = sandbox.path("导出");
    let file_arg = file.to_str().expect("path");
    let dir_arg = out_dir.to_str().expect("path");
    let run = zhibu(&["export", file_arg, "--out-dir", dir_arg, "--records"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    let told = printed
        .find("工作簿各表的文字中将隐去号码中间几位：电话 ")
        .unwrap_or_else(|| panic!("{printed}"));
    let in_file = printed
        .find("导出文件的台账记录中将隐去号码中间几位：电话 ")
        .unwrap_or_else(|| panic!("{printed}"));
    let written = printed.find("已导出工作簿").unwrap_or_else(|| panic!("{printed}"));
    assert!(told < written && in_file < written, "told before writing: {printed}");
    assert!(printed.contains("身份证号 1 处"), "{printed}");
    assert!(printed.contains("不导出：") && printed.contains("一三九"), "{printed}");
    let exports = zhibu::report::county::export_files_in(&out_dir).expect("folder");
    let workbook = exports[0].with_file_name(
        exports[0]
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .replace(export_file::EXTENSION, ".xlsx"),
    );
    assert_nothing_leaves(&workbook, &exports[0]);

    let whole_dir = sandbox.path("完整");
    let whole_arg = whole_dir.to_str().expect("path");
    let run = zhibu(&["export", file_arg, "--out-dir", whole_arg, "--records", "--personal"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("号码完整导出"));
    let exports = zhibu::report::county::export_files_in(&whole_dir).expect("folder");
    let body = export_body(&exports[0]);
    assert!(body.contains("139-4321-8765") && body.contains("约好电话 0538.3224506 联系"));
}

#[test]
fn the_export_screen_shows_the_counts_with_the_options() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &hostile());
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "导出");
    harness.get_by_label_contains("不导出：");
    harness.get_by_label_contains("工作簿各表的文字中将隐去号码中间几位：电话 ");
    harness.get_by_label_contains("一三九");
    assert!(
        harness.query_by_label_contains("导出文件的台账记录中").is_none(),
        "no records ticked"
    );
    harness.get_by_label("导出文件中包含全部台账记录").click();
    harness.run_steps(2);
    harness.get_by_label_contains("导出文件的台账记录中将隐去号码中间几位：电话 ");
    harness.get_by_label("包含联系电话和身份证号").click();
    harness.run_steps(2);
    harness.get_by_label_contains("号码完整导出");
    assert!(harness.query_by_label_contains("将隐去号码").is_none());
}
