//! The county report: its PDF text (as pdftotext reads it) names every
//! branch and holds the totals, each chart has a bar per branch, and
//! nothing leaves the page.

use std::path::{Path, PathBuf};

use super::*;
use crate::model::Ledger;
use crate::report::county::{Trust, roll_up_with_records};
use crate::report::pdf::layout::Item;
use crate::report::signature::SigningKey;
use crate::report::{ExportOptions, export_file};

const TODAY: Date = Date::constant(2006, 6, 30);

/// Branch `n`: two townships, the demo story carried to 整改提高.
fn branch(n: usize) -> Ledger {
    let mut ledger = crate::demo::demo_ledger_finished(6 + 2 * n, TODAY);
    let town = if n < 2 { "青山镇" } else { "石门镇" };
    ledger.branch.name = format!("{town}第{n}村党支部");
    ledger.branch.superior = format!("中共{town}委员会");
    ledger
}

fn exports(dir: &Path, n: usize) -> Vec<PathBuf> {
    let options = ExportOptions {
        include_records: true,
        ..ExportOptions::default()
    };
    (0..n)
        .map(|i| {
            let ledger = branch(i);
            let figures = crate::progress::figures(&ledger, TODAY);
            let folder = dir.join(format!("支部{i}"));
            std::fs::create_dir_all(&folder).unwrap();
            let key = SigningKey::from_bytes(&[u8::try_from(i + 1).unwrap(); 32]);
            export_file::write(&folder, &ledger, &figures, options, TODAY.at(9, 0, 0, 0), &key).unwrap()
        })
        .collect()
}

fn pdftotext(file: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext not found ({e}): install poppler-utils (.ci/run does)"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_reports_pdf_names_every_branch_and_holds_the_totals_and_a_bar_per_branch() {
    let dir = tempfile::tempdir().unwrap();
    let paths = exports(dir.path(), 4);
    let rollup = roll_up_with_records(&paths, &Trust::default(), |_| {});
    assert_eq!(rollup.rows.len(), 4, "{:?}", rollup.files);
    let opinions = OpinionLedgers::of_rollup(&rollup, |_| false);
    assert_eq!(opinions.units.len(), 4);
    let report = Report {
        rollup: &rollup,
        opinions: Some(&opinions),
        office: "城关县先教办",
        today: TODAY,
    };
    let (layout, bars) = layout(&report);
    assert_eq!(layout.outside_margins(), Vec::<(usize, String)>::new());
    assert!(layout.missing_chars.is_empty(), "{:?}", layout.missing_chars);

    // A bar per branch in both charts of branches, framed once each.
    assert_eq!(bars.hours, 4);
    assert_eq!(bars.satisfaction, 4);
    let frames = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i, Item::Rect { h, filled: false, .. } if (*h - BAR_H).abs() < 0.01))
        .count();
    assert_eq!(frames, 8);
    let graded: u32 = rollup
        .rows
        .iter()
        .filter_map(|r| r.figures.appraisal.as_ref())
        .flat_map(|a| a.grades.iter().filter(|(_, n)| *n > 0))
        .map(|_| 1)
        .sum();
    assert!(bars.grades >= 1 && graded >= 1);

    let file = dir.path().join("汇总报告.pdf");
    write(&report, &file, &OutputRules::new()).unwrap();
    let text = pdftotext(&file).replace([' ', '\n'], "");
    assert!(text.contains("城关县先教办先进性教育活动汇总报告"));
    for row in &rollup.rows {
        assert!(text.contains(&row.branch), "{} missing", row.branch);
        assert!(text.contains(&row.superior), "{} missing", row.superior);
    }
    let members: u32 = rollup.rows.iter().map(|r| r.figures.members.total).sum();
    let raw: u32 = rollup
        .rows
        .iter()
        .filter_map(|r| r.figures.appraisal.as_ref())
        .map(|a| a.opinions_raw)
        .sum();
    assert!(text.contains(&format!("党员{members}名")), "members {members}");
    assert!(text.contains(&format!("征求意见{raw}条")), "opinions {raw}");
    assert!(text.contains("合计（4个支部）"));
    assert!(text.contains(&opinions.total().sentence().replace(' ', "")));

    // Never over a file rolled up, nor over itself without asking.
    assert!(write(&report, &paths[0], &OutputRules::new()).is_err());
    assert!(write(&report, &file, &OutputRules::new()).is_err());
}

#[test]
fn a_branch_without_figures_is_named_in_the_chart_without_a_bar() {
    let dir = tempfile::tempdir().unwrap();
    let paths = exports(dir.path(), 2);
    let mut rollup = roll_up_with_records(&paths, &Trust::default(), |_| {});
    rollup.rows[1].figures.rectification = None;
    let report = Report {
        rollup: &rollup,
        opinions: None,
        office: "",
        today: TODAY,
    };
    let (layout, bars) = layout(&report);
    assert_eq!(bars.satisfaction, 1);
    let all: String = (0..layout.pages.len()).map(|i| layout.page_text(i)).collect();
    assert!(all.contains("尚无满意度测评"));
    assert!(all.contains("县先教办先进性教育活动汇总报告"));
}
