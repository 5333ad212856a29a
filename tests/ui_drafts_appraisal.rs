//! Nothing typed is lost on the appraisal and rectification screens: a
//! member's analysis draft, a talk card, an opinion, the meeting, a ballot
//! count, the branch's opinion, a commitment, a plan item, a rule, a
//! survey and the summary are listed as unsaved while typed, survive a
//! crash (the drafts file) and come back in the same editor after 恢复;
//! leaving a member's analysis draft can save it first; and in a closed
//! campaign or a read-only window the forms cannot be edited while the
//! tabs and lists still work — except 重新打开活动, which a closed
//! campaign is there for.

mod common;

use common::{crash_and_restore, field_disabled, id_of, is_disabled, label_with, ledger_of, retype, unsaved};

use common::{Sandbox, click, field, harness, on_disk, small_ledger, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhibu::model::campaign::Closing;
use zhibu::model::rectification::Commitment;
use zhibu::model::{CommitmentId, Date, Ledger, MemberId, Stage};
use zhibu::ui::{Screen, ZhibuApp};

type Harness = egui_kittest::Harness<'static, ZhibuApp>;

fn item(what: &str, which: &str, screen: Screen) -> (String, String, Screen) {
    (what.to_owned(), which.to_owned(), screen)
}

fn value_of(harness: &Harness, label: &str) -> String {
    field(harness, label).value().unwrap_or_default()
}

/// Clicks a tab, a list row or a header by its label.
fn click_label(harness: &mut Harness, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(2);
}

/// Clicks a button at the foot of a form taller than its panel, once the
/// scroll to it has settled.
fn click_settled(harness: &mut Harness, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).scroll_to_me();
    harness.run_steps(6);
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run_steps(2);
}

/// Four members in the appraisal stage.
fn appraisal_ledger() -> Ledger {
    let mut ledger = small_ledger(4);
    ledger.campaign.stage = Stage::Appraisal;
    ledger
}

/// Three members in the rectification stage, the campaign running now.
fn rectification_ledger() -> Ledger {
    let mut ledger = small_ledger(3);
    common::running_now(&mut ledger, Stage::Rectification);
    ledger
}

/// The rectification ledger with one commitment, accepted and archived.
fn closed_ledger() -> Ledger {
    let mut ledger = rectification_ledger();
    let zhang = id_of(&ledger, "张伟");
    let id = CommitmentId(ledger.next_id());
    ledger.rectification.commitments.push(Commitment {
        id,
        member: zhang,
        problem: "理论学习不够系统".into(),
        measure: "每月读一本书".into(),
        deadline: Some(Date::constant(2027, 1, 15)),
        responsible: "张伟".into(),
        ..Commitment::default()
    });
    ledger.campaign.stage = Stage::Closed;
    ledger.campaign.closing = Some(Closing {
        accepted: Date::constant(2026, 11, 20),
        accepted_by: "县委督导组".into(),
        archived_by: "王建国".into(),
        ..Closing::default()
    });
    ledger
}

/// The app on `ledger`, at a tab of a screen.
fn open_at(ledger: &Ledger, screen: &str, tab: &str) -> (Sandbox, std::path::PathBuf, Harness) {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, screen);
    click(&mut harness, tab);
    (sandbox, path, harness)
}

const OPENING: &str = "一、基本情况和学习收获";

#[test]
fn an_analysis_draft_comes_back_after_a_crash_with_its_count() {
    let (sandbox, path, mut harness) = open_at(&appraisal_ledger(), "分析评议", "党性分析");
    click_label(&mut harness, "张伟");
    assert_eq!(unsaved(&harness), [], "a member opened to read holds nothing");
    type_into(&mut harness, OPENING, "本人1990年入党，学习不够系统。");
    assert_eq!(unsaved(&harness), [item("党性分析", "张伟", Screen::Appraisal)]);
    assert!(label_with(&harness, "草稿未保存：党性分析 1 份"));

    let harness = crash_and_restore(&sandbox, &path, harness);
    assert_eq!(harness.state().screen, Screen::Appraisal);
    harness.get_by_label("张伟的党性分析材料");
    assert_eq!(value_of(&harness, OPENING), "本人1990年入党，学习不够系统。");
    harness.get_by_label("● 未保存的修改");
    assert!(label_with(&harness, "字数 17/"), "the count is worked out again");
    assert_eq!(unsaved(&harness), [item("党性分析", "张伟", Screen::Appraisal)]);
    assert!(on_disk(&path).analyses.is_empty(), "restoring saves nothing by itself");
}

#[test]
fn a_review_comment_being_typed_is_unsaved() {
    let mut ledger = appraisal_ledger();
    let zhang = id_of(&ledger, "张伟");
    let id = zhibu::model::AnalysisId(ledger.next_id());
    ledger.analyses.push(
        zhibu::model::analysis::Analysis {
            id,
            member: zhang,
            revisions: vec![zhibu::model::analysis::Revision {
                date: Date::constant(2006, 1, 20),
                text: "初稿正文".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
        .into(),
    );
    let (sandbox, path, mut harness) = open_at(&ledger, "分析评议", "党性分析");
    click_label(&mut harness, "张伟");
    type_into(&mut harness, "审阅人", "王建国");
    assert_eq!(unsaved(&harness), [], "the reviewer alone is kept for the next review");
    type_into(&mut harness, "审阅意见", "问题找得不够准");
    assert_eq!(unsaved(&harness), [item("审阅意见", "张伟", Screen::Appraisal)]);
    let harness = crash_and_restore(&sandbox, &path, harness);
    assert_eq!(value_of(&harness, "审阅意见"), "问题找得不够准");
    assert_eq!(value_of(&harness, "审阅人"), "王建国");
}

#[test]
fn leaving_an_analysis_draft_can_save_it_first() {
    let (_sandbox, _path, mut harness) = open_at(&appraisal_ledger(), "分析评议", "党性分析");
    click_label(&mut harness, "张伟");
    type_into(&mut harness, OPENING, "先写一段");
    // Today is outside the campaign: saving is refused, and says why.
    click_label(&mut harness, "刘洋");
    harness.get_by_label("「党性分析 · 张伟」有未保存的修改。不保存就切换，这些修改会丢失。");
    click(&mut harness, "保存并切换");
    harness.get_by_label("张伟的党性分析材料");
    assert!(label_with(&harness, "晚于活动结束"), "the save row says why");
    assert_eq!(value_of(&harness, OPENING), "先写一段");
    assert!(ledger_of(&harness).analyses.is_empty());

    // With a date in the campaign, the draft is saved and 刘洋 opens.
    retype(&mut harness, "稿件日期", "2006-01-20");
    click_label(&mut harness, "刘洋");
    click(&mut harness, "保存并切换");
    harness.get_by_label("刘洋的党性分析材料");
    let ledger = ledger_of(&harness);
    let zhang = id_of(&ledger, "张伟");
    let saved = ledger.analyses.iter().find(|a| a.member == zhang).expect("saved");
    assert_eq!(saved.revisions.len(), 1);
    assert_eq!(saved.revisions[0].parts.opening, "先写一段");
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_talk_card_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&appraisal_ledger(), "分析评议", "谈心谈话");
    click(&mut harness, "新增谈心记录");
    assert_eq!(unsaved(&harness), [], "an untouched new card holds nothing");
    type_into(&mut harness, "谈话主题", "工作作风");
    type_into(&mut harness, "谈话内容", "谈到了开会迟到的问题");
    assert_eq!(unsaved(&harness), [item("谈心谈话记录", "", Screen::Appraisal)]);

    let harness = crash_and_restore(&sandbox, &path, harness);
    assert_eq!(value_of(&harness, "谈话主题"), "工作作风");
    assert_eq!(value_of(&harness, "谈话内容"), "谈到了开会迟到的问题");
}

#[test]
fn an_opinion_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&appraisal_ledger(), "分析评议", "征求意见");
    click(&mut harness, "登记意见");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "日期", "2006-01-20");
    type_into(&mut harness, "意见内容（只谈问题不谈成绩）", "村务公开不及时");
    assert_eq!(unsaved(&harness), [item("征求意见", "2006-01-20", Screen::Appraisal)]);

    let harness = crash_and_restore(&sandbox, &path, harness);
    assert_eq!(value_of(&harness, "意见内容（只谈问题不谈成绩）"), "村务公开不及时");
    assert_eq!(value_of(&harness, "日期"), "2006-01-20");
}

#[test]
fn the_meeting_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&appraisal_ledger(), "分析评议", "组织生活会");
    click(&mut harness, "登记专题组织生活会");
    assert_eq!(unsaved(&harness), [], "the date it opens with is not typing");
    type_into(&mut harness, "主持人", "王建国");
    type_into(&mut harness, "地点", "村委会会议室");
    assert_eq!(unsaved(&harness).len(), 1);
    assert_eq!(unsaved(&harness)[0].0, "组织生活会");

    let harness = crash_and_restore(&sandbox, &path, harness);
    assert_eq!(value_of(&harness, "主持人"), "王建国");
    assert_eq!(value_of(&harness, "地点"), "村委会会议室");
    harness.get_by_label("登记会议");
}

#[test]
fn a_ballot_count_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&appraisal_ledger(), "分析评议", "民主评议");
    click(&mut harness, "登记党员互评票数");
    assert_eq!(unsaved(&harness), [], "the empty tally rows are not typing");
    type_into(&mut harness, "实到", "4");
    type_into(&mut harness, "张伟优秀", "3");
    assert_eq!(unsaved(&harness), [item("测评票", "党员互评", Screen::Appraisal)]);

    let harness = crash_and_restore(&sandbox, &path, harness);
    harness.get_by_label("党员互评票数");
    assert_eq!(value_of(&harness, "实到"), "4");
    assert_eq!(value_of(&harness, "张伟优秀"), "3");
}

#[test]
fn leaving_a_typed_ballot_count_by_its_back_button_asks_first() {
    let (_sandbox, _path, mut harness) = open_at(&appraisal_ledger(), "分析评议", "民主评议");
    click(&mut harness, "登记党员互评票数");
    click(&mut harness, "返回列表");
    assert!(
        harness.query_by_label("党员互评票数").is_none(),
        "nothing typed: back at once"
    );
    click(&mut harness, "登记党员互评票数");
    type_into(&mut harness, "张伟优秀", "3");
    click(&mut harness, "返回列表");
    harness.get_by_label_contains("有未保存的修改");
    click(&mut harness, "继续编辑");
    assert_eq!(value_of(&harness, "张伟优秀"), "3", "the typing is still there");
    click(&mut harness, "返回列表");
    click(&mut harness, "放弃修改并关闭");
    assert!(harness.query_by_label("党员互评票数").is_none());
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn the_branch_opinion_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&appraisal_ledger(), "分析评议", "评议意见");
    click_label(&mut harness, "张伟");
    assert_eq!(unsaved(&harness), []);
    let label = "评议意见（肯定成绩，指出不足，提出努力方向）";
    type_into(&mut harness, label, "工作积极，学习有待加强。");
    assert_eq!(unsaved(&harness), [item("支部评议意见", "张伟", Screen::Appraisal)]);

    let harness = crash_and_restore(&sandbox, &path, harness);
    harness.get_by_label("对张伟的评议意见");
    assert_eq!(value_of(&harness, label), "工作积极，学习有待加强。");
}

#[test]
fn a_commitment_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&rectification_ledger(), "整改提高", "整改承诺");
    click(&mut harness, "新增承诺");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "存在的问题", "开会经常迟到");
    type_into(&mut harness, "整改措施", "提前十分钟到会");
    assert_eq!(unsaved(&harness), [item("整改承诺", "", Screen::Rectification)]);

    let harness = crash_and_restore(&sandbox, &path, harness);
    assert_eq!(harness.state().screen, Screen::Rectification);
    harness.get_by_label("新增整改承诺");
    assert_eq!(value_of(&harness, "存在的问题"), "开会经常迟到");
    assert_eq!(value_of(&harness, "整改措施"), "提前十分钟到会");
    assert!(on_disk(&path).rectification.commitments.is_empty());
}

#[test]
fn a_plan_item_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&rectification_ledger(), "整改提高", "整改台账");
    click(&mut harness, "新增整改事项");
    assert_eq!(unsaved(&harness), [], "the secretary as 责任人 is not typing");
    type_into(&mut harness, "问题", "村道路灯不亮");
    type_into(&mut harness, "整改措施", "一个月内修好");
    assert_eq!(
        unsaved(&harness),
        [item("整改台账", "村道路灯不亮", Screen::Rectification)]
    );

    let harness = crash_and_restore(&sandbox, &path, harness);
    assert_eq!(value_of(&harness, "问题"), "村道路灯不亮");
    assert_eq!(value_of(&harness, "整改措施"), "一个月内修好");
    assert_eq!(value_of(&harness, "责任人"), "王建国");
}

#[test]
fn a_rule_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&rectification_ledger(), "整改提高", "长效机制");
    click(&mut harness, "新增制度");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "制度名称", "党员联系户制度");
    type_into(&mut harness, "主要内容", "每名党员联系五户群众");
    assert_eq!(
        unsaved(&harness),
        [item("长效机制", "党员联系户制度", Screen::Rectification)]
    );

    let harness = crash_and_restore(&sandbox, &path, harness);
    assert_eq!(value_of(&harness, "制度名称"), "党员联系户制度");
    assert_eq!(value_of(&harness, "主要内容"), "每名党员联系五户群众");
}

#[test]
fn a_survey_comes_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&rectification_ledger(), "整改提高", "满意度测评");
    click(&mut harness, "新增测评");
    assert_eq!(unsaved(&harness), []);
    type_into(&mut harness, "测评对象", "群众代表");
    type_into(&mut harness, "收回", "30");
    assert_eq!(unsaved(&harness).len(), 1);
    assert_eq!(unsaved(&harness)[0].0, "满意度测评");

    let harness = crash_and_restore(&sandbox, &path, harness);
    harness.get_by_label("登记满意度测评");
    assert_eq!(value_of(&harness, "测评对象"), "群众代表");
    assert_eq!(value_of(&harness, "收回"), "30");
}

#[test]
fn an_edited_summary_comes_back_after_a_crash_and_the_programs_draft_holds_nothing() {
    let (sandbox, path, mut harness) = open_at(&rectification_ledger(), "整改提高", "工作总结");
    harness.get_by_label("这是程序按台账起草的初稿，尚未保存");
    assert_eq!(unsaved(&harness), [], "the program's draft can be drawn up again");
    type_into(&mut harness, "总结正文", "补充：群众满意。");
    assert_eq!(unsaved(&harness), [item("工作总结", "", Screen::Rectification)]);

    let harness = crash_and_restore(&sandbox, &path, harness);
    assert!(value_of(&harness, "总结正文").contains("补充：群众满意。"));
    assert!(on_disk(&path).rectification.summary.is_empty());
}

#[test]
fn a_closed_campaigns_appraisal_can_be_read_but_not_edited() {
    let (_sandbox, _path, mut harness) = open_at(&closed_ledger(), "分析评议", "征求意见");
    assert!(is_disabled(&harness, Role::Button, "登记意见"));
    assert!(!field_disabled(&harness, "查找"), "searching stays usable");
    click(&mut harness, "谈心谈话");
    assert!(is_disabled(&harness, Role::Button, "新增谈心记录"));
    click(&mut harness, "党性分析");
    click_label(&mut harness, "张伟");
    assert!(field_disabled(&harness, OPENING));
    assert!(is_disabled(&harness, Role::Button, "保存为新一稿"));
    assert!(!is_disabled(&harness, Role::Button, "复制全文"));
    click(&mut harness, "组织生活会");
    assert!(is_disabled(&harness, Role::Button, "登记专题组织生活会"));
    click(&mut harness, "民主评议");
    assert!(is_disabled(&harness, Role::Button, "登记党员互评票数"));
    assert!(is_disabled(&harness, Role::Button, "修改测评内容"));
    click(&mut harness, "通报情况");
    assert!(field_disabled(&harness, "通报方式"));
    assert!(is_disabled(&harness, Role::Button, "保存通报情况"));
}

#[test]
fn a_closed_campaigns_rectification_can_be_read_and_reopened_but_not_edited() {
    let (_sandbox, _path, mut harness) = open_at(&closed_ledger(), "整改提高", "整改承诺");
    assert!(is_disabled(&harness, Role::Button, "新增承诺"));
    // A record still opens, to be read.
    click_label(&mut harness, "理论学习不够系统");
    harness.get_by_label("修改整改承诺");
    assert_eq!(value_of(&harness, "存在的问题"), "理论学习不够系统");
    assert!(field_disabled(&harness, "存在的问题"));
    assert!(is_disabled(&harness, Role::Button, "保存承诺"));
    assert!(is_disabled(&harness, Role::Button, "删除"));
    assert!(!is_disabled(&harness, Role::Button, "关闭"));
    click(&mut harness, "整改台账");
    assert!(is_disabled(&harness, Role::Button, "新增整改事项"));
    click(&mut harness, "长效机制");
    assert!(is_disabled(&harness, Role::Button, "新增制度"));
    click(&mut harness, "满意度测评");
    assert!(is_disabled(&harness, Role::Button, "新增测评"));
    click(&mut harness, "工作总结");
    assert!(field_disabled(&harness, "总结正文"));
    assert!(is_disabled(&harness, Role::Button, "按台账重新起草"));
    click(&mut harness, "回头看与验收归档");
    click_label(&mut harness, "重新打开台账");
    assert!(
        !field_disabled(&harness, "重新打开的理由"),
        "reopening is what a closed campaign allows"
    );
    assert!(!is_disabled(&harness, Role::Button, "确认重新打开"));
    type_into(&mut harness, "重新打开的理由", "补录一条整改承诺");
    assert_eq!(unsaved(&harness), [item("重新打开活动", "", Screen::Rectification)]);
}

#[test]
fn a_read_only_window_cannot_edit_appraisal_or_rectification_nor_reopen() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &closed_ledger());
    let _first = zhibu::store::lock(&path).expect("another window holds the ledger");
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "分析评议");
    click(&mut harness, "谈心谈话");
    assert!(is_disabled(&harness, Role::Button, "新增谈心记录"));
    click(&mut harness, "评议意见");
    click_label(&mut harness, "张伟");
    assert!(field_disabled(&harness, "评议意见（肯定成绩，指出不足，提出努力方向）"));
    assert!(is_disabled(&harness, Role::Button, "保存评议意见"));
    click(&mut harness, "整改提高");
    click(&mut harness, "表彰与处置");
    assert!(field_disabled(&harness, "表彰名称"));
    click(&mut harness, "回头看与验收归档");
    click_label(&mut harness, "重新打开台账");
    assert!(
        field_disabled(&harness, "重新打开的理由"),
        "another window holds the ledger"
    );
    assert!(is_disabled(&harness, Role::Button, "确认重新打开"));
}

#[test]
fn a_read_only_window_cannot_close_the_campaign() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &rectification_ledger());
    let _first = zhibu::store::lock(&path).expect("another window holds the ledger");
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "整改提高");
    assert!(is_disabled(&harness, Role::Button, "新增承诺"));
    click(&mut harness, "回头看与验收归档");
    assert!(is_disabled(&harness, Role::Button, "确认验收归档"));
    assert!(field_disabled(&harness, "验收人"));
}

/// Three members in the appraisal stage with the campaign running now, and
/// one talk card between them.
fn running_appraisal() -> Ledger {
    let mut ledger = small_ledger(3);
    common::running_now(&mut ledger, Stage::Appraisal);
    let members: Vec<MemberId> = ledger.members.iter().map(|m| m.id).collect();
    let card = zhibu::model::talk::TalkCard {
        id: zhibu::model::TalkId(ledger.next_id()),
        date: Date::constant(2026, 11, 1),
        topic: "相互谈心".into(),
        members,
        ..zhibu::model::talk::TalkCard::default()
    };
    ledger.talks.push(card.into());
    ledger
}

#[test]
fn records_opened_to_read_hold_nothing_and_saving_empties_the_list() {
    let (_sandbox, _path, mut harness) = open_at(&running_appraisal(), "分析评议", "谈心谈话");
    click_label(&mut harness, "相互谈心");
    assert_eq!(unsaved(&harness), [], "a card opened to read holds nothing");
    retype(&mut harness, "谈话主题", "相互谈心谈话");
    assert_eq!(
        unsaved(&harness),
        [item("谈心谈话记录", "2026-11-01", Screen::Appraisal)]
    );
    click_settled(&mut harness, "保存谈心记录");
    assert_eq!(unsaved(&harness), []);

    // The meeting: registered, then one member's remarks saved.
    click(&mut harness, "组织生活会");
    click(&mut harness, "登记专题组织生活会");
    type_into(&mut harness, "主持人", "王建国");
    click(&mut harness, "登记会议");
    assert_eq!(ledger_of(&harness).meetings.len(), 1);
    assert_eq!(unsaved(&harness), []);
    click_label(&mut harness, "张伟");
    assert_eq!(unsaved(&harness), [], "a member's empty remarks are not typing");
    type_into(&mut harness, "自我批评（摘要）", "开会有时迟到");
    assert_eq!(unsaved(&harness).len(), 1);
    click_settled(&mut harness, "保存本人记录");
    assert!(
        ledger_of(&harness).meetings[0]
            .remarks
            .values()
            .any(|r| r.self_criticism == "开会有时迟到")
    );
    assert_eq!(unsaved(&harness), []);
    assert!(
        harness.query_by_label("保存本人记录").is_none(),
        "the page follows what was saved"
    );

    // The report, its date typed the way people write it.
    click(&mut harness, "通报情况");
    type_into(&mut harness, "向党员通报日期", "2026年11月24日");
    type_into(&mut harness, "通报方式", "党员大会");
    assert_eq!(unsaved(&harness), [item("通报评议情况", "", Screen::Appraisal)]);
    click(&mut harness, "保存通报情况");
    assert_eq!(ledger_of(&harness).appraisal.reported, Some(common::TODAY));
    assert_eq!(unsaved(&harness), []);
    assert!(
        harness.query_by_label("未保存").is_none(),
        "the form follows what was saved"
    );
}

#[test]
fn the_result_form_keeps_the_branch_opinion_written_meanwhile() {
    let (_sandbox, _path, mut harness) = open_at(&running_appraisal(), "分析评议", "民主评议");
    click(&mut harness, "自评和评定等次");
    click_label(&mut harness, "张伟");
    harness.get_by_label("张伟的评议");
    assert_eq!(unsaved(&harness), [], "a result opened to read holds nothing");

    click(&mut harness, "评议意见");
    click_label(&mut harness, "张伟");
    type_into(
        &mut harness,
        "评议意见（肯定成绩，指出不足，提出努力方向）",
        "工作积极。",
    );
    click(&mut harness, "保存评议意见");
    assert_eq!(unsaved(&harness), [], "the result form does not count the opinion");

    click(&mut harness, "民主评议");
    harness.get_by_label("张伟的评议");
    click(&mut harness, "今天");
    assert_eq!(unsaved(&harness), [item("评议结果", "张伟", Screen::Appraisal)]);
    click(&mut harness, "保存评议结果");
    assert_eq!(unsaved(&harness), []);
    let ledger = ledger_of(&harness);
    let result = ledger.appraisal.result(id_of(&ledger, "张伟")).expect("saved");
    assert_eq!(result.self_appraisal, Some(common::TODAY));
    assert_eq!(
        result.branch_opinion, "工作积极。",
        "saving the result keeps the opinion"
    );
}

#[test]
fn saving_rectification_forms_empties_the_list() {
    let mut ledger = closed_ledger();
    ledger.campaign.stage = Stage::Rectification;
    ledger.campaign.closing = None;
    let (_sandbox, _path, mut harness) = open_at(&ledger, "整改提高", "整改承诺");
    click_label(&mut harness, "理论学习不够系统");
    assert_eq!(unsaved(&harness), []);
    retype(&mut harness, "整改措施", "每月读两本书");
    assert_eq!(unsaved(&harness), [item("整改承诺", "张伟", Screen::Rectification)]);
    click_settled(&mut harness, "保存承诺");
    assert_eq!(unsaved(&harness), []);

    click(&mut harness, "工作总结");
    type_into(&mut harness, "总结正文", "补充一句。");
    assert_eq!(unsaved(&harness), [item("工作总结", "", Screen::Rectification)]);
    click(&mut harness, "保存总结");
    assert_eq!(unsaved(&harness), []);

    click(&mut harness, "回头看与验收归档");
    assert_eq!(unsaved(&harness), [], "the secretary as 归档人 is not typing");
    type_into(&mut harness, "验收人", "县委督导组");
    assert_eq!(unsaved(&harness), [item("验收归档", "", Screen::Rectification)]);
}
