//! P5 (county part): the county roll-up of 500 branches' export files —
//! read each file, check its checksum and format, parse it, keep the newest
//! file of each branch, and build the county table with its totals and
//! averages. The files are made beforehand by the demo generator at small
//! member counts (8–47 members) with varied branch and town names, as
//! the program writes them by default (figures only), and once more with
//! the records included. Goal: the default roll-up under 2 s.
//!
//! Issue 24's scale: 10,000 branch exports (figures only, each signed by
//! its own key) written once into a temp dir, then the whole roll-up timed
//! — read, checksum, signature, verdict, table with the subtotals per
//! 上级党委. Goal: ≤ 2 s on this 2-core machine, memory ≤ 1 GB (the peak
//! resident size of the benchmark process is printed).
//!
//! `cargo bench --bench county`

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use std::path::{Path, PathBuf};

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use zhibu::model::Date;
use zhibu::report::county::groups::Grouping;
use zhibu::report::county::{RollUp, roll_up};
use zhibu::report::signature::SigningKey;
use zhibu::report::{ExportOptions, export_file};

const BRANCHES: usize = 500;
const TOWNS: [&str; 10] = [
    "青山镇",
    "城关镇",
    "东湖乡",
    "柳河镇",
    "石桥乡",
    "白沙镇",
    "新华街道",
    "桃源乡",
    "龙泉镇",
    "红旗街道",
];

/// Writes `BRANCHES` export files into `dir` and returns their paths.
fn make_exports(dir: &Path, options: ExportOptions) -> Vec<PathBuf> {
    let today = Date::constant(2006, 3, 10);
    let at = today.at(17, 0, 0, 0);
    (0..BRANCHES)
        .map(|i| {
            let mut ledger = zhibu::demo::demo_ledger(8 + i % 40, today);
            let town = TOWNS[i % TOWNS.len()];
            ledger.branch.name = format!("{town}第{}村党支部", i / TOWNS.len() + 1);
            ledger.branch.superior = format!("中共{town}委员会");
            let figures = zhibu::progress::figures(&ledger, today);
            let key = SigningKey::from_bytes(&[u8::try_from(i % 251).unwrap_or(0); 32]);
            export_file::write(dir, &ledger, &figures, options, at, &key).expect("write export")
        })
        .collect()
}

const MANY: usize = 10_000;

/// Writes `MANY` small figures-only exports into `dir`: 40 ledgers of
/// 8–47 members as templates, each export under its own branch name, town
/// and key.
fn make_many(dir: &Path) -> Vec<PathBuf> {
    let today = Date::constant(2006, 3, 10);
    let at = today.at(17, 0, 0, 0);
    let templates: Vec<_> = (0..40)
        .map(|i| {
            let ledger = zhibu::demo::demo_ledger(8 + i, today);
            let figures = zhibu::progress::figures(&ledger, today);
            (ledger, figures)
        })
        .collect();
    (0..MANY)
        .map(|i| {
            let (template, figures) = &templates[i % templates.len()];
            let mut ledger = template.clone();
            let town = TOWNS[i % TOWNS.len()];
            ledger.branch.name = format!("{town}第{}支部", i / TOWNS.len() + 1);
            ledger.branch.superior = format!("中共{town}委员会");
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
            let key = SigningKey::from_bytes(&seed);
            export_file::write(dir, &ledger, figures, ExportOptions::default(), at, &key).expect("write export")
        })
        .collect()
}

/// The peak resident size of this process so far, in MB (Linux).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The whole roll-up of `paths` as `zhibu county` makes it, without
/// writing: read, verify, verdict, the table and the subtotals.
fn whole(paths: &[PathBuf]) -> (RollUp, usize) {
    let rollup = roll_up(paths, |_| {});
    let lines = rollup.table().rows.len() + rollup.group_table(Grouping::Superior).rows.len();
    (rollup, lines)
}

fn many(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let paths = make_many(dir.path());
    println!(
        "{MANY} exports written in {:.1} s, peak memory so far {:.0} MB",
        started.elapsed().as_secs_f64(),
        peak_mb().unwrap_or(0.0)
    );
    let before = peak_mb().unwrap_or(0.0);
    let started = Instant::now();
    let (rollup, lines) = whole(&paths);
    let took = started.elapsed().as_secs_f64();
    assert_eq!(rollup.rows.len(), MANY, "every branch used");
    assert!(lines > MANY);
    println!(
        "roll-up of {MANY} exports (read + verify + verdict + table + subtotals): {took:.2} s (goal ≤ 2 s); peak memory {:.0} MB (before the roll-up {before:.0} MB; goal ≤ 1024 MB)",
        peak_mb().unwrap_or(0.0)
    );
    drop(rollup);
    let mut group = c.benchmark_group("county");
    group.sample_size(10);
    group.bench_function("roll-up of 10,000 exports (figures only) + table + subtotals", |b| {
        b.iter(|| whole(&paths).1)
    });
    group.finish();
}

fn check(rollup: &RollUp) {
    assert_eq!(rollup.rows.len(), BRANCHES, "every branch used");
    assert_eq!(rollup.table().rows.len(), BRANCHES + 2);
}

fn county(c: &mut Criterion) {
    let figures_only = tempfile::tempdir().expect("temp dir");
    let paths = make_exports(figures_only.path(), ExportOptions::default());
    let with_records = tempfile::tempdir().expect("temp dir");
    let full = ExportOptions {
        include_records: true,
        include_personal: false,
    };
    let record_paths = make_exports(with_records.path(), full);
    let size = |paths: &[PathBuf]| paths.iter().map(|p| p.metadata().map_or(0, |m| m.len())).sum::<u64>();
    println!(
        "500 exports: {:.1} MB figures only, {:.1} MB with records",
        size(&paths) as f64 / 1e6,
        size(&record_paths) as f64 / 1e6
    );
    check(&roll_up(&paths, |_| {}));
    check(&roll_up(&record_paths, |_| {}));
    let mut group = c.benchmark_group("county");
    group.sample_size(10);
    group.bench_function("roll-up of 500 exports (figures only) + table", |b| {
        b.iter(|| {
            let rollup = roll_up(&paths, |_| {});
            rollup.table()
        })
    });
    group.bench_function("roll-up of 500 exports with records + table", |b| {
        b.iter(|| {
            let rollup = roll_up(&record_paths, |_| {});
            rollup.table()
        })
    });
    group.bench_function("county workbook of 500 branches", |b| {
        let rollup = roll_up(&paths, |_| {});
        b.iter(|| rollup.workbook().expect("workbook"))
    });
    group.finish();
}

criterion_group!(benches, county, many);
criterion_main!(benches);
