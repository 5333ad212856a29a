//! The rectification screen alone (`rectification_ui` on a fixture
//! ledger, through the one-screen harness of `tests/common/screen.rs`):
//! what its record forms and lists do since they are the one record form
//! and the one record list — a form whose record was taken away closes,
//! and a search that hides every record says so.

mod common;

use common::screen::{OneScreen, one_screen};
use common::{label_with, running_now, small_ledger, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::rectification::Rule;
use zhibu::model::{Ledger, RuleId, Stage};
use zhibu::ui::screens::rectification::{RectificationState, RectificationTab, rectification_ui};

type Rectification = Harness<'static, OneScreen<RectificationState>>;

/// Three members in 整改提高 with one rule adopted.
fn ledger() -> Ledger {
    let mut ledger = small_ledger(3);
    running_now(&mut ledger, Stage::Rectification);
    let id = RuleId(ledger.next_id());
    ledger.rectification.rules.push(Rule {
        id,
        name: "党员联系农户制度".into(),
        summary: "每名党员联系三至五户农户".into(),
        ..Rule::default()
    });
    ledger
}

/// The rectification screen open at 长效机制.
fn rules_tab(ledger: Ledger) -> Rectification {
    let state = RectificationState {
        tab: RectificationTab::Rules,
        ..RectificationState::default()
    };
    one_screen(ledger, state, |ui, ledger, revision, today, state, actions| {
        rectification_ui(ui, ledger, revision, state, today, actions);
    })
}

#[test]
fn a_rule_form_closes_when_its_rule_is_taken_away_meanwhile() {
    let mut harness = rules_tab(ledger());
    harness.get_by_label("党员联系农户制度").click();
    harness.run_steps(2);
    assert!(harness.state().state.rules.form.is_some(), "the rule opens");
    assert!(label_with(&harness, "修改制度"));

    // As an undo of its adding would.
    harness.state_mut().ledger.rectification.rules.clear();
    harness.state_mut().revision += 1;
    harness.run_steps(2);

    assert!(
        harness.state().state.rules.form.is_none(),
        "the form of a rule no longer there closes"
    );
    assert!(label_with(&harness, "没有登记的制度。"));
}

#[test]
fn a_search_that_hides_every_rule_says_none_matches() {
    let mut harness = rules_tab(ledger());
    type_into(&mut harness, "查找", "考勤");
    assert!(label_with(&harness, "没有符合条件的制度。"));
    assert!(!label_with(&harness, "没有登记的制度。"));
}

/// The rectification screen open at 整改承诺.
fn commitments_tab(ledger: Ledger) -> Rectification {
    let state = RectificationState {
        tab: RectificationTab::Commitments,
        ..RectificationState::default()
    };
    one_screen(ledger, state, |ui, ledger, revision, today, state, actions| {
        rectification_ui(ui, ledger, revision, state, today, actions);
    })
}

#[test]
fn choosing_a_member_moves_neither_the_new_button_nor_the_filters() {
    let mut harness = commitments_tab(ledger());
    let places =
        |harness: &Rectification| ["新增承诺", "查找", "已完成"].map(|label| harness.get_by_label(label).rect());
    let before = places(&harness);
    // 尚未承诺：王建国 李秀英 张伟 — a click shows that member's commitments.
    harness.get_by_label("张伟").click();
    harness.run_steps(2);
    assert!(harness.state().state.commitments.member.is_some(), "张伟 is chosen");
    assert!(label_with(&harness, "看全部"));
    assert_eq!(
        places(&harness),
        before,
        "新增承诺, 查找 and 已完成 stay where they were"
    );
}
