//! The learning stage as a secretary works it: record a session, mark who
//! was on leave, record make-up study, watch the hours and the look-back
//! gate follow, and undo.

mod common;

use common::{id_of, ledger_of, retype};

use common::{Sandbox, TODAY, click, field, harness, small_ledger, type_into};
use egui_kittest::kittest::Queryable;
use zhibu::model::study::{Attendance, SessionKind};
use zhibu::model::{Ledger, Stage};
use zhibu::progress::{gate, hours_of};

/// Four members in the learning stage; 3 hours are enough, so that one
/// session decides who meets the requirement.
fn learning_ledger() -> Ledger {
    let mut ledger = small_ledger(4);
    ledger.campaign.stage = Stage::Learning;
    ledger.campaign.settings.required_hours = 3.0;
    ledger
}

#[test]
fn session_leave_make_up_hours_gate_and_undo() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "学习动员");
    click(&mut harness, "新增学习");

    // A wrong entry first: the message says what is wrong, nothing is kept.
    type_into(&mut harness, "日期", "2005-11-20");
    type_into(&mut harness, "学时", "13");
    type_into(&mut harness, "学习内容", "学习党章总纲");
    click(&mut harness, "保存并登记考勤");
    harness.get_by_label("学时不能超过 12");
    assert!(ledger_of(&harness).study.sessions.is_empty());

    field(&harness, "学时").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field(&harness, "学时").type_text("3");
    harness.run_steps(2);
    click(&mut harness, "保存并登记考勤");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.study.sessions.len(), 1);
    let session = &ledger.study.sessions[0];
    assert_eq!((session.hours, session.stage), (3.0, Stage::Learning));
    assert_eq!(session.attendance.len(), 4);
    assert!(session.attendance.values().all(|a| *a == Attendance::Present));

    // The attendance page is open: two members on leave, one with a reason.
    harness.get_by_label_contains("应到 4 人，出席 4");
    click(&mut harness, "李秀英：请假");
    click(&mut harness, "张伟：请假");
    type_into(&mut harness, "李秀英的请假事由", "住院");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    let ledger = ledger_of(&harness);
    let (li, zhang) = (id_of(&ledger, "李秀英"), id_of(&ledger, "张伟"));
    let attendance = &ledger.study.sessions[0].attendance;
    assert_eq!(attendance[&li], Attendance::Leave("住院".into()));
    assert_eq!(attendance[&zhang], Attendance::Leave(String::new()));
    assert_eq!(hours_of(&ledger, li).expect("li").total(), 0.0);
    harness.get_by_label_contains("出席 2，请假 2，缺席 0");

    // Make-up study for 李秀英 from her row.
    click(&mut harness, "为李秀英登记补学");
    harness.get_by_label("补学日期");
    type_into(&mut harness, "补学日期", "2005-11-26");
    click(&mut harness, "保存补学");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.study.make_ups.len(), 1);
    let li_hours = hours_of(&ledger, li).expect("li");
    assert_eq!((li_hours.made_up, li_hours.total()), (3.0, 3.0));
    assert!(li_hours.met());
    assert!(!hours_of(&ledger, zhang).expect("zhang").met());

    // The gate lists 张伟 but no longer 李秀英.
    click(&mut harness, "回头看");
    harness.get_by_label_contains("张伟：学时 0/3，还差 3 学时");
    assert!(harness.query_by_label_contains("李秀英：学时").is_none());
    let g = gate(&ledger, Stage::Learning, TODAY);
    let hours_check = g
        .checks
        .iter()
        .find(|c| c.label.starts_with("每名党员学时"))
        .expect("check");
    assert_eq!(hours_check.unmet.len(), 1);

    // Undo takes the make-up back, and the gate lists her again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    let ledger = ledger_of(&harness);
    assert!(ledger.study.make_ups.is_empty());
    harness.get_by_label_contains("李秀英：学时 0/3，还差 3 学时");
}

#[test]
fn attendance_by_keyboard_and_all_present() {
    let sandbox = Sandbox::new();
    let mut ledger = learning_ledger();
    let mut session = zhibu::model::study::Session {
        id: zhibu::model::SessionId(ledger.next_id()),
        date: zhibu::model::Date::constant(2005, 11, 20),
        hours: 2.0,
        topic: "学习读本".into(),
        ..Default::default()
    };
    for m in &ledger.members {
        session.attendance.insert(m.id, Attendance::Present);
    }
    ledger.study.sessions.push(session.into());
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "学习动员");
    harness.get_by_label("学习读本").click();
    harness.run_steps(2);
    harness.get_by_label_contains("应到 4 人");
    // Cursor on the first row; ↓ to the second, 3 = 缺席 (and the cursor
    // moves on), 2 = 请假 for the third.
    harness.key_press(egui::Key::ArrowDown);
    harness.key_press(egui::Key::Num3);
    harness.key_press(egui::Key::Num2);
    harness.run_steps(2);
    let ledger = ledger_of(&harness);
    let attendance = &ledger.study.sessions[0].attendance;
    assert_eq!(attendance[&ledger.members[0].id], Attendance::Present);
    assert_eq!(attendance[&ledger.members[1].id], Attendance::Absent);
    assert!(matches!(attendance[&ledger.members[2].id], Attendance::Leave(_)));
    click(&mut harness, "全部出席");
    let ledger = ledger_of(&harness);
    assert!(
        ledger.study.sessions[0]
            .attendance
            .values()
            .all(|a| *a == Attendance::Present)
    );
}

#[test]
fn mobilisation_requirements_and_exemption_close_their_checks() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "学习动员");
    click(&mut harness, "回头看");
    harness.get_by_label_contains("尚未登记动员大会");
    harness.get_by_label_contains("尚未填写本支部的具体要求");

    // The gate's link goes to the mobilisation tab.
    let links = harness.query_all_by_role_and_label(egui::accesskit::Role::Link, "去处理：动员大会");
    links.into_iter().next().expect("a link").click();
    harness.run_steps(2);
    click(&mut harness, "登记动员大会");
    type_into(&mut harness, "日期", "2005-11-16");
    type_into(&mut harness, "学时", "2");
    click(&mut harness, "保存并登记考勤");
    let ledger = ledger_of(&harness);
    let meeting = ledger.study.mobilisation().expect("recorded");
    assert_eq!(meeting.kind, SessionKind::Mobilisation);
    assert_eq!(meeting.attendance.len(), 4);
    harness.get_by_label_contains("应到 4 人");

    click(&mut harness, "具体要求");
    type_into(
        &mut harness,
        "本支部保持共产党员先进性的具体要求",
        "带头学习科技、带头勤劳致富。",
    );
    // 保存 puts it into the ledger (leaving the tab keeps it as a draft).
    click(&mut harness, "保存");
    click(&mut harness, "学时统计");
    assert_eq!(ledger_of(&harness).study.requirements, "带头学习科技、带头勤劳致富。");

    // An exemption needs a reason; then the member counts as met.
    harness.get_by_label("刘洋").click();
    harness.run_steps(2);
    type_into(&mut harness, "免学理由", "重病卧床");
    click(&mut harness, "登记免学");
    let ledger = ledger_of(&harness);
    let liu = id_of(&ledger, "刘洋");
    assert_eq!(ledger.study.exemption(liu).map(|e| e.reason.as_str()), Some("重病卧床"));
    assert_eq!(ledger.study.exemption(liu).map(|e| e.date), Some(TODAY));
    assert!(hours_of(&ledger, liu).expect("liu").met());
    let g = gate(&ledger, Stage::Learning, TODAY);
    assert!(g.checks[0].is_met() && g.checks[3].is_met(), "{g:#?}");
}

#[test]
fn matrix_of_500_members_and_100_sessions_renders() {
    let sandbox = Sandbox::new();
    let ledger = zhibu::demo::demo_ledger_with_sessions(500, 100, TODAY);
    assert_eq!(ledger.study.sessions.len(), 100);
    let path = sandbox.write_ledger("大支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "学习动员");
    click(&mut harness, "考勤总表");
    harness.get_by_label("只看学时未达标").click();
    harness.run_steps(2);
    click(&mut harness, "学时统计");
    harness.get_by_label_contains("要求每人 40 学时：达标");
}

#[test]
fn every_bad_session_field_gets_a_message_and_nothing_is_stored() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &learning_ledger());
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "学习动员");
    click(&mut harness, "新增学习");
    type_into(&mut harness, "日期", "2005-11-20");
    type_into(&mut harness, "学时", "2");
    type_into(&mut harness, "学习内容", "学习党章");
    let cases: [(&str, &str, &str); 9] = [
        ("日期", "", "请填写日期"),
        ("日期", "2005-02-30", "2005-02-30"),
        ("日期", "2005-11-14", "早于活动开始"),
        ("日期", "2006-06-01", "晚于活动结束"),
        ("学时", "-1", "学时必须大于 0"),
        ("学时", "0", "学时必须大于 0"),
        ("学时", "25", "学时不能超过 12"),
        ("学时", "abc", "不是学时数"),
        ("学习内容", "", "请填写学习内容"),
    ];
    for (label, bad, message) in cases {
        let good = field(&harness, label).value().unwrap_or_default();
        retype(&mut harness, label, bad);
        click(&mut harness, "保存并登记考勤");
        assert!(
            harness.query_by_label_contains(message).is_some(),
            "{label} = {bad:?}: expected a message containing {message}"
        );
        assert!(
            ledger_of(&harness).study.sessions.is_empty(),
            "{label} = {bad:?} was stored"
        );
        retype(&mut harness, label, &good);
    }
    click(&mut harness, "保存并登记考勤");
    assert_eq!(ledger_of(&harness).study.sessions.len(), 1);
}
