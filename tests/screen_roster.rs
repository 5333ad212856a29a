//! The roster screen alone (`roster_ui` on a fixture ledger, through the
//! one-screen harness): a member opened from another screen is scrolled
//! into view in a long roster, and 序号 follows the list's order.

mod common;

use common::screen::one_screen;
use common::{label_with, small_ledger};
use egui_kittest::kittest::Queryable;
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
