//! The printed forms (issue 6): every document is made for the demo branch,
//! its PDF text (extracted with pdftotext from poppler-utils, as a reader
//! would copy it) holds the names and figures it should, the face is
//! embedded as a subset (pdffonts), no text leaves the margins, and a long
//! table breaks across pages with its header row repeated.
// Test helpers: a failed unwrap is a failed test, with its place.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use zhibu::demo::demo_ledger;
use zhibu::model::{Date, Ledger};
use zhibu::progress::checklist;
use zhibu::report::pdf::{self, Doc, Layout, Request, render};

const TODAY: Date = Date::constant(2026, 11, 24);

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{name} not found ({e}): install poppler-utils (.ci/run does)"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fonts(file: &Path) -> String {
    let out = Command::new("pdffonts")
        .arg(file)
        .output()
        .expect("pdffonts (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Lays out, checks the margins, writes the PDF; returns layout and text.
fn print(ledger: &Ledger, request: &Request, dir: &Path) -> (Layout, String) {
    let layout = pdf::layout(ledger, request, &|_| {}).expect("layout");
    assert!(!layout.pages.is_empty());
    assert_eq!(
        layout.outside_margins(),
        Vec::<(usize, String)>::new(),
        "{:?}",
        request.doc
    );
    assert!(
        layout.missing_chars.is_empty(),
        "{:?}: {:?}",
        request.doc,
        layout.missing_chars
    );
    let bytes = render::pdf(&layout).expect("pdf");
    let file = dir.join(pdf::file_name(request.doc, request.blank, TODAY));
    pdf::write_file(&file, &bytes).expect("write");
    let fonts = fonts(&file);
    let face = fonts
        .lines()
        .find(|l| l.contains("NotoSansCJK"))
        .unwrap_or_else(|| panic!("no CJK face: {fonts}"));
    assert!(
        face.contains("yes yes yes"),
        "not embedded as a subset with a ToUnicode map: {face}"
    );
    let text = tool("pdftotext", &["-layout"], &file);
    let pages = text.matches('\u{c}').count();
    assert_eq!(pages, layout.pages.len(), "{:?}", request.doc);
    (layout, text.replace(' ', ""))
}

fn demo() -> Ledger {
    demo_ledger(36, TODAY)
}

#[test]
fn the_checklist_shows_every_member_with_figures_totals_and_the_footer() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo();
    let (layout, text) = print(&ledger, &Request::new(Doc::Checklist, TODAY), dir.path());
    let list = checklist(&ledger);
    for row in &list.rows {
        assert!(text.contains(&row.name), "{} missing", row.name);
        for cell in &row.cells {
            // A long cell wraps inside its column; its first words stay on one line.
            let head: String = cell.text.replace(' ', "").chars().take(4).collect();
            assert!(text.contains(&head), "{}: {}", row.name, cell.text);
        }
    }
    let (met, all) = list.totals()[3];
    assert!(text.contains(&format!("{met}/{all}")), "totals row");
    assert!(text.contains("合计"));
    let n = layout.pages.len();
    assert!(text.contains(&format!("第1页共{n}页")) && text.contains(&format!("第{n}页共{n}页")));
    assert!(text.contains("打印日期：2026年11月24日"));
    assert!(text.contains(&ledger.branch.name));
}

#[test]
fn a_150_member_checklist_breaks_across_pages_and_repeats_its_header_row() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo_ledger(150, TODAY);
    let (layout, text) = print(&ledger, &Request::new(Doc::Checklist, TODAY), dir.path());
    // 150 one-line rows and the totals row: 20 rows fit under the title on
    // page 1, 23 on each later page of landscape A4.
    assert_eq!(layout.pages.len(), 7, "pages");
    for i in 0..layout.pages.len() {
        let page = layout.page_text(i);
        assert!(
            page.contains("序号\n姓名\n党员类别"),
            "header row missing on page {}",
            i + 1
        );
    }
    for m in ledger.current_members() {
        assert!(text.contains(&m.name), "{}", m.name);
    }
    assert_eq!(text.matches("党员类别").count(), 7);
}

#[test]
fn every_document_prints_for_the_demo_branch_filled_and_blank() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo();
    let first = ledger.current_members().next().unwrap().clone();
    for doc in Doc::ALL {
        let (_, text) = print(&ledger, &Request::new(doc, TODAY), dir.path());
        assert!(
            text.contains(doc.title().trim_end_matches("和整改台账")),
            "{doc:?} title"
        );
        let mut blank = Request::new(doc, TODAY);
        blank.blank = true;
        let (blank_layout, blank_text) = print(&ledger, &blank, dir.path());
        assert!(blank_text.contains("（空白）"), "{doc:?} blank");
        let filled = pdf::layout(&ledger, &Request::new(doc, TODAY), &|_| {}).unwrap();
        assert_ne!(
            blank_layout.pages, filled.pages,
            "{doc:?}: the blank form is not the filled one"
        );
        let mut one = Request::new(doc, TODAY);
        one.members = vec![first.id];
        // Per-member documents for a member without such records say so.
        match pdf::layout(&ledger, &one, &|_| {}) {
            Ok(layout) => assert!(layout.outside_margins().is_empty()),
            Err(e) => assert!(e.to_string().contains("没有"), "{doc:?}: {e}"),
        }
    }
}

#[test]
fn the_records_appear_in_their_forms() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo();
    // Talk cards: place, topic and both sides of a talk.
    let talk = &ledger.talks[0];
    let (_, text) = print(&ledger, &Request::new(Doc::TalkCards, TODAY), dir.path());
    assert!(text.contains(&talk.place) && text.contains(ledger.member_name(talk.members[0])));
    // Opinions: an issue about a member, and the line to sign for it.
    let issue = ledger
        .opinions
        .issues
        .iter()
        .find(|i| matches!(i.about, zhibu::model::opinion::Target::Member(_)))
        .unwrap();
    let (_, text) = print(&ledger, &Request::new(Doc::Opinions, TODAY), dir.path());
    let head: String = issue.content.chars().take(8).collect();
    assert!(text.contains(&head), "{head}");
    assert!(text.contains("本人签收"));
    // Analysis: the member's name and the opening of the final text.
    let analysis = ledger.analyses.iter().find(|a| !a.revisions.is_empty()).unwrap();
    let mut one = Request::new(Doc::Analysis, TODAY);
    one.members = vec![analysis.member];
    let (_, text) = print(&ledger, &one, dir.path());
    assert!(text.contains(ledger.member_name(analysis.member)));
    let body = analysis.revisions.last().unwrap().full_text();
    let start: String = body.lines().nth(1).unwrap_or("").chars().take(10).collect();
    assert!(text.contains(&start.replace(' ', "")), "{start}");
    // Sign-in sheet: the latest session's topic and every member's name.
    let latest = ledger.study.sessions.iter().max_by_key(|s| s.date).unwrap();
    let (_, text) = print(&ledger, &Request::new(Doc::SignIn, TODAY), dir.path());
    assert!(text.contains(&latest.topic.replace(' ', "")));
    // The ballot: every aspect and grade.
    let (_, text) = print(&ledger, &Request::new(Doc::AppraisalBallot, TODAY), dir.path());
    for a in &ledger.appraisal.ballot_aspects {
        assert!(text.contains(a.as_str()), "{a}");
    }
    assert!(text.contains("基本合格") && text.contains(&first_name(&ledger)));
    // Hours: a member's total as the checklist shows it.
    let (_, text) = print(&ledger, &Request::new(Doc::Hours, TODAY), dir.path());
    assert!(text.contains("合计") && text.contains(&first_name(&ledger)));
}

fn first_name(ledger: &Ledger) -> String {
    ledger.current_members().next().unwrap().name.clone()
}

#[test]
fn a_name_the_font_lacks_is_reported_and_drawn_as_a_box() {
    let mut ledger = demo();
    ledger.members[0].name = "王𠀋".to_owned();
    let layout = pdf::layout(&ledger, &Request::new(Doc::Checklist, TODAY), &|_| {}).unwrap();
    assert_eq!(layout.missing_chars, vec!['𠀋']);
    assert!(render::pdf(&layout).is_ok());
}

#[test]
fn the_command_line_prints_and_refuses_unknown_members() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("台账.ron");
    let exe = env!("CARGO_BIN_EXE_zhibu");
    let run = |args: &[&str]| Command::new(exe).args(args).output().unwrap();
    assert!(
        run(&["demo", "--out", file.to_str().unwrap(), "--members", "12"])
            .status
            .success()
    );
    let out = dir.path().join("清单.pdf");
    let ok = run(&[
        "print",
        "checklist",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let bad = run(&[
        "print",
        "analysis",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--member",
        "无此人",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("名册中没有党员“无此人”"));
    let help = run(&["print", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    for name in [
        "checklist",
        "member-cards",
        "sign-in",
        "hours",
        "talk-cards",
        "opinions",
        "analysis",
        "appraisal-ballot",
        "survey-ballot",
        "commitments",
    ] {
        assert!(help.contains(name), "{name} not in --help");
    }
}

#[test]
fn a_pdf_that_cannot_be_written_gets_a_chinese_message_with_the_path_last() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("文件");
    std::fs::write(&blocker, "x").unwrap();
    // A "folder" that is a file cannot hold the PDF.
    let target = blocker.join("清单.pdf");
    let err = pdf::write_file(&target, b"%PDF").unwrap_err().to_string();
    assert!(err.starts_with("无法保存 PDF："), "{err}");
    assert!(err.ends_with(&format!("（{}）", target.display())), "{err}");
}

#[test]
fn blank_checklist_hours_and_analysis_are_forms_to_fill_not_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo();
    let blank = |doc: Doc| {
        let mut request = Request::new(doc, TODAY);
        request.blank = true;
        request
    };
    // The analysis: the parts' headings and lines, nobody's text, one form.
    let (layout, text) = print(&ledger, &blank(Doc::Analysis), dir.path());
    assert!(
        layout.pages.len() <= 3,
        "one blank form, not every member's draft: {} pages",
        layout.pages.len()
    );
    for heading in [
        "一、基本情况和学习收获",
        "二、存在的问题",
        "（一）理想信念方面",
        "三、产生问题的根源",
        "四、今后努力方向和整改措施",
        "本人签名",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    let written = ledger
        .analyses
        .iter()
        .find_map(|a| a.revisions.last())
        .unwrap()
        .full_text();
    let sample: String = written.lines().nth(1).unwrap().chars().take(12).collect();
    assert!(!text.contains(&sample), "no member's text in the blank form: {sample}");
    // Chosen members: one blank form each, with the name.
    let first = ledger.current_members().next().unwrap().clone();
    let mut one = blank(Doc::Analysis);
    one.members = vec![first.id];
    let (_, text) = print(&ledger, &one, dir.path());
    assert!(text.contains(&first.name));

    // The checklist and the register: the names, no ticks, no figures.
    let (_, text) = print(&ledger, &blank(Doc::Checklist), dir.path());
    assert!(text.contains(&first.name));
    assert!(!text.contains("已全部完成"), "no counts on a blank checklist");
    assert!(!text.contains('☑') && !text.contains('✓'));
    let (_, text) = print(&ledger, &blank(Doc::Hours), dir.path());
    assert!(text.contains(&first.name));
    assert!(
        text.matches("学时").count() >= 12,
        "twelve session columns to date by hand"
    );
    let session = ledger.study.sessions.first().unwrap();
    let heading = format!("{}月{}日", session.date.month(), session.date.day());
    assert!(
        !text.replace("打印日期：2026年11月24日", "").contains(&heading),
        "no recorded session in a blank register: {heading}"
    );
}

/// Every form laid out filled and blank, where it has that version (a form
/// with no blank version refuses it, and says so).
fn every_form(ledger: &Ledger) -> Vec<(Doc, bool, Layout)> {
    let mut forms = Vec::new();
    for doc in Doc::ALL {
        for blank in [false, true] {
            let mut request = Request::new(doc, TODAY);
            request.blank = blank;
            if let Ok(layout) = pdf::layout(ledger, &request, &|_| {}) {
                forms.push((doc, blank, layout));
            }
        }
    }
    forms
}

#[test]
fn no_page_holds_only_a_signature_block() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo();
    for (doc, blank, layout) in every_form(&ledger) {
        for (i, page) in layout.pages.iter().enumerate() {
            let texts: Vec<&str> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    // The running header and footer are grey.
                    zhibu::report::pdf::layout::Item::Text { text, grey: false, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            let signature_only = !texts.is_empty()
                && texts
                    .iter()
                    .all(|t| t.ends_with('：') || t.contains("签名") || t.contains("日期"));
            assert!(!signature_only, "{doc:?} blank={blank} page {}: {texts:?}", i + 1);
        }
    }
    drop(dir);
}

/// The gray pixels of a binary PGM (`P5`) as pdftoppm writes it.
fn pgm_pixels(bytes: &[u8]) -> &[u8] {
    // Header: "P5", width, height, maxval, each followed by whitespace.
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    &bytes[at + 1..]
}

#[test]
fn every_form_filled_and_blank_renders_to_pages_that_all_hold_print() {
    // The images stay in the build's scratch folder for a person to look
    // at: target/tmp/print_forms/<form>-<page>.pgm.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print_forms");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ledger = demo_ledger(12, TODAY);
    let mut forms = 0;
    for (doc, blank, layout) in every_form(&ledger) {
        let name = pdf::file_name(doc, blank, TODAY);
        let file = dir.join(&name);
        pdf::write_file(&file, &render::pdf(&layout).unwrap()).unwrap();
        let stem = dir.join(name.trim_end_matches(".pdf"));
        let out = Command::new("pdftoppm")
            .args(["-gray", "-r", "30"])
            .arg(&file)
            .arg(&stem)
            .output()
            .unwrap_or_else(|e| panic!("pdftoppm not found ({e}): install poppler-utils (.ci/run does)"));
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let mut pages: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let file = p.file_name().unwrap().to_string_lossy().into_owned();
                file.ends_with(".pgm") && file.starts_with(stem.file_name().unwrap().to_str().unwrap())
            })
            .collect();
        pages.sort();
        assert_eq!(pages.len(), layout.pages.len(), "{name}: every page rendered");
        for page in &pages {
            let bytes = std::fs::read(page).unwrap();
            // Ink below the running header: more than the header's
            // and footer's few hundred dark pixels.
            let dark = pgm_pixels(&bytes).iter().filter(|&&v| v < 128).count();
            assert!(
                dark > 400,
                "{}: a page with almost nothing on it ({dark})",
                page.display()
            );
        }
        forms += 1;
    }
    assert!(forms >= 15, "filled and blank forms rendered: {forms}");
}
