//! P3: one frame of each heavy screen of the whole program, headless, on a
//! branch of 500 members × 100 sessions (with the demo's opinions, talks,
//! analyses and ballots for 500 members): 概览 with every member's
//! checklist, 党员名册 with a search typed, 分析评议's opinion ledger, its
//! meeting page and its look-back gate, 学习动员's attendance page with a
//! topic being typed (the unsaved check of every frame), and the text of
//! the drafts file written once a second meanwhile. The derived figures are cached per
//! revision of the records, so a frame without an edit is what is timed;
//! "after an edit" frames recompute them. Goal: under 4 ms of CPU, a
//! quarter of a 60 Hz frame.
//!
//! `cargo bench --bench frames`

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use zhibu::model::Date;
use zhibu::ui::screens::appraisal::AppraisalTab;
use zhibu::ui::{AppConfig, Screen, ZhibuApp};

const TODAY: Date = Date::constant(2026, 11, 24);

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 768.0))),
        ..Default::default()
    }
}

/// What the window works out again after an edit, on every screen that
/// shows a derived figure (`ui::screens::overview`, `learning`,
/// `appraisal`), the same calls those screens make.
fn after_an_edit(
    ledger: &zhibu::model::Ledger,
) -> (
    Vec<zhibu::progress::Gate>,
    zhibu::progress::Checklist,
    Vec<zhibu::progress::rectification::DueItem>,
    Vec<zhibu::progress::MemberHours>,
    Vec<zhibu::progress::appraisal::MemberAppraisal>,
) {
    use zhibu::model::Stage;
    (
        Stage::STEPS
            .iter()
            .map(|&stage| zhibu::progress::gate(ledger, stage, TODAY))
            .collect(),
        zhibu::progress::checklist(ledger),
        zhibu::progress::rectification::due_items(ledger, TODAY),
        zhibu::progress::hours_of_all(ledger),
        zhibu::progress::appraisal::appraisal_of_all(ledger, Some(TODAY)),
    )
}

/// Turns `member`'s mark at the session after the `k`th the other way
/// (present, or absent), as 1 / 3 in the keyboard flow would.
fn mark_the_next_session(ledger: &mut zhibu::model::Ledger, member: zhibu::model::MemberId, k: &mut usize) {
    use zhibu::model::study::Attendance;
    *k = (*k + 1) % ledger.study.sessions.len();
    let session = &mut ledger.study.sessions[*k];
    let mark = match session.attendance.get(&member) {
        Some(Attendance::Present) => Attendance::Absent,
        _ => Attendance::Present,
    };
    session.attendance.insert(member, mark);
}

fn frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = zhibu::demo::demo_ledger_with_sessions(500, 100, TODAY);
    assert_eq!((ledger.members.len(), ledger.study.sessions.len()), (500, 100));
    // What an edit costs on top of a frame: the look-back checks and
    // every member's standing are worked out again.
    c.bench_function("gate 分析评议 500 (after an edit)", |b| {
        b.iter(|| std::hint::black_box(zhibu::progress::gate(&ledger, zhibu::model::Stage::Appraisal, TODAY)))
    });
    c.bench_function("checklist 500 (after an edit)", |b| {
        b.iter(|| std::hint::black_box(zhibu::progress::checklist(&ledger)))
    });
    // Everything the window's screens work out again after one edit, each
    // as its screen does it: 概览's gates of every stage, checklist and
    // due items; 学习动员's hours of all; 分析评议's standings.
    // The ledger is not changed between these runs, as after an edit of a
    // talk card, an opinion or a draft: every member's hours are the ones
    // kept from before (`progress::hours_of_all` answers from its memo).
    c.bench_function("all derived figures 500x100 (after an edit)", |b| {
        b.iter(|| std::hint::black_box(after_an_edit(&ledger)))
    });
    // One attendance mark changed before each run, as the 考勤 screen's
    // keyboard flow does: the hours are worked out once afresh, then
    // shared by the checklist, the gate and 学时统计.
    let mut marked = ledger.clone();
    let member = marked.members[7].id;
    let mut k = 0_usize;
    c.bench_function("all derived figures 500x100 (after an attendance mark)", |b| {
        b.iter(|| {
            mark_the_next_session(&mut marked, member, &mut k);
            std::hint::black_box(after_an_edit(&marked))
        })
    });
    // The same mark, and only the hours worked out again: what of the
    // case above is the hours' own cost.
    c.bench_function("hours of all 500x100 (after an attendance mark)", |b| {
        b.iter(|| {
            mark_the_next_session(&mut marked, member, &mut k);
            std::hint::black_box(zhibu::progress::hours_of_all(&marked))
        })
    });
    let path = dir.path().join("支部台账.ron");
    zhibu::store::save(&path, &ledger, None).expect("save");
    let config = AppConfig {
        data_dir: dir.path().join("data"),
        prefs_path: None,
        today: TODAY,
    };
    let mut app = ZhibuApp::new(config, Some(path));
    assert!(app.doc.is_some(), "the ledger opens");
    let ctx = egui::Context::default();
    zhibu::ui::fonts::install(&ctx);
    let frame = |app: &mut ZhibuApp| {
        let output = ctx.run_ui(input(), |ui| app.frame_ui(ui));
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    };
    let mut bench = |name: &str, app: &mut ZhibuApp, set: &dyn Fn(&mut ZhibuApp)| {
        set(app);
        // Let the glyph atlas fill and the caches warm before measuring.
        for _ in 0..5 {
            frame(app);
        }
        c.bench_function(name, |b| b.iter(|| frame(app)));
    };
    bench("概览 500x100", &mut app, &|app| app.screen = Screen::Overview);
    bench("党员名册 500 search", &mut app, &|app| {
        app.screen = Screen::Roster;
        app.roster.search = "张".to_owned();
    });
    // A session's attendance page open with a topic being typed: every
    // frame asks each screen what it holds unsaved, and this form compares
    // itself (500 attendance marks) with the session as saved.
    bench("学习动员 考勤页 500 (typing, unsaved check)", &mut app, &|app| {
        app.screen = Screen::Learning;
        let Some(session) = app.doc.as_ref().and_then(|d| d.ledger.study.sessions.first()) else {
            return;
        };
        let mut page = zhibu::ui::screens::learning::SessionPage::edit(session);
        page.draft.topic.push_str("（补充）");
        app.learning.page = Some(page);
    });
    assert_eq!(app.unsaved().len(), 1, "the typed topic is unsaved");
    for (name, tab) in [
        ("分析评议 征求意见 500", AppraisalTab::Opinions),
        ("分析评议 组织生活会 500", AppraisalTab::Meeting),
        ("分析评议 民主评议 500", AppraisalTab::Ballot),
        ("分析评议 回头看 500", AppraisalTab::Gate),
    ] {
        bench(name, &mut app, &|app| {
            app.screen = Screen::Appraisal;
            app.appraisal.tab = tab;
        });
    }
    // What the drafts file gets once a second while that is typed: only
    // the screens holding something unsaved (the meeting record of 500
    // opened on the 组织生活会 tab above is not among them).
    let ledger = app.doc.as_ref().map(|d| d.ledger.clone()).expect("open");
    c.bench_function("drafts file body, attendance page of 500 open", |b| {
        b.iter(|| {
            let screens = zhibu::ui::drafts::Screens {
                screen: app.screen,
                roster: &app.roster,
                prep: &app.prep,
                settings: &app.settings,
                learning: &app.learning,
                appraisal: &app.appraisal,
                rectification: &app.rectification,
            };
            std::hint::black_box(screens.body(&ledger).expect("something unsaved"))
        })
    });
}

criterion_group!(benches, frames);
criterion_main!(benches);
