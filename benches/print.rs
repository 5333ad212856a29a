//! P5: the 党员对照检查清单 of a 150-member branch, from the ledger to PDF
//! bytes (checklist, layout with line breaking and page breaks, krilla with
//! the font subset). Goal: under 0.5 s. Prints the median of the layout
//! alone and of the whole.
//!
//! `cargo bench --bench print`

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use std::time::{Duration, Instant};

use zhibu::model::Date;
use zhibu::report::pdf::{self, Doc, Request, render};

const ROUNDS: usize = 15;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let today = Date::constant(2026, 11, 24);
    let ledger = zhibu::demo::demo_ledger(150, today);
    let request = Request::new(Doc::Checklist, today);
    let (mut layouts, mut wholes) = (Vec::new(), Vec::new());
    let mut pages = 0;
    let mut size = 0;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let layout = pdf::layout(&ledger, &request, &|_| {}).expect("layout");
        layouts.push(start.elapsed());
        let bytes = render::pdf(&layout).expect("pdf");
        wholes.push(start.elapsed());
        pages = layout.pages.len();
        size = bytes.len();
    }
    let (layout, whole) = (median(layouts), median(wholes));
    println!(
        "P5 checklist, 150 members: {pages} pages, {} KB; layout {:.1} ms, layout + PDF {:.1} ms (goal < 500 ms): {}",
        size / 1024,
        layout.as_secs_f64() * 1000.0,
        whole.as_secs_f64() * 1000.0,
        if whole < Duration::from_millis(500) {
            "met"
        } else {
            "MISSED"
        }
    );
}
