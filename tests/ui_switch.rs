//! Opening another record never puts typing away in silence: where an open
//! form holds unsaved input, the one question 「…」有未保存的修改 asks
//! first — 继续编辑 keeps the form as typed, 保存并切换 saves it as its own
//! save button does (or stays, saying why) and opens the other record,
//! 放弃修改并切换 drops it — while a form opened to read asks nothing.
//! Also: the reasons typed for a stage move come back after a crash, and
//! a move kept for a stage the campaign has left is dropped.

mod common;

use common::{crash_and_restore, id_of, ledger_of, retype, unsaved};

use common::{Sandbox, click, field, harness, small_ledger, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use zhibu::model::analysis::{Analysis, Revision};
use zhibu::model::opinion::Opinion;
use zhibu::model::rectification::Commitment;
use zhibu::model::study::Session;
use zhibu::model::talk::TalkCard;
use zhibu::model::{AnalysisId, CommitmentId, Date, Ledger, MemberId, OpinionId, SessionId, Stage, TalkId};
use zhibu::ui::ZhibuApp;

type Harness = egui_kittest::Harness<'static, ZhibuApp>;

fn value_of(harness: &Harness, label: &str) -> String {
    field(harness, label).value().unwrap_or_default()
}

/// Clicks a list row, a tab or a link by its label.
fn click_label(harness: &mut Harness, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(2);
}

/// The question is open, about the form `what` ("党员信息 · 李秀英").
/// A window shows from its second frame (the first measures it).
fn asks_about(harness: &mut Harness, what: &str) {
    harness.run_steps(1);
    harness.get_by_label(&format!("「{what}」有未保存的修改。不保存就切换，这些修改会丢失。"));
}

/// No question is open.
fn asks_nothing(harness: &Harness) {
    assert!(harness.query_by_label("继续编辑").is_none(), "a question is open");
}

/// The app on `ledger`, at a tab of a screen.
fn open_at(ledger: &Ledger, screen: &str, tab: Option<&str>) -> (Sandbox, std::path::PathBuf, Harness) {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, screen);
    if let Some(tab) = tab {
        click(&mut harness, tab);
    }
    (sandbox, path, harness)
}

/// Four members in the learning stage and one session, 李秀英 on leave.
fn learning_ledger() -> Ledger {
    common::learning_with_a_session("住院")
}

/// Four members in the appraisal stage with the campaign running now,
/// two talk cards, and a first draft of 张伟's analysis.
fn appraisal_ledger() -> Ledger {
    let mut ledger = small_ledger(4);
    common::running_now(&mut ledger, Stage::Appraisal);
    let members: Vec<MemberId> = ledger.members.iter().map(|m| m.id).collect();
    for (day, topic) in [(1, "相互谈心"), (2, "工作作风")] {
        let card = TalkCard {
            id: TalkId(ledger.next_id()),
            date: Date::constant(2026, 11, day),
            topic: topic.into(),
            members: members[..2].to_vec(),
            ..TalkCard::default()
        };
        ledger.talks.push(card.into());
    }
    let zhang = id_of(&ledger, "张伟");
    let id = AnalysisId(ledger.next_id());
    ledger.analyses.push(
        Analysis {
            id,
            member: zhang,
            revisions: vec![Revision {
                date: Date::constant(2026, 11, 10),
                text: "初稿正文".into(),
                ..Revision::default()
            }],
            ..Analysis::default()
        }
        .into(),
    );
    ledger
}

/// Three members in the rectification stage, the campaign running now,
/// with a commitment each for 张伟 and 李秀英.
fn rectification_ledger() -> Ledger {
    let mut ledger = small_ledger(3);
    common::running_now(&mut ledger, Stage::Rectification);
    for (name, problem, measure) in [
        ("张伟", "理论学习不够系统", "每月读一本书"),
        ("李秀英", "会上发言不积极", "每次会议至少发言一次"),
    ] {
        let member = id_of(&ledger, name);
        let id = CommitmentId(ledger.next_id());
        ledger.rectification.commitments.push(Commitment {
            id,
            member,
            problem: problem.into(),
            measure: measure.into(),
            deadline: Some(Date::constant(2027, 1, 15)),
            responsible: name.into(),
            ..Commitment::default()
        });
    }
    ledger
}

#[test]
fn a_members_typing_is_asked_about_before_another_member_opens() {
    let (_sandbox, _path, mut harness) = open_at(&small_ledger(4), "党员名册", None);
    click_label(&mut harness, "李秀英");
    click_label(&mut harness, "张伟");
    asks_nothing(&harness);
    let ledger = ledger_of(&harness);
    let form = |harness: &Harness| harness.state().roster.form.as_ref().and_then(|f| f.editing());
    assert_eq!(
        form(&harness),
        Some(id_of(&ledger, "张伟")),
        "a form opened to read asks nothing"
    );

    click_label(&mut harness, "李秀英");
    type_into(&mut harness, "联系电话", "13900001111");
    click_label(&mut harness, "张伟");
    asks_about(&mut harness, "党员信息 · 李秀英");
    click(&mut harness, "继续编辑");
    asks_nothing(&harness);
    assert_eq!(form(&harness), Some(id_of(&ledger, "李秀英")));
    assert_eq!(value_of(&harness, "联系电话"), "13900001111");

    click_label(&mut harness, "张伟");
    click(&mut harness, "保存并切换");
    assert_eq!(ledger_of(&harness).members[1].phone, "13900001111");
    assert_eq!(form(&harness), Some(id_of(&ledger, "张伟")));
    assert_eq!(value_of(&harness, "联系电话"), "");

    type_into(&mut harness, "联系电话", "13900002222");
    click_label(&mut harness, "刘洋");
    asks_about(&mut harness, "党员信息 · 张伟");
    click(&mut harness, "放弃修改并切换");
    assert_eq!(form(&harness), Some(id_of(&ledger, "刘洋")));
    assert_eq!(ledger_of(&harness).members[2].phone, "", "dropped");
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_new_member_saved_on_the_way_is_refused_until_named_then_the_member_picked_opens() {
    let (_sandbox, _path, mut harness) = open_at(&small_ledger(4), "党员名册", None);
    click(&mut harness, "新增党员");
    click_label(&mut harness, "张伟");
    asks_nothing(&harness);
    click(&mut harness, "新增党员");
    type_into(&mut harness, "联系电话", "13912345678");
    click_label(&mut harness, "张伟");
    asks_about(&mut harness, "党员信息");
    click(&mut harness, "保存并切换");
    // Refused as 保存 is: the form stays, saying why.
    asks_nothing(&harness);
    assert!(harness.state().roster.form.as_ref().is_some_and(|f| f.is_new));
    assert_eq!(value_of(&harness, "联系电话"), "13912345678");
    harness.get_by_label("请填写姓名");
    assert_eq!(ledger_of(&harness).members.len(), 4);

    type_into(&mut harness, "姓名 *", "孙悦");
    click_label(&mut harness, "张伟");
    asks_about(&mut harness, "党员信息 · 孙悦");
    click(&mut harness, "保存并切换");
    harness.run_steps(2);
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.members.len(), 5);
    assert_eq!(ledger.members[4].phone, "13912345678");
    let form = harness.state().roster.form.as_ref().and_then(|f| f.editing());
    assert_eq!(
        form,
        Some(id_of(&ledger, "张伟")),
        "the member picked, not the one added"
    );
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_session_page_being_typed_is_asked_about_before_a_link_opens_another_session() {
    let mut ledger = learning_ledger();
    let liu = id_of(&ledger, "刘洋");
    let mut attendance = ledger.study.sessions[0].attendance.clone();
    attendance.remove(&liu);
    let session = Session {
        id: SessionId(ledger.next_id()),
        date: Date::constant(2005, 11, 27),
        hours: 2.0,
        topic: "学习十六大报告".into(),
        attendance,
        ..Session::default()
    };
    ledger.study.sessions.push(session.into());
    let (_sandbox, _path, mut harness) = open_at(&ledger, "学习动员", None);
    click_label(&mut harness, "学习党章");
    retype(&mut harness, "学习内容", "学习党章第一章");
    click(&mut harness, "学时统计");
    click_label(&mut harness, "刘洋");
    common::click_link(&mut harness, "2005-11-27 学习十六大报告");
    asks_about(&mut harness, "学习活动 · 2005-11-20 学习党章");
    click(&mut harness, "保存并切换");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.study.sessions[0].topic, "学习党章第一章");
    let page = harness.state().learning.page.clone().expect("a page");
    assert_eq!(page.editing(), Some(ledger.study.sessions[1].id));
    assert_eq!(value_of(&harness, "学习内容"), "学习十六大报告");
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_new_opinion_being_typed_is_asked_about_before_a_recorded_one_opens() {
    let mut ledger = appraisal_ledger();
    let id = OpinionId(ledger.next_id());
    ledger.opinions.opinions.push(Opinion {
        id,
        date: Date::constant(2026, 11, 3),
        content: "村务公开不及时".into(),
        ..Opinion::default()
    });
    let (_sandbox, _path, mut harness) = open_at(&ledger, "分析评议", Some("征求意见"));
    click(&mut harness, "登记意见");
    type_into(&mut harness, "意见内容（只谈问题不谈成绩）", "干部作风不实");
    click_label(&mut harness, "村务公开不及时");
    asks_about(&mut harness, "征求意见");
    click(&mut harness, "放弃修改并切换");
    let opened = harness.state().appraisal.opinions.opinion_form.clone().expect("open");
    assert_eq!((opened.is_new, opened.input.draft.id), (false, id));
    assert_eq!(value_of(&harness, "意见内容（只谈问题不谈成绩）"), "村务公开不及时");
    assert_eq!(ledger_of(&harness).opinions.opinions.len(), 1);
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn an_exemption_being_written_is_asked_about_before_another_member_opens() {
    let (_sandbox, _path, mut harness) = open_at(&learning_ledger(), "学习动员", Some("学时统计"));
    click_label(&mut harness, "刘洋");
    click_label(&mut harness, "张伟");
    asks_nothing(&harness);
    click_label(&mut harness, "刘洋");
    type_into(&mut harness, "免学理由", "长期卧病在床");
    click_label(&mut harness, "张伟");
    asks_about(&mut harness, "免学登记 · 刘洋");
    click(&mut harness, "继续编辑");
    let ledger = ledger_of(&harness);
    assert_eq!(harness.state().learning.hours.selected, Some(id_of(&ledger, "刘洋")));
    assert_eq!(value_of(&harness, "免学理由"), "长期卧病在床");

    click_label(&mut harness, "张伟");
    click(&mut harness, "保存并切换");
    let ledger = ledger_of(&harness);
    let exemption = ledger.study.exemption(id_of(&ledger, "刘洋")).expect("saved");
    assert_eq!(exemption.reason, "长期卧病在床");
    assert_eq!(harness.state().learning.hours.selected, Some(id_of(&ledger, "张伟")));
    assert_eq!(value_of(&harness, "免学理由"), "", "张伟's own, blank");
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_make_up_being_typed_is_asked_about_before_a_make_up_link_replaces_it() {
    let (_sandbox, _path, mut harness) = open_at(&learning_ledger(), "学习动员", Some("补学"));
    click(&mut harness, "新增补学");
    type_into(&mut harness, "送学人或组织人", "组织委员");
    click(&mut harness, "学时统计");
    click_label(&mut harness, "李秀英");
    click(&mut harness, "登记补学");
    asks_about(&mut harness, "补学记录");
    click(&mut harness, "继续编辑");
    assert_eq!(value_of(&harness, "送学人或组织人"), "组织委员");

    click(&mut harness, "学时统计");
    click_label(&mut harness, "李秀英");
    click(&mut harness, "登记补学");
    click(&mut harness, "放弃修改并切换");
    let ledger = ledger_of(&harness);
    let form = harness.state().learning.make_ups.form.clone().expect("the new form");
    assert_eq!(form.input.draft.member, id_of(&ledger, "李秀英"));
    assert_eq!(form.input.draft.covers, [ledger.study.sessions[0].id]);
    assert_eq!(value_of(&harness, "送学人或组织人"), "");
    assert!(ledger.study.make_ups.is_empty());
    assert_eq!(unsaved(&harness), [], "as 登记补学 opens it, nothing typed");
}

#[test]
fn a_talk_card_saved_on_the_way_is_in_the_ledger_and_the_other_card_opens() {
    let (_sandbox, _path, mut harness) = open_at(&appraisal_ledger(), "分析评议", Some("谈心谈话"));
    click_label(&mut harness, "相互谈心");
    click_label(&mut harness, "工作作风");
    asks_nothing(&harness);
    click_label(&mut harness, "相互谈心");
    retype(&mut harness, "谈话主题", "相互谈心谈话");
    click_label(&mut harness, "工作作风");
    asks_about(&mut harness, "谈心谈话记录 · 2026-11-01");
    click(&mut harness, "保存并切换");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.talks[0].topic, "相互谈心谈话");
    let form = harness.state().appraisal.talks.form.clone().expect("open");
    assert_eq!(form.input.draft.id, ledger.talks[1].id);
    assert_eq!(value_of(&harness, "谈话主题"), "工作作风");
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_commitment_dropped_on_the_way_stays_as_recorded() {
    let (_sandbox, _path, mut harness) = open_at(&rectification_ledger(), "整改提高", Some("整改承诺"));
    click_label(&mut harness, "理论学习不够系统");
    retype(&mut harness, "整改措施", "每月读两本书");
    click_label(&mut harness, "会上发言不积极");
    asks_about(&mut harness, "整改承诺 · 张伟");
    click(&mut harness, "继续编辑");
    assert_eq!(value_of(&harness, "整改措施"), "每月读两本书");

    click_label(&mut harness, "会上发言不积极");
    click(&mut harness, "放弃修改并切换");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.rectification.commitments[0].measure, "每月读一本书");
    assert_eq!(value_of(&harness, "整改措施"), "每次会议至少发言一次");
    assert_eq!(unsaved(&harness), []);
    // Opened to read: the first opens again without a question.
    click_label(&mut harness, "理论学习不够系统");
    asks_nothing(&harness);
    assert_eq!(value_of(&harness, "整改措施"), "每月读一本书");
}

#[test]
fn the_branch_opinion_saved_on_the_way_is_kept_and_the_next_member_opens() {
    let (_sandbox, _path, mut harness) = open_at(&appraisal_ledger(), "分析评议", Some("评议意见"));
    let label = "评议意见（肯定成绩，指出不足，提出努力方向）";
    click_label(&mut harness, "张伟");
    click_label(&mut harness, "刘洋");
    asks_nothing(&harness);
    click_label(&mut harness, "张伟");
    type_into(&mut harness, label, "工作积极，学习有待加强。");
    click_label(&mut harness, "刘洋");
    asks_about(&mut harness, "支部评议意见 · 张伟");
    click(&mut harness, "继续编辑");
    harness.get_by_label("对张伟的评议意见");
    assert_eq!(value_of(&harness, label), "工作积极，学习有待加强。");

    click_label(&mut harness, "刘洋");
    click(&mut harness, "保存并切换");
    harness.get_by_label("对刘洋的评议意见");
    let ledger = ledger_of(&harness);
    let result = ledger.appraisal.result(id_of(&ledger, "张伟")).expect("saved");
    assert_eq!(result.branch_opinion, "工作积极，学习有待加强。");
    assert_eq!(value_of(&harness, label), "");
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_review_comment_is_asked_about_and_saved_only_once_complete() {
    let (_sandbox, _path, mut harness) = open_at(&appraisal_ledger(), "分析评议", Some("党性分析"));
    click_label(&mut harness, "张伟");
    click_label(&mut harness, "刘洋");
    asks_nothing(&harness);
    click_label(&mut harness, "张伟");
    type_into(&mut harness, "审阅意见", "问题找得不够准");
    click_label(&mut harness, "刘洋");
    asks_about(&mut harness, "审阅意见 · 张伟");
    click(&mut harness, "保存并切换");
    // Refused as 登记审阅意见 is: the reviewer's name is missing.
    asks_nothing(&harness);
    harness.get_by_label("张伟的党性分析材料");
    harness.get_by_label("请填写审阅人姓名");
    assert_eq!(value_of(&harness, "审阅意见"), "问题找得不够准");

    type_into(&mut harness, "审阅人", "王建国");
    click_label(&mut harness, "刘洋");
    click(&mut harness, "保存并切换");
    harness.get_by_label("刘洋的党性分析材料");
    let ledger = ledger_of(&harness);
    let zhang = id_of(&ledger, "张伟");
    let analysis = ledger.analyses.iter().find(|a| a.member == zhang).expect("analysis");
    assert_eq!(analysis.reviews.len(), 1);
    assert_eq!(analysis.reviews[0].comment, "问题找得不够准");
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn a_draft_and_a_review_typed_together_cannot_be_saved_in_one_step() {
    let (_sandbox, _path, mut harness) = open_at(&appraisal_ledger(), "分析评议", Some("党性分析"));
    click_label(&mut harness, "张伟");
    type_into(&mut harness, "一、基本情况和学习收获", "本人1990年入党。");
    type_into(&mut harness, "审阅意见", "问题找得不够准");
    click_label(&mut harness, "刘洋");
    asks_about(&mut harness, "党性分析材料 · 张伟（党性分析、审阅意见）");
    assert!(harness.query_by_label("保存并切换").is_none());
    click(&mut harness, "继续编辑");
    assert_eq!(value_of(&harness, "一、基本情况和学习收获"), "本人1990年入党。");

    click_label(&mut harness, "刘洋");
    click(&mut harness, "放弃修改并切换");
    harness.get_by_label("刘洋的党性分析材料");
    assert_eq!(unsaved(&harness), []);
    assert!(ledger_of(&harness).analyses[0].reviews.is_empty());
}

/// Four members in preparation, 张伟 without a category: the move needs
/// a reason for the check 每名党员已分类.
fn unmet_preparation() -> Ledger {
    let mut ledger = small_ledger(4);
    ledger.members[2].category = None;
    ledger
}

const REASON: &str = "未完成项的理由：每名党员已分类";

#[test]
fn the_reasons_typed_for_a_stage_move_come_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&unmet_preparation(), "准备阶段", None);
    click(&mut harness, "申请转段：转入学习动员");
    type_into(&mut harness, REASON, "该党员外出，返乡后补登");
    assert_eq!(
        unsaved(&harness),
        [("转段申请".into(), "准备阶段".into(), zhibu::ui::Screen::Preparation)]
    );

    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "准备阶段");
    assert_eq!(value_of(&harness, REASON), "该党员外出，返乡后补登");
    type_into(&mut harness, "批准人（督导组）", "刘督导");
    click(&mut harness, "确认转段");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.campaign.stage, Stage::Learning);
    assert_eq!(ledger.campaign.moves[0].overrides[0].reason, "该党员外出，返乡后补登");
}

#[test]
fn a_stage_move_kept_for_a_stage_the_campaign_has_left_is_dropped() {
    let (sandbox, path, mut harness) = open_at(&unmet_preparation(), "准备阶段", None);
    click(&mut harness, "申请转段：转入学习动员");
    type_into(&mut harness, "批准人（督导组）", "刘督导");
    harness.run_steps(8);
    harness.state_mut().wait_for_drafts();
    drop(harness);
    // Meanwhile the ledger moved on (another copy of the program).
    let loaded = zhibu::store::load(&path).expect("ledger on disk");
    let mut moved = loaded.ledger;
    moved.campaign.stage = Stage::Learning;
    zhibu::store::save(&path, &moved, Some(&loaded.header)).expect("save");

    let mut harness = common::harness(sandbox.app(Some(&path)));
    assert!(harness.query_by_label("上次未保存的内容").is_none(), "nothing to offer");
    click(&mut harness, "学习动员");
    click(&mut harness, "回头看");
    harness.get_by_role_and_label(Role::Button, "申请转段：转入分析评议");
    assert!(harness.query_by_label("批准人（督导组）").is_none());
    assert_eq!(unsaved(&harness), []);
}

#[test]
fn the_reasons_typed_for_closing_the_campaign_come_back_after_a_crash() {
    let (sandbox, path, mut harness) = open_at(&rectification_ledger(), "整改提高", Some("回头看与验收归档"));
    let label = harness
        .query_all_by(|n| n.label().or(n.value()).is_some_and(|l| l.starts_with("未完成的理由：")))
        .next()
        .and_then(|n| {
            let node = n.accesskit_node();
            node.label().or(node.value()).map(|l| l.to_string())
        })
        .expect("an unmet check");
    type_into(&mut harness, &label, "群众测评安排在验收之后");
    let mut harness = crash_and_restore(&sandbox, &path, harness);
    click(&mut harness, "整改提高");
    click(&mut harness, "回头看与验收归档");
    assert_eq!(value_of(&harness, &label), "群众测评安排在验收之后");
}
