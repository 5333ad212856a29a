//! Limits that agree (issue 20, item 3): the store saves nothing it would
//! not load. A save that would pass the limit is refused before anything
//! is written — on the command line with a non-zero exit, in the window as
//! 保存失败 in the top bar — and the file and its backups stay as they
//! were; a file over the limit is called too large, with its size, not
//! another program's file.
//!
//! The limit is lowered instead of writing a gigabyte: for the program's
//! processes by `zhibu::store::format::LIMIT_VARIABLE`, in this process by
//! `lower_ledger_limit` (to [`IN_PROCESS_LIMIT`], the same for every test
//! here, so the order they run in does not matter; every fixture is well
//! under it).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Sandbox, harness, label_with, let_autosave_run, small_ledger, text};
use zhibu::edit::{Command, SaveStatus};
use zhibu::store::format::{LIMIT_VARIABLE, lower_ledger_limit, size_words};

/// The limit of this test process.
const IN_PROCESS_LIMIT: u64 = 40_000;

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Runs the program with the ledger limit at `limit` bytes.
fn zhibu_limited(limit: u64, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .env(LIMIT_VARIABLE, limit.to_string())
        .output()
        .expect("run zhibu")
}

/// The ledger at `path` as it lies on disk: its bytes, every file in its
/// backups folder, and any temp file of a save beside it.
fn on_disk_with_backups(path: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let folder = path.parent().expect("a folder");
    let backups = zhibu::store::backup_folder(path);
    let temp = |p: &Path| p.extension().is_some_and(|e| e == "tmp");
    let mut files = BTreeMap::new();
    for dir in [folder, backups.as_path()] {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for entry in entries.flatten() {
            let file = entry.path();
            if file == path || dir == backups || temp(&file) {
                files.insert(file.clone(), std::fs::read(&file).expect("read file"));
            }
        }
    }
    files
}

/// A roster sheet of 40 new members.
fn roster(sandbox: &Sandbox) -> PathBuf {
    let sheet = sandbox.path("名册.csv");
    let mut csv = "姓名,性别,民族,出生年月,入党时间,党员类型,工作单位及职务\n".to_owned();
    let surnames = ["孙", "周", "吴", "郑", "冯", "褚", "卫", "蒋"];
    let given = ["建华", "秀兰", "志强", "海燕", "国庆"];
    for (i, (surname, given)) in surnames
        .iter()
        .flat_map(|s| given.iter().map(move |g| (s, g)))
        .enumerate()
    {
        csv.push_str(&format!(
            "{surname}{given},男,汉族,1970-05-{:02},1995-07-01,正式党员,青山镇红星村村民小组组长\n",
            1 + i % 28
        ));
    }
    std::fs::write(&sheet, csv).expect("write sheet");
    sheet
}

fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).expect("metadata").len()
}

#[test]
fn an_import_that_would_pass_the_limit_fails_and_changes_nothing() {
    lower_ledger_limit(IN_PROCESS_LIMIT);
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let sheet = roster(&sandbox);
    let limit = size_of(&path) + 500;
    let before = on_disk_with_backups(&path);
    assert_eq!(before.len(), 2, "the ledger and its backup: {:?}", before.keys());

    let run = zhibu_limited(limit, &["import-members", arg(&path), arg(&sheet)]);
    let stderr = text(&run.stderr);
    assert!(!run.status.success(), "a refused save is a failure: {stderr}");
    assert!(
        stderr.starts_with("错误：无法保存：台账太大（写成文件将有 "),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("上限 {}", size_words(limit))), "{stderr}");
    assert!(
        stderr.trim_end().ends_with(&format!("（{}）", path.display())),
        "{stderr}"
    );
    assert_eq!(
        on_disk_with_backups(&path),
        before,
        "no temp file, ledger and backup as they were"
    );

    // With room for them the same import goes through.
    let run = zhibu_limited(limit * 10, &["import-members", arg(&path), arg(&sheet)]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("已新增 40 名"), "{}", text(&run.stdout));
}

#[test]
fn a_demo_over_the_limit_writes_no_file_and_no_backup() {
    lower_ledger_limit(IN_PROCESS_LIMIT);
    let sandbox = Sandbox::new();
    let path = sandbox.path("示例.ron");
    let run = zhibu_limited(20_000, &["demo", "--out", arg(&path), "--members", "30"]);
    let stderr = text(&run.stderr);
    assert!(!run.status.success(), "{stderr}");
    assert!(stderr.starts_with("错误：无法保存：台账太大"), "{stderr}");
    let left = on_disk_with_backups(&path);
    assert!(left.is_empty(), "{:?}", left.keys());
}

#[test]
fn checking_a_file_over_the_limit_says_it_is_too_large_with_its_size() {
    lower_ledger_limit(IN_PROCESS_LIMIT);
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(8));
    let size = size_of(&path);
    let limit = size / 2;
    for command in ["check", "export"] {
        let mut args = vec![command, arg(&path)];
        let out_dir = sandbox.path("导出");
        if command == "export" {
            args.extend(["--out-dir", arg(&out_dir)]);
        }
        let run = zhibu_limited(limit, &args);
        let stderr = text(&run.stderr);
        assert!(!run.status.success(), "{command}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "台账文件太大（{}，上限 {}），本程序不打开这么大的文件（{}）",
                size_words(size),
                size_words(limit),
                path.display()
            )),
            "{command}: {stderr}"
        );
        assert!(!stderr.contains("其他程序"), "{command}: {stderr}");
    }
    // Under the usual limit the same file checks.
    let run = zhibu_limited(size, &["check", arg(&path)]);
    assert!(run.status.success(), "{}", text(&run.stderr));
}

#[test]
fn the_window_shows_a_save_over_the_limit_as_failed_and_keeps_the_file() {
    lower_ledger_limit(IN_PROCESS_LIMIT);
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    assert!(size_of(&path) < IN_PROCESS_LIMIT / 2);
    let before = on_disk_with_backups(&path);
    let mut harness = harness(sandbox.app(Some(&path)));

    // 20,000 characters of 备注, 60 KB: over the limit of this process.
    let doc = harness.state_mut().doc.as_mut().expect("a ledger open");
    let mut member = doc.ledger.members[0].clone();
    member.notes = "备注".repeat(10_000);
    doc.apply(Command::UpdateMember(member), 0.0)
        .expect("the edit itself is fine");
    let_autosave_run(&mut harness);

    let doc = harness.state().doc.as_ref().expect("a ledger open");
    let SaveStatus::Failed(why) = doc.status() else {
        panic!("{:?}", doc.status());
    };
    assert!(why.starts_with("无法保存：台账太大（写成文件将有 "), "{why}");
    assert!(why.contains(&format!("上限 {}", size_words(IN_PROCESS_LIMIT))), "{why}");
    assert!(
        label_with(&harness, "保存失败：无法保存：台账太大"),
        "the top bar says so"
    );
    // The edit is kept in the window, the file and its backup untouched.
    assert_eq!(
        harness.state().doc.as_ref().map(|d| d.ledger.members[0].notes.len()),
        Some(60_000)
    );
    assert_eq!(on_disk_with_backups(&path), before);
}
