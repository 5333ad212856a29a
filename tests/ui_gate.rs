//! The wizard spine on screen: a gate item leads to where it is fixed,
//! and the stage move records the approver and the reasons.

mod common;

use common::{harness, on_disk, small_ledger, Sandbox};
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
    harness.get_by_label("准备阶段").click();
    harness.run_steps(2);
    harness.get_by_label("每名党员已分类");
    harness.get_by_label_contains("未选择党员类别");
    harness.get_by_label("去处理").click();
    harness.run_steps(2);
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
    harness.get_by_label("准备阶段").click();
    harness.run_steps(2);
    harness.get_by_label("申请转段：转入学习动员").click();
    harness.run_steps(2);
    harness.get_by_label("确认转段").click();
    harness.run_steps(2);
    assert_eq!(harness.state().doc.as_ref().map(|d| d.ledger.campaign.stage), Some(Stage::Preparation));
    harness.get_by_label_contains("督导组成员姓名");

    harness.get_by_label("批准人（督导组）").focus();
    harness.run_steps(1);
    harness.get_by_label("批准人（督导组）").type_text("刘督导");
    harness.run_steps(1);
    harness.get_by_label_contains("写明为什么可以先转段").focus();
    harness.run_steps(1);
    harness.get_by_label_contains("写明为什么可以先转段").type_text("该党员外出，返乡后补登");
    harness.run_steps(1);
    harness.get_by_label("确认转段").click();
    harness.run_steps(2);
    let doc = harness.state().doc.as_ref().expect("open");
    assert_eq!(doc.ledger.campaign.stage, Stage::Learning);
    let moved = &doc.ledger.campaign.moves[0];
    assert_eq!(moved.approver, "刘督导");
    assert_eq!(moved.overrides.len(), 1);
    assert_eq!(moved.overrides[0].reason, "该党员外出，返乡后补登");
    harness.run_steps(12);
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
    harness.get_by_label("党员名册").click();
    harness.run_steps(2);
    harness.get_by_label("新增党员").click();
    harness.run_steps(2);
    harness.get_by_label("姓名 *").focus();
    harness.run_steps(1);
    harness.get_by_label("姓名 *").type_text("孙悦");
    harness.run_steps(1);
    harness.get_by_label("保存").click();
    harness.run_steps(12);
    assert_eq!(harness.state().doc.as_ref().map(|d| d.ledger.members.len()), Some(3));
    harness.get_by_label_contains("只读打开，不能修改");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}
