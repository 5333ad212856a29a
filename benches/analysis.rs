//! One frame of the party-spirit analysis tab with a member selected whose
//! draft is 50,000 characters spread over the parts, headless: layout,
//! painting and tessellation. Also the frame right after one character is
//! typed into the opening (its galley laid out again, its count redone).
//! And the whole app's frame while a 5,000-character draft is typed into
//! in the 600-member demo ledger.
//! Goal: under 4 ms of CPU, a quarter of a 60 Hz frame.
//!
//! `cargo bench --bench analysis`

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, vec2};
use zhibu::model::analysis::{Analysis, DraftParts, Revision};
use zhibu::model::member::Member;
use zhibu::model::{AnalysisId, Date, Ledger, MemberId, Stage};
use zhibu::ui::screens::appraisal::analysis::field_id;
use zhibu::ui::screens::appraisal::{AppraisalState, AppraisalTab, appraisal_ui};
use zhibu::ui::screens::gate::MoveDraft;
use zhibu::ui::{AppConfig, Screen, ZhibuApp};

const TODAY: Date = Date::constant(2026, 11, 24);

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 768.0))),
        events,
        ..Default::default()
    }
}

/// A paragraph of about `n` characters, in lines of about 60.
fn text(n: usize) -> String {
    let sentence = "对照党章和支部要求，查找自身在学习和工作中存在的不足，";
    let mut out = String::new();
    while out.chars().count() < n {
        out.push_str(sentence);
        out.push_str(sentence);
        out.push('\n');
    }
    out
}

fn ledger() -> (Ledger, MemberId) {
    let mut ledger = Ledger::default();
    ledger.campaign.stage = Stage::Appraisal;
    for i in 0..60 {
        let id = MemberId(ledger.next_id());
        ledger.members.push(Member {
            id,
            name: format!("党员{i}"),
            ..Member::default()
        });
    }
    let member = ledger.members[0].id;
    let parts = DraftParts {
        opening: text(8_000),
        problems: std::array::from_fn(|_| text(5_000)),
        causes: text(8_000),
        direction: text(10_000),
    };
    let revision = Revision {
        date: Date::constant(2006, 1, 20),
        parts,
        ..Revision::default()
    };
    let id = AnalysisId(ledger.next_id());
    ledger.analyses.push(
        Analysis {
            id,
            member,
            revisions: vec![revision],
            ..Analysis::default()
        }
        .into(),
    );
    (ledger, member)
}

fn analysis_frame(c: &mut Criterion) {
    let (ledger, member) = ledger();
    let chars = ledger.analyses[0].chars();
    assert!(chars >= 50_000, "{chars}");
    let ctx = egui::Context::default();
    zhibu::ui::fonts::install(&ctx);
    let mut state = AppraisalState::default();
    state.tab = AppraisalTab::Analysis;
    state.analysis.show_member(&ledger, member);
    let mut stage_move = MoveDraft::default();
    let frame = |state: &mut AppraisalState, stage_move: &mut MoveDraft, events: Vec<Event>| {
        let mut actions = Vec::new();
        let mut output = ctx.run_ui(input(events), |ui| {
            appraisal_ui(ui, &ledger, 1, state, stage_move, TODAY, &mut actions);
        });
        // Nothing uploads the font atlas here (checked when built with debug assertions).
        output.textures_delta.clear();
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    };
    for _ in 0..5 {
        frame(&mut state, &mut stage_move, Vec::new());
    }
    c.bench_function("analysis frame, 50k-character draft", |b| {
        b.iter(|| frame(&mut state, &mut stage_move, Vec::new()))
    });
    ctx.memory_mut(|m| m.request_focus(field_id(member, 0)));
    frame(&mut state, &mut stage_move, vec![Event::Text("字".to_owned())]);
    let mut unsaved = Vec::new();
    state.analysis.unsaved(&ledger, &mut unsaved);
    assert_eq!(unsaved.len(), 1, "the typed character reached the draft");
    c.bench_function("analysis frame, one character typed into a 50k draft", |b| {
        b.iter(|| frame(&mut state, &mut stage_move, vec![Event::Text("字".to_owned())]))
    });
}

/// The whole app's frame on the 600-member demo ledger, 分析评议 · 党性分析
/// open at the member whose draft is nearest 5,000 characters, one
/// character typed into it each frame: the editor, the member list, the
/// side column and the question every frame asks each screen (what it
/// holds unsaved: the draft against the one saved).
fn app_frame_600(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = zhibu::demo::demo_ledger(600, TODAY);
    let (member, chars) = ledger
        .analyses
        .iter()
        .map(|a| (a.member, a.chars()))
        .min_by_key(|&(_, chars)| chars.abs_diff(5_000))
        .expect("the demo writes analyses");
    assert!((4_500..=5_500).contains(&chars), "{chars}");
    let path = dir.path().join("支部台账.ron");
    zhibu::store::save(&path, &ledger, None).expect("save");
    let config = AppConfig {
        data_dir: dir.path().join("data"),
        prefs_path: None,
        today: TODAY,
    };
    let mut app = ZhibuApp::new(config, Some(path));
    let Some(doc) = app.doc.as_ref() else {
        panic!("the ledger opens");
    };
    assert_eq!(doc.ledger.members.len(), 600);
    app.screen = Screen::Appraisal;
    app.appraisal.tab = AppraisalTab::Analysis;
    app.appraisal.analysis.show_member(&doc.ledger, member);
    let ctx = egui::Context::default();
    zhibu::ui::fonts::install(&ctx);
    let frame = |app: &mut ZhibuApp, events: Vec<Event>| {
        let output = ctx.run_ui(input(events), |ui| app.frame_ui(ui));
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    };
    for _ in 0..5 {
        frame(&mut app, Vec::new());
    }
    ctx.memory_mut(|m| m.request_focus(field_id(member, 0)));
    frame(&mut app, vec![Event::Text("字".to_owned())]);
    assert_eq!(app.unsaved().len(), 1, "the typed character reached the draft");
    c.bench_function(
        "app frame 600 members, one character typed into a 5,000-character draft",
        |b| b.iter(|| frame(&mut app, vec![Event::Text("字".to_owned())])),
    );
}

criterion_group!(benches, analysis_frame, app_frame_600);
criterion_main!(benches);
