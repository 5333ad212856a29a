//! Two copies of the program on one ledger: while another process holds
//! the lock (`zhibu hold-lock`, a hidden subcommand, so a command-line
//! holder), a second lock is refused naming that holder, and the window
//! opens the file read-only and says so; once that process is killed, the
//! OS has released the lock and the next window can write.

use std::io::{BufRead, BufReader};
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
