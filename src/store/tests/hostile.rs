//! Hostile input, property style with the seeded [`Rng`]: random ledgers
//! full of awkward text come back unchanged through the disk, and files a
//! ledger never looks like (huge, zero-filled, another program's, a newer
//! format) are refused with a clear Chinese message, left byte for byte,
//! and the newest good backup is offered instead.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{Rng, ledger_in, small_ledger};
use crate::model::study::Session;
use crate::model::{Ledger, Member, MemberId, SessionId};
use crate::store::{LoadError, from_text, load, newest_good_backup, save, to_text};

/// Pieces random text is made of: what escaping, UTF-8 handling or line
/// ends could get wrong.
const PIECES: &[&str] = &[
    "党支部",
    "学习",
    "😀",
    "🇨🇳",
    "👨‍👩‍👧",
    "\"",
    "'",
    "\\",
    "\\n",
    "\\u{0}",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{feff}",
    "\u{200b}",
    "\u{202e}",
    "r#\"",
    "\"#",
    "##",
    "//",
    "/*",
    "*/",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    " ",
    "a",
    "Z",
    "9",
    "ǅ",
    "ß",
    "\u{10ffff}",
    "\u{fffd}",
];

/// Random text of up to `max` pieces; now and then 100,000 characters.
fn text(rng: &mut Rng, max: usize) -> String {
    if rng.below(40) == 0 {
        let unit = PIECES[rng.below(PIECES.len())];
        return unit.chars().cycle().take(100_000).collect();
    }
    (0..rng.below(max + 1))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect()
}

/// A random ledger; collections are often empty.
fn random_ledger(rng: &mut Rng) -> Ledger {
    let mut ledger = Ledger::default();
    ledger.branch.name = text(rng, 12);
    ledger.branch.secretary = text(rng, 4);
    ledger.branch.superior = text(rng, 20);
    ledger.campaign.name = text(rng, 6);
    for _ in 0..rng.below(6) {
        let id = MemberId(ledger.next_id());
        ledger.members.push(Member {
            id,
            name: text(rng, 4),
            notes: text(rng, 30),
            phone: text(rng, 3),
            ethnicity: text(rng, 2),
            ..Member::default()
        });
    }
    for _ in 0..rng.below(3) {
        let id = SessionId(ledger.next_id());
        ledger.study.sessions.push(
            Session {
                id,
                topic: text(rng, 10),
                ..Session::default()
            }
            .into(),
        );
    }
    ledger
}

#[test]
fn random_ledgers_come_back_unchanged() {
    const CASES: u64 = 300;
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for case in 0..CASES {
        let ledger = random_ledger(&mut rng);
        let text = to_text(&ledger, case + 1).unwrap_or_else(|e| panic!("case {case}: {e}"));
        let loaded = from_text(&text, Path::new("")).unwrap_or_else(|e| panic!("case {case}: {e}"));
        assert!(loaded.ledger == ledger, "case {case} came back changed");
    }
}

#[test]
fn random_ledgers_survive_the_disk() {
    let mut rng = Rng(0x5eed_1234_abcd_0002);
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let mut header = None;
    for case in 0..30 {
        let ledger = random_ledger(&mut rng);
        let saved = save(&path, &ledger, header.as_ref()).unwrap_or_else(|e| panic!("case {case}: {e}"));
        let loaded = load(&path).unwrap_or_else(|e| panic!("case {case}: {e}"));
        assert!(loaded.ledger == ledger, "case {case} came back changed");
        header = Some(saved.header);
    }
}

/// A good ledger with a backup, then `content` written over the main file.
/// Loading must fail with a Chinese message ending in the path, leave the
/// file as it is, and the good backup must be offered.
fn refused(name: &str, write: impl FnOnce(&Path)) -> LoadError {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    save(&path, &small_ledger(), None).unwrap();
    write(&path);
    let before_len = std::fs::metadata(&path).unwrap().len();
    let before = (before_len < 1 << 20).then(|| std::fs::read(&path).unwrap());
    let started = Instant::now();
    let err = load(&path).expect_err(name);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{name} took {:?}",
        started.elapsed()
    );
    let message = err.to_string();
    let first = message.chars().next().unwrap();
    assert!(('\u{4e00}'..='\u{9fff}').contains(&first), "{name}: {message}");
    assert!(
        message.ends_with(&format!("（{}）", path.display())),
        "{name}: {message}"
    );
    assert_eq!(std::fs::metadata(&path).unwrap().len(), before_len, "{name}");
    if let Some(before) = before {
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name} was changed");
    }
    let good = newest_good_backup(&path).unwrap_or_else(|| panic!("{name}: no backup offered"));
    assert_eq!(good.counter(), Some(1), "{name}");
    assert_eq!(good.verify().unwrap().ledger, small_ledger());
    err
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    // Sparse: 2 GiB long, nothing written. Over the 1 GiB limit, it must be
    // refused from its size, not after reading a gigabyte.
    let err = refused("2 GiB", |path| {
        std::fs::File::create(path).unwrap().set_len(2 << 30).unwrap();
    });
    // Too large, with its size: not "another program's file".
    assert!(
        matches!(err, LoadError::TooLarge { size, limit, .. } if size == 2 << 30 && limit == 1 << 30),
        "{err:?}"
    );
}

#[test]
fn zero_filled_and_foreign_files_are_refused() {
    let cases: [(&str, Vec<u8>); 5] = [
        ("zeros", vec![0; 4096]),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec()),
        (
            "docx",
            b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml".to_vec(),
        ),
        ("bom only", b"\xEF\xBB\xBF".to_vec()),
        ("brackets", vec![b'['; 100_000]),
    ];
    for (name, bytes) in cases {
        refused(name, |path| std::fs::write(path, &bytes).unwrap());
    }
}

#[test]
fn a_newer_format_is_refused_and_kept() {
    let err = refused("format 99", |path| {
        let text = std::fs::read_to_string(path)
            .unwrap()
            .replacen("(format:1,", "(format:99,", 1);
        std::fs::write(path, text).unwrap();
    });
    assert!(matches!(err, LoadError::NewerFormat { format: 99, .. }), "{err:?}");
    assert!(err.to_string().contains("请先升级程序"), "{err}");
}

#[test]
fn a_saved_file_cut_at_every_offset_is_refused_and_the_backup_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    save(&path, &small_ledger(), None).unwrap();
    let whole = std::fs::read(&path).unwrap();
    for cut in 0..whole.len() {
        std::fs::write(&path, &whole[..cut]).unwrap();
        let err = load(&path).expect_err("a cut file");
        assert!(
            err.to_string().ends_with(&format!("（{}）", path.display())),
            "{cut}: {err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), &whole[..cut]);
    }
    assert_eq!(newest_good_backup(&path).unwrap().counter(), Some(1));
}
