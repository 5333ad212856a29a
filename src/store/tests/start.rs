//! Telling a ledger from another file by its first bytes
//! ([`judge_start`], before the lock is taken) agrees with loading the
//! whole file: whatever the start refuses, the whole load refuses in the
//! same words, and of a whole file exactly the empty and the foreign ones
//! are refused.

use super::{Rng, fake_path, small_ledger};
use crate::store::format::{Verify, judge_start, parse};
use crate::store::{LoadError, to_text};

/// Ledgers, damaged ledgers of ours, foreign and empty files.
fn samples() -> Vec<Vec<u8>> {
    let good = to_text(&small_ledger(), 3).unwrap();
    let mut samples: Vec<Vec<u8>> = vec![
        good.clone().into_bytes(),
        format!("\u{feff}{good}").into_bytes(),
        good.replace('\n', "\r\n").into_bytes(),
        format!("\n\n// 备注\n{good}").into_bytes(),
        good.lines().skip(1).collect::<Vec<_>>().join("\n").into_bytes(),
        b"// \xE6\x94\xAF\xE9\x83\xA8\xE5\x8F\xB0\xE8\xB4\xA6 zhibu\n\xFF\xFE\n".to_vec(),
        "// 支部台账 zhibu\n(formot:1)\n".as_bytes().to_vec(),
        " ( format : 1 )\n()\n".as_bytes().to_vec(),
        r#"{"branch": {"name": "一支部"}, "members": []}"#.as_bytes().to_vec(),
        "党员名册\n张三\t男\n".as_bytes().to_vec(),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec(),
        b"(branch: (name: \"a ron file of another program\"))\n".to_vec(),
        b"// just a comment\n// and another\n".to_vec(),
        b"/".to_vec(),
        b"(form".to_vec(),
        "支".as_bytes().to_vec(),
        b"\xEF\xBB\xBF  \n".to_vec(),
        Vec::new(),
    ];
    let mut rng = Rng(0x2026_1124_0000_0021);
    for _ in 0..200 {
        let len = 1 + rng.below(80);
        samples.push((0..len).map(|_| rng.next() as u8).collect());
    }
    samples
}

#[test]
fn what_the_start_of_a_file_refuses_the_whole_load_refuses_in_the_same_words() {
    let path = fake_path();
    for bytes in samples() {
        let whole = parse(&bytes, &path, Verify::Checksum)
            .map(|_| ())
            .map_err(|e| e.to_string());
        for cut in 0..bytes.len() {
            if let Err(refused) = judge_start(&bytes[..cut], false, &path) {
                assert_eq!(Err(refused.to_string()), whole, "{bytes:?} cut at {cut}");
            }
        }
    }
}

#[test]
fn of_a_whole_file_exactly_the_empty_and_the_foreign_ones_are_refused() {
    let path = fake_path();
    let mut refused = 0;
    for bytes in samples() {
        let loaded = parse(&bytes, &path, Verify::Checksum);
        let judged = judge_start(&bytes, true, &path);
        match loaded {
            Err(e @ (LoadError::Empty { .. } | LoadError::NotLedger { .. })) => {
                assert_eq!(judged.map_err(|j| j.to_string()), Err(e.to_string()), "{bytes:?}");
                refused += 1;
            }
            other => assert!(judged.is_ok(), "{bytes:?}: judged {judged:?}, loaded {other:?}"),
        }
    }
    // The samples hold both kinds.
    assert!(refused > 10, "{refused}");
}
