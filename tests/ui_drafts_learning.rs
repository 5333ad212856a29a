//! Nothing typed is lost: on the roster, preparation, settings and learning
//! screens, what is typed in a form is listed as unsaved, survives a crash
//! (the drafts file) and comes back in the same form after 恢复; and in a
//! closed campaign or a read-only window the forms cannot be edited, while
//! the lists and tabs can still be read.

mod common;

use common::{crash_and_restore, field_disabled, id_of, is_disabled, ledger_of, unsaved};

use common::{Sandbox, click, field, harness, on_disk, small_ledger, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use zhibu::model::campaign::Closing;
use zhibu::model::study::Attendance;
use zhibu::model::{Date, Ledger, Settings, Stage};
use zhibu::ui::{Screen, ZhibuApp};

type Harness = egui_kittest::Harness<'static, ZhibuApp>;

fn harness_on(sandbox: &Sandbox, path: &std::path::Path) -> Harness {
    harness(sandbox.app(Some(path)))
}

/// The text field holding `value` (not the text run inside it).
fn holding<'h>(harness: &'h Harness, value: &'h str) -> egui_kittest::Node<'h> {
    harness.get_by(move |node| {
        matches!(node.role(), Role::TextInput | Role::MultilineTextInput) && node.value().as_deref() == Some(value)
    })
}

/// Four members in the learning stage and one session, 李秀英 on leave
/// without a reason yet.
fn learning_ledger() -> Ledger {
    common::learning_with_a_session("")
}

/// A campaign that was accepted and archived.
fn closed(mut ledger: Ledger) -> Ledger {
    ledger.campaign.stage = Stage::Closed;
    ledger.campaign.closing = Some(Closing {
        accepted: Date::constant(2006, 6, 1),
        accepted_by: "县委督导组".into(),
        archived_by: "王建国".into(),
        ..Closing::default()
    });
    ledger
}

#[test]
fn a_new_members_form_comes_back_after_a_crash() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "党员名册");
    click(&mut harness, "新增党员");
    assert_eq!(unsaved(&harness), [], "an untouched new form holds nothing");
    type_into(&mut harness, "姓名 *", "孙悦");
    type_into(&mut harness, "联系电话", "13912345678");
    assert_eq!(unsaved(&harness), [("党员信息".into(), "孙悦".into(), Screen::Roster)]);

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "党员名册");
    let form = harness.state().roster.form.clone().expect("the form is open again");
    assert!(form.is_new);
    assert_eq!(
        (form.input.member.name.as_str(), form.input.member.phone.as_str()),
        ("孙悦", "13912345678")
    );
    holding(&harness, "孙悦");
    holding(&harness, "13912345678");
    assert_eq!(on_disk(&path).members.len(), 3, "restoring saves nothing by itself");
    click(&mut harness, "保存");
    assert_eq!(ledger_of(&harness).members.len(), 4);
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn an_edited_members_form_comes_back_after_a_crash() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "党员名册");
    harness.get_by_label("李秀英").click();
    harness.run_steps(2);
    assert_eq!(unsaved(&harness), [], "a record opened to read holds nothing");
    type_into(&mut harness, "联系电话", "13900002222");
    assert_eq!(
        unsaved(&harness),
        [("党员信息".into(), "李秀英".into(), Screen::Roster)]
    );

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "党员名册");
    let ledger = ledger_of(&harness);
    let form = harness.state().roster.form.clone().expect("the form is open again");
    assert_eq!(form.editing(), Some(id_of(&ledger, "李秀英")));
    assert_eq!(form.input.member.phone, "13900002222");
    holding(&harness, "13900002222");
    assert_eq!(ledger.members[1].phone, "");
}

#[test]
fn a_new_session_comes_back_after_a_crash() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "学习动员");
    click(&mut harness, "新增学习");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "日期", "2005-11-27");
    type_into(&mut harness, "学习内容", "学习十六大报告");
    assert_eq!(
        unsaved(&harness),
        [("学习活动".into(), "2005-11-27 学习十六大报告".into(), Screen::Learning)]
    );

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "学习动员");
    let page = harness.state().learning.page.clone().expect("the page is open again");
    assert!(page.is_new);
    assert_eq!(
        (page.date.0.as_str(), page.draft.topic.as_str()),
        ("2005-11-27", "学习十六大报告")
    );
    holding(&harness, "学习十六大报告");
    holding(&harness, "2005-11-27");
}

#[test]
fn a_leave_reason_being_typed_comes_back_and_is_saved_with_the_session() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "学习动员");
    harness.get_by_label("学习党章").click();
    harness.run_steps(2);
    assert_eq!(unsaved(&harness), [], "an attendance page opened to read holds nothing");
    // Typed, not yet entered: the cursor is still in the field.
    type_into(&mut harness, "李秀英的请假事由", "住院");
    assert_eq!(
        unsaved(&harness),
        [("学习活动".into(), "2005-11-20 学习党章".into(), Screen::Learning)]
    );

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "学习动员");
    holding(&harness, "住院");
    click(&mut harness, "保存修改");
    let ledger = ledger_of(&harness);
    let li = id_of(&ledger, "李秀英");
    assert_eq!(
        ledger.study.sessions[0].attendance[&li],
        Attendance::Leave("住院".into())
    );
    harness.run_steps(1);
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_make_up_comes_back_after_a_crash_and_an_untouched_one_holds_nothing() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "学习动员");
    // Opened from the attendance row with its presets: nothing typed yet.
    harness.get_by_label("学习党章").click();
    harness.run_steps(2);
    click(&mut harness, "为李秀英登记补学");
    harness.get_by_label("补学日期");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "送学人或组织人", "组织委员李秀英");
    type_into(&mut harness, "补学日期", "2005-11-26");
    assert_eq!(
        unsaved(&harness),
        [("补学记录".into(), "李秀英".into(), Screen::Learning)]
    );

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "学习动员");
    let form = harness
        .state()
        .learning
        .make_ups
        .form
        .clone()
        .expect("the form is open again");
    assert_eq!(form.input.draft.delivered_by, "组织委员李秀英");
    holding(&harness, "组织委员李秀英");
    holding(&harness, "2005-11-26");
    click(&mut harness, "保存补学");
    assert_eq!(ledger_of(&harness).study.make_ups.len(), 1);
}

#[test]
fn a_reflection_comes_back_after_a_crash() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "学习动员");
    click(&mut harness, "学习心得");
    click(&mut harness, "新增心得");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "题目", "重温入党誓词的体会");
    assert_eq!(unsaved(&harness).len(), 1);
    assert_eq!(unsaved(&harness)[0].0, "学习心得");

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "学习动员");
    let form = harness.state().learning.reflections.form.clone().expect("open again");
    assert_eq!(form.input.draft.title, "重温入党誓词的体会");
    holding(&harness, "重温入党誓词的体会");
}

#[test]
fn the_requirements_stay_unsaved_until_saved_and_come_back_after_a_crash() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "学习动员");
    click(&mut harness, "具体要求");
    let label = "本支部保持共产党员先进性的具体要求";
    type_into(&mut harness, label, "带头学习科技、带头勤劳致富。");
    harness.get_by_label_contains("未保存（按“保存”存入台账）");
    assert_eq!(
        unsaved(&harness),
        [("具体要求".into(), String::new(), Screen::Learning)]
    );
    // Leaving the tab does not put it in the ledger; it stays a draft.
    click(&mut harness, "学时统计");
    assert_eq!(ledger_of(&harness).study.requirements, "");
    assert_eq!(unsaved(&harness).len(), 1);

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "学习动员");
    click(&mut harness, "具体要求");
    assert_eq!(
        field(&harness, label).accesskit_node().value().as_deref(),
        Some("带头学习科技、带头勤劳致富。")
    );
    click(&mut harness, "保存");
    assert_eq!(ledger_of(&harness).study.requirements, "带头学习科技、带头勤劳致富。");
    harness.get_by_label_contains("已保存");
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn branch_facts_plan_dates_and_the_stage_move_come_back_after_a_crash() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "准备阶段");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "支部名称", "第二");
    // The learning stage's end date, the only field holding it.
    holding(&harness, "2006-01-15").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    holding(&harness, "2006-01-15").type_text("2006-01-20");
    harness.run_steps(2);
    click(&mut harness, "申请转段：转入学习动员");
    assert_eq!(unsaved(&harness).len(), 2, "an untouched stage move holds nothing");
    type_into(&mut harness, "批准人（督导组）", "县委督导组刘明");
    let whats: Vec<String> = unsaved(&harness).into_iter().map(|u| u.0).collect();
    assert_eq!(whats, ["支部基本情况", "实施方案", "转段申请"]);
    assert!(unsaved(&harness).iter().all(|u| u.2 == Screen::Preparation));

    let typed_name = harness.state().prep.branch.clone().expect("a draft").name;
    assert!(typed_name.contains("第二"), "{typed_name}");

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "准备阶段");
    holding(&harness, &typed_name);
    holding(&harness, "2006-01-20");
    holding(&harness, "县委督导组刘明");
    let prep = &harness.state().prep;
    assert_eq!(prep.branch.as_ref().map(|b| b.name.clone()), Some(typed_name));
    assert!(prep.stage_move.open);
    assert_eq!(on_disk(&path).branch.name, "红星村党支部");
}

#[test]
fn the_campaign_name_and_rules_come_back_after_a_crash() {
    let sandbox = Sandbox::new();
    let mut ledger = small_ledger(3);
    ledger.campaign.settings.required_hours = 3.0;
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "设置");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "活动名称", "（第二批）");
    click(&mut harness, "恢复默认值");
    let whats: Vec<String> = unsaved(&harness).into_iter().map(|u| u.0).collect();
    assert_eq!(whats, ["活动名称", "活动规则"]);

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "设置");
    let settings = &harness.state().settings;
    assert_eq!(settings.rules, Some(Settings::default()));
    let name = settings.name.clone().expect("the name draft");
    assert!(name.0.ends_with("（第二批）"), "{name:?}");
    holding(&harness, &name.0);
    assert_eq!(on_disk(&path).campaign.settings.required_hours, 3.0);
}

#[test]
fn a_closed_campaigns_roster_can_be_read_but_not_edited() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &closed(small_ledger(3)));
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "党员名册");
    assert!(is_disabled(&harness, Role::Button, "新增党员"));
    assert!(is_disabled(&harness, Role::Button, "导入名册表格…"));
    assert!(!field_disabled(&harness, "查找"), "searching stays usable");
    harness.get_by_label("李秀英").click();
    harness.run_steps(2);
    assert!(harness.state().roster.form.is_some(), "a record still opens to be read");
    assert!(field_disabled(&harness, "姓名 *"));
    assert!(field_disabled(&harness, "联系电话"));
    assert!(is_disabled(&harness, Role::Button, "保存"));
    assert!(is_disabled(&harness, Role::Button, "删除党员"));
    assert!(!is_disabled(&harness, Role::Button, "关闭"));
}

#[test]
fn a_read_only_window_shows_preparation_and_settings_disabled() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let _first = zhibu::store::lock(&path).expect("another window holds the ledger");
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "准备阶段");
    assert!(field_disabled(&harness, "支部名称"));
    assert!(field_disabled(&harness, "上级党委"));
    assert!(holding(&harness, "2006-01-15").accesskit_node().is_disabled());
    assert!(is_disabled(&harness, Role::Button, "保存支部情况"));
    assert!(is_disabled(&harness, Role::Button, "保存阶段日期"));
    assert!(is_disabled(&harness, Role::Button, "申请转段：转入学习动员"));
    click(&mut harness, "设置");
    assert!(field_disabled(&harness, "活动名称"));
    assert!(is_disabled(&harness, Role::Button, "保存活动名称"));
    assert!(is_disabled(&harness, Role::Button, "恢复默认值"));
    assert!(!is_disabled(&harness, Role::Button, "查看备份"));
}

#[test]
fn a_closed_campaigns_settings_cannot_be_edited() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &closed(small_ledger(3)));
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "设置");
    assert!(field_disabled(&harness, "活动名称"));
    assert!(is_disabled(&harness, Role::Button, "恢复默认值"));
    click(&mut harness, "准备阶段");
    assert!(field_disabled(&harness, "支部名称"));
}

#[test]
fn a_read_only_window_shows_the_learning_forms_disabled_and_ignores_attendance_keys() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let _first = zhibu::store::lock(&path).expect("another window holds the ledger");
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "学习动员");
    assert!(is_disabled(&harness, Role::Button, "新增学习"));
    assert!(!field_disabled(&harness, "查找"));
    harness.get_by_label("学习党章").click();
    harness.run_steps(2);
    assert!(
        harness.state().learning.page.is_some(),
        "a session still opens to be read"
    );
    assert!(field_disabled(&harness, "学习内容"));
    assert!(field_disabled(&harness, "李秀英的请假事由"));
    assert!(is_disabled(&harness, Role::Button, "保存修改"));
    assert!(is_disabled(&harness, Role::Button, "删除这次学习"));
    assert!(is_disabled(&harness, Role::Button, "全部出席"));
    assert!(is_disabled(&harness, Role::Button, "王建国：缺席"));
    assert!(is_disabled(&harness, Role::Button, "为李秀英登记补学"));
    // The keys mark nothing: no edit is even tried.
    let before = ledger_of(&harness).study.sessions[0].attendance.clone();
    harness.key_press(egui::Key::Num3);
    harness.run_steps(2);
    assert_eq!(ledger_of(&harness).study.sessions[0].attendance, before);
    assert!(harness.query_by_label_contains("不能修改").is_none());

    click(&mut harness, "← 返回");
    click(&mut harness, "补学");
    assert!(is_disabled(&harness, Role::Button, "新增补学"));
    click(&mut harness, "学习心得");
    assert!(is_disabled(&harness, Role::Button, "新增心得"));
    click(&mut harness, "具体要求");
    assert!(field_disabled(&harness, "本支部保持共产党员先进性的具体要求"));
    click(&mut harness, "动员大会");
    assert!(is_disabled(&harness, Role::Button, "登记动员大会"));
}

#[test]
fn a_closed_campaigns_learning_forms_are_disabled() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &closed(learning_ledger()));
    let mut harness = harness_on(&sandbox, &path);
    click(&mut harness, "学习动员");
    assert!(is_disabled(&harness, Role::Button, "新增学习"));
    click(&mut harness, "学时统计");
    harness.get_by_label("刘洋").click();
    harness.run_steps(2);
    assert!(field_disabled(&harness, "免学理由"));
    assert!(is_disabled(&harness, Role::Button, "登记免学"));
}
