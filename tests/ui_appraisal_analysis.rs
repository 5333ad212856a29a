//! The party-spirit analysis tab as a secretary works it: type a member's
//! draft in its parts and save it, send it for review, register the
//! leader's comments, save a revised draft, compare the two, make it final
//! — refused while too short, unless a flexible form is registered — and
//! be asked before unsaved typing is thrown away.

mod common;

use common::{id_of, ledger_of, retype};

use common::{Sandbox, click, field, harness, small_ledger, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::analysis::{Analysis, AnalysisStatus};
use zhibu::model::{Ledger, Stage};
use zhibu::ui::ZhibuApp;

fn appraisal_ledger() -> Ledger {
    let mut ledger = small_ledger(4);
    ledger.campaign.stage = Stage::Appraisal;
    ledger
}

fn analysis_of(harness: &Harness<'static, ZhibuApp>, name: &str) -> Option<Analysis> {
    let ledger = ledger_of(harness);
    let id = id_of(&ledger, name);
    ledger.analyses.iter().find(|a| a.member == id).map(|a| (**a).clone())
}

/// Opens the analysis tab at `name`.
fn open_member(name: &str) -> (Sandbox, Harness<'static, ZhibuApp>) {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &appraisal_ledger());
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "分析评议");
    harness.get_by_label("党性分析").click();
    harness.run_steps(2);
    harness.get_by_label(name).click();
    harness.run_steps(2);
    harness.get_by_label(&format!("{name}的党性分析材料"));
    (sandbox, harness)
}

fn review_by(harness: &mut Harness<'static, ZhibuApp>, date: &str) {
    retype(harness, "审阅人", "王建国");
    retype(harness, "审阅日期", date);
}

#[test]
fn typed_parts_are_saved_as_a_draft_and_a_short_one_is_not_made_final() {
    let (_sandbox, mut harness) = open_member("张伟");
    type_into(&mut harness, "一、基本情况和学习收获", "本人1990年入党。");
    type_into(&mut harness, "（一）理想信念方面", "理论学习不够系统。");
    harness.get_by_label("● 未保存的修改");
    harness.get_by_label_contains("字数 19/3000");
    assert!(
        analysis_of(&harness, "张伟").is_none(),
        "nothing saved before the button"
    );

    retype(&mut harness, "稿件日期", "2006-01-20");
    click(&mut harness, "保存为新一稿");
    let analysis = analysis_of(&harness, "张伟").expect("saved");
    assert_eq!(analysis.revisions.len(), 1);
    let parts = &analysis.revisions[0].parts;
    assert_eq!(parts.opening, "本人1990年入党。");
    assert_eq!(parts.problems[0], "理论学习不够系统。");
    assert_eq!(analysis.revisions[0].note, "初稿");
    assert_eq!(analysis.status, AnalysisStatus::Draft);
    assert!(harness.query_by_label("● 未保存的修改").is_none());

    review_by(&mut harness, "2006-01-21");
    click(&mut harness, "定稿");
    harness.get_by_label("当前稿 19 字，未达到 3000 字的要求；年老体弱等确有困难的，可登记灵活方式后定稿");
    let analysis = analysis_of(&harness, "张伟").expect("saved");
    assert_eq!(analysis.status, AnalysisStatus::Draft);
    assert!(analysis.reviews.is_empty());
}

#[test]
fn submitted_reviewed_revised_compared_and_made_final() {
    let (_sandbox, mut harness) = open_member("刘洋");
    type_into(&mut harness, "一、基本情况和学习收获", "本人是村委会委员。");
    retype(&mut harness, "稿件日期", "2006-01-20");
    click(&mut harness, "保存为新一稿");

    click(&mut harness, "送审");
    assert_eq!(
        analysis_of(&harness, "刘洋").expect("a").status,
        AnalysisStatus::Submitted
    );

    review_by(&mut harness, "2006-01-22");
    type_into(&mut harness, "审阅意见", "问题查找不够具体，请对照五个方面逐条剖析。");
    click(&mut harness, "登记审阅意见");
    let analysis = analysis_of(&harness, "刘洋").expect("a");
    assert_eq!(analysis.status, AnalysisStatus::Reviewed);
    assert_eq!(analysis.reviews.len(), 1);
    assert_eq!(analysis.reviews[0].by, "王建国");

    // The second draft: the earlier text is loaded; a long cause is added.
    field(&harness, "一、基本情况和学习收获");
    let long = "放松了世界观的改造".repeat(340);
    type_into(&mut harness, "三、产生问题的根源（世界观、人生观、价值观）", &long);
    harness.get_by_label_contains("字数 3069/3000");
    retype(&mut harness, "稿件日期", "2006-01-25");
    click(&mut harness, "保存为新一稿");
    let analysis = analysis_of(&harness, "刘洋").expect("a");
    assert_eq!(analysis.revisions.len(), 2);
    assert_eq!(analysis.status, AnalysisStatus::Revising);
    assert_eq!(analysis.revisions[1].parts.opening, "本人是村委会委员。");

    review_by(&mut harness, "2006-01-26");
    click(&mut harness, "定稿");
    let analysis = analysis_of(&harness, "刘洋").expect("a");
    assert_eq!(analysis.status, AnalysisStatus::Final);
    assert_eq!(analysis.revisions.len(), 2);
    assert_eq!(analysis.reviews.len(), 2);
    harness.get_by_label("定稿 1/4 人");

    // The comparison shows the cause added and folds the unchanged opening.
    click(&mut harness, "第2稿与上一稿对比");
    harness.get_by_label("改动 1 处，增加 3069 字，删除 0 字");
    harness.get_by_label("三、产生问题的根源");
    click(&mut harness, "……未改动 2 段……");
    harness.get_by_label("本人是村委会委员。");
    click(&mut harness, "返回编辑");
    field(&harness, "一、基本情况和学习收获");
}

#[test]
fn flexible_form_lets_a_short_draft_be_final() {
    let (_sandbox, mut harness) = open_member("张伟");
    type_into(&mut harness, "一、基本情况和学习收获", "口述：本人年老，学习不够。");
    retype(&mut harness, "稿件日期", "2006-01-20");
    click(&mut harness, "保存为新一稿");

    harness.get_by_label("采用灵活方式（年老体弱、文化程度低等）").click();
    harness.run_steps(2);
    click(&mut harness, "保存灵活方式");
    harness.get_by_label("请写明采用灵活方式的原因，如年老体弱、文化程度低");
    assert!(analysis_of(&harness, "张伟").expect("a").flexible.is_none());
    type_into(&mut harness, "原因", "年老体弱，视力差");
    type_into(&mut harness, "代笔人", "李秀英");
    click(&mut harness, "保存灵活方式");
    let flexible = analysis_of(&harness, "张伟").expect("a").flexible.expect("flexible");
    assert_eq!(
        (
            flexible.how.as_str(),
            flexible.reason.as_str(),
            flexible.scribe.as_str()
        ),
        ("口述，他人代笔", "年老体弱，视力差", "李秀英")
    );
    harness.get_by_label("（已登记灵活方式，字数要求放宽）");

    review_by(&mut harness, "2006-01-21");
    click(&mut harness, "定稿");
    assert_eq!(analysis_of(&harness, "张伟").expect("a").status, AnalysisStatus::Final);
}

#[test]
fn switching_member_with_unsaved_changes_asks_first() {
    let (_sandbox, mut harness) = open_member("张伟");
    type_into(&mut harness, "一、基本情况和学习收获", "还没保存的话");
    harness.get_by_label("刘洋").click();
    harness.run_steps(2);
    harness.get_by_label("「党性分析 · 张伟」有未保存的修改。不保存就切换，这些修改会丢失。");
    click(&mut harness, "继续编辑");
    harness.get_by_label("张伟的党性分析材料");
    assert_eq!(
        field(&harness, "一、基本情况和学习收获").value().as_deref(),
        Some("还没保存的话")
    );

    harness.get_by_label("刘洋").click();
    harness.run_steps(2);
    click(&mut harness, "放弃修改并切换");
    harness.get_by_label("刘洋的党性分析材料");
    assert!(harness.query_by_label("● 未保存的修改").is_none());
}
