//! The bad-input catalogue: every form field of the record screens fed
//! the values a secretary really mistypes — an empty name, 2月30日, a date
//! before the Party existed or after today, a wrong 身份证号 check digit,
//! hours and ballot counts that are negative, not numbers or do not add
//! up. Each must give its Chinese message and store nothing. (The study
//! session's fields are in `ui_learning.rs`, the talk card's and the
//! analysis editor's in their own files.)

mod common;

use common::retype;

use common::{Sandbox, click, field, harness, small_ledger, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::{Ledger, Stage};
use zhibu::ui::ZhibuApp;

/// Three members in the appraisal stage of a campaign running now.
fn ledger() -> Ledger {
    let mut ledger = small_ledger(3);
    common::running_now(&mut ledger, Stage::Appraisal);
    ledger
}

fn open(sandbox: &Sandbox) -> Harness<'static, ZhibuApp> {
    let path = sandbox.write_ledger("支部.ron", &ledger());
    harness(sandbox.app(Some(&path)))
}

fn current(harness: &Harness<'static, ZhibuApp>) -> Ledger {
    harness.state().doc.as_ref().expect("open").ledger.clone()
}

/// Feeds each case to its field, presses `save`, and checks the message
/// and that the ledger did not change; the field gets its good value back
/// after each case.
fn catalogue(harness: &mut Harness<'static, ZhibuApp>, save: &str, cases: &[(&str, &str, &str)]) {
    for &(label, bad, message) in cases {
        let good = field(harness, label).value().unwrap_or_default();
        let before = current(harness);
        retype(harness, label, bad);
        click(harness, save);
        assert!(
            harness.query_by_label_contains(message).is_some(),
            "{label} = {bad:?}: expected a message containing “{message}”"
        );
        assert_eq!(current(harness), before, "{label} = {bad:?} changed the records");
        retype(harness, label, &good);
    }
}

#[test]
fn member_form() {
    let sandbox = Sandbox::new();
    let mut harness = open(&sandbox);
    click(&mut harness, "党员名册");
    click(&mut harness, "新增党员");
    type_into(&mut harness, "姓名 *", "周镕");
    type_into(&mut harness, "出生日期", "1975-03-08");
    type_into(&mut harness, "入党时间", "1998-07-01");
    catalogue(
        &mut harness,
        "保存",
        &[
            ("姓名 *", "", "请填写姓名"),
            ("出生日期", "1975-02-30", "日期“1975-02-30”不存在"),
            ("出生日期", "1890-05-01", "年份不对：应在 1900 年到 2200 年之间"),
            ("出生日期", "2030-01-01", "出生日期不能晚于今天"),
            ("出生日期", "abc", "无法识别的日期“abc”"),
            ("入党时间", "1920-05-01", "入党时间不能早于 1921 年 7 月建党"),
            ("入党时间", "2030-01-01", "入党时间不能晚于今天"),
            ("入党时间", "1970-01-01", "入党时间应晚于出生日期"),
            ("身份证号", "110105194912310021", "身份证号校验位不对"),
            ("联系电话", "电话没有", "电话号码只能包含数字"),
            ("联系电话", "123", "电话号码位数太少"),
        ],
    );
    click(&mut harness, "保存");
    assert_eq!(current(&harness).members.len(), 4, "the good values save");
}

#[test]
fn opinion_form() {
    let sandbox = Sandbox::new();
    let mut harness = open(&sandbox);
    click(&mut harness, "分析评议");
    click(&mut harness, "登记意见");
    type_into(&mut harness, "日期", "2026-11-02");
    type_into(&mut harness, "意见内容（只谈问题不谈成绩）", "开会经常迟到");
    catalogue(
        &mut harness,
        "保存意见",
        &[
            ("日期", "", "请填写收到意见的日期"),
            ("日期", "2026-02-30", "日期“2026-02-30”不存在"),
            ("日期", "2026-08-01", "早于活动开始"),
            ("日期", "2027-05-01", "晚于活动结束"),
            ("意见内容（只谈问题不谈成绩）", "", "请填写意见内容"),
            ("意见内容（只谈问题不谈成绩）", "   ", "请填写意见内容"),
        ],
    );
    click(&mut harness, "保存意见");
    assert_eq!(current(&harness).opinions.opinions.len(), 1);
}

#[test]
fn ballot_counts() {
    let sandbox = Sandbox::new();
    let mut harness = open(&sandbox);
    click(&mut harness, "分析评议");
    click(&mut harness, "民主评议");
    click(&mut harness, "登记党员互评票数");
    type_into(&mut harness, "实到", "3");
    type_into(&mut harness, "有效票", "3");
    type_into(&mut harness, "无效票", "0");
    type_into(&mut harness, "王建国合格", "3");
    catalogue(
        &mut harness,
        "保存票数",
        &[
            ("测评日期", "2026-02-30", "日期“2026-02-30”不存在"),
            ("应到", "0", "应到人数须大于 0"),
            ("应到", "2", "实到 3 人，多于应到 2 人"),
            ("实到", "-1", "实到“-1”不是人数或票数"),
            ("实到", "abc", "实到“abc”不是人数或票数"),
            ("有效票", "2", "有效票 2 张 + 无效票 0 张 = 2 张，与实到 3 人不符"),
            ("无效票", "1", "与实到 3 人不符"),
            ("王建国合格", "5", "王建国的票数合计 5 张（含弃权），与有效票 3 张不符"),
            ("王建国合格", "2.5", "王建国的合格票“2.5”不是人数或票数"),
            ("王建国弃权", "1", "王建国的票数合计 4 张（含弃权），与有效票 3 张不符"),
        ],
    );
    click(&mut harness, "保存票数");
    assert_eq!(current(&harness).appraisal.rounds.len(), 1);
}

#[test]
fn meeting_result_and_report() {
    let sandbox = Sandbox::new();
    let mut harness = open(&sandbox);
    click(&mut harness, "分析评议");
    click(&mut harness, "组织生活会");
    click(&mut harness, "登记专题组织生活会");
    type_into(&mut harness, "主持人", "王建国");
    catalogue(
        &mut harness,
        "登记会议",
        &[
            ("会议日期", "", "请填写会议日期"),
            ("会议日期", "2026-11-31", "日期“2026-11-31”不存在"),
            ("会议日期", "2020-01-01", "早于活动开始"),
            ("主持人", "", "请填写会议主持人"),
        ],
    );

    click(&mut harness, "民主评议");
    click(&mut harness, "自评和评定等次");
    harness.get_by_label("张伟").click();
    harness.run_steps(2);
    catalogue(
        &mut harness,
        "保存评议结果",
        &[
            ("自评日期", "2026-02-29", "自评日期：日期“2026-02-29”不存在"),
            ("自评日期", "2030-01-01", "晚于活动结束"),
        ],
    );

    click(&mut harness, "通报情况");
    type_into(&mut harness, "通报方式", "党员大会");
    type_into(&mut harness, "公布方式", "村务公开栏");
    catalogue(
        &mut harness,
        "保存通报情况",
        &[
            ("向党员通报日期", "2026-02-30", "向党员通报日期：日期“2026-02-30”不存在"),
            ("向群众公布日期", "下周", "向群众公布日期：无法识别的日期“下周”"),
        ],
    );
    // A date without the way it was reported is refused by the rules.
    retype(&mut harness, "通报方式", "");
    retype(&mut harness, "向党员通报日期", "2026-11-24");
    click(&mut harness, "保存通报情况");
    harness.get_by_label_contains("请填写向党员通报的方式");
    assert_eq!(current(&harness).appraisal.reported, None);
}
