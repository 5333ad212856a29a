//! Typed input that is not saved yet: the top bar says so, closing the
//! window asks, a crash keeps it, and the next open offers it back; a
//! read-only window says why from the start and closes quietly.

mod common;

use common::label_with;

use common::{Sandbox, click, commands, field, harness, let_drafts_be_kept, request_close, small_ledger, type_into};
use egui_kittest::kittest::{NodeT, Queryable};
use zhibu::ui::Screen;

type Harness = egui_kittest::Harness<'static, zhibu::ui::ZhibuApp>;

/// The roster with a new member's form half filled in.
fn typing_a_new_member(sandbox: &Sandbox) -> (Harness, std::path::PathBuf) {
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "党员名册");
    click(&mut harness, "新增党员");
    type_into(&mut harness, "姓名 *", "周镕");
    type_into(&mut harness, "联系电话", "13800001111");
    (harness, path)
}

#[test]
fn the_top_bar_never_says_saved_while_a_form_holds_typing() {
    let sandbox = Sandbox::new();
    let (mut harness, _) = typing_a_new_member(&sandbox);
    common::let_autosave_run(&mut harness);
    let unsaved = harness.state().unsaved();
    assert_eq!(unsaved.len(), 1, "{unsaved:?}");
    assert_eq!(unsaved[0].what, "党员信息");
    assert!(label_with(&harness, "草稿未保存：党员信息 1 份"));
    assert!(
        !label_with(&harness, "已保存"),
        "已保存 never stands beside waiting typing"
    );
    // Saving the form empties the list.
    click(&mut harness, "保存");
    assert!(harness.state().unsaved().is_empty(), "{:?}", harness.state().unsaved());
    assert!(!label_with(&harness, "草稿未保存"));
    common::let_autosave_run(&mut harness);
    assert!(label_with(&harness, "已保存"));
}

#[test]
fn closing_the_window_asks_and_keeps_the_typing_for_the_next_open() {
    let sandbox = Sandbox::new();
    let (mut harness, path) = typing_a_new_member(&sandbox);
    request_close(&mut harness);
    assert!(commands(&harness).contains(&egui::ViewportCommand::CancelClose));
    harness.run_steps(2);
    harness.get_by_label("有内容尚未保存");
    harness.get_by_label("· 党员信息 · 周镕");
    click(&mut harness, "保存草稿并退出");
    assert!(harness.state().is_closing());
    assert!(zhibu::store::drafts_path(&path).exists());
    harness.state_mut().on_exit();
    drop(harness);

    let mut harness = common::harness(sandbox.app(Some(&path)));
    harness.get_by_label("上次未保存的内容");
    click(&mut harness, "恢复");
    assert_eq!(harness.state().screen, Screen::Roster);
    assert_eq!(field(&harness, "姓名 *").value().as_deref(), Some("周镕"));
    assert_eq!(field(&harness, "联系电话").value().as_deref(), Some("13800001111"));
    // Still not in the ledger until 保存 is pressed.
    assert_eq!(common::on_disk(&path).members.len(), 3);
    click(&mut harness, "保存");
    common::let_autosave_run(&mut harness);
    assert_eq!(common::on_disk(&path).members.len(), 4);
    common::let_drafts_be_kept(&mut harness);
    assert!(
        !zhibu::store::drafts_path(&path).exists(),
        "nothing left unsaved, no drafts file"
    );
}

#[test]
fn a_crash_two_seconds_after_typing_loses_nothing() {
    let sandbox = Sandbox::new();
    let (mut harness, path) = typing_a_new_member(&sandbox);
    let_drafts_be_kept(&mut harness);
    // Only the screen holding something unsaved is written out.
    let kept = zhibu::store::read_drafts(&path).expect("readable").expect("written");
    assert!(
        kept.body.contains("roster:") && kept.body.contains("周镕"),
        "{}",
        kept.body
    );
    assert!(!kept.body.contains("appraisal:"), "{}", kept.body);
    // Dropped without closing: nothing more is written.
    drop(harness);
    let mut harness = common::harness(sandbox.app(Some(&path)));
    harness.get_by_label("· 党员信息 · 周镕");
    click(&mut harness, "恢复");
    assert_eq!(field(&harness, "姓名 *").value().as_deref(), Some("周镕"));
}

#[test]
fn not_saving_on_close_leaves_nothing_to_offer() {
    let sandbox = Sandbox::new();
    let (mut harness, path) = typing_a_new_member(&sandbox);
    let_drafts_be_kept(&mut harness);
    request_close(&mut harness);
    harness.run_steps(2);
    click(&mut harness, "不保存，退出");
    assert!(harness.state().is_closing());
    harness.state_mut().on_exit();
    drop(harness);
    assert!(!zhibu::store::drafts_path(&path).exists());
    let harness = common::harness(sandbox.app(Some(&path)));
    assert!(harness.query_by_label("上次未保存的内容").is_none());
    drop(harness);
}

#[test]
fn discarding_the_offer_removes_the_drafts() {
    let sandbox = Sandbox::new();
    let (mut harness, path) = typing_a_new_member(&sandbox);
    let_drafts_be_kept(&mut harness);
    drop(harness);
    let mut harness = common::harness(sandbox.app(Some(&path)));
    click(&mut harness, "丢弃");
    assert!(!zhibu::store::drafts_path(&path).exists());
    assert!(harness.state().unsaved().is_empty());
    assert!(harness.query_by_label("周镕").is_none());
}

#[test]
fn a_damaged_drafts_file_is_set_aside_and_said_so() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    std::fs::write(zhibu::store::drafts_path(&path), "乱码").expect("write");
    let mut harness = common::harness(sandbox.app(Some(&path)));
    assert!(label_with(&harness, "已损坏或不完整"));
    click(&mut harness, "知道了");
    assert!(!zhibu::store::drafts_path(&path).exists());
    let aside: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("无法恢复"))
        .collect();
    assert_eq!(aside.len(), 1, "kept under another name");
}

#[test]
fn a_second_window_is_read_only_from_the_start_and_closes_quietly() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let _first = zhibu::store::lock(&path).expect("the first window");
    let mut harness = common::harness(sandbox.app(Some(&path)));
    assert!(label_with(&harness, "另一个窗口"), "the banner says why");
    click(&mut harness, "党员名册");
    let add = harness.get_by_role_and_label(egui::accesskit::Role::Button, "新增党员");
    assert!(add.accesskit_node().is_disabled(), "no form to fill in and lose");
    // Reading still works: the search field takes text.
    request_close(&mut harness);
    assert!(!commands(&harness).contains(&egui::ViewportCommand::CancelClose));
    harness.run_steps(2);
    assert!(harness.query_by_label("台账未能保存").is_none());
    assert!(harness.query_by_label("有内容尚未保存").is_none());
    assert!(!zhibu::store::drafts_path(&path).exists());
}

#[test]
fn a_closed_campaign_says_so_from_the_start_and_points_to_reopening() {
    let sandbox = Sandbox::new();
    let mut ledger = small_ledger(3);
    ledger.campaign.stage = zhibu::model::Stage::Closed;
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = common::harness(sandbox.app(Some(&path)));
    assert!(label_with(&harness, "活动已验收归档，台账只读"));
    click(&mut harness, "党员名册");
    let add = harness.get_by_role_and_label(egui::accesskit::Role::Button, "新增党员");
    assert!(add.accesskit_node().is_disabled());
    click(&mut harness, "去重新打开活动");
    assert_eq!(harness.state().screen, Screen::Rectification);
}

#[test]
fn a_ledger_from_a_newer_version_opens_read_only_with_a_banner() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    // As a newer version would write it: the format number in the header
    // goes up (the checksum covers the body only).
    let text = std::fs::read_to_string(&path).expect("read");
    let newer = text.replacen("(format:1,", "(format:2,", 1);
    assert_ne!(newer, text);
    std::fs::write(&path, &newer).expect("write");
    let mut harness = common::harness(sandbox.app(Some(&path)));
    assert!(label_with(&harness, "较新版本"), "the banner says why");
    click(&mut harness, "党员名册");
    harness.get_by_label("王建国");
    let add = harness.get_by_role_and_label(egui::accesskit::Role::Button, "新增党员");
    assert!(add.accesskit_node().is_disabled());
    request_close(&mut harness);
    harness.state_mut().on_exit();
    drop(harness);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), newer, "never written");
}

#[test]
fn drafts_older_than_the_ledgers_last_save_are_offered_with_a_warning_and_only_then() {
    let sandbox = Sandbox::new();
    let (mut harness, path) = typing_a_new_member(&sandbox);
    let_drafts_be_kept(&mut harness);
    // Another edit is autosaved while the form stays open: the drafts are
    // written again with the ledger's new save, so no warning later.
    let mut branch = harness.state().doc.as_ref().expect("open").ledger.branch.clone();
    branch.secretary = "王秀英".to_owned();
    harness
        .state_mut()
        .send(zhibu::ui::app::Action::Edit(zhibu::edit::Command::SetBranch(branch)));
    common::let_autosave_run(&mut harness);
    let_drafts_be_kept(&mut harness);
    drop(harness);
    let harness = common::harness(sandbox.app(Some(&path)));
    harness.get_by_label("· 党员信息 · 周镕");
    assert!(!label_with(&harness, "台账在这之后又保存过"));
    harness.state().doc.as_ref().expect("open");
    drop(harness);

    // Saved again elsewhere after the drafts were written (another copy of
    // the program, a restored file): the offer warns.
    let loaded = zhibu::store::load(&path).expect("load");
    let mut ledger = loaded.ledger;
    ledger.branch.organiser = "张伟".to_owned();
    zhibu::store::save(&path, &ledger, Some(&loaded.header)).expect("save elsewhere");
    let mut harness = common::harness(sandbox.app(Some(&path)));
    assert!(label_with(&harness, "台账在这之后又保存过"));
    click(&mut harness, "恢复");
    assert_eq!(field(&harness, "姓名 *").value().as_deref(), Some("周镕"));
}
