//! One truth for every figure: each figure the 工作总结 draft states equals
//! the same figure in the checklist, in 学时统计 (the hours as that screen
//! counts them), in the export's figures, in the workbook's 汇总 read back,
//! in the export file and in `zhibu check` — for the demo branch of 60 and
//! of 150 members at each stage of its story, with the member who
//! transferred out, with one who left during the learning stage and with
//! one excused from study.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use zhibu::demo::{demo_ledger, demo_ledger_finished};
use zhibu::model::appraisal::Grade;
use zhibu::model::member::Transfer;
use zhibu::model::study::Exemption;
use zhibu::model::study_rules::show_hours;
use zhibu::model::{Date, Ledger};
use zhibu::progress::summary::{summary_draft, summary_figures};
use zhibu::progress::{Column, checklist, figures, hours_of_all};
use zhibu::report::{ExportOptions, export_file, export_package};

/// One ledger on one day.
struct Case {
    name: String,
    ledger: Ledger,
    today: Date,
}

const PREPARATION: Date = Date::constant(2005, 11, 13);
const LEARNING: Date = Date::constant(2005, 12, 31);
const APPRAISAL_BEGUN: Date = Date::constant(2006, 2, 20);
const STORY_DAY: Date = Date::constant(2006, 3, 10);
const FINISHED: Date = Date::constant(2006, 6, 30);

/// The demo at each stage, and the variants that test the rule: a member
/// who left during the learning stage (the demo's own leaves in January)
/// and a member excused from study.
fn cases(members: usize) -> Vec<Case> {
    let case = |stage: &str, ledger: Ledger, today: Date| Case {
        name: format!("{members} 名党员，{stage}"),
        ledger,
        today,
    };
    let mut out = vec![
        case("准备阶段", demo_ledger(members, PREPARATION), PREPARATION),
        case("学习动员", demo_ledger(members, LEARNING), LEARNING),
        case("分析评议开始后", demo_ledger(members, APPRAISAL_BEGUN), APPRAISAL_BEGUN),
        case("分析评议", demo_ledger(members, STORY_DAY), STORY_DAY),
        case("整改提高做完", demo_ledger_finished(members, FINISHED), FINISHED),
    ];

    let mut left = demo_ledger(members, LEARNING);
    assert!(
        left.members.iter().all(|m| m.transfer_out.is_none()),
        "nobody has left yet"
    );
    let i = left.members.len() / 2;
    left.members[i].transfer_out = Some(Transfer {
        date: Date::constant(2005, 12, 20),
        other_branch: "中共青山镇机关支部委员会".to_owned(),
    });
    out.push(case("学习动员中一人转出", left, LEARNING));

    for (stage, mut ledger, today) in [
        ("分析评议，一人免学", demo_ledger(members, STORY_DAY), STORY_DAY),
        (
            "整改提高做完，一人免学",
            demo_ledger_finished(members, FINISHED),
            FINISHED,
        ),
    ] {
        excuse_the_furthest_behind(&mut ledger);
        out.push(case(stage, ledger, today));
    }
    out
}

/// Excuses from study the member on the roster with the most hours missing.
fn excuse_the_furthest_behind(ledger: &mut Ledger) {
    let hours = hours_of_all(ledger);
    let (member, _) = ledger
        .members
        .iter()
        .zip(&hours)
        .filter(|(m, _)| m.transfer_out.is_none())
        .max_by(|(_, a), (_, b)| a.shortfall().total_cmp(&b.shortfall()))
        .expect("members");
    let member = member.id;
    ledger.study.exemptions.push(Exemption {
        member,
        reason: "常年卧病在床，经支委会研究同意免学".to_owned(),
        date: Date::constant(2005, 11, 20),
    });
}

/// 学时统计's line above its table ("达标 58/59 人，人均 49.5 学时"), worked
/// out as src/ui/screens/learning/hours.rs does: members not transferred
/// out; 达标 is every such member whose hours are met (an excused
/// member's are); the average is over those not excused.
struct HoursView {
    members: usize,
    met: usize,
    average: f64,
}

fn hours_view(ledger: &Ledger) -> HoursView {
    let hours = hours_of_all(ledger);
    let current: Vec<_> = ledger
        .members
        .iter()
        .zip(&hours)
        .filter(|(m, _)| m.is_current())
        .map(|(_, h)| h)
        .collect();
    let studied: Vec<f64> = current.iter().filter(|h| !h.exempt).map(|h| h.total()).collect();
    HoursView {
        members: current.len(),
        met: current.iter().filter(|h| h.met()).count(),
        average: if studied.is_empty() {
            0.0
        } else {
            studied.iter().sum::<f64>() / studied.len() as f64
        },
    }
}

/// The workbook's 汇总 sheet: label → value.
fn summary_sheet(path: &Path) -> HashMap<String, Data> {
    let mut book: Xlsx<_> = open_workbook(path).expect("workbook opens");
    let range = book.worksheet_range("汇总").expect("汇总 sheet");
    range.rows().skip(1).map(|r| (cell_text(&r[1]), r[2].clone())).collect()
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// A number of the 汇总 sheet; `None` when the line is missing or empty.
fn sheet_number(sheet: &HashMap<String, Data>, label: &str) -> Option<f64> {
    match sheet.get(label)? {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// The first 汇总 line whose label starts with `prefix` (labels may carry a
/// note in brackets).
fn sheet_number_starting(sheet: &HashMap<String, Data>, prefix: &str) -> Option<f64> {
    let mut labels: Vec<&String> = sheet.keys().filter(|l| l.starts_with(prefix)).collect();
    labels.sort();
    labels.first().and_then(|l| sheet_number(sheet, l))
}

/// What `zhibu check` prints, run as a user would.
struct CheckOutput {
    text: String,
    /// 在册 N 人.
    members: Option<usize>,
    /// The 合计 line: column → (met, applicable).
    totals: HashMap<String, (usize, usize)>,
}

fn check(ledger: &Ledger, dir: &Path) -> CheckOutput {
    let path = dir.join("台账.ron");
    zhibu::store::save(&path, ledger, None).expect("save");
    let run = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("run zhibu check");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8_lossy(&run.stdout).into_owned();
    let members = text.split_once("在册 ").and_then(|(_, rest)| {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    });
    let mut totals = HashMap::new();
    if let Some(line) = text.lines().find_map(|l| l.strip_prefix("合计：")) {
        for part in line.split('，') {
            let Some((title, ratio)) = part.rsplit_once(' ') else {
                continue;
            };
            let Some((met, all)) = ratio.split_once('/') else {
                continue;
            };
            if let (Ok(met), Ok(all)) = (met.parse(), all.parse()) {
                totals.insert(title.to_owned(), (met, all));
            }
        }
    }
    CheckOutput { text, members, totals }
}

/// Collects disagreements, so that one run lists them all.
#[derive(Default)]
struct Disagreements(Vec<String>);

impl Disagreements {
    /// Every source that has the figure must give the same value.
    fn agree(&mut self, case: &str, what: &str, values: &[(&str, Option<f64>)]) {
        let given: Vec<(&str, f64)> = values.iter().filter_map(|(s, v)| v.map(|v| (*s, v))).collect();
        let Some(&(_, first)) = given.first() else { return };
        if given.iter().any(|(_, v)| (v - first).abs() > 1e-9) {
            let shown: Vec<String> = values
                .iter()
                .map(|(s, v)| format!("{s} {}", v.map_or("—".to_owned(), |v| v.to_string())))
                .collect();
            self.0.push(format!("{case}：{what}：{}", shown.join("，")));
        }
    }

    fn require(&mut self, case: &str, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(format!("{case}：{}", what()));
        }
    }
}

fn n(v: impl TryInto<u32>) -> Option<f64> {
    v.try_into().ok().map(f64::from)
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn column_total(list: &zhibu::progress::Checklist, column: Column) -> Option<(usize, usize)> {
    let i = list.columns.iter().position(|c| *c == column)?;
    Some(list.totals()[i])
}

#[expect(
    clippy::too_many_lines,
    reason = "one figure after another, each compared with its source: splitting hides the list"
)]
fn compare(case: &Case, dir: &Path, out: &mut Disagreements) {
    let (name, ledger, today) = (case.name.as_str(), &case.ledger, case.today);
    let s = summary_figures(ledger);
    let draft = summary_draft(ledger);
    let f = figures(ledger, today);
    let list = checklist(ledger);
    let view = hours_view(ledger);
    let exported = export_package(dir, ledger, today, ExportOptions::default()).expect("export");
    let sheet = summary_sheet(&exported.workbook);
    let file = export_file::read(&exported.export_file).expect("export file reads back");
    out.require(name, file.body.figures == f, || {
        "导出文件的统计数字与台账不同".to_owned()
    });
    let cli = check(ledger, dir);
    let x = |label: &str| sheet_number(&sheet, label);
    let x_starting = |label: &str| sheet_number_starting(&sheet, label);

    // Members on the roll, and those who left shown apart.
    let departed = ledger.members.iter().filter(|m| m.transfer_out.is_some()).count();
    out.agree(
        name,
        "在册党员",
        &[
            ("总结", n(s.members)),
            ("学时统计", n(view.members)),
            ("清单", n(list.rows.len())),
            ("统计数字", Some(f64::from(f.members.total))),
            ("汇总", x_starting("党员总数")),
            ("check", cli.members.and_then(n)),
        ],
    );
    out.require(
        name,
        draft.contains(&format!("支部现有党员 {} 名", s.members)),
        || format!("总结未写“支部现有党员 {} 名”", s.members),
    );
    out.agree(
        name,
        "转出党员",
        &[
            ("台账", n(departed)),
            ("统计数字", Some(f64::from(f.members.transferred_out))),
            ("汇总", x_starting("转出党员")),
        ],
    );
    let apart = format!("另有 {departed} 名党员转出");
    if departed > 0 {
        out.require(name, draft.contains(&apart), || format!("总结未写“{apart}”"));
        out.require(name, cli.text.contains(&apart), || format!("check 未写“{apart}”"));
    } else {
        out.require(name, !draft.contains("转出"), || "无人转出，总结却说转出".to_owned());
    }

    // 学习动员.
    if let Some(l) = &f.learning {
        let hours = column_total(&list, Column::Hours);
        out.agree(
            name,
            "学时达标人数",
            &[
                ("总结", n(s.members_met_hours)),
                ("学时统计", n(view.met)),
                ("清单", hours.and_then(|(met, _)| n(met))),
                ("统计数字", Some(f64::from(l.members_met))),
                ("汇总", x_starting("学时达标人数")),
                ("check", cli.totals.get("学时").and_then(|(met, _)| n(*met))),
            ],
        );
        out.agree(
            name,
            "学时统计的人数",
            &[
                ("学时统计", n(view.members)),
                ("清单", hours.and_then(|(_, all)| n(all))),
                ("check", cli.totals.get("学时").and_then(|(_, all)| n(*all))),
            ],
        );
        out.require(
            name,
            draft.contains(&format!("{} 名党员达到", s.members_met_hours)),
            || format!("总结未写“{} 名党员达到”", s.members_met_hours),
        );
        out.agree(
            name,
            "人均学时（一位小数）",
            &[
                ("总结", Some(round1(s.average_hours))),
                ("学时统计", Some(round1(view.average))),
                ("统计数字", l.average_hours.map(round1)),
                ("汇总", x("人均学时").map(round1)),
            ],
        );
        let average = format!("人均学习 {} 学时", show_hours(round1(view.average)));
        out.require(name, draft.contains(&average), || format!("总结未写“{average}”"));
        out.agree(
            name,
            "集中学习次数",
            &[
                ("总结", n(s.sessions)),
                ("统计数字", Some(f64::from(l.sessions))),
                ("汇总", x("集中学习次数")),
            ],
        );
        out.agree(
            name,
            "补学人数",
            &[
                ("总结", n(s.made_up_members)),
                ("统计数字", Some(f64::from(l.members_made_up))),
                ("汇总", x("补学人数")),
            ],
        );
        let on_roll_reflections = ledger
            .study
            .reflections
            .iter()
            .filter(|r| r.received && ledger.member(r.member).is_some_and(|m| m.is_current()))
            .count();
        out.agree(
            name,
            "学习心得篇数",
            &[
                ("总结", n(s.reflections)),
                ("在册党员交的", n(on_roll_reflections)),
                ("统计数字", Some(f64::from(l.reflections))),
                ("汇总", x("学习心得篇数")),
            ],
        );
        let reflections = column_total(&list, Column::Reflections);
        out.agree(
            name,
            "心得达标人数",
            &[
                ("清单", reflections.and_then(|(met, _)| n(met))),
                ("统计数字", Some(f64::from(l.members_reflected))),
                ("汇总", x_starting("心得达标人数")),
                ("check", cli.totals.get("心得").and_then(|(met, _)| n(*met))),
            ],
        );
        out.agree(
            name,
            "心得的人数",
            &[
                ("在册", n(view.members)),
                ("清单", reflections.and_then(|(_, all)| n(all))),
            ],
        );
    }

    // 分析评议.
    if let Some(a) = &f.appraisal {
        out.agree(
            name,
            "征求意见",
            &[
                ("总结", n(s.opinions)),
                ("统计数字", Some(f64::from(a.opinions_raw))),
                ("汇总", x("征求意见（条）")),
            ],
        );
        out.agree(
            name,
            "梳理为",
            &[
                ("总结", n(s.issues)),
                ("统计数字", Some(f64::from(a.opinions_merged))),
                ("汇总", x("梳理为（条）")),
            ],
        );
        out.agree(
            name,
            "已反馈",
            &[
                ("总结", n(s.fed_back)),
                ("统计数字", Some(f64::from(a.fed_back))),
                ("汇总", x("已反馈")),
            ],
        );
        out.agree(
            name,
            "谈心谈话",
            &[
                ("总结", n(s.talks)),
                ("统计数字", Some(f64::from(a.talk_cards))),
                ("汇总", x("谈心谈话（次）")),
            ],
        );
        let talks = column_total(&list, Column::Talks);
        out.agree(
            name,
            "谈心未达要求人数",
            &[
                ("清单", talks.and_then(|(met, all)| n(all - met))),
                ("统计数字", Some(f64::from(a.members_talks_below))),
                ("汇总", x("谈心未达要求人数")),
            ],
        );
        out.agree(
            name,
            "党性分析定稿",
            &[
                ("总结", n(s.analyses_final)),
                (
                    "清单",
                    column_total(&list, Column::Analysis).and_then(|(met, _)| n(met)),
                ),
                ("统计数字", Some(f64::from(a.analyses_final))),
                ("汇总", x("已定稿")),
                ("check", cli.totals.get("党性分析").and_then(|(met, _)| n(*met))),
            ],
        );
        if s.analyses_final > 0 {
            let said = format!("{} 名党员的党性分析材料经审阅定稿", s.analyses_final);
            out.require(name, draft.contains(&said), || format!("总结未写“{said}”"));
        }
        for (i, grade) in Grade::ALL.iter().enumerate() {
            out.agree(
                name,
                grade.label(),
                &[
                    ("总结", Some(f64::from(s.grades[i]))),
                    ("统计数字", a.grades.get(i).map(|(_, n)| f64::from(*n))),
                    ("汇总", x(grade.label())),
                ],
            );
        }
    }

    // 整改提高.
    if let Some(r) = &f.rectification {
        for (what, summary, figure, label) in [
            ("整改承诺", s.commitments, r.commitments, "整改承诺（条）"),
            ("承诺已完成", s.commitments_done, r.commitments_done, "承诺已完成"),
            ("支部整改事项", s.branch_items, r.branch_items, "支部整改事项"),
            ("事项已完成", s.branch_items_done, r.branch_items_done, "事项已完成"),
            ("群众热盼问题", s.hot, r.hot_problems, "群众热盼问题"),
            ("群众热盼已解决", s.hot_done, r.hot_problems_solved, "群众热盼已解决"),
            ("长效机制", s.rules.len(), r.rules, "长效机制（项）"),
        ] {
            out.agree(
                name,
                what,
                &[
                    ("总结", n(summary)),
                    ("统计数字", Some(f64::from(figure))),
                    ("汇总", x(label)),
                ],
            );
        }
        out.agree(
            name,
            "满意率",
            &[
                ("总结", s.satisfaction.map(|(_, rate)| rate)),
                ("统计数字", r.latest_rate()),
            ],
        );
    }
}

fn every_figure_agrees(members: usize) {
    let mut out = Disagreements::default();
    for case in cases(members) {
        let dir = tempfile::tempdir().expect("temp dir");
        compare(&case, dir.path(), &mut out);
    }
    assert!(out.0.is_empty(), "{} 处不一致：\n{}", out.0.len(), out.0.join("\n"));
}

#[test]
fn the_summary_states_the_figures_of_every_view_for_60_members() {
    every_figure_agrees(60);
}

#[test]
fn the_summary_states_the_figures_of_every_view_for_150_members() {
    every_figure_agrees(150);
}
