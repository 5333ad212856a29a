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
}
