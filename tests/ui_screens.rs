//! The other screens: overview checklist, settings, shortcuts, a stage
//! not reached yet, and the notices of undo and redo.

mod common;

use common::{Sandbox, click, harness, on_disk, small_ledger, type_into};
use egui_kittest::kittest::Queryable;
use zhibu::ui::Screen;

#[test]
fn the_overview_lists_each_member_and_opens_their_record() {
    let sandbox = Sandbox::new();
    let mut ledger = small_ledger(4);
    ledger.members[3].birth = None;
    let target = ledger.members[3].id;
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    harness.get_by_label("党员对照检查清单");
    harness.get_by_label("缺出生日期");
    harness.get_by_label("基本信息");
    harness.get_by_label("3/4 人");
    harness.get_by_label("缺出生日期").click();
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.screen, Screen::Roster);
    assert_eq!(app.roster.form.as_ref().and_then(|f| f.editing()), Some(target));
}

#[test]
fn settings_change_the_campaign_rules_and_refuse_nonsense() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "设置");
    harness.get_by_label_contains("每名党员集中学习不少于");
    harness.get_by_label("每名党员集中学习不少于").set_value_accesskit(32.5);
    harness.run_steps(2);
    // Nonsense is refused with a message, and the button stays off.
    harness
        .state_mut()
        .settings
        .rules
        .as_mut()
        .expect("a draft")
        .talks_required_cadre = 1;
    harness.run_steps(2);
    harness.get_by_label("领导干部的谈心次数要求不应少于普通党员");
    harness
        .state_mut()
        .settings
        .rules
        .as_mut()
        .expect("a draft")
        .talks_required_cadre = 10;
    harness.run_steps(2);
    click(&mut harness, "保存活动规则");
    common::let_autosave_run(&mut harness);
    assert_eq!(on_disk(&path).campaign.settings.required_hours, 32.5);

    type_into(&mut harness, "活动名称", "（第二批）");
    click(&mut harness, "保存活动名称");
    let doc = harness.state().doc.as_ref().expect("open");
    assert!(doc.ledger.campaign.name.ends_with("（第二批）"));
}

#[test]
fn ctrl_f_goes_to_the_roster_search() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "准备阶段");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(3);
    assert_eq!(harness.state().screen, Screen::Roster);
    assert!(common::field(&harness, "查找").is_focused());
}

#[test]
fn ctrl_z_takes_back_the_last_edit_when_no_field_is_focused() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "准备阶段");
    type_into(&mut harness, "组织委员", "赵磊");
    click(&mut harness, "保存支部情况");
    assert_eq!(
        harness.state().doc.as_ref().map(|d| d.ledger.branch.organiser.clone()),
        Some("李秀英赵磊".to_owned())
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().doc.as_ref().map(|d| d.ledger.branch.organiser.clone()),
        Some("李秀英".to_owned())
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run_steps(2);
    assert_eq!(
        harness.state().doc.as_ref().map(|d| d.ledger.branch.organiser.clone()),
        Some("李秀英赵磊".to_owned())
    );
}

#[test]
fn a_stage_not_reached_says_so_and_the_learning_gate_offers_the_move() {
    let sandbox = Sandbox::new();
    let mut ledger = small_ledger(3);
    ledger.campaign.stage = zhibu::model::Stage::Learning;
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    // 整改提高 works before the stage is reached, and says so.
    click(&mut harness, "整改提高");
    harness.get_by_label_contains("尚未转入整改提高阶段");
    // 导出 works in any stage.
    click(&mut harness, "导出");
    harness.get_by_label("导出到文件夹");
    // The learning stage's gate is on its own screen, with the move.
    click(&mut harness, "学习动员");
    harness.get_by_label("回头看").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "申请转段：转入分析评议");
}

#[test]
fn undo_says_so_even_after_the_program_has_run_for_a_minute() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    // A minute of frames (kittest steps 0.25 s).
    harness.run_steps(240);
    assert!(harness.ctx.input(|i| i.time) > 60.0);
    let mut branch = harness.state().doc.as_ref().expect("open").ledger.branch.clone();
    branch.secretary = "王秀英".to_owned();
    harness
        .state_mut()
        .send(zhibu::ui::app::Action::Edit(zhibu::edit::Command::SetBranch(branch)));
    harness.run_steps(2);
    click(&mut harness, "撤销");
    harness.get_by_label("已撤销");
    click(&mut harness, "重做");
    harness.get_by_label("已重做");
}
