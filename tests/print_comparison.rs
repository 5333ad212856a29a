//! The 党性分析材料 printed with its 审阅对照 (issue 25), for the
//! supervisory group: only on request, from the window's choice and from
//! `zhibu print analysis --with-comparison`; the comparison of each
//! member's last two drafts follows the material, inside the margins, with
//! every character in the face; the option is refused, in Chinese, on a
//! form that has no drafts.
// Test helpers: a failed unwrap is a failed test, with its place.
#![allow(clippy::unwrap_used)]

use std::process::Command;

use zhibu::demo::demo_ledger;
use zhibu::model::Date;
use zhibu::report::pdf::{self, Doc, Request};

const TODAY: Date = Date::constant(2026, 11, 24);

#[test]
fn the_demo_branch_prints_a_comparison_after_each_revised_material() {
    let ledger = demo_ledger(36, TODAY);
    // The materials printed: every current member's with a draft.
    let printed: Vec<_> = ledger
        .current_members()
        .filter_map(|m| ledger.analyses.iter().find(|a| a.member == m.id))
        .filter(|a| !a.revisions.is_empty())
        .collect();
    let revised = printed.iter().filter(|a| a.revisions.len() >= 2).count();
    assert!(revised >= 3, "the demo revises some drafts: {revised}");
    // Many first drafts were handwritten: only their length was kept.
    let on_paper = printed
        .iter()
        .filter_map(|a| a.revisions.len().checked_sub(2).map(|i| &a.revisions[i]))
        .filter(|r| r.chars_on_paper.is_some() && r.full_text().is_empty())
        .count();
    assert!(on_paper >= 1 && on_paper < revised, "{on_paper} of {revised}");
    let mut request = Request::new(Doc::Analysis, TODAY);
    let plain = pdf::layout(&ledger, &request, &|_| {}).unwrap();
    request.with_comparison = true;
    let with = pdf::layout(&ledger, &request, &|_| {}).unwrap();
    assert!(with.pages.len() > plain.pages.len());
    assert_eq!(with.outside_margins(), Vec::<(usize, String)>::new());
    assert!(with.missing_chars.is_empty(), "{:?}", with.missing_chars);
    let text: String = (0..with.pages.len()).map(|i| with.page_text(i)).collect();
    // A page of comparison after each material with two drafts to
    // compare; one line under the others.
    let pages = text.matches("审阅对照\n").count();
    let lines = text.matches("审阅对照：").count();
    assert_eq!(pages, revised - on_paper);
    assert_eq!(
        pages + lines,
        printed.len(),
        "one comparison after each material printed"
    );
    assert_eq!(
        text.matches("审阅对照：只有一稿，没有可对照的修改稿。").count(),
        printed.len() - revised
    );
    assert_eq!(text.matches("稿是纸质稿（共 ").count(), on_paper);
    assert_eq!(text.matches("加下划线并衬灰底").count(), revised - on_paper);
    assert!(pdf::render::pdf(&with).unwrap().starts_with(b"%PDF"));
}

#[test]
fn the_command_line_prints_the_comparison_and_refuses_it_where_there_are_no_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("台账.ron");
    let exe = env!("CARGO_BIN_EXE_zhibu");
    let run = |args: &[&str]| Command::new(exe).args(args).output().unwrap();
    let file_arg = file.to_str().unwrap();
    assert!(run(&["demo", "--out", file_arg, "--members", "12"]).status.success());
    let out = dir.path().join("党性分析材料.pdf");
    let out_arg = out.to_str().unwrap();
    let ok = run(&["print", "analysis", file_arg, "--out", out_arg, "--with-comparison"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));

    let other = dir.path().join("清单.pdf");
    let refused = run(&[
        "print",
        "checklist",
        file_arg,
        "--out",
        other.to_str().unwrap(),
        "--with-comparison",
    ]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("只有党性分析材料（analysis）可以附审阅对照，党员对照检查清单没有这一项"),
        "{said}"
    );
    assert!(!other.exists());

    let blank = run(&[
        "print",
        "analysis",
        file_arg,
        "--out",
        other.to_str().unwrap(),
        "--blank",
        "--with-comparison",
    ]);
    assert!(!blank.status.success());
    assert!(String::from_utf8_lossy(&blank.stderr).contains("空白表格没有稿件可以对照"));

    let help = run(&["print", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--with-comparison"));
}
