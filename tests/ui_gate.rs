//! The wizard spine on screen: a gate item leads to where it is fixed,
//! and the stage move records the approver and the reasons.

mod common;

use common::{click, type_into};

use common::{Sandbox, harness, on_disk, small_ledger};
use egui_kittest::kittest::Queryable;
use zhibu::model::Stage;
use zhibu::ui::Screen;

#[test]
fn an_unmet_gate_item_leads_to_the_member() {
    let sandbox = Sandbox::new();
    let mut ledger = small_ledger(4);
    ledger.members[2].category = None;
    let target = ledger.members[2].id;
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "准备阶段");
    harness.get_by_label("每名党员已分类");
    harness.get_by_label_contains("未选择党员类别");
    common::click_link(&mut harness, "去处理：张伟 党员信息");
    let app = harness.state();
    assert_eq!(app.screen, Screen::Roster);
    assert_eq!(app.roster.form.as_ref().and_then(|f| f.editing()), Some(target));
}

#[test]
fn moving_on_with_an_unmet_check_needs_a_reason_and_an_approver() {
    let sandbox = Sandbox::new();
    let mut ledger = small_ledger(4);
    ledger.members[1].category = None;
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "准备阶段");
    click(&mut harness, "申请转段：转入学习动员");
    click(&mut harness, "确认转段");
    assert_eq!(
        harness.state().doc.as_ref().map(|d| d.ledger.campaign.stage),
        Some(Stage::Preparation)
    );
    harness.get_by_label_contains("督导组成员姓名");

    type_into(&mut harness, "批准人（督导组）", "刘督导");
    click(&mut harness, "确认转段");
    harness.get_by_label_contains("未完成的检查项须写明理由");
    type_into(&mut harness, "未完成项的理由：每名党员已分类", "该党员外出，返乡后补登");
    click(&mut harness, "确认转段");
    let doc = harness.state().doc.as_ref().expect("open");
    assert_eq!(doc.ledger.campaign.stage, Stage::Learning);
    let moved = &doc.ledger.campaign.moves[0];
    assert_eq!(moved.approver, "刘督导");
    assert_eq!(moved.overrides.len(), 1);
    assert_eq!(moved.overrides[0].reason, "该党员外出，返乡后补登");
    common::let_autosave_run(&mut harness);
    assert_eq!(on_disk(&path).campaign.stage, Stage::Learning);
}

#[test]
fn a_second_copy_opens_read_only_and_refuses_edits() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let _first = zhibu::store::lock(&path).expect("first copy holds the lock");
    let before = std::fs::read(&path).expect("read");
    let mut harness = harness(sandbox.app(Some(&path)));
    harness.get_by_label("只读");
    click(&mut harness, "党员名册");
    // No form to fill in only to be refused at 保存: 新增党员 is greyed out,
    // and a member opened to read cannot be changed.
    {
        use egui_kittest::kittest::NodeT;
        let add = harness.get_by_role_and_label(egui::accesskit::Role::Button, "新增党员");
        assert!(add.accesskit_node().is_disabled());
        harness.get_by_label("张伟").click();
        harness.run_steps(2);
        assert!(common::field(&harness, "姓名 *").accesskit_node().is_disabled());
    }
    // Every write path still refuses, should a control slip through.
    let refused = harness
        .state_mut()
        .doc
        .as_mut()
        .expect("open")
        .apply(zhibu::edit::Command::SetBranch(Default::default()), 0.0);
    assert!(refused.is_err_and(|e| e.contains("只读打开，不能修改")));
    common::let_autosave_run(&mut harness);
    assert_eq!(harness.state().doc.as_ref().map(|d| d.ledger.members.len()), Some(3));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}
