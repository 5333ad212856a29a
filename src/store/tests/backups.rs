//! Backups: one per save, the retention rule, restoring, upgrade copies.

use jiff::civil::{DateTime, date};

use super::{ledger_in, small_ledger};
use crate::store::backup::{KEEP_DAYS, KEEP_LAST};
use crate::store::{
    BackupKind, backup_before_upgrade, backup_folder, list_backups, load, newest_good_backup, restore_backup, retained,
    save,
};

fn at(day: i8, hour: i8) -> DateTime {
    date(2026, 11, day).at(hour, 0, 0, 0)
}

#[test]
fn every_save_leaves_a_backup_that_stays_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let mut ledger = small_ledger();
    let mut previous = None;
    let mut saved = Vec::new();
    for n in 1..=3 {
        ledger.branch.secretary = format!("书记{n}");
        let result = save(&path, &ledger, previous.as_ref()).unwrap();
        let backup = result.backup.unwrap().expect("a backup was asked for");
        assert!(backup.starts_with(backup_folder(&path)));
        let name = backup.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("支部台账-") && name.ends_with(&format!("-{n:06}.ron")),
            "{name}"
        );
        assert_eq!(std::fs::read(&backup).unwrap(), std::fs::read(&path).unwrap());
        saved.push(ledger.clone());
        previous = Some(result.header);
    }
    let backups = list_backups(&path);
    let counters: Vec<Option<u64>> = backups.iter().map(|b| b.counter()).collect();
    assert_eq!(counters, vec![Some(3), Some(2), Some(1)], "newest first");
    for (backup, ledger) in backups.iter().zip(saved.iter().rev()) {
        assert_eq!(&backup.verify().unwrap().ledger, ledger);
    }
}

#[test]
fn a_file_damaged_in_place_does_not_damage_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let ledger = small_ledger();
    let backup = save(&path, &ledger, None).unwrap().backup.unwrap().expect("asked for");
    std::fs::write(&path, "damaged in place by another program").unwrap();
    assert_eq!(load(&backup).unwrap().ledger, ledger);
}

#[test]
fn the_newest_ten_saves_are_kept() {
    let saves: Vec<(DateTime, u64)> = (0..25)
        .map(|i| (at(20, 0) + jiff::Span::new().minutes(i), i as u64))
        .collect();
    let keep = retained(&saves, at(20, 23));
    let kept: Vec<u64> = saves.iter().zip(&keep).filter(|(_, k)| **k).map(|(s, _)| s.1).collect();
    assert_eq!(kept, (15..25).collect::<Vec<u64>>());
}

#[test]
fn the_newest_save_of_each_of_the_last_thirty_days_is_kept() {
    // Three saves a day for 40 days, ending on now's day.
    let now = date(2026, 11, 24).at(22, 0, 0, 0);
    let mut saves = Vec::new();
    let mut counter = 0;
    for days_ago in (0..40).rev() {
        let day = now.date() - jiff::Span::new().days(days_ago);
        for hour in [8, 12, 18] {
            counter += 1;
            saves.push((day.at(hour, 0, 0, 0), counter));
        }
    }
    let keep = retained(&saves, now);
    for ((time, counter), kept) in saves.iter().zip(&keep) {
        let days_ago = i64::from(time.date().until(now.date()).unwrap().get_days());
        let among_newest = *counter > 120 - KEEP_LAST as u64;
        let newest_of_recent_day = time.hour() == 18 && days_ago < KEEP_DAYS;
        assert_eq!(*kept, among_newest || newest_of_recent_day, "{time} #{counter}");
    }
    // Ten newest (days 0–3) and one a day for 30 days, four of them shared.
    assert_eq!(keep.iter().filter(|k| **k).count(), 10 + 30 - 4);
}

#[test]
fn saves_dated_in_the_future_count_as_recent() {
    let saves = [(at(1, 8), 1), (at(28, 8), 2)];
    assert_eq!(retained(&saves, at(1, 9)), vec![true, true]);
    assert!(retained(&[], at(1, 9)).is_empty());
}

#[test]
fn pruning_on_disk_keeps_upgrade_copies_set_aside_files_and_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let folder = backup_folder(&path);
    std::fs::create_dir_all(&folder).unwrap();
    let keep_forever = [
        "支部台账-升级前-v1-20200101-000000.ron",
        "支部台账-损坏-20200101-000000.ron",
        "支部台账-恢复前-20200101-000000-2.ron",
        "支部台账-20200101-000000-000001.txt",
        "别的台账-20200101-000000-000001.ron",
        "说明.ron",
    ];
    for name in keep_forever {
        std::fs::write(folder.join(name), "x").unwrap();
    }
    // Twenty old saves, years ago: only the newest ten survive.
    for i in 0..20 {
        std::fs::write(
            folder.join(format!("支部台账-20200102-0000{i:02}-{:06}.ron", i + 1)),
            "x",
        )
        .unwrap();
    }
    save(&path, &small_ledger(), None).unwrap().backup.unwrap();
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in keep_forever {
        assert!(names.iter().any(|n| n == name), "{name} was removed");
    }
    let regular = list_backups(&path)
        .into_iter()
        .filter(|b| matches!(b.kind, BackupKind::Save { .. }));
    let counters: Vec<u64> = regular.filter_map(|b| b.counter()).collect();
    assert_eq!(
        counters,
        vec![1, 20, 19, 18, 17, 16, 15, 14, 13, 12],
        "today's save, then the newest nine"
    );
    let kinds: Vec<BackupKind> = list_backups(&path).iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BackupKind::BeforeUpgrade { from: 1 }));
    assert!(kinds.contains(&BackupKind::SetAside { damaged: true }));
    assert!(kinds.contains(&BackupKind::SetAside { damaged: false }));
}

#[test]
fn a_broken_file_is_restored_from_the_newest_good_backup_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let mut ledger = small_ledger();
    let first = save(&path, &ledger, None).unwrap();
    ledger.branch.organiser = "组织委员".to_owned();
    let second = save(&path, &ledger, Some(&first.header)).unwrap();
    // The newest backup is damaged too (a bad disk), the one before is fine.
    std::fs::write(second.backup.as_ref().unwrap().as_ref().unwrap(), "garbage").unwrap();
    std::fs::write(&path, "garbage in the main file").unwrap();
    assert!(load(&path).is_err());
    let good = newest_good_backup(&path).unwrap();
    assert_eq!(good.counter(), Some(1));
    let restored = restore_backup(&good.path, &path).unwrap();
    assert_eq!(restored.header.counter, 3, "the counter goes on");
    assert_eq!(load(&path).unwrap().ledger, small_ledger());
    let kept = list_backups(&path)
        .into_iter()
        .find(|b| b.kind == BackupKind::SetAside { damaged: true })
        .expect("the broken file is kept");
    assert_eq!(std::fs::read(&kept.path).unwrap(), b"garbage in the main file");
}

#[test]
fn restoring_a_backup_that_does_not_load_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    save(&path, &small_ledger(), None).unwrap();
    let before = std::fs::read(&path).unwrap();
    let bad = dir.path().join("坏备份.ron");
    std::fs::write(&bad, "nonsense").unwrap();
    let err = restore_backup(&bad, &path).unwrap_err();
    assert!(err.to_string().starts_with("无法恢复：这个备份文件也无法读取"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_copy_is_kept_before_an_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let saved = save(&path, &small_ledger(), None).unwrap();
    let copy = backup_before_upgrade(&path, 1).unwrap();
    let name = copy.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("支部台账-升级前-v1-"), "{name}");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&path).unwrap());
    let again = backup_before_upgrade(&path, 1).unwrap();
    assert_ne!(again, copy, "never over an earlier copy");
    save(&path, &small_ledger(), Some(&saved.header)).unwrap();
    assert!(copy.exists() && again.exists());
}
