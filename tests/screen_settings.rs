//! The rules form alone (`rules_form_ui`, shared by 设置 and the start
//! wizard): a number is typed, never changed by a drag of the mouse.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use zhibu::model::Settings;
use zhibu::ui::screens::settings::rules_form_ui;
use zhibu::ui::strings as s;

fn rules() -> Harness<'static, Settings> {
    let mut harness = Harness::builder()
        .with_size([900.0, 600.0])
        .with_context_setup(zhibu::ui::fonts::install)
        .build_ui_state(
            |ui, settings: &mut Settings| rules_form_ui(ui, settings),
            Settings::default(),
        );
    harness.run();
    harness
}

fn pointer(harness: &mut Harness<'static, Settings>, pos: egui::Pos2, pressed: Option<bool>) {
    harness.event(egui::Event::PointerMoved(pos));
    if let Some(pressed) = pressed {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.step();
}

#[test]
fn a_drag_across_a_number_box_changes_nothing() {
    let mut harness = rules();
    let before = harness.state().clone();
    let boxes: Vec<egui::Rect> = harness.get_all_by_role(Role::SpinButton).map(|n| n.rect()).collect();
    assert!(boxes.len() >= 5, "the rules have their number boxes: {}", boxes.len());
    for rect in boxes {
        let start = rect.center();
        pointer(&mut harness, start, None);
        pointer(&mut harness, start, Some(true));
        for dx in [10.0, 40.0, 120.0, 200.0] {
            pointer(&mut harness, start + egui::vec2(dx, -dx / 4.0), None);
        }
        pointer(&mut harness, start + egui::vec2(200.0, -50.0), Some(false));
        harness.run();
    }
    assert_eq!(*harness.state(), before, "no rule moved with the mouse");
}

#[test]
fn a_number_is_typed_after_a_click() {
    let mut harness = rules();
    harness.get_by_label(s::RULE_REFLECTIONS).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(s::RULE_REFLECTIONS).type_text("3");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().reflections_required, 3);
}

#[test]
fn numbers_show_as_typed_without_a_tail_of_zeros() {
    let harness = rules();
    let shown: Vec<String> = harness
        .get_all_by_role(Role::SpinButton)
        .filter_map(|n| n.accesskit_node().value())
        .collect();
    assert!(shown.len() >= 8, "{shown:?}");
    assert!(shown.contains(&"40 学时".to_owned()), "{shown:?}");
    assert!(shown.contains(&"60 %".to_owned()), "{shown:?}");
    for text in &shown {
        assert!(!text.contains(".0"), "{text}");
    }
}
