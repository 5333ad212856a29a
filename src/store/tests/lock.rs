//! The lock's note without a disk: written and read back for a window, the
//! command line and another computer, read tolerantly (old notes, foreign
//! text), and the sentences that name the holder.

use jiff::civil::{Date, date};

use crate::store::error::held_words;
use crate::store::lock::Note;
use crate::store::{Holder, Place, User};

fn note(user: User, computer: &str) -> Note {
    Note {
        user,
        computer: Some(computer.to_owned()),
        pid: Some(1234),
        since: Some(date(2025, 12, 1).at(23, 5, 7, 0)),
    }
}

fn today() -> Date {
    date(2025, 12, 3)
}

#[test]
fn a_note_reads_back_as_written_for_a_window_and_the_command_line() {
    for user in [User::Window, User::CommandLine] {
        let written = note(user, "OFFICE-PC");
        let text = written.render();
        assert_eq!(Note::parse(&text), Some(written), "{text}");
        assert!(text.lines().all(|l| !l.is_ascii()), "Chinese lines: {text}");
    }
    let text = note(User::CommandLine, "OFFICE-PC").render();
    assert!(
        text.contains("使用者：命令行\n电脑：OFFICE-PC\n进程：1234\n开始：2025-12-01 23:05:07\n"),
        "{text}"
    );
}

#[test]
fn the_holder_is_on_this_computer_when_the_names_agree_in_any_case() {
    let holder = Holder::from_note(note(User::Window, "office-pc"), Some("OFFICE-PC"));
    assert_eq!(holder.place, Place::ThisComputer);
    assert_eq!(holder.pid, Some(1234));
    let holder = Holder::from_note(note(User::Window, "HOME-PC"), Some("OFFICE-PC"));
    assert_eq!(holder.place, Place::Other("HOME-PC".to_owned()));
    let holder = Holder::from_note(note(User::Window, "HOME-PC"), None);
    assert_eq!(holder.place, Place::Unknown);
    let mut nameless = note(User::Window, "");
    nameless.computer = None;
    assert_eq!(Holder::from_note(nameless, Some("OFFICE-PC")).place, Place::Unknown);
}

#[test]
fn old_notes_and_garbage_leave_the_holder_unknown() {
    for text in [
        "",
        "进程 1234 自 2025-12-01T23:05:00 起使用此台账\n",
        "使用者：外星人\n电脑：X\n",
        "\u{0}\u{1}二进制垃圾\u{fffd}",
        "电脑：OFFICE-PC\n进程：1234\n",
    ] {
        assert_eq!(Note::parse(text), None, "{text:?}");
    }
}

#[test]
fn a_damaged_field_is_left_out_and_the_rest_is_kept() {
    let text = "随便什么标题\r\n使用者: 命令行 \r\n电脑：\u{7}PC-1\r\n进程：很多\r\n开始：昨天\r\n使用者：窗口\r\n";
    let parsed = Note::parse(text).unwrap();
    assert_eq!(parsed.user, User::CommandLine, "the first line of a key counts");
    assert_eq!(parsed.computer.as_deref(), Some("PC-1"));
    assert_eq!(parsed.pid, None);
    assert_eq!(parsed.since, None);
    let long = format!("使用者：窗口\n电脑：{}\n", "长".repeat(500));
    assert_eq!(Note::parse(&long).unwrap().computer.unwrap().chars().count(), 63);
}

#[test]
fn the_message_names_the_holder() {
    let here = |user| Holder::from_note(note(user, "OFFICE-PC"), Some("OFFICE-PC"));
    assert_eq!(
        held_words(Some(&here(User::Window)), today()),
        "本电脑上另一个窗口（支部台账，进程 1234）自 12月1日 23:05 起一直在使用此台账"
    );
    assert_eq!(
        held_words(Some(&here(User::CommandLine)), date(2025, 12, 1)),
        "本电脑上的命令行（zhibu，进程 1234）自今天 23:05 起一直在使用此台账"
    );
    let there = |user| Holder::from_note(note(user, "OFFICE-PC"), Some("HOME-PC"));
    assert_eq!(
        held_words(Some(&there(User::Window)), date(2026, 1, 2)),
        "另一台电脑（OFFICE-PC）上的支部台账窗口自 2025年12月1日 23:05 起一直在使用此台账（台账在共享文件夹中）"
    );
    assert_eq!(
        held_words(Some(&there(User::CommandLine)), today()),
        "另一台电脑（OFFICE-PC）上的命令行（zhibu）自 12月1日 23:05 起一直在使用此台账（台账在共享文件夹中）"
    );
    let mut bare = Holder::from_note(note(User::Window, "X"), None);
    bare.since = None;
    assert_eq!(held_words(Some(&bare), today()), "另一个窗口（支部台账）正在使用此台账");
    assert_eq!(held_words(None, today()), "另一个窗口正在使用此台账");
}

#[cfg(target_os = "linux")]
#[test]
fn this_computer_has_a_name_on_linux() {
    let name = crate::store::lock::computer_name().unwrap();
    assert!(!name.is_empty() && !name.contains('\n'), "{name:?}");
}
