//! The roster screen alone (`roster_ui` on a fixture ledger, through the
//! one-screen harness): a member opened from another screen is scrolled
//! into view in a long roster, and 序号 follows the list's order; from the
//! keyboard a row is one Tab stop, named with the member, that Enter opens.

mod common;

use common::screen::one_screen;
use common::{label_with, small_ledger};
use egui::accesskit::{Action, Role};
use egui_kittest::kittest::{NodeT, Queryable};
use zhibu::ui::screens::roster::{RosterState, roster_ui};

#[test]
fn a_member_opened_from_another_screen_is_scrolled_into_view_and_opened() {
    let mut ledger = small_ledger(150);
    ledger.members[140].name = "排在最后的党员".into();
    let far = ledger.members[140].id;
    let mut harness = one_screen(
        ledger,
        RosterState::default(),
        |ui, ledger, _, today, state, actions| {
            roster_ui(ui, ledger, state, today, actions);
        },
    );
    assert!(
        harness.query_by_label("排在最后的党员").is_none(),
        "row 141 of 150 is not laid out before it is asked for"
    );
    {
        let screen = harness.state_mut();
        let ledger = screen.ledger.clone();
        screen.state.select(&ledger, far);
    }
    harness.run_steps(3);
    let opened = harness.state().state.form.as_ref().map(|f| f.input.member.id);
    assert_eq!(opened, Some(far), "the member's form is open");
    let row = harness
        .query_all_by_label("排在最后的党员")
        .map(|n| n.rect())
        .find(|r| r.left() < 600.0)
        .expect("the row is laid out");
    assert!(row.top() > 0.0 && row.bottom() < 768.0, "the row is on screen: {row:?}");
    assert!(label_with(&harness, "141"), "序号 counts the list's rows");
}

#[test]
fn a_row_is_one_tab_stop_named_with_the_member_and_enter_opens_it() {
    let ledger = small_ledger(5);
    let (first, second) = (ledger.members[0].clone(), ledger.members[1].clone());
    let mut harness = one_screen(
        ledger,
        RosterState::default(),
        |ui, ledger, _, today, state, actions| {
            roster_ui(ui, ledger, state, today, actions);
        },
    );
    // What a screen reader reads on the row: its cells, in order.
    fn row(name: &str) -> impl Fn(&egui_kittest::kittest::AccessKitNode<'_>) -> bool {
        let cell = format!("，{name}，");
        move |node| node.role() == Role::Button && node.label().is_some_and(|l| l.contains(&cell))
    }
    let stop = harness.get_by(row(&first.name));
    let name = stop.accesskit_node().label().unwrap_or_default();
    assert!(
        name.starts_with(&format!("1，{}，{}", first.name, first.gender.label())),
        "{name}"
    );
    stop.focus();
    harness.run_steps(1);
    harness.key_press(egui::Key::Tab);
    harness.run_steps(1);
    assert!(
        harness.get_by(row(&second.name)).accesskit_node().is_focused(),
        "Tab goes on to the next row"
    );
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    let opened = harness.state().state.form.as_ref().map(|f| f.input.member.id);
    assert_eq!(opened, Some(second.id), "Enter opens the row's member");
    // The cells take clicks but not the focus: only controls do.
    for node in harness.root().children_recursive() {
        let node = node.accesskit_node();
        if node.role() == Role::GenericContainer {
            assert!(!node.data().supports_action(Action::Focus), "a focusable cell");
        }
    }
}
