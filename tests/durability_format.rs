//! Format fixtures: a file saved by this program in each format version
//! must load, save and load again in every later version, forever.
//!
//! `tests/fixtures/format-v1.ron` is a small demo ledger saved in format 1
//! (`zhibu demo --members 12`). It is never regenerated. When
//! `FORMAT_VERSION` goes up, add `format-v2.ron` beside it and keep this
//! test for v1: the v1 file must then load with `upgraded_from == Some(1)`,
//! and the window must keep a copy before its first save in the new format
//! (`store::backup_before_upgrade`, called by `Document::open`); the check
//! on that copy below then runs for it.

use std::path::Path;

use zhibu::store::{self, FORMAT_VERSION};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn a_format_1_file_loads_saves_and_loads_again() {
    let original = fixture("format-v1.ron");
    let before = std::fs::read(&original).unwrap();
    let loaded = store::load(&original).expect("the format 1 fixture loads");
    assert_eq!(loaded.header.format, 1);
    assert!(!loaded.ledger.members.is_empty());
    assert_eq!(loaded.upgraded_from, (FORMAT_VERSION > 1).then_some(1));
    assert_eq!(std::fs::read(&original).unwrap(), before, "loading changed the fixture");

    // A copy, opened as the window opens it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("支部台账.ron");
    std::fs::write(&path, &before).unwrap();
    let mut doc = zhibu::edit::Document::open(&path).unwrap();
    assert!(doc.is_writable(), "{:?}", doc.status());
    if loaded.upgraded_from.is_some() {
        // Kept before the first save in the new format.
        let kept = store::list_backups(&path)
            .into_iter()
            .find(|b| matches!(b.kind, store::BackupKind::BeforeUpgrade { from: 1 }))
            .expect("a copy before the upgrade");
        assert_eq!(std::fs::read(&kept.path).unwrap(), before);
    }
    let mut branch = doc.ledger.branch.clone();
    branch.secretary.push('甲');
    doc.apply(zhibu::edit::Command::SetBranch(branch), 0.0).unwrap();
    assert!(doc.save_now(), "{:?}", doc.status());

    let again = store::load(&path).expect("loads after saving");
    assert_eq!(again.header.format, FORMAT_VERSION);
    assert_eq!(again.header.counter, loaded.header.counter + 1);
    let mut expected = loaded.ledger.clone();
    expected.branch.secretary.push('甲');
    assert_eq!(again.ledger, expected);
}
