//! Tests of the demo moved around a chosen day: the same story, every date
//! moved by the same number of days, valid on the new today, with today in
//! the stage shown.

use super::{Chapter, STALE_AFTER_DAYS, around, is_stale, iso_date_at, move_dates, shifted};
use crate::demo::tests::{assert_nothing_after, assert_roster_valid};
use crate::demo::{DEFAULT_MEMBERS, add_days, days_between};
use crate::model::campaign::Period;
use crate::model::{Date, Ledger, Stage};

const CHAPTERS: [Chapter; 2] = [Chapter::Appraisal, Chapter::Rectification];

/// Days the tests move the story to: an ordinary one, a leap day, the
/// first of March after one, New Year's Eve.
const TODAYS: [Date; 4] = [
    Date::constant(2026, 11, 24),
    Date::constant(2028, 2, 29),
    Date::constant(2029, 3, 1),
    Date::constant(2030, 12, 31),
];

fn ron_text(ledger: &Ledger) -> String {
    ron::to_string(ledger).expect("serialise")
}

/// Every ISO date in `text`, in order.
fn dates_in(text: &str) -> Vec<Date> {
    let bytes = text.as_bytes();
    (0..bytes.len()).filter_map(|i| iso_date_at(bytes, i)).collect()
}

/// `text` with its ISO dates left out.
fn without_dates(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if iso_date_at(bytes, i).is_some() {
            i += 10;
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Runs of digits in `text` that begin with 2005 or 2006 and are 4 long (a
/// year) or 8 (a compact date): a year of the story written some other way
/// than an ISO date, which the move would leave behind.
fn bare_story_years(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if (run.len() == 4 || run.len() == 8) && (run.starts_with("2005") || run.starts_with("2006")) {
                found.push(run.clone());
            }
            run.clear();
        }
    }
    found
}

#[test]
fn moved_by_no_days_the_demo_is_the_historical_one() {
    for chapter in CHAPTERS {
        let moved = around(DEFAULT_MEMBERS, chapter, chapter.last_day()).expect("demo");
        assert_eq!(moved, chapter.historical(DEFAULT_MEMBERS), "{chapter:?}");
    }
}

#[test]
fn every_date_moves_by_the_same_number_of_days() {
    for (chapter, today) in CHAPTERS.into_iter().flat_map(|c| TODAYS.map(|t| (c, t))) {
        let historical = ron_text(&chapter.historical(60));
        let moved = ron_text(&around(60, chapter, today).expect("demo"));
        let days = days_between(chapter.last_day(), today);
        let before = dates_in(&historical);
        assert!(before.len() > 1000, "only {} dates", before.len());
        let expected: Vec<Date> = before.iter().map(|d| add_days(*d, days)).collect();
        assert_eq!(dates_in(&moved), expected, "{chapter:?}");
        // With the ISO dates left out, nothing names a year of the story.
        assert_eq!(
            bare_story_years(&without_dates(&moved)),
            Vec::<String>::new(),
            "{chapter:?}"
        );
    }
}

#[test]
fn the_story_names_no_year_but_in_its_dates() {
    for chapter in CHAPTERS {
        let text = ron_text(&chapter.historical(DEFAULT_MEMBERS));
        assert_eq!(
            bare_story_years(&without_dates(&text)),
            Vec::<String>::new(),
            "{chapter:?}"
        );
        assert!(text.contains("2006-03-06 支委会评定后"), "the prose carries ISO dates");
    }
}

#[test]
fn the_moved_demo_passes_the_roster_checks_and_holds_no_record_from_the_future() {
    for chapter in CHAPTERS {
        // A large branch once (it has every kind of member many times over).
        let cases = TODAYS.map(|today| (DEFAULT_MEMBERS, today));
        for (members, today) in cases.into_iter().chain([(600, TODAYS[1])]) {
            let l = around(members, chapter, today).expect("demo");
            assert_eq!(l.members.len(), members);
            assert_roster_valid(&l, today);
            assert_nothing_after(&l, today);
        }
    }
}

#[test]
fn today_falls_in_the_stage_the_demo_shows() {
    let inside = |period: &Period, today: Date| {
        period.start.is_some_and(|s| s <= today) && period.end.is_some_and(|e| today <= e)
    };
    for today in TODAYS {
        let l = around(DEFAULT_MEMBERS, Chapter::Appraisal, today).expect("demo");
        assert_eq!(l.campaign.stage, Stage::Appraisal);
        assert!(
            inside(&l.campaign.plan.appraisal, today),
            "{today}: {:?}",
            l.campaign.plan
        );
        let l = around(DEFAULT_MEMBERS, Chapter::Rectification, today).expect("demo");
        assert_eq!(l.campaign.stage, Stage::Rectification);
        assert!(
            inside(&l.campaign.plan.rectification, today),
            "{today}: {:?}",
            l.campaign.plan
        );
    }
}

#[test]
fn identity_numbers_carry_the_moved_birth_dates() {
    let historical = Chapter::Appraisal.historical(DEFAULT_MEMBERS);
    let moved = shifted(&historical, 7_000).expect("moved");
    let mut checked = 0;
    for (before, after) in historical.members.iter().zip(moved.members.iter()) {
        if before.id_number.is_empty() {
            assert!(after.id_number.is_empty());
            continue;
        }
        let birth = after.birth.expect("birth").strftime("%Y%m%d").to_string();
        assert_eq!(&after.id_number[6..14], birth, "{}", after.name);
        assert_eq!(after.id_number[..6], before.id_number[..6], "the area stays");
        assert_eq!(after.id_number[14..17], before.id_number[14..17], "the serial stays");
        checked += 1;
    }
    assert!(checked > DEFAULT_MEMBERS / 2);
}

#[test]
fn dates_move_wherever_they_are_written_and_other_numbers_stay() {
    let text = r#"(date:"2006-03-10",note:"2006-03-06 支委会评定后",at:"2006-03-10T08:30:00",phone:"0538-3221506",id:"370983195003021234",long:"12006-03-101")"#;
    assert_eq!(
        move_dates(text, 1),
        r#"(date:"2006-03-11",note:"2006-03-07 支委会评定后",at:"2006-03-11T08:30:00",phone:"0538-3221506",id:"370983195003021234",long:"12006-03-101")"#
    );
    // Not a date: left as it was, not refused.
    assert_eq!(move_dates(r#""2006-02-30""#, 1), r#""2006-02-30""#);
    assert_eq!(move_dates("2028-02-28", 1), "2028-02-29");
    assert_eq!(move_dates("2028-02-29", -365), "2027-03-01");
}

#[test]
fn a_demo_made_today_is_fresh_and_one_long_past_its_plan_is_stale() {
    for today in TODAYS {
        let demo = around(DEFAULT_MEMBERS, Chapter::Appraisal, today).expect("moved");
        assert!(!is_stale(&demo, today), "made {today}");
        let plan_end = demo.campaign.plan.rectification.end.expect("planned");
        assert!(
            !is_stale(&demo, add_days(plan_end, STALE_AFTER_DAYS)),
            "a month past its end is kept"
        );
        assert!(is_stale(&demo, add_days(plan_end, STALE_AFTER_DAYS + 1)));
    }
    let historical = Chapter::Appraisal.historical(DEFAULT_MEMBERS);
    assert!(
        is_stale(&historical, TODAYS[0]),
        "a demo of an older version, set in 2005–2006"
    );
    let mut unplanned = historical;
    unplanned.campaign.plan.learning = Period::default();
    unplanned.campaign.plan.appraisal = Period::default();
    unplanned.campaign.plan.rectification = Period::default();
    assert!(!is_stale(&unplanned, TODAYS[0]), "no plan: nothing to judge by");
}

#[test]
fn every_branch_of_the_demo_county_has_its_own_name_town_and_figures() {
    use std::collections::HashSet;
    let mut places = HashSet::new();
    for number in 0..crate::demo::COUNTY_BRANCHES {
        let n = number as usize;
        let village = super::VILLAGES[n % super::VILLAGES.len()];
        let town = super::TOWNS[(n / 6 + n / super::VILLAGES.len()) % super::TOWNS.len()];
        assert!(
            places.insert((village, town)),
            "number {number} repeats {village} {town}"
        );
    }
    let today = TODAYS[0];
    let first = super::around_in_county(12, Chapter::Appraisal, today, 0)
        .expect("in range")
        .expect("moved");
    assert_eq!(
        first,
        around(12, Chapter::Appraisal, today).expect("moved"),
        "number 0 is the demo branch"
    );
    let other = super::around_in_county(12, Chapter::Appraisal, today, 7)
        .expect("in range")
        .expect("moved");
    assert_eq!(other.branch.name, "中共南湖村支部委员会");
    assert_eq!(other.branch.superior, "中共石门镇委员会");
    assert_ne!(
        other.members.iter().map(|m| &m.name).collect::<Vec<_>>(),
        first.members.iter().map(|m| &m.name).collect::<Vec<_>>(),
        "other people"
    );
    assert_roster_valid(&other, today);
    assert_nothing_after(&other, today);
    for number in [1, 29, 30, 149] {
        for chapter in CHAPTERS {
            let l = super::around_in_county(40, chapter, today, number)
                .expect("in range")
                .expect("moved");
            assert_roster_valid(&l, today);
            for round in &l.appraisal.rounds {
                crate::model::appraisal_rules::check_round(round, &l).expect("every branch's round adds up");
            }
        }
    }
    assert!(super::around_in_county(12, Chapter::Appraisal, today, crate::demo::COUNTY_BRANCHES).is_none());
}
