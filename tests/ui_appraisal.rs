//! The appraisal stage as a secretary works it, through the real screens:
//! opinions entered and merged, fed back and signed for; a talk card; each
//! member's analysis saved and made final; the organisational-life meeting
//! held with a make-up; the ballot counted
//! (a count that does not add up is refused); self-appraisal and grades;
//! the branch's opinions; the report — ending with the stage gate met.

mod common;

use common::{id_of, ledger_of};

use common::{Sandbox, TODAY, click, field, harness, small_ledger, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::analysis::{Analysis, AnalysisStatus, Revision};
use zhibu::model::appraisal::Grade;
use zhibu::model::talk::TalkCard;
use zhibu::model::{Date, Ledger, MemberId, Stage};
use zhibu::progress::gate;
use zhibu::ui::ZhibuApp;

/// Three members in the appraisal stage, with the campaign running now;
/// the talks and analyses are already done (the main flow clears them and
/// does them through their screens), and the rules are small so that one
/// card and a sentence are enough.
fn appraisal_ledger() -> Ledger {
    let mut ledger = small_ledger(3);
    common::running_now(&mut ledger, Stage::Appraisal);
    let settings = &mut ledger.campaign.settings;
    settings.talks_required = 1;
    settings.talks_required_cadre = 2;
    settings.analysis_chars = 10;
    settings.analysis_chars_cadre = 20;
    let members: Vec<MemberId> = ledger.members.iter().map(|m| m.id).collect();
    let card = TalkCard {
        id: zhibu::model::TalkId(ledger.next_id()),
        date: Date::constant(2026, 11, 1),
        topic: "相互谈心".into(),
        members: members.clone(),
        ..TalkCard::default()
    };
    ledger.talks.push(card.into());
    for member in members {
        let id = zhibu::model::AnalysisId(ledger.next_id());
        ledger.analyses.push(
            Analysis {
                id,
                member,
                status: AnalysisStatus::Final,
                revisions: vec![Revision {
                    date: Date::constant(2026, 11, 5),
                    text: "对照党章查找问题，剖析根源，明确方向。".into(),
                    ..Revision::default()
                }],
                ..Analysis::default()
            }
            .into(),
        );
    }
    ledger
}

/// Clicks whatever is labelled `label` (a row's name, a list entry).
fn click_label(harness: &mut Harness<'static, ZhibuApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(2);
}

fn add_opinion(harness: &mut Harness<'static, ZhibuApp>, date: &str, content: &str) {
    click(harness, "登记意见");
    type_into(harness, "日期", date);
    type_into(harness, "意见内容（只谈问题不谈成绩）", content);
    click(harness, "保存意见");
}

/// Clicks a button once the panel it is in has finished scrolling to it.
fn click_settled(harness: &mut Harness<'static, ZhibuApp>, label: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, label)
        .scroll_to_me();
    harness.run_steps(6);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    harness.run_steps(2);
}

#[expect(
    clippy::too_many_lines,
    reason = "the whole appraisal stage as a user walks it, in order"
)]
#[test]
fn seven_links_end_with_the_stage_gate_met() {
    let sandbox = Sandbox::new();
    let mut ledger = appraisal_ledger();
    // Every link through its screen: no talks or materials yet.
    ledger.talks.clear();
    ledger.analyses.clear();
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "分析评议");

    // 1. Opinions: two raw ones about 张伟, merged into one, fed back and
    // signed for; then one about the branch.
    click(&mut harness, "登记意见");
    click(&mut harness, "保存意见");
    harness.get_by_label("请填写收到意见的日期");
    assert!(ledger_of(&harness).opinions.opinions.is_empty());
    type_into(&mut harness, "日期", "2026-11-02");
    type_into(&mut harness, "意见内容（只谈问题不谈成绩）", "开会经常迟到");
    click_label(&mut harness, "党员");
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "党员姓名")
        .click();
    harness.run_steps(2);
    click_label(&mut harness, "张伟");
    click(&mut harness, "保存意见");
    add_opinion(&mut harness, "2026-11-03", "组织生活会迟到早退");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.opinions.opinions.len(), 2);
    let zhang = id_of(&ledger, "张伟");
    assert_eq!(
        ledger.opinions.opinions[0].about,
        zhibu::model::opinion::Target::Member(zhang)
    );
    harness.get_by_label("征求 2 条，梳理为 0 条");
    for opinion in &ledger.opinions.opinions {
        click_label(&mut harness, &format!("勾选意见{}", opinion.id.0));
    }
    click(&mut harness, "归并为一条意见");
    click(&mut harness, "归并");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.opinions.issues.len(), 1);
    assert_eq!(
        ledger.opinions.issues[0].about,
        zhibu::model::opinion::Target::Member(zhang)
    );
    assert!(ledger.opinions.opinions.iter().all(|o| o.issue.is_some()));
    harness.get_by_label("征求 2 条，梳理为 1 条");

    click(&mut harness, "个人意见清单");
    click_label(&mut harness, "张伟");
    harness.get_by_label("张伟的意见清单");
    click(&mut harness, "全部今天反馈");
    click(&mut harness, "全部今天签收");
    let issue = &ledger_of(&harness).opinions.issues[0];
    assert_eq!((issue.fed_back, issue.signed), (Some(TODAY), Some(TODAY)));

    // 2. One talk card for all three (the rule here is one talk each).
    click(&mut harness, "谈心谈话");
    click(&mut harness, "新增谈心记录");
    type_into(&mut harness, "谈话日期", "2026-11-01");
    type_into(&mut harness, "谈话主题", "相互谈心，查找不足");
    for name in ["王建国", "李秀英", "张伟"] {
        harness.get_by_label("添加谈话党员").click();
        harness.run_steps(2);
        harness
            .get_by_role_and_label(egui::accesskit::Role::Button, name)
            .click();
        harness.run_steps(2);
    }
    click_settled(&mut harness, "保存谈心记录");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.talks.len(), 1);
    assert_eq!(ledger.talks[0].members.len(), 3);

    // 3. Each member's analysis: a draft saved, then reviewed and final.
    harness.get_by_label("党性分析").click();
    harness.run_steps(2);
    for name in ["王建国", "李秀英", "张伟"] {
        click_label(&mut harness, name);
        type_into(&mut harness, "一、基本情况和学习收获", "本人对照党章查找了自身的不足。");
        click(&mut harness, "保存为新一稿");
        type_into(&mut harness, "审阅人", "王建国");
        click(&mut harness, "定稿");
    }
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.analyses.len(), 3);
    assert!(
        ledger
            .analyses
            .iter()
            .all(|a| a.status == AnalysisStatus::Final && a.revisions.len() == 1)
    );

    // 4. The meeting: the precheck is met; 张伟 is absent and makes up.
    click(&mut harness, "组织生活会");
    click(&mut harness, "登记专题组织生活会");
    type_into(&mut harness, "主持人", "王建国");
    harness.get_by_label("会议已召开").click();
    harness.run_steps(2);
    click(&mut harness, "登记会议");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.meetings.len(), 1);
    assert!(ledger.meetings[0].held);
    assert_eq!(ledger.meetings[0].attendance.len(), 3);
    click(&mut harness, "张伟：缺席");
    assert_eq!(
        ledger_of(&harness).meetings[0].attendance.get(&zhang),
        Some(&zhibu::model::study::Attendance::Absent)
    );
    harness.get_by_label("未补课");
    click_label(&mut harness, "张伟");
    harness.get_by_label("已补课").click();
    harness.run_steps(2);
    type_into(&mut harness, "补课方式", "单独补开，上门听取意见");
    type_into(&mut harness, "自我批评（摘要）", "组织纪律观念淡薄，开会经常迟到。");
    click(&mut harness, "保存本人记录");
    let meeting = &ledger_of(&harness).meetings[0];
    assert_eq!(meeting.make_ups.get(&zhang).map(|m| m.date), Some(TODAY));
    assert!(
        meeting
            .remarks
            .get(&zhang)
            .is_some_and(|r| r.self_criticism.contains("迟到"))
    );

    // 5. The ballot: a count that does not add up is refused.
    click(&mut harness, "民主评议");
    click(&mut harness, "登记党员互评票数");
    type_into(&mut harness, "实到", "3");
    type_into(&mut harness, "有效票", "3");
    type_into(&mut harness, "无效票", "1");
    click(&mut harness, "保存票数");
    harness.get_by_label("有效票 3 张 + 无效票 1 张 = 4 张，与实到 3 人不符");
    assert!(ledger_of(&harness).appraisal.rounds.is_empty());
    field(&harness, "无效票").focus();
    harness.run_steps(1);
    harness.key_press(egui::Key::Backspace);
    field(&harness, "无效票").type_text("0");
    harness.run_steps(2);
    for name in ["王建国", "李秀英", "张伟"] {
        type_into(&mut harness, &format!("{name}合格"), "3");
    }
    click(&mut harness, "保存票数");
    let round = ledger_of(&harness).appraisal.rounds[0].clone();
    assert_eq!(
        (round.expected, round.present, round.valid, round.invalid),
        (3, 3, 3, 0)
    );
    assert!(round.tallies.iter().all(|t| t.qualified == 3 && t.total() == 3));

    // Self-appraisal and the committee's grade, member by member.
    click(&mut harness, "自评和评定等次");
    for name in ["王建国", "李秀英", "张伟"] {
        click_label(&mut harness, name);
        click(&mut harness, "今天");
        harness
            .get_by_role_and_label(egui::accesskit::Role::ComboBox, "组织评定")
            .click();
        harness.run_steps(2);
        // The grade in the list that has just opened (the table shows
        // grades too, as plain labels).
        harness
            .get_by_role_and_label(egui::accesskit::Role::Button, "合格")
            .click();
        harness.run_steps(2);
        click(&mut harness, "保存评议结果");
        let saved = ledger_of(&harness);
        assert!(
            saved.appraisal.result(id_of(&saved, name)).is_some(),
            "{name} not saved"
        );
        click(&mut harness, "关闭");
    }
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.appraisal.results.len(), 3);
    assert!(
        ledger
            .appraisal
            .results
            .iter()
            .all(|r| r.grade == Some(Grade::Qualified) && r.self_appraisal == Some(TODAY))
    );

    // 6. The branch's opinion of each member.
    click(&mut harness, "评议意见");
    for name in ["王建国", "李秀英", "张伟"] {
        click_label(&mut harness, name);
        type_into(
            &mut harness,
            "评议意见（肯定成绩，指出不足，提出努力方向）",
            "学习认真，能发挥作用。",
        );
        click(&mut harness, "保存评议意见");
    }
    assert!(
        ledger_of(&harness)
            .appraisal
            .results
            .iter()
            .all(|r| r.branch_opinion == "学习认真，能发挥作用。")
    );

    // 7. The report.
    click(&mut harness, "通报情况");
    type_into(&mut harness, "向党员通报日期", "2026-11-24");
    type_into(&mut harness, "通报方式", "党员大会");
    type_into(&mut harness, "向群众公布日期", "2026-11-24");
    type_into(&mut harness, "公布方式", "村务公开栏");
    click(&mut harness, "保存通报情况");

    // The look-back gate is met, and the records are on disk.
    click(&mut harness, "回头看");
    let ledger = ledger_of(&harness);
    let stage_gate = gate(&ledger, Stage::Appraisal, TODAY);
    assert!(stage_gate.is_met(), "{stage_gate:#?}");
    assert_eq!(ledger.appraisal.reported, Some(TODAY));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    assert_eq!(common::on_disk(&path).appraisal, ledger.appraisal);
}

#[test]
fn holding_the_meeting_against_the_three_dont_convenes_needs_a_reason() {
    let sandbox = Sandbox::new();
    let mut ledger = appraisal_ledger();
    ledger.talks.clear();
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "分析评议");
    click(&mut harness, "组织生活会");
    assert_eq!(harness.get_all_by_label_contains("谈心 0/1 次").count(), 3);
    click(&mut harness, "登记专题组织生活会");
    type_into(&mut harness, "主持人", "王建国");
    harness.get_by_label("会议已召开").click();
    harness.run_steps(2);
    click(&mut harness, "登记会议");
    harness.get_by_label_contains("谈心谈话充分）：按规定不应召开");
    assert!(ledger_of(&harness).meetings.is_empty());
    type_into(&mut harness, "召开理由", "上级统一安排，谈心会后补齐");
    click(&mut harness, "登记会议");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.meetings.len(), 1);
    assert_eq!(ledger.meetings[0].precheck_override, "上级统一安排，谈心会后补齐");
}
