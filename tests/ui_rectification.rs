//! The rectification stage as a secretary works it, through the real
//! screens: a commitment for every member (one turned from a problem found
//! in the analysis), one marked done, the branch plan with a 群众热盼
//! problem solved, a long-term rule, a satisfaction survey below the
//! threshold and a new round above it, the summary drafted from the
//! records, and the campaign closed — after which edits are refused until
//! it is reopened on the record.

mod common;

use common::{id_of, ledger_of};

use common::{Sandbox, TODAY, click, click_link, field, harness, on_disk, small_ledger, type_into};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::analysis::{Analysis, AnalysisProblem, AnalysisStatus};
use zhibu::model::appraisal::{Disposition, Grade, MemberResult};
use zhibu::model::rectification::{Commitment, ItemStatus};
use zhibu::model::{CommitmentId, Date, Ledger, Stage};
use zhibu::progress::gate;
use zhibu::ui::ZhibuApp;

/// Three members in the rectification stage, with the campaign running now.
fn rectification_ledger() -> Ledger {
    let mut ledger = small_ledger(3);
    common::running_now(&mut ledger, Stage::Rectification);
    let zhang = id_of(&ledger, "张伟");
    let id = zhibu::model::AnalysisId(ledger.next_id());
    ledger.analyses.push(
        Analysis {
            id,
            member: zhang,
            status: AnalysisStatus::Final,
            problems: vec![AnalysisProblem {
                text: "理论学习不够系统，满足于读读报纸".into(),
                ..AnalysisProblem::default()
            }],
            ..Analysis::default()
        }
        .into(),
    );
    ledger
}

fn notice(harness: &Harness<'static, ZhibuApp>) -> String {
    harness
        .state()
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

fn radio(harness: &mut Harness<'static, ZhibuApp>, label: &str) {
    harness.get_by_role_and_label(Role::RadioButton, label).click();
    harness.run_steps(2);
}

fn commit_for(harness: &mut Harness<'static, ZhibuApp>, name: &str, problem: &str) {
    click_link(harness, name);
    click(harness, "新增承诺");
    type_into(harness, "存在的问题", problem);
    type_into(harness, "整改措施", "每月向支部汇报一次");
    type_into(harness, "完成时限", "2027-01-15");
    click(harness, "保存承诺");
}

#[test]
fn from_commitments_to_a_closed_campaign_that_refuses_edits_until_reopened() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &rectification_ledger());
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "整改提高");
    harness.get_by_label_contains("已作出承诺 0/3 人");

    // 张伟's problem from his analysis, turned into a commitment in one
    // click; saving without a measure is refused first.
    click_link(&mut harness, "张伟");
    harness.get_by_label_contains("张伟可转为承诺的问题（1 条）");
    click(&mut harness, "转为承诺");
    assert_eq!(
        field(&harness, "存在的问题").value().as_deref(),
        Some("理论学习不够系统，满足于读读报纸")
    );
    click(&mut harness, "保存承诺");
    harness.get_by_label("请填写整改措施");
    assert!(ledger_of(&harness).rectification.commitments.is_empty());
    type_into(&mut harness, "整改措施", "每周集中学习半天，写读书笔记");
    type_into(&mut harness, "完成时限", "2027-01-15");
    click(&mut harness, "保存承诺");
    let ledger = ledger_of(&harness);
    let zhang = id_of(&ledger, "张伟");
    let first = &ledger.rectification.commitments[0];
    assert_eq!((first.member, first.source.as_str()), (zhang, "党性分析"));
    assert_eq!(first.responsible, "张伟");
    harness.get_by_label("已承诺");

    commit_for(&mut harness, "王建国", "带头作用发挥不够");
    commit_for(&mut harness, "李秀英", "联系群众不经常");
    harness.get_by_label_contains("已作出承诺 3/3 人");

    // 李秀英's is done: a done item needs its completion date.
    harness.get_by_label("联系群众不经常").click();
    harness.run_steps(2);
    radio(&mut harness, "已完成");
    click(&mut harness, "保存承诺");
    harness.get_by_label("已完成的事项请填写完成日期");
    type_into(&mut harness, "完成日期", "2026-11-20");
    type_into(&mut harness, "完成情况和佐证", "每月走访，群众签字认可");
    click(&mut harness, "保存承诺");
    let done: Vec<ItemStatus> = ledger_of(&harness)
        .rectification
        .commitments
        .iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(
        done,
        vec![ItemStatus::NotStarted, ItemStatus::NotStarted, ItemStatus::Done]
    );
    type_into(&mut harness, "公开承诺日期", "2026-11-10");
    click(&mut harness, "保存日期");
    assert_eq!(
        ledger_of(&harness).rectification.made_public,
        Some(Date::constant(2026, 11, 10))
    );

    // The branch plan: the road the masses most want, fixed.
    click(&mut harness, "整改台账");
    click(&mut harness, "新增整改事项");
    type_into(&mut harness, "问题", "村东道路泥泞，群众出行难");
    harness.get_by_label("群众热盼解决的突出问题").click();
    harness.run_steps(2);
    type_into(&mut harness, "整改措施", "硬化道路 1.8 公里");
    type_into(&mut harness, "完成时限", "2026-12-31");
    radio(&mut harness, "已完成");
    type_into(&mut harness, "完成日期", "2026-11-22");
    type_into(&mut harness, "整改结果", "道路已硬化通车");
    click(&mut harness, "保存整改事项");
    harness.get_by_label_contains("群众热盼解决的突出问题：1 个，已解决 1 个");

    // A long-term rule.
    click(&mut harness, "长效机制");
    click(&mut harness, "新增制度");
    type_into(&mut harness, "制度名称", "党员联系农户制度");
    type_into(&mut harness, "主要内容", "每名党员联系三至五户农户");
    click(&mut harness, "保存制度");
    assert_eq!(ledger_of(&harness).rectification.rules.len(), 1);

    // The survey: counts that do not add up are refused; 40 % is below the
    // threshold and asks for a new round, which is kept beside the first.
    click(&mut harness, "满意度测评");
    click(&mut harness, "新增测评");
    type_into(&mut harness, "测评对象", "村民代表");
    type_into(&mut harness, "发出", "10");
    type_into(&mut harness, "收回", "10");
    type_into(&mut harness, "满意", "4");
    type_into(&mut harness, "不满意", "5");
    click(&mut harness, "保存测评");
    harness.get_by_label_contains("与收回 10 张对不上");
    assert!(ledger_of(&harness).rectification.surveys.is_empty());
    type_into(&mut harness, "无效", "1");
    click(&mut harness, "保存测评");
    harness.get_by_label_contains("满意率 44.4%，低于 60%");
    click(&mut harness, "登记新一轮测评");
    type_into(&mut harness, "发出", "10");
    type_into(&mut harness, "收回", "10");
    type_into(&mut harness, "满意", "8");
    type_into(&mut harness, "比较满意", "2");
    click(&mut harness, "保存测评");
    harness.get_by_label_contains("满意率 100.0%，达到标准");
    assert_eq!(ledger_of(&harness).rectification.surveys.len(), 2);

    // The summary opens on a draft with the real figures.
    click(&mut harness, "工作总结");
    harness.get_by_label("这是程序按台账起草的初稿，尚未保存");
    click(&mut harness, "保存总结");
    let summary = ledger_of(&harness).rectification.summary.clone();
    assert!(summary.contains("党员共作出整改承诺 3 条，已完成 1 条"), "{summary}");
    assert!(summary.contains("满意率为 100.0%"), "{summary}");

    // Every check is met; closing makes the ledger read-only.
    click(&mut harness, "回头看与验收归档");
    let ledger = ledger_of(&harness);
    let stage_gate = gate(&ledger, Stage::Rectification, TODAY);
    assert!(stage_gate.is_met(), "{stage_gate:#?}");
    click(&mut harness, "确认验收归档");
    assert!(notice(&harness).contains("验收人"), "{}", notice(&harness));
    type_into(&mut harness, "验收人", "县委督导组 刘明");
    click(&mut harness, "确认验收归档");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.campaign.stage, Stage::Closed);
    let closing = ledger.campaign.closing.clone().expect("closed");
    assert_eq!((closing.accepted, closing.archived_by.as_str()), (TODAY, "王建国"));
    harness.get_by_label("活动已验收归档，台账只读");

    // A record still opens to be read, but nothing in it can be changed.
    click(&mut harness, "整改承诺");
    click(&mut harness, "看全部");
    harness.get_by_label("带头作用发挥不够").click();
    harness.run_steps(2);
    {
        use egui_kittest::kittest::NodeT;
        assert!(
            common::field(&harness, "说明（逾期原因等）")
                .accesskit_node()
                .is_disabled()
        );
        let save = harness.get_by_role_and_label(egui::accesskit::Role::Button, "保存承诺");
        assert!(save.accesskit_node().is_disabled());
    }
    assert_eq!(ledger_of(&harness).rectification, ledger.rectification);

    // Reopening needs a reason and is kept on the record.
    click(&mut harness, "回头看与验收归档");
    harness.get_by_label("重新打开台账").click();
    harness.run_steps(2);
    type_into(&mut harness, "经办人", "王建国");
    click(&mut harness, "确认重新打开");
    assert!(notice(&harness).contains("理由"), "{}", notice(&harness));
    assert!(ledger_of(&harness).campaign.is_closed());
    type_into(&mut harness, "重新打开的理由", "县委组织部要求补充整改佐证材料");
    click(&mut harness, "确认重新打开");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.campaign.stage, Stage::Rectification);
    assert_eq!(ledger.campaign.reopenings.len(), 1);
    assert_eq!(ledger.campaign.reopenings[0].closing, Some(closing));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    let saved = on_disk(&path);
    assert_eq!(saved.campaign.reopenings.len(), 1);
    assert_eq!(saved.rectification.surveys.len(), 2);
}

#[test]
fn an_overdue_commitment_shows_on_the_overview_and_is_explained_from_there() {
    let sandbox = Sandbox::new();
    let mut ledger = rectification_ledger();
    let zhang = id_of(&ledger, "张伟");
    let id = CommitmentId(ledger.next_id());
    ledger.rectification.commitments.push(Commitment {
        id,
        member: zhang,
        problem: "不按时交纳党费".into(),
        measure: "按月交纳".into(),
        deadline: Some(Date::constant(2026, 11, 1)),
        responsible: "张伟".into(),
        ..Commitment::default()
    });
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    harness.get_by_label_contains("整改事项：逾期 1 项");
    harness.get_by_role_and_label(Role::Button, "整改提高 !1");
    click_link(&mut harness, "张伟：不按时交纳党费");
    type_into(&mut harness, "说明（逾期原因等）", "外出务工，已托家属代交");
    click(&mut harness, "保存承诺");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.rectification.commitments[0].note, "外出务工，已托家属代交");
    let unmet: Vec<&str> = gate(&ledger, Stage::Rectification, TODAY)
        .checks
        .into_iter()
        .filter(|c| !c.is_met())
        .map(|c| c.label)
        .collect();
    assert!(!unmet.contains(&"逾期未完成的事项都有说明"), "{unmet:?}");
}

#[test]
fn excellent_members_are_commended_and_dispositions_followed_up() {
    let sandbox = Sandbox::new();
    let mut ledger = rectification_ledger();
    let wang = id_of(&ledger, "王建国");
    let zhang = id_of(&ledger, "张伟");
    ledger.appraisal.results = vec![
        MemberResult {
            member: wang,
            grade: Some(Grade::Excellent),
            ..MemberResult::default()
        },
        MemberResult {
            member: zhang,
            grade: Some(Grade::Unqualified),
            disposition: Some(Disposition::CorrectWithinLimit),
            deadline: Some(Date::constant(2027, 1, 31)),
            ..MemberResult::default()
        },
    ];
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "整改提高");
    click(&mut harness, "表彰与处置");
    click(&mut harness, "表彰王建国");
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.rectification.commendations.len(), 1);
    assert_eq!(ledger.rectification.commendations[0].title, "优秀共产党员");
    assert_eq!(ledger.rectification.commendations[0].date, Some(TODAY));
    click(&mut harness, "登记张伟的处置情况");
    type_into(&mut harness, "办结日期", "2026-11-20");
    click(&mut harness, "保存处置情况");
    assert!(notice(&harness).contains("处置情况"), "{}", notice(&harness));
    type_into(&mut harness, "处置情况", "支部书记两次谈话，本人已改正");
    click(&mut harness, "保存处置情况");
    let result = ledger_of(&harness).appraisal.result(zhang).cloned().expect("result");
    assert_eq!(result.follow_up, "支部书记两次谈话，本人已改正");
    assert_eq!(result.follow_up_done, Some(Date::constant(2026, 11, 20)));
    harness.get_by_label_contains("已办结 1 人");
}
