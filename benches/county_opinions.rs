//! Issue 24's scale for the opinion ledgers: 500 branches' exports with
//! their records (demo branches of 8–47 members, varied names, each signed
//! by its own key) rolled up with the records read, then the county's
//! opinion ledgers built from them (总账, 分账, the counts) — parse +
//! ledgers, as `zhibu county … --report` and the 县级汇总 screen do it:
//! the roll-up of the figures, then each used file read again for its
//! members' names and opinions only ([`OpinionLedgers::read`]); once for
//! comparison with every ledger parsed whole.
//! Goal: ≤ 2 s on this 2-core machine. The peak resident size is printed.
//!
//! `cargo bench --bench county_opinions`

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use zhibu::model::Date;
use zhibu::report::county::opinions::OpinionLedgers;
use zhibu::report::county::{Trust, roll_up, roll_up_with_records};
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

/// Writes `BRANCHES` exports with records into `dir`: 40 ledgers of 8–47
/// members as templates, each export under its own branch name and key.
fn make_exports(dir: &Path) -> Vec<PathBuf> {
    let today = Date::constant(2006, 3, 10);
    let at = today.at(17, 0, 0, 0);
    let options = ExportOptions {
        include_records: true,
        include_personal: false,
    };
    let templates: Vec<_> = (0..40).map(|i| zhibu::demo::demo_ledger(8 + i, today)).collect();
    (0..BRANCHES)
        .map(|i| {
            let mut ledger = templates[i % templates.len()].clone();
            let town = TOWNS[i % TOWNS.len()];
            ledger.branch.name = format!("{town}第{}村党支部", i / TOWNS.len() + 1);
            ledger.branch.superior = format!("中共{town}委员会");
            let figures = zhibu::progress::figures(&ledger, today);
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
            let key = SigningKey::from_bytes(&seed);
            export_file::write(dir, &ledger, &figures, options, at, &key).expect("write export")
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

/// The roll-up (figures only), then the ledgers from each used file read
/// light (names and opinions only): how many distinct opinions.
fn whole(paths: &[PathBuf]) -> usize {
    let rollup = roll_up(paths, |_| {});
    assert_eq!(rollup.rows.len(), BRANCHES, "every branch used");
    let (ledgers, problems) = OpinionLedgers::read(&rollup);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(ledgers.units.len(), BRANCHES, "every branch's records read");
    ledgers.entries.len()
}

/// The same with the roll-up parsing every ledger whole
/// ([`roll_up_with_records`]), for comparison.
fn whole_full(paths: &[PathBuf]) -> usize {
    let rollup = roll_up_with_records(paths, &Trust::default(), |_| {});
    assert_eq!(rollup.rows.len(), BRANCHES, "every branch used");
    let ledgers = OpinionLedgers::of_rollup(&rollup, |_| false);
    assert_eq!(ledgers.units.len(), BRANCHES, "every branch's records read");
    ledgers.entries.len()
}

fn opinions(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = make_exports(dir.path());
    let size: u64 = paths.iter().map(|p| p.metadata().map_or(0, |m| m.len())).sum();
    let before = peak_mb().unwrap_or(0.0);
    let started = Instant::now();
    let entries = whole(&paths);
    println!(
        "{BRANCHES} exports with records ({:.0} MB): roll-up + opinion ledgers ({entries} distinct opinions) in {:.2} s (goal ≤ 2 s); peak memory {:.0} MB (before {before:.0} MB)",
        size as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        peak_mb().unwrap_or(0.0)
    );
    let started = Instant::now();
    assert_eq!(whole_full(&paths), entries);
    println!(
        "the same parsing every ledger whole: {:.2} s; peak memory {:.0} MB",
        started.elapsed().as_secs_f64(),
        peak_mb().unwrap_or(0.0)
    );
    let mut group = c.benchmark_group("county_opinions");
    group.sample_size(10);
    group.bench_function("roll-up of 500 exports with records + opinion ledgers", |b| {
        b.iter(|| whole(&paths))
    });
    group.finish();
}

criterion_group!(benches, opinions);
criterion_main!(benches);
