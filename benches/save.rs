//! P1: the autosave of the 60-member demo ledger as the window runs it —
//! after one edit (a sentence in an analysis, an attendance mark, a phone
//! number, a talk's outcome, by turns), with the memory of the last save:
//! the changed parts written and read back, the checksum, a temp file,
//! fsync, rename, fsync of the folder — against the physical floor:
//! writing the same bytes to a temp file, fsync, rename and folder fsync.
//! Goal: the save ≤ 2× the floor. Prints the ratio of the medians measured
//! in this run, a save that remembers nothing (with its backup copy) for
//! comparison, and what the window waits for (the autosave runs on a
//! thread). Then the first save after opening a file (60 and 600
//! members), which reuses the text just read (issue 23).
//!
//! `cargo bench --bench save` (`SAVE_FIRST_ONLY=600` runs only the first
//! save after opening, at 600 members)

// The program's allocator, so that the figures are the program's.
zhibu::program_allocator!();

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use zhibu::model::Date;
use zhibu::store::{KeepBackup, SaveMemory, save_with};

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

/// One edit of the kind a secretary makes between two autosaves, by turns:
/// a sentence typed into a member's analysis draft, an attendance mark, a
/// member's phone number, a talk card's outcome.
fn edit(ledger: &mut zhibu::model::Ledger, round: usize) {
    let n = round / 4;
    match round % 4 {
        0 => {
            let i = n % ledger.analyses.len();
            if let Some(draft) = ledger.analyses[i].revisions.last_mut() {
                draft.text.push_str("再补充一句：联系群众还不够紧密。");
            }
        }
        1 => {
            let member = ledger.members[n % ledger.members.len()].id;
            let i = n % ledger.study.sessions.len();
            let sessions = &mut ledger.study.sessions;
            let mark = if round % 8 == 1 {
                zhibu::model::study::Attendance::Absent
            } else {
                zhibu::model::study::Attendance::Present
            };
            sessions[i].attendance.insert(member, mark);
        }
        2 => {
            let i = n % ledger.members.len();
            ledger.members[i].phone = format!("1390000{round:04}");
        }
        _ => {
            let i = n % ledger.talks.len();
            ledger.talks[i].outcome.push_str("已落实。");
        }
    }
}

fn main() {
    let dir = tempfile::tempdir_in(".").expect("temp dir beside the project (a real disk, not tmpfs)");
    // `SAVE_FIRST_ONLY=600`: only the first save after opening, at that
    // many members (for a profiler).
    if let Some(members) = std::env::var("SAVE_FIRST_ONLY").ok().and_then(|n| n.parse().ok()) {
        first_save_after_open(dir.path(), members);
        return;
    }
    let mut ledger = zhibu::demo::demo_ledger(60, Date::constant(2026, 11, 24));
    let path = dir.path().join("支部台账.ron");
    let mut memory = SaveMemory::default();
    let mut header = save_with(&path, &ledger, None, &mut memory, KeepBackup::Yes)
        .expect("first save")
        .header;
    // The autosave as the window runs it: one edit, then a save with the
    // memory of the last one, no backup copy (one every 5 minutes).
    // Alternate with the floor so that disk noise falls on both alike.
    let (mut ours, mut floor, mut undo_steps) = (Vec::new(), Vec::new(), Vec::new());
    let mut fresh = Vec::new();
    for round in 0..ROUNDS {
        let before = ledger.clone();
        edit(&mut ledger, round);
        undo_steps.push(before);
        let start = Instant::now();
        header = save_with(&path, &ledger, Some(&header), &mut memory, KeepBackup::No)
            .expect("save")
            .header;
        ours.push(start.elapsed());
        fresh.push(memory.pieces.fresh_in_last_save());
        let bytes = fs::read(&path).expect("read back");
        let start = Instant::now();
        raw_save(dir.path(), &bytes);
        floor.push(start.elapsed());
    }
    let bytes = fs::read(&path).expect("read back");
    // For comparison: a save that remembers nothing and keeps a backup
    // (the first save of a session, Ctrl+S after a restart), and where its
    // time goes.
    let (mut cold, mut render, mut check, mut reread) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS / 3 {
        let start = Instant::now();
        header = zhibu::store::save(&path, &ledger, Some(&header)).expect("save").header;
        cold.push(start.elapsed());
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
    // What the window itself waits for: the copy of the records handed to
    // the saving thread.
    let mut copy = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let copied = std::hint::black_box(ledger.clone());
        copy.push(start.elapsed());
        drop(copied);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (ours, floor, cold) = (median(ours), median(floor), median(cold));
    fresh.sort_unstable();
    println!(
        "P1 autosave after one edit, 60 members ({} KiB): {:.2} ms; raw write+fsync+rename: {:.2} ms; ratio {:.2} (goal ≤ 2)",
        bytes.len() / 1024,
        ms(ours),
        ms(floor),
        ours.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "  parts of the records written afresh per autosave: median {}, most {}",
        fresh[fresh.len() / 2],
        fresh[fresh.len() - 1]
    );
    println!(
        "  a save remembering nothing, with its backup copy: {:.2} ms (ratio {:.2}); of which the whole text {:.2} ms \
         (read-back parse alone {:.2} ms), the full overwrite check {:.2} ms",
        ms(cold),
        cold.as_secs_f64() / floor.as_secs_f64(),
        ms(median(render)),
        ms(median(reread)),
        ms(median(check))
    );
    println!(
        "  the window waits only for the copy of the records handed to the saving thread: {:.3} ms; \
         {} undo steps kept",
        ms(median(copy)),
        undo_steps.len()
    );
    for members in [60, 600] {
        first_save_after_open(dir.path(), members);
    }
}

/// The first save after opening a file (`store::load_remembering`, as the
/// window opens one), after one edit, without its backup copy; against
/// the floor, alternating, medians.
fn first_save_after_open(dir: &Path, members: usize) {
    let path = dir.join(format!("打开后-{members}.ron"));
    let ledger = zhibu::demo::demo_ledger(members, Date::constant(2026, 11, 24));
    zhibu::store::save(&path, &ledger, None).expect("save the demo");
    let rounds = if members >= 600 { 9 } else { 21 };
    let (mut ours, mut floor, mut fresh) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (loaded, mut memory) = zhibu::store::load_remembering(&path).expect("open");
        let mut edited = loaded.ledger.clone();
        edit(&mut edited, round);
        let start = Instant::now();
        save_with(&path, &edited, Some(&loaded.header), &mut memory, KeepBackup::No).expect("first save");
        ours.push(start.elapsed());
        fresh.push(memory.pieces.fresh_in_last_save());
        let bytes = fs::read(&path).expect("read back");
        let start = Instant::now();
        raw_save(dir, &bytes);
        floor.push(start.elapsed());
    }
    let size = fs::metadata(&path).map_or(0, |m| m.len());
    let (ours, floor) = (median(ours), median(floor));
    println!(
        "P1 first save after opening, one edit, {members} members ({} KiB): {:.2} ms; raw write+fsync+rename: {:.2} ms; \
         ratio {:.2} (goal ≤ 2); parts written afresh: most {}",
        size / 1024,
        ours.as_secs_f64() * 1e3,
        floor.as_secs_f64() * 1e3,
        ours.as_secs_f64() / floor.as_secs_f64(),
        fresh.iter().max().copied().unwrap_or(0)
    );
}
