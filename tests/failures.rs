//! Every failure reported, in Chinese: a save whose copy in `backups/`
//! failed says so on the command line (and still succeeds: the ledger is
//! saved) and in the window's document; a text too long for an Excel cell
//! is cut in the workbook with a note at its end, the export goes on, and
//! the user is told which record it was.
//!
//! The backup is made to fail the way a user's disk can, without the
//! store's test seam (compiled only into the library's own tests): a file
//! named `backups` where the backups folder should be. That works as root
//! too, where a read-only folder would not.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Sandbox, TODAY, on_disk, small_ledger, text, zhibu};
use zhibu::edit::{self, Document, SaveStatus};
use zhibu::model::Ledger;
use zhibu::progress::Roll;
use zhibu::report::{ExportOptions, export_package};

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Puts a file where the backups folder of `ledger` goes, so that the next
/// backup cannot be made. Returns the folder's path.
fn block_backups(ledger: &Path) -> PathBuf {
    let folder = zhibu::store::backup_folder(ledger);
    if folder.is_dir() {
        std::fs::remove_dir_all(&folder).expect("remove backups");
    }
    std::fs::write(&folder, "不是文件夹").expect("write the blocking file");
    folder
}

/// The warning printed about a failed backup, checked for what it must
/// say: that the ledger was saved, why the backup failed (a Chinese
/// sentence, the system's words after it), and the folder last.
fn assert_backup_warning(stderr: &str, folder: &Path) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("警告："))
        .unwrap_or_else(|| panic!("no warning: {stderr}"));
    assert!(line.starts_with("警告：台账已保存，但备份未能完成："), "{line}");
    assert!(line.contains("已有同名的文件或文件夹（"), "the reason: {line}");
    assert!(
        line.ends_with(&format!("（{}）", folder.display())),
        "the folder last: {line}"
    );
}

/// A sheet of two new members, as a secretary would save it from Excel.
fn roster(sandbox: &Sandbox) -> PathBuf {
    let sheet = sandbox.path("名册.csv");
    std::fs::write(
        &sheet,
        "姓名,性别,民族,出生年月,入党时间,党员类型\n周明,男,汉族,1970-05-01,1995-07-01,正式党员\n吴芳,女,汉族,1975-08-12,2001-07-01,正式党员\n",
    )
    .expect("write sheet");
    sheet
}

#[test]
fn import_members_warns_when_the_backup_fails_but_saves_and_succeeds() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let folder = block_backups(&path);
    let run = zhibu(&["import-members", arg(&path), arg(&roster(&sandbox))]);
    let stderr = text(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert_backup_warning(&stderr, &folder);
    assert!(text(&run.stdout).contains("已新增 2 名"), "{}", text(&run.stdout));
    let names: Vec<String> = on_disk(&path).members.iter().map(|m| m.name.clone()).collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.contains(&"吴芳".to_owned()), "{names:?}");
    // The blocking file is left alone.
    assert_eq!(std::fs::read_to_string(&folder).expect("read"), "不是文件夹");
}

#[test]
fn import_members_with_a_working_backup_warns_of_nothing() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let run = zhibu(&["import-members", arg(&path), arg(&roster(&sandbox))]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(!text(&run.stderr).contains("警告"), "{}", text(&run.stderr));
    assert_eq!(zhibu::store::list_backups(&path).len(), 2);
}

#[test]
fn demo_warns_when_the_backup_fails_but_writes_the_ledger() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("示例.ron");
    let folder = block_backups(&path);
    let run = zhibu(&["demo", "--out", arg(&path), "--members", "5"]);
    let stderr = text(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert_backup_warning(&stderr, &folder);
    assert_eq!(on_disk(&path).members.len(), 5);
}

/// One edit of the branch's facts.
fn edit_secretary(doc: &mut Document, name: &str, now: f64) {
    let mut branch = doc.ledger.branch.clone();
    branch.secretary = name.to_owned();
    doc.apply(edit::Command::SetBranch(branch), now).expect("edit");
}

#[test]
fn the_window_keeps_a_failed_backup_as_a_warning_until_a_backup_works_again() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let folder = block_backups(&path);
    let mut doc = Document::open(&path).expect("open");
    assert_eq!(doc.save_warning(), None);
    edit_secretary(&mut doc, "新书记", 0.0);
    assert!(doc.save_now(), "the ledger itself is saved");
    assert!(matches!(doc.status(), SaveStatus::Saved(_)), "{:?}", doc.status());
    assert_eq!(on_disk(&path).branch.secretary, "新书记");
    let warning = doc.save_warning().expect("a warning");
    assert!(warning.starts_with("台账已保存，但备份未能完成："), "{warning}");
    assert!(warning.ends_with(&format!("（{}）", folder.display())), "{warning}");

    // The folder is back: the next save keeps its copy, and the warning goes.
    std::fs::remove_file(&folder).expect("remove");
    edit_secretary(&mut doc, "又一任书记", 1.0);
    assert!(doc.save_now());
    assert_eq!(doc.save_warning(), None);
    assert_eq!(zhibu::store::list_backups(&path).len(), 1);
}

#[test]
fn a_new_ledger_created_in_the_window_warns_when_its_first_backup_fails() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("新支部.ron");
    let folder = block_backups(&path);
    let doc = Document::create(&path, small_ledger(2)).expect("created");
    let warning = doc.save_warning().expect("a warning");
    assert!(warning.ends_with(&format!("（{}）", folder.display())), "{warning}");
    assert_eq!(on_disk(&path).members.len(), 2);
}

/// 40,000 hanzi, as an opinion pasted in whole.
fn huge(word: &str) -> String {
    word.repeat(40_000 / word.chars().count())
}

/// The demo branch, finished, with three texts longer than a cell: a
/// member's 评议意见, a talk's 达成的共识 and a commitment's 整改措施.
/// Returns it and the member whose 评议意见 it is.
fn ledger_with_huge_texts() -> (Ledger, String) {
    let mut ledger = zhibu::demo::demo_ledger_finished(8, TODAY);
    let roll = Roll::of(&ledger);
    let member = ledger
        .members
        .iter()
        .find(|m| roll.counts(m.id))
        .map(|m| (m.id, m.name.clone()))
        .expect("a member on the roll");
    let results = &mut ledger.appraisal.results;
    match results.iter_mut().find(|r| r.member == member.0) {
        Some(result) => result.branch_opinion = huge("评议意见"),
        None => results.push(zhibu::model::appraisal::MemberResult {
            member: member.0,
            branch_opinion: huge("评议意见"),
            ..Default::default()
        }),
    }
    let talk = ledger.talks.first_mut().expect("a talk");
    talk.outcome = huge("谈话结果");
    let commitment = ledger.rectification.commitments.first_mut().expect("a commitment");
    commitment.measure = huge("整改措施");
    (ledger, member.1)
}

/// Every text cell of sheet `name`, as calamine reads it back.
fn texts_of(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<String> {
    let range = book.worksheet_range(name).expect("the sheet");
    range
        .rows()
        .flatten()
        .filter_map(|cell| match cell {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn texts_too_long_for_a_cell_are_cut_with_a_note_and_the_export_names_them() {
    let (ledger, member) = ledger_with_huge_texts();
    let sandbox = Sandbox::new();
    let out = export_package(sandbox.dir.path(), &ledger, TODAY, ExportOptions::default()).expect("the export goes on");

    let mut book: Xlsx<_> = open_workbook(&out.workbook).expect("the workbook opens");
    for (sheet, word) in [
        ("民主评议", "评议意见"),
        ("谈心谈话", "谈话结果"),
        ("整改台账", "整改措施"),
    ] {
        let cut: Vec<String> = texts_of(&mut book, sheet)
            .into_iter()
            .filter(|t| t.starts_with(&word.repeat(10)))
            .collect();
        assert_eq!(cut.len(), 1, "{sheet}: one cut cell");
        let cell = &cut[0];
        let units = cell.encode_utf16().count();
        assert!(units <= 32_767, "{sheet}: {units} units");
        assert!(units > 32_700, "{sheet}: as much as fits, not {units}");
        let kept = cell.chars().take_while(|c| word.contains(*c)).count();
        let note = format!(
            "……（以下 {} 字超出 Excel 单元格上限，未写入；全文见台账）",
            40_000 - kept
        );
        assert!(
            cell.ends_with(&note),
            "{sheet}: …{}",
            cell.chars().skip(kept).collect::<String>()
        );
    }

    // One message per cut text, each naming the sheet, the column and the record.
    let said: Vec<String> = out.cuts.iter().map(ToString::to_string).collect();
    assert_eq!(out.cuts.len(), 3, "{said:?}");
    let opinion = said.iter().find(|s| s.contains("“民主评议”")).expect("民主评议");
    assert!(
        opinion.contains(&format!("（{member}）的“评议意见”共 40000 字")),
        "{opinion}"
    );
    let talk = said.iter().find(|s| s.contains("“谈心谈话”")).expect("谈心谈话");
    assert!(talk.contains("的“达成的共识”共 40000 字"), "{talk}");
    let commitment = said.iter().find(|s| s.contains("“整改台账”")).expect("整改台账");
    assert!(commitment.contains("的个人承诺："), "{commitment}");
    assert!(commitment.contains("的“整改措施”共 40000 字"), "{commitment}");
}

#[test]
fn zhibu_export_prints_which_records_were_cut() {
    let (ledger, member) = ledger_with_huge_texts();
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let out_dir = sandbox.path("导出");
    let run = zhibu(&["export", arg(&path), "--out-dir", arg(&out_dir)]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    assert!(
        printed.contains("工作簿中有 3 处文字超出 Excel 单元格上限"),
        "{printed}"
    );
    assert!(
        printed.contains("工作表“民主评议”第 ") && printed.contains(&format!("（{member}）的“评议意见”")),
        "{printed}"
    );
}

#[test]
fn the_top_bar_says_the_backup_was_not_made_while_it_was_not() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let folder = block_backups(&path);
    let mut harness = common::harness(sandbox.app(Some(&path)));
    harness.run();
    assert!(!common::label_with(&harness, "备份未完成"), "nothing failed yet");
    let doc = harness.state_mut().doc.as_mut().expect("open");
    edit_secretary(doc, "新书记", 0.0);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(on_disk(&path).branch.secretary, "新书记", "the ledger itself is saved");
    assert!(
        common::label_with(&harness, "备份未完成"),
        "the top bar says the backup failed"
    );

    std::fs::remove_file(&folder).expect("remove");
    let doc = harness.state_mut().doc.as_mut().expect("open");
    edit_secretary(doc, "又一任书记", 1.0);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(!common::label_with(&harness, "备份未完成"), "the backup works again");
}
