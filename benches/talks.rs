//! One frame of the 谈心谈话 tab at 10,000 talk cards for 500 members,
//! headless: layout, painting and tessellation of the whole appraisal
//! screen on that tab, with the card list sorted by date (the default) and
//! by participant with a search typed, and the per-member counts and the
//! committee grid. Goal: under 4 ms of CPU, a quarter of a 60 Hz frame.
//!
//! `cargo bench --bench talks`

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use zhibu::model::{Date, Ledger, TalkId};
use zhibu::ui::screens::appraisal::{AppraisalState, AppraisalTab, AppraisalTarget, appraisal_ui};
use zhibu::ui::screens::gate::MoveDraft;

const TODAY: Date = Date::constant(2026, 11, 24);
const CARDS: usize = 10_000;

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 768.0))),
        ..Default::default()
    }
}

/// The 500-member demo branch with its cards copied until there are 10,000.
fn ledger() -> Ledger {
    let mut ledger = zhibu::demo::demo_ledger(500, TODAY);
    let originals = ledger.talks.clone();
    assert!(!originals.is_empty());
    for card in originals.iter().cycle() {
        if ledger.talks.len() >= CARDS {
            break;
        }
        let mut copy = card.clone();
        copy.id = TalkId(ledger.next_id());
        ledger.talks.push(copy);
    }
    ledger
}

fn talks_frame(c: &mut Criterion) {
    let ledger = ledger();
    assert_eq!((ledger.members.len(), ledger.talks.len()), (500, CARDS));
    let ctx = egui::Context::default();
    zhibu::ui::fonts::install(&ctx);
    let mut state = AppraisalState::default();
    state.go(
        &ledger,
        AppraisalTarget {
            tab: AppraisalTab::Talks,
            member: None,
        },
    );
    let mut stage_move = MoveDraft::default();
    let mut frame = |state: &mut AppraisalState| {
        let mut actions = Vec::new();
        let output = ctx.run_ui(input(), |ui| {
            appraisal_ui(ui, &ledger, 1, state, &mut stage_move, TODAY, &mut actions);
        });
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    };
    // Let the fonts' glyph atlas fill (and the standings be worked out once).
    for _ in 0..5 {
        frame(&mut state);
    }
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let start = Instant::now();
            frame(&mut state);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "talks tab, {CARDS} cards × 500 members: median {:.2} ms per frame",
        times[times.len() / 2]
    );

    c.bench_function("talks cards by date 10000", |b| b.iter(|| frame(&mut state)));
    state.talks.sort = zhibu::ui::table::ListSort::descending(zhibu::ui::screens::appraisal::TalkSort::People.column());
    state.talks.search = "张".into();
    c.bench_function("talks cards by people with search 10000", |b| {
        b.iter(|| frame(&mut state))
    });
    state.talks.view = zhibu::ui::screens::appraisal::TalksView::Counts;
    c.bench_function("talks counts 500 members", |b| b.iter(|| frame(&mut state)));
    state.talks.view = zhibu::ui::screens::appraisal::TalksView::Pairs;
    c.bench_function("talks committee pairs 10000", |b| b.iter(|| frame(&mut state)));
}

criterion_group!(benches, talks_frame);
criterion_main!(benches);
