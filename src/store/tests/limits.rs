//! One size limit for what the store saves and what it loads: a save that
//! would exceed it is refused before anything is written, a file over it
//! is refused on load with its size, and a file exactly at it goes both
//! ways. The limit is lowered in this thread only (`THREAD_LIMIT`), so no
//! test writes a gigabyte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{big_ledger, ledger_in, small_ledger};
use crate::store::format::{MAX_LEDGER_BYTES, THREAD_LIMIT, ledger_limit, over_limit_words, size_words};
use crate::store::{LoadError, SaveError, list_backups, load, lock_ledger, save, to_text};

/// Runs `f` with the limit of this thread at `bytes`, and puts it back.
fn with_limit<T>(bytes: u64, f: impl FnOnce() -> T) -> T {
    let before = THREAD_LIMIT.replace(bytes);
    let result = f();
    THREAD_LIMIT.set(before);
    result
}

/// Every file in the ledger's folder and its backups folder, with its
/// bytes.
fn everything_in(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).expect("read file"));
            }
        }
    }
    files
}

/// The size of the file a save of `ledger` as its `counter`-th save writes.
fn file_size(ledger: &crate::model::Ledger, counter: u64) -> u64 {
    to_text(ledger, counter).expect("text").len() as u64
}

#[test]
fn the_limit_is_a_gigabyte_and_cannot_be_raised() {
    assert_eq!(MAX_LEDGER_BYTES, 1 << 30);
    assert_eq!(ledger_limit(), MAX_LEDGER_BYTES);
    assert_eq!(with_limit(u64::MAX, ledger_limit), MAX_LEDGER_BYTES);
    assert_eq!(with_limit(5000, ledger_limit), 5000);
}

#[test]
fn a_save_over_the_limit_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = ledger_in(dir.path());
    let first = save(&path, &small_ledger(), None).expect("first save");
    let before = everything_in(dir.path());
    assert_eq!(list_backups(&path).len(), 1);

    // The next save, with a 100,000-character reflection, would be far
    // bigger than the limit; the first file is well under it.
    let limit = 20_000;
    let bigger = big_ledger();
    let size = file_size(&bigger, 2);
    assert!(size > limit && (before[&path].len() as u64) < limit);
    let err = with_limit(limit, || save(&path, &bigger, Some(&first.header))).expect_err("refused");
    let SaveError::TooLarge {
        size: said,
        limit: said_limit,
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!((*said, *said_limit), (size, limit));
    assert_eq!(
        err.to_string(),
        format!(
            "无法保存：台账太大（写成文件将有 {}，上限 {}），保存后将无法再打开，因此没有保存，文件和备份都未改动。请删去不需要的大段文字后再保存（{}）",
            size_words(size),
            size_words(limit),
            path.display()
        )
    );
    // No temp file, the ledger and its backup byte for byte as they were.
    assert_eq!(everything_in(dir.path()), before);
    // Under the usual limit the same save goes through.
    save(&path, &bigger, Some(&first.header)).expect("saved under the real limit");
}

#[test]
fn a_file_over_the_limit_is_said_to_be_too_large_not_foreign() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = ledger_in(dir.path());
    save(&path, &big_ledger(), None).expect("save");
    let size = std::fs::metadata(&path).expect("metadata").len();
    let limit = size / 2;
    let err = with_limit(limit, || load(&path)).expect_err("refused");
    assert!(
        matches!(err, LoadError::TooLarge { size: s, limit: l, .. } if s == size && l == limit),
        "{err:?}"
    );
    let said = err.to_string();
    assert!(said.starts_with("台账文件太大（"), "{said}");
    assert!(
        said.contains(&size_words(size)) && said.contains(&size_words(limit)),
        "{said}"
    );
    assert!(!said.contains("其他程序"), "{said}");
    // Opening it for the command line says the same, and leaves no lock
    // file beside it.
    let locked = with_limit(limit, || lock_ledger(&path, crate::store::User::CommandLine));
    assert!(matches!(locked, Err(LoadError::TooLarge { .. })), "{locked:?}");
    assert!(!crate::store::lock_path(&path).exists());
}

#[test]
fn a_file_exactly_at_the_limit_is_saved_and_loaded_and_one_byte_less_refuses_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = ledger_in(dir.path());
    let ledger = big_ledger();
    let size = file_size(&ledger, 1);
    with_limit(size, || {
        save(&path, &ledger, None).expect("a file at the limit is saved");
        assert_eq!(load(&path).expect("and loads").ledger, ledger);
    });
    with_limit(size - 1, || {
        assert!(matches!(load(&path), Err(LoadError::TooLarge { .. })));
        let other = ledger_in(&dir.path().join("另一个"));
        assert!(matches!(save(&other, &ledger, None), Err(SaveError::TooLarge { .. })));
        assert!(!other.exists() && !crate::store::backup_folder(&other).exists());
    });
}

#[test]
fn sizes_are_said_in_the_unit_that_fits_and_never_read_the_same_as_the_limit() {
    assert_eq!(size_words(950), "950 字节");
    assert_eq!(size_words(20_000), "19.5 KB");
    assert_eq!(size_words(155 * 1024 * 1024), "155.0 MB");
    assert_eq!(size_words(MAX_LEDGER_BYTES), "1.00 GB");
    assert_eq!(over_limit_words(3 << 30, MAX_LEDGER_BYTES), "3.00 GB，上限 1.00 GB");
    assert_eq!(
        over_limit_words(MAX_LEDGER_BYTES + 1, MAX_LEDGER_BYTES),
        "1.00 GB（1073741825 字节），上限 1.00 GB（1073741824 字节）"
    );
}
