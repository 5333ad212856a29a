//! The learning screen alone (`learning_ui` on a fixture ledger, through
//! the one-screen harness of `tests/common/screen.rs`): the 学习心得 tab's
//! form and list — add, refuse, sort, search, edit and delete.

mod common;

use common::screen::{Learning, learning_tab, tops};
use common::{click, click_link, label_with, running_now, small_ledger, type_into};
use egui_kittest::kittest::Queryable;
use zhibu::model::study::Reflection;
use zhibu::model::{Date, Ledger, ReflectionId, Stage};
use zhibu::ui::screens::learning::LearningTab;

/// Three members in 学习动员, running now (2026-09-01 to 2026-10-15).
fn ledger() -> Ledger {
    let mut ledger = small_ledger(3);
    running_now(&mut ledger, Stage::Learning);
    ledger
}

fn reflection(ledger: &mut Ledger, member: usize, day: i8, title: &str) {
    let id = ReflectionId(ledger.next_id());
    let member = ledger.members[member].id;
    ledger.study.reflections.push(Reflection {
        id,
        member,
        date: Date::constant(2026, 10, day),
        title: title.to_owned(),
        chars: 1200,
        received: true,
        ..Reflection::default()
    });
}

/// The learning screen open at its tab.
fn reflections_tab(ledger: Ledger) -> Learning {
    learning_tab(ledger, LearningTab::Reflections)
}

#[test]
fn a_reflection_typed_for_a_missing_member_is_recorded_and_the_form_closes() {
    let mut harness = reflections_tab(ledger());
    let (member, name) = {
        let m = &harness.state().ledger.members[1];
        (m.id, m.name.clone())
    };
    click_link(&mut harness, &name);
    let opened = harness
        .state()
        .state
        .0
        .reflections
        .form
        .as_ref()
        .map(|f| (f.is_new, f.input.draft.member));
    assert_eq!(
        opened,
        Some((true, member)),
        "the link opens a new form for that member"
    );
    type_into(&mut harness, "日期", "2026-10-01");
    type_into(&mut harness, "题目", "学习党章的体会");
    type_into(&mut harness, "字数", "1500");
    click(&mut harness, "保存心得");
    let screen = harness.state();
    assert!(screen.refused.is_empty(), "{:?}", screen.refused);
    let [saved] = &screen.ledger.study.reflections[..] else {
        panic!("one reflection: {:?}", screen.ledger.study.reflections);
    };
    assert_eq!(saved.member, member);
    assert_eq!(saved.title, "学习党章的体会");
    assert_eq!(saved.chars, 1500);
    assert_eq!(saved.date, Date::constant(2026, 10, 1));
    assert!(screen.state.0.reflections.form.is_none(), "saved, the form closes");
}

#[test]
fn a_reflection_without_a_date_is_refused_with_the_reason_and_nothing_is_recorded() {
    let mut harness = reflections_tab(ledger());
    let name = harness.state().ledger.members[0].name.clone();
    click_link(&mut harness, &name);
    type_into(&mut harness, "题目", "学习党章的体会");
    assert!(
        !label_with(&harness, "请填写日期"),
        "no complaint before a save is tried"
    );
    click(&mut harness, "保存心得");
    assert!(label_with(&harness, "请填写日期"));
    let screen = harness.state();
    assert!(screen.applied.is_empty());
    assert!(screen.ledger.study.reflections.is_empty());
    assert!(
        screen.state.0.reflections.form.is_some(),
        "the form stays open with the typing"
    );
}

#[test]
fn a_date_outside_the_campaign_is_refused_by_the_same_rule_as_the_command_line() {
    let mut harness = reflections_tab(ledger());
    let name = harness.state().ledger.members[0].name.clone();
    click_link(&mut harness, &name);
    type_into(&mut harness, "日期", "2030-01-01");
    type_into(&mut harness, "题目", "学习党章的体会");
    click(&mut harness, "保存心得");
    let screen = harness.state();
    assert!(screen.ledger.study.reflections.is_empty());
    let mut rule = screen.ledger.clone();
    let refused = zhibu::edit::apply(
        &mut rule,
        zhibu::edit::StudyCommand::AddReflection(Reflection {
            member: screen.ledger.members[0].id,
            date: Date::constant(2030, 1, 1),
            title: "学习党章的体会".into(),
            ..Reflection::default()
        })
        .into(),
    )
    .expect_err("the edit path refuses it too");
    assert!(
        label_with(&harness, &refused),
        "the form shows the rule's own words: {refused}"
    );
}

#[test]
fn the_list_shows_the_newest_first_and_sorts_by_member_when_that_heading_is_clicked() {
    let mut ledger = ledger();
    // members[0] 王建国, members[1] 李秀英, members[2] 张伟.
    reflection(&mut ledger, 0, 3, "第一篇");
    reflection(&mut ledger, 1, 9, "第二篇");
    reflection(&mut ledger, 2, 6, "第三篇");
    let mut harness = reflections_tab(ledger);
    let [first, second, third] = tops(&harness, &["第一篇", "第二篇", "第三篇"])[..] else {
        unreachable!()
    };
    assert!(
        second < third && third < first,
        "newest first: {second} {third} {first}"
    );
    click(&mut harness, "党员");
    let by_name = {
        let ledger = &harness.state().ledger;
        let mut titled: Vec<(&str, &str)> = vec![
            (ledger.members[0].name.as_str(), "第一篇"),
            (ledger.members[1].name.as_str(), "第二篇"),
            (ledger.members[2].name.as_str(), "第三篇"),
        ];
        titled.sort();
        titled.into_iter().map(|(_, title)| title).collect::<Vec<_>>()
    };
    let after = tops(&harness, &by_name);
    assert!(after.is_sorted(), "sorted by 党员 name: {by_name:?} at {after:?}");
}

#[test]
fn a_search_that_hides_every_reflection_says_none_matches_and_an_empty_list_says_there_are_none() {
    let empty = reflections_tab(ledger());
    assert!(label_with(&empty, "没有心得记录。"));
    let mut ledger = ledger();
    reflection(&mut ledger, 0, 3, "第一篇");
    let mut harness = reflections_tab(ledger);
    assert!(label_with(&harness, "第一篇"));
    type_into(&mut harness, "查找", "没有这个题目");
    assert!(label_with(&harness, "没有符合条件的心得。"));
    assert!(!label_with(&harness, "第一篇"));
}

#[test]
fn a_clicked_reflection_opens_for_editing_and_is_deleted_after_the_question() {
    let mut ledger = ledger();
    reflection(&mut ledger, 0, 3, "第一篇");
    let mut harness = reflections_tab(ledger);
    harness.get_by_label("第一篇").click();
    harness.run_steps(2);
    assert!(label_with(&harness, "修改心得"));
    click(&mut harness, "删除");
    assert!(
        label_with(&harness, "删除王建国的这篇心得？"),
        "the question names whose it is"
    );
    assert_eq!(harness.state().ledger.study.reflections.len(), 1, "not before 确认删除");
    click(&mut harness, "确认删除");
    let screen = harness.state();
    assert!(screen.ledger.study.reflections.is_empty());
    assert!(screen.state.0.reflections.form.is_none());
}

#[test]
fn an_edited_title_replaces_the_recorded_one_and_keeps_its_id() {
    let mut ledger = ledger();
    reflection(&mut ledger, 0, 3, "第一篇");
    let id = ledger.study.reflections[0].id;
    let mut harness = reflections_tab(ledger);
    harness.get_by_label("第一篇").click();
    harness.run_steps(2);
    common::retype(&mut harness, "题目", "改过的题目");
    click(&mut harness, "保存心得");
    let screen = harness.state();
    let [saved] = &screen.ledger.study.reflections[..] else {
        panic!("still one reflection");
    };
    assert_eq!((saved.id, saved.title.as_str()), (id, "改过的题目"));
    assert_eq!(saved.member, screen.ledger.members[0].id);
}

#[test]
fn closing_a_form_with_typing_asks_first_and_an_untouched_one_closes_at_once() {
    let mut harness = reflections_tab(ledger());
    let name = harness.state().ledger.members[0].name.clone();
    click_link(&mut harness, &name);
    click(&mut harness, "关闭");
    assert!(
        harness.state().state.0.reflections.form.is_none(),
        "nothing typed: closed at once"
    );

    click_link(&mut harness, &name);
    type_into(&mut harness, "题目", "写了一半的题目");
    click(&mut harness, "关闭");
    assert!(label_with(&harness, "有未保存的修改。关闭后这些修改会丢失。"));
    assert!(
        harness.state().state.0.reflections.form.is_some(),
        "not closed before the answer"
    );
    click(&mut harness, "继续编辑");
    let kept = harness
        .state()
        .state
        .0
        .reflections
        .form
        .as_ref()
        .map(|f| f.input.draft.title.clone());
    assert_eq!(kept.as_deref(), Some("写了一半的题目"), "继续编辑 keeps the typing");
    click(&mut harness, "关闭");
    click(&mut harness, "放弃修改并关闭");
    assert!(harness.state().state.0.reflections.form.is_none());
    assert!(harness.state().ledger.study.reflections.is_empty());
}
