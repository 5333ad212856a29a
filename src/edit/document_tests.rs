//! The document on a real temporary folder: edits kept in memory when a
//! save fails (every disk step made to fail through the store's test seam,
//! [`crate::store::ops::fault`]), the autosave on its thread, backups at
//! most every few minutes, and the wake callback the saving thread calls.

use std::io::ErrorKind;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::{Document, SaveStatus};
use crate::edit::Command;
use crate::store::ops::{Step, fault};
use crate::store::tests::faults::{SAVE_STEPS, assert_chinese_with_path, saved_once};
use crate::store::{list_backups, load};

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
    let (_dir, path, _, _) = saved_once();
    let mut doc = Document::open(&path).unwrap();
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&wakes);
    assert!(!doc.wakes_when_saved());
    doc.wake_when_saved(move || {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    assert!(doc.wakes_when_saved());
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
