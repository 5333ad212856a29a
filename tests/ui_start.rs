//! The start screen: creating a branch through the wizard, the demo, and
//! a file that cannot be read.

mod common;

use common::{Sandbox, click, harness, label_with, on_disk, type_into};
use egui_kittest::kittest::Queryable;

#[test]
fn first_run_shows_the_start_screen() {
    let sandbox = Sandbox::new();
    let harness = harness(sandbox.app(None));
    harness.get_by_label("新建支部台账");
    harness.get_by_label("打开示例支部");
    harness.get_by_label("打开文件…");
    assert!(harness.state().doc.is_none());
}

#[test]
fn create_a_branch_through_the_start_wizard() {
    let sandbox = Sandbox::new();
    let mut harness = harness(sandbox.app(None));
    harness.get_by_label("新建支部台账").click();
    harness.run_steps(2);

    // Step 1 refuses to go on without a name.
    harness.get_by_label("下一步").click();
    harness.run_steps(2);
    harness.get_by_label_contains("请填写支部名称");

    harness.get_by_label("支部名称").focus();
    harness.run_steps(1);
    harness.get_by_label("支部名称").type_text("东风社区党支部");
    harness.get_by_label("上级党委").focus();
    harness.run_steps(1);
    harness.get_by_label("上级党委").type_text("中共东风街道工作委员会");
    harness.run_steps(1);
    assert!(
        !label_with(&harness, "请填写支部名称"),
        "the message goes once the name is typed"
    );
    harness.get_by_label("下一步").click();
    harness.run_steps(2);
    assert!(!label_with(&harness, "请填写支部名称"), "and does not follow to step 2");
    harness.get_by_label("下一步").click();
    harness.run_steps(2);
    let names = harness.get_by_label_contains("每行一个姓名");
    names.focus();
    harness.run_steps(1);
    harness
        .get_by_label_contains("每行一个姓名")
        .type_text("张喆 女 1980-05-01 2005-07-01\n李堃\n王玥，男\n");
    harness.run_steps(1);
    harness.get_by_label("完成，建立台账").click();
    harness.run_steps(3);

    let doc = harness.state().doc.as_ref().expect("a ledger is open");
    assert_eq!(doc.ledger.branch.name, "东风社区党支部");
    assert_eq!(doc.ledger.branch.superior, "中共东风街道工作委员会");
    let names: Vec<&str> = doc.ledger.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["张喆", "李堃", "王玥"]);
    use zhibu::model::member::Gender;
    let zhang = &doc.ledger.members[0];
    assert_eq!(zhang.gender, Gender::Female);
    assert_eq!(zhang.birth, Some(zhibu::model::Date::constant(1980, 5, 1)));
    assert_eq!(zhang.joined, Some(zhibu::model::Date::constant(2005, 7, 1)));
    assert_eq!(doc.ledger.members[2].gender, Gender::Male);
    let path = doc.path.clone();
    assert!(path.starts_with(sandbox.path("data")));
    assert_eq!(on_disk(&path).members.len(), 3);
    // The shell is there: navigation and the stage stepper.
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "党员名册");
    harness.get_by_label("准备");
}

#[test]
fn open_the_demo_branch() {
    let sandbox = Sandbox::new();
    let mut harness = harness(sandbox.app(None));
    harness.get_by_label("打开示例支部").click();
    harness.run_steps(3);
    let doc = harness.state().doc.as_ref().expect("demo open");
    assert!(doc.ledger.members.len() >= 30);
    assert!(sandbox.path("data").join("示例支部.ron").exists());
    harness.get_by_label("党员对照检查清单");
}

#[test]
fn the_demo_branch_is_set_around_the_apps_today() {
    let sandbox = Sandbox::new();
    let mut harness = harness(sandbox.app(None));
    harness.get_by_label("打开示例支部").click();
    harness.run_steps(3);
    let doc = harness.state().doc.as_ref().expect("demo open");
    let campaign = &doc.ledger.campaign;
    assert_eq!(campaign.stage, zhibu::model::Stage::Appraisal);
    let appraisal = &campaign.plan.appraisal;
    let today = common::TODAY;
    assert!(
        appraisal.start.is_some_and(|s| s <= today) && appraisal.end.is_some_and(|e| today <= e),
        "{:?}",
        campaign.plan
    );
    assert!(doc.ledger.study.sessions.iter().all(|s| s.date <= today));
}

#[test]
fn a_corrupt_file_is_never_overwritten_and_the_backup_is_offered() {
    let sandbox = Sandbox::new();
    let ledger = common::small_ledger(4);
    let path = sandbox.write_ledger("支部.ron", &ledger);
    // A second save so that a backup of a good state exists.
    let header = zhibu::store::load(&path).expect("load").header;
    let mut changed = ledger.clone();
    changed.branch.secretary = "新书记".into();
    zhibu::store::save(&path, &changed, Some(&header)).expect("save");
    // Damage the file.
    let mut bytes = std::fs::read(&path).expect("read");
    let cut = bytes.len() / 2;
    bytes.truncate(cut);
    std::fs::write(&path, &bytes).expect("write");

    let mut harness = harness(sandbox.app(Some(&path)));
    assert!(harness.state().doc.is_none());
    harness.get_by_label("台账文件无法打开");
    harness.get_by_label_contains("不会覆盖");
    harness.run_steps(5);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "the damaged file is untouched"
    );

    harness.get_by_label("从这份备份恢复").click();
    harness.run_steps(3);
    let doc = harness.state().doc.as_ref().expect("restored");
    assert_eq!(doc.ledger.branch.secretary, "新书记");
    assert_eq!(on_disk(&path).branch.secretary, "新书记");
}

#[test]
fn a_typed_path_beside_open_file_opens_the_ledger_without_a_dialog() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("红星村.ron", &common::small_ledger(3));
    let mut harness = harness(sandbox.app(None));
    harness.get_by_label("打开文件…");
    type_into(&mut harness, "或输入文件路径", path.to_str().expect("path"));
    click(&mut harness, "打开");
    harness.run_steps(2);
    let doc = harness.state().doc.as_ref().expect("the ledger is open");
    assert_eq!(doc.path, path);
    assert_eq!(doc.ledger.branch.name, "红星村党支部");
}

#[test]
fn enter_in_the_typed_path_opens_the_ledger_too() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("红星村.ron", &common::small_ledger(3));
    let mut harness = harness(sandbox.app(None));
    type_into(&mut harness, "或输入文件路径", path.to_str().expect("path"));
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    assert!(harness.state().doc.is_some(), "Enter opens it");
}
