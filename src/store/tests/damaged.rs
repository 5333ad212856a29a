//! Damaged, foreign and hostile files: loading never panics, says what is
//! wrong, and never changes the file.

use super::{Rng, fake_path, file_with_body, ledger_in, small_ledger};
use crate::store::format::{Verify, parse};
use crate::store::{LoadError, load, to_text};

fn parse_bytes(bytes: &[u8]) -> Result<crate::store::Loaded, LoadError> {
    parse(bytes, &fake_path(), Verify::Checksum)
}

#[test]
fn a_file_cut_short_anywhere_is_an_error_never_a_panic() {
    let text = to_text(&small_ledger(), 3).unwrap();
    let bytes = text.as_bytes();
    for len in 0..bytes.len() {
        let err = parse_bytes(&bytes[..len]).expect_err("a cut file must not load");
        let expected = matches!(
            err,
            LoadError::Empty { .. }
                | LoadError::NotLedger { .. }
                | LoadError::BadHeader { .. }
                | LoadError::ChecksumMismatch { .. }
                | LoadError::BadBody { .. }
        );
        assert!(expected, "cut at {len}: {err:?}");
        // Also when the last byte is what an interrupted write leaves.
        let mut zero_tail = bytes[..len].to_vec();
        zero_tail.extend(std::iter::repeat_n(0u8, 16));
        assert!(parse_bytes(&zero_tail).is_err(), "cut at {len} + zeros");
    }
    assert!(parse_bytes(bytes).is_ok());
}

#[test]
fn random_bytes_and_random_damage_never_panic_nor_load_wrong_records() {
    let ledger = small_ledger();
    let good = to_text(&ledger, 3).unwrap().into_bytes();
    let mut rng = Rng(0x2005_0301_dead_beef);
    for round in 0..3000 {
        let bytes: Vec<u8> = if round % 2 == 0 {
            let len = rng.below(600);
            (0..len).map(|_| rng.next() as u8).collect()
        } else {
            let mut damaged = good.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(damaged.len());
                damaged[at] = rng.next() as u8;
            }
            damaged
        };
        // Damage to the comment or to the header's time and program
        // version may leave the records intact; then they must be exact.
        if let Ok(loaded) = parse_bytes(&bytes) {
            assert_eq!(loaded.ledger, ledger, "round {round} loaded something else");
        }
    }
}

#[test]
fn empty_and_blank_files_are_empty() {
    for bytes in [&b""[..], b"   \n\r\n\t", b"\xEF\xBB\xBF", b"\xEF\xBB\xBF\n"] {
        assert!(matches!(parse_bytes(bytes), Err(LoadError::Empty { .. })), "{bytes:?}");
    }
    let err = parse_bytes(b"").unwrap_err();
    assert_eq!(err.to_string(), "台账文件是空的，没有任何内容（/home/a/支部台账.ron）");
}

#[test]
fn foreign_files_are_not_ledgers() {
    let foreign: [&[u8]; 7] = [
        r#"{"branch": {"name": "一支部"}, "members": []}"#.as_bytes(),
        "党员名册\n张三\t男\n李四\t女\n".as_bytes(),
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        &[0u8; 4096],
        b"(branch: (name: \"a ron file of another program\"))\n",
        b"// just a comment\n// and another\n",
    ];
    for bytes in foreign {
        let err = parse_bytes(bytes).unwrap_err();
        assert!(matches!(err, LoadError::NotLedger { .. }), "{bytes:?}: {err:?}");
        assert!(err.to_string().starts_with("这不是支部台账文件"));
    }
}

#[test]
fn a_damaged_header_of_ours_is_a_header_error() {
    for text in [
        "// 支部台账 zhibu\n",
        "// 支部台账 zhibu\n(format:1,program:\"0.1.0\",saved_at:\"yesterday\",counter:1,checksum:\"\")\n()\n",
        "// 支部台账 zhibu\n(format:1,program:\"0.1.0\"\n()\n",
        "(format:\"one\")\n()\n",
        "(format:1)\n()\n",
        "// 支部台账 zhibu\n\u{0}\u{0}\u{0}\n",
    ] {
        let err = parse_bytes(text.as_bytes()).unwrap_err();
        assert!(matches!(err, LoadError::BadHeader { .. }), "{text:?}: {err:?}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let bodies = [
        format!("{}{}\n", "[".repeat(depth), "]".repeat(depth)),
        format!("(members: {}{})\n", "[".repeat(depth), "]".repeat(depth)),
        format!("(unknown_field: {}{})\n", "(".repeat(depth), ")".repeat(depth)),
        format!("(unknown_field: {}1{})\n", "Some(".repeat(depth), ")".repeat(depth)),
        format!("(unknown_field: {}\n", "{".repeat(depth)),
    ];
    let files: Vec<String> = bodies.iter().map(|b| file_with_body(1, b)).collect();
    // 1 MiB: the stack of a Windows main thread, the smallest we run on.
    let worker = std::thread::Builder::new().stack_size(1 << 20).spawn(move || {
        files
            .iter()
            .map(|f| parse_bytes(f.as_bytes()).is_err())
            .collect::<Vec<bool>>()
    });
    let all_refused = worker.unwrap().join().expect("no stack overflow or panic");
    assert_eq!(all_refused, vec![true; bodies.len()]);
}

#[test]
fn loading_a_bad_file_leaves_it_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    let good = to_text(&small_ledger(), 3).unwrap();
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        vec![0; 1000],
        good.as_bytes()[..good.len() / 2].to_vec(),
        good.replacen("张三", "张四", 1).into_bytes(),
        file_with_body(9, "()").into_bytes(),
        b"{\"json\": true}".to_vec(),
    ];
    for bytes in cases {
        std::fs::write(&path, &bytes).unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.to_string().ends_with(&format!("（{}）", path.display())), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
}

#[test]
fn missing_and_unreadable_files_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(dir.path());
    assert!(matches!(load(&path), Err(LoadError::NotFound { .. })));
    std::fs::create_dir(&path).unwrap();
    let err = load(&path).unwrap_err();
    assert!(matches!(err, LoadError::Unreadable { .. }), "{err:?}");
    assert!(err.to_string().starts_with("无法读取台账文件："), "{err}");
}
