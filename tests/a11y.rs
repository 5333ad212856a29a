//! What a screen reader finds: every screen of the demo branch (each tab of
//! the stage screens, the roster with a member's form open, a session page)
//! walked through the accessibility tree egui hands to AT-SPI, failing on an
//! interactive node without a Chinese name and on a Tab stop that does
//! nothing; and the window titled 支部台账 — branch.

mod common;

use common::{Sandbox, TODAY, commands, harness};
use egui::accesskit::{Action, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use zhibu::demo::{Chapter, DEFAULT_MEMBERS, around};
use zhibu::ui::screens::appraisal::AppraisalTab;
use zhibu::ui::screens::learning::LearningTab;
use zhibu::ui::screens::rectification::RectificationTab;
use zhibu::ui::{Screen, ZhibuApp};

/// Roles a user acts on: each needs a name a listener understands.
const INTERACTIVE: &[Role] = &[
    Role::Button,
    Role::DefaultButton,
    Role::Link,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::SearchInput,
    Role::DateInput,
    Role::CheckBox,
    Role::RadioButton,
    Role::ComboBox,
    Role::SpinButton,
    Role::Slider,
    Role::Tab,
    Role::MenuItem,
    Role::Splitter,
    Role::DisclosureTriangle,
];

/// Link names that say what to do but not what they open: a listener
/// hears thirty "去处理" in a row.
const VAGUE_LINKS: &[&str] = &["查看", "去处理", "打开", "详情", "编辑"];

/// One node a screen reader cannot make sense of.
#[derive(Debug)]
struct Finding {
    screen: String,
    role: Role,
    label: String,
    /// The last text read before the node, so that it can be found.
    after: String,
    why: &'static str,
    /// Where it is drawn, in points: to tell apart nodes after the same text.
    at: egui::Rect,
}

/// Whether a name says something to a Chinese listener: it holds a Chinese
/// character, or at least no Latin word (a number or a date is fine).
fn named(label: &str) -> bool {
    let label = label.trim();
    !label.is_empty()
        && (label.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            || !label.chars().any(|c| c.is_ascii_alphabetic()))
}

/// Walks the tree of the frame on screen, recording each finding under
/// `screen`.
fn walk(harness: &Harness<'static, ZhibuApp>, screen: &str, findings: &mut Vec<Finding>) {
    let mut after = String::new();
    let mut controls = 0;
    for node in harness.root().children_recursive() {
        let ak = node.accesskit_node();
        let role = ak.role();
        let label = ak.label().unwrap_or_default();
        let focusable = ak.data().supports_action(Action::Focus);
        if INTERACTIVE.contains(&role) {
            controls += 1;
        }
        let why = if role == Role::Link && VAGUE_LINKS.contains(&label.trim()) {
            Some("链接名称没说打开什么")
        } else if INTERACTIVE.contains(&role) {
            if named(&label) {
                None
            } else if label.trim().is_empty() {
                Some("没有名称")
            } else {
                Some("名称是英文")
            }
        } else if focusable && !ak.is_hidden() {
            Some("可用 Tab 到达却什么也不做")
        } else {
            None
        };
        if let Some(why) = why {
            findings.push(Finding {
                screen: screen.to_owned(),
                role,
                label: label.clone(),
                after: after.clone(),
                why,
                at: node.rect(),
            });
        }
        let text = if label.trim().is_empty() {
            ak.value().unwrap_or_default()
        } else {
            label
        };
        if !text.trim().is_empty() {
            after = text.chars().take(24).collect();
        }
    }
    // A screen that failed to draw would pass with nothing to name.
    assert!(controls > 3, "{screen}: only {controls} controls drawn");
}

/// The demo branch at `chapter`, open in the window, and the window's
/// titles while it opened.
fn demo_window(sandbox: &Sandbox, chapter: Chapter) -> Harness<'static, ZhibuApp> {
    let ledger = around(DEFAULT_MEMBERS, chapter, TODAY).expect("demo");
    let path = sandbox.write_ledger("示例.ron", &ledger);
    harness(sandbox.app(Some(&path)))
}

/// Lets a screen settle (scroll areas, sizing passes) before it is read.
fn settle(harness: &mut Harness<'static, ZhibuApp>) {
    harness.run_steps(3);
}

/// Walks the screen on show, then the form its first 新增… or 登记…
/// button opens, if it has one.
fn walk_with_new_form(harness: &mut Harness<'static, ZhibuApp>, screen: &str, findings: &mut Vec<Finding>) {
    walk(harness, screen, findings);
    let opens_a_form = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.role() == Role::Button
            && !n.is_disabled()
            && n.label()
                .is_some_and(|l| l.starts_with("新增") || l.starts_with("登记"))
    };
    let Some(button) = harness.query_all_by(opens_a_form).next() else {
        return;
    };
    let label = button.accesskit_node().label().unwrap_or_default();
    button.click();
    settle(harness);
    walk(harness, &format!("{screen}/{label}"), findings);
}

/// Every screen and tab of an open ledger, walked.
fn walk_every_screen(harness: &mut Harness<'static, ZhibuApp>, chapter: &str, findings: &mut Vec<Finding>) {
    for screen in Screen::ALL {
        // As the navigation's button does (整改提高's carries its due count).
        harness.state_mut().screen = screen;
        settle(harness);
        let name = format!("{chapter}/{}", screen.title());
        match screen {
            Screen::Learning => {
                for tab in LearningTab::ALL {
                    harness.state_mut().learning.tab = tab;
                    settle(harness);
                    walk_with_new_form(harness, &format!("{name}/{}", tab.title()), findings);
                }
            }
            Screen::Appraisal => {
                for tab in AppraisalTab::ALL {
                    harness.state_mut().appraisal.tab = tab;
                    settle(harness);
                    walk_with_new_form(harness, &format!("{name}/{}", tab.title()), findings);
                }
            }
            Screen::Rectification => {
                for tab in RectificationTab::ALL {
                    harness.state_mut().rectification.tab = tab;
                    settle(harness);
                    walk_with_new_form(harness, &format!("{name}/{}", tab.title()), findings);
                }
            }
            Screen::Export => {
                use zhibu::ui::screens::export::Tab;
                for (tab, title) in [(Tab::Branch, "本支部"), (Tab::County, "汇总")] {
                    harness.state_mut().export.tab = tab;
                    settle(harness);
                    walk(harness, &format!("{name}/{title}"), findings);
                }
            }
            Screen::Roster => {
                walk(harness, &name, findings);
                let member = common::ledger_of(harness).members[0].clone();
                let form = zhibu::ui::screens::member_form::MemberForm::of_member(&member);
                harness.state_mut().roster.form = Some(form);
                settle(harness);
                walk(harness, &format!("{name}/党员表单"), findings);
                // egui names a side panel's handle "Resize panel"; the form renames it.
                harness.get_by_role_and_label(Role::Splitter, "拖动调整表单宽度");
                harness.state_mut().roster.form = None;
            }
            _ => walk(harness, &name, findings),
        }
    }
    // A study session's page: its details and the attendance register.
    harness.state_mut().screen = Screen::Learning;
    let session = common::ledger_of(harness).study.sessions[0].clone();
    harness.state_mut().learning.tab = LearningTab::Sessions;
    harness.state_mut().learning.page = Some(zhibu::ui::screens::learning::SessionPage::edit(&session));
    settle(harness);
    walk(harness, &format!("{chapter}/学习动员/学习活动页"), findings);
    harness.state_mut().learning.page = None;
}

fn report(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let (min, size) = (f.at.min, f.at.size());
            let at = format!("({:.0}, {:.0}) {:.0}×{:.0}", min.x, min.y, size.x, size.y);
            format!(
                "{} · {:?} 「{}」 在「{}」之后 {at}：{}",
                f.screen, f.role, f.label, f.after, f.why
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_control_on_every_screen_has_a_chinese_name_and_no_cell_is_a_tab_stop() {
    let mut findings = Vec::new();
    let sandbox = Sandbox::new();
    let mut start = harness(sandbox.app(None));
    settle(&mut start);
    walk(&start, "开始", &mut findings);
    for (chapter, title) in [
        (Chapter::Appraisal, "分析评议中"),
        (Chapter::Rectification, "整改提高后"),
    ] {
        let sandbox = Sandbox::new();
        let mut window = demo_window(&sandbox, chapter);
        walk_every_screen(&mut window, title, &mut findings);
    }
    assert!(
        findings.is_empty(),
        "{} controls a screen reader cannot name:\n{}",
        findings.len(),
        report(&findings)
    );
}

#[test]
fn a_name_needs_a_chinese_word_or_no_latin_one() {
    assert!(named("查看学习动员"));
    assert!(named("2026年12月31日"));
    assert!(named("12"));
    assert!(!named(""));
    assert!(!named("  "));
    assert!(!named("Resize panel"));
}

#[test]
fn the_window_is_titled_with_the_program_and_the_branch() {
    let sandbox = Sandbox::new();
    let mut harness = harness(sandbox.app(None));
    harness.get_by_role_and_label(Role::Button, "打开示例支部").click();
    let mut titles = Vec::new();
    for _ in 0..6 {
        harness.run_steps(1);
        for command in commands(&harness) {
            if let egui::ViewportCommand::Title(title) = command {
                titles.push(title);
            }
        }
    }
    let branch = common::ledger_of(&harness).branch.name;
    assert!(!branch.is_empty());
    assert_eq!(titles, vec![format!("支部台账 — {branch}")]);
    // What a screen reader says of the window (its accessibility root).
    assert_eq!(
        harness.root().accesskit_node().label().as_deref(),
        Some(format!("支部台账 — {branch}").as_str())
    );
}

/// The controls that show only once there is something to show: the
/// 县级汇总 tab with branches' files added (a forged one among them, so
/// that 确认新密钥 shows), its 文件检查 open and the 意见总账 read (the
/// 支部 / 渠道 / 状态 filters, 查找); 打印 with each form chosen (the
/// session choice, 附审阅对照); and a 两稿对比 with its folds.
#[test]
fn controls_shown_only_with_data_are_named_too() {
    use zhibu::report::signature::SigningKey;
    use zhibu::report::{ExportOptions, OutputRules, Replace, county, export_file, export_package_with, known_keys};

    let mut findings = Vec::new();
    let sandbox = Sandbox::new();
    let exports = sandbox.path("各支部");
    let options = ExportOptions {
        include_records: true,
        include_personal: false,
    };
    let mut firsts = Vec::new();
    for (name, members) in [("东村党支部", 12), ("西村党支部", 15)] {
        let mut ledger = around(members, Chapter::Appraisal, TODAY).expect("demo");
        ledger.branch.name = name.to_owned();
        let path = sandbox.write_ledger(&format!("{name}.ron"), &ledger);
        let rules = OutputRules::new().from_ledger(&path).replacing(Replace::Yes);
        let written = export_package_with(&exports, &ledger, TODAY, options, &rules).expect("export");
        firsts.push(written.export_file);
    }
    // The county has seen both branches' keys; then a file of 东村 signed
    // elsewhere arrives.
    let keys = known_keys::keys_path(&exports);
    county::roll_up_remembering(&firsts, &keys, &[], |_| {}).expect("first sight");
    let mut forged = around(20, Chapter::Appraisal, TODAY).expect("demo");
    forged.branch.name = "东村党支部".to_owned();
    let figures = zhibu::progress::figures(&forged, TODAY);
    let later = jiff::Zoned::now()
        .datetime()
        .checked_add(jiff::Span::new().days(1))
        .expect("tomorrow");
    let stranger = SigningKey::from_bytes(&[42; 32]);
    export_file::write(&exports.join("伪造"), &forged, &figures, options, later, &stranger).expect("forged");

    let mut harness = harness(sandbox.app(None));
    common::click(&mut harness, "县级汇总");
    common::retype(&mut harness, "文件夹", exports.to_str().expect("path"));
    common::click(&mut harness, "添加此文件夹");
    harness.state_mut().export.county.wait();
    settle(&mut harness);
    harness.get_by_label_contains("文件检查（3 个文件）").click();
    settle(&mut harness);
    harness.get_by_role_and_label(Role::Button, "确认新密钥");
    harness.get_by_label_contains("意见总账").click();
    settle(&mut harness);
    common::click(&mut harness, "读取意见记录");
    harness.state_mut().export.county.opinions.wait();
    settle(&mut harness);
    harness.get_by_label_contains("2 个支部报送了台账记录");
    walk(&harness, "县级汇总（已添加文件、读取意见记录）", &mut findings);

    let sandbox = Sandbox::new();
    let mut window = demo_window(&sandbox, Chapter::Appraisal);
    window.state_mut().screen = Screen::Print;
    for doc in zhibu::report::pdf::Doc::ALL {
        window.state_mut().print.doc = doc;
        settle(&mut window);
        walk(&window, &format!("打印/{}", doc.title()), &mut findings);
    }
    window.state_mut().print.doc = zhibu::report::pdf::Doc::Analysis;
    settle(&mut window);
    window.get_by_label(WITH_COMPARISON_LABEL);

    // A member with two drafts: the comparison and its folds.
    let ledger = common::ledger_of(&window);
    let analysis = ledger
        .analyses
        .iter()
        .find(|a| a.revisions.len() >= 2)
        .expect("a member with two drafts in the demo");
    let name = ledger.member(analysis.member).expect("member").name.clone();
    window.state_mut().screen = Screen::Appraisal;
    window.state_mut().appraisal.tab = AppraisalTab::Analysis;
    settle(&mut window);
    common::click(&mut window, &name);
    let compare = format!("第{}稿与上一稿对比", analysis.revisions.len());
    common::click(&mut window, &compare);
    settle(&mut window);
    let n = analysis.revisions.len();
    window.get_by_label(&format!("第{}稿与第{n}稿对比", n - 1));
    walk(&window, "党性分析/两稿对比", &mut findings);

    assert!(
        findings.is_empty(),
        "{} controls a screen reader cannot name:\n{}",
        findings.len(),
        report(&findings)
    );
}

/// 打印's tick box for the analysis drafts' comparison.
const WITH_COMPARISON_LABEL: &str = "附审阅对照（最后两稿的修改，供督导组检查）";
