//! Two copies of the program on one ledger: while another process holds
//! the lock (`zhibu hold-lock`, a hidden subcommand, so a command-line
//! holder), a second lock is refused naming that holder, and the window
//! opens the file read-only and says so; once that process is killed, the
//! OS has released the lock and the next window can write. A file that is
//! not a ledger gets no lock file beside it, from the window or the
//! command line, while a ledger, even a damaged one, is locked.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use zhibu::edit::Command as Edit;
use zhibu::edit::{Document, SaveStatus};
use zhibu::store::{self, LockError};

#[test]
fn a_second_copy_opens_read_only_until_the_first_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("支部台账.ron");
    let mut ledger = zhibu::model::Ledger::default();
    ledger.branch.name = "红星村党支部".to_owned();
    store::save(&path, &ledger, None).unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut holder = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("hold-lock")
        .arg(&path)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start zhibu hold-lock");
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");

    // The store says who holds it, and only that: the command line (in
    // another process) on this computer.
    let err = store::lock(&path).unwrap_err();
    let LockError::HeldElsewhere { holder: Some(who), .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(who.user, store::User::CommandLine);
    assert_eq!(who.place, store::Place::ThisComputer);
    assert_eq!(who.pid, Some(holder.id()));
    let message = err.to_string();
    let named = format!("本电脑上的命令行（zhibu，进程 {}）", holder.id());
    assert!(message.starts_with(&named), "{message}");
    assert!(message.contains("起一直在使用此台账"), "{message}");
    assert!(!message.contains("本窗口") && !message.contains("只读"), "{message}");
    assert!(message.ends_with(&format!("（{}）", path.display())), "{message}");

    // The window says who, that it opened read-only, and how to edit.
    let mut doc = Document::open(&path).unwrap();
    let SaveStatus::ReadOnly(why) = doc.status().clone() else {
        panic!("{:?}", doc.status())
    };
    assert!(why.starts_with(&named), "{why}");
    assert!(why.contains("本窗口以只读方式打开"), "{why}");
    assert!(why.contains("等那个命令结束"), "{why}");
    assert!(!doc.is_writable());
    let mut branch = doc.ledger.branch.clone();
    branch.secretary = "王建国".to_owned();
    let refused = doc.apply(Edit::SetBranch(branch.clone()), 0.0).unwrap_err();
    assert!(refused.starts_with("只读打开，不能修改"), "{refused}");
    // Nothing of its own to save: closing the read-only window is quiet.
    assert!(doc.save_now());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(doc);

    holder.kill().unwrap();
    holder.wait().unwrap();
    let mut doc = Document::open(&path).unwrap();
    assert!(matches!(doc.status(), SaveStatus::Saved(_)), "{:?}", doc.status());
    doc.apply(Edit::SetBranch(branch), 0.0).unwrap();
    assert!(doc.save_now(), "{:?}", doc.status());
    assert_eq!(store::load(&path).unwrap().ledger.branch.secretary, "王建国");
}

/// Files that are not ledgers, and the error that loading each gives.
fn not_ledgers() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "通知.pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec(),
        ),
        ("说明.txt", "请于月底前上报学习心得。\n".as_bytes().to_vec()),
        ("别的程序.ron", b"(name: \"settings\", volume: 3)\n".to_vec()),
        ("只有注释.ron", b"// a comment of another program\n\n".to_vec()),
        ("空文件.ron", Vec::new()),
        ("空白.ron", b"\n  \r\n\t\n".to_vec()),
        // Binary from its first bytes on, longer than the part looked at.
        ("照片.ron", [0xFF, 0xD8, 0xFF, 0xE0].repeat(40_000)),
    ]
}

#[test]
fn a_file_that_is_not_a_ledger_is_refused_as_load_refuses_it_and_gets_no_lock_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in not_ledgers() {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let loaded = store::load(&path).unwrap_err();
        assert!(
            matches!(
                loaded,
                store::LoadError::NotLedger { .. } | store::LoadError::Empty { .. }
            ),
            "{name}: {loaded:?}"
        );
        let refused = store::lock_ledger(&path, store::User::Window).unwrap_err();
        assert_eq!(refused.to_string(), loaded.to_string(), "{name}");
        let opened = Document::open(&path).err().map(|e| e.to_string());
        assert_eq!(opened, Some(loaded.to_string()), "{name}");
        assert!(!store::lock_path(&path).exists(), "{name}: a lock file beside it");
    }
    // A file that is not there: no lock file and no folder made for it.
    let missing = dir.path().join("没有的文件夹").join("支部台账.ron");
    let refused = store::lock_ledger(&missing, store::User::Window).unwrap_err();
    assert!(matches!(refused, store::LoadError::NotFound { .. }), "{refused:?}");
    assert!(Document::open(&missing).is_err());
    assert!(!dir.path().join("没有的文件夹").exists());
}

#[test]
fn a_ledger_even_a_damaged_one_is_locked_and_two_takers_still_exclude_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("支部台账.ron");
    let mut ledger = zhibu::model::Ledger::default();
    ledger.branch.name = "红星村党支部".to_owned();
    store::save(&good, &ledger, None).unwrap();
    let text = std::fs::read_to_string(&good).unwrap();
    // Our comment line over a broken header; the body cut short; the
    // header after more comment lines than the part looked at first.
    let broken_header = dir.path().join("表头坏了.ron");
    let first_line = text.lines().next().unwrap();
    std::fs::write(&broken_header, format!("{first_line}\n(formot: 1)\n")).unwrap();
    let cut = dir.path().join("不完整.ron");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let far_header = dir.path().join("注释很长.ron");
    std::fs::write(&far_header, format!("{}{text}", "// 备注\n".repeat(20_000))).unwrap();
    assert_eq!(store::load(&far_header).unwrap().ledger.branch.name, "红星村党支部");

    for path in [&good, &broken_header, &cut, &far_header] {
        let first = store::lock_ledger(path, store::User::Window).unwrap();
        assert!(first.is_ok(), "{}: {first:?}", path.display());
        assert!(store::lock_path(path).exists());
        let second = store::lock_ledger(path, store::User::Window).unwrap();
        assert!(
            matches!(second, Err(LockError::HeldElsewhere { .. })),
            "{}: {second:?}",
            path.display()
        );
    }
}

#[test]
fn the_command_line_leaves_no_lock_file_beside_a_file_that_is_not_a_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-sample.csv");
    for (name, bytes) in not_ledgers() {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let file = path.to_str().unwrap();
        for args in [
            vec!["check", file],
            vec!["import-members", file, sheet.to_str().unwrap()],
        ] {
            let out = Command::new(env!("CARGO_BIN_EXE_zhibu")).args(&args).output().unwrap();
            assert!(!out.status.success(), "{args:?}");
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(
                said.contains("台账文件") || said.contains("这不是支部台账文件"),
                "{args:?}: {said}"
            );
            assert!(!store::lock_path(&path).exists(), "{args:?}: a lock file beside it");
        }
    }
}
