//! 两稿对比 in the 党性分析 tab, as a reviewer reads it: one phrase
//! changed in a long paragraph is shown as that phrase removed and added,
//! with the count at the top, and the unchanged paragraphs are folded to
//! a line that opens on a click and folds again.

mod common;

use common::{Sandbox, click, harness, id_of, small_ledger};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::analysis::{Analysis, DraftParts, Revision};
use zhibu::model::{AnalysisId, Date, Ledger, Stage};
use zhibu::ui::ZhibuApp;

/// A paragraph of about 200 characters with `phrase` in it.
fn problem(phrase: &str) -> String {
    format!(
        "对照党章规定的党员义务和支部提出的保持先进性具体要求，认真查找自身存在的问题。\
         理论学习{phrase}，对马克思主义理论缺乏系统钻研，满足于读读报纸、听听传达，\
         没有做到学以致用、用以促学，遇到新情况新问题时缺乏分析解决的能力，\
         与新形势新任务的要求还有不小差距。"
    )
}

fn draft(day: i8, phrase: &str) -> Revision {
    let mut parts = DraftParts {
        opening: "本人1990年入党，现任村会计。".to_owned(),
        causes: "放松了世界观的改造。".to_owned(),
        ..DraftParts::default()
    };
    parts.problems[0] = problem(phrase);
    Revision {
        date: Date::constant(2006, 1, day),
        parts,
        ..Revision::default()
    }
}

fn ledger() -> Ledger {
    let mut ledger = small_ledger(4);
    ledger.campaign.stage = Stage::Appraisal;
    let member = id_of(&ledger, "张伟");
    let id = AnalysisId(ledger.next_id());
    ledger.analyses.push(
        Analysis {
            id,
            member,
            revisions: vec![draft(20, "浮于表面"), draft(25, "流于形式")],
            ..Analysis::default()
        }
        .into(),
    );
    ledger
}

fn comparison_open() -> (Sandbox, Harness<'static, ZhibuApp>) {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &ledger());
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "分析评议");
    harness.get_by_label("党性分析").click();
    harness.run_steps(2);
    harness.get_by_label("张伟").click();
    harness.run_steps(2);
    click(&mut harness, "第2稿与上一稿对比");
    (sandbox, harness)
}

#[test]
fn a_phrase_changed_in_a_long_paragraph_is_counted_and_shown_in_place() {
    let (_sandbox, harness) = comparison_open();
    harness.get_by_label("第1稿与第2稿对比");
    harness.get_by_label("改动 1 处，增加 4 字，删除 4 字");
    // The changed paragraph reads once, the old phrase then the new.
    harness.get_by_label(&problem("浮于表面流于形式"));
    // The headings and the unchanged paragraphs around it are folded.
    harness.get_by_label("……未改动 4 段……");
    harness.get_by_label("……未改动 2 段……");
    assert!(harness.query_by_label("本人1990年入党，现任村会计。").is_none());
}

#[test]
fn a_folded_run_opens_on_a_click_and_folds_again() {
    let (_sandbox, mut harness) = comparison_open();
    click(&mut harness, "……未改动 4 段……");
    harness.get_by_label("一、基本情况和学习收获");
    harness.get_by_label("本人1990年入党，现任村会计。");
    harness.get_by_label("（一）理想信念方面");
    // The other run stays folded.
    harness.get_by_label("……未改动 2 段……");
    assert!(harness.query_by_label("放松了世界观的改造。").is_none());

    click(&mut harness, "收起未改动的 4 段");
    harness.get_by_label("……未改动 4 段……");
    assert!(harness.query_by_label("本人1990年入党，现任村会计。").is_none());

    click(&mut harness, "返回编辑");
    harness.get_by_label("张伟的党性分析材料");
    assert!(harness.query_by_label("……未改动 2 段……").is_none());
}
