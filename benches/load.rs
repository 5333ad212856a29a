//! Load time against ledger size: parsing a ledger of 10× the members must
//! take about 10× the time (ron 0.12.2 parsed numbers in quadratic time;
//! 0.12.3 does not). Fixed inputs: the demo branch at 60, 600 and 6,000
//! members. Prints the median of several runs and the ratios.
//!
//!     cargo bench --bench load

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use std::path::Path;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use zhibu::model::Date;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let today = Date::constant(2026, 11, 24);
    let sizes = [60usize, 600, 6000];
    let mut results = Vec::new();
    for &members in &sizes {
        let ledger = zhibu::demo::demo_ledger(members, today);
        let text = match zhibu::store::to_text(&ledger, 1) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("{err}");
                std::process::exit(1);
            }
        };
        let runs = if members >= 6000 { 5 } else { 11 };
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            let loaded = zhibu::store::from_text(&text, Path::new("bench.ron"));
            samples.push(start.elapsed());
            assert!(loaded.is_ok());
        }
        let time = median(samples);
        println!(
            "load {members:>5} members: {:>9.2} ms, {:>6.1} MB, {:>7.1} µs/member",
            time.as_secs_f64() * 1e3,
            text.len() as f64 / 1e6,
            time.as_secs_f64() * 1e6 / members as f64
        );
        // The least any load of this file must do: check the bytes are
        // text and that the checksum matches. And the analyses' own text,
        // which the ledger must hold however it is stored.
        let floor = median(
            (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    let valid = std::str::from_utf8(text.as_bytes()).is_ok();
                    std::hint::black_box((valid, Sha256::digest(text.as_bytes())));
                    start.elapsed()
                })
                .collect(),
        );
        let analyses: String = ledger
            .analyses
            .iter()
            .flat_map(|a| a.revisions.iter())
            .flat_map(|r| [r.text.clone(), r.parts.full_text()])
            .collect();
        let analyses_floor = median(
            (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    let valid = std::str::from_utf8(analyses.as_bytes()).is_ok();
                    std::hint::black_box((valid, Sha256::digest(analyses.as_bytes())));
                    start.elapsed()
                })
                .collect(),
        );
        println!(
            "      floor (UTF-8 check + SHA-256 of the file): {:.2} ms; the analyses' text alone: {:.1} MB, \
             its UTF-8 check + SHA-256 {:.2} ms",
            floor.as_secs_f64() * 1e3,
            analyses.len() as f64 / 1e6,
            analyses_floor.as_secs_f64() * 1e3
        );
        results.push((members, time, text.len()));
    }
    for pair in results.windows(2) {
        let (a, ta, la) = pair[0];
        let (b, tb, lb) = pair[1];
        println!(
            "{b} vs {a} members: {:.1}× the bytes took {:.1}× the time; time per byte {:.2}× (goal: about 1×, at most 1.2×)",
            lb as f64 / la as f64,
            tb.as_secs_f64() / ta.as_secs_f64(),
            (tb.as_secs_f64() / lb as f64) / (ta.as_secs_f64() / la as f64)
        );
    }
}
