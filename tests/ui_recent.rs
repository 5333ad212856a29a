//! The start screen's recent ledgers (listed newest first after closing,
//! a file no longer there marked and taken off the list, a click opens
//! one, kept across a restart), no lock file beside a file that is not a
//! ledger, and the window's title naming the open branch.

mod common;

use std::path::{Path, PathBuf};

use common::{Sandbox, click, commands, harness, label_with, small_ledger};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use zhibu::ui::ZhibuApp;
use zhibu::ui::app::Action;

/// A ledger file of the branch called `branch`, in the sandbox.
fn ledger_named(sandbox: &Sandbox, file: &str, branch: &str) -> PathBuf {
    let mut ledger = small_ledger(3);
    ledger.branch.name = branch.to_owned();
    sandbox.write_ledger(file, &ledger)
}

/// Opens `path` as the open dialog would, and lets the frame run.
fn open(harness: &mut Harness<'static, ZhibuApp>, path: &Path) {
    harness.state_mut().send(Action::Open(path.to_path_buf()));
    harness.run_steps(3);
}

/// The recent list's buttons on the start screen, top to bottom, by the
/// branch names they show.
fn listed(harness: &Harness<'static, ZhibuApp>, branches: &[&str]) -> Vec<String> {
    let mut found: Vec<(f32, String)> = branches
        .iter()
        .filter_map(|b| {
            let node = harness.query_by_label_contains(b)?;
            Some((node.rect().top(), (*b).to_owned()))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    found.into_iter().map(|(_, b)| b).collect()
}

/// Opens the 红星村 ledger, then the 东风社区 one, then closes it: the
/// start screen with both on its list.
fn two_opened_and_closed(sandbox: &Sandbox) -> (Harness<'static, ZhibuApp>, PathBuf, PathBuf) {
    let red = ledger_named(sandbox, "红星村.ron", "红星村党支部");
    let east = ledger_named(sandbox, "东风社区.ron", "东风社区党支部");
    let mut harness = harness(sandbox.app(None));
    open(&mut harness, &red);
    open(&mut harness, &east);
    assert_eq!(harness.state().doc.as_ref().map(|d| d.path.clone()), Some(east.clone()));
    click(&mut harness, "关闭台账");
    assert!(harness.state().doc.is_none());
    (harness, red, east)
}

#[test]
fn ledgers_opened_are_listed_newest_first_after_closing() {
    let sandbox = Sandbox::new();
    let (harness, red, east) = two_opened_and_closed(&sandbox);
    harness.get_by_label("最近打开的台账");
    assert_eq!(
        listed(&harness, &["红星村党支部", "东风社区党支部"]),
        ["东风社区党支部", "红星村党支部"]
    );
    // Each with its path and when it was last saved; nothing is missing.
    let east_button = harness.get_by_label_contains("东风社区党支部");
    let label = east_button.accesskit_node().label().unwrap_or_default();
    assert!(label.contains("东风社区.ron"), "{label}");
    assert!(label.contains("上次保存 "), "{label}");
    assert!(!label_with(&harness, "文件已不在此处"));
    let recent: Vec<PathBuf> = harness.state().prefs.recent.iter().map(|r| r.path.clone()).collect();
    assert_eq!(recent, [east, red]);
}

#[test]
fn a_click_on_a_recent_ledger_opens_it_and_puts_it_at_the_top() {
    let sandbox = Sandbox::new();
    let (mut harness, red, _) = two_opened_and_closed(&sandbox);
    harness.get_by_label_contains("红星村党支部").click();
    harness.run_steps(3);
    let doc = harness.state().doc.as_ref().expect("opened from the list");
    assert_eq!(doc.path, red);
    assert_eq!(harness.state().prefs.recent[0].path, red);
}

#[test]
fn a_ledger_no_longer_there_is_marked_and_can_be_taken_off_the_list() {
    let sandbox = Sandbox::new();
    let (mut harness, red, east) = two_opened_and_closed(&sandbox);
    std::fs::rename(&red, sandbox.path("搬走了.ron")).unwrap();
    // The start screen looks at the files again every two seconds.
    harness.run_steps(10);
    harness.get_by_label("文件已不在此处");
    // Marked, not a button that would open nothing.
    let buttons: Vec<String> = harness
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter_map(|b| b.accesskit_node().label())
        .collect();
    assert!(buttons.iter().any(|b| b.contains("东风社区党支部")), "{buttons:?}");
    assert!(!buttons.iter().any(|b| b.contains("红星村党支部")), "{buttons:?}");
    click(&mut harness, "从列表中移除");
    assert!(!label_with(&harness, "红星村党支部"));
    assert!(!label_with(&harness, "文件已不在此处"));
    let kept = zhibu::ui::prefs::Prefs::load(&sandbox.path("prefs.ron"));
    let recent: Vec<PathBuf> = kept.recent.iter().map(|r| r.path.clone()).collect();
    assert_eq!(recent, [east]);
}

#[test]
fn the_recent_list_survives_a_restart() {
    let sandbox = Sandbox::new();
    let (harness, red, east) = two_opened_and_closed(&sandbox);
    drop(harness);
    // The last ledger opens again at start; closed, the list is there.
    let mut harness = common::harness(sandbox.app(None));
    assert_eq!(harness.state().doc.as_ref().map(|d| d.path.clone()), Some(east.clone()));
    click(&mut harness, "关闭台账");
    assert_eq!(
        listed(&harness, &["红星村党支部", "东风社区党支部"]),
        ["东风社区党支部", "红星村党支部"]
    );
    let recent: Vec<PathBuf> = harness.state().prefs.recent.iter().map(|r| r.path.clone()).collect();
    assert_eq!(recent, [east, red]);
}

#[test]
fn a_file_that_is_not_a_ledger_leaves_no_lock_and_says_what_it_is() {
    let sandbox = Sandbox::new();
    let files: [(&str, &[u8]); 4] = [
        (
            "通知.pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        ),
        ("说明.txt", "请于月底前上报学习心得。\n".as_bytes()),
        ("别的程序.ron", b"(name: \"settings\", volume: 3)\n"),
        ("空文件.ron", b""),
    ];
    let mut harness = harness(sandbox.app(None));
    for (name, bytes) in files {
        let path = sandbox.path(name);
        std::fs::write(&path, bytes).unwrap();
        open(&mut harness, &path);
        assert!(harness.state().doc.is_none(), "{name}");
        let said = if bytes.is_empty() {
            "台账文件是空的"
        } else {
            "这不是支部台账文件"
        };
        assert!(label_with(&harness, said), "{name}: {said}");
        assert!(
            !zhibu::store::lock_path(&path).exists(),
            "{name}: a lock file beside it"
        );
    }
    assert!(
        harness.state().prefs.recent.is_empty(),
        "none of them is a recent ledger"
    );
    // Nor for a file that is not there: no folder is made for it either.
    let gone = sandbox.path("没有的文件夹").join("台账.ron");
    open(&mut harness, &gone);
    assert!(label_with(&harness, "找不到台账文件"));
    assert!(!sandbox.path("没有的文件夹").exists());
}

/// The window titles sent over the next `frames` frames.
fn titles_over(harness: &mut Harness<'static, ZhibuApp>, frames: usize) -> Vec<String> {
    let mut titles = Vec::new();
    for _ in 0..frames {
        harness.run_steps(1);
        for command in commands(harness) {
            if let egui::ViewportCommand::Title(title) = command {
                titles.push(title);
            }
        }
    }
    titles
}

#[test]
fn the_window_title_names_the_open_branch_and_is_sent_only_when_it_changes() {
    let sandbox = Sandbox::new();
    let path = ledger_named(&sandbox, "红星村.ron", "红星村党支部");
    let mut harness = harness(sandbox.app(None));
    assert_eq!(
        titles_over(&mut harness, 3),
        Vec::<String>::new(),
        "no ledger: the title stays"
    );
    harness.state_mut().send(Action::Open(path));
    assert_eq!(titles_over(&mut harness, 6), ["支部台账 — 红星村党支部"]);
    harness.state_mut().send(Action::CloseFile);
    assert_eq!(titles_over(&mut harness, 6), ["支部台账"]);
}
