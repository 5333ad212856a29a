//! Every disk step of a save, a backup and the lock made to fail through
//! the test seam in `ops` ([`crate::store::ops::fault`]): the old file
//! stays byte for byte, the message is Chinese with the path last, no temp
//! file is left, and the next save works once the disk behaves again.
//! What the window's document does with such a failure (keeps the edits
//! in memory and says why) is tested beside it, in `src/edit/document_tests.rs`.

use std::io::ErrorKind;
use std::path::Path;

use super::{ledger_in, small_ledger};
use crate::store::ops::{Step, fault};
use crate::store::{Header, LockError, SaveError, list_backups, load, lock, save};

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
pub(crate) fn assert_chinese_with_path(message: &str, path: &Path) {
    let first = message.chars().next().unwrap();
    assert!(('\u{4e00}'..='\u{9fff}').contains(&first), "not Chinese: {message}");
    assert!(
        message.ends_with(&format!("（{}）", path.display())),
        "path not last: {message}"
    );
}

/// A ledger saved once in a fresh folder: (folder, path, header, bytes).
pub(crate) fn saved_once() -> (tempfile::TempDir, std::path::PathBuf, Header, Vec<u8>) {
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
pub(crate) const SAVE_STEPS: [(Step, ErrorKind); 5] = [
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

#[test]
fn a_failing_sync_after_the_header_is_written_over_its_placeholder_leaves_the_old_file() {
    // A save syncs its temp file twice: once with the body written (while
    // the checksum is worked out), once after the real header went in.
    let (dir, path, header, before) = saved_once();
    fault::inject(Step::Fsync, 2, ErrorKind::Other);
    let err = save(&path, &changed(), Some(&header)).unwrap_err();
    assert_eq!(fault::hits(), 1);
    assert_chinese_with_path(&err.to_string(), &path);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(strays(dir.path()), Vec::<String>::new());
    let saved = save(&path, &changed(), Some(&header)).unwrap();
    assert_eq!(load(&path).unwrap().ledger, changed());
    assert_eq!(saved.header, load(&path).unwrap().header);
}

#[test]
fn first_lines_longer_or_shorter_than_their_placeholder_give_the_whole_file_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.ron");
    for head in ["短\n", "比占位的两行长得多的两行\n第二行\n"] {
        let placeholder = "占位占位占\n";
        let body = "(\n  正文: 1,\n)\n".repeat(1000);
        let (synced, ((), written)) =
            crate::store::atomic::write_atomically_headed(&path, placeholder.as_bytes(), body.as_bytes(), || {
                Ok(((), head.to_owned()))
            })
            .unwrap();
        synced.unwrap();
        assert_eq!(written, head);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{head}{body}"));
    }
    // The same length: written over the placeholder.
    let (_, ((), _)) =
        crate::store::atomic::write_atomically_headed(&path, b"AAAA\n", b"body\n", || Ok(((), "BBBB\n".to_owned())))
            .unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "BBBB\nbody\n");
}
