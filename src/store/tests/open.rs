//! Opening on every core (`store::open`): the same records, the same
//! refusals and the same errors as reading in one thread, and the first
//! save after opening reusing the text just read.

use std::path::Path;

use super::{big_ledger, fake_path, file_with_body, ledger_in, small_ledger};
use crate::model::Ledger;
use crate::store::format::{Verify, parse, whole_body};
use crate::store::{KeepBackup, LoadError, from_text, load_remembering, save, save_with, to_text};

fn demo(members: usize) -> Ledger {
    crate::demo::demo_ledger(members, crate::model::Date::constant(2026, 11, 24))
}

/// The body of a file's text (after the comment and header lines).
fn body_of(text: &str) -> &str {
    let mut lines = text.splitn(3, '\n');
    lines.nth(2).expect("a file has a comment, a header and a body")
}

#[test]
fn the_body_is_cut_into_every_part_in_order_and_parsed_to_the_same_records() {
    for ledger in [Ledger::default(), small_ledger(), big_ledger(), demo(12)] {
        let body = whole_body(&ledger);
        let layout = crate::store::open::layout(body.as_bytes()).expect("our own layout is found");
        let parsed = crate::store::open::parse(&layout, || true).expect("every part parses");
        assert_eq!(parsed, ledger);
        assert_eq!(parsed.analyses.len(), ledger.analyses.len());
        assert_eq!(parsed.talks.len(), ledger.talks.len());
        let ids: Vec<_> = parsed.analyses.iter().map(|a| a.member).collect();
        let expected: Vec<_> = ledger.analyses.iter().map(|a| a.member).collect();
        assert_eq!(ids, expected, "analyses in their order");
    }
}

#[test]
fn nothing_parsed_is_given_back_when_the_checksum_does_not_match() {
    let body = whole_body(&demo(4));
    let layout = crate::store::open::layout(body.as_bytes()).unwrap();
    assert!(crate::store::open::parse(&layout, || false).is_none());
}

#[test]
fn a_changed_character_in_one_part_is_still_a_checksum_error() {
    let ledger = demo(6);
    let text = to_text(&ledger, 1).unwrap();
    // One member's name, as many characters but others.
    let first = format!("name: \"{}\"", ledger.members[3].name);
    let changed_text = format!("name: \"{}\"", "某".repeat(ledger.members[3].name.chars().count()));
    assert_ne!(first, changed_text);
    let changed = text.replacen(&first, &changed_text, 1);
    assert_ne!(changed, text);
    let err = from_text(&changed, &fake_path()).unwrap_err();
    assert!(matches!(err, LoadError::ChecksumMismatch { .. }), "{err:?}");
    assert!(from_text(&text, &fake_path()).is_ok());
}

#[test]
fn a_damaged_part_is_refused_with_the_place_the_slow_reader_gives() {
    let body = whole_body(&demo(6));
    // A talk card's field broken, the checksum made to match.
    let broken = body.replacen("topic: \"", "topic: 17\"", 1);
    assert_ne!(broken, body);
    let file = file_with_body(1, &broken);
    let err = from_text(&file, &fake_path()).unwrap_err();
    let slow = crate::store::format::parse_slowly(file.as_bytes(), &fake_path(), Verify::Checksum);
    assert!(matches!(err, LoadError::BadBody { .. }), "{err:?}");
    assert_eq!(err.to_string(), slow.unwrap_err().to_string());

    // Not UTF-8 inside one part.
    let mut bytes = file_with_body(1, &body).into_bytes();
    let at = bytes.len() - body.len() / 2;
    bytes[at] = 0xFF;
    let err = parse(&bytes, &fake_path(), Verify::Checksum).unwrap_err();
    assert!(
        matches!(err, LoadError::ChecksumMismatch { .. } | LoadError::BadBody { .. }),
        "{err:?}"
    );
}

#[test]
fn a_body_not_laid_out_as_ours_is_still_read_the_slow_way() {
    let ledger = small_ledger();
    let compact = ron::to_string(&ledger).unwrap();
    assert!(crate::store::open::layout(format!("{compact}\n").as_bytes()).is_none());
    let loaded = from_text(&file_with_body(1, &compact), &fake_path()).unwrap();
    assert_eq!(loaded.ledger, ledger);
}

#[test]
fn the_first_save_after_opening_writes_only_the_part_an_edit_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let ledger = demo(8);
    let saved = save(&path, &ledger, None).unwrap();
    let (loaded, mut memory) = load_remembering(&path).unwrap();
    assert_eq!(loaded.ledger, ledger);
    assert_eq!(loaded.header, saved.header);

    let mut edited = loaded.ledger.clone();
    edited.analyses[2].revisions[0]
        .text
        .push_str("补充：联系群众不够紧密。");
    let again = save_with(&path, &edited, Some(&loaded.header), &mut memory, KeepBackup::No).unwrap();
    assert_eq!(memory.pieces.fresh_in_last_save(), 1);
    // Byte for byte what a save that remembers nothing writes.
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert_eq!(body_of(&on_disk), whole_body(&edited));
    assert_eq!(crate::store::load(&path).unwrap().ledger, edited);
    assert_eq!(again.header.counter, saved.header.counter + 1);
}

#[test]
fn a_file_changed_after_opening_is_not_overwritten_by_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let ledger = small_ledger();
    save(&path, &ledger, None).unwrap();
    let (loaded, mut memory) = load_remembering(&path).unwrap();
    // Another program saves over it meanwhile.
    let mut other = ledger.clone();
    other.branch.name.push_str("（另一份）");
    replace_with_save(&path, &other, &loaded.header);
    let err = save_with(&path, &ledger, Some(&loaded.header), &mut memory, KeepBackup::No).unwrap_err();
    assert!(matches!(err, crate::store::SaveError::ChangedOnDisk { .. }), "{err:?}");
}

fn replace_with_save(path: &Path, ledger: &Ledger, seen: &crate::store::Header) {
    save(path, ledger, Some(seen)).unwrap();
}
