//! One frame of the attendance matrix (考勤总表) at 500 members × 100
//! sessions, headless: layout, painting and tessellation, with and without
//! working out every member's hours (the learning screen does both each
//! frame). Goal: under 4 ms of CPU, a quarter of a 60 Hz frame.
//!
//! `cargo bench --bench matrix`

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use zhibu::model::Date;
use zhibu::progress::hours_of_all;
use zhibu::ui::screens::learning::matrix::{MatrixState, matrix_ui};

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 768.0))),
        ..Default::default()
    }
}

fn matrix_frame(c: &mut Criterion) {
    let ledger = zhibu::demo::demo_ledger_with_sessions(500, 100, Date::constant(2026, 11, 24));
    assert_eq!((ledger.members.len(), ledger.study.sessions.len()), (500, 100));
    let hours = hours_of_all(&ledger);
    let ctx = egui::Context::default();
    zhibu::ui::fonts::install(&ctx);
    let mut state = MatrixState::default();
    let mut frame = |with_hours: bool| {
        let output = ctx.run_ui(input(), |ui| {
            let computed;
            let hours = if with_hours {
                computed = hours_of_all(&ledger);
                &computed
            } else {
                &hours
            };
            std::hint::black_box(matrix_ui(ui, &ledger, hours, &mut state));
        });
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    };
    // Let the fonts' glyph atlas fill before measuring.
    for _ in 0..5 {
        frame(false);
    }
    c.bench_function("matrix frame 500x100", |b| b.iter(|| frame(false)));
    c.bench_function("matrix frame 500x100 with hours", |b| b.iter(|| frame(true)));
    c.bench_function("hours of 500 members x 100 sessions", |b| {
        b.iter(|| std::hint::black_box(hours_of_all(&ledger)))
    });
}

criterion_group!(benches, matrix_frame);
criterion_main!(benches);
