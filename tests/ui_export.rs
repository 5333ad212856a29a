//! The 导出 screen as a secretary and the county office use it: export
//! this branch into a folder with the privacy defaults, then roll up a
//! folder of branches' export files in 县级汇总.

mod common;

use std::path::Path;

use common::{Sandbox, TODAY, click, field, harness};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::{Date, Ledger};
use zhibu::report::{ExportOptions, export_file, export_package};
use zhibu::ui::ZhibuApp;

fn demo(name: &str, members: usize) -> Ledger {
    let mut ledger = zhibu::demo::demo_ledger(members, Date::constant(2006, 3, 10));
    ledger.branch.name = name.to_owned();
    ledger
}

/// Replaces the text of the field labelled `label`.
fn retype(harness: &mut Harness<'static, ZhibuApp>, label: &str, text: &str) {
    field(harness, label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field(harness, label).type_text(text);
    harness.run_steps(2);
}

#[test]
fn branch_export_writes_both_files_without_personal_numbers_by_default() {
    let sandbox = Sandbox::new();
    let ledger = demo("东街社区党支部", 24);
    let phone = ledger
        .members
        .iter()
        .find(|m| !m.phone.is_empty())
        .expect("a phone")
        .phone
        .clone();
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "导出");
    // The default folder is the ledger's own; the user picks another.
    let folder = field(&harness, "导出到文件夹").value().expect("text");
    assert_eq!(Path::new(&folder), sandbox.dir.path());
    let out = sandbox.path("交县里");
    retype(&mut harness, "导出到文件夹", out.to_str().expect("path"));
    harness.get_by_label_contains("不含联系电话和身份证号");
    harness.get_by_label_contains("不含台账记录");
    click(&mut harness, "开始导出");
    harness.get_by_label("已导出：");
    // Both paths to copy; the workbook opened or its folder shown.
    let workbook = field(&harness, "工作簿").value().expect("the workbook's path");
    assert_eq!(Path::new(&workbook).parent(), Some(out.as_path()));
    let export = field(&harness, "交县先教办的导出文件")
        .value()
        .expect("the export file's path");
    assert!(export.ends_with(".zhibu-export.ron"), "{export}");
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "打开文件");
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "打开所在文件夹");

    let name = export_file::file_name("东街社区党支部", TODAY);
    let export = export_file::read(&out.join(&name)).expect("export file written");
    assert!(export.body.records.is_none());
    assert_eq!(
        export.body.figures.members.total as usize,
        ledger.current_members().count()
    );
    assert!(out.join(name.replace(".zhibu-export.ron", ".xlsx")).exists());

    // Ticking both boxes: the text says so, and the numbers leave whole.
    harness.get_by_label("导出文件中包含全部台账记录").click();
    harness.get_by_label("包含联系电话和身份证号").click();
    harness.run_steps(2);
    harness.get_by_label_contains("完整号码");
    click(&mut harness, "开始导出");
    // The files of the first export are there: replaced once confirmed.
    click(&mut harness, "替换");
    let export = export_file::read(&out.join(&name)).expect("export file written");
    let records = export.body.records.expect("records");
    assert!(records.members.iter().any(|m| m.phone == phone));
}

#[test]
fn branch_export_into_an_impossible_folder_says_why() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &common::small_ledger(3));
    let blocker = sandbox.path("是文件");
    std::fs::write(&blocker, "x").expect("write");
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "导出");
    retype(
        &mut harness,
        "导出到文件夹",
        blocker.join("子目录").to_str().expect("path"),
    );
    click(&mut harness, "开始导出");
    harness.get_by_label_contains("无法保存");
}

#[test]
fn county_tab_rolls_up_a_folder_lists_bad_files_and_sorts() {
    let sandbox = Sandbox::new();
    let exports = sandbox.path("各支部");
    for (name, members) in [("东村党支部", 20), ("西村党支部", 40), ("南村党支部", 30)] {
        export_package(&exports, &demo(name, members), TODAY, ExportOptions::default()).expect("export");
    }
    std::fs::write(exports.join("坏.zhibu-export.ron"), "乱码").expect("write");
    let path = sandbox.write_ledger("支部.ron", &common::small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "导出");
    harness.get_by_label("县级汇总").click();
    harness.run_steps(2);
    harness.get_by_label_contains("尚未添加导出文件");
    retype(&mut harness, "文件夹", exports.to_str().expect("path"));
    click(&mut harness, "添加此文件夹");
    harness.state_mut().export.county.wait();
    harness.run_steps(3);
    harness.get_by_label_contains("3 个支部。高亮的支部未达到活动要求");
    harness.get_by_label("西村党支部");
    harness.get_by_label("合计（3 个支部）");
    harness.get_by_label_contains("文件检查（4 个文件）").click();
    harness.run_steps(2);
    harness.get_by_label_contains("这不是支部台账导出文件");

    // Sorting by 党员数, largest first after a second click.
    harness.get_by_label("党员数").click();
    harness.run_steps(2);
    harness.get_by_label("党员数 ▲").click();
    harness.run_steps(2);
    let state = &harness.state().export.county;
    assert_eq!(state.sort, Some(zhibu::report::county::Column::Members));
    assert!(state.descending);

    let county = sandbox.path("县级汇总.xlsx");
    harness.state_mut().export.county.save_table(&county);
    harness.run_steps(2);
    let shown = field(&harness, "已导出汇总表：").value();
    assert_eq!(shown.as_deref(), county.to_str());
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "打开文件");
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "打开所在文件夹");
    assert!(county.exists());
}

#[test]
fn county_clerk_without_a_ledger_rolls_up_from_the_start_screen() {
    let sandbox = Sandbox::new();
    let exports = sandbox.path("交来的导出文件");
    for (name, members) in [("东村党支部", 12), ("西村党支部", 15)] {
        export_package(&exports, &demo(name, members), TODAY, ExportOptions::default()).expect("export");
    }
    let mut harness = harness(sandbox.app(None));
    harness.get_by_label_contains("县先教办用");
    click(&mut harness, "县级汇总");
    harness.get_by_label_contains("尚未添加导出文件");
    retype(&mut harness, "文件夹", exports.to_str().expect("path"));
    click(&mut harness, "添加此文件夹");
    harness.state_mut().export.county.wait();
    harness.run_steps(3);
    harness.get_by_label("东村党支部");
    harness.get_by_label("合计（2 个支部）");
    assert!(harness.state().doc.is_none(), "no ledger was opened or made");

    click(&mut harness, "返回开始页面");
    harness.get_by_label("打开示例支部");
    // Back again: the files added are still there.
    click(&mut harness, "县级汇总");
    harness.get_by_label("西村党支部");
}

#[test]
fn a_second_export_the_same_day_keeps_the_first_until_replace_is_chosen() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &common::small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "导出");
    click(&mut harness, "开始导出");
    harness.get_by_label("已导出：");
    let workbook = std::path::PathBuf::from(field(&harness, "工作簿").value().expect("path"));
    let export = std::path::PathBuf::from(field(&harness, "交县先教办的导出文件").value().expect("path"));
    std::fs::write(&workbook, "第一次的工作簿").expect("write");
    std::fs::write(&export, "第一次的导出文件").expect("write");

    click(&mut harness, "开始导出");
    harness.get_by_label_contains("已有同名的导出文件");
    assert_eq!(std::fs::read_to_string(&workbook).expect("read"), "第一次的工作簿");
    assert_eq!(std::fs::read_to_string(&export).expect("read"), "第一次的导出文件");
    click(&mut harness, "取消");
    assert!(harness.query_by_label("已导出：").is_none(), "nothing was exported");
    assert_eq!(std::fs::read_to_string(&export).expect("read"), "第一次的导出文件");

    click(&mut harness, "开始导出");
    click(&mut harness, "替换");
    harness.get_by_label("已导出：");
    assert!(export_file::read(&export).is_ok(), "a new export file");
}

#[test]
fn the_county_tab_keeps_what_was_typed_and_added_after_the_program_is_gone() {
    let sandbox = Sandbox::new();
    let exports = sandbox.path("交来的导出文件");
    for (name, members) in [("东村党支部", 12), ("西村党支部", 15)] {
        export_package(&exports, &demo(name, members), TODAY, ExportOptions::default()).expect("export");
    }
    let mut before = harness(sandbox.app(None));
    click(&mut before, "县级汇总");
    retype(&mut before, "文件夹", exports.to_str().expect("path"));
    click(&mut before, "添加此文件夹");
    before.state_mut().export.county.wait();
    before.run_steps(3);
    retype(&mut before, "汇总单位", "青山县先教办");
    // Gone without closing, as after a crash: nothing is written at exit.
    drop(before);

    let mut after = harness(sandbox.app(None));
    click(&mut after, "县级汇总");
    after.state_mut().export.county.wait();
    after.run_steps(3);
    after.get_by_label("东村党支部");
    after.get_by_label("合计（2 个支部）");
    assert_eq!(field(&after, "汇总单位").value().as_deref(), Some("青山县先教办"));
    assert_eq!(field(&after, "文件夹").value().as_deref(), exports.to_str());

    // 清空 is kept too: the next start begins empty.
    click(&mut after, "清空");
    drop(after);
    let mut again = harness(sandbox.app(None));
    click(&mut again, "县级汇总");
    again.get_by_label_contains("尚未添加导出文件");
}
