//! Saving on a real (temporary) folder: atomic replace, the overwrite
//! guard, failures that leave the old file alone, stray temp files, the
//! lock.

use std::path::Path;
use std::time::{Duration, SystemTime};

use super::{big_ledger, ledger_in, small_ledger};
use crate::store::{
    LoadError, LockError, Place, SaveError, User, check_overwrite, clean_temp_files, load, lock, lock_as, lock_path,
    move_aside, save,
};

/// Names in a folder other than the ledger, its lock and backups.
fn strays(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "支部台账.ron" && n != "支部台账.ron.lock" && n != "backups")
        .collect()
}

#[test]
fn saves_load_back_and_the_counter_grows() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir.path().join("新文件夹").join("子文件夹"));
    let ledger = big_ledger();
    let first = save(&path, &ledger, None).unwrap();
    assert_eq!(first.header.counter, 1);
    first.backup.as_ref().unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.ledger, ledger);
    assert_eq!(loaded.header, first.header);
    let mut changed = ledger.clone();
    changed.branch.name.push_str("（改）");
    let second = save(&path, &changed, Some(&loaded.header)).unwrap();
    assert_eq!(second.header.counter, 2);
    assert_eq!(load(&path).unwrap().ledger, changed);
    assert!(strays(path.parent().unwrap()).is_empty(), "no temp file left");
}

#[test]
fn a_file_changed_since_we_saw_it_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let mine = save(&path, &small_ledger(), None).unwrap().header;
    // Another window saves in between.
    let mut theirs = small_ledger();
    theirs.branch.secretary = "另一个人".to_owned();
    save(&path, &theirs, Some(&mine)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = save(&path, &small_ledger(), Some(&mine)).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err:?}");
    assert!(err.to_string().ends_with(&format!("（{}）", path.display())));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // A new ledger never replaces an existing one.
    let err = save(&path, &small_ledger(), None).unwrap_err();
    assert!(matches!(err, SaveError::AlreadyExists { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_does_not_load_is_never_overwritten_until_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let header = save(&path, &small_ledger(), None).unwrap().header;
    let damaged = b"(format:1, half a header".to_vec();
    std::fs::write(&path, &damaged).unwrap();
    let err = save(&path, &small_ledger(), Some(&header)).unwrap_err();
    let SaveError::ExistingUnreadable { source, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(matches!(**source, LoadError::BadHeader { .. }));
    assert_eq!(std::fs::read(&path).unwrap(), damaged);
    let aside = move_aside(&path).unwrap();
    assert!(
        aside
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("支部台账-损坏-")
    );
    assert_eq!(std::fs::read(&aside).unwrap(), damaged);
    let saved = save(&path, &small_ledger(), Some(&header)).unwrap();
    assert_eq!(saved.header.counter, header.counter + 1);
    assert!(check_overwrite(&path, Some(&saved.header)).is_ok());
}

#[test]
fn a_refused_save_leaves_the_old_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let header = save(&path, &small_ledger(), None).unwrap().header;
    let before = std::fs::read(&path).unwrap();
    let mut bad = small_ledger();
    bad.study.sessions[0].hours = f64::NAN;
    let err = save(&path, &bad, Some(&header)).unwrap_err();
    assert!(matches!(err, SaveError::NotRereadable { .. }), "{err:?}");
    assert!(err.to_string().ends_with(&format!("（{}）", path.display())), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(strays(dir.path()).is_empty());
}

#[test]
fn a_failing_rename_removes_the_temp_file() {
    // A folder (not empty) where the file should be: the temp file is
    // written, the rename fails, the temp file must go.
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("里面的文件"), "keep").unwrap();
    let err = crate::store::atomic::save_unchecked(&path, &small_ledger(), 1).unwrap_err();
    assert!(err.to_string().starts_with("无法保存："), "{err}");
    assert!(err.to_string().ends_with(&format!("（{}）", path.display())), "{err}");
    assert_eq!(std::fs::read_to_string(path.join("里面的文件")).unwrap(), "keep");
    assert!(strays(dir.path()).is_empty(), "{:?}", strays(dir.path()));
}

#[test]
fn a_folder_that_is_a_file_is_reported_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("不是文件夹");
    std::fs::write(&blocker, "x").unwrap();
    let path = ledger_in(&blocker);
    let err = save(&path, &small_ledger(), None).unwrap_err();
    assert!(matches!(err, SaveError::NoFolder { .. }), "{err:?}");
    assert!(err.to_string().ends_with(&format!("（{}）", path.display())), "{err}");
    assert_eq!(std::fs::read(&blocker).unwrap(), b"x");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let header = save(&path, &small_ledger(), None).unwrap().header;
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // root (and CAP_DAC_OVERRIDE) writes into read-only folders anyway:
    // then this test can only show that nothing breaks.
    let probe = dir.path().join("probe");
    let enforced = std::fs::write(&probe, "x").is_err();
    if !enforced {
        std::fs::remove_file(&probe).unwrap();
        eprintln!("running with the right to ignore permissions: read-only folder not enforced");
    }
    let mut changed = small_ledger();
    changed.branch.name = "改过的".to_owned();
    let result = save(&path, &changed, Some(&header));
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    if enforced {
        let err = result.unwrap_err();
        assert!(matches!(err, SaveError::NoPermission { .. }), "{err:?}");
        assert_eq!(err.to_string(), format!("无法保存：没有写入权限（{}）", path.display()));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(strays(dir.path()).is_empty());
    } else {
        result.unwrap();
        assert_eq!(load(&path).unwrap().ledger, changed);
    }
}

#[test]
fn stray_temp_files_of_ours_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    save(&path, &small_ledger(), None).unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600);
    let stray = dir.path().join(".支部台账.ron.4242.123456789.tmp");
    let fresh = dir.path().join(".支部台账.ron.4242.999999999.tmp");
    let other = dir.path().join(".别的台账.ron.4242.1.tmp");
    let mine = dir.path().join("笔记.tmp");
    for file in [&stray, &fresh, &other, &mine] {
        std::fs::write(file, "half").unwrap();
    }
    for file in [&stray, &other, &mine] {
        std::fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let held = lock(&path).unwrap();
    assert_eq!(clean_temp_files(&held).unwrap(), 1);
    assert!(!stray.exists());
    assert!(fresh.exists() && other.exists() && mine.exists());
    assert!(load(&path).is_ok());
}

#[test]
fn a_second_lock_on_the_same_ledger_is_refused_until_the_first_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir.path().join("还没有的文件夹"));
    let first = lock(&path).unwrap();
    assert_eq!(first.ledger_path(), path);
    let err = lock(&path).unwrap_err();
    let LockError::HeldElsewhere {
        holder: Some(holder), ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(holder.user, User::Window);
    assert_eq!(holder.place, Place::ThisComputer);
    assert_eq!(holder.pid, Some(std::process::id()));
    assert!(holder.since.is_some());
    // Who, and nothing about what this taker does (the window's own to say).
    let message = err.to_string();
    let who = format!("本电脑上另一个窗口（支部台账，进程 {}）自", std::process::id());
    assert!(message.starts_with(&who), "{message}");
    assert!(
        message.ends_with(&format!("起一直在使用此台账（{}）", path.display())),
        "{message}"
    );
    assert!(!message.contains("只读"), "{message}");
    // The note stays readable by anyone while the lock is held (on Windows
    // too: the lock is on a byte past it).
    let note = std::fs::read_to_string(lock_path(&path)).unwrap();
    assert!(note.contains(&format!("进程：{}", std::process::id())), "{note}");
    assert!(note.contains("使用者：窗口"), "{note}");
    drop(first);
    assert!(lock_path(&path).exists(), "the lock file stays");
    let again = lock(&path).unwrap();
    // Another ledger in the same folder is a different lock.
    let other = lock(&path.with_file_name("二支部.ron")).unwrap();
    drop((again, other));
}

#[test]
fn the_command_line_is_named_as_the_holder_and_a_shorter_note_replaces_a_longer_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    std::fs::write(lock_path(&path), "很长的旧内容\n".repeat(200)).unwrap();
    let held = lock_as(&path, User::CommandLine).unwrap();
    let note = std::fs::read_to_string(lock_path(&path)).unwrap();
    assert!(!note.contains("旧内容"), "{note}");
    let err = lock(&path).unwrap_err();
    let message = err.to_string();
    let who = format!("本电脑上的命令行（zhibu，进程 {}）自", std::process::id());
    assert!(message.starts_with(&who), "{message}");
    drop(held);
    lock(&path).unwrap();
}

#[test]
fn an_old_or_foreign_note_leaves_the_holder_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let held = lock(&path).unwrap();
    // Overwritten behind the holder's back, as by an older version.
    std::fs::write(lock_path(&path), "进程 1234 自 2025-12-01T23:05:00 起使用此台账\n").unwrap();
    let err = lock(&path).unwrap_err();
    assert!(matches!(err, LockError::HeldElsewhere { holder: None, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("另一个窗口正在使用此台账（{}）", path.display())
    );
    drop(held);
}

/// Needs a small file system made by hand, for example as root:
/// `mount -t tmpfs -o size=400k tmpfs /tmp/zfull` and then
/// `ZHIBU_TEST_FULL_DIR=/tmp/zfull cargo test -- --ignored`.
#[test]
#[ignore = "needs a small file system in ZHIBU_TEST_FULL_DIR"]
fn a_full_disk_keeps_the_old_file() {
    let Some(dir) = std::env::var_os("ZHIBU_TEST_FULL_DIR") else {
        return;
    };
    let path = ledger_in(Path::new(&dir));
    for leftover in [path.clone(), lock_path(&path)] {
        let _ = std::fs::remove_file(leftover);
    }
    let _ = std::fs::remove_dir_all(crate::store::backup_folder(&path));
    let header = save(&path, &small_ledger(), None).unwrap().header;
    let before = std::fs::read(&path).unwrap();
    let mut huge = big_ledger();
    for _ in 0..5 {
        let first = huge.study.reflections[0].clone();
        huge.study.reflections.push(first);
    }
    let err = save(&path, &huge, Some(&header)).unwrap_err();
    assert!(matches!(err, SaveError::DiskFull { .. }), "{err:?}");
    assert_eq!(err.to_string(), format!("无法保存：磁盘已满（{}）", path.display()));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(strays(Path::new(&dir)).is_empty(), "{:?}", strays(Path::new(&dir)));
}

/// Needs a read-only file system made by hand, for example as root:
/// `mount -t tmpfs tmpfs /tmp/zro`, save a ledger there as
/// `支部台账.ron`, `mount -o remount,ro /tmp/zro`, then
/// `ZHIBU_TEST_RO_DIR=/tmp/zro cargo test -- --ignored`.
#[test]
#[ignore = "needs a read-only file system in ZHIBU_TEST_RO_DIR"]
fn a_read_only_file_system_is_reported_and_changes_nothing() {
    let Some(dir) = std::env::var_os("ZHIBU_TEST_RO_DIR") else {
        return;
    };
    let path = ledger_in(Path::new(&dir));
    let previous = load(&path).ok().map(|loaded| loaded.header);
    let before = std::fs::read(&path).ok();
    let err = save(&path, &small_ledger(), previous.as_ref()).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnlyFolder { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("无法保存：文件夹是只读的（{}）", path.display())
    );
    assert_eq!(std::fs::read(&path).ok(), before);
    assert!(matches!(lock(&path), Err(LockError::Io { .. })));
}

/// Saves with a memory, as the window's autosave does.
fn save_remembering(
    path: &Path,
    ledger: &crate::model::Ledger,
    previous: Option<&crate::store::Header>,
    memory: &mut crate::store::SaveMemory,
) -> Result<crate::store::Saved, SaveError> {
    crate::store::save_with(path, ledger, previous, memory, crate::store::KeepBackup::No)
}

#[test]
fn a_remembering_save_still_refuses_a_file_changed_in_place_or_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let mut ledger = small_ledger();
    let mut memory = crate::store::SaveMemory::default();
    let first = save_remembering(&path, &ledger, None, &mut memory).unwrap();
    assert_eq!(first.backup.unwrap(), None, "no backup asked for");
    ledger.branch.secretary = "李书记".to_owned();
    let second = save_remembering(&path, &ledger, Some(&first.header), &mut memory).unwrap();
    assert_eq!(load(&path).unwrap().ledger, ledger);

    // Another program changes one character in place, keeping the size.
    let untouched = std::fs::read(&path).unwrap();
    let mut bytes = untouched.clone();
    let at = bytes.len() - 10;
    bytes[at] = if bytes[at] == b'1' { b'2' } else { b'1' };
    std::thread::sleep(Duration::from_millis(30));
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
        .unwrap();
    let err = save_remembering(&path, &ledger, Some(&second.header), &mut memory).unwrap_err();
    assert!(matches!(err, SaveError::ExistingUnreadable { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the changed file is left alone");

    // Put back byte for byte, but as a new file (a copy from a stick).
    let copy = dir.path().join("copy.ron");
    std::fs::write(&copy, &untouched).unwrap();
    std::fs::rename(&copy, &path).unwrap();
    // Same content and header: the full check lets it through, as before.
    let third = save_remembering(&path, &ledger, Some(&second.header), &mut memory).unwrap();

    // An older save of the same ledger put in its place.
    let mut older = ledger.clone();
    older.branch.secretary = "王书记".to_owned();
    crate::store::save(&copy, &older, None).unwrap();
    std::fs::rename(&copy, &path).unwrap();
    let err = save_remembering(&path, &ledger, Some(&third.header), &mut memory).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err:?}");
    assert_eq!(load(&path).unwrap().ledger, older, "left alone");
}

#[test]
fn a_blocked_replace_is_retried_with_growing_pauses_for_about_five_seconds() {
    use crate::store::ops::{REPLACE_PATIENCE, REPLACE_PAUSE_MAX, replace_pauses};
    let pauses: Vec<Duration> = replace_pauses().collect();
    assert_eq!(pauses.iter().sum::<Duration>(), REPLACE_PATIENCE);
    assert_eq!(REPLACE_PATIENCE, Duration::from_secs(5));
    assert_eq!(pauses[0], Duration::from_millis(50), "a short hold costs little");
    // Doubling until the longest pause, then steady; only the last is cut.
    let (last, growing) = pauses.split_last().unwrap();
    for pair in growing.windows(2) {
        assert_eq!(pair[1], (pair[0] * 2).min(REPLACE_PAUSE_MAX), "{pauses:?}");
    }
    assert!(*last <= REPLACE_PAUSE_MAX && !last.is_zero(), "{pauses:?}");
    assert_eq!(REPLACE_PAUSE_MAX, Duration::from_secs(1));
    assert!(pauses.contains(&REPLACE_PAUSE_MAX), "{pauses:?}");
    assert!((8..=12).contains(&pauses.len()), "{pauses:?}");
}
