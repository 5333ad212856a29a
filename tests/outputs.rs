//! No output ever replaces a ledger, or a file the user did not name as
//! one to replace (issue 20, item 1), for every writer: `zhibu print`,
//! `zhibu export`, `zhibu county`, `zhibu demo` run as the real binary; the
//! 打印 and 导出 screens (typed path, 县级汇总) through egui_kittest; the
//! library writers they share. Each test checks that the ledger is byte
//! for byte what it was and that the message is Chinese and names the
//! file. Also issue 20, item 8: no lock file or folder for a ledger that
//! is not there, and generated file names that are neither hidden nor
//! turned around by bidi marks.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{Sandbox, TODAY, click, harness, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::Ledger;
use zhibu::report::{
    ExportOptions, OutputKind, OutputRefused, OutputRules, Replace, check_output, county, export_package,
    export_package_with, package_paths, pdf,
};
use zhibu::ui::ZhibuApp;

/// Runs the binary; a run that has not ended after a minute (a FIFO
/// opened for writing waits forever) is killed and fails the test.
fn zhibu(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run zhibu");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("zhibu {args:?} did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Whether `message` is Chinese (has CJK characters) and names `path`.
fn chinese_naming(message: &str, path: &Path) -> bool {
    let chinese = message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    chinese && message.contains(&path.display().to_string())
}

/// The refusal of a run: it failed, said so in Chinese naming `path`,
/// and wrote nothing else than `错误：…`.
fn assert_refused(run: &Output, path: &Path) -> String {
    let message = text(&run.stderr);
    assert!(!run.status.success(), "not refused: {}", text(&run.stdout));
    assert!(message.starts_with("错误："), "{message}");
    assert!(chinese_naming(&message, path), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    message
}

fn demo(members: usize) -> Ledger {
    let mut ledger = zhibu::demo::demo_ledger(members, TODAY);
    ledger.branch.name = "红星村党支部".to_owned();
    ledger
}

/// A branch with a ledger on disk, its bytes kept to compare with.
struct Branch {
    sandbox: Sandbox,
    ledger: Ledger,
    path: PathBuf,
    bytes: Vec<u8>,
}

impl Branch {
    fn new() -> Self {
        let sandbox = Sandbox::new();
        let ledger = demo(8);
        let path = sandbox.write_ledger("支部台账.ron", &ledger);
        let bytes = std::fs::read(&path).expect("read");
        Self {
            sandbox,
            ledger,
            path,
            bytes,
        }
    }

    fn assert_untouched(&self) {
        assert!(
            std::fs::read(&self.path).expect("the ledger is still there") == self.bytes,
            "the ledger changed"
        );
        assert!(zhibu::store::load(&self.path).is_ok());
    }

    /// An export of the branch into `folder` (for the roll-up).
    fn export_into(&self, folder: &Path) -> PathBuf {
        export_package(folder, &self.ledger, TODAY, ExportOptions::default())
            .expect("export")
            .export_file
    }
}

// ---------------------------------------------------------------- print

#[test]
fn print_never_replaces_the_ledger_it_reads_even_with_force() {
    let branch = Branch::new();
    let ledger = arg(&branch.path);
    for force in [false, true] {
        let mut args = vec!["print", "checklist", ledger, "--out", ledger];
        if force {
            args.push("--force");
        }
        let message = assert_refused(&zhibu(&args), &branch.path);
        assert!(message.contains("台账文件"), "{message}");
        branch.assert_untouched();
    }
}

#[test]
fn print_replaces_an_existing_file_only_with_force() {
    let branch = Branch::new();
    let out = branch.sandbox.path("清单.pdf");
    std::fs::write(&out, "上个月的清单").expect("write");
    let run = zhibu(&["print", "checklist", arg(&branch.path), "--out", arg(&out)]);
    let message = assert_refused(&run, &out);
    assert!(message.contains("不会覆盖") && message.contains("--force"), "{message}");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "上个月的清单");

    let run = zhibu(&["print", "checklist", arg(&branch.path), "--out", arg(&out), "--force"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(std::fs::read(&out).expect("read").starts_with(b"%PDF"));
    branch.assert_untouched();
}

#[test]
fn print_refuses_the_backups_folder_a_backup_lock_and_drafts_files() {
    let branch = Branch::new();
    let backups = zhibu::store::backup_folder(&branch.path);
    std::fs::create_dir_all(&backups).expect("backups");
    let backup = backups.join("支部台账-20261124-101500-000001.ron");
    std::fs::write(&backup, &branch.bytes).expect("backup");
    let targets = [
        backups.join("清单.pdf"),
        backup.clone(),
        zhibu::store::lock_path(&branch.path),
        zhibu::store::drafts_path(&branch.path),
    ];
    for target in &targets {
        let run = zhibu(&["print", "checklist", arg(&branch.path), "--out", arg(target), "--force"]);
        assert_refused(&run, target);
    }
    assert!(!backups.join("清单.pdf").exists());
    assert_eq!(std::fs::read(&backup).expect("backup"), branch.bytes);
    branch.assert_untouched();
}

#[cfg(unix)]
#[test]
fn print_refuses_a_fifo_at_once() {
    let branch = Branch::new();
    let fifo = branch.sandbox.path("管道.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let run = zhibu(&["print", "checklist", arg(&branch.path), "--out", arg(&fifo), "--force"]);
    let message = assert_refused(&run, &fifo);
    assert!(message.contains("不是普通文件"), "{message}");
    branch.assert_untouched();
}

// --------------------------------------------------------------- export

#[test]
fn export_refuses_a_ledger_in_the_way_and_replaces_its_own_files_only_with_force() {
    let branch = Branch::new();
    let out_dir = branch.sandbox.path("导出");
    let export = |force: bool| {
        let mut args = vec!["export", arg(&branch.path), "--out-dir", arg(&out_dir)];
        if force {
            args.push("--force");
        }
        zhibu(&args)
    };
    let first = export(false);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let printed = text(&first.stdout);
    let written: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(written.len(), 2, "{printed}");

    // Again: the files are there, so without --force nothing is written.
    let before: Vec<Vec<u8>> = written.iter().map(|p| std::fs::read(p).expect("read")).collect();
    let again = export(false);
    let message = text(&again.stderr);
    assert!(!again.status.success());
    assert!(message.contains("不会覆盖") && message.contains("--force"), "{message}");
    assert!(written.iter().any(|p| chinese_naming(&message, p)), "{message}");
    let after: Vec<Vec<u8>> = written.iter().map(|p| std::fs::read(p).expect("read")).collect();
    assert_eq!(before, after);
    let forced = export(true);
    assert!(forced.status.success(), "{}", text(&forced.stderr));

    // A copy of the ledger where the workbook goes: refused even with --force.
    for path in &written {
        std::fs::write(path, &branch.bytes).expect("plant a ledger");
        let run = export(true);
        assert_refused(&run, path);
        assert_eq!(std::fs::read(path).expect("read"), branch.bytes);
        std::fs::remove_file(path).expect("remove");
    }
    branch.assert_untouched();
}

#[test]
fn export_into_the_backups_folder_is_refused() {
    let branch = Branch::new();
    let backups = zhibu::store::backup_folder(&branch.path);
    let run = zhibu(&["export", arg(&branch.path), "--out-dir", arg(&backups), "--force"]);
    let message = text(&run.stderr);
    assert!(!run.status.success());
    assert!(message.contains("备份文件夹"), "{message}");
    assert!(message.contains(&backups.display().to_string()), "{message}");
    let written: Vec<_> = std::fs::read_dir(&backups)
        .into_iter()
        .flatten()
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".xlsx") || name.ends_with(".zhibu-export.ron"))
        .collect();
    assert!(written.is_empty(), "written in backups/: {written:?}");
    branch.assert_untouched();
}

// --------------------------------------------------------------- county

#[test]
fn county_never_replaces_a_ledger_or_an_export_it_reads() {
    let branch = Branch::new();
    let exports = branch.sandbox.path("各支部");
    let export_file = branch.export_into(&exports);
    let export_bytes = std::fs::read(&export_file).expect("read");
    for target in [&branch.path, &export_file] {
        let run = zhibu(&["county", arg(&exports), "--out", arg(target), "--force"]);
        assert_refused(&run, target);
    }
    assert_eq!(std::fs::read(&export_file).expect("read"), export_bytes);
    branch.assert_untouched();

    // Another file is replaced with --force only.
    let out = branch.sandbox.path("县级汇总.xlsx");
    std::fs::write(&out, "旧表").expect("write");
    let run = zhibu(&["county", arg(&exports), "--out", arg(&out)]);
    assert!(assert_refused(&run, &out).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "旧表");
    let run = zhibu(&["county", arg(&exports), "--out", arg(&out), "--force"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(std::fs::read(&out).expect("read").starts_with(b"PK"));
}

// ----------------------------------------------------------------- demo

#[test]
fn demo_never_replaces_a_ledger_nor_writes_a_lock_or_drafts_name() {
    let branch = Branch::new();
    let run = zhibu(&["demo", "--out", arg(&branch.path)]);
    assert!(assert_refused(&run, &branch.path).contains("台账"));
    branch.assert_untouched();
    for target in [
        zhibu::store::lock_path(&branch.path),
        zhibu::store::drafts_path(&branch.path),
    ] {
        let run = zhibu(&["demo", "--out", arg(&target)]);
        assert_refused(&run, &target);
        assert!(!target.exists() || std::fs::read(&target).expect("read") != branch.bytes);
    }
    branch.assert_untouched();
}

// ------------------------------------------------- property over writers

/// Files that start as a ledger does, in every shape the loader takes and
/// some it does not (cut short, damaged): each must be refused by every
/// writer, whatever the user said.
fn ledger_headed(ledger_bytes: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let text = String::from_utf8(ledger_bytes.to_vec()).expect("utf-8");
    let mut lines = text.lines();
    let comment = lines.next().expect("comment").to_owned();
    let header = lines.next().expect("header").to_owned();
    let without_comment = text.lines().skip(1).collect::<Vec<_>>().join("\n");
    let drafts = zhibu::store::drafts::drafts_text("(forms:[])", Some(1)).expect("drafts");
    vec![
        ("saved", ledger_bytes.to_vec()),
        ("bom", [b"\xEF\xBB\xBF".as_slice(), ledger_bytes].concat()),
        ("crlf", text.replace('\n', "\r\n").into_bytes()),
        ("no comment", format!("\n  {without_comment}").into_bytes()),
        ("header only", format!("{comment}\n{header}\n").into_bytes()),
        ("cut short", ledger_bytes[..ledger_bytes.len() / 2].to_vec()),
        ("damaged header", format!("{comment}\n(format: ???\n").into_bytes()),
        ("drafts", drafts.into_bytes()),
    ]
}

#[test]
fn no_writer_replaces_a_ledger_headed_file_even_when_told_to() {
    let branch = Branch::new();
    let exports = branch.sandbox.path("各支部");
    branch.export_into(&exports);
    let rollup = county::roll_up(&county::export_files_in(&exports).expect("folder"), |_| {});
    let yes = OutputRules::command_line(true);
    let kinds = [
        OutputKind::Pdf,
        OutputKind::Workbook,
        OutputKind::ExportFile,
        OutputKind::CountyTable,
        OutputKind::DemoLedger,
    ];
    for (shape, bytes) in ledger_headed(&branch.bytes) {
        for (i, name) in ["他人台账.ron", "清单.pdf", "汇总.xlsx", "无扩展名"].iter().enumerate() {
            let dir = branch.sandbox.path(&format!("{shape}-{i}"));
            std::fs::create_dir_all(&dir).expect("dir");
            let target = dir.join(name);
            std::fs::write(&target, &bytes).expect("plant");
            let same = || std::fs::read(&target).expect("read") == bytes;

            // The one check, for every kind of output.
            for kind in kinds {
                let refused = check_output(&target, kind, &yes).expect_err(shape);
                assert!(!refused.needs_confirmation(), "{shape}: {refused}");
                assert!(chinese_naming(&refused.to_string(), &target), "{refused}");
            }
            // The library writers the screens and commands call.
            let pdf = pdf::write_pdf(&target, b"%PDF-1.7", &yes).expect_err(shape);
            assert!(chinese_naming(&pdf.to_string(), &target), "{pdf}");
            let table = rollup.write(&target, &yes).expect_err(shape);
            assert!(chinese_naming(&table.to_string(), &target), "{table}");
            assert!(pdf::write_file(&target, b"%PDF-1.7").is_err(), "{shape}");
            assert!(same(), "{shape}: a writer replaced the file");

            // The binary, once per shape (the names do not change its path).
            if i == 1 {
                let print = zhibu(&[
                    "print",
                    "checklist",
                    arg(&branch.path),
                    "--out",
                    arg(&target),
                    "--force",
                ]);
                assert_refused(&print, &target);
                let county = zhibu(&["county", arg(&exports), "--out", arg(&target), "--force"]);
                assert_refused(&county, &target);
                let demo = zhibu(&["demo", "--out", arg(&target)]);
                assert_refused(&demo, &target);
                assert!(same(), "{shape}: the binary replaced the file");
            }
        }
        // The export's own names, in a folder of their own.
        let dir = branch.sandbox.path(&format!("{shape}-export"));
        let paths = package_paths(&dir, &branch.ledger, TODAY);
        for target in [&paths.workbook, &paths.export_file] {
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::write(target, &bytes).expect("plant");
            let rules = OutputRules::new().replacing(Replace::Yes);
            let err =
                export_package_with(&dir, &branch.ledger, TODAY, ExportOptions::default(), &rules).expect_err(shape);
            assert!(chinese_naming(&err.to_string(), target), "{err}");
            let legacy = export_package(&dir, &branch.ledger, TODAY, ExportOptions::default());
            assert!(legacy.is_err(), "{shape}");
            assert_eq!(std::fs::read(target).expect("read"), bytes, "{shape}");
            assert_eq!(
                std::fs::read_dir(&dir).expect("dir").count(),
                1,
                "{shape}: nothing else written"
            );
            std::fs::remove_file(target).expect("remove");
        }
    }
    branch.assert_untouched();
}

#[test]
fn an_export_file_and_a_pdf_are_replaced_when_asked_but_not_otherwise() {
    let branch = Branch::new();
    let dir = branch.sandbox.path("导出");
    let first = export_package(&dir, &branch.ledger, TODAY, ExportOptions::default()).expect("export");
    let no = OutputRules::new();
    let err = export_package_with(&dir, &branch.ledger, TODAY, ExportOptions::default(), &no).expect_err("exists");
    assert!(err.needs_confirmation(), "{err}");
    let refused = check_output(&first.export_file, OutputKind::ExportFile, &no).expect_err("exists");
    assert_eq!(
        refused,
        OutputRefused::Exists {
            path: first.export_file.clone(),
            hint: ""
        }
    );
    let yes = OutputRules::new().replacing(Replace::Yes);
    assert!(export_package_with(&dir, &branch.ledger, TODAY, ExportOptions::default(), &yes).is_ok());
    let pdf_path = dir.join("清单.pdf");
    std::fs::write(&pdf_path, "旧").expect("write");
    assert!(pdf::write_pdf(&pdf_path, b"%PDF", &no).is_err());
    assert!(pdf::write_pdf(&pdf_path, b"%PDF", &yes).is_ok());
    assert_eq!(std::fs::read(&pdf_path).expect("read"), b"%PDF");
}

// -------------------------------------------------------------- screens

/// Steps frames until the 打印 screen's background work is done.
fn settle(harness: &mut Harness<'static, ZhibuApp>) {
    for _ in 0..400 {
        harness.step();
        if !harness.state().print.busy() {
            harness.run_steps(3);
            if !harness.state().print.busy() {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("printing did not finish");
}

/// Replaces the text of the field labelled `label`.
fn retype(harness: &mut Harness<'static, ZhibuApp>, label: &str, text: &str) {
    common::field(harness, label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    common::field(harness, label).type_text(text);
    harness.run_steps(2);
}

#[test]
fn the_print_screen_refuses_the_open_ledger_and_another_ledger_typed_as_the_pdf() {
    let branch = Branch::new();
    let other = branch.sandbox.path("另一个支部.ron");
    std::fs::write(&other, &branch.bytes).expect("another ledger");
    let mut harness = harness(branch.sandbox.app(Some(&branch.path)));
    click(&mut harness, "打印");
    settle(&mut harness);
    harness.get_by_label("生成后用系统阅读器打开").click();
    harness.run_steps(2);
    for target in [&branch.path, &other] {
        retype(&mut harness, "保存到", arg(target));
        click(&mut harness, "生成 PDF");
        settle(&mut harness);
        let shown = format!("（{}）", target.display());
        let message = harness.get_by_label_contains(&shown).value().unwrap_or_default();
        assert!(message.contains("台账文件"), "{message}");
        assert!(harness.query_by_label("替换").is_none(), "no offer to replace a ledger");
        assert!(harness.state().print.written.is_none());
    }
    branch.assert_untouched();
    assert_eq!(std::fs::read(&other).expect("read"), branch.bytes);
}

#[test]
fn the_print_screen_asks_before_replacing_a_file_and_keeps_it_on_cancel() {
    let branch = Branch::new();
    let out = branch.sandbox.path("签到表.pdf");
    std::fs::write(&out, "上次的签到表").expect("write");
    let mut harness = harness(branch.sandbox.app(Some(&branch.path)));
    click(&mut harness, "打印");
    settle(&mut harness);
    harness.get_by_label("生成后用系统阅读器打开").click();
    harness.run_steps(2);
    type_into(&mut harness, "保存到", arg(&out));
    click(&mut harness, "生成 PDF");
    settle(&mut harness);
    harness.get_by_label_contains("文件已存在");
    harness.get_by_label(&out.display().to_string());
    click(&mut harness, "取消");
    settle(&mut harness);
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "上次的签到表");
    assert!(harness.state().print.written.is_none());

    click(&mut harness, "生成 PDF");
    settle(&mut harness);
    click(&mut harness, "替换");
    settle(&mut harness);
    assert!(std::fs::read(&out).expect("read").starts_with(b"%PDF"));
    assert_eq!(harness.state().print.written.as_deref(), Some(out.as_path()));
    branch.assert_untouched();
}

#[test]
fn the_export_screen_refuses_a_ledger_in_the_way_and_asks_before_replacing() {
    let branch = Branch::new();
    let folder = branch.sandbox.path("交县里");
    let paths = package_paths(&folder, &branch.ledger, TODAY);
    std::fs::create_dir_all(&folder).expect("folder");
    // A copy of the ledger under the workbook's name.
    std::fs::write(&paths.workbook, &branch.bytes).expect("plant");
    let mut harness = harness(branch.sandbox.app(Some(&branch.path)));
    click(&mut harness, "导出");
    retype(&mut harness, "导出到文件夹", arg(&folder));
    click(&mut harness, "开始导出");
    let shown = format!("（{}）", paths.workbook.display());
    let message = harness.get_by_label_contains(&shown).value().unwrap_or_default();
    assert!(message.contains("台账文件"), "{message}");
    assert!(harness.query_by_label("替换").is_none());
    assert_eq!(std::fs::read(&paths.workbook).expect("read"), branch.bytes);
    assert!(!paths.export_file.exists(), "neither file is written");

    // An earlier export of the day: asked, kept on 取消, replaced on 替换.
    std::fs::remove_file(&paths.workbook).expect("remove");
    click(&mut harness, "开始导出");
    harness.get_by_label("已导出：");
    let before = std::fs::read(&paths.export_file).expect("read");
    std::thread::sleep(Duration::from_millis(1100));
    click(&mut harness, "开始导出");
    harness.get_by_label_contains("已有同名的导出文件");
    harness.get_by_label(&paths.export_file.display().to_string());
    click(&mut harness, "取消");
    assert_eq!(std::fs::read(&paths.export_file).expect("read"), before);
    click(&mut harness, "开始导出");
    click(&mut harness, "替换");
    harness.get_by_label("已导出：");
    assert_ne!(std::fs::read(&paths.export_file).expect("read"), before, "a new export");
    branch.assert_untouched();
}

#[test]
fn the_county_table_never_replaces_the_open_ledger_or_another() {
    let branch = Branch::new();
    let exports = branch.sandbox.path("各支部");
    let export_file = branch.export_into(&exports);
    let mut harness = harness(branch.sandbox.app(Some(&branch.path)));
    click(&mut harness, "导出");
    harness.get_by_label("县级汇总").click();
    harness.run_steps(2);
    retype(&mut harness, "文件夹", arg(&exports));
    click(&mut harness, "添加此文件夹");
    harness.state_mut().export.county.wait();
    harness.run_steps(3);
    let other = branch.sandbox.path("另一个支部.ron");
    std::fs::write(&other, &branch.bytes).expect("another ledger");
    // As if the system's save dialog had returned these (it asks about
    // replacing; a ledger is still refused).
    for target in [&branch.path, &other, &export_file] {
        harness.state_mut().export.county.save_table(target);
        harness.run_steps(2);
        let shown = format!("（{}）", target.display());
        harness.get_by_label_contains(&shown);
        let (message, error) = harness.state().export.county.message.clone().expect("a message");
        assert!(error && chinese_naming(&message, target), "{message}");
    }
    branch.assert_untouched();
    assert_eq!(std::fs::read(&other).expect("read"), branch.bytes);
    assert!(zhibu::report::export_file::read(&export_file).is_ok());
}

#[test]
fn the_county_clerks_table_from_the_start_screen_never_replaces_a_ledger() {
    let branch = Branch::new();
    let exports = branch.sandbox.path("交来的导出文件");
    branch.export_into(&exports);
    let mut harness = harness(branch.sandbox.app(None));
    click(&mut harness, "县级汇总");
    retype(&mut harness, "文件夹", arg(&exports));
    click(&mut harness, "添加此文件夹");
    harness.state_mut().export.county.wait();
    harness.run_steps(3);
    harness.state_mut().export.county.save_table(&branch.path);
    harness.run_steps(2);
    let shown = format!("（{}）", branch.path.display());
    let message = harness.get_by_label_contains(&shown).value().unwrap_or_default();
    assert!(message.contains("台账文件"), "{message}");
    branch.assert_untouched();
}

// --------------------------------------------------------------- item 8

#[test]
fn import_members_and_check_create_nothing_for_a_ledger_that_is_not_there() {
    let sandbox = Sandbox::new();
    let sheet = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-sample.csv");
    let missing = sandbox.path("missing.ron");
    let in_missing_folder = sandbox.path("没有的文件夹").join("台账.ron");
    for ledger in [&missing, &in_missing_folder] {
        let run = zhibu(&["import-members", arg(ledger), arg(&sheet)]);
        let message = assert_refused(&run, ledger);
        assert!(message.contains("找不到台账文件"), "{message}");
        let run = zhibu(&["check", arg(ledger)]);
        assert!(assert_refused(&run, ledger).contains("找不到台账文件"));
        assert!(!zhibu::store::lock_path(ledger).exists(), "a lock file was made");
        assert!(!ledger.exists());
    }
    assert!(!sandbox.path("没有的文件夹").exists(), "a folder was made");
    let left: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The bidi marks and controls a hostile branch name may carry.
const MARKS: [char; 14] = [
    '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
    '\u{2068}', '\u{2069}', '\u{0}', '\u{1b}', '\n',
];

#[test]
fn generated_names_are_never_hidden_nor_turned_around() {
    let dir = Path::new("导出");
    let cases = [
        (".hidden党支部", "hidden党支部"),
        ("...  .红星", "红星"),
        ("\u{202E}fdp.exe党支部", "fdp.exe党支部"),
        ("东\u{200F}街\u{2066}社区\u{2069}党支部\u{200E}", "东街社区党支部"),
        ("\u{202D}.\u{202C}", "支部"),
        ("a/b\\c:党支部", "a_b_c_党支部"),
        ("\u{1b}[31m红", "[31m红"),
    ];
    for (branch, stem) in cases {
        let mut ledger = Ledger::default();
        ledger.branch.name = branch.to_owned();
        let paths = package_paths(dir, &ledger, TODAY);
        let expected_export = format!("{stem}-20261124.zhibu-export.ron");
        let expected_workbook = format!("{stem}-20261124.xlsx");
        assert_eq!(paths.export_file, dir.join(&expected_export), "{branch:?}");
        assert_eq!(paths.workbook, dir.join(&expected_workbook), "{branch:?}");
    }
    // Any mix of marks and dots in front: the name is visible and plain.
    for (i, mark) in MARKS.iter().enumerate() {
        let name = format!("{mark}.{}{mark}支部{mark}", ".".repeat(i % 3));
        let mut ledger = Ledger::default();
        ledger.branch.name = name.clone();
        let paths = package_paths(dir, &ledger, TODAY);
        for path in [&paths.export_file, &paths.workbook] {
            let file = path.file_name().expect("name").to_string_lossy().into_owned();
            assert!(!file.starts_with('.'), "{name:?} → {file:?}");
            assert!(!file.chars().any(|c| MARKS.contains(&c)), "{name:?} → {file:?}");
            assert!(file.starts_with("支部-20261124."), "{name:?} → {file:?}");
        }
    }
}

#[test]
fn the_command_line_export_of_a_dotted_branch_writes_visible_files() {
    let sandbox = Sandbox::new();
    let mut ledger = demo(5);
    ledger.branch.name = ".\u{202E}党支部".to_owned();
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let out_dir = sandbox.path("导出");
    let run = zhibu(&["export", arg(&path), "--out-dir", arg(&out_dir)]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    for name in &names {
        assert!(name.starts_with("党支部-"), "{name:?}");
    }
}
