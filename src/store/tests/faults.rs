//! Every disk step of a save, a backup and the lock made to fail through
//! the test seam in `ops` ([`crate::store::ops::fault`]): the old file
//! stays byte for byte, the message is Chinese with the path last, no temp
//! file is left, and the next save works once the disk behaves again.
//! The window's [`Document`] keeps the edits in memory and says why.

use std::io::ErrorKind;
use std::path::Path;
use std::time::Duration;

use super::{ledger_in, small_ledger};
use crate::store::ops::{Step, fault};
use crate::store::{Header, LockError, SaveError, list_backups, load, lock, save};
use crate::ui::command::Command;
use crate::ui::document::{Document, SaveStatus};

/// Names in a folder other than the ledger, its lock and backups.
fn strays(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "支部台账.ron" && n != "支部台账.ron.lock" && n != "backups")
        .collect()
}

/// A message as the secretary reads it: a Chinese sentence first, the
/// path in full-width brackets last.
fn assert_chinese_with_path(message: &str, path: &Path) {
    let first = message.chars().next().unwrap();
    assert!(('\u{4e00}'..='\u{9fff}').contains(&first), "not Chinese: {message}");
    assert!(
        message.ends_with(&format!("（{}）", path.display())),
        "path not last: {message}"
    );
}

/// A ledger saved once in a fresh folder: (folder, path, header, bytes).
fn saved_once() -> (tempfile::TempDir, std::path::PathBuf, Header, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let header = save(&path, &small_ledger(), None).unwrap().header;
    let bytes = std::fs::read(&path).unwrap();
    (dir, path, header, bytes)
}

fn changed() -> crate::model::Ledger {
    let mut ledger = small_ledger();
    ledger.branch.name.push_str("（改）");
    ledger
}

/// The steps of the save itself, each failing once.
const SAVE_STEPS: [(Step, ErrorKind); 5] = [
    (Step::CreateDir, ErrorKind::PermissionDenied),
    (Step::CreateFile, ErrorKind::ReadOnlyFilesystem),
    (Step::Write, ErrorKind::StorageFull),
    (Step::Fsync, ErrorKind::Other),
    (Step::Rename, ErrorKind::PermissionDenied),
];

#[test]
fn each_failing_step_of_a_save_leaves_the_old_file_and_the_next_save_works() {
    for (step, kind) in SAVE_STEPS {
        let (dir, path, header, before) = saved_once();
        fault::inject(step, 1, kind);
        let err = save(&path, &changed(), Some(&header)).unwrap_err();
        assert_eq!(fault::hits(), 1, "{step:?} was never reached");
        assert_chinese_with_path(&err.to_string(), &path);
        assert_eq!(std::fs::read(&path).unwrap(), before, "{step:?} changed the file");
        assert!(strays(dir.path()).is_empty(), "{step:?} left {:?}", strays(dir.path()));
        assert_eq!(list_backups(&path).len(), 1, "{step:?} made a backup of a failed save");
        // The disk behaves again: the same save goes through.
        let saved = save(&path, &changed(), Some(&header)).unwrap();
        assert_eq!(saved.header.counter, 2);
        assert_eq!(load(&path).unwrap().ledger, changed());
    }
}

#[test]
fn a_full_disk_says_so() {
    let (_dir, path, header, _) = saved_once();
    fault::inject(Step::Write, 1, ErrorKind::StorageFull);
    let err = save(&path, &changed(), Some(&header)).unwrap_err();
    assert!(matches!(err, SaveError::DiskFull { .. }), "{err:?}");
    assert!(err.to_string().starts_with("无法保存：磁盘已满"), "{err}");
}

#[test]
fn a_folder_that_cannot_be_synced_after_the_rename_is_a_done_save_with_a_warning() {
    let (_dir, path, header, _) = saved_once();
    fault::inject(Step::FsyncDir, 1, ErrorKind::Other);
    // The new file is in place: the save happened, and the window goes on
    // from its header.
    let saved = save(&path, &changed(), Some(&header)).unwrap();
    assert_eq!(fault::hits(), 1);
    let warning = saved.synced.unwrap_err();
    assert_chinese_with_path(&warning.to_string(), &path);
    assert_eq!(load(&path).unwrap().ledger, changed());
    save(&path, &small_ledger(), Some(&saved.header)).unwrap();
}

#[test]
fn a_failing_backup_copy_still_saves_and_says_which_backup() {
    let (dir, path, header, _) = saved_once();
    fault::inject(Step::BackupCopy, 1, ErrorKind::StorageFull);
    let saved = save(&path, &changed(), Some(&header)).unwrap();
    let err = saved.backup.unwrap_err();
    assert!(err.path().starts_with(dir.path().join("backups")), "{err:?}");
    assert_chinese_with_path(&err.to_string(), err.path());
    assert_eq!(load(&path).unwrap().ledger, changed());
    // Only the first save's copy; no half-written second one.
    assert_eq!(list_backups(&path).len(), 1);
    let third = save(&path, &small_ledger(), Some(&saved.header)).unwrap();
    third.backup.unwrap();
    assert_eq!(list_backups(&path).len(), 2);
}

#[test]
fn a_backup_write_that_fills_the_disk_leaves_no_half_backup() {
    let (_dir, path, header, _) = saved_once();
    // The first Write is the temp file of the save, the second the backup.
    fault::inject(Step::Write, 2, ErrorKind::StorageFull);
    let saved = save(&path, &changed(), Some(&header)).unwrap();
    assert!(
        matches!(saved.backup, Err(SaveError::DiskFull { .. })),
        "{:?}",
        saved.backup
    );
    for backup in list_backups(&path) {
        backup.verify().unwrap();
    }
    let folder = crate::store::backup_folder(&path);
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_failing_prune_still_saves() {
    let (_dir, path, mut header, _) = saved_once();
    for _ in 0..crate::store::backup::KEEP_LAST {
        header = save(&path, &small_ledger(), Some(&header)).unwrap().header;
    }
    fault::inject(Step::Remove, 1, ErrorKind::PermissionDenied);
    let saved = save(&path, &changed(), Some(&header)).unwrap();
    assert_eq!(fault::hits(), 1, "nothing was pruned");
    let err = saved.backup.unwrap_err();
    assert_chinese_with_path(&err.to_string(), err.path());
    assert_eq!(load(&path).unwrap().ledger, changed());
}

#[test]
fn a_lock_file_that_cannot_be_opened_is_reported_and_the_next_lock_works() {
    let (_dir, path, _, before) = saved_once();
    fault::inject(Step::Lock, 1, ErrorKind::PermissionDenied);
    let err = lock(&path).unwrap_err();
    assert!(matches!(err, LockError::Io { .. }), "{err:?}");
    assert_chinese_with_path(&err.to_string(), &path);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    lock(&path).unwrap();
}

#[test]
fn the_window_keeps_its_edits_when_saving_fails_and_saves_them_later() {
    for (step, kind) in SAVE_STEPS {
        let (_dir, path, _, before) = saved_once();
        let mut doc = Document::open(&path).unwrap();
        let mut branch = doc.ledger.branch.clone();
        branch.secretary = "新书记".to_owned();
        doc.apply(Command::SetBranch(branch), 0.0).unwrap();
        fault::inject(step, 1, kind);
        assert!(!doc.save_now(), "{step:?}");
        let SaveStatus::Failed(message) = doc.status().clone() else {
            panic!("{step:?}: {:?}", doc.status())
        };
        assert_chinese_with_path(&message, &path);
        assert!(doc.has_unsaved(), "{step:?}");
        assert_eq!(
            doc.ledger.branch.secretary, "新书记",
            "{step:?}: the edit is still in memory"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "{step:?}");
        // The retry of the autosave goes through.
        doc.tick(100.0);
        assert!(doc.is_saving(), "{step:?}: the retry runs on its thread");
        doc.wait_for_save();
        assert!(
            matches!(doc.status(), SaveStatus::Saved(_)),
            "{step:?}: {:?}",
            doc.status()
        );
        assert!(!doc.has_unsaved());
        assert_eq!(load(&path).unwrap().ledger.branch.secretary, "新书记");
    }
}

#[test]
fn the_window_goes_on_saving_after_a_folder_sync_failure() {
    let (_dir, path, _, _) = saved_once();
    let mut doc = Document::open(&path).unwrap();
    for (i, name) in ["甲", "乙"].into_iter().enumerate() {
        if i == 0 {
            fault::inject(Step::FsyncDir, 1, ErrorKind::Other);
        }
        let mut branch = doc.ledger.branch.clone();
        branch.secretary = name.to_owned();
        doc.apply(Command::SetBranch(branch), 0.0).unwrap();
        assert!(doc.save_now(), "{:?}", doc.status());
        assert_eq!(load(&path).unwrap().ledger.branch.secretary, name);
    }
}

/// Root passes every permission check, so a read-only folder or file does
/// not stop it: the seam's `PermissionDenied` above stands in for it, and
/// this test of the real thing runs only for other users.
#[cfg(unix)]
#[test]
fn a_real_read_only_file_and_folder_keep_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path, header, before) = saved_once();
    let probe = dir.path().join("probe");
    std::fs::write(&probe, b"x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o444)).unwrap();
    if std::fs::OpenOptions::new().write(true).open(&probe).is_ok() {
        eprintln!("skipped: running as root, permissions do not stop writes (the seam tests cover them)");
        return;
    }
    std::fs::remove_file(&probe).unwrap();
    // A read-only file in a writable folder: the rename replaces it anyway
    // on Unix, so only the folder can refuse.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let err = save(&path, &changed(), Some(&header)).unwrap_err();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_chinese_with_path(&err.to_string(), &path);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    save(&path, &changed(), Some(&header)).unwrap();
}

/// Sets the branch secretary through the window's edit path.
fn rename_secretary(doc: &mut Document, name: &str, now: f64) {
    let mut branch = doc.ledger.branch.clone();
    branch.secretary = name.to_owned();
    doc.apply(Command::SetBranch(branch), now).unwrap();
}

#[test]
fn the_autosave_runs_on_its_thread_and_keeps_edits_made_meanwhile_unsaved() {
    let (_dir, path, _, before) = saved_once();
    let mut doc = Document::open(&path).unwrap();
    rename_secretary(&mut doc, "甲", 0.0);
    // Not yet: two seconds of quiet first.
    assert_eq!(doc.tick(1.0), Some(1.0));
    assert!(!doc.is_saving());
    doc.tick(2.0);
    assert!(doc.is_saving());
    // An edit while the copy is being written is not in that save.
    rename_secretary(&mut doc, "乙", 2.01);
    doc.wait_for_save();
    assert_eq!(load(&path).unwrap().ledger.branch.secretary, "甲");
    assert_ne!(std::fs::read(&path).unwrap(), before);
    assert!(doc.has_unsaved(), "the later edit is still to be saved");
    assert_eq!(doc.status(), &SaveStatus::Unsaved);
    // The next autosave takes it, on the header the first one left.
    doc.tick(4.01);
    doc.wait_for_save();
    assert!(matches!(doc.status(), SaveStatus::Saved(_)), "{:?}", doc.status());
    assert!(!doc.has_unsaved());
    assert_eq!(load(&path).unwrap().ledger.branch.secretary, "乙");
}

#[test]
fn saving_at_once_waits_for_a_running_autosave_then_saves_the_rest() {
    let (_dir, path, _, _) = saved_once();
    let mut doc = Document::open(&path).unwrap();
    rename_secretary(&mut doc, "甲", 0.0);
    doc.tick(2.0);
    rename_secretary(&mut doc, "乙", 2.0);
    assert!(doc.save_now());
    assert!(!doc.is_saving());
    assert!(!doc.has_unsaved());
    let on_disk = load(&path).unwrap();
    assert_eq!(on_disk.ledger.branch.secretary, "乙");
    assert_eq!(on_disk.header.counter, 3, "two saves after the first");
}

#[test]
fn closing_the_document_waits_for_its_autosave() {
    let (_dir, path, _, _) = saved_once();
    let mut doc = Document::open(&path).unwrap();
    rename_secretary(&mut doc, "甲", 0.0);
    doc.tick(2.0);
    drop(doc);
    assert_eq!(load(&path).unwrap().ledger.branch.secretary, "甲");
    // And the lock was let go after it: the file opens writable again.
    assert!(Document::open(&path).unwrap().is_writable());
}

/// The counters of the regular backups kept so far, oldest first.
fn backup_counters(path: &Path) -> Vec<u64> {
    let mut counters: Vec<u64> = list_backups(path).iter().filter_map(|b| b.counter()).collect();
    counters.sort_unstable();
    counters
}

#[test]
fn autosaves_keep_a_backup_at_most_every_few_minutes_and_ctrl_s_always() {
    let (_dir, path, _, _) = saved_once();
    assert_eq!(backup_counters(&path), vec![1]);
    let mut doc = Document::open(&path).unwrap();
    // The first save of a session keeps a copy.
    rename_secretary(&mut doc, "甲", 0.0);
    doc.tick(2.0);
    doc.wait_for_save();
    assert_eq!(backup_counters(&path), vec![1, 2]);
    // Autosaves right after it do not.
    for (i, name) in ["乙", "丙", "丁"].into_iter().enumerate() {
        let now = 10.0 * (i + 1) as f64;
        rename_secretary(&mut doc, name, now);
        doc.tick(now + 2.0);
        doc.wait_for_save();
    }
    assert_eq!(load(&path).unwrap().header.counter, 5, "every autosave happened");
    assert_eq!(
        backup_counters(&path),
        vec![1, 2],
        "no copy for autosaves within five minutes"
    );
    // Ctrl+S keeps one whatever the time.
    rename_secretary(&mut doc, "戊", 50.0);
    assert!(doc.save_now());
    assert_eq!(backup_counters(&path), vec![1, 2, 6]);
    let newest = list_backups(&path)
        .into_iter()
        .find(|b| b.counter() == Some(6))
        .unwrap();
    assert_eq!(newest.verify().unwrap().ledger.branch.secretary, "戊");
    // Closing after an autosave that kept no copy keeps one of that save.
    rename_secretary(&mut doc, "己", 60.0);
    doc.tick(62.0);
    doc.wait_for_save();
    assert_eq!(backup_counters(&path), vec![1, 2, 6]);
    assert!(doc.save_now(), "nothing left to save");
    assert_eq!(backup_counters(&path), vec![1, 2, 6, 7]);
    assert!(doc.save_now());
    assert_eq!(backup_counters(&path), vec![1, 2, 6, 7], "one copy is enough");
}

#[test]
fn the_saving_thread_wakes_the_window_when_its_save_is_done() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (_dir, path, _, _) = saved_once();
    let mut doc = Document::open(&path).unwrap();
    let ctx = egui::Context::default();
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&wakes);
    ctx.set_request_repaint_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    doc.wake_when_saved(&ctx);
    rename_secretary(&mut doc, "甲", 0.0);
    doc.tick(2.0);
    assert!(doc.is_saving());
    // No frame runs meanwhile: only the thread can wake the window.
    let waited = std::time::Instant::now();
    while wakes.load(Ordering::SeqCst) == 0 {
        assert!(waited.elapsed() < Duration::from_secs(30), "the window was never woken");
        std::thread::sleep(Duration::from_millis(5));
    }
    // The frame it wakes takes the result in.
    doc.tick(2.1);
    assert!(!doc.is_saving());
    assert!(matches!(doc.status(), SaveStatus::Saved(_)), "{:?}", doc.status());
}
