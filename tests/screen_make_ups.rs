//! The learning screen's 补学 tab alone (`learning_ui` through the
//! one-screen harness): its list on the shared record list — newest first,
//! every heading sorts (所补场次 too, by the sessions covered), and the
//! empty list says whether there are no make-ups or the search hides them.

mod common;

use common::screen::{Learning, learning_tab, tops};
use common::{click, label_with, running_now, small_ledger, type_into};
use zhibu::model::study::{Attendance, MakeUp, Session};
use zhibu::model::{Date, Ledger, MakeUpId, SessionId, Stage};
use zhibu::ui::screens::learning::LearningTab;

/// Three members in 学习动员 (2026-09-01 to 2026-10-15); the first missed
/// the sessions of 09-05 and 09-20.
fn ledger() -> Ledger {
    let mut ledger = small_ledger(3);
    running_now(&mut ledger, Stage::Learning);
    let absent = ledger.members[0].id;
    for day in [5, 20] {
        let id = SessionId(ledger.next_id());
        ledger.study.sessions.push(
            Session {
                id,
                date: Date::constant(2026, 9, day),
                hours: 2.0,
                topic: format!("9月{day}日的学习"),
                attendance: [(absent, Attendance::Absent)].into(),
                ..Session::default()
            }
            .into(),
        );
    }
    ledger
}

/// A make-up by the first member on October `day`, covering the session of
/// September `covers`.
fn make_up(ledger: &mut Ledger, day: i8, covers: i8) {
    let id = MakeUpId(ledger.next_id());
    let session = ledger
        .study
        .sessions
        .iter()
        .find(|s| s.date == Date::constant(2026, 9, covers))
        .map(|s| s.id)
        .expect("a session that day");
    ledger.study.make_ups.push(MakeUp {
        id,
        member: ledger.members[0].id,
        date: Date::constant(2026, 10, day),
        hours: 2.0,
        covers: vec![session],
        ..MakeUp::default()
    });
}

/// The learning screen open at its tab.
fn make_ups_tab(ledger: Ledger) -> Learning {
    learning_tab(ledger, LearningTab::MakeUps)
}

#[test]
fn make_ups_are_newest_first_and_sort_by_the_sessions_they_cover_when_that_heading_is_clicked() {
    let mut ledger = ledger();
    // The newer make-up covers the older session.
    make_up(&mut ledger, 5, 5);
    make_up(&mut ledger, 1, 20);
    let mut harness = make_ups_tab(ledger);
    let [covers_5th, covers_20th] = tops(&harness, &["09-05", "09-20"])[..] else {
        unreachable!()
    };
    assert!(covers_5th < covers_20th, "the make-up of 10-05 first");

    click(&mut harness, "所补场次");
    let [covers_5th, covers_20th] = tops(&harness, &["09-05", "09-20"])[..] else {
        unreachable!()
    };
    assert!(covers_5th < covers_20th, "by the session covered, not by date");
    click(&mut harness, "所补场次 ▲");
    let [covers_5th, covers_20th] = tops(&harness, &["09-05", "09-20"])[..] else {
        unreachable!()
    };
    assert!(covers_20th < covers_5th, "a second click turns the order round");
}

#[test]
fn a_search_that_hides_every_make_up_says_none_matches_and_an_empty_list_says_how_to_record_one() {
    let mut harness = make_ups_tab(ledger());
    assert!(label_with(
        &harness,
        "没有补学记录。缺课的党员可在考勤页或“学时统计”里点“登记补学”。"
    ));

    let mut ledger = ledger();
    make_up(&mut ledger, 5, 5);
    harness = make_ups_tab(ledger);
    type_into(&mut harness, "查找", "没有这个人");
    assert!(label_with(&harness, "没有符合条件的补学记录。"));
    assert!(!label_with(&harness, "没有补学记录。"));
}
