//! The file text, without a disk: round trips, what the text looks like,
//! and what is refused before anything is written.

use std::path::Path;

use super::{big_ledger, fake_path, file_with_body, small_ledger};
use crate::model::Ledger;
use crate::store::format::upgrade;
use crate::store::{FORMAT_VERSION, LoadError, Pieces, SaveError, from_text, to_text};

#[test]
fn a_ledger_with_awkward_text_comes_back_equal() {
    for ledger in [Ledger::default(), small_ledger(), big_ledger()] {
        let text = to_text(&ledger, 17).unwrap();
        let loaded = from_text(&text, &fake_path()).unwrap();
        assert_eq!(loaded.ledger, ledger);
        assert_eq!(loaded.header.counter, 17);
        assert_eq!(loaded.header.format, FORMAT_VERSION);
        assert_eq!(loaded.header.program, env!("CARGO_PKG_VERSION"));
        assert_eq!(loaded.upgraded_from, None);
    }
}

#[test]
fn the_file_starts_with_a_comment_and_a_one_line_header() {
    let text = to_text(&small_ledger(), 5).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("// 支部台账 zhibu"));
    let header = lines.next().unwrap();
    assert!(header.starts_with("(format:1,program:\""), "{header}");
    assert!(header.contains(",counter:5,checksum:\"sha256:"), "{header}");
    let saved_at = header.split("saved_at:\"").nth(1).unwrap();
    assert_eq!(saved_at.find('"'), Some(19), "seconds, no fraction: {header}");
    assert!(text.ends_with(")\n"));
}

#[test]
fn chinese_stays_readable_and_controls_are_escaped() {
    let text = to_text(&big_ledger(), 1).unwrap();
    assert!(text.contains("城关镇东街社区党支部"));
    assert!(text.contains("李四 \\\"小李\\\""));
    assert!(text.contains("😀"));
    assert!(text.contains("\\0") && text.contains("\\u{7}") && text.contains("\\t"));
    assert!(
        !text.contains('\r'),
        "no raw carriage return, so CRLF editors are harmless"
    );
    assert!(!text.contains('\0'));
    assert!(text.lines().count() > 50, "pretty-printed, one field a line");
    assert!(text.contains("\n  branch: (\n    name: "), "two-space indentation");
}

#[test]
fn a_number_that_does_not_read_back_refuses_to_save() {
    let mut ledger = small_ledger();
    ledger.campaign.settings.required_hours = f64::NAN;
    let err = to_text(&ledger, 1).unwrap_err();
    assert!(matches!(err, SaveError::NotRereadable { .. }), "{err:?}");
    assert!(err.to_string().starts_with("无法保存：写出的内容无法原样读回"), "{err}");
    assert!(!err.to_string().ends_with("（）"), "no empty path brackets: {err}");
}

#[test]
fn crlf_line_ends_and_a_bom_are_accepted() {
    let ledger = big_ledger();
    let text = to_text(&ledger, 2).unwrap();
    let crlf = text.replace('\n', "\r\n");
    let bom = format!("\u{feff}{text}");
    let both = format!("\u{feff}{crlf}");
    for variant in [crlf, bom, both] {
        let loaded = from_text(&variant, &fake_path()).unwrap();
        assert_eq!(loaded.ledger, ledger);
    }
}

#[test]
fn mixed_line_ends_are_accepted_but_a_lone_carriage_return_is_not() {
    let ledger = small_ledger();
    let text = to_text(&ledger, 2).unwrap();
    let at = text.rfind("\n  ").unwrap();
    let mut mixed = text.clone();
    mixed.insert(at, '\r');
    assert_eq!(from_text(&mixed, &fake_path()).unwrap().ledger, ledger);
    let mut lone = text.clone();
    lone.insert(at + 1, '\r');
    let err = from_text(&lone, &fake_path()).unwrap_err();
    assert!(matches!(err, LoadError::ChecksumMismatch { .. }), "{err:?}");
}

#[test]
fn a_changed_value_is_a_checksum_error() {
    let text = to_text(&small_ledger(), 2).unwrap();
    let changed = text.replacen("张三", "张四", 1);
    let err = from_text(&changed, &fake_path()).unwrap_err();
    assert!(matches!(err, LoadError::ChecksumMismatch { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "台账文件不完整或已被其他程序改动（校验值不符）（/home/a/支部台账.ron）"
    );
    let loaded =
        crate::store::format::parse(changed.as_bytes(), &fake_path(), crate::store::format::Verify::Nothing).unwrap();
    assert_eq!(loaded.ledger.members[0].name, "张四", "can still be opened on request");
}

#[test]
fn a_broken_body_reports_its_line_and_column_in_the_file() {
    let text = to_text(&small_ledger(), 2).unwrap();
    let target = "phone: \"13800000000\",";
    let line = text.lines().position(|l| l.trim() == target).unwrap() + 1;
    let broken = text.replacen(target, "phone: 13800000000x,", 1);
    let err = from_text(&broken, &fake_path()).unwrap_err();
    let LoadError::BadBody { line: got, column, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*got, line, "{err}");
    assert!((5..=28).contains(column), "{err}");
    assert_eq!(
        err.to_string(),
        format!("台账文件已损坏：第 {line} 行第 {column} 列无法读取（/home/a/支部台账.ron）")
    );
    // With a correct checksum (a bug of ours, not damage) the position is
    // reported the same way, counted in the whole file.
    let body = "(\n  last_id: \"x\",\n)\n";
    let err = from_text(&file_with_body(1, body), &fake_path()).unwrap_err();
    assert!(matches!(err, LoadError::BadBody { line: 4, .. }), "{err:?}");
}

#[test]
fn invalid_utf8_in_the_body_reports_its_position() {
    let text = to_text(&small_ledger(), 2).unwrap();
    let mut bytes = text.into_bytes();
    let at = bytes.len() - 10;
    bytes[at] = 0xff;
    let err = crate::store::format::parse(&bytes, &fake_path(), crate::store::format::Verify::Checksum).unwrap_err();
    assert!(matches!(err, LoadError::BadBody { .. }), "{err:?}");
}

#[test]
fn a_newer_format_is_never_read() {
    let text = file_with_body(FORMAT_VERSION + 1, "(anything: [1, 2, 3])\n");
    let err = from_text(&text, &fake_path()).unwrap_err();
    assert!(matches!(err, LoadError::NewerFormat { format, .. } if format == FORMAT_VERSION + 1));
    assert!(err.to_string().contains("较新版本"), "{err}");
    // Even with a header of a shape this program does not know.
    let odd = "(format: 7, zone: \"Asia/Shanghai\", parts: [1, 2])\n()\n";
    assert!(matches!(
        from_text(odd, &fake_path()),
        Err(LoadError::NewerFormat { format: 7, .. })
    ));
}

#[test]
fn a_newer_format_is_read_for_viewing_only_as_far_as_it_is_understood() {
    use crate::store::format::{Verify, parse};
    let ledger = small_ledger();
    let body = to_text(&ledger, 3).unwrap();
    let body = body.split_once("\n").unwrap().1.split_once("\n").unwrap().1;
    // A newer version's file: a field this version does not know.
    let body = body.replacen("(\n", "(\n  future_records: [1, 2],\n", 1);
    let text = file_with_body(FORMAT_VERSION + 1, &body);
    assert!(matches!(
        from_text(&text, &fake_path()),
        Err(LoadError::NewerFormat { .. })
    ));
    let loaded = parse(text.as_bytes(), &fake_path(), Verify::ChecksumOfNewer).unwrap();
    assert_eq!(loaded.ledger, ledger);
    assert_eq!(loaded.header.format, FORMAT_VERSION + 1);
    // The checksum still holds.
    let changed = text.replacen("城关镇", "城西镇", 1);
    assert!(matches!(
        parse(changed.as_bytes(), &fake_path(), Verify::ChecksumOfNewer),
        Err(LoadError::ChecksumMismatch { .. })
    ));
}

#[test]
fn format_zero_is_unknown() {
    let text = file_with_body(0, "()\n");
    let err = from_text(&text, &fake_path()).unwrap_err();
    assert!(matches!(err, LoadError::UnknownFormat { format: 0, .. }), "{err:?}");
    assert!(matches!(
        upgrade(0, "()", Path::new("x")),
        Err(LoadError::UnknownFormat { format: 0, .. })
    ));
}

#[test]
fn the_current_format_needs_no_upgrade() {
    let body = upgrade(FORMAT_VERSION, "()", Path::new("x")).unwrap();
    assert!(matches!(body, std::borrow::Cow::Borrowed("()")));
}

#[test]
fn unknown_fields_in_the_body_are_ignored() {
    let body = "(branch: (name: \"一支部\", future_field: [1, 2]), future: Some(3))\n";
    let loaded = from_text(&file_with_body(1, body), &fake_path()).unwrap();
    assert_eq!(loaded.ledger.branch.name, "一支部");
}

#[test]
fn messages_are_chinese_with_the_path_last() {
    let path = fake_path();
    let cases: Vec<(std::io::ErrorKind, &str)> = vec![
        (
            std::io::ErrorKind::StorageFull,
            "无法保存：磁盘已满（/home/a/支部台账.ron）",
        ),
        (
            std::io::ErrorKind::PermissionDenied,
            "无法保存：没有写入权限（/home/a/支部台账.ron）",
        ),
        (
            std::io::ErrorKind::ReadOnlyFilesystem,
            "无法保存：文件夹是只读的（/home/a/支部台账.ron）",
        ),
        (
            std::io::ErrorKind::ResourceBusy,
            "无法保存：文件正被其他程序占用，请关闭该程序后再试（/home/a/支部台账.ron）",
        ),
    ];
    for (kind, want) in cases {
        assert_eq!(SaveError::from_io(&path, kind.into()).to_string(), want);
    }
    let other = SaveError::from_io(&path, std::io::Error::other("device gone"));
    assert_eq!(
        other.to_string(),
        "无法保存：读写文件时出错（device gone）（/home/a/支部台账.ron）"
    );
    let denied = LoadError::from_io(&path, std::io::ErrorKind::PermissionDenied.into());
    assert_eq!(
        denied.to_string(),
        "无法读取台账文件：没有读取权限（/home/a/支部台账.ron）"
    );
    let missing = LoadError::from_io(&path, std::io::ErrorKind::NotFound.into());
    assert!(matches!(missing, LoadError::NotFound { .. }));
    assert_eq!(missing.path(), path);
}

#[test]
fn big_ledgers_are_written_and_read_in_reasonable_time() {
    let mut ledger = big_ledger();
    for _ in 0..5 {
        let first = ledger.study.reflections[0].clone();
        ledger.study.reflections.push(first);
    }
    let start = std::time::Instant::now();
    let text = to_text(&ledger, 1).unwrap();
    let loaded = from_text(&text, &fake_path()).unwrap();
    assert_eq!(loaded.ledger, ledger);
    // Generous: this only catches something quadratic, not a slow machine.
    assert!(
        start.elapsed().as_secs() < 20,
        "{:?} for {} bytes",
        start.elapsed(),
        text.len()
    );
}

/// The demo branch of `members` members, with every kind of record.
fn demo(members: usize) -> Ledger {
    crate::demo::demo_ledger(members, crate::model::Date::constant(2026, 11, 24))
}

#[test]
fn the_body_written_part_by_part_is_what_ron_writes_for_the_whole_ledger() {
    use crate::store::format::whole_body;
    use crate::store::render::body;
    for ledger in [Ledger::default(), small_ledger(), big_ledger(), demo(8)] {
        let mut pieces = Pieces::default();
        assert_eq!(body(&ledger, &mut pieces).unwrap(), whole_body(&ledger));
        // And again from the remembered parts.
        assert_eq!(body(&ledger, &mut pieces).unwrap(), whole_body(&ledger));
    }
}

#[test]
fn a_save_after_one_edit_writes_only_the_part_it_changed() {
    use crate::store::format::whole_body;
    use crate::store::render::body;
    const ALWAYS: usize = 0; // nothing is written afresh without a change
    let ledger = demo(8);
    let mut pieces = Pieces::default();
    let first = body(&ledger, &mut pieces).unwrap();
    assert!(pieces.fresh_in_last_save() > 30, "{}", pieces.fresh_in_last_save());
    body(&ledger, &mut pieces).unwrap();
    assert_eq!(pieces.fresh_in_last_save(), ALWAYS, "nothing changed");

    // One member's analysis draft, as the editor changes it (the undo
    // step keeps the ledger as it was).
    let before = ledger.clone();
    let mut edited = ledger.clone();
    edited.analyses[2].revisions[0]
        .text
        .push_str("补充：联系群众不够紧密。");
    let second = body(&edited, &mut pieces).unwrap();
    assert_eq!(pieces.fresh_in_last_save(), ALWAYS + 1);
    assert_eq!(second, whole_body(&edited));
    assert!(second.contains("补充：联系群众不够紧密。"));

    // One attendance mark in one session.
    let member = edited.members[0].id;
    let mark = crate::model::study::Attendance::Leave("因病".to_owned());
    edited.study.sessions[1].attendance.insert(member, mark);
    assert_eq!(body(&edited, &mut pieces).unwrap(), whole_body(&edited));
    assert_eq!(pieces.fresh_in_last_save(), ALWAYS + 1);

    // A small part that is not shared: the campaign's name.
    edited.campaign.name.push_str("（第三批）");
    assert_eq!(body(&edited, &mut pieces).unwrap(), whole_body(&edited));
    assert_eq!(pieces.fresh_in_last_save(), 1);

    // Undo back to the start: the analysis and the session as they were
    // are written again (the memory kept only the newest parts).
    assert_eq!(body(&before, &mut pieces).unwrap(), first);
    assert_eq!(pieces.fresh_in_last_save(), ALWAYS + 3);
}
