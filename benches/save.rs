//! P1: one autosave of the 60-member demo ledger (serialise, checksum,
//! write a temp file, fsync, rename, fsync the folder, copy into backups/,
//! prune) against the physical floor: writing the same bytes to a temp
//! file, fsync, rename and folder fsync. Goal: the save ≤ 2× the floor.
//! Prints the ratio of the medians measured in this run, where the time
//! goes, and what the window waits for (the autosave runs on a thread).
//!
//! `cargo bench --bench save`

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use zhibu::model::Date;

const ROUNDS: usize = 60;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Write, fsync, rename, fsync the folder: what any safe save must do.
fn raw_save(dir: &Path, bytes: &[u8]) {
    let temp = dir.join(".raw.tmp");
    let target = dir.join("raw.ron");
    let mut file = File::create(&temp).expect("create");
    file.write_all(bytes).expect("write");
    file.sync_all().expect("fsync");
    drop(file);
    fs::rename(&temp, &target).expect("rename");
    File::open(dir).expect("open dir").sync_all().expect("fsync dir");
}

fn main() {
    let dir = tempfile::tempdir_in(".").expect("temp dir beside the project (a real disk, not tmpfs)");
    let ledger = zhibu::demo::demo_ledger(60, Date::constant(2026, 11, 24));
    let path = dir.path().join("支部台账.ron");
    let mut header = zhibu::store::save(&path, &ledger, None).expect("first save").header;
    let bytes = fs::read(&path).expect("read back");
    // Alternate the two so that disk noise falls on both alike.
    let (mut ours, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        header = zhibu::store::save(&path, &ledger, Some(&header)).expect("save").header;
        ours.push(start.elapsed());
        let start = Instant::now();
        raw_save(dir.path(), &bytes);
        floor.push(start.elapsed());
    }
    // Where the save's time goes, measured apart: the text (serialise,
    // escape, read back and compare, checksum), the check that the file on
    // disk is the one last saved, and the read-back parse on its own.
    let (mut render, mut check, mut reread) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS / 3 {
        let start = Instant::now();
        let text = zhibu::store::to_text(&ledger, 1).expect("text");
        render.push(start.elapsed());
        let start = Instant::now();
        zhibu::store::check_overwrite(&path, Some(&header)).expect("check");
        check.push(start.elapsed());
        let start = Instant::now();
        zhibu::store::from_text(&text, &path).expect("parse");
        reread.push(start.elapsed());
    }
    // What the window itself waits for: the autosave runs on a thread of
    // its own with a copy of the records, so the window's part is the copy.
    let mut copy = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let copied = std::hint::black_box(ledger.clone());
        copy.push(start.elapsed());
        drop(copied);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let parts = format!(
        "  of which: text {:.2} ms (read-back parse alone {:.2} ms), overwrite check {:.2} ms",
        ms(median(render)),
        ms(median(reread)),
        ms(median(check))
    );
    let (ours, floor) = (median(ours), median(floor));
    println!(
        "P1 autosave of 60 members ({} KiB): {:.2} ms; raw write+fsync+rename: {:.2} ms; ratio {:.2} (goal ≤ 2)",
        bytes.len() / 1024,
        ours.as_secs_f64() * 1e3,
        floor.as_secs_f64() * 1e3,
        ours.as_secs_f64() / floor.as_secs_f64()
    );
    println!("{parts}");
    println!(
        "  the window waits only for the copy of the records handed to the saving thread: {:.2} ms",
        ms(median(copy))
    );
}
