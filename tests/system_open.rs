//! Handing a file to the system (`zhibu::ui::system`), against a fake
//! `xdg-open` first on PATH: it writes what it was given to
//! `<its argument>.given`, and exits 3 — "no program for this file" — for a
//! path holding 无阅读器. The path reaches it as one argument, whatever it
//! holds; a viewer that could not be started is said on the screen with the
//! path; 打开所在文件夹 hands it the folder. (On Windows the same functions
//! call ShellExecuteW and explorer.exe, with no shell either.) Its own test
//! binary: it changes PATH for the process.

#![cfg(all(unix, not(target_os = "macos")))]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{Sandbox, TODAY, click, harness, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::ui::ZhibuApp;

/// Puts the fake viewer first on PATH, once for every test of this binary
/// (each test calls this before anything that starts a program).
fn fake_viewer() {
    static BIN: OnceLock<tempfile::TempDir> = OnceLock::new();
    BIN.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let fake = dir.path().join("xdg-open");
        std::fs::write(
            &fake,
            "#!/bin/sh\n\
             printf '%s\\n' \"$#\" \"$1\" > \"$1.part\" && mv \"$1.part\" \"$1.given\"\n\
             case \"$1\" in *无阅读器*) exit 3;; esac\n",
        )
        .expect("the fake viewer written");
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("made runnable");
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![dir.path().to_path_buf()];
        paths.extend(std::env::split_paths(&path));
        // SAFETY: every test of this binary waits here (the OnceLock)
        // before it starts a program or reads the environment.
        unsafe { std::env::set_var("PATH", std::env::join_paths(paths).expect("a PATH")) };
        dir
    });
}

/// What the fake viewer was given for `path`: the argument count and the
/// first argument, once it ran (at most ~10 s).
fn given(path: &Path) -> Vec<String> {
    let mut record = path.as_os_str().to_owned();
    record.push(".given");
    let record = PathBuf::from(record);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !record.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = std::fs::read_to_string(&record).expect("the fake viewer ran");
    text.lines().map(str::to_owned).collect()
}

/// Steps frames until `done` holds (at most ~20 s), as a user waits.
fn wait_until(harness: &mut Harness<'static, ZhibuApp>, done: impl Fn(&ZhibuApp) -> bool) {
    for _ in 0..400 {
        harness.step();
        if done(harness.state()) {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("waited in vain");
}

#[test]
fn a_file_name_with_shell_characters_reaches_the_viewer_as_one_argument() {
    fake_viewer();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("清单 & 名单 ^100% $HOME `x`.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();

    assert_eq!(zhibu::ui::system::open(&pdf), Ok(()));

    assert_eq!(given(&pdf), ["1", pdf.to_str().unwrap()]);
}

#[test]
fn a_viewer_that_cannot_open_the_file_is_a_failure_with_its_reason() {
    fake_viewer();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("无阅读器.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let answer = zhibu::ui::system::open(&pdf).expect_err("exit 3 is a failure");
    assert!(answer.to_string().contains("退出码 3"), "{answer}");
}

#[test]
fn a_pdf_no_viewer_opens_says_so_with_its_path_to_copy() {
    fake_viewer();
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部台账.ron", &zhibu::demo::demo_ledger(8, TODAY));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "打印");
    wait_until(&mut harness, |app| !app.print.busy());
    let out = sandbox.path("无阅读器的清单.pdf");
    type_into(&mut harness, "保存到", out.to_str().unwrap());
    // 生成后用系统阅读器打开 is on, as it starts.
    click(&mut harness, "生成 PDF");
    wait_until(&mut harness, |app| {
        !app.print.busy() && app.print.written.is_some() && !app.print.file.waiting()
    });

    assert_eq!(given(&out), ["1", out.to_str().unwrap()]);
    let line = "无法用系统阅读器打开这个 PDF，请在文件夹中双击打开：";
    harness.get_by_role_and_label(egui::accesskit::Role::Label, line);
    let field = common::field(&harness, line);
    assert_eq!(field.value().as_deref(), out.to_str());
    assert!(harness.state().print.file.failure().is_some());
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "打开所在文件夹");
}

#[test]
fn open_folder_after_an_export_hands_the_folder_and_open_file_the_workbook() {
    fake_viewer();
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &common::small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "导出");
    // A folder of its own: the fake viewer writes beside what it is given.
    let out = sandbox.path("交县里");
    common::field(&harness, "导出到文件夹").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    common::field(&harness, "导出到文件夹").type_text(out.to_str().unwrap());
    harness.run_steps(2);
    click(&mut harness, "开始导出");
    harness.get_by_label("已导出：");
    let workbook = common::field(&harness, "工作簿").value().expect("the workbook's path");
    let workbook = PathBuf::from(workbook);
    assert!(workbook.is_file(), "{}", workbook.display());

    click(&mut harness, "打开所在文件夹");
    let folder = workbook.parent().unwrap();
    assert_eq!(folder, out);
    assert_eq!(given(folder), ["1", folder.to_str().unwrap()]);
    click(&mut harness, "打开文件");
    assert_eq!(given(&workbook), ["1", workbook.to_str().unwrap()]);
    wait_until(&mut harness, |app| !app.export.branch.file.waiting());
    assert!(harness.state().export.branch.file.failure().is_none());
    harness.get_by_role_and_label(egui::accesskit::Role::Label, "工作簿");
}
