//! The 打印 screen as a secretary uses it: pick a form, see its first page,
//! switch to another form and a member, write the PDF to a chosen file.
//! Layout and PDF run on a background thread; the test waits as a user
//! would, frame after frame.

mod common;

use common::{Sandbox, TODAY, click, field, harness, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::demo::demo_ledger;
use zhibu::ui::ZhibuApp;

/// Steps frames until the background work is done (at most ~20 s).
fn settle(harness: &mut Harness<'static, ZhibuApp>) {
    for _ in 0..400 {
        harness.step();
        if !harness.state().print.busy() {
            harness.run_steps(3);
            if !harness.state().print.busy() {
                return;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("printing did not finish");
}

fn pick(harness: &mut Harness<'static, ZhibuApp>, combo: &str, option: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, combo)
        .click();
    harness.run_steps(2);
    harness.get_by_label(option).click();
    harness.run_steps(2);
}

#[test]
fn preview_then_write_the_sign_in_sheet_and_a_members_opinions() {
    let sandbox = Sandbox::new();
    let ledger = demo_ledger(36, TODAY);
    let first = ledger.current_members().next().unwrap().name.clone();
    let path = sandbox.write_ledger("支部台账.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "打印");
    settle(&mut harness);
    // The checklist is previewed: its pages counted, the members on page 1.
    let pages = harness.state().print.layout().expect("preview").pages.len();
    harness.get_by_label(&format!("第 1 页 / 共 {pages} 页"));
    assert!(harness.state().print.layout().unwrap().page_text(0).contains(&first));
    click(&mut harness, "下一页");
    harness.get_by_label(&format!("第 2 页 / 共 {pages} 页"));

    // The sign-in sheet of the latest session, blank.
    pick(&mut harness, "表格", "学习签到表");
    settle(&mut harness);
    let text = harness.state().print.layout().unwrap().page_text(0);
    let latest = ledger.study.sessions.iter().max_by_key(|s| s.date).unwrap();
    assert!(text.contains(&latest.topic), "{text}");
    harness.get_by_label("空白表格（手工填写）").click();
    harness.run_steps(2);
    settle(&mut harness);
    assert!(harness.state().print.layout().unwrap().title.contains("空白"));

    // Write it where the user says, without opening a viewer in the test.
    let out = sandbox.path("签到表.pdf");
    type_into(&mut harness, "保存到", out.to_str().unwrap());
    harness.get_by_label("生成后用系统阅读器打开").click();
    harness.run_steps(2);
    click(&mut harness, "生成 PDF");
    settle(&mut harness);
    let bytes = std::fs::read(&out).expect("PDF written");
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(harness.state().print.written.as_deref(), Some(out.as_path()));
    // Its path to copy, and the ways to it.
    let shown = field(&harness, "已生成 PDF：").value();
    assert_eq!(shown.as_deref(), out.to_str());
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "打开文件");
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "打开所在文件夹");

    // One member's opinion list.
    let member = ledger
        .current_members()
        .find(|m| {
            ledger
                .opinions
                .issues
                .iter()
                .any(|i| i.about == zhibu::model::opinion::Target::Member(m.id))
        })
        .unwrap()
        .name
        .clone();
    pick(&mut harness, "表格", "征求意见反馈清单");
    pick(&mut harness, "党员", &member);
    settle(&mut harness);
    let layout = harness.state().print.layout().unwrap();
    assert!(layout.page_text(0).contains(&member));
    assert!(
        layout
            .pages
            .iter()
            .all(|p| !layout.page_text(0).is_empty() && !p.items.is_empty())
    );
}

#[test]
fn a_file_that_cannot_be_written_shows_a_message_with_the_path() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部台账.ron", &demo_ledger(8, TODAY));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "打印");
    settle(&mut harness);
    let blocker = sandbox.path("是文件");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("清单.pdf");
    type_into(&mut harness, "保存到", out.to_str().unwrap());
    click(&mut harness, "生成 PDF");
    settle(&mut harness);
    harness.get_by_label_contains("无法保存 PDF：");
    assert!(harness.state().print.written.is_none());
}

#[test]
fn cards_for_a_few_ticked_members_in_roster_order() {
    let sandbox = Sandbox::new();
    let ledger = demo_ledger(12, TODAY);
    let names: Vec<String> = ledger.current_members().map(|m| m.name.clone()).collect();
    let path = sandbox.write_ledger("支部台账.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "打印");
    settle(&mut harness);
    pick(&mut harness, "表格", "党员对照检查卡");
    settle(&mut harness);
    let all_pages = harness.state().print.layout().expect("preview").pages.len();

    // Tick the fourth member, then the second: printed second, fourth.
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "党员")
        .click();
    harness.run_steps(2);
    harness.get_by_label(&names[3]).click();
    harness.run_steps(2);
    // The list stays open for more ticks; a filter narrows it.
    type_into(&mut harness, "筛选", &names[1]);
    harness.get_by_label(&names[1]).click();
    harness.run_steps(2);
    settle(&mut harness);
    let chosen: Vec<String> = harness
        .state()
        .print
        .members
        .iter()
        .map(|&id| ledger.member_name(id).to_owned())
        .collect();
    assert_eq!(chosen, [names[1].clone(), names[3].clone()]);
    let layout = harness.state().print.layout().expect("preview");
    let text: String = (0..layout.pages.len()).map(|i| layout.page_text(i)).collect();
    assert!(layout.pages.len() < all_pages, "{} pages", layout.pages.len());
    let (second, fourth) = (text.find(&names[1]), text.find(&names[3]));
    assert!(second.is_some() && fourth.is_some() && second < fourth, "{text}");
    assert!(!text.contains(&names[0]), "{text}");
    // The sign-in sheet has no member choice: the ticks do not narrow it.
    pick(&mut harness, "表格", "学习签到表");
    settle(&mut harness);
    let sheet = harness.state().print.layout().expect("preview").page_text(0);
    assert!(sheet.contains(&names[0]) && sheet.contains(&names[1]), "{sheet}");
    pick(&mut harness, "表格", "党员对照检查卡");
    settle(&mut harness);
    // Back to everyone.
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "党员")
        .click();
    harness.run_steps(2);
    harness.get_by_label("全部在册党员").click();
    harness.run_steps(2);
    settle(&mut harness);
    assert!(harness.state().print.members.is_empty());
}

#[test]
fn the_same_form_printed_twice_the_same_day_asks_before_replacing_the_first() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部台账.ron", &demo_ledger(8, TODAY));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "打印");
    settle(&mut harness);
    harness.get_by_label("生成后用系统阅读器打开").click();
    harness.run_steps(2);
    // Into the default file both times: the same name on the same day.
    click(&mut harness, "生成 PDF");
    settle(&mut harness);
    let first = harness.state().print.written.clone().expect("a first PDF");
    std::fs::write(&first, "第一次打印的清单").unwrap();

    click(&mut harness, "生成 PDF");
    settle(&mut harness);
    harness.get_by_label_contains("文件已存在");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "第一次打印的清单");
    click(&mut harness, "取消");
    settle(&mut harness);
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "第一次打印的清单");

    click(&mut harness, "生成 PDF");
    settle(&mut harness);
    click(&mut harness, "替换");
    settle(&mut harness);
    assert!(std::fs::read(&first).unwrap().starts_with(b"%PDF"));
}
