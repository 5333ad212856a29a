//! P5 (county part): the county roll-up of 500 branches' export files —
//! read each file, check its checksum and format, parse it, keep the newest
//! file of each branch, and build the county table with its totals and
//! averages. The files are made beforehand by the demo generator at small
//! member counts (8–47 members) with varied branch and town names, as
//! the program writes them by default (figures only), and once more with
//! the records included. Goal: the default roll-up under 2 s.
//!
//! `cargo bench --bench county`

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use zhibu::model::Date;
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

criterion_group!(benches, county);
criterion_main!(benches);
