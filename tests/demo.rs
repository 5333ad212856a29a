//! The demo branch as a newcomer meets it: told around today, so that the
//! first record saved with the default date (today) is accepted and
//! nothing is years overdue; `zhibu demo --today DATE` for a chosen day.

mod common;

use common::{Sandbox, TODAY, on_disk, text, zhibu};
use zhibu::demo::{Chapter, DEFAULT_MEMBERS, around};
use zhibu::edit::{self, AppraisalCommand, Command, StudyCommand};
use zhibu::model::campaign::Period;
use zhibu::model::study::{MakeUp, Reflection};
use zhibu::model::talk::TalkCard;
use zhibu::model::{Date, Ledger, Stage};

fn appraisal_demo() -> Ledger {
    around(DEFAULT_MEMBERS, Chapter::Appraisal, TODAY).expect("demo")
}

fn contains(period: &Period, day: Date) -> bool {
    period.start.is_some_and(|s| s <= day) && period.end.is_some_and(|e| day <= e)
}

#[test]
fn a_reflection_dated_today_is_accepted_in_the_demo() {
    let mut ledger = appraisal_demo();
    let member = ledger.members[4].id;
    let reflection = Reflection {
        member,
        date: TODAY,
        title: "学习党章的体会".to_owned(),
        chars: 1200,
        received: true,
        ..Reflection::default()
    };
    let before = ledger.study.reflections.len();
    edit::apply(&mut ledger, Command::Study(StudyCommand::AddReflection(reflection))).expect("accepted");
    assert_eq!(ledger.study.reflections.len(), before + 1);
}

#[test]
fn a_make_up_dated_today_is_accepted_in_the_demo() {
    let mut ledger = appraisal_demo();
    // A session someone missed and has not made up yet.
    let covered: Vec<_> = ledger
        .study
        .make_ups
        .iter()
        .flat_map(|m| m.covers.iter().map(move |s| (m.member, *s)))
        .collect();
    let (member, session) = ledger
        .study
        .sessions
        .iter()
        .flat_map(|s| s.attendance.iter().map(move |(m, a)| (*m, s.id, a.missed())))
        .find(|&(m, s, missed)| missed && !covered.contains(&(m, s)))
        .map(|(m, s, _)| (m, s))
        .expect("a missed session not made up");
    let make_up = MakeUp {
        member,
        date: TODAY,
        hours: 2.0,
        delivered_by: ledger.branch.secretary.clone(),
        covers: vec![session],
        ..MakeUp::default()
    };
    edit::apply(&mut ledger, Command::Study(StudyCommand::AddMakeUp(make_up))).expect("accepted");
}

#[test]
fn a_talk_dated_today_is_accepted_in_the_demo() {
    let mut ledger = appraisal_demo();
    let members = vec![ledger.members[3].id, ledger.members[5].id];
    let card = TalkCard {
        date: TODAY,
        place: "村委会".to_owned(),
        members,
        topic: "交流学习体会".to_owned(),
        content: "互相谈了学习党章的体会。".to_owned(),
        ..TalkCard::default()
    };
    let before = ledger.talks.len();
    edit::apply(&mut ledger, Command::Appraisal(AppraisalCommand::AddTalk(card))).expect("accepted");
    assert_eq!(ledger.talks.len(), before + 1);
}

#[test]
fn the_historical_demo_refuses_what_the_demo_around_today_accepts() {
    // What the newcomer met before: the same reflection, refused.
    let mut ledger = zhibu::demo::demo_ledger(DEFAULT_MEMBERS, TODAY);
    let reflection = Reflection {
        member: ledger.members[4].id,
        date: TODAY,
        title: "学习党章的体会".to_owned(),
        ..Reflection::default()
    };
    let refused = edit::apply(&mut ledger, Command::Study(StudyCommand::AddReflection(reflection)));
    assert!(refused.is_err_and(|e| e.contains("晚于活动结束")));
}

/// How many days each unfinished commitment and branch item of `ledger`
/// is past its deadline on `today`.
fn days_overdue(ledger: &Ledger, today: Date) -> Vec<i32> {
    let records = &ledger.rectification;
    let late = |deadline: Option<Date>| deadline.map_or(0, |d| d.until(today).map_or(0, |s| s.get_days()));
    let commitments = records
        .commitments
        .iter()
        .filter(|c| c.is_overdue(today))
        .map(|c| late(c.deadline));
    let items = records
        .branch_items
        .iter()
        .filter(|i| i.is_overdue(today))
        .map(|i| late(i.deadline));
    commitments.chain(items).collect()
}

#[test]
fn no_commitment_of_the_finished_demo_is_overdue_by_more_than_a_month() {
    let ledger = around(DEFAULT_MEMBERS, Chapter::Rectification, TODAY).expect("demo");
    assert_eq!(ledger.campaign.stage, Stage::Rectification);
    assert!(contains(&ledger.campaign.plan.rectification, TODAY));
    let overdue = days_overdue(&ledger, TODAY);
    assert!(overdue.iter().all(|&days| days <= 31), "{overdue:?}");
    // What the newcomer met before: the same story in 2006, years overdue.
    let historical = zhibu::demo::demo_ledger_finished(DEFAULT_MEMBERS, TODAY);
    assert!(days_overdue(&historical, TODAY).iter().any(|&days| days > 3650));
}

#[test]
fn the_demo_around_today_saves_loads_and_passes_the_check() {
    let sandbox = Sandbox::new();
    for (name, chapter) in [("评议.ron", Chapter::Appraisal), ("整改.ron", Chapter::Rectification)] {
        let ledger = around(DEFAULT_MEMBERS, chapter, TODAY).expect("demo");
        let path = sandbox.write_ledger(name, &ledger);
        assert_eq!(on_disk(&path), ledger, "the loader takes it as it is");
        let check = zhibu(&["check", path.to_str().expect("utf-8 path")]);
        assert!(check.status.success(), "{}", text(&check.stderr));
    }
}

#[test]
fn zhibu_demo_today_sets_the_story_around_that_day() {
    let sandbox = Sandbox::new();
    let day = Date::constant(2027, 3, 1);
    for (stage, shown) in [("appraisal", Stage::Appraisal), ("rectification", Stage::Rectification)] {
        let out = sandbox.path(&format!("{stage}.ron"));
        let out_arg = out.to_str().expect("utf-8 path");
        let run = zhibu(&["demo", "--out", out_arg, "--stage", stage, "--today", "2027-03-01"]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        let ledger = on_disk(&out);
        assert_eq!(ledger.campaign.stage, shown);
        let plan = &ledger.campaign.plan;
        let period = if shown == Stage::Appraisal {
            &plan.appraisal
        } else {
            &plan.rectification
        };
        assert!(contains(period, day), "{stage}: {plan:?}");
        // Every record of the campaign lies within a year of that day.
        let near = |d: Date| (-366..=366).contains(&d.until(day).map_or(i32::MAX, |s| s.get_days()));
        let mut dates: Vec<Date> = ledger.study.sessions.iter().map(|s| s.date).collect();
        dates.extend(ledger.talks.iter().map(|t| t.date));
        dates.extend(ledger.campaign.moves.iter().map(|m| m.date));
        dates.extend(ledger.meetings.iter().map(|m| m.date));
        dates.extend(plan.filed);
        assert!(dates.len() > 20);
        assert!(dates.iter().all(|&d| near(d) && d <= day), "{stage}: {dates:?}");
    }
    let bad = zhibu(&[
        "demo",
        "--out",
        sandbox.path("x.ron").to_str().expect("path"),
        "--today",
        "明天",
    ]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("明天"), "{}", text(&bad.stderr));
}

#[test]
fn a_demo_kept_from_an_older_version_is_told_anew_and_the_old_one_kept() {
    let sandbox = Sandbox::new();
    let data = sandbox.path("data");
    std::fs::create_dir_all(&data).expect("data folder");
    let old = zhibu::demo::demo_ledger(DEFAULT_MEMBERS, Date::constant(2006, 3, 10));
    let demo_path = data.join("示例支部.ron");
    zhibu::store::save(&demo_path, &old, None).expect("old demo");

    let mut harness = common::harness(sandbox.app(None));
    common::click(&mut harness, "打开示例支部");
    harness.run_steps(3);
    let doc = harness.state().doc.as_ref().expect("demo open");
    assert!(
        contains(&doc.ledger.campaign.plan.appraisal, TODAY),
        "the demo opened is set around today, not in 2006"
    );
    assert!(common::label_with(&harness, "示例支部的日期已过时，已按今天重新生成"));
    let kept: Vec<_> = std::fs::read_dir(zhibu::store::backup_folder(&demo_path))
        .expect("backup folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("恢复前"))
        .collect();
    assert_eq!(kept.len(), 1, "the old demo is kept: {kept:?}");
    assert_eq!(on_disk(&kept[0]).campaign.plan, old.campaign.plan);
}

#[test]
fn a_demo_made_recently_opens_as_it_was_left() {
    let sandbox = Sandbox::new();
    let data = sandbox.path("data");
    std::fs::create_dir_all(&data).expect("data folder");
    let mut recent = appraisal_demo();
    recent.branch.name = "我改过的示例".into();
    zhibu::store::save(&data.join("示例支部.ron"), &recent, None).expect("demo");

    let mut harness = common::harness(sandbox.app(None));
    common::click(&mut harness, "打开示例支部");
    harness.run_steps(3);
    let doc = harness.state().doc.as_ref().expect("demo open");
    assert_eq!(doc.ledger.branch.name, "我改过的示例", "the secretary's tries are kept");
}
